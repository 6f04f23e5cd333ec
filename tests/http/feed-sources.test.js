'use strict';
// feed-sources.test.js - managing partner sources (数据接入) as the county
// office does, in the web pages, the JSON API and `jindu feed source`: a
// source added through the form shows its token once and that token
// delivers a batch; rotating makes the old token fail at once and the new
// one work; a disabled source is refused and enabling restores it; who may
// see and who may change sources; every change audited, no token in the log.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { test, before, after } = require('node:test');
const { TOWNS, COUNTY, run, initDb, addUser, createToken, startServer, api, idNumber,
	createPerson, Client, formFields, setField, unescapeHtml } = require('./lib');

let env, srv, adminToken, unitId;
const P = {};       // persons: one watched (a running measure), one not
const tokens = [];  // every source token issued here, to look for in the audit log
let seq = 0;

function sql(query) {
	return execFileSync('sqlite3', [env.db, query], { encoding: 'utf8' }).trim();
}

// A small batch: one hit, one person not watched, one bad line; new event
// ids every time, so that each batch is new.
function batch() {
	const n = ++seq;
	return ['event_id,id_number,name,time,place,division,details',
		`s${n}a,${P.watched.id_number},监控甲,2026-01-20 22:10:00,恩江镇某宾馆302,360825100,入住`,
		`s${n}b,${P.plain.id_number},普通乙,2026-01-21 09:00:00,某地,360825100,入住`,
		`s${n}c,${P.watched.id_number},监控甲,not a time,某地,360825100,bad`,
	].join('\n') + '\n';
}

function deliver(source, token, body = batch()) {
	return fetch(`${srv.base}/api/v1/feeds/${source}/events`, {
		method: 'POST', body,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
	}).then(async (res) => ({ status: res.status, json: await res.json() }));
}

async function assertWorks(source, token, what) {
	const res = await deliver(source, token);
	assert.equal(res.status, 201, `${what}: ${JSON.stringify(res.json)}`);
	assert.deepEqual([res.json.read, res.json.matched, res.json.unmatched, res.json.rejected,
		res.json.alerts], [3, 1, 1, 1, 1], what);
	return res.json;
}

async function assertRefused(source, token, what) {
	const res = await deliver(source, token);
	assert.equal(res.status, 401, `${what}: ${JSON.stringify(res.json)}`);
	assert.equal(res.json.error.code, 'unauthenticated', what);
}

// The token on a page that shows one (it is alone in #token).
function tokenOf(html) {
	const m = /<p class="mono secret" id="token">(jds_[A-Za-z0-9_-]+)<\/p>/.exec(html);
	assert.ok(m, 'the page shows the token');
	return m[1];
}

async function signedIn(login) {
	const c = new Client(srv.base);
	await c.signIn(login);
	return c;
}

before(async () => {
	env = initDb();
	addUser(env.db, 'police_c', 'police', COUNTY);
	addUser(env.db, 'officer_c', 'officer', COUNTY);
	addUser(env.db, 'leader_c', 'leader', COUNTY);
	addUser(env.db, 'member_c', 'member', COUNTY);
	addUser(env.db, 'auditor_c', 'auditor', COUNTY);
	addUser(env.db, 'admin_ej', 'admin', TOWNS.enjiang.code);
	adminToken = createToken(env.db, 'admin');
	srv = await startServer(env.db);

	const id = idNumber(70001);
	P.watched = { ...await createPerson(srv.base, adminToken, { id_number: id, name: '监控甲',
		division: TOWNS.enjiang.code }), id_number: id };
	const plain = idNumber(70002);
	P.plain = { ...await createPerson(srv.base, adminToken, { id_number: plain, name: '普通乙',
		division: TOWNS.enjiang.code }), id_number: plain };
	const day = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
	const res = await api(srv.base, adminToken, 'POST', `/api/v1/persons/${P.watched.id}/measures`,
		{ kind: 'community', decision_date: day, division: TOWNS.enjiang.code });
	assert.equal(res.status, 201, res.text);

	// The unit that will own the source.
	const admin = await signedIn('admin');
	const u = await admin.post('/org/units', { name: '永丰县公安局治安管理大队', kind: 'police',
		division: COUNTY, phone: '' });
	assert.equal(u.status, 303, u.text.slice(0, 300));
	const units = await api(srv.base, adminToken, 'GET', '/api/v1/units');
	unitId = units.json.items.find((x) => x.name === '永丰县公安局治安管理大队').id;
	assert.ok(unitId);
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('the county administrator adds a source through the form; its token, shown once, delivers a batch', async () => {
	const admin = await signedIn('admin');
	let page = await admin.get('/feeds');
	assert.equal(page.status, 200);
	assert.match(page.text, /<a href="\/feeds"><span class="ico">[^<]*<\/span>数据接入<\/a>/, 'in the navigation');
	assert.match(page.text, /尚未接入任何来源/);
	let fields = formFields(page.text, 'source-form');
	assert.ok(fields.some(([k, v]) => k === 'unit_id' && v === '0'), 'no owner unit unless chosen');
	assert.match(page.text, new RegExp(`<option value="${unitId}">永丰县公安局治安管理大队</option>`));
	fields = setField(fields, 'name', 'hotel-yf');
	fields = setField(fields, 'kind', 'hotel');
	fields = setField(fields, 'label', '永丰县旅馆业治安管理信息系统');
	fields = setField(fields, 'unit_id', String(unitId));
	const res = await admin.post('/feeds', fields);
	assert.equal(res.status, 200, res.text.slice(0, 500));
	const token = tokenOf(res.text);
	tokens.push(token);
	assert.match(res.text, /已新增来源“hotel-yf”/);
	assert.match(res.text, /令牌只显示这一次/);
	assert.match(res.text, /不要通过聊天工具、电子邮件或短信发送/);
	assert.match(res.text, /POST \/api\/v1\/feeds\/hotel-yf\/events/);

	const sent = await assertWorks('hotel-yf', token, 'the new token');

	// The list and the source's page: counts, owner, the batch; never the token.
	page = await admin.get('/feeds');
	const row = /<tr><td><a href="\/feeds\/hotel-yf">hotel-yf<\/a><\/td>([\s\S]*?)<\/tr>/.exec(page.text);
	assert.ok(row, 'hotel-yf is listed');
	const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
	assert.deepEqual(cells.slice(0, 4), ['旅馆住宿', '永丰县旅馆业治安管理信息系统', '永丰县公安局治安管理大队', '已启用']);
	assert.deepEqual(cells.slice(5, 9), ['1', '3', '1', '1'], 'batches, read, hits, rejected');
	assert.match(cells[9], /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'the last batch time');
	assert.ok(!page.text.includes(token));
	const one = await admin.get('/feeds/hotel-yf');
	assert.equal(one.status, 200);
	assert.ok(!one.text.includes(token), 'the token is never shown again');
	const batches = /<table class="grid" id="batches">([\s\S]*?)<\/table>/.exec(one.text)[1];
	const brow = [...batches.matchAll(/<tr><td class="mono">(\d+)<\/td>([\s\S]*?)<\/tr>/g)];
	assert.equal(brow.length, 1);
	const bcells = [...brow[0][2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
	assert.equal(bcells[0], 'http.csv');
	assert.equal(bcells[2], '来源接口', 'delivered with the source token');
	assert.deepEqual(bcells.slice(3, 9), ['3', '1', '1', '0', '1', '1']);
	assert.equal(bcells[9], sent.digest.slice(0, 12), 'the digest prefix');

	// The API says the same, with who delivered each batch.
	const j = await api(srv.base, adminToken, 'GET', '/api/v1/feeds/hotel-yf');
	assert.equal(j.status, 200);
	assert.equal(j.json.source.unit_name, '永丰县公安局治安管理大队');
	assert.equal(j.json.source.disabled, false);
	assert.deepEqual([j.json.source.batches, j.json.source.read, j.json.source.matched,
		j.json.source.rejected], [1, 3, 1, 1]);
	assert.equal(j.json.total, 1);
	assert.equal(j.json.batches[0].who, 'feed:hotel-yf');
	assert.equal(j.json.batches[0].digest, sent.digest);
	assert.ok(!JSON.stringify(j.json).includes(token));
	assert.ok(!(await api(srv.base, adminToken, 'GET', '/api/v1/feeds')).text.includes(token));

	// The same name again, or a name that cannot be one: the form again, nothing added.
	let again = await admin.post('/feeds', fields);
	assert.equal(again.status, 422);
	assert.match(again.text, /该来源名称已被使用/);
	assert.doesNotMatch(again.text, /id="token"/);
	again = await admin.post('/feeds', setField(setField(fields, 'name', 'Hotel YF'), 'kind', 'casino'));
	assert.equal(again.status, 422);
	assert.match(again.text, /有 2 处需要修改/);
	assert.match(again.text, /value="Hotel YF"/, 'what was typed is kept');
	assert.equal(sql('SELECT count(*) FROM feed_source'), '1');
});

test('the API adds sources too, and checks what it is given', async () => {
	let res = await api(srv.base, adminToken, 'POST', '/api/v1/feeds',
		{ name: 'netbar', kind: 'netcafe', label: '网吧实名上网系统' });
	assert.equal(res.status, 201, res.text);
	assert.match(res.json.token, /^jds_[A-Za-z0-9_-]{40,}$/);
	tokens.push(res.json.token);
	assert.equal(res.json.source.name, 'netbar');
	assert.equal(res.json.source.unit_id, 0);
	await assertWorks('netbar', res.json.token, 'a token from the API');
	// a source's token is for its own path only
	await assertRefused('hotel-yf', res.json.token, 'another source\'s token');

	res = await api(srv.base, adminToken, 'POST', '/api/v1/feeds', { name: 'netbar', kind: 'netcafe' });
	assert.equal(res.status, 409);
	assert.equal(res.json.error.field, 'name');
	res = await api(srv.base, adminToken, 'POST', '/api/v1/feeds',
		{ name: 'x', kind: 'hotel', unit_id: 999999, label: '长'.repeat(41) });
	assert.equal(res.status, 422);
	assert.deepEqual(res.json.error.fields.map((f) => f.field), ['name', 'label', 'unit_id']);
	const list = await api(srv.base, adminToken, 'GET', '/api/v1/feeds');
	assert.deepEqual(list.json.items.map((s) => s.name), ['hotel-yf', 'netbar']);
	assert.equal((await api(srv.base, adminToken, 'GET', '/api/v1/feeds/nothing')).status, 404);
});

test('rotating: the old token fails at once, the new one works', async () => {
	const admin = await signedIn('admin');
	const old = tokens[0];
	const page = await admin.get('/feeds/hotel-yf');
	const res = await admin.post('/feeds/hotel-yf', formFields(page.text, 'source-rotate'));
	assert.equal(res.status, 200, res.text.slice(0, 300));
	assert.match(res.text, /已更换接入令牌，原令牌已失效/);
	const fresh = tokenOf(res.text);
	tokens.push(fresh);
	assert.notEqual(fresh, old);
	await assertRefused('hotel-yf', old, 'the token before rotating');
	await assertWorks('hotel-yf', fresh, 'the rotated token');
	assert.ok(!(await admin.get('/feeds/hotel-yf')).text.includes(fresh));

	// by the API
	const r2 = await api(srv.base, adminToken, 'POST', '/api/v1/feeds/hotel-yf', { action: 'rotate' });
	assert.equal(r2.status, 200, r2.text);
	assert.match(r2.json.token, /^jds_/);
	tokens.push(r2.json.token);
	await assertRefused('hotel-yf', fresh, 'the token before the second rotation');
	await assertWorks('hotel-yf', r2.json.token, 'the token from the API');
	const bad = await api(srv.base, adminToken, 'POST', '/api/v1/feeds/hotel-yf', { action: 'delete' });
	assert.equal(bad.status, 400);
	assert.equal((await api(srv.base, adminToken, 'POST', '/api/v1/feeds/nothing', { action: 'rotate' })).status, 404);
});

test('a disabled source is refused; enabling it restores the same token', async () => {
	const admin = await signedIn('admin');
	const token = tokens[tokens.length - 1];
	let page = await admin.get('/feeds/hotel-yf');
	let fields = formFields(page.text, 'source-toggle');
	assert.deepEqual(fields.find(([k]) => k === 'action'), ['action', 'disable']);
	let res = await admin.post('/feeds/hotel-yf', fields);
	assert.equal(res.status, 200);
	assert.match(res.text, /来源已停用，其令牌不再被接受/);
	assert.match(res.text, /<span class="tag">已停用<\/span>/);
	await assertRefused('hotel-yf', token, 'a disabled source');
	page = await admin.get('/feeds');
	assert.match(page.text, /<tr class="off"><td><a href="\/feeds\/hotel-yf">/);
	assert.equal((await api(srv.base, adminToken, 'GET', '/api/v1/feeds/hotel-yf')).json.source.disabled, true);

	fields = formFields(res.text, 'source-toggle');
	assert.deepEqual(fields.find(([k]) => k === 'action'), ['action', 'enable']);
	res = await admin.post('/feeds/hotel-yf', fields);
	assert.equal(res.status, 200);
	assert.match(res.text, /来源已启用/);
	await assertWorks('hotel-yf', token, 'enabled again');

	// by the API; disabling twice changes nothing more
	for (const action of ['disable', 'disable']) {
		res = await api(srv.base, adminToken, 'POST', '/api/v1/feeds/netbar', { action });
		assert.equal(res.status, 200, res.text);
		assert.equal(res.json.source.disabled, true);
		assert.equal(res.json.token, undefined);
	}
	await assertRefused('netbar', tokens[1], 'disabled by the API');
	res = await api(srv.base, adminToken, 'POST', '/api/v1/feeds/netbar', { action: 'enable' });
	assert.equal(res.json.source.disabled, false);
	await assertWorks('netbar', tokens[1], 'enabled by the API');
});

test('jindu feed source disable, enable and rotate', async () => {
	const feed = (...args) => run(['feed', 'source', ...args, '--db', env.db]);
	let r = feed('disable', 'netbar');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /来源 netbar 已停用/);
	await assertRefused('netbar', tokens[1], 'disabled on the command line');
	r = feed('list');
	assert.match(r.stdout, /^netbar\tnetcafe\t网吧实名上网系统\t\(disabled\)$/m);
	r = feed('enable', 'netbar');
	assert.equal(r.status, 0, r.stderr);
	await assertWorks('netbar', tokens[1], 'enabled on the command line');
	r = feed('rotate', 'netbar');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^jds_[A-Za-z0-9_-]{40,}\n$/);
	const fresh = r.stdout.trim();
	tokens.push(fresh);
	await assertRefused('netbar', tokens[1], 'rotated on the command line');
	await assertWorks('netbar', fresh, 'the token the command printed');

	r = feed('rotate', 'nothing');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /没有名为“nothing”的来源/);
	assert.equal(feed('disable').status, 2, 'a name is required');
	assert.equal(feed('enable', 'a', 'b').status, 2, 'one name only');
	const help = run(['help', 'feed']);
	assert.match(help.stdout + help.stderr, /feed source disable\|enable\|rotate NAME --db DB/);
});

test('who may see sources and who may change them', async () => {
	const before = sql('SELECT group_concat(name || disabled || token_hash) FROM feed_source');
	const hotel = tokens[3];
	// The police read the list and a source's batches, without forms.
	const police = await signedIn('police_c');
	let page = await police.get('/feeds');
	assert.equal(page.status, 200);
	assert.match(page.text, /href="\/feeds\/hotel-yf"/);
	assert.match(page.text, /<a href="\/feeds">/, 'in the navigation');
	assert.doesNotMatch(page.text, /id="source-form"/);
	page = await police.get('/feeds/hotel-yf');
	assert.equal(page.status, 200);
	assert.match(page.text, /id="batches"/);
	assert.doesNotMatch(page.text, /id="source-toggle"|id="source-rotate"/);
	assert.equal((await police.post('/feeds', { name: 'police-src', kind: 'other' })).status, 403);
	assert.equal((await police.post('/feeds/hotel-yf', { action: 'disable' })).status, 403);
	const pt = createToken(env.db, 'police_c');
	assert.equal((await api(srv.base, pt, 'GET', '/api/v1/feeds')).status, 200);
	assert.equal((await api(srv.base, pt, 'POST', '/api/v1/feeds/hotel-yf', { action: 'rotate' })).status, 403);

	// A township administrator sees them but may not change the county's partners.
	const ej = await signedIn('admin_ej');
	page = await ej.get('/feeds');
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /id="source-form"/);
	page = await ej.get('/feeds/hotel-yf');
	assert.doesNotMatch(page.text, /id="source-toggle"|id="source-rotate"/);
	let res = await ej.post('/feeds', { name: 'town-src', kind: 'hotel', label: '', unit_id: 0 });
	assert.equal(res.status, 403);
	assert.match(res.text, /接入来源只能由本级禁毒办管理员管理/);
	for (const action of ['disable', 'rotate'])
		assert.equal((await ej.post('/feeds/hotel-yf', { action })).status, 403, action);
	const et = createToken(env.db, 'admin_ej');
	res = await api(srv.base, et, 'POST', '/api/v1/feeds/hotel-yf', { action: 'disable' });
	assert.equal(res.status, 403);
	assert.equal(res.json.error.code, 'forbidden');
	res = await api(srv.base, et, 'POST', '/api/v1/feeds', { name: 'town-src', kind: 'hotel' });
	assert.equal(res.status, 403);

	// Everyone else: not even the list, nor the link.
	for (const login of ['officer_c', 'leader_c', 'member_c', 'auditor_c']) {
		const c = await signedIn(login);
		const home = await c.get('/');
		assert.doesNotMatch(home.text, /href="\/feeds"/, `${login}: no link`);
		assert.equal((await c.get('/feeds')).status, 403, login);
		assert.equal((await c.get('/feeds/hotel-yf')).status, 403, login);
		assert.equal((await c.post('/feeds/hotel-yf', { action: 'disable' })).status, 403, login);
		const t = createToken(env.db, login);
		assert.equal((await api(srv.base, t, 'GET', '/api/v1/feeds')).status, 403, login);
		assert.equal((await api(srv.base, t, 'GET', '/api/v1/feeds/hotel-yf')).status, 403, login);
	}

	// Signed out, with a partner's token, or without the page's CSRF token.
	const anon = new Client(srv.base);
	res = await anon.get('/feeds');
	assert.equal(res.status, 303);
	assert.equal(res.location, '/login?next=%2Ffeeds');
	assert.equal((await api(srv.base, null, 'GET', '/api/v1/feeds')).status, 401);
	assert.equal((await api(srv.base, hotel, 'GET', '/api/v1/feeds')).status, 401, 'a source token is no user');
	assert.equal((await api(srv.base, hotel, 'POST', '/api/v1/feeds/hotel-yf', { action: 'rotate' })).status, 401);
	const admin = await signedIn('admin');
	res = await admin.post('/feeds/hotel-yf', { action: 'disable' }, { noCsrf: true });
	assert.equal(res.status, 403);

	// Nothing of that changed any source, and the token still works.
	assert.equal(sql('SELECT group_concat(name || disabled || token_hash) FROM feed_source'), before);
	assert.equal(sql("SELECT count(*) FROM feed_source WHERE name IN ('police-src', 'town-src')"), '0');
	await assertWorks('hotel-yf', hotel, 'after the refusals');
});

test('every change is audited, with who did it, and no token in the log', async () => {
	const auditor = createToken(env.db, 'auditor_c');
	const res = await api(srv.base, auditor, 'GET', '/api/v1/audit?entity=feed_source&limit=100');
	assert.equal(res.status, 200);
	const ids = Object.fromEntries(sql('SELECT name, id FROM feed_source ORDER BY id').split('\n')
		.map((l) => l.split('|')));
	const got = res.json.items.slice().reverse().map((e) => [e.login, e.action, e.entity_id,
		e.summary, e.changes]);
	const H = ids['hotel-yf'], N = ids.netbar;
	assert.deepEqual(got, [
		['admin', 'create', H, 'hotel-yf', { name: [null, 'hotel-yf'], kind: [null, 'hotel'],
			label: [null, '永丰县旅馆业治安管理信息系统'], unit_id: [null, unitId] }],
		['admin', 'create', N, 'netbar', { name: [null, 'netbar'], kind: [null, 'netcafe'],
			label: [null, '网吧实名上网系统'], unit_id: [null, 0] }],
		['admin', 'rotate', H, '更换来源 hotel-yf 的接入令牌', null],
		['admin', 'rotate', H, '更换来源 hotel-yf 的接入令牌', null],
		['admin', 'update', H, '停用来源 hotel-yf', { disabled: [0, 1] }],
		['admin', 'update', H, '启用来源 hotel-yf', { disabled: [1, 0] }],
		// the second disable changed nothing and is not recorded
		['admin', 'update', N, '停用来源 netbar', { disabled: [0, 1] }],
		['admin', 'update', N, '启用来源 netbar', { disabled: [1, 0] }],
		['cli', 'update', N, '停用来源 netbar', { disabled: [0, 1] }],
		['cli', 'update', N, '启用来源 netbar', { disabled: [1, 0] }],
		['cli', 'rotate', N, '更换来源 netbar 的接入令牌', null],
	]);
	// Batches are audited by the source that delivered them.
	const ingest = await api(srv.base, auditor, 'GET', '/api/v1/audit?entity=feed_batch&limit=100');
	assert.ok(ingest.json.items.length >= 8);
	assert.ok(ingest.json.items.every((e) => e.action === 'ingest' && /^feed:(hotel-yf|netbar)$/.test(e.login)));

	// No token, nor its hash, anywhere in the log.
	const log = sql("SELECT group_concat(login || summary || changes || entity_id, '\n') FROM audit");
	assert.equal(tokens.length, 5);
	for (const t of tokens)
		assert.ok(!log.includes(t) && !log.includes(t.slice(4, 20)), 'a token in the audit log');
	for (const h of sql('SELECT token_hash FROM feed_source').split('\n'))
		assert.ok(!log.includes(h), 'a token hash in the audit log');
	assert.doesNotMatch(log, /jds_/);

	// The audit page names them.
	const c = await signedIn('auditor_c');
	const page = await c.get('/audit?entity=feed_source');
	assert.equal(page.status, 200);
	const rows = /<table class="grid audit">([\s\S]*?)<\/table>/.exec(page.text)[1];
	assert.match(rows, new RegExp(`<td>更换令牌</td><td>接入来源 #${N}</td><td>更换来源 netbar 的接入令牌</td>`));
	assert.match(unescapeHtml(rows), new RegExp(`<td>修改</td><td>接入来源 #${H}</td><td>停用来源 hotel-yf</td>`));
});

test('in English: the sources, a source and the refusal', async (t) => {
	if (!srv.englishAvailable()) {
		t.skip('the server has no English locale on this machine');
		return;
	}
	const c = await signedIn('admin');
	assert.equal((await c.post('/account/lang', { lang: 'en' })).status, 303);
	let page = await c.get('/feeds');
	assert.match(page.text, /<a href="\/feeds"><span class="ico">[^<]*<\/span>Data feeds<\/a>/);
	assert.match(page.text, /<h1>Data feeds<\/h1>/);
	assert.match(page.text, /<td><span class="tag ok">Enabled<\/span><\/td>/);
	assert.match(page.text, /<h2>Add a feed source<\/h2>/);
	assert.match(page.text, /<option value="netcafe">Internet cafés<\/option>/);
	page = await c.get('/feeds/hotel-yf');
	assert.match(page.text, /<h1>Feed source: hotel-yf<\/h1>/);
	assert.match(page.text, /<td>Source API<\/td>/);
	assert.match(page.text, /<button type="submit" class="primary">Rotate the token<\/button>/);
	const ej = await signedIn('admin_ej');
	await ej.post('/account/lang', { lang: 'en' });
	const res = await ej.post('/feeds/hotel-yf', { action: 'disable' });
	assert.equal(res.status, 403);
	assert.match(res.text, /Only the drug control office admin at this level can manage feed sources/);
});
