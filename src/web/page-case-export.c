/* page-case-export.c - GET /cases.xlsx (and /api/v1/cases.xlsx): the case list, with the list's filters, as a workbook. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/control.h"
#include "import/division-names.h"
#include "lib/timeutil.h"
#include "report/xlsx-cases.h"
#include "web/cases.h"
#include "web/handlers.h"
#include "web/server.h"

/* Cases read from the store at a time, each then with everything recorded
 * on it: memory stays flat for any number of cases. */
#define BATCH 500

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct export {
	int64_t cases, suspects;
};

/* Writes the workbook to path: every case f selects, newest first. 0, or
 * -1 with err. */
static int write_list(struct req *r, const struct policy *pol, struct case_filter *f,
		      const char *path, struct export *out, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct division_names *places;
	struct xlsx_cases *xc = NULL;
	const char **drugs;
	int64_t total;
	int ndrugs, n, i, rc = -1;

	memset(out, 0, sizeof(*out));
	places = division_names_load(req_db(r), r->user.division_prefix, err);
	if (!places || store_case_drugs(req_db(r), f, &a, &drugs, &ndrugs, err) < 0)
		goto out;
	xc = xlsx_cases_begin(path, pol, drugs, ndrugs, cases_persons_clear(r), err);
	if (!xc)
		goto out;
	f->limit = BATCH;
	for (f->offset = 0;; f->offset += BATCH) {
		struct arena batch = ARENA_INIT;
		struct drug_case *list;
		rc = store_case_list(req_db(r), f, &batch, &list, &n, &total, err);
		for (i = 0; rc == 0 && i < n; i++) {
			struct case_file cf;
			rc = case_file_load(req_db(r), list[i].id, &batch, &cf, err);
			if (rc != 0)
				break;
			xlsx_cases_row(xc, &cf, division_names_label(places, cf.c.division));
			out->suspects += cf.nsuspects;
		}
		arena_release(&batch);
		if (rc != 0)
			break;
		out->cases += n;
		if (n < BATCH)
			break;
	}
	if (rc != 0) {
		struct buf ignored = BUF_INIT; /* the store's error is the one to tell */
		xlsx_cases_close(xc, &ignored);
		buf_release(&ignored);
		rc = -1;
		goto out;
	}
	rc = xlsx_cases_close(xc, err);
out:
	division_names_free(places);
	arena_release(&a);
	return rc;
}

int page_cases_export(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, what = BUF_INIT;
	struct case_filter f;
	struct policy pol;
	struct export done;
	const char *tmp = getenv("TMPDIR");
	char path[512], summary[600];
	int fd = -1, today, status = 500;

	if (control_policy(req_db(r), &pol, &err) < 0)
		goto out;
	if (cases_filter_from_query(r, &pol, &f, &what) < 0) {
		buf_release(&what);
		buf_release(&err);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	snprintf(path, sizeof(path), "%s/jindu-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		buf_setf(&err, "mkstemp %s: %s", path, strerror(errno));
		goto out;
	}
	if (write_list(r, &pol, &f, path, &done, &err) < 0 || resp_body_from_fd(w, fd, &err) < 0)
		goto out;
	/* Who took which list out of the system, before it leaves. */
	while (what.len && what.buf[what.len - 1] == ' ')
		buf_setlen(&what, what.len - 1);
	snprintf(summary, sizeof(summary),
		 "导出 Excel：条件：%s；%" PRId64 " 起案件，犯罪嫌疑人 %" PRId64 " 名（%s）",
		 *what.buf ? what.buf : "全部", done.cases, done.suspects,
		 cases_persons_clear(r) ? "身份证号脱敏" : "姓名脱敏，不含身份证号");
	if (audit_log_tx(req_db(r), &r->actor, "export", "case", "", r->actor.prefix, summary,
			 NULL, &err) < 0)
		goto out;
	w->content_type = XLSX_TYPE;
	today = ymd_today();
	resp_attachment(r, w, arena_printf(&r->arena, "cases_%08d.xlsx", today),
			arena_printf(&r->arena, "毒品案件_%08d.xlsx", today));
	status = 200;
out:
	if (fd >= 0) {
		unlink(path);
		close(fd);
	}
	if (status != 200) {
		fprintf(stderr, "jindu: case export: %s\n", err.buf);
		buf_reset(&w->body);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	buf_release(&what);
	return status;
}
