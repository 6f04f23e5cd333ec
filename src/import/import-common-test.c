/* import-common-test.c - headers as clerks write them, cells as spreadsheets leave them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/import-common.h"

#include <string.h>

#include "import/import-methadone.h"

static void test_header_key(void **state)
{
	static const struct {
		const char *in, *key;
	} rows[] = {
		{ "平均剂量(mg)", "平均剂量" },       { "平均剂量（毫克）", "平均剂量" },
		{ "平均剂量 (MG)", "平均剂量" },      { "应服药天数（天）", "应服药天数" },
		{ "*身份证号", "身份证号" },          { "＊身份证号", "身份证号" },
		{ "身份证号（必填）", "身份证号" },   { "身 份 证 号", "身份证号" },
		{ "\xe3\x80\x80月份\xe3\x80\x80", "月份" }, { "门诊(延伸点)", "门诊（延伸点）" },
		{ "ID", "id" },                       { "", "" },
	};
	char out[64];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		import_header_key(rows[i].in, out, sizeof(out));
		if (strcmp(out, rows[i].key))
			fail_msg("\"%s\": \"%s\", want \"%s\"", rows[i].in, out, rows[i].key);
	}
	/* a small buffer is never overrun */
	import_header_key("平均剂量平均剂量平均剂量", out, 8);
	assert_true(strlen(out) < 8);
}

static void test_methadone_columns(void **state)
{
	static const struct {
		const char *header;
		int col;
	} rows[] = {
		{ "身份证号", IM_ID },          { "公民身份号码", IM_ID },    { "姓名", IM_NAME },
		{ "患者姓名", IM_NAME },        { "月份", IM_MONTH },         { "服药月份", IM_MONTH },
		{ "门诊", IM_CLINIC },          { "治疗门诊", IM_CLINIC },    { "应服药天数", IM_DAYS_DUE },
		{ "应服天数", IM_DAYS_DUE },    { "实际服药天数", IM_DAYS_TAKEN },
		{ "实服天数(天)", IM_DAYS_TAKEN }, { "平均剂量(mg)", IM_DOSE },
		{ "日均剂量（毫克）", IM_DOSE }, { "序号", -1 },               { "备注", -1 },
		{ "剂量", -1 },                 { "", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (import_methadone_column(rows[i].header) != rows[i].col)
			fail_msg("\"%s\": column %d, want %d", rows[i].header,
				 import_methadone_column(rows[i].header), rows[i].col);
}

static void test_cells(void **state)
{
	struct arena a = ARENA_INIT;

	assert_string_equal(import_trim(&a, "  门诊 \xe3\x80\x80"), "门诊");
	assert_string_equal(import_trim(&a, "\xe3\x80\x80"), "");
	assert_string_equal(import_clean_id(&a, "'360825199001011232"), "360825199001011232");
	assert_string_equal(import_clean_id(&a, "=\"360825199001011232\""), "360825199001011232");
	assert_string_equal(import_clean_id(&a, "360825 1990 0101 1232"), "360825199001011232");
	assert_string_equal(import_clean_id(&a, "3.60825E+17"), "");
	arena_release(&a);
}

static void test_report(void **state)
{
	struct import_report rep;
	struct buf line = BUF_INIT;
	int i;

	import_report_init(&rep);
	import_report_add(&rep, 3, "月份", "无法识别\n的月份\x1b[31m", 0);
	import_issue_format(&rep.issues[0], &line);
	assert_string_equal(line.buf, "第 3 行，“月份”列：无法识别 的月份 [31m");
	for (i = 0; i < IMPORT_MAX_ISSUES + 5; i++)
		import_report_add(&rep, 4, "", "x", 0);
	assert_int_equal(rep.nissues, IMPORT_MAX_ISSUES);
	assert_int_equal(rep.issues_dropped, 6);
	import_report_release(&rep);
	buf_release(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_key),
		cmocka_unit_test(test_methadone_columns),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
