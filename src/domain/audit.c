/* audit.c - keyed hash chain over audit entries; append and verify. */
#include "audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/timeutil.h"

static const char zero_hash[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* The hash covers every field in a fixed order, separated by a byte that
 * cannot occur in UTF-8 text, plus the previous hash: changing, inserting or
 * removing an entry breaks the chain from that point on. */
static void entry_hash(struct db *db, const struct audit_entry *e, char out[65])
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%" PRId64 "\xff%" PRId64 "\xff%" PRId64 "\xff", e->id, e->ts, e->user_id);
	buf_addf(&b, "%s\xff%s\xff%s\xff%s\xff", e->login, e->ip, e->action, e->entity);
	buf_addf(&b, "%s\xff%s\xff%s\xff%s\xff%s", e->entity_id, e->division, e->summary,
		 e->changes, e->prev_hash);
	secret_keyed_hash(store_keyring(db_store(db))->audit, b.buf, b.len, out);
	buf_release(&b);
}

int audit_log(struct db *db, const struct actor *who, const char *action, const char *entity,
	      const char *entity_id, const char *division, const char *summary,
	      const json_t *changes, struct buf *err)
{
	struct audit_entry e;
	char prev[65], hash[65], head[96];
	char *changes_text = NULL;
	int64_t last_id;
	int ret = -1;

	if (store_audit_head(db, &last_id, prev, err) < 0)
		return -1;
	memset(&e, 0, sizeof(e));
	e.id = last_id + 1;
	e.ts = now_unix();
	e.user_id = who ? who->user_id : 0;
	e.login = who && who->login ? who->login : "";
	e.ip = who && who->ip ? who->ip : "";
	e.action = action;
	e.entity = entity;
	e.entity_id = entity_id ? entity_id : "";
	e.division = division ? division : "";
	e.summary = summary ? summary : "";
	if (changes && json_object_size(changes))
		changes_text = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
	e.changes = changes_text ? changes_text : "";
	e.prev_hash = prev[0] ? prev : zero_hash;
	entry_hash(db, &e, hash);
	e.hash = hash;
	if (store_audit_insert(db, &e, err) < 0)
		goto out;
	/* The head pointer catches removal of the newest entries. */
	snprintf(head, sizeof(head), "%" PRId64 ":%s", e.id, hash);
	if (store_meta_set(db, "audit_head", head, err) < 0)
		goto out;
	ret = 0;
out:
	free(changes_text);
	return ret;
}

int audit_log_tx(struct db *db, const struct actor *who, const char *action, const char *entity,
		 const char *entity_id, const char *division, const char *summary,
		 const json_t *changes, struct buf *err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (audit_log(db, who, action, entity, entity_id, division, summary, changes, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

void audit_diff_str(json_t *changes, const char *field, const char *before, const char *after)
{
	before = before ? before : "";
	after = after ? after : "";
	if (strcmp(before, after))
		json_object_set_new(changes, field, json_pack("[ss]", before, after));
}

void audit_diff_int(json_t *changes, const char *field, int64_t before, int64_t after)
{
	if (before != after)
		json_object_set_new(changes, field, json_pack("[II]", (json_int_t)before,
							      (json_int_t)after));
}

struct verify_ctx {
	struct db *db;
	struct audit_report *rep;
	int64_t expect_id;
	char prev[65];
};

static int verify_one(const struct audit_entry *e, void *p)
{
	struct verify_ctx *c = p;
	char hash[65];

	if (e->id != c->expect_id) {
		c->rep->bad_id = e->id;
		snprintf(c->rep->reason, sizeof(c->rep->reason),
			 "entries %" PRId64 " to %" PRId64 " are missing", c->expect_id, e->id - 1);
		return 1;
	}
	if (strcmp(e->prev_hash, c->prev)) {
		c->rep->bad_id = e->id;
		snprintf(c->rep->reason, sizeof(c->rep->reason),
			 "entry %" PRId64 " does not follow the entry before it", e->id);
		return 1;
	}
	entry_hash(c->db, e, hash);
	if (strcmp(hash, e->hash)) {
		c->rep->bad_id = e->id;
		snprintf(c->rep->reason, sizeof(c->rep->reason),
			 "entry %" PRId64 " was changed after it was written", e->id);
		return 1;
	}
	c->rep->checked++;
	c->expect_id++;
	snprintf(c->prev, sizeof(c->prev), "%s", e->hash);
	return 0;
}

int audit_verify(struct db *db, struct audit_report *rep, struct buf *err)
{
	struct verify_ctx c = { db, rep, 1, "" };
	struct arena a = ARENA_INIT;
	const char *head = NULL;
	int rc;

	memset(rep, 0, sizeof(*rep));
	snprintf(c.prev, sizeof(c.prev), "%s", zero_hash);
	rc = store_audit_walk(db, verify_one, &c, err);
	if (rc != 0)
		goto out;
	snprintf(rep->head, sizeof(rep->head), "%s", c.expect_id > 1 ? c.prev : "");
	rc = store_meta_get(db, "audit_head", &a, &head, err);
	if (rc < 0)
		goto out;
	if (rc == STORE_NOTFOUND) {
		rc = 0;
		if (c.expect_id > 1) {
			rep->bad_id = c.expect_id - 1;
			snprintf(rep->reason, sizeof(rep->reason), "the log's head record is missing");
			rc = 1;
		}
		goto out;
	}
	{
		char want[96];
		snprintf(want, sizeof(want), "%" PRId64 ":%s", c.expect_id - 1, c.prev);
		rc = 0;
		if (strcmp(want, head)) {
			long long hid = atoll(head);
			rep->bad_id = hid > c.expect_id - 1 ? c.expect_id : c.expect_id - 1;
			snprintf(rep->reason, sizeof(rep->reason),
				 "the newest entries after %" PRId64 " were removed (head says %lld)",
				 c.expect_id - 1, hid);
			rc = 1;
		}
	}
out:
	arena_release(&a);
	return rc;
}
