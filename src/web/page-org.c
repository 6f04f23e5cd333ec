/* page-org.c - 区划与单位: the jurisdiction tree (township, village) and the units in it. */
#include <stdio.h>
#include <string.h>

#include "lib/division.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

static const struct {
	const char *key;
	const char *label;
} unit_kinds[] = {
	{ "office", N_("禁毒办") },       { "police", N_("公安机关") },
	{ "station", N_("社区戒毒（康复）工作站") }, { "township", N_("乡镇（街道）") },
	{ "member", N_("成员单位") },      { "facility", N_("戒毒场所") },
	{ "other", N_("其他") },
};

static const char *kind_label(const char *k)
{
	size_t i;
	for (i = 0; i < sizeof(unit_kinds) / sizeof(unit_kinds[0]); i++)
		if (!strcmp(unit_kinds[i].key, k))
			return _(unit_kinds[i].label);
	return k;
}

int page_org(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	const char *code = req_query(r, "code");
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
	layout_end(r, w);
	return 200;
}
