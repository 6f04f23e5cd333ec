/* page-import.c - 导入人员: the persons import (upload, columns, check, import; the API) and its template. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/division-names.h"
#include "import/import-persons.h"
#include "report/xlsx-persons.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/import-flow.h"
#include "web/server.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int internal(struct resp *w, const char *where, const struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

/* ---- the steps (import-flow.c) ---- */

static const struct crumb import_crumbs[] = {
	{ N_("人员管控"), "/persons" }, { N_("导入人员"), "/persons/import" }, { NULL, NULL },
};

static int run(struct req *r, struct table *t, const char *name, const struct import_mapping *m,
	       int dry_run, struct import_flow_result *res, struct buf *err)
{
	return import_persons_mapped(req_db(r), &r->actor, t, name, m, dry_run, &res->rep, err);
}

static const char *done_text(struct req *r, const struct import_flow_result *res)
{
	const struct import_report *rep = &res->rep;
	return rep->existing
		       ? arena_printf(&r->arena, _("已导入 %" PRId64 " 人；%" PRId64 " 人已有档案，已跳过"),
				      rep->imported, rep->existing)
		       : arena_printf(&r->arena, _("已导入 %" PRId64 " 人"), rep->imported);
}

static const char *valid_text(struct req *r, const struct import_flow_result *res)
{
	return arena_printf(&r->arena, _("检查通过：可导入 %" PRId64 " 人"), res->rep.valid);
}

static const struct import_flow persons_flow = {
	.base = "/persons/import",
	.api = "/api/v1/persons/import",
	.module = MOD_PERSON,
	.crumbs = import_crumbs,
	.title = N_("导入人员"),
	.intro = N_("从 Excel（.xlsx）或 CSV 文件（UTF-8 或 GB18030 编码）批量导入原有台账，文件不超过 16 MB。"
		    "上传后确认各列对应的项目，再检查每一行：全部无误才能导入；已有档案的人员自动跳过，"
		    "同一文件重复导入不会产生重复档案。"),
	.template_url = "/persons/import/template.xlsx",
	.file_hint = N_("第一行或前几行中应有“身份证号”“姓名”等列名"),
	.cols = &import_person_set,
	.valid_label = N_("可导入"),
	.existing_label = N_("已有档案（跳过）"),
	.none_text = N_("文件中没有需要导入的新人员"),
	.done_url = "/persons",
	.done_label = N_("查看人员列表"),
	.run = run,
	.done_text = done_text,
	.valid_text = valid_text,
};

int page_import_form(struct req *r, struct resp *w)
{
	return import_flow_form(&persons_flow, r, w);
}

int page_import_upload(struct req *r, struct resp *w)
{
	return import_flow_upload(&persons_flow, r, w);
}

int page_import_columns(struct req *r, struct resp *w)
{
	return import_flow_columns(&persons_flow, r, w);
}

int page_import_check(struct req *r, struct resp *w)
{
	return import_flow_check(&persons_flow, r, w);
}

int page_import_commit(struct req *r, struct resp *w)
{
	return import_flow_commit(&persons_flow, r, w);
}

int api_persons_import(struct req *r, struct resp *w)
{
	return import_flow_api(&persons_flow, r, w);
}

/* ---- the template ---- */

int page_import_template(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
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
	resp_attachment(r, w, "jindu_import_template.xlsx", "吸毒人员导入模板.xlsx");
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
	return status;
}
