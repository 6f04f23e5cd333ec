'use strict';
// pinyin.test.js - the person search box: full pinyin and initials (张三 by
// "zhangsan" and "zs"), family-name readings, the last four characters of the
// ID number, phone digits, and input that must not turn into a wildcard.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, createToken, createPerson, startServer, api, idNumber, Client,
	personRows } = require('./lib');

let env, srv, token;
const people = {};

// A valid ID number whose check character is X, to search its tail as "…x".
function idEndingInX() {
	for (let n = 7000; ; n++) {
		const id = idNumber(n);
		if (id.endsWith('X'))
			return id;
	}
}

before(async () => {
	env = initDb();
	token = createToken(env.db, 'admin');
	srv = await startServer(env.db);
	const village = `${TOWNS.enjiang.code}001`;
	people.zhangsan = await createPerson(srv.base, token, { name: '张三', division: village,
		id_number: idNumber(6001), phone: '138-0013-8000' });
	people.zeng = await createPerson(srv.base, token, { name: '曾晓燕', division: village,
		id_number: idEndingInX() });
	people.shan = await createPerson(srv.base, token, { name: '单田芳',
		division: TOWNS.kengtian.code, id_number: idNumber(6003), phone: '139 1234 5678' });
	people.zhangxy = await createPerson(srv.base, token, { name: '张学友',
		division: TOWNS.shima.code, id_number: idNumber(6004) });
});

after(async () => {
	if (srv)
		await srv.stop();
});

// The names /api/v1/persons?q=… finds, sorted.
async function search(q) {
	const res = await api(srv.base, token, 'GET', `/api/v1/persons?limit=100&q=${encodeURIComponent(q)}`);
	assert.equal(res.status, 200, `q=${q}: ${res.text}`);
	assert.equal(res.json.total, res.json.items.length);
	return res.json.items.map((p) => p.name).sort();
}

test('full pinyin and initials find the person', async () => {
	const cases = [
		['zhangsan', ['张三']],
		['zs', ['张三']],
		['zengxiaoyan', ['曾晓燕']],
		['zxy', ['张学友', '曾晓燕']],
		['shantianfang', ['单田芳']],
		['stf', ['单田芳']],
		['zhangxueyou', ['张学友']],
	];
	for (const [q, want] of cases)
		assert.deepEqual(await search(q), want.sort(), `q=${q}`);
});

test('the search is case-insensitive and matches prefixes', async () => {
	assert.deepEqual(await search('ZS'), ['张三']);
	assert.deepEqual(await search('ZhangSan'), ['张三']);
	assert.deepEqual(await search('zhang'), ['张三', '张学友'].sort());
	assert.deepEqual(await search('zhangs'), ['张三']);
	assert.deepEqual(await search('zengx'), ['曾晓燕']);
	assert.deepEqual(await search('zx'), ['张学友', '曾晓燕'].sort());
	// A single letter is too little to be taken for pinyin.
	assert.deepEqual(await search('z'), []);
	// Not a prefix: the middle of a pinyin does not match.
	assert.deepEqual(await search('sanfeng'), []);
	assert.deepEqual(await search('xiaoyan'), []);
});

test('a family name is read as a family name', async () => {
	// 曾 zeng and 单 shan, not their common readings ceng and dan.
	assert.deepEqual(await search('ceng'), []);
	assert.deepEqual(await search('dantianfang'), []);
	assert.deepEqual(await search('shan'), ['单田芳']);
});

test('Chinese text still matches part of the name', async () => {
	assert.deepEqual(await search('张'), ['张三', '张学友'].sort());
	assert.deepEqual(await search('晓燕'), ['曾晓燕']);
});

test('the last four characters of the ID number', async () => {
	const tail = people.zhangsan.id_number.slice(-4);
	const found = await search(tail);
	assert.ok(found.includes('张三'), `q=${tail}: ${found}`);
	const res = await api(srv.base, token, 'GET', `/api/v1/persons?q=${tail}`);
	for (const p of res.json.items)
		assert.ok(p.id_number_masked.endsWith(tail));

	// X as the check character, typed in either case.
	const xtail = people.zeng.id_number.slice(-4);
	assert.match(xtail, /^\d{3}X$/);
	assert.ok((await search(xtail)).includes('曾晓燕'));
	assert.ok((await search(xtail.toLowerCase())).includes('曾晓燕'));
	// Three characters are not an ID tail.
	assert.deepEqual(await search(tail.slice(1)), []);
});

test('phone digits, with the separators ignored', async () => {
	assert.deepEqual(await search('13800138000'), ['张三']);
	assert.deepEqual(await search('0013'), []);           // 4 digits: an ID tail, not a phone
	assert.deepEqual(await search('00138'), ['张三']);
	assert.deepEqual(await search('12345678'), ['单田芳']);
	assert.deepEqual(await search('1391234'), ['单田芳']);
	assert.deepEqual(await search('99999'), []);
});

test('wildcards in the search text are literal', async () => {
	const all = await search('');
	assert.equal(all.length, 4);
	for (const q of ['%', '*', '_', '?', 'z*', 'zh?ng*', '[a-z]*', '*san', '%zs%', "' OR 1=1 --"])
		assert.deepEqual(await search(q), [], `q=${q}`);
});

test('a renamed person is found by the new pinyin only', async () => {
	const url = `/api/v1/persons/${people.zhangxy.id}`;
	const cur = await api(srv.base, token, 'GET', url);
	const res = await api(srv.base, token, 'PATCH', url, { version: cur.json.version, name: '李学友' });
	assert.equal(res.status, 200, res.text);
	assert.deepEqual(await search('lixueyou'), ['李学友']);
	assert.deepEqual(await search('lxy'), ['李学友']);
	assert.deepEqual(await search('zhangxueyou'), []);
	// Leaving the name out of a change keeps the pinyin.
	const again = await api(srv.base, token, 'PATCH', url, { version: res.json.version, note: '改名' });
	assert.equal(again.status, 200, again.text);
	assert.deepEqual(await search('lxy'), ['李学友']);
});

test('the persons page searches the same way', async () => {
	const admin = new Client(srv.base);
	await admin.signIn('admin');
	const page = await admin.get('/persons?q=zs');
	assert.equal(page.status, 200);
	assert.deepEqual(personRows(page.text).map((r) => r.name), ['张三']);
	const none = await admin.get(`/persons?q=${encodeURIComponent('*')}`);
	assert.deepEqual(personRows(none.text), []);
});
