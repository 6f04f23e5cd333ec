/* page-control.c - what users record on a person's page: measures, tests, contacts, flags. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "lib/timeutil.h"
#include "web/handlers.h"
#include "web/persons.h"
#include "web/server.h"

static int form_date(struct req *r, const char *name)
{
	int ymd = 0;
	const char *s = req_form(r, name);
	if (s && *s && ymd_parse(s, &ymd) < 0)
		return -1;
	return ymd;
}

static int64_t path_id(struct req *r)
{
	const char *s = req_path_param(r, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && id > 0 ? id : 0;
}

/* After an operation on person pid: back to the page on success (post,
 * redirect, get), the page with the reason when the rule said no. */
static int finish(struct req *r, struct resp *w, int64_t pid, int rc, struct buf *err,
		  const char *done, const char *anchor)
{
	const char *back = req_form(r, "back");
	int status;
	if (r->is_api) {
		/* The same operations under /api/v1 answer in JSON. */
		if (rc == 0)
			status = resp_json(w, 201, json_pack("{s:I,s:s}", "person_id", (json_int_t)pid,
							    "result", done));
		else if (rc == STORE_NOTFOUND)
			status = resp_error(w, 404, "not_found",
					    N_("找不到该人员档案，或不在您的辖区内"), NULL);
		else if (rc == CONTROL_REFUSED)
			status = resp_json(w, 422, json_pack("{s:{s:s,s:s,s:n}}", "error", "code",
							    "refused", "message", err->buf, "field"));
		else if (rc == CONTROL_CONFLICT)
			status = resp_error(w, 409, "conflict", N_("该记录已被他人修改，请核对后重新办理"),
					    "version");
		else {
			fprintf(stderr, "jindu: control: %s\n", err->buf);
			status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
		}
		buf_release(err);
		return status;
	}
	if (rc == 0 && back && back[0] == '/' && back[1] != '/' && back[1] != '\\')
		status = resp_redirect(r, w, back); /* one-click records from the worklist */
	else if (rc == 0)
		status = resp_redirect(r, w, arena_printf(&r->arena, "/persons/%" PRId64 "?done=%s#%s",
							   pid, done, anchor));
	else if (rc == STORE_NOTFOUND)
		status = resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	else if (rc == CONTROL_REFUSED)
		status = persons_render_page(r, w, pid, arena_strdup(&r->arena, err->buf), 1);
	else if (rc == CONTROL_CONFLICT)
		status = persons_render_page(r, w, pid, _("该记录已被他人修改，请核对后重新办理"), 1);
	else {
		fprintf(stderr, "jindu: control: %s\n", err->buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(err);
	return status;
}

static int bad_date(struct req *r, struct resp *w, int64_t pid)
{
	if (r->is_api)
		return resp_error(w, 400, "bad_date", N_("日期格式应为 2024-01-31"), "date");
	return persons_render_page(r, w, pid, _("日期格式应为 2024-01-31"), 1);
}

int page_measure_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct measure m;
	int64_t pid = path_id(r);
	int warning = 0, rc;

	if (!pid)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	memset(&m, 0, sizeof(m));
	m.person_id = pid;
	m.kind = req_form(r, "kind");
	m.decision_no = req_form(r, "decision_no");
	m.authority = req_form(r, "authority");
	m.division = req_form(r, "division");
	m.worker_id = req_int(r, "worker_id", 0, 0, INT64_MAX);
	m.decision_date = form_date(r, "decision_date");
	m.agreement_date = form_date(r, "agreement_date");
	m.planned_end = form_date(r, "planned_end");
	if (m.decision_date <= 0 || m.agreement_date < 0 || m.planned_end < 0)
		return bad_date(r, w, pid);
	if (!m.kind || measure_kind_from_key(m.kind) < 0 || !m.division || !*m.division) {
		buf_setf(&err, "%s", _("请选择措施和执行地"));
		return finish(r, w, pid, CONTROL_REFUSED, &err, "", "");
	}
	rc = control_measure_decide(req_db(r), &r->actor, &m, &warning, &err);
	return finish(r, w, pid, rc, &err, "measure", "measures");
}

int page_measure_change(struct req *r, struct resp *w)
{
	static const enum measure_action actions[] = { MA_REPORT, MA_SUSPEND, MA_RESUME, MA_EXTEND,
						       MA_EARLY_RELEASE, MA_END };
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct measure m;
	struct measure_change c;
	const char *action = req_form(r, "action");
	int64_t id = path_id(r), version = req_int(r, "version", 0, 0, INT64_MAX), pid;
	size_t i;
	int rc;

	rc = id ? store_measure_get(req_db(r), id, &a, &m, &err) : STORE_NOTFOUND;
	pid = rc == 0 ? m.person_id : 0;
	arena_release(&a);
	if (rc != 0)
		return finish(r, w, 0, rc, &err, "", "");
	memset(&c, 0, sizeof(c));
	c.action = (enum measure_action)-1;
	for (i = 0; action && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(measure_actions[actions[i]].key, action))
			c.action = actions[i];
	c.date = form_date(r, "date");
	c.days = (int)req_int(r, "days", 0, 0, 3650);
	c.reason = req_form(r, "reason");
	c.doc_no = req_form(r, "doc_no");
	if ((int)c.action < 0) {
		buf_setf(&err, "%s", _("请选择办理事项"));
		return finish(r, w, pid, CONTROL_REFUSED, &err, "", "");
	}
	if (c.date <= 0)
		return bad_date(r, w, pid);
	rc = control_measure_change(req_db(r), &r->actor, id, version, &c, &err);
	return finish(r, w, pid, rc, &err, "change", "measures");
}

int page_test_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct drug_test t;
	int64_t pid = path_id(r);
	int relapse = 0, rc;

	memset(&t, 0, sizeof(t));
	t.person_id = pid;
	t.date = form_date(r, "date");
	t.method = req_form(r, "method");
	t.result = req_form(r, "result");
	t.substances = req_form_joined(r, "substances");
	t.tester = req_form(r, "tester");
	t.sample_no = req_form(r, "sample_no");
	t.note = req_form(r, "note");
	t.user_id = r->user.id;
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (t.date <= 0)
		return bad_date(r, w, pid);
	rc = control_test_add(req_db(r), &r->actor, &t, &relapse, &err);
	return finish(r, w, pid, rc, &err, relapse ? "relapse" : "test", "tests");
}

int page_contact_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct contact c;
	int64_t pid = path_id(r);

	memset(&c, 0, sizeof(c));
	c.person_id = pid;
	c.date = form_date(r, "date");
	c.kind = req_form(r, "kind");
	c.outcome = req_form(r, "outcome");
	c.note = req_form(r, "note");
	c.user_id = r->user.id;
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (c.date <= 0)
		return bad_date(r, w, pid);
	return finish(r, w, pid, control_contact_add(req_db(r), &r->actor, &c, &err), &err,
		      "contact", "contacts");
}

int page_absence_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct absence ab;
	int64_t pid = path_id(r);

	memset(&ab, 0, sizeof(ab));
	ab.person_id = pid;
	ab.start_date = form_date(r, "start_date");
	ab.end_date = form_date(r, "end_date");
	ab.permitted = req_int(r, "permitted", 0, 0, 1) == 1;
	ab.destination = req_form(r, "destination");
	ab.note = req_form(r, "note");
	ab.user_id = r->user.id;
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (ab.start_date <= 0 || ab.end_date < 0)
		return bad_date(r, w, pid);
	return finish(r, w, pid, control_absence_add(req_db(r), &r->actor, &ab, &err), &err,
		      "absence", "assistance");
}

int page_assistance_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct assistance as;
	int64_t pid = path_id(r);

	memset(&as, 0, sizeof(as));
	as.person_id = pid;
	as.kind = req_form(r, "kind");
	as.start_date = form_date(r, "start_date");
	as.end_date = form_date(r, "end_date");
	as.provider = req_form(r, "provider");
	as.detail = req_form(r, "detail");
	as.user_id = r->user.id;
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (as.start_date <= 0 || as.end_date < 0)
		return bad_date(r, w, pid);
	return finish(r, w, pid, control_assistance_add(req_db(r), &r->actor, &as, &err), &err,
		      "assistance", "assistance");
}

/* POST /persons/{id}/methadone: one month of methadone maintenance, entered
 * again to correct it. */
int page_methadone_put(struct req *r, struct resp *w)
{
	static const char *const done[] = { "methadone_unchanged", "methadone_added",
					    "methadone_updated" };
	struct buf err = BUF_INIT;
	struct methadone_month m;
	enum methadone_result res;
	const char *month = req_form(r, "month"), *dose = req_form(r, "dose");
	int64_t pid = path_id(r);
	int rc;

	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	memset(&m, 0, sizeof(m));
	m.person_id = pid;
	/* what cannot be read is refused by the rules, with their reasons */
	if (!month || methadone_month_parse(month, &m.month) < 0)
		m.month = 0;
	m.clinic = req_form(r, "clinic");
	m.days_due = (int)req_int(r, "days_due", -1, 0, 1000);
	m.days_taken = (int)req_int(r, "days_taken", -1, 0, 1000);
	if (!dose || !*dose)
		m.dose_tenths = 0;
	else if (methadone_dose_parse(dose, &m.dose_tenths) < 0)
		m.dose_tenths = -1;
	m.source = "entered";
	m.user_id = r->user.id;
	rc = control_methadone_put(req_db(r), &r->actor, &m, &res, &err);
	return finish(r, w, pid, rc, &err, done[res], "methadone");
}

int page_lost_create(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t pid = path_id(r);
	int date = form_date(r, "date");
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (date <= 0)
		return bad_date(r, w, pid);
	return finish(r, w, pid,
		      control_flag_lost(req_db(r), &r->actor, pid, date, req_form(r, "reason"), &err),
		      &err, "lost", "flags");
}

int page_flag_resolve(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct control_flag f;
	int64_t id = path_id(r), pid;
	int date = form_date(r, "date"), rc;

	rc = id ? store_flag_get(req_db(r), id, &a, &f, &err) : STORE_NOTFOUND;
	pid = rc == 0 ? f.person_id : 0;
	arena_release(&a);
	if (rc != 0)
		return finish(r, w, 0, rc, &err, "", "");
	if (date <= 0)
		return bad_date(r, w, pid);
	rc = control_flag_resolve(req_db(r), &r->actor, id, date, req_form(r, "resolution"), &err);
	return finish(r, w, pid, rc, &err, "resolved", "flags");
}

/* POST /flags/{id}/decide: after a relapse, the measure the policy proposes. */
int page_relapse_decide(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct control_flag f;
	struct measure m;
	int64_t id = path_id(r), pid;
	int warning = 0, rc;

	rc = id ? store_flag_get(req_db(r), id, &a, &f, &err) : STORE_NOTFOUND;
	pid = rc == 0 ? f.person_id : 0;
	arena_release(&a);
	if (rc != 0)
		return finish(r, w, 0, rc, &err, "", "");
	memset(&m, 0, sizeof(m));
	m.decision_no = req_form(r, "decision_no");
	m.authority = req_form(r, "authority");
	m.division = req_form(r, "division");
	m.worker_id = req_int(r, "worker_id", 0, 0, INT64_MAX);
	m.decision_date = form_date(r, "decision_date");
	if (m.decision_date <= 0)
		return bad_date(r, w, pid);
	if (!m.division || !*m.division) {
		buf_setf(&err, "%s", _("请选择执行地"));
		return finish(r, w, pid, CONTROL_REFUSED, &err, "", "");
	}
	if (!m.decision_no)
		m.decision_no = "";
	if (!m.authority)
		m.authority = "";
	rc = control_relapse_decide(req_db(r), &r->actor, id, &m, &warning, &err);
	return finish(r, w, pid, rc, &err, "measure", "measures");
}

/* POST /flags/{id}/assist: 协查 for a lost person, to another township. */
int page_assist_request(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct control_flag f;
	int64_t id = path_id(r), pid, qid = 0;
	int rc;

	rc = id ? store_flag_get(req_db(r), id, &a, &f, &err) : STORE_NOTFOUND;
	pid = rc == 0 ? f.person_id : 0;
	arena_release(&a);
	if (rc != 0)
		return finish(r, w, 0, rc, &err, "", "");
	rc = control_assist_request(req_db(r), &r->actor, id, req_form(r, "to_division"),
				    req_form(r, "reason"), &qid, &err);
	return finish(r, w, pid, rc, &err, "assist", "flags");
}

/* POST /assist/{id}: the asked township answers (found=1|0, answer). The
 * person's file is not theirs: back to the worklist, or the reason. */
int page_assist_answer(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t id = path_id(r);
	const char *found = req_form(r, "found");
	int rc = id ? control_assist_answer(req_db(r), &r->actor, id, found && !strcmp(found, "1"),
					    req_form(r, "answer"), &err)
		    : STORE_NOTFOUND;
	int status;

	if (rc == 0)
		status = r->is_api ? resp_json(w, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id,
								"status", "answered"))
				   : resp_redirect(r, w, "/work?done=assist");
	else if (rc == STORE_NOTFOUND)
		status = resp_error(w, 404, "not_found", N_("找不到该协查请求"), NULL);
	else if (rc == CONTROL_REFUSED)
		status = r->is_api ? resp_json(w, 422, json_pack("{s:{s:s,s:s,s:n}}", "error", "code",
								  "refused", "message", err.buf,
								  "field"))
				   : resp_error(w, 422, "refused", arena_strdup(&r->arena, err.buf),
						"answer");
	else {
		fprintf(stderr, "jindu: assist: %s\n", err.buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return status;
}

int page_person_close(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t pid = path_id(r);
	int date = form_date(r, "date"), rc;
	if (!pid)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (date <= 0)
		return bad_date(r, w, pid);
	rc = person_close(req_db(r), &r->actor, pid, req_form(r, "reason"), date, &err);
	if (rc == PERSON_INVALID)
		rc = CONTROL_REFUSED;
	return finish(r, w, pid, rc, &err, "closed", "");
}

int page_transfer_request(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct measure m;
	int64_t id = path_id(r), pid, tid = 0;
	int rc = id ? store_measure_get(req_db(r), id, &a, &m, &err) : STORE_NOTFOUND;

	pid = rc == 0 ? m.person_id : 0;
	arena_release(&a);
	if (rc != 0)
		return finish(r, w, 0, rc, &err, "", "");
	rc = control_transfer_request(req_db(r), &r->actor, id, req_form(r, "to_division"),
				      req_form(r, "reason"), &tid, &err);
	return finish(r, w, pid, rc, &err, "transfer", "measures");
}

int page_transfer_decide(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	const char *action = req_form(r, "action");
	int64_t id = path_id(r), pid = 0;
	int rc;

	if (!id)
		return finish(r, w, 0, STORE_NOTFOUND, &err, "", "");
	if (!action || (strcmp(action, "accept") && strcmp(action, "refuse")))
		return resp_error(w, 400, "bad_action", N_("无效的操作"), "action");
	rc = control_transfer_decide(req_db(r), &r->actor, id, !strcmp(action, "accept"),
				     req_form(r, "note"), &pid, &err);
	if (rc == 0 && !r->is_api) {
		buf_release(&err);
		/* accepted: the file is ours now; refused: back to the worklist */
		return resp_redirect(r, w, !strcmp(action, "accept")
			? arena_printf(&r->arena, "/persons/%" PRId64 "?done=transfer_in#measures", pid)
			: "/work");
	}
	if (rc == CONTROL_REFUSED && !r->is_api) {
		resp_error(w, 409, "decided", N_("该申请已处理"), NULL);
		buf_release(&err);
		return 409;
	}
	return finish(r, w, pid, rc, &err, "transfer_in", "measures");
}
