/* measure-test.c - the measure state machine at its edges: terms, refusals, the clean clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/measure.h"

#include <stdio.h>
#include <string.h>

/* Measures the tests start from; each test row changes one thing. */
enum base { COMMUNITY_DECIDED, COMMUNITY_ACTIVE, COMMUNITY_SUSPENDED, COMPULSORY_ACTIVE,
	    COMPULSORY_SUSPENDED, VOLUNTARY_ACTIVE, REHAB_ACTIVE, COMMUNITY_ENDED };

static struct measure base_measure(enum base b)
{
	struct measure m;

	memset(&m, 0, sizeof(m));
	m.id = 1;
	m.person_id = 1;
	m.decision_date = 20240101;
	m.end_reason = "";
	switch (b) {
	case COMMUNITY_DECIDED:
		m.kind = "community";
		m.status = "decided";
		m.report_deadline = 20240116;
		break;
	case COMMUNITY_ACTIVE:
	case COMMUNITY_SUSPENDED:
	case COMMUNITY_ENDED:
	case REHAB_ACTIVE:
		m.kind = b == REHAB_ACTIVE ? "rehab" : "community";
		m.status = "active";
		m.report_deadline = 20240116;
		m.start_date = 20240110;
		m.agreement_date = 20240110;
		m.planned_end = 20270110;
		if (b == COMMUNITY_SUSPENDED) {
			m.status = "suspended";
			m.suspended_since = 20250301;
		} else if (b == COMMUNITY_ENDED) {
			m.status = "ended";
			m.actual_end = 20250301;
			m.end_reason = "violation";
		}
		break;
	case COMPULSORY_ACTIVE:
	case COMPULSORY_SUSPENDED:
		m.kind = "compulsory";
		m.status = "active";
		m.start_date = 20240101;
		m.planned_end = 20260101;
		if (b == COMPULSORY_SUSPENDED) {
			m.status = "suspended";
			m.suspended_since = 20241201;
		}
		break;
	case VOLUNTARY_ACTIVE:
		m.kind = "voluntary";
		m.status = "active";
		m.start_date = 20240101;
		m.planned_end = 20240701;
		break;
	}
	return m;
}

static void test_choices(void **state)
{
	assert_int_equal(measure_kind_from_key("voluntary"), MK_VOLUNTARY);
	assert_int_equal(measure_kind_from_key("community"), MK_COMMUNITY);
	assert_int_equal(measure_kind_from_key("compulsory"), MK_COMPULSORY);
	assert_int_equal(measure_kind_from_key("rehab"), MK_REHAB);
	assert_int_equal(measure_kind_from_key("facility"), MK_FACILITY);
	assert_int_equal(measure_kind_from_key("prison"), -1);
	assert_int_equal(measure_kind_from_key(NULL), -1);
	assert_string_equal(choice_label(measure_kinds, "compulsory"), "强制隔离戒毒");
	assert_string_equal(choice_label(measure_statuses, "decided"), "待报到");
	assert_string_equal(choice_label(measure_end_reasons, "violation"), "严重违反协议");
	assert_string_equal(measure_actions[MA_EARLY_RELEASE].key, "early_release");
	assert_string_equal(measure_actions[MA_END].key, "end");
}

static void test_plan(void **state)
{
	struct policy p;
	struct measure m;

	policy_defaults(&p);
	memset(&m, 0, sizeof(m));
	m.kind = "community";
	m.decision_date = 20240101;
	measure_plan(&m, &p);
	assert_string_equal(m.status, "decided");
	assert_int_equal(m.report_deadline, 20240116);
	assert_int_equal(m.planned_end, 0);

	memset(&m, 0, sizeof(m));
	m.kind = "compulsory";
	m.decision_date = 20240229;
	measure_plan(&m, &p);
	assert_string_equal(m.status, "active");
	assert_int_equal(m.start_date, 20240229);
	assert_int_equal(m.report_deadline, 0);
	assert_int_equal(m.planned_end, 20260228);

	memset(&m, 0, sizeof(m));
	m.kind = "voluntary";
	m.decision_date = 20240110;
	m.planned_end = 20240710;
	measure_plan(&m, &p);
	assert_string_equal(m.status, "active");
	assert_int_equal(m.start_date, 20240110);
	assert_int_equal(m.planned_end, 20240710);

	/* an imported community measure that has been reported is active */
	memset(&m, 0, sizeof(m));
	m.kind = "rehab";
	m.decision_date = 20231220;
	m.start_date = 20231228;
	measure_plan(&m, &p);
	assert_string_equal(m.status, "active");
	assert_int_equal(m.report_deadline, 20240104);
	assert_int_equal(m.planned_end, 20261228);
}

static void test_term_end(void **state)
{
	static const struct {
		const char *kind, *status;
		int decision, start, suspended_since, suspended_days, extended_days, today, end;
	} rows[] = {
		/* a term starting on a leap day ends on 28 February */
		{ "community", "active", 20240220, 20240229, 0, 0, 0, 20240301, 20270228 },
		{ "compulsory", "active", 20240229, 20240229, 0, 0, 0, 20240301, 20260228 },
		{ "rehab", "active", 20240101, 20240115, 0, 0, 0, 20240301, 20270115 },
		/* compulsory counts from the decision, community from the report */
		{ "compulsory", "active", 20240101, 20240105, 0, 0, 0, 20240301, 20260101 },
		{ "community", "decided", 20240101, 0, 0, 0, 0, 20240301, 0 },
		/* ten days suspended move the end by ten days */
		{ "compulsory", "active", 20240229, 20240229, 0, 10, 0, 20240301, 20260310 },
		{ "community", "active", 20240110, 20240110, 0, 10, 0, 20250301, 20270120 },
		/* a running suspension counts to today */
		{ "community", "suspended", 20240110, 20240110, 20250301, 0, 0, 20250311,
		  20270120 },
		{ "community", "suspended", 20240110, 20240110, 20250301, 5, 0, 20250311,
		  20270125 },
		{ "compulsory", "active", 20240101, 20240101, 0, 0, 365, 20240301, 20270101 },
		{ "compulsory", "active", 20240101, 20240101, 0, 3, 365, 20240301, 20270104 },
		/* voluntary: as agreed */
		{ "voluntary", "active", 20240101, 20240101, 0, 30, 0, 20240301, 20240701 },
	};
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct measure m = base_measure(VOLUNTARY_ACTIVE);
		int end;
		m.kind = rows[i].kind;
		m.status = rows[i].status;
		m.decision_date = rows[i].decision;
		m.start_date = rows[i].start;
		m.suspended_since = rows[i].suspended_since;
		m.suspended_days = rows[i].suspended_days;
		m.extended_days = rows[i].extended_days;
		end = measure_term_end(&m, &p, rows[i].today);
		if (end != rows[i].end)
			fail_msg("row %zu: term end %d, expected %d", i, end, rows[i].end);
	}
}

static void test_year(void **state)
{
	static const struct {
		int start, today, year;
	} rows[] = {
		{ 20240229, 20240101, 1 },   /* before the start */
		{ 20240229, 20240229, 1 },
		{ 20240229, 20250227, 1 },
		{ 20240229, 20250228, 2 },   /* Feb 29 + 1 year = Feb 28 */
		{ 20240229, 20260227, 2 },
		{ 20240229, 20260228, 3 },
		{ 20240229, 20270228, 4 },
		{ 20240131, 20250130, 1 },
		{ 20240131, 20250131, 2 },
		{ 0, 20250131, 1 },          /* not reported yet */
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct measure m = base_measure(COMMUNITY_ACTIVE);
		int y;
		m.start_date = rows[i].start;
		y = measure_year(&m, rows[i].today);
		if (y != rows[i].year)
			fail_msg("row %zu: year %d, expected %d", i, y, rows[i].year);
	}
}

/* ---- transitions ---- */

struct apply_row {
	const char *name;
	enum base base;
	int extended;        /* extended_days before the change */
	enum measure_action action;
	int date, days;
	const char *reason;
	int today;
	/* expected: NULL error means accepted */
	const char *error;
	const char *status, *end_reason;
	int start, planned_end, actual_end, suspended_since, suspended_days, extended_days;
};

static const struct apply_row apply_rows[] = {
	/* 报到 */
	{ "report on the deadline", COMMUNITY_DECIDED, 0, MA_REPORT, 20240116, 0, NULL, 20240301,
	  NULL, "active", "", 20240116, 20270116, 0, 0, 0, 0 },
	{ "report the day after the deadline is recorded", COMMUNITY_DECIDED, 0, MA_REPORT,
	  20240117, 0, NULL, 20240301, NULL, "active", "", 20240117, 20270117, 0, 0, 0, 0 },
	{ "report on the decision day", COMMUNITY_DECIDED, 0, MA_REPORT, 20240101, 0, NULL,
	  20240101, NULL, "active", "", 20240101, 20270101, 0, 0, 0, 0 },
	{ "report before the decision", COMMUNITY_DECIDED, 0, MA_REPORT, 20231231, 0, NULL,
	  20240301, "早于决定日期" },
	{ "report tomorrow", COMMUNITY_DECIDED, 0, MA_REPORT, 20240302, 0, NULL, 20240301,
	  "晚于今天" },
	{ "report on an impossible day", COMMUNITY_DECIDED, 0, MA_REPORT, 20240230, 0, NULL,
	  20240301, "有效的日期" },
	{ "report twice", COMMUNITY_ACTIVE, 0, MA_REPORT, 20240120, 0, NULL, 20240301,
	  "不能重复报到" },
	{ "report to a compulsory measure", COMPULSORY_ACTIVE, 0, MA_REPORT, 20240120, 0, NULL,
	  20240301, "只有社区戒毒和社区康复需要报到" },
	{ "report to voluntary treatment", VOLUNTARY_ACTIVE, 0, MA_REPORT, 20240120, 0, NULL,
	  20240301, "只有社区戒毒和社区康复需要报到" },

	/* 中止 and 恢复 */
	{ "suspend", COMMUNITY_ACTIVE, 0, MA_SUSPEND, 20250301, 0, NULL, 20250301, NULL,
	  "suspended", "", 20240110, 20270110, 0, 20250301, 0, 0 },
	{ "suspend before reporting", COMMUNITY_DECIDED, 0, MA_SUSPEND, 20240105, 0, NULL,
	  20240301, "尚未报到的措施不能中止执行" },
	{ "suspend twice", COMMUNITY_SUSPENDED, 0, MA_SUSPEND, 20250305, 0, NULL, 20250401,
	  "已于 2025-03-01 中止执行" },
	{ "suspend before the start", COMMUNITY_ACTIVE, 0, MA_SUSPEND, 20240105, 0, NULL,
	  20240301, "早于开始执行日期 2024-01-10" },
	{ "resume after ten days", COMMUNITY_SUSPENDED, 0, MA_RESUME, 20250311, 0, NULL,
	  20250401, NULL, "active", "", 20240110, 20270120, 0, 0, 10, 0 },
	{ "resume the same day", COMMUNITY_SUSPENDED, 0, MA_RESUME, 20250301, 0, NULL, 20250401,
	  NULL, "active", "", 20240110, 20270110, 0, 0, 0, 0 },
	{ "resume before the suspension", COMMUNITY_SUSPENDED, 0, MA_RESUME, 20250228, 0, NULL,
	  20250401, "早于中止日期 2025-03-01" },
	{ "resume what runs", COMMUNITY_ACTIVE, 0, MA_RESUME, 20250228, 0, NULL, 20250401,
	  "没有中止" },

	/* 延长 */
	{ "extend by the maximum", COMPULSORY_ACTIVE, 0, MA_EXTEND, 20251201, 365, NULL,
	  20251201, NULL, "active", "", 20240101, 20270101, 0, 0, 0, 365 },
	{ "extend up to exactly the maximum", COMPULSORY_ACTIVE, 300, MA_EXTEND, 20251201, 65,
	  NULL, 20251201, NULL, "active", "", 20240101, 20270101, 0, 0, 0, 365 },
	{ "extend one day past the maximum", COMPULSORY_ACTIVE, 300, MA_EXTEND, 20251201, 66,
	  NULL, 20251201, "不能超过 365 天（已延长 300 天）" },
	{ "extend after the maximum", COMPULSORY_ACTIVE, 365, MA_EXTEND, 20251201, 1, NULL,
	  20251201, "不能超过 365 天" },
	{ "extend by nothing", COMPULSORY_ACTIVE, 0, MA_EXTEND, 20251201, 0, NULL, 20251201,
	  "延长天数应大于0" },
	{ "extend by less than nothing", COMPULSORY_ACTIVE, 0, MA_EXTEND, 20251201, -5, NULL,
	  20251201, "延长天数应大于0" },
	{ "extend community treatment", COMMUNITY_ACTIVE, 0, MA_EXTEND, 20251201, 30, NULL,
	  20251201, "只有强制隔离戒毒可以延长期限" },
	{ "extend while suspended", COMPULSORY_SUSPENDED, 0, MA_EXTEND, 20251201, 30, NULL,
	  20251201, "中止执行期间不能延长期限" },
	{ "extend on the last day of the term", COMPULSORY_ACTIVE, 0, MA_EXTEND, 20251231, 30,
	  NULL, 20251231, NULL, "active", "", 20240101, 20260131, 0, 0, 0, 30 },
	{ "extend once the term is over", COMPULSORY_ACTIVE, 0, MA_EXTEND, 20260101, 30, NULL,
	  20260105, "已于 2026-01-01 届满" },

	/* 提前解除: decided 2024-01-01, 365 days later is 2024-12-31 (leap year) */
	{ "early release the day before one year", COMPULSORY_ACTIVE, 0, MA_EARLY_RELEASE,
	  20241230, 0, NULL, 20250101, "执行未满 365 天，不能提前解除（最早 2024-12-31）" },
	{ "early release on the day of one year", COMPULSORY_ACTIVE, 0, MA_EARLY_RELEASE,
	  20241231, 0, NULL, 20250101, NULL, "ended", "early_release", 20240101, 20260101,
	  20241231, 0, 0, 0 },
	{ "early release while suspended", COMPULSORY_SUSPENDED, 0, MA_EARLY_RELEASE, 20241231,
	  0, NULL, 20250101, NULL, "ended", "early_release", 20240101, 20260101, 20241231, 0,
	  30, 0 },
	{ "early release of community treatment", COMMUNITY_ACTIVE, 0, MA_EARLY_RELEASE,
	  20250110, 0, NULL, 20250301, "只有强制隔离戒毒可以提前解除" },
	{ "early release as an end reason", COMPULSORY_ACTIVE, 0, MA_END, 20241230, 0,
	  "early_release", 20250101, "执行未满 365 天" },

	/* 结束 */
	{ "end without a reason", COMMUNITY_ACTIVE, 0, MA_END, 20250101, 0, NULL, 20250301,
	  "请选择结束原因" },
	{ "end with an empty reason", COMMUNITY_ACTIVE, 0, MA_END, 20250101, 0, "", 20250301,
	  "请选择结束原因" },
	{ "end with an unknown reason", COMMUNITY_ACTIVE, 0, MA_END, 20250101, 0, "escaped",
	  20250301, "未知的结束原因“escaped”" },
	{ "complete compulsory the day before the term end", COMPULSORY_ACTIVE, 0, MA_END,
	  20251231, 0, "completed", 20260105, "期限至 2026-01-01 届满，此前不能期满解除" },
	{ "complete compulsory on the term end", COMPULSORY_ACTIVE, 0, MA_END, 20260101, 0,
	  "completed", 20260105, NULL, "ended", "completed", 20240101, 20260101, 20260101, 0,
	  0, 0 },
	{ "complete an extended term early", COMPULSORY_ACTIVE, 30, MA_END, 20260130, 0,
	  "completed", 20260205, "期限至 2026-01-31 届满" },
	{ "complete community treatment early", COMMUNITY_ACTIVE, 0, MA_END, 20270109, 0,
	  "completed", 20270201, "期限至 2027-01-10 届满" },
	{ "complete community treatment", COMMUNITY_ACTIVE, 0, MA_END, 20270110, 0, "completed",
	  20270201, NULL, "ended", "completed", 20240110, 20270110, 20270110, 0, 0, 0 },
	{ "complete before reporting", COMMUNITY_DECIDED, 0, MA_END, 20240301, 0, "completed",
	  20240301, "尚未报到，不能以“期满解除”结束" },
	{ "complete while suspended", COMMUNITY_SUSPENDED, 0, MA_END, 20270301, 0, "completed",
	  20270301, "中止执行期间不能以“期满解除”结束" },
	{ "serious violation of compulsory", COMPULSORY_ACTIVE, 0, MA_END, 20240301, 0,
	  "violation", 20240301, "“严重违反协议”不适用于强制隔离戒毒" },
	{ "serious violation of community treatment", COMMUNITY_ACTIVE, 0, MA_END, 20240301, 0,
	  "violation", 20240301, NULL, "ended", "violation", 20240110, 20270110, 20240301, 0, 0,
	  0 },
	{ "refusal to report", COMMUNITY_DECIDED, 0, MA_END, 20240201, 0, "refused", 20240301,
	  NULL, "ended", "refused", 0, 0, 20240201, 0, 0, 0 },
	{ "refusal of voluntary treatment", VOLUNTARY_ACTIVE, 0, MA_END, 20240201, 0, "refused",
	  20240301, "不适用于自愿戒毒" },
	{ "voluntary end of community treatment", COMMUNITY_ACTIVE, 0, MA_END, 20240201, 0,
	  "voluntary_end", 20240301, "“自愿终止”不适用于社区戒毒" },
	{ "voluntary end", VOLUNTARY_ACTIVE, 0, MA_END, 20240201, 0, "voluntary_end", 20240301,
	  NULL, "ended", "voluntary_end", 20240101, 20240701, 20240201, 0, 0, 0 },
	{ "medical change of compulsory", COMPULSORY_ACTIVE, 0, MA_END, 20240601, 0, "medical",
	  20240701, NULL, "ended", "medical", 20240101, 20260101, 20240601, 0, 0, 0 },
	{ "medical change of rehabilitation", REHAB_ACTIVE, 0, MA_END, 20240601, 0, "medical",
	  20240701, "不适用于社区康复" },
	{ "imprisonment ends a suspended measure", COMMUNITY_SUSPENDED, 0, MA_END, 20250401, 0,
	  "imprisoned", 20250401, NULL, "ended", "imprisoned", 20240110, 20270110, 20250401, 0,
	  31, 0 },
	{ "death before reporting", COMMUNITY_DECIDED, 0, MA_END, 20240105, 0, "death",
	  20240301, NULL, "ended", "death", 0, 0, 20240105, 0, 0, 0 },
	{ "end before the start", COMMUNITY_ACTIVE, 0, MA_END, 20240109, 0, "death", 20240301,
	  "早于开始执行日期" },
	{ "end in the future", COMMUNITY_ACTIVE, 0, MA_END, 20240302, 0, "death", 20240301,
	  "晚于今天" },

	/* nothing happens to an ended measure */
	{ "report to an ended measure", COMMUNITY_ENDED, 0, MA_REPORT, 20250401, 0, NULL,
	  20250401, "该措施已结束（严重违反协议），不能再变更" },
	{ "suspend an ended measure", COMMUNITY_ENDED, 0, MA_SUSPEND, 20250401, 0, NULL,
	  20250401, "已结束" },
	{ "resume an ended measure", COMMUNITY_ENDED, 0, MA_RESUME, 20250401, 0, NULL, 20250401,
	  "已结束" },
	{ "extend an ended measure", COMMUNITY_ENDED, 0, MA_EXTEND, 20250401, 10, NULL,
	  20250401, "已结束" },
	{ "release an ended measure", COMMUNITY_ENDED, 0, MA_EARLY_RELEASE, 20250401, 0, NULL,
	  20250401, "已结束" },
	{ "end an ended measure", COMMUNITY_ENDED, 0, MA_END, 20250401, 0, "death", 20250401,
	  "已结束" },
};

static void check_apply_row(const struct apply_row *r, const struct policy *p)
{
	struct measure m = base_measure(r->base), before;
	struct measure_change c;
	struct buf err = BUF_INIT;
	int rc;

	m.extended_days = r->extended;
	if (r->extended)
		m.planned_end = measure_term_end(&m, p, r->today);
	before = m;
	memset(&c, 0, sizeof(c));
	c.action = r->action;
	c.date = r->date;
	c.days = r->days;
	c.reason = r->reason;
	rc = measure_apply(&m, &c, p, r->today, &err);
	if (r->error) {
		if (rc != -1)
			fail_msg("%s: accepted", r->name);
		if (!strstr(err.buf, r->error))
			fail_msg("%s: \"%s\" lacks \"%s\"", r->name, err.buf, r->error);
		/* a refused change leaves the measure as it was */
		assert_memory_equal(&m, &before, sizeof(m));
		buf_release(&err);
		return;
	}
	if (rc != 0)
		fail_msg("%s: refused: %s", r->name, err.buf);
	if (strcmp(m.status, r->status) || strcmp(m.end_reason, r->end_reason) ||
	    m.start_date != r->start || m.planned_end != r->planned_end ||
	    m.actual_end != r->actual_end || m.suspended_since != r->suspended_since ||
	    m.suspended_days != r->suspended_days || m.extended_days != r->extended_days)
		fail_msg("%s: got %s %s start %d planned %d end %d since %d susp %d ext %d",
			 r->name, m.status, m.end_reason, m.start_date, m.planned_end,
			 m.actual_end, m.suspended_since, m.suspended_days, m.extended_days);
	buf_release(&err);
}

static void test_apply(void **state)
{
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(apply_rows) / sizeof(apply_rows[0]); i++)
		check_apply_row(&apply_rows[i], &p);
}

/* A whole life: report, ten days' detention, release; the term moves by ten days. */
static void test_suspension_moves_end(void **state)
{
	struct policy p;
	struct measure m = base_measure(COMMUNITY_DECIDED);
	struct measure_change c = { MA_REPORT, 20240110, 0, NULL, NULL };
	struct buf err = BUF_INIT;

	policy_defaults(&p);
	assert_int_equal(measure_apply(&m, &c, &p, 20240110, &err), 0);
	assert_int_equal(m.planned_end, 20270110);
	assert_int_equal(m.agreement_date, 20240110);
	c.action = MA_SUSPEND;
	c.date = 20250301;
	assert_int_equal(measure_apply(&m, &c, &p, 20250305, &err), 0);
	assert_int_equal(measure_term_end(&m, &p, 20250305), 20270114);
	c.action = MA_RESUME;
	c.date = 20250311;
	assert_int_equal(measure_apply(&m, &c, &p, 20250311, &err), 0);
	assert_int_equal(m.suspended_days, 10);
	assert_int_equal(m.planned_end, 20270120);
	assert_int_equal(measure_term_end(&m, &p, 20260101), 20270120);
	/* a second suspension adds up */
	c.action = MA_SUSPEND;
	c.date = 20260101;
	assert_int_equal(measure_apply(&m, &c, &p, 20260101, &err), 0);
	c.action = MA_RESUME;
	c.date = 20260106;
	assert_int_equal(measure_apply(&m, &c, &p, 20260106, &err), 0);
	assert_int_equal(m.suspended_days, 15);
	assert_int_equal(m.planned_end, 20270125);
	/* completion only on the moved end */
	c.action = MA_END;
	c.reason = "completed";
	c.date = 20270124;
	assert_int_equal(measure_apply(&m, &c, &p, 20270201, &err), -1);
	c.date = 20270125;
	assert_int_equal(measure_apply(&m, &c, &p, 20270201, &err), 0);
	assert_string_equal(m.status, "ended");
	buf_release(&err);
}

/* ---- new measures ---- */

static void test_check_new(void **state)
{
	struct policy p;
	struct person pe;
	struct measure others[2], m;
	struct buf err = BUF_INIT;

	policy_defaults(&p);
	memset(&pe, 0, sizeof(pe));
	pe.birth_date = 19900101;
	pe.special_status = "";
	pe.addiction = "addicted";

	/* a first community measure */
	memset(&m, 0, sizeof(m));
	m.kind = "community";
	m.decision_date = 20240101;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20240101, &err), 0);
	assert_string_equal(m.status, "decided");
	assert_int_equal(m.report_deadline, 20240116);

	/* ... which blocks any other while it runs */
	others[0] = base_measure(COMMUNITY_ACTIVE);
	others[0].id = 5;
	memset(&m, 0, sizeof(m));
	m.kind = "voluntary";
	m.decision_date = 20240301;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20240301, &err), -1);
	assert_non_null(strstr(err.buf, "已有未结束的社区戒毒（2024-01-01 决定）"));
	/* the measure itself, being edited, does not count */
	m.id = 5;
	m.kind = "community";
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20240301, &err), 0);
	/* an ended one does not block */
	others[0] = base_measure(COMMUNITY_ENDED);
	m.id = 0;
	m.kind = "compulsory";
	m.decision_date = 20250302;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250302, &err), 0);
	assert_string_equal(m.status, "active");
	assert_int_equal(m.start_date, 20250302);
	assert_int_equal(m.planned_end, 20270302);

	/* 禁毒法 Art 39 */
	pe.special_status = "hiv,pregnant";
	memset(&m, 0, sizeof(m));
	m.kind = "compulsory";
	m.decision_date = 20250302;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250302, &err), -1);
	assert_non_null(strstr(err.buf, "不适用强制隔离戒毒"));
	assert_null(m.status);
	pe.special_status = "hiv";
	/* under 16 on the decision day: allowed with a warning */
	pe.birth_date = 20090303;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250302, &err), 1);
	assert_non_null(strstr(err.buf, "未满16周岁"));
	assert_string_equal(m.status, "active");
	pe.birth_date = 20090302;
	memset(&m, 0, sizeof(m));
	m.kind = "compulsory";
	m.decision_date = 20250302;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250302, &err), 0);

	/* rehabilitation follows a completed or early-released compulsory measure */
	pe.birth_date = 19900101;
	others[0] = base_measure(COMPULSORY_ACTIVE);
	memset(&m, 0, sizeof(m));
	m.kind = "rehab";
	m.decision_date = 20250101;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20250101, &err), -1);
	assert_non_null(strstr(err.buf, "社区康复应在强制隔离戒毒期满或提前解除后决定"));
	others[0].status = "ended";
	others[0].end_reason = "medical";
	others[0].actual_end = 20241231;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250101, &err), -1);
	others[0].end_reason = "early_release";
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250101, &err), 0);
	assert_string_equal(m.status, "decided");
	assert_int_equal(m.report_deadline, 20250116);
	/* ... decided no later than it */
	m.decision_date = 20231231;
	assert_int_equal(measure_check_new(&m, &pe, others, 1, &p, 20250101, &err), -1);

	/* dates */
	memset(&m, 0, sizeof(m));
	m.kind = "community";
	m.decision_date = 20250102;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20250101, &err), -1);
	assert_non_null(strstr(err.buf, "晚于今天"));
	m.decision_date = 19891231;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20250101, &err), -1);
	assert_non_null(strstr(err.buf, "早于出生日期"));
	m.decision_date = 0;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20250101, &err), -1);
	m.kind = "prison";
	m.decision_date = 20250101;
	assert_int_equal(measure_check_new(&m, &pe, NULL, 0, &p, 20250101, &err), -1);
	buf_release(&err);
}

/* ---- the three-years-clean clock ---- */

struct clean_row {
	const char *name;
	const char *addiction;
	int found;           /* first-found date */
	int nm;
	struct {
		const char *kind, *status, *end_reason;
		int decision, start, end;
	} ms[3];
	int relapse;
	int since, done;
};

static const struct clean_row clean_rows[] = {
	{ "never addicted, no measure: from first found", "use", 20200315, 0, { { 0 } }, 0,
	  20200315, 20230315 },
	{ "first found on a leap day", "", 20200229, 0, { { 0 } }, 0, 20200229, 20230228 },
	{ "addicted without a measure: not running", "addicted", 20200315, 0, { { 0 } }, 0, 0, 0 },
	{ "community: from the start of execution", "addicted", 20200315, 1,
	  { { "community", "active", "", 20210520, 20210601, 0 } }, 0, 20210601, 20240601 },
	{ "rehab ended: from its start", "addicted", 20200315, 1,
	  { { "rehab", "ended", "completed", 20210520, 20210601, 20240601 } }, 0, 20210601,
	  20240601 },
	{ "community waiting for the report", "addicted", 20200315, 1,
	  { { "community", "decided", "", 20210520, 0, 0 } }, 0, 0, 0 },
	{ "compulsory under way", "severe", 20200315, 1,
	  { { "compulsory", "active", "", 20210520, 20210520, 0 } }, 0, 0, 0 },
	{ "compulsory: from release", "severe", 20200315, 1,
	  { { "compulsory", "ended", "early_release", 20210520, 20210520, 20220601 } }, 0,
	  20220601, 20250601 },
	{ "compulsory then rehab: from the rehab's start", "severe", 20200315, 2,
	  { { "compulsory", "ended", "completed", 20210520, 20210520, 20230520 },
	    { "rehab", "active", "", 20230520, 20230525, 0 } }, 0, 20230525, 20260525 },
	{ "serious violation stops it", "addicted", 20200315, 1,
	  { { "community", "ended", "violation", 20210101, 20210110, 20220301 } }, 0, 0, 0 },
	{ "refusal stops it", "addicted", 20200315, 1,
	  { { "community", "ended", "refused", 20210101, 0, 20210201 } }, 0, 0, 0 },
	{ "a relapse does not restart a stopped clock", "addicted", 20200315, 1,
	  { { "community", "ended", "refused", 20210101, 0, 20210201 } }, 20230101, 0, 0 },
	{ "refusal, then compulsory: from release", "severe", 20200315, 2,
	  { { "community", "ended", "refused", 20210101, 0, 20210201 },
	    { "compulsory", "ended", "completed", 20210301, 20210301, 20230301 } }, 0,
	  20230301, 20260301 },
	{ "a relapse restarts it", "addicted", 20200315, 1,
	  { { "community", "active", "", 20210520, 20210601, 0 } }, 20220810, 20220810,
	  20250810 },
	{ "a relapse before the start is old news", "addicted", 20200315, 1,
	  { { "community", "active", "", 20210520, 20210601, 0 } }, 20210401, 20210601,
	  20240601 },
	{ "relapse of a never-addicted person", "use", 20200315, 0, { { 0 } }, 20240229, 20240229,
	  20270228 },
	{ "community from a leap day", "addicted", 20200315, 1,
	  { { "community", "active", "", 20240220, 20240229, 0 } }, 0, 20240229, 20270228 },
	{ "voluntary treatment under way", "use", 20200315, 1,
	  { { "voluntary", "active", "", 20240220, 20240220, 0 } }, 0, 0, 0 },
};

static void test_clean_since(void **state)
{
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(clean_rows) / sizeof(clean_rows[0]); i++) {
		const struct clean_row *r = &clean_rows[i];
		struct measure ms[3];
		struct person pe;
		int j, since, done = -1;

		memset(&pe, 0, sizeof(pe));
		pe.addiction = r->addiction;
		pe.first_found_date = r->found;
		for (j = 0; j < r->nm; j++) {
			memset(&ms[j], 0, sizeof(ms[j]));
			ms[j].kind = r->ms[j].kind;
			ms[j].status = r->ms[j].status;
			ms[j].end_reason = r->ms[j].end_reason;
			ms[j].decision_date = r->ms[j].decision;
			ms[j].start_date = r->ms[j].start;
			ms[j].actual_end = r->ms[j].end;
		}
		since = measure_clean_since(&pe, ms, r->nm, r->relapse, &p, &done);
		if (since != r->since || done != r->done)
			fail_msg("%s: since %d done %d, expected %d %d", r->name, since, done,
				 r->since, r->done);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_term_end),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_suspension_moves_end),
		cmocka_unit_test(test_check_new),
		cmocka_unit_test(test_clean_since),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
