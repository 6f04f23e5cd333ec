/* sqlite-control.c - tests, contacts, absences, flags, assistance and policy versions in SQLite. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

static const char *s0(const char *s)
{
	return s ? s : "";
}

/* ---- drug tests ---- */

static void read_test(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct drug_test *t = p;
	t->id = sqlite3_column_int64(st, 0);
	t->person_id = sqlite3_column_int64(st, 1);
	t->measure_id = sqlite3_column_int64(st, 2);
	t->date = sqlite3_column_int(st, 3);
	t->method = col_str(st, 4, a);
	t->result = col_str(st, 5, a);
	t->substances = col_str(st, 6, a);
	t->tester = col_str(st, 7, a);
	t->sample_no = col_str(st, 8, a);
	t->note = col_str(st, 9, a);
	t->user_id = sqlite3_column_int64(st, 10);
	t->created_at = sqlite3_column_int64(st, 11);
}

int store_test_add(struct db *db, struct drug_test *t, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO drug_test(person_id, measure_id, date, method, result, substances, tester, "
		"sample_no, note, user_id, created_at) "
		"VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	t->created_at = now_unix();
	if (db_exec(db, err, sql, "llissssssll", t->person_id, t->measure_id, t->date,
		    t->method, t->result, s0(t->substances), s0(t->tester), s0(t->sample_no),
		    s0(t->note), t->user_id, t->created_at) < 0)
		return -1;
	t->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_tests(struct db *db, int64_t person_id, struct arena *a, struct drug_test **out, int *n,
		struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, coalesce(measure_id, 0), date, method, result, substances, "
		"tester, sample_no, note, user_id, created_at FROM drug_test WHERE person_id = ?1 "
		"ORDER BY date DESC, id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_test,
		       (void **)out, n, err);
}

/* ---- contacts (visits, talks, reports) ---- */

static void read_contact(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct contact *c = p;
	c->id = sqlite3_column_int64(st, 0);
	c->person_id = sqlite3_column_int64(st, 1);
	c->measure_id = sqlite3_column_int64(st, 2);
	c->kind = col_str(st, 3, a);
	c->date = sqlite3_column_int(st, 4);
	c->outcome = col_str(st, 5, a);
	c->note = col_str(st, 6, a);
	c->user_id = sqlite3_column_int64(st, 7);
	c->created_at = sqlite3_column_int64(st, 8);
}

int store_contact_add(struct db *db, struct contact *c, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO contact(person_id, measure_id, kind, date, outcome, note, user_id, "
		"created_at) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8)";
	c->created_at = now_unix();
	if (db_exec(db, err, sql, "llsissll", c->person_id, c->measure_id, c->kind, c->date,
		    c->outcome, s0(c->note), c->user_id, c->created_at) < 0)
		return -1;
	c->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_contacts(struct db *db, int64_t person_id, struct arena *a, struct contact **out, int *n,
		   struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, coalesce(measure_id, 0), kind, date, outcome, note, user_id, "
		"created_at FROM contact WHERE person_id = ?1 ORDER BY date DESC, id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_contact,
		       (void **)out, n, err);
}

/* ---- absences from the county ---- */

static void read_absence(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct absence *ab = p;
	ab->id = sqlite3_column_int64(st, 0);
	ab->person_id = sqlite3_column_int64(st, 1);
	ab->measure_id = sqlite3_column_int64(st, 2);
	ab->start_date = sqlite3_column_int(st, 3);
	ab->end_date = sqlite3_column_int(st, 4);
	ab->permitted = sqlite3_column_int(st, 5);
	ab->destination = col_str(st, 6, a);
	ab->note = col_str(st, 7, a);
	ab->user_id = sqlite3_column_int64(st, 8);
	ab->created_at = sqlite3_column_int64(st, 9);
}

int store_absence_add(struct db *db, struct absence *ab, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO absence(person_id, measure_id, start_date, end_date, permitted, "
		"destination, note, user_id, created_at) "
		"VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	ab->created_at = now_unix();
	if (db_exec(db, err, sql, "lliiissll", ab->person_id, ab->measure_id, ab->start_date,
		    ab->end_date, ab->permitted, s0(ab->destination), s0(ab->note), ab->user_id,
		    ab->created_at) < 0)
		return -1;
	ab->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_absence_end(struct db *db, int64_t id, int end_date, struct buf *err)
{
	static const char sql[] = "UPDATE absence SET end_date = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "li", id, end_date);
}

int store_absences(struct db *db, int64_t person_id, struct arena *a, struct absence **out, int *n,
		   struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, coalesce(measure_id, 0), start_date, end_date, permitted, "
		"destination, note, user_id, created_at FROM absence WHERE person_id = ?1 "
		"ORDER BY start_date DESC, id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_absence,
		       (void **)out, n, err);
}

/* ---- flags: lost contact, relapse, serious violation ---- */

static void read_flag(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct control_flag *f = p;
	f->id = sqlite3_column_int64(st, 0);
	f->person_id = sqlite3_column_int64(st, 1);
	f->kind = col_str(st, 2, a);
	f->date = sqlite3_column_int(st, 3);
	f->reason = col_str(st, 4, a);
	f->evidence = col_str(st, 5, a);
	f->resolved_date = sqlite3_column_int(st, 6);
	f->resolution = col_str(st, 7, a);
	f->user_id = sqlite3_column_int64(st, 8);
	f->created_at = sqlite3_column_int64(st, 9);
}

int store_flag_add(struct db *db, struct control_flag *f, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO control_flag(person_id, kind, date, reason, evidence, user_id, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	f->created_at = now_unix();
	if (db_exec(db, err, sql, "lsissll", f->person_id, f->kind, f->date, s0(f->reason),
		    s0(f->evidence), f->user_id, f->created_at) < 0)
		return -1;
	f->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_flag_get(struct db *db, int64_t id, struct arena *a, struct control_flag *out,
		   struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, kind, date, reason, evidence, resolved_date, resolution, "
		"user_id, created_at FROM control_flag WHERE id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_flag, out, err);
}

int store_flag_resolve(struct db *db, int64_t id, int date, const char *resolution,
		       struct buf *err)
{
	static const char sql[] =
		"UPDATE control_flag SET resolved_date = ?2, resolution = ?3 "
		"WHERE id = ?1 AND resolved_date = 0";
	return db_exec1(db, err, sql, "lis", id, date, s0(resolution));
}

int store_flags(struct db *db, int64_t person_id, struct arena *a, struct control_flag **out,
		int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, kind, date, reason, evidence, resolved_date, resolution, "
		"user_id, created_at FROM control_flag WHERE person_id = ?1 ORDER BY date DESC, id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_flag,
		       (void **)out, n, err);
}

/* ---- assistance ---- */

static void read_assistance(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct assistance *as = p;
	as->id = sqlite3_column_int64(st, 0);
	as->person_id = sqlite3_column_int64(st, 1);
	as->kind = col_str(st, 2, a);
	as->start_date = sqlite3_column_int(st, 3);
	as->end_date = sqlite3_column_int(st, 4);
	as->provider = col_str(st, 5, a);
	as->detail = col_str(st, 6, a);
	as->user_id = sqlite3_column_int64(st, 7);
	as->created_at = sqlite3_column_int64(st, 8);
}

int store_assistance_add(struct db *db, struct assistance *as, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO assistance(person_id, kind, start_date, end_date, provider, detail, "
		"user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	as->created_at = now_unix();
	if (db_exec(db, err, sql, "lsiissll", as->person_id, as->kind, as->start_date,
		    as->end_date, s0(as->provider), s0(as->detail), as->user_id,
		    as->created_at) < 0)
		return -1;
	as->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_assistances(struct db *db, int64_t person_id, struct arena *a, struct assistance **out,
		      int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT id, person_id, kind, start_date, end_date, provider, detail, user_id, "
		"created_at FROM assistance WHERE person_id = ?1 ORDER BY start_date DESC, id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out),
		       read_assistance, (void **)out, n, err);
}

/* ---- activities in bulk, for worklists ---- */

static void read_activity(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct activity_row *r = p;
	const char *k = (const char *)sqlite3_column_text(st, 1);
	(void)a;
	r->person_id = sqlite3_column_int64(st, 0);
	/* The four kinds are constants: no copy per row. */
	r->kind = !strcmp(k, "test") ? "test" : !strcmp(k, "visit") ? "visit"
		  : !strcmp(k, "talk") ? "talk" : "report";
	r->date = sqlite3_column_int(st, 2);
}

int store_activities_stale(struct db *db, const char *prefix, int today, struct arena *a,
			   struct activity_row **out, int *n, struct buf *err)
{
	static const char sql[] =
		"WITH stale AS (SELECT DISTINCT person_id FROM measure_due "
		" WHERE division >= ?1 AND division < ?1 || ':' AND computed <> ?2), "
		"open AS (SELECT m.person_id, min(m.decision_date) AS since "
		" FROM stale s CROSS JOIN measure m WHERE m.person_id = s.person_id "
		" AND m.status <> 'ended' AND m.division >= ?1 AND m.division < ?1 || ':' "
		" GROUP BY m.person_id) "
		/* open measures drive the join (CROSS JOIN keeps that order), so
		 * each person's records are found through their index */
		"SELECT t.person_id, 'test', t.date FROM open o CROSS JOIN drug_test t "
		" WHERE t.person_id = o.person_id AND t.date >= o.since "
		" AND t.result IN ('negative', 'positive') "
		"UNION ALL SELECT c.person_id, c.kind, c.date FROM open o CROSS JOIN contact c "
		" WHERE c.person_id = o.person_id AND c.date >= o.since AND c.outcome = 'met' "
		"ORDER BY 1, 3";
	return db_many(db, db_query(db, err, sql, "si", prefix, today), a, sizeof(**out),
		       read_activity, (void **)out, n, err);
}

int store_person_ids_under_control(struct db *db, struct arena *a, int64_t **out, int *n,
				   struct buf *err)
{
	static const char sql[] =
		"SELECT person_id FROM measure WHERE status <> 'ended' "
		"UNION SELECT person_id FROM control_flag WHERE resolved_date = 0 ORDER BY 1";
	return db_many(db, db_query(db, err, sql, ""), a, sizeof(**out), read_int64, (void **)out,
		       n, err);
}

/* ---- derived facts on the person ---- */

int store_person_set_control(struct db *db, int64_t id, const char *control_status,
			     struct buf *err)
{
	static const char sql[] =
		"UPDATE person SET control_status = ?2, updated_at = ?3 WHERE id = ?1";
	return db_exec1(db, err, sql, "lsl", id, control_status, now_unix());
}

int store_person_set_risk(struct db *db, int64_t id, const char *level, int score,
			  const char *detail, struct buf *err)
{
	static const char sql[] =
		"UPDATE person SET risk_level = ?2, risk_score = ?3, risk_detail = ?4 WHERE id = ?1";
	return db_exec1(db, err, sql, "lsis", id, level, score, s0(detail));
}

int store_person_set_clean(struct db *db, int64_t id, int clean_since, int clean_done,
			   struct buf *err)
{
	static const char sql[] = "UPDATE person SET clean_since = ?2, clean_done = ?3 WHERE id = ?1";
	return db_exec1(db, err, sql, "lii", id, clean_since, clean_done);
}

/* ---- policy versions ---- */

int store_policy_latest(struct db *db, struct arena *a, int *version, const char **json,
			struct buf *err)
{
	static const char sql[] = "SELECT version, body FROM policy ORDER BY version DESC LIMIT 1";
	sqlite3_stmt *st = db_query(db, err, sql, "");
	int rc;
	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	*version = sqlite3_column_int(st, 0);
	*json = col_str(st, 1, a);
	sqlite3_reset(st);
	return 0;
}

int store_policy_add(struct db *db, const char *json, const char *note, int64_t user_id,
		     int *version, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO policy(version, body, note, user_id, created_at) "
		"VALUES ((SELECT coalesce(max(version), 0) + 1 FROM policy), ?1, ?2, ?3, ?4)";
	static const char ver[] = "SELECT max(version) FROM policy";
	sqlite3_stmt *st;
	if (db_exec(db, err, sql, "ssll", json, s0(note), user_id, now_unix()) < 0)
		return -1;
	st = db_query(db, err, ver, "");
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	*version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}
