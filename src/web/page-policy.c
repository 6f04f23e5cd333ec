/* page-policy.c - 管控规则: the policy in force (terms, schedules, thresholds, risk model), editable by admins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

static int policy_page(struct req *r, struct resp *w, const char *json, const char *notice,
		       int error)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct policy p;
	char *text = NULL;
	int can_edit = role_can(r->role, MOD_ORG, ACC_WRITE) && !strcmp(r->user.division, r->app->root);
	static const struct crumb crumbs[] = { { N_("人员管控"), "/persons" }, { N_("管控规则"), NULL } };

	if (control_policy(req_db(r), &p, &err) < 0) {
		fprintf(stderr, "jindu: policy: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (!json)
		json = text = policy_to_json(&p);
	layout_begin(r, w, _("管控规则"), MOD_PERSON, crumbs, 2);
	if (notice) {
		html_raw_trusted(b, error ? "<div class=\"notice error\" role=\"alert\">"
					  : "<div class=\"notice\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<p class=\"lead\">");
	if (p.version)
		html_textf(b, _("现行规则：第 %d 版。"), p.version);
	else
		html_text(b, _("现行规则：系统默认值（依据禁毒法、戒毒条例）。"));
	html_text(b, _("期限、检测与走访周期、严重违反协议和脱管失控的判定标准、风险评分模型、美沙酮服药依从性标准均可按本地规定调整；每次修改生成新版本并记入审计日志。"));
	html_text(b, _("毒品案件的毒品目录（可增加新精神活性物质及其别名）、数量较大和数量大的标准（法释〔2016〕8号）和本地特大、重大案件标准在 cases 部分。"));
	html_raw_trusted(b, "</p>");
	if (can_edit) {
		html_raw_trusted(b, "<form method=\"post\" action=\"/policy\" class=\"form\">"
				    "<input type=\"hidden\" name=\"_csrf\" value=\"");
		html_attr(b, r->csrf ? r->csrf : "");
		html_raw_trusted(b, "\"><div class=\"field\"><label for=\"f-body\">JSON</label>"
				    "<textarea id=\"f-body\" name=\"body\" rows=\"30\" class=\"mono\">");
		html_text(b, json);
		html_raw_trusted(b, "</textarea></div><div class=\"field\"><label for=\"f-note\">");
		html_text(b, _("修改说明"));
		html_raw_trusted(b, "</label><input type=\"text\" id=\"f-note\" name=\"note\" value=\"\">"
				    "</div><div class=\"actions\"><button type=\"submit\" class=\"primary\">");
		html_text(b, _("保存为新版本"));
		html_raw_trusted(b, "</button></div></form>");
	} else {
		html_raw_trusted(b, "<pre class=\"panel mono\">");
		html_text(b, json);
		html_raw_trusted(b, "</pre>");
	}
	layout_end(r, w);
	free(text);
	return error ? 422 : 200;
}

int page_policy(struct req *r, struct resp *w)
{
	return policy_page(r, w, NULL, NULL, 0);
}

int page_policy_save(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	const char *body = req_form(r, "body");
	int version = 0, rc, status;

	/* The policy holds for the whole database: only its own office sets it. */
	if (strcmp(r->user.division, r->app->root))
		return resp_error(w, 403, "forbidden", N_("管控规则只能由本级禁毒办管理员修改"), NULL);
	if (!body || !*body)
		return policy_page(r, w, "", _("规则内容不能为空"), 1);
	rc = control_policy_save(req_db(r), &r->actor, body, req_form(r, "note"), &version, &err);
	if (rc == CONTROL_REFUSED)
		status = policy_page(r, w, body, arena_strdup(&r->arena, err.buf), 1);
	else if (rc != 0) {
		fprintf(stderr, "jindu: policy save: %s\n", err.buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	} else
		status = policy_page(r, w, NULL,
				     arena_printf(&r->arena, _("已保存为第 %d 版"), version), 0);
	buf_release(&err);
	return status;
}
