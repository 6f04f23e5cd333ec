/* xlsx-cases.h - the case list as a workbook (cases, seizures by drug, suspects), and the case import template. */
#ifndef JINDU_XLSX_CASES_H
#define JINDU_XLSX_CASES_H

#include "domain/case.h"
#include "report/xlsx.h"

/*
 * The list, three sheets filled side by side:
 *   毒品案件    one case a row: its fields, the date of each step, flags,
 *              legal class and police grade, the weight seized of each
 *              drug (one column per drug of drugs, in the drug's unit),
 *              零包 packets, suspects, 毒资 and 涉毒资产;
 *   缴获毒品    one row per case and drug: total, packets, seizures, the
 *              drug's class and grade;
 *   犯罪嫌疑人  one row per suspect: role, home, caught, coercive measures.
 * Suspects' ID numbers are masked, never in full; with clear 0 (a reader
 * who may not read person files) names are masked too (张某) and neither ID
 * numbers nor registration are written. Headers are in the thread's
 * language. NULL with err when the file cannot be created.
 */
struct xlsx_cases;
struct xlsx_cases *xlsx_cases_begin(const char *path, const struct policy *pol,
				    const char *const *drugs, int ndrugs, int clear,
				    struct buf *err);
/* One case; place is its division's name as it should read, or NULL. */
void xlsx_cases_row(struct xlsx_cases *xc, const struct case_file *f, const char *place);
/* Writes the file and frees xc. 0 or -1 with err. */
int xlsx_cases_close(struct xlsx_cases *xc, struct buf *err);

/*
 * The import template: sheet 1 has the columns import-cases.c reads
 * (required ones in red) and an example case on two rows (skipped when
 * imported), sheet 2 "填写说明" what to write in each, the layout of a
 * case on several rows, and the values allowed (case types and drugs of
 * the policy; towns, when given, as the divisions). 0 or -1 with err.
 */
int xlsx_cases_template(const char *path, const struct policy *pol, const char *const *towns,
			int ntowns, struct buf *err);

#endif
