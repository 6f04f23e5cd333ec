'use strict';
// cases.test.js - 毒品案件 over HTTP: creating a case (form and API), the
// pipeline step by step with its refusals, seizures and the computed class
// and grade at the thresholds' edges, suspects found by ID number (a
// registered drug user recognised and linked, never copied), coercive
// measures, destruction, assets, the jurisdiction of each user, and the
// audit of every view of a suspect.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber, createPerson,
	maskId, formFields } = require('./lib');

let env, srv, tok = {}, pol;

// A day counted from today (server and tests share the clock and zone).
function day(offset) {
	const d = new Date();
	d.setDate(d.getDate() + offset);
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

let seq = 0;
function caseFields(fields = {}) {
	seq++;
	return {
		number: `A360825050000${String(202601 + seq).padStart(6, '0')}${String(seq).padStart(4, '0')}`,
		name: `测试贩卖毒品案${seq}`, type: 'trafficking', source: 'report',
		division: TOWNS.enjiang.code, accepted_date: day(-100), occurred_date: day(-101),
		officers: '刘建华、王伟', place: '恩江镇某出租屋', ...fields,
	};
}

async function newCase(token, fields) {
	const res = await api(srv.base, token, 'POST', '/api/v1/cases', caseFields(fields));
	assert.equal(res.status, 201, res.text);
	return res.json;
}

const post = (token, id, what, body) => api(srv.base, token, 'POST', `/api/v1/cases/${id}/${what}`, body);
const get = (token, id) => api(srv.base, token, 'GET', `/api/v1/cases/${id}`);

async function ok(res, status = 201) {
	assert.equal(res.status, status, res.text);
	return res.json;
}

async function refused(res, pattern) {
	assert.equal(res.status, 422, res.text);
	assert.equal(res.json.error.code, 'refused');
	assert.match(res.json.error.message, pattern);
}

let idSeq = 0;
const newId = () => idNumber(90000 + ++idSeq);

async function suspect(token, id, fields = {}) {
	return ok(await post(token, id, 'suspects', { id_number: newId(), name: `嫌疑人${idSeq}`,
		role: 'principal', caught_date: day(-100), ...fields }));
}

before(async () => {
	env = initDb();
	addUser(env.db, 'pol', 'police', '360825', { name: '刘建华' });
	addUser(env.db, 'pol_ej', 'police', TOWNS.enjiang.code, { name: '王伟' });
	addUser(env.db, 'pol_kt', 'police', TOWNS.kengtian.code);
	addUser(env.db, 'lead', 'leader', '360825');
	addUser(env.db, 'off_ej', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'aud', 'auditor', '360825');
	for (const login of ['admin', 'pol', 'pol_ej', 'pol_kt', 'lead', 'off_ej', 'aud'])
		tok[login] = createToken(env.db, login);
	srv = await startServer(env.db);
	pol = new Client(srv.base);
	await pol.signIn('pol');
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('a case is created through the form, checked field by field, numbers are unique', async () => {
	let page = await pol.get('/cases/new');
	assert.equal(page.status, 200);
	let fields = formFields(page.text, 'case-form');
	const f = caseFields();
	fields = fields.filter(([k]) => !(k in f)).concat(Object.entries(f), [['flags', 'small_packets'],
		['flags', 'early']]);
	let res = await pol.post('/cases', fields);
	assert.equal(res.status, 303, res.text.slice(0, 400));
	const id = Number(/^\/cases\/(\d+)$/.exec(res.location)[1]);
	page = await pol.get(`/cases/${id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(f.number));
	assert.match(page.text, /<span class="status cs-accepted" id="case-status">受理<\/span>/);
	assert.match(page.text, /零包/);
	assert.match(page.text, /检察机关提前介入/);
	const c = (await get(tok.pol, id)).json;
	assert.deepEqual(c.flags, { early: true, target: false, online: false, small_packets: true });
	assert.deepEqual(c.steps.map((s) => [s.status, s.date]), [['accepted', f.accepted_date]]);

	// the same number again: refused, the field named
	res = await pol.post('/cases', Object.entries({ ...caseFields(), number: f.number }));
	assert.equal(res.status, 422);
	assert.match(res.text, /该案件编号已存在/);
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', { ...caseFields(), number: f.number });
	assert.equal(res.status, 409);
	assert.equal(res.json.error.field, 'number');

	// every field that is wrong is named
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', caseFields({ name: '', type: 'bribery',
		source: 'rumour', accepted_date: day(2), division: '360824100' }));
	assert.equal(res.status, 422);
	assert.deepEqual(res.json.error.fields.map((e) => e.field).sort(),
		['accepted_date', 'division', 'name', 'source', 'type']);
	// a division that does not exist, a unit outside the user's area
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', caseFields({ division: '360825999' }));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.field, 'division');
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', caseFields({ unit_id: 999 }));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.field, 'unit_id');
	// a date that is not one
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', caseFields({ accepted_date: '2025-02-30' }));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.field, 'accepted_date');
	// occurred after it was accepted
	res = await api(srv.base, tok.pol, 'POST', '/api/v1/cases', caseFields({ occurred_date: day(-99) }));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.field, 'occurred_date');

	// an edit changes the fields, not the status, and is version-checked
	res = await api(srv.base, tok.pol, 'PATCH', `/api/v1/cases/${id}`,
		{ version: c.version, target: true, description: '经研判系目标案件' });
	assert.equal(res.status, 200, res.text);
	assert.equal(res.json.flags.target, true);
	assert.equal(res.json.flags.small_packets, true, 'flags not sent keep their values');
	assert.equal(res.json.status, 'accepted');
	res = await api(srv.base, tok.pol, 'PATCH', `/api/v1/cases/${id}`, { version: c.version, name: '旧版本' });
	assert.equal(res.status, 409);
	res = await api(srv.base, tok.pol, 'PATCH', `/api/v1/cases/${id}`, { name: '没有版本' });
	assert.equal(res.status, 400);
});

test('the pipeline moves one step at a time and says why not', async () => {
	const c = await newCase(tok.pol);
	const step = (status, date) => post(tok.pol, c.id, 'steps', { status, date });

	await refused(await step('solved', day(-98)), /案件尚未立案，不能破案/);
	await refused(await step('investigating', day(-98)), /案件尚未立案，不能侦查/);
	await refused(await step('filed', day(-101)), /早于上一步（受理/);
	await refused(await step('filed', day(2)), /晚于今天/);
	await ok(await step('filed', day(-100)));           // the same day as the step before
	await refused(await step('referred', day(-90)), /案件尚未破案，不能移送起诉/);
	await ok(await step('investigating', day(-99)));
	// 破案 needs a suspect on file
	await refused(await step('solved', day(-90)), /请先录入犯罪嫌疑人/);
	await suspect(tok.pol, c.id);
	await ok(await step('solved', day(-90)));
	await refused(await step('investigating', day(-89)), /案件已破案，不能退回侦查/);
	await ok(await step('referred', day(-80)));
	// once referred, the police no longer withdraw it
	await refused(await step('withdrawn', day(-79)), /不能撤案：移送起诉后由检察机关决定/);
	// sent back for supplementary investigation twice, not a third time
	for (let k = 0; k < 2; k++) {
		const d = -78 + k * 10;
		await ok(await step('investigating', day(d)));
		await ok(await step('solved', day(d + 1)));
		await ok(await step('referred', day(d + 2)));
	}
	await refused(await step('investigating', day(-50)), /退回补充侦查以二次为限/);
	await refused(await step('judged', day(-50)), /案件尚未起诉，不能判决/);
	await ok(await step('prosecuted', day(-50)));
	await ok(await step('judged', day(-20)));
	await refused(await step('withdrawn', day(-10)), /案件已判决，不能再办理/);
	await refused(await step('bogus', day(-10)), /请选择办理环节/);

	const full = (await get(tok.pol, c.id)).json;
	assert.equal(full.status, 'judged');
	assert.equal(full.status_date, day(-20));
	assert.deepEqual(full.steps.map((s) => s.status), ['accepted', 'filed', 'investigating', 'solved',
		'referred', 'investigating', 'solved', 'referred', 'investigating', 'solved', 'referred',
		'prosecuted', 'judged']);
	// the page shows the returns as such and offers no further step
	const page = await pol.get(`/cases/${c.id}`);
	assert.equal((page.text.match(/<td>退回补充侦查<\/td>/g) || []).length, 2);
	assert.doesNotMatch(page.text, /办理下一环节/);
	// nothing more is added to a judged case
	await refused(await post(tok.pol, c.id, 'seizures', { drug: 'meth', weight: '1', date: day(-30) }),
		/案件已判决，不能再录入缴获/);
	await refused(await post(tok.pol, c.id, 'suspects', { id_number: newId(), name: '迟到', role: 'other' }),
		/不能再添加犯罪嫌疑人/);
});

test('caught in the act: 立案 then 破案 at once; a case may be withdrawn before it is sent', async () => {
	const c = await newCase(tok.pol);
	await suspect(tok.pol, c.id);
	await ok(await post(tok.pol, c.id, 'steps', { status: 'filed', date: day(-100) }));
	await ok(await post(tok.pol, c.id, 'steps', { status: 'solved', date: day(-100) }));
	const w = await newCase(tok.pol);
	await ok(await post(tok.pol, w.id, 'steps', { status: 'withdrawn', date: day(-90), note: '不构成犯罪' }));
	await refused(await post(tok.pol, w.id, 'steps', { status: 'filed', date: day(-80) }), /案件已撤案，不能再办理/);
	const page = await pol.get(`/cases/${w.id}`);
	assert.match(page.text, /cs-withdrawn" id="case-status">撤案/);
	// the form on the page offers only what the pipeline allows next
	const open = await pol.get(`/cases/${c.id}`);
	const select = /<select id="f-step-status" name="status">([\s\S]*?)<\/select>/.exec(open.text)[1];
	assert.deepEqual([...select.matchAll(/value="([a-z]+)"/g)].map((m) => m[1]), ['referred', 'withdrawn']);
});

test('seizures are graded at the thresholds: per drug, weights of one drug added, never across drugs', async () => {
	const c = await newCase(tok.pol);
	const seize = (drug, weight, extra = {}) => post(tok.pol, c.id, 'seizures',
		{ drug, weight, date: day(-100), ...extra });
	const grading = async () => (await get(tok.pol, c.id)).json;

	// 49.99 g of heroin: 数量较大, an ordinary case
	await ok(await seize('海洛因', '49.99'));
	let g = await grading();
	assert.deepEqual(g.grading, { class: 'relatively_large', grade: 'ordinary' });
	// 0.01 g more of the same drug: 50.00 g, 数量大, a major case
	await ok(await seize('heroin', '0.01'));
	g = await grading();
	assert.deepEqual(g.grading, { class: 'large', grade: 'major' });
	const heroin = g.seizure_totals.find((t) => t.drug === 'heroin');
	assert.deepEqual([heroin.weight, heroin.unit, heroin.weight_ug, heroin.seizures], ['50.00', 'g', 50000000, 2]);

	// a second case: 9.99 g of methamphetamine under an alias, then 10.00 g
	const m = await newCase(tok.pol, { small_packets: 1 });
	const r1 = await ok(await post(tok.pol, m.id, 'seizures', { drug: '冰毒', weight: '9.99', packets: 25,
		purity: '35.5', date: day(-100) }));
	assert.equal(r1.drug, 'meth');
	let mj = (await get(tok.pol, m.id)).json;
	assert.deepEqual(mj.grading, { class: 'below', grade: 'ordinary' });
	assert.equal(mj.seizures[0].purity_tenths, 355);
	assert.equal(mj.seizures[0].packets, 25);
	// 40 g of heroin and 90 g of MDMA: each 数量较大, not added into 数量大
	await ok(await post(tok.pol, m.id, 'seizures', { drug: 'heroin', weight: '40', date: day(-100) }));
	await ok(await post(tok.pol, m.id, 'seizures', { drug: '摇头丸', weight: '90', date: day(-100) }));
	mj = (await get(tok.pol, m.id)).json;
	assert.deepEqual(mj.grading, { class: 'relatively_large', grade: 'ordinary' });
	assert.deepEqual(mj.seizure_totals.map((t) => [t.drug, t.class]),
		[['heroin', 'relatively_large'], ['mdma', 'relatively_large'], ['meth', 'below']]);

	// milligrams: 1.99 mg of dihydroetorphine is below, 2.00 mg is 数量较大
	const d = await newCase(tok.pol);
	await ok(await post(tok.pol, d.id, 'seizures', { drug: '二氢埃托啡', weight: '1.99', date: day(-100) }));
	let dj = (await get(tok.pol, d.id)).json;
	assert.deepEqual([dj.seizure_totals[0].weight, dj.seizure_totals[0].unit], ['1.99', 'mg']);
	assert.equal(dj.grading.class, 'below');
	await ok(await post(tok.pol, d.id, 'seizures', { drug: 'dihydroetorphine', weight: '0.01', date: day(-100) }));
	dj = (await get(tok.pol, d.id)).json;
	assert.equal(dj.grading.class, 'relatively_large');
	assert.equal(dj.seizure_totals[0].weight_ug, 2000);

	// 1000.00 g of ketamine is 数量大, but 特大 only from 10 kg
	const k = await newCase(tok.pol);
	await ok(await post(tok.pol, k.id, 'seizures', { drug: 'K粉', weight: '9999.99', date: day(-100) }));
	assert.deepEqual((await get(tok.pol, k.id)).json.grading, { class: 'large', grade: 'major' });
	await ok(await post(tok.pol, k.id, 'seizures', { drug: 'ketamine', weight: '0.01', date: day(-100) }));
	assert.deepEqual((await get(tok.pol, k.id)).json.grading, { class: 'large', grade: 'extra' });
	const page = await pol.get(`/cases/${k.id}`);
	assert.match(page.text, /<p id="case-grade">案件等级：<span class="grade g-extra">特大<\/span> <span class="qclass q-large">数量大<\/span>/);
	assert.match(page.text, /10000\.00 克/);

	// what cannot be a seizure
	await refused(await post(tok.pol, c.id, 'seizures', { drug: 'heroin', weight: '1.234', date: day(-100) }),
		/最多保留两位小数/);
	await refused(await post(tok.pol, c.id, 'seizures', { drug: 'heroin', weight: '0', date: day(-100) }),
		/重量应大于 0/);
	await refused(await post(tok.pol, c.id, 'seizures', { drug: '白砂糖', weight: '1', date: day(-100) }),
		/毒品目录/);
	await refused(await post(tok.pol, c.id, 'seizures', { drug: 'heroin', weight: '1', date: day(-102) }),
		/缴获日期 .* 早于/);
	await refused(await post(tok.pol, c.id, 'seizures', { drug: 'heroin', weight: '1', purity: '120', date: day(-100) }),
		/含量/);
	// the list's grade follows the case's seizures
	const list = (await api(srv.base, tok.pol, 'GET', '/api/v1/cases?limit=500')).json;
	assert.deepEqual(list.items.find((x) => x.id === k.id).grading, { class: 'large', grade: 'extra' });
	assert.ok(list.items.find((x) => x.id === m.id).flags.small_packets);
	const packets = (await api(srv.base, tok.pol, 'GET', '/api/v1/cases?flag=small_packets')).json;
	assert.ok(packets.items.every((x) => x.flags.small_packets) && packets.items.some((x) => x.id === m.id));
});

test('suspects are found by ID number: a registered drug user is linked, not copied', async () => {
	const c = await newCase(tok.pol, { division: TOWNS.enjiang.code });
	// a registered user of another township
	const user = await createPerson(srv.base, tok.admin, { name: '在册甲', division: `${TOWNS.kengtian.code}200`,
		household_division: `${TOWNS.kengtian.code}200` });
	let before = (await api(srv.base, tok.admin, 'GET', '/api/v1/persons?limit=1')).json.total;
	let r = await ok(await post(tok.pol, c.id, 'suspects', { id_number: user.id_number, name: '别的名字',
		role: 'principal', caught_date: day(-100) }));
	assert.deepEqual([r.person_id, r.created, r.registered], [user.id, false, true]);
	assert.equal((await api(srv.base, tok.admin, 'GET', '/api/v1/persons?limit=1')).json.total, before,
		'no second file');
	// the same person twice in a case: refused
	let res = await post(tok.pol, c.id, 'suspects', { id_number: user.id_number, role: 'accomplice' });
	assert.equal(res.status, 409);
	assert.match(res.json.error.message, /已是本案犯罪嫌疑人/);

	// someone not on file gets a new file, not registered, in their home township
	const idn = newId();
	await refused(await post(tok.pol, c.id, 'suspects', { id_number: idn, role: 'accomplice' }), /请填写犯罪嫌疑人姓名/);
	r = await ok(await post(tok.pol, c.id, 'suspects', { id_number: idn, name: '新嫌疑人', role: 'accomplice',
		home_division: TOWNS.shima.code, caught_date: day(-100) }));
	assert.deepEqual([r.created, r.registered], [true, false]);
	const p = (await api(srv.base, tok.admin, 'GET', `/api/v1/persons/${r.person_id}`)).json;
	assert.deepEqual([p.name, p.registered, p.division, p.id_number_masked, p.addiction],
		['新嫌疑人', false, TOWNS.shima.code, maskId(idn), '']);
	assert.equal((await api(srv.base, tok.admin, 'GET', '/api/v1/persons?limit=1')).json.total, before + 1);
	// an unregistered person on file is linked too, and still not registered
	const c2 = await newCase(tok.pol);
	r = await ok(await post(tok.pol, c2.id, 'suspects', { id_number: idn, role: 'sole' }));
	assert.deepEqual([r.created, r.registered], [false, false]);
	// bad ID numbers never reach a file
	await refused(await post(tok.pol, c.id, 'suspects', { id_number: idn.slice(0, 17) + (idn[17] === '0' ? '1' : '0'),
		name: '错号', role: 'other' }), /校验/);

	// the page: 已登记吸毒人员 beside the registered one, masked numbers only
	const page = await pol.get(`/cases/${c.id}`);
	const row = /<tr id="suspect-\d+"><td>([\s\S]*?)<\/td>/.exec(page.text)[1];
	assert.match(row, /在册甲/);
	assert.match(row, /已登记吸毒人员/);
	assert.ok(!page.text.includes(user.id_number) && !page.text.includes(idn), 'full ID numbers never shown');
	assert.ok(page.text.includes(maskId(user.id_number)));
	const j = (await get(tok.pol, c.id)).json;
	assert.deepEqual(j.suspects.map((s) => [s.name, s.registered, s.role]),
		[['在册甲', true, 'principal'], ['新嫌疑人', false, 'accomplice']]);
	// the registered user's home township came from the file
	assert.equal(j.suspects[0].home_division, `${TOWNS.kengtian.code}200`);
});

test('外流贩毒: a suspect of the county caught elsewhere', async () => {
	const c = await newCase(tok.pol, { division: '360825', source: 'assist' });
	const r = await ok(await post(tok.pol, c.id, 'suspects', { id_number: newId(), name: '外流甲', role: 'sole',
		home_division: TOWNS.kengtian.code, caught_division: '440306', caught_place: '广东省深圳市宝安区',
		caught_date: day(-100) }));
	assert.equal(r.outflow, true);
	const local = await ok(await post(tok.pol, c.id, 'suspects', { id_number: newId(), name: '本地乙', role: 'other',
		home_division: TOWNS.kengtian.code, caught_division: TOWNS.enjiang.code }));
	assert.equal(local.outflow, false);
	await refused(await post(tok.pol, c.id, 'suspects', { id_number: newId(), name: '丙', role: 'other',
		caught_division: '449999' }), /区划代码不存在/);
	const page = await pol.get(`/cases/${c.id}`);
	assert.match(page.text, /外流贩毒/);
});

test('coercive measures follow the case: 起诉 after 移送起诉, 判决 with its sentence', async () => {
	const c = await newCase(tok.pol);
	const s = await suspect(tok.pol, c.id);
	const m = (body) => post(tok.pol, c.id, `suspects/${s.suspect_id}/measures`, body);
	await ok(await m({ kind: 'detention', date: day(-99), doc_no: '永公（禁）拘字〔2026〕1号' }));
	await refused(await m({ kind: 'detention', date: day(-98) }), /已有刑事拘留记录/);
	await refused(await m({ kind: 'arrest', date: day(-100) }), /逮捕日期不能早于刑事拘留日期/);
	await ok(await m({ kind: 'arrest', date: day(-70) }));
	await refused(await m({ kind: 'prosecution', date: day(-40) }), /尚未移送起诉/);
	await refused(await m({ kind: 'bail', date: day(3) }), /晚于今天/);
	for (const [status, d] of [['filed', -99], ['solved', -98], ['referred', -60]])
		await ok(await post(tok.pol, c.id, 'steps', { status, date: day(d) }));
	await refused(await m({ kind: 'judgment', date: day(-10), sentence: '有期徒刑七年' }), /请先录入该犯罪嫌疑人的起诉/);
	await ok(await m({ kind: 'prosecution', date: day(-40) }));
	await refused(await m({ kind: 'judgment', date: day(-10) }), /判决结果/);
	await ok(await m({ kind: 'judgment', date: day(-10), sentence: '有期徒刑七年，并处罚金人民币二万元' }));
	await refused(await m({ kind: 'bail', date: day(-5) }), /已判决/);
	const j = (await get(tok.pol, c.id)).json;
	assert.deepEqual(j.suspects[0].measures.map((x) => x.kind), ['detention', 'arrest', 'prosecution', 'judgment']);
	assert.equal(j.suspects[0].measures[3].sentence, '有期徒刑七年，并处罚金人民币二万元');
	// a suspect of another case is not this case's
	const other = await newCase(tok.pol);
	const os = await suspect(tok.pol, other.id);
	assert.equal((await post(tok.pol, c.id, `suspects/${os.suspect_id}/measures`,
		{ kind: 'detention', date: day(-90) })).status, 404);
});

test('public destruction of seizures, and seized drug money and assets', async () => {
	const c = await newCase(tok.pol);
	const a = await ok(await post(tok.pol, c.id, 'seizures', { drug: 'meth', weight: '12.5', date: day(-100) }));
	const b = await ok(await post(tok.pol, c.id, 'seizures', { drug: 'heroin', weight: '3', date: day(-90) }));
	const other = await newCase(tok.pol);
	const x = await ok(await post(tok.pol, other.id, 'seizures', { drug: 'meth', weight: '1', date: day(-100) }));
	const destroy = (body) => post(tok.pol, c.id, 'destructions', { date: day(-30), place: '县焚烧厂',
		witnesses: '县检察院、群众代表', ...body });
	await refused(await destroy({ seizure: [] }), /请选择要销毁的缴获毒品/);
	await refused(await destroy({ seizure: [String(x.seizure_id)] }), /不属于本案/);
	await refused(await destroy({ seizure: [String(b.seizure_id)], date: day(-95) }), /早于/);
	await refused(await destroy({ seizure: [String(a.seizure_id)], witnesses: '' }), /见证人/);
	const d = await ok(await destroy({ seizure: [String(a.seizure_id), String(b.seizure_id)] }));
	assert.equal(d.seizures, 2);
	await refused(await destroy({ seizure: [String(a.seizure_id)] }), /已经销毁/);
	let j = (await get(tok.pol, c.id)).json;
	assert.ok(j.seizures.every((s) => s.destruction_id === d.destruction_id));
	assert.equal(j.destructions.length, 1);

	await ok(await post(tok.pol, c.id, 'assets', { category: 'drug_money', kind: 'cash', amount: '12000.50',
		date: day(-100), description: '现金' }));
	await ok(await post(tok.pol, c.id, 'assets', { category: 'asset', kind: 'vehicle', amount: '85000',
		date: day(-99), description: '小型轿车 赣D·A1234' }));
	await refused(await post(tok.pol, c.id, 'assets', { category: 'drug_money', kind: 'cash', amount: '1.234',
		date: day(-99) }), /金额/);
	await refused(await post(tok.pol, c.id, 'assets', { category: 'loot', kind: 'cash', amount: '1',
		date: day(-99) }), /毒资或涉毒资产/);
	j = (await get(tok.pol, c.id)).json;
	assert.deepEqual(j.assets.map((x) => [x.category, x.amount_fen]), [['drug_money', 1200050], ['asset', 8500000]]);
	const page = await pol.get(`/cases/${c.id}`);
	assert.match(page.text, /毒资 12,000\.50 元/);
	assert.match(page.text, /涉毒资产 85,000\.00 元/);
});

test('each user sees the cases of their area; township staff and others none', async () => {
	const ej = await newCase(tok.pol, { division: TOWNS.enjiang.code, name: '恩江案' });
	const kt = await newCase(tok.pol, { division: TOWNS.kengtian.code, name: '坑田案' });
	const county = await newCase(tok.pol, { division: '360825', name: '县局案' });
	// the township police: their own cases only, others are not found
	const mine = (await api(srv.base, tok.pol_ej, 'GET', '/api/v1/cases?limit=500')).json;
	assert.ok(mine.items.length > 0 && mine.items.every((c) => c.division.startsWith(TOWNS.enjiang.code)));
	assert.ok(mine.items.some((c) => c.id === ej.id));
	for (const id of [kt.id, county.id]) {
		assert.equal((await get(tok.pol_ej, id)).status, 404);
		assert.equal((await post(tok.pol_ej, id, 'seizures', { drug: 'meth', weight: '1', date: day(-100) })).status, 404);
		assert.equal((await api(srv.base, tok.pol_ej, 'PATCH', `/api/v1/cases/${id}`, { version: 1, name: 'x' })).status, 404);
	}
	assert.equal((await api(srv.base, tok.pol_ej, 'GET', `/api/v1/cases?division=${TOWNS.kengtian.code}`)).status, 400);
	// and may not open a case outside it by making one there
	const res = await api(srv.base, tok.pol_ej, 'POST', '/api/v1/cases', caseFields({ division: TOWNS.kengtian.code }));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.field, 'division');
	assert.equal((await get(tok.pol_kt, kt.id)).status, 200);
	// leaders read everything of the county and change nothing
	assert.equal((await get(tok.lead, county.id)).status, 200);
	assert.equal((await post(tok.lead, county.id, 'steps', { status: 'filed', date: day(-99) })).status, 403);
	assert.equal((await api(srv.base, tok.lead, 'POST', '/api/v1/cases', caseFields())).status, 403);
	// the office reads; township officers and auditors do not see cases
	assert.equal((await get(tok.admin, ej.id)).status, 200);
	assert.equal((await post(tok.admin, ej.id, 'steps', { status: 'filed', date: day(-99) })).status, 403);
	for (const login of ['off_ej', 'aud']) {
		assert.equal((await get(tok[login], ej.id)).status, 403);
		assert.equal((await api(srv.base, tok[login], 'GET', '/api/v1/cases')).status, 403);
	}
	// the navigation offers the module to those who may read it
	const officer = new Client(srv.base);
	await officer.signIn('off_ej');
	assert.doesNotMatch((await officer.get('/')).text, /href="\/cases"/);
	assert.match((await pol.get('/')).text, /href="\/cases"/);
	assert.equal((await officer.get('/cases')).status, 403);
	// a township police user's list page shows no other township's case
	const tp = new Client(srv.base);
	await tp.signIn('pol_ej');
	const list = await tp.get('/cases');
	assert.equal(list.status, 200);
	assert.match(list.text, /恩江案/);
	assert.doesNotMatch(list.text, /坑田案|县局案/);
});

async function audit(query) {
	const res = await api(srv.base, tok.aud, 'GET', `/api/v1/audit?${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

test('every view of a case is audited, and each suspect shown as a view of their file', async () => {
	const c = await newCase(tok.pol);
	const user = await createPerson(srv.base, tok.admin, { name: '审计在册' });
	const s1 = await ok(await post(tok.pol, c.id, 'suspects', { id_number: user.id_number, role: 'principal' }));
	const s2 = await suspect(tok.pol, c.id, { name: '审计新人' });
	// the new file was audited as made, with its number masked
	const made = await audit(`entity=person&action=create&entity_id=${s2.person_id}`);
	assert.equal(made.total, 1);
	assert.equal(made.items[0].login, 'pol');
	assert.match(JSON.stringify(made.items[0].changes.id_number), /\*{4}/);

	const views = async (pid) => (await audit(`entity=person&action=view&entity_id=${pid}`)).total;
	const before = [await views(s1.person_id), await views(s2.person_id)];
	const caseViews = (await audit(`entity=case&action=view&entity_id=${c.id}`)).total;
	assert.equal((await pol.get(`/cases/${c.id}`)).status, 200);
	assert.equal((await get(tok.pol, c.id)).status, 200);
	assert.deepEqual([await views(s1.person_id), await views(s2.person_id)], [before[0] + 2, before[1] + 2]);
	const v = await audit(`entity=person&action=view&entity_id=${s1.person_id}`);
	assert.equal(v.items[0].login, 'pol');
	assert.match(v.items[0].summary, /毒品案件 .* 犯罪嫌疑人 审计在册/);
	assert.equal((await audit(`entity=case&action=view&entity_id=${c.id}`)).total, caseViews + 2);
	// a leader reads the case with its suspects masked: no view of their files
	assert.equal((await get(tok.lead, c.id)).status, 200);
	assert.deepEqual([await views(s1.person_id), await views(s2.person_id)], [before[0] + 2, before[1] + 2]);
	const lv = await audit(`entity=case&action=view&entity_id=${c.id}`);
	assert.equal(lv.total, caseViews + 3);
	assert.equal(lv.items[0].login, 'lead');
	assert.match(lv.items[0].summary, /犯罪嫌疑人脱敏显示/);

	// a reach outside one's area is audited as denied, and shows nothing
	const kt = await newCase(tok.pol, { division: TOWNS.kengtian.code });
	await ok(await post(tok.pol, kt.id, 'suspects', { id_number: user.id_number, role: 'sole' }));
	const seen = await views(s1.person_id);
	assert.equal((await get(tok.pol_ej, kt.id)).status, 404);
	assert.equal(await views(s1.person_id), seen, 'nothing was shown');
	const denied = await audit(`entity=case&action=denied&entity_id=${kt.id}`);
	assert.equal(denied.total, 1);
	assert.equal(denied.items[0].login, 'pol_ej');
	// every change is in the case's history, with who did it
	const hist = await audit(`entity=case&action=update&entity_id=${c.id}`);
	assert.deepEqual(hist.items.map((e) => e.summary).reverse(),
		['添加犯罪嫌疑人 审计在册（已登记吸毒人员）', '添加犯罪嫌疑人 审计新人（新建档案）']);
	// a list is audited as a search
	await api(srv.base, tok.pol, 'GET', '/api/v1/cases?q=测试&year=2026');
	const search = await audit('entity=case&action=search&login=pol');
	assert.match(search.items[0].summary, /q=测试/);
});

test("a person's page lists the cases they are a suspect in, for those who may read cases", async () => {
	const p = await createPerson(srv.base, tok.admin, { name: '涉案在册' });
	const c = await newCase(tok.pol, { name: '涉案在册贩卖毒品案' });
	const kt = await newCase(tok.pol, { name: '坑田的另一案', division: TOWNS.kengtian.code });
	await ok(await post(tok.pol, c.id, 'suspects', { id_number: p.id_number, role: 'principal' }));
	await ok(await post(tok.pol, kt.id, 'suspects', { id_number: p.id_number, role: 'accomplice' }));
	let page = await pol.get(`/persons/${p.id}`);
	assert.equal(page.status, 200);
	const panel = /<section class="panel" id="cases">([\s\S]*?)<\/section>/.exec(page.text)[1];
	assert.match(panel, new RegExp(`href="/cases/${c.id}"`));
	assert.match(panel, new RegExp(`href="/cases/${kt.id}"`));
	assert.match(panel, /主犯[\s\S]*从犯|从犯[\s\S]*主犯/);
	// a township police user sees only the case of their area
	const tp = new Client(srv.base);
	await tp.signIn('pol_ej');
	page = await tp.get(`/persons/${p.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`href="/cases/${c.id}"`));
	assert.doesNotMatch(page.text, /坑田的另一案/);
	// the township officer reads the file, not the cases
	const officer = new Client(srv.base);
	await officer.signIn('off_ej');
	page = await officer.get(`/persons/${p.id}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /id="cases"|涉案在册贩卖毒品案/);
});

test('leaders read cases with the suspects masked, as the network pages show persons', async () => {
	const user = await createPerson(srv.base, tok.admin, { name: '欧阳明' });
	const c = await newCase(tok.pol, { name: '脱敏测试案' });
	await ok(await post(tok.pol, c.id, 'suspects', { id_number: user.id_number, role: 'principal' }));
	const other = newId();
	await ok(await post(tok.pol, c.id, 'suspects', { id_number: other, name: '李四', role: 'accomplice',
		home_division: TOWNS.kengtian.code, caught_division: '440306', caught_date: day(-100) }));
	// the police see names, masked numbers, the registered mark and the files
	let j = (await get(tok.pol, c.id)).json;
	assert.deepEqual(j.suspects.map((s) => [s.name, s.masked, s.registered, s.id_number_masked]),
		[['欧阳明', false, true, maskId(user.id_number)], ['李四', false, false, maskId(other)]]);
	assert.equal(j.suspects[0].person_id, user.id);
	// a leader: the first character and 某, nothing that finds the file
	j = (await get(tok.lead, c.id)).json;
	assert.deepEqual(j.suspects.map((s) => [s.name, s.masked, s.registered, s.id_number_masked, s.person_id]),
		[['欧某', true, null, null, null], ['李某', true, null, null, null]]);
	assert.deepEqual(j.suspects.map((s) => s.role), ['principal', 'accomplice']);
	assert.equal(j.suspects[1].outflow, true, 'the case facts stay');
	assert.ok(!JSON.stringify(j).includes('欧阳明') && !JSON.stringify(j).includes('李四'));
	const lead = new Client(srv.base);
	await lead.signIn('lead');
	const page = await lead.get(`/cases/${c.id}`);
	assert.equal(page.status, 200);
	const panel = /<section class="panel" id="suspects">([\s\S]*?)<\/section>/.exec(page.text)[1];
	assert.match(panel, /欧某/);
	assert.match(panel, /李某/);
	assert.doesNotMatch(panel, /欧阳明|李四|已登记吸毒人员|href="\/persons\//);
	assert.ok(!page.text.includes(maskId(user.id_number)) && !page.text.includes(maskId(other)));
	assert.match(page.text, /id="suspects-masked"/);
	// the police page shows them in clear, with a link to the file
	const pp = await pol.get(`/cases/${c.id}`);
	assert.match(pp.text, new RegExp(`<a href="/persons/${user.id}">欧阳明</a>`));
	assert.doesNotMatch(pp.text, /id="suspects-masked"/);
});

test('co-suspects are linked 同案 in the networks; the case and the network pages lead to each other', async () => {
	const user = await createPerson(srv.base, tok.admin, { name: '同案在册' });
	const c = await newCase(tok.pol, { name: '同案测试案', accepted_date: day(-60), occurred_date: day(-61) });
	const a = await ok(await post(tok.pol, c.id, 'suspects', { id_number: user.id_number, role: 'principal' }));
	// one suspect: their person entity, no link yet
	const find = async (q) => {
		const res = await api(srv.base, tok.pol, 'GET', `/api/v1/network/entities?q=${encodeURIComponent(q)}`);
		assert.equal(res.status, 200, res.text);
		return res.json.items;
	};
	const [ea] = await find(user.id_number);
	assert.deepEqual([ea.kind, ea.value, ea.person_id], ['person', '同案在册', user.id]);
	const b = await suspect(tok.pol, c.id, { name: '同案乙', role: 'accomplice' });
	const cc = await suspect(tok.pol, c.id, { name: '同案丙', role: 'accomplice' });
	const g = (await api(srv.base, tok.pol, 'GET', `/api/v1/network/entities/${ea.id}/graph?depth=1`)).json;
	const byId = Object.fromEntries(g.nodes.map((n) => [n.id, n]));
	const pairs = g.links.filter((l) => l.kind === 'same_case')
		.map((l) => [byId[l.from].value, byId[l.to].value].sort().join('—')).sort();
	assert.deepEqual(pairs, ['同案丙—同案乙', '同案丙—同案在册', '同案乙—同案在册']);
	for (const l of g.links) {
		assert.deepEqual([l.kind, l.case_id, l.case_no, l.date_from, l.date_to, l.source],
			['same_case', c.id, c.number, day(-60), day(-60), 'case']);
	}
	assert.deepEqual(g.nodes.map((n) => n.person_id).sort(), [a.person_id, b.person_id, cc.person_id].sort());
	// the links are audited as made
	const made = await audit('entity=net_link&action=create&login=pol');
	assert.match(made.items[0].summary, new RegExp(`同案关系（案件 ${c.number}）：同案丙 与 同案在册、同案乙`));

	// the same person in a second case: that case's links, nothing twice
	const c2 = await newCase(tok.pol, { name: '同案第二案', accepted_date: day(-30), occurred_date: day(-30) });
	await ok(await post(tok.pol, c2.id, 'suspects', { id_number: user.id_number, role: 'principal' }));
	await suspect(tok.pol, c2.id, { name: '同案丁', role: 'accomplice' });
	const g2 = (await api(srv.base, tok.pol, 'GET', `/api/v1/network/entities/${ea.id}/graph?depth=1`)).json;
	const cases = g2.links.filter((l) => l.kind === 'same_case').map((l) => l.case_no).sort();
	assert.deepEqual(cases, [c.number, c.number, c.number, c2.number].sort());

	// the case page leads to the network of its suspects
	let page = await pol.get(`/cases/${c.id}`);
	assert.match(page.text, new RegExp(`<a class="button" id="case-network" href="/network/${ea.id}">`));
	// the network pages lead to the case, for those who read cases of its area
	const net = await pol.get(`/network/${ea.id}`);
	assert.match(net.text, new RegExp(`<a class="case-ref" href="/cases/${c.id}">${c.number}</a>`));
	const groups = await pol.get('/network');
	assert.match(groups.text, new RegExp(`<a class="case-ref" href="/cases/${c.id}">${c.number}</a>`));
	// the leader reads cases: the same links, the persons masked
	const lead = new Client(srv.base);
	await lead.signIn('lead');
	page = await lead.get(`/network/${ea.id}`);
	assert.match(page.text, new RegExp(`href="/cases/${c.id}"`));
	assert.doesNotMatch(page.text, /同案在册/);
	// a township's police see the case number, not a link to a case outside their area
	const tp = new Client(srv.base);
	await tp.signIn('pol_kt');
	const kt = await newCase(tok.pol, { division: TOWNS.kengtian.code, name: '坑田同案' });
	await suspect(tok.pol, kt.id, { name: '坑田甲' });
	await ok(await post(tok.pol, kt.id, 'suspects', { id_number: user.id_number, role: 'accomplice' }));
	const [ekt] = (await api(srv.base, tok.pol_kt, 'GET',
		`/api/v1/network/entities?q=${encodeURIComponent('坑田甲')}`)).json.items;
	page = await tp.get(`/network/${ekt.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`href="/cases/${kt.id}"`));
	assert.doesNotMatch(page.text, new RegExp(`href="/cases/${c.id}"`));
});
