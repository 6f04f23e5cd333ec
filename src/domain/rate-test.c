/* rate-test.c - rates and changes at their rounding edges: half up on the magnitude, nothing from zero. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/rate.h"

static void test_rates(void **state)
{
	static const struct {
		int64_t num, den;
		int tenths;
		const char *text;
	} rows[] = {
		{ 0, 0, -1, "—" },          /* nothing to count: no rate, no division by zero */
		{ 3, 0, -1, "—" },
		{ 0, 5, 0, "0.0%" },
		{ 1, 3, 333, "33.3%" },
		{ 2, 3, 667, "66.7%" },      /* 66.666… rounds up */
		{ 3, 3, 1000, "100.0%" },
		{ 1, 8, 125, "12.5%" },
		{ 1, 6, 167, "16.7%" },
		{ 1, 2000, 1, "0.1%" },      /* 0.05% exactly: half rounds up */
		{ 1, 2001, 0, "0.0%" },      /* 0.04997…% */
		{ 1999, 2000, 1000, "100.0%" },
		{ 1998, 2000, 999, "99.9%" },
		{ 4000000000LL, 8000000000LL, 500, "50.0%" }, /* past 32 bits */
	};
	char out[RATE_LEN];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rate_tenths(rows[i].num, rows[i].den) != rows[i].tenths)
			fail_msg("%lld/%lld: %d tenths, expected %d", (long long)rows[i].num,
				 (long long)rows[i].den, rate_tenths(rows[i].num, rows[i].den),
				 rows[i].tenths);
		assert_string_equal(rate_format(rows[i].num, rows[i].den, out), rows[i].text);
	}
}

static void test_changes(void **state)
{
	static const struct {
		int64_t prev, cur;
		int ok, tenths;
		const char *text;
	} rows[] = {
		/* the county's registered users, 949 then 1,309: +37.93% */
		{ 949, 1309, 0, 379, "+37.9%" },
		/* then 1,459: 150 more on 1,309 is 11.459%, so +11.5% (the
		 * speech that gives these figures says 11.1%, which they do not
		 * make) */
		{ 1309, 1459, 0, 115, "+11.5%" },
		{ 855, 1309, 0, 531, "+53.1%" },   /* 454 more in five years: 53.1%, as the speech says */
		{ 0, 7, -1, 0, "—" },              /* from nothing: no percentage */
		{ 0, 0, -1, 0, "—" },
		{ 7, 7, 0, 0, "0.0%" },
		{ 10, 5, 0, -500, "-50.0%" },
		{ 10, 0, 0, -1000, "-100.0%" },
		{ 2000, 2001, 0, 1, "+0.1%" },     /* +0.05% exactly: half up */
		{ 2000, 1999, 0, -1, "-0.1%" },    /* and the same fall, by its magnitude */
		{ 2001, 2002, 0, 0, "0.0%" },      /* +0.04997…% */
		{ 3, 4, 0, 333, "+33.3%" },
		{ 3, 2, 0, -333, "-33.3%" },
		{ 3, 5, 0, 667, "+66.7%" },
	};
	char out[RATE_LEN];
	size_t i;
	int t;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		t = 12345;
		if (change_tenths(rows[i].prev, rows[i].cur, &t) != rows[i].ok ||
		    (!rows[i].ok && t != rows[i].tenths))
			fail_msg("%lld -> %lld: %d tenths, expected %d", (long long)rows[i].prev,
				 (long long)rows[i].cur, t, rows[i].tenths);
		assert_string_equal(change_format(rows[i].prev, rows[i].cur, out), rows[i].text);
	}
}

static void test_signed(void **state)
{
	char out[RATE_LEN];
	(void)state;
	assert_string_equal(tenths_signed(379, out), "+37.9");
	assert_string_equal(tenths_signed(-5, out), "-0.5");
	assert_string_equal(tenths_signed(0, out), "0.0");
	assert_string_equal(tenths_signed(-1000, out), "-100.0");
	assert_string_equal(tenths_signed(7, out), "+0.7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_signed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
