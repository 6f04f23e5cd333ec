/* audit.h - who did what to which record: the hash-chained audit log. */
#ifndef JINDU_AUDIT_H
#define JINDU_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/role.h"
#include "store/store.h"

/* The person acting: a signed-in user, an API client, or the command line. */
struct actor {
	int64_t user_id;     /* 0 for the command line */
	const char *login;   /* "" or the login; "cli" for the command line */
	const char *ip;      /* client address, "" for the command line */
	enum role role;
	const char *prefix;  /* the jurisdiction subtree they may see */
};

/*
 * Appends one entry. Must run inside the caller's write transaction
 * (db_begin), so the entry commits or rolls back with the change it
 * describes and concurrent writers cannot fork the chain. changes is a JSON
 * object {"field": [before, after]} or NULL. Returns 0 or -1 with err.
 */
int audit_log(struct db *db, const struct actor *who, const char *action, const char *entity,
	      const char *entity_id, const char *division, const char *summary,
	      const json_t *changes, struct buf *err);

/* The same in its own transaction, for events that change nothing else
 * (a view of a person's file, a search, a login). */
int audit_log_tx(struct db *db, const struct actor *who, const char *action, const char *entity,
		 const char *entity_id, const char *division, const char *summary,
		 const json_t *changes, struct buf *err);

/* Adds "field": [before, after] to changes when before and after differ. */
void audit_diff_str(json_t *changes, const char *field, const char *before, const char *after);
void audit_diff_int(json_t *changes, const char *field, int64_t before, int64_t after);

struct audit_report {
	int64_t checked;   /* entries whose hash was recomputed */
	int64_t bad_id;    /* first entry changed, or the entry after a removed one; 0 if none */
	char reason[160];
	char head[65];     /* hash of the last entry: write it down to anchor the log */
};
/* Recomputes the chain. Returns 0 when intact, 1 when broken (report says
 * where), -1 on a database error. */
int audit_verify(struct db *db, struct audit_report *rep, struct buf *err);

#endif
