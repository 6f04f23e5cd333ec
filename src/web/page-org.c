/* page-org.c - 区划与单位: the jurisdiction tree (township, village) and the units in it. */
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "lib/division.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

static const struct choice unit_kinds[] = {
	{ "office", N_("禁毒办") },       { "police", N_("公安机关") },
	{ "station", N_("社区戒毒（康复）工作站") }, { "township", N_("乡镇（街道）") },
	{ "member", N_("成员单位") },      { "facility", N_("戒毒场所") },
	{ "other", N_("其他") },           { NULL, NULL },
};

static const char *kind_label(const char *k)
{
	return _(choice_label(unit_kinds, k));
}

static int org_page(struct req *r, struct resp *w, const char *code,
		    const struct field_error *errs, int nerr);

int page_org(struct req *r, struct resp *w)
{
	return org_page(r, w, req_query(r, "code"), NULL, 0);
}

/* The unit form for administrators, under the unit list. */
static void unit_form(struct req *r, struct resp *w, const struct field_error *errs, int nerr)
{
	struct form f = { r, &w->body, errs, nerr };
	struct division *divs;
	struct buf err = BUF_INIT;
	int ndivs;
	if (store_division_list(req_db(r), r->user.division_prefix, 3, 5, &r->arena, &divs, &ndivs,
				&err) < 0) {
		buf_release(&err);
		return;
	}
	buf_release(&err);
	html_raw_trusted(&w->body, "<div class=\"panel\"><h2>");
	html_text(&w->body, _("新增单位"));
	html_raw_trusted(&w->body, "</h2>");
	form_begin(&f, "/org/units", "unit-form");
	html_raw_trusted(f.b, "<div class=\"cols\">");
	form_input(&f, "name", N_("单位名称"), req_form(r, "name"), "text", 1, NULL);
	form_select(&f, "kind", N_("类别"), req_form(r, "kind"), unit_kinds, NULL, 1);
	form_select_division(&f, "division", N_("所在区划"), req_form(r, "division"), divs, ndivs, 1);
	form_input(&f, "phone", N_("联系电话"), req_form(r, "phone"), "tel", 0, NULL);
	html_raw_trusted(f.b, "</div>");
	form_end(&f, N_("新增单位"), NULL);
	html_raw_trusted(&w->body, "</div>");
}

int page_unit_create(struct req *r, struct resp *w)
{
	struct field_error errs[3];
	struct unit u;
	struct division d;
	struct buf err = BUF_INIT;
	json_t *ch;
	int n = 0, rc;
	char idbuf[32];

	memset(&u, 0, sizeof(u));
	u.name = req_form(r, "name");
	u.kind = req_form(r, "kind");
	u.division = req_form(r, "division");
	u.phone = req_form(r, "phone");
	if (!u.name || !*u.name || strlen(u.name) > 120)
		errs[n++] = (struct field_error){ "name", N_("请填写单位名称（最多40个汉字）") };
	if (!u.kind || !choice_valid(unit_kinds, u.kind))
		errs[n++] = (struct field_error){ "kind", N_("请选择类别") };
	/* A well-formed code that names no division would fail the foreign key. */
	if (!u.division || !division_valid(u.division) ||
	    !division_in(u.division, r->user.division_prefix) ||
	    store_division_get(req_db(r), u.division, &r->arena, &d, &err) != 0)
		errs[n++] = (struct field_error){ "division", N_("请选择您辖区内的区划") };
	if (n) {
		buf_release(&err);
		org_page(r, w, NULL, errs, n);
		return 422;
	}
	rc = db_begin(req_db(r), &err);
	if (rc == 0)
		rc = store_unit_add(req_db(r), &u, &err);
	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)u.id);
		ch = json_pack("{s:[ns],s:[ns],s:[ns]}", "name", u.name, "kind", u.kind, "division",
			       u.division);
		rc = audit_log(req_db(r), &r->actor, "create", "unit", idbuf, u.division, u.name, ch,
			       &err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = db_commit(req_db(r), &err);
	else
		db_rollback(req_db(r));
	if (rc) {
		fprintf(stderr, "jindu: unit create: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return resp_redirect(r, w, arena_printf(&r->arena, "/org?code=%s", u.division));
}

static int org_page(struct req *r, struct resp *w, const char *code,
		    const struct field_error *errs, int nerr)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct division here, *kids;
	struct unit *units;
	int nkids, nunits, i, rc;
	char prefix[13];
	static const struct crumb crumbs[] = { { N_("区划与单位"), NULL } };

	if (!code || !*code)
		code = r->user.division;
	if (!division_valid(code))
		return resp_error(w, 404, "not_found", N_("找不到该区划"), NULL);
	division_prefix(code, prefix);
	if (!division_in(prefix, r->user.division_prefix))
		return resp_error(w, 404, "not_found", N_("找不到该区划，或不在您的辖区内"), NULL);
	rc = store_division_get(req_db(r), code, &r->arena, &here, &err);
	if (rc == 0)
		rc = store_division_children(req_db(r), code, &r->arena, &kids, &nkids, &err);
	if (rc == 0)
		rc = store_unit_list(req_db(r), prefix, &r->arena, &units, &nunits, &err);
	if (rc < 0) {
		fprintf(stderr, "jindu: org: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该区划"), NULL);

	layout_begin(r, w, _("区划与单位"), MOD_ORG, crumbs, 1);
	html_raw_trusted(b, "<p class=\"lead\">");
	html_text(b, here.name);
	html_raw_trusted(b, " <span class=\"mono muted\">");
	html_text(b, here.code);
	html_raw_trusted(b, "</span>");
	if (strcmp(code, r->user.division) && here.parent[0] &&
	    division_in(here.parent, r->user.division_prefix)) {
		html_raw_trusted(b, " · ");
		html_link(b, arena_printf(&r->arena, "/org?code=%s", here.parent), _("上一级"));
	}
	html_raw_trusted(b, "</p><section class=\"panels\"><div class=\"panel\"><h2>");
	html_text(b, here.level >= 4 ? _("下辖村（社区）") : _("下辖乡镇（街道）"));
	html_raw_trusted(b, "</h2><table class=\"grid compact\"><thead><tr><th>");
	html_text(b, _("代码"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("名称"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("下级"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < nkids; i++) {
		html_raw_trusted(b, "<tr><td class=\"mono\">");
		html_text(b, kids[i].code);
		html_raw_trusted(b, "</td><td>");
		if (kids[i].children)
			html_link(b, arena_printf(&r->arena, "/org?code=%s", kids[i].code), kids[i].name);
		else
			html_text(b, kids[i].name);
		html_raw_trusted(b, "</td><td class=\"n\">");
		html_count(b, kids[i].children);
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div><div class=\"panel\"><h2>");
	html_text(b, _("单位"));
	html_raw_trusted(b, "</h2><table class=\"grid compact\"><thead><tr><th>");
	html_text(b, _("名称"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("类别"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("所在区划"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("用户"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < nunits; i++) {
		html_raw_trusted(b, "<tr><td>");
		html_text(b, units[i].name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, kind_label(units[i].kind));
		html_raw_trusted(b, "</td><td>");
		html_text(b, units[i].division_name);
		html_raw_trusted(b, "</td><td class=\"n\">");
		html_count(b, units[i].users);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!nunits) {
		html_raw_trusted(b, "<tr><td colspan=\"4\" class=\"empty\">");
		html_text(b, _("本区划暂无单位"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></section>");
	if (role_can(r->role, MOD_ORG, ACC_WRITE))
		unit_form(r, w, errs, nerr);
	layout_end(r, w);
	return 200;
}
