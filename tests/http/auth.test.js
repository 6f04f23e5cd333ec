'use strict';
// auth.test.js - signing in and out: the login form, lock-out, the double-submit
// cookie, sessions, CSRF, TOTP and the interface language.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { PASSWORD, TOWNS, initDb, addUser, createToken, startServer, Client, totp,
	assertPageHeaders, inputAttrs } = require('./lib');

let env, srv;

before(async () => {
	env = initDb();
	addUser(env.db, 'li', 'officer', TOWNS.enjiang.code, { name: '李专干' });
	addUser(env.db, 'locky', 'officer', TOWNS.kengtian.code);
	addUser(env.db, 'totpuser', 'police', '360825');
	addUser(env.db, 'resetme', 'leader', '360825');
	addUser(env.db, 'tokenuser', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'admin.kt', 'admin', TOWNS.kengtian.code);
	// Sign-ins from one address are limited (30 in 10 minutes): this file
	// stays well below that.
	srv = await startServer(env.db);
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('the login page is in Chinese and sets the jindu_pre cookie', async () => {
	const c = new Client(srv.base);
	const res = await c.get('/login');
	assert.equal(res.status, 200);
	assertPageHeaders(res, 'GET /login');
	assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
	assert.match(res.text, /<html lang="zh-CN">/);
	assert.match(res.text, /<title>登录 · 禁毒工作信息系统<\/title>/);
	assert.match(res.text, /<label for="f-login">用户名/);
	assert.match(res.text, /<label for="f-password">密码/);
	assert.match(res.text, /<form method="post" class="form" action="\/login"/);
	const pw = inputAttrs(res.text, 'password');
	assert.ok(pw, 'a password field');
	assert.equal(pw.type, 'password');
	assert.equal(pw.value, '', 'never prefilled');
	assert.equal(inputAttrs(res.text, 'login').type, 'text');
	const pre = /name="_pre" value="([^"]+)"/.exec(res.text);
	assert.ok(pre, 'hidden _pre field');
	const cookie = res.cookies.find((x) => x.startsWith('jindu_pre='));
	assert.ok(cookie, 'jindu_pre cookie');
	assert.equal(cookie.split(';')[0], `jindu_pre=${pre[1]}`);
	assert.match(cookie, /;\s*HttpOnly/i);
	assert.match(cookie, /;\s*SameSite=Strict/i);
	assert.match(cookie, /;\s*Path=\//);
	// Every visit gets a fresh value.
	const again = await new Client(srv.base).get('/login');
	assert.notEqual(/name="_pre" value="([^"]+)"/.exec(again.text)[1], pre[1]);
});

test('a wrong password or an unknown login gives 401 and the same message', async () => {
	const c = new Client(srv.base);
	const bad = await c.login('li', 'not-the-password');
	assert.equal(bad.status, 401);
	assert.match(bad.text, /用户名或密码错误/);
	assert.ok(!c.jar.has('jindu_session'), 'no session cookie');
	assert.equal(inputAttrs(bad.text, 'login').value, 'li', 'the login is kept');
	assert.equal(inputAttrs(bad.text, 'password').value, '', 'the password is not');
	assert.doesNotMatch(bad.text, /not-the-password/, 'the password is not echoed');

	const unknown = await new Client(srv.base).login('nobody-here', 'whatever-pw-123');
	assert.equal(unknown.status, 401);
	assert.match(unknown.text, /用户名或密码错误/);
});

test('the 5th wrong password locks the account (423), then even the right one is refused', async () => {
	const c = new Client(srv.base);
	for (let i = 1; i <= 4; i++) {
		const res = await c.login('locky', `wrong-password-${i}`);
		assert.equal(res.status, 401, `attempt ${i}`);
		assert.match(res.text, /用户名或密码错误/);
	}
	const fifth = await c.login('locky', 'wrong-password-5');
	assert.equal(fifth.status, 423);
	assert.match(fifth.text, /账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
	const right = await c.login('locky', PASSWORD);
	assert.equal(right.status, 423, 'locked even with the right password');
	assert.match(right.text, /已锁定/);
	assert.ok(!c.jar.has('jindu_session'), 'no session while locked');
	assert.ok(!right.location, 'no redirect into the application');
});

test('a successful login resets the count of failures', async () => {
	const c = new Client(srv.base);
	for (let i = 1; i <= 4; i++)
		assert.equal((await c.login('resetme', `wrong-password-${i}`)).status, 401, `attempt ${i}`);
	assert.equal((await c.login('resetme', PASSWORD)).status, 303);
	// Without the reset this would be the 5th failure in a row.
	const next = await new Client(srv.base).login('resetme', 'wrong-password-5');
	assert.equal(next.status, 401);
});

test('a missing or wrong _pre value is refused with 403', async () => {
	const form = { login: 'li', password: PASSWORD, next: '/' };

	// No form field, no cookie.
	const none = await new Client(srv.base).request('POST', '/login', { form });
	assert.equal(none.status, 403);
	assert.match(none.text, /登录页面已过期/);
	assert.ok(!none.cookies.some((x) => x.startsWith('jindu_session=')));

	// The cookie from the login page, but another value in the form.
	const c = new Client(srv.base);
	await c.get('/login');
	assert.ok(c.jar.get('jindu_pre'));
	const wrong = await c.request('POST', '/login', { form: { ...form, _pre: 'A'.repeat(24) } });
	assert.equal(wrong.status, 403);
	assert.ok(!wrong.cookies.some((x) => x.startsWith('jindu_session=')));

	// The form value without its cookie (a form posted from another site).
	const page = await new Client(srv.base).get('/login');
	const pre = /name="_pre" value="([^"]+)"/.exec(page.text)[1];
	const nocookie = await new Client(srv.base).request('POST', '/login', { form: { ...form, _pre: pre } });
	assert.equal(nocookie.status, 403);
	assert.ok(!nocookie.cookies.some((x) => x.startsWith('jindu_session=')));
});

let li; // the signed-in officer, used by the next tests

test('after login the top bar shows the user name and jurisdiction; cookie flags', async () => {
	li = new Client(srv.base);
	const res = await li.login('li', PASSWORD, '/persons');
	assert.equal(res.status, 303);
	assert.equal(res.location, '/persons', 'goes to ?next=');
	const session = res.cookies.find((x) => x.startsWith('jindu_session='));
	assert.ok(session, 'session cookie set');
	assert.match(session, /^jindu_session=[^;]{20,}/);
	assert.match(session, /;\s*HttpOnly/i);
	assert.match(session, /;\s*SameSite=Strict/i);
	assert.match(session, /;\s*Path=\//);
	assert.ok(res.cookies.some((x) => /^jindu_pre=;.*Max-Age=0/i.test(x)), 'jindu_pre is cleared');

	const home = await li.get('/');
	assert.equal(home.status, 200);
	assertPageHeaders(home, 'GET /');
	assert.match(home.text, /<a href="\/account" class="user">李专干<\/a>/);
	assert.match(home.text, /<span class="role">乡镇禁毒专干<\/span>/);
	assert.match(home.text, /<span class="place">恩江镇<\/span>/);
	assert.ok(li.csrf, 'CSRF token on the page');

	// A signed-in visit to /login goes straight back in.
	const again = await li.get('/login');
	assert.equal(again.status, 303);
	assert.equal(again.location, '/');
});

test('?next= cannot send the browser to another site', async () => {
	const c = new Client(srv.base);
	const page = await c.get('/login?next=%2F%2Fevil.example%2Fx');
	assert.match(page.text, /name="next" value="\/"/);
	const pre = /name="_pre" value="([^"]+)"/.exec(page.text)[1];
	const res = await c.request('POST', '/login', {
		form: { _pre: pre, next: '//evil.example/x', login: 'li', password: PASSWORD },
	});
	assert.equal(res.status, 303);
	assert.equal(res.location, '/');
});

test('a POST without a valid CSRF token is refused with 403 (code csrf)', async () => {
	const noToken = await li.post('/account/lang', { lang: 'en' }, { noCsrf: true });
	assert.equal(noToken.status, 403);
	assert.match(noToken.text, /页面已过期或来源不明/);
	const wrong = await li.post('/account/lang', { lang: 'en', _csrf: 'x'.repeat(32) });
	assert.equal(wrong.status, 403);
	const acct = await li.get('/account');
	assert.match(acct.text, /<html lang="zh-CN">/, 'the refused requests changed nothing');

	// JSON API with the session cookie: the token must come in X-CSRF-Token.
	const api = await li.request('POST', '/api/v1/persons', { json: {} });
	assert.equal(api.status, 403);
	assert.equal(api.json.error.code, 'csrf');
	assert.equal(typeof api.json.error.message, 'string');
	assert.ok('field' in api.json.error);
	const withHeader = await li.request('POST', '/api/v1/persons', {
		json: {}, headers: { 'X-CSRF-Token': li.csrf },
	});
	assert.equal(withHeader.status, 422, 'passes the CSRF check, fails validation');
	assert.equal(withHeader.json.error.code, 'invalid');

	// The same error as JSON when a page is asked for JSON.
	const asJson = await li.post('/account/lang', { lang: 'en' },
		{ noCsrf: true, headers: { accept: 'application/json' } });
	assert.equal(asJson.status, 403);
	assert.equal(asJson.json.error.code, 'csrf');
});

test('logout ends the session on the server', async () => {
	const old = li.jar.get('jindu_session');
	await li.get('/');
	const res = await li.post('/logout', {});
	assert.equal(res.status, 303);
	assert.equal(res.location, '/login');
	assert.ok(res.cookies.some((x) => /^jindu_session=;.*Max-Age=0/i.test(x)), 'cookie cleared');

	// Replaying the old cookie does not work either.
	const replay = new Client(srv.base);
	replay.jar.set('jindu_session', old);
	const home = await replay.get('/');
	assert.equal(home.status, 303);
	assert.equal(home.location, '/login?next=%2F');
	const me = await replay.get('/api/v1/me');
	assert.equal(me.status, 401);
	assert.equal(me.json.error.code, 'unauthenticated');
});

test('TOTP: enable it, then a login needs a correct code', async () => {
	const c = new Client(srv.base);
	await c.signIn('totpuser');
	const acct = await c.get('/account');
	assert.match(acct.text, /id="totp-start"/);
	const start = await c.post('/account/totp', { action: 'start' });
	assert.equal(start.status, 200);
	const m = /<p class="mono secret">([A-Z2-7]+)<\/p>/.exec(start.text);
	assert.ok(m, 'the page shows the new secret');
	const secret = m[1];
	assert.match(start.text, new RegExp(`otpauth://totp/jindu:totpuser\\?secret=${secret}&amp;issuer=jindu`));
	// the QR code says the same, as a phone's camera reads it
	const svg = /<svg class="qr"[\s\S]*?<\/svg>/.exec(start.text);
	assert.ok(svg, 'the page shows a QR code');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-qr-'));
	fs.writeFileSync(path.join(dir, 'qr.svg'), svg[0]);
	execFileSync('rsvg-convert', ['-o', path.join(dir, 'qr.png'), path.join(dir, 'qr.svg')]);
	const read = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, 'qr.png')], { encoding: 'utf8' });
	fs.rmSync(dir, { recursive: true });
	assert.equal(read.trim(), `otpauth://totp/jindu:totpuser?secret=${secret}&issuer=jindu`);

	const now = Date.now() / 1000;
	const valid = new Set([-60, -30, 0, 30, 60, 90].map((d) => totp(secret, now + d)));
	let wrongCode = '000000';
	for (let i = 0; valid.has(wrongCode); i++)
		wrongCode = String(123456 + i * 7919).padStart(6, '0').slice(-6);

	const refused = await c.post('/account/totp', { action: 'confirm', code: wrongCode });
	assert.equal(refused.status, 422);
	assert.match(refused.text, /<p class="field-error" id="e-code">动态口令不正确<\/p>/);

	const confirmCode = totp(secret);
	const confirmed = await c.post('/account/totp', { action: 'confirm', code: confirmCode });
	assert.equal(confirmed.status, 200);
	assert.match(confirmed.text, /动态口令已启用/);
	assert.match(confirmed.text, /id="totp-disable"/);

	// Neither a new secret nor a wrong code can switch it off.
	const restart = await c.post('/account/totp', { action: 'start' });
	assert.equal(restart.status, 409);
	assert.doesNotMatch(restart.text, /class="mono secret"/);
	const disable = await c.post('/account/totp', { action: 'disable', code: wrongCode });
	assert.equal(disable.status, 422);

	// A new sign-in stops after the password.
	const d = new Client(srv.base);
	const pw = await d.login('totpuser', PASSWORD);
	assert.equal(pw.status, 303);
	assert.equal(pw.location, '/login/totp?next=%2F');
	assert.ok(d.jar.get('jindu_session'));
	const blocked = await d.get('/');
	assert.equal(blocked.status, 303);
	assert.equal(blocked.location, '/login/totp');
	const apiBlocked = await d.get('/api/v1/me');
	assert.equal(apiBlocked.status, 401);
	assert.equal(apiBlocked.json.error.code, 'mfa_required');

	const form = await d.get('/login/totp?next=%2F');
	assert.equal(form.status, 200);
	assert.match(form.text, /action="\/login\/totp"/);
	const wrong = await d.post('/login/totp', { code: wrongCode, next: '/' });
	assert.equal(wrong.status, 401);
	assert.match(wrong.text, /动态口令不正确/);
	assert.equal((await d.get('/')).status, 303, 'still not in after a wrong code');

	// A code works once: the one used to confirm is refused now (its time
	// step is still inside the ±1 window), the next step's code is accepted.
	const replay = await d.post('/login/totp', { code: confirmCode, next: '/' });
	assert.equal(replay.status, 401, 'a used code cannot be used again');
	const ok = await d.post('/login/totp', { code: totp(secret, Date.now() / 1000 + 30), next: '/' });
	assert.equal(ok.status, 303);
	assert.equal(ok.location, '/');
	const home = await d.get('/');
	assert.equal(home.status, 200);
	assert.match(home.text, /class="user">totpuser</);
});

test('English: POST /account/lang switches the interface', async (t) => {
	if (!srv.englishAvailable()) {
		t.skip('the server has no English locale on this machine');
		return;
	}
	const anon = await new Client(srv.base).get('/login?lang=en');
	assert.equal(anon.status, 200);
	assert.match(anon.text, /<html lang="en">/);
	assert.match(anon.text, /name="lang" value="en"/);
	assert.match(anon.text, /<a href="\/login\?lang=zh">中文<\/a>/);

	const c = new Client(srv.base);
	await c.signIn('admin');
	const zh = await c.get('/');
	assert.match(zh.text, /<html lang="zh-CN">/);
	assert.match(zh.text, /<span class="role">禁毒办管理员<\/span>/);

	const set = await c.post('/account/lang', { lang: 'en' });
	assert.equal(set.status, 303);
	assert.equal(set.location, '/account');
	const en = await c.get('/');
	assert.equal(en.status, 200);
	assert.match(en.text, /<html lang="en">/);
	assert.match(en.text, /<span class="role">Drug control office admin<\/span>/);
	assert.match(en.text, /<button class="link" type="submit">中文<\/button>/);

	const bad = await c.post('/account/lang', { lang: 'fr' });
	assert.equal(bad.status, 400);

	const back = await c.post('/account/lang', { lang: 'zh' });
	assert.equal(back.status, 303);
	assert.match((await c.get('/')).text, /<html lang="zh-CN">/);
});

test('API tokens: made on the account page, shown once, revoked by their user or an administrator', async () => {
	const me = async (token) => (await fetch(`${srv.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;
	const sql = (q) => execFileSync('sqlite3', [env.db, q], { encoding: 'utf8' }).trim();
	const c = new Client(srv.base);
	await c.signIn('tokenuser');
	let page = await c.post('/account/tokens', { label: '' });
	assert.equal(page.status, 422, 'a token needs its purpose');
	page = await c.post('/account/tokens', { label: '市局平台对接' });
	assert.equal(page.status, 201);
	const token = /<p class="mono secret" id="new-token">(jdt_[^<]+)<\/p>/.exec(page.text)[1];
	assert.equal(await me(token), 200);
	page = await c.get('/account');
	assert.doesNotMatch(page.text, new RegExp(token), 'shown once only');
	const id = /<tr id="token-(\d+)"><td>市局平台对接<\/td>/.exec(page.text)[1];
	assert.match(page.text, new RegExp(`<tr id="token-${id}">[\\s\\S]*?<td>有效</td>`));
	// nobody else's token can be revoked from one's own account
	const other = new Client(srv.base);
	await other.signIn('li');
	assert.equal((await other.post(`/account/tokens/${id}`, {})).status, 404);
	assert.equal(await me(token), 200);
	// its user revokes it: refused from then on, and it says so
	assert.equal((await c.post(`/account/tokens/${id}`, {})).status, 303);
	assert.equal(await me(token), 401);
	assert.match((await c.get('/account')).text, new RegExp(`<tr id="token-${id}">[\\s\\S]*?<td>已撤销</td>`));
	assert.equal((await c.post(`/account/tokens/${id}`, {})).status, 404, 'revoked already');
	assert.equal(sql("SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE entity = 'api_token' AND entity_id = 'tokenuser' ORDER BY id)"),
		'create,revoke');

	// an administrator of the area revokes a user's token; one of another area cannot
	const cli = createToken(env.db, 'tokenuser');
	assert.equal(await me(cli), 200);
	const uid = sql("SELECT id FROM user WHERE login = 'tokenuser'");
	const tid = sql("SELECT max(id) FROM api_token");
	const kt = new Client(srv.base);
	await kt.signIn('admin.kt');
	assert.equal((await kt.post(`/users/${uid}/tokens/${tid}`, {})).status, 404, 'not in 坑田镇');
	const admin = new Client(srv.base);
	await admin.signIn('admin');
	page = await admin.get(`/users/${uid}`);
	assert.match(page.text, new RegExp(`<tr id="token-${tid}">`));
	assert.doesNotMatch(page.text, /id="token-form"/, 'only the user makes tokens');
	assert.equal((await admin.post(`/users/${uid}/tokens/${tid}`, {})).status, 303);
	assert.equal(await me(cli), 401);
});

test('the server shuts down cleanly on SIGTERM', async () => {
	await srv.stop();
});
