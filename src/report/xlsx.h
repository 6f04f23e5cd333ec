/* xlsx.h - writing .xlsx workbooks of text cells with libxlsxwriter: header row, widths, safe cells. */
#ifndef JINDU_REPORT_XLSX_H
#define JINDU_REPORT_XLSX_H

#include "lib/buf.h"

/*
 * A workbook written to a file, sheet after sheet and row after row (rows
 * go out as they are written, so memory stays flat for long lists). Every
 * cell is a string cell: nothing is ever written as a formula, and text
 * that a spreadsheet would take for one when edited (starting with = + -
 * @, a tab or a carriage return) gets the text number format "@" as well,
 * so it stays text even when a user retypes it.
 *
 * Errors from libxlsxwriter are sticky: the first one is kept and
 * reported by xlsx_close.
 */
struct xlsx;

/* Starts a workbook at path. Returns NULL with err. */
struct xlsx *xlsx_new(const char *path, struct buf *err);

struct xlsx_column {
	const char *header;
	double width;    /* in characters; 0 for the default */
	int required;    /* header shown in bold red instead of bold */
	int text;        /* the whole column formatted as text ("@"): what users
			  * type stays as typed (long numbers keep every digit) */
};

/* Adds a sheet named name and writes its header row (frozen, with
 * filter buttons when filter is set). Following rows go to this sheet. */
void xlsx_sheet(struct xlsx *x, const char *name, const struct xlsx_column *cols, int ncols,
		int filter);

/* Goes back to the sheet-th sheet added (0 the first): rows go on after its
 * last (so several sheets may be filled side by side, each top to bottom). */
void xlsx_select(struct xlsx *x, int sheet);

/* A number cell in the current row, shown with decimals (0-2) and a
 * thousands separator; the row is ended by xlsx_row_end as for text. */
void xlsx_number(struct xlsx *x, int col, double value, int decimals);

/* Appends a row of n cells (NULL or "" leave a cell empty). */
void xlsx_row(struct xlsx *x, const char *const *cells, int n);
/* The same for one cell at a time: the row is ended by xlsx_row_end. */
void xlsx_cell(struct xlsx *x, int col, const char *text);
void xlsx_row_end(struct xlsx *x);
/* Wraps long text in the cells of column col written from now on. */
void xlsx_wrap_column(struct xlsx *x, int col, double width);

/* Writes the file and frees x. Returns 0, or -1 with err. */
int xlsx_close(struct xlsx *x, struct buf *err);

/* 1 when a spreadsheet would read s as a formula if typed in. */
int xlsx_formula_like(const char *s);

#endif
