/* upload.h - spreadsheets uploaded for an import, kept briefly in private files between its steps. */
#ifndef JINDU_UPLOAD_H
#define JINDU_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/buf.h"

/*
 * An import in the browser takes several requests (upload, columns, check,
 * import), and the file must outlive each of them. It is kept in a private
 * file (mode 0600) beside the database, named by a random id that only the
 * user who uploaded it can use. The file is removed when the import is
 * done, when its owner uploads too many others, UPLOAD_TTL seconds after
 * its last use, when the server stops and, for files a crash left behind,
 * when it starts again.
 */
#define UPLOAD_TTL (30 * 60)
#define UPLOAD_MAX 64          /* files kept at once, for everybody */
#define UPLOAD_MAX_PER_USER 3  /* a further upload replaces the user's oldest */
#define UPLOAD_ID_SIZE 33      /* 32 hex digits and the NUL */

struct uploads;

/* Starts the register for the database at db_path: its files go beside it,
 * and leftovers of an earlier run are removed; a file unused for ttl
 * seconds (UPLOAD_TTL) is forgotten. NULL with err. */
struct uploads *uploads_open(const char *db_path, int ttl, struct buf *err);
/* Removes every file still kept and frees u (NULL is fine). */
void uploads_close(struct uploads *u);

/*
 * Keeps data as a new upload of user, named name (shown back, recorded in
 * the audit log) with ext (".csv" or ".xlsx", what the readers go by).
 * Writes its id to id. Returns 0, or -1 with err (the file cannot be
 * written, or too many uploads are kept already).
 */
int upload_save(struct uploads *u, int64_t user, const char *name, const char *ext,
		const void *data, size_t len, char id[UPLOAD_ID_SIZE], struct buf *err);

/*
 * The upload id of user: the file's path and the name it was uploaded as,
 * copied into a. Counts as a use (its time to live starts again). Returns
 * 0, or -1 when there is no such upload for this user (never was, expired,
 * removed, or someone else's: all alike).
 */
int upload_find(struct uploads *u, const char *id, int64_t user, struct arena *a,
		const char **path, const char **name);

/* Removes the upload's file now (nothing when it is gone already). */
void upload_remove(struct uploads *u, const char *id);

/* Removes what has not been used for its time to live (saving and finding
 * do it too; the server also calls it every minute). */
void uploads_sweep(struct uploads *u);

#endif
