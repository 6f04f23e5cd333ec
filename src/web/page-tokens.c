/* page-tokens.c - API tokens (Authorization: Bearer) on the account and user pages: listed, made, revoked. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "web/form.h"
#include "web/html.h"
#include "web/server.h"
#include "web/tokens.h"

void tokens_panel(struct req *r, struct buf *b, int64_t user_id, const char *base,
		  int can_create, const char *new_token, const struct field_error *errs, int nerr)
{
	static const char *const cols[] = { N_("名称"), N_("创建时间"), N_("最近使用"), N_("状态"),
					    "", NULL };
	struct form f = { r, b, errs, nerr };
	struct api_token *t;
	struct buf err = BUF_INIT;
	int n = 0, i;

	if (store_tokens_of(req_db(r), user_id, &r->arena, &t, &n, &err) < 0) {
		fprintf(stderr, "jindu: tokens: %s\n", err.buf);
		n = 0;
	}
	buf_release(&err);
	html_raw_trusted(b, "<div class=\"panel\" id=\"tokens\"><h2>");
	html_text(b, _("接口令牌"));
	html_raw_trusted(b, "</h2><p class=\"small muted\">");
	html_text(b, _("其他系统以本账号的角色和辖区调用 /api/v1 时使用；令牌只在生成时显示一次，"
		       "不用时请撤销。"));
	html_raw_trusted(b, "</p>");
	if (new_token) {
		html_raw_trusted(b, "<div class=\"notice\" role=\"status\"><p>");
		html_text(b, _("新令牌如下，只显示这一次，请妥善保存，勿经聊天工具或邮件传送："));
		html_raw_trusted(b, "</p><p class=\"mono secret\" id=\"new-token\">");
		html_text(b, new_token);
		html_raw_trusted(b, "</p></div>");
	}
	html_raw_trusted(b, "<table class=\"grid compact\"><thead><tr>");
	for (i = 0; cols[i]; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, *cols[i] ? _(cols[i]) : "");
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		html_rawf_trusted(b, "<tr id=\"token-%" PRId64 "\"><td>", t[i].id);
		html_text(b, *t[i].label ? t[i].label : "—");
		html_raw_trusted(b, "</td><td>");
		html_time(b, t[i].created_at);
		html_raw_trusted(b, "</td><td>");
		html_time(b, t[i].last_used_at);
		html_raw_trusted(b, "</td><td>");
		html_text(b, t[i].revoked ? _("已撤销") : _("有效"));
		html_raw_trusted(b, "</td><td>");
		if (!t[i].revoked) {
			form_begin(&f, arena_printf(&r->arena, "%s/%" PRId64, base, t[i].id), NULL);
			form_end(&f, N_("撤销"), NULL);
		}
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"5\" class=\"empty\">");
		html_text(b, _("没有接口令牌"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	if (can_create) {
		form_begin(&f, base, "token-form");
		form_input(&f, "label", N_("用途"), NULL, "text", 1, N_("如：市局数据平台对接"));
		form_end(&f, N_("生成令牌"), NULL);
	}
	html_raw_trusted(b, "</div>");
}

int token_label_check(const char *label, struct field_error *e)
{
	size_t n = label ? strlen(label) : 0;
	if (!n || n > 120) {
		e->field = "label";
		e->message = n ? N_("用途最多 40 个汉字") : N_("请写明令牌的用途");
		return -1;
	}
	return 0;
}
