'use strict';
// network.test.js - 关系网络 end to end: entities and links added through the
// forms and the API, values matched however written, neighbourhoods, the
// shortest path and groups, jurisdiction (a township's police see their
// township's links only, and their refusals are audited), masked values for
// those who may not read person files, the audit of every view, and
// importing links (web, API, command line) with a bad row reported by row and
// column and nothing written.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, run, createPerson,
	idNumber, maskId, unescapeHtml, formFields } = require('./lib');

let env, srv;
const tok = {};
const ids = {};

const EJ = TOWNS.enjiang.code;
const KT = TOWNS.kengtian.code;

function csv(rows) {
	return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

async function link(token, body, want = 201) {
	const res = await api(srv.base, token, 'POST', '/api/v1/network/links', body);
	assert.equal(res.status, want, `${JSON.stringify(body)}: ${res.text}`);
	return res.json;
}

async function graph(token, id, depth = 2) {
	const res = await api(srv.base, token, 'GET', `/api/v1/network/entities/${id}/graph?depth=${depth}`);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

async function linkCount() {
	const res = await api(srv.base, tok.police, 'GET', '/api/v1/network/groups?min=1&limit=500');
	assert.equal(res.status, 200, res.text);
	return res.json.items.reduce((s, g) => s + g.links, 0);
}

// The items of an import report page, as text.
function issues(html) {
	const m = /<ol class="issues" id="import-issues">([\s\S]*?)<\/ol>/.exec(html);
	return m ? [...m[1].matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((x) => unescapeHtml(x[1])) : [];
}

before(async () => {
	env = initDb();
	addUser(env.db, 'police', 'police', '360825', { name: '县禁毒大队民警' });
	addUser(env.db, 'police_ej', 'police', EJ, { name: '恩江派出所民警' });
	addUser(env.db, 'leader', 'leader', '360825');
	addUser(env.db, 'officer', 'officer', EJ);
	addUser(env.db, 'auditor', 'auditor', '360825');
	for (const u of ['admin', 'police', 'police_ej', 'leader', 'officer', 'auditor'])
		tok[u] = createToken(env.db, u);
	srv = await startServer(env.db);
	// A registered drug user of 恩江镇, to link to the network.
	const d = await api(srv.base, tok.admin, 'GET', `/api/v1/divisions/${EJ}`);
	const p = await createPerson(srv.base, tok.admin, { id_number: idNumber(777), name: '邓志飞',
		division: d.json.children[0].code });
	ids.person = p.id;
	ids.personIdn = p.id_number;
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('entities are matched however their values are written', async () => {
	const c = new Client(srv.base);
	await c.signIn('police');
	const page = await c.get('/network');
	assert.equal(page.status, 200);
	assert.match(page.text, /id="entity-form"/);
	assert.match(page.text, /<a href="\/network"><span class="ico">/, 'the navigation offers 关系网络');
	let res = await c.post('/network/entities', { kind: 'phone', value: '139 7965 1207', division: '360825' });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	const m = /^\/network\/(\d+)\?done=entity$/.exec(res.location);
	assert.ok(m, res.location);
	ids.phone = Number(m[1]);
	// the same number as others write it: the entity on record, opened
	for (const v of ['+86 139-7965-1207', '１３９７９６５１２０７']) {
		res = await c.post('/network/entities', { kind: 'phone', value: v, division: '360825' });
		assert.equal(res.status, 303);
		assert.equal(res.location, `/network/${ids.phone}?done=existing`);
	}
	const one = await c.get(`/network/${ids.phone}?done=existing`);
	assert.equal(one.status, 200);
	assert.match(one.text, /已有该实体，已为您打开/);
	assert.match(one.text, /<h1>电话号码：13979651207<\/h1>/);
	// a number that cannot be one: the form again, the error beside its field
	res = await c.post('/network/entities', { kind: 'phone', value: '12-34', division: '360825' });
	assert.equal(res.status, 422);
	assert.match(res.text, /id="e-ent-value">电话号码应为 5 至 20 位数字</);
	assert.match(res.text, /<details class="act" id="add-entity" open>/);
	// through the API, with every field's error
	const bad = await api(srv.base, tok.police, 'POST', '/api/v1/network/entities',
		{ kind: 'boat', value: '', division: '360825' });
	assert.equal(bad.status, 422);
	assert.equal(bad.json.error.code, 'invalid');
	assert.deepEqual(bad.json.error.fields.map((f) => f.field), ['kind']);
	const plate = await api(srv.base, tok.police, 'POST', '/api/v1/network/entities',
		{ kind: 'vehicle', value: '赣d·12345', division: '360825' });
	assert.equal(plate.status, 201, plate.text);
	assert.equal(plate.json.entity.value, '赣D12345');
	assert.equal(plate.json.created, true);
	const again = await api(srv.base, tok.police, 'POST', '/api/v1/network/entities',
		{ kind: 'vehicle', value: '赣 D 123 45', division: '360825' });
	assert.equal(again.status, 200);
	assert.equal(again.json.entity.id, plate.json.entity.id);
	assert.equal(again.json.created, false);
	ids.plate = plate.json.entity.id;
});

test('links: rules, duplicates, persons by their file or ID number', async () => {
	// 邓志飞's file (恩江镇) holds the phone; a person not on file needs a name
	const held = await link(tok.police, { from_person_id: ids.person, to_id: ids.phone, kind: 'holds',
		division: '360825' });
	assert.equal(held.from.kind, 'person');
	assert.equal(held.from.value, '邓志飞');
	assert.equal(held.from.person_id, ids.person);
	assert.equal(held.from.id_number_masked, maskId(ids.personIdn));
	ids.deng = held.from.id;
	// the same person by ID number is the same entity
	const byId = await link(tok.police, { from_kind: 'person', from_value: ids.personIdn, to_id: ids.plate,
		kind: 'same_vehicle', date_from: '2025-06-01', date_to: '2025-06-03', division: '360825' });
	assert.equal(byId.from.id, ids.deng);
	assert.equal(byId.link.date_from, '2025-06-01');
	assert.equal(byId.link.date_to, '2025-06-03');
	assert.equal(byId.link.source, 'entered');
	const noName = await api(srv.base, tok.police, 'POST', '/api/v1/network/links', { from_kind: 'person',
		from_value: idNumber(901), to_kind: 'phone', to_value: '13812340001', kind: 'holds', division: '360825' });
	assert.equal(noName.status, 422);
	assert.deepEqual(noName.json.error.fields, [{ field: 'from_name', message: '请填写该人员的姓名' }]);
	// the kinds a link may join, dates, the same entity at both ends
	for (const [body, field, message] of [
		[{ from_id: ids.phone, to_kind: 'vehicle', to_value: '赣D54321', kind: 'call' }, 'kind', '“通话”只能连接人员和电话号码'],
		[{ from_id: ids.phone, to_kind: 'phone', to_value: '13979651207', kind: 'call' }, 'to_value', '关系的两端不能是同一个实体'],
		[{ from_id: ids.phone, to_kind: 'phone', to_value: '13812340002', kind: 'call', date_from: '2025-03-09', date_to: '2025-03-01' }, 'date_to', '结束日期不能早于开始日期'],
		[{ from_id: ids.phone, to_kind: 'phone', to_value: '13812340002', kind: 'call', date_from: '2999-01-01' }, 'date_from', '日期不能晚于今天'],
	]) {
		const res = await api(srv.base, tok.police, 'POST', '/api/v1/network/links', { ...body, division: '360825' });
		assert.equal(res.status, 422, res.text);
		assert.equal(res.json.error.field, field);
		assert.equal(res.json.error.message, message);
	}
	// the same link twice: refused, naming the link on record
	const call = { from_id: ids.phone, to_kind: 'phone', to_value: '13812340002', kind: 'call',
		date_from: '2025-03-01', case_no: 'YF2025-11', division: '360825' };
	await link(tok.police, call);
	const dup = await api(srv.base, tok.police, 'POST', '/api/v1/network/links', call);
	assert.equal(dup.status, 409);
	assert.equal(dup.json.error.code, 'conflict');
	// the form on the entity's page: back to it, the link listed
	const c = new Client(srv.base);
	await c.signIn('police');
	const page = await c.get(`/network/${ids.phone}`);
	const fields = formFields(page.text, 'link-form');
	assert.ok(fields.some(([k, v]) => k === 'from_id' && Number(v) === ids.phone));
	const res = await c.post('/network/links', { from_id: ids.phone, back: ids.phone, kind: 'parcel',
		to_kind: 'address', to_value: '永丰县恩江镇永丰大道 88 号', date_from: '2025-05-20', division: '360825' });
	assert.equal(res.status, 303, res.text.slice(0, 400));
	assert.equal(res.location, `/network/${ids.phone}?done=link`);
	const after = await c.get(res.location);
	assert.match(after.text, /已新增关系/);
	assert.match(after.text, /永丰县恩江镇永丰大道 88 号/);
	assert.match(after.text, /<a href="\/persons\/\d+">打开人员档案<\/a>|邓志飞/);
	// the person's file leads to the network, for those who may read networks
	const file = await c.get(`/persons/${ids.person}`);
	assert.match(file.text, new RegExp(`<a id="person-network" href="/network/${ids.deng}">`));
	const officer = new Client(srv.base);
	await officer.signIn('officer');
	const theirs = await officer.get(`/persons/${ids.person}`);
	assert.equal(theirs.status, 200);
	assert.doesNotMatch(theirs.text, /person-network/);
	// a bad link from the page: the page again with the error
	const wrong = await c.post('/network/links', { from_id: ids.phone, back: ids.phone, kind: 'lives',
		to_kind: 'phone', to_value: '13812340003', division: '360825' });
	assert.equal(wrong.status, 422);
	assert.match(wrong.text, /“居住”应连接一名人员和一个地址/);
	assert.match(wrong.text, /<details class="act" id="add-link" open>/);
});

test('neighbourhoods, the shortest path and groups', async () => {
	// A chain A - B - C - D of phones and a pair E - F; A - B twice.
	const A = '13900000001', B = '13900000002', C = '13900000003', D = '13900000004';
	const ab = await link(tok.police, { from_kind: 'phone', from_value: A, to_kind: 'phone', to_value: B,
		kind: 'call', date_from: '2025-01-01', case_no: 'YF2025-21', division: '360825' });
	await link(tok.police, { from_kind: 'phone', from_value: B, to_kind: 'phone', to_value: A,
		kind: 'call', date_from: '2025-01-02', case_no: 'YF2025-21', division: '360825' });
	const bc = await link(tok.police, { from_kind: 'phone', from_value: B, to_kind: 'phone', to_value: C,
		kind: 'call', division: '360825' });
	const cd = await link(tok.police, { from_kind: 'phone', from_value: C, to_kind: 'phone', to_value: D,
		kind: 'call', case_id: 7, division: '360825' });
	const ef = await link(tok.police, { from_kind: 'person', from_value: idNumber(902), from_name: '钟某甲',
		to_kind: 'person', to_value: idNumber(903), to_name: '钟某乙', kind: 'cohabit', division: '360825' });
	const a = ab.from.id, b = ab.to.id, c = bc.to.id, d = cd.to.id;

	let g = await graph(tok.police, a, 1);
	assert.deepEqual(g.nodes.map((n) => [n.id, n.depth]), [[a, 0], [b, 1]]);
	assert.equal(g.links.length, 2, 'both calls of A and B');
	g = await graph(tok.police, a, 2);
	assert.deepEqual(g.nodes.map((n) => n.id), [a, b, c]);
	g = await graph(tok.police, a, 3);
	assert.deepEqual(g.nodes.map((n) => n.id), [a, b, c, d]);
	assert.equal(g.truncated, false);
	const one = await api(srv.base, tok.police, 'GET', `/api/v1/network/entities/${b}`);
	assert.equal(one.status, 200);
	assert.equal(one.json.entity.value, B);
	assert.deepEqual(one.json.neighbours.map((n) => n.id).sort((x, y) => x - y), [a, c]);
	assert.equal(one.json.links.length, 3);

	let p = await api(srv.base, tok.police, 'GET', `/api/v1/network/path?from=${a}&to=${d}`);
	assert.equal(p.status, 200);
	assert.equal(p.json.found, true);
	assert.equal(p.json.hops, 3);
	assert.deepEqual(p.json.nodes.map((n) => n.value), [A, B, C, D]);
	assert.deepEqual(p.json.steps[0].links.map((l) => l.date_from), ['2025-01-01', '2025-01-02']);
	p = await api(srv.base, tok.police, 'GET', `/api/v1/network/path?from=${a}&to=${ef.to.id}`);
	assert.equal(p.json.found, false);
	assert.equal(p.json.hops, 0);
	// the page: drawn and listed; by values typed in
	const cl = new Client(srv.base);
	await cl.signIn('police');
	let page = await cl.get(`/network/path?from_q=${A}&to_q=${encodeURIComponent('139 0000 0004')}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /从“13900000001”到“13900000004”：3 步/);
	assert.match(page.text, /id="path-chart" data-chart="/);
	assert.equal((page.text.match(/<tr><td class="n">\d<\/td>/g) || []).length, 3);
	page = await cl.get(`/network/path?from=${a}&to=${ef.to.id}`);
	assert.match(page.text, /之间没有关系路径/);
	// several matches: a choice
	page = await cl.get(`/network/path?from=${a}&to_q=1390000000`);
	assert.match(page.text, /找到多个实体，请选择/);
	assert.match(page.text, new RegExp(`href="/network/path\\?to=${d}&amp;from=${a}"`));
	// the neighbourhood page draws from the API and lists the same links
	page = await cl.get(`/network/${b}`);
	assert.match(page.text, new RegExp(`<div class="netgraph" id="netgraph" data-center="${b}" data-depth="2"`));
	assert.equal((page.text.match(/<tr data-link="/g) || []).length, 4);

	const groups = await api(srv.base, tok.police, 'GET', '/api/v1/network/groups');
	assert.equal(groups.status, 200);
	const sizes = groups.json.items.map((x) => x.size);
	assert.deepEqual(sizes, [...sizes].sort((x, y) => y - x), 'largest first');
	const chain = groups.json.items.find((x) => x.hub.id === b);
	assert.ok(chain, 'the chain is a group, B its hub');
	assert.equal(chain.size, 4);
	assert.equal(chain.links, 4);
	assert.deepEqual(chain.case_nos, ['YF2025-21']);
	assert.deepEqual(chain.case_ids, [7]);
	const pair = groups.json.items.find((x) => x.size === 2 && x.person_count === 2);
	assert.deepEqual(pair.persons.map((x) => x.value).sort(), ['钟某乙', '钟某甲']);
	ids.chainA = a;
	ids.pairE = ef.from.id;
});

test('a township sees its own links only; refusals are audited', async () => {
	// police of 恩江镇 record a call there; the county records one in 坑田镇
	const ej = await link(tok.police_ej, { from_kind: 'phone', from_value: '13700000011', to_kind: 'phone',
		to_value: '13700000012', kind: 'call', division: EJ });
	const kt = await link(tok.police, { from_kind: 'phone', from_value: '13700000021', to_kind: 'phone',
		to_value: '13700000022', kind: 'call', division: KT });
	// not in their area: refused as unknown, the same for a page and the API
	for (const url of [`/api/v1/network/entities/${kt.from.id}`, `/api/v1/network/entities/${kt.from.id}/graph`,
		`/api/v1/network/path?from=${ej.from.id}&to=${kt.from.id}`, `/api/v1/network/entities/${ids.chainA}`]) {
		const res = await api(srv.base, tok.police_ej, 'GET', url);
		assert.equal(res.status, 404, url);
		assert.doesNotMatch(res.text, /13700000021/);
	}
	const c = new Client(srv.base);
	await c.signIn('police_ej');
	assert.equal((await c.get(`/network/${kt.from.id}`)).status, 404);
	assert.equal((await c.get(`/network/${ej.from.id}`)).status, 200);
	// their groups and search: their township only
	const groups = await api(srv.base, tok.police_ej, 'GET', '/api/v1/network/groups');
	assert.equal(groups.json.total, 1);
	assert.equal(groups.json.items[0].hub.id, ej.from.id);
	const found = await api(srv.base, tok.police_ej, 'GET', '/api/v1/network/entities?q=1370000002');
	assert.deepEqual(found.json.items, []);
	const page = await c.get('/network?q=13700000');
	assert.match(page.text, /13700000011/);
	assert.doesNotMatch(page.text, /13700000021/);
	// records go to their own area only
	const out = await api(srv.base, tok.police_ej, 'POST', '/api/v1/network/links', { from_id: ej.from.id,
		to_kind: 'phone', to_value: '13700000013', kind: 'call', division: KT });
	assert.equal(out.status, 422);
	assert.equal(out.json.error.field, 'division');
	// a number another township recorded: added alone, refused without saying more ...
	const elsewhere = await api(srv.base, tok.police_ej, 'POST', '/api/v1/network/entities',
		{ kind: 'phone', value: '13700000021', division: EJ });
	assert.equal(elsewhere.status, 409);
	assert.equal(elsewhere.json.error.field, 'value');
	assert.doesNotMatch(elsewhere.text, /"id"/);
	// ... linked to from their own case: the same entity, seen through their link only
	const joined = await link(tok.police_ej, { from_id: ej.from.id, to_kind: 'phone', to_value: '137 0000 0021',
		kind: 'call', division: EJ });
	assert.equal(joined.to.id, kt.from.id);
	const g = await graph(tok.police_ej, kt.from.id, 2);
	assert.deepEqual(g.nodes.map((n) => n.value).sort(), ['13700000011', '13700000012', '13700000021']);
	assert.ok(!g.nodes.some((n) => n.value === '13700000022'), "坑田镇's own link stays out of sight");
	// the county sees both sides
	const all = await graph(tok.police, kt.from.id, 2);
	assert.ok(all.nodes.some((n) => n.value === '13700000022'));
	// the refused views are in the audit log
	const audit = await api(srv.base, tok.auditor, 'GET', `/api/v1/audit?entity=net_entity&entity_id=${kt.from.id}&action=denied`);
	assert.equal(audit.status, 200);
	assert.ok(audit.json.items.some((e) => e.login === 'police_ej'), JSON.stringify(audit.json.items));
});

test('who may not read person files sees the shape, values masked; others nothing', async () => {
	const g = await graph(tok.leader, ids.deng, 1);
	const deng = g.nodes.find((n) => n.id === ids.deng);
	assert.equal(deng.value, '邓某');
	assert.equal(deng.masked, true);
	assert.equal(deng.person_id, null);
	assert.ok(!('id_number_masked' in deng));
	const phone = g.nodes.find((n) => n.id === ids.phone);
	assert.equal(phone.value, '139****1207');
	assert.ok(!JSON.stringify(g).includes('13979651207'));
	assert.ok(!JSON.stringify(g).includes('邓志飞'));
	const c = new Client(srv.base);
	await c.signIn('leader');
	const page = await c.get(`/network/${ids.deng}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /邓志飞|13979651207|\/persons\//);
	assert.match(page.text, /已作脱敏显示|邓某/);
	assert.doesNotMatch(page.text, /id="link-form"/, 'leaders read only');
	const groups = await c.get('/network');
	assert.doesNotMatch(groups.text, /钟某甲/);
	assert.match(groups.text, /已作脱敏显示/);
	// a township officer and the auditor have no business here
	for (const who of ['officer', 'auditor']) {
		assert.equal((await api(srv.base, tok[who], 'GET', `/api/v1/network/entities/${ids.deng}/graph`)).status, 403);
		assert.equal((await api(srv.base, tok[who], 'GET', '/api/v1/network/groups')).status, 403);
	}
	const admin = await api(srv.base, tok.admin, 'POST', '/api/v1/network/entities',
		{ kind: 'phone', value: '13600000000', division: '360825' });
	assert.equal(admin.status, 403, 'the office reads networks, the police record them');
});

test('every view of persons in a network is audited, ID numbers never in clear', async () => {
	const c = new Client(srv.base);
	await c.signIn('police');
	await c.get(`/network/${ids.deng}`);
	await c.get(`/network?q=${ids.personIdn}`);
	await api(srv.base, tok.police, 'GET', `/api/v1/network/entities/${ids.pairE}/graph?depth=1`);
	const res = await api(srv.base, tok.auditor, 'GET', '/api/v1/audit?login=police&limit=200');
	assert.equal(res.status, 200);
	const mine = res.json.items;
	const view = mine.find((e) => e.action === 'view' && e.entity === 'net_entity' && e.entity_id === String(ids.deng));
	assert.ok(view, 'the entity page is audited');
	assert.match(view.summary, /显示 \d+ 个实体，其中人员 1 名：邓志飞/);
	const pair = mine.find((e) => e.action === 'view' && e.entity_id === String(ids.pairE));
	assert.match(pair.summary, /钟某甲、钟某乙|钟某乙、钟某甲/);
	const search = mine.find((e) => e.action === 'search' && e.entity === 'net_entity' &&
		e.summary.includes(ids.personIdn.slice(0, 4)));
	assert.ok(search, 'the search is audited');
	assert.ok(!search.summary.includes(ids.personIdn), 'the ID number is masked');
	assert.ok(mine.some((e) => e.action === 'view' && e.entity === 'network' && /团伙列表/.test(e.summary)));
	assert.ok(mine.some((e) => e.action === 'create' && e.entity === 'net_link'));
	for (const e of mine)
		assert.ok(!JSON.stringify(e).includes(ids.personIdn), `no ID number in clear: ${e.summary}`);
});

test('importing links: a bad row by row and column, nothing written; then all of it', async () => {
	const before = await linkCount();
	const bad = csv([
		['主叫号码', '被叫号码', '关系', '日期', '案件编号'],
		['13500000001', '13500000002', '通话', '2025-02-01', 'YF2025-31'],
		['13500000002', '赣D99999', '通话', '2025-02-02', 'YF2025-31'],
		['13500000002', '13500000003', '通话', '2025-02-31', 'YF2025-31'],
	]);
	// the API, a dry run and for real: refused alike
	for (const q of ['dry_run=1&', '']) {
		const res = await fetch(`${srv.base}/api/v1/network/import?${q}name=calls.csv`, { method: 'POST',
			headers: { authorization: `Bearer ${tok.police}`, 'content-type': 'text/csv' }, body: bad });
		const json = await res.json();
		assert.equal(res.status, 422, JSON.stringify(json));
		assert.equal(json.error.code, 'rejected');
		assert.deepEqual(json.issues.map((i) => [i.line, i.column, i.message]), [
			[3, '关系', '“通话”只能连接人员和电话号码'],
			[4, '日期', '无法识别的日期“2025-02-31”，请写成 2024-03-01'],
		]);
		assert.equal(json.imported, 0);
	}
	assert.equal(await linkCount(), before, 'nothing written');

	// the browser: upload, columns, check (the same report), import refused
	const c = new Client(srv.base);
	await c.signIn('police');
	const form = await c.get('/network/import');
	assert.equal(form.status, 200);
	const fd = new FormData();
	fd.append('_csrf', c.csrf);
	fd.append('file', new Blob([bad], { type: 'text/csv' }), 'calls.csv');
	const up = await c.request('POST', '/network/import', { body: fd });
	assert.equal(up.status, 303, up.text.slice(0, 300));
	const uid = /^\/network\/import\/([0-9a-f]{32})$/.exec(up.location)[1];
	const cols = await c.get(up.location);
	assert.equal(cols.status, 200);
	const mapping = formFields(cols.text, 'import-map');
	assert.deepEqual(mapping.filter(([k]) => k.startsWith('col')),
		[['col0', 'from_value'], ['col1', 'to_value'], ['col2', 'kind'], ['col3', 'date'], ['col4', 'case_no']]);
	let rep = await c.post(`/network/import/${uid}/check`, mapping);
	assert.equal(rep.status, 422);
	assert.deepEqual(issues(rep.text), ['第 3 行，“关系”列：“通话”只能连接人员和电话号码',
		'第 4 行，“日期”列：无法识别的日期“2025-02-31”，请写成 2024-03-01']);
	assert.doesNotMatch(rep.text, /id="import-commit"/);
	rep = await c.post(`/network/import/${uid}`, mapping);
	assert.equal(rep.status, 422);
	assert.equal(await linkCount(), before, 'nothing written');

	// fixed: checked, then imported; the same file again adds nothing
	const good = csv([
		['主叫号码', '被叫号码', '关系', '日期', '案件编号'],
		['13500000001', '13500000002', '通话', '2025-02-01', 'YF2025-31'],
		['13500000002', '13500000003', '通话', '2025-02-01至2025-02-28', 'YF2025-31'],
	]);
	const fd2 = new FormData();
	fd2.append('_csrf', c.csrf);
	fd2.append('file', new Blob([good], { type: 'text/csv' }), 'calls.csv');
	const up2 = await c.request('POST', '/network/import', { body: fd2 });
	const uid2 = /([0-9a-f]{32})$/.exec(up2.location)[1];
	const map2 = formFields((await c.get(up2.location)).text, 'import-map');
	rep = await c.post(`/network/import/${uid2}/check`, map2);
	assert.equal(rep.status, 200);
	assert.match(rep.text, /检查通过：可导入 2 条关系/);
	assert.equal(await linkCount(), before, 'a check writes nothing');
	rep = await c.post(`/network/import/${uid2}`, formFields(rep.text, 'import-commit'));
	assert.equal(rep.status, 200, rep.text.slice(0, 400));
	assert.match(rep.text, /已导入 2 条关系，新增实体 3 个/);
	assert.equal(await linkCount(), before + 2);
	const again = await fetch(`${srv.base}/api/v1/network/import?name=calls.csv`, { method: 'POST',
		headers: { authorization: `Bearer ${tok.police}`, 'content-type': 'text/csv' }, body: good });
	const aj = await again.json();
	assert.equal(again.status, 200, JSON.stringify(aj));
	assert.equal(aj.existing, 2);
	assert.equal(aj.imported, 0);
	assert.equal(await linkCount(), before + 2);
	// imported links name their batch
	const found = await api(srv.base, tok.police, 'GET', '/api/v1/network/entities?q=13500000003');
	const g = await graph(tok.police, found.json.items[0].id, 1);
	assert.equal(g.links[0].source, 'import');
	assert.ok(g.links[0].batch_id > 0);
	assert.equal(g.links[0].date_to, '2025-02-28');
});

test('jindu import links: the same report on the command line', () => {
	const file = path.join(env.dir, 'links.csv');
	fs.writeFileSync(file, csv([
		['起点类别', '起点', '起点姓名', '关系类别', '终点类别', '终点', '日期'],
		['人员', idNumber(950), '赖某', '持有', '电话', '13300000001', ''],
		['人员', idNumber(951), '', '持有', '电话', '13300000002', ''],
		['银行卡', '6222021503001111', '', '转账', '银行卡', '6222021503002222', '2025-04-01'],
	]));
	let r = run(['import', 'links', file, '--db', env.db, '--dry-run']);
	assert.equal(r.status, 1, r.stdout);
	assert.match(r.stdout, /第 3 行，“起点姓名”列：请填写该人员的姓名/);
	assert.match(r.stderr, /1 行有错误，没有导入任何数据/);
	fs.writeFileSync(file, csv([
		['起点类别', '起点', '起点姓名', '关系类别', '终点类别', '终点', '日期'],
		['人员', idNumber(950), '赖某', '持有', '电话', '13300000001', ''],
		['银行卡', '6222021503001111', '', '转账', '银行卡', '6222021503002222', '2025-04-01'],
	]));
	r = run(['import', 'links', file, '--db', env.db, '--dry-run']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /试运行：检查通过，可导入 2 条关系；没有写入数据库/);
	r = run(['import', 'links', file, '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /已导入 2 条关系（批次 \d+），新增实体 4 个/);
	// an explicit mapping for headers that are not recognised
	fs.writeFileSync(file, csv([['甲', '乙', '类'], ['13300000001', '13300000009', '通话']]));
	r = run(['import', 'links', file, '--db', env.db, '--map', '甲=from_value;乙=终点;类=关系类别']);
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /已导入 1 条关系/);
	r = run(['import', 'links', file, '--db', env.db, '--map', '甲=飞机']);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /--map: “飞机”不是可导入的列/);
});

test('a link entered or imported with the number of a case on record names that case', async () => {
	const made = await api(srv.base, tok.police, 'POST', '/api/v1/cases', { number: 'A3608250500002025090001',
		name: '关系测试案', type: 'trafficking', source: 'report', division: EJ, accepted_date: '2025-09-01' });
	assert.equal(made.status, 201, made.text);
	const cs = made.json;
	// entered: the number gives the id
	let l = await link(tok.police, { from_kind: 'phone', from_value: '13600000001', to_kind: 'phone',
		to_value: '13600000002', kind: 'call', date_from: '2025-08-30', case_no: ` ${cs.number} `,
		division: '360825' });
	assert.deepEqual([l.link.case_id, l.link.case_no, l.link.source], [cs.id, cs.number, 'case']);
	// an id gives the number; a number of no case is kept as written, without an id
	l = await link(tok.police, { from_kind: 'phone', from_value: '13600000001', to_kind: 'phone',
		to_value: '13600000003', kind: 'call', case_id: String(cs.id), division: '360825' });
	assert.deepEqual([l.link.case_id, l.link.case_no], [cs.id, cs.number]);
	l = await link(tok.police, { from_kind: 'phone', from_value: '13600000001', to_kind: 'phone',
		to_value: '13600000004', kind: 'call', case_no: 'YF-不存在-1', division: '360825' });
	assert.deepEqual([l.link.case_id, l.link.case_no], [null, 'YF-不存在-1']);
	// a number and an id of two different cases: refused
	const bad = await api(srv.base, tok.police, 'POST', '/api/v1/network/links', { from_kind: 'phone',
		from_value: '13600000001', to_kind: 'phone', to_value: '13600000005', kind: 'call',
		case_no: cs.number, case_id: String(cs.id + 1000), division: '360825' });
	assert.equal(bad.status, 422, bad.text);
	assert.equal(bad.json.error.field, 'case_id');
	// a township that cannot see the case: the number as written, no id
	const other = await api(srv.base, tok.police, 'POST', '/api/v1/cases', { number: 'A3608250500002025090002',
		name: '县局关系案', type: 'trafficking', source: 'report', division: '360825', accepted_date: '2025-09-01' });
	assert.equal(other.status, 201, other.text);
	l = await link(tok.police_ej, { from_kind: 'phone', from_value: '13600000011', to_kind: 'phone',
		to_value: '13600000012', kind: 'call', case_no: other.json.number, division: EJ });
	assert.deepEqual([l.link.case_id, l.link.case_no], [null, other.json.number]);
	// imported: the same
	const res = await fetch(`${srv.base}/api/v1/network/import?name=case-calls.csv`, { method: 'POST',
		headers: { authorization: `Bearer ${tok.police}`, 'content-type': 'text/csv' },
		body: csv([['主叫号码', '被叫号码', '关系', '日期', '案件编号'],
			['13600000021', '13600000022', '通话', '2025-08-31', cs.number]]) });
	assert.equal(res.status, 201, await res.clone().text());
	const found = await api(srv.base, tok.police, 'GET', '/api/v1/network/entities?q=13600000022');
	const g = await graph(tok.police, found.json.items[0].id, 1);
	assert.deepEqual([g.links[0].case_id, g.links[0].case_no, g.links[0].source], [cs.id, cs.number, 'import']);
	// the entity's page links the number to the case
	const c = new Client(srv.base);
	await c.signIn('police');
	const page = await c.get(`/network/${found.json.items[0].id}`);
	assert.match(page.text, new RegExp(`<a class="case-ref" href="/cases/${cs.id}">${cs.number}</a>`));
});
