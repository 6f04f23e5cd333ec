/* network.h - what the network pages (page-network*.c) and the network API (api-network.c) share; network.c and page-network*.c implement it. */
#ifndef JINDU_WEB_NETWORK_H
#define JINDU_WEB_NETWORK_H

#include "domain/network.h"
#include "web/req.h"

#define NETWORK_DEPTH 2        /* the neighbourhood a page draws */
#define NETWORK_MAX_DEPTH 3
#define NETWORK_MAX_NODES 300  /* nodes of one neighbourhood, nearest first */

/* The entity id of the path ({id}), or 0. */
int64_t network_path_id(struct req *r);

/*
 * Whether r's user sees values in clear: those who may read person files.
 * Others (leaders) see the network's shape with its values masked
 * (net_value_mask), no ID numbers, notes or links to person files.
 */
int network_clear(struct req *r);
/* e's value as r's user may see it (r's arena). */
const char *network_shown(struct req *r, const struct net_entity *e);
/* The person file of e that r's user may open, or 0. */
int64_t network_file_of(struct req *r, const struct net_entity *e);

/* The JSON of an entity and of a link, as r's user may see them. */
json_t *network_entity_json(struct req *r, const struct net_entity *e);
json_t *network_link_json(struct req *r, const struct net_link *l);

/* The details of edges (indices into area's edges), in that order, in r's
 * arena. 0 or -1 with err. */
int network_links_of(struct req *r, const struct net_area *area, const int *edges, int n,
		     struct net_link **out, struct buf *err);

/* A link's days as "2024-03-01", "2024-03-01 至 2024-03-31" or "—" (r's arena). */
const char *network_days(struct req *r, int from, int to);

/* The inputs of the entity and link forms (and of the API's JSON, whose
 * fields arrive as form parameters): one end from prefix + id, person_id,
 * kind, value, name, note. */
void network_entity_input(struct req *r, const char *prefix, struct net_entity_input *in);
void network_link_input(struct req *r, struct net_link_input *in);

/* The entities seen from the user's area that q names (any part of a
 * value; a number, plate or account however written; a person's ID
 * number), at most 50; the search audited. 0 or -1 with err. */
int network_search(struct req *r, const char *q, struct net_entity **list, int *n,
		   struct buf *err);

/*
 * A case a link or a group names: its number, as a link to /cases/ID for
 * those who may read cases when the case lies in their area (case_id 0:
 * case_no as written). Returns the number shown ("" for none); the number
 * written is shown when the case cannot be opened.
 */
const char *network_case_ref(struct req *r, struct buf *b, int64_t case_id, const char *case_no);
/* A group's cases (net_group): each case by network_case_ref, the numbers
 * of no case as written, "、" between them; "—" when none. */
void network_group_cases(struct req *r, struct buf *b, const struct net_group *g);

/* <a href="/network/ID" class="ent k-KIND">value</a>, as the user may see it. */
void network_entity_link(struct req *r, struct buf *b, const struct net_entity *e);

/* The form to add a link (in a <details>, open when asked or with errors):
 * from a given entity (from_id, shown as from_label) or from one typed in. */
void network_link_form(struct req *r, struct buf *b, int64_t from_id, const char *from_label,
		       const struct field_error *errs, int nerr, int open);

/* Answers an API request with field errors: {"error": {code, message,
 * field, fields: [{field, message}]}} with status. */
int network_invalid(struct req *r, struct resp *w, const struct field_error *errs, int nerr,
		    int status);

/* On a person's file: a row linking to the person's place in the
 * networks, for those who may read them and can see it (nothing else). */
void network_person_row(struct req *r, struct buf *b, const struct person *p);

/* page-network.c: the network page (search, groups, the forms) with the
 * errors of a form sent from it; page-network-entity.c: an entity's page
 * with the errors of its link form. Both answer 422 with errors. */
int network_render_index(struct req *r, struct resp *w, const struct field_error *errs,
			 int nerr, const char *form);
int network_render_entity(struct req *r, struct resp *w, int64_t id, const char *notice,
			  const struct field_error *errs, int nerr);

#endif
