/* pinyin.c - pinyin of names from the embedded Unihan reading table. */
#include "pinyin.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "embed.h"
#include "xalloc.h"

/*
 * The embedded text has one line per ideograph, sorted by code point:
 * "5F20 zhang" or, with a family-name reading, "66FE ceng zeng". Loading
 * keeps the text where it is and builds a sorted array of (code point,
 * offset of the reading): about 41,000 entries, 8 bytes each, searched by
 * bisection. Lines that do not parse, or break the order, are skipped.
 */
struct reading {
	uint32_t cp;
	uint32_t off;
};

static struct reading *table;
static size_t ntable;
static const char *text;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

#define MAX_SYLLABLE 6 /* zhuang, shuang */

static size_t syllable_len(const char *s, const char *end)
{
	size_t n = 0;
	while (s + n < end && s[n] >= 'a' && s[n] <= 'z')
		n++;
	return n;
}

/* Parses "HEX reading[ reading]" in [s, eol): the code point and where the
 * first reading starts, or -1. */
static int parse_line(const char *s, const char *eol, uint32_t *cp, const char **reading)
{
	uint32_t v = 0;
	int ndigits = 0;
	size_t n;

	for (; s < eol && *s != ' '; s++, ndigits++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
		if (d < 0 || ndigits == 6)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	if (!ndigits || v > 0x10ffff || s == eol)
		return -1;
	*reading = ++s;
	n = syllable_len(s, eol);
	if (!n || n > MAX_SYLLABLE)
		return -1;
	s += n;
	if (s < eol && *s == ' ') {
		n = syllable_len(++s, eol);
		if (!n || n > MAX_SYLLABLE)
			return -1;
		s += n;
	}
	*cp = v;
	return s == eol ? 0 : -1;
}

static void load_table(void)
{
	const struct embedded *e = embed_find("data/pinyin.tsv");
	const char *s, *end, *eol, *r;
	size_t lines = 0;
	uint32_t cp;

	if (!e)
		return;
	s = (const char *)e->start;
	end = (const char *)e->end;
	for (r = s; (r = memchr(r, '\n', (size_t)(end - r))); r++)
		lines++;
	table = xmalloc((lines + 1) * sizeof(*table));
	for (; s < end; s = eol + 1) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (!eol)
			eol = end;
		if (parse_line(s, eol, &cp, &r) < 0 || (ntable && cp <= table[ntable - 1].cp))
			continue;
		table[ntable].cp = cp;
		table[ntable].off = (uint32_t)(r - (const char *)e->start);
		ntable++;
	}
	text = (const char *)e->start;
}

/* The reading of cp, or its family-name reading when as_surname and it has
 * one; NULL when the table does not know cp. */
static const char *lookup(uint32_t cp, int as_surname, size_t *len)
{
	size_t lo = 0, hi = ntable, n;
	const char *r;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (table[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ntable || table[lo].cp != cp)
		return NULL;
	/* Loading checked the line: letters, then ' ', '\n' or the end (NUL). */
	r = text + table[lo].off;
	for (n = 0; r[n] >= 'a' && r[n] <= 'z'; n++)
		;
	if (as_surname && r[n] == ' ') {
		r += n + 1;
		for (n = 0; r[n] >= 'a' && r[n] <= 'z'; n++)
			;
	}
	*len = n;
	return r;
}

/* Decodes the UTF-8 sequence at s: its length, or 0 when it is invalid
 * (a stray or truncated sequence, overlong, a surrogate, past U+10FFFF).
 * The NUL terminator is never a continuation byte, so a truncated
 * sequence stops there. */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0];
	int n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int pinyin_of_name(const char *utf8_name, struct buf *full, struct buf *initials)
{
	const unsigned char *s = (const unsigned char *)utf8_name;
	int first = 1, in_word = 0, bad = 0;

	pthread_once(&table_once, load_table);
	while (*s) {
		uint32_t cp;
		int n = utf8_next(s, &cp);
		if (!n) {
			bad = 1;
			s++;
			in_word = first = 0;
			continue;
		}
		s += n;
		if (ascii_alnum(cp)) {
			char c = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
			if (full)
				buf_addch(full, c);
			if (initials && !in_word)
				buf_addch(initials, c);
			in_word = 1;
		} else {
			size_t len;
			const char *r = cp >= 0x80 ? lookup(cp, first, &len) : NULL;
			if (r) {
				if (full)
					buf_add(full, r, len);
				if (initials)
					buf_addch(initials, r[0]);
			}
			in_word = 0;
		}
		first = 0;
	}
	if (bad || (full && buf_err(full)) || (initials && buf_err(initials)))
		return -1;
	return 0;
}

int pinyin_of_name_arena(struct arena *a, const char *utf8_name, const char **full,
			 const char **initials)
{
	struct buf f = BUF_INIT, i = BUF_INIT;
	int rc = pinyin_of_name(utf8_name, &f, &i);

	*full = arena_strndup(a, f.buf, f.len);
	*initials = arena_strndup(a, i.buf, i.len);
	buf_release(&f);
	buf_release(&i);
	return rc;
}

int pinyin_is_query(const char *q)
{
	size_t n = 0;

	if (!q)
		return 0;
	for (; q[n]; n++)
		if (!((q[n] >= 'a' && q[n] <= 'z') || (q[n] >= 'A' && q[n] <= 'Z')))
			return 0;
	return n >= 2;
}

size_t pinyin_table_size(void)
{
	pthread_once(&table_once, load_table);
	return ntable;
}
