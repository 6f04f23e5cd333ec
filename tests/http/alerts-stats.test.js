'use strict';
// alerts-stats.test.js - 预警统计 and the 协查 of an alert: counts per township
// and per source over a period (China time), deadlines kept and missed, rates
// with one decimal; every number opens the list of exactly those alerts; a
// township user sees their township only and cannot widen the list's area;
// a hit in another township asks it to check, and its answer comes back to
// the alert's page and API.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { test, before, after } = require('node:test');
const { TOWNS, run, initDb, addUser, createToken, startServer, api, idNumber, createPerson,
	Client, unescapeHtml, formFields, setField } = require('./lib');

let env, srv, admin;
const P = {};     // persons: two of 恩江镇, one of 坑田镇
const A = {};     // alert ids by event id
const tokens = {}; // partner sources' tokens

function sql(query) {
	return execFileSync('sqlite3', [env.db, query], { encoding: 'utf8' }).trim();
}

// The first and last day of a month in China (UTC+8), as YYYY-MM-DD, and
// the instant the month begins; months = -1 for the one before.
function chinaMonth(months = 0) {
	const now = new Date(Date.now() + 8 * 3600e3);
	const y = now.getUTCFullYear(), m = now.getUTCMonth() + months;
	const first = new Date(Date.UTC(y, m, 1)), last = new Date(Date.UTC(y, m + 1, 0));
	return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10),
		start: first.getTime() / 1000 - 8 * 3600 };
}

async function post(source, rows) {
	const body = ['event_id,id_number,name,time,place,division,details', ...rows].join('\n') + '\n';
	const res = await fetch(`${srv.base}/api/v1/feeds/${source}/events`, { method: 'POST', body,
		headers: { authorization: `Bearer ${tokens[source]}`, 'content-type': 'text/csv' } });
	const json = await res.json();
	assert.equal(res.status, 201, JSON.stringify(json));
	assert.equal(json.alerts, rows.length);
}

// The rows of a statistics table: { label, cells: [{ text, href }] }, the
// totals row last.
const COLS = ['total', 'new', 'signed', 'handled', 'closed', 'overdue', 'signed_on_time',
	'signed_on_time_rate', 'answered_on_time', 'answered_on_time_rate', 'late', 'late_rate'];
function statsTable(html, id) {
	const start = html.indexOf(`id="${id}"`);
	assert.ok(start >= 0, `table #${id}`);
	const t = html.slice(start, html.indexOf('</table>', start));
	const rows = [];
	for (const m of t.matchAll(/<tr(?: class="total")?><th>([^<]*)<\/th>([\s\S]*?)<\/tr>/g)) {
		const cells = [...m[2].matchAll(/<td class="n(?: rate)?">([\s\S]*?)<\/td>/g)].map((c) => {
			const a = /^<a href="([^"]*)">([^<]*)<\/a>$/.exec(c[1]);
			return a ? { text: a[2], href: unescapeHtml(a[1]) } : { text: unescapeHtml(c[1]) };
		});
		if (cells.length)
			rows.push({ label: unescapeHtml(m[1]), cells });
	}
	return rows;
}

// A row as { total: '6', late_rate: '66.7%', ... }.
function values(row) {
	assert.equal(row.cells.length, COLS.length, row.label);
	return Object.fromEntries(COLS.map((k, i) => [k, row.cells[i].text]));
}

// The ids on one page of the alert list.
function listedIds(html) {
	const start = html.indexOf('id="alerts"');
	const body = html.slice(start, html.indexOf('</table>', start));
	return [...body.matchAll(/<tr(?: class="late")?><td><a href="\/alerts\/(\d+)">/g)].map((m) => Number(m[1]));
}

before(async () => {
	env = initDb();
	srv = await startServer(env.db);
	admin = createToken(env.db, 'admin');
	addUser(env.db, 'ej', 'officer', TOWNS.enjiang.code, { name: '恩江专干' });
	addUser(env.db, 'kt', 'officer', TOWNS.kengtian.code, { name: '坑田专干' });
	addUser(env.db, 'boss', 'leader', '360825');
	for (const [name, kind, label] of [['hotel-yf', 'hotel', '永丰县旅馆业'], ['netbar', 'netcafe', '永丰县网吧']]) {
		const r = run(['feed', 'source', 'add', name, '--kind', kind, '--label', label, '--db', env.db]);
		assert.equal(r.status, 0, r.stderr);
		tokens[name] = r.stdout.trim();
	}
	const person = async (key, n, name, division) => {
		const id = idNumber(70000 + n);
		const p = await createPerson(srv.base, admin, { id_number: id, name, division });
		P[key] = { ...p, id_number: id };
	};
	await person('ej1', 1, '预警甲', `${TOWNS.enjiang.code}001`);
	await person('ej2', 2, '预警乙', TOWNS.enjiang.code);
	await person('kt', 3, '预警丙', TOWNS.kengtian.code);
	// watched: a running measure, or an open 脱管失控 flag
	const day = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
	let res = await api(srv.base, admin, 'POST', `/api/v1/persons/${P.ej1.id}/measures`,
		{ kind: 'community', decision_date: day, division: TOWNS.enjiang.code });
	assert.equal(res.status, 201, res.text);
	for (const p of [P.ej2, P.kt]) {
		res = await api(srv.base, admin, 'POST', `/api/v1/persons/${p.id}/lost`, { date: day, reason: '走访未见' });
		assert.equal(res.status, 201, res.text);
	}

	// Nine hits. a1 happened in 坑田镇: 坑田镇 is asked to check.
	const when = new Date(Date.now() - 3600e3).toISOString().slice(0, 19) + 'Z';
	const hit = (eid, p, division, place) => `${eid},${p.id_number},${p.name},${when},${place},${division},x`;
	await post('hotel-yf', [
		hit('a1', P.ej1, TOWNS.kengtian.code, '坑田镇某旅社'),
		hit('a2', P.ej1, TOWNS.enjiang.code, '恩江镇某宾馆'),
		hit('a3', P.ej1, TOWNS.enjiang.code, '恩江镇某宾馆'),
		hit('a4', P.ej2, TOWNS.enjiang.code, '恩江镇某宾馆'),
		hit('a7', P.kt, TOWNS.kengtian.code, '坑田镇某宾馆'),
		hit('a9', P.kt, TOWNS.kengtian.code, '坑田镇某宾馆'),
	]);
	await post('netbar', [
		hit('a5', P.ej1, TOWNS.enjiang.code, '恩江镇某网吧'),
		hit('a6', P.ej2, TOWNS.enjiang.code, '恩江镇某网吧'),
		hit('a8', P.kt, TOWNS.kengtian.code, '坑田镇某网吧'),
	]);
	for (const eid of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'])
		A[eid] = Number(sql(`SELECT al.id FROM alert al JOIN feed_event e ON e.id = al.event_id WHERE e.event_id = '${eid}'`));

	// The workflow as users do it, then deadlines moved to make each case.
	const step = async (eid, action, extra = {}) => {
		const r = await api(srv.base, admin, 'POST', `/api/v1/alerts/${A[eid]}`, { action, ...extra });
		assert.equal(r.status, 201, r.text);
	};
	for (const eid of ['a3', 'a4', 'a5', 'a6', 'a7'])
		await step(eid, 'sign');
	for (const eid of ['a4', 'a5', 'a6'])
		await step(eid, 'handle', { feedback: 'verified' });
	for (const eid of ['a5', 'a6'])
		await step(eid, 'close');
	const now = "CAST(strftime('%s', 'now') AS INTEGER)";
	sql(`UPDATE alert SET sign_due = ${now} - 3600 WHERE id = ${A.a2}`);      // not signed in time, still open
	sql(`UPDATE alert SET feedback_due = ${now} - 3600 WHERE id = ${A.a3}`);  // signed, not answered in time
	sql(`UPDATE alert SET sign_due = signed_at - 60 WHERE id = ${A.a4}`);     // signed late, answered in time
	sql(`UPDATE alert SET feedback_due = handled_at - 60 WHERE id = ${A.a6}`); // answered late, closed
	sql(`UPDATE alert SET created_at = ${chinaMonth().start - 86400} WHERE id = ${A.a9}`); // last month
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('counts per township and source, deadlines kept and missed, rates with one decimal', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	const page = await c.get('/alerts/stats');
	assert.equal(page.status, 200);
	const { from, to } = chinaMonth();
	assert.match(page.text, new RegExp(`<input type="date" name="from" value="${from}"`), 'this month by default');
	assert.match(page.text, new RegExp(`${from} 至 ${to}（北京时间）生成的预警，共 8 条`));

	const towns = statsTable(page.text, 'by-division');
	const byName = Object.fromEntries(towns.map((r) => [r.label, values(r)]));
	assert.deepEqual(byName['恩江镇'], { total: '6', new: '2', signed: '1', handled: '1', closed: '2',
		overdue: '2', signed_on_time: '3', signed_on_time_rate: '50.0%', answered_on_time: '2',
		answered_on_time_rate: '33.3%', late: '4', late_rate: '66.7%' });
	assert.deepEqual(byName['坑田镇'], { total: '2', new: '1', signed: '1', handled: '0', closed: '0',
		overdue: '0', signed_on_time: '1', signed_on_time_rate: '50.0%', answered_on_time: '0',
		answered_on_time_rate: '0.0%', late: '0', late_rate: '0.0%' });
	// every township of the county, those without an alert too: no rate, not a division by zero
	assert.ok(towns.length > 3, 'all the townships of the county');
	assert.deepEqual(byName['石马镇'], { total: '0', new: '0', signed: '0', handled: '0', closed: '0',
		overdue: '0', signed_on_time: '0', signed_on_time_rate: '—', answered_on_time: '0',
		answered_on_time_rate: '—', late: '0', late_rate: '—' });
	const totals = { total: '8', new: '3', signed: '2', handled: '1', closed: '2', overdue: '2',
		signed_on_time: '4', signed_on_time_rate: '50.0%', answered_on_time: '2',
		answered_on_time_rate: '25.0%', late: '4', late_rate: '50.0%' };
	assert.equal(towns.at(-1).label, '合计');
	assert.deepEqual(values(towns.at(-1)), totals);

	const sources = statsTable(page.text, 'by-source');
	assert.deepEqual(sources.map((r) => r.label), ['永丰县旅馆业', '永丰县网吧', '合计']);
	assert.deepEqual(values(sources[0]), { total: '5', new: '2', signed: '2', handled: '1', closed: '0',
		overdue: '2', signed_on_time: '2', signed_on_time_rate: '40.0%', answered_on_time: '1',
		answered_on_time_rate: '20.0%', late: '3', late_rate: '60.0%' });
	assert.deepEqual(values(sources[1]), { total: '3', new: '1', signed: '0', handled: '0', closed: '2',
		overdue: '0', signed_on_time: '2', signed_on_time_rate: '66.7%', answered_on_time: '1',
		answered_on_time_rate: '33.3%', late: '1', late_rate: '33.3%' });
	assert.deepEqual(values(sources[2]), totals);

	// the API says the same, rates as numbers (null when there is no alert)
	const res = await api(srv.base, admin, 'GET', '/api/v1/alerts/stats');
	assert.equal(res.status, 200);
	assert.equal(res.json.from, from);
	assert.equal(res.json.to, to);
	const ej = res.json.divisions.find((d) => d.division === TOWNS.enjiang.code);
	assert.deepEqual(ej, { division: TOWNS.enjiang.code, name: '恩江镇', total: 6, new: 2, signed: 1,
		handled: 1, closed: 2, overdue: 2, signed_on_time: 3, signed_on_time_rate: 50,
		answered_on_time: 2, answered_on_time_rate: 33.3, late: 4, late_rate: 66.7 });
	assert.equal(res.json.divisions.find((d) => d.division === TOWNS.shima.code).late_rate, null);
	assert.deepEqual(res.json.sources.map((s) => [s.source, s.label, s.total]),
		[['hotel-yf', '永丰县旅馆业', 5], ['netbar', '永丰县网吧', 3]]);
	assert.equal(res.json.total.total, 8);
	assert.equal(res.json.total.answered_on_time_rate, 25);
});

test('every number opens the list of exactly those alerts', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	const page = await c.get('/alerts/stats');
	const rows = [...statsTable(page.text, 'by-division'), ...statsTable(page.text, 'by-source')];
	let followed = 0;
	for (const row of rows) {
		for (const [i, cell] of row.cells.entries()) {
			if (COLS[i].endsWith('_rate')) {
				assert.equal(cell.href, undefined, 'a rate is not a list');
				continue;
			}
			assert.ok(cell.href, `${row.label} ${COLS[i]} is a link`);
			assert.match(cell.href, /^\/alerts\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
			const want = Number(cell.text);
			const list = await c.get(cell.href);
			assert.equal(list.status, 200, cell.href);
			assert.equal(listedIds(list.text).length, want, `${row.label} ${COLS[i]}: ${cell.href}`);
			assert.match(list.text, new RegExp(`共 ${want} 条`), cell.href);
			const json = await api(srv.base, admin, 'GET', `/api/v1${cell.href}&limit=500`);
			assert.equal(json.status, 200, cell.href);
			assert.equal(json.json.total, want, `API ${cell.href}`);
			assert.equal(json.json.items.length, want);
			followed++;
		}
	}
	assert.ok(followed >= 9 * 5, `${followed} links followed`);

	// and they are those alerts: the late ones of 恩江镇, each late by the same rule
	const ej = rows.find((r) => r.label === '恩江镇');
	const late = ej.cells[COLS.indexOf('late')].href;
	const list = await api(srv.base, admin, 'GET', `/api/v1${late}&limit=500`);
	assert.deepEqual(list.json.items.map((x) => x.id).sort((x, y) => x - y),
		[A.a2, A.a3, A.a4, A.a6].sort((x, y) => x - y));
	assert.ok(list.json.items.every((x) => x.late));
	const onTime = await api(srv.base, admin, 'GET',
		`/api/v1${ej.cells[COLS.indexOf('answered_on_time')].href}&limit=500`);
	assert.deepEqual(onTime.json.items.map((x) => x.id).sort((x, y) => x - y), [A.a4, A.a5].sort((x, y) => x - y));
	const page2 = await c.get(late);
	assert.match(page2.text, /<p class="notice" id="alert-filter">筛选：恩江镇；\d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d；超期。/);
});

test('a period: from and to in China time, last month apart, bad dates refused', async () => {
	const last = chinaMonth(-1), cur = chinaMonth();
	let res = await api(srv.base, admin, 'GET', `/api/v1/alerts/stats?from=${last.from}&to=${cur.to}`);
	assert.equal(res.status, 200);
	assert.equal(res.json.total.total, 9);
	assert.equal(res.json.divisions.find((d) => d.division === TOWNS.kengtian.code).total, 3);
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts/stats?from=${last.from}&to=${last.to}`);
	assert.equal(res.json.total.total, 1);
	assert.equal(res.json.sources.find((s) => s.source === 'hotel-yf').total, 1);
	assert.equal(res.json.sources.find((s) => s.source === 'netbar').late_rate, null);
	// the last second of last month and the first of this one, in China time
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts?from=${last.from}&to=${last.to}&limit=500`);
	assert.deepEqual(res.json.items.map((x) => x.id), [A.a9]);
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts?from=${cur.from}&limit=500`);
	assert.equal(res.json.total, 8);
	sql(`UPDATE alert SET created_at = ${cur.start - 1} WHERE id = ${A.a9}`);
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts?to=${last.to}&limit=500`);
	assert.deepEqual(res.json.items.map((x) => x.id), [A.a9], 'the day\'s last second is in it');
	sql(`UPDATE alert SET created_at = ${cur.start} WHERE id = ${A.a9}`);
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts?to=${last.to}&limit=500`);
	assert.equal(res.json.total, 0, 'midnight in China is the next day');
	sql(`UPDATE alert SET created_at = ${cur.start - 86400} WHERE id = ${A.a9}`);

	for (const q of ['from=2026-02-30', 'from=yesterday', `from=${cur.to}&to=${cur.from}`]) {
		res = await api(srv.base, admin, 'GET', `/api/v1/alerts/stats?${q}`);
		assert.equal(res.status, 400, q);
		assert.equal((await api(srv.base, admin, 'GET', `/api/v1/alerts?${q}`)).status, 400, q);
	}
	const c = new Client(srv.base);
	await c.signIn('admin');
	const page = await c.get(`/alerts/stats?from=${cur.to}&to=${cur.from}`);
	assert.equal(page.status, 400);
	assert.match(page.text, /起始日期不能晚于截止日期/);
	assert.equal((await api(srv.base, admin, 'GET', '/api/v1/alerts?source=nosuch')).status, 400);
});

test('a township sees its own township only; the list\'s area can narrow, never widen', async () => {
	const ej = createToken(env.db, 'ej'), kt = createToken(env.db, 'kt');
	let res = await api(srv.base, ej, 'GET', '/api/v1/alerts/stats');
	assert.equal(res.status, 200);
	assert.deepEqual(res.json.divisions.map((d) => [d.division, d.total]), [[TOWNS.enjiang.code, 6]]);
	assert.deepEqual(res.json.sources.map((s) => s.total), [4, 2]);
	assert.equal(res.json.total.total, 6);
	res = await api(srv.base, kt, 'GET', '/api/v1/alerts/stats');
	assert.deepEqual(res.json.divisions.map((d) => [d.division, d.total]), [[TOWNS.kengtian.code, 2]]);

	const c = new Client(srv.base);
	await c.signIn('ej');
	const page = await c.get('/alerts/stats');
	assert.equal(page.status, 200);
	assert.deepEqual(statsTable(page.text, 'by-division').map((r) => r.label), ['恩江镇', '合计']);
	assert.doesNotMatch(page.text, /坑田镇/);

	// another township, the county above, a village of the other: refused
	for (const division of [TOWNS.kengtian.code, '360825', `${TOWNS.kengtian.code}001`]) {
		res = await api(srv.base, ej, 'GET', `/api/v1/alerts?division=${division}`);
		assert.equal(res.status, 400, division);
		assert.equal((await c.get(`/alerts?division=${division}`)).status, 400, division);
	}
	res = await api(srv.base, ej, 'GET', `/api/v1/alerts?division=${TOWNS.enjiang.code}&limit=500`);
	assert.equal(res.json.total, 6);
	res = await api(srv.base, ej, 'GET', `/api/v1/alerts?division=${TOWNS.enjiang.code}001&limit=500`);
	assert.deepEqual(res.json.items.map((x) => x.id).sort((x, y) => x - y),
		[A.a1, A.a2, A.a3, A.a5].sort((x, y) => x - y), 'a village of one\'s own: narrower');
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts?division=${TOWNS.kengtian.code}&limit=500`);
	assert.equal(res.json.total, 3, 'the county may look at any of its townships');

	// a leader sees the figures, never the lists of names behind them
	const boss = new Client(srv.base);
	await boss.signIn('boss');
	assert.match((await boss.get('/')).text, /<p class="hint" id="alert-stats-link"><a href="\/alerts\/stats">预警统计<\/a>/);
	const figures = await boss.get('/alerts/stats');
	assert.equal(figures.status, 200);
	assert.equal(values(statsTable(figures.text, 'by-division').at(-1)).total, '8');
	assert.doesNotMatch(figures.text, /href="\/alerts\?/);
	assert.equal((await boss.get('/alerts')).status, 403);
});

test('the answer to a 协查 comes back to the alert', async () => {
	const ej = createToken(env.db, 'ej'), kt = createToken(env.db, 'kt');
	// asked of 坑田镇 for a1, seen there; the alert stays 恩江镇's
	let res = await api(srv.base, ej, 'GET', `/api/v1/alerts/${A.a1}`);
	assert.equal(res.status, 200);
	assert.equal(res.json.event.division, TOWNS.kengtian.code);
	assert.equal(res.json.event.place, '坑田镇某旅社');
	assert.equal(res.json.event.source, '永丰县旅馆业');
	assert.equal(res.json.assist, 'requested');
	assert.equal(res.json.assists.length, 1);
	const q = res.json.assists[0];
	assert.deepEqual([q.alert_id, q.to_division, q.to_name, q.status], [A.a1, TOWNS.kengtian.code, '坑田镇', 'requested']);
	assert.equal((await api(srv.base, kt, 'GET', `/api/v1/alerts/${A.a1}`)).status, 404, 'not 坑田镇\'s alert');
	assert.equal((await api(srv.base, ej, 'GET', '/api/v1/alerts/999999')).status, 404);
	res = await api(srv.base, admin, 'GET', `/api/v1/alerts/${A.a2}`);
	assert.deepEqual([res.json.assist, res.json.assists], ['none', []]);
	const home = new Client(srv.base);
	await home.signIn('ej');
	let page = await home.get(`/alerts/${A.a1}`);
	assert.match(page.text, new RegExp(`<tr id="assist-${q.id}"><td>坑田镇</td>[\\s\\S]*?<span class="tag">待回复</span>`));
	assert.match((await home.get('/alerts')).text, new RegExp(`href="/alerts/${A.a1}">[\\s\\S]*?<span class="tag assist">协查中</span>`));

	// 坑田镇 answers from its worklist, as its officer does
	const there = new Client(srv.base);
	await there.signIn('kt');
	const work = await there.get('/work');
	const fields = setField(formFields(work.text, `answer-${q.id}`), 'answer', '已在坑田镇某旅社见到本人，尿检阴性');
	res = await there.post(`/assist/${q.id}`, fields);
	assert.equal(res.status, 303, res.text.slice(0, 300));

	res = await api(srv.base, ej, 'GET', `/api/v1/alerts/${A.a1}`);
	const a = res.json.assists[0];
	assert.equal(res.json.assist, 'answered');
	assert.deepEqual([a.status, a.found, a.answer, a.answered_by_name],
		['answered', true, '已在坑田镇某旅社见到本人，尿检阴性', '坑田专干']);
	assert.ok(a.answered_at >= a.requested_at && a.answered_by > 0);
	page = await home.get(`/alerts/${A.a1}`);
	const row = new RegExp(`<tr id="assist-${q.id}"><td>坑田镇</td><td>[^<]+</td><td>[^<]*请协助核查</td>` +
		'<td><span class="tag ok">已回复</span></td><td>已找到本人</td><td>已在坑田镇某旅社见到本人，尿检阴性</td>' +
		'<td>坑田专干</td><td>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d</td></tr>');
	assert.match(page.text, row);
	// the list marks it; the other alerts asked nobody
	const list = await api(srv.base, ej, 'GET', '/api/v1/alerts?limit=500');
	assert.deepEqual(list.json.items.filter((x) => x.assist !== 'none').map((x) => [x.id, x.assist]),
		[[A.a1, 'answered']]);
	assert.match((await home.get('/alerts')).text,
		new RegExp(`href="/alerts/${A.a1}">[\\s\\S]*?<span class="tag ok assist">协查已回复</span>`));
});
