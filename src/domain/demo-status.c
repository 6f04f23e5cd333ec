/* demo-status.c - the measures that lead a demo person to their control status. */
#include "demo-plan.h"

#include <string.h>

/* ---- the measure under way on day D ---- */

/* First-time community treatment; for a pregnant woman found long ago (no
 * compulsory treatment, 禁毒法 Art 39), community treatment again. */
static struct hm *open_community(struct demo_plan *pl, int D)
{
	int d, latest = earlier(pl->report_by, D);
	struct hm *hm;

	if (span(pl->found, D) < C_OPEN) {
		d = earlier(plus(pl->found, 1 + rnd(pl, 7)), D);
	} else {
		d = day_in(pl, plus(D, -(C_OPEN - 40)), plus(D, -20));
		demo_fill(pl, pl->found, d, 1);
	}
	hm = demo_decide(pl, MK_COMMUNITY, d, 0);
	if (!hm)
		return NULL;
	hm->routine = 1;
	/* decided lately: some have not reported yet */
	if (latest == D && span(d, D) <= pl->h->policy.report_days && chance(pl, 500))
		return hm;
	demo_report(pl, hm, latest);
	return hm;
}

static struct hm *open_compulsory(struct demo_plan *pl, int D)
{
	int lo = later(pl->found, plus(D, -700)), dk;
	struct kplan kp = { 0, 0 };

	/* Only the severely addicted go straight to compulsory treatment. */
	if (!pl->severe)
		lo = later(lo, plus(pl->found, 30));
	if (lo > D)
		return NULL;
	dk = day_in(pl, lo, D);
	if (span(pl->found, dk) < 20)
		dk = earlier(plus(pl->found, rnd(pl, 8)), D);
	else
		demo_fill(pl, pl->found, dk, 1);
	if (span(dk, D) > 420 && chance(pl, 100))
		kp.ext = 60 + rnd(pl, 121);
	return demo_compulsory(pl, dk, &kp, 0);
}

static struct hm *open_rehab(struct demo_plan *pl, int D)
{
	struct kplan kp;
	struct hm *k, *hm;
	int ro = 1 + rnd(pl, 12), klen, lo, hi, dk;

	demo_kplan_pick(pl, &kp);
	klen = kp.early ? kp.early : 731 + kp.ext;
	lo = later(plus(D, -1080), plus(pl->found, klen + ro + (pl->severe ? 0 : 30)));
	hi = plus(earlier(D, pl->report_by), -3);
	if (lo > hi)
		return NULL;
	dk = plus(day_in(pl, lo, hi), -(klen + ro));
	if (span(pl->found, dk) >= 20)
		demo_fill(pl, pl->found, dk, 1);
	k = demo_compulsory(pl, dk, &kp, 1);
	if (!k)
		return NULL;
	hm = demo_decide(pl, MK_REHAB, k->m.actual_end, 0);
	if (hm && plus(k->m.actual_end, ro) <= D)
		demo_reported(pl, hm, plus(k->m.actual_end, ro));
	if (hm)
		hm->routine = 1;
	return hm;
}

static struct hm *open_voluntary(struct demo_plan *pl, int D)
{
	int d, planned;

	if (span(pl->found, D) < C_FULL + 100) {
		d = earlier(plus(pl->found, 1 + rnd(pl, 7)), D);
	} else {
		d = day_in(pl, later(plus(pl->found, C_FULL + 60), plus(D, -1000)), plus(D, -15));
		demo_fill(pl, pl->found, d, 0);
	}
	planned = ymd_add_months(d, 12 * (1 + rnd(pl, 3)));
	while (planned <= plus(D, 30))
		planned = ymd_add_months(planned, 12);
	return demo_voluntary(pl, d, planned);
}

/* A measure under way on D: community treatment for those found lately,
 * rehabilitation after compulsory treatment for relapsers, methadone for
 * some heroin users, compulsory treatment where allowed. */
static struct hm *open_any(struct demo_plan *pl, int D, int allow_k, int allow_v)
{
	int age = span(pl->found, D);
	struct hm *hm = NULL;

	if (pl->pregnant)
		return open_community(pl, D);
	if (allow_v && pl->heroin && chance(pl, age < C_OPEN ? 120 : 200))
		return open_voluntary(pl, D);
	if (allow_k && chance(pl, pl->severe ? 350 : 120))
		hm = open_compulsory(pl, D);
	else if (age >= C_OPEN)
		hm = open_rehab(pl, D);
	return hm ? hm : open_community(pl, D);
}

/* ---- what the status asks for ---- */

/* All measures over and the clean clock (DOMAIN.md §3) run out by today. */
static int clean(struct demo_plan *pl)
{
	int limit = ymd_add_months(pl->today, -12 * pl->h->policy.clean_years);
	int slack = span(pl->found, limit), d, e, x;

	if (slack < 0)
		return -1;
	d = plus(pl->found, earlier(1 + rnd(pl, 7), slack));
	if (!pl->pregnant && slack >= C_FULL + K_MAX + 150 && chance(pl, 300)) {
		e = demo_community_done(pl, d, limit, plus(limit, -(K_MAX + 100)));
		x = day_in(pl, plus(e, 60), plus(limit, -(K_MAX + 30)));
		demo_relapse(pl, -1, x);
		demo_kr_cycle(pl, plus(x, 1 + rnd(pl, 6)), limit, pl->today);
	} else if (!pl->pregnant && pl->severe && slack >= K_MAX + 20 && chance(pl, 500)) {
		demo_kr_cycle(pl, d, limit, pl->today);
	} else {
		demo_community_done(pl, d, limit, pl->today);
	}
	return 0;
}

static void detained(struct demo_plan *pl)
{
	int T = pl->today, s;
	struct hm *hm;

	pl->report_by = plus(T, -6);
	hm = open_any(pl, T, 0, 0);
	if (!hm || !hm->m.start_date) {
		demo_problem(pl, "detained", "no measure to suspend");
		return;
	}
	s = chance(pl, 700) ? plus(T, -(1 + rnd(pl, 14))) : plus(T, -(15 + rnd(pl, 76)));
	demo_change(pl, hm, MA_SUSPEND, later(s, plus(hm->m.start_date, 3)), 0, NULL, NULL);
}

static void imprisoned(struct demo_plan *pl)
{
	int T = pl->today, age = span(pl->found, T), D, s;
	struct hm *hm;

	D = age < 30 ? T : plus(T, -rnd(pl, earlier(age - 30, 1200)));
	pl->report_by = D;
	hm = open_any(pl, D, 1, 1);
	if (!hm)
		return;
	s = hm->m.start_date;
	if (s && !strcmp(hm->m.status, "active") && span(s, D) >= 25 &&
	    strcmp(hm->m.kind, "compulsory") && strcmp(hm->m.kind, "voluntary"))
		demo_change(pl, hm, MA_SUSPEND,
			    day_in(pl, later(plus(s, 5), plus(D, -150)), plus(D, -10)), 0, NULL,
			    NULL);
	demo_change(pl, hm, MA_END, D, 0, "imprisoned", NULL);
}

/* Decided lately and never reported: sought in vain since the deadline. */
static void lost_unreported(struct demo_plan *pl)
{
	int T = pl->today;
	struct hm *hm;
	char d[11];

	pl->report_by = 0;
	hm = open_community(pl, T);
	if (!hm)
		return;
	ymd_format(hm->m.report_deadline, d);
	demo_add_flag(pl, "lost",
		      day_in(pl, plus(hm->m.report_deadline, 1),
			     earlier(plus(hm->m.report_deadline, 30), T)),
		      arena_printf(pl->a, "报到期限 %s 已过，仍未报到，经查找下落不明", d));
}

/* 脱管失控: never reported, or gone from some day; an open flag raised by the
 * township (control_refresh withdraws only flags it raised itself). */
static void lost(struct demo_plan *pl)
{
	int T = pl->today, age = span(pl->found, T), q, k, n;
	struct hm *hm;

	if (age < C_OPEN && age >= 25 && chance(pl, 250)) {
		lost_unreported(pl);
		return;
	}
	hm = open_any(pl, T, 0, 0);
	if (!hm)
		return;
	q = hm->m.start_date ? hm->m.start_date : hm->m.decision_date;
	q = earlier(day_in(pl, later(plus(q, 20), plus(T, -420)), plus(T, -45)), T);
	hm->quiet_from = q;
	k = day_in(pl, earlier(plus(q, 30), T), earlier(plus(q, 75), T));
	demo_add_flag(pl, "lost", k, demo_lost_reason(pl));
	for (n = 1 + rnd(pl, 3); n > 0; n--)
		demo_add_contact(pl, (int)(hm - pl->ms), n == 1 ? "talk" : "visit",
				 day_in(pl, q, T), n == 1 ? "unreachable" : "not_found");
}

void demo_plan_addicted(struct demo_plan *pl)
{
	const char *st = pl->p->control_status;
	int T = pl->today;
	struct hm *hm;

	pl->report_by = T;
	if (!strcmp(st, "clean3y")) {
		if (clean(pl) < 0) {
			pl->want = "in_control";
			open_any(pl, T, 0, 1);
		}
	} else if (!strcmp(st, "dead")) {
		pl->report_by = pl->until;
		hm = open_any(pl, pl->until, 1, 1);
		demo_change(pl, hm, MA_END, pl->until, 0, "death", NULL);
	} else if (!strcmp(st, "imprisoned")) {
		imprisoned(pl);
	} else if (!strcmp(st, "compulsory")) {
		if (!open_compulsory(pl, T)) {
			pl->want = "in_control";
			open_community(pl, T);
		}
	} else if (!strcmp(st, "detained")) {
		/* found in the last weeks: held before any measure is decided */
		if (span(pl->found, T) >= 25)
			detained(pl);
	} else if (!strcmp(st, "lost")) {
		lost(pl);
	} else if (strcmp(st, "abroad")) {
		open_any(pl, T, 0, 1);
	}
}

void demo_plan_user(struct demo_plan *pl)
{
	const char *st = pl->p->control_status;
	int T = pl->today, three = ymd_add_months(T, -36), lo, n, again;
	struct hflag *f;

	lo = later(plus(pl->found, 30), pl->window);
	for (n = rnd(pl, 3); n > 0 && lo < pl->until; n--)
		demo_add_test(pl, -1, day_in(pl, lo, pl->until), "urine", "negative");
	if (!strcmp(st, "in_control") && pl->found < three) {
		/* still under control: caught again in the last three years */
		again = day_in(pl, later(plus(pl->found, 60), plus(three, 30)), plus(T, -5));
		f = demo_relapse(pl, -1, again);
		f->f.resolved_date = earlier(plus(f->f.date, 1 + rnd(pl, 10)), T);
		f->f.resolution = "经认定未成瘾，已依法给予治安管理处罚";
	} else if (!strcmp(st, "lost")) {
		demo_add_flag(pl, "lost", day_in(pl, earlier(plus(pl->found, 30), T), T),
			      demo_lost_reason(pl));
	}
}
