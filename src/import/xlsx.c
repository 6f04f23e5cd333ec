/* xlsx.c - the first worksheet of an .xlsx workbook (a zip of XML parts), streamed row by row. */
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unzip.h>

#include "import/table-internal.h"
#include "lib/xalloc.h"

#define CHUNK 65536
#define MAX_XFS 65536      /* cell formats in styles.xml */
#define MAX_NUMFMTS 4096   /* custom number formats */

/* What is learnt from workbook.xml and its relationships. */
struct wb_info {
	char rid[64];       /* relationship id of the first sheet */
	char target[256];   /* its part name in the zip */
	int have_sheet;
};

/* styles.xml while it is parsed: custom number formats, then cellXfs. */
struct styles_info {
	int in_xfs;
	long fmt_id[MAX_NUMFMTS];
	unsigned char fmt_date[MAX_NUMFMTS];
	size_t nfmt;
};

/* sharedStrings.xml while it is parsed. */
struct sst_info {
	int in_si, in_t, in_rph;
	struct buf cur;
};

struct xlsx {
	struct table t;
	unzFile zip;
	int date1904;
	/* shared strings: all in sst, NUL-terminated; sst_off[i] where each starts */
	struct buf sst;
	size_t *sst_off, nsst, asst;
	/* cell formats: xf_date[i] is 1 when format i shows a date */
	unsigned char *xf_date;
	size_t nxf, axf;
	/* parsing state of the part being read */
	struct wb_info wb;
	struct styles_info *styles;
	struct sst_info sp;
	/* the worksheet being streamed */
	XML_Parser p;
	char chunk[CHUNK];
	uint64_t unpacked;
	int eof, suspended, failed;
	struct buf *err;         /* where handlers write, during one call */
	int in_data, row_line, last_line;
	size_t next_col;
	int in_cell, in_v, in_is, in_t, in_rph;
	size_t col;
	char type[16];
	long style;
	struct buf val;
};

/* ---- XML helpers ---- */

/* The name without its namespace prefix: "x:row" -> "row". */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (!strcmp(local(atts[0]), name))
			return atts[1];
	return NULL;
}

/* Expands no DTD at all: a workbook never needs one, and entities are how
 * XML bombs work. */
static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
				   const XML_Char *pubid, int has_internal_subset)
{
	struct xlsx *x = ud;
	if (!x->failed)
		buf_setf(x->err, "the workbook's XML declares a document type, which is not accepted");
	x->failed = 1;
	XML_StopParser(x->p, XML_FALSE);
}

static void fail(struct xlsx *x, XML_Parser p)
{
	x->failed = 1;
	XML_StopParser(p, XML_FALSE);
}

/* Opens the zip entry name (case-insensitive). Returns 0, 1 when there is
 * no such entry, -1 with err. */
static int open_entry(struct xlsx *x, const char *name, struct buf *err)
{
	if (unzLocateFile(x->zip, name, 2) != UNZ_OK)
		return 1;
	if (unzOpenCurrentFile(x->zip) != UNZ_OK) {
		buf_setf(err, "cannot unpack '%s' from the workbook", name);
		return -1;
	}
	return 0;
}

/* Feeds the whole entry name to a new parser with the given handlers.
 * Returns 0, 1 when the entry is missing, -1 with err. */
static int parse_entry(struct xlsx *x, const char *name, XML_StartElementHandler start,
		       XML_EndElementHandler end, XML_CharacterDataHandler chars, struct buf *err)
{
	uint64_t total = 0;
	int rc, n, ret = -1;

	rc = open_entry(x, name, err);
	if (rc)
		return rc;
	x->p = XML_ParserCreate(NULL);
	x->err = err;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	if (chars)
		XML_SetCharacterDataHandler(x->p, chars);
	XML_SetStartDoctypeDeclHandler(x->p, refuse_doctype);
	do {
		n = unzReadCurrentFile(x->zip, x->chunk, CHUNK);
		if (n < 0) {
			buf_setf(err, "the workbook's part '%s' is damaged (zip error %d)", name, n);
			goto out;
		}
		total += (uint64_t)n;
		if (total > TABLE_MAX_PART) {
			buf_setf(err, "the workbook's part '%s' unpacks to more than %u MB", name,
				 TABLE_MAX_PART >> 20);
			goto out;
		}
		if (XML_Parse(x->p, x->chunk, n, n == 0) != XML_STATUS_OK) {
			if (!x->failed)
				buf_setf(err, "the workbook's part '%s' is not valid XML: %s at line %lu",
					 name, XML_ErrorString(XML_GetErrorCode(x->p)),
					 (unsigned long)XML_GetCurrentLineNumber(x->p));
			goto out;
		}
	} while (n > 0);
	ret = x->failed ? -1 : 0;
out:
	XML_ParserFree(x->p);
	x->p = NULL;
	unzCloseCurrentFile(x->zip);
	return ret;
}


/* ---- xl/workbook.xml and its relationships: where the first sheet is ---- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name), *v;
	if (!strcmp(n, "workbookPr")) {
		v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
	} else if (!strcmp(n, "sheet") && !x->wb.have_sheet) {
		v = attr(atts, "id");
		if (v && strlen(v) < sizeof(x->wb.rid)) {
			strcpy(x->wb.rid, v);
			x->wb.have_sheet = 1;
		}
	}
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	if (strcmp(local(name), "Relationship") || !id || !target || strcmp(id, x->wb.rid))
		return;
	if (target[0] == '/')
		snprintf(x->wb.target, sizeof(x->wb.target), "%s", target + 1);
	else
		snprintf(x->wb.target, sizeof(x->wb.target), "xl/%s", target);
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
}

/* ---- xl/styles.xml: which cell formats are dates ---- */

static int builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A format code shows a date when it has y or d outside quotes, escapes
 * and [brackets] (colours, locales, elapsed [h]). */
static int code_is_date(const char *s)
{
	for (; *s; s++) {
		if (*s == '"') {
			s = strchr(s + 1, '"');
			if (!s)
				return 0;
		} else if (*s == '[') {
			s = strchr(s + 1, ']');
			if (!s)
				return 0;
		} else if (*s == '\\' || *s == '_' || *s == '*') {
			if (!*++s)
				return 0;
		} else if (*s == 'y' || *s == 'Y' || *s == 'd' || *s == 'D') {
			return 1;
		}
	}
	return 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	struct styles_info *s = x->styles;
	const char *n = local(name), *id = attr(atts, "numFmtId");
	long fid = id ? strtol(id, NULL, 10) : 0;
	size_t i;
	int date;

	if (!strcmp(n, "cellXfs")) {
		s->in_xfs = 1;
	} else if (!strcmp(n, "numFmt")) {
		const char *code = attr(atts, "formatCode");
		if (id && code && s->nfmt < MAX_NUMFMTS) {
			s->fmt_id[s->nfmt] = fid;
			s->fmt_date[s->nfmt++] = (unsigned char)code_is_date(code);
		}
	} else if (!strcmp(n, "xf") && s->in_xfs) {
		if (x->nxf >= MAX_XFS) {
			buf_setf(x->err, "the workbook has more than %d cell formats", MAX_XFS);
			fail(x, x->p);
			return;
		}
		date = builtin_date(fid);
		for (i = 0; i < s->nfmt; i++)
			if (s->fmt_id[i] == fid)
				date = s->fmt_date[i];
		ALLOC_GROW(x->xf_date, x->nxf + 1, x->axf);
		x->xf_date[x->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	if (!strcmp(local(name), "cellXfs"))
		x->styles->in_xfs = 0;
}

/* ---- xl/sharedStrings.xml ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "si")) {
		x->sp.in_si = 1;
		buf_reset(&x->sp.cur);
	} else if (!strcmp(n, "rPh")) {
		x->sp.in_rph = 1; /* a phonetic guide (furigana): not part of the text */
	} else if (!strcmp(n, "t") && x->sp.in_si && !x->sp.in_rph) {
		x->sp.in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "t")) {
		x->sp.in_t = 0;
	} else if (!strcmp(n, "rPh")) {
		x->sp.in_rph = 0;
	} else if (!strcmp(n, "si") && x->sp.in_si) {
		x->sp.in_si = 0;
		ALLOC_GROW(x->sst_off, x->nsst + 1, x->asst);
		x->sst_off[x->nsst++] = x->sst.len;
		buf_addbuf(&x->sst, &x->sp.cur);
		buf_addch(&x->sst, '\0');
		if (buf_err(&x->sst) || buf_err(&x->sp.cur)) {
			buf_setf(x->err, "the workbook's shared strings pass %u MB",
				 TABLE_MAX_SHARED >> 20);
			fail(x, x->p);
		}
	}
}

static void XMLCALL sst_chars(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (x->sp.in_t)
		buf_add(&x->sp.cur, s, (size_t)len);
}

/* ---- the worksheet ---- */

/* "BC12" -> 54 (0-based column); -1 when there are no letters. */
static long column_of(const char *ref)
{
	long col = 0;
	int n = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++) {
		if (n == 3)
			return -1;
		col = col * 26 + (*ref - 'A' + 1);
	}
	return n ? col - 1 : -1;
}

/* Numbers as a person would type them: integers without exponent or
 * ".0" when exact, others to 15 significant digits (Excel's precision). */
static void format_number(const char *v, char *out, size_t size)
{
	const char *p = v;
	char *end;
	double d;

	if (*p == '-')
		p++;
	if (*p && strspn(p, "0123456789") == strlen(p)) {
		snprintf(out, size, "%s", v);
		return;
	}
	errno = 0;
	d = strtod(v, &end);
	if (*end || errno || !isfinite(d))
		snprintf(out, size, "%s", v);
	else if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, size, "%.0f", d);
	else if (d == floor(d))
		snprintf(out, size, "%s", v); /* digits already lost: shown as Excel keeps it */
	else
		snprintf(out, size, "%.15g", d);
}

/* The text of the cell just ended, by its type. */
static int cell_value(struct xlsx *x, const char **text, size_t *len, char *tmp, size_t size)
{
	const char *v = x->val.buf;
	char name[4];

	*text = v;
	*len = x->val.len;
	if (!strcmp(x->type, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= x->nsst) {
			table_column_name((int)x->col, name);
			buf_setf(x->err, "row %d, column %s: shared string '%s' does not exist",
				 x->row_line, name, v);
			return -1;
		}
		*text = x->sst.buf + x->sst_off[i];
		*len = strlen(*text);
	} else if (!strcmp(x->type, "b")) {
		*text = !strcmp(v, "1") ? "TRUE" : "FALSE";
		*len = strlen(*text);
	} else if (!strcmp(x->type, "d")) {
		*len = x->val.len >= 10 ? 10 : x->val.len; /* ISO 8601: keep the date */
	} else if (!*x->type || !strcmp(x->type, "n")) {
		int ymd = 0;
		if (!x->val.len)
			return 0;
		if (x->style >= 0 && (size_t)x->style < x->nxf && x->xf_date[x->style])
			ymd = table_excel_serial_ymd(strtod(v, NULL), x->date1904);
		if (ymd)
			snprintf(tmp, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
		else
			format_number(v, tmp, size);
		*text = tmp;
		*len = strlen(tmp);
	}
	/* inlineStr, str (a formula's text) and e (an error such as #N/A): as is */
	return 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name), *v;

	if (!strcmp(n, "sheetData")) {
		x->in_data = 1;
	} else if (!x->in_data) {
		return;
	} else if (!strcmp(n, "row")) {
		v = attr(atts, "r");
		x->row_line = v ? atoi(v) : 0;
		if (x->row_line <= x->last_line || x->row_line > 1048576)
			x->row_line = x->last_line + 1;
		x->last_line = x->row_line;
		x->next_col = 0;
		table_row_reset(&x->t);
	} else if (!strcmp(n, "c")) {
		long col;
		v = attr(atts, "r");
		col = v ? column_of(v) : -1;
		x->col = col >= 0 ? (size_t)col : x->next_col;
		v = attr(atts, "t");
		snprintf(x->type, sizeof(x->type), "%s", v ? v : "");
		v = attr(atts, "s");
		x->style = v ? strtol(v, NULL, 10) : 0;
		buf_reset(&x->val);
		x->in_cell = 1;
	} else if (!strcmp(n, "v") && x->in_cell) {
		x->in_v = 1;
	} else if (!strcmp(n, "is") && x->in_cell) {
		x->in_is = 1;
	} else if (!strcmp(n, "rPh")) {
		x->in_rph = 1;
	} else if (!strcmp(n, "t") && x->in_is && !x->in_rph) {
		x->in_t = 1;
	}
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name), *text;
	char tmp[64], col[4];
	size_t len;

	if (!x->in_data)
		return;
	if (!strcmp(n, "v")) {
		x->in_v = 0;
	} else if (!strcmp(n, "t")) {
		x->in_t = 0;
	} else if (!strcmp(n, "rPh")) {
		x->in_rph = 0;
	} else if (!strcmp(n, "is")) {
		x->in_is = 0;
	} else if (!strcmp(n, "c") && x->in_cell) {
		x->in_cell = 0;
		if (buf_err(&x->val)) {
			table_column_name((int)x->col, col);
			buf_setf(x->err, "row %d, column %s: the cell holds more than %d bytes",
				 x->row_line, col, TABLE_MAX_CELL);
			fail(x, x->p);
			return;
		}
		if (cell_value(x, &text, &len, tmp, sizeof(tmp)) < 0 ||
		    table_cell_set(&x->t, x->row_line, x->col, text, len, x->err) < 0) {
			fail(x, x->p);
			return;
		}
		x->next_col = x->col + 1;
	} else if (!strcmp(n, "row")) {
		/* One row at a time: the parser pauses here and read_row returns it. */
		XML_StopParser(x->p, XML_TRUE);
	} else if (!strcmp(n, "sheetData")) {
		x->in_data = 0;
	}
}

static void XMLCALL sheet_chars(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (x->in_v || x->in_t)
		buf_add(&x->val, s, (size_t)len);
}

static int xlsx_read_row(struct table *t, int *line, struct buf *err)
{
	struct xlsx *x = (struct xlsx *)t;
	enum XML_Status st;
	int n;

	x->err = err;
	for (;;) {
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else if (x->eof) {
			return 0;
		} else {
			n = unzReadCurrentFile(x->zip, x->chunk, CHUNK);
			if (n < 0) {
				buf_setf(err, "the worksheet is damaged (zip error %d)", n);
				return -1;
			}
			x->unpacked += (uint64_t)n;
			if (x->unpacked > TABLE_MAX_PART) {
				buf_setf(err, "the worksheet unpacks to more than %u MB",
					 TABLE_MAX_PART >> 20);
				return -1;
			}
			x->eof = n == 0;
			st = XML_Parse(x->p, x->chunk, n, n == 0);
		}
		if (x->failed)
			return -1;
		if (st == XML_STATUS_ERROR) {
			buf_setf(err, "the worksheet is not valid XML: %s at line %lu",
				 XML_ErrorString(XML_GetErrorCode(x->p)),
				 (unsigned long)XML_GetCurrentLineNumber(x->p));
			return -1;
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			*line = x->row_line;
			return 1;
		}
	}
}

static void xlsx_close(struct table *t)
{
	struct xlsx *x = (struct xlsx *)t;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zip)
		unzClose(x->zip);
	buf_release(&x->sst);
	buf_release(&x->sp.cur);
	buf_release(&x->val);
	free(x->sst_off);
	free(x->xf_date);
	free(x->styles);
	table_release(t);
	free(x);
}

static const struct table_ops xlsx_ops = { xlsx_read_row, xlsx_close };

/* Reads what the worksheet needs (first sheet, date system, formats, shared
 * strings) and opens the worksheet for streaming. */
static int load_workbook(struct xlsx *x, const char *path, struct buf *err)
{
	int rc;

	rc = parse_entry(x, "xl/workbook.xml", wb_start, no_end, NULL, err);
	if (rc == 1)
		buf_setf(err, "'%s' is a zip file but not an Excel workbook (no xl/workbook.xml)", path);
	if (rc)
		return -1;
	if (!x->wb.have_sheet) {
		buf_setf(err, "the workbook '%s' has no worksheet", path);
		return -1;
	}
	if (parse_entry(x, "xl/_rels/workbook.xml.rels", rels_start, no_end, NULL, err) < 0)
		return -1;
	if (!x->wb.target[0])
		snprintf(x->wb.target, sizeof(x->wb.target), "xl/worksheets/sheet1.xml");
	x->styles = xcalloc(1, sizeof(*x->styles));
	if (parse_entry(x, "xl/styles.xml", styles_start, styles_end, NULL, err) < 0)
		return -1;
	free(x->styles);
	x->styles = NULL;
	if (parse_entry(x, "xl/sharedStrings.xml", sst_start, sst_end, sst_chars, err) < 0)
		return -1;
	buf_release(&x->sp.cur);

	rc = open_entry(x, x->wb.target, err);
	if (rc == 1)
		buf_setf(err, "the workbook's first sheet '%s' is missing", x->wb.target);
	if (rc)
		return -1;
	x->p = XML_ParserCreate(NULL);
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->p, sheet_chars);
	XML_SetStartDoctypeDeclHandler(x->p, refuse_doctype);
	return 0;
}

struct table *table_open_xlsx(const char *path, struct buf *err)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	struct stat st;

	table_init(&x->t, &xlsx_ops, TABLE_XLSX);
	buf_init(&x->sst, TABLE_MAX_SHARED);
	buf_init(&x->sp.cur, TABLE_MAX_SHARED);
	buf_init(&x->val, TABLE_MAX_CELL + 1);
	x->err = err;
	if (stat(path, &st) < 0) {
		buf_setf(err, "cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	x->zip = unzOpen64(path);
	if (!x->zip) {
		buf_setf(err, "'%s' is not an .xlsx workbook (not a zip archive)", path);
		goto fail;
	}
	if (load_workbook(x, path, err) < 0)
		goto fail;
	return &x->t;
fail:
	xlsx_close(&x->t);
	return NULL;
}
