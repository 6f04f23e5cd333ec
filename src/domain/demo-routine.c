/* demo-routine.c - a demo person's tests, visits, talks and reports along the obligations. */
#include "demo-plan.h"

#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "lib/xalloc.h"

/* A day in lo..hi, more often towards hi: work gets done before it falls
 * due (half of it in the last quarter of the period). */
static int late_day(struct demo_plan *pl, int lo, int hi)
{
	long long n = span(lo, hi), x = rnd(pl, 1000);
	return n <= 0 ? lo : plus(lo, (int)(n - n * x * x / 1000000));
}

/* The risk level control_refresh will find, from the same facts. */
static void assess(struct demo_plan *pl)
{
	struct measure ms[MAX_MEASURES];
	struct risk_input in;
	struct risk_result rr;
	struct control_flag *flags;
	int last_relapse = 0, i;
	size_t k;

	flags = xcalloc(pl->nf + 1, sizeof(*flags));
	for (k = 0; k < pl->nf; k++)
		flags[k] = pl->f[k].f;
	control_risk_input(pl->p, flags, (int)pl->nf, pl->t, (int)pl->nt, pl->today, &in,
			   &last_relapse);
	free(flags);
	for (i = 0; i < pl->nm; i++)
		ms[i] = pl->ms[i].m;
	in.clean_since = measure_clean_since(pl->p, ms, pl->nm, last_relapse, &pl->h->policy, NULL);
	risk_assess(&in, &pl->h->policy, &rr);
	pl->risk = rr.level;
}

int demo_last_day(const struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	int last = pl->until;

	if (hm->m.actual_end)
		last = earlier(last, hm->m.actual_end);
	if (hm->m.suspended_since)
		last = earlier(last, plus(hm->m.suspended_since, -1));
	if (hm->quiet_from)
		last = earlier(last, plus(hm->quiet_from, -1));
	return last;
}

/* 1 when the person is neither held nor away on day. */
static int is_free(const struct demo_plan *pl, int mi, int day)
{
	const struct hm *hm = &pl->ms[mi];
	size_t k;

	if (hm->idle_from && day >= hm->idle_from && day < hm->idle_to)
		return 0;
	for (k = 0; k < pl->nab; k++)
		if (day >= pl->ab[k].start_date && day <= pl->ab[k].end_date)
			return 0;
	return 1;
}

/* day when the person is there, else the nearest such day after it up to
 * hi, else before it down to lo; 0 when there is none. */
static int free_day(const struct demo_plan *pl, int mi, int day, int lo, int hi)
{
	int d;

	for (d = day; d <= hi; d = plus(d, 1))
		if (is_free(pl, mi, d))
			return d;
	for (d = plus(earlier(day, plus(hi, 1)), -1); d >= lo; d = plus(d, -1))
		if (is_free(pl, mi, d))
			return d;
	return 0;
}

/* ---- slips: what is left undone ---- */

/* The measure under way, when it has routine obligations and is running. */
static int running(const struct demo_plan *pl)
{
	const struct hm *hm = pl->cur >= 0 ? &pl->ms[pl->cur] : NULL;
	return hm && hm->routine && !strcmp(hm->m.status, "active") && !hm->quiet_from;
}

/* About one in ten running measures has let something slip lately (the
 * worklist's overdue rows); a few others have refused a test this year. */
static void plan_slips(struct demo_plan *pl)
{
	int T = pl->today, start, k;

	pl->sloppy = rnd(pl, 40);
	if (!running(pl) || strcmp(pl->want, "in_control"))
		return;
	start = pl->ms[pl->cur].m.start_date;
	if (span(start, T) < 100)
		return;
	if (chance(pl, 90)) {
		pl->miss_kinds = 1 << (OB_TEST + rnd(pl, 3));
		if (chance(pl, 350))
			pl->miss_kinds |= 1 << (OB_TEST + rnd(pl, 3));
		pl->miss_periods = 1 + chance(pl, 300);
		return;
	}
	if (!chance(pl, 90) || strcmp(pl->ms[pl->cur].m.kind, "voluntary") == 0)
		return;
	pl->nrefusals = 1 + chance(pl, 200);
	for (k = 0; k < pl->nrefusals; k++) {
		pl->refusal[k] = day_in(pl, later(plus(start, 10), plus(T, -360)), plus(T, -5));
		demo_add_test(pl, pl->cur, pl->refusal[k], "urine",
			      chance(pl, 700) ? "refused" : "evaded");
	}
}

/* For the measure under way: where the recent slip begins, per kind. */
static void slip_from(struct demo_plan *pl, const struct obligation *ob, int n)
{
	int k, i, seen;

	for (k = OB_TEST; k < OB_KINDS; k++) {
		pl->miss_from[k] = 0;
		if (!(pl->miss_kinds & (1 << k)))
			continue;
		for (i = n - 1, seen = 0; i >= 0; i--) {
			if (ob[i].kind != (enum obligation_kind)k)
				continue;
			if (seen++ == pl->miss_periods) {
				pl->miss_from[k] = ob[i].period_start;
				break;
			}
		}
	}
}

/* A refused test planned in from..to, or 0. */
static int refusal_in(const struct demo_plan *pl, int mi, int from, int to)
{
	int k;
	for (k = 0; mi == pl->cur && k < pl->nrefusals; k++)
		if (pl->refusal[k] >= from && pl->refusal[k] <= to)
			return pl->refusal[k];
	return 0;
}

/* ---- the obligations, period by period ---- */

/* The record that meets obligation kind k on day (up to hi). */
static void emit(struct demo_plan *pl, int mi, int k, int day, int hi)
{
	if (k == OB_TEST) {
		int hair = measure_year(&pl->ms[mi].m, day) > 1 && chance(pl, 150);
		demo_add_test(pl, mi, day, hair ? "hair" : "urine", "negative");
		return;
	}
	if (k == OB_VISIT && chance(pl, 60)) {
		/* not at home: found a few days later */
		int again = free_day(pl, mi, plus(day, 1 + rnd(pl, 3)), plus(day, 1), hi);
		if (again) {
			demo_add_contact(pl, mi, "visit", day, "not_found");
			day = again;
		}
	}
	demo_add_contact(pl, mi, k == OB_VISIT ? "visit" : "talk", day, "met");
}

/* After a refused test: tested again a few days later (up to hi), or left
 * undone. Returns the day, or 0. */
static int retest(struct demo_plan *pl, int mi, int refused, int hi)
{
	int day = chance(pl, 700) ? free_day(pl, mi, plus(refused, 1 + rnd(pl, 5)),
					     plus(refused, 1), hi)
				  : 0;
	if (day)
		emit(pl, mi, OB_TEST, day, hi);
	return day;
}

/* One period of one obligation: done on some day in it, mostly. */
static void period(struct demo_plan *pl, int mi, const struct obligation *ob, int last,
		   int *missed)
{
	const struct hm *hm = &pl->ms[mi];
	int T = pl->today, k = ob->kind, now = mi == pl->cur && ob->due >= T;
	int lo = later(ob->period_start, pl->window), hi = earlier(ob->due, last), day, refused;

	if (hm->quiet_from && ob->period_start >= hm->quiet_from) {
		/* 脱管: sought at home, not found */
		if (k == OB_VISIT && ob->period_start <= pl->until && chance(pl, 400))
			demo_add_contact(pl, mi, "visit",
					 day_in(pl, ob->period_start, earlier(ob->due, pl->until)),
					 "not_found");
		return;
	}
	if (ob->due < pl->window || lo > hi)
		return;
	refused = k == OB_TEST ? refusal_in(pl, mi, ob->period_start, ob->due) : 0;
	if (refused) {
		*missed = !retest(pl, mi, refused, hi);
		return;
	}
	if ((mi == pl->cur && pl->miss_from[k] && ob->period_start >= pl->miss_from[k]) ||
	    (!*missed && ob->due < plus(T, -400) && chance(pl, pl->sloppy))) {
		if (k == OB_VISIT && chance(pl, 300))
			demo_add_contact(pl, mi, "visit", day_in(pl, lo, hi), "not_found");
		*missed = 1;
		return;
	}
	day = now ? late_day(pl, ob->period_start, ob->due) : late_day(pl, lo, hi);
	if (day > last)
		return; /* not done yet: due */
	day = free_day(pl, mi, day, lo, hi);
	*missed = !day;
	if (day)
		emit(pl, mi, k, day, hi);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* 定期报告: between the scheduled meetings the person reports in, so no one
 * goes two months unseen (the lost-contact rule) when intervals are long. */
static void reports(struct demo_plan *pl, int mi, int last)
{
	int *days = arena_alloc(pl->a, sizeof(int) * (pl->nt + pl->nc + 2));
	int n = 0, i, prev, x, m = mi + 1;
	size_t k;

	for (k = 0; k < pl->nt; k++)
		if (pl->t[k].measure_id == m && (!strcmp(pl->t[k].result, "negative") ||
						  !strcmp(pl->t[k].result, "positive")))
			days[n++] = pl->t[k].date;
	for (k = 0; k < pl->nc; k++)
		if (pl->c[k].measure_id == m && !strcmp(pl->c[k].outcome, "met"))
			days[n++] = pl->c[k].date;
	days[n++] = plus(last, 1);
	qsort(days, (size_t)n, sizeof(int), cmp_int);
	prev = later(pl->ms[mi].m.start_date, pl->window);
	for (i = 0; i < n; i++) {
		while (span(prev, days[i]) > 45) {
			x = free_day(pl, mi, plus(prev, 20 + rnd(pl, 20)), plus(prev, 1), last);
			if (!x || x >= days[i])
				break;
			demo_add_contact(pl, mi, "report", x, "met");
			prev = x;
		}
		prev = later(prev, days[i]);
	}
}

static void routine(struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	struct obligation *ob;
	int missed[OB_KINDS] = { 0 }, last = demo_last_day(pl, mi), n, i;

	if (!hm->routine || !hm->m.start_date || last < pl->window)
		return;
	ob = arena_alloc(pl->a, sizeof(*ob) * MAX_PERIODS);
	n = obligation_schedule(&hm->m, &pl->h->policy, pl->risk, NULL, 0, pl->today, ob,
				MAX_PERIODS, NULL);
	if (n > MAX_PERIODS)
		n = MAX_PERIODS;
	if (mi == pl->cur)
		slip_from(pl, ob, n);
	for (i = 0; i < n; i++)
		if (ob[i].kind != OB_REPORT)
			period(pl, mi, &ob[i], last, &missed[ob[i].kind]);
	if (strcmp(hm->m.kind, "voluntary"))
		reports(pl, mi, last);
}

/* ---- in control: not lost by the rule ---- */

/* Whether control_refresh would find the person 脱管失控 by the policy's
 * rule, for the measure under way, at either risk level it may use (it
 * schedules with the level stored before it reassesses). Fills *sum. */
static int rule_says_lost(struct demo_plan *pl, struct obligation *ob, int *n,
			  struct obligation_summary *sum, int *last_seen)
{
	const struct hm *hm = &pl->ms[pl->cur];
	struct activity *acts = arena_alloc(pl->a, sizeof(*acts) * (pl->nt + pl->nc + 1));
	struct buf reason = BUF_INIT;
	const char *levels[2] = { "", pl->risk };
	int nacts = 0, lost = 0, i;
	size_t k;

	*last_seen = 0;
	for (k = 0; k < pl->nt; k++)
		nacts += obligation_activity_from_test(&pl->t[k], &acts[nacts]);
	for (k = 0; k < pl->nc; k++)
		nacts += obligation_activity_from_contact(&pl->c[k], &acts[nacts]);
	for (i = 0; i < nacts; i++)
		*last_seen = later(*last_seen, acts[i].date);
	for (i = 1; i >= 0 && !lost; i--) {
		*n = obligation_schedule(&hm->m, &pl->h->policy, levels[i], acts, nacts, pl->today,
					 ob, MAX_PERIODS, sum);
		lost = obligation_lost(&hm->m, sum, *last_seen, &pl->h->policy, pl->today, &reason);
	}
	buf_release(&reason);
	if (*n > MAX_PERIODS)
		*n = MAX_PERIODS;
	return lost;
}

/* Where missed periods of one kind line up into a run as long as the
 * rule's, the first of them gets done after all (up to last). */
static void break_run(struct demo_plan *pl, const struct obligation *ob, int n, int last)
{
	int run[OB_KINDS] = { 0 }, first[OB_KINDS], i, k, day;

	for (i = 0; i < n; i++) {
		k = ob[i].kind;
		if (k == OB_REPORT)
			continue;
		if (ob[i].state != OB_MISSED) {
			run[k] = 0;
			continue;
		}
		if (!run[k]++)
			first[k] = i;
		if (run[k] >= pl->h->policy.lost_missed_in_row) {
			const struct obligation *o = &ob[first[k]];
			day = free_day(pl, pl->cur, o->period_start, o->period_start,
				       earlier(o->due, last));
			if (day)
				emit(pl, pl->cur, k, day, earlier(o->due, last));
			return;
		}
	}
}

/* Someone meant to be in control must not meet the rule: missed periods
 * in a run are broken up, and someone unseen for too long reports in. */
static void keep_in_control(struct demo_plan *pl)
{
	const struct policy *pol = &pl->h->policy;
	struct obligation *ob = arena_alloc(pl->a, sizeof(*ob) * MAX_PERIODS);
	struct obligation_summary sum;
	int tries, n, seen, last, day;

	if (pl->cur < 0 || !strcmp(pl->want, "lost") || pl->ms[pl->cur].quiet_from)
		return;
	last = demo_last_day(pl, pl->cur);
	for (tries = 0; tries < 12 && rule_says_lost(pl, ob, &n, &sum, &seen); tries++) {
		if (pol->lost_unreachable_days && span(seen, pl->today) >= pol->lost_unreachable_days) {
			day = free_day(pl, pl->cur, plus(pl->today, -rnd(pl, 10)), plus(pl->today, -20),
				       last);
			if (day)
				demo_add_contact(pl, pl->cur, "report", day, "met");
		}
		break_run(pl, ob, n, last);
	}
	if (tries == 12)
		demo_problem(pl, "in control", "the lost-contact rule still holds");
}

void demo_records(struct demo_plan *pl)
{
	int mi;

	pl->cur = -1;
	for (mi = pl->nm - 1; mi >= 0 && pl->cur < 0; mi--)
		if (strcmp(pl->ms[mi].m.status, "ended"))
			pl->cur = mi;
	plan_slips(pl);
	assess(pl);
	for (mi = 0; mi < pl->nm; mi++)
		demo_absences(pl, mi);
	for (mi = 0; mi < pl->nm; mi++)
		routine(pl, mi);
	keep_in_control(pl);
	demo_help(pl);
}
