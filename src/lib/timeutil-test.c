/* timeutil-test.c - calendar arithmetic at month, year and leap-day edges; parsing; "today". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/timeutil.h"

#include <stdlib.h>
#include <string.h>

static void test_leap(void **state)
{
	static const struct {
		int year, leap;
	} cases[] = {
		{ 1900, 0 }, { 2000, 1 }, { 2024, 1 }, { 2023, 0 }, { 2100, 0 },
		{ 2400, 1 }, { 1600, 1 }, { 1996, 1 }, { 2026, 0 }, { 4, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(date_is_leap(cases[i].year), cases[i].leap);
		assert_int_equal(date_days_in_month(cases[i].year, 2), cases[i].leap ? 29 : 28);
		assert_int_equal(date_valid(cases[i].year, 2, 29), cases[i].leap);
	}
}

static void test_days_in_month_and_valid(void **state)
{
	static const int dim[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const struct {
		int y, m, d, ok;
	} cases[] = {
		{ 2024, 1, 31, 1 }, { 2024, 4, 30, 1 }, { 2024, 4, 31, 0 }, { 2024, 12, 31, 1 },
		{ 2024, 13, 1, 0 }, { 2024, 0, 1, 0 },  { 2024, 1, 0, 0 },  { 2024, 1, 32, 0 },
		{ 1, 1, 1, 1 },     { 0, 1, 1, 0 },     { 9999, 12, 31, 1 }, { 10000, 1, 1, 0 },
		{ -1, 1, 1, 0 },
	};
	int m;
	size_t i;

	for (m = 1; m <= 12; m++)
		if (m != 2)
			assert_int_equal(date_days_in_month(2023, m), dim[m]);
	assert_int_equal(date_days_in_month(2023, 0), 0);
	assert_int_equal(date_days_in_month(2023, 13), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (date_valid(cases[i].y, cases[i].m, cases[i].d) != cases[i].ok)
			fail_msg("date_valid(%d, %d, %d) != %d", cases[i].y, cases[i].m, cases[i].d,
				 cases[i].ok);
}

static void test_days_anchors(void **state)
{
	static const struct {
		int y, m, d;
		int64_t days;
	} cases[] = {
		{ 1970, 1, 1, 0 },        { 1969, 12, 31, -1 },     { 2000, 1, 1, 10957 },
		{ 2024, 2, 29, 19782 },   { 1900, 1, 1, -25567 },   { 1, 1, 1, -719162 },
		{ 9999, 12, 31, 2932896 }, { 2038, 1, 19, 24855 },  { 1600, 3, 1, -135080 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int y, m, d;
		assert_int_equal(date_to_days(cases[i].y, cases[i].m, cases[i].d), cases[i].days);
		date_from_days(cases[i].days, &y, &m, &d);
		assert_int_equal(y, cases[i].y);
		assert_int_equal(m, cases[i].m);
		assert_int_equal(d, cases[i].d);
	}
}

/* The next calendar day, computed the plain way, to check the arithmetic. */
static void next_day(int *y, int *m, int *d)
{
	if (++*d > date_days_in_month(*y, *m)) {
		*d = 1;
		if (++*m > 12) {
			*m = 1;
			++*y;
		}
	}
}

static void test_round_trip(void **state)
{
	int y = 1, m = 1, d = 1;
	int64_t days = date_to_days(1, 1, 1), end = date_to_days(9999, 12, 31);

	/* Every day from 0001-01-01 to 9999-12-31: consecutive numbers, both ways. */
	for (; days <= end; days++) {
		int ry, rm, rd;
		date_from_days(days, &ry, &rm, &rd);
		if (ry != y || rm != m || rd != d)
			fail_msg("day %lld gave %04d-%02d-%02d, want %04d-%02d-%02d", (long long)days,
				 ry, rm, rd, y, m, d);
		if (date_to_days(y, m, d) != days)
			fail_msg("%04d-%02d-%02d is not day %lld", y, m, d, (long long)days);
		next_day(&y, &m, &d);
	}
	assert_int_equal(y, 10000);
}

static void test_add_days(void **state)
{
	static const struct {
		int ymd, days, want;
	} cases[] = {
		{ 20240228, 1, 20240229 },  { 20240229, 1, 20240301 },  { 20230228, 1, 20230301 },
		{ 20240301, -1, 20240229 }, { 20231231, 1, 20240101 },  { 20240101, -1, 20231231 },
		{ 20240131, 1, 20240201 },  { 20240430, 1, 20240501 },  { 20240115, 0, 20240115 },
		{ 20240101, 366, 20250101 }, { 20230101, 365, 20240101 }, { 19000228, 1, 19000301 },
		{ 20000228, 1, 20000229 },  { 20240229, 365, 20250228 }, { 20240229, -366, 20230228 },
		{ 19700101, -1, 19691231 }, { 20240115, 1096, 20270115 }, /* three years */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (ymd_add_days(cases[i].ymd, cases[i].days) != cases[i].want)
			fail_msg("%d %+d days = %d, want %d", cases[i].ymd, cases[i].days,
				 ymd_add_days(cases[i].ymd, cases[i].days), cases[i].want);
}

static void test_add_months(void **state)
{
	static const struct {
		int ymd, months, want;
	} cases[] = {
		{ 20240131, 1, 20240229 },  /* clamped to the leap day */
		{ 20230131, 1, 20230228 },  /* clamped in a common year */
		{ 20240131, 2, 20240331 },  /* not clamped twice */
		{ 20240531, 1, 20240630 },
		{ 20240331, -1, 20240229 },
		{ 20241231, 1, 20250131 },
		{ 20240115, -1, 20231215 },
		{ 20240131, -13, 20221231 },
		{ 20240115, 0, 20240115 },
		{ 20210228, 36, 20240228 }, /* three years from 2021-02-28 */
		{ 20210301, 36, 20240301 },
		{ 20240229, 12, 20250228 }, /* a year from a leap day */
		{ 20240229, 48, 20280229 },
		{ 20240229, 36, 20270228 },
		{ 20231130, 3, 20240229 },
		{ 20000229, -1200, 19000228 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (ymd_add_months(cases[i].ymd, cases[i].months) != cases[i].want)
			fail_msg("%d %+d months = %d, want %d", cases[i].ymd, cases[i].months,
				 ymd_add_months(cases[i].ymd, cases[i].months), cases[i].want);
}

static void test_diff_days(void **state)
{
	static const struct {
		int a, b, want;
	} cases[] = {
		{ 20240301, 20240228, 2 },  { 20230301, 20230228, 1 },  { 20240228, 20240301, -2 },
		{ 20240115, 20240115, 0 },  { 20250101, 20240101, 366 }, { 20240101, 20230101, 365 },
		{ 20270115, 20240115, 1096 }, { 19700101, 19691231, 1 }, { 20000301, 19000301, 36525 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(ymd_diff_days(cases[i].a, cases[i].b), cases[i].want);
		/* and it agrees with ymd_add_days */
		assert_int_equal(ymd_add_days(cases[i].b, cases[i].want), cases[i].a);
	}
}

static void test_parse(void **state)
{
	static const struct {
		const char *s;
		int ok, want;
	} cases[] = {
		{ "2024-02-29", 1, 20240229 },
		{ "20240229", 1, 20240229 },
		{ "2023-12-31", 1, 20231231 },
		{ "1900-01-01", 1, 19000101 },
		{ "0001-01-01", 1, 10101 },
		{ "9999-12-31", 1, 99991231 },
		{ "2023-02-29", 0, 0 },  /* not a leap year */
		{ "1900-02-29", 0, 0 },
		{ "20230229", 0, 0 },
		{ "2024-04-31", 0, 0 },
		{ "2024-13-01", 0, 0 },
		{ "2024-00-10", 0, 0 },
		{ "2024-01-00", 0, 0 },
		{ "0000-01-01", 0, 0 },
		{ "", 0, 0 },
		{ "2024-2-29", 0, 0 },   /* both month and day take two digits */
		{ "2024-02-9", 0, 0 },
		{ "24-02-29", 0, 0 },
		{ "2024/02/29", 0, 0 },
		{ "2024.02.29", 0, 0 },
		{ " 2024-02-29", 0, 0 }, /* callers trim; the parser does not guess */
		{ "2024-02-29 ", 0, 0 },
		{ "2024-02-29x", 0, 0 },
		{ "2024-02-29T00:00", 0, 0 },
		{ "2024022", 0, 0 },
		{ "202402290", 0, 0 },
		{ "2024-+2-29", 0, 0 },  /* signs and spaces are not digits */
		{ "2024- 2-29", 0, 0 },
		{ "2024-02-+9", 0, 0 },
		{ "+0240229", 0, 0 },
		{ "202402 9", 0, 0 },
		{ "-001-01-01", 0, 0 },
		{ "2024 0229", 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ymd = -7;
		int rc = ymd_parse(cases[i].s, &ymd);
		if (cases[i].ok) {
			if (rc != 0)
				fail_msg("'%s' refused", cases[i].s);
			assert_int_equal(ymd, cases[i].want);
		} else {
			if (rc != -1)
				fail_msg("'%s' accepted as %d", cases[i].s, ymd);
			assert_int_equal(ymd, -7); /* untouched on failure */
		}
	}
	assert_int_equal(ymd_parse(NULL, &(int){ 0 }), -1);
}

static void test_format(void **state)
{
	static const struct {
		int ymd;
		const char *want;
	} cases[] = {
		{ 20240229, "2024-02-29" }, { 19000101, "1900-01-01" }, { 10101, "0001-01-01" },
		{ 99991231, "9999-12-31" }, { 0, "" },                   { -5, "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[11];
		int back;
		memset(out, '#', sizeof(out));
		ymd_format(cases[i].ymd, out);
		assert_string_equal(out, cases[i].want);
		/* what ymd_format writes, ymd_parse reads back */
		if (cases[i].ymd > 0) {
			assert_int_equal(ymd_parse(out, &back), 0);
			assert_int_equal(back, cases[i].ymd);
		}
	}
}

static int clock_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static void test_today_override(void **state)
{
	int real;

	assert_int_equal(setenv("JINDU_TODAY", "2024-02-29", 1), 0);
	assert_int_equal(ymd_today(), 20240229);
	assert_int_equal(setenv("JINDU_TODAY", "20231231", 1), 0);
	assert_int_equal(ymd_today(), 20231231);

	/* An unusable override is ignored: the clock decides. */
	assert_int_equal(unsetenv("JINDU_TODAY"), 0);
	real = ymd_today();
	if (real != clock_today()) /* midnight may pass in between: try once more */
		real = ymd_today();
	assert_int_equal(real, clock_today());
	assert_true(real > 20240000);
	assert_int_equal(setenv("JINDU_TODAY", "2023-02-29", 1), 0);
	assert_int_equal(ymd_today(), clock_today());
	assert_int_equal(setenv("JINDU_TODAY", "", 1), 0);
	assert_int_equal(ymd_today(), clock_today());
	assert_int_equal(unsetenv("JINDU_TODAY"), 0);
}

static void test_clock_and_unix_format(void **state)
{
	int64_t a = now_usec(), b = now_usec();
	char out[20];

	assert_true(b >= a);
	assert_true(now_unix() > 1700000000);
	unix_format(now_unix(), out);
	assert_int_equal(strlen(out), 19);
	assert_int_equal(out[4], '-');
	assert_int_equal(out[10], ' ');
	assert_int_equal(out[13], ':');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap),
		cmocka_unit_test(test_days_in_month_and_valid),
		cmocka_unit_test(test_days_anchors),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_diff_days),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_today_override),
		cmocka_unit_test(test_clock_and_unix_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
