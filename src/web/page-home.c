/* page-home.c - 工作概览: the jurisdiction's figures, each opening the records behind it. */
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "domain/rate.h"
#include "lib/timeutil.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

/* A figure tile; href NULL when the role may not open the records. */
static void tile(struct buf *b, const char *label, int64_t n, const char *href, const char *cls)
{
	html_rawf_trusted(b, "<div class=\"tile %s\">", cls);
	if (href) {
		html_raw_trusted(b, "<a href=\"");
		html_attr(b, href);
		html_raw_trusted(b, "\">");
	}
	html_raw_trusted(b, "<span class=\"num\">");
	html_count(b, n);
	html_raw_trusted(b, "</span><span class=\"label\">");
	html_text(b, label);
	html_raw_trusted(b, "</span>");
	if (href)
		html_raw_trusted(b, "</a>");
	html_raw_trusted(b, "</div>");
}

static int64_t count_of(const struct count_row *rows, int n, const char *key)
{
	int i;
	int64_t total = 0;
	for (i = 0; i < n; i++)
		if (!key || !strcmp(rows[i].key, key))
			total += rows[i].count;
	return total;
}

/* Writes an ECharts option as a data attribute; app.js draws it. */
static void chart(struct buf *b, const char *id, json_t *option)
{
	char *text = json_dumps(option, JSON_COMPACT);
	html_raw_trusted(b, "<div class=\"chart\" id=\"");
	html_attr(b, id);
	html_raw_trusted(b, "\" data-chart=\"");
	html_attr(b, text ? text : "{}");
	html_raw_trusted(b, "\"></div>");
	free(text);
	json_decref(option);
}

/* What the user has to do: overdue and due this week, from the worklist. */
static void reminder(struct req *r, struct buf *b)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	struct work_item *items;
	struct work_counts c;
	int n, mine = r->role == ROLE_OFFICER || r->role == ROLE_SOCIAL_WORKER;
	long long late, week;
	struct worklist_query q = { r->user.division_prefix, mine ? r->user.id : 0, WORK_ALL, 0, 0 };

	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    control_worklist(req_db(r), &q, &pol, ymd_today(), &r->arena, &items, &n, &c, &err) < 0) {
		fprintf(stderr, "jindu: home reminder: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	late = c.overdue;
	week = c.soon;
	if (!late && !week)
		return;
	html_raw_trusted(b, "<div class=\"reminder\">");
	html_textf(b, mine ? _("您负责的人员中，%lld 人有逾期事项，%lld 人本周到期。")
			   : _("本辖区 %lld 人有逾期事项，%lld 人本周到期。"), late, week);
	html_raw_trusted(b, " ");
	html_link(b, mine ? "/work?view=overdue&scope=mine" : "/work?view=overdue", _("打开工作清单"));
	html_raw_trusted(b, "</div>");
}

/* Alerts of the area waiting to be signed for, and those past a deadline
 * (escalated to whoever heads the area: they see it here). */
static void alert_reminder(struct req *r, struct buf *b)
{
	struct buf err = BUF_INIT;
	struct alert_counts c;

	if (store_alert_counts(req_db(r), r->user.division_prefix, now_unix(), &c, &err) < 0) {
		fprintf(stderr, "jindu: home alerts: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	if (!c.fresh && !c.overdue)
		return;
	html_raw_trusted(b, c.overdue ? "<div class=\"reminder\" id=\"alert-reminder\">"
				      : "<div class=\"notice\" id=\"alert-reminder\">");
	html_textf(b, _("动态管控预警：%lld 条待签收，%lld 条已逾期未签收或未反馈。"),
		   (long long)c.fresh, (long long)c.overdue);
	html_raw_trusted(b, " ");
	html_link(b, c.overdue ? "/alerts?overdue=1" : "/alerts?status=new", _("打开预警"));
	html_raw_trusted(b, "</div>");
}

int page_home(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct count_row *by_div, *by_status, *by_year, *by_add;
	int ndiv, nstatus, nyear, nadd, i, year = ymd_today() / 10000;
	const char *prefix = r->user.division_prefix;
	int can_open = role_can(r->role, MOD_PERSON, ACC_READ);
	struct db *db = req_db(r);
	json_t *names, *values, *years, *ycounts, *pie;
	int64_t total, lost, found_this_year = 0;
	char rate[RATE_LEN];

	if (store_person_count_by(db, prefix, "division", &r->arena, &by_div, &ndiv, &err) < 0 ||
	    store_person_count_by(db, prefix, "status", &r->arena, &by_status, &nstatus, &err) < 0 ||
	    store_person_count_by(db, prefix, "year", &r->arena, &by_year, &nyear, &err) < 0 ||
	    store_person_count_by(db, prefix, "addiction", &r->arena, &by_add, &nadd, &err) < 0) {
		fprintf(stderr, "jindu: home: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	total = count_of(by_status, nstatus, NULL);
	lost = count_of(by_status, nstatus, "lost");
	for (i = 0; i < nyear; i++)
		if (atoi(by_year[i].key) == year)
			found_this_year = by_year[i].count;

	layout_begin(r, w, _("工作概览"), MOD_HOME, NULL, 0);
	if (can_open) {
		reminder(r, b);
		alert_reminder(r, b);
	}
	html_raw_trusted(b, "<section class=\"tiles\">");
	tile(b, _("档案人员（未撤档）"), total, can_open ? "/persons" : NULL, "");
	tile(b, _("在控"), count_of(by_status, nstatus, "in_control"),
	     can_open ? "/persons?status=in_control" : NULL, "ok");
	tile(b, _("脱管失控"), lost, can_open ? "/persons?status=lost" : NULL, lost ? "warn" : "");
	tile(b, _("强制隔离戒毒中"), count_of(by_status, nstatus, "compulsory"),
	     can_open ? "/persons?status=compulsory" : NULL, "");
	tile(b, _("今年新发现"), found_this_year,
	     can_open ? arena_printf(&r->arena, "/persons?found_year=%d", year) : NULL, "");
	html_raw_trusted(b, "</section>");
	/* figures of the area, for every role (leaders included) */
	html_raw_trusted(b, "<p class=\"hint\" id=\"alert-stats-link\">");
	html_link(b, "/alerts/stats", _("预警统计"));
	html_raw_trusted(b, " ");
	html_text(b, _("各乡镇（街道）、各数据来源的预警签收、反馈和超期情况"));
	html_raw_trusted(b, "</p>");

	/* Per child division (townships under a county). */
	names = json_array();
	values = json_array();
	html_raw_trusted(b, "<section class=\"panels\"><div class=\"panel\"><h2>");
	html_text(b, strlen(r->user.division) > 6 ? _("各村（社区）档案人员") : _("各乡镇（街道）档案人员"));
	html_raw_trusted(b, "</h2>");
	for (i = ndiv - 1; i >= 0; i--) {
		json_array_append_new(names, json_string(by_div[i].label));
		json_array_append_new(values, json_integer(by_div[i].count));
	}
	chart(b, "chart-division",
	      json_pack("{s:{s:s},s:{s:i,s:i,s:i,s:i},s:{s:s},s:{s:s,s:o},s:[{s:s,s:o,s:{s:s}}]}",
			"tooltip", "trigger", "axis",
			"grid", "left", 110, "right", 20, "top", 10, "bottom", 20,
			"xAxis", "type", "value",
			"yAxis", "type", "category", "data", names,
			"series", "type", "bar", "data", values, "itemStyle", "color", "#1f4e8c"));
	html_raw_trusted(b, "<table class=\"grid compact\"><thead><tr><th>");
	html_text(b, strlen(r->user.division) > 6 ? _("村（社区）") : _("乡镇（街道）"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("人数"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("脱管失控"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("在控率"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < ndiv; i++) {
		html_raw_trusted(b, "<tr><td>");
		html_text(b, by_div[i].label);
		html_raw_trusted(b, "</td><td class=\"n\">");
		if (can_open) {
			html_raw_trusted(b, "<a href=\"/persons?division=");
			html_url_value(b, by_div[i].key);
			html_raw_trusted(b, "\">");
			html_count(b, by_div[i].count);
			html_raw_trusted(b, "</a>");
		} else {
			html_count(b, by_div[i].count);
		}
		html_raw_trusted(b, "</td><td class=\"n\">");
		if (can_open && by_div[i].lost) {
			html_raw_trusted(b, "<a href=\"/persons?status=lost&amp;division=");
			html_url_value(b, by_div[i].key);
			html_raw_trusted(b, "\">");
			html_count(b, by_div[i].lost);
			html_raw_trusted(b, "</a>");
		} else {
			html_count(b, by_div[i].lost);
		}
		/* 在控率: the share of open files not lost, one decimal */
		html_raw_trusted(b, "</td><td class=\"n\">");
		html_text(b, rate_format(by_div[i].count - by_div[i].lost, by_div[i].count, rate));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");

	/* Newly found per year, and addiction levels. */
	years = json_array();
	ycounts = json_array();
	for (i = 0; i < nyear; i++) {
		if (atoi(by_year[i].key) < year - 9)
			continue;
		json_array_append_new(years, json_string(by_year[i].key));
		json_array_append_new(ycounts, json_integer(by_year[i].count));
	}
	html_raw_trusted(b, "<div class=\"panel\"><h2>");
	html_text(b, _("历年新发现吸毒人员"));
	html_raw_trusted(b, "</h2>");
	chart(b, "chart-years",
	      json_pack("{s:{s:s},s:{s:i,s:i,s:i,s:i},s:{s:s,s:o},s:{s:s},s:[{s:s,s:o,s:b,s:{s:s}}]}",
			"tooltip", "trigger", "axis",
			"grid", "left", 40, "right", 20, "top", 20, "bottom", 30,
			"xAxis", "type", "category", "data", years,
			"yAxis", "type", "value",
			"series", "type", "line", "data", ycounts, "smooth", 1, "itemStyle", "color",
			"#b8312f"));
	pie = json_array();
	/* files without a determination: suspects of drug cases not found using */
	for (i = 0; i < nadd; i++)
		json_array_append_new(pie, json_pack("{s:s,s:I}", "name",
						     *by_add[i].key
							     ? _(choice_label(person_addiction_levels,
									      by_add[i].key))
							     : _("未认定吸毒"),
						     "value", (json_int_t)by_add[i].count));
	html_raw_trusted(b, "<h2>");
	html_text(b, _("成瘾认定"));
	html_raw_trusted(b, "</h2>");
	chart(b, "chart-addiction",
	      json_pack("{s:{s:s},s:[s,s,s],s:[{s:s,s:[s,s],s:{s:s},s:o}]}", "tooltip", "trigger",
			"item", "color", "#6f8fbf", "#1f4e8c", "#b8312f", "series", "type", "pie",
			"radius", "40%", "70%", "label", "formatter", "{b}\n{c} ({d}%)", "data", pie));
	html_raw_trusted(b, "</div></section>");
	layout_end(r, w);
	return 200;
}
