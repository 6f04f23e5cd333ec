'use strict';
// audit.test.js - what is written to the audit log, the hash chain that
// `jindu audit verify` checks (and what tampering it catches), and a backup
// taken while the server is busy writing.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber, maskId,
	createPerson, run, runAsync, formFields, setField } = require('./lib');

let env, srv, adminToken, auditorToken, admin, person;

function sqlite(db, sql) {
	const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
	if (r.error)
		throw r.error;
	return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

// Copies a stopped server's database (and its WAL, if one is left) to name.
function copyDb(name) {
	const to = path.join(env.dir, name);
	fs.copyFileSync(env.db, to);
	for (const ext of ['-wal', '-shm'])
		if (fs.existsSync(env.db + ext))
			fs.copyFileSync(env.db + ext, to + ext);
	return to;
}

async function audit(query) {
	const res = await api(srv.base, auditorToken, 'GET', `/api/v1/audit?${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json;
}

before(async () => {
	env = initDb();
	addUser(env.db, 'aud', 'auditor', '360825', { name: '审计员甲' });
	addUser(env.db, 'kt', 'officer', TOWNS.kengtian.code);
	adminToken = createToken(env.db, 'admin');
	auditorToken = createToken(env.db, 'aud');
	srv = await startServer(env.db);
	person = await createPerson(srv.base, adminToken, {
		id_number: idNumber(77), name: '欧阳审计', division: `${TOWNS.enjiang.code}001`,
		control_status: 'in_control', addiction: 'use', drug_types: 'heroin', alias: '阿审',
	});
	admin = new Client(srv.base);
	await admin.signIn('admin');
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('creating a person is audited with the masked ID number only', async () => {
	const log = await audit(`entity=person&action=create&entity_id=${person.id}`);
	assert.equal(log.total, 1);
	const e = log.items[0];
	assert.equal(e.login, 'admin');
	assert.equal(e.summary, '欧阳审计');
	assert.equal(e.division, `${TOWNS.enjiang.code}001`);
	assert.deepEqual(e.changes.id_number, ['', maskId(person.id_number)]);
	assert.deepEqual(e.changes.name, ['', '欧阳审计']);
	assert.match(e.hash, /^[0-9a-f]{64}$/);
});

test('viewing a person file adds a "view" entry', async () => {
	const before = (await audit(`entity=person&action=view&entity_id=${person.id}`)).total;
	const page = await admin.get(`/persons/${person.id}`);
	assert.equal(page.status, 200);
	assert.match(page.text, /本次查阅已记入审计日志/);
	assert.ok(!page.text.includes(person.id_number), 'masked unless revealed');
	const log = await audit(`entity=person&action=view&entity_id=${person.id}`);
	assert.equal(log.total, before + 1);
	const e = log.items[0];
	assert.equal(e.login, 'admin');
	assert.equal(e.ip, '127.0.0.1');
	assert.equal(e.summary, '欧阳审计');
	assert.ok(Math.abs(e.ts - Date.now() / 1000) < 600, 'a current timestamp');

	// Through the API as well.
	await api(srv.base, adminToken, 'GET', `/api/v1/persons/${person.id}`);
	assert.equal((await audit(`entity=person&action=view&entity_id=${person.id}`)).total, before + 2);
});

test('an attempt outside one\'s jurisdiction is audited as denied', async () => {
	const kt = new Client(srv.base);
	await kt.signIn('kt');
	const res = await kt.get(`/persons/${person.id}`);
	assert.equal(res.status, 404);
	assert.ok(!res.text.includes('欧阳审计'), 'the 404 page tells nothing about the person');
	const log = await audit(`entity=person&entity_id=${person.id}&login=kt`);
	assert.equal(log.total, 1);
	assert.equal(log.items[0].action, 'denied');
	assert.ok(!JSON.stringify(log.items[0]).includes('欧阳审计'));
});

test('editing a person records each changed field before and after', async () => {
	const edit = await admin.get(`/persons/${person.id}/edit`);
	assert.equal(edit.status, 200);
	let fields = formFields(edit.text, 'person-form');
	const version = fields.find(([k]) => k === 'version');
	assert.deepEqual(version, ['version', '1']);
	fields = setField(fields, 'control_status', 'lost');
	fields = setField(fields, 'note', '已外出务工，联系不上');
	fields = setField(fields, 'drug_types', ['heroin', 'meth']);
	const res = await admin.post(`/persons/${person.id}`, fields);
	assert.equal(res.status, 303, res.text.slice(0, 500));
	assert.equal(res.location, `/persons/${person.id}`);

	const log = await audit(`entity=person&action=update&entity_id=${person.id}`);
	assert.equal(log.total, 1);
	const e = log.items[0];
	assert.equal(e.login, 'admin');
	// Exactly the fields that changed: the unchanged ones round-trip through the form.
	assert.deepEqual(e.changes, {
		control_status: ['in_control', 'lost'],
		drug_types: ['heroin', 'heroin,meth'],
		note: ['', '已外出务工，联系不上'],
	});

	// The same form again (stale version) changes nothing and is not audited.
	const stale = await admin.post(`/persons/${person.id}`, setField(fields, 'note', '覆盖'));
	assert.equal(stale.status, 409);
	assert.equal((await audit(`entity=person&action=update&entity_id=${person.id}`)).total, 1);

	// Saving without changes writes no entry either.
	const again = await admin.get(`/persons/${person.id}/edit`);
	const same = await admin.post(`/persons/${person.id}`, formFields(again.text, 'person-form'));
	assert.equal(same.status, 303);
	assert.equal((await audit(`entity=person&action=update&entity_id=${person.id}`)).total, 1);
});

test('showing the full ID number (?reveal=1) is audited', async () => {
	const page = await admin.get(`/persons/${person.id}?reveal=1`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes(person.id_number), 'the full number is shown');
	const log = await audit(`entity=person&action=reveal&entity_id=${person.id}`);
	assert.equal(log.total, 1);
	assert.equal(log.items[0].login, 'admin');
	assert.ok(!JSON.stringify(log.items[0]).includes(person.id_number), 'but not written to the log');
});

test('searches are audited with their filters, never a clear ID number', async () => {
	const before = (await audit('entity=person&action=search')).total;
	const byName = await admin.get(`/persons?q=${encodeURIComponent('欧阳')}&status=lost`);
	assert.equal(byName.status, 200);
	const byId = await admin.get(`/persons?q=${person.id_number}`);
	assert.equal(byId.status, 200);
	assert.match(byId.text, /欧阳审计/, 'found by ID number');
	const log = await audit('entity=person&action=search');
	assert.equal(log.total, before + 2);
	const [idSearch, nameSearch] = log.items;
	assert.match(nameSearch.summary, /q=欧阳/);
	assert.match(nameSearch.summary, /status=lost/);
	assert.equal(nameSearch.summary.match(/\d+/g).pop(), '1', `the number of results: ${nameSearch.summary}`);
	assert.match(idSearch.summary, new RegExp(`id=${maskId(person.id_number).replace(/\*/g, '\\*')}`));

	// Nothing anywhere in the log holds the clear number.
	const all = await api(srv.base, auditorToken, 'GET', '/api/v1/audit?limit=1000');
	assert.ok(all.json.total > 5);
	assert.ok(!all.text.includes(person.id_number));
});

test('the audit page lists entries for the auditor, with filters', async () => {
	const c = new Client(srv.base);
	await c.signIn('aud');
	const page = await c.get(`/audit?entity=person&entity_id=${person.id}&action=reveal`);
	assert.equal(page.status, 200);
	assert.match(page.text, /显示身份证号/);
	assert.match(page.text, /显示完整身份证号/);
	assert.doesNotMatch(page.text, /<td>查阅<\/td>/, 'filtered to reveal entries');
	// The auditor reads the log, not the files.
	assert.equal((await c.get(`/persons/${person.id}`)).status, 403);
});

test('jindu backup while the server is writing gives a consistent copy', { timeout: 120000 }, async () => {
	let stop = false, made = 0, n = 100;
	const failures = [];
	const writer = async () => {
		while (!stop) {
			try {
				await createPerson(srv.base, adminToken, { id_number: idNumber(++n), name: `负载${n}` });
				made++;
			} catch (e) {
				failures.push(e.message);
				return;
			}
		}
	};
	const writers = [writer(), writer(), writer()];
	while (made < 10 && !failures.length)
		await new Promise((r) => setTimeout(r, 5));

	const copy = path.join(env.dir, 'backup.db');
	const res = await runAsync(['backup', '--db', env.db, '--to', copy]);
	const madeDuringBackup = made;
	// Keep writing a little after the copy finished, then stop.
	while (made < madeDuringBackup + 5 && !failures.length)
		await new Promise((r) => setTimeout(r, 5));
	stop = true;
	await Promise.all(writers);
	assert.deepEqual(failures, [], 'the writes all succeeded');
	assert.equal(res.status, 0, res.stderr);
	assert.match(res.stdout, /backed up .* to .*backup\.db/);
	assert.match(res.stdout, /key file is not included/);

	const integrity = sqlite(copy, 'PRAGMA integrity_check');
	assert.equal(integrity.stdout, 'ok');
	const verify = run(['audit', 'verify', '--db', copy, '--key', env.key]);
	assert.equal(verify.status, 0, verify.stderr);
	assert.match(verify.stdout, /audit log intact: \d+ entries/);

	// A person and the audit entry of its creation are one transaction: the
	// copy has both or neither.
	const persons = Number(sqlite(copy, 'SELECT count(*) FROM person').stdout);
	const created = Number(sqlite(copy, "SELECT count(*) FROM audit WHERE action = 'create' AND entity = 'person'").stdout);
	assert.ok(persons >= 11, `the copy holds the persons written before it (${persons})`);
	assert.equal(created, persons);

	// The copy opens with the original key: the ID numbers can be read.
	const ids = sqlite(copy, 'SELECT id FROM person ORDER BY id LIMIT 1').stdout;
	assert.equal(ids, String(person.id));

	// An existing target is never overwritten.
	const again = run(['backup', '--db', env.db, '--to', copy]);
	assert.equal(again.status, 1);
	assert.match(again.stderr, /already exists/);
});

test('after shutdown, jindu audit verify says the log is intact', async () => {
	await srv.stop();
	const r = run(['audit', 'verify', '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	const m = /^audit log intact: (\d+) entries, head ([0-9a-f]{64})$/m.exec(r.stdout);
	assert.ok(m, r.stdout);
	const count = Number(sqlite(env.db, 'SELECT count(*) FROM audit').stdout);
	assert.equal(Number(m[1]), count);
	assert.equal(m[2], sqlite(env.db, 'SELECT hash FROM audit ORDER BY id DESC LIMIT 1').stdout);
});

test('the database refuses to change or delete audit entries', () => {
	const db = copyDb('triggers.db');
	const upd = sqlite(db, "UPDATE audit SET summary = 'x' WHERE id = 1");
	assert.notEqual(upd.status, 0);
	assert.match(upd.stderr, /audit entries cannot be changed/);
	const del = sqlite(db, 'DELETE FROM audit WHERE id = 1');
	assert.notEqual(del.status, 0);
	assert.match(del.stderr, /audit entries cannot be deleted/);
});

test('an entry changed behind the triggers\' back is found and named', () => {
	const db = copyDb('changed.db');
	const count = Number(sqlite(db, 'SELECT count(*) FROM audit').stdout);
	const n = Math.floor(count / 2);
	const t = sqlite(db, `DROP TRIGGER audit_no_update; UPDATE audit SET summary = 'x' WHERE id = ${n}`);
	assert.equal(t.status, 0, t.stderr);
	const r = run(['audit', 'verify', '--db', db, '--key', env.key]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, new RegExp(`entry ${n}\\b`));
	assert.match(r.stderr, /changed/);
	assert.match(r.stderr, new RegExp(`${n - 1} entries before it are intact`));
	assert.equal(r.stdout, '');
});

test('a removed entry in the middle is found: the entry after the gap is named', () => {
	const db = copyDb('deleted.db');
	const count = Number(sqlite(db, 'SELECT count(*) FROM audit').stdout);
	const n = Math.floor(count / 2);
	const t = sqlite(db, `DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = ${n}`);
	assert.equal(t.status, 0, t.stderr);
	const r = run(['audit', 'verify', '--db', db, '--key', env.key]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, new RegExp(`broken at entry ${n + 1}\\b`));
	assert.match(r.stderr, new RegExp(`entries ${n} to ${n} are missing`));
});

test('removing the newest entries is found too', () => {
	const db = copyDb('truncated.db');
	const t = sqlite(db, 'DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)');
	assert.equal(t.status, 0, t.stderr);
	const r = run(['audit', 'verify', '--db', db, '--key', env.key]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /removed/);
});

test('a chain recomputed without the key is found (the hash is keyed)', () => {
	// Someone with the database but not the key cannot forge entries: verifying
	// with another key fails at the first entry.
	const other = initDb();
	const r = run(['audit', 'verify', '--db', copyDb('otherkey.db'), '--key', other.key]);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /broken at entry 1\b/);
});
