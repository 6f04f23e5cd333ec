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
};

extern const struct import_column import_person_columns[];
extern const int import_person_ncolumns;

/* The template's example row carries this note; rows with it are skipped. */
#define IMPORT_EXAMPLE_NOTE "示例行：导入时自动跳过，可删除"

/* The column a header names (index into import_person_columns), or -1. */
int import_person_column(const char *header);

/* Recognised dates as "YYYY-MM-DD" in out; -1 when s is not a date. */
int import_parse_date(const char *s, char out[11]);

/* One line of the report. */
struct import_issue {
	int line;            /* row in the file; 0 for the file as a whole */
	const char *column;  /* the header as written in the file, or "" */
	const char *message; /* Chinese */
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

#endif
