/* page-case-import.c - 导入案件: a case ledger from a spreadsheet (upload, columns, check, import; the API) and its template. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/control.h"
#include "import/division-names.h"
#include "import/import-cases.h"
#include "report/xlsx-cases.h"
#include "web/handlers.h"
#include "web/import-flow.h"
#include "web/server.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The steps are import-flow.c's; a case without a division goes to the
 * user's own. */

static const struct crumb import_crumbs[] = {
	{ N_("毒品案件"), "/cases" }, { N_("导入案件"), "/cases/import" }, { NULL, NULL },
};

static int run(struct req *r, struct table *t, const char *name, const struct import_mapping *m,
	       int dry_run, struct import_flow_result *res, struct buf *err)
{
	struct import_cases_counts c;
	int rc = import_cases(req_db(r), &r->actor, r->user.division, t, name, m, dry_run, &res->rep,
			      &c, err);
	res->counts[0] = (struct import_flow_count){ "suspects", N_("犯罪嫌疑人"), c.suspects };
	res->counts[1] = (struct import_flow_count){ "new_files", N_("其中新建人员档案"), c.new_files };
	res->counts[2] = (struct import_flow_count){ "registered", N_("其中已登记吸毒人员"),
						     c.registered };
	res->counts[3] = (struct import_flow_count){ "seizures", N_("缴获毒品（宗）"), c.seizures };
	res->ncounts = 4;
	res->json = json_pack("{s:I}", "links", (json_int_t)c.links);
	return rc;
}

static const char *done_text(struct req *r, const struct import_flow_result *res)
{
	const struct import_report *rep = &res->rep;
	return rep->existing
		       ? arena_printf(&r->arena, _("已导入 %" PRId64 " 起案件（犯罪嫌疑人 %" PRId64
						   " 名）；%" PRId64 " 起已登记，已跳过"),
				      rep->imported, res->counts[0].value, rep->existing)
		       : arena_printf(&r->arena, _("已导入 %" PRId64 " 起案件（犯罪嫌疑人 %" PRId64 " 名）"),
				      rep->imported, res->counts[0].value);
}

static const char *valid_text(struct req *r, const struct import_flow_result *res)
{
	return arena_printf(&r->arena, _("检查通过：可导入 %" PRId64 " 起案件"), res->rep.valid);
}

static const struct import_flow cases_flow = {
	.base = "/cases/import",
	.api = "/api/v1/cases/import",
	.module = MOD_CASE,
	.crumbs = import_crumbs,
	.title = N_("导入案件"),
	.intro = N_("从 Excel（.xlsx）或 CSV 文件批量导入案件台账：每起案件及其缴获毒品、犯罪嫌疑人。"
		    "一起案件占一行或连续的几行（后面几行的案件各列可以不填）。上传后确认各列对应的项目，"
		    "再检查每一行：全部无误才能导入；已登记的案件编号自动跳过，不会重复导入。"),
	.hint = N_("每一行都按录入页面的规则检查：办理环节的日期先后、毒品目录、重量、身份证号等。"
		   "已有档案的犯罪嫌疑人（含已登记吸毒人员）自动关联，没有档案的新建档案；"
		   "同一案件的犯罪嫌疑人自动登记为同案关系。"),
	.template_url = "/cases/import/template.xlsx",
	.file_hint = N_("第一行或前几行中应有“案件编号”“案件名称”“受理日期”等列名"),
	.cols = &import_case_set,
	.valid_label = N_("可导入的案件"),
	.existing_label = N_("已登记（跳过）"),
	.none_text = N_("文件中没有需要导入的新案件"),
	.done_url = "/cases",
	.done_label = N_("查看案件列表"),
	.run = run,
	.done_text = done_text,
	.valid_text = valid_text,
};

int page_case_import_form(struct req *r, struct resp *w)
{
	return import_flow_form(&cases_flow, r, w);
}

int page_case_import_upload(struct req *r, struct resp *w)
{
	return import_flow_upload(&cases_flow, r, w);
}

int page_case_import_columns(struct req *r, struct resp *w)
{
	return import_flow_columns(&cases_flow, r, w);
}

int page_case_import_check(struct req *r, struct resp *w)
{
	return import_flow_check(&cases_flow, r, w);
}

int page_case_import_commit(struct req *r, struct resp *w)
{
	return import_flow_commit(&cases_flow, r, w);
}

int api_cases_import(struct req *r, struct resp *w)
{
	return import_flow_api(&cases_flow, r, w);
}

/* ---- the template ---- */

int page_case_import_template(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct division_names *dn = NULL;
	struct policy pol;
	const char *const *towns = NULL;
	const char *tmp = getenv("TMPDIR");
	char path[512];
	int fd = -1, ntowns, status = 500;

	/* the office's catalogue and case types; the townships of the user's area */
	if (control_policy(req_db(r), &pol, &err) < 0)
		goto out;
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
	if (xlsx_cases_template(path, &pol, towns, ntowns, &err) < 0 ||
	    resp_body_from_fd(w, fd, &err) < 0)
		goto out;
	w->content_type = XLSX_TYPE;
	resp_attachment(r, w, "jindu_case_import_template.xlsx", "毒品案件导入模板.xlsx");
	status = 200;
out:
	if (fd >= 0) {
		unlink(path);
		close(fd);
	}
	division_names_free(dn);
	if (status != 200) {
		fprintf(stderr, "jindu: case import template: %s\n", err.buf);
		buf_reset(&w->body);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	return status;
}
