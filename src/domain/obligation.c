/* obligation.c - due dates of report-in, tests, visits, talks; 严重违反协议 and 脱管失控. */
#include "obligation.h"

#include <string.h>

#include "domain/measure.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

const struct choice obligation_kinds[] = {
	{ "report", N_("报到") },
	{ "test", N_("检测") },
	{ "visit", N_("走访") },
	{ "talk", N_("谈话") },
	{ NULL, NULL }
};

const struct choice obligation_states[] = {
	{ "done", N_("已完成") },
	{ "missed", N_("未完成") },
	{ "overdue", N_("逾期") },
	{ "due", N_("待办") },
	{ NULL, NULL }
};

static const struct choice test_methods[] = {
	{ "urine", N_("尿检") },
	{ "hair", N_("毛发检测") },
	{ "saliva", N_("唾液检测") },
	{ "blood", N_("血液检测") },
	{ NULL, NULL }
};

static const struct choice test_refusals[] = {
	{ "refused", N_("拒绝检测") },
	{ "evaded", N_("逃避检测") },
	{ NULL, NULL }
};

static int eq(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

/* The translated label of key, or key itself: never _(""), which would
 * return the catalog's header. */
static const char *label_of(const struct choice *list, const char *key)
{
	const struct choice *c = choice_find(list, key);
	return c ? _(c->label) : key ? key : "";
}

int obligation_activity_from_test(const struct drug_test *t, struct activity *out)
{
	if (!eq(t->result, "negative") && !eq(t->result, "positive"))
		return 0;
	out->kind = OB_TEST;
	out->date = t->date;
	return 1;
}

int obligation_activity_from_contact(const struct contact *c, struct activity *out)
{
	if (!eq(c->outcome, "met"))
		return 0;
	if (eq(c->kind, "visit"))
		out->kind = OB_VISIT;
	else if (eq(c->kind, "talk"))
		out->kind = OB_TALK;
	else if (eq(c->kind, "report"))
		out->kind = OB_REPORT;
	else
		return 0;
	out->date = c->date;
	return 1;
}

/* ---- the schedule ---- */

/* What every period generator of one measure shares. */
struct sched {
	const struct measure *m;
	const struct policy *p;
	const char *risk;
	int kind;           /* enum measure_kind */
	const struct activity *acts;
	int nacts;
	int today;
	int last;           /* last day of the term (0: open-ended) */
	int horizon;        /* the day the measure ended or was suspended (0: running) */
};

/* The periods of one periodic obligation, one after the other. */
struct gen {
	enum obligation_kind kind;
	int next;           /* start of the next period */
	int done;
	int prev_missed;
};

static int first_activity(const struct sched *x, enum obligation_kind k, int from, int to)
{
	int i, first = 0;
	for (i = 0; i < x->nacts; i++) {
		int d = x->acts[i].date;
		if (x->acts[i].kind == k && d >= from && d <= to && (!first || d < first))
			first = d;
	}
	return first;
}

static int rule_days(const struct sched *x, enum obligation_kind k, int day)
{
	const struct obligation_rule *r =
		policy_rule(x->p, x->kind, measure_year(x->m, day), x->risk);
	switch (k) {
	case OB_TEST:
		return r->test_days;
	case OB_VISIT:
		return r->visit_days;
	case OB_TALK:
		return r->talk_days;
	default:
		return 0;
	}
}

/*
 * The next period of g, or 0 when there is none. A period whose length is 0
 * (not required in that year of the term) is skipped to the next year. A
 * period still open when the measure ended or was suspended is kept only
 * when something was done in it before that day, cut there; otherwise the
 * obligation lapsed with the measure and the period is dropped.
 */
static int gen_next(const struct sched *x, struct gen *g, struct obligation *ob)
{
	while (!g->done) {
		int s = g->next, len, due, first;

		if (s > x->today || (x->last && s > x->last) || (x->horizon && s > x->horizon))
			break;
		len = rule_days(x, g->kind, s);
		if (len <= 0) {
			int next = ymd_add_months(x->m->start_date, 12 * measure_year(x->m, s));
			if (next <= s)
				break;
			g->next = next;
			continue;
		}
		due = ymd_add_days(s, len - 1);
		if (x->last && due > x->last)
			due = x->last;
		g->next = ymd_add_days(due, 1);
		ob->kind = g->kind;
		ob->period_start = s;
		ob->due = due;
		if (x->horizon && due >= x->horizon) {
			first = first_activity(x, g->kind, s, x->horizon);
			if (!first)
				break;
			ob->due = x->horizon;
			ob->state = OB_DONE;
			ob->done_date = first;
			g->done = 1;
			return 1;
		}
		first = first_activity(x, g->kind, s, due);
		ob->done_date = first;
		if (first)
			ob->state = OB_DONE;
		else if (due < x->today)
			ob->state = OB_MISSED;
		else
			ob->state = g->prev_missed ? OB_OVERDUE : OB_DUE;
		g->prev_missed = ob->state == OB_MISSED;
		return 1;
	}
	g->done = 1;
	return 0;
}

/* Report-in (条例 Arts 14, 38): one period from the decision to the
 * deadline, satisfied by the report recorded on the measure (start_date). */
static int report_period(const struct sched *x, struct obligation *ob)
{
	const struct measure *m = x->m;

	if ((x->kind != MK_COMMUNITY && x->kind != MK_REHAB) || !m->report_deadline ||
	    !m->decision_date)
		return 0;
	ob->kind = OB_REPORT;
	ob->period_start = m->decision_date;
	ob->due = m->report_deadline;
	ob->done_date = 0;
	if (m->start_date) {
		ob->state = OB_DONE;
		ob->done_date = m->start_date;
	} else if (eq(m->status, "ended")) {
		if (m->actual_end <= m->report_deadline)
			return 0;
		ob->state = OB_MISSED;
	} else {
		ob->state = x->today > m->report_deadline ? OB_OVERDUE : OB_DUE;
	}
	return 1;
}

static void sum_init(struct obligation_summary *sum)
{
	int k;
	memset(sum, 0, sizeof(*sum));
	for (k = 0; k < OB_KINDS; k++)
		sum->state[k] = -1;
}

static void sum_add(const struct sched *x, struct obligation_summary *sum, int run[OB_KINDS],
		    const struct obligation *ob)
{
	int k = ob->kind;
	int current = ob->state == OB_DUE || ob->state == OB_OVERDUE;

	/* a period done while it is still running is the current one too */
	if (ob->state == OB_DONE && k != OB_REPORT && !x->horizon && ob->period_start <= x->today &&
	    ob->due >= x->today)
		current = 1;
	if (ob->state == OB_MISSED) {
		sum->missed_total++;
		run[k]++;
	} else if (ob->state == OB_DONE) {
		run[k] = 0;
	}
	if (!current)
		return;
	sum->next_due[k] = ob->due;
	sum->state[k] = ob->state;
	if (ob->state == OB_OVERDUE)
		sum->overdue++;
	else if (ob->state == OB_DUE && ymd_diff_days(ob->due, x->today) <= x->p->due_soon_days)
		sum->due_soon++;
}

static int before(const struct obligation *a, const struct obligation *b)
{
	return a->period_start < b->period_start ||
	       (a->period_start == b->period_start && a->kind < b->kind);
}

int obligation_schedule(const struct measure *m, const struct policy *p, const char *risk_level,
			const struct activity *acts, int nacts, int today, struct obligation *out,
			int max, struct obligation_summary *sum)
{
	struct sched x;
	struct gen gens[OB_KINDS];
	struct obligation head[OB_KINDS];
	int has[OB_KINDS], run[OB_KINDS] = { 0 };
	struct obligation_summary local;
	int k, total = 0, term_end;

	if (!sum)
		sum = &local;
	sum_init(sum);
	memset(&x, 0, sizeof(x));
	x.m = m;
	x.p = p;
	x.risk = risk_level;
	x.kind = measure_kind_from_key(m->kind);
	x.acts = acts;
	x.nacts = acts ? nacts : 0;
	x.today = today;
	if (x.kind < 0)
		return 0;
	term_end = measure_term_end(m, p, today);
	x.last = term_end ? ymd_add_days(term_end, -1) : 0;
	if (eq(m->status, "ended"))
		x.horizon = m->actual_end ? m->actual_end : today;
	else if (eq(m->status, "suspended") && m->suspended_since)
		x.horizon = m->suspended_since;

	memset(gens, 0, sizeof(gens));
	for (k = 0; k < OB_KINDS; k++) {
		gens[k].kind = (enum obligation_kind)k;
		/* an imported measure: periods from the day its records begin */
		gens[k].next = m->start_date && m->records_from > m->start_date ? m->records_from
										 : m->start_date;
		/* periodic obligations start with execution (the report) */
		gens[k].done = k == OB_REPORT || !m->start_date || eq(m->status, "decided");
		has[k] = k == OB_REPORT ? report_period(&x, &head[k])
					: gen_next(&x, &gens[k], &head[k]);
	}
	for (;;) {
		int best = -1;
		for (k = 0; k < OB_KINDS; k++)
			if (has[k] && (best < 0 || before(&head[k], &head[best])))
				best = k;
		if (best < 0)
			break;
		sum_add(&x, sum, run, &head[best]);
		if (out && total < max)
			out[total] = head[best];
		total++;
		has[best] = gen_next(&x, &gens[best], &head[best]);
	}
	for (k = 0; k < OB_KINDS; k++)
		if (run[k] > sum->missed_in_row)
			sum->missed_in_row = run[k];
	return total;
}

/* ---- 严重违反协议 ---- */

static void add_line(struct buf *b, const char *text)
{
	if (b->len)
		buf_addch(b, '\n');
	buf_adds(b, text);
}

/* A record belongs to m when it names m, or names no measure and falls
 * within m's execution. */
static int in_measure(const struct measure *m, int64_t measure_id, int date, int today)
{
	int from = m->start_date ? m->start_date : m->decision_date;
	int to = eq(m->status, "ended") && m->actual_end ? m->actual_end : today;

	if (m->id && measure_id)
		return measure_id == m->id;
	return date >= from && date <= to;
}

static int absence_days(const struct absence *a, int today)
{
	int end = a->end_date ? a->end_date : today;
	return end > a->start_date ? ymd_diff_days(end, a->start_date) : 0;
}

static void absence_line(struct buf *ev, const struct absence *a, int days)
{
	struct buf line = BUF_INIT;
	char d1[11], d2[11];

	ymd_format(a->start_date, d1);
	if (a->end_date) {
		ymd_format(a->end_date, d2);
		buf_addf(&line, _("%s 至 %s 未经批准离开县域 %d 天"), d1, d2, days);
	} else {
		buf_addf(&line, _("%s 起未经批准离开县域，至今 %d 天"), d1, days);
	}
	if (a->destination && *a->destination)
		buf_addf(&line, _("（去向：%s）"), a->destination);
	add_line(ev, line.buf);
	buf_release(&line);
}

/*
 * Days away are counted as nights: leaving on the 1st and coming back on
 * the 31st is 30 days, which does not pass a limit of 30. The evidence
 * lists every refused or evaded test and every unpermitted absence of the
 * measure in the order given, then one line per criterion met.
 */
int obligation_violation(const struct measure *m, const struct drug_test *tests, int ntests,
			 const struct absence *abs, int nabs, const struct policy *p, int today,
			 struct buf *evidence)
{
	int kind = measure_kind_from_key(m->kind);
	int refusals = 0, absences = 0, days = 0, violated = 0, i;
	char d[11];
	struct buf line = BUF_INIT;

	if (kind != MK_COMMUNITY && kind != MK_REHAB)
		return 0;
	for (i = 0; i < ntests; i++) {
		const struct drug_test *t = &tests[i];
		if (!choice_valid(test_refusals, t->result) ||
		    !in_measure(m, t->measure_id, t->date, today))
			continue;
		refusals++;
		ymd_format(t->date, d);
		buf_reset(&line);
		buf_addf(&line, "%s %s：%s", d, label_of(test_methods, t->method),
			 label_of(test_refusals, t->result));
		add_line(evidence, line.buf);
	}
	for (i = 0; i < nabs; i++) {
		const struct absence *a = &abs[i];
		int n;
		if (a->permitted || !in_measure(m, a->measure_id, a->start_date, today))
			continue;
		n = absence_days(a, today);
		absences++;
		days += n;
		absence_line(evidence, a, n);
	}
	buf_reset(&line);
	if (refusals >= p->violation_refusals) {
		buf_setf(&line, _("拒绝或逃避检测 %d 次，达到 %d 次"), refusals,
			 p->violation_refusals);
		add_line(evidence, line.buf);
		violated = 1;
	}
	if (absences >= p->violation_absences) {
		buf_setf(&line, _("未经批准离开县域 %d 次，达到 %d 次"), absences,
			 p->violation_absences);
		add_line(evidence, line.buf);
		violated = 1;
	}
	if (days > p->violation_absence_days) {
		buf_setf(&line, _("未经批准离开县域累计 %d 天，超过 %d 天"), days,
			 p->violation_absence_days);
		add_line(evidence, line.buf);
		violated = 1;
	}
	buf_release(&line);
	return violated;
}

/* ---- 脱管失控 ---- */

/*
 * Only people living in society can be lost: not those in a compulsory
 * treatment or a rehabilitation facility, nor anyone while suspended
 * (detained) or after the end. Being unreachable counts only where visits
 * are due (community treatment and rehabilitation): voluntary patients
 * are tested every few months and never visited.
 */
int obligation_lost(const struct measure *m, const struct obligation_summary *sum, int last_seen,
		    const struct policy *p, int today, struct buf *reason)
{
	int kind = measure_kind_from_key(m->kind), lost = 0;
	int cr = kind == MK_COMMUNITY || kind == MK_REHAB;
	struct buf line = BUF_INIT;
	char d[11];

	if (kind < 0 || kind == MK_COMPULSORY || kind == MK_FACILITY)
		return 0;
	if (cr && eq(m->status, "decided") && m->report_deadline &&
	    today > ymd_add_days(m->report_deadline, p->lost_report_grace_days)) {
		ymd_format(m->report_deadline, d);
		buf_setf(&line, _("报到期限 %s 已过，仍未报到"), d);
		add_line(reason, line.buf);
		lost = 1;
	}
	if (!eq(m->status, "active"))
		goto out;
	if (sum && p->lost_missed_in_row > 0 && sum->missed_in_row >= p->lost_missed_in_row) {
		buf_setf(&line, _("连续 %d 次未按期完成检测、走访或谈话"), sum->missed_in_row);
		add_line(reason, line.buf);
		lost = 1;
	}
	if (cr && p->lost_unreachable_days > 0) {
		/* never seen: count from the report, which is itself a meeting,
		 * or from the day an imported measure's records begin */
		int since = last_seen > m->start_date ? last_seen : m->start_date;
		int gap;
		if (m->records_from > since)
			since = m->records_from;
		gap = since ? ymd_diff_days(today, since) : 0;
		if (gap >= p->lost_unreachable_days) {
			ymd_format(since, d);
			if (last_seen > m->start_date && last_seen == since)
				buf_setf(&line, _("已 %d 天未见到本人（最后一次 %s）"), gap, d);
			else if (m->records_from == since)
				buf_setf(&line, _("自 %s 导入后 %d 天未见到本人"), d, gap);
			else
				buf_setf(&line, _("自 %s 报到后 %d 天未见到本人"), d, gap);
			add_line(reason, line.buf);
			lost = 1;
		}
	}
out:
	buf_release(&line);
	return lost;
}
