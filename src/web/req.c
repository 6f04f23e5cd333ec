/* req.c - parameter lookup and response helpers shared by all handlers. */
#include "web/req.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/html.h"
#include "web/server.h"

struct db *req_db(struct req *r)
{
	if (!r->db)
		r->db = store_get(r->app->store);
	return r->db;
}

void req_add_param(struct req *r, struct param **list, size_t *n, size_t *alloc, const char *name,
		   const char *value, size_t len)
{
	struct param *p = ARENA_PUSH(&r->arena, *list, *n, *alloc);
	p->name = arena_strdup(&r->arena, name);
	p->value = arena_strndup(&r->arena, value, len);
	p->len = len;
}

static const char *find(const struct param *list, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(list[i].name, name))
			return list[i].value;
	return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
	return find(r->query, r->nquery, name);
}

const char *req_form(const struct req *r, const char *name)
{
	return find(r->form, r->nform, name);
}

const char *req_param(const struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v ? v : req_query(r, name);
}

const char *req_form_joined(struct req *r, const char *name)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;
	for (i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].name, name) || !*r->form[i].value)
			continue;
		if (b.len)
			buf_addch(&b, ',');
		buf_adds(&b, r->form[i].value);
	}
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

const char *req_path_param(const struct req *r, const char *name)
{
	return find(r->path_params, r->npath, name);
}

const struct req_file *req_file(const struct req *r, const char *name)
{
	int i;
	for (i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i].field, name))
			return &r->files[i];
	return NULL;
}

int64_t req_int(const struct req *r, const char *name, int64_t def, int64_t min, int64_t max)
{
	const char *v = req_param(r, name);
	char *end;
	long long n;
	if (!v || !*v)
		return def;
	n = strtoll(v, &end, 10);
	if (*end || n < min || n > max)
		return def;
	return n;
}

void resp_header(struct resp *w, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n") || strpbrk(value, "\r\n")) {
		fprintf(stderr, "jindu: refused header '%s' with a line break\n", name);
		return;
	}
	if (w->nheaders < RESP_MAX_HEADERS) {
		w->headers[w->nheaders].name = name;
		w->headers[w->nheaders].value = value;
		w->nheaders++;
	}
}

int resp_redirect(struct req *r, struct resp *w, const char *location)
{
	/* Only local paths: an attacker-supplied "next" must not leave the site. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	resp_header(w, "Location", arena_strdup(&r->arena, location));
	w->status = 303;
	return 303;
}

int resp_error(struct resp *w, int status, const char *code, const char *message,
	       const char *field)
{
	w->status = status;
	w->error_code = code;
	w->error_message = message;
	w->error_field = field;
	return status;
}

void resp_attachment(struct req *r, struct resp *w, const char *ascii_name, const char *name)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii_name);
	html_url_value(&b, name);
	resp_header(w, "Content-Disposition", arena_strdup(&r->arena, b.buf));
	buf_release(&b);
}

int resp_body_from_fd(struct resp *w, int fd, struct buf *err)
{
	char chunk[65536];
	ssize_t got;

	buf_reset(&w->body);
	if (lseek(fd, 0, SEEK_SET) < 0) {
		buf_setf(err, "read back: %s", strerror(errno));
		return -1;
	}
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			buf_setf(err, "read back: %s", strerror(errno));
			return -1;
		}
		buf_add(&w->body, chunk, (size_t)got);
	}
	return 0;
}

int resp_json(struct resp *w, int status, json_t *doc)
{
	/* 15 significant digits: 56.3 stays 56.3, not 56.299999999999997 */
	char *text = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
	buf_reset(&w->body);
	if (text) {
		buf_adds(&w->body, text);
		free(text);
	}
	json_decref(doc);
	w->content_type = "application/json; charset=utf-8";
	w->status = status;
	return status;
}
