/* demo-measures.c - a demo person's measures step by step through the rules of measure.c. */
#include "demo-plan.h"

#include <string.h>

/* ---- one measure ---- */

static void event(struct demo_plan *pl, struct hm *hm, const char *kind, int date,
		  const char *doc, const char *note, int64_t user)
{
	struct measure_event *e;

	if (hm->nev == MAX_EVENTS) {
		demo_problem(pl, kind, "too many events");
		return;
	}
	e = &hm->ev[hm->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->date = date;
	e->doc_no = doc ? doc : "";
	e->note = note ? note : "";
	e->user_id = user;
}

/* The decision itself: who decides, with which document, who does the work. */
static void decision(struct demo_plan *pl, struct measure *m, enum measure_kind kind, int d,
		     int planned_end)
{
	struct demo_history *h = pl->h;

	m->id = pl->nm + 1;
	m->kind = measure_kinds[kind].key;
	m->decision_date = d;
	m->decision_no = "";
	m->authority = h->authority;
	m->division = pl->p->division;
	m->end_reason = "";
	m->note = "";
	if (kind == MK_COMMUNITY || kind == MK_REHAB) {
		m->decision_no =
			demo_doc_no(pl, kind == MK_COMMUNITY ? DOC_COMMUNITY : DOC_REHAB, d);
		m->unit_id = pl->staff->unit;
		m->worker_id = pl->staff->n ? pl->staff->users[rnd(pl, pl->staff->n)] : 0;
	} else if (kind == MK_COMPULSORY) {
		m->decision_no = demo_doc_no(pl, DOC_COMPULSORY, d);
	} else {
		m->authority = arena_printf(pl->a, "%s美沙酮维持治疗门诊", h->c->home.name);
		m->agreement_date = d;
		m->planned_end = planned_end;
		m->note = "自愿戒毒协议";
	}
}

/* Flags raised by day d other than 脱管失控 wait for a decision: this one. */
static void resolve_flags(struct demo_plan *pl, enum measure_kind kind, int d)
{
	size_t k;

	for (k = 0; k < pl->nf; k++) {
		struct control_flag *f = &pl->f[k].f;
		if (!f->resolved_date && strcmp(f->kind, "lost") && f->date <= d) {
			f->resolved_date = d;
			f->resolution = arena_printf(pl->a, "已决定%s", measure_kinds[kind].label);
		}
	}
}

struct hm *demo_decide(struct demo_plan *pl, enum measure_kind kind, int d, int planned_end)
{
	struct measure others[MAX_MEASURES];
	struct buf err = BUF_INIT;
	struct hm *hm;
	int i;

	if (pl->nm == MAX_MEASURES) {
		demo_problem(pl, "decide", "too many measures");
		return NULL;
	}
	hm = &pl->ms[pl->nm];
	memset(hm, 0, sizeof(*hm));
	decision(pl, &hm->m, kind, d, planned_end);
	for (i = 0; i < pl->nm; i++)
		others[i] = pl->ms[i].m;
	if (measure_check_new(&hm->m, pl->p, others, pl->nm, &pl->h->policy, pl->today, &err) < 0) {
		demo_problem(pl, "decide", err.buf);
		buf_release(&err);
		return NULL;
	}
	buf_release(&err);
	pl->nm++;
	resolve_flags(pl, kind, d);
	event(pl, hm, "decide", d, hm->m.decision_no, "",
	      kind == MK_VOLUNTARY ? 0 : pl->h->police_user);
	return hm;
}

int demo_change(struct demo_plan *pl, struct hm *hm, enum measure_action act, int date,
		int days, const char *reason, const char *doc)
{
	struct measure_change c;
	struct buf err = BUF_INIT;
	int police;

	if (!hm)
		return -1;
	memset(&c, 0, sizeof(c));
	c.action = act;
	c.date = date;
	c.days = days;
	c.reason = reason;
	c.doc_no = doc;
	if (measure_apply(&hm->m, &c, &pl->h->policy, pl->today, &err) < 0) {
		demo_problem(pl, measure_actions[act].key, err.buf);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	police = !strcmp(hm->m.kind, "compulsory") || act == MA_END;
	event(pl, hm, measure_actions[act].key, date, doc, reason,
	      police || !hm->m.worker_id ? pl->h->police_user : hm->m.worker_id);
	return 0;
}

/* Most report within days, a few after the deadline (条例 Art 14). */
static int report_day(struct demo_plan *pl, int d, int latest)
{
	int x = rnd(pl, 1000), r;

	if (x < 40)
		r = plus(d, pl->h->policy.report_days + 1 + rnd(pl, 25));
	else if (x < 350)
		r = plus(d, rnd(pl, 3));
	else
		r = plus(d, 1 + rnd(pl, 14));
	return earlier(r, latest);
}

/* The report is also kept as the first meeting (the lost-contact rule
 * counts from the last meeting, which for someone back from compulsory
 * treatment would otherwise be years ago). */
void demo_reported(struct demo_plan *pl, struct hm *hm, int r)
{
	if (demo_change(pl, hm, MA_REPORT, r, 0, NULL, NULL) == 0 && r >= pl->window) {
		demo_add_contact(pl, (int)(hm - pl->ms), "report", r, "met");
		pl->c[pl->nc - 1].note = "报到，签订协议";
	}
}

int demo_report(struct demo_plan *pl, struct hm *hm, int latest)
{
	if (!hm)
		return 0;
	hm->routine = 1;
	if (latest < hm->m.decision_date)
		return 0;
	demo_reported(pl, hm, report_day(pl, hm->m.decision_date, latest));
	return hm->m.start_date;
}

/* A detention of a few days (拘留) inside lo..hi: suspended, then resumed. */
static void detention(struct demo_plan *pl, struct hm *hm, int lo, int hi)
{
	int s, e;

	if (!hm || span(lo, hi) < 40)
		return;
	s = day_in(pl, lo, plus(hi, -20));
	e = plus(s, 5 + rnd(pl, 11));
	if (demo_change(pl, hm, MA_SUSPEND, s, 0, NULL, NULL) == 0 &&
	    demo_change(pl, hm, MA_RESUME, e, 0, NULL, NULL) == 0) {
		hm->idle_from = s;
		hm->idle_to = e;
	}
}

/* Ends a community or rehabilitation measure when its term is over (a
 * detention may come first when the longer term still ends by `by`). */
static int complete(struct demo_plan *pl, struct hm *hm, int by)
{
	const struct policy *pol = &pl->h->policy;
	int end;

	if (!hm || !hm->m.start_date)
		return pl->found;
	end = measure_term_end(&hm->m, pol, pl->today);
	if (chance(pl, 60) && plus(end, 16) <= by) {
		detention(pl, hm, plus(hm->m.start_date, 60), plus(hm->m.start_date, 900));
		end = measure_term_end(&hm->m, pol, pl->today);
	}
	demo_change(pl, hm, MA_END, end, 0, "completed", demo_doc_no(pl, DOC_RELEASE, end));
	return end;
}

void demo_kplan_pick(struct demo_plan *pl, struct kplan *kp)
{
	int x = rnd(pl, 1000);
	kp->early = x < 200 ? pl->h->policy.early_release_min_days + rnd(pl, 200) : 0;
	kp->ext = x >= 200 && x < 280 ? 60 + rnd(pl, 121) : 0;
}

struct hm *demo_compulsory(struct demo_plan *pl, int d, const struct kplan *kp, int release)
{
	struct hm *hm = demo_decide(pl, MK_COMPULSORY, d, 0);
	int hi = earlier(plus(d, 700), pl->until);

	if (!hm)
		return NULL;
	if (kp->ext && hi >= plus(d, 400)) {
		int day = day_in(pl, plus(d, 400), hi);
		demo_change(pl, hm, MA_EXTEND, day, kp->ext, NULL,
			    demo_doc_no(pl, DOC_EXTEND, day));
	}
	if (!release)
		return hm;
	if (kp->early)
		demo_change(pl, hm, MA_EARLY_RELEASE, plus(d, kp->early), 0, NULL,
			    demo_doc_no(pl, DOC_EARLY, plus(d, kp->early)));
	else
		demo_change(pl, hm, MA_END, measure_term_end(&hm->m, &pl->h->policy, pl->today), 0,
			    "completed", NULL);
	return hm;
}

struct hm *demo_voluntary(struct demo_plan *pl, int d, int planned)
{
	int mi = pl->nm;
	struct hm *hm = demo_decide(pl, MK_VOLUNTARY, d, planned);

	if (!hm)
		return NULL;
	hm->routine = 1;
	demo_add_help(pl, mi, "methadone", d, 0, hm->m.authority,
		      arena_printf(pl->a, "美沙酮维持治疗，日均剂量 %d 毫升", 30 + 5 * rnd(pl, 11)));
	return hm;
}

/* ---- treatment before the measure under way ---- */

int demo_community_done(struct demo_plan *pl, int d, int report_by, int by)
{
	struct hm *hm = demo_decide(pl, MK_COMMUNITY, d, 0);

	demo_report(pl, hm, earlier(plus(d, 40), report_by));
	return complete(pl, hm, by);
}

/* 严重违反协议 (条例 Art 20) between r and s: three departures without leave
 * or three refused tests; the flag carries what obligation_violation finds. */
static void violation(struct demo_plan *pl, int mi, int r, int s)
{
	struct buf evidence = BUF_INIT;
	struct hflag *f;
	int seg = span(r, s) / 3, by_absence = chance(pl, 600), k;

	for (k = 0; k < 3; k++) {
		int lo = plus(r, 5 + k * seg), day = day_in(pl, lo, plus(lo, seg - 20));
		if (by_absence)
			demo_add_absence(pl, mi, day, plus(day, 2 + rnd(pl, 5)), 0);
		else
			demo_add_test(pl, mi, day, "urine", k == 1 ? "evaded" : "refused");
	}
	if (!obligation_violation(&pl->ms[mi].m, pl->t, (int)pl->nt, pl->ab, (int)pl->nab,
				  &pl->h->policy, s, &evidence))
		demo_problem(pl, "violation", "not a serious violation");
	f = demo_add_flag(pl, "violation", s,
			  arena_printf(pl->a, "严重违反%s协议", measure_kinds[MK_COMMUNITY].label));
	f->f.evidence = arena_strdup(pl->a, evidence.buf);
	buf_release(&evidence);
}

/* Never reported by s: sought, flagged, found and sent on (条例 Art 14). */
static void never_reported(struct demo_plan *pl, struct hm *hm, int s)
{
	int deadline = hm->m.report_deadline;

	hm->routine = 1;
	if (span(deadline, s) > 5) {
		struct hflag *f = demo_add_flag(pl, "lost", day_in(pl, plus(deadline, 1),
								   plus(s, -3)),
						demo_lost_reason(pl));
		f->f.resolved_date = s;
		f->f.resolution = "已查获，逾期未报到，依法决定强制隔离戒毒";
	}
	demo_change(pl, hm, MA_END, s, 0, "refused", NULL);
}

/* 社区戒毒 decided on d that ends on s in what leads to compulsory treatment
 * (禁毒法 Art 38): refusal to report, a serious violation, or drug use. */
static void community_broken(struct demo_plan *pl, int d, int s)
{
	int x = rnd(pl, 1000), mi = pl->nm, r;
	struct hm *hm = demo_decide(pl, MK_COMMUNITY, d, 0);

	if (!hm)
		return;
	if (x < 120 && span(d, s) >= pl->h->policy.report_days + 10) {
		never_reported(pl, hm, s);
		return;
	}
	r = demo_report(pl, hm, plus(s, -3));
	if (x < 300 && span(r, s) >= 120) {
		violation(pl, mi, r, s);
		demo_change(pl, hm, MA_END, s, 0, "violation", NULL);
		return;
	}
	demo_relapse(pl, mi, day_in(pl, later(plus(r, 1), plus(s, -10)), plus(s, -1)));
	demo_change(pl, hm, MA_END, s, 0, "relapse", NULL);
}

int demo_kr_cycle(struct demo_plan *pl, int d, int report_by, int by)
{
	struct kplan kp;
	struct hm *k, *r;

	demo_kplan_pick(pl, &kp);
	k = demo_compulsory(pl, d, &kp, 1);
	if (!k)
		return d;
	r = demo_decide(pl, MK_REHAB, k->m.actual_end, 0);
	demo_report(pl, r, earlier(plus(k->m.actual_end, 40), report_by));
	return complete(pl, r, by);
}

static int voluntary_done(struct demo_plan *pl, int d)
{
	int planned = ymd_add_months(d, 12 * (1 + rnd(pl, 2))), end = planned;
	struct hm *hm = demo_voluntary(pl, d, planned);

	if (!hm)
		return d;
	if (chance(pl, 200)) {
		end = day_in(pl, plus(d, 90), plus(planned, -30));
		demo_change(pl, hm, MA_END, end, 0, "voluntary_end", NULL);
	} else {
		demo_change(pl, hm, MA_END, end, 0, "completed", NULL);
	}
	pl->as[pl->nas - 1].end_date = end;
	return end;
}

static void after(struct demo_plan *pl, int e, int s, int trigger);

void demo_fill(struct demo_plan *pl, int from, int s, int trigger)
{
	int gap = span(from, s), d = plus(from, 1 + rnd(pl, 6)), e;

	if (gap < 20)
		return;
	if (!pl->pregnant && gap >= KR_FULL + 100 && chance(pl, pl->severe ? 600 : 250))
		e = demo_kr_cycle(pl, d, pl->today, plus(s, -60));
	else if (gap >= C_FULL + 60)
		e = pl->heroin && chance(pl, 120)
			    ? voluntary_done(pl, d)
			    : demo_community_done(pl, d, pl->today, plus(s, -60));
	else {
		if (trigger)
			community_broken(pl, d, s);
		return;
	}
	after(pl, e, s, trigger);
}

/* Clean from day e, back on day s: sometimes a whole relapse cycle between. */
static void after(struct demo_plan *pl, int e, int s, int trigger)
{
	if (!pl->pregnant && span(e, s) >= KR_FULL + 240 && chance(pl, 400)) {
		int x = day_in(pl, plus(e, 90), plus(s, -(KR_FULL + 140)));
		demo_relapse(pl, -1, x);
		after(pl, demo_kr_cycle(pl, plus(x, 1 + rnd(pl, 6)), pl->today, plus(s, -60)), s,
		      trigger);
		return;
	}
	if (trigger)
		demo_relapse(pl, -1, day_in(pl, later(plus(e, 1), plus(s, -8)), plus(s, -1)));
}
