/* doc.c - building a document in an arena, checking it, formatting its figures and dates. */
#include "report/doc.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"

/* ---- figures ---- */

static const double pow10_of[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };

static int clamp_decimals(int d)
{
	return d < 0 ? 0 : d > 6 ? 6 : d;
}

/*
 * |x| × 10^d rounded half away from zero, as a whole number in a double.
 * 2.675 is stored as 2.67499999…; nudged up by a few units in the last
 * place it rounds to 2.68, as the figure was written and as a person
 * rounds it. The nudge is far below 0.5 for any figure a report holds.
 */
static double scaled(double x, int d)
{
	double s = fabs(x) * pow10_of[d];
	if (s < 1e12)
		s += s * 8 * DBL_EPSILON;
	return floor(s + 0.5);
}

static double round_to(double x, int d)
{
	double r = scaled(x, d) / pow10_of[d];
	return x < 0 ? -r : r;
}

void doc_num_format(struct buf *out, const struct doc_num *n)
{
	char digits[512];
	int d = clamp_decimals(n->decimals), len, whole, i;
	double s;

	if (!isfinite(n->value)) {
		buf_adds(out, "—");
		return;
	}
	s = scaled(n->value, d);
	len = snprintf(digits, sizeof(digits), "%.0f", s);
	if (len <= 0 || len >= (int)sizeof(digits)) {
		buf_adds(out, "—");
		return;
	}
	if (s > 0 && n->value < 0)
		buf_addch(out, '-');
	else if (s > 0 && n->sign)
		buf_addch(out, '+');
	/* at least one digit before the point: 5 with two decimals is 0.05 */
	whole = len > d ? len - d : 0;
	if (!whole)
		buf_addch(out, '0');
	for (i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			buf_addch(out, ',');
		buf_addch(out, digits[i]);
	}
	if (d) {
		buf_addch(out, '.');
		for (i = len - whole; i < d; i++)
			buf_addch(out, '0');
		buf_adds(out, digits + whole);
	}
	if (n->unit)
		buf_adds(out, n->unit);
}

struct doc_num doc_count(double n)
{
	struct doc_num r = { n, NULL, 0, 0, DOC_MARK_NONE };
	return r;
}

static void percent(struct doc_num *out, double v, int sign)
{
	out->value = isfinite(v) ? round_to(v, 1) : NAN;
	out->unit = DOC_PERCENT;
	out->decimals = 1;
	out->sign = sign;
	out->mark = DOC_MARK_NONE;
	if (sign && out->value > 0)
		out->mark = DOC_MARK_UP;
	else if (sign && out->value < 0)
		out->mark = DOC_MARK_DOWN;
}

int doc_num_change(struct doc_num *out, double from, double to)
{
	if (from == 0) {
		percent(out, NAN, 1);
		return -1;
	}
	/* the difference first: counts stay exact until the one division */
	percent(out, (to - from) * 100.0 / fabs(from), 1);
	return 0;
}

int doc_num_ratio(struct doc_num *out, double part, double whole)
{
	if (whole == 0) {
		percent(out, NAN, 0);
		return -1;
	}
	percent(out, part * 100.0 / whole, 0);
	return 0;
}

/* ---- building ---- */

/* Keeps the first building mistake for doc_check. */
static void mistake(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void mistake(struct doc *d, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (d->error)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	d->error = arena_strdup(d->arena, msg);
}

struct doc *doc_new(struct arena *a, const char *title, const char *issuer, int date)
{
	struct doc *d = arena_zalloc(a, sizeof(*d));
	d->arena = a;
	d->title = arena_strdup(a, title ? title : "");
	d->issuer = arena_strdup(a, issuer ? issuer : "");
	d->date = date;
	return d;
}

void doc_set_number(struct doc *d, const char *number)
{
	d->number = number && *number ? arena_strdup(d->arena, number) : NULL;
}

void doc_set_period(struct doc *d, int from, int to)
{
	d->period_from = from;
	d->period_to = to;
}

static struct doc_block *block(struct doc *d, enum doc_block_kind kind)
{
	struct doc_block *b = ARENA_PUSH(d->arena, d->blocks, d->nblocks, d->alloc_blocks);
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static void text_block(struct doc *d, enum doc_block_kind kind, int level, const char *text)
{
	struct doc_block *b = block(d, kind);
	b->level = level;
	b->text = arena_strdup(d->arena, text ? text : "");
}

void doc_heading(struct doc *d, int level, const char *text)
{
	if (level < 1 || level > 2)
		mistake(d, "heading '%s' has level %d, not 1 or 2", text ? text : "", level);
	text_block(d, DOC_HEADING, level, text);
}

void doc_para(struct doc *d, const char *text)
{
	text_block(d, DOC_PARA, 0, text);
}

void doc_paraf(struct doc *d, const char *fmt, ...)
{
	struct doc_block *b = block(d, DOC_PARA);
	struct buf tmp = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	b->text = arena_strdup(d->arena, tmp.buf);
	buf_release(&tmp);
}

void doc_note(struct doc *d, const char *text)
{
	text_block(d, DOC_NOTE, 0, text);
}

/* ---- tables ---- */

struct doc_table *doc_table(struct doc *d, const char *caption, int ncols)
{
	struct doc_table *t = arena_zalloc(d->arena, sizeof(*t));
	t->caption = arena_strdup(d->arena, caption ? caption : "");
	t->ncols = ncols;
	t->doc = d;
	if (ncols < 1)
		mistake(d, "table '%s' has %d columns", t->caption, ncols);
	block(d, DOC_TABLE)->table = t;
	return t;
}

static void begin_row(struct doc_table *t, struct doc_row *r, int open)
{
	memset(r, 0, sizeof(*r));
	t->open = open;
}

void doc_table_head_row(struct doc_table *t)
{
	if (t->nbody || t->total)
		mistake(t->doc, "table '%s': a header row after the body", t->caption);
	begin_row(t, ARENA_PUSH(t->doc->arena, t->head, t->nhead, t->alloc_head), 1);
}

void doc_table_row(struct doc_table *t)
{
	if (t->total)
		mistake(t->doc, "table '%s': a body row after the totals row", t->caption);
	begin_row(t, ARENA_PUSH(t->doc->arena, t->body, t->nbody, t->alloc_body), 2);
}

void doc_table_total_row(struct doc_table *t)
{
	if (t->total)
		mistake(t->doc, "table '%s' has two totals rows", t->caption);
	t->total = arena_zalloc(t->doc->arena, sizeof(*t->total));
	begin_row(t, t->total, 3);
}

static struct doc_row *open_row(struct doc_table *t)
{
	switch (t->open) {
	case 1: return &t->head[t->nhead - 1];
	case 2: return &t->body[t->nbody - 1];
	case 3: return t->total;
	}
	return NULL;
}

/* 1 when column c of header row r is taken by a cell of a row above. */
static int taken_from_above(const struct doc_table *t, size_t r, int c)
{
	size_t i, j;
	for (i = 0; i < r; i++)
		for (j = 0; j < t->head[i].n; j++) {
			const struct doc_cell *x = &t->head[i].cells[j];
			if (i + (size_t)x->rowspan > r && c >= x->col && c < x->col + x->colspan)
				return 1;
		}
	return 0;
}

static struct doc_cell *add_cell(struct doc_table *t, int colspan, int rowspan)
{
	struct doc_row *row = open_row(t);
	struct doc_cell *c, *prev;
	int col, i;

	if (!row) {
		mistake(t->doc, "table '%s': a cell before any row", t->caption);
		row = t->total = arena_zalloc(t->doc->arena, sizeof(*t->total)); /* kept apart */
		t->open = 3;
	}
	prev = row->n ? &row->cells[row->n - 1] : NULL;
	col = prev ? prev->col + prev->colspan : 0;
	if (t->open == 1)
		while (col < t->ncols && taken_from_above(t, t->nhead - 1, col))
			col++;
	for (i = 0; t->open == 1 && i < colspan; i++)
		if (col + i < t->ncols && taken_from_above(t, t->nhead - 1, col + i))
			mistake(t->doc, "table '%s': a header cell overlaps one above", t->caption);
	if (colspan < 1 || rowspan < 1 || col + colspan > t->ncols)
		mistake(t->doc, "table '%s': a cell past column %d", t->caption, t->ncols);
	c = ARENA_PUSH(t->doc->arena, row->cells, row->n, row->alloc);
	memset(c, 0, sizeof(*c));
	c->col = col;
	c->colspan = colspan;
	c->rowspan = rowspan;
	return c;
}

void doc_table_head(struct doc_table *t, const char *text, int colspan, int rowspan)
{
	struct doc_cell *c;
	if (t->open != 1)
		mistake(t->doc, "table '%s': header cell '%s' outside a header row", t->caption,
			text ? text : "");
	c = add_cell(t, colspan, rowspan);
	c->kind = DOC_CELL_TEXT;
	c->text = arena_strdup(t->doc->arena, text ? text : "");
}

void doc_table_text(struct doc_table *t, const char *text)
{
	struct doc_cell *c = add_cell(t, 1, 1);
	c->kind = text ? DOC_CELL_TEXT : DOC_CELL_EMPTY;
	c->text = arena_strdup(t->doc->arena, text);
}

void doc_table_num(struct doc_table *t, const struct doc_num *n, const char *href)
{
	struct doc_cell *c = add_cell(t, 1, 1);
	c->kind = DOC_CELL_NUM;
	c->num = *n;
	c->num.unit = arena_strdup(t->doc->arena, n->unit);
	c->num.decimals = clamp_decimals(n->decimals);
	c->href = href && *href ? arena_strdup(t->doc->arena, href) : NULL;
}

void doc_table_empty(struct doc_table *t)
{
	add_cell(t, 1, 1)->kind = DOC_CELL_EMPTY;
}

/* ---- charts ---- */

struct doc_chart *doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title)
{
	struct doc_chart *c = arena_zalloc(d->arena, sizeof(*c));
	c->kind = kind;
	c->title = arena_strdup(d->arena, title ? title : "");
	c->doc = d;
	block(d, DOC_CHART)->chart = c;
	return c;
}

void doc_chart_series(struct doc_chart *c, const char *name, const char *unit, int decimals)
{
	struct doc_series *s;
	if (c->nseries == DOC_CHART_MAX_SERIES || c->ncat) {
		mistake(c->doc, "chart '%s': series '%s' is one too many or comes after its data",
			c->title, name ? name : "");
		return;
	}
	s = &c->series[c->nseries++];
	s->name = arena_strdup(c->doc->arena, name ? name : "");
	s->unit = arena_strdup(c->doc->arena, unit);
	s->decimals = clamp_decimals(decimals);
}

void doc_chart_point(struct doc_chart *c, const char *category, const double *values)
{
	struct arena *a = c->doc->arena;
	int i;
	/* the values of every series grow with the categories, to the same size */
	for (i = 0; i < c->nseries; i++) {
		size_t alloc = c->alloc_cat;
		c->series[i].values = arena_grow_array(a, c->series[i].values, c->ncat, &alloc,
						       sizeof(double));
		c->series[i].values[c->ncat] = values[i];
	}
	*(const char **)ARENA_PUSH(a, c->categories, c->ncat, c->alloc_cat) =
		arena_strdup(a, category ? category : "");
}

/* ---- checking ---- */

static int check_table(const struct doc_table *t, struct buf *err)
{
	size_t r, i;
	int c;

	for (r = 0; r < t->nhead; r++) {
		const struct doc_row *row = &t->head[r];
		for (i = 0; i < row->n; i++)
			if (r + (size_t)row->cells[i].rowspan > t->nhead) {
				buf_setf(err, "table '%s': header '%s' spans past the header rows",
					 t->caption, row->cells[i].text);
				return -1;
			}
		/* every place of the row is taken, by a cell of its own or from above */
		for (c = 0; c < t->ncols; c++) {
			int here = 0;
			for (i = 0; i < row->n; i++)
				if (c >= row->cells[i].col &&
				    c < row->cells[i].col + row->cells[i].colspan)
					here = 1;
			if (!here && !taken_from_above(t, r, c)) {
				buf_setf(err, "table '%s': header row %zu leaves column %d empty",
					 t->caption, r + 1, c + 1);
				return -1;
			}
		}
	}
	for (r = 0; r < t->nbody; r++)
		if (t->body[r].n != (size_t)t->ncols) {
			buf_setf(err, "table '%s': row %zu has %zu cells, not %d", t->caption, r + 1,
				 t->body[r].n, t->ncols);
			return -1;
		}
	if (t->total && t->total->n != (size_t)t->ncols) {
		buf_setf(err, "table '%s': the totals row has %zu cells, not %d", t->caption,
			 t->total->n, t->ncols);
		return -1;
	}
	return 0;
}

int doc_check(const struct doc *d, struct buf *err)
{
	size_t i;

	if (d->error) {
		buf_setf(err, "%s", d->error);
		return -1;
	}
	if (!*d->title) {
		buf_setf(err, "the document has no title");
		return -1;
	}
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DOC_TABLE && check_table(b->table, err) < 0)
			return -1;
		if (b->kind == DOC_CHART && (!b->chart->nseries || !b->chart->ncat)) {
			buf_setf(err, "chart '%s' has no %s", b->chart->title,
				 b->chart->nseries ? "categories" : "series");
			return -1;
		}
	}
	return 0;
}

/* ---- dates ---- */

void doc_date_format(struct buf *out, int ymd)
{
	if (ymd <= 0)
		return;
	buf_addf(out, _("%d年%d月%d日"), ymd / 10000, ymd / 100 % 100, ymd % 100);
}

void doc_period_format(struct buf *out, const struct doc *d)
{
	struct buf from = BUF_INIT, to = BUF_INIT;
	if (d->period_from <= 0 || d->period_to <= 0)
		return;
	doc_date_format(&from, d->period_from);
	doc_date_format(&to, d->period_to);
	buf_addf(out, _("统计时段：%s至%s"), from.buf, to.buf);
	buf_release(&from);
	buf_release(&to);
}

/* ---- writing ---- */

static const struct doc_format doc_formats[] = {
	{ "html", ".html", "text/html; charset=utf-8", doc_write_html },
	{ "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	  doc_write_xlsx },
	{ "pdf", ".pdf", "application/pdf", doc_write_pdf },
};

const struct doc_format *doc_format_find(const char *name)
{
	size_t i;
	for (i = 0; name && i < sizeof(doc_formats) / sizeof(doc_formats[0]); i++)
		if (!strcmp(doc_formats[i].name, name))
			return &doc_formats[i];
	return NULL;
}

int doc_write(const struct doc *d, const char *format, struct buf *out, struct buf *err)
{
	const struct doc_format *f = doc_format_find(format);
	if (!f) {
		size_t i, n = sizeof(doc_formats) / sizeof(doc_formats[0]);
		buf_setf(err, "unknown format '%s' (", format ? format : "");
		for (i = 0; i < n; i++)
			buf_addf(err, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ",
				 doc_formats[i].name);
		buf_addch(err, ')');
		return -1;
	}
	if (doc_check(d, err) < 0 || f->write(d, out, err) < 0)
		return -1;
	if (buf_err(out)) {
		buf_setf(err, "the %s of '%s' is larger than its buffer allows", f->name, d->title);
		return -1;
	}
	return 0;
}
