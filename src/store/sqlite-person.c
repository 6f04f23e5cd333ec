/* sqlite-person.c - person files (吸毒人员档案) in SQLite; ID numbers sealed at rest. */
#include "sqlite.h"

#include <string.h>

#include "lib/pinyin.h"
#include "lib/timeutil.h"

static const char *s0(const char *s)
{
	return s ? s : "";
}

static int keys_refresh(struct db *db, int64_t id, int fresh, struct buf *err);

void store_id_hash(struct store *s, const char *id_number, char out[65])
{
	secret_keyed_hash(s->kr.index, id_number, strlen(id_number), out);
}

int store_person_add(struct db *db, struct person *p, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO person(id_enc, id_hash, id_masked, name, alias, sex, birth_date, "
		"ethnicity, phone, household_division, household_address, residence_address, "
		"division, registered, control_status, addiction, drug_types, first_found_date, "
		"first_found_unit, employment, special_status, note, closed_reason, closed_date, "
		"created_at, updated_at, name_pinyin, name_initials, residence_division, "
		"addiction_date, addiction_doc, family) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?25, coalesce(?26, ''), coalesce(?27, ''), "
		"coalesce(?28, ''), ?29, coalesce(?30, ''), coalesce(?31, ''))";
	struct buf sealed = BUF_INIT;
	char hash[65];
	int64_t now = now_unix();
	int rc;

	secret_seal(&db->s->kr, p->id_number, strlen(p->id_number), &sealed);
	store_id_hash(db->s, p->id_number, hash);
	rc = db_exec(db, err, sql, "bsssssissssssisssisssssilsssiss", sealed.buf, sealed.len, hash,
		     p->id_masked, p->name, p->alias, p->sex, p->birth_date, p->ethnicity, p->phone,
		     p->household_division, p->household_address, p->residence_address,
		     p->division, p->registered, p->control_status, p->addiction, p->drug_types,
		     p->first_found_date, p->first_found_unit, p->employment, p->special_status,
		     p->note, p->closed_reason ? p->closed_reason : "", p->closed_date, now,
		     p->name_pinyin, p->name_initials, p->residence_division, p->addiction_date,
		     p->addiction_doc, p->family);
	buf_release(&sealed);
	if (rc < 0)
		return -1;
	p->id = sqlite3_last_insert_rowid(db->h);
	if (keys_refresh(db, p->id, 1, err) < 0)
		return -1;
	p->version = 1;
	p->created_at = p->updated_at = now;
	return 0;
}

int store_person_update(struct db *db, struct person *p, struct buf *err)
{
	static const char sql[] =
		"UPDATE person SET name = ?3, alias = ?4, ethnicity = ?5, phone = ?6, "
		"household_division = ?7, household_address = ?8, residence_address = ?9, "
		"division = ?10, registered = ?11, control_status = ?12, addiction = ?13, "
		"drug_types = ?14, first_found_date = ?15, first_found_unit = ?16, employment = ?17, "
		"special_status = ?18, note = ?19, closed_reason = ?20, closed_date = ?21, "
		"updated_at = ?22, name_pinyin = coalesce(?23, name_pinyin), "
		"name_initials = coalesce(?24, name_initials), "
		"residence_division = coalesce(?25, residence_division), addiction_date = ?26, "
		"addiction_doc = coalesce(?27, addiction_doc), family = coalesce(?28, family), "
		"version = version + 1 WHERE id = ?1 AND version = ?2";
	int64_t now = now_unix();
	int rc = db_exec1(db, err, sql, "llssssssssisssisssssilsssiss", p->id, p->version, p->name,
			  p->alias, p->ethnicity, p->phone, p->household_division,
			  p->household_address, p->residence_address, p->division, p->registered,
			  p->control_status, p->addiction, p->drug_types, p->first_found_date,
			  p->first_found_unit, p->employment, p->special_status, p->note,
			  p->closed_reason, p->closed_date, now, p->name_pinyin, p->name_initials,
			  p->residence_division, p->addiction_date, p->addiction_doc, p->family);
	if (rc == 0 && keys_refresh(db, p->id, 0, err) < 0)
		return -1;
	if (rc == 0) {
		p->version++;
		p->updated_at = now;
	}
	return rc;
}

#define PERSON_COLS                                                                         \
	"SELECT p.id, p.id_enc, p.id_hash, p.id_masked, p.name, p.alias, p.sex, p.birth_date, " \
	"p.ethnicity, p.phone, p.household_division, p.household_address, "                   \
	"p.residence_address, p.division, coalesce(d.name, ''), p.registered, "               \
	"p.control_status, p.addiction, p.drug_types, p.first_found_date, "                   \
	"p.first_found_unit, p.employment, p.special_status, p.note, p.closed_reason, "       \
	"p.closed_date, p.created_at, p.updated_at, p.version, p.name_pinyin, "              \
	"p.name_initials, p.residence_division, p.addiction_date, p.addiction_doc, p.family, " \
	"p.risk_level, p.risk_score, p.risk_detail, p.clean_since "                            \
	"FROM person p LEFT JOIN division d ON d.code = p.division "

static int read_person(struct db *db, sqlite3_stmt *st, struct arena *a, struct person *p,
		       int open_id, struct buf *err)
{
	p->id = sqlite3_column_int64(st, 0);
	p->id_number = NULL;
	if (open_id) {
		struct buf plain = BUF_INIT;
		if (secret_open(&db->s->kr, sqlite3_column_blob(st, 1),
				(size_t)sqlite3_column_bytes(st, 1), &plain) < 0) {
			buf_setf(err, "person %lld: the ID number cannot be decrypted (wrong key file?)",
				 (long long)p->id);
			buf_release(&plain);
			return -1;
		}
		p->id_number = arena_strdup(a, plain.buf);
		buf_release(&plain);
	}
	p->id_hash = col_str(st, 2, a);
	p->id_masked = col_str(st, 3, a);
	p->name = col_str(st, 4, a);
	p->alias = col_str(st, 5, a);
	p->sex = col_str(st, 6, a);
	p->birth_date = sqlite3_column_int(st, 7);
	p->ethnicity = col_str(st, 8, a);
	p->phone = col_str(st, 9, a);
	p->household_division = col_str(st, 10, a);
	p->household_address = col_str(st, 11, a);
	p->residence_address = col_str(st, 12, a);
	p->division = col_str(st, 13, a);
	p->division_name = col_str(st, 14, a);
	p->registered = sqlite3_column_int(st, 15);
	p->control_status = col_str(st, 16, a);
	p->addiction = col_str(st, 17, a);
	p->drug_types = col_str(st, 18, a);
	p->first_found_date = sqlite3_column_int(st, 19);
	p->first_found_unit = col_str(st, 20, a);
	p->employment = col_str(st, 21, a);
	p->special_status = col_str(st, 22, a);
	p->note = col_str(st, 23, a);
	p->closed_reason = col_str(st, 24, a);
	p->closed_date = sqlite3_column_int(st, 25);
	p->created_at = sqlite3_column_int64(st, 26);
	p->updated_at = sqlite3_column_int64(st, 27);
	p->version = sqlite3_column_int64(st, 28);
	p->name_pinyin = col_str(st, 29, a);
	p->name_initials = col_str(st, 30, a);
	p->residence_division = col_str(st, 31, a);
	p->addiction_date = sqlite3_column_int(st, 32);
	p->addiction_doc = col_str(st, 33, a);
	p->family = col_str(st, 34, a);
	p->risk_level = col_str(st, 35, a);
	p->risk_score = sqlite3_column_int(st, 36);
	p->risk_detail = col_str(st, 37, a);
	p->clean_since = sqlite3_column_int(st, 38);
	return 0;
}

int store_person_get(struct db *db, int64_t id, struct arena *a, struct person *out,
		     struct buf *err)
{
	static const char sql[] = PERSON_COLS "WHERE p.id = ?1";
	sqlite3_stmt *st = db_query(db, err, sql, "l", id);
	int rc;
	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	rc = read_person(db, st, a, out, 1, err);
	sqlite3_reset(st);
	return rc;
}

int store_person_similar(struct db *db, const char *name, int birth_date, int64_t *id,
			 struct buf *err)
{
	static const char sql[] =
		"SELECT id FROM person WHERE name = ?1 AND birth_date = ?2 ORDER BY id LIMIT 1";
	return db_one(db, db_query(db, err, sql, "si", name, birth_date), NULL, read_int64, id, err);
}

int store_person_id_by_hash(struct db *db, const char *id_hash, int64_t *id, struct buf *err)
{
	static const char sql[] = "SELECT id FROM person WHERE id_hash = ?1";
	return db_one(db, db_query(db, err, sql, "s", id_hash), NULL, read_int64, id, err);
}

/* ---- search keys: the rows of person_key (sql/0004-person-search.sql) ---- */

#define KEY_MAX 240 /* bytes of a key after its kind letter */
#define PHONE_MIN 5 /* digits of the shortest phone search */

static int key_put(struct db *db, int64_t id, char kind, const char *s, size_t len,
		   struct buf *err)
{
	static const char sql[] = "INSERT OR IGNORE INTO person_key(key, person_id) VALUES (?1, ?2)";
	char key[KEY_MAX + 2];

	if (len == 0)
		return 0;
	if (len > KEY_MAX) {
		/* cut at a character boundary, never inside one */
		len = KEY_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	key[0] = kind;
	memcpy(key + 1, s, len);
	key[len + 1] = '\0';
	return db_exec(db, err, sql, "sl", key, id);
}

/* Every suffix of s that starts a character. */
static int key_suffixes(struct db *db, int64_t id, char kind, const char *s, struct buf *err)
{
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80 && !(*s == ' ' && s[1] == '\0'))
			if (key_put(db, id, kind, s, strlen(s), err) < 0)
				return -1;
	return 0;
}

/* Every two consecutive characters of an address (none with a space). */
static int key_bigrams(struct db *db, int64_t id, const char *s, struct buf *err)
{
	const char *prev = NULL, *next;

	for (; *s; s = next) {
		for (next = s + 1; ((unsigned char)*next & 0xC0) == 0x80; next++)
			;
		if (*s == ' ' || *s == '\t') {
			prev = NULL;
			continue;
		}
		if (prev && key_put(db, id, 'a', prev, (size_t)(next - prev), err) < 0)
			return -1;
		prev = s;
	}
	return 0;
}

static int keys_write(struct db *db, int64_t id, const char *const *c, struct buf *err)
{
	const char *name = c[0], *alias = c[1], *pinyin = c[2], *initials = c[3];
	const char *id_masked = c[4], *phone = c[5];
	char digits[64];
	size_t nd = 0, i, len = strlen(id_masked);

	for (; *phone && nd < sizeof(digits) - 1; phone++)
		if (*phone >= '0' && *phone <= '9')
			digits[nd++] = *phone;
	digits[nd] = '\0';
	if (key_suffixes(db, id, 'n', name, err) < 0 || key_suffixes(db, id, 'n', alias, err) < 0 ||
	    key_put(db, id, 'p', pinyin, strlen(pinyin), err) < 0 ||
	    key_put(db, id, 'p', initials, strlen(initials), err) < 0 ||
	    (len >= 4 && key_put(db, id, 't', id_masked + len - 4, 4, err) < 0))
		return -1;
	for (i = 0; i + PHONE_MIN <= nd; i++)
		if (key_put(db, id, 'h', digits + i, nd - i, err) < 0)
			return -1;
	return key_bigrams(db, id, c[6], err) < 0 || key_bigrams(db, id, c[7], err) < 0 ? -1 : 0;
}

#define KEY_SOURCE                                                                         \
	"SELECT id, name, alias, name_pinyin, name_initials, id_masked, phone, "              \
	"residence_address, household_address FROM person "
#define KEY_COLUMNS 8

static int keys_from_row(struct db *db, sqlite3_stmt *st, struct buf *err)
{
	const char *c[KEY_COLUMNS];
	int i;
	for (i = 0; i < KEY_COLUMNS; i++) {
		c[i] = (const char *)sqlite3_column_text(st, i + 1);
		if (!c[i])
			c[i] = "";
	}
	return keys_write(db, sqlite3_column_int64(st, 0), c, err);
}

/* The keys of one person, from the row as stored (after coalesce and the
 * like); fresh: a new person, who has none yet. */
static int keys_refresh(struct db *db, int64_t id, int fresh, struct buf *err)
{
	static const char del[] = "DELETE FROM person_key WHERE person_id = ?1";
	static const char sel[] = KEY_SOURCE "WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((!fresh && db_exec(db, err, del, "l", id) < 0) || !(st = db_query(db, err, sel, "l", id)))
		return -1;
	rc = db_step(db, st, err);
	if (rc == SQLITE_ROW)
		rc = keys_from_row(db, st, err) < 0 ? -1 : 0;
	else if (rc == SQLITE_DONE)
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int sqlite_person_keys_rebuild(struct db *db, struct buf *err)
{
	static const char sel[] = KEY_SOURCE "ORDER BY id";
	sqlite3_stmt *st;
	int rc;

	if (db_exec(db, err, "DELETE FROM person_key", "") < 0 ||
	    !(st = db_query(db, err, sel, "")))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		if (keys_from_row(db, st, err) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	return rc < 0 ? -1 : 0;
}

/*
 * Filters: an empty value matches everything; ?1 is the area's division
 * prefix (digits, so every code under it sorts before prefix || ':').
 * `division` is p.division, or +p.division where no index may serve it.
 * The filters read only columns of the index person_browse, which so
 * answers a count alone.
 */
#define PERSON_FILTERS(division)                                                           \
	"WHERE " division " >= ?1 AND " division " < ?1 || ':' "                              \
	"AND (?4 = '' OR p.control_status = ?4) "                                             \
	"AND (?5 = '' OR p.addiction = ?5) AND (?6 < 0 OR p.registered = ?6) "                \
	"AND (?7 = 0 OR p.first_found_date >= ?7) AND (?8 = 0 OR p.first_found_date <= ?8) "   \
	"AND (?9 = 1 OR p.closed_date = 0) "                                                  \
	"AND (?15 = '' OR p.risk_level = ?15) "                                               \
	"AND (?16 = '' OR instr(',' || p.drug_types || ',', ',' || ?16 || ',') > 0) "          \
	"AND (?17 = '' OR (p.special_status <> '' "                                           \
	"AND instr(',' || p.special_status || ',', ',' || ?17 || ',') > 0)) "                 \
	"AND (?18 = '' OR EXISTS (SELECT 1 FROM measure m WHERE m.person_id = p.id "          \
	"AND m.status <> 'ended' AND m.kind = ?18)) "
#define PERSON_WHERE PERSON_FILTERS("p.division")

/*
 * With a search text (or an exact ID number, ?3), the persons it names are
 * found first, through the search keys: ?2 part of a name or alias, ?10 a
 * prefix of the pinyin or initials, ?11 the ID number's last four, ?12 part
 * of the phone number (each NULL when the text cannot be it, so its range
 * is empty); ?19 three or more characters of an address, as an FTS5 phrase,
 * ?20 exactly two (a key of its own: the trigram index cannot find them);
 * and the ID number by its keyed hash. The other filters are then applied
 * to those files only.
 */
#define KEY_RANGE(n) "SELECT person_id FROM person_key WHERE key >= " n " AND key < " n " || char(1114111) "
#define PERSON_SEARCH                                                                      \
	PERSON_WHERE "AND p.id IN (" KEY_RANGE("?2") "UNION " KEY_RANGE("?10") "UNION "          \
	KEY_RANGE("?11") "UNION " KEY_RANGE("?12") "UNION "                                    \
	"SELECT rowid FROM person_address WHERE person_address MATCH ?19 "                     \
	"UNION SELECT person_id FROM person_key WHERE key = ?20 "                              \
	"UNION SELECT id FROM person WHERE id_hash = ?3) "

/*
 * One constant statement per sort order and plan: column names never come
 * from input. A page is found in one of two ways, chosen from the count
 * (see store_person_list):
 *  - walk: down the index of the sort column, testing each file against
 *    the filters until the page is full — few rows read when many files
 *    match (+p.division keeps SQLite from choosing the area's index);
 *  - sort: the matching files first (by the area's index, or the search
 *    keys), then sorted by the expression +column, which no index gives —
 *    right when few files match.
 */
enum { PLAN_WALK, PLAN_SORT, PLAN_SEARCH };
#define PERSON_LIST(where, order) PERSON_COLS where "ORDER BY " order ", p.id LIMIT ?13 OFFSET ?14"
#define PERSON_LISTS(col)                                                                    \
	{ { PERSON_LIST(PERSON_FILTERS("+p.division"), col),                                  \
	    PERSON_LIST(PERSON_FILTERS("+p.division"), col " DESC") },                        \
	  { PERSON_LIST(PERSON_WHERE, "+" col), PERSON_LIST(PERSON_WHERE, "+" col " DESC") },   \
	  { PERSON_LIST(PERSON_SEARCH, "+" col), PERSON_LIST(PERSON_SEARCH, "+" col " DESC") } }
static const char *const person_list_sql[][3][2] = {
	[PERSON_SORT_FOUND] = PERSON_LISTS("p.first_found_date"),
	[PERSON_SORT_NAME] = PERSON_LISTS("p.name"),
	[PERSON_SORT_BIRTH] = PERSON_LISTS("p.birth_date"),
	[PERSON_SORT_DIVISION] = PERSON_LISTS("p.division"),
	[PERSON_SORT_STATUS] = PERSON_LISTS("p.control_status"),
	[PERSON_SORT_UPDATED] = PERSON_LISTS("p.updated_at"),
};

/*
 * The keys of the search text q (trimmed), as person_key spells them: each
 * NULL when q cannot be that form. Pinyin: two or more ASCII letters,
 * lower-cased. ID tail: three digits and a digit or X. Phone: five or more
 * digits. The address phrase quotes q for FTS5 (fewer than three
 * characters match nothing there).
 */
struct search_keys {
	const char *name, *pinyin, *id_tail, *phone, *address, *bigram;
};

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void search_keys(const char *q, struct arena *a, struct search_keys *k)
{
	size_t i, len, digits;
	char *s;

	while (*q == ' ' || *q == '\t')
		q++;
	len = strlen(q);
	while (len > 0 && (q[len - 1] == ' ' || q[len - 1] == '\t'))
		len--;
	q = arena_strndup(a, q, len);
	digits = strspn(q, "0123456789");
	memset(k, 0, sizeof(*k));
	if (!len) {
		k->address = "\"\"";
		return;
	}
	k->name = arena_printf(a, "n%s", q);
	if (pinyin_is_query(q)) {
		k->pinyin = s = arena_printf(a, "p%s", q);
		for (i = 1; s[i]; i++)
			if (s[i] >= 'A' && s[i] <= 'Z')
				s[i] += 'a' - 'A';
	}
	if (len == 4 && (digits == 4 || (digits == 3 && (q[3] == 'x' || q[3] == 'X')))) {
		k->id_tail = s = arena_printf(a, "t%s", q);
		if (s[4] == 'x')
			s[4] = 'X';
	}
	if (len >= PHONE_MIN && digits == len)
		k->phone = arena_printf(a, "h%s", q);
	if (utf8_chars(q) == 2 && !strpbrk(q, " \t"))
		k->bigram = arena_printf(a, "a%s", q);
	{
		struct buf b = BUF_INIT;
		const char *c;
		buf_addch(&b, '"');
		for (c = q; *c; c++) {
			if (*c == '"')
				buf_addch(&b, '"');
			buf_addch(&b, *c);
		}
		buf_addch(&b, '"');
		k->address = arena_strdup(a, b.buf);
		buf_release(&b);
	}
}

int store_person_list(struct db *db, const struct person_filter *f, struct arena *a,
		      struct person **out, int *n, int64_t *total, struct buf *err)
{
	static const char count_sql[] = "SELECT count(*) FROM person p " PERSON_WHERE;
	static const char count_search_sql[] = "SELECT count(*) FROM person p " PERSON_SEARCH;
	const char *name = f->name ? f->name : "", *idh = f->id_hash ? f->id_hash : "";
	const char *cs = f->control_status ? f->control_status : "";
	const char *ad = f->addiction ? f->addiction : "";
	unsigned sort = (unsigned)f->sort < sizeof(person_list_sql) / sizeof(person_list_sql[0])
				? (unsigned)f->sort : PERSON_SORT_FOUND;
	int search = *name || *idh, plan;
	int64_t files = 0;
	struct search_keys k;
	struct person *list = NULL;
	size_t nr = 0, alloc = 0;
	sqlite3_stmt *st;
	int rc;

	search_keys(name, a, &k);
	/* The same arguments for both forms: a format two shorter leaves ?19-20 out. */
	st = db_query(db, err, search ? count_search_sql : count_sql,
		      search ? "sssssiiiisssnnssssss" : "sssssiiiisssnnssss",
		      f->prefix, k.name, idh, cs, ad, f->registered, f->found_from, f->found_to,
		      f->include_closed, k.pinyin, k.id_tail, k.phone, s0(f->risk_level),
		      s0(f->drug_type), s0(f->special), s0(f->measure_kind), k.address, k.bigram);
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	/*
	 * Walking reads about (offset + limit) * files / total rows at random;
	 * sorting reads the total matches. Walk when that is fewer.
	 */
	plan = PLAN_SEARCH;
	if (!search) {
		if (db_one(db, db_query(db, err, "SELECT coalesce(max(id), 0) FROM person", ""),
			   NULL, read_int64, &files, err) < 0)
			return -1;
		plan = (double)(f->offset + f->limit) * (double)files <
				       (double)*total * (double)*total
			       ? PLAN_WALK : PLAN_SORT;
	}
	st = db_query(db, err, person_list_sql[sort][plan][f->desc ? 1 : 0],
		      search ? "sssssiiiisssiissssss" : "sssssiiiisssiissss", f->prefix, k.name, idh,
		      cs, ad, f->registered, f->found_from, f->found_to, f->include_closed, k.pinyin,
		      k.id_tail, k.phone, f->limit, f->offset, s0(f->risk_level), s0(f->drug_type),
		      s0(f->special), s0(f->measure_kind), k.address, k.bigram);
	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		if (read_person(db, st, a, ARENA_PUSH(a, list, nr, alloc), 0, err) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	if (rc < 0)
		return -1;
	*out = list;
	*n = (int)nr;
	return 0;
}

/* ---- photos ---- */

int store_photo_put(struct db *db, int64_t person_id, const char *mime, const void *data,
		    size_t len, int64_t user_id, struct buf *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO person_photo(person_id, mime, sealed, bytes, user_id, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	struct buf sealed = BUF_INIT;
	int rc;

	secret_seal(&db->s->kr, data, len, &sealed);
	rc = db_exec(db, err, sql, "lsblll", person_id, mime, sealed.buf, sealed.len,
		     (int64_t)len, user_id, now_unix());
	buf_release(&sealed);
	return rc;
}

int store_photo_get(struct db *db, int64_t person_id, struct buf *out, const char **mime,
		    struct buf *err)
{
	static const char sql[] = "SELECT mime, sealed FROM person_photo WHERE person_id = ?1";
	sqlite3_stmt *st = db_query(db, err, sql, "l", person_id);
	int rc;

	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	*mime = !strcmp((const char *)sqlite3_column_text(st, 0), "image/png") ? "image/png"
										 : "image/jpeg";
	rc = secret_open(&db->s->kr, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1),
			 out);
	sqlite3_reset(st);
	if (rc < 0) {
		buf_setf(err, "person %lld: the photo cannot be decrypted (wrong key file?)",
			 (long long)person_id);
		return -1;
	}
	return 0;
}

int store_photo_updated(struct db *db, int64_t person_id, int64_t *updated_at, struct buf *err)
{
	static const char sql[] = "SELECT updated_at FROM person_photo WHERE person_id = ?1";
	return db_one(db, db_query(db, err, sql, "l", person_id), NULL, read_int64, updated_at, err);
}

int store_photo_delete(struct db *db, int64_t person_id, struct buf *err)
{
	static const char sql[] = "DELETE FROM person_photo WHERE person_id = ?1";
	return db_exec1(db, err, sql, "l", person_id);
}

static void read_count(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct count_row *r = p;
	r->key = col_str(st, 0, a);
	r->label = col_str(st, 1, a);
	r->count = sqlite3_column_int64(st, 2);
	r->lost = sqlite3_column_int64(st, 3);
}

/* Counts of persons in the subtree of prefix grouped by `what`:
 * "division"  - by the child divisions directly under the prefix's node
 *               (townships under a county), labelled with their names;
 * "status"    - by control_status; "addiction" - by addiction level;
 * "year"      - by the year first found. Closed files are left out of all. */
int store_person_count_by(struct db *db, const char *prefix, const char *what, struct arena *a,
			  struct count_row **out, int *n, struct buf *err)
{
	/* One pass over the area's files (the index person_browse alone),
	 * grouped by the leading digits that name a child division. */
	static const char by_division[] =
		"WITH kids AS (SELECT code, name, prefix FROM division WHERE parent = "
		"  (SELECT code FROM division WHERE prefix = ?1 ORDER BY level LIMIT 1)), "
		"counts AS (SELECT substr(division, 1, (SELECT length(prefix) FROM kids LIMIT 1)) AS k, "
		"  count(*) AS n, sum(control_status = 'lost') AS lost FROM person "
		"  WHERE division >= ?1 AND division < ?1 || ':' AND closed_date = 0 GROUP BY 1) "
		"SELECT kids.code, kids.name, coalesce(counts.n, 0), coalesce(counts.lost, 0) "
		"FROM kids LEFT JOIN counts ON counts.k = kids.prefix ORDER BY kids.code";
	static const char by_status[] =
		"SELECT control_status, control_status, count(*), 0 FROM person "
		"WHERE division >= ?1 AND division < ?1 || ':' AND closed_date = 0 GROUP BY 1 ORDER BY 3 DESC";
	static const char by_addiction[] =
		"SELECT addiction, addiction, count(*), 0 FROM person "
		"WHERE division >= ?1 AND division < ?1 || ':' AND closed_date = 0 GROUP BY 1 "
		"ORDER BY CASE addiction WHEN 'use' THEN 1 WHEN 'addicted' THEN 2 ELSE 3 END";
	static const char by_year[] =
		"SELECT first_found_date / 10000, first_found_date / 10000, count(*), 0 FROM person "
		"WHERE division >= ?1 AND division < ?1 || ':' AND first_found_date > 0 AND closed_date = 0 "
		"GROUP BY 1 ORDER BY 1";
	const char *sql;

	if (!strcmp(what, "division"))
		sql = by_division;
	else if (!strcmp(what, "status"))
		sql = by_status;
	else if (!strcmp(what, "addiction"))
		sql = by_addiction;
	else if (!strcmp(what, "year"))
		sql = by_year;
	else {
		buf_setf(err, "unknown grouping '%s'", what);
		return -1;
	}
	return db_many(db, db_query(db, err, sql, "s", prefix), a, sizeof(**out), read_count,
		       (void **)out, n, err);
}
