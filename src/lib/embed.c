/* embed.c - lookup in the table of embedded files. */
#include "embed.h"

#include <string.h>

const struct embedded *embed_find(const char *name)
{
	const struct embedded *e;
	for (e = jindu_assets; e->name; e++)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}
