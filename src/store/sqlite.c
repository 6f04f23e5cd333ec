/* sqlite.c - the SQLite backend: opening, the connection pool, migrations, statement helpers. */
#include "sqlite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/embed.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

#define POOL_MAX 8

sqlite3_stmt *db_prep(struct db *db, const char *sql, struct buf *err)
{
	size_t i;
	sqlite3_stmt *st;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		buf_setf(err, "database error preparing statement: %s", sqlite3_errmsg(db->h));
		return NULL;
	}
	ALLOC_GROW(db->cache, db->ncache + 1, db->acache);
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = st;
	db->ncache++;
	return st;
}

int db_bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i, rc = SQLITE_OK;

	/* A format that does not match the statement is a programming error;
	 * catch it on first use rather than bind garbage. */
	if ((int)strlen(fmt) != sqlite3_bind_parameter_count(st)) {
		fprintf(stderr, "jindu: %d parameters bound to a statement with %d: %s\n",
			(int)strlen(fmt), sqlite3_bind_parameter_count(st), sqlite3_sql(st));
		abort();
	}
	for (i = 1; *fmt && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'l':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(st, i, p, n, SQLITE_TRANSIENT);
			break;
		}
		case 'n':
			rc = sqlite3_bind_null(st, i);
			break;
		default:
			abort(); /* a programming error, caught by any test */
		}
	}
	return rc == SQLITE_OK ? 0 : -1;
}

sqlite3_stmt *db_query(struct db *db, struct buf *err, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st = db_prep(db, sql, err);
	int rc;
	if (!st)
		return NULL;
	va_start(ap, fmt);
	rc = db_bindv(st, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		buf_setf(err, "database error binding parameters: %s", sqlite3_errmsg(db->h));
		return NULL;
	}
	return st;
}

int db_step(struct db *db, sqlite3_stmt *st, struct buf *err)
{
	int64_t t0 = now_usec();
	int rc = sqlite3_step(st);
	db->usec += now_usec() - t0;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	buf_setf(err, "database error: %s", sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return -1;
}

static int exec_va(struct db *db, struct buf *err, int want_one, const char *sql,
		   const char *fmt, va_list ap)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	int rc;
	if (!st)
		return -1;
	if (db_bindv(st, fmt, ap) < 0) {
		buf_setf(err, "database error binding parameters: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	sqlite3_reset(st);
	if (want_one && sqlite3_changes(db->h) == 0)
		return STORE_NOTFOUND;
	return 0;
}

int db_exec(struct db *db, struct buf *err, const char *sql, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = exec_va(db, err, 0, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int db_exec1(struct db *db, struct buf *err, const char *sql, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = exec_va(db, err, 1, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int db_one(struct db *db, sqlite3_stmt *st, struct arena *a,
	   void (*read_row)(sqlite3_stmt *, struct arena *, void *), void *out, struct buf *err)
{
	int rc;
	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	read_row(st, a, out);
	sqlite3_reset(st);
	return 0;
}

int db_many(struct db *db, sqlite3_stmt *st, struct arena *a, size_t size,
	    void (*read_row)(sqlite3_stmt *, struct arena *, void *), void **out, int *n,
	    struct buf *err)
{
	char *list = NULL;
	size_t nr = 0, alloc = 0;
	int rc;
	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		list = arena_grow_array(a, list, nr, &alloc, size);
		read_row(st, a, list + nr * size);
		nr++;
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = (int)nr;
	return 0;
}

const char *col_str(sqlite3_stmt *st, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return arena_strdup(a, t ? (const char *)t : "");
}

void read_int64(sqlite3_stmt *st, struct arena *a, void *out)
{
	(void)a;
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

/* ---- connections ---- */

static int raw_exec(sqlite3 *h, const char *sql, struct buf *err)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_setf(err, "database error: %s", msg ? msg : sqlite3_errmsg(h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static struct db *conn_open(struct store *s, int flags, struct buf *err)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->s = s;
	if (sqlite3_open_v2(s->path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		buf_setf(err, "cannot open database '%s': %s", s->path,
			 db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, 10000);
	if (raw_exec(db->h,
		     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
		     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;",
		     err) < 0) {
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	return db;
}

static void conn_close(struct db *db)
{
	size_t i;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	sqlite3_close(db->h);
	free(db);
}

struct db *store_get(struct store *s)
{
	struct db *db = NULL;
	struct buf err = BUF_INIT;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		if (s->nidle) {
			db = s->idle[--s->nidle];
			break;
		}
		if (s->nall < s->max) {
			s->nall++;
			pthread_mutex_unlock(&s->mu);
			db = conn_open(s, SQLITE_OPEN_READWRITE, &err);
			if (!db) {
				/* The file was openable a moment ago: this is fatal. */
				fprintf(stderr, "jindu: %s\n", err.buf);
				abort();
			}
			buf_release(&err);
			return db;
		}
		pthread_cond_wait(&s->cv, &s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return db;
}

void store_put(struct db *db)
{
	struct store *s = db->s;
	if (db->in_tx)
		db_rollback(db);
	pthread_mutex_lock(&s->mu);
	s->idle[s->nidle++] = db;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

int64_t db_take_usec(struct db *db)
{
	int64_t u = db->usec;
	db->usec = 0;
	return u;
}

struct store *db_store(struct db *db)
{
	return db->s;
}

int db_begin(struct db *db, struct buf *err)
{
	if (db_exec(db, err, "BEGIN IMMEDIATE", "") < 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int db_commit(struct db *db, struct buf *err)
{
	if (db_exec(db, err, "COMMIT", "") < 0) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void db_rollback(struct db *db)
{
	struct buf err = BUF_INIT;
	if (sqlite3_get_autocommit(db->h) == 0)
		db_exec(db, &err, "ROLLBACK", "");
	db->in_tx = 0;
	buf_release(&err);
}

/* ---- migrations ---- */

static int migration_cmp(const void *a, const void *b)
{
	const struct embedded *x = *(const struct embedded *const *)a;
	const struct embedded *y = *(const struct embedded *const *)b;
	return strcmp(x->name, y->name);
}

int store_schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* What a migration needs done in C after its SQL, in the same transaction. */
static const struct {
	int num;
	int (*after)(struct db *db, struct buf *err);
} migration_code[] = {
	{ 4, sqlite_person_keys_rebuild },
};

/* Applies every embedded sql/NNNN-*.sql newer than user_version, each in its
 * own transaction with the version bump, so a crash leaves either the old or
 * the new schema. */
static int migrate(struct db *db, struct buf *err)
{
	const struct embedded *e, *list[256];
	int n = 0, i, have = store_schema_version(db);
	size_t j;
	char pragma[64];

	for (e = jindu_assets; e->name; e++)
		if (!strncmp(e->name, "sql/", 4) && n < 256)
			list[n++] = e;
	qsort(list, (size_t)n, sizeof(list[0]), migration_cmp);
	for (i = 0; i < n; i++) {
		int num = atoi(list[i]->name + 4);
		if (num <= have)
			continue;
		if (raw_exec(db->h, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		if (raw_exec(db->h, (const char *)list[i]->start, err) < 0) {
			buf_addf(err, " (in migration '%s')", list[i]->name);
			raw_exec(db->h, "ROLLBACK", err);
			return -1;
		}
		for (j = 0; j < sizeof(migration_code) / sizeof(migration_code[0]); j++)
			if (migration_code[j].num == num && migration_code[j].after(db, err) < 0) {
				buf_addf(err, " (in migration '%s')", list[i]->name);
				raw_exec(db->h, "ROLLBACK", err);
				return -1;
			}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", num);
		if (raw_exec(db->h, pragma, err) < 0 || raw_exec(db->h, "COMMIT", err) < 0) {
			raw_exec(db->h, "ROLLBACK", err);
			return -1;
		}
	}
	return 0;
}

/* ---- opening ---- */

struct store *store_open(const char *path, const char *key_path, int create, struct buf *err)
{
	struct store *s;
	struct db *db;
	struct stat st;
	char *kp;
	int exists = stat(path, &st) == 0;

	if (create && exists) {
		buf_setf(err, "database '%s' already exists", path);
		return NULL;
	}
	if (!create && !exists) {
		buf_setf(err, "database '%s' does not exist (create it with 'jindu init')", path);
		return NULL;
	}
	if (secret_init() < 0) {
		buf_setf(err, "cannot initialise libsodium");
		return NULL;
	}
	kp = key_path ? xstrdup(key_path) : NULL;
	if (!kp) {
		kp = xmalloc(strlen(path) + 5);
		sprintf(kp, "%s.key", path);
	}
	if (create && keyring_create(kp, err) < 0) {
		free(kp);
		return NULL;
	}

	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->max = POOL_MAX;
	s->idle = xcalloc(POOL_MAX, sizeof(*s->idle));
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	if (keyring_load(kp, &s->kr, err) < 0)
		goto fail;

	/* The file holds personal data: create it readable by its owner only.
	 * SQLite gives the -wal and -shm files the same permissions. */
	if (create) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0) {
			buf_setf(err, "cannot create database '%s': %s", path, strerror(errno));
			goto fail;
		}
		close(fd);
	}
	db = conn_open(s, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), err);
	if (!db)
		goto fail;
	s->nall = 1;
	if (migrate(db, err) < 0) {
		conn_close(db);
		goto fail;
	}
	s->idle[s->nidle++] = db;
	free(kp);
	return s;
fail:
	if (create) {
		unlink(kp);
		if (!exists)
			unlink(path);
	}
	free(kp);
	keyring_wipe(&s->kr);
	free(s->idle);
	free(s->path);
	free(s);
	return NULL;
}

void store_close(struct store *s)
{
	int i;
	if (!s)
		return;
	for (i = 0; i < s->nidle; i++)
		conn_close(s->idle[i]);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	keyring_wipe(&s->kr);
	free(s->idle);
	free(s->path);
	free(s);
}

const struct keyring *store_keyring(const struct store *s)
{
	return &s->kr;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_backup(struct store *s, const char *path, struct buf *err)
{
	struct db *db = store_get(s);
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	int rc, ret = -1;
	struct stat st;

	if (stat(path, &st) == 0) {
		buf_setf(err, "backup target '%s' already exists", path);
		goto out;
	}
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		buf_setf(err, "cannot create backup '%s': %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	bk = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!bk) {
		buf_setf(err, "cannot start backup: %s", sqlite3_errmsg(dst));
		goto out;
	}
	/* Copy in steps so writers are not blocked for long; a write by another
	 * connection restarts the copy, which still ends consistent. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		buf_setf(err, "backup failed: %s", sqlite3_errmsg(dst));
		goto out;
	}
	ret = 0;
out:
	if (dst)
		sqlite3_close(dst);
	if (ret < 0 && dst)
		unlink(path);
	store_put(db);
	return ret;
}

/* ---- meta ---- */

static void read_value(sqlite3_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = col_str(st, 0, a);
}

int store_meta_get(struct db *db, const char *key, struct arena *a, const char **value,
		   struct buf *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	return db_one(db, db_query(db, err, sql, "s", key), a, read_value, value, err);
}

int store_meta_set(struct db *db, const char *key, const char *value, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO meta(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	return db_exec(db, err, sql, "ss", key, value);
}
