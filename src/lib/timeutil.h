/* timeutil.h - calendar dates as YYYYMMDD integers, day arithmetic, clock. */
#ifndef JINDU_TIMEUTIL_H
#define JINDU_TIMEUTIL_H

#include <stdint.h>
#include <time.h>

int date_is_leap(int year);
int date_days_in_month(int year, int month);
int date_valid(int year, int month, int day);

/* Days since 1970-01-01 for a civil date, and back (proleptic Gregorian). */
int64_t date_to_days(int year, int month, int day);
void date_from_days(int64_t days, int *year, int *month, int *day);

/* YYYYMMDD helpers: ymd_add_days(20240228, 1) == 20240229. */
int ymd_add_days(int ymd, int days);
int ymd_add_months(int ymd, int months); /* clamps to the month's last day */
int ymd_diff_days(int a, int b);          /* a - b in days */
/* Parses "2024-02-29" (or "20240229"); returns 0 or -1. */
int ymd_parse(const char *s, int *ymd);
/* Writes "2024-02-29" into out (11 bytes). */
void ymd_format(int ymd, char out[11]);

/* Local calendar date today, and wall-clock seconds. JINDU_TODAY=YYYY-MM-DD
 * in the environment fixes "today" for tests and reproducible demos. */
int ymd_today(void);
int64_t now_unix(void);
/* Monotonic time in microseconds, for latency measurement. */
int64_t now_usec(void);
/* "2026-11-23 12:34:56" (local time) into out (20 bytes). */
void unix_format(int64_t t, char out[20]);

#endif
