/* alert-stats.c - 预警统计: periods in China time, deadlines kept or missed, rates, the rows of one area. */
#include "domain/alert-stats.h"

#include <stdio.h>
#include <string.h>

#include "lib/timeutil.h"

/* ---- periods ---- */

static int china_day(int64_t t)
{
	int64_t days = t + ALERT_CHINA_OFFSET;
	int y, m, d;
	/* floor division: instants before 1970 are not alerts, but stay right */
	days = days >= 0 ? days / 86400 : (days - 86399) / 86400;
	date_from_days(days, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

void alert_period_month(int64_t now, int *from, int *to)
{
	int day = china_day(now), y = day / 10000, m = day / 100 % 100;
	*from = y * 10000 + m * 100 + 1;
	*to = y * 10000 + m * 100 + date_days_in_month(y, m);
}

void alert_period_last_month(int64_t now, int *from, int *to)
{
	int first, last;
	alert_period_month(now, &first, &last);
	*to = ymd_add_days(first, -1);
	*from = *to / 100 * 100 + 1;
}

void alert_period_bounds(int from, int to, int64_t *start, int64_t *end)
{
	*start = date_to_days(from / 10000, from / 100 % 100, from % 100) * 86400 -
		 ALERT_CHINA_OFFSET;
	*end = date_to_days(to / 10000, to / 100 % 100, to % 100) * 86400 + 86400 -
	       ALERT_CHINA_OFFSET;
}

/* ---- deadlines ---- */

int alert_signed_on_time(const struct alert *al)
{
	return al->signed_at != 0 && al->signed_at <= al->sign_due;
}

int alert_answered_on_time(const struct alert *al)
{
	return al->handled_at != 0 && al->handled_at <= al->feedback_due;
}

int alert_late(const struct alert *al, int64_t now)
{
	int sign_late = al->signed_at ? al->signed_at > al->sign_due : al->sign_due < now;
	int answer_late = al->handled_at ? al->handled_at > al->feedback_due
					 : al->feedback_due < now;
	return sign_late || answer_late;
}

/* ---- rates ---- */

int alert_rate_tenths(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	/* integers only: 2/3 is 666.67 tenths, rounded to 667, never 666 */
	return (int)((num * 1000 + den / 2) / den);
}

const char *alert_rate_format(int64_t num, int64_t den, char out[ALERT_RATE_LEN])
{
	int t = alert_rate_tenths(num, den);
	if (t < 0)
		snprintf(out, ALERT_RATE_LEN, "—");
	else
		snprintf(out, ALERT_RATE_LEN, "%d.%d%%", t / 10, t % 10);
	return out;
}

/* ---- rows ---- */

void alert_tally_add(struct alert_tally *sum, const struct alert_tally *row)
{
	sum->total += row->total;
	sum->fresh += row->fresh;
	sum->signed_ += row->signed_;
	sum->handled += row->handled;
	sum->closed += row->closed;
	sum->overdue += row->overdue;
	sum->signed_on_time += row->signed_on_time;
	sum->answered_on_time += row->answered_on_time;
	sum->late += row->late;
}

int alert_tally_merge(const struct alert_tally *names, int nnames,
		      const struct alert_tally *counts, int ncounts, struct arena *a,
		      struct alert_tally **out)
{
	struct alert_tally *rows = arena_alloc(a, sizeof(*rows) * (size_t)(nnames + ncounts + 1));
	int i = 0, j = 0, n = 0;

	while (i < nnames || j < ncounts) {
		int c = i == nnames ? 1 : j == ncounts ? -1 : strcmp(names[i].key, counts[j].key);
		struct alert_tally *r = &rows[n++];
		if (c < 0) {
			memset(r, 0, sizeof(*r));
			r->key = names[i].key;
			r->label = names[i++].label;
		} else {
			*r = counts[j++];
			if (c == 0)
				r->label = names[i++].label;
		}
	}
	*out = rows;
	return n;
}

/* The townships of the area, or the area itself when it is a township or
 * narrower: the rows of the first table, with their names. */
static int division_names(struct db *db, const char *prefix, struct arena *a,
			  struct alert_tally **out, int *n, struct buf *err)
{
	struct division *list, one;
	int i, rc;

	*n = 0;
	if (strlen(prefix) >= 9) {
		rc = store_division_get(db, prefix, a, &one, err);
		if (rc < 0)
			return -1;
		*out = arena_zalloc(a, sizeof(**out));
		(*out)->key = prefix;
		(*out)->label = rc == 0 ? one.name : prefix;
		*n = 1;
		return 0;
	}
	if (store_division_list(db, prefix, 4, 4, a, &list, n, err) < 0)
		return -1;
	*out = arena_zalloc(a, sizeof(**out) * (size_t)(*n + 1));
	for (i = 0; i < *n; i++) {
		(*out)[i].key = list[i].code;
		(*out)[i].label = list[i].name;
	}
	return 0;
}

static int source_names(struct db *db, struct arena *a, struct alert_tally **out, int *n,
			struct buf *err)
{
	struct feed_source *list;
	int i;

	if (store_source_list(db, a, &list, n, err) < 0)
		return -1;
	*out = arena_zalloc(a, sizeof(**out) * (size_t)(*n + 1));
	for (i = 0; i < *n; i++) {
		(*out)[i].key = list[i].name;
		(*out)[i].label = *list[i].label ? list[i].label : list[i].name;
	}
	return 0;
}

int alert_stats_load(struct db *db, const char *prefix, int from, int to, int64_t now,
		     struct arena *a, struct alert_stats *out, struct buf *err)
{
	struct alert_tally *names, *counts;
	int nnames, ncounts, i;

	memset(out, 0, sizeof(*out));
	out->from = from;
	out->to = to;
	out->now = now;
	out->total.key = out->total.label = "";
	alert_period_bounds(from, to, &out->start, &out->end);
	if (division_names(db, prefix, a, &names, &nnames, err) < 0 ||
	    store_alert_tally(db, prefix, out->start, out->end, now, ALERT_BY_DIVISION, a, &counts,
			      &ncounts, err) < 0)
		return -1;
	out->ndivisions = alert_tally_merge(names, nnames, counts, ncounts, a, &out->divisions);
	if (source_names(db, a, &names, &nnames, err) < 0 ||
	    store_alert_tally(db, prefix, out->start, out->end, now, ALERT_BY_SOURCE, a, &counts,
			      &ncounts, err) < 0)
		return -1;
	out->nsources = alert_tally_merge(names, nnames, counts, ncounts, a, &out->sources);
	for (i = 0; i < out->ndivisions; i++)
		alert_tally_add(&out->total, &out->divisions[i]);
	return 0;
}
