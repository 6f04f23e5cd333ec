/* api-feed.c - POST /api/v1/feeds/{source}/events: a partner's batch of events, with its own token. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/feed.h"
#include "lib/division.h"
#include "web/handlers.h"
#include "web/server.h"

/* Rejected lines listed in the answer; all are counted. */
#define ANSWER_REJECTS 100

static int media_is(const char *ct, const char *type)
{
	size_t n = strcspn(ct, "; "), t = strlen(type);
	return n == t && !strncasecmp(ct, type, n);
}

/*
 * The body is CSV (text/csv) or JSON lines (application/x-ndjson or
 * application/jsonl), as `jindu feed ingest` reads files; the token in
 * "Authorization: Bearer jds_…" must be the one of the source in the path.
 * The answer counts every line; a batch delivered again (same bytes) is
 * recognised and changes nothing ("already": true).
 */
int api_feed_events(struct req *r, struct resp *w)
{
	const char *name = req_path_param(r, "source"), *auth = r->h_authorization;
	const char *ct = r->content_type ? r->content_type : "";
	struct buf err = BUF_INIT;
	struct feed_source src;
	struct feed_report rep;
	struct events *ev;
	enum events_format fmt;
	struct actor who;
	json_t *rejects;
	int rc, i;

	if (!auth || strncmp(auth, "Bearer ", 7) ||
	    (rc = feed_source_by_token(req_db(r), auth + 7, &r->arena, &src, &err)) == STORE_NOTFOUND ||
	    (rc == 0 && strcmp(src.name, name ? name : ""))) {
		buf_release(&err);
		return resp_error(w, 401, "unauthenticated", N_("需要该来源的接入令牌"), NULL);
	}
	if (rc < 0) {
		fprintf(stderr, "jindu: feed: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	if (media_is(ct, "text/csv"))
		fmt = EVENTS_CSV;
	else if (media_is(ct, "application/x-ndjson") || media_is(ct, "application/jsonl"))
		fmt = EVENTS_JSONL;
	else
		return resp_error(w, 415, "unsupported_media_type",
				  N_("请求体应为 text/csv 或 application/x-ndjson"), NULL);
	who.user_id = 0;
	who.login = arena_printf(&r->arena, "feed:%s", src.name);
	who.ip = r->ip;
	who.role = ROLE_NONE;
	{
		char *prefix = arena_alloc(&r->arena, 13);
		division_prefix(r->app->root, prefix);
		who.prefix = prefix;
	}
	ev = events_open_mem(r->body.buf, r->body.len, fmt, &err);
	rc = feed_ingest(req_db(r), &who, &src, ev, fmt == EVENTS_CSV ? "http.csv" : "http.jsonl", -1,
			 &rep, &err);
	events_close(ev);
	if (rc != 0) {
		feed_report_release(&rep);
		/* a body that is not events at all (no header): the sender's mistake */
		if (rc == FEED_INVALID) {
			const char *msg = arena_strdup(&r->arena, err.buf);
			buf_release(&err);
			return resp_json(w, 422, json_pack("{s:{s:s,s:s,s:n}}", "error", "code",
							  "bad_batch", "message", msg, "field"));
		}
		fprintf(stderr, "jindu: feed %s: %s\n", src.name, err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	rejects = json_array();
	for (i = 0; i < rep.nrejects && i < ANSWER_REJECTS; i++)
		json_array_append_new(rejects, json_pack("{s:i,s:s}", "line", rep.rejects[i].line,
							 "reason", rep.rejects[i].why));
	rc = resp_json(w, rep.already ? 200 : 201,
		       json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:s,s:o}", "source", src.name,
				 "already", rep.already, "read", (json_int_t)rep.read, "matched",
				 (json_int_t)rep.matched, "unmatched", (json_int_t)rep.unmatched,
				 "duplicates", (json_int_t)rep.duplicates, "rejected",
				 (json_int_t)rep.rejected, "alerts", (json_int_t)rep.alerts, "digest",
				 rep.digest, "rejects", rejects));
	feed_report_release(&rep);
	return rc;
}
