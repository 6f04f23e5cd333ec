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

/*
 * Reading rows: read_row fills the struct at its last argument from the
 * current row of st, copying strings into the arena (col_str). st is what
 * db_query returned, so NULL (its error already in err) gives -1.
 *
 * db_one reads the first row into out and resets st: 0, STORE_NOTFOUND when
 * there is none, or -1 with err.
 */
int db_one(struct db *db, sqlite3_stmt *st, struct arena *a,
	   void (*read_row)(sqlite3_stmt *, struct arena *, void *), void *out, struct buf *err);
/*
 * db_many reads every row into an array of elements of `size` bytes grown
 * in a; *out is the array (NULL when there are no rows) and *n its length.
 * 0 or -1 with err.
 */
int db_many(struct db *db, sqlite3_stmt *st, struct arena *a, size_t size,
	    void (*read_row)(sqlite3_stmt *, struct arena *, void *), void **out, int *n,
	    struct buf *err);

/* Column i as text copied into a; "" for NULL. */
const char *col_str(sqlite3_stmt *st, int i, struct arena *a);
/* A read_row for a single int64_t, column 0 (an id); it needs no arena, so a may be NULL. */
void read_int64(sqlite3_stmt *st, struct arena *a, void *out);

/*
 * The deadline rules of src/domain/alert-stats.h and feed.h over an alert
 * named `al`, at the instant `now` (a parameter), for the alert lists,
 * their statistics and the indicators. Overdue: still open past a deadline.
 * Late (超期): a deadline missed, open past it or done after it.
 */
#define OVERDUE(now) "((al.status = 'new' AND al.sign_due < " now ") OR " \
	"(al.status IN ('new', 'signed') AND al.feedback_due < " now "))"
#define LATE(now)                                                                            \
	"(CASE WHEN al.signed_at <> 0 THEN al.signed_at > al.sign_due "                          \
	"      ELSE al.sign_due < " now " END OR "                                               \
	" CASE WHEN al.handled_at <> 0 THEN al.handled_at > al.feedback_due "                    \
	"      ELSE al.feedback_due < " now " END)"
#define SIGNED_ON_TIME "(al.signed_at <> 0 AND al.signed_at <= al.sign_due)"
#define ANSWERED_ON_TIME "(al.handled_at <> 0 AND al.handled_at <= al.feedback_due)"

/* Writes person_key for every person (after migration 0004). */
int sqlite_person_keys_rebuild(struct db *db, struct buf *err);

#endif
