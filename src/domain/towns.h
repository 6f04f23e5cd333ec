/* towns.h - the rows of a per-township table: the townships of an area, or the area itself when it is narrower. */
#ifndef JINDU_TOWNS_H
#define JINDU_TOWNS_H

#include "store/store.h"

struct town {
	const char *key;   /* the township's code (9 digits), or the area's own */
	const char *label; /* its name */
};

/*
 * The townships (level 4) under the area prefix, by code; when the area is
 * a township or narrower, the area alone (its name, or its code when the
 * division is unknown). Figures are grouped by the first nine digits of a
 * record's division (all of them for a narrower area), which are these
 * keys. Allocated in a; 0 or -1 with err.
 */
int towns_of_area(struct db *db, const char *prefix, struct arena *a, struct town **out, int *n,
		  struct buf *err);

#endif
