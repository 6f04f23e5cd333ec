/* buf.c - growable byte buffer with a size cap and a sticky error. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char buf_slopbuf[1];

void buf_init(struct buf *b, size_t max)
{
	b->buf = buf_slopbuf;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
	b->err = 0;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->buf);
	buf_init(b, b->max);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s;
	if (len)
		*len = b->len;
	if (!b->alloc)
		s = xstrdup("");
	else
		s = b->buf;
	buf_init(b, b->max);
	return s;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

void buf_setlen(struct buf *b, size_t len)
{
	if (len > b->len)
		len = b->len;
	b->len = len;
	if (b->alloc)
		b->buf[len] = '\0';
}

int buf_err(const struct buf *b)
{
	return b->err;
}

int buf_grow(struct buf *b, size_t n)
{
	size_t want;
	if (b->err)
		return -1;
	if (n > SIZE_MAX / 2 - b->len || (b->max && b->len + n > b->max)) {
		b->err = 1;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	if (!b->alloc) {
		size_t a = want < 64 ? 64 : want;
		b->buf = xmalloc(a);
		b->buf[0] = '\0';
		b->alloc = a;
		return 0;
	}
	{
		size_t a = b->alloc * 2;
		if (a < want)
			a = want;
		b->buf = xrealloc(b->buf, a);
		b->alloc = a;
	}
	return 0;
}

void buf_add(struct buf *b, const void *data, size_t n)
{
	if (buf_grow(b, n) < 0)
		return;
	if (n)
		memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, int c)
{
	char ch = (char)c;
	buf_add(b, &ch, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	if (b->err)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_addbuf(struct buf *b, const struct buf *other)
{
	buf_add(b, other->buf, other->len);
}

void buf_setf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	buf_reset(b);
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}
