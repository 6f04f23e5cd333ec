/* page-system.c - /healthz and /metrics for monitoring. */
#include <string.h>

#include "web/handlers.h"
#include "web/metrics.h"
#include "web/server.h"

int page_healthz(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	const char *v = NULL;
	int rc = store_meta_get(req_db(r), "root_division", &a, &v, &err);
	arena_release(&a);
	buf_release(&err);
	w->content_type = "text/plain; charset=utf-8";
	if (rc != 0) {
		buf_adds(&w->body, "database unavailable\n");
		return 503;
	}
	buf_adds(&w->body, "ok\n");
	return 200;
}

/* Prometheus text, for scrapers on this machine only: request counts by
 * route say something about usage, so they are not for the network. */
int page_metrics(struct req *r, struct resp *w)
{
	/* from this machine (the monitoring agent), or the office's administrator
	 * or auditor signed in: request counts say what the office works on */
	if (strcmp(r->ip, "127.0.0.1") && strcmp(r->ip, "::1") &&
	    !(r->authed && (r->role == ROLE_ADMIN || r->role == ROLE_AUDITOR)))
		return resp_error(w, 403, "forbidden", N_("仅限本机或管理员、审计员访问"), NULL);
	w->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&w->body);
	return 200;
}
