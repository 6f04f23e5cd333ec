/* page-persons.c - 人员管控: the registry list with filters, a person's file, new and edit forms. */
#include <ctype.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/measure.h"
#include "domain/person.h"
#include "domain/risk.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/persons.h"
#include "web/server.h"

#define PER_PAGE 30

static const struct {
	const char *key;
	enum person_sort sort;
} sorts[] = {
	{ "found", PERSON_SORT_FOUND },   { "name", PERSON_SORT_NAME },
	{ "birth", PERSON_SORT_BIRTH },   { "division", PERSON_SORT_DIVISION },
	{ "status", PERSON_SORT_STATUS }, { "updated", PERSON_SORT_UPDATED },
};

int persons_filter_from_query(struct req *r, struct person_filter *f, struct buf *what)
{
	const char *q = req_query(r, "q"), *div = req_query(r, "division");
	const char *s = req_query(r, "sort"), *st = req_query(r, "status");
	const char *ad = req_query(r, "addiction");
	char prefix[13];
	int year = (int)req_int(r, "found_year", 0, 1900, 2999);
	size_t i;

	memset(f, 0, sizeof(*f));
	f->prefix = r->user.division_prefix;
	f->registered = (int)req_int(r, "registered", -1, -1, 1);
	f->include_closed = req_int(r, "closed", 0, 0, 1) == 1;
	f->desc = 1;
	f->sort = PERSON_SORT_FOUND;
	if (div && *div) {
		if (!division_valid(div))
			return -1;
		division_prefix(div, prefix);
		/* A narrower area inside the user's own; anything else is refused. */
		if (!division_in(prefix, r->user.division_prefix))
			return -1;
		f->prefix = arena_strdup(&r->arena, prefix);
		buf_addf(what, "division=%s ", div);
	}
	if (q && *q) {
		struct idcard id;
		struct buf err = BUF_INIT;
		const char *p = q;
		int looks_like_id = strlen(q) == 15 || strlen(q) == 18;
		for (; *p && looks_like_id; p++)
			if (!isdigit((unsigned char)*p) && *p != 'x' && *p != 'X')
				looks_like_id = 0;
		if (looks_like_id && idcard_parse(q, 0, &id, &err) == 0) {
			char *hash = arena_alloc(&r->arena, 65);
			char masked[19];
			store_id_hash(r->app->store, id.number, hash);
			f->id_hash = hash;
			idcard_mask(id.number, masked);
			buf_addf(what, "id=%s ", masked);
		} else {
			f->name = q;
			buf_addf(what, "q=%s ", q);
		}
		buf_release(&err);
	}
	if (st && *st) {
		if (!choice_valid(person_control_statuses, st))
			return -1;
		f->control_status = st;
		buf_addf(what, "status=%s ", st);
	}
	if (ad && *ad) {
		if (!choice_valid(person_addiction_levels, ad))
			return -1;
		f->addiction = ad;
		buf_addf(what, "addiction=%s ", ad);
	}
	/* The coded filters: each must be a known key. */
	{
		static const struct {
			const char *param;
			const struct choice *list;
			size_t off;
		} coded[] = {
			{ "risk", risk_levels, offsetof(struct person_filter, risk_level) },
			{ "drug", person_drug_types, offsetof(struct person_filter, drug_type) },
			{ "special", person_special_statuses, offsetof(struct person_filter, special) },
			{ "measure", measure_kinds, offsetof(struct person_filter, measure_kind) },
		};
		for (i = 0; i < sizeof(coded) / sizeof(coded[0]); i++) {
			const char *v = req_query(r, coded[i].param);
			if (!v || !*v)
				continue;
			if (!choice_valid(coded[i].list, v))
				return -1;
			*(const char **)(void *)((char *)f + coded[i].off) = v;
			buf_addf(what, "%s=%s ", coded[i].param, v);
		}
	}
	if (year) {
		f->found_from = year * 10000 + 101;
		f->found_to = year * 10000 + 1231;
		buf_addf(what, "found_year=%d ", year);
	}
	if (f->registered >= 0)
		buf_addf(what, "registered=%d ", f->registered);
	if (f->include_closed)
		buf_adds(what, "closed=1 ");
	for (i = 0; s && i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (!strcmp(s, sorts[i].key))
			f->sort = sorts[i].sort;
	/* Newest first by default; a named column sorts ascending unless told. */
	if (s)
		f->desc = req_query(r, "dir") && !strcmp(req_query(r, "dir"), "desc");
	return 0;
}

/* A select of the filter bar: closes the one before (the caller's markup
 * leaves the previous select open) and opens this one. */
static void filter_select(struct buf *b, const char *name, const char *all,
			  const struct choice *list, const char *value)
{
	html_rawf_trusted(b, "</select><select name=\"%s\"><option value=\"\">", name);
	html_text(b, all);
	html_raw_trusted(b, "</option>");
	form_options(b, list, value);
}

static void filter_form(struct req *r, struct buf *b, const struct division *towns, int ntowns)
{
	const char *q = req_query(r, "q"), *st = req_query(r, "status");
	const char *div = req_query(r, "division"), *ad = req_query(r, "addiction");
	int i;

	html_raw_trusted(b, "<form class=\"filters\" method=\"get\" action=\"/persons\" "
			    "hx-get=\"/persons\" hx-target=\"#results\" hx-select=\"#results\" "
			    "hx-swap=\"outerHTML\" hx-push-url=\"true\" "
			    "hx-trigger=\"submit, change from:select, keyup changed delay:400ms from:input[name=q]\">");
	html_raw_trusted(b, "<input type=\"search\" name=\"q\" placeholder=\"");
	html_attr(b, _("姓名、别名或身份证号"));
	html_raw_trusted(b, "\" value=\"");
	html_attr(b, q ? q : "");
	html_raw_trusted(b, "\">");
	/* The areas directly under the user's own: townships for the county,
	 * villages for a township. */
	if (ntowns) {
		html_raw_trusted(b, "<select name=\"division\"><option value=\"\">");
		html_text(b, towns[0].level >= 5 ? _("全部村（社区）") : _("全部乡镇"));
		html_raw_trusted(b, "</option>");
	}
	for (i = 0; i < ntowns; i++) {
		html_raw_trusted(b, "<option value=\"");
		html_attr(b, towns[i].code);
		html_raw_trusted(b, div && !strcmp(div, towns[i].code) ? "\" selected>" : "\">");
		html_text(b, towns[i].name);
		html_raw_trusted(b, "</option>");
	}
	if (ntowns)
		html_raw_trusted(b, "</select>");
	html_raw_trusted(b, "<select name=\"status\"><option value=\"\">");
	html_text(b, _("全部管控状态"));
	html_raw_trusted(b, "</option>");
	form_options(b, person_control_statuses, st);
	html_raw_trusted(b, "</select><select name=\"addiction\"><option value=\"\">");
	html_text(b, _("全部成瘾认定"));
	html_raw_trusted(b, "</option>");
	form_options(b, person_addiction_levels, ad);
	filter_select(b, "measure", _("全部措施"), measure_kinds, req_query(r, "measure"));
	filter_select(b, "risk", _("全部风险等级"), risk_levels, req_query(r, "risk"));
	filter_select(b, "drug", _("全部毒品种类"), person_drug_types, req_query(r, "drug"));
	filter_select(b, "special", _("全部特殊类别"), person_special_statuses, req_query(r, "special"));
	html_raw_trusted(b, "</select><button type=\"submit\">");
	html_text(b, _("查询"));
	html_raw_trusted(b, "</button>");
	if (role_can(r->role, MOD_PERSON, ACC_WRITE)) {
		html_raw_trusted(b, " <a class=\"button primary\" href=\"/persons/new\">");
		html_text(b, _("新建档案"));
		html_raw_trusted(b, "</a> <a class=\"button\" id=\"import-persons\" href=\"/persons/import\">");
		html_text(b, _("导入"));
		html_raw_trusted(b, "</a>");
	}
	html_raw_trusted(b, "</form>");
}

int page_persons(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT, what = BUF_INIT;
	struct person_filter f;
	struct person *list;
	struct division *towns;
	int n, ntowns, i, page = (int)req_int(r, "page", 1, 1, 100000);
	int64_t total;
	static const struct crumb crumbs[] = { { N_("人员管控"), NULL } };

	if (persons_filter_from_query(r, &f, &what) < 0) {
		buf_release(&what);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if (store_person_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0 ||
	    store_division_children(req_db(r), r->user.division, &r->arena, &towns, &ntowns,
				    &err) < 0 ||
	    person_audit_search(req_db(r), &r->actor, what.buf, total, &err) < 0) {
		fprintf(stderr, "jindu: persons: %s\n", err.buf);
		buf_release(&err);
		buf_release(&what);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	buf_release(&what);

	layout_begin(r, w, _("吸毒人员档案"), MOD_PERSON, crumbs, 1);
	filter_form(r, b, towns, ntowns);
	html_raw_trusted(b, "<div id=\"results\">");
	layout_export_link(r, b, "/persons.xlsx");
	html_raw_trusted(b, "<table class=\"grid\"><thead><tr>");
	layout_sort_th(r, b, "name", _("姓名"), "found");
	html_raw_trusted(b, "<th>");
	html_text(b, _("性别"));
	html_raw_trusted(b, "</th>");
	layout_sort_th(r, b, "birth", _("出生日期"), "found");
	html_raw_trusted(b, "<th>");
	html_text(b, _("身份证号"));
	html_raw_trusted(b, "</th>");
	layout_sort_th(r, b, "division", _("管控责任地"), "found");
	layout_sort_th(r, b, "status", _("管控状态"), "found");
	html_raw_trusted(b, "<th>");
	html_text(b, _("成瘾认定"));
	html_raw_trusted(b, "</th>");
	layout_sort_th(r, b, "found", _("初次发现"), "found");
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct person *p = &list[i];
		html_raw_trusted(b, "<tr><td>");
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64, p->id), p->name);
		if (!p->registered) {
			html_raw_trusted(b, " <span class=\"tag\">");
			html_text(b, _("隐性"));
			html_raw_trusted(b, "</span>");
		}
		html_raw_trusted(b, "</td><td>");
		html_text(b, !strcmp(p->sex, "M") ? _("男") : _("女"));
		html_raw_trusted(b, "</td><td>");
		html_date(b, p->birth_date);
		html_raw_trusted(b, "</td><td class=\"mono\">");
		html_text(b, p->id_masked);
		html_raw_trusted(b, "</td><td>");
		html_text(b, p->division_name);
		html_rawf_trusted(b, "</td><td><span class=\"status s-%s\">",
				  choice_valid(person_control_statuses, p->control_status)
					  ? p->control_status : "other");
		html_text(b, _(choice_label(person_control_statuses, p->control_status)));
		html_raw_trusted(b, "</span></td><td>");
		html_text(b, _(choice_label(person_addiction_levels, p->addiction)));
		html_raw_trusted(b, "</td><td>");
		html_date(b, p->first_found_date);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"8\" class=\"empty\">");
		html_text(b, _("没有符合条件的人员"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, total, page, PER_PAGE);
	html_raw_trusted(b, "</div>");
	layout_end(r, w);
	return 200;
}
