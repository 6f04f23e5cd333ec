/* arena.c - bump allocator made of a chain of blocks. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_BLOCK 8192
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (!need)
		need = ARENA_ALIGN;
	if (!b || b->size - b->used < need) {
		size_t size = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;
		struct arena_block *nb = xmalloc(sizeof(*nb) + size);
		nb->used = 0;
		nb->size = size;
		if (b && size == need) {
			/* A big one-off allocation goes behind the current block so the
			 * current block's free space stays usable. */
			nb->next = b->next;
			b->next = nb;
			nb->used = need;
			a->total += size;
			return nb->data;
		}
		nb->next = b;
		a->head = b = nb;
		a->total += size;
	}
	p = b->data + b->used;
	b->used += need;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, SIZE_MAX) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	int n;
	char *p;

	va_start(ap, fmt);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *arena_grow_array(struct arena *a, void *p, size_t nr, size_t *alloc, size_t size)
{
	void *bigger;
	if (nr < *alloc)
		return p;
	*alloc = *alloc ? *alloc * 2 : 16;
	bigger = arena_alloc(a, *alloc * size);
	if (nr)
		memcpy(bigger, p, nr * size);
	return bigger;
}
