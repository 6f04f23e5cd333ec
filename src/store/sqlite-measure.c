/* sqlite-measure.c - measures, their events and transfers of execution place, in SQLite. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

#define MEASURE_COLS                                                                          \
	"SELECT m.id, m.person_id, m.kind, m.status, m.decision_no, m.decision_date, m.authority, " \
	"m.division, coalesce(d.name, ''), coalesce(m.unit_id, 0), coalesce(m.worker_id, 0), "      \
	"coalesce(u.name, ''), m.agreement_date, m.report_deadline, m.start_date, m.planned_end, "  \
	"m.actual_end, m.end_reason, m.suspended_since, m.suspended_days, m.extended_days, "        \
	"coalesce(m.previous_id, 0), m.note, m.created_at, m.updated_at, m.version, "               \
	"m.records_from "                                                                           \
	"FROM measure m LEFT JOIN division d ON d.code = m.division "                               \
	"LEFT JOIN user u ON u.id = m.worker_id "
#define MEASURE_NCOLS 27

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
	m->records_from = sqlite3_column_int(st, 26);
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
		"previous_id, note, created_at, updated_at, records_from) VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6, ?7, nullif(?8, 0), nullif(?9, 0), ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"nullif(?19, 0), ?20, ?21, ?21, ?22)";
	int64_t now = now_unix();
	if (db_exec(db, err, sql, "lsssisslliiiiisiiilsli", m->person_id, m->kind, m->status,
		    s0(m->decision_no), m->decision_date, s0(m->authority), m->division, m->unit_id,
		    m->worker_id, m->agreement_date, m->report_deadline, m->start_date,
		    m->planned_end, m->actual_end, s0(m->end_reason), m->suspended_since,
		    m->suspended_days, m->extended_days, m->previous_id, s0(m->note), now,
		    m->records_from) < 0)
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

#define OPEN_MEASURE_COLS                                                                    \
	"SELECT m.id, m.person_id, m.kind, m.status, m.decision_no, m.decision_date, "            \
	"m.authority, m.division, coalesce(d.name, ''), coalesce(m.unit_id, 0), "               \
	"coalesce(m.worker_id, 0), coalesce(u.name, ''), m.agreement_date, m.report_deadline, "  \
	"m.start_date, m.planned_end, m.actual_end, m.end_reason, m.suspended_since, "           \
	"m.suspended_days, m.extended_days, coalesce(m.previous_id, 0), m.note, m.created_at, "  \
	"m.updated_at, m.version, m.records_from, p.name, p.id_masked, p.risk_level, "          \
	"p.control_status "
#define OPEN_MEASURE_JOINS                                                                   \
	"JOIN person p ON p.id = m.person_id "                                                  \
	"LEFT JOIN division d ON d.code = m.division LEFT JOIN user u ON u.id = m.worker_id "

/* Open measures of the area (?1) whose summary is not of the day ?2: every
 * open measure has its row in measure_due, kept in the measure's division
 * by triggers (sql/0005-worklist.sql). */
#define STALE_WHERE "WHERE w.division >= ?1 AND w.division < ?1 || ':' AND w.computed <> ?2 "

int store_measure_stale(struct db *db, const char *prefix, int today, struct arena *a,
			struct open_measure **out, int *n, struct buf *err)
{
	static const char sql[] =
		OPEN_MEASURE_COLS "FROM measure_due w CROSS JOIN measure m ON m.id = w.measure_id "
		OPEN_MEASURE_JOINS STALE_WHERE "ORDER BY m.id";
	return db_many(db, db_query(db, err, sql, "si", prefix, today), a, sizeof(**out),
		       read_open_measure, (void **)out, n, err);
}

int store_measure_stale_count(struct db *db, const char *prefix, int today, int64_t *n,
			      struct buf *err)
{
	static const char sql[] = "SELECT count(*) FROM measure_due w " STALE_WHERE;
	return db_one(db, db_query(db, err, sql, "si", prefix, today), NULL, read_int64, n, err);
}

int store_measure_due_put(struct db *db, const struct measure_due *d, struct buf *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO measure_due(measure_id, person_id, division, worker_id, "
		"person_name, computed, first_due, overdue, due_soon, missed_total, missed_in_row, "
		"report_due, report_state, test_due, test_state, visit_due, visit_state, talk_due, "
		"talk_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		"?15, ?16, ?17, ?18, ?19)";
	return db_exec(db, err, sql, "llslsiiiiiiiiiiiiii", d->measure_id, d->person_id,
		       d->division, d->worker_id, d->person_name, d->computed, d->first_due,
		       d->overdue, d->due_soon, d->missed_total, d->missed_in_row, d->due[0],
		       d->state[0], d->due[1], d->state[1], d->due[2], d->state[2], d->due[3],
		       d->state[3]);
}

/* The kept summaries of the day ?2 in the area ?1, of worker ?3 (0: all). */
#define WORK_WHERE                                                                           \
	"WHERE division >= ?1 AND division < ?1 || ':' AND computed = ?2 "                       \
	"AND (?3 = 0 OR worker_id = ?3) "

int store_work_counts(struct db *db, const char *prefix, int64_t worker_id, int today,
		      struct work_counts *out, struct buf *err)
{
	static const char sql[] =
		"SELECT coalesce(sum(overdue > 0), 0), coalesce(sum(overdue = 0 AND due_soon > 0), 0), "
		"count(*) FROM measure_due " WORK_WHERE;
	sqlite3_stmt *st = db_query(db, err, sql, "sil", prefix, today, worker_id);
	int rc;

	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc != SQLITE_ROW)
		return -1;
	out->overdue = sqlite3_column_int64(st, 0);
	out->soon = sqlite3_column_int64(st, 1);
	out->all = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return 0;
}

static void read_work_row(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct work_row *r = p;
	struct measure_due *d = &r->due;
	int c = MEASURE_NCOLS + 4, k;

	read_open_measure(st, a, &r->om);
	d->measure_id = r->om.m.id;
	d->person_id = r->om.m.person_id;
	d->worker_id = r->om.m.worker_id;
	d->division = r->om.m.division;
	d->person_name = r->om.person_name;
	d->computed = sqlite3_column_int(st, c++);
	d->first_due = sqlite3_column_int(st, c++);
	d->overdue = sqlite3_column_int(st, c++);
	d->due_soon = sqlite3_column_int(st, c++);
	d->missed_total = sqlite3_column_int(st, c++);
	d->missed_in_row = sqlite3_column_int(st, c++);
	for (k = 0; k < STORE_DUE_KINDS; k++) {
		d->due[k] = sqlite3_column_int(st, c++);
		d->state[k] = sqlite3_column_int(st, c++);
	}
}

/*
 * The page is chosen from measure_due alone (a small table, sorted by its
 * own columns), then joined to the measures and persons it names: the
 * area's thousands of open measures are never read for one page.
 */
#define WORK_ORDER(w) w "overdue DESC, " w "first_due = 0, " w "first_due, " w "person_name, " w "measure_id"
int store_work_page(struct db *db, const char *prefix, int64_t worker_id, int today,
		    enum work_view view, int offset, int limit, struct arena *a,
		    struct work_row **out, int *n, struct buf *err)
{
	static const char sql[] =
		OPEN_MEASURE_COLS ", w.computed, w.first_due, w.overdue, w.due_soon, "
		"w.missed_total, w.missed_in_row, w.report_due, w.report_state, w.test_due, "
		"w.test_state, w.visit_due, w.visit_state, w.talk_due, w.talk_state "
		"FROM (SELECT * FROM measure_due " WORK_WHERE
		"      AND (?4 = 2 OR overdue > 0 OR (?4 = 1 AND due_soon > 0)) "
		"      ORDER BY " WORK_ORDER("") " LIMIT ?5 OFFSET ?6) w "
		"CROSS JOIN measure m ON m.id = w.measure_id " OPEN_MEASURE_JOINS
		"ORDER BY " WORK_ORDER("w.");
	return db_many(db, db_query(db, err, sql, "silili", prefix, today, worker_id,
				    view == WORK_OVERDUE ? 0 : view == WORK_WEEK ? 1 : 2, limit,
				    offset),
		       a, sizeof(**out), read_work_row, (void **)out, n, err);
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
