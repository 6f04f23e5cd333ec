/* import-links.c - links of a network from a spreadsheet: headers, each row by the rules of network_link_add, one transaction. */
#include "import/import-links.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/network.h"
#include "import/import-common.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* Headers are marked for translation only for the column choices of the
 * import page: a file is always read by the Chinese names. */
const struct import_link_header import_link_columns[IL_NCOLUMNS] = {
	[IL_FROM_KIND] = { N_("起点类别"), "起点类型|甲方类别|类别1|实体1类别", "from_kind", 0 },
	[IL_FROM] = { N_("起点"),
		      "起点号码|起点号码或内容|甲方|实体1|号码1|主叫号码|主叫|付款账号|付款方账号|"
		      "寄件人电话",
		      "from_value", 1 },
	[IL_FROM_NAME] = { N_("起点姓名"), "甲方姓名|姓名1|付款人|付款人姓名|寄件人|寄件人姓名",
			   "from_name", 0 },
	[IL_KIND] = { N_("关系类别"), "关系|关系类型|关系种类", "kind", 1 },
	[IL_TO_KIND] = { N_("终点类别"), "终点类型|乙方类别|类别2|实体2类别", "to_kind", 0 },
	[IL_TO] = { N_("终点"),
		    "终点号码|终点号码或内容|乙方|实体2|号码2|被叫号码|被叫|收款账号|收款方账号|"
		    "收件人电话",
		    "to_value", 1 },
	[IL_TO_NAME] = { N_("终点姓名"), "乙方姓名|姓名2|收款人|收款人姓名|收件人|收件人姓名",
			 "to_name", 0 },
	[IL_DATE] = { N_("日期"),
		      "发生日期|开始日期|起始日期|时间|通话时间|通话日期|交易时间|交易日期|寄递日期",
		      "date", 0 },
	[IL_DATE_TO] = { N_("结束日期"), "截止日期|终止日期", "date_to", 0 },
	[IL_CASE_NO] = { N_("案件编号"), "案号|案件号|所属案件", "case_no", 0 },
	[IL_NOTE] = { N_("备注"), "说明", "note", 0 },
};

static int link_count(void)
{
	return IL_NCOLUMNS;
}

static int link_of_header(const char *header)
{
	int i;
	for (i = 0; i < IL_NCOLUMNS; i++)
		if (import_header_is(header, import_link_columns[i].header,
				     import_link_columns[i].synonyms))
			return i;
	return -1;
}

static int link_of_name(const char *name)
{
	int i;
	for (i = 0; i < IL_NCOLUMNS; i++)
		if (!strcmp(name, import_link_columns[i].field))
			return i;
	return link_of_header(name);
}

static void link_describe(int i, struct import_column_desc *out)
{
	out->header = import_link_columns[i].header;
	out->synonyms = import_link_columns[i].synonyms;
	out->field = import_link_columns[i].field;
	out->required = import_link_columns[i].required;
}

const struct import_columns import_link_set = { link_count, link_of_header, link_of_name,
						link_describe };

/* ---- one import ---- */

struct importer {
	struct db *db;
	const struct actor *who;
	const char *division;
	struct import_report *rep;
	struct import_links_counts *counts;
	const struct import_mapping *map;  /* or NULL */
	struct import_header h;
	int today;
	struct net_batch batch;
	struct import_seen rows, entities;
	int writing;                       /* in the transaction, nothing rejected so far */
};

/* One row's errors by column (IL_NCOLUMNS: the row as a whole). */
struct row_errors {
	struct {
		int col;
		const char *message;
	} e[16];
	int n;
};

static void row_error(struct row_errors *re, int col, const char *message)
{
	if (re->n < (int)(sizeof(re->e) / sizeof(re->e[0]))) {
		re->e[re->n].col = col;
		re->e[re->n].message = message;
		re->n++;
	}
}

static int has_error(const struct row_errors *re, int col)
{
	int i;
	for (i = 0; i < re->n; i++)
		if (re->e[i].col == col)
			return 1;
	return 0;
}

static const char *cell(const struct importer *im, const struct table_row *row, int col,
			struct arena *a)
{
	return import_cell(&im->h, row, col, a);
}

static int position(const struct importer *im, int col)
{
	return import_position(&im->h, col);
}

/* Reports the row's errors from left to right in the file. */
static void report_errors(struct importer *im, int line, const struct row_errors *re)
{
	int done[16] = { 0 }, i, k, best;

	for (k = 0; k < re->n; k++) {
		best = -1;
		for (i = 0; i < re->n; i++)
			if (!done[i] && (best < 0 || position(im, re->e[i].col) <
							     position(im, re->e[best].col)))
				best = i;
		done[best] = 1;
		import_report_add(im->rep, line,
				  position(im, re->e[best].col) < TABLE_MAX_COLS
					  ? im->h.header_of[re->e[best].col] : "",
				  re->e[best].message, 0);
	}
}

/* The column a field error of the domain belongs to, and the message to
 * show (naming the end when its column is not in the file). */
static void field_error(struct importer *im, const struct field_error *fe, struct arena *a,
			struct row_errors *re)
{
	static const struct {
		const char *field;
		int col, fallback;
	} fields[] = {
		{ "kind", IL_KIND, IL_KIND },           { "date_from", IL_DATE, IL_DATE },
		{ "date_to", IL_DATE_TO, IL_DATE },     { "case_no", IL_CASE_NO, IL_CASE_NO },
		{ "note", IL_NOTE, IL_NOTE },           { "from_kind", IL_FROM_KIND, IL_FROM },
		{ "from_value", IL_FROM, IL_FROM },     { "from_name", IL_FROM_NAME, -1 },
		{ "to_kind", IL_TO_KIND, IL_TO },       { "to_value", IL_TO, IL_TO },
		{ "to_name", IL_TO_NAME, -1 },
	};
	const char *msg = _(fe->message);
	size_t i;
	int col = IL_NCOLUMNS;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strcmp(fe->field, fields[i].field))
			continue;
		col = im->h.cell_of[fields[i].col] >= 0 ? fields[i].col : fields[i].fallback;
		if (col < 0) {
			col = IL_NCOLUMNS;
			msg = arena_printf(a, "%s%s",
					   !strncmp(fe->field, "from_", 5) ? _("起点：") : _("终点："),
					   msg);
		}
		break;
	}
	if (!has_error(re, col))
		row_error(re, col, msg);
}

/* A date cell as "YYYY-MM-DD" (a time after it dropped), "" when empty;
 * NULL when it is not a date. */
static const char *one_date(struct arena *a, const char *s)
{
	char out[11], *t = arena_strdup(a, s), *cut;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' '))
		t[--n] = '\0';
	if (!*t)
		return "";
	if (import_parse_date(t, out) == 0)
		return arena_strdup(a, out);
	/* "2024-03-01 21:15:00", "2024-03-01T21:15" */
	cut = strpbrk(t, " T");
	if (cut) {
		*cut = '\0';
		if (import_parse_date(t, out) == 0)
			return arena_strdup(a, out);
	}
	return NULL;
}

/* The date cell, maybe a range ("2024-03-01至2024-03-31"), and the end
 * date's cell, into from and to ("" when empty); errors in re. */
static void read_dates(struct importer *im, const struct table_row *row, struct arena *a,
		       const char **from, const char **to, struct row_errors *re)
{
	static const char *const seps[] = { "至", "～", "~", "—", " - ", NULL };
	const char *s = cell(im, row, IL_DATE, a), *t = cell(im, row, IL_DATE_TO, a), *cut = NULL;
	const char *f, *u;
	size_t i, k = 0;

	*from = *to = "";
	for (i = 0; seps[i] && !cut; i++)
		if ((cut = strstr(s, seps[i])))
			k = strlen(seps[i]);
	if (cut) {
		f = one_date(a, import_trim(a, arena_strndup(a, s, (size_t)(cut - s))));
		u = one_date(a, import_trim(a, cut + k));
		if (!f || !u || !*f || !*u) {
			row_error(re, IL_DATE, arena_printf(a, _("无法识别的日期“%s”，请写成 2024-03-01"), s));
			return;
		}
	} else {
		f = one_date(a, s);
		u = one_date(a, t);
		if (!f)
			row_error(re, IL_DATE, arena_printf(a, _("无法识别的日期“%s”，请写成 2024-03-01"), s));
		if (!u)
			row_error(re, IL_DATE_TO, arena_printf(a, _("无法识别的日期“%s”，请写成 2024-03-01"), t));
		if (!f || !u)
			return;
	}
	*from = f;
	*to = u;
}

/* One end's kind, written or guessed from its value: its key, or NULL
 * with an error in re. */
static const char *end_kind(struct importer *im, const struct table_row *row, int kind_col,
			    int value_col, struct arena *a, struct row_errors *re)
{
	const char *k = cell(im, row, kind_col, a), *v = cell(im, row, value_col, a);
	int kind;

	if (!*v) {
		row_error(re, value_col,
			  arena_printf(a, _("请填写%s"), _(import_link_columns[value_col].header)));
		return NULL;
	}
	if (*k) {
		kind = net_kind_of(k);
		if (kind < 0)
			row_error(re, kind_col,
				  arena_printf(a, _("无法识别的类别“%s”，可写：人员、电话、车辆、地址、银行卡、网络账号"),
					       k));
		return kind < 0 ? NULL : net_entity_kinds[kind].key;
	}
	kind = net_kind_guess(v);
	if (kind >= 0)
		return net_entity_kinds[kind].key;
	row_error(re, im->h.cell_of[kind_col] >= 0 ? kind_col : value_col,
		  im->h.cell_of[kind_col] >= 0
			  ? _("请填写类别：人员、电话、车辆、地址、银行卡或网络账号")
			  : arena_printf(a, _("无法判断“%s”是什么：请在表中加一列“%s”"), v,
					 _(import_link_columns[kind_col].header)));
	return NULL;
}

/* Reads the row into in; what cannot be read is an error in re. */
static void read_row(struct importer *im, const struct table_row *row, struct arena *a,
		     struct net_link_input *in, struct row_errors *re)
{
	const char *kind = cell(im, row, IL_KIND, a);

	memset(in, 0, sizeof(*in));
	in->from.kind = end_kind(im, row, IL_FROM_KIND, IL_FROM, a, re);
	in->from.value = cell(im, row, IL_FROM, a);
	in->from.name = cell(im, row, IL_FROM_NAME, a);
	in->to.kind = end_kind(im, row, IL_TO_KIND, IL_TO, a, re);
	in->to.value = cell(im, row, IL_TO, a);
	in->to.name = cell(im, row, IL_TO_NAME, a);
	in->kind = net_link_kind_of(kind);
	if (!in->kind)
		row_error(re, IL_KIND,
			  *kind ? arena_printf(a, _("无法识别的关系类别“%s”，可写：通话、转账、同住、同车、寄递、同案、共同出现、持有使用、居住"),
					       kind)
				: _("请填写关系类别"));
	read_dates(im, row, a, &in->date_from, &in->date_to, re);
	in->case_no = cell(im, row, IL_CASE_NO, a);
	in->note = cell(im, row, IL_NOTE, a);
	in->division = im->division;
}

static const char *end_key(struct arena *a, const struct net_entity *e)
{
	return arena_printf(a, "%s:%s", e->kind, e->norm);
}

/* Writes the row's new ends and its link. 0 or -1. */
static int write_row(struct importer *im, struct net_entity *from, struct net_entity *to,
		     struct net_link *l, struct buf *err)
{
	if (network_end_add(im->db, im->who, from, im->division, 0, err) < 0 ||
	    network_end_add(im->db, im->who, to, im->division, 0, err) < 0)
		return -1;
	l->from_id = from->id;
	l->to_id = to->id;
	l->source = "import";
	l->batch_id = im->batch.id;
	l->division = im->division;
	l->created_by = im->who->user_id;
	if (store_net_link_add(im->db, l, err) < 0)
		return -1;
	if (!im->rep->first_id)
		im->rep->first_id = l->id;
	im->rep->last_id = l->id;
	im->rep->imported++;
	return 0;
}

/* The ends and the link of a row that could be read: on record already
 * (skipped: 1), new (0), or wrong (errors in re: 0). -1 with err. */
static int check_row(struct importer *im, int line, const struct net_link_input *in,
		     struct arena *a, struct net_entity *from, struct net_entity *to,
		     struct net_link *l, struct row_errors *re, struct buf *err)
{
	struct field_error errs[NET_MAX_ERRORS];
	int nerr = 0, i, first, rc;
	int64_t same;
	const char *key;

	network_link_fields(in, im->today, a, l, errs, &nerr);
	if (network_link_case(im->db, im->who, l, a, errs, &nerr, err) < 0)
		return -1;
	memset(from, 0, sizeof(*from));
	memset(to, 0, sizeof(*to));
	if ((in->from.kind &&
	     network_end_find(im->db, im->who, &in->from, "from_", a, from, errs, &nerr, err) < 0) ||
	    (in->to.kind &&
	     network_end_find(im->db, im->who, &in->to, "to_", a, to, errs, &nerr, err) < 0))
		return -1;
	if (!nerr && in->from.kind && in->to.kind)
		network_link_ends_check(l, from, to, a, errs, &nerr);
	for (i = 0; i < nerr && i < NET_MAX_ERRORS; i++)
		field_error(im, &errs[i], a, re);
	if (re->n)
		return 0;
	key = arena_printf(a, "%s|%s|%s|%d|%d|%s", l->kind, end_key(a, from), end_key(a, to),
			   l->date_from, l->date_to, l->case_no);
	first = import_seen_add(&im->rows, key, line);
	if (first) {
		import_report_add(im->rep, line, "",
				  arena_printf(a, _("与第 %d 行是同一关系，跳过"), first), 1);
		return 1;
	}
	if (from->id && to->id) {
		l->from_id = from->id;
		l->to_id = to->id;
		rc = store_net_link_same(im->db, l, &same, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			import_report_add(im->rep, line, "",
					  arena_printf(a, _("该关系已登记（关系 %" PRId64 "），跳过"),
						       same),
					  1);
			return 1;
		}
	}
	return 0;
}

/* Checks one row and, when writing, stores it. Returns 0 or -1 (err). */
static int import_row(struct importer *im, const struct table_row *row, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct net_link_input in;
	struct net_entity from, to;
	struct net_link l;
	struct row_errors re;
	int rc, ret = -1;

	re.n = 0;
	im->rep->rows++;
	read_row(im, row, &a, &in, &re);
	rc = check_row(im, row->line, &in, &a, &from, &to, &l, &re, err);
	if (rc < 0)
		goto out;
	if (rc == 1) {
		im->rep->existing++;
		ret = 0;
		goto out;
	}
	if (re.n) {
		report_errors(im, row->line, &re);
		im->rep->rejected++;
		im->writing = 0;
		ret = 0;
		goto out;
	}
	im->rep->valid++;
	if (!from.id && !import_seen_add(&im->entities, end_key(&a, &from), row->line))
		im->counts->entities++;
	if (!to.id && !import_seen_add(&im->entities, end_key(&a, &to), row->line))
		im->counts->entities++;
	if (im->writing && write_row(im, &from, &to, &l, err) < 0)
		goto out;
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

static int finish(struct importer *im, const char *file_name, struct buf *err)
{
	const char *base = strrchr(file_name, '/');
	char summary[600], id[24];

	base = base ? base + 1 : file_name;
	im->batch.rows = im->rep->rows;
	im->batch.links = im->rep->imported;
	im->batch.entities = im->counts->entities;
	snprintf(summary, sizeof(summary),
		 "导入关系 %s：读取 %" PRId64 " 行，新增关系 %" PRId64 " 条，新增实体 %" PRId64
		 " 个，已登记跳过 %" PRId64 " 条",
		 base, im->rep->rows, im->rep->imported, im->counts->entities, im->rep->existing);
	snprintf(id, sizeof(id), "%" PRId64, im->batch.id);
	if (store_net_batch_counts(im->db, &im->batch, err) < 0 ||
	    audit_log(im->db, im->who, "import", "net_link", id, im->division, summary, NULL,
		      err) < 0)
		return -1;
	im->counts->batch_id = im->batch.id;
	return db_commit(im->db, err);
}

int import_links(struct db *db, const struct actor *who, const char *division, struct table *t,
		 const char *file_name, const struct import_mapping *map, int dry_run,
		 struct import_report *rep, struct import_links_counts *counts, struct buf *err)
{
	struct importer im;
	struct table_row row;
	int rc, ret = -1, in_tx = 0;

	memset(&im, 0, sizeof(im));
	memset(counts, 0, sizeof(*counts));
	im.db = db;
	im.who = who;
	im.division = division;
	im.rep = rep;
	im.counts = counts;
	im.map = map;
	im.today = ymd_today();
	rep->encoding = table_encoding_name(table_encoding(t));
	rc = import_header_read(t, &import_link_set, map, _("“起点”“终点”“关系类别”"), rep, &im.h,
				err);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		ret = IMPORT_REJECTED;
		goto out;
	}
	if (import_header_missing(&im.h, rep) + im.h.bad) {
		ret = IMPORT_REJECTED;
		goto out;
	}
	if (!dry_run) {
		if (db_begin(db, err) < 0)
			goto out;
		in_tx = im.writing = 1;
		im.batch.file = file_name;
		im.batch.division = division;
		im.batch.user_id = who->user_id;
		if (store_net_batch_add(db, &im.batch, err) < 0)
			goto out;
	}
	while ((rc = table_next(t, &row, err)) > 0)
		if (import_row(&im, &row, err) < 0)
			goto out;
	if (rc < 0)
		goto out;
	if (rep->rejected) {
		ret = IMPORT_REJECTED;
		goto out;
	}
	if (in_tx) {
		if (finish(&im, file_name, err) < 0)
			goto out;
		in_tx = 0;
	}
	ret = 0;
out:
	if (in_tx)
		db_rollback(db);
	if (ret != 0) {
		rep->imported = 0;
		rep->first_id = rep->last_id = 0;
		counts->batch_id = 0;
	}
	import_seen_release(&im.rows);
	import_seen_release(&im.entities);
	return ret;
}
