/* xalloc.h - allocation that aborts on out-of-memory instead of returning NULL. */
#ifndef JINDU_XALLOC_H
#define JINDU_XALLOC_H

#include <stddef.h>

/* Each of these either succeeds or aborts the process with a message on stderr:
 * callers never check for NULL. Sizes an attacker controls must be capped before. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#define ALLOC_GROW(p, nr, alloc)                                           \
	do {                                                               \
		if ((nr) > (alloc)) {                                      \
			(alloc) = (alloc) < 16 ? 16 : (alloc) * 2;         \
			if ((alloc) < (nr))                                \
				(alloc) = (nr);                            \
			(p) = xrealloc((p), (alloc) * sizeof(*(p)));       \
		}                                                          \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
