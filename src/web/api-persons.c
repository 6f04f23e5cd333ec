/* api-persons.c - /api/v1/persons: list, read (audited), create, update, statistics. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/person.h"
#include "lib/timeutil.h"
#include "web/handlers.h"
#include "web/persons.h"
#include "web/server.h"

static json_t *date_json(int ymd)
{
	char s[11];
	if (!ymd)
		return json_null();
	ymd_format(ymd, s);
	return json_string(s);
}

static json_t *person_json(const struct person *p, int full)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:b,s:s,s:s,s:s,s:o,s:I}",
			      "id", (json_int_t)p->id, "name", p->name, "id_number_masked",
			      p->id_masked, "sex", p->sex, "birth_date", date_json(p->birth_date),
			      "division", p->division, "division_name", p->division_name,
			      "registered", p->registered, "control_status", p->control_status,
			      "addiction", p->addiction, "drug_types", p->drug_types,
			      "first_found_date", date_json(p->first_found_date), "version",
			      (json_int_t)p->version);
	if (full) {
		json_object_set_new(o, "alias", json_string(p->alias));
		json_object_set_new(o, "ethnicity", json_string(p->ethnicity));
		json_object_set_new(o, "phone", json_string(p->phone));
		json_object_set_new(o, "household_division", json_string(p->household_division));
		json_object_set_new(o, "household_address", json_string(p->household_address));
		json_object_set_new(o, "residence_address", json_string(p->residence_address));
		json_object_set_new(o, "first_found_unit", json_string(p->first_found_unit));
		json_object_set_new(o, "employment", json_string(p->employment));
		json_object_set_new(o, "special_status", json_string(p->special_status));
		json_object_set_new(o, "note", json_string(p->note));
		json_object_set_new(o, "closed_reason", json_string(p->closed_reason));
		json_object_set_new(o, "closed_date", date_json(p->closed_date));
		json_object_set_new(o, "residence_division", json_string(p->residence_division));
		json_object_set_new(o, "addiction_date", date_json(p->addiction_date));
		json_object_set_new(o, "addiction_doc", json_string(p->addiction_doc));
		json_object_set_new(o, "family", json_string(p->family));
		json_object_set_new(o, "clean_since", date_json(p->clean_since));
	}
	if (p->risk_level) {
		json_object_set_new(o, "risk_level", json_string(p->risk_level));
		json_object_set_new(o, "risk_score", json_integer(p->risk_score));
	}
	return o;
}

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

int api_persons(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, what = BUF_INIT;
	struct person_filter f;
	struct person *list;
	json_t *items;
	int n, i, limit = (int)req_int(r, "limit", 50, 1, 500);
	int offset = (int)req_int(r, "offset", 0, 0, 100000000);
	int64_t total;

	if (persons_filter_from_query(r, &f, &what) < 0) {
		buf_release(&what);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	f.limit = limit;
	f.offset = offset;
	if (store_person_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0 ||
	    person_audit_search(req_db(r), &r->actor, what.buf, total, &err) < 0) {
		buf_release(&what);
		return internal(w, "api persons", &err);
	}
	buf_release(&what);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, person_json(&list[i], 0));
	return resp_json(w, 200, json_pack("{s:I,s:i,s:i,s:o}", "total", (json_int_t)total,
					   "offset", offset, "limit", limit, "items", items));
}

int api_person(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct person p;
	int64_t id = persons_path_id(r);
	int rc = id ? person_open(req_db(r), &r->actor, id, &r->arena, &p, &err) : STORE_NOTFOUND;
	if (rc < 0)
		return internal(w, "api person", &err);
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	return resp_json(w, 200, person_json(&p, 1));
}

static const char *jstr(struct req *r, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_string(v))
		return arena_strdup(&r->arena, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	return NULL;
}

int persons_input_from_json(struct req *r, json_t *o, struct person_input *in)
{
	if (!json_is_object(o))
		return -1;
	memset(in, 0, sizeof(*in));
	in->id_number = jstr(r, o, "id_number");
	in->name = jstr(r, o, "name");
	in->alias = jstr(r, o, "alias");
	in->ethnicity = jstr(r, o, "ethnicity");
	in->phone = jstr(r, o, "phone");
	in->household_division = jstr(r, o, "household_division");
	in->household_address = jstr(r, o, "household_address");
	in->residence_address = jstr(r, o, "residence_address");
	in->division = jstr(r, o, "division");
	in->registered = jstr(r, o, "registered");
	in->control_status = jstr(r, o, "control_status");
	in->addiction = jstr(r, o, "addiction");
	in->drug_types = jstr(r, o, "drug_types");
	in->first_found_date = jstr(r, o, "first_found_date");
	in->first_found_unit = jstr(r, o, "first_found_unit");
	in->employment = jstr(r, o, "employment");
	in->special_status = jstr(r, o, "special_status");
	in->note = jstr(r, o, "note");
	in->residence_division = jstr(r, o, "residence_division");
	in->addiction_date = jstr(r, o, "addiction_date");
	in->addiction_doc = jstr(r, o, "addiction_doc");
	in->family = jstr(r, o, "family");
	in->confirm_similar = jstr(r, o, "confirm_similar");
	return 0;
}

static json_t *parse_body(struct req *r)
{
	json_error_t je;
	if (!r->content_type || strncmp(r->content_type, "application/json", 16))
		return NULL;
	return json_loadb(r->body.buf, r->body.len, 0, &je);
}

static int invalid(struct resp *w, const struct field_error *errs, int nerr)
{
	/* The first error is the headline; all of them are listed. */
	json_t *list = json_array(), *doc;
	int i;
	for (i = 0; i < nerr && i < PERSON_MAX_ERRORS; i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "field", errs[i].field,
						      "message", _(errs[i].message)));
	doc = json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code", "invalid", "message",
			_(errs[0].message), "field", errs[0].field, "fields", list);
	return resp_json(w, 422, doc);
}

/* Fields a PATCH leaves out keep their stored values. */
static void merge_missing(struct req *r, struct person_input *in, const struct person *p)
{
	char *d = arena_alloc(&r->arena, 11);
	ymd_format(p->first_found_date, d);
#define KEEP(f, v) if (!in->f) in->f = (v)
	KEEP(name, p->name);
	KEEP(alias, p->alias);
	KEEP(ethnicity, p->ethnicity);
	KEEP(phone, p->phone);
	KEEP(household_division, p->household_division);
	KEEP(household_address, p->household_address);
	KEEP(residence_address, p->residence_address);
	KEEP(division, p->division);
	KEEP(registered, p->registered ? "1" : "0");
	KEEP(control_status, p->control_status);
	KEEP(addiction, p->addiction);
	KEEP(drug_types, p->drug_types);
	KEEP(first_found_date, d);
	KEEP(first_found_unit, p->first_found_unit);
	KEEP(employment, p->employment);
	KEEP(special_status, p->special_status);
	KEEP(note, p->note);
	KEEP(residence_division, p->residence_division);
	KEEP(addiction_doc, p->addiction_doc);
	KEEP(family, p->family);
	if (!in->addiction_date) {
		char *ad = arena_alloc(&r->arena, 11);
		ymd_format(p->addiction_date, ad);
		in->addiction_date = ad;
	}
#undef KEEP
}

int api_person_create(struct req *r, struct resp *w)
{
	struct person_input in;
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct buf err = BUF_INIT;
	json_t *body = parse_body(r);
	int nerr = 0, rc;
	int64_t existing = 0;

	if (persons_input_from_json(r, body, &in) < 0) {
		json_decref(body);
		return resp_error(w, 400, "bad_json", N_("请求体应为 JSON 对象"), NULL);
	}
	rc = person_create(req_db(r), &r->actor, &in, &r->arena, &p, errs, &nerr, &existing, &err);
	json_decref(body);
	if (rc < 0)
		return internal(w, "api person create", &err);
	buf_release(&err);
	if (rc == PERSON_CONFLICT) {
		json_t *e = json_pack("{s:s,s:s,s:s}", "code", "duplicate", "message",
				      _(errs[0].message), "field", "id_number");
		if (existing) {
			resp_header(w, "Location",
				    arena_printf(&r->arena, "/api/v1/persons/%" PRId64, existing));
			json_object_set_new(e, "existing_id", json_integer(existing));
		}
		return resp_json(w, 409, json_pack("{s:o}", "error", e));
	}
	if (rc == PERSON_INVALID)
		return invalid(w, errs, nerr);
	resp_header(w, "Location", arena_printf(&r->arena, "/api/v1/persons/%" PRId64, p.id));
	p.division_name = "";
	return resp_json(w, 201, person_json(&p, 1));
}

int api_person_update(struct req *r, struct resp *w)
{
	struct person_input in;
	struct person p, cur;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct buf err = BUF_INIT;
	json_t *body = parse_body(r), *ver;
	int64_t id = persons_path_id(r), version;
	int nerr = 0, rc;

	if (persons_input_from_json(r, body, &in) < 0) {
		json_decref(body);
		return resp_error(w, 400, "bad_json", N_("请求体应为 JSON 对象"), NULL);
	}
	ver = json_object_get(body, "version");
	if (!json_is_integer(ver)) {
		json_decref(body);
		return resp_error(w, 400, "version_required",
				  N_("请提供读取时的 version，以免覆盖他人的修改"), "version");
	}
	version = json_integer_value(ver);
	json_decref(body);
	rc = id ? store_person_get(req_db(r), id, &r->arena, &cur, &err) : STORE_NOTFOUND;
	if (rc < 0)
		return internal(w, "api person update", &err);
	if (rc == 0)
		merge_missing(r, &in, &cur);
	rc = rc ? rc : person_update(req_db(r), &r->actor, id, version, &in, &r->arena, &p, errs,
				     &nerr, &err);
	if (rc < 0)
		return internal(w, "api person update", &err);
	buf_release(&err);
	if (rc == STORE_NOTFOUND)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	if (rc == PERSON_CONFLICT)
		return resp_error(w, 409, "conflict", N_("该档案已被他人修改，请重新读取后再修改"),
				  "version");
	if (rc == PERSON_INVALID)
		return invalid(w, errs, nerr);
	return resp_json(w, 200, person_json(&p, 1));
}

int api_person_stats(struct req *r, struct resp *w)
{
	const char *by = req_query(r, "by");
	struct buf err = BUF_INIT;
	struct count_row *rows;
	json_t *items;
	int n, i;

	if (!by || (strcmp(by, "division") && strcmp(by, "status") && strcmp(by, "addiction") &&
		    strcmp(by, "year")))
		return resp_error(w, 400, "bad_param", N_("by 应为 division、status、addiction 或 year"),
				  "by");
	if (store_person_count_by(req_db(r), r->user.division_prefix, by, &r->arena, &rows, &n,
				  &err) < 0)
		return internal(w, "api stats", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:I,s:I}", "key", rows[i].key, "label",
						       rows[i].label, "count", (json_int_t)rows[i].count,
						       "lost", (json_int_t)rows[i].lost));
	return resp_json(w, 200, json_pack("{s:s,s:o}", "by", by, "items", items));
}
