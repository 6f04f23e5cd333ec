/* feed.h - 动态管控预警: the lawful watchlist, checking and matching partner events, alerts. */
#ifndef JINDU_FEED_H
#define JINDU_FEED_H

#include <stdint.h>

#include "domain/audit.h"
#include "domain/choice.h"
#include "import/events.h"
#include "store/store.h"

/* ---- sources (feed-source.c) ---- */

extern const struct choice feed_source_kinds[]; /* hotel 旅馆住宿, netcafe 网吧上网, ... */

/* 1 when s can name a source: 2 to 40 of a-z, 0-9 and '-' (it is part of
 * URLs and commands). */
int feed_source_name_valid(const char *s);

/*
 * A source and its own API token ("jds_" + 32 random bytes; only its keyed
 * hash is kept): 0 with the token appended, STORE_CONFLICT when the name
 * is taken, FEED_INVALID (err says why: the name, the kind, a label over
 * 120 bytes, an owner unit not in who's area) or -1. Audited, without the
 * token.
 */
#define FEED_INVALID 3
#define FEED_LABEL_MAX 120 /* bytes: 40 Chinese characters */
int feed_source_add(struct db *db, const struct actor *who, struct feed_source *src,
		    struct buf *token, struct buf *err);
/* The enabled source a token belongs to, or STORE_NOTFOUND. */
int feed_source_by_token(struct db *db, const char *token, struct arena *a,
			 struct feed_source *out, struct buf *err);

/*
 * Disables (its token is refused from now on, its batches and events
 * stay) or enables again the source named name: 0, also when it already
 * was so (then nothing is recorded); STORE_NOTFOUND (err says so) or -1.
 * Audited as an update of "disabled".
 */
int feed_source_set_disabled(struct db *db, const struct actor *who, const char *name,
			     int disabled, struct buf *err);
/*
 * A new token for the source named name; the old one is refused from the
 * commit on. 0 with the token appended to token (shown once: only its hash
 * is kept), STORE_NOTFOUND (err says so) or -1 (token unchanged). A
 * disabled source stays disabled. Audited, without either token.
 */
int feed_source_rotate(struct db *db, const struct actor *who, const char *name,
		       struct buf *token, struct buf *err);

/* Why a person is watched, in Chinese ("社区戒毒执行中；脱管失控"). */
const char *feed_watch_reason(const struct watch_entry *w, struct arena *a);

/* The watchlist in memory: found by ID number in a hash table. */
struct watchlist;
struct watchlist *feed_watchlist_load(struct db *db, struct buf *err);
const struct watch_entry *feed_watchlist_find(const struct watchlist *wl, const char *id18);
int feed_watchlist_size(const struct watchlist *wl);
/* The i-th entry, in person order (for listing it). */
const struct watch_entry *feed_watchlist_at(const struct watchlist *wl, int i);
void feed_watchlist_free(struct watchlist *wl);
/*
 * The same, kept between batches while the database's watch_version
 * (moved by triggers whenever a measure, a flag or a watched column of a
 * person changes) stays the same: taken with get, given back with put.
 * feed_watchlist_expire lets the kept one go after ten idle minutes.
 */
struct watchlist *feed_watchlist_get(struct db *db, struct buf *err);
void feed_watchlist_put(struct watchlist *wl);
void feed_watchlist_expire(int64_t now);

/*
 * Event times: "2026-11-23 10:15:00" or "2026-11-23T10:15:00" (China
 * Standard Time, UTC+8, when no offset is given), with "Z" or "+08:00"
 * style offsets, seconds optional. Unix seconds, or -1.
 */
int64_t feed_parse_time(const char *s);

/* What one batch did. read = matched + unmatched + duplicates + rejected. */
struct feed_report {
	int64_t read, matched, unmatched, duplicates, rejected, alerts;
	int already;            /* the same batch (digest) was ingested before: nothing done */
	int threads;            /* read side by side by so many */
	int64_t usec_digest;    /* the digest, with the watchlist loaded meanwhile */
	int64_t usec_read;      /* reading, checking and matching the events, and
				 * writing the hits meanwhile */
	int64_t usec_write;     /* the rejects put in order, the counts, the commit */
	char digest[65];
	struct feed_reject {
		int line;
		const char *why;
	} *rejects;             /* the first FEED_MAX_REJECTS, in line order */
	int nrejects;
	size_t arejects;
	struct arena a;         /* owns rejects */
};
#define FEED_MAX_REJECTS 1000
void feed_report_release(struct feed_report *rep);

/*
 * Reads every event of r for source src and matches it on the watchlist:
 *  - a line that is not a good event (bad ID check digit, bad time, a
 *    required field missing, broken quoting or UTF-8) is rejected with its
 *    line and reason (to rejects_fd as "LINE\tREASON\n" when >= 0, and the
 *    first FEED_MAX_REJECTS in rep); the rest goes on;
 *  - an event of nobody watched is counted and forgotten (unmatched);
 *  - an event of a watched person that the source delivered before (same
 *    event id, in this batch or an earlier one) is a duplicate;
 *  - every other is kept with an alert for the person's area and worker,
 *    high priority for 脱管失控 or high risk, due to be signed and answered
 *    within the policy's hours.
 * The batch is known by the digest of its bytes, computed first: a batch
 * with a digest seen before is recognised (rep->already) and changes
 * nothing. Otherwise everything is written in one transaction — the batch
 * row (named name), the hits while the rest is still being read, the
 * counts and an audit entry — so a batch is there whole or not at all.
 * 0; FEED_INVALID (err)
 * when r cannot be read to its end (no header, an I/O error): nothing
 * written; or -1 (err).
 */
int feed_ingest(struct db *db, const struct actor *who, const struct feed_source *src,
		struct events *r, const char *name, int rejects_fd, struct feed_report *rep,
		struct buf *err);

/* ---- alerts: new -> signed (签收) -> handled (反馈) -> closed ---- */

extern const struct choice alert_statuses[];  /* new 待签收, signed 已签收, handled 已反馈, closed 已办结 */
extern const struct choice alert_feedbacks[]; /* verified 已见到本人核实, tested 已检测, ... */

/* 1 when al is past a deadline at now: not signed by sign_due, or not
 * answered by feedback_due. */
int alert_overdue(const struct alert *al, int64_t now);

/*
 * One step of the alert's workflow by who, in who's area: "sign", "handle"
 * (feedback: a key of alert_feedbacks; note required for "other" and
 * "tested", where it carries the result), "close". 0; STORE_NOTFOUND
 * (no such alert in who's area: audited); FEED_INVALID (err: the step is
 * not possible now, or the feedback is missing); -1.
 */
int alert_step(struct db *db, const struct actor *who, int64_t id, const char *action,
	       const char *feedback, const char *note, struct buf *err);

/* Marks the overdue alerts as escalated (once each), audited: how many. */
int alert_escalate(struct db *db, int64_t now, int *count, struct buf *err);

#endif
