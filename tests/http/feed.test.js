'use strict';
// feed.test.js - `jindu feed`: partner sources, the lawful watchlist, ingesting
// events (every line counted as matched, unmatched, duplicate or rejected;
// rejects with line and reason; a batch delivered again recognised; events of
// people not watched never stored), and a batch killed half-way finished
// exactly once when run again.

const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { BIN, TOWNS, run, initDb, addUser, createToken, startServer, api, idNumber, idWithBadCheck,
	createPerson, Client } = require('./lib');

let env, srv, token, hotelToken, netbarToken;
const P = {}; // persons: watched (measure, lost) and not (plain, closed)

function feed(...args) {
	return run(['feed', ...args, '--db', env.db]);
}

// The counts of the last line of `feed ingest`.
function counts(stdout) {
	const m = /^read (\d+) matched (\d+) unmatched (\d+) duplicates (\d+) rejected (\d+) alerts (\d+)$/m
		.exec(stdout);
	assert.ok(m, stdout);
	const [read, matched, unmatched, duplicates, rejected, alerts] = m.slice(1).map(Number);
	return { read, matched, unmatched, duplicates, rejected, alerts };
}

function sql(query) {
	return execFileSync('sqlite3', [env.db, query], { encoding: 'utf8' }).trim();
}

function csv(rows) {
	return ['event_id,id_number,name,time,place,division,details', ...rows].join('\n') + '\n';
}

before(async () => {
	env = initDb();
	srv = await startServer(env.db);
	token = createToken(env.db, 'admin');
	const person = async (n, name) => {
		const id = idNumber(90000 + n);
		const p = await createPerson(srv.base, token, { id_number: id, name, division: TOWNS.enjiang.code });
		return { ...p, id_number: id };
	};
	P.measure = await person(1, '监控甲');
	P.lost = await person(2, '失控乙');
	P.plain = await person(3, '普通丙');
	P.closed = await person(4, '撤档丁');
	// decided and reported ten days ago: under control, not lost
	const day = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
	for (const p of [P.measure, P.closed]) {
		let res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/measures`,
			{ kind: 'community', decision_date: day, division: TOWNS.enjiang.code });
		assert.equal(res.status, 201, res.text);
		const m = (await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}/control`)).json.measures[0];
		res = await api(srv.base, token, 'POST', `/api/v1/measures/${m.id}`,
			{ action: 'report', date: day, version: m.version });
		assert.equal(res.status, 201, res.text);
	}
	let res = await api(srv.base, token, 'POST', `/api/v1/persons/${P.lost.id}/lost`,
		{ date: '2026-03-01', reason: '电话停机' });
	assert.equal(res.status, 201, res.text);
	res = await api(srv.base, token, 'POST', `/api/v1/persons/${P.closed.id}/close`,
		{ reason: 'dead', date: '2026-04-01' });
	assert.equal(res.status, 201, res.text);
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('a source gets its own token; names, kinds and arguments are checked', () => {
	let r = feed('source', 'add', 'hotel-yf', '--kind', 'hotel', '--label', '永丰县旅馆业');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^jds_[A-Za-z0-9_-]{40,}\n$/);
	hotelToken = r.stdout.trim();
	r = feed('source', 'add', 'hotel-yf', '--kind', 'hotel');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /来源“hotel-yf”已存在/);
	r = feed('source', 'add', 'Hotel YF', '--kind', 'hotel');
	assert.equal(r.status, 1);
	r = feed('source', 'add', 'bank', '--kind', 'casino');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /来源类别/);
	assert.equal(feed('source', 'add', 'nokind').status, 2);
	assert.equal(feed('ingest', 'x.csv').status, 2, '--source is required');
	r = feed('source', 'add', 'netbar', '--kind', 'netcafe');
	assert.equal(r.status, 0);
	netbarToken = r.stdout.trim();
	r = feed('source', 'list');
	assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' ')),
		['hotel-yf hotel', 'netbar netcafe']);
});

test('the watchlist: a running measure or an open 脱管失控 flag, nobody else', () => {
	let r = feed('watchlist');
	assert.equal(r.status, 0, r.stderr);
	assert.ok(!r.stdout.includes(P.measure.id_number), 'masked unless revealed');
	r = feed('watchlist', '--reveal');
	const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
	assert.deepEqual(lines.map((l) => [l[0], Number(l[1]), l[2]]).sort(), [
		[P.measure.id_number, P.measure.id, '社区戒毒执行中'],
		[P.lost.id_number, P.lost.id, '脱管失控'],
	].sort());
	assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'reveal' AND entity = 'watchlist'"), '1');
});

test('every line is matched, unmatched, a duplicate or rejected; only hits are kept', () => {
	const file = path.join(env.dir, 'hotel-1.csv');
	fs.writeFileSync(file, csv([
		`h1,${P.measure.id_number},监控甲,2026-11-20 22:10:00,恩江镇某宾馆302,360825100,入住`,
		`h2,${P.lost.id_number},失控乙,2026-11-21T01:30:00+08:00,坑田镇某旅社,360825101,"入住, 两晚"`,
		`h3,${P.plain.id_number},普通丙,2026-11-21 09:00:00,某地,360825100,UNWATCHED-MARKER`,
		`h4,${P.closed.id_number},撤档丁,2026-11-21 09:00:00,某地,360825100,dead`,
		`h1,${P.measure.id_number},监控甲,2026-11-20 22:10:00,恩江镇某宾馆302,360825100,again`,
		`h5,${idWithBadCheck(P.measure.id_number.slice(0, 17))},x,2026-11-21 09:00:00,某地,360825100,bad`,
		`h6,${P.measure.id_number},x,2026-11-31 09:00:00,某地,360825100,bad day`,
		`,${P.measure.id_number},x,2026-11-21 09:00:00,某地,360825100,no id`,
		`h8,"${P.measure.id_number},x,2026-11-21 09:00:00,某地,360825100,open quote`,
		`h9,${P.measure.id_number},x,2026-11-21 09:00:00,某地,3608,short division`,
		`h11,${P.measure.id_number},x,2036-11-21 09:00:00,某地,360825100,ten years ahead`,
	]));
	const rejects = path.join(env.dir, 'rejects.txt');
	const r = feed('ingest', file, '--source', 'hotel-yf', '--rejects', rejects);
	assert.equal(r.status, 0, r.stderr);
	const c = counts(r.stdout);
	assert.deepEqual(c, { read: 11, matched: 2, unmatched: 2, duplicates: 1, rejected: 6, alerts: 2 });
	assert.equal(c.read, c.matched + c.unmatched + c.duplicates + c.rejected);
	assert.deepEqual(fs.readFileSync(rejects, 'utf8').trim().split('\n').map((l) => l.split('\t')), [
		['7', '身份证号无效（长度、出生日期或校验位不对）'],
		['8', '时间无法识别，应为 2026-11-23 10:15:00 或 2026-11-23T10:15:00+08:00'],
		['9', '缺少事件编号（event_id）'],
		['10', '引号不配对'],
		['11', '区划代码应为 6、9 或 12 位数字'],
		['12', '时间晚于当前时间'],
	]);
	assert.match(r.stdout, /^第 7 行：身份证号无效/m);
	// kept: the two hits, each with its alert; high priority for the lost one
	assert.equal(sql('SELECT count(*) FROM feed_event'), '2');
	assert.equal(sql(`SELECT priority || ' ' || status || ' ' || reason FROM alert WHERE person_id = ${P.lost.id}`),
		'1 new 脱管失控');
	assert.equal(sql(`SELECT priority FROM alert WHERE person_id = ${P.measure.id}`), '2');
	assert.equal(sql(`SELECT details FROM feed_event WHERE person_id = ${P.lost.id}`), '入住, 两晚');
	// seen in 坑田镇, at home in 恩江镇: 坑田镇 is asked to check (协查), the alert named
	assert.match(sql('SELECT from_division || \'|\' || to_division || \'|\' || alert_id || \'|\' || reason FROM assist_request'),
		new RegExp(`^360825100\\|360825101\\|${sql(`SELECT id FROM alert WHERE person_id = ${P.lost.id}`)}\\|` +
			'动态管控预警：永丰县旅馆业 于 2026-11-2\\d \\d\\d:\\d\\d:00 出现在坑田镇某旅社（坑田镇），请协助核查$'));
	assert.equal(sql(`SELECT time FROM feed_event WHERE event_id = 'h2'`), String(Date.UTC(2026, 10, 20, 17, 30) / 1000));
	// nothing of the people not watched is anywhere in the database
	sql('PRAGMA wal_checkpoint(TRUNCATE)');
	assert.ok(!fs.readFileSync(env.db).includes('UNWATCHED-MARKER'), 'an unmatched event is not stored');
	assert.equal(sql("SELECT summary FROM audit WHERE action = 'ingest'"),
		'hotel-yf：读取 11 条，命中 2，未命中 2，重复 1，拒收 6，预警 2');
});

test('the same batch again is recognised whole; the same events in another batch are duplicates', () => {
	const file = path.join(env.dir, 'hotel-1.csv');
	let r = feed('ingest', file, '--source', 'hotel-yf');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /这批数据已于此前导入/);
	assert.deepEqual(counts(r.stdout), { read: 11, matched: 2, unmatched: 2, duplicates: 1, rejected: 6, alerts: 2 });
	assert.equal(sql('SELECT count(*) FROM alert'), '2', 'no second alert');
	assert.equal(sql('SELECT count(*) FROM feed_batch'), '1');

	const jsonl = path.join(env.dir, 'hotel-2.jsonl');
	fs.writeFileSync(jsonl, [
		{ event_id: 'h1', id_number: P.measure.id_number, time: '2026-11-20 22:10:00', place: '恩江镇某宾馆302' },
		{ event_id: 'h10', id_number: P.measure.id_number, time: '2026-11-22 20:00:00', place: '恩江镇某宾馆',
			division: '360825100', details: { room: '205' } },
	].map((o) => JSON.stringify(o)).join('\n') + '\n');
	r = feed('ingest', jsonl, '--source', 'hotel-yf');
	assert.equal(r.status, 0, r.stderr);
	assert.deepEqual(counts(r.stdout), { read: 2, matched: 1, unmatched: 0, duplicates: 1, rejected: 0, alerts: 1 });
	assert.equal(sql("SELECT details FROM feed_event WHERE event_id = 'h10'"), '{"room":"205"}');
	// the same event id from another source is another event
	r = feed('ingest', jsonl, '--source', 'netbar');
	assert.deepEqual(counts(r.stdout), { read: 2, matched: 2, unmatched: 0, duplicates: 0, rejected: 0, alerts: 2 });
	assert.equal(sql('SELECT count(*) FROM alert'), '5');
});

test('a file that is not events, or cannot be read, fails without writing', () => {
	const before = sql('SELECT count(*) FROM feed_batch');
	const bad = path.join(env.dir, 'nohead.csv');
	fs.writeFileSync(bad, 'a,b,c\n1,2,3\n');
	let r = feed('ingest', bad, '--source', 'hotel-yf');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /表头缺少必需的列/);
	r = feed('ingest', path.join(env.dir, 'events.txt'), '--source', 'hotel-yf');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /应为 .csv 或 .jsonl/);
	r = feed('ingest', path.join(env.dir, 'missing.csv'), '--source', 'hotel-yf');
	assert.equal(r.status, 1);
	r = feed('ingest', bad, '--source', 'nosuch');
	assert.equal(r.status, 1);
	assert.match(r.stderr, /no source 'nosuch'/);
	assert.equal(sql('SELECT count(*) FROM feed_batch'), before);
});

test('a file read in several parts side by side: counts, rejects and duplicates as from one reader', () => {
	// 250,000 events of about 90 bytes: three parts of 8 MiB and a bit
	const file = path.join(env.dir, 'parts.csv');
	const n = 250000;
	const bad = new Map([[1000, 'missing id'], [90000, 'bad time'], [170000, 'open quote'], [n - 1, 'bad check']]);
	const lines = [];
	for (let i = 0; i < n; i++) {
		const id = i % 1000 === 7 ? P.measure.id_number : idNumber(400000 + i);
		let line = `p${i},${id},某,2026-11-${String(1 + (i % 20)).padStart(2, '0')} 08:00:00,某地,360825100,${'x'.repeat(20)}`;
		if (i === 180007) // an event id the file already had, in a later part
			line = `p7,${P.measure.id_number},某,2026-11-02 08:00:00,某地,360825100,again`;
		if (bad.get(i) === 'missing id')
			line = `p${i},,某,2026-11-02 08:00:00,某地,360825100,x`;
		if (bad.get(i) === 'bad time')
			line = `p${i},${P.measure.id_number},某,2026-13-02 08:00:00,某地,360825100,x`;
		if (bad.get(i) === 'open quote')
			line = `p${i},"${P.measure.id_number},某,2026-11-02 08:00:00,某地,360825100,x`;
		if (bad.get(i) === 'bad check')
			line = `p${i},${idWithBadCheck(P.measure.id_number.slice(0, 17))},某,2026-11-02 08:00:00,某地,360825100,x`;
		lines.push(line);
	}
	fs.writeFileSync(file, csv(lines));
	assert.ok(fs.statSync(file).size > 2 * 8 * 1048576, 'more than two parts');
	const alertsBefore = Number(sql('SELECT count(*) FROM alert'));
	const rejects = path.join(env.dir, 'parts-rejects.txt');
	const r = feed('ingest', file, '--source', 'hotel-yf', '--rejects', rejects);
	assert.equal(r.status, 0, r.stderr);
	// hits: the 250 lines i % 1000 == 7, but line 180007 is p7 again: a duplicate
	assert.deepEqual(counts(r.stdout), { read: n, matched: 249, unmatched: n - 249 - 1 - 4, duplicates: 1, rejected: 4, alerts: 249 });
	// line numbers of the whole file: the header is line 1
	assert.deepEqual(fs.readFileSync(rejects, 'utf8').trim().split('\n').map((l) => Number(l.split('\t')[0])),
		[...bad.keys()].map((i) => i + 2));
	assert.equal(Number(sql('SELECT count(*) FROM alert')) - alertsBefore, 249);
	assert.equal(sql("SELECT details FROM feed_event WHERE event_id = 'p7' AND source_id = (SELECT id FROM feed_source WHERE name = 'hotel-yf')"),
		'x'.repeat(20), 'the first delivery is the one kept');
});

test('killed at random moments, the batch run again is counted exactly once', async (t) => {
	// 300,000 events, one in a hundred of the two watched persons
	const file = path.join(env.dir, 'big.csv');
	const lines = [];
	const watched = [P.measure.id_number, P.lost.id_number];
	for (let i = 0; i < 300000; i++) {
		const id = i % 100 === 0 ? watched[(i / 100) % 2] : idNumber(200000 + i);
		lines.push(`b${i},${id},某,2026-11-${String(1 + (i % 20)).padStart(2, '0')} 08:00:00,某地,360825100,x`);
	}
	fs.writeFileSync(file, csv(lines));
	const ingest = (db) => {
		const p = spawn(BIN, ['feed', 'ingest', file, '--db', db, '--source', 'netbar'], { stdio: 'ignore' });
		return { p, exited: new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal }))) };
	};
	// how long a whole run takes here: the quickest of three, each on its
	// own copy of the database (a second run on one copy would find the
	// batch done)
	let ms = Infinity;
	for (let i = 0; i < 3; i++) {
		const copy = path.join(env.dir, `timing-${i}.db`);
		sql(`.backup '${copy}'`);
		fs.copyFileSync(`${env.db}.key`, `${copy}.key`);
		const t0 = Date.now();
		const whole = ingest(copy);
		assert.deepEqual(await whole.exited, { code: 0, signal: null });
		ms = Math.min(ms, Date.now() - t0);
	}

	const alertsBefore = Number(sql('SELECT count(*) FROM alert'));
	const batches = () => Number(sql("SELECT count(*) FROM feed_batch WHERE name LIKE '%big.csv'"));
	let killed = 0;
	const rounds = 12;
	for (let round = 0; round < rounds; round++) {
		const run = ingest(env.db);
		// anywhere in the run: reading, matching, writing, committing
		await new Promise((resolve) => setTimeout(resolve, Math.random() * ms * 0.7));
		run.p.kill('SIGKILL');
		const end = await run.exited;
		killed += end.signal === 'SIGKILL' ? 1 : 0;
		// after every kill: the batch is there whole, or not at all
		assert.equal(sql('PRAGMA integrity_check'), 'ok');
		const added = Number(sql('SELECT count(*) FROM alert')) - alertsBefore;
		assert.ok((batches() === 0 && added === 0) || (batches() === 1 && added === 3000),
			`round ${round}: ${batches()} batches, ${added} alerts`);
		if (batches())
			break; // a run finished before its kill: the rest would only find it done
	}
	t.diagnostic(`${killed} of ${rounds} runs killed part-way; a whole run takes ${ms} ms`);
	assert.ok(killed >= 3, `at least three runs were killed part-way (${killed} of ${rounds}, a run takes ${ms} ms)`);
	const r = feed('ingest', file, '--source', 'netbar');
	assert.equal(r.status, 0, r.stderr);
	const c = counts(r.stdout);
	if (!/已于此前导入/.test(r.stdout))
		assert.deepEqual(c, { read: 300000, matched: 3000, unmatched: 297000, duplicates: 0, rejected: 0, alerts: 3000 });
	assert.equal(c.read, 300000);
	assert.equal(Number(sql('SELECT count(*) FROM alert')) - alertsBefore, 3000, 'every hit alerted once');
	assert.equal(batches(), 1);
	const again = feed('ingest', file, '--source', 'netbar');
	assert.match(again.stdout, /已于此前导入/);
	assert.equal(Number(sql('SELECT count(*) FROM alert')) - alertsBefore, 3000);
});

// POSTs a batch as a partner does.
async function post(source, tok, body, type = 'text/csv') {
	const res = await fetch(`${srv.base}/api/v1/feeds/${source}/events`, { method: 'POST', body,
		headers: { authorization: `Bearer ${tok}`, 'content-type': type } });
	return { status: res.status, json: await res.json() };
}

test('POST /api/v1/feeds/{source}/events: the source\'s own token, counts, a batch again recognised', async () => {
	const body = csv([
		`w1,${P.measure.id_number},监控甲,2026-11-22 21:00:00,恩江镇某网吧,360825100,上网`,
		`w2,${P.plain.id_number},普通丙,2026-11-22 21:00:00,恩江镇某网吧,360825100,x`,
		`w3,${P.measure.id_number},监控甲,2026-11-22 99:00:00,恩江镇某网吧,360825100,bad`,
	]);
	let res = await post('netbar', hotelToken, body);
	assert.equal(res.status, 401, 'another source\'s token');
	res = await post('netbar', token, body);
	assert.equal(res.status, 401, 'a user\'s token');
	res = await post('netbar', netbarToken, body, 'text/plain');
	assert.equal(res.status, 415);
	res = await post('netbar', netbarToken, 'a,b\n1,2\n');
	assert.equal(res.status, 422);
	assert.equal(res.json.error.code, 'bad_batch');

	res = await post('netbar', netbarToken, body);
	assert.equal(res.status, 201, JSON.stringify(res.json));
	assert.deepEqual([res.json.read, res.json.matched, res.json.unmatched, res.json.duplicates,
		res.json.rejected, res.json.alerts, res.json.already], [3, 1, 1, 0, 1, 1, false]);
	assert.deepEqual(res.json.rejects.map((x) => x.line), [4]);
	res = await post('netbar', netbarToken, body);
	assert.equal(res.status, 200);
	assert.equal(res.json.already, true);
	assert.equal(sql("SELECT count(*) FROM feed_event WHERE event_id = 'w1'"), '1');
	const jsonl = JSON.stringify({ event_id: 'w4', id_number: P.lost.id_number, time: '2026-11-22 22:00' }) + '\n';
	res = await post('netbar', netbarToken, jsonl, 'application/x-ndjson');
	assert.equal(res.status, 201);
	assert.equal(res.json.alerts, 1);
	assert.equal(sql(`SELECT login FROM audit WHERE action = 'ingest' ORDER BY id DESC LIMIT 1`), 'feed:netbar');
});

test('the server keeps its watchlist between batches and follows every change to it', async () => {
	const id = idNumber(90009);
	const p = await createPerson(srv.base, token, { id_number: id, name: '新管丁', division: TOWNS.enjiang.code });
	let seq = 0;
	const seen = async () => {
		seq++;
		const res = await post('netbar', netbarToken,
			csv([`v${seq},${id},新管丁,2026-11-22 21:00:00,恩江镇某网吧,360825100,上网`]));
		assert.equal(res.status, 201, JSON.stringify(res.json));
		return res.json.matched;
	};
	assert.equal(await seen(), 0, 'not watched: no measure, no flag');
	assert.equal(await seen(), 0, 'the same list again');
	const day = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
	let res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/measures`,
		{ kind: 'community', decision_date: day, division: TOWNS.enjiang.code });
	assert.equal(res.status, 201, res.text);
	assert.equal(await seen(), 1, 'a measure decided: watched from the next batch on');
	res = await api(srv.base, token, 'POST', `/api/v1/persons/${p.id}/close`, { reason: 'dead', date: day });
	assert.equal(res.status, 201, res.text);
	assert.equal(await seen(), 0, 'the file closed: no longer watched');
});

test('concurrent senders lose nothing: every batch answered with its counts', async () => {
	// eight senders, each sending twelve batches of 2,000 events one after
	// another; every batch shares a tenth of its events with the sender
	// beside it (the same event ids: one of the two is a duplicate, which
	// one depends on who is first), and each sender sends one batch twice
	const before = Number(sql('SELECT count(*) FROM alert'));
	const senders = 8, rounds = 12, size = 2000;
	const batch = (s, r) => {
		const lines = [];
		for (let i = 0; i < size; i++) {
			// the last tenth: the first tenth of the next sender's same round
			const last = i >= size * 0.9;
			const owner = last ? (s + 1) % senders : s, j = last ? i - size * 0.9 : i;
			const n = (owner * rounds + r) * size + j;
			const id = n % 50 === 0 ? P.measure.id_number : idNumber(600000 + n);
			lines.push(`k${owner}-${r}-${j},${id},某,2026-11-22 08:00:00,某地,360825100,x`);
		}
		return csv(lines);
	};
	const answers = [];
	await Promise.all([...Array(senders).keys()].map(async (s) => {
		for (let r = 0; r < rounds; r++) {
			answers.push(await post('hotel-yf', hotelToken, batch(s, r)));
			if (r === 5)
				answers.push(await post('hotel-yf', hotelToken, batch(s, r))); // delivered twice
		}
	}));
	assert.equal(answers.length, senders * (rounds + 1));
	let matched = 0, duplicates = 0, again = 0;
	for (const a of answers) {
		assert.ok(a.status === 201 || a.status === 200, JSON.stringify(a.json));
		const j = a.json;
		assert.equal(j.read, size);
		assert.equal(j.read, j.matched + j.unmatched + j.duplicates + j.rejected);
		if (j.already) {
			again++;
		} else {
			matched += j.matched;
			duplicates += j.duplicates;
		}
	}
	assert.equal(again, senders, 'each batch sent twice is recognised');
	// every distinct event of a watched person alerted exactly once
	// (an event of someone not watched is forgotten, so only hits can be
	// known again: those of the shared tenths are duplicates once)
	let hits = 0, shared = 0;
	for (let s = 0; s < senders; s++)
		for (let r = 0; r < rounds; r++)
			for (let j = 0; j < size * 0.9; j++) {
				const hit = ((s * rounds + r) * size + j) % 50 === 0 ? 1 : 0;
				hits += hit;
				shared += j < size * 0.1 ? hit : 0;
			}
	assert.equal(matched, hits);
	assert.equal(duplicates, shared);
	assert.equal(Number(sql('SELECT count(*) FROM alert')) - before, hits);
});

test('the person page says whether and why the person is watched, and where they were seen', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	let page = (await c.get(`/persons/${P.lost.id}`)).text;
	const panel = page.slice(page.indexOf('id="watch"'));
	assert.match(panel, /在监控名单中<\/span> 依据：脱管失控。/);
	assert.match(panel, /<table class="grid compact" id="trajectory">[\s\S]*坑田镇某旅社[\s\S]*入住, 两晚/);
	page = (await c.get(`/persons/${P.plain.id}`)).text;
	assert.match(page, /不在监控名单中<\/span> 没有正在执行的戒毒措施/);
	assert.doesNotMatch(page, /id="trajectory"/);

	// a sighting of the lost person feeds the search for them: shown on the
	// open 脱管失控 flag, and the 协查 form (for the township's own officer)
	// asks the township where it was
	const utc = new Date(Date.now() - 60000).toISOString().slice(0, 19);
	const shown = utc.slice(0, 16).replace('T', ' '); // the server's local time is UTC here
	const file = path.join(env.dir, 'sighting.csv');
	fs.writeFileSync(file, csv([`s1,${P.lost.id_number},失控乙,${utc}Z,坑田镇车站旅社,360825101,入住`]));
	assert.equal(feed('ingest', file, '--source', 'hotel-yf').status, 0);
	addUser(env.db, 'officer.sighting', 'officer', TOWNS.enjiang.code);
	const officer = new Client(srv.base);
	await officer.signIn('officer.sighting');
	page = (await officer.get(`/persons/${P.lost.id}`)).text;
	const flags = page.slice(page.indexOf('id="flags"'));
	assert.match(flags, new RegExp(`id="sighting">预警线索：${shown} 出现在坑田镇车站旅社（永丰县旅馆业）。`));
	assert.match(flags, /<option value="360825101" selected/);
	assert.match(flags, new RegExp(`本人于 ${shown} 出现在坑田镇车站旅社（永丰县旅馆业），请协助查找</textarea>`));
	// not for a person who is not lost
	page = (await c.get(`/persons/${P.measure.id}`)).text;
	assert.doesNotMatch(page, /id="sighting"/);
});

test('an alert is signed, answered and closed in order, by its area only; overdue ones escalate', async () => {
	addUser(env.db, 'ej', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'kt', 'officer', TOWNS.kengtian.code);
	addUser(env.db, 'aud', 'auditor', '360825');
	const ej = createToken(env.db, 'ej'), kt = createToken(env.db, 'kt');
	const auditor = createToken(env.db, 'aud');
	let list = await api(srv.base, ej, 'GET', '/api/v1/alerts?status=new&limit=500');
	assert.equal(list.status, 200);
	const lost = list.json.items.find((x) => x.person_id === P.lost.id && x.priority === 1);
	assert.ok(lost, 'the lost person\'s alert, high priority');
	assert.equal(list.json.counts.new, list.json.total);
	const step = (tok, body) => api(srv.base, tok, 'POST', `/api/v1/alerts/${lost.id}`, body);

	assert.equal((await step(kt, { action: 'sign' })).status, 404, 'another township: not found');
	let res = await step(ej, { action: 'handle', feedback: 'verified' });
	assert.equal(res.status, 422, 'not signed yet');
	assert.match(res.json.error.message, /当前为“待签收”/);
	assert.equal((await step(ej, { action: 'sign' })).status, 201);
	assert.equal((await step(ej, { action: 'sign' })).status, 422, 'signed once');
	res = await step(ej, { action: 'handle', feedback: 'tested' });
	assert.equal(res.status, 422, 'a test needs its result');
	assert.equal((await step(ej, { action: 'handle', feedback: 'tested', note: '尿检阴性' })).status, 201);
	assert.equal((await step(ej, { action: 'close' })).status, 201);
	const c = new Client(srv.base);
	await c.signIn('admin');
	const page = await c.get(`/alerts/${lost.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /已办结/);
	assert.match(page.text, /已检测<\/dd>[\s\S]*尿检阴性/);
	const log = await api(srv.base, auditor, 'GET', `/api/v1/audit?entity=alert&entity_id=${lost.id}`);
	assert.deepEqual(log.json.items.map((e) => `${e.action} ${e.login}`).reverse(),
		['denied kt', 'update ej', 'update ej', 'update ej']);

	// past its deadline: overdue, and escalated once by the server's sweep
	const other = list.json.items.find((x) => x.id !== lost.id);
	sql(`UPDATE alert SET sign_due = 1000, feedback_due = 2000 WHERE id = ${other.id}`);
	list = await api(srv.base, ej, 'GET', '/api/v1/alerts?overdue=1');
	assert.deepEqual(list.json.items.map((x) => x.id), [other.id]);
	assert.equal(list.json.counts.overdue, 1);
	assert.match((await c.get('/alerts?overdue=1')).text, /<tr class="late">/);
	assert.match((await c.get('/')).text,
		/<div class="reminder" id="alert-reminder">动态管控预警：\d+ 条待签收，1 条已逾期未签收或未反馈。/);
	await srv.stop();
	srv = await startServer(env.db);
	for (let i = 0; i < 300 && sql(`SELECT escalated_at FROM alert WHERE id = ${other.id}`) === '0'; i++)
		await new Promise((resolve) => setTimeout(resolve, 100));
	assert.notEqual(sql(`SELECT escalated_at FROM alert WHERE id = ${other.id}`), '0');
	assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'escalate'"), '1');
	const admin = new Client(srv.base);
	await admin.signIn('admin');
	assert.match((await admin.get(`/alerts/${other.id}`)).text,
		/<dt>逾期上报时间<\/dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<\/dd>/);
});
