/* api-network.c - /api/v1/network: groups, search, an entity with its links, neighbourhoods, shortest paths. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "web/handlers.h"
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

static json_t *links_json(struct req *r, const struct net_link *links, int n)
{
	json_t *list = json_array();
	int i;
	for (i = 0; i < n; i++)
		json_array_append_new(list, network_link_json(r, &links[i]));
	return list;
}

/* GET /api/v1/network/groups?min=2&offset=&limit= */
int api_network_groups(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct net_area area;
	struct net_group *gs;
	int min = (int)req_int(r, "min", 2, 1, 1000000), limit = (int)req_int(r, "limit", 50, 1, 500);
	int offset = (int)req_int(r, "offset", 0, 0, 100000000), n, i, k, nshown = 0, *shown;
	json_t *items = json_array();

	if (network_area(req_db(r), &r->actor, &r->arena, &area, &err) < 0) {
		json_decref(items);
		return internal(w, "api network groups", &err);
	}
	net_groups(&area.g, min, &r->arena, &gs, &n);
	shown = arena_zalloc(&r->arena, sizeof(int) * (size_t)(area.nnodes + 1));
	for (i = offset; i < n && i < offset + limit; i++) {
		const struct net_group *g = &gs[i];
		json_t *persons = json_array(), *nos = json_array(), *ids = json_array();
		for (k = 0; k < g->npersons; k++) {
			json_array_append_new(persons,
					      network_entity_json(r, &area.nodes[g->persons[k]]));
			shown[nshown++] = g->persons[k];
		}
		for (k = 0; k < g->ncase_nos; k++)
			json_array_append_new(nos, json_string(g->case_nos[k]));
		for (k = 0; k < g->ncase_ids; k++)
			json_array_append_new(ids, json_integer(g->case_ids[k]));
		json_array_append_new(items, json_pack("{s:i,s:i,s:i,s:o,s:o,s:o,s:o}", "size",
						       g->nnodes, "links", g->nedges, "person_count",
						       g->npersons, "hub",
						       network_entity_json(r, &area.nodes[g->hub]),
						       "persons", persons, "case_nos", nos,
						       "case_ids", ids));
	}
	if (offset < n && network_audit_view(req_db(r), &r->actor, &area, 0, NULL,
					 arena_printf(&r->arena, "团伙列表（接口，第 %d 个起）",
						      offset + 1),
					 shown, nshown, &err) < 0) {
		json_decref(items);
		return internal(w, "api network groups", &err);
	}
	buf_release(&err);
	return resp_json(w, 200, json_pack("{s:i,s:i,s:i,s:o}", "total", n, "offset", offset,
					   "limit", limit, "items", items));
}

/* GET /api/v1/network/entities?q=TEXT */
int api_network_entities(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct net_entity *list;
	const char *q = req_query(r, "q");
	json_t *items;
	int n, i;

	if (!q || !*q)
		return resp_error(w, 400, "bad_param", N_("请填写要查找的内容"), "q");
	if (network_search(r, q, &list, &n, &err) < 0)
		return internal(w, "api network search", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, network_entity_json(r, &list[i]));
	return resp_json(w, 200, json_pack("{s:o}", "items", items));
}

/*
 * The neighbourhood of the path's entity to depth, audited: answers 0 with
 * e, area and view filled, or a status already answered.
 */
static int neighbourhood(struct req *r, struct resp *w, int depth, struct net_entity *e,
			 struct net_area *area, struct net_view *view, struct net_link **links)
{
	struct buf err = BUF_INIT;
	int64_t id = network_path_id(r);
	int rc = id ? network_entity_open(req_db(r), &r->actor, id, &r->arena, e, &err)
		    : STORE_NOTFOUND;

	if (rc < 0)
		return internal(w, "api network entity", &err);
	if (rc) {
		buf_release(&err);
		return not_found(w);
	}
	if (network_area(req_db(r), &r->actor, &r->arena, area, &err) < 0)
		return internal(w, "api network entity", &err);
	net_expand(&area->g, net_node_index(&area->g, id), depth, NETWORK_MAX_NODES, &r->arena,
		   view);
	if (network_links_of(r, area, view->edges, view->nedges, links, &err) < 0 ||
	    network_audit_view(req_db(r), &r->actor, area, id, e->division,
			       arena_printf(&r->arena, "关系图（接口）：%s %s，%d 层",
					    choice_label(net_entity_kinds, e->kind), e->value, depth),
			       view->nodes, view->nnodes, &err) < 0)
		return internal(w, "api network entity", &err);
	buf_release(&err);
	return 0;
}

/* GET /api/v1/network/entities/{id}: the entity, its own links and the entities at their other ends. */
int api_network_entity(struct req *r, struct resp *w)
{
	struct net_entity e;
	struct net_area area;
	struct net_view view;
	struct net_link *links;
	json_t *list, *others;
	int status = neighbourhood(r, w, 1, &e, &area, &view, &links), i;

	if (status)
		return status;
	/* the neighbourhood's links between two neighbours are not its own */
	list = json_array();
	for (i = 0; i < view.nedges; i++)
		if (links[i].from_id == e.id || links[i].to_id == e.id)
			json_array_append_new(list, network_link_json(r, &links[i]));
	others = json_array();
	for (i = 1; i < view.nnodes; i++)
		json_array_append_new(others, network_entity_json(r, &area.nodes[view.nodes[i]]));
	return resp_json(w, 200, json_pack("{s:o,s:o,s:o}", "entity", network_entity_json(r, &e),
					   "links", list, "neighbours", others));
}

/* GET /api/v1/network/entities/{id}/graph?depth=N: nodes (with their hops
 * from the entity) and links, for drawing and expanding. */
int api_network_graph(struct req *r, struct resp *w)
{
	int depth = (int)req_int(r, "depth", NETWORK_DEPTH, 0, NETWORK_MAX_DEPTH), i;
	struct net_entity e;
	struct net_area area;
	struct net_view view;
	struct net_link *links;
	json_t *nodes;
	int status = neighbourhood(r, w, depth, &e, &area, &view, &links);

	if (status)
		return status;
	nodes = json_array();
	for (i = 0; i < view.nnodes; i++) {
		json_t *o = network_entity_json(r, &area.nodes[view.nodes[i]]);
		json_object_set_new(o, "depth", json_integer(view.depth[i]));
		json_array_append_new(nodes, o);
	}
	return resp_json(w, 200, json_pack("{s:I,s:i,s:b,s:o,s:o}", "center", (json_int_t)e.id,
					   "depth", depth, "truncated", view.truncated, "nodes",
					   nodes, "links", links_json(r, links, view.nedges)));
}

/* GET /api/v1/network/path?from=ID&to=ID */
int api_network_path(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct net_entity from, to;
	struct net_area area;
	struct net_path p;
	struct net_link *links = NULL;
	int64_t fid = req_int(r, "from", 0, 0, INT64_MAX), tid = req_int(r, "to", 0, 0, INT64_MAX);
	json_t *nodes, *steps;
	int rc, found, i;

	if (!fid || !tid)
		return resp_error(w, 400, "bad_param", N_("请指定起点和终点"), fid ? "to" : "from");
	rc = network_entity_open(req_db(r), &r->actor, fid, &r->arena, &from, &err);
	if (rc == 0)
		rc = network_entity_open(req_db(r), &r->actor, tid, &r->arena, &to, &err);
	if (rc < 0)
		return internal(w, "api network path", &err);
	if (rc) {
		buf_release(&err);
		return not_found(w);
	}
	if (network_area(req_db(r), &r->actor, &r->arena, &area, &err) < 0)
		return internal(w, "api network path", &err);
	found = net_shortest_path(&area.g, net_node_index(&area.g, fid),
				  net_node_index(&area.g, tid), &r->arena, &p);
	if ((found &&
	     network_links_of(r, &area, p.hop_edges, p.hop_start[p.nhops], &links, &err) < 0) ||
	    network_audit_view(req_db(r), &r->actor, &area, 0, NULL,
			       arena_printf(&r->arena, "最短路径（接口）：%s → %s，%s", from.value,
					    to.value,
					    found ? arena_printf(&r->arena, "%d 步", p.nhops)
						  : "没有路径"),
			       found ? p.nodes : NULL, found ? p.nhops + 1 : 0, &err) < 0)
		return internal(w, "api network path", &err);
	buf_release(&err);
	nodes = json_array();
	steps = json_array();
	for (i = 0; found && i <= p.nhops; i++)
		json_array_append_new(nodes, network_entity_json(r, &area.nodes[p.nodes[i]]));
	for (i = 0; found && i < p.nhops; i++)
		json_array_append_new(
			steps, json_pack("{s:I,s:I,s:o}", "from",
					 (json_int_t)area.nodes[p.nodes[i]].id, "to",
					 (json_int_t)area.nodes[p.nodes[i + 1]].id, "links",
					 links_json(r, links + p.hop_start[i],
						    p.hop_start[i + 1] - p.hop_start[i])));
	return resp_json(w, 200, json_pack("{s:b,s:i,s:o,s:o}", "found", found, "hops",
					   found ? p.nhops : 0, "nodes", nodes, "steps", steps));
}
