/* events-test.c - feed events line by line: CSV quoting and headers, JSONL, bad lines, digests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/events.h"
#include "import/events-internal.h"

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
	/* a surrogate and an overlong form are not UTF-8; four bytes and long
	 * runs of ASCII around commas are */
	read_all("event_id,id_number,time,details\n"
		 "e1,1,t,\xed\xa0\x80\n"
		 "e2,1,t,\xe0\x80\x80\n"
		 "e3,1,t,\"\xc0\xaf\"\n"
		 "e4,1,t,\xf0\x9f\x98\x80 and twelve bytes\n"
		 "e5,1234567890123456789,2026-11-23 10:00:00,abcdefgh,ijklmnop\n",
		 EVENTS_CSV, out, sizeof(out), &failed);
	assert_false(failed);
	assert_string_equal(out, "2!不是有效的 UTF-8 文本;3!不是有效的 UTF-8 文本;4!不是有效的 UTF-8 文本;"
				 "5:e4|1|t|\xf0\x9f\x98\x80 and twelve bytes;"
				 "6:e5|1234567890123456789|2026-11-23 10:00:00|abcdefgh;");
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
	assert_int_equal(events_digest(r, d1, &err), 0);
	events_close(r);
	r = events_open_mem(text, strlen(text), EVENTS_CSV, &err);
	assert_int_equal(events_digest(r, d2, &err), 0); /* read or not */
	events_close(r);
	r = events_open_mem(text, strlen(text) - 1, EVENTS_CSV, &err);
	assert_int_equal(events_digest(r, d3, &err), 0);
	events_close(r);
	assert_string_equal(d1, d2);
	assert_string_not_equal(d1, d3); /* one byte less is another batch */
	assert_int_equal(strlen(d1), 64);
	buf_release(&err);
}

/* Reads text as parts cut at the given offsets, numbering lines as the
 * ingest does; writes what read_all writes. */
static void read_parts(const char *text, enum events_format fmt, const size_t *cut, int ncut,
		       char *out, size_t size)
{
	struct buf err = BUF_INIT;
	struct events *r = events_open_mem(text, strlen(text), fmt, &err);
	struct event_line ev;
	const char *why;
	size_t n = 0;
	int k, rc, base;

	out[0] = '\0';
	assert_int_equal(events_start(r, &err), 0);
	base = events_first_line(r);
	for (k = 0; k <= ncut; k++) {
		struct events_part *p = events_part(r, k ? cut[k - 1] : 0,
						    k < ncut ? cut[k] : (size_t)-1);
		while ((rc = events_part_next(p, &ev, &why, &err)) > 0) {
			if (rc == EVENTS_BAD)
				n += (size_t)snprintf(out + n, size - n, "%d!%s;", base + ev.line, why);
			else
				n += (size_t)snprintf(out + n, size - n, "%d:%s|%s|%s|%s;",
						      base + ev.line, ev.event_id, ev.id_number,
						      ev.time, ev.details);
		}
		assert_int_equal(rc, 0);
		base += events_part_lines(p);
		events_part_free(p);
	}
	events_close(r);
	buf_release(&err);
}

/* However the input is cut into parts, the parts together read every line
 * once, with the same line numbers as one reader from the top. */
static void test_parts(void **state)
{
	static const char *const texts[] = {
		"\xef\xbb\xbf" "\n" "event_id,id_number,time,details\r\n"
		"a1,110101199003071234,2026-11-23 10:00:00,\"in, room \"\"302\"\"\"\r\n"
		"\r\n"
		"a2,110101199003071234,2026-11-23 11:00:00,plain\n"
		"a3,\"x,2026\n"
		"a4,\xe6\x81,t\n"
		"\n\n"
		"a5,110101199003071234,2026-11-23 12:00:00,最后一行",
		"\xef\xbb\xbf{\"event_id\":\"j1\",\"id_number\":\"1\",\"time\":\"t\"}\n"
		"\n"
		"not json\n"
		"{\"event_id\":\"j2\",\"id_number\":\"2\",\"time\":\"t\",\"details\":[1]}\n",
	};
	static const enum events_format fmts[] = { EVENTS_CSV, EVENTS_JSONL };
	char whole[2048], parts[2048];
	size_t i, j, len;
	int failed, t;
	(void)state;

	for (t = 0; t < 2; t++) {
		read_all(texts[t], fmts[t], whole, sizeof(whole), &failed);
		assert_false(failed);
		assert_non_null(strstr(whole, t ? "1:j1|" : "3:a1|")); /* after the BOM */
		assert_non_null(strstr(whole, t ? "4:j2" : "10:a5|"));
		len = strlen(texts[t]);
		for (i = 0; i <= len + 1; i++) {
			size_t cut[2] = { i, 0 };
			read_parts(texts[t], fmts[t], cut, 1, parts, sizeof(parts));
			assert_string_equal(parts, whole);
			for (j = i; j <= len + 1; j += 7) {
				cut[1] = j;
				read_parts(texts[t], fmts[t], cut, 2, parts, sizeof(parts));
				assert_string_equal(parts, whole);
			}
		}
	}
}

/* One JSON line both ways: the same refusal, or the same seven values. */
static void same_both_ways(const char *line)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t at_a[7], at_b[7];
	const char *why_a = events_json_values(line, strlen(line), 1, &a, at_a);
	const char *why_b = events_json_values(line, strlen(line), 0, &b, at_b);
	int k;

	if (!why_a != !why_b || (why_a && strcmp(why_a, why_b)))
		fail_msg("%s: %s / %s", line, why_a ? why_a : "ok", why_b ? why_b : "ok");
	for (k = 0; !why_a && k < 7; k++)
		if (strcmp(a.buf + at_a[k], b.buf + at_b[k]))
			fail_msg("%s: field %d: \"%s\" / \"%s\"", line, k, a.buf + at_a[k],
				 b.buf + at_b[k]);
	buf_release(&a);
	buf_release(&b);
}

/* The direct JSON reader agrees with jansson on lines it reads and on
 * lines it leaves to jansson, hand-picked and mutated at random. */
static void test_json_both_ways(void **state)
{
	static const char *const lines[] = {
		"{\"event_id\":\"j1\",\"id_number\":\"110101199003071234\",\"time\":\"2026-11-23 10:00\"}",
		" { \"event_id\" : 12 , \"details\" : \"a\\\"b\\\\c\\/d\\n\\u00e9\\u4e2d\\ud83d\\ude00\" } ",
		"{}", "{ }", "[]", "", "{\"event_id\":null}", "{\"event_id\":\"x\",}",
		"{\"event_id\":\"x\",\"event_id\":\"y\"}", "{\"other\":1,\"event_id\":\"x\"}",
		"{\"event_id\":007}", "{\"event_id\":1.5}", "{\"event_id\":1e3}", "{\"event_id\":-1}",
		"{\"event_id\":12345678901234567890}", "{\"id_number\":110101199003071234}",
		"{\"details\":{\"room\":302}}", "{\"details\":[1,2]}", "{\"details\":true}",
		"{\"name\":\"\\u0000\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\udc00x\"}",
		"{\"name\":\"\\x\"}", "{\"name\":\"tab\there\"}", "{\"name\":\"open}",
		"{\"name\":\"张三\",\"place\":\"恩江镇\"} x", "{\"na\\u006de\":\"x\"}",
		"{\"event_id\":\"1\" \"time\":\"2\"}", "{\"event_id\"\"1\"}", "{\"event_id\":nul}",
	};
	static const char alphabet[] = "{}[]\":,\\u0123456789-.eEnultrfa x\t";
	char line[512];
	unsigned long seed = 12345;
	size_t i;
	int round;
	(void)state;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		same_both_ways(lines[i]);
	for (round = 0; round < 20000; round++) {
		const char *base = lines[round % 3];
		size_t n = strlen(base), at;
		int edits = 1 + (int)(seed % 3), j;
		memcpy(line, base, n + 1);
		for (j = 0; j < edits; j++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			n = strlen(line);
			at = (seed >> 33) % (n + 1);
			/* an ASCII byte replaced, removed or inserted; never inside a
			 * multibyte character, so the line stays UTF-8 */
			if (at < n && (unsigned char)line[at] >= 0x80)
				continue;
			switch ((seed >> 20) % 3) {
			case 0:
				if (at < n)
					line[at] = alphabet[(seed >> 40) % (sizeof(alphabet) - 1)];
				break;
			case 1:
				if (at < n)
					memmove(line + at, line + at + 1, n - at);
				break;
			default:
				if (n + 2 < sizeof(line)) {
					memmove(line + at + 1, line + at, n - at + 1);
					line[at] = alphabet[(seed >> 40) % (sizeof(alphabet) - 1)];
				}
			}
		}
		same_both_ways(line);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),     cmocka_unit_test(test_csv_header),
		cmocka_unit_test(test_jsonl),   cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_digest),  cmocka_unit_test(test_parts),
		cmocka_unit_test(test_json_both_ways),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
