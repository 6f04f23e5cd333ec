/* import-file.h - a spreadsheet sent for import, as the import pages and the import API take it. */
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

/*
 * Runs import_persons_mapped on the file at path as r's user (in the user's
 * area, audited as that user), the report's messages in the user's
 * language. name is how the file is called in the audit entry. Returns as
 * import_persons_mapped does, except that a file that cannot be read to
 * its end returns IMPORT_FILE_BAD (the user's to fix; err says why, in
 * English, naming path) and -1 is left for the database failing.
 */
#define IMPORT_FILE_BAD (-2)
int import_file_run(struct req *r, const char *path, const char *name,
		    const struct import_mapping *map, int dry_run, struct import_report *rep,
		    struct buf *err);

/* What the import pages share (page-import.c): a column's label ("（B
 * 列，无列名）" for a cell without a header), the table of a file's first
 * rows, and the report's issues, errors first. */
const char *import_page_column_label(struct req *r, int i, const char *header);
void import_page_preview(struct req *r, struct buf *b, const struct import_preview *pv);
void import_page_issues(struct req *r, struct buf *b, const struct import_report *rep);

/* What the import APIs share (api-import.c): the kind of a request body
 * (".csv" or ".xlsx" from its Content-Type, else the name's extension,
 * which *name gets when it lacks it; NULL when neither says), and a
 * report as JSON. */
const char *import_body_kind(struct req *r, const char **name);
json_t *import_report_json(const char *name, const struct import_report *rep, int dry_run);

/* err with every occurrence of path replaced by name (r's arena). */
const char *import_file_detail(struct req *r, const struct buf *err, const char *path,
			       const char *name);

#endif
