/* alert-stats-test.c - deadlines met to the second, China-time months, merged rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/alert-stats.h"
#include "domain/feed.h"

#include <string.h>

/* An alert created at 1000, to be signed by 2000 and answered by 5000. */
static struct alert alert_at(const char *status, int64_t signed_at, int64_t handled_at)
{
	struct alert al;
	memset(&al, 0, sizeof(al));
	al.status = status;
	al.created_at = 1000;
	al.sign_due = 2000;
	al.feedback_due = 5000;
	al.signed_at = signed_at;
	al.handled_at = handled_at;
	return al;
}

static void test_deadlines(void **state)
{
	static const struct {
		const char *status;
		int64_t signed_at, handled_at, now;
		int signed_ok, answered_ok, late, overdue;
	} rows[] = {
		/* not signed yet: late only once sign_due has passed */
		{ "new", 0, 0, 1500, 0, 0, 0, 0 },
		{ "new", 0, 0, 2000, 0, 0, 0, 0 },      /* the deadline itself */
		{ "new", 0, 0, 2001, 0, 0, 1, 1 },
		{ "new", 0, 0, 6000, 0, 0, 1, 1 },
		/* signed at the deadline's second: on time; one second after: late for ever */
		{ "signed", 2000, 0, 2500, 1, 0, 0, 0 },
		{ "signed", 2001, 0, 2500, 0, 0, 1, 0 },
		{ "signed", 2000, 0, 5000, 1, 0, 0, 0 },
		{ "signed", 2000, 0, 5001, 1, 0, 1, 1 }, /* not answered by feedback_due */
		/* answered at the deadline: on time; done late stays late, not overdue */
		{ "handled", 1500, 5000, 9000, 1, 1, 0, 0 },
		{ "handled", 1500, 5001, 9000, 1, 0, 1, 0 },
		{ "closed", 2500, 3000, 9000, 0, 1, 1, 0 },
		{ "closed", 1100, 1200, 9000, 1, 1, 0, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct alert al = alert_at(rows[i].status, rows[i].signed_at, rows[i].handled_at);
		int64_t now = rows[i].now;
		if (alert_signed_on_time(&al) != rows[i].signed_ok ||
		    alert_answered_on_time(&al) != rows[i].answered_ok ||
		    alert_late(&al, now) != rows[i].late || alert_overdue(&al, now) != rows[i].overdue)
			fail_msg("row %zu: signed on time %d, answered on time %d, late %d, overdue %d",
				 i, alert_signed_on_time(&al), alert_answered_on_time(&al),
				 alert_late(&al, now), alert_overdue(&al, now));
		/* overdue now is one way of being late */
		if (alert_overdue(&al, now))
			assert_true(alert_late(&al, now));
	}
}

static void test_periods(void **state)
{
	int from, to;
	int64_t start, end;
	(void)state;
	/* 2026-11-30 16:00 UTC is already 1 December in China */
	alert_period_month(1796054400 - 1, &from, &to);
	assert_int_equal(from, 20261101);
	assert_int_equal(to, 20261130);
	alert_period_month(1796054400, &from, &to);
	assert_int_equal(from, 20261201);
	assert_int_equal(to, 20261231);
	alert_period_last_month(1796054400, &from, &to);
	assert_int_equal(from, 20261101);
	assert_int_equal(to, 20261130);
	/* a leap February, and the month before January */
	alert_period_month(1833753600, &from, &to);
	assert_int_equal(from, 20280201);
	assert_int_equal(to, 20280229);
	alert_period_last_month(1799971200, &from, &to);
	assert_int_equal(from, 20261201);
	assert_int_equal(to, 20261231);
	/* days begin at 00:00 China time, 16:00 UTC the day before */
	alert_period_bounds(20261101, 20261130, &start, &end);
	assert_int_equal(start, 1793462400);
	assert_int_equal(end, 1796054400);
	alert_period_bounds(20240229, 20240229, &start, &end);
	assert_int_equal(start, 1709136000);
	assert_int_equal(end, 1709222400);
}

static void test_merge(void **state)
{
	struct arena a = ARENA_INIT;
	struct alert_tally names[3], counts[3], *out, sum;
	int n;
	(void)state;
	memset(names, 0, sizeof(names));
	memset(counts, 0, sizeof(counts));
	memset(&sum, 0, sizeof(sum));
	names[0].key = "360825100", names[0].label = "恩江镇";
	names[1].key = "360825101", names[1].label = "坑田镇";
	names[2].key = "360825106", names[2].label = "石马镇";
	counts[0].key = "360825101", counts[0].label = "", counts[0].total = 3, counts[0].late = 1;
	counts[1].key = "360825106", counts[1].label = "", counts[1].total = 2, counts[1].fresh = 2;
	counts[2].key = "360825999", counts[2].label = "360825999", counts[2].total = 1;
	n = alert_tally_merge(names, 3, counts, 3, &a, &out);
	assert_int_equal(n, 4);
	assert_string_equal(out[0].label, "恩江镇");
	assert_int_equal(out[0].total, 0);
	assert_string_equal(out[1].label, "坑田镇");
	assert_int_equal(out[1].total, 3);
	assert_int_equal(out[1].late, 1);
	assert_string_equal(out[2].label, "石马镇");
	assert_int_equal(out[2].fresh, 2);
	assert_string_equal(out[3].key, "360825999"); /* not a known township: kept, so totals add up */
	assert_string_equal(out[3].label, "360825999");
	for (int i = 0; i < n; i++)
		alert_tally_add(&sum, &out[i]);
	assert_int_equal(sum.total, 6);
	assert_int_equal(sum.fresh, 2);
	assert_int_equal(sum.late, 1);
	/* nothing at all: no rows */
	assert_int_equal(alert_tally_merge(names, 0, counts, 0, &a, &out), 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
