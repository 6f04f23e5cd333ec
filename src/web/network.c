/* network.c - what the network pages and the network API share: values as the user may see them, JSON, inputs, search. */
#include "web/network.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/server.h"

#define SEARCH_MAX 50

int64_t network_path_id(struct req *r)
{
	const char *s = req_path_param(r, "id");
	char *end;
	long long id;
	if (!s || !*s)
		return 0;
	id = strtoll(s, &end, 10);
	return *end || id <= 0 ? 0 : id;
}

int network_clear(struct req *r)
{
	return role_can(r->role, MOD_PERSON, ACC_READ);
}

const char *network_shown(struct req *r, const struct net_entity *e)
{
	char masked[NET_VALUE_MAX];
	int kind = net_kind_of(e->kind);
	if (network_clear(r))
		return e->value;
	net_value_mask(kind < 0 ? NET_ONLINE : (enum net_kind)kind, e->value, masked,
		       sizeof(masked));
	return arena_strdup(&r->arena, masked);
}

int64_t network_file_of(struct req *r, const struct net_entity *e)
{
	if (!e->person_id || !network_clear(r) || !*e->person_division ||
	    !division_in(e->person_division, r->user.division_prefix))
		return 0;
	return e->person_id;
}

static json_t *date_json(int ymd)
{
	char s[11];
	if (!ymd)
		return json_null();
	ymd_format(ymd, s);
	return json_string(s);
}

json_t *network_entity_json(struct req *r, const struct net_entity *e)
{
	int64_t file = network_file_of(r, e);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b,s:s,s:s}", "id", (json_int_t)e->id, "kind",
			      e->kind, "kind_label", _(choice_label(net_entity_kinds, e->kind)),
			      "value", network_shown(r, e), "masked", !network_clear(r),
			      "division", e->division, "division_name", e->division_name);
	json_object_set_new(o, "person_id", file ? json_integer(file) : json_null());
	if (network_clear(r)) {
		if (!strcmp(e->kind, "person"))
			json_object_set_new(o, "id_number_masked", json_string(e->id_masked));
		json_object_set_new(o, "note", json_string(e->note));
	}
	return o;
}

json_t *network_link_json(struct req *r, const struct net_link *l)
{
	json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:s,s:o,s:o,s:s,s:s,s:s,s:s,s:s}", "id",
			      (json_int_t)l->id, "from", (json_int_t)l->from_id, "to",
			      (json_int_t)l->to_id, "kind", l->kind, "kind_label",
			      _(choice_label(net_link_kinds, l->kind)), "date_from",
			      date_json(l->date_from), "date_to", date_json(l->date_to), "source",
			      l->source, "source_label", _(choice_label(net_link_sources, l->source)),
			      "case_no", l->case_no, "division", l->division, "division_name",
			      l->division_name);
	json_object_set_new(o, "case_id", l->case_id ? json_integer(l->case_id) : json_null());
	json_object_set_new(o, "batch_id", l->batch_id ? json_integer(l->batch_id) : json_null());
	if (network_clear(r))
		json_object_set_new(o, "note", json_string(l->note));
	return o;
}

int network_links_of(struct req *r, const struct net_area *area, const int *edges, int n,
		     struct net_link **out, struct buf *err)
{
	int i;
	*out = arena_zalloc(&r->arena, sizeof(**out) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++)
		if (store_net_link_get(req_db(r), area->edges[edges[i]].id, &r->arena, &(*out)[i],
				       err) != 0)
			return -1;
	return 0;
}

const char *network_days(struct req *r, int from, int to)
{
	char a[11], b[11];
	if (!from)
		return "—";
	ymd_format(from, a);
	if (!to || to == from)
		return arena_strdup(&r->arena, a);
	ymd_format(to, b);
	return arena_printf(&r->arena, _("%s 至 %s"), a, b);
}

void network_entity_input(struct req *r, const char *prefix, struct net_entity_input *in)
{
	const char *s;
	memset(in, 0, sizeof(*in));
	s = req_form(r, arena_printf(&r->arena, "%sid", prefix));
	in->id = s ? strtoll(s, NULL, 10) : 0;
	s = req_form(r, arena_printf(&r->arena, "%sperson_id", prefix));
	in->person_id = s ? strtoll(s, NULL, 10) : 0;
	in->kind = req_form(r, arena_printf(&r->arena, "%skind", prefix));
	in->value = req_form(r, arena_printf(&r->arena, "%svalue", prefix));
	in->name = req_form(r, arena_printf(&r->arena, "%sname", prefix));
	in->note = req_form(r, arena_printf(&r->arena, "%snote", prefix));
}

void network_link_input(struct req *r, struct net_link_input *in)
{
	memset(in, 0, sizeof(*in));
	network_entity_input(r, "from_", &in->from);
	network_entity_input(r, "to_", &in->to);
	in->from.note = in->to.note = NULL;
	in->kind = req_form(r, "kind");
	in->date_from = req_form(r, "date_from");
	in->date_to = req_form(r, "date_to");
	in->case_no = req_form(r, "case_no");
	in->case_id = req_form(r, "case_id");
	in->division = req_form(r, "division");
	in->note = req_form(r, "note");
	if (!in->division || !*in->division)
		in->division = r->user.division;
}

int network_invalid(struct req *r, struct resp *w, const struct field_error *errs, int nerr,
		    int status)
{
	json_t *list;
	int i;
	if (nerr > NET_MAX_ERRORS)
		nerr = NET_MAX_ERRORS;
	list = json_array();
	for (i = 0; i < nerr; i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "field", errs[i].field, "message",
						      _(errs[i].message)));
	return resp_json(w, status, json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code",
					      status == 409 ? "conflict" : "invalid", "message",
					      _(errs[0].message), "field", errs[0].field, "fields",
					      list));
}

void network_entity_link(struct req *r, struct buf *b, const struct net_entity *e)
{
	html_rawf_trusted(b, "<a class=\"ent k-%s\" href=\"/network/%" PRId64 "\">",
			  net_kind_of(e->kind) >= 0 ? e->kind : "other", e->id);
	html_text(b, network_shown(r, e));
	html_raw_trusted(b, "</a>");
}

int network_search(struct req *r, const char *q, struct net_entity **list, int *n,
		   struct buf *err)
{
	struct idcard card;
	struct buf why_id = BUF_INIT;
	char norm[NET_VALUE_MAX], hash[65];
	const char *why, *digits = NULL, *idh = NULL;
	int k;

	/* the text as another kind would match it: digits, a plate, an account */
	for (k = NET_PHONE; k < NET_KINDS && !digits; k++)
		if (k != NET_ADDRESS &&
		    net_value_norm((enum net_kind)k, q, norm, sizeof(norm), &why) == 0)
			digits = arena_strdup(&r->arena, norm);
	if (idcard_parse(q, 0, &card, &why_id) == 0) {
		store_id_hash(db_store(req_db(r)), card.number, hash);
		idh = hash;
	}
	buf_release(&why_id);
	if (store_net_search(req_db(r), r->user.division_prefix, q, digits, idh, SEARCH_MAX,
			     &r->arena, list, n, err) < 0)
		return -1;
	return audit_log_tx(req_db(r), &r->actor, "search", "net_entity", "",
			    r->user.division_prefix,
			    arena_printf(&r->arena, "条件：%s；结果 %d 条",
					 network_search_summary(&r->arena, q), *n),
			    NULL, err);
}

void network_person_row(struct req *r, struct buf *b, const struct person *p)
{
	struct buf err = BUF_INIT;
	struct net_entity e;
	int seen = 0, rc;

	if (!role_can(r->role, MOD_CASE, ACC_READ))
		return;
	rc = store_net_entity_find(req_db(r), "person", p->id_hash, &r->arena, &e, &err);
	if (rc == 0)
		rc = store_net_entity_seen(req_db(r), e.id, r->user.division_prefix, &seen, &err);
	if (rc < 0)
		fprintf(stderr, "jindu: person network: %s\n", err.buf);
	buf_release(&err);
	if (rc || !seen)
		return;
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, _("关系网络"));
	html_raw_trusted(b, "</dt><dd>");
	html_raw_trusted(b, "<a id=\"person-network\" href=\"");
	html_attr(b, arena_printf(&r->arena, "/network/%" PRId64, e.id));
	html_raw_trusted(b, "\">");
	html_text(b, _("查看关系图"));
	html_raw_trusted(b, "</a></dd></div>");
}

const char *network_case_ref(struct req *r, struct buf *b, int64_t case_id, const char *case_no)
{
	struct buf err = BUF_INIT;
	struct drug_case c;
	int rc = STORE_NOTFOUND;

	if (case_id && role_can(r->role, MOD_CASE, ACC_READ))
		rc = store_case_get(req_db(r), case_id, &r->arena, &c, &err);
	if (rc < 0)
		fprintf(stderr, "jindu: network case: %s\n", err.buf);
	buf_release(&err);
	if (rc == 0 && division_in(c.division, r->user.division_prefix)) {
		html_rawf_trusted(b, "<a class=\"case-ref\" href=\"/cases/%" PRId64 "\">", c.id);
		html_text(b, c.number);
		html_raw_trusted(b, "</a>");
		return c.number;
	}
	html_text(b, case_no ? case_no : "");
	return case_no ? case_no : "";
}

void network_group_cases(struct req *r, struct buf *b, const struct net_group *g)
{
	const char **shown = arena_zalloc(&r->arena, sizeof(*shown) * (size_t)(g->ncase_ids + 1));
	int i, k, n = 0, any = 0;

	for (i = 0; i < g->ncase_ids; i++) {
		struct buf one = BUF_INIT;
		const char *no = network_case_ref(r, &one, g->case_ids[i], NULL);
		if (*no) {
			html_text(b, any++ ? _("、") : "");
			html_raw_trusted(b, one.buf);
			shown[n++] = no;
		}
		buf_release(&one);
	}
	for (i = 0; i < g->ncase_nos; i++) {
		for (k = 0; k < n && strcmp(shown[k], g->case_nos[i]); k++)
			;
		if (k < n)
			continue;
		html_text(b, any++ ? _("、") : "");
		html_text(b, g->case_nos[i]);
	}
	if (!any)
		html_text(b, "—");
}
