'use strict';
// pages.test.js - the HTML pages as a browser gets them: status, size,
// security headers, no inline script or style, cached assets, the person form
// with errors, and the persons list's paging, sorting and filters.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber, idWithBadCheck,
	createPerson, assertPageHeaders, personRows, formFields } = require('./lib');

let env, srv, adminToken, admin, auditor;
const persons = []; // { id, name, town, status }
const villages = {}; // town -> village codes

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董'.split('');
const GIVEN = ['建国', '秀英', '志强', '丽华', '海涛'];

before(async () => {
	env = initDb();
	addUser(env.db, 'aud', 'auditor', '360825');
	adminToken = createToken(env.db, 'admin');
	srv = await startServer(env.db);

	for (const town of ['enjiang', 'kengtian', 'shima']) {
		const d = await api(srv.base, adminToken, 'GET', `/api/v1/divisions/${TOWNS[town].code}`);
		villages[town] = d.json.children.map((c) => c.code);
	}
	// 35 persons: 20 in 恩江镇, 10 in 坑田镇 (every other one lost), 5 in 石马镇;
	// three of them named 欧阳…
	for (let i = 0; i < 35; i++) {
		const town = i < 20 ? 'enjiang' : i < 30 ? 'kengtian' : 'shima';
		const name = i % 12 === 5 ? `欧阳${GIVEN[i % 5]}${i}` : `${SURNAMES[i]}${GIVEN[i % 5]}`;
		const status = town === 'kengtian' && i % 2 ? 'lost' : 'in_control';
		const p = await createPerson(srv.base, adminToken, {
			id_number: idNumber(i * 37 + 11), name, control_status: status,
			division: villages[town][i % villages[town].length],
			first_found_date: `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`,
		});
		persons.push({ id: p.id, name, town, status });
	}
	admin = new Client(srv.base);
	await admin.signIn('admin');
	auditor = new Client(srv.base);
	await auditor.signIn('aud');
});

after(async () => {
	if (srv)
		await srv.stop();
});

// What every generated page must be: headers, size, no inline code.
function assertCleanPage(res, what) {
	assertPageHeaders(res, what);
	assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8$/, what);
	assert.ok(Buffer.byteLength(res.text) < 200 * 1024, `${what}: ${Buffer.byteLength(res.text)} bytes`);
	assert.match(res.text, /^<!DOCTYPE html>\n<html lang="zh-CN">/, what);
	assert.match(res.text, /<title>[^<]+<\/title>/, what);
	for (const m of res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		assert.match(m[1], /\bsrc="\/static\/[^"]+\?v=[0-9a-f]+"/, `${what}: script without src: <script${m[1]}>`);
		assert.equal(m[2], '', `${what}: inline script content`);
	}
	assert.equal((res.text.match(/<script\b/g) || []).length,
		[...res.text.matchAll(/<script\b[^>]*><\/script>/g)].length, `${what}: every script is empty`);
	assert.doesNotMatch(res.text, /\sstyle=["']/, `${what}: style attribute`);
	assert.doesNotMatch(res.text, /<style\b/, `${what}: style element`);
	assert.doesNotMatch(res.text, /\son[a-z]+\s*=/i, `${what}: inline event handler`);
	assert.doesNotMatch(res.text, /javascript:/i, `${what}: javascript: URL`);
}

test('every main page returns 200, clean and small', async () => {
	const p = persons[0];
	const users = await api(srv.base, adminToken, 'GET', '/api/v1/users');
	const audId = users.json.items.find((u) => u.login === 'aud').id;
	const pages = [
		[admin, '/'], [admin, '/persons'], [admin, '/persons/new'], [admin, `/persons/${p.id}`],
		[admin, `/persons/${p.id}/edit`], [admin, '/org'], [admin, `/org?code=${TOWNS.enjiang.code}`],
		[admin, '/users'], [admin, '/users/new'], [admin, `/users/${audId}`], [admin, '/account'],
		[auditor, '/audit'], [auditor, '/'], [auditor, '/account'],
		[new Client(srv.base), '/login'],
	];
	for (const [c, url] of pages) {
		const res = await c.get(url);
		assert.equal(res.status, 200, `GET ${url}: ${res.status}`);
		assertCleanPage(res, `GET ${url}`);
		if (url !== '/login') {
			assert.match(res.text, /<main id="main">[\s\S]*<h1>[^<]+<\/h1>/, url);
			assert.match(res.text, /hx-headers='\{"X-CSRF-Token": "[^"]+"\}'/, `${url}: CSRF for htmx`);
		}
	}
	// The person file names its person; the edit form holds the version.
	const file = await admin.get(`/persons/${p.id}`);
	assert.match(file.text, new RegExp(`<h1>${p.name}</h1>`));
	const edit = await admin.get(`/persons/${p.id}/edit`);
	assert.match(edit.text, /<input type="hidden" name="version" value="1">/);
});

test('error pages are clean too', async () => {
	const missing = await admin.get('/persons/999999');
	assert.equal(missing.status, 404);
	assertCleanPage(missing, '404');
	assert.match(missing.text, /找不到该人员档案/);
	const forbidden = await admin.get('/audit');
	assert.equal(forbidden.status, 403);
	assertCleanPage(forbidden, '403');
	assert.match(forbidden.text, /无权访问/);
	const nothing = await admin.get('/nothing');
	assert.equal(nothing.status, 404);
	assertCleanPage(nothing, 'unknown path');
});

test('static assets are served with a one-year immutable cache', async () => {
	const home = await admin.get('/');
	const referenced = [...home.text.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
	assert.ok(referenced.length >= 3, 'the page links its assets');
	const urls = ['/static/htmx.min.js', '/static/echarts.min.js', '/static/app.css', '/static/app.js',
		...referenced];
	for (const url of urls) {
		const res = await fetch(srv.base + url);
		assert.equal(res.status, 200, url);
		const cc = res.headers.get('cache-control') || '';
		assert.match(cc, /max-age=31536000/, `${url}: ${cc}`);
		assert.match(cc, /immutable/, `${url}: ${cc}`);
		assert.equal(res.headers.get('x-content-type-options'), 'nosniff', url);
		const type = res.headers.get('content-type');
		const ext = /\.([a-z0-9]+)(?:\?|$)/.exec(url)[1];
		const types = { css: /^text\/css/, js: /^text\/javascript/, svg: /^image\/svg\+xml/, png: /^image\/png/, ico: /^image\/x-icon/ };
		assert.ok(types[ext], `${url}: an expected kind of asset`);
		assert.match(type, types[ext], url);
		const body = Buffer.from(await res.arrayBuffer());
		assert.ok(body.length > 100, `${url} has content`);
	}
	for (const url of ['/static/nope.js', '/static/../jindu.db', '/static/%2e%2e/x']) {
		const res = await fetch(srv.base + url);
		assert.equal(res.status, 404, url);
		await res.arrayBuffer();
	}
});

test('the person form with errors: 422, each error next to its field, the input kept', async () => {
	const form = await admin.get('/persons/new');
	assert.equal(form.status, 200);
	const typed = {
		id_number: idWithBadCheck('36082519850607123'),
		name: '',
		alias: '阿<b>三',
		phone: '电话号码',
		division: villages.kengtian[1],
		household_address: '永丰县恩江镇"测试"路1号',
		control_status: 'lost',
		addiction: 'addicted',
		registered: '0',
		first_found_date: '2021-02-03',
		drug_types: ['meth', 'heroin'],
		special_status: ['hiv'],
		note: '备注 <script>alert(1)</script>',
	};
	const res = await admin.post('/persons', typed);
	assert.equal(res.status, 422);
	assertCleanPage(res, 'POST /persons with errors');
	assert.match(res.text, /有 3 处需要修改/);

	const bad = ['id_number', 'name', 'phone'];
	for (const f of bad) {
		const re = new RegExp(`<div class="field has-error"><label for="f-${f}">[\\s\\S]*?</label>` +
			`<input [^>]*name="${f}" aria-invalid="true" aria-describedby="e-${f}"[^>]*>` +
			`<p class="field-error" id="e-${f}">[^<]+</p></div>`);
		assert.match(res.text, re, `error next to ${f}`);
	}
	assert.match(res.text, /id="e-id_number">身份证号校验位错误/);
	assert.match(res.text, /id="e-name">请填写姓名/);
	assert.equal((res.text.match(/class="field-error"/g) || []).length, bad.length, 'no other field is marked');

	// What was typed comes back, escaped, in every field.
	const kept = formFields(res.text, 'person-form');
	const get = (k) => kept.filter(([n]) => n === k).map(([, v]) => v);
	for (const k of ['id_number', 'name', 'alias', 'phone', 'division', 'household_address',
		'control_status', 'addiction', 'registered', 'first_found_date', 'note'])
		assert.deepEqual(get(k), [typed[k]], k);
	assert.deepEqual(get('drug_types').sort(), ['heroin', 'meth']);
	assert.deepEqual(get('special_status'), ['hiv']);
	assert.match(res.text, /value="阿&lt;b&gt;三"/);
	assert.match(res.text, /value="永丰县恩江镇&quot;测试&quot;路1号"/);
	assert.ok(!res.text.includes('<script>alert(1)</script>'), 'the note is escaped');

	// Nothing was stored; correcting the fields saves.
	const fixed = await admin.post('/persons', { ...typed, id_number: idNumber(9999), name: '改正后',
		phone: '0796-1234567' });
	assert.equal(fixed.status, 303, fixed.text.slice(0, 300));
	assert.match(fixed.location, /^\/persons\/\d+$/);
	const saved = await admin.get(fixed.location);
	assert.match(saved.text, /改正后/);
	assert.match(saved.text, /脱管失控/);
	const del = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${fixed.location.split('/')[2]}`);
	assert.equal(del.json.note, typed.note);
	assert.equal(del.json.registered, false);
	persons.push({ id: del.json.id, name: '改正后', town: 'kengtian', status: 'lost' });
});

test('the unit form: errors next to their fields, then the new unit is listed', async () => {
	const org = await admin.get('/org');
	assert.match(org.text, /id="unit-form"/);
	const typed = { name: '', kind: 'member', division: `${TOWNS.shima.code}999`, phone: '0796-7654321' };
	const res = await admin.post('/org/units', typed);
	assert.equal(res.status, 422);
	assertCleanPage(res, 'POST /org/units with errors');
	for (const f of ['name', 'division'])
		assert.match(res.text, new RegExp(`name="${f}" aria-invalid="true"[^>]*>(?:<option[^]*?</select>)?<p class="field-error"`), f);
	const kept = formFields(res.text, 'unit-form');
	assert.deepEqual(kept.find(([k]) => k === 'phone'), ['phone', typed.phone]);
	assert.deepEqual(kept.find(([k]) => k === 'kind'), ['kind', 'member']);

	const ok = await admin.post('/org/units', { ...typed, name: '石马镇司法所', division: TOWNS.shima.code });
	assert.equal(ok.status, 303);
	assert.equal(ok.location, `/org?code=${TOWNS.shima.code}`);
	const listed = await admin.get(ok.location);
	assert.match(listed.text, /<td>石马镇司法所<\/td>/);
	const units = await api(srv.base, adminToken, 'GET', '/api/v1/units');
	assert.ok(units.json.items.some((u) => u.name === '石马镇司法所' && u.division === TOWNS.shima.code));
});

test('the user form refuses divisions and units that do not exist, on their fields', async () => {
	const typed = { login: 'newbie', name: '新人', role: 'officer', division: `${TOWNS.enjiang.code}999`,
		unit_id: 9999, phone: '', initial_password: 'Long-enough-42' };
	const res = await admin.post('/users', typed);
	assert.equal(res.status, 422);
	assertCleanPage(res, 'POST /users with errors');
	assert.match(res.text, /<p class="field-error" id="e-division">/);
	assert.match(res.text, /<select id="f-unit_id" name="unit_id" aria-invalid="true" aria-describedby="e-unit_id">[^]*?<\/select><p class="field-error" id="e-unit_id">/);
	assert.doesNotMatch(res.text, /id="e-login"/, 'the login is fine');
	assert.doesNotMatch(res.text, /database error|FOREIGN KEY/i, 'no internals on the page');

	const made = await admin.post('/users', { ...typed, division: TOWNS.enjiang.code, unit_id: 0 });
	assert.equal(made.status, 303);
	assert.match(made.location, /^\/users\/\d+$/);
	const again = await admin.post('/users', { ...typed, division: TOWNS.enjiang.code, unit_id: 0 });
	assert.equal(again.status, 422);
	assert.match(again.text, /<p class="field-error" id="e-login">该用户名已被使用<\/p>/);
	const edit = await admin.post(made.location, { action: 'save', name: '新人', role: 'officer',
		division: TOWNS.enjiang.code, unit_id: 9999 });
	assert.equal(edit.status, 422);
	assert.doesNotMatch(edit.text, /database error|FOREIGN KEY/i);
	const moved = await admin.post(made.location, { action: 'save', name: '新人', role: 'officer',
		division: `${TOWNS.kengtian.code}999`, unit_id: 0 });
	assert.equal(moved.status, 422);
	assert.match(moved.text, /<p class="field-error" id="e-division">/);
});

test('the persons list pages by 30', async () => {
	const all = persons.map((p) => p.id).sort((a, b) => a - b);
	const one = await admin.get('/persons');
	const two = await admin.get('/persons?page=2');
	const three = await admin.get('/persons?page=3');
	const r1 = personRows(one.text), r2 = personRows(two.text), r3 = personRows(three.text);
	assert.equal(r1.length, 30);
	assert.equal(r2.length, persons.length - 30);
	assert.equal(r3.length, 0);
	assert.match(three.text, /没有符合条件的人员/);
	assert.deepEqual([...r1, ...r2].map((r) => r.id).sort((a, b) => a - b), all, 'every person once');
	assert.match(one.text, new RegExp(`共 ${persons.length} 条，第 1 / 2 页`));
	assert.match(two.text, new RegExp(`共 ${persons.length} 条，第 2 / 2 页`));
	assert.match(one.text, /<a href="\/persons\?page=2">下一页<\/a>/);
	// Only masked numbers in the list.
	assert.equal((one.text.match(/<td class="mono">\d{4}\*{10}\d{3}[\dX]<\/td>/g) || []).length, 30);
});

test('sorting by name, both ways, across pages', async () => {
	const names = persons.map((p) => p.name);
	const asc = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const up1 = await admin.get('/persons?sort=name&dir=asc');
	const up2 = await admin.get('/persons?sort=name&dir=asc&page=2');
	assert.deepEqual([...personRows(up1.text), ...personRows(up2.text)].map((r) => r.name), asc);
	assert.match(up1.text, /<th class="sorted asc"><a href="\/persons\?sort=name&amp;dir=desc">姓名<\/a><\/th>/);
	assert.match(up1.text, /<a href="\/persons\?sort=name&amp;dir=asc&amp;page=2">下一页<\/a>/, 'the pager keeps the order');
	const down = await admin.get('/persons?sort=name&dir=desc');
	assert.deepEqual(personRows(down.text).map((r) => r.name), [...asc].reverse().slice(0, 30));
});

test('filters: status, name fragment, township, and together', async () => {
	const ids = (res) => personRows(res.text).map((r) => r.id).sort((a, b) => a - b);
	const want = (f) => persons.filter(f).map((p) => p.id).sort((a, b) => a - b);

	const lost = await admin.get('/persons?status=lost');
	assert.equal(lost.status, 200);
	assert.deepEqual(ids(lost), want((p) => p.status === 'lost'));
	assert.match(lost.text, /<option value="lost" selected>/);
	assert.equal((lost.text.match(/<span class="status s-lost">/g) || []).length, ids(lost).length);

	const ouyang = await admin.get(`/persons?q=${encodeURIComponent('欧阳')}`);
	assert.deepEqual(ids(ouyang), want((p) => p.name.includes('欧阳')));
	assert.ok(ids(ouyang).length >= 3);
	assert.match(ouyang.text, /<input type="search" name="q" [^>]*value="欧阳">/);

	const kt = await admin.get(`/persons?division=${TOWNS.kengtian.code}`);
	assert.deepEqual(ids(kt), want((p) => p.town === 'kengtian'));
	assert.match(kt.text, new RegExp(`<option value="${TOWNS.kengtian.code}" selected>坑田镇</option>`));

	const both = await admin.get(`/persons?division=${TOWNS.kengtian.code}&status=lost`);
	assert.deepEqual(ids(both), want((p) => p.town === 'kengtian' && p.status === 'lost'));

	const none = await admin.get(`/persons?q=${encodeURIComponent('不存在的名字')}`);
	assert.equal(personRows(none.text).length, 0);
	assert.match(none.text, /共 0 条/);

	for (const bad of ['status=bogus', 'division=999', 'division=360826100', 'addiction=x'])
		assert.equal((await admin.get(`/persons?${bad}`)).status, 400, bad);
});

test('htmx requests (HX-Request: true) get the same page', async () => {
	for (const url of ['/persons', `/persons?status=lost&division=${TOWNS.kengtian.code}`, '/persons?page=2']) {
		const plain = await admin.get(url);
		const htmx = await admin.get(url, { headers: { 'HX-Request': 'true' } });
		assert.equal(htmx.status, 200, url);
		assertCleanPage(htmx, `htmx ${url}`);
		assert.equal(htmx.text, plain.text, url);
	}
});

test('the server shuts down cleanly on SIGTERM', async () => {
	await srv.stop();
});
