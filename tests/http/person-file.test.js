'use strict';
// person-file.test.js - the person file's own rules: a possible duplicate
// (same name and birth date, another ID) must be confirmed, files are
// closed (撤档) and never deleted, and the list filters by measure, risk,
// drug type and special status.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber, checkChar } = require('./lib');

const VILLAGE = `${TOWNS.enjiang.code}001`;
let env, srv, token, admin;

before(async () => {
	env = initDb();
	token = createToken(env.db, 'admin');
	addUser(env.db, 'off_ej', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'off_kt', 'officer', TOWNS.kengtian.code);
	srv = await startServer(env.db);
	admin = new Client(srv.base);
	await admin.signIn('admin');
});

after(async () => {
	if (srv)
		await srv.stop();
});

function person(n, fields = {}) {
	return {
		id_number: idNumber(70000 + n), name: `档案${n}`, division: VILLAGE,
		first_found_date: '2024-05-06', ...fields,
	};
}

test('a file with the same name and birth date as another needs a confirmation', async () => {
	const first = person(1, { name: '同名人' });
	let res = await api(srv.base, token, 'POST', '/api/v1/persons', first);
	assert.equal(res.status, 201);
	// same birth date (the ID's date part), another sequence number
	const twin17 = first.id_number.slice(0, 14) + (first.id_number[14] === '9' ? '1' : '9') +
		first.id_number.slice(15, 17);
	const twin = twin17 + checkChar(twin17);
	res = await api(srv.base, token, 'POST', '/api/v1/persons', { ...first, id_number: twin });
	assert.equal(res.status, 422, JSON.stringify(res.json));
	assert.equal(res.json.error.field, 'confirm_similar');
	assert.match(res.json.error.message, /同名且出生日期相同/);
	// the form shows the confirmation box next to the warning
	const page = await admin.post('/persons', { ...first, id_number: twin });
	assert.equal(page.status, 422);
	assert.match(page.text, /name="confirm_similar" value="1"/);
	res = await api(srv.base, token, 'POST', '/api/v1/persons',
		{ ...first, id_number: twin, confirm_similar: '1' });
	assert.equal(res.status, 201, JSON.stringify(res.json));
});

test('a file is closed with a reason and stays readable; a running measure blocks all but death',
	async () => {
		const p = (await api(srv.base, token, 'POST', '/api/v1/persons', person(2))).json;
		let res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/measures`,
			{ kind: 'community', decision_date: '2024-06-01', division: VILLAGE });
		assert.equal(res.status, 201);
		res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/close`,
			{ reason: 'abroad', date: '2024-07-01' });
		assert.equal(res.status, 422);
		assert.match(res.json.error.message, /执行中的戒毒措施/);
		res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/close`,
			{ reason: 'nonsense', date: '2024-07-01' });
		assert.equal(res.status, 422);
		res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/close`,
			{ reason: 'dead', date: '2024-07-01' });
		assert.equal(res.status, 201);
		const ctl = await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}/control`);
		assert.equal(ctl.json.control_status, 'dead');
		assert.equal(ctl.json.measures[0].status, 'ended');
		assert.equal(ctl.json.measures[0].end_reason, 'death');
		assert.equal(ctl.json.measures[0].actual_end, '2024-07-01');
		const file = await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}`);
		assert.equal(file.status, 200, 'a closed file is still there');
		assert.equal(file.json.closed_reason, 'dead');
		assert.equal(file.json.closed_date, '2024-07-01');
		// closing twice is refused; lists leave closed files out unless asked
		res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/close`,
			{ reason: 'dead', date: '2024-07-01' });
		assert.equal(res.status, 422);
		const open = await api(srv.base, token, 'GET', `/api/v1/persons?q=${encodeURIComponent(p.name)}`);
		assert.equal(open.json.total, 0);
		const all = await api(srv.base, token, 'GET',
			`/api/v1/persons?closed=1&q=${encodeURIComponent(p.name)}`);
		assert.equal(all.json.total, 1);
		const page = await admin.get(`/persons/${p.id}`);
		assert.match(page.text, /已撤档/);
		assert.doesNotMatch(page.text, /action="\/persons\/\d+\/close"/, 'no second close');
	});

test('the list filters by open measure, risk, drug type and special status', async () => {
	const a = (await api(srv.base, token, 'POST', '/api/v1/persons',
		person(3, { drug_types: 'heroin', special_status: 'hiv', addiction: 'severe' }))).json;
	const b = (await api(srv.base, token, 'POST', '/api/v1/persons',
		person(4, { drug_types: 'meth' }))).json;
	let res = await api(srv.base, token, 'POST', `/api/v1/persons/${a.id}/measures`,
		{ kind: 'compulsory', decision_date: '2024-06-01', division: VILLAGE });
	assert.equal(res.status, 201);
	const ids = async (q) => (await api(srv.base, token, 'GET', `/api/v1/persons?limit=500&${q}`))
		.json.items.map((i) => i.id);
	assert.ok((await ids('measure=compulsory')).includes(a.id));
	assert.ok(!(await ids('measure=compulsory')).includes(b.id));
	assert.ok((await ids('drug=heroin')).includes(a.id));
	assert.ok(!(await ids('drug=heroin')).includes(b.id));
	assert.ok((await ids('drug=meth')).includes(b.id));
	assert.ok((await ids('special=hiv')).includes(a.id));
	assert.ok(!(await ids('special=hiv')).includes(b.id));
	const ctl = await api(srv.base, token, 'GET', `/api/v1/persons/${a.id}/control`);
	assert.ok((await ids(`risk=${ctl.json.risk_level}`)).includes(a.id));
	res = await api(srv.base, token, 'GET', '/api/v1/persons?risk=extreme');
	assert.equal(res.status, 400);
	// the HTML list offers the same filters
	const page = await admin.get('/persons?measure=compulsory');
	assert.equal(page.status, 200);
	assert.match(page.text, /<select name="measure">[^]*?<option value="compulsory" selected>/);
});

test('执行地变更: one township asks, the other accepts, the term runs on there', async () => {
	const ej = createToken(env.db, 'off_ej');
	const kt = createToken(env.db, 'off_kt');
	const kengtian = await api(srv.base, token, 'GET', `/api/v1/divisions/${TOWNS.kengtian.code}`);
	const ktVillage = kengtian.json.children[0].code;
	const p = (await api(srv.base, token, 'POST', '/api/v1/persons', person(5))).json;
	let res = await api(srv.base, ej, 'POST', `/api/v1/persons/${p.id}/measures`,
		{ kind: 'community', decision_date: '2024-06-01', division: VILLAGE });
	assert.equal(res.status, 201);
	let ctl = await api(srv.base, ej, 'GET', `/api/v1/persons/${p.id}/control`);
	const m = ctl.json.measures[0];
	res = await api(srv.base, ej, 'POST', `/api/v1/measures/${m.id}`,
		{ action: 'report', date: '2024-06-10', version: m.version });
	assert.equal(res.status, 201);
	ctl = await api(srv.base, ej, 'GET', `/api/v1/persons/${p.id}/control`);
	const before = ctl.json.measures[0];

	// 坑田镇 cannot ask for a person it does not hold; 恩江镇 asks
	res = await api(srv.base, kt, 'POST', `/api/v1/measures/${m.id}/transfer`,
		{ to_division: ktVillage });
	assert.equal(res.status, 404);
	res = await api(srv.base, ej, 'POST', `/api/v1/measures/${m.id}/transfer`,
		{ to_division: ktVillage, reason: '在坑田镇有固定住所' });
	assert.equal(res.status, 201, JSON.stringify(res.json));
	res = await api(srv.base, ej, 'POST', `/api/v1/measures/${m.id}/transfer`,
		{ to_division: ktVillage });
	assert.equal(res.status, 422, 'one request at a time');

	// 坑田镇 sees it on its worklist, 恩江镇 cannot decide it
	const ktClient = new Client(srv.base);
	await ktClient.signIn('off_kt');
	const work = await ktClient.get('/work');
	assert.match(work.text, /执行地变更待接收/);
	const tid = Number(/action="\/transfers\/(\d+)"/.exec(work.text)[1]);
	res = await api(srv.base, ej, 'POST', `/api/v1/transfers/${tid}`, { action: 'accept' });
	assert.equal(res.status, 404);
	res = await api(srv.base, kt, 'POST', `/api/v1/transfers/${tid}`, { action: 'accept' });
	assert.equal(res.status, 201, JSON.stringify(res.json));

	// the file and the measure are in 坑田镇 now, the term unchanged
	assert.equal((await api(srv.base, ej, 'GET', `/api/v1/persons/${p.id}`)).status, 404);
	ctl = await api(srv.base, kt, 'GET', `/api/v1/persons/${p.id}/control`);
	assert.equal(ctl.status, 200);
	const after = ctl.json.measures[0];
	assert.equal(after.division, ktVillage);
	assert.equal(after.start_date, before.start_date);
	assert.equal(after.planned_end, before.planned_end);
	assert.equal((await api(srv.base, kt, 'GET', `/api/v1/persons/${p.id}`)).json.division, ktVillage);
	res = await api(srv.base, kt, 'POST', `/api/v1/transfers/${tid}`, { action: 'accept' });
	assert.equal(res.status, 422, 'decided once');
});

test('在控率 per township: open files not lost, each count opening its records', async () => {
	const stats = async () => (await api(srv.base, token, 'GET', '/api/v1/stats/persons?by=division'))
		.json.items.find((i) => i.key === TOWNS.enjiang.code);
	const before = await stats();
	const p = (await api(srv.base, token, 'POST', '/api/v1/persons', person(6))).json;
	let res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/lost`,
		{ date: '2024-08-01', reason: '电话停机，走访未见' });
	assert.equal(res.status, 201);
	const after = await stats();
	assert.equal(after.count, before.count + 1);
	assert.equal(after.lost, before.lost + 1);
	const list = await api(srv.base, token, 'GET',
		`/api/v1/persons?status=lost&division=${TOWNS.enjiang.code}&limit=500`);
	assert.equal(list.json.total, after.lost, 'the lost figure opens exactly its records');
	const home = await admin.get('/');
	const rate = (100 * (after.count - after.lost) / after.count).toFixed(1);
	assert.match(home.text, new RegExp(`恩江镇</td><td class="n"><a[^>]*>${after.count}</a></td>` +
		`<td class="n"><a href="/persons\\?status=lost&amp;division=${TOWNS.enjiang.code}">` +
		`${after.lost}</a></td><td class="n">${rate}%</td>`));
});

test('the search box also finds an address (two characters or more)', async () => {
	const p = (await api(srv.base, token, 'POST', '/api/v1/persons',
		person(7, { residence_address: '广东省东莞市长安镇锦厦社区', name: '地址人' }))).json;
	let res = await api(srv.base, token, 'GET', `/api/v1/persons?q=${encodeURIComponent('锦厦')}`);
	assert.deepEqual(res.json.items.map((i) => i.id), [p.id]);
	res = await api(srv.base, token, 'GET', `/api/v1/persons?q=${encodeURIComponent('厦')}`);
	assert.ok(!res.json.items.some((i) => i.id === p.id), 'one character matches names only');
});

// The search box answers from its own keys (src/store/sql/0004-person-search.sql):
// they must follow every change of the file, and find each form the box accepts.
test('the search keys follow a change of name, alias, phone and address', async () => {
	const find = async (q) => (await api(srv.base, token, 'GET',
		`/api/v1/persons?q=${encodeURIComponent(q)}&limit=500`)).json.items.map((i) => i.id);
	const p = (await api(srv.base, token, 'POST', '/api/v1/persons', person(9, {
		name: '欧阳钥匙', alias: '小匙子', phone: '0796-1234 5678',
		residence_address: '江西省永丰县恩江镇钥匙巷9号', household_address: '吉水县醪桥镇',
	}))).json;
	for (const q of ['欧阳钥匙', '钥匙', '匙子', 'ouyangyaoshi', 'OUYANG', 'oyys', '12345678',
		'45678', '钥匙巷9', '醪桥', ' 钥匙 ', p.id_number_masked.slice(-4)])
		assert.ok((await find(q)).includes(p.id), `"${q}" finds the file`);
	for (const q of ['4567', 'yaoshiou', '钥巷', '欧阳钥匙巷'])
		assert.ok(!(await find(q)).includes(p.id), `"${q}" does not find the file`);

	const file = (await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}`)).json;
	const res = await api(srv.base, token, 'PATCH', `/api/v1/persons/${p.id}`, {
		version: file.version, name: '司马门锁', alias: '', phone: '13812345699',
		residence_address: '江西省永丰县坑田镇门锁街1号',
	});
	assert.equal(res.status, 200);
	for (const q of ['门锁', 'simamensuo', 'smms', '2345699', '门锁街1', '坑田'])
		assert.ok((await find(q)).includes(p.id), `"${q}" finds the changed file`);
	for (const q of ['钥匙', '匙子', 'ouyang', 'oyys', '45678', '钥匙巷9'])
		assert.ok(!(await find(q)).includes(p.id), `"${q}" no longer finds the changed file`);
	// the household address was left as it was, so it still finds the file
	assert.ok((await find('醪桥镇')).includes(p.id));
});

test('under a measure the control status follows the records, not the form', async () => {
	const p = (await api(srv.base, token, 'POST', '/api/v1/persons', person(8))).json;
	let res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/measures`,
		{ kind: 'compulsory', decision_date: '2024-06-01', division: VILLAGE });
	assert.equal(res.status, 201);
	let file = (await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}`)).json;
	assert.equal(file.control_status, 'compulsory');
	res = await api(srv.base, token, 'PATCH', `/api/v1/persons/${p.id}`,
		{ version: file.version, control_status: 'in_control', phone: '13900000000' });
	assert.equal(res.status, 200);
	file = (await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}`)).json;
	assert.equal(file.control_status, 'compulsory', 'derived, kept');
	assert.equal(file.phone, '13900000000', 'the rest of the edit applies');
	const form = await admin.get(`/persons/${p.id}/edit`);
	assert.doesNotMatch(form.text, /<select id="f-control_status"/);
});
