/* dispatch.c - one request from arrival to response: assets, route, sign-in, checks, errors. */
#include "web/dispatch.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lib/embed.h"
#include "lib/timeutil.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/route.h"
#include "web/server.h"

static const struct {
	const char *ext;
	const char *type;
} mime[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
};

static int serve_static(struct req *r, struct resp *w)
{
	char name[128];
	const struct embedded *e;
	size_t i, len;

	if (strlen(r->path) >= sizeof(name) || strstr(r->path, ".."))
		return resp_error(w, 404, "not_found", N_("找不到该页面"), NULL);
	snprintf(name, sizeof(name), "static/%s", r->path + strlen("/static/"));
	e = embed_find(name);
	if (!e)
		return resp_error(w, 404, "not_found", N_("找不到该页面"), NULL);
	w->static_data = e->start;
	w->static_len = embed_size(e);
	len = strlen(name);
	w->content_type = "application/octet-stream";
	for (i = 0; i < sizeof(mime) / sizeof(mime[0]); i++) {
		size_t el = strlen(mime[i].ext);
		if (len > el && !strcmp(name + len - el, mime[i].ext))
			w->content_type = mime[i].type;
	}
	/* Asset URLs carry ?v=<content hash>, so they never change in place. */
	resp_header(w, "Cache-Control", "public, max-age=31536000, immutable");
	w->status = 200;
	return 200;
}

/* Signs the request in from a bearer token or the session cookie. */
static void authenticate(struct req *r)
{
	struct buf err = BUF_INIT;
	const char *auth = r->h_authorization;
	int rc = STORE_NOTFOUND;

	if (auth && !strncasecmp(auth, "Bearer ", 7)) {
		rc = auth_token_lookup(req_db(r), auth + 7, &r->arena, &r->user, &err);
		if (rc == 0) {
			r->via_token = 1;
			r->session.mfa_done = 1;
		}
	} else if (r->h_cookie_session) {
		rc = auth_session_lookup(req_db(r), &r->app->policy, r->h_cookie_session, &r->arena,
					 &r->session, &r->user, &err);
		if (rc == 0) {
			r->session_token = r->h_cookie_session;
			r->csrf = r->session.csrf;
		}
	}
	if (rc < 0)
		fprintf(stderr, "jindu: sign-in lookup failed: %s\n", err.buf);
	buf_release(&err);
	if (rc != 0)
		return;
	r->authed = 1;
	r->role = role_from_key(r->user.role);
	r->lang = lang_from_key(r->user.lang);
	r->actor.user_id = r->user.id;
	r->actor.login = r->user.login;
	r->actor.ip = r->ip;
	r->actor.role = r->role;
	r->actor.prefix = r->user.division_prefix;
}

/* API requests send JSON: its top-level fields become form parameters, so a
 * handler reads r the same way whether a browser posted a form or a client
 * sent JSON (strings as they are, numbers and booleans as text, arrays of
 * strings as repeated fields). Handlers that want the JSON itself still
 * have r->body. Returns 0 for a body that is not a JSON object. */
static int json_body_to_form(struct req *r)
{
	json_error_t je;
	json_t *doc, *v;
	const char *key;

	if (!r->content_type || strncmp(r->content_type, "application/json", 16))
		return 1;
	doc = json_loadb(r->body.buf, r->body.len, 0, &je);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return 0;
	}
	json_object_foreach(doc, key, v) {
		size_t i;
		json_t *x;
		if (json_is_array(v)) {
			json_array_foreach(v, i, x)
				if (json_is_string(x))
					req_add_param(r, &r->form, &r->nform, &r->aform, key,
						      json_string_value(x), json_string_length(x));
			continue;
		}
		if (json_is_string(v)) {
			req_add_param(r, &r->form, &r->nform, &r->aform, key, json_string_value(v),
				      json_string_length(v));
		} else if (json_is_integer(v) || json_is_boolean(v)) {
			const char *t = arena_printf(&r->arena, "%" JSON_INTEGER_FORMAT,
						     json_is_integer(v) ? json_integer_value(v)
									: (json_int_t)json_is_true(v));
			req_add_param(r, &r->form, &r->nform, &r->aform, key, t, strlen(t));
		} else if (json_is_real(v)) {
			/* 55.5 as "55.5": ten significant digits, no binary tail */
			const char *t = arena_printf(&r->arena, "%.10g", json_real_value(v));
			req_add_param(r, &r->form, &r->nform, &r->aform, key, t, strlen(t));
		}
	}
	json_decref(doc);
	return 1;
}

static int csrf_ok(struct req *r)
{
	const char *sent = req_form(r, "_csrf");
	if (!sent)
		sent = r->h_csrf;
	return sent && r->csrf && secret_equal(sent, r->csrf);
}

static int is_safe_method(const char *m)
{
	return !strcmp(m, "GET") || !strcmp(m, "HEAD");
}

static int run_route(struct req *r, struct resp *w, const struct route *rt)
{
	if (!(rt->flags & RF_PUBLIC) || r->h_cookie_session || r->h_authorization)
		authenticate(r);
	if (!r->authed) {
		const char *l = req_query(r, "lang");
		r->lang = lang_from_key(l);
	}
	i18n_use(r->lang);

	if (!(rt->flags & RF_PUBLIC)) {
		if (!r->authed) {
			if (!r->is_api && is_safe_method(r->method)) {
				struct buf next = BUF_INIT;
				const char *loc;
				buf_adds(&next, "/login?next=");
				html_url_value(&next, r->path);
				loc = arena_strdup(&r->arena, next.buf);
				buf_release(&next);
				return resp_redirect(r, w, loc);
			}
			return resp_error(w, 401, "unauthenticated", N_("请先登录"), NULL);
		}
		if (!r->session.mfa_done && !(rt->flags & RF_PRE_MFA)) {
			if (!r->is_api)
				return resp_redirect(r, w, "/login/totp");
			return resp_error(w, 401, "mfa_required", N_("请先完成动态口令验证"), NULL);
		}
		if (rt->module != MOD_NONE && !role_can(r->role, rt->module, rt->access))
			return resp_error(w, 403, "forbidden", N_("您的角色无权使用此功能"), NULL);
	}
	if (!is_safe_method(r->method) && r->authed && !r->via_token && !(rt->flags & RF_NO_CSRF) &&
	    !csrf_ok(r))
		return resp_error(w, 403, "csrf", N_("页面已过期或来源不明，请刷新后重试"), NULL);
	if (r->is_api && !is_safe_method(r->method) && !json_body_to_form(r))
		return resp_error(w, 400, "bad_json", N_("请求体应为 JSON 对象"), NULL);
	return rt->fn(r, w);
}

/* The methods a path answers to, for the Allow header of a 405. */
static const char *allowed_methods(struct req *r)
{
	static const char *const methods[] = { "GET", "POST", "PATCH", "PUT", "DELETE" };
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;
	int mismatch;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (!route_match(r, methods[i], r->path, &mismatch))
			continue;
		if (b.len)
			buf_adds(&b, ", ");
		buf_adds(&b, methods[i]);
	}
	r->npath = 0;
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

static void render_error(struct req *r, struct resp *w)
{
	const char *msg = w->error_message ? w->error_message : N_("请求无法完成");
	if (r->is_api || (r->h_accept && strstr(r->h_accept, "application/json") &&
			  !strstr(r->h_accept, "text/html"))) {
		json_t *e = json_pack("{s:s,s:s}", "code", w->error_code ? w->error_code : "error",
				      "message", _(msg));
		json_object_set_new(e, "field", w->error_field ? json_string(w->error_field)
							       : json_null());
		resp_json(w, w->status, json_pack("{s:o}", "error", e));
		return;
	}
	{
		int status = w->status;
		const char *title = status == 404 ? N_("找不到该页面")
				    : status == 403 ? N_("无权访问")
				    : status >= 500 ? N_("系统错误")
						    : N_("无法完成请求");
		layout_message_page(r, w, title, msg);
		w->status = status;
	}
}

static void security_headers(struct req *r, struct resp *w)
{
	resp_header(w, "X-Content-Type-Options", "nosniff");
	resp_header(w, "Referrer-Policy", "no-referrer");
	if (w->static_data)
		return;
	resp_header(w, "Content-Security-Policy",
		    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
		    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
		    "form-action 'self'");
	resp_header(w, "X-Frame-Options", "DENY");
	resp_header(w, "Cross-Origin-Opener-Policy", "same-origin");
	resp_header(w, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	/* Pages hold personal data: never keep them in a cache. */
	resp_header(w, "Cache-Control", "no-store");
}

void dispatch(struct req *r, struct resp *w, int64_t started)
{
	const struct route *rt = NULL;
	int mismatch = 0, slot;
	int64_t usec, db_usec = 0;

	w->status = 200;
	if (!strncmp(r->path, "/static/", 8) && is_safe_method(r->method)) {
		serve_static(r, w);
		slot = METRICS_STATIC;
	} else {
		rt = route_match(r, r->method, r->path, &mismatch);
		r->route = rt;
		slot = rt ? route_index(rt) : METRICS_UNMATCHED;
		if (!rt) {
			i18n_use(LANG_ZH);
			if (mismatch) {
				resp_header(w, "Allow", allowed_methods(r));
				resp_error(w, 405, "method_not_allowed", N_("不支持该请求方法"), NULL);
			} else {
				resp_error(w, 404, "not_found", N_("找不到该页面"), NULL);
			}
		} else if (r->body_too_large) {
			resp_error(w, 413, "too_large", N_("提交的内容超过 16 MB 的上限"), NULL);
		} else {
			w->status = run_route(r, w, rt);
		}
	}
	if (w->status >= 400 && !w->body.len && !w->static_data)
		render_error(r, w);
	security_headers(r, w);
	if (r->db)
		db_usec = db_take_usec(r->db);
	usec = now_usec() - started;
	metrics_observe(slot, w->status, usec, db_usec);
	if (!r->app->quiet)
		fprintf(stderr, "%s %s %s %d %.1fms %s\n", r->ip, r->method, r->path, w->status,
			(double)usec / 1000.0, r->authed ? r->user.login : "-");
}
