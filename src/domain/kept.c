/* kept.c - the test periods of measures and the clean days of files, computed by their rules and kept for the indicators. */
#include "domain/kept.h"

#include <string.h>

#include "domain/measure.h"
#include "domain/obligation.h"

/* A measure's rows that hold until it changes. */
#define HOLDS_UNTIL_CHANGED 99991231
/* Persons (or files) per transaction: users' writes wait for one batch at most. */
#define BATCH 200

static const struct measure *find_measure(const struct measure *ms, int nm, int64_t id)
{
	int i;
	for (i = 0; i < nm; i++)
		if (ms[i].id == id)
			return &ms[i];
	return NULL;
}

/*
 * The test periods of m at today, written over the kept ones where they
 * differ, and the day they hold until: a running measure's until the end
 * of its current period (the next begins the day after), or today when it
 * has none (a year of its term without tests); a measure not running
 * (decided, suspended, ended) until it changes.
 */
static int keep_measure(struct db *db, const struct measure *m, const struct activity *acts,
			int nacts, const char *risk, const struct policy *p, int today,
			struct arena *a, struct buf *err)
{
	struct obligation *obs;
	struct test_period *old, t;
	int total, nold, i, j, done, last_due = 0, until;

	total = obligation_schedule(m, p, risk, acts, nacts, today, NULL, 0, NULL);
	obs = arena_alloc(a, sizeof(*obs) * (size_t)(total + 1));
	total = obligation_schedule(m, p, risk, acts, nacts, today, obs, total, NULL);
	if (store_test_periods(db, m->id, a, &old, &nold, err) < 0)
		return -1;
	/* both by period start: the schedule lists periods in their order */
	i = j = 0;
	while (i < total || j < nold) {
		int c;
		if (i < total && obs[i].kind != OB_TEST) {
			i++;
			continue;
		}
		c = i == total ? 1 : j == nold ? -1
			: (obs[i].period_start > old[j].period_start) -
			  (obs[i].period_start < old[j].period_start);
		if (c > 0) { /* kept, no longer due */
			if (store_test_period_delete(db, m->id, old[j++].period_start, err) < 0)
				return -1;
			continue;
		}
		last_due = obs[i].due;
		done = obs[i].state == OB_DONE ? obs[i].done_date : 0;
		if (c == 0 && old[j].due == obs[i].due && old[j].done_date == done &&
		    old[j].person_id == m->person_id && !strcmp(old[j].division, m->division)) {
			i++;
			j++;
			continue;
		}
		if (c == 0)
			j++;
		memset(&t, 0, sizeof(t));
		t.measure_id = m->id;
		t.period_start = obs[i].period_start;
		t.due = obs[i].due;
		t.done_date = done;
		t.person_id = m->person_id;
		t.division = m->division;
		if (store_test_period_put(db, &t, err) < 0)
			return -1;
		i++;
	}
	if (strcmp(m->status, "active"))
		until = HOLDS_UNTIL_CHANGED;
	else
		until = last_due >= today ? last_due : today;
	return store_test_kept_set(db, m->id, until, err);
}

int kept_tests_person(struct db *db, int64_t person_id, const struct measure *ms, int nm,
		      const struct drug_test *tests, int nt, const char *risk,
		      const struct policy *p, int today, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct activity *acts;
	int64_t *stale;
	int nstale, nacts = 0, i, rc = -1;

	if (store_test_stale_measures(db, person_id, today, &a, &stale, &nstale, err) < 0)
		goto out;
	if (!nstale) {
		rc = 0;
		goto out;
	}
	/* what a test period asks for: a counted test (obligation.c) */
	acts = arena_alloc(&a, sizeof(*acts) * (size_t)(nt + 1));
	for (i = 0; i < nt; i++)
		nacts += obligation_activity_from_test(&tests[i], &acts[nacts]);
	for (i = 0; i < nstale; i++) {
		const struct measure *m = find_measure(ms, nm, stale[i]);
		/* a measure not loaded with the person's (moved to another
		 * person meanwhile) is theirs to compute */
		if (m && keep_measure(db, m, acts, nacts, risk, p, today, &a, err) < 0)
			goto out;
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static int prepare_clean(struct db *db, const struct policy *p, struct buf *err)
{
	for (;;) {
		struct arena a = ARENA_INIT;
		struct clean_pending *list;
		int n, i, rc = 0;

		if (store_clean_pending(db, BATCH, &a, &list, &n, err) < 0) {
			arena_release(&a);
			return -1;
		}
		if (n && db_begin(db, err) < 0)
			rc = -1;
		for (i = 0; rc == 0 && i < n; i++)
			rc = store_clean_done_set(db, list[i].id,
						  measure_clean_done(list[i].clean_since, p), err);
		if (n && rc == 0)
			rc = db_commit(db, err);
		else if (n)
			db_rollback(db);
		arena_release(&a);
		if (rc < 0)
			return -1;
		if (n < BATCH)
			return 0;
	}
}

static int prepare_person(struct db *db, int64_t id, const struct policy *p, int today,
			  struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct measure *ms;
	struct drug_test *tests;
	const char *risk = "";
	int nm, nt, rc = -1;

	if (store_measure_list(db, id, &a, &ms, &nm, err) < 0 ||
	    store_tests(db, id, &a, &tests, &nt, err) < 0 ||
	    store_person_risk(db, id, &a, &risk, err) < 0)
		goto out;
	rc = kept_tests_person(db, id, ms, nm, tests, nt, risk, p, today, err);
out:
	arena_release(&a);
	return rc;
}

int kept_prepare(struct db *db, const char *prefix, const struct policy *p, int today,
		 int *count, struct buf *err)
{
	int64_t after = 0;
	int done = 0;

	if (count)
		*count = 0;
	if (prepare_clean(db, p, err) < 0)
		return -1;
	/* each person once, in id order: one whose measure could not be
	 * computed (it moved to another person meanwhile) does not hold the
	 * others up */
	for (;;) {
		struct arena a = ARENA_INIT;
		int64_t *ids;
		int n, i, rc = 0;

		if (store_test_stale_persons(db, prefix, today, after, BATCH, &a, &ids, &n,
					     err) < 0) {
			arena_release(&a);
			return -1;
		}
		if (n && db_begin(db, err) < 0)
			rc = -1;
		for (i = 0; rc == 0 && i < n; i++)
			rc = prepare_person(db, ids[i], p, today, err);
		if (n && rc == 0)
			rc = db_commit(db, err);
		else if (n)
			db_rollback(db);
		if (n)
			after = ids[n - 1];
		arena_release(&a);
		if (rc < 0)
			return -1;
		done += n;
		if (n < BATCH)
			break;
	}
	if (count)
		*count = done;
	return 0;
}
