/* api-control.c - person control as JSON: a person's measures and records, the worklist, the policy. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "lib/timeutil.h"
#include "web/alerts.h"
#include "web/handlers.h"
#include "web/persons.h"
#include "web/server.h"

static json_t *jdate(int ymd)
{
	char s[11];
	if (ymd <= 0)
		return json_null();
	ymd_format(ymd, s);
	return json_string(s);
}

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

static json_t *measure_json(const struct measure *m)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)m->id, "kind",
			      m->kind, "status", m->status, "decision_no", m->decision_no,
			      "authority", m->authority, "division", m->division, "version",
			      (json_int_t)m->version);
	json_object_set_new(o, "decision_date", jdate(m->decision_date));
	json_object_set_new(o, "report_deadline", jdate(m->report_deadline));
	json_object_set_new(o, "start_date", jdate(m->start_date));
	json_object_set_new(o, "planned_end", jdate(m->planned_end));
	json_object_set_new(o, "actual_end", jdate(m->actual_end));
	json_object_set_new(o, "end_reason", json_string(m->end_reason));
	json_object_set_new(o, "worker_id", json_integer(m->worker_id));
	json_object_set_new(o, "suspended_days", json_integer(m->suspended_days));
	json_object_set_new(o, "extended_days", json_integer(m->extended_days));
	return o;
}

static json_t *summary_json(const struct obligation_summary *s)
{
	json_t *next = json_object();
	int k;
	for (k = 0; k < OB_KINDS; k++)
		if (s->next_due[k])
			json_object_set_new(next, obligation_kinds[k].key, jdate(s->next_due[k]));
	return json_pack("{s:o,s:i,s:i,s:i,s:i}", "next_due", next, "overdue", s->overdue,
			 "due_soon", s->due_soon, "missed_total", s->missed_total, "missed_in_row",
			 s->missed_in_row);
}

/* The months of methadone maintenance, newest first. */
static json_t *methadone_json(const struct methadone_month *mm, int n,
			      const struct policy *pol)
{
	json_t *arr = json_array();
	char month[8];
	int i;

	for (i = 0; i < n; i++) {
		const struct methadone_month *m = &mm[i];
		int rate = methadone_adherence(m->days_taken, m->days_due);
		methadone_month_format(m->month, month);
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:i,s:i,s:f,s:f,s:b,s:s,s:I}", "id",
				       (json_int_t)m->id, "month", month, "clinic", m->clinic,
				       "days_due", m->days_due, "days_taken", m->days_taken, "dose_mg",
				       m->dose_tenths / 10.0, "adherence_percent", rate / 10.0, "poor",
				       methadone_poor(m->days_taken, m->days_due,
						      pol->methadone_min_percent),
				       "source", m->source, "updated_at", (json_int_t)m->updated_at));
	}
	return arr;
}

int api_person_control(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct person p;
	struct policy pol;
	struct measure *ms;
	struct drug_test *t;
	struct contact *c;
	struct absence *ab;
	struct assistance *as;
	struct control_flag *fl;
	struct methadone_month *mm;
	json_t *doc, *arr;
	int64_t id = persons_path_id(r);
	int nm, nt, nc, na, nas, nf, nmm, i, rc;

	rc = id ? person_open(req_db(r), &r->actor, id, &r->arena, &p, &err) : STORE_NOTFOUND;
	if (rc < 0)
		return internal(w, "api control", &err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    store_measure_list(req_db(r), id, &r->arena, &ms, &nm, &err) < 0 ||
	    store_tests(req_db(r), id, &r->arena, &t, &nt, &err) < 0 ||
	    store_contacts(req_db(r), id, &r->arena, &c, &nc, &err) < 0 ||
	    store_absences(req_db(r), id, &r->arena, &ab, &na, &err) < 0 ||
	    store_assistances(req_db(r), id, &r->arena, &as, &nas, &err) < 0 ||
	    store_flags(req_db(r), id, &r->arena, &fl, &nf, &err) < 0 ||
	    store_methadone_list(req_db(r), id, &r->arena, &mm, &nmm, &err) < 0)
		return internal(w, "api control", &err);
	buf_release(&err);

	doc = json_pack("{s:I,s:s,s:s,s:i}", "person_id", (json_int_t)id, "control_status",
			p.control_status, "risk_level", p.risk_level, "risk_score", p.risk_score);
	json_object_set_new(doc, "clean_since", jdate(p.clean_since));
	arr = json_array();
	for (i = 0; i < nm; i++) {
		json_t *m = measure_json(&ms[i]);
		if (strcmp(ms[i].status, "ended")) {
			struct activity *acts = arena_alloc(&r->arena,
							    sizeof(*acts) * (size_t)(nt + nc + 1));
			struct obligation_summary sum;
			int k, n = 0;
			for (k = 0; k < nt; k++)
				n += obligation_activity_from_test(&t[k], &acts[n]);
			for (k = 0; k < nc; k++)
				n += obligation_activity_from_contact(&c[k], &acts[n]);
			obligation_schedule(&ms[i], &pol, p.risk_level, acts, n, ymd_today(), NULL, 0,
					    &sum);
			json_object_set_new(m, "obligations", summary_json(&sum));
		}
		json_array_append_new(arr, m);
	}
	json_object_set_new(doc, "measures", arr);
	arr = json_array();
	for (i = 0; i < nt; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)t[i].id, "method",
				      t[i].method, "result", t[i].result, "substances", t[i].substances,
				      "tester", t[i].tester, "sample_no", t[i].sample_no);
		json_object_set_new(o, "date", jdate(t[i].date));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "tests", arr);
	arr = json_array();
	for (i = 0; i < nc; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)c[i].id, "kind", c[i].kind,
				      "outcome", c[i].outcome, "note", c[i].note);
		json_object_set_new(o, "date", jdate(c[i].date));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "contacts", arr);
	arr = json_array();
	for (i = 0; i < na; i++) {
		json_t *o = json_pack("{s:I,s:b,s:s}", "id", (json_int_t)ab[i].id, "permitted",
				      ab[i].permitted, "destination", ab[i].destination);
		json_object_set_new(o, "start_date", jdate(ab[i].start_date));
		json_object_set_new(o, "end_date", jdate(ab[i].end_date));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "absences", arr);
	arr = json_array();
	for (i = 0; i < nas; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)as[i].id, "kind",
				      as[i].kind, "provider", as[i].provider, "detail", as[i].detail);
		json_object_set_new(o, "start_date", jdate(as[i].start_date));
		json_object_set_new(o, "end_date", jdate(as[i].end_date));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "assistance", arr);
	arr = json_array();
	for (i = 0; i < nf; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)fl[i].id, "kind",
				      fl[i].kind, "reason", fl[i].reason, "evidence", fl[i].evidence,
				      "resolution", fl[i].resolution);
		json_object_set_new(o, "date", jdate(fl[i].date));
		json_object_set_new(o, "resolved_date", jdate(fl[i].resolved_date));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "flags", arr);
	{
		struct assist_request *qs;
		int nq = 0;
		if (store_assist_of_person(req_db(r), id, &r->arena, &qs, &nq, &err) < 0) {
			json_decref(doc);
			return internal(w, "api control", &err);
		}
		arr = json_array();
		for (i = 0; i < nq; i++)
			json_array_append_new(arr, api_assist_json(&qs[i]));
		json_object_set_new(doc, "assists", arr);
	}
	json_object_set_new(doc, "methadone", methadone_json(mm, nmm, &pol));
	return resp_json(w, 200, doc);
}

/* GET /api/v1/work?view=overdue|week|all&scope=mine&offset=&limit= */
int api_work(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	struct work_item *items;
	struct work_counts c;
	struct worklist_query q;
	const char *scope = req_query(r, "scope"), *view = req_query(r, "view");
	int n, i, mine = scope && !strcmp(scope, "mine");
	int64_t total;
	json_t *arr;

	if (view && strcmp(view, "overdue") && strcmp(view, "week") && strcmp(view, "all"))
		return resp_error(w, 400, "bad_request", N_("参数 view 只能是 overdue、week 或 all"),
				  NULL);
	q.prefix = r->user.division_prefix;
	q.worker_id = mine ? r->user.id : 0;
	q.view = !view || !strcmp(view, "all") ? WORK_ALL
		 : !strcmp(view, "overdue") ? WORK_OVERDUE : WORK_WEEK;
	q.offset = (int)req_int(r, "offset", 0, 0, 10000000);
	q.limit = (int)req_int(r, "limit", 50, 1, 500);
	if (control_policy(req_db(r), &pol, &err) < 0 ||
	    control_worklist(req_db(r), &q, &pol, ymd_today(), &r->arena, &items, &n, &c, &err) < 0)
		return internal(w, "api work", &err);
	buf_release(&err);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "person_id",
				      (json_int_t)items[i].om.m.person_id, "name", items[i].om.person_name,
				      "risk_level", items[i].om.risk_level, "division",
				      items[i].om.m.division, "measure", measure_json(&items[i].om.m),
				      "obligations", summary_json(&items[i].sum));
		json_array_append_new(arr, o);
	}
	total = q.view == WORK_OVERDUE ? c.overdue : q.view == WORK_WEEK ? c.overdue + c.soon : c.all;
	return resp_json(w, 200, json_pack("{s:I,s:i,s:i,s:{s:I,s:I,s:I},s:o}", "total",
					   (json_int_t)total, "offset", q.offset, "limit", q.limit,
					   "counts", "overdue", (json_int_t)c.overdue, "due_soon",
					   (json_int_t)c.soon, "all", (json_int_t)c.all, "items", arr));
}

json_t *api_assist_json(const struct assist_request *q)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "id",
			      (json_int_t)q->id, "person_id", (json_int_t)q->person_id, "name",
			      q->person_name, "id_number_masked", q->person_id_masked,
			      "from_division", q->from_division, "from_name", q->from_name,
			      "to_division", q->to_division, "to_name", q->to_name, "reason",
			      q->reason, "found", q->found, "answer", q->answer);
	json_object_set_new(o, "status", json_string(q->status));
	json_object_set_new(o, "requested_at", json_integer(q->requested_at));
	json_object_set_new(o, "answered_at", json_integer(q->answered_at));
	json_object_set_new(o, "answered_by", json_integer(q->answered_by));
	json_object_set_new(o, "answered_by_name", json_string(q->answered_name));
	json_object_set_new(o, "alert_id", json_integer(q->alert_id));
	return o;
}

/* GET /api/v1/assist?direction=incoming|outgoing&days=30: 协查 to or from
 * the user's area: those waiting, and those answered in the last days. */
int api_assist(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct assist_request *qs;
	const char *dir = req_query(r, "direction");
	int n, i, incoming = !dir || strcmp(dir, "outgoing");
	json_t *arr;

	if (dir && strcmp(dir, "incoming") && strcmp(dir, "outgoing"))
		return resp_error(w, 400, "bad_request",
				  N_("参数 direction 只能是 incoming 或 outgoing"), NULL);
	if (store_assist_list(req_db(r), r->user.division_prefix, incoming,
			      (int)req_int(r, "days", 30, 0, 3650), &r->arena, &qs, &n, &err) < 0)
		return internal(w, "api assist", &err);
	buf_release(&err);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_assist_json(&qs[i]));
	return resp_json(w, 200, json_pack("{s:s,s:o}", "direction",
					   incoming ? "incoming" : "outgoing", "items", arr));
}

int api_policy(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	json_error_t je;
	char *text;
	json_t *doc;

	if (control_policy(req_db(r), &pol, &err) < 0)
		return internal(w, "api policy", &err);
	buf_release(&err);
	text = policy_to_json(&pol);
	doc = text ? json_loads(text, 0, &je) : NULL;
	free(text);
	if (!doc)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	return resp_json(w, 200, doc);
}
