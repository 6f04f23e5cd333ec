/* events-test.c - feed events line by line: CSV quoting and headers, JSONL, bad lines, digests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/events.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Reads all of text; writes "line:id_number|time|details" or "line!why" per event. */
static void read_all(const char *text, enum events_format fmt, char *out, size_t size,
		     int *failed)
{
	struct buf err = BUF_INIT;
	struct events *r = events_open_mem(text, strlen(text), fmt, &err);
	struct event_line ev;
	const char *why;
	size_t n = 0;
	int rc;

	out[0] = '\0';
	*failed = 0;
	while ((rc = events_next(r, &ev, &why, &err)) > 0) {
		if (rc == EVENTS_BAD)
			n += (size_t)snprintf(out + n, size - n, "%d!%s;", ev.line, why);
		else
			n += (size_t)snprintf(out + n, size - n, "%d:%s|%s|%s|%s;", ev.line, ev.event_id,
					      ev.id_number, ev.time, ev.details);
	}
	if (rc < 0)
		*failed = 1;
	events_close(r);
	buf_release(&err);
}

static void test_csv(void **state)
{
	char out[2048];
	int failed;
	(void)state;
	read_all("\xef\xbb\xbf" "event_id,id_number,time,details\r\n"
		 "a1,110101199003071234,2026-11-23 10:00:00,\"in, room \"\"302\"\"\"\r\n"
		 "\r\n"
		 "a2,110101199003071234,2026-11-23 11:00:00,plain\n"
		 "a3,\"x,2026\n"
		 "a4,110101199003071234,2026-11-23 12:00:00\n",
		 EVENTS_CSV, out, sizeof(out), &failed);
	assert_false(failed);
	assert_string_equal(out, "2:a1|110101199003071234|2026-11-23 10:00:00|in, room \"302\";"
				 "4:a2|110101199003071234|2026-11-23 11:00:00|plain;"
				 "5!引号不配对;"
				 "6:a4|110101199003071234|2026-11-23 12:00:00|;");
}

static void test_csv_header(void **state)
{
	char out[512];
	int failed;
	(void)state;
	/* Chinese headers, any order, unknown columns left alone */
	read_all("时间,备注,身份证号,事件编号\n2026-11-23 10:00,x,110101199003071234,b1\n", EVENTS_CSV,
		 out, sizeof(out), &failed);
	assert_false(failed);
	assert_string_equal(out, "2:b1|110101199003071234|2026-11-23 10:00|;");
	/* no time column: the file cannot be read */
	read_all("event_id,id_number\nb1,110101199003071234\n", EVENTS_CSV, out, sizeof(out),
		 &failed);
	assert_true(failed);
}

static void test_jsonl(void **state)
{
	char out[1024];
	int failed;
	(void)state;
	read_all("{\"event_id\":\"j1\",\"id_number\":\"110101199003071234\",\"time\":\"2026-11-23T10:00:00Z\","
		 "\"details\":{\"room\":302}}\n"
		 "{\"event_id\":7,\"id_number\":\"110101199003071234\",\"time\":\"t\"}\n"
		 "{\"event_id\":\"j3\",\"id_number\":110101199003071234}\n"
		 "not json\n"
		 "[1,2]\n",
		 EVENTS_JSONL, out, sizeof(out), &failed);
	assert_false(failed);
	assert_string_equal(out, "1:j1|110101199003071234|2026-11-23T10:00:00Z|{\"room\":302};"
				 "2:7|110101199003071234|t|;"
				 "3!id_number 应为字符串;"
				 "4!不是有效的 JSON 对象;"
				 "5!不是有效的 JSON 对象;");
}

static void test_bad_bytes(void **state)
{
	char out[512];
	int failed;
	char *big;
	size_t n = 70 * 1024;
	(void)state;
	/* broken UTF-8 (a lone continuation byte, a truncated sequence) */
	read_all("event_id,id_number,time\nc1,\x80" "1,t\nc2,\xe6\x81,t\nc3,1,t", EVENTS_CSV, out,
		 sizeof(out), &failed);
	assert_false(failed);
	assert_string_equal(out, "2!不是有效的 UTF-8 文本;3!不是有效的 UTF-8 文本;4:c3|1|t|;");
	/* a line too long is rejected and the next one read */
	big = malloc(n + 200);
	strcpy(big, "event_id,id_number,time\n");
	memset(big + strlen(big), 'x', n);
	strcpy(big + strlen("event_id,id_number,time\n") + n, "\nd1,2,t\n");
	read_all(big, EVENTS_CSV, out, sizeof(out), &failed);
	free(big);
	assert_false(failed);
	assert_string_equal(out, "2!行过长;3:d1|2|t|;");
}

static void test_digest(void **state)
{
	static const char text[] = "event_id,id_number,time\ne1,1,t\n";
	struct buf err = BUF_INIT;
	struct event_line ev;
	const char *why;
	char d1[65], d2[65], d3[65];
	struct events *r;
	(void)state;

	r = events_open_mem(text, strlen(text), EVENTS_CSV, &err);
	while (events_next(r, &ev, &why, &err) > 0)
		;
	events_digest(r, d1);
	events_close(r);
	r = events_open_mem(text, strlen(text), EVENTS_CSV, &err);
	while (events_next(r, &ev, &why, &err) > 0)
		;
	events_digest(r, d2);
	events_close(r);
	r = events_open_mem(text, strlen(text) - 1, EVENTS_CSV, &err);
	while (events_next(r, &ev, &why, &err) > 0)
		;
	events_digest(r, d3);
	events_close(r);
	assert_string_equal(d1, d2);
	assert_string_not_equal(d1, d3); /* one byte less is another batch */
	assert_int_equal(strlen(d1), 64);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),     cmocka_unit_test(test_csv_header),
		cmocka_unit_test(test_jsonl),   cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_digest),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
