/* api-feeds.c - GET /api/v1/feeds and /api/v1/feeds/{name}: partner sources and their batches as JSON. */
#include <stdio.h>

#include "web/feeds.h"
#include "web/handlers.h"
#include "web/server.h"

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

json_t *feeds_source_json(const struct feed_source_row *s)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I}", "name", s->src.name,
			 "kind", s->src.kind, "label", s->src.label, "unit_id",
			 (json_int_t)s->src.unit_id, "unit_name", s->unit_name, "disabled",
			 s->src.disabled, "created_at", (json_int_t)s->src.created_at, "batches",
			 (json_int_t)s->batches, "read", (json_int_t)s->read, "matched",
			 (json_int_t)s->matched, "rejected", (json_int_t)s->rejected,
			 "last_batch_at", (json_int_t)s->last_batch_at);
}

int api_feeds(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct feed_source_row *rows;
	json_t *items;
	int n, i;

	if (store_source_rows(req_db(r), &r->arena, &rows, &n, &err) < 0)
		return internal(w, "api feeds", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, feeds_source_json(&rows[i]));
	return resp_json(w, 200, json_pack("{s:o}", "items", items));
}

/* ?offset=&limit= page the batches, newest first. */
int api_feed(struct req *r, struct resp *w)
{
	const char *name = req_path_param(r, "name");
	int offset = (int)req_int(r, "offset", 0, 0, 100000000);
	int limit = (int)req_int(r, "limit", 50, 1, 500);
	struct buf err = BUF_INIT;
	struct feed_source_row s;
	struct feed_batch_row *rows;
	int64_t total;
	json_t *batches;
	int n, i, rc;

	rc = name ? store_source_row(req_db(r), name, &r->arena, &s, &err) : STORE_NOTFOUND;
	if (rc == 0)
		rc = store_batch_list(req_db(r), s.src.id, limit, offset, &r->arena, &rows, &n,
				      &total, &err);
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("找不到该接入来源"), NULL);
	}
	if (rc < 0)
		return internal(w, "api feed", &err);
	buf_release(&err);
	batches = json_array();
	for (i = 0; i < n; i++) {
		const struct feed_batch *b = &rows[i].b;
		json_array_append_new(
			batches,
			json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "id",
				  (json_int_t)b->id, "name", b->name, "digest", b->digest, "who",
				  rows[i].who, "started_at", (json_int_t)b->started_at,
				  "finished_at", (json_int_t)b->finished_at, "read",
				  (json_int_t)b->read, "matched", (json_int_t)b->matched,
				  "unmatched", (json_int_t)b->unmatched, "duplicates",
				  (json_int_t)b->duplicates, "rejected", (json_int_t)b->rejected,
				  "alerts", (json_int_t)b->alerts));
	}
	return resp_json(w, 200, json_pack("{s:o,s:I,s:o}", "source", feeds_source_json(&s),
					   "total", (json_int_t)total, "batches", batches));
}
