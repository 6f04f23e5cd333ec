/* methadone-test.c - months of methadone maintenance at their edges: leap Februaries, rounding, the rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/methadone.h"

#include <stdio.h>
#include <string.h>

static void test_days_in_month(void **state)
{
	static const struct {
		int month, days;
	} rows[] = {
		{ 202402, 29 }, { 202302, 28 }, { 202502, 28 }, { 200002, 29 }, { 190002, 28 },
		{ 210002, 28 }, { 202401, 31 }, { 202404, 30 }, { 202612, 31 }, { 202606, 30 },
		{ 202613, 0 },  { 202600, 0 },  { 189912, 0 },  { 2026, 0 },     { 0, 0 },
		{ -202605, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (methadone_days_in_month(rows[i].month) != rows[i].days)
			fail_msg("%d: %d days, want %d", rows[i].month,
				 methadone_days_in_month(rows[i].month), rows[i].days);
	assert_int_equal(methadone_month_first(202402), 20240201);
	assert_int_equal(methadone_month_last(202402), 20240229);
	assert_int_equal(methadone_month_last(202302), 20230228);
	assert_int_equal(methadone_month_last(202612), 20261231);
}

static void test_month_parse(void **state)
{
	static const struct {
		const char *text;
		int month; /* 0: refused */
	} rows[] = {
		{ "2026-05", 202605 },  { "2026-5", 202605 },   { "2026/5", 202605 },
		{ "2026/05", 202605 },  { "2026.5", 202605 },   { "2026年5月", 202605 },
		{ "2026年05月", 202605 }, { "2026年12", 202612 }, { "202605", 202605 },
		{ " 2026-05 ", 202605 }, { "2024-02", 202402 },  { "2026-12", 202612 },
		{ "2026-13", 0 },       { "2026-00", 0 },       { "202613", 0 },
		{ "2026", 0 },          { "26-05", 0 },         { "2026-05-01", 0 },
		{ "2026-", 0 },         { "2026 05", 0 },       { "2026-5月", 0 },
		{ "", 0 },              { "五月", 0 },          { "2026-123", 0 },
		{ "20260501", 0 },      { "1899-12", 0 },       { "2026/5x", 0 },
	};
	char out[8];
	size_t i;
	int m;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		m = -1;
		if (methadone_month_parse(rows[i].text, &m) == 0) {
			if (m != rows[i].month)
				fail_msg("\"%s\": %d, want %d", rows[i].text, m, rows[i].month);
		} else if (rows[i].month) {
			fail_msg("\"%s\" refused, want %d", rows[i].text, rows[i].month);
		}
	}
	methadone_month_format(202605, out);
	assert_string_equal(out, "2026-05");
	methadone_month_format(190001, out);
	assert_string_equal(out, "1900-01");
}

static void test_dose(void **state)
{
	static const struct {
		const char *text;
		int tenths; /* -1: refused */
	} rows[] = {
		{ "55", 550 },       { "55.5", 555 },     { "55.50", 555 },   { "55.54", 555 },
		{ "55.55", 556 },    { "55.549", 555 },   { "56.333333333", 563 }, { "0", 0 },
		{ "0.04", 0 },       { "0.05", 1 },       { "1000", 10000 },  { "1200", 12000 },
		{ " 60 mg", 600 },   { "60MG", 600 },     { "60毫克", 600 },  { "60.", 600 },
		{ "99.95", 1000 },   { "", -1 },          { "-5", -1 },       { "abc", -1 },
		{ ".5", -1 },        { "5 5", -1 },       { "60ml", -1 },     { "123456", -1 },
		{ "1,000", -1 },
	};
	char out[16];
	size_t i;
	int t;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = -7;
		if (methadone_dose_parse(rows[i].text, &t) < 0)
			t = -1;
		if (t != rows[i].tenths)
			fail_msg("\"%s\": %d, want %d", rows[i].text, t, rows[i].tenths);
	}
	methadone_dose_format(555, out);
	assert_string_equal(out, "55.5");
	methadone_dose_format(600, out);
	assert_string_equal(out, "60.0");
	methadone_dose_format(0, out);
	assert_string_equal(out, "0.0");
}

static void test_adherence(void **state)
{
	static const struct {
		int taken, due, tenths;
		const char *text;
	} rows[] = {
		{ 26, 30, 867, "86.7%" },  /* 86.666… rounds up */
		{ 24, 30, 800, "80.0%" },
		{ 23, 30, 767, "76.7%" },
		{ 1, 3, 333, "33.3%" },    /* 33.333… rounds down */
		{ 2, 3, 667, "66.7%" },
		{ 1, 16, 63, "6.3%" },     /* 6.25: half up */
		{ 1, 8, 125, "12.5%" },
		{ 29, 31, 935, "93.5%" },  /* 93.548… */
		{ 30, 31, 968, "96.8%" },  /* 96.774… */
		{ 28, 28, 1000, "100.0%" },
		{ 0, 30, 0, "0.0%" },
		{ 0, 0, 0, "0.0%" },
	};
	char out[16];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int got = methadone_adherence(rows[i].taken, rows[i].due);
		if (got != rows[i].tenths)
			fail_msg("%d/%d: %d, want %d", rows[i].taken, rows[i].due, got, rows[i].tenths);
		methadone_rate_format(got, out);
		assert_string_equal(out, rows[i].text);
	}
}

static void test_poor(void **state)
{
	static const struct {
		int taken, due, min, poor;
	} rows[] = {
		{ 24, 30, 80, 0 },  /* exactly 80%: not poor */
		{ 23, 30, 80, 1 },
		{ 26, 30, 80, 0 },
		{ 0, 30, 80, 1 },
		{ 25, 31, 80, 0 },  /* 80.6% */
		{ 24, 31, 80, 1 },  /* 77.4% */
		{ 0, 30, 0, 0 },    /* threshold 0: nothing flagged */
		{ 29, 30, 100, 1 },
		{ 30, 30, 100, 0 },
		{ 0, 0, 80, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (methadone_poor(rows[i].taken, rows[i].due, rows[i].min) != rows[i].poor)
			fail_msg("%d/%d at %d%%: want %d", rows[i].taken, rows[i].due, rows[i].min,
				 rows[i].poor);
}

/* Enrolled on 2024-02-10, still in treatment; an employment record beside. */
static const struct assistance running[] = {
	{ 2, 1, "employment", 20230101, 0, "就业基地", "", 0, 0 },
	{ 1, 1, "methadone", 20240210, 0, "县美沙酮门诊", "", 0, 0 },
};
/* Enrolled from 2024-02-29 to 2025-01-31. */
static const struct assistance ended[] = {
	{ 1, 1, "methadone", 20240229, 20250131, "县美沙酮门诊", "", 0, 0 },
};
static const struct assistance none[] = {
	{ 2, 1, "training", 20230101, 0, "职校", "", 0, 0 },
};

#define TODAY 20260315

struct check_row {
	const struct assistance *as;
	int nas;
	int month, due, taken, dose;
	const char *clinic;
	const char *fields;  /* the fields refused, in order, space-separated; "" valid */
	const char *message; /* in the first message, or NULL */
};

#define RUNNING running, 2
#define ENDED ended, 1
#define NONE none, 1

static const struct check_row check_rows[] = {
	/* valid months */
	{ RUNNING, 202603, 31, 26, 555, "门诊", "", NULL },      /* this month */
	{ RUNNING, 202402, 29, 20, 600, "门诊", "", NULL },      /* leap February, enrolled mid-month */
	{ RUNNING, 202502, 28, 28, 600, "门诊", "", NULL },
	{ RUNNING, 202603, 15, 0, 0, "门诊", "", NULL },        /* nothing taken: 0% */
	{ RUNNING, 202601, 31, 31, 10000, "门诊", "", NULL },   /* 1000 mg */
	{ ENDED, 202402, 1, 1, 400, "门诊", "", NULL },         /* enrolled on the last day */
	{ ENDED, 202501, 31, 30, 400, "门诊", "", NULL },       /* ended within the month */
	/* the month */
	{ RUNNING, 202604, 30, 26, 555, "门诊", "month", "月份不能晚于本月" },
	{ RUNNING, 202701, 31, 26, 555, "门诊", "month", "月份不能晚于本月" },
	{ RUNNING, 202401, 31, 26, 555, "门诊", "month", "2024-01 早于美沙酮维持治疗入组日期 2024-02-10" },
	{ ENDED, 202502, 28, 26, 555, "门诊", "month", "2025-02 美沙酮维持治疗已于 2025-01-31 结束" },
	{ NONE, 202603, 31, 26, 555, "门诊", "month", "没有美沙酮维持治疗入组记录" },
	{ RUNNING, 202613, 30, 26, 555, "门诊", "month", "月份无效" },
	/* days due */
	{ RUNNING, 202402, 30, 26, 555, "门诊", "days_due", "应服药天数应在 1 到 29 之间（2024-02 有 29 天）" },
	{ RUNNING, 202502, 29, 26, 555, "门诊", "days_due", "1 到 28 之间" },
	{ RUNNING, 202504, 31, 26, 555, "门诊", "days_due", "1 到 30 之间" },
	{ RUNNING, 202603, 0, 0, 0, "门诊", "days_due", "1 到 31 之间" },
	/* days taken */
	{ RUNNING, 202603, 30, 31, 555, "门诊", "days_taken", "实际服药天数应在 0 到应服药天数（30）之间" },
	{ RUNNING, 202603, 30, -1, 555, "门诊", "days_taken", NULL },
	/* dose */
	{ RUNNING, 202603, 30, 26, 10001, "门诊", "dose", "0 到 1000" },
	{ RUNNING, 202603, 30, 26, -1, "门诊", "dose", "0 到 1000" },
	{ RUNNING, 202603, 30, 0, 555, "门诊", "dose", "实际服药天数为 0 时，平均剂量应为 0" },
	{ RUNNING, 202603, 30, 26, 0, "门诊", "dose", "请填写平均剂量" },
	/* clinic */
	{ RUNNING, 202603, 30, 26, 555, "", "clinic", "请填写门诊名称" },
	/* several at once, in order */
	{ NONE, 202302, 29, 30, 0, "", "month clinic days_due days_taken dose",
	  "没有美沙酮维持治疗入组记录" },
};

static void test_check(void **state)
{
	struct methadone_error errs[METHADONE_MAX_ERRORS];
	char long_clinic[METHADONE_MAX_CLINIC + 2];
	size_t i;
	int n, k;

	for (i = 0; i < sizeof(check_rows) / sizeof(check_rows[0]); i++) {
		const struct check_row *r = &check_rows[i];
		struct methadone_month m;
		char fields[128] = "";

		memset(&m, 0, sizeof(m));
		m.month = r->month;
		m.days_due = r->due;
		m.days_taken = r->taken;
		m.dose_tenths = r->dose;
		m.clinic = r->clinic;
		n = methadone_check(&m, r->as, r->nas, TODAY, errs);
		for (k = 0; k < n; k++)
			snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "%s%s",
				 k ? " " : "", errs[k].field);
		if (strcmp(fields, r->fields))
			fail_msg("row %zu (%d %d/%d): refused \"%s\", want \"%s\"%s%s", i, r->month,
				 r->taken, r->due, fields, r->fields, n ? ": " : "",
				 n ? errs[0].message : "");
		if (r->message && (!n || !strstr(errs[0].message, r->message)))
			fail_msg("row %zu: \"%s\" does not say \"%s\"", i, n ? errs[0].message : "",
				 r->message);
	}
	/* a clinic's name of fifty characters at most */
	memset(long_clinic, 'x', sizeof(long_clinic) - 1);
	long_clinic[sizeof(long_clinic) - 1] = '\0';
	{
		struct methadone_month m = { 0, 1, 202603, long_clinic, 30, 26, 555, "entered",
					     0, 0, 0 };
		assert_int_equal(methadone_check(&m, running, 2, TODAY, errs), 1);
		assert_string_equal(errs[0].field, "clinic");
		long_clinic[METHADONE_MAX_CLINIC] = '\0';
		assert_int_equal(methadone_check(&m, running, 2, TODAY, errs), 0);
	}
}

static void test_enrolment(void **state)
{
	static const struct assistance two[] = {
		{ 3, 1, "methadone", 20250301, 0, "新门诊", "", 0, 0 },
		{ 1, 1, "methadone", 20240210, 20250315, "旧门诊", "", 0, 0 },
	};
	assert_null(methadone_enrolment(two, 2, 202401));
	assert_string_equal(methadone_enrolment(two, 2, 202402)->provider, "旧门诊");
	assert_string_equal(methadone_enrolment(two, 2, 202502)->provider, "旧门诊");
	/* both run in March 2025: the newer one */
	assert_string_equal(methadone_enrolment(two, 2, 202503)->provider, "新门诊");
	assert_string_equal(methadone_enrolment(two, 2, 202604)->provider, "新门诊");
	assert_null(methadone_enrolment(none, 1, 202603));
	assert_null(methadone_enrolment(ended, 1, 202502));
	assert_non_null(methadone_enrolment(ended, 1, 202501));
}

static void test_same(void **state)
{
	struct methadone_month a = { 1, 1, 202603, "门诊", 30, 26, 555, "entered", 5, 0, 0 };
	struct methadone_month b = a;

	b.source = "imported";
	b.user_id = 0;
	b.id = 0;
	assert_true(methadone_same(&a, &b));
	b.days_taken = 27;
	assert_false(methadone_same(&a, &b));
	b = a;
	b.dose_tenths = 556;
	assert_false(methadone_same(&a, &b));
	b = a;
	b.clinic = "另一门诊";
	assert_false(methadone_same(&a, &b));
	b = a;
	b.days_due = 31;
	assert_false(methadone_same(&a, &b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_in_month), cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_dose),          cmocka_unit_test(test_adherence),
		cmocka_unit_test(test_poor),          cmocka_unit_test(test_check),
		cmocka_unit_test(test_enrolment),     cmocka_unit_test(test_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
