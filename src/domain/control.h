/* control.h - person control as users do it: measures, tests, contacts, flags, each audited. */
#ifndef JINDU_CONTROL_H
#define JINDU_CONTROL_H

#include "domain/audit.h"
#include "domain/measure.h"
#include "domain/methadone.h"
#include "domain/obligation.h"
#include "domain/policy.h"
#include "domain/risk.h"

/*
 * Every function here runs in its own write transaction: it checks that
 * the person is in the actor's area (STORE_NOTFOUND otherwise, as if the
 * person did not exist), applies the rule from measure.c / obligation.c,
 * writes the records and their audit entries, and refreshes what is
 * derived from them on the person (control status, risk, clean clock).
 * Returns 0, STORE_NOTFOUND, CONTROL_REFUSED (the rule said no: the reason
 * is in err, in Chinese, for the user), CONTROL_CONFLICT (changed
 * meanwhile) or -1 (err holds a system error).
 */
#define CONTROL_REFUSED 2
#define CONTROL_CONFLICT 3

/* Coded values of the records (key -> Chinese label). */
extern const struct choice *const control_test_methods;     /* urine 尿检 ... */
extern const struct choice *const control_test_results;     /* negative 阴性 ... */
extern const struct choice *const control_contact_kinds;    /* visit 走访, talk, report */
extern const struct choice *const control_contact_outcomes; /* met 见到本人 ... */
extern const struct choice *const control_assistance_kinds; /* employment 就业安置 ... */

/* The actor for what jindu does by itself (automatic 脱管失控 flags). */
extern const struct actor control_system_actor;

/* The policy in force: the newest stored version, or the defaults. */
int control_policy(struct db *db, struct policy *p, struct buf *err);
/* Stores a new policy version (validated JSON) and audits it. */
int control_policy_save(struct db *db, const struct actor *who, const char *json, const char *note,
			int *version, struct buf *err);

/* Decides a new measure for m->person_id (kind, decision_no/date,
 * authority, division, unit, worker, agreement, planned_end for voluntary).
 * *warning gets 1 when the rule warned (e.g. under 16) and err says why. */
int control_measure_decide(struct db *db, const struct actor *who, struct measure *m,
			   int *warning, struct buf *err);
/* Applies a change to a measure whose version the user saw. */
int control_measure_change(struct db *db, const struct actor *who, int64_t measure_id,
			   int64_t version, const struct measure_change *c, struct buf *err);

/*
 * After a relapse, the measure the policy proposes (relapse_proposal), in
 * one step: the measure running, if any, ends for the relapse on the day of
 * the decision, the proposed one is decided with the fields of m (decision
 * number, date, authority, execution place, worker; m->kind is set from the
 * policy) following it, and the relapse flag flag_id is resolved. Refused
 * when the flag is not an open relapse, or by the rules of the new measure
 * (e.g. no 强制隔离戒毒 for a pregnant woman). *warning as for
 * control_measure_decide.
 */
int control_relapse_decide(struct db *db, const struct actor *who, int64_t flag_id,
			   struct measure *m, int *warning, struct buf *err);

/*
 * 执行地变更 (条例 Art 22): the township where the measure runs asks to move
 * it to another (to_division, anywhere in the database's area); the
 * receiving township accepts or refuses. On acceptance the measure and the
 * person's file move there and the term runs on unchanged. The requester
 * needs the measure in their area, the decider the destination.
 */
int control_transfer_request(struct db *db, const struct actor *who, int64_t measure_id,
			     const char *to_division, const char *reason, int64_t *transfer_id,
			     struct buf *err);
int control_transfer_decide(struct db *db, const struct actor *who, int64_t transfer_id,
			    int accept, const char *note, int64_t *person_id, struct buf *err);

/* Records a test; a positive one adds a relapse flag whose reason proposes
 * the next measure from the policy (*relapse set to 1). */
int control_test_add(struct db *db, const struct actor *who, struct drug_test *t, int *relapse,
		     struct buf *err);
int control_contact_add(struct db *db, const struct actor *who, struct contact *c,
			struct buf *err);
int control_absence_add(struct db *db, const struct actor *who, struct absence *ab,
			struct buf *err);
int control_assistance_add(struct db *db, const struct actor *who, struct assistance *as,
			   struct buf *err);
/*
 * 美沙酮维持治疗 (methadone.h): records one month of m->person_id (month,
 * clinic, days, dose; source and user_id from the caller), replacing the
 * month when it is on record already. An empty clinic is the enrolment's.
 * A month the rules refuse gives CONTROL_REFUSED with every reason, joined,
 * in err. *result says whether the month was added, updated (audited with
 * the old and new values) or unchanged (the same values: nothing written).
 */
int control_methadone_put(struct db *db, const struct actor *who, struct methadone_month *m,
			  enum methadone_result *result, struct buf *err);
/*
 * The write of a month already checked (methadone_check) inside the
 * caller's transaction, for imports: inserts m, or replaces old (the
 * month on record, NULL when none), and audits it under the person pe.
 */
int control_methadone_record(struct db *db, const struct actor *who, const struct person *pe,
			     struct methadone_month *m, const struct methadone_month *old,
			     struct buf *err);
/* Flags a person 脱管失控 (reason given) or resolves an open flag of a kind. */
int control_flag_lost(struct db *db, const struct actor *who, int64_t person_id, int date,
		      const char *reason, struct buf *err);
int control_flag_resolve(struct db *db, const struct actor *who, int64_t flag_id, int date,
			 const char *resolution, struct buf *err);

/* What the risk model looks at, gathered from a person's flags and tests
 * (refresh and the demo use it alike); *last_relapse gets the newest
 * relapse date (0: none). Pure. */
void control_risk_input(const struct person *pe, const struct control_flag *flags, int nf,
			const struct drug_test *tests, int nt, int today, struct risk_input *in,
			int *last_relapse);

/*
 * Recomputes what is derived for one person at today: risk level and
 * breakdown, the clean clock, the control status while the person has
 * measures (lost, compulsory, detained, clean3y, in_control), and a new
 * 脱管失控 flag when the policy's rule says so. Call inside a write
 * transaction (the functions above do).
 */
int control_refresh(struct db *db, const struct actor *who, int64_t person_id,
		    const struct policy *p, int today, struct buf *err);

/*
 * Refreshes every person under control (open measure or open flag) at
 * today, a batch of persons per transaction, so that what follows from the
 * passing of time alone (a report deadline passed, obligations missed, the
 * clean period complete) is on the records, and the worklists' summaries
 * of the day are ready. The server runs it once a day (at start unless it
 * already ran that day, then after midnight); `jindu refresh` runs it from
 * cron. *count gets the
 * number of persons refreshed.
 */
int control_refresh_all(struct db *db, int today, int *count, struct buf *err);

/*
 * 协查 for a 脱管失控 person: the person's area (who) asks another township
 * (to_division, outside who's area) to find or check them, saying what is
 * known. Refused unless flag_id is an open lost flag, or when the same
 * township was asked for it and has not answered. The asked area answers
 * (found or not, and how): control_assist_answer, STORE_NOTFOUND for anyone
 * outside it. Both audited.
 */
int control_assist_request(struct db *db, const struct actor *who, int64_t flag_id,
			   const char *to_division, const char *reason, int64_t *id,
			   struct buf *err);
int control_assist_answer(struct db *db, const struct actor *who, int64_t id, int found,
			  const char *answer, struct buf *err);
/* The day control_refresh_all last completed (0: never). */
int control_refreshed_day(struct db *db);

/* One row of a worklist: a person with an open measure and what is due. */
struct work_item {
	struct open_measure om;
	struct obligation_summary sum;
};

/*
 * Computes what is due at today under every open measure of the subtree of
 * prefix ("" for all) whose kept summary is missing or stale (something it
 * depends on changed, or another day), and keeps it: in one transaction,
 * which the caller must not be in. Nothing is written when nothing is stale.
 */
int control_work_prepare(struct db *db, const char *prefix, const struct policy *p, int today,
			 struct buf *err);

struct worklist_query {
	const char *prefix;  /* the area */
	int64_t worker_id;   /* one worker's measures, or 0 */
	enum work_view view;
	int offset, limit;   /* limit 0: the counts only */
};
/*
 * The worklist of an area at today: control_work_prepare(), then the counts
 * (out of the whole area or worker, whatever the view) and one page of the
 * view, most overdue first, then by the nearest due day.
 */
int control_worklist(struct db *db, const struct worklist_query *q, const struct policy *p,
		     int today, struct arena *a, struct work_item **out, int *n,
		     struct work_counts *counts, struct buf *err);

#endif
