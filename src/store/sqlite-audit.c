/* sqlite-audit.c - the append-only audit log in SQLite. */
#include "sqlite.h"

#include <stdio.h>
#include <string.h>

int store_audit_head(struct db *db, int64_t *id, char hash[65], struct buf *err)
{
	static const char sql[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_query(db, err, sql, "");
	int rc;
	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	*id = 0;
	hash[0] = '\0';
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);
		*id = sqlite3_column_int64(st, 0);
		snprintf(hash, 65, "%s", h ? h : "");
	}
	sqlite3_reset(st);
	return 0;
}

int store_audit_insert(struct db *db, struct audit_entry *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO audit(id, ts, user_id, login, ip, action, entity, entity_id, division, "
		"summary, changes, prev_hash, hash) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	return db_exec(db, err, sql, "lllssssssssss", e->id, e->ts, e->user_id, e->login, e->ip,
		       e->action, e->entity, e->entity_id, e->division, e->summary, e->changes,
		       e->prev_hash, e->hash);
}

static void read_entry(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct audit_entry *e = p;
	e->id = sqlite3_column_int64(st, 0);
	e->ts = sqlite3_column_int64(st, 1);
	e->user_id = sqlite3_column_int64(st, 2);
	e->login = col_str(st, 3, a);
	e->ip = col_str(st, 4, a);
	e->action = col_str(st, 5, a);
	e->entity = col_str(st, 6, a);
	e->entity_id = col_str(st, 7, a);
	e->division = col_str(st, 8, a);
	e->summary = col_str(st, 9, a);
	e->changes = col_str(st, 10, a);
	e->prev_hash = col_str(st, 11, a);
	e->hash = col_str(st, 12, a);
}

#define AUDIT_COLS                                                                        \
	"SELECT id, ts, user_id, login, ip, action, entity, entity_id, division, summary, " \
	"changes, prev_hash, hash FROM audit "
/* Empty filter values match everything: each condition is "?N = '' OR col = ?N". */
#define AUDIT_WHERE                                                                      \
	"WHERE (?1 = '' OR login = ?1) AND (?2 = '' OR action = ?2) "                      \
	"AND (?3 = '' OR entity = ?3) AND (?4 = '' OR entity_id = ?4) "                    \
	"AND (?5 = 0 OR ts >= ?5) AND (?6 = 0 OR ts < ?6) "

int store_audit_list(struct db *db, const struct audit_filter *f, struct arena *a,
		     struct audit_entry **out, int *n, int64_t *total, struct buf *err)
{
	static const char count_sql[] = "SELECT count(*) FROM audit " AUDIT_WHERE;
	static const char sql[] = AUDIT_COLS AUDIT_WHERE "ORDER BY id DESC LIMIT ?7 OFFSET ?8";
	const char *login = f->login ? f->login : "", *action = f->action ? f->action : "";
	const char *entity = f->entity ? f->entity : "", *eid = f->entity_id ? f->entity_id : "";
	sqlite3_stmt *st;

	st = db_query(db, err, count_sql, "ssssll", login, action, entity, eid, f->from_ts, f->to_ts);
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	st = db_query(db, err, sql, "ssssllii", login, action, entity, eid, f->from_ts, f->to_ts,
		      f->limit, f->offset);
	return db_many(db, st, a, sizeof(**out), read_entry, (void **)out, n, err);
}

int store_audit_walk(struct db *db, int (*fn)(const struct audit_entry *, void *), void *ctx,
		     struct buf *err)
{
	static const char sql[] = AUDIT_COLS "ORDER BY id";
	sqlite3_stmt *st = db_query(db, err, sql, "");
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -1;
	while (!stop && (rc = db_step(db, st, err)) == SQLITE_ROW) {
		struct arena a = ARENA_INIT;
		struct audit_entry e;
		read_entry(st, &a, &e);
		stop = fn(&e, ctx);
		arena_release(&a);
	}
	sqlite3_reset(st);
	if (!stop && rc < 0)
		return -1;
	return stop;
}
