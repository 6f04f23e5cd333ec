/* sqlite-measure.c - measures, their events and transfers of execution place, in SQLite. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

#define MEASURE_COLS                                                                          \
	"SELECT m.id, m.person_id, m.kind, m.status, m.decision_no, m.decision_date, m.authority, " \
	"m.division, coalesce(d.name, ''), coalesce(m.unit_id, 0), coalesce(m.worker_id, 0), "      \
	"coalesce(u.name, ''), m.agreement_date, m.report_deadline, m.start_date, m.planned_end, "  \
	"m.actual_end, m.end_reason, m.suspended_since, m.suspended_days, m.extended_days, "        \
	"coalesce(m.previous_id, 0), m.note, m.created_at, m.updated_at, m.version "                \
	"FROM measure m LEFT JOIN division d ON d.code = m.division "                               \
	"LEFT JOIN user u ON u.id = m.worker_id "
#define MEASURE_NCOLS 26

static void read_measure(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct measure *m = p;
	m->id = sqlite3_column_int64(st, 0);
	m->person_id = sqlite3_column_int64(st, 1);
	m->kind = col_str(st, 2, a);
	m->status = col_str(st, 3, a);
	m->decision_no = col_str(st, 4, a);
	m->decision_date = sqlite3_column_int(st, 5);
	m->authority = col_str(st, 6, a);
	m->division = col_str(st, 7, a);
	m->division_name = col_str(st, 8, a);
	m->unit_id = sqlite3_column_int64(st, 9);
	m->worker_id = sqlite3_column_int64(st, 10);
	m->worker_name = col_str(st, 11, a);
	m->agreement_date = sqlite3_column_int(st, 12);
	m->report_deadline = sqlite3_column_int(st, 13);
	m->start_date = sqlite3_column_int(st, 14);
	m->planned_end = sqlite3_column_int(st, 15);
	m->actual_end = sqlite3_column_int(st, 16);
	m->end_reason = col_str(st, 17, a);
	m->suspended_since = sqlite3_column_int(st, 18);
	m->suspended_days = sqlite3_column_int(st, 19);
	m->extended_days = sqlite3_column_int(st, 20);
	m->previous_id = sqlite3_column_int64(st, 21);
	m->note = col_str(st, 22, a);
	m->created_at = sqlite3_column_int64(st, 23);
	m->updated_at = sqlite3_column_int64(st, 24);
	m->version = sqlite3_column_int64(st, 25);
}

static const char *s0(const char *s)
{
	return s ? s : "";
}

int store_measure_add(struct db *db, struct measure *m, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO measure(person_id, kind, status, decision_no, decision_date, authority, "
		"division, unit_id, worker_id, agreement_date, report_deadline, start_date, "
		"planned_end, actual_end, end_reason, suspended_since, suspended_days, extended_days, "
		"previous_id, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"nullif(?8, 0), nullif(?9, 0), ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"nullif(?19, 0), ?20, ?21, ?21)";
	int64_t now = now_unix();
	if (db_exec(db, err, sql, "lsssisslliiiiisiiilsl", m->person_id, m->kind, m->status,
		    s0(m->decision_no), m->decision_date, s0(m->authority), m->division, m->unit_id,
		    m->worker_id, m->agreement_date, m->report_deadline, m->start_date,
		    m->planned_end, m->actual_end, s0(m->end_reason), m->suspended_since,
		    m->suspended_days, m->extended_days, m->previous_id, s0(m->note), now) < 0)
		return -1;
	m->id = sqlite3_last_insert_rowid(db->h);
	m->version = 1;
	m->created_at = m->updated_at = now;
	return 0;
}

int store_measure_update(struct db *db, struct measure *m, struct buf *err)
{
	static const char sql[] =
		"UPDATE measure SET status = ?3, decision_no = ?4, decision_date = ?5, authority = ?6, "
		"division = ?7, unit_id = nullif(?8, 0), worker_id = nullif(?9, 0), "
		"agreement_date = ?10, report_deadline = ?11, start_date = ?12, planned_end = ?13, "
		"actual_end = ?14, end_reason = ?15, suspended_since = ?16, suspended_days = ?17, "
		"extended_days = ?18, note = ?19, updated_at = ?20, version = version + 1 "
		"WHERE id = ?1 AND version = ?2";
	int64_t now = now_unix();
	int rc = db_exec1(db, err, sql, "llssisslliiiiisiiisl", m->id, m->version, m->status,
			  s0(m->decision_no), m->decision_date, s0(m->authority), m->division,
			  m->unit_id, m->worker_id, m->agreement_date, m->report_deadline,
			  m->start_date, m->planned_end, m->actual_end, s0(m->end_reason),
			  m->suspended_since, m->suspended_days, m->extended_days, s0(m->note), now);
	if (rc == 0) {
		m->version++;
		m->updated_at = now;
	}
	return rc;
}

int store_measure_get(struct db *db, int64_t id, struct arena *a, struct measure *out,
		      struct buf *err)
{
	static const char sql[] = MEASURE_COLS "WHERE m.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_measure, out, err);
}

int store_measure_list(struct db *db, int64_t person_id, struct arena *a, struct measure **out,
		       int *n, struct buf *err)
{
	static const char sql[] =
		MEASURE_COLS "WHERE m.person_id = ?1 ORDER BY m.decision_date DESC, m.id DESC";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_measure,
		       (void **)out, n, err);
}

int store_measure_event_add(struct db *db, struct measure_event *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO measure_event(measure_id, kind, date, doc_no, note, user_id, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	e->created_at = now_unix();
	if (db_exec(db, err, sql, "lsissll", e->measure_id, e->kind, e->date, s0(e->doc_no),
		    s0(e->note), e->user_id, e->created_at) < 0)
		return -1;
	e->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static void read_event(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct measure_event *e = p;
	e->id = sqlite3_column_int64(st, 0);
	e->measure_id = sqlite3_column_int64(st, 1);
	e->kind = col_str(st, 2, a);
	e->date = sqlite3_column_int(st, 3);
	e->doc_no = col_str(st, 4, a);
	e->note = col_str(st, 5, a);
	e->user_id = sqlite3_column_int64(st, 6);
	e->created_at = sqlite3_column_int64(st, 7);
}

int store_measure_events(struct db *db, int64_t person_id, struct arena *a,
			 struct measure_event **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT e.id, e.measure_id, e.kind, e.date, e.doc_no, e.note, e.user_id, e.created_at "
		"FROM measure_event e JOIN measure m ON m.id = e.measure_id WHERE m.person_id = ?1 "
		"ORDER BY e.date, e.id";
	return db_many(db, db_query(db, err, sql, "l", person_id), a, sizeof(**out), read_event,
		       (void **)out, n, err);
}

/* A measure's columns, then its person's. */
static void read_open_measure(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct open_measure *o = p;
	read_measure(st, a, &o->m);
	o->person_name = col_str(st, MEASURE_NCOLS, a);
	o->person_id_masked = col_str(st, MEASURE_NCOLS + 1, a);
	o->risk_level = col_str(st, MEASURE_NCOLS + 2, a);
	o->control_status = col_str(st, MEASURE_NCOLS + 3, a);
}

int store_measure_open(struct db *db, const char *prefix, int64_t worker_id, struct arena *a,
		       struct open_measure **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT m.id, m.person_id, m.kind, m.status, m.decision_no, m.decision_date, "
		"m.authority, m.division, coalesce(d.name, ''), coalesce(m.unit_id, 0), "
		"coalesce(m.worker_id, 0), coalesce(u.name, ''), m.agreement_date, m.report_deadline, "
		"m.start_date, m.planned_end, m.actual_end, m.end_reason, m.suspended_since, "
		"m.suspended_days, m.extended_days, coalesce(m.previous_id, 0), m.note, m.created_at, "
		"m.updated_at, m.version, p.name, p.id_masked, p.risk_level, p.control_status "
		"FROM measure m JOIN person p ON p.id = m.person_id "
		"LEFT JOIN division d ON d.code = m.division LEFT JOIN user u ON u.id = m.worker_id "
		"WHERE m.status <> 'ended' AND m.division GLOB ?1 || '*' AND (?2 = 0 OR m.worker_id = ?2) "
		"ORDER BY m.division, p.name, m.id";
	return db_many(db, db_query(db, err, sql, "sl", prefix, worker_id), a, sizeof(**out),
		       read_open_measure, (void **)out, n, err);
}

/* ---- transfers ---- */

#define TRANSFER_COLS                                                                          \
	"SELECT id, measure_id, from_division, to_division, reason, status, requested_by, "       \
	"requested_at, decided_by, decided_at, decision_note FROM transfer "

static void read_transfer(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct transfer *t = p;
	t->id = sqlite3_column_int64(st, 0);
	t->measure_id = sqlite3_column_int64(st, 1);
	t->from_division = col_str(st, 2, a);
	t->to_division = col_str(st, 3, a);
	t->reason = col_str(st, 4, a);
	t->status = col_str(st, 5, a);
	t->requested_by = sqlite3_column_int64(st, 6);
	t->requested_at = sqlite3_column_int64(st, 7);
	t->decided_by = sqlite3_column_int64(st, 8);
	t->decided_at = sqlite3_column_int64(st, 9);
	t->decision_note = col_str(st, 10, a);
}

int store_transfer_add(struct db *db, struct transfer *t, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO transfer(measure_id, from_division, to_division, reason, status, "
		"requested_by, requested_at) VALUES (?1, ?2, ?3, ?4, 'requested', ?5, ?6)";
	t->requested_at = now_unix();
	if (db_exec(db, err, sql, "lsssll", t->measure_id, t->from_division, t->to_division,
		    s0(t->reason), t->requested_by, t->requested_at) < 0)
		return -1;
	t->id = sqlite3_last_insert_rowid(db->h);
	t->status = "requested";
	return 0;
}

int store_transfer_get(struct db *db, int64_t id, struct arena *a, struct transfer *out,
		       struct buf *err)
{
	static const char sql[] = TRANSFER_COLS "WHERE id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_transfer, out, err);
}

int store_transfer_decide(struct db *db, int64_t id, const char *status, int64_t user_id,
			  const char *note, struct buf *err)
{
	static const char sql[] =
		"UPDATE transfer SET status = ?2, decided_by = ?3, decided_at = ?4, decision_note = ?5 "
		"WHERE id = ?1 AND status = 'requested'";
	return db_exec1(db, err, sql, "lslls", id, status, user_id, now_unix(), s0(note));
}

int store_transfer_pending(struct db *db, const char *prefix, int incoming, struct arena *a,
			   struct transfer **out, int *n, struct buf *err)
{
	static const char in_sql[] =
		TRANSFER_COLS "WHERE status = 'requested' AND to_division GLOB ?1 || '*' ORDER BY id";
	static const char out_sql[] =
		TRANSFER_COLS "WHERE status = 'requested' AND from_division GLOB ?1 || '*' ORDER BY id";
	return db_many(db, db_query(db, err, incoming ? in_sql : out_sql, "s", prefix), a,
		       sizeof(**out), read_transfer, (void **)out, n, err);
}
