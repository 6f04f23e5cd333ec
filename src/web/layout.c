/* layout.c - page chrome shared by every HTML page. */
#include "web/layout.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib/embed.h"
#include "web/html.h"
#include "web/server.h"

static char asset_version[17];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

/* FNV-1a over every embedded static file: the tag changes exactly when
 * an asset changes. */
static void compute_version(void)
{
	const struct embedded *e;
	uint64_t h = 1469598103934665603ULL;
	for (e = jindu_assets; e->name; e++) {
		const unsigned char *p;
		if (strncmp(e->name, "static/", 7))
			continue;
		for (p = e->start; p < e->end; p++) {
			h ^= *p;
			h *= 1099511628211ULL;
		}
	}
	snprintf(asset_version, sizeof(asset_version), "%016llx", (unsigned long long)h);
}

const char *layout_asset_version(void)
{
	pthread_once(&version_once, compute_version);
	return asset_version;
}

/* The side navigation: an entry shows when the role may read its module;
 * label NULL means the module's own name. */
static const struct {
	enum module mod;
	const char *href;
	const char *icon;
	const char *label;
} nav[] = {
	{ MOD_HOME, "/", "◉", NULL },
	{ MOD_PERSON, "/persons", "☰", NULL },
	{ MOD_PERSON, "/work", "✓", N_("工作清单") },
	{ MOD_PERSON, "/alerts", "!", N_("预警") },
	{ MOD_CASE, "/cases", "◆", NULL },
	{ MOD_STATS, "/indicators", "∑", NULL },
	{ MOD_FEED, "/feeds", "⇄", NULL },
	{ MOD_CASE, "/network", "⋈", N_("关系网络") },
	{ MOD_ORG, "/org", "⌂", NULL },
	{ MOD_USERS, "/users", "♙", NULL },
	{ MOD_AUDIT, "/audit", "✎", NULL },
};

static void head(struct req *r, struct buf *b, const char *title)
{
	const char *v = layout_asset_version();
	html_rawf_trusted(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
			  r->lang == LANG_EN ? "en" : "zh-CN");
	html_raw_trusted(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			    "<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,"
			    "\"allowEval\":false,\"allowScriptTags\":false}'>\n<title>");
	html_text(b, title);
	html_raw_trusted(b, " · ");
	html_text(b, _("禁毒工作信息系统"));
	html_rawf_trusted(b, "</title>\n<link rel=\"icon\" href=\"/static/favicon.svg?v=%s\" type=\"image/svg+xml\">\n"
			     "<link rel=\"stylesheet\" href=\"/static/app.css?v=%s\">\n"
			     "<script src=\"/static/htmx.min.js?v=%s\" defer></script>\n"
			     "<script src=\"/static/app.js?v=%s\" defer></script>\n",
			  v, v, v, v);
}

const char *layout_here(struct req *r)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;

	/* After a form post there is no page to come back to by GET. */
	if (strcmp(r->method, "GET"))
		return "/";
	buf_adds(&b, r->path);
	for (i = 0; i < r->nquery; i++) {
		buf_addch(&b, i ? '&' : '?');
		html_url_value(&b, r->query[i].name);
		buf_addch(&b, '=');
		html_url_value(&b, r->query[i].value);
	}
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

static void topbar(struct req *r, struct buf *b)
{
	html_raw_trusted(b, "<header class=\"topbar\"><a class=\"brand\" href=\"/\">"
			    "<span class=\"emblem\">禁</span>");
	html_text(b, _("禁毒工作信息系统"));
	if (r->app->root_name) {
		html_raw_trusted(b, "<small>");
		html_text(b, r->app->root_name);
		html_raw_trusted(b, "</small>");
	}
	html_raw_trusted(b, "</a>");
	if (r->authed) {
		html_raw_trusted(b, "<div class=\"who\"><a href=\"/account\" class=\"user\">");
		html_text(b, r->user.name);
		html_raw_trusted(b, "</a><span class=\"role\">");
		html_text(b, _(role_label(r->role)));
		html_raw_trusted(b, "</span><span class=\"place\">");
		html_text(b, r->user.division_name);
		html_raw_trusted(b, "</span>");
		html_raw_trusted(b, "<form method=\"post\" action=\"/account/lang\" class=\"inline\">"
				    "<input type=\"hidden\" name=\"_csrf\" value=\"");
		html_attr(b, r->csrf);
		html_raw_trusted(b, "\"><input type=\"hidden\" name=\"back\" value=\"");
		html_attr(b, layout_here(r));
		html_rawf_trusted(b, "\"><input type=\"hidden\" name=\"lang\" value=\"%s\">"
				     "<button class=\"link\" type=\"submit\">%s</button></form>",
				  r->lang == LANG_EN ? "zh" : "en", r->lang == LANG_EN ? "中文" : "English");
		html_raw_trusted(b, "<form method=\"post\" action=\"/logout\" class=\"inline\">"
				    "<input type=\"hidden\" name=\"_csrf\" value=\"");
		html_attr(b, r->csrf);
		html_raw_trusted(b, "\"><button class=\"link\" type=\"submit\" id=\"logout\">");
		html_text(b, _("退出"));
		html_raw_trusted(b, "</button></form></div>");
	}
	html_raw_trusted(b, "</header>\n");
}

static void sidenav(struct req *r, struct buf *b, enum module active)
{
	/* A page under a module's further entry (the worklist, the alerts)
	 * marks that entry; the module's other pages its first. */
	size_t i, sub = (size_t)-1;
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		size_t n = strlen(nav[i].href);
		if (nav[i].label && !strncmp(r->path, nav[i].href, n) &&
		    (r->path[n] == '\0' || r->path[n] == '/'))
			sub = i;
	}
	html_raw_trusted(b, "<nav class=\"side\" aria-label=\"modules\"><ul>");
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		if (!role_can(r->role, nav[i].mod, ACC_READ))
			continue;
		html_raw_trusted(b, nav[i].mod == active && (sub != (size_t)-1 ? i == sub : !nav[i].label)
					 ? "<li class=\"active\">" : "<li>");
		html_rawf_trusted(b, "<a href=\"%s\"><span class=\"ico\">%s</span>", nav[i].href,
				  nav[i].icon);
		html_text(b, _(nav[i].label ? nav[i].label : module_label(nav[i].mod)));
		html_raw_trusted(b, "</a></li>");
	}
	html_raw_trusted(b, "</ul></nav>\n");
}

void layout_begin(struct req *r, struct resp *w, const char *title, enum module active,
		  const struct crumb *crumbs, int ncrumbs)
{
	struct buf *b = &w->body;
	int i;

	w->content_type = "text/html; charset=utf-8";
	head(r, b, title);
	html_raw_trusted(b, "</head>\n<body");
	if (r->authed && r->csrf) {
		/* htmx sends the CSRF token with every request it makes. */
		html_raw_trusted(b, " hx-headers='{\"X-CSRF-Token\": \"");
		html_attr(b, r->csrf);
		html_raw_trusted(b, "\"}'");
	}
	html_raw_trusted(b, ">\n");
	topbar(r, b);
	html_raw_trusted(b, r->authed ? "<div class=\"frame\">" : "<div class=\"frame bare\">");
	if (r->authed)
		sidenav(r, b, active);
	html_raw_trusted(b, "<main id=\"main\">");
	if (ncrumbs) {
		html_raw_trusted(b, "<ol class=\"crumbs\">");
		for (i = 0; i < ncrumbs; i++) {
			html_raw_trusted(b, "<li>");
			if (crumbs[i].href)
				html_link(b, crumbs[i].href, _(crumbs[i].label));
			else
				html_text(b, _(crumbs[i].label));
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ol>");
	}
	html_raw_trusted(b, "<h1>");
	html_text(b, title);
	html_raw_trusted(b, "</h1>\n");
}

void layout_end(struct req *r, struct resp *w)
{
	html_raw_trusted(&w->body, "</main></div>\n<footer class=\"foot\">");
	html_text(&w->body, _("禁毒工作信息系统"));
	html_rawf_trusted(&w->body, " %s · ", JINDU_VERSION);
	html_text(&w->body, _("数据涉及个人敏感信息，严禁泄露"));
	html_raw_trusted(&w->body, "</footer>\n</body>\n</html>\n");
}

void layout_message_page(struct req *r, struct resp *w, const char *title, const char *message)
{
	buf_reset(&w->body);
	layout_begin(r, w, _(title), MOD_NONE, NULL, 0);
	html_raw_trusted(&w->body, "<div class=\"notice error\"><p>");
	html_text(&w->body, _(message));
	html_raw_trusted(&w->body, "</p><p><a href=\"/\">");
	html_text(&w->body, _("返回首页"));
	html_raw_trusted(&w->body, "</a></p></div>");
	layout_end(r, w);
}

/* Appends the current query string with `name` replaced by value. */
static void query_with(struct req *r, struct buf *b, const char *name, const char *value)
{
	size_t i;
	int first = 1;
	buf_addch(b, '?');
	for (i = 0; i < r->nquery; i++) {
		if (!strcmp(r->query[i].name, name) || !*r->query[i].value)
			continue;
		if (!first)
			buf_addch(b, '&');
		html_url_value(b, r->query[i].name);
		buf_addch(b, '=');
		html_url_value(b, r->query[i].value);
		first = 0;
	}
	if (!first)
		buf_addch(b, '&');
	html_url_value(b, name);
	buf_addch(b, '=');
	html_url_value(b, value);
}

static void pager_link(struct req *r, struct buf *b, int page, const char *label, int enabled)
{
	struct buf href = BUF_INIT;
	char num[16];
	if (!enabled) {
		html_raw_trusted(b, "<span class=\"disabled\">");
		html_text(b, label);
		html_raw_trusted(b, "</span>");
		return;
	}
	snprintf(num, sizeof(num), "%d", page);
	buf_adds(&href, r->path);
	query_with(r, &href, "page", num);
	html_link(b, href.buf, label);
	buf_release(&href);
}

void layout_pager(struct req *r, struct buf *b, int64_t total, int page, int per_page)
{
	int pages = (int)((total + per_page - 1) / per_page);
	if (pages < 1)
		pages = 1;
	html_raw_trusted(b, "<div class=\"pager\">");
	html_textf(b, _("共 %lld 条，第 %d / %d 页"), (long long)total, page, pages);
	html_raw_trusted(b, " ");
	pager_link(r, b, 1, _("首页"), page > 1);
	pager_link(r, b, page - 1, _("上一页"), page > 1);
	pager_link(r, b, page + 1, _("下一页"), page < pages);
	pager_link(r, b, pages, _("末页"), page < pages);
	html_raw_trusted(b, "</div>");
}

void layout_sort_th(struct req *r, struct buf *b, const char *key, const char *label,
		    const char *default_key)
{
	const char *cur = req_query(r, "sort");
	const char *dir = req_query(r, "dir");
	int active = cur ? !strcmp(cur, key) : !strcmp(key, default_key);
	/* The default order is descending (newest first) until told otherwise. */
	int desc = active && (cur ? dir && !strcmp(dir, "desc") : 1);
	struct buf href = BUF_INIT, q = BUF_INIT;
	size_t i;

	/* Keep filters, drop page/sort/dir. */
	buf_adds(&href, r->path);
	buf_addch(&href, '?');
	for (i = 0; i < r->nquery; i++) {
		const char *n = r->query[i].name;
		if (!strcmp(n, "sort") || !strcmp(n, "dir") || !strcmp(n, "page") || !*r->query[i].value)
			continue;
		html_url_value(&q, n);
		buf_addch(&q, '=');
		html_url_value(&q, r->query[i].value);
		buf_addch(&q, '&');
	}
	buf_addbuf(&href, &q);
	buf_adds(&href, "sort=");
	html_url_value(&href, key);
	buf_adds(&href, active && !desc ? "&dir=desc" : "&dir=asc");
	html_raw_trusted(b, active ? (desc ? "<th class=\"sorted desc\">" : "<th class=\"sorted asc\">")
				   : "<th>");
	html_link(b, href.buf, label);
	html_raw_trusted(b, "</th>");
	buf_release(&href);
	buf_release(&q);
}

void layout_export_link(struct req *r, struct buf *b, const char *path)
{
	struct buf href = BUF_INIT;
	size_t i;
	buf_adds(&href, path);
	for (i = 0; i < r->nquery; i++) {
		if (!strcmp(r->query[i].name, "page"))
			continue;
		buf_addch(&href, href.len > strlen(path) ? '&' : '?');
		html_url_value(&href, r->query[i].name);
		buf_addch(&href, '=');
		html_url_value(&href, r->query[i].value);
	}
	html_raw_trusted(b, "<div class=\"toolbar\"><a class=\"button\" id=\"export-xlsx\" href=\"");
	html_attr(b, href.buf);
	html_raw_trusted(b, "\" download>");
	html_text(b, _("导出 Excel"));
	html_raw_trusted(b, "</a></div>");
	buf_release(&href);
}
