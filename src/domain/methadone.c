/* methadone.c - months of methadone maintenance: parsing, adherence and the rules of a month. */
#include "domain/methadone.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/timeutil.h"

int methadone_month_valid(int month)
{
	return month / 100 >= 1900 && month / 100 <= 9999 && month % 100 >= 1 && month % 100 <= 12;
}

int methadone_days_in_month(int month)
{
	return methadone_month_valid(month) ? date_days_in_month(month / 100, month % 100) : 0;
}

int methadone_month_first(int month)
{
	return month * 100 + 1;
}

int methadone_month_last(int month)
{
	return month * 100 + methadone_days_in_month(month);
}

static const char *skip_spaces(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Up to max digits into *out; returns how many were read. */
static int digits(const char **s, int max, int *out)
{
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)**s)) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n;
}

int methadone_month_parse(const char *s, int *month)
{
	const char *p = skip_spaces(s);
	int y, m, n, cn;

	n = digits(&p, 6, &y);
	if (n == 6) {
		m = y % 100; /* 202605 */
		y /= 100;
	} else if (n == 4) {
		cn = !strncmp(p, "年", 3);
		if (!cn && *p != '-' && *p != '/' && *p != '.')
			return -1;
		p += cn ? 3 : 1;
		if (!digits(&p, 2, &m))
			return -1;
		if (cn && !strncmp(p, "月", 3))
			p += 3;
	} else {
		return -1;
	}
	if (*skip_spaces(p) || !methadone_month_valid(y * 100 + m))
		return -1;
	*month = y * 100 + m;
	return 0;
}

void methadone_month_format(int month, char out[8])
{
	unsigned m = month > 0 ? (unsigned)month : 0;
	snprintf(out, 8, "%04u-%02u", m / 100 % 10000, m % 100);
}

int methadone_dose_parse(const char *s, int *tenths)
{
	const char *p = skip_spaces(s);
	int whole, first = 0, second = 0, n;

	n = digits(&p, 5, &whole);
	if (!n || isdigit((unsigned char)*p))
		return -1;
	if (*p == '.') {
		p++;
		if (isdigit((unsigned char)*p))
			first = *p++ - '0';
		if (isdigit((unsigned char)*p))
			second = *p++ - '0';
		while (isdigit((unsigned char)*p))
			p++;
	}
	p = skip_spaces(p);
	if (!strncasecmp(p, "mg", 2))
		p += 2;
	else if (!strncmp(p, "毫克", 6))
		p += 6;
	if (*skip_spaces(p))
		return -1;
	/* half up on the hundredths: what lies beyond them cannot change it */
	*tenths = whole * 10 + first + (second >= 5);
	return 0;
}

void methadone_dose_format(int tenths, char out[16])
{
	snprintf(out, 16, "%d.%d", tenths / 10, tenths % 10);
}

int methadone_adherence(int taken, int due)
{
	if (due <= 0)
		return 0;
	return (int)((2000L * taken + due) / (2L * due));
}

void methadone_rate_format(int tenths_percent, char out[16])
{
	snprintf(out, 16, "%d.%d%%", tenths_percent / 10, tenths_percent % 10);
}

int methadone_poor(int taken, int due, int min_percent)
{
	return due > 0 && 100L * taken < (long)min_percent * due;
}

const struct assistance *methadone_enrolment(const struct assistance *as, int n, int month)
{
	const struct assistance *best = NULL;
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(as[i].kind, "methadone") || as[i].start_date > methadone_month_last(month) ||
		    (as[i].end_date && as[i].end_date < methadone_month_first(month)))
			continue;
		if (!best || as[i].start_date > best->start_date)
			best = &as[i];
	}
	return best;
}

static struct methadone_error *add(struct methadone_error *errs, int *n, const char *field)
{
	struct methadone_error *e = &errs[*n < METHADONE_MAX_ERRORS ? *n : METHADONE_MAX_ERRORS - 1];
	if (*n < METHADONE_MAX_ERRORS)
		(*n)++;
	e->field = field;
	e->message[0] = '\0';
	return e;
}

/* Why no enrolment runs during the month: none at all, all begun later, or
 * ended before it. */
static void not_enrolled(const struct assistance *as, int nas, int month,
			 struct methadone_error *e)
{
	char m[8], d[11];
	int i, first = 0, last_end = 0;

	for (i = 0; i < nas; i++) {
		if (strcmp(as[i].kind, "methadone"))
			continue;
		if (!first || as[i].start_date < first)
			first = as[i].start_date;
		if (as[i].end_date > last_end)
			last_end = as[i].end_date;
	}
	methadone_month_format(month, m);
	if (!first) {
		snprintf(e->message, sizeof(e->message), "%s",
			 _("没有美沙酮维持治疗入组记录：请先在帮扶救助中记录门诊和入组日期"));
	} else if (first > methadone_month_last(month)) {
		ymd_format(first, d);
		snprintf(e->message, sizeof(e->message), _("%s 早于美沙酮维持治疗入组日期 %s"), m, d);
	} else {
		ymd_format(last_end, d);
		snprintf(e->message, sizeof(e->message), _("%s 美沙酮维持治疗已于 %s 结束"), m, d);
	}
}

int methadone_check(const struct methadone_month *m, const struct assistance *as, int nas,
		    int today, struct methadone_error *errs)
{
	int n = 0, days = methadone_days_in_month(m->month);
	char name[8];

	if (!days) {
		snprintf(add(errs, &n, "month")->message, sizeof(errs->message), "%s",
			 _("月份无效，应写成 2026-05"));
	} else if (m->month > today / 100) {
		snprintf(add(errs, &n, "month")->message, sizeof(errs->message), "%s",
			 _("月份不能晚于本月"));
	} else if (!methadone_enrolment(as, nas, m->month)) {
		not_enrolled(as, nas, m->month, add(errs, &n, "month"));
	}
	if (!m->clinic || !*m->clinic || strlen(m->clinic) > METHADONE_MAX_CLINIC)
		snprintf(add(errs, &n, "clinic")->message, sizeof(errs->message), "%s",
			 _("请填写门诊名称（最多50个字）"));
	if (m->days_due < 1 || m->days_due > (days ? days : 31)) {
		struct methadone_error *e = add(errs, &n, "days_due");
		methadone_month_format(m->month, name);
		if (days)
			snprintf(e->message, sizeof(e->message),
				 _("应服药天数应在 1 到 %d 之间（%s 有 %d 天）"), days, name, days);
		else
			snprintf(e->message, sizeof(e->message), "%s",
				 _("应服药天数应在 1 到 31 之间"));
	}
	if (m->days_taken < 0 || m->days_taken > 31 ||
	    (m->days_due >= 1 && m->days_taken > m->days_due))
		snprintf(add(errs, &n, "days_taken")->message, sizeof(errs->message),
			 _("实际服药天数应在 0 到应服药天数（%d）之间"), m->days_due);
	if (m->dose_tenths < 0 || m->dose_tenths > METHADONE_MAX_DOSE_TENTHS)
		snprintf(add(errs, &n, "dose")->message, sizeof(errs->message), "%s",
			 _("平均剂量应为 0 到 1000 之间的毫克数，如 55.5"));
	else if (m->days_taken == 0 && m->dose_tenths > 0)
		snprintf(add(errs, &n, "dose")->message, sizeof(errs->message), "%s",
			 _("实际服药天数为 0 时，平均剂量应为 0"));
	else if (m->days_taken > 0 && m->dose_tenths == 0)
		snprintf(add(errs, &n, "dose")->message, sizeof(errs->message), "%s",
			 _("有服药天数时，请填写平均剂量"));
	return n;
}

int methadone_same(const struct methadone_month *a, const struct methadone_month *b)
{
	return !strcmp(a->clinic ? a->clinic : "", b->clinic ? b->clinic : "") &&
	       a->days_due == b->days_due && a->days_taken == b->days_taken &&
	       a->dose_tenths == b->dose_tenths;
}
