/* req.h - one HTTP request and its response, as handlers see them. */
#ifndef JINDU_REQ_H
#define JINDU_REQ_H

#include <jansson.h>
#include <stdint.h>

#include "domain/audit.h"
#include "domain/auth.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/i18n.h"
#include "store/store.h"

struct route;
struct app;

struct param {
	const char *name;
	const char *value;
	size_t len;
};

/* A file sent in a multipart/form-data field. */
struct req_file {
	const char *field;        /* the form field's name */
	const char *filename;     /* as the browser named it ("" when none): never a path to open */
	const char *content_type; /* the part's, or "" */
	struct buf data;          /* the bytes; freed with the request */
};
#define REQ_MAX_FILES 4

/* A request owns an arena: everything a handler allocates with req->arena
 * dies with the request. Handlers never keep pointers into it. */
struct req {
	struct arena arena;
	struct app *app;
	const char *method;
	const char *path;
	const char *ip;
	const char *content_type;
	struct param *query, *form, *path_params;
	size_t nquery, aquery, nform, aform, npath, apath;
	struct buf body;      /* raw body when it is not a form */
	struct req_file files[REQ_MAX_FILES]; /* uploads of a multipart form, in order */
	int nfiles;
	int body_too_large;
	int is_api;           /* path under /api/ : JSON errors, no redirects */
	int is_htmx;          /* HX-Request: true : answer with a fragment */
	const struct route *route;

	/* Filled by authentication. */
	struct db *db;        /* checked out lazily by req_db() */
	int authed;
	int via_token;
	const char *session_token;
	struct session session;
	struct user user;
	struct actor actor;
	enum role role;
	enum lang lang;
	const char *csrf;     /* the session's CSRF token, for forms */

	/* Header values the server copied out of the connection. */
	const char *h_cookie_session;
	const char *h_cookie_pre;
	const char *h_authorization;
	const char *h_csrf;
	const char *h_accept;
};

#define RESP_MAX_HEADERS 16
struct resp {
	int status;
	const char *content_type;
	struct buf body;
	const unsigned char *static_data; /* served without copying (embedded assets) */
	size_t static_len;
	struct {
		const char *name;
		const char *value;
	} headers[RESP_MAX_HEADERS];
	int nheaders;
	/* Set by handlers that fail: rendered by the one error renderer. */
	const char *error_code;
	const char *error_message;
	const char *error_field;
};

/* The request's connection to the database, checked out on first use and
 * returned when the request ends. */
struct db *req_db(struct req *r);

/* Parameter lookup: form fields, then query string. NULL when absent. */
const char *req_param(const struct req *r, const char *name);
const char *req_query(const struct req *r, const char *name);
const char *req_form(const struct req *r, const char *name);
/* Every value of a repeated form field, joined with commas (checkboxes). */
const char *req_form_joined(struct req *r, const char *name);
const char *req_path_param(const struct req *r, const char *name);
/* The first file uploaded in form field name, or NULL. Text fields of a
 * multipart form are form parameters like any other (the CSRF token too). */
const struct req_file *req_file(const struct req *r, const char *name);
/* Integer parameter with default and bounds. */
int64_t req_int(const struct req *r, const char *name, int64_t def, int64_t min, int64_t max);
void req_add_param(struct req *r, struct param **list, size_t *n, size_t *alloc, const char *name,
		   const char *value, size_t len);

/* Adds a header; refuses (and logs) values with CR or LF. */
void resp_header(struct resp *w, const char *name, const char *value);
/* 303 See Other to a local path. */
int resp_redirect(struct req *r, struct resp *w, const char *location);
/* Records an error for the error renderer and returns status. message is a
 * Chinese source text (translated when rendered); field may be NULL. */
int resp_error(struct resp *w, int status, const char *code, const char *message,
	       const char *field);
/* The body becomes the whole file fd (read from its start): for files
 * written to a temporary file first. Returns 0 or -1 with err. */
int resp_body_from_fd(struct resp *w, int fd, struct buf *err);
/* Content-Disposition: an attachment called name (UTF-8), ascii_name for
 * clients that cannot read the other. */
void resp_attachment(struct req *r, struct resp *w, const char *ascii_name, const char *name);
/* Sends a JSON document (takes the reference). */
int resp_json(struct resp *w, int status, json_t *doc);

#endif
