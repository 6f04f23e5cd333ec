/* import-persons-test.c - headers, values and the row report of a persons import on a real database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/import-persons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "domain/setup.h"
#include "lib/idcard.h"

struct fixture {
	char dir[256];
	struct store *s;
	struct db *db;
	struct actor who;
	int seq;
};
static struct fixture fx;

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct buf err = BUF_INIT;
	char path[300];

	snprintf(fx.dir, sizeof(fx.dir), "%s/jindu-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(path, sizeof(path), "%s/jindu.db", fx.dir);
	fx.s = store_open(path, NULL, 1, &err);
	if (!fx.s)
		goto fail;
	fx.db = store_get(fx.s);
	if (setup_database(fx.db, "360825", "Correct-horse-42", &err) < 0)
		goto fail;
	fx.who = setup_cli_actor;
	fx.who.prefix = "360825";
	buf_release(&err);
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.buf);
	buf_release(&err);
	return -1;
}

static int teardown(void **state)
{
	char cmd[300];
	store_put(fx.db);
	store_close(fx.s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A valid ID number not used before in this run (born 1970-1999 in 永丰县). */
static const char *new_id(void)
{
	static char id[8][19];
	static int slot;
	char *out = id[slot++ % 8];
	unsigned n = (unsigned)++fx.seq;
	snprintf(out, 19, "360825%04u%02u%02u%03u", 1970 + n % 30, 1 + n % 12, 1 + n % 28,
		 100 + n % 900);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
	return out;
}

static int64_t persons_count(void)
{
	struct person_filter f;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct person *list;
	int64_t total = -1;
	int n;
	memset(&f, 0, sizeof(f));
	f.prefix = "";
	f.registered = -1;
	f.include_closed = 1;
	f.limit = 1;
	if (store_person_list(fx.db, &f, &a, &list, &n, &total, &err) < 0)
		fail_msg("count: %s", err.buf);
	arena_release(&a);
	buf_release(&err);
	return total;
}

/* The stored person named name (exactly one). */
static struct person find(struct arena *a, const char *name)
{
	struct person_filter f;
	struct buf err = BUF_INIT;
	struct person *list;
	int64_t total;
	int n;
	memset(&f, 0, sizeof(f));
	f.prefix = "";
	f.name = name;
	f.registered = -1;
	f.limit = 5;
	if (store_person_list(fx.db, &f, a, &list, &n, &total, &err) < 0)
		fail_msg("find: %s", err.buf);
	buf_release(&err);
	if (n != 1)
		fail_msg("%d persons named %s", n, name);
	return list[0];
}

struct result {
	int rc;
	struct import_report rep;
	char *text; /* the issues, one per line */
};

static void run_mapped(struct result *res, const char *name, const char *csv,
		       const struct import_mapping *map, int dry_run)
{
	struct buf err = BUF_INIT, text = BUF_INIT;
	char path[300];
	struct table *t;
	FILE *f;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", fx.dir, name);
	if (csv) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(csv, f);
		fclose(f);
	}
	t = table_open(path, &err);
	if (!t)
		fail_msg("open %s: %s", path, err.buf);
	import_report_init(&res->rep);
	res->rc = import_persons_mapped(fx.db, &fx.who, t, path, map, dry_run, &res->rep, &err);
	if (res->rc < 0)
		fail_msg("import: %s", err.buf);
	for (i = 0; i < res->rep.nissues; i++) {
		import_issue_format(&res->rep.issues[i], &text);
		buf_addch(&text, '\n');
	}
	res->text = buf_detach(&text, NULL);
	table_close(t);
	buf_release(&err);
}

static void run(struct result *res, const char *name, const char *csv, int dry_run)
{
	run_mapped(res, name, csv, NULL, dry_run);
}

static void done(struct result *res)
{
	import_report_release(&res->rep);
	free(res->text);
}

static void test_headers(void **state)
{
	static const struct {
		const char *header, *column;
	} cases[] = {
		{ "身份证号", "身份证号" },       { "身份证号码", "身份证号" },
		{ "公民身份号码", "身份证号" },   { "证件号码", "身份证号" },
		{ " 身份证号 ", "身份证号" },     { "*身份证号", "身份证号" },
		{ "身份证号（必填）", "身份证号" }, { "身份证号*", "身份证号" },
		{ "姓 名", "姓名" },              { "姓　名", "姓名" },
		{ "绰号", "别名" },               { "手机号码", "联系电话" },
		{ "电话", "联系电话" },           { "户籍地代码", "户籍地区划" },
		{ "户籍地详址", "户籍地址" },     { "现居住地", "现住址" },
		{ "现居住地址", "现住址" },       { "责任乡镇", "管控责任地" },
		{ "所属乡镇", "管控责任地" },     { "乡镇（街道）", "管控责任地" },
		{ "乡镇(街道)", "管控责任地" },   { "初次发现时间", "初次发现日期" },
		{ "在册情况", "在册情况" },       { "滥用毒品种类", "滥用毒品种类" },
		{ "特殊人员类别", "特殊人员类别" }, { "备注", "备注" },
		{ "籍贯", NULL },                 { "", NULL },
		{ "序号", NULL },                 { "身份证", "身份证号" },
	};
	size_t i;
	int k;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		k = import_person_column(cases[i].header);
		if (!cases[i].column) {
			assert_int_equal(k, -1);
			continue;
		}
		assert_true(k >= 0);
		assert_string_equal(import_person_columns[k].header, cases[i].column);
	}
}

static void test_dates(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2024-01-31", "2024-01-31" },  { "2024/1/31", "2024-01-31" },
		{ "2024.1.5", "2024-01-05" },    { "20240131", "2024-01-31" },
		{ "2024年1月31日", "2024-01-31" }, { "2024年1月31", "2024-01-31" },
		{ " 2024-01-31 ", "2024-01-31" }, { "2024-01-31 00:00:00", "2024-01-31" },
		{ "2024/1/31 8:05", "2024-01-31" }, { "45000", "2023-03-15" },
		{ "45000.0", "2023-03-15" },     { "2024-02-29", "2024-02-29" },
		{ "2023-02-29", NULL },          { "2024-13-01", NULL },
		{ "2024-1", NULL },             { "2024/01-31", NULL },
		{ "abc", NULL },                { "", NULL },
		{ "60", NULL },                 { "2024131", NULL },
		{ "45000.5x", NULL },           { "2024-01-31x", NULL },
	};
	char out[11];
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = import_parse_date(cases[i].in, out);
		if (!cases[i].out) {
			if (rc == 0)
				fail_msg("'%s' parsed as %s", cases[i].in, out);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' not parsed", cases[i].in);
		assert_string_equal(out, cases[i].out);
	}
}

static void test_good_rows(void **state)
{
	struct arena a = ARENA_INIT;
	struct result res;
	struct buf csv = BUF_INIT;
	struct person p;
	int64_t before = persons_count();
	char lower[19];

	snprintf(lower, sizeof(lower), "%s", new_id());
	if (lower[17] == 'X')
		lower[17] = 'x';
	buf_adds(&csv, "永丰县吸毒人员登记表\n\n序号,公民身份号码,姓名,所属乡镇,初次发现时间,"
		       "滥用毒品种类,管控状态,在册情况,成瘾认定,民族,籍贯,特殊人员类别\n");
	buf_addf(&csv, "1,%s,甲一,恩江镇,2015/6/1,海洛因、冰毒,脱管失控,隐性,吸毒成瘾严重,汉,江西,\n",
		 new_id());
	buf_addf(&csv, "2,'%s,甲二,恩江镇八一居委会,20160102,\"K粉，摇头丸\",in_control,在册,,汉族,,"
		       "艾滋病病毒感染者\n", new_id());
	buf_addf(&csv, "3,%s,甲三,东湖村,45000,,,,,,,\n", new_id());
	buf_addf(&csv, "4,%s,甲四,东湖社区,2020年3月1日,,,,,,,\n", new_id());
	buf_addf(&csv, "5,%s,甲五,江西省吉安市永丰县坑田镇,2020-03-01,,,,,,,\n", new_id());
	buf_addf(&csv, "6,%s,甲六,360825100000,2020-03-01,,,,,,,\n", lower);
	buf_addf(&csv, "7,=\"%s\",甲七,恩江 / 八一社区,2020-03-01,,,,,,,\n", new_id());
	run(&res, "good.csv", csv.buf, 0);
	assert_string_equal(res.text, "");
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.header_line, 3);
	assert_int_equal(res.rep.rows, 7);
	assert_int_equal(res.rep.valid, 7);
	assert_int_equal(res.rep.imported, 7);
	assert_int_equal(res.rep.nignored, 2);
	assert_string_equal(res.rep.ignored[0], "序号");
	assert_string_equal(res.rep.ignored[1], "籍贯");
	assert_int_equal(persons_count(), before + 7);

	p = find(&a, "甲一");
	assert_string_equal(p.division, "360825100");
	assert_string_equal(p.drug_types, "heroin,meth");
	assert_string_equal(p.control_status, "lost");
	assert_int_equal(p.registered, 0);
	assert_string_equal(p.addiction, "severe");
	assert_string_equal(p.ethnicity, "汉族");
	assert_int_equal(p.first_found_date, 20150601);
	p = find(&a, "甲二");
	assert_string_equal(p.division, "360825100001");
	assert_string_equal(p.drug_types, "ketamine,mdma");
	assert_string_equal(p.control_status, "in_control");
	assert_string_equal(p.addiction, "use");
	assert_string_equal(p.special_status, "hiv");
	assert_int_equal(p.registered, 1);
	assert_string_equal(find(&a, "甲三").division, "360825106203");
	assert_int_equal(find(&a, "甲三").first_found_date, 20230315);
	assert_string_equal(find(&a, "甲四").division, "360825100014");
	assert_string_equal(find(&a, "甲五").division, "360825101");
	assert_string_equal(find(&a, "甲六").division, "360825100");
	assert_string_equal(find(&a, "甲七").division, "360825100001");
	done(&res);

	/* The same file again: every row is on file, nothing new. */
	run(&res, "good.csv", NULL, 0);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.existing, 7);
	assert_int_equal(res.rep.valid, 0);
	assert_int_equal(res.rep.imported, 0);
	assert_non_null(strstr(res.text, "第 4 行：已存在，跳过（3608**********"));
	assert_int_equal(persons_count(), before + 7);
	done(&res);
	buf_release(&csv);
	arena_release(&a);
}

static void test_bad_rows(void **state)
{
	struct result res;
	struct buf csv = BUF_INIT, want = BUF_INIT;
	int64_t before = persons_count();
	char bad[19], dup[19], good;

	snprintf(bad, sizeof(bad), "%s", new_id());
	good = bad[17];
	bad[17] = good == '0' ? '1' : '0';
	snprintf(dup, sizeof(dup), "%s", new_id());
	buf_adds(&csv, "身份证号码,姓名,管控责任地,初次发现日期,管控状态,滥用毒品种类,在册情况\n");
	buf_addf(&csv, "%s,乙一,恩江镇,2020-01-01,,,\n", new_id());                   /* 2: good */
	buf_addf(&csv, "%s,乙二,恩江镇,2020-01-01,,,\n", bad);                        /* 3 */
	buf_addf(&csv, "%s,,东湖,2020-02-30,在逃,海洛因/糖,也许\n", new_id());         /* 4 */
	buf_addf(&csv, "%s,乙四,恩江镇,2020-01-01,,,\n", dup);                        /* 5 */
	buf_addf(&csv, "%s,乙五,恩江镇,2020-01-01,,,\n", dup);                        /* 6 */
	buf_addf(&csv, "3.60825199001011E+17,乙六,石马镇,2020-01-01,,,\n");            /* 7 */
	buf_addf(&csv, "%s,乙七,不存在乡,2099-01-01,,,\n", new_id());                 /* 8 */
	buf_addf(&csv, "%s,乙八,360826100,,,,\n", new_id());                          /* 9 */
	buf_addf(&csv, "%s,乙九,360825100999,2020-01-01,,,\n", new_id());             /* 10 */
	run(&res, "bad.csv", csv.buf, 0);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	buf_addf(&want, "第 3 行，“身份证号码”列：身份证号校验位错误：末位应为“%c”\n", good);
	buf_adds(&want,
		 "第 4 行，“姓名”列：请填写姓名\n"
		 "第 4 行，“管控责任地”列：“东湖”有多个同名的地方，请在前面写上所属乡镇，或填写区划代码\n"
		 "第 4 行，“初次发现日期”列：无法识别的日期“2020-02-30”，请写成 2024-01-31\n"
		 "第 4 行，“管控状态”列：“在逃”不是有效的管控状态，可填：在控、脱管失控、羁押、服刑、"
		 "强制隔离戒毒中、出国（境）、死亡、戒断三年未复吸\n"
		 "第 4 行，“滥用毒品种类”列：“糖”不是有效的滥用毒品种类，可填：海洛因、甲基苯丙胺（冰毒）、"
		 "麻古、氯胺酮（K粉）、MDMA（摇头丸）、大麻、鸦片、可卡因、甲卡西酮、新精神活性物质、其他\n"
		 "第 4 行，“在册情况”列：“也许”无效，应为“在册”或“隐性”\n"
		 "第 6 行，“身份证号码”列：与第 5 行的身份证号相同\n"
		 "第 7 行，“身份证号码”列：身份证号被 Excel 存成了数字（3.60825199001011E+17），"
		 "后几位已经丢失：请把该列设为“文本”格式，重新填写号码\n"
		 "第 8 行，“管控责任地”列：本辖区没有名为“不存在乡”的乡镇（街道）或村（社区）\n"
		 "第 8 行，“初次发现日期”列：初次发现日期不能晚于今天\n"
		 "第 9 行，“管控责任地”列：管控责任地不在您的辖区内\n"
		 "第 9 行，“初次发现日期”列：请填写初次发现日期\n"
		 "第 10 行，“管控责任地”列：没有代码为“360825100999”的乡镇（街道）或村（社区）\n");
	assert_string_equal(res.text, want.buf);
	assert_int_equal(res.rep.rows, 9);
	assert_int_equal(res.rep.rejected, 7);
	assert_int_equal(res.rep.valid, 2); /* rows 2 and 5 */
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(persons_count(), before); /* the good rows were not written either */
	done(&res);
	buf_release(&csv);
	buf_release(&want);
}

static void test_dry_run_and_header(void **state)
{
	struct result res;
	struct buf csv = BUF_INIT;
	int64_t before = persons_count();

	buf_addf(&csv, "身份证号,姓名,管控责任地,初次发现日期\n%s,丙一,恩江镇,2020-01-01\n", new_id());
	run(&res, "dry.csv", csv.buf, 1);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.valid, 1);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(persons_count(), before);
	done(&res);

	run(&res, "nohead.csv", "甲,乙\n1,2\n", 0);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "找不到表头：前 10 行中没有“身份证号”“姓名”等列名\n");
	done(&res);

	run(&res, "missing.csv", "标题\n姓名,身份证号,备注\n张三,x,y\n", 0);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text,
			    "第 2 行：缺少必填的列“管控责任地”（也可写作：责任乡镇、所属乡镇、乡镇（街道）、乡镇、管控地）\n"
			    "第 2 行：缺少必填的列“初次发现日期”（也可写作：初次发现时间、首次发现日期、首次发现时间）\n");
	assert_int_equal(persons_count(), before);
	done(&res);

	/* The template's example row is skipped, as is a second column of
	 * the same kind (reported as ignored). */
	buf_reset(&csv);
	buf_addf(&csv, "身份证号,姓名,管控责任地,初次发现日期,备注,电话,手机号码\n"
		       "%s,示例,恩江镇,2020-01-01," IMPORT_EXAMPLE_NOTE ",,\n", new_id());
	run(&res, "example.csv", csv.buf, 0);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.rows, 0);
	assert_int_equal(res.rep.nignored, 1);
	assert_string_equal(res.rep.ignored[0], "手机号码（重复）");
	assert_int_equal(persons_count(), before);
	done(&res);
	buf_release(&csv);
}

static void test_xlsx_and_audit(void **state)
{
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date;
	lxw_datetime found = { 2019, 12, 31, 0, 0, 0 };
	struct audit_filter af;
	struct audit_entry *entries;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct result res;
	char path[300];
	int64_t total, before = persons_count();
	int n;

	snprintf(path, sizeof(path), "%s/book.xlsx", fx.dir);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, NULL);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy/m/d");
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "身份证号", NULL);
	worksheet_write_string(ws, 0, 3, "乡镇（街道）", NULL);
	worksheet_write_string(ws, 0, 4, "初次发现日期", NULL);
	worksheet_write_string(ws, 0, 5, "联系电话", NULL);
	worksheet_write_string(ws, 2, 0, "丁一", NULL);
	worksheet_write_string(ws, 2, 1, new_id(), NULL);
	worksheet_write_string(ws, 2, 3, "坑田镇", NULL);
	worksheet_write_datetime(ws, 2, 4, &found, date);
	worksheet_write_number(ws, 2, 5, 13800138000.0, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	run(&res, "book.xlsx", NULL, 0);
	assert_string_equal(res.text, "");
	assert_int_equal(res.rc, 0);
	assert_string_equal(res.rep.encoding, "xlsx");
	assert_int_equal(res.rep.imported, 1);
	assert_int_equal(persons_count(), before + 1);
	assert_int_equal(find(&a, "丁一").first_found_date, 20191231);
	assert_string_equal(find(&a, "丁一").phone, "13800138000");
	done(&res);

	memset(&af, 0, sizeof(af));
	af.action = "import";
	af.limit = 1;
	assert_int_equal(store_audit_list(fx.db, &af, &a, &entries, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(entries[0].entity, "person");
	assert_string_equal(entries[0].login, "cli");
	assert_non_null(strstr(entries[0].summary, "导入 book.xlsx：读取 1 行，新增 1 人"));
	buf_release(&err);
	arena_release(&a);
}

static int column_index(const char *header)
{
	int i;
	for (i = 0; i < import_person_ncolumns; i++)
		if (!strcmp(import_person_columns[i].header, header))
			return i;
	fail_msg("no column %s", header);
	return -1;
}

static void test_mapping_parse(void **state)
{
	static const struct {
		const char *spec;
		int n;
		const char *err; /* or the headers and columns, "证件号>身份证号|…" */
		const char *want;
	} cases[] = {
		{ "证件号=身份证号", 1, NULL, "证件号>身份证号" },
		{ " 证件号 = 公民身份号码 ; 现住地=residence_address；籍贯=不导入;;编号=-\n", 4, NULL,
		  "证件号>身份证号|现住地>现住址|籍贯>-|编号>-" },
		{ "a=b=姓名", 1, NULL, "a=b>姓名" },
		{ "", 0, NULL, "" },
		{ "证件号", -1, "“证件号”应写成“表头=列名”", NULL },
		{ "=姓名", -1, "“=姓名”应写成“表头=列名”", NULL },
		{ "证件号=籍贯", -1, "“籍贯”不是可导入的列", NULL },
	};
	size_t i;
	int e;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a = ARENA_INIT;
		struct buf err = BUF_INIT, got = BUF_INIT;
		struct import_mapping m;
		int rc = import_mapping_parse(cases[i].spec, &a, &m, &err);
		if (cases[i].err) {
			assert_int_equal(rc, -1);
			assert_string_equal(err.buf, cases[i].err);
		} else {
			if (rc != 0)
				fail_msg("'%s': %s", cases[i].spec, err.buf);
			assert_int_equal(m.nentries, cases[i].n);
			assert_int_equal(m.header_line, 0);
			for (e = 0; e < m.nentries; e++) {
				assert_int_equal(m.entries[e].cell, -1);
				buf_addf(&got, "%s%s>%s", e ? "|" : "", m.entries[e].header,
					 m.entries[e].column < 0
						 ? "-"
						 : import_person_columns[m.entries[e].column].header);
			}
			assert_string_equal(got.buf, cases[i].want);
		}
		buf_release(&err);
		buf_release(&got);
		arena_release(&a);
	}
}

static void test_mapping_import(void **state)
{
	struct result res;
	struct buf csv = BUF_INIT, err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct import_mapping m;
	struct import_map_entry pos[5];
	int64_t before = persons_count();
	const char *id1;

	/* Headers nobody recognises: without a mapping there is no header. */
	id1 = arena_strdup(&a, new_id());
	buf_addf(&csv, "编号,证件号,名字,所在乡镇,查获日期,电话\n"
		       "1,%s,戊一,恩江镇,2020-01-01,13800000000\n"
		       "2,%s,戊二,恩江镇,2020-13-01,\n", id1, new_id());
	run(&res, "mapped.csv", csv.buf, 1);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "找不到表头：前 10 行中没有“身份证号”“姓名”等列名\n");
	done(&res);

	/* By header text: the bad row's column is named as the file names it;
	 * a recognised column can be left out. */
	assert_int_equal(import_mapping_parse("证件号=身份证号;名字=姓名;所在乡镇=管控责任地;"
					      "查获日期=初次发现日期;电话=不导入",
					      &a, &m, &err), 0);
	run_mapped(&res, "mapped.csv", NULL, &m, 1);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "第 3 行，“查获日期”列：无法识别的日期“2020-13-01”，请写成 2024-01-31\n");
	assert_int_equal(res.rep.header_line, 1);
	assert_int_equal(res.rep.valid, 1);
	assert_int_equal(res.rep.rejected, 1);
	assert_int_equal(res.rep.nignored, 2);
	assert_string_equal(res.rep.ignored[0], "编号");
	assert_string_equal(res.rep.ignored[1], "电话");
	done(&res);

	/* By position, with the header on the row given; the fixed row imports
	 * and the left-out phone is not stored. */
	buf_reset(&csv);
	buf_addf(&csv, "登记表\n编号,证件号,名字,所在乡镇,查获日期,电话\n"
		       "1,%s,戊一,恩江镇,2020-01-01,13800000000\n", id1);
	pos[0] = (struct import_map_entry){ 1, NULL, column_index("身份证号") };
	pos[1] = (struct import_map_entry){ 2, NULL, column_index("姓名") };
	pos[2] = (struct import_map_entry){ 3, NULL, column_index("管控责任地") };
	pos[3] = (struct import_map_entry){ 4, NULL, column_index("初次发现日期") };
	pos[4] = (struct import_map_entry){ 5, NULL, -1 };
	m = (struct import_mapping){ 2, pos, 5 };
	run_mapped(&res, "mapped2.csv", csv.buf, &m, 0);
	assert_string_equal(res.text, "");
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.header_line, 2);
	assert_int_equal(res.rep.imported, 1);
	assert_string_equal(find(&a, "戊一").phone, "");
	assert_int_equal(persons_count(), before + 1);
	done(&res);

	/* The same file again: on file already. */
	run_mapped(&res, "mapped2.csv", NULL, &m, 0);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.existing, 1);
	assert_int_equal(res.rep.imported, 0);
	done(&res);

	/* Two columns for one field: an error naming both, nothing read. */
	m.header_line = 0;
	pos[4] = (struct import_map_entry){ 0, NULL, column_index("身份证号") };
	run_mapped(&res, "mapped2.csv", NULL, &m, 1);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "第 2 行：“编号”列和“证件号”列都对应“身份证号”，请只保留其中一列\n");
	assert_int_equal(res.rep.rows, 0);
	done(&res);

	/* A mapped column beside a recognised one of the same kind. */
	buf_reset(&csv);
	buf_addf(&csv, "身份证号,证件号,姓名,管控责任地,初次发现日期\n%s,%s,己一,恩江镇,2020-01-01\n",
		 new_id(), new_id());
	assert_int_equal(import_mapping_parse("证件号=身份证号", &a, &m, &err), 0);
	run_mapped(&res, "mapped3.csv", csv.buf, &m, 1);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "第 1 行：“身份证号”列和“证件号”列都对应“身份证号”，请只保留其中一列\n");
	done(&res);
	/* Without the mapping the second is only ignored, as before. */
	run(&res, "mapped3.csv", NULL, 1);
	assert_int_equal(res.rc, 0);
	done(&res);

	/* A header row that is empty or past the end. */
	m = (struct import_mapping){ 3, pos, 4 };
	run_mapped(&res, "mapped4.csv", "身份证号,姓名\n\n\n1,2\n", &m, 1);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(res.text, "第 3 行没有内容，不能作为表头\n");
	done(&res);
	m.header_line = 9;
	run_mapped(&res, "mapped4.csv", NULL, &m, 1);
	assert_string_equal(res.text, "第 9 行没有内容，不能作为表头\n");
	done(&res);

	buf_release(&csv);
	buf_release(&err);
	arena_release(&a);
}

static void preview(struct import_preview *pv, const char *name, const char *csv, int header_line)
{
	struct buf err = BUF_INIT;
	char path[300];
	struct table *t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx.dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(csv, f);
	fclose(f);
	t = table_open(path, &err);
	assert_non_null(t);
	if (import_preview(t, header_line, 2, pv, &err) < 0)
		fail_msg("preview: %s", err.buf);
	table_close(t);
	buf_release(&err);
}

static void test_preview(void **state)
{
	struct import_preview pv;
	const char *csv = "登记表\n\n序号,身份证号,姓名,证件号,公民身份号码\n"
			  "1,a,b\n2,c,d,e,f,g\n\n3,h\n4,i\n";

	/* The header found, repeats not guessed twice, rows after it. */
	preview(&pv, "p1.csv", csv, 0);
	assert_string_equal(pv.encoding, "UTF-8");
	assert_int_equal(pv.header_line, 3);
	assert_int_equal(pv.found, 1);
	assert_int_equal(pv.ncols, 6);
	assert_string_equal(pv.headers[3], "证件号");
	assert_string_equal(pv.headers[5], "");
	assert_int_equal(pv.guess[0], -1);
	assert_int_equal(pv.guess[1], column_index("身份证号"));
	assert_int_equal(pv.guess[2], column_index("姓名"));
	assert_int_equal(pv.guess[3], -1);
	assert_int_equal(pv.guess[4], -1);
	assert_int_equal(pv.guess[5], -1);
	assert_int_equal(pv.nrows, 2);
	assert_int_equal(pv.lines[0], 4);
	assert_int_equal(pv.lines[1], 5);
	assert_string_equal(pv.rows[0][1], "a");
	assert_string_equal(pv.rows[0][5], "");
	assert_string_equal(pv.rows[1][5], "g");
	import_preview_release(&pv);

	/* A row asked for; an empty one gives nothing. */
	preview(&pv, "p2.csv", csv, 1);
	assert_int_equal(pv.header_line, 1);
	assert_int_equal(pv.found, 0);
	assert_int_equal(pv.ncols, 5);
	assert_int_equal(pv.lines[0], 3);
	import_preview_release(&pv);
	preview(&pv, "p3.csv", csv, 2);
	assert_int_equal(pv.header_line, 0);
	assert_int_equal(pv.ncols, 0);
	import_preview_release(&pv);

	/* Nothing recognised: the first row, for the user to map. */
	preview(&pv, "p4.csv", "\n编号,证件号\n1,2\n", 0);
	assert_int_equal(pv.header_line, 2);
	assert_int_equal(pv.found, 0);
	assert_int_equal(pv.nrows, 1);
	assert_int_equal(pv.lines[0], 3);
	import_preview_release(&pv);

	preview(&pv, "p5.csv", "", 0);
	assert_int_equal(pv.header_line, 0);
	assert_int_equal(pv.nrows, 0);
	import_preview_release(&pv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_good_rows),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_dry_run_and_header),
		cmocka_unit_test(test_xlsx_and_audit),
		cmocka_unit_test(test_mapping_parse),
		cmocka_unit_test(test_mapping_import),
		cmocka_unit_test(test_preview),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
