/* feed-source.c - partner sources of 动态管控预警: adding, their tokens, disabling, enabling, rotating. */
#include "domain/feed.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/secret.h"

const struct choice feed_source_kinds[] = {
	{ "hotel", N_("旅馆住宿") },     { "netcafe", N_("网吧上网") },
	{ "logistics", N_("物流寄递") }, { "transport", N_("交通购票") },
	{ "finance", N_("金融") },       { "other", N_("其他") },
	{ NULL, NULL }
};

static void token_hash(struct db *db, const char *token, char out[65])
{
	secret_keyed_hash(store_keyring(db_store(db))->token, token, strlen(token), out);
}

/* A new token appended to token (the caller's), its keyed hash in hash:
 * the token itself is never stored. */
static void token_new(struct db *db, struct buf *token, char hash[65])
{
	size_t start = token->len;
	buf_adds(token, "jds_");
	secret_random_token(token, 32);
	token_hash(db, token->buf + start, hash);
}

int feed_source_name_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0, i;
	if (n < 2 || n > 40)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* The owner unit must exist and lie in who's area. */
static int unit_ok(struct db *db, const struct actor *who, int64_t unit_id, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct unit u;
	int rc;
	if (!unit_id)
		return 0;
	rc = store_unit_get(db, unit_id, &a, &u, err);
	if (rc == 0 && !division_in(u.division, who->prefix))
		rc = STORE_NOTFOUND;
	arena_release(&a);
	if (rc == STORE_NOTFOUND) {
		buf_setf(err, "%s", _("所属单位应为本辖区内的单位"));
		return FEED_INVALID;
	}
	return rc;
}

int feed_source_add(struct db *db, const struct actor *who, struct feed_source *src,
		    struct buf *token, struct buf *err)
{
	char hash[65], id[24];
	size_t start = token->len;
	json_t *ch;
	int rc;

	if (!feed_source_name_valid(src->name)) {
		buf_setf(err, "%s", _("来源名称应为 2 到 40 个小写字母、数字或连字符，如 hotel-yf"));
		return FEED_INVALID;
	}
	if (!src->kind || !choice_valid(feed_source_kinds, src->kind)) {
		buf_setf(err, "%s", _("来源类别应为 hotel、netcafe、logistics、transport、finance 或 other"));
		return FEED_INVALID;
	}
	if (!src->label)
		src->label = "";
	if (strlen(src->label) > FEED_LABEL_MAX) {
		buf_setf(err, "%s", _("来源说明最多 40 个汉字"));
		return FEED_INVALID;
	}
	if (src->unit_id < 0) {
		buf_setf(err, "%s", _("所属单位应为本辖区内的单位"));
		return FEED_INVALID;
	}
	if (db_begin(db, err) < 0)
		return -1;
	rc = unit_ok(db, who, src->unit_id, err);
	if (rc == 0) {
		token_new(db, token, hash);
		rc = store_source_add(db, src, hash, err);
	}
	if (rc == 0) {
		snprintf(id, sizeof(id), "%" PRId64, src->id);
		ch = json_pack("{s:[ns],s:[ns],s:[ns],s:[nI]}", "name", src->name, "kind", src->kind,
			       "label", src->label, "unit_id", (json_int_t)src->unit_id);
		rc = audit_log(db, who, "create", "feed_source", id, who->prefix, src->name, ch, err);
		json_decref(ch);
	}
	if (rc != 0) {
		db_rollback(db);
		buf_setlen(token, start);
		if (rc == STORE_CONFLICT)
			buf_setf(err, _("来源“%s”已存在"), src->name);
		return rc;
	}
	return db_commit(db, err);
}

int feed_source_by_token(struct db *db, const char *token, struct arena *a,
			 struct feed_source *out, struct buf *err)
{
	char hash[65];
	if (!token || strncmp(token, "jds_", 4) || strlen(token) > 100)
		return STORE_NOTFOUND;
	token_hash(db, token, hash);
	return store_source_by_token(db, hash, a, out, err);
}

/* The source named name, inside the caller's transaction: 0 or
 * STORE_NOTFOUND (err says which) or -1. */
static int find(struct db *db, const char *name, struct arena *a, struct feed_source *out,
		struct buf *err)
{
	int rc = name ? store_source_by_name(db, name, a, out, err) : STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND)
		buf_setf(err, _("没有名为“%s”的来源"), name ? name : "");
	return rc;
}

int feed_source_set_disabled(struct db *db, const struct actor *who, const char *name,
			     int disabled, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct feed_source src;
	char id[24];
	json_t *ch = NULL;
	int rc;

	disabled = disabled ? 1 : 0;
	if (db_begin(db, err) < 0)
		return -1;
	rc = find(db, name, &a, &src, err);
	if (rc == 0 && src.disabled == disabled) {
		/* already so: nothing changes, nothing to record */
		db_rollback(db);
		arena_release(&a);
		return 0;
	}
	if (rc == 0)
		rc = store_source_set_disabled(db, src.id, disabled, err);
	if (rc == 0) {
		snprintf(id, sizeof(id), "%" PRId64, src.id);
		ch = json_object();
		audit_diff_int(ch, "disabled", src.disabled, disabled);
		rc = audit_log(db, who, "update", "feed_source", id, who->prefix,
			       arena_printf(&a, disabled ? "停用来源 %s" : "启用来源 %s", src.name), ch,
			       err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	arena_release(&a);
	return rc;
}

int feed_source_rotate(struct db *db, const struct actor *who, const char *name,
		       struct buf *token, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct feed_source src;
	size_t start = token->len;
	char hash[65], id[24];
	int rc;

	if (db_begin(db, err) < 0)
		return -1;
	rc = find(db, name, &a, &src, err);
	if (rc == 0) {
		token_new(db, token, hash);
		rc = store_source_set_token(db, src.id, hash, err);
	}
	if (rc == 0) {
		/* the record says that it changed and who changed it; never the token */
		snprintf(id, sizeof(id), "%" PRId64, src.id);
		rc = audit_log(db, who, "rotate", "feed_source", id, who->prefix,
			       arena_printf(&a, "更换来源 %s 的接入令牌", src.name), NULL, err);
	}
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	if (rc != 0)
		buf_setlen(token, start);
	arena_release(&a);
	return rc;
}
