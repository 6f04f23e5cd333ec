/* rate.h - rates and changes of figures in tenths of a percent, rounded half up: one rule for every page. */
#ifndef JINDU_RATE_H
#define JINDU_RATE_H

#include <stdint.h>

/*
 * Every percentage jindu shows has one decimal and is computed in
 * integers, so that what a page shows, what the API sends and what a
 * test expects never differ by a rounding: the exact value in tenths of a
 * percent, rounded half up on its magnitude (四舍五入).
 */

/* num of den in tenths of a percent: 1 of 3 is 333 (33.3%), 2 of 3 is 667;
 * -1 when there is nothing to count (den 0 or less). */
int rate_tenths(int64_t num, int64_t den);

#define RATE_LEN 24
/* The same as text: "33.3%", "100.0%", or "—" when den is 0. Returns out. */
const char *rate_format(int64_t num, int64_t den, char out[RATE_LEN]);

/*
 * The change from prev to cur as tenths of a percent of prev (环比, 同比):
 * 949 -> 1,309 is +379 (+37.9%), 1,309 -> 1,459 is +115 (+11.5%), 10 -> 5
 * is -500. The magnitude is rounded half up, then signed. Returns 0 with
 * *tenths set, or -1 when prev is 0 or less: a change from nothing has no
 * percentage.
 */
int change_tenths(int64_t prev, int64_t cur, int *tenths);
/* "+37.9%", "-50.0%", "0.0%", or "—" (from 0). Returns out. */
const char *change_format(int64_t prev, int64_t cur, char out[RATE_LEN]);

/* Tenths as a signed figure with one decimal: 379 -> "+37.9", -5 -> "-0.5",
 * 0 -> "0.0"; the caller adds the unit (% or 个百分点). Returns out. */
const char *tenths_signed(int tenths, char out[RATE_LEN]);

#endif
