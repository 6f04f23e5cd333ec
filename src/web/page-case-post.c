/* page-case-post.c - what users record on a case's page: steps, seizures, destructions, suspects, measures, assets. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "lib/timeutil.h"
#include "web/cases.h"
#include "web/handlers.h"
#include "web/server.h"

/*
 * After an operation on case cid: the page again on success (post,
 * redirect, get), the page with the reason when the rule said no. Under
 * /api/v1 the same handlers answer JSON: 201 with what was recorded
 * (extra, taken), 422 with the reason, 404, 409.
 */
static int finish(struct req *r, struct resp *w, int64_t cid, int rc, struct buf *err,
		  const char *done, const char *anchor, json_t *extra)
{
	int status;

	if (r->is_api) {
		if (rc == 0) {
			json_t *doc = extra ? extra : json_object();
			json_object_set_new(doc, "case_id", json_integer(cid));
			json_object_set_new(doc, "result", json_string(done));
			extra = NULL;
			status = resp_json(w, 201, doc);
		} else if (rc == STORE_NOTFOUND)
			status = resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"),
					    NULL);
		else if (rc == CASE_INVALID || rc == CASE_CONFLICT)
			status = resp_json(w, rc == CASE_CONFLICT ? 409 : 422,
					   json_pack("{s:{s:s,s:s,s:n}}", "error", "code",
						     rc == CASE_CONFLICT ? "conflict" : "refused",
						     "message", err->buf, "field"));
		else {
			fprintf(stderr, "jindu: case: %s\n", err->buf);
			status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
		}
	} else if (rc == 0)
		status = resp_redirect(r, w, arena_printf(&r->arena, "/cases/%" PRId64 "?done=%s#%s",
							   cid, done, anchor));
	else if (rc == STORE_NOTFOUND)
		status = resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	else if (rc == CASE_INVALID || rc == CASE_CONFLICT)
		status = cases_render_page(r, w, cid, arena_strdup(&r->arena, err->buf), 1);
	else {
		fprintf(stderr, "jindu: case: %s\n", err->buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	json_decref(extra);
	buf_release(err);
	return status;
}

/* A refusal before the domain is asked: a field that cannot be read. */
static int bad_input(struct req *r, struct resp *w, int64_t cid, const char *msg)
{
	struct buf err = BUF_INIT;
	buf_setf(&err, "%s", _(msg));
	return finish(r, w, cid, CASE_INVALID, &err, "", "", NULL);
}

int page_case_step(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t cid = cases_path_id(r, "id");
	int to = case_status_from_key(req_param(r, "status"));
	int date = cases_form_date(r, "date");

	if (!cid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "", NULL);
	if (to < 0)
		return bad_input(r, w, cid, N_("请选择办理环节"));
	if (date <= 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	return finish(r, w, cid,
		      case_step_add(req_db(r), &r->actor, cid, (enum case_status)to, date,
				    req_param(r, "doc_no"), req_param(r, "note"), &err),
		      &err, "step", "steps", json_pack("{s:s}", "status", case_statuses[to].key));
}

int page_case_seizure(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	struct seizure s;
	const struct drug_def *d;
	int64_t cid = cases_path_id(r, "id");
	const char *packets = req_param(r, "packets");
	char *end;
	int rc;

	if (!cid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "", NULL);
	if (control_policy(req_db(r), &pol, &err) < 0)
		return finish(r, w, cid, -1, &err, "", "", NULL);
	memset(&s, 0, sizeof(s));
	s.case_id = cid;
	s.drug = req_param(r, "drug");
	d = drug_find(&pol, s.drug);
	if (!d)
		return bad_input(r, w, cid, N_("请从毒品目录中选择毒品种类"));
	if (drug_weight_parse(req_param(r, "weight"), d->unit, &s.weight_ug, &err) < 0)
		return finish(r, w, cid, CASE_INVALID, &err, "", "", NULL);
	if (case_purity_parse(req_param(r, "purity"), &s.purity) < 0)
		return bad_input(r, w, cid, N_("含量应为 0 到 100 之间的百分数，最多一位小数"));
	s.packets = 0;
	if (packets && *packets) {
		long v = strtol(packets, &end, 10);
		if (*end || v < 0 || v > 1000000)
			return bad_input(r, w, cid, N_("零包包数应在 0 到 1000000 之间"));
		s.packets = (int)v;
	}
	s.date = cases_form_date(r, "date");
	if (s.date <= 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	s.place = req_param(r, "place");
	s.note = req_param(r, "note");
	rc = case_seizure_add(req_db(r), &r->actor, &s, &err);
	return finish(r, w, cid, rc, &err, "seizure", "seizures",
		      rc ? NULL : json_pack("{s:I,s:s,s:I}", "seizure_id", (json_int_t)s.id, "drug",
					    s.drug, "weight_ug", (json_int_t)s.weight_ug));
}

int page_case_destruction(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct destruction d;
	int64_t cid = cases_path_id(r, "id"), *ids;
	size_t i;
	int n = 0, rc;

	if (!cid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "", NULL);
	ids = arena_zalloc(&r->arena, sizeof(*ids) * (r->nform + 1));
	for (i = 0; i < r->nform; i++) {
		char *end;
		long long v;
		if (strcmp(r->form[i].name, "seizure"))
			continue;
		v = strtoll(r->form[i].value, &end, 10);
		if (*end || v <= 0)
			return bad_input(r, w, cid, N_("所选缴获不属于本案"));
		ids[n++] = v;
	}
	memset(&d, 0, sizeof(d));
	d.date = cases_form_date(r, "date");
	if (d.date <= 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	d.place = req_param(r, "place");
	d.witnesses = req_param(r, "witnesses");
	d.note = req_param(r, "note");
	rc = case_destroy(req_db(r), &r->actor, cid, &d, ids, n, &err);
	return finish(r, w, cid, rc, &err, "destruction", "seizures",
		      rc ? NULL : json_pack("{s:I,s:i}", "destruction_id", (json_int_t)d.id,
					    "seizures", n));
}

int page_case_suspect(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct case_suspect s;
	struct suspect_input in;
	int64_t cid = cases_path_id(r, "id");
	int created = 0, registered = 0, rc;

	if (!cid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "", NULL);
	memset(&s, 0, sizeof(s));
	memset(&in, 0, sizeof(in));
	s.case_id = cid;
	s.role = req_param(r, "role");
	s.caught_date = cases_form_date(r, "caught_date");
	if (s.caught_date < 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	s.caught_place = req_param(r, "caught_place");
	s.caught_division = req_param(r, "caught_division");
	s.home_division = req_param(r, "home_division");
	s.note = req_param(r, "note");
	in.id_number = req_param(r, "id_number");
	in.name = req_param(r, "name");
	in.phone = req_param(r, "phone");
	rc = case_suspect_add(req_db(r), &r->actor, &s, &in, &created, &registered, &err);
	return finish(r, w, cid, rc, &err,
		      registered ? "suspect_registered" : created ? "suspect_new" : "suspect",
		      "suspects",
		      rc ? NULL : json_pack("{s:I,s:I,s:b,s:b,s:b}", "suspect_id", (json_int_t)s.id,
					    "person_id", (json_int_t)s.person_id, "created",
					    created, "registered", registered, "outflow",
					    s.outflow));
}

int page_case_measure(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct suspect_measure m;
	int64_t cid = cases_path_id(r, "id");
	int rc;

	memset(&m, 0, sizeof(m));
	m.suspect_id = cases_path_id(r, "sid");
	if (!cid || !m.suspect_id)
		return finish(r, w, cid, STORE_NOTFOUND, &err, "", "", NULL);
	m.kind = req_param(r, "kind");
	m.date = cases_form_date(r, "date");
	if (m.date <= 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	m.doc_no = req_param(r, "doc_no");
	m.sentence = req_param(r, "sentence");
	m.note = req_param(r, "note");
	rc = case_measure_add(req_db(r), &r->actor, cid, &m, &err);
	return finish(r, w, cid, rc, &err, "measure", "suspects",
		      rc ? NULL : json_pack("{s:I}", "measure_id", (json_int_t)m.id));
}

int page_case_asset(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct case_asset as;
	int64_t cid = cases_path_id(r, "id");
	int rc;

	if (!cid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "", NULL);
	memset(&as, 0, sizeof(as));
	as.case_id = cid;
	as.category = req_param(r, "category");
	as.kind = req_param(r, "kind");
	as.description = req_param(r, "description");
	as.note = req_param(r, "note");
	if (case_amount_parse(req_param(r, "amount"), &as.amount_fen) < 0)
		return bad_input(r, w, cid, N_("金额应为以元为单位、最多两位小数的数字"));
	as.date = cases_form_date(r, "date");
	if (as.date <= 0)
		return bad_input(r, w, cid, N_("日期格式应为 2024-01-31"));
	rc = case_asset_add(req_db(r), &r->actor, &as, &err);
	return finish(r, w, cid, rc, &err, "asset", "assets",
		      rc ? NULL : json_pack("{s:I}", "asset_id", (json_int_t)as.id));
}
