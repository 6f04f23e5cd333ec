'use strict';
// import-web.test.js - importing persons in the browser (upload, columns,
// check, import) and through POST /api/v1/persons/import: headers that are
// not recognised, bad rows named by row, column and reason, nothing written
// until every row is valid, no duplicates on a second import, the user's
// area, refused files, and the temporary files gone when done.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, idNumber, unescapeHtml,
	formFields, setField, assertPageHeaders } = require('./lib');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let env, srv, adminToken, officerToken, auditorToken;
let seq = 40000;
const nextId = () => idNumber(++seq);

function csv(rows) {
	return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
		.join('\r\n') + '\r\n';
}

// The files the server keeps between the steps of an import (beside the database).
function uploadsKept() {
	return fs.readdirSync(env.dir).filter((f) => f.includes('.upload-'));
}

// A multipart POST as a browser sends the upload form.
function upload(client, name, bytes, opts = {}) {
	const fd = new FormData();
	if (!opts.noCsrf)
		fd.append('_csrf', client.csrf);
	fd.append('file', new Blob([bytes], { type: opts.type || 'text/csv' }), name);
	return client.request('POST', '/persons/import', { body: fd });
}

async function total(query = '') {
	const res = await api(srv.base, adminToken, 'GET', `/api/v1/persons?limit=1&closed=1${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json.total;
}

// The items of the report page, as text.
function issues(html) {
	const m = /<ol class="issues" id="import-issues">([\s\S]*?)<\/ol>/.exec(html);
	return m ? [...m[1].matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((x) => unescapeHtml(x[1])) : [];
}

function count(html, id) {
	const m = new RegExp(`<dd id="count-${id}">([\\d,]+)</dd>`).exec(html);
	assert.ok(m, `count ${id} on the page`);
	return Number(m[1].replace(/,/g, ''));
}

// Uploads, then answers the columns page: { id, page }.
async function uploadAndOpen(client, name, bytes) {
	const res = await upload(client, name, bytes);
	assert.equal(res.status, 303, res.text.slice(0, 500));
	const m = /^\/persons\/import\/([0-9a-f]{32})$/.exec(res.location);
	assert.ok(m, `redirect to the columns page: ${res.location}`);
	const page = await client.get(res.location);
	assert.equal(page.status, 200, page.text.slice(0, 500));
	return { id: m[1], page };
}

before(async () => {
	env = initDb();
	addUser(env.db, 'officer_ej', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'officer_kt', 'officer', TOWNS.kengtian.code);
	addUser(env.db, 'leader_c', 'leader', '360825');
	addUser(env.db, 'english', 'police', '360825');
	addUser(env.db, 'auditor1', 'auditor', '360825');
	srv = await startServer(env.db);
	adminToken = createToken(env.db, 'admin');
	officerToken = createToken(env.db, 'officer_ej');
	auditorToken = createToken(env.db, 'auditor1');
});

// The summaries of the audit log's import entries by login, newest first.
async function importAudit(login) {
	const res = await api(srv.base, auditorToken, 'GET', '/api/v1/audit?action=import&limit=100');
	assert.equal(res.status, 200);
	return res.json.items.filter((e) => e.login === login).map((e) => e.summary);
}

after(async () => {
	if (srv)
		await srv.stop();
});

test('the persons list links to the import, which offers a form and the template', async () => {
	const c = new Client(srv.base);
	await c.signIn('officer_ej');
	const list = await c.get('/persons');
	assert.match(list.text, /<a class="button" id="import-persons" href="\/persons\/import">导入<\/a>/);
	const page = await c.get('/persons/import');
	assert.equal(page.status, 200);
	assertPageHeaders(page, 'GET /persons/import');
	assert.match(page.text, /<form method="post" class="form" action="\/persons\/import" enctype="multipart\/form-data" id="import-upload"/);
	assert.match(page.text, /<input type="hidden" name="_csrf" value="[^"]+">/);
	assert.match(page.text, /<input type="file" id="f-file" name="file" accept="\.xlsx,\.csv" required>/);
	assert.match(page.text, /href="\/persons\/import\/template\.xlsx"/);

	// The template: a workbook whose instructions list the officer's township only.
	const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const res = await fetch(`${srv.base}/persons/import/template.xlsx`, { headers: { cookie } });
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), XLSX);
	assert.match(res.headers.get('content-disposition'), /^attachment; filename="jindu_import_template\.xlsx"/);
	const bytes = Buffer.from(await res.arrayBuffer());
	assert.equal(bytes.subarray(0, 2).toString(), 'PK');
	// Read back through the API: the example row is skipped, nothing else is there.
	const back = await fetch(`${srv.base}/api/v1/persons/import?dry_run=1&name=template.xlsx`, {
		method: 'POST', headers: { authorization: `Bearer ${officerToken}`, 'content-type': XLSX }, body: bytes });
	const json = await back.json();
	assert.equal(back.status, 200, JSON.stringify(json));
	assert.equal(json.encoding, 'xlsx');
	assert.equal(json.rows, 0);

	// Roles without the persons module get neither.
	const leader = new Client(srv.base);
	await leader.signIn('leader_c');
	assert.equal((await leader.get('/persons/import')).status, 403);
	assert.equal((await leader.get('/persons/import/template.xlsx')).status, 403);
});

test('upload, choose the columns, check, fix, import; a second import adds nobody', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	const before = await total();
	const [id1, id2] = [nextId(), nextId()];
	const header = ['编号', '证件号', '名字', '所属乡镇', '初次发现日期', '备注'];
	const bad = csv([header, ['1', id1, '网导一', '恩江镇', '2021-03-04', ''],
		['2', id2, '网导二', '石马镇', '2021-02-30', '']]);

	// 1. Upload: kept in a private file until the import is done.
	const { id, page } = await uploadAndOpen(c, 'web.csv', bad);
	assertPageHeaders(page, 'the columns page');
	const kept = uploadsKept();
	assert.equal(kept.length, 1);
	assert.ok(kept[0].includes(id));
	assert.equal(fs.statSync(`${env.dir}/${kept[0]}`).mode & 0o777, 0o600);

	// 2. The columns: the header row, recognised columns chosen, the rest not
	// imported, and the first rows.
	assert.match(page.text, /文件：web\.csv（UTF-8），表头在第 1 行/);
	let fields = formFields(page.text, 'import-map');
	const value = (f, k) => (f.find(([n]) => n === k) || [])[1];
	assert.equal(value(fields, 'header'), '1');
	assert.equal(value(fields, 'col0'), '');
	assert.equal(value(fields, 'col1'), '', '证件号 is not recognised');
	assert.equal(value(fields, 'col2'), '');
	assert.equal(value(fields, 'col3'), 'division');
	assert.equal(value(fields, 'col4'), 'first_found_date');
	assert.equal(value(fields, 'col5'), 'note');
	assert.match(page.text, /<option value="id_number">身份证号 \*<\/option>/);
	assert.ok(page.text.includes(`<td>${id2}</td>`), 'the preview shows the rows');

	// Without the ID column the header is refused.
	let res = await c.post(`/persons/import/${id}/check`, fields);
	assert.equal(res.status, 422);
	assert.ok(issues(res.text).some((l) => l.startsWith('第 1 行：缺少必填的列“身份证号”')), issues(res.text).join('\n'));

	// Two columns for one item: named, nothing checked.
	res = await c.post(`/persons/import/${id}/check`, setField(setField(setField(fields, 'col0', 'id_number'),
		'col1', 'id_number'), 'col2', 'name'));
	assert.equal(res.status, 422);
	assert.deepEqual(issues(res.text), ['第 1 行：“编号”列和“证件号”列都对应“身份证号”，请只保留其中一列']);
	assert.match(res.text, /表头有错误，不能导入/);

	// 3. Check with 证件号 → 身份证号, 名字 → 姓名: the bad row is named.
	fields = setField(setField(fields, 'col1', 'id_number'), 'col2', 'name');
	res = await c.post(`/persons/import/${id}/check`, fields);
	assert.equal(res.status, 422, res.text.slice(0, 300));
	assert.deepEqual(issues(res.text), ['第 3 行，“初次发现日期”列：无法识别的日期“2021-02-30”，请写成 2024-01-31']);
	assert.equal(count(res.text, 'rows'), 2);
	assert.equal(count(res.text, 'valid'), 1);
	assert.equal(count(res.text, 'rejected'), 1);
	assert.match(res.text, /1 行有错误，不能导入/);
	assert.match(res.text, /不导入的列：编号/);
	assert.ok(!res.text.includes('id="import-commit"'), 'no import button while a row is bad');
	assert.equal(await total(), before, 'a check writes nothing');

	// The link back keeps the columns chosen.
	const remap = unescapeHtml(/id="import-remap" href="([^"]+)"/.exec(res.text)[1]);
	const again = await c.get(remap);
	assert.equal(again.status, 200);
	assert.equal(value(formFields(again.text, 'import-map'), 'col1'), 'id_number');
	assert.equal(value(formFields(again.text, 'import-map'), 'col2'), 'name');

	// Importing anyway is refused as the check was.
	res = await c.post(`/persons/import/${id}`, fields);
	assert.equal(res.status, 422);
	assert.equal(await total(), before);

	// 4. Fixed file: the check passes, then the import writes both.
	const good = bad.replace('2021-02-30', '2021-02-28');
	const fixed = await uploadAndOpen(c, 'web.csv', good);
	res = await c.post(`/persons/import/${fixed.id}/check`, fields);
	assert.equal(res.status, 200, issues(res.text).join('\n'));
	assert.match(res.text, /检查通过：可导入 2 人/);
	assert.deepEqual(issues(res.text), []);
	const commit = formFields(res.text, 'import-commit');
	assert.equal(value(commit, 'col1'), 'id_number');
	assert.equal(await total(), before);
	res = await c.post(`/persons/import/${fixed.id}`, commit);
	assert.equal(res.status, 200, res.text.slice(0, 500));
	assert.match(res.text, /已导入 2 人/);
	assert.match(res.text, /<a class="button primary" href="\/persons">查看人员列表<\/a>/);
	assert.equal(await total(), before + 2);
	assert.ok(!uploadsKept().some((f) => f.includes(fixed.id)), 'the imported file is removed');
	const list = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${encodeURIComponent('网导二')}`);
	assert.equal(list.json.items[0].division, TOWNS.shima.code);
	assert.equal(list.json.items[0].first_found_date, '2021-02-28');

	// The upload is gone: its steps answer 404.
	assert.equal((await c.post(`/persons/import/${fixed.id}`, commit)).status, 404);
	assert.equal((await c.get(`/persons/import/${fixed.id}`)).status, 404);

	// 5. The same file again: both on file already, nothing to import.
	const third = await uploadAndOpen(c, 'web.csv', good);
	res = await c.post(`/persons/import/${third.id}/check`, fields);
	assert.equal(res.status, 200);
	assert.match(res.text, /文件中没有需要导入的新人员/);
	assert.equal(count(res.text, 'existing'), 2);
	assert.deepEqual(issues(res.text).map((l) => l.replace(/（.*）$/, '')), ['第 2 行：已存在，跳过', '第 3 行：已存在，跳过']);
	assert.ok(!res.text.includes('id="import-commit"'));
	res = await c.post(`/persons/import/${third.id}`, fields);
	assert.equal(res.status, 200);
	assert.match(res.text, /已导入 0 人；2 人已有档案，已跳过/);
	assert.equal(await total(), before + 2);

	// One audit entry per import, by the user, naming the file; checks leave none.
	const log = await importAudit('admin');
	assert.equal(log.length, 2);
	assert.match(log[1], /^导入 web\.csv：读取 2 行，新增 2 人（档案 \d+–\d+），已存在 0 人$/);
	assert.match(log[0], /^导入 web\.csv：读取 2 行，没有新增，已存在 2 人$/);
	assert.ok(uploadsKept().every((f) => !f.includes(third.id)));
});

test('an officer imports only into their own township, and only their own uploads', async () => {
	const ej = new Client(srv.base);
	await ej.signIn('officer_ej');
	const before = await total();
	const rows = [['身份证号', '姓名', '管控责任地', '初次发现日期'],
		[nextId(), '本镇人', '恩江镇', '2020-01-01'],
		[nextId(), '外镇人', '坑田镇', '2020-01-01'],
		[nextId(), '外镇码', TOWNS.kengtian.code, '2020-01-01']];
	const { id, page } = await uploadAndOpen(ej, 'towns.csv', csv(rows));
	const fields = formFields(page.text, 'import-map');
	let res = await ej.post(`/persons/import/${id}/check`, fields);
	assert.equal(res.status, 422);
	assert.deepEqual(issues(res.text), [
		'第 3 行，“管控责任地”列：本辖区没有名为“坑田镇”的乡镇（街道）或村（社区）',
		'第 4 行，“管控责任地”列：管控责任地不在您的辖区内',
	]);
	res = await ej.post(`/persons/import/${id}`, fields);
	assert.equal(res.status, 422);
	assert.equal(await total(), before, 'nothing written, not even the row of the own township');

	// Another officer cannot use the upload, whatever the step.
	const kt = new Client(srv.base);
	await kt.signIn('officer_kt');
	const ktFields = setField(fields, '_csrf', kt.csrf);
	assert.equal((await kt.get(`/persons/import/${id}`)).status, 404);
	assert.equal((await kt.post(`/persons/import/${id}/check`, ktFields)).status, 404);
	assert.equal((await kt.post(`/persons/import/${id}`, ktFields)).status, 404);
	// The API checks in the token's area the same way.
	const r = await fetch(`${srv.base}/api/v1/persons/import?name=towns.csv`, {
		method: 'POST', headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'text/csv' },
		body: csv(rows) });
	assert.equal(r.status, 422);
	assert.equal(await total(), before);
});

test('refused files: not a spreadsheet, too large, empty, none, without the CSRF token', async () => {
	const c = new Client(srv.base);
	await c.signIn('officer_ej');
	const before = uploadsKept().length;
	const cases = [
		['notes.txt', 'hello', '只能导入 .xlsx 或 .csv 文件'],
		['old.xls', 'x', '这是旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 .csv 后再导入'],
		['fake.xlsx', '身份证号,姓名\n', '该文件不是 .xlsx 工作簿'],
		['binary.csv', Buffer.from([0x50, 0x00, 0x01, 0x02]), '该文件不是文本格式的 .csv 文件'],
		['empty.csv', '', '文件是空的'],
		['blank.csv', '\r\n\r\n', '文件中没有数据'],
		['zip.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1)]), '无法读取该文件'],
	];
	for (const [name, bytes, want] of cases) {
		const res = await upload(c, name, bytes);
		assert.equal(res.status, 422, `${name}: ${res.status}`);
		assert.ok(res.text.includes(want), `${name}: ${want}`);
		assert.match(res.text, /<div class="field has-error">/, `${name}: the error is beside the field`);
		assert.ok(!res.text.includes(env.dir), `${name}: the temporary path is not shown`);
	}
	// No file chosen, or a form that is not multipart.
	let res = await upload(c, '', '');
	assert.equal(res.status, 422);
	assert.match(res.text, /请选择要导入的文件/);
	res = await c.post('/persons/import', {});
	assert.equal(res.status, 422);
	// Without the token: refused before anything is kept.
	res = await upload(c, 'x.csv', '身份证号,姓名\n', { noCsrf: true });
	assert.equal(res.status, 403);
	// Over 16 MB.
	res = await upload(c, 'big.csv', Buffer.alloc(17 * 1024 * 1024, 'a'));
	assert.equal(res.status, 413);
	assert.match(res.text, /提交的内容超过 16 MB 的上限/);
	assert.equal(uploadsKept().length, before, 'no refused file is kept');
	// A made-up upload id.
	assert.equal((await c.get(`/persons/import/${'0'.repeat(32)}`)).status, 404);
	assert.equal((await c.get('/persons/import/nonsense')).status, 404);
});

test('a header further down, or none recognised, can be chosen', async () => {
	const c = new Client(srv.base);
	await c.signIn('admin');
	const before = await total();
	const id = nextId();
	const bytes = csv([['永丰县吸毒人员登记表'], ['号码', '称呼', '地方', '哪天'],
		[id, '下移表头', '坑田镇', '2019-09-09']]);
	const up = await uploadAndOpen(c, 'title.csv', bytes);
	// Nothing recognised: the first row is offered as the header.
	assert.match(up.page.text, /没有认出表头中的列名/);
	assert.match(up.page.text, /表头在第 1 行/);
	// The header row chosen by hand.
	const page = await c.get(`/persons/import/${up.id}?header=2`);
	assert.match(page.text, /表头在第 2 行/);
	let fields = formFields(page.text, 'import-map');
	for (const [col, field] of [['col0', 'id_number'], ['col1', 'name'], ['col2', 'division'], ['col3', 'first_found_date']])
		fields = setField(fields, col, field);
	let res = await c.post(`/persons/import/${up.id}/check`, fields);
	assert.equal(res.status, 200, issues(res.text).join('\n'));
	res = await c.post(`/persons/import/${up.id}`, formFields(res.text, 'import-commit'));
	assert.equal(res.status, 200);
	assert.equal(await total(), before + 1);
	// A file of a few bytes arrives whole.
	const tiny = await uploadAndOpen(c, 'tiny.csv', 'a\r\n');
	assert.match(tiny.page.text, /<label for="f-col0">a<\/label>/);
	// An empty row asked for as the header is said so.
	const again = await uploadAndOpen(c, 'title.csv', csv([['a'], [], ['号码', '称呼']]));
	const empty = await c.get(`/persons/import/${again.id}?header=2`);
	assert.match(empty.text, /第 2 行没有内容，不能作为表头/);
});

test('POST /api/v1/persons/import: dry run, bad rows, a mapping, the import, a second import', async () => {
	const before = await total();
	const kept = uploadsKept().length;
	const [a, b] = [nextId(), nextId()];
	const rows = [['证件号', '姓名', '管控责任地', '初次发现日期'],
		[a, '接口一', '恩江镇', '2022-02-02'], [b, '接口二', '恩江镇', '2022-13-02']];
	const post = (query, body, type = 'text/csv', token = officerToken) => fetch(`${srv.base}/api/v1/persons/import${query}`, {
		method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body })
		.then(async (r) => ({ status: r.status, json: await r.json() }));

	// 证件号 is not recognised: the header lacks the ID column.
	let res = await post('?dry_run=1&name=api.csv', csv(rows));
	assert.equal(res.status, 422);
	assert.equal(res.json.error.code, 'rejected');
	assert.match(res.json.issues[0].message, /^缺少必填的列“身份证号”/);

	// Mapped: the bad row named by line, column and reason.
	const map = encodeURIComponent('证件号=身份证号');
	res = await post(`?dry_run=1&name=api.csv&map=${map}`, csv(rows));
	assert.equal(res.status, 422);
	assert.deepEqual(res.json.issues, [{ line: 3, column: '初次发现日期', skipped: false,
		message: '无法识别的日期“2022-13-02”，请写成 2024-01-31' }]);
	assert.equal(res.json.rows, 2);
	assert.equal(res.json.valid, 1);
	assert.equal(res.json.rejected, 1);
	assert.equal(res.json.imported, 0);
	assert.equal(res.json.file, 'api.csv');

	// Fixed: the dry run passes and writes nothing, the import writes.
	rows[2][3] = '2022-12-02';
	res = await post(`?dry_run=1&name=api.csv&map=${map}`, csv(rows));
	assert.equal(res.status, 200, JSON.stringify(res.json));
	assert.equal(res.json.dry_run, true);
	assert.equal(res.json.valid, 2);
	assert.equal(await total(), before);
	res = await post(`?name=api.csv&map=${map}`, csv(rows));
	assert.equal(res.status, 201, JSON.stringify(res.json));
	assert.equal(res.json.imported, 2);
	assert.equal(res.json.last_id - res.json.first_id, 1);
	assert.equal(await total(), before + 2);
	res = await post(`?name=api.csv&map=${map}`, csv(rows));
	assert.equal(res.status, 200);
	assert.equal(res.json.existing, 2);
	assert.equal(res.json.imported, 0);
	assert.equal(await total(), before + 2);

	// The imports are audited as the token's user, naming the file; dry runs are not.
	const log = await importAudit('officer_ej');
	assert.equal(log.length, 2);
	assert.match(log[1], /^导入 api\.csv：读取 2 行，新增 2 人/);

	// Refused: a mapping naming nothing, a type that is no spreadsheet, an empty body.
	res = await post(`?map=${encodeURIComponent('证件号=籍贯')}`, csv(rows));
	assert.equal(res.status, 400);
	assert.equal(res.json.error.code, 'bad_param');
	assert.equal(res.json.error.message, '“籍贯”不是可导入的列');
	res = await post('?name=x.png', 'xx', 'image/png');
	assert.equal(res.status, 415);
	res = await post('?name=x.csv', '');
	assert.equal(res.status, 422);
	assert.equal(res.json.error.code, 'bad_file');
	res = await post('', 'PK\x03\x04junk', XLSX);
	assert.equal(res.status, 422);
	assert.equal(res.json.error.code, 'bad_file');
	assert.ok(!res.json.error.detail.includes(env.dir), res.json.error.detail);
	assert.equal(uploadsKept().length, kept, 'the API keeps no file');
});

test('the report speaks the user\'s language', async (t) => {
	if (!srv.englishAvailable()) {
		t.skip('the en_US.UTF-8 locale is missing');
		return;
	}
	const c = new Client(srv.base);
	await c.signIn('english');
	assert.equal((await c.post('/account/lang', { lang: 'en' })).status, 303);
	const token = createToken(env.db, 'english');
	const body = csv([['身份证号', '姓名', '管控责任地', '初次发现日期'], [nextId(), '英文', '恩江镇', '2020-02-30']]);
	const res = await fetch(`${srv.base}/api/v1/persons/import?dry_run=1&name=en.csv`, {
		method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
	const json = await res.json();
	assert.equal(res.status, 422);
	assert.equal(json.issues[0].message, 'Unrecognised date “2020-02-30”: write it as 2024-01-31');
	const up = await uploadAndOpen(c, 'en.csv', body);
	assert.match(up.page.text, /Choose what each column holds/);
	const report = await c.post(`/persons/import/${up.id}/check`, formFields(up.page.text, 'import-map'));
	assert.equal(report.status, 422);
	assert.deepEqual(issues(report.text), ['Row 2, column “初次发现日期”: Unrecognised date “2020-02-30”: write it as 2024-01-31']);
});

test('the server removes the uploads it still keeps when it stops', async () => {
	const c = new Client(srv.base);
	await c.signIn('officer_ej');
	await uploadAndOpen(c, 'left.csv', csv([['身份证号', '姓名'], ['1', '2']]));
	assert.ok(uploadsKept().length > 0);
	await srv.stop();
	assert.deepEqual(uploadsKept(), []);
});
