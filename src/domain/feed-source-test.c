/* feed-source-test.c - partner sources on a real database: names, adding, disabling, enabling, rotating, the audit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/feed.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fixture {
	char dir[256];
	char path[300];
	struct store *s;
	struct db *db;
};

static const struct actor admin = { 1, "admin", "192.0.2.7", ROLE_ADMIN, "360825" };

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");
	struct buf err = BUF_INIT;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/jindu-feed-source-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/jindu.db", f->dir);
	f->s = store_open(f->path, NULL, 1, &err);
	if (!f->s) {
		fprintf(stderr, "store_open: %s\n", err.buf);
		buf_release(&err);
		return -1;
	}
	f->db = store_get(f->s);
	buf_release(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d;
	struct dirent *e;
	char p[600];

	store_put(f->db);
	store_close(f->s);
	d = opendir(f->dir);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_names(void **state)
{
	static const struct {
		const char *name;
		int ok;
	} rows[] = {
		{ "ab", 1 }, { "hotel-yf", 1 }, { "0-9", 1 }, { "--", 1 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1 },   /* 40 */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },  /* 41 */
		{ "a", 0 }, { "", 0 }, { NULL, 0 }, { "Hotel", 0 }, { "hotel_yf", 0 },
		{ "hotel yf", 0 }, { "hotel/yf", 0 }, { "旅馆", 0 }, { "hotel.yf", 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (feed_source_name_valid(rows[i].name) != rows[i].ok)
			fail_msg("'%s': %d, want %d", rows[i].name ? rows[i].name : "(null)",
				 !rows[i].ok, rows[i].ok);
}

/* The source a token opens: its name, or "" when it is refused. */
static const char *opens(struct fixture *f, const char *token, struct arena *a)
{
	struct buf err = BUF_INIT;
	struct feed_source src;
	int rc = feed_source_by_token(f->db, token, a, &src, &err);
	if (rc < 0)
		fail_msg("feed_source_by_token: %s", err.buf);
	buf_release(&err);
	return rc == 0 ? src.name : "";
}

static struct feed_source source(const char *name, const char *kind, const char *label,
				 int64_t unit_id)
{
	struct feed_source s;
	memset(&s, 0, sizeof(s));
	s.name = name;
	s.kind = kind;
	s.label = label;
	s.unit_id = unit_id;
	return s;
}

static void test_add(void **state)
{
	struct fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct buf token = BUF_INIT, err = BUF_INIT, label = BUF_INIT;
	struct feed_source s;
	int i;

	s = source("Hotel", "hotel", "", 0);
	assert_int_equal(feed_source_add(f->db, &admin, &s, &token, &err), FEED_INVALID);
	s = source("hotel", "casino", "", 0);
	assert_int_equal(feed_source_add(f->db, &admin, &s, &token, &err), FEED_INVALID);
	s = source("hotel", "hotel", "", 99);
	assert_int_equal(feed_source_add(f->db, &admin, &s, &token, &err), FEED_INVALID);
	assert_string_equal(err.buf, "所属单位应为本辖区内的单位");
	for (i = 0; i < 41; i++)
		buf_adds(&label, "旅"); /* 123 bytes: one character too many */
	s = source("hotel", "hotel", label.buf, 0);
	assert_int_equal(feed_source_add(f->db, &admin, &s, &token, &err), FEED_INVALID);
	assert_int_equal(token.len, 0);

	buf_setlen(&label, 120);
	s = source("hotel", "hotel", label.buf, 0);
	if (feed_source_add(f->db, &admin, &s, &token, &err) != 0)
		fail_msg("feed_source_add: %s", err.buf);
	assert_int_equal(strncmp(token.buf, "jds_", 4), 0);
	assert_true(token.len >= 4 + 43);
	assert_string_equal(opens(f, token.buf, &a), "hotel");

	/* a name taken: nothing appended to the caller's buffer */
	buf_adds(&token, "|");
	s = source("hotel", "netcafe", "", 0);
	assert_int_equal(feed_source_add(f->db, &admin, &s, &token, &err), STORE_CONFLICT);
	assert_string_equal(err.buf, "来源“hotel”已存在");
	assert_int_equal(token.buf[token.len - 1], '|');

	assert_string_equal(opens(f, "jds_forged", &a), "");
	assert_string_equal(opens(f, "jdt_x", &a), "");
	arena_release(&a);
	buf_release(&label);
	buf_release(&token);
	buf_release(&err);
}

struct log {
	int updates, rotates, creates;
	const char *tokens[3];
	char last_changes[100];
};

static int scan(const struct audit_entry *e, void *p)
{
	struct log *l = p;
	int i;
	if (strcmp(e->entity, "feed_source"))
		return 0;
	for (i = 0; i < 3 && l->tokens[i]; i++)
		if (strstr(e->summary, l->tokens[i]) || strstr(e->changes, l->tokens[i]) ||
		    strstr(e->entity_id, l->tokens[i]))
			return -1;
	if (strstr(e->summary, "jds_") || strstr(e->changes, "jds_"))
		return -1;
	l->creates += !strcmp(e->action, "create");
	l->updates += !strcmp(e->action, "update");
	l->rotates += !strcmp(e->action, "rotate");
	if (!strcmp(e->action, "update"))
		snprintf(l->last_changes, sizeof(l->last_changes), "%s", e->changes);
	return 0;
}

static void test_disable_enable_rotate(void **state)
{
	struct fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct buf t1 = BUF_INIT, t2 = BUF_INIT, t3 = BUF_INIT, err = BUF_INIT;
	struct feed_source s = source("netbar", "netcafe", "网吧", 0);
	struct log log;

	if (feed_source_add(f->db, &admin, &s, &t1, &err) != 0)
		fail_msg("feed_source_add: %s", err.buf);
	assert_string_equal(opens(f, t1.buf, &a), "netbar");

	assert_int_equal(feed_source_set_disabled(f->db, &admin, "netbar", 1, &err), 0);
	assert_string_equal(opens(f, t1.buf, &a), "");
	/* already disabled: nothing more recorded */
	assert_int_equal(feed_source_set_disabled(f->db, &admin, "netbar", 1, &err), 0);
	assert_int_equal(feed_source_set_disabled(f->db, &admin, "netbar", 0, &err), 0);
	assert_string_equal(opens(f, t1.buf, &a), "netbar");

	assert_int_equal(feed_source_rotate(f->db, &admin, "netbar", &t2, &err), 0);
	assert_string_not_equal(t1.buf, t2.buf);
	assert_string_equal(opens(f, t1.buf, &a), "");
	assert_string_equal(opens(f, t2.buf, &a), "netbar");

	/* rotating a disabled source leaves it disabled */
	assert_int_equal(feed_source_set_disabled(f->db, &admin, "netbar", 1, &err), 0);
	assert_int_equal(feed_source_rotate(f->db, &admin, "netbar", &t3, &err), 0);
	assert_string_equal(opens(f, t3.buf, &a), "");
	assert_string_equal(opens(f, t2.buf, &a), "");
	assert_int_equal(feed_source_set_disabled(f->db, &admin, "netbar", 0, &err), 0);
	assert_string_equal(opens(f, t3.buf, &a), "netbar");
	assert_string_equal(opens(f, t2.buf, &a), "");

	/* no such source: nothing issued */
	buf_reset(&t1);
	assert_int_equal(feed_source_rotate(f->db, &admin, "nothing", &t1, &err), STORE_NOTFOUND);
	assert_string_equal(err.buf, "没有名为“nothing”的来源");
	assert_int_equal(t1.len, 0);
	assert_int_equal(feed_source_set_disabled(f->db, &admin, "nothing", 1, &err),
			 STORE_NOTFOUND);
	assert_int_equal(feed_source_rotate(f->db, &admin, NULL, &t1, &err), STORE_NOTFOUND);

	/* every change once, never a token */
	memset(&log, 0, sizeof(log));
	log.tokens[0] = t2.buf;
	log.tokens[1] = t3.buf;
	if (store_audit_walk(f->db, scan, &log, &err) != 0)
		fail_msg("a token in the audit log");
	assert_int_equal(log.creates, 1);
	assert_int_equal(log.updates, 4);
	assert_int_equal(log.rotates, 2);
	assert_string_equal(log.last_changes, "{\"disabled\":[1,0]}");
	arena_release(&a);
	buf_release(&t1);
	buf_release(&t2);
	buf_release(&t3);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_enable_rotate, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
