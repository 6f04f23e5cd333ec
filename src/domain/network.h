/* network.h - 打团伙、摧网络: entities and links, their rules, and graph queries over an area's links. */
#ifndef JINDU_NETWORK_H
#define JINDU_NETWORK_H

#include <stddef.h>

#include "domain/audit.h"
#include "domain/choice.h"
#include "domain/person.h"
#include "store/store.h"

/*
 * A network is made of entities (persons, phones, vehicles, addresses,
 * bank accounts, online accounts) and dated, typed links between them,
 * recorded by hand, from case records or from a spreadsheet. Links are
 * read as undirected for the graph queries; their direction (who called,
 * who paid whom) is kept for display.
 *
 * network-value.c  kinds, values as matched, which links may join what
 * network.c        the graph queries, on plain arrays (no store, no I/O)
 * network-file.c   adding entities and links, and reading an area's
 *                  graph, as a user does it: in their area, audited
 */

enum net_kind { NET_PERSON, NET_PHONE, NET_VEHICLE, NET_ADDRESS, NET_BANK, NET_ONLINE, NET_KINDS };

extern const struct choice net_entity_kinds[]; /* in enum net_kind order */
extern const struct choice net_link_kinds[];   /* 通话, 转账, 同住, 同车, 寄递, 同案, 共同出现, 持有使用, 居住 */
extern const struct choice net_link_sources[]; /* 手工录入, 案件, 批量导入 */

/* The kind a key names (or, for imports, a Chinese word such as 手机号,
 * 车牌, 银行卡, 微信): -1 when none. */
int net_kind_of(const char *key);
/* The link kind a key or its label names (通话, or "call"; 持有, 使用 too): NULL when none. */
const char *net_link_kind_of(const char *text);

/*
 * The value of an entity of kind (not NET_PERSON: a person is known by
 * their ID number) as it is matched, written to out (size bytes):
 *   phone           digits only; +86 / 0086 / 86 before a mobile number dropped
 *   vehicle         a plate: province character, a letter, 5 or 6 letters or digits
 *                   (or 4 and 挂, 学, 警 ...), upper case, without spaces, dots or dashes
 *   address         without spaces
 *   bank_account    digits only, 8 to 30 of them
 *   online_account  ASCII in lower case, without spaces
 * Full-width letters and digits count as their ASCII forms. Returns 0, or
 * -1 with *why (a Chinese source text) saying what is wrong.
 */
#define NET_VALUE_MAX 256
int net_value_norm(enum net_kind kind, const char *value, char *out, size_t size,
		   const char **why);

/* The kind a value looks like, for a spreadsheet without a kind column:
 * a valid ID number a person, a plate a vehicle, a mobile number (11
 * digits from 1) or a landline (10 to 12 from 0) a phone, 16 to 19 digits
 * a bank card; -1 for anything else (an address, an account: say which). */
int net_kind_guess(const char *value);

/* NULL when a link of kind may join entities of kinds a and b (either
 * way round), else why not (a Chinese source text). */
const char *net_link_check(const char *kind, enum net_kind a, enum net_kind b);

/*
 * What someone who may not read person files (leaders) sees of a value:
 * a person's name as its first character and 某, numbers and accounts
 * with their middle starred, an address cut after its first characters.
 * out needs NET_VALUE_MAX bytes.
 */
void net_value_mask(enum net_kind kind, const char *value, char *out, size_t size);

/* ---- the graph (network.c) ---- */

/*
 * The graph of an area: nodes (entities, ascending ids) and edges (links;
 * an edge whose end is not among the nodes is left out). Adjacency lists
 * are sorted by the neighbour's id, then the edge's, so every query gives
 * the same answer for the same data.
 */
struct net_adj {
	int node, edge; /* indices into nodes and edges */
};
struct net_graph {
	const struct net_entity *nodes;
	int nnodes;
	const struct net_edge *edges;
	int nedges;
	int *start;          /* nnodes + 1: node i's neighbours are adj[start[i] .. start[i+1]) */
	struct net_adj *adj; /* a self-link appears once in its node's list */
	int *from, *to;      /* per edge: its ends' indices, -1 when left out */
};

/* Builds g over nodes and edges (borrowed; they must outlive g) in a.
 * nodes must be in ascending id order. */
void net_graph_init(struct net_graph *g, const struct net_entity *nodes, int nnodes,
		    const struct net_edge *edges, int nedges, struct arena *a);
/* The index of the node with that entity id, or -1. */
int net_node_index(const struct net_graph *g, int64_t id);

/* A set of nodes with the edges among them. */
struct net_view {
	int *nodes;   /* indices, nearest first (breadth-first order) */
	int *depth;   /* per entry of nodes: hops from the start */
	int nnodes;
	int *edges;   /* every edge with both ends in the set, ascending */
	int nedges;
	int truncated; /* 1 when nodes within depth were left out to keep max_nodes */
};

/*
 * The neighbourhood of node start: every node within depth hops (depth 0:
 * the node alone), breadth first, at most max_nodes of them (nearer nodes
 * first; truncated says when some were left out), and every edge between
 * two of them.
 */
void net_expand(const struct net_graph *g, int start, int depth, int max_nodes, struct arena *a,
		struct net_view *out);

/*
 * A shortest path from node `from` to node `to` (links read both ways):
 * nodes from..to, and per hop the edges joining its two nodes (parallel
 * links: a call every day), the first of them the lowest id. Of several
 * shortest paths the one found first is given: each node is reached from
 * the earliest-visited node of the hop before, neighbours visited in
 * ascending id order. Returns 1 when there is a path (from == to: one
 * node, no hop), 0 when there is none.
 */
struct net_path {
	int *nodes;      /* nhops + 1 */
	int nhops;
	int *hop_start;  /* nhops + 1: hop i's edges are hop_edges[hop_start[i] .. hop_start[i+1]) */
	int *hop_edges;
};
int net_shortest_path(const struct net_graph *g, int from, int to, struct arena *a,
		      struct net_path *out);

/*
 * The groups (connected components) of at least min_size nodes, largest
 * first (then most persons, then the lowest hub id). Each with its nodes
 * (ascending), the number of its links, its persons (nodes of kind
 * person), the cases its links name — case numbers (distinct, sorted) and
 * case ids (distinct, ascending) — and a hub: the node with the most links
 * (the lowest id on a tie), where a drawing of the group may start.
 */
struct net_group {
	int *nodes;
	int nnodes;
	int nedges;
	int *persons;
	int npersons;
	const char **case_nos;
	int ncase_nos;
	int64_t *case_ids;
	int ncase_ids;
	int hub;
};
void net_groups(const struct net_graph *g, int min_size, struct arena *a, struct net_group **out,
		int *n);

/* ---- as a user does it (network-file.c) ---- */

#define NET_INVALID 10   /* errs say which fields (apart from STORE_NOTFOUND, STORE_CONFLICT) */
#define NET_ELSEWHERE 11 /* an entity with that value is on record outside the actor's area */
#define NET_MAX_ERRORS 12

/*
 * One end of a link, or an entity to add: an entity on record (id), a
 * person's file in the actor's area (person_id), or a kind and value (for
 * a person the ID number, with the name to show when the person has no
 * file in the actor's area).
 */
struct net_entity_input {
	int64_t id;
	int64_t person_id;
	const char *kind, *value, *name, *note;
};

/*
 * Adds an entity in division (the actor's area). Returns 0 (*created 1,
 * out the new entity), 0 with *created 0 when the actor can see one with
 * that kind and value already (out is it), NET_ELSEWHERE when one is on
 * record that the actor cannot see (out untouched), NET_INVALID (errs,
 * *nerr; field names are those of the input: kind, value, name, person_id,
 * division) or -1 (err). Audited ("create", "net_entity").
 */
int network_entity_add(struct db *db, const struct actor *who, const struct net_entity_input *in,
		       const char *division, struct arena *a, struct net_entity *out, int *created,
		       struct field_error *errs, int *nerr, struct buf *err);

/*
 * Adds a link as the actor records it. Each end is found as in
 * network_entity_add, or added in the link's division; an end the actor
 * cannot see is found too when named by kind and value (the link makes it
 * seen from the area: a phone of another township's case), never by id.
 * Field errors name from_*, to_* (kind, value, name, id) and kind,
 * date_from, date_to, case_no, case_id, division, note. Returns 0 (out
 * the link), STORE_CONFLICT (the same link is on record: out->id names
 * it), NET_INVALID or -1. The ends added and the link are audited in one
 * transaction.
 */
struct net_link_input {
	struct net_entity_input from, to;
	const char *kind, *date_from, *date_to, *case_no, *case_id, *division, *note;
};
int network_link_add(struct db *db, const struct actor *who, const struct net_link_input *in,
		     struct arena *a, struct net_link *out, struct field_error *errs, int *nerr,
		     struct buf *err);

/*
 * The pieces of network_link_add, for the import:
 *
 * network_link_fields checks the link's own fields into l (kind, days,
 * case number and id, note; source "case" when a case is named, else
 * "entered"), appending to errs; NET_INVALID when any is wrong.
 *
 * network_end_find finds one end inside the caller's transaction: the
 * entity on record (out->id set; by id only when the actor can see it),
 * or one to add (out->id 0, every field but division set); a person's
 * file, when there is one, in person_id and person_division. Field errors
 * are named prefix + field ("from_value"). 0, NET_INVALID or -1.
 *
 * network_link_ends_check: the two ends are not one entity, and the
 * link's kind may join them. 0 or NET_INVALID.
 *
 * network_end_add adds an end found to be new in division (audited when
 * audit is set), or names the file of a person entity recorded before the
 * file was made. 0 or -1.
 */
int network_link_fields(const struct net_link_input *in, int today, struct arena *a,
			struct net_link *l, struct field_error *errs, int *nerr);
int network_end_find(struct db *db, const struct actor *who, const struct net_entity_input *in,
		     const char *prefix, struct arena *a, struct net_entity *out,
		     struct field_error *errs, int *nerr, struct buf *err);
/*
 * network_link_case names the case of a link: a case number of a case in
 * the actor's area gives the link that case's id, an id of one its number
 * (source "case"); a number and an id of two cases is an error on case_id
 * (NET_INVALID). A number of no case the actor can see is kept as written.
 * 0, NET_INVALID or -1.
 */
int network_link_case(struct db *db, const struct actor *who, struct net_link *l,
		      struct arena *a, struct field_error *errs, int *nerr, struct buf *err);
int network_link_ends_check(const struct net_link *l, const struct net_entity *from,
			    const struct net_entity *to, struct arena *a, struct field_error *errs,
			    int *nerr);
int network_end_add(struct db *db, const struct actor *who, struct net_entity *e,
		    const char *division, int audit, struct buf *err);

/* An entity as the actor may open it: STORE_NOTFOUND when it does not
 * exist or is not seen from their area (the attempt audited, "denied"). */
int network_entity_open(struct db *db, const struct actor *who, int64_t id, struct arena *a,
			struct net_entity *out, struct buf *err);

/* The area's graph as the actor sees it (their links and the entities seen
 * from their area), in a. */
struct net_area {
	struct net_entity *nodes;
	int nnodes;
	struct net_edge *edges;
	int nedges;
	struct net_graph g;
};
int network_area(struct db *db, const struct actor *who, struct arena *a, struct net_area *out,
		 struct buf *err);

/*
 * Audits a view that shows entities (persons among them): action "view",
 * entity "net_entity" with its id (0: a list, entity "network"), summary
 * what was shown and the persons' names, in the actor's own language of
 * the log (Chinese). persons are indices into area's nodes.
 */
int network_audit_view(struct db *db, const struct actor *who, const struct net_area *area,
		       int64_t entity_id, const char *division, const char *what,
		       const int *nodes, int nnodes, struct buf *err);

/* text with every run of 15 or more digits (an ID number, a card number)
 * masked, for the audit summary of a search. In a. */
const char *network_search_summary(struct arena *a, const char *text);

#endif
