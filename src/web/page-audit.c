/* page-audit.c - 审计日志 for the auditor: who did what to which record, with filters. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/choice.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

#define PER_PAGE 50

static const struct choice actions[] = {
	{ "view", N_("查阅") },   { "search", N_("查询") },     { "reveal", N_("显示身份证号") },
	{ "create", N_("新建") }, { "update", N_("修改") },     { "delete", N_("删除") },
	{ "login", N_("登录") },  { "logout", N_("退出") },     { "password", N_("修改密码") },
	{ "import", N_("导入") }, { "totp", N_("动态口令设置") }, { "denied", N_("越权访问") },
	{ "rotate", N_("更换令牌") }, { "ingest", N_("接收数据") },
	{ NULL, NULL },
};


static const struct choice entities[] = {
	{ "person", N_("人员档案") }, { "user", N_("用户") },     { "unit", N_("单位") },
	{ "database", N_("数据库") }, { "api_token", N_("接口令牌") },
	{ "measure", N_("戒毒措施") }, { "drug_test", N_("吸毒检测") }, { "contact", N_("走访谈话") },
	{ "absence", N_("离开县域") }, { "control_flag", N_("管控标记") },
	{ "assistance", N_("帮扶救助") }, { "policy", N_("管控规则") },
	{ "methadone_month", N_("美沙酮服药情况") },
	{ "feed_source", N_("接入来源") }, { "feed_batch", N_("接入批次") },
	{ NULL, NULL },
};


static void change_value(struct buf *b, json_t *v)
{
	if (json_is_string(v))
		html_text(b, *json_string_value(v) ? json_string_value(v) : "—");
	else if (json_is_integer(v))
		html_rawf_trusted(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else
		html_text(b, "—");
}

/* {"field": [before, after]} as one line per field: "field: before → after". */
static void changes_cell(struct buf *b, const char *text)
{
	json_error_t je;
	json_t *doc = *text ? json_loads(text, 0, &je) : NULL;
	const char *key;
	json_t *pair;

	if (!json_is_object(doc)) {
		html_text(b, text);
		json_decref(doc);
		return;
	}
	json_object_foreach(doc, key, pair) {
		html_raw_trusted(b, "<div><span class=\"chg-field\">");
		html_text(b, key);
		html_raw_trusted(b, "</span> ");
		change_value(b, json_array_get(pair, 0));
		html_raw_trusted(b, " → ");
		change_value(b, json_array_get(pair, 1));
		html_raw_trusted(b, "</div>");
	}
	json_decref(doc);
}

static int64_t day_start(const char *s, int plus_days)
{
	int ymd;
	struct tm tm;
	if (!s || ymd_parse(s, &ymd) < 0)
		return 0;
	ymd = ymd_add_days(ymd, plus_days);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = ymd / 10000 - 1900;
	tm.tm_mon = ymd / 100 % 100 - 1;
	tm.tm_mday = ymd % 100;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

static void text_input(struct buf *b, const char *name, const char *placeholder,
		       const char *value, const char *type)
{
	html_rawf_trusted(b, "<input type=\"%s\" name=\"%s\" placeholder=\"", type, name);
	html_attr(b, placeholder);
	html_raw_trusted(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw_trusted(b, "\">");
}

int page_audit(struct req *r, struct resp *w)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct audit_filter f;
	struct audit_entry *list;
	int n, i, page = (int)req_int(r, "page", 1, 1, 1000000);
	int64_t total;
	size_t k;
	const char *act = req_query(r, "action");
	static const struct crumb crumbs[] = { { N_("审计日志"), NULL } };

	memset(&f, 0, sizeof(f));
	f.login = req_query(r, "login");
	f.action = act;
	f.entity = req_query(r, "entity");
	f.entity_id = req_query(r, "entity_id");
	f.from_ts = day_start(req_query(r, "from"), 0);
	f.to_ts = day_start(req_query(r, "to"), 1);
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if (store_audit_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0) {
		fprintf(stderr, "jindu: audit: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);

	layout_begin(r, w, _("审计日志"), MOD_AUDIT, crumbs, 1);
	html_raw_trusted(b, "<form class=\"filters\" method=\"get\" action=\"/audit\">");
	text_input(b, "login", _("用户名"), f.login, "text");
	html_raw_trusted(b, "<select name=\"action\"><option value=\"\">");
	html_text(b, _("全部操作"));
	html_raw_trusted(b, "</option>");
	form_options(b, actions, act);
	html_raw_trusted(b, "</select>");
	html_raw_trusted(b, "<select name=\"entity\"><option value=\"\">");
	html_text(b, _("全部对象"));
	html_raw_trusted(b, "</option>");
	form_options(b, entities, f.entity);
	html_raw_trusted(b, "</select>");
	text_input(b, "entity_id", _("对象编号"), f.entity_id, "text");
	text_input(b, "from", _("起始日期"), req_query(r, "from"), "date");
	text_input(b, "to", _("截止日期"), req_query(r, "to"), "date");
	html_raw_trusted(b, "<button type=\"submit\">");
	html_text(b, _("查询"));
	html_raw_trusted(b, "</button></form>");

	html_raw_trusted(b, "<table class=\"grid audit\"><thead><tr>");
	{
		const char *heads[] = { N_("序号"), N_("时间"), N_("用户"), N_("来源地址"), N_("操作"),
					N_("对象"), N_("摘要"), N_("变更") };
		for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
			html_raw_trusted(b, "<th>");
			html_text(b, _(heads[k]));
			html_raw_trusted(b, "</th>");
		}
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct audit_entry *e = &list[i];
		html_rawf_trusted(b, "<tr><td class=\"n\">%lld</td><td>", (long long)e->id);
		html_time(b, e->ts);
		html_raw_trusted(b, "</td><td>");
		html_text(b, e->login);
		html_raw_trusted(b, "</td><td class=\"mono\">");
		html_text(b, e->ip);
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(choice_label(actions, e->action)));
		html_raw_trusted(b, "</td><td>");
		html_text(b, _(choice_label(entities, e->entity)));
		if (*e->entity_id) {
			html_raw_trusted(b, " #");
			html_text(b, e->entity_id);
		}
		html_raw_trusted(b, "</td><td>");
		html_text(b, e->summary);
		html_raw_trusted(b, "</td><td class=\"changes\">");
		changes_cell(b, e->changes);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!n) {
		html_raw_trusted(b, "<tr><td colspan=\"8\" class=\"empty\">");
		html_text(b, _("没有符合条件的记录"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	layout_pager(r, b, total, page, PER_PAGE);
	layout_end(r, w);
	return 200;
}
