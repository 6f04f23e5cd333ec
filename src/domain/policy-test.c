/* policy-test.c - policy defaults, rule lookup, JSON round trip and every validation error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/measure.h"

static void test_defaults(void **state)
{
	struct policy p;

	policy_defaults(&p);
	assert_int_equal(p.version, 0);
	assert_int_equal(p.community_years, 3);
	assert_int_equal(p.compulsory_years, 2);
	assert_int_equal(p.rehab_years, 3);
	assert_int_equal(p.report_days, 15);
	assert_int_equal(p.early_release_min_days, 365);
	assert_int_equal(p.extension_max_days, 365);
	assert_int_equal(p.clean_years, 3);
	assert_int_equal(p.due_soon_days, 7);
	assert_int_equal(p.violation_refusals, 3);
	assert_int_equal(p.violation_absences, 3);
	assert_int_equal(p.violation_absence_days, 30);
	assert_int_equal(p.lost_report_grace_days, 0);
	assert_int_equal(p.lost_missed_in_row, 3);
	assert_int_equal(p.lost_unreachable_days, 120);
	assert_string_equal(p.relapse_proposal, "compulsory");
	assert_int_equal(p.nfactors, 15);
	assert_string_equal(p.factors[0].key, "heroin");
	assert_string_equal(p.factors[0].label, "海洛因等阿片类");
	assert_int_equal(p.high_from, 50);
	assert_int_equal(p.medium_from, 25);
	assert_int_equal(p.methadone_min_percent, 80);
}

static void test_rule(void **state)
{
	static const struct {
		int kind, year;
		const char *level;
		int test, visit, talk;
	} rows[] = {
		{ MK_COMMUNITY, 1, "low", 30, 30, 30 },
		{ MK_COMMUNITY, 1, "medium", 30, 30, 30 },
		{ MK_COMMUNITY, 1, "", 30, 30, 30 },
		{ MK_COMMUNITY, 1, NULL, 30, 30, 30 },
		{ MK_COMMUNITY, 1, "high", 15, 15, 15 },
		{ MK_COMMUNITY, 2, "high", 30, 30, 30 },
		{ MK_COMMUNITY, 2, "low", 60, 60, 60 },
		{ MK_REHAB, 3, "low", 90, 90, 90 },
		{ MK_REHAB, 3, "high", 45, 45, 45 },
		{ MK_REHAB, 7, "low", 90, 90, 90 },   /* later years use the last */
		{ MK_REHAB, 0, "low", 30, 30, 30 },   /* before the start: year 1 */
		{ MK_COMPULSORY, 1, "high", 0, 0, 0 },
		{ MK_VOLUNTARY, 1, "high", 90, 0, 0 },
		{ MK_FACILITY, 2, "low", 90, 0, 0 },
		{ -1, 1, "low", 0, 0, 0 },
		{ POLICY_KINDS, 1, "low", 0, 0, 0 },
	};
	struct policy p;
	size_t i;

	policy_defaults(&p);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct obligation_rule *r = policy_rule(&p, rows[i].kind, rows[i].year,
							      rows[i].level);
		if (r->test_days != rows[i].test || r->visit_days != rows[i].visit ||
		    r->talk_days != rows[i].talk)
			fail_msg("row %zu: got %d/%d/%d", i, r->test_days, r->visit_days,
				 r->talk_days);
	}
}

static void round_trip(const struct policy *p)
{
	struct buf err = BUF_INIT;
	struct policy q;
	char *a = policy_to_json(p), *b;

	if (policy_from_json(a, &q, &err) < 0)
		fail_msg("re-reading failed: %s\n%s", err.buf, a);
	b = policy_to_json(&q);
	assert_string_equal(a, b);
	assert_memory_equal(&p->rules, &q.rules, sizeof(p->rules));
	assert_int_equal(p->nfactors, q.nfactors);
	free(a);
	free(b);
	buf_release(&err);
}

static void test_round_trip(void **state)
{
	struct policy p;

	policy_defaults(&p);
	round_trip(&p);

	/* every kind of setting changed */
	p.version = 7;
	p.community_years = 2;
	p.report_days = 20;
	p.rules[MK_REHAB][2][1].visit_days = 45;
	p.rules[MK_COMPULSORY][0][2].test_days = 3650;
	p.due_soon_days = 3;
	p.violation_absence_days = 45;
	p.lost_report_grace_days = 2;
	p.lost_missed_in_row = 0;
	snprintf(p.relapse_proposal, sizeof(p.relapse_proposal), "%s", "rehab");
	snprintf(p.factors[1].label, sizeof(p.factors[1].label), "%s", "冰毒等合成毒品");
	p.factors[2].points = -3;
	p.nfactors = 4;
	p.high_from = 40;
	p.medium_from = -5;
	p.methadone_min_percent = 75;
	round_trip(&p);
}

static void test_partial(void **state)
{
	struct buf err = BUF_INIT;
	struct policy p;

	assert_int_equal(policy_from_json("{\"terms\":{\"community_years\":2},"
					  "\"obligations\":{\"rehab\":{\"year2\":{\"high\":"
					  "{\"talk_days\":0}}}},"
					  "\"risk\":{\"factors\":[{\"key\":\"mental\"},"
					  "{\"key\":\"young\",\"points\":7,\"label\":\"青年\"}]}}",
					  &p, &err),
			 0);
	assert_int_equal(p.community_years, 2);
	assert_int_equal(p.compulsory_years, 2);
	assert_int_equal(p.rules[MK_REHAB][1][2].talk_days, 0);
	assert_int_equal(p.rules[MK_REHAB][1][2].test_days, 30);
	assert_int_equal(p.rules[MK_REHAB][1][0].talk_days, 60);
	assert_int_equal(p.nfactors, 2);
	assert_string_equal(p.factors[0].key, "mental");
	assert_string_equal(p.factors[0].label, "精神障碍");
	assert_int_equal(p.factors[0].points, 50);
	assert_string_equal(p.factors[1].label, "青年");
	assert_int_equal(p.factors[1].points, 7);
	assert_int_equal(p.high_from, 50);

	/* the edges of the bounds are accepted */
	assert_int_equal(policy_from_json("{\"terms\":{\"extension_max_days\":3650,"
					  "\"early_release_min_days\":0},\"due_soon_days\":0,"
					  "\"risk\":{\"high_from\":26,\"medium_from\":25}}",
					  &p, &err),
			 0);
	assert_int_equal(p.extension_max_days, 3650);
	assert_int_equal(p.high_from, 26);
	assert_int_equal(policy_from_json("{\"methadone\":{\"adherence_min_percent\":0}}", &p,
					  &err),
			 0);
	assert_int_equal(p.methadone_min_percent, 0);
	assert_int_equal(policy_from_json("{\"methadone\":{\"adherence_min_percent\":100}}", &p,
					  &err),
			 0);
	assert_int_equal(p.methadone_min_percent, 100);
	assert_int_equal(policy_from_json("{}", &p, &err), 0);
	assert_int_equal(p.methadone_min_percent, 80);
	buf_release(&err);
}

static void test_errors(void **state)
{
	static const struct {
		const char *json, *expect;
	} rows[] = {
		{ "{", "JSON" },
		{ "", "JSON" },
		{ "[]", "JSON 对象" },
		{ "{\"color\":1}", "“color”" },
		{ "{\"version\":-1}", "“version”" },
		{ "{\"terms\":3}", "“terms”应为对象" },
		{ "{\"terms\":{\"community_years\":-1}}", "“terms.community_years”" },
		{ "{\"terms\":{\"community_years\":0}}", "“terms.community_years”" },
		{ "{\"terms\":{\"report_days\":\"15\"}}", "“terms.report_days”应为整数" },
		{ "{\"terms\":{\"report_days\":15.5}}", "“terms.report_days”应为整数" },
		{ "{\"terms\":{\"early_release_min_days\":3651}}",
		  "“terms.early_release_min_days”应在 0 到 3650 之间" },
		{ "{\"terms\":{\"extension_max_days\":-1}}", "“terms.extension_max_days”" },
		{ "{\"terms\":{\"clean_years\":11}}", "“terms.clean_years”" },
		{ "{\"terms\":{\"community_yaers\":3}}", "“terms.community_yaers”" },
		{ "{\"obligations\":[]}", "“obligations”应为对象" },
		{ "{\"obligations\":{\"prison\":{}}}", "“obligations.prison”" },
		{ "{\"obligations\":{\"community\":1}}", "“obligations.community”应为对象" },
		{ "{\"obligations\":{\"community\":{\"year4\":{}}}}",
		  "“obligations.community.year4”" },
		{ "{\"obligations\":{\"community\":{\"year1\":{\"severe\":{}}}}}",
		  "“obligations.community.year1.severe”" },
		{ "{\"obligations\":{\"community\":{\"year1\":{\"high\":{\"test_days\":-1}}}}}",
		  "“obligations.community.year1.high.test_days”" },
		{ "{\"obligations\":{\"rehab\":{\"year3\":{\"low\":{\"visit_days\":3651}}}}}",
		  "“obligations.rehab.year3.low.visit_days”" },
		{ "{\"obligations\":{\"rehab\":{\"year3\":{\"low\":{\"walk_days\":1}}}}}",
		  "“obligations.rehab.year3.low.walk_days”" },
		{ "{\"obligations\":{\"rehab\":{\"year3\":{\"low\":5}}}}",
		  "“obligations.rehab.year3.low”应为对象" },
		{ "{\"due_soon_days\":-1}", "“due_soon_days”" },
		{ "{\"violation\":{\"refusals\":0}}", "“violation.refusals”" },
		{ "{\"violation\":{\"absence_days\":3651}}", "“violation.absence_days”" },
		{ "{\"lost\":{\"unreachable_days\":-1}}", "“lost.unreachable_days”" },
		{ "{\"lost\":{\"missed_in_row\":101}}", "“lost.missed_in_row”" },
		{ "{\"relapse_proposal\":\"prison\"}", "“relapse_proposal”" },
		{ "{\"relapse_proposal\":3}", "“relapse_proposal”" },
		{ "{\"relapse_proposal\":\"\"}", "“relapse_proposal”" },
		{ "{\"risk\":{\"factors\":{}}}", "“risk.factors”" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"injecting\"}]}}", "“risk.factors[0].key”" },
		{ "{\"risk\":{\"factors\":[{\"label\":\"x\"}]}}", "“risk.factors[0].key”" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\"},{\"key\":\"hiv\"}]}}",
		  "“risk.factors[1].key”重复" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\",\"points\":101}]}}",
		  "“risk.factors[0].points”" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\",\"label\":\"\"}]}}",
		  "“risk.factors[0].label”" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\",\"label\":"
		  "\"一二三四五六七八九十一二三四五六七八九十一二\"}]}}",
		  "“risk.factors[0].label”" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\",\"weight\":1}]}}",
		  "“risk.factors[0].weight”" },
		{ "{\"risk\":{\"factors\":[1]}}", "“risk.factors[0]”应为对象" },
		{ "{\"risk\":{\"factors\":[{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},"
		  "{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},"
		  "{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},"
		  "{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},{\"key\":\"hiv\"},"
		  "{\"key\":\"hiv\"},{\"key\":\"hiv\"}]}}",
		  "“risk.factors”应为最多 16 项" },
		{ "{\"risk\":{\"high_from\":25}}", "“risk.high_from”应大于" },
		{ "{\"risk\":{\"high_from\":20,\"medium_from\":30}}", "“risk.high_from”应大于" },
		{ "{\"risk\":{\"medium_from\":\"x\"}}", "“risk.medium_from”应为整数" },
		{ "{\"risk\":{\"colours\":[]}}", "“risk.colours”" },
		{ "{\"methadone\":1}", "“methadone”应为对象" },
		{ "{\"methadone\":{\"adherence_min_percent\":101}}",
		  "“methadone.adherence_min_percent”应在 0 到 100 之间" },
		{ "{\"methadone\":{\"adherence_min_percent\":-1}}",
		  "“methadone.adherence_min_percent”" },
		{ "{\"methadone\":{\"adherence_min_percent\":79.5}}",
		  "“methadone.adherence_min_percent”应为整数" },
		{ "{\"methadone\":{\"min\":80}}", "“methadone.min”" },
	};
	struct policy p, before;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf err = BUF_INIT;
		memset(&p, 0x5a, sizeof(p));
		before = p;
		if (policy_from_json(rows[i].json, &p, &err) != -1)
			fail_msg("row %zu accepted: %s", i, rows[i].json);
		if (!strstr(err.buf, rows[i].expect))
			fail_msg("row %zu: \"%s\" does not name %s", i, err.buf, rows[i].expect);
		/* a refused policy leaves the caller's copy alone */
		assert_memory_equal(&p, &before, sizeof(p));
		buf_release(&err);
	}
}

/* The cases section: the catalogue and the case types as shipped, changed,
 * read back, and refused. */
static void test_cases_section(void **state)
{
	static const struct {
		const char *json, *expect;
	} bad[] = {
		{ "{\"cases\":[]}", "“cases”应为对象" },
		{ "{\"cases\":{\"grades\":1}}", "“cases.grades”" },
		{ "{\"cases\":{\"combine\":\"sum\"}}", "“cases.combine”" },
		{ "{\"cases\":{\"types\":[]}}", "“cases.types”应为 1 到 24 项" },
		{ "{\"cases\":{\"types\":[{\"key\":\"A\",\"label\":\"甲\"}]}}",
		  "“cases.types[0].key”只能" },
		{ "{\"cases\":{\"types\":[{\"key\":\"a\",\"label\":\"\"}]}}",
		  "“cases.types[0].label”" },
		{ "{\"cases\":{\"types\":[{\"key\":\"a\",\"label\":\"甲\"},"
		  "{\"key\":\"a\",\"label\":\"乙\"}]}}", "“cases.types[1].key”重复" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"unit\":\"kg\"}]}}",
		  "“cases.drugs[0].unit”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"large\":1.234}]}}",
		  "“cases.drugs[0].large”最多保留两位小数" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"large\":-1}]}}",
		  "“cases.drugs[0].large”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"large\":\"50\"}]}}",
		  "“cases.drugs[0].large”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"large\":10,"
		  "\"relatively_large\":20}]}}", "数量较大的标准不能高于数量大" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"extra\":10,"
		  "\"major\":20}]}}", "重大案件的标准不能高于特大" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"aliases\":\"甲\"}]}}",
		  "“cases.drugs[0].aliases”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"aliases\":[\"a,b\"]}]}}",
		  "“cases.drugs[0].aliases”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"某物\",\"colour\":1}]}}",
		  "“cases.drugs[0].colour”" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"甲\"},"
		  "{\"key\":\"x\",\"name\":\"乙\"}]}}", "“cases.drugs[1].key”重复" },
		/* an alias may not name another drug: 冰毒 must find one */
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"甲\",\"aliases\":[\"冰毒\"]},"
		  "{\"key\":\"y\",\"name\":\"乙\",\"aliases\":[\"冰毒\"]}]}}",
		  "“cases.drugs[1]”的名称或别名与第 0 项重复" },
		{ "{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"甲\"},"
		  "{\"key\":\"y\",\"name\":\"乙\",\"aliases\":[\"甲\"]}]}}",
		  "“cases.drugs[1]”的名称或别名" },
		{ "{\"cases\":{\"drugs\":[]}}", "“cases.drugs”应为 1 到 64 项" },
	};
	struct policy p, q;
	struct buf err = BUF_INIT;
	size_t i;
	char *json;
	int k;

	policy_defaults(&p);
	assert_int_equal(p.drug_combine, DRUG_COMBINE_HIGHEST);
	assert_int_equal(p.ncase_types, 14);
	assert_string_equal(p.case_types[1].key, "trafficking");
	assert_string_equal(p.case_types[1].label, "贩卖毒品");
	assert_int_equal(p.ndrugs, 36);
	assert_string_equal(p.drugs[0].key, "heroin");
	assert_int_equal(p.drugs[0].large_ug, 50000000);
	assert_int_equal(p.drugs[0].relatively_large_ug, 10000000);
	/* local grades by default: 重大 from 数量大, 特大 from twenty times it */
	assert_int_equal(p.drugs[0].major_ug, 50000000);
	assert_int_equal(p.drugs[0].extra_ug, 1000000000);
	for (k = 0; k < p.ndrugs; k++)
		if (!strcmp(p.drugs[k].key, "dihydroetorphine"))
			break;
	assert_true(k < p.ndrugs);
	assert_int_equal(p.drugs[k].unit, DRUG_UNIT_MG);
	assert_int_equal(p.drugs[k].large_ug, 10000);
	assert_int_equal(p.drugs[k].relatively_large_ug, 2000);

	/* an office adds a new psychoactive substance, with fractional and
	 * milligram thresholds, sums the shares and drops a case type */
	k = p.ndrugs++;
	snprintf(p.drugs[k].key, sizeof(p.drugs[k].key), "%s", "nps_x");
	snprintf(p.drugs[k].name, sizeof(p.drugs[k].name), "%s", "某新精神活性物质");
	snprintf(p.drugs[k].aliases, sizeof(p.drugs[k].aliases), "%s", "小蓝丸,蓝精灵");
	p.drugs[k].unit = DRUG_UNIT_MG;
	p.drugs[k].large_ug = 12340;           /* 12.34 mg */
	p.drugs[k].relatively_large_ug = 500;  /* 0.5 mg */
	p.drugs[k].major_ug = 12340;
	p.drugs[k].extra_ug = 0;
	p.drugs[0].major_ug = 49500000;        /* 49.5 g */
	p.drug_combine = DRUG_COMBINE_SHARES;
	p.ncase_types = 13;
	memset(&p.case_types[13], 0, sizeof(p.case_types[13]));
	round_trip(&p);
	json = policy_to_json(&p);
	assert_non_null(strstr(json, "\"relatively_large\": 0.5"));
	assert_non_null(strstr(json, "\"major\": 49.5"));
	assert_non_null(strstr(json, "\"aliases\": [\n"));
	assert_int_equal(policy_from_json(json, &q, &err), 0);
	assert_memory_equal(q.drugs, p.drugs, sizeof(p.drugs));
	assert_memory_equal(q.case_types, p.case_types, sizeof(p.case_types));
	assert_int_equal(q.ndrugs, 37);
	assert_int_equal(q.drug_combine, DRUG_COMBINE_SHARES);
	free(json);

	/* a section given in part keeps the rest */
	assert_int_equal(policy_from_json("{\"cases\":{\"combine\":\"shares\"}}", &q, &err), 0);
	assert_int_equal(q.drug_combine, DRUG_COMBINE_SHARES);
	assert_int_equal(q.ndrugs, 36);
	assert_int_equal(q.ncase_types, 14);
	assert_int_equal(policy_from_json("{\"cases\":{\"drugs\":[{\"key\":\"x\",\"name\":\"甲\"}]}}",
					  &q, &err), 0);
	assert_int_equal(q.ndrugs, 1);
	assert_int_equal(q.drugs[0].unit, DRUG_UNIT_G);
	assert_int_equal(q.drugs[0].large_ug, 0);
	assert_string_equal(q.drugs[0].aliases, "");
	buf_release(&err);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct policy before;
		buf_reset(&err);
		memset(&q, 0x5a, sizeof(q));
		before = q;
		if (policy_from_json(bad[i].json, &q, &err) != -1)
			fail_msg("row %zu accepted: %s", i, bad[i].json);
		if (!strstr(err.buf, bad[i].expect))
			fail_msg("row %zu: \"%s\" does not name %s", i, err.buf, bad[i].expect);
		assert_memory_equal(&q, &before, sizeof(q));
	}
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_cases_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
