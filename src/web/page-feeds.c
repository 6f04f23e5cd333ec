/* page-feeds.c - 数据接入: partner sources and their batches; adding, disabling, enabling, new tokens. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/feed.h"
#include "lib/division.h"
#include "web/feeds.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

#define PER_PAGE 30
/* Hex digits of a batch's digest shown: enough to tell batches apart. */
#define DIGEST_SHOWN 12

static int internal(struct resp *w, const char *what, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", what, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

/* Sources are partners of the whole database's area (the county): only
 * the office at its root adds them and holds their tokens. */
static int may_manage(struct req *r)
{
	return role_can(r->role, MOD_FEED, ACC_WRITE) && !strcmp(r->user.division, r->app->root);
}

static int refuse(struct resp *w)
{
	return resp_error(w, 403, "forbidden", N_("接入来源只能由本级禁毒办管理员管理"), NULL);
}

static int not_found(struct resp *w)
{
	return resp_error(w, 404, "not_found", N_("找不到该接入来源"), NULL);
}

static const char *kind_label(const char *kind)
{
	return _(choice_label(feed_source_kinds, kind));
}

static void state_tag(struct buf *b, int disabled)
{
	html_raw_trusted(b, disabled ? "<span class=\"tag\">" : "<span class=\"tag ok\">");
	html_text(b, disabled ? _("已停用") : _("已启用"));
	html_raw_trusted(b, "</span>");
}

/* Column heads; those from first to last (counts) aligned right. */
static void heads(struct buf *b, const char *const *list, int first, int last)
{
	int i;
	for (i = 0; list[i]; i++) {
		html_raw_trusted(b, i >= first && i <= last ? "<th class=\"n\">" : "<th>");
		html_text(b, _(list[i]));
		html_raw_trusted(b, "</th>");
	}
}

static void count_cell(struct buf *b, int64_t n)
{
	html_raw_trusted(b, "<td class=\"n\">");
	html_count(b, n);
	html_raw_trusted(b, "</td>");
}

/* The form of a new source, for the office at the root. */
static void add_form(struct req *r, struct buf *b, const struct unit *units, int nunits,
		     const struct field_error *errs, int nerr)
{
	struct form f = { r, b, errs, nerr, NULL };
	html_raw_trusted(b, "<div class=\"panel\"><h2>");
	html_text(b, _("新增接入来源"));
	html_raw_trusted(b, "</h2>");
	form_begin(&f, "/feeds", "source-form");
	form_error_summary(&f);
	html_raw_trusted(b, "<div class=\"cols\">");
	form_input(&f, "name", N_("来源名称"), req_form(r, "name"), "text", 1,
		   N_("2 到 40 个小写字母、数字或连字符，用于接口地址，如 hotel-yf"));
	form_select(&f, "kind", N_("类别"), req_form(r, "kind"), feed_source_kinds, NULL, 1);
	form_input(&f, "label", N_("说明"), req_form(r, "label"), "text", 0,
		   N_("合作单位全称，如 永丰县旅馆业治安管理信息系统"));
	form_select_unit(&f, "unit_id", N_("所属单位"), units, nunits,
			 req_int(r, "unit_id", 0, 0, INT64_MAX), N_("负责对接该来源的单位"));
	html_raw_trusted(b, "</div>");
	form_end(&f, N_("新增来源并生成令牌"), NULL);
	html_raw_trusted(b, "</div>");
}

static int feeds_page(struct req *r, struct resp *w, const struct field_error *errs, int nerr)
{
	static const struct crumb crumbs[] = { { N_("数据接入"), NULL } };
	static const char *const cols[] = { N_("来源名称"), N_("类别"), N_("说明"), N_("所属单位"),
					    N_("状态"), N_("创建时间"), N_("批次"), N_("读取"),
					    N_("命中"), N_("拒收"), N_("最近接收"), NULL };
	struct buf *b = &w->body, err = BUF_INIT;
	struct feed_source_row *rows;
	struct unit *units = NULL;
	int n, nunits = 0, i, manage = may_manage(r);

	if (store_source_rows(req_db(r), &r->arena, &rows, &n, &err) < 0 ||
	    (manage && store_unit_list(req_db(r), r->user.division_prefix, &r->arena, &units,
				       &nunits, &err) < 0))
		return internal(w, "feeds", &err);
	buf_release(&err);
	layout_begin(r, w, _("数据接入"), MOD_FEED, crumbs, 1);
	html_raw_trusted(b, "<p class=\"lead\">");
	html_text(b, _("旅馆、网吧、物流寄递、交通购票、金融等合作单位各用自己的接入令牌推送数据；"
		       "命中在控人员的记录生成预警，其余只计数、不保存。"));
	html_raw_trusted(b, "</p><table class=\"grid\" id=\"sources\"><thead><tr>");
	heads(b, cols, 6, 10);
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct feed_source_row *s = &rows[i];
		html_raw_trusted(b, s->src.disabled ? "<tr class=\"off\"><td>" : "<tr><td>");
		html_link(b, arena_printf(&r->arena, "/feeds/%s", s->src.name), s->src.name);
		html_raw_trusted(b, "</td><td>");
		html_text(b, kind_label(s->src.kind));
		html_raw_trusted(b, "</td><td>");
		html_text(b, s->src.label);
		html_raw_trusted(b, "</td><td>");
		html_text(b, *s->unit_name ? s->unit_name : "—");
		html_raw_trusted(b, "</td><td>");
		state_tag(b, s->src.disabled);
		html_raw_trusted(b, "</td><td>");
		html_time(b, s->src.created_at);
		html_raw_trusted(b, "</td>");
		count_cell(b, s->batches);
		count_cell(b, s->read);
		count_cell(b, s->matched);
		count_cell(b, s->rejected);
		html_raw_trusted(b, "<td class=\"n\">");
		html_time(b, s->last_batch_at);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"11\" class=\"empty\">");
		html_text(b, _("尚未接入任何来源"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	if (manage)
		add_form(r, b, units, nunits, errs, nerr);
	layout_end(r, w);
	return nerr ? 422 : 200;
}

int page_feeds(struct req *r, struct resp *w)
{
	return feeds_page(r, w, NULL, 0);
}

/* Who delivered a batch, from the login its audit entry names. */
static const char *who_label(const char *who)
{
	if (!strcmp(who, "cli"))
		return _("命令行");
	if (!strncmp(who, "feed:", 5))
		return _("来源接口");
	return who;
}

static void kv(struct buf *b, const char *k, const char *v)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, k);
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, v && *v ? v : "—");
	html_raw_trusted(b, "</dd></div>");
}

static const char *when(struct req *r, int64_t t)
{
	struct buf b = BUF_INIT;
	const char *s;
	html_time(&b, t);
	s = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return s;
}

static void manage_forms(struct req *r, struct buf *b, const struct feed_source *s)
{
	const char *action = arena_printf(&r->arena, "/feeds/%s", s->name);
	struct form f = { r, b, NULL, 0, NULL };
	html_raw_trusted(b, "<div class=\"panel\"><h2>");
	html_text(b, _("管理"));
	html_raw_trusted(b, "</h2><p class=\"hint\">");
	html_text(b, s->disabled ? _("启用后，该来源的现有令牌恢复有效。")
				 : _("停用后，该来源的令牌立即被拒绝，已收到的数据保留。"));
	html_raw_trusted(b, "</p>");
	form_begin(&f, action, "source-toggle");
	form_hidden(&f, "action", s->disabled ? "enable" : "disable");
	form_end(&f, s->disabled ? N_("启用来源") : N_("停用来源"), NULL);
	html_raw_trusted(b, "<p class=\"hint\">");
	html_text(b, _("令牌遗失、泄露或经手人员变动时更换：原令牌立即失效，新令牌只显示一次。"));
	html_raw_trusted(b, "</p>");
	form_begin(&f, action, "source-rotate");
	form_hidden(&f, "action", "rotate");
	form_end(&f, N_("更换接入令牌"), NULL);
	html_raw_trusted(b, "</div>");
}

static void batches_table(struct req *r, struct buf *b, const struct feed_batch_row *rows, int n)
{
	static const char *const cols[] = { N_("批次"), N_("名称"), N_("接收时间"), N_("提交方"),
					    N_("读取"), N_("命中"), N_("未命中"), N_("重复"),
					    N_("拒收"), N_("预警"), N_("摘要"), NULL };
	int i;
	html_raw_trusted(b, "<table class=\"grid\" id=\"batches\"><thead><tr>");
	heads(b, cols, 4, 9);
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct feed_batch *x = &rows[i].b;
		html_rawf_trusted(b, "<tr><td class=\"mono\">%" PRId64 "</td><td>", x->id);
		html_text(b, x->name);
		html_raw_trusted(b, "</td><td>");
		html_time(b, x->finished_at);
		html_raw_trusted(b, "</td><td>");
		html_text(b, who_label(rows[i].who));
		html_raw_trusted(b, "</td>");
		count_cell(b, x->read);
		count_cell(b, x->matched);
		count_cell(b, x->unmatched);
		count_cell(b, x->duplicates);
		count_cell(b, x->rejected);
		count_cell(b, x->alerts);
		html_raw_trusted(b, "<td class=\"mono\">");
		html_text(b, arena_printf(&r->arena, "%.*s", DIGEST_SHOWN, x->digest));
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"11\" class=\"empty\">");
		html_text(b, _("尚未收到数据"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
}

/* GET /feeds/{name}: the source, its batches newest first, and for the
 * office the forms that manage it; notice on top after a change. */
static int feed_page(struct req *r, struct resp *w, const char *name, const char *notice)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct feed_source_row s;
	struct feed_batch_row *rows;
	int64_t total;
	int n, rc, page = (int)req_int(r, "page", 1, 1, 100000);
	struct crumb crumbs[2] = { { N_("数据接入"), "/feeds" }, { NULL, NULL } };

	rc = name ? store_source_row(req_db(r), name, &r->arena, &s, &err) : STORE_NOTFOUND;
	if (rc == 0)
		rc = store_batch_list(req_db(r), s.src.id, PER_PAGE, (page - 1) * PER_PAGE, &r->arena,
				      &rows, &n, &total, &err);
	if (rc == STORE_NOTFOUND) {
		buf_release(&err);
		return not_found(w);
	}
	if (rc < 0)
		return internal(w, "feed", &err);
	buf_release(&err);
	crumbs[1].label = s.src.name;
	layout_begin(r, w, arena_printf(&r->arena, _("接入来源：%s"), s.src.name), MOD_FEED, crumbs,
		     2);
	if (notice) {
		html_raw_trusted(b, "<div class=\"notice\" role=\"status\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\" id=\"source\"><p>");
	state_tag(b, s.src.disabled);
	html_raw_trusted(b, "</p><dl class=\"kvs\">");
	kv(b, _("来源名称"), s.src.name);
	kv(b, _("类别"), kind_label(s.src.kind));
	kv(b, _("说明"), s.src.label);
	kv(b, _("所属单位"), s.unit_name);
	kv(b, _("创建时间"), when(r, s.src.created_at));
	kv(b, _("接口地址"), arena_printf(&r->arena, "/api/v1/feeds/%s/events", s.src.name));
	kv(b, _("批次"), arena_printf(&r->arena, "%" PRId64, s.batches));
	kv(b, _("读取"), arena_printf(&r->arena, "%" PRId64, s.read));
	kv(b, _("命中"), arena_printf(&r->arena, "%" PRId64, s.matched));
	kv(b, _("拒收"), arena_printf(&r->arena, "%" PRId64, s.rejected));
	kv(b, _("最近接收"), when(r, s.last_batch_at));
	html_raw_trusted(b, "</dl></section>");
	if (may_manage(r))
		manage_forms(r, b, &s.src);
	html_raw_trusted(b, "<h2>");
	html_text(b, _("最近批次"));
	html_raw_trusted(b, "</h2>");
	batches_table(r, b, rows, n);
	layout_pager(r, b, total, page, PER_PAGE);
	layout_end(r, w);
	return 200;
}

int page_feed(struct req *r, struct resp *w)
{
	return feed_page(r, w, req_path_param(r, "name"), NULL);
}

/* The token, once, with how to hand it over. Never stored, never again. */
static int token_page(struct req *r, struct resp *w, const char *name, const char *token,
		      const char *done)
{
	struct buf *b = &w->body;
	struct crumb crumbs[3] = { { N_("数据接入"), "/feeds" },
				   { name, arena_printf(&r->arena, "/feeds/%s", name) },
				   { N_("接入令牌"), NULL } };

	layout_begin(r, w, arena_printf(&r->arena, _("接入令牌：%s"), name), MOD_FEED, crumbs, 3);
	html_raw_trusted(b, "<div class=\"notice\" role=\"status\">");
	html_text(b, done);
	html_raw_trusted(b, "</div><section class=\"panel\" id=\"token-panel\"><h2>");
	html_text(b, _("接入令牌"));
	html_raw_trusted(b, "</h2><p class=\"mono secret\" id=\"token\">");
	html_text(b, token);
	html_raw_trusted(b, "</p><div class=\"notice error\" role=\"alert\"><p>");
	html_text(b, _("令牌只显示这一次：系统只保存它的摘要，离开本页后无法再查看。"));
	html_raw_trusted(b, "</p><p>");
	html_text(b, _("请当面或用加密介质交给该来源的技术负责人，不要通过聊天工具、电子邮件或短信发送；"
		       "遗失或泄露时立即更换。"));
	html_raw_trusted(b, "</p></div><p>");
	html_text(b, arena_printf(&r->arena,
				  _("使用方法：POST /api/v1/feeds/%s/events，请求头 Authorization: Bearer "
				    "令牌，请求体为 text/csv 或 application/x-ndjson。"),
				  name));
	html_raw_trusted(b, "</p><p>");
	html_link(b, arena_printf(&r->arena, "/feeds/%s", name), _("返回来源详情"));
	html_raw_trusted(b, "</p></section>");
	layout_end(r, w);
	return 200;
}

/* The fields as the form or the JSON body gave them; errors beside them. */
static int check_input(struct req *r, struct feed_source *src, struct field_error *errs)
{
	const char *unit = req_form(r, "unit_id");
	struct buf err = BUF_INIT;
	struct unit u;
	int n = 0;

	memset(src, 0, sizeof(*src));
	src->name = req_form(r, "name");
	src->kind = req_form(r, "kind");
	src->label = req_form(r, "label");
	src->unit_id = unit && *unit ? req_int(r, "unit_id", -1, 0, INT64_MAX) : 0;
	if (!feed_source_name_valid(src->name))
		errs[n++] = (struct field_error){
			"name", N_("来源名称应为 2 到 40 个小写字母、数字或连字符，如 hotel-yf") };
	if (!src->kind || !choice_valid(feed_source_kinds, src->kind))
		errs[n++] = (struct field_error){ "kind", N_("请选择类别") };
	if (src->label && strlen(src->label) > FEED_LABEL_MAX)
		errs[n++] = (struct field_error){ "label", N_("来源说明最多 40 个汉字") };
	if (src->unit_id < 0 ||
	    (src->unit_id && (store_unit_get(req_db(r), src->unit_id, &r->arena, &u, &err) != 0 ||
			      !division_in(u.division, r->user.division_prefix))))
		errs[n++] = (struct field_error){ "unit_id", N_("所属单位应为本辖区内的单位") };
	buf_release(&err);
	return n;
}

static int invalid(struct req *r, struct resp *w, const struct field_error *errs, int nerr,
		   int status, const char *code)
{
	json_t *list;
	int i;
	if (!r->is_api)
		return feeds_page(r, w, errs, nerr);
	list = json_array();
	for (i = 0; i < nerr; i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "field", errs[i].field, "message",
						      _(errs[i].message)));
	return resp_json(w, status, json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code", code,
					      "message", _(errs[0].message), "field", errs[0].field,
					      "fields", list));
}

/* The source as it is now, for the answer after a change. */
static int answer(struct req *r, struct resp *w, const char *name, int status,
		  const char *token)
{
	struct buf err = BUF_INIT;
	struct feed_source_row s;
	json_t *doc;
	int rc = store_source_row(req_db(r), name, &r->arena, &s, &err);
	if (rc != 0)
		return internal(w, "feed answer", &err);
	buf_release(&err);
	doc = json_pack("{s:o}", "source", feeds_source_json(&s));
	if (token)
		json_object_set_new(doc, "token", json_string(token));
	return resp_json(w, status, doc);
}

/* POST /feeds (and /api/v1/feeds): name, kind, label, unit_id. The page
 * shows the new token once; the API answers 201 with it. */
int page_feed_create(struct req *r, struct resp *w)
{
	struct field_error errs[4];
	struct feed_source src;
	struct buf token = BUF_INIT, err = BUF_INIT;
	int n, rc, status;

	if (!may_manage(r))
		return refuse(w);
	n = check_input(r, &src, errs);
	if (n)
		return invalid(r, w, errs, n, 422, "invalid");
	rc = feed_source_add(req_db(r), &r->actor, &src, &token, &err);
	if (rc == STORE_CONFLICT) {
		errs[0] = (struct field_error){ "name", N_("该来源名称已被使用") };
		status = invalid(r, w, errs, 1, 409, "conflict");
	} else if (rc == FEED_INVALID) {
		/* what check_input could not see: a unit removed meanwhile */
		status = resp_error(w, 422, "invalid", arena_strdup(&r->arena, err.buf), NULL);
	} else if (rc != 0) {
		buf_release(&token);
		return internal(w, "feed create", &err);
	} else if (r->is_api) {
		status = answer(r, w, src.name, 201, token.buf);
	} else {
		status = token_page(r, w, src.name, token.buf,
				    arena_printf(&r->arena, _("已新增来源“%s”"), src.name));
	}
	buf_release(&token);
	buf_release(&err);
	return status;
}

/* POST /feeds/{name} (and under /api/v1): action disable, enable or
 * rotate. A new token is shown once (the API answers it with the source). */
int page_feed_post(struct req *r, struct resp *w)
{
	const char *name = req_path_param(r, "name"), *action = req_form(r, "action");
	struct buf token = BUF_INIT, err = BUF_INIT;
	int rotate, rc, status;

	if (!may_manage(r))
		return refuse(w);
	if (!action || (strcmp(action, "disable") && strcmp(action, "enable") &&
			strcmp(action, "rotate")))
		return resp_error(w, 400, "bad_action", N_("无效的操作"), "action");
	rotate = !strcmp(action, "rotate");
	if (rotate)
		rc = feed_source_rotate(req_db(r), &r->actor, name, &token, &err);
	else
		rc = feed_source_set_disabled(req_db(r), &r->actor, name, !strcmp(action, "disable"),
					      &err);
	if (rc == STORE_NOTFOUND)
		status = not_found(w);
	else if (rc != 0) {
		buf_release(&token);
		return internal(w, "feed change", &err);
	} else if (r->is_api)
		status = answer(r, w, name, 200, rotate ? token.buf : NULL);
	else if (rotate)
		status = token_page(r, w, name, token.buf,
				    _("已更换接入令牌，原令牌已失效"));
	else
		status = feed_page(r, w, name,
				   !strcmp(action, "disable") ? _("来源已停用，其令牌不再被接受")
							      : _("来源已启用"));
	buf_release(&token);
	buf_release(&err);
	return status;
}
