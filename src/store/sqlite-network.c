/* sqlite-network.c - 打团伙、摧网络 in SQLite: entities, links, import batches, an area's graph. */
#include "sqlite.h"

#include "lib/timeutil.h"

/* The subtree of ?1 (digits, so every code under it sorts before ?1 || ':'). */
#define IN_AREA(col) col " >= ?1 AND " col " < ?1 || ':'"

/* ---- entities ---- */

#define ENTITY_COLS                                                                           \
	"SELECT e.id, e.kind, e.value, e.norm, coalesce(e.person_id, 0), e.id_masked, "       \
	"e.division, e.note, e.created_by, e.created_at, coalesce(d.name, ''), "              \
	"coalesce(p.division, '') "                                                           \
	"FROM net_entity e LEFT JOIN division d ON d.code = e.division "                      \
	"LEFT JOIN person p ON p.id = e.person_id "

static void read_entity(sqlite3_stmt *st, struct arena *a, void *out)
{
	struct net_entity *e = out;
	e->id = sqlite3_column_int64(st, 0);
	e->kind = col_str(st, 1, a);
	e->value = col_str(st, 2, a);
	e->norm = col_str(st, 3, a);
	e->person_id = sqlite3_column_int64(st, 4);
	e->id_masked = col_str(st, 5, a);
	e->division = col_str(st, 6, a);
	e->note = col_str(st, 7, a);
	e->created_by = sqlite3_column_int64(st, 8);
	e->created_at = sqlite3_column_int64(st, 9);
	e->division_name = col_str(st, 10, a);
	e->person_division = col_str(st, 11, a);
}

int store_net_entity_add(struct db *db, struct net_entity *e, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO net_entity(kind, value, norm, person_id, id_masked, division, note, "
		"created_by, created_at) VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(kind, norm) DO NOTHING";
	e->created_at = now_unix();
	if (db_exec(db, err, sql, "sssl" "sssll", e->kind, e->value, e->norm, e->person_id,
		    e->id_masked ? e->id_masked : "", e->division, e->note ? e->note : "",
		    e->created_by, e->created_at) < 0)
		return -1;
	if (sqlite3_changes(db->h) == 0)
		return STORE_CONFLICT;
	e->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_net_entity_get(struct db *db, int64_t id, struct arena *a, struct net_entity *out,
			 struct buf *err)
{
	static const char sql[] = ENTITY_COLS "WHERE e.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_entity, out, err);
}

int store_net_entity_find(struct db *db, const char *kind, const char *norm, struct arena *a,
			  struct net_entity *out, struct buf *err)
{
	static const char sql[] = ENTITY_COLS "WHERE e.kind = ?1 AND e.norm = ?2";
	return db_one(db, db_query(db, err, sql, "ss", kind, norm), a, read_entity, out, err);
}

int store_net_entity_of_person(struct db *db, int64_t person_id, struct arena *a,
			       struct net_entity *out, struct buf *err)
{
	static const char sql[] = ENTITY_COLS "WHERE e.person_id = ?1 ORDER BY e.id LIMIT 1";
	return db_one(db, db_query(db, err, sql, "l", person_id), a, read_entity, out, err);
}

int store_net_entity_set_person(struct db *db, int64_t id, int64_t person_id, struct buf *err)
{
	static const char sql[] =
		"UPDATE net_entity SET person_id = ?2 WHERE id = ?1 AND kind = 'person' "
		"AND person_id IS NULL";
	return db_exec1(db, err, sql, "ll", id, person_id);
}

int store_net_entity_seen(struct db *db, int64_t id, const char *prefix, int *seen,
			  struct buf *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM net_entity WHERE id = ?2 AND " IN_AREA("division") ") "
		"OR EXISTS (SELECT 1 FROM net_link WHERE from_id = ?2 AND " IN_AREA("division") ") "
		"OR EXISTS (SELECT 1 FROM net_link WHERE to_id = ?2 AND " IN_AREA("division") ")";
	int64_t v = 0;
	int rc = db_one(db, db_query(db, err, sql, "sl", prefix, id), NULL, read_int64, &v, err);
	*seen = rc == 0 && v;
	return rc < 0 ? -1 : 0;
}

/* The ids of the entities seen from the area ?1: recorded there, or at
 * either end of a link recorded there. */
#define SEEN_IDS                                                                              \
	"SELECT id FROM net_entity WHERE " IN_AREA("division") " "                            \
	"UNION SELECT from_id FROM net_link WHERE " IN_AREA("division") " "                   \
	"UNION SELECT to_id FROM net_link WHERE " IN_AREA("division")

int store_net_search(struct db *db, const char *prefix, const char *text, const char *norm,
		     const char *id_hash, int limit, struct arena *a, struct net_entity **out,
		     int *n, struct buf *err)
{
	/* instr(), not LIKE: the text is matched as it is, % and _ included. */
	static const char sql[] =
		ENTITY_COLS "WHERE e.id IN (" SEEN_IDS ") AND ("
		"(?2 <> '' AND instr(e.value, ?2) > 0) "
		"OR (?3 IS NOT NULL AND ?3 <> '' AND e.kind <> 'person' AND instr(e.norm, ?3) > 0) "
		"OR (?4 IS NOT NULL AND e.kind = 'person' AND e.norm = ?4)) "
		"ORDER BY CASE e.kind WHEN 'person' THEN 0 WHEN 'phone' THEN 1 WHEN 'vehicle' THEN 2 "
		"WHEN 'bank_account' THEN 3 WHEN 'online_account' THEN 4 ELSE 5 END, e.value, e.id "
		"LIMIT ?5";
	return db_many(db, db_query(db, err, sql, "ssssi", prefix, text ? text : "", norm, id_hash,
				    limit),
		       a, sizeof(**out), read_entity, (void **)out, n, err);
}

/* ---- import batches ---- */

int store_net_batch_add(struct db *db, struct net_batch *b, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO net_batch(file, rows_read, links, entities, division, user_id, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	b->created_at = now_unix();
	if (db_exec(db, err, sql, "slllsll", b->file, b->rows, b->links, b->entities, b->division,
		    b->user_id, b->created_at) < 0)
		return -1;
	b->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_net_batch_counts(struct db *db, const struct net_batch *b, struct buf *err)
{
	static const char sql[] =
		"UPDATE net_batch SET rows_read = ?2, links = ?3, entities = ?4 WHERE id = ?1";
	return db_exec1(db, err, sql, "llll", b->id, b->rows, b->links, b->entities);
}

/* ---- links ---- */

#define LINK_COLS                                                                             \
	"SELECT l.id, l.from_id, l.to_id, l.kind, l.date_from, l.date_to, l.source, "          \
	"coalesce(l.batch_id, 0), coalesce(l.case_id, 0), l.case_no, l.division, l.note, "     \
	"l.created_by, l.created_at, coalesce(d.name, '') "                                   \
	"FROM net_link l LEFT JOIN division d ON d.code = l.division "

static void read_link(sqlite3_stmt *st, struct arena *a, void *out)
{
	struct net_link *l = out;
	l->id = sqlite3_column_int64(st, 0);
	l->from_id = sqlite3_column_int64(st, 1);
	l->to_id = sqlite3_column_int64(st, 2);
	l->kind = col_str(st, 3, a);
	l->date_from = sqlite3_column_int(st, 4);
	l->date_to = sqlite3_column_int(st, 5);
	l->source = col_str(st, 6, a);
	l->batch_id = sqlite3_column_int64(st, 7);
	l->case_id = sqlite3_column_int64(st, 8);
	l->case_no = col_str(st, 9, a);
	l->division = col_str(st, 10, a);
	l->note = col_str(st, 11, a);
	l->created_by = sqlite3_column_int64(st, 12);
	l->created_at = sqlite3_column_int64(st, 13);
	l->division_name = col_str(st, 14, a);
}

int store_net_link_add(struct db *db, struct net_link *l, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO net_link(from_id, to_id, kind, date_from, date_to, source, batch_id, "
		"case_id, case_no, division, note, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), ?9, ?10, ?11, ?12, ?13)";
	l->created_at = now_unix();
	if (db_exec(db, err, sql, "llsiis" "ll" "sss" "ll", l->from_id, l->to_id, l->kind,
		    l->date_from, l->date_to, l->source, l->batch_id, l->case_id,
		    l->case_no ? l->case_no : "", l->division, l->note ? l->note : "",
		    l->created_by, l->created_at) < 0)
		return -1;
	l->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

int store_net_link_get(struct db *db, int64_t id, struct arena *a, struct net_link *out,
		       struct buf *err)
{
	static const char sql[] = LINK_COLS "WHERE l.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_link, out, err);
}

int store_net_link_same(struct db *db, const struct net_link *l, int64_t *id, struct buf *err)
{
	static const char sql[] =
		"SELECT id FROM net_link WHERE from_id = ?1 AND to_id = ?2 AND kind = ?3 "
		"AND date_from = ?4 AND date_to = ?5 AND case_no = ?6 ORDER BY id LIMIT 1";
	return db_one(db, db_query(db, err, sql, "llsiis", l->from_id, l->to_id, l->kind,
				   l->date_from, l->date_to, l->case_no ? l->case_no : ""),
		      NULL, read_int64, id, err);
}

/* ---- an area's graph ---- */

static void read_edge(sqlite3_stmt *st, struct arena *a, void *out)
{
	struct net_edge *e = out;
	e->id = sqlite3_column_int64(st, 0);
	e->from_id = sqlite3_column_int64(st, 1);
	e->to_id = sqlite3_column_int64(st, 2);
	e->case_id = sqlite3_column_int64(st, 3);
	e->case_no = col_str(st, 4, a);
}

int store_net_graph(struct db *db, const char *prefix, struct arena *a, struct net_entity **nodes,
		    int *nnodes, struct net_edge **edges, int *nedges, struct buf *err)
{
	static const char nodes_sql[] = ENTITY_COLS "WHERE e.id IN (" SEEN_IDS ") ORDER BY e.id";
	static const char edges_sql[] =
		"SELECT id, from_id, to_id, coalesce(case_id, 0), case_no FROM net_link "
		"WHERE " IN_AREA("division") " ORDER BY id";
	if (db_many(db, db_query(db, err, nodes_sql, "s", prefix), a, sizeof(**nodes), read_entity,
		    (void **)nodes, nnodes, err) < 0)
		return -1;
	return db_many(db, db_query(db, err, edges_sql, "s", prefix), a, sizeof(**edges), read_edge,
		       (void **)edges, nedges, err);
}
