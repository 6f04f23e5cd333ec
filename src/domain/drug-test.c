/* drug-test.c - the drug catalogue: names and aliases, exact weights, every threshold at its edge. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/drug.h"

#include <stdio.h>
#include <string.h>

#define G 1000000LL
#define MG 1000LL

static struct policy pol;

static int setup(void **state)
{
	policy_defaults(&pol);
	return 0;
}

static void test_find(void **state)
{
	static const struct {
		const char *text, *key;
	} rows[] = {
		{ "heroin", "heroin" },
		{ "海洛因", "heroin" },
		{ "冰毒", "meth" },
		{ "麻古", "meth" },
		{ " 甲基苯丙胺 ", "meth" },
		{ "K粉", "ketamine" },
		{ "摇头丸", "mdma" },
		{ "大麻油", "cannabis_oil" },
		{ "大麻脂", "cannabis_resin" },
		{ "大麻", "cannabis" },
		{ "二氢埃托啡", "dihydroetorphine" },
		{ "依托咪酯", "etomidate" },
		/* exact names only: a part of one finds nothing */
		{ "冰", NULL },
		{ "海洛", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "sugar", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct drug_def *d = drug_find(&pol, rows[i].text);
		if (!rows[i].key && d)
			fail_msg("'%s' found %s", rows[i].text, d->key);
		if (rows[i].key && (!d || strcmp(d->key, rows[i].key)))
			fail_msg("'%s' found %s, want %s", rows[i].text, d ? d->key : "nothing",
				 rows[i].key);
	}
	assert_null(drug_find(&pol, NULL));
	assert_non_null(drug_by_key(&pol, "fentanyl"));
	assert_null(drug_by_key(&pol, "芬太尼")); /* keys only */
	assert_null(drug_by_key(&pol, NULL));
	assert_int_equal(drug_by_key(&pol, "dihydroetorphine")->unit, DRUG_UNIT_MG);
	assert_int_equal(drug_by_key(&pol, "heroin")->unit, DRUG_UNIT_G);
}

static void test_weights(void **state)
{
	static const struct {
		const char *text;
		int unit;
		long long ug; /* -1: refused */
		const char *shown;
	} rows[] = {
		{ "12.34", DRUG_UNIT_G, 12340000, "12.34" },
		{ "12.3", DRUG_UNIT_G, 12300000, "12.30" },
		{ "12", DRUG_UNIT_G, 12000000, "12.00" },
		{ " 0.01 ", DRUG_UNIT_G, 10000, "0.01" },
		{ "49.99", DRUG_UNIT_G, 49990000, "49.99" },
		{ "1.99", DRUG_UNIT_MG, 1990, "1.99" },
		{ "2", DRUG_UNIT_MG, 2000, "2.00" },
		{ "0.01", DRUG_UNIT_MG, 10, "0.01" },
		{ "10000000", DRUG_UNIT_G, 10000000LL * G, "10000000.00" }, /* ten tonnes */
		{ "10000000.01", DRUG_UNIT_G, -1, NULL },
		{ "12.345", DRUG_UNIT_G, -1, NULL },
		{ "0", DRUG_UNIT_G, -1, NULL },
		{ "0.00", DRUG_UNIT_G, -1, NULL },
		{ "-1", DRUG_UNIT_G, -1, NULL },
		{ "1e3", DRUG_UNIT_G, -1, NULL },
		{ "12.", DRUG_UNIT_G, -1, NULL },
		{ ".5", DRUG_UNIT_G, -1, NULL },
		{ "1,000", DRUG_UNIT_G, -1, NULL },
		{ "12 克", DRUG_UNIT_G, -1, NULL },
		{ "", DRUG_UNIT_G, -1, NULL },
		{ "99999999999999999999", DRUG_UNIT_G, -1, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf err = BUF_INIT;
		int64_t ug = 7;
		char out[32];
		int rc = drug_weight_parse(rows[i].text, rows[i].unit, &ug, &err);
		if (rows[i].ug < 0) {
			if (rc != -1 || !err.len)
				fail_msg("'%s' accepted as %lld", rows[i].text, (long long)ug);
		} else {
			if (rc != 0 || ug != rows[i].ug)
				fail_msg("'%s': rc %d, %lld µg (%s)", rows[i].text, rc, (long long)ug,
					 err.buf);
			assert_string_equal(drug_weight_format(ug, rows[i].unit, out), rows[i].shown);
		}
		buf_release(&err);
	}
	{
		struct buf err = BUF_INIT;
		int64_t ug;
		assert_int_equal(drug_weight_parse(NULL, DRUG_UNIT_G, &ug, &err), -1);
		buf_release(&err);
	}
}

/* The legal class and the police grade of one drug at each edge. */
static void test_edges(void **state)
{
	static const struct {
		const char *drug;
		long long ug;
		int legal, police;
	} rows[] = {
		{ "heroin", 9990000, DRUG_BELOW, GRADE_ORDINARY },          /* 9.99 g */
		{ "heroin", 10 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY }, /* 10.00 g */
		{ "heroin", 49990000, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "heroin", 50 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "heroin", 999990000, DRUG_LARGE, GRADE_MAJOR },
		{ "heroin", 1000 * G, DRUG_LARGE, GRADE_EXTRA },
		{ "meth", 10000, DRUG_BELOW, GRADE_ORDINARY },               /* one 零包 */
		{ "meth", 49990000, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "meth", 50 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "opium", 199990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "opium", 200 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "opium", 999990000, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "opium", 1000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "cocaine", 9990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "cocaine", 10 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "mdma", 19990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "mdma", 20 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "mdma", 99990000, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "mdma", 100 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "fentanyl", 24990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "fentanyl", 25 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "fentanyl", 125 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "methcathinone", 39990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "methcathinone", 40 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "methcathinone", 200 * G, DRUG_LARGE, GRADE_MAJOR },
		/* milligrams: 1.99 mg / 2.00 mg, 9.99 mg / 10.00 mg */
		{ "dihydroetorphine", 1990, DRUG_BELOW, GRADE_ORDINARY },
		{ "dihydroetorphine", 2 * MG, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "dihydroetorphine", 9990, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "dihydroetorphine", 10 * MG, DRUG_LARGE, GRADE_MAJOR },
		{ "dihydroetorphine", 199990, DRUG_LARGE, GRADE_MAJOR },
		{ "dihydroetorphine", 200 * MG, DRUG_LARGE, GRADE_EXTRA },
		{ "pethidine", 49990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "pethidine", 50 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "ketamine", 99990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "ketamine", 100 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "ketamine", 499990000, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "ketamine", 500 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "ketamine", 10000 * G, DRUG_LARGE, GRADE_EXTRA },
		{ "methadone", 199990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "methadone", 200 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "tramadol", 400 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "ghb", 2000 * G, DRUG_LARGE, GRADE_MAJOR },
		/* the cannabis forms each have their own: oil 1/5 kg, resin 2/10 kg,
		 * leaves and cigarettes 30/150 kg */
		{ "cannabis_oil", 999990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "cannabis_oil", 1000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "cannabis_oil", 4999990000LL, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "cannabis_oil", 5000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "cannabis_resin", 1999990000, DRUG_BELOW, GRADE_ORDINARY },
		{ "cannabis_resin", 2000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "cannabis_resin", 10000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "cannabis", 29999990000LL, DRUG_BELOW, GRADE_ORDINARY },
		{ "cannabis", 30000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "cannabis", 149999990000LL, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "cannabis", 150000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "codeine", 1000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "triazolam", 10000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "khat", 99999990000LL, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "khat", 100000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "poppy_husk", 40000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		{ "phenobarbital", 250000 * G, DRUG_LARGE, GRADE_MAJOR },
		{ "diazepam", 99999990000LL, DRUG_BELOW, GRADE_ORDINARY },
		{ "diazepam", 100000 * G, DRUG_RELATIVELY_LARGE, GRADE_ORDINARY },
		/* controlled without a quantity in the interpretation */
		{ "etomidate", 5000 * G, DRUG_NO_STANDARD, GRADE_ORDINARY },
		{ "synthetic_cannabinoids", 1 * G, DRUG_NO_STANDARD, GRADE_ORDINARY },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct drug_def *d = drug_by_key(&pol, rows[i].drug);
		int c, g;
		if (!d)
			fail_msg("no %s in the catalogue", rows[i].drug);
		c = drug_class_of(d, rows[i].ug);
		g = drug_grade_of(d, rows[i].ug);
		if (c != rows[i].legal || g != rows[i].police)
			fail_msg("%s %lld µg: %s/%s, want %s/%s", rows[i].drug, rows[i].ug,
				 drug_class_label(c), case_grade_label(g),
				 drug_class_label(rows[i].legal), case_grade_label(rows[i].police));
	}
	assert_int_equal(drug_class_of(NULL, 1), DRUG_NO_STANDARD);
	assert_int_equal(drug_grade_of(NULL, 1), GRADE_NONE);
	assert_string_equal(drug_class_label(DRUG_LARGE), "数量大");
	assert_string_equal(drug_class_label(DRUG_RELATIVELY_LARGE), "数量较大");
	assert_string_equal(drug_class_label(DRUG_NO_STANDARD), "无定量标准");
	assert_string_equal(case_grade_label(GRADE_EXTRA), "特大");
	assert_string_equal(case_grade_label(GRADE_NONE), "未定级");
	assert_string_equal(case_grade_label(7), "");
}

static struct case_grading grade(const struct policy *p, const struct seizure_total *t, int n)
{
	struct case_grading g;
	drug_grade_case(p, t, n, &g);
	return g;
}

/* Weights of different drugs are never added unless the policy says so. */
static void test_case_highest(void **state)
{
	struct seizure_total t[3];
	struct case_grading g;

	memset(t, 0, sizeof(t));
	g = grade(&pol, t, 0);
	assert_int_equal(g.legal, DRUG_NO_STANDARD);
	assert_int_equal(g.police, GRADE_NONE);

	/* 40 g of heroin and 90 g of MDMA: each 数量较大, so the case too */
	t[0].drug = "heroin";
	t[0].weight_ug = 40 * G;
	t[1].drug = "mdma";
	t[1].weight_ug = 90 * G;
	g = grade(&pol, t, 2);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);
	assert_int_equal(g.police, GRADE_ORDINARY);

	/* one drug over 数量大 makes the case 数量大 */
	t[2].drug = "ketamine";
	t[2].weight_ug = 500 * G;
	g = grade(&pol, t, 3);
	assert_int_equal(g.legal, DRUG_LARGE);
	assert_int_equal(g.police, GRADE_MAJOR);

	/* a drug the catalogue no longer has is left out */
	t[2].drug = "removed";
	g = grade(&pol, t, 3);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);

	/* only a drug without a standard: graded, but no legal class */
	t[0].drug = "etomidate";
	g = grade(&pol, t, 1);
	assert_int_equal(g.legal, DRUG_NO_STANDARD);
	assert_int_equal(g.police, GRADE_ORDINARY);
	t[0].drug = "removed";
	g = grade(&pol, t, 1);
	assert_int_equal(g.legal, DRUG_NO_STANDARD);
	assert_int_equal(g.police, GRADE_NONE);
}

/* The policy's other way: shares of each threshold added up, exactly. */
static void test_case_shares(void **state)
{
	struct policy p = pol;
	struct seizure_total t[3];
	struct case_grading g;

	p.drug_combine = DRUG_COMBINE_SHARES;
	memset(t, 0, sizeof(t));
	/* 25 g of heroin (half of 50 g) and 50 g of MDMA (half of 100 g) */
	t[0].drug = "heroin";
	t[0].weight_ug = 25 * G;
	t[1].drug = "mdma";
	t[1].weight_ug = 50 * G;
	g = grade(&p, t, 2);
	assert_int_equal(g.legal, DRUG_LARGE);
	assert_int_equal(g.police, GRADE_MAJOR);
	/* 0.01 g less of heroin and it is not */
	t[0].weight_ug = 24990000;
	g = grade(&p, t, 2);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);
	assert_int_equal(g.police, GRADE_ORDINARY);
	/* the same totals by the default: each drug alone */
	g = grade(&pol, t, 2);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);

	/* halves of a threshold in milligrams and of one in grams */
	t[0].drug = "dihydroetorphine";
	t[0].weight_ug = 1 * MG;        /* half of 2 mg */
	t[1].drug = "ketamine";
	t[1].weight_ug = 50 * G;        /* half of 100 g */
	g = grade(&p, t, 2);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);
	t[1].weight_ug = 49990000;
	g = grade(&p, t, 2);
	assert_int_equal(g.legal, DRUG_BELOW);
	t[0].weight_ug = 1010;          /* 1.01 mg makes up the 0.01 g short */
	g = grade(&p, t, 2);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);

	/* three drugs, each about a third of its threshold: exactly one whole
	 * is 数量较大, a microgram less is not */
	t[0].drug = "cocaine";
	t[0].weight_ug = 3333333;       /* of 10 g: 33333330 / 10^8 */
	t[1].drug = "mdma";
	t[1].weight_ug = 6666666;       /* of 20 g: 33333330 / 10^8 */
	t[2].drug = "fentanyl";
	t[2].weight_ug = 8333335;       /* of 25 g: 33333340 / 10^8 */
	g = grade(&p, t, 3);
	assert_int_equal(g.legal, DRUG_RELATIVELY_LARGE);
	t[2].weight_ug = 8333334;
	g = grade(&p, t, 3);
	assert_int_equal(g.legal, DRUG_BELOW);

	/* drugs without a standard add nothing */
	t[0].drug = "etomidate";
	t[0].weight_ug = 1000 * G;
	g = grade(&p, t, 1);
	assert_int_equal(g.legal, DRUG_NO_STANDARD);
	assert_int_equal(g.police, GRADE_ORDINARY);
}

/* A changed threshold is used at once: local police grades differ. */
static void test_local_thresholds(void **state)
{
	struct policy p = pol;
	struct drug_def *heroin = &p.drugs[0];

	assert_string_equal(heroin->key, "heroin");
	heroin->major_ug = 200 * G;
	heroin->extra_ug = 500 * G;
	assert_int_equal(drug_grade_of(heroin, 199990000), GRADE_ORDINARY);
	assert_int_equal(drug_grade_of(heroin, 200 * G), GRADE_MAJOR);
	assert_int_equal(drug_grade_of(heroin, 500 * G), GRADE_EXTRA);
	/* and a drug with only a 重大 figure never reaches 特大 */
	heroin->extra_ug = 0;
	assert_int_equal(drug_grade_of(heroin, 100000 * G), GRADE_MAJOR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_case_highest),
		cmocka_unit_test(test_case_shares),
		cmocka_unit_test(test_local_thresholds),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
