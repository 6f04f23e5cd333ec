/* import-file.h - a spreadsheet sent for import, as the import pages and the import APIs take it (import-flow.c). */
#ifndef JINDU_WEB_IMPORT_FILE_H
#define JINDU_WEB_IMPORT_FILE_H

#include "import/import-persons.h"
#include "web/req.h"

/*
 * What kind of spreadsheet a file sent for import is, by its name and its
 * first bytes: ".csv" or ".xlsx" (the extension the readers go by), or NULL
 * with *why set to what the user should do (a Chinese source text,
 * translated when shown): an old .xls, another kind of file, an empty one,
 * or bytes that cannot be what the name says.
 */
const char *import_file_kind(const char *name, const void *data, size_t len, const char **why);

/* The name to show and record: the last part of a path (browsers may send
 * one), without control characters, at most about 100 bytes; fallback when
 * nothing is left. In r's arena. */
const char *import_file_name(struct req *r, const char *name, const char *fallback);

/* A file that cannot be read to its end: the user's to fix. */
#define IMPORT_FILE_BAD (-2)

/* err with every occurrence of path replaced by name (r's arena). */
const char *import_file_detail(struct req *r, const struct buf *err, const char *path,
			       const char *name);

#endif
