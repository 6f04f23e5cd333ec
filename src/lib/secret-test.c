/* secret-test.c - key file rules, sealing and tamper detection, keyed hashes, passwords, tokens. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/secret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
	char dir[256];
	char key[300];  /* a key file made by setup */
	char key2[300]; /* a second, different one */
	struct keyring kr, kr2;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct buf err = BUF_INIT;
	const char *tmp = getenv("TMPDIR");

	if (!f || secret_init() < 0)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/jindu-secret-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->key, sizeof(f->key), "%s/a.key", f->dir);
	snprintf(f->key2, sizeof(f->key2), "%s/b.key", f->dir);
	if (keyring_create(f->key, &err) < 0 || keyring_create(f->key2, &err) < 0 ||
	    keyring_load(f->key, &f->kr, &err) < 0 || keyring_load(f->key2, &f->kr2, &err) < 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char path[300];
	static const char *const names[] = { "a.key", "b.key", "c.key", "d.key" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
	keyring_wipe(&f->kr);
	keyring_wipe(&f->kr2);
	free(f);
	return 0;
}

static void path_in(const struct fixture *f, const char *name, char out[300])
{
	snprintf(out, 300, "%s/%s", f->dir, name);
}

static void test_create_mode_and_no_overwrite(void **state)
{
	struct fixture *f = *state;
	struct buf err = BUF_INIT;
	struct stat st;
	char before[128], after[128];
	FILE *fp;
	size_t n;

	assert_int_equal(stat(f->key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(S_ISREG(st.st_mode));

	/* 64 hex digits and a newline */
	fp = fopen(f->key, "r");
	assert_non_null(fp);
	n = fread(before, 1, sizeof(before) - 1, fp);
	fclose(fp);
	before[n] = '\0';
	assert_int_equal(n, 65);
	assert_int_equal(strspn(before, "0123456789abcdef"), 64);
	assert_int_equal(before[64], '\n');

	/* A second create refuses and leaves the key as it was. */
	assert_int_equal(keyring_create(f->key, &err), -1);
	assert_non_null(strstr(err.buf, "a.key"));
	fp = fopen(f->key, "r");
	assert_non_null(fp);
	n = fread(after, 1, sizeof(after) - 1, fp);
	fclose(fp);
	after[n] = '\0';
	assert_string_equal(after, before);
	buf_release(&err);

	/* Two key files hold different keys. */
	fp = fopen(f->key2, "r");
	assert_non_null(fp);
	n = fread(after, 1, sizeof(after) - 1, fp);
	fclose(fp);
	after[n] = '\0';
	assert_string_not_equal(after, before);
}

static void test_load_permissions(void **state)
{
	static const struct {
		mode_t mode;
		int ok;
	} cases[] = {
		{ 0600, 1 }, { 0400, 1 }, { 0644, 0 }, { 0640, 0 }, { 0604, 0 },
		{ 0660, 0 }, { 0610, 0 }, { 0601, 0 }, { 0700, 1 },
	};
	struct fixture *f = *state;
	struct keyring kr;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf err = BUF_INIT;
		int rc;
		assert_int_equal(chmod(f->key, cases[i].mode), 0);
		memset(&kr, 0, sizeof(kr));
		rc = keyring_load(f->key, &kr, &err);
		if (rc != (cases[i].ok ? 0 : -1))
			fail_msg("mode %o: rc %d (%s)", (unsigned)cases[i].mode, rc, err.buf);
		if (cases[i].ok)
			assert_memory_equal(&kr, &f->kr, sizeof(kr));
		else
			assert_non_null(strstr(err.buf, "chmod 600"));
		buf_release(&err);
	}
	assert_int_equal(chmod(f->key, 0600), 0);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

static void test_load_bad_files(void **state)
{
	static const char *const bad[] = {
		"",
		"not hex at all\n",
		"0123456789abcdef\n", /* too short */
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg\n",
	};
	struct fixture *f = *state;
	struct keyring kr;
	char path[300];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf err = BUF_INIT;
		path_in(f, "c.key", path);
		write_file(path, bad[i], 0600);
		assert_int_equal(keyring_load(path, &kr, &err), -1);
		assert_non_null(strstr(err.buf, "damaged"));
		buf_release(&err);
		unlink(path);
	}
	{
		struct buf err = BUF_INIT;
		path_in(f, "missing.key", path);
		assert_int_equal(keyring_load(path, &kr, &err), -1);
		assert_non_null(strstr(err.buf, "missing.key"));
		buf_release(&err);
	}
	/* A key written by hand with spaces and CRLF still loads. */
	{
		struct buf err = BUF_INIT;
		path_in(f, "d.key", path);
		write_file(path,
			   "00112233445566778899aabbccddeeff 00112233445566778899aabbccddeeff\r\n",
			   0600);
		assert_int_equal(keyring_load(path, &kr, &err), 0);
		buf_release(&err);
		unlink(path);
	}
}

static void test_purpose_keys_differ(void **state)
{
	struct fixture *f = *state;
	const struct keyring *k = &f->kr;

	assert_memory_not_equal(k->enc, k->index, 32);
	assert_memory_not_equal(k->enc, k->audit, 32);
	assert_memory_not_equal(k->enc, k->token, 32);
	assert_memory_not_equal(k->index, k->audit, 32);
	assert_memory_not_equal(k->index, k->token, 32);
	assert_memory_not_equal(k->audit, k->token, 32);
	assert_memory_not_equal(f->kr.enc, f->kr2.enc, 32);
}

static void test_seal_open(void **state)
{
	static const size_t sizes[] = { 0, 1, 18, 100, 5000 };
	struct fixture *f = *state;
	size_t i, j;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct buf plain = BUF_INIT, sealed = BUF_INIT, sealed2 = BUF_INIT,
			   out = BUF_INIT;
		for (j = 0; j < sizes[i]; j++)
			buf_addch(&plain, (int)('0' + j % 10));
		secret_seal(&f->kr, plain.buf, plain.len, &sealed);
		/* nonce (24) || MAC (16) || ciphertext */
		assert_int_equal(sealed.len, 24 + 16 + sizes[i]);
		if (sizes[i] >= 16)
			assert_null(memmem(sealed.buf, sealed.len, plain.buf, 16));
		/* a fresh nonce each time: equal inputs do not look equal */
		secret_seal(&f->kr, plain.buf, plain.len, &sealed2);
		assert_memory_not_equal(sealed.buf, sealed2.buf, 24);

		/* open appends to what the buffer holds */
		buf_adds(&out, "pre:");
		assert_int_equal(secret_open(&f->kr, sealed.buf, sealed.len, &out), 0);
		assert_int_equal(out.len, 4 + sizes[i]);
		assert_memory_equal(out.buf, "pre:", 4);
		assert_memory_equal(out.buf + 4, plain.buf, plain.len);
		assert_int_equal(out.buf[out.len], '\0');

		buf_release(&plain);
		buf_release(&sealed);
		buf_release(&sealed2);
		buf_release(&out);
	}
}

static void test_tamper(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "36082519900101123X";
	struct buf sealed = BUF_INIT, out = BUF_INIT;
	size_t i;

	secret_seal(&f->kr, text, strlen(text), &sealed);
	/* Flipping one bit anywhere (nonce, MAC or ciphertext) is caught. */
	for (i = 0; i < sealed.len; i++) {
		sealed.buf[i] ^= 0x01;
		buf_adds(&out, "keep");
		if (secret_open(&f->kr, sealed.buf, sealed.len, &out) != -1)
			fail_msg("a flipped byte at %zu went unnoticed", i);
		/* a failed open leaves the buffer as it was */
		assert_string_equal(out.buf, "keep");
		assert_int_equal(out.len, 4);
		buf_reset(&out);
		sealed.buf[i] ^= 0x01;
	}
	/* Truncated, extended, too short to hold a MAC. */
	assert_int_equal(secret_open(&f->kr, sealed.buf, sealed.len - 1, &out), -1);
	assert_int_equal(secret_open(&f->kr, sealed.buf, 39, &out), -1);
	assert_int_equal(secret_open(&f->kr, sealed.buf, 0, &out), -1);
	buf_addch(&sealed, 0);
	assert_int_equal(secret_open(&f->kr, sealed.buf, sealed.len, &out), -1);
	buf_setlen(&sealed, sealed.len - 1);
	/* The wrong key fails; the right one still works. */
	assert_int_equal(secret_open(&f->kr2, sealed.buf, sealed.len, &out), -1);
	assert_int_equal(out.len, 0);
	assert_int_equal(secret_open(&f->kr, sealed.buf, sealed.len, &out), 0);
	assert_string_equal(out.buf, text);
	buf_release(&sealed);
	buf_release(&out);
}

static void test_open_respects_cap(void **state)
{
	struct fixture *f = *state;
	struct buf sealed = BUF_INIT, out = BUF_INIT_MAX(10);

	secret_seal(&f->kr, "0123456789A", 11, &sealed);
	assert_int_equal(secret_open(&f->kr, sealed.buf, sealed.len, &out), -1);
	assert_int_equal(buf_err(&out), 1);
	assert_int_equal(out.len, 0);
	buf_release(&sealed);
	buf_release(&out);
}

static void test_keyed_hash(void **state)
{
	struct fixture *f = *state;
	unsigned char key[32];
	char h1[65], h2[65], h3[65];
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
	/* Known answers: keyed BLAKE2b-256. */
	secret_keyed_hash(key, "abc", 3, h1);
	assert_string_equal(h1, "d63a32d3e44738d7907f964316c241adaba0abfeabc32349677578a15a203f7f");
	secret_keyed_hash(key, "", 0, h1);
	assert_string_equal(h1, "4e51e7a913fc80137da52880fecca175bf81e117d5c68126dc2774033517ea0d");

	/* Deterministic, key-dependent and data-dependent. */
	secret_keyed_hash(f->kr.index, "11010519491231002X", 18, h1);
	secret_keyed_hash(f->kr.index, "11010519491231002X", 18, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(strlen(h1), 64);
	assert_int_equal(strspn(h1, "0123456789abcdef"), 64);
	secret_keyed_hash(f->kr2.index, "11010519491231002X", 18, h3);
	assert_string_not_equal(h1, h3);
	secret_keyed_hash(f->kr.audit, "11010519491231002X", 18, h3);
	assert_string_not_equal(h1, h3);
	secret_keyed_hash(f->kr.index, "11010519491231002x", 18, h3);
	assert_string_not_equal(h1, h3);
	secret_keyed_hash(f->kr.index, "11010519491231002X", 17, h3);
	assert_string_not_equal(h1, h3);
}

static void test_password(void **state)
{
	char hash[SECRET_PWHASH_LEN];

	/* argon2id is slow on purpose: one hash for the whole test. */
	assert_int_equal(secret_password_hash("correct-horse-1", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_int_equal(secret_password_verify(hash, "correct-horse-1"), 1);
	assert_int_equal(secret_password_verify(hash, "correct-horse-2"), 0);
	assert_int_equal(secret_password_verify(hash, ""), 0);
	assert_int_equal(secret_password_verify("", "correct-horse-1"), 0);
	assert_int_equal(secret_password_verify(NULL, "correct-horse-1"), 0);
	assert_int_equal(secret_password_verify("$argon2id$garbage", "correct-horse-1"), 0);
}

static void test_random_token(void **state)
{
	static const struct {
		size_t nbytes, len;
	} cases[] = {
		{ 32, 43 }, { 24, 32 }, { 16, 22 }, { 1, 2 }, { 64, 86 }, { 100, 86 } /* capped */,
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		buf_adds(&a, "jdt_");
		secret_random_token(&a, cases[i].nbytes);
		secret_random_token(&b, cases[i].nbytes);
		assert_int_equal(a.len, 4 + cases[i].len);
		assert_int_equal(b.len, cases[i].len);
		assert_memory_equal(a.buf, "jdt_", 4);
		assert_int_equal(strspn(a.buf + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						   "0123456789-_"),
				 cases[i].len);
		if (cases[i].nbytes >= 16)
			assert_string_not_equal(a.buf + 4, b.buf);
		buf_release(&a);
		buf_release(&b);
	}
}

static void test_random_password(void **state)
{
	char a[20], b[20];
	int i, k;

	for (k = 0; k < 20; k++) {
		secret_random_password(a);
		assert_int_equal(strlen(a), 17);
		for (i = 0; i < 17; i++) {
			if (i == 5 || i == 11)
				assert_int_equal(a[i], '-');
			else if (!strchr("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789", a[i]) ||
				 a[i] == '\0')
				fail_msg("look-alike or bad character '%c' in %s", a[i], a);
		}
	}
	secret_random_password(b);
	assert_string_not_equal(a, b);
}

static void test_equal(void **state)
{
	static const struct {
		const char *a, *b;
		int eq;
	} cases[] = {
		{ "abc", "abc", 1 }, { "abc", "abd", 0 }, { "abc", "ab", 0 }, { "ab", "abc", 0 },
		{ "", "", 1 },       { "", "a", 0 },      { "Abc", "abc", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(secret_equal(cases[i].a, cases[i].b), cases[i].eq);
}

static void test_random_bytes(void **state)
{
	unsigned char a[32], b[32];
	secret_random(a, sizeof(a));
	secret_random(b, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_mode_and_no_overwrite),
		cmocka_unit_test(test_load_permissions),
		cmocka_unit_test(test_load_bad_files),
		cmocka_unit_test(test_purpose_keys_differ),
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_open_respects_cap),
		cmocka_unit_test(test_keyed_hash),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_random_token),
		cmocka_unit_test(test_random_password),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
