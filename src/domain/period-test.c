/* period-test.c - period keys, first and last days (leap Februaries), the period before and a year before, China days. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/period.h"

static void test_parse(void **state)
{
	static const struct {
		const char *key;
		int ok;
		enum period_kind kind;
		int year, index, first, last;
	} rows[] = {
		{ "2026-05", 0, PERIOD_MONTH, 2026, 5, 20260501, 20260531 },
		{ "2024-02", 0, PERIOD_MONTH, 2024, 2, 20240201, 20240229 }, /* leap */
		{ "2026-02", 0, PERIOD_MONTH, 2026, 2, 20260201, 20260228 },
		{ "2000-02", 0, PERIOD_MONTH, 2000, 2, 20000201, 20000229 }, /* divisible by 400 */
		{ "1900-02", 0, PERIOD_MONTH, 1900, 2, 19000201, 19000228 }, /* by 100 only */
		{ "2026-12", 0, PERIOD_MONTH, 2026, 12, 20261201, 20261231 },
		{ "2026Q1", 0, PERIOD_QUARTER, 2026, 1, 20260101, 20260331 },
		{ "2026Q3", 0, PERIOD_QUARTER, 2026, 3, 20260701, 20260930 },
		{ "2026q4", 0, PERIOD_QUARTER, 2026, 4, 20261001, 20261231 },
		{ "2026H1", 0, PERIOD_HALF, 2026, 1, 20260101, 20260630 },
		{ "2026H2", 0, PERIOD_HALF, 2026, 2, 20260701, 20261231 },
		{ "2026", 0, PERIOD_YEAR, 2026, 1, 20260101, 20261231 },
		{ "2026-13", -1, 0, 0, 0, 0, 0 },
		{ "2026-00", -1, 0, 0, 0, 0, 0 },
		{ "2026-5", -1, 0, 0, 0, 0, 0 },
		{ "2026Q0", -1, 0, 0, 0, 0, 0 },
		{ "2026Q5", -1, 0, 0, 0, 0, 0 },
		{ "2026H3", -1, 0, 0, 0, 0, 0 },
		{ "2026X1", -1, 0, 0, 0, 0, 0 },
		{ "1899", -1, 0, 0, 0, 0, 0 },
		{ "3000Q1", -1, 0, 0, 0, 0, 0 },
		{ "26Q3", -1, 0, 0, 0, 0, 0 },
		{ "2026Q3 ", -1, 0, 0, 0, 0, 0 },
		{ "", -1, 0, 0, 0, 0, 0 },
		{ "２０２６", -1, 0, 0, 0, 0, 0 },
	};
	struct period p;
	char key[PERIOD_KEY_LEN];
	size_t i;
	(void)state;
	assert_int_equal(period_parse(NULL, &p), -1);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (period_parse(rows[i].key, &p) != rows[i].ok)
			fail_msg("'%s': expected %d", rows[i].key, rows[i].ok);
		if (rows[i].ok)
			continue;
		assert_int_equal(p.kind, rows[i].kind);
		assert_int_equal(p.year, rows[i].year);
		assert_int_equal(p.index, rows[i].index);
		assert_int_equal(period_first_day(&p), rows[i].first);
		assert_int_equal(period_last_day(&p), rows[i].last);
		period_key(&p, key);
		if (rows[i].key[4] == 'q')
			assert_string_equal(key, "2026Q4");
		else
			assert_string_equal(key, rows[i].key);
	}
}

static void check(const struct period *p, const char *want)
{
	char key[PERIOD_KEY_LEN];
	assert_string_equal(period_key(p, key), want);
}

static void test_before(void **state)
{
	static const struct {
		const char *key, *previous, *year_before, *next;
	} rows[] = {
		{ "2026Q3", "2026Q2", "2025Q3", "2026Q4" },
		{ "2026Q1", "2025Q4", "2025Q1", "2026Q2" }, /* across the year */
		{ "2026Q4", "2026Q3", "2025Q4", "2027Q1" },
		{ "2026-01", "2025-12", "2025-01", "2026-02" },
		{ "2026-12", "2026-11", "2025-12", "2027-01" },
		{ "2026H1", "2025H2", "2025H1", "2026H2" },
		{ "2026H2", "2026H1", "2025H2", "2027H1" },
		{ "2026", "2025", "2025", "2027" },
	};
	struct period p, q;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(period_parse(rows[i].key, &p), 0);
		q = period_previous(&p);
		check(&q, rows[i].previous);
		q = period_year_before(&p);
		check(&q, rows[i].year_before);
		q = period_next(&p);
		check(&q, rows[i].next);
		q = period_previous(&q);
		check(&q, rows[i].key);
	}
	/* the leap month a year before is a plain February: its last day moves */
	assert_int_equal(period_parse("2024-02", &p), 0);
	q = period_year_before(&p);
	assert_int_equal(period_last_day(&q), 20230228);
}

static void test_of_day(void **state)
{
	struct period p;
	(void)state;
	/* the last day of a quarter belongs to it, the next day to the next */
	p = period_of_day(PERIOD_QUARTER, 20260930);
	check(&p, "2026Q3");
	p = period_of_day(PERIOD_QUARTER, 20261001);
	check(&p, "2026Q4");
	p = period_of_day(PERIOD_QUARTER, 20260101);
	check(&p, "2026Q1");
	p = period_of_day(PERIOD_MONTH, 20240229);
	check(&p, "2024-02");
	p = period_of_day(PERIOD_HALF, 20260630);
	check(&p, "2026H1");
	p = period_of_day(PERIOD_HALF, 20260701);
	check(&p, "2026H2");
	p = period_of_day(PERIOD_YEAR, 20261231);
	check(&p, "2026");
}

static void test_china(void **state)
{
	int64_t start, end;
	struct period p;
	(void)state;
	/* 2026-09-30 16:00 UTC is already 1 October in China: the next quarter */
	assert_int_equal(period_china_day(1790784000 - 1), 20260930);
	assert_int_equal(period_china_day(1790784000), 20261001);
	p = period_of_day(PERIOD_QUARTER, period_china_day(1790784000));
	check(&p, "2026Q4");
	/* a quarter's instants: 2026-07-01 00:00 to 2026-10-01 00:00 China time */
	assert_int_equal(period_parse("2026Q3", &p), 0);
	period_day_bounds(period_first_day(&p), period_last_day(&p), &start, &end);
	assert_int_equal(start, 1782835200);
	assert_int_equal(end, 1790784000);
	/* before 1970 the day still turns at 16:00 UTC */
	assert_int_equal(period_china_day(-8 * 3600 - 1), 19691231);
	assert_int_equal(period_china_day(-8 * 3600), 19700101);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_before),
		cmocka_unit_test(test_of_day),
		cmocka_unit_test(test_china),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
