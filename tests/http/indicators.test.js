'use strict';
// indicators.test.js - 指标统计: persons, measures, tests, flags, help,
// methadone months and alerts made through the API on both sides of the
// edges of 2025Q3 (30 June, 1 July, 30 September, 1 October); every
// indicator of the county and of two townships, for the quarter, the one
// before and the same one a year before (and a month, a half-year and a
// year), against figures this file counts itself from what it made; every
// number's list has exactly that many rows, and the persons it should; a
// township officer sees their township only; opening a list is audited.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { test, before, after } = require('node:test');
const { TOWNS, run, initDb, addUser, createToken, startServer, api, idNumber, createPerson,
	Client, unescapeHtml } = require('./lib');

const E = TOWNS.enjiang.code;
const K = TOWNS.kengtian.code;
let env, srv, admin;

function sql(query) {
	return execFileSync('sqlite3', [env.db, query], { encoding: 'utf8' }).trim();
}

// ---- the records made, as this file knows them ----
//
// Persons by key: township, first found, and what happens to them. A
// measure: kind, decided, reported (the report day), ended ([day, reason]),
// planned end (voluntary), tests ([day, result]). Days are YYYY-MM-DD.
const PERSONS = {
	a: { town: E, found: '2025-09-30' },               // found on the quarter's last day
	b: { town: E, found: '2025-10-01' },               // ... and on the next
	c: { town: E, found: '2025-07-01' },               // on its first day
	d: { town: E, found: '2025-06-30', measures: [{ kind: 'voluntary', decided: '2025-08-15',
		planned: '2026-02-15' }] },
	e: { town: K, found: '2024-03-10', help: [['training', '2025-09-30'], ['counselling', '2025-10-01'],
		['methadone', '2025-01-01']], methadone: ['2025-06', '2025-07', '2025-09'] },
	f: { town: K, found: '2023-05-06', registered: 0 }, // 隐性: never counted as 在册
	g: { town: E, found: '2024-01-01', closed: ['2025-09-30', 'dead'] },
	h: { town: E, found: '2024-01-01', closed: ['2025-10-01', 'abroad'] },
	i: { town: K, found: '2024-02-02', lost: [['2025-09-30', null]] },
	j: { town: K, found: '2024-02-02', lost: [['2025-04-01', '2025-09-30']] },
	k: { town: E, found: '2024-02-02', lost: [['2025-05-01', '2025-10-01']] },
	l: { town: K, found: '2024-02-02', positive: ['2025-06-30', '2025-07-01', '2025-09-30'],
		help: [['medical', '2025-07-01']] },
	// a community measure decided on the quarter's last day
	m: { town: E, found: '2025-01-10', measures: [{ kind: 'community', decided: '2025-09-30' }] },
	// reported on the last day of 2025Q2, tested in the quarter; employed
	// twice at once (counted once)
	n: { town: E, found: '2025-01-10', measures: [{ kind: 'community', decided: '2025-06-20',
		reported: '2025-06-30', tests: [['2025-07-15', 'negative'], ['2025-08-10', 'refused'],
			['2025-09-27', 'negative']] }],
	help: [['employment', '2025-07-01'], ['employment', '2025-08-01', '2025-12-31']] },
	// compulsory, then rehabilitation reported late; employed until the day
	// before the quarter's end
	o: { town: K, found: '2023-01-01', measures: [
		{ kind: 'compulsory', decided: '2023-06-01', ended: ['2025-06-01', 'completed'] },
		{ kind: 'rehab', decided: '2025-07-10', reported: '2025-07-30' }],
	help: [['employment', '2025-01-01', '2025-09-29']] },
	p: { town: E, found: '2025-01-10', measures: [{ kind: 'community', decided: '2025-07-10',
		reported: '2025-07-28' }] },
	// ended unreported before its deadline: no report was due
	q: { town: E, found: '2025-01-10', measures: [{ kind: 'community', decided: '2025-07-01',
		ended: ['2025-07-10', 'imprisoned'] }] },
	// clean three years on 2025-07-15, 2025-09-30, 2025-10-01
	r: { town: E, found: '2022-07-15', visit: '2023-01-05' },
	s: { town: K, found: '2022-09-30', visit: '2023-01-05' },
	t: { town: K, found: '2022-10-01', visit: '2023-01-05' },
	// reported on its deadline, the quarter's last day
	u: { town: K, found: '2025-01-10', measures: [{ kind: 'community', decided: '2025-09-15',
		reported: '2025-09-30' }] },
};
const P = {}; // key -> { id, name, division }

// Alerts of persons i (lost) and n (under a measure): made, signed and
// answered at these instants (China time, UTC+8).
const china = (day, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`) / 1000;
const ALERTS = [
	{ event: 'x1', person: 'n', created: china('2025-09-30', '23:59:59'), signDue: china('2025-10-01', '01:00:00'),
		signed: china('2025-10-01', '00:30:00'), feedbackDue: china('2025-10-01', '12:00:00'),
		handled: china('2025-10-02') },                 // signed on time, answered late
	{ event: 'x2', person: 'n', created: china('2025-10-01'), signDue: china('2025-10-01', '02:00:00'),
		signed: china('2025-10-01', '01:00:00'), feedbackDue: china('2025-10-02'), handled: 0 },
	{ event: 'x3', person: 'i', created: china('2025-07-01'), signDue: china('2025-07-01', '02:00:00'),
		signed: china('2025-07-01', '03:00:00'), feedbackDue: china('2025-07-02'),
		handled: china('2025-07-01', '20:00:00') },     // signed late, answered on time
	{ event: 'x4', person: 'i', created: china('2025-06-30', '23:59:59'), signDue: china('2025-07-01', '02:00:00'),
		signed: 0, feedbackDue: china('2025-07-02'), handled: 0 },
];

// ---- days ----
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
function addYears(day, n) {
	const [y, m, d] = day.split('-').map(Number);
	const last = new Date(Date.UTC(y + n, m, 0)).getUTCDate();
	return `${y + n}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
// A period key's first and last day.
function bounds(key) {
	let m;
	const last = (y, mo) => new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
	if ((m = /^(\d{4})-(\d{2})$/.exec(key)))
		return [`${m[1]}-${m[2]}-01`, last(+m[1], +m[2])];
	if ((m = /^(\d{4})Q(\d)$/.exec(key)))
		return [`${m[1]}-${String(m[2] * 3 - 2).padStart(2, '0')}-01`, last(+m[1], m[2] * 3)];
	if ((m = /^(\d{4})H(\d)$/.exec(key)))
		return [`${m[1]}-${m[2] === '1' ? '01' : '07'}-01`, last(+m[1], m[2] * 6)];
	return [`${key}-01-01`, `${key}-12-31`];
}

// ---- the figures, counted here from the records above ----

const measures = () => Object.entries(PERSONS).flatMap(([key, p]) =>
	(p.measures || []).map((m) => ({ ...m, person: key, town: p.town })));
const helps = () => Object.entries(PERSONS).flatMap(([key, p]) =>
	(p.help || []).map(([kind, start, end]) => ({ kind, start, end, person: key, town: p.town })));
const isCR = (m) => m.kind === 'community' || m.kind === 'rehab';
const endedBy = (m, day) => m.ended && m.ended[0] <= day;
const deadline = (m) => addDays(m.decided, 15);

function registered(p, end) {
	return p.registered !== 0 && p.found <= end && !(p.closed && p.closed[0] <= end);
}
function lostAt(p, end) {
	return registered(p, end) && (p.lost || []).some(([d, r]) => d <= end && !(r && r <= end));
}
// The clean clock of a file with no measure, worked on (so computed):
// from the day found, or the last relapse; complete three years on.
function cleanAt(p, end) {
	if (p.measures || !(p.visit || p.lost || p.positive || p.help))
		return false; // measures here all start in 2023 or later: complete after the periods
	const since = [p.found, ...(p.positive || [])].sort().at(-1);
	return registered(p, end) && addYears(since, 3) <= end;
}
const inEffect = (m, end) => m.decided <= end && !endedBy(m, end);
const executing = (m, end) => isCR(m) && m.reported && m.reported <= end && !endedBy(m, end);
function reportDue(m, from, to) {
	const dl = deadline(m);
	return isCR(m) && dl >= from && dl <= to && !(!m.reported && m.ended && m.ended[0] <= dl);
}
const reportedOnTime = (m, from, to) => reportDue(m, from, to) && m.reported && m.reported <= deadline(m);
// Test periods in the first year of a measure: every 30 days (community,
// rehabilitation, low or medium risk) or 90 (voluntary), from the report.
function testPeriods(m) {
	const len = m.kind === 'voluntary' ? 90 : isCR(m) ? 30 : 0;
	const start = m.kind === 'voluntary' ? m.decided : m.reported;
	const out = [];
	if (!len || !start)
		return out;
	for (let s = start; s < addYears(start, 1); s = addDays(s, len)) {
		const due = addDays(s, len - 1);
		const done = (m.tests || []).some(([d, res]) => d >= s && d <= due && (res === 'negative' || res === 'positive'));
		out.push({ start: s, due, done });
	}
	return out;
}
const employedAt = (m, end) => executing(m, end) && helps().some((h) => h.person === m.person &&
	h.kind === 'employment' && h.start <= end && (!h.end || h.end >= end));

// key -> (period key) -> [{ town, name }] of the records it counts
const COUNTS = {
	registered: (f, t) => persons((p) => registered(p, t)),
	new_found: (f, t) => persons((p) => p.registered !== 0 && p.found >= f && p.found <= t),
	in_control: (f, t) => persons((p) => registered(p, t) && !lostAt(p, t)),
	lost: (f, t) => persons((p) => lostAt(p, t)),
	clean3y: (f, t) => persons((p) => cleanAt(p, t)),
	relapses: (f, t) => Object.entries(PERSONS).flatMap(([key, p]) =>
		(p.positive || []).filter((d) => d >= f && d <= t).map(() => rec(key))),
	measure_community: (f, t) => ms((m) => m.kind === 'community' && inEffect(m, t)),
	measure_rehab: (f, t) => ms((m) => m.kind === 'rehab' && inEffect(m, t)),
	measure_compulsory: (f, t) => ms((m) => m.kind === 'compulsory' && inEffect(m, t)),
	measure_voluntary: (f, t) => ms((m) => m.kind === 'voluntary' && inEffect(m, t)),
	measure_facility: (f, t) => ms((m) => m.kind === 'facility' && inEffect(m, t)),
	community_executing: (f, t) => ms((m) => m.kind === 'community' && executing(m, t)),
	rehab_executing: (f, t) => ms((m) => m.kind === 'rehab' && executing(m, t)),
	cr_executing: (f, t) => ms((m) => executing(m, t)),
	community_report_due: (f, t) => ms((m) => m.kind === 'community' && reportDue(m, f, t)),
	community_reported: (f, t) => ms((m) => m.kind === 'community' && reportedOnTime(m, f, t)),
	rehab_report_due: (f, t) => ms((m) => m.kind === 'rehab' && reportDue(m, f, t)),
	rehab_reported: (f, t) => ms((m) => m.kind === 'rehab' && reportedOnTime(m, f, t)),
	tests_due: (f, t) => measures().flatMap((m) => testPeriods(m).filter((x) => x.due >= f && x.due <= t)
		.map(() => rec(m.person))),
	tests_done: (f, t) => measures().flatMap((m) => testPeriods(m).filter((x) => x.done && x.due >= f && x.due <= t)
		.map(() => rec(m.person))),
	employed: (f, t) => ms((m) => employedAt(m, t)),
	employment_new: (f, t) => helps().filter((h) => h.kind === 'employment' && h.start >= f && h.start <= t)
		.map((h) => rec(h.person)),
	help_new: (f, t) => helps().filter((h) => ['training', 'counselling', 'medical', 'subsistence'].includes(h.kind) &&
		h.start >= f && h.start <= t).map((h) => rec(h.person)),
	methadone: (f, t) => persons((p) => (p.methadone || []).some((mo) => mo >= f.slice(0, 7) && mo <= t.slice(0, 7))),
	alerts: (f, t) => alerts(f, t, () => true),
	alerts_signed: (f, t) => alerts(f, t, (a) => a.signed && a.signed <= a.signDue),
	alerts_answered: (f, t) => alerts(f, t, (a) => a.handled && a.handled <= a.feedbackDue),
};
const RATES = {
	in_control_rate: ['in_control', 'registered'],
	community_execution_rate: ['community_executing', 'measure_community'],
	rehab_execution_rate: ['rehab_executing', 'measure_rehab'],
	community_report_rate: ['community_reported', 'community_report_due'],
	rehab_report_rate: ['rehab_reported', 'rehab_report_due'],
	tests_rate: ['tests_done', 'tests_due'],
	employment_rate: ['employed', 'cr_executing'],
	alerts_signed_rate: ['alerts_signed', 'alerts'],
	alerts_answered_rate: ['alerts_answered', 'alerts'],
};

function rec(key) {
	return { town: PERSONS[key].town, name: P[key].name };
}
function persons(pred) {
	return Object.entries(PERSONS).filter(([, p]) => pred(p)).map(([key]) => rec(key));
}
function ms(pred) {
	return measures().filter(pred).map((m) => rec(m.person));
}
function alerts(from, to, pred) {
	const start = china(from), end = china(addDays(to, 1));
	return ALERTS.filter((a) => a.created >= start && a.created < end && pred(a)).map((a) => rec(a.person));
}

// The records of count key in period (a key) for a township (null: all).
function expected(key, period, town) {
	const [f, t] = bounds(period);
	return COUNTS[key](f, t).filter((r) => !town || r.town === town);
}
// A rate in tenths of a percent, rounded half up: counted here in floats
// and rounded by hand, apart from the server's integer rule.
function tenths(n, d) {
	if (!d)
		return null;
	const exact = (n * 1000) / d;
	const down = Math.floor(exact);
	return exact - down >= 0.5 - 1e-9 ? down + 1 : down;
}
function figure(key, period, town) {
	if (COUNTS[key])
		return expected(key, period, town).length;
	const [num, den] = RATES[key];
	const t = tenths(expected(num, period, town).length, expected(den, period, town).length);
	return t === null ? null : t / 10;
}
function change(key, before, now) {
	if (now === null || before === null)
		return null;
	if (RATES[key])
		return Math.round((now - before) * 10) / 10;
	if (before === 0)
		return null;
	const sign = now < before ? -1 : 1;
	return (sign * tenths(Math.abs(now - before), before)) / 10;
}

// ---- making the records ----

async function post(url, body, want = 201) {
	const res = await api(srv.base, admin, 'POST', url, body);
	assert.equal(res.status, want, `${url} ${JSON.stringify(body)}: ${res.text}`);
	return res;
}

async function control(pid) {
	const res = await api(srv.base, admin, 'GET', `/api/v1/persons/${pid}/control`);
	assert.equal(res.status, 200);
	return res.json;
}

async function makeMeasure(key, m) {
	const pid = P[key].id;
	await post(`/api/v1/persons/${pid}/measures`, { kind: m.kind, decision_date: m.decided,
		division: PERSONS[key].town, planned_end: m.planned });
	const mine = () => control(pid).then((c) => c.measures.find((x) => x.kind === m.kind &&
		x.decision_date === m.decided));
	if (m.reported)
		await post(`/api/v1/measures/${(await mine()).id}`, { action: 'report', date: m.reported,
			version: (await mine()).version });
	for (const [day, result] of m.tests || [])
		await post(`/api/v1/persons/${pid}/tests`, { date: day, method: 'urine', result });
	if (m.ended)
		await post(`/api/v1/measures/${(await mine()).id}`, { action: 'end', date: m.ended[0],
			reason: m.ended[1], version: (await mine()).version });
}

before(async () => {
	env = initDb();
	srv = await startServer(env.db);
	admin = createToken(env.db, 'admin');
	addUser(env.db, 'ej', 'officer', E, { name: '恩江专干' });
	addUser(env.db, 'aud', 'auditor', '360825');
	const villages = (await api(srv.base, admin, 'GET', `/api/v1/divisions/${E}`)).json.children;

	let n = 0;
	for (const [key, p] of Object.entries(PERSONS)) {
		const created = await createPerson(srv.base, admin, { id_number: idNumber(80000 + ++n),
			name: `指标${key}${n}号`, division: p.town === E ? villages[n % 3].code : K,
			first_found_date: p.found, registered: p.registered === 0 ? '0' : '1',
			drug_types: 'meth' });
		P[key] = { id: created.id, name: `指标${key}${n}号`, idn: created.id_number };
	}
	for (const [key, p] of Object.entries(PERSONS)) {
		const pid = P[key].id;
		for (const m of p.measures || [])
			await makeMeasure(key, m);
		for (const [kind, start, end] of p.help || [])
			await post(`/api/v1/persons/${pid}/assistance`, { kind, start_date: start, end_date: end || '',
				provider: `${key}的${kind}` });
		for (const month of p.methadone || [])
			await post(`/api/v1/persons/${pid}/methadone`, { month, days_due: 28, days_taken: 20, dose: 40 });
		for (const day of p.positive || []) {
			const res = await post(`/api/v1/persons/${pid}/tests`, { date: day, method: 'urine', result: 'positive' });
			assert.equal(res.json.result, 'relapse');
		}
		for (const [day, resolved] of p.lost || []) {
			await post(`/api/v1/persons/${pid}/lost`, { date: day, reason: '走访未见本人' });
			if (resolved) {
				const flag = (await control(pid)).flags.find((f) => f.kind === 'lost' && f.date === day);
				await post(`/api/v1/flags/${flag.id}`, { date: resolved, resolution: '已找到本人' });
			}
		}
		if (p.visit)
			await post(`/api/v1/persons/${pid}/contacts`, { date: p.visit, kind: 'visit', outcome: 'met' });
		if (p.closed)
			await post(`/api/v1/persons/${pid}/close`, { reason: p.closed[1], date: p.closed[0] });
	}

	// Hits on watched persons make the alerts; then their times are those above.
	const source = run(['feed', 'source', 'add', 'ind-hotel', '--kind', 'hotel', '--db', env.db]);
	assert.equal(source.status, 0, source.stderr);
	const when = new Date(Date.now() - 3600e3).toISOString().slice(0, 19) + 'Z';
	const lines = ['event_id,id_number,name,time,place,division,details',
		...ALERTS.map((a) => `${a.event},${P[a.person].idn},,${when},某宾馆,${PERSONS[a.person].town},`)];
	const hit = await fetch(`${srv.base}/api/v1/feeds/ind-hotel/events`, { method: 'POST',
		body: lines.join('\n') + '\n',
		headers: { authorization: `Bearer ${source.stdout.trim()}`, 'content-type': 'text/csv' } });
	assert.equal(hit.status, 201, await hit.text());
	for (const a of ALERTS) {
		const id = Number(sql(`SELECT al.id FROM alert al JOIN feed_event e ON e.id = al.event_id WHERE e.event_id = '${a.event}'`));
		assert.ok(id > 0, `alert of ${a.event}`);
		sql(`UPDATE alert SET created_at = ${a.created}, sign_due = ${a.signDue}, signed_at = ${a.signed},
			feedback_due = ${a.feedbackDue}, handled_at = ${a.handled},
			status = '${a.handled ? 'handled' : a.signed ? 'signed' : 'new'}' WHERE id = ${id}`);
	}
});

after(async () => {
	if (srv)
		await srv.stop();
});

// The figures of the API for one period key, each with its previous and
// a year before, against those counted here.
function checkFigures(doc, label) {
	const periods = [doc.period.key, doc.previous.key, doc.year_before.key];
	const fields = ['value', 'previous', 'year_before'];
	const keys = doc.indicators.map((i) => i.key).sort();
	assert.deepEqual(keys, [...Object.keys(COUNTS), ...Object.keys(RATES)].sort(),
		'every indicator of the catalogue is counted here too');
	for (const ind of doc.indicators) {
		const check = (got, town, where) => {
			const want = periods.map((p) => figure(ind.key, p, town));
			fields.forEach((f, i) => assert.equal(got[f], want[i], `${label} ${ind.key} ${where} ${periods[i]}`));
			assert.equal(got.change, change(ind.key, want[1], want[0]), `${label} ${ind.key} ${where} change`);
			assert.equal(got.change_year_before, change(ind.key, want[2], want[0]),
				`${label} ${ind.key} ${where} change on a year before`);
		};
		check(ind.total, null, 'county');
		for (const d of ind.divisions) {
			const town = d.division === E || d.division === K ? d.division : 'none';
			check(d, town, d.division);
		}
	}
}

test('every indicator of the county and of each township, as counted from the records made', async () => {
	for (const [period, previous, yearBefore] of [['2025Q3', '2025Q2', '2024Q3'], ['2025-09', '2025-08', '2024-09'],
		['2025-10', '2025-09', '2024-10'], ['2025H2', '2025H1', '2024H2'], ['2025', '2024', '2024']]) {
		const res = await api(srv.base, admin, 'GET', `/api/v1/indicators?period=${period}`);
		assert.equal(res.status, 200, res.text);
		assert.deepEqual([res.json.period.key, res.json.previous.key, res.json.year_before.key],
			[period, previous, yearBefore]);
		assert.deepEqual(res.json.period.from, bounds(period)[0]);
		assert.deepEqual(res.json.period.to, bounds(period)[1]);
		assert.ok(res.json.divisions.length > 20, 'every township of the county');
		checkFigures(res.json, period);
	}
	// some figures by hand, so that a mistake made twice still shows
	const q3 = (await api(srv.base, admin, 'GET', '/api/v1/indicators?period=2025Q3')).json;
	const at = (key) => q3.indicators.find((i) => i.key === key);
	const town = (key, code) => at(key).divisions.find((d) => d.division === code).value;
	assert.deepEqual([at('registered').total.value, town('registered', E), town('registered', K)], [18, 10, 8]);
	assert.deepEqual([at('registered').total.previous, at('registered').total.year_before], [17, 11]);
	assert.deepEqual([at('new_found').total.value, at('new_found').total.previous], [2, 1]); // 7-01, 9-30; 6-30
	assert.deepEqual([at('lost').total.value, at('lost').total.previous], [2, 2]);
	assert.equal(at('in_control_rate').total.value, 88.9);                         // 16 of 18
	assert.deepEqual(at('in_control_rate').total.parts.value, [16, 18]);
	assert.deepEqual([at('clean3y').total.value, town('clean3y', E), town('clean3y', K)], [2, 1, 1]);
	assert.equal(at('relapses').total.value, 2);
	assert.deepEqual([at('measure_community').total.value, at('community_executing').total.value], [4, 3]);
	assert.equal(at('community_execution_rate').total.value, 75);
	assert.deepEqual([at('community_report_due').total.value, at('community_reported').total.value], [3, 2]);
	assert.equal(at('community_report_rate').total.value, 66.7);
	assert.deepEqual([at('rehab_report_due').total.value, at('rehab_reported').total.value], [1, 0]);
	assert.equal(at('rehab_report_rate').total.value, 0);
	assert.deepEqual([at('measure_compulsory').total.value, at('measure_compulsory').total.year_before], [0, 1]);
	assert.deepEqual([at('tests_due').total.value, at('tests_done').total.value], [7, 2]);
	assert.equal(at('tests_rate').total.value, 28.6);
	assert.deepEqual([at('cr_executing').total.value, at('employed').total.value], [4, 1]);
	assert.deepEqual([at('employment_new').total.value, at('help_new').total.value], [2, 2]);
	assert.deepEqual([at('methadone').total.value, at('methadone').total.previous], [1, 1]);
	assert.deepEqual([at('alerts').total.value, at('alerts_signed').total.value, at('alerts_answered').total.value],
		[2, 1, 1]);
	assert.equal(at('alerts_signed_rate').total.value, 50);
	assert.equal(at('alerts_signed_rate').total.year_before, null, 'no alert: no rate');
	assert.equal(at('registered').total.change, 5.9);                             // 17 -> 18
	assert.equal(at('registered').total.change_year_before, 63.6);               // 11 -> 18
	assert.equal(at('measure_compulsory').total.change_year_before, -100);
	assert.equal(at('tests_due').total.change, null, 'from nothing: no percentage');
});

test('every count opens exactly the records it counts: as many rows, the same persons', async () => {
	const areas = [[null, ''], [E, `&division=${E}`], [K, `&division=${K}`]];
	for (const key of Object.keys(COUNTS)) {
		for (const period of ['2025Q3', '2025Q2', '2024Q3']) {
			for (const [town, q] of areas) {
				const want = expected(key, period, town).map((r) => r.name).sort();
				const res = await api(srv.base, admin, 'GET',
					`/api/v1/indicators/${key}/records?period=${period}${q}&limit=500`);
				assert.equal(res.status, 200, `${key} ${period} ${town}: ${res.text}`);
				assert.equal(res.json.total, want.length, `${key} ${period} ${town || 'county'}: total`);
				assert.deepEqual(res.json.items.map((i) => i.name).sort(), want,
					`${key} ${period} ${town || 'county'}: the records`);
				for (const item of res.json.items)
					assert.ok(!town || item.division.startsWith(town), `${key}: ${item.division} in ${town}`);
			}
		}
	}
	// what a list says of its records: the columns its indicator names
	const lost = await api(srv.base, admin, 'GET', '/api/v1/indicators/lost/records?period=2025Q3');
	assert.deepEqual(lost.json.columns.map((c) => [c.field, c.format]), [['date1', 'day'], ['detail', 'text']]);
	const i = lost.json.items.find((x) => x.name === P.i.name);
	assert.deepEqual([i.date1, i.detail, i.id_masked.length], ['2025-09-30', '走访未见本人', 18]);
	const tests = await api(srv.base, admin, 'GET', `/api/v1/indicators/tests_due/records?period=2025Q3&division=${E}`);
	assert.deepEqual(tests.json.items.map((x) => [x.name, x.number, x.date1, x.date2 || '']).sort(), [
		[P.n.name, '2025-06-30', '2025-07-29', '2025-07-15'],
		[P.n.name, '2025-07-30', '2025-08-28', ''],
		[P.n.name, '2025-08-29', '2025-09-27', '2025-09-27'],
		[P.p.name, '2025-07-28', '2025-08-26', ''],
		[P.p.name, '2025-08-27', '2025-09-25', ''],
	]);
	// a page at a time, the pages adding up to the figure
	const page1 = await api(srv.base, admin, 'GET', '/api/v1/indicators/registered/records?period=2025Q3&limit=10');
	const page2 = await api(srv.base, admin, 'GET', '/api/v1/indicators/registered/records?period=2025Q3&limit=10&offset=10');
	assert.deepEqual([page1.json.items.length, page2.json.items.length, page2.json.total], [10, 8, 18]);
	assert.equal(new Set([...page1.json.items, ...page2.json.items].map((x) => x.id)).size, 18);
});

// The cells of a table of the page: { key, text, href }, a row at a time.
function cells(html, id) {
	const start = html.indexOf(`id="${id}"`);
	assert.ok(start >= 0, `table #${id}`);
	const t = html.slice(start, html.indexOf('</table>', start));
	return [...t.matchAll(/<a href="(\/indicators\/[a-z0-9_]+\/records\?[^"]*)">([\d,]+)<\/a>/g)]
		.map((m) => ({ href: unescapeHtml(m[1]), n: Number(m[2].replace(/,/g, '')) }));
}

function listedRows(html) {
	const start = html.indexOf('id="records"');
	const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start));
	return [...body.matchAll(/<tr><td><a href="\/(persons|alerts)\/\d+">/g)].length;
}

test('on the page every number is a link to a list of exactly that many rows', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	const page = await c.get('/indicators?period=2025Q3&indicator=tests_due');
	assert.equal(page.status, 200);
	assert.match(page.text, /2025年第三季度（2025-07-01 至 2025-09-30）；上期为2025年第二季度，去年同期为2024年第三季度/);
	const links = [...cells(page.text, 'indicators'), ...cells(page.text, 'towns')];
	// counts in three periods, and each rate's two counts: one link each
	assert.ok(links.length > 100, `${links.length} links`);
	for (const { href, n } of links) {
		let rows = 0;
		for (let p = 1; ; p++) {
			const list = await c.get(`${href}&page=${p}`);
			assert.equal(list.status, 200, href);
			const got = listedRows(list.text);
			rows += got;
			if (got < 50)
				break;
		}
		assert.equal(rows, n, `${href}: ${rows} rows for the number ${n}`);
	}
	// the township table: 恩江镇 and 坑田镇 for the indicator asked
	const towns = page.text.slice(page.text.indexOf('id="towns"'));
	assert.match(towns, new RegExp(`data-division="${E}"><th>恩江镇</th><td class="n" data-key="tests_due"><a href="/indicators/tests_due/records\\?period=2025Q3&amp;division=${E}">5</a>`));
	assert.match(towns, new RegExp(`data-division="${K}"><th>坑田镇</th><td class="n" data-key="tests_due"><a href="/indicators/tests_due/records\\?period=2025Q3&amp;division=${K}">2</a>`));
	// a rate shows with its two counts, and a change of counts in percent
	assert.match(page.text, /<tr id="i-in_control_rate">[\s\S]*?<span class="rate">88\.9%<\/span><br><small class="parts"><a href="\/indicators\/in_control\/records\?period=2025Q3">16<\/a> \/ <a href="\/indicators\/registered\/records\?period=2025Q3">18<\/a>/);
	assert.match(page.text, /<tr id="i-registered">(?:(?!<\/tr>)[\s\S])*<td class="n change">\+5\.9%<\/td>/);
	// a township of one's area narrows the page
	const ej = await c.get(`/indicators?period=2025Q3&division=${E}`);
	assert.equal(ej.status, 200);
	assert.match(ej.text, /<h2>恩江镇指标一览<\/h2>/);
	assert.match(ej.text, new RegExp(`<a href="/indicators/registered/records\\?period=2025Q3&amp;division=${E}">10</a>`));
	const list = await c.get(`/indicators/lost/records?period=2025Q3&division=${E}`);
	assert.match(list.text, /恩江镇，2025年第三季度：脱管失控人员共 1 人。/);
	assert.ok(list.text.includes(P.k.name) && !list.text.includes(P.i.name));
});

test('a township officer counts their township only, and cannot open another', async () => {
	const officer = createToken(env.db, 'ej');
	const res = await api(srv.base, officer, 'GET', '/api/v1/indicators?period=2025Q3');
	assert.equal(res.status, 200);
	assert.deepEqual(res.json.divisions, [{ division: E, name: '恩江镇' }]);
	assert.equal(res.json.area, E);
	for (const ind of res.json.indicators) {
		const want = figure(ind.key, '2025Q3', E);
		assert.equal(ind.total.value, want, `${ind.key} of 恩江镇`);
		assert.equal(ind.divisions[0].value, want);
	}
	const list = await api(srv.base, officer, 'GET', '/api/v1/indicators/registered/records?period=2025Q3&limit=500');
	assert.equal(list.json.total, 10);
	assert.ok(list.json.items.every((x) => x.division.startsWith(E)));
	for (const path of [`/api/v1/indicators?division=${K}`, `/api/v1/indicators/lost/records?division=${K}`,
		`/api/v1/indicators/lost/records?division=360825`])
		assert.equal((await api(srv.base, officer, 'GET', path)).status, 400, path);
});

test('opening a list is audited like a search of persons; bad periods and rates are refused', async () => {
	const auditor = createToken(env.db, 'aud');
	const opened = await api(srv.base, admin, 'GET', `/api/v1/indicators/lost/records?period=2025Q3&division=${K}`);
	assert.equal(opened.json.total, 1);
	const log = await api(srv.base, auditor, 'GET', '/api/v1/audit?action=search&entity=person&limit=5');
	assert.equal(log.status, 200);
	const summaries = log.json.items.map((e) => e.summary);
	assert.ok(summaries.some((s) => s.includes(`indicator=lost period=2025Q3 division=${K}`) && /结果 1 条/.test(s)),
		summaries.slice(0, 5).join('\n'));
	for (const period of ['2025Q5', '2025-13', '25Q3', '2025X'])
		assert.equal((await api(srv.base, admin, 'GET', `/api/v1/indicators?period=${period}`)).status, 400, period);
	assert.equal((await api(srv.base, admin, 'GET', '/api/v1/indicators/tests_rate/records')).status, 404);
	assert.equal((await api(srv.base, admin, 'GET', '/api/v1/indicators/nothing/records')).status, 404);
	// the default period: this quarter in China time
	const now = new Date(Date.now() + 8 * 3600e3);
	const res = await api(srv.base, admin, 'GET', '/api/v1/indicators');
	assert.equal(res.json.period.key, `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`);
});

test('jindu indicators prints the same figures, and every one agrees with its list', () => {
	const r = run(['indicators', '--db', env.db, '--period', '2025Q3', '--towns', '--check']);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stderr, /36 indicators x 24 townships x 3 periods/);
	const rows = Object.fromEntries(r.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'))
		.map((f) => [f[0], f]));
	assert.deepEqual(rows.registered.slice(3, 8), ['18', '17', '+5.9%', '11', '+63.6%']);
	assert.deepEqual(rows.tests_rate.slice(3, 6), ['28.6%', '—', '—']);
	assert.deepEqual(rows.in_control_rate.slice(3, 6), ['88.9%', '88.2%', '+0.7']);
});
