/* page-indicators.c - 指标统计: every indicator of the area for a period, the one before and a year before, per township; the records behind each number. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/person.h"
#include "domain/rate.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/indicators.h"
#include "web/layout.h"
#include "web/server.h"

#define PER_PAGE 50

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

int indicators_query(struct req *r, struct resp *w, struct indicator_query *q)
{
	const char *key = req_query(r, "period"), *div = req_query(r, "division");
	struct buf err = BUF_INIT;
	struct division d;
	char prefix[13];
	int rc;

	memset(q, 0, sizeof(*q));
	if (key && *key) {
		if (period_parse(key, &q->period) < 0)
			return resp_error(w, 400, "bad_period",
					  N_("期间应写作 2026-05（月）、2026Q3（季度）、2026H1（半年）或 2026（年）"),
					  "period");
	} else {
		q->period = period_of_day(PERIOD_QUARTER, period_china_day(now_unix()));
	}
	q->prefix = r->user.division_prefix;
	q->area_name = r->user.division_name;
	if (!div || !*div)
		return 0;
	/* a narrower area inside the user's own; anything else is refused */
	if (!division_valid(div))
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), "division");
	division_prefix(div, prefix);
	if (!division_in(prefix, r->user.division_prefix))
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), "division");
	rc = store_division_get(req_db(r), div, &r->arena, &d, &err);
	if (rc < 0)
		return internal(w, "indicators", &err);
	buf_release(&err);
	q->prefix = arena_strdup(&r->arena, prefix);
	q->division = div;
	q->area_name = rc == 0 ? d.name : div;
	return 0;
}

int indicators_can_open(const struct req *r, const struct indicator *ind)
{
	return ind->kind == IND_COUNT && role_can(r->role, ind->module, ACC_READ);
}

const char *indicators_records_href(struct req *r, const struct indicator *ind,
				    const struct period *p, const char *division)
{
	char key[PERIOD_KEY_LEN];
	period_key(p, key);
	if (division)
		return arena_printf(&r->arena, "/indicators/%s/records?period=%s&division=%s",
				    ind->key, key, division);
	return arena_printf(&r->arena, "/indicators/%s/records?period=%s", ind->key, key);
}

const char *indicators_change(struct req *r, const struct indicator *ind,
			      const struct indicator_value *before,
			      const struct indicator_value *now, int *points)
{
	char out[RATE_LEN];
	*points = ind->kind == IND_RATE;
	if (ind->kind == IND_COUNT)
		return arena_strdup(&r->arena, change_format(before->n, now->n, out));
	if (before->tenths < 0 || now->tenths < 0)
		return "—";
	return arena_strdup(&r->arena, tenths_signed(now->tenths - before->tenths, out));
}

/* "2026-09-30", in r's arena. */
static const char *day_text(struct req *r, int ymd)
{
	char *s = arena_alloc(&r->arena, 11);
	ymd_format(ymd, s);
	return s;
}

/* ---- the table ---- */

/* A count, linked to its records when the user may open them. */
static void count_cell(struct req *r, struct buf *b, const struct indicator *ind, int64_t n,
		       const struct period *p, const char *division)
{
	if (!indicators_can_open(r, ind)) {
		html_count(b, n);
		return;
	}
	html_raw_trusted(b, "<a href=\"");
	html_attr(b, indicators_records_href(r, ind, p, division));
	html_raw_trusted(b, "\">");
	html_count(b, n);
	html_raw_trusted(b, "</a>");
}

/* One figure: a count, or a rate over its two counts (each opening its
 * own records). */
static void figure_cell(struct req *r, struct buf *b, const struct indicator *ind,
			const struct indicator_value *v, const struct period *p,
			const char *division)
{
	char text[RATE_LEN];

	html_rawf_trusted(b, "<td class=\"n\" data-key=\"%s\">", ind->key);
	if (ind->kind == IND_COUNT) {
		count_cell(r, b, ind, v->n, p, division);
	} else {
		html_raw_trusted(b, "<span class=\"rate\">");
		html_text(b, rate_format(v->n, v->d, text));
		html_raw_trusted(b, "</span><br><small class=\"parts\">");
		count_cell(r, b, indicator_find(ind->num), v->n, p, division);
		html_raw_trusted(b, " / ");
		count_cell(r, b, indicator_find(ind->den), v->d, p, division);
		html_raw_trusted(b, "</small>");
	}
	html_raw_trusted(b, "</td>");
}

static void change_cell(struct req *r, struct buf *b, const struct indicator *ind,
			const struct indicator_value *before, const struct indicator_value *now)
{
	int points;
	const char *text = indicators_change(r, ind, before, now, &points);
	html_raw_trusted(b, "<td class=\"n change\">");
	html_text(b, text);
	if (points && strcmp(text, "—")) {
		html_raw_trusted(b, "<small>");
		html_text(b, _("个百分点"));
		html_raw_trusted(b, "</small>");
	}
	html_raw_trusted(b, "</td>");
}

/* The figures of one indicator in one township (or the area) for the
 * three periods, with the changes. */
static void period_cells(struct req *r, struct buf *b, const struct indicator_table *t, int i,
			 int town, const char *division)
{
	const struct indicator *ind = &indicators[i];
	const struct indicator_value *now = indicator_value(t, i, town, PERIOD_THIS);
	const struct indicator_value *before = indicator_value(t, i, town, PERIOD_BEFORE);
	const struct indicator_value *year = indicator_value(t, i, town, PERIOD_YEAR_BEFORE);

	figure_cell(r, b, ind, now, &t->periods[PERIOD_THIS], division);
	figure_cell(r, b, ind, before, &t->periods[PERIOD_BEFORE], division);
	change_cell(r, b, ind, before, now);
	figure_cell(r, b, ind, year, &t->periods[PERIOD_YEAR_BEFORE], division);
	change_cell(r, b, ind, year, now);
}

static void period_heads(struct req *r, struct buf *b, const struct indicator_table *t)
{
	static const char *const heads[] = { N_("本期"), N_("上期"), N_("环比"), N_("去年同期"),
					     N_("同比") };
	static const int of[] = { PERIOD_THIS, PERIOD_BEFORE, -1, PERIOD_YEAR_BEFORE, -1 };
	char label[PERIOD_LABEL_LEN];
	size_t k;

	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		html_raw_trusted(b, "<th class=\"n\">");
		html_text(b, _(heads[k]));
		if (of[k] >= 0) {
			html_raw_trusted(b, "<br><small>");
			html_text(b, period_label(&t->periods[of[k]], label));
			html_raw_trusted(b, "</small>");
		}
		html_raw_trusted(b, "</th>");
	}
	(void)r;
}

/* A link to this page with the period, the area and the indicator asked. */
static const char *self_href(struct req *r, const struct indicator_query *q,
			     const struct period *p, const char *indicator)
{
	char key[PERIOD_KEY_LEN];
	struct buf h = BUF_INIT;
	const char *out;

	buf_addf(&h, "/indicators?period=%s", period_key(p, key));
	if (q->division)
		buf_addf(&h, "&division=%s", q->division);
	if (indicator)
		buf_addf(&h, "&indicator=%s", indicator);
	out = arena_strdup(&r->arena, h.buf);
	buf_release(&h);
	return out;
}

static void summary_table(struct req *r, struct buf *b, const struct indicator_query *q,
			  const struct indicator_table *t)
{
	const char *section = NULL;
	int i;

	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_textf(b, _("%s指标一览"), q->area_name);
	html_raw_trusted(b, "</h2><div class=\"scroll\"><table class=\"grid compact\" id=\"indicators\">"
			    "<thead><tr><th>");
	html_text(b, _("指标"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("单位"));
	html_raw_trusted(b, "</th>");
	period_heads(r, b, t);
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < nindicators; i++) {
		const struct indicator *ind = &indicators[i];
		if (!section || strcmp(section, ind->section)) {
			section = ind->section;
			html_raw_trusted(b, "<tr class=\"section\"><th colspan=\"7\">");
			html_text(b, _(section));
			html_raw_trusted(b, "</th></tr>");
		}
		html_rawf_trusted(b, "<tr id=\"i-%s\"><th>", ind->key);
		html_link(b, arena_printf(&r->arena, "%s#by-town",
					  self_href(r, q, &t->periods[PERIOD_THIS], ind->key)),
			  _(ind->name));
		html_raw_trusted(b, ind->time == IND_AT_END ? " <small class=\"muted\">" : "");
		if (ind->time == IND_AT_END) {
			html_text(b, _("期末"));
			html_raw_trusted(b, "</small>");
		}
		html_raw_trusted(b, "</th><td>");
		html_text(b, _(ind->unit));
		html_raw_trusted(b, "</td>");
		period_cells(r, b, t, i, t->ntowns, q->division);
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></section>");
}

static void town_table(struct req *r, struct buf *b, const struct indicator_query *q,
		       const struct indicator_table *t, int sel)
{
	const struct indicator *ind = &indicators[sel];
	int town;

	html_raw_trusted(b, "<section class=\"panel\" id=\"by-town\"><h2>");
	html_textf(b, _("各乡镇（街道）：%s"), _(ind->name));
	html_raw_trusted(b, "</h2><p class=\"hint\">");
	html_text(b, _(ind->definition));
	html_raw_trusted(b, "</p><div class=\"scroll\"><table class=\"grid compact\" id=\"towns\">"
			    "<thead><tr><th>");
	html_text(b, _("乡镇（街道）"));
	html_raw_trusted(b, "</th>");
	period_heads(r, b, t);
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (town = 0; town <= t->ntowns; town++) {
		int total = town == t->ntowns;
		if (total)
			html_raw_trusted(b, "</tbody><tfoot><tr class=\"total\"><th>");
		else
			html_rawf_trusted(b, "<tr data-division=\"%s\"><th>", t->towns[town].key);
		html_text(b, total ? _("合计") : t->towns[town].label);
		html_raw_trusted(b, "</th>");
		period_cells(r, b, t, sel, town, total ? q->division : t->towns[town].key);
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tfoot></table></div></section>");
}

static void definitions(struct buf *b)
{
	int i;
	html_raw_trusted(b, "<section class=\"panel\" id=\"definitions\"><h2>");
	html_text(b, _("指标口径"));
	html_raw_trusted(b, "</h2><dl class=\"definitions\">");
	for (i = 0; i < nindicators; i++) {
		html_rawf_trusted(b, "<dt id=\"d-%s\">", indicators[i].key);
		html_text(b, _(indicators[i].name));
		html_raw_trusted(b, "</dt><dd>");
		html_text(b, _(indicators[i].definition));
		html_raw_trusted(b, "</dd>");
	}
	html_raw_trusted(b, "</dl></section>");
}

static void period_form(struct req *r, struct buf *b, const struct indicator_query *q,
			const struct indicator_table *t, const char *sel)
{
	static const struct {
		enum period_kind kind;
		const char *label;
	} now_links[] = {
		{ PERIOD_MONTH, N_("本月") }, { PERIOD_QUARTER, N_("本季度") },
		{ PERIOD_HALF, N_("本半年") }, { PERIOD_YEAR, N_("本年") },
	};
	struct period p = t->periods[PERIOD_THIS], next;
	struct town *towns;
	struct buf err = BUF_INIT;
	char key[PERIOD_KEY_LEN];
	int ntowns = 0, i, today = period_china_day(now_unix());
	size_t k;

	/* the townships of the user's own area, to narrow to one */
	if (towns_of_area(req_db(r), r->user.division_prefix, &r->arena, &towns, &ntowns, &err) < 0) {
		fprintf(stderr, "jindu: indicators: %s\n", err.buf);
		ntowns = 0;
	}
	buf_release(&err);
	html_raw_trusted(b, "<form class=\"filters\" method=\"get\" action=\"/indicators\"><label>");
	html_text(b, _("期间"));
	html_raw_trusted(b, " <input type=\"text\" name=\"period\" size=\"8\" required value=\"");
	html_attr(b, period_key(&p, key));
	html_raw_trusted(b, "\" pattern=\"[0-9]{4}(-[0-9]{2}|[QqHh][0-9])?\" title=\"");
	html_attr(b, _("2026-05、2026Q3、2026H1 或 2026"));
	html_raw_trusted(b, "\"></label>");
	if (ntowns > 1) {
		html_raw_trusted(b, "<select name=\"division\"><option value=\"\">");
		html_text(b, r->user.division_name);
		html_raw_trusted(b, "</option>");
		for (i = 0; i < ntowns; i++) {
			html_raw_trusted(b, "<option value=\"");
			html_attr(b, towns[i].key);
			html_raw_trusted(b, q->division && !strcmp(q->division, towns[i].key)
						 ? "\" selected>" : "\">");
			html_text(b, towns[i].label);
			html_raw_trusted(b, "</option>");
		}
		html_raw_trusted(b, "</select>");
	}
	if (sel) {
		html_raw_trusted(b, "<input type=\"hidden\" name=\"indicator\" value=\"");
		html_attr(b, sel);
		html_raw_trusted(b, "\">");
	}
	html_raw_trusted(b, "<button type=\"submit\">");
	html_text(b, _("统计"));
	html_raw_trusted(b, "</button> ");
	html_link(b, self_href(r, q, &t->periods[PERIOD_BEFORE], sel), _("上一期"));
	html_raw_trusted(b, " ");
	next = period_next(&p);
	html_link(b, self_href(r, q, &next, sel), _("下一期"));
	for (k = 0; k < sizeof(now_links) / sizeof(now_links[0]); k++) {
		struct period cur = period_of_day(now_links[k].kind, today);
		html_raw_trusted(b, " ");
		html_link(b, self_href(r, q, &cur, sel), _(now_links[k].label));
	}
	html_raw_trusted(b, "</form>");
}

/* GET /indicators?period=&division=&indicator=: figures of the area, for
 * every role that reads them; the numbers open their records for those
 * who may read those. */
int page_indicators(struct req *r, struct resp *w)
{
	static const struct crumb crumbs[] = { { N_("指标统计"), NULL } };
	struct buf *b = &w->body, err = BUF_INIT;
	struct indicator_query q;
	struct indicator_table t;
	char label[PERIOD_LABEL_LEN], l1[PERIOD_LABEL_LEN], l2[PERIOD_LABEL_LEN];
	const char *sel_key = req_query(r, "indicator");
	int sel = sel_key && *sel_key ? indicator_index(sel_key) : 0, rc;

	if ((rc = indicators_query(r, w, &q)))
		return rc;
	if (sel < 0)
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), "indicator");
	if (indicator_table_load(req_db(r), q.prefix, &q.period, ymd_today(), &r->arena, &t,
				 &err) < 0)
		return internal(w, "indicators", &err);
	buf_release(&err);

	layout_begin(r, w, _("指标统计"), MOD_STATS, crumbs, 1);
	period_form(r, b, &q, &t, sel_key && *sel_key ? indicators[sel].key : NULL);
	html_raw_trusted(b, "<p class=\"hint\" id=\"period\">");
	html_textf(b, _("%s，%s（%s 至 %s）；上期为%s，去年同期为%s。标“期末”的指标按期末最后一天计算。"),
		   q.area_name, period_label(&t.periods[PERIOD_THIS], label),
		   day_text(r, period_first_day(&t.periods[PERIOD_THIS])),
		   day_text(r, period_last_day(&t.periods[PERIOD_THIS])),
		   period_label(&t.periods[PERIOD_BEFORE], l1),
		   period_label(&t.periods[PERIOD_YEAR_BEFORE], l2));
	html_raw_trusted(b, "</p>");
	summary_table(r, b, &q, &t);
	town_table(r, b, &q, &t, sel);
	definitions(b);
	html_raw_trusted(b, "<p class=\"hint muted\" id=\"timing\">");
	html_textf(b, _("计算用时 %.1f 毫秒"), (double)t.usec / 1000.0);
	html_raw_trusted(b, "</p>");
	layout_end(r, w);
	return 200;
}

/* ---- the records behind a number ---- */

/* What a list's first two columns say of a record, and where it opens,
 * by the kind of record (enum indicator_link). */
static const struct {
	const char *name_head, *id_head;
	const char *path;  /* then the record's id (LINK_ALERT) or its person's */
} links[] = {
	[LINK_PERSON] = { N_("姓名"), N_("身份证号"), "/persons/" },
	[LINK_ALERT] = { N_("姓名"), N_("身份证号"), "/alerts/" },
};

static void record_cell(struct req *r, struct buf *b, const struct indicator *ind,
			const struct indicator_column *col, const struct count_record *rec)
{
	const struct choice *codes = indicator_codes(ind);
	int64_t v = col->field == IF_DATE1 ? rec->date1 : col->field == IF_DATE2 ? rec->date2
		    : rec->number;

	html_raw_trusted(b, col->format == FMT_COUNT ? "<td class=\"n\">" : "<td>");
	switch (col->format) {
	case FMT_DAY:
		html_date(b, (int)v);
		break;
	case FMT_TIME:
		html_time(b, v);
		break;
	case FMT_COUNT:
		html_count(b, v);
		break;
	case FMT_CODE:
		html_text(b, *rec->detail ? _(choice_label(codes, rec->detail)) : "—");
		break;
	default:
		html_text(b, *rec->detail ? rec->detail : "—");
	}
	html_raw_trusted(b, "</td>");
	(void)r;
}

/* What the audit log says of a list opened: as for a search of persons. */
static const char *audit_what(struct req *r, const struct indicator *ind,
			      const struct indicator_query *q)
{
	char key[PERIOD_KEY_LEN];
	return arena_printf(&r->arena, "indicator=%s period=%s%s%s", ind->key,
			    period_key(&q->period, key), q->division ? " division=" : "",
			    q->division ? q->division : "");
}

/* The indicator of the path, for a page of records: 0, or the status with
 * the response made. */
static int records_indicator(struct req *r, struct resp *w, const struct indicator **out)
{
	const struct indicator *ind = indicator_find(req_path_param(r, "key"));
	if (!ind)
		return resp_error(w, 404, "not_found", N_("没有这个指标"), NULL);
	if (ind->kind != IND_COUNT)
		return resp_error(w, 404, "not_found",
				  N_("比率没有自己的记录清单，请打开它的分子或分母"), NULL);
	if (!indicators_can_open(r, ind))
		return resp_error(w, 403, "forbidden", N_("您的角色不能查看这些记录"), NULL);
	*out = ind;
	return 0;
}

int indicators_records(struct req *r, struct resp *w, const struct indicator **ind,
		       struct indicator_query *q, int offset, int limit,
		       struct count_record **rows, int *n, int64_t *total)
{
	struct buf err = BUF_INIT;
	int rc = records_indicator(r, w, ind);

	if (rc || (rc = indicators_query(r, w, q)))
		return rc;
	if (indicator_records(req_db(r), *ind, q->prefix, &q->period, ymd_today(), offset, limit,
			      &r->arena, rows, n, total, &err) < 0 ||
	    person_audit_search(req_db(r), &r->actor, audit_what(r, *ind, q), *total, &err) < 0)
		return internal(w, "indicator records", &err);
	buf_release(&err);
	return 0;
}

/* GET /indicators/{key}/records?period=&division=&page=: exactly the
 * records the number counts, a page at a time; opening it is audited as a
 * search of persons is. */
int page_indicator_records(struct req *r, struct resp *w)
{
	struct buf *b = &w->body;
	const struct indicator *ind;
	struct indicator_query q;
	struct count_record *rows;
	struct crumb crumbs[2] = { { N_("指标统计"), "/indicators" }, { NULL, NULL } };
	char label[PERIOD_LABEL_LEN], key[PERIOD_KEY_LEN];
	int page = (int)req_int(r, "page", 1, 1, 1000000), n, i, c, rc;
	int64_t total;

	rc = indicators_records(r, w, &ind, &q, (page - 1) * PER_PAGE, PER_PAGE, &rows, &n, &total);
	if (rc)
		return rc;
	crumbs[0].href = arena_printf(&r->arena, "/indicators?period=%s%s%s",
				      period_key(&q.period, key), q.division ? "&division=" : "",
				      q.division ? q.division : "");
	crumbs[1].label = _(ind->name);
	layout_begin(r, w, _(ind->name), MOD_STATS, crumbs, 2);
	html_raw_trusted(b, "<p class=\"hint\" id=\"what\">");
	html_textf(b, _("%s，%s：%s共 %lld %s。"), q.area_name, period_label(&q.period, label),
		   _(ind->name), (long long)total, _(ind->unit));
	html_raw_trusted(b, " ");
	html_text(b, _(ind->definition));
	html_raw_trusted(b, "</p><table class=\"grid\" id=\"records\"><thead><tr><th>");
	html_text(b, _(links[ind->link].name_head));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _(links[ind->link].id_head));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _(ind->division_label));
	html_raw_trusted(b, "</th>");
	for (c = 0; c < INDICATOR_COLUMNS && ind->columns[c].field != IF_NONE; c++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(ind->columns[c].label));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct count_record *rec = &rows[i];
		html_raw_trusted(b, "<tr><td>");
		html_link(b, arena_printf(&r->arena, "%s%" PRId64, links[ind->link].path,
					  ind->link == LINK_PERSON ? rec->person_id : rec->id),
			  rec->name);
		html_raw_trusted(b, "</td><td class=\"mono\">");
		html_text(b, rec->id_masked);
		html_raw_trusted(b, "</td><td>");
		html_text(b, *rec->division_name ? rec->division_name : rec->division);
		html_raw_trusted(b, "</td>");
		for (c = 0; c < INDICATOR_COLUMNS && ind->columns[c].field != IF_NONE; c++)
			record_cell(r, b, ind, &ind->columns[c], rec);
		html_raw_trusted(b, "</tr>");
	}
	if (!n) {
		html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", 3 + c);
		html_text(b, _("没有记录"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, total, page, PER_PAGE);
	layout_end(r, w);
	return 200;
}
