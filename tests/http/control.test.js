'use strict';
// control.test.js - person control through the web pages: measures and their
// lawful transitions, tests, visits and talks, what falls due and the
// worklist, 脱管失控 flags, risk grades, the timeline, the policy, scope and
// the audit log.
//
// "Today" is fixed for the server (JINDU_TODAY) so that every deadline and
// period below is a known date: 2026-06-15, a Monday.

const TODAY = '2026-06-15';
// Set before lib.js copies the environment for the binaries it starts.
process.env.JINDU_TODAY = TODAY;

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, createPerson, run,
	personRows, unescapeHtml } = require('./lib');

const EJ = TOWNS.enjiang.code;
const KT = TOWNS.kengtian.code;
const EJ_VILLAGE = `${EJ}001`;

// lib.js loaded again for binaries that see another "today".
function libAt(date) {
	const key = require.resolve('./lib');
	const cached = require.cache[key];
	const saved = process.env.JINDU_TODAY;
	delete require.cache[key];
	process.env.JINDU_TODAY = date;
	try {
		return require('./lib');
	} finally {
		process.env.JINDU_TODAY = saved;
		require.cache[key] = cached;
	}
}

let env, srv, srv2, adminToken, auditorToken;
let ej, kt, admin, member, leader; // signed-in clients
const users = {};   // login -> id
const P = {};       // scenario -> person { id, name }
const M = {};       // scenario -> measure id

// ---- reading the person page ----

function text(html) {
	return unescapeHtml(html.replace(/<br>/g, ' ').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}

// The HTML of the element with id, up to the end of its section.
function section(html, id) {
	const at = html.indexOf(`id="${id}"`);
	assert.ok(at >= 0, `#${id} on the page`);
	const end = html.indexOf('</section>', at);
	return html.slice(at, end < 0 ? undefined : end);
}

// The rows (as lists of cell texts) of the nth table after #id; the rows
// holding a measure's action form (class "sub") are left out.
function table(html, id, nth = 0) {
	let at = html.indexOf(`id="${id}"`);
	assert.ok(at >= 0, `#${id} on the page`);
	for (let i = 0; i <= nth; i++) {
		at = html.indexOf('<tbody>', at);
		assert.ok(at >= 0, `table ${nth} of #${id}`);
		at += 7;
	}
	const body = html.slice(at, html.indexOf('</tbody>', at));
	return [...body.matchAll(/<tr(?: class="([^"]*)")?>([\s\S]*?)<\/tr>/g)]
		.filter((m) => m[1] !== 'sub')
		.map((m) => [...m[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1])));
}

// Measures newest first: { kind, status, decisionNo, decided, division, start, plannedEnd, ended, worker }.
function measures(html) {
	return table(html, 'measures').filter((r) => r.length === 9).map((r) => ({
		kind: r[0], status: r[1], decisionNo: r[2], decided: r[3], division: r[4], start: r[5],
		plannedEnd: r[6], ended: r[7], worker: r[8],
	}));
}

// The version of measure mid that its action form carries.
function versionOf(html, mid) {
	const m = new RegExp(`action="/measures/${mid}"[\\s\\S]*?name="version" value="(\\d+)"`).exec(html);
	assert.ok(m, `action form of measure ${mid}`);
	return Number(m[1]);
}

// Obligations as "事项 周期开始 应完成日期 状态 完成日期" lines, newest first.
function obligations(html) {
	return table(html, 'due').map((r) => r.join(' '));
}

function flags(html) {
	return table(html, 'flags').filter((r) => r.length === 4)
		.map((r) => ({ date: r[0], kind: r[1], reason: r[2], handled: r[3] }));
}

function flagIds(html) {
	return [...section(html, 'flags').matchAll(/action="\/flags\/(\d+)"/g)].map((m) => Number(m[1]));
}

function timeline(html) {
	return [...section(html, 'timeline').matchAll(
		/<li><span class="when">([^<]*)<\/span><span class="what">([^<]*)<\/span>([^<]*)<\/li>/g)]
		.map((m) => ({ date: m[1], what: unescapeHtml(m[2]), text: unescapeHtml(m[3]).trim() }));
}

function personStatus(html) {
	const m = /<span class="status s-(\w+)">([^<]*)<\/span>/.exec(html);
	assert.ok(m, 'the page shows the control status');
	return m[2];
}

function risk(html) {
	const s = section(html, 'risk');
	const m = /<span class="risk r-(\w+)">([^<]*)<\/span> 得分 (-?\d+)/.exec(s);
	assert.ok(m, `risk level and score on the page: ${text(s)}`);
	const parts = {};
	for (const p of s.matchAll(/<li>([^<]*) <b>([+-]?\d+)<\/b><\/li>/g))
		parts[unescapeHtml(p[1])] = Number(p[2]);
	return { key: m[1], level: m[2], score: Number(m[3]), parts };
}

function errorNotice(html) {
	const m = /<div class="notice error" role="alert">([^<]*)<\/div>/.exec(html);
	return m ? unescapeHtml(m[1]) : null;
}

function notice(html) {
	const m = /<div class="notice">([^<]*)<\/div>/.exec(html);
	return m ? unescapeHtml(m[1]) : null;
}

// ---- doing things ----

async function page(client, pid) {
	const res = await client.get(`/persons/${pid}`);
	assert.equal(res.status, 200, `GET /persons/${pid}: ${res.status}`);
	return res.text;
}

async function newPerson(name, fields = {}) {
	const p = await createPerson(srv.base, adminToken, { name, division: EJ_VILLAGE, ...fields });
	return { id: p.id, name };
}

// Decides a measure as the 恩江镇 officer; returns the response and the new measure's id.
async function decide(pid, fields) {
	const res = await ej.post(`/persons/${pid}/measures`, {
		kind: 'community', decision_no: '永公（禁）决字〔2026〕0号', authority: '永丰县公安局',
		division: EJ_VILLAGE, worker_id: users.ej, ...fields,
	});
	if (res.status !== 303)
		return { res, id: 0 };
	assert.equal(res.location, `/persons/${pid}?done=measure#measures`);
	const html = await page(ej, pid);
	const m = /action="\/measures\/(\d+)"/.exec(section(html, 'measures'));
	assert.ok(m, 'the new measure has an action form');
	return { res, id: Number(m[1]) };
}

async function decideOk(pid, fields) {
	const r = await decide(pid, fields);
	assert.equal(r.res.status, 303, `decide ${JSON.stringify(fields)}: ${r.res.status} ${errorNotice(r.res.text)}`);
	return r.id;
}

// Applies an action to measure mid of person pid with the version the page shows.
async function change(pid, mid, form, client = ej) {
	const version = form.version ?? versionOf(await page(ej, pid), mid);
	return client.post(`/measures/${mid}`, { ...form, version });
}

async function changeOk(pid, mid, form) {
	const res = await change(pid, mid, form);
	assert.equal(res.status, 303, `${form.action} ${form.date}: ${res.status} ${errorNotice(res.text)}`);
	assert.equal(res.location, `/persons/${pid}?done=change#measures`);
}

// A refusal: 422, the person page with the reason, and nothing changed.
async function refused(pid, res, pattern) {
	assert.equal(res.status, 422, `want a refusal, got ${res.status} ${res.location || ''}`);
	const msg = errorNotice(res.text);
	assert.ok(msg, 'the page shows the reason in an alert');
	assert.match(msg, pattern);
	assert.match(res.text, /<h1>[^<]*<\/h1>/, 'the person page comes back');
	return msg;
}

// Runs fn and checks that the person's control sections and the audit log
// (but for views and denied attempts) are as before; returns the new entries.
async function unchanged(pid, fn) {
	const ids = ['risk', 'measures', 'due', 'tests', 'contacts', 'flags', 'timeline'];
	const before = await page(ej, pid);
	const auditBefore = await auditTotal('');
	await fn();
	const after = await page(ej, pid);
	for (const id of ids) {
		const has = before.includes(`id="${id}"`);
		assert.equal(after.includes(`id="${id}"`), has, `#${id} still ${has ? '' : 'not '}there`);
		if (has)
			assert.equal(section(after, id), section(before, id), `#${id} unchanged by a refused change`);
	}
	const added = await api(srv.base, auditorToken, 'GET', `/api/v1/audit?limit=200`);
	const fresh = added.json.items.slice(0, added.json.total - auditBefore);
	assert.deepEqual(fresh.filter((e) => e.action !== 'view' && e.action !== 'denied')
		.map((e) => `${e.action} ${e.entity} ${e.summary}`), [], 'nothing but views written');
	return fresh;
}

async function record(pid, what, form, client = ej) {
	return client.post(`/persons/${pid}/${what}`, form);
}

async function recordOk(pid, what, form) {
	const res = await record(pid, what, form);
	assert.equal(res.status, 303, `${what} ${JSON.stringify(form)}: ${res.status} ${errorNotice(res.text)}`);
	return res;
}

async function audit(query) {
	const res = await api(srv.base, auditorToken, 'GET', `/api/v1/audit?${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

async function auditTotal(query) {
	return (await audit(`${query}&limit=1`)).total;
}

async function worklist(client, query) {
	const res = await client.get(`/work?${query}`);
	assert.equal(res.status, 200, `GET /work?${query}`);
	const body = res.text.slice(res.text.indexOf('id="worklist"'));
	const rows = [...body.slice(0, body.indexOf('</tbody>')).matchAll(/<tr( class="late")?><td><a href="\/persons\/(\d+)">([^<]*)<\/a>([\s\S]*?)<\/tr>/g)]
		.map((m) => ({ id: Number(m[2]), name: unescapeHtml(m[3]), late: !!m[1],
			overdue: Number(/<td class="n">(\d+)<\/td>/.exec(m[4])[1]), html: m[0] }));
	return { res, rows };
}

before(async () => {
	env = initDb();
	addUser(env.db, 'ej', 'officer', EJ, { name: '恩江专干' });
	addUser(env.db, 'kt', 'officer', KT, { name: '坑田专干' });
	addUser(env.db, 'aud', 'auditor', '360825');
	addUser(env.db, 'mem', 'member', '360825');
	addUser(env.db, 'lead', 'leader', '360825');
	adminToken = createToken(env.db, 'admin');
	auditorToken = createToken(env.db, 'aud');
	srv = await startServer(env.db);
	const list = await api(srv.base, adminToken, 'GET', '/api/v1/users');
	for (const u of list.json.items)
		users[u.login] = u.id;
	const signIn = async (login) => {
		const c = new Client(srv.base);
		await c.signIn(login);
		return c;
	};
	[ej, kt, admin, member, leader] = await Promise.all(['ej', 'kt', 'admin', 'mem', 'lead'].map(signIn));
});

after(async () => {
	if (srv)
		await srv.stop();
	if (srv2)
		await srv2.stop();
});

test('社区戒毒: 待报到 with a deadline 15 days on, report on the deadline day starts three years', async () => {
	P.a = await newPerson('欧阳社戒');
	const { res, id } = await decide(P.a.id, { decision_no: '永公（禁）决字〔2026〕101号', decision_date: '2026-05-31' });
	assert.equal(res.status, 303);
	M.a = id;
	let html = await page(ej, P.a.id);
	assert.equal(notice(html), null, 'no notice without ?done');
	const done = await ej.get(`/persons/${P.a.id}?done=measure`);
	assert.equal(notice(done.text), '已决定戒毒措施');
	let [m] = measures(html);
	assert.deepEqual(m, { kind: '社区戒毒', status: '待报到', decisionNo: '永公（禁）决字〔2026〕101号',
		decided: '2026-05-31', division: '八一居委会', start: '—', plannedEnd: '—', ended: '—', worker: '恩江专干' });
	assert.match(text(section(html, 'measures')), /报到期限：2026-06-15（含当日）/);
	assert.deepEqual(obligations(html), ['报到 2026-05-31 2026-06-15 待办 —']);

	// Neither before the decision nor after today.
	await refused(P.a.id, await change(P.a.id, M.a, { action: 'report', date: '2026-06-16' }), /2026-06-16 晚于今天/);
	await refused(P.a.id, await change(P.a.id, M.a, { action: 'report', date: '2026-05-30' }), /早于决定日期 2026-05-31/);

	await changeOk(P.a.id, M.a, { action: 'report', date: '2026-06-15' });
	html = await page(ej, P.a.id);
	[m] = measures(html);
	assert.equal(m.status, '执行中');
	assert.equal(m.start, '2026-06-15');
	assert.equal(m.plannedEnd, '2029-06-15', 'three years from the report');
	assert.doesNotMatch(text(section(html, 'measures')), /报到期限：/);
	assert.ok(obligations(html).includes('报到 2026-05-31 2026-06-15 已完成 2026-06-15'), obligations(html).join('\n'));
	assert.equal(personStatus(html), '在控');

	// Reporting twice is refused.
	await refused(P.a.id, await change(P.a.id, M.a, { action: 'report', date: '2026-06-15' }), /已于 2026-06-15 报到，不能重复报到/);
});

test('a report after the deadline is recorded; the missed deadline had raised a 脱管失控 flag that the report withdraws', async () => {
	P.b = await newPerson('司马迟报');
	M.b = await decideOk(P.b.id, { decision_date: '2026-05-01' });
	// The deadline (2026-05-16) passed before anyone entered the decision:
	// jindu flags the person itself.
	let html = await page(ej, P.b.id);
	assert.equal(measures(html)[0].status, '待报到');
	assert.ok(obligations(html).includes('报到 2026-05-01 2026-05-16 逾期 —'), obligations(html).join('\n'));
	assert.equal(personStatus(html), '脱管失控');
	let fl = flags(html);
	assert.equal(fl.length, 1);
	assert.equal(fl[0].kind, '脱管失控');
	assert.equal(fl[0].reason, '报到期限 2026-05-16 已过，仍未报到');
	assert.deepEqual(personRows((await ej.get('/persons?status=lost')).text).map((r) => r.id), [P.b.id]);
	const sys = await audit(`entity=control_flag&action=create`);
	assert.ok(sys.items.some((e) => e.summary === '报到期限 2026-05-16 已过，仍未报到'),
		'the automatic flag is audited');

	// The report, four days late, is accepted.
	await changeOk(P.b.id, M.b, { action: 'report', date: '2026-05-20' });
	html = await page(ej, P.b.id);
	const [m] = measures(html);
	assert.equal(m.status, '执行中');
	assert.equal(m.start, '2026-05-20');
	assert.equal(m.plannedEnd, '2029-05-20');
	// The report obligation shows done, on a day after its due day.
	assert.ok(obligations(html).includes('报到 2026-05-01 2026-05-16 已完成 2026-05-20'), obligations(html).join('\n'));
	// The automatic flag is withdrawn: the person is back in control.
	fl = flags(html);
	assert.equal(fl.length, 1);
	assert.match(fl[0].handled, /^2026-06-15 补录记录后已不符合脱管失控条件$/);
	assert.equal(personStatus(html), '在控');
	assert.deepEqual(personRows((await ej.get('/persons?status=lost')).text), []);
});

test('a 脱管失控 flag set by a user stays until a user resolves it', async () => {
	let res = await recordOk(P.b.id, 'lost', { date: '2026-06-14', reason: '电话停机，两次走访未见本人' });
	assert.equal(res.location, `/persons/${P.b.id}?done=lost#flags`);
	let html = await page(ej, P.b.id);
	assert.equal(personStatus(html), '脱管失控');
	assert.deepEqual(personRows((await ej.get('/persons?status=lost')).text).map((r) => r.id), [P.b.id]);
	// Flagging again while the flag is open is refused.
	await unchanged(P.b.id, async () => {
		await refused(P.b.id, await record(P.b.id, 'lost', { date: '2026-06-15', reason: '再次' }), /已标记为脱管失控/);
	});
	// New records do not withdraw a flag a person raised.
	await recordOk(P.b.id, 'contacts', { date: '2026-06-15', kind: 'visit', outcome: 'met', note: '在家' });
	html = await page(ej, P.b.id);
	assert.equal(personStatus(html), '脱管失控');
	const [id] = flagIds(html);
	assert.ok(id, 'the open flag has a form to resolve it');
	// A resolution is required.
	await refused(P.b.id, await ej.post(`/flags/${id}`, { date: '2026-06-15', resolution: '' }), /请填写处理日期和结果/);
	res = await ej.post(`/flags/${id}`, { date: '2026-06-15', resolution: '已找到本人，恢复管控' });
	assert.equal(res.status, 303);
	assert.equal(res.location, `/persons/${P.b.id}?done=resolved#flags`);
	html = await page(ej, P.b.id);
	assert.equal(personStatus(html), '在控');
	const open = flags(html).find((f) => f.reason === '电话停机，两次走访未见本人');
	assert.equal(open.handled, '2026-06-15 已找到本人，恢复管控');
	assert.deepEqual(flagIds(html), [], 'no open flag left');
	assert.deepEqual(personRows((await ej.get('/persons?status=lost')).text), []);
	// Resolving it again is refused.
	await refused(P.b.id, await ej.post(`/flags/${id}`, { date: '2026-06-15', resolution: '再次' }), /该标记已处理/);
});

test('a 脱管失控 person: 协查 to another township, answered there, the answer back on the file', async () => {
	const p = await newPerson('东方协查');
	await recordOk(p.id, 'lost', { date: '2026-06-14', reason: '家属称其去了坑田镇打工' });
	let html = await page(ej, p.id);
	const fid = Number(new RegExp('action="/flags/(\\d+)/assist"').exec(html)[1]);
	// one's own area is no place to ask; the reason is required
	await refused(p.id, await ej.post(`/flags/${fid}/assist`, { to_division: TOWNS.enjiang.code, reason: 'x' }),
		/本辖区以外/);
	await refused(p.id, await ej.post(`/flags/${fid}/assist`, { to_division: KT, reason: '' }), /请写明协查内容/);
	let res = await ej.post(`/flags/${fid}/assist`, { to_division: KT, reason: '可能在坑田镇砖厂打工，电话 13900001111' });
	assert.equal(res.status, 303, errorNotice(res.text));
	assert.equal(res.location, `/persons/${p.id}?done=assist#flags`);
	html = await page(ej, p.id);
	assert.match(section(html, 'flags'), /请坑田镇协查：可能在坑田镇砖厂打工，电话 13900001111 <span class="tag">待回复/);
	// asked again before an answer: refused
	await refused(p.id, await ej.post(`/flags/${fid}/assist`, { to_division: KT, reason: '再问' }), /尚未回复/);

	// 坑田镇 sees it on its worklist, without the file
	let work = await kt.get('/work');
	const id = Number(/<div class="reminder" id="assist-(\d+)">/.exec(work.text)[1]);
	assert.match(work.text, /协查请求：恩江镇请协助查找东方协查（3608\*{10}\w{4}）。 可能在坑田镇砖厂打工/);
	assert.equal((await kt.get(`/persons/${p.id}`)).status, 404, 'the file stays closed to them');
	// the asking township cannot answer its own request
	assert.equal((await ej.post(`/assist/${id}`, { found: '1', answer: '找到了' })).status, 404);
	assert.equal((await kt.post(`/assist/${id}`, { found: '1', answer: '' })).status, 422);
	res = await kt.post(`/assist/${id}`, { found: '1', answer: '在坑田镇砖厂见到本人，已告知其回恩江镇报到' });
	assert.equal(res.status, 303);
	assert.equal(res.location, '/work?done=assist');
	work = await kt.get(res.location);
	assert.match(work.text, /已回复协查/);
	assert.doesNotMatch(work.text, /id="assist-\d+"/, 'answered: off their list');
	assert.equal((await kt.post(`/assist/${id}`, { found: '0', answer: '再答' })).status, 422);

	// the answer comes back
	html = await page(ej, p.id);
	assert.match(section(html, 'flags'), /已找到：在坑田镇砖厂见到本人，已告知其回恩江镇报到/);
	assert.match((await ej.get('/work')).text, /坑田镇已回复协查（东方协查）：已找到本人，在坑田镇砖厂见到本人/);
	const out = await api(srv.base, adminToken, 'GET', '/api/v1/assist?direction=outgoing');
	const q = out.json.items.find((x) => x.id === id);
	assert.deepEqual([q.status, q.found, q.to_name, q.from_name], ['answered', true, '坑田镇', '恩江镇']);
	const log = await audit(`entity=assist_request&entity_id=${id}`);
	assert.deepEqual(log.items.map((e) => `${e.action} ${e.login} ${e.summary}`).reverse(),
		['create ej 东方协查：向坑田镇发起协查', 'update kt 协查回复：已找到']);
});

test('forbidden transitions are refused with the reason and change nothing', async () => {
	// Early release is for compulsory treatment only.
	await unchanged(P.a.id, async () => {
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'early_release', date: TODAY }),
			/只有强制隔离戒毒可以提前解除/);
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'end', reason: 'early_release', date: TODAY }),
			/只有强制隔离戒毒可以提前解除/);
		// Nothing to resume.
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'resume', date: TODAY }),
			/该措施没有中止，不需要恢复执行/);
		// Extension is for compulsory treatment only.
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'extend', days: 30, date: TODAY }),
			/只有强制隔离戒毒可以延长期限/);
		// Completed before the term ends.
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'end', reason: 'completed', date: TODAY }),
			/社区戒毒期限至 2029-06-15 届满，此前不能期满解除/);
		// An end without a reason; an unknown action.
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'end', date: TODAY }), /请选择结束原因/);
		await refused(P.a.id, await change(P.a.id, M.a, { action: 'pardon', date: TODAY }), /请选择办理事项/);
		// A second open measure for the same person.
		const second = await decide(P.a.id, { decision_date: TODAY });
		await refused(P.a.id, second.res, /该人员已有未结束的社区戒毒（2026-05-31 决定），请先结束该措施/);
		const compulsory = await decide(P.a.id, { kind: 'compulsory', decision_date: TODAY });
		await refused(P.a.id, compulsory.res, /该人员已有未结束的社区戒毒/);
	});
	assert.equal(measures(await page(ej, P.a.id)).length, 1);

	// 社区康复 only after a compulsory measure.
	P.f = await newPerson('上官康复');
	await unchanged(P.f.id, async () => {
		const r = await decide(P.f.id, { kind: 'rehab', decision_date: TODAY });
		await refused(P.f.id, r.res, /社区康复应在强制隔离戒毒期满或提前解除后决定/);
	});
	assert.match(text(section(await page(ej, P.f.id), 'measures')), /尚无戒毒措施/);

	// Not compulsory for a pregnant woman (禁毒法 Art 39).
	P.g = await newPerson('慕容孕', { special_status: 'pregnant' });
	await unchanged(P.g.id, async () => {
		const r = await decide(P.g.id, { kind: 'compulsory', decision_date: TODAY });
		await refused(P.g.id, r.res, /怀孕或者正在哺乳自己不满一周岁婴儿的妇女不适用强制隔离戒毒/);
	});
	// A decision in the future; a decision without a measure.
	const future = await decide(P.g.id, { decision_date: '2026-06-16' });
	await refused(P.g.id, future.res, /决定日期不能晚于今天/);
	const none = await decide(P.g.id, { kind: '', decision_date: TODAY });
	await refused(P.g.id, none.res, /请选择措施和执行地/);
	const badDate = await decide(P.g.id, { decision_date: '2026-02-30' });
	await refused(P.g.id, badDate.res, /日期格式应为/);
	assert.equal(measures(await page(ej, P.g.id)).length, 0);
});

test('强制隔离戒毒: early release after one year, not the day before; then 社区康复 may follow', async () => {
	P.d = await newPerson('诸葛强戒');
	M.d = await decideOk(P.d.id, { kind: 'compulsory', decision_date: '2025-06-15' });
	let html = await page(ej, P.d.id);
	let [m] = measures(html);
	assert.equal(m.status, '执行中');
	assert.equal(m.start, '2025-06-15');
	assert.equal(m.plannedEnd, '2027-06-15', 'two years from the decision');
	assert.equal(personStatus(html), '强制隔离戒毒中');

	await unchanged(P.d.id, async () => {
		await refused(P.d.id, await change(P.d.id, M.d, { action: 'early_release', date: '2026-06-14' }),
			/强制隔离戒毒执行未满 365 天，不能提前解除（最早 2026-06-15）/);
		await refused(P.d.id, await change(P.d.id, M.d, { action: 'report', date: '2026-06-14' }),
			/只有社区戒毒和社区康复需要报到/);
	});
	await changeOk(P.d.id, M.d, { action: 'early_release', date: '2026-06-15', doc_no: '提前解除决定书〔2026〕7号' });
	html = await page(ej, P.d.id);
	[m] = measures(html);
	assert.equal(m.status, '已结束 提前解除');
	assert.equal(m.ended, '2026-06-15');
	assert.doesNotMatch(section(html, 'measures'), new RegExp(`action="/measures/${M.d}"`),
		'an ended measure has no action form');
	assert.ok(timeline(html).some((e) => e.what === '强制隔离戒毒' && e.text === '提前解除 提前解除决定书〔2026〕7号'));

	// Nothing more can happen to an ended measure.
	await unchanged(P.d.id, async () => {
		for (const form of [{ action: 'report' }, { action: 'suspend' }, { action: 'resume' },
			{ action: 'extend', days: 10 }, { action: 'early_release' }, { action: 'end', reason: 'death' }]) {
			const res = await change(P.d.id, M.d, { ...form, date: TODAY, version: 2 });
			await refused(P.d.id, res, /该措施已结束（提前解除），不能再变更/);
		}
	});

	// 社区康复 after the compulsory measure.
	M.d2 = await decideOk(P.d.id, { kind: 'rehab', decision_date: TODAY });
	html = await page(ej, P.d.id);
	[m] = measures(html);
	assert.equal(m.kind, '社区康复');
	assert.equal(m.status, '待报到');
	assert.match(text(section(html, 'measures')), /报到期限：2026-06-30（含当日）/);
});

test('强制隔离戒毒: extension of at most 365 days in total', async () => {
	P.e = await newPerson('欧阳延期');
	M.e = await decideOk(P.e.id, { kind: 'compulsory', decision_date: '2025-01-10' });
	assert.equal(measures(await page(ej, P.e.id))[0].plannedEnd, '2027-01-10');
	await unchanged(P.e.id, async () => {
		await refused(P.e.id, await change(P.e.id, M.e, { action: 'extend', days: 366, date: TODAY }),
			/延长期限累计不能超过 365 天（已延长 0 天）/);
		await refused(P.e.id, await change(P.e.id, M.e, { action: 'extend', days: 0, date: TODAY }),
			/延长天数应大于0/);
	});
	await changeOk(P.e.id, M.e, { action: 'extend', days: 365, date: TODAY });
	assert.equal(measures(await page(ej, P.e.id))[0].plannedEnd, '2028-01-10');
	await unchanged(P.e.id, async () => {
		await refused(P.e.id, await change(P.e.id, M.e, { action: 'extend', days: 1, date: TODAY }),
			/延长期限累计不能超过 365 天（已延长 365 天）/);
	});

	// In two steps the limit is the same.
	P.e2 = await newPerson('欧阳再延');
	M.e2 = await decideOk(P.e2.id, { kind: 'compulsory', decision_date: '2025-01-10' });
	await changeOk(P.e2.id, M.e2, { action: 'extend', days: 200, date: '2026-06-01' });
	await refused(P.e2.id, await change(P.e2.id, M.e2, { action: 'extend', days: 166, date: TODAY }),
		/（已延长 200 天）/);
	await changeOk(P.e2.id, M.e2, { action: 'extend', days: 165, date: TODAY });
	assert.equal(measures(await page(ej, P.e2.id))[0].plannedEnd, '2028-01-10');
});

test('suspended 10 days and resumed: the planned end moves by 10 days, the start stays', async () => {
	P.h = await newPerson('东方中止');
	M.h = await decideOk(P.h.id, { decision_date: '2026-05-01' });
	await changeOk(P.h.id, M.h, { action: 'report', date: '2026-05-02' });
	let html = await page(ej, P.h.id);
	assert.equal(measures(html)[0].plannedEnd, '2029-05-02');

	await changeOk(P.h.id, M.h, { action: 'suspend', date: '2026-05-20', doc_no: '拘留决定书〔2026〕3号' });
	html = await page(ej, P.h.id);
	let [m] = measures(html);
	assert.equal(m.status, '中止');
	assert.equal(personStatus(html), '羁押');
	await refused(P.h.id, await change(P.h.id, M.h, { action: 'suspend', date: '2026-05-21' }),
		/该措施已于 2026-05-20 中止执行/);
	await refused(P.h.id, await change(P.h.id, M.h, { action: 'extend', days: 5, date: '2026-05-21' }),
		/只有强制隔离戒毒可以延长期限/);

	await changeOk(P.h.id, M.h, { action: 'resume', date: '2026-05-30' });
	html = await page(ej, P.h.id);
	[m] = measures(html);
	assert.equal(m.status, '执行中');
	assert.equal(m.start, '2026-05-02', 'suspension does not restart the term');
	assert.equal(m.plannedEnd, '2029-05-12');
	assert.equal(personStatus(html), '在控');
});

test('a detained person (measure suspended) is 羁押, not 脱管失控 by the automatic rule', {
}, async () => {
	P.x = await newPerson('尉迟拘留');
	M.x = await decideOk(P.x.id, { decision_date: '2026-01-02' });
	await changeOk(P.x.id, M.x, { action: 'report', date: '2026-01-05' });
	// Never seen since the report, nothing done: jindu flags the person.
	let html = await page(ej, P.x.id);
	assert.equal(personStatus(html), '脱管失控');
	await changeOk(P.x.id, M.x, { action: 'suspend', date: '2026-06-10', doc_no: '拘留决定书〔2026〕9号' });
	html = await page(ej, P.x.id);
	assert.equal(personStatus(html), '羁押', 'the police hold the person');
	assert.deepEqual(flagIds(html), [], 'the automatic flag is withdrawn');
});

test('a change made on a stale version is refused as a conflict', async () => {
	const html = await page(ej, P.a.id);
	const v = versionOf(html, M.a);
	assert.ok(v > 1, `the report changed the version (${v})`);
	await unchanged(P.a.id, async () => {
		const res = await change(P.a.id, M.a, { action: 'suspend', date: TODAY, version: v - 1 });
		await refused(P.a.id, res, /该记录已被他人修改，请核对后重新办理/);
	});
	// The current version works.
	await changeOk(P.a.id, M.a, { action: 'suspend', date: TODAY, version: v });
	await changeOk(P.a.id, M.a, { action: 'resume', date: TODAY });
	const [m] = measures(await page(ej, P.a.id));
	assert.equal(m.status, '执行中');
	assert.equal(m.plannedEnd, '2029-06-15', 'suspended and resumed the same day: no days added');
});

test('a positive test records a relapse with the proposed measure and raises the risk', async () => {
	P.i = await newPerson('令狐复吸', { drug_types: 'meth', employment: '个体', family: '母亲 13800000000' });
	M.i = await decideOk(P.i.id, { decision_date: '2026-06-01' });
	await changeOk(P.i.id, M.i, { action: 'report', date: '2026-06-01' });
	let html = await page(ej, P.i.id);
	const before = risk(html);
	assert.ok(['低风险', '中风险', '高风险'].includes(before.level));
	assert.deepEqual(before.parts, { 合成毒品: 5 }, 'the breakdown lists the factors that apply');
	assert.equal(before.score, 5);
	assert.equal(before.level, '低风险');

	const res = await recordOk(P.i.id, 'tests', { date: '2026-06-10', method: 'urine', result: 'positive',
		substances: ['meth', 'ketamine'], tester: '恩江专干', sample_no: 'EJ-2026-0610-01' });
	assert.equal(res.location, `/persons/${P.i.id}?done=relapse#tests`);
	const done = await ej.get(res.location.split('#')[0]);
	assert.match(notice(done.text), /结果阳性，已登记复吸/);
	html = done.text;
	const [t] = table(html, 'tests');
	assert.deepEqual(t.slice(0, 3), ['2026-06-10', '尿检', '阳性']);
	assert.deepEqual(t.slice(4), ['恩江专干', 'EJ-2026-0610-01']);
	assert.equal(t[3], '甲基苯丙胺（冰毒）、氯胺酮（K粉）');
	const fl = flags(html);
	assert.equal(fl.length, 1);
	assert.equal(fl[0].kind, '复吸');
	assert.equal(fl[0].reason, '2026-06-10 检测阳性，建议：强制隔离戒毒');
	const after = risk(html);
	assert.equal(after.score, before.score + 15);
	assert.equal(after.parts['复吸（每次）'], 15);
	// A positive test is a test done.
	assert.ok(obligations(html).includes('检测 2026-06-01 2026-06-30 已完成 2026-06-10'), obligations(html).join('\n'));
	// Other measures than the proposed one are not opened by themselves.
	assert.equal(measures(html).length, 1);
});

test('after a relapse the proposed measure is decided in one step; the running one ends for the relapse', async () => {
	const p = await newPerson('上官转强戒', { drug_types: 'heroin' });
	const mid = await decideOk(p.id, { decision_date: '2026-06-01' });
	await changeOk(p.id, mid, { action: 'report', date: '2026-06-01' });
	await recordOk(p.id, 'tests', { date: '2026-06-11', method: 'urine', result: 'positive', substances: ['heroin'] });
	let html = await page(ej, p.id);
	assert.match(section(html, 'flags'), /按建议决定强制隔离戒毒/);
	const fid = Number(/action="\/flags\/(\d+)\/decide"/.exec(html)[1]);
	const form = { decision_no: '永公（禁）强戒决字〔2026〕7号', authority: '永丰县公安局',
		division: EJ_VILLAGE, worker_id: users.ej };

	// not before the relapse it answers
	await refused(p.id, await ej.post(`/flags/${fid}/decide`, { ...form, decision_date: '2026-06-10' }),
		/不能早于复吸日期/);
	assert.equal(measures(await page(ej, p.id)).length, 1);

	const res = await ej.post(`/flags/${fid}/decide`, { ...form, decision_date: '2026-06-12' });
	assert.equal(res.status, 303, errorNotice(res.text));
	html = await page(ej, p.id);
	const [now, before] = measures(html);
	assert.equal(now.kind, '强制隔离戒毒');
	assert.equal(now.decided, '2026-06-12');
	assert.equal(now.decisionNo, form.decision_no);
	assert.equal(before.kind, '社区戒毒');
	assert.equal(before.status, '已结束 复吸', 'ended, for the relapse');
	assert.equal(before.ended, '2026-06-12');
	const [fl] = flags(html);
	assert.equal(fl.kind, '复吸');
	assert.match(fl.handled, /2026-06-12 已决定强制隔离戒毒，永公（禁）强戒决字〔2026〕7号/);
	assert.doesNotMatch(html, /action="\/flags\/\d+\/decide"/, 'the flag is handled: no second decision');

	// the flag is closed: deciding again through the API is refused, nothing added
	const again = await api(srv.base, adminToken, 'POST', `/api/v1/flags/${fid}/decide`,
		{ ...form, decision_date: '2026-06-12' });
	assert.equal(again.status, 422);
	assert.match(again.json.error.message, /只有未处理的复吸标记/);
	assert.equal(measures(await page(ej, p.id)).length, 2);
	const log = await audit(`entity=measure&entity_id=${mid}`);
	assert.ok(log.items.some((e) => e.action === 'update'), 'the ending is audited');
});

test('refused tests count against the person: risk, no test done', async () => {
	P.j = await newPerson('公孙拒检', { drug_types: 'heroin' });
	M.j = await decideOk(P.j.id, { decision_date: '2026-06-01' });
	await changeOk(P.j.id, M.j, { action: 'report', date: '2026-06-01' });
	const before = risk(await page(ej, P.j.id));
	for (const [date, result] of [['2026-06-03', 'refused'], ['2026-06-08', 'evaded'], ['2026-06-12', 'refused']]) {
		const res = await recordOk(P.j.id, 'tests', { date, method: 'urine', result });
		assert.equal(res.location, `/persons/${P.j.id}?done=test#tests`);
	}
	const html = await page(ej, P.j.id);
	assert.deepEqual(table(html, 'tests').map((r) => `${r[0]} ${r[2]}`),
		['2026-06-12 拒绝检测', '2026-06-08 逃避检测', '2026-06-03 拒绝检测']);
	const after = risk(html);
	assert.equal(after.parts['拒绝或逃避检测（每次）'], 30);
	assert.equal(after.score, before.score + 30);
	// Heroin, refusals, no work, no family: 高风险, and high risk halves
	// every interval (15 days instead of 30 in the first year).
	assert.equal(after.level, '高风险');
	assert.deepEqual(after.parts, { 海洛因等阿片类: 10, '拒绝或逃避检测（每次）': 30, 无业: 5, 无家庭支持: 5 });
	// A refused test does not satisfy the test obligation.
	assert.ok(obligations(html).includes('检测 2026-06-01 2026-06-15 待办 —'), obligations(html).join('\n'));
	// No relapse, but three refusals are a serious violation of the
	// agreement (条例 Art 20), flagged with the tests as evidence.
	const fl = flags(html);
	assert.equal(fl.length, 1, JSON.stringify(fl));
	assert.equal(fl[0].kind, '严重违反协议');
	assert.match(fl[0].reason, /2026-06-12 尿检：拒绝检测/);
	assert.match(fl[0].reason, /拒绝或逃避检测 3 次/);
});

test('three refused or evaded tests show 严重违反协议 with the evidence', {
}, async () => {
	const html = await page(ej, P.j.id);
	assert.ok(text(html).includes('拒绝或逃避检测 3 次，达到 3 次'), 'the evidence is on the page');
	assert.ok(flags(html).some((f) => f.kind === '严重违反协议'), 'a 严重违反协议 flag');
});

test('a visit and a talk mark their obligations done; absences and assistance are listed', async () => {
	P.k = await newPerson('独孤走访');
	M.k = await decideOk(P.k.id, { decision_date: '2026-05-30' });
	await changeOk(P.k.id, M.k, { action: 'report', date: '2026-06-01' });
	let html = await page(ej, P.k.id);
	assert.deepEqual(obligations(html), [
		'谈话 2026-06-01 2026-06-30 待办 —',
		'走访 2026-06-01 2026-06-30 待办 —',
		'检测 2026-06-01 2026-06-30 待办 —',
		'报到 2026-05-30 2026-06-14 已完成 2026-06-01',
	]);
	let res = await recordOk(P.k.id, 'contacts', { date: '2026-06-10', kind: 'visit', outcome: 'met', note: '在家，情绪稳定' });
	assert.equal(res.location, `/persons/${P.k.id}?done=contact#contacts`);
	await recordOk(P.k.id, 'contacts', { date: '2026-06-12', kind: 'talk', outcome: 'met', note: '帮教谈话' });
	// Not meeting the person is recorded but does not count.
	await recordOk(P.k.id, 'contacts', { date: '2026-06-05', kind: 'visit', outcome: 'not_found', note: '外出务工' });
	html = await page(ej, P.k.id);
	assert.deepEqual(obligations(html), [
		'谈话 2026-06-01 2026-06-30 已完成 2026-06-12',
		'走访 2026-06-01 2026-06-30 已完成 2026-06-10',
		'检测 2026-06-01 2026-06-30 待办 —',
		'报到 2026-05-30 2026-06-14 已完成 2026-06-01',
	]);
	assert.match(text(section(html, 'due')), /逾期 0 项/);
	assert.deepEqual(table(html, 'contacts'), [
		['2026-06-12', '帮教谈话', '见到本人', '帮教谈话'],
		['2026-06-10', '走访', '见到本人', '在家，情绪稳定'],
		['2026-06-05', '走访', '未见到本人', '外出务工'],
	]);

	// Bad records are refused.
	await refused(P.k.id, await record(P.k.id, 'contacts', { date: '2026-06-16', kind: 'visit', outcome: 'met' }), /不能晚于今天/);
	await refused(P.k.id, await record(P.k.id, 'contacts', { date: TODAY, kind: 'party', outcome: 'met' }), /走访类别或结果无效/);
	await refused(P.k.id, await record(P.k.id, 'tests', { date: TODAY, method: 'smell', result: 'negative' }), /检测方式或结果无效/);
	await refused(P.k.id, await record(P.k.id, 'tests', { date: TODAY, method: 'urine', result: 'positive', substances: 'sugar' }), /检出物质无效/);
	await refused(P.k.id, await record(P.k.id, 'tests', { date: '15/06/2026', method: 'urine', result: 'negative' }), /日期格式应为/);

	res = await recordOk(P.k.id, 'absences', { start_date: '2026-06-05', end_date: '2026-06-07', permitted: 0, destination: '吉安市' });
	assert.equal(res.location, `/persons/${P.k.id}?done=absence#assistance`);
	await refused(P.k.id, await record(P.k.id, 'absences', { start_date: '2026-06-07', end_date: '2026-06-05', permitted: 1 }), /离开日期或返回日期无效/);
	res = await recordOk(P.k.id, 'assistance', { kind: 'employment', start_date: '2026-06-03', provider: '阳光工程就业基地', detail: '包装工' });
	assert.equal(res.location, `/persons/${P.k.id}?done=assistance#assistance`);
	await refused(P.k.id, await record(P.k.id, 'assistance', { kind: 'lottery', start_date: '2026-06-03' }), /帮扶类别无效/);
	html = await page(ej, P.k.id);
	assert.deepEqual(table(html, 'assistance', 0), [['就业安置', '2026-06-03', '—', '阳光工程就业基地', '包装工']]);
	assert.deepEqual(table(html, 'assistance', 1), [['2026-06-05', '2026-06-07', '否', '吉安市']]);
});

test('the timeline lists everything, newest first', async () => {
	const tl = timeline(await page(ej, P.k.id));
	const dates = tl.map((e) => e.date);
	assert.deepEqual(dates, [...dates].sort().reverse(), `dates in order: ${dates.join(' ')}`);
	const lines = tl.map((e) => `${e.date} ${e.what} ${e.text}`.trim());
	for (const want of ['2026-06-12 帮教谈话 见到本人 帮教谈话', '2026-06-10 走访 见到本人 在家，情绪稳定',
		'2026-06-05 走访 未见到本人 外出务工', '2026-06-05 离开县域 未经批准 吉安市',
		'2026-06-03 就业安置 阳光工程就业基地 包装工', '2026-06-01 社区戒毒 报到',
		'2026-05-30 社区戒毒 决定 永公（禁）决字〔2026〕0号', '2023-05-06 初次发现'])
		assert.ok(lines.includes(want), `timeline has "${want}":\n${lines.join('\n')}`);
	assert.equal(lines[lines.length - 1], '2023-05-06 初次发现');

	// With flags and tests too.
	const tj = timeline(await page(ej, P.i.id)).map((e) => `${e.date} ${e.what} ${e.text}`.trim());
	assert.deepEqual(tj.slice(0, 2).sort(), ['2026-06-10 复吸 2026-06-10 检测阳性，建议：强制隔离戒毒', '2026-06-10 尿检 阳性'].sort());
	const d = tj.map((l) => l.slice(0, 10));
	assert.deepEqual(d, [...d].sort().reverse());
});

test('missed periods make the worklist list the person as overdue; one click records a test', async () => {
	P.l = await newPerson('皇甫逾期');
	M.l = await decideOk(P.l.id, { decision_date: '2026-04-01' });
	await changeOk(P.l.id, M.l, { action: 'report', date: '2026-04-05' });
	await recordOk(P.l.id, 'contacts', { date: '2026-04-20', kind: 'visit', outcome: 'met' });
	let html = await page(ej, P.l.id);
	assert.match(text(section(html, 'due')), /逾期 3 项，近期到期 0 项，累计未完成 5 项，连续未完成 2 项/);
	assert.deepEqual(obligations(html).slice(0, 6), [
		'谈话 2026-06-04 2026-07-03 逾期 —',
		'走访 2026-06-04 2026-07-03 逾期 —',
		'检测 2026-06-04 2026-07-03 逾期 —',
		'谈话 2026-05-05 2026-06-03 未完成 —',
		'走访 2026-05-05 2026-06-03 未完成 —',
		'检测 2026-05-05 2026-06-03 未完成 —',
	]);
	// Seen on 2026-04-20 (56 days ago) and two periods missed in a row: not
	// yet 脱管失控 (60 days, three in a row).
	assert.equal(personStatus(html), '在控');

	let w = await worklist(ej, 'view=overdue');
	const row = w.rows.find((r) => r.id === P.l.id);
	assert.ok(row, `${P.l.name} is on the overdue list`);
	assert.ok(row.late);
	assert.equal(row.overdue, 3);
	assert.ok(w.rows.every((r) => r.overdue > 0), 'only overdue people on the overdue list');
	assert.ok(!w.rows.some((r) => r.id === P.k.id), '独孤走访 has nothing overdue');
	assert.match(w.res.text, /逾期（\d+）/);
	// Mine: the officer is responsible for every measure decided here.
	const mine = await worklist(ej, 'view=overdue&scope=mine');
	assert.ok(mine.rows.some((r) => r.id === P.l.id));
	// This week / all.
	const all = await worklist(ej, 'view=all');
	for (const k of ['a', 'k', 'l', 'i', 'j'])
		assert.ok(all.rows.some((r) => r.id === P[k].id), `${P[k].name} on the full list`);
	assert.ok(!all.rows.some((r) => r.id === P.f.id), 'no measure, not on the worklist');

	// The one-click form posts a negative urine test for today and comes back.
	const form = new RegExp(`<form method="post" class="inline" action="/persons/${P.l.id}/tests">([\\s\\S]*?)</form>`).exec(row.html);
	assert.ok(form, 'a one-click test button');
	const fields = [...form[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
		.map((m) => [m[1], unescapeHtml(m[2])]);
	assert.deepEqual(Object.fromEntries(fields.filter(([k]) => k !== '_csrf')),
		{ back: '/work?view=overdue', date: TODAY, method: 'urine', result: 'negative' });
	const res = await ej.request('POST', `/persons/${P.l.id}/tests`, { form: fields });
	assert.equal(res.status, 303);
	assert.equal(res.location, '/work?view=overdue');
	w = await worklist(ej, 'view=overdue');
	assert.equal(w.rows.find((r) => r.id === P.l.id).overdue, 2);
	html = await page(ej, P.l.id);
	assert.deepEqual(table(html, 'tests')[0].slice(0, 3), [TODAY, '尿检', '阴性']);
	assert.ok(obligations(html).includes(`检测 2026-06-04 2026-07-03 已完成 ${TODAY}`));

	// The same with a visit.
	const visit = new RegExp(`<form method="post" class="inline" action="/persons/${P.l.id}/contacts">([\\s\\S]*?)</form>`)
		.exec(w.rows.find((r) => r.id === P.l.id).html);
	const vf = [...visit[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescapeHtml(m[2])]);
	const vres = await ej.request('POST', `/persons/${P.l.id}/contacts`, { form: vf });
	assert.equal(vres.status, 303);
	assert.equal(vres.location, '/work?view=overdue');
	assert.equal((await worklist(ej, 'view=overdue')).rows.find((r) => r.id === P.l.id).overdue, 1);

	// An outside address in back is not followed.
	const out = await ej.post(`/persons/${P.l.id}/tests`, { back: '//evil.example/', date: TODAY, method: 'urine', result: 'negative' });
	assert.equal(out.status, 303);
	assert.equal(out.location, `/persons/${P.l.id}?done=test#tests`);
});

test('the home page reminds the officer of overdue work', async () => {
	const home = await ej.get('/');
	assert.equal(home.status, 200);
	assert.match(text(home.text), /您负责的人员中，\d+ 人有逾期事项/);
	assert.match(home.text, /href="\/work\?view=overdue&amp;scope=mine"/);
	// The 坑田镇 officer has nobody under control: no reminder.
	const other = await kt.get('/');
	assert.equal(other.status, 200);
	assert.doesNotMatch(other.text, /有逾期事项/);
	// Nor do member units and leaders, who see no names.
	const m = await member.get('/');
	assert.doesNotMatch(m.text, /有逾期事项|\/work/);
});

test('the 坑田镇 officer cannot touch a 恩江镇 person; member units and leaders cannot write', async () => {
	const pid = P.a.id;
	const [flagId] = flagIds(await page(ej, P.i.id));
	assert.ok(flagId, '复吸 flag of 令狐复吸 still open');
	const posts = [
		[`/persons/${pid}/measures`, { kind: 'community', decision_date: TODAY, division: EJ_VILLAGE }],
		[`/persons/${pid}/measures`, { kind: 'community', decision_date: TODAY, division: `${KT}001` }],
		[`/persons/${pid}/tests`, { date: TODAY, method: 'urine', result: 'negative' }],
		[`/persons/${pid}/contacts`, { date: TODAY, kind: 'visit', outcome: 'met' }],
		[`/persons/${pid}/absences`, { start_date: TODAY, permitted: 1 }],
		[`/persons/${pid}/assistance`, { kind: 'training', start_date: TODAY }],
		[`/persons/${pid}/lost`, { date: TODAY, reason: '测试' }],
		[`/measures/${M.a}`, { action: 'suspend', date: TODAY, version: versionOf(await page(ej, pid), M.a) }],
		[`/measures/${M.a}`, { action: 'suspend', date: 'bad', version: 1 }],
		[`/measures/${M.a}`, { action: 'nothing', date: TODAY, version: 1 }],
		[`/flags/${flagId}`, { date: TODAY, resolution: '测试' }],
		[`/flags/${flagId}`, { date: 'bad', resolution: '测试' }],
		['/persons/999999/tests', { date: TODAY, method: 'urine', result: 'negative' }],
		['/measures/999999', { action: 'report', date: TODAY, version: 1 }],
		['/flags/999999', { date: TODAY, resolution: '测试' }],
	];
	await unchanged(pid, async () => {
		for (const [path, form] of posts) {
			const res = await kt.post(path, form);
			assert.equal(res.status, 404, `坑田镇 officer: POST ${path} ${JSON.stringify(form)}: ${res.status}`);
			assert.ok(!res.text.includes(P.a.name) && !res.text.includes(P.i.name), `POST ${path}: 404 names nobody`);
		}
		assert.equal((await kt.get(`/persons/${pid}`)).status, 404);
		for (const c of [member, leader]) {
			for (const [path, form] of posts) {
				const res = await c.post(path, form);
				assert.equal(res.status, 403, `POST ${path}: ${res.status}`);
			}
			assert.equal((await c.get('/work')).status, 403);
			assert.equal((await c.get('/policy')).status, 403);
		}
	});
	// The 坑田镇 officer's worklist has no 恩江镇 person.
	const w = await worklist(kt, 'view=all');
	assert.deepEqual(w.rows, []);
	assert.doesNotMatch(w.res.text, /恩江镇|八一居委会/);
	// The 恩江镇 flag is still open.
	assert.ok(flagIds(await page(ej, P.i.id)).includes(flagId));
});

test('every write attempted outside the area is audited as 越权访问 (denied)', {
}, async () => {
	const before = await auditTotal(`action=denied&entity=person&entity_id=${P.a.id}`);
	for (const [path, form] of [[`/persons/${P.a.id}/tests`, { date: TODAY, method: 'urine', result: 'negative' }],
		[`/persons/${P.a.id}/contacts`, { date: TODAY, kind: 'visit', outcome: 'met' }],
		[`/measures/${M.a}`, { action: 'suspend', date: TODAY, version: 1 }]])
		assert.equal((await kt.post(path, form)).status, 404);
	assert.equal(await auditTotal(`action=denied&entity=person&entity_id=${P.a.id}`), before + 3);
});

test('the policy: admins save a new version, bad values are refused naming the key', async () => {
	let res = await ej.get('/policy');
	assert.equal(res.status, 200);
	assert.match(res.text, /现行规则：系统默认值/);
	assert.doesNotMatch(res.text, /<form method="post" action="\/policy"/, 'officers only read');
	assert.match(res.text, /<pre class="panel mono">/);
	assert.equal((await ej.post('/policy', { body: '{}', note: 'x' })).status, 403);

	res = await admin.get('/policy');
	assert.equal(res.status, 200);
	const m = /<textarea id="f-body" name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text);
	assert.ok(m, 'admins get the JSON in a form');
	const policy = JSON.parse(unescapeHtml(m[1]));
	assert.equal(policy.version, 0);
	assert.equal(policy.obligations.community.year1.medium.test_days, 30);

	// Invalid JSON; a negative interval; an unknown key: 422 with the body kept.
	res = await admin.post('/policy', { body: '{"terms": ', note: '坏的' });
	assert.equal(res.status, 422);
	assert.match(errorNotice(res.text), /不是有效的 JSON/);
	assert.ok(res.text.includes('{&quot;terms&quot;: '), 'what was typed comes back');
	const neg = structuredClone(policy);
	neg.obligations.community.year1.low.test_days = -5;
	res = await admin.post('/policy', { body: JSON.stringify(neg), note: '负数' });
	assert.equal(res.status, 422);
	assert.match(errorNotice(res.text), /obligations\.community\.year1\.low\.test_days/);
	res = await admin.post('/policy', { body: '{"terms": {"report_days": -1}}', note: '负数' });
	assert.equal(res.status, 422);
	assert.match(errorNotice(res.text), /terms\.report_days/);
	res = await admin.post('/policy', { body: '{"tems": {}}', note: '拼错' });
	assert.equal(res.status, 422);
	assert.match(errorNotice(res.text), /tems/);
	res = await admin.post('/policy', { body: '', note: '' });
	assert.equal(res.status, 422);
	assert.equal(await auditTotal('entity=policy'), 0, 'nothing saved');

	// Community treatment, first year: a test every 20 days.
	const next = structuredClone(policy);
	for (const level of ['low', 'medium', 'high'])
		next.obligations.community.year1[level].test_days = 20;
	res = await admin.post('/policy', { body: JSON.stringify(next), note: '第一年每20天检测一次' });
	assert.equal(res.status, 200);
	assert.equal(notice(res.text), '已保存为第 1 版');
	assert.match(res.text, /现行规则：第 1 版/);
	res = await ej.get('/policy');
	assert.match(res.text, /现行规则：第 1 版/);
	assert.match(unescapeHtml(res.text), /"test_days": 20/);
	const log = await audit('entity=policy');
	assert.equal(log.total, 1);
	assert.equal(log.items[0].entity_id, '1');
	assert.equal(log.items[0].summary, '第一年每20天检测一次');
	assert.equal(log.items[0].login, 'admin');

	// The new interval shows on the person's page.
	const html = await page(ej, P.k.id);
	assert.ok(obligations(html).includes('检测 2026-06-01 2026-06-20 待办 —'), obligations(html).join('\n'));
	assert.ok(obligations(html).includes('走访 2026-06-01 2026-06-30 已完成 2026-06-10'), 'visits keep 30 days');
});

test('everything recorded is in the audit log', async () => {
	let log = await audit(`entity=measure&entity_id=${M.a}`);
	assert.deepEqual(log.items.map((e) => `${e.action} ${e.summary}`).reverse(),
		['create 欧阳社戒', 'update 报到', 'update 中止执行', 'update 恢复执行']);
	const create = log.items[log.items.length - 1];
	assert.equal(create.login, 'ej');
	assert.deepEqual(create.changes.kind, [null, 'community']);
	const report = log.items[log.items.length - 2];
	assert.deepEqual(report.changes.status, ['decided', 'active']);
	log = await audit(`entity=measure&entity_id=${M.d}`);
	assert.deepEqual(log.items.map((e) => `${e.action} ${e.summary}`).reverse(), ['create 诸葛强戒', 'update 提前解除']);
	assert.deepEqual(log.items[0].changes.end_reason, ['', 'early_release']);

	log = await audit('entity=drug_test&limit=100');
	// 2 positive, 3 refused, 1 one-click and one more from the worklist test.
	assert.equal(log.total, 7);
	assert.ok(log.items.every((e) => e.login === 'ej'));
	log = await audit('entity=contact&limit=100');
	assert.equal(log.total, 6);
	assert.equal(await auditTotal('entity=absence'), 1);
	assert.equal(await auditTotal('entity=assistance'), 1);
	log = await audit('entity=control_flag&limit=100');
	const summaries = log.items.map((e) => `${e.action} ${e.login} ${e.summary}`);
	for (const want of ['create ej 电话停机，两次走访未见本人', 'update ej 已找到本人，恢复管控',
		'create ej 2026-06-10 检测阳性，建议：强制隔离戒毒', 'update ej 按建议决定措施'])
		assert.ok(summaries.includes(want), `${want}:\n${summaries.join('\n')}`);
	assert.ok(log.items.some((e) => e.action === 'update' && e.summary === '补录记录后已不符合脱管失控条件'),
		'the withdrawal of an automatic flag is audited');
});

test('the same operations work as JSON under /api/v1 with a bearer token', async () => {
	const p = await newPerson('欧阳接口');
	const base = `/api/v1/persons/${p.id}`;
	let res = await api(srv.base, adminToken, 'POST', `${base}/measures`, {
		kind: 'community', decision_date: '2026-06-10', division: EJ_VILLAGE, worker_id: users.ej });
	assert.equal(res.status, 201, JSON.stringify(res.json));
	assert.deepEqual(res.json, { person_id: p.id, result: 'measure' });
	let ctl = await api(srv.base, adminToken, 'GET', `${base}/control`);
	assert.equal(ctl.status, 200);
	const m = ctl.json.measures[0];
	assert.equal(m.kind, 'community');
	assert.equal(m.status, 'decided');
	assert.equal(m.report_deadline, '2026-06-25');
	res = await api(srv.base, adminToken, 'POST', `/api/v1/measures/${m.id}`,
		{ action: 'report', date: '2026-06-12', version: m.version });
	assert.equal(res.status, 201, JSON.stringify(res.json));
	// a refusal comes back as JSON with the reason
	res = await api(srv.base, adminToken, 'POST', `/api/v1/measures/${m.id}`,
		{ action: 'early_release', date: '2026-06-14', version: m.version + 1 });
	assert.equal(res.status, 422);
	assert.equal(res.json.error.code, 'refused');
	assert.match(res.json.error.message, /强制隔离戒毒/);
	res = await api(srv.base, adminToken, 'POST', `${base}/tests`,
		{ date: '2026-06-13', method: 'urine', result: 'positive', substances: ['meth', 'ketamine'] });
	assert.equal(res.status, 201);
	assert.equal(res.json.result, 'relapse');
	res = await api(srv.base, adminToken, 'POST', `${base}/tests`, { date: 'tomorrow', method: 'urine' });
	assert.equal(res.status, 400);
	assert.equal(res.json.error.code, 'bad_date');
	ctl = await api(srv.base, adminToken, 'GET', `${base}/control`);
	assert.equal(ctl.json.measures[0].status, 'active');
	assert.equal(ctl.json.tests[0].substances, 'meth,ketamine');
	assert.equal(ctl.json.flags[0].kind, 'relapse');
	assert.ok(ctl.json.measures[0].obligations, 'an open measure carries its obligations');
	const work = await api(srv.base, adminToken, 'GET', '/api/v1/work?limit=500');
	assert.ok(work.json.items.some((i) => i.person_id === p.id));
	// paged, with the counts of the whole area whatever the page
	const { counts } = work.json;
	assert.equal(work.json.total, counts.all);
	assert.equal(work.json.items.length, counts.all);
	assert.ok(counts.overdue + counts.due_soon <= counts.all);
	const one = await api(srv.base, adminToken, 'GET', '/api/v1/work?limit=1&offset=1');
	assert.deepEqual(one.json.items.map((i) => i.person_id), [work.json.items[1].person_id]);
	assert.deepEqual(one.json.counts, counts);
	const late = await api(srv.base, adminToken, 'GET', '/api/v1/work?view=overdue&limit=500');
	assert.equal(late.json.total, counts.overdue);
	assert.equal(late.json.items.length, counts.overdue);
	assert.ok(late.json.items.every((i) => i.obligations.overdue > 0));
	const week = await api(srv.base, adminToken, 'GET', '/api/v1/work?view=week&limit=500');
	assert.equal(week.json.total, counts.overdue + counts.due_soon);
	assert.equal((await api(srv.base, adminToken, 'GET', '/api/v1/work?view=later')).status, 400);
	const pol = await api(srv.base, adminToken, 'GET', '/api/v1/policy');
	assert.equal(pol.status, 200);
	assert.ok(pol.json.obligations);
});

test('the server stops cleanly and jindu audit verify finds the log intact', async () => {
	await srv.stop();
	const r = run(['audit', 'verify', '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^audit log intact: \d+ entries/m);
});

// ---- a month later ----

let later; // lib.js whose binaries see 2026-07-15

test('a month later (2026-07-15) what falls due follows the calendar', async () => {
	later = libAt('2026-07-15');
	srv2 = await later.startServer(env.db);
	const c = new later.Client(srv2.base);
	await c.signIn('ej');
	// 社区康复 of 诸葛强戒, decided 2026-06-15, never reported: the
	// deadline 2026-06-30 has passed.
	let html = (await c.get(`/persons/${P.d.id}`)).text;
	assert.equal(measures(html)[0].status, '待报到');
	assert.deepEqual(obligations(html), ['报到 2026-06-15 2026-06-30 逾期 —']);
	// 欧阳社戒 reported 2026-06-15: the first periods (30 days, 20 for tests
	// since the policy changed) have ended without anything done.
	html = (await c.get(`/persons/${P.a.id}`)).text;
	assert.ok(obligations(html).includes('走访 2026-06-15 2026-07-14 未完成 —'), obligations(html).join('\n'));
	assert.ok(obligations(html).includes('走访 2026-07-15 2026-08-13 逾期 —'), obligations(html).join('\n'));
	const w = await c.get('/work?view=overdue');
	for (const k of ['a', 'd'])
		assert.ok(w.text.includes(`href="/persons/${P[k].id}"`), `${P[k].name} on the overdue list`);
	assert.match(text((await c.get('/')).text), /您负责的人员中，\d+ 人有逾期事项/);
});

test('a month later the missed report deadline has flagged the person 脱管失控 by itself', {
}, async () => {
	const c = new later.Client(srv2.base);
	await c.signIn('ej');
	const html = (await c.get(`/persons/${P.d.id}`)).text;
	assert.equal(personStatus(html), '脱管失控');
	const lost = personRows((await c.get('/persons?status=lost')).text).map((r) => r.id);
	assert.ok(lost.includes(P.d.id), '诸葛强戒 in the 脱管失控 list');
});

test('the second server stops cleanly and the audit log is still intact', async () => {
	await srv2.stop();
	const r = run(['audit', 'verify', '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^audit log intact: \d+ entries/m);
});
