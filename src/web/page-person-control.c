/* page-person-control.c - the control part of a person's page: measures, what is due, records, timeline. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/html.h"
#include "web/persons.h"
#include "web/server.h"

static void date_cell(struct buf *b, int ymd)
{
	html_raw_trusted(b, "<td>");
	html_date(b, ymd);
	html_raw_trusted(b, "</td>");
}

static void text_cell(struct buf *b, const char *s)
{
	html_raw_trusted(b, "<td>");
	html_text(b, s && *s ? s : "—");
	html_raw_trusted(b, "</td>");
}

static void heads(struct buf *b, const char *const *labels)
{
	html_raw_trusted(b, "<table class=\"grid compact\"><thead><tr>");
	for (; *labels; labels++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(*labels));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
}

static void empty_row(struct buf *b, int cols, const char *msg)
{
	html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", cols);
	html_text(b, _(msg));
	html_raw_trusted(b, "</td></tr>");
}

static const char *today_str(struct req *r)
{
	char *s = arena_alloc(&r->arena, 11);
	ymd_format(ymd_today(), s);
	return s;
}

/* One of the page's many forms: its id also scopes its fields' ids. */
static void mini_form_begin(struct form *f, const char *action, const char *id)
{
	f->scope = id;
	form_begin(f, action, id);
}

static void risk_panel(struct req *r, struct buf *b, const struct person *p)
{
	json_error_t je;
	json_t *parts = *p->risk_detail ? json_loads(p->risk_detail, 0, &je) : NULL;
	size_t i;

	html_raw_trusted(b, "<section class=\"panel\" id=\"risk\"><h2>");
	html_text(b, _("风险评估"));
	html_raw_trusted(b, "</h2>");
	if (!*p->risk_level) {
		html_raw_trusted(b, "<p class=\"muted\">");
		html_text(b, _("尚未评估：录入措施、检测或走访后自动评估"));
		html_raw_trusted(b, "</p></section>");
		json_decref(parts);
		return;
	}
	html_rawf_trusted(b, "<p><span class=\"risk r-%s\">",
			  choice_valid(risk_levels, p->risk_level) ? p->risk_level : "none");
	html_text(b, _(choice_label(risk_levels, p->risk_level)));
	html_raw_trusted(b, "</span> ");
	html_textf(b, _("得分 %d"), p->risk_score);
	html_raw_trusted(b, "</p>");
	if (json_is_array(parts) && json_array_size(parts)) {
		html_raw_trusted(b, "<ul class=\"breakdown\">");
		for (i = 0; i < json_array_size(parts); i++) {
			json_t *e = json_array_get(parts, i);
			json_int_t pts = json_integer_value(json_object_get(e, "points"));
			html_raw_trusted(b, "<li>");
			{
				const char *label = json_string_value(json_object_get(e, "label"));
				html_text(b, label ? _(label) : "");
			}
			html_rawf_trusted(b, " <b>%s%" JSON_INTEGER_FORMAT "</b></li>",
					  pts > 0 ? "+" : "", pts);
		}
		html_raw_trusted(b, "</ul>");
	}
	json_decref(parts);
	html_raw_trusted(b, "</section>");
	(void)r;
}

static void obligations_panel(struct req *r, struct buf *b, const struct person *p,
			      const struct measure *cur, const struct policy *pol,
			      const struct drug_test *t, int nt, const struct contact *c, int nc)
{
	struct activity *acts = arena_alloc(&r->arena, sizeof(*acts) * (size_t)(nt + nc + 1));
	struct obligation list[240];
	struct obligation_summary sum;
	static const char *const cols[] = { N_("事项"), N_("周期开始"), N_("应完成日期"),
					    N_("状态"), N_("完成日期"), NULL };
	int i, n = 0, total, first;

	for (i = 0; i < nt; i++)
		n += obligation_activity_from_test(&t[i], &acts[n]);
	for (i = 0; i < nc; i++)
		n += obligation_activity_from_contact(&c[i], &acts[n]);
	total = obligation_schedule(cur, pol, p->risk_level, acts, n, ymd_today(), list,
				    (int)(sizeof(list) / sizeof(list[0])), &sum);
	if (total > (int)(sizeof(list) / sizeof(list[0])))
		total = (int)(sizeof(list) / sizeof(list[0]));
	html_raw_trusted(b, "<section class=\"panel\" id=\"due\"><h2>");
	html_text(b, _("管控事项"));
	html_raw_trusted(b, "</h2><p>");
	html_textf(b, _("逾期 %d 项，近期到期 %d 项，累计未完成 %d 项，连续未完成 %d 项"), sum.overdue,
		   sum.due_soon, sum.missed_total, sum.missed_in_row);
	html_raw_trusted(b, "</p>");
	heads(b, cols);
	/* The last periods first: the current state matters most. */
	first = total > 16 ? total - 16 : 0;
	for (i = total - 1; i >= first; i--) {
		html_raw_trusted(b, "<tr>");
		text_cell(b, _(obligation_kinds[list[i].kind].label));
		date_cell(b, list[i].period_start);
		date_cell(b, list[i].due);
		html_rawf_trusted(b, "<td><span class=\"ob ob-%s\">", obligation_states[list[i].state].key);
		html_text(b, _(obligation_states[list[i].state].label));
		html_raw_trusted(b, "</span></td>");
		date_cell(b, list[i].done_date);
		html_raw_trusted(b, "</tr>");
	}
	if (!total)
		empty_row(b, 5, N_("当前措施没有需要完成的事项"));
	html_raw_trusted(b, "</tbody></table></section>");
}

/* The responsible worker: officers, social workers and police of the area. */
static void worker_select(struct req *r, struct form *f)
{
	struct user *users;
	struct buf err = BUF_INIT;
	int n = 0, i;
	if (store_user_list(req_db(r), r->user.division_prefix, &r->arena, &users, &n, &err) < 0)
		n = 0;
	buf_release(&err);
	html_rawf_trusted(f->b, "<div class=\"field\"><label for=\"f-%s-worker_id\">", f->scope);
	html_text(f->b, _("责任人"));
	html_rawf_trusted(f->b, "</label><select id=\"f-%s-worker_id\" name=\"worker_id\">",
			  f->scope);
	for (i = 0; i < n; i++) {
		if (users[i].disabled || (strcmp(users[i].role, "officer") &&
					  strcmp(users[i].role, "social_worker") &&
					  strcmp(users[i].role, "police")))
			continue;
		html_rawf_trusted(f->b, "<option value=\"%" PRId64 "\"%s>", users[i].id,
				  users[i].id == r->user.id ? " selected" : "");
		html_text(f->b, users[i].name);
		html_raw_trusted(f->b, "（");
		html_text(f->b, users[i].division_name);
		html_raw_trusted(f->b, "）</option>");
	}
	html_raw_trusted(f->b, "</select></div>");
}

/* The changes that can apply to m in its kind and status (the rules still
 * decide on dates and terms). */
static const struct choice *actions_for(struct req *r, const struct measure *m)
{
	struct choice *list = arena_alloc(&r->arena, sizeof(*list) * 7);
	int n = 0, kind = measure_kind_from_key(m->kind);
	int cr = kind == MK_COMMUNITY || kind == MK_REHAB;
	int decided = !strcmp(m->status, "decided"), active = !strcmp(m->status, "active");
	int suspended = !strcmp(m->status, "suspended");

	if (decided && cr)
		list[n++] = measure_actions[MA_REPORT];
	if (active)
		list[n++] = measure_actions[MA_SUSPEND];
	if (suspended)
		list[n++] = measure_actions[MA_RESUME];
	if (active && kind == MK_COMPULSORY)
		list[n++] = measure_actions[MA_EXTEND];
	if ((active || suspended) && kind == MK_COMPULSORY)
		list[n++] = measure_actions[MA_EARLY_RELEASE];
	list[n++] = measure_actions[MA_END];
	list[n].key = list[n].label = NULL;
	return list;
}

static void measure_action_form(struct req *r, struct buf *b, const struct measure *m)
{
	struct form f = { r, b, NULL, 0 };
	html_raw_trusted(b, "<details class=\"act\"><summary>");
	html_text(b, _("办理"));
	html_raw_trusted(b, "</summary>");
	mini_form_begin(&f, arena_printf(&r->arena, "/measures/%" PRId64, m->id),
			arena_printf(&r->arena, "measure-%" PRId64, m->id));
	form_hidden(&f, "version", arena_printf(&r->arena, "%" PRId64, m->version));
	html_raw_trusted(b, "<div class=\"cols\">");
	form_select(&f, "action", N_("办理事项"), NULL, actions_for(r, m), NULL, 1);
	form_input(&f, "date", N_("日期"), today_str(r), "date", 1, NULL);
	form_input(&f, "days", N_("延长天数"), "", "number", 0, N_("仅延长时填写"));
	form_select(&f, "reason", N_("结束原因"), NULL, measure_end_reasons, "", 0);
	form_input(&f, "doc_no", N_("文书编号"), "", "text", 0, NULL);
	html_raw_trusted(b, "</div>");
	form_end(&f, N_("提交"), NULL);
	html_raw_trusted(b, "</details>");
}

/* 执行地变更: to any township or village of the database's area. */
static void transfer_form(struct req *r, struct buf *b, const struct measure *m)
{
	struct form f = { r, b, NULL, 0, NULL };
	struct division *divs;
	struct buf err = BUF_INIT;
	char prefix[13];
	int n = 0;

	division_prefix(r->app->root, prefix);
	if (store_division_list(req_db(r), prefix, 4, 5, &r->arena, &divs, &n, &err) < 0)
		n = 0;
	buf_release(&err);
	html_raw_trusted(b, "<details class=\"act\"><summary>");
	html_text(b, _("申请变更执行地"));
	html_raw_trusted(b, "</summary>");
	mini_form_begin(&f, arena_printf(&r->arena, "/measures/%" PRId64 "/transfer", m->id),
			arena_printf(&r->arena, "transfer-%" PRId64, m->id));
	html_raw_trusted(b, "<div class=\"cols\">");
	form_select_division(&f, "to_division", N_("新的执行地"), NULL, divs, n, 1);
	form_input(&f, "reason", N_("变更原因"), "", "text", 0, N_("如：在现居住地有固定住所"));
	html_raw_trusted(b, "</div>");
	form_end(&f, N_("提交申请"), NULL);
	html_raw_trusted(b, "</details>");
}

static void measures_panel(struct req *r, struct buf *b, const struct person *p,
			   const struct measure *ms, int n, int can_write)
{
	static const char *const cols[] = { N_("措施"), N_("状态"), N_("决定书"), N_("决定日期"),
					    N_("执行地"), N_("开始"), N_("期满"), N_("结束"),
					    N_("责任人"), NULL };
	int i;
	html_raw_trusted(b, "<section class=\"panel\" id=\"measures\"><h2>");
	html_text(b, _("戒毒措施"));
	html_raw_trusted(b, "</h2>");
	heads(b, cols);
	for (i = 0; i < n; i++) {
		const struct measure *m = &ms[i];
		html_raw_trusted(b, "<tr>");
		text_cell(b, _(choice_label(measure_kinds, m->kind)));
		html_rawf_trusted(b, "<td><span class=\"ms ms-%s\">",
				  choice_valid(measure_statuses, m->status) ? m->status : "other");
		html_text(b, _(choice_label(measure_statuses, m->status)));
		html_raw_trusted(b, "</span>");
		if (*m->end_reason) {
			html_raw_trusted(b, "<br><small>");
			html_text(b, _(choice_label(measure_end_reasons, m->end_reason)));
			html_raw_trusted(b, "</small>");
		}
		html_raw_trusted(b, "</td>");
		text_cell(b, m->decision_no);
		date_cell(b, m->decision_date);
		text_cell(b, m->division_name);
		date_cell(b, m->start_date);
		date_cell(b, m->planned_end);
		date_cell(b, m->actual_end);
		text_cell(b, m->worker_name);
		html_raw_trusted(b, "</tr>");
		if (can_write && strcmp(m->status, "ended")) {
			html_raw_trusted(b, "<tr class=\"sub\"><td colspan=\"9\">");
			if (!strcmp(m->status, "decided") && m->report_deadline) {
				html_textf(b, _("报到期限：%s（含当日）。"),
					   arena_printf(&r->arena, "%04d-%02d-%02d",
							m->report_deadline / 10000,
							m->report_deadline / 100 % 100,
							m->report_deadline % 100));
			}
			measure_action_form(r, b, m);
			transfer_form(r, b, m);
			html_raw_trusted(b, "</td></tr>");
		}
	}
	if (!n)
		empty_row(b, 9, N_("尚无戒毒措施"));
	html_raw_trusted(b, "</tbody></table>");
	if (can_write) {
		struct form f = { r, b, NULL, 0 };
		struct division *divs;
		struct buf err = BUF_INIT;
		int ndivs = 0;
		store_division_list(req_db(r), r->user.division_prefix, 4, 5, &r->arena, &divs, &ndivs,
				    &err);
		buf_release(&err);
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("决定新的戒毒措施"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/measures", p->id),
				"measure-form");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_select(&f, "kind", N_("措施"), "community", measure_kinds, NULL, 1);
		form_input(&f, "decision_no", N_("决定书编号"), "", "text", 0, NULL);
		form_input(&f, "decision_date", N_("决定日期"), today_str(r), "date", 1, NULL);
		form_input(&f, "authority", N_("决定机关"), "", "text", 0, NULL);
		form_select_division(&f, "division", N_("执行地"), p->division, divs, ndivs, 1);
		form_input(&f, "agreement_date", N_("协议签订日期"), "", "date", 0, NULL);
		form_input(&f, "planned_end", N_("约定结束日期"), "", "date", 0,
			   N_("自愿戒毒、戒毒康复场所按协议填写"));
		html_raw_trusted(b, "</div>");
		worker_select(r, &f);
		form_end(&f, N_("决定"), NULL);
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "</section>");
}

static void records_panel(struct req *r, struct buf *b, const struct person *p,
			  const struct drug_test *t, int nt, const struct contact *c, int nc,
			  int can_write)
{
	static const char *const tcols[] = { N_("日期"), N_("方式"), N_("结果"), N_("检出物质"),
					     N_("检测人"), N_("样本编号"), NULL };
	static const char *const ccols[] = { N_("日期"), N_("类别"), N_("结果"), N_("情况"), NULL };
	struct form f = { r, b, NULL, 0 };
	int i;

	html_raw_trusted(b, "<section class=\"panels\"><div class=\"panel\" id=\"tests\"><h2>");
	html_text(b, _("吸毒检测"));
	html_raw_trusted(b, "</h2>");
	if (can_write) {
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("记录检测"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/tests", p->id),
				"test-form");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_input(&f, "date", N_("检测日期"), today_str(r), "date", 1, NULL);
		form_select(&f, "method", N_("检测方式"), "urine", control_test_methods, NULL, 1);
		form_select(&f, "result", N_("检测结果"), "negative", control_test_results, NULL, 1);
		form_input(&f, "tester", N_("检测人"), r->user.name, "text", 0, NULL);
		form_input(&f, "sample_no", N_("样本编号"), "", "text", 0, NULL);
		html_raw_trusted(b, "</div>");
		form_checks(&f, "substances", N_("检出物质（阳性时）"), "", person_drug_types);
		form_end(&f, N_("保存检测"), NULL);
		html_raw_trusted(b, "</details>");
	}
	heads(b, tcols);
	for (i = 0; i < nt && i < 30; i++) {
		html_raw_trusted(b, "<tr>");
		date_cell(b, t[i].date);
		text_cell(b, _(choice_label(control_test_methods, t[i].method)));
		html_rawf_trusted(b, "<td><span class=\"tr tr-%s\">",
				  choice_valid(control_test_results, t[i].result) ? t[i].result : "x");
		html_text(b, _(choice_label(control_test_results, t[i].result)));
		html_raw_trusted(b, "</span></td>");
		text_cell(b, persons_labels(r, person_drug_types, t[i].substances));
		text_cell(b, t[i].tester);
		text_cell(b, t[i].sample_no);
		html_raw_trusted(b, "</tr>");
	}
	if (!nt)
		empty_row(b, 6, N_("尚无检测记录"));
	html_raw_trusted(b, "</tbody></table></div><div class=\"panel\" id=\"contacts\"><h2>");
	html_text(b, _("走访与帮教"));
	html_raw_trusted(b, "</h2>");
	if (can_write) {
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("记录走访或谈话"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/contacts", p->id),
				"contact-form");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_input(&f, "date", N_("日期"), today_str(r), "date", 1, NULL);
		form_select(&f, "kind", N_("类别"), "visit", control_contact_kinds, NULL, 1);
		form_select(&f, "outcome", N_("结果"), "met", control_contact_outcomes, NULL, 1);
		html_raw_trusted(b, "</div>");
		form_textarea(&f, "note", N_("情况"), "");
		form_end(&f, N_("保存"), NULL);
		html_raw_trusted(b, "</details>");
	}
	heads(b, ccols);
	for (i = 0; i < nc && i < 30; i++) {
		html_raw_trusted(b, "<tr>");
		date_cell(b, c[i].date);
		text_cell(b, _(choice_label(control_contact_kinds, c[i].kind)));
		text_cell(b, _(choice_label(control_contact_outcomes, c[i].outcome)));
		text_cell(b, c[i].note);
		html_raw_trusted(b, "</tr>");
	}
	if (!nc)
		empty_row(b, 4, N_("尚无走访记录"));
	html_raw_trusted(b, "</tbody></table></div></section>");
}

/* An open relapse: the measure the policy proposes, decided in one step
 * (the running measure ends for the relapse), or the flag closed by hand. */
static void relapse_decide_form(struct req *r, struct buf *b, const struct person *p,
				const struct control_flag *fl)
{
	struct form f = { r, b, NULL, 0 };
	struct policy pol;
	struct division *divs;
	struct buf err = BUF_INIT;
	int ndivs = 0;

	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    store_division_list(req_db(r), r->user.division_prefix, 4, 5, &r->arena, &divs, &ndivs,
				&err) < 0) {
		fprintf(stderr, "jindu: relapse form: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	html_raw_trusted(b, "<details class=\"act\"><summary>");
	html_textf(b, _("按建议决定%s"), _(choice_label(measure_kinds, pol.relapse_proposal)));
	html_raw_trusted(b, "</summary>");
	mini_form_begin(&f, arena_printf(&r->arena, "/flags/%" PRId64 "/decide", fl->id),
			arena_printf(&r->arena, "decide-%" PRId64, fl->id));
	html_raw_trusted(b, "<div class=\"cols\">");
	form_input(&f, "decision_no", N_("决定书编号"), "", "text", 0, NULL);
	form_input(&f, "decision_date", N_("决定日期"), today_str(r), "date", 1, NULL);
	form_input(&f, "authority", N_("决定机关"), "", "text", 0, NULL);
	form_select_division(&f, "division", N_("执行地"), p->division, divs, ndivs, 1);
	html_raw_trusted(b, "</div>");
	worker_select(r, &f);
	html_raw_trusted(b, "<p class=\"hint\">");
	html_text(b, _("正在执行的措施以“复吸”结束，新措施接续。"));
	html_raw_trusted(b, "</p>");
	form_end(&f, N_("决定"), NULL);
	html_raw_trusted(b, "</details>");
}

/*
 * The latest sighting of a person since day (a partner's event that hit
 * them: their trajectory), or NULL: a lead for finding someone 脱管失控.
 */
static const struct feed_event *sighting_since(struct req *r, const struct person *p, int day)
{
	struct feed_event *ev;
	struct buf err = BUF_INIT;
	char when[20];
	int n = 0, ymd;

	if (store_feed_events_of(req_db(r), p->id, 1, &r->arena, &ev, &n, &err) < 0) {
		fprintf(stderr, "jindu: sighting: %s\n", err.buf);
		n = 0;
	}
	buf_release(&err);
	if (!n)
		return NULL;
	unix_format(ev->time, when);
	when[10] = '\0';
	return ymd_parse(when, &ymd) == 0 && ymd >= day ? ev : NULL;
}

/* An open 脱管失控 flag: ask another township to find the person (协查),
 * where they were last seen when a partner's event shows it. */
static void assist_form(struct req *r, struct buf *b, const struct control_flag *fl,
			const struct feed_event *seen)
{
	struct form f = { r, b, NULL, 0 };
	struct division *all, *others;
	struct buf err = BUF_INIT;
	const char *there = NULL, *reason = NULL;
	char root[13];
	int n = 0, i, k = 0;

	division_prefix(r->app->root, root);
	if (store_division_list(req_db(r), root, 4, 4, &r->arena, &all, &n, &err) < 0) {
		fprintf(stderr, "jindu: assist form: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	others = arena_alloc(&r->arena, sizeof(*others) * (size_t)(n + 1));
	for (i = 0; i < n; i++)
		if (!division_in(all[i].code, r->user.division_prefix))
			others[k++] = all[i];
	if (!k)
		return;
	html_raw_trusted(b, "<details class=\"act\"><summary>");
	html_text(b, _("发起协查"));
	html_raw_trusted(b, "</summary>");
	mini_form_begin(&f, arena_printf(&r->arena, "/flags/%" PRId64 "/assist", fl->id),
			arena_printf(&r->arena, "assist-%" PRId64, fl->id));
	if (seen) {
		char when[20];
		unix_format(seen->time, when);
		there = arena_printf(&r->arena, "%.9s", seen->division);
		reason = arena_printf(&r->arena, _("本人于 %.16s 出现在%s（%s），请协助查找"), when,
				      seen->place, seen->source_label);
	}
	form_select_division(&f, "to_division", N_("请哪个乡镇（街道）协查"), there, others, k, 1);
	form_textarea(&f, "reason", N_("协查内容"), reason);
	form_end(&f, N_("发起协查"), NULL);
	html_raw_trusted(b, "</details>");
}

/* The 协查 about this person, with their answers. */
static void assists_list(struct req *r, struct buf *b, const struct person *p)
{
	struct assist_request *qs;
	struct buf err = BUF_INIT;
	int n = 0, i;

	if (store_assist_of_person(req_db(r), p->id, &r->arena, &qs, &n, &err) < 0) {
		fprintf(stderr, "jindu: assists: %s\n", err.buf);
		n = 0;
	}
	buf_release(&err);
	if (!n)
		return;
	html_raw_trusted(b, "<h3>");
	html_text(b, _("协查"));
	html_raw_trusted(b, "</h3><ul class=\"assists\" id=\"assists\">");
	for (i = 0; i < n; i++) {
		char when[20];
		unix_format(qs[i].requested_at, when);
		html_raw_trusted(b, "<li>");
		html_textf(b, _("%s 请%s协查：%s"), when, qs[i].to_name, qs[i].reason);
		html_raw_trusted(b, !strcmp(qs[i].status, "requested") ? " <span class=\"tag\">"
									 : " <span class=\"tag ok\">");
		if (!strcmp(qs[i].status, "requested"))
			html_text(b, _("待回复"));
		else
			html_textf(b, "%s：%s", qs[i].found ? _("已找到") : _("未找到"), qs[i].answer);
		html_raw_trusted(b, "</span></li>");
	}
	html_raw_trusted(b, "</ul>");
}

/* "预警线索：…" under an open 脱管失控 flag. */
static void sighting(struct req *r, struct buf *b, const struct person *p,
		     const struct feed_event *ev)
{
	char when[20];
	unix_format(ev->time, when);
	html_raw_trusted(b, "<p class=\"lead\" id=\"sighting\">");
	html_textf(b, _("预警线索：%.16s 出现在%s（%s）。"), when, ev->place, ev->source_label);
	html_raw_trusted(b, " ");
	html_link(b, arena_printf(&r->arena, "/persons/%" PRId64 "#watch", p->id), _("查看轨迹"));
	html_raw_trusted(b, "</p>");
}

static void more_panel(struct req *r, struct buf *b, const struct person *p,
		       const struct absence *ab, int na, const struct assistance *as, int nas,
		       const struct control_flag *fl, int nf, int can_write)
{
	static const char *const fcols[] = { N_("日期"), N_("类别"), N_("原因"), N_("处理"), NULL };
	static const char *const acols[] = { N_("类别"), N_("开始"), N_("结束"), N_("机构"),
					     N_("内容"), NULL };
	static const char *const bcols[] = { N_("离开"), N_("返回"), N_("经批准"), N_("去向"), NULL };
	static const struct choice flag_kinds[] = { { "lost", N_("脱管失控") },
						    { "relapse", N_("复吸") },
						    { "violation", N_("严重违反协议") },
						    { NULL, NULL } };
	struct form f = { r, b, NULL, 0 };
	int i;

	html_raw_trusted(b, "<section class=\"panels\"><div class=\"panel\" id=\"flags\"><h2>");
	html_text(b, _("失控、复吸与违规"));
	html_raw_trusted(b, "</h2>");
	heads(b, fcols);
	for (i = 0; i < nf; i++) {
		html_raw_trusted(b, fl[i].resolved_date ? "<tr>" : "<tr class=\"open\">");
		date_cell(b, fl[i].date);
		text_cell(b, _(choice_label(flag_kinds, fl[i].kind)));
		html_raw_trusted(b, "<td>");
		/* fixed reasons have a translation; composed ones stay as written */
		html_text(b, *fl[i].reason ? _(fl[i].reason) : "");
		if (*fl[i].evidence && strncmp(fl[i].evidence, "drug_test ", 10)) {
			html_raw_trusted(b, "<div class=\"evidence\">");
			html_text(b, fl[i].evidence);
			html_raw_trusted(b, "</div>");
		}
		html_raw_trusted(b, "</td><td>");
		if (fl[i].resolved_date) {
			html_date(b, fl[i].resolved_date);
			html_raw_trusted(b, " ");
			html_text(b, fl[i].resolution);
		} else if (can_write) {
			int relapse = !strcmp(fl[i].kind, "relapse");
			if (!strcmp(fl[i].kind, "lost")) {
				const struct feed_event *seen = sighting_since(r, p, fl[i].date);
				if (seen)
					sighting(r, b, p, seen);
				assist_form(r, b, &fl[i], seen);
			}
			if (relapse) {
				relapse_decide_form(r, b, p, &fl[i]);
				html_raw_trusted(b, "<details class=\"act\"><summary>");
				html_text(b, _("另行处理"));
				html_raw_trusted(b, "</summary>");
			}
			mini_form_begin(&f, arena_printf(&r->arena, "/flags/%" PRId64, fl[i].id),
					arena_printf(&r->arena, "flag-%" PRId64, fl[i].id));
			html_raw_trusted(b, "<div class=\"cols\">");
			form_input(&f, "date", N_("处理日期"), today_str(r), "date", 1, NULL);
			form_input(&f, "resolution", N_("处理结果"),
				   !strcmp(fl[i].kind, "lost") ? _("已找到本人，恢复管控") : "", "text",
				   1, NULL);
			html_raw_trusted(b, "</div>");
			form_end(&f, N_("处理完毕"), NULL);
			if (relapse)
				html_raw_trusted(b, "</details>");
		}
		html_raw_trusted(b, "</td></tr>");
	}
	if (!nf)
		empty_row(b, 4, N_("没有标记"));
	html_raw_trusted(b, "</tbody></table>");
	assists_list(r, b, p);
	if (can_write) {
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("标记脱管失控"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/lost", p->id),
				"lost-form");
		form_input(&f, "date", N_("失控日期"), today_str(r), "date", 1, NULL);
		form_input(&f, "reason", N_("原因"), "", "text", 1, NULL);
		form_end(&f, N_("标记"), NULL);
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "</div><div class=\"panel\" id=\"assistance\"><h2>");
	html_text(b, _("帮扶救助"));
	html_raw_trusted(b, "</h2>");
	heads(b, acols);
	for (i = 0; i < nas; i++) {
		html_raw_trusted(b, "<tr>");
		text_cell(b, _(choice_label(control_assistance_kinds, as[i].kind)));
		date_cell(b, as[i].start_date);
		date_cell(b, as[i].end_date);
		text_cell(b, as[i].provider);
		text_cell(b, as[i].detail);
		html_raw_trusted(b, "</tr>");
	}
	if (!nas)
		empty_row(b, 5, N_("尚无帮扶记录"));
	html_raw_trusted(b, "</tbody></table>");
	if (can_write) {
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("记录帮扶"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/assistance",
						    p->id), "assistance-form");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_select(&f, "kind", N_("类别"), "employment", control_assistance_kinds, NULL, 1);
		form_input(&f, "start_date", N_("开始日期"), today_str(r), "date", 1, NULL);
		form_input(&f, "end_date", N_("结束日期"), "", "date", 0, NULL);
		form_input(&f, "provider", N_("安置点、单位或机构"), "", "text", 0, NULL);
		html_raw_trusted(b, "</div>");
		form_textarea(&f, "detail", N_("内容"), "");
		form_end(&f, N_("保存"), NULL);
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "<h2>");
	html_text(b, _("离开县域"));
	html_raw_trusted(b, "</h2>");
	heads(b, bcols);
	for (i = 0; i < na; i++) {
		html_raw_trusted(b, "<tr>");
		date_cell(b, ab[i].start_date);
		date_cell(b, ab[i].end_date);
		text_cell(b, ab[i].permitted ? _("是") : _("否"));
		text_cell(b, ab[i].destination);
		html_raw_trusted(b, "</tr>");
	}
	if (!na)
		empty_row(b, 4, N_("没有离开县域的记录"));
	html_raw_trusted(b, "</tbody></table>");
	if (can_write) {
		static const struct choice yesno[] = { { "1", N_("经批准") }, { "0", N_("未经批准") },
						       { NULL, NULL } };
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, _("记录离开县域"));
		html_raw_trusted(b, "</summary>");
		mini_form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/absences", p->id),
				"absence-form");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_input(&f, "start_date", N_("离开日期"), today_str(r), "date", 1, NULL);
		form_input(&f, "end_date", N_("返回日期"), "", "date", 0, N_("尚未返回可不填"));
		form_select(&f, "permitted", N_("是否经批准"), "1", yesno, NULL, 1);
		form_input(&f, "destination", N_("去向"), "", "text", 0, NULL);
		html_raw_trusted(b, "</div>");
		form_end(&f, N_("保存"), NULL);
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "</div></section>");
}

struct tl_item {
	int date;
	const char *what;
	const char *text;
	int seq;  /* order of writing: same-day entries keep it, newest first */
};

static int tl_cmp(const void *x, const void *y)
{
	const struct tl_item *a = x, *b = y;
	return a->date != b->date ? b->date - a->date : b->seq - a->seq;
}

static void timeline_panel(struct req *r, struct buf *b, const struct person *p,
			   const struct measure *ms, int nm, const struct measure_event *ev, int ne,
			   const struct drug_test *t, int nt, const struct contact *c, int nc,
			   const struct absence *ab, int na, const struct assistance *as, int nas,
			   const struct control_flag *fl, int nf, const struct methadone_month *mm,
			   int nmm, const struct policy *pol)
{
	struct arena *a = &r->arena;
	int cap = nm + ne + nt + nc + na + nas + 2 * nf + nmm + 2, n = 0, i, j;
	struct tl_item *items = arena_alloc(a, sizeof(*items) * (size_t)cap);

	if (p->first_found_date)
		items[n++] = (struct tl_item){ p->first_found_date, _("初次发现"), p->first_found_unit };
	for (i = 0; i < ne; i++) {
		const char *kind = "";
		for (j = 0; j < nm; j++)
			if (ms[j].id == ev[i].measure_id)
				kind = _(choice_label(measure_kinds, ms[j].kind));
		items[n++] = (struct tl_item){
			ev[i].date, kind,
			arena_printf(a, "%s%s%s", !strcmp(ev[i].kind, "decide") ? _("决定")
				     : !strcmp(ev[i].kind, "transfer") ? _("执行地变更")
				     : _(choice_label(measure_actions, ev[i].kind)),
				     *ev[i].doc_no ? " " : "", ev[i].doc_no)
		};
	}
	for (i = 0; i < nt; i++)
		items[n++] = (struct tl_item){ t[i].date, _(choice_label(control_test_methods, t[i].method)),
					       _(choice_label(control_test_results, t[i].result)) };
	for (i = 0; i < nc; i++)
		items[n++] = (struct tl_item){ c[i].date, _(choice_label(control_contact_kinds, c[i].kind)),
					       arena_printf(a, "%s %s",
							    _(choice_label(control_contact_outcomes,
									   c[i].outcome)),
							    c[i].note) };
	for (i = 0; i < na; i++)
		items[n++] = (struct tl_item){ ab[i].start_date, _("离开县域"),
					       arena_printf(a, "%s %s", ab[i].permitted ? _("经批准") :
							    _("未经批准"), ab[i].destination) };
	for (i = 0; i < nas; i++)
		items[n++] = (struct tl_item){ as[i].start_date,
					       _(choice_label(control_assistance_kinds, as[i].kind)),
					       arena_printf(a, "%s %s", as[i].provider, as[i].detail) };
	for (i = 0; i < nf; i++) {
		items[n++] = (struct tl_item){ fl[i].date, !strcmp(fl[i].kind, "lost") ? _("脱管失控")
							   : !strcmp(fl[i].kind, "relapse") ? _("复吸")
							   : _("严重违反协议"),
					       fl[i].reason };
		if (fl[i].resolved_date)
			items[n++] = (struct tl_item){ fl[i].resolved_date, _("处理"), fl[i].resolution };
	}
	for (i = 0; i < nmm; i++) {
		/* a month is known at its end (or today, for this month) */
		char month[8], rate[16], dose[16];
		int last = methadone_month_last(mm[i].month), today = ymd_today();
		methadone_month_format(mm[i].month, month);
		methadone_rate_format(methadone_adherence(mm[i].days_taken, mm[i].days_due), rate);
		methadone_dose_format(mm[i].dose_tenths, dose);
		items[n++] = (struct tl_item){
			last < today ? last : today, _("美沙酮服药"),
			arena_printf(a, _("%s 依从率 %s（%d/%d 天），平均剂量 %s 毫克，%s%s"), month,
				     rate, mm[i].days_taken, mm[i].days_due, dose, mm[i].clinic,
				     methadone_poor(mm[i].days_taken, mm[i].days_due,
						    pol->methadone_min_percent)
					     ? _("，依从性差") : "")
		};
	}
	for (i = 0; i < n; i++)
		items[i].seq = i;
	qsort(items, (size_t)n, sizeof(*items), tl_cmp);
	html_raw_trusted(b, "<section class=\"panel\" id=\"timeline\"><h2>");
	html_text(b, _("时间线"));
	html_raw_trusted(b, "</h2><ol class=\"timeline\">");
	for (i = 0; i < n && i < 200; i++) {
		html_raw_trusted(b, "<li><span class=\"when\">");
		html_date(b, items[i].date);
		html_raw_trusted(b, "</span><span class=\"what\">");
		html_text(b, items[i].what);
		html_raw_trusted(b, "</span> ");
		html_text(b, items[i].text);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ol></section>");
}

int person_control_sections(struct req *r, struct buf *b, const struct person *p)
{
	struct db *db = req_db(r);
	struct buf err = BUF_INIT;
	struct policy pol;
	struct measure *ms;
	struct measure_event *ev;
	struct drug_test *t;
	struct contact *c;
	struct absence *ab;
	struct assistance *as;
	struct control_flag *fl;
	struct methadone_month *mm;
	int nm, ne, nt, nc, na, nas, nf, nmm, i;
	int can_write = role_can(r->role, MOD_PERSON, ACC_WRITE);
	const struct measure *cur = NULL;

	if (control_policy(db, &pol, &err) < 0 ||
	    store_measure_list(db, p->id, &r->arena, &ms, &nm, &err) < 0 ||
	    store_measure_events(db, p->id, &r->arena, &ev, &ne, &err) < 0 ||
	    store_tests(db, p->id, &r->arena, &t, &nt, &err) < 0 ||
	    store_contacts(db, p->id, &r->arena, &c, &nc, &err) < 0 ||
	    store_absences(db, p->id, &r->arena, &ab, &na, &err) < 0 ||
	    store_assistances(db, p->id, &r->arena, &as, &nas, &err) < 0 ||
	    store_flags(db, p->id, &r->arena, &fl, &nf, &err) < 0 ||
	    store_methadone_list(db, p->id, &r->arena, &mm, &nmm, &err) < 0) {
		fprintf(stderr, "jindu: person control: %s\n", err.buf);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	for (i = 0; i < nm && !cur; i++)
		if (strcmp(ms[i].status, "ended"))
			cur = &ms[i];
	if (p->closed_date)
		can_write = 0;
	risk_panel(r, b, p);
	measures_panel(r, b, p, ms, nm, can_write);
	if (cur)
		obligations_panel(r, b, p, cur, &pol, t, nt, c, nc);
	records_panel(r, b, p, t, nt, c, nc, can_write);
	more_panel(r, b, p, ab, na, as, nas, fl, nf, can_write);
	person_methadone_panel(r, b, p, as, nas, mm, nmm, &pol, can_write);
	person_watch_panel(r, b, p);
	timeline_panel(r, b, p, ms, nm, ev, ne, t, nt, c, nc, ab, na, as, nas, fl, nf, mm, nmm,
		       &pol);
	return 0;
}
