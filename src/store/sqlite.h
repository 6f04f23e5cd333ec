/* sqlite.h - internals shared by the SQLite backend's files; nothing outside src/store sees it. */
#ifndef JINDU_STORE_SQLITE_H
#define JINDU_STORE_SQLITE_H

#include <pthread.h>
#include <sqlite3.h>

#include "store.h"

struct stmt_slot {
	const char *sql; /* a constant: the cache is keyed by its address */
	sqlite3_stmt *st;
};

struct db {
	struct store *s;
	sqlite3 *h;
	struct stmt_slot *cache;
	size_t ncache, acache;
	int64_t usec;
	int in_tx;
};

struct store {
	char *path;
	struct keyring kr;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct db **idle;
	int nidle, nall, max;
};

/* A cached, reset statement for the constant sql; NULL with err on failure. */
sqlite3_stmt *db_prep(struct db *db, const char *sql, struct buf *err);
/*
 * Binds parameters 1..n by a format string: 's' text (NULL binds NULL),
 * 'i' int, 'l' int64_t, 'b' blob (pointer then size_t), 'n' NULL.
 */
int db_bindv(sqlite3_stmt *st, const char *fmt, va_list ap);
/* Prepares, binds and returns the statement ready for db_step. */
sqlite3_stmt *db_query(struct db *db, struct buf *err, const char *sql, const char *fmt, ...);
/* Steps once: SQLITE_ROW, SQLITE_DONE, or -1 with err (and the statement reset). */
int db_step(struct db *db, sqlite3_stmt *st, struct buf *err);
/* Runs a statement that returns no rows. 0 or -1. */
int db_exec(struct db *db, struct buf *err, const char *sql, const char *fmt, ...);
/* Runs a statement expected to change one row: 0, STORE_NOTFOUND or -1. */
int db_exec1(struct db *db, struct buf *err, const char *sql, const char *fmt, ...);

const char *col_str(sqlite3_stmt *st, int i, struct arena *a);

#endif
