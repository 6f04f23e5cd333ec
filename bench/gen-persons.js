// gen-persons.js - a registry spreadsheet (.csv) of N new persons for the import benchmark.
//
//   node bench/gen-persons.js --rows N --towns 恩江镇,坑田镇,… > persons.csv
//
// Deterministic. Every row is valid: distinct 18-digit ID numbers of the
// county (360825) with the GB 11643 check digit, a township of the county,
// a first-found date after the person's 18th birthday and not in the future.
'use strict';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆汪范金廖贾夏付方邹熊白孟秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文斌辉玉兰萍鹏飞宇浩凯琪婷雪琳晨欣怡佳嘉俊波宁海峰林春梅晓燕东亮成龙福生荣新庆云永胜德宏金水根发'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const DAY = 86400000;

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

function idNumber(area, birth, seq) {
  const body = area + birth + String(seq).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i];
  return body + CHECK[sum % 11];
}

const ymd = (d) => d.toISOString().slice(0, 10);

function main() {
  const rows = Number(arg('rows', '200000'));
  const towns = String(arg('towns', '')).split(',').filter(Boolean);
  if (!(rows > 0) || !towns.length) {
    process.stderr.write('usage: gen-persons.js --rows N --towns NAME,NAME… > FILE.csv\n');
    process.exit(2);
  }
  const first = Date.UTC(1965, 0, 1), days = Math.floor((Date.UTC(2004, 11, 31) - first) / DAY);
  const last = Date.UTC(2025, 11, 31);
  const out = ['身份证号,姓名,联系电话,现住址,管控责任地,成瘾认定,滥用毒品种类,初次发现日期,初次发现单位'];
  for (let i = 0; i < rows; i++) {
    // Birth day and sequence number together are unique for 14,000 × 1,000 rows.
    const b = new Date(first + (i * 7919 % days) * DAY);
    const seq = Math.floor(i / days) * 2 + (i % 2); // odd: male, even: female
    if (seq > 999) throw new Error('too many rows');
    const id = idNumber('360825', ymd(b).replace(/-/g, ''), seq);
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 31) % GIVEN.length] +
      (i % 3 ? GIVEN[(i * 17 + 5) % GIVEN.length] : '');
    const town = towns[i % towns.length];
    const found = new Date(Math.min(last, b.getTime() + (18 * 365 + (i * 13) % 3000) * DAY));
    out.push([id, name, `1${3 + (i % 7)}${String(i * 7703 % 1e9).padStart(9, '0')}`,
      `永丰县${town}${(i % 90) + 1}号`, town, ['吸毒', '吸毒成瘾', '吸毒'][i % 3],
      ['海洛因', '冰毒', '海洛因、冰毒'][i % 3], ymd(found), '永丰县公安局禁毒大队'].join(','));
    if (out.length >= 5000) {
      process.stdout.write(out.join('\n') + '\n');
      out.length = 0;
    }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
}

main();
