/* doc.h - a report as a document: its head, then headings, paragraphs, tables, notes and charts. */
#ifndef JINDU_REPORT_DOC_H
#define JINDU_REPORT_DOC_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/buf.h"

/*
 * A document says what a report says, not how it looks. The quarterly
 * bulletin (通报) and the other reports build one; a writer per output
 * format (doc-html.c, doc-xlsx.c, doc-pdf.c) lays it out, all through
 * doc_write. Everything of a document lives in the arena given to doc_new
 * (every string is copied in), so it dies with the request or the run
 * that built it; nothing is freed on its own.
 *
 * Figures are kept as numbers with their unit and decimals and turned
 * into text by doc_num_format alone, so that the web page, the workbook
 * and the printed page show the same figure. Mistakes in building a
 * document (a row with too many cells, a span past the last column) are
 * remembered and reported by doc_check, which doc_write runs before any
 * writer sees the document.
 */

/* ---- figures ---- */

/* The unit of percentages: the value is in percent, 37.9 reads "37.9%". */
#define DOC_PERCENT "%"

/* Which way a change went, for change columns (drawn as an arrow). */
enum doc_mark { DOC_MARK_NONE, DOC_MARK_UP, DOC_MARK_DOWN };

struct doc_num {
	double value;       /* as it reads: 37.9 for 37.9%, NAN for "no figure" */
	const char *unit;   /* "人", "克", DOC_PERCENT, or NULL; borrowed */
	int decimals;       /* digits after the point, 0 to 6 */
	int sign;           /* writes "+" before a positive figure (changes) */
	enum doc_mark mark;
};

/*
 * Appends n as Chinese reports write it: thousands separated by commas,
 * rounded half away from zero (四舍五入) to its decimals, the unit right
 * after the figure: "1,309", "2,620.5克", "37.9%", "+11.5%", "-3". A
 * figure that rounds to zero has no sign ("0.0%"); NAN writes "—".
 */
void doc_num_format(struct buf *out, const struct doc_num *n);

/* A count: no unit, no decimals. */
struct doc_num doc_count(double n);

/*
 * The change from one period to another in percent, (to - from) / from,
 * rounded to one decimal, signed and marked up or down (a change that
 * rounds to 0.0% is not marked): 949 -> 1,309 is +37.9%. Returns 0, or
 * -1 when from is 0 and no change can be given (out then holds NAN).
 */
int doc_num_change(struct doc_num *out, double from, double to);

/* part as a percentage of whole, one decimal: 2,620 of 1,841 is 142.3%.
 * Returns 0, or -1 when whole is 0 (out then holds NAN). */
int doc_num_ratio(struct doc_num *out, double part, double whole);

/* ---- tables ---- */

enum doc_cell_kind { DOC_CELL_EMPTY, DOC_CELL_TEXT, DOC_CELL_NUM };

struct doc_cell {
	enum doc_cell_kind kind;
	const char *text;      /* DOC_CELL_TEXT */
	struct doc_num num;    /* DOC_CELL_NUM */
	const char *href;      /* the page of the records behind the figure, a
				* path on this server ("/persons?division=…"),
				* or NULL; the web page links it, other
				* addresses are not linked */
	int col;               /* the first column it stands in */
	int colspan, rowspan;  /* header cells may span; 1 elsewhere */
};

struct doc_row {
	struct doc_cell *cells;
	size_t n, alloc;
};

/*
 * A table of ncols columns: header rows whose cells may span columns and
 * rows (placed left to right in the free places, as HTML places them),
 * body rows of exactly ncols cells, and an optional totals row. Cells
 * go into the row begun last.
 */
struct doc_table {
	const char *caption;
	int ncols;
	struct doc_row *head, *body, *total;
	size_t nhead, nbody, alloc_head, alloc_body;
	int open;             /* the row cells go to: 0 none, 1 header, 2 body, 3 totals */
	struct doc *doc;
};

/* ---- charts ---- */

enum doc_chart_kind { DOC_CHART_BAR, DOC_CHART_LINE };

#define DOC_CHART_MAX_SERIES 2

struct doc_series {
	const char *name;
	const char *unit;   /* of the values, for the labels; borrowed */
	int decimals;
	double *values;     /* one per category */
};

/* A bar or line chart: categories, and one or two series over them. */
struct doc_chart {
	enum doc_chart_kind kind;
	const char *title;
	const char **categories;
	size_t ncat, alloc_cat;
	struct doc_series series[DOC_CHART_MAX_SERIES];
	int nseries;
	struct doc *doc;
};

/* ---- the document ---- */

enum doc_block_kind { DOC_HEADING, DOC_PARA, DOC_NOTE, DOC_TABLE, DOC_CHART };

struct doc_block {
	enum doc_block_kind kind;
	int level;              /* headings: 1 (一、) or 2 (（一）) */
	const char *text;       /* headings, paragraphs and notes */
	struct doc_table *table;
	struct doc_chart *chart;
};

struct doc {
	struct arena *arena;
	const char *title;
	const char *issuer;     /* 发文单位: "永丰县禁毒委员会办公室" */
	const char *number;     /* 发文字号: "永禁毒办〔2026〕12号", or NULL */
	int date;               /* YYYYMMDD, the day it is issued */
	int period_from, period_to; /* YYYYMMDD, the days it covers; 0 when none */
	struct doc_block *blocks;
	size_t nblocks, alloc_blocks;
	const char *error;      /* the first building mistake, for doc_check */
};

/* A new, empty document in arena a (borrowed: it must outlive the document). */
struct doc *doc_new(struct arena *a, const char *title, const char *issuer, int date);
void doc_set_number(struct doc *d, const char *number);
void doc_set_period(struct doc *d, int from, int to);

void doc_heading(struct doc *d, int level, const char *text);
void doc_para(struct doc *d, const char *text);
void doc_paraf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note in smaller type, such as "注：同比为与上年同期相比". */
void doc_note(struct doc *d, const char *text);

/* Appends a table and returns it for its rows. */
struct doc_table *doc_table(struct doc *d, const char *caption, int ncols);
/* Begins a header row, a body row, the totals row (once, after the body). */
void doc_table_head_row(struct doc_table *t);
void doc_table_row(struct doc_table *t);
void doc_table_total_row(struct doc_table *t);
/* A header cell spanning colspan columns and rowspan header rows. */
void doc_table_head(struct doc_table *t, const char *text, int colspan, int rowspan);
/* Cells of the row begun last; href is NULL or where the figure comes from. */
void doc_table_text(struct doc_table *t, const char *text);
void doc_table_num(struct doc_table *t, const struct doc_num *n, const char *href);
void doc_table_empty(struct doc_table *t);

/* Appends a chart and returns it; then its series (at most two), then its
 * points: a category and one value per series, in the series' order. */
struct doc_chart *doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title);
void doc_chart_series(struct doc_chart *c, const char *name, const char *unit, int decimals);
void doc_chart_point(struct doc_chart *c, const char *category, const double *values);

/* 0 when the document is whole and consistent, or -1 with err saying
 * what is wrong with it (the first building mistake, a short row, a
 * header that leaves a place empty, a chart without data). */
int doc_check(const struct doc *d, struct buf *err);

/* "2026年10月8日" for 20261008 (in the thread's language). */
void doc_date_format(struct buf *out, int ymd);
/* "统计时段：2026年7月1日至2026年9月30日", or nothing when d has no period. */
void doc_period_format(struct buf *out, const struct doc *d);

/* ---- writing ---- */

/*
 * The output formats, one writer each. To add one: write
 * src/report/doc-NAME.c with a function like doc_write_html, declare it
 * here, add it to doc_formats in doc.c, and give it a test in
 * doc-write-test.c that opens its output with a real reader. A writer
 * takes a document that passed doc_check (call it through doc_write),
 * appends the whole document to out and returns 0, or -1 with err.
 */

struct doc_format {
	const char *name;          /* "html", as --format takes it */
	const char *extension;     /* ".html" */
	const char *content_type;  /* for a download */
	int (*write)(const struct doc *d, struct buf *out, struct buf *err);
};

/* An HTML fragment for the web pages (escaped through web/html.c). */
int doc_write_html(const struct doc *d, struct buf *out, struct buf *err);
/* An .xlsx workbook (libxlsxwriter). */
int doc_write_xlsx(const struct doc *d, struct buf *out, struct buf *err);
/* An A4 PDF laid out as an official document (cairo and pango). */
int doc_write_pdf(const struct doc *d, struct buf *out, struct buf *err);

/* The format named name ("html", "xlsx", "pdf"), or NULL. */
const struct doc_format *doc_format_find(const char *name);

/*
 * Checks d and appends it to out in format name. Returns 0, or -1 with
 * err (an unknown format, a document that fails doc_check, a writer's
 * failure); out may then hold part of a document and should be dropped.
 */
int doc_write(const struct doc *d, const char *format, struct buf *out, struct buf *err);

#endif
