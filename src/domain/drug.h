/* drug.h - the drug catalogue: names and aliases, exact weights, a case's quantity class and grade. */
#ifndef JINDU_DRUG_H
#define JINDU_DRUG_H

#include <stdint.h>

#include "domain/choice.h"
#include "domain/policy.h"
#include "store/store.h"

/*
 * The catalogue lives in the policy (struct drug_def, policy.h), so an office
 * can add a new psychoactive substance or change a local threshold without a
 * new program. Weights are integers of micrograms everywhere: a gram drug is
 * entered and shown to 0.01 g, a milligram drug (二氢埃托啡) to 0.01 mg.
 */

/* The drug whose key, name or alias is s (trimmed, exact), or NULL. */
const struct drug_def *drug_find(const struct policy *p, const char *s);
/* The drug of that key, or NULL (a key no longer in the catalogue). */
const struct drug_def *drug_by_key(const struct policy *p, const char *key);

/* "克" or "毫克" (Chinese source text, translate at display). */
const char *drug_unit_label(int unit);

/*
 * Reads a weight typed in the drug's unit ("12", "12.5", "12.34"; at most
 * two decimals, more than 0, at most ten tonnes) into micrograms. Returns 0,
 * or -1 with the reason in err (Chinese).
 */
int drug_weight_parse(const char *s, int unit, int64_t *ug, struct buf *err);
/* The weight in the unit with two decimals: "12.34" (out holds 32 bytes). */
const char *drug_weight_format(int64_t ug, int unit, char out[32]);

/*
 * Classes and grades. Legal quantity class (刑法 Arts 347-348, 法释〔2016〕8号):
 * DRUG_BELOW, DRUG_RELATIVELY_LARGE (数量较大), DRUG_LARGE (数量大), or
 * DRUG_NO_STANDARD when the drug has no threshold (or no drug was seized).
 * Police grade (local): GRADE_ORDINARY (一般), GRADE_MAJOR (重大),
 * GRADE_EXTRA (特大); GRADE_NONE when nothing could be graded.
 * A threshold is met at exactly its amount: 50.00 g of heroin is 数量大,
 * 49.99 g is not.
 */
enum drug_class { DRUG_NO_STANDARD = -1, DRUG_BELOW, DRUG_RELATIVELY_LARGE, DRUG_LARGE };
enum case_grade { GRADE_NONE = -1, GRADE_ORDINARY, GRADE_MAJOR, GRADE_EXTRA };

/* Labels by value + 1 (so [0] is the "none" one), Chinese source texts. */
extern const struct choice drug_class_labels[];  /* 无定量标准, 未达数量较大, 数量较大, 数量大 */
extern const struct choice case_grade_labels[];  /* 未定级, 一般, 重大, 特大 */
const char *drug_class_label(int c);
const char *case_grade_label(int g);

int drug_class_of(const struct drug_def *d, int64_t ug);
int drug_grade_of(const struct drug_def *d, int64_t ug);

/* A case's class and grade from what each drug weighs in it, its seizures
 * added up (struct seizure_total of store.h, one entry per drug),
 * as the policy's drug_combine says. Drugs not in the catalogue are left
 * out. */
struct case_grading {
	int legal;            /* enum drug_class */
	int police;           /* enum case_grade */
};
void drug_grade_case(const struct policy *p, const struct seizure_total *t, int n,
		     struct case_grading *out);

#endif
