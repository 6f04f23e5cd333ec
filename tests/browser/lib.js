'use strict';
// lib.js - helpers for the browser tests and the screenshots: a temporary demo
// county served by the real binary, Debian's chromium driven by playwright-core,
// signing in and out through the real forms, and a watch on every page for
// console errors, uncaught exceptions and Content-Security-Policy violations.
//
// JINDU_BIN names the binary (default build/jindu). The demo is created with
// JINDU_TODAY fixed, so its figures are the same on every run.
// JINDU_TEST_KEEP=1 keeps the temporary directory for a look afterwards.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.JINDU_BIN || 'build/jindu');
const CHROMIUM = process.env.JINDU_CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'Demo-pass-2026';
const TODAY = '2026-11-23';
const VIEWPORT = { width: 1366, height: 900 };

// The demo county and the townships the demo users belong to.
const COUNTY = { code: '360825', name: '永丰县' };
const TOWNS = {
	enjiang: { code: '360825100', name: '恩江镇' },
	kengtian: { code: '360825101', name: '坑田镇' },
	shima: { code: '360825106', name: '石马镇' },
};

const ENV = { ...process.env, JINDU_TODAY: TODAY,
	ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=0' };
delete ENV.LANGUAGE;

// Everything to undo if the process ends early: live servers, temp dirs.
const live = new Set();

function cleanupNow() {
	for (const item of live) {
		if (item.proc && item.proc.exitCode === null && item.proc.signalCode === null) {
			try {
				item.proc.kill('SIGTERM');
			} catch {
				// already gone
			}
		}
		if (item.dir && !process.env.JINDU_TEST_KEEP)
			fs.rmSync(item.dir, { recursive: true, force: true });
	}
	live.clear();
}

process.on('exit', cleanupNow);
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.once(sig, () => {
		cleanupNow();
		process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
	});
}

// Creates the demo database in a new temporary directory: { dir, db }.
function createDemo() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-browser-'));
	const item = { dir };
	live.add(item);
	const db = path.join(dir, 'demo.db');
	const r = spawnSync(BIN, ['demo', '--db', db, '--password', PASSWORD],
		{ encoding: 'utf8', env: ENV, timeout: 60000 });
	if (r.error || r.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		live.delete(item);
		throw new Error(`jindu demo failed (${r.error || r.status}):\n${r.stderr}`);
	}
	return { dir, db, item };
}

// Serves db on a free loopback port; resolves to { base, proc, stderr() }.
function serve(db) {
	const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'],
		{ env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			proc.kill('SIGTERM');
			reject(new Error(`jindu serve did not start:\n${stderr}`));
		}, 20000);
		proc.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		proc.stderr.setEncoding('utf8').on('data', (d) => {
			stderr += d;
			const m = /jindu: serving .* on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
			if (m) {
				clearTimeout(timer);
				resolve({ base: m[1], proc, exited, stderr: () => stderr });
			}
		});
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`jindu serve exited with ${code} before serving:\n${stderr}`));
		});
	});
}

function launchBrowser() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// The whole set-up: demo database, server, browser. close() undoes all of it
// and is safe to call twice or after a partial start.
async function start() {
	const env = { base: null, browser: null, server: null, demo: null };
	env.close = async () => {
		if (env.browser) {
			const b = env.browser;
			env.browser = null;
			await b.close().catch(() => {});
		}
		if (env.server) {
			const s = env.server;
			env.server = null;
			if (s.proc.exitCode === null && s.proc.signalCode === null)
				s.proc.kill('SIGTERM');
			let timer;
			await Promise.race([s.exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
			clearTimeout(timer);
			if (s.proc.exitCode === null && s.proc.signalCode === null)
				s.proc.kill('SIGKILL');
		}
		if (env.demo) {
			if (!process.env.JINDU_TEST_KEEP)
				fs.rmSync(env.demo.dir, { recursive: true, force: true });
			live.delete(env.demo.item);
			env.demo = null;
		}
	};
	try {
		env.demo = createDemo();
		env.server = await serve(env.demo.db);
		env.demo.item.proc = env.server.proc;
		env.base = env.server.base;
		env.browser = await launchBrowser();
	} catch (e) {
		await env.close();
		throw e;
	}
	return env;
}

// A fresh browser context (its own cookies) in Chinese at the screenshot size.
function newContext(env, opts = {}) {
	return env.browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', baseURL: env.base,
		timezoneId: 'Asia/Shanghai', ...opts });
}

// Records what a page reports as wrong: console errors (CSP violations and
// failed loads among them), uncaught exceptions, and securitypolicyviolation
// events. problems() lists them, leaving out those an `allow` regexp matches.
async function watch(page) {
	const seen = [];
	page.on('console', (msg) => {
		const t = msg.type();
		if (t === 'error' || (t === 'warning' && /Content.Security.Policy/i.test(msg.text())))
			seen.push(`console ${t} on ${page.url()}: ${msg.text()} [${msg.location().url || ''}]`);
	});
	page.on('pageerror', (err) => seen.push(`uncaught exception on ${page.url()}: ${err.message}`));
	// An init script runs before the page's own and is not subject to its CSP.
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
		});
	});
	return {
		problems(allow = []) {
			return seen.filter((s) => !allow.some((re) => re.test(s)));
		},
	};
}

// Signs in through the login form on the current page (or opens /login first)
// and waits for the page the server sends the user to.
async function login(page, user, password = PASSWORD) {
	if (!page.url().startsWith('http') || new URL(page.url()).pathname !== '/login')
		await page.goto('/login');
	await page.fill('input[name=login]', user);
	await page.fill('input[name=password]', password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.click('#login-form button[type=submit]'),
	]);
}

async function logout(page) {
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.click('#logout'),
	]);
}

// GET url as the page's signed-in user (the session cookie goes along).
function fetchJson(page, url) {
	return page.evaluate(async (u) => {
		const res = await fetch(u, { headers: { accept: 'application/json' } });
		return { status: res.status, json: await res.json() };
	}, url);
}

// Waits until every chart on the page has been drawn by ECharts.
async function chartsDrawn(page) {
	await page.waitForFunction(() => {
		const charts = [...document.querySelectorAll('.chart')];
		return charts.length > 0 && charts.every((c) => c.dataset.drawn === '1' && c.querySelector('canvas'));
	}, null, { timeout: 15000 });
}

// GB 11643: the check character of the first 17 digits of an ID number.
function checkChar(first17) {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	let s = 0;
	for (let i = 0; i < 17; i++)
		s += w[i] * Number(first17[i]);
	return '10X98765432'[s % 11];
}

module.exports = {
	ROOT, BIN, PASSWORD, TODAY, VIEWPORT, COUNTY, TOWNS,
	start, newContext, watch, login, logout, fetchJson, chartsDrawn, checkChar,
};
