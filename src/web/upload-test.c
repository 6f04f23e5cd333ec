/* upload-test.c - the register of uploads: private files, bound to their user, capped, expiring, removed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/upload.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/secret.h"

static char dir[256], db[300];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	if (secret_init() < 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/jindu-upload-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof(db), "%s/jindu.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Files in the directory whose names contain part. */
static int files(const char *part)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, part) != NULL;
	closedir(d);
	return n;
}

static void save(struct uploads *u, int64_t user, const char *data, char id[UPLOAD_ID_SIZE])
{
	struct buf err = BUF_INIT;
	if (upload_save(u, user, "台账.csv", ".csv", data, strlen(data), id, &err) < 0)
		fail_msg("save: %s", err.buf);
	buf_release(&err);
}

static void test_save_find_remove(void **state)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct uploads *u = uploads_open(db, UPLOAD_TTL, &err);
	const char *path, *name;
	char id[UPLOAD_ID_SIZE], other[UPLOAD_ID_SIZE], text[16] = "";
	struct stat st;
	FILE *f;

	assert_non_null(u);
	save(u, 7, "a,b\n", id);
	assert_int_equal(strlen(id), 32);
	assert_int_equal(strspn(id, "0123456789abcdef"), 32);
	save(u, 7, "c,d\n", other);
	assert_string_not_equal(id, other);

	/* Found by its owner: the bytes, beside the database, private. */
	assert_int_equal(upload_find(u, id, 7, &a, &path, &name), 0);
	assert_string_equal(name, "台账.csv");
	assert_int_equal(strncmp(path, db, strlen(db)), 0);
	assert_non_null(strstr(path, id));
	assert_int_equal(strcmp(path + strlen(path) - 4, ".csv"), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
	assert_string_equal(text, "a,b\n");

	/* Nobody else's, and nothing for ids that are not one. */
	assert_int_equal(upload_find(u, id, 8, &a, &path, &name), -1);
	assert_int_equal(upload_find(u, "../jindu.db", 7, &a, &path, &name), -1);
	assert_int_equal(upload_find(u, "", 7, &a, &path, &name), -1);
	assert_int_equal(upload_find(u, NULL, 7, &a, &path, &name), -1);

	upload_remove(u, id);
	assert_int_equal(upload_find(u, id, 7, &a, &path, &name), -1);
	assert_int_equal(files(id), 0);
	upload_remove(u, id); /* twice is fine */
	assert_int_equal(files(".upload-"), 1);

	/* Stopping removes the rest. */
	uploads_close(u);
	assert_int_equal(files(".upload-"), 0);
	arena_release(&a);
	buf_release(&err);
}

static void test_caps_and_expiry(void **state)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct uploads *u = uploads_open(db, UPLOAD_TTL, &err);
	const char *path, *name;
	char ids[UPLOAD_MAX_PER_USER + 1][UPLOAD_ID_SIZE], mine[UPLOAD_ID_SIZE];
	int i;

	/* A user's next upload replaces their oldest; others keep theirs. */
	save(u, 2, "x\n", mine);
	for (i = 0; i <= UPLOAD_MAX_PER_USER; i++)
		save(u, 1, "y\n", ids[i]);
	assert_int_equal(upload_find(u, ids[0], 1, &a, &path, &name), -1);
	for (i = 1; i <= UPLOAD_MAX_PER_USER; i++)
		assert_int_equal(upload_find(u, ids[i], 1, &a, &path, &name), 0);
	assert_int_equal(upload_find(u, mine, 2, &a, &path, &name), 0);
	assert_int_equal(files(".upload-"), UPLOAD_MAX_PER_USER + 1);
	uploads_close(u);

	/* With no time to live, nothing outlives the next look. */
	u = uploads_open(db, 0, &err);
	save(u, 1, "z\n", mine);
	assert_int_equal(upload_find(u, mine, 1, &a, &path, &name), -1);
	assert_int_equal(files(".upload-"), 0);
	save(u, 1, "z\n", mine);
	uploads_sweep(u);
	assert_int_equal(files(".upload-"), 0);
	uploads_close(u);
	arena_release(&a);
	buf_release(&err);
}

static void test_leftovers(void **state)
{
	struct buf err = BUF_INIT;
	char path[400];
	struct uploads *u;
	FILE *f;

	/* A crash left a file of this database and one of another. */
	snprintf(path, sizeof(path), "%s/jindu.db.upload-0123.csv", dir);
	f = fopen(path, "w");
	fclose(f);
	snprintf(path, sizeof(path), "%s/other.db.upload-0123.csv", dir);
	f = fopen(path, "w");
	fclose(f);
	u = uploads_open(db, UPLOAD_TTL, &err);
	assert_non_null(u);
	assert_int_equal(files("jindu.db.upload-"), 0);
	assert_int_equal(files("other.db.upload-"), 1);
	uploads_close(u);
	unlink(path);

	/* A directory that cannot be written to. */
	assert_null(uploads_open("/nonexistent-dir/jindu.db", UPLOAD_TTL, &err));
	assert_non_null(strstr(err.buf, "/nonexistent-dir"));
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_save_find_remove),
		cmocka_unit_test(test_caps_and_expiry),
		cmocka_unit_test(test_leftovers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
