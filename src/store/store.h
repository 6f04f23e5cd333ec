/* store.h - the storage API every module uses; backends implement it (SQLite today). */
#ifndef JINDU_STORE_H
#define JINDU_STORE_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/secret.h"

/*
 * A `struct store` is one database; a `struct db` is one connection checked
 * out of its pool by one thread (one request, one CLI run). Functions that
 * return records allocate their strings and arrays in the arena the caller
 * passes, so the records die with the request.
 *
 * Return values: 0 on success, STORE_NOTFOUND when the record does not
 * exist, -1 on failure with a message in err. Every statement uses bound
 * parameters; no SQL text is ever built from user input.
 *
 * To add a call: declare it here, implement it in every backend
 * (src/store/sqlite-*.c), add its table to a new numbered migration
 * in src/store/sql/, and test it in src/store/store-test.c.
 */
#define STORE_NOTFOUND 1

struct store;
struct db;

/* Opens (creating when create is set) the database, applies migrations,
 * loads the key file. Returns NULL with err. */
struct store *store_open(const char *path, const char *key_path, int create, struct buf *err);
void store_close(struct store *s);
const struct keyring *store_keyring(const struct store *s);
const char *store_path(const struct store *s);

/* Checks a connection out of the pool (blocks while all are in use) / back. */
struct db *store_get(struct store *s);
void store_put(struct db *db);
/* Microseconds this connection spent in SQLite since the last call. */
int64_t db_take_usec(struct db *db);

/* Write transactions: BEGIN IMMEDIATE, so writers serialise up front. */
int db_begin(struct db *db, struct buf *err);
int db_commit(struct db *db, struct buf *err);
void db_rollback(struct db *db);

/* Consistent online copy of the whole database to path (SQLite backup API). */
int store_backup(struct store *s, const char *path, struct buf *err);
/* The schema version applied (number of the last migration). */
int store_schema_version(struct db *db);

/* ---- meta ---- */
int store_meta_get(struct db *db, const char *key, struct arena *a, const char **value,
		   struct buf *err);
int store_meta_set(struct db *db, const char *key, const char *value, struct buf *err);

/* ---- divisions (行政区划) ---- */
struct division {
	const char *code;
	const char *name;
	const char *parent;
	const char *prefix;
	int level; /* 1 province, 2 city, 3 county, 4 township, 5 village */
	int64_t children;
};
/* Loads "code\tname\tparent\tlevel" lines, replacing rows with the same code. */
int store_division_load(struct db *db, const char *tsv, struct buf *err);
int store_division_get(struct db *db, const char *code, struct arena *a, struct division *out,
		       struct buf *err);
/* Children of code, ordered by code; with their own child counts. */
int store_division_children(struct db *db, const char *code, struct arena *a,
			    struct division **out, int *n, struct buf *err);
/* Divisions in the subtree of prefix with level between min and max, by code. */
int store_division_list(struct db *db, const char *prefix, int min_level, int max_level,
			struct arena *a, struct division **out, int *n, struct buf *err);
/* The full name from the province down: "江西省吉安市永丰县恩江镇". */
int store_division_path(struct db *db, const char *code, struct arena *a, char **out,
			struct buf *err);

/* ---- units (单位) ---- */
struct unit {
	int64_t id;
	const char *name;
	const char *kind;
	const char *division;
	const char *division_name;
	const char *phone;
	int64_t users;
};
int store_unit_add(struct db *db, struct unit *u, struct buf *err);
int store_unit_get(struct db *db, int64_t id, struct arena *a, struct unit *out, struct buf *err);
/* Units whose division lies in the subtree of prefix. */
int store_unit_list(struct db *db, const char *prefix, struct arena *a, struct unit **out, int *n,
		    struct buf *err);

/* ---- users, sessions, API tokens ---- */
struct user {
	int64_t id;
	const char *login;
	const char *name;
	const char *role;
	const char *division;
	const char *division_name;
	const char *division_prefix;
	int64_t unit_id;
	const char *unit_name;
	const char *phone;
	const char *password_hash;
	const char *lang;
	const char *totp_secret;
	int totp_enabled;
	int64_t totp_last_step;  /* last TOTP time step accepted: codes work once */
	int disabled;
	int failed_logins;
	int64_t locked_until;
	int64_t created_at;
	int64_t last_login_at;
};
int store_user_add(struct db *db, struct user *u, struct buf *err);
int store_user_by_login(struct db *db, const char *login, struct arena *a, struct user *out,
			struct buf *err);
int store_user_by_id(struct db *db, int64_t id, struct arena *a, struct user *out, struct buf *err);
int store_user_list(struct db *db, const char *prefix, struct arena *a, struct user **out, int *n,
		    struct buf *err);
int store_user_update(struct db *db, const struct user *u, struct buf *err); /* name, role, division, unit, phone */
int store_user_set_password(struct db *db, int64_t id, const char *hash, struct buf *err);
int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct buf *err);
int store_user_set_lang(struct db *db, int64_t id, const char *lang, struct buf *err);
int store_user_set_totp(struct db *db, int64_t id, const char *secret, int enabled, struct buf *err);
/* Records that the TOTP code of time step `step` was used; STORE_NOTFOUND
 * when a code of that step or a later one was used already (a replay). */
int store_user_totp_used(struct db *db, int64_t id, int64_t step, struct buf *err);
/* Records a failed login; locks until lock_until when given (0: no lock). */
int store_user_login_failed(struct db *db, int64_t id, int64_t lock_until, struct buf *err);
int store_user_login_ok(struct db *db, int64_t id, int64_t now, struct buf *err);

struct session {
	const char *token_hash;
	int64_t user_id;
	const char *csrf;
	int64_t created_at;
	int64_t last_seen;
	const char *ip;
	int mfa_done;
};
int store_session_add(struct db *db, const struct session *s, struct buf *err);
int store_session_get(struct db *db, const char *token_hash, struct arena *a, struct session *out,
		      struct buf *err);
int store_session_touch(struct db *db, const char *token_hash, int64_t now, struct buf *err);
int store_session_set_mfa(struct db *db, const char *token_hash, struct buf *err);
int store_session_delete(struct db *db, const char *token_hash, struct buf *err);
int store_session_delete_user(struct db *db, int64_t user_id, struct buf *err);
/* Deletes sessions idle since before idle_before or created before created_before. */
int store_session_purge(struct db *db, int64_t idle_before, int64_t created_before, struct buf *err);

int store_token_add(struct db *db, int64_t user_id, const char *token_hash, const char *label,
		    int64_t now, struct buf *err);
/* The user owning an unrevoked token; marks it used. */
int store_token_user(struct db *db, const char *token_hash, int64_t now, int64_t *user_id,
		     struct buf *err);

/* ---- audit log ---- */
struct audit_entry {
	int64_t id;
	int64_t ts;
	int64_t user_id;
	const char *login;
	const char *ip;
	const char *action;    /* create, update, delete, view, search, login, ... */
	const char *entity;    /* person, user, unit, session, ... */
	const char *entity_id;
	const char *division;  /* the record's division, so auditors can filter by place */
	const char *summary;
	const char *changes;   /* JSON: {"field": [before, after], ...} */
	const char *prev_hash;
	const char *hash;
};
struct audit_filter {
	const char *login;
	const char *action;
	const char *entity;
	const char *entity_id;
	int64_t from_ts, to_ts; /* 0: open */
	int offset, limit;
};
/* The last entry's id and hash ("" and 0 when the log is empty); call inside
 * the write transaction that appends, so the chain cannot fork. */
int store_audit_head(struct db *db, int64_t *id, char hash[65], struct buf *err);
int store_audit_insert(struct db *db, struct audit_entry *e, struct buf *err);
int store_audit_list(struct db *db, const struct audit_filter *f, struct arena *a,
		     struct audit_entry **out, int *n, int64_t *total, struct buf *err);
/* Calls fn for every entry in id order; stops when fn returns non-zero and
 * returns that value. */
int store_audit_walk(struct db *db, int (*fn)(const struct audit_entry *, void *), void *ctx,
		     struct buf *err);

/* ---- persons (吸毒人员档案) ---- */
struct person {
	int64_t id;
	const char *id_number;   /* clear text: only set when opened with the key */
	const char *id_hash;
	const char *id_masked;
	const char *name;
	const char *alias;
	const char *sex;         /* "M" or "F" */
	int birth_date;
	const char *ethnicity;
	const char *phone;
	const char *household_division;
	const char *household_address;
	const char *residence_address;
	const char *division;    /* responsible township or village */
	const char *division_name;
	int registered;          /* 在册 1, 隐性 0 */
	const char *control_status;
	const char *addiction;
	const char *drug_types;  /* comma-separated keys */
	int first_found_date;
	const char *first_found_unit;
	const char *employment;
	const char *special_status;
	const char *note;
	const char *closed_reason;
	int closed_date;
	int64_t created_at, updated_at;
	int64_t version;
};

enum person_sort { PERSON_SORT_FOUND, PERSON_SORT_NAME, PERSON_SORT_BIRTH, PERSON_SORT_DIVISION,
		   PERSON_SORT_STATUS, PERSON_SORT_UPDATED };
struct person_filter {
	const char *prefix;         /* division subtree (required) */
	const char *name;           /* substring of name or alias */
	const char *id_hash;        /* exact ID number */
	const char *control_status;
	const char *addiction;
	int registered;             /* -1 any */
	int found_from, found_to;   /* first-found date range (YYYYMMDD), 0: open */
	int include_closed;         /* 0: open files only (closed_date = 0) */
	enum person_sort sort;
	int desc;
	int offset, limit;
};
/* Seals p->id_number with the store's key and inserts; sets p->id. */
int store_person_add(struct db *db, struct person *p, struct buf *err);
/* Updates every editable field when version matches (optimistic lock):
 * returns STORE_NOTFOUND when the record changed meanwhile. */
int store_person_update(struct db *db, struct person *p, struct buf *err);
/* Fetches and opens the ID number. */
int store_person_get(struct db *db, int64_t id, struct arena *a, struct person *out,
		     struct buf *err);
int store_person_id_by_hash(struct db *db, const char *id_hash, int64_t *id, struct buf *err);
int store_person_list(struct db *db, const struct person_filter *f, struct arena *a,
		      struct person **out, int *n, int64_t *total, struct buf *err);
/* The keyed hash used for exact search of an ID number. */
void store_id_hash(struct store *s, const char *id_number, char out[65]);
struct store *db_store(struct db *db);

/* Aggregates for the home page: counts per child division of prefix's node. */
struct count_row {
	const char *key;
	const char *label;
	int64_t count;
};
int store_person_count_by(struct db *db, const char *prefix, const char *what, struct arena *a,
			  struct count_row **out, int *n, struct buf *err);

#endif
