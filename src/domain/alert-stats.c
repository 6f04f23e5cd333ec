/* alert-stats.c - 预警统计: periods in China time, deadlines kept or missed, rates, the rows of one area. */
#include "domain/alert-stats.h"

#include <stdio.h>
#include <string.h>

#include "domain/period.h"
#include "domain/towns.h"

/* ---- periods ---- */

void alert_period_month(int64_t now, int *from, int *to)
{
	struct period p = period_of_day(PERIOD_MONTH, period_china_day(now));
	*from = period_first_day(&p);
	*to = period_last_day(&p);
}

void alert_period_last_month(int64_t now, int *from, int *to)
{
	struct period p = period_of_day(PERIOD_MONTH, period_china_day(now));
	p = period_previous(&p);
	*from = period_first_day(&p);
	*to = period_last_day(&p);
}

void alert_period_bounds(int from, int to, int64_t *start, int64_t *end)
{
	period_day_bounds(from, to, start, end);
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

/* The townships of the area (towns.h): the rows of the first table. */
static int division_names(struct db *db, const char *prefix, struct arena *a,
			  struct alert_tally **out, int *n, struct buf *err)
{
	struct town *towns;
	int i;

	if (towns_of_area(db, prefix, a, &towns, n, err) < 0)
		return -1;
	*out = arena_zalloc(a, sizeof(**out) * (size_t)(*n + 1));
	for (i = 0; i < *n; i++) {
		(*out)[i].key = towns[i].key;
		(*out)[i].label = towns[i].label;
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
