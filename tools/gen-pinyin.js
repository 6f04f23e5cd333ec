// gen-pinyin.js - writes the pinyin table that jindu embeds for name search.
//
// Source: the kMandarin field of Unihan_Readings.txt (Debian package
// unicode-data), the most customary reading of every CJK ideograph. Output,
// one ideograph per line, sorted by code point:
//   HEX <SPACE> reading [<SPACE> surname reading]
// e.g. "5F20 zhang", "66FE ceng zeng". Readings are ASCII lower case without
// tones, ü written v (吕 lv); a few are the reading in names rather than the
// first one Unihan gives (长 chang). The surname reading is given only where
// a character read as a family name differs from its common reading; the
// library uses it for the first character of a name (曾 zeng, 单 shan).
'use strict';
const { execFileSync } = require('child_process');

const SOURCE = process.argv[2] || process.env.UNIHAN ||
	'/usr/share/unicode/Unihan_Readings.txt.bz2';

// Family names whose reading differs from the character's common one. Only
// characters whose kMandarin reading is not already the surname reading
// need to be here; the generator drops any entry that would change nothing.
// Compound surnames (尉迟 yuchi, 万俟 moqi, 澹台 tantai) are not handled: 尉
// alone is read wei, as its common reading has it.
const SURNAMES = {
	曾: 'zeng', 单: 'shan', 解: 'xie', 仇: 'qiu', 区: 'ou', 查: 'zha', 朴: 'piao',
	覃: 'qin', 乐: 'yue', 盖: 'ge', 缪: 'miao', 翟: 'zhai', 召: 'shao', 重: 'chong',
	种: 'chong', 折: 'she', 员: 'yun', 秘: 'bi', 繁: 'po', 句: 'gou', 长: 'chang',
	贲: 'ben', 华: 'hua', 任: 'ren', 宁: 'ning', 沈: 'shen', 钟: 'zhong', 万: 'wan',
	厍: 'she', 阚: 'kan', 过: 'guo', 祭: 'zhai', 莘: 'shen', 能: 'nai', 隗: 'wei',
	薄: 'bo', 都: 'du', 角: 'jue', 蔚: 'yu', 宓: 'fu', 乜: 'nie', 粘: 'nian',
	铅: 'yan', 番: 'pan', 颉: 'xie', 炅: 'gui', 朝: 'chao', 藏: 'zang',
	石: 'shi', 柏: 'bai', 车: 'che', 褚: 'chu', 谌: 'chen', 那: 'na', 燕: 'yan',
	纪: 'ji', 卜: 'bu', 缴: 'jiao', 眭: 'sui', 佴: 'nai', 郇: 'huan', 冼: 'xian',
};

// Characters whose first kMandarin reading is not the one they have in
// names, wherever they stand: 长 is zhǎng first, but 长林 is changlin.
const NAME_READINGS = { 长: 'chang', 晟: 'sheng', 卜: 'bu', 什: 'shi' };

// "zhāng" -> "zhang", "lǚ" -> "lv"; null when something else is left.
function plain(reading) {
	const s = reading.normalize('NFD')
		.replace(/u\u0308/g, 'v')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
	return /^[a-z]{1,6}$/.test(s) ? s : null;
}

const text = execFileSync('bzcat', [SOURCE], { encoding: 'utf8', maxBuffer: 256 << 20 });
const table = new Map();
for (const line of text.split('\n')) {
	const m = /^U\+([0-9A-F]{4,6})\tkMandarin\t(\S+)/.exec(line);
	if (!m)
		continue;
	const r = plain(m[2]);
	if (!r)
		throw new Error(`unexpected reading '${m[2]}' for U+${m[1]}`);
	table.set(parseInt(m[1], 16), r);
}
if (table.size < 20000)
	throw new Error(`only ${table.size} readings in ${SOURCE}`);
for (const [ch, r] of Object.entries(NAME_READINGS)) {
	if (!table.has(ch.codePointAt(0)))
		throw new Error(`no reading for ${ch}`);
	table.set(ch.codePointAt(0), r);
}

const surname = new Map();
for (const [ch, r] of Object.entries(SURNAMES)) {
	const cp = ch.codePointAt(0);
	if (!table.has(cp))
		throw new Error(`no reading for the surname ${ch}`);
	if (table.get(cp) !== r)
		surname.set(cp, r);
}

const out = [];
for (const cp of [...table.keys()].sort((a, b) => a - b)) {
	const hex = cp.toString(16).toUpperCase().padStart(4, '0');
	const s = surname.get(cp);
	out.push(s ? `${hex} ${table.get(cp)} ${s}` : `${hex} ${table.get(cp)}`);
}
process.stdout.write(out.join('\n') + '\n');
