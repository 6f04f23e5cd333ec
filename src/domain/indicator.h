/* indicator.h - the indicator catalogue (指标): each defined once, counted from the records, per township and period, with the records behind it. */
#ifndef JINDU_INDICATOR_H
#define JINDU_INDICATOR_H

#include "domain/choice.h"
#include "domain/period.h"
#include "domain/role.h"
#include "domain/towns.h"
#include "store/store.h"

/*
 * An indicator is a count of records (persons, measures, test periods,
 * help records, alerts) of an area over a period, or a rate of two
 * counts. Nothing is typed in: a count is a store query (enum
 * store_count), or the sum of other counts, and every count opens the
 * list of the records that make it, which has exactly that many rows.
 * Counts "at the end" stand on the period's last day (在册 at 30
 * September for 2026Q3); the others count what happened in the period.
 * The rules are in the catalogue (indicator.c) and docs/indicators.md.
 */
enum indicator_kind { IND_COUNT, IND_RATE };
enum indicator_time { IND_AT_END, IND_DURING };

/* What a column of an indicator's record list shows, of struct count_record. */
enum indicator_field { IF_NONE, IF_DATE1, IF_DATE2, IF_DETAIL, IF_NUMBER };
enum indicator_format {
	FMT_DAY,    /* YYYYMMDD */
	FMT_TIME,   /* a Unix instant, shown in China time */
	FMT_TEXT,   /* as recorded */
	FMT_CODE,   /* a coded value of the indicator's codes */
	FMT_COUNT,  /* a number */
};
struct indicator_column {
	enum indicator_field field;
	enum indicator_format format;
	const char *label; /* N_() */
};
#define INDICATOR_COLUMNS 4

/* The coded values a list's detail column holds. */
enum indicator_codes { CODES_NONE, CODES_CONTROL_STATUS, CODES_ADDICTION, CODES_MEASURE_STATUS,
		       CODES_MEASURE_KIND, CODES_HELP_KIND, CODES_ALERT_STATUS };

/* What a record of the list is, and where it opens: a person's record (a
 * file, measure, flag, test period, help) opens the person, an alert the
 * alert. (A case would open the case: a value here and a line in the
 * table of src/web/page-indicators.c.) */
enum indicator_link { LINK_PERSON, LINK_ALERT };

struct indicator {
	const char *key;          /* in URLs and the API: "registered" */
	const char *name;         /* Chinese, N_() */
	const char *unit;         /* N_(): 人, 人次, 次, 件; "%" for a rate */
	const char *section;      /* N_(): the heading it is listed under */
	enum indicator_kind kind;
	enum indicator_time time;
	/* a count: its records (the store's count), and its figure unless
	 * it is the sum of plus less minus (other counts' keys) */
	enum store_count count;
	const char *plus[2], *minus;
	/* a rate: numerator and denominator (counts' keys) */
	const char *num, *den;
	enum module module;       /* read access to it opens the records */
	enum indicator_link link;
	const char *division_label; /* N_(): the list's division column */
	struct indicator_column columns[INDICATOR_COLUMNS];
	enum indicator_codes codes;
	const char *definition;   /* N_(): the rule, for people */
};

extern const struct indicator indicators[];
extern const int nindicators;

/* The indicator of key, or NULL; its index, or -1. */
const struct indicator *indicator_find(const char *key);
int indicator_index(const char *key);
/* The coded values of its detail column, or NULL. */
const struct choice *indicator_codes(const struct indicator *ind);

/* The period as the store counts it: its days and its instants in China time. */
void indicator_bounds(const struct period *p, struct count_period *out);

/* One figure: a count (n), or a rate (n of d, in tenths of a percent, -1
 * when d is 0). */
struct indicator_value {
	int64_t n, d;
	int tenths;
};

/* The period asked for, the one before, and the same one a year before. */
#define INDICATOR_PERIODS 3
enum { PERIOD_THIS, PERIOD_BEFORE, PERIOD_YEAR_BEFORE };

/* Every indicator of an area for the three periods, per township and in all. */
struct indicator_table {
	const char *prefix;
	struct period periods[INDICATOR_PERIODS];
	struct town *towns;        /* the area's townships, by code (towns.h) */
	int ntowns;
	struct indicator_value *values;
	int64_t usec;              /* the time the counting took */
};

/*
 * Counts every indicator of the area prefix for p, the period before it
 * and the same period a year before: one grouped query per count and
 * period, whatever the number of townships. What the figures read is
 * brought up to date first (kept_prepare, at today). Everything is
 * allocated in a. 0 or -1 with err.
 */
int indicator_table_load(struct db *db, const char *prefix, const struct period *p, int today,
			 struct arena *a, struct indicator_table *out, struct buf *err);
/* The figure of indicator i in township t (t == ntowns: the whole area)
 * for period k (PERIOD_THIS ...). */
const struct indicator_value *indicator_value(const struct indicator_table *t, int i, int town,
					      int k);

/*
 * One page of the records behind a count of the area prefix (the user's
 * area, or a township of it) in period p, newest first; *total is the
 * count itself. -1 with err for a rate (it has none of its own: its two
 * counts have).
 */
int indicator_records(struct db *db, const struct indicator *ind, const char *prefix,
		      const struct period *p, int today, int offset, int limit, struct arena *a,
		      struct count_record **out, int *n, int64_t *total, struct buf *err);

#endif
