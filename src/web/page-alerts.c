/* page-alerts.c - 预警: the alerts of one's area, one alert with its event and its 协查, signing, feedback, closing. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/alert-stats.h"
#include "domain/feed.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/alerts.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/persons.h"
#include "web/server.h"

#define PER_PAGE 50

static const struct choice priorities[] = { { "1", N_("高") }, { "2", N_("一般") }, { NULL, NULL } };

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

const char *alerts_day(struct req *r, int ymd)
{
	char *s = arena_alloc(&r->arena, 11);
	ymd_format(ymd, s);
	return s;
}

/* A day of the query: 0 when absent, -1 when not a date. */
static int query_day(struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	int ymd;
	if (!v || !*v)
		return 0;
	return ymd_parse(v, &ymd) == 0 ? ymd : -1;
}

int alerts_period_from_query(struct req *r, int64_t now, int *from, int *to)
{
	int f = query_day(r, "from"), t = query_day(r, "to");
	alert_period_month(now, from, to);
	if (f < 0 || t < 0)
		return -1;
	if (f)
		*from = f;
	if (t)
		*to = t;
	return *from <= *to ? 0 : -1;
}

int alerts_filter_from_query(struct req *r, struct alert_filter *f, struct feed_source *src)
{
	const char *st = req_query(r, "status"), *pr = req_query(r, "priority");
	const char *div = req_query(r, "division"), *name = req_query(r, "source");
	int from = query_day(r, "from"), to = query_day(r, "to");
	int64_t start, end;

	memset(f, 0, sizeof(*f));
	memset(src, 0, sizeof(*src));
	f->prefix = r->user.division_prefix;
	f->now = now_unix();
	f->overdue = req_int(r, "overdue", 0, 0, 1) == 1;
	f->late = req_int(r, "late", 0, 0, 1) == 1;
	f->signed_on_time = req_int(r, "signed_on_time", 0, 0, 1) == 1;
	f->answered_on_time = req_int(r, "answered_on_time", 0, 0, 1) == 1;
	if (st && *st) {
		if (!choice_valid(alert_statuses, st))
			return -1;
		f->status = st;
	}
	if (pr && *pr) {
		if (strcmp(pr, "1") && strcmp(pr, "2"))
			return -1;
		f->priority = atoi(pr);
	}
	if (div && *div) {
		char prefix[13];
		if (!division_valid(div))
			return -1;
		division_prefix(div, prefix);
		/* A narrower area inside the user's own; a wider one is refused. */
		if (!division_in(prefix, r->user.division_prefix))
			return -1;
		f->prefix = arena_strdup(&r->arena, prefix);
	}
	if (name && *name) {
		struct buf err = BUF_INIT;
		int rc = store_source_by_name(req_db(r), name, &r->arena, src, &err);
		if (rc < 0)
			fprintf(stderr, "jindu: alerts: source: %s\n", err.buf);
		buf_release(&err);
		if (rc != 0)
			return rc < 0 ? -2 : -1;
		f->source_id = src->id;
	}
	if (from < 0 || to < 0 || (from && to && from > to))
		return -1;
	if (from) {
		alert_period_bounds(from, from, &start, &end);
		f->created_from = start;
	}
	if (to) {
		alert_period_bounds(to, to, &start, &end);
		f->created_to = end;
	}
	return 0;
}

static void status_tag(struct buf *b, const struct alert *al, int64_t now)
{
	html_rawf_trusted(b, "<span class=\"tag%s\">", !strcmp(al->status, "closed") ? " ok" : "");
	html_text(b, _(choice_label(alert_statuses, al->status)));
	html_raw_trusted(b, "</span>");
	if (alert_overdue(al, now)) {
		html_raw_trusted(b, " <span class=\"risk r-high\">");
		html_text(b, _("逾期"));
		html_raw_trusted(b, "</span>");
	}
}

/* The 协查 a hit in another township asked for: answered, or waiting. */
static void assist_tag(struct buf *b, const struct alert_row *a)
{
	if (!a->assists)
		return;
	html_raw_trusted(b, a->assists_answered ? " <span class=\"tag ok assist\">"
						: " <span class=\"tag assist\">");
	html_text(b, a->assists_answered ? _("协查已回复") : _("协查中"));
	html_raw_trusted(b, "</span>");
}

static void add_part(struct buf *parts, const char *text)
{
	if (parts->len)
		buf_adds(parts, _("；"));
	buf_adds(parts, text);
}

/* What the list is narrowed to beyond the tabs (a link from the
 * statistics, or a query typed): said in words, with a way back. */
static void filter_summary(struct req *r, struct buf *b, const struct alert_filter *f,
			   const struct feed_source *src)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	struct buf parts = BUF_INIT, err = BUF_INIT;
	struct division d;

	if (!strcmp(f->prefix, r->user.division_prefix) && !f->source_id && !f->created_from &&
	    !f->created_to && !f->late && !f->signed_on_time && !f->answered_on_time)
		return;
	if (strcmp(f->prefix, r->user.division_prefix)) {
		const char *code = req_query(r, "division");
		int rc = store_division_get(req_db(r), code, &r->arena, &d, &err);
		add_part(&parts, rc == 0 ? d.name : code);
	}
	if (f->created_from && f->created_to)
		add_part(&parts, arena_printf(&r->arena, _("%s 至 %s"), from, to));
	else if (f->created_from)
		add_part(&parts, arena_printf(&r->arena, _("%s 起"), from));
	else if (f->created_to)
		add_part(&parts, arena_printf(&r->arena, _("截至 %s"), to));
	if (f->source_id)
		add_part(&parts, arena_printf(&r->arena, _("来源：%s"), *src->label ? src->label
										 : src->name));
	if (f->status)
		add_part(&parts, _(choice_label(alert_statuses, f->status)));
	if (f->overdue)
		add_part(&parts, _("当前逾期"));
	if (f->signed_on_time)
		add_part(&parts, _("按时签收"));
	if (f->answered_on_time)
		add_part(&parts, _("按时反馈"));
	if (f->late)
		add_part(&parts, _("超期"));
	if (f->priority)
		add_part(&parts, _("高优先级"));
	html_raw_trusted(b, "<p class=\"notice\" id=\"alert-filter\">");
	html_textf(b, _("筛选：%s。"), parts.buf);
	html_raw_trusted(b, " ");
	html_link(b, "/alerts", _("清除筛选"));
	html_raw_trusted(b, "</p>");
	buf_release(&parts);
	buf_release(&err);
}

int page_alerts(struct req *r, struct resp *w)
{
	static const struct crumb crumbs[] = { { N_("预警"), NULL } };
	static const char *const heads[] = { N_("预警时间"), N_("姓名"), N_("来源"), N_("时间"),
					     N_("地点"), N_("优先级"), N_("状态"), N_("签收期限"),
					     NULL };
	struct buf *b = &w->body, err = BUF_INIT;
	struct alert_filter f;
	struct feed_source src;
	struct alert_row *rows;
	struct alert_counts c;
	int64_t total;
	int n, i, rc, page = (int)req_int(r, "page", 1, 1, 100000);

	rc = alerts_filter_from_query(r, &f, &src);
	if (rc == -2)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	if (rc < 0)
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if (store_alert_counts(req_db(r), r->user.division_prefix, f.now, &c, &err) < 0 ||
	    store_alert_list(req_db(r), &f, &r->arena, &rows, &n, &total, &err) < 0)
		return internal(w, "alerts", &err);
	buf_release(&err);
	layout_begin(r, w, _("预警"), MOD_PERSON, crumbs, 1);
	html_raw_trusted(b, "<div class=\"toolbar tabs\">");
	html_link(b, "/alerts?status=new", arena_printf(&r->arena, _("待签收（%lld）"), (long long)c.fresh));
	html_link(b, "/alerts?status=signed",
		  arena_printf(&r->arena, _("已签收待反馈（%lld）"), (long long)c.signed_));
	html_link(b, "/alerts?status=handled",
		  arena_printf(&r->arena, _("已反馈（%lld）"), (long long)c.handled));
	html_link(b, "/alerts?overdue=1", arena_printf(&r->arena, _("逾期（%lld）"), (long long)c.overdue));
	html_link(b, "/alerts?priority=1", _("高优先级"));
	html_link(b, "/alerts", _("全部"));
	html_link(b, "/alerts/stats", _("预警统计"));
	html_raw_trusted(b, "</div>");
	filter_summary(r, b, &f, &src);
	html_raw_trusted(b, "<table class=\"grid\" id=\"alerts\"><thead><tr>");
	for (i = 0; heads[i]; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(heads[i]));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct alert_row *a = &rows[i];
		html_raw_trusted(b, alert_overdue(&a->al, f.now) ? "<tr class=\"late\"><td>" : "<tr><td>");
		html_link(b, arena_printf(&r->arena, "/alerts/%" PRId64, a->al.id),
			  arena_printf(&r->arena, "%" PRId64, a->al.id));
		html_raw_trusted(b, " ");
		html_time(b, a->al.created_at);
		html_raw_trusted(b, "</td><td>");
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64, a->al.person_id),
			  a->person_name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, a->source_label);
		html_raw_trusted(b, "</td><td>");
		html_time(b, a->event_time);
		html_raw_trusted(b, "</td><td>");
		html_text(b, a->place);
		html_raw_trusted(b, "</td><td>");
		html_rawf_trusted(b, "<span class=\"risk r-%s\">", a->al.priority == 1 ? "high" : "low");
		html_text(b, _(choice_label(priorities, a->al.priority == 1 ? "1" : "2")));
		html_raw_trusted(b, "</span></td><td>");
		status_tag(b, &a->al, f.now);
		assist_tag(b, a);
		html_raw_trusted(b, "</td><td>");
		html_time(b, a->al.sign_due);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"8\" class=\"empty\">");
		html_text(b, _("没有预警"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, total, page, PER_PAGE);
	layout_end(r, w);
	return 200;
}

static int64_t path_id(struct req *r)
{
	const char *s = req_path_param(r, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && id > 0 ? id : 0;
}

static void row(struct buf *b, const char *k, const char *v)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, k);
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, v && *v ? v : "—");
	html_raw_trusted(b, "</dd></div>");
}

static const char *when(struct req *r, int64_t t)
{
	char *s = arena_alloc(&r->arena, 20);
	if (!t)
		return "";
	unix_format(t, s);
	return s;
}

/* The 协查 this alert asked of the township where the person was seen,
 * and what that township answered: found or not, how, who and when. */
static void assists_panel(struct req *r, struct buf *b, int64_t alert_id)
{
	static const char *const heads[] = { N_("协查乡镇（街道）"), N_("发起时间"), N_("协查内容"),
					     N_("状态"), N_("结果"), N_("回复内容"), N_("回复人"),
					     N_("回复时间"), NULL };
	struct assist_request *qs;
	struct buf err = BUF_INIT;
	int n = 0, i;

	if (store_assist_of_alert(req_db(r), alert_id, &r->arena, &qs, &n, &err) < 0) {
		fprintf(stderr, "jindu: alert assists: %s\n", err.buf);
		n = 0;
	}
	buf_release(&err);
	if (!n)
		return;
	html_raw_trusted(b, "<section class=\"panel\" id=\"assists\"><h2>");
	html_text(b, _("协查"));
	html_raw_trusted(b, "</h2><table class=\"grid compact\"><thead><tr>");
	for (i = 0; heads[i]; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(heads[i]));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct assist_request *q = &qs[i];
		int answered = !strcmp(q->status, "answered");
		html_rawf_trusted(b, "<tr id=\"assist-%" PRId64 "\"><td>", q->id);
		html_text(b, *q->to_name ? q->to_name : q->to_division);
		html_raw_trusted(b, "</td><td>");
		html_time(b, q->requested_at);
		html_raw_trusted(b, "</td><td>");
		html_text(b, q->reason);
		html_raw_trusted(b, answered ? "</td><td><span class=\"tag ok\">"
					     : "</td><td><span class=\"tag\">");
		html_text(b, answered ? _("已回复") : _("待回复"));
		html_raw_trusted(b, "</span></td><td>");
		html_text(b, !answered ? "—" : q->found ? _("已找到本人") : _("未找到"));
		html_raw_trusted(b, "</td><td>");
		html_text(b, answered ? q->answer : "—");
		html_raw_trusted(b, "</td><td>");
		html_text(b, answered && *q->answered_name ? q->answered_name : "—");
		html_raw_trusted(b, "</td><td>");
		html_time(b, q->answered_at);
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></section>");
}

/* GET /alerts/{id}: the alert, its event, the next step of its workflow,
 * and the 协查 it asked for. */
static int render_alert(struct req *r, struct resp *w, int64_t id, const char *notice)
{
	static const struct crumb crumbs[] = { { N_("预警"), "/alerts" }, { N_("预警详情"), NULL } };
	struct buf *b = &w->body, err = BUF_INIT;
	struct alert_row a;
	int64_t now = now_unix();
	int rc = store_alert_get(req_db(r), id, &r->arena, &a, &err);

	if (rc == 0 && !division_in(a.al.division, r->user.division_prefix))
		rc = STORE_NOTFOUND;
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("找不到该预警，或不在您的辖区内"), NULL);
	}
	if (rc < 0)
		return internal(w, "alert", &err);
	buf_release(&err);
	layout_begin(r, w, arena_printf(&r->arena, _("预警 %" PRId64), id), MOD_PERSON, crumbs, 2);
	if (notice) {
		html_raw_trusted(b, "<div class=\"notice error\" role=\"alert\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\" id=\"alert\"><h2>");
	html_text(b, _("命中情况"));
	html_raw_trusted(b, "</h2><p>");
	status_tag(b, &a.al, now);
	html_raw_trusted(b, "</p><dl class=\"kvs\">");
	row(b, _("人员"), arena_printf(&r->arena, "%s（%s）", a.person_name, a.person_id_masked));
	row(b, _("监控依据"), a.al.reason);
	row(b, _("优先级"), _(choice_label(priorities, a.al.priority == 1 ? "1" : "2")));
	row(b, _("来源"), a.source_label);
	row(b, _("时间"), when(r, a.event_time));
	row(b, _("地点"), a.place);
	row(b, _("区划"), a.event_division);
	row(b, _("详情"), a.details);
	row(b, _("签收期限"), when(r, a.al.sign_due));
	row(b, _("反馈期限"), when(r, a.al.feedback_due));
	row(b, _("签收时间"), when(r, a.al.signed_at));
	row(b, _("反馈时间"), when(r, a.al.handled_at));
	row(b, _("处置结果"), *a.al.feedback ? _(choice_label(alert_feedbacks, a.al.feedback)) : "");
	row(b, _("处置情况"), a.al.feedback_note);
	row(b, _("办结时间"), when(r, a.al.closed_at));
	row(b, _("逾期上报时间"), when(r, a.al.escalated_at));
	html_raw_trusted(b, "</dl><p>");
	html_link(b, arena_printf(&r->arena, "/persons/%" PRId64 "#watch", a.al.person_id),
		  _("打开档案"));
	html_raw_trusted(b, "</p>");
	if (role_can(r->role, MOD_PERSON, ACC_WRITE) && strcmp(a.al.status, "closed")) {
		struct form f = { r, b, NULL, 0, "alert-step" };
		const char *action = arena_printf(&r->arena, "/alerts/%" PRId64, id);
		form_begin(&f, action, "alert-step");
		if (!strcmp(a.al.status, "new")) {
			form_hidden(&f, "action", "sign");
			form_end(&f, N_("签收"), NULL);
		} else if (!strcmp(a.al.status, "signed")) {
			form_hidden(&f, "action", "handle");
			form_select(&f, "feedback", N_("处置结果"), NULL, alert_feedbacks, NULL, 1);
			form_input(&f, "note", N_("处置情况"), "", "text", 0,
				   N_("已检测的写明结果；其他情况写明经过"));
			form_end(&f, N_("反馈"), NULL);
		} else {
			form_hidden(&f, "action", "close");
			form_end(&f, N_("办结"), NULL);
		}
	}
	html_raw_trusted(b, "</section>");
	assists_panel(r, b, id);
	layout_end(r, w);
	return notice ? 422 : 200;
}

int page_alert(struct req *r, struct resp *w)
{
	return render_alert(r, w, path_id(r), NULL);
}

/* POST /alerts/{id} (and under /api/v1): action sign, handle (feedback,
 * note) or close. */
int page_alert_post(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t id = path_id(r);
	int rc = id ? alert_step(req_db(r), &r->actor, id, req_form(r, "action"),
				 req_form(r, "feedback"), req_form(r, "note"), &err)
		    : STORE_NOTFOUND;
	int status;

	if (rc == 0)
		status = r->is_api ? resp_json(w, 201, json_pack("{s:I}", "id", (json_int_t)id))
				   : resp_redirect(r, w, arena_printf(&r->arena, "/alerts/%" PRId64, id));
	else if (rc == STORE_NOTFOUND)
		status = resp_error(w, 404, "not_found", N_("找不到该预警，或不在您的辖区内"), NULL);
	else if (rc == FEED_INVALID)
		status = r->is_api ? resp_json(w, 422, json_pack("{s:{s:s,s:s,s:n}}", "error", "code",
								  "refused", "message", err.buf,
								  "field"))
				   : render_alert(r, w, id, arena_strdup(&r->arena, err.buf));
	else
		return internal(w, "alert step", &err);
	buf_release(&err);
	return status;
}
