/* sqlite-indicator.c - the indicators' counts per township and the records behind them; the test periods and clean days kept for them. */
#include "sqlite.h"

/*
 * Every count has three statements over the same records: grouped by
 * township (one query for the whole area, whatever its size), counted,
 * and listed a page at a time. Their parameters are always, in order:
 *
 *   ?1 the area (a division prefix)   ?2 ?3 the period's first and last day
 *   ?4 ?5 its instants [start, end)   ?6 ?7 its last and first month (YYYYMM)
 *   ?8 ?9 a page's limit and offset (lists only)
 *
 * and a statement uses the first k of them: its format string says which.
 * Figures that stand at the period's end read the monthly tally of
 * sql/0015-indicators.sql (STOCK), figures of what happened in the period
 * its monthly rows (FLOW); methadone (persons, however many months) and
 * alerts (instants) read the records, as every list does. A list's
 * condition is the rule its tally's spans and events were made by,
 * written for the period: a list whose length differed from its figure
 * would show a tally out of step (`jindu indicators --check`).
 */
#define ALL_FMT "siilliiii"

/* The township of a record's division column: its first nine digits, or
 * the area's own code when the area is narrower. */
#define TOWN(col) "substr(" col ", 1, max(9, length(?1)))"
#define IN_AREA(col) col " >= ?1 AND " col " < ?1 || ':'"

/* At the end of the period's last month (?6): the spans not ended less
 * what began or ended after that month. */
#define STOCK(series)                                                                         \
	"SELECT k, sum(v) FROM ("                                                                  \
	"SELECT " TOWN("division") " AS k, n AS v FROM indicator_tally "                          \
	"WHERE series = '" series "' AND month = 0 AND " IN_AREA("division") " "                  \
	"UNION ALL SELECT " TOWN("division") ", -n FROM indicator_tally "                         \
	"WHERE series = '" series "' AND month > ?6 AND " IN_AREA("division") ") "                \
	"GROUP BY k ORDER BY k"
#define STOCK_FMT "siilli"
/* What fell in the period's months (?7 to ?6). */
#define FLOW(series)                                                                          \
	"SELECT " TOWN("division") " AS k, sum(n) FROM indicator_tally "                          \
	"WHERE series = '" series "' AND month BETWEEN ?7 AND ?6 AND " IN_AREA("division") " "    \
	"GROUP BY k ORDER BY k"
#define FLOW_FMT "siillii"

/* The columns of struct count_record, in order. */
#define COLS(id, division, d1, d2, detail, number)                                             \
	"SELECT " id ", p.id, p.name, p.id_masked, " division ", coalesce(dv.name, ''), " d1 ", "  \
	d2 ", " detail ", " number " "

struct count_sql {
	const char *by_town, *by_town_fmt;  /* NULL: figures from other counts */
	const char *count, *count_fmt;
	const char *list;                   /* ALL_FMT */
};

/* One count: the grouped query, and its records: the tables the
 * condition reads, the joins the list adds to show them (the count does
 * without), the division column, the condition, the columns, the order. */
#define COUNT(by_town, by_fmt, tables, joins, divcol, where, fmt, cols, order)                 \
	{ by_town, by_fmt, "SELECT count(*) FROM " tables " WHERE " where, fmt,                    \
	  cols "FROM " tables joins " LEFT JOIN division dv ON dv.code = " divcol " WHERE " where  \
	  " ORDER BY " order " LIMIT ?8 OFFSET ?9" }

/* A registered file at the period's last day (?3). */
#define REGISTERED_AT_END                                                                      \
	IN_AREA("p.division") " AND p.registered = 1 AND p.first_found_date BETWEEN 1 AND ?3 "    \
	"AND (p.closed_date = 0 OR p.closed_date > ?3)"
#define LOST_AT_END                                                                            \
	"f.kind = 'lost' AND f.date <= ?3 AND (f.resolved_date = 0 OR f.resolved_date > ?3)"
#define PERSON_COLS(detail)                                                                    \
	COLS("p.id", "p.division", "p.first_found_date", "p.closed_date", detail, "0")

/* A measure of the kinds (an SQL list) decided by ?3 and not ended by it. */
#define IN_EFFECT(kinds)                                                                       \
	"m.kind IN (" kinds ") AND m.decision_date <= ?3 "                                         \
	"AND (m.status <> 'ended' OR m.actual_end > ?3) AND " IN_AREA("m.division")
/* ... reported by ?3 and not ended by it. */
#define EXECUTING(kinds)                                                                       \
	"m.kind IN (" kinds ") AND m.start_date BETWEEN 1 AND ?3 "                                 \
	"AND (m.status <> 'ended' OR m.actual_end > ?3) AND " IN_AREA("m.division")
#define MEASURE_TABLES "measure m"
#define MEASURE_JOINS " JOIN person p ON p.id = m.person_id"
#define MEASURE_COLS(detail)                                                                   \
	COLS("m.id", "m.division", "m.decision_date", "m.start_date", detail, "0")
#define MEASURE_ORDER "m.decision_date DESC, m.id DESC"
#define IN_EFFECT_COUNT(kind)                                                                  \
	COUNT(STOCK("measure_" kind), STOCK_FMT, MEASURE_TABLES, MEASURE_JOINS, "m.division",      \
	      IN_EFFECT("'" kind "'"), "sii", MEASURE_COLS("m.status"), MEASURE_ORDER)
#define EXECUTING_COUNT(kind)                                                                  \
	COUNT(STOCK(kind "_executing"), STOCK_FMT, MEASURE_TABLES, MEASURE_JOINS, "m.division",    \
	      EXECUTING("'" kind "'"), "sii",                                                      \
	      COLS("m.id", "m.division", "m.start_date", "m.decision_date", "m.status", "0"),      \
	      "m.start_date DESC, m.id DESC")

/* Due to report in the period: the deadline in it, unless the measure
 * ended unreported by the deadline (then nothing was due, as in
 * obligation.c); reported: on or before the deadline. */
/* Due to report in the period: the deadline in it, unless the measure
 * ended unreported by the deadline (then nothing was due, as in
 * obligation.c); reported: on or before the deadline. */
#define REPORT_DUE(kind)                                                                       \
	"m.kind = '" kind "' AND m.report_deadline BETWEEN ?2 AND ?3 "                             \
	"AND NOT (m.start_date = 0 AND m.status = 'ended' AND m.actual_end <= m.report_deadline)"
#define REPORTED(kind) REPORT_DUE(kind) " AND m.start_date BETWEEN 1 AND m.report_deadline"
#define REPORT_COUNT(series, cond)                                                             \
	COUNT(FLOW(series), FLOW_FMT, MEASURE_TABLES, MEASURE_JOINS, "m.division",                 \
	      cond " AND " IN_AREA("m.division"), "sii",                                           \
	      COLS("m.id", "m.division", "m.report_deadline", "m.start_date", "m.status", "0"),   \
	      "m.report_deadline DESC, m.id DESC")

#define TEST_TABLES "test_period t"
#define TEST_JOINS " JOIN measure m ON m.id = t.measure_id JOIN person p ON p.id = t.person_id"
#define TEST_DUE "t.due BETWEEN ?2 AND ?3 AND " IN_AREA("t.division")
#define TEST_COLS                                                                              \
	COLS("t.measure_id", "t.division", "t.due", "t.done_date", "m.kind", "t.period_start")

/* An employment record running on ?3, of the measure's person (found by
 * the person: there are few, where the kind's index holds thousands). */
#define EMPLOYED_AT_END                                                                        \
	"(SELECT min(a.start_date) FROM assistance a INDEXED BY assistance_person_kind "          \
	"WHERE a.person_id = m.person_id "                                                         \
	"AND a.kind = 'employment' AND a.start_date <= ?3 AND (a.end_date = 0 OR a.end_date >= ?3))"

#define HELP_TABLES "assistance a JOIN person p ON p.id = a.person_id"
#define HELP_COUNT(series, kinds, detail)                                                      \
	COUNT(FLOW(series), FLOW_FMT, HELP_TABLES, "", "p.division",                               \
	      "a.kind IN (" kinds ") AND a.start_date BETWEEN ?2 AND ?3 AND " IN_AREA("p.division"), \
	      "sii", COLS("a.id", "p.division", "a.start_date", "a.end_date", detail, "0"),        \
	      "a.start_date DESC, a.id DESC")
#define OTHER_HELP "'training', 'counselling', 'medical', 'subsistence'"

#define METHADONE_TABLES                                                                       \
	"(SELECT person_id, count(*) AS months, max(month) AS last_month FROM methadone_month "    \
	"WHERE month BETWEEN ?7 AND ?6 GROUP BY person_id) mm JOIN person p ON p.id = mm.person_id"

/* Alerts made in the period (instants ?4, ?5), by the alert's area. */
#define ALERT_IN_PERIOD                                                                        \
	"al.created_at >= ?4 AND al.created_at < ?5 AND " IN_AREA("al.division")
#define ALERT_BY_TOWN(cond)                                                                    \
	"SELECT " TOWN("al.division") " AS k, count(*) FROM alert al WHERE " ALERT_IN_PERIOD cond \
	" GROUP BY k ORDER BY k"
#define ALERT_COUNT(cond, d2)                                                                  \
	COUNT(ALERT_BY_TOWN(cond), "siill", "alert al", " JOIN person p ON p.id = al.person_id",  \
	      "al.division", ALERT_IN_PERIOD cond, "siill",                                        \
	      COLS("al.id", "al.division", "al.created_at", d2, "al.status", "0"),                 \
	      "al.created_at DESC, al.id DESC")

static const struct count_sql counts[SC_COUNT] = {
	[SC_REGISTERED] = COUNT(STOCK("registered"), STOCK_FMT, "person p", "", "p.division",
				REGISTERED_AT_END, "sii", PERSON_COLS("p.control_status"),
				"p.first_found_date DESC, p.id DESC"),
	[SC_NEW_FOUND] = COUNT(FLOW("new_found"), FLOW_FMT, "person p", "", "p.division",
			       IN_AREA("p.division") " AND p.registered = 1 "
			       "AND p.first_found_date BETWEEN ?2 AND ?3", "sii",
			       PERSON_COLS("p.addiction"), "p.first_found_date DESC, p.id DESC"),
	[SC_IN_CONTROL] = COUNT(NULL, NULL, "person p", "", "p.division",
				REGISTERED_AT_END " AND NOT EXISTS (SELECT 1 FROM control_flag f "
				"WHERE f.person_id = p.id AND " LOST_AT_END ")", "sii",
				PERSON_COLS("p.control_status"), "p.first_found_date DESC, p.id DESC"),
	/* a person once, however many of their flags are open */
	[SC_LOST] = { STOCK("lost"), STOCK_FMT,
		      "SELECT count(DISTINCT p.id) FROM person p JOIN control_flag f ON f.person_id = p.id "
		      "WHERE " REGISTERED_AT_END " AND " LOST_AT_END, "sii",
		      COLS("p.id", "p.division", "min(f.date) AS d1", "0", "f.reason", "0")
		      "FROM person p JOIN control_flag f ON f.person_id = p.id "
		      "LEFT JOIN division dv ON dv.code = p.division "
		      "WHERE " REGISTERED_AT_END " AND " LOST_AT_END " GROUP BY p.id "
		      "ORDER BY d1 DESC, p.id DESC LIMIT ?8 OFFSET ?9" },
	[SC_CLEAN3Y] = COUNT(STOCK("clean3y"), STOCK_FMT, "person p", "", "p.division",
			     IN_AREA("p.division") " AND p.registered = 1 AND p.first_found_date > 0 "
			     /* (the range reads person_clean alone) */
			     "AND p.clean_done BETWEEN 1 AND ?3 "
			     "AND max(p.first_found_date, p.clean_done) <= ?3 "
			     "AND (p.closed_date = 0 OR p.closed_date > ?3)", "sii",
			     COLS("p.id", "p.division", "p.clean_since", "p.clean_done",
				  "p.control_status", "0"), "p.clean_done DESC, p.id DESC"),
	[SC_RELAPSES] = COUNT(FLOW("relapses"), FLOW_FMT,
			      "control_flag f JOIN person p ON p.id = f.person_id", "", "p.division",
			      "f.kind = 'relapse' AND f.date BETWEEN ?2 AND ?3 AND " IN_AREA("p.division"),
			      "sii", COLS("f.id", "p.division", "f.date", "f.resolved_date", "f.reason", "0"),
			      "f.date DESC, f.id DESC"),
	[SC_MEASURE_VOLUNTARY] = IN_EFFECT_COUNT("voluntary"),
	[SC_MEASURE_COMMUNITY] = IN_EFFECT_COUNT("community"),
	[SC_MEASURE_COMPULSORY] = IN_EFFECT_COUNT("compulsory"),
	[SC_MEASURE_REHAB] = IN_EFFECT_COUNT("rehab"),
	[SC_MEASURE_FACILITY] = IN_EFFECT_COUNT("facility"),
	[SC_COMMUNITY_EXECUTING] = EXECUTING_COUNT("community"),
	[SC_REHAB_EXECUTING] = EXECUTING_COUNT("rehab"),
	[SC_CR_EXECUTING] = COUNT(NULL, NULL, MEASURE_TABLES, MEASURE_JOINS, "m.division",
				  EXECUTING("'community', 'rehab'"), "sii",
				  COLS("m.id", "m.division", "m.start_date", "m.decision_date", "m.kind",
				       "0"), "m.start_date DESC, m.id DESC"),
	[SC_COMMUNITY_REPORT_DUE] = REPORT_COUNT("community_report_due", REPORT_DUE("community")),
	[SC_COMMUNITY_REPORTED] = REPORT_COUNT("community_reported", REPORTED("community")),
	[SC_REHAB_REPORT_DUE] = REPORT_COUNT("rehab_report_due", REPORT_DUE("rehab")),
	[SC_REHAB_REPORTED] = REPORT_COUNT("rehab_reported", REPORTED("rehab")),
	[SC_TESTS_DUE] = COUNT(FLOW("tests_due"), FLOW_FMT, TEST_TABLES, TEST_JOINS, "t.division",
			       TEST_DUE, "sii", TEST_COLS, "t.due DESC, t.measure_id DESC"),
	[SC_TESTS_DONE] = COUNT(FLOW("tests_done"), FLOW_FMT, TEST_TABLES, TEST_JOINS, "t.division",
				TEST_DUE " AND t.done_date > 0", "sii", TEST_COLS,
				"t.due DESC, t.measure_id DESC"),
	[SC_EMPLOYED] = COUNT(STOCK("employed"), STOCK_FMT, MEASURE_TABLES, MEASURE_JOINS,
			      "m.division", EXECUTING("'community', 'rehab'") " AND " EMPLOYED_AT_END " IS NOT NULL",
			      "sii", COLS("m.id", "m.division", EMPLOYED_AT_END, "m.start_date",
					  "m.kind", "0"), "m.start_date DESC, m.id DESC"),
	[SC_EMPLOYMENT_NEW] = HELP_COUNT("employment_new", "'employment'", "a.provider"),
	[SC_HELP_NEW] = HELP_COUNT("help_new", OTHER_HELP, "a.kind"),
	[SC_METHADONE] = COUNT("SELECT " TOWN("p.division") " AS k, count(*) "
			       "FROM (SELECT DISTINCT person_id FROM methadone_month "
			       "WHERE month BETWEEN ?7 AND ?6) mm "
			       "JOIN person p INDEXED BY person_area ON p.id = mm.person_id "
			       "WHERE " IN_AREA("p.division") " GROUP BY k ORDER BY k", FLOW_FMT,
			       METHADONE_TABLES, "", "p.division",
			       IN_AREA("p.division"), FLOW_FMT,
			       COLS("p.id", "p.division", "0", "0",
				    "(SELECT x.clinic FROM methadone_month x WHERE x.person_id = p.id "
				    "AND x.month = mm.last_month)", "mm.months"),
			       "mm.last_month DESC, p.id DESC"),
	[SC_ALERTS] = ALERT_COUNT("", "al.signed_at"),
	[SC_ALERTS_SIGNED] = ALERT_COUNT(" AND " SIGNED_ON_TIME, "al.signed_at"),
	[SC_ALERTS_ANSWERED] = ALERT_COUNT(" AND " ANSWERED_ON_TIME, "al.handled_at"),
};

static void read_town(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct town_count *t = p;
	t->key = col_str(st, 0, a);
	t->n = sqlite3_column_int64(st, 1);
}

/* Month YYYYMM of a day YYYYMMDD. */
static int month_of(int day)
{
	return day / 100;
}

int store_count_by_town(struct db *db, enum store_count c, const char *prefix,
			const struct count_period *p, struct arena *a, struct town_count **out,
			int *n, struct buf *err)
{
	const struct count_sql *q = c >= 0 && c < SC_COUNT ? &counts[c] : NULL;

	if (!q || !q->by_town) {
		buf_setf(err, "count %d has no grouped query", (int)c);
		return -1;
	}
	/* a format shorter than the parameters leaves the rest unbound */
	return db_many(db, db_query(db, err, q->by_town, q->by_town_fmt, prefix, p->from, p->to,
				    p->start, p->end, month_of(p->to), month_of(p->from)),
		       a, sizeof(**out), read_town, (void **)out, n, err);
}

static void read_record(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct count_record *r = p;
	r->id = sqlite3_column_int64(st, 0);
	r->person_id = sqlite3_column_int64(st, 1);
	r->name = col_str(st, 2, a);
	r->id_masked = col_str(st, 3, a);
	r->division = col_str(st, 4, a);
	r->division_name = col_str(st, 5, a);
	r->date1 = sqlite3_column_int64(st, 6);
	r->date2 = sqlite3_column_int64(st, 7);
	r->detail = col_str(st, 8, a);
	r->number = sqlite3_column_int64(st, 9);
}

int store_count_records(struct db *db, enum store_count c, const char *prefix,
			const struct count_period *p, int offset, int limit, struct arena *a,
			struct count_record **out, int *n, int64_t *total, struct buf *err)
{
	const struct count_sql *q = c >= 0 && c < SC_COUNT ? &counts[c] : NULL;
	int mf = month_of(p->from), mt = month_of(p->to);

	if (!q) {
		buf_setf(err, "unknown count %d", (int)c);
		return -1;
	}
	if (db_one(db, db_query(db, err, q->count, q->count_fmt, prefix, p->from, p->to, p->start,
				p->end, mt, mf),
		   NULL, read_int64, total, err) < 0)
		return -1;
	return db_many(db, db_query(db, err, q->list, ALL_FMT, prefix, p->from, p->to, p->start,
				    p->end, mt, mf, limit, offset),
		       a, sizeof(**out), read_record, (void **)out, n, err);
}

/* ---- the test periods kept ---- */

static void read_period(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct test_period *t = p;
	t->measure_id = sqlite3_column_int64(st, 0);
	t->period_start = sqlite3_column_int(st, 1);
	t->due = sqlite3_column_int(st, 2);
	t->done_date = sqlite3_column_int(st, 3);
	t->person_id = sqlite3_column_int64(st, 4);
	t->division = col_str(st, 5, a);
}

int store_test_periods(struct db *db, int64_t measure_id, struct arena *a,
		       struct test_period **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT measure_id, period_start, due, done_date, person_id, division "
		"FROM test_period WHERE measure_id = ?1 ORDER BY period_start";
	return db_many(db, db_query(db, err, sql, "l", measure_id), a, sizeof(**out), read_period,
		       (void **)out, n, err);
}

int store_test_period_put(struct db *db, const struct test_period *t, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO test_period(measure_id, period_start, due, done_date, person_id, division) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (measure_id, period_start) DO UPDATE "
		"SET due = excluded.due, done_date = excluded.done_date, person_id = excluded.person_id, "
		"division = excluded.division";
	return db_exec(db, err, sql, "liiils", t->measure_id, t->period_start, t->due, t->done_date,
		       t->person_id, t->division);
}

int store_test_period_delete(struct db *db, int64_t measure_id, int period_start,
			     struct buf *err)
{
	static const char sql[] = "DELETE FROM test_period WHERE measure_id = ?1 AND period_start = ?2";
	return db_exec(db, err, sql, "li", measure_id, period_start);
}

int store_test_kept_set(struct db *db, int64_t measure_id, int valid_until, struct buf *err)
{
	static const char sql[] = "UPDATE test_kept SET valid_until = ?2 WHERE measure_id = ?1";
	return db_exec(db, err, sql, "li", measure_id, valid_until);
}

int store_test_stale_persons(struct db *db, const char *prefix, int today, int64_t after,
			     int limit, struct arena *a, int64_t **out, int *n, struct buf *err)
{
	/* the stale rows first (by their index, then CROSS JOIN): there are few,
	 * and a large area has many measures */
	static const char sql[] =
		"SELECT DISTINCT k.person_id FROM test_kept k INDEXED BY test_kept_stale "
		"CROSS JOIN measure m ON m.id = k.measure_id "
		"WHERE k.valid_until < ?2 AND k.person_id > ?3 AND " IN_AREA("m.division")
		" ORDER BY k.person_id LIMIT ?4";
	return db_many(db, db_query(db, err, sql, "sili", prefix, today, after, limit), a,
		       sizeof(**out), read_int64, (void **)out, n, err);
}

int store_test_stale_measures(struct db *db, int64_t person_id, int today, struct arena *a,
			      int64_t **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT measure_id FROM test_kept WHERE person_id = ?1 AND valid_until < ?2 "
		"ORDER BY measure_id";
	return db_many(db, db_query(db, err, sql, "li", person_id, today), a, sizeof(**out),
		       read_int64, (void **)out, n, err);
}

/* ---- the clean days ---- */

static void read_pending(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct clean_pending *c = p;
	(void)a;
	c->id = sqlite3_column_int64(st, 0);
	c->clean_since = sqlite3_column_int(st, 1);
}

int store_clean_pending(struct db *db, int limit, struct arena *a, struct clean_pending **out,
			int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT id, clean_since FROM person INDEXED BY person_clean_pending "
		"WHERE clean_since > 0 AND clean_done = 0 ORDER BY id LIMIT ?1";
	return db_many(db, db_query(db, err, sql, "i", limit), a, sizeof(**out), read_pending,
		       (void **)out, n, err);
}

int store_clean_done_set(struct db *db, int64_t id, int clean_done, struct buf *err)
{
	static const char sql[] = "UPDATE person SET clean_done = ?2 WHERE id = ?1";
	return db_exec(db, err, sql, "li", id, clean_done);
}

int store_clean_done_reset(struct db *db, struct buf *err)
{
	static const char sql[] = "UPDATE person SET clean_done = 0 WHERE clean_done <> 0";
	return db_exec(db, err, sql, "");
}

static void read_text(sqlite3_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = col_str(st, 0, a);
}

int store_person_risk(struct db *db, int64_t id, struct arena *a, const char **risk,
		      struct buf *err)
{
	static const char sql[] = "SELECT risk_level FROM person WHERE id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_text, risk, err);
}
