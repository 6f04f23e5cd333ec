/* sqlite-division.c - divisions (行政区划) and units (单位) in SQLite. */
#include "sqlite.h"

#include <stdlib.h>
#include <string.h>

#include "lib/division.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

int store_division_load(struct db *db, const char *tsv, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO division(code, name, parent, level, prefix) VALUES (?1, ?2, ?3, ?4, ?5) "
		"ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent = excluded.parent, "
		"level = excluded.level, prefix = excluded.prefix";
	const char *p = tsv;
	int line = 0;

	while (*p) {
		const char *eol = strchr(p, '\n');
		const char *f[4];
		size_t flen[4];
		char code[16], name[128], parent[16], prefix[13];
		int i, level;

		if (!eol)
			eol = p + strlen(p);
		line++;
		for (i = 0; i < 4; i++) {
			const char *tab = memchr(p, '\t', (size_t)(eol - p));
			const char *end = (i < 3 && tab) ? tab : eol;
			f[i] = p;
			flen[i] = (size_t)(end - p);
			p = end < eol ? end + 1 : eol;
		}
		if (flen[0] >= sizeof(code) || flen[1] >= sizeof(name) || flen[2] >= sizeof(parent)) {
			buf_setf(err, "division line %d: field too long", line);
			return -1;
		}
		memcpy(code, f[0], flen[0]);
		code[flen[0]] = '\0';
		memcpy(name, f[1], flen[1]);
		name[flen[1]] = '\0';
		memcpy(parent, f[2], flen[2]);
		parent[flen[2]] = '\0';
		level = atoi(f[3]);
		if (!division_valid(code) || level < 1 || level > 5 || !name[0]) {
			buf_setf(err, "division line %d: bad code, name or level", line);
			return -1;
		}
		division_prefix(code, prefix);
		if (db_exec(db, err, sql, "sssis", code, name, parent[0] ? parent : NULL, level,
			    prefix) < 0)
			return -1;
		p = *eol ? eol + 1 : eol;
	}
	return 0;
}

static void read_division(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct division *d = p;
	d->code = col_str(st, 0, a);
	d->name = col_str(st, 1, a);
	d->parent = col_str(st, 2, a);
	d->level = sqlite3_column_int(st, 3);
	d->prefix = col_str(st, 4, a);
	d->children = sqlite3_column_int64(st, 5);
}

int store_division_get(struct db *db, const char *code, struct arena *a, struct division *out,
		       struct buf *err)
{
	static const char sql[] =
		"SELECT code, name, parent, level, prefix, "
		"(SELECT count(*) FROM division c WHERE c.parent = d.code) "
		"FROM division d WHERE code = ?1";
	return db_one(db, db_query(db, err, sql, "s", code), a, read_division, out, err);
}

int store_division_children(struct db *db, const char *code, struct arena *a,
			    struct division **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT code, name, parent, level, prefix, "
		"(SELECT count(*) FROM division c WHERE c.parent = d.code) "
		"FROM division d WHERE parent = ?1 ORDER BY code";
	return db_many(db, db_query(db, err, sql, "s", code), a, sizeof(**out), read_division,
		       (void **)out, n, err);
}

int store_division_list(struct db *db, const char *prefix, int min_level, int max_level,
			struct arena *a, struct division **out, int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT code, name, parent, level, prefix, 0 FROM division "
		"WHERE prefix GLOB ?1 || '*' AND level BETWEEN ?2 AND ?3 ORDER BY code";
	return db_many(db, db_query(db, err, sql, "sii", prefix, min_level, max_level), a,
		       sizeof(**out), read_division, (void **)out, n, err);
}

int store_division_path(struct db *db, const char *code, struct arena *a, char **out,
			struct buf *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(code, name, parent, depth) AS ("
		" SELECT code, name, parent, 0 FROM division WHERE code = ?1"
		" UNION ALL SELECT d.code, d.name, d.parent, up.depth + 1"
		" FROM division d JOIN up ON d.code = up.parent"
		" WHERE d.code <> up.code AND up.depth < 6) "
		"SELECT name FROM up ORDER BY depth DESC";
	sqlite3_stmt *st = db_query(db, err, sql, "s", code);
	struct buf b = BUF_INIT;
	int rc, rows = 0;

	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		/* 市辖区 is a placeholder for municipalities' districts, not a name. */
		if (strcmp(name, "市辖区") && strcmp(name, "县"))
			buf_adds(&b, name);
		rows++;
	}
	if (rc < 0) {
		buf_release(&b);
		return -1;
	}
	*out = arena_strdup(a, b.buf);
	buf_release(&b);
	return rows ? 0 : STORE_NOTFOUND;
}

/* ---- units ---- */

int store_unit_add(struct db *db, struct unit *u, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO unit(name, kind, division, phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
	if (db_exec(db, err, sql, "ssssl", u->name, u->kind, u->division, u->phone ? u->phone : "",
		    now_unix()) < 0)
		return -1;
	u->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static void read_unit(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct unit *u = p;
	u->id = sqlite3_column_int64(st, 0);
	u->name = col_str(st, 1, a);
	u->kind = col_str(st, 2, a);
	u->division = col_str(st, 3, a);
	u->division_name = col_str(st, 4, a);
	u->phone = col_str(st, 5, a);
	u->users = sqlite3_column_int64(st, 6);
}

#define UNIT_COLS                                                                    \
	"SELECT u.id, u.name, u.kind, u.division, coalesce(d.name, ''), u.phone, "    \
	"(SELECT count(*) FROM user x WHERE x.unit_id = u.id AND x.disabled = 0) "     \
	"FROM unit u LEFT JOIN division d ON d.code = u.division "

int store_unit_get(struct db *db, int64_t id, struct arena *a, struct unit *out, struct buf *err)
{
	static const char sql[] = UNIT_COLS "WHERE u.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_unit, out, err);
}

int store_unit_list(struct db *db, const char *prefix, struct arena *a, struct unit **out, int *n,
		    struct buf *err)
{
	static const char sql[] =
		UNIT_COLS "WHERE u.division GLOB ?1 || '*' ORDER BY u.division, u.kind, u.name";
	return db_many(db, db_query(db, err, sql, "s", prefix), a, sizeof(**out), read_unit,
		       (void **)out, n, err);
}
