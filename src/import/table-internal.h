/* table-internal.h - what the table readers (csv.c, xlsx.c) share behind table.h. */
#ifndef JINDU_TABLE_INTERNAL_H
#define JINDU_TABLE_INTERNAL_H

#include <stddef.h>

#include "import/table.h"

struct table_ops {
	/* Reads the next row into the table's row builder: returns 1 when a
	 * row ended (possibly empty), 0 at the end, -1 with err. */
	int (*read_row)(struct table *t, int *line, struct buf *err);
	void (*close)(struct table *t);
};

/*
 * A backend embeds struct table first in its own struct. The row builder
 * holds the cells of one row: their bytes in text (each NUL-terminated)
 * and where each starts in off; ptrs is filled when the row is handed out.
 */
struct table {
	const struct table_ops *ops;
	enum table_encoding enc;
	int state;          /* 0 reading, 1 at the end, -1 failed */
	struct buf failure; /* the message repeated after a failure */
	int rows;           /* non-empty rows handed out */
	struct buf text;
	size_t *off;
	size_t ncells, aoff;
	const char **ptrs;
	size_t aptrs;
};

void table_init(struct table *t, const struct table_ops *ops, enum table_encoding enc);
void table_release(struct table *t);

/* Empties the row builder. */
void table_row_reset(struct table *t);
/*
 * Sets cell col (0-based) of the row being built to data[0..len). Cells
 * must come in increasing column order; skipped ones stay empty. Empty
 * cells past TABLE_MAX_COLS are dropped. Returns 0, or -1 with a message
 * naming line and column when a cap is passed or the order is wrong.
 */
int table_cell_set(struct table *t, int line, size_t col, const char *data, size_t len,
		   struct buf *err);

#endif
