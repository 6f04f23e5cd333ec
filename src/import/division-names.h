/* division-names.h - townships and villages by the names clerks write, and back to names. */
#ifndef JINDU_DIVISION_NAMES_H
#define JINDU_DIVISION_NAMES_H

#include "store/store.h"

/*
 * The townships (乡镇、街道) and villages (村、社区) under one area, looked
 * up by what a spreadsheet holds: a code (9 or 12 digits; a township's
 * 12-digit form 360825100000 too) or a name — "恩江镇", "恩江", "大山村委会",
 * "大山村", "恩江镇大山村委会", "恩江镇/大山村", optionally preceded by the
 * names above the area ("江西省吉安市永丰县恩江镇"). Above county level,
 * a county name in front tells same-named townships apart.
 *
 * Exact names win over loose ones (suffixes such as 镇, 乡, 村委会, 居委会
 * left out); a name that fits more than one place is ambiguous and a code
 * or the township in front is needed.
 */
struct division_names;

/* Loads the divisions under prefix (a significant prefix, "" for all).
 * Returns NULL with err. Free with division_names_free. */
struct division_names *division_names_load(struct db *db, const char *prefix, struct buf *err);
void division_names_free(struct division_names *dn);

enum division_match { DIVISION_FOUND, DIVISION_UNKNOWN, DIVISION_AMBIGUOUS };

/* Resolves text; on DIVISION_FOUND *code is the division's code (borrowed
 * from dn). A code of the right form that is not under the area is
 * DIVISION_UNKNOWN. */
enum division_match division_names_resolve(const struct division_names *dn, const char *text,
					   const char **code);

/* "恩江镇" for a township, "恩江镇八一居委会" for a village, NULL for a code
 * not loaded. Borrowed from dn. */
const char *division_names_label(const struct division_names *dn, const char *code);

/* The townships loaded, in code order: their names in *names (borrowed). */
int division_names_townships(const struct division_names *dn, const char *const **names);

#endif
