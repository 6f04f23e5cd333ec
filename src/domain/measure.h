/* measure.h - drug-treatment measures (戒毒措施) and their lifecycle as a state machine. */
#ifndef JINDU_MEASURE_H
#define JINDU_MEASURE_H

#include "domain/choice.h"
#include "domain/policy.h"
#include "store/store.h"

/*
 * Kinds (DOMAIN.md §1) and the keys stored in measure.kind:
 *   voluntary  自愿戒毒        term set by the agreement (planned_end given)
 *   community  社区戒毒        3 years from the day the person reports (报到)
 *   compulsory 强制隔离戒毒    2 years from the decision; early release after
 *                              1 year; extension at most 1 year
 *   rehab      社区康复        up to 3 years, reported within 15 days; follows
 *                              a compulsory measure
 *   facility   戒毒康复场所    voluntary stay by agreement
 * Statuses: decided (waiting for the person to report), active, suspended
 * (拘留/逮捕: the term stops and resumes), ended.
 */
enum measure_kind { MK_VOLUNTARY, MK_COMMUNITY, MK_COMPULSORY, MK_REHAB, MK_FACILITY, MK_COUNT };

extern const struct choice measure_kinds[];        /* key -> 自愿戒毒 ... */
extern const struct choice measure_statuses[];     /* decided 待报到, active 执行中, suspended 中止, ended 已结束 */
extern const struct choice measure_end_reasons[];  /* see measure.c */
extern const struct choice measure_actions[];      /* indexed by enum measure_action, in its order */

/* enum from key; -1 for unknown */
int measure_kind_from_key(const char *key);

/* A change a user asks for. */
enum measure_action {
	MA_REPORT,        /* 报到: community/rehab start on this date; agreement signed */
	MA_SUSPEND,       /* 中止: detention or arrest (拘留/逮捕) */
	MA_RESUME,        /* 恢复执行 after release; the suspended days extend the term */
	MA_EXTEND,        /* 延长 compulsory: days, total at most policy extension_max_days */
	MA_EARLY_RELEASE, /* 提前解除 compulsory: only after early_release_min_days */
	MA_END,           /* 结束 with a reason from measure_end_reasons */
};

struct measure_change {
	enum measure_action action;
	int date;            /* YYYYMMDD when it happened */
	int days;            /* MA_EXTEND */
	const char *reason;  /* MA_END: a key of measure_end_reasons */
	const char *doc_no;  /* the document behind it, if any */
};

/*
 * Applies change c to m if the law allows it, updating status and dates
 * (start_date, planned_end, actual_end, end_reason, suspended_since,
 * suspended_days, extended_days). Refuses with a clear Chinese reason in err
 * (e.g. "强制隔离戒毒执行未满一年，不能提前解除") and leaves m untouched.
 * Dates must not be in the future (after today) nor before the measure's
 * decision or start. Pure: no I/O. Returns 0 or -1.
 */
int measure_apply(struct measure *m, const struct measure_change *c, const struct policy *p,
		  int today, struct buf *err);

/*
 * Whether a new measure m may be decided for person pe, given the person's
 * other measures. Refuses (with the reason in err):
 *  - any measure while another community/compulsory/rehab measure is
 *    decided, active or suspended (end it first);
 *  - compulsory for a woman who is pregnant or nursing (special_status
 *    "pregnant", 禁毒法 Art 39);
 *  - rehab that does not follow an ended compulsory measure (completed or
 *    early release) decided no later than it;
 *  - a decision date in the future or before the person's birth.
 * Warns (returns 1, message in err) for compulsory under age 16.
 * Fills m's report_deadline, planned_end and initial status through
 * measure_plan. Returns 0 (ok), 1 (ok with warning), -1 (refused).
 */
int measure_check_new(struct measure *m, const struct person *pe, const struct measure *others,
		      int nothers, const struct policy *p, int today, struct buf *err);

/* Sets status (community/rehab "decided" until reported; others "active"
 * from the decision), report_deadline (community, rehab: decision +
 * report_days) and planned_end (from start or decision by kind; 0 for
 * community/rehab until the report; voluntary and facility keep the given
 * planned_end). */
void measure_plan(struct measure *m, const struct policy *p);

/* The day the term ends now: start + term + suspended days (+ days of a
 * suspension still running, counted to today) + extension. */
int measure_term_end(const struct measure *m, const struct policy *p, int today);

/* The year of the term at today (1-based; 1 before the start). */
int measure_year(const struct measure *m, int today);

/*
 * The three-years-clean clock (DOMAIN.md §3): from the first-found date when
 * the person was never found addicted and has no measure; from the start of
 * execution of community treatment or rehabilitation; from release for
 * compulsory treatment (and voluntary treatment or a facility stay: from
 * their end); the latest such day counts. It does not run while a
 * compulsory, voluntary or facility measure is under way, nor while a
 * community/rehab measure waits for the report; it stops for people who
 * refused or seriously violated community treatment/rehabilitation (end
 * reasons "refused", "violation") until a later measure starts it again.
 * A relapse (last_relapse, 0 for none) after the start restarts a running
 * clock from that day.
 * Returns the day it started (0: not running); *done_on gets the day the
 * clean period is complete (start + clean_years).
 */
int measure_clean_since(const struct person *pe, const struct measure *ms, int n,
			int last_relapse, const struct policy *p, int *done_on);
/* The day a clean period begun on clean_since is complete: clean_years
 * later (a clock started on 29 February completes on 28 February); 0 for
 * a clock not running (clean_since 0). */
int measure_clean_done(int clean_since, const struct policy *p);

#endif
