/* page-cases.c - 毒品案件: the list with its filters, the new and edit forms, creating and saving. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/network.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/cases.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

#define PER_PAGE 30

int64_t cases_path_id(struct req *r, const char *name)
{
	const char *s = req_path_param(r, name);
	char *end;
	long long id = s && *s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && id > 0 ? id : 0;
}

int cases_persons_clear(struct req *r)
{
	return role_can(r->role, MOD_PERSON, ACC_READ);
}

const char *cases_suspect_name(struct req *r, const struct case_suspect *s)
{
	char masked[NET_VALUE_MAX];
	if (cases_persons_clear(r))
		return s->person_name;
	net_value_mask(NET_PERSON, s->person_name, masked, sizeof(masked));
	return arena_strdup(&r->arena, masked);
}

int cases_form_date(struct req *r, const char *name)
{
	const char *s = req_param(r, name);
	int ymd = 0;
	if (!s || !*s)
		return 0;
	return ymd_parse(s, &ymd) < 0 ? -1 : ymd;
}

const struct choice *cases_type_choices(struct req *r, const struct policy *p)
{
	struct choice *c = arena_zalloc(&r->arena, sizeof(*c) * (size_t)(p->ncase_types + 1));
	int i;
	for (i = 0; i < p->ncase_types; i++) {
		c[i].key = p->case_types[i].key;
		c[i].label = p->case_types[i].label;
	}
	return c;
}

const struct choice *cases_drug_choices(struct req *r, const struct policy *p)
{
	struct choice *c = arena_zalloc(&r->arena, sizeof(*c) * (size_t)(p->ndrugs + 1));
	int i;
	for (i = 0; i < p->ndrugs; i++) {
		c[i].key = p->drugs[i].key;
		c[i].label = p->drugs[i].name;
	}
	return c;
}

/* 1 when the comma-separated set holds key. */
static int in_set(const char *set, const char *key)
{
	size_t n = strlen(key);
	while (set && *set) {
		const char *comma = strchr(set, ',');
		size_t len = comma ? (size_t)(comma - set) : strlen(set);
		if (len == n && !strncmp(set, key, n))
			return 1;
		set = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* A flag: checked among "flags", or its own field "1"/"true". */
static int flag_value(struct req *r, const char *flags, const char *key)
{
	const char *v = req_param(r, key);
	if (v && (!strcmp(v, "1") || !strcmp(v, "true")))
		return 1;
	if (v && *v && strcmp(v, "0") && strcmp(v, "false"))
		return 2; /* neither: case_check refuses it */
	return in_set(flags, key);
}

void cases_input(struct req *r, struct drug_case *c)
{
	const char *flags = req_form_joined(r, "flags");
	memset(c, 0, sizeof(*c));
	c->number = req_param(r, "number");
	c->name = req_param(r, "name");
	c->type = req_param(r, "type");
	c->source = req_param(r, "source");
	c->division = req_param(r, "division");
	c->unit_id = req_int(r, "unit_id", 0, 0, INT64_MAX);
	c->officers = req_param(r, "officers");
	c->place = req_param(r, "place");
	c->occurred_date = cases_form_date(r, "occurred_date");
	c->accepted_date = cases_form_date(r, "accepted_date");
	c->description = req_param(r, "description");
	c->early = flag_value(r, flags, "early");
	c->target = flag_value(r, flags, "target");
	c->online = flag_value(r, flags, "online");
	c->small_packets = flag_value(r, flags, "small_packets");
}

int cases_filter_from_query(struct req *r, const struct policy *p, struct case_filter *f,
			    struct buf *what)
{
	const char *st = req_query(r, "status"), *ty = req_query(r, "type");
	const char *fl = req_query(r, "flag"), *div = req_query(r, "division");
	const char *q = req_query(r, "q");
	char prefix[13];
	size_t i;

	memset(f, 0, sizeof(*f));
	f->prefix = r->user.division_prefix;
	f->year = (int)req_int(r, "year", 0, 1990, 2999);
	f->unit_id = req_int(r, "unit", 0, 0, INT64_MAX);
	if (div && *div) {
		if (!division_valid(div))
			return -1;
		division_prefix(div, prefix);
		if (!division_in(prefix, r->user.division_prefix))
			return -1;
		f->prefix = arena_strdup(&r->arena, prefix);
		buf_addf(what, "division=%s ", div);
	}
	if (st && *st) {
		if (case_status_from_key(st) < 0)
			return -1;
		f->status = st;
		buf_addf(what, "status=%s ", st);
	}
	if (ty && *ty) {
		if (!case_type_valid(p, ty))
			return -1;
		f->type = ty;
		buf_addf(what, "type=%s ", ty);
	}
	if (fl && *fl) {
		if (!choice_valid_set(case_flags, fl))
			return -1;
		f->early = in_set(fl, "early");
		f->target = in_set(fl, "target");
		f->online = in_set(fl, "online");
		f->small_packets = in_set(fl, "small_packets");
		buf_addf(what, "flag=%s ", fl);
	}
	if (q && *q) {
		if (strlen(q) > 100)
			return -1;
		f->q = q;
		buf_addf(what, "q=%s ", q);
	}
	if (f->year)
		buf_addf(what, "year=%d ", f->year);
	if (f->unit_id)
		buf_addf(what, "unit=%" PRId64 " ", f->unit_id);
	for (i = 0; i < what->len; i++)
		if ((unsigned char)what->buf[i] < 0x20)
			what->buf[i] = ' ';
	return 0;
}

/* ---- the list ---- */

static void option(struct buf *b, const char *value, const char *label, const char *selected)
{
	html_raw_trusted(b, "<option value=\"");
	html_attr(b, value);
	html_raw_trusted(b, selected && !strcmp(selected, value) ? "\" selected>" : "\">");
	html_text(b, label);
	html_raw_trusted(b, "</option>");
}

static void filter_form(struct req *r, struct buf *b, const struct policy *p,
			const struct division *towns, int ntowns, const struct unit *units,
			int nunits)
{
	const char *div = req_query(r, "division"), *unit = req_query(r, "unit");
	const char *year = req_query(r, "year");
	int y, i, this_year = ymd_today() / 10000;

	html_raw_trusted(b, "<form class=\"filters\" method=\"get\" action=\"/cases\" "
			    "hx-get=\"/cases\" hx-target=\"#results\" hx-select=\"#results\" "
			    "hx-swap=\"outerHTML\" hx-push-url=\"true\" "
			    "hx-trigger=\"submit, change from:select, keyup changed delay:400ms from:input[name=q]\">");
	html_raw_trusted(b, "<input type=\"search\" name=\"q\" placeholder=\"");
	html_attr(b, _("案件编号或名称"));
	html_raw_trusted(b, "\" value=\"");
	html_attr(b, req_query(r, "q") ? req_query(r, "q") : "");
	html_raw_trusted(b, "\"><select name=\"status\"><option value=\"\">");
	html_text(b, _("全部办理阶段"));
	html_raw_trusted(b, "</option>");
	form_options(b, case_statuses, req_query(r, "status"));
	html_raw_trusted(b, "</select><select name=\"type\"><option value=\"\">");
	html_text(b, _("全部案件类别"));
	html_raw_trusted(b, "</option>");
	form_options(b, cases_type_choices(r, p), req_query(r, "type"));
	html_raw_trusted(b, "</select><select name=\"year\"><option value=\"\">");
	html_text(b, _("全部年度"));
	html_raw_trusted(b, "</option>");
	for (y = this_year; y > this_year - 10; y--)
		option(b, arena_printf(&r->arena, "%d", y), arena_printf(&r->arena, _("%d 年"), y),
		       year);
	html_raw_trusted(b, "</select><select name=\"flag\"><option value=\"\">");
	html_text(b, _("全部标记"));
	html_raw_trusted(b, "</option>");
	form_options(b, case_flags, req_query(r, "flag"));
	html_raw_trusted(b, "</select>");
	if (nunits) {
		html_raw_trusted(b, "<select name=\"unit\"><option value=\"\">");
		html_text(b, _("全部办案单位"));
		html_raw_trusted(b, "</option>");
		for (i = 0; i < nunits; i++)
			option(b, arena_printf(&r->arena, "%" PRId64, units[i].id), units[i].name, unit);
		html_raw_trusted(b, "</select>");
	}
	if (ntowns) {
		html_raw_trusted(b, "<select name=\"division\"><option value=\"\">");
		html_text(b, towns[0].level >= 5 ? _("全部村（社区）") : _("全部乡镇"));
		html_raw_trusted(b, "</option>");
		for (i = 0; i < ntowns; i++)
			option(b, towns[i].code, towns[i].name, div);
		html_raw_trusted(b, "</select>");
	}
	html_raw_trusted(b, "<button type=\"submit\">");
	html_text(b, _("查询"));
	html_raw_trusted(b, "</button>");
	if (role_can(r->role, MOD_CASE, ACC_WRITE)) {
		html_raw_trusted(b, " <a class=\"button primary\" href=\"/cases/new\">");
		html_text(b, _("新建案件"));
		html_raw_trusted(b, "</a> <a class=\"button\" id=\"import-cases\" href=\"/cases/import\">");
		html_text(b, _("导入"));
		html_raw_trusted(b, "</a>");
	}
	html_raw_trusted(b, "</form>");
}

/* The flags of a case as small tags. */
static void flag_tags(struct buf *b, const struct drug_case *c)
{
	const int on[] = { c->early, c->target, c->online, c->small_packets };
	int i;
	for (i = 0; case_flags[i].key; i++) {
		if (!on[i])
			continue;
		html_rawf_trusted(b, " <span class=\"tag flag-%s\">", case_flags[i].key);
		html_text(b, _(case_flags[i].label));
		html_raw_trusted(b, "</span>");
	}
}

/* The case's police grade and legal class from its seizures. */
static int grading_of(struct req *r, const struct policy *p, int64_t id, struct case_grading *g,
		      struct buf *err)
{
	struct seizure_total *t;
	int n;
	if (store_seizure_totals(req_db(r), id, &r->arena, &t, &n, err) < 0)
		return -1;
	drug_grade_case(p, t, n, g);
	return 0;
}

static void status_span(struct buf *b, const char *status)
{
	html_rawf_trusted(b, "<span class=\"status cs-%s\">",
			  case_status_from_key(status) >= 0 ? status : "other");
	html_text(b, _(choice_label(case_statuses, status)));
	html_raw_trusted(b, "</span>");
}

static void list_table(struct req *r, struct buf *b, const struct policy *p,
		       const struct drug_case *list, int n, struct buf *err, int *failed)
{
	static const char *const cols[] = { N_("案件编号"), N_("案件名称"), N_("案件类别"),
					    N_("办理阶段"), N_("受理日期"), N_("所属辖区"),
					    N_("办案单位"), N_("案件等级"), NULL };
	const char *const *c;
	int i;

	*failed = 0;
	html_raw_trusted(b, "<table class=\"grid\" id=\"case-list\"><thead><tr>");
	for (c = cols; *c; c++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(*c));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct drug_case *x = &list[i];
		struct case_grading g;
		if (grading_of(r, p, x->id, &g, err) < 0) {
			*failed = 1;
			return;
		}
		html_raw_trusted(b, "<tr><td class=\"mono\">");
		html_link(b, arena_printf(&r->arena, "/cases/%" PRId64, x->id), x->number);
		html_raw_trusted(b, "</td><td>");
		html_text(b, x->name);
		flag_tags(b, x);
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(case_type_label(p, x->type)));
		html_raw_trusted(b, "</td><td>");
		status_span(b, x->status);
		html_raw_trusted(b, "</td><td class=\"d\">");
		html_date(b, x->accepted_date);
		html_raw_trusted(b, "</td><td>");
		html_text(b, x->division_name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, *x->unit_name ? x->unit_name : "—");
		html_rawf_trusted(b, "</td><td><span class=\"grade g-%s\">",
				  case_grade_labels[g.police + 1].key);
		html_text(b, _(case_grade_label(g.police)));
		html_raw_trusted(b, "</span></td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"8\" class=\"empty\">");
		html_text(b, _("没有符合条件的案件"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
}

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

int page_cases(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT, what = BUF_INIT;
	struct policy pol;
	struct case_filter f;
	struct drug_case *list;
	struct division *towns;
	struct unit *units;
	int n, ntowns, nunits, failed, page = (int)req_int(r, "page", 1, 1, 100000);
	int64_t total;
	static const struct crumb crumbs[] = { { N_("毒品案件"), NULL } };

	if (control_policy(req_db(r), &pol, &err) < 0)
		return internal(w, "cases", &err);
	if (cases_filter_from_query(r, &pol, &f, &what) < 0) {
		buf_release(&what);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if (store_case_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0 ||
	    store_division_children(req_db(r), r->user.division, &r->arena, &towns, &ntowns,
				    &err) < 0 ||
	    store_unit_list(req_db(r), r->user.division_prefix, &r->arena, &units, &nunits, &err) < 0 ||
	    case_audit_search(req_db(r), &r->actor, what.buf, total, &err) < 0) {
		buf_release(&what);
		return internal(w, "cases", &err);
	}
	buf_release(&what);
	layout_begin(r, w, _("毒品案件"), MOD_CASE, crumbs, 1);
	filter_form(r, b, &pol, towns, ntowns, units, nunits);
	html_raw_trusted(b, "<div id=\"results\">");
	layout_export_link(r, b, "/cases.xlsx");
	list_table(r, b, &pol, list, n, &err, &failed);
	if (failed) {
		buf_reset(b);
		return internal(w, "cases", &err);
	}
	layout_pager(r, b, total, page, PER_PAGE);
	html_raw_trusted(b, "</div>");
	layout_end(r, w);
	buf_release(&err);
	return 200;
}

/* ---- new and edit ---- */

static const char *date_value(struct req *r, int ymd)
{
	char *s;
	if (ymd <= 0)
		return "";
	s = arena_alloc(&r->arena, 11);
	ymd_format(ymd, s);
	return s;
}

int cases_render_form(struct req *r, struct resp *w, int64_t id, int64_t version,
		      const struct drug_case *c, const struct field_error *errs, int nerr)
{
	struct form f = { r, &w->body, errs, nerr, NULL };
	struct buf err = BUF_INIT;
	struct policy pol;
	struct division *divs;
	struct unit *units;
	int ndivs, nunits;
	const char *title = id ? arena_printf(&r->arena, _("编辑案件：%s"), c->name ? c->name : "")
			       : _("新建毒品案件");
	const char *flags;
	struct crumb crumbs[2] = { { N_("毒品案件"), "/cases" }, { title, NULL } };

	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    store_division_list(req_db(r), r->user.division_prefix, 3, 5, &r->arena, &divs, &ndivs,
				&err) < 0 ||
	    store_unit_list(req_db(r), r->user.division_prefix, &r->arena, &units, &nunits, &err) < 0)
		return internal(w, "case form", &err);
	buf_release(&err);
	flags = arena_printf(&r->arena, "%s,%s,%s,%s", c->early == 1 ? "early" : "",
			     c->target == 1 ? "target" : "", c->online == 1 ? "online" : "",
			     c->small_packets == 1 ? "small_packets" : "");
	layout_begin(r, w, title, MOD_CASE, crumbs, 2);
	form_begin(&f, id ? arena_printf(&r->arena, "/cases/%" PRId64, id) : "/cases", "case-form");
	form_error_summary(&f);
	if (id)
		form_hidden(&f, "version", arena_printf(&r->arena, "%" PRId64, version));
	html_raw_trusted(f.b, "<div class=\"cols\">");
	form_input(&f, "number", N_("案件编号"), c->number, "text", 1,
		   N_("如 A3608250000002026010001，不可重复"));
	form_input(&f, "name", N_("案件名称"), c->name, "text", 1, N_("如 王某某贩卖毒品案"));
	form_select(&f, "type", N_("案件类别"), c->type, cases_type_choices(r, &pol), "", 1);
	form_select(&f, "source", N_("线索来源"), c->source, case_sources, "", 1);
	form_select_division(&f, "division", N_("所属辖区"), c->division, divs, ndivs, 1);
	form_select_unit(&f, "unit_id", N_("办案单位"), units, nunits, c->unit_id, NULL);
	form_input(&f, "officers", N_("办案民警"), c->officers, "text", 0, NULL);
	form_input(&f, "place", N_("案发地点"), c->place, "text", 0, NULL);
	form_input(&f, "occurred_date", N_("案发日期"), date_value(r, c->occurred_date), "date", 0,
		   NULL);
	if (!id)
		form_input(&f, "accepted_date", N_("受理日期"), date_value(r, c->accepted_date),
			   "date", 1, N_("受理是案件的第一个办理环节"));
	html_raw_trusted(f.b, "</div>");
	form_checks(&f, "flags", N_("案件标记"), flags, case_flags);
	form_textarea(&f, "description", N_("简要案情"), c->description);
	if (!id)
		form_input(&f, "doc_no", N_("受案登记文书编号"), req_param(r, "doc_no"), "text", 0,
			   NULL);
	form_end(&f, N_("保存"), id ? arena_printf(&r->arena, "/cases/%" PRId64, id) : "/cases");
	layout_end(r, w);
	return nerr ? 422 : 200;
}

int page_case_new(struct req *r, struct resp *w)
{
	struct drug_case c;
	memset(&c, 0, sizeof(c));
	c.accepted_date = ymd_today();
	c.division = r->user.division;
	c.unit_id = r->user.unit_id;
	return cases_render_form(r, w, 0, 0, &c, NULL, 0);
}

/* A refusal of the form as JSON: the first error heads, all are listed. */
static int invalid_json(struct resp *w, int status, const char *code,
			const struct field_error *errs, int nerr)
{
	json_t *list = json_array();
	int i;
	for (i = 0; i < nerr && i < CASE_MAX_ERRORS; i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "field", errs[i].field, "message",
						      _(errs[i].message)));
	return resp_json(w, status, json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code", code,
					      "message", _(errs[0].message), "field",
					      errs[0].field, "fields", list));
}

int page_case_create(struct req *r, struct resp *w)
{
	struct field_error errs[CASE_MAX_ERRORS];
	struct buf err = BUF_INIT;
	struct drug_case c;
	struct policy pol;
	int nerr = 0, rc;

	cases_input(r, &c);
	rc = case_create(req_db(r), &r->actor, &c, req_param(r, "doc_no"), errs, &nerr, &err);
	if (rc < 0)
		return internal(w, "case create", &err);
	buf_release(&err);
	if (rc != 0 && r->is_api)
		return invalid_json(w, rc == CASE_CONFLICT ? 409 : 422,
				    rc == CASE_CONFLICT ? "duplicate" : "invalid", errs, nerr);
	if (rc != 0)
		return cases_render_form(r, w, 0, 0, &c, errs, nerr);
	if (!r->is_api)
		return resp_redirect(r, w, arena_printf(&r->arena, "/cases/%" PRId64, c.id));
	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    store_case_get(req_db(r), c.id, &r->arena, &c, &err) != 0)
		return internal(w, "case create", &err);
	resp_header(w, "Location", arena_printf(&r->arena, "/api/v1/cases/%" PRId64, c.id));
	return resp_json(w, 201, cases_json(r, &pol, &c, NULL));
}

int page_case_edit(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct drug_case c;
	int64_t id = cases_path_id(r, "id");
	int rc = id ? case_load(req_db(r), &r->actor, id, &r->arena, &c, &err) : STORE_NOTFOUND;

	if (rc < 0)
		return internal(w, "case edit", &err);
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	return cases_render_form(r, w, id, c.version, &c, NULL, 0);
}

int page_case_update(struct req *r, struct resp *w)
{
	struct field_error errs[CASE_MAX_ERRORS];
	struct buf err = BUF_INIT;
	struct drug_case c;
	int64_t id = cases_path_id(r, "id"), version = req_int(r, "version", 0, 0, INT64_MAX);
	int nerr = 0, rc;

	cases_input(r, &c);
	rc = id ? case_update(req_db(r), &r->actor, id, version, &c, errs, &nerr, &err)
		: STORE_NOTFOUND;
	if (rc < 0)
		return internal(w, "case update", &err);
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	}
	if (rc == CASE_CONFLICT && !nerr) {
		buf_release(&err);
		return resp_error(w, 409, "conflict", N_("该案件已被他人修改，请重新打开后再编辑"),
				  "version");
	}
	buf_release(&err);
	if (rc != 0)
		return cases_render_form(r, w, id, version, &c, errs, nerr);
	return resp_redirect(r, w, arena_printf(&r->arena, "/cases/%" PRId64 "?done=saved", id));
}
