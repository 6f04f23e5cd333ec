'use strict';
// api.test.js - the JSON API under /api/v1: tokens, error format, validation,
// duplicates, masking, optimistic locking, limits, health and metrics.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, api, idNumber, idWithBadCheck,
	maskId } = require('./lib');

let env, srv, admin, officer;

before(async () => {
	env = initDb();
	addUser(env.db, 'ej', 'officer', TOWNS.enjiang.code, { name: '恩江专干' });
	admin = createToken(env.db, 'admin');
	officer = createToken(env.db, 'ej');
	srv = await startServer(env.db);
});

after(async () => {
	if (srv)
		await srv.stop();
});

function assertError(res, status, code) {
	assert.equal(res.status, status, res.text);
	assert.match(res.headers.get('content-type'), /^application\/json/);
	assert.ok(res.json && res.json.error, `error body: ${res.text}`);
	assert.equal(res.json.error.code, code);
	assert.equal(typeof res.json.error.message, 'string');
	assert.ok(res.json.error.message.length > 0);
	assert.ok('field' in res.json.error, 'error.field is present (may be null)');
}

test('a bearer token signs in: GET /api/v1/me', async () => {
	const me = await api(srv.base, officer, 'GET', '/api/v1/me');
	assert.equal(me.status, 200);
	assert.match(me.headers.get('content-type'), /^application\/json; charset=utf-8/);
	assert.equal(me.json.login, 'ej');
	assert.equal(me.json.name, '恩江专干');
	assert.equal(me.json.role, 'officer');
	assert.equal(me.json.division, TOWNS.enjiang.code);
	assert.equal(me.json.division_name, TOWNS.enjiang.name);
	assert.equal(me.json.totp_enabled, false);
	assert.deepEqual(me.json.modules, { home: 'read', person: 'write', org: 'read', stats: 'read' });
	assert.equal(me.headers.get('x-content-type-options'), 'nosniff');
	assert.equal(me.headers.get('cache-control'), 'no-store');

	const adm = await api(srv.base, admin, 'GET', '/api/v1/me');
	assert.deepEqual(adm.json.modules, { home: 'read', person: 'write', org: 'write', users: 'write', feed: 'write',
		case: 'read', stats: 'read' });
});

test('no token or a bad token: 401 with the JSON error format', async () => {
	assertError(await api(srv.base, null, 'GET', '/api/v1/me'), 401, 'unauthenticated');
	assertError(await api(srv.base, 'jdt_not-a-real-token', 'GET', '/api/v1/me'), 401, 'unauthenticated');
	assertError(await api(srv.base, `${admin}x`, 'GET', '/api/v1/persons'), 401, 'unauthenticated');
	assertError(await api(srv.base, 'garbage', 'GET', '/api/v1/me'), 401, 'unauthenticated');
	const res = await api(srv.base, 'bad', 'GET', '/api/v1/me');
	assert.deepEqual(Object.keys(res.json), ['error']);
	assert.equal(res.json.error.field, null);
	// No redirect to the login page for API clients.
	assert.equal(res.headers.get('location'), null);
});

test('unknown paths give 404 and wrong methods 405, as JSON under /api', async () => {
	assertError(await api(srv.base, admin, 'GET', '/api/v1/nothing-here'), 404, 'not_found');
	assertError(await api(srv.base, null, 'GET', '/api/v2/persons'), 404, 'not_found');
	assertError(await api(srv.base, admin, 'GET', '/api/v1/persons/1/extra'), 404, 'not_found');
	const del = await api(srv.base, admin, 'DELETE', '/api/v1/persons');
	assertError(del, 405, 'method_not_allowed');
	// Allow names exactly the methods the resource has.
	assert.equal(del.headers.get('allow'), 'GET, POST');
	const put = await api(srv.base, admin, 'PUT', '/api/v1/me', {});
	assertError(put, 405, 'method_not_allowed');
	assert.equal(put.headers.get('allow'), 'GET');
	const one = await api(srv.base, admin, 'DELETE', '/api/v1/persons/1');
	assertError(one, 405, 'method_not_allowed');
	assert.equal(one.headers.get('allow'), 'GET, PATCH');
	// A page path answers with a page, unless JSON is asked for.
	const page = await fetch(`${srv.base}/no-such-page`);
	assert.equal(page.status, 404);
	assert.match(page.headers.get('content-type'), /^text\/html/);
	assert.match(await page.text(), /找不到该页面/);
	const asJson = await fetch(`${srv.base}/no-such-page`, { headers: { accept: 'application/json' } });
	assert.equal(asJson.status, 404);
	assert.equal((await asJson.json()).error.code, 'not_found');
});

test('POST /api/v1/persons with invalid fields: 422 naming every bad field', async () => {
	const bad = {
		id_number: idWithBadCheck(`${TOWNS.enjiang.code.slice(0, 6)}19880203123`),
		name: '',
		division: '360826100001', // 泰和县, another county
		first_found_date: '2020-01-01',
	};
	const res = await api(srv.base, admin, 'POST', '/api/v1/persons', bad);
	assertError(res, 422, 'invalid');
	assert.equal(res.json.error.field, 'id_number', 'the first error is the headline');
	assert.match(res.json.error.message, /校验位/);
	const fields = res.json.error.fields.map((f) => f.field).sort();
	assert.deepEqual(fields, ['division', 'id_number', 'name']);
	for (const f of res.json.error.fields)
		assert.ok(f.message.length > 0, `message for ${f.field}`);
	assert.match(res.json.error.fields.find((f) => f.field === 'division').message, /辖区/);

	// The township officer may not file a person in the next township.
	const other = await api(srv.base, officer, 'POST', '/api/v1/persons', {
		id_number: idNumber(1), name: '越界', division: `${TOWNS.kengtian.code}001`,
		first_found_date: '2020-01-01',
	});
	assertError(other, 422, 'invalid');
	assert.deepEqual(other.json.error.fields.map((f) => f.field), ['division']);

	// More kinds of bad input, each named.
	const more = await api(srv.base, admin, 'POST', '/api/v1/persons', {
		id_number: idNumber(2), name: '某某', division: '360825', first_found_date: '2999-01-01',
		control_status: 'escaped', drug_types: 'meth,tea', phone: 'call me',
	});
	assertError(more, 422, 'invalid');
	assert.deepEqual(more.json.error.fields.map((f) => f.field).sort(),
		['control_status', 'division', 'drug_types', 'first_found_date', 'phone']);

	// A well-formed code that names no division is a field error, not a failure.
	const ghost = await api(srv.base, admin, 'POST', '/api/v1/persons', {
		id_number: idNumber(3), name: '某某', division: `${TOWNS.kengtian.code}999`,
		first_found_date: '2020-01-01',
	});
	assertError(ghost, 422, 'invalid');
	assert.deepEqual(ghost.json.error.fields.map((f) => f.field), ['division']);

	// Not JSON at all.
	const notJson = await api(srv.base, admin, 'POST', '/api/v1/persons', '{"name": ');
	assertError(notJson, 400, 'bad_json');
	const list = await api(srv.base, admin, 'GET', '/api/v1/persons');
	assert.equal(list.json.total, 0, 'nothing was stored');
});

let first; // the person created below

test('a valid person: 201 with Location; a duplicate ID number: 409 with existing_id', async () => {
	const id = idNumber(10);
	const res = await api(srv.base, officer, 'POST', '/api/v1/persons', {
		id_number: id, name: '王建国', division: `${TOWNS.enjiang.code}001`,
		first_found_date: '2021-03-04', control_status: 'in_control', addiction: 'addicted',
		drug_types: 'meth,ketamine', alias: '阿国', phone: '139-0000-0000', registered: true,
	});
	assert.equal(res.status, 201, res.text);
	assert.equal(res.headers.get('location'), `/api/v1/persons/${res.json.id}`);
	assert.ok(res.json.id > 0);
	assert.equal(res.json.name, '王建国');
	assert.equal(res.json.id_number_masked, maskId(id));
	assert.equal(res.json.sex, Number(id[16]) % 2 ? 'M' : 'F');
	assert.equal(res.json.birth_date, `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
	assert.equal(res.json.version, 1);
	assert.equal(res.json.drug_types, 'meth,ketamine');
	assert.ok(!res.text.includes(id), 'the full ID number is not in the answer');
	first = { ...res.json, id_number: id };

	// Same number again, in lower case x or with spaces: still the same person.
	const dup = await api(srv.base, admin, 'POST', '/api/v1/persons', {
		id_number: ` ${id} `, name: '王建国', division: `${TOWNS.enjiang.code}002`,
		first_found_date: '2021-03-04',
	});
	assertError(dup, 409, 'duplicate');
	assert.equal(dup.json.error.existing_id, first.id);
	assert.equal(dup.json.error.field, 'id_number');
	assert.equal(dup.headers.get('location'), `/api/v1/persons/${first.id}`);

	const list = await api(srv.base, admin, 'GET', '/api/v1/persons');
	assert.equal(list.json.total, 1);
});

test('GET /api/v1/persons/{id} and the list show the masked ID only', async () => {
	const one = await api(srv.base, officer, 'GET', `/api/v1/persons/${first.id}`);
	assert.equal(one.status, 200);
	assert.equal(one.json.id, first.id);
	assert.equal(one.json.id_number_masked, maskId(first.id_number));
	assert.match(one.json.id_number_masked, /^\d{4}\*{10}\d{3}[\dX]$/);
	assert.ok(!('id_number' in one.json));
	assert.ok(!one.text.includes(first.id_number));
	assert.equal(one.json.alias, '阿国');
	assert.equal(one.json.addiction, 'addicted');
	assert.equal(one.json.division_name, '八一居委会');

	const list = await api(srv.base, officer, 'GET', '/api/v1/persons?limit=10');
	assert.equal(list.status, 200);
	assert.equal(list.json.total, 1);
	assert.equal(list.json.limit, 10);
	assert.equal(list.json.offset, 0);
	assert.equal(list.json.items.length, 1);
	assert.equal(list.json.items[0].id_number_masked, maskId(first.id_number));
	assert.ok(!list.text.includes(first.id_number), 'never the full number in lists');

	// Searching by the full number finds the person, still masked.
	const byId = await api(srv.base, officer, 'GET', `/api/v1/persons?q=${first.id_number}`);
	assert.equal(byId.json.total, 1);
	assert.ok(!byId.text.includes(first.id_number));

	assertError(await api(srv.base, officer, 'GET', '/api/v1/persons/999999'), 404, 'not_found');
	assertError(await api(srv.base, officer, 'GET', '/api/v1/persons/abc'), 404, 'not_found');
});

test('PATCH: version required (400), stale version (409), current version (200)', async () => {
	const url = `/api/v1/persons/${first.id}`;
	const nover = await api(srv.base, officer, 'PATCH', url, { note: '无版本' });
	assertError(nover, 400, 'version_required');
	assert.equal(nover.json.error.field, 'version');

	const ok = await api(srv.base, officer, 'PATCH', url, { version: 1, control_status: 'lost', note: '失联' });
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.json.version, 2);
	assert.equal(ok.json.control_status, 'lost');
	assert.equal(ok.json.note, '失联');
	assert.equal(ok.json.name, '王建国', 'fields left out keep their values');
	assert.equal(ok.json.alias, '阿国');

	const stale = await api(srv.base, admin, 'PATCH', url, { version: 1, note: '覆盖' });
	assertError(stale, 409, 'conflict');
	const now = await api(srv.base, admin, 'GET', url);
	assert.equal(now.json.note, '失联', 'the stale write changed nothing');
	assert.equal(now.json.version, 2);

	const invalid = await api(srv.base, officer, 'PATCH', url, { version: 2, name: '  ' });
	assertError(invalid, 422, 'invalid');
	assert.equal(invalid.json.error.field, 'name');

	const ghost = await api(srv.base, officer, 'PATCH', url, { version: 2, division: `${TOWNS.enjiang.code}999` });
	assertError(ghost, 422, 'invalid');
	assert.equal(ghost.json.error.field, 'division');

	assertError(await api(srv.base, officer, 'PATCH', '/api/v1/persons/999999', { version: 1 }),
		404, 'not_found');
});

test('a body over 16 MB is refused with 413', async () => {
	const big = `{"name":"${'x'.repeat(16 * 1024 * 1024 + 10)}"}`;
	const res = await api(srv.base, admin, 'POST', '/api/v1/persons', big);
	assertError(res, 413, 'too_large');
	// A form of many fields, each small, is capped as a whole too.
	const field = `a=${'x'.repeat(1024 * 1024)}&`;
	const form = await fetch(`${srv.base}/login`, {
		method: 'POST', body: field.repeat(17),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(form.status, 413);
	await form.arrayBuffer();
	// The server is still fine afterwards.
	const me = await api(srv.base, admin, 'GET', '/api/v1/me');
	assert.equal(me.status, 200);
});

test('/healthz says ok', async () => {
	const res = await fetch(`${srv.base}/healthz`);
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^text\/plain/);
	assert.equal((await res.text()).trim(), 'ok');
});

test('/metrics counts requests by route pattern, with a duration histogram', async () => {
	await api(srv.base, admin, 'GET', `/api/v1/persons/${first.id}`);
	const res = await fetch(`${srv.base}/metrics`);
	assert.equal(res.status, 200);
	assert.match(res.headers.get('content-type'), /^text\/plain/);
	const text = await res.text();
	assert.match(text, /^# TYPE jindu_http_requests_total counter$/m);
	assert.match(text, /^jindu_http_requests_total\{route="\/api\/v1\/me",status="200"\} [1-9]\d*$/m);
	assert.match(text, /^jindu_http_requests_total\{route="\/api\/v1\/persons\/\{id\}",status="200"\} [1-9]\d*$/m);
	assert.match(text, /^jindu_http_requests_total\{route="\/api\/v1\/persons",status="422"\} [1-9]\d*$/m);
	assert.match(text, /^# TYPE jindu_http_request_duration_seconds histogram$/m);
	assert.match(text, /^jindu_http_request_duration_seconds_bucket\{route="\/api\/v1\/me",le="[^"]+"\} \d+$/m);
	assert.match(text, /^jindu_http_request_duration_seconds_bucket\{route="\/api\/v1\/me",le="\+Inf"\} [1-9]\d*$/m);
	assert.match(text, /^jindu_http_request_duration_seconds_count\{route="\/api\/v1\/me"\} [1-9]\d*$/m);
	// Labels are patterns, never concrete ids (bounded cardinality).
	assert.doesNotMatch(text, /route="\/api\/v1\/persons\/\d+"/);
	// Every sample line is well formed.
	for (const line of text.split('\n')) {
		if (!line || line.startsWith('#'))
			continue;
		assert.match(line, /^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$/, line);
	}
});

test('the server shuts down cleanly on SIGTERM', async () => {
	await srv.stop();
});
