/* feed.c - 动态管控预警: the watchlist in memory, checking events, one batch in one transaction. */
#include "domain/feed.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/control.h"
#include "domain/measure.h"
#include "domain/policy.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

/* ---- the watchlist ---- */

const char *feed_watch_reason(const struct watch_entry *w, struct arena *a)
{
	const char *kind = *w->measure_kind ? choice_label(measure_kinds, w->measure_kind) : "";
	if (*kind && w->lost)
		return arena_printf(a, "%s执行中；脱管失控", kind);
	if (*kind)
		return arena_printf(a, "%s执行中", kind);
	return "脱管失控";
}

struct watchlist {
	struct arena a;
	struct watch_entry *e;
	int n;
	/* a table of open addressing small enough to stay in the cache: the
	 * ID number as one number (id_key), 0 for an empty slot, and which
	 * entry it is */
	uint64_t *key;
	int *at;
	unsigned shift;
	size_t mask;
	/* one bit per ID number in a bitmap a sixth of the table's size: most
	 * numbers looked up are nobody's on the list, and are known so from
	 * the bitmap alone, without a miss of the cache */
	uint64_t *bits;
	/* kept between batches (feed_watchlist_get) */
	const struct store *owner;
	int64_t version;        /* the database's watch_version it was loaded at */
	int refs;               /* holders: batches reading it, and the cache */
	int64_t used_at;
};

/* An ID number (17 digits and a check character, normalised) as one
 * number, never 0. */
static uint64_t id_key(const char *id18)
{
	uint64_t k = 0;
	int i;
	for (i = 0; i < 17; i++)
		k = k * 10 + (uint64_t)(id18[i] - '0');
	return k * 11 + (id18[17] == 'X' ? 10 : (uint64_t)(id18[17] - '0')) + 1;
}

static size_t slot_of(const struct watchlist *wl, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> wl->shift);
}

#define BITMAP_BITS 21 /* 256 KiB: up to about 100,000 watched, one in twenty looked up passes */
static size_t bit_of(uint64_t key)
{
	return (size_t)((key * 0xC2B2AE3D27D4EB4FULL) >> (64 - BITMAP_BITS));
}

struct watchlist *feed_watchlist_load(struct db *db, struct buf *err)
{
	struct watchlist *wl = xcalloc(1, sizeof(*wl));
	size_t size = 1024;
	unsigned bits = 10;
	int i;

	wl->a = (struct arena)ARENA_INIT;
	if (store_watchlist(db, &wl->a, &wl->e, &wl->n, err) < 0) {
		feed_watchlist_free(wl);
		return NULL;
	}
	while (size < (size_t)wl->n * 2) {
		size <<= 1;
		bits++;
	}
	wl->key = xcalloc(size, sizeof(*wl->key));
	wl->at = xcalloc(size, sizeof(*wl->at));
	wl->bits = xcalloc((size_t)1 << (BITMAP_BITS - 6), sizeof(*wl->bits));
	wl->mask = size - 1;
	wl->shift = 64 - bits;
	for (i = 0; i < wl->n; i++) {
		uint64_t k = id_key(wl->e[i].id_number);
		size_t h = slot_of(wl, k), bit = bit_of(k);
		wl->bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
		while (wl->key[h] && wl->key[h] != k)
			h = (h + 1) & wl->mask;
		wl->key[h] = k; /* one entry per ID number: the first (lowest person id) */
		if (!wl->at[h])
			wl->at[h] = i + 1;
	}
	return wl;
}

const struct watch_entry *feed_watchlist_find(const struct watchlist *wl, const char *id18)
{
	uint64_t k = id_key(id18);
	size_t h, bit = bit_of(k);
	if (!(wl->bits[bit >> 6] >> (bit & 63) & 1))
		return NULL;
	for (h = slot_of(wl, k); wl->key[h]; h = (h + 1) & wl->mask)
		if (wl->key[h] == k)
			return &wl->e[wl->at[h] - 1];
	return NULL;
}

int feed_watchlist_size(const struct watchlist *wl)
{
	return wl->n;
}

const struct watch_entry *feed_watchlist_at(const struct watchlist *wl, int i)
{
	return i >= 0 && i < wl->n ? &wl->e[i] : NULL;
}

void feed_watchlist_free(struct watchlist *wl)
{
	if (!wl)
		return;
	/* the opened ID numbers leave no copy behind */
	for (int i = 0; wl->e && i < wl->n; i++)
		explicit_bzero(wl->e[i].id_number, sizeof(wl->e[i].id_number));
	if (wl->key)
		explicit_bzero(wl->key, (wl->mask + 1) * sizeof(*wl->key));
	free(wl->key);
	free(wl->at);
	if (wl->bits)
		explicit_bzero(wl->bits, ((size_t)1 << (BITMAP_BITS - 6)) * sizeof(*wl->bits));
	free(wl->bits);
	arena_release(&wl->a);
	free(wl);
}

/*
 * The watchlist kept between batches: a server matches batch after batch
 * against the same list, and loading it (reading and opening every watched
 * person's ID number) would cost each batch far more than the matching.
 * It is used again while the database's watch_version (moved by triggers
 * on everything the list is made of) is the one it was loaded at, and let
 * go when unused for WATCHLIST_IDLE seconds (feed_watchlist_expire), so
 * that the opened ID numbers do not stay in memory for nothing.
 */
#define WATCHLIST_IDLE 600
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct watchlist *cached;

static int64_t watch_version(struct db *db, struct buf *err)
{
	struct arena a = ARENA_INIT;
	const char *v = NULL;
	int64_t n;
	int rc = store_meta_get(db, "watch_version", &a, &v, err);
	n = rc == 0 ? strtoll(v, NULL, 10) : rc == STORE_NOTFOUND ? 0 : -1;
	arena_release(&a);
	return n;
}

/* Drops one hold on wl; the last frees it. Called with cache_lock held. */
static void release_locked(struct watchlist *wl)
{
	if (wl && --wl->refs == 0)
		feed_watchlist_free(wl);
}

struct watchlist *feed_watchlist_get(struct db *db, struct buf *err)
{
	const struct store *owner = db_store(db);
	int64_t v = watch_version(db, err); /* before loading: a change after it is seen next time */
	struct watchlist *wl;

	if (v < 0)
		return NULL;
	pthread_mutex_lock(&cache_lock);
	wl = cached;
	if (wl && wl->owner == owner && wl->version == v) {
		wl->refs++;
		wl->used_at = now_unix();
		pthread_mutex_unlock(&cache_lock);
		return wl;
	}
	pthread_mutex_unlock(&cache_lock);
	wl = feed_watchlist_load(db, err);
	if (!wl)
		return NULL;
	wl->owner = owner;
	wl->version = v;
	wl->refs = 2; /* the caller's and the cache's */
	wl->used_at = now_unix();
	pthread_mutex_lock(&cache_lock);
	release_locked(cached);
	cached = wl;
	pthread_mutex_unlock(&cache_lock);
	return wl;
}

void feed_watchlist_put(struct watchlist *wl)
{
	pthread_mutex_lock(&cache_lock);
	release_locked(wl);
	pthread_mutex_unlock(&cache_lock);
}

void feed_watchlist_expire(int64_t now)
{
	pthread_mutex_lock(&cache_lock);
	if (cached && now - cached->used_at >= WATCHLIST_IDLE) {
		release_locked(cached);
		cached = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
}

/* ---- times ---- */

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int64_t feed_parse_time(const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 8 * 3600, oh, om;
	int64_t days;

	if (strlen(s) < 16 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
		return -1;
	s += 16;
	if (*s == ':') {
		if (digits(s + 1, 2, &sec))
			return -1;
		s += 3;
		if (*s == '.') /* fractions of a second */
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
	}
	if (*s == 'Z') {
		off = 0;
		s++;
	} else if (*s == '+' || *s == '-') {
		if (digits(s + 1, 2, &oh) || s[3] != ':' || digits(s + 4, 2, &om) || oh > 14 ||
		    om > 59)
			return -1;
		off = (oh * 3600 + om * 60) * (*s == '-' ? -1 : 1);
		s += 6;
	}
	if (*s || !date_valid(y, mo, d) || y < 1990 || h > 23 || mi > 59 || sec > 60)
		return -1;
	days = ymd_diff_days(y * 10000 + mo * 100 + d, 19700101);
	return days * 86400 + h * 3600 + mi * 60 + sec - off;
}

/* ---- ingesting a batch ---- */

void feed_report_release(struct feed_report *rep)
{
	arena_release(&rep->a);
	rep->rejects = NULL;
	rep->nrejects = 0;
}

/* An event of a watched person, kept until the batch is written. */
struct hit {
	const struct watch_entry *w;
	const char *event_id, *place, *division, *details;
	int64_t time;
};

/* FNV-1a of a string. */
static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

/* The event ids of this batch's hits, to know one delivered twice. */
struct seen_ids {
	const char **slot;
	size_t mask, n;
};

static int seen_add(struct seen_ids *s, const char *id)
{
	size_t h, i;
	if ((s->n + 1) * 2 > s->mask + 1) {
		struct seen_ids bigger = { NULL, s->mask ? s->mask * 2 + 1 : 63, 0 };
		bigger.slot = xcalloc(bigger.mask + 1, sizeof(*bigger.slot));
		for (i = 0; s->slot && i <= s->mask; i++)
			if (s->slot[i])
				seen_add(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	for (h = str_hash(id) & s->mask; s->slot[h]; h = (h + 1) & s->mask)
		if (!strcmp(s->slot[h], id))
			return 0;
	s->slot[h] = id;
	s->n++;
	return 1;
}

static void reject(struct feed_report *rep, int fd, int line, const char *why)
{
	rep->rejected++;
	if (rep->nrejects < FEED_MAX_REJECTS) {
		size_t nr = (size_t)rep->nrejects;
		struct feed_reject *r = ARENA_PUSH(&rep->a, rep->rejects, nr, rep->arejects);
		r->line = line;
		r->why = why;
		rep->nrejects = (int)nr;
	}
	if (fd >= 0)
		dprintf(fd, "%d\t%s\n", line, why);
}

/* Checks one event; NULL when good (id->number normalised), else why not. */
static const char *check_event(const struct event_line *ev, int today, int64_t now,
			       struct idcard *id, int64_t *t)
{
	struct buf e = BUF_INIT;
	size_t dl = strlen(ev->division);

	if (!*ev->event_id)
		return _("缺少事件编号（event_id）");
	if (strlen(ev->event_id) > 100)
		return _("事件编号过长");
	if (!*ev->id_number)
		return _("缺少身份证号（id_number）");
	if (idcard_parse(ev->id_number, today, id, &e) < 0) {
		buf_release(&e);
		return _("身份证号无效（长度、出生日期或校验位不对）");
	}
	buf_release(&e);
	if (!*ev->time)
		return _("缺少时间（time）");
	*t = feed_parse_time(ev->time);
	if (*t < 0)
		return _("时间无法识别，应为 2026-11-23 10:15:00 或 2026-11-23T10:15:00+08:00");
	if (*t > now + 86400) /* a clock a little ahead is tolerated */
		return _("时间晚于当前时间");
	if (dl && ((dl != 6 && dl != 9 && dl != 12) || strspn(ev->division, "0123456789") != dl))
		return _("区划代码应为 6、9 或 12 位数字");
	return NULL;
}

/* The townships a batch's hits happened in, looked up once each. */
struct towns {
	struct town {
		uint64_t code;          /* the 9 digits as a number, 0 for an empty slot */
		const char *name;       /* NULL: not a township of this system */
	} *slot;
	size_t mask, n;
};

/* The township of code (9 digits): 1 with its name, 0 when it is not one
 * of this system's, -1 (err). */
static int town_of(struct db *db, struct towns *t, const char *code, struct arena *a,
		   const char **name, struct buf *err)
{
	uint64_t k = strtoull(code, NULL, 10) + 1;
	struct division d;
	size_t h, i;
	int rc;

	if ((t->n + 1) * 2 > t->mask + 1) {
		struct towns bigger = { NULL, t->mask ? t->mask * 2 + 1 : 63, t->n };
		bigger.slot = xcalloc(bigger.mask + 1, sizeof(*bigger.slot));
		for (i = 0; t->slot && i <= t->mask; i++)
			if (t->slot[i].code) {
				for (h = (size_t)(t->slot[i].code * 0x9E3779B97F4A7C15ULL) & bigger.mask;
				     bigger.slot[h].code; h = (h + 1) & bigger.mask)
					;
				bigger.slot[h] = t->slot[i];
			}
		free(t->slot);
		*t = bigger;
	}
	for (h = (size_t)(k * 0x9E3779B97F4A7C15ULL) & t->mask; t->slot[h].code;
	     h = (h + 1) & t->mask)
		if (t->slot[h].code == k) {
			*name = t->slot[h].name;
			return *name != NULL;
		}
	rc = store_division_get(db, code, a, &d, err);
	if (rc < 0)
		return -1;
	t->slot[h].code = k;
	t->slot[h].name = rc == 0 ? d.name : NULL;
	t->n++;
	*name = t->slot[h].name;
	return *name != NULL;
}

/*
 * A hit in another township of this system than the person's: that
 * township is asked to check (协查), the alert named; the person's own area
 * has the alert. Places outside the system's divisions ask nobody.
 */
static int assist_elsewhere(struct db *db, const struct feed_source *src, const struct hit *h,
			    const struct alert *al, struct towns *towns, struct arena *a,
			    struct buf *err)
{
	struct assist_request q;
	const char *town;
	char home[10], there[10], when[20];
	int rc;

	if (strlen(h->division) < 9 || strlen(h->w->division) < 9)
		return 0;
	snprintf(home, sizeof(home), "%.9s", h->w->division);
	snprintf(there, sizeof(there), "%.9s", h->division);
	if (!strcmp(home, there))
		return 0;
	rc = town_of(db, towns, there, a, &town, err);
	if (rc <= 0)
		return rc;
	unix_format(h->time, when);
	memset(&q, 0, sizeof(q));
	q.person_id = h->w->person_id;
	q.alert_id = al->id;
	q.from_division = home;
	q.to_division = there;
	/* stored as a record: in Chinese */
	q.reason = arena_printf(a, "动态管控预警：%s 于 %s 出现在%s（%s），请协助核查",
				*src->label ? src->label : src->name, when, h->place, town);
	return store_assist_add(db, &q, err);
}

static void found_before(struct feed_report *rep, const struct feed_batch *b)
{
	rep->already = 1;
	rep->read = b->read;
	rep->matched = b->matched;
	rep->unmatched = b->unmatched;
	rep->duplicates = b->duplicates;
	rep->rejected = b->rejected;
	rep->alerts = b->alerts;
}

/* Writing a batch: its row, then its hits part by part as they are read,
 * then its counts and audit entry, all in one transaction. */
struct writer {
	struct db *db;
	const struct actor *who;
	const struct feed_source *src;
	struct feed_report *rep;
	struct policy pol;
	struct feed_batch b;
	struct towns towns;
	struct seen_ids seen;       /* the event ids of this batch's hits */
	struct arena a;
	int64_t now;
};

/* Opens the transaction and adds the batch row: 0; 1 when the batch is
 * there already (a run beside this one finished it: rep has its counts,
 * nothing is open); -1 (err). */
static int writer_begin(struct writer *w, const char *name, int64_t started, struct buf *err)
{
	struct feed_batch before;
	int rc;

	w->a = (struct arena)ARENA_INIT;
	w->now = now_unix();
	if (control_policy(w->db, &w->pol, err) < 0 || db_begin(w->db, err) < 0)
		return -1;
	rc = store_batch_find(w->db, w->src->id, w->rep->digest, &w->a, &before, err);
	if (rc == 0) {
		db_rollback(w->db);
		found_before(w->rep, &before);
		return 1;
	}
	memset(&w->b, 0, sizeof(w->b));
	w->b.source_id = w->src->id;
	w->b.digest = w->rep->digest;
	w->b.name = name;
	w->b.user_id = w->who->user_id;
	w->b.started_at = started;
	w->b.finished_at = w->now;
	if (rc != STORE_NOTFOUND || store_batch_add(w->db, &w->b, err) != 0) {
		db_rollback(w->db);
		return -1;
	}
	return 0;
}

/* The hits of one part, in file order: the first delivery of an event id
 * is kept, a later one in this batch or one from an earlier batch of the
 * source is a duplicate. 0 or -1 (err). */
static int writer_hits(struct writer *w, const struct hit *hits, size_t n, struct buf *err)
{
	struct feed_report *rep = w->rep;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct hit *h = &hits[i];
		struct feed_event e = { 0, w->src->id, w->b.id, h->w->person_id, h->event_id,
					h->time, h->place, h->division, h->details };
		struct alert al;
		int high = h->w->lost || !strcmp(h->w->risk_level, "high"), rc;

		if (!seen_add(&w->seen, arena_strdup(&w->a, h->event_id))) {
			rep->duplicates++; /* twice in this batch */
			continue;
		}
		rc = store_feed_event_add(w->db, &e, err);
		if (rc == STORE_CONFLICT) {
			rep->duplicates++; /* the source sent it in an earlier batch */
			continue;
		}
		if (rc < 0)
			return -1;
		rep->matched++;
		memset(&al, 0, sizeof(al));
		al.event_id = e.id;
		al.person_id = e.person_id;
		al.division = h->w->division;
		al.worker_id = h->w->worker_id;
		al.priority = high ? 1 : 2;
		al.reason = feed_watch_reason(h->w, &w->a);
		al.created_at = w->now;
		al.sign_due = w->now + 3600LL * (high ? w->pol.alert_sign_hours_high
						      : w->pol.alert_sign_hours);
		al.feedback_due = w->now + 3600LL * (high ? w->pol.alert_feedback_hours_high
							  : w->pol.alert_feedback_hours);
		if (store_alert_add(w->db, &al, err) < 0 ||
		    assist_elsewhere(w->db, w->src, h, &al, &w->towns, &w->a, err) < 0)
			return -1;
		rep->alerts++;
	}
	return 0;
}

/* The counts, the audit entry, the commit: 0 or -1 (err, rolled back). */
static int writer_end(struct writer *w, struct buf *err)
{
	struct feed_report *rep = w->rep;
	char id[24];

	w->b.read = rep->read;
	w->b.matched = rep->matched;
	w->b.unmatched = rep->unmatched;
	w->b.duplicates = rep->duplicates;
	w->b.rejected = rep->rejected;
	w->b.alerts = rep->alerts;
	snprintf(id, sizeof(id), "%" PRId64, w->b.id);
	if (store_batch_counts(w->db, &w->b, err) < 0 ||
	    audit_log(w->db, w->who, "ingest", "feed_batch", id, w->who->prefix,
		      arena_printf(&w->a, "%s：读取 %" PRId64 " 条，命中 %" PRId64 "，未命中 %" PRId64
				   "，重复 %" PRId64 "，拒收 %" PRId64 "，预警 %" PRId64,
				   w->src->name, rep->read, rep->matched, rep->unmatched,
				   rep->duplicates, rep->rejected, rep->alerts),
		      NULL, err) < 0 ||
	    db_commit(w->db, err) < 0) {
		db_rollback(w->db);
		return -1;
	}
	return 0;
}

static void writer_release(struct writer *w)
{
	free(w->towns.slot);
	free(w->seen.slot);
	arena_release(&w->a);
}

/*
 * The batch is read side by side by as many threads as there are CPUs:
 * first its digest, piece by piece, while the watchlist is loaded, so that
 * a batch delivered again is known before any event is read; then its
 * events, in parts of PART_SIZE bytes that the threads take in turn. The
 * parts' counts, rejects and hits are put together in the order of the
 * file (the first delivery of an event id is the one kept) and written in
 * one transaction.
 */
#define PART_SIZE ((size_t)8 << 20)
#define MAX_THREADS 8

static int threads_for(size_t jobs)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		cpus = 1;
	if (cpus > MAX_THREADS)
		cpus = MAX_THREADS;
	return (int)(jobs < (size_t)cpus ? jobs : (size_t)cpus);
}

/* Hashing the pieces: every thread takes the next piece not taken. */
struct hashing {
	const struct events *r;
	size_t n;
	atomic_size_t next;
	unsigned char (*leaf)[32];
	atomic_int failed;
	pthread_mutex_t lock;
	struct buf err;     /* the first failure */
};

static void *hash_pieces(void *arg)
{
	struct hashing *h = arg;
	struct buf err = BUF_INIT;
	size_t i;

	while (!atomic_load(&h->failed) && (i = atomic_fetch_add(&h->next, 1)) < h->n)
		if (events_hash_piece(h->r, i, h->leaf[i], &err) < 0) {
			pthread_mutex_lock(&h->lock);
			if (!atomic_exchange(&h->failed, 1))
				buf_setf(&h->err, "%s", err.buf);
			pthread_mutex_unlock(&h->lock);
		}
	buf_release(&err);
	return NULL;
}

/* The digest of r, with the watchlist loaded meanwhile: 0, -1 (err), or
 * FEED_INVALID (err) when r cannot be read. */
static int digest_and_watchlist(struct db *db, struct events *r, struct watchlist **wl,
				char digest[65], struct buf *err)
{
	struct hashing h = { .r = r, .n = events_pieces(r) };
	pthread_t th[MAX_THREADS];
	int made[MAX_THREADS] = { 0 }, n = threads_for(h.n), i, rc = 0;

	h.leaf = xcalloc(h.n, sizeof(*h.leaf));
	atomic_init(&h.next, 0);
	atomic_init(&h.failed, 0);
	pthread_mutex_init(&h.lock, NULL);
	buf_init(&h.err, 0);
	for (i = 1; i < n; i++)
		made[i] = pthread_create(&th[i], NULL, hash_pieces, &h) == 0;
	if (!(*wl = feed_watchlist_get(db, err))) {
		rc = -1;
		atomic_store(&h.failed, 1);
	}
	hash_pieces(&h);
	for (i = 1; i < n; i++)
		if (made[i])
			pthread_join(th[i], NULL);
	if (rc == 0 && atomic_load(&h.failed)) {
		buf_setf(err, "%s", h.err.buf);
		rc = FEED_INVALID;
	}
	if (rc == 0)
		events_digest_of(r, (const unsigned char(*)[32])h.leaf, digest);
	pthread_mutex_destroy(&h.lock);
	buf_release(&h.err);
	free(h.leaf);
	return rc;
}

/* A reject of a part after the first, kept until its line number is known. */
struct spilled {
	int line;           /* in its part */
	const char *why;    /* a message of this program: static */
};

/* What the reading of one part found. */
struct part {
	int64_t read, unmatched;
	int lines;                  /* lines of the part, blank ones too */
	struct hit *hit;
	size_t nhit, ahit;
	struct arena a;             /* the hits' strings */
	FILE *spill;                /* the thread's file its rejects went to */
	long spill_at;              /* where they begin in it */
	int64_t nspilled;
	int rc;
	int done;                   /* read to its end (or failed): under scan.lock */
	struct buf err;
};

/* The parts and the threads reading them. */
struct scan {
	struct events *r;
	const struct watchlist *wl;
	int today;
	int64_t now;
	struct part *part;
	size_t nparts;
	atomic_size_t next;
	/* the first part's rejects go to the report as they come (their line
	 * numbers are known); the others' to a file of the thread's own */
	struct feed_report *rep;
	int rejects_fd;
	FILE *spill[MAX_THREADS];
	atomic_int nspill;
	atomic_int stop;            /* the writer failed: read no more */
	pthread_mutex_t lock;
	pthread_cond_t part_done;
};

static int spill(struct scan *sc, struct part *pt, FILE **mine, int line, const char *why)
{
	struct spilled sp = { line, why };
	if (!*mine) {
		*mine = tmpfile();
		if (!*mine)
			return -1;
		sc->spill[atomic_fetch_add(&sc->nspill, 1)] = *mine;
	}
	if (!pt->nspilled)
		pt->spill_at = ftell(*mine);
	pt->spill = *mine;
	pt->nspilled++;
	return fwrite(&sp, sizeof(sp), 1, *mine) == 1 ? 0 : -1;
}

static void read_part(struct scan *sc, size_t k, FILE **mine)
{
	struct part *pt = &sc->part[k];
	size_t from = k * PART_SIZE;
	struct events_part *p = events_part(sc->r, from, from + PART_SIZE);
	struct event_line ev;
	const char *why;
	int base = events_first_line(sc->r), rc;

	pt->a = (struct arena)ARENA_INIT;
	while ((rc = events_part_next(p, &ev, &why, &pt->err)) > 0) {
		struct idcard id;
		const struct watch_entry *w;
		int64_t t = 0;
		struct hit *h;

		pt->read++;
		if (rc == EVENTS_BAD || (why = check_event(&ev, sc->today, sc->now, &id, &t))) {
			if (k == 0) {
				reject(sc->rep, sc->rejects_fd, base + ev.line, why);
			} else if (spill(sc, pt, mine, ev.line, why) < 0) {
				buf_setf(&pt->err, _("无法写入临时文件：%s"), strerror(errno));
				rc = -1;
				break;
			}
			continue;
		}
		w = feed_watchlist_find(sc->wl, id.number);
		if (!w) {
			pt->unmatched++; /* nobody watched: counted, and forgotten */
			continue;
		}
		h = ARENA_PUSH(&pt->a, pt->hit, pt->nhit, pt->ahit);
		h->w = w;
		h->event_id = arena_strdup(&pt->a, ev.event_id);
		h->place = arena_strdup(&pt->a, ev.place);
		h->division = arena_strdup(&pt->a, ev.division);
		h->details = arena_strdup(&pt->a, ev.details);
		h->time = t;
	}
	pt->rc = rc;
	pt->lines = events_part_lines(p);
	events_part_free(p);
}

static void *read_parts(void *arg)
{
	struct scan *sc = arg;
	FILE *mine = NULL;
	size_t k;

	while (!atomic_load(&sc->stop) && (k = atomic_fetch_add(&sc->next, 1)) < sc->nparts) {
		read_part(sc, k, &mine);
		pthread_mutex_lock(&sc->lock);
		sc->part[k].done = 1;
		pthread_cond_broadcast(&sc->part_done);
		pthread_mutex_unlock(&sc->lock);
	}
	return NULL;
}


/* Puts the parts' counts and rejects together in file order. 0 or -1. */
static int merge_parts(struct scan *sc, struct buf *err)
{
	struct feed_report *rep = sc->rep;
	int base = events_first_line(sc->r);
	size_t k;
	int64_t i;

	for (k = 0; k < sc->nparts; k++) {
		struct part *pt = &sc->part[k];
		rep->read += pt->read;
		rep->unmatched += pt->unmatched;
		if (pt->nspilled && fseek(pt->spill, pt->spill_at, SEEK_SET) < 0)
			goto unreadable;
		for (i = 0; i < pt->nspilled; i++) {
			struct spilled sp;
			if (fread(&sp, sizeof(sp), 1, pt->spill) != 1)
				goto unreadable;
			reject(rep, sc->rejects_fd, base + sp.line, sp.why);
		}
		base += pt->lines;
	}
	return 0;
unreadable:
	buf_setf(err, "%s", _("无法读取临时文件"));
	return -1;
}

/* Waits for part k to be read: the part. */
static struct part *part_wait(struct scan *sc, size_t k)
{
	pthread_mutex_lock(&sc->lock);
	while (!sc->part[k].done)
		pthread_cond_wait(&sc->part_done, &sc->lock);
	pthread_mutex_unlock(&sc->lock);
	return &sc->part[k];
}

int feed_ingest(struct db *db, const struct actor *who, const struct feed_source *src,
		struct events *r, const char *name, int rejects_fd, struct feed_report *rep,
		struct buf *err)
{
	struct watchlist *wl = NULL;
	struct writer w = { .db = db, .who = who, .src = src, .rep = rep };
	struct scan sc;
	pthread_t th[MAX_THREADS];
	int made[MAX_THREADS] = { 0 }, ret, i, began = 0;
	int64_t started = now_unix(), t0 = now_usec();
	struct arena a = ARENA_INIT;
	struct feed_batch b;
	size_t k;

	memset(rep, 0, sizeof(*rep));
	rep->a = (struct arena)ARENA_INIT;
	memset(&sc, 0, sizeof(sc));
	pthread_mutex_init(&sc.lock, NULL);
	pthread_cond_init(&sc.part_done, NULL);
	ret = digest_and_watchlist(db, r, &wl, rep->digest, err);
	rep->usec_digest = now_usec() - t0;
	if (ret != 0)
		goto out;
	/* delivered before: the counts it had, nothing read or done */
	ret = store_batch_find(db, src->id, rep->digest, &a, &b, err);
	if (ret == 0) {
		found_before(rep, &b);
		goto out;
	}
	if (ret < 0)
		goto out;
	if (events_start(r, err) < 0) {
		ret = FEED_INVALID; /* not events: nothing written */
		goto out;
	}
	t0 = now_usec();
	ret = writer_begin(&w, name, started, err);
	began = ret == 0;
	if (ret != 0) {
		ret = ret == 1 ? 0 : -1;
		goto out;
	}
	/* the parts are read on threads of their own while this one writes
	 * their hits, part after part in file order */
	sc.r = r;
	sc.wl = wl;
	sc.today = ymd_today();
	sc.now = started;
	sc.rep = rep;
	sc.rejects_fd = rejects_fd;
	sc.nparts = events_size(r) / PART_SIZE + 1;
	sc.part = xcalloc(sc.nparts, sizeof(*sc.part));
	atomic_init(&sc.next, 0);
	atomic_init(&sc.nspill, 0);
	atomic_init(&sc.stop, 0);
	rep->threads = threads_for(sc.nparts);
	for (i = 0; i < rep->threads; i++)
		made[i] = pthread_create(&th[i], NULL, read_parts, &sc) == 0;
	if (!made[0])
		read_parts(&sc); /* no thread to be had: read here first */
	for (k = 0; k < sc.nparts && ret == 0; k++) {
		struct part *pt = part_wait(&sc, k);
		if (pt->rc < 0) {
			buf_setf(err, "%s", pt->err.buf);
			ret = FEED_INVALID; /* unreadable: nothing written */
		} else if (writer_hits(&w, pt->hit, pt->nhit, err) < 0) {
			ret = -1;
		}
		arena_release(&pt->a); /* written: the hits are not needed again */
		pt->hit = NULL;
	}
	if (ret != 0)
		atomic_store(&sc.stop, 1);
	for (i = 0; i < rep->threads; i++)
		if (made[i])
			pthread_join(th[i], NULL);
	rep->usec_read = now_usec() - t0;
	t0 = now_usec();
	if (ret == 0 && merge_parts(&sc, err) < 0)
		ret = -1;
	if (ret == 0)
		ret = writer_end(&w, err);
	else
		db_rollback(db);
	began = 0;
	rep->usec_write = now_usec() - t0;
out:
	if (began)
		db_rollback(db);
	for (k = 0; k < sc.nparts; k++) {
		arena_release(&sc.part[k].a);
		buf_release(&sc.part[k].err);
	}
	for (i = 0; i < atomic_load(&sc.nspill); i++)
		fclose(sc.spill[i]);
	pthread_cond_destroy(&sc.part_done);
	pthread_mutex_destroy(&sc.lock);
	free(sc.part);
	writer_release(&w);
	arena_release(&a);
	if (wl)
		feed_watchlist_put(wl);
	return ret;
}

/* ---- alerts ---- */

const struct choice alert_statuses[] = {
	{ "new", N_("待签收") }, { "signed", N_("已签收") }, { "handled", N_("已反馈") },
	{ "closed", N_("已办结") }, { NULL, NULL }
};

const struct choice alert_feedbacks[] = {
	{ "verified", N_("已见到本人核实") },
	{ "tested", N_("已检测") },
	{ "not_person", N_("非本人（证件被冒用等）") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

int alert_overdue(const struct alert *al, int64_t now)
{
	return (!strcmp(al->status, "new") && al->sign_due < now) ||
	       ((!strcmp(al->status, "new") || !strcmp(al->status, "signed")) &&
		al->feedback_due < now);
}

static int invalid(struct buf *err, const char *msg)
{
	buf_setf(err, "%s", msg);
	return FEED_INVALID;
}

int alert_step(struct db *db, const struct actor *who, int64_t id, const char *action,
	       const char *feedback, const char *note, struct buf *err)
{
	static const struct {
		const char *action, *from, *to, *summary;
	} steps[] = {
		{ "sign", "new", "signed", "签收预警" },
		{ "handle", "signed", "handled", "反馈预警处置情况" },
		{ "close", "handled", "closed", "办结预警" },
	};
	struct arena a = ARENA_INIT;
	struct alert_row r;
	char idbuf[24];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (action && !strcmp(action, steps[i].action))
			break;
	if (i == sizeof(steps) / sizeof(steps[0]))
		return invalid(err, _("请选择办理事项：签收、反馈或办结"));
	if (!strcmp(action, "handle")) {
		if (!feedback || !choice_valid(alert_feedbacks, feedback))
			return invalid(err, _("请选择处置结果"));
		if ((!strcmp(feedback, "other") || !strcmp(feedback, "tested")) && (!note || !*note))
			return invalid(err, _("请写明处置情况（检测的结果，或其他情况）"));
	}
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_alert_get(db, id, &a, &r, err);
	if (rc == 0 && !division_in(r.al.division, who->prefix)) {
		db_rollback(db);
		rc = audit_log_tx(db, who, "denied", "alert", idbuf, r.al.division, "不在本人辖区",
				  NULL, err) < 0 ? -1 : STORE_NOTFOUND;
		arena_release(&a);
		return rc;
	}
	if (rc == 0 && strcmp(r.al.status, steps[i].from)) {
		buf_setf(err, _("该预警当前为“%s”，不能%s"),
			 _(choice_label(alert_statuses, r.al.status)),
			 !strcmp(action, "sign") ? _("签收") : !strcmp(action, "handle") ? _("反馈")
											   : _("办结"));
		rc = FEED_INVALID;
	}
	if (rc == 0)
		rc = store_alert_step(db, id, steps[i].from, steps[i].to, who->user_id, now_unix(),
				      feedback, note, err);
	if (rc == 0) {
		json_t *ch = json_pack("{s:[ss]}", "status", steps[i].from, steps[i].to);
		if (feedback)
			json_object_set_new(ch, "feedback", json_pack("[ss]", "", feedback));
		rc = audit_log(db, who, "update", "alert", idbuf, r.al.division,
			       arena_printf(&a, "%s：%s", r.person_name, steps[i].summary), ch, err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	arena_release(&a);
	return rc;
}

int alert_escalate(struct db *db, int64_t now, int *count, struct buf *err)
{
	struct arena a = ARENA_INIT;
	int64_t *ids;
	int n = 0, rc;

	*count = 0;
	/* looked at first without the write lock: most minutes nothing is due */
	rc = store_alert_escalation_due(db, now, err);
	if (rc <= 0)
		return rc;
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_alert_escalate(db, now, &a, &ids, &n, err);
	if (rc == 0 && n)
		rc = audit_log(db, &setup_cli_actor, "escalate", "alert", "", setup_cli_actor.prefix,
			       arena_printf(&a, "%d 条预警逾期未签收或未反馈，已上报", n), NULL, err);
	if (rc == 0 && (rc = db_commit(db, err)) == 0)
		*count = n;
	if (rc != 0)
		db_rollback(db);
	arena_release(&a);
	return rc;
}
