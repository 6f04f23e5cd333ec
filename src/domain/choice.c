/* choice.c - lookups in coded-value lists. */
#include "choice.h"

#include <string.h>

const struct choice *choice_find(const struct choice *list, const char *key)
{
	for (; key && list->key; list++)
		if (!strcmp(list->key, key))
			return list;
	return NULL;
}

const char *choice_label(const struct choice *list, const char *key)
{
	const struct choice *c = choice_find(list, key);
	return c ? c->label : (key ? key : "");
}

int choice_valid(const struct choice *list, const char *key)
{
	return choice_find(list, key) != NULL;
}

int choice_valid_set(const struct choice *list, const char *keys)
{
	const char *p = keys;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const struct choice *c;
		if (!len || (comma && !comma[1]))
			return 0; /* "a,,b" and "a," have an empty key */
		for (c = list; c->key; c++)
			if (strlen(c->key) == len && !strncmp(c->key, p, len))
				break;
		if (!c->key)
			return 0;
		p = comma ? comma + 1 : NULL;
	}
	return 1;
}
