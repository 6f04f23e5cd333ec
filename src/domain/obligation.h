/* obligation.h - what falls due under a measure: report-in, tests, visits, talks; violations; lost contact. */
#ifndef JINDU_OBLIGATION_H
#define JINDU_OBLIGATION_H

#include "domain/choice.h"
#include "domain/policy.h"
#include "store/store.h"

enum obligation_kind { OB_REPORT, OB_TEST, OB_VISIT, OB_TALK, OB_KINDS };
enum obligation_state {
	OB_DONE,     /* a qualifying event fell in the period */
	OB_MISSED,   /* the period ended without one */
	OB_OVERDUE,  /* the current period, nothing yet, and the obligation has been
		      * unmet since an earlier due day: the previous period was
		      * missed, or (report-in) the deadline has passed */
	OB_DUE,      /* the current period, nothing yet, nothing missed before it */
	OB_STATES
};

extern const struct choice obligation_kinds[];   /* report 报到, test 检测, visit 走访, talk 谈话 */
extern const struct choice obligation_states[];  /* done 已完成, missed 未完成, overdue 逾期, due 待办 */

/* Something that happened and may satisfy an obligation. A test counts
 * only with result negative or positive (refused/evaded do not); a visit
 * or talk only with outcome "met". The caller converts its records with
 * obligation_activity_from_test/contact, which return 1 and fill out when
 * the record counts, 0 when it does not. */
struct activity {
	enum obligation_kind kind;
	int date;
};
int obligation_activity_from_test(const struct drug_test *t, struct activity *out);
int obligation_activity_from_contact(const struct contact *c, struct activity *out);

/*
 * One period of one obligation. Periods follow each other from the start
 * of execution (for report-in: one period from the decision to the report
 * deadline); their length comes from policy_rule() for the measure's kind,
 * the year of the term at the period's start and the risk level. A period
 * that reaches past the term's end is cut there. Suspended days produce no
 * periods.
 *
 * Report-in is satisfied by the report recorded on the measure (start_date,
 * see MA_REPORT), not by activities: a report after the deadline is DONE
 * with done_date after due (callers that care compare them); never
 * reported it stays OVERDUE until the measure ends, then it is MISSED.
 *
 * Periods are judged like this: DONE when an activity of the kind falls in
 * [period_start, due]; MISSED when due is before today without one; the
 * period containing today is the current one, DUE or OVERDUE (see above)
 * until something is done. A period still open when the measure ended or
 * was suspended is kept only when done before that day (cut there), else
 * it lapses: no periods fall due while suspended. Past suspensions are
 * known only by their total (suspended_days), not by their dates: they
 * move the term's end, but the periods that fell inside them are judged
 * like any other.
 */
struct obligation {
	enum obligation_kind kind;
	int period_start;
	int due;                  /* last day of the period */
	enum obligation_state state;
	int done_date;            /* first qualifying activity in the period */
};

struct obligation_summary {
	int next_due[OB_KINDS];   /* due day of the current period (0: none) */
	int state[OB_KINDS];      /* state of the current period (or -1): DONE when
				   * already done, report-in only until reported */
	int overdue;              /* kinds whose current period is OVERDUE */
	int due_soon;             /* kinds DUE within policy due_soon_days */
	int missed_total;
	int missed_in_row;        /* per kind, the run of MISSED periods before the
				   * current one (a DONE ends a run); the longest */
};

/*
 * Computes the obligations of measure m up to today (inclusive of the
 * current period) from the activities (any order). Writes at most max
 * entries to out (oldest first; pass out NULL and max 0 to get only the
 * summary) and returns the number of periods in total. Measures that are
 * ended, or decided with no report obligation, have none after their end.
 */
int obligation_schedule(const struct measure *m, const struct policy *p, const char *risk_level,
			const struct activity *acts, int nacts, int today, struct obligation *out,
			int max, struct obligation_summary *sum);

/*
 * 严重违反协议 (条例 Art 20): within measure m, ≥ violation_refusals tests
 * refused or evaded, or ≥ violation_absences unpermitted absences, or more
 * than violation_absence_days days away without permission in total (an
 * absence still running counts to today). Appends the evidence (one line
 * per test or absence, with dates) to evidence. Returns 1 when violated.
 */
int obligation_violation(const struct measure *m, const struct drug_test *tests, int ntests,
			 const struct absence *abs, int nabs, const struct policy *p, int today,
			 struct buf *evidence);

/*
 * 脱管失控 rule: the report deadline passed without a report (plus
 * lost_report_grace_days), or lost_missed_in_row obligations missed in a
 * row, or no contact with outcome "met" (nor a counted test) for
 * lost_unreachable_days while the measure is active. last_seen is the
 * latest such day (0: never). Appends the reason in Chinese. 1 when lost.
 */
int obligation_lost(const struct measure *m, const struct obligation_summary *sum, int last_seen,
		    const struct policy *p, int today, struct buf *reason);

#endif
