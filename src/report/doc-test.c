/* doc-test.c - the document model: figures as reports write them, percentages, dates, tables that must add up. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"

static const char *fmt(struct buf *b, double v, const char *unit, int decimals, int sign)
{
	struct doc_num n = { v, unit, decimals, sign, DOC_MARK_NONE };
	buf_reset(b);
	doc_num_format(b, &n);
	return b->buf;
}

static void test_format(void **state)
{
	static const struct {
		double v;
		const char *unit;
		int decimals, sign;
		const char *want;
	} cases[] = {
		{ 0, NULL, 0, 0, "0" },
		{ 7, NULL, 0, 0, "7" },
		{ 999, NULL, 0, 0, "999" },
		{ 1000, NULL, 0, 0, "1,000" },
		{ 1309, NULL, 0, 0, "1,309" },
		{ 1234567, NULL, 0, 0, "1,234,567" },
		{ -1234, NULL, 0, 0, "-1,234" },
		{ -999, NULL, 0, 0, "-999" },
		{ 1309, "人", 0, 0, "1,309人" },
		{ 2620.45, "克", 1, 0, "2,620.5克" }, /* as written, not its binary neighbour */
		{ 2.675, NULL, 2, 0, "2.68" },
		{ 0.05, NULL, 1, 0, "0.1" },
		{ 0.04999, NULL, 1, 0, "0.0" },
		{ 0.5, NULL, 0, 0, "1" },     /* half away from zero, */
		{ 1.5, NULL, 0, 0, "2" },
		{ 2.5, NULL, 0, 0, "3" },     /* not to even as printf does */
		{ -2.5, NULL, 0, 0, "-3" },
		{ 12.25, DOC_PERCENT, 1, 0, "12.3%" },
		{ -6.25, NULL, 1, 0, "-6.3" },
		{ 1234567.891, NULL, 2, 0, "1,234,567.89" },
		{ 0.007, NULL, 2, 0, "0.01" },
		{ 0.5, NULL, 3, 0, "0.500" },
		{ 37.9, DOC_PERCENT, 1, 1, "+37.9%" },
		{ -10.3, DOC_PERCENT, 1, 1, "-10.3%" },
		{ 0, DOC_PERCENT, 1, 1, "0.0%" },
		{ -0.04, DOC_PERCENT, 1, 1, "0.0%" }, /* rounds to nothing: no sign */
		{ 0.04, NULL, 1, 1, "0.0" },
		{ 3, NULL, 0, 1, "+3" },
		{ 1e20, NULL, 0, 0, "100,000,000,000,000,000,000" },
		{ 1.23456789, NULL, 9, 0, "1.234568" }, /* at most six decimals */
		{ 1.5, NULL, -1, 0, "2" },
		{ NAN, NULL, 0, 0, "—" },
		{ INFINITY, DOC_PERCENT, 1, 1, "—" },
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(fmt(&b, cases[i].v, cases[i].unit, cases[i].decimals, cases[i].sign),
				    cases[i].want);
	assert_string_equal(fmt(&b, 1309, NULL, 0, 0), "1,309");
	buf_release(&b);
}

static const char *num_text(struct buf *b, const struct doc_num *n)
{
	buf_reset(b);
	doc_num_format(b, n);
	return b->buf;
}

static void test_change_and_ratio(void **state)
{
	struct buf b = BUF_INIT;
	struct doc_num n;

	assert_int_equal(doc_num_change(&n, 949, 1309), 0);
	assert_string_equal(num_text(&b, &n), "+37.9%");
	assert_int_equal(n.mark, DOC_MARK_UP);
	assert_true(n.value == 37.9);
	assert_int_equal(doc_num_change(&n, 1309, 1459), 0);
	assert_string_equal(num_text(&b, &n), "+11.5%"); /* 150 / 1309 = 11.459% */
	assert_int_equal(doc_num_change(&n, 1459, 1309), 0);
	assert_string_equal(num_text(&b, &n), "-10.3%");
	assert_int_equal(n.mark, DOC_MARK_DOWN);
	assert_int_equal(doc_num_change(&n, 100, 100), 0);
	assert_string_equal(num_text(&b, &n), "0.0%");
	assert_int_equal(n.mark, DOC_MARK_NONE);
	assert_int_equal(doc_num_change(&n, 10000, 10004), 0); /* +0.04% reads 0.0% */
	assert_string_equal(num_text(&b, &n), "0.0%");
	assert_int_equal(n.mark, DOC_MARK_NONE);
	assert_int_equal(doc_num_change(&n, 16, 17), 0); /* 6.25 exactly: half up */
	assert_string_equal(num_text(&b, &n), "+6.3%");
	assert_int_equal(doc_num_change(&n, 16, 15), 0);
	assert_string_equal(num_text(&b, &n), "-6.3%");
	assert_int_equal(doc_num_change(&n, 0, 5), -1);
	assert_string_equal(num_text(&b, &n), "—");
	assert_int_equal(n.mark, DOC_MARK_NONE);

	assert_int_equal(doc_num_ratio(&n, 2620, 1841), 0);
	assert_string_equal(num_text(&b, &n), "142.3%");
	assert_int_equal(n.mark, DOC_MARK_NONE);
	assert_int_equal(doc_num_ratio(&n, 1, 3), 0);
	assert_string_equal(num_text(&b, &n), "33.3%");
	assert_int_equal(doc_num_ratio(&n, 2, 3), 0);
	assert_string_equal(num_text(&b, &n), "66.7%");
	assert_int_equal(doc_num_ratio(&n, 1, 16), 0);
	assert_string_equal(num_text(&b, &n), "6.3%");
	assert_int_equal(doc_num_ratio(&n, 5, 5), 0);
	assert_string_equal(num_text(&b, &n), "100.0%");
	assert_int_equal(doc_num_ratio(&n, 0, 0), -1);
	assert_string_equal(num_text(&b, &n), "—");
	buf_release(&b);
}

/*
 * Every change between two counts up to 400 is the change a person works
 * out on paper: the difference times 1,000 over the base, rounded half up
 * in whole numbers, read as tenths of a percent.
 */
static void test_change_exact(void **state)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	long long from, to;

	for (from = 1; from <= 400; from++)
		for (to = 0; to <= 400; to++) {
			struct doc_num n;
			long long diff = to > from ? to - from : from - to;
			long long tenths = (2 * diff * 1000 + from) / (2 * from);
			doc_num_change(&n, (double)from, (double)to);
			buf_reset(&want);
			if (tenths == 0)
				buf_adds(&want, "0.0%");
			else if (tenths < 10000)
				buf_addf(&want, "%c%lld.%lld%%", to > from ? '+' : '-', tenths / 10,
					 tenths % 10);
			else /* 1 -> 400 is +39,900.0% */
				buf_addf(&want, "%c%lld,%03lld.%lld%%", to > from ? '+' : '-',
					 tenths / 10000, tenths / 10 % 1000, tenths % 10);
			if (n.mark != (tenths == 0 ? DOC_MARK_NONE : to > from ? DOC_MARK_UP : DOC_MARK_DOWN))
				fail_msg("%lld -> %lld: marked %d", from, to, n.mark);
			if (strcmp(num_text(&b, &n), want.buf))
				fail_msg("%lld -> %lld: %s, not %s", from, to, b.buf, want.buf);
		}
	buf_release(&b);
	buf_release(&want);
}

static void test_dates(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b = BUF_INIT;
	struct doc *d = doc_new(&a, "通报", "永丰县禁毒委员会办公室", 20261008);

	doc_date_format(&b, d->date);
	assert_string_equal(b.buf, "2026年10月8日");
	buf_reset(&b);
	doc_period_format(&b, d);
	assert_string_equal(b.buf, ""); /* no period, nothing */
	doc_set_period(d, 20260701, 20260930);
	doc_period_format(&b, d);
	assert_string_equal(b.buf, "统计时段：2026年7月1日至2026年9月30日");
	buf_reset(&b);
	doc_date_format(&b, 0);
	assert_string_equal(b.buf, "");
	buf_release(&b);
	arena_release(&a);
}

/* A header of two rows: 乡镇 down both, two groups of three across. */
static struct doc_table *two_row_head(struct doc *d)
{
	struct doc_table *t = doc_table(d, "表1 各乡镇情况", 7);
	static const char *const sub[] = { "本期", "同期", "同比" };
	int i;
	doc_table_head_row(t);
	doc_table_head(t, "乡镇", 1, 2);
	doc_table_head(t, "吸毒人员总数", 3, 1);
	doc_table_head(t, "新增吸毒人员", 3, 1);
	doc_table_head_row(t);
	for (i = 0; i < 6; i++)
		doc_table_head(t, sub[i % 3], 1, 1);
	return t;
}

static void body_row(struct doc_table *t, const char *name, int cells)
{
	struct doc_num n = doc_count(12);
	int i;
	doc_table_row(t);
	doc_table_text(t, name);
	for (i = 1; i < cells; i++)
		doc_table_num(t, &n, i == 1 ? "/persons?division=360824100" : NULL);
}

static void test_table_places(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct doc *d = doc_new(&a, "通报", "办公室", 20261008);
	struct doc_table *t = two_row_head(d);
	int i;

	assert_int_equal(t->nhead, 2);
	assert_int_equal(t->head[0].cells[0].col, 0);
	assert_int_equal(t->head[0].cells[1].col, 1);
	assert_int_equal(t->head[0].cells[2].col, 4);
	for (i = 0; i < 6; i++) /* the second row goes round 乡镇 */
		assert_int_equal(t->head[1].cells[i].col, i + 1);
	body_row(t, "恩江镇", 7);
	body_row(t, "坑田镇", 7);
	doc_table_total_row(t);
	doc_table_text(t, "合计");
	for (i = 1; i < 7; i++)
		doc_table_empty(t);
	assert_int_equal(doc_check(d, &err), 0);
	assert_string_equal(t->body[0].cells[1].href, "/persons?division=360824100");
	assert_null(t->body[0].cells[2].href);
	assert_int_equal(t->body[1].cells[6].col, 6);
	buf_release(&err);
	arena_release(&a);
}

/* Each way of building a table wrongly, and what doc_check says of it. */
static void test_table_mistakes(void **state)
{
	struct buf err = BUF_INIT;
	struct doc_table *t;
	struct doc *d;
	int k;

	for (k = 0; k < 8; k++) {
		struct arena a = ARENA_INIT;
		const char *want = NULL;
		d = doc_new(&a, "通报", "办公室", 20261008);
		switch (k) {
		case 0: /* a short body row */
			t = two_row_head(d);
			body_row(t, "恩江镇", 6);
			want = "row 1 has 6 cells, not 7";
			break;
		case 1: /* a header row that leaves the last place empty */
			t = doc_table(d, "表", 3);
			doc_table_head_row(t);
			doc_table_head(t, "甲", 1, 1);
			doc_table_head(t, "乙", 1, 1);
			want = "leaves column 3 empty";
			break;
		case 2: /* a span past the last column */
			t = doc_table(d, "表", 3);
			doc_table_head_row(t);
			doc_table_head(t, "甲", 2, 1);
			doc_table_head(t, "乙", 2, 1);
			want = "past column 3";
			break;
		case 3: /* a cell spanning more header rows than there are */
			t = doc_table(d, "表", 1);
			doc_table_head_row(t);
			doc_table_head(t, "甲", 1, 2);
			want = "spans past the header rows";
			break;
		case 4: /* a cell over one that comes down from above */
			t = doc_table(d, "表", 3);
			doc_table_head_row(t);
			doc_table_head(t, "甲", 1, 1);
			doc_table_head(t, "乙", 1, 2);
			doc_table_head(t, "丙", 1, 1);
			doc_table_head_row(t);
			doc_table_head(t, "丁", 2, 1);
			want = "overlaps one above";
			break;
		case 5: /* a body row after the totals */
			t = doc_table(d, "表", 1);
			doc_table_total_row(t);
			doc_table_text(t, "合计");
			doc_table_row(t);
			doc_table_text(t, "恩江镇");
			want = "a body row after the totals row";
			break;
		case 6: /* a chart with no series */
			doc_chart_point(doc_chart(d, DOC_CHART_BAR, "图"), "恩江镇", NULL);
			want = "chart '图' has no series";
			break;
		case 7: /* a series after the data */
			{
				struct doc_chart *c = doc_chart(d, DOC_CHART_LINE, "图");
				double v[2] = { 1, 2 };
				doc_chart_series(c, "本期", NULL, 0);
				doc_chart_point(c, "1月", v);
				doc_chart_series(c, "同期", NULL, 0);
			}
			want = "comes after its data";
			break;
		}
		buf_reset(&err);
		assert_int_equal(doc_check(d, &err), -1);
		if (!strstr(err.buf, want))
			fail_msg("case %d: '%s' does not say '%s'", k, err.buf, want);
		arena_release(&a);
	}
	buf_release(&err);
}

static void test_chart(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct doc *d = doc_new(&a, "通报", "办公室", 20261008);
	struct doc_chart *c = doc_chart(d, DOC_CHART_BAR, "各乡镇吸毒人员");
	char name[16];
	int i;

	doc_chart_series(c, "本期", "人", 0);
	doc_chart_series(c, "去年同期", "人", 0);
	for (i = 0; i < 40; i++) { /* past the first growth of the arrays */
		double v[2] = { i, 100 - i };
		snprintf(name, sizeof(name), "乡%d", i);
		doc_chart_point(c, name, v);
	}
	assert_int_equal(doc_check(d, &err), 0);
	assert_int_equal(c->ncat, 40);
	assert_string_equal(c->categories[39], "乡39");
	for (i = 0; i < 40; i++) {
		assert_true(c->series[0].values[i] == i);
		assert_true(c->series[1].values[i] == 100 - i);
	}
	buf_release(&err);
	arena_release(&a);
}

static void test_write_refuses(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct doc *d = doc_new(&a, "通报", "办公室", 20261008);
	struct doc_table *t = two_row_head(d);

	body_row(t, "恩江镇", 7);
	assert_int_equal(doc_write(d, "docx", &out, &err), -1);
	assert_string_equal(err.buf, "unknown format 'docx' (html, xlsx or pdf)");
	assert_null(doc_format_find(NULL));
	assert_string_equal(doc_format_find("pdf")->content_type, "application/pdf");
	body_row(t, "坑田镇", 3);
	assert_int_equal(doc_write(d, "html", &out, &err), -1);
	assert_string_equal(err.buf, "table '表1 各乡镇情况': row 2 has 3 cells, not 7");
	assert_int_equal(out.len, 0); /* nothing written for a broken document */
	assert_int_equal(doc_write(doc_new(&a, "", "办公室", 0), "html", &out, &err), -1);
	assert_string_equal(err.buf, "the document has no title");
	buf_release(&out);
	buf_release(&err);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_change_and_ratio),
		cmocka_unit_test(test_change_exact),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_table_places),
		cmocka_unit_test(test_table_mistakes),
		cmocka_unit_test(test_chart),
		cmocka_unit_test(test_write_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
