/* page-network-entity.c - one entity's neighbourhood drawn and listed (audited), and the shortest path between two. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/network.h"
#include "web/server.h"

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

static int not_found(struct resp *w)
{
	return resp_error(w, 404, "not_found", N_("找不到该实体，或不在您的辖区内"), NULL);
}

static void kv(struct buf *b, const char *label, const char *value)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, label);
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, value && *value ? value : "—");
	html_raw_trusted(b, "</dd></div>");
}

/* The entity of id among the area's nodes (an end of a link listed). */
static const struct net_entity *node_of(const struct net_area *area, int64_t id)
{
	int i = net_node_index(&area->g, id);
	return i >= 0 ? &area->nodes[i] : NULL;
}

static void end_cell(struct req *r, struct buf *b, const struct net_area *area, int64_t id)
{
	const struct net_entity *e = node_of(area, id);
	html_raw_trusted(b, "<td>");
	if (e) {
		html_raw_trusted(b, "<span class=\"tag\">");
		html_text(b, _(choice_label(net_entity_kinds, e->kind)));
		html_raw_trusted(b, "</span> ");
		network_entity_link(r, b, e);
	}
	html_raw_trusted(b, "</td>");
}

/* The links as a table: what the drawing shows, for those who cannot use it. */
static void links_table(struct req *r, struct buf *b, const struct net_area *area,
			const struct net_link *links, int n, const char *id)
{
	int i, clear = network_clear(r);
	static const char *const heads[] = { N_("起点"), N_("关系"), N_("终点"), N_("日期"),
					     N_("案件编号"), N_("来源"), N_("登记区划") };
	size_t k;

	html_rawf_trusted(b, "<table class=\"grid compact\" id=\"%s\"><thead><tr>", id);
	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(heads[k]));
		html_raw_trusted(b, "</th>");
	}
	if (clear) {
		html_raw_trusted(b, "<th>");
		html_text(b, _("备注"));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct net_link *l = &links[i];
		html_rawf_trusted(b, "<tr data-link=\"%" PRId64 "\">", l->id);
		end_cell(r, b, area, l->from_id);
		html_raw_trusted(b, "<td class=\"nw\">");
		html_text(b, _(choice_label(net_link_kinds, l->kind)));
		html_raw_trusted(b, "</td>");
		end_cell(r, b, area, l->to_id);
		html_raw_trusted(b, "<td class=\"nw\">");
		html_text(b, network_days(r, l->date_from, l->date_to));
		html_raw_trusted(b, "</td><td class=\"nw\">");
		if (*l->case_no || l->case_id)
			network_case_ref(r, b, l->case_id, l->case_no);
		else
			html_text(b, "—");
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(choice_label(net_link_sources, l->source)));
		html_raw_trusted(b, "</td><td>");
		html_text(b, l->division_name);
		html_raw_trusted(b, "</td>");
		if (clear) {
			html_raw_trusted(b, "<td>");
			html_text(b, l->note);
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	if (!n) {
		html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", clear ? 8 : 7);
		html_text(b, _("没有登记关系"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
}

/* The kinds of entity with their colours, as the drawing uses them. */
static void legend(struct buf *b)
{
	int k;
	html_raw_trusted(b, "<ul class=\"legend\" aria-hidden=\"true\">");
	for (k = 0; k < NET_KINDS; k++) {
		html_rawf_trusted(b, "<li><span class=\"dot k-%s\"></span>", net_entity_kinds[k].key);
		html_text(b, _(net_entity_kinds[k].label));
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul>");
}

static void details(struct req *r, struct buf *b, const struct net_entity *e)
{
	int64_t file = network_file_of(r, e);
	char when[20];

	html_raw_trusted(b, "<section class=\"panel\"><dl class=\"kvs\">");
	kv(b, _("类别"), _(choice_label(net_entity_kinds, e->kind)));
	kv(b, !strcmp(e->kind, "person") ? _("姓名") : _("号码或内容"), network_shown(r, e));
	if (network_clear(r) && !strcmp(e->kind, "person"))
		kv(b, _("身份证号"), e->id_masked);
	if (file) {
		html_raw_trusted(b, "<div class=\"kv\"><dt>");
		html_text(b, _("人员档案"));
		html_raw_trusted(b, "</dt><dd>");
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64, file), _("打开人员档案"));
		html_raw_trusted(b, "</dd></div>");
	}
	kv(b, _("登记区划"), e->division_name);
	if (network_clear(r))
		kv(b, _("备注"), e->note);
	unix_format(e->created_at, when);
	kv(b, _("登记时间"), when);
	html_raw_trusted(b, "</dl></section>");
}

/* The form for the shortest path from this entity to another. */
static void path_to_form(struct req *r, struct buf *b, int64_t id)
{
	html_rawf_trusted(b, "<form method=\"get\" action=\"/network/path\" class=\"filters\" "
			     "id=\"path-form\"><input type=\"hidden\" name=\"from\" value=\"%" PRId64
			     "\"><label for=\"f-to_q\">",
			  id);
	html_text(b, _("到另一实体的最短路径"));
	html_raw_trusted(b, "</label><input type=\"search\" name=\"to_q\" id=\"f-to_q\" placeholder=\"");
	html_attr(b, _("号码、车牌、账号、地址、姓名或身份证号"));
	html_raw_trusted(b, "\"><button type=\"submit\">");
	html_text(b, _("查找路径"));
	html_raw_trusted(b, "</button></form>");
}

static const struct choice done_notices[] = {
	{ "entity", N_("已新增实体") },
	{ "existing", N_("已有该实体，已为您打开") },
	{ "link", N_("已新增关系") },
	{ NULL, NULL }
};

int network_render_entity(struct req *r, struct resp *w, int64_t id, const char *notice,
			  const struct field_error *errs, int nerr)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct net_entity e;
	struct net_area area;
	struct net_view view;
	struct net_link *links;
	const struct choice *done = choice_find(done_notices, req_query(r, "done"));
	struct crumb crumbs[2] = { { N_("关系网络"), "/network" }, { NULL, NULL } };
	const char *title;
	int rc, center;

	rc = network_entity_open(req_db(r), &r->actor, id, &r->arena, &e, &err);
	if (rc < 0)
		return internal(w, "network entity", &err);
	if (rc) {
		buf_release(&err);
		return not_found(w);
	}
	if (network_area(req_db(r), &r->actor, &r->arena, &area, &err) < 0)
		return internal(w, "network entity", &err);
	center = net_node_index(&area.g, id);
	net_expand(&area.g, center, NETWORK_DEPTH, NETWORK_MAX_NODES, &r->arena, &view);
	title = arena_printf(&r->arena, "%s：%s", _(choice_label(net_entity_kinds, e.kind)),
			     network_shown(r, &e));
	if (network_links_of(r, &area, view.edges, view.nedges, &links, &err) < 0 ||
	    network_audit_view(req_db(r), &r->actor, &area, id, e.division,
			       arena_printf(&r->arena, "关系图：%s %s，%d 层",
					    choice_label(net_entity_kinds, e.kind), e.value,
					    NETWORK_DEPTH),
			       view.nodes, view.nnodes, &err) < 0)
		return internal(w, "network entity", &err);
	buf_release(&err);

	crumbs[1].label = title;
	layout_begin(r, w, title, MOD_CASE, crumbs, 2);
	if (notice || done) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, notice ? notice : _(done->label));
		html_raw_trusted(b, "</div>");
	}
	details(r, b, &e);
	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_text(b, _("关系图"));
	html_raw_trusted(b, "</h2>");
	legend(b);
	html_rawf_trusted(b, "<div class=\"netgraph\" id=\"netgraph\" data-center=\"%" PRId64
			     "\" data-depth=\"%d\" role=\"img\" data-loading=\"",
			  id, NETWORK_DEPTH);
	html_attr(b, _("正在加载……"));
	html_raw_trusted(b, "\" data-failed=\"");
	html_attr(b, _("关系图加载失败："));
	html_raw_trusted(b, "\" aria-label=\"");
	html_attr(b, _("关系图：下方表格列出了图中的全部关系"));
	html_raw_trusted(b, "\"></div><p class=\"hint\">");
	html_textf(b, _("显示两层以内的 %d 个实体和 %d 条关系。点击节点展开其关系，双击打开该实体。"),
		   view.nnodes, view.nedges);
	if (view.truncated) {
		html_raw_trusted(b, " ");
		html_textf(b, _("关系过多，只显示最近的 %d 个实体。"), NETWORK_MAX_NODES);
	}
	html_raw_trusted(b, "</p>");
	path_to_form(r, b, id);
	html_raw_trusted(b, "</section><section class=\"panel\"><h2>");
	html_text(b, _("关系列表"));
	html_raw_trusted(b, "</h2>");
	links_table(r, b, &area, links, view.nedges, "links");
	html_raw_trusted(b, "</section>");
	if (role_can(r->role, MOD_CASE, ACC_WRITE))
		network_link_form(r, b, id, title, errs, nerr, nerr > 0);
	html_raw_trusted(b, "<p class=\"small muted\">");
	html_text(b, _("本次查阅已记入审计日志。"));
	html_raw_trusted(b, "</p>");
	layout_end(r, w);
	return nerr ? 422 : 200;
}

int page_network_entity(struct req *r, struct resp *w)
{
	int64_t id = network_path_id(r);
	if (!id)
		return not_found(w);
	return network_render_entity(r, w, id, NULL, NULL, 0);
}

/* ---- the shortest path ---- */

/*
 * One end of the path: the entity `idname` names, or the one `qname`'s
 * text finds. *id 0 with *choices (several found) or none. Returns 0 or -1.
 */
static int path_end(struct req *r, const char *idname, const char *qname, int64_t *id,
		    struct net_entity **choices, int *nchoices, struct buf *err)
{
	const char *q = req_query(r, qname);
	*id = req_int(r, idname, 0, 0, INT64_MAX);
	*nchoices = 0;
	*choices = NULL;
	if (*id || !q || !*q)
		return 0;
	if (network_search(r, q, choices, nchoices, err) < 0)
		return -1;
	if (*nchoices == 1)
		*id = (*choices)[0].id;
	return 0;
}

/* Entities to choose from when a text found several (or none). */
static void choose(struct req *r, struct buf *b, const char *q, const struct net_entity *list,
		   int n, const char *other_name, int64_t other_id, int is_from)
{
	int i;
	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_text(b, arena_printf(&r->arena, is_from ? _("起点“%s”") : _("终点“%s”"), q));
	html_raw_trusted(b, "</h2>");
	if (!n) {
		html_raw_trusted(b, "<p>");
		html_text(b, _("没有找到匹配的实体"));
		html_raw_trusted(b, "</p></section>");
		return;
	}
	html_raw_trusted(b, "<p>");
	html_text(b, _("找到多个实体，请选择："));
	html_raw_trusted(b, "</p><ul class=\"choices\">");
	for (i = 0; i < n; i++) {
		struct buf href = BUF_INIT;
		buf_addf(&href, "/network/path?%s=%" PRId64, is_from ? "from" : "to", list[i].id);
		if (other_id)
			buf_addf(&href, "&%s=%" PRId64, other_name, other_id);
		else if (req_query(r, is_from ? "to_q" : "from_q")) {
			buf_addf(&href, "&%s_q=", is_from ? "to" : "from");
			html_url_value(&href, req_query(r, is_from ? "to_q" : "from_q"));
		}
		html_raw_trusted(b, "<li><span class=\"tag\">");
		html_text(b, _(choice_label(net_entity_kinds, list[i].kind)));
		html_raw_trusted(b, "</span> <a href=\"");
		html_attr(b, href.buf);
		html_raw_trusted(b, "\">");
		html_text(b, network_shown(r, &list[i]));
		html_raw_trusted(b, "</a></li>");
		buf_release(&href);
	}
	html_raw_trusted(b, "</ul></section>");
}

/* The path drawn in a row, each hop labelled with its kinds of link; the
 * nodes name their kind, and app.js gives them the legend's colours. */
static void path_chart(struct req *r, struct buf *b, const struct net_area *area,
		       const struct net_path *p, const struct net_link *links)
{
	json_t *nodes = json_array(), *edges = json_array(), *option;
	char *text;
	int i, k;

	for (i = 0; i <= p->nhops; i++) {
		const struct net_entity *e = &area->nodes[p->nodes[i]];
		json_array_append_new(
			nodes, json_pack("{s:s,s:s,s:i,s:i}", "name",
					 arena_printf(&r->arena, "%d. %s", i + 1, network_shown(r, e)),
					 "kind", e->kind, "x", i * 160, "y", (i % 2) * 40));
	}
	for (i = 0; i < p->nhops; i++) {
		struct buf kinds = BUF_INIT;
		for (k = p->hop_start[i]; k < p->hop_start[i + 1]; k++) {
			const char *label = _(choice_label(net_link_kinds, links[k].kind));
			if (!strstr(kinds.buf, label))
				buf_addf(&kinds, "%s%s", kinds.len ? "、" : "", label);
		}
		json_array_append_new(edges, json_pack("{s:i,s:i,s:{s:b,s:s}}", "source", i, "target",
							i + 1, "label", "show", 1, "formatter",
							kinds.buf));
		buf_release(&kinds);
	}
	option = json_pack("{s:[{s:s,s:s,s:b,s:i,s:{s:b,s:s},s:[s,s],s:i,s:o,s:o}]}", "series",
			   "type", "graph", "layout", "none", "roam", 1, "symbolSize", 26, "label",
			   "show", 1, "position", "bottom", "edgeSymbol", "none", "arrow",
			   "edgeSymbolSize", 8, "data", nodes, "links", edges);
	text = json_dumps(option, JSON_COMPACT);
	legend(b);
	html_raw_trusted(b, "<div class=\"chart netpath\" id=\"path-chart\" data-chart=\"");
	html_attr(b, text ? text : "{}");
	html_raw_trusted(b, "\"></div>");
	free(text);
	json_decref(option);
}

static void path_table(struct req *r, struct buf *b, const struct net_area *area,
		       const struct net_path *p, const struct net_link *links)
{
	int i, k;
	html_raw_trusted(b, "<table class=\"grid\" id=\"path\"><thead><tr><th class=\"n\">");
	html_text(b, _("步"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("从"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("关系"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("到"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < p->nhops; i++) {
		html_rawf_trusted(b, "<tr><td class=\"n\">%d</td>", i + 1);
		end_cell(r, b, area, area->nodes[p->nodes[i]].id);
		html_raw_trusted(b, "<td><ul class=\"hop\">");
		for (k = p->hop_start[i]; k < p->hop_start[i + 1]; k++) {
			const struct net_link *l = &links[k];
			html_raw_trusted(b, "<li>");
			html_text(b, _(choice_label(net_link_kinds, l->kind)));
			html_raw_trusted(b, " <span class=\"muted small\">");
			html_text(b, network_days(r, l->date_from, l->date_to));
			if (*l->case_no || l->case_id) {
				html_raw_trusted(b, " · ");
				network_case_ref(r, b, l->case_id, l->case_no);
			}
			html_raw_trusted(b, "</span></li>");
		}
		html_raw_trusted(b, "</ul></td>");
		end_cell(r, b, area, area->nodes[p->nodes[i + 1]].id);
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
}

int page_network_path(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct net_entity *fc, *tc, from, to;
	struct net_area area;
	struct net_path p;
	struct net_link *links = NULL;
	struct crumb crumbs[2] = { { N_("关系网络"), "/network" }, { N_("最短路径"), NULL } };
	int64_t fid, tid;
	int nf, nt, rc, found = 0;

	if (path_end(r, "from", "from_q", &fid, &fc, &nf, &err) < 0 ||
	    path_end(r, "to", "to_q", &tid, &tc, &nt, &err) < 0)
		return internal(w, "network path", &err);
	if (fid && tid) {
		rc = network_entity_open(req_db(r), &r->actor, fid, &r->arena, &from, &err);
		if (rc == 0)
			rc = network_entity_open(req_db(r), &r->actor, tid, &r->arena, &to, &err);
		if (rc < 0)
			return internal(w, "network path", &err);
		if (rc) {
			buf_release(&err);
			return not_found(w);
		}
		if (network_area(req_db(r), &r->actor, &r->arena, &area, &err) < 0)
			return internal(w, "network path", &err);
		found = net_shortest_path(&area.g, net_node_index(&area.g, fid),
					  net_node_index(&area.g, tid), &r->arena, &p);
		if ((found && network_links_of(r, &area, p.hop_edges, p.hop_start[p.nhops], &links,
					       &err) < 0) ||
		    network_audit_view(req_db(r), &r->actor, &area, 0, NULL,
				       arena_printf(&r->arena, "最短路径：%s → %s，%s", from.value,
						    to.value,
						    found ? arena_printf(&r->arena, "%d 步", p.nhops)
							  : "没有路径"),
				       found ? p.nodes : NULL, found ? p.nhops + 1 : 0, &err) < 0)
			return internal(w, "network path", &err);
	}
	buf_release(&err);
	layout_begin(r, w, _("最短路径"), MOD_CASE, crumbs, 2);
	if (!fid || !tid) {
		if (!fid)
			choose(r, b, req_query(r, "from_q") ? req_query(r, "from_q") : "", fc, nf, "to",
			       tid, 1);
		if (!tid)
			choose(r, b, req_query(r, "to_q") ? req_query(r, "to_q") : "", tc, nt, "from",
			       fid, 0);
		layout_end(r, w);
		return 200;
	}
	html_raw_trusted(b, "<section class=\"panel\">");
	html_raw_trusted(b, found ? "<p id=\"path-summary\">" : "<div class=\"notice\" id=\"path-summary\">");
	if (found)
		html_text(b, arena_printf(&r->arena, _("从“%s”到“%s”：%d 步"), network_shown(r, &from),
					  network_shown(r, &to), p.nhops));
	else
		html_text(b, arena_printf(&r->arena,
					  _("在本辖区登记的关系中，“%s”与“%s”之间没有关系路径"),
					  network_shown(r, &from), network_shown(r, &to)));
	html_raw_trusted(b, found ? "</p>" : "</div>");
	if (found && p.nhops) {
		path_chart(r, b, &area, &p, links);
		path_table(r, b, &area, &p, links);
	}
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return 200;
}
