/* case-network.c - a case's suspects in the networks: their person entities and the 同案 links between co-suspects. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/case.h"
#include "domain/network.h"

/* The person entity of p: on record (naming p's file when it did not),
 * or added in division. *added: it was added. */
static int person_entity(struct db *db, const struct actor *who, const struct person *p,
			 const char *division, int audit, struct arena *a, struct net_entity *out,
			 int *added, struct buf *err)
{
	int rc = store_net_entity_find(db, "person", p->id_hash, a, out, err);

	*added = 0;
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (!out->person_id) {
			out->person_id = p->id;
			return network_end_add(db, who, out, division, audit, err);
		}
		return 0;
	}
	memset(out, 0, sizeof(*out));
	out->kind = "person";
	out->norm = p->id_hash;
	out->value = p->name;
	out->person_id = p->id;
	out->id_masked = p->id_masked;
	out->note = "";
	*added = 1;
	return network_end_add(db, who, out, division, audit, err);
}

/* 1 when a 同案 link of case c joins x and y either way round already. */
static int linked(struct db *db, const struct drug_case *c, int64_t x, int64_t y, int *yes,
		  struct buf *err)
{
	struct net_link l;
	int64_t id;
	int rc, k;

	*yes = 0;
	memset(&l, 0, sizeof(l));
	l.kind = "same_case";
	l.date_from = l.date_to = c->accepted_date;
	l.case_no = c->number;
	for (k = 0; k < 2 && !*yes; k++) {
		l.from_id = k ? y : x;
		l.to_id = k ? x : y;
		rc = store_net_link_same(db, &l, &id, err);
		if (rc < 0)
			return -1;
		*yes = rc == 0;
	}
	return 0;
}

int case_network_suspect(struct db *db, const struct actor *who, const struct drug_case *c,
			 const struct person *p, int audit, int *added, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct case_suspect *sus;
	struct net_entity me, other;
	struct net_link l;
	struct person self, file;
	struct buf names = BUF_INIT;
	int64_t first = 0;
	int n, i, made, yes, links = 0, ret = -1;

	if (added)
		*added = 0;
	if (!p->id_hash) {
		/* a file read without its hash: read it again */
		if (store_person_get(db, p->id, &a, &self, err) != 0)
			goto out;
		p = &self;
	}
	if (store_suspects(db, c->id, &a, &sus, &n, err) < 0 ||
	    person_entity(db, who, p, c->division, audit, &a, &me, &made, err) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (sus[i].person_id == p->id)
			continue;
		if (store_person_get(db, sus[i].person_id, &a, &file, err) != 0 ||
		    person_entity(db, who, &file, c->division, audit, &a, &other, &made, err) < 0 ||
		    linked(db, c, other.id, me.id, &yes, err) < 0)
			goto out;
		if (yes)
			continue;
		memset(&l, 0, sizeof(l));
		l.from_id = other.id;
		l.to_id = me.id;
		l.kind = "same_case";
		l.date_from = l.date_to = c->accepted_date;
		l.source = "case";
		l.case_id = c->id;
		l.case_no = c->number;
		l.division = c->division;
		l.note = "";
		l.created_by = who->user_id;
		if (store_net_link_add(db, &l, err) < 0)
			goto out;
		if (!first)
			first = l.id;
		buf_adds(&names, links++ ? "、" : "");
		buf_adds(&names, other.value);
	}
	if (audit && links) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, first);
		if (audit_log(db, who, "create", "net_link", id, c->division,
			      arena_printf(&a, "新增同案关系（案件 %s）：%s 与 %s", c->number, me.value,
					   names.buf),
			      NULL, err) < 0)
			goto out;
	}
	if (added)
		*added = links;
	ret = 0;
out:
	buf_release(&names);
	arena_release(&a);
	return ret;
}
