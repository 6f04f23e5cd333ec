/* auth.c - login with lock-out, sessions, API tokens and TOTP. */
#include "auth.h"

#include <inttypes.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "lib/secret.h"
#include "lib/timeutil.h"

const struct auth_policy auth_default_policy = { 5, 900, 1800, 43200 };

static void token_hash(struct db *db, const char *token, char out[65])
{
	secret_keyed_hash(store_keyring(db_store(db))->token, token, strlen(token), out);
}

static void audit_login(struct db *db, const struct user *u, const char *login, const char *ip,
			const char *summary)
{
	struct actor who = { u ? u->id : 0, login, ip, ROLE_NONE, "" };
	struct buf err = BUF_INIT;
	/* An audit failure must not decide a login; it is logged by the caller's
	 * store error path on the next write anyway. */
	audit_log(db, &who, "login", "user", login, u ? u->division : "", summary, NULL, &err);
	buf_release(&err);
}

/* A real argon2id hash of nothing in particular: checking against it costs
 * what checking a real password costs. */
static char dummy_hash[SECRET_PWHASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy_hash(void)
{
	secret_password_hash("jindu-timing-equaliser", dummy_hash);
}

enum login_result auth_login(struct db *db, const struct auth_policy *policy, const char *login,
			     const char *password, const char *ip, struct arena *a,
			     struct user *out, int64_t *until, struct buf *err)
{
	enum login_result res;
	int64_t now = now_unix();
	int rc;

	*until = 0;
	if (db_begin(db, err) < 0)
		return LOGIN_ERROR;
	rc = store_user_by_login(db, login, a, out, err);
	if (rc < 0)
		goto error;
	if (rc == STORE_NOTFOUND) {
		/* Spend the same time as a real check, so timing does not tell
		 * which logins exist. */
		pthread_once(&dummy_once, make_dummy_hash);
		secret_password_verify(dummy_hash, password);
		audit_login(db, NULL, login, ip, "失败：用户名不存在");
		res = LOGIN_BAD;
		goto done;
	}
	if (out->disabled) {
		audit_login(db, out, login, ip, "拒绝：账号已停用");
		res = LOGIN_DISABLED;
		goto done;
	}
	if (out->locked_until > now) {
		*until = out->locked_until;
		audit_login(db, out, login, ip, "拒绝：账号已锁定");
		res = LOGIN_LOCKED;
		goto done;
	}
	if (!secret_password_verify(out->password_hash, password)) {
		int64_t lock = 0;
		if (out->failed_logins + 1 >= policy->max_failures)
			lock = now + policy->lock_seconds;
		if (store_user_login_failed(db, out->id, lock, err) < 0)
			goto error;
		audit_login(db, out, login, ip, lock ? "失败：密码错误，账号已锁定"
						     : "失败：密码错误");
		*until = lock;
		res = lock ? LOGIN_LOCKED : LOGIN_BAD;
		goto done;
	}
	if (store_user_login_ok(db, out->id, now, err) < 0)
		goto error;
	audit_login(db, out, login, ip, out->totp_enabled ? "密码正确，待验证动态口令" : "成功");
	res = LOGIN_OK;
done:
	if (db_commit(db, err) < 0)
		return LOGIN_ERROR;
	return res;
error:
	db_rollback(db);
	return LOGIN_ERROR;
}

int auth_session_create(struct db *db, const struct user *u, const char *ip, int mfa_done,
			struct buf *token, struct buf *csrf, struct buf *err)
{
	struct session s;
	char hash[65];
	size_t tstart = token->len, cstart = csrf->len;

	secret_random_token(token, 32);
	secret_random_token(csrf, 24);
	token_hash(db, token->buf + tstart, hash);
	memset(&s, 0, sizeof(s));
	s.token_hash = hash;
	s.user_id = u->id;
	s.csrf = csrf->buf + cstart;
	s.created_at = s.last_seen = now_unix();
	s.ip = ip;
	s.mfa_done = mfa_done;
	return store_session_add(db, &s, err);
}

int auth_session_lookup(struct db *db, const struct auth_policy *policy, const char *token,
			struct arena *a, struct session *s, struct user *u, struct buf *err)
{
	char hash[65];
	int64_t now = now_unix();
	int rc;

	if (!token || strlen(token) < 20 || strlen(token) > 100)
		return STORE_NOTFOUND;
	token_hash(db, token, hash);
	rc = store_session_get(db, hash, a, s, err);
	if (rc != 0)
		return rc;
	if (now - s->last_seen > policy->idle_seconds || now - s->created_at > policy->absolute_seconds) {
		store_session_delete(db, hash, err);
		return STORE_NOTFOUND;
	}
	rc = store_user_by_id(db, s->user_id, a, u, err);
	if (rc != 0)
		return rc;
	if (u->disabled)
		return STORE_NOTFOUND;
	if (now - s->last_seen >= 60)
		store_session_touch(db, hash, now, err);
	return 0;
}

int auth_session_mfa_done(struct db *db, const char *token, struct buf *err)
{
	char hash[65];
	token_hash(db, token, hash);
	return store_session_set_mfa(db, hash, err);
}

int auth_session_end(struct db *db, const char *token, struct buf *err)
{
	char hash[65];
	token_hash(db, token, hash);
	return store_session_delete(db, hash, err);
}

int auth_token_create(struct db *db, int64_t user_id, const char *label, struct buf *token,
		      struct buf *err)
{
	char hash[65];
	size_t start = token->len;
	buf_adds(token, "jdt_");
	secret_random_token(token, 32);
	token_hash(db, token->buf + start, hash);
	return store_token_add(db, user_id, hash, label, now_unix(), err);
}

int auth_token_issue(struct db *db, const struct actor *who, const struct user *u,
		     const char *label, struct buf *token, struct buf *err)
{
	size_t start = token->len;
	if (db_begin(db, err) < 0)
		return -1;
	if (auth_token_create(db, u->id, label, token, err) < 0 ||
	    audit_log(db, who, "create", "api_token", u->login, u->division, label, NULL, err) < 0 ||
	    db_commit(db, err) < 0) {
		db_rollback(db);
		buf_setlen(token, start);
		return -1;
	}
	return 0;
}

int auth_token_revoke(struct db *db, const struct actor *who, const struct user *u, int64_t id,
		      struct buf *err)
{
	char summary[48];
	int rc;

	if (db_begin(db, err) < 0)
		return -1;
	snprintf(summary, sizeof(summary), "revoked token %" PRId64, id);
	rc = store_token_revoke(db, id, u->id, err);
	if (rc == 0)
		rc = audit_log(db, who, "revoke", "api_token", u->login, u->division, summary, NULL,
			       err);
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	return rc;
}

int auth_token_lookup(struct db *db, const char *token, struct arena *a, struct user *u,
		      struct buf *err)
{
	char hash[65];
	int64_t uid;
	int rc;

	if (!token || strncmp(token, "jdt_", 4) || strlen(token) > 100)
		return STORE_NOTFOUND;
	token_hash(db, token, hash);
	rc = store_token_user(db, hash, now_unix(), &uid, err);
	if (rc != 0)
		return rc;
	rc = store_user_by_id(db, uid, a, u, err);
	if (rc == 0 && u->disabled)
		return STORE_NOTFOUND;
	return rc;
}

/* ---- TOTP ---- */

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static void oath_start(void)
{
	oath_init();
}

void auth_totp_new_secret(struct buf *base32)
{
	unsigned char raw[20];
	char *out = NULL;
	size_t len = 0;

	pthread_once(&oath_once, oath_start);
	secret_random(raw, sizeof(raw));
	if (oath_base32_encode((const char *)raw, sizeof(raw), &out, &len) == OATH_OK) {
		/* Drop the padding: authenticator apps do not want it. */
		while (len && out[len - 1] == '=')
			len--;
		buf_add(base32, out, len);
	}
	free(out);
	sodium_memzero(raw, sizeof(raw));
}

int auth_totp_match(const char *base32, const char *code, int64_t now, int64_t *step)
{
	char *raw = NULL;
	size_t rawlen = 0;
	int rc, pos = 0;

	pthread_once(&oath_once, oath_start);
	if (!base32 || !*base32 || !code || strlen(code) != 6)
		return 0;
	if (oath_base32_decode(base32, strlen(base32), &raw, &rawlen) != OATH_OK)
		return 0;
	rc = oath_totp_validate2(raw, rawlen, (time_t)now, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 1,
				 &pos, code);
	sodium_memzero(raw, rawlen);
	free(raw);
	if (rc < 0)
		return 0;
	if (step)
		*step = now / OATH_TOTP_DEFAULT_TIME_STEP_SIZE + pos;
	return 1;
}

int auth_totp_check(const char *base32, const char *code, int64_t now)
{
	return auth_totp_match(base32, code, now, NULL);
}

int auth_totp_verify(struct db *db, const struct auth_policy *policy, const struct user *u,
		     const char *code, int64_t now, struct buf *err)
{
	struct buf secret = BUF_INIT;
	int64_t step;
	int ok = 0, rc;

	if (auth_totp_open(db, u->totp_secret, &secret) == 0 &&
	    auth_totp_match(secret.buf, code, now, &step) && step > u->totp_last_step) {
		rc = store_user_totp_used(db, u->id, step, err);
		ok = rc == 0 ? 1 : rc == STORE_NOTFOUND ? 0 : -1;
	}
	/* Wrong codes count like wrong passwords: six digits fall to guessing
	 * otherwise. */
	if (ok == 0 && policy) {
		int64_t lock = u->failed_logins + 1 >= policy->max_failures ? now + policy->lock_seconds
									     : 0;
		if (store_user_login_failed(db, u->id, lock, err) < 0)
			ok = -1;
	}
	sodium_memzero(secret.buf, secret.len);
	buf_release(&secret);
	return ok;
}

void auth_totp_seal(struct db *db, const char *base32, struct buf *out)
{
	struct buf sealed = BUF_INIT;
	size_t i;
	secret_seal(store_keyring(db_store(db)), base32, strlen(base32), &sealed);
	for (i = 0; i < sealed.len; i++)
		buf_addf(out, "%02x", (unsigned char)sealed.buf[i]);
	buf_release(&sealed);
}

int auth_totp_open(struct db *db, const char *sealed_hex, struct buf *base32)
{
	unsigned char bin[256];
	size_t len = 0;
	if (sodium_hex2bin(bin, sizeof(bin), sealed_hex, strlen(sealed_hex), NULL, &len, NULL) < 0)
		return -1;
	return secret_open(store_keyring(db_store(db)), bin, len, base32);
}
