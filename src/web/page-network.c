/* page-network.c - 关系网络: search an entity, the groups of the area, the forms to add entities and links. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/division.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/network.h"
#include "web/server.h"

#define GROUPS_PER_PAGE 20
#define GROUP_NAMES 8 /* persons named in a group's row; the rest counted */

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

/* ---- the forms ---- */

/* The divisions a record may go to: the user's own and the level below. */
static int division_choices(struct req *r, struct division **divs, int *n, struct buf *err)
{
	int level = division_level(r->user.division);
	if (store_division_list(req_db(r), r->user.division_prefix, level,
				level < 4 ? level + 1 : level, &r->arena, divs, n, err) < 0)
		return -1;
	return 0;
}

/* The messages of errors on fields a form does not show (an end given by id). */
static void hidden_errors(struct buf *b, const struct field_error *errs, int nerr)
{
	int i;
	for (i = 0; i < nerr && i < NET_MAX_ERRORS; i++) {
		const char *f = errs[i].field;
		size_t n = strlen(f);
		if ((n > 3 && !strcmp(f + n - 3, "_id")) || !strcmp(f, "id")) {
			html_raw_trusted(b, "<div class=\"notice error\" role=\"alert\">");
			html_text(b, _(errs[i].message));
			html_raw_trusted(b, "</div>");
		}
	}
}

/* One end of the link form: its kind, value and (persons) name. */
static void end_fields(struct form *f, const char *prefix, const char *label)
{
	struct req *r = f->r;
	html_raw_trusted(f->b, "<fieldset class=\"end\"><legend>");
	html_text(f->b, _(label));
	html_raw_trusted(f->b, "</legend><div class=\"cols\">");
	form_select(f, arena_printf(&r->arena, "%skind", prefix), N_("类别"),
		    req_form(r, arena_printf(&r->arena, "%skind", prefix)), net_entity_kinds, "", 1);
	form_input(f, arena_printf(&r->arena, "%svalue", prefix), N_("号码或内容"),
		   req_form(r, arena_printf(&r->arena, "%svalue", prefix)), "text", 1,
		   N_("人员填写身份证号"));
	form_input(f, arena_printf(&r->arena, "%sname", prefix), N_("姓名"),
		   req_form(r, arena_printf(&r->arena, "%sname", prefix)), "text", 0,
		   N_("仅人员：没有本辖区档案时必填"));
	html_raw_trusted(f->b, "</div></fieldset>");
}

void network_link_form(struct req *r, struct buf *b, int64_t from_id, const char *from_label,
		       const struct field_error *errs, int nerr, int open)
{
	struct form f = { r, b, errs, nerr, "lnk" };
	struct division *divs;
	struct buf err = BUF_INIT;
	const char *division = req_form(r, "division");
	int ndivs = 0;

	if (division_choices(r, &divs, &ndivs, &err) < 0) {
		fprintf(stderr, "jindu: network form: %s\n", err.buf);
		ndivs = 0;
	}
	buf_release(&err);
	html_raw_trusted(b, open ? "<details class=\"act\" id=\"add-link\" open><summary>"
				 : "<details class=\"act\" id=\"add-link\"><summary>");
	html_text(b, _("新增关系"));
	html_raw_trusted(b, "</summary>");
	form_begin(&f, "/network/links", "link-form");
	form_error_summary(&f);
	hidden_errors(b, errs, nerr);
	if (from_id) {
		form_hidden(&f, "from_id", arena_printf(&r->arena, "%" PRId64, from_id));
		form_hidden(&f, "back", arena_printf(&r->arena, "%" PRId64, from_id));
		html_raw_trusted(b, "<p>");
		html_text(b, arena_printf(&r->arena, _("起点：%s"), from_label));
		html_raw_trusted(b, "</p>");
	} else {
		end_fields(&f, "from_", N_("起点"));
	}
	html_raw_trusted(b, "<div class=\"cols\">");
	form_select(&f, "kind", N_("关系类别"), req_form(r, "kind"), net_link_kinds, "", 1);
	html_raw_trusted(b, "</div>");
	end_fields(&f, "to_", N_("终点"));
	html_raw_trusted(b, "<div class=\"cols\">");
	form_input(&f, "date_from", N_("日期（起）"), req_form(r, "date_from"), "date", 0,
		   N_("不知道可不填"));
	form_input(&f, "date_to", N_("日期（止）"), req_form(r, "date_to"), "date", 0,
		   N_("一段时间内的关系填写结束日期"));
	form_input(&f, "case_no", N_("案件编号"), req_form(r, "case_no"), "text", 0, NULL);
	form_select_division(&f, "division", N_("登记单位所在区划"),
			     division && *division ? division : r->user.division, divs, ndivs, 1);
	html_raw_trusted(b, "</div>");
	form_textarea(&f, "note", N_("备注"), req_form(r, "note"));
	form_end(&f, N_("保存"), NULL);
	html_raw_trusted(b, "</details>");
}

static void entity_form(struct req *r, struct buf *b, const struct field_error *errs, int nerr,
			int open)
{
	struct form f = { r, b, errs, nerr, "ent" };
	struct division *divs;
	struct buf err = BUF_INIT;
	const char *division = req_form(r, "division");
	int ndivs = 0;

	if (division_choices(r, &divs, &ndivs, &err) < 0) {
		fprintf(stderr, "jindu: network form: %s\n", err.buf);
		ndivs = 0;
	}
	buf_release(&err);
	html_raw_trusted(b, open ? "<details class=\"act\" id=\"add-entity\" open><summary>"
				 : "<details class=\"act\" id=\"add-entity\"><summary>");
	html_text(b, _("新增实体"));
	html_raw_trusted(b, "</summary>");
	form_begin(&f, "/network/entities", "entity-form");
	form_error_summary(&f);
	hidden_errors(b, errs, nerr);
	html_raw_trusted(b, "<div class=\"cols\">");
	form_select(&f, "kind", N_("类别"), req_form(r, "kind"), net_entity_kinds, "", 1);
	form_input(&f, "value", N_("号码或内容"), req_form(r, "value"), "text", 1,
		   N_("人员填写身份证号"));
	form_input(&f, "name", N_("姓名"), req_form(r, "name"), "text", 0,
		   N_("仅人员：没有本辖区档案时必填"));
	form_select_division(&f, "division", N_("登记单位所在区划"),
			     division && *division ? division : r->user.division, divs, ndivs, 1);
	html_raw_trusted(b, "</div>");
	form_textarea(&f, "note", N_("备注"), req_form(r, "note"));
	form_end(&f, N_("保存"), NULL);
	html_raw_trusted(b, "</details>");
}

/* ---- the page ---- */

static void search_box(struct req *r, struct buf *b, const char *q)
{
	html_raw_trusted(b, "<form method=\"get\" action=\"/network\" class=\"filters\" "
			    "id=\"network-search\" role=\"search\"><input type=\"search\" name=\"q\" "
			    "id=\"f-q\" value=\"");
	html_attr(b, q ? q : "");
	html_raw_trusted(b, "\" placeholder=\"");
	html_attr(b, _("号码、车牌、账号、地址、姓名或身份证号"));
	html_raw_trusted(b, "\" aria-label=\"");
	html_attr(b, _("查找实体"));
	html_raw_trusted(b, "\"><button type=\"submit\" class=\"primary\">");
	html_text(b, _("查找"));
	html_raw_trusted(b, "</button></form>");
}

/* The entities matching q. */
static int search_results(struct req *r, struct buf *b, const char *q, struct buf *err)
{
	struct net_entity *list;
	int n, i;

	if (network_search(r, q, &list, &n, err) < 0)
		return -1;
	html_raw_trusted(b, "<table class=\"grid\" id=\"search-results\"><thead><tr><th>");
	html_text(b, _("类别"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("号码或内容"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("登记区划"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_raw_trusted(b, "<tr><td>");
		html_text(b, _(choice_label(net_entity_kinds, list[i].kind)));
		html_raw_trusted(b, "</td><td>");
		network_entity_link(r, b, &list[i]);
		if (network_clear(r) && *list[i].id_masked) {
			html_raw_trusted(b, " <span class=\"mono small muted\">");
			html_text(b, list[i].id_masked);
			html_raw_trusted(b, "</span>");
		}
		html_raw_trusted(b, "</td><td>");
		html_text(b, list[i].division_name);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"3\" class=\"empty\">");
		html_text(b, _("没有找到匹配的实体"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	return 0;
}

/* The path form: two entities by any of their values. */
static void path_form(struct req *r, struct buf *b)
{
	html_raw_trusted(b, "<form method=\"get\" action=\"/network/path\" class=\"filters\" "
			    "id=\"path-form\"><label for=\"f-from_q\">");
	html_text(b, _("最短路径：从"));
	html_raw_trusted(b, "</label><input type=\"search\" name=\"from_q\" id=\"f-from_q\" value=\"");
	html_attr(b, req_query(r, "from_q") ? req_query(r, "from_q") : "");
	html_raw_trusted(b, "\"><label for=\"f-to_q\">");
	html_text(b, _("到"));
	html_raw_trusted(b, "</label><input type=\"search\" name=\"to_q\" id=\"f-to_q\" value=\"");
	html_attr(b, req_query(r, "to_q") ? req_query(r, "to_q") : "");
	html_raw_trusted(b, "\"><button type=\"submit\">");
	html_text(b, _("查找路径"));
	html_raw_trusted(b, "</button></form>");
}

/* One group's row: its size, persons, links, cases and where to look at it. */
static void group_row(struct req *r, struct buf *b, const struct net_area *area,
		      const struct net_group *g, int number)
{
	int i;
	html_rawf_trusted(b, "<tr><td class=\"n\">%d</td><td class=\"n\">%d</td><td>", number,
			  g->nnodes);
	for (i = 0; i < g->npersons && i < GROUP_NAMES; i++) {
		const struct net_entity *e = &area->nodes[g->persons[i]];
		if (i)
			html_text(b, _("、"));
		network_entity_link(r, b, e);
		if (network_file_of(r, e)) {
			html_raw_trusted(b, "<span class=\"tag\">");
			html_text(b, _("有档案"));
			html_raw_trusted(b, "</span>");
		}
	}
	if (g->npersons > GROUP_NAMES)
		html_textf(b, _("等 %d 人"), g->npersons);
	else if (!g->npersons)
		html_text(b, "—");
	html_rawf_trusted(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>",
			  g->npersons, g->nedges);
	network_group_cases(r, b, g);
	html_raw_trusted(b, "</td><td>");
	html_link(b, arena_printf(&r->arena, "/network/%" PRId64, area->nodes[g->hub].id),
		  _("查看关系图"));
	html_raw_trusted(b, "</td></tr>");
}

/* The groups of the area, a page of them; the persons shown are audited. */
static int groups_table(struct req *r, struct buf *b, struct buf *err)
{
	struct net_area area;
	struct net_group *gs;
	int n, i, k, page = (int)req_int(r, "page", 1, 1, 100000), first, last;
	int *shown, nshown = 0;

	if (network_area(req_db(r), &r->actor, &r->arena, &area, err) < 0)
		return -1;
	net_groups(&area.g, 2, &r->arena, &gs, &n);
	first = (page - 1) * GROUPS_PER_PAGE;
	last = first + GROUPS_PER_PAGE < n ? first + GROUPS_PER_PAGE : n;
	shown = arena_zalloc(&r->arena, sizeof(int) * (size_t)(area.nnodes + 1));
	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_text(b, _("团伙（关联群体）"));
	html_raw_trusted(b, "</h2><p class=\"hint\">");
	html_text(b, _("相互之间有关系的实体为一个群体，按规模从大到小排列。"));
	html_raw_trusted(b, "</p><table class=\"grid\" id=\"groups\"><thead><tr><th class=\"n\">");
	html_text(b, _("序号"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("实体数"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("人员"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("人数"));
	html_raw_trusted(b, "</th><th class=\"n\">");
	html_text(b, _("关系数"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("涉及案件"));
	html_raw_trusted(b, "</th><th></th></tr></thead><tbody>");
	for (i = first; i < last; i++) {
		group_row(r, b, &area, &gs[i], i + 1);
		for (k = 0; k < gs[i].npersons && k < GROUP_NAMES; k++)
			shown[nshown++] = gs[i].persons[k];
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"7\" class=\"empty\">");
		html_text(b, _("本辖区还没有登记关系"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, n, page, GROUPS_PER_PAGE);
	html_raw_trusted(b, "</section>");
	if (first >= last)
		return 0;
	return network_audit_view(req_db(r), &r->actor, &area, 0, NULL,
				  arena_printf(&r->arena, "团伙列表第 %d 页", page), shown, nshown,
				  err);
}

/* Notices after a change (?done=KEY): fixed texts, never from the URL. */
static const struct choice done_notices[] = {
	{ "entity", N_("已新增实体") },
	{ NULL, NULL }
};

int network_render_index(struct req *r, struct resp *w, const struct field_error *errs,
			 int nerr, const char *form)
{
	struct buf *b = &w->body, err = BUF_INIT;
	const char *q = req_query(r, "q");
	const struct choice *done = choice_find(done_notices, req_query(r, "done"));
	int can_write = role_can(r->role, MOD_CASE, ACC_WRITE);

	layout_begin(r, w, _("关系网络"), MOD_CASE, NULL, 0);
	if (done) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, _(done->label));
		html_raw_trusted(b, "</div>");
	}
	if (!network_clear(r)) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, _("您的角色不能查阅人员档案：人员姓名、号码和账号已作脱敏显示。"));
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\">");
	search_box(r, b, q);
	if (q && *q && search_results(r, b, q, &err) < 0)
		goto fail;
	path_form(r, b);
	if (can_write) {
		html_raw_trusted(b, "<div class=\"toolbar\">");
		entity_form(r, b, form && !strcmp(form, "entity") ? errs : NULL,
			    form && !strcmp(form, "entity") ? nerr : 0, form && !strcmp(form, "entity"));
		network_link_form(r, b, 0, NULL, form && !strcmp(form, "link") ? errs : NULL,
				  form && !strcmp(form, "link") ? nerr : 0,
				  form && !strcmp(form, "link"));
		html_raw_trusted(b, "<a class=\"button\" href=\"/network/import\" id=\"network-import\">");
		html_text(b, _("批量导入关系"));
		html_raw_trusted(b, "</a></div>");
	}
	html_raw_trusted(b, "</section>");
	if (groups_table(r, b, &err) < 0)
		goto fail;
	layout_end(r, w);
	buf_release(&err);
	return nerr ? 422 : 200;
fail:
	buf_reset(b);
	return internal(w, "network", &err);
}

int page_network(struct req *r, struct resp *w)
{
	return network_render_index(r, w, NULL, 0, NULL);
}

/* ---- adding ---- */

int page_network_entity_create(struct req *r, struct resp *w)
{
	struct field_error errs[NET_MAX_ERRORS];
	struct net_entity_input in;
	struct net_entity e;
	struct buf err = BUF_INIT;
	const char *division = req_form(r, "division");
	int nerr = 0, created, rc;

	network_entity_input(r, "", &in);
	in.id = 0;
	if (!division || !*division)
		division = r->user.division;
	rc = network_entity_add(req_db(r), &r->actor, &in, division, &r->arena, &e, &created, errs,
				&nerr, &err);
	if (rc < 0)
		return internal(w, "network entity", &err);
	buf_release(&err);
	if (rc == NET_ELSEWHERE) {
		errs[0] = (struct field_error){ "value",
						N_("该实体已在其他辖区登记，请联系县（市、区）禁毒办") };
		nerr = 1;
	}
	if (rc)
		return r->is_api ? network_invalid(r, w, errs, nerr, rc == NET_ELSEWHERE ? 409 : 422)
				 : network_render_index(r, w, errs, nerr, "entity");
	if (r->is_api) {
		json_t *doc = json_pack("{s:o,s:b}", "entity", network_entity_json(r, &e), "created",
					created);
		return resp_json(w, created ? 201 : 200, doc);
	}
	return resp_redirect(r, w, arena_printf(&r->arena, "/network/%" PRId64 "?done=%s", e.id,
						created ? "entity" : "existing"));
}

int page_network_link_create(struct req *r, struct resp *w)
{
	struct field_error errs[NET_MAX_ERRORS];
	struct net_link_input in;
	struct net_link l;
	struct buf err = BUF_INIT;
	int64_t back = req_int(r, "back", 0, 0, INT64_MAX);
	int nerr = 0, rc;

	network_link_input(r, &in);
	rc = network_link_add(req_db(r), &r->actor, &in, &r->arena, &l, errs, &nerr, &err);
	if (rc < 0)
		return internal(w, "network link", &err);
	buf_release(&err);
	if (rc == STORE_CONFLICT) {
		errs[0] = (struct field_error){ "kind", N_("相同的关系已经登记过") };
		nerr = 1;
	}
	if (rc && r->is_api)
		return network_invalid(r, w, errs, nerr, rc == STORE_CONFLICT ? 409 : 422);
	if (rc && back)
		return network_render_entity(r, w, back, NULL, errs, nerr);
	if (rc)
		return network_render_index(r, w, errs, nerr, "link");
	if (r->is_api) {
		struct net_entity from, to;
		if (store_net_entity_get(req_db(r), l.from_id, &r->arena, &from, &err) != 0 ||
		    store_net_entity_get(req_db(r), l.to_id, &r->arena, &to, &err) != 0 ||
		    store_net_link_get(req_db(r), l.id, &r->arena, &l, &err) != 0)
			return internal(w, "network link", &err);
		return resp_json(w, 201, json_pack("{s:o,s:o,s:o}", "link", network_link_json(r, &l),
						   "from", network_entity_json(r, &from), "to",
						   network_entity_json(r, &to)));
	}
	return resp_redirect(r, w, arena_printf(&r->arena, "/network/%" PRId64 "?done=link",
						back ? back : l.from_id));
}
