/* measure.c - drug-treatment measures: coded values, terms, and the transitions the law allows. */
#include "measure.h"

#include <string.h>

#include "lib/i18n.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

/* In the order of enum measure_kind: policy arrays are indexed by it. */
const struct choice measure_kinds[] = {
	{ "voluntary", N_("自愿戒毒") },
	{ "community", N_("社区戒毒") },
	{ "compulsory", N_("强制隔离戒毒") },
	{ "rehab", N_("社区康复") },
	{ "facility", N_("戒毒康复场所") },
	{ NULL, NULL }
};

const struct choice measure_statuses[] = {
	{ "decided", N_("待报到") },
	{ "active", N_("执行中") },
	{ "suspended", N_("中止") },
	{ "ended", N_("已结束") },
	{ NULL, NULL }
};

/* In the order of enum measure_action. */
const struct choice measure_actions[] = {
	{ "report", N_("报到") },
	{ "suspend", N_("中止执行") },
	{ "resume", N_("恢复执行") },
	{ "extend", N_("延长") },
	{ "early_release", N_("提前解除") },
	{ "end", N_("结束") },
	{ NULL, NULL }
};

const struct choice measure_end_reasons[] = {
	{ "completed", N_("期满解除") },
	{ "early_release", N_("提前解除") },
	{ "refused", N_("拒绝报到或拒不执行") },
	{ "violation", N_("严重违反协议") },
	{ "relapse", N_("复吸") },
	{ "imprisoned", N_("服刑") },
	{ "compulsory_education", N_("强制性教育措施") },
	{ "converted", N_("转为其他措施") },
	{ "medical", N_("所外就医变更为社区戒毒") },
	{ "death", N_("死亡") },
	{ "voluntary_end", N_("自愿终止") },
	{ "transfer_out", N_("迁出本辖区执行") },
	{ NULL, NULL }
};

enum status { ST_DECIDED, ST_ACTIVE, ST_SUSPENDED, ST_ENDED };

#define K(k) (1u << (k))
#define K_ALL (K(MK_COUNT) - 1)
#define K_CR (K(MK_COMMUNITY) | K(MK_REHAB))
#define S(s) (1u << (s))
#define S_LIVE (S(ST_DECIDED) | S(ST_ACTIVE) | S(ST_SUSPENDED))
#define S_RUNNING (S(ST_ACTIVE) | S(ST_SUSPENDED))

/*
 * Which end reason fits which kind, from which status. Notable rules:
 * imprisonment and compulsory education end a measure while detention and
 * arrest only suspend it (条例 Art 24); refusal and serious violation concern
 * the agreement of 社区戒毒/社区康复 (条例 Arts 14, 20); 所外就医 changes a
 * compulsory measure into community treatment (条例 Art 31); "completed" of
 * community and compulsory treatment is checked against the term's end.
 */
static const struct {
	const char *key;
	unsigned kinds, from;
} end_rules[] = {
	{ "completed", K_ALL, S(ST_ACTIVE) },
	{ "early_release", K(MK_COMPULSORY), S_RUNNING },
	{ "refused", K_CR, S(ST_DECIDED) | S(ST_ACTIVE) },
	{ "violation", K_CR, S_RUNNING },
	{ "relapse", K_ALL, S_LIVE },
	{ "imprisoned", K_ALL, S_LIVE },
	{ "compulsory_education", K_ALL, S_LIVE },
	{ "converted", K_ALL, S_LIVE },
	{ "medical", K(MK_COMPULSORY), S_RUNNING },
	{ "death", K_ALL, S_LIVE },
	{ "voluntary_end", K(MK_VOLUNTARY) | K(MK_FACILITY), S_RUNNING },
	{ "transfer_out", K_CR | K(MK_VOLUNTARY), S_LIVE },
};

int measure_kind_from_key(const char *key)
{
	int i;
	for (i = 0; key && measure_kinds[i].key; i++)
		if (!strcmp(measure_kinds[i].key, key))
			return i;
	return -1;
}

static int status_of(const char *key)
{
	int i;
	for (i = 0; key && measure_statuses[i].key; i++)
		if (!strcmp(measure_statuses[i].key, key))
			return i;
	return -1;
}

static int is_cr(int kind)
{
	return kind == MK_COMMUNITY || kind == MK_REHAB;
}

static int term_years(int kind, const struct policy *p)
{
	switch (kind) {
	case MK_COMMUNITY:
		return p->community_years;
	case MK_COMPULSORY:
		return p->compulsory_years;
	case MK_REHAB:
		return p->rehab_years;
	default:
		return 0;
	}
}

/* The day the term counts from: the decision for compulsory treatment
 * (禁毒法 Art 47), the report for community treatment and rehabilitation
 * (条例 Art 14), the start for the others. */
static int term_base(const struct measure *m, int kind)
{
	if (kind == MK_COMPULSORY)
		return m->decision_date;
	if (is_cr(kind))
		return m->start_date;
	return m->start_date ? m->start_date : m->decision_date;
}

/*
 * The term ends on the same calendar day `years` later (ymd_add_months, so
 * a term from 29 February ends on 28 February), moved on by the days spent
 * suspended and by any extension: that day is the first day outside the
 * term, when it is complete. Voluntary treatment and facility stays end
 * when their agreement says (planned_end as given).
 */
int measure_term_end(const struct measure *m, const struct policy *p, int today)
{
	int kind = measure_kind_from_key(m->kind), base, end;

	if (kind < 0)
		return 0;
	if (kind == MK_VOLUNTARY || kind == MK_FACILITY)
		return m->planned_end;
	base = term_base(m, kind);
	if (!base)
		return 0;
	end = ymd_add_months(base, 12 * term_years(kind, p));
	end = ymd_add_days(end, m->suspended_days + m->extended_days);
	if (status_of(m->status) == ST_SUSPENDED && m->suspended_since &&
	    today > m->suspended_since)
		end = ymd_add_days(end, ymd_diff_days(today, m->suspended_since));
	return end;
}

int measure_year(const struct measure *m, int today)
{
	int kind = measure_kind_from_key(m->kind);
	int base = m->start_date ? m->start_date : (kind == MK_COMPULSORY ? m->decision_date : 0);
	int y = 1;

	if (!base || today < base)
		return 1;
	while (y < 200 && ymd_add_months(base, 12 * y) <= today)
		y++;
	return y;
}

static void refresh_planned_end(struct measure *m, int kind, const struct policy *p)
{
	if (kind != MK_VOLUNTARY && kind != MK_FACILITY)
		m->planned_end = measure_term_end(m, p, 0);
}

void measure_plan(struct measure *m, const struct policy *p)
{
	int kind = measure_kind_from_key(m->kind);

	if (kind < 0)
		return;
	if (is_cr(kind)) {
		m->report_deadline = ymd_add_days(m->decision_date, p->report_days);
		m->status = m->start_date ? "active" : "decided";
	} else {
		m->report_deadline = 0;
		if (!m->start_date)
			m->start_date = m->decision_date;
		m->status = "active";
	}
	refresh_planned_end(m, kind, p);
}

/* ---- transitions ---- */

static const char *fmt_date(int ymd, char out[11])
{
	ymd_format(ymd, out);
	return out;
}

static const char *kind_label(int kind)
{
	return _(measure_kinds[kind].label);
}

/* Folds a suspension still running into suspended_days and ends the measure. */
static void finish(struct measure *n, const char *reason, int date)
{
	if (status_of(n->status) == ST_SUSPENDED && n->suspended_since) {
		if (date > n->suspended_since)
			n->suspended_days += ymd_diff_days(date, n->suspended_since);
		n->suspended_since = 0;
	}
	n->status = "ended";
	n->end_reason = reason;
	n->actual_end = date;
}

static int check_date(const struct measure *m, const struct measure_change *c, int today,
		      struct buf *err)
{
	char d1[11], d2[11];

	if (!date_valid(c->date / 10000, c->date / 100 % 100, c->date % 100)) {
		buf_setf(err, _("请填写有效的日期"));
		return -1;
	}
	if (c->date > today) {
		buf_setf(err, _("日期 %s 晚于今天"), fmt_date(c->date, d1));
		return -1;
	}
	if (m->decision_date && c->date < m->decision_date) {
		buf_setf(err, _("日期 %s 早于决定日期 %s"), fmt_date(c->date, d1),
			 fmt_date(m->decision_date, d2));
		return -1;
	}
	if (m->start_date && c->date < m->start_date) {
		buf_setf(err, _("日期 %s 早于开始执行日期 %s"), fmt_date(c->date, d1),
			 fmt_date(m->start_date, d2));
		return -1;
	}
	return 0;
}

/* 报到: the term of community treatment or rehabilitation starts. A report
 * after the deadline is still recorded; whether it counts as refusal is
 * for the police to decide (条例 Art 14: "without good reason"). */
static int do_report(struct measure *n, int kind, int st, const struct measure_change *c,
		     const struct policy *p, struct buf *err)
{
	char d[11];

	if (!is_cr(kind)) {
		buf_setf(err, _("只有社区戒毒和社区康复需要报到"));
		return -1;
	}
	if (st != ST_DECIDED) {
		buf_setf(err, _("已于 %s 报到，不能重复报到"), fmt_date(n->start_date, d));
		return -1;
	}
	n->start_date = c->date;
	if (!n->agreement_date)
		n->agreement_date = c->date;
	n->status = "active";
	refresh_planned_end(n, kind, p);
	return 0;
}

static int do_suspend(struct measure *n, int st, const struct measure_change *c, struct buf *err)
{
	char d[11];

	if (st == ST_SUSPENDED) {
		buf_setf(err, _("该措施已于 %s 中止执行"), fmt_date(n->suspended_since, d));
		return -1;
	}
	if (st != ST_ACTIVE) {
		buf_setf(err, _("尚未报到的措施不能中止执行"));
		return -1;
	}
	n->status = "suspended";
	n->suspended_since = c->date;
	return 0;
}

static int do_resume(struct measure *n, int kind, int st, const struct measure_change *c,
		     const struct policy *p, struct buf *err)
{
	char d[11];

	if (st != ST_SUSPENDED) {
		buf_setf(err, _("该措施没有中止，不需要恢复执行"));
		return -1;
	}
	if (c->date < n->suspended_since) {
		buf_setf(err, _("恢复执行日期早于中止日期 %s"), fmt_date(n->suspended_since, d));
		return -1;
	}
	n->suspended_days += ymd_diff_days(c->date, n->suspended_since);
	n->suspended_since = 0;
	n->status = "active";
	refresh_planned_end(n, kind, p);
	return 0;
}

static int do_extend(struct measure *n, int kind, int st, const struct measure_change *c,
		     const struct policy *p, struct buf *err)
{
	char d[11];
	int end;

	if (kind != MK_COMPULSORY) {
		buf_setf(err, _("只有强制隔离戒毒可以延长期限"));
		return -1;
	}
	if (st != ST_ACTIVE) {
		buf_setf(err, _("中止执行期间不能延长期限"));
		return -1;
	}
	if (c->days <= 0) {
		buf_setf(err, _("延长天数应大于0"));
		return -1;
	}
	if (c->days > p->extension_max_days - n->extended_days) {
		buf_setf(err, _("延长期限累计不能超过 %d 天（已延长 %d 天）"),
			 p->extension_max_days, n->extended_days);
		return -1;
	}
	end = measure_term_end(n, p, c->date);
	if (c->date >= end) {
		buf_setf(err, _("强制隔离戒毒期限已于 %s 届满，不能再延长"), fmt_date(end, d));
		return -1;
	}
	n->extended_days += c->days;
	refresh_planned_end(n, kind, p);
	return 0;
}

/* 条例 Art 33: early release after a diagnostic assessment, at the earliest
 * early_release_min_days after the decision. */
static int do_early_release(struct measure *n, int kind, int st, const struct measure_change *c,
			    const struct policy *p, struct buf *err)
{
	char d[11];
	int base, first;

	if (kind != MK_COMPULSORY) {
		buf_setf(err, _("只有强制隔离戒毒可以提前解除"));
		return -1;
	}
	if (st != ST_ACTIVE && st != ST_SUSPENDED) {
		buf_setf(err, _("该措施不在执行中，不能提前解除"));
		return -1;
	}
	base = n->start_date ? n->start_date : n->decision_date;
	first = ymd_add_days(base, p->early_release_min_days);
	if (c->date < first) {
		buf_setf(err, _("强制隔离戒毒执行未满 %d 天，不能提前解除（最早 %s）"),
			 p->early_release_min_days, fmt_date(first, d));
		return -1;
	}
	finish(n, "early_release", c->date);
	return 0;
}

static int do_end(struct measure *n, int kind, int st, const struct measure_change *c,
		  const struct policy *p, struct buf *err)
{
	const struct choice *r = choice_find(measure_end_reasons, c->reason);
	char d[11];
	size_t i;

	if (!c->reason || !*c->reason) {
		buf_setf(err, _("请选择结束原因"));
		return -1;
	}
	if (!r) {
		buf_setf(err, _("未知的结束原因“%s”"), c->reason);
		return -1;
	}
	if (!strcmp(r->key, "early_release"))
		return do_early_release(n, kind, st, c, p, err);
	for (i = 0; i < ARRAY_SIZE(end_rules) && strcmp(end_rules[i].key, r->key); i++)
		;
	if (i == ARRAY_SIZE(end_rules) || !(end_rules[i].kinds & K(kind))) {
		buf_setf(err, _("“%s”不适用于%s"), _(r->label), kind_label(kind));
		return -1;
	}
	if (!(end_rules[i].from & S(st))) {
		if (st == ST_DECIDED)
			buf_setf(err, _("尚未报到，不能以“%s”结束"), _(r->label));
		else
			buf_setf(err, _("中止执行期间不能以“%s”结束，请先恢复执行"), _(r->label));
		return -1;
	}
	if (!strcmp(r->key, "completed") && (kind == MK_COMMUNITY || kind == MK_COMPULSORY)) {
		int end = measure_term_end(n, p, c->date);
		if (c->date < end) {
			buf_setf(err, _("%s期限至 %s 届满，此前不能期满解除"), kind_label(kind),
				 fmt_date(end, d));
			return -1;
		}
	}
	finish(n, r->key, c->date);
	return 0;
}

int measure_apply(struct measure *m, const struct measure_change *c, const struct policy *p,
		  int today, struct buf *err)
{
	struct measure n = *m;
	int kind = measure_kind_from_key(m->kind), st = status_of(m->status), ret;
	const char *reason;

	if (kind < 0 || st < 0) {
		buf_setf(err, _("措施类型或状态无效"));
		return -1;
	}
	if (st == ST_ENDED) {
		reason = m->end_reason && *m->end_reason ?
				 _(choice_label(measure_end_reasons, m->end_reason)) : "";
		buf_setf(err, _("该措施已结束（%s），不能再变更"), reason);
		return -1;
	}
	if (check_date(m, c, today, err) < 0)
		return -1;
	switch (c->action) {
	case MA_REPORT:
		ret = do_report(&n, kind, st, c, p, err);
		break;
	case MA_SUSPEND:
		ret = do_suspend(&n, st, c, err);
		break;
	case MA_RESUME:
		ret = do_resume(&n, kind, st, c, p, err);
		break;
	case MA_EXTEND:
		ret = do_extend(&n, kind, st, c, p, err);
		break;
	case MA_EARLY_RELEASE:
		ret = do_early_release(&n, kind, st, c, p, err);
		break;
	case MA_END:
		ret = do_end(&n, kind, st, c, p, err);
		break;
	default:
		buf_setf(err, _("未知的操作"));
		ret = -1;
	}
	if (!ret)
		*m = n;
	return ret;
}

/* ---- new measures ---- */

static int in_set(const char *set, const char *key)
{
	size_t len = strlen(key);
	const char *s = set;
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == len && !strncmp(s, key, len))
			return 1;
		s = comma ? comma + 1 : NULL;
	}
	return 0;
}

static int is_open(const struct measure *o)
{
	int st = status_of(o->status);
	return st == ST_DECIDED || st == ST_ACTIVE || st == ST_SUSPENDED;
}

/* A compulsory measure that ended by completion or early release, decided
 * no later than the rehabilitation (禁毒法 Art 48). */
static int follows_compulsory(const struct measure *m, const struct measure *others, int n)
{
	int i;
	for (i = 0; i < n; i++) {
		const struct measure *o = &others[i];
		if (measure_kind_from_key(o->kind) == MK_COMPULSORY &&
		    status_of(o->status) == ST_ENDED && o->end_reason &&
		    (!strcmp(o->end_reason, "completed") ||
		     !strcmp(o->end_reason, "early_release")) &&
		    o->decision_date <= m->decision_date)
			return 1;
	}
	return 0;
}

int measure_check_new(struct measure *m, const struct person *pe, const struct measure *others,
		      int nothers, const struct policy *p, int today, struct buf *err)
{
	int kind = measure_kind_from_key(m->kind), d = m->decision_date, i;
	char d1[11];

	if (kind < 0) {
		buf_setf(err, _("请选择戒毒措施类型"));
		return -1;
	}
	if (!date_valid(d / 10000, d / 100 % 100, d % 100)) {
		buf_setf(err, _("请填写有效的决定日期"));
		return -1;
	}
	if (d > today) {
		buf_setf(err, _("决定日期不能晚于今天"));
		return -1;
	}
	if (pe && pe->birth_date && d < pe->birth_date) {
		buf_setf(err, _("决定日期早于出生日期"));
		return -1;
	}
	for (i = 0; i < nothers; i++) {
		const struct measure *o = &others[i];
		int ok = measure_kind_from_key(o->kind);
		if (o == m || (m->id && o->id == m->id))
			continue;
		if ((is_cr(ok) || ok == MK_COMPULSORY) && is_open(o)) {
			buf_setf(err, _("该人员已有未结束的%s（%s 决定），请先结束该措施"),
				 kind_label(ok), fmt_date(o->decision_date, d1));
			return -1;
		}
	}
	if (kind == MK_COMPULSORY && pe && in_set(pe->special_status, "pregnant")) {
		buf_setf(err, _("怀孕或者正在哺乳自己不满一周岁婴儿的妇女不适用强制隔离戒毒"));
		return -1;
	}
	if (kind == MK_REHAB && !follows_compulsory(m, others, nothers)) {
		buf_setf(err, _("社区康复应在强制隔离戒毒期满或提前解除后决定"));
		return -1;
	}
	measure_plan(m, p);
	/* 禁毒法 Art 39: may be waived for people under 16 */
	if (kind == MK_COMPULSORY && pe && pe->birth_date && (d - pe->birth_date) / 10000 < 16) {
		buf_setf(err, _("该人员决定时未满16周岁，可以不适用强制隔离戒毒"));
		return 1;
	}
	return 0;
}

/* ---- the three-years-clean clock ---- */

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/*
 * Every measure moves the clock's start to the latest of: the start of
 * execution of community treatment or rehabilitation, the release from
 * any other measure. A refused or seriously violated community measure
 * stops the clock from its end; only a later measure starts it again.
 * Anything still under way in a facility, or a community measure waiting
 * for the report, keeps it stopped.
 */
int measure_clean_since(const struct person *pe, const struct measure *ms, int n,
			int last_relapse, const struct policy *p, int *done_on)
{
	int start = 0, stop = 0, any = 0, i;

	if (done_on)
		*done_on = 0;
	for (i = 0; i < n; i++) {
		const struct measure *m = &ms[i];
		int kind = measure_kind_from_key(m->kind), st = status_of(m->status);
		if (kind < 0 || st < 0)
			continue;
		any = 1;
		if (is_cr(kind)) {
			if (st == ST_ENDED && m->end_reason &&
			    (!strcmp(m->end_reason, "refused") ||
			     !strcmp(m->end_reason, "violation"))) {
				stop = max_int(stop, m->actual_end ? m->actual_end
								   : m->decision_date);
				continue;
			}
			if (!m->start_date) {
				if (st != ST_ENDED)
					return 0;
				continue;
			}
			start = max_int(start, m->start_date);
		} else {
			if (st != ST_ENDED)
				return 0;
			start = max_int(start, m->actual_end);
		}
	}
	if (!any && pe && (!pe->addiction || !*pe->addiction || !strcmp(pe->addiction, "use")))
		start = pe->first_found_date;
	if (!start || stop >= start)
		return 0;
	if (last_relapse > start)
		start = last_relapse;
	if (done_on)
		*done_on = measure_clean_done(start, p);
	return start;
}

int measure_clean_done(int clean_since, const struct policy *p)
{
	return clean_since ? ymd_add_months(clean_since, 12 * p->clean_years) : 0;
}
