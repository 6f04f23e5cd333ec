/* sqlite-alert.c - alerts in SQLite: lists and counts of an area, one alert, its workflow steps, escalation. */
#include "sqlite.h"

#define ALERT_COLS                                                                           \
	"SELECT al.id, al.event_id, al.person_id, al.division, al.worker_id, al.priority, "      \
	"al.reason, al.status, al.sign_due, al.feedback_due, al.signed_by, al.signed_at, "      \
	"al.handled_by, al.handled_at, al.feedback, al.feedback_note, al.closed_by, "           \
	"al.closed_at, al.escalated_at, al.created_at, p.name, p.id_masked, "                   \
	"CASE s.label WHEN '' THEN s.name ELSE s.label END, e.place, e.division, e.details, "   \
	"e.time, (SELECT count(*) FROM assist_request q WHERE q.alert_id = al.id), "            \
	"(SELECT count(*) FROM assist_request q WHERE q.alert_id = al.id "                      \
	"  AND q.status = 'answered') "                                                         \
	"FROM alert al JOIN person p ON p.id = al.person_id "                                   \
	"JOIN feed_event e ON e.id = al.event_id JOIN feed_source s ON s.id = e.source_id "

/* ?1 the area, ?2 status, ?3 priority, ?4 overdue, ?5 now, ?6 person,
 * ?7 source, ?8 and ?9 the period, ?10 late, ?11 and ?12 on time. */
#define ALERT_WHERE                                                                          \
	"WHERE al.division >= ?1 AND al.division < ?1 || ':' "                                   \
	"AND (?2 = '' OR al.status = ?2) AND (?3 = 0 OR al.priority = ?3) "                      \
	"AND (?4 = 0 OR " OVERDUE("?5") ") AND (?6 = 0 OR al.person_id = ?6) "                 \
	"AND (?7 = 0 OR (SELECT fe.source_id FROM feed_event fe WHERE fe.id = al.event_id) = ?7) " \
	"AND (?8 = 0 OR al.created_at >= ?8) AND (?9 = 0 OR al.created_at < ?9) "                \
	"AND (?10 = 0 OR " LATE("?5") ") AND (?11 = 0 OR " SIGNED_ON_TIME ") "                   \
	"AND (?12 = 0 OR " ANSWERED_ON_TIME ") "

static void read_alert(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct alert_row *r = p;
	struct alert *al = &r->al;
	al->id = sqlite3_column_int64(st, 0);
	al->event_id = sqlite3_column_int64(st, 1);
	al->person_id = sqlite3_column_int64(st, 2);
	al->division = col_str(st, 3, a);
	al->worker_id = sqlite3_column_int64(st, 4);
	al->priority = sqlite3_column_int(st, 5);
	al->reason = col_str(st, 6, a);
	al->status = col_str(st, 7, a);
	al->sign_due = sqlite3_column_int64(st, 8);
	al->feedback_due = sqlite3_column_int64(st, 9);
	al->signed_by = sqlite3_column_int64(st, 10);
	al->signed_at = sqlite3_column_int64(st, 11);
	al->handled_by = sqlite3_column_int64(st, 12);
	al->handled_at = sqlite3_column_int64(st, 13);
	al->feedback = col_str(st, 14, a);
	al->feedback_note = col_str(st, 15, a);
	al->closed_by = sqlite3_column_int64(st, 16);
	al->closed_at = sqlite3_column_int64(st, 17);
	al->escalated_at = sqlite3_column_int64(st, 18);
	al->created_at = sqlite3_column_int64(st, 19);
	r->person_name = col_str(st, 20, a);
	r->person_id_masked = col_str(st, 21, a);
	r->source_label = col_str(st, 22, a);
	r->place = col_str(st, 23, a);
	r->event_division = col_str(st, 24, a);
	r->details = col_str(st, 25, a);
	r->event_time = sqlite3_column_int64(st, 26);
	r->assists = sqlite3_column_int64(st, 27);
	r->assists_answered = sqlite3_column_int64(st, 28);
}

int store_alert_list(struct db *db, const struct alert_filter *f, struct arena *a,
		     struct alert_row **out, int *n, int64_t *total, struct buf *err)
{
	static const char count_sql[] = "SELECT count(*) FROM alert al " ALERT_WHERE;
	/* overdue and high priority first, then the newest */
	static const char sql[] = ALERT_COLS ALERT_WHERE
		"ORDER BY al.status IN ('handled', 'closed'), " OVERDUE("?5") " DESC, al.priority, "
		"al.id DESC LIMIT ?13 OFFSET ?14";
	const char *status = f->status ? f->status : "";

	if (db_one(db, db_query(db, err, count_sql, "ssiillllliii", f->prefix, status,
				f->priority, f->overdue, f->now, f->person_id, f->source_id,
				f->created_from, f->created_to, f->late, f->signed_on_time,
				f->answered_on_time),
		   NULL, read_int64, total, err) < 0)
		return -1;
	return db_many(db, db_query(db, err, sql, "ssiillllliiiil", f->prefix, status, f->priority,
				    f->overdue, f->now, f->person_id, f->source_id,
				    f->created_from, f->created_to, f->late, f->signed_on_time,
				    f->answered_on_time, f->limit, (int64_t)f->offset),
		       a, sizeof(**out), read_alert, (void **)out, n, err);
}

int store_alert_get(struct db *db, int64_t id, struct arena *a, struct alert_row *out,
		    struct buf *err)
{
	static const char sql[] = ALERT_COLS "WHERE al.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_alert, out, err);
}

int store_alert_step(struct db *db, int64_t id, const char *from, const char *to,
		     int64_t user_id, int64_t at, const char *feedback, const char *note,
		     struct buf *err)
{
	static const char sql[] =
		"UPDATE alert SET status = ?3, "
		"signed_by = CASE ?3 WHEN 'signed' THEN ?4 ELSE signed_by END, "
		"signed_at = CASE ?3 WHEN 'signed' THEN ?5 ELSE signed_at END, "
		"handled_by = CASE ?3 WHEN 'handled' THEN ?4 ELSE handled_by END, "
		"handled_at = CASE ?3 WHEN 'handled' THEN ?5 ELSE handled_at END, "
		"feedback = CASE ?3 WHEN 'handled' THEN ?6 ELSE feedback END, "
		"feedback_note = CASE ?3 WHEN 'handled' THEN ?7 ELSE feedback_note END, "
		"closed_by = CASE ?3 WHEN 'closed' THEN ?4 ELSE closed_by END, "
		"closed_at = CASE ?3 WHEN 'closed' THEN ?5 ELSE closed_at END "
		"WHERE id = ?1 AND status = ?2";
	return db_exec1(db, err, sql, "lssllss", id, from, to, user_id, at, feedback ? feedback : "",
			note ? note : "");
}

int store_alert_counts(struct db *db, const char *prefix, int64_t now, struct alert_counts *out,
		       struct buf *err)
{
	static const char sql[] =
		"SELECT coalesce(sum(al.status = 'new'), 0), coalesce(sum(al.status = 'signed'), 0), "
		"coalesce(sum(al.status = 'handled'), 0), coalesce(sum(al.status = 'closed'), 0), "
		"coalesce(sum(" OVERDUE("?2") "), 0) FROM alert al "
		"WHERE al.division >= ?1 AND al.division < ?1 || ':'";
	sqlite3_stmt *st = db_query(db, err, sql, "sl", prefix, now);
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	out->fresh = sqlite3_column_int64(st, 0);
	out->signed_ = sqlite3_column_int64(st, 1);
	out->handled = sqlite3_column_int64(st, 2);
	out->closed = sqlite3_column_int64(st, 3);
	out->overdue = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	return 0;
}

int store_alert_escalate(struct db *db, int64_t now, struct arena *a, int64_t **ids, int *n,
			 struct buf *err)
{
	static const char sel[] =
		"SELECT al.id FROM alert al WHERE al.escalated_at = 0 AND al.status IN ('new', 'signed') "
		"AND " OVERDUE("?1");
	static const char upd[] = "UPDATE alert SET escalated_at = ?2 WHERE id = ?1";
	int i;
	if (db_many(db, db_query(db, err, sel, "l", now), a, sizeof(**ids), read_int64,
		    (void **)ids, n, err) < 0)
		return -1;
	for (i = 0; i < *n; i++)
		if (db_exec(db, err, upd, "ll", (*ids)[i], now) < 0)
			return -1;
	return 0;
}

int store_alert_times(struct db *db, const struct alert *al, struct buf *err)
{
	static const char sql[] =
		"UPDATE alert SET created_at = ?2, sign_due = ?3, feedback_due = ?4, signed_at = ?5, "
		"handled_at = ?6, closed_at = ?7, escalated_at = ?8 WHERE id = ?1";
	return db_exec1(db, err, sql, "llllllll", al->id, al->created_at, al->sign_due,
			al->feedback_due, al->signed_at, al->handled_at, al->closed_at,
			al->escalated_at);
}

int store_alert_escalation_due(struct db *db, int64_t now, struct buf *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM alert al WHERE al.escalated_at = 0 "
		"AND al.status IN ('new', 'signed') AND " OVERDUE("?1") ")";
	int64_t any = 0;
	if (db_one(db, db_query(db, err, sql, "l", now), NULL, read_int64, &any, err) < 0)
		return -1;
	return any ? 1 : 0;
}

static void read_tally(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct alert_tally *t = p;
	t->key = col_str(st, 0, a);
	t->label = col_str(st, 1, a);
	t->total = sqlite3_column_int64(st, 2);
	t->fresh = sqlite3_column_int64(st, 3);
	t->signed_ = sqlite3_column_int64(st, 4);
	t->handled = sqlite3_column_int64(st, 5);
	t->closed = sqlite3_column_int64(st, 6);
	t->overdue = sqlite3_column_int64(st, 7);
	t->signed_on_time = sqlite3_column_int64(st, 8);
	t->answered_on_time = sqlite3_column_int64(st, 9);
	t->late = sqlite3_column_int64(st, 10);
}

/* ?1 the area, [?2, ?3) the period, ?4 now. */
#define TALLY_COLS                                                                           \
	"count(*), sum(al.status = 'new'), sum(al.status = 'signed'), "                          \
	"sum(al.status = 'handled'), sum(al.status = 'closed'), sum(" OVERDUE("?4") "), "         \
	"sum(" SIGNED_ON_TIME "), sum(" ANSWERED_ON_TIME "), sum(" LATE("?4") ") "
#define TALLY_WHERE                                                                          \
	"WHERE al.division >= ?1 AND al.division < ?1 || ':' "                                   \
	"AND al.created_at >= ?2 AND al.created_at < ?3 "

int store_alert_tally(struct db *db, const char *prefix, int64_t start, int64_t end, int64_t now,
		      enum alert_group by, struct arena *a, struct alert_tally **out, int *n,
		      struct buf *err)
{
	/* the township: the first 9 digits, or the area itself when narrower */
	static const char by_division[] =
		"SELECT substr(al.division, 1, max(9, length(?1))) AS k, '', " TALLY_COLS
		"FROM alert al " TALLY_WHERE "GROUP BY k ORDER BY k";
	static const char by_source[] =
		"SELECT s.name AS k, CASE s.label WHEN '' THEN s.name ELSE s.label END, " TALLY_COLS
		"FROM alert al JOIN feed_event e ON e.id = al.event_id "
		"JOIN feed_source s ON s.id = e.source_id " TALLY_WHERE "GROUP BY s.id ORDER BY k";
	return db_many(db, db_query(db, err, by == ALERT_BY_SOURCE ? by_source : by_division,
				    "slll", prefix, start, end, now),
		       a, sizeof(**out), read_tally, (void **)out, n, err);
}
