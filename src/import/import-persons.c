/* import-persons.c - persons from a registry spreadsheet: headers, values, person_check, one transaction. */
#include "import/import-persons.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/measure.h"
#include "domain/person.h"
#include "import/division-names.h"
#include "import/import-common.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

#define COL(member) offsetof(struct person_input, member)
#define MCOL(member) offsetof(struct import_measure_input, member)

/* Headers are marked for translation only for the column choices of the
 * import page: a file is always read by the Chinese names. */

const struct import_column import_person_columns[] = {
	{ N_("身份证号"), "身份证号码|公民身份号码|证件号码|身份证", "id_number", COL(id_number), 1,
	  IMPORT_ID, NULL,
	  "18位居民身份证号码（15位旧号码自动升为18位）。请把该列设为“文本”格式，"
	  "否则 Excel 会把号码变成科学计数法，后几位丢失", "360825199001011232" },
	{ N_("姓名"), "", "name", COL(name), 1, IMPORT_TEXT, NULL, "最多20个汉字", "张三" },
	{ N_("别名"), "绰号|曾用名", "alias", COL(alias), 0, IMPORT_TEXT, NULL, "", "" },
	{ N_("民族"), "", "ethnicity", COL(ethnicity), 0, IMPORT_ETHNICITY, person_ethnicities,
	  "如“汉族”，也可只写“汉”", "汉族" },
	{ N_("联系电话"), "电话|手机号码|手机号|手机|联系方式", "phone", COL(phone), 0, IMPORT_TEXT, NULL,
	  "数字，可含空格、+ 和 -", "13800000000" },
	{ N_("户籍地区划"), "户籍地代码|户籍地区划代码|户籍区划代码", "household_division",
	  COL(household_division), 0, IMPORT_CODE, NULL,
	  "户籍地的行政区划代码：6位（县）、9位（乡镇）或12位（村）", "360825100" },
	{ N_("户籍地址"), "户籍地详址|户籍详址|户籍所在地详址", "household_address",
	  COL(household_address), 0, IMPORT_TEXT, NULL, "", "永丰县恩江镇某村某组" },
	{ N_("现住址"), "现居住地|现居住地址|现住地址|居住地址", "residence_address",
	  COL(residence_address), 0, IMPORT_TEXT, NULL, "", "永丰县恩江镇某街某号" },
	{ N_("管控责任地"), "责任乡镇|所属乡镇|乡镇（街道）|乡镇|管控地", "division", COL(division), 1,
	  IMPORT_DIVISION, NULL,
	  "本辖区内的乡镇（街道）或村（社区）：写名称（如“恩江镇”“恩江镇大山村委会”）"
	  "或区划代码；同名的村请在前面写上乡镇", "恩江镇" },
	{ N_("在册情况"), "是否在册", "registered", COL(registered), 0, IMPORT_REGISTERED, NULL,
	  "“在册”或“隐性”，不填为在册", "在册" },
	{ N_("管控状态"), "", "control_status", COL(control_status), 0, IMPORT_CHOICE,
	  person_control_statuses, "不填为“在控”", "在控" },
	{ N_("成瘾认定"), "成瘾程度|成瘾认定情况", "addiction", COL(addiction), 0, IMPORT_CHOICE,
	  person_addiction_levels, "不填为“吸毒”", "吸毒成瘾" },
	{ N_("滥用毒品种类"), "毒品种类|吸食毒品种类|滥用毒品", "drug_types", COL(drug_types), 0,
	  IMPORT_CHOICES, person_drug_types, "可填多种，用顿号“、”或逗号隔开；“冰毒”“K粉”等俗称也可",
	  "海洛因、冰毒" },
	{ N_("初次发现日期"), "初次发现时间|首次发现日期|首次发现时间", "first_found_date",
	  COL(first_found_date), 1, IMPORT_DATE, NULL,
	  "如 2024-01-31、2024/1/31、20240131 或 Excel 日期", "2015-06-01" },
	{ N_("初次发现单位"), "首次发现单位|查获单位", "first_found_unit", COL(first_found_unit), 0,
	  IMPORT_TEXT, NULL, "", "永丰县公安局禁毒大队" },
	{ N_("就业情况"), "", "employment", COL(employment), 0, IMPORT_TEXT, NULL, "", "无业" },
	{ N_("特殊人员类别"), "特殊人群|特殊身份|特殊人员", "special_status", COL(special_status), 0,
	  IMPORT_CHOICES, person_special_statuses, "可填多种，用顿号“、”隔开；没有则不填", "" },
	{ N_("现住地区划"), "现居住地区划|现住地区划代码|居住地区划", "residence_division",
	  COL(residence_division), 0, IMPORT_CODE, NULL,
	  "现住地的行政区划代码：6位、9位或12位", "360825100" },
	{ N_("成瘾认定日期"), "认定日期|成瘾认定时间", "addiction_date", COL(addiction_date), 0,
	  IMPORT_DATE, NULL, "填写了“成瘾认定”时填写", "2015-06-20" },
	{ N_("成瘾认定文书"), "认定文书|认定书编号|成瘾认定书", "addiction_doc", COL(addiction_doc), 0,
	  IMPORT_TEXT, NULL, "", "永公（禁）认字〔2015〕12号" },
	{ N_("家庭成员"), "家庭成员及联系方式|家属|监护人", "family", COL(family), 0, IMPORT_TEXT, NULL,
	  "姓名、关系和电话", "母亲 王某 13900000000" },
	{ N_("戒毒措施"), "当前措施|现执行措施|管控措施|执行措施", "measure", MCOL(kind), 0, IMPORT_CHOICE,
	  measure_kinds, "正在执行的戒毒措施；不填则只建档案", "社区戒毒", 1 },
	{ N_("措施决定日期"), "决定日期|措施决定时间", "measure_decision_date", MCOL(decision_date), 0,
	  IMPORT_DATE, NULL, "填写了“戒毒措施”时必填", "2025-03-01", 1 },
	{ N_("决定书编号"), "决定书文号|决定文书编号", "measure_decision_no", MCOL(decision_no), 0,
	  IMPORT_TEXT, NULL, "", "永公（禁）决字〔2025〕36号", 1 },
	{ N_("决定机关"), "", "measure_authority", MCOL(authority), 0, IMPORT_TEXT, NULL, "",
	  "永丰县公安局", 1 },
	{ N_("报到日期"), "报到时间|社区报到日期", "measure_report_date", MCOL(report_date), 0,
	  IMPORT_DATE, NULL, "社区戒毒、社区康复已报到的填写报到日期；不填为待报到", "2025-03-05", 1 },
	{ N_("强制隔离戒毒决定日期"), "强戒决定日期", "compulsory_date", MCOL(compulsory_date), 0,
	  IMPORT_DATE, NULL, "社区康复人员填写此前强制隔离戒毒的决定日期", "", 1 },
	{ N_("强制隔离戒毒解除日期"), "强戒解除日期|解除强制隔离戒毒日期", "release_date",
	  MCOL(release_date), 0, IMPORT_DATE, NULL,
	  "社区康复人员填写此前强制隔离戒毒的解除日期（期满或提前解除）", "", 1 },
	{ N_("最近见面日期"), "最近走访日期|最后见面日期|最近一次见面日期", "last_met", MCOL(last_met), 0,
	  IMPORT_DATE, NULL,
	  "最近一次见到本人的日期，记为一次走访（见到本人）；不填则从报到日期起计算失联天数",
	  "2026-10-20", 1 },
	{ N_("备注"), "", "note", COL(note), 0, IMPORT_TEXT, NULL, "最多约1300字", IMPORT_EXAMPLE_NOTE },
};
const int import_person_ncolumns = (int)(sizeof(import_person_columns) /
					 sizeof(import_person_columns[0]));
#define NCOLS ((int)(sizeof(import_person_columns) / sizeof(import_person_columns[0])))

/* ---- headers ---- */

/* A header as compared: no spaces, full-width brackets, no required mark. */
static void header_key(const char *in, char *out, size_t size)
{
	size_t n = 0, at, i;
	static const char *const marks[] = { "（必填）", "（必填项）", "*", "＊", NULL };
	while (*in && n + 4 < size) {
		if (isspace((unsigned char)*in)) {
			in++;
		} else if (!strncmp(in, "\xe3\x80\x80", 3)) { /* U+3000 */
			in += 3;
		} else if (*in == '(' || *in == ')') {
			memcpy(out + n, *in == '(' ? "（" : "）", 3);
			n += 3;
			in++;
		} else {
			out[n++] = *in++;
		}
	}
	out[n] = '\0';
	if (out[0] == '*')
		memmove(out, out + 1, n--);
	for (i = 0; marks[i]; i++) {
		size_t k = strlen(marks[i]);
		at = strlen(out);
		if (at > k && !strcmp(out + at - k, marks[i]))
			out[at - k] = '\0';
	}
}

int import_person_column(const char *header)
{
	char key[256], name[256];
	int i;

	header_key(header, key, sizeof(key));
	if (!*key)
		return -1;
	for (i = 0; i < NCOLS; i++) {
		const char *p = import_person_columns[i].synonyms;
		if (!strcmp(key, import_person_columns[i].header))
			return i;
		while (*p) {
			size_t len = strcspn(p, "|");
			char one[128];
			snprintf(one, sizeof(one), "%.*s", (int)len, p);
			header_key(one, name, sizeof(name));
			if (!strcmp(key, name))
				return i;
			p += len;
			if (*p)
				p++;
		}
	}
	return -1;
}

/* ---- values ---- */

static int read_int(const char **s, int maxdigits, int *out)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)**s) && n < maxdigits) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*out = v;
	return n;
}

int import_parse_date(const char *s, char out[11])
{
	int y, m, d, n, ymd = 0;
	const char *p;

	while (isspace((unsigned char)*s))
		s++;
	p = s;
	n = read_int(&p, 9, &y);
	if (n == 8 && (!*p || isspace((unsigned char)*p))) {
		ymd = y; /* 20240131 */
	} else if (n == 4) {
		/* 2024-1-31, 2024/1/31, 2024.1.31 (one separator throughout), 2024年1月31日 */
		char sep = *p;
		int cn = !strncmp(p, "年", 3);
		if (!cn && sep != '-' && sep != '/' && sep != '.')
			return -1;
		p += cn ? 3 : 1;
		if (!read_int(&p, 2, &m))
			return -1;
		if (cn ? strncmp(p, "月", 3) != 0 : *p != sep)
			return -1;
		p += cn ? 3 : 1;
		if (!read_int(&p, 2, &d))
			return -1;
		if (cn && !strncmp(p, "日", 3))
			p += 3;
		/* A time of day after the date ("2024-01-31 00:00:00") is dropped. */
		if (*p && !isspace((unsigned char)*p) && *p != 'T')
			return -1;
		ymd = y * 10000 + m * 100 + d;
	} else if (n >= 1 && n <= 5 && (!*p || *p == '.')) {
		/* An Excel serial day number, when the cell lost its date format. */
		double serial = strtod(s, NULL);
		if (*p == '.' && strspn(p + 1, "0123456789") != strlen(p + 1))
			return -1;
		ymd = table_excel_serial_ymd(serial, 0);
	} else {
		return -1;
	}
	if (!ymd || !date_valid(ymd / 10000, ymd / 100 % 100, ymd % 100))
		return -1;
	ymd_format(ymd, out);
	return 0;
}

/* One row's errors, before and after person_check. */
struct row_errors {
	struct field_error e[PERSON_MAX_ERRORS * 2];
	int n;
};

static void row_error(struct row_errors *re, const char *field, const char *message)
{
	if (re->n < (int)(sizeof(re->e) / sizeof(re->e[0]))) {
		re->e[re->n].field = field;
		re->e[re->n].message = message;
		re->n++;
	}
}

static int has_error(const struct row_errors *re, const char *field)
{
	int i;
	for (i = 0; i < re->n; i++)
		if (!strcmp(re->e[i].field, field))
			return 1;
	return 0;
}

static const char *convert_choices(struct arena *a, const struct import_column *col,
				   const char *text, struct row_errors *re)
{
	static const char *const seps[] = { "、", "，", "；", "／", ",", ";", "/", " ", "\t", NULL };
	struct buf keys = BUF_INIT;
	const char *p = text, *out;

	while (*p) {
		size_t len = strlen(p), k, best = len, skip = 0;
		const struct choice *c;
		char *item;
		for (k = 0; seps[k]; k++) {
			const char *hit = strstr(p, seps[k]);
			if (hit && (size_t)(hit - p) < best) {
				best = (size_t)(hit - p);
				skip = strlen(seps[k]);
			}
		}
		item = arena_strndup(a, p, best);
		p += best + skip;
		if (!*item)
			continue;
		c = import_choice_find(col->choices, item);
		if (!c) {
			row_error(re, col->field,
				  arena_printf(a, _("“%s”不是有效的%s，可填：%s"), item, col->header,
					       import_choice_labels(a, col->choices)));
			continue;
		}
		if (!strstr(arena_printf(a, ",%s,", keys.buf), arena_printf(a, ",%s,", c->key))) {
			if (keys.len)
				buf_addch(&keys, ',');
			buf_adds(&keys, c->key);
		}
	}
	out = arena_strdup(a, keys.buf);
	buf_release(&keys);
	return out;
}

/* An ID number as spreadsheets leave it: '360…, ="360…", 360 825 …. */
static const char *clean_id(struct arena *a, const char *text, const struct import_column *col,
			    struct row_errors *re)
{
	char *out = arena_strdup(a, text), *w = out;
	const char *p = text;
	size_t n;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\'')
		p++;
	else if (*p == '=' && p[1] == '"')
		p += 2;
	for (; *p; p++)
		if (!isspace((unsigned char)*p) && *p != '"')
			*w++ = *p;
	*w = '\0';
	n = strlen(out);
	if (n && (strchr(out, 'E') || strchr(out, 'e')) && strchr(out, '+') &&
	    strspn(out, "0123456789.Ee+") == n) {
		row_error(re, col->field,
			  arena_printf(a, _("身份证号被 Excel 存成了数字（%s），后几位已经丢失："
					    "请把该列设为“文本”格式，重新填写号码"), text));
		return "";
	}
	return out;
}

/* ---- ID numbers seen earlier in the file ---- */

struct seen_slot {
	char id[19];
	int line;
};
struct seen {
	struct seen_slot *slots;
	size_t cap, n;
};

static struct seen_slot *seen_find(const struct seen *s, const char *id)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p;
	size_t i;
	for (p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	i = (size_t)h & (s->cap - 1);
	while (s->slots[i].id[0] && strcmp(s->slots[i].id, id))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

/* The line where id was first seen, or 0 after recording it at line. */
static int seen_add(struct seen *s, const char *id, int line)
{
	struct seen_slot *slot;
	if ((s->n + 1) * 2 > s->cap) {
		struct seen bigger = { NULL, s->cap ? s->cap * 2 : 1024, s->n };
		size_t i;
		bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (i = 0; i < s->cap; i++)
			if (s->slots[i].id[0])
				*seen_find(&bigger, s->slots[i].id) = s->slots[i];
		free(s->slots);
		*s = bigger;
	}
	slot = seen_find(s, id);
	if (slot->id[0])
		return slot->line;
	snprintf(slot->id, sizeof(slot->id), "%s", id);
	slot->line = line;
	s->n++;
	return 0;
}

/* ---- the report ---- */

void import_report_init(struct import_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	rep->encoding = "";
}

void import_report_release(struct import_report *rep)
{
	arena_release(&rep->a);
	memset(rep, 0, sizeof(*rep));
}

/* A copy for the report, on one line and without control characters
 * (messages quote cells, which could hold terminal escapes). */
static const char *flat(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s ? s : ""), *p;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

static void add_issue(struct import_report *rep, int line, const char *column, const char *msg,
		      int skipped)
{
	struct import_issue *is;
	if (rep->nissues >= IMPORT_MAX_ISSUES) {
		rep->issues_dropped++;
		return;
	}
	is = ARENA_PUSH(&rep->a, rep->issues, rep->nissues, rep->aissues);
	is->line = line;
	is->column = flat(&rep->a, column);
	is->message = flat(&rep->a, msg);
	is->skipped = skipped;
}

void import_issue_format(const struct import_issue *is, struct buf *out)
{
	if (!is->line)
		buf_addf(out, "%s", is->message);
	else if (*is->column)
		buf_addf(out, _("第 %d 行，“%s”列：%s"), is->line, is->column, is->message);
	else
		buf_addf(out, _("第 %d 行：%s"), is->line, is->message);
}

/* ---- one import ---- */

struct importer {
	struct db *db;
	const struct actor *who;
	struct division_names *places;
	struct import_report *rep;
	const struct import_mapping *map; /* or NULL */
	struct import_header h;    /* the file's cell of each known column */
	int today;
	struct policy pol;         /* the rules measures are checked by */
	struct seen seen;
	int writing;               /* inside the transaction, nothing rejected so far */
	const char *file_name;
};

/* The header of the column holding field, as the file writes it. */
static const char *column_header(const struct importer *im, const char *field)
{
	int i;
	for (i = 0; i < NCOLS; i++)
		if (im->h.cell_of[i] >= 0 && !strcmp(import_person_columns[i].field, field))
			return im->h.header_of[i];
	if (!strcmp(field, "residence_address"))
		return column_header(im, "household_address"); /* "地址过长" covers both */
	return "";
}

static const char *cell(const struct importer *im, const struct table_row *row, int col)
{
	int i = im->h.cell_of[col];
	return i >= 0 && i < row->ncells ? row->cells[i] : "";
}

static const char *convert(struct importer *im, struct arena *a, const struct import_column *col,
			   const char *text, struct row_errors *re)
{
	char date[11];
	const char *code;
	const struct choice *c;

	size_t len;

	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	if (!len)
		return "";
	text = arena_strndup(a, text, len);
	switch (col->kind) {
	case IMPORT_ID:
		return clean_id(a, text, col, re);
	case IMPORT_DATE:
		if (import_parse_date(text, date) == 0)
			return arena_strdup(a, date);
		row_error(re, col->field,
			  arena_printf(a, _("无法识别的日期“%s”，请写成 2024-01-31"), text));
		return "";
	case IMPORT_DIVISION:
		switch (division_names_resolve(im->places, text, &code)) {
		case DIVISION_FOUND:
			return code;
		case DIVISION_AMBIGUOUS:
			row_error(re, col->field,
				  arena_printf(a, _("“%s”有多个同名的地方，请在前面写上所属乡镇，"
						    "或填写区划代码"), text));
			return "";
		case DIVISION_UNKNOWN:
			if (strspn(text, "0123456789") == strlen(text))
				return text; /* person_check says what is wrong with the code */
			row_error(re, col->field,
				  arena_printf(a, _("本辖区没有名为“%s”的乡镇（街道）或村（社区）"), text));
			return "";
		}
		return "";
	case IMPORT_CHOICE:
		c = import_choice_find(col->choices, text);
		if (c)
			return c->key;
		row_error(re, col->field, arena_printf(a, _("“%s”不是有效的%s，可填：%s"), text,
						       col->header, import_choice_labels(a, col->choices)));
		return "";
	case IMPORT_CHOICES:
		return convert_choices(a, col, text, re);
	case IMPORT_REGISTERED:
		if (!strcmp(text, "在册") || !strcmp(text, "是") || !strcmp(text, "1"))
			return "1";
		if (!strcmp(text, "隐性") || !strcmp(text, "否") || !strcmp(text, "0") ||
		    !strcmp(text, "未在册"))
			return "0";
		row_error(re, col->field, arena_printf(a, _("“%s”无效，应为“在册”或“隐性”"), text));
		return "";
	case IMPORT_ETHNICITY:
		if (!choice_valid(col->choices, text) &&
		    choice_valid(col->choices, arena_printf(a, "%s族", text)))
			return arena_printf(a, "%s族", text);
		return text;
	case IMPORT_TEXT:
	case IMPORT_CODE:
		return text;
	}
	return text;
}

/* Where the column holding field is in the file (for the report's order). */
static int column_position(const struct importer *im, const char *field)
{
	int i;
	for (i = 0; i < NCOLS; i++)
		if (!strcmp(import_person_columns[i].field, field))
			return import_position(&im->h, i);
	return TABLE_MAX_COLS;
}

/* Reports every error of the row, left to right; returns how many. */
static int report_errors(struct importer *im, int line, const struct row_errors *re)
{
	int i, pos, next, best;
	for (pos = -1;; pos = best) {
		/* the errors at the next position to the right, in their order */
		best = TABLE_MAX_COLS + 1;
		for (i = 0; i < re->n; i++) {
			next = column_position(im, re->e[i].field);
			if (next > pos && next < best)
				best = next;
		}
		if (best > TABLE_MAX_COLS)
			break;
		for (i = 0; i < re->n; i++)
			if (column_position(im, re->e[i].field) == best)
				add_issue(im->rep, line, column_header(im, re->e[i].field),
					  re->e[i].message, 0);
	}
	return re->n;
}

/*
 * The measures a row asks for: a compulsory measure ended before (its
 * decision and release dates), then the current measure (reported when a
 * report date is given). Each is checked by the rules of src/domain/measure.c
 * as if decided in the web interface, in order, against the ones before it.
 */
struct row_measures {
	struct measure m[2];
	struct measure_change change[2]; /* after the decision: report or release */
	int has_change[2];
	int n;
	int last_met;   /* a visit that met the person (0: none) */
};

static int plan_one(struct importer *im, struct arena *a, const struct person *p,
		    struct row_measures *rm, struct measure *m, struct measure_change *c,
		    int has_change, const char *field, const char *change_field,
		    struct row_errors *re)
{
	struct buf why = BUF_INIT;
	int rc = measure_check_new(m, p, rm->m, rm->n, &im->pol, im->today, &why);

	if (rc < 0) {
		row_error(re, field, arena_strdup(a, why.buf));
		buf_release(&why);
		return -1;
	}
	buf_reset(&why);
	if (has_change && measure_apply(m, c, &im->pol, im->today, &why) < 0) {
		row_error(re, change_field, arena_strdup(a, why.buf));
		buf_release(&why);
		return -1;
	}
	buf_release(&why);
	rm->has_change[rm->n] = has_change;
	rm->change[rm->n] = *c;
	rm->n++;
	return 0;
}

static void plan_measures(struct importer *im, struct arena *a, const struct person *p,
			  const struct import_measure_input *mi, struct row_measures *rm,
			  struct row_errors *re)
{
	struct measure_change c;
	int any = *mi->decision_date || *mi->decision_no || *mi->authority || *mi->report_date;

	memset(rm, 0, sizeof(*rm));
	if (has_error(re, "measure") || has_error(re, "measure_decision_date") ||
	    has_error(re, "measure_report_date") || has_error(re, "compulsory_date") ||
	    has_error(re, "release_date") || has_error(re, "division"))
		return;
	if (*mi->compulsory_date || *mi->release_date) {
		struct measure *m = &rm->m[rm->n];
		if (!*mi->compulsory_date || !*mi->release_date) {
			row_error(re, *mi->compulsory_date ? "release_date" : "compulsory_date",
				  _("此前的强制隔离戒毒需同时填写决定日期和解除日期"));
			return;
		}
		memset(m, 0, sizeof(*m));
		m->records_from = im->today;
		m->kind = "compulsory";
		m->decision_no = m->authority = "";
		m->division = p->division;
		ymd_parse(mi->compulsory_date, &m->decision_date);
		memset(&c, 0, sizeof(c));
		c.action = MA_END;
		ymd_parse(mi->release_date, &c.date);
		/* released at the end of the term, or early (after a year at least) */
		measure_plan(m, &im->pol);
		c.reason = c.date >= m->planned_end ? "completed" : "early_release";
		if (plan_one(im, a, p, rm, m, &c, 1, "compulsory_date", "release_date", re) < 0)
			return;
	}
	if (*mi->last_met && !has_error(re, "last_met")) {
		int d = 0;
		ymd_parse(mi->last_met, &d);
		if (d > im->today || d < p->birth_date)
			row_error(re, "last_met", _("最近见面日期不能晚于今天，也不能早于出生日期"));
		else
			rm->last_met = d;
	}
	if (!*mi->kind) {
		if (any)
			row_error(re, "measure", _("填写了措施的日期或文书，但没有填写戒毒措施"));
		return;
	}
	if (!*mi->decision_date) {
		row_error(re, "measure_decision_date", _("填写了戒毒措施时，措施决定日期必填"));
		return;
	}
	{
		struct measure *m = &rm->m[rm->n];
		int report = *mi->report_date != '\0';
		memset(m, 0, sizeof(*m));
		/* it ran before the import: its records here begin today */
		m->records_from = im->today;
		m->kind = mi->kind;
		m->decision_no = mi->decision_no;
		m->authority = mi->authority;
		m->division = p->division;
		ymd_parse(mi->decision_date, &m->decision_date);
		memset(&c, 0, sizeof(c));
		if (report) {
			if (strcmp(m->kind, "community") && strcmp(m->kind, "rehab")) {
				row_error(re, "measure_report_date", _("只有社区戒毒和社区康复需要报到"));
				return;
			}
			c.action = MA_REPORT;
			ymd_parse(mi->report_date, &c.date);
		}
		plan_one(im, a, p, rm, m, &c, report, "measure", "measure_report_date", re);
	}
}

/* Writes the planned measures of the new person p, with their events, and
 * brings p's derived facts (status, risk, the clean clock) up to date. */
static int write_measures(struct importer *im, const struct person *p,
			  struct row_measures *rm, struct buf *err)
{
	int i;
	int64_t previous = 0;

	if (!rm->n && !rm->last_met)
		return 0;
	for (i = 0; i < rm->n; i++) {
		struct measure *m = &rm->m[i];
		struct measure_event e = { 0, 0, "decide", m->decision_date, m->decision_no,
					   "导入", im->who->user_id, 0 };
		m->person_id = p->id;
		m->previous_id = previous;
		if (store_measure_add(im->db, m, err) < 0)
			return -1;
		e.measure_id = m->id;
		if (store_measure_event_add(im->db, &e, err) < 0)
			return -1;
		/* m was planned with its change applied: stored as it stands
		 * now, the change kept as its event */
		if (rm->has_change[i]) {
			const struct measure_change *c = &rm->change[i];
			struct measure_event ce = { 0, m->id, measure_actions[c->action].key, c->date,
						    "", "导入", im->who->user_id, 0 };
			if (store_measure_event_add(im->db, &ce, err) < 0)
				return -1;
		}
		previous = m->id;
	}
	if (rm->last_met) {
		struct contact c;
		memset(&c, 0, sizeof(c));
		c.person_id = p->id;
		c.measure_id = rm->n && strcmp(rm->m[rm->n - 1].status, "ended") ? rm->m[rm->n - 1].id : 0;
		c.kind = "visit";
		c.date = rm->last_met;
		c.outcome = "met";
		c.note = "导入：最近见面日期";
		c.user_id = im->who->user_id;
		if (store_contact_add(im->db, &c, err) < 0)
			return -1;
	}
	return control_refresh(im->db, im->who, p->id, &im->pol, im->today, err);
}

/* Checks one row and, when writing, stores it. Returns 0 or -1 (err). */
static int import_row(struct importer *im, const struct table_row *row, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person_input in;
	struct import_measure_input mi;
	struct row_measures rm;
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct row_errors re;
	char hash[65];
	int i, n, first, rc, ret = -1;
	int64_t existing;

	memset(&in, 0, sizeof(in));
	memset(&mi, 0, sizeof(mi));
	memset(&rm, 0, sizeof(rm));
	re.n = 0;
	for (i = 0; i < NCOLS; i++) {
		const struct import_column *col = &import_person_columns[i];
		const char *v = convert(im, &a, col, cell(im, row, i), &re);
		memcpy((col->measure ? (char *)&mi : (char *)&in) + col->offset, &v, sizeof(v));
	}
	if (in.note && !strcmp(in.note, IMPORT_EXAMPLE_NOTE)) {
		ret = 0; /* the template's example */
		goto out;
	}
	im->rep->rows++;
	memset(&p, 0, sizeof(p));
	n = person_check(&in, 1, im->who->prefix, im->today, &a, &p, errs);
	for (i = 0; i < n && i < PERSON_MAX_ERRORS; i++)
		if (!has_error(&re, errs[i].field))
			row_error(&re, errs[i].field, _(errs[i].message));
	if (!has_error(&re, "division") && !division_names_label(im->places, p.division))
		row_error(&re, "division",
			  arena_printf(&a, _("没有代码为“%s”的乡镇（街道）或村（社区）"), p.division));
	if (!has_error(&re, "id_number")) {
		/* The file first: rows written earlier in this transaction are
		 * in the database already. */
		first = seen_add(&im->seen, p.id_number, row->line);
		if (first) {
			row_error(&re, "id_number",
				  arena_printf(&a, _("与第 %d 行的身份证号相同"), first));
		} else {
			store_id_hash(db_store(im->db), p.id_number, hash);
			rc = store_person_id_by_hash(im->db, hash, &existing, err);
			if (rc < 0)
				goto out;
			if (rc == 0) {
				/* On file already: left alone, whatever else the row says. */
				im->rep->existing++;
				add_issue(im->rep, row->line, "",
					  arena_printf(&a, _("已存在，跳过（%s，%s）"), p.id_masked,
						       p.name),
					  1);
				ret = 0;
				goto out;
			}
		}
	}
	if (!has_error(&re, "id_number"))
		plan_measures(im, &a, &p, &mi, &rm, &re);
	if (report_errors(im, row->line, &re)) {
		im->rep->rejected++;
		im->writing = 0;
		ret = 0;
		goto out;
	}
	im->rep->valid++;
	if (im->writing) {
		if (store_person_add(im->db, &p, err) < 0 || write_measures(im, &p, &rm, err) < 0)
			goto out;
		if (!im->rep->first_id)
			im->rep->first_id = p.id;
		im->rep->last_id = p.id;
		im->rep->imported++;
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

static int row_of(void *ctx, const struct table_row *row, struct buf *err)
{
	return import_row(ctx, row, err);
}

static int finish(void *ctx, struct buf *err)
{
	struct importer *im = ctx;
	const char *file_name = im->file_name;
	struct import_report *rep = im->rep;
	char summary[600];
	const char *base = strrchr(file_name, '/');

	base = base ? base + 1 : file_name;
	if (rep->imported)
		snprintf(summary, sizeof(summary),
			 "导入 %s：读取 %" PRId64 " 行，新增 %" PRId64 " 人（档案 %" PRId64 "–%" PRId64
			 "），已存在 %" PRId64 " 人",
			 base, rep->rows, rep->imported, rep->first_id, rep->last_id, rep->existing);
	else
		snprintf(summary, sizeof(summary),
			 "导入 %s：读取 %" PRId64 " 行，没有新增，已存在 %" PRId64 " 人", base,
			 rep->rows, rep->existing);
	if (audit_log(im->db, im->who, "import", "person", "", im->who->prefix, summary, NULL,
		      err) < 0)
		return -1;
	return db_commit(im->db, err);
}

int import_persons(struct db *db, const struct actor *who, struct table *t,
		   const char *file_name, int dry_run, struct import_report *rep,
		   struct buf *err)
{
	return import_persons_mapped(db, who, t, file_name, NULL, dry_run, rep, err);
}

int import_persons_mapped(struct db *db, const struct actor *who, struct table *t,
			  const char *file_name, const struct import_mapping *map, int dry_run,
			  struct import_report *rep, struct buf *err)
{
	struct importer im;
	struct import_pass pass;
	int rc, ret = -1;

	memset(&im, 0, sizeof(im));
	im.db = db;
	im.who = who;
	im.rep = rep;
	im.map = map;
	im.today = ymd_today();
	rep->encoding = table_encoding_name(table_encoding(t));
	if (control_policy(db, &im.pol, err) < 0)
		goto out;
	im.places = division_names_load(db, who->prefix, err);
	if (!im.places)
		goto out;
	rc = import_header_read(t, &import_person_set, map, _("“身份证号”“姓名”"), rep, &im.h, err);
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
	im.file_name = file_name;
	pass = (struct import_pass){ db, dry_run, rep, &im, &im.writing, row_of, finish };
	ret = import_rows(t, &pass, err);
	if (ret == IMPORT_REJECTED)
		rep->first_id = rep->last_id = 0;
out:
	if (ret < 0)
		rep->imported = 0;
	division_names_free(im.places);
	free(im.seen.slots);
	return ret;
}

