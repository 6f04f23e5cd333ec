/* kept.h - what the indicators read, kept up to date: each measure's test periods and each file's clean day. */
#ifndef JINDU_KEPT_H
#define JINDU_KEPT_H

#include "domain/policy.h"
#include "store/store.h"

/*
 * Two facts the indicators count over the whole registry are computed in
 * C, by the rules that compute them everywhere else, and kept in the
 * database (sql/0015-indicators.sql), where the tally sums them:
 *
 *  - the test periods of every measure: what obligation_schedule says
 *    falls due (each period, its due day, the first counted test in it).
 *    A measure's rows hold until a day (test_kept.valid_until): triggers
 *    set it to 0 when the measure, the person's tests or risk level, or
 *    the policy change, and a running measure's rows hold until its
 *    current period ends (on the next day another begins);
 *  - the day each file's clean period is complete (person.clean_done),
 *    kept beside the day it began by control_refresh.
 *
 * control_refresh keeps one person's; kept_prepare everything pending of
 * an area, before the indicators are counted (as the worklist computes
 * its stale rows first) and in the daily sweep.
 */

/* Computes again the test periods of person_id's measures whose kept
 * rows do not hold at today, from the records as loaded (ms: every
 * measure of the person, tests: every test, risk: the level the
 * schedule follows). Inside the caller's write transaction. */
int kept_tests_person(struct db *db, int64_t person_id, const struct measure *ms, int nm,
		      const struct drug_test *tests, int nt, const char *risk,
		      const struct policy *p, int today, struct buf *err);

/* Everything pending: the clean days not computed (anywhere), the test
 * periods of measures executed in the subtree of prefix ("" for all) that
 * do not hold at today; in short transactions, so the caller must not be
 * in one. *count (may be NULL) gets the persons whose test periods were
 * computed. */
int kept_prepare(struct db *db, const char *prefix, const struct policy *p, int today,
		 int *count, struct buf *err);

#endif
