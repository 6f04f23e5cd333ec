/* page-import.c - 导入人员 in the browser: upload a spreadsheet, choose its columns, check, import. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/division-names.h"
#include "import/import-persons.h"
#include "report/xlsx-persons.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/import-file.h"
#include "web/layout.h"
#include "web/server.h"
#include "web/upload.h"

/*
 * The steps, each a request that finds the uploaded file by its id:
 *   GET  /persons/import                 the upload form
 *   POST /persons/import                 keeps the file, 303 to its columns
 *   GET  /persons/import/{upload}        the columns: header row, a select each, preview
 *   POST /persons/import/{upload}/check  a dry run with the chosen columns: the report
 *   POST /persons/import/{upload}        the import itself (checked again), the result
 * The chosen columns travel in the forms (header=N, colN=field), so no
 * step keeps state but the file.
 */

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PREVIEW_ROWS 5
#define SHOW_ERRORS 200   /* issues listed on the report; the rest are counted */
#define SHOW_SKIPPED 20   /* rows already on file listed before they are only counted */

static const struct crumb import_crumbs[] = {
	{ N_("人员管控"), "/persons" }, { N_("导入人员"), "/persons/import" }, { NULL, NULL },
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

/* ---- step 1: the upload form ---- */

/* The form, with why the last file was refused (and the reader's detail). */
static int upload_page(struct req *r, struct resp *w, const char *why, const char *detail)
{
	struct buf *b = &w->body;
	struct field_error fe = { "file", why };
	struct form f = { r, b, why ? &fe : NULL, why ? 1 : 0, NULL };

	layout_begin(r, w, _("导入人员"), MOD_PERSON, import_crumbs, 1);
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
	     _("从 Excel（.xlsx）或 CSV 文件（UTF-8 或 GB18030 编码）批量导入原有台账，文件不超过 16 MB。"
	       "上传后确认各列对应的项目，再检查每一行：全部无误才能导入；已有档案的人员自动跳过，"
	       "同一文件重复导入不会产生重复档案。"));
	html_raw_trusted(b, "<p><a class=\"button\" id=\"import-template\" "
			    "href=\"/persons/import/template.xlsx\" download>");
	html_text(b, _("下载导入模板"));
	html_raw_trusted(b, "</a></p>");
	form_begin_upload(&f, "/persons/import", "import-upload");
	form_file(&f, "file", N_("文件"), ".xlsx,.csv", 1, N_("第一行或前几行中应有“身份证号”“姓名”等列名"));
	form_end(&f, N_("上传"), "/persons");
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return why ? 422 : 200;
}

int page_import_form(struct req *r, struct resp *w)
{
	return upload_page(r, w, NULL, NULL);
}

/* Reads the start of an upload for the columns step. Returns 0, or 1 when
 * the file cannot be read (*detail says why, for the user). */
static int read_preview(struct req *r, const char *path, const char *name, int header,
			struct import_preview *pv, const char **detail)
{
	struct buf err = BUF_INIT;
	struct table *t = table_open(path, &err);
	int ret = 1;

	memset(pv, 0, sizeof(*pv));
	if (t && import_preview(t, header, PREVIEW_ROWS, pv, &err) == 0) {
		ret = 0;
	} else {
		import_preview_release(pv);
		*detail = import_file_detail(r, &err, path, name);
	}
	table_close(t);
	buf_release(&err);
	return ret;
}

int page_import_upload(struct req *r, struct resp *w)
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
		int status = internal(w, "import upload", &err);
		buf_release(&err);
		return status;
	}
	buf_release(&err);
	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &shown) < 0)
		return gone(w);
	/* Read the start now: a file that is no spreadsheet is told at once. */
	bad = read_preview(r, path, name, 0, &pv, &detail);
	ncols = pv.ncols;
	import_preview_release(&pv);
	if (bad || !ncols) {
		upload_remove(r->app->uploads, id);
		return upload_page(r, w, bad ? N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件")
					     : N_("文件中没有数据"),
				   detail);
	}
	return resp_redirect(r, w, arena_printf(&r->arena, "/persons/import/%s", id));
}

/* ---- the template ---- */

int page_import_template(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, disp = BUF_INIT;
	struct division_names *dn;
	const char *const *towns = NULL;
	const char *tmp = getenv("TMPDIR");
	char path[512];
	int fd = -1, ntowns, status = 500;

	/* The townships the instructions list: the user's own area. */
	dn = division_names_load(req_db(r), r->user.division_prefix, &err);
	if (!dn)
		goto out;
	ntowns = division_names_townships(dn, &towns);
	snprintf(path, sizeof(path), "%s/jindu-template-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		buf_setf(&err, "mkstemp %s: %s", path, strerror(errno));
		goto out;
	}
	if (xlsx_persons_template(path, towns, ntowns, &err) < 0 ||
	    resp_body_from_fd(w, fd, &err) < 0)
		goto out;
	w->content_type = XLSX_TYPE;
	buf_adds(&disp, "attachment; filename=\"jindu_import_template.xlsx\"; filename*=UTF-8''");
	html_url_value(&disp, "吸毒人员导入模板.xlsx");
	resp_header(w, "Content-Disposition", arena_strdup(&r->arena, disp.buf));
	status = 200;
out:
	if (fd >= 0) {
		unlink(path);
		close(fd);
	}
	division_names_free(dn);
	if (status != 200) {
		buf_reset(&w->body);
		status = internal(w, "import template", &err);
	}
	buf_release(&err);
	buf_release(&disp);
	return status;
}

/* ---- the chosen columns ---- */

static int field_column(const char *field)
{
	int k;
	for (k = 0; k < import_person_ncolumns; k++)
		if (!strcmp(field, import_person_columns[k].field))
			return k;
	return -1;
}

/* The columns a form or a link carries: header=N, and colN=field for the
 * file's column N ("" not imported). Returns 0, or -1 for a field that
 * names no column. */
static int mapping_from_request(struct req *r, struct import_mapping *m)
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
			if (*p->value && (col = field_column(p->value)) < 0)
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
static void mapping_hidden(struct form *f, const struct import_mapping *m)
{
	int e;
	if (m->header_line)
		form_hidden(f, "header", arena_printf(&f->r->arena, "%d", m->header_line));
	for (e = 0; e < m->nentries; e++)
		form_hidden(f, arena_printf(&f->r->arena, "col%d", m->entries[e].cell),
			    m->entries[e].column < 0
				    ? ""
				    : import_person_columns[m->entries[e].column].field);
}

/* The link back to the columns step with the mapping chosen. */
static const char *mapping_link(struct req *r, const char *id, const struct import_mapping *m)
{
	struct buf b = BUF_INIT;
	const char *out;
	int e;
	buf_addf(&b, "/persons/import/%s?header=%d", id, m->header_line);
	for (e = 0; e < m->nentries; e++)
		buf_addf(&b, "&col%d=%s", m->entries[e].cell,
			 m->entries[e].column < 0 ? ""
						  : import_person_columns[m->entries[e].column].field);
	out = arena_strdup(&r->arena, b.buf);
	buf_release(&b);
	return out;
}

const char *import_page_column_label(struct req *r, int i, const char *header)
{
	char letter[4];
	table_column_name(i, letter);
	return *header ? header : arena_printf(&r->arena, _("（%s 列，无列名）"), letter);
}

/* ---- step 2: the columns ---- */

static void column_select(struct buf *b, int i, int chosen)
{
	int k;
	html_rawf_trusted(b, "<select id=\"f-col%d\" name=\"col%d\"><option value=\"\">", i, i);
	html_text(b, _("不导入"));
	html_raw_trusted(b, "</option>");
	for (k = 0; k < import_person_ncolumns; k++) {
		const struct import_column *c = &import_person_columns[k];
		html_raw_trusted(b, "<option value=\"");
		html_attr(b, c->field);
		html_raw_trusted(b, k == chosen ? "\" selected>" : "\">");
		html_text(b, _(c->header));
		if (c->required)
			html_raw_trusted(b, " *");
		html_raw_trusted(b, "</option>");
	}
	html_raw_trusted(b, "</select>");
}

void import_page_preview(struct req *r, struct buf *b, const struct import_preview *pv)
{
	int i, k;
	html_raw_trusted(b, "<h2>");
	html_text(b, _("文件的前几行"));
	html_raw_trusted(b, "</h2><table class=\"grid compact\" id=\"import-preview\"><thead><tr><th class=\"n\">");
	html_text(b, _("行"));
	html_raw_trusted(b, "</th>");
	for (i = 0; i < pv->ncols; i++) {
		html_raw_trusted(b, "<th>");
		html_text(b, import_page_column_label(r, i, pv->headers[i]));
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

static void columns_form(struct req *r, struct buf *b, const char *id,
			 const struct import_preview *pv, const struct import_mapping *m)
{
	struct form f = { r, b, NULL, 0, NULL };
	char letter[4];
	int i;

	form_begin(&f, arena_printf(&r->arena, "/persons/import/%s/check", id), "import-map");
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
	form_end(&f, N_("检查"), "/persons/import");
}

int page_import_columns(struct req *r, struct resp *w)
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
		/* The row asked for is empty: the header as found instead. */
		no_row = header;
		import_preview_release(&pv);
		read_preview(r, path, name, 0, &pv, &detail);
	}
	memcpy(crumbs, import_crumbs, sizeof(crumbs));
	crumbs[2].label = name;
	layout_begin(r, w, _("选择各列对应的项目"), MOD_PERSON, crumbs, 3);
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
	html_attr(b, arena_printf(&r->arena, "/persons/import/%s", id));
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
	columns_form(r, b, id, &pv, &m);
	import_page_preview(r, b, &pv);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	import_preview_release(&pv);
	return 200;
}

/* ---- steps 3 and 4: the report, the import ---- */

static void report_counts(struct req *r, struct buf *b, const struct import_report *rep,
			  int committed)
{
	static const char *const labels[] = { N_("数据行"), N_("可导入"), N_("已有档案（跳过）"),
					      N_("有错误"), N_("已导入") };
	const int64_t values[] = { rep->rows, rep->valid, rep->existing, rep->rejected,
				   rep->imported };
	static const char *const ids[] = { "rows", "valid", "existing", "rejected", "imported" };
	size_t i, n = committed ? 5 : 4;

	html_raw_trusted(b, "<dl class=\"kvs\" id=\"import-counts\">");
	for (i = 0; i < n; i++) {
		html_raw_trusted(b, "<div class=\"kv\"><dt>");
		html_text(b, _(labels[i]));
		html_rawf_trusted(b, "</dt><dd id=\"count-%s\">", ids[i]);
		html_count(b, values[i]);
		html_raw_trusted(b, "</dd></div>");
	}
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
void import_page_issues(struct req *r, struct buf *b, const struct import_report *rep)
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

static int report_page(struct req *r, struct resp *w, const char *id, const char *name,
		       const struct import_mapping *m, const struct import_report *rep, int rc,
		       int committed)
{
	struct buf *b = &w->body;
	struct crumb crumbs[3];
	int done = committed && rc == 0;

	memcpy(crumbs, import_crumbs, sizeof(crumbs));
	crumbs[2].label = name;
	layout_begin(r, w, done ? _("导入完成") : _("检查结果"), MOD_PERSON, crumbs, 3);
	if (done)
		notice(b, 0, rep->existing
				     ? arena_printf(&r->arena, _("已导入 %" PRId64 " 人；%" PRId64 " 人已有档案，已跳过"),
						    rep->imported, rep->existing)
				     : arena_printf(&r->arena, _("已导入 %" PRId64 " 人"), rep->imported));
	else if (rc == IMPORT_REJECTED && rep->rejected)
		notice(b, 1, arena_printf(&r->arena, _("%" PRId64 " 行有错误，不能导入：请在文件中改正后重新上传"),
					  rep->rejected));
	else if (rc == IMPORT_REJECTED)
		notice(b, 1, _("表头有错误，不能导入：请修改各列对应的项目"));
	else if (rep->valid)
		notice(b, 0, arena_printf(&r->arena, _("检查通过：可导入 %" PRId64 " 人"), rep->valid));
	else
		notice(b, 0, _("文件中没有需要导入的新人员"));
	html_raw_trusted(b, "<section class=\"panel\">");
	para(b, "", rep->header_line
			    ? arena_printf(&r->arena, _("文件：%s（%s），表头在第 %d 行"), name,
					   rep->encoding, rep->header_line)
			    : arena_printf(&r->arena, _("文件：%s（%s）"), name, rep->encoding));
	report_counts(r, b, rep, committed);
	if (!committed && rc == 0 && rep->valid) {
		struct form f = { r, b, NULL, 0, NULL };
		form_begin(&f, arena_printf(&r->arena, "/persons/import/%s", id), "import-commit");
		mapping_hidden(&f, m);
		form_end(&f, N_("导入"), NULL);
	}
	html_raw_trusted(b, "<p class=\"actions\">");
	if (done) {
		html_raw_trusted(b, "<a class=\"button primary\" href=\"/persons\">");
		html_text(b, _("查看人员列表"));
		html_raw_trusted(b, "</a> ");
	} else {
		html_raw_trusted(b, "<a class=\"button\" id=\"import-remap\" href=\"");
		html_attr(b, mapping_link(r, id, m));
		html_raw_trusted(b, "\">");
		html_text(b, _("修改各列对应的项目"));
		html_raw_trusted(b, "</a> ");
	}
	html_raw_trusted(b, "<a class=\"button\" href=\"/persons/import\">");
	html_text(b, done ? _("继续导入") : _("重新上传"));
	html_raw_trusted(b, "</a></p>");
	import_page_issues(r, b, rep);
	html_raw_trusted(b, "</section>");
	layout_end(r, w);
	return rc == IMPORT_REJECTED ? 422 : 200;
}

/* Checks (dry_run) or imports the upload with the columns of the form. */
static int run(struct req *r, struct resp *w, int dry_run)
{
	const char *id = req_path_param(r, "upload"), *path, *name;
	struct import_mapping m;
	struct import_report rep;
	struct buf err = BUF_INIT;
	int rc, status;

	if (upload_find(r->app->uploads, id, r->user.id, &r->arena, &path, &name) < 0)
		return gone(w);
	if (mapping_from_request(r, &m) < 0)
		return resp_error(w, 400, "bad_param", N_("请求参数无效"), NULL);
	import_report_init(&rep);
	rc = import_file_run(r, path, name, &m, dry_run, &rep, &err);
	if (rc == IMPORT_FILE_BAD) {
		upload_remove(r->app->uploads, id);
		status = upload_page(r, w, N_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"),
				     import_file_detail(r, &err, path, name));
	} else if (rc < 0) {
		status = internal(w, "import", &err);
	} else {
		if (!dry_run && rc == 0)
			upload_remove(r->app->uploads, id); /* done: the file goes at once */
		status = report_page(r, w, id, name, &m, &rep, rc, !dry_run);
	}
	import_report_release(&rep);
	buf_release(&err);
	return status;
}

int page_import_check(struct req *r, struct resp *w)
{
	return run(r, w, 1);
}

int page_import_commit(struct req *r, struct resp *w)
{
	return run(r, w, 0);
}
