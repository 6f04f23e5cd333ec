/* policy.h - the configurable rules of person control: terms, schedules, thresholds, risk model. */
#ifndef JINDU_POLICY_H
#define JINDU_POLICY_H

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

#endif
