/* api-alerts.c - 预警 as JSON: the alerts of one's area, and one alert with its event and its 协查. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/alert-stats.h"
#include "domain/feed.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/alerts.h"
#include "web/handlers.h"
#include "web/server.h"

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

/* What the list says of an alert; one alert says more (api_alert). */
static json_t *item_json(const struct alert_row *a, int64_t now)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:i,s:s,s:s,s:b,s:s,s:I,s:s,s:s,s:I,s:I,s:I}",
			      "id", (json_int_t)a->al.id, "person_id", (json_int_t)a->al.person_id,
			      "name", a->person_name, "division", a->al.division, "priority",
			      a->al.priority, "reason", a->al.reason, "status", a->al.status,
			      "overdue", alert_overdue(&a->al, now), "source", a->source_label,
			      "event_time", (json_int_t)a->event_time, "place", a->place,
			      "feedback", a->al.feedback, "created_at", (json_int_t)a->al.created_at,
			      "sign_due", (json_int_t)a->al.sign_due, "feedback_due",
			      (json_int_t)a->al.feedback_due);
	json_object_set_new(o, "signed_at", json_integer(a->al.signed_at));
	json_object_set_new(o, "handled_at", json_integer(a->al.handled_at));
	json_object_set_new(o, "late", json_boolean(alert_late(&a->al, now)));
	/* the 协查 of a hit in another township: none, requested, answered (one at least) */
	json_object_set_new(o, "assist", json_string(a->assists_answered ? "answered"
						     : a->assists		 ? "requested"
									 : "none"));
	return o;
}

/* GET /api/v1/alerts?status=&priority=&overdue=&division=&source=&from=&to=
 * &late=&signed_on_time=&answered_on_time=&offset=&limit= */
int api_alerts(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct alert_filter f;
	struct feed_source src;
	struct alert_row *rows;
	struct alert_counts c;
	int64_t total;
	int n, i, rc;
	json_t *arr;

	rc = alerts_filter_from_query(r, &f, &src);
	if (rc == -2)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	if (rc < 0)
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	f.offset = (int)req_int(r, "offset", 0, 0, 10000000);
	f.limit = (int)req_int(r, "limit", 50, 1, 500);
	if (store_alert_counts(req_db(r), f.prefix, f.now, &c, &err) < 0 ||
	    store_alert_list(req_db(r), &f, &r->arena, &rows, &n, &total, &err) < 0)
		return internal(w, "api alerts", &err);
	buf_release(&err);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, item_json(&rows[i], f.now));
	return resp_json(w, 200, json_pack("{s:I,s:{s:I,s:I,s:I,s:I,s:I},s:o}", "total",
					   (json_int_t)total, "counts", "new", (json_int_t)c.fresh,
					   "signed", (json_int_t)c.signed_, "handled",
					   (json_int_t)c.handled, "closed", (json_int_t)c.closed,
					   "overdue", (json_int_t)c.overdue, "items", arr));
}

/* GET /api/v1/alerts/{id}: the alert, its workflow, the event that made it
 * and the 协查 it asked for, with their answers. */
int api_alert(struct req *r, struct resp *w)
{
	const char *s = req_path_param(r, "id");
	char *end;
	long long id = s ? strtoll(s, &end, 10) : 0;
	struct buf err = BUF_INIT;
	struct assist_request *qs;
	struct alert_row a;
	int64_t now = now_unix();
	int rc = STORE_NOTFOUND, n, i;
	json_t *doc, *arr;

	if (s && *s && !*end && id > 0)
		rc = store_alert_get(req_db(r), id, &r->arena, &a, &err);
	if (rc == 0 && !division_in(a.al.division, r->user.division_prefix))
		rc = STORE_NOTFOUND;
	if (rc == 0 && store_assist_of_alert(req_db(r), id, &r->arena, &qs, &n, &err) < 0)
		rc = -1;
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("找不到该预警，或不在您的辖区内"), NULL);
	}
	if (rc < 0)
		return internal(w, "api alert", &err);
	buf_release(&err);
	doc = item_json(&a, now);
	json_object_set_new(doc, "id_number_masked", json_string(a.person_id_masked));
	json_object_set_new(doc, "worker_id", json_integer(a.al.worker_id));
	json_object_set_new(doc, "signed_by", json_integer(a.al.signed_by));
	json_object_set_new(doc, "signed_on_time", json_boolean(alert_signed_on_time(&a.al)));
	json_object_set_new(doc, "handled_by", json_integer(a.al.handled_by));
	json_object_set_new(doc, "answered_on_time", json_boolean(alert_answered_on_time(&a.al)));
	json_object_set_new(doc, "feedback_note", json_string(a.al.feedback_note));
	json_object_set_new(doc, "closed_by", json_integer(a.al.closed_by));
	json_object_set_new(doc, "closed_at", json_integer(a.al.closed_at));
	json_object_set_new(doc, "escalated_at", json_integer(a.al.escalated_at));
	json_object_set_new(doc, "event",
			    json_pack("{s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)a.al.event_id,
				      "source", a.source_label, "time", (json_int_t)a.event_time,
				      "place", a.place, "division", a.event_division, "details",
				      a.details));
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_assist_json(&qs[i]));
	json_object_set_new(doc, "assists", arr);
	return resp_json(w, 200, doc);
}
