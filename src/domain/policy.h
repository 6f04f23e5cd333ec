/* policy.h - the configurable rules: person control (terms, schedules, risk model) and drug cases. */
#ifndef JINDU_POLICY_H
#define JINDU_POLICY_H

#include <stdint.h>

#include "lib/buf.h"

/*
 * Every duration, interval and threshold of person control is a default
 * from DOMAIN.md that the office administrator may change (local rules
 * differ). The policy is stored as JSON, versioned (table `policy`); the
 * newest version is in force. Version 0 is policy_defaults().
 *
 * Measure kinds index the arrays: see enum measure_kind in measure.h.
 */
#define POLICY_KINDS 5     /* voluntary, community, compulsory, rehab, facility */
#define POLICY_YEARS 3     /* year of the term: 1, 2, 3 and later */
#define POLICY_LEVELS 3    /* risk: 0 low, 1 medium, 2 high (unassessed counts as medium) */
#define POLICY_MAX_FACTORS 16

/* How often each obligation falls due, in days; 0 = not required. */
struct obligation_rule {
	int test_days;   /* urine/hair test */
	int visit_days;  /* home visit (走访) */
	int talk_days;   /* help-and-education talk (帮教谈话) */
};

/* One scored risk factor: when the condition named by key holds for a
 * person, `points` are added. Keys understood by risk.c:
 *   heroin (drug types incl. heroin/opium), synthetic (meth, magu,
 *   ketamine, mdma, methcathinone, nps), addicted, severe, relapse (per
 *   relapse, capped at 3), refusal (per refused/evaded test in the last
 *   year, capped at 3),
 *   lost_before, mental, hiv, illness, unemployed, no_family, young (<25),
 *   clean_1y (negative: clean for over a year), clean_2y (negative) */
struct risk_factor {
	char key[24];
	char label[64];  /* Chinese, shown in the breakdown */
	int points;
};

/*
 * 毒品案件 (policy-case.c): the drug catalogue and how a case is graded.
 *
 * A controlled substance of the catalogue: its key (stored with each
 * seizure), its name and other names (aliases, so 冰毒 finds 甲基苯丙胺), the
 * unit weights are entered and shown in (g, or mg for the drugs whose
 * thresholds are in milligrams), and four thresholds in micrograms, each 0
 * when there is none:
 *   large, relatively_large  数量大 / 数量较大 of 刑法 Arts 347-348 as fixed by
 *                            法释〔2016〕8号 (a new psychoactive substance the
 *                            interpretation does not name has none);
 *   extra, major             the police's 特大 / 重大 case grades: no national
 *                            standard (DOMAIN.md §4), so local configuration.
 * Weights are exact: integers of micrograms, entered to 0.01 of the unit.
 */
#define POLICY_MAX_DRUGS 64
#define POLICY_MAX_CASE_TYPES 24

enum drug_unit { DRUG_UNIT_G, DRUG_UNIT_MG };

struct drug_def {
	char key[32];
	char name[64];
	char aliases[256];   /* other names, comma-separated ("冰毒,麻古") */
	int unit;            /* enum drug_unit */
	int64_t large_ug, relatively_large_ug;
	int64_t extra_ug, major_ug;
};

/* A kind of case (案件类别), configurable: key stored, label shown. */
struct case_type {
	char key[32];
	char label[128];     /* the longest of the defaults is 69 bytes */
};

/* How the drugs of one case make its class and grade (drug.h):
 * HIGHEST  the highest of any single drug's (weights of one drug are added
 *          across the case's seizures, never weights of different drugs);
 * SHARES   the shares of each drug's threshold are added: 25 g of heroin
 *          (half of 50 g) and 50 g of MDMA (half of 100 g) make 数量大. */
enum drug_combine { DRUG_COMBINE_HIGHEST, DRUG_COMBINE_SHARES };

struct policy {
	int version;

	/* terms (禁毒法, 戒毒条例) */
	int community_years;          /* 社区戒毒: 3 */
	int compulsory_years;         /* 强制隔离戒毒: 2 */
	int rehab_years;              /* 社区康复: up to 3 */
	int report_days;              /* report within 15 days of the decision */
	int early_release_min_days;   /* 强制隔离戒毒: early release after 1 year (365) */
	int extension_max_days;       /* extension at most 1 year (365) */
	int clean_years;              /* 戒断三年未复吸: 3 */

	/* obligations per kind x year of term x risk level */
	struct obligation_rule rules[POLICY_KINDS][POLICY_YEARS][POLICY_LEVELS];
	int due_soon_days;            /* "this week": due within 7 days */

	/* 严重违反协议 (条例 Art 20) */
	int violation_refusals;       /* refused or evaded tests: 3 */
	int violation_absences;       /* unpermitted departures from the county: 3 */
	int violation_absence_days;   /* or more than 30 days away in total */

	/* 脱管失控 */
	int lost_report_grace_days;   /* report deadline passed by this much: 0 */
	int lost_missed_in_row;       /* consecutive missed obligations: 3 */
	int lost_unreachable_days;    /* no contact with outcome "met" for this long: 120 */

	/* 复吸: the measure proposed after a positive test ("compulsory") */
	char relapse_proposal[16];

	/* risk grading */
	struct risk_factor factors[POLICY_MAX_FACTORS];
	int nfactors;
	int high_from;                /* score >= high_from: high */
	int medium_from;              /* score >= medium_from: medium; else low */

	/* 美沙酮维持治疗: a month with adherence (days dosed / days due) below
	 * this percentage is 依从性差 (80); 0 flags no month */
	int methadone_min_percent;

	/* 动态管控预警: an alert must be signed for (签收) and answered with
	 * what was done (反馈) within these many hours of its making; high
	 * priority (脱管失控 or high risk) and normal. Overdue ones escalate. */
	int alert_sign_hours_high, alert_feedback_hours_high;
	int alert_sign_hours, alert_feedback_hours;

	/* 毒品案件: see above */
	int drug_combine;                 /* enum drug_combine */
	struct case_type case_types[POLICY_MAX_CASE_TYPES];
	int ncase_types;
	struct drug_def drugs[POLICY_MAX_DRUGS];
	int ndrugs;
};

/* Fills p with the defaults of DOMAIN.md (version 0). */
void policy_defaults(struct policy *p);

/* Reads a policy from JSON (as written by policy_to_json), starting from
 * the defaults so that missing keys keep them. Refuses negative or absurd
 * values with a message naming the key. Returns 0 or -1 with err. */
int policy_from_json(const char *json, struct policy *p, struct buf *err);

/* The policy as JSON (pretty, stable key order); caller frees. */
char *policy_to_json(const struct policy *p);

/* The rule in force for a measure kind, a year of the term (1-based;
 * later years use the last) and a risk level key ("low", "medium", "high",
 * "" = medium). */
const struct obligation_rule *policy_rule(const struct policy *p, int kind, int year,
					  const char *risk_level);

/* ---- the "cases" section (policy-case.c), for policy.c ---- */

/* The default catalogue, case types and combination (policy_defaults calls it). */
void policy_case_defaults(struct policy *p);
/* The section as a new JSON object. */
struct json_t;
struct json_t *policy_case_to_json(const struct policy *p);
/* Reads the section (an object, NULL when absent) into p: "types" and
 * "drugs" replace their whole lists. 0, or -1 with err naming the key. */
int policy_case_from_json(struct json_t *section, struct policy *p, struct buf *err);

#endif
