/* import-links.h - links of a network from a spreadsheet (call records, transfers, parcels): mapping, checks, report. */
#ifndef JINDU_IMPORT_LINKS_H
#define JINDU_IMPORT_LINKS_H

#include "domain/audit.h"
#include "import/import-persons.h"

/*
 * The columns a sheet of links may have (header, then synonyms; compared
 * as import_header_key does): each row is one link from an entity to
 * another. An end is its kind (人员, 电话, 车辆, 地址, 银行卡, 微信 ...;
 * without a kind column, guessed by net_kind_guess), its value (for a
 * person the ID number) and, for a person without a file in the
 * importer's area, a name. The link has a kind (通话, 转账 ...), a date or
 * a range ("2024-03-01至2024-03-31" in one cell, or a second column), a
 * case number and a note.
 */
enum import_link_column {
	IL_FROM_KIND, IL_FROM, IL_FROM_NAME, IL_KIND, IL_TO_KIND, IL_TO, IL_TO_NAME,
	IL_DATE, IL_DATE_TO, IL_CASE_NO, IL_NOTE, IL_NCOLUMNS
};
struct import_link_header {
	const char *header;    /* Chinese; marked for translation for the column choices */
	const char *synonyms;
	const char *field;     /* the name a mapping may use: from_kind, from_value ... */
	int required;
};
extern const struct import_link_header import_link_columns[IL_NCOLUMNS];
/* The columns as a set, for mappings and previews (import-columns.c). */
extern const struct import_columns import_link_set;

/* What an import did besides the report's counts (rows; valid; existing:
 * links on record already or twice in the file, skipped; rejected;
 * imported: links written, first_id..last_id). */
struct import_links_counts {
	int64_t entities; /* entities added */
	int64_t batch_id; /* the batch written, 0 for a dry run or a refusal */
};

/*
 * Reads t (the mapping's header row, or the first of the first ten
 * non-empty rows that names two known columns), checks every row by the
 * rules of network_link_add in who's area and fills rep. Unless dry_run,
 * and only when no row has an error, writes in one transaction a batch
 * (net_batch, named file_name), the entities not on record yet and the
 * links, all recorded in division, with one audit entry ("import",
 * "net_link") naming the file and the counts.
 *
 * Returns 0 (imported, or a clean dry run), IMPORT_REJECTED (the header or
 * rows have errors: nothing written; rep says where and why, by row and
 * column) or -1 with err (the file cannot be read to its end, or the
 * database failed: nothing written). Messages are in the calling thread's
 * language.
 */
int import_links(struct db *db, const struct actor *who, const char *division, struct table *t,
		 const char *file_name, const struct import_mapping *map, int dry_run,
		 struct import_report *rep, struct import_links_counts *counts, struct buf *err);

#endif
