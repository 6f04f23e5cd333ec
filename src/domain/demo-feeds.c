/* demo-feeds.c - the demo county's partner feeds: sources, a month of events, alerts in every state. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/feed.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

/* The sources of the demo county, and what their events look like. */
static const struct {
	const char *name, *kind, *label, *place, *details;
} sources[] = {
	{ "hotel-yf", "hotel", "永丰县旅馆业治安管理系统", "宾馆", "入住登记" },
	{ "netcafe-yf", "netcafe", "永丰县网吧实名上网系统", "网吧", "上网登记" },
	{ "logistics-yf", "logistics", "永丰县寄递实名登记系统", "快递网点", "寄件实名登记" },
};
#define NSOURCES ((int)(sizeof(sources) / sizeof(sources[0])))

/* A small deterministic generator, from the demo's seed. */
static unsigned long next(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

static void random_id(unsigned long *s, char out[19])
{
	int i;
	/* a valid number of someone born 1970-1999 in the county, not on file */
	snprintf(out, 18, "360825%04lu%02lu%02lu%03lu", 1970 + next(s) % 30, 1 + next(s) % 12,
		 1 + next(s) % 28, 100 + next(s) % 800);
	for (i = 0; i < 17; i++)
		if (out[i] < '0' || out[i] > '9')
			out[i] = '0';
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

/*
 * An alert made in this run as if it had come in minutes after its event:
 * its deadlines as long as the policy made them, signed, answered and
 * closed some hours later — most in time, about one in five late — and
 * most of those still open recent; the others are overdue.
 */
static int spread(struct db *db, const struct alert_row *row, int stage, unsigned long *s,
		  int64_t now, struct buf *err)
{
	struct alert al = row->al;
	int64_t sign = al.sign_due - al.created_at, answer = al.feedback_due - al.created_at;

	al.created_at = row->event_time + 300 + (int64_t)(next(s) % 3300);
	/* most of those still open came in lately: not signed yet within the
	 * last hour and a half, signed but not answered within the last day */
	if (stage < 5 && next(s) % 4)
		al.created_at = now - (int64_t)(next(s) % (stage < 3 ? 5400 : 20 * 3600));
	if (al.created_at > now)
		al.created_at = now;
	al.sign_due = al.created_at + sign;
	al.feedback_due = al.created_at + answer;
	/* a fifth late: up to half a deadline past it */
	if (stage >= 3)
		al.signed_at = al.created_at + sign * (int64_t)(next(s) % 5 ? 20 + next(s) % 70
									  : 100 + next(s) % 50) / 100;
	if (stage >= 5)
		al.handled_at = al.signed_at + (answer - (al.signed_at - al.created_at)) *
						       (int64_t)(next(s) % 5 ? 30 + next(s) % 60
									     : 100 + next(s) % 50) / 100;
	if (stage >= 7)
		al.closed_at = al.handled_at + 3600 + (int64_t)(next(s) % (24 * 3600));
	if (al.signed_at > now)
		al.signed_at = now;
	if (al.handled_at > now)
		al.handled_at = now;
	if (al.closed_at > now)
		al.closed_at = now;
	return store_alert_times(db, &al, err);
}

int demo_feeds(struct db *db, const struct demo_county *c, unsigned long seed, struct arena *a,
	       struct buf *err)
{
	struct watchlist *wl;
	struct buf csv = BUF_INIT, token = BUF_INIT;
	struct feed_source src[NSOURCES];
	unsigned long s = seed * 2654435761UL + 17;
	int64_t now = now_unix(), squad = 0;
	int k, i, n, rc = -1;

	/* the county's drug squad receives them */
	{
		struct unit *units;
		char prefix[13];
		int nunits = 0;
		division_prefix(c->home.code, prefix);
		if (store_unit_list(db, prefix, a, &units, &nunits, err) < 0)
			goto out;
		for (i = 0; i < nunits; i++)
			if (!strcmp(units[i].name, c->drug_squad))
				squad = units[i].id;
	}
	for (k = 0; k < NSOURCES; k++) {
		memset(&src[k], 0, sizeof(src[k]));
		src[k].unit_id = squad;
		src[k].name = sources[k].name;
		src[k].kind = sources[k].kind;
		src[k].label = sources[k].label;
		buf_reset(&token);
		if (feed_source_add(db, &setup_cli_actor, &src[k], &token, err) != 0)
			goto out;
	}
	wl = feed_watchlist_load(db, err);
	if (!wl)
		goto out;
	n = feed_watchlist_size(wl);
	for (k = 0; k < NSOURCES; k++) {
		struct feed_report rep;
		struct events *r;
		int seq = 0;

		buf_reset(&csv);
		buf_adds(&csv, "event_id,id_number,name,time,place,division,details\n");
		for (i = 0; i < n; i++) {
			const struct watch_entry *w = feed_watchlist_at(wl, i);
			const struct demo_town *t;
			char when[20], id[19];
			int64_t at;
			/* one watched person in twenty-five per source, now and then
			 * seen in another township */
			if (next(&s) % 25)
				continue;
			t = &c->home.towns[next(&s) % 5 ? 0 : next(&s) % (unsigned long)c->home.ntowns];
			if (t == &c->home.towns[0]) {
				int j;
				for (j = 0; j < c->home.ntowns; j++)
					if (!strncmp(c->home.towns[j].code, w->division, 9))
						t = &c->home.towns[j];
			}
			at = now - (int64_t)(next(&s) % (20 * 86400));
			unix_format(at, when);
			buf_addf(&csv, "%s-%d,%s,%s,%s,%s%s,%s,%s\n", sources[k].name, ++seq,
				 w->id_number, w->name, when, t->name, sources[k].place, t->code,
				 sources[k].details);
			/* and the people not watched, whose events are forgotten */
			random_id(&s, id);
			buf_addf(&csv, "%s-%d,%s,某某,%s,%s%s,%s,%s\n", sources[k].name, ++seq, id, when,
				 t->name, sources[k].place, t->code, sources[k].details);
		}
		r = events_open_mem(csv.buf, csv.len, EVENTS_CSV, err);
		rc = feed_ingest(db, &setup_cli_actor, &src[k], r, "demo.csv", -1, &rep, err);
		events_close(r);
		feed_report_release(&rep);
		if (rc != 0) {
			feed_watchlist_free(wl);
			rc = -1;
			goto out;
		}
	}
	feed_watchlist_free(wl);
	/* alerts in every state: three in ten are still to be signed for */
	{
		struct alert_filter f;
		struct alert_row *rows;
		int64_t total;
		char prefix[13];

		memset(&f, 0, sizeof(f));
		division_prefix(c->home.code, prefix);
		f.prefix = prefix;
		f.now = now;
		f.limit = 100000;
		if (store_alert_list(db, &f, a, &rows, &n, &total, err) < 0)
			goto out;
		for (i = 0; i < n && rc == 0; i++) {
			static const char *const notes[] = { "已上门核实，本人在家",
							     "尿检阴性", "系他人冒用身份证" };
			static const char *const fbs[] = { "verified", "tested", "not_person" };
			int stage = (int)(next(&s) % 10), j = (int)(next(&s) % 3);
			if (stage >= 3)
				rc = alert_step(db, &setup_cli_actor, rows[i].al.id, "sign", NULL, NULL, err);
			if (rc == 0 && stage >= 5)
				rc = alert_step(db, &setup_cli_actor, rows[i].al.id, "handle", fbs[j],
						notes[j], err);
			if (rc == 0 && stage >= 7)
				rc = alert_step(db, &setup_cli_actor, rows[i].al.id, "close", NULL, NULL, err);
			if (rc == 0)
				rc = spread(db, &rows[i], stage, &s, now, err);
		}
		rc = rc == 0 ? 0 : -1;
	}
out:
	buf_release(&csv);
	buf_release(&token);
	return rc;
}
