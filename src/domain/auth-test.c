/* auth-test.c - login and lock-out, sessions and their timeouts, API tokens, TOTP. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/auth.h"

#include <dirent.h>
#include <liboath/oath.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/audit.h"
#include "domain/setup.h"
#include "lib/timeutil.h"

#define PASSWORD "correct-horse-1"

/*
 * Each test gets a fresh database set up like `jindu init` does: the
 * divisions, the county's office and the user admin. argon2id makes every
 * password check cost about 0.1 s, so the tests use as few as they can.
 */
struct fixture {
	char dir[256];
	char path[300];
	struct store *s;
	struct db *db;
	struct arena a;
	struct user admin;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");
	struct buf err = BUF_INIT;

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/jindu-auth-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/jindu.db", f->dir);
	f->s = store_open(f->path, NULL, 1, &err);
	if (!f->s)
		goto fail;
	f->db = store_get(f->s);
	if (setup_database(f->db, "360825", PASSWORD, &err) < 0 ||
	    store_user_by_login(f->db, "admin", &f->a, &f->admin, &err) != 0)
		goto fail;
	buf_release(&err);
	*state = f;
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.buf);
	buf_release(&err);
	return -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d;
	struct dirent *e;
	char p[600];

	store_put(f->db);
	store_close(f->s);
	arena_release(&f->a);
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

/* The user as stored now. */
static void reload(struct fixture *f, struct user *u)
{
	struct buf err = BUF_INIT;
	if (store_user_by_login(f->db, "admin", &f->a, u, &err) != 0)
		fail_msg("reload: %s", err.buf);
	buf_release(&err);
}

static enum login_result login(struct fixture *f, const struct auth_policy *pol, const char *user,
			       const char *password, int64_t *until)
{
	struct buf err = BUF_INIT;
	struct user u;
	enum login_result r = auth_login(f->db, pol, user, password, "192.0.2.1", &f->a, &u, until,
					 &err);
	if (r == LOGIN_ERROR)
		fail_msg("auth_login: %s", err.buf);
	if (r == LOGIN_OK)
		assert_string_equal(u.login, user);
	buf_release(&err);
	return r;
}

/* Changes the database behind the store's back, as time passing would. */
static void raw_sql(struct fixture *f, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	if (sqlite3_open(f->path, &h) != SQLITE_OK)
		fail_msg("cannot open %s", f->path);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

static void assert_audit_intact(struct fixture *f, int64_t entries)
{
	struct audit_report rep;
	struct buf err = BUF_INIT;
	assert_int_equal(audit_verify(f->db, &rep, &err), 0);
	assert_int_equal(rep.checked, entries);
	buf_release(&err);
}

static void test_login_ok(void **state)
{
	struct fixture *f = *state;
	int64_t until = -1, before = now_unix();
	struct user u;

	assert_string_equal(f->admin.role, "admin");
	assert_string_equal(f->admin.division, "360825");
	assert_int_equal(f->admin.last_login_at, 0);
	assert_int_equal(login(f, &auth_default_policy, "admin", PASSWORD, &until), LOGIN_OK);
	assert_int_equal(until, 0);
	reload(f, &u);
	assert_int_equal(u.failed_logins, 0);
	assert_true(u.last_login_at >= before && u.last_login_at <= now_unix());
	/* setup wrote two entries (database, user); the login one more */
	assert_audit_intact(f, 3);
}

static void test_lockout(void **state)
{
	struct fixture *f = *state;
	int64_t until = -1, now;
	struct user u;
	int i;

	/* Failures one to four are counted, and the account stays open. */
	for (i = 1; i < auth_default_policy.max_failures; i++) {
		assert_int_equal(login(f, &auth_default_policy, "admin", "wrong-horse-1", &until),
				 LOGIN_BAD);
		assert_int_equal(until, 0);
		reload(f, &u);
		assert_int_equal(u.failed_logins, i);
		assert_int_equal(u.locked_until, 0);
	}
	/* The fifth locks it for lock_seconds. */
	now = now_unix();
	assert_int_equal(login(f, &auth_default_policy, "admin", "wrong-horse-1", &until),
			 LOGIN_LOCKED);
	assert_true(until > now);
	assert_true(until >= now + auth_default_policy.lock_seconds);
	assert_true(until <= now_unix() + auth_default_policy.lock_seconds);
	reload(f, &u);
	assert_int_equal(u.locked_until, until);

	/* While locked even the right password is refused, with the same time. */
	until = 0;
	assert_int_equal(login(f, &auth_default_policy, "admin", PASSWORD, &until), LOGIN_LOCKED);
	reload(f, &u);
	assert_int_equal(u.locked_until, until);
	assert_audit_intact(f, 2 + 6);
}

static void test_lock_expires(void **state)
{
	struct fixture *f = *state;
	const struct auth_policy two = { 2, 900, 1800, 43200 };
	int64_t until;
	char sql[128];
	struct user u;

	assert_int_equal(login(f, &two, "admin", "wrong-horse-1", &until), LOGIN_BAD);
	assert_int_equal(login(f, &two, "admin", "wrong-horse-1", &until), LOGIN_LOCKED);
	/* the lock has run out a second ago */
	snprintf(sql, sizeof(sql), "UPDATE user SET locked_until = %lld WHERE login = 'admin'",
		 (long long)now_unix() - 1);
	raw_sql(f, sql);
	assert_int_equal(login(f, &two, "admin", PASSWORD, &until), LOGIN_OK);
	reload(f, &u);
	assert_int_equal(u.locked_until, 0);
	assert_int_equal(u.failed_logins, 0);
}

static void test_unknown_and_disabled(void **state)
{
	struct fixture *f = *state;
	struct buf err = BUF_INIT;
	int64_t until = -1;

	assert_int_equal(login(f, &auth_default_policy, "nobody", PASSWORD, &until), LOGIN_BAD);
	assert_int_equal(until, 0);
	assert_int_equal(login(f, &auth_default_policy, "", PASSWORD, &until), LOGIN_BAD);

	assert_int_equal(store_user_set_disabled(f->db, f->admin.id, 1, &err), 0);
	assert_int_equal(login(f, &auth_default_policy, "admin", PASSWORD, &until),
			 LOGIN_DISABLED);
	assert_audit_intact(f, 2 + 3);
	buf_release(&err);
}

static void test_session(void **state)
{
	struct fixture *f = *state;
	struct buf token = BUF_INIT, csrf = BUF_INIT, err = BUF_INIT, other = BUF_INIT;
	struct session s;
	struct user u;
	int64_t now = now_unix();

	assert_int_equal(auth_session_create(f->db, &f->admin, "192.0.2.1", 0, &token, &csrf, &err),
			 0);
	assert_int_equal(token.len, 43);
	assert_int_equal(csrf.len, 32);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, token.buf, &f->a, &s, &u,
					     &err),
			 0);
	assert_int_equal(s.user_id, f->admin.id);
	assert_string_equal(u.login, "admin");
	assert_string_equal(s.csrf, csrf.buf);
	assert_string_equal(s.ip, "192.0.2.1");
	assert_int_equal(s.mfa_done, 0);
	assert_true(s.created_at >= now && s.last_seen >= now);
	/* only a keyed hash of the token is stored */
	assert_string_not_equal(s.token_hash, token.buf);
	assert_int_equal(strlen(s.token_hash), 64);

	assert_int_equal(auth_session_mfa_done(f->db, token.buf, &err), 0);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, token.buf, &f->a, &s, &u,
					     &err),
			 0);
	assert_int_equal(s.mfa_done, 1);

	/* a changed, unknown, short or missing token finds nothing */
	buf_addbuf(&other, &token);
	other.buf[10] = other.buf[10] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, other.buf, &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);
	buf_setlen(&other, 0);
	secret_random_token(&other, 32);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, other.buf, &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, "short", &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, NULL, &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);

	/* ending it ends it */
	assert_int_equal(auth_session_end(f->db, token.buf, &err), 0);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, token.buf, &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);
	buf_release(&token);
	buf_release(&csrf);
	buf_release(&other);
	buf_release(&err);
}

static void test_session_timeouts(void **state)
{
	static const struct {
		struct auth_policy policy;
		const char *age_sql; /* how the session has aged; NULL: not at all */
		int found;
	} cases[] = {
		{ { 5, 900, 1800, 43200 }, NULL, 1 },
		{ { 5, 900, -1, 43200 }, NULL, 0 }, /* idle limit already passed */
		{ { 5, 900, 1800, -1 }, NULL, 0 },  /* absolute limit already passed */
		{ { 5, 900, 1800, 43200 }, "last_seen = last_seen - 1801", 0 },
		{ { 5, 900, 1800, 43200 }, "last_seen = last_seen - 1790", 1 },
		{ { 5, 900, 1800, 43200 },
		  "created_at = created_at - 43201, last_seen = last_seen - 60", 0 },
		{ { 5, 900, 1800, 43200 },
		  "created_at = created_at - 43190, last_seen = last_seen - 60", 1 },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf token = BUF_INIT, csrf = BUF_INIT, err = BUF_INIT;
		struct session s;
		struct user u;
		int rc;

		assert_int_equal(auth_session_create(f->db, &f->admin, "", 1, &token, &csrf, &err),
				 0);
		if (cases[i].age_sql) {
			char sql[200];
			snprintf(sql, sizeof(sql), "UPDATE session SET %s", cases[i].age_sql);
			raw_sql(f, sql);
		}
		rc = auth_session_lookup(f->db, &cases[i].policy, token.buf, &f->a, &s, &u, &err);
		assert_int_equal(rc, cases[i].found ? 0 : STORE_NOTFOUND);
		/* an expired session is gone for good, whatever the policy later */
		rc = auth_session_lookup(f->db, &auth_default_policy, token.buf, &f->a, &s, &u, &err);
		if (!cases[i].found)
			assert_int_equal(rc, STORE_NOTFOUND);
		assert_int_equal(auth_session_end(f->db, token.buf, &err), 0);
		buf_release(&token);
		buf_release(&csrf);
		buf_release(&err);
	}
}

static void test_session_disabled_user(void **state)
{
	struct fixture *f = *state;
	struct buf token = BUF_INIT, csrf = BUF_INIT, err = BUF_INIT;
	struct session s;
	struct user u;

	assert_int_equal(auth_session_create(f->db, &f->admin, "", 1, &token, &csrf, &err), 0);
	assert_int_equal(store_user_set_disabled(f->db, f->admin.id, 1, &err), 0);
	assert_int_equal(auth_session_lookup(f->db, &auth_default_policy, token.buf, &f->a, &s, &u,
					     &err),
			 STORE_NOTFOUND);
	buf_release(&token);
	buf_release(&csrf);
	buf_release(&err);
}

static void test_api_token(void **state)
{
	struct fixture *f = *state;
	struct buf token = BUF_INIT, token2 = BUF_INIT, other = BUF_INIT, err = BUF_INIT;
	struct user u;
	size_t i;

	assert_int_equal(auth_token_create(f->db, f->admin.id, "reporting", &token, &err), 0);
	assert_int_equal(auth_token_create(f->db, f->admin.id, "second", &token2, &err), 0);
	assert_int_equal(token.len, 4 + 43);
	assert_memory_equal(token.buf, "jdt_", 4);
	assert_string_not_equal(token.buf, token2.buf);
	memset(&u, 0, sizeof(u));
	assert_int_equal(auth_token_lookup(f->db, token.buf, &f->a, &u, &err), 0);
	assert_int_equal(u.id, f->admin.id);
	assert_string_equal(u.login, "admin");
	assert_int_equal(auth_token_lookup(f->db, token2.buf, &f->a, &u, &err), 0);

	/* Any one character changed, and the token is worthless. */
	for (i = 4; i < token.len; i += 7) {
		buf_reset(&other);
		buf_addbuf(&other, &token);
		other.buf[i] = other.buf[i] == 'a' ? 'b' : 'a';
		assert_int_equal(auth_token_lookup(f->db, other.buf, &f->a, &u, &err),
				 STORE_NOTFOUND);
	}
	/* cut short, lengthened, without its prefix, or nothing at all */
	buf_reset(&other);
	buf_add(&other, token.buf, token.len - 1);
	assert_int_equal(auth_token_lookup(f->db, other.buf, &f->a, &u, &err), STORE_NOTFOUND);
	buf_addbuf(&other, &token);
	assert_int_equal(auth_token_lookup(f->db, other.buf, &f->a, &u, &err), STORE_NOTFOUND);
	assert_int_equal(auth_token_lookup(f->db, token.buf + 4, &f->a, &u, &err), STORE_NOTFOUND);
	assert_int_equal(auth_token_lookup(f->db, "jdt_", &f->a, &u, &err), STORE_NOTFOUND);
	assert_int_equal(auth_token_lookup(f->db, NULL, &f->a, &u, &err), STORE_NOTFOUND);

	/* a session token is no API token */
	{
		struct buf st = BUF_INIT, csrf = BUF_INIT;
		assert_int_equal(auth_session_create(f->db, &f->admin, "", 1, &st, &csrf, &err), 0);
		buf_reset(&other);
		buf_addf(&other, "jdt_%s", st.buf);
		assert_int_equal(auth_token_lookup(f->db, other.buf, &f->a, &u, &err),
				 STORE_NOTFOUND);
		buf_release(&st);
		buf_release(&csrf);
	}

	/* a disabled user's tokens stop working */
	assert_int_equal(store_user_set_disabled(f->db, f->admin.id, 1, &err), 0);
	assert_int_equal(auth_token_lookup(f->db, token.buf, &f->a, &u, &err), STORE_NOTFOUND);
	buf_release(&token);
	buf_release(&token2);
	buf_release(&other);
	buf_release(&err);
}

/* The code an authenticator app would show at time t. */
static void totp_code(const char *base32, int64_t t, char code[7])
{
	char *raw = NULL;
	size_t rawlen = 0;
	assert_int_equal(oath_init(), OATH_OK); /* idempotent, as auth.c relies on */
	assert_int_equal(oath_base32_decode(base32, strlen(base32), &raw, &rawlen), OATH_OK);
	assert_int_equal(oath_totp_generate(raw, rawlen, (time_t)t, 30, 0, 6, code), OATH_OK);
	free(raw);
}

static void test_totp_known_answers(void **state)
{
	/* RFC 6238 appendix B (SHA-1 secret "12345678901234567890"), last 6 digits. */
	static const char secret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	static const struct {
		int64_t t;
		const char *code;
	} cases[] = {
		{ 59, "287082" },          { 1111111109, "081804" }, { 1111111111, "050471" },
		{ 1234567890, "005924" },  { 2000000000, "279037" }, { 20000000000, "353130" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char code[7];
		totp_code(secret, cases[i].t, code);
		assert_string_equal(code, cases[i].code);
		assert_int_equal(auth_totp_check(secret, cases[i].code, cases[i].t), 1);
	}
}

static void test_totp(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int64_t now = now_unix(), t0 = 1699999980; /* t0 starts a 30-second step */
	char code[7], wrong[7];
	int i;

	assert_int_equal(t0 % 30, 0);
	auth_totp_new_secret(&a);
	auth_totp_new_secret(&b);
	/* 20 random bytes, base32 without padding */
	assert_int_equal(a.len, 32);
	assert_int_equal(strspn(a.buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
	assert_string_not_equal(a.buf, b.buf);

	totp_code(a.buf, now, code);
	assert_int_equal(auth_totp_check(a.buf, code, now), 1);
	/* each digit wrong in turn */
	for (i = 0; i < 6; i++) {
		memcpy(wrong, code, sizeof(wrong));
		wrong[i] = (char)('0' + (code[i] - '0' + 1) % 10);
		assert_int_equal(auth_totp_check(a.buf, wrong, now), 0);
	}

	/* One step of clock drift either way is allowed, two are not. */
	totp_code(a.buf, t0, code);
	assert_int_equal(auth_totp_check(a.buf, code, t0), 1);
	assert_int_equal(auth_totp_check(a.buf, code, t0 + 29), 1);
	assert_int_equal(auth_totp_check(a.buf, code, t0 + 59), 1);
	assert_int_equal(auth_totp_check(a.buf, code, t0 - 30), 1);
	totp_code(a.buf, t0 + 60, wrong);
	if (strcmp(wrong, code)) /* distinct codes, as all but one in a million are */
		assert_int_equal(auth_totp_check(a.buf, code, t0 + 60), 0);
	totp_code(a.buf, t0 - 31, wrong);
	if (strcmp(wrong, code))
		assert_int_equal(auth_totp_check(a.buf, code, t0 - 31), 0);
	/* another secret's code */
	totp_code(b.buf, t0, wrong);
	if (strcmp(wrong, code))
		assert_int_equal(auth_totp_check(a.buf, wrong, t0), 0);

	/* malformed input is refused, not crashed on */
	totp_code(a.buf, now, code);
	assert_int_equal(auth_totp_check(a.buf, "12345", now), 0);
	assert_int_equal(auth_totp_check(a.buf, "1234567", now), 0);
	assert_int_equal(auth_totp_check(a.buf, "", now), 0);
	assert_int_equal(auth_totp_check(a.buf, NULL, now), 0);
	assert_int_equal(auth_totp_check("", code, now), 0);
	assert_int_equal(auth_totp_check(NULL, code, now), 0);
	assert_int_equal(auth_totp_check("!!!!####", code, now), 0);
	buf_release(&a);
	buf_release(&b);
}

static void test_totp_seal(void **state)
{
	struct fixture *f = *state;
	struct buf secret = BUF_INIT, sealed = BUF_INIT, sealed2 = BUF_INIT, back = BUF_INIT;

	auth_totp_new_secret(&secret);
	auth_totp_seal(f->db, secret.buf, &sealed);
	auth_totp_seal(f->db, secret.buf, &sealed2);
	/* hex of nonce (24) || MAC (16) || 32 characters */
	assert_int_equal(sealed.len, 2 * (24 + 16 + 32));
	assert_int_equal(strspn(sealed.buf, "0123456789abcdef"), sealed.len);
	assert_null(strstr(sealed.buf, secret.buf));
	assert_string_not_equal(sealed.buf, sealed2.buf);

	assert_int_equal(auth_totp_open(f->db, sealed.buf, &back), 0);
	assert_string_equal(back.buf, secret.buf);
	buf_reset(&back);
	assert_int_equal(auth_totp_open(f->db, sealed2.buf, &back), 0);
	assert_string_equal(back.buf, secret.buf);

	/* one hex digit changed */
	buf_reset(&back);
	sealed.buf[100] = sealed.buf[100] == '0' ? '1' : '0';
	assert_int_equal(auth_totp_open(f->db, sealed.buf, &back), -1);
	assert_int_equal(back.len, 0);
	/* not hex, too short, too long */
	assert_int_equal(auth_totp_open(f->db, "zz", &back), -1);
	assert_int_equal(auth_totp_open(f->db, "", &back), -1);
	assert_int_equal(auth_totp_open(f->db, "00112233", &back), -1);
	buf_reset(&sealed);
	while (sealed.len < 600)
		buf_adds(&sealed, "00");
	assert_int_equal(auth_totp_open(f->db, sealed.buf, &back), -1);
	assert_int_equal(back.len, 0);
	buf_release(&secret);
	buf_release(&sealed);
	buf_release(&sealed2);
	buf_release(&back);
}

/* A code is used up by auth_totp_verify; wrong codes count toward the lock. */
static void test_totp_verify(void **state)
{
	struct fixture *f = *state;
	struct buf secret = BUF_INIT, sealed = BUF_INIT, err = BUF_INIT;
	const struct auth_policy pol = { 3, 600, 1800, 43200 };
	int64_t t0 = 1699999980; /* the start of a 30-second step */
	char code[7], next[7];
	struct user u;
	int i;

	auth_totp_new_secret(&secret);
	auth_totp_seal(f->db, secret.buf, &sealed);
	assert_int_equal(store_user_set_totp(f->db, f->admin.id, sealed.buf, 1, &err), 0);
	totp_code(secret.buf, t0, code);
	totp_code(secret.buf, t0 + 30, next);

	reload(f, &u);
	assert_int_equal(auth_totp_verify(f->db, &pol, &u, code, t0 + 5, &err), 1);
	reload(f, &u);
	assert_int_equal(u.totp_last_step, t0 / 30);
	/* the same code again, still inside its window: refused */
	assert_int_equal(auth_totp_verify(f->db, &pol, &u, code, t0 + 10, &err), 0);
	/* an older step's code is refused too, the next step's is accepted */
	reload(f, &u);
	assert_int_equal(auth_totp_verify(f->db, &pol, &u, next, t0 + 12, &err), 1);
	reload(f, &u);
	assert_int_equal(u.totp_last_step, t0 / 30 + 1);
	assert_int_equal(u.failed_logins, 1); /* the replay counted */
	/* the first code is older than the last one used now */
	assert_int_equal(auth_totp_verify(f->db, &pol, &u, code, t0 + 14, &err), 0);
	reload(f, &u);
	assert_int_equal(u.failed_logins, 2);
	assert_int_equal(u.locked_until, 0);

	/* a wrong code: the third failure in all locks the account */
	assert_int_equal(auth_totp_verify(f->db, &pol, &u, "000000", t0 + 40, &err), 0);
	reload(f, &u);
	assert_true(u.locked_until > 0);
	/* without a policy (confirming a new secret) failures are not counted */
	for (i = 0; i < 3; i++)
		assert_int_equal(auth_totp_verify(f->db, NULL, &u, "000000", t0 + 40, &err), 0);
	buf_release(&secret);
	buf_release(&sealed);
	buf_release(&err);
}

int main(void)
{
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_login_ok),
		T(test_lockout),
		T(test_lock_expires),
		T(test_unknown_and_disabled),
		T(test_session),
		T(test_session_timeouts),
		T(test_session_disabled_user),
		T(test_api_token),
		cmocka_unit_test(test_totp_known_answers),
		cmocka_unit_test(test_totp),
		T(test_totp_verify),
		T(test_totp_seal),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
