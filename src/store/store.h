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
#define STORE_CONFLICT 2  /* a row with that key is there already */

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
/* A user's API tokens, newest first (never the token: only its hash is kept). */
struct api_token {
	int64_t id, user_id;
	const char *label;
	int64_t created_at, last_used_at;
	int revoked;
};
int store_tokens_of(struct db *db, int64_t user_id, struct arena *a, struct api_token **out,
		    int *n, struct buf *err);
/* Revokes token id of user_id: 0, STORE_NOTFOUND (not theirs, or revoked already) or -1. */
int store_token_revoke(struct db *db, int64_t id, int64_t user_id, struct buf *err);
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
	/* since migration 0003 */
	const char *name_pinyin;    /* "zhangsan": full pinyin, lower case, no tones */
	const char *name_initials;  /* "zs" */
	const char *residence_division;
	int addiction_date;
	const char *addiction_doc;
	const char *family;         /* family contacts, free text: "母亲 李某 138…" */
	const char *risk_level;     /* "high", "medium", "low" or "" (not assessed) */
	int risk_score;
	const char *risk_detail;    /* JSON breakdown of the score */
	int clean_since;            /* the day the three-years-clean clock started, 0 none */
};

enum person_sort { PERSON_SORT_FOUND, PERSON_SORT_NAME, PERSON_SORT_BIRTH, PERSON_SORT_DIVISION,
		   PERSON_SORT_STATUS, PERSON_SORT_UPDATED };
struct person_filter {
	const char *prefix;         /* division subtree (required) */
	const char *name;           /* search text: part of the name, alias or (2+ characters)
				     * an address, a prefix of the pinyin or initials, ID
				     * tail, phone digits */
	const char *id_hash;        /* exact ID number */
	const char *control_status;
	const char *addiction;
	int registered;             /* -1 any */
	int found_from, found_to;   /* first-found date range (YYYYMMDD), 0: open */
	int include_closed;         /* 0: open files only (closed_date = 0) */
	const char *risk_level;     /* "high", "medium", "low" */
	const char *drug_type;      /* one key of the drug types */
	const char *special;        /* one key of the special statuses */
	const char *measure_kind;   /* has an open measure of this kind */
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
/* Another file with the same name and birth date (a possible duplicate
 * under another ID number): its id, or STORE_NOTFOUND. */
int store_person_similar(struct db *db, const char *name, int birth_date, int64_t *id,
			 struct buf *err);
int store_person_id_by_hash(struct db *db, const char *id_hash, int64_t *id, struct buf *err);
int store_person_list(struct db *db, const struct person_filter *f, struct arena *a,
		      struct person **out, int *n, int64_t *total, struct buf *err);
/* A person's photo (optional), sealed with the store's key at rest. put
 * replaces it; get opens it into out with its type ("image/jpeg" or
 * "image/png", a constant); updated_at tells whether there is one
 * (STORE_NOTFOUND when not). */
int store_photo_put(struct db *db, int64_t person_id, const char *mime, const void *data,
		    size_t len, int64_t user_id, struct buf *err);
int store_photo_get(struct db *db, int64_t person_id, struct buf *out, const char **mime,
		    struct buf *err);
int store_photo_updated(struct db *db, int64_t person_id, int64_t *updated_at, struct buf *err);
int store_photo_delete(struct db *db, int64_t person_id, struct buf *err);

/* The keyed hash used for exact search of an ID number. */
void store_id_hash(struct store *s, const char *id_number, char out[65]);
struct store *db_store(struct db *db);

/* Aggregates for the home page: counts per child division of prefix's node. */
struct count_row {
	const char *key;
	const char *label;
	int64_t count;
	int64_t lost;   /* "division": of count, how many are 脱管失控 (others 0) */
};
int store_person_count_by(struct db *db, const char *prefix, const char *what, struct arena *a,
			  struct count_row **out, int *n, struct buf *err);

/* ---- person control: measures, tests, contacts, absences, flags, assistance ---- */

/* 戒毒措施. kind: voluntary, community, compulsory, rehab, facility;
 * status: decided, active, suspended, ended (see src/domain/measure.h). */
struct measure {
	int64_t id;
	int64_t person_id;
	const char *kind;
	const char *status;
	const char *decision_no;
	int decision_date;
	const char *authority;
	const char *division;      /* execution place: township or village */
	const char *division_name;
	int64_t unit_id;
	int64_t worker_id;         /* responsible worker (user) */
	const char *worker_name;
	int agreement_date;
	int report_deadline;
	int start_date;
	int planned_end;
	int actual_end;
	const char *end_reason;
	int suspended_since;       /* set while suspended */
	int suspended_days;        /* days spent suspended so far: they extend the term */
	int extended_days;
	int64_t previous_id;
	const char *note;
	int64_t created_at, updated_at, version;
	int records_from;          /* imported: jindu's records begin this day (0: from the start) */
};

struct measure_event {
	int64_t id;
	int64_t measure_id;
	const char *kind;          /* decide, report, suspend, resume, extend, early_release, end, transfer... */
	int date;
	const char *doc_no;
	const char *note;
	int64_t user_id;
	int64_t created_at;
};

struct transfer {
	int64_t id;
	int64_t measure_id;
	const char *from_division;
	const char *to_division;
	const char *reason;
	const char *status;        /* requested, accepted, refused */
	int64_t requested_by, requested_at, decided_by, decided_at;
	const char *decision_note;
};

/* 协查: a request from the person's area to another to find or check them. */
struct assist_request {
	int64_t id;
	int64_t person_id;
	int64_t flag_id;           /* the 脱管失控 flag it serves (0: none) */
	int64_t alert_id;          /* the alert of a hit elsewhere it serves (0: none) */
	const char *from_division, *from_name;
	const char *to_division, *to_name;
	const char *reason;
	const char *status;        /* requested, answered */
	int found;
	const char *answer;
	int64_t requested_by, requested_at, answered_by, answered_at;
	const char *person_name, *person_id_masked; /* for the asked area's list */
	const char *answered_name; /* the name of the user who answered, "" */
};

struct drug_test {
	int64_t id;
	int64_t person_id;
	int64_t measure_id;        /* 0 when outside a measure */
	int date;
	const char *method;        /* urine, hair, saliva, blood */
	const char *result;        /* negative, positive, refused, evaded */
	const char *substances;    /* comma-separated drug type keys */
	const char *tester;
	const char *sample_no;
	const char *note;
	int64_t user_id, created_at;
};

struct contact {
	int64_t id;
	int64_t person_id;
	int64_t measure_id;
	const char *kind;          /* visit, talk, report */
	int date;
	const char *outcome;       /* met, not_found, unreachable */
	const char *note;
	int64_t user_id, created_at;
};

struct absence {
	int64_t id;
	int64_t person_id;
	int64_t measure_id;
	int start_date, end_date;  /* end 0: still away */
	int permitted;
	const char *destination;
	const char *note;
	int64_t user_id, created_at;
};

struct control_flag {
	int64_t id;
	int64_t person_id;
	const char *kind;          /* lost, relapse, violation */
	int date;
	const char *reason;
	const char *evidence;
	int resolved_date;
	const char *resolution;
	int64_t user_id, created_at;
};

struct assistance {
	int64_t id;
	int64_t person_id;
	const char *kind;          /* employment, training, counselling, methadone, medical, subsistence */
	int start_date, end_date;
	const char *provider;
	const char *detail;
	int64_t user_id, created_at;
};

/* Measures: add sets m->id; update checks m->version (STORE_NOTFOUND when
 * it changed meanwhile) and bumps it. */
int store_measure_add(struct db *db, struct measure *m, struct buf *err);
int store_measure_update(struct db *db, struct measure *m, struct buf *err);
int store_measure_get(struct db *db, int64_t id, struct arena *a, struct measure *out,
		      struct buf *err);
/* A person's measures, newest decision first. */
int store_measure_list(struct db *db, int64_t person_id, struct arena *a, struct measure **out,
		       int *n, struct buf *err);
int store_measure_event_add(struct db *db, struct measure_event *e, struct buf *err);
/* The events of all of a person's measures, oldest first. */
int store_measure_events(struct db *db, int64_t person_id, struct arena *a,
			 struct measure_event **out, int *n, struct buf *err);

/* Measures not ended (decided, active, suspended) whose execution place is
 * in the subtree of prefix, optionally of one worker (0: all), with the
 * person's name, masked ID, risk level and division: the worklist's rows. */
struct open_measure {
	struct measure m;
	const char *person_name;
	const char *person_id_masked;
	const char *risk_level;
	const char *control_status;
};
/* Open measures in the subtree of prefix whose kept summary (below) is
 * missing or not of the day today: those the worklist must compute. */
int store_measure_stale(struct db *db, const char *prefix, int today, struct arena *a,
			struct open_measure **out, int *n, struct buf *err);
/* How many of them there are, without reading them. */
int store_measure_stale_count(struct db *db, const char *prefix, int today, int64_t *n,
			      struct buf *err);

/*
 * The worklist's summary of one open measure at the day `computed`
 * (sql/0005-worklist.sql): what obligation_schedule() says of it, kept so
 * that a worklist is a query, not a computation. due and state are by
 * obligation kind (report, test, visit, talk).
 */
#define STORE_DUE_KINDS 4
struct measure_due {
	int64_t measure_id, person_id, worker_id;
	const char *division, *person_name;
	int computed, first_due, overdue, due_soon, missed_total, missed_in_row;
	int due[STORE_DUE_KINDS], state[STORE_DUE_KINDS];
};
int store_measure_due_put(struct db *db, const struct measure_due *d, struct buf *err);

/* Which rows of the worklist: with something overdue; overdue or due
 * soon; every open measure. */
enum work_view { WORK_OVERDUE, WORK_WEEK, WORK_ALL };
struct work_counts {
	int64_t overdue;  /* with something overdue */
	int64_t soon;     /* nothing overdue, something due soon */
	int64_t all;
};
/* Counts of the kept summaries of today in the subtree of prefix (of one
 * worker when worker_id is not 0). */
int store_work_counts(struct db *db, const char *prefix, int64_t worker_id, int today,
		      struct work_counts *out, struct buf *err);
struct work_row {
	struct open_measure om;
	struct measure_due due;
};
/* One page of them: most overdue first, then by the nearest due day, the
 * person's name. */
int store_work_page(struct db *db, const char *prefix, int64_t worker_id, int today,
		    enum work_view view, int offset, int limit, struct arena *a,
		    struct work_row **out, int *n, struct buf *err);

/* Transfers of execution place. */
int store_transfer_add(struct db *db, struct transfer *t, struct buf *err);
int store_transfer_get(struct db *db, int64_t id, struct arena *a, struct transfer *out,
		       struct buf *err);
int store_transfer_decide(struct db *db, int64_t id, const char *status, int64_t user_id,
			  const char *note, struct buf *err);
/* Requested transfers into (incoming=1) or out of the subtree of prefix. */
int store_transfer_pending(struct db *db, const char *prefix, int incoming, struct arena *a,
			   struct transfer **out, int *n, struct buf *err);

/* 协查 requests: add sets ->id; answer changes a requested one only
 * (STORE_NOTFOUND otherwise). list: to the subtree of prefix (incoming) or
 * from it, requested ones first then answered in the last `days`, newest
 * first; of_person: every request about one person, newest first. */
int store_assist_add(struct db *db, struct assist_request *q, struct buf *err);
int store_assist_get(struct db *db, int64_t id, struct arena *a, struct assist_request *out,
		     struct buf *err);
int store_assist_answer(struct db *db, int64_t id, int found, const char *answer,
			int64_t user_id, struct buf *err);
int store_assist_list(struct db *db, const char *prefix, int incoming, int days, struct arena *a,
		      struct assist_request **out, int *n, struct buf *err);
int store_assist_of_person(struct db *db, int64_t person_id, struct arena *a,
			   struct assist_request **out, int *n, struct buf *err);
/* The requests an alert made (a hit in another township), oldest first. */
int store_assist_of_alert(struct db *db, int64_t alert_id, struct arena *a,
			  struct assist_request **out, int *n, struct buf *err);

/* ---- 动态管控预警: sources, batches, events of watched persons, alerts ---- */

struct feed_source {
	int64_t id;
	const char *name, *kind, *label;
	int64_t unit_id;
	int disabled;
	int64_t created_at;
};
/* add: STORE_CONFLICT when the name is taken. */
int store_source_add(struct db *db, struct feed_source *src, const char *token_hash,
		     struct buf *err);
int store_source_by_name(struct db *db, const char *name, struct arena *a,
			 struct feed_source *out, struct buf *err);
int store_source_by_token(struct db *db, const char *token_hash, struct arena *a,
			  struct feed_source *out, struct buf *err);
int store_source_list(struct db *db, struct arena *a, struct feed_source **out, int *n,
		      struct buf *err);
/* A source with its owner unit's name and what its batches did in all. */
struct feed_source_row {
	struct feed_source src;
	const char *unit_name;      /* "" when it has no owner unit */
	int64_t batches, read, matched, rejected;
	int64_t last_batch_at;      /* finished_at of its newest batch, 0 when none */
};
/* Every source, by name. */
int store_source_rows(struct db *db, struct arena *a, struct feed_source_row **out, int *n,
		      struct buf *err);
/* The source named name, or STORE_NOTFOUND. */
int store_source_row(struct db *db, const char *name, struct arena *a,
		     struct feed_source_row *out, struct buf *err);
/* 0 or STORE_NOTFOUND. A disabled source's token finds nothing
 * (store_source_by_token); a new token_hash replaces the old one. */
int store_source_set_disabled(struct db *db, int64_t id, int disabled, struct buf *err);
int store_source_set_token(struct db *db, int64_t id, const char *token_hash, struct buf *err);

/* A person on the watchlist: under a measure not ended, or flagged
 * 脱管失控 (open), with a file open and not dead, abroad or clean. */
struct watch_entry {
	int64_t person_id;
	char id_number[19];        /* opened from its seal */
	const char *name, *division, *risk_level;
	const char *measure_kind;  /* the running measure's kind, "" when none */
	int lost;                  /* an open 脱管失控 flag */
	int64_t worker_id;         /* the running measure's responsible worker, 0 */
};
int store_watchlist(struct db *db, struct arena *a, struct watch_entry **out, int *n,
		    struct buf *err);
/* Whether one person is on it (the same rule), for their page. */
int store_watched(struct db *db, int64_t person_id, struct arena *a, struct watch_entry *out,
		  struct buf *err);

struct feed_batch {
	int64_t id, source_id;
	const char *digest, *name;
	int64_t read, matched, unmatched, duplicates, rejected, alerts;
	int64_t user_id, started_at, finished_at;
};
/* The batch of source with that digest, or STORE_NOTFOUND. */
int store_batch_find(struct db *db, int64_t source_id, const char *digest, struct arena *a,
		     struct feed_batch *out, struct buf *err);
int store_batch_add(struct db *db, struct feed_batch *b, struct buf *err);
/* Writes b's counts (read ... alerts) to its row. */
int store_batch_counts(struct db *db, const struct feed_batch *b, struct buf *err);
/* A batch with who delivered it: the login of its audit entry ("cli",
 * "feed:NAME" for the source's own token, a user's login). */
struct feed_batch_row {
	struct feed_batch b;
	const char *who;
};
/* One page of a source's batches, newest first; total counts them all. */
int store_batch_list(struct db *db, int64_t source_id, int limit, int offset, struct arena *a,
		     struct feed_batch_row **out, int *n, int64_t *total, struct buf *err);

struct feed_event {
	int64_t id, source_id, batch_id, person_id;
	const char *event_id;
	int64_t time;
	const char *place, *division, *details;
	const char *source_label, *source_kind; /* read back only */
};
/* add: STORE_CONFLICT when the source already delivered that event id. */
int store_feed_event_add(struct db *db, struct feed_event *e, struct buf *err);
/* A person's events, newest first (their trajectory). */
int store_feed_events_of(struct db *db, int64_t person_id, int limit, struct arena *a,
			 struct feed_event **out, int *n, struct buf *err);

struct alert {
	int64_t id, event_id, person_id;
	const char *division;
	int64_t worker_id;
	int priority;
	const char *reason, *status;
	int64_t sign_due, feedback_due;
	int64_t signed_by, signed_at, handled_by, handled_at;
	const char *feedback, *feedback_note;
	int64_t closed_by, closed_at, escalated_at, created_at;
};
int store_alert_add(struct db *db, struct alert *al, struct buf *err);
/* Writes the alert's times (created, deadlines, signed, handled, closed,
 * escalated) as al has them: the demo county's alerts, made in one run,
 * are spread over the weeks their events were. */
int store_alert_times(struct db *db, const struct alert *al, struct buf *err);

/* An alert with what a list shows of its event and person, and of the
 * 协查 it asked for (a hit in another township). */
struct alert_row {
	struct alert al;
	const char *person_name, *person_id_masked;
	const char *source_label, *place, *event_division, *details;
	int64_t event_time;
	int64_t assists, assists_answered;
};
/* Which alerts: every condition set must hold. The deadline rules are
 * those of src/domain/alert-stats.h and feed.h. */
struct alert_filter {
	const char *prefix;   /* the area (required): the user's, or narrower */
	const char *status;   /* "" any, or new, signed, handled, closed */
	int priority;         /* 0 any */
	int overdue;          /* 1: only those past a deadline at now, still open */
	int64_t person_id;    /* 0 any */
	int64_t source_id;    /* 0 any: the source of its event */
	int64_t created_from, created_to; /* created in [from, to); 0: open */
	int late;             /* 1: only those that missed a deadline (超期) */
	int signed_on_time;   /* 1: only those signed by sign_due */
	int answered_on_time; /* 1: only those answered by feedback_due */
	int64_t now;
	int offset, limit;
};
int store_alert_list(struct db *db, const struct alert_filter *f, struct arena *a,
		     struct alert_row **out, int *n, int64_t *total, struct buf *err);
int store_alert_get(struct db *db, int64_t id, struct arena *a, struct alert_row *out,
		    struct buf *err);
/* Moves an alert from status `from` to `to` with who and when (and the
 * feedback for handled): STORE_NOTFOUND when it is not in `from`. */
int store_alert_step(struct db *db, int64_t id, const char *from, const char *to,
		     int64_t user_id, int64_t at, const char *feedback, const char *note,
		     struct buf *err);
/* Counts in the area at now: by status, and overdue (not signed after
 * sign_due, or not handled after feedback_due). */
struct alert_counts {
	int64_t fresh, signed_, handled, closed, overdue;
};
int store_alert_counts(struct db *db, const char *prefix, int64_t now, struct alert_counts *out,
		       struct buf *err);
/*
 * 预警统计: the alerts of the subtree of prefix created in [start, end),
 * counted per group at now (the rules are in src/domain/alert-stats.h),
 * ordered by key: per township (the first 9 digits of the alert's
 * division; the division's first strlen(prefix) digits when prefix is
 * narrower than a township) or per source (its name).
 */
struct alert_tally {
	const char *key, *label;  /* township code or source name; its name */
	int64_t total;
	int64_t fresh, signed_, handled, closed; /* by status now */
	int64_t overdue;          /* past a deadline now, still open */
	int64_t signed_on_time, answered_on_time;
	int64_t late;             /* missed a deadline: open past it, or done after it */
};
enum alert_group { ALERT_BY_DIVISION, ALERT_BY_SOURCE };
int store_alert_tally(struct db *db, const char *prefix, int64_t start, int64_t end, int64_t now,
		      enum alert_group by, struct arena *a, struct alert_tally **out, int *n,
		      struct buf *err);
/* Marks escalated every overdue alert not marked yet: how many (ids out). */
int store_alert_escalate(struct db *db, int64_t now, struct arena *a, int64_t **ids, int *n,
			 struct buf *err);
/* Whether any alert is to be escalated at now: 1, 0, or -1 (err). */
int store_alert_escalation_due(struct db *db, int64_t now, struct buf *err);

/* Tests, contacts, absences, flags, assistance: add sets ->id; the per-person
 * lists are newest first. */
int store_test_add(struct db *db, struct drug_test *t, struct buf *err);
int store_tests(struct db *db, int64_t person_id, struct arena *a, struct drug_test **out, int *n,
		struct buf *err);
int store_contact_add(struct db *db, struct contact *c, struct buf *err);
int store_contacts(struct db *db, int64_t person_id, struct arena *a, struct contact **out, int *n,
		   struct buf *err);
int store_absence_add(struct db *db, struct absence *ab, struct buf *err);
int store_absence_end(struct db *db, int64_t id, int end_date, struct buf *err);
int store_absences(struct db *db, int64_t person_id, struct arena *a, struct absence **out, int *n,
		   struct buf *err);
int store_flag_add(struct db *db, struct control_flag *f, struct buf *err);
int store_flag_get(struct db *db, int64_t id, struct arena *a, struct control_flag *out,
		   struct buf *err);
int store_flag_resolve(struct db *db, int64_t id, int date, const char *resolution,
		       struct buf *err);
int store_flags(struct db *db, int64_t person_id, struct arena *a, struct control_flag **out,
		int *n, struct buf *err);
int store_assistance_add(struct db *db, struct assistance *as, struct buf *err);
int store_assistances(struct db *db, int64_t person_id, struct arena *a, struct assistance **out,
		      int *n, struct buf *err);

/* 美沙酮维持治疗: one month of dosing (sql/0009-methadone.sql; the rules are
 * in src/domain/methadone.h). */
struct methadone_month {
	int64_t id;
	int64_t person_id;
	int month;                 /* YYYYMM */
	const char *clinic;
	int days_due;              /* days the person should have dosed */
	int days_taken;            /* days dosed */
	int dose_tenths;           /* average daily dose, tenths of a mg: 555 = 55.5 mg */
	const char *source;        /* "entered" or "imported" */
	int64_t user_id, created_at, updated_at;
};
/* The person's month (STORE_NOTFOUND when not recorded). */
int store_methadone_get(struct db *db, int64_t person_id, int month, struct arena *a,
			struct methadone_month *out, struct buf *err);
/* Inserts the month, or replaces the values of the one already recorded
 * for (person_id, month); sets m->id and the times. */
int store_methadone_put(struct db *db, struct methadone_month *m, struct buf *err);
/* A person's months, newest first. */
int store_methadone_list(struct db *db, int64_t person_id, struct arena *a,
			 struct methadone_month **out, int *n, struct buf *err);

/* For bulletins: the open files of the subtree of prefix, months from..to
 * (YYYYMM, inclusive). */
struct methadone_counts {
	int64_t enrolled;   /* with a methadone enrolment during some of those months */
	int64_t recorded;   /* with at least one month recorded in the range */
	int64_t months;     /* months recorded */
	int64_t days_due, days_taken;  /* summed over those months */
};
int store_methadone_counts(struct db *db, const char *prefix, int from_month, int to_month,
			   struct methadone_counts *out, struct buf *err);

/* Activities of the persons of store_measure_stale() (an open measure in
 * the subtree of prefix not summarised for today), since their oldest open
 * measure there was decided, for computing obligations in bulk:
 * (person_id, kind, date) ordered by person then date; kind is "test" (counted results only), "visit", "talk" or
 * "report", only contacts with outcome "met". */
struct activity_row {
	int64_t person_id;
	const char *kind;
	int date;
};
int store_activities_stale(struct db *db, const char *prefix, int today, struct arena *a,
			   struct activity_row **out, int *n, struct buf *err);

/* Ids of persons whose derived facts can change with time alone: those
 * with a measure not ended or an open flag. Ascending. */
int store_person_ids_under_control(struct db *db, struct arena *a, int64_t **out, int *n,
				   struct buf *err);

/* Derived facts kept on the person for lists and filters. */
int store_person_set_control(struct db *db, int64_t id, const char *control_status,
			     struct buf *err);
int store_person_set_risk(struct db *db, int64_t id, const char *level, int score,
			  const char *detail, struct buf *err);
/* The three-years-clean clock: the day it started and the day the clean
 * period is complete (0 and 0 when it does not run). */
int store_person_set_clean(struct db *db, int64_t id, int clean_since, int clean_done,
			   struct buf *err);

/* Policy: the newest stored version (STORE_NOTFOUND when none: use the
 * built-in defaults) and adding a new one (version = newest + 1). */
int store_policy_latest(struct db *db, struct arena *a, int *version, const char **json,
			struct buf *err);
int store_policy_add(struct db *db, const char *json, const char *note, int64_t user_id,
		     int *version, struct buf *err);

/* ---- 毒品案件: cases, steps, seizures, destructions, suspects, assets
 * (sql/0013-cases.sql; the rules are in src/domain/case.h, drug.h) ---- */

struct drug_case {
	int64_t id;
	const char *number;        /* unique */
	const char *name;          /* 案件名称 */
	const char *type;          /* a key of the policy's case types */
	const char *source;        /* lead source: report, checkpoint, ... */
	const char *status;        /* accepted, filed, ..., judged, withdrawn */
	const char *division;      /* the jurisdiction the case belongs to */
	const char *division_name;
	int64_t unit_id;           /* 办案单位, 0: none */
	const char *unit_name;
	const char *officers;      /* 办案民警, free text */
	const char *place;         /* 案发地点 */
	int occurred_date;         /* 案发日期, 0: not known */
	int accepted_date;         /* 受理 */
	int status_date;           /* the day of the current step */
	const char *description;
	int early, target, online, small_packets; /* flags, 0 or 1 */
	int64_t created_by, created_at, updated_at, version;
};

struct case_step {
	int64_t id, case_id;
	const char *status;
	int date;
	const char *doc_no, *note;
	int64_t user_id, created_at;
	const char *user_name;     /* read back: who recorded it, "" */
};

struct seizure {
	int64_t id, case_id;
	const char *drug;          /* a key of the policy's catalogue */
	int64_t weight_ug;         /* micrograms, exact */
	int purity;                /* tenths of a percent; -1 not known */
	int packets;               /* 零包 */
	const char *place;
	int date;
	const char *note;
	int64_t destruction_id;    /* 0 while not destroyed */
	int64_t user_id, created_at;
};

struct destruction {
	int64_t id;
	const char *division;
	int date;
	const char *place, *witnesses, *note;
	int64_t user_id, created_at;
};

struct case_suspect {
	int64_t id, case_id, person_id;
	const char *role;          /* principal, accomplice, ... */
	int caught_date;
	const char *caught_place;
	const char *caught_division; /* where caught, "" not known */
	const char *home_division;   /* 户籍地 township, "" not known */
	int outflow;               /* 外流贩毒 */
	const char *note;
	int64_t user_id, created_at;
	/* read back from the person and divisions */
	const char *person_name, *person_id_masked, *person_division;
	int person_registered;
	const char *caught_name, *home_name;
};

struct suspect_measure {
	int64_t id, suspect_id;
	const char *kind;          /* detention, arrest, bail, surveillance, prosecution, judgment */
	int date;
	const char *doc_no;
	const char *sentence;      /* judgment: the sentence */
	const char *note;
	int64_t user_id, created_at;
};

struct case_asset {
	int64_t id, case_id;
	const char *category;      /* drug_money 毒资, asset 涉毒资产 */
	const char *kind;          /* cash, deposit, vehicle, ... */
	const char *description;
	int64_t amount_fen;
	int date;
	const char *note;
	int64_t user_id, created_at;
};

/* Which cases: every condition set must hold. */
struct case_filter {
	const char *prefix;        /* the area (required) */
	const char *status;        /* "" any */
	const char *type;          /* "" any */
	int year;                  /* accepted in that year, 0 any */
	int64_t unit_id;           /* 0 any */
	int early, target, online, small_packets; /* 1: only cases with the flag */
	const char *q;             /* part of the number or the name, "" any */
	int offset, limit;
};

/* add: STORE_CONFLICT when the number is taken; sets id, version.
 * update: every field but id, created_*, with the version the user saw
 * (STORE_NOTFOUND when it changed meanwhile); bumps version. */
int store_case_add(struct db *db, struct drug_case *c, struct buf *err);
int store_case_update(struct db *db, struct drug_case *c, struct buf *err);
int store_case_get(struct db *db, int64_t id, struct arena *a, struct drug_case *out,
		   struct buf *err);
/* The case of that number, or STORE_NOTFOUND. */
int store_case_id_by_number(struct db *db, const char *number, int64_t *id, struct buf *err);
/* One page, newest accepted first; total counts them all. */
int store_case_list(struct db *db, const struct case_filter *f, struct arena *a,
		    struct drug_case **out, int *n, int64_t *total, struct buf *err);

/* The drugs seized in the cases f selects (keys, sorted; f's page ignored). */
int store_case_drugs(struct db *db, const struct case_filter *f, struct arena *a,
		     const char ***out, int *n, struct buf *err);

/* Steps, oldest first. */
int store_case_step_add(struct db *db, struct case_step *s, struct buf *err);
int store_case_steps(struct db *db, int64_t case_id, struct arena *a, struct case_step **out,
		     int *n, struct buf *err);

/* Seizures of a case, by date. totals: per drug, the weights and packets
 * added up, by drug key (src/domain/drug.h grades a case by them). */
struct seizure_total {
	const char *drug;
	int64_t weight_ug, packets;
	int seizures;
};
int store_seizure_add(struct db *db, struct seizure *s, struct buf *err);
int store_seizures(struct db *db, int64_t case_id, struct arena *a, struct seizure **out, int *n,
		   struct buf *err);
int store_seizure_totals(struct db *db, int64_t case_id, struct arena *a,
			 struct seizure_total **out, int *n, struct buf *err);

/* A destruction, and the seizures it destroyed: destroy marks seizure id of
 * case_id (STORE_NOTFOUND when it is not that case's or destroyed already). */
int store_destruction_add(struct db *db, struct destruction *d, struct buf *err);
int store_seizure_destroy(struct db *db, int64_t seizure_id, int64_t case_id,
			  int64_t destruction_id, struct buf *err);
/* The destructions of a case's seizures, by date. */
int store_case_destructions(struct db *db, int64_t case_id, struct arena *a,
			    struct destruction **out, int *n, struct buf *err);

/* Suspects: add is STORE_CONFLICT when the person is a suspect of the case
 * already. list: a case's, in the order added, with the person's name,
 * masked ID number, division and registration. */
int store_suspect_add(struct db *db, struct case_suspect *s, struct buf *err);
int store_suspect_get(struct db *db, int64_t id, struct arena *a, struct case_suspect *out,
		      struct buf *err);
int store_suspects(struct db *db, int64_t case_id, struct arena *a, struct case_suspect **out,
		   int *n, struct buf *err);
/* Measures: add is STORE_CONFLICT when the suspect has one of that kind.
 * of_case: every measure of the case's suspects, by suspect then date. */
int store_suspect_measure_add(struct db *db, struct suspect_measure *m, struct buf *err);
int store_suspect_measures(struct db *db, int64_t suspect_id, struct arena *a,
			   struct suspect_measure **out, int *n, struct buf *err);
int store_case_suspect_measures(struct db *db, int64_t case_id, struct arena *a,
				struct suspect_measure **out, int *n, struct buf *err);

/* The cases of the subtree of prefix in which person_id is a suspect,
 * newest accepted first (for the person's page). */
struct person_case {
	int64_t case_id;
	const char *number, *name, *status, *role;
	int accepted_date;
};
int store_person_cases(struct db *db, int64_t person_id, const char *prefix, struct arena *a,
		       struct person_case **out, int *n, struct buf *err);

/* Assets of a case, by date. */
int store_asset_add(struct db *db, struct case_asset *as, struct buf *err);
int store_assets(struct db *db, int64_t case_id, struct arena *a, struct case_asset **out, int *n,
		 struct buf *err);
/* ---- networks (打团伙、摧网络): entities and links (sql/0014-network.sql; the rules
 * and the graph queries are in src/domain/network.h) ---- */

/* A person, phone, vehicle, address, bank account or online account. */
struct net_entity {
	int64_t id;
	const char *kind;          /* person, phone, vehicle, address, bank_account, online_account */
	const char *value;         /* as shown: the number, the plate, a person's name */
	const char *norm;          /* as matched; a person's: the keyed hash of the ID number */
	int64_t person_id;         /* a person's file, 0 when none is known */
	const char *id_masked;     /* persons: the ID number masked; others "" */
	const char *division;      /* where it was first recorded */
	const char *note;
	int64_t created_by, created_at;
	/* read back only */
	const char *division_name;
	const char *person_division; /* the file's responsible division, "" when no file */
};
/* add sets ->id and ->created_at; STORE_CONFLICT when an entity of that
 * kind and norm is on record already. */
int store_net_entity_add(struct db *db, struct net_entity *e, struct buf *err);
int store_net_entity_get(struct db *db, int64_t id, struct arena *a, struct net_entity *out,
			 struct buf *err);
int store_net_entity_find(struct db *db, const char *kind, const char *norm, struct arena *a,
			  struct net_entity *out, struct buf *err);
/* The person entity naming file person_id (the lowest id), or STORE_NOTFOUND. */
int store_net_entity_of_person(struct db *db, int64_t person_id, struct arena *a,
			       struct net_entity *out, struct buf *err);
/* Names the file of a person entity that has none. */
int store_net_entity_set_person(struct db *db, int64_t id, int64_t person_id, struct buf *err);
/* Whether the entity is seen from the subtree of prefix: recorded there, or
 * touched by a link recorded there (1 or 0 in *seen). */
int store_net_entity_seen(struct db *db, int64_t id, const char *prefix, int *seen,
			  struct buf *err);
/* The entities seen from the subtree of prefix whose value holds text, or
 * whose norm holds norm (NULL: none), or the person whose ID number hashes
 * to id_hash (NULL: none); by kind, then value; at most limit. */
int store_net_search(struct db *db, const char *prefix, const char *text, const char *norm,
		     const char *id_hash, int limit, struct arena *a, struct net_entity **out,
		     int *n, struct buf *err);

/* A spreadsheet of links imported at once. */
struct net_batch {
	int64_t id;
	const char *file;
	int64_t rows, links, entities;
	const char *division;
	int64_t user_id, created_at;
};
/* add sets ->id; counts writes rows, links and entities to its row. */
int store_net_batch_add(struct db *db, struct net_batch *b, struct buf *err);
int store_net_batch_counts(struct db *db, const struct net_batch *b, struct buf *err);

/* A dated, typed link from one entity to another. */
struct net_link {
	int64_t id, from_id, to_id;
	const char *kind;          /* call, transfer, cohabit, same_vehicle, parcel, same_case,
				    * together, holds, lives */
	int date_from, date_to;    /* YYYYMMDD; 0 when not known; date_to = date_from: one day */
	const char *source;        /* entered, case, import */
	int64_t batch_id;          /* import: its batch; else 0 */
	int64_t case_id;           /* a row of the cases table, 0 when none */
	const char *case_no;       /* the case number as written, "" */
	const char *division;      /* where it was recorded */
	const char *note;
	int64_t created_by, created_at;
	const char *division_name; /* read back only */
};
/* add sets ->id and ->created_at. */
int store_net_link_add(struct db *db, struct net_link *l, struct buf *err);
int store_net_link_get(struct db *db, int64_t id, struct arena *a, struct net_link *out,
		       struct buf *err);
/* The id of a link like l (the same ends in the same order, kind, days and
 * case number) on record already, or STORE_NOTFOUND. */
int store_net_link_same(struct db *db, const struct net_link *l, int64_t *id, struct buf *err);

/* The graph of an area, as the graph queries take it: every link recorded
 * in the subtree of prefix as an edge, and every entity seen from there
 * as a node; both in ascending id order. */
struct net_edge {
	int64_t id, from_id, to_id;
	int64_t case_id;
	const char *case_no;
};
int store_net_graph(struct db *db, const char *prefix, struct arena *a, struct net_entity **nodes,
		    int *nnodes, struct net_edge **edges, int *nedges, struct buf *err);

/* ---- indicators (src/domain/indicator.h; sql/0015-indicators.sql) ---- */

/*
 * What an indicator counts over: the days [from, to] of a period (to is a
 * month's last day: figures counted at the period's end are counted on
 * it), the same as instants [start, end) in China time for records that
 * carry instants (alerts).
 */
struct count_period {
	int from, to;
	int64_t start, end;
};

/*
 * The counts the store knows, each with a grouped query (per township)
 * and the list of the records that make it. The rules are written out in
 * src/domain/indicator.c and docs/indicators.md; SC_IN_CONTROL and
 * SC_CR_EXECUTING have a list only (their figures are sums of others).
 * To add one: a value here, its queries in the table of
 * src/store/sqlite-indicator.c, an entry in the indicator catalogue.
 */
enum store_count {
	SC_REGISTERED, SC_NEW_FOUND, SC_IN_CONTROL, SC_LOST, SC_CLEAN3Y, SC_RELAPSES,
	SC_MEASURE_VOLUNTARY, SC_MEASURE_COMMUNITY, SC_MEASURE_COMPULSORY, SC_MEASURE_REHAB,
	SC_MEASURE_FACILITY,
	SC_COMMUNITY_EXECUTING, SC_REHAB_EXECUTING, SC_CR_EXECUTING,
	SC_COMMUNITY_REPORT_DUE, SC_COMMUNITY_REPORTED, SC_REHAB_REPORT_DUE, SC_REHAB_REPORTED,
	SC_TESTS_DUE, SC_TESTS_DONE,
	SC_EMPLOYED, SC_EMPLOYMENT_NEW, SC_HELP_NEW, SC_METHADONE,
	SC_ALERTS, SC_ALERTS_SIGNED, SC_ALERTS_ANSWERED,
	SC_COUNT
};

/* A count in one township: key is the first 9 digits of the records'
 * division, or the area's own code when the area is narrower. */
struct town_count {
	const char *key;
	int64_t n;
};
/* Count c of the area prefix over p, one row per township that has
 * something, by key: one grouped query. -1 with err for the counts
 * without a query of their own. */
int store_count_by_town(struct db *db, enum store_count c, const char *prefix,
			const struct count_period *p, struct arena *a, struct town_count **out,
			int *n, struct buf *err);

/* A record behind a count: a file, measure, flag, test period, help record
 * or alert (id; the measure for a test period), with its person, its
 * division (a file's area, a measure's place of execution, an alert's
 * area) and what the list shows of it: two dates (YYYYMMDD, or Unix
 * instants for alerts; 0 for none), a detail (a coded value or a text) and
 * a number, as the indicator's columns say. */
struct count_record {
	int64_t id, person_id;
	const char *name, *id_masked;
	const char *division, *division_name;
	int64_t date1, date2;
	const char *detail;
	int64_t number;
};
/* One page of the records behind count c in the area prefix (the user's
 * area or a township of it) over p, newest first; *total is how many there
 * are in all, which is the count. */
int store_count_records(struct db *db, enum store_count c, const char *prefix,
			const struct count_period *p, int offset, int limit, struct arena *a,
			struct count_record **out, int *n, int64_t *total, struct buf *err);

/* The test periods of a measure kept for the indicators (what
 * obligation_schedule says of it), by period_start. */
struct test_period {
	int64_t measure_id;
	int period_start, due, done_date;
	int64_t person_id;
	const char *division;
};
int store_test_periods(struct db *db, int64_t measure_id, struct arena *a,
		       struct test_period **out, int *n, struct buf *err);
/* Inserts the period, or replaces due, done_date and division of the one
 * kept with the same start; delete removes one. */
int store_test_period_put(struct db *db, const struct test_period *t, struct buf *err);
int store_test_period_delete(struct db *db, int64_t measure_id, int period_start,
			     struct buf *err);
/* Until which day a measure's kept periods hold (0: to be computed). */
int store_test_kept_set(struct db *db, int64_t measure_id, int valid_until, struct buf *err);
/* Persons after the id `after` with a measure executed in the subtree of
 * prefix ("" for all) whose kept periods do not hold at today, ascending,
 * at most limit; and of one person, those measures. */
int store_test_stale_persons(struct db *db, const char *prefix, int today, int64_t after,
			     int limit, struct arena *a, int64_t **out, int *n, struct buf *err);
int store_test_stale_measures(struct db *db, int64_t person_id, int today, struct arena *a,
			      int64_t **out, int *n, struct buf *err);
/* Files whose clean clock runs (clean_since) and whose clean_done is not
 * computed yet, at most limit: (id, clean_since) pairs. */
struct clean_pending {
	int64_t id;
	int clean_since;
};
int store_clean_pending(struct db *db, int limit, struct arena *a, struct clean_pending **out,
			int *n, struct buf *err);
/* Sets clean_done of one file; reset: every clean_done to 0 (the policy's
 * clean years changed: they are computed again). */
int store_clean_done_set(struct db *db, int64_t id, int clean_done, struct buf *err);
int store_clean_done_reset(struct db *db, struct buf *err);
/* A person's risk level ("" when not assessed), without opening the file. */
int store_person_risk(struct db *db, int64_t id, struct arena *a, const char **risk,
		      struct buf *err);

#endif
