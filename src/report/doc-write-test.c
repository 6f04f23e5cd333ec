/* doc-write-test.c - a bulletin-like document in all three formats, read back by real readers (poppler, openpyxl). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/doc.h"

/*
 * The sample: a quarterly bulletin of a county with twenty townships —
 * a table of them with a two-row header, figures with links, changes,
 * grams with a decimal and a totals row, long enough to go on over a
 * page — and a bar chart. The PDF is read with pdftotext and pdfinfo
 * (poppler-utils), the workbook with python3-openpyxl; both come with
 * scripts/install-deps. JINDU_DOC_SAMPLE_DIR=DIR keeps the three files
 * there (docs/screenshots/bulletin-pdf.png is page 1 of that PDF).
 */

/*
 * Under the leak checker (make asan): fontconfig keeps its caches of font
 * patterns to the end of the process, and cairo 1.16 (Debian 12) loses
 * under a KB per embedded font when it finishes a PDF surface. Both are
 * the libraries' own; jindu's allocations are still all checked.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:cairo_surface_finish\n";
}

/* cairo has no frame pointers: the slow unwinder finds cairo_surface_finish. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

#define NTOWNS 20

static const char *const towns[NTOWNS] = {
	"恩江镇", "坑田镇", "沿陂镇", "古县镇", "瑶田镇", "藤田镇", "石马镇",
	"沙溪镇", "佐龙乡", "八江乡", "潭城乡", "鹿冈乡", "七都乡", "陶唐乡",
	"中村乡", "上溪乡", "潭头乡", "三坊乡", "上固乡", "龙冈畲族乡",
};

/* The figures of township i: registered now and a year ago, newly found
 * now and a year ago, cases, grams seized, persons helped. */
struct town {
	long now, before, found, found_before, cases, helped;
	double grams;
};

static struct town town_figures(int i)
{
	struct town t;
	if (i == 0) { /* the county seat: 949 -> 1,309 is +37.9% */
		t = (struct town){ 1309, 949, 21, 16, 12, 1104, 2620.45 };
		return t;
	}
	t.now = 40 + (i * 37) % 90;
	t.before = 35 + (i * 53) % 80;
	t.found = (i * 7) % 9;
	t.found_before = i == 3 ? 0 : 1 + (i * 5) % 6; /* 古县镇: no change can be given */
	t.cases = (i * 3) % 5;
	t.helped = t.now - (i % 7);
	t.grams = (double)((i * 131) % 400) / 10;
	return t;
}

static struct town county_total(void)
{
	struct town s = { 0, 0, 0, 0, 0, 0, 0 };
	int i;
	for (i = 0; i < NTOWNS; i++) {
		struct town t = town_figures(i);
		s.now += t.now;
		s.before += t.before;
		s.found += t.found;
		s.found_before += t.found_before;
		s.cases += t.cases;
		s.helped += t.helped;
		s.grams += t.grams;
	}
	return s;
}

static void figures_row(struct doc_table *t, const struct town *f, const char *code,
			struct arena *a)
{
	struct doc_num n = doc_count((double)f->now), grams = { f->grams, "克", 1, 0, DOC_MARK_NONE };
	const char *q = code ? arena_printf(a, "division=%s&period=2026Q3", code) : "period=2026Q3";

	doc_table_num(t, &n, arena_printf(a, "/persons?%s", q));
	n = doc_count((double)f->before);
	doc_table_num(t, &n, arena_printf(a, "/persons?%s&year_ago=1", q));
	doc_num_change(&n, (double)f->before, (double)f->now);
	doc_table_num(t, &n, NULL);
	n = doc_count((double)f->found);
	doc_table_num(t, &n, arena_printf(a, "/persons?%s&found=1", q));
	n = doc_count((double)f->found_before);
	doc_table_num(t, &n, NULL);
	doc_num_change(&n, (double)f->found_before, (double)f->found);
	doc_table_num(t, &n, NULL);
	n = doc_count((double)f->cases);
	doc_table_num(t, &n, arena_printf(a, "/cases?%s", q));
	doc_table_num(t, &grams, NULL);
	n = doc_count((double)f->helped);
	doc_table_num(t, &n, arena_printf(a, "/persons?%s&helped=1", q));
	doc_num_ratio(&n, (double)f->helped, (double)f->now);
	doc_table_num(t, &n, NULL);
}

/* A figure in running text, written as in the tables. */
static const char *count_text(struct arena *a, long n)
{
	struct buf b = BUF_INIT;
	struct doc_num num = doc_count((double)n);
	char *r;
	doc_num_format(&b, &num);
	r = arena_strdup(a, b.buf);
	buf_release(&b);
	return r;
}

static struct doc *sample(struct arena *a)
{
	struct doc *d = doc_new(a, "关于2026年第三季度全县禁毒工作情况的通报", "永丰县禁毒委员会办公室",
				20261008);
	struct town total = county_total();
	struct doc_table *t;
	struct doc_chart *c;
	int i;

	doc_set_number(d, "永禁毒办〔2026〕12号");
	doc_set_period(d, 20260701, 20260930);
	doc_para(d, "各乡镇人民政府，县禁毒委员会各成员单位：");
	doc_heading(d, 1, "一、总体情况");
	doc_paraf(d, "第三季度，全县现有吸毒人员%s人，新发现吸毒人员%s人，破获毒品案件%s起，"
		     "缴获毒品2,620.5克。恩江镇吸毒人员同比上升37.9%%，仍居首位。"
		     "各乡镇要对照本通报，逐项抓好整改落实。",
		  count_text(a, total.now), count_text(a, total.found), count_text(a, total.cases));
	doc_heading(d, 1, "二、各乡镇（街道）情况");
	doc_heading(d, 2, "（一）主要指标");

	t = doc_table(d, "表1 各乡镇（街道）禁毒工作主要指标", 11);
	doc_table_head_row(t);
	doc_table_head(t, "乡镇（街道）", 1, 2);
	doc_table_head(t, "吸毒人员总数（人）", 3, 1);
	doc_table_head(t, "新增吸毒人员（人）", 3, 1);
	doc_table_head(t, "破获毒品案件（起）", 1, 2);
	doc_table_head(t, "缴获毒品", 1, 2);
	doc_table_head(t, "帮教安置落实", 2, 1);
	doc_table_head_row(t);
	doc_table_head(t, "本期", 1, 1);
	doc_table_head(t, "去年同期", 1, 1);
	doc_table_head(t, "同比", 1, 1);
	doc_table_head(t, "本期", 1, 1);
	doc_table_head(t, "去年同期", 1, 1);
	doc_table_head(t, "同比", 1, 1);
	doc_table_head(t, "人数", 1, 1);
	doc_table_head(t, "落实率", 1, 1);
	for (i = 0; i < NTOWNS; i++) {
		struct town f = town_figures(i);
		doc_table_row(t);
		doc_table_text(t, towns[i]);
		figures_row(t, &f, arena_printf(a, "360824%03d", 100 + i), a);
	}
	doc_table_total_row(t);
	doc_table_text(t, "合计");
	figures_row(t, &total, NULL, a);
	doc_note(d, "注：同比为与上年同期相比；“—”为上年同期为零，无法计算。");

	doc_heading(d, 2, "（二）吸毒人员分布");
	c = doc_chart(d, DOC_CHART_BAR, "图1 各乡镇（街道）吸毒人员总数");
	doc_chart_series(c, "本期", "人", 0);
	for (i = 0; i < NTOWNS; i++) {
		double v = (double)town_figures(i).now;
		doc_chart_point(c, towns[i], &v);
	}
	doc_heading(d, 1, "三、下一步工作要求");
	doc_para(d, "各乡镇要落实属地责任，对脱管失控人员逐一查找，确保在控率稳步提升。"
		    "请于2026年10月20日前将整改情况报县禁毒办。");
	return d;
}

/* ---- running the readers ---- */

static char tmpdir[256];

#define PATH_MAX_LEN 512

static const char *file_in(char path[PATH_MAX_LEN], const char *name)
{
	snprintf(path, PATH_MAX_LEN, "%s/%s", tmpdir, name);
	return path;
}

static void save(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->buf, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

/* The output of a command (its exit status must be 0). */
static void run(struct buf *out, const char *cmd)
{
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");
	int st;
	assert_non_null(p);
	buf_reset(out);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(out, chunk, n);
	st = pclose(p);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("'%s' failed (install poppler-utils and python3-openpyxl: "
			 "scripts/install-deps):\n%s", cmd, out->buf);
}

/* Text without spaces and line breaks: a title wrapped over two lines
 * is still found whole. */
static char *squeezed(const char *s, size_t n)
{
	char *r = malloc(n + 1), *w = r;
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r')
			*w++ = s[i];
	*w = '\0';
	return r;
}

static void has(const char *text, const char *want, const char *where)
{
	if (!strstr(text, want))
		fail_msg("'%s' not in %s", want, where);
}

static void written(const char *format, struct buf *out)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	if (doc_write(sample(&a), format, out, &err) < 0)
		fail_msg("%s: %s", format, err.buf);
	buf_release(&err);
	arena_release(&a);
}

/* ---- the tests ---- */

static void test_pdf(void **state)
{
	struct buf pdf = BUF_INIT, text = BUF_INIT;
	char *pages[16], *p, want[64], cmd[2048], path[PATH_MAX_LEN];
	int npages = 0, i, last_table = 0;

	file_in(path, "bulletin.pdf");

	written("pdf", &pdf);
	assert_memory_equal(pdf.buf, "%PDF-", 5);
	save(path, &pdf);

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", path);
	run(&text, cmd);
	has(text.buf, "595.276 x 841.89 pts (A4)", "pdfinfo");
	has(text.buf, "关于2026年第三季度全县禁毒工作情况的通报", "pdfinfo");
	p = strstr(text.buf, "Pages:");
	assert_non_null(p);
	assert_true(atoi(p + 6) >= 2);

	snprintf(cmd, sizeof(cmd), "pdftotext -layout -enc UTF-8 '%s' -", path);
	run(&text, cmd);
	/* pages end with a form feed */
	for (p = text.buf; *p && npages < 16; npages++) {
		char *ff = strchr(p, '\f');
		size_t n = ff ? (size_t)(ff - p) : strlen(p);
		pages[npages] = squeezed(p, n);
		p += n + (ff ? 1 : 0);
	}
	assert_true(npages >= 2);
	has(pages[0], "永丰县禁毒委员会办公室", "page 1");
	has(pages[0], "永禁毒办〔2026〕12号", "page 1");
	has(pages[0], "关于2026年第三季度全县禁毒工作情况的通报", "page 1");
	has(pages[0], "统计时段：2026年7月1日至2026年9月30日", "page 1");
	has(pages[0], "表1各乡镇（街道）禁毒工作主要指标", "page 1");
	has(pages[0], "恩江镇1,309949+37.9%↑", "page 1"); /* a whole row, in order */
	has(pages[0], "2,620.5克", "page 1");
	/* the table goes on over the page, its header again */
	has(pages[1], "表1各乡镇（街道）禁毒工作主要指标（续）", "page 2");
	has(pages[1], "吸毒人员总数（人）", "page 2");
	has(pages[1], "新增吸毒人员（人）", "page 2");
	has(pages[1], "龙冈畲族乡", "page 2");
	for (i = 0; i < NTOWNS; i++) {
		int k, seen = 0;
		for (k = 0; k < npages; k++)
			seen += strstr(pages[k], towns[i]) != NULL;
		if (!seen)
			fail_msg("'%s' is on no page", towns[i]);
	}
	for (i = 0; i < npages; i++)
		if (strstr(pages[i], "合计"))
			last_table = i;
	{
		struct town s = county_total();
		struct buf row = BUF_INIT;
		struct doc_num n = doc_count((double)s.now);
		buf_adds(&row, "合计");
		doc_num_format(&row, &n);
		has(pages[last_table], row.buf, "the totals row");
		buf_release(&row);
	}
	has(pages[npages - 1], "2026年10月8日", "the last page");
	/* every page has its number under the text */
	for (i = 0; i < npages; i++) {
		snprintf(want, sizeof(want), "—%d—", i + 1);
		has(pages[i], want, "a page's foot");
	}
	for (i = 0; i < npages; i++)
		free(pages[i]);
	buf_release(&pdf);
	buf_release(&text);
}

static const char reader[] =
	"import json, sys, openpyxl\n"
	"wb = openpyxl.load_workbook(sys.argv[1])\n"
	"out = []\n"
	"for ws in wb.worksheets:\n"
	"    cells = {}\n"
	"    for row in ws.iter_rows():\n"
	"        for c in row:\n"
	"            if c.value is not None:\n"
	"                cells[c.coordinate] = [c.data_type, c.value, c.number_format]\n"
	"    out.append({'name': ws.title, 'cells': cells,\n"
	"                'merged': sorted(str(r) for r in ws.merged_cells.ranges),\n"
	"                'charts': len(ws._charts)})\n"
	"print(json.dumps(out, ensure_ascii=False, default=str))\n";

static json_t *cell_at(json_t *sheet, const char *ref)
{
	return json_object_get(json_object_get(sheet, "cells"), ref);
}

static void number_at(json_t *sheet, const char *ref, double want, const char *format_part)
{
	json_t *c = cell_at(sheet, ref);
	if (!c || strcmp(json_string_value(json_array_get(c, 0)), "n"))
		fail_msg("%s is not a number", ref);
	if (fabs(json_number_value(json_array_get(c, 1)) - want) > 1e-9)
		fail_msg("%s is %g, not %g", ref, json_number_value(json_array_get(c, 1)), want);
	if (format_part && !strstr(json_string_value(json_array_get(c, 2)), format_part))
		fail_msg("%s has the format '%s', without '%s'", ref,
			 json_string_value(json_array_get(c, 2)), format_part);
}

static int merged(json_t *sheet, const char *range)
{
	json_t *m = json_object_get(sheet, "merged"), *v;
	size_t i;
	json_array_foreach(m, i, v)
		if (!strcmp(json_string_value(v), range))
			return 1;
	return 0;
}

static void test_xlsx(void **state)
{
	struct buf x = BUF_INIT, out = BUF_INIT;
	char cmd[2048], path[PATH_MAX_LEN], script_path[PATH_MAX_LEN];
	const char *py;
	json_t *sheets, *text, *table, *chart, *c;
	json_error_t jerr;
	struct town s = county_total();
	int r;

	written("xlsx", &x);
	assert_memory_equal(x.buf, "PK", 2);
	save(file_in(path, "bulletin.xlsx"), &x);
	{
		struct buf script = BUF_INIT;
		buf_adds(&script, reader);
		save(file_in(script_path, "reader.py"), &script);
		buf_release(&script);
	}
	py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	snprintf(cmd, sizeof(cmd), "%s '%s' '%s'", py, script_path, path);
	run(&out, cmd);
	sheets = json_loads(out.buf, 0, &jerr);
	if (!sheets)
		fail_msg("openpyxl said: %s", out.buf);
	assert_int_equal(json_array_size(sheets), 3);
	text = json_array_get(sheets, 0);
	table = json_array_get(sheets, 1);
	chart = json_array_get(sheets, 2);
	assert_string_equal(json_string_value(json_object_get(text, "name")), "正文");
	assert_string_equal(json_string_value(json_object_get(table, "name")),
			    "表1 各乡镇（街道）禁毒工作主要指标");
	assert_string_equal(json_string_value(json_object_get(chart, "name")),
			    "图1 各乡镇（街道）吸毒人员总数");

	/* the head on top, the title first */
	c = cell_at(table, "A1");
	assert_string_equal(json_string_value(json_array_get(c, 1)),
			    "关于2026年第三季度全县禁毒工作情况的通报");
	c = cell_at(table, "A2");
	assert_string_equal(json_string_value(json_array_get(c, 1)),
			    "永丰县禁毒委员会办公室　永禁毒办〔2026〕12号");
	assert_true(merged(table, "A1:K1"));
	/* caption on row 5, header rows 6 and 7 merged where they span */
	c = cell_at(table, "A5");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "表1 各乡镇（街道）禁毒工作主要指标");
	assert_true(merged(table, "A6:A7"));
	assert_true(merged(table, "B6:D6"));
	assert_true(merged(table, "E6:G6"));
	assert_true(merged(table, "J6:K6"));
	c = cell_at(table, "B7");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "本期");
	/* 恩江镇 on row 8: figures as numbers, formatted as the PDF writes them */
	c = cell_at(table, "A8");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "恩江镇");
	number_at(table, "B8", 1309, "#,##0");
	number_at(table, "C8", 949, NULL);
	number_at(table, "D8", 0.379, "0.0%");
	number_at(table, "I8", 2620.45, "#,##0.0\"克\"");
	number_at(table, "K8", 0.843, "0.0%"); /* 1,104 of 1,309 */
	/* 古县镇 (row 11): a change from nothing is a dash, not a number */
	c = cell_at(table, "G11");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "—");
	/* the totals row after the twenty townships */
	r = 8 + NTOWNS;
	snprintf(cmd, sizeof(cmd), "A%d", r);
	c = cell_at(table, cmd);
	assert_string_equal(json_string_value(json_array_get(c, 1)), "合计");
	snprintf(cmd, sizeof(cmd), "B%d", r);
	number_at(table, cmd, (double)s.now, NULL);
	snprintf(cmd, sizeof(cmd), "H%d", r);
	number_at(table, cmd, (double)s.cases, NULL);
	/* the note under it */
	snprintf(cmd, sizeof(cmd), "A%d", r + 1);
	c = cell_at(table, cmd);
	assert_non_null(strstr(json_string_value(json_array_get(c, 1)), "注：同比为与上年同期相比"));

	/* the chart's data and an Excel chart over it */
	c = cell_at(chart, "B6");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "本期");
	c = cell_at(chart, "A7");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "恩江镇");
	number_at(chart, "B7", 1309, "\"人\"");
	assert_int_equal(json_integer_value(json_object_get(chart, "charts")), 1);
	/* the text sheet: paragraphs, and a link to each sheet */
	c = cell_at(text, "A1");
	assert_string_equal(json_string_value(json_array_get(c, 1)),
			    "关于2026年第三季度全县禁毒工作情况的通报");
	{
		const char *k;
		json_t *v;
		int links = 0, para = 0;
		json_object_foreach(json_object_get(text, "cells"), k, v) {
			const char *str = json_string_value(json_array_get(v, 1));
			if (str && strstr(str, "（见工作表“表1 各乡镇（街道）禁毒工作主要指标”）"))
				links++;
			if (str && strstr(str, "缴获毒品2,620.5克"))
				para++;
		}
		assert_int_equal(links, 1);
		assert_int_equal(para, 1);
	}
	json_decref(sheets);
	buf_release(&x);
	buf_release(&out);
}

/* The HTML fragment: figures linked (and escaped), spans, the chart's option. */
static void test_html(void **state)
{
	struct buf h = BUF_INIT;
	const char *p, *end;
	char path[PATH_MAX_LEN];
	struct buf attr = BUF_INIT;
	json_t *option, *data;
	json_error_t jerr;
	int links = 0;

	written("html", &h);
	save(file_in(path, "bulletin.html"), &h);
	assert_memory_equal(h.buf, "<article class=\"doc\">", 21);
	has(h.buf, "<p class=\"doc-issuer\">永丰县禁毒委员会办公室</p>", "html");
	has(h.buf, "<h2 class=\"doc-title\">关于2026年第三季度全县禁毒工作情况的通报</h2>", "html");
	has(h.buf, "<th rowspan=\"2\">乡镇（街道）</th><th colspan=\"3\">吸毒人员总数（人）</th>", "html");
	has(h.buf, "<td class=\"n\"><a href=\"/persons?division=360824100&amp;period=2026Q3\">"
		   "1,309</a></td>", "html");
	has(h.buf, "<td class=\"n up\">+37.9%<span class=\"mark\">↑</span></td>", "html");
	has(h.buf, "<td class=\"n\">2,620.5克</td>", "html");
	has(h.buf, "<tfoot><tr><td>合计</td>", "html");
	has(h.buf, "<td class=\"n\">—</td>", "html");
	/* five linked figures in each of the twenty rows and the totals */
	for (p = h.buf; (p = strstr(p, "<a href=\"/")); p++)
		links++;
	assert_int_equal(links, 5 * (NTOWNS + 1));

	p = strstr(h.buf, "data-chart=\"");
	assert_non_null(p);
	p += strlen("data-chart=\"");
	end = strchr(p, '"');
	assert_non_null(end);
	for (; p < end; p++) { /* undo html_attr's escaping of quotes and ampersands */
		if (!strncmp(p, "&quot;", 6)) {
			buf_addch(&attr, '"');
			p += 5;
		} else if (!strncmp(p, "&amp;", 5)) {
			buf_addch(&attr, '&');
			p += 4;
		} else {
			buf_addch(&attr, *p);
		}
	}
	option = json_loads(attr.buf, 0, &jerr);
	if (!option)
		fail_msg("data-chart is not JSON: %s", jerr.text);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(json_object_get(option, "yAxis"), "data"), 0)),
			    "恩江镇");
	data = json_object_get(json_array_get(json_object_get(option, "series"), 0), "data");
	assert_int_equal(json_array_size(data), NTOWNS);
	assert_true(json_number_value(json_object_get(json_array_get(data, 0), "value")) == 1309);
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(json_array_get(data, 0), "label"), "formatter")),
			    "1,309人");
	json_decref(option);
	buf_release(&attr);
	buf_release(&h);
}

/* Data from a user is text, never markup, in every place the writer puts it. */
static void test_html_escapes(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf h = BUF_INIT, err = BUF_INIT;
	struct doc *d = doc_new(&a, "<b>通报</b>", "\"办公室\"", 20261008);
	struct doc_table *t = doc_table(d, "<i>表</i>", 4);
	struct doc_num n = doc_count(3);

	doc_para(d, "a < b & c");
	doc_table_row(t);
	doc_table_text(t, "<script>alert(1)</script>");
	doc_table_num(t, &n, "/persons?name=\"x\"&a=<b>");
	doc_table_num(t, &n, "javascript:alert(1)");
	doc_table_num(t, &n, "//elsewhere.example/");
	assert_int_equal(doc_write(d, "html", &h, &err), 0);
	assert_null(strstr(h.buf, "<b>"));
	assert_null(strstr(h.buf, "<i>"));
	assert_null(strstr(h.buf, "<script>"));
	has(h.buf, "&lt;b&gt;通报&lt;/b&gt;", "html");
	has(h.buf, "&quot;办公室&quot;", "html");
	has(h.buf, "a &lt; b &amp; c", "html");
	has(h.buf, "<a href=\"/persons?name=&quot;x&quot;&amp;a=&lt;b&gt;\">3</a>", "html");
	/* only paths on this server are linked */
	assert_null(strstr(h.buf, "javascript"));
	assert_null(strstr(h.buf, "elsewhere"));
	has(h.buf, "</a></td><td class=\"n\">3</td><td class=\"n\">3</td></tr>", "html");
	buf_release(&h);
	buf_release(&err);
	arena_release(&a);
}

static int setup(void **state)
{
	const char *keep = getenv("JINDU_DOC_SAMPLE_DIR");
	if (keep && *keep) {
		snprintf(tmpdir, sizeof(tmpdir), "%s", keep);
		mkdir(tmpdir, 0755);
		return 0;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/jindu-doc-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	const char *names[] = { "bulletin.pdf", "bulletin.xlsx", "bulletin.html", "reader.py" };
	char path[PATH_MAX_LEN];
	size_t i;
	if (getenv("JINDU_DOC_SAMPLE_DIR") && *getenv("JINDU_DOC_SAMPLE_DIR"))
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(file_in(path, names[i]));
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_escapes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
