/* audit-test.c - the hash-chained audit log on a real database: intact, edited, cut short. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/audit.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ENTRIES 5

struct fixture {
	char dir[256];
	char path[300];
	struct store *s;
	struct db *db;
};

static const struct actor officer = { 12, "zhang.san", "192.0.2.7", ROLE_OFFICER, "360825100" };

static int open_store(struct fixture *f, int create)
{
	struct buf err = BUF_INIT;
	f->s = store_open(f->path, NULL, create, &err);
	if (!f->s) {
		fprintf(stderr, "store_open: %s\n", err.buf);
		buf_release(&err);
		return -1;
	}
	f->db = store_get(f->s);
	buf_release(&err);
	return 0;
}

static void close_store(struct fixture *f)
{
	if (f->db)
		store_put(f->db);
	store_close(f->s);
	f->db = NULL;
	f->s = NULL;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/jindu-audit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/jindu.db", f->dir);
	if (open_store(f, 1) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d;
	struct dirent *e;
	char p[600];

	if (f->s)
		close_store(f);
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

/* Appends n entries, each in its own write transaction like a real change. */
static void append(struct fixture *f, int n)
{
	struct buf err = BUF_INIT;
	int i;

	for (i = 0; i < n; i++) {
		char id[16], summary[32];
		json_t *changes = json_object();
		snprintf(id, sizeof(id), "%d", 100 + i);
		snprintf(summary, sizeof(summary), "改动第%d条", i + 1);
		audit_diff_str(changes, "name", "张三", i % 2 ? "张三" : "张叁");
		audit_diff_int(changes, "version", i, i + 1);
		assert_int_equal(db_begin(f->db, &err), 0);
		if (audit_log(f->db, &officer, "update", "person", id, "360825100201", summary,
			      changes, &err) != 0)
			fail_msg("audit_log: %s", err.buf);
		assert_int_equal(db_commit(f->db, &err), 0);
		json_decref(changes);
	}
	buf_release(&err);
}

static int verify(struct fixture *f, struct audit_report *rep)
{
	struct buf err = BUF_INIT;
	int rc = audit_verify(f->db, rep, &err);
	if (rc < 0)
		fail_msg("audit_verify: %s", err.buf);
	buf_release(&err);
	return rc;
}

/* Runs SQL through a connection of its own, behind the store's back. */
static int raw_sql(const char *path, const char *sql, char *msg, size_t size)
{
	sqlite3 *h = NULL;
	char *e = NULL;
	int rc;

	if (sqlite3_open(path, &h) != SQLITE_OK)
		fail_msg("cannot open %s", path);
	rc = sqlite3_exec(h, sql, NULL, NULL, &e);
	if (msg)
		snprintf(msg, size, "%s", e ? e : "");
	sqlite3_free(e);
	sqlite3_close(h);
	return rc;
}

/* Edits the file with the store closed, then opens it again the normal way. */
static void tamper(struct fixture *f, const char *sql)
{
	char msg[200];
	close_store(f);
	if (raw_sql(f->path, sql, msg, sizeof(msg)) != SQLITE_OK)
		fail_msg("tampering failed: %s", msg);
	assert_int_equal(open_store(f, 0), 0);
}

#define DROP_TRIGGERS "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"

static void test_empty_log(void **state)
{
	struct fixture *f = *state;
	struct audit_report rep;

	assert_int_equal(verify(f, &rep), 0);
	assert_int_equal(rep.checked, 0);
	assert_int_equal(rep.bad_id, 0);
	assert_string_equal(rep.head, "");
}

/* What the walk showed of each entry (its strings die after the call). */
struct seen {
	char prev[65], hash[65], login[40], changes[200];
};

static int collect(const struct audit_entry *e, void *p)
{
	struct seen *list = p, *slot;
	if (e->id < 1 || e->id > ENTRIES)
		return -1;
	slot = &list[e->id - 1];
	snprintf(slot->prev, sizeof(slot->prev), "%s", e->prev_hash);
	snprintf(slot->hash, sizeof(slot->hash), "%s", e->hash);
	snprintf(slot->login, sizeof(slot->login), "%s", e->login);
	snprintf(slot->changes, sizeof(slot->changes), "%s", e->changes);
	return 0;
}

static void test_intact(void **state)
{
	struct fixture *f = *state;
	struct seen list[ENTRIES];
	struct audit_report rep;
	struct buf err = BUF_INIT;
	int i;

	append(f, ENTRIES);
	assert_int_equal(verify(f, &rep), 0);
	assert_int_equal(rep.checked, ENTRIES);
	assert_int_equal(rep.bad_id, 0);
	assert_string_equal(rep.reason, "");
	assert_int_equal(strlen(rep.head), 64);

	/* The chain: each entry names the hash of the one before it. */
	memset(list, 0, sizeof(list));
	assert_int_equal(store_audit_walk(f->db, collect, list, &err), 0);
	assert_string_equal(list[0].prev,
			    "0000000000000000000000000000000000000000000000000000000000000000");
	for (i = 1; i < ENTRIES; i++)
		assert_string_equal(list[i].prev, list[i - 1].hash);
	assert_string_equal(rep.head, list[ENTRIES - 1].hash);
	/* changes are compact JSON with sorted keys; unchanged fields left out */
	assert_string_equal(list[0].changes,
			    "{\"name\":[\"\\u5F20\\u4E09\",\"\\u5F20\\u53C1\"],\"version\":[0,1]}");
	assert_string_equal(list[1].changes, "{\"version\":[1,2]}");
	assert_string_equal(list[0].login, "zhang.san");

	/* Still intact after closing and opening again. */
	close_store(f);
	assert_int_equal(open_store(f, 0), 0);
	assert_int_equal(verify(f, &rep), 0);
	assert_int_equal(rep.checked, ENTRIES);
	buf_release(&err);
}

static void test_rollback_leaves_no_entry(void **state)
{
	struct fixture *f = *state;
	struct audit_report rep;
	struct buf err = BUF_INIT;

	append(f, 2);
	assert_int_equal(db_begin(f->db, &err), 0);
	assert_int_equal(audit_log(f->db, &officer, "delete", "person", "9", "", "", NULL, &err), 0);
	db_rollback(f->db);
	assert_int_equal(audit_log_tx(f->db, NULL, "view", "person", "9", NULL, NULL, NULL, &err),
			 0);
	assert_int_equal(verify(f, &rep), 0);
	assert_int_equal(rep.checked, 3);
	buf_release(&err);
}

static void test_triggers_refuse(void **state)
{
	static const struct {
		const char *sql, *msg;
	} cases[] = {
		{ "UPDATE audit SET summary = 'nothing happened' WHERE id = 3", "cannot be changed" },
		{ "UPDATE audit SET hash = prev_hash", "cannot be changed" },
		{ "DELETE FROM audit WHERE id = 3", "cannot be deleted" },
		{ "DELETE FROM audit", "cannot be deleted" },
	};
	struct fixture *f = *state;
	struct audit_report rep;
	size_t i;

	append(f, ENTRIES);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char msg[200];
		assert_int_not_equal(raw_sql(f->path, cases[i].sql, msg, sizeof(msg)), SQLITE_OK);
		if (!strstr(msg, cases[i].msg))
			fail_msg("'%s': '%s'", cases[i].sql, msg);
	}
	assert_int_equal(verify(f, &rep), 0);
	assert_int_equal(rep.checked, ENTRIES);
}

/* One tampering per fresh database, and the entry verify must name. */
static void check_tamper(void **state, const char *sql, int64_t bad_id, int64_t checked,
			 const char *reason)
{
	struct fixture *f = *state;
	struct audit_report rep;

	append(f, ENTRIES);
	assert_int_equal(verify(f, &rep), 0);
	tamper(f, sql);
	assert_int_equal(verify(f, &rep), 1);
	if (rep.bad_id != bad_id)
		fail_msg("bad_id %lld, want %lld (%s)", (long long)rep.bad_id, (long long)bad_id,
			 rep.reason);
	assert_int_equal(rep.checked, checked);
	if (!strstr(rep.reason, reason))
		fail_msg("reason '%s' lacks '%s'", rep.reason, reason);
}

static void test_update_summary(void **state)
{
	check_tamper(state, DROP_TRIGGERS "UPDATE audit SET summary = '查看' WHERE id = 3", 3, 2,
		     "entry 3 was changed");
}

static void test_update_first(void **state)
{
	check_tamper(state, DROP_TRIGGERS "UPDATE audit SET login = 'someone' WHERE id = 1", 1, 0,
		     "entry 1 was changed");
}

static void test_update_last_ts(void **state)
{
	check_tamper(state, DROP_TRIGGERS "UPDATE audit SET ts = ts - 86400 WHERE id = 5", 5, 4,
		     "entry 5 was changed");
}

static void test_update_hash_too(void **state)
{
	/* Changing an entry and pasting in some other hash does not help. */
	check_tamper(state,
		     DROP_TRIGGERS "UPDATE audit SET summary = 'x', "
				   "hash = (SELECT hash FROM audit WHERE id = 2) WHERE id = 3",
		     3, 2, "entry 3 was changed");
}

static void test_relink(void **state)
{
	check_tamper(state, DROP_TRIGGERS "UPDATE audit SET prev_hash = hash WHERE id = 4", 4, 3,
		     "entry 4 does not follow");
}

static void test_delete_middle(void **state)
{
	/* the entry after the removed one is named */
	check_tamper(state, DROP_TRIGGERS "DELETE FROM audit WHERE id = 3", 4, 2,
		     "entries 3 to 3 are missing");
}

static void test_delete_first(void **state)
{
	check_tamper(state, DROP_TRIGGERS "DELETE FROM audit WHERE id = 1", 2, 0,
		     "entries 1 to 1 are missing");
}

static void test_delete_last(void **state)
{
	/* the chain left is intact; the head record catches the cut */
	check_tamper(state, DROP_TRIGGERS "DELETE FROM audit WHERE id = 5", 5, 4,
		     "after 4 were removed (head says 5)");
}

static void test_delete_last_two(void **state)
{
	check_tamper(state, DROP_TRIGGERS "DELETE FROM audit WHERE id >= 4", 4, 3,
		     "after 3 were removed (head says 5)");
}

static void test_delete_all(void **state)
{
	check_tamper(state, DROP_TRIGGERS "DELETE FROM audit", 1, 0,
		     "after 0 were removed (head says 5)");
}

static void test_delete_last_and_head(void **state)
{
	check_tamper(state,
		     DROP_TRIGGERS "DELETE FROM audit WHERE id = 5;"
				   "DELETE FROM meta WHERE key = 'audit_head'",
		     4, 4, "head record is missing");
}

static void test_renumber(void **state)
{
	/* Closing the gap by renumbering still breaks the chain. */
	check_tamper(state,
		     DROP_TRIGGERS "DELETE FROM audit WHERE id = 3;"
				   "UPDATE audit SET id = id - 1 WHERE id > 3",
		     3, 2, "entry 3 does not follow");
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_empty_log),
		T(test_intact),
		T(test_rollback_leaves_no_entry),
		T(test_triggers_refuse),
		T(test_update_summary),
		T(test_update_first),
		T(test_update_last_ts),
		T(test_update_hash_too),
		T(test_relink),
		T(test_delete_middle),
		T(test_delete_first),
		T(test_delete_last),
		T(test_delete_last_two),
		T(test_delete_all),
		T(test_delete_last_and_head),
		T(test_renumber),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
