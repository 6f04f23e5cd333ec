/* import-common.h - what spreadsheet imports share: matching headers, cleaning cells, report lines. */
#ifndef JINDU_IMPORT_COMMON_H
#define JINDU_IMPORT_COMMON_H

#include <stddef.h>

#include "import/import-persons.h"

/*
 * Headers as compared: spaces (ASCII and full-width) removed, ASCII
 * brackets made full-width, a required mark ("*", "＊", "（必填）") and a unit
 * in brackets at the end ("（mg）", "（毫克）", "（天）") dropped, ASCII letters
 * in lower case. out gets at most size - 1 bytes and is always terminated.
 */
void import_header_key(const char *in, char *out, size_t size);

/* 1 when header names name or one of synonyms ('|' between them), both
 * sides compared as import_header_key makes them. */
int import_header_is(const char *header, const char *name, const char *synonyms);

/* s without spaces (ASCII and U+3000) at either end, copied into a. */
const char *import_trim(struct arena *a, const char *s);

/* An ID number as spreadsheets leave it ('360…, ="360…", 360 825 …) with
 * those artefacts removed, copied into a; "" when a number Excel stored
 * in scientific notation lost its last digits. */
const char *import_clean_id(struct arena *a, const char *s);

/*
 * Appends one line to rep: row (0 for the file as a whole), the column's
 * header as the file writes it ("" for the row), the message; skipped 1
 * for a line that says what was done rather than what is wrong. Strings
 * are copied into rep's arena on one line; past IMPORT_MAX_ISSUES lines
 * are only counted.
 */
void import_report_add(struct import_report *rep, int line, const char *column,
		       const char *message, int skipped);

/*
 * The rows of an import after its header: each given to row(), inside one
 * transaction unless dry_run (*writing is set to 1 when it opens; row()
 * clears it once a row is rejected, and stops writing), then finish()
 * (the audit entry and the commit) when no row was rejected. A rejected
 * row anywhere rejects the whole file: nothing is written, rep->imported
 * is 0. Returns 0, IMPORT_REJECTED, or -1 (err; rolled back).
 */
struct import_pass {
	struct db *db;
	int dry_run;
	struct import_report *rep;
	void *ctx;
	int *writing;
	int (*row)(void *ctx, const struct table_row *row, struct buf *err);
	int (*finish)(void *ctx, struct buf *err);
};
int import_rows(struct table *t, const struct import_pass *p, struct buf *err);

#endif
