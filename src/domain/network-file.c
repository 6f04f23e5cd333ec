/* network-file.c - adding entities and links, and reading an area's graph, as a user does it: in their area, audited. */
#include "domain/network.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

#define NAME_MAX_BYTES 60
#define NOTE_MAX_BYTES 2000
#define CASE_NO_MAX_BYTES 60

static void add_err(struct field_error *errs, int *n, struct arena *a, const char *prefix,
		    const char *field, const char *message)
{
	if (*n < NET_MAX_ERRORS) {
		errs[*n].field = *prefix ? arena_printf(a, "%s%s", prefix, field) : field;
		errs[*n].message = message;
	}
	(*n)++;
}

/* s without spaces (ASCII and U+3000) at either end, in a; "" for NULL. */
static const char *trim(struct arena *a, const char *s)
{
	size_t n;
	if (!s)
		return "";
	for (;;) {
		if (isspace((unsigned char)*s))
			s++;
		else if (!strncmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n && isspace((unsigned char)s[n - 1]))
			n--;
		else if (n >= 3 && !strncmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	return arena_strndup(a, s, n);
}

/* ---- one end ---- */

/* A person by ID number: the entity on record, or a new one. */
static int find_person_by_id(struct db *db, const struct actor *who,
			     const struct net_entity_input *in, const char *p, struct arena *a,
			     struct net_entity *out, struct field_error *errs, int *nerr,
			     struct buf *err)
{
	struct buf why = BUF_INIT;
	struct idcard card;
	struct person file;
	const char *value = trim(a, in->value), *name = trim(a, in->name);
	char hash[65], masked[19];
	int64_t pid = 0;
	int rc, file_here = 0;

	if (!*value) {
		add_err(errs, nerr, a, p, "value", N_("请填写身份证号"));
		return NET_INVALID;
	}
	if (idcard_parse(value, ymd_today(), &card, &why) < 0) {
		add_err(errs, nerr, a, p, "value", arena_strdup(a, why.buf));
		buf_release(&why);
		return NET_INVALID;
	}
	buf_release(&why);
	store_id_hash(db_store(db), card.number, hash);
	rc = store_person_id_by_hash(db, hash, &pid, err);
	if (rc == 0)
		rc = store_person_get(db, pid, a, &file, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		file_here = division_in(file.division, who->prefix);
	else
		pid = 0;
	rc = store_net_entity_find(db, "person", hash, a, out, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (!out->person_id && pid) {
			out->person_id = pid;
			out->person_division = file.division;
		}
		return 0;
	}
	/* Whose file is elsewhere is not the user's to learn: the name is theirs to give. */
	if (!*name && !file_here) {
		add_err(errs, nerr, a, p, "name", N_("请填写该人员的姓名"));
		return NET_INVALID;
	}
	if (strlen(name) > NAME_MAX_BYTES) {
		add_err(errs, nerr, a, p, "name", N_("姓名过长"));
		return NET_INVALID;
	}
	idcard_mask(card.number, masked);
	memset(out, 0, sizeof(*out));
	out->kind = "person";
	out->norm = arena_strdup(a, hash);
	out->value = *name ? name : file.name;
	out->person_id = pid;
	out->person_division = pid ? file.division : "";
	out->id_masked = arena_strdup(a, masked);
	out->note = trim(a, in->note);
	return 0;
}

/* A person's file in the actor's area: its entity, or a new one. */
static int find_person_by_file(struct db *db, const struct actor *who,
			       const struct net_entity_input *in, const char *p, struct arena *a,
			       struct net_entity *out, struct field_error *errs, int *nerr,
			       struct buf *err)
{
	struct person file;
	int rc = store_person_get(db, in->person_id, a, &file, err);
	if (rc < 0)
		return -1;
	if (rc || !division_in(file.division, who->prefix)) {
		add_err(errs, nerr, a, p, "person_id", N_("找不到该人员档案，或不在您的辖区内"));
		return NET_INVALID;
	}
	rc = store_net_entity_find(db, "person", file.id_hash, a, out, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (!out->person_id) {
			out->person_id = file.id;
			out->person_division = file.division;
		}
		return 0;
	}
	memset(out, 0, sizeof(*out));
	out->kind = "person";
	out->norm = file.id_hash;
	out->value = file.name;
	out->person_id = file.id;
	out->person_division = file.division;
	out->id_masked = file.id_masked;
	out->note = trim(a, in->note);
	return 0;
}

int network_end_find(struct db *db, const struct actor *who, const struct net_entity_input *in,
		     const char *p, struct arena *a, struct net_entity *out,
		     struct field_error *errs, int *nerr, struct buf *err)
{
	char norm[NET_VALUE_MAX];
	const char *why, *value;
	int kind, rc, seen = 0;

	if (in->id > 0) {
		rc = store_net_entity_get(db, in->id, a, out, err);
		if (rc == 0 && store_net_entity_seen(db, in->id, who->prefix, &seen, err) < 0)
			return -1;
		if (rc < 0)
			return -1;
		if (rc || !seen) {
			add_err(errs, nerr, a, p, "id", N_("找不到该实体，或不在您的辖区内"));
			return NET_INVALID;
		}
		return 0;
	}
	if (in->person_id > 0)
		return find_person_by_file(db, who, in, p, a, out, errs, nerr, err);
	kind = net_kind_of(trim(a, in->kind));
	if (kind < 0) {
		add_err(errs, nerr, a, p, "kind", N_("请选择实体类别"));
		return NET_INVALID;
	}
	if (kind == NET_PERSON)
		return find_person_by_id(db, who, in, p, a, out, errs, nerr, err);
	value = trim(a, in->value);
	if (!*value) {
		add_err(errs, nerr, a, p, "value", N_("请填写号码或内容"));
		return NET_INVALID;
	}
	if (net_value_norm((enum net_kind)kind, value, norm, sizeof(norm), &why) < 0) {
		add_err(errs, nerr, a, p, "value", why);
		return NET_INVALID;
	}
	rc = store_net_entity_find(db, net_entity_kinds[kind].key, norm, a, out, err);
	if (rc <= 0)
		return rc;
	memset(out, 0, sizeof(*out));
	out->kind = net_entity_kinds[kind].key;
	out->norm = arena_strdup(a, norm);
	/* numbers and plates are shown as matched; addresses and accounts as written */
	out->value = kind == NET_ADDRESS || kind == NET_ONLINE ? value : out->norm;
	out->note = trim(a, in->note);
	out->id_masked = "";
	if (strlen(out->note) > NOTE_MAX_BYTES) {
		add_err(errs, nerr, a, p, "note", N_("备注过长"));
		return NET_INVALID;
	}
	return 0;
}

/* What the audit log says of an entity: its kind and value (a person's
 * ID number masked). */
static const char *entity_summary(struct arena *a, const struct net_entity *e)
{
	const char *kind = choice_label(net_entity_kinds, e->kind);
	if (!strcmp(e->kind, "person"))
		return arena_printf(a, "%s %s（%s）", kind, e->value, e->id_masked);
	return arena_printf(a, "%s %s", kind, e->value);
}

int network_end_add(struct db *db, const struct actor *who, struct net_entity *e,
		    const char *division, int audit, struct buf *err)
{
	struct arena a = ARENA_INIT;
	char id[24];
	int rc;

	if (e->id) {
		/* a file made since the entity was recorded */
		if (e->person_id && !strcmp(e->kind, "person") &&
		    store_net_entity_set_person(db, e->id, e->person_id, err) < 0)
			return -1;
		return 0;
	}
	e->division = division;
	e->created_by = who->user_id;
	rc = store_net_entity_add(db, e, err);
	if (rc != 0) {
		if (rc == STORE_CONFLICT)
			buf_setf(err, "entity %s '%s' added twice", e->kind, e->norm);
		return -1;
	}
	if (!audit)
		return 0;
	snprintf(id, sizeof(id), "%" PRId64, e->id);
	rc = audit_log(db, who, "create", "net_entity", id, division,
		       arena_printf(&a, "新增实体：%s", entity_summary(&a, e)), NULL, err);
	arena_release(&a);
	return rc;
}

/* ---- entities ---- */

/* The division a record goes to: a real division in the actor's area. */
static int check_division(struct db *db, const struct actor *who, const char *division,
			  struct arena *a, struct field_error *errs, int *nerr, struct buf *err)
{
	struct division d;
	int rc;
	if (!division || !division_valid(division) || !division_in(division, who->prefix)) {
		add_err(errs, nerr, a, "", "division", N_("请选择本辖区内的区划"));
		return 0;
	}
	rc = store_division_get(db, division, a, &d, err);
	if (rc == STORE_NOTFOUND)
		add_err(errs, nerr, a, "", "division", N_("请选择本辖区内的区划"));
	return rc < 0 ? -1 : 0;
}

int network_entity_add(struct db *db, const struct actor *who, const struct net_entity_input *in,
		       const char *division, struct arena *a, struct net_entity *out, int *created,
		       struct field_error *errs, int *nerr, struct buf *err)
{
	struct net_entity_input by_value = *in;
	int rc, seen;

	*created = 0;
	*nerr = 0;
	by_value.id = 0; /* an entity on record is found by its value */
	if (check_division(db, who, division, a, errs, nerr, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	rc = network_end_find(db, who, &by_value, "", a, out, errs, nerr, err);
	if (rc < 0)
		goto fail;
	if (rc || *nerr) {
		db_rollback(db);
		return NET_INVALID;
	}
	if (out->id) {
		if (store_net_entity_seen(db, out->id, who->prefix, &seen, err) < 0)
			goto fail;
		db_rollback(db);
		return seen ? 0 : NET_ELSEWHERE;
	}
	/* read back as stored: the division's name with it */
	if (network_end_add(db, who, out, division, 1, err) < 0 ||
	    store_net_entity_get(db, out->id, a, out, err) != 0)
		goto fail;
	*created = 1;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

/* ---- links ---- */

/* A day as YYYYMMDD from "YYYY-MM-DD": 0 for "", -1 when not a date. */
static int parse_day(const char *s)
{
	int ymd;
	if (!s || !*s)
		return 0;
	return ymd_parse(s, &ymd) == 0 ? ymd : -1;
}

int network_link_fields(const struct net_link_input *in, int today, struct arena *a,
			struct net_link *l, struct field_error *errs, int *nerr)
{
	const char *s;
	char *end;
	int n0 = *nerr;

	memset(l, 0, sizeof(*l));
	l->kind = net_link_kind_of(trim(a, in->kind));
	if (!l->kind)
		add_err(errs, nerr, a, "", "kind", N_("请选择关系类别"));
	l->date_from = parse_day(trim(a, in->date_from));
	l->date_to = parse_day(trim(a, in->date_to));
	if (l->date_from < 0)
		add_err(errs, nerr, a, "", "date_from", N_("日期无效，应写成 2024-01-31"));
	else if (l->date_from > today)
		add_err(errs, nerr, a, "", "date_from", N_("日期不能晚于今天"));
	if (l->date_to < 0)
		add_err(errs, nerr, a, "", "date_to", N_("日期无效，应写成 2024-01-31"));
	else if (l->date_to > today)
		add_err(errs, nerr, a, "", "date_to", N_("日期不能晚于今天"));
	else if (l->date_to && !l->date_from)
		add_err(errs, nerr, a, "", "date_from", N_("填写了结束日期时，请同时填写开始日期"));
	else if (l->date_to && l->date_from > 0 && l->date_to < l->date_from)
		add_err(errs, nerr, a, "", "date_to", N_("结束日期不能早于开始日期"));
	if (l->date_from > 0 && !l->date_to)
		l->date_to = l->date_from;
	l->case_no = trim(a, in->case_no);
	if (strlen(l->case_no) > CASE_NO_MAX_BYTES)
		add_err(errs, nerr, a, "", "case_no", N_("案件编号过长"));
	s = trim(a, in->case_id);
	if (*s) {
		long long v = strtoll(s, &end, 10);
		if (*end || v <= 0)
			add_err(errs, nerr, a, "", "case_id", N_("案件 ID 应为正整数"));
		else
			l->case_id = v;
	}
	l->note = trim(a, in->note);
	if (strlen(l->note) > NOTE_MAX_BYTES)
		add_err(errs, nerr, a, "", "note", N_("备注过长"));
	l->source = *l->case_no || l->case_id ? "case" : "entered";
	return *nerr > n0 ? NET_INVALID : 0;
}

int network_link_case(struct db *db, const struct actor *who, struct net_link *l,
		      struct arena *a, struct field_error *errs, int *nerr, struct buf *err)
{
	struct drug_case c;
	int64_t id = 0;
	int rc = 0;

	if (*l->case_no)
		rc = store_case_id_by_number(db, l->case_no, &id, err);
	else if (l->case_id)
		id = l->case_id;
	else
		return 0;
	if (rc == 0 && id)
		rc = store_case_get(db, id, a, &c, err);
	if (rc < 0)
		return -1;
	/* a case the actor cannot see is not theirs to name */
	if (rc || !division_in(c.division, who->prefix))
		return 0;
	if (*l->case_no && l->case_id && l->case_id != c.id) {
		add_err(errs, nerr, a, "", "case_id", N_("案件编号与案件 ID 不是同一案件"));
		return NET_INVALID;
	}
	l->case_id = c.id;
	l->case_no = c.number;
	l->source = "case";
	return 0;
}

/* The same entity at both ends, on record or to be added. */
static int same_end(const struct net_entity *x, const struct net_entity *y)
{
	if (x->id || y->id)
		return x->id == y->id;
	return !strcmp(x->kind, y->kind) && !strcmp(x->norm, y->norm);
}

int network_link_ends_check(const struct net_link *l, const struct net_entity *from,
			    const struct net_entity *to, struct arena *a, struct field_error *errs,
			    int *nerr)
{
	const char *why;
	int n0 = *nerr;
	if (same_end(from, to)) {
		add_err(errs, nerr, a, "", "to_value", N_("关系的两端不能是同一个实体"));
	} else if (l->kind && (why = net_link_check(l->kind, (enum net_kind)net_kind_of(from->kind),
						      (enum net_kind)net_kind_of(to->kind)))) {
		add_err(errs, nerr, a, "", "kind", why);
	}
	return *nerr > n0 ? NET_INVALID : 0;
}

static const char *link_summary(struct arena *a, const struct net_link *l,
				const struct net_entity *from, const struct net_entity *to)
{
	struct buf b = BUF_INIT;
	const char *out;
	char d1[11], d2[11];

	buf_addf(&b, "%s %s → %s", choice_label(net_link_kinds, l->kind), from->value, to->value);
	if (l->date_from) {
		ymd_format(l->date_from, d1);
		ymd_format(l->date_to, d2);
		if (l->date_to != l->date_from)
			buf_addf(&b, "（%s 至 %s）", d1, d2);
		else
			buf_addf(&b, "（%s）", d1);
	}
	if (*l->case_no)
		buf_addf(&b, "，案件 %s", l->case_no);
	out = arena_strdup(a, b.buf);
	buf_release(&b);
	return out;
}

int network_link_add(struct db *db, const struct actor *who, const struct net_link_input *in,
		     struct arena *a, struct net_link *out, struct field_error *errs, int *nerr,
		     struct buf *err)
{
	struct net_entity from, to;
	const char *division = trim(a, in->division);
	char id[24];
	int rc;

	*nerr = 0;
	network_link_fields(in, ymd_today(), a, out, errs, nerr);
	if (check_division(db, who, division, a, errs, nerr, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	if (network_link_case(db, who, out, a, errs, nerr, err) < 0)
		goto fail;
	memset(&from, 0, sizeof(from));
	memset(&to, 0, sizeof(to));
	if (network_end_find(db, who, &in->from, "from_", a, &from, errs, nerr, err) < 0 ||
	    network_end_find(db, who, &in->to, "to_", a, &to, errs, nerr, err) < 0)
		goto fail;
	if (*nerr) {
		db_rollback(db);
		return NET_INVALID;
	}
	if (network_link_ends_check(out, &from, &to, a, errs, nerr)) {
		db_rollback(db);
		return NET_INVALID;
	}
	out->from_id = from.id;
	out->to_id = to.id;
	if (from.id && to.id) {
		rc = store_net_link_same(db, out, &out->id, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			db_rollback(db);
			return STORE_CONFLICT;
		}
	}
	if (network_end_add(db, who, &from, division, 1, err) < 0 ||
	    network_end_add(db, who, &to, division, 1, err) < 0)
		goto fail;
	out->from_id = from.id;
	out->to_id = to.id;
	out->division = division;
	out->created_by = who->user_id;
	if (store_net_link_add(db, out, err) < 0)
		goto fail;
	snprintf(id, sizeof(id), "%" PRId64, out->id);
	if (audit_log(db, who, "create", "net_link", id, division,
		      arena_printf(a, "新增关系：%s", link_summary(a, out, &from, &to)), NULL,
		      err) < 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

/* ---- reading ---- */

int network_entity_open(struct db *db, const struct actor *who, int64_t id, struct arena *a,
			struct net_entity *out, struct buf *err)
{
	char idbuf[24];
	int rc = store_net_entity_get(db, id, a, out, err), seen;
	if (rc != 0)
		return rc;
	if (store_net_entity_seen(db, id, who->prefix, &seen, err) < 0)
		return -1;
	if (seen)
		return 0;
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	if (audit_log_tx(db, who, "denied", "net_entity", idbuf, out->division, "不在本人辖区",
			 NULL, err) < 0)
		return -1;
	return STORE_NOTFOUND;
}

int network_area(struct db *db, const struct actor *who, struct arena *a, struct net_area *out,
		 struct buf *err)
{
	memset(out, 0, sizeof(*out));
	if (store_net_graph(db, who->prefix, a, &out->nodes, &out->nnodes, &out->edges,
			    &out->nedges, err) < 0)
		return -1;
	net_graph_init(&out->g, out->nodes, out->nnodes, out->edges, out->nedges, a);
	return 0;
}

int network_audit_view(struct db *db, const struct actor *who, const struct net_area *area,
		       int64_t entity_id, const char *division, const char *what,
		       const int *nodes, int nnodes, struct buf *err)
{
	struct buf s = BUF_INIT;
	char id[24] = "";
	int i, persons = 0, rc;

	for (i = 0; i < nnodes; i++)
		persons += !strcmp(area->nodes[nodes[i]].kind, "person");
	buf_addf(&s, "%s；显示 %d 个实体，其中人员 %d 名", what, nnodes, persons);
	for (i = 0, persons = 0; i < nnodes; i++) {
		const struct net_entity *e = &area->nodes[nodes[i]];
		if (strcmp(e->kind, "person"))
			continue;
		if (s.len > 500) {
			buf_adds(&s, "……");
			break;
		}
		buf_adds(&s, persons++ ? "、" : "：");
		buf_adds(&s, e->value);
	}
	if (entity_id)
		snprintf(id, sizeof(id), "%" PRId64, entity_id);
	rc = audit_log_tx(db, who, "view", entity_id ? "net_entity" : "network", id,
			  division ? division : who->prefix, s.buf, NULL, err);
	buf_release(&s);
	return rc;
}

const char *network_search_summary(struct arena *a, const char *text)
{
	char *out = arena_strdup(a, text ? text : ""), *p = out;
	while (*p) {
		size_t n = strspn(p, "0123456789Xx"), i;
		if (n >= 15)
			for (i = 4; i + 4 < n; i++)
				p[i] = '*';
		p += n ? n : 1;
	}
	return out;
}
