/* import-persons.h - an existing registry of persons from a spreadsheet: mapping, checks, report. */
#ifndef JINDU_IMPORT_PERSONS_H
#define JINDU_IMPORT_PERSONS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/audit.h"
#include "domain/choice.h"
#include "import/table.h"

/*
 * The columns a registry spreadsheet may have, in the template's order.
 * header is the name the template writes; synonyms are other names clerks
 * use ('|' between them). Headers are compared without spaces, with
 * ASCII and full-width brackets alike and a "*" or "（必填）" mark dropped.
 */
enum import_kind {
	IMPORT_TEXT,
	IMPORT_ID,         /* 身份证号: spreadsheet artefacts removed ('…, ="…", spaces) */
	IMPORT_DATE,       /* 2024-01-31, 2024/1/31, 2024.1.31, 20240131, 2024年1月31日, Excel serial */
	IMPORT_DIVISION,   /* a township or village by name or code, under the importer's area */
	IMPORT_CODE,       /* a division code of any place (6, 9 or 12 digits) */
	IMPORT_CHOICE,     /* one key or label of choices */
	IMPORT_CHOICES,    /* several, separated by 、,，;；/ or spaces */
	IMPORT_REGISTERED, /* 在册 / 隐性 */
	IMPORT_ETHNICITY,  /* 汉族, or 汉 */
};

struct import_column {
	const char *header;
	const char *synonyms;
	const char *field;   /* the person_input member and person_check's field name */
	size_t offset;       /* of that member in struct person_input */
	int required;
	enum import_kind kind;
	const struct choice *choices;
	const char *format;  /* how to fill it in, for the template's instructions */
	const char *example;
	int measure;         /* 1: offset is into struct import_measure_input, not person_input */
};

/* The measure columns of a row, as written (dates as YYYY-MM-DD): the
 * person's current measure, and a compulsory measure before it. */
struct import_measure_input {
	const char *kind, *decision_date, *decision_no, *authority, *report_date;
	const char *compulsory_date, *release_date;
	const char *last_met;  /* 最近见面日期: recorded as a visit where the person was met */
};

extern const struct import_column import_person_columns[];
extern const int import_person_ncolumns;

/* The template's example row carries this note; rows with it are skipped. */
#define IMPORT_EXAMPLE_NOTE "示例行：导入时自动跳过，可删除"

/* The column a header names (index into import_person_columns), or -1. */
int import_person_column(const char *header);

/* Recognised dates as "YYYY-MM-DD" in out; -1 when s is not a date. */
int import_parse_date(const char *s, char out[11]);

/*
 * An explicit mapping of the file's columns, for headers that are not
 * recognised (证件号 for 身份证号) or a recognised column to leave out.
 * Each entry names one cell of the header row, by its position (cell >= 0,
 * 0-based) or by the text written there (cell < 0; compared as
 * import_person_column compares), and the column that cell holds: an index
 * into import_person_columns, or -1 for a column not imported. Cells no
 * entry names are recognised as without a mapping. Two cells holding the
 * same column is an error in the report when either is named here (without
 * a mapping the second is ignored as a repeat).
 */
struct import_map_entry {
	int cell;
	const char *header;
	int column;
};

struct import_mapping {
	int header_line; /* the header's row in the file; 0: looked for as without a mapping */
	const struct import_map_entry *entries;
	int nentries;
};

/* import-columns.c: a mapping from text, and the start of a file to choose one by. */

/*
 * A set of columns an import knows (the person columns here; others, such
 * as the links of import-links.h, have their own): how many, the column a
 * header names (-1: none), the column a name in a mapping names — its
 * field name, header or a synonym (-1: none) — and what each column is:
 * its header (a Chinese source text, marked for translation), other names
 * ('|' between them), the field name a mapping or a form uses, and
 * whether a file must have it.
 */
struct import_column_desc {
	const char *header, *synonyms, *field;
	int required;
};
struct import_columns {
	int (*count)(void);
	int (*of_header)(const char *header);
	int (*of_name)(const char *name);
	void (*describe)(int column, struct import_column_desc *out);
};
extern const struct import_columns import_person_set;

/*
 * Parses "表头=列名;表头=列名" into m, with entries (by header text) in a.
 * The column is named by its header, a synonym or its field name
 * ("id_number"); "不导入" or "-" leaves the column out. Returns 0, or -1
 * with a message in err naming the part that is wrong.
 */
int import_mapping_parse(const char *spec, struct arena *a, struct import_mapping *m,
			 struct buf *err);
/* The same for another set of columns. */
int import_mapping_parse_for(const struct import_columns *cols, const char *spec,
			     struct arena *a, struct import_mapping *m, struct buf *err);

/*
 * The start of a file as a mapping step shows it: the header row and the
 * first max_rows rows after it. header_line > 0 takes that row as the
 * header; 0 looks for it as import_persons does and, when no row within
 * the first ten names known columns, takes the first non-empty row
 * (found 0). Strings live in pv->a; release with import_preview_release.
 * Returns 0 (ncols 0 and header_line 0 when the file has no such row or no
 * data at all) or -1 with err when the file cannot be read.
 */
struct import_preview {
	struct arena a;
	const char *encoding;
	int header_line;
	int found;            /* the header names at least two known columns */
	int ncols;            /* columns of the header row and the rows shown */
	const char **headers; /* ncols; "" for a cell without a header */
	int *guess;           /* ncols: the column recognised, or -1 (also for a repeat) */
	int nrows;
	int *lines;           /* nrows: each row's number in the file */
	const char ***rows;   /* nrows arrays of ncols cells */
};

int import_preview(struct table *t, int header_line, int max_rows, struct import_preview *pv,
		   struct buf *err);
/* The same for another set of columns. */
int import_preview_for(const struct import_columns *cols, struct table *t, int header_line,
		       int max_rows, struct import_preview *pv, struct buf *err);
void import_preview_release(struct import_preview *pv);

/* One line of the report. */
struct import_issue {
	int line;            /* row in the file; 0 for the file as a whole */
	const char *column;  /* the header as written in the file, or "" */
	const char *message; /* in the language of the thread that imported */
	int skipped;         /* 1: a row left out on purpose (already on file), not an error */
};

#define IMPORT_MAX_ISSUES 10000

struct import_report {
	struct arena a;              /* owns every string below */
	const char *encoding;        /* "UTF-8", "GB18030", "xlsx" ... */
	int header_line;
	const char **ignored;        /* headers of columns not imported */
	size_t nignored, aignored;
	struct import_issue *issues; /* in row order, at most IMPORT_MAX_ISSUES */
	size_t nissues, aissues;
	int64_t issues_dropped;      /* issues past the cap, counted only */
	int64_t rows;                /* data rows read (blank rows and the example left out) */
	int64_t valid;               /* new and valid */
	int64_t existing;            /* already on file: skipped */
	int64_t rejected;            /* with at least one error */
	int64_t imported;            /* written (0 unless committed) */
	int64_t first_id, last_id;   /* ids of the files created */
};

void import_report_init(struct import_report *rep);
void import_report_release(struct import_report *rep);
/* "第 12 行，“身份证号”列：…" / "第 7 行：…" / the message alone for line 0. */
void import_issue_format(const struct import_issue *is, struct buf *out);

#define IMPORT_REJECTED 1

/*
 * Reads t (first non-empty row within the first ten that names known
 * columns is the header), checks every row with person_check in who's
 * area and fills rep. Unless dry_run, writes the new persons in one
 * transaction with one audit entry ("import", naming file_name and the
 * counts) — only when no row has an error.
 *
 * Returns 0 (imported, or a clean dry run), IMPORT_REJECTED (rows or the
 * header have errors: nothing written; rep says why) or -1 with err (the
 * file cannot be read to its end, or the database failed: nothing
 * written).
 */
int import_persons(struct db *db, const struct actor *who, struct table *t,
		   const char *file_name, int dry_run, struct import_report *rep,
		   struct buf *err);

/*
 * The same with an explicit mapping (NULL: none). Messages of the report
 * are translated into the calling thread's language.
 */
int import_persons_mapped(struct db *db, const struct actor *who, struct table *t,
			  const char *file_name, const struct import_mapping *map, int dry_run,
			  struct import_report *rep, struct buf *err);

#endif
