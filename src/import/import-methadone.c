/* import-methadone.c - a clinic's monthly methadone sheet: headers, each row by the rules, one transaction. */
#include "import/import-methadone.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "import/import-common.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

const struct import_methadone_header import_methadone_columns[IM_NCOLUMNS] = {
	[IM_ID] = { "身份证号", "身份证号码|公民身份号码|证件号码|身份证", 1 },
	[IM_NAME] = { "姓名", "患者姓名|病人姓名|服药人员姓名", 0 },
	[IM_MONTH] = { "月份", "服药月份|统计月份|年月|月度", 1 },
	[IM_CLINIC] = { "门诊", "门诊名称|治疗门诊|美沙酮门诊|维持治疗门诊|服药点|服药门诊", 0 },
	[IM_DAYS_DUE] = { "应服药天数", "应服天数|应服药日数|应服药天", 1 },
	[IM_DAYS_TAKEN] = { "实际服药天数", "实服天数|实服药天数|实际服药日数|服药天数", 1 },
	[IM_DOSE] = { "平均剂量", "平均日剂量|日均剂量|平均每日剂量|平均服药剂量", 1 },
};

int import_methadone_column(const char *header)
{
	int i;
	for (i = 0; i < IM_NCOLUMNS; i++)
		if (import_header_is(header, import_methadone_columns[i].header,
				     import_methadone_columns[i].synonyms))
			return i;
	return -1;
}

/* ---- (person, month) pairs seen earlier in the file ---- */

struct seen {
	struct seen_slot {
		int64_t key;  /* person_id * 1000000 + month; 0: free */
		int line;
	} *slots;
	size_t cap, n;
};

static struct seen_slot *seen_find(const struct seen *s, int64_t key)
{
	size_t i = (size_t)((uint64_t)key * 0x9e3779b97f4a7c15ULL >> 17) & (s->cap - 1);
	while (s->slots[i].key && s->slots[i].key != key)
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

/* The line where key was first seen, or 0 after recording it at line. */
static int seen_add(struct seen *s, int64_t key, int line)
{
	struct seen_slot *slot;
	if ((s->n + 1) * 2 > s->cap) {
		struct seen bigger = { NULL, s->cap ? s->cap * 2 : 256, s->n };
		size_t i;
		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (i = 0; i < s->cap; i++)
			if (s->slots[i].key)
				*seen_find(&bigger, s->slots[i].key) = s->slots[i];
		free(s->slots);
		*s = bigger;
	}
	slot = seen_find(s, key);
	if (slot->key)
		return slot->line;
	slot->key = key;
	slot->line = line;
	s->n++;
	return 0;
}

/* ---- one import ---- */

struct importer {
	struct db *db;
	const struct actor *who;
	struct import_report *rep;
	struct import_methadone_counts *counts;
	int cell_of[IM_NCOLUMNS];        /* the file's column of each known column, or -1 */
	const char *header_of[IM_NCOLUMNS];
	int today;
	struct seen seen;
	int writing;                     /* in the transaction, nothing rejected so far */
	const char *file_name;
};

/* One row's errors by column (IM_NCOLUMNS: the row as a whole). */
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
	int i = im->cell_of[col];
	return import_trim(a, i >= 0 && i < row->ncells ? row->cells[i] : "");
}

/* Days as a whole number, "30", "30.0" or "30天"; -1 when not. */
static int parse_days(const char *s)
{
	const char *p = s;
	int v = 0, n = 0;
	while (isdigit((unsigned char)*p) && n < 4) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (!n)
		return -1;
	if (*p == '.')
		for (p++; *p == '0'; p++)
			;
	if (!strncmp(p, "天", 3) || !strncmp(p, "日", 3))
		p += 3;
	return *p ? -1 : v;
}

/* The month of a cell: a month as methadone_month_parse reads it, or a
 * day in it (what a spreadsheet makes of "2026-05"); 0 when neither. */
static int parse_month(const char *s)
{
	char date[11];
	int month, ymd;
	if (methadone_month_parse(s, &month) == 0)
		return month;
	if (import_parse_date(s, date) == 0 && ymd_parse(date, &ymd) == 0)
		return ymd / 100;
	return 0;
}

static int field_column(const char *field)
{
	return !strcmp(field, "month")        ? IM_MONTH
	       : !strcmp(field, "clinic")     ? IM_CLINIC
	       : !strcmp(field, "days_due")   ? IM_DAYS_DUE
	       : !strcmp(field, "days_taken") ? IM_DAYS_TAKEN
					      : IM_DOSE;
}

/* Where col is in the file: its position, or past the last column (the
 * row as a whole, a column the file lacks). */
static int position(const struct importer *im, int col)
{
	return col < IM_NCOLUMNS && im->cell_of[col] >= 0 ? im->cell_of[col] : TABLE_MAX_COLS;
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
					  ? im->header_of[re->e[best].col] : "",
				  re->e[best].message, 0);
	}
}

/* The person of the row's ID number, in the importer's area: 1 when
 * found (into pe), 0 with an error in re, -1 with err. */
static int find_person(struct importer *im, const char *text, struct arena *a,
		       struct person *pe, struct row_errors *re, struct buf *err)
{
	struct buf why = BUF_INIT;
	struct idcard card;
	const char *id = import_clean_id(a, text);
	char hash[65], masked[19];
	int64_t pid;
	int rc;

	if (!*text) {
		row_error(re, IM_ID, "请填写身份证号");
		return 0;
	}
	if (!*id) {
		row_error(re, IM_ID, arena_printf(a, "身份证号被 Excel 存成了数字（%s），后几位已经丢失："
						     "请把该列设为“文本”格式，重新填写号码", text));
		return 0;
	}
	if (idcard_parse(id, im->today, &card, &why) < 0) {
		row_error(re, IM_ID, arena_strdup(a, why.buf));
		buf_release(&why);
		return 0;
	}
	buf_release(&why);
	store_id_hash(db_store(im->db), card.number, hash);
	rc = store_person_id_by_hash(im->db, hash, &pid, err);
	if (rc == 0)
		rc = store_person_get(im->db, pid, a, pe, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && division_in(pe->division, im->who->prefix))
		return 1;
	idcard_mask(card.number, masked);
	row_error(re, IM_ID, arena_printf(a, "档案中没有身份证号为 %s 的人员（或不在本辖区）", masked));
	return 0;
}

/* Reads the cells of a row into m; what cannot be read is an error in re. */
static void read_cells(struct importer *im, const struct table_row *row, struct arena *a,
		       struct methadone_month *m, struct row_errors *re)
{
	static const int days_cols[] = { IM_DAYS_DUE, IM_DAYS_TAKEN };
	const char *s;
	size_t i;

	s = cell(im, row, IM_MONTH, a);
	m->month = *s ? parse_month(s) : 0;
	if (!*s)
		row_error(re, IM_MONTH, "请填写月份");
	else if (!m->month)
		row_error(re, IM_MONTH, arena_printf(a, "无法识别的月份“%s”，请写成 2026-05", s));
	for (i = 0; i < sizeof(days_cols) / sizeof(days_cols[0]); i++) {
		int col = days_cols[i], v;
		s = cell(im, row, col, a);
		v = parse_days(s);
		if (!*s)
			row_error(re, col, arena_printf(a, "请填写%s",
							import_methadone_columns[col].header));
		else if (v < 0)
			row_error(re, col, arena_printf(a, "“%s”不是天数（整数）", s));
		*(col == IM_DAYS_DUE ? &m->days_due : &m->days_taken) = v;
	}
	s = cell(im, row, IM_DOSE, a);
	m->dose_tenths = 0;
	if (*s && methadone_dose_parse(s, &m->dose_tenths) < 0) {
		row_error(re, IM_DOSE, arena_printf(a, "“%s”不是毫克数，如 55.5", s));
		m->dose_tenths = -1;
	}
	m->clinic = cell(im, row, IM_CLINIC, a);
}

/* The rules, for what could be read; an unknown person has no enrolment
 * to check, so one that covers every month stands in for it. */
static int check_rules(struct importer *im, const struct person *pe, int found,
		       struct methadone_month *m, struct arena *a, struct row_errors *re,
		       struct buf *err)
{
	static const struct assistance any = { 0, 0, "methadone", 1, 0, "", "", 0, 0 };
	struct methadone_error errs[METHADONE_MAX_ERRORS];
	struct assistance *as = NULL;
	int nas = 0, n, i;

	if (found && store_assistances(im->db, pe->id, a, &as, &nas, err) < 0)
		return -1;
	if (!*m->clinic) {
		/* the enrolment's clinic; until the person, the month and the
		 * enrolment are known, other errors say what is wrong */
		const struct assistance *e = found && m->month ? methadone_enrolment(as, nas, m->month)
							       : NULL;
		m->clinic = e ? e->provider : "-";
	}
	n = methadone_check(m, found ? as : &any, found ? nas : 1, im->today, errs);
	for (i = 0; i < n; i++) {
		int col = field_column(errs[i].field);
		if (has_error(re, col))
			continue; /* said already: the cell could not be read */
		if (col == IM_CLINIC && im->cell_of[IM_CLINIC] < 0)
			row_error(re, IM_NCOLUMNS, "该人员入组记录中没有门诊名称：请在表中加一列“门诊”");
		else
			row_error(re, col, arena_strdup(a, errs[i].message));
	}
	return 0;
}

/* Checks one row and, when writing, stores it. Returns 0 or -1 (err). */
static int import_row(struct importer *im, const struct table_row *row, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct row_errors re;
	struct methadone_month m, old;
	struct person pe;
	const char *name;
	int found, first, rc, ret = -1;

	memset(&m, 0, sizeof(m));
	re.n = 0;
	im->rep->rows++;
	found = find_person(im, cell(im, row, IM_ID, &a), &a, &pe, &re, err);
	if (found < 0)
		goto out;
	name = cell(im, row, IM_NAME, &a);
	if (found && *name && strcmp(name, pe.name))
		row_error(&re, IM_NAME, arena_printf(&a, "与档案中的姓名“%s”不一致", pe.name));
	read_cells(im, row, &a, &m, &re);
	if (check_rules(im, &pe, found, &m, &a, &re, err) < 0)
		goto out;
	if (found && m.month && !has_error(&re, IM_MONTH)) {
		first = seen_add(&im->seen, pe.id * 1000000 + m.month, row->line);
		if (first)
			row_error(&re, IM_MONTH,
				  arena_printf(&a, "与第 %d 行重复：同一人员同一月份只能有一行", first));
	}
	if (re.n) {
		report_errors(im, row->line, &re);
		im->rep->rejected++;
		im->writing = 0;
		ret = 0;
		goto out;
	}
	im->rep->valid++;
	rc = store_methadone_get(im->db, pe.id, m.month, &a, &old, err);
	if (rc < 0)
		goto out;
	if (rc == 0 && methadone_same(&old, &m)) {
		im->counts->unchanged++;
		ret = 0;
		goto out;
	}
	if (rc == 0) {
		char month[8], dose[16];
		methadone_month_format(m.month, month);
		methadone_dose_format(old.dose_tenths, dose);
		im->counts->updated++;
		import_report_add(im->rep, row->line, "",
				  arena_printf(&a, "更新 %s %s 的记录（原为：应服药 %d 天，实际服药 %d 天，"
						   "平均剂量 %s 毫克，%s）",
					       pe.name, month, old.days_due, old.days_taken, dose,
					       old.clinic),
				  1);
	} else {
		im->counts->added++;
	}
	m.source = "imported";
	m.user_id = im->who->user_id;
	if (im->writing) {
		if (control_methadone_record(im->db, im->who, &pe, &m, rc == 0 ? &old : NULL, err) < 0)
			goto out;
		im->rep->imported++;
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

/* Counts the cells of row naming known columns; maps them when map. */
static int map_header(struct importer *im, const struct table_row *row, int map)
{
	int i, k, found = 0;
	if (map)
		for (k = 0; k < IM_NCOLUMNS; k++)
			im->cell_of[k] = -1;
	for (i = 0; i < row->ncells; i++) {
		k = import_methadone_column(row->cells[i]);
		if (k >= 0 && (!map || im->cell_of[k] < 0))
			found++;
		if (!map)
			continue;
		if (k >= 0 && im->cell_of[k] < 0) {
			im->cell_of[k] = i;
			im->header_of[k] = import_trim(&im->rep->a, row->cells[i]);
		} else if (*row->cells[i]) {
			*ARENA_PUSH(&im->rep->a, im->rep->ignored, im->rep->nignored,
				    im->rep->aignored) =
				arena_printf(&im->rep->a, k >= 0 ? "%s（重复）" : "%s",
					     import_trim(&im->rep->a, row->cells[i]));
		}
	}
	return found;
}

/* Finds the header within the first rows and maps it: 1, 0 when there is
 * none, -1 (err). */
static int find_header(struct importer *im, struct table *t, struct buf *err)
{
	struct table_row row;
	int tries, rc;
	for (tries = 0; tries < 10; tries++) {
		rc = table_next(t, &row, err);
		if (rc <= 0)
			return rc;
		if (map_header(im, &row, 0) >= 2) {
			map_header(im, &row, 1);
			im->rep->header_line = row.line;
			return 1;
		}
	}
	return 0;
}

static int check_required(struct importer *im)
{
	int i, missing = 0;
	for (i = 0; i < IM_NCOLUMNS; i++) {
		const struct import_methadone_header *c = &import_methadone_columns[i];
		struct buf others = BUF_INIT;
		const char *p;
		if (!c->required || im->cell_of[i] >= 0)
			continue;
		for (p = c->synonyms; *p; p++) {
			if (*p == '|')
				buf_adds(&others, "、");
			else
				buf_addch(&others, *p);
		}
		import_report_add(im->rep, im->rep->header_line, "",
				  arena_printf(&im->rep->a, "缺少必填的列“%s”（也可写作：%s）",
					       c->header, others.buf),
				  0);
		buf_release(&others);
		missing++;
	}
	return missing;
}

static int row_of(void *ctx, const struct table_row *row, struct buf *err)
{
	return import_row(ctx, row, err);
}

static int finish(void *ctx, struct buf *err)
{
	struct importer *im = ctx;
	const char *file_name = im->file_name;
	const struct import_methadone_counts *c = im->counts;
	const char *base = strrchr(file_name, '/');
	char summary[600];

	base = base ? base + 1 : file_name;
	snprintf(summary, sizeof(summary),
		 "导入美沙酮服药情况 %s：读取 %" PRId64 " 行，新增 %" PRId64 " 个月，更新 %" PRId64
		 " 个月，未变 %" PRId64 " 个月",
		 base, im->rep->rows, c->added, c->updated, c->unchanged);
	if (audit_log(im->db, im->who, "import", "methadone_month", "", im->who->prefix, summary,
		      NULL, err) < 0)
		return -1;
	return db_commit(im->db, err);
}

int import_methadone(struct db *db, const struct actor *who, struct table *t,
		     const char *file_name, int dry_run, struct import_report *rep,
		     struct import_methadone_counts *counts, struct buf *err)
{
	struct importer im;
	struct import_pass pass;
	int rc, ret = -1;

	memset(&im, 0, sizeof(im));
	memset(counts, 0, sizeof(*counts));
	im.db = db;
	im.who = who;
	im.rep = rep;
	im.counts = counts;
	im.today = ymd_today();
	rep->encoding = table_encoding_name(table_encoding(t));
	rc = find_header(&im, t, err);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		import_report_add(rep, 0, "",
				  "找不到表头：前 10 行中没有“身份证号”“月份”“实际服药天数”等列名", 0);
		ret = IMPORT_REJECTED;
		goto out;
	}
	if (check_required(&im)) {
		ret = IMPORT_REJECTED;
		goto out;
	}
	im.file_name = file_name;
	pass = (struct import_pass){ db, dry_run, rep, &im, &im.writing, row_of, finish };
	ret = import_rows(t, &pass, err);
out:
	if (ret < 0)
		rep->imported = 0;
	free(im.seen.slots);
	return ret;
}
