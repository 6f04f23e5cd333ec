/* risk-test.c - risk scores with thresholds exactly met, capped counts, age and clean-time edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/risk.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY 20260315

/* Employed, with family, 40 years old, no drug type: scores 0. */
static struct person quiet_person(void)
{
	struct person pe;
	memset(&pe, 0, sizeof(pe));
	pe.birth_date = 19860101;
	pe.addiction = "use";
	pe.drug_types = "";
	pe.special_status = "";
	pe.employment = "个体经营";
	pe.family = "母亲 李某 13800000000";
	return pe;
}

struct risk_row {
	const char *name;
	const char *drug_types, *addiction, *special, *employment, *family;
	int birth;
	int relapses, refusals, lost_before, clean_since;
	int score;
	const char *level;
	const char *parts;   /* keys of the parts, comma-separated */
};

static const struct risk_row rows[] = {
	{ "nothing", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, "low", "" },
	{ "medium exactly met", "heroin", "addicted", NULL, "无业", NULL, 0, 0, 0, 0, 0, 25,
	  "medium", "heroin,addicted,unemployed" },
	{ "one point short of medium", "opium", "addicted", NULL, NULL, NULL, 0, 0, 0, 0, 0, 20,
	  "low", "heroin,addicted" },
	{ "high exactly met", "heroin", "severe", NULL, "待业", NULL, 0, 1, 0, 0, 0, 50, "high",
	  "heroin,severe,relapse,unemployed" },
	{ "five points short of high", "heroin", "severe", NULL, NULL, NULL, 0, 1, 0, 0, 0, 45,
	  "medium", "heroin,severe,relapse" },
	{ "mental disorder alone is high", NULL, NULL, "mental", NULL, NULL, 0, 0, 0, 0, 0, 50,
	  "high", "mental" },
	{ "special statuses", NULL, NULL, "hiv,illness,minor", NULL, NULL, 0, 0, 0, 0, 0, 35,
	  "medium", "hiv,illness" },
	{ "synthetic drugs", "meth,ketamine", NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 5, "low",
	  "synthetic" },
	{ "both drug groups", "heroin,nps", NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 15, "low",
	  "heroin,synthetic" },
	{ "cannabis counts in neither", "cannabis", NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0,
	  "low", "" },
	{ "relapses capped at 3", NULL, NULL, NULL, NULL, NULL, 0, 5, 0, 0, 0, 45, "medium",
	  "relapse" },
	{ "refusals capped at 3", NULL, NULL, NULL, NULL, NULL, 0, 0, 4, 0, 0, 30, "medium",
	  "refusal" },
	{ "two refusals", NULL, NULL, NULL, NULL, NULL, 0, 0, 2, 0, 0, 20, "low", "refusal" },
	{ "lost before", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 1, 0, 15, "low", "lost_before" },
	{ "no employment, no family", NULL, NULL, NULL, "", "  ", 0, 0, 0, 0, 0, 10, "low",
	  "unemployed,no_family" },
	{ "失业", NULL, NULL, NULL, "失业", NULL, 0, 0, 0, 0, 0, 5, "low", "unemployed" },
	{ "the day before the 25th birthday", NULL, NULL, NULL, NULL, NULL, 20010316, 0, 0, 0, 0,
	  5, "low", "young" },
	{ "on the 25th birthday", NULL, NULL, NULL, NULL, NULL, 20010315, 0, 0, 0, 0, 0, "low",
	  "" },
	{ "clean one day short of a year", "heroin", "severe", NULL, NULL, NULL, 0, 0, 0, 0,
	  20250316, 30, "medium", "heroin,severe" },
	{ "clean exactly a year", "heroin", "severe", NULL, NULL, NULL, 0, 0, 0, 0, 20250315, 20,
	  "low", "heroin,severe,clean_1y" },
	{ "clean exactly two years", "heroin", "severe", NULL, NULL, NULL, 0, 0, 0, 0, 20240315,
	  10, "low", "heroin,severe,clean_1y,clean_2y" },
	{ "clean since a leap day", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 20240229, -20, "low",
	  "clean_1y,clean_2y" },
	{ "everything", "heroin,meth", "severe", "mental,hiv,illness", "", "", 20050101, 9, 9, 1,
	  0, 10 + 5 + 20 + 45 + 30 + 15 + 50 + 10 + 25 + 5 + 5 + 5, "high",
	  "heroin,synthetic,severe,relapse,refusal,lost_before,mental,hiv,illness,unemployed,"
	  "no_family,young" },
};

static void parts_keys(const struct risk_result *r, char *out, size_t size)
{
	int i;
	size_t used = 0;
	out[0] = '\0';
	for (i = 0; i < r->nparts && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? "," : "",
					 r->parts[i].key);
}

static void test_assess(void **state)
{
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct risk_row *r = &rows[i];
		struct person pe = quiet_person();
		struct risk_input in;
		struct risk_result out;
		char keys[300];
		int j, sum = 0;

		if (r->drug_types)
			pe.drug_types = r->drug_types;
		if (r->addiction)
			pe.addiction = r->addiction;
		if (r->special)
			pe.special_status = r->special;
		if (r->employment)
			pe.employment = r->employment;
		if (r->family)
			pe.family = r->family;
		if (r->birth)
			pe.birth_date = r->birth;
		memset(&in, 0, sizeof(in));
		in.person = &pe;
		in.relapses = r->relapses;
		in.refusals_last_year = r->refusals;
		in.lost_before = r->lost_before;
		in.clean_since = r->clean_since;
		in.today = TODAY;
		risk_assess(&in, &p, &out);
		parts_keys(&out, keys, sizeof(keys));
		if (out.score != r->score || strcmp(out.level, r->level) || strcmp(keys, r->parts))
			fail_msg("%s: %d %s [%s]", r->name, out.score, out.level, keys);
		for (j = 0; j < out.nparts; j++)
			sum += out.parts[j].points;
		assert_int_equal(sum, out.score);
	}
}

/* A year from 29 February is complete on 28 February. */
static void test_clean_leap(void **state)
{
	struct policy p;
	struct person pe = quiet_person();
	struct risk_input in;
	struct risk_result out;

	policy_defaults(&p);
	memset(&in, 0, sizeof(in));
	in.person = &pe;
	in.clean_since = 20240229;
	in.today = 20250227;
	risk_assess(&in, &p, &out);
	assert_int_equal(out.score, 0);
	in.today = 20250228;
	risk_assess(&in, &p, &out);
	assert_int_equal(out.score, -10);
	assert_string_equal(out.parts[0].key, "clean_1y");
}

static void test_no_person(void **state)
{
	struct policy p;
	struct risk_input in;
	struct risk_result out;

	policy_defaults(&p);
	memset(&in, 0, sizeof(in));
	in.today = TODAY;
	risk_assess(&in, &p, &out);
	/* nothing known: no employment and no family on record */
	assert_int_equal(out.score, 10);
	assert_string_equal(out.level, "low");
}

/* The policy decides: points, thresholds, switched-off factors, labels. */
static void test_policy(void **state)
{
	struct policy p;
	struct person pe = quiet_person();
	struct risk_input in;
	struct risk_result out;

	policy_defaults(&p);
	memset(&in, 0, sizeof(in));
	in.person = &pe;
	in.today = TODAY;
	pe.addiction = "addicted";
	pe.employment = "无业";
	p.medium_from = 15;
	p.high_from = 16;
	risk_assess(&in, &p, &out);
	assert_int_equal(out.score, 15);
	assert_string_equal(out.level, "medium");
	p.factors[2].points = 11;          /* addicted */
	risk_assess(&in, &p, &out);
	assert_string_equal(out.level, "high");
	snprintf(p.factors[2].label, sizeof(p.factors[2].label), "%s", "成瘾");
	p.factors[10].points = 0;          /* unemployed: off */
	risk_assess(&in, &p, &out);
	assert_int_equal(out.score, 11);
	assert_int_equal(out.nparts, 1);
	assert_string_equal(out.parts[0].label, "成瘾");
	assert_string_equal(out.level, "low");
	p.nfactors = 2;                    /* heroin and synthetic only */
	risk_assess(&in, &p, &out);
	assert_int_equal(out.score, 0);
	assert_int_equal(out.nparts, 0);
}

static void test_detail_json(void **state)
{
	struct policy p;
	struct person pe = quiet_person();
	struct risk_input in;
	struct risk_result out;
	json_error_t jerr;
	json_t *a, *o;
	char *s;

	policy_defaults(&p);
	memset(&in, 0, sizeof(in));
	in.person = &pe;
	in.today = TODAY;
	in.relapses = 2;
	pe.drug_types = "heroin";
	risk_assess(&in, &p, &out);
	s = risk_detail_json(&out);
	a = json_loads(s, 0, &jerr);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 2);
	o = json_array_get(a, 1);
	assert_string_equal(json_string_value(json_object_get(o, "key")), "relapse");
	assert_string_equal(json_string_value(json_object_get(o, "label")), "复吸（每次）");
	assert_int_equal(json_integer_value(json_object_get(o, "points")), 30);
	json_decref(a);
	free(s);

	out.nparts = 0;
	s = risk_detail_json(&out);
	assert_string_equal(s, "[]");
	free(s);
	assert_string_equal(choice_label(risk_levels, "high"), "高风险");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assess),
		cmocka_unit_test(test_clean_leap),
		cmocka_unit_test(test_no_person),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_detail_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
