'use strict';
// import.test.js - `jindu import persons` from .csv and .xlsx (good rows, bad
// rows, dry runs, re-imports), the template, and the persons list exported
// as .xlsx by GET /persons.xlsx (scoped, filtered, ID numbers masked, no
// formulas, audited).
//
// Workbooks are read with python3-openpyxl (Debian's, installed by
// scripts/install-deps); the parts that need it are skipped without it.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const { TOWNS, run, initDb, addUser, createToken, startServer, Client, api, idNumber,
	idWithBadCheck, maskId, createPerson } = require('./lib');

let env, srv, adminToken, auditorToken;
let seq = 20000;
const nextId = () => idNumber(++seq);

// A python3 that has openpyxl: Debian's first (a python3 earlier on PATH,
// such as a pyenv one, may lack Debian's modules).
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => {
	const r = spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' });
	return !r.error && r.status === 0;
});
const needPython = PYTHON ? {} : { skip: 'python3-openpyxl is not installed' };

// Runs a python script with openpyxl; args go to sys.argv[1:]; prints JSON.
function py(script, ...args) {
	const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
	assert.equal(r.status, 0, `python failed:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

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

// Writes rows (arrays; {date: 'YYYY-MM-DD'} for a date cell, numbers as
// numbers) to an .xlsx with openpyxl.
const WRITE_BOOK = `
import json, sys, datetime, openpyxl
rows = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
for i, r in enumerate(rows, 1):
    for j, v in enumerate(r, 1):
        if isinstance(v, dict):
            c = ws.cell(row=i, column=j, value=datetime.datetime.strptime(v["date"], "%Y-%m-%d"))
            c.number_format = "yyyy/m/d"
        elif v is not None:
            ws.cell(row=i, column=j, value=v)
wb.save(sys.argv[1])
print("{}")
`;

function csvLine(cells) {
	return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

function writeCsv(name, rows, opts = {}) {
	const file = path.join(env.dir, name);
	const text = rows.map(csvLine).join(opts.eol || '\r\n') + (opts.eol || '\r\n');
	fs.writeFileSync(file, opts.bom ? '\ufeff' + text : text);
	return file;
}

function importFile(file, ...extra) {
	return run(['import', 'persons', file, '--db', env.db, ...extra]);
}

async function total(token = adminToken, query = '') {
	const res = await api(srv.base, token, 'GET', `/api/v1/persons?limit=1&closed=1${query}`);
	assert.equal(res.status, 200, res.text);
	return res.json.total;
}

before(async () => {
	env = initDb();
	addUser(env.db, 'ej_officer', 'officer', TOWNS.enjiang.code);
	addUser(env.db, 'auditor1', 'auditor', '360825');
	srv = await startServer(env.db);
	adminToken = createToken(env.db, 'admin');
	auditorToken = createToken(env.db, 'auditor1');
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('wrong arguments: exit 2 with the usage', () => {
	for (const args of [['import'], ['import', 'people', 'x.csv', '--db', 'x'],
		['import', 'persons', '--db', 'x.db'], ['import', 'persons', 'a.csv'],
		['import', 'persons', 'a.csv', 'b.csv', '--db', 'x.db'],
		['import', 'persons', '--template', 'x.csv'],
		['import', 'persons', 'a.csv', '--template', 'x.xlsx'],
		['import', 'persons', '--template', 'x.xlsx', '--map', 'a=姓名'],
		['import', 'persons', 'a.csv', '--db', 'x.db', '--colour']]) {
		const r = run(args);
		assert.equal(r.status, 2, `jindu ${args.join(' ')}: ${r.stderr}`);
		assert.match(r.stderr, /usage: jindu import persons FILE --db DB/);
		assert.equal(r.stdout, '');
	}
	const help = run(['help', 'import']);
	assert.equal(help.status, 0);
	assert.match(help.stdout, /--template FILE\.xlsx/);
	// A file that is neither: one line, exit 1.
	const txt = path.join(env.dir, 'notes.txt');
	fs.writeFileSync(txt, 'x');
	const bad = importFile(txt);
	assert.equal(bad.status, 1);
	assert.match(bad.stderr, /^jindu: '.*notes\.txt' is neither a \.csv nor an \.xlsx file\n$/);
});

test('a CSV with good rows is imported; importing it again creates nothing', async () => {
	const before = await total();
	const rows = [
		['序号', '身份证号码', '姓名', '性别', '所属乡镇', '初次发现时间', '滥用毒品种类', '管控状态',
			'在册情况', '现居住地址', '联系电话'],
		['1', nextId(), '导入甲', '男', '恩江镇', '2015/6/1', '海洛因、冰毒', '在控', '在册',
			'恩江镇\n某街 1 号', '13800138000'],
		['2', nextId(), '导入乙', '女', '恩江镇八一居委会', '20160102', 'K粉', '脱管失控', '隐性', '', ''],
		['3', nextId(), '导入丙', '男', '坑田镇', '2017-03-04', '', '', '', '', ''],
	];
	const file = writeCsv('good.csv', rows, { bom: true });
	const r = importFile(file);
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /读取 .*good\.csv（UTF-8 BOM，表头在第 1 行）/);
	assert.match(r.stdout, /忽略的列：序号、性别/);
	assert.match(r.stdout, /共 3 行：有效 3 行，已存在 0 行，有错误 0 行/);
	assert.match(r.stdout, /已导入 3 人/);
	assert.equal(await total(), before + 3);

	const list = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${encodeURIComponent('导入乙')}`);
	assert.equal(list.json.items.length, 1);
	const p = list.json.items[0];
	assert.equal(p.division, `${TOWNS.enjiang.code}001`);
	assert.equal(p.control_status, 'lost');
	assert.equal(p.registered, false);
	assert.equal(p.drug_types, 'ketamine');
	assert.equal(p.first_found_date, '2016-01-02');
	assert.equal(p.id_number_masked, maskId(rows[2][1]));

	// Once more: every row is on file already.
	const again = importFile(file);
	assert.equal(again.status, 0, again.stderr);
	assert.match(again.stdout, /第 2 行：已存在，跳过（3608\*+\w{4}，导入甲）/);
	assert.match(again.stdout, /共 3 行：有效 0 行，已存在 3 行，有错误 0 行/);
	assert.equal(await total(), before + 3);

	// Both imports are in the audit log, with the file name and counts.
	const log = await api(srv.base, auditorToken, 'GET', '/api/v1/audit?action=import');
	assert.equal(log.status, 200);
	assert.equal(log.json.total, 2);
	assert.match(log.json.items[1].summary, /^导入 good\.csv：读取 3 行，新增 3 人（档案 \d+–\d+），已存在 0 人$/);
	assert.match(log.json.items[0].summary, /^导入 good\.csv：读取 3 行，没有新增，已存在 3 人$/);
	assert.equal(log.json.items[0].login, 'cli');
	assert.equal(run(['audit', 'verify', '--db', env.db]).status, 0);
});

test('bad rows: exit 1, each row, column and reason reported, nothing written', async () => {
	const before = await total();
	const good = nextId();
	const badCheck = idWithBadCheck(nextId().slice(0, 17));
	const dup = nextId();
	const file = writeCsv('bad.csv', [
		['身份证号', '姓名', '管控责任地', '初次发现日期', '成瘾认定'],
		[good, '好人', '恩江镇', '2020-01-01', ''],
		[badCheck, '坏一', '恩江镇', '2020-01-01', ''],
		[dup, '坏二', '没有这个镇', '2020-02-30', '很严重'],
		[dup, '坏三', '石马镇', '2020-01-01', ''],
	]);
	const r = importFile(file);
	assert.equal(r.status, 1, r.stdout);
	const lines = r.stdout.split('\n');
	assert.ok(lines.some((l) => /^第 3 行，“身份证号”列：身份证号校验位错误：末位应为“\w”$/.test(l)), r.stdout);
	assert.ok(lines.includes('第 4 行，“管控责任地”列：本辖区没有名为“没有这个镇”的乡镇（街道）或村（社区）'), r.stdout);
	assert.ok(lines.includes('第 4 行，“初次发现日期”列：无法识别的日期“2020-02-30”，请写成 2024-01-31'), r.stdout);
	assert.ok(lines.some((l) => l.startsWith('第 4 行，“成瘾认定”列：“很严重”不是有效的成瘾认定，可填：吸毒、吸毒成瘾、吸毒成瘾严重')), r.stdout);
	assert.ok(lines.includes('第 5 行，“身份证号”列：与第 4 行的身份证号相同'), r.stdout);
	assert.match(r.stdout, /共 4 行：有效 1 行，已存在 0 行，有错误 3 行/);
	assert.match(r.stderr, /^jindu: 3 行有错误，没有导入任何数据：请改正后重新导入\n$/);
	assert.ok(!lines.some((l) => l.startsWith('第 2 行')), 'the good row has no complaint');
	assert.equal(await total(), before, 'nothing written, not even the good row');

	// A header without a required column.
	const nohead = writeCsv('nohead.csv', [['身份证号', '姓名', '管控责任地'], [good, '好人', '恩江镇']]);
	const h = importFile(nohead);
	assert.equal(h.status, 1);
	assert.match(h.stdout, /第 1 行：缺少必填的列“初次发现日期”（也可写作：初次发现时间、首次发现日期、首次发现时间）/);
	assert.match(h.stderr, /表头有错误，没有导入任何数据/);
	assert.equal(await total(), before);
});

test('measure columns: the current measure (and a compulsory one before 社区康复) comes with the file', async () => {
	const head = ['身份证号', '姓名', '管控责任地', '初次发现日期', '戒毒措施', '措施决定日期', '决定书编号',
		'报到日期', '强制隔离戒毒决定日期', '强制隔离戒毒解除日期', '最近见面日期', '成瘾认定日期', '家庭成员'];
	const [a, b, c, d, e, f] = [nextId(), nextId(), nextId(), nextId(), nextId(), nextId()];
	const bad = writeCsv('measures-bad.csv', [head,
		[a, '甲社戒', '恩江镇', '2020-01-01', '社区戒毒', '2025-03-01', '永公决字1号', '2025-03-05', '', '', '', '', ''],
		[b, '乙无强戒', '恩江镇', '2020-01-01', '社区康复', '2025-01-10', '', '', '', '', '', '', ''],
		[c, '丙强戒报到', '恩江镇', '2020-01-01', '强制隔离戒毒', '2025-06-01', '', '2025-06-02', '', '', '', '', ''],
		[d, '丁无措施', '恩江镇', '2020-01-01', '', '2025-06-01', '', '', '', '', '', '', ''],
		[e, '戊无日期', '恩江镇', '2020-01-01', '社区戒毒', '', '', '', '', '', '', '', ''],
		[f, '己半截', '恩江镇', '2020-01-01', '', '', '', '', '2023-01-01', '', '', '', ''],
	]);
	const before = await total();
	let r = importFile(bad);
	assert.equal(r.status, 1, r.stdout);
	const lines = r.stdout.split('\n');
	for (const want of [
		'第 3 行，“戒毒措施”列：社区康复应在强制隔离戒毒期满或提前解除后决定',
		'第 4 行，“报到日期”列：只有社区戒毒和社区康复需要报到',
		'第 5 行，“戒毒措施”列：填写了措施的日期或文书，但没有填写戒毒措施',
		'第 6 行，“措施决定日期”列：填写了戒毒措施时，措施决定日期必填',
		'第 7 行，“强制隔离戒毒解除日期”列：此前的强制隔离戒毒需同时填写决定日期和解除日期'])
		assert.ok(lines.includes(want), `${want}\n${r.stdout}`);
	assert.ok(!lines.some((l) => l.startsWith('第 2 行')), r.stdout);
	assert.equal(await total(), before, 'nothing written');

	const good = writeCsv('measures.csv', [head,
		[a, '甲社戒', '恩江镇', '2020-01-01', '社区戒毒', '2025-03-01', '永公决字1号', '2025-03-05', '', '', '2026-05-20', '2020-02-01', '母亲 王某'],
		[b, '乙社康', '恩江镇', '2019-01-01', '社区康复', '2025-01-10', '', '2025-01-15', '2023-01-05', '2025-01-05', '', '', ''],
		[c, '丙强戒', '恩江镇', '2021-01-01', '强制隔离戒毒', '2025-06-01', '', '', '', '', '', '', ''],
	]);
	r = importFile(good);
	assert.equal(r.status, 0, r.stdout + r.stderr);
	assert.equal(await total(), before + 3);
	const find = async (name) => {
		const list = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${encodeURIComponent(name)}`);
		const id = list.json.items[0].id;
		const ctl = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${id}/control`);
		const file = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${id}`);
		return { file: file.json, ms: ctl.json.measures, contacts: ctl.json.contacts };
	};
	const pa = await find('甲社戒');
	assert.deepEqual(pa.ms.map((m) => [m.kind, m.status, m.start_date]), [['community', 'active', '2025-03-05']]);
	// the months before the import are not missed: the person stays in control
	assert.equal(pa.file.control_status, 'in_control');
	assert.equal(pa.ms[0].obligations.missed_in_row, 0);
	assert.equal(pa.file.addiction_date, '2020-02-01');
	assert.equal(pa.file.family, '母亲 王某');
	assert.deepEqual(pa.contacts.map((x) => [x.date, x.kind, x.outcome]), [['2026-05-20', 'visit', 'met']]);
	const pb = await find('乙社康');
	assert.deepEqual(pb.ms.map((m) => [m.kind, m.status, m.end_reason]),
		[['rehab', 'active', ''], ['compulsory', 'ended', 'completed']]);
	const pc = await find('丙强戒');
	assert.deepEqual(pc.ms.map((m) => [m.kind, m.status]), [['compulsory', 'active']]);
	assert.equal(pc.file.control_status, 'compulsory');
	// again: nothing new, no second measure
	r = importFile(good);
	assert.equal(r.status, 0);
	assert.match(r.stdout, /已存在 3 行/);
	assert.equal((await find('乙社康')).ms.length, 2);
});

test('--dry-run checks and writes nothing; GB18030 and LF files read the same', async (t) => {
	const before = await total();
	const rows = [['身份证号', '姓名', '管控责任地', '初次发现日期'], [nextId(), '试运行', '石马镇', '2021-05-06']];
	const file = writeCsv('dry.csv', rows, { eol: '\n' });
	const r = importFile(file, '--dry-run');
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /读取 .*dry\.csv（UTF-8，表头在第 1 行）/);
	assert.match(r.stdout, /试运行：检查通过，可导入 1 人；没有写入数据库/);
	assert.equal(await total(), before);
	const log = await api(srv.base, auditorToken, 'GET', '/api/v1/audit?action=import&limit=1');
	assert.doesNotMatch(log.json.items[0]?.summary || '', /dry\.csv/, 'a dry run leaves no audit entry');

	const iconv = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', file]);
	if (iconv.error || iconv.status !== 0) {
		t.diagnostic('iconv is not available: GB18030 left to the unit tests');
		return;
	}
	const gb = path.join(env.dir, 'gb.csv');
	fs.writeFileSync(gb, iconv.stdout);
	const g = importFile(gb);
	assert.equal(g.status, 0, g.stderr + g.stdout);
	assert.match(g.stdout, /（GB18030，表头在第 1 行）/);
	assert.match(g.stdout, /已导入 1 人/);
	assert.equal(await total(), before + 1);
	const res = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${encodeURIComponent('试运行')}`);
	assert.equal(res.json.items[0].division, TOWNS.shima.code);
});

test('--map names the columns whose headers are not recognised', async () => {
	const before = await total();
	const rows = [['证件号', '称呼', '所属乡镇', '初次发现日期', '手机'],
		[nextId(), '映射甲', '恩江镇', '2021-01-02', '13800000000']];
	const file = writeCsv('mapped.csv', rows);
	const plain = importFile(file, '--dry-run');
	assert.equal(plain.status, 1);
	assert.match(plain.stdout, /缺少必填的列“身份证号”/);
	const r = importFile(file, '--map', '证件号=身份证号；称呼=姓名; 手机=不导入');
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /忽略的列：手机/);
	assert.match(r.stdout, /已导入 1 人/);
	assert.equal(await total(), before + 1);
	const res = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${encodeURIComponent('映射甲')}`);
	assert.equal(res.json.items.length, 1);
	const full = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${res.json.items[0].id}`);
	assert.equal(full.json.phone, '', 'a column left out is not read');

	// A column mapped twice, and a mapping naming no column.
	const twice = importFile(file, '--map', '证件号=身份证号;手机=身份证号', '--dry-run');
	assert.equal(twice.status, 1);
	assert.match(twice.stdout, /第 1 行：“证件号”列和“手机”列都对应“身份证号”，请只保留其中一列/);
	const bad = importFile(file, '--map', '证件号=籍贯');
	assert.equal(bad.status, 1);
	assert.equal(bad.stderr, 'jindu: --map: “籍贯”不是可导入的列\n');
	assert.equal(await total(), before + 1);
});

test('an .xlsx with good rows, dates and numbers is imported', needPython, async () => {
	const before = await total();
	const id = nextId();
	const file = path.join(env.dir, 'book.xlsx');
	py(WRITE_BOOK, file, JSON.stringify([
		['永丰县吸毒人员登记表'],
		[],
		['姓名', '公民身份号码', null, '乡镇（街道）', '初次发现日期', '手机号码', '管控状态'],
		['表格甲', id, null, '恩江镇', { date: '2019-12-31' }, 13800138000, '在控'],
		['表格乙', nextId(), null, '坑田镇', '2018/7/8', null, null],
	]));
	const r = importFile(file);
	assert.equal(r.status, 0, r.stderr + r.stdout);
	assert.match(r.stdout, /（xlsx，表头在第 3 行）/);
	assert.match(r.stdout, /已导入 2 人/);
	assert.equal(await total(), before + 2);
	const res = await api(srv.base, adminToken, 'GET', `/api/v1/persons?q=${id}`);
	assert.equal(res.json.items.length, 1);
	assert.equal(res.json.items[0].first_found_date, '2019-12-31');
	const full = await api(srv.base, adminToken, 'GET', `/api/v1/persons/${res.json.items[0].id}`);
	assert.equal(full.json.phone, '13800138000');

	// The ID column saved as numbers loses digits: said so, not guessed at.
	const lossy = path.join(env.dir, 'lossy.xlsx');
	py(WRITE_BOOK, lossy, JSON.stringify([
		['身份证号', '姓名', '管控责任地', '初次发现日期'],
		[Number(nextId().slice(0, 17) + '1'), '数字号', '恩江镇', '2020-01-01'],
	]));
	const l = importFile(lossy);
	assert.equal(l.status, 1);
	assert.match(l.stdout, /第 2 行，“身份证号”列：身份证号被 Excel 存成了数字（3\.\d+e\+17），后几位已经丢失/i);
	assert.equal(await total(), before + 2);
});

test('the template opens, explains every column and imports as nothing', async () => {
	const file = path.join(env.dir, 'template.xlsx');
	const r = run(['import', 'persons', '--template', file, '--db', env.db]);
	assert.equal(r.status, 0, r.stderr);
	assert.ok(fs.statSync(file).size > 1000);
	// Read back by jindu's own reader: the example row is skipped.
	const back = importFile(file, '--dry-run');
	assert.equal(back.status, 0, back.stderr + back.stdout);
	assert.match(back.stdout, /（xlsx，表头在第 1 行）/);
	assert.match(back.stdout, /共 0 行/);
	// Without a database it still works (no township list).
	assert.equal(run(['import', 'persons', '--template', path.join(env.dir, 't2.xlsx')]).status, 0);
	if (!PYTHON)
		return;
	const book = py(READ_BOOK, file);
	assert.deepEqual(book.map((s) => s.title), ['吸毒人员', '填写说明']);
	const header = book[0].rows[0];
	for (const h of ['身份证号', '姓名', '管控责任地', '初次发现日期', '滥用毒品种类', '备注'])
		assert.ok(header.includes(h), `template has ${h}`);
	// spreadsheet column letters: A … Z, AA …
	const col = (h) => {
		let n = header.indexOf(h) + 1, out = '';
		for (; n > 0; n = Math.floor((n - 1) / 26))
			out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
		return out;
	};
	assert.ok(book[0].cells[`${col('身份证号')}1`].red, 'required headers are red');
	assert.ok(book[0].cells[`${col('身份证号')}1`].bold);
	assert.ok(!book[0].cells[`${col('备注')}1`].red, 'optional headers are not');
	assert.equal(book[0].rows.length, 2, 'headers and one example row');
	assert.equal(book[0].cells[`${col('身份证号')}2`].format, '@', 'the ID column is text');
	const help = book[1].rows;
	assert.deepEqual(help[0], ['列名', '是否必填', '填写要求', '可填写的值', '也可使用的列名']);
	const line = (h) => help.find((row) => row[0] === h);
	assert.equal(line('身份证号')[1], '必填');
	assert.equal(line('别名')[1], '');
	assert.match(line('管控状态')[3], /在控、脱管失控、/);
	assert.match(line('成瘾认定')[3], /^吸毒、吸毒成瘾、吸毒成瘾严重$/);
	assert.match(line('管控责任地')[3], /^恩江镇、坑田镇、.*石马镇/);
	assert.match(line('身份证号')[4], /公民身份号码/);
});

test('GET /persons.xlsx: the officer\'s township only, masked IDs, the filters, no formulas, audited', needPython, async () => {
	// A 坑田镇 person the 恩江镇 officer must not get, and one whose fields
	// would be formulas if they were not written as text.
	const kt = await createPerson(srv.base, adminToken, { id_number: nextId(), name: '坑田人',
		division: TOWNS.kengtian.code });
	const evil = await createPerson(srv.base, adminToken, { id_number: nextId(), name: '=1+1',
		division: TOWNS.enjiang.code, residence_address: '@SUM(A1)', control_status: 'lost' });
	const officer = createToken(env.db, 'ej_officer');
	const c = new Client(srv.base);
	await c.signIn('ej_officer');

	const res = await c.get('/persons.xlsx');
	assert.equal(res.status, 200, res.text.slice(0, 300));
	assert.equal(res.headers.get('content-type'),
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	assert.match(res.headers.get('content-disposition'),
		/^attachment; filename="persons_\d{8}\.xlsx"; filename\*=UTF-8''%E5%90%B8%E6%AF%92%E4%BA%BA%E5%91%98_\d{8}\.xlsx$/);
	assert.match(res.headers.get('cache-control') || '', /no-store/);

	// Fetch the bytes again (the client keeps text) and read them.
	const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const bytes = Buffer.from(await (await fetch(`${srv.base}/persons.xlsx`, { headers: { cookie } })).arrayBuffer());
	assert.equal(bytes.subarray(0, 2).toString(), 'PK');
	const file = path.join(env.dir, 'export.xlsx');
	fs.writeFileSync(file, bytes);
	const [sheet] = py(READ_BOOK, file);
	assert.deepEqual(sheet.rows[0], ['姓名', '性别', '出生日期', '身份证号', '管控责任地', '在册情况', '管控状态',
		'成瘾认定', '滥用毒品种类', '初次发现日期', '初次发现单位', '联系电话', '现居住地址']);
	const rows = sheet.rows.slice(1);
	const mine = (await api(srv.base, officer, 'GET', '/api/v1/persons?limit=500')).json;
	assert.equal(rows.length, mine.total, 'every person of the officer\'s area');
	assert.deepEqual(rows.map((r) => r[0]).sort(), mine.items.map((p) => p.name).sort());
	assert.ok(!rows.some((r) => r[0] === '坑田人'), 'nobody from 坑田镇');
	for (const r of rows) {
		assert.match(r[3], /^\d{4}\*{10}\d{3}[\dX]$/, `masked ID ${r[3]}`);
		assert.match(r[4], /^恩江镇/);
	}
	const values = sheet.rows.flat();
	assert.ok(!values.includes(kt.id_number) && !values.includes(evil.id_number), 'no full ID number');
	const imported = rows.find((r) => r[0] === '导入乙');
	assert.deepEqual(imported.slice(4, 10), ['恩江镇八一居委会', '隐性', '脱管失控', '吸毒', '氯胺酮（K粉）', '2016-01-02']);

	// Text that looks like a formula stays text, formatted as text.
	const evilRow = sheet.rows.findIndex((r) => r[0] === '=1+1') + 1;
	assert.ok(evilRow > 1);
	const a = sheet.cells[`A${evilRow}`], m = sheet.cells[`M${evilRow}`];
	assert.equal(a.type, 's');
	assert.equal(a.format, '@');
	assert.equal(m.type, 's');
	assert.equal(sheet.rows[evilRow - 1][12], '@SUM(A1)');

	// The list page's filters apply, and the page links to the export with them.
	const lost = await c.get('/persons.xlsx?status=lost');
	assert.equal(lost.status, 200);
	const lostFile = path.join(env.dir, 'lost.xlsx');
	fs.writeFileSync(lostFile, Buffer.from(await (await fetch(`${srv.base}/persons.xlsx?status=lost`, { headers: { cookie } })).arrayBuffer()));
	const lostRows = py(READ_BOOK, lostFile)[0].rows.slice(1);
	assert.deepEqual(lostRows.map((r) => r[0]).sort(), ['=1+1', '导入乙']);
	const page = await c.get('/persons?status=lost&page=1');
	assert.match(page.text, /<a class="button" id="export-xlsx" href="\/persons\.xlsx\?status=lost" download>导出 Excel<\/a>/);

	// Outside the officer's area or a bad filter: refused.
	assert.equal((await c.get(`/persons.xlsx?division=${TOWNS.kengtian.code}`)).status, 400);
	assert.equal((await c.get('/persons.xlsx?status=nonsense')).status, 400);

	// The export is audited with its filter and count.
	const log = await api(srv.base, auditorToken, 'GET', '/api/v1/audit?action=export');
	assert.equal(log.status, 200);
	assert.ok(log.json.total >= 3);
	assert.equal(log.json.items[0].login, 'ej_officer');
	assert.equal(log.json.items[0].entity, 'person');
	assert.match(log.json.items[0].summary, /^导出 Excel：条件：status=lost；2 人$/);
	assert.ok(log.json.items.some((e) => new RegExp(`^导出 Excel：条件：全部；${rows.length} 人$`).test(e.summary)));
});
