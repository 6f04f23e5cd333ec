/* import-cases-test.c - a case ledger from a spreadsheet on a real database: rows of a case, every rule of the pages, the row report, all or nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/import-cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "domain/setup.h"
#include "report/xlsx-cases.h"

struct fixture {
	char dir[256];
	struct store *s;
	struct db *db;
	struct actor who;
	int files;
	int64_t on_file;
};
static struct fixture fx;

/* 360825199001011232 is a registered drug user of 恩江镇; the others are
 * on no file. */
#define ON_FILE "360825199001011232"
#define NEW1 "36082519880520123X"
#define NEW2 "360825199203152017"
#define NEW3 "440306198501011238"
#define NEW4 "360825197512123018"

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct person_input in = { 0 };
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	char path[300];
	int64_t existing;
	int nerr;

	(void)state;
	snprintf(fx.dir, sizeof(fx.dir), "%s/jindu-cases-XXXXXX", tmp && *tmp ? tmp : "/tmp");
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
	in.id_number = ON_FILE;
	in.name = "黄建国";
	in.division = "360825100";
	in.first_found_date = "2020-05-06";
	in.confirm_similar = "1";
	if (person_create(fx.db, &fx.who, &in, &a, &p, errs, &nerr, &existing, &err) != 0) {
		buf_addf(&err, " (%d field errors: %s)", nerr, nerr ? errs[0].message : "");
		goto fail;
	}
	fx.on_file = p.id;
	arena_release(&a);
	buf_release(&err);
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.buf);
	arena_release(&a);
	buf_release(&err);
	return -1;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	store_put(fx.db);
	store_close(fx.s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct table *csv(const char *text)
{
	char path[300];
	struct buf err = BUF_INIT;
	struct table *t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/cases-%d.csv", fx.dir, ++fx.files);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	t = table_open(path, &err);
	if (!t)
		fail_msg("%s", err.buf);
	buf_release(&err);
	return t;
}

struct result {
	int rc;
	struct import_report rep;
	struct import_cases_counts counts;
};

static void run(const char *text, const char *map_spec, int dry_run, struct result *res)
{
	struct arena a = ARENA_INIT;
	struct import_mapping map;
	struct buf err = BUF_INIT;
	struct table *t = csv(text);

	import_report_init(&res->rep);
	if (import_mapping_parse_for(&import_case_set, map_spec, &a, &map, &err) < 0)
		fail_msg("map: %s", err.buf);
	res->rc = import_cases(fx.db, &fx.who, "360825", t, "台账.csv", map.nentries ? &map : NULL,
			       dry_run, &res->rep, &res->counts, &err);
	if (res->rc < 0)
		fail_msg("import: %s", err.buf);
	table_close(t);
	arena_release(&a);
	buf_release(&err);
}

static void done(struct result *res)
{
	import_report_release(&res->rep);
}

/* The report's lines as "LINE|COLUMN|MESSAGE", one per line. */
static const char *issues(struct result *res)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;
	for (i = 0; i < res->rep.nissues; i++)
		buf_addf(&b, "%d|%s|%s\n", res->rep.issues[i].line, res->rep.issues[i].column,
			 res->rep.issues[i].message);
	out = arena_strdup(&res->rep.a, b.buf);
	buf_release(&b);
	return out;
}

static int64_t cases(void)
{
	struct case_filter f;
	struct arena a = ARENA_INIT;
	struct drug_case *list;
	struct buf err = BUF_INIT;
	int64_t total;
	int n;
	memset(&f, 0, sizeof(f));
	f.prefix = "360825";
	f.limit = 1;
	if (store_case_list(fx.db, &f, &a, &list, &n, &total, &err) < 0)
		fail_msg("%s", err.buf);
	arena_release(&a);
	buf_release(&err);
	return total;
}

#define HEADER                                                                                  \
	"案件编号,案件名称,案件类别,线索来源,所属辖区,受理日期,立案日期,破案日期,移送起诉日期,"   \
	"毒品种类,重量（克）,零包包数,犯罪嫌疑人身份证号,犯罪嫌疑人姓名,作用,刑事拘留日期,"       \
	"逮捕日期,简要案情\n"

/* Case 1 on one row: two suspects in one cell, one of them on file. Case
 * 2 on three rows, its cells merged: a suspect and a seizure a row. The
 * template's example first, left out. */
static const char ledger[] =
	HEADER
	"A1,示例,贩卖毒品,举报,,2025-03-01,,,,冰毒,1,,,,,,," IMPORT_CASE_EXAMPLE "\n"
	",,,,,,,,,,,,,,,,,\n"
	"A3608250500002025030001,黄某某等人贩卖毒品案,贩卖毒品案,举报,恩江镇,2025-03-01,2025-03-01,"
	"2025-03-01,,冰毒,12.5,25," ON_FILE "、" NEW1 ",、李四,主犯、从犯,2025-03-02,,零包贩卖\n"
	"A3608250500002025040002,运输毒品案,运输毒品,查缉站/卡点,,2025/4/2,2025/4/2,2025/4/3,"
	"2025/5/20,海洛因,60,,'" NEW2 ",王五,主犯,2025-04-03,2025-04-20,\n"
	",,,,,,,,,K粉,100.5,," NEW3 ",赵六,从犯,2025-04-03,,\n"
	"A3608250500002025040002,,,,,,,,,,,,,,,,,\n";

static void test_ledger(void **state)
{
	struct result res;
	int64_t before = cases();
	(void)state;

	/* a dry run: every row checked, nothing written */
	run(ledger, NULL, 1, &res);
	assert_string_equal(issues(&res), "");
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.rows, 4);
	assert_int_equal(res.rep.valid, 2);
	assert_int_equal(res.counts.suspects, 4);
	assert_int_equal(res.counts.new_files, 3);
	assert_int_equal(res.counts.registered, 1);
	assert_int_equal(res.counts.seizures, 3);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(cases(), before);
	done(&res);

	run(ledger, NULL, 0, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.imported, 2);
	assert_int_equal(res.counts.links, 2);
	assert_int_equal(cases(), before + 2);
	{
		struct arena a = ARENA_INIT;
		struct buf err = BUF_INIT;
		struct case_file f;
		assert_int_equal(case_open(fx.db, &fx.who, res.rep.first_id, 1, &a, &f, &err), 0);
		assert_string_equal(f.c.number, "A3608250500002025030001");
		assert_string_equal(f.c.type, "trafficking");
		assert_string_equal(f.c.division, "360825100");
		assert_string_equal(f.c.status, "solved");
		assert_int_equal(f.nsteps, 3);
		assert_int_equal(f.nsuspects, 2);
		assert_int_equal(f.suspects[0].person_id, fx.on_file);
		assert_string_equal(f.suspects[0].role, "principal");
		assert_string_equal(f.suspects[1].person_name, "李四");
		assert_string_equal(f.suspects[1].role, "accomplice");
		assert_int_equal(f.nmeasures, 2);
		assert_int_equal(f.nseizures, 1);
		assert_string_equal(f.seizures[0].drug, "meth");
		assert_int_equal(f.seizures[0].weight_ug, 12500000);
		assert_int_equal(f.seizures[0].packets, 25);
		assert_int_equal(f.seizures[0].date, 20250301);
		arena_release(&a);
		assert_int_equal(case_open(fx.db, &fx.who, res.rep.last_id, 1, &a, &f, &err), 0);
		assert_string_equal(f.c.status, "referred");
		assert_string_equal(f.c.source, "checkpoint");
		assert_string_equal(f.c.division, "360825");
		assert_int_equal(f.nsuspects, 2);
		assert_int_equal(f.nseizures, 2);
		assert_int_equal(f.nmeasures, 3);
		assert_int_equal(f.totals[0].weight_ug + f.totals[1].weight_ug, 160500000);
		arena_release(&a);
		buf_release(&err);
	}
	done(&res);

	/* again: both numbers on record, reported and skipped */
	run(ledger, NULL, 0, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.existing, 2);
	assert_int_equal(res.rep.imported, 0);
	assert_string_equal(issues(&res),
			    "4|案件编号|案件编号 A3608250500002025030001 已登记，跳过\n"
			    "5|案件编号|案件编号 A3608250500002025040002 已登记，跳过\n");
	assert_int_equal(cases(), before + 2);
	done(&res);
}

static void test_rules_by_row_and_column(void **state)
{
	struct result res;
	int64_t before = cases();
	(void)state;

	run(HEADER
	    /* 2: a drug not in the catalogue, a weight of three decimals */
	    "B1,甲案,贩卖毒品,,,2025-03-01,,,,白砂糖,1.234,,,,,,,\n"
	    /* 3: 破案 before 立案; a bad check character */
	    "B2,乙案,贩卖毒品,,,2025-03-01,2025-03-05,2025-03-04,,,,,360825199001011233,某,,,,\n"
	    /* 4: 破案 without a suspect */
	    "B3,丙案,非法持有毒品,,,2025-03-01,2025-03-01,2025-03-01,,,,,,,,,,\n"
	    /* 5: a person on no file without a name; 逮捕 before 刑拘 */
	    "B4,丁案,贩卖毒品,,,2025-03-01,,,,,,," NEW4 ",,,2025-03-05,2025-03-04,\n"
	    /* 6, 7: the same case number apart; a type that is none */
	    "B5,戊案,贿赂,,,2025-03-01,,,,,,,,,,,,\n"
	    "B1,甲案,贩卖毒品,,,2025-03-01,,,,,,,,,,,,\n"
	    /* 8, 9: a second row of a case naming another case name */
	    "B6,己案,贩卖毒品,,,2025-03-01,,,,,,,,,,,,\n"
	    ",庚案,,,,,,,,冰毒,1,,,,,,,\n",
	    NULL, 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(
		issues(&res),
		"2|毒品种类|“白砂糖”不在毒品目录中：请填写目录中的名称或俗称，如甲基苯丙胺、冰毒、海洛因\n"
		"2|重量（克）|重量最多保留两位小数（精确到 0.01 克）\n"
		"3|破案日期|日期 2025-03-04 早于上一步（立案 2025-03-05）\n"
		"3|犯罪嫌疑人身份证号|身份证号校验位错误：末位应为“2”\n"
		"4|破案日期|请先录入犯罪嫌疑人：破案须有抓获或查明身份的犯罪嫌疑人\n"
		"5|犯罪嫌疑人姓名|身份证号 " NEW4 " 尚无人员档案，请填写犯罪嫌疑人姓名\n"
		"5|逮捕日期|逮捕日期不能早于刑事拘留日期\n"
		"6|案件类别|“贿赂”不是有效的案件类别：请填写案件类别的名称，如“贩卖毒品”（见导入模板的填写说明）\n"
		"7|案件编号|与第 2 行的案件编号相同：同一案件的各行应当连续排列\n"
		"9|案件名称|与第 8 行同一案件，但“己案”不同：同一案件的后续行可以不填\n");
	assert_int_equal(res.rep.rows, 8);
	assert_int_equal(res.rep.rejected, 7);
	assert_int_equal(res.rep.valid, 0);
	done(&res);
	/* not a dry run: refused alike, nothing written */
	run(HEADER "C1,甲案,贩卖毒品,,,2025-03-01,,,,冰毒,1,,,,,,,\n"
		   "C2,乙案,贩卖毒品,,,2025-03-01,,,,白砂糖,1,,,,,,,\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(res.rep.first_id, 0);
	assert_int_equal(cases(), before);
	done(&res);
}

static void test_header(void **state)
{
	struct result res;
	(void)state;
	/* no 受理日期 */
	run("案号,案名,案由\nD1,甲,贩卖毒品\n", NULL, 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "1||缺少必填的列“受理日期”（也可写作：受案日期、受理时间、受案时间）\n");
	done(&res);
	/* named by a mapping; a person's new file in a second case of the file */
	run("编号,名称,类别,收案,人\n"
	    "D2,甲,贩卖毒品,2025-01-02," NEW4 "\n",
	    "编号=number;名称=案件名称;类别=type;收案=受理日期;人=suspect_id_number", 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "2|人|身份证号 " NEW4 " 尚无人员档案，请填写犯罪嫌疑人姓名\n");
	done(&res);
	run("编号,名称,类别,收案,人,名\n"
	    "D2,甲,贩卖毒品,2025-01-02," NEW4 ",钱七\n"
	    "D3,乙,贩卖毒品,2025-01-03," NEW4 ",\n",
	    "编号=number;名称=案件名称;类别=type;收案=受理日期;人=suspect_id_number;名=姓名", 1,
	    &res);
	assert_int_equal(res.rc, 0);
	assert_string_equal(issues(&res), "");
	assert_int_equal(res.counts.new_files, 1);
	assert_int_equal(res.counts.suspects, 2);
	done(&res);
}

/* The template's example case, as the columns describe it: imported as it
 * stands it is left out; without its mark it is a valid case. */
static void test_template_example(void **state)
{
	struct buf text = BUF_INIT, err = BUF_INIT;
	struct result res;
	struct policy pol;
	char path[300];
	struct table *t;
	int i, r;
	(void)state;

	for (r = 0; r < 3; r++) {
		for (i = 0; i < IC_NCOLUMNS; i++) {
			const struct import_case_header *c = &import_case_columns[i];
			const char *v = r == 0 ? c->header : r == 1 ? c->example : c->example2;
			if (r == 1 && i == IC_DESCRIPTION)
				v = "经群众举报抓获";
			buf_addf(&text, "%s\"%s\"", i ? "," : "", v);
		}
		buf_addch(&text, '\n');
	}
	run(text.buf, NULL, 1, &res);
	assert_string_equal(issues(&res), "");
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.valid, 1);
	assert_int_equal(res.rep.rows, 2);
	assert_int_equal(res.counts.suspects, 3);
	assert_int_equal(res.counts.seizures, 2);
	done(&res);

	policy_defaults(&pol);
	snprintf(path, sizeof(path), "%s/template.xlsx", fx.dir);
	if (xlsx_cases_template(path, &pol, NULL, 0, &err) < 0)
		fail_msg("%s", err.buf);
	t = table_open(path, &err);
	assert_non_null(t);
	import_report_init(&res.rep);
	res.rc = import_cases(fx.db, &fx.who, "360825", t, "template.xlsx", NULL, 1, &res.rep,
			      &res.counts, &err);
	table_close(t);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.rows, 0);
	assert_int_equal(res.rep.header_line, 1);
	assert_int_equal(res.rep.nignored, 0);
	done(&res);
	buf_release(&text);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ledger),
		cmocka_unit_test(test_rules_by_row_and_column),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_template_example),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
