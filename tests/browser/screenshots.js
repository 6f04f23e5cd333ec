'use strict';
// screenshots.js - `make screenshots`: full-page PNGs of the main pages of the
// demo county, at 1366x900, into docs/screenshots/. Each page is taken as the
// user who would normally look at it. Console errors and CSP violations seen on
// the way are printed and make the run fail.

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, TOWNS, start, newContext, watch, login, chartsDrawn, checkChar } = require('./lib');

const OUT = path.join(ROOT, 'docs', 'screenshots');
// The form-errors page is answered with 422, which chromium logs.
const FORM_422 = /status of 422 .*\/persons\]$/;

async function shot(page, name) {
	// Web fonts are local, but let layout settle after the last change.
	await page.evaluate(() => document.fonts.ready);
	const file = path.join(OUT, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
	console.log(`  ${path.relative(ROOT, file)}`);
}

// A page for `user` (or signed out when user is null) in a fresh context.
async function session(env, user, problems) {
	const ctx = await newContext(env);
	const page = await ctx.newPage();
	const seen = await watch(page);
	if (user)
		await login(page, user);
	return {
		page,
		async close() {
			problems.push(...seen.problems([FORM_422]));
			await ctx.close();
		},
	};
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const problems = [];
	const env = await start();
	try {
		// The login page, signed out.
		let s = await session(env, null, problems);
		await s.page.goto('/login');
		await shot(s.page, 'login');
		await s.close();

		// The administrator: overview, organisation, users, a form with errors.
		s = await session(env, 'admin', problems);
		await s.page.goto('/');
		await chartsDrawn(s.page);
		await shot(s.page, 'home');
		await s.page.goto('/org');
		await shot(s.page, 'org');
		await s.page.goto('/users');
		await shot(s.page, 'users');
		await s.page.goto('/alerts/stats');
		await shot(s.page, 'alert-stats');
		// the indicators of the last full quarter, by township for 脱管失控,
		// and the persons behind one number
		await s.page.goto('/indicators?period=2026Q3&indicator=lost');
		await shot(s.page, 'indicators');
		await s.page.goto(`/indicators/lost/records?period=2026Q3&division=${TOWNS.enjiang.code}`);
		await shot(s.page, 'indicator-records');
		await s.page.goto('/feeds');
		await shot(s.page, 'feeds');
		await s.page.goto('/feeds/hotel-yf');
		await shot(s.page, 'feed-source');
		await s.page.goto('/persons/new');
		const first17 = `${TOWNS.enjiang.code.slice(0, 6)}19880203731`;
		await s.page.fill('#f-id_number', first17 + (checkChar(first17) === '0' ? '1' : '0'));
		await s.page.fill('#f-alias', '阿辉');
		await s.page.fill('#f-phone', '1390796');
		await s.page.selectOption('#f-division', `${TOWNS.enjiang.code}001`);
		await s.page.fill('#f-first_found_date', '2026-05-06');
		await s.page.check('input[name=drug_types][value=meth]');
		await Promise.all([
			s.page.waitForResponse((r) => r.request().method() === 'POST'),
			s.page.click('#person-form button[type=submit]'),
		]);
		await s.page.waitForLoadState();
		await s.page.locator('.field-error').first().waitFor();
		await shot(s.page, 'person-form-errors');

		// The same overview in English, switched from the top bar (which
		// lands on the account page, so go back to the overview).
		await s.page.goto('/');
		await Promise.all([
			s.page.waitForNavigation(),
			s.page.locator('.topbar button', { hasText: 'English' }).click(),
		]);
		await s.page.locator('html[lang=en]').waitFor();
		if (new URL(s.page.url()).pathname !== '/')
			await s.page.goto('/');
		await chartsDrawn(s.page);
		await shot(s.page, 'home-en');
		await s.close();

		// The township officer: the persons list, a file, the account page.
		s = await session(env, 'officer.enjiang', problems);
		await s.page.goto('/persons');
		await shot(s.page, 'persons');
		const first = s.page.locator('#results tbody tr a[href^="/persons/"]').first();
		await Promise.all([
			s.page.waitForURL((u) => /^\/persons\/\d+$/.test(u.pathname)),
			first.click(),
		]);
		await shot(s.page, 'person');
		// The worklist, and the file of someone on it with an open measure.
		await s.page.goto('/work?view=all');
		await shot(s.page, 'work');
		const onList = s.page.locator('#worklist tbody tr a[href^="/persons/"]').first();
		await Promise.all([
			s.page.waitForURL((u) => /^\/persons\/\d+$/.test(u.pathname)),
			onList.click(),
		]);
		await shot(s.page, 'person-control');
		// The alerts of the township, and one of them.
		await s.page.goto('/alerts');
		await shot(s.page, 'alerts');
		const alert = s.page.locator('#alerts tbody tr a[href^="/alerts/"]').first();
		await Promise.all([
			s.page.waitForURL((u) => /^\/alerts\/\d+$/.test(u.pathname)),
			alert.click(),
		]);
		await shot(s.page, 'alert');
		await s.page.goto('/policy');
		await shot(s.page, 'policy');
		await s.page.goto('/account');
		await shot(s.page, 'account');
		await s.close();

		// The police: the drug cases, and an extra-large one.
		s = await session(env, 'police', problems);
		await s.page.goto('/cases');
		await shot(s.page, 'cases');
		const extra = s.page.locator('#case-list tbody tr:has(.g-extra) a[href^="/cases/"]').first();
		await Promise.all([
			s.page.waitForURL((u) => /^\/cases\/\d+$/.test(u.pathname)),
			extra.click(),
		]);
		await shot(s.page, 'case');
		// The police: the ring of the demo county, drawn around its hub.
		s = await session(env, 'police', problems);
		await s.page.goto('/network');
		await Promise.all([
			s.page.waitForURL((u) => /^\/network\/\d+$/.test(u.pathname)),
			s.page.locator('#groups tbody tr a', { hasText: '查看关系图' }).first().click(),
		]);
		await s.page.waitForFunction(() => document.getElementById('netgraph').dataset.nodes,
			null, { timeout: 15000 });
		await s.page.waitForTimeout(3000); // the force layout settles
		await shot(s.page, 'network');
		await s.close();

		// The auditor: the audit log.
		s = await session(env, 'auditor', problems);
		await s.page.goto('/audit');
		await shot(s.page, 'audit');
		await s.close();
	} finally {
		await env.close();
	}
	if (problems.length) {
		console.error(`screenshots: the pages reported problems:\n  ${problems.join('\n  ')}`);
		process.exitCode = 1;
	}
}

main().catch((e) => {
	console.error(`screenshots: ${e.stack || e}`);
	process.exitCode = 1;
});
