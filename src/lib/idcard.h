/* idcard.h - resident ID numbers (居民身份证号码, GB 11643-1999). */
#ifndef JINDU_IDCARD_H
#define JINDU_IDCARD_H

#include "buf.h"

/*
 * A parsed, valid 18-character ID number. Legacy 15-digit numbers are
 * upgraded on parsing (century 19 inserted, check character computed), so
 * the rest of the system only ever sees the 18-character form.
 */
struct idcard {
	char number[19];   /* normalised: 17 digits + check character (X upper case) */
	char region[7];    /* address code at issue (GB/T 2260), never "corrected" */
	int year, month, day;
	int male;          /* from the parity of the 17th character */
	int upgraded;      /* 1 when the input was a 15-digit legacy number */
};

/* The check character for the first 17 digits (ISO 7064 MOD 11-2). */
char idcard_check_char(const char *first17);

/*
 * Parses and validates s (surrounding spaces ignored, lower-case x accepted).
 * Checks length, digits, province, a real calendar birth date not after
 * today_ymd (YYYYMMDD as an int; 0 skips that test) and not before 1850 (the
 * standard's own example is born in 1880),
 * and the check character. Region codes that have since been abolished are
 * accepted: the address code is never changed after issue.
 * Returns 0, or -1 with a short Chinese message in err saying what is wrong.
 */
int idcard_parse(const char *s, int today_ymd, struct idcard *out, struct buf *err);

/* Writes the masked form for lists: 3608**********123X -> first 4 and last 4. */
void idcard_mask(const char *number, char out[19]);

/* Age in whole years at the date ymd (YYYYMMDD). */
int idcard_age(const struct idcard *id, int ymd);

#endif
