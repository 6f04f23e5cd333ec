'use strict';
// lib.js - helpers for the integration tests: temporary databases, the real
// server on a loopback port, a small cookie-keeping client, valid ID numbers.
//
// JINDU_BIN names the binary under test (default build/jindu); run.sh runs
// every file twice, against build/jindu and build/asan/jindu.

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.JINDU_BIN || 'build/jindu');
const PASSWORD = 'Correct-horse-42';

// The county every test database covers, and three of its townships.
const COUNTY = '360825';
const TOWNS = {
	enjiang: { code: '360825100', name: '恩江镇' },
	kengtian: { code: '360825101', name: '坑田镇' },
	shima: { code: '360825106', name: '石马镇' },
};

// Leak reports are the unit tests' business (run.sh turns them off here too);
// everything else a sanitizer finds makes the binary fail.
const ENV = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=0' };
delete ENV.LANGUAGE;

const SANITIZER_RE = /ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/;

function assertNoSanitizerReport(text, what) {
	assert.doesNotMatch(text, SANITIZER_RE, `${what} reported a sanitizer error:\n${text}`);
}

const tmpDirs = [];
process.on('exit', () => {
	if (process.env.JINDU_TEST_KEEP)
		return;
	for (const d of tmpDirs)
		fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir() {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-test-'));
	tmpDirs.push(d);
	return d;
}

// Runs the binary to completion: { status, stdout, stderr }.
function run(args, opts = {}) {
	const r = spawnSync(BIN, args, { encoding: 'utf8', env: ENV, timeout: 60000, ...opts });
	if (r.error)
		throw r.error;
	assertNoSanitizerReport(r.stderr, `jindu ${args[0]}`);
	return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// The same without blocking the event loop (for work alongside requests).
function runAsync(args) {
	return new Promise((resolve, reject) => {
		const p = spawn(BIN, args, { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '', stderr = '';
		p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
		p.on('error', reject);
		p.on('close', (status, signal) => {
			try {
				assertNoSanitizerReport(stderr, `jindu ${args[0]}`);
			} catch (e) {
				reject(e);
				return;
			}
			resolve({ status, signal, stdout, stderr });
		});
	});
}

function runOk(args) {
	const r = run(args);
	assert.equal(r.status, 0, `jindu ${args.join(' ')} failed:\n${r.stderr}`);
	return r;
}

// A new database in a new temporary directory: { dir, db, key }.
function initDb(opts = {}) {
	const dir = tmpDir();
	const db = path.join(dir, 'jindu.db');
	runOk(['init', '--db', db, '--password', opts.password || PASSWORD, '--jurisdiction',
		opts.jurisdiction || COUNTY]);
	return { dir, db, key: `${db}.key` };
}

function addUser(db, login, role, jurisdiction, opts = {}) {
	const args = ['user', 'add', '--db', db, '--login', login, '--role', role,
		'--jurisdiction', jurisdiction, '--password', opts.password || PASSWORD];
	if (opts.name)
		args.push('--name', opts.name);
	runOk(args);
}

function createToken(db, login) {
	const r = runOk(['token', 'create', '--db', db, '--user', login]);
	const token = r.stdout.trim();
	assert.match(token, /^jdt_\S+$/);
	return token;
}

// Starts `jindu serve` on a free loopback port. stop() sends SIGTERM and
// checks that the server finishes cleanly (exit 0, no sanitizer report).
async function startServer(db, extra = []) {
	const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet', ...extra],
		{ env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
	const port = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30000);
		proc.stderr.setEncoding('utf8').on('data', (d) => {
			stderr += d;
			const m = /jindu: serving .* on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before serving:\n${stderr}`));
		});
	});
	let stopped = null;
	return {
		port,
		base: `http://127.0.0.1:${port}`,
		proc,
		stderr: () => stderr,
		englishAvailable: () => !/English is unavailable/.test(stderr),
		async stop() {
			if (!stopped) {
				stopped = (async () => {
					proc.kill('SIGTERM');
					const res = await exited;
					assert.equal(res.signal, null, `server died of ${res.signal}:\n${stderr}`);
					assert.equal(res.code, 0, `server exited with ${res.code}:\n${stderr}`);
					assert.match(stderr, /SIGTERM received/);
					assert.match(stderr, /jindu: stopped/);
					assertNoSanitizerReport(stderr, 'jindu serve');
					// --quiet leaves only start, stop and errors: an error line
					// means something failed inside that no answer showed.
					const unexpected = stderr.split('\n').filter((l) => l &&
						!/^jindu: (serving .* on http:|SIGTERM received|stopped$|English is unavailable)/.test(l));
					assert.deepEqual(unexpected, [], 'the server logged errors');
					return stderr;
				})();
			}
			return stopped;
		},
	};
}

function setCookies(headers) {
	if (typeof headers.getSetCookie === 'function')
		return headers.getSetCookie();
	const v = headers.get('set-cookie');
	return v ? v.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_]*=)/) : [];
}

function formBody(form) {
	const p = new URLSearchParams();
	const entries = Array.isArray(form) ? form : Object.entries(form);
	for (const [k, v] of entries) {
		if (Array.isArray(v))
			v.forEach((x) => p.append(k, String(x)));
		else if (v !== undefined && v !== null)
			p.append(k, String(v));
	}
	return p.toString();
}

// The CSRF token a page carries: a hidden _csrf field or the body's hx-headers.
function csrfFrom(html) {
	let m = /name="_csrf" value="([^"]+)"/.exec(html);
	if (m)
		return m[1];
	m = /hx-headers='\{"X-CSRF-Token": "([^"]+)"\}'/.exec(html);
	return m ? m[1] : null;
}

// One browser: keeps cookies, remembers the CSRF token of the last page.
class Client {
	constructor(base) {
		this.base = base;
		this.jar = new Map();
		this.csrf = null;
	}

	async request(method, url, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		if (this.jar.size && !opts.noCookies)
			headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		if (opts.token)
			headers.authorization = `Bearer ${opts.token}`;
		let body;
		if (opts.form) {
			body = formBody(opts.form);
			headers['content-type'] = 'application/x-www-form-urlencoded';
		} else if (opts.json !== undefined) {
			body = JSON.stringify(opts.json);
			headers['content-type'] = 'application/json';
		} else if (opts.body !== undefined) {
			body = opts.body;
		}
		const res = await fetch(this.base + url, { method, headers, body, redirect: 'manual' });
		// the body's bytes as they came (images), and as text
		const bytes = Buffer.from(await res.arrayBuffer());
		const text = bytes.toString('utf8');
		const cookies = setCookies(res.headers);
		for (const c of cookies) {
			const m = /^([^=;\s]+)=([^;]*)/.exec(c);
			if (!m)
				continue;
			if (/;\s*Max-Age=0/i.test(c) || m[2] === '')
				this.jar.delete(m[1]);
			else
				this.jar.set(m[1], m[2]);
		}
		const ctype = res.headers.get('content-type') || '';
		if (ctype.startsWith('text/html')) {
			const t = csrfFrom(text);
			if (t)
				this.csrf = t;
		}
		let json;
		if (ctype.startsWith('application/json')) {
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
		}
		return { status: res.status, headers: res.headers, text, bytes, json, cookies,
			location: res.headers.get('location') };
	}

	get(url, opts) {
		return this.request('GET', url, opts);
	}

	// A form POST carrying the session's CSRF token (unless form has its own).
	post(url, form = {}, opts = {}) {
		const f = Array.isArray(form) ? [...form] : { ...form };
		if (!opts.noCsrf && this.csrf) {
			if (Array.isArray(f)) {
				if (!f.some(([k]) => k === '_csrf'))
					f.push(['_csrf', this.csrf]);
			} else if (!('_csrf' in f)) {
				f._csrf = this.csrf;
			}
		}
		return this.request('POST', url, { ...opts, form: f });
	}

	// Password sign-in through the real form; returns the POST's response.
	async login(login, password = PASSWORD, next) {
		const page = await this.get(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
		assert.equal(page.status, 200, `GET /login: ${page.status}`);
		const m = /name="_pre" value="([^"]+)"/.exec(page.text);
		assert.ok(m, 'login form has a _pre field');
		assert.equal(this.jar.get('jindu_pre'), m[1], 'jindu_pre cookie matches the _pre field');
		const nm = /name="next" value="([^"]*)"/.exec(page.text);
		return this.request('POST', '/login', {
			form: { _pre: m[1], next: nm ? unescapeHtml(nm[1]) : '/', lang: 'zh',
				login, password },
		});
	}

	// Signs in and loads / so that the CSRF token is known.
	async signIn(login, password = PASSWORD) {
		const res = await this.login(login, password);
		assert.equal(res.status, 303, `login ${login}: ${res.status}\n${res.text.slice(0, 300)}`);
		assert.ok(this.jar.get('jindu_session'), `login ${login} set a session cookie`);
		const home = await this.get('/account');
		assert.equal(home.status, 200, `GET /account after login: ${home.status}`);
		assert.ok(this.csrf, 'the page carries a CSRF token');
		return res;
	}
}

// GB 11643: the check character of the first 17 digits.
function checkChar(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	let s = 0;
	for (let i = 0; i < 17; i++)
		s += w[i] * Number(first17[i]);
	return '10X98765432'[s % 11];
}

function idWithCheck(first17) {
	assert.match(first17, /^\d{17}$/);
	return first17 + checkChar(first17);
}

// The same 17 digits with a check character that is wrong.
function idWithBadCheck(first17) {
	const good = checkChar(first17);
	return first17 + (good === '0' ? '1' : '0');
}

// A distinct valid ID number for every n: birth dates from 1960 to 2000,
// then the next sequence number.
function idNumber(n, region = COUNTY) {
	const days = 14600;
	const d = new Date(Date.UTC(1960, 0, 1) + (n % days) * 86400000);
	const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
	const seq = String(100 + (Math.floor(n / days) % 900)).padStart(3, '0');
	return idWithCheck(region + ymd + seq);
}

function maskId(id) {
	return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

// POST /api/v1/persons with a bearer token; fields override the defaults.
let personSeq = 0;
async function createPerson(base, token, fields = {}) {
	const body = {
		id_number: idNumber(++personSeq + 1000),
		name: `测试${personSeq}`,
		division: `${TOWNS.enjiang.code}001`,
		first_found_date: '2023-05-06',
		control_status: 'in_control',
		addiction: 'use',
		drug_types: 'meth,ketamine',
		...fields,
	};
	const res = await fetch(`${base}/api/v1/persons`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = await res.json();
	assert.equal(res.status, 201, `create person ${body.name}: ${res.status} ${JSON.stringify(json)}`);
	return { ...json, id_number: body.id_number };
}

// Plain fetch with a bearer token; returns { status, headers, text, json }.
async function api(base, token, method, url, json) {
	const headers = {};
	if (token)
		headers.authorization = `Bearer ${token}`;
	let body;
	if (json !== undefined) {
		headers['content-type'] = 'application/json';
		body = typeof json === 'string' ? json : JSON.stringify(json);
	}
	const res = await fetch(base + url, { method, headers, body, redirect: 'manual' });
	const text = await res.text();
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, json: parsed };
}

// RFC 4648 base32 (no padding needed) to bytes.
function base32Decode(s) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];
	for (const ch of s.replace(/=+$/, '').toUpperCase()) {
		const i = alphabet.indexOf(ch);
		if (i < 0)
			throw new Error(`bad base32 character '${ch}'`);
		value = (value << 5) | i;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) at Unix time t.
function totp(secretBase32, t = Date.now() / 1000) {
	const counter = Math.floor(t / 30);
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const h = crypto.createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
	const off = h[h.length - 1] & 0x0f;
	const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
	return String(bin % 1000000).padStart(6, '0');
}

// Security headers every generated page must carry.
function assertPageHeaders(res, what) {
	const h = res.headers;
	const csp = h.get('content-security-policy') || '';
	assert.ok(csp, `${what}: Content-Security-Policy`);
	const scriptSrc = (/(?:^|;)\s*script-src([^;]*)/.exec(csp) || /(?:^|;)\s*default-src([^;]*)/.exec(csp) || [])[1];
	assert.ok(scriptSrc !== undefined, `${what}: CSP names script sources`);
	assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*/, `${what}: script-src ${scriptSrc}`);
	assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
	assert.equal(h.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
	assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
	assert.match(h.get('cache-control') || '', /no-store/, `${what}: Cache-Control`);
}

// Rows of the persons list: [{ id, name }] in page order.
function personRows(html) {
	const m = /<div id="results">([\s\S]*?)<\/tbody>/.exec(html);
	assert.ok(m, 'the page has a results table');
	const rows = [];
	const re = /<tr><td><a href="\/persons\/(\d+)">([^<]*)<\/a>/g;
	let r;
	while ((r = re.exec(m[1])))
		rows.push({ id: Number(r[1]), name: unescapeHtml(r[2]) });
	return rows;
}

function unescapeHtml(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

function attrs(text) {
	const out = {};
	for (const m of text.matchAll(/([a-zA-Z_:-]+)(?:="([^"]*)"|='([^']*)')?/g))
		out[m[1]] = m[2] !== undefined ? unescapeHtml(m[2]) : m[3] !== undefined ? unescapeHtml(m[3]) : '';
	return out;
}

// The attributes of the first <input> named name, or null.
function inputAttrs(html, name) {
	for (const m of html.matchAll(/<input\b([^>]*)>/g)) {
		const a = attrs(m[1]);
		if (a.name === name)
			return a;
	}
	return null;
}

// What a browser would submit for the form with the given id: [[name, value]].
function formFields(html, id) {
	const at = html.indexOf(`id="${id}"`);
	assert.ok(at >= 0, `form #${id} on the page`);
	const start = html.lastIndexOf('<form', at);
	const end = html.indexOf('</form>', at);
	const f = html.slice(start, end);
	const out = [];
	for (const m of f.matchAll(/<input\b([^>]*)>/g)) {
		const a = attrs(m[1]);
		const type = (a.type || 'text').toLowerCase();
		if (!a.name || type === 'submit' || type === 'button')
			continue;
		if (type === 'checkbox' || type === 'radio') {
			if ('checked' in a)
				out.push([a.name, a.value ?? 'on']);
		} else {
			out.push([a.name, a.value ?? '']);
		}
	}
	for (const m of f.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
		const a = attrs(m[1]);
		const opts = [...m[2].matchAll(/<option\b([^>]*)>/g)].map((o) => attrs(o[1]));
		const sel = opts.find((o) => 'selected' in o) || opts[0];
		if (a.name && sel)
			out.push([a.name, sel.value ?? '']);
	}
	for (const m of f.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
		const a = attrs(m[1]);
		if (a.name)
			out.push([a.name, unescapeHtml(m[2])]);
	}
	return out;
}

// Replaces (or adds) one field of a [[name, value]] list.
function setField(fields, name, value) {
	const rest = fields.filter(([k]) => k !== name);
	return Array.isArray(value) ? [...rest, ...value.map((v) => [name, v])] : [...rest, [name, value]];
}

// A python3 that has openpyxl, to read the workbooks the server writes:
// Debian's first (a python3 earlier on PATH, such as a pyenv one, may lack
// Debian's modules). Tests that need it are skipped without it.
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => {
	const r = spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' });
	return !r.error && r.status === 0;
});
const needPython = PYTHON ? {} : { skip: 'python3-openpyxl is not installed' };

// Every sheet of a workbook: [{ title, rows: [[values]], cells: {A1: {...}} }].
const READ_BOOK = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [[("" if v is None else str(v)) for v in r] for r in ws.iter_rows(values_only=True)]
    cells = {}
    for r in ws.iter_rows():
        for c in r:
            if c.value is not None:
                cells[c.coordinate] = {"type": c.data_type, "format": c.number_format,
                                       "bold": bool(c.font.b),
                                       "red": str(c.font.color.rgb if c.font.color else "").endswith("FF0000")}
    out.append({"title": ws.title, "rows": rows, "cells": cells})
print(json.dumps(out, ensure_ascii=False))
`;

function readBook(file) {
	const r = spawnSync(PYTHON, ['-c', READ_BOOK, file], { encoding: 'utf8' });
	assert.equal(r.status, 0, `python failed:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

// The routes of src/web/route.c as "METHOD pattern" strings.
function routeTable() {
	const src = fs.readFileSync(path.join(ROOT, 'src', 'web', 'route.c'), 'utf8');
	const start = src.indexOf('routes[] = {');
	assert.ok(start >= 0, 'route.c has the routes[] table');
	const end = src.indexOf('};', start);
	const body = src.slice(start, end).replace(/\/\*[\s\S]*?\*\//g, '');
	const out = [];
	const re = /\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,/g;
	let m;
	while ((m = re.exec(body)))
		out.push(`${m[1]} ${m[2]}`);
	assert.ok(out.length > 10, `found ${out.length} routes in route.c`);
	return out;
}

module.exports = {
	ROOT, BIN, PASSWORD, COUNTY, TOWNS,
	tmpDir, run, runAsync, runOk, initDb, addUser, createToken, startServer,
	Client, csrfFrom, checkChar, idWithCheck, idWithBadCheck, idNumber, maskId,
	createPerson, api, totp, assertPageHeaders, personRows, unescapeHtml, routeTable,
	formFields, setField, inputAttrs, PYTHON, needPython, readBook,
	assertNoSanitizerReport,
};
