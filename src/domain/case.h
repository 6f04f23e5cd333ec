/* case.h - 毒品案件: coded values, the pipeline as a state machine, and the checks of each record. */
#ifndef JINDU_CASE_H
#define JINDU_CASE_H

#include "domain/choice.h"
#include "domain/drug.h"
#include "domain/person.h"
#include "domain/policy.h"
#include "store/store.h"

/*
 * A case moves along 受理 → 立案 → 侦查 → 破案 → 移送起诉 → 起诉 → 判决, or
 * ends as 撤案. Each step has its date, kept in case_step. What the law and
 * practice allow besides the next step:
 *   - 立案 → 破案 directly: a case caught in the act (现行案件) is solved
 *     when it is filed;
 *   - 撤案 from any step before 移送起诉 (刑事诉讼法 Art 163: a case that
 *     should not be pursued is withdrawn by the police; once sent to the
 *     procuratorate it is theirs to decide);
 *   - 移送起诉 → 侦查: the procuratorate sends the case back for
 *     supplementary investigation (退回补充侦查), at most twice (Art 175).
 * 破案 and 移送起诉 need at least one suspect on file. A step's date is not
 * in the future nor before the date of the step before; 判决 and 撤案 are
 * final.
 */
enum case_status { CS_ACCEPTED, CS_FILED, CS_INVESTIGATING, CS_SOLVED, CS_REFERRED,
		   CS_PROSECUTED, CS_JUDGED, CS_WITHDRAWN, CS_COUNT };

extern const struct choice case_statuses[];        /* indexed by enum case_status */
extern const struct choice case_sources[];         /* 举报, 查缉站/卡点, 物流寄递, ... */
extern const struct choice case_flags[];           /* early, target, online, small_packets */
extern const struct choice case_suspect_roles[];   /* 主犯, 从犯, 胁从犯, 其他 */
extern const struct choice case_measure_kinds[];   /* 刑事拘留 ... 判决 */
extern const struct choice case_asset_categories[];/* 毒资, 涉毒资产 */
extern const struct choice case_asset_kinds[];     /* 现金, 存款, 车辆 ... */

/* enum from key; -1 for unknown. */
int case_status_from_key(const char *key);
/* 1 for 判决 and 撤案: nothing more is added to the case. */
int case_closed(const struct drug_case *c);
/* The label of a case type from the policy (the key when unknown). */
const char *case_type_label(const struct policy *p, const char *key);
/* 1 when key is a case type of the policy. */
int case_type_valid(const struct policy *p, const char *key);

/* The steps the pipeline allows from status (bits 1 << enum case_status),
 * before dates, suspects and returns are considered: for offering them. */
unsigned case_next_steps(const char *status);

/* The times a case was sent back for supplementary investigation. */
int case_returns(const struct case_step *steps, int n);

/*
 * Whether case c (at its status, with steps oldest first and nsuspects on
 * file) may move to `to` on date. Refuses with the reason in err (Chinese,
 * e.g. "案件尚未立案，不能破案") and returns -1; 0 when allowed. Pure.
 */
int case_step_check(const struct drug_case *c, const struct case_step *steps, int nsteps,
		    int nsuspects, enum case_status to, int date, int today, struct buf *err);

/*
 * Checks a new or edited case's fields (number, name, type, source,
 * division in scope, dates, flags 0/1, texts not too long). creating: the
 * accepted date is checked (it becomes the first step; afterwards it is the
 * step's). Fills errs (field names as the form's) and returns their number.
 */
#define CASE_MAX_ERRORS PERSON_MAX_ERRORS
int case_check(const struct drug_case *c, int creating, const struct policy *p,
	       const char *scope_prefix, int today, struct field_error *errs);

/* A seizure of case c: drug in the catalogue, weight > 0, purity 0-1000
 * tenths or -1, packets 0-1000000, date not in the future nor before the
 * case happened. 0, or -1 with err. */
int case_seizure_check(const struct drug_case *c, const struct seizure *s, const struct policy *p,
		       int today, struct buf *err);

/* A destruction of seizures (all of them of the case, none destroyed yet,
 * each seized no later than the day): place and witnesses required. */
int case_destruction_check(const struct destruction *d, const struct seizure *chosen, int n,
			   int today, struct buf *err);

/*
 * A coercive measure or outcome for a suspect who has `have` already:
 * one of each kind; not before the case was accepted nor in the future;
 * 逮捕 not before a 刑事拘留; 起诉 only once the case is 移送起诉 or later;
 * 判决 after the suspect's 起诉, with the sentence; nothing after a 判决.
 */
int case_measure_check(const struct drug_case *c, const struct suspect_measure *have, int n,
		       const struct suspect_measure *m, int today, struct buf *err);

/* A suspect's fields: role, caught date (not in the future, not before the
 * person's birth), texts. */
int case_suspect_check(const struct case_suspect *s, int birth_date, int today, struct buf *err);

/*
 * 外流贩毒: the suspect's household (home) lies in the county of the case
 * and they were caught outside it. Codes are division codes; "" unknown.
 */
int case_outflow(const char *case_division, const char *home, const char *caught);

/* 毒资 and 涉毒资产: category and kind known, amount > 0, date. */
int case_asset_check(const struct drug_case *c, const struct case_asset *as, int today,
		     struct buf *err);

/* "1234.56" yuan (at most two decimals, up to 10^12 yuan) into fen. 0 or -1. */
int case_amount_parse(const char *s, int64_t *fen);
/* "1,234.56" (out holds 32 bytes). */
const char *case_amount_format(int64_t fen, char out[32]);
/* Purity "35.5" (percent, one decimal, 0-100) into tenths; "" is -1. 0 or -1. */
int case_purity_parse(const char *s, int *tenths);

/* ---- operations (case-file.c) ----
 *
 * Each runs in its own write transaction with its audit entries: it checks
 * that the case's division lies in the actor's area (outside it the answer
 * is STORE_NOTFOUND, as for a case that does not exist, and the attempt is
 * audited "denied"), applies the rule above, and writes. Returns 0,
 * STORE_NOTFOUND, CASE_INVALID (the reason in err, or in errs for the case
 * form), CASE_CONFLICT (a number taken, a suspect already in the case, a
 * case edited meanwhile; reason in err) or -1 (a system error in err).
 */
#define CASE_INVALID 2
#define CASE_CONFLICT 3

struct actor;

/* A new case at 受理 on c->accepted_date (its first step, doc_no its
 * document): sets c->id. errs/nerr as case_check; a number taken is
 * CASE_CONFLICT with the error on "number". */
int case_create(struct db *db, const struct actor *who, struct drug_case *c, const char *doc_no,
		struct field_error *errs, int *nerr, struct buf *err);
/* Changes the case's own fields (not its status or steps) when version is
 * the one the user saw; in holds every field. */
int case_update(struct db *db, const struct actor *who, int64_t id, int64_t version,
		const struct drug_case *in, struct field_error *errs, int *nerr, struct buf *err);
/* The case for a form (no audit: no personal data), in the actor's area. */
int case_load(struct db *db, const struct actor *who, int64_t id, struct arena *a,
	      struct drug_case *out, struct buf *err);

/* Moves the case to `to` on date (case_step_check). */
int case_step_add(struct db *db, const struct actor *who, int64_t case_id, enum case_status to,
		  int date, const char *doc_no, const char *note, struct buf *err);
/* s->case_id, drug (a key, name or alias), weight ... ; sets s->id. */
int case_seizure_add(struct db *db, const struct actor *who, struct seizure *s,
		     struct buf *err);
/* A destruction of the case's seizures ids[0..n-1]; sets d->id. */
int case_destroy(struct db *db, const struct actor *who, int64_t case_id, struct destruction *d,
		 const int64_t *ids, int n, struct buf *err);

/*
 * Adds a suspect by ID number: the person on file with that number (a
 * registered drug user or not, in any area) is linked, never copied;
 * otherwise a new person file is made with registered = 0, the name given,
 * in the suspect's home township when it lies in the county of the case,
 * else in the case's division. s->case_id, role, caught_*, home_division,
 * note are the suspect's; s->person_id is set. *created: a file was made;
 * *registered: the person is a registered drug user (在册).
 */
struct suspect_input {
	const char *id_number, *name, *phone;
};
int case_suspect_add(struct db *db, const struct actor *who, struct case_suspect *s,
		     const struct suspect_input *in, int *created, int *registered,
		     struct buf *err);
/*
 * The same inside the caller's transaction, for case c loaded in it (an
 * import writing many cases at once): every check of case_suspect_add,
 * the person found or made, the suspect, its audit entry, and the suspect
 * in the networks (case_network_suspect). Strings it sets in s live in a.
 * Returns as case_suspect_add; on anything but 0 the caller rolls back.
 */
int case_suspect_record(struct db *db, const struct actor *who, const struct drug_case *c,
			struct case_suspect *s, const struct suspect_input *in, struct arena *a,
			int *created, int *registered, struct buf *err);

/*
 * 打团伙: a suspect p of case c in the networks, inside the caller's
 * transaction: p's person entity (found by the ID number's keyed hash, or
 * added in the case's division), and a 同案 link (same_case) from each
 * other suspect of the case to p — dated the case's acceptance, with the
 * case's id and number, recorded in the case's division — unless one is on
 * record already. With audit, the entities and links added are audited.
 * *added (may be NULL) gets the number of links added. 0 or -1 (err).
 */
int case_network_suspect(struct db *db, const struct actor *who, const struct drug_case *c,
			 const struct person *p, int audit, int *added, struct buf *err);

/* A measure of suspect suspect_id of case case_id (case_measure_check). */
int case_measure_add(struct db *db, const struct actor *who, int64_t case_id,
		     struct suspect_measure *m, struct buf *err);
int case_asset_add(struct db *db, const struct actor *who, struct case_asset *as,
		   struct buf *err);

/* A case with everything recorded on it, as its page shows it. */
struct case_file {
	struct drug_case c;
	struct case_step *steps;
	struct seizure *seizures;
	struct seizure_total *totals;
	struct destruction *destructions;
	struct case_suspect *suspects;
	struct suspect_measure *measures;  /* of all suspects, by suspect then date */
	struct case_asset *assets;
	int nsteps, nseizures, ntotals, ndestructions, nsuspects, nmeasures, nassets;
};
/*
 * Opens a case for reading: the view is audited ("view", "case"), and, when
 * the reader is shown the suspects' personal data (persons: those who may
 * read person files; others see them masked), so is the view of each
 * suspect's file ("view", "person", one entry per suspect, as a person's
 * page is). A file not shown is not a view.
 */
int case_open(struct db *db, const struct actor *who, int64_t id, int persons, struct arena *a,
	      struct case_file *out, struct buf *err);
/* Everything recorded on case id, read without an audit entry or a check
 * of the area: for a list taken out of the system, which its caller
 * audits once (an export of the cases of the reader's area). */
int case_file_load(struct db *db, int64_t id, struct arena *a, struct case_file *out,
		   struct buf *err);
/* Audits a list or search of cases; what describes the filters. */
int case_audit_search(struct db *db, const struct actor *who, const char *what, int64_t results,
		      struct buf *err);

#endif
