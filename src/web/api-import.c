/* api-import.c - POST /api/v1/persons/import: a spreadsheet as the body, the report as JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "import/import-persons.h"
#include "web/handlers.h"
#include "web/import-file.h"
#include "web/server.h"
#include "web/upload.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

const char *import_body_kind(struct req *r, const char **name)
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

json_t *import_report_json(const char *name, const struct import_report *rep, int dry_run)
{
	json_t *issues = json_array(), *ignored = json_array(), *o;
	size_t i;

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
	return o;
}

int api_persons_import(struct req *r, struct resp *w)
{
	const char *name = import_file_name(r, req_query(r, "name"), "upload");
	const char *ext, *why = NULL, *path, *shown;
	int dry_run = req_int(r, "dry_run", 0, 0, 1) == 1;
	struct import_mapping m;
	struct import_report rep;
	struct buf err = BUF_INIT;
	char id[UPLOAD_ID_SIZE];
	json_t *doc;
	int rc, status;

	if (import_mapping_parse(req_query(r, "map"), &r->arena, &m, &err) < 0) {
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
		fprintf(stderr, "jindu: import: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	import_report_init(&rep);
	rc = import_file_run(r, path, name, m.nentries || m.header_line ? &m : NULL, dry_run, &rep,
			     &err);
	upload_remove(r->app->uploads, id);
	if (rc == IMPORT_FILE_BAD) {
		doc = json_pack("{s:s,s:s,s:s}", "code", "bad_file", "message",
				_("无法读取该文件：请确认它是 Excel 保存的 .xlsx 或 .csv 文件"), "detail",
				import_file_detail(r, &err, path, name));
		json_object_set_new(doc, "field", json_null());
		status = resp_json(w, 422, json_pack("{s:o}", "error", doc));
	} else if (rc < 0) {
		fprintf(stderr, "jindu: import: %s\n", err.buf);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	} else {
		doc = import_report_json(name, &rep, dry_run);
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
