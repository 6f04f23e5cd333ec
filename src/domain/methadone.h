/* methadone.h - 美沙酮维持治疗服药依从性: the rules of one month of dosing, on plain values. */
#ifndef JINDU_METHADONE_H
#define JINDU_METHADONE_H

#include "store/store.h"

/*
 * A person on methadone maintenance (an assistance record of kind
 * "methadone": clinic and enrolment date) has one record per month: the
 * days they should have dosed, the days they did and the average daily
 * dose. Adherence (依从率) is days taken / days due; a month below the
 * policy's methadone_min_percent (80% by default) is 依从性差.
 *
 * Months are YYYYMM integers, days YYYYMMDD, doses tenths of a milligram.
 * Nothing here reads the database or prints.
 */
#define METHADONE_MAX_DOSE_TENTHS 10000 /* 1000 mg */
#define METHADONE_MAX_CLINIC 150        /* bytes: fifty characters */

/* 1 when month is YYYYMM with a year from 1900 and a month 1-12. */
int methadone_month_valid(int month);
/* Days of the month (28, 29, 30, 31; February of leap years 29), 0 when
 * month is not valid. */
int methadone_days_in_month(int month);
/* The first and the last day of the month, as YYYYMMDD. */
int methadone_month_first(int month);
int methadone_month_last(int month);

/*
 * A month as people write it: "2026-05", "2026-5", "2026/5", "2026.5",
 * "2026年5月", "202605" (surrounding spaces ignored). 0 and *month set, or
 * -1 when s is not one of these or not a valid month.
 */
int methadone_month_parse(const char *s, int *month);
/* "2026-05" (out: 8 bytes). */
void methadone_month_format(int month, char out[8]);

/*
 * A dose in milligrams as written: "55", "55.5", " 60 mg", "60毫克"; more
 * decimals round to the nearest tenth (55.55 -> 555). 0 and *tenths set,
 * or -1 when s is not a number of at most five integer digits.
 */
int methadone_dose_parse(const char *s, int *tenths);
/* "55.5", "60.0" (out: 16 bytes). */
void methadone_dose_format(int tenths, char out[16]);

/* Adherence in tenths of a percent, rounded half up: 26 of 30 -> 867
 * (86.7%); 0 when due is 0. */
int methadone_adherence(int taken, int due);
/* "86.7%" (out: 16 bytes). */
void methadone_rate_format(int tenths_percent, char out[16]);
/* 1 when taken / due is below min_percent (依从性差); a rate exactly at the
 * threshold is not poor, and min_percent 0 flags nothing. Exact: no
 * rounding decides it. */
int methadone_poor(int taken, int due, int min_percent);

/* The newest methadone enrolment of as[0..n) (kind "methadone") that ran
 * during month: begun by its last day and not ended before its first.
 * NULL when there is none. */
const struct assistance *methadone_enrolment(const struct assistance *as, int n, int month);

/* One broken rule: the field (month, clinic, days_due, days_taken, dose)
 * and what is wrong, translated for the current language. */
struct methadone_error {
	const char *field;
	char message[256];
};
#define METHADONE_MAX_ERRORS 6

/*
 * Checks m (month, clinic, days, dose; dose_tenths < 0 means "not a
 * number") against the rules at today, the person's assistance records
 * as[0..nas) giving the enrolment:
 *   - the person has a methadone enrolment running during the month
 *     (begun on or before its last day, not ended before its first);
 *   - the month is valid and not after today's;
 *   - the clinic is named (at most METHADONE_MAX_CLINIC bytes);
 *   - 1 <= days_due <= the days of the month;
 *   - 0 <= days_taken <= days_due;
 *   - 0 <= dose <= 1000 mg, 0 exactly when no day was taken.
 * Fills errs (at most METHADONE_MAX_ERRORS) and returns how many; 0 when
 * m is valid.
 */
int methadone_check(const struct methadone_month *m, const struct assistance *as, int nas,
		    int today, struct methadone_error *errs);

/* What recording a month did. */
enum methadone_result {
	METHADONE_UNCHANGED, /* the same values were on record: nothing written */
	METHADONE_ADDED,
	METHADONE_UPDATED,   /* replaced the month on record */
};

/* 1 when a and b hold the same clinic, days and dose: recording b over a
 * changes nothing (who entered it and how do not count). */
int methadone_same(const struct methadone_month *a, const struct methadone_month *b);

#endif
