/* server.c - libmicrohttpd glue: collect a request, dispatch it, send the response. */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/timeutil.h"
#include "lib/xalloc.h"
#include "web/dispatch.h"

#define BODY_MAX (16 * 1024 * 1024)
#define DRAIN_SECONDS 10

/* Requests between their first byte and their completion, so that shutdown
 * can let them finish. Idle keep-alive connections are not counted. */
static atomic_int inflight;

/* Per-connection request state, from the first call to the completion callback. */
struct conn {
	struct req r;
	struct resp w;
	struct MHD_PostProcessor *pp;
	struct buf field;        /* value being assembled by the post processor */
	const char *field_name;
	struct req_file *file;   /* file being assembled, or NULL */
	int64_t started;
	uint64_t received;       /* body bytes so far, form or not: capped at BODY_MAX */
};

static void flush_field(struct conn *c)
{
	if (c->field_name) {
		req_add_param(&c->r, &c->r.form, &c->r.nform, &c->r.aform, c->field_name,
			      c->field.buf, c->field.len);
		c->field_name = NULL;
	}
	buf_reset(&c->field);
}

/*
 * A part of a multipart form that carries a file: its bytes go to a
 * buffer of their own rather than into a form parameter. Past
 * REQ_MAX_FILES files the rest are dropped.
 *
 * The post processor may announce a part with an empty call at offset 0
 * and then send its first bytes at offset 0 again (when they arrive in
 * the next read): a part starts anew only when a value is under way, here
 * and for the text fields in post_iter.
 */
static void file_part(struct conn *c, const char *key, const char *filename,
		      const char *content_type, const char *data, uint64_t off, size_t size)
{
	struct req *r = &c->r;
	struct req_file *f = c->file;

	if (!f || strcmp(f->field, key) || (off == 0 && f->data.len)) {
		flush_field(c);
		c->file = NULL;
		if (r->nfiles >= REQ_MAX_FILES)
			return;
		f = &r->files[r->nfiles++];
		f->field = arena_strdup(&r->arena, key);
		f->filename = arena_strdup(&r->arena, filename);
		f->content_type = arena_strdup(&r->arena, content_type ? content_type : "");
		buf_init(&f->data, BODY_MAX);
		c->file = f;
	}
	buf_add(&f->data, data, size);
	if (buf_err(&f->data))
		r->body_too_large = 1;
}

static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct conn *c = cls;
	if (filename) {
		file_part(c, key, filename, content_type, data, off, size);
		return MHD_YES;
	}
	c->file = NULL;
	if (!c->field_name || strcmp(c->field_name, key) || (off == 0 && c->field.len)) {
		flush_field(c);
		c->field_name = arena_strdup(&c->r.arena, key);
	}
	buf_add(&c->field, data, size);
	if (buf_err(&c->field))
		c->r.body_too_large = 1;
	return MHD_YES;
}

static enum MHD_Result copy_query(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	struct req *r = cls;
	req_add_param(r, &r->query, &r->nquery, &r->aquery, key, value ? value : "",
		      value ? strlen(value) : 0);
	return MHD_YES;
}

static const char *header(struct MHD_Connection *mc, struct req *r, enum MHD_ValueKind kind,
			  const char *name)
{
	const char *v = MHD_lookup_connection_value(mc, kind, name);
	return v ? arena_strdup(&r->arena, v) : NULL;
}

static void client_ip(struct MHD_Connection *mc, struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  ip, sizeof(ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
				  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip,
				  sizeof(ip));
	}
	r->ip = arena_strdup(&r->arena, ip);
}

static struct conn *conn_new(struct app *app, struct MHD_Connection *mc, const char *url,
			     const char *method)
{
	struct conn *c = xcalloc(1, sizeof(*c));
	struct req *r = &c->r;
	const char *ct;

	atomic_fetch_add(&inflight, 1);
	c->started = now_usec();
	buf_init(&r->body, BODY_MAX);
	buf_init(&c->field, BODY_MAX);
	buf_init(&c->w.body, 0);
	r->app = app;
	r->method = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	client_ip(mc, r);
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, copy_query, r);
	r->content_type = header(mc, r, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	r->h_cookie_session = header(mc, r, MHD_COOKIE_KIND, "jindu_session");
	r->h_cookie_pre = header(mc, r, MHD_COOKIE_KIND, "jindu_pre");
	r->h_authorization = header(mc, r, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	r->h_csrf = header(mc, r, MHD_HEADER_KIND, "X-CSRF-Token");
	r->h_accept = header(mc, r, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	r->is_htmx = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "HX-Request") != NULL;
	r->is_api = !strncmp(url, "/api/", 5);

	ct = r->content_type;
	if (ct && (!strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
				strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) ||
		   !strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
				strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA))))
		c->pp = MHD_create_post_processor(mc, 64 * 1024, post_iter, c);
	return c;
}

static void conn_free(struct conn *c)
{
	int i;
	for (i = 0; i < c->r.nfiles; i++)
		buf_release(&c->r.files[i].data);
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	if (c->r.db)
		store_put(c->r.db);
	buf_release(&c->r.body);
	buf_release(&c->field);
	buf_release(&c->w.body);
	arena_release(&c->r.arena);
	free(c);
	atomic_fetch_sub(&inflight, 1);
}

static enum MHD_Result send_response(struct MHD_Connection *mc, struct conn *c)
{
	struct resp *w = &c->w;
	struct MHD_Response *mr;
	enum MHD_Result ret;
	int i;

	if (w->static_data) {
		mr = MHD_create_response_from_buffer(w->static_len, (void *)(uintptr_t)w->static_data,
						     MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len;
		char *body = buf_detach(&w->body, &len);
		mr = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!mr)
			free(body);
	}
	if (!mr)
		return MHD_NO;
	if (w->content_type)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, w->content_type);
	for (i = 0; i < w->nheaders; i++)
		MHD_add_response_header(mr, w->headers[i].name, w->headers[i].value);
	ret = MHD_queue_response(mc, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct app *app = cls;
	struct conn *c = *con_cls;

	if (!c) {
		*con_cls = conn_new(app, mc, url, method);
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* The cap covers the whole body: a form of many fields, each under
		 * the per-field cap, must not grow memory without bound either.
		 * Past it the rest of the body is read and dropped. */
		c->received += *upload_data_size;
		if (c->received > BODY_MAX)
			c->r.body_too_large = 1;
		if (c->r.body_too_large) {
			/* dropped */
		} else if (c->pp) {
			if (MHD_post_process(c->pp, upload_data, *upload_data_size) != MHD_YES)
				c->r.body_too_large = 1;
		} else {
			buf_add(&c->r.body, upload_data, *upload_data_size);
			if (buf_err(&c->r.body))
				c->r.body_too_large = 1;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	flush_field(c);
	dispatch(&c->r, &c->w, c->started);
	return send_response(mc, c);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn *c = *con_cls;
	if (c)
		conn_free(c);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct buf *err)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	long port;
	char *end;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host)) {
		buf_setf(err, "listen address '%s' must look like 127.0.0.1:8080", listen);
		return -1;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
		buf_setf(err, "listen address '%s' must look like 127.0.0.1:8080", listen);
		return -1;
	}
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

int server_run(struct app *app, const struct server_options *o, struct buf *err)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig = 0;
	const union MHD_DaemonInfo *info;

	if (parse_listen(o->listen, &sa, err) < 0)
		return -1;
	/* Block the signals before MHD starts its threads, so only sigwait
	 * below sees them and shutdown happens in one place. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* MHD_USE_ITC: MHD_quiesce_daemon below needs it to stop accepting. */
	d = MHD_start_daemon(MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
				     MHD_USE_ITC,
			     0, NULL, NULL, on_request, app,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 8),
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
			     MHD_OPTION_END);
	if (!d) {
		buf_setf(err, "cannot listen on %s: %s", o->listen, strerror(errno));
		return -1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "jindu: serving %s on http://%s:%u/\n", store_path(app->store),
		inet_ntoa(sa.sin_addr), info ? info->port : ntohs(sa.sin_port));
	fflush(stderr);

	sigwait(&set, &sig);
	fprintf(stderr, "jindu: %s received, finishing requests\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	/* Stop accepting, let the requests in progress finish (within reason),
	 * then close everything. */
	MHD_quiesce_daemon(d);
	{
		struct timespec tick = { 0, 20 * 1000 * 1000 };
		int i;
		for (i = 0; i < DRAIN_SECONDS * 50 && atomic_load(&inflight) > 0; i++)
			nanosleep(&tick, NULL);
	}
	MHD_stop_daemon(d);
	fprintf(stderr, "jindu: stopped\n");
	return 0;
}
