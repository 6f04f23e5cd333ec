/* page-alert-stats.c - 预警统计: the alerts of a period per township and per source, deadlines kept and missed (page and API). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/alert-stats.h"
#include "domain/rate.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/alerts.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

/*
 * The columns: a count of struct alert_tally, the list's query that shows
 * exactly those alerts, and whether its rate over the period's alerts
 * follows it.
 */
static const struct {
	const char *head;
	const char *query;
	size_t count;
	const char *rate_head;
	const char *json, *json_rate;
} cols[] = {
	{ N_("预警数"), "", offsetof(struct alert_tally, total), NULL, "total", NULL },
	{ N_("待签收"), "status=new", offsetof(struct alert_tally, fresh), NULL, "new", NULL },
	{ N_("已签收"), "status=signed", offsetof(struct alert_tally, signed_), NULL, "signed", NULL },
	{ N_("已反馈"), "status=handled", offsetof(struct alert_tally, handled), NULL, "handled",
	  NULL },
	{ N_("已办结"), "status=closed", offsetof(struct alert_tally, closed), NULL, "closed", NULL },
	{ N_("当前逾期"), "overdue=1", offsetof(struct alert_tally, overdue), NULL, "overdue", NULL },
	{ N_("按时签收"), "signed_on_time=1", offsetof(struct alert_tally, signed_on_time),
	  N_("按时签收率"), "signed_on_time", "signed_on_time_rate" },
	{ N_("按时反馈"), "answered_on_time=1", offsetof(struct alert_tally, answered_on_time),
	  N_("按时反馈率"), "answered_on_time", "answered_on_time_rate" },
	{ N_("超期"), "late=1", offsetof(struct alert_tally, late), N_("超期率"), "late",
	  "late_rate" },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static int64_t count_of(const struct alert_tally *t, size_t col)
{
	return *(const int64_t *)(const void *)((const char *)t + cols[col].count);
}

/* One row: its name, then every count linked to its alerts (for those who
 * may open them) and the rates. what is "division" or "source" (NULL for
 * the totals, which are the whole area). */
static void tally_row(struct req *r, struct buf *b, const struct alert_stats *st,
		      const struct alert_tally *t, const char *what, int can_open)
{
	char rate[RATE_LEN];
	size_t k;

	html_raw_trusted(b, what ? "<tr><th>" : "<tr class=\"total\"><th>");
	html_text(b, what ? t->label : _("合计"));
	html_raw_trusted(b, "</th>");
	for (k = 0; k < NCOLS; k++) {
		int64_t n = count_of(t, k);
		html_raw_trusted(b, "<td class=\"n\">");
		if (can_open) {
			html_rawf_trusted(b, "<a href=\"/alerts?from=%s&amp;to=%s",
					  alerts_day(r, st->from), alerts_day(r, st->to));
			if (what) {
				html_rawf_trusted(b, "&amp;%s=", what);
				html_url_value(b, t->key);
			}
			if (*cols[k].query)
				html_rawf_trusted(b, "&amp;%s", cols[k].query);
			html_raw_trusted(b, "\">");
			html_count(b, n);
			html_raw_trusted(b, "</a>");
		} else {
			html_count(b, n);
		}
		html_raw_trusted(b, "</td>");
		if (cols[k].rate_head) {
			html_raw_trusted(b, "<td class=\"n rate\">");
			html_text(b, rate_format(n, t->total, rate));
			html_raw_trusted(b, "</td>");
		}
	}
	html_raw_trusted(b, "</tr>");
}

static void tally_table(struct req *r, struct buf *b, const struct alert_stats *st,
			const char *id, const char *title, const char *first_head,
			const struct alert_tally *rows, int n, const char *what, int can_open)
{
	size_t k;
	int i;

	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_text(b, title);
	html_rawf_trusted(b, "</h2><div class=\"scroll\"><table class=\"grid compact\" id=\"%s\">"
			     "<thead><tr><th>", id);
	html_text(b, first_head);
	html_raw_trusted(b, "</th>");
	for (k = 0; k < NCOLS; k++) {
		html_raw_trusted(b, "<th class=\"n\">");
		html_text(b, _(cols[k].head));
		html_raw_trusted(b, "</th>");
		if (cols[k].rate_head) {
			html_raw_trusted(b, "<th class=\"n\">");
			html_text(b, _(cols[k].rate_head));
			html_raw_trusted(b, "</th>");
		}
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++)
		tally_row(r, b, st, &rows[i], what, can_open);
	html_raw_trusted(b, "</tbody><tfoot>");
	tally_row(r, b, st, &st->total, NULL, can_open);
	html_raw_trusted(b, "</tfoot></table></div></section>");
}

/* The statistics of the user's area for the query's period; 0, 400 or 500
 * (the response then made). */
static int load(struct req *r, struct resp *w, struct alert_stats *st)
{
	struct buf err = BUF_INIT;
	int64_t now = now_unix();
	int from, to;

	if (alerts_period_from_query(r, now, &from, &to) < 0)
		return resp_error(w, 400, "bad_period",
				  N_("日期应写作 2026-11-01，起始日期不能晚于截止日期"), NULL);
	if (alert_stats_load(req_db(r), r->user.division_prefix, from, to, now, &r->arena, st,
			     &err) < 0) {
		fprintf(stderr, "jindu: alert stats: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return 0;
}

static void period_form(struct req *r, struct buf *b, const struct alert_stats *st)
{
	int from, to;

	html_raw_trusted(b, "<form class=\"filters\" method=\"get\" action=\"/alerts/stats\">"
			    "<label>");
	html_text(b, _("起始日期"));
	html_rawf_trusted(b, " <input type=\"date\" name=\"from\" value=\"%s\" required></label><label>",
			  alerts_day(r, st->from));
	html_text(b, _("截止日期"));
	html_rawf_trusted(b, " <input type=\"date\" name=\"to\" value=\"%s\" required></label>"
			     "<button type=\"submit\">", alerts_day(r, st->to));
	html_text(b, _("统计"));
	html_raw_trusted(b, "</button> ");
	alert_period_month(st->now, &from, &to);
	html_link(b, arena_printf(&r->arena, "/alerts/stats?from=%s&to=%s", alerts_day(r, from),
				  alerts_day(r, to)), _("本月"));
	html_raw_trusted(b, " ");
	alert_period_last_month(st->now, &from, &to);
	html_link(b, arena_printf(&r->arena, "/alerts/stats?from=%s&to=%s", alerts_day(r, from),
				  alerts_day(r, to)), _("上月"));
	html_raw_trusted(b, "</form>");
}

/* GET /alerts/stats?from=&to=: figures only, so for every role of the
 * area; the numbers open the alerts they count for those who may see them. */
int page_alert_stats(struct req *r, struct resp *w)
{
	static const struct crumb open_crumbs[] = { { N_("预警"), "/alerts" },
						    { N_("预警统计"), NULL } };
	static const struct crumb home_crumbs[] = { { N_("工作概览"), "/" },
						    { N_("预警统计"), NULL } };
	struct buf *b = &w->body;
	struct alert_stats st;
	int can_open = role_can(r->role, MOD_PERSON, ACC_READ);
	int rc = load(r, w, &st);

	if (rc)
		return rc;
	layout_begin(r, w, _("预警统计"), can_open ? MOD_PERSON : MOD_HOME,
		     can_open ? open_crumbs : home_crumbs, 2);
	period_form(r, b, &st);
	html_raw_trusted(b, "<p class=\"hint\" id=\"period\">");
	html_textf(b, _("%s，%s 至 %s（北京时间）生成的预警，共 %lld 条。"), r->user.division_name,
		   alerts_day(r, st.from), alerts_day(r, st.to), (long long)st.total.total);
	html_raw_trusted(b, "</p>");
	tally_table(r, b, &st, "by-division", _("各乡镇（街道）"), _("乡镇（街道）"), st.divisions,
		    st.ndivisions, "division", can_open);
	tally_table(r, b, &st, "by-source", _("各数据来源"), _("来源"), st.sources, st.nsources,
		    "source", can_open);
	html_raw_trusted(b, "<p class=\"hint\">");
	html_text(b, _("当前逾期：现在已过签收或反馈期限而仍未签收或反馈。按时签收、按时反馈：在期限内完成。"
		       "超期：错过签收或反馈期限，包括仍未办理和办理晚于期限的。各比率的分母为期间内的预警数。"));
	html_raw_trusted(b, "</p>");
	layout_end(r, w);
	return 200;
}

static json_t *tally_json(const struct alert_tally *t, const char *what, const char *name)
{
	json_t *o = json_object();
	size_t k;

	if (what) {
		json_object_set_new(o, what, json_string(t->key));
		json_object_set_new(o, name, json_string(t->label));
	}
	for (k = 0; k < NCOLS; k++) {
		int64_t n = count_of(t, k);
		json_object_set_new(o, cols[k].json, json_integer(n));
		if (cols[k].json_rate) {
			int tenths = rate_tenths(n, t->total);
			/* one decimal of a percent, null when there is no alert */
			json_object_set_new(o, cols[k].json_rate,
					    tenths < 0 ? json_null() : json_real(tenths / 10.0));
		}
	}
	return o;
}

/* GET /api/v1/alerts/stats?from=&to= */
int api_alert_stats(struct req *r, struct resp *w)
{
	struct alert_stats st;
	json_t *divs = json_array(), *srcs = json_array();
	int rc = load(r, w, &st), i;

	if (rc) {
		json_decref(divs);
		json_decref(srcs);
		return rc;
	}
	for (i = 0; i < st.ndivisions; i++)
		json_array_append_new(divs, tally_json(&st.divisions[i], "division", "name"));
	for (i = 0; i < st.nsources; i++)
		json_array_append_new(srcs, tally_json(&st.sources[i], "source", "label"));
	return resp_json(w, 200, json_pack("{s:s,s:s,s:s,s:o,s:o,s:o}", "from",
					   alerts_day(r, st.from), "to", alerts_day(r, st.to),
					   "area", r->user.division, "divisions", divs, "sources",
					   srcs, "total", tally_json(&st.total, NULL, NULL)));
}
