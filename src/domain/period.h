/* period.h - reporting periods (month, quarter, half-year, year) in China time: keys, days, the one before, a year before. */
#ifndef JINDU_PERIOD_H
#define JINDU_PERIOD_H

#include <stddef.h>
#include <stdint.h>

/*
 * A period is a run of calendar days; records carry their days as
 * YYYYMMDD, and an instant (an alert's creation) belongs to its calendar
 * day in China Standard Time (UTC+8), whatever the server's own zone.
 * Every period ends on the last day of a month: a figure counted "at the
 * period's end" is counted on that day, which the indicators rely on.
 *
 * Keys, as in URLs and the API: 2026-05 (a month), 2026Q3 (a quarter),
 * 2026H1 (a half-year), 2026 (a year).
 */
enum period_kind { PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF, PERIOD_YEAR };

struct period {
	enum period_kind kind;
	int year;
	int index; /* 1-based: the month 1-12, quarter 1-4, half 1-2; 1 for a year */
};

#define PERIOD_CHINA_OFFSET (8 * 3600)
#define PERIOD_KEY_LEN 8

/* Parses a key (years 1900-2999); 0, or -1 for anything else. */
int period_parse(const char *key, struct period *out);
/* The key of p into out. Returns out. */
const char *period_key(const struct period *p, char out[PERIOD_KEY_LEN]);
/* The name of p for people, translated: "2026年第三季度", "2026年5月". */
#define PERIOD_LABEL_LEN 48
const char *period_label(const struct period *p, char out[PERIOD_LABEL_LEN]);

/* Its first and last day (YYYYMMDD). */
int period_first_day(const struct period *p);
int period_last_day(const struct period *p);
/* The period of the same kind just before p (2026Q1 -> 2025Q4), and the
 * same period a year before (2026Q3 -> 2025Q3). */
struct period period_previous(const struct period *p);
struct period period_year_before(const struct period *p);
/* The period of the same kind just after p (2026Q4 -> 2027Q1). */
struct period period_next(const struct period *p);
/* The period of kind that day (YYYYMMDD) falls in. */
struct period period_of_day(enum period_kind kind, int day);

/* The calendar day in China of the instant t. */
int period_china_day(int64_t t);
/* The instants of days from..to (both included) in China time: [*start, *end). */
void period_day_bounds(int from, int to, int64_t *start, int64_t *end);

#endif
