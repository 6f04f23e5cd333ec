'use strict';
// cli.test.js - the command line: usage errors, init, users, tokens, version
// and help, the key file, and ID numbers never stored in clear.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { ROOT, PASSWORD, TOWNS, tmpDir, run, initDb, addUser, createToken, startServer,
	Client, api, idNumber, createPerson } = require('./lib');

let env, srv;

before(async () => {
	env = initDb();
	addUser(env.db, 'zhou', 'officer', TOWNS.shima.code, { name: '周专干' });
	addUser(env.db, 'wu', 'social_worker', TOWNS.enjiang.code);
	srv = await startServer(env.db);
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('no command, an unknown command or a missing --db: exit 2 with usage on stderr', () => {
	const none = run([]);
	assert.equal(none.status, 2);
	assert.match(none.stderr, /usage: jindu COMMAND/);
	assert.equal(none.stdout, '', 'nothing on stdout');

	const unknown = run(['frobnicate']);
	assert.equal(unknown.status, 2);
	assert.match(unknown.stderr, /no command 'frobnicate'/);
	assert.equal(unknown.stdout, '');

	for (const args of [['init'], ['serve'], ['user', 'list'], ['token', 'create', '--user', 'x'],
		['backup', '--to', '/nonexistent/x'], ['audit', 'verify']]) {
		const r = run(args);
		assert.equal(r.status, 2, `jindu ${args.join(' ')}`);
		assert.match(r.stderr, new RegExp(`^usage: jindu ${args[0]} `, 'm'), `jindu ${args.join(' ')}`);
		assert.equal(r.stdout, '');
	}
	const opt = run(['user', 'list', '--db', env.db, '--colour']);
	assert.equal(opt.status, 2);
	assert.match(opt.stderr, /unknown option '--colour'/);
	const sub = run(['user', 'promote', '--db', env.db]);
	assert.equal(sub.status, 2);
	assert.match(sub.stderr, /^usage: jindu user/m);
});

test('jindu init on an existing file: exit 1, one clear line, the file untouched', () => {
	const before = fs.readFileSync(env.db);
	const r = run(['init', '--db', env.db, '--password', PASSWORD]);
	assert.equal(r.status, 1);
	const lines = r.stderr.trim().split('\n');
	assert.equal(lines.length, 1, r.stderr);
	assert.match(lines[0], /^jindu: database '.*jindu\.db' already exists$/);
	assert.equal(r.stdout, '');
	assert.ok(fs.readFileSync(env.db).equals(before), 'the database is unchanged');

	// A key file in the way: nothing is created.
	const dir = tmpDir();
	fs.writeFileSync(path.join(dir, 'x.db.key'), 'precious\n');
	const k = run(['init', '--db', path.join(dir, 'x.db'), '--password', PASSWORD]);
	assert.equal(k.status, 1);
	assert.equal(k.stderr.trim().split('\n').length, 1);
	assert.ok(!fs.existsSync(path.join(dir, 'x.db')), 'no database left behind');
	assert.equal(fs.readFileSync(path.join(dir, 'x.db.key'), 'utf8'), 'precious\n');

	// Other mistakes are single lines too.
	const noDb = run(['user', 'list', '--db', path.join(dir, 'missing.db')]);
	assert.equal(noDb.status, 1);
	assert.match(noDb.stderr, /^jindu: database '.*missing\.db' does not exist/);
	const badRoot = run(['init', '--db', path.join(dir, 'y.db'), '--jurisdiction', '36082']);
	assert.equal(badRoot.status, 1);
	assert.ok(!fs.existsSync(path.join(dir, 'y.db')));
	assert.ok(!fs.existsSync(path.join(dir, 'y.db.key')), 'no key file left behind');
	const shortPw = run(['init', '--db', path.join(dir, 'z.db'), '--password', 'short']);
	assert.equal(shortPw.status, 1);
	assert.match(shortPw.stderr, /at least 10 characters/);
	assert.deepEqual(fs.readdirSync(dir).sort(), ['x.db.key'], 'nothing left behind');
	// So the corrected command simply works.
	assert.equal(run(['init', '--db', path.join(dir, 'z.db'), '--password', PASSWORD]).status, 0);
});

test('init prints the admin login and keeps the key file private (0600)', () => {
	const dir = tmpDir();
	const db = path.join(dir, 'new.db');
	const r = run(['init', '--db', db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^login: admin$/m);
	const pw = /^password: (\S{10,})$/m.exec(r.stdout);
	assert.ok(pw, 'a generated password of at least 10 characters');
	const st = fs.statSync(`${db}.key`);
	assert.equal(st.mode & 0o777, 0o600);
	assert.match(fs.readFileSync(`${db}.key`, 'utf8'), /^[0-9a-f]{64}\n$/);
	assert.equal(fs.statSync(env.key).mode & 0o777, 0o600);
	// An explicit --key goes where it is told.
	const key = path.join(dir, 'elsewhere.key');
	const k = run(['init', '--db', path.join(dir, 'k.db'), '--key', key, '--password', PASSWORD]);
	assert.equal(k.status, 0, k.stderr);
	assert.equal(fs.statSync(key).mode & 0o777, 0o600);
	assert.ok(!fs.existsSync(path.join(dir, 'k.db.key')));
	assert.equal(run(['user', 'list', '--db', path.join(dir, 'k.db')]).status, 1, 'needs its key');
	assert.equal(run(['user', 'list', '--db', path.join(dir, 'k.db'), '--key', key]).status, 0);
});

test('jindu user list prints login, role, jurisdiction code and name, tab separated', () => {
	const r = run(['user', 'list', '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
	assert.deepEqual(rows.find((x) => x[0] === 'admin'), ['admin', 'admin', '360825', '永丰县']);
	assert.deepEqual(rows.find((x) => x[0] === 'zhou'), ['zhou', 'officer', TOWNS.shima.code, TOWNS.shima.name]);
	assert.deepEqual(rows.find((x) => x[0] === 'wu'), ['wu', 'social_worker', TOWNS.enjiang.code, TOWNS.enjiang.name]);
	assert.equal(rows.length, 3);
});

test('jindu user add refuses bad input with one line each', () => {
	const cases = [
		[['--login', 'x y', '--role', 'officer', '--jurisdiction', TOWNS.enjiang.code], /login 'x y'/],
		[['--login', 'ok1', '--role', 'boss', '--jurisdiction', TOWNS.enjiang.code], /unknown role 'boss'/],
		[['--login', 'ok2', '--role', 'officer', '--jurisdiction', '360826100'], /not a division of this database's area/],
		[['--login', 'ok3', '--role', 'officer', '--jurisdiction', TOWNS.enjiang.code, '--password', 'short'], /at least 10 characters/],
		[['--login', 'zhou', '--role', 'officer', '--jurisdiction', TOWNS.enjiang.code], /already taken/],
	];
	for (const [args, re] of cases) {
		const r = run(['user', 'add', '--db', env.db, '--password', PASSWORD, ...args]);
		assert.equal(r.status, 1, args.join(' '));
		assert.match(r.stderr, re);
		assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
	}
	assert.equal(run(['user', 'list', '--db', env.db]).stdout.trim().split('\n').length, 3);
});

test('jindu user disable ends the sessions and stops logins; enable lets them back', async () => {
	const c = new Client(srv.base);
	await c.signIn('zhou');
	const token = createToken(env.db, 'zhou');
	assert.equal((await api(srv.base, token, 'GET', '/api/v1/me')).status, 200);

	const d = run(['user', 'disable', '--db', env.db, '--login', 'zhou']);
	assert.equal(d.status, 0, d.stderr);
	assert.match(run(['user', 'list', '--db', env.db]).stdout, /^zhou\t.*\t\(disabled\)$/m);

	const home = await c.get('/');
	assert.equal(home.status, 303, 'the running session is over');
	assert.equal((await api(srv.base, token, 'GET', '/api/v1/me')).status, 401, 'tokens stop working');
	const login = await new Client(srv.base).login('zhou', PASSWORD);
	assert.equal(login.status, 401);
	assert.match(login.text, /用户名或密码错误/);
	const tok = run(['token', 'create', '--db', env.db, '--user', 'zhou']);
	assert.equal(tok.status, 1);
	assert.match(tok.stderr, /disabled/);

	assert.equal(run(['user', 'enable', '--db', env.db, '--login', 'zhou']).status, 0);
	const back = await new Client(srv.base).login('zhou', PASSWORD);
	assert.equal(back.status, 303);

	const none = run(['user', 'disable', '--db', env.db, '--login', 'nobody']);
	assert.equal(none.status, 1);
	assert.match(none.stderr, /no user 'nobody'/);
});

test('jindu user passwd sets a new password', async () => {
	const r = run(['user', 'passwd', '--db', env.db, '--login', 'wu', '--password', 'Another-pass-77']);
	assert.equal(r.status, 0, r.stderr);
	assert.equal((await new Client(srv.base).login('wu', PASSWORD)).status, 401);
	assert.equal((await new Client(srv.base).login('wu', 'Another-pass-77')).status, 303);
});

test('jindu version and jindu help COMMAND', () => {
	const v = run(['version']);
	assert.equal(v.status, 0);
	const version = fs.readFileSync(path.join(ROOT, 'VERSION'), 'utf8').trim();
	assert.match(v.stdout, new RegExp(`^jindu ${version.replace(/\./g, '\\.')} \\(\\S+\\)\\n$`));
	assert.equal(run(['--version']).stdout, v.stdout);

	const h = run(['help', 'serve']);
	assert.equal(h.status, 0);
	assert.match(h.stdout, /^usage: jindu serve --db FILE/);
	assert.match(h.stdout, /--listen/);
	const all = run(['help']);
	assert.equal(all.status, 0);
	for (const name of ['init', 'serve', 'user', 'token', 'backup', 'audit', 'version', 'help'])
		assert.match(all.stdout, new RegExp(`^  ${name} `, 'm'));
	const bad = run(['help', 'nothing']);
	assert.equal(bad.status, 2);
	assert.match(bad.stderr, /no command 'nothing'/);
});

test('jindu serve refuses what it cannot serve', () => {
	const dir = tmpDir();
	const missing = run(['serve', '--db', path.join(dir, 'none.db')]);
	assert.equal(missing.status, 1);
	assert.match(missing.stderr, /does not exist/);
	const badListen = run(['serve', '--db', env.db, '--listen', 'localhost']);
	assert.equal(badListen.status, 1);
	assert.match(badListen.stderr, /must look like 127\.0\.0\.1:8080/);
	assert.equal(run(['serve', '--db', env.db, '--threads', '0']).status, 2);
});

test('the database never holds an ID number in clear, not even in the WAL', async () => {
	const token = createToken(env.db, 'admin');
	const p = await createPerson(srv.base, token, { id_number: idNumber(4242), name: '明文检查' });
	// Read it, reveal it, search for it: none of it may leave the number behind.
	await api(srv.base, token, 'GET', `/api/v1/persons/${p.id}`);
	await api(srv.base, token, 'GET', `/api/v1/persons?q=${p.id_number}`);
	const c = new Client(srv.base);
	await c.signIn('admin');
	const shown = await c.get(`/persons/${p.id}?reveal=1`);
	assert.ok(shown.text.includes(p.id_number), 'the key opens it');
	await c.get(`/persons?q=${p.id_number}`);

	const needles = [p.id_number, p.id_number.slice(0, 17), p.id_number.slice(6, 18)];
	const scan = (when) => {
		for (const f of [env.db, `${env.db}-wal`]) {
			if (!fs.existsSync(f))
				continue;
			const bytes = fs.readFileSync(f);
			for (const n of needles) {
				assert.equal(bytes.indexOf(Buffer.from(n, 'ascii')), -1, `${n} in ${path.basename(f)} (${when})`);
				assert.equal(bytes.indexOf(Buffer.from(n, 'utf16le')), -1, `${n} as UTF-16 in ${path.basename(f)} (${when})`);
			}
		}
	};
	assert.ok(fs.existsSync(`${env.db}-wal`), 'the server writes through a WAL');
	scan('while serving');
	await srv.stop();
	scan('after shutdown');
	// The name is there (the check is not blind): only the number is sealed.
	assert.notEqual(fs.readFileSync(env.db).indexOf(Buffer.from('明文检查')), -1);
});
