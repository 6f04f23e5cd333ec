/* buf.h - the one growable byte buffer: never NULL, always NUL-terminated, capped. */
#ifndef JINDU_BUF_H
#define JINDU_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Invariants (after BUF_INIT or buf_init):
 *  - b->buf is never NULL and b->buf[b->len] == '\0', so it can always be
 *    passed where a C string is expected;
 *  - b->len never exceeds b->max when a cap is set (max == 0 means no cap);
 *  - the error is sticky: once an append would pass the cap, b->err is set,
 *    the buffer keeps what it had and every later append is a no-op. A long
 *    run of appends therefore needs one buf_err() check at the end.
 *
 * Ownership: the buffer owns b->buf until buf_detach() hands it to the caller.
 * buf_release() frees it and leaves an empty, usable buffer behind.
 */
struct buf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t max;
	int err;
};

extern char buf_slopbuf[];
#define BUF_INIT { buf_slopbuf, 0, 0, 0, 0 }
#define BUF_INIT_MAX(m) { buf_slopbuf, 0, 0, (m), 0 }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Returns the string, which the caller frees; the buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);
void buf_setlen(struct buf *b, size_t len);
int buf_err(const struct buf *b);

void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_addbuf(struct buf *b, const struct buf *other);
/* Ensure room for n more bytes (respecting the cap). Returns 0 or -1. */
int buf_grow(struct buf *b, size_t n);

/* Replace the content with a formatted string; handy for error messages. */
void buf_setf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
