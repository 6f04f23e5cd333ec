/* csv.c - RFC 4180 CSV in UTF-8 (with or without BOM) or GB18030, read record by record. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/table-internal.h"
#include "lib/xalloc.h"

#define CHUNK 65536

struct csv {
	struct table t;
	FILE *f;
	unsigned char chunk[CHUNK];
	size_t pos, len;
	int eof;
	int sep;
	iconv_t cd;          /* GB18030 to UTF-8, or (iconv_t)-1 */
	int record;          /* number of the record being read (1-based) */
	int pending_lf;      /* the last record ended with CR: a following LF belongs to it */
	struct buf cell;     /* the raw bytes of the cell being read */
	struct buf conv;     /* a GB18030 cell converted */
};

/* The next byte of the file, or -1 at its end (or on a read error, which
 * csv_read_row reports). */
static int next_byte(struct csv *c)
{
	if (c->pos == c->len) {
		if (c->eof)
			return -1;
		c->len = fread(c->chunk, 1, CHUNK, c->f);
		c->pos = 0;
		if (c->len < CHUNK)
			c->eof = 1;
		if (!c->len)
			return -1;
	}
	return c->chunk[c->pos++];
}

/*
 * Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF),
 * fed in pieces: need, lo and hi carry a sequence across calls. Returns
 * 0 while valid, -1 at the first bad byte.
 */
struct utf8_state {
	int need;
	unsigned char lo, hi; /* the allowed range of the next continuation byte */
};

static int utf8_feed(struct utf8_state *s, const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char b = p[i];
		if (s->need) {
			if (b < s->lo || b > s->hi)
				return -1;
			s->need--;
			s->lo = 0x80;
			s->hi = 0xbf;
			continue;
		}
		s->lo = 0x80;
		s->hi = 0xbf;
		if (b < 0x80)
			continue;
		if (b >= 0xc2 && b <= 0xdf) {
			s->need = 1;
		} else if (b >= 0xe0 && b <= 0xef) {
			s->need = 2;
			if (b == 0xe0)
				s->lo = 0xa0;
			else if (b == 0xed)
				s->hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			s->need = 3;
			if (b == 0xf0)
				s->lo = 0x90;
			else if (b == 0xf4)
				s->hi = 0x8f;
		} else {
			return -1;
		}
	}
	return 0;
}

/* Reads the whole file once: valid UTF-8 or not, and a NUL anywhere. */
static int scan_file(struct csv *c, int *utf8, int *has_nul, struct buf *err)
{
	struct utf8_state s = { 0, 0x80, 0xbf };
	size_t n;
	*utf8 = 1;
	*has_nul = 0;
	while ((n = fread(c->chunk, 1, CHUNK, c->f)) > 0) {
		if (*utf8 && utf8_feed(&s, c->chunk, n) < 0)
			*utf8 = 0;
		if (memchr(c->chunk, 0, n))
			*has_nul = 1;
	}
	if (ferror(c->f)) {
		buf_setf(err, "cannot read the file: %s", strerror(errno));
		return -1;
	}
	if (s.need)
		*utf8 = 0; /* cut off in the middle of a character */
	rewind(c->f);
	return 0;
}

static void csv_close(struct table *t)
{
	struct csv *c = (struct csv *)t;
	if (c->f)
		fclose(c->f);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	buf_release(&c->cell);
	buf_release(&c->conv);
	table_release(t);
	free(c);
}

/* Ends the cell being read: converted to UTF-8 when needed, set as column col. */
static int end_cell(struct csv *c, size_t col, struct buf *err)
{
	char *in, *out;
	size_t inleft, outleft;
	char name[4];

	if (c->cd == (iconv_t)-1 || !c->cell.len)
		return table_cell_set(&c->t, c->record, col, c->cell.buf, c->cell.len, err);
	/* GB18030 takes at most 4 bytes where UTF-8 takes 4, 2 where it takes 3. */
	buf_reset(&c->conv);
	if (buf_grow(&c->conv, c->cell.len * 2) < 0)
		return -1;
	in = c->cell.buf;
	inleft = c->cell.len;
	out = c->conv.buf;
	outleft = c->cell.len * 2;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	if (iconv(c->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		table_column_name((int)col, name);
		buf_setf(err, "row %d, column %s: the text is neither UTF-8 nor GB18030 "
			      "(save the file as \"CSV UTF-8\")", c->record, name);
		return -1;
	}
	return table_cell_set(&c->t, c->record, col, c->conv.buf, (size_t)(out - c->conv.buf), err);
}

enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

static int csv_read_row(struct table *t, int *line, struct buf *err)
{
	struct csv *c = (struct csv *)t;
	int st = FIELD_START, ch, started = 0;
	size_t col = 0;
	char name[4];

	c->record++;
	*line = c->record;
	buf_reset(&c->cell);
	for (;;) {
		ch = next_byte(c);
		if (c->pending_lf) {
			c->pending_lf = 0;
			if (ch == '\n')
				continue;
		}
		if (ch < 0)
			break;
		started = 1;
		if (st == QUOTED) {
			if (ch == '"')
				st = QUOTE_IN_QUOTED;
			else
				buf_addch(&c->cell, ch);
		} else if (ch == c->sep) {
			if (end_cell(c, col++, err) < 0)
				return -1;
			buf_reset(&c->cell);
			st = FIELD_START;
		} else if (ch == '\r' || ch == '\n') {
			c->pending_lf = ch == '\r';
			break;
		} else if (ch == '"' && st == FIELD_START) {
			st = QUOTED;
		} else if (ch == '"' && st == QUOTE_IN_QUOTED) {
			buf_addch(&c->cell, '"'); /* "" inside quotes */
			st = QUOTED;
		} else {
			/* Text after a closing quote or a quote inside an unquoted
			 * cell is kept as it is, as spreadsheet programs do. */
			buf_addch(&c->cell, ch);
			st = UNQUOTED;
		}
		if (c->cell.len > TABLE_MAX_CELL) {
			table_column_name((int)col, name);
			buf_setf(err, "row %d, column %s: the cell holds more than %d bytes%s",
				 c->record, name, TABLE_MAX_CELL,
				 st == QUOTED ? " (a quote that is never closed?)" : "");
			return -1;
		}
	}
	if (ferror(c->f)) {
		buf_setf(err, "cannot read the file: %s", strerror(errno));
		return -1;
	}
	if (st == QUOTED) {
		table_column_name((int)col, name);
		buf_setf(err, "row %d, column %s: a quoted cell is never closed", c->record, name);
		return -1;
	}
	if (!started)
		return 0;
	return end_cell(c, col, err) < 0 ? -1 : 1;
}

static const struct table_ops csv_ops = { csv_read_row, csv_close };

/* Looks at the start of the file: byte order marks, a zip, the separator. */
static int sniff(struct csv *c, int utf8, struct buf *err)
{
	const unsigned char *p = c->chunk;
	size_t n, i;

	n = fread(c->chunk, 1, CHUNK, c->f);
	c->len = n;
	c->eof = n < CHUNK;
	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) {
		buf_setf(err, "the file is UTF-16 (Excel's \"Unicode text\"): save it as "
			      "\"CSV UTF-8\" or .xlsx");
		return -1;
	}
	if (n >= 4 && !memcmp(p, "PK\3\4", 4)) {
		buf_setf(err, "the file is a zip archive (an .xlsx workbook?), not CSV text");
		return -1;
	}
	if (utf8 && n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3)) {
		c->pos = 3;
		c->t.enc = TABLE_UTF8_BOM;
	} else if (!utf8 && n >= 4 && !memcmp(p, "\x84\x31\x95\x33", 4)) {
		c->pos = 4; /* GB18030's own byte order mark */
	}
	/* A tab-separated first line (no comma before the line break). */
	for (i = c->pos; i < n && p[i] != '\n' && p[i] != '\r' && p[i] != ','; i++)
		if (p[i] == '\t')
			c->sep = '\t';
	if (i < n && p[i] == ',')
		c->sep = ',';
	return 0;
}

struct table *table_open_csv(const char *path, struct buf *err)
{
	struct csv *c = xcalloc(1, sizeof(*c));
	int utf8, has_nul;

	table_init(&c->t, &csv_ops, TABLE_UTF8);
	c->cd = (iconv_t)-1;
	c->sep = ',';
	buf_init(&c->cell, TABLE_MAX_CELL + 8);
	buf_init(&c->conv, 0);
	c->f = fopen(path, "rb");
	if (!c->f) {
		buf_setf(err, "cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (scan_file(c, &utf8, &has_nul, err) < 0 || sniff(c, utf8, err) < 0)
		goto fail;
	if (has_nul) {
		buf_setf(err, "'%s' holds NUL bytes: it is not a text file", path);
		goto fail;
	}
	if (!utf8) {
		c->t.enc = TABLE_GB18030;
		c->cd = iconv_open("UTF-8", "GB18030");
		if (c->cd == (iconv_t)-1) {
			buf_setf(err, "the file is not UTF-8 and this system cannot convert GB18030");
			goto fail;
		}
	}
	return &c->t;
fail:
	csv_close(&c->t);
	return NULL;
}
