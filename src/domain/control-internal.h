/* control-internal.h - what the files of person control share: one operation's transaction. */
#ifndef JINDU_CONTROL_INTERNAL_H
#define JINDU_CONTROL_INTERNAL_H

#include "domain/control.h"

/*
 * Every operation of control.h runs as:
 *
 *	struct control_op o;
 *	int rc = control_op_begin(&o, db, who, person_id, err);
 *	if (rc != 0)
 *		return rc;
 *	... check with o.pe, o.pol, o.today; write; audit; rc = 0 or an error ...
 *	return control_op_end(&o, rc, err);
 *
 * Only src/domain/control*.c include this header.
 */
struct control_op {
	struct db *db;
	const struct actor *who;
	struct arena a;        /* dies with the operation */
	struct person pe;      /* the person, loaded inside the transaction */
	struct policy pol;     /* the policy in force */
	int today;
};

/* Loads the policy, begins the write transaction and loads the person.
 * Outside the actor's area: STORE_NOTFOUND, as if there were no such
 * person, and the attempt is audited ("denied"). On any non-zero return
 * nothing is left open. */
int control_op_begin(struct control_op *o, struct db *db, const struct actor *who,
		     int64_t person_id, struct buf *err);

/* Finishes: on rc == 0 refreshes the person's derived facts and commits,
 * otherwise rolls back; releases o. Returns rc, or -1 when the commit
 * failed. */
int control_op_end(struct control_op *o, int rc, struct buf *err);

#endif
