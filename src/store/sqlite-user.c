/* sqlite-user.c - users, sessions and API tokens in SQLite. */
#include "sqlite.h"

#include <string.h>

#include "lib/timeutil.h"

int store_user_add(struct db *db, struct user *u, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO user(login, name, role, division, unit_id, phone, password_hash, lang, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = db_query(db, err, sql, "sssslsssl", u->login, u->name, u->role,
				    u->division, u->unit_id, u->phone ? u->phone : "",
				    u->password_hash, u->lang ? u->lang : "zh", now_unix());
	if (!st)
		return -1;
	if (!u->unit_id)
		sqlite3_bind_null(st, 5);
	if (db_step(db, st, err) < 0)
		return -1;
	u->id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

#define USER_COLS                                                                            \
	"SELECT u.id, u.login, u.name, u.role, u.division, coalesce(d.name, ''), "            \
	"coalesce(d.prefix, ''), coalesce(u.unit_id, 0), coalesce(n.name, ''), u.phone, "      \
	"u.password_hash, u.lang, u.totp_secret, u.totp_enabled, u.disabled, u.failed_logins, " \
	"u.locked_until, u.created_at, u.last_login_at, u.totp_last_step "                      \
	"FROM user u LEFT JOIN division d ON d.code = u.division "                             \
	"LEFT JOIN unit n ON n.id = u.unit_id "

static void read_user(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct user *u = p;
	u->id = sqlite3_column_int64(st, 0);
	u->login = col_str(st, 1, a);
	u->name = col_str(st, 2, a);
	u->role = col_str(st, 3, a);
	u->division = col_str(st, 4, a);
	u->division_name = col_str(st, 5, a);
	u->division_prefix = col_str(st, 6, a);
	u->unit_id = sqlite3_column_int64(st, 7);
	u->unit_name = col_str(st, 8, a);
	u->phone = col_str(st, 9, a);
	u->password_hash = col_str(st, 10, a);
	u->lang = col_str(st, 11, a);
	u->totp_secret = col_str(st, 12, a);
	u->totp_enabled = sqlite3_column_int(st, 13);
	u->disabled = sqlite3_column_int(st, 14);
	u->failed_logins = sqlite3_column_int(st, 15);
	u->locked_until = sqlite3_column_int64(st, 16);
	u->created_at = sqlite3_column_int64(st, 17);
	u->last_login_at = sqlite3_column_int64(st, 18);
	u->totp_last_step = sqlite3_column_int64(st, 19);
}

int store_user_by_login(struct db *db, const char *login, struct arena *a, struct user *out,
			struct buf *err)
{
	static const char sql[] = USER_COLS "WHERE u.login = ?1";
	return db_one(db, db_query(db, err, sql, "s", login), a, read_user, out, err);
}

int store_user_by_id(struct db *db, int64_t id, struct arena *a, struct user *out, struct buf *err)
{
	static const char sql[] = USER_COLS "WHERE u.id = ?1";
	return db_one(db, db_query(db, err, sql, "l", id), a, read_user, out, err);
}

int store_user_list(struct db *db, const char *prefix, struct arena *a, struct user **out, int *n,
		    struct buf *err)
{
	static const char sql[] = USER_COLS "WHERE u.division GLOB ?1 || '*' "
					    "ORDER BY u.disabled, u.division, u.role, u.login";
	return db_many(db, db_query(db, err, sql, "s", prefix), a, sizeof(**out), read_user,
		       (void **)out, n, err);
}

int store_user_update(struct db *db, const struct user *u, struct buf *err)
{
	static const char sql[] =
		"UPDATE user SET name = ?2, role = ?3, division = ?4, unit_id = nullif(?5, 0), "
		"phone = ?6 WHERE id = ?1";
	return db_exec1(db, err, sql, "lsssls", u->id, u->name, u->role, u->division,
			u->unit_id, u->phone ? u->phone : "");
}

int store_user_set_password(struct db *db, int64_t id, const char *hash, struct buf *err)
{
	static const char sql[] =
		"UPDATE user SET password_hash = ?2, failed_logins = 0, locked_until = 0 WHERE id = ?1";
	return db_exec1(db, err, sql, "ls", id, hash);
}

int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct buf *err)
{
	static const char sql[] = "UPDATE user SET disabled = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "li", id, disabled);
}

int store_user_set_lang(struct db *db, int64_t id, const char *lang, struct buf *err)
{
	static const char sql[] = "UPDATE user SET lang = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "ls", id, lang);
}

int store_user_set_totp(struct db *db, int64_t id, const char *secret, int enabled,
			struct buf *err)
{
	static const char sql[] = "UPDATE user SET totp_secret = ?2, totp_enabled = ?3 WHERE id = ?1";
	return db_exec1(db, err, sql, "lsi", id, secret, enabled);
}

int store_user_totp_used(struct db *db, int64_t id, int64_t step, struct buf *err)
{
	static const char sql[] =
		"UPDATE user SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2";
	return db_exec1(db, err, sql, "ll", id, step);
}

int store_user_login_failed(struct db *db, int64_t id, int64_t lock_until, struct buf *err)
{
	static const char sql[] =
		"UPDATE user SET failed_logins = CASE WHEN ?2 > 0 THEN 0 ELSE failed_logins + 1 END, "
		"locked_until = max(locked_until, ?2) WHERE id = ?1";
	return db_exec1(db, err, sql, "ll", id, lock_until);
}

int store_user_login_ok(struct db *db, int64_t id, int64_t now, struct buf *err)
{
	static const char sql[] =
		"UPDATE user SET failed_logins = 0, locked_until = 0, last_login_at = ?2 WHERE id = ?1";
	return db_exec1(db, err, sql, "ll", id, now);
}

/* ---- sessions ---- */

int store_session_add(struct db *db, const struct session *s, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO session(token_hash, user_id, csrf, created_at, last_seen, ip, mfa_done) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	return db_exec(db, err, sql, "slsllsi", s->token_hash, s->user_id, s->csrf, s->created_at,
		       s->last_seen, s->ip ? s->ip : "", s->mfa_done);
}

static void read_session(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct session *s = p;
	s->token_hash = col_str(st, 0, a);
	s->user_id = sqlite3_column_int64(st, 1);
	s->csrf = col_str(st, 2, a);
	s->created_at = sqlite3_column_int64(st, 3);
	s->last_seen = sqlite3_column_int64(st, 4);
	s->ip = col_str(st, 5, a);
	s->mfa_done = sqlite3_column_int(st, 6);
}

int store_session_get(struct db *db, const char *token_hash, struct arena *a, struct session *out,
		      struct buf *err)
{
	static const char sql[] =
		"SELECT token_hash, user_id, csrf, created_at, last_seen, ip, mfa_done "
		"FROM session WHERE token_hash = ?1";
	return db_one(db, db_query(db, err, sql, "s", token_hash), a, read_session, out, err);
}

int store_session_touch(struct db *db, const char *token_hash, int64_t now, struct buf *err)
{
	static const char sql[] = "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1";
	return db_exec1(db, err, sql, "sl", token_hash, now);
}

int store_session_set_mfa(struct db *db, const char *token_hash, struct buf *err)
{
	static const char sql[] = "UPDATE session SET mfa_done = 1 WHERE token_hash = ?1";
	return db_exec1(db, err, sql, "s", token_hash);
}

int store_session_delete(struct db *db, const char *token_hash, struct buf *err)
{
	static const char sql[] = "DELETE FROM session WHERE token_hash = ?1";
	return db_exec(db, err, sql, "s", token_hash);
}

int store_session_delete_user(struct db *db, int64_t user_id, struct buf *err)
{
	static const char sql[] = "DELETE FROM session WHERE user_id = ?1";
	return db_exec(db, err, sql, "l", user_id);
}

int store_session_purge(struct db *db, int64_t idle_before, int64_t created_before,
			struct buf *err)
{
	static const char sql[] = "DELETE FROM session WHERE last_seen < ?1 OR created_at < ?2";
	return db_exec(db, err, sql, "ll", idle_before, created_before);
}

/* ---- API tokens ---- */

int store_token_add(struct db *db, int64_t user_id, const char *token_hash, const char *label,
		    int64_t now, struct buf *err)
{
	static const char sql[] =
		"INSERT INTO api_token(user_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4)";
	return db_exec(db, err, sql, "lssl", user_id, token_hash, label ? label : "", now);
}

static void read_token(sqlite3_stmt *st, struct arena *a, void *p)
{
	struct api_token *t = p;
	t->id = sqlite3_column_int64(st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	t->label = col_str(st, 2, a);
	t->created_at = sqlite3_column_int64(st, 3);
	t->last_used_at = sqlite3_column_int64(st, 4);
	t->revoked = sqlite3_column_int(st, 5);
}

int store_tokens_of(struct db *db, int64_t user_id, struct arena *a, struct api_token **out,
		    int *n, struct buf *err)
{
	static const char sql[] =
		"SELECT id, user_id, label, created_at, last_used_at, revoked FROM api_token "
		"WHERE user_id = ?1 ORDER BY id DESC";
	return db_many(db, db_query(db, err, sql, "l", user_id), a, sizeof(**out), read_token,
		       (void **)out, n, err);
}

int store_token_revoke(struct db *db, int64_t id, int64_t user_id, struct buf *err)
{
	static const char sql[] =
		"UPDATE api_token SET revoked = 1 WHERE id = ?1 AND user_id = ?2 AND revoked = 0";
	return db_exec1(db, err, sql, "ll", id, user_id);
}

int store_token_user(struct db *db, const char *token_hash, int64_t now, int64_t *user_id,
		     struct buf *err)
{
	static const char sql[] =
		"SELECT user_id, last_used_at FROM api_token WHERE token_hash = ?1 AND revoked = 0";
	static const char touch[] = "UPDATE api_token SET last_used_at = ?2 WHERE token_hash = ?1";
	sqlite3_stmt *st = db_query(db, err, sql, "s", token_hash);
	int64_t last;
	int rc;
	if (!st)
		return -1;
	rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return STORE_NOTFOUND;
	*user_id = sqlite3_column_int64(st, 0);
	last = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	/* Record use at most once a minute: a busy client must not turn every
	 * read into a write. */
	if (now - last >= 60)
		return db_exec(db, err, touch, "sl", token_hash, now);
	return 0;
}
