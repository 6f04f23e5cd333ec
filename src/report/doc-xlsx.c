/* doc-xlsx.c - a document as a workbook: the text on one sheet, each table and chart on its own. */
#include "report/doc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"
#include "report/xlsx.h"

/*
 * Sheet one (正文) holds the head, the headings, paragraphs and notes in
 * one wide column, and a line naming the sheet of each table and chart,
 * which links there. A table's sheet repeats the head, then its caption,
 * its header (merged where a cell spans), body and totals, and the notes
 * that follow it in the document; figures are numbers with a number
 * format that shows them as doc_num_format writes them. A chart's sheet
 * holds its data as a small table and an Excel chart drawn from it.
 */

#define TEXT_WIDTH 96   /* the text sheet's one column, in characters */
#define FORMATS_MAX 64  /* distinct number formats kept for reuse */

struct numfmt {
	char *key;
	lxw_format *f;
};

struct writer {
	const struct doc *d;
	lxw_workbook *wb;
	lxw_format *title, *sub, *caption, *h1, *h2, *para, *note, *link;
	lxw_format *head, *text, *text_formula, *total_text, *blank, *total_blank, *sign;
	struct numfmt nums[FORMATS_MAX];
	int nnums;
	lxw_error failed;
};

static void keep(struct writer *w, lxw_error e)
{
	if (e != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
		w->failed = e;
}

/* Width of UTF-8 text in Excel's character units: Chinese counts two. */
static double text_width(const char *s)
{
	double n = 0;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80)
			n += 1;
		else if (c >= 0xe0)
			n += 2; /* CJK and full-width punctuation: three or four bytes */
		else if (c >= 0xc0)
			n += 1;
	}
	return n;
}

static lxw_format *format(struct writer *w, int bold, int border, int wrap, int align)
{
	lxw_format *f = workbook_add_format(w->wb);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	if (align)
		format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void formats(struct writer *w)
{
	w->title = format(w, 1, 0, 1, LXW_ALIGN_CENTER);
	format_set_font_size(w->title, 16);
	w->sub = format(w, 0, 0, 0, LXW_ALIGN_CENTER);
	w->caption = format(w, 1, 0, 1, LXW_ALIGN_CENTER);
	format_set_font_size(w->caption, 12);
	w->h1 = format(w, 1, 0, 1, 0);
	format_set_font_size(w->h1, 12);
	w->h2 = format(w, 1, 0, 1, 0);
	w->para = format(w, 0, 0, 1, 0);
	format_set_align(w->para, LXW_ALIGN_VERTICAL_TOP);
	w->note = format(w, 0, 0, 1, 0);
	format_set_font_size(w->note, 9);
	format_set_font_color(w->note, 0x5D6B7A);
	w->link = format(w, 0, 0, 0, 0);
	format_set_underline(w->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(w->link, 0x1F4E8C);
	w->head = format(w, 1, 1, 1, LXW_ALIGN_CENTER);
	format_set_bg_color(w->head, 0xEEF2F7);
	w->text = format(w, 0, 1, 1, 0);
	w->text_formula = format(w, 0, 1, 1, 0);
	format_set_num_format(w->text_formula, "@"); /* stays text when edited */
	w->total_text = format(w, 1, 1, 1, LXW_ALIGN_CENTER);
	w->blank = format(w, 0, 1, 0, LXW_ALIGN_CENTER);
	w->total_blank = format(w, 1, 1, 0, LXW_ALIGN_CENTER);
	w->sign = format(w, 0, 0, 0, LXW_ALIGN_RIGHT);
}

/* One section of a number format: "#,##0.0%", "#,##0\"克\"", with the mark's arrow. */
static void section(struct buf *b, const struct doc_num *n, int percent)
{
	int i;
	const char *u;
	buf_adds(b, "#,##0");
	if (n->decimals > 0) {
		buf_addch(b, '.');
		for (i = 0; i < n->decimals; i++)
			buf_addch(b, '0');
	}
	if (percent) {
		buf_addch(b, '%');
	} else if (n->unit && *n->unit) {
		buf_addch(b, '"');
		for (u = n->unit; *u; u++)
			if (*u != '"')
				buf_addch(b, *u);
		buf_addch(b, '"');
	}
	if (n->mark != DOC_MARK_NONE)
		buf_adds(b, n->mark == DOC_MARK_UP ? "\"↑\"" : "\"↓\"");
}

/* The cell format of a figure, made once per distinct number format. */
static lxw_format *num_format(struct writer *w, const struct doc_num *n, int bold)
{
	struct buf key = BUF_INIT;
	int percent = n->unit && !strcmp(n->unit, DOC_PERCENT), i;
	lxw_format *f = NULL;

	buf_addch(&key, bold ? 'B' : 'n');
	if (n->sign) { /* positive, negative and zero sections */
		buf_addch(&key, '+');
		section(&key, n, percent);
		buf_addch(&key, ';');
		buf_addch(&key, '-');
		section(&key, n, percent);
		buf_addch(&key, ';');
	}
	section(&key, n, percent);
	for (i = 0; i < w->nnums && !f; i++)
		if (!strcmp(w->nums[i].key, key.buf))
			f = w->nums[i].f;
	if (!f) {
		f = format(w, bold, 1, 0, LXW_ALIGN_RIGHT);
		format_set_num_format(f, key.buf + 1);
		if (w->nnums < FORMATS_MAX) {
			w->nums[w->nnums].key = buf_detach(&key, NULL);
			w->nums[w->nnums++].f = f;
		}
	}
	buf_release(&key);
	return f;
}

/* Text over columns c1..c2 of a row: merged when it spans. */
static void span_text(struct writer *w, lxw_worksheet *ws, lxw_row_t r, int c1, int r2, int c2,
		      const char *text, lxw_format *f)
{
	if (c2 > c1 || r2 > (int)r)
		keep(w, worksheet_merge_range(ws, r, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2,
					      text, f));
	else
		keep(w, worksheet_write_string(ws, r, (lxw_col_t)c1, text, f));
}

/* The document's head over ncols columns; returns the next free row. */
static lxw_row_t head(struct writer *w, lxw_worksheet *ws, int ncols)
{
	struct buf line = BUF_INIT;
	lxw_row_t r = 0;
	const struct doc *d = w->d;

	span_text(w, ws, r, 0, (int)r, ncols - 1, d->title, w->title);
	keep(w, worksheet_set_row(ws, r++, 30, NULL));
	buf_adds(&line, d->issuer);
	if (d->number) {
		buf_adds(&line, "　");
		buf_adds(&line, d->number);
	}
	span_text(w, ws, r, 0, (int)r, ncols - 1, line.buf, w->sub);
	r++;
	buf_reset(&line);
	doc_period_format(&line, d);
	if (line.len && d->date)
		buf_adds(&line, "　");
	doc_date_format(&line, d->date);
	if (line.len) {
		span_text(w, ws, r, 0, (int)r, ncols - 1, line.buf, w->sub);
		r++;
	}
	buf_release(&line);
	return r + 1;
}

/* A row of wrapped text, tall enough for its lines at width characters a line. */
static void wrapped_row(struct writer *w, lxw_worksheet *ws, lxw_row_t r, int c2,
			const char *text, lxw_format *f, double width, double line_height)
{
	int lines = (int)(text_width(text) / width) + 1;
	span_text(w, ws, r, 0, (int)r, c2, text, f);
	keep(w, worksheet_set_row(ws, r, line_height * lines + 4, NULL));
}

/* A sheet name from a caption: no []:*?/\, at most 31 characters, unique. */
static void sheet_name(struct writer *w, const char *caption, int index, char out[128])
{
	size_t len = 0;
	int chars = 0, k;
	const char *s;

	for (s = caption; *s && len < 100; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) != 0x80 && ++chars > 28)
			break;
		out[len++] = strchr("[]:*?/\\'", c) ? '_' : (char)c;
	}
	out[len] = '\0';
	if (!len)
		snprintf(out, 128, _("表%d"), index);
	for (k = 2; workbook_get_worksheet_by_name(w->wb, out) && k < 100; k++)
		snprintf(out + len, 128 - len, "(%d)", k);
}

static void cell(struct writer *w, lxw_worksheet *ws, lxw_row_t r, const struct doc_cell *c,
		 int total)
{
	lxw_col_t col = (lxw_col_t)c->col;
	struct doc_num n = c->num;
	int percent = n.unit && !strcmp(n.unit, DOC_PERCENT);

	if (c->kind == DOC_CELL_TEXT && *c->text)
		keep(w, worksheet_write_string(ws, r, col, c->text,
					       total ? w->total_text
					       : xlsx_formula_like(c->text) ? w->text_formula : w->text));
	else if (c->kind == DOC_CELL_NUM && isfinite(n.value))
		keep(w, worksheet_write_number(ws, r, col, percent ? n.value / 100 : n.value,
					       num_format(w, &n, total)));
	else if (c->kind == DOC_CELL_NUM)
		keep(w, worksheet_write_string(ws, r, col, "—", total ? w->total_blank : w->blank));
	else
		keep(w, worksheet_write_blank(ws, r, col, total ? w->total_blank : w->blank));
}

/* Column widths that fit the figures and the narrow header cells, into colw. */
static void widths(struct writer *w, lxw_worksheet *ws, const struct doc_table *t, double *colw)
{
	struct buf fig = BUF_INIT;
	size_t r, i;
	int c;

	for (c = 0; c < t->ncols; c++) {
		double width = 6;
		for (r = 0; r < t->nhead; r++)
			for (i = 0; i < t->head[r].n; i++) {
				const struct doc_cell *x = &t->head[r].cells[i];
				double tw = text_width(x->text);
				if (x->col == c && x->colspan == 1 && tw > width)
					width = tw > 10 ? 10 : tw; /* longer headers wrap */
			}
		for (r = 0; r <= t->nbody; r++) {
			const struct doc_row *row = r < t->nbody ? &t->body[r] : t->total;
			const struct doc_cell *x = row && (size_t)c < row->n ? &row->cells[c] : NULL;
			if (!x)
				continue;
			buf_reset(&fig);
			if (x->kind == DOC_CELL_NUM)
				doc_num_format(&fig, &x->num);
			else if (x->kind == DOC_CELL_TEXT)
				buf_adds(&fig, x->text);
			if (text_width(fig.buf) > width)
				width = text_width(fig.buf);
		}
		colw[c] = (width > 40 ? 40 : width) + 2.5;
		keep(w, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, colw[c], NULL));
	}
	buf_release(&fig);
}

/* The notes right after block i, under a table or chart on its sheet. */
static lxw_row_t trailing_notes(struct writer *w, lxw_worksheet *ws, lxw_row_t r, size_t i,
				int ncols, double width)
{
	for (i++; i < w->d->nblocks && w->d->blocks[i].kind == DOC_NOTE; i++)
		wrapped_row(w, ws, r++, ncols - 1, w->d->blocks[i].text, w->note, width, 14);
	return r;
}

static void print_setup(lxw_worksheet *ws, int landscape)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
}

static void table_sheet(struct writer *w, const struct doc_table *t, const char *name, size_t at)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
	lxw_row_t r, first_head;
	double *colw;
	size_t i, k;

	if (!ws) {
		keep(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	colw = xcalloc((size_t)t->ncols, sizeof(*colw));
	widths(w, ws, t, colw);
	r = head(w, ws, t->ncols);
	span_text(w, ws, r, 0, (int)r, t->ncols - 1, t->caption, w->caption);
	keep(w, worksheet_set_row(ws, r++, 22, NULL));
	first_head = r;
	for (i = 0; i < t->nhead; i++, r++) {
		int lines = 1;
		for (k = 0; k < t->head[i].n; k++) {
			const struct doc_cell *c = &t->head[i].cells[k];
			double room = -2;
			int j, need;
			span_text(w, ws, r, c->col, (int)r + c->rowspan - 1, c->col + c->colspan - 1,
				  c->text, w->head);
			for (j = c->col; j < c->col + c->colspan; j++)
				room += colw[j];
			need = (int)ceil(text_width(c->text) / (room > 2 ? room : 2));
			if (c->rowspan == 1 && need > lines)
				lines = need;
		}
		keep(w, worksheet_set_row(ws, r, 15.0 * lines + 6, NULL)); /* wrapped headers */
	}
	free(colw);
	if (t->nhead) {
		keep(w, worksheet_repeat_rows(ws, first_head, r - 1));
		worksheet_freeze_panes(ws, r, 0);
	}
	for (i = 0; i < t->nbody; i++, r++)
		for (k = 0; k < t->body[i].n; k++)
			cell(w, ws, r, &t->body[i].cells[k], 0);
	if (t->total) {
		for (k = 0; k < t->total->n; k++)
			cell(w, ws, r, &t->total->cells[k], 1);
		r++;
	}
	trailing_notes(w, ws, r, at, t->ncols, 12.0 * t->ncols);
	print_setup(ws, t->ncols > 8);
}

static const lxw_color_t series_colours[DOC_CHART_MAX_SERIES] = { 0x1F4E8C, 0xB8312F };

/* A series of an Excel chart over the data written on the sheet. */
static void chart_series(struct writer *w, lxw_chart *ch, const struct doc_chart *c, int i,
			 const char *name, lxw_row_t first, lxw_row_t last)
{
	const struct doc_series *s = &c->series[i];
	struct doc_num n = { 0, s->unit, s->decimals, 0, DOC_MARK_NONE };
	struct buf fmt = BUF_INIT;
	lxw_chart_series *cs = chart_add_series(ch, NULL, NULL);
	lxw_chart_fill fill = { .color = series_colours[i] };
	lxw_chart_line line = { .color = series_colours[i], .width = 2 };

	if (!cs) {
		keep(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	chart_series_set_categories(cs, name, first, 0, last, 0);
	chart_series_set_values(cs, name, first, (lxw_col_t)(1 + i), last, (lxw_col_t)(1 + i));
	chart_series_set_name_range(cs, name, first - 1, (lxw_col_t)(1 + i));
	chart_series_set_labels(cs);
	section(&fmt, &n, s->unit && !strcmp(s->unit, DOC_PERCENT));
	chart_series_set_labels_num_format(cs, fmt.buf);
	if (c->kind == DOC_CHART_BAR)
		chart_series_set_fill(cs, &fill);
	else
		chart_series_set_line(cs, &line);
	buf_release(&fmt);
}

static void chart_sheet(struct writer *w, const struct doc_chart *c, const char *name, size_t at)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
	lxw_chart_options opt = { .x_offset = 12, .x_scale = 1.4, .y_scale = 1.3 };
	int ncols = 1 + c->nseries, i, bar = c->kind == DOC_CHART_BAR;
	double catw = 8;
	lxw_row_t r, first;
	lxw_chart *ch;
	size_t k;

	if (!ws) {
		keep(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	for (k = 0; k < c->ncat; k++)
		if (text_width(c->categories[k]) > catw)
			catw = text_width(c->categories[k]);
	keep(w, worksheet_set_column(ws, 0, 0, catw + 2.5, NULL));
	keep(w, worksheet_set_column(ws, 1, (lxw_col_t)c->nseries, 12, NULL));
	r = head(w, ws, ncols + 8); /* over the data and the chart beside it */
	span_text(w, ws, r, 0, (int)r, ncols + 7, c->title, w->caption);
	keep(w, worksheet_set_row(ws, r++, 22, NULL));
	keep(w, worksheet_write_blank(ws, r, 0, w->head));
	for (i = 0; i < c->nseries; i++)
		keep(w, worksheet_write_string(ws, r, (lxw_col_t)(1 + i), c->series[i].name, w->head));
	first = ++r;
	for (k = 0; k < c->ncat; k++, r++) {
		struct doc_cell x = { .kind = DOC_CELL_TEXT, .text = c->categories[k] };
		cell(w, ws, r, &x, 0);
		for (i = 0; i < c->nseries; i++) {
			const struct doc_series *s = &c->series[i];
			x.kind = DOC_CELL_NUM;
			x.col = 1 + i;
			x.num = (struct doc_num){ s->values[k], s->unit, s->decimals, 0, DOC_MARK_NONE };
			cell(w, ws, r, &x, 0);
		}
	}
	trailing_notes(w, ws, r, at, ncols, 12.0 * ncols + catw);

	ch = workbook_add_chart(w->wb, bar ? LXW_CHART_BAR : LXW_CHART_LINE);
	if (!ch) {
		keep(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (i = 0; i < c->nseries; i++)
		chart_series(w, ch, c, i, name, first, r - 1);
	chart_title_set_name(ch, c->title);
	chart_legend_set_position(ch, c->nseries > 1 ? LXW_CHART_LEGEND_TOP
						     : LXW_CHART_LEGEND_NONE);
	if (bar) { /* the first category on top, as in the table */
		chart_axis_set_reverse(ch->x_axis);
		opt.y_scale = (60.0 + 22.0 * (double)c->ncat * c->nseries) / 288.0;
		if (opt.y_scale < 1.3)
			opt.y_scale = 1.3;
	}
	keep(w, worksheet_insert_chart_opt(ws, first - 1, (lxw_col_t)(ncols + 1), ch, &opt));
	print_setup(ws, 1);
}

/* "表1 …（见工作表“表1 …”）", opening that sheet. */
static void link_line(struct writer *w, lxw_worksheet *ws, lxw_row_t r, const char *caption,
		      const char *sheet)
{
	struct buf shown = BUF_INIT, target = BUF_INIT;
	buf_addf(&shown, _("%s（见工作表“%s”）"), caption, sheet);
	buf_addf(&target, "internal:'%s'!A1", sheet); /* sheet_name left out every ' */
	keep(w, worksheet_write_url_opt(ws, r, 0, target.buf, w->link, shown.buf, NULL));
	buf_release(&shown);
	buf_release(&target);
}

/* Sheet one: the text in one wide column, a linked line for each table and chart. */
static void text_sheet(struct writer *w)
{
	const struct doc *d = w->d;
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, _("正文"));
	struct buf line = BUF_INIT;
	char name[128];
	lxw_row_t r;
	size_t i;
	int tables = 0, charts = 0;

	if (!ws) {
		keep(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	keep(w, worksheet_set_column(ws, 0, 0, TEXT_WIDTH, NULL));
	r = head(w, ws, 1);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		buf_reset(&line);
		switch (b->kind) {
		case DOC_HEADING:
			keep(w, worksheet_write_string(ws, r, 0, b->text, b->level == 1 ? w->h1 : w->h2));
			keep(w, worksheet_set_row(ws, r++, 22, NULL));
			break;
		case DOC_PARA:
			buf_adds(&line, "　　"); /* the first line indented two characters */
			buf_adds(&line, b->text);
			wrapped_row(w, ws, r++, 0, line.buf, w->para, TEXT_WIDTH - 4, 16);
			break;
		case DOC_NOTE:
			wrapped_row(w, ws, r++, 0, b->text, w->note, TEXT_WIDTH + 10, 13);
			break;
		case DOC_TABLE:
		case DOC_CHART:
			if (b->kind == DOC_TABLE)
				sheet_name(w, b->table->caption, ++tables, name);
			else
				sheet_name(w, b->chart->title, ++charts, name);
			link_line(w, ws, r++, b->kind == DOC_TABLE ? b->table->caption
								   : b->chart->title, name);
			if (b->kind == DOC_TABLE)
				table_sheet(w, b->table, name, i);
			else
				chart_sheet(w, b->chart, name, i);
			break;
		}
	}
	/* signed by the issuer on the date */
	r++;
	keep(w, worksheet_write_string(ws, r++, 0, d->issuer, w->sign));
	buf_reset(&line);
	doc_date_format(&line, d->date);
	if (line.len)
		keep(w, worksheet_write_string(ws, r, 0, line.buf, w->sign));
	print_setup(ws, 0);
	buf_release(&line);
}

/* Appends the file at path to out. */
static int slurp(const char *path, struct buf *out, struct buf *err)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int ret = 0;

	if (!f) {
		buf_setf(err, "cannot read the workbook back: %s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	if (ferror(f) || buf_err(out)) {
		buf_setf(err, "cannot read the workbook back");
		ret = -1;
	}
	fclose(f);
	return ret;
}

int doc_write_xlsx(const struct doc *d, struct buf *out, struct buf *err)
{
	struct writer w = { .d = d };
	const char *dir = getenv("TMPDIR");
	char path[4096];
	lxw_error e;
	int fd = -1, i, ret = -1;

	/* libxlsxwriter writes to a named file: a private one, read back and removed */
	snprintf(path, sizeof(path), "%s/jindu-doc-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
	fd = mkstemps(path, 5);
	if (fd < 0) {
		buf_setf(err, "cannot create a temporary file: %s", strerror(errno));
		goto out;
	}
	close(fd);
	w.wb = workbook_new(path);
	if (!w.wb) {
		buf_setf(err, "cannot create the workbook '%s'", path);
		goto out;
	}
	formats(&w);
	text_sheet(&w);
	e = workbook_close(w.wb);
	if (w.failed != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		buf_setf(err, "cannot write the workbook: %s",
			 lxw_strerror(w.failed != LXW_NO_ERROR ? w.failed : e));
		goto out;
	}
	ret = slurp(path, out, err);
out:
	if (fd >= 0)
		unlink(path);
	for (i = 0; i < w.nnums; i++)
		free(w.nums[i].key);
	return ret;
}
