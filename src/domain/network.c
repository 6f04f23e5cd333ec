/* network.c - graph queries over an area's links: neighbourhoods, shortest paths, groups. */
#include "domain/network.h"

#include <stdlib.h>
#include <string.h>

/* ---- building ---- */

int net_node_index(const struct net_graph *g, int64_t id)
{
	int lo = 0, hi = g->nnodes - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (g->nodes[mid].id == id)
			return mid;
		if (g->nodes[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Neighbours by their entity id, then by the link's id. */
static int adj_cmp(const void *x, const void *y, void *ctx)
{
	const struct net_graph *g = ctx;
	const struct net_adj *a = x, *b = y;
	int64_t ia = g->nodes[a->node].id, ib = g->nodes[b->node].id;
	if (ia != ib)
		return ia < ib ? -1 : 1;
	ia = g->edges[a->edge].id;
	ib = g->edges[b->edge].id;
	return ia < ib ? -1 : ia > ib;
}

void net_graph_init(struct net_graph *g, const struct net_entity *nodes, int nnodes,
		    const struct net_edge *edges, int nedges, struct arena *a)
{
	int *fill, i, total = 0;

	memset(g, 0, sizeof(*g));
	g->nodes = nodes;
	g->nnodes = nnodes;
	g->edges = edges;
	g->nedges = nedges;
	g->start = arena_zalloc(a, sizeof(*g->start) * (size_t)(nnodes + 1));
	g->from = arena_zalloc(a, sizeof(*g->from) * (size_t)(nedges + 1));
	g->to = arena_zalloc(a, sizeof(*g->to) * (size_t)(nedges + 1));
	/* Count each node's neighbours, then place them (counting sort). */
	for (i = 0; i < nedges; i++) {
		g->from[i] = net_node_index(g, edges[i].from_id);
		g->to[i] = net_node_index(g, edges[i].to_id);
		if (g->from[i] < 0 || g->to[i] < 0) {
			g->from[i] = g->to[i] = -1;
			continue;
		}
		g->start[g->from[i] + 1]++;
		if (g->to[i] != g->from[i])
			g->start[g->to[i] + 1]++;
	}
	for (i = 0; i < nnodes; i++)
		g->start[i + 1] += g->start[i];
	total = g->start[nnodes];
	g->adj = arena_zalloc(a, sizeof(*g->adj) * (size_t)(total + 1));
	fill = arena_zalloc(a, sizeof(*fill) * (size_t)(nnodes + 1));
	memcpy(fill, g->start, sizeof(*fill) * (size_t)nnodes);
	for (i = 0; i < nedges; i++) {
		int f = g->from[i], t = g->to[i];
		if (f < 0)
			continue;
		g->adj[fill[f]++] = (struct net_adj){ t, i };
		if (t != f)
			g->adj[fill[t]++] = (struct net_adj){ f, i };
	}
	for (i = 0; i < nnodes; i++)
		if (g->start[i + 1] - g->start[i] > 1)
			qsort_r(g->adj + g->start[i], (size_t)(g->start[i + 1] - g->start[i]),
				sizeof(*g->adj), adj_cmp, g);
}

/* ---- breadth-first search ---- */

/*
 * Visits nodes breadth first from start, up to depth hops (-1: any), and
 * stops once `stop` is reached or max nodes are taken (0: no cap). dist
 * must be -1 for every node the search may reach; it gets the hops of each
 * node visited, order the visit order and, when given, parent the node
 * each was reached from (-1 for start). Returns the number visited; *cut
 * is set when a node within depth was left out.
 */
static int bfs(const struct net_graph *g, int start, int depth, int stop, int max, int *order,
	       int *dist, int *parent, int *cut)
{
	int head = 0, n = 0, k;

	*cut = 0;
	dist[start] = 0;
	order[n++] = start;
	if (parent)
		parent[start] = -1;
	while (head < n) {
		int u = order[head++];
		if (u == stop || (depth >= 0 && dist[u] >= depth))
			continue;
		for (k = g->start[u]; k < g->start[u + 1]; k++) {
			int v = g->adj[k].node;
			if (dist[v] >= 0)
				continue;
			if (max && n >= max) {
				*cut = 1;
				continue;
			}
			dist[v] = dist[u] + 1;
			if (parent)
				parent[v] = u;
			order[n++] = v;
			if (v == stop)
				return n;
		}
	}
	return n;
}

static int *ints(struct arena *a, int n)
{
	return arena_zalloc(a, sizeof(int) * (size_t)(n > 0 ? n : 1));
}

/* n ints set to -1. */
static int *unset(struct arena *a, int n)
{
	int *p = ints(a, n), i;
	for (i = 0; i < n; i++)
		p[i] = -1;
	return p;
}

void net_expand(const struct net_graph *g, int start, int depth, int max_nodes, struct arena *a,
		struct net_view *out)
{
	int *dist, *order, i, n, cut;

	memset(out, 0, sizeof(*out));
	if (start < 0 || start >= g->nnodes)
		return;
	dist = unset(a, g->nnodes);
	order = ints(a, g->nnodes);
	n = bfs(g, start, depth < 0 ? 0 : depth, -1, max_nodes > 0 ? max_nodes : 0, order, dist,
		NULL, &cut);
	out->nodes = order;
	out->nnodes = n;
	out->truncated = cut;
	out->depth = ints(a, n);
	for (i = 0; i < n; i++)
		out->depth[i] = dist[order[i]];
	out->edges = ints(a, g->nedges);
	for (i = 0; i < g->nedges; i++)
		if (g->from[i] >= 0 && dist[g->from[i]] >= 0 && dist[g->to[i]] >= 0)
			out->edges[out->nedges++] = i;
}

/* Every link of each hop of a path, in adjacency (so ascending id) order. */
static void hop_links(const struct net_graph *g, struct net_path *p, struct arena *a)
{
	size_t n = 0, alloc = 0;
	int i, k;

	p->hop_start = ints(a, p->nhops + 1);
	p->hop_edges = NULL;
	for (i = 0; i < p->nhops; i++) {
		int u = p->nodes[i], v = p->nodes[i + 1];
		p->hop_start[i] = (int)n;
		for (k = g->start[u]; k < g->start[u + 1]; k++)
			if (g->adj[k].node == v)
				*ARENA_PUSH(a, p->hop_edges, n, alloc) = g->adj[k].edge;
	}
	p->hop_start[p->nhops] = (int)n;
}

int net_shortest_path(const struct net_graph *g, int from, int to, struct arena *a,
		      struct net_path *out)
{
	int *dist, *order, *parent, i, k, cut, hops;

	memset(out, 0, sizeof(*out));
	if (from < 0 || from >= g->nnodes || to < 0 || to >= g->nnodes)
		return 0;
	dist = unset(a, g->nnodes);
	order = ints(a, g->nnodes);
	parent = ints(a, g->nnodes);
	bfs(g, from, -1, to, 0, order, dist, parent, &cut);
	if (dist[to] < 0)
		return 0;
	hops = dist[to];
	out->nhops = hops;
	out->nodes = ints(a, hops + 1);
	for (i = hops, k = to; i >= 0; i--, k = parent[k])
		out->nodes[i] = k;
	hop_links(g, out, a);
	return 1;
}

/* ---- groups ---- */

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

static int int_cmp(const void *x, const void *y)
{
	return *(const int *)x - *(const int *)y;
}

/* Sorts the group's case numbers and ids and keeps each once. */
static void group_cases_unique(struct net_group *gr)
{
	int i, w;
	if (gr->ncase_nos > 1)
		qsort(gr->case_nos, (size_t)gr->ncase_nos, sizeof(*gr->case_nos), str_cmp);
	for (i = 0, w = 0; i < gr->ncase_nos; i++)
		if (!w || strcmp(gr->case_nos[w - 1], gr->case_nos[i]))
			gr->case_nos[w++] = gr->case_nos[i];
	gr->ncase_nos = w;
	if (gr->ncase_ids > 1)
		qsort(gr->case_ids, (size_t)gr->ncase_ids, sizeof(*gr->case_ids), id_cmp);
	for (i = 0, w = 0; i < gr->ncase_ids; i++)
		if (!w || gr->case_ids[w - 1] != gr->case_ids[i])
			gr->case_ids[w++] = gr->case_ids[i];
	gr->ncase_ids = w;
}

/* Larger first, then more persons, then the hub with the lower id. */
static int group_cmp(const void *x, const void *y, void *ctx)
{
	const struct net_graph *g = *(const struct net_graph **)ctx;
	const struct net_group *a = x, *b = y;
	int64_t ia = g->nodes[a->hub].id, ib = g->nodes[b->hub].id;
	if (a->nnodes != b->nnodes)
		return a->nnodes > b->nnodes ? -1 : 1;
	if (a->npersons != b->npersons)
		return a->npersons > b->npersons ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

/* A group for the nodes order[0..m), its persons and its hub. */
static void group_make(const struct net_graph *g, const int *order, int m, struct arena *a,
		       struct net_group *gr)
{
	size_t np = 0, ap = 0;
	int k, degree = -1;

	memset(gr, 0, sizeof(*gr));
	gr->nnodes = m;
	gr->nodes = ints(a, m);
	memcpy(gr->nodes, order, sizeof(int) * (size_t)m);
	qsort(gr->nodes, (size_t)m, sizeof(int), int_cmp);
	for (k = 0; k < m; k++) {
		int v = gr->nodes[k], d = g->start[v + 1] - g->start[v];
		if (d > degree) {
			degree = d;
			gr->hub = v;
		}
		if (!strcmp(g->nodes[v].kind, "person"))
			*ARENA_PUSH(a, gr->persons, np, ap) = v;
	}
	gr->npersons = (int)np;
}

void net_groups(const struct net_graph *g, int min_size, struct arena *a, struct net_group **out,
		int *n)
{
	/* One search per component: each reaches only nodes no earlier one did. */
	int *group_of = unset(a, g->nnodes), *order = ints(a, g->nnodes);
	int *dist = unset(a, g->nnodes);
	struct net_group *list = NULL;
	size_t ng = 0, alloc = 0, *anos, *aids;
	const struct net_graph *ctx = g;
	int i, k, m, cut;

	for (i = 0; i < g->nnodes; i++) {
		if (dist[i] >= 0)
			continue;
		m = bfs(g, i, -1, -1, 0, order, dist, NULL, &cut);
		if (m < min_size)
			continue;
		for (k = 0; k < m; k++)
			group_of[order[k]] = (int)ng;
		group_make(g, order, m, a, ARENA_PUSH(a, list, ng, alloc));
	}
	/* Each link counted in its group, with the cases it names. */
	anos = arena_zalloc(a, sizeof(*anos) * (ng + 1));
	aids = arena_zalloc(a, sizeof(*aids) * (ng + 1));
	for (i = 0; i < g->nedges; i++) {
		struct net_group *gr;
		size_t nn, ni;
		if (g->from[i] < 0 || group_of[g->from[i]] < 0)
			continue;
		gr = &list[group_of[g->from[i]]];
		gr->nedges++;
		nn = (size_t)gr->ncase_nos;
		ni = (size_t)gr->ncase_ids;
		if (g->edges[i].case_no && *g->edges[i].case_no)
			*ARENA_PUSH(a, gr->case_nos, nn, anos[gr - list]) = g->edges[i].case_no;
		if (g->edges[i].case_id > 0)
			*ARENA_PUSH(a, gr->case_ids, ni, aids[gr - list]) = g->edges[i].case_id;
		gr->ncase_nos = (int)nn;
		gr->ncase_ids = (int)ni;
	}
	for (i = 0; i < (int)ng; i++)
		group_cases_unique(&list[i]);
	if (ng > 1)
		qsort_r(list, ng, sizeof(*list), group_cmp, &ctx);
	*out = list;
	*n = (int)ng;
}
