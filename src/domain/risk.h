/* risk.h - risk grading (风险分类评估): a scored model from configuration, with its breakdown. */
#ifndef JINDU_RISK_H
#define JINDU_RISK_H

#include "domain/choice.h"
#include "domain/policy.h"
#include "store/store.h"

extern const struct choice risk_levels[];  /* high 高风险, medium 中风险, low 低风险 */

/* The facts the model looks at, gathered by the caller from the records. */
struct risk_input {
	const struct person *person;  /* drug_types, addiction, special_status, employment, family, birth_date */
	int relapses;                 /* relapses recorded */
	int refusals_last_year;       /* refused or evaded tests in the last 365 days */
	int lost_before;              /* ever flagged 脱管失控 */
	int clean_since;              /* three-years-clean clock start, 0 none */
	int today;
};

/* key and label point into the policy, which must outlive the result. */
struct risk_part {
	const char *key;
	const char *label;
	int points;
};

struct risk_result {
	int score;
	const char *level;            /* "high", "medium", "low" */
	struct risk_part parts[POLICY_MAX_FACTORS];
	int nparts;                   /* only the factors that applied */
};

/* Scores in under a microsecond; pure. "unemployed" holds when employment
 * is empty or one of 无业/待业/失业; "no_family" when family is empty. */
void risk_assess(const struct risk_input *in, const struct policy *p, struct risk_result *out);

/* The breakdown as JSON for person.risk_detail: [{"key","label","points"}...]; caller frees. */
char *risk_detail_json(const struct risk_result *r);

#endif
