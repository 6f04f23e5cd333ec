/* sqlite-feed.c - 动态管控预警 in SQLite: sources, the watchlist, batches, kept events, new alerts. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

/* Runs an INSERT that may meet its unique key: STORE_CONFLICT then. */
static int insert_new(struct db *db, int rc, struct buf *err)
{
	(void)err;
	if (rc < 0)
		return -1;
	return sqlite3_changes(db->h) == 0 ? STORE_CONFLICT : 0;
}

/* ---- sources ---- */

#define SOURCE_COLS "SELECT id, name, kind, label, coalesce(unit_id, 0), disabled, created_at FROM feed_source "

static void read_source(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct feed_source *s = p;
	s->id = sqlite3_column_int64(st, 0);
	s->name = col_str(st, 1, a);
	s->kind = col_str(st, 2, a);
	s->label = col_str(st, 3, a);
	s->unit_id = sqlite3_column_int64(st, 4);
	s->disabled = sqlite3_column_int(st, 5);
	s->created_at = sqlite3_column_int64(st, 6);
}

int store_source_add(struct db *db, struct feed_source *src, const char *token_hash,
		     struct buf *err)
{
	static const char sql[] =
		"INSERT INTO feed_source(name, kind, label, unit_id, token_hash, created_at) "
		"VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6) ON CONFLICT(name) DO NOTHING";
	int rc;
	src->created_at = now_unix();
	rc = insert_new(db, db_exec(db, err, sql, "ssslsl", src->name, src->kind, src->label,
				    src->unit_id, token_hash, src->created_at),
			err);
	if (rc == 0)
		src->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int store_source_by_name(struct db *db, const char *name, struct arena *a,
			 struct feed_source *out, struct buf *err)
{
	static const char sql[] = SOURCE_COLS "WHERE name = ?1";
	return db_one(db, db_query(db, err, sql, "s", name), a, read_source, out, err);
}

int store_source_by_token(struct db *db, const char *token_hash, struct arena *a,
			  struct feed_source *out, struct buf *err)
{
	static const char sql[] = SOURCE_COLS "WHERE token_hash = ?1 AND disabled = 0";
	return db_one(db, db_query(db, err, sql, "s", token_hash), a, read_source, out, err);
}

int store_source_list(struct db *db, struct arena *a, struct feed_source **out, int *n,
		      struct buf *err)
{
	static const char sql[] = SOURCE_COLS "ORDER BY name";
	return db_many(db, db_query(db, err, sql, ""), a, sizeof(**out), read_source, (void **)out,
		       n, err);
}

/* What every source's batches did in all, with its owner unit's name. */
#define SOURCE_ROW_SQL(where)                                                                 \
	"SELECT s.id, s.name, s.kind, s.label, coalesce(s.unit_id, 0), s.disabled, s.created_at, " \
	"coalesce(u.name, ''), count(b.id), coalesce(sum(b.lines_read), 0), "                     \
	"coalesce(sum(b.matched), 0), coalesce(sum(b.rejected), 0), "                             \
	"coalesce(max(b.finished_at), 0) FROM feed_source s "                                     \
	"LEFT JOIN unit u ON u.id = s.unit_id LEFT JOIN feed_batch b ON b.source_id = s.id "       \
	where " GROUP BY s.id ORDER BY s.name"

static void read_source_row(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct feed_source_row *r = p;
	read_source(st, a, &r->src);
	r->unit_name = col_str(st, 7, a);
	r->batches = sqlite3_column_int64(st, 8);
	r->read = sqlite3_column_int64(st, 9);
	r->matched = sqlite3_column_int64(st, 10);
	r->rejected = sqlite3_column_int64(st, 11);
	r->last_batch_at = sqlite3_column_int64(st, 12);
}

int store_source_rows(struct db *db, struct arena *a, struct feed_source_row **out, int *n,
		      struct buf *err)
{
	static const char sql[] = SOURCE_ROW_SQL("");
	return db_many(db, db_query(db, err, sql, ""), a, sizeof(**out), read_source_row,
		       (void **)out, n, err);
}

int store_source_row(struct db *db, const char *name, struct arena *a,
		     struct feed_source_row *out, struct buf *err)
{
	static const char sql[] = SOURCE_ROW_SQL("WHERE s.name = ?1");
	return db_one(db, db_query(db, err, sql, "s", name), a, read_source_row, out, err);
}

int store_source_set_disabled(struct db *db, int64_t id, int disabled, struct buf *err)
{
	static const char sql[] = "UPDATE feed_source SET disabled = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "li", id, disabled ? 1 : 0);
}

int store_source_set_token(struct db *db, int64_t id, const char *token_hash, struct buf *err)
{
	static const char sql[] = "UPDATE feed_source SET token_hash = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "ls", id, token_hash);
}

/* ---- the watchlist ---- */

/*
 * The lawful basis (DOMAIN.md §3): a measure not ended, or an open
 * 脱管失控 flag; never a closed file, nor the dead, those abroad or
 * three years clean.
 */
#define WATCH_SQL(where)                                                                      \
	"SELECT p.id, p.id_enc, p.name, p.division, p.risk_level, "                              \
	"coalesce((SELECT m.kind FROM measure m WHERE m.person_id = p.id AND m.status <> 'ended' " \
	"          ORDER BY m.decision_date DESC, m.id DESC LIMIT 1), ''), "                        \
	"EXISTS (SELECT 1 FROM control_flag f WHERE f.person_id = p.id AND f.kind = 'lost' "       \
	"        AND f.resolved_date = 0), "                                                        \
	"coalesce((SELECT m.worker_id FROM measure m WHERE m.person_id = p.id "                     \
	"          AND m.status <> 'ended' ORDER BY m.decision_date DESC, m.id DESC LIMIT 1), 0) "  \
	"FROM person p WHERE " where " AND p.closed_date = 0 "                                      \
	"AND p.control_status NOT IN ('dead', 'abroad', 'clean3y') "                                \
	"AND p.id IN (SELECT person_id FROM measure WHERE status <> 'ended' "                       \
	"             UNION SELECT person_id FROM control_flag WHERE kind = 'lost' "                \
	"             AND resolved_date = 0) "

static int read_watch(struct db *db, sqlite3_stmt *st, struct arena *a, struct watch_entry *w,
		      struct buf *err)
{
	struct buf plain = BUF_INIT;
	w->person_id = sqlite3_column_int64(st, 0);
	if (secret_open(&db->s->kr, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1),
			&plain) < 0 || plain.len >= sizeof(w->id_number)) {
		buf_setf(err, "person %lld: the ID number cannot be decrypted (wrong key file?)",
			 (long long)w->person_id);
		buf_release(&plain);
		return -1;
	}
	memcpy(w->id_number, plain.buf, plain.len + 1);
	buf_release(&plain);
	w->name = col_str(st, 2, a);
	w->division = col_str(st, 3, a);
	w->risk_level = col_str(st, 4, a);
	w->measure_kind = col_str(st, 5, a);
	w->lost = sqlite3_column_int(st, 6);
	w->worker_id = sqlite3_column_int64(st, 7);
	return 0;
}

int store_watchlist(struct db *db, struct arena *a, struct watch_entry **out, int *n,
		    struct buf *err)
{
	/* The same rule as WATCH_SQL for everyone at once: each person's
	 * running measure found by one pass over the open measures (measure_due
	 * has a row for each, kept by triggers; a sort per person would take
	 * minutes at 200,000 files), then only the files of those persons
	 * read. */
	static const char sql[] =
		"WITH cur AS (SELECT person_id, kind, worker_id FROM ("
		"  SELECT md.person_id, m.kind, md.worker_id, row_number() OVER "
		"  (PARTITION BY md.person_id ORDER BY m.decision_date DESC, m.id DESC) AS rn "
		"  FROM measure_due md JOIN measure m ON m.id = md.measure_id) WHERE rn = 1), "
		"lost AS (SELECT DISTINCT person_id FROM control_flag "
		"  WHERE kind = 'lost' AND resolved_date = 0), "
		"ids AS (SELECT person_id FROM cur UNION SELECT person_id FROM lost) "
		"SELECT p.id, p.id_enc, p.name, p.division, p.risk_level, coalesce(cur.kind, ''), "
		"lost.person_id IS NOT NULL, coalesce(cur.worker_id, 0) "
		"FROM ids CROSS JOIN person p ON p.id = ids.person_id "
		"LEFT JOIN cur ON cur.person_id = p.id LEFT JOIN lost ON lost.person_id = p.id "
		"WHERE p.closed_date = 0 AND p.control_status NOT IN ('dead', 'abroad', 'clean3y') "
		"ORDER BY p.id";
	sqlite3_stmt *st = db_query(db, err, sql, "");
	struct watch_entry *list = NULL;
	size_t nr = 0, alloc = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		if (read_watch(db, st, a, ARENA_PUSH(a, list, nr, alloc), err) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	if (rc < 0)
		return -1;
	*out = list;
	*n = (int)nr;
	return 0;
}

int store_watched(struct db *db, int64_t person_id, struct arena *a, struct watch_entry *out,
		  struct buf *err)
{
	static const char sql[] = WATCH_SQL("p.id = ?1");
	sqlite3_stmt *st = db_query(db, err, sql, "l", person_id);
	int rc;

	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	rc = read_watch(db, st, a, out, err);
	sqlite3_reset(st);
	return rc;
}

/* ---- batches, events, alerts ---- */

static void read_batch(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct feed_batch *b = p;
	b->id = sqlite3_column_int64(st, 0);
	b->source_id = sqlite3_column_int64(st, 1);
	b->digest = col_str(st, 2, a);
	b->name = col_str(st, 3, a);
	b->read = sqlite3_column_int64(st, 4);
	b->matched = sqlite3_column_int64(st, 5);
	b->unmatched = sqlite3_column_int64(st, 6);
	b->duplicates = sqlite3_column_int64(st, 7);
	b->rejected = sqlite3_column_int64(st, 8);
	b->alerts = sqlite3_column_int64(st, 9);
	b->user_id = sqlite3_column_int64(st, 10);
	b->started_at = sqlite3_column_int64(st, 11);
	b->finished_at = sqlite3_column_int64(st, 12);
}

int store_batch_find(struct db *db, int64_t source_id, const char *digest, struct arena *a,
		     struct feed_batch *out, struct buf *err)
{
	static const char sql[] =
		"SELECT id, source_id, digest, name, lines_read, matched, unmatched, duplicates, "
		"rejected, alerts, user_id, started_at, finished_at FROM feed_batch "
		"WHERE source_id = ?1 AND digest = ?2";
	return db_one(db, db_query(db, err, sql, "ls", source_id, digest), a, read_batch, out, err);
}

static void read_batch_row(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct feed_batch_row *r = p;
	read_batch(st, a, &r->b);
	r->who = col_str(st, 13, a);
}

int store_batch_list(struct db *db, int64_t source_id, int limit, int offset, struct arena *a,
		     struct feed_batch_row **out, int *n, int64_t *total, struct buf *err)
{
	static const char count_sql[] = "SELECT count(*) FROM feed_batch WHERE source_id = ?1";
	/* who: the batch's own audit entry, written in its transaction */
	static const char sql[] =
		"SELECT b.id, b.source_id, b.digest, b.name, b.lines_read, b.matched, b.unmatched, "
		"b.duplicates, b.rejected, b.alerts, b.user_id, b.started_at, b.finished_at, "
		"coalesce((SELECT au.login FROM audit au WHERE au.entity = 'feed_batch' "
		"          AND au.entity_id = CAST(b.id AS TEXT) AND au.action = 'ingest' "
		"          ORDER BY au.id LIMIT 1), "
		"         (SELECT us.login FROM user us WHERE us.id = b.user_id), '') "
		"FROM feed_batch b WHERE b.source_id = ?1 ORDER BY b.id DESC LIMIT ?2 OFFSET ?3";

	if (db_one(db, db_query(db, err, count_sql, "l", source_id), NULL, read_int64, total,
		   err) < 0)
		return -1;
	return db_many(db, db_query(db, err, sql, "lil", source_id, limit, (int64_t)offset), a,
		       sizeof(**out), read_batch_row, (void **)out, n, err);
}

int store_batch_add(struct db *db, struct feed_batch *b, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO feed_batch(source_id, digest, name, lines_read, matched, unmatched, "
		"duplicates, rejected, alerts, user_id, started_at, finished_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		"ON CONFLICT(source_id, digest) DO NOTHING";
	int rc = insert_new(db, db_exec(db, err, sql, "lsslllllllll", b->source_id, b->digest,
					b->name, b->read, b->matched, b->unmatched, b->duplicates,
					b->rejected, b->alerts, b->user_id, b->started_at,
					b->finished_at),
			    err);
	if (rc == 0)
		b->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int store_batch_counts(struct db *db, const struct feed_batch *b, struct buf *err)
{
	static const char sql[] =
		"UPDATE feed_batch SET lines_read = ?2, matched = ?3, unmatched = ?4, duplicates = ?5, "
		"rejected = ?6, alerts = ?7 WHERE id = ?1";
	return db_exec1(db, err, sql, "lllllll", b->id, b->read, b->matched, b->unmatched,
			b->duplicates, b->rejected, b->alerts);
}

int store_feed_event_add(struct db *db, struct feed_event *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO feed_event(source_id, event_id, batch_id, person_id, time, place, "
		"division, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT(source_id, event_id) DO NOTHING";
	int rc = insert_new(db, db_exec(db, err, sql, "lslllsss", e->source_id, e->event_id,
					e->batch_id, e->person_id, e->time, e->place, e->division,
					e->details),
			    err);
	if (rc == 0)
		e->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

static void read_event(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct feed_event *e = p;
	e->id = sqlite3_column_int64(st, 0);
	e->source_id = sqlite3_column_int64(st, 1);
	e->event_id = col_str(st, 2, a);
	e->batch_id = sqlite3_column_int64(st, 3);
	e->person_id = sqlite3_column_int64(st, 4);
	e->time = sqlite3_column_int64(st, 5);
	e->place = col_str(st, 6, a);
	e->division = col_str(st, 7, a);
	e->details = col_str(st, 8, a);
	e->source_label = col_str(st, 9, a);
	e->source_kind = col_str(st, 10, a);
}

int store_feed_events_of(struct db *db, int64_t person_id, int limit, struct arena *a,
			 struct feed_event **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT e.id, e.source_id, e.event_id, e.batch_id, e.person_id, e.time, e.place, "
		"e.division, e.details, CASE s.label WHEN '' THEN s.name ELSE s.label END, s.kind "
		"FROM feed_event e JOIN feed_source s ON s.id = e.source_id "
		"WHERE e.person_id = ?1 ORDER BY e.time DESC, e.id DESC LIMIT ?2";
	return db_many(db, db_query(db, err, sql, "li", person_id, limit), a, sizeof(**out),
		       read_event, (void **)out, n, err);
}

int store_alert_add(struct db *db, struct alert *al, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO alert(event_id, person_id, division, worker_id, priority, reason, "
		"status, sign_due, feedback_due, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'new', ?7, ?8, ?9)";
	if (db_exec(db, err, sql, "llslisll" "l", al->event_id, al->person_id, al->division,
		    al->worker_id, al->priority, al->reason, al->sign_due, al->feedback_due,
		    al->created_at) < 0)
		return -1;
	al->id = sqlite3_last_insert_rowid(db->h);
	al->status = "new";
	return 0;
}
