/* doc-pdf.h - what doc-pdf.c and doc-pdf-chart.c share: the page, its fonts, the flow down it. */
#ifndef JINDU_REPORT_DOC_PDF_H
#define JINDU_REPORT_DOC_PDF_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "report/doc.h"

/* A4 portrait with the text block of GB/T 9704 (公文): 156 × 225 mm, 37 mm
 * from the top and 28 mm from the left edge, in points. */
#define PDF_MM(x) ((x) * 72.0 / 25.4)
#define PDF_PAGE_W PDF_MM(210)
#define PDF_PAGE_H PDF_MM(297)
#define PDF_LEFT PDF_MM(28)
#define PDF_TOP PDF_MM(37)
#define PDF_TEXT_W PDF_MM(156)
#define PDF_TEXT_H PDF_MM(225)
#define PDF_BOTTOM (PDF_TOP + PDF_TEXT_H)

enum pdf_font {
	PDF_ISSUER, PDF_TITLE, PDF_BODY, PDF_H1, PDF_H2, PDF_NOTE, PDF_CAPTION,
	PDF_CELL, PDF_CELL_BOLD, PDF_SMALL, PDF_FOLIO, PDF_NFONTS
};

struct pdf {
	const struct doc *d;
	cairo_t *cr;
	PangoContext *ctx;
	PangoFontDescription *fonts[PDF_NFONTS];
	double y;   /* the top of the free space on the page, from the page's top */
	int page;   /* the page being drawn, from 1 */
};

/* A layout of text in font f, wrapped at width points (0: one line). */
PangoLayout *pdf_layout(struct pdf *p, enum pdf_font f, const char *text, double width,
			PangoAlignment align);
/* Its logical width and height in points. */
void pdf_size(PangoLayout *l, double *w, double *h);
/* Draws l with its top left corner at x, y. */
void pdf_show(struct pdf *p, PangoLayout *l, double x, double y);

/* Begins a new page when h points do not fit below p->y (unless the page
 * is still empty: what is taller than a page goes on one anyway). */
void pdf_need(struct pdf *p, double h);

/* Draws a chart at p->y, on a new page when it does not fit, and moves p->y below it. */
void pdf_chart(struct pdf *p, const struct doc_chart *c);
/* The height pdf_chart takes (never more than a page). */
double pdf_chart_height(struct pdf *p, const struct doc_chart *c);

/* The colour of series i, as the web page and the workbook draw it. */
void pdf_series_colour(cairo_t *cr, int i);

#endif
