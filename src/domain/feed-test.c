/* feed-test.c - event times as partners write them, and the reason a person is watched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/feed.h"

#include <string.h>

static void test_times(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} rows[] = {
		/* China Standard Time when no offset is given */
		{ "2026-11-23 10:15:00", 1795400100 },
		{ "2026-11-23T10:15:00", 1795400100 },
		{ "2026-11-23 10:15", 1795400100 },
		{ "2026-11-23T02:15:00Z", 1795400100 },
		{ "2026-11-23T10:15:00+08:00", 1795400100 },
		{ "2026-11-23T03:15:00+01:00", 1795400100 },
		{ "2026-11-22T21:15:00-05:00", 1795400100 },
		{ "2026-11-23 10:15:00.250", 1795400100 },
		{ "2024-02-29 00:00:00", 1709136000 },
		{ "2023-02-29 00:00:00", -1 },   /* not a leap year */
		{ "2026-13-01 00:00:00", -1 },
		{ "2026-11-23 24:00:00", -1 },
		{ "2026-11-23 10:60:00", -1 },
		{ "2026/11/23 10:15:00", -1 },
		{ "2026-11-23", -1 },
		{ "2026-11-23 10:15:00 ", -1 },
		{ "2026-11-23T10:15:00+8", -1 },
		{ "1989-12-31 23:59:59", -1 },   /* before any feed */
		{ "", -1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (feed_parse_time(rows[i].in) != rows[i].want)
			fail_msg("\"%s\": %lld, expected %lld", rows[i].in,
				 (long long)feed_parse_time(rows[i].in), (long long)rows[i].want);
}

static void test_reason(void **state)
{
	struct arena a = ARENA_INIT;
	struct watch_entry w;
	(void)state;
	memset(&w, 0, sizeof(w));
	w.measure_kind = "community";
	assert_string_equal(feed_watch_reason(&w, &a), "社区戒毒执行中");
	w.lost = 1;
	assert_string_equal(feed_watch_reason(&w, &a), "社区戒毒执行中；脱管失控");
	w.measure_kind = "";
	assert_string_equal(feed_watch_reason(&w, &a), "脱管失控");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
