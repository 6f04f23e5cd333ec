/* import-flow.c - the steps of a spreadsheet import (upload, columns, check, import) and its API, for any importer. */
#include "web/import-flow.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/form.h"
#include "web/html.h"
#include "web/import-file.h"
#include "web/server.h"
#include "web/upload.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PREVIEW_ROWS 5
#define SHOW_ERRORS 200   /* issues listed on the report; the rest are counted */
#define SHOW_SKIPPED 20   /* rows already on file listed before they are only counted */

static int internal(const struct import_flow *f, struct resp *w, const struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", f->base, err->buf);
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

static void describe(const struct import_flow *f, int k, struct import_column_desc *d)
{
	f->cols->describe(k, d);
}

/* Runs the import of the file at path; a file that cannot be read to its
 * end is IMPORT_FILE_BAD (err says why), -1 the database. */
static int run_file(const struct import_flow *f, struct req *r, const char *path,
		    const char *name, const struct import_mapping *m, int dry_run,
		    struct import_flow_result *res, struct buf *err)
{
	struct table *t = table_open(path, err);
	struct table_row row;
	struct buf again = BUF_INIT;
	int rc;

	if (!t)
		return IMPORT_FILE_BAD;
	rc = f->run(r, t, name, m, dry_run, res, err);
	/* A reader's failure is sticky: asked again, it fails again. Else the
	 * database failed. */
	if (rc < 0 && table_next(t, &row, &again) < 0)
		rc = IMPORT_FILE_BAD;
	buf_release(&again);
	table_close(t);
	return rc;
}

static void result_init(struct import_flow_result *res)
{
	memset(res, 0, sizeof(*res));
	import_report_init(&res->rep);
}

static void result_release(struct import_flow_result *res)
{
	import_report_release(&res->rep);
	json_decref(res->json);
	res->json = NULL;
}

/* ---- step 1: the upload form ---- */

/* The form, with why the last file was refused (and the reader's detail). */
static int upload_page(const struct import_flow *f, struct req *r, struct resp *w,
		       const char *why, const char *detail)
{
	struct buf *b = &w->body;
	struct field_error fe = { "file", why };
	struct form fm = { r, b, why ? &fe : NULL, why ? 1 : 0, NULL };
	struct import_column_desc d;
	int k;

	layout_begin(r, w, _(f->title), f->module, f->crumbs, 1);
	if (why) {
		html_raw_trusted(b, "<div class=\"notice error\" role=\"alert\"><p>");
		html_text(b, _(why));
		html_raw_trusted(b, "</p>");
		if (detail && *detail)
			para(b, "small", arena_printf(&r->arena, _("详细信息：%s"), detail));
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "", _(f->intro));
	if (f->list_columns) {
		html_raw_trusted(b, "<p class=\"hint\">");
		html_text(b, _("可识别的列："));
		for (k = 0; k < f->cols->count(); k++) {
			describe(f, k, &d);
			html_text(b, k ? _("、") : "");
			html_text(b, _(d.header));
			if (d.required)
				html_raw_trusted(b, " *");
		}
		html_raw_trusted(b, "</p>");
	}
	if (f->hint)
		para(b, "hint", _(f->hint));
	if (f->template_url) {
		html_raw_trusted(b, "<p><a class=\"button\" id=\"import-template\" href=\"");
		html_attr(b, f->template_url);
		html_raw_trusted(b, "\" download>");
		html_text(b, _("下载导入模板"));
		html_raw_trusted(b, "</a></p>");
	}
	form_begin_upload(&fm, f->base, "import-upload");
	form_file(&fm, "file", N_("文件"), ".xlsx,.csv", 1, f->file_hint);
	form_end(&fm, N_("上传"), f->crumbs[0].href);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return why ? 422 : 200;
}

int import_flow_form(const struct import_flow *f, struct req *r, struct resp *w)
{
	return upload_page(f, r, w, NULL, NULL);
}

/* Reads the start of an upload for the columns step. Returns 0, or 1 when
 * the file cannot be read (*detail says why, for the user). */
static int read_preview(const struct import_flow *f, struct req *r, const char *path,
			const char *name, int header, struct import_preview *pv,
			const char **detail)
{
	struct buf err = BUF_INIT;
	struct table *t = table_open(path, &err);
	int ret = 1;

	memset(pv, 0, sizeof(*pv));
	if (t && import_preview_for(f->cols, t, header, PREVIEW_ROWS, pv, &err) == 0) {
		ret = 0;
	} else {
		import_preview_release(pv);
		*detail = import_file_detail(r, &err, path, name);
	}
	table_close(t);
	buf_release(&err);
	return ret;
}

int import_flow_upload(const struct import_flow *f, struct req *r, struct resp *w)
{
	const struct req_file *file = req_file(r, "file");
	struct import_preview pv;
	struct buf err = BUF_INIT;
	const char *name, *ext, *why = NULL, *path, *shown, *detail = NULL;
	char id[UPLOAD_ID_SIZE];
	int bad, ncols;

	if (!file || (!*file->filename && !file->data.len))
		return upload_page(f, r, w, N_("请选择要导入的文件"), NULL);
	name = import_file_name(r, file->filename, "upload");
	ext = import_file_kind(name, file->data.buf, file->data.len, &why);
	if (!ext)
		return upload_page(f, r, w, why, NULL);
	if (upload_save(r->app->uploads, r->user.id, name, ext, file->data.buf, file->data.len, id,
			&err) < 0) {
		int status = internal(f, w, &err);
		buf_release(&err);
		return status;
	}
	buf_release(&err);
	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &shown) < 0)
		return gone(w);
	/* Read the start now: a file that is no spreadsheet is told at once. */
	bad = read_preview(f, r, path, name, 0, &pv, &detail);
	ncols = pv.ncols;
	import_preview_release(&pv);
	if (bad || !ncols) {
		upload_remove(r->app->uploads, id);
		return upload_page(f, r, w,
				   bad ? N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件")
				       : N_("文件中没有数据"),
				   detail);
	}
	return resp_redirect(r, w, arena_printf(&r->arena, "%s/%s", f->base, id));
}

/* ---- the chosen columns ---- */

static int field_column(const struct import_flow *f, const char *field)
{
	struct import_column_desc d;
	int k;
	for (k = 0; k < f->cols->count(); k++) {
		describe(f, k, &d);
		if (!strcmp(field, d.field))
			return k;
	}
	return -1;
}

static const char *field_of(const struct import_flow *f, int column)
{
	struct import_column_desc d;
	if (column < 0)
		return "";
	describe(f, column, &d);
	return d.field;
}

/* The columns a form or a link carries: header=N, and colN=field for the
 * file's column N ("" not imported). Returns 0, or -1 for a field that
 * names no column. */
static int mapping_from_request(const struct import_flow *f, struct req *r,
				struct import_mapping *m)
{
	struct import_map_entry *list = NULL;
	size_t n = 0, alloc = 0, i, k;
	const struct param *lists[2] = { r->form, r->query };
	size_t counts[2] = { r->nform, r->nquery };

	memset(m, 0, sizeof(*m));
	m->header_line = (int)req_int(r, "header", 0, 1, 1000000);
	/* The form's columns, or the link's when the form has none. */
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
			if (*p->value && (col = field_column(f, p->value)) < 0)
				return -1;
			*ARENA_PUSH(&r->arena, list, n, alloc) =
				(struct import_map_entry){ (int)cell, NULL, col };
		}
	}
	m->entries = list;
	m->nentries = (int)n;
	return 0;
}

/* The column chosen for cell i: the mapping's, else the one recognised. */
static int chosen_column(const struct import_mapping *m, const struct import_preview *pv, int i)
{
	int e;
	for (e = 0; e < m->nentries; e++)
		if (m->entries[e].cell == i)
			return m->entries[e].column;
	return pv->guess[i];
}

/* Hidden fields carrying the mapping to the next step. */
static void mapping_hidden(const struct import_flow *f, struct form *fm,
			   const struct import_mapping *m)
{
	int e;
	if (m->header_line)
		form_hidden(fm, "header", arena_printf(&fm->r->arena, "%d", m->header_line));
	for (e = 0; e < m->nentries; e++)
		form_hidden(fm, arena_printf(&fm->r->arena, "col%d", m->entries[e].cell),
			    field_of(f, m->entries[e].column));
}

/* The link back to the columns step with the mapping chosen. */
static const char *mapping_link(const struct import_flow *f, struct req *r, const char *id,
				const struct import_mapping *m)
{
	struct buf b = BUF_INIT;
	const char *out;
	int e;
	buf_addf(&b, "%s/%s?header=%d", f->base, id, m->header_line);
	for (e = 0; e < m->nentries; e++)
		buf_addf(&b, "&col%d=%s", m->entries[e].cell, field_of(f, m->entries[e].column));
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

static const char *column_label(struct req *r, int i, const char *header)
{
	char letter[4];
	table_column_name(i, letter);
	return *header ? header : arena_printf(&r->arena, _("（%s 列，无列名）"), letter);
}

/* ---- step 2: the columns ---- */

static void column_select(const struct import_flow *f, struct buf *b, int i, int chosen)
{
	struct import_column_desc d;
	int k;
	html_rawf_trusted(b, "<select id=\"f-col%d\" name=\"col%d\"><option value=\"\">", i, i);
	html_text(b, _("不导入"));
	html_raw_trusted(b, "</option>");
	for (k = 0; k < f->cols->count(); k++) {
		describe(f, k, &d);
		html_raw_trusted(b, "<option value=\"");
		html_attr(b, d.field);
		html_raw_trusted(b, k == chosen ? "\" selected>" : "\">");
		html_text(b, _(d.header));
		if (d.required)
			html_raw_trusted(b, " *");
		html_raw_trusted(b, "</option>");
	}
	html_raw_trusted(b, "</select>");
}

static void preview_table(struct req *r, struct buf *b, const struct import_preview *pv)
{
	int i, k;
	html_raw_trusted(b, "<h2>");
	html_text(b, _("文件的前几行"));
	html_raw_trusted(b, "</h2><table class=\"grid compact\" id=\"import-preview\"><thead><tr><th class=\"n\">");
	html_text(b, _("行"));
	html_raw_trusted(b, "</th>");
	for (i = 0; i < pv->ncols; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, column_label(r, i, pv->headers[i]));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (k = 0; k < pv->nrows; k++) {
		html_rawf_trusted(b, "<tr><td class=\"n\">%d</td>", pv->lines[k]);
		for (i = 0; i < pv->ncols; i++) {
			html_raw_trusted(b, "<td>");
			html_text(b, pv->rows[k][i]);
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	if (!pv->nrows) {
		html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", pv->ncols + 1);
		html_text(b, _("表头下面没有数据"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
}

static void columns_form(const struct import_flow *f, struct req *r, struct buf *b,
			 const char *id, const struct import_preview *pv,
			 const struct import_mapping *m)
{
	struct form fm = { r, b, NULL, 0, NULL };
	char letter[4];
	int i;

	form_begin(&fm, arena_printf(&r->arena, "%s/%s/check", f->base, id), "import-map");
	form_hidden(&fm, "header", arena_printf(&r->arena, "%d", pv->header_line));
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
		html_text(b, column_label(r, i, pv->headers[i]));
		html_raw_trusted(b, "</label></td><td>");
		column_select(f, b, i, chosen_column(m, pv, i));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	para(b, "hint", _("带 * 的为必填项。同一项目只能对应一列；不需要的列选“不导入”。"));
	form_end(&fm, N_("检查"), f->base);
}

/* The form's crumbs and the file's name as the third. */
static void crumbs_of(const struct import_flow *f, const char *name, struct crumb out[3])
{
	out[0] = f->crumbs[0];
	out[1] = f->crumbs[1];
	out[2].label = name;
	out[2].href = NULL;
}

int import_flow_columns(const struct import_flow *f, struct req *r, struct resp *w)
{
	struct buf *b = &w->body;
	const char *id = req_path_param(r, "upload"), *path, *name, *detail = NULL;
	struct import_preview pv;
	struct import_mapping m;
	struct crumb crumbs[3];
	int header = (int)req_int(r, "header", 0, 1, 1000000), no_row = 0;

	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &name) < 0)
		return gone(w);
	if (mapping_from_request(f, r, &m) < 0)
		return resp_error(w, 400, "bad_param", N_("请求参数无效"), NULL);
	if (read_preview(f, r, path, name, header, &pv, &detail)) {
		upload_remove(r->app->uploads, id);
		return upload_page(f, r, w,
				   N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"),
				   detail);
	}
	if (header && !pv.ncols) {
		/* The row asked for is empty: the header as found instead. */
		no_row = header;
		import_preview_release(&pv);
		read_preview(f, r, path, name, 0, &pv, &detail);
	}
	crumbs_of(f, name, crumbs);
	layout_begin(r, w, _("选择各列对应的项目"), f->module, crumbs, 3);
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
	html_attr(b, arena_printf(&r->arena, "%s/%s", f->base, id));
	html_raw_trusted(b, "\"><label for=\"f-header\">");
	html_text(b, _("表头所在行"));
	html_rawf_trusted(b, "</label> <input type=\"number\" id=\"f-header\" name=\"header\" min=\"1\" "
			     "value=\"%d\"> <button type=\"submit\">",
			  pv.header_line);
	html_text(b, _("重新读取"));
	html_raw_trusted(b, "</button></form>");
	/* Choices from a link apply only to the header they were made for. */
	if (m.header_line != pv.header_line)
		m.nentries = 0;
	columns_form(f, r, b, id, &pv, &m);
	preview_table(r, b, &pv);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	import_preview_release(&pv);
	return 200;
}

/* ---- steps 3 and 4: the report, the import ---- */

static void count_item(struct buf *b, const char *id, const char *label, int64_t value)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, _(label));
	html_raw_trusted(b, "</dt><dd id=\"count-");
	html_attr(b, id);
	html_raw_trusted(b, "\">");
	html_count(b, value);
	html_raw_trusted(b, "</dd></div>");
}

static void report_counts(const struct import_flow *f, struct req *r, struct buf *b,
			  const struct import_flow_result *res, int committed)
{
	const struct import_report *rep = &res->rep;
	int i;

	html_raw_trusted(b, "<dl class=\"kvs\" id=\"import-counts\">");
	count_item(b, "rows", N_("数据行"), rep->rows);
	count_item(b, "valid", f->valid_label, rep->valid);
	for (i = 0; i < res->ncounts; i++)
		count_item(b, res->counts[i].id, res->counts[i].label, res->counts[i].value);
	count_item(b, "existing", f->existing_label, rep->existing);
	count_item(b, "rejected", N_("有错误"), rep->rejected);
	if (committed)
		count_item(b, "imported", N_("已导入"), rep->imported);
	html_raw_trusted(b, "</dl>");
	if (rep->nignored) {
		struct buf list = BUF_INIT;
		size_t k;
		for (k = 0; k < rep->nignored; k++) {
			if (k)
				buf_adds(&list, _("、"));
			buf_adds(&list, rep->ignored[k]);
		}
		para(b, "hint", arena_printf(&r->arena, _("不导入的列：%s"), list.buf));
		buf_release(&list);
	}
}

/* Every issue, errors first up to SHOW_ERRORS, rows on file up to SHOW_SKIPPED. */
static void report_issues(struct req *r, struct buf *b, const struct import_report *rep)
{
	struct buf line = BUF_INIT;
	int64_t errors = 0, skipped = 0, hidden = rep->issues_dropped;
	int pass;
	size_t i;

	if (!rep->nissues)
		return;
	html_raw_trusted(b, "<h2>");
	html_text(b, _("问题与说明"));
	html_raw_trusted(b, "</h2><ol class=\"issues\" id=\"import-issues\">");
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < rep->nissues; i++) {
			const struct import_issue *is = &rep->issues[i];
			if (is->skipped != pass)
				continue;
			if (pass ? ++skipped > SHOW_SKIPPED : ++errors > SHOW_ERRORS) {
				hidden++;
				continue;
			}
			buf_reset(&line);
			import_issue_format(is, &line);
			html_raw_trusted(b, pass ? "<li class=\"skipped\">" : "<li class=\"error\">");
			html_text(b, line.buf);
			html_raw_trusted(b, "</li>");
		}
	}
	html_raw_trusted(b, "</ol>");
	if (hidden)
		para(b, "hint", arena_printf(&r->arena, _("……另有 %" PRId64 " 条未列出"), hidden));
	buf_release(&line);
}

static void notice(struct buf *b, int error, const char *text)
{
	html_raw_trusted(b, error ? "<div class=\"notice error\" role=\"alert\" id=\"import-outcome\">"
				  : "<div class=\"notice\" id=\"import-outcome\">");
	html_text(b, text);
	html_raw_trusted(b, "</div>");
}

static int report_page(const struct import_flow *f, struct req *r, struct resp *w,
		       const char *id, const char *name, const struct import_mapping *m,
		       const struct import_flow_result *res, int rc, int committed)
{
	const struct import_report *rep = &res->rep;
	struct buf *b = &w->body;
	struct crumb crumbs[3];
	int done = committed && rc == 0;

	crumbs_of(f, name, crumbs);
	layout_begin(r, w, done ? _("导入完成") : _("检查结果"), f->module, crumbs, 3);
	if (done)
		notice(b, 0, f->done_text(r, res));
	else if (rc == IMPORT_REJECTED && rep->rejected)
		notice(b, 1, arena_printf(&r->arena, _("%" PRId64 " 行有错误，不能导入：请在文件中改正后重新上传"),
					  rep->rejected));
	else if (rc == IMPORT_REJECTED)
		notice(b, 1, _("表头有错误，不能导入：请修改各列对应的项目"));
	else if (rep->valid)
		notice(b, 0, f->valid_text(r, res));
	else
		notice(b, 0, _(f->none_text));
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "", rep->header_line
			    ? arena_printf(&r->arena, _("文件：%s（%s），表头在第 %d 行"), name,
					   rep->encoding, rep->header_line)
			    : arena_printf(&r->arena, _("文件：%s（%s）"), name, rep->encoding));
	report_counts(f, r, b, res, committed);
	if (!committed && rc == 0 && rep->valid) {
		struct form fm = { r, b, NULL, 0, NULL };
		form_begin(&fm, arena_printf(&r->arena, "%s/%s", f->base, id), "import-commit");
		mapping_hidden(f, &fm, m);
		form_end(&fm, N_("导入"), NULL);
	}
	html_raw_trusted(b, "<p class=\"actions\">");
	if (done) {
		html_raw_trusted(b, "<a class=\"button primary\" href=\"");
		html_attr(b, f->done_url);
		html_raw_trusted(b, "\">");
		html_text(b, _(f->done_label));
		html_raw_trusted(b, "</a> ");
	} else {
		html_raw_trusted(b, "<a class=\"button\" id=\"import-remap\" href=\"");
		html_attr(b, mapping_link(f, r, id, m));
		html_raw_trusted(b, "\">");
		html_text(b, _("修改各列对应的项目"));
		html_raw_trusted(b, "</a> ");
	}
	html_raw_trusted(b, "<a class=\"button\" href=\"");
	html_attr(b, f->base);
	html_raw_trusted(b, "\">");
	html_text(b, done ? _("继续导入") : _("重新上传"));
	html_raw_trusted(b, "</a></p>");
	report_issues(r, b, rep);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return rc == IMPORT_REJECTED ? 422 : 200;
}

/* Checks (dry_run) or imports the upload with the columns of the form. */
static int run(const struct import_flow *f, struct req *r, struct resp *w, int dry_run)
{
	const char *id = req_path_param(r, "upload"), *path, *name;
	struct import_mapping m;
	struct import_flow_result res;
	struct buf err = BUF_INIT;
	int rc, status;

	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &name) < 0)
		return gone(w);
	if (mapping_from_request(f, r, &m) < 0)
		return resp_error(w, 400, "bad_param", N_("请求参数无效"), NULL);
	result_init(&res);
	rc = run_file(f, r, path, name, &m, dry_run, &res, &err);
	if (rc == IMPORT_FILE_BAD) {
		upload_remove(r->app->uploads, id);
		status = upload_page(f, r, w,
				     N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"),
				     import_file_detail(r, &err, path, name));
	} else if (rc < 0) {
		status = internal(f, w, &err);
	} else {
		if (!dry_run && rc == 0)
			upload_remove(r->app->uploads, id); /* done: the file goes at once */
		status = report_page(f, r, w, id, name, &m, &res, rc, !dry_run);
	}
	result_release(&res);
	buf_release(&err);
	return status;
}

int import_flow_check(const struct import_flow *f, struct req *r, struct resp *w)
{
	return run(f, r, w, 1);
}

int import_flow_commit(const struct import_flow *f, struct req *r, struct resp *w)
{
	return run(f, r, w, 0);
}

/* ---- the API: the file as the body, the report as JSON ---- */

/* The kind of a request body: ".csv" or ".xlsx" from its Content-Type, else
 * the name's extension, which *name gets when it lacks it; NULL when
 * neither says. */
static const char *body_kind(struct req *r, const char **name)
{
	const char *ct = r->content_type ? r->content_type : "";
	size_t len = strcspn(ct, "; ");
	const char *ext = NULL;

	if (len == strlen("text/csv") && !strncasecmp(ct, "text/csv", len))
		ext = ".csv";
	else if (len == strlen(XLSX_TYPE) && !strncasecmp(ct, XLSX_TYPE, len))
		ext = ".xlsx";
	if (ext) {
		size_t n = strlen(*name), e = strlen(ext);
		if (n <= e || strcasecmp(*name + n - e, ext))
			*name = arena_printf(&r->arena, "%s%s", *name, ext);
	}
	return ext;
}

static json_t *report_json(const char *name, const struct import_flow_result *res, int dry_run)
{
	const struct import_report *rep = &res->rep;
	json_t *issues = json_array(), *ignored = json_array(), *o;
	size_t i;
	int k;

	for (i = 0; i < rep->nissues; i++) {
		const struct import_issue *is = &rep->issues[i];
		json_array_append_new(issues, json_pack("{s:i,s:s,s:s,s:b}", "line", is->line,
							"column", is->column, "message",
							is->message, "skipped", is->skipped));
	}
	for (i = 0; i < rep->nignored; i++)
		json_array_append_new(ignored, json_string(rep->ignored[i]));
	o = json_pack("{s:s,s:s,s:i,s:b,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:I}", "file", name,
		      "encoding", rep->encoding, "header_line", rep->header_line, "dry_run",
		      dry_run, "rows", (json_int_t)rep->rows, "valid", (json_int_t)rep->valid,
		      "existing", (json_int_t)rep->existing, "rejected",
		      (json_int_t)rep->rejected, "imported", (json_int_t)rep->imported,
		      "ignored_columns", ignored, "issues", issues, "issues_dropped",
		      (json_int_t)rep->issues_dropped);
	if (rep->imported) {
		json_object_set_new(o, "first_id", json_integer(rep->first_id));
		json_object_set_new(o, "last_id", json_integer(rep->last_id));
	}
	for (k = 0; k < res->ncounts; k++)
		json_object_set_new(o, res->counts[k].id, json_integer(res->counts[k].value));
	if (res->json)
		json_object_update(o, res->json);
	return o;
}

int import_flow_api(const struct import_flow *f, struct req *r, struct resp *w)
{
	const char *name = import_file_name(r, req_query(r, "name"), "upload");
	const char *ext, *why = NULL, *path, *shown;
	int dry_run = req_int(r, "dry_run", 0, 0, 1) == 1;
	struct import_mapping m;
	struct import_flow_result res;
	struct buf err = BUF_INIT;
	char id[UPLOAD_ID_SIZE];
	json_t *doc;
	int rc, status;

	if (import_mapping_parse_for(f->cols, req_query(r, "map"), &r->arena, &m, &err) < 0) {
		status = resp_error(w, 400, "bad_param", arena_strdup(&r->arena, err.buf), "map");
		buf_release(&err);
		return status;
	}
	m.header_line = (int)req_int(r, "header", 0, 1, 1000000);
	if (!body_kind(r, &name) && r->content_type &&
	    strncasecmp(r->content_type, "application/octet-stream", 24))
		return resp_error(w, 415, "unsupported_type",
				  N_("请求体应为 .csv（text/csv）或 .xlsx 文件"), NULL);
	ext = import_file_kind(name, r->body.buf, r->body.len, &why);
	if (!ext)
		return resp_error(w, 422, "bad_file", why, NULL);
	if (upload_save(r->app->uploads, r->user.id, name, ext, r->body.buf, r->body.len, id,
			&err) < 0 ||
	    upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &shown) < 0) {
		status = internal(f, w, &err);
		buf_release(&err);
		return status;
	}
	result_init(&res);
	rc = run_file(f, r, path, name, m.nentries || m.header_line ? &m : NULL, dry_run, &res,
		      &err);
	upload_remove(r->app->uploads, id);
	if (rc == IMPORT_FILE_BAD) {
		doc = json_pack("{s:s,s:s,s:s,s:n}", "code", "bad_file", "message",
				_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"), "detail",
				import_file_detail(r, &err, path, name), "field");
		status = resp_json(w, 422, json_pack("{s:o}", "error", doc));
	} else if (rc < 0) {
		status = internal(f, w, &err);
	} else {
		doc = report_json(name, &res, dry_run);
		if (rc == IMPORT_REJECTED)
			json_object_set_new(
				doc, "error",
				json_pack("{s:s,s:s,s:n}", "code", "rejected", "message",
					  res.rep.rejected ? _("有错误的行，没有导入任何数据")
							   : _("表头有错误，没有导入任何数据"),
					  "field"));
		status = resp_json(w, rc == IMPORT_REJECTED ? 422 : res.rep.imported ? 201 : 200, doc);
	}
	result_release(&res);
	buf_release(&err);
	return status;
}
