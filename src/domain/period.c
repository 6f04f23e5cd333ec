/* period.c - reporting periods: keys, first and last days, the period before and a year before, China days. */
#include "domain/period.h"

#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/timeutil.h"

/* Months per period of each kind, in enum order. */
static const int months_of[] = { 1, 3, 6, 12 };
/* How many of each kind a year has. */
static const int per_year[] = { 12, 4, 2, 1 };

static int digits(const char *s, size_t n)
{
	size_t i;
	int v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int period_parse(const char *key, struct period *out)
{
	size_t len = key ? strlen(key) : 0;
	int year = len >= 4 ? digits(key, 4) : -1, index;

	if (year < 1900 || year > 2999)
		return -1;
	out->year = year;
	if (len == 4) {
		out->kind = PERIOD_YEAR;
		out->index = 1;
		return 0;
	}
	if (len == 7 && key[4] == '-') {
		out->kind = PERIOD_MONTH;
		index = digits(key + 5, 2);
	} else if (len == 6 && (key[4] == 'Q' || key[4] == 'q')) {
		out->kind = PERIOD_QUARTER;
		index = digits(key + 5, 1);
	} else if (len == 6 && (key[4] == 'H' || key[4] == 'h')) {
		out->kind = PERIOD_HALF;
		index = digits(key + 5, 1);
	} else {
		return -1;
	}
	if (index < 1 || index > per_year[out->kind])
		return -1;
	out->index = index;
	return 0;
}

const char *period_key(const struct period *p, char out[PERIOD_KEY_LEN])
{
	switch (p->kind) {
	case PERIOD_MONTH:
		snprintf(out, PERIOD_KEY_LEN, "%04d-%02d", p->year, p->index);
		break;
	case PERIOD_QUARTER:
		snprintf(out, PERIOD_KEY_LEN, "%04dQ%d", p->year, p->index);
		break;
	case PERIOD_HALF:
		snprintf(out, PERIOD_KEY_LEN, "%04dH%d", p->year, p->index);
		break;
	default:
		snprintf(out, PERIOD_KEY_LEN, "%04d", p->year);
	}
	return out;
}

const char *period_label(const struct period *p, char out[PERIOD_LABEL_LEN])
{
	/* literal formats, one per name, for the translators and the compiler */
	if (p->kind == PERIOD_MONTH)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年%d月"), p->year, p->index);
	else if (p->kind == PERIOD_QUARTER && p->index == 1)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年第一季度"), p->year);
	else if (p->kind == PERIOD_QUARTER && p->index == 2)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年第二季度"), p->year);
	else if (p->kind == PERIOD_QUARTER && p->index == 3)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年第三季度"), p->year);
	else if (p->kind == PERIOD_QUARTER)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年第四季度"), p->year);
	else if (p->kind == PERIOD_HALF && p->index == 1)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年上半年"), p->year);
	else if (p->kind == PERIOD_HALF)
		snprintf(out, PERIOD_LABEL_LEN, _("%d年下半年"), p->year);
	else
		snprintf(out, PERIOD_LABEL_LEN, _("%d年"), p->year);
	return out;
}

/* The first month (1-12) of p. */
static int first_month(const struct period *p)
{
	return (p->index - 1) * months_of[p->kind] + 1;
}

int period_first_day(const struct period *p)
{
	return p->year * 10000 + first_month(p) * 100 + 1;
}

int period_last_day(const struct period *p)
{
	int m = first_month(p) + months_of[p->kind] - 1;
	return p->year * 10000 + m * 100 + date_days_in_month(p->year, m);
}

struct period period_previous(const struct period *p)
{
	struct period q = *p;
	if (q.index > 1) {
		q.index--;
	} else {
		q.year--;
		q.index = per_year[q.kind];
	}
	return q;
}

struct period period_next(const struct period *p)
{
	struct period q = *p;
	if (q.index < per_year[q.kind]) {
		q.index++;
	} else {
		q.year++;
		q.index = 1;
	}
	return q;
}

struct period period_year_before(const struct period *p)
{
	struct period q = *p;
	q.year--;
	return q;
}

struct period period_of_day(enum period_kind kind, int day)
{
	struct period p;
	p.kind = kind;
	p.year = day / 10000;
	p.index = (day / 100 % 100 - 1) / months_of[kind] + 1;
	return p;
}

int period_china_day(int64_t t)
{
	int64_t days = t + PERIOD_CHINA_OFFSET;
	int y, m, d;
	/* floor division: instants before 1970 stay right */
	days = days >= 0 ? days / 86400 : (days - 86399) / 86400;
	date_from_days(days, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

void period_day_bounds(int from, int to, int64_t *start, int64_t *end)
{
	*start = date_to_days(from / 10000, from / 100 % 100, from % 100) * 86400 -
		 PERIOD_CHINA_OFFSET;
	*end = date_to_days(to / 10000, to / 100 % 100, to % 100) * 86400 + 86400 -
	       PERIOD_CHINA_OFFSET;
}
