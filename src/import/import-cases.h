/* import-cases.h - a drug squad's case ledger (案件台账) from a spreadsheet: cases, their seizures and suspects. */
#ifndef JINDU_IMPORT_CASES_H
#define JINDU_IMPORT_CASES_H

#include "domain/audit.h"
#include "import/import-persons.h"

/*
 * The ledger a 禁毒大队 keeps: one sheet, a case on one row or on several
 * rows one after the other. The first row of a case holds the case — its
 * number, name, type, lead source, division, unit, officers, place, the
 * date of each step of the pipeline (受理 required; 立案, 破案, 移送起诉,
 * 起诉, 判决, 撤案 when reached), flags and summary. Every row of a case
 * may also hold one seizure (毒品种类, 重量 in the catalogue's unit, 零包包数,
 * 含量, 缴获日期 and 地点) and suspects (犯罪嫌疑人身份证号, several in one
 * cell separated by 、 or ；, with their 姓名 and 作用 in the same order,
 * and the 户籍地, 抓获 and coercive measures that hold for them).
 *
 * The rows after the first leave the case's cells empty (as merged cells
 * in Excel leave them) or repeat them unchanged; an empty 案件编号 continues
 * the case above. The rows of one case are next to each other.
 *
 * Every row is checked by the rules of the pages: case_check, the pipeline
 * (case_step_check: dates in order, 破案 with a suspect), the seizures
 * (drug in the catalogue, weight), the suspects (ID numbers, a name for one
 * without a file) and their measures. A case number on record is reported
 * and skipped, never duplicated.
 */
enum import_case_column {
	IC_NUMBER, IC_NAME, IC_TYPE, IC_SOURCE, IC_DIVISION, IC_UNIT, IC_OFFICERS, IC_PLACE,
	IC_OCCURRED, IC_ACCEPTED, IC_FILED, IC_SOLVED, IC_REFERRED, IC_PROSECUTED, IC_JUDGED,
	IC_WITHDRAWN, IC_FLAGS, IC_DESCRIPTION,
	IC_DRUG, IC_WEIGHT, IC_PACKETS, IC_PURITY, IC_SEIZED, IC_SEIZED_PLACE,
	IC_SUSPECT_ID, IC_SUSPECT_NAME, IC_ROLE, IC_HOME, IC_CAUGHT, IC_CAUGHT_PLACE,
	IC_CAUGHT_DIVISION, IC_DETENTION, IC_ARREST, IC_BAIL,
	IC_NCOLUMNS
};
#define IC_FIRST_SEIZURE IC_DRUG   /* columns of a seizure: IC_DRUG .. IC_SEIZED_PLACE */
#define IC_FIRST_SUSPECT IC_SUSPECT_ID

struct import_case_header {
	const char *header;    /* Chinese; marked for translation for the column choices */
	const char *synonyms;  /* other names clerks use, '|' between them */
	const char *field;     /* the name a mapping may use */
	int required;
	const char *format;    /* how to fill it in, for the template's instructions */
	const char *example;   /* the template's example case: its first row */
	const char *example2;  /* ... and its second */
};
extern const struct import_case_header import_case_columns[IC_NCOLUMNS];
/* The columns as a set, for mappings and previews. */
extern const struct import_columns import_case_set;

/* The template's example case carries this summary; it is skipped. */
#define IMPORT_CASE_EXAMPLE "示例案件：导入时自动跳过，可删除"

/* What an import did besides the report's counts, which count cases:
 * rows (data rows), valid (cases to add), existing (case numbers on
 * record: skipped), rejected (rows with an error), imported (cases
 * written, first_id..last_id). */
struct import_cases_counts {
	int64_t suspects;    /* suspects of the cases to add */
	int64_t new_files;   /* of them, persons without a file: one is made */
	int64_t registered;  /* of them, registered drug users */
	int64_t seizures;
	int64_t links;       /* 同案 links written (0 for a dry run) */
};

/*
 * Reads t (the mapping's header row, or the first of the first ten
 * non-empty rows naming two known columns), checks every case in who's
 * area (the division column empty: division, the importer's own) and
 * fills rep and counts. Unless dry_run, and only when no row has an error,
 * writes in one transaction the new cases with their steps, seizures and
 * suspects (person files made for those without one; co-suspects linked
 * 同案 in the networks), each case audited, with one "import" entry naming
 * file_name and the counts.
 *
 * Returns 0 (imported, or a clean dry run), IMPORT_REJECTED (the header or
 * rows have errors: nothing written; rep says where and why, by row and
 * column) or -1 with err (the file cannot be read to its end, or the
 * database failed: nothing written). Messages are in the calling thread's
 * language.
 */
int import_cases(struct db *db, const struct actor *who, const char *division, struct table *t,
		 const char *file_name, const struct import_mapping *map, int dry_run,
		 struct import_report *rep, struct import_cases_counts *counts, struct buf *err);

#endif
