/* api-cases.c - /api/v1/cases: list, read (audited, with suspects), update; creating and recording share the pages' handlers. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "lib/timeutil.h"
#include "web/cases.h"
#include "web/handlers.h"
#include "web/server.h"

static json_t *date_json(int ymd)
{
	char s[11];
	if (ymd <= 0)
		return json_null();
	ymd_format(ymd, s);
	return json_string(s);
}

static json_t *grading_json(int legal, int police)
{
	return json_pack("{s:s,s:s}", "class", drug_class_labels[legal + 1].key, "grade",
			 case_grade_labels[police + 1].key);
}

static json_t *weight_json(const struct policy *p, const char *drug, int64_t ug)
{
	const struct drug_def *d = drug_by_key(p, drug);
	char w[32];
	int unit = d ? d->unit : DRUG_UNIT_G;
	return json_pack("{s:I,s:s,s:s}", "weight_ug", (json_int_t)ug, "weight",
			 drug_weight_format(ug, unit, w), "unit", unit == DRUG_UNIT_MG ? "mg" : "g");
}

static json_t *seizures_json(const struct policy *p, const struct case_file *f)
{
	json_t *list = json_array();
	int i;
	for (i = 0; i < f->nseizures; i++) {
		const struct seizure *s = &f->seizures[i];
		json_t *o = weight_json(p, s->drug, s->weight_ug);
		json_object_set_new(o, "id", json_integer(s->id));
		json_object_set_new(o, "drug", json_string(s->drug));
		json_object_set_new(o, "purity_tenths", s->purity < 0 ? json_null()
								     : json_integer(s->purity));
		json_object_set_new(o, "packets", json_integer(s->packets));
		json_object_set_new(o, "place", json_string(s->place));
		json_object_set_new(o, "date", date_json(s->date));
		json_object_set_new(o, "destruction_id", s->destruction_id
								 ? json_integer(s->destruction_id)
								 : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *totals_json(const struct policy *p, const struct case_file *f)
{
	json_t *list = json_array();
	int i;
	for (i = 0; i < f->ntotals; i++) {
		const struct seizure_total *t = &f->totals[i];
		const struct drug_def *d = drug_by_key(p, t->drug);
		json_t *o = weight_json(p, t->drug, t->weight_ug);
		json_object_set_new(o, "drug", json_string(t->drug));
		json_object_set_new(o, "packets", json_integer(t->packets));
		json_object_set_new(o, "seizures", json_integer(t->seizures));
		json_object_update_new(o, grading_json(drug_class_of(d, t->weight_ug),
						       drug_grade_of(d, t->weight_ug)));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *suspects_json(struct req *r, const struct case_file *f)
{
	json_t *list = json_array(), *o;
	int i, j, clear = cases_persons_clear(r);
	for (i = 0; i < f->nsuspects; i++) {
		const struct case_suspect *s = &f->suspects[i];
		json_t *ms = json_array();
		for (j = 0; j < f->nmeasures; j++) {
			const struct suspect_measure *m = &f->measures[j];
			if (m->suspect_id == s->id)
				json_array_append_new(ms, json_pack("{s:I,s:s,s:o,s:s,s:s}", "id",
								    (json_int_t)m->id, "kind", m->kind,
								    "date", date_json(m->date), "doc_no",
								    m->doc_no, "sentence", m->sentence));
		}
		o = json_pack("{s:I,s:s,s:b,s:s,s:o,s:s,s:s,s:s,s:b,s:o}", "id", (json_int_t)s->id,
			      "name", cases_suspect_name(r, s), "masked", !clear, "role", s->role,
			      "caught_date", date_json(s->caught_date), "caught_place",
			      s->caught_place, "caught_division", s->caught_division,
			      "home_division", s->home_division, "outflow", s->outflow, "measures",
			      ms);
		/* the file, its number and registration for those who may read files */
		json_object_set_new(o, "person_id", clear ? json_integer(s->person_id) : json_null());
		json_object_set_new(o, "id_number_masked",
				    clear ? json_string(s->person_id_masked) : json_null());
		json_object_set_new(o, "registered",
				    clear ? json_boolean(s->person_registered) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *rest_json(const struct case_file *f)
{
	json_t *steps = json_array(), *des = json_array(), *assets = json_array();
	int i;
	for (i = 0; i < f->nsteps; i++)
		json_array_append_new(steps, json_pack("{s:s,s:o,s:s,s:s}", "status",
						       f->steps[i].status, "date",
						       date_json(f->steps[i].date), "doc_no",
						       f->steps[i].doc_no, "note", f->steps[i].note));
	for (i = 0; i < f->ndestructions; i++)
		json_array_append_new(des, json_pack("{s:I,s:o,s:s,s:s}", "id",
						     (json_int_t)f->destructions[i].id, "date",
						     date_json(f->destructions[i].date), "place",
						     f->destructions[i].place, "witnesses",
						     f->destructions[i].witnesses));
	for (i = 0; i < f->nassets; i++)
		json_array_append_new(assets, json_pack("{s:I,s:s,s:s,s:s,s:I,s:o}", "id",
							(json_int_t)f->assets[i].id, "category",
							f->assets[i].category, "kind",
							f->assets[i].kind, "description",
							f->assets[i].description, "amount_fen",
							(json_int_t)f->assets[i].amount_fen, "date",
							date_json(f->assets[i].date)));
	return json_pack("{s:o,s:o,s:o}", "steps", steps, "destructions", des, "assets", assets);
}

json_t *cases_json(struct req *r, const struct policy *p, const struct drug_case *c,
		   const struct case_file *f)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:I}",
			      "id", (json_int_t)c->id, "number", c->number, "name", c->name,
			      "type", c->type, "source", c->source, "status", c->status,
			      "status_date", date_json(c->status_date), "division", c->division,
			      "division_name", c->division_name, "unit_id",
			      (json_int_t)c->unit_id, "unit_name", c->unit_name, "officers",
			      c->officers, "place", c->place, "occurred_date",
			      date_json(c->occurred_date), "accepted_date",
			      date_json(c->accepted_date), "flags",
			      json_pack("{s:b,s:b,s:b,s:b}", "early", c->early, "target", c->target,
					"online", c->online, "small_packets", c->small_packets),
			      "version", (json_int_t)c->version);
	(void)r;
	if (f) {
		struct case_grading g;
		drug_grade_case(p, f->totals, f->ntotals, &g);
		json_object_set_new(o, "description", json_string(c->description));
		json_object_set_new(o, "grading", grading_json(g.legal, g.police));
		json_object_set_new(o, "seizure_totals", totals_json(p, f));
		json_object_set_new(o, "seizures", seizures_json(p, f));
		json_object_set_new(o, "suspects", suspects_json(r, f));
		json_object_update_new(o, rest_json(f));
	}
	return o;
}

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

int api_cases(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, what = BUF_INIT;
	struct policy pol;
	struct case_filter f;
	struct drug_case *list;
	json_t *items;
	int n, i, limit = (int)req_int(r, "limit", 50, 1, 500);
	int offset = (int)req_int(r, "offset", 0, 0, 100000000);
	int64_t total;

	if (control_policy(req_db(r), &pol, &err) < 0)
		return internal(w, "api cases", &err);
	if (cases_filter_from_query(r, &pol, &f, &what) < 0) {
		buf_release(&what);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	f.limit = limit;
	f.offset = offset;
	if (store_case_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0 ||
	    case_audit_search(req_db(r), &r->actor, what.buf, total, &err) < 0) {
		buf_release(&what);
		return internal(w, "api cases", &err);
	}
	buf_release(&what);
	items = json_array();
	for (i = 0; i < n; i++) {
		struct seizure_total *t;
		struct case_grading g;
		int nt;
		json_t *o;
		if (store_seizure_totals(req_db(r), list[i].id, &r->arena, &t, &nt, &err) < 0) {
			json_decref(items);
			return internal(w, "api cases", &err);
		}
		drug_grade_case(&pol, t, nt, &g);
		o = cases_json(r, &pol, &list[i], NULL);
		json_object_set_new(o, "grading", grading_json(g.legal, g.police));
		json_array_append_new(items, o);
	}
	buf_release(&err);
	return resp_json(w, 200, json_pack("{s:I,s:i,s:i,s:o}", "total", (json_int_t)total,
					   "offset", offset, "limit", limit, "items", items));
}

int api_case(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	struct case_file f;
	int64_t id = cases_path_id(r, "id");
	int rc = control_policy(req_db(r), &pol, &err);

	if (rc == 0)
		rc = id ? case_open(req_db(r), &r->actor, id, cases_persons_clear(r), &r->arena, &f,
				    &err)
			: STORE_NOTFOUND;
	if (rc < 0)
		return internal(w, "api case", &err);
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	return resp_json(w, 200, cases_json(r, &pol, &f.c, &f));
}

/* PATCH: the fields sent change, the others keep their values. */
static void merge(struct req *r, struct drug_case *in, const struct drug_case *c)
{
	static const char *const flags[] = { "early", "target", "online", "small_packets" };
	int *in_flags[] = { &in->early, &in->target, &in->online, &in->small_packets };
	const int cur[] = { c->early, c->target, c->online, c->small_packets };
	size_t i;

#define KEEP(field, name)                                                                    \
	do {                                                                                 \
		if (!req_param(r, name))                                                     \
			in->field = c->field;                                                \
	} while (0)
	KEEP(number, "number");
	KEEP(name, "name");
	KEEP(type, "type");
	KEEP(source, "source");
	KEEP(division, "division");
	KEEP(unit_id, "unit_id");
	KEEP(officers, "officers");
	KEEP(place, "place");
	KEEP(occurred_date, "occurred_date");
	KEEP(description, "description");
#undef KEEP
	for (i = 0; i < 4; i++)
		if (!req_param(r, flags[i]) && !req_param(r, "flags"))
			*in_flags[i] = cur[i];
}

int api_case_update(struct req *r, struct resp *w)
{
	struct field_error errs[CASE_MAX_ERRORS];
	struct buf err = BUF_INIT;
	struct drug_case in, cur;
	struct policy pol;
	int64_t id = cases_path_id(r, "id");
	const char *ver = req_param(r, "version");
	int nerr = 0, rc, i;

	if (!ver || !*ver)
		return resp_error(w, 400, "version_required",
				  N_("请提供读取时的 version，以免覆盖他人的修改"), "version");
	rc = id ? case_load(req_db(r), &r->actor, id, &r->arena, &cur, &err) : STORE_NOTFOUND;
	if (rc == 0) {
		cases_input(r, &in);
		merge(r, &in, &cur);
		rc = case_update(req_db(r), &r->actor, id, req_int(r, "version", 0, 0, INT64_MAX), &in,
				 errs, &nerr, &err);
	}
	if (rc < 0)
		return internal(w, "api case update", &err);
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	}
	if (rc == CASE_CONFLICT && !nerr) {
		buf_release(&err);
		return resp_error(w, 409, "conflict", N_("该案件已被他人修改，请重新读取后再修改"),
				  "version");
	}
	if (rc != 0) {
		json_t *list = json_array();
		buf_release(&err);
		for (i = 0; i < nerr && i < CASE_MAX_ERRORS; i++)
			json_array_append_new(list, json_pack("{s:s,s:s}", "field", errs[i].field,
							      "message", _(errs[i].message)));
		return resp_json(w, rc == CASE_CONFLICT ? 409 : 422,
				 json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code",
					   rc == CASE_CONFLICT ? "duplicate" : "invalid", "message",
					   _(errs[0].message), "field", errs[0].field, "fields", list));
	}
	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    store_case_get(req_db(r), id, &r->arena, &cur, &err) != 0)
		return internal(w, "api case update", &err);
	buf_release(&err);
	return resp_json(w, 200, cases_json(r, &pol, &cur, NULL));
}
