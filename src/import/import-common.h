/* import-common.h - what spreadsheet imports share: matching headers, cleaning cells, report lines. */
#ifndef JINDU_IMPORT_COMMON_H
#define JINDU_IMPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "domain/choice.h"
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

/*
 * The choice text names: its key (any case), its label, or a part of a
 * label with brackets ("甲基苯丙胺（冰毒）": "甲基苯丙胺" or "冰毒"), compared
 * as headers are. NULL when none.
 */
const struct choice *import_choice_find(const struct choice *list, const char *text);
/* The labels of list joined by "、" (for "可填：…"), in a. */
const char *import_choice_labels(struct arena *a, const struct choice *list);

/*
 * A header row mapped to a set of columns (import_columns): for each
 * column the file's cell holding it (-1: none), its header as the file
 * writes it (the column's letter for a cell without one), and whether a
 * mapping named it. Arrays of cols->count() entries in the report's arena.
 */
struct import_header {
	const struct import_columns *cols;
	int *cell_of;
	const char **header_of;
	unsigned char *explicit_of;
	int bad;      /* two cells hold one column (reported) */
};

/*
 * Reads t up to its header: the mapping's header_line, or the first of the
 * first ten non-empty rows whose cells name two known columns. Maps it into
 * h: a cell the mapping names (by position or by its text) holds the
 * mapping's column, any other the column its text names. Two cells holding
 * one column are reported (when the mapping named either; else the second
 * is a repeat, listed with the cells left out in rep->ignored).
 * rep->header_line is set. Returns 1, 0 when there is no such row (reported:
 * missing says what a header names, "“身份证号”“姓名”"), or -1 with err.
 */
int import_header_read(struct table *t, const struct import_columns *cols,
		       const struct import_mapping *map, const char *missing,
		       struct import_report *rep, struct import_header *h, struct buf *err);
/* Reports each required column the header lacks, with its other names;
 * returns how many. */
int import_header_missing(const struct import_header *h, struct import_report *rep);
/* The cell of column col in row, trimmed, in a ("" when the file lacks it). */
const char *import_cell(const struct import_header *h, const struct table_row *row, int col,
			struct arena *a);
/* Where column col is in the file, for reporting a row's errors left to
 * right: its cell, or TABLE_MAX_COLS when the file lacks it. */
int import_position(const struct import_header *h, int col);

/*
 * Strings seen earlier in a file (ID numbers, case numbers, a row's key),
 * with the row each was first seen on. Zeroed to start; add returns that
 * first row, or 0 after recording key at line.
 */
struct import_seen {
	struct import_seen_slot {
		uint64_t hash;
		const char *key; /* NULL: free */
		int line;
	} *slots;
	size_t cap, n;
	struct arena a;
};
int import_seen_add(struct import_seen *s, const char *key, int line);
/* The row key was first seen on, or 0. */
int import_seen_line(const struct import_seen *s, const char *key);
void import_seen_release(struct import_seen *s);

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
 * clears it once a row is rejected, and stops writing), then end() when
 * set (an import that takes several rows as one record checks and writes
 * its last there), then finish() (the audit entry and the commit) when no
 * row was rejected. A rejected row anywhere rejects the whole file:
 * nothing is written, rep->imported is 0. Returns 0, IMPORT_REJECTED, or
 * -1 (err; rolled back).
 */
struct import_pass {
	struct db *db;
	int dry_run;
	struct import_report *rep;
	void *ctx;
	int *writing;
	int (*row)(void *ctx, const struct table_row *row, struct buf *err);
	int (*finish)(void *ctx, struct buf *err);
	int (*end)(void *ctx, struct buf *err);
};
int import_rows(struct table *t, const struct import_pass *p, struct buf *err);

#endif
