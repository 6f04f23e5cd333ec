/* division-test.c - division code levels, significant prefixes and subtree membership. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/division.h"

#include <string.h>

static void test_levels_and_prefixes(void **state)
{
	static const struct {
		const char *code;
		int level;
		const char *prefix;
	} cases[] = {
		{ "360000", 1, "36" },                   /* province */
		{ "360800", 2, "3608" },                 /* city */
		{ "360825", 3, "360825" },               /* county */
		{ "360825100", 4, "360825100" },         /* township */
		{ "360825100201", 5, "360825100201" },   /* village */
		{ "110000", 1, "11" },
		{ "110100", 2, "1101" },
		{ "110105", 3, "110105" },
		{ "360825000", 4, "360825000" },         /* 9 and 12 digits: always 4 and 5 */
		{ "360825100000", 5, "360825100000" },
		{ "360025", 3, "360025" },               /* "00" in the middle is still a county */
		{ "360810", 3, "360810" },
		/* not division codes */
		{ "", 0, "" },
		{ "36", 0, "" },
		{ "36000", 0, "" },
		{ "3600000", 0, "" },
		{ "36082510", 0, "" },
		{ "3608251000", 0, "" },
		{ "36082510020", 0, "" },
		{ "3608251002011", 0, "" },
		{ "36082a", 0, "" },
		{ "36 825", 0, "" },
		{ "-36082", 0, "" },
		{ "36082510020X", 0, "" },
		{ "３６０８２５", 0, "" }, /* full-width digits */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char prefix[13];
		memset(prefix, '#', sizeof(prefix));
		if (division_level(cases[i].code) != cases[i].level)
			fail_msg("level of '%s' is %d, want %d", cases[i].code,
				 division_level(cases[i].code), cases[i].level);
		assert_int_equal(division_valid(cases[i].code), cases[i].level > 0);
		division_prefix(cases[i].code, prefix);
		assert_string_equal(prefix, cases[i].prefix);
	}
	assert_int_equal(division_valid(NULL), 0);
	assert_int_equal(division_level(NULL), 0);
}

static void test_in(void **state)
{
	static const struct {
		const char *code, *prefix;
		int in;
	} cases[] = {
		{ "360825100201", "", 1 },            /* "" is everything */
		{ "360825100201", "36", 1 },
		{ "360825100201", "3608", 1 },
		{ "360825100201", "360825", 1 },
		{ "360825100201", "360825100", 1 },
		{ "360825100201", "360825100201", 1 }, /* a village contains itself */
		{ "360825100", "360825100", 1 },
		{ "360825", "360825", 1 },
		{ "360825100201", "360825101", 0 },   /* the next township */
		{ "360825100201", "360826", 0 },      /* the next county */
		{ "360825100201", "3609", 0 },
		{ "360825100201", "37", 0 },
		{ "360825", "360825100", 0 },         /* a parent is not inside its child */
		{ "360825100", "360825100201", 0 },
		{ NULL, "", 0 },
		{ NULL, "36", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (division_in(cases[i].code, cases[i].prefix) != cases[i].in)
			fail_msg("division_in('%s', '%s') != %d",
				 cases[i].code ? cases[i].code : "(null)", cases[i].prefix,
				 cases[i].in);
}

/* A code lies in the subtree of each of its ancestors, found through their prefixes. */
static void test_in_via_prefix(void **state)
{
	static const char *const chain[] = { "360000", "360800", "360825", "360825100",
					     "360825100201" };
	size_t i, j;

	for (i = 0; i < 5; i++) {
		char prefix[13];
		division_prefix(chain[i], prefix);
		for (j = 0; j < 5; j++)
			assert_int_equal(division_in(chain[j], prefix), j >= i);
		/* and not in a sibling's */
		assert_int_equal(division_in("440305", prefix), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_and_prefixes),
		cmocka_unit_test(test_in),
		cmocka_unit_test(test_in_via_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
