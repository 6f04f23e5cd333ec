/* sqlite-assist.c - 协查 requests between areas, in SQLite. */
#include "sqlite.h"

#include "lib/timeutil.h"

#define ASSIST_COLS                                                                          \
	"SELECT q.id, q.person_id, coalesce(q.flag_id, 0), q.from_division, "                    \
	"coalesce(fd.name, ''), q.to_division, coalesce(td.name, ''), q.reason, q.status, "     \
	"q.found, q.answer, q.requested_by, q.requested_at, q.answered_by, q.answered_at, "     \
	"p.name, p.id_masked, coalesce(q.alert_id, 0), coalesce(u.name, '') "                   \
	"FROM assist_request q JOIN person p ON p.id = q.person_id "                              \
	"LEFT JOIN division fd ON fd.code = q.from_division "                                    \
	"LEFT JOIN division td ON td.code = q.to_division "                                      \
	"LEFT JOIN user u ON u.id = q.answered_by AND q.answered_by <> 0 "

static void read_assist(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct assist_request *q = p;
	q->id = sqlite3_column_int64(st, 0);
	q->person_id = sqlite3_column_int64(st, 1);
	q->flag_id = sqlite3_column_int64(st, 2);
	q->from_division = col_str(st, 3, a);
	q->from_name = col_str(st, 4, a);
	q->to_division = col_str(st, 5, a);
	q->to_name = col_str(st, 6, a);
	q->reason = col_str(st, 7, a);
	q->status = col_str(st, 8, a);
	q->found = sqlite3_column_int(st, 9);
	q->answer = col_str(st, 10, a);
	q->requested_by = sqlite3_column_int64(st, 11);
	q->requested_at = sqlite3_column_int64(st, 12);
	q->answered_by = sqlite3_column_int64(st, 13);
	q->answered_at = sqlite3_column_int64(st, 14);
	q->person_name = col_str(st, 15, a);
	q->person_id_masked = col_str(st, 16, a);
	q->alert_id = sqlite3_column_int64(st, 17);
	q->answered_name = col_str(st, 18, a);
}

int store_assist_add(struct db *db, struct assist_request *q, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO assist_request(person_id, flag_id, from_division, to_division, reason, "
		"status, requested_by, requested_at, alert_id) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, "
		"'requested', ?6, ?7, nullif(?8, 0))";
	q->requested_at = now_unix();
	if (db_exec(db, err, sql, "llssslll", q->person_id, q->flag_id, q->from_division,
		    q->to_division, q->reason, q->requested_by, q->requested_at, q->alert_id) < 0)
		return -1;
	q->id = sqlite3_last_insert_rowid(db->h);
	q->status = "requested";
	return 0;
}

int store_assist_get(struct db *db, int64_t id, struct arena *a, struct assist_request *out,
		     struct buf *err)
{
	static const char sql[] = ASSIST_COLS "WHERE q.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_assist, out, err);
}

int store_assist_answer(struct db *db, int64_t id, int found, const char *answer,
			int64_t user_id, struct buf *err)
{
	static const char sql[] =
		"UPDATE assist_request SET status = 'answered', found = ?2, answer = ?3, "
		"answered_by = ?4, answered_at = ?5 WHERE id = ?1 AND status = 'requested'";
	return db_exec1(db, err, sql, "lisll", id, found, answer, user_id, now_unix());
}

int store_assist_list(struct db *db, const char *prefix, int incoming, int days, struct arena *a,
		      struct assist_request **out, int *n, struct buf *err)
{
	static const char in_sql[] =
		ASSIST_COLS "WHERE q.to_division >= ?1 AND q.to_division < ?1 || ':' "
		"AND (q.status = 'requested' OR q.answered_at >= ?2) "
		"ORDER BY q.status = 'answered', q.id DESC";
	static const char out_sql[] =
		ASSIST_COLS "WHERE q.from_division >= ?1 AND q.from_division < ?1 || ':' "
		"AND (q.status = 'requested' OR q.answered_at >= ?2) "
		"ORDER BY q.status = 'answered', q.id DESC";
	return db_many(db, db_query(db, err, incoming ? in_sql : out_sql, "sl", prefix,
				    now_unix() - (int64_t)days * 86400),
		       a, sizeof(**out), read_assist, (void **)out, n, err);
}

int store_assist_of_person(struct db *db, int64_t person_id, struct arena *a,
			   struct assist_request **out, int *n, struct buf *err)
{
	static const char sql[] = ASSIST_COLS "WHERE q.person_id = ?1 ORDER BY q.id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_assist,
		       (void **)out, n, err);
}

int store_assist_of_alert(struct db *db, int64_t alert_id, struct arena *a,
			  struct assist_request **out, int *n, struct buf *err)
{
	static const char sql[] = ASSIST_COLS "WHERE q.alert_id = ?1 ORDER BY q.id";
	return db_many(db, db_query(db, err, sql, "l", alert_id), a, sizeof(**out), read_assist,
		       (void **)out, n, err);
}
