/* xlsx.c - small helpers over libxlsxwriter: sheets with a header row, string cells, no formulas. */
#include "report/xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "lib/xalloc.h"

/* Excel's limit for the text of one cell, in bytes as libxlsxwriter counts. */
#define CELL_MAX 32767

/* A sheet being written: each goes on from its own next row. */
#define MAX_SHEETS 8
struct sheet {
	lxw_worksheet *ws;
	lxw_row_t row;
	unsigned char wrap_col[64];
};

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;      /* the current sheet's */
	lxw_format *bold, *required, *text, *wrap, *wrap_text, *number[3];
	unsigned char wrap_col[64];
	lxw_row_t row;
	lxw_error failed;
	struct sheet sheets[MAX_SHEETS];
	int nsheets, current;
};

static void keep(struct xlsx *x, lxw_error e);

struct xlsx *xlsx_new(const char *path, struct buf *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
				     .use_zip64 = LXW_FALSE };
	struct xlsx *x = xcalloc(1, sizeof(*x));

	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		buf_setf(err, "cannot create the workbook '%s'", path);
		free(x);
		return NULL;
	}
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	format_set_bg_color(x->bold, 0xEEF2F7);
	format_set_border(x->bold, LXW_BORDER_THIN);
	x->required = workbook_add_format(x->wb);
	format_set_bold(x->required);
	format_set_font_color(x->required, LXW_COLOR_RED);
	format_set_bg_color(x->required, 0xEEF2F7);
	format_set_border(x->required, LXW_BORDER_THIN);
	x->text = workbook_add_format(x->wb);
	format_set_num_format(x->text, "@");
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->wrap_text = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap_text);
	format_set_align(x->wrap_text, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->wrap_text, "@");
	x->number[0] = workbook_add_format(x->wb);
	format_set_num_format(x->number[0], "#,##0");
	x->number[1] = workbook_add_format(x->wb);
	format_set_num_format(x->number[1], "#,##0.0");
	x->number[2] = workbook_add_format(x->wb);
	format_set_num_format(x->number[2], "#,##0.00");
	x->current = -1;
	return x;
}

/* Keeps the current sheet's place while another is written. */
static void save_current(struct xlsx *x)
{
	if (x->current < 0)
		return;
	x->sheets[x->current].ws = x->ws;
	x->sheets[x->current].row = x->row;
	memcpy(x->sheets[x->current].wrap_col, x->wrap_col, sizeof(x->wrap_col));
}

void xlsx_select(struct xlsx *x, int sheet)
{
	if (sheet < 0 || sheet >= x->nsheets || sheet == x->current)
		return;
	save_current(x);
	x->current = sheet;
	x->ws = x->sheets[sheet].ws;
	x->row = x->sheets[sheet].row;
	memcpy(x->wrap_col, x->sheets[sheet].wrap_col, sizeof(x->wrap_col));
}

void xlsx_number(struct xlsx *x, int col, double value, int decimals)
{
	if (!x->ws)
		return;
	decimals = decimals < 0 ? 0 : decimals > 2 ? 2 : decimals;
	keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, value, x->number[decimals]));
}

static void keep(struct xlsx *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
		x->failed = e;
}

void xlsx_sheet(struct xlsx *x, const char *name, const struct xlsx_column *cols, int ncols,
		int filter)
{
	int i;
	save_current(x);
	x->ws = workbook_add_worksheet(x->wb, name);
	x->row = 0;
	memset(x->wrap_col, 0, sizeof(x->wrap_col));
	if (x->nsheets < MAX_SHEETS)
		x->current = x->nsheets++;
	else
		x->current = -1;
	if (!x->ws) {
		keep(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	for (i = 0; i < ncols; i++)
		if (cols[i].width > 0 || cols[i].text)
			keep(x, worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
						     cols[i].width > 0 ? cols[i].width
								       : LXW_DEF_COL_WIDTH,
						     cols[i].text ? x->text : NULL));
	for (i = 0; i < ncols; i++)
		keep(x, worksheet_write_string(x->ws, 0, (lxw_col_t)i, cols[i].header,
					       cols[i].required ? x->required : x->bold));
	worksheet_freeze_panes(x->ws, 1, 0);
	if (filter && ncols)
		keep(x, worksheet_autofilter(x->ws, 0, 0, 0, (lxw_col_t)(ncols - 1)));
	x->row = 1;
}

void xlsx_wrap_column(struct xlsx *x, int col, double width)
{
	if (!x->ws || col < 0 || col >= (int)sizeof(x->wrap_col))
		return;
	x->wrap_col[col] = 1;
	keep(x, worksheet_set_column(x->ws, (lxw_col_t)col, (lxw_col_t)col, width, NULL));
}

int xlsx_formula_like(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
		     *s == '\r');
}

void xlsx_cell(struct xlsx *x, int col, const char *text)
{
	lxw_format *f;
	char *cut = NULL;
	int wrap;

	if (!x->ws || !text || !*text)
		return;
	wrap = col >= 0 && col < (int)sizeof(x->wrap_col) && x->wrap_col[col];
	if (xlsx_formula_like(text))
		f = wrap ? x->wrap_text : x->text;
	else
		f = wrap ? x->wrap : NULL;
	if (strlen(text) > CELL_MAX) {
		size_t n = CELL_MAX;
		while (n && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--; /* not in the middle of a character */
		cut = xstrndup(text, n);
		text = cut;
	}
	keep(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)col, text, f));
	free(cut);
}

void xlsx_row_end(struct xlsx *x)
{
	x->row++;
}

void xlsx_row(struct xlsx *x, const char *const *cells, int n)
{
	int i;
	for (i = 0; i < n; i++)
		xlsx_cell(x, i, cells[i]);
	xlsx_row_end(x);
}

int xlsx_close(struct xlsx *x, struct buf *err)
{
	lxw_error e = workbook_close(x->wb);
	int ret = 0;
	if (x->failed != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		buf_setf(err, "cannot write the workbook: %s",
			 lxw_strerror(x->failed != LXW_NO_ERROR ? x->failed : e));
		ret = -1;
	}
	free(x);
	return ret;
}
