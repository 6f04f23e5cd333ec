/* page-users.c - 用户管理 for the office administrator: list, create, edit, disable, reset. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/setup.h"
#include "lib/division.h"
#include "lib/secret.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/tokens.h"

int page_users(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct user *list;
	int n, i;
	static const struct crumb crumbs[] = { { N_("用户管理"), NULL } };

	if (store_user_list(req_db(r), r->user.division_prefix, &r->arena, &list, &n, &err) < 0) {
		fprintf(stderr, "jindu: users: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	layout_begin(r, w, _("用户管理"), MOD_USERS, crumbs, 1);
	html_raw_trusted(b, "<div class=\"toolbar\"><a class=\"button primary\" href=\"/users/new\">");
	html_text(b, _("新建用户"));
	html_raw_trusted(b, "</a></div><table class=\"grid\"><thead><tr>");
	{
		const char *heads[] = { N_("用户名"), N_("姓名"), N_("角色"), N_("辖区"), N_("单位"),
					N_("动态口令"), N_("最近登录"), N_("状态") };
		size_t k;
		for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
			html_raw_trusted(b, "<th>");
			html_text(b, _(heads[k]));
			html_raw_trusted(b, "</th>");
		}
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct user *u = &list[i];
		html_raw_trusted(b, u->disabled ? "<tr class=\"off\"><td>" : "<tr><td>");
		html_link(b, arena_printf(&r->arena, "/users/%" PRId64, u->id), u->login);
		html_raw_trusted(b, "</td><td>");
		html_text(b, u->name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(choice_label(role_choices, u->role)));
		html_raw_trusted(b, "</td><td>");
		html_text(b, u->division_name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, u->unit_name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, u->totp_enabled ? _("已启用") : "—");
		html_raw_trusted(b, "</td><td>");
		html_time(b, u->last_login_at);
		html_raw_trusted(b, "</td><td>");
		html_text(b, u->disabled ? _("已停用")
			     : u->locked_until > (int64_t)time(NULL) ? _("已锁定") : _("正常"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_end(r, w);
	return 200;
}

struct user_input {
	const char *login, *name, *role, *division, *phone;
	int64_t unit_id;
};

static int user_form(struct req *r, struct resp *w, int64_t id, const struct user_input *in,
		     const struct field_error *errs, int nerr, const char *notice)
{
	struct form f = { r, &w->body, errs, nerr };
	struct division *divs;
	struct unit *units;
	struct buf err = BUF_INIT;
	int ndivs, nunits;
	const char *title = id ? arena_printf(&r->arena, _("用户：%s"), in->login) : _("新建用户");
	struct crumb crumbs[2] = { { N_("用户管理"), "/users" }, { title, NULL } };

	if (store_division_list(req_db(r), r->user.division_prefix, 3, 5, &r->arena, &divs, &ndivs,
				&err) < 0 ||
	    store_unit_list(req_db(r), r->user.division_prefix, &r->arena, &units, &nunits, &err) < 0) {
		fprintf(stderr, "jindu: user form: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	layout_begin(r, w, title, MOD_USERS, crumbs, 2);
	if (notice) {
		html_raw_trusted(&w->body, "<div class=\"notice\">");
		html_text(&w->body, notice);
		html_raw_trusted(&w->body, "</div>");
	}
	form_begin(&f, id ? arena_printf(&r->arena, "/users/%" PRId64, id) : "/users", "user-form");
	form_error_summary(&f);
	html_raw_trusted(f.b, "<div class=\"cols\">");
	if (!id)
		form_input(&f, "login", N_("用户名"), in->login, "text", 1,
			   N_("2-32位字母、数字、点、下划线或连字符"));
	form_input(&f, "name", N_("姓名"), in->name, "text", 1, NULL);
	form_select(&f, "role", N_("角色"), in->role, role_choices, NULL, 1);
	form_select_division(&f, "division", N_("辖区"), in->division, divs, ndivs, 1);
	form_select_unit(&f, "unit_id", N_("所属单位"), units, nunits, in->unit_id, NULL);
	form_input(&f, "phone", N_("联系电话"), in->phone, "tel", 0, NULL);
	if (!id)
		form_input(&f, "initial_password", N_("初始密码"), NULL, "password", 1,
			   N_("至少10个字符"));
	html_raw_trusted(f.b, "</div>");
	if (id)
		form_hidden(&f, "action", "save");
	form_end(&f, N_("保存"), "/users");
	if (id) {
		html_raw_trusted(&w->body, "<div class=\"toolbar\">");
		form_begin(&f, arena_printf(&r->arena, "/users/%" PRId64, id), NULL);
		form_hidden(&f, "action", "reset");
		form_end(&f, N_("重置密码"), NULL);
		form_begin(&f, arena_printf(&r->arena, "/users/%" PRId64, id), NULL);
		form_hidden(&f, "action", "toggle");
		form_end(&f, N_("停用/启用账号"), NULL);
		html_raw_trusted(&w->body, "</div>");
		/* an administrator sees the user's tokens and may revoke them; only
		 * the user makes new ones, on their own account page */
		tokens_panel(r, &w->body, id, arena_printf(&r->arena, "/users/%" PRId64 "/tokens", id),
			     0, NULL, NULL, 0);
	}
	layout_end(r, w);
	return nerr ? 422 : 200;
}

int page_user_new(struct req *r, struct resp *w)
{
	struct user_input in = { "", "", "officer", "", "", 0 };
	return user_form(r, w, 0, &in, NULL, 0, NULL);
}

static void read_input(struct req *r, struct user_input *in)
{
	in->login = req_form(r, "login");
	in->name = req_form(r, "name");
	in->role = req_form(r, "role");
	in->division = req_form(r, "division");
	in->phone = req_form(r, "phone");
	in->unit_id = req_int(r, "unit_id", 0, 0, INT64_MAX);
}

/* Field checks that the store cannot make; setup_user_add checks the rest. */
static int check_input(struct req *r, const struct user_input *in, struct field_error *errs)
{
	struct division d;
	struct unit unit;
	struct buf err = BUF_INIT;
	int n = 0;
	if (!in->name || !*in->name)
		errs[n++] = (struct field_error){ "name", N_("请填写姓名") };
	if (!in->role || !choice_valid(role_choices, in->role))
		errs[n++] = (struct field_error){ "role", N_("请选择角色") };
	/* Codes and unit ids that name nothing would fail the foreign keys. */
	if (!in->division || !division_valid(in->division) ||
	    !division_in(in->division, r->user.division_prefix) ||
	    store_division_get(req_db(r), in->division, &r->arena, &d, &err) != 0)
		errs[n++] = (struct field_error){ "division", N_("请选择您辖区内的区划") };
	if (in->unit_id && (store_unit_get(req_db(r), in->unit_id, &r->arena, &unit, &err) != 0 ||
			    !division_in(unit.division, r->user.division_prefix)))
		errs[n++] = (struct field_error){ "unit_id", N_("请选择您辖区内的单位") };
	buf_release(&err);
	return n;
}

int page_user_create(struct req *r, struct resp *w)
{
	struct user_input in;
	struct field_error errs[6];
	struct user u;
	struct buf err = BUF_INIT;
	const char *password = req_form(r, "initial_password");
	struct user existing;
	int n, rc;

	read_input(r, &in);
	n = check_input(r, &in, errs);
	if (!in.login || !setup_login_valid(in.login))
		errs[n++] = (struct field_error){ "login",
						  N_("用户名须为2-32位字母、数字、点、下划线或连字符") };
	else if (store_user_by_login(req_db(r), in.login, &r->arena, &existing, &err) == 0)
		errs[n++] = (struct field_error){ "login", N_("该用户名已被使用") };
	if (!password || strlen(password) < 10)
		errs[n++] = (struct field_error){ "initial_password", N_("初始密码至少需要10个字符") };
	if (n)
		return user_form(r, w, 0, &in, errs, n, NULL);
	memset(&u, 0, sizeof(u));
	u.login = in.login ? in.login : "";
	u.name = in.name;
	u.role = in.role;
	u.division = in.division;
	u.unit_id = in.unit_id;
	u.phone = in.phone ? in.phone : "";
	u.lang = "zh";
	rc = db_begin(req_db(r), &err);
	if (rc == 0)
		rc = setup_user_add(req_db(r), &r->actor, &u, password, &err);
	if (rc == 0)
		rc = db_commit(req_db(r), &err);
	else
		db_rollback(req_db(r));
	if (rc) {
		/* Everything a user can get wrong was checked above. */
		fprintf(stderr, "jindu: user create: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return resp_redirect(r, w, arena_printf(&r->arena, "/users/%" PRId64, u.id));
}

static int load_user(struct req *r, struct user *u)
{
	const char *s = req_path_param(r, "id");
	struct buf err = BUF_INIT;
	int rc;
	int64_t id = s ? strtoll(s, NULL, 10) : 0;
	if (id <= 0)
		return STORE_NOTFOUND;
	rc = store_user_by_id(req_db(r), id, &r->arena, u, &err);
	buf_release(&err);
	if (rc == 0 && !division_in(u->division, r->user.division_prefix))
		rc = STORE_NOTFOUND;
	return rc;
}

int page_user(struct req *r, struct resp *w)
{
	struct user u;
	struct user_input in;
	if (load_user(r, &u) != 0)
		return resp_error(w, 404, "not_found", N_("找不到该用户，或不在您的辖区内"), NULL);
	in = (struct user_input){ u.login, u.name, u.role, u.division, u.phone, u.unit_id };
	return user_form(r, w, u.id, &in, NULL, 0,
			 u.disabled ? _("该账号已停用") : NULL);
}

int page_user_update(struct req *r, struct resp *w)
{
	const char *action = req_form(r, "action");
	struct user u;
	struct user_input in;
	struct field_error errs[6];
	struct buf err = BUF_INIT;
	const char *notice = NULL;
	char password[20], hash[SECRET_PWHASH_LEN];
	json_t *ch = json_object();
	int n, rc;

	if (load_user(r, &u) != 0) {
		json_decref(ch);
		return resp_error(w, 404, "not_found", N_("找不到该用户，或不在您的辖区内"), NULL);
	}
	in = (struct user_input){ u.login, u.name, u.role, u.division, u.phone, u.unit_id };
	rc = db_begin(req_db(r), &err);
	if (rc == 0 && action && !strcmp(action, "save")) {
		read_input(r, &in);
		in.login = u.login;
		n = check_input(r, &in, errs);
		if (n) {
			db_rollback(req_db(r));
			json_decref(ch);
			buf_release(&err);
			return user_form(r, w, u.id, &in, errs, n, NULL);
		}
		audit_diff_str(ch, "name", u.name, in.name);
		audit_diff_str(ch, "role", u.role, in.role);
		audit_diff_str(ch, "division", u.division, in.division);
		audit_diff_int(ch, "unit_id", u.unit_id, in.unit_id);
		audit_diff_str(ch, "phone", u.phone, in.phone);
		u.name = in.name;
		u.role = in.role;
		u.division = in.division;
		u.unit_id = in.unit_id;
		u.phone = in.phone ? in.phone : "";
		rc = store_user_update(req_db(r), &u, &err);
		/* A changed role or area takes effect at once: end their sessions. */
		if (rc == 0 && json_object_size(ch))
			rc = store_session_delete_user(req_db(r), u.id, &err);
		if (rc == 0)
			rc = audit_log(req_db(r), &r->actor, "update", "user", u.login, u.division,
				       u.name, ch, &err);
		notice = _("已保存");
	} else if (rc == 0 && action && !strcmp(action, "reset")) {
		secret_random_password(password);
		rc = secret_password_hash(password, hash) == 0 ? 0 : -1;
		if (rc == 0)
			rc = store_user_set_password(req_db(r), u.id, hash, &err);
		if (rc == 0)
			rc = store_session_delete_user(req_db(r), u.id, &err);
		if (rc == 0)
			rc = audit_log(req_db(r), &r->actor, "password", "user", u.login, u.division,
				       "管理员重置密码", NULL, &err);
		notice = arena_printf(&r->arena, _("新密码：%s（只显示这一次，请当面交给本人）"),
				      password);
	} else if (rc == 0 && action && !strcmp(action, "toggle")) {
		if (u.id == r->user.id) {
			db_rollback(req_db(r));
			json_decref(ch);
			buf_release(&err);
			return resp_error(w, 400, "self", N_("不能停用自己的账号"), NULL);
		}
		audit_diff_int(ch, "disabled", u.disabled, !u.disabled);
		rc = store_user_set_disabled(req_db(r), u.id, !u.disabled, &err);
		if (rc == 0 && !u.disabled)
			rc = store_session_delete_user(req_db(r), u.id, &err);
		if (rc == 0)
			rc = audit_log(req_db(r), &r->actor, "update", "user", u.login, u.division,
				       u.disabled ? "启用账号" : "停用账号", ch, &err);
		notice = u.disabled ? _("账号已启用") : _("账号已停用");
	} else if (rc == 0) {
		rc = 1;
	}
	json_decref(ch);
	if (rc == 1) {
		db_rollback(req_db(r));
		buf_release(&err);
		return resp_error(w, 400, "bad_action", N_("无效的操作"), "action");
	}
	if (rc == 0)
		rc = db_commit(req_db(r), &err);
	else
		db_rollback(req_db(r));
	if (rc) {
		fprintf(stderr, "jindu: user update: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return user_form(r, w, u.id, &in, NULL, 0, notice);
}

/* POST /users/{id}/tokens/{token}: an administrator revokes a user's token. */
int page_user_token_revoke(struct req *r, struct resp *w)
{
	const char *s = req_path_param(r, "token");
	struct buf err = BUF_INIT;
	int64_t tid = s ? strtoll(s, NULL, 10) : 0;
	struct user u;
	int rc = load_user(r, &u);

	if (rc == 0)
		rc = tid > 0 ? auth_token_revoke(req_db(r), &r->actor, &u, tid, &err) : STORE_NOTFOUND;
	if (rc < 0)
		fprintf(stderr, "jindu: token revoke: %s\n", err.buf);
	buf_release(&err);
	if (rc == STORE_NOTFOUND)
		return resp_error(w, 404, "not_found", N_("找不到该令牌，或已撤销"), NULL);
	if (rc < 0)
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	return resp_redirect(r, w, arena_printf(&r->arena, "/users/%" PRId64 "#tokens", u.id));
}
