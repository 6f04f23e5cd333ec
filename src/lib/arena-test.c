/* arena-test.c - alignment, big allocations, strings and growing arrays in an arena. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/arena.h"

#include <string.h>

static int aligned16(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

static void test_alignment(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 7, 15, 16, 17, 31, 33, 100, 4095, 4096, 4097, 9000 };
	struct arena a = ARENA_INIT;
	uintptr_t prev = 0;
	size_t prev_n = 0, i, round;

	for (round = 0; round < 50; round++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = arena_alloc(&a, sizes[i]);
			assert_non_null(p);
			assert_true(aligned16(p));
			/* Fill it all: ASan catches an allocation shorter than asked. */
			memset(p, 0xab, sizes[i]);
			/* The previous allocation must not overlap this one. */
			if (prev)
				assert_true((uintptr_t)p + sizes[i] <= prev ||
					    prev + prev_n <= (uintptr_t)p);
			prev = (uintptr_t)p;
			prev_n = sizes[i];
		}
	}
	assert_true(a.total >= 50 * 4096);
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void test_zero_size_distinct(void **state)
{
	struct arena a = ARENA_INIT;
	void *p = arena_alloc(&a, 0), *q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_release(&a);
}

static void test_zalloc(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *p;
	size_t i;

	p = arena_zalloc(&a, 300);
	for (i = 0; i < 300; i++)
		assert_int_equal(p[i], 0);
	p = arena_zalloc(&a, 20000);
	for (i = 0; i < 20000; i++)
		assert_int_equal(p[i], 0);
	arena_release(&a);
}

static void test_big_allocations(void **state)
{
	struct arena a = ARENA_INIT;
	char *small1, *big, *small2, *huge;
	size_t before;

	small1 = arena_strdup(&a, "first");
	before = a.total;
	/* A big one-off goes into its own block... */
	big = arena_alloc(&a, 100000);
	assert_true(aligned16(big));
	memset(big, 'b', 100000);
	assert_true(a.total >= before + 100000);
	/* ...and the current block's free space stays in use. */
	small2 = arena_strdup(&a, "second");
	assert_true((uintptr_t)small2 > (uintptr_t)small1 &&
		    (uintptr_t)small2 < (uintptr_t)small1 + 8192);
	huge = arena_alloc(&a, 3 * 1024 * 1024);
	memset(huge, 'h', 3 * 1024 * 1024);
	assert_true(aligned16(huge));

	/* Nothing overwrote anything else. */
	assert_string_equal(small1, "first");
	assert_string_equal(small2, "second");
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[99999], 'b');
	assert_int_equal(huge[3 * 1024 * 1024 - 1], 'h');
	arena_release(&a);
}

static void test_big_first(void **state)
{
	struct arena a = ARENA_INIT;
	/* A big allocation into an empty arena, then small ones. */
	char *big = arena_alloc(&a, 50000);
	char *s = arena_strdup(&a, "after");
	memset(big, 'x', 50000);
	assert_string_equal(s, "after");
	assert_int_equal(big[49999], 'x');
	arena_release(&a);
}

static void test_strings(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		const char *want;
	} cases[] = {
		{ "hello", 5, "hello" },
		{ "hello", 3, "hel" },
		{ "hello", 0, "" },
		{ "hello", 100, "hello" }, /* n past the end: stops at the NUL */
		{ "", 4, "" },
		{ "禁毒", 6, "禁毒" },
	};
	struct arena a = ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = arena_strndup(&a, cases[i].s, cases[i].n);
		assert_string_equal(p, cases[i].want);
		assert_ptr_not_equal(p, cases[i].s);
	}
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_strdup(&a, "copy"), "copy");
	arena_release(&a);
}

static void test_printf(void **state)
{
	struct arena a = ARENA_INIT;
	char big[10001];
	char *p;

	assert_string_equal(arena_printf(&a, "%s-%04d-%c", "ab", 7, 'z'), "ab-0007-z");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	memset(big, 'k', 10000);
	big[10000] = '\0';
	p = arena_printf(&a, "[%s]", big);
	assert_int_equal(strlen(p), 10002);
	assert_int_equal(p[0], '[');
	assert_int_equal(p[10001], ']');
	assert_int_equal(p[5000], 'k');
	arena_release(&a);
}

static void test_push_grows(void **state)
{
	struct arena a = ARENA_INIT;
	struct pair {
		int n;
		char tag[12];
	} *list = NULL, *first_block;
	size_t nr = 0, alloc = 0, i;

	*ARENA_PUSH(&a, list, nr, alloc) = (struct pair){ 0, "p0" };
	assert_int_equal(nr, 1);
	assert_int_equal(alloc, 16);
	first_block = list;
	for (i = 1; i < 16; i++)
		ARENA_PUSH(&a, list, nr, alloc)->n = (int)i;
	/* Still in the first block at exactly its capacity. */
	assert_ptr_equal(list, first_block);
	assert_int_equal(nr, 16);
	/* The 17th element moves the array to a bigger block. */
	ARENA_PUSH(&a, list, nr, alloc)->n = 16;
	assert_ptr_not_equal(list, first_block);
	assert_int_equal(alloc, 32);
	for (i = 17; i < 5000; i++) {
		struct pair *p = ARENA_PUSH(&a, list, nr, alloc);
		p->n = (int)i;
		p->tag[0] = (char)('a' + i % 26);
	}
	assert_int_equal(nr, 5000);
	assert_true(alloc >= 5000);
	assert_string_equal(list[0].tag, "p0");
	for (i = 0; i < nr; i++)
		assert_int_equal(list[i].n, (int)i);
	for (i = 17; i < nr; i++)
		assert_int_equal(list[i].tag[0], 'a' + i % 26);
	arena_release(&a);
}

static void test_release_reuse(void **state)
{
	struct arena a = ARENA_INIT;
	int i;

	for (i = 0; i < 3; i++) {
		char *s = arena_printf(&a, "round %d", i);
		assert_non_null(a.head);
		assert_true(a.total > 0);
		assert_string_equal(s, i == 0 ? "round 0" : i == 1 ? "round 1" : "round 2");
		arena_release(&a);
		assert_null(a.head);
		assert_int_equal(a.total, 0);
	}
	arena_release(&a); /* releasing an empty arena is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_zero_size_distinct),
		cmocka_unit_test(test_zalloc),
		cmocka_unit_test(test_big_allocations),
		cmocka_unit_test(test_big_first),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_push_grows),
		cmocka_unit_test(test_release_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
