/* table.h - reading a spreadsheet (.csv or .xlsx) row by row as UTF-8 strings. */
#ifndef JINDU_TABLE_H
#define JINDU_TABLE_H

#include "lib/buf.h"

/*
 * One reader for every tabular input format: open a file, then ask for its
 * rows one at a time. Each row is an array of cells, each cell a UTF-8,
 * NUL-terminated string ("" for an empty cell), with the row number a user
 * sees in a spreadsheet program (1-based; the header is usually row 1).
 * Rows whose cells are all empty are skipped but still counted, so the
 * numbers stay those of the file.
 *
 * Formats (chosen by the file name's extension, case-insensitive):
 *  - .csv: RFC 4180 (quoted cells, "" for a quote, line breaks inside
 *    quotes, CRLF or LF); UTF-8 with or without a byte order mark, or
 *    GB18030 when the bytes are not valid UTF-8. A first line with tabs
 *    and no commas makes the separator a tab.
 *  - .xlsx: the first worksheet; shared, inline and formula strings,
 *    numbers (integers written without exponent when exact), booleans,
 *    and numbers in a date format as YYYY-MM-DD (1900 and 1904 systems).
 *
 * Everything read from the file is bounded: a cell's size, a row's
 * columns, the number of rows and, for .xlsx, the size of each part once
 * unpacked. Past a cap the reader fails with a message naming the row.
 */
#define TABLE_MAX_CELL 8192           /* bytes of one cell, in UTF-8 */
#define TABLE_MAX_COLS 256            /* columns of a row that hold data */
#define TABLE_MAX_ROWS 1000000        /* non-empty rows of a file */
#define TABLE_MAX_PART (1u << 30)     /* bytes of one .xlsx part once unpacked */
#define TABLE_MAX_SHARED (64u << 20)  /* bytes of all shared strings together */

enum table_encoding { TABLE_UTF8, TABLE_UTF8_BOM, TABLE_GB18030, TABLE_XLSX };

struct table_row {
	int line;           /* 1-based row number in the file */
	int ncells;         /* trailing empty cells are not counted */
	const char **cells; /* ncells strings, valid until the next table_next */
};

struct table;

/*
 * Opens path by its extension. Returns NULL with a message in err for an
 * unknown extension, a file that cannot be read or, for .xlsx, a file
 * that is not a workbook. The caller frees the result with table_close.
 */
struct table *table_open(const char *path, struct buf *err);

/*
 * Reads the next non-empty row into row. Returns 1 for a row, 0 at the end
 * of the data and -1 with a message in err (the file is malformed or a cap
 * is passed); after -1 or 0, further calls return the same.
 */
int table_next(struct table *t, struct table_row *row, struct buf *err);

/* How the file was read, for reports (.csv: the encoding detected). */
enum table_encoding table_encoding(const struct table *t);
const char *table_encoding_name(enum table_encoding e);

void table_close(struct table *t);

/* Column letters for a 0-based index: 0 "A", 25 "Z", 26 "AA" (out: 4 bytes). */
void table_column_name(int col, char out[4]);

/*
 * The format backends (csv.c, xlsx.c) behind table_open; usable directly.
 * Each returns a table whose next/close go to that backend.
 */
struct table *table_open_csv(const char *path, struct buf *err);
struct table *table_open_xlsx(const char *path, struct buf *err);

/*
 * Excel's serial day number (1900 system; date1904 for the 1904 system) as
 * YYYYMMDD, honouring Excel's phantom 1900-02-29 (serial 60). Returns 0 for
 * a serial outside 1 .. 2958465 (9999-12-31).
 */
int table_excel_serial_ymd(double serial, int date1904);

#endif
