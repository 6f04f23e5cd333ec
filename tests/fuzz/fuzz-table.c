/* fuzz-table.c - libFuzzer target for the spreadsheet readers (src/import/csv.c, xlsx.c).
 *
 * The first byte picks the format (even: .csv, odd: .xlsx); the rest is the
 * file. Build and run with clang (from the top directory):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *     $(pkg-config --cflags minizip expat) tests/fuzz/fuzz-table.c \
 *     src/import/table.c src/import/csv.c src/import/xlsx.c src/lib/buf.c \
 *     src/lib/xalloc.c src/lib/timeutil.c $(pkg-config --libs minizip expat) -lm \
 *     -o build/fuzz-table
 *   mkdir -p build/fuzz-corpus && build/fuzz-table -max_total_time=60 build/fuzz-corpus
 *
 * Seed the corpus with a few real files (a byte 0 or 1 in front) to reach
 * the XML parts quickly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct buf err = BUF_INIT;
	struct table_row row;
	struct table *t;
	FILE *f;
	int i, rows = 0;

	if (!size)
		return 0;
	snprintf(path, sizeof(path), "/tmp/jindu-fuzz-%d.%s", (int)getpid(),
		 data[0] & 1 ? "xlsx" : "csv");
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	t = table_open(path, &err);
	if (t) {
		while (table_next(t, &row, &err) > 0 && rows++ < 100000)
			for (i = 0; i < row.ncells; i++)
				if (strlen(row.cells[i]) > TABLE_MAX_CELL)
					abort();
		table_close(t);
	}
	unlink(path);
	buf_release(&err);
	return 0;
}
