/* xlsx-persons.h - the persons list as a workbook, and the import template. */
#ifndef JINDU_XLSX_PERSONS_H
#define JINDU_XLSX_PERSONS_H

#include "report/xlsx.h"
#include "store/store.h"

/*
 * The list: xlsx_persons_begin writes the header row (in the thread's
 * language), xlsx_persons_row one person each — the ID number masked,
 * never in full; place is the responsible division's name as it should
 * read ("恩江镇八一居委会"), or NULL for p->division_name. Finish with
 * xlsx_close. NULL with err when the file cannot be created.
 */
struct xlsx *xlsx_persons_begin(const char *path, struct buf *err);
void xlsx_persons_row(struct xlsx *x, const struct person *p, const char *place);

/*
 * The import template: sheet 1 has the columns import-persons.c reads
 * (required ones in red) and one example row, sheet 2 "填写说明" what to
 * write in each (required, format, allowed values, other names of the
 * column). towns, when given, are listed as the allowed 管控责任地.
 * Returns 0 or -1 with err.
 */
int xlsx_persons_template(const char *path, const char *const *towns, int ntowns,
			  struct buf *err);

#endif
