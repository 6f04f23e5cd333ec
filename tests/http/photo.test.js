'use strict';
// photo.test.js - a person's photo: uploaded from the person page, shown
// from its own URL (audited as a view), sealed at rest, replaced, removed,
// refused when it is not a JPEG or PNG or too large, and only in the area.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber,
	createPerson } = require('./lib');

// One transparent pixel, and the start of a JPEG file.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600, 7)]);

let env, srv, adminToken, auditorToken, ej, kt, person;

function upload(client, pid, bytes, name = 'photo.png', type = 'image/png') {
	const fd = new FormData();
	fd.append('_csrf', client.csrf);
	fd.append('photo', new Blob([bytes], { type }), name);
	return client.request('POST', `/persons/${pid}/photo`, { body: fd });
}

function errorNotice(html) {
	const m = /<div class="notice error" role="alert">([^<]*)<\/div>/.exec(html);
	return m ? m[1] : '';
}

before(async () => {
	env = initDb();
	addUser(env.db, 'ej', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'kt', 'officer', TOWNS.kengtian.code);
	addUser(env.db, 'auditor1', 'auditor', '360825');
	srv = await startServer(env.db);
	adminToken = createToken(env.db, 'admin');
	auditorToken = createToken(env.db, 'auditor1');
	ej = new Client(srv.base);
	await ej.signIn('ej');
	kt = new Client(srv.base);
	await kt.signIn('kt');
	person = await createPerson(srv.base, adminToken, { id_number: idNumber(81001), name: '照片人',
		division: TOWNS.enjiang.code });
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('a photo uploaded on the person page is shown from its own URL, sealed at rest', async () => {
	let page = await ej.get(`/persons/${person.id}`);
	assert.match(page.text, /上传照片/);
	assert.doesNotMatch(page.text, /<img src="\/persons\/\d+\/photo/);
	const res = await upload(ej, person.id, PNG);
	assert.equal(res.status, 303, res.text.slice(0, 300));
	assert.equal(res.location, `/persons/${person.id}?done=photo`);
	page = await ej.get(res.location);
	assert.match(page.text, /已更新照片/);
	const src = new RegExp(`<img src="(/persons/${person.id}/photo\\?v=\\d+)" alt="照片">`).exec(page.text);
	assert.ok(src, 'the page shows the photo');
	const img = await ej.request('GET', src[1]);
	assert.equal(img.status, 200);
	assert.equal(img.headers.get('content-type'), 'image/png');
	assert.equal(img.headers.get('cache-control'), 'no-store');
	assert.deepEqual(img.bytes, PNG);

	// at rest it is sealed: the PNG signature is nowhere in the table
	const hex = execFileSync('sqlite3', [env.db,
		`SELECT hex(sealed) FROM person_photo WHERE person_id = ${person.id}`], { encoding: 'utf8' }).trim();
	assert.ok(hex.length > PNG.length * 2);
	assert.ok(!hex.includes(PNG.subarray(0, 8).toString('hex').toUpperCase()), 'not stored in clear');

	// the view is audited
	const log = await api(srv.base, auditorToken, 'GET',
		`/api/v1/audit?entity=person&entity_id=${person.id}&action=view`);
	assert.ok(log.json.items.some((e) => e.login === 'ej' && e.summary === '照片'), JSON.stringify(log.json.items));
	const changes = await api(srv.base, auditorToken, 'GET',
		`/api/v1/audit?entity=person&entity_id=${person.id}&action=update`);
	assert.ok(changes.json.items.some((e) => e.login === 'ej' && e.summary === '照片'));
});

test('anything but a JPEG or PNG, or more than 2 MB, is refused and changes nothing', async () => {
	for (const [bytes, name, want] of [
		[Buffer.from('GIF89a....'), 'a.gif', /照片应为 JPEG 或 PNG 图片/],
		[Buffer.from('%PDF-1.4'), 'fake.png', /照片应为 JPEG 或 PNG 图片/],
		[Buffer.alloc(0), 'empty.png', /请选择照片文件/],
		[Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'big.png', /照片不能超过 2 MB/],
	]) {
		const res = await upload(ej, person.id, bytes, name);
		assert.equal(res.status, 422, `${name}: ${res.status}`);
		assert.match(errorNotice(res.text), want, name);
	}
	const img = await ej.request('GET', `/persons/${person.id}/photo`);
	assert.deepEqual(img.bytes, PNG, 'the photo on file is unchanged');
});

test('replaced through the API, removed from the page; outside the area it does not exist', async () => {
	let res = await fetch(`${srv.base}/api/v1/persons/${person.id}/photo`, { method: 'PUT', body: JPEG,
		headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/jpeg' } });
	assert.equal(res.status, 200);
	const got = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${person.id}/photo`);
	assert.equal(got.status, 200);
	assert.equal(got.headers.get('content-type'), 'image/jpeg');

	// the 坑田镇 officer: the same answer as for a file that does not exist
	assert.equal((await kt.request('GET', `/persons/${person.id}/photo`)).status, 404);
	assert.equal((await upload(kt, person.id, PNG)).status, 404);
	const denied = await api(srv.base, auditorToken, 'GET',
		`/api/v1/audit?entity=person&entity_id=${person.id}&action=denied`);
	assert.ok(denied.json.items.some((e) => e.login === 'kt'), 'the attempts are audited');

	res = await ej.post(`/persons/${person.id}/photo`, { remove: '1' });
	assert.equal(res.status, 303);
	assert.equal((await ej.request('GET', `/persons/${person.id}/photo`)).status, 404);
	const page = await ej.get(`/persons/${person.id}`);
	assert.doesNotMatch(page.text, /<img src="\/persons\/\d+\/photo/);
	// removing again is nothing to do
	const again = await api(srv.base, adminToken, 'DELETE', `/api/v1/persons/${person.id}/photo`);
	assert.equal(again.status, 200);
});
