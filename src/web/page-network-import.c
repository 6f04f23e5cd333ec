/* page-network-import.c - 导入关系 in the browser and the API: upload a spreadsheet of links, choose its columns, check, import. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/import-links.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/import-file.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/upload.h"

/*
 * The steps, as for persons (page-import.c), each a request that finds the
 * uploaded file by its id:
 *   GET  /network/import                 the upload form
 *   POST /network/import                 keeps the file, 303 to its columns
 *   GET  /network/import/{upload}        the columns: header row, a select each, preview
 *   POST /network/import/{upload}/check  a dry run with the chosen columns: the report
 *   POST /network/import/{upload}        the import itself (checked again), the result
 * The links are recorded in the user's own division.
 */

#define PREVIEW_ROWS 5

static const struct crumb import_crumbs[] = {
	{ N_("关系网络"), "/network" }, { N_("导入关系"), "/network/import" }, { NULL, NULL },
};

static int internal(struct resp *w, const char *where, const struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

static int gone(struct resp *w)
{
	return resp_error(w, 404, "not_found", N_("上传的文件已过期或不存在，请重新上传"), NULL);
}

static void para(struct buf *b, const char *cls, const char *text)
{
	html_rawf_trusted(b, "<p class=\"%s\">", cls);
	html_text(b, text);
	html_raw_trusted(b, "</p>");
}

/* Runs the import of the file at path as r's user; a file that cannot be
 * read to its end is IMPORT_FILE_BAD (err says why), -1 the database. */
static int run_file(struct req *r, const char *path, const char *name,
		    const struct import_mapping *map, int dry_run, struct import_report *rep,
		    struct import_links_counts *counts, struct buf *err)
{
	struct table *t = table_open(path, err);
	struct table_row row;
	struct buf again = BUF_INIT;
	int rc;
	if (!t)
		return IMPORT_FILE_BAD;
	rc = import_links(req_db(r), &r->actor, r->user.division, t, name, map, dry_run, rep,
			  counts, err);
	/* A reader's failure is sticky: asked again, it fails again. */
	if (rc < 0 && table_next(t, &row, &again) < 0)
		rc = IMPORT_FILE_BAD;
	buf_release(&again);
	table_close(t);
	return rc;
}

/* ---- step 1: the upload form ---- */

static int upload_page(struct req *r, struct resp *w, const char *why, const char *detail)
{
	struct buf *b = &w->body;
	struct field_error fe = { "file", why };
	struct form f = { r, b, why ? &fe : NULL, why ? 1 : 0, NULL };
	int k;

	layout_begin(r, w, _("导入关系"), MOD_CASE, import_crumbs, 1);
	if (why) {
		html_raw_trusted(b, "<div class=\"notice error\" role=\"alert\"><p>");
		html_text(b, _(why));
		html_raw_trusted(b, "</p>");
		if (detail && *detail)
			para(b, "small", arena_printf(&r->arena, _("详细信息：%s"), detail));
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "",
	     _("从 Excel（.xlsx）或 CSV 文件批量导入关系：话单、转账记录、寄递记录等，每行一条关系。"
	       "上传后确认各列对应的项目，再检查每一行：全部无误才能导入；已登记的关系自动跳过，"
	       "同一文件重复导入不会产生重复关系。"));
	html_raw_trusted(b, "<p class=\"hint\">");
	html_text(b, _("可识别的列："));
	for (k = 0; k < IL_NCOLUMNS; k++) {
		html_text(b, k ? _("、") : "");
		html_text(b, _(import_link_columns[k].header));
		if (import_link_columns[k].required)
			html_raw_trusted(b, " *");
	}
	html_raw_trusted(b, "</p>");
	para(b, "hint",
	     _("类别可写人员、电话、车辆、地址、银行卡、网络账号；没有类别列时，身份证号、手机号、车牌和银行卡号自动识别。"
	       "人员填写身份证号，本辖区没有档案的人员还须填写姓名。"));
	form_begin_upload(&f, "/network/import", "import-upload");
	form_file(&f, "file", N_("文件"), ".xlsx,.csv", 1,
		  N_("第一行或前几行中应有“起点”“终点”“关系类别”等列名"));
	form_end(&f, N_("上传"), "/network");
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return why ? 422 : 200;
}

int page_network_import_form(struct req *r, struct resp *w)
{
	return upload_page(r, w, NULL, NULL);
}

static int read_preview(struct req *r, const char *path, const char *name, int header,
			struct import_preview *pv, const char **detail)
{
	struct buf err = BUF_INIT;
	struct table *t = table_open(path, &err);
	int ret = 1;

	memset(pv, 0, sizeof(*pv));
	if (t && import_preview_for(&import_link_set, t, header, PREVIEW_ROWS, pv, &err) == 0) {
		ret = 0;
	} else {
		import_preview_release(pv);
		*detail = import_file_detail(r, &err, path, name);
	}
	table_close(t);
	buf_release(&err);
	return ret;
}

int page_network_import_upload(struct req *r, struct resp *w)
{
	const struct req_file *file = req_file(r, "file");
	struct import_preview pv;
	struct buf err = BUF_INIT;
	const char *name, *ext, *why = NULL, *path, *shown, *detail = NULL;
	char id[UPLOAD_ID_SIZE];
	int bad, ncols;

	if (!file || (!*file->filename && !file->data.len))
		return upload_page(r, w, N_("请选择要导入的文件"), NULL);
	name = import_file_name(r, file->filename, "upload");
	ext = import_file_kind(name, file->data.buf, file->data.len, &why);
	if (!ext)
		return upload_page(r, w, why, NULL);
	if (upload_save(r->app->uploads, r->user.id, name, ext, file->data.buf, file->data.len, id,
			&err) < 0) {
		int status = internal(w, "network import upload", &err);
		buf_release(&err);
		return status;
	}
	buf_release(&err);
	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &shown) < 0)
		return gone(w);
	bad = read_preview(r, path, name, 0, &pv, &detail);
	ncols = pv.ncols;
	import_preview_release(&pv);
	if (bad || !ncols) {
		upload_remove(r->app->uploads, id);
		return upload_page(r, w, bad ? N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件")
					     : N_("文件中没有数据"),
				   detail);
	}
	return resp_redirect(r, w, arena_printf(&r->arena, "/network/import/%s", id));
}

/* ---- the chosen columns: header=N and colN=field, in forms and links ---- */

static int mapping_from_request(struct req *r, struct import_mapping *m)
{
	struct import_map_entry *list = NULL;
	size_t n = 0, alloc = 0, i, k;
	const struct param *lists[2] = { r->form, r->query };
	size_t counts[2] = { r->nform, r->nquery };

	memset(m, 0, sizeof(*m));
	m->header_line = (int)req_int(r, "header", 0, 1, 1000000);
	for (k = 0; k < 2 && !n; k++) {
		for (i = 0; i < counts[k]; i++) {
			const struct param *p = &lists[k][i];
			char *end;
			long cell;
			int col = -1;
			if (strncmp(p->name, "col", 3) || !p->name[3])
				continue;
			cell = strtol(p->name + 3, &end, 10);
			if (*end || cell < 0 || cell >= TABLE_MAX_COLS)
				continue;
			if (*p->value) {
				for (col = 0; col < IL_NCOLUMNS; col++)
					if (!strcmp(p->value, import_link_columns[col].field))
						break;
				if (col == IL_NCOLUMNS)
					return -1;
			}
			*ARENA_PUSH(&r->arena, list, n, alloc) =
				(struct import_map_entry){ (int)cell, NULL, col };
		}
	}
	m->entries = list;
	m->nentries = (int)n;
	return 0;
}

static int chosen_column(const struct import_mapping *m, const struct import_preview *pv, int i)
{
	int e;
	for (e = 0; e < m->nentries; e++)
		if (m->entries[e].cell == i)
			return m->entries[e].column;
	return pv->guess[i];
}

static const char *field_of(int column)
{
	return column < 0 ? "" : import_link_columns[column].field;
}

static void mapping_hidden(struct form *f, const struct import_mapping *m)
{
	int e;
	if (m->header_line)
		form_hidden(f, "header", arena_printf(&f->r->arena, "%d", m->header_line));
	for (e = 0; e < m->nentries; e++)
		form_hidden(f, arena_printf(&f->r->arena, "col%d", m->entries[e].cell),
			    field_of(m->entries[e].column));
}

static const char *mapping_link(struct req *r, const char *id, const struct import_mapping *m)
{
	struct buf b = BUF_INIT;
	const char *out;
	int e;
	buf_addf(&b, "/network/import/%s?header=%d", id, m->header_line);
	for (e = 0; e < m->nentries; e++)
		buf_addf(&b, "&col%d=%s", m->entries[e].cell, field_of(m->entries[e].column));
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

/* ---- step 2: the columns ---- */

static void column_select(struct buf *b, int i, int chosen)
{
	int k;
	html_rawf_trusted(b, "<select id=\"f-col%d\" name=\"col%d\"><option value=\"\">", i, i);
	html_text(b, _("不导入"));
	html_raw_trusted(b, "</option>");
	for (k = 0; k < IL_NCOLUMNS; k++) {
		html_raw_trusted(b, "<option value=\"");
		html_attr(b, import_link_columns[k].field);
		html_raw_trusted(b, k == chosen ? "\" selected>" : "\">");
		html_text(b, _(import_link_columns[k].header));
		if (import_link_columns[k].required)
			html_raw_trusted(b, " *");
		html_raw_trusted(b, "</option>");
	}
	html_raw_trusted(b, "</select>");
}

static void columns_form(struct req *r, struct buf *b, const char *id,
			 const struct import_preview *pv, const struct import_mapping *m)
{
	struct form f = { r, b, NULL, 0, NULL };
	char letter[4];
	int i;

	form_begin(&f, arena_printf(&r->arena, "/network/import/%s/check", id), "import-map");
	form_hidden(&f, "header", arena_printf(&r->arena, "%d", pv->header_line));
	html_raw_trusted(b, "<table class=\"grid compact\" id=\"import-columns\"><thead><tr><th>");
	html_text(b, _("列"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("文件中的列名"));
	html_raw_trusted(b, "</th><th>");
	html_text(b, _("导入为"));
	html_raw_trusted(b, "</th></tr></thead><tbody>");
	for (i = 0; i < pv->ncols; i++) {
		table_column_name(i, letter);
		html_rawf_trusted(b, "<tr><td class=\"mono\">%s</td><td><label for=\"f-col%d\">", letter,
				  i);
		html_text(b, import_page_column_label(r, i, pv->headers[i]));
		html_raw_trusted(b, "</label></td><td>");
		column_select(b, i, chosen_column(m, pv, i));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	para(b, "hint", _("带 * 的为必填项。同一项目只能对应一列；不需要的列选“不导入”。"));
	form_end(&f, N_("检查"), "/network/import");
}

int page_network_import_columns(struct req *r, struct resp *w)
{
	struct buf *b = &w->body;
	const char *id = req_path_param(r, "upload"), *path, *name, *detail = NULL;
	struct import_preview pv;
	struct import_mapping m;
	struct crumb crumbs[3];
	int header = (int)req_int(r, "header", 0, 1, 1000000), no_row = 0;

	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &name) < 0)
		return gone(w);
	if (mapping_from_request(r, &m) < 0)
		return resp_error(w, 400, "bad_param", N_("请求参数无效"), NULL);
	if (read_preview(r, path, name, header, &pv, &detail)) {
		upload_remove(r->app->uploads, id);
		return upload_page(r, w, N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"),
				   detail);
	}
	if (header && !pv.ncols) {
		no_row = header;
		import_preview_release(&pv);
		read_preview(r, path, name, 0, &pv, &detail);
	}
	memcpy(crumbs, import_crumbs, sizeof(crumbs));
	crumbs[2].label = name;
	layout_begin(r, w, _("选择各列对应的项目"), MOD_CASE, crumbs, 3);
	if (no_row) {
		html_raw_trusted(b, "<div class=\"notice error\" role=\"alert\">");
		html_textf(b, _("第 %d 行没有内容，不能作为表头"), no_row);
		html_raw_trusted(b, "</div>");
	}
	if (!pv.found) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, _("没有认出表头中的列名：请为每一列选择对应的项目，或修改表头所在的行"));
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "", arena_printf(&r->arena, _("文件：%s（%s），表头在第 %d 行"), name, pv.encoding,
				 pv.header_line));
	html_raw_trusted(b, "<form method=\"get\" class=\"toolbar\" id=\"import-header\" action=\"");
	html_attr(b, arena_printf(&r->arena, "/network/import/%s", id));
	html_raw_trusted(b, "\"><label for=\"f-header\">");
	html_text(b, _("表头所在行"));
	html_rawf_trusted(b, "</label> <input type=\"number\" id=\"f-header\" name=\"header\" min=\"1\" "
			     "value=\"%d\"> <button type=\"submit\">",
			  pv.header_line);
	html_text(b, _("重新读取"));
	html_raw_trusted(b, "</button></form>");
	if (m.header_line != pv.header_line)
		m.nentries = 0;
	columns_form(r, b, id, &pv, &m);
	import_page_preview(r, b, &pv);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	import_preview_release(&pv);
	return 200;
}

/* ---- steps 3 and 4: the report, the import ---- */

static void report_counts(struct buf *b, const struct import_report *rep,
			  const struct import_links_counts *c, int committed)
{
	static const char *const labels[] = { N_("数据行"), N_("可导入的关系"), N_("新增实体数"),
					      N_("已登记（跳过）"), N_("有错误"), N_("已导入") };
	static const char *const ids[] = { "rows", "valid", "entities", "existing", "rejected",
					   "imported" };
	const int64_t values[] = { rep->rows, rep->valid, c->entities, rep->existing, rep->rejected,
				   rep->imported };
	size_t i, n = committed ? 6 : 5;

	html_raw_trusted(b, "<dl class=\"kvs\" id=\"import-counts\">");
	for (i = 0; i < n; i++) {
		html_raw_trusted(b, "<div class=\"kv\"><dt>");
		html_text(b, _(labels[i]));
		html_rawf_trusted(b, "</dt><dd id=\"count-%s\">", ids[i]);
		html_count(b, values[i]);
		html_raw_trusted(b, "</dd></div>");
	}
	html_raw_trusted(b, "</dl>");
}

static void notice(struct buf *b, int error, const char *text)
{
	html_raw_trusted(b, error ? "<div class=\"notice error\" role=\"alert\" id=\"import-outcome\">"
				  : "<div class=\"notice\" id=\"import-outcome\">");
	html_text(b, text);
	html_raw_trusted(b, "</div>");
}

static int report_page(struct req *r, struct resp *w, const char *id, const char *name,
		       const struct import_mapping *m, const struct import_report *rep,
		       const struct import_links_counts *c, int rc, int committed)
{
	struct buf *b = &w->body;
	struct crumb crumbs[3];
	int done = committed && rc == 0;

	memcpy(crumbs, import_crumbs, sizeof(crumbs));
	crumbs[2].label = name;
	layout_begin(r, w, done ? _("导入完成") : _("检查结果"), MOD_CASE, crumbs, 3);
	if (done)
		notice(b, 0, arena_printf(&r->arena, _("已导入 %" PRId64 " 条关系，新增实体 %" PRId64 " 个"),
					  rep->imported, c->entities));
	else if (rc == IMPORT_REJECTED && rep->rejected)
		notice(b, 1, arena_printf(&r->arena, _("%" PRId64 " 行有错误，不能导入：请在文件中改正后重新上传"),
					  rep->rejected));
	else if (rc == IMPORT_REJECTED)
		notice(b, 1, _("表头有错误，不能导入：请修改各列对应的项目"));
	else if (rep->valid)
		notice(b, 0, arena_printf(&r->arena, _("检查通过：可导入 %" PRId64 " 条关系"), rep->valid));
	else
		notice(b, 0, _("文件中没有需要导入的新关系"));
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "", rep->header_line
			    ? arena_printf(&r->arena, _("文件：%s（%s），表头在第 %d 行"), name,
					   rep->encoding, rep->header_line)
			    : arena_printf(&r->arena, _("文件：%s（%s）"), name, rep->encoding));
	report_counts(b, rep, c, committed);
	if (!committed && rc == 0 && rep->valid) {
		struct form f = { r, b, NULL, 0, NULL };
		form_begin(&f, arena_printf(&r->arena, "/network/import/%s", id), "import-commit");
		mapping_hidden(&f, m);
		form_end(&f, N_("导入"), NULL);
	}
	html_raw_trusted(b, "<p class=\"actions\">");
	if (done) {
		html_raw_trusted(b, "<a class=\"button primary\" href=\"/network\">");
		html_text(b, _("查看关系网络"));
		html_raw_trusted(b, "</a> ");
	} else {
		html_raw_trusted(b, "<a class=\"button\" id=\"import-remap\" href=\"");
		html_attr(b, mapping_link(r, id, m));
		html_raw_trusted(b, "\">");
		html_text(b, _("修改各列对应的项目"));
		html_raw_trusted(b, "</a> ");
	}
	html_raw_trusted(b, "<a class=\"button\" href=\"/network/import\">");
	html_text(b, done ? _("继续导入") : _("重新上传"));
	html_raw_trusted(b, "</a></p>");
	import_page_issues(r, b, rep);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return rc == IMPORT_REJECTED ? 422 : 200;
}

static int run(struct req *r, struct resp *w, int dry_run)
{
	const char *id = req_path_param(r, "upload"), *path, *name;
	struct import_mapping m;
	struct import_report rep;
	struct import_links_counts counts;
	struct buf err = BUF_INIT;
	int rc, status;

	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &name) < 0)
		return gone(w);
	if (mapping_from_request(r, &m) < 0)
		return resp_error(w, 400, "bad_param", N_("请求参数无效"), NULL);
	import_report_init(&rep);
	rc = run_file(r, path, name, &m, dry_run, &rep, &counts, &err);
	if (rc == IMPORT_FILE_BAD) {
		upload_remove(r->app->uploads, id);
		status = upload_page(r, w, N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"),
				     import_file_detail(r, &err, path, name));
	} else if (rc < 0) {
		status = internal(w, "network import", &err);
	} else {
		if (!dry_run && rc == 0)
			upload_remove(r->app->uploads, id);
		status = report_page(r, w, id, name, &m, &rep, &counts, rc, !dry_run);
	}
	import_report_release(&rep);
	buf_release(&err);
	return status;
}

int page_network_import_check(struct req *r, struct resp *w)
{
	return run(r, w, 1);
}

int page_network_import_commit(struct req *r, struct resp *w)
{
	return run(r, w, 0);
}

/* ---- POST /api/v1/network/import: the file as the body, the report as JSON ---- */

int api_network_import(struct req *r, struct resp *w)
{
	const char *name = import_file_name(r, req_query(r, "name"), "upload");
	const char *ext, *why = NULL, *path, *shown;
	int dry_run = req_int(r, "dry_run", 0, 0, 1) == 1;
	struct import_mapping m;
	struct import_report rep;
	struct import_links_counts counts;
	struct buf err = BUF_INIT;
	char id[UPLOAD_ID_SIZE];
	json_t *doc;
	int rc, status;

	if (import_mapping_parse_for(&import_link_set, req_query(r, "map"), &r->arena, &m, &err) < 0) {
		status = resp_error(w, 400, "bad_param", arena_strdup(&r->arena, err.buf), "map");
		buf_release(&err);
		return status;
	}
	m.header_line = (int)req_int(r, "header", 0, 1, 1000000);
	if (!import_body_kind(r, &name) && r->content_type &&
	    strncasecmp(r->content_type, "application/octet-stream", 24))
		return resp_error(w, 415, "unsupported_type",
				  N_("请求体应为 .csv（text/csv）或 .xlsx 文件"), NULL);
	ext = import_file_kind(name, r->body.buf, r->body.len, &why);
	if (!ext)
		return resp_error(w, 422, "bad_file", why, NULL);
	if (upload_save(r->app->uploads, r->user.id, name, ext, r->body.buf, r->body.len, id,
			&err) < 0 ||
	    upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &shown) < 0) {
		status = internal(w, "network import", &err);
		buf_release(&err);
		return status;
	}
	import_report_init(&rep);
	rc = run_file(r, path, name, m.nentries || m.header_line ? &m : NULL, dry_run, &rep, &counts,
		      &err);
	upload_remove(r->app->uploads, id);
	if (rc == IMPORT_FILE_BAD) {
		doc = json_pack("{s:s,s:s,s:s,s:n}", "code", "bad_file", "message",
				_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"), "detail",
				import_file_detail(r, &err, path, name), "field");
		status = resp_json(w, 422, json_pack("{s:o}", "error", doc));
	} else if (rc < 0) {
		status = internal(w, "network import", &err);
	} else {
		doc = import_report_json(name, &rep, dry_run);
		json_object_set_new(doc, "entities", json_integer(counts.entities));
		json_object_set_new(doc, "batch_id",
				    counts.batch_id ? json_integer(counts.batch_id) : json_null());
		if (rc == IMPORT_REJECTED)
			json_object_set_new(
				doc, "error",
				json_pack("{s:s,s:s,s:n}", "code", "rejected", "message",
					  rep.rejected ? _("有错误的行，没有导入任何数据")
						       : _("表头有错误，没有导入任何数据"),
					  "field"));
		status = resp_json(w, rc == IMPORT_REJECTED ? 422 : rep.imported ? 201 : 200, doc);
	}
	import_report_release(&rep);
	buf_release(&err);
	return status;
}
