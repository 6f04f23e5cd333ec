/* page-photo.c - a person's photo: shown from its own URL, uploaded, replaced and removed. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/person.h"
#include "web/handlers.h"
#include "web/persons.h"
#include "web/server.h"

static int not_found(struct resp *w)
{
	return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
}

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

/* GET /persons/{id}/photo (and under /api/v1): the image, never cached
 * outside the browser's memory; opening it is audited as a view. */
int page_person_photo(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, img = BUF_INIT;
	const char *mime;
	int64_t id = persons_path_id(r);
	int rc = id ? person_photo_open(req_db(r), &r->actor, id, &img, &mime, &err)
		    : STORE_NOTFOUND;

	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return resp_error(w, 404, "not_found", N_("没有照片"), NULL);
	}
	if (rc < 0) {
		buf_release(&img);
		return internal(w, "photo", &err);
	}
	buf_release(&err);
	buf_addbuf(&w->body, &img);
	buf_release(&img);
	w->content_type = mime;
	resp_header(w, "Content-Disposition", "inline");
	return 200;
}

/* The answer to a change: the page again (or JSON under /api/v1). */
static int changed(struct req *r, struct resp *w, int64_t id, int rc, struct buf *err,
		   int api_status)
{
	int status;
	if (rc == 0)
		status = r->is_api ? resp_json(w, api_status, json_pack("{s:I}", "person_id",
								       (json_int_t)id))
				   : resp_redirect(r, w, arena_printf(&r->arena,
								  "/persons/%" PRId64 "?done=photo",
								  id));
	else if (rc == STORE_NOTFOUND)
		status = not_found(w);
	else if (rc == PERSON_INVALID)
		status = r->is_api ? resp_json(w, 422, json_pack("{s:{s:s,s:s,s:s}}", "error", "code",
								  "invalid", "message", err->buf,
								  "field", "photo"))
				   : persons_render_page(r, w, id, arena_strdup(&r->arena, err->buf),
							 1);
	else
		return internal(w, "photo", err);
	buf_release(err);
	return status;
}

/* POST /persons/{id}/photo: a multipart form with the file "photo", or
 * remove=1 to take it away. */
int page_person_photo_post(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t id = persons_path_id(r);
	const struct req_file *f = req_file(r, "photo");
	const char *remove = req_form(r, "remove");
	int rc;

	if (!id)
		return not_found(w);
	if (remove && !strcmp(remove, "1"))
		rc = person_photo_remove(req_db(r), &r->actor, id, &err);
	else
		rc = person_photo_set(req_db(r), &r->actor, id, f ? f->data.buf : NULL,
				      f ? f->data.len : 0, &err);
	return changed(r, w, id, rc, &err, 201);
}

/* PUT /api/v1/persons/{id}/photo: the image as the body (image/jpeg or image/png). */
int api_person_photo_put(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t id = persons_path_id(r);
	int rc;

	if (!id)
		return not_found(w);
	rc = person_photo_set(req_db(r), &r->actor, id, r->body.buf, r->body.len, &err);
	return changed(r, w, id, rc, &err, 200);
}

/* DELETE /api/v1/persons/{id}/photo */
int api_person_photo_delete(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	int64_t id = persons_path_id(r);
	int rc = id ? person_photo_remove(req_db(r), &r->actor, id, &err) : STORE_NOTFOUND;
	return changed(r, w, id, rc, &err, 200);
}
