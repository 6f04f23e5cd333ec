/* xlsx-test.c - the .xlsx reader on workbooks written by libxlsxwriter and by hand. */
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
#include <xlsxwriter.h>
#include <zip.h>

static char dir[256];

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/jindu-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *path_of(const char *name)
{
	static char path[300];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* "line:cell|cell\n" for every row, or "ERROR: message" at a failure. */
static char *dump(const char *path)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct table_row row;
	struct table *t = table_open(path, &err);
	int rc, i;

	if (!t) {
		buf_addf(&out, "ERROR: %s", err.buf);
		buf_release(&err);
		return buf_detach(&out, NULL);
	}
	assert_int_equal(table_encoding(t), TABLE_XLSX);
	while ((rc = table_next(t, &row, &err)) > 0) {
		buf_addf(&out, "%d:", row.line);
		for (i = 0; i < row.ncells; i++)
			buf_addf(&out, "%s%s", i ? "|" : "", row.cells[i]);
		buf_addch(&out, '\n');
	}
	if (rc < 0)
		buf_addf(&out, "ERROR: %s", err.buf);
	assert_int_equal(table_next(t, &row, &err), rc);
	table_close(t);
	buf_release(&err);
	return buf_detach(&out, NULL);
}

/* The same cells through libxlsxwriter's two modes: shared strings, or
 * inline strings when rows are streamed (constant_memory). */
static void write_book(const char *path, int constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = constant_memory, .tmpdir = NULL,
				     .use_zip64 = 0 };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
	lxw_worksheet *other = workbook_add_worksheet(wb, "other");
	lxw_format *ymd = workbook_add_format(wb), *builtin = workbook_add_format(wb);
	lxw_format *two = workbook_add_format(wb), *cn = workbook_add_format(wb);
	lxw_format *grey = workbook_add_format(wb);
	lxw_datetime d1 = { 2023, 5, 6, 0, 0, 0 }, d2 = { 2024, 2, 29, 13, 30, 0 };

	format_set_num_format(ymd, "yyyy-mm-dd");
	format_set_num_format_index(builtin, 14);
	format_set_num_format(two, "0.00");
	format_set_num_format(cn, "yyyy\"年\"m\"月\"d\"日\"");
	format_set_bg_color(grey, LXW_COLOR_GRAY);

	worksheet_write_string(ws, 0, 0, "身份证号", NULL);
	worksheet_write_string(ws, 0, 1, "姓名", NULL);
	worksheet_write_blank(ws, 0, 2, grey);
	worksheet_write_string(ws, 0, 3, "日期", NULL);

	worksheet_write_string(ws, 1, 0, "360825199001011232", NULL);
	worksheet_write_string(ws, 1, 1, "张三", NULL);
	worksheet_write_number(ws, 1, 2, 42, NULL);
	worksheet_write_datetime(ws, 1, 3, &d1, ymd);
	worksheet_write_number(ws, 1, 4, 45000, builtin);
	worksheet_write_number(ws, 1, 5, 3.5, two);
	worksheet_write_number(ws, 1, 6, 13800138000.0, NULL);
	worksheet_write_number(ws, 1, 7, 360825199001011232.0, NULL);
	worksheet_write_boolean(ws, 1, 8, 1, NULL);
	worksheet_write_formula_str(ws, 1, 9, "=\"a\"&\"b\"", NULL, "ab");
	worksheet_write_datetime(ws, 1, 10, &d2, cn);
	worksheet_write_number(ws, 1, 11, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 1, 12, -7, NULL);

	worksheet_write_string(ws, 3, 0, "x", NULL);
	worksheet_write_string(ws, 3, 3, "y", NULL);
	worksheet_write_blank(ws, 4, 0, grey);
	worksheet_write_blank(ws, 4, 5, grey);
	worksheet_write_string(ws, 5, 0, "=1+1", NULL);
	worksheet_write_string(ws, 5, 1, "", NULL);
	worksheet_write_string(ws, 5, 2, "a&b<c>\"d\"", NULL);

	worksheet_write_string(other, 0, 0, "not the first sheet", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static const char book_rows[] =
	"1:身份证号|姓名||日期\n"
	"2:360825199001011232|张三|42|2023-05-06|2023-03-15|3.5|13800138000|"
	"3.608251990010112E+17|TRUE|ab|2024-02-29|0.3|-7\n"
	"4:x|||y\n"
	"6:=1+1||a&b<c>\"d\"\n";

static void test_shared_strings(void **state)
{
	char *got;
	write_book(path_of("shared.xlsx"), 0);
	got = dump(path_of("shared.xlsx"));
	assert_string_equal(got, book_rows);
	free(got);
}

static void test_inline_strings(void **state)
{
	char *got;
	write_book(path_of("inline.xlsx"), 1);
	got = dump(path_of("inline.xlsx"));
	assert_string_equal(got, book_rows);
	free(got);
}

/* Many rows: the parser pauses after each row across many input chunks. */
static void test_many_rows(void **state)
{
	lxw_workbook_options opt = { .constant_memory = 1, .tmpdir = NULL, .use_zip64 = 0 };
	lxw_workbook *wb = workbook_new_opt(path_of("many.xlsx"), &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	struct buf err = BUF_INIT;
	struct table_row row;
	struct table *t;
	char s[32];
	int i, n = 0;

	for (i = 0; i < 20000; i++) {
		snprintf(s, sizeof(s), "r%d", i);
		worksheet_write_string(ws, (lxw_row_t)i, 0, s, NULL);
		worksheet_write_number(ws, (lxw_row_t)i, 1, i, NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 2, "一二三四五六七八九十", NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	t = table_open(path_of("many.xlsx"), &err);
	assert_non_null(t);
	while (table_next(t, &row, &err) > 0) {
		snprintf(s, sizeof(s), "r%d", n);
		assert_int_equal(row.line, n + 1);
		assert_int_equal(row.ncells, 3);
		assert_string_equal(row.cells[0], s);
		snprintf(s, sizeof(s), "%d", n);
		assert_string_equal(row.cells[1], s);
		n++;
	}
	assert_int_equal(n, 20000);
	table_close(t);
	buf_release(&err);
}

/* A zip of the given parts (name, content pairs, NULL-terminated). */
static void make_zip(const char *path, const char *const *parts)
{
	zipFile z = zipOpen64(path, 0);
	assert_non_null(z);
	for (; parts[0]; parts += 2) {
		assert_int_equal(zipOpenNewFileInZip64(z, parts[0], NULL, NULL, 0, NULL, 0, NULL,
						       Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
				 ZIP_OK);
		assert_int_equal(zipWriteInFileInZip(z, parts[1], (unsigned)strlen(parts[1])), ZIP_OK);
		assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
	}
	assert_int_equal(zipClose(z, NULL), ZIP_OK);
}

#define NS "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char workbook_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<x:workbook " NS "><x:workbookPr date1904=\"true\"/><x:sheets>"
	"<x:sheet name=\"甲\" sheetId=\"2\" r:id=\"rId5\"/>"
	"<x:sheet name=\"乙\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";
static const char rels_xml[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"w\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"w\" Target=\"/xl/worksheets/data.xml\"/>"
	"</Relationships>";
static const char styles_xml[] =
	"<x:styleSheet " NS "><x:numFmts count=\"2\">"
	"<x:numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
	"<x:numFmt numFmtId=\"165\" formatCode=\"&quot;day &quot;0\"/></x:numFmts>"
	"<x:cellStyleXfs count=\"1\"><x:xf numFmtId=\"14\"/></x:cellStyleXfs>"
	"<x:cellXfs count=\"4\"><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"164\"/>"
	"<x:xf numFmtId=\"165\"/><x:xf numFmtId=\"14\"/></x:cellXfs></x:styleSheet>";
static const char sst_xml[] =
	"<x:sst " NS "><x:si><x:t>甲</x:t></x:si>"
	"<x:si><x:r><x:t>富</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>文本</x:t></x:r>"
	"<x:rPh sb=\"0\" eb=\"1\"><x:t>ふ</x:t></x:rPh></x:si>"
	"<x:si><x:t xml:space=\"preserve\"> 空格 </x:t></x:si></x:sst>";

static void hand_made(const char *name, const char *sheet)
{
	const char *parts[] = {
		"[Content_Types].xml", "<Types/>",
		"xl/workbook.xml", workbook_xml,
		"xl/_rels/workbook.xml.rels", rels_xml,
		"xl/styles.xml", styles_xml,
		"xl/sharedStrings.xml", sst_xml,
		"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\">"
					    "<is><t>the second sheet</t></is></c></row></sheetData>"
					    "</worksheet>",
		"xl/worksheets/data.xml", sheet,
		NULL,
	};
	make_zip(path_of(name), parts);
}

static void expect_sheet(const char *sheet, const char *want)
{
	char *got;
	hand_made("hand.xlsx", sheet);
	got = dump(path_of("hand.xlsx"));
	assert_string_equal(got, want);
	free(got);
}

#define SHEET(rows) "<x:worksheet " NS "><x:sheetData>" rows "</x:sheetData></x:worksheet>"

static void test_hand_made(void **state)
{
	/* Prefixed names, the first sheet by workbook order, an absolute
	 * target, phonetic runs left out, cells without references, the 1904
	 * date system, date formats custom and built-in (not cellStyleXfs),
	 * ISO dates, inline rich text, errors and formula strings. */
	expect_sheet(SHEET("<x:row r=\"2\"><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v>"
			   "</x:c><x:c t=\"s\"><x:v>2</x:v></x:c></x:row>"
			   "<x:row><x:c r=\"B3\" s=\"1\"><x:v>43538</x:v></x:c><x:c s=\"2\"><x:v>7</x:v>"
			   "</x:c><x:c t=\"d\"><x:v>2024-02-29T00:00:00</x:v></x:c>"
			   "<x:c t=\"inlineStr\"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t>"
			   "</x:r></x:is></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c>"
			   "<x:c t=\"str\"><x:f>A1</x:f><x:v>公式</x:v></x:c>"
			   "<x:c s=\"3\"><x:v>43538.5</x:v></x:c><x:c t=\"b\"><x:v>0</x:v></x:c></x:row>"
			   "<x:row r=\"9\"><x:c r=\"C9\"><x:v>1.5E+3</x:v></x:c></x:row>"),
		     "2:甲|富文本| 空格 \n3:|2023-03-15|7|2024-02-29|inline|#N/A|公式|2023-03-15|FALSE\n"
		     "9:||1500\n");
	/* Rows without data are skipped; their numbers are not reused. */
	expect_sheet(SHEET("<x:row r=\"1\"/><x:row r=\"2\"><x:c r=\"A2\" s=\"1\"/></x:row>"
			   "<x:row r=\"3\"><x:c r=\"A3\" t=\"inlineStr\"><x:is><x:t></x:t></x:is></x:c>"
			   "</x:row><x:row r=\"7\"><x:c r=\"D7\" t=\"s\"><x:v>0</x:v></x:c></x:row>"),
		     "7:|||甲\n");
	/* No rows at all. */
	expect_sheet(SHEET(""), "");
}

static void test_bad_sheets(void **state)
{
	struct buf big = BUF_INIT;
	char *got;
	int i;

	expect_sheet(SHEET("<x:row r=\"1\"><x:c t=\"s\"><x:v>9</x:v></x:c></x:row>"),
		     "ERROR: row 1, column A: shared string '9' does not exist");
	expect_sheet(SHEET("<x:row r=\"1\"><x:c r=\"IW1\" t=\"inlineStr\"><x:is><x:t>z</x:t></x:is>"
			   "</x:c></x:row>"),
		     "ERROR: row 1: data in column IW, past the limit of 256 columns");
	expect_sheet(SHEET("<x:row r=\"4\"><x:c r=\"B4\"><x:v>1</x:v></x:c><x:c r=\"A4\"><x:v>2</x:v>"
			   "</x:c></x:row>"),
		     "ERROR: row 4: cells out of order (column 1 given twice)");
	expect_sheet(SHEET("<x:row r=\"1\"><x:c><x:v>1</x:c></x:row>"),
		     "ERROR: the worksheet is not valid XML: mismatched tag at line 1");
	expect_sheet("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>" SHEET("<x:row><x:c><x:v>&a;</x:v></x:c></x:row>"),
		     "ERROR: the workbook's XML declares a document type, which is not accepted");

	buf_adds(&big, "<x:worksheet " NS "><x:sheetData><x:row r=\"5\"><x:c r=\"C5\" t=\"inlineStr\">"
		       "<x:is><x:t>");
	for (i = 0; i <= TABLE_MAX_CELL; i++)
		buf_addch(&big, 'x');
	buf_adds(&big, "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>");
	hand_made("big.xlsx", big.buf);
	got = dump(path_of("big.xlsx"));
	assert_string_equal(got, "ERROR: row 5, column C: the cell holds more than 8192 bytes");
	free(got);
	buf_release(&big);
}

static void test_not_workbooks(void **state)
{
	const char *parts[] = { "hello.txt", "hello", NULL };
	FILE *f;
	char *got;

	f = fopen(path_of("text.xlsx"), "w");
	assert_non_null(f);
	fputs("name,id\n", f);
	fclose(f);
	got = dump(path_of("text.xlsx"));
	assert_non_null(strstr(got, "is not an .xlsx workbook (not a zip archive)"));
	free(got);

	make_zip(path_of("plain.xlsx"), parts);
	got = dump(path_of("plain.xlsx"));
	assert_non_null(strstr(got, "is a zip file but not an Excel workbook"));
	free(got);

	got = dump(path_of("missing.xlsx"));
	assert_non_null(strstr(got, "cannot open"));
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_strings),
		cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_hand_made),
		cmocka_unit_test(test_bad_sheets),
		cmocka_unit_test(test_not_workbooks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
