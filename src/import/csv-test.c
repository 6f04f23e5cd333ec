/* csv-test.c - the CSV reader at its edges: quotes, line breaks, encodings, caps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/jindu-csv-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes to DIR/name and returns the path (static: one at a time). */
static const char *file_with(const char *name, const char *data, size_t len)
{
	static char path[300];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

/*
 * Reads the whole file into "line:cell|cell\n" lines (cells shown with \n
 * as "\\n"), or "ERROR: message" at a failure.
 */
static char *dump(const char *path)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct table_row row;
	struct table *t = table_open(path, &err);
	int rc, i;
	const char *p;

	if (!t) {
		buf_addf(&out, "ERROR: %s", err.buf);
		buf_release(&err);
		return buf_detach(&out, NULL);
	}
	while ((rc = table_next(t, &row, &err)) > 0) {
		buf_addf(&out, "%d:", row.line);
		for (i = 0; i < row.ncells; i++) {
			if (i)
				buf_addch(&out, '|');
			for (p = row.cells[i]; *p; p++)
				buf_adds(&out, *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : (char[2]){ *p, 0 });
		}
		buf_addch(&out, '\n');
	}
	if (rc < 0)
		buf_addf(&out, "ERROR: %s", err.buf);
	/* After the end or an error, the answer stays the same. */
	assert_int_equal(table_next(t, &row, &err), rc);
	table_close(t);
	buf_release(&err);
	return buf_detach(&out, NULL);
}

static void expect(const char *data, size_t len, const char *want)
{
	char *got = dump(file_with("t.csv", data, len));
	assert_string_equal(got, want);
	free(got);
}
#define EXPECT(lit, want) expect(lit, sizeof(lit) - 1, want)

static void test_plain_and_quotes(void **state)
{
	EXPECT("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	EXPECT("a,b,c\n1,2,3", "1:a|b|c\n2:1|2|3\n"); /* no final line break */
	EXPECT("\"a,b\",\"say \"\"hi\"\"\",c\n", "1:a,b|say \"hi\"|c\n");
	EXPECT("\"\",x,\"\"\n", "1:|x\n");                   /* empty quoted cells */
	EXPECT("ab\"c,d\n", "1:ab\"c|d\n");                  /* a quote inside: kept */
	EXPECT("\"ab\"cd,e\n", "1:abcd|e\n");                /* text after the closing quote */
	EXPECT("a, b ,c\n", "1:a| b |c\n");                  /* spaces are data */
}

static void test_line_breaks(void **state)
{
	EXPECT("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n");
	EXPECT("a,b\rc,d\r", "1:a|b\n2:c|d\n");              /* old Mac */
	EXPECT("\"line1\nline2\",x\r\nnext,y\n", "1:line1\\nline2|x\n2:next|y\n");
	EXPECT("\"a\r\nb\",c\n", "1:a\\r\\nb|c\n");          /* kept inside quotes */
	/* Blank rows are counted but not returned, nor are rows of empty cells. */
	EXPECT("a\n\n,,\r\nb\n", "1:a\n4:b\n");
	EXPECT("a,b,,\n", "1:a|b\n");                        /* trailing empties dropped */
	EXPECT(",b\n", "1:|b\n");
	EXPECT("", "");
	EXPECT("\n\n", "");
}

static void test_encodings(void **state)
{
	struct buf err = BUF_INIT;
	struct table *t;

	EXPECT("\xef\xbb\xbf身份证号,姓名\n", "1:身份证号|姓名\n");
	t = table_open(file_with("bom.csv", "\xef\xbb\xbf" "a\n", 4), &err);
	assert_non_null(t);
	assert_int_equal(table_encoding(t), TABLE_UTF8_BOM);
	table_close(t);
	t = table_open(file_with("u.csv", "a\n", 2), &err);
	assert_int_equal(table_encoding(t), TABLE_UTF8);
	table_close(t);

	/* 姓名,张三 / €,𠀀 in GB18030 (two- and four-byte sequences). */
	EXPECT("\xd0\xd5\xc3\xfb,\xd5\xc5\xc8\xfd\n\xa2\xe3,\x95\x32\x82\x36\n",
	       "1:姓名|张三\n2:€|𠀀\n");
	t = table_open(file_with("gb.csv", "\xd0\xd5\xc3\xfb\n", 5), &err);
	assert_int_equal(table_encoding(t), TABLE_GB18030);
	table_close(t);
	/* GB18030 trail bytes never look like a quote, comma or line break. */
	EXPECT("\"\xd5\xc5,\xc8\xfd\"\n", "1:张,三\n");

	/* Neither UTF-8 nor GB18030: the row and column are named. */
	EXPECT("a,b\nc,\xff\xfe\xff\n", "1:a|b\nERROR: row 2, column B: the text is neither UTF-8 nor "
					"GB18030 (save the file as \"CSV UTF-8\")");
	/* Cut in the middle of a character: not UTF-8, and as GB18030 a lead
	 * byte without its trail. */
	EXPECT("a\n\xe4\xb8", "1:a\n2:涓\n");  /* 涓 in GB18030; half of a character in UTF-8 */
	EXPECT("a\n\xe5", "1:a\nERROR: row 2, column A: the text is neither UTF-8 nor GB18030 "
			  "(save the file as \"CSV UTF-8\")");
	buf_release(&err);
}

static void test_refused_files(void **state)
{
	char *got;
	got = dump(file_with("w.csv", "\xff\xfe" "a\0,\0", 6));
	assert_non_null(strstr(got, "UTF-16"));
	free(got);
	got = dump(file_with("z.csv", "PK\3\4rest", 8));
	assert_non_null(strstr(got, "zip archive"));
	free(got);
	got = dump(file_with("n.csv", "a\0b\n", 4));
	assert_non_null(strstr(got, "NUL bytes"));
	free(got);
	got = dump("/nonexistent/dir/x.csv");
	assert_non_null(strstr(got, "cannot open '/nonexistent/dir/x.csv'"));
	free(got);
	got = dump(file_with("x.xls", "a", 1));
	assert_non_null(strstr(got, "old .xls workbook"));
	free(got);
	got = dump(file_with("x.txt", "a", 1));
	assert_non_null(strstr(got, "neither a .csv nor an .xlsx"));
	free(got);
}

static void test_separator(void **state)
{
	EXPECT("a\tb\tc\n1\t2\t3\n", "1:a|b|c\n2:1|2|3\n");
	EXPECT("a\tb,c\n", "1:a\tb|c\n");                    /* a comma: comma-separated */
	EXPECT("a,b\n1\t2,3\n", "1:a|b\n2:1\t2|3\n");
}

static void test_caps(void **state)
{
	struct buf data = BUF_INIT;
	char *got;
	int i;

	/* A cell of exactly the limit is fine, one byte more is not. */
	buf_adds(&data, "a,");
	for (i = 0; i < TABLE_MAX_CELL; i++)
		buf_addch(&data, 'x');
	buf_adds(&data, "\n");
	got = dump(file_with("c.csv", data.buf, data.len));
	assert_int_equal(strlen(got), 2 + 2 + TABLE_MAX_CELL + 1);
	free(got);
	buf_setlen(&data, data.len - 1);
	buf_adds(&data, "x\n");
	got = dump(file_with("c.csv", data.buf, data.len));
	assert_string_equal(got, "ERROR: row 1, column B: the cell holds more than 8192 bytes");
	free(got);

	/* An unclosed quote runs into the cap or the end of the file. */
	EXPECT("a,\"b\nc\n", "ERROR: row 1, column B: a quoted cell is never closed");
	buf_reset(&data);
	buf_adds(&data, "\"");
	for (i = 0; i < TABLE_MAX_CELL + 10; i++)
		buf_addch(&data, i % 50 ? 'y' : '\n');
	got = dump(file_with("q.csv", data.buf, data.len));
	assert_non_null(strstr(got, "row 1, column A: the cell holds more than 8192 bytes "
				    "(a quote that is never closed?)"));
	free(got);

	/* Columns: empty ones past the limit are ignored, data is not. */
	buf_reset(&data);
	buf_adds(&data, "a");
	for (i = 0; i < 1000; i++)
		buf_addch(&data, ',');
	buf_adds(&data, "\n");
	got = dump(file_with("e.csv", data.buf, data.len));
	assert_string_equal(got, "1:a\n");
	free(got);
	buf_reset(&data);
	buf_adds(&data, "h\n");
	for (i = 0; i < TABLE_MAX_COLS; i++)
		buf_adds(&data, "v,");
	buf_adds(&data, "w\n");
	got = dump(file_with("w.csv", data.buf, data.len));
	assert_string_equal(strstr(got, "ERROR"),
			    "ERROR: row 2: data in column IW, past the limit of 256 columns");
	free(got);

	/* Rows: the limit counts rows with data. */
	buf_reset(&data);
	for (i = 0; i <= TABLE_MAX_ROWS; i++)
		buf_adds(&data, "1\n");
	got = dump(file_with("r.csv", data.buf, data.len));
	assert_non_null(strstr(got, "ERROR: row 1000001: more than 1000000 rows of data"));
	free(got);
	buf_release(&data);
}

static void test_helpers(void **state)
{
	static const struct {
		int col;
		const char *name;
	} cols[] = { { 0, "A" }, { 25, "Z" }, { 26, "AA" }, { 701, "ZZ" }, { 702, "AAA" },
		     { 16383, "XFD" } };
	static const struct {
		double serial;
		int date1904, ymd;
	} serials[] = {
		{ 1, 0, 19000101 },     { 59, 0, 19000228 },   { 60, 0, 0 },
		{ 61, 0, 19000301 },    { 25569, 0, 19700101 }, { 45000, 0, 20230315 },
		{ 45000.75, 0, 20230315 }, { 45351, 0, 20240229 }, { 2958465, 0, 99991231 },
		{ 2958466, 0, 0 },      { 0, 0, 0 },           { -3, 0, 0 },
		{ 1, 1, 19040102 },     { 43538, 1, 20230315 },
	};
	char name[4];
	size_t i;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		table_column_name(cols[i].col, name);
		assert_string_equal(name, cols[i].name);
	}
	for (i = 0; i < sizeof(serials) / sizeof(serials[0]); i++)
		assert_int_equal(table_excel_serial_ymd(serials[i].serial, serials[i].date1904),
				 serials[i].ymd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quotes),
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_refused_files),
		cmocka_unit_test(test_separator),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
