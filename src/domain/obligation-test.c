/* obligation-test.c - due dates across month ends and leap days; violation and lost-contact edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/obligation.h"

#include <stdio.h>
#include <string.h>

#include "domain/measure.h"
#include "lib/timeutil.h"

#define MAXP 200

/* A community measure reported on start (decision 11 days before). */
static struct measure community(int start)
{
	struct measure m;

	memset(&m, 0, sizeof(m));
	m.id = 1;
	m.kind = "community";
	m.status = "active";
	m.start_date = start;
	m.decision_date = start ? ymd_add_days(start, -11) : 20240101;
	m.report_deadline = ymd_add_days(m.decision_date, 15);
	m.end_reason = "";
	return m;
}

static const char *state_key(int s)
{
	return s < 0 ? "-" : obligation_states[s].key;
}

/* Checks the periods of one kind against "start-due:state[@done]" items. */
static void expect_periods(const struct obligation *ob, int n, enum obligation_kind kind,
			   const char *const *want, int nwant)
{
	char got[64];
	int i, j = 0;

	for (i = 0; i < n; i++) {
		if (ob[i].kind != kind)
			continue;
		if (j >= nwant)
			fail_msg("%s: extra period %d-%d", obligation_kinds[kind].key,
				 ob[i].period_start, ob[i].due);
		if (ob[i].done_date)
			snprintf(got, sizeof(got), "%d-%d:%s@%d", ob[i].period_start, ob[i].due,
				 state_key(ob[i].state), ob[i].done_date);
		else
			snprintf(got, sizeof(got), "%d-%d:%s", ob[i].period_start, ob[i].due,
				 state_key(ob[i].state));
		if (strcmp(got, want[j]))
			fail_msg("%s period %d: got %s, expected %s", obligation_kinds[kind].key,
				 j, got, want[j]);
		j++;
	}
	if (j != nwant)
		fail_msg("%s: %d periods, expected %d", obligation_kinds[kind].key, j, nwant);
}

#define EXPECT(ob, n, kind, ...)                                                          \
	do {                                                                               \
		static const char *const want_[] = { __VA_ARGS__ };                        \
		expect_periods(ob, n, kind, want_, (int)(sizeof(want_) / sizeof(want_[0]))); \
	} while (0)

static void test_activities(void **state)
{
	static const struct {
		const char *result;
		int counts;
	} tests[] = { { "negative", 1 }, { "positive", 1 }, { "refused", 0 }, { "evaded", 0 },
		      { "", 0 } };
	static const struct {
		const char *kind, *outcome;
		int counts;
		enum obligation_kind as;
	} contacts[] = {
		{ "visit", "met", 1, OB_VISIT }, { "talk", "met", 1, OB_TALK },
		{ "report", "met", 1, OB_REPORT }, { "visit", "not_found", 0, OB_VISIT },
		{ "talk", "unreachable", 0, OB_TALK }, { "call", "met", 0, OB_TALK },
	};
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		struct drug_test t;
		struct activity a = { OB_REPORT, 0 };
		memset(&t, 0, sizeof(t));
		t.date = 20240301;
		t.result = tests[i].result;
		assert_int_equal(obligation_activity_from_test(&t, &a), tests[i].counts);
		if (tests[i].counts) {
			assert_int_equal(a.kind, OB_TEST);
			assert_int_equal(a.date, 20240301);
		}
	}
	for (i = 0; i < sizeof(contacts) / sizeof(contacts[0]); i++) {
		struct contact c;
		struct activity a = { OB_TEST, 0 };
		memset(&c, 0, sizeof(c));
		c.date = 20240302;
		c.kind = contacts[i].kind;
		c.outcome = contacts[i].outcome;
		assert_int_equal(obligation_activity_from_contact(&c, &a), contacts[i].counts);
		if (contacts[i].counts) {
			assert_int_equal(a.kind, contacts[i].as);
			assert_int_equal(a.date, 20240302);
		}
	}
}

/* Thirty-day periods from 31 January run through the leap day. */
static void test_month_end_leap(void **state)
{
	struct policy p;
	struct measure m = community(20240131);
	struct activity acts[] = { { OB_TEST, 20240229 }, { OB_VISIT, 20240301 } };
	struct obligation ob[MAXP];
	struct obligation_summary s;
	int n;

	policy_defaults(&p);
	n = obligation_schedule(&m, &p, "low", acts, 2, 20240315, ob, MAXP, &s);
	assert_int_equal(n, 7);
	EXPECT(ob, n, OB_REPORT, "20240120-20240204:done@20240131");
	EXPECT(ob, n, OB_TEST, "20240131-20240229:done@20240229", "20240301-20240330:due");
	EXPECT(ob, n, OB_VISIT, "20240131-20240229:missed", "20240301-20240330:done@20240301");
	EXPECT(ob, n, OB_TALK, "20240131-20240229:missed", "20240301-20240330:overdue");
	/* oldest first, the report before the rest */
	assert_int_equal(ob[0].kind, OB_REPORT);
	assert_int_equal(ob[1].kind, OB_TEST);
	assert_int_equal(ob[4].period_start, 20240301);
	assert_int_equal(s.next_due[OB_REPORT], 0);
	assert_int_equal(s.state[OB_REPORT], -1);
	assert_int_equal(s.next_due[OB_TEST], 20240330);
	assert_int_equal(s.state[OB_TEST], OB_DUE);
	assert_int_equal(s.state[OB_VISIT], OB_DONE);
	assert_int_equal(s.state[OB_TALK], OB_OVERDUE);
	assert_int_equal(s.overdue, 1);
	assert_int_equal(s.due_soon, 0);
	assert_int_equal(s.missed_total, 2);
	assert_int_equal(s.missed_in_row, 1);

	/* the same in a common year: 31 January + 29 days is 1 March */
	m = community(20230131);
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20230315, ob, MAXP, &s);
	EXPECT(ob, n, OB_TEST, "20230131-20230301:missed", "20230302-20230331:overdue");
	assert_int_equal(s.overdue, 3);
	assert_int_equal(s.missed_in_row, 1);
}

/* A term from 29 February: year 2 (60 days) starts on 28 February 2025. */
static void test_leap_start_years(void **state)
{
	struct policy p;
	struct measure m = community(20240229);
	struct obligation ob[MAXP];
	struct obligation_summary s;
	int n, i, k = 0;

	policy_defaults(&p);
	n = obligation_schedule(&m, &p, "", NULL, 0, 20250601, ob, MAXP, &s);
	assert_int_equal(n, 1 + 3 * 15);
	for (i = 0; i < n; i++) {
		if (ob[i].kind != OB_TEST)
			continue;
		k++;
		if (k == 1) {
			assert_int_equal(ob[i].period_start, 20240229);
			assert_int_equal(ob[i].due, 20240329);
		} else if (k == 13) {
			/* starts in year 1, so 30 days long, into year 2 */
			assert_int_equal(ob[i].period_start, 20250223);
			assert_int_equal(ob[i].due, 20250324);
		} else if (k == 14) {
			assert_int_equal(ob[i].period_start, 20250325);
			assert_int_equal(ob[i].due, 20250523);
			assert_int_equal(ob[i].state, OB_MISSED);
		} else if (k == 15) {
			assert_int_equal(ob[i].period_start, 20250524);
			assert_int_equal(ob[i].due, 20250722);
			assert_int_equal(ob[i].state, OB_OVERDUE);
		}
	}
	assert_int_equal(k, 15);
	assert_int_equal(s.missed_in_row, 14);
	assert_int_equal(s.next_due[OB_TALK], 20250722);
}

static void test_report(void **state)
{
	static const struct {
		const char *name, *status;
		int start, actual_end, today;
		int n, st, done, overdue, due_soon;
	} rows[] = {
		/* decision 2024-01-01, deadline 2024-01-16 */
		{ "waiting, deadline today", "decided", 0, 0, 20240116, 1, OB_DUE, 0, 0, 1 },
		{ "waiting, deadline in 7 days", "decided", 0, 0, 20240109, 1, OB_DUE, 0, 0, 1 },
		{ "waiting, deadline in 8 days", "decided", 0, 0, 20240108, 1, OB_DUE, 0, 0, 0 },
		{ "waiting, deadline passed", "decided", 0, 0, 20240117, 1, OB_OVERDUE, 0, 1, 0 },
		{ "reported on the deadline", "active", 20240116, 0, 20240117, 4, OB_DONE, 20240116,
		  0, 0 },
		{ "reported the day after: done late", "active", 20240117, 0, 20240117, 4, OB_DONE,
		  20240117, 0, 0 },
		{ "refused after the deadline", "ended", 0, 20240201, 20240301, 1, OB_MISSED, 0, 0,
		  0 },
		{ "died before the deadline", "ended", 0, 20240110, 20240301, 0, 0, 0, 0, 0 },
	};
	struct policy p;
	size_t i;

	policy_defaults(&p);
	p.lost_unreachable_days = 60; /* the rows are written for 60 days */
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct measure m = community(0);
		struct obligation ob[MAXP];
		struct obligation_summary s;
		int n;

		m.status = rows[i].status;
		m.start_date = rows[i].start;
		m.actual_end = rows[i].actual_end;
		n = obligation_schedule(&m, &p, "low", NULL, 0, rows[i].today, ob, MAXP, &s);
		if (n != rows[i].n)
			fail_msg("%s: %d periods", rows[i].name, n);
		if (!n)
			continue;
		assert_int_equal(ob[0].kind, OB_REPORT);
		assert_int_equal(ob[0].period_start, 20240101);
		assert_int_equal(ob[0].due, 20240116);
		if ((int)ob[0].state != rows[i].st || ob[0].done_date != rows[i].done ||
		    s.overdue != rows[i].overdue || s.due_soon != rows[i].due_soon)
			fail_msg("%s: %s done %d overdue %d soon %d", rows[i].name,
				 state_key(ob[0].state), ob[0].done_date, s.overdue, s.due_soon);
		if (rows[i].st == OB_DUE || rows[i].st == OB_OVERDUE) {
			assert_int_equal(s.next_due[OB_REPORT], 20240116);
			assert_int_equal(s.state[OB_REPORT], rows[i].st);
		} else {
			assert_int_equal(s.state[OB_REPORT], -1);
		}
	}
}

static void test_high_risk(void **state)
{
	struct policy p;
	struct measure m = community(20240101);
	struct obligation ob[MAXP];
	int n;

	policy_defaults(&p);
	m.report_deadline = 0;
	n = obligation_schedule(&m, &p, "high", NULL, 0, 20240201, ob, MAXP, NULL);
	assert_int_equal(n, 9);
	EXPECT(ob, n, OB_VISIT, "20240101-20240115:missed", "20240116-20240130:missed",
	       "20240131-20240214:overdue");
}

/* While suspended nothing falls due; a period interrupted counts only if done. */
static void test_suspended(void **state)
{
	struct policy p;
	struct measure m = community(20240101);
	struct activity acts[] = { { OB_TEST, 20240215 }, { OB_VISIT, 20240216 } };
	struct obligation ob[MAXP];
	struct obligation_summary s;
	int n, k;

	policy_defaults(&p);
	m.report_deadline = 0;
	m.status = "suspended";
	m.suspended_since = 20240215;
	n = obligation_schedule(&m, &p, "low", acts, 2, 20240401, ob, MAXP, &s);
	EXPECT(ob, n, OB_TEST, "20240101-20240130:missed", "20240131-20240215:done@20240215");
	EXPECT(ob, n, OB_VISIT, "20240101-20240130:missed");
	EXPECT(ob, n, OB_TALK, "20240101-20240130:missed");
	for (k = 0; k < OB_KINDS; k++) {
		assert_int_equal(s.next_due[k], 0);
		assert_int_equal(s.state[k], -1);
	}
	assert_int_equal(s.overdue, 0);
	assert_int_equal(s.due_soon, 0);
	assert_int_equal(s.missed_total, 3);

	/* ended: the same cut */
	m.status = "ended";
	m.suspended_since = 0;
	m.actual_end = 20240131;
	n = obligation_schedule(&m, &p, "low", acts, 2, 20240401, ob, MAXP, &s);
	EXPECT(ob, n, OB_TEST, "20240101-20240130:missed");
	assert_int_equal(n, 3);
	/* ending on a due day lets that period lapse too */
	m.actual_end = 20240130;
	n = obligation_schedule(&m, &p, "low", acts, 2, 20240401, ob, MAXP, &s);
	assert_int_equal(n, 0);
}

/* The last period is cut at the term's end; nothing after it. */
static void test_term_cut(void **state)
{
	struct policy p;
	struct measure m = community(20210101);
	struct obligation ob[MAXP];
	struct obligation_summary s;
	int n;

	policy_defaults(&p);
	m.report_deadline = 0;
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20240301, ob, MAXP, &s);
	assert_int_equal(n, 3 * 23);
	assert_int_equal(ob[n - 1].period_start, 20231018);
	assert_int_equal(ob[n - 1].due, 20231231);
	assert_int_equal(s.state[OB_TEST], -1);
	/* with ten days suspended the term, and the last period, run ten days longer */
	m.suspended_days = 10;
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20240301, ob, MAXP, &s);
	assert_int_equal(ob[n - 1].due, 20240110);
}

static void test_missed_in_row(void **state)
{
	static const struct {
		const char *name;
		struct activity acts[3];
		int nacts, in_row, total;
	} rows[] = {
		/* 30-day periods from 2024-01-01; today 2024-04-15 is in the fourth */
		{ "nothing done", { { 0 } }, 0, 3, 9 },
		{ "visit in the second", { { OB_VISIT, 20240205 } }, 1, 3, 8 },
		{ "all in the third",
		  { { OB_VISIT, 20240305 }, { OB_TEST, 20240330 }, { OB_TALK, 20240301 } }, 3, 0, 6 },
		{ "all in the current",
		  { { OB_VISIT, 20240415 }, { OB_TEST, 20240401 }, { OB_TALK, 20240331 } }, 3, 0, 9 },
		{ "activity out of order still found",
		  { { OB_TEST, 20240415 }, { OB_TEST, 20240102 }, { OB_TEST, 20240101 } }, 3, 3, 8 },
	};
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct measure m = community(20240101);
		struct obligation_summary s;
		m.report_deadline = 0;
		obligation_schedule(&m, &p, "low", rows[i].acts, rows[i].nacts, 20240415, NULL, 0,
				    &s);
		if (s.missed_in_row != rows[i].in_row || s.missed_total != rows[i].total)
			fail_msg("%s: in a row %d, total %d", rows[i].name, s.missed_in_row,
				 s.missed_total);
	}
}

static void test_due_soon(void **state)
{
	struct policy p;
	struct measure m = community(20240101);
	struct obligation_summary s;

	policy_defaults(&p);
	m.report_deadline = 0;
	obligation_schedule(&m, &p, "low", NULL, 0, 20240123, NULL, 0, &s);
	assert_int_equal(s.due_soon, 3);
	assert_int_equal(s.next_due[OB_VISIT], 20240130);
	obligation_schedule(&m, &p, "low", NULL, 0, 20240122, NULL, 0, &s);
	assert_int_equal(s.due_soon, 0);
	assert_int_equal(s.state[OB_VISIT], OB_DUE);
}

static void test_kinds(void **state)
{
	struct policy p;
	struct measure m = community(20240101);
	struct obligation ob[MAXP];
	int n;

	policy_defaults(&p);
	m.kind = "compulsory";
	assert_int_equal(obligation_schedule(&m, &p, "high", NULL, 0, 20250101, ob, MAXP, NULL), 0);
	m.kind = "voluntary";
	m.planned_end = 0;
	n = obligation_schedule(&m, &p, "high", NULL, 0, 20240501, ob, MAXP, NULL);
	EXPECT(ob, n, OB_TEST, "20240101-20240330:missed", "20240331-20240628:overdue");
	assert_int_equal(n, 2);
	m.kind = "unknown";
	assert_int_equal(obligation_schedule(&m, &p, "high", NULL, 0, 20240501, ob, MAXP, NULL), 0);
}

/* An interval of 0 in year 1 means "not required" until year 2. */
static void test_not_required(void **state)
{
	struct policy p;
	struct measure m = community(20240101);
	struct obligation ob[MAXP];
	int n;

	policy_defaults(&p);
	m.report_deadline = 0;
	p.rules[MK_COMMUNITY][0][0].visit_days = 0;
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20250401, ob, MAXP, NULL);
	EXPECT(ob, n, OB_VISIT, "20250101-20250301:missed", "20250302-20250430:overdue");
}

static void test_max(void **state)
{
	struct policy p;
	struct measure m = community(20240131);
	struct obligation ob[3];
	int n;

	policy_defaults(&p);
	memset(ob, 0x7f, sizeof(ob));
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20240315, ob, 2, NULL);
	assert_int_equal(n, 7);
	assert_int_equal(ob[0].kind, OB_REPORT);
	assert_int_equal(ob[1].kind, OB_TEST);
	assert_int_equal(ob[2].period_start, 0x7f7f7f7f);
}

/* ---- 严重违反协议 ---- */

struct violation_row {
	const char *name;
	const char *kind;
	int ntests;
	struct {
		int date;
		const char *result;
		int64_t measure_id;
	} tests[4];
	int nabs;
	struct {
		int start, end, permitted;
	} abs[4];
	int today;
	int violated;
	const char *evidence;
};

static const struct violation_row violation_rows[] = {
	{ "two refusals", "community", 2,
	  { { 20260302, "refused", 1 }, { 20260402, "evaded", 1 } }, 0, { { 0 } }, 20260501, 0,
	  "2026-03-02 尿检：拒绝检测\n2026-04-02 尿检：逃避检测" },
	{ "three refusals", "community", 4,
	  { { 20260302, "refused", 1 }, { 20260402, "evaded", 1 }, { 20260410, "negative", 1 },
	    { 20260420, "refused", 1 } },
	  0, { { 0 } }, 20260501, 1, "拒绝或逃避检测 3 次，达到 3 次" },
	{ "three refusals in rehabilitation", "rehab", 3,
	  { { 20260302, "refused", 1 }, { 20260402, "evaded", 1 }, { 20260420, "refused", 1 } },
	  0, { { 0 } }, 20260501, 1, "2026-04-20 尿检：拒绝检测" },
	{ "three refusals, one of another measure", "community", 3,
	  { { 20260302, "refused", 1 }, { 20260402, "evaded", 2 }, { 20260420, "refused", 1 } },
	  0, { { 0 } }, 20260501, 0, NULL },
	{ "three refusals, one before the start", "community", 3,
	  { { 20240105, "refused", 0 }, { 20260402, "evaded", 0 }, { 20260420, "refused", 0 } },
	  0, { { 0 } }, 20260501, 0, NULL },
	{ "compulsory has no agreement", "compulsory", 3,
	  { { 20260302, "refused", 1 }, { 20260402, "evaded", 1 }, { 20260420, "refused", 1 } },
	  0, { { 0 } }, 20260501, 0, NULL },
	{ "30 days away", "community", 0, { { 0 } }, 1, { { 20260301, 20260331, 0 } }, 20260501, 0,
	  "2026-03-01 至 2026-03-31 未经批准离开县域 30 天" },
	{ "31 days away", "community", 0, { { 0 } }, 1, { { 20260301, 20260401, 0 } }, 20260501, 1,
	  "未经批准离开县域累计 31 天，超过 30 天" },
	{ "still away for 30 days", "community", 0, { { 0 } }, 1, { { 20260301, 0, 0 } },
	  20260331, 0, "2026-03-01 起未经批准离开县域，至今 30 天" },
	{ "still away for 31 days", "community", 0, { { 0 } }, 1, { { 20260301, 0, 0 } },
	  20260401, 1, "超过 30 天" },
	{ "two absences adding up to 31 days", "community", 0, { { 0 } }, 2,
	  { { 20260301, 20260316, 0 }, { 20260401, 20260417, 0 } }, 20260501, 1, "累计 31 天" },
	{ "permitted absences do not count", "community", 0, { { 0 } }, 2,
	  { { 20260101, 20260301, 1 }, { 20260401, 20260417, 0 } }, 20260501, 0, NULL },
	{ "two short absences", "community", 0, { { 0 } }, 2,
	  { { 20260301, 20260302, 0 }, { 20260401, 20260402, 0 } }, 20260501, 0, NULL },
	{ "three short absences", "community", 0, { { 0 } }, 3,
	  { { 20260301, 20260302, 0 }, { 20260401, 20260402, 0 }, { 20260410, 20260411, 0 } },
	  20260501, 1, "未经批准离开县域 3 次，达到 3 次" },
};

static void test_violation(void **state)
{
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(violation_rows) / sizeof(violation_rows[0]); i++) {
		const struct violation_row *r = &violation_rows[i];
		struct measure m = community(20240110);
		struct drug_test t[4];
		struct absence a[4];
		struct buf ev = BUF_INIT;
		int j, v;

		m.kind = r->kind;
		for (j = 0; j < r->ntests; j++) {
			memset(&t[j], 0, sizeof(t[j]));
			t[j].method = "urine";
			t[j].date = r->tests[j].date;
			t[j].result = r->tests[j].result;
			t[j].measure_id = r->tests[j].measure_id;
		}
		for (j = 0; j < r->nabs; j++) {
			memset(&a[j], 0, sizeof(a[j]));
			a[j].measure_id = 1;
			a[j].start_date = r->abs[j].start;
			a[j].end_date = r->abs[j].end;
			a[j].permitted = r->abs[j].permitted;
		}
		v = obligation_violation(&m, t, r->ntests, a, r->nabs, &p, r->today, &ev);
		if (v != r->violated)
			fail_msg("%s: %d\n%s", r->name, v, ev.buf);
		if (r->evidence && !strstr(ev.buf, r->evidence))
			fail_msg("%s: evidence lacks \"%s\":\n%s", r->name, r->evidence, ev.buf);
		buf_release(&ev);
	}
}

/* ---- 脱管失控 ---- */

/*
 * An imported measure (records_from): periods run from the day its records
 * begin, so nothing before the import is missed; being out of sight counts
 * from that day too, unless someone met the person later.
 */
static void test_records_from(void **state)
{
	struct obligation ob[MAXP];
	struct obligation_summary s;
	struct measure m = community(20240110);
	struct policy p;
	struct buf reason = BUF_INIT;
	int n, i, missed = 0;

	(void)state;
	policy_defaults(&p);
	/* a year and a half after the report, imported that day: nothing missed */
	m.records_from = 20250710;
	n = obligation_schedule(&m, &p, "low", NULL, 0, 20250710, ob, MAXP, &s);
	for (i = 0; i < n; i++) {
		missed += ob[i].state == OB_MISSED;
		if (ob[i].kind != OB_REPORT)
			assert_true(ob[i].period_start >= 20250710);
	}
	assert_int_equal(missed, 0);
	assert_int_equal(s.missed_in_row, 0);
	assert_int_equal(s.overdue, 0);
	/* the same measure decided in jindu has missed every period since */
	m.records_from = 0;
	obligation_schedule(&m, &p, "low", NULL, 0, 20250710, ob, MAXP, &s);
	assert_true(s.missed_in_row >= 3);

	/* out of sight: from the import, not from the report */
	m.records_from = 20250710;
	p.lost_unreachable_days = 60;
	memset(&s, 0, sizeof(s));
	assert_int_equal(obligation_lost(&m, &s, 0, &p, 20250907, &reason), 0);
	assert_int_equal(obligation_lost(&m, &s, 0, &p, 20250908, &reason), 1);
	assert_non_null(strstr(reason.buf, "自 2025-07-10 导入后 60 天未见到本人"));
	buf_reset(&reason);
	/* met after the import: from that meeting */
	assert_int_equal(obligation_lost(&m, &s, 20250801, &p, 20250929, &reason), 0);
	assert_int_equal(obligation_lost(&m, &s, 20250801, &p, 20250930, &reason), 1);
	assert_non_null(strstr(reason.buf, "最后一次 2025-08-01"));
	buf_release(&reason);
}

static void test_lost(void **state)
{
	static const struct {
		const char *name, *kind, *status;
		int grace, missed, last_seen, today;
		int lost;
		const char *reason;
	} rows[] = {
		/* decision 2024-01-01, deadline 2024-01-16, start 2024-01-10 when active */
		{ "deadline today", "community", "decided", 0, 0, 0, 20240116, 0, NULL },
		{ "deadline passed", "community", "decided", 0, 0, 0, 20240117, 1,
		  "报到期限 2024-01-16 已过，仍未报到" },
		{ "within the grace", "community", "decided", 5, 0, 0, 20240121, 0, NULL },
		{ "past the grace", "rehab", "decided", 5, 0, 0, 20240122, 1, "仍未报到" },
		{ "two missed", "community", "active", 0, 2, 20240301, 20240310, 0, NULL },
		{ "three missed", "community", "active", 0, 3, 20240301, 20240310, 1,
		  "连续 3 次未按期完成" },
		{ "seen 59 days ago", "community", "active", 0, 0, 20240115, 20240314, 0, NULL },
		{ "seen 60 days ago", "community", "active", 0, 0, 20240115, 20240315, 1,
		  "已 60 天未见到本人（最后一次 2024-01-15）" },
		/* a meeting before the report does not count: the report itself does */
		{ "seen only before the report", "community", "active", 0, 0, 20231201, 20240310, 1,
		  "自 2024-01-10 报到后 60 天未见到本人" },
		{ "seen before the report, 59 days", "community", "active", 0, 0, 20231201, 20240309, 0,
		  NULL },
		{ "never seen since the report", "community", "active", 0, 0, 0, 20240310, 1,
		  "自 2024-01-10 报到后 60 天未见到本人" },
		{ "never seen, 59 days", "community", "active", 0, 0, 0, 20240309, 0, NULL },
		{ "voluntary: never visited", "voluntary", "active", 0, 0, 0, 20250101, 0, NULL },
		{ "voluntary: missed tests", "voluntary", "active", 0, 3, 0, 20250101, 1, "连续" },
		{ "suspended", "community", "suspended", 0, 5, 20230101, 20250101, 0, NULL },
		{ "ended", "community", "ended", 0, 5, 20230101, 20250101, 0, NULL },
		{ "compulsory", "compulsory", "active", 0, 5, 20230101, 20250101, 0, NULL },
		{ "facility", "facility", "active", 0, 5, 20230101, 20250101, 0, NULL },
	};
	struct policy p;
	size_t i;

	policy_defaults(&p);
	p.lost_unreachable_days = 60; /* the rows are written for 60 days */
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct measure m = community(0);
		struct obligation_summary s;
		struct buf reason = BUF_INIT;
		int lost;

		m.kind = rows[i].kind;
		m.status = rows[i].status;
		if (strcmp(rows[i].status, "decided"))
			m.start_date = 20240110;
		p.lost_report_grace_days = rows[i].grace;
		memset(&s, 0, sizeof(s));
		s.missed_in_row = rows[i].missed;
		lost = obligation_lost(&m, &s, rows[i].last_seen, &p, rows[i].today, &reason);
		if (lost != rows[i].lost)
			fail_msg("%s: %d (%s)", rows[i].name, lost, reason.buf);
		if (rows[i].reason && !strstr(reason.buf, rows[i].reason))
			fail_msg("%s: reason \"%s\" lacks \"%s\"", rows[i].name, reason.buf,
				 rows[i].reason);
		if (!lost)
			assert_string_equal(reason.buf, "");
		buf_release(&reason);
	}
	/* the rules can be switched off */
	{
		struct measure m = community(20240110);
		struct obligation_summary s;
		struct buf reason = BUF_INIT;
		policy_defaults(&p);
		p.lost_missed_in_row = 0;
		p.lost_unreachable_days = 0;
		memset(&s, 0, sizeof(s));
		s.missed_in_row = 10;
		assert_int_equal(obligation_lost(&m, &s, 0, &p, 20300101, &reason), 0);
		buf_release(&reason);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_activities),
		cmocka_unit_test(test_month_end_leap),
		cmocka_unit_test(test_leap_start_years),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_high_risk),
		cmocka_unit_test(test_suspended),
		cmocka_unit_test(test_term_cut),
		cmocka_unit_test(test_missed_in_row),
		cmocka_unit_test(test_due_soon),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_not_required),
		cmocka_unit_test(test_max),
		cmocka_unit_test(test_violation),
		cmocka_unit_test(test_lost),
		cmocka_unit_test(test_records_from),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
