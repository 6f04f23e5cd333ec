/* alert-stats.h - 预警统计: alerts of a period per township and source, their deadlines kept or missed, and rates. */
#ifndef JINDU_ALERT_STATS_H
#define JINDU_ALERT_STATS_H

#include <stdint.h>

#include "store/store.h"

/*
 * Periods are calendar days in China Standard Time (UTC+8), whatever the
 * server's own time zone (src/domain/period.h): an alert belongs to the
 * day of its created_at there. from and to are YYYYMMDD, both included.
 */

/* The calendar month (in China) that the instant now falls in: its first
 * and last day. */
void alert_period_month(int64_t now, int *from, int *to);
/* The month before that. */
void alert_period_last_month(int64_t now, int *from, int *to);
/* The instants of days from..to: [*start, *end). */
void alert_period_bounds(int from, int to, int64_t *start, int64_t *end);

/*
 * The deadlines of one alert. Signed on time: signed at or before
 * sign_due; answered (反馈) on time: handled at or before feedback_due.
 * Late (超期): a deadline missed by now, either still open past it or done
 * after it; an alert overdue now (alert_overdue in feed.h) is late, and so
 * stays once it is done. The store counts and filters by the same rules
 * (LATE, SIGNED_ON_TIME and ANSWERED_ON_TIME in sqlite-alert.c).
 */
int alert_signed_on_time(const struct alert *al);
int alert_answered_on_time(const struct alert *al);
int alert_late(const struct alert *al, int64_t now);

/* Rates over the period's alerts follow src/domain/rate.h. */

/*
 * Rows with every key of both sorted lists (strcmp order) once: the
 * counts of `counts` under the labels of `names` (a township or source
 * with no alert has zeros; a group missing from `names` keeps its own
 * label). The result is allocated in a.
 */
int alert_tally_merge(const struct alert_tally *names, int nnames,
		      const struct alert_tally *counts, int ncounts, struct arena *a,
		      struct alert_tally **out);
/* Adds the counts of row into sum. */
void alert_tally_add(struct alert_tally *sum, const struct alert_tally *row);

/* The statistics of one area (a division prefix) over one period at now. */
struct alert_stats {
	int from, to;                 /* YYYYMMDD, China time */
	int64_t start, end, now;      /* [start, end): the period's instants */
	struct alert_tally *divisions; /* every township of the area (or the area
					* itself when it is narrower), by code */
	int ndivisions;
	struct alert_tally *sources;  /* every partner source, by name */
	int nsources;
	struct alert_tally total;     /* key and label "" */
};
/* Loads them: 0 or -1 (err). Everything is allocated in a. */
int alert_stats_load(struct db *db, const char *prefix, int from, int to, int64_t now,
		     struct arena *a, struct alert_stats *out, struct buf *err);

#endif
