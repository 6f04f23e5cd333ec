/* network-test.c - graph queries at their edges: no path, the only bridge, equal paths, self-links, size. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/network.h"

#include <stdio.h>
#include <string.h>

/*
 * A small graph written as text: nodes "id:kind" (p person, h phone,
 * v vehicle, b bank account) and edges "id:from-to" with an optional case
 * number "id:from-to#NO" or case id "id:from-to@ID".
 */
struct fixture {
	struct arena a;
	struct net_entity nodes[64];
	struct net_edge edges[64];
	int nn, ne;
	struct net_graph g;
};

static const char *kind_of_letter(char c)
{
	return c == 'p' ? "person" : c == 'v' ? "vehicle" : c == 'b' ? "bank_account" : "phone";
}

static void build(struct fixture *f, const char *nodes, const char *edges)
{
	const char *p;
	int n;
	long long id, from, to, cid;
	char kind, no[32];

	memset(f, 0, sizeof(*f));
	for (p = nodes; sscanf(p, " %lld:%c%n", &id, &kind, &n) == 2; p += n) {
		f->nodes[f->nn].id = id;
		f->nodes[f->nn].kind = kind_of_letter(kind);
		f->nodes[f->nn].value = "";
		f->nn++;
	}
	for (p = edges; sscanf(p, " %lld:%lld-%lld%n", &id, &from, &to, &n) == 3; p += n) {
		struct net_edge *e = &f->edges[f->ne++];
		e->id = id;
		e->from_id = from;
		e->to_id = to;
		e->case_no = "";
		p += n;
		n = 0;
		if (*p == '#' && sscanf(p, "#%31[^ ]%n", no, &n) == 1)
			e->case_no = arena_strdup(&f->a, no);
		else if (*p == '@' && sscanf(p, "@%lld%n", &cid, &n) == 1)
			e->case_id = cid;
	}
	net_graph_init(&f->g, f->nodes, f->nn, f->edges, f->ne, &f->a);
}

static int ix(struct fixture *f, int64_t id)
{
	int i = net_node_index(&f->g, id);
	if (i < 0)
		fail_msg("no node %lld", (long long)id);
	return i;
}

/* The entity ids of a list of node indices, as "1 2 3". */
static const char *ids(struct fixture *f, const int *list, int n)
{
	struct buf b = BUF_INIT;
	const char *out;
	int i;
	for (i = 0; i < n; i++)
		buf_addf(&b, i ? " %lld" : "%lld", (long long)f->nodes[list[i]].id);
	out = arena_strdup(&f->a, b.buf);
	buf_release(&b);
	return out;
}

/* The link ids of a list of edge indices. */
static const char *edge_ids(struct fixture *f, const int *list, int n)
{
	struct buf b = BUF_INIT;
	const char *out;
	int i;
	for (i = 0; i < n; i++)
		buf_addf(&b, i ? " %lld" : "%lld", (long long)f->edges[list[i]].id);
	out = arena_strdup(&f->a, b.buf);
	buf_release(&b);
	return out;
}

static void done(struct fixture *f)
{
	arena_release(&f->a);
}

static void test_index(void **state)
{
	struct fixture f;
	(void)state;
	/* ids need not be contiguous; an edge to an unknown entity is left out */
	build(&f, "10:p 20:h 35:h", "1:10-20 2:20-99 3:35-10");
	assert_int_equal(net_node_index(&f.g, 10), 0);
	assert_int_equal(net_node_index(&f.g, 35), 2);
	assert_int_equal(net_node_index(&f.g, 11), -1);
	assert_int_equal(net_node_index(&f.g, 99), -1);
	assert_int_equal(f.g.from[1], -1);
	/* neighbours sorted by entity id whatever the links' order */
	assert_int_equal(f.g.start[1] - f.g.start[0], 2);
	assert_int_equal(f.g.adj[f.g.start[0]].node, ix(&f, 20));
	assert_int_equal(f.g.adj[f.g.start[0] + 1].node, ix(&f, 35));
	done(&f);
	/* no nodes at all */
	build(&f, "", "1:1-2");
	assert_int_equal(f.g.nnodes, 0);
	assert_int_equal(net_node_index(&f.g, 1), -1);
	done(&f);
}

static void test_expand(void **state)
{
	static const struct {
		int depth, max;
		const char *nodes, *edges;
		int truncated;
	} rows[] = {
		/* 1 - 2 - 3 - 4, and 2 - 5; 6 alone */
		{ 0, 0, "1", "", 0 },
		{ 1, 0, "1 2", "11", 0 },
		{ 2, 0, "1 2 3 5", "11 12 14", 0 },
		{ 3, 0, "1 2 3 5 4", "11 12 13 14", 0 },
		{ 9, 0, "1 2 3 5 4", "11 12 13 14", 0 },
		{ -1, 0, "1", "", 0 },         /* a negative depth is depth 0 */
		{ 2, 3, "1 2 3", "11 12", 1 }, /* capped: the nearest first */
		{ 2, 4, "1 2 3 5", "11 12 14", 0 },
	};
	struct fixture f;
	struct net_view v;
	size_t i;
	(void)state;

	build(&f, "1:p 2:h 3:h 4:p 5:v 6:p", "11:1-2 12:2-3 13:3-4 14:5-2");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		net_expand(&f.g, ix(&f, 1), rows[i].depth, rows[i].max, &f.a, &v);
		assert_string_equal(ids(&f, v.nodes, v.nnodes), rows[i].nodes);
		assert_string_equal(edge_ids(&f, v.edges, v.nedges), rows[i].edges);
		assert_int_equal(v.truncated, rows[i].truncated);
	}
	/* depths follow the visit order */
	net_expand(&f.g, ix(&f, 4), 9, 0, &f.a, &v);
	assert_string_equal(ids(&f, v.nodes, v.nnodes), "4 3 2 1 5");
	assert_int_equal(v.depth[0], 0);
	assert_int_equal(v.depth[2], 2);
	assert_int_equal(v.depth[4], 3);
	/* an isolated node is its own neighbourhood; a node out of range none */
	net_expand(&f.g, ix(&f, 6), 2, 0, &f.a, &v);
	assert_string_equal(ids(&f, v.nodes, v.nnodes), "6");
	net_expand(&f.g, -1, 2, 0, &f.a, &v);
	assert_int_equal(v.nnodes, 0);
	net_expand(&f.g, f.g.nnodes, 2, 0, &f.a, &v);
	assert_int_equal(v.nnodes, 0);
	done(&f);
}

static void test_no_path(void **state)
{
	struct fixture f;
	struct net_path p;
	(void)state;
	/* two groups: 1-2-3 and 4-5 */
	build(&f, "1:p 2:h 3:p 4:p 5:h", "1:1-2 2:2-3 3:4-5");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), ix(&f, 5), &f.a, &p), 0);
	assert_int_equal(p.nhops, 0);
	assert_null(p.nodes);
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), -1, &f.a, &p), 0);
	assert_int_equal(net_shortest_path(&f.g, 99, ix(&f, 1), &f.a, &p), 0);
	/* the same node: a path of no hops */
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 2), ix(&f, 2), &f.a, &p), 1);
	assert_int_equal(p.nhops, 0);
	assert_string_equal(ids(&f, p.nodes, 1), "2");
	done(&f);
}

static void test_bridge(void **state)
{
	struct fixture f;
	struct net_path p;
	(void)state;
	/* two triangles, 1-2-3 and 4-5-6, joined by the only bridge 3-4 */
	build(&f, "1:p 2:p 3:h 4:h 5:p 6:p",
	      "1:1-2 2:2-3 3:3-1 4:4-5 5:5-6 6:6-4 7:3-4");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), ix(&f, 6), &f.a, &p), 1);
	assert_int_equal(p.nhops, 3);
	assert_string_equal(ids(&f, p.nodes, p.nhops + 1), "1 3 4 6");
	assert_string_equal(edge_ids(&f, p.hop_edges, p.hop_start[3]), "3 7 6");
	/* the way back is the same bridge, links read both ways */
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 5), ix(&f, 2), &f.a, &p), 1);
	assert_string_equal(ids(&f, p.nodes, p.nhops + 1), "5 4 3 2");
	done(&f);
	/* without the bridge there is no way across */
	build(&f, "1:p 2:p 3:h 4:h 5:p 6:p", "1:1-2 2:2-3 3:3-1 4:4-5 5:5-6 6:6-4");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), ix(&f, 6), &f.a, &p), 0);
	done(&f);
}

static void test_equal_paths(void **state)
{
	struct fixture f;
	struct net_path p;
	(void)state;
	/* a diamond: 1-7-9 and 1-3-9 are both two hops; 3 has the lower id */
	build(&f, "1:p 3:h 7:h 9:p", "50:1-7 51:7-9 52:1-3 53:3-9");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), ix(&f, 9), &f.a, &p), 1);
	assert_string_equal(ids(&f, p.nodes, 3), "1 3 9");
	assert_string_equal(edge_ids(&f, p.hop_edges, p.hop_start[2]), "52 53");
	/* from the other end the choice is made the same way */
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 9), ix(&f, 1), &f.a, &p), 1);
	assert_string_equal(ids(&f, p.nodes, 3), "9 3 1");
	done(&f);
	/* a longer way round is never taken; parallel links all listed, lowest first */
	build(&f, "1:h 2:h 3:h 4:h", "9:1-2 4:2-1 7:1-2 1:2-3 2:3-4 3:4-1");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 2), ix(&f, 4), &f.a, &p), 1);
	assert_int_equal(p.nhops, 2);
	assert_string_equal(ids(&f, p.nodes, 3), "2 1 4");
	assert_string_equal(edge_ids(&f, p.hop_edges, p.hop_start[1]), "4 7 9");
	assert_string_equal(edge_ids(&f, p.hop_edges + p.hop_start[1], p.hop_start[2] - p.hop_start[1]),
			    "3");
	done(&f);
}

static void test_self_link(void **state)
{
	struct fixture f;
	struct net_path p;
	struct net_view v;
	struct net_group *gs;
	int n;
	(void)state;
	/* 1 links to itself (twice) and to 2; 3 links only to itself */
	build(&f, "1:p 2:h 3:h", "5:1-1 6:1-2 7:3-3 8:1-1");
	assert_int_equal(f.g.start[1] - f.g.start[0], 3); /* each self-link once */
	net_expand(&f.g, ix(&f, 1), 3, 0, &f.a, &v);
	assert_string_equal(ids(&f, v.nodes, v.nnodes), "1 2");
	assert_string_equal(edge_ids(&f, v.edges, v.nedges), "5 6 8");
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 1), ix(&f, 1), &f.a, &p), 1);
	assert_int_equal(p.nhops, 0);
	assert_int_equal(net_shortest_path(&f.g, ix(&f, 3), ix(&f, 1), &f.a, &p), 0);
	net_groups(&f.g, 1, &f.a, &gs, &n);
	assert_int_equal(n, 2);
	assert_int_equal(gs[0].nnodes, 2);
	assert_int_equal(gs[0].nedges, 3);
	assert_int_equal(gs[1].nnodes, 1);
	assert_int_equal(gs[1].nedges, 1);
	/* a self-link does not make a lone node a group of two */
	net_groups(&f.g, 2, &f.a, &gs, &n);
	assert_int_equal(n, 1);
	done(&f);
}

static void test_groups(void **state)
{
	struct fixture f;
	struct net_group *gs;
	int n;
	(void)state;
	/* A: persons 1, 2, 3 with phones 10, 11 (five nodes; case numbers and
	 * ids repeated); B: 4 - 12 - 5 (three, two persons); C: 13 - 14
	 * (phones only, two nodes); D: 6 alone; E: 7 - 8, two persons, tied
	 * with C on size but ahead on persons */
	build(&f, "1:p 2:p 3:p 4:p 5:p 6:p 7:p 8:p 10:h 11:h 12:v 13:h 14:h",
	      "1:1-10#2024-7 2:2-10#2024-3 3:10-11 4:11-3#2024-7 5:1-2@17 6:2-1@5 7:3-11@17 "
	      "8:4-12 9:12-5#2025-1 10:13-14 11:7-8");
	net_groups(&f.g, 2, &f.a, &gs, &n);
	assert_int_equal(n, 4);
	assert_int_equal(gs[0].nnodes, 5);
	assert_string_equal(ids(&f, gs[0].nodes, gs[0].nnodes), "1 2 3 10 11");
	assert_string_equal(ids(&f, gs[0].persons, gs[0].npersons), "1 2 3");
	assert_int_equal(gs[0].nedges, 7);
	assert_int_equal(gs[0].ncase_nos, 2);
	assert_string_equal(gs[0].case_nos[0], "2024-3");
	assert_string_equal(gs[0].case_nos[1], "2024-7");
	assert_int_equal(gs[0].ncase_ids, 2);
	assert_int_equal(gs[0].case_ids[0], 5);
	assert_int_equal(gs[0].case_ids[1], 17);
	/* the hub has the most links: 1, 2, 10 and 11 have three, 3 two; the
	 * lowest id of a tie */
	assert_int_equal(f.nodes[gs[0].hub].id, 1);
	assert_int_equal(gs[1].nnodes, 3);
	assert_int_equal(gs[1].npersons, 2);
	assert_string_equal(gs[1].case_nos[0], "2025-1");
	assert_int_equal(f.nodes[gs[1].hub].id, 12);
	/* equal size: more persons first */
	assert_string_equal(ids(&f, gs[2].nodes, gs[2].nnodes), "7 8");
	assert_int_equal(gs[2].ncase_nos + gs[2].ncase_ids, 0);
	assert_string_equal(ids(&f, gs[3].nodes, gs[3].nnodes), "13 14");
	assert_int_equal(gs[3].npersons, 0);
	/* a lone node is a group only when asked for */
	net_groups(&f.g, 1, &f.a, &gs, &n);
	assert_int_equal(n, 5);
	assert_string_equal(ids(&f, gs[4].nodes, 1), "6");
	net_groups(&f.g, 4, &f.a, &gs, &n);
	assert_int_equal(n, 1);
	net_groups(&f.g, 6, &f.a, &gs, &n);
	assert_int_equal(n, 0);
	done(&f);
	/* equal size and persons: the lower hub first */
	build(&f, "1:p 2:h 3:p 4:h", "1:3-4 2:1-2");
	net_groups(&f.g, 2, &f.a, &gs, &n);
	assert_int_equal(n, 2);
	assert_string_equal(ids(&f, gs[0].nodes, 2), "1 2");
	done(&f);
}

/* A chain of N nodes with a star of M leaves on its first node. */
static void test_large(void **state)
{
	enum { N = 20000, M = 3000 };
	struct arena a = ARENA_INIT;
	struct net_entity *nodes = arena_zalloc(&a, sizeof(*nodes) * (N + M));
	struct net_edge *edges = arena_zalloc(&a, sizeof(*edges) * (N + M));
	struct net_graph g;
	struct net_path p;
	struct net_view v;
	struct net_group *gs;
	int i, n;
	(void)state;

	for (i = 0; i < N + M; i++) {
		nodes[i].id = 1000 + i;
		nodes[i].kind = i % 3 ? "phone" : "person";
	}
	for (i = 0; i + 1 < N; i++)
		edges[i] = (struct net_edge){ i + 1, 1000 + i, 1001 + i, 0, "" };
	for (i = 0; i < M; i++)
		edges[N - 1 + i] = (struct net_edge){ N + i, 1000, 1000 + N + i, 0, "" };
	net_graph_init(&g, nodes, N + M, edges, N - 1 + M, &a);
	assert_int_equal(net_shortest_path(&g, 0, N - 1, &a, &p), 1);
	assert_int_equal(p.nhops, N - 1);
	assert_int_equal(p.nodes[N / 2], N / 2);
	assert_int_equal(net_shortest_path(&g, N + 5, N - 1, &a, &p), 1);
	assert_int_equal(p.nhops, N);
	net_groups(&g, 2, &a, &gs, &n);
	assert_int_equal(n, 1);
	assert_int_equal(gs[0].nnodes, N + M);
	assert_int_equal(gs[0].nedges, N - 1 + M);
	assert_int_equal(gs[0].npersons, (N + M + 2) / 3);
	assert_int_equal(gs[0].hub, 0);
	/* a neighbourhood of the star's centre, capped */
	net_expand(&g, 0, 2, 300, &a, &v);
	assert_int_equal(v.nnodes, 300);
	assert_true(v.truncated);
	net_expand(&g, 0, 1, 0, &a, &v);
	assert_int_equal(v.nnodes, M + 2);
	assert_int_equal(v.nedges, M + 1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_no_path),
		cmocka_unit_test(test_bridge),
		cmocka_unit_test(test_equal_paths),
		cmocka_unit_test(test_self_link),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
