/* page-work.c - 工作清单: whom to test, visit or talk to today, what is overdue, this week. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

#define PER_PAGE 50

static void due_cell(struct buf *b, const struct obligation_summary *s, enum obligation_kind k,
		     int today, int soon)
{
	int due = s->next_due[k];
	const char *cls = !due ? "" : s->state[k] == OB_OVERDUE || due < today ? "late"
				 : due <= soon ? "soon" : "";
	html_rawf_trusted(b, "<td class=\"%s\">", cls);
	if (due && s->state[k] != OB_DONE)
		html_date(b, due);
	else
		html_raw_trusted(b, "—");
	html_raw_trusted(b, "</td>");
}

/* One button that records a routine result for today and comes back here. */
static void quick(struct req *r, struct buf *b, int64_t pid, const char *what, const char *label,
		  const char *back)
{
	html_rawf_trusted(b, "<form method=\"post\" class=\"inline\" action=\"/persons/%" PRId64 "/%s\">",
			  pid, what);
	html_raw_trusted(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
	html_attr(b, r->csrf ? r->csrf : "");
	html_raw_trusted(b, "\"><input type=\"hidden\" name=\"back\" value=\"");
	html_attr(b, back);
	html_raw_trusted(b, "\"><input type=\"hidden\" name=\"date\" value=\"");
	{
		char d[11];
		ymd_format(ymd_today(), d);
		html_attr(b, d);
	}
	if (!strcmp(what, "tests"))
		html_raw_trusted(b, "\"><input type=\"hidden\" name=\"method\" value=\"urine\">"
				    "<input type=\"hidden\" name=\"result\" value=\"negative\">");
	else
		html_raw_trusted(b, "\"><input type=\"hidden\" name=\"kind\" value=\"visit\">"
				    "<input type=\"hidden\" name=\"outcome\" value=\"met\">");
	html_raw_trusted(b, "<button type=\"submit\" class=\"small\">");
	html_text(b, label);
	html_raw_trusted(b, "</button></form>");
}

/* 执行地变更 waiting for this area to accept, and this area's own requests. */
static void transfers(struct req *r, struct buf *b, int can_write)
{
	struct transfer *in, *out;
	struct buf err = BUF_INIT;
	int nin = 0, nout = 0, i;

	if (store_transfer_pending(req_db(r), r->user.division_prefix, 1, &r->arena, &in, &nin,
				   &err) < 0 ||
	    store_transfer_pending(req_db(r), r->user.division_prefix, 0, &r->arena, &out, &nout,
				   &err) < 0) {
		fprintf(stderr, "jindu: transfers: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	for (i = 0; i < nin + nout; i++) {
		const struct transfer *t = i < nin ? &in[i] : &out[i - nin];
		struct measure m;
		struct person p;
		struct division to;
		int incoming = i < nin;
		/* moves inside one's own area are both: show them once */
		if (!incoming && division_in(t->to_division, r->user.division_prefix))
			continue;
		if (store_measure_get(req_db(r), t->measure_id, &r->arena, &m, &err) != 0 ||
		    store_person_get(req_db(r), m.person_id, &r->arena, &p, &err) != 0 ||
		    store_division_get(req_db(r), t->to_division, &r->arena, &to, &err) != 0)
			continue;
		html_raw_trusted(b, "<div class=\"reminder\">");
		html_textf(b, incoming ? _("执行地变更待接收：%s（%s），%s %s → %s。")
				       : _("本辖区已申请变更执行地：%s（%s），%s %s → %s，待对方接收。"),
			   p.name, p.id_masked, _(choice_label(measure_kinds, m.kind)), m.division_name,
			   to.name);
		if (*t->reason) {
			html_raw_trusted(b, " ");
			html_text(b, t->reason);
		}
		if (incoming && can_write) {
			static const char *const acts[] = { "accept", "refuse" };
			static const char *const labels[] = { N_("接收"), N_("不予接收") };
			int k;
			for (k = 0; k < 2; k++) {
				html_rawf_trusted(b, " <form method=\"post\" class=\"inline\" "
						     "action=\"/transfers/%" PRId64 "\">", t->id);
				html_raw_trusted(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
				html_attr(b, r->csrf ? r->csrf : "");
				html_rawf_trusted(b, "\"><input type=\"hidden\" name=\"action\" "
						     "value=\"%s\"><button type=\"submit\" class=\"small\">",
						  acts[k]);
				html_text(b, _(labels[k]));
				html_raw_trusted(b, "</button></form>");
			}
		}
		html_raw_trusted(b, "</div>");
	}
	buf_release(&err);
}

/* 协查 asked of this area (to answer), and this area's that were answered
 * in the last 30 days. */
static void assists(struct req *r, struct buf *b, int can_write)
{
	struct assist_request *in, *out;
	struct buf err = BUF_INIT;
	int nin = 0, nout = 0, i;

	if (store_assist_list(req_db(r), r->user.division_prefix, 1, 0, &r->arena, &in, &nin,
			      &err) < 0 ||
	    store_assist_list(req_db(r), r->user.division_prefix, 0, 30, &r->arena, &out, &nout,
			      &err) < 0) {
		fprintf(stderr, "jindu: assists: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	for (i = 0; i < nin; i++) {
		const struct assist_request *q = &in[i];
		if (strcmp(q->status, "requested"))
			continue;
		html_rawf_trusted(b, "<div class=\"reminder\" id=\"assist-%" PRId64 "\">", q->id);
		html_textf(b, _("协查请求：%s请协助查找%s（%s）。"), q->from_name, q->person_name,
			   q->person_id_masked);
		html_raw_trusted(b, " ");
		html_text(b, q->reason);
		if (can_write) {
			struct form f = { r, b, NULL, 0, "" };
			static const struct choice found[] = { { "1", N_("已找到本人") },
							       { "0", N_("未找到") },
							       { NULL, NULL } };
			f.scope = arena_printf(&r->arena, "answer-%" PRId64, q->id);
			form_begin(&f, arena_printf(&r->arena, "/assist/%" PRId64, q->id), f.scope);
			html_raw_trusted(b, "<div class=\"cols\">");
			form_select(&f, "found", N_("结果"), "1", found, NULL, 1);
			form_input(&f, "answer", N_("情况说明"), "", "text", 1, NULL);
			html_raw_trusted(b, "</div>");
			form_end(&f, N_("回复"), NULL);
		}
		html_raw_trusted(b, "</div>");
	}
	for (i = 0; i < nout; i++) {
		const struct assist_request *q = &out[i];
		if (strcmp(q->status, "answered"))
			continue;
		html_raw_trusted(b, "<div class=\"notice\">");
		html_textf(b, _("%s已回复协查（%s）：%s，%s"), q->to_name, q->person_name,
			   q->found ? _("已找到本人") : _("未找到"), q->answer);
		html_raw_trusted(b, " ");
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64 "#flags", q->person_id),
			  _("打开档案"));
		html_raw_trusted(b, "</div>");
	}
}

int page_work(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct policy pol;
	struct work_item *items;
	struct work_counts counts;
	struct worklist_query q;
	const char *scope = req_query(r, "scope");
	const char *view = req_query(r, "view");
	int mine = scope && !strcmp(scope, "mine");
	int today = ymd_today(), n, i, page = (int)req_int(r, "page", 1, 1, 100000);
	int64_t total;
	int soon;
	int can_write = role_can(r->role, MOD_PERSON, ACC_WRITE);
	static const struct crumb crumbs[] = { { N_("人员管控"), "/persons" }, { N_("工作清单"), NULL } };
	static const char *const heads[] = { N_("姓名"), N_("措施"), N_("风险"), N_("执行地"),
					     N_("检测"), N_("走访"), N_("谈话"), N_("逾期"), NULL };
	const char *back;

	if (!view || (strcmp(view, "overdue") && strcmp(view, "week") && strcmp(view, "all")))
		view = "week";
	q.prefix = r->user.division_prefix;
	q.worker_id = mine ? r->user.id : 0;
	q.view = !strcmp(view, "overdue") ? WORK_OVERDUE : !strcmp(view, "week") ? WORK_WEEK : WORK_ALL;
	q.offset = (page - 1) * PER_PAGE;
	q.limit = PER_PAGE;
	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    control_worklist(req_db(r), &q, &pol, today, &r->arena, &items, &n, &counts, &err) < 0) {
		fprintf(stderr, "jindu: worklist: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	soon = ymd_add_days(today, pol.due_soon_days);
	total = q.view == WORK_OVERDUE ? counts.overdue
		: q.view == WORK_WEEK ? counts.overdue + counts.soon : counts.all;
	back = layout_here(r);

	layout_begin(r, w, _("工作清单"), MOD_PERSON, crumbs, 2);
	if (req_query(r, "done") && !strcmp(req_query(r, "done"), "assist")) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, _("已回复协查"));
		html_raw_trusted(b, "</div>");
	}
	transfers(r, b, can_write);
	assists(r, b, can_write);
	html_raw_trusted(b, "<div class=\"toolbar tabs\">");
	html_link(b, arena_printf(&r->arena, "/work?view=overdue%s", mine ? "&scope=mine" : ""),
		  arena_printf(&r->arena, _("逾期（%lld）"), (long long)counts.overdue));
	html_link(b, arena_printf(&r->arena, "/work?view=week%s", mine ? "&scope=mine" : ""),
		  arena_printf(&r->arena, _("本周到期（%lld）"), (long long)counts.soon));
	html_link(b, arena_printf(&r->arena, "/work?view=all%s", mine ? "&scope=mine" : ""),
		  arena_printf(&r->arena, _("全部在管（%lld）"), (long long)counts.all));
	html_raw_trusted(b, " · ");
	html_link(b, arena_printf(&r->arena, "/work?view=%s%s", view, mine ? "" : "&scope=mine"),
		  mine ? _("看本辖区全部") : _("只看我负责的"));
	html_raw_trusted(b, "</div><table class=\"grid\" id=\"worklist\"><thead><tr>");
	for (i = 0; heads[i]; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(heads[i]));
		html_raw_trusted(b, "</th>");
	}
	if (can_write) {
		html_raw_trusted(b, "<th>");
		html_text(b, _("一键记录（今天）"));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct work_item *it = &items[i];
		int is_late = it->sum.overdue > 0;
		html_raw_trusted(b, is_late ? "<tr class=\"late\"><td>" : "<tr><td>");
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64, it->om.m.person_id),
			  it->om.person_name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(choice_label(measure_kinds, it->om.m.kind)));
		html_raw_trusted(b, " <small>");
		html_text(b, _(choice_label(measure_statuses, it->om.m.status)));
		html_raw_trusted(b, "</small></td><td>");
		if (*it->om.risk_level) {
			html_rawf_trusted(b, "<span class=\"risk r-%s\">", it->om.risk_level);
			html_text(b, _(choice_label(risk_levels, it->om.risk_level)));
			html_raw_trusted(b, "</span>");
		}
		html_raw_trusted(b, "</td><td>");
		html_text(b, it->om.m.division_name);
		html_raw_trusted(b, "</td>");
		due_cell(b, &it->sum, OB_TEST, today, soon);
		due_cell(b, &it->sum, OB_VISIT, today, soon);
		due_cell(b, &it->sum, OB_TALK, today, soon);
		html_rawf_trusted(b, "<td class=\"n\">%d</td>", it->sum.overdue);
		if (can_write) {
			html_raw_trusted(b, "<td>");
			if (!strcmp(it->om.m.status, "active")) {
				quick(r, b, it->om.m.person_id, "tests", _("尿检阴性"), back);
				quick(r, b, it->om.m.person_id, "contacts", _("走访见面"), back);
			}
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	if (!n) {
		html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", can_write ? 9 : 8);
		html_text(b, _("没有需要办理的事项"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, total, page, PER_PAGE);
	layout_end(r, w);
	return 200;
}
