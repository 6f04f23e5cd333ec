/* import-methadone.h - months of methadone maintenance from the clinics' monthly spreadsheets. */
#ifndef JINDU_IMPORT_METHADONE_H
#define JINDU_IMPORT_METHADONE_H

#include "import/import-persons.h"

/*
 * The columns a clinic's sheet may have (header, then synonyms; compared
 * as import_header_key does, so "平均剂量(mg)" and "平均剂量（毫克）" are
 * one): 身份证号, 姓名 (optional: when given it must be the file's name),
 * 月份 (2026-05, 2026/5, 2026年5月, 202605 or a date in the month), 门诊
 * (optional: the enrolment's clinic), 应服药天数, 实际服药天数, 平均剂量(mg)
 * (empty when no day was taken).
 */
enum import_methadone_column {
	IM_ID, IM_NAME, IM_MONTH, IM_CLINIC, IM_DAYS_DUE, IM_DAYS_TAKEN, IM_DOSE, IM_NCOLUMNS
};
struct import_methadone_header {
	const char *header;
	const char *synonyms;
	int required;
};
extern const struct import_methadone_header import_methadone_columns[IM_NCOLUMNS];

/* The column a header names, or -1. */
int import_methadone_column(const char *header);

/* What the rows did, besides the counts of struct import_report (rows,
 * rejected, imported = added + updated). */
struct import_methadone_counts {
	int64_t added;     /* months not recorded before */
	int64_t updated;   /* months recorded with other values: replaced, audited */
	int64_t unchanged; /* months recorded with the same values: left alone */
};

/*
 * Reads t (the header is the first of the first ten non-empty rows that
 * names two known columns), checks every row — the person on file and in
 * who's area, the name, the month, the days and the dose by the rules of
 * methadone_check, a person's month only once in the file — and fills rep
 * and counts. Unless dry_run, writes the months in one transaction, each
 * audited, with one "import" entry naming file_name — only when no row
 * has an error.
 *
 * Returns 0 (imported, or a clean dry run), IMPORT_REJECTED (the header
 * or rows have errors: nothing written; rep says where and why) or -1
 * with err (the file cannot be read to its end, or the database failed:
 * nothing written).
 */
int import_methadone(struct db *db, const struct actor *who, struct table *t,
		     const char *file_name, int dry_run, struct import_report *rep,
		     struct import_methadone_counts *counts, struct buf *err);

#endif
