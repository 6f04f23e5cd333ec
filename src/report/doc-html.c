/* doc-html.c - a document as an HTML fragment for the web pages: linked figures, ECharts charts. */
#include "report/doc.h"

#include <jansson.h>
#include <stdlib.h>

#include "web/html.h"

/* Series colours, the same as the charts of the other pages and the PDF. */
static const char *const colours[DOC_CHART_MAX_SERIES] = { "#1f4e8c", "#b8312f" };

static void elem_text(struct buf *b, const char *open, const char *text, const char *close)
{
	html_raw_trusted(b, open);
	html_text(b, text);
	html_raw_trusted(b, close);
}

static void head(struct buf *b, const struct doc *d)
{
	struct buf tmp = BUF_INIT;

	html_raw_trusted(b, "<header class=\"doc-head\">");
	elem_text(b, "<p class=\"doc-issuer\">", d->issuer, "</p>");
	if (d->number)
		elem_text(b, "<p class=\"doc-number\">", d->number, "</p>");
	html_raw_trusted(b, "</header>");
	elem_text(b, "<h2 class=\"doc-title\">", d->title, "</h2>");
	doc_period_format(&tmp, d);
	if (tmp.len)
		elem_text(b, "<p class=\"doc-period\">", tmp.buf, "</p>");
	buf_release(&tmp);
}

static void sign_off(struct buf *b, const struct doc *d)
{
	struct buf date = BUF_INIT;

	doc_date_format(&date, d->date);
	html_raw_trusted(b, "<footer class=\"doc-sign\">");
	elem_text(b, "<p>", d->issuer, "</p>");
	if (date.len)
		elem_text(b, "<p>", date.buf, "</p>");
	html_raw_trusted(b, "</footer>");
	buf_release(&date);
}

/* A path on this server ("/persons?…"): the only links a document makes. */
static int local_path(const char *href)
{
	return href && href[0] == '/' && href[1] != '/' && href[1] != '\\';
}

/* One cell: text, or a figure that opens the records behind it. */
static void cell(struct buf *b, const struct doc_cell *c, const char *tag)
{
	struct buf fig = BUF_INIT;
	int num = c->kind == DOC_CELL_NUM;
	const char *mark = !num ? NULL : c->num.mark == DOC_MARK_UP ? "up"
				       : c->num.mark == DOC_MARK_DOWN ? "down" : NULL;

	html_rawf_trusted(b, "<%s", tag);
	if (c->colspan > 1)
		html_rawf_trusted(b, " colspan=\"%d\"", c->colspan);
	if (c->rowspan > 1)
		html_rawf_trusted(b, " rowspan=\"%d\"", c->rowspan);
	if (num)
		html_rawf_trusted(b, " class=\"n%s%s\"", mark ? " " : "", mark ? mark : "");
	html_raw_trusted(b, ">");
	if (num) {
		doc_num_format(&fig, &c->num);
		if (local_path(c->href))
			html_link(b, c->href, fig.buf);
		else
			html_text(b, fig.buf);
		if (mark)
			html_raw_trusted(b, c->num.mark == DOC_MARK_UP ? "<span class=\"mark\">↑</span>"
								   : "<span class=\"mark\">↓</span>");
	} else if (c->kind == DOC_CELL_TEXT) {
		html_text(b, c->text);
	}
	html_rawf_trusted(b, "</%s>", tag);
	buf_release(&fig);
}

static void row(struct buf *b, const struct doc_row *r, const char *tag)
{
	size_t i;
	html_raw_trusted(b, "<tr>");
	for (i = 0; i < r->n; i++)
		cell(b, &r->cells[i], tag);
	html_raw_trusted(b, "</tr>");
}

static void table(struct buf *b, const struct doc_table *t)
{
	size_t i;

	html_raw_trusted(b, "<div class=\"doc-table-wrap\"><table class=\"grid compact doc-table\">");
	if (*t->caption)
		elem_text(b, "<caption>", t->caption, "</caption>");
	html_raw_trusted(b, "<thead>");
	for (i = 0; i < t->nhead; i++)
		row(b, &t->head[i], "th");
	html_raw_trusted(b, "</thead><tbody>");
	for (i = 0; i < t->nbody; i++)
		row(b, &t->body[i], "td");
	html_raw_trusted(b, "</tbody>");
	if (t->total) {
		html_raw_trusted(b, "<tfoot>");
		row(b, t->total, "td");
		html_raw_trusted(b, "</tfoot>");
	}
	html_raw_trusted(b, "</table></div>");
}

/* A series' values, each with its label written as the other writers write it. */
static json_t *series_data(const struct doc_chart *c, const struct doc_series *s)
{
	json_t *data = json_array();
	struct buf label = BUF_INIT;
	size_t i;

	for (i = 0; i < c->ncat; i++) {
		struct doc_num n = { s->values[i], s->unit, s->decimals, 0, DOC_MARK_NONE };
		buf_reset(&label);
		doc_num_format(&label, &n);
		json_array_append_new(data, json_pack("{s:f,s:{s:s}}", "value", s->values[i], "label",
						      "formatter", label.buf));
	}
	buf_release(&label);
	return data;
}

/*
 * The ECharts option of a chart (its title is the figure's caption, in
 * the page's text). Bars lie flat, categories down the side
 * (township names need the room), the first at the top; lines run along.
 */
static json_t *chart_option(const struct doc_chart *c)
{
	int bar = c->kind == DOC_CHART_BAR, i;
	json_t *cats = json_array(), *series = json_array(), *names = json_array();
	json_t *cat_axis, *value_axis;
	size_t k;

	for (k = 0; k < c->ncat; k++)
		json_array_append_new(cats, json_string(c->categories[k]));
	for (i = 0; i < c->nseries; i++) {
		const struct doc_series *s = &c->series[i];
		json_array_append_new(names, json_string(s->name));
		json_array_append_new(
			series, json_pack("{s:s,s:s,s:o,s:{s:b,s:s},s:{s:s}}", "name", s->name, "type",
					  bar ? "bar" : "line", "data", series_data(c, s), "label",
					  "show", 1, "position", bar ? "right" : "top",
					  "itemStyle", "color", colours[i]));
	}
	cat_axis = json_pack("{s:s,s:o,s:b}", "type", "category", "data", cats, "inverse", bar);
	value_axis = json_pack("{s:s}", "type", "value");
	return json_pack("{s:{s:s},s:{s:b,s:i,s:o},s:{s:i,s:i,s:i,s:i,s:b},s:o,s:o,s:o}",
			 "tooltip", "trigger", "axis",
			 "legend", "show", c->nseries > 1, "top", 0, "data", names,
			 "grid", "left", 16, "right", 56, "top", c->nseries > 1 ? 34 : 10,
			 "bottom", 10, "containLabel", 1,
			 "xAxis", bar ? value_axis : cat_axis,
			 "yAxis", bar ? cat_axis : value_axis,
			 "series", series);
}

static void chart(struct buf *b, const struct doc_chart *c)
{
	json_t *option = chart_option(c);
	char *text = json_dumps(option, JSON_COMPACT | JSON_REAL_PRECISION(15));
	/* flat bars need height for their categories */
	int height = c->kind == DOC_CHART_BAR
			     ? 70 + (int)c->ncat * (c->nseries > 1 ? 30 : 22)
			     : 320;

	html_raw_trusted(b, "<figure class=\"doc-chart\">");
	elem_text(b, "<figcaption>", c->title, "</figcaption>");
	html_rawf_trusted(b, "<div class=\"chart\" data-height=\"%d\" data-chart=\"", height);
	html_attr(b, text ? text : "{}");
	html_raw_trusted(b, "\"></div></figure>");
	free(text);
	json_decref(option);
}

int doc_write_html(const struct doc *d, struct buf *out, struct buf *err)
{
	size_t i;

	html_raw_trusted(out, "<article class=\"doc\">");
	head(out, d);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *blk = &d->blocks[i];
		switch (blk->kind) {
		case DOC_HEADING:
			elem_text(out, blk->level == 1 ? "<h3>" : "<h4>", blk->text,
				  blk->level == 1 ? "</h3>" : "</h4>");
			break;
		case DOC_PARA:
			elem_text(out, "<p class=\"doc-para\">", blk->text, "</p>");
			break;
		case DOC_NOTE:
			elem_text(out, "<p class=\"doc-note\">", blk->text, "</p>");
			break;
		case DOC_TABLE:
			table(out, blk->table);
			break;
		case DOC_CHART:
			chart(out, blk->chart);
			break;
		}
	}
	sign_off(out, d);
	html_raw_trusted(out, "</article>");
	return 0; /* a buffer past its cap is doc_write's to report */
}
