/* cmd-indicators.c - jindu indicators: every indicator of an area for a period, the one before and a year before, and how long counting took. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/indicator.h"
#include "domain/rate.h"
#include "lib/arena.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* A figure as text: a count, or a rate with one decimal ("" for none). */
static const char *figure(const struct indicator *ind, const struct indicator_value *v,
			  char out[RATE_LEN])
{
	if (ind->kind == IND_RATE)
		return rate_format(v->n, v->d, out);
	snprintf(out, RATE_LEN, "%" PRId64, v->n);
	return out;
}

/* The change from before to now: a percentage of counts, percentage
 * points of rates. */
static const char *change(const struct indicator *ind, const struct indicator_value *before,
			  const struct indicator_value *now, char out[RATE_LEN])
{
	if (ind->kind == IND_COUNT)
		return change_format(before->n, now->n, out);
	if (before->tenths < 0 || now->tenths < 0)
		return strcpy(out, "—");
	return tenths_signed(now->tenths - before->tenths, out);
}

/* One line per indicator: the area's figures; with towns, one column per
 * township for the period asked for. */
static void print_table(const struct indicator_table *t, int towns)
{
	char keys[INDICATOR_PERIODS][PERIOD_KEY_LEN], a[RATE_LEN], b[RATE_LEN], c[RATE_LEN];
	char d[RATE_LEN], e[RATE_LEN];
	int i, k;

	for (k = 0; k < INDICATOR_PERIODS; k++)
		period_key(&t->periods[k], keys[k]);
	printf("key\tindicator\tunit\t%s\t%s\tchange\t%s\tchange", keys[0], keys[1], keys[2]);
	for (k = 0; towns && k < t->ntowns; k++)
		printf("\t%s", t->towns[k].label);
	printf("\n");
	for (i = 0; i < nindicators; i++) {
		const struct indicator *ind = &indicators[i];
		const struct indicator_value *now = indicator_value(t, i, t->ntowns, PERIOD_THIS);
		const struct indicator_value *before = indicator_value(t, i, t->ntowns, PERIOD_BEFORE);
		const struct indicator_value *year =
			indicator_value(t, i, t->ntowns, PERIOD_YEAR_BEFORE);
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", ind->key, _(ind->name), _(ind->unit),
		       figure(ind, now, a), figure(ind, before, b), change(ind, before, now, c),
		       figure(ind, year, d), change(ind, year, now, e));
		for (k = 0; towns && k < t->ntowns; k++)
			printf("\t%s", figure(ind, indicator_value(t, i, k, PERIOD_THIS), a));
		printf("\n");
	}
}

/* Every count of every township, and of the area, against the length of
 * its list: they are counted by different queries (the tally, the
 * records), so a difference shows a tally out of step. The number of
 * differences, each printed on stderr; -1 with err. */
static int check_table(struct db *db, const struct indicator_table *t, int today,
		       struct buf *err)
{
	char key[PERIOD_KEY_LEN];
	int i, town, k, bad = 0;

	for (i = 0; i < nindicators; i++) {
		const struct indicator *ind = &indicators[i];
		if (ind->kind != IND_COUNT)
			continue;
		for (town = 0; town <= t->ntowns; town++)
			for (k = 0; k < INDICATOR_PERIODS; k++) {
				struct arena a = ARENA_INIT;
				struct count_record *rows;
				const char *area = town < t->ntowns ? t->towns[town].key : t->prefix;
				int64_t want = indicator_value(t, i, town, k)->n, total = 0;
				int n, rc = indicator_records(db, ind, area, &t->periods[k], today, 0, 0,
							      &a, &rows, &n, &total, err);
				arena_release(&a);
				if (rc < 0)
					return -1;
				if (total == want)
					continue;
				bad++;
				fprintf(stderr, "%s %s %s: figure %" PRId64 ", list %" PRId64 "\n",
					ind->key, period_key(&t->periods[k], key), area, want, total);
			}
	}
	return bad;
}

int cmd_indicators(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *period = NULL, *jur = NULL, *repeat = NULL;
	int towns = 0, check = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },       { "key", &key, NULL },
		{ "period", &period, NULL },    { "jurisdiction", &jur, NULL },
		{ "repeat", &repeat, NULL },    { "towns", NULL, &towns },
		{ "check", NULL, &check },
		{ NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	struct period p;
	char prefix[13], root[13];
	int i, runs, ret = 0, today = ymd_today();
	int64_t best = 0, total = 0;

	i = opt_parse(argc, argv, 1, opts);
	runs = repeat ? atoi(repeat) : 1;
	if (i < 0 || i != argc || !db_path || runs < 1 || runs > 1000)
		return cmd_usage(cmd_find("indicators"));
	if (period && period_parse(period, &p) < 0)
		return cmd_fail("period '%s' is not a month (2026-05), quarter (2026Q3), half-year "
				"(2026H1) or year (2026)", period);
	if (!period)
		p = period_of_day(PERIOD_QUARTER, period_china_day(now_unix()));
	if (jur && !division_valid(jur))
		return cmd_fail("'%s' is not a division code", jur);
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	if (!jur) {
		struct arena a = ARENA_INIT;
		const char *code = NULL;
		if (store_meta_get(db, "root_division", &a, &code, &err) == 0 && code)
			snprintf(root, sizeof(root), "%s", code);
		else
			snprintf(root, sizeof(root), "%s", "");
		arena_release(&a);
		jur = root;
	}
	division_prefix(jur, prefix);
	/* the first run brings what the figures read up to date; the rest
	 * count as a page would, warm */
	for (i = 0; i < runs && !ret; i++) {
		struct arena a = ARENA_INIT;
		struct indicator_table t;
		if (indicator_table_load(db, prefix, &p, today, &a, &t, &err) < 0) {
			ret = cmd_fail("%s", err.buf);
		} else {
			if (i == runs - 1)
				print_table(&t, towns);
			if (i == runs - 1 && check) {
				int bad = check_table(db, &t, today, &err);
				if (bad < 0)
					ret = cmd_fail("%s", err.buf);
				else if (bad)
					ret = cmd_fail("%d figures differ from their lists", bad);
			}
			if (!best || t.usec < best)
				best = t.usec;
			total += t.usec;
			if (i == runs - 1)
				fprintf(stderr,
					"%d indicators x %d townships x %d periods: %d run%s, last %.1f ms, "
					"best %.1f ms, mean %.1f ms\n",
					nindicators, t.ntowns, INDICATOR_PERIODS, runs, runs > 1 ? "s" : "",
					(double)t.usec / 1000.0, (double)best / 1000.0,
					(double)total / 1000.0 / runs);
		}
		arena_release(&a);
	}
	store_put(db);
	store_close(s);
	buf_release(&err);
	return ret;
}
