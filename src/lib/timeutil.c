/* timeutil.c - civil-date arithmetic (days-from-civil algorithm) and clocks. */
#include "timeutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : d[m - 1];
}

int date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int64_t date_to_days(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int ymd_add_days(int ymd, int days)
{
	int y, m, d;
	date_from_days(date_to_days(ymd / 10000, ymd / 100 % 100, ymd % 100) + days, &y, &m, &d);
	return y * 10000 + m * 100 + d;
}

int ymd_add_months(int ymd, int months)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	int total = y * 12 + (m - 1) + months;
	int dim;
	y = total / 12;
	m = total % 12 + 1;
	dim = date_days_in_month(y, m);
	if (d > dim)
		d = dim;
	return y * 10000 + m * 100 + d;
}

int ymd_diff_days(int a, int b)
{
	return (int)(date_to_days(a / 10000, a / 100 % 100, a % 100) -
		     date_to_days(b / 10000, b / 100 % 100, b % 100));
}

int ymd_parse(const char *s, int *ymd)
{
	int y, m, d, n = 0;
	size_t i, len;
	if (!s)
		return -1;
	/* sscanf's %d also takes signs and spaces ("2024-+2-29", "+0240229"):
	 * only the exact shapes dddddddd and dddd-dd-dd get that far. */
	len = strlen(s);
	if (len != 8 && len != 10)
		return -1;
	for (i = 0; i < len; i++)
		if ((len == 10 && (i == 4 || i == 7)) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return -1;
	if (strlen(s) == 8 && sscanf(s, "%4d%2d%2d%n", &y, &m, &d, &n) == 3 && n == 8) {
		/* fall through to validation */
	} else if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0' && n == 10) {
	} else {
		return -1;
	}
	if (!date_valid(y, m, d))
		return -1;
	*ymd = y * 10000 + m * 100 + d;
	return 0;
}

void ymd_format(int ymd, char out[11])
{
	if (ymd <= 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", ymd / 10000 % 10000, ymd / 100 % 100, ymd % 100);
}

int ymd_today(void)
{
	const char *fixed = getenv("JINDU_TODAY");
	time_t t;
	struct tm tm;
	int ymd;

	if (fixed && ymd_parse(fixed, &ymd) == 0)
		return ymd;
	t = time(NULL);
	localtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t now_unix(void)
{
	return (int64_t)time(NULL);
}

int64_t now_usec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void unix_format(int64_t t, char out[20])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}
