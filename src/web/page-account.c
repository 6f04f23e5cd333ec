/* page-account.c - the signed-in user's own account: language, password, TOTP. */
#include <stdio.h>
#include <string.h>

#include "lib/secret.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/tokens.h"

static void account_page(struct req *r, struct resp *w, const char *notice,
			 const struct field_error *errs, int nerr, const char *new_secret,
			 const char *new_token)
{
	struct buf *b = &w->body;
	struct form f = { r, b, errs, nerr };
	static const struct crumb crumbs[] = { { N_("我的账户"), NULL } };

	layout_begin(r, w, _("我的账户"), MOD_NONE, crumbs, 1);
	if (notice) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panels\"><div class=\"panel\"><h2>");
	html_text(b, _("账户信息"));
	html_raw_trusted(b, "</h2><dl class=\"kvs\"><div class=\"kv\"><dt>");
	html_text(b, _("用户名"));
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, r->user.login);
	html_raw_trusted(b, "</dd></div><div class=\"kv\"><dt>");
	html_text(b, _("角色"));
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, _(role_label(r->role)));
	html_raw_trusted(b, "</dd></div><div class=\"kv\"><dt>");
	html_text(b, _("辖区"));
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, r->user.division_name);
	html_raw_trusted(b, "</dd></div><div class=\"kv\"><dt>");
	html_text(b, _("单位"));
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, *r->user.unit_name ? r->user.unit_name : "—");
	html_raw_trusted(b, "</dd></div></dl></div>");

	html_raw_trusted(b, "<div class=\"panel\"><h2>");
	html_text(b, _("修改密码"));
	html_raw_trusted(b, "</h2>");
	form_begin(&f, "/account/password", "password-form");
	form_input(&f, "current", N_("当前密码"), NULL, "password", 1, NULL);
	form_input(&f, "new", N_("新密码"), NULL, "password", 1, N_("至少10个字符"));
	form_input(&f, "again", N_("再次输入新密码"), NULL, "password", 1, NULL);
	form_end(&f, N_("修改密码"), NULL);
	html_raw_trusted(b, "</div><div class=\"panel\"><h2>");
	html_text(b, _("动态口令（双因素认证）"));
	html_raw_trusted(b, "</h2>");
	if (new_secret) {
		struct buf uri = BUF_INIT;
		buf_adds(&uri, "otpauth://totp/jindu:");
		html_url_value(&uri, r->user.login);
		buf_adds(&uri, "?secret=");
		buf_adds(&uri, new_secret);
		buf_adds(&uri, "&issuer=jindu");
		html_raw_trusted(b, "<p>");
		html_text(b, _("用身份验证器应用扫描二维码（或手工添加下面的密钥），然后输入应用显示的6位口令以启用："));
		html_raw_trusted(b, "</p><p id=\"totp-qr\">");
		html_qr(b, uri.buf, _("动态口令二维码"));
		html_raw_trusted(b, "</p><p class=\"mono secret\">");
		html_text(b, new_secret);
		html_raw_trusted(b, "</p><p class=\"small mono\">");
		html_text(b, uri.buf);
		html_raw_trusted(b, "</p>");
		buf_release(&uri);
		form_begin(&f, "/account/totp", "totp-confirm");
		form_hidden(&f, "action", "confirm");
		form_input(&f, "code", N_("动态口令"), "", "text", 1, NULL);
		form_end(&f, N_("启用"), "/account");
	} else if (r->user.totp_enabled) {
		html_raw_trusted(b, "<p>");
		html_text(b, _("已启用。停用需要输入当前动态口令。"));
		html_raw_trusted(b, "</p>");
		form_begin(&f, "/account/totp", "totp-disable");
		form_hidden(&f, "action", "disable");
		form_input(&f, "code", N_("动态口令"), "", "text", 1, NULL);
		form_end(&f, N_("停用动态口令"), NULL);
	} else {
		html_raw_trusted(b, "<p>");
		html_text(b, _("未启用。启用后登录时除密码外还需输入手机身份验证器中的动态口令。"));
		html_raw_trusted(b, "</p>");
		form_begin(&f, "/account/totp", "totp-start");
		form_hidden(&f, "action", "start");
		form_end(&f, N_("设置动态口令"), NULL);
	}
	html_raw_trusted(b, "</div>");
	tokens_panel(r, b, r->user.id, "/account/tokens", 1, new_token, errs, nerr);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
}

int page_account(struct req *r, struct resp *w)
{
	account_page(r, w, NULL, NULL, 0, NULL, NULL);
	return 200;
}

int page_account_lang(struct req *r, struct resp *w)
{
	const char *lang = req_form(r, "lang");
	struct buf err = BUF_INIT;
	if (!lang || (strcmp(lang, "zh") && strcmp(lang, "en")))
		return resp_error(w, 400, "bad_lang", N_("不支持该语言"), "lang");
	store_user_set_lang(req_db(r), r->user.id, lang, &err);
	buf_release(&err);
	return resp_redirect(r, w, "/account");
}

int page_account_password(struct req *r, struct resp *w)
{
	const char *cur = req_form(r, "current"), *nw = req_form(r, "new");
	const char *again = req_form(r, "again");
	struct field_error errs[3];
	struct buf err = BUF_INIT;
	char hash[SECRET_PWHASH_LEN];
	int n = 0, rc;

	if (!cur || !secret_password_verify(r->user.password_hash, cur))
		errs[n++] = (struct field_error){ "current", N_("当前密码不正确") };
	if (!nw || strlen(nw) < 10)
		errs[n++] = (struct field_error){ "new", N_("新密码至少需要10个字符") };
	else if (!again || strcmp(nw, again))
		errs[n++] = (struct field_error){ "again", N_("两次输入的新密码不一致") };
	if (n) {
		account_page(r, w, NULL, errs, n, NULL, NULL);
		return 422;
	}
	if (secret_password_hash(nw, hash) != 0)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	rc = db_begin(req_db(r), &err);
	if (rc == 0)
		rc = store_user_set_password(req_db(r), r->user.id, hash, &err);
	if (rc == 0)
		rc = audit_log(req_db(r), &r->actor, "password", "user", r->user.login,
			       r->user.division, "本人修改密码", NULL, &err);
	if (rc == 0)
		rc = db_commit(req_db(r), &err);
	else
		db_rollback(req_db(r));
	buf_release(&err);
	if (rc)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	account_page(r, w, _("密码已修改"), NULL, 0, NULL, NULL);
	return 200;
}

int page_account_totp(struct req *r, struct resp *w)
{
	const char *action = req_form(r, "action"), *code = req_form(r, "code");
	struct buf secret = BUF_INIT, sealed = BUF_INIT, err = BUF_INIT;
	struct field_error e = { "code", N_("动态口令不正确") };
	int status = 200;

	if (action && !strcmp(action, "start") && r->user.totp_enabled) {
		/* A new secret would switch the second factor off without its code:
		 * changing it means disabling it first, which asks for the code. */
		status = resp_error(w, 409, "totp_enabled",
				    N_("动态口令已启用；如需更换，请先输入当前口令停用"), "action");
	} else if (action && !strcmp(action, "start")) {
		auth_totp_new_secret(&secret);
		auth_totp_seal(req_db(r), secret.buf, &sealed);
		store_user_set_totp(req_db(r), r->user.id, sealed.buf, 0, &err);
		account_page(r, w, NULL, NULL, 0, secret.buf, NULL);
	} else if (action && (!strcmp(action, "confirm") || !strcmp(action, "disable"))) {
		int confirm = !strcmp(action, "confirm");
		int ok;
		/* The secret is shown again when confirming fails. */
		auth_totp_open(req_db(r), r->user.totp_secret, &secret);
		ok = auth_totp_verify(req_db(r), confirm ? NULL : &r->app->policy, &r->user, code,
				      now_unix(), &err) == 1;
		if (!ok) {
			r->user.totp_enabled = !confirm;
			account_page(r, w, NULL, &e, 1, confirm ? secret.buf : NULL, NULL);
			status = 422;
		} else {
			store_user_set_totp(req_db(r), r->user.id, confirm ? r->user.totp_secret : "",
					    confirm, &err);
			audit_log_tx(req_db(r), &r->actor, "totp", "user", r->user.login,
				     r->user.division, confirm ? "启用动态口令" : "停用动态口令", NULL, &err);
			r->user.totp_enabled = confirm;
			account_page(r, w, confirm ? _("动态口令已启用") : _("动态口令已停用"), NULL,
				     0, NULL, NULL);
		}
	} else {
		status = resp_error(w, 400, "bad_action", N_("无效的操作"), "action");
	}
	buf_release(&secret);
	buf_release(&sealed);
	buf_release(&err);
	return status;
}

/* POST /account/tokens: label. The new token is shown once. */
int page_account_token_create(struct req *r, struct resp *w)
{
	const char *label = req_form(r, "label");
	struct buf token = BUF_INIT, err = BUF_INIT;
	struct field_error e;

	if (token_label_check(label, &e) < 0) {
		account_page(r, w, NULL, &e, 1, NULL, NULL);
		return 422;
	}
	if (auth_token_issue(req_db(r), &r->actor, &r->user, label, &token, &err) < 0) {
		fprintf(stderr, "jindu: token: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	account_page(r, w, _("已生成接口令牌"), NULL, 0, NULL,
		     arena_strdup(&r->arena, token.buf));
	buf_release(&token);
	return 201;
}

/* POST /account/tokens/{id}: revokes one's own token. */
int page_account_token_revoke(struct req *r, struct resp *w)
{
	const char *s = req_path_param(r, "id");
	struct buf err = BUF_INIT;
	int64_t id = s ? strtoll(s, NULL, 10) : 0;
	int rc = id > 0 ? auth_token_revoke(req_db(r), &r->actor, &r->user, id, &err)
			: STORE_NOTFOUND;

	if (rc < 0)
		fprintf(stderr, "jindu: token revoke: %s\n", err.buf);
	buf_release(&err);
	if (rc == STORE_NOTFOUND)
		return resp_error(w, 404, "not_found", N_("找不到该令牌，或已撤销"), NULL);
	if (rc < 0)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	return resp_redirect(r, w, "/account#tokens");
}
