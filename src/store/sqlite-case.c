/* sqlite-case.c - 毒品案件 in SQLite: cases, steps, seizures, destructions, suspects, assets. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

static const char *s0(const char *s)
{
	return s ? s : "";
}

/* Runs an INSERT that may meet a unique key: STORE_CONFLICT then. */
static int insert_new(struct db *db, int rc)
{
	if (rc < 0)
		return -1;
	return sqlite3_changes(db->h) == 0 ? STORE_CONFLICT : 0;
}

/* ---- cases ---- */

#define CASE_COLS                                                                            \
	"SELECT c.id, c.number, c.name, c.type, c.source, c.status, c.division, "               \
	"coalesce(d.name, ''), coalesce(c.unit_id, 0), coalesce(u.name, ''), c.officers, "      \
	"c.place, c.occurred_date, c.accepted_date, c.status_date, c.description, c.early, "    \
	"c.target, c.online, c.small_packets, c.created_by, c.created_at, c.updated_at, "       \
	"c.version FROM drug_case c LEFT JOIN division d ON d.code = c.division "               \
	"LEFT JOIN unit u ON u.id = c.unit_id "

static void read_case(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct drug_case *c = p;
	c->id = sqlite3_column_int64(st, 0);
	c->number = col_str(st, 1, a);
	c->name = col_str(st, 2, a);
	c->type = col_str(st, 3, a);
	c->source = col_str(st, 4, a);
	c->status = col_str(st, 5, a);
	c->division = col_str(st, 6, a);
	c->division_name = col_str(st, 7, a);
	c->unit_id = sqlite3_column_int64(st, 8);
	c->unit_name = col_str(st, 9, a);
	c->officers = col_str(st, 10, a);
	c->place = col_str(st, 11, a);
	c->occurred_date = sqlite3_column_int(st, 12);
	c->accepted_date = sqlite3_column_int(st, 13);
	c->status_date = sqlite3_column_int(st, 14);
	c->description = col_str(st, 15, a);
	c->early = sqlite3_column_int(st, 16);
	c->target = sqlite3_column_int(st, 17);
	c->online = sqlite3_column_int(st, 18);
	c->small_packets = sqlite3_column_int(st, 19);
	c->created_by = sqlite3_column_int64(st, 20);
	c->created_at = sqlite3_column_int64(st, 21);
	c->updated_at = sqlite3_column_int64(st, 22);
	c->version = sqlite3_column_int64(st, 23);
}

int store_case_add(struct db *db, struct drug_case *c, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO drug_case(number, name, type, source, status, division, unit_id, "
		"officers, place, occurred_date, accepted_date, status_date, description, early, "
		"target, online, small_packets, created_by, created_at, updated_at) VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6, nullif(?7, 0), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
		"?19, ?19) ON CONFLICT(number) DO NOTHING";
	int64_t now = now_unix();
	int rc = insert_new(db, db_exec(db, err, sql, "ssssssls" "siiisiiiill", c->number, c->name,
					c->type, c->source, c->status, c->division, c->unit_id,
					s0(c->officers), s0(c->place), c->occurred_date,
					c->accepted_date, c->status_date, s0(c->description), c->early,
					c->target, c->online, c->small_packets, c->created_by, now));
	if (rc == 0) {
		c->id = sqlite3_last_insert_rowid(db->h);
		c->version = 1;
		c->created_at = c->updated_at = now;
	}
	return rc;
}

int store_case_update(struct db *db, struct drug_case *c, struct buf *err)
{
	static const char sql[] =
		"UPDATE drug_case SET number = ?3, name = ?4, type = ?5, source = ?6, status = ?7, "
		"division = ?8, unit_id = nullif(?9, 0), officers = ?10, place = ?11, "
		"occurred_date = ?12, accepted_date = ?13, status_date = ?14, description = ?15, "
		"early = ?16, target = ?17, online = ?18, small_packets = ?19, updated_at = ?20, "
		"version = version + 1 WHERE id = ?1 AND version = ?2";
	int64_t now = now_unix();
	int rc = db_exec1(db, err, sql, "llssssssl" "ssiiisiiiil", c->id, c->version, c->number,
			  c->name, c->type, c->source, c->status, c->division, c->unit_id,
			  s0(c->officers), s0(c->place), c->occurred_date, c->accepted_date,
			  c->status_date, s0(c->description), c->early, c->target, c->online,
			  c->small_packets, now);
	if (rc == 0) {
		c->version++;
		c->updated_at = now;
	}
	return rc;
}

int store_case_get(struct db *db, int64_t id, struct arena *a, struct drug_case *out,
		   struct buf *err)
{
	static const char sql[] = CASE_COLS "WHERE c.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_case, out, err);
}

int store_case_id_by_number(struct db *db, const char *number, int64_t *id, struct buf *err)
{
	static const char sql[] = "SELECT id FROM drug_case WHERE number = ?1";
	return db_one(db, db_query(db, err, sql, "s", number), NULL, read_int64, id, err);
}

/* ?1 the area's prefix (digits: every code under it sorts before
 * prefix || ':'); an empty or 0 value leaves its condition out. */
#define CASE_WHERE                                                                           \
	"WHERE c.division >= ?1 AND c.division < ?1 || ':' "                                    \
	"AND (?2 = '' OR c.status = ?2) AND (?3 = '' OR c.type = ?3) "                          \
	"AND (?4 = 0 OR c.accepted_date BETWEEN ?4 * 10000 + 101 AND ?4 * 10000 + 1231) "       \
	"AND (?5 = 0 OR c.unit_id = ?5) AND (?6 = 0 OR c.early = 1) "                           \
	"AND (?7 = 0 OR c.target = 1) AND (?8 = 0 OR c.online = 1) "                            \
	"AND (?9 = 0 OR c.small_packets = 1) "                                                  \
	"AND (?10 = '' OR instr(c.number, ?10) > 0 OR instr(c.name, ?10) > 0) "

int store_case_list(struct db *db, const struct case_filter *f, struct arena *a,
		    struct drug_case **out, int *n, int64_t *total, struct buf *err)
{
	static const char count_sql[] = "SELECT count(*) FROM drug_case c " CASE_WHERE;
	static const char list_sql[] =
		CASE_COLS CASE_WHERE "ORDER BY c.accepted_date DESC, c.id DESC LIMIT ?11 OFFSET ?12";
	sqlite3_stmt *st;

	st = db_query(db, err, count_sql, "sssiliiiis", f->prefix, s0(f->status), s0(f->type),
		      f->year, f->unit_id, f->early, f->target, f->online, f->small_packets,
		      s0(f->q));
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return db_many(db, db_query(db, err, list_sql, "sssiliiiisii", f->prefix, s0(f->status),
				    s0(f->type), f->year, f->unit_id, f->early, f->target,
				    f->online, f->small_packets, s0(f->q), f->limit, f->offset),
		       a, sizeof(**out), read_case, (void **)out, n, err);
}

static void read_text(sqlite3_stmt *st, struct arena *a, void *p)
{
	*(const char **)p = col_str(st, 0, a);
}

int store_case_drugs(struct db *db, const struct case_filter *f, struct arena *a,
		     const char ***out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT DISTINCT s.drug FROM seizure s JOIN drug_case c ON c.id = s.case_id "
		CASE_WHERE "ORDER BY s.drug";
	return db_many(db, db_query(db, err, sql, "sssiliiiis", f->prefix, s0(f->status),
				    s0(f->type), f->year, f->unit_id, f->early, f->target,
				    f->online, f->small_packets, s0(f->q)),
		       a, sizeof(**out), read_text, (void **)out, n, err);
}

/* ---- steps ---- */

static void read_step(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct case_step *s = p;
	s->id = sqlite3_column_int64(st, 0);
	s->case_id = sqlite3_column_int64(st, 1);
	s->status = col_str(st, 2, a);
	s->date = sqlite3_column_int(st, 3);
	s->doc_no = col_str(st, 4, a);
	s->note = col_str(st, 5, a);
	s->user_id = sqlite3_column_int64(st, 6);
	s->created_at = sqlite3_column_int64(st, 7);
	s->user_name = col_str(st, 8, a);
}

int store_case_step_add(struct db *db, struct case_step *s, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO case_step(case_id, status, date, doc_no, note, user_id, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	s->created_at = now_unix();
	if (db_exec(db, err, sql, "lsissll", s->case_id, s->status, s->date, s0(s->doc_no),
		    s0(s->note), s->user_id, s->created_at) < 0)
		return -1;
	s->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_case_steps(struct db *db, int64_t case_id, struct arena *a, struct case_step **out,
		     int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT s.id, s.case_id, s.status, s.date, s.doc_no, s.note, s.user_id, "
		"s.created_at, coalesce(u.name, '') FROM case_step s "
		"LEFT JOIN user u ON u.id = s.user_id WHERE s.case_id = ?1 ORDER BY s.id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_step,
		       (void **)out, n, err);
}

/* ---- seizures and destructions ---- */

static void read_seizure(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct seizure *s = p;
	s->id = sqlite3_column_int64(st, 0);
	s->case_id = sqlite3_column_int64(st, 1);
	s->drug = col_str(st, 2, a);
	s->weight_ug = sqlite3_column_int64(st, 3);
	s->purity = sqlite3_column_int(st, 4);
	s->packets = sqlite3_column_int(st, 5);
	s->place = col_str(st, 6, a);
	s->date = sqlite3_column_int(st, 7);
	s->note = col_str(st, 8, a);
	s->destruction_id = sqlite3_column_int64(st, 9);
	s->user_id = sqlite3_column_int64(st, 10);
	s->created_at = sqlite3_column_int64(st, 11);
}

int store_seizure_add(struct db *db, struct seizure *s, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO seizure(case_id, drug, weight_ug, purity, packets, place, date, note, "
		"user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	s->created_at = now_unix();
	if (db_exec(db, err, sql, "lsliisisll", s->case_id, s->drug, s->weight_ug, s->purity,
		    s->packets, s0(s->place), s->date, s0(s->note), s->user_id, s->created_at) < 0)
		return -1;
	s->id = sqlite3_last_insert_rowid(db->h);
	s->destruction_id = 0;
	return 0;
}

int store_seizures(struct db *db, int64_t case_id, struct arena *a, struct seizure **out, int *n,
		   struct buf *err)
{
	static const char sql[] =
		"SELECT id, case_id, drug, weight_ug, purity, packets, place, date, note, "
		"coalesce(destruction_id, 0), user_id, created_at FROM seizure WHERE case_id = ?1 "
		"ORDER BY date, id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_seizure,
		       (void **)out, n, err);
}

static void read_total(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct seizure_total *t = p;
	t->drug = col_str(st, 0, a);
	t->weight_ug = sqlite3_column_int64(st, 1);
	t->packets = sqlite3_column_int64(st, 2);
	t->seizures = sqlite3_column_int(st, 3);
}

int store_seizure_totals(struct db *db, int64_t case_id, struct arena *a,
			 struct seizure_total **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT drug, sum(weight_ug), sum(packets), count(*) FROM seizure WHERE case_id = ?1 "
		"GROUP BY drug ORDER BY drug";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_total,
		       (void **)out, n, err);
}

int store_destruction_add(struct db *db, struct destruction *d, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO destruction(division, date, place, witnesses, note, user_id, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	d->created_at = now_unix();
	if (db_exec(db, err, sql, "sisssll", d->division, d->date, d->place, d->witnesses,
		    s0(d->note), d->user_id, d->created_at) < 0)
		return -1;
	d->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_seizure_destroy(struct db *db, int64_t seizure_id, int64_t case_id,
			  int64_t destruction_id, struct buf *err)
{
	static const char sql[] =
		"UPDATE seizure SET destruction_id = ?3 WHERE id = ?1 AND case_id = ?2 "
		"AND destruction_id IS NULL";
	return db_exec1(db, err, sql, "lll", seizure_id, case_id, destruction_id);
}

static void read_destruction(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct destruction *d = p;
	d->id = sqlite3_column_int64(st, 0);
	d->division = col_str(st, 1, a);
	d->date = sqlite3_column_int(st, 2);
	d->place = col_str(st, 3, a);
	d->witnesses = col_str(st, 4, a);
	d->note = col_str(st, 5, a);
	d->user_id = sqlite3_column_int64(st, 6);
	d->created_at = sqlite3_column_int64(st, 7);
}

int store_case_destructions(struct db *db, int64_t case_id, struct arena *a,
			    struct destruction **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT id, division, date, place, witnesses, note, user_id, created_at "
		"FROM destruction WHERE id IN (SELECT destruction_id FROM seizure WHERE case_id = ?1) "
		"ORDER BY date, id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out),
		       read_destruction, (void **)out, n, err);
}

/* ---- suspects and their measures ---- */

#define SUSPECT_COLS                                                                         \
	"SELECT s.id, s.case_id, s.person_id, s.role, s.caught_date, s.caught_place, "          \
	"s.caught_division, s.home_division, s.outflow, s.note, s.user_id, s.created_at, "      \
	"p.name, p.id_masked, p.division, p.registered, coalesce(dc.name, ''), "                \
	"coalesce(dh.name, '') FROM case_suspect s JOIN person p ON p.id = s.person_id "         \
	"LEFT JOIN division dc ON dc.code = s.caught_division "                                  \
	"LEFT JOIN division dh ON dh.code = s.home_division "

static void read_suspect(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct case_suspect *s = p;
	s->id = sqlite3_column_int64(st, 0);
	s->case_id = sqlite3_column_int64(st, 1);
	s->person_id = sqlite3_column_int64(st, 2);
	s->role = col_str(st, 3, a);
	s->caught_date = sqlite3_column_int(st, 4);
	s->caught_place = col_str(st, 5, a);
	s->caught_division = col_str(st, 6, a);
	s->home_division = col_str(st, 7, a);
	s->outflow = sqlite3_column_int(st, 8);
	s->note = col_str(st, 9, a);
	s->user_id = sqlite3_column_int64(st, 10);
	s->created_at = sqlite3_column_int64(st, 11);
	s->person_name = col_str(st, 12, a);
	s->person_id_masked = col_str(st, 13, a);
	s->person_division = col_str(st, 14, a);
	s->person_registered = sqlite3_column_int(st, 15);
	s->caught_name = col_str(st, 16, a);
	s->home_name = col_str(st, 17, a);
}

int store_suspect_add(struct db *db, struct case_suspect *s, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO case_suspect(case_id, person_id, role, caught_date, caught_place, "
		"caught_division, home_division, outflow, note, user_id, created_at) VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(case_id, person_id) DO NOTHING";
	int rc;
	s->created_at = now_unix();
	rc = insert_new(db, db_exec(db, err, sql, "llsisssisll", s->case_id, s->person_id, s->role,
				    s->caught_date, s0(s->caught_place), s0(s->caught_division),
				    s0(s->home_division), s->outflow, s0(s->note), s->user_id,
				    s->created_at));
	if (rc == 0)
		s->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int store_suspect_get(struct db *db, int64_t id, struct arena *a, struct case_suspect *out,
		      struct buf *err)
{
	static const char sql[] = SUSPECT_COLS "WHERE s.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_suspect, out, err);
}

int store_suspects(struct db *db, int64_t case_id, struct arena *a, struct case_suspect **out,
		   int *n, struct buf *err)
{
	static const char sql[] = SUSPECT_COLS "WHERE s.case_id = ?1 ORDER BY s.id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_suspect,
		       (void **)out, n, err);
}

static void read_measure(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct suspect_measure *m = p;
	m->id = sqlite3_column_int64(st, 0);
	m->suspect_id = sqlite3_column_int64(st, 1);
	m->kind = col_str(st, 2, a);
	m->date = sqlite3_column_int(st, 3);
	m->doc_no = col_str(st, 4, a);
	m->sentence = col_str(st, 5, a);
	m->note = col_str(st, 6, a);
	m->user_id = sqlite3_column_int64(st, 7);
	m->created_at = sqlite3_column_int64(st, 8);
}

#define MEASURE_COLS                                                                         \
	"SELECT m.id, m.suspect_id, m.kind, m.date, m.doc_no, m.sentence, m.note, m.user_id, "  \
	"m.created_at FROM suspect_measure m "

int store_suspect_measure_add(struct db *db, struct suspect_measure *m, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO suspect_measure(suspect_id, kind, date, doc_no, sentence, note, "
		"user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
		"ON CONFLICT(suspect_id, kind) DO NOTHING";
	int rc;
	m->created_at = now_unix();
	rc = insert_new(db, db_exec(db, err, sql, "lsisssll", m->suspect_id, m->kind, m->date,
				    s0(m->doc_no), s0(m->sentence), s0(m->note), m->user_id,
				    m->created_at));
	if (rc == 0)
		m->id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int store_suspect_measures(struct db *db, int64_t suspect_id, struct arena *a,
			   struct suspect_measure **out, int *n, struct buf *err)
{
	static const char sql[] = MEASURE_COLS "WHERE m.suspect_id = ?1 ORDER BY m.date, m.id";
	return db_many(db, db_query(db, err, sql, "l", suspect_id), a, sizeof(**out), read_measure,
		       (void **)out, n, err);
}

int store_case_suspect_measures(struct db *db, int64_t case_id, struct arena *a,
				struct suspect_measure **out, int *n, struct buf *err)
{
	static const char sql[] =
		MEASURE_COLS "JOIN case_suspect s ON s.id = m.suspect_id WHERE s.case_id = ?1 "
		"ORDER BY m.suspect_id, m.date, m.id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_measure,
		       (void **)out, n, err);
}

static void read_person_case(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct person_case *x = p;
	x->case_id = sqlite3_column_int64(st, 0);
	x->number = col_str(st, 1, a);
	x->name = col_str(st, 2, a);
	x->status = col_str(st, 3, a);
	x->role = col_str(st, 4, a);
	x->accepted_date = sqlite3_column_int(st, 5);
}

int store_person_cases(struct db *db, int64_t person_id, const char *prefix, struct arena *a,
		       struct person_case **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT c.id, c.number, c.name, c.status, s.role, c.accepted_date "
		"FROM case_suspect s JOIN drug_case c ON c.id = s.case_id "
		"WHERE s.person_id = ?1 AND c.division >= ?2 AND c.division < ?2 || ':' "
		"ORDER BY c.accepted_date DESC, c.id DESC";
	return db_many(db, db_query(db, err, sql, "ls", person_id, prefix), a, sizeof(**out),
		       read_person_case, (void **)out, n, err);
}

/* ---- assets ---- */

static void read_asset(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct case_asset *x = p;
	x->id = sqlite3_column_int64(st, 0);
	x->case_id = sqlite3_column_int64(st, 1);
	x->category = col_str(st, 2, a);
	x->kind = col_str(st, 3, a);
	x->description = col_str(st, 4, a);
	x->amount_fen = sqlite3_column_int64(st, 5);
	x->date = sqlite3_column_int(st, 6);
	x->note = col_str(st, 7, a);
	x->user_id = sqlite3_column_int64(st, 8);
	x->created_at = sqlite3_column_int64(st, 9);
}

int store_asset_add(struct db *db, struct case_asset *as, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO case_asset(case_id, category, kind, description, amount_fen, date, note, "
		"user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	as->created_at = now_unix();
	if (db_exec(db, err, sql, "lssslisll", as->case_id, as->category, as->kind,
		    s0(as->description), as->amount_fen, as->date, s0(as->note), as->user_id,
		    as->created_at) < 0)
		return -1;
	as->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_assets(struct db *db, int64_t case_id, struct arena *a, struct case_asset **out, int *n,
		 struct buf *err)
{
	static const char sql[] =
		"SELECT id, case_id, category, kind, description, amount_fen, date, note, user_id, "
		"created_at FROM case_asset WHERE case_id = ?1 ORDER BY date, id";
	return db_many(db, db_query(db, err, sql, "l", case_id), a, sizeof(**out), read_asset,
		       (void **)out, n, err);
}
