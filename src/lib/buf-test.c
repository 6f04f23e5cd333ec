/* buf-test.c - the buffer's invariants: never NULL, NUL-terminated, capped with a sticky error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/buf.h"

#include <stdlib.h>
#include <string.h>

/* The invariants every buffer keeps, whatever was done to it. */
static void assert_sane(const struct buf *b)
{
	assert_non_null(b->buf);
	assert_int_equal(b->buf[b->len], '\0');
	if (b->alloc)
		assert_true(b->len < b->alloc);
	if (b->max)
		assert_true(b->len <= b->max);
}

static void test_empty(void **state)
{
	struct buf a = BUF_INIT, b;

	assert_sane(&a);
	assert_int_equal(a.len, 0);
	assert_string_equal(a.buf, "");
	assert_int_equal(buf_err(&a), 0);

	buf_init(&b, 10);
	assert_sane(&b);
	assert_int_equal(b.max, 10);
	assert_string_equal(b.buf, "");

	/* Releasing an empty buffer, twice, leaves it usable. */
	buf_release(&a);
	buf_release(&a);
	assert_sane(&a);
	buf_adds(&a, "ok");
	assert_string_equal(a.buf, "ok");
	buf_release(&a);
	assert_sane(&a);
	assert_int_equal(a.len, 0);
}

static void test_appends(void **state)
{
	struct buf b = BUF_INIT, other = BUF_INIT;

	buf_add(&b, "abc", 3);
	assert_sane(&b);
	buf_add(&b, "zzz", 0);
	assert_sane(&b);
	buf_addch(&b, '-');
	buf_adds(&b, "def");
	buf_addf(&b, "%d/%s", 42, "x");
	assert_sane(&b);
	assert_string_equal(b.buf, "abc-def42/x");
	assert_int_equal(b.len, strlen("abc-def42/x"));

	buf_adds(&other, "+tail");
	buf_addbuf(&b, &other);
	assert_string_equal(b.buf, "abc-def42/x+tail");

	/* Binary data with an embedded NUL keeps its length. */
	buf_reset(&b);
	buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.buf, "a\0b", 3);
	assert_sane(&b);

	buf_release(&b);
	buf_release(&other);
}

static void test_addf_growth(void **state)
{
	struct buf b = BUF_INIT;
	char want[301];
	int i;

	/* The first allocation is 64 bytes; 63 characters fit in it... */
	buf_addf(&b, "%063d", 7);
	assert_int_equal(b.len, 63);
	assert_int_equal(b.alloc, 64);
	assert_sane(&b);
	/* ...and the 64th forces a reallocation that keeps the content. */
	buf_addf(&b, "%c", 'z');
	assert_int_equal(b.len, 64);
	assert_true(b.alloc > 65);
	assert_sane(&b);
	assert_int_equal(b.buf[62], '7');
	assert_int_equal(b.buf[63], 'z');
	buf_release(&b);

	/* A single format far bigger than the initial allocation. */
	memset(want, 'q', 300);
	want[300] = '\0';
	buf_addf(&b, "<%s>", want);
	assert_int_equal(b.len, 302);
	assert_int_equal(b.buf[0], '<');
	assert_int_equal(b.buf[301], '>');
	assert_memory_equal(b.buf + 1, want, 300);
	assert_sane(&b);
	buf_release(&b);

	/* Many small formats across several reallocations. */
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%03d,", i);
	assert_int_equal(b.len, 4000);
	assert_memory_equal(b.buf, "000,001,", 8);
	assert_memory_equal(b.buf + 3996, "999,", 4);
	assert_sane(&b);
	buf_release(&b);
}

static void test_cap_sticky(void **state)
{
	struct buf b = BUF_INIT_MAX(8);

	buf_adds(&b, "12345678"); /* exactly the cap: accepted */
	assert_int_equal(buf_err(&b), 0);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.buf, "12345678");
	buf_addch(&b, '9'); /* one past: refused, error recorded */
	assert_int_equal(buf_err(&b), 1);
	assert_string_equal(b.buf, "12345678");
	assert_sane(&b);

	/* Every later append is a no-op, even an empty one. */
	buf_setlen(&b, 2);
	assert_string_equal(b.buf, "12");
	buf_adds(&b, "a");
	buf_addch(&b, 'b');
	buf_addf(&b, "%s", "c");
	buf_add(&b, "", 0);
	assert_string_equal(b.buf, "12");
	assert_int_equal(buf_err(&b), 1);
	assert_int_equal(buf_grow(&b, 1), -1);
	assert_sane(&b);

	/* buf_reset starts over: content and error cleared. */
	buf_reset(&b);
	assert_int_equal(buf_err(&b), 0);
	buf_adds(&b, "ok");
	assert_string_equal(b.buf, "ok");
	buf_release(&b);
}

static void test_cap_table(void **state)
{
	static const struct {
		size_t max;
		const char *first, *second;
		const char *want;
		int err;
	} cases[] = {
		{ 0, "abc", "def", "abcdef", 0 },          /* no cap */
		{ 6, "abc", "def", "abcdef", 0 },          /* threshold exactly met */
		{ 5, "abc", "def", "abc", 1 },             /* one over: second refused whole */
		{ 3, "abcd", "e", "", 1 },                 /* first already over */
		{ 1, "", "x", "x", 0 },
		{ 100, "abc", "", "abc", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b;
		buf_init(&b, cases[i].max);
		buf_adds(&b, cases[i].first);
		buf_addf(&b, "%s", cases[i].second);
		assert_string_equal(b.buf, cases[i].want);
		assert_int_equal(buf_err(&b), cases[i].err);
		assert_sane(&b);
		buf_release(&b);
	}
}

static void test_cap_addf(void **state)
{
	struct buf b = BUF_INIT_MAX(10);

	buf_addf(&b, "%s", "0123456789");
	assert_int_equal(buf_err(&b), 0);
	buf_release(&b);
	buf_addf(&b, "%s", "0123456789A");
	assert_int_equal(buf_err(&b), 1);
	assert_string_equal(b.buf, "");
	assert_int_equal(b.len, 0);
	assert_sane(&b);
	buf_release(&b);
	/* buf_release keeps the cap but clears the error. */
	assert_int_equal(b.max, 10);
	assert_int_equal(buf_err(&b), 0);
}

static void test_detach(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *s;

	/* Detaching an empty buffer still hands out a string to free. */
	s = buf_detach(&b, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	assert_true(s != buf_slopbuf);
	free(s);

	buf_adds(&b, "hello");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	/* The buffer no longer owns it and is empty and usable. */
	assert_sane(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_true(b.buf != s);
	buf_adds(&b, "again");
	assert_string_equal(b.buf, "again");
	assert_string_equal(s, "hello");
	free(s);

	s = buf_detach(&b, NULL);
	assert_string_equal(s, "again");
	free(s);
	buf_release(&b);
}

static void test_setlen(void **state)
{
	struct buf b = BUF_INIT;

	buf_setlen(&b, 0); /* on the shared empty string: harmless */
	assert_sane(&b);
	assert_string_equal(buf_slopbuf, "");

	buf_adds(&b, "abcdef");
	buf_setlen(&b, 3);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.buf, "abc");
	assert_sane(&b);
	/* Longer than the content: clamped, never reveals old bytes. */
	buf_setlen(&b, 5);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.buf, "abc");
	buf_setlen(&b, 0);
	assert_string_equal(b.buf, "");
	assert_sane(&b);
	buf_release(&b);
}

static void test_setf(void **state)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "old text");
	buf_setf(&b, "file '%s': %d", "x.csv", 3);
	assert_string_equal(b.buf, "file 'x.csv': 3");
	buf_setf(&b, "%s", "");
	assert_string_equal(b.buf, "");
	assert_int_equal(b.len, 0);
	assert_sane(&b);
	buf_release(&b);
}

static void test_grow(void **state)
{
	struct buf b = BUF_INIT;

	assert_int_equal(buf_grow(&b, 1000), 0);
	assert_true(b.alloc >= 1001);
	assert_int_equal(b.len, 0);
	assert_sane(&b);
	/* A request that would overflow is an error, not a wrap-around. */
	assert_int_equal(buf_grow(&b, SIZE_MAX - 1), -1);
	assert_int_equal(buf_err(&b), 1);
	assert_sane(&b);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_appends),
		cmocka_unit_test(test_addf_growth),
		cmocka_unit_test(test_cap_sticky),
		cmocka_unit_test(test_cap_table),
		cmocka_unit_test(test_cap_addf),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_setlen),
		cmocka_unit_test(test_setf),
		cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
