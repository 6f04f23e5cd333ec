/* page-export.c - GET /persons.xlsx: the persons list, with the list page's filters, as a workbook. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/person.h"
#include "import/division-names.h"
#include "lib/timeutil.h"
#include "report/xlsx-persons.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/persons.h"
#include "web/server.h"

/* Persons read from the store at a time: memory stays flat (about 10 MB
 * a batch) for any size. Each batch pays for its OFFSET, so small batches
 * make large exports slow: 200,000 persons take about 9 s at 20,000. */
#define BATCH 20000

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Writes the workbook to path: every person f selects, in its order.
 * Returns the number written, or -1 with err. */
static int64_t write_list(struct req *r, struct person_filter *f, const char *path,
			  struct buf *err)
{
	struct division_names *places;
	struct xlsx *x;
	int64_t count = 0, total;
	int n, i, rc = 0;

	places = division_names_load(req_db(r), r->user.division_prefix, err);
	if (!places)
		return -1;
	x = xlsx_persons_begin(path, err);
	if (!x) {
		division_names_free(places);
		return -1;
	}
	f->limit = BATCH;
	for (f->offset = 0;; f->offset += BATCH) {
		struct arena a = ARENA_INIT;
		struct person *list;
		rc = store_person_list(req_db(r), f, &a, &list, &n, &total, err);
		for (i = 0; rc == 0 && i < n; i++)
			xlsx_persons_row(x, &list[i], division_names_label(places, list[i].division));
		arena_release(&a);
		if (rc < 0)
			break;
		count += n;
		if (n < BATCH)
			break;
	}
	division_names_free(places);
	if (rc < 0) {
		struct buf ignored = BUF_INIT; /* the store's error is the one to tell */
		xlsx_close(x, &ignored);
		buf_release(&ignored);
		return -1;
	}
	return xlsx_close(x, err) < 0 ? -1 : count;
}

int page_persons_export(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT, what = BUF_INIT;
	struct person_filter f;
	const char *tmp = getenv("TMPDIR");
	char path[512], summary[600];
	int64_t count;
	int fd, today, status = 500;

	if (persons_filter_from_query(r, &f, &what) < 0) {
		buf_release(&what);
		return resp_error(w, 400, "bad_filter", N_("查询条件无效"), NULL);
	}
	snprintf(path, sizeof(path), "%s/jindu-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		buf_setf(&err, "mkstemp %s: %s", path, strerror(errno));
		goto out;
	}
	count = write_list(r, &f, path, &err);
	if (count < 0 || resp_body_from_fd(w, fd, &err) < 0)
		goto out;
	/* Who took which list out of the system, before it leaves. */
	while (what.len && what.buf[what.len - 1] == ' ')
		buf_setlen(&what, what.len - 1);
	snprintf(summary, sizeof(summary), "导出 Excel：条件：%s；%" PRId64 " 人",
		 *what.buf ? what.buf : "全部", count);
	if (audit_log_tx(req_db(r), &r->actor, "export", "person", "", r->actor.prefix, summary,
			 NULL, &err) < 0)
		goto out;
	w->content_type = XLSX_TYPE;
	today = ymd_today();
	resp_attachment(r, w, arena_printf(&r->arena, "persons_%08d.xlsx", today),
			arena_printf(&r->arena, "吸毒人员_%08d.xlsx", today));
	status = 200;
out:
	if (fd >= 0) {
		unlink(path);
		close(fd);
	}
	if (status != 200) {
		fprintf(stderr, "jindu: export: %s\n", err.buf);
		buf_reset(&w->body);
		status = resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	buf_release(&what);
	return status;
}
