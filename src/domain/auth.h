/* auth.h - passwords, lock-out, sessions, API tokens and the TOTP second factor. */
#ifndef JINDU_AUTH_H
#define JINDU_AUTH_H

#include "domain/audit.h"
#include "store/store.h"

/* Defaults; the server may change them from its options. */
struct auth_policy {
	int max_failures;      /* failed logins before the account locks (5) */
	int lock_seconds;      /* how long it stays locked (900) */
	int idle_seconds;      /* session idle timeout (1800) */
	int absolute_seconds;  /* session absolute timeout (43200) */
};
extern const struct auth_policy auth_default_policy;

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,       /* unknown login or wrong password: the user is told the same */
	LOGIN_LOCKED,    /* too many failures; *until says when it opens again */
	LOGIN_DISABLED,
	LOGIN_ERROR
};

/* Checks login and password, counting failures and locking the account
 * after policy->max_failures. Audits the outcome. */
enum login_result auth_login(struct db *db, const struct auth_policy *policy, const char *login,
			     const char *password, const char *ip, struct arena *a,
			     struct user *out, int64_t *until, struct buf *err);

/* Creates a session; token (for the cookie) and csrf are appended to the
 * buffers. mfa_done 0 means the user must still give a TOTP code. */
int auth_session_create(struct db *db, const struct user *u, const char *ip, int mfa_done,
			struct buf *token, struct buf *csrf, struct buf *err);
/* Finds the session and its user; STORE_NOTFOUND when missing, expired or
 * the user is disabled. Refreshes last_seen at most once a minute. */
int auth_session_lookup(struct db *db, const struct auth_policy *policy, const char *token,
			struct arena *a, struct session *s, struct user *u, struct buf *err);
int auth_session_mfa_done(struct db *db, const char *token, struct buf *err);
int auth_session_end(struct db *db, const char *token, struct buf *err);

/* API tokens: "jdt_" + 32 random bytes; only a keyed hash is stored. */
int auth_token_create(struct db *db, int64_t user_id, const char *label, struct buf *token,
		      struct buf *err);
int auth_token_lookup(struct db *db, const char *token, struct arena *a, struct user *u,
		      struct buf *err);
/* A new token for u by who (u itself from its account page, an
 * administrator, the CLI), audited in the same transaction: 0, or -1. The
 * token is appended to token, to be shown once. */
int auth_token_issue(struct db *db, const struct actor *who, const struct user *u,
		     const char *label, struct buf *token, struct buf *err);
/* Revokes u's token id, audited: 0, STORE_NOTFOUND (not u's, or revoked
 * already) or -1. Requests with it are refused from the commit on. */
int auth_token_revoke(struct db *db, const struct actor *who, const struct user *u, int64_t id,
		      struct buf *err);

/* TOTP (RFC 6238, 30 s, 6 digits, ±1 step) through liboath. The secret is
 * kept sealed in the database; these take and give the base32 form. */
void auth_totp_new_secret(struct buf *base32);
/* 1 when code is right for now (±1 step); *step (optional) gets the time
 * step it belongs to. */
int auth_totp_check(const char *base32, const char *code, int64_t now);
int auth_totp_match(const char *base32, const char *code, int64_t now, int64_t *step);
/* Checks code against u's stored secret and uses it up: the same code (or
 * an older one) is refused afterwards. A refused code counts as a failed
 * login under policy (NULL: not counted). 1 accepted, 0 refused, -1 error. */
int auth_totp_verify(struct db *db, const struct auth_policy *policy, const struct user *u,
		     const char *code, int64_t now, struct buf *err);
/* Seal / open the base32 secret for storage (hex of the sealed bytes). */
void auth_totp_seal(struct db *db, const char *base32, struct buf *out);
int auth_totp_open(struct db *db, const char *sealed_hex, struct buf *base32);

#endif
