/* rate.c - rates and changes in tenths of a percent, rounded half up, in integers only. */
#include "domain/rate.h"

#include <stdio.h>

int rate_tenths(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	/* integers only: 2/3 is 666.67 tenths, rounded to 667, never 666 */
	return (int)((num * 1000 + den / 2) / den);
}

const char *rate_format(int64_t num, int64_t den, char out[RATE_LEN])
{
	int t = rate_tenths(num, den);
	if (t < 0)
		snprintf(out, RATE_LEN, "—");
	else
		snprintf(out, RATE_LEN, "%d.%d%%", t / 10, t % 10);
	return out;
}

int change_tenths(int64_t prev, int64_t cur, int *tenths)
{
	int64_t diff = cur - prev;
	int t;

	if (prev <= 0)
		return -1;
	/* the magnitude by the rule of rates, then the sign: a fall of 0.05%
	 * shows as -0.1%, as the same rise shows as +0.1% */
	t = rate_tenths(diff < 0 ? -diff : diff, prev);
	*tenths = diff < 0 ? -t : t;
	return 0;
}

const char *tenths_signed(int tenths, char out[RATE_LEN])
{
	int m = tenths < 0 ? -tenths : tenths;
	snprintf(out, RATE_LEN, "%s%d.%d", tenths > 0 ? "+" : tenths < 0 ? "-" : "", m / 10, m % 10);
	return out;
}

const char *change_format(int64_t prev, int64_t cur, char out[RATE_LEN])
{
	int t;

	if (change_tenths(prev, cur, &t) < 0) {
		snprintf(out, RATE_LEN, "—");
	} else {
		int m = t < 0 ? -t : t;
		snprintf(out, RATE_LEN, "%s%d.%d%%", t > 0 ? "+" : t < 0 ? "-" : "", m / 10, m % 10);
	}
	return out;
}
