/* arena.h - bump allocator whose allocations all die together (one request, one run). */
#ifndef JINDU_ARENA_H
#define JINDU_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

/*
 * An arena hands out memory that is never freed one piece at a time:
 * arena_release() frees everything at once. A request owns one arena,
 * so what a handler allocates dies with the request. Not thread-safe:
 * one arena belongs to one thread at a time.
 */
struct arena {
	struct arena_block *head;
	size_t total;
};

#define ARENA_INIT { NULL, 0 }

void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

/*
 * Growing arrays in an arena: ARENA_PUSH(a, list, nr, alloc) makes room for
 * one more element (copying into a bigger block when full; the old block
 * stays in the arena) and evaluates to a pointer to the new element, after
 * incrementing nr. list starts NULL, nr and alloc start 0 (size_t).
 */
void *arena_grow_array(struct arena *a, void *p, size_t nr, size_t *alloc, size_t size);
#define ARENA_PUSH(a, p, nr, alloc) \
	((p) = arena_grow_array((a), (p), (nr), &(alloc), sizeof(*(p))), &(p)[(nr)++])

#endif
