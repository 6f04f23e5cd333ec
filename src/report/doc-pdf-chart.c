/* doc-pdf-chart.c - the printed document's bar and line charts, drawn with cairo, labelled with pango. */
#include "report/doc-pdf.h"

#include <math.h>

/*
 * Bars lie flat with the categories down the left, as the web page draws
 * them (twenty township names fit there, not under upright bars), each
 * labelled with its figure; lines run across with a label over every
 * point. Figures are written by doc_num_format, as in the tables.
 */

#define BAND_ONE 17.0    /* the height of a category with one series */
#define BAND_TWO 26.0    /* with two */
#define LINE_PLOT_H 180.0

struct scale {
	double lo, hi, step;
	int decimals;
};

void pdf_series_colour(cairo_t *cr, int i)
{
	if (i == 0)
		cairo_set_source_rgb(cr, 0x1f / 255.0, 0x4e / 255.0, 0x8c / 255.0);
	else
		cairo_set_source_rgb(cr, 0xb8 / 255.0, 0x31 / 255.0, 0x2f / 255.0);
}

/* Bounds that include zero and a step of 1, 2 or 5 times a power of ten,
 * for four or five gridlines. */
static void nice_scale(struct scale *s, const struct doc_chart *c)
{
	double lo = 0, hi = 0, raw, mag, norm;
	size_t k;
	int i;

	for (i = 0; i < c->nseries; i++)
		for (k = 0; k < c->ncat; k++) {
			double v = c->series[i].values[k];
			if (isfinite(v) && v < lo)
				lo = v;
			if (isfinite(v) && v > hi)
				hi = v;
		}
	if (hi - lo <= 0)
		hi = lo + 1;
	raw = (hi - lo) / 4;
	mag = pow(10, floor(log10(raw)));
	norm = raw / mag;
	s->step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
	s->lo = floor(lo / s->step) * s->step + 0.0; /* not -0 */
	s->hi = ceil(hi / s->step) * s->step;
	s->decimals = s->step < 1 ? (int)ceil(-log10(s->step) - 1e-9) : 0;
}

static PangoLayout *figure(struct pdf *p, double v, const char *unit, int decimals)
{
	struct buf b = BUF_INIT;
	struct doc_num n = { v, unit, decimals, 0, DOC_MARK_NONE };
	PangoLayout *l;
	doc_num_format(&b, &n);
	l = pdf_layout(p, PDF_SMALL, b.buf, 0, PANGO_ALIGN_LEFT);
	buf_release(&b);
	return l;
}

static double width_of(PangoLayout *l)
{
	double w;
	pdf_size(l, &w, NULL);
	return w;
}

/* Draws l centred on x (or ending at x, or starting at x) and vertically on y. */
static void put(struct pdf *p, PangoLayout *l, double x, double y, int anchor)
{
	double w, h;
	pdf_size(l, &w, &h);
	pdf_show(p, l, anchor < 0 ? x - w : anchor > 0 ? x : x - w / 2, y - h / 2);
	g_object_unref(l);
}

/* Title and, for two series, the legend; returns their height. */
static double title(struct pdf *p, const struct doc_chart *c, int draw)
{
	PangoLayout *l = pdf_layout(p, PDF_CAPTION, c->title, PDF_TEXT_W, PANGO_ALIGN_CENTER);
	double h, w = 0, x;
	int i;

	pdf_size(l, NULL, &h);
	if (draw) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		pdf_show(p, l, PDF_LEFT, p->y);
	}
	g_object_unref(l);
	h += 6;
	if (c->nseries < 2)
		return h;
	for (i = 0; i < c->nseries; i++) {
		l = pdf_layout(p, PDF_SMALL, c->series[i].name, 0, PANGO_ALIGN_LEFT);
		w += 14 + width_of(l) + 16;
		g_object_unref(l);
	}
	x = PDF_LEFT + (PDF_TEXT_W - w) / 2;
	for (i = 0; draw && i < c->nseries; i++) {
		l = pdf_layout(p, PDF_SMALL, c->series[i].name, 0, PANGO_ALIGN_LEFT);
		pdf_series_colour(p->cr, i);
		cairo_rectangle(p->cr, x, p->y + h + 3, 10, 8);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		x += 14;
		w = width_of(l);
		put(p, l, x, p->y + h + 7, 1);
		x += w + 16;
	}
	return h + 18;
}

static void grey_line(struct pdf *p, double x1, double y1, double x2, double y2, double grey)
{
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
}

/* The height of each category's band of bars, squeezed when a page would not hold them all. */
static double bar_band(struct pdf *p, const struct doc_chart *c)
{
	double band = c->nseries > 1 ? BAND_TWO : BAND_ONE, head = title(p, c, 0);
	if (head + (double)c->ncat * band + 20 > PDF_TEXT_H - 12)
		band = (PDF_TEXT_H - 12 - head - 20) / (double)c->ncat;
	return band;
}

double pdf_chart_height(struct pdf *p, const struct doc_chart *c)
{
	double head = title(p, c, 0);
	if (c->kind == DOC_CHART_BAR)
		return 12 + head + (double)c->ncat * bar_band(p, c) + 20;
	return 12 + head + 14 + LINE_PLOT_H + 22;
}

static void bar_chart(struct pdf *p, const struct doc_chart *c)
{
	const struct doc_series *s0 = &c->series[0];
	double band = bar_band(p, c), catw = 0, valw = 0;
	double head = title(p, c, 0), height, top, x0, plot_x, plot_w, t;
	struct scale sc;
	size_t k;
	int i;

	height = head + (double)c->ncat * band + 20;
	title(p, c, 1);
	nice_scale(&sc, c);
	for (k = 0; k < c->ncat; k++) {
		PangoLayout *l = pdf_layout(p, PDF_SMALL, c->categories[k], 0, PANGO_ALIGN_LEFT);
		if (width_of(l) > catw)
			catw = width_of(l);
		g_object_unref(l);
		for (i = 0; i < c->nseries; i++) {
			l = figure(p, c->series[i].values[k], c->series[i].unit, c->series[i].decimals);
			if (width_of(l) > valw)
				valw = width_of(l);
			g_object_unref(l);
		}
	}
	if (catw > PDF_TEXT_W * 0.3)
		catw = PDF_TEXT_W * 0.3;
	plot_x = PDF_LEFT + catw + 8;
	plot_w = PDF_TEXT_W - catw - 8 - valw - 6;
	top = p->y + head;
#define X(v) (plot_x + ((v) - sc.lo) / (sc.hi - sc.lo) * plot_w)
	for (t = sc.lo; t <= sc.hi + sc.step / 2; t += sc.step) {
		grey_line(p, X(t), top, X(t), top + (double)c->ncat * band, 0.82);
		cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
		put(p, figure(p, t, s0->unit, sc.decimals), X(t), top + (double)c->ncat * band + 8, 0);
	}
	x0 = X(0);
	for (k = 0; k < c->ncat; k++) {
		double y = top + (double)k * band, th = band * 0.64 / c->nseries;
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		put(p, pdf_layout(p, PDF_SMALL, c->categories[k], 0, PANGO_ALIGN_LEFT), plot_x - 6,
		    y + band / 2, -1);
		for (i = 0; i < c->nseries; i++) {
			const struct doc_series *s = &c->series[i];
			double v = isfinite(s->values[k]) ? s->values[k] : 0, x1 = X(v);
			double by = y + (band - th * c->nseries) / 2 + th * i;
			pdf_series_colour(p->cr, i);
			cairo_rectangle(p->cr, x1 < x0 ? x1 : x0, by, fabs(x1 - x0), th);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			put(p, figure(p, s->values[k], s->unit, s->decimals), v < 0 ? x1 - 3 : x1 + 3,
			    by + th / 2, v < 0 ? -1 : 1);
		}
	}
	grey_line(p, x0, top - 2, x0, top + (double)c->ncat * band, 0.2);
#undef X
	p->y += height;
}

static void line_chart(struct pdf *p, const struct doc_chart *c)
{
	const struct doc_series *s0 = &c->series[0];
	double head = title(p, c, 0), height = head + 14 + LINE_PLOT_H + 22;
	double top, bottom, plot_x, plot_w, slot, labw = 0, t;
	size_t k, every = 1;
	struct scale sc;
	int i;

	title(p, c, 1);
	nice_scale(&sc, c);
	for (t = sc.lo; t <= sc.hi + sc.step / 2; t += sc.step) {
		PangoLayout *l = figure(p, t, s0->unit, sc.decimals);
		if (width_of(l) > labw)
			labw = width_of(l);
		g_object_unref(l);
	}
	plot_x = PDF_LEFT + labw + 8;
	plot_w = PDF_TEXT_W - labw - 8 - 10;
	slot = plot_w / (double)c->ncat;
	top = p->y + head + 14;
	bottom = top + LINE_PLOT_H;
#define X(k) (plot_x + ((double)(k) + 0.5) * slot)
#define Y(v) (bottom - ((v) - sc.lo) / (sc.hi - sc.lo) * LINE_PLOT_H)
	for (t = sc.lo; t <= sc.hi + sc.step / 2; t += sc.step) {
		grey_line(p, plot_x, Y(t), plot_x + plot_w, Y(t), t == 0 ? 0.2 : 0.82);
		cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
		put(p, figure(p, t, s0->unit, sc.decimals), plot_x - 5, Y(t), -1);
	}
	/* category labels, every one that has room */
	for (k = 0; k < c->ncat; k++) {
		PangoLayout *l = pdf_layout(p, PDF_SMALL, c->categories[k], 0, PANGO_ALIGN_LEFT);
		while (width_of(l) + 4 > slot * (double)every)
			every++;
		g_object_unref(l);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (k = 0; k < c->ncat; k += every)
		put(p, pdf_layout(p, PDF_SMALL, c->categories[k], 0, PANGO_ALIGN_LEFT), X(k),
		    bottom + 10, 0);
	for (i = 0; i < c->nseries; i++) {
		const struct doc_series *s = &c->series[i];
		int pen = 0;
		pdf_series_colour(p->cr, i);
		cairo_set_line_width(p->cr, 1.5);
		for (k = 0; k < c->ncat; k++) {
			if (!isfinite(s->values[k])) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(p->cr, X(k), Y(s->values[k]));
			else
				cairo_move_to(p->cr, X(k), Y(s->values[k]));
			pen = 1;
		}
		cairo_stroke(p->cr);
		for (k = 0; k < c->ncat; k++) {
			if (!isfinite(s->values[k]))
				continue;
			pdf_series_colour(p->cr, i);
			cairo_arc(p->cr, X(k), Y(s->values[k]), 2.5, 0, 2 * M_PI);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			put(p, figure(p, s->values[k], s->unit, s->decimals), X(k),
			    Y(s->values[k]) - (i ? -9 : 9), 0);
		}
	}
#undef X
#undef Y
	p->y += height;
}

void pdf_chart(struct pdf *p, const struct doc_chart *c)
{
	pdf_need(p, pdf_chart_height(p, c));
	p->y += 6;
	if (c->kind == DOC_CHART_BAR)
		bar_chart(p, c);
	else
		line_chart(p, c);
	p->y += 6;
}
