/* division.h - administrative division codes: levels, significant prefixes, subtrees. */
#ifndef JINDU_DIVISION_H
#define JINDU_DIVISION_H

/*
 * Codes: province 360000, city 360800, county 360825 (GB/T 2260, 6 digits),
 * township 360825100 (9), village 360825100201 (12) (NBS 统计用区划代码).
 * The prefix is the code's significant digits: 36, 3608, 360825, 360825100,
 * 360825100201. A record belongs to the subtree of a division exactly when
 * its code starts with that division's prefix.
 */

/* 1..5 for a well-formed code, 0 otherwise. */
int division_level(const char *code);
/* Writes the significant prefix (at most 12 digits + NUL); "" for bad codes. */
void division_prefix(const char *code, char out[13]);
/* 1 when code lies in the subtree whose prefix is given ("" = everything). */
int division_in(const char *code, const char *prefix);
/* 1 for a syntactically valid code (6, 9 or 12 digits). */
int division_valid(const char *code);

#endif
