/* table.c - the row reader's front: choosing a backend by extension, the row builder, caps. */
#include "import/table-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/timeutil.h"
#include "lib/xalloc.h"

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

struct table *table_open(const char *path, struct buf *err)
{
	if (has_ext(path, ".csv"))
		return table_open_csv(path, err);
	if (has_ext(path, ".xlsx"))
		return table_open_xlsx(path, err);
	if (has_ext(path, ".xls"))
		buf_setf(err, "'%s' is an old .xls workbook: save it as .xlsx or .csv first", path);
	else
		buf_setf(err, "'%s' is neither a .csv nor an .xlsx file", path);
	return NULL;
}

void table_init(struct table *t, const struct table_ops *ops, enum table_encoding enc)
{
	memset(t, 0, sizeof(*t));
	t->ops = ops;
	t->enc = enc;
	buf_init(&t->failure, 0);
	buf_init(&t->text, 0);
}

void table_release(struct table *t)
{
	buf_release(&t->failure);
	buf_release(&t->text);
	free(t->off);
	free(t->ptrs);
}

void table_close(struct table *t)
{
	if (t)
		t->ops->close(t);
}

enum table_encoding table_encoding(const struct table *t)
{
	return t->enc;
}

const char *table_encoding_name(enum table_encoding e)
{
	switch (e) {
	case TABLE_UTF8:
		return "UTF-8";
	case TABLE_UTF8_BOM:
		return "UTF-8 BOM";
	case TABLE_GB18030:
		return "GB18030";
	case TABLE_XLSX:
		return "xlsx";
	}
	return "";
}

void table_column_name(int col, char out[4])
{
	char tmp[4];
	int n = 0, i;
	if (col < 0 || col >= 26 + 26 * 26 + 26 * 26 * 26) {
		strcpy(out, "?");
		return;
	}
	col++;
	while (col > 0 && n < 3) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void table_row_reset(struct table *t)
{
	buf_reset(&t->text);
	t->ncells = 0;
}

/* The empty cell is an offset past every real one. */
#define EMPTY_CELL ((size_t)-1)

int table_cell_set(struct table *t, int line, size_t col, const char *data, size_t len,
		   struct buf *err)
{
	char name[4];
	if (col < t->ncells) {
		buf_setf(err, "row %d: cells out of order (column %zu given twice)", line, col + 1);
		return -1;
	}
	if (!len)
		return 0; /* gaps and trailing empties are implied by ncells */
	table_column_name((int)col, name);
	if (col >= TABLE_MAX_COLS) {
		buf_setf(err, "row %d: data in column %s, past the limit of %d columns", line, name,
			 TABLE_MAX_COLS);
		return -1;
	}
	if (len > TABLE_MAX_CELL) {
		buf_setf(err, "row %d, column %s: the cell holds more than %d bytes", line, name,
			 TABLE_MAX_CELL);
		return -1;
	}
	while (t->ncells <= col) {
		ALLOC_GROW(t->off, t->ncells + 1, t->aoff);
		t->off[t->ncells++] = EMPTY_CELL;
	}
	t->off[col] = t->text.len;
	buf_add(&t->text, data, len);
	buf_addch(&t->text, '\0');
	return 0;
}

int table_next(struct table *t, struct table_row *row, struct buf *err)
{
	int line = 0, rc;
	size_t i;

	memset(row, 0, sizeof(*row));
	if (t->state < 0) {
		buf_setf(err, "%s", t->failure.buf);
		return -1;
	}
	while (t->state == 0) {
		table_row_reset(t);
		rc = t->ops->read_row(t, &line, err);
		if (rc < 0) {
			t->state = -1;
			buf_setf(&t->failure, "%s", err->buf);
			return -1;
		}
		if (rc == 0) {
			t->state = 1;
			break;
		}
		if (!t->ncells)
			continue; /* a blank row: counted in line numbers, never returned */
		if (++t->rows > TABLE_MAX_ROWS) {
			buf_setf(err, "row %d: more than %d rows of data", line, TABLE_MAX_ROWS);
			t->state = -1;
			buf_setf(&t->failure, "%s", err->buf);
			return -1;
		}
		ALLOC_GROW(t->ptrs, t->ncells, t->aptrs);
		for (i = 0; i < t->ncells; i++)
			t->ptrs[i] = t->off[i] == EMPTY_CELL ? "" : t->text.buf + t->off[i];
		row->line = line;
		row->ncells = (int)t->ncells;
		row->cells = t->ptrs;
		return 1;
	}
	return 0;
}

int table_excel_serial_ymd(double serial, int date1904)
{
	int64_t days;
	int y, m, d;
	if (!isfinite(serial) || serial < 1 || serial >= 2958466)
		return 0;
	days = (int64_t)floor(serial);
	if (date1904) {
		days += 1462; /* 1904-01-01 is serial 1462 in the 1900 system */
	} else if (days == 60) {
		return 0;     /* 1900-02-29, which never was: Lotus 1-2-3's bug, kept by Excel */
	} else if (days < 60) {
		days += 1;    /* before the phantom day, serials are one short */
	}
	/* Serial 25569 is 1970-01-01. */
	date_from_days(days - 25569, &y, &m, &d);
	if (y > 9999)
		return 0;
	return y * 10000 + m * 100 + d;
}
