/* embed.h - files built into the binary (front-end packages, SQL, divisions, catalogs). */
#ifndef JINDU_EMBED_H
#define JINDU_EMBED_H

#include <stddef.h>

/* The table tools/embed.sh generates; the last entry has name == NULL. */
struct embedded {
	const char *name;
	const unsigned char *start;
	const unsigned char *end;
};

extern const struct embedded jindu_assets[];

/* Returns the embedded file called name ("static/app.css", "sql/0001-init.sql")
 * or NULL. The data is followed by a NUL byte, so text files are C strings. */
const struct embedded *embed_find(const char *name);
static inline size_t embed_size(const struct embedded *e)
{
	return (size_t)(e->end - e->start);
}

#endif
