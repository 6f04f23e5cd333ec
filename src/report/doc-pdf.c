/* doc-pdf.c - a document as a printable official paper (公文): A4, GB/T 9704 margins, cairo and pango. */
#include "report/doc-pdf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"

/*
 * The layout follows GB/T 9704-2012 where a county office's printer would
 * notice: the text block of 22 lines, the issuer in red over a red rule
 * with the document number between them, the title centred, body text in
 * 16-point serif (三号) with paragraphs indented two characters, the
 * issuer and the date at the end, and "— 1 —" under the text block of
 * every page. Tables are in sans serif, ruled, as wide as the text block;
 * one that does not fit goes on over the page with its header rows again
 * and its caption marked （续）.
 *
 * Everything is drawn in points on an A4 page. The fonts are Debian's
 * fonts-noto-cjk; writing fails when they are missing rather than
 * printing boxes in place of every character.
 */

static const char *const font_specs[PDF_NFONTS] = {
	[PDF_ISSUER] = "Noto Serif CJK SC Bold 26",
	[PDF_TITLE] = "Noto Serif CJK SC Bold 22",
	[PDF_BODY] = "Noto Serif CJK SC 16",
	[PDF_H1] = "Noto Sans CJK SC Bold 16",
	[PDF_H2] = "Noto Serif CJK SC Bold 16",
	[PDF_NOTE] = "Noto Serif CJK SC 12",
	[PDF_CAPTION] = "Noto Sans CJK SC Bold 12",
	[PDF_CELL] = "Noto Sans CJK SC 10.5",
	[PDF_CELL_BOLD] = "Noto Sans CJK SC Bold 10.5",
	[PDF_SMALL] = "Noto Sans CJK SC 9",
	[PDF_FOLIO] = "Noto Serif CJK SC 14",
};
static const char *const families[] = { "Noto Serif CJK SC", "Noto Sans CJK SC" };

#define BODY_PITCH (PDF_TEXT_H / 22) /* 22 lines to the page */
#define INDENT 32.0                  /* two characters of 16-point text */
#define PAD_X 3.5                    /* inside a table cell */
#define PAD_Y 3.0

/* ---- text ---- */

PangoLayout *pdf_layout(struct pdf *p, enum pdf_font f, const char *text, double width,
			PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	pango_layout_set_font_description(l, p->fonts[f]);
	pango_layout_set_text(l, text ? text : "", -1);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	return l;
}

void pdf_size(PangoLayout *l, double *w, double *h)
{
	int iw, ih;
	pango_layout_get_size(l, &iw, &ih);
	if (w)
		*w = (double)iw / PANGO_SCALE;
	if (h)
		*h = (double)ih / PANGO_SCALE;
}

void pdf_show(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* "— 3 —" under the text block. */
static void folio(struct pdf *p)
{
	char s[32];
	PangoLayout *l;
	snprintf(s, sizeof(s), "— %d —", p->page);
	l = pdf_layout(p, PDF_FOLIO, s, PDF_TEXT_W, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, l, PDF_LEFT, PDF_BOTTOM + PDF_MM(7));
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	folio(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = PDF_TOP;
}

void pdf_need(struct pdf *p, double h)
{
	if (p->y + h > PDF_BOTTOM + 0.01 && p->y > PDF_TOP + 0.01)
		new_page(p);
}

/*
 * Draws l line by line from p->y, pitch points apart (or more for a taller
 * line), going on over the page where the block ends.
 */
static void flow(struct pdf *p, PangoLayout *l, double x, double pitch)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle r;
		double h, ascent;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		h = (double)r.height / PANGO_SCALE;
		ascent = (double)(pango_layout_iter_get_baseline(it) - r.y) / PANGO_SCALE;
		if (h < pitch)
			h = pitch;
		pdf_need(p, h);
		/* the line sits in the middle of its pitch */
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE,
			      p->y + (h - (double)r.height / PANGO_SCALE) / 2 + ascent);
		pango_cairo_show_layout_line(p->cr, line);
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* A block of text from the left edge, first line indented by indent. */
static void text_block(struct pdf *p, enum pdf_font f, const char *text, double indent,
		       double pitch, PangoAlignment align)
{
	PangoLayout *l = pdf_layout(p, f, text, PDF_TEXT_W, align);
	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	pango_layout_set_justify(l, align == PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	flow(p, l, PDF_LEFT, pitch);
	g_object_unref(l);
}

/* The title centred, in lines of even length rather than a full line and
 * a character or two left over. */
static void title_block(struct pdf *p, const char *text)
{
	PangoLayout *l = pdf_layout(p, PDF_TITLE, text, 0, PANGO_ALIGN_CENTER);
	double w, width = PDF_TEXT_W;

	pdf_size(l, &w, NULL);
	g_object_unref(l);
	if (w > PDF_TEXT_W) {
		width = w / ceil(w / PDF_TEXT_W) + 22; /* a character to spare */
		if (width > PDF_TEXT_W)
			width = PDF_TEXT_W;
	}
	l = pdf_layout(p, PDF_TITLE, text, width, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	flow(p, l, PDF_LEFT + (PDF_TEXT_W - width) / 2, 22 * 1.5);
	g_object_unref(l);
}

/* The head: issuer in red, the number, a red rule, the title, the period. */
static void head(struct pdf *p)
{
	const struct doc *d = p->d;
	struct buf period = BUF_INIT;
	PangoLayout *l;
	double h;

	l = pdf_layout(p, PDF_ISSUER, d->issuer, PDF_TEXT_W, PANGO_ALIGN_CENTER);
	pdf_size(l, NULL, &h);
	cairo_set_source_rgb(p->cr, 0.80, 0.05, 0.05);
	pdf_show(p, l, PDF_LEFT, p->y);
	g_object_unref(l);
	p->y += h + PDF_MM(6);
	if (d->number) {
		text_block(p, PDF_BODY, d->number, 0, BODY_PITCH, PANGO_ALIGN_CENTER);
		p->y += PDF_MM(1);
	}
	cairo_set_source_rgb(p->cr, 0.80, 0.05, 0.05);
	cairo_set_line_width(p->cr, 1.5);
	cairo_move_to(p->cr, PDF_LEFT, p->y);
	cairo_line_to(p->cr, PDF_LEFT + PDF_TEXT_W, p->y);
	cairo_stroke(p->cr);
	p->y += 2 * BODY_PITCH;
	title_block(p, d->title);
	doc_period_format(&period, d);
	if (period.len)
		text_block(p, PDF_NOTE, period.buf, 0, BODY_PITCH, PANGO_ALIGN_CENTER);
	p->y += BODY_PITCH / 2;
	buf_release(&period);
}

/* The issuer and the date at the end: the date four characters from the
 * right edge, the issuer centred over it (GB/T 9704 without a seal). */
static void sign_off(struct pdf *p)
{
	struct buf date = BUF_INIT;
	PangoLayout *dl, *il;
	double dw, iw, right = PDF_LEFT + PDF_TEXT_W - 4 * 16, centre;

	doc_date_format(&date, p->d->date);
	dl = pdf_layout(p, PDF_BODY, date.buf, 0, PANGO_ALIGN_LEFT);
	il = pdf_layout(p, PDF_BODY, p->d->issuer, 0, PANGO_ALIGN_LEFT);
	pdf_size(dl, &dw, NULL);
	pdf_size(il, &iw, NULL);
	centre = right - dw / 2;
	if (centre + iw / 2 > PDF_LEFT + PDF_TEXT_W)
		centre = PDF_LEFT + PDF_TEXT_W - iw / 2;
	p->y += BODY_PITCH;
	pdf_need(p, 2 * BODY_PITCH);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, il, centre - iw / 2, p->y + 4);
	p->y += BODY_PITCH;
	if (date.len)
		pdf_show(p, dl, right - dw, p->y + 4);
	p->y += BODY_PITCH;
	g_object_unref(dl);
	g_object_unref(il);
	buf_release(&date);
}

/* ---- tables ---- */

struct grid {
	const struct doc_table *t;
	PangoFontDescription *font[2]; /* regular and bold, at the size that fits */
	double size;
	double *x;       /* ncols + 1 column edges */
	double *head_h;  /* the height of each header row */
	double head_total;
};

/* Cell text from 10.5 points (五号) down to 8 when the columns need it. */
static const double cell_sizes[] = { 10.5, 10, 9.5, 9, 8.5, 8 };

/* A cell's text as every writer writes it; *arrow is where the mark's
 * arrow begins, or -1. */
static void cell_text(const struct doc_cell *c, struct buf *b, int *arrow)
{
	*arrow = -1;
	if (c->kind == DOC_CELL_TEXT) {
		buf_adds(b, c->text);
	} else if (c->kind == DOC_CELL_NUM) {
		doc_num_format(b, &c->num);
		if (c->num.mark != DOC_MARK_NONE && isfinite(c->num.value)) {
			*arrow = (int)b->len;
			buf_adds(b, c->num.mark == DOC_MARK_UP ? "↑" : "↓");
		}
	}
}

/* Figures on the right, text and headers centred; the arrow in colour
 * (red up, green down: it reads in black and white as well). */
static PangoLayout *cell_layout(struct pdf *p, const struct grid *g, const struct doc_cell *c,
				int bold, int header, double width)
{
	struct buf b = BUF_INIT;
	PangoLayout *l;
	int arrow;

	cell_text(c, &b, &arrow);
	l = pdf_layout(p, PDF_CELL, b.buf, width,
		       header || c->kind != DOC_CELL_NUM ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);
	pango_layout_set_font_description(l, g->font[bold != 0]);
	if (arrow >= 0) {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *a = c->num.mark == DOC_MARK_UP
					    ? pango_attr_foreground_new(0xB8B8, 0x3131, 0x2F2F)
					    : pango_attr_foreground_new(0x2E2E, 0x7D7D, 0x3232);
		a->start_index = (guint)arrow;
		a->end_index = (guint)b.len;
		pango_attr_list_insert(attrs, a);
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	buf_release(&b);
	return l;
}

static double natural_width(struct pdf *p, const struct grid *g, const struct doc_cell *c,
			    int bold)
{
	PangoLayout *l = cell_layout(p, g, c, bold, 0, 0);
	double w;
	pdf_size(l, &w, NULL);
	g_object_unref(l);
	return w + 2 * PAD_X;
}

static void widen(double *have, double want)
{
	if (want > *have)
		*have = want;
}

/*
 * The least and the natural width of each column: a figure never wraps,
 * text may wrap after six characters (a township's name stays whole), a
 * header into three lines of at least two characters. Header cells that
 * span columns wrap within what their columns get.
 */
static void column_needs(struct pdf *p, const struct grid *g, double *lo, double *hi)
{
	const struct doc_table *t = g->t;
	double pad = 2 * PAD_X, chars = g->size;
	size_t r, i;
	int c;

	for (c = 0; c < t->ncols; c++)
		lo[c] = hi[c] = pad + chars;
	for (r = 0; r < t->nhead; r++)
		for (i = 0; i < t->head[r].n; i++) {
			const struct doc_cell *x = &t->head[r].cells[i];
			double nw, least;
			if (x->colspan != 1)
				continue;
			nw = natural_width(p, g, x, 1);
			least = (nw - pad) / 3 + chars / 2 + pad; /* three lines, some slack */
			if (least < 2 * chars + pad)
				least = 2 * chars + pad;
			widen(&lo[x->col], nw < least ? nw : least);
			widen(&hi[x->col], nw);
		}
	for (r = 0; r <= t->nbody; r++) {
		const struct doc_row *row = r < t->nbody ? &t->body[r] : t->total;
		for (i = 0; row && i < row->n; i++) {
			const struct doc_cell *x = &row->cells[i];
			double nw = natural_width(p, g, x, row == t->total);
			if (x->kind == DOC_CELL_NUM)
				widen(&lo[x->col], nw);
			else
				widen(&lo[x->col], nw < 6 * chars + pad ? nw : 6 * chars + pad);
			widen(&hi[x->col], nw);
		}
	}
}

/* The cell fonts (PDF_CELL, PDF_CELL_BOLD) at size points. */
static void grid_fonts(struct pdf *p, struct grid *g, double size)
{
	int b;
	g->size = size;
	for (b = 0; b < 2; b++) {
		if (!g->font[b])
			g->font[b] = pango_font_description_copy(p->fonts[b ? PDF_CELL_BOLD : PDF_CELL]);
		pango_font_description_set_size(g->font[b], (gint)(size * PANGO_SCALE));
	}
}

/*
 * Column widths filling the text block, at the largest cell text that lets
 * every column have its least width; the rest goes in proportion to what
 * each column would take on one line.
 */
static void column_widths(struct pdf *p, struct grid *g)
{
	const struct doc_table *t = g->t;
	double *lo = xcalloc((size_t)t->ncols, sizeof(double));
	double *hi = xcalloc((size_t)t->ncols, sizeof(double));
	double sum_lo = 0, sum_hi = 0;
	size_t k;
	int c;

	for (k = 0; k < sizeof(cell_sizes) / sizeof(cell_sizes[0]); k++) {
		grid_fonts(p, g, cell_sizes[k]);
		column_needs(p, g, lo, hi);
		sum_lo = sum_hi = 0;
		for (c = 0; c < t->ncols; c++) {
			sum_lo += lo[c];
			sum_hi += hi[c];
		}
		if (sum_lo <= PDF_TEXT_W)
			break;
	}
	g->x[0] = PDF_LEFT;
	for (c = 0; c < t->ncols; c++) {
		double w;
		if (sum_hi <= PDF_TEXT_W)
			w = hi[c] * PDF_TEXT_W / sum_hi;
		else if (sum_lo <= PDF_TEXT_W)
			w = lo[c] + (PDF_TEXT_W - sum_lo) * (hi[c] - lo[c]) / (sum_hi - sum_lo);
		else
			w = lo[c] * PDF_TEXT_W / sum_lo; /* too many columns: everything wraps */
		g->x[c + 1] = g->x[c] + w;
	}
	free(lo);
	free(hi);
}

static double cell_height(struct pdf *p, const struct grid *g, const struct doc_cell *c,
			  int bold, int header)
{
	PangoLayout *l = cell_layout(p, g, c, bold, header,
				     g->x[c->col + c->colspan] - g->x[c->col] - 2 * PAD_X);
	double h;
	pdf_size(l, NULL, &h);
	g_object_unref(l);
	return h + 2 * PAD_Y;
}

static double row_height(struct pdf *p, const struct grid *g, const struct doc_row *row, int bold)
{
	double h = 0;
	size_t i;
	for (i = 0; i < row->n; i++)
		widen(&h, cell_height(p, g, &row->cells[i], bold, 0));
	return h;
}

/* Header rows: each as tall as its cells, and a cell spanning rows gets
 * the room it lacks from the last row it spans. */
static void head_heights(struct pdf *p, struct grid *g)
{
	const struct doc_table *t = g->t;
	size_t r, i, k;

	for (r = 0; r < t->nhead; r++)
		for (i = 0; i < t->head[r].n; i++)
			if (t->head[r].cells[i].rowspan == 1)
				widen(&g->head_h[r], cell_height(p, g, &t->head[r].cells[i], 1, 1));
	for (r = 0; r < t->nhead; r++)
		for (i = 0; i < t->head[r].n; i++) {
			const struct doc_cell *c = &t->head[r].cells[i];
			double have = 0, need;
			if (c->rowspan == 1)
				continue;
			for (k = r; k < r + (size_t)c->rowspan; k++)
				have += g->head_h[k];
			need = cell_height(p, g, c, 1, 1);
			if (need > have)
				g->head_h[r + (size_t)c->rowspan - 1] += need - have;
		}
	g->head_total = 0;
	for (r = 0; r < t->nhead; r++)
		g->head_total += g->head_h[r];
}

static void draw_cell(struct pdf *p, const struct grid *g, const struct doc_cell *c, int bold,
		      int header, double y, double h)
{
	double x = g->x[c->col], w = g->x[c->col + c->colspan] - x, lh;
	PangoLayout *l = cell_layout(p, g, c, bold, header, w - 2 * PAD_X);

	pdf_size(l, NULL, &lh);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, l, x + PAD_X, y + (h - lh) / 2);
	g_object_unref(l);
	cairo_set_line_width(p->cr, 0.5);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

static void draw_head(struct pdf *p, const struct grid *g)
{
	const struct doc_table *t = g->t;
	double y = p->y;
	size_t r, i, k;

	for (r = 0; r < t->nhead; r++) {
		for (i = 0; i < t->head[r].n; i++) {
			const struct doc_cell *c = &t->head[r].cells[i];
			double h = 0;
			for (k = r; k < r + (size_t)c->rowspan; k++)
				h += g->head_h[k];
			draw_cell(p, g, c, 1, 1, y, h);
		}
		y += g->head_h[r];
	}
	p->y = y;
}

/* The heavier rule round the part of a table on one page. */
static void frame(struct pdf *p, double top)
{
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 1.0);
	cairo_rectangle(p->cr, PDF_LEFT, top, PDF_TEXT_W, p->y - top);
	cairo_stroke(p->cr);
}

static void caption(struct pdf *p, const char *text)
{
	PangoLayout *l = pdf_layout(p, PDF_CAPTION, text, PDF_TEXT_W, PANGO_ALIGN_CENTER);
	double h;
	pdf_size(l, NULL, &h);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, l, PDF_LEFT, p->y + 4);
	p->y += h + 8;
	g_object_unref(l);
}

static void grid_init(struct pdf *p, struct grid *g, const struct doc_table *t)
{
	memset(g, 0, sizeof(*g));
	g->t = t;
	g->x = xcalloc((size_t)t->ncols + 1, sizeof(double));
	g->head_h = xcalloc(t->nhead + 1, sizeof(double));
	column_widths(p, g);
	head_heights(p, g);
}

static void grid_release(struct grid *g)
{
	pango_font_description_free(g->font[0]);
	pango_font_description_free(g->font[1]);
	free(g->x);
	free(g->head_h);
}

/* What must go on one page: the caption, the header and the first row. */
static double table_start(struct pdf *p, const struct grid *g)
{
	const struct doc_table *t = g->t;
	double cap = 0;
	if (*t->caption) {
		PangoLayout *l = pdf_layout(p, PDF_CAPTION, t->caption, PDF_TEXT_W,
					    PANGO_ALIGN_CENTER);
		pdf_size(l, NULL, &cap);
		g_object_unref(l);
		cap += 8;
	}
	return cap + g->head_total +
	       (t->nbody ? row_height(p, g, &t->body[0], 0)
			 : t->total ? row_height(p, g, t->total, 1) : 0);
}

static void table(struct pdf *p, const struct doc_table *t)
{
	struct buf more = BUF_INIT;
	struct grid g;
	double top;
	size_t r;

	grid_init(p, &g, t);
	pdf_need(p, table_start(p, &g));
	if (*t->caption)
		caption(p, t->caption);
	top = p->y;
	draw_head(p, &g);
	for (r = 0; r <= t->nbody; r++) {
		const struct doc_row *row = r < t->nbody ? &t->body[r] : t->total;
		int bold = r == t->nbody;
		double h;
		size_t i;
		if (!row)
			break;
		h = row_height(p, &g, row, bold);
		if (p->y + h > PDF_BOTTOM && p->y > top + g.head_total + 0.01) {
			frame(p, top);
			new_page(p);
			buf_reset(&more);
			buf_addf(&more, _("%s（续）"), t->caption);
			caption(p, more.buf);
			top = p->y;
			draw_head(p, &g);
		}
		for (i = 0; i < row->n; i++)
			draw_cell(p, &g, &row->cells[i], bold, 0, p->y, h);
		p->y += h;
	}
	frame(p, top);
	p->y += 8;
	buf_release(&more);
	grid_release(&g);
}

/* How much of block i must stand on the page of a heading before it. */
static double block_start(struct pdf *p, size_t i)
{
	const struct doc_block *b;
	struct grid g;
	double h;

	if (i >= p->d->nblocks)
		return 0;
	b = &p->d->blocks[i];
	switch (b->kind) {
	case DOC_HEADING: /* and what follows that */
		return BODY_PITCH + block_start(p, i + 1);
	case DOC_TABLE:
		grid_init(p, &g, b->table);
		h = table_start(p, &g);
		grid_release(&g);
		return h;
	case DOC_CHART:
		return pdf_chart_height(p, b->chart);
	case DOC_NOTE:
		return 12 * 1.6;
	case DOC_PARA:
		return 2 * BODY_PITCH;
	}
	return 0;
}

/* ---- the document ---- */

static cairo_status_t sink(void *closure, const unsigned char *data, unsigned int length)
{
	struct buf *out = closure;
	buf_add(out, data, length);
	return buf_err(out) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The fonts must be there: pango would otherwise print boxes for Chinese. */
static int fonts_present(struct buf *err)
{
	PangoFontFamily **list;
	int n, i, found = 1;
	size_t k;

	pango_font_map_list_families(pango_cairo_font_map_get_default(), &list, &n);
	for (k = 0; k < sizeof(families) / sizeof(families[0]) && found; k++) {
		found = 0;
		for (i = 0; i < n && !found; i++)
			found = !strcmp(pango_font_family_get_name(list[i]), families[k]);
		if (!found)
			buf_setf(err, "the font '%s' is missing (Debian package fonts-noto-cjk)",
				 families[k]);
	}
	g_free(list);
	return found ? 0 : -1;
}

static void blocks(struct pdf *p)
{
	size_t i;
	for (i = 0; i < p->d->nblocks; i++) {
		const struct doc_block *b = &p->d->blocks[i];
		switch (b->kind) {
		case DOC_HEADING:
			/* not alone at the foot of a page: with the start of what follows */
			pdf_need(p, BODY_PITCH + block_start(p, i + 1));
			text_block(p, b->level == 1 ? PDF_H1 : PDF_H2, b->text, INDENT, BODY_PITCH,
				   PANGO_ALIGN_LEFT);
			break;
		case DOC_PARA:
			text_block(p, PDF_BODY, b->text, INDENT, BODY_PITCH, PANGO_ALIGN_LEFT);
			break;
		case DOC_NOTE:
			text_block(p, PDF_NOTE, b->text, 0, 12 * 1.6, PANGO_ALIGN_LEFT);
			break;
		case DOC_TABLE:
			table(p, b->table);
			break;
		case DOC_CHART:
			pdf_chart(p, b->chart);
			break;
		}
	}
}

int doc_write_pdf(const struct doc *d, struct buf *out, struct buf *err)
{
	struct pdf p = { .d = d, .y = PDF_TOP, .page = 1 };
	cairo_font_options_t *fo;
	cairo_surface_t *s;
	cairo_status_t st;
	int i;

	if (fonts_present(err) < 0)
		return -1;
	s = cairo_pdf_surface_create_for_stream(sink, out, PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, d->issuer);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "jindu");
	p.cr = cairo_create(s);
	p.ctx = pango_cairo_create_context(p.cr);
	/* one point a unit, and glyph advances as designed, not fitted to pixels */
	pango_cairo_context_set_resolution(p.ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p.ctx, fo);
	cairo_font_options_destroy(fo);
	for (i = 0; i < PDF_NFONTS; i++)
		p.fonts[i] = pango_font_description_from_string(font_specs[i]);

	head(&p);
	blocks(&p);
	sign_off(&p);
	folio(&p);
	cairo_show_page(p.cr);

	for (i = 0; i < PDF_NFONTS; i++)
		pango_font_description_free(p.fonts[i]);
	g_object_unref(p.ctx);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_setf(err, "cannot write the PDF: %s",
			 buf_err(out) ? "the document is too large" : cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
