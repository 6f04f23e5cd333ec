/* demo-plan.h - a demo person's planned history, shared by the files that plan and write it. */
#ifndef JINDU_DEMO_PLAN_H
#define JINDU_DEMO_PLAN_H

#include "demo.h"

#include "domain/measure.h"
#include "domain/obligation.h"
#include "lib/timeutil.h"

/*
 * Who does what (demo-history.c explains how a history is planned):
 *
 *   demo-history.c   the plan of one person from start to end, and writing it
 *   demo-status.c    the measure under way and what each control status asks for
 *   demo-measures.c  one measure's steps through the rules; the treatment before
 *   demo-records.c   tests, contacts, absences, flags, assistance and methadone months
 *   demo-routine.c   the records along each measure's obligations
 *
 * Every day is YYYYMMDD; mi is a measure's index in ms, -1 for none; chances
 * are per mille.
 */

#define MAX_MEASURES 12
#define MAX_EVENTS 8
#define MAX_PERIODS 480
#define MAX_REFUSALS 2

/* Spans in days, with room for a late report and a short detention. */
#define C_FULL 1160  /* community treatment, decision to end */
#define C_OPEN 1050  /* found less long ago: the first community measure still runs */
#define K_MAX 915    /* compulsory treatment with the longest extension */
#define KR_FULL 2070 /* compulsory treatment, then rehabilitation */

enum doc { DOC_COMMUNITY, DOC_COMPULSORY, DOC_REHAB, DOC_ADDICTION, DOC_RELEASE, DOC_EARLY,
	   DOC_EXTEND };

/* A planned measure: its state on the reference date and the steps there. */
struct hm {
	struct measure m;          /* m.id: index + 1 until written */
	struct measure_event ev[MAX_EVENTS];
	int nev;
	int idle_from, idle_to;    /* a detention inside the measure: no records then */
	int quiet_from;            /* 脱管: no one has met the person since */
	int routine;               /* tests and contacts follow its obligations */
};

struct hflag {
	struct control_flag f;
	size_t test;               /* index + 1 of the positive test behind a relapse */
};

struct demo_plan {
	struct demo_history *h;
	struct person *p;
	struct arena *a;
	struct demo_rng r;
	const struct demo_staff *staff;
	const char *tester, *town;
	int today, until, window, found;
	int severe, heroin, pregnant;
	int report_by;             /* latest report of the measure under way (0: none) */
	const char *want;          /* the control status the history leads to */
	struct hm ms[MAX_MEASURES];
	int nm, cur;               /* cur: index of the measure under way, or -1 */
	/* Records; measure_id holds the measure's index + 1 until written. */
	struct drug_test *t;
	struct contact *c;
	struct absence *ab;
	struct hflag *f;
	struct assistance *as;
	struct methadone_month *mm;  /* months of methadone maintenance, person_id unset */
	size_t nt, at, nc, ac, nab, aab, nf, af, nas, aas, nmm, amm;
	int refusal[MAX_REFUSALS], nrefusals;
	int miss_kinds;            /* obligation kinds (bits) left undone lately */
	int miss_periods;          /* ... for this many periods before the current one */
	int miss_from[OB_KINDS];
	int sloppy;                /* share of periods missed long ago */
	const char *risk;
	int refused;
	char problem[200];
};

/* ---- small helpers: every draw comes from the person's own stream ---- */

static inline int rnd(struct demo_plan *pl, int n)
{
	return n > 0 ? demo_rng_below(&pl->r, n) : 0;
}

static inline int chance(struct demo_plan *pl, int permille)
{
	return demo_rng_chance(&pl->r, permille);
}

static inline int plus(int day, int n)
{
	return ymd_add_days(day, n);
}

static inline int span(int from, int to)
{
	return ymd_diff_days(to, from);
}

static inline int later(int a, int b)
{
	return a > b ? a : b;
}

static inline int earlier(int a, int b)
{
	return a < b ? a : b;
}

/* A day in lo..hi, or lo when the range is empty. */
static inline int day_in(struct demo_plan *pl, int lo, int hi)
{
	return hi <= lo ? lo : plus(lo, rnd(pl, span(lo, hi) + 1));
}

static inline const char *pick(struct demo_plan *pl, const char *const *list, int n)
{
	return list[rnd(pl, n)];
}

#define PICK(pl, list) pick((pl), (list), (int)(sizeof(list) / sizeof((list)[0])))

/* ---- demo-history.c ---- */

/* Notes a step the rules refused or a record out of place, counted in
 * demo_stats.refused; the first one's why is kept for the report. */
void demo_problem(struct demo_plan *pl, const char *what, const char *why);

/* "永公（禁）决字〔2024〕123号": the next number of that kind and year (arena). */
const char *demo_doc_no(struct demo_plan *pl, enum doc kind, int date);

/* ---- demo-status.c ---- */

/* The measures of an addicted person (吸毒成瘾), leading to the control
 * status drawn; pl->want changes when the history cannot lead there. */
void demo_plan_addicted(struct demo_plan *pl);
/* Drug use without addiction (吸毒): punished and tested, no measure. */
void demo_plan_user(struct demo_plan *pl);

/* ---- demo-measures.c: every step through measure_check_new and
 * measure_apply; a refused one is noted with demo_problem ---- */

/* The measure of kind decided on day d (planned_end: voluntary only), or
 * NULL; flags waiting for a decision are resolved by it. */
struct hm *demo_decide(struct demo_plan *pl, enum measure_kind kind, int d, int planned_end);
/* Applies act to hm (NULL: does nothing) and records its event. Returns 0,
 * or -1 when there is no measure or the rules refuse. */
int demo_change(struct demo_plan *pl, struct hm *hm, enum measure_action act, int date,
		int days, const char *reason, const char *doc);
/* 报到 on day r, also recorded as a meeting. */
void demo_reported(struct demo_plan *pl, struct hm *hm, int r);
/* Marks hm as following its obligations and has the person report by
 * latest: returns the start date, 0 when not started (or hm is NULL). */
int demo_report(struct demo_plan *pl, struct hm *hm, int latest);

struct kplan {
	int early; /* days to an early release (条例 Art 33), 0: the full term */
	int ext;   /* days of extension */
};
void demo_kplan_pick(struct demo_plan *pl, struct kplan *kp);
/* 强制隔离戒毒 decided on d, extended as kp says; released when release is
 * set, early or at the end of the term. */
struct hm *demo_compulsory(struct demo_plan *pl, int d, const struct kplan *kp, int release);
/* 自愿戒毒 with methadone maintenance from d until planned (0: still). */
struct hm *demo_voluntary(struct demo_plan *pl, int d, int planned);

/* These return the day the treatment ended. 社区戒毒 decided on d, reported
 * by report_by, completed (a detention only when it still ends by `by`): */
int demo_community_done(struct demo_plan *pl, int d, int report_by, int by);
/* Compulsory treatment from d, then rehabilitation reported by report_by
 * and completed: */
int demo_kr_cycle(struct demo_plan *pl, int d, int report_by, int by);
/* What happened between first found (from) and day s, when the measure
 * that leads to the reference date is decided: earlier treatment completed,
 * then a relapse (trigger), or a community measure broken on s. */
void demo_fill(struct demo_plan *pl, int from, int s, int trigger);

/* ---- demo-records.c: records append to the plan (arena) ---- */

/* A test by the measure's worker; returns its index + 1 (hflag.test). */
size_t demo_add_test(struct demo_plan *pl, int mi, int day, const char *method,
		     const char *result);
void demo_add_contact(struct demo_plan *pl, int mi, const char *kind, int day,
		      const char *outcome);
struct absence *demo_add_absence(struct demo_plan *pl, int mi, int from, int to, int permitted);
/* Raised by the township's officer, else the county's police. */
struct hflag *demo_add_flag(struct demo_plan *pl, const char *kind, int day, const char *reason);
struct assistance *demo_add_help(struct demo_plan *pl, int mi, const char *kind, int from,
				 int to, const char *provider, const char *detail);
/* 复吸 on day: the positive test and the flag proposing the next measure. */
struct hflag *demo_relapse(struct demo_plan *pl, int mi, int day);
/* Why a 脱管失控 flag was raised, one of a few wordings. */
const char *demo_lost_reason(struct demo_plan *pl);
/* Leave and the odd departure without it along measure mi. */
void demo_absences(struct demo_plan *pl, int mi);
/* 帮扶 along the last measure with routine obligations. */
void demo_help(struct demo_plan *pl);
/* The clinics' monthly records of each methadone enrolment over the last
 * year, up to last month: most months taken well, some poor. Drawn after
 * everything else, so the records before stay as they were. */
void demo_methadone(struct demo_plan *pl);

/* ---- demo-routine.c ---- */

/* The last day records of measure mi may fall on. */
int demo_last_day(const struct demo_plan *pl, int mi);
/* Once the measures are planned: finds the measure under way (pl->cur) and
 * the risk level, then adds the routine records, absences and help. */
void demo_records(struct demo_plan *pl);

#endif
