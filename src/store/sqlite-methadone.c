/* sqlite-methadone.c - methadone maintenance months in SQLite, and their counts for bulletins. */
#include "sqlite.h"

#include "lib/timeutil.h"

#define MONTH_COLS                                                                          \
	"id, person_id, month, clinic, days_due, days_taken, dose_tenths, source, user_id, " \
	"created_at, updated_at"

static void read_month(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct methadone_month *m = p;
	m->id = sqlite3_column_int64(st, 0);
	m->person_id = sqlite3_column_int64(st, 1);
	m->month = sqlite3_column_int(st, 2);
	m->clinic = col_str(st, 3, a);
	m->days_due = sqlite3_column_int(st, 4);
	m->days_taken = sqlite3_column_int(st, 5);
	m->dose_tenths = sqlite3_column_int(st, 6);
	m->source = col_str(st, 7, a);
	m->user_id = sqlite3_column_int64(st, 8);
	m->created_at = sqlite3_column_int64(st, 9);
	m->updated_at = sqlite3_column_int64(st, 10);
}

int store_methadone_get(struct db *db, int64_t person_id, int month, struct arena *a,
			struct methadone_month *out, struct buf *err)
{
	static const char sql[] =
		"SELECT " MONTH_COLS " FROM methadone_month WHERE person_id = ?1 AND month = ?2";
	return db_one(db, db_query(db, err, sql, "li", person_id, month), a, read_month, out, err);
}

int store_methadone_put(struct db *db, struct methadone_month *m, struct buf *err)
{
	/* One statement either way: the (person_id, month) pair is unique. */
	static const char sql[] =
		"INSERT INTO methadone_month(person_id, month, clinic, days_due, days_taken, "
		"dose_tenths, source, user_id, created_at, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) "
		"ON CONFLICT(person_id, month) DO UPDATE SET clinic = excluded.clinic, "
		"days_due = excluded.days_due, days_taken = excluded.days_taken, "
		"dose_tenths = excluded.dose_tenths, source = excluded.source, "
		"user_id = excluded.user_id, updated_at = excluded.updated_at "
		"RETURNING id, created_at";
	int64_t now = now_unix();
	sqlite3_stmt *st = db_query(db, err, sql, "lisiiisll", m->person_id, m->month,
				    m->clinic ? m->clinic : "", m->days_due, m->days_taken,
				    m->dose_tenths, m->source, m->user_id, now);
	int rc = st ? db_step(db, st, err) : -1;
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			buf_setf(err, "database error: no row written for the month");
		}
		return -1;
	}
	m->id = sqlite3_column_int64(st, 0);
	m->created_at = sqlite3_column_int64(st, 1);
	m->updated_at = now;
	/* finish the statement so the write completes before the reset */
	if (db_step(db, st, err) < 0)
		return -1;
	sqlite3_reset(st);
	return 0;
}

int store_methadone_list(struct db *db, int64_t person_id, struct arena *a,
			 struct methadone_month **out, int *n, struct buf *err)
{
	static const char sql[] = "SELECT " MONTH_COLS " FROM methadone_month WHERE person_id = ?1 "
				  "ORDER BY month DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_month,
		       (void **)out, n, err);
}

static void read_counts(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct methadone_counts *c = p;
	(void)a;
	c->enrolled = sqlite3_column_int64(st, 0);
	c->recorded = sqlite3_column_int64(st, 1);
	c->months = sqlite3_column_int64(st, 2);
	c->days_due = sqlite3_column_int64(st, 3);
	c->days_taken = sqlite3_column_int64(st, 4);
}

int store_methadone_counts(struct db *db, const char *prefix, int from_month, int to_month,
			   struct methadone_counts *out, struct buf *err)
{
	/* Files of the area not closed before the range began; an enrolment
	 * counts when it ran during some of its months (?3, ?4: the first
	 * and, as a day no month passes, the 31st of the last). */
	static const char sql[] =
		"SELECT (SELECT count(DISTINCT a.person_id) FROM assistance a "
		"  JOIN person p ON p.id = a.person_id "
		"  WHERE a.kind = 'methadone' AND a.start_date <= ?4 "
		"  AND (a.end_date = 0 OR a.end_date >= ?3) "
		"  AND p.division >= ?1 AND p.division < ?1 || ':' "
		"  AND (p.closed_date = 0 OR p.closed_date >= ?3)), "
		" count(DISTINCT m.person_id), count(m.id), coalesce(sum(m.days_due), 0), "
		" coalesce(sum(m.days_taken), 0) "
		"FROM methadone_month m JOIN person p ON p.id = m.person_id "
		"WHERE m.month BETWEEN ?2 AND ?5 AND p.division >= ?1 AND p.division < ?1 || ':' "
		"AND (p.closed_date = 0 OR p.closed_date >= ?3)";
	return db_one(db, db_query(db, err, sql, "siiii", prefix, from_month, from_month * 100 + 1,
				   to_month * 100 + 31, to_month),
		      NULL, read_counts, out, err) < 0 ? -1 : 0;
}
