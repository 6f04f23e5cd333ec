'use strict';
// case-import.test.js - a drug squad's case ledger in and out: `jindu import
// cases` (a bad row reported by row and column, nothing written; the ledger;
// again, every case skipped), the same in the browser (upload, columns,
// check, import) and the API, the template, and the case list as .xlsx
// (/cases.xlsx and the API: the list's filters, seizures per drug and grade,
// suspects' ID numbers masked, names masked for leaders, audited).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { TOWNS, initDb, addUser, createToken, startServer, Client, api, run, idNumber, maskId,
	createPerson, unescapeHtml, formFields, needPython, readBook } = require('./lib');

let env, srv, user;
const tok = {};
const EJ = TOWNS.enjiang.code;
const KT = TOWNS.kengtian.code;

const HEADER = ['案件编号', '案件名称', '案件类别', '线索来源', '所属辖区', '受理日期', '立案日期', '破案日期',
	'毒品种类', '重量（克）', '零包包数', '犯罪嫌疑人身份证号', '犯罪嫌疑人姓名', '作用', '刑事拘留日期'];

function csv(rows) {
	const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
	return rows.map((r) => r.map((c) => cell(String(c))).join(',')).join('\r\n') + '\r\n';
}

// The items of an import report page, as text.
function issues(html) {
	const m = /<ol class="issues" id="import-issues">([\s\S]*?)<\/ol>/.exec(html);
	return m ? [...m[1].matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((x) => unescapeHtml(x[1])) : [];
}

async function caseByNumber(number, token = tok.police) {
	const res = await api(srv.base, token, 'GET', `/api/v1/cases?q=${encodeURIComponent(number)}`);
	assert.equal(res.status, 200, res.text);
	return res.json.items.find((c) => c.number === number);
}

// A ledger of three cases: one row with two suspects in one cell (one of
// them a registered drug user), two rows as merged cells, one more row.
function ledger(prefix, ids) {
	return csv([
		HEADER,
		[`${prefix}01`, '黄某某等人贩卖毒品案', '贩卖毒品案', '举报', '恩江镇', '2025-03-01', '2025-03-01', '2025-03-01',
			'冰毒', '12.5', '25', `${user.id_number}、${ids[0]}`, '、李某甲', '主犯、从犯', '2025-03-02'],
		[`${prefix}02`, '运输毒品案', '运输毒品', '查缉站/卡点', '', '2025-04-02', '2025-04-02', '2025-04-03',
			'海洛因', '60', '', ids[1], '王某乙', '主犯', '2025-04-03'],
		['', '', '', '', '', '', '', '', 'K粉', '100.5', '', '', '', '', ''],
		[`${prefix}03`, '坑田容留他人吸毒案', '容留他人吸毒', '', '坑田镇', '2025-05-06', '', '', '', '', '', ids[2],
			'赵某丙', '', ''],
	]);
}

before(async () => {
	env = initDb();
	addUser(env.db, 'police', 'police', '360825', { name: '县禁毒大队民警' });
	addUser(env.db, 'police_ej', 'police', EJ);
	addUser(env.db, 'leader', 'leader', '360825');
	addUser(env.db, 'auditor', 'auditor', '360825');
	for (const u of ['admin', 'police', 'police_ej', 'leader', 'auditor'])
		tok[u] = createToken(env.db, u);
	srv = await startServer(env.db);
	user = await createPerson(srv.base, tok.admin, { id_number: idNumber(501), name: '黄在册',
		division: `${EJ}001` });
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('jindu import cases: every row checked, reported by row and column; all or nothing; never twice', async () => {
	const file = path.join(env.dir, 'ledger.csv');
	fs.writeFileSync(file, csv([
		HEADER,
		['L-BAD-1', '甲案', '贩卖毒品', '', '', '2025-03-01', '2025-03-05', '2025-03-04', '白砂糖', '1', '',
			user.id_number, '', '', ''],
		['L-BAD-2', '乙案', '贩卖毒品', '', '', '2025-03-01', '', '', '冰毒', '1.234', '', idNumber(502), '', '', ''],
		['L-BAD-3', '丙案', '贩卖毒品', '', '', '2025-03-01', '', '', '', '', '', '', '', '', ''],
	]));
	let r = run(['import', 'cases', file, '--db', env.db, '--dry-run']);
	assert.equal(r.status, 1, r.stdout);
	const lines = r.stdout.split('\n').filter((l) => /^第 \d+ 行/.test(l));
	assert.deepEqual(lines, [
		'第 2 行，“破案日期”列：日期 2025-03-04 早于上一步（立案 2025-03-05）',
		'第 2 行，“毒品种类”列：“白砂糖”不在毒品目录中：请填写目录中的名称或俗称，如甲基苯丙胺、冰毒、海洛因',
		'第 3 行，“重量（克）”列：重量最多保留两位小数（精确到 0.01 克）',
		`第 3 行，“犯罪嫌疑人姓名”列：身份证号 ${idNumber(502)} 尚无人员档案，请填写犯罪嫌疑人姓名`,
	]);
	assert.match(r.stderr, /2 行有错误，没有导入任何数据/);
	assert.equal(await caseByNumber('L-BAD-3'), undefined, 'nothing written, not even the good case');

	fs.writeFileSync(file, ledger('L-CLI-', [idNumber(510), idNumber(511), idNumber(512)]));
	r = run(['import', 'cases', file, '--db', env.db, '--dry-run']);
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /可导入 3 起案件（犯罪嫌疑人 4 名，其中新建档案 3 人、已登记吸毒人员 1 人；缴获 3 宗）/);
	assert.match(r.stdout, /试运行：检查通过，可导入 3 起案件；没有写入数据库/);
	assert.equal(await caseByNumber('L-CLI-01'), undefined);
	r = run(['import', 'cases', file, '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /已导入 3 起案件（犯罪嫌疑人 4 名，同案关系 1 条）/);
	const c1 = await caseByNumber('L-CLI-01');
	assert.deepEqual([c1.status, c1.type, c1.source, c1.division, c1.grading.grade],
		['solved', 'trafficking', 'report', EJ, 'ordinary']);
	const f1 = (await api(srv.base, tok.police, 'GET', `/api/v1/cases/${c1.id}`)).json;
	assert.deepEqual(f1.suspects.map((s) => [s.name, s.registered, s.role, s.measures.map((m) => m.kind)]),
		[['黄在册', true, 'principal', ['detention']], ['李某甲', false, 'accomplice', ['detention']]]);
	assert.equal(f1.suspects[0].person_id, user.id, 'the registered user linked, not copied');
	assert.deepEqual(f1.seizures.map((s) => [s.drug, s.weight, s.packets, s.date]), [['meth', '12.50', 25, '2025-03-01']]);
	assert.deepEqual(f1.steps.map((s) => [s.status, s.date]),
		[['accepted', '2025-03-01'], ['filed', '2025-03-01'], ['solved', '2025-03-01']]);
	const c2 = await caseByNumber('L-CLI-02');
	assert.deepEqual([c2.status, c2.source, c2.division, c2.grading.class], ['solved', 'checkpoint', '360825', 'large']);
	const f2 = (await api(srv.base, tok.police, 'GET', `/api/v1/cases/${c2.id}`)).json;
	assert.deepEqual(f2.seizure_totals.map((t) => [t.drug, t.weight]), [['heroin', '60.00'], ['ketamine', '100.50']]);
	assert.deepEqual(f2.suspects.map((s) => s.role), ['principal']);
	const c3 = await caseByNumber('L-CLI-03');
	assert.deepEqual([c3.status, c3.division, c3.source], ['accepted', KT, 'other']);
	const f3 = (await api(srv.base, tok.police, 'GET', `/api/v1/cases/${c3.id}`)).json;
	assert.deepEqual(f3.suspects.map((s) => s.role), ['sole'], 'one suspect alone: 单独作案');
	// the import is audited, each case with its row
	const log = (await api(srv.base, tok.auditor, 'GET', `/api/v1/audit?entity=case&action=create&entity_id=${c2.id}`)).json;
	assert.match(log.items[0].summary, /导入：运输毒品案（.*ledger\.csv 第 3 行；犯罪嫌疑人 1 名，缴获 2 宗）/);
	const imp = (await api(srv.base, tok.auditor, 'GET', '/api/v1/audit?entity=case&action=import')).json;
	assert.match(imp.items[0].summary, /导入案件 ledger\.csv：读取 4 行，新增案件 3 起/);

	// again: every case on record, reported and skipped
	r = run(['import', 'cases', file, '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /第 2 行，“案件编号”列：案件编号 L-CLI-01 已登记，跳过/);
	assert.match(r.stdout, /已登记 3 起/);
	assert.match(r.stdout, /已导入 0 起案件/);

	// the template, and what the command line refuses
	const tmpl = path.join(env.dir, 'cases-template.xlsx');
	r = run(['import', 'cases', '--template', tmpl, '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.equal(fs.readFileSync(tmpl).subarray(0, 2).toString(), 'PK');
	r = run(['import', 'cases', tmpl, '--db', env.db, '--dry-run']);
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /共 0 行/, 'the example case is left out');
	for (const args of [['import', 'cases', file], ['import', 'cases', '--template', 'x.csv'],
		['import', 'cases', file, '--template', tmpl, '--db', env.db]])
		assert.equal(run(args).status, 2, args.join(' '));
	r = run(['import', 'cases', file, '--db', env.db, '--map', '甲=飞机']);
	assert.equal(r.status, 1);
	assert.match(r.stderr, /--map: “飞机”不是可导入的列/);
	assert.match(run(['help', 'import']).stdout + run(['help', 'import']).stderr, /import cases FILE --db DB/);
});

test('the browser: upload, columns, check, import; co-suspects linked in the network', async () => {
	const c = new Client(srv.base);
	await c.signIn('police');
	const list = await c.get('/cases');
	assert.match(list.text, /<a class="button" id="import-cases" href="\/cases\/import">/);
	assert.match(list.text, /id="export-xlsx" href="\/cases\.xlsx"/);
	const form = await c.get('/cases/import');
	assert.equal(form.status, 200);
	assert.match(form.text, /href="\/cases\/import\/template\.xlsx"/);
	const upload = async (text, name) => {
		const fd = new FormData();
		fd.append('_csrf', c.csrf);
		fd.append('file', new Blob([text], { type: 'text/csv' }), name);
		const up = await c.request('POST', '/cases/import', { body: fd });
		assert.equal(up.status, 303, up.text.slice(0, 300));
		const uid = /^\/cases\/import\/([0-9a-f]{32})$/.exec(up.location)[1];
		const cols = await c.get(up.location);
		assert.equal(cols.status, 200);
		return { uid, mapping: formFields(cols.text, 'import-map') };
	};

	// a row whose second suspect is the first: refused, nothing written
	const ids = [idNumber(520), idNumber(521), idNumber(522)];
	const bad = csv([HEADER, ['W-BAD-1', '甲案', '贩卖毒品', '', '', '2025-03-01', '', '', '', '', '', `${ids[0]}；${ids[0]}`,
		'甲、甲', '', '']]);
	let u = await upload(bad, 'bad.csv');
	assert.deepEqual(u.mapping.filter(([k]) => k.startsWith('col')).slice(0, 3),
		[['col0', 'number'], ['col1', 'name'], ['col2', 'type']]);
	let rep = await c.post(`/cases/import/${u.uid}/check`, u.mapping);
	assert.equal(rep.status, 422);
	assert.deepEqual(issues(rep.text), ['第 2 行，“犯罪嫌疑人身份证号”列：同一犯罪嫌疑人在本行填写了两次']);
	assert.doesNotMatch(rep.text, /id="import-commit"/);
	assert.equal((await c.post(`/cases/import/${u.uid}`, u.mapping)).status, 422);
	assert.equal(await caseByNumber('W-BAD-1'), undefined);

	u = await upload(ledger('W-', ids), '台账.csv');
	rep = await c.post(`/cases/import/${u.uid}/check`, u.mapping);
	assert.equal(rep.status, 200, rep.text.slice(0, 400));
	assert.match(rep.text, /检查通过：可导入 3 起案件/);
	const count = (id) => Number(new RegExp(`<dd id="count-${id}">([\\d,]+)</dd>`).exec(rep.text)[1]);
	assert.deepEqual(['rows', 'valid', 'suspects', 'new_files', 'registered', 'seizures', 'existing', 'rejected']
		.map(count), [4, 3, 4, 3, 1, 3, 0, 0]);
	assert.equal(await caseByNumber('W-01'), undefined, 'a check writes nothing');
	rep = await c.post(`/cases/import/${u.uid}`, formFields(rep.text, 'import-commit'));
	assert.equal(rep.status, 200, rep.text.slice(0, 400));
	assert.match(rep.text, /已导入 3 起案件（犯罪嫌疑人 4 名）/);
	const w1 = await caseByNumber('W-01');
	assert.ok(w1);
	// the two suspects of W-01 are linked 同案, with the case's id
	const page = await c.get(`/cases/${w1.id}`);
	const net = /<a class="button" id="case-network" href="\/network\/(\d+)">/.exec(page.text);
	assert.ok(net, 'the case page leads to the network');
	const g = (await api(srv.base, tok.police, 'GET', `/api/v1/network/entities/${net[1]}/graph?depth=1`)).json;
	assert.deepEqual(g.links.filter((l) => l.case_id === w1.id).map((l) => [l.kind, l.case_no, l.date_from]),
		[['same_case', 'W-01', '2025-03-01']]);
	// a township's police import into their own township only
	const tp = new Client(srv.base);
	await tp.signIn('police_ej');
	const res = await fetch(`${srv.base}/api/v1/cases/import?dry_run=1&name=kt.csv`, { method: 'POST',
		headers: { authorization: `Bearer ${tok.police_ej}`, 'content-type': 'text/csv' },
		body: csv([HEADER.slice(0, 6), ['T-1', '坑田案', '贩卖毒品', '', KT, '2025-03-01']]) });
	const tj = await res.json();
	assert.equal(res.status, 422);
	assert.deepEqual(tj.issues.map((i) => [i.line, i.column, i.message]),
		[[2, '所属辖区', '案件所属辖区不在您的辖区内']]);
	// leaders may read cases, not import them
	const lead = new Client(srv.base);
	await lead.signIn('leader');
	assert.equal((await lead.get('/cases/import')).status, 403);
	assert.doesNotMatch((await lead.get('/cases')).text, /id="import-cases"/);
});

test('the API and the template: a dry run, then for real; the counts as JSON', async () => {
	const ids = [idNumber(530), idNumber(531), idNumber(532)];
	const post = (q, body, type = 'text/csv') => fetch(`${srv.base}/api/v1/cases/import?${q}`, {
		method: 'POST', headers: { authorization: `Bearer ${tok.police}`, 'content-type': type }, body });
	let res = await post('dry_run=1&name=api.csv', ledger('A-', ids));
	let j = await res.json();
	assert.equal(res.status, 200, JSON.stringify(j));
	assert.deepEqual([j.dry_run, j.rows, j.valid, j.suspects, j.new_files, j.registered, j.seizures, j.imported, j.links],
		[true, 4, 3, 4, 3, 1, 3, 0, 0]);
	res = await post('name=api.csv', ledger('A-', ids));
	j = await res.json();
	assert.equal(res.status, 201, JSON.stringify(j));
	assert.deepEqual([j.imported, j.links, j.last_id - j.first_id], [3, 1, 2]);
	res = await post('name=api.csv', ledger('A-', ids));
	j = await res.json();
	assert.equal(res.status, 200);
	assert.deepEqual([j.existing, j.imported], [3, 0]);
	assert.deepEqual(j.issues.map((i) => i.skipped), [true, true, true]);
	// a mapping for headers that are not recognised
	res = await post(`name=m.csv&map=${encodeURIComponent('编号=number;名称=案件名称;类别=type;收案=受理日期')}&dry_run=1`,
		csv([['编号', '名称', '类别', '收案'], ['A-M1', '映射案', '贩卖毒品', '2025-01-02']]));
	j = await res.json();
	assert.equal(res.status, 200, JSON.stringify(j));
	assert.equal(j.valid, 1);

	// the template: what the import reads; its example case left out
	const c = new Client(srv.base);
	await c.signIn('police');
	const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const t = await fetch(`${srv.base}/cases/import/template.xlsx`, { headers: { cookie } });
	assert.equal(t.status, 200);
	assert.match(t.headers.get('content-disposition'), /^attachment; filename="jindu_case_import_template\.xlsx"/);
	const bytes = Buffer.from(await t.arrayBuffer());
	assert.equal(bytes.subarray(0, 2).toString(), 'PK');
	res = await post('dry_run=1&name=template.xlsx', bytes,
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	j = await res.json();
	assert.equal(res.status, 200, JSON.stringify(j));
	assert.deepEqual([j.encoding, j.header_line, j.rows, j.ignored_columns], ['xlsx', 1, 0, []]);
});

test('GET /cases.xlsx: the list with its filters, seizures per drug and grade, suspects masked; audited',
	needPython, async () => {
		const c = new Client(srv.base);
		await c.signIn('police');
		const cookie = (cl) => [...cl.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const fetchBook = async (cl, url, name) => {
			const res = await fetch(`${srv.base}${url}`, { headers: { cookie: cookie(cl) } });
			assert.equal(res.status, 200, await res.clone().text());
			assert.equal(res.headers.get('content-type'),
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			assert.match(res.headers.get('content-disposition'),
				/^attachment; filename="cases_\d{8}\.xlsx"; filename\*=UTF-8''%E6%AF%92%E5%93%81%E6%A1%88%E4%BB%B6_\d{8}\.xlsx$/);
			const file = path.join(env.dir, name);
			fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
			return readBook(file);
		};
		// 恩江镇's cases of the ledgers above: W-01 and A-01 (and L-CLI-01)
		let book = await fetchBook(c, `/cases.xlsx?division=${EJ}&q=-01`, 'cases.xlsx');
		assert.deepEqual(book.map((s) => s.title), ['毒品案件', '缴获毒品', '犯罪嫌疑人']);
		const [cases, seizures, suspects] = book;
		const head = cases.rows[0];
		assert.deepEqual(head.slice(0, 6), ['案件编号', '案件名称', '案件类别', '线索来源', '办理阶段', '受理日期']);
		assert.ok(head.includes('甲基苯丙胺（克）'), head.join('|'));
		const rows = cases.rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
		assert.deepEqual(rows.map((r) => r['案件编号']).sort(), ['A-01', 'L-CLI-01', 'W-01']);
		const w = rows.find((r) => r['案件编号'] === 'W-01');
		assert.deepEqual([w['案件类别'], w['办理阶段'], w['破案日期'], w['所属辖区'], w['数量认定'], w['案件等级'],
			w['甲基苯丙胺（克）'], w['零包包数'], w['犯罪嫌疑人（人）']],
		['贩卖毒品', '破案', '2025-03-01', '恩江镇', '数量较大', '一般', '12.5', '25', '2']);
		assert.equal(w['犯罪嫌疑人'], `黄在册（${maskId(user.id_number)}）、李某甲（${maskId(idNumber(520))}）`);
		// weights are numbers, shown to 0.01
		const col = String.fromCharCode(65 + head.indexOf('甲基苯丙胺（克）'));
		const cell = Object.entries(cases.cells).find(([k, v]) => k.startsWith(col) && v.type === 'n');
		assert.equal(cell[1].format, '#,##0.00');
		assert.deepEqual(seizures.rows[0], ['案件编号', '案件名称', '毒品种类', '合计重量', '单位', '零包包数',
			'缴获次数', '数量认定', '按该毒品的案件等级']);
		assert.ok(seizures.rows.some((r) => r[0] === 'W-01' && r[2] === '甲基苯丙胺' && r[3] === '12.5' && r[4] === '克'));
		assert.equal(suspects.rows[0][3], '身份证号');
		const all = JSON.stringify(book);
		for (const id of [user.id_number, idNumber(520)])
			assert.ok(!all.includes(id), 'no full ID number');
		// the filters hold: another township's case is not in it
		assert.ok(!all.includes('坑田容留他人吸毒案'));

		// a leader: the names masked, no ID numbers nor registration
		const lead = new Client(srv.base);
		await lead.signIn('leader');
		book = await fetchBook(lead, `/cases.xlsx?division=${EJ}&q=W-01`, 'lead.xlsx');
		const lw = book[0].rows[1];
		assert.equal(lw[book[0].rows[0].indexOf('犯罪嫌疑人')], '黄某、李某');
		assert.deepEqual(book[2].rows[0].slice(0, 4), ['案件编号', '案件名称', '姓名', '作用']);
		assert.ok(!JSON.stringify(book).includes(maskId(user.id_number)));
		assert.ok(!JSON.stringify(book).includes('黄在册'));
		// the API gives the same workbook to a token
		const res = await fetch(`${srv.base}/api/v1/cases.xlsx?q=W-01`, { headers: { authorization: `Bearer ${tok.leader}` } });
		assert.equal(res.status, 200);
		assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString(), 'PK');
		// who took which list out of the system
		const log = (await api(srv.base, tok.auditor, 'GET', '/api/v1/audit?entity=case&action=export')).json;
		assert.match(log.items[0].summary, /导出 Excel：条件：q=W-01；1 起案件，犯罪嫌疑人 2 名（姓名脱敏，不含身份证号）/);
		assert.match(log.items[2].summary, /导出 Excel：条件：division=360825100 q=-01；3 起案件，犯罪嫌疑人 \d+ 名（身份证号脱敏）/);
		// a filter outside one's area is refused
		const tp = new Client(srv.base);
		await tp.signIn('police_ej');
		assert.equal((await tp.get(`/cases.xlsx?division=${KT}`)).status, 400);
	});
