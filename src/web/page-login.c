/* page-login.c - sign in (password, then TOTP when enabled) and sign out. */
#include <stdio.h>
#include <string.h>

#include "lib/secret.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/throttle.h"

#define LOGIN_ATTEMPTS_PER_IP 30
#define LOGIN_WINDOW 600

static const char *cookie_attrs(struct req *r)
{
	return r->app->secure_cookies ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
				      : "; Path=/; HttpOnly; SameSite=Strict";
}

static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/";
	return next;
}

/* The login form carries a random value that must match a cookie set with
 * it (double submit): another site cannot sign a browser in as someone else. */
static void login_page(struct req *r, struct resp *w, const char *login, const char *message)
{
	struct buf pre = BUF_INIT;
	struct form f = { r, &w->body, NULL, 0 };
	const char *next = safe_next(req_param(r, "next"));
	const char *cookie;

	secret_random_token(&pre, 18);
	cookie = arena_printf(&r->arena, "jindu_pre=%s%s", pre.buf, cookie_attrs(r));
	resp_header(w, "Set-Cookie", cookie);

	layout_begin(r, w, _("登录"), MOD_NONE, NULL, 0);
	html_raw_trusted(&w->body, "<div class=\"login-card\"><p class=\"lead\">");
	html_text(&w->body, _("请使用本人账号登录。系统中的个人信息受法律保护，所有查阅均被记录。"));
	html_raw_trusted(&w->body, "</p>");
	if (message) {
		html_raw_trusted(&w->body, "<div class=\"notice error\" role=\"alert\">");
		html_text(&w->body, message);
		html_raw_trusted(&w->body, "</div>");
	}
	form_begin(&f, "/login", "login-form");
	form_hidden(&f, "_pre", pre.buf);
	form_hidden(&f, "next", next);
	form_hidden(&f, "lang", lang_key(r->lang));
	form_input(&f, "login", N_("用户名"), login, "text", 1, NULL);
	form_input(&f, "password", N_("密码"), NULL, "password", 1, NULL);
	form_end(&f, N_("登录"), NULL);
	html_raw_trusted(&w->body, "<p class=\"lang-switch\">");
	if (r->lang == LANG_EN)
		html_link(&w->body, "/login?lang=zh", "中文");
	else
		html_link(&w->body, "/login?lang=en", "English");
	html_raw_trusted(&w->body, "</p></div>");
	layout_end(r, w);
	buf_release(&pre);
}

int page_login_form(struct req *r, struct resp *w)
{
	if (r->authed && r->session.mfa_done)
		return resp_redirect(r, w, safe_next(req_query(r, "next")));
	login_page(r, w, "", NULL);
	return 200;
}

static int set_session_cookie(struct req *r, struct resp *w, const char *token)
{
	resp_header(w, "Set-Cookie",
		    arena_printf(&r->arena, "jindu_session=%s%s", token, cookie_attrs(r)));
	resp_header(w, "Set-Cookie", arena_printf(&r->arena, "jindu_pre=; Max-Age=0%s",
						  cookie_attrs(r)));
	return 0;
}

int page_login_submit(struct req *r, struct resp *w)
{
	const char *login = req_form(r, "login"), *password = req_form(r, "password");
	const char *pre = req_form(r, "_pre");
	struct buf err = BUF_INIT, token = BUF_INIT, csrf = BUF_INIT;
	struct user u;
	enum login_result res;
	int64_t until = 0, now = now_unix();
	int status;

	r->lang = lang_from_key(req_form(r, "lang"));
	i18n_use(r->lang);
	if (!pre || !r->h_cookie_pre || !secret_equal(pre, r->h_cookie_pre)) {
		login_page(r, w, login, _("登录页面已过期，请重新输入"));
		return 403;
	}
	if (!throttle_allow(r->ip, now, LOGIN_ATTEMPTS_PER_IP, LOGIN_WINDOW)) {
		resp_header(w, "Retry-After", "600");
		login_page(r, w, login, _("登录尝试过于频繁，请10分钟后再试"));
		return 429;
	}
	if (!login || !*login || !password || !*password) {
		login_page(r, w, login, _("请输入用户名和密码"));
		return 400;
	}
	res = auth_login(req_db(r), &r->app->policy, login, password, r->ip, &r->arena, &u, &until,
			 &err);
	switch (res) {
	case LOGIN_OK:
		break;
	case LOGIN_LOCKED: {
		char when[20];
		unix_format(until, when);
		login_page(r, w, login,
			   arena_printf(&r->arena, _("连续登录失败次数过多，账号已锁定至 %s"), when));
		status = 423;
		goto out;
	}
	case LOGIN_DISABLED:
	case LOGIN_BAD:
		login_page(r, w, login, _("用户名或密码错误"));
		status = 401;
		goto out;
	default:
		fprintf(stderr, "jindu: login failed: %s\n", err.buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
		goto out;
	}
	store_session_purge(req_db(r), now - r->app->policy.idle_seconds,
			    now - r->app->policy.absolute_seconds, &err);
	if (auth_session_create(req_db(r), &u, r->ip, !u.totp_enabled, &token, &csrf, &err) < 0) {
		fprintf(stderr, "jindu: cannot create session: %s\n", err.buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
		goto out;
	}
	set_session_cookie(r, w, token.buf);
	if (u.totp_enabled) {
		const char *next = safe_next(req_form(r, "next"));
		struct buf loc = BUF_INIT;
		buf_adds(&loc, "/login/totp?next=");
		html_url_value(&loc, next);
		status = resp_redirect(r, w, arena_strdup(&r->arena, loc.buf));
		buf_release(&loc);
	} else {
		status = resp_redirect(r, w, safe_next(req_form(r, "next")));
	}
out:
	buf_release(&err);
	buf_release(&token);
	buf_release(&csrf);
	return status;
}

static void totp_page(struct req *r, struct resp *w, const char *message)
{
	struct form f = { r, &w->body, NULL, 0 };
	layout_begin(r, w, _("动态口令验证"), MOD_NONE, NULL, 0);
	html_raw_trusted(&w->body, "<div class=\"login-card\"><p class=\"lead\">");
	html_text(&w->body, _("请输入身份验证器应用中显示的6位动态口令。"));
	html_raw_trusted(&w->body, "</p>");
	if (message) {
		html_raw_trusted(&w->body, "<div class=\"notice error\" role=\"alert\">");
		html_text(&w->body, message);
		html_raw_trusted(&w->body, "</div>");
	}
	form_begin(&f, "/login/totp", "totp-form");
	form_hidden(&f, "next", safe_next(req_param(r, "next")));
	form_input(&f, "code", N_("动态口令"), "", "text", 1, NULL);
	form_end(&f, N_("验证"), NULL);
	html_raw_trusted(&w->body, "</div>");
	layout_end(r, w);
}

int page_totp_form(struct req *r, struct resp *w)
{
	if (r->session.mfa_done)
		return resp_redirect(r, w, safe_next(req_query(r, "next")));
	totp_page(r, w, NULL);
	return 200;
}

int page_totp_submit(struct req *r, struct resp *w)
{
	struct buf secret = BUF_INIT, err = BUF_INIT;
	const char *code = req_form(r, "code");
	int ok, status;

	if (r->session.mfa_done)
		return resp_redirect(r, w, safe_next(req_form(r, "next")));
	if (!throttle_allow(r->ip, now_unix(), LOGIN_ATTEMPTS_PER_IP, LOGIN_WINDOW)) {
		totp_page(r, w, _("尝试过于频繁，请10分钟后再试"));
		return 429;
	}
	if (r->user.locked_until > now_unix()) {
		totp_page(r, w, _("连续验证失败次数过多，账号已锁定，请稍后再试"));
		buf_release(&secret);
		return 423;
	}
	ok = auth_totp_verify(req_db(r), &r->app->policy, &r->user, code, now_unix(), &err) == 1;
	audit_log_tx(req_db(r), &r->actor, "login", "user", r->user.login, r->user.division,
		     ok ? "动态口令验证成功" : "失败：动态口令错误", NULL, &err);
	if (!ok) {
		totp_page(r, w, _("动态口令不正确"));
		status = 401;
	} else if (auth_session_mfa_done(req_db(r), r->session_token, &err) != 0) {
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	} else {
		status = resp_redirect(r, w, safe_next(req_form(r, "next")));
	}
	buf_release(&secret);
	buf_release(&err);
	return status;
}

int page_logout(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	if (r->session_token) {
		auth_session_end(req_db(r), r->session_token, &err);
		audit_log_tx(req_db(r), &r->actor, "logout", "user", r->user.login, r->user.division,
			     "", NULL, &err);
	}
	buf_release(&err);
	resp_header(w, "Set-Cookie",
		    arena_printf(&r->arena, "jindu_session=; Max-Age=0%s", cookie_attrs(r)));
	return resp_redirect(r, w, "/login");
}
