/* towns.c - the townships of an area, as the rows of per-township figures. */
#include "domain/towns.h"

#include <string.h>

int towns_of_area(struct db *db, const char *prefix, struct arena *a, struct town **out, int *n,
		  struct buf *err)
{
	struct division *list, one;
	int i, rc;

	*n = 0;
	if (strlen(prefix) >= 9) {
		rc = store_division_get(db, prefix, a, &one, err);
		if (rc < 0)
			return -1;
		*out = arena_zalloc(a, sizeof(**out));
		(*out)->key = prefix;
		(*out)->label = rc == 0 ? one.name : prefix;
		*n = 1;
		return 0;
	}
	if (store_division_list(db, prefix, 4, 4, a, &list, n, err) < 0)
		return -1;
	*out = arena_zalloc(a, sizeof(**out) * (size_t)(*n + 1));
	for (i = 0; i < *n; i++) {
		(*out)[i].key = list[i].code;
		(*out)[i].label = list[i].name;
	}
	return 0;
}
