/* case-internal.h - what the files of case operations share: one case's transaction and its audit. */
#ifndef JINDU_CASE_INTERNAL_H
#define JINDU_CASE_INTERNAL_H

#include "domain/case.h"

/*
 * Every operation of case.h runs as:
 *
 *	struct drug_case c;
 *	int rc = case_begin(db, who, id, &a, &c, err);
 *	if (rc != 0)
 *		return rc;
 *	... check with the rules of case.c; write; case_audit ...
 *	return case_end(db, rc, err);
 *
 * Only src/domain/case-*.c include this header.
 */

/* id as text in buf. */
const char *case_idstr(char buf[24], int64_t id);
/* Begins the write transaction and loads case id when it lies in who's
 * area: 0, or STORE_NOTFOUND (rolled back; the attempt audited "denied"
 * when the case exists elsewhere) or -1, nothing left open. */
int case_begin(struct db *db, const struct actor *who, int64_t id, struct arena *a,
	       struct drug_case *c, struct buf *err);
/* Commits on rc == 0 (returning the commit's result), else rolls back and
 * returns rc. */
int case_end(struct db *db, int rc, struct buf *err);
/* The rule said no: msg into err, CASE_INVALID. */
int case_refuse(struct buf *err, const char *msg);
/* One audit entry about case c (entity "case"), inside the transaction. */
int case_audit(struct db *db, const struct actor *who, const char *action,
	       const struct drug_case *c, const char *summary, const json_t *changes,
	       struct buf *err);

#endif
