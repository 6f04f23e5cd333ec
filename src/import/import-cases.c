/* import-cases.c - a case ledger from a spreadsheet: its columns, each row read, the rows of a case gathered, one transaction. */
#include "import/import-cases-internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* Headers are marked for translation only for the column choices of the
 * import page: a file is always read by the Chinese names. */
const struct import_case_header import_case_columns[IC_NCOLUMNS] = {
	[IC_NUMBER] = { N_("案件编号"), "案号|案件号|案件编码|立案编号", "number", 1,
			"不可重复；已登记的案件编号跳过，不重复导入。同一案件占多行时，"
			"后面几行可以不填（或与第一行相同）",
			"A3608250500002025030018", "" },
	[IC_NAME] = { N_("案件名称"), "案名|案件名", "name", 1, "", "张某某等人贩卖毒品案", "" },
	[IC_TYPE] = { N_("案件类别"), "案由|案件性质|案件类型|罪名", "type", 1,
		      "案件类别的名称，如“贩卖毒品”（也可写“贩卖毒品案”）", "贩卖毒品", "" },
	[IC_SOURCE] = { N_("线索来源"), "案件来源|来源", "source", 0, "不填为“其他”", "举报", "" },
	[IC_DIVISION] = { N_("所属辖区"), "辖区|所属乡镇|发案辖区|管辖地", "division", 0,
			  "本辖区内的乡镇（街道）或村（社区）的名称或区划代码；不填为导入人所在辖区",
			  "恩江镇", "" },
	[IC_UNIT] = { N_("办案单位"), "主办单位|承办单位|侦办单位", "unit", 0,
		      "系统中登记的单位名称，如“永丰县公安局禁毒大队”", "", "" },
	[IC_OFFICERS] = { N_("办案民警"), "主办民警|承办民警|办案人|主办人", "officers", 0, "",
			  "刘建华、王伟", "" },
	[IC_PLACE] = { N_("案发地点"), "发案地点|案发地|发案地", "place", 0, "", "恩江镇某出租屋",
		       "" },
	[IC_OCCURRED] = { N_("案发日期"), "发案日期|案发时间|发案时间", "occurred_date", 0,
			  "不能晚于受理日期", "2025-03-01", "" },
	[IC_ACCEPTED] = { N_("受理日期"), "受案日期|受理时间|受案时间", "accepted_date", 1,
			  "如 2024-01-31、2024/1/31、20240131 或 Excel 日期", "2025-03-01", "" },
	[IC_FILED] = { N_("立案日期"), "立案时间", "filed_date", 0,
		       "各环节已办理的填写日期，按办理顺序不早于上一环节；没有办理的不填",
		       "2025-03-01", "" },
	[IC_SOLVED] = { N_("破案日期"), "破案时间", "solved_date", 0,
			"破案须有犯罪嫌疑人；现行案件可与立案同日", "2025-03-01", "" },
	[IC_REFERRED] = { N_("移送起诉日期"),
			  "移诉日期|移送起诉时间|移送审查起诉日期|移送审查起诉时间", "referred_date", 0,
			  "", "2025-04-20", "" },
	[IC_PROSECUTED] = { N_("起诉日期"), "起诉时间|提起公诉日期", "prosecuted_date", 0, "", "",
			    "" },
	[IC_JUDGED] = { N_("判决日期"), "判决时间|宣判日期", "judged_date", 0, "", "", "" },
	[IC_WITHDRAWN] = { N_("撤案日期"), "撤案时间|撤销案件日期", "withdrawn_date", 0,
			   "移送起诉前撤销的案件填写", "", "" },
	[IC_FLAGS] = { N_("案件标记"), "标记|案件特征", "flags", 0,
		       "可填多个，用顿号“、”隔开", "零包", "" },
	[IC_DESCRIPTION] = { N_("简要案情"), "案情|基本案情|案情摘要", "description", 0, "",
			     IMPORT_CASE_EXAMPLE, "" },
	[IC_DRUG] = { N_("毒品种类"), "缴获毒品种类|毒品名称|缴获毒品|毒品", "drug", 0,
		      "毒品目录中的名称或俗称，如“甲基苯丙胺”“冰毒”“海洛因”；每行一种，"
		      "同一案件缴获多种毒品的分行填写",
		      "冰毒", "海洛因" },
	[IC_WEIGHT] = { N_("重量（克）"), "缴获重量|毒品重量|缴获数量", "weight", 0,
			"按毒品目录的单位（克；二氢埃托啡为毫克），最多两位小数；填写了毒品种类时必填",
			"12.5", "3" },
	[IC_PACKETS] = { N_("零包包数"), "包数|零包数", "packets", 0, "0 到 1000000 的整数",
			 "25", "" },
	[IC_PURITY] = { N_("含量（%）"), "纯度|含量", "purity", 0, "百分数，一位小数；未鉴定不填",
			"35.5", "" },
	[IC_SEIZED] = { N_("缴获日期"), "缴获时间|查获日期|查获时间", "seized_date", 0,
			"不填为案发日期（没有案发日期时为受理日期）", "", "" },
	[IC_SEIZED_PLACE] = { N_("缴获地点"), "查获地点", "seized_place", 0, "", "", "" },
	[IC_SUSPECT_ID] = { N_("犯罪嫌疑人身份证号"),
			    "嫌疑人身份证号|犯罪嫌疑人身份证号码|身份证号|身份证号码|公民身份号码",
			    "suspect_id_number", 0,
			    "18位身份证号；一格可填多人，用顿号“、”或分号“；”隔开。请把该列设为"
			    "“文本”格式。已有档案（含已登记吸毒人员）的自动关联，不重复建档",
			    "360825199001011232、36082519880520123X", "360825199203152017" },
	[IC_SUSPECT_NAME] = { N_("犯罪嫌疑人姓名"), "嫌疑人姓名|犯罪嫌疑人|嫌疑人|姓名",
			      "suspect_name", 0,
			      "与身份证号顺序一致；尚无人员档案的必填", "张三、李四", "王五" },
	[IC_ROLE] = { N_("作用"), "地位作用|在案中的作用|主从犯", "role", 0,
		      "主犯、从犯、胁从犯、单独作案或其他，与身份证号顺序一致（只填一个则都相同）；"
		      "不填时一人作案为单独作案，多人为其他",
		      "主犯、从犯", "从犯" },
	[IC_HOME] = { N_("户籍地"), "户籍地区划|户籍地代码|户籍地区划代码", "home_division", 0,
		      "本辖区的乡镇名称，或6、9、12位区划代码；已有档案的取档案中的户籍地",
		      "", "" },
	[IC_CAUGHT] = { N_("抓获日期"), "抓获时间", "caught_date", 0, "", "2025-03-01",
			"2025-03-01" },
	[IC_CAUGHT_PLACE] = { N_("抓获地点"), "", "caught_place", 0, "", "", "" },
	[IC_CAUGHT_DIVISION] = { N_("抓获地区划代码"), "抓获地代码|抓获地区划", "caught_division", 0,
				 "在外地抓获的填写当地区划代码，用于统计外流贩毒", "", "" },
	[IC_DETENTION] = { N_("刑事拘留日期"), "刑拘日期|刑拘时间|刑事拘留时间", "detention_date", 0,
			   "", "2025-03-02", "2025-03-02" },
	[IC_ARREST] = { N_("逮捕日期"), "逮捕时间", "arrest_date", 0, "不早于刑事拘留日期",
			"2025-04-05", "" },
	[IC_BAIL] = { N_("取保候审日期"), "取保候审时间|取保日期", "bail_date", 0, "", "",
		      "2025-04-05" },
};

static int case_count(void)
{
	return IC_NCOLUMNS;
}

static int case_of_header(const char *header)
{
	int i;
	for (i = 0; i < IC_NCOLUMNS; i++)
		if (import_header_is(header, import_case_columns[i].header,
				     import_case_columns[i].synonyms))
			return i;
	return -1;
}

static int case_of_name(const char *name)
{
	int i;
	for (i = 0; i < IC_NCOLUMNS; i++)
		if (!strcmp(name, import_case_columns[i].field))
			return i;
	return case_of_header(name);
}

static void case_describe(int i, struct import_column_desc *out)
{
	out->header = import_case_columns[i].header;
	out->synonyms = import_case_columns[i].synonyms;
	out->field = import_case_columns[i].field;
	out->required = import_case_columns[i].required;
}

const struct import_columns import_case_set = { case_count, case_of_header, case_of_name,
						case_describe };

/* ---- a row's errors ---- */

int ic_has_error(const struct ic_errors *re, int col)
{
	int i;
	for (i = 0; i < re->n; i++)
		if (re->e[i].col == col)
			return 1;
	return 0;
}

void ic_error(struct ic_errors *re, int col, const char *message)
{
	if (ic_has_error(re, col) || re->n >= IC_MAX_ERRORS)
		return;
	re->e[re->n].col = col;
	re->e[re->n].message = message;
	re->n++;
}

int ic_date(struct ic_row *row, int col, struct arena *a)
{
	const char *s = row->cells[col];
	char out[11];
	int ymd = 0;

	if (!*s)
		return 0;
	if (import_parse_date(s, out) == 0 && ymd_parse(out, &ymd) == 0)
		return ymd;
	ic_error(&row->re, col, arena_printf(a, _("无法识别的日期“%s”，请写成 2024-01-31"), s));
	return -1;
}

/* ---- reading a row ---- */

/* The items of a cell holding several (、 ， ； , ; / or line breaks between
 * them), trimmed. keep: an empty item keeps its place (names and roles go
 * with the ID numbers in order), else it is left out; empty ones at the
 * end are left out either way. */
static int split(struct arena *a, const char *s, int keep, const char ***out)
{
	static const char *const seps[] = { "、", "，", "；", "／", ",", ";", "/", "\n", "\r",
					    NULL };
	const char **list = NULL;
	size_t n = 0, alloc = 0;

	while (*s) {
		size_t best = strlen(s), skip = 0, k;
		const char *item;
		for (k = 0; seps[k]; k++) {
			const char *hit = strstr(s, seps[k]);
			if (hit && (size_t)(hit - s) < best) {
				best = (size_t)(hit - s);
				skip = strlen(seps[k]);
			}
		}
		item = import_trim(a, arena_strndup(a, s, best));
		s += best + skip;
		if (*item || keep)
			*ARENA_PUSH(a, list, n, alloc) = item;
	}
	while (n && !*list[n - 1])
		n--;
	*out = list;
	return (int)n;
}

static int any_cell(const struct ic_row *row, int from, int to)
{
	int i;
	for (i = from; i <= to; i++)
		if (*row->cells[i])
			return 1;
	return 0;
}

/* A whole number 0..max in s; -1 when it is not one. */
static long whole(const char *s, long max)
{
	char *end;
	long v;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtol(s, &end, 10);
	/* "25.0" from a number cell */
	if (*end == '.' && strspn(end + 1, "0") == strlen(end + 1))
		end += strlen(end);
	return *end || v > max ? -1 : v;
}

static void read_seizure(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const struct drug_def *d;
	struct buf why = BUF_INIT;
	const char *s;
	long n = 0;

	row->has_seizure = any_cell(row, IC_DRUG, IC_SEIZED_PLACE);
	row->purity = -1;
	if (!row->has_seizure)
		return;
	s = row->cells[IC_DRUG];
	d = drug_find(&im->pol, s);
	if (!*s)
		ic_error(&row->re, IC_DRUG, _("填写了缴获的重量、包数或日期，请填写毒品种类"));
	else if (!d)
		ic_error(&row->re, IC_DRUG,
			 arena_printf(a, _("“%s”不在毒品目录中：请填写目录中的名称或俗称，如甲基苯丙胺、冰毒、海洛因"),
				      s));
	else
		row->drug = d->key;
	s = row->cells[IC_WEIGHT];
	if (!*s)
		ic_error(&row->re, IC_WEIGHT, _("请填写缴获毒品的重量"));
	else if (drug_weight_parse(s, d ? d->unit : DRUG_UNIT_G, &row->weight_ug, &why) < 0)
		ic_error(&row->re, IC_WEIGHT, arena_strdup(a, why.buf));
	buf_release(&why);
	s = row->cells[IC_PACKETS];
	if (*s && (n = whole(s, 1000000)) < 0)
		ic_error(&row->re, IC_PACKETS, _("零包包数应为 0 到 1000000 的整数"));
	else
		row->packets = *s ? (int)n : 0;
	s = row->cells[IC_PURITY];
	if (case_purity_parse(s, &row->purity) < 0)
		ic_error(&row->re, IC_PURITY, _("含量应写成 0 到 100 的百分数，最多一位小数，如 35.5"));
	row->seized = ic_date(row, IC_SEIZED, a);
}

/* A division code of any place: 6, 9 or 12 digits. */
static const char *code_cell(struct ic_row *row, int col, struct arena *a)
{
	const char *s = row->cells[col];
	if (*s && !division_valid(s)) {
		ic_error(&row->re, col, arena_printf(a, _("“%s”不是区划代码：应为6、9或12位数字"), s));
		return "";
	}
	return s;
}

/* 户籍地: a township or village of the area by name, or a code of anywhere. */
static const char *home_cell(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const char *s = row->cells[IC_HOME], *code;
	if (!*s || strspn(s, "0123456789") == strlen(s))
		return code_cell(row, IC_HOME, a);
	switch (division_names_resolve(im->places, s, &code)) {
	case DIVISION_FOUND:
		return code;
	case DIVISION_AMBIGUOUS:
		ic_error(&row->re, IC_HOME,
			 arena_printf(a, _("“%s”有多个同名的地方，请在前面写上所属乡镇，或填写区划代码"), s));
		return "";
	case DIVISION_UNKNOWN:
		break;
	}
	ic_error(&row->re, IC_HOME,
		 arena_printf(a, _("本辖区没有名为“%s”的乡镇（街道）或村（社区）：本辖区以外的户籍地请填写区划代码"),
			      s));
	return "";
}

static void read_suspects(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const char **ids, **names, **roles;
	int nids, nnames, nroles, i;
	const struct choice *role;

	nids = split(a, row->cells[IC_SUSPECT_ID], 0, &ids);
	nnames = split(a, row->cells[IC_SUSPECT_NAME], 1, &names);
	nroles = split(a, row->cells[IC_ROLE], 1, &roles);
	row->home = home_cell(im, row, a);
	row->caught = ic_date(row, IC_CAUGHT, a);
	code_cell(row, IC_CAUGHT_DIVISION, a);
	row->detention = ic_date(row, IC_DETENTION, a);
	row->arrest = ic_date(row, IC_ARREST, a);
	row->bail = ic_date(row, IC_BAIL, a);
	if (!nids) {
		if (any_cell(row, IC_FIRST_SUSPECT, IC_BAIL))
			ic_error(&row->re, IC_SUSPECT_ID, _("填写了犯罪嫌疑人的情况，请填写其身份证号"));
		return;
	}
	if (nnames > nids)
		ic_error(&row->re, IC_SUSPECT_NAME,
			 arena_printf(a, _("填写了 %d 个姓名、%d 个身份证号：请按相同的顺序一一对应"),
				      nnames, nids));
	if (nroles > nids && nroles != 1)
		ic_error(&row->re, IC_ROLE,
			 arena_printf(a, _("填写了 %d 个作用、%d 个身份证号：请一一对应，或只填一个"),
				      nroles, nids));
	row->suspects = arena_zalloc(a, sizeof(*row->suspects) * (size_t)nids);
	row->nsuspects = nids;
	for (i = 0; i < nids; i++) {
		struct ic_suspect *s = &row->suspects[i];
		s->id_number = import_clean_id(a, ids[i]);
		if (!*s->id_number)
			ic_error(&row->re, IC_SUSPECT_ID,
				 arena_printf(a, _("身份证号被 Excel 存成了数字（%s），后几位已经丢失："
						   "请把该列设为“文本”格式，重新填写号码"), ids[i]));
		s->name = i < nnames ? names[i] : "";
		if (nroles == 1 || (i < nroles && *roles[i])) {
			const char *text = roles[nroles == 1 ? 0 : i];
			role = import_choice_find(case_suspect_roles, text);
			if (!role)
				ic_error(&row->re, IC_ROLE,
					 arena_printf(a, _("“%s”不是有效的作用，可填：%s"), text,
						      import_choice_labels(a, case_suspect_roles)));
			s->role = role ? role->key : NULL;
		}
	}
}

/* The row's cells, and what the columns of a seizure and of suspects hold. */
static void read_row(struct ic_importer *im, const struct table_row *t, struct arena *a,
		     struct ic_row *row)
{
	int i;

	memset(row, 0, sizeof(*row));
	row->line = t->line;
	for (i = 0; i < IC_NCOLUMNS; i++)
		row->cells[i] = import_cell(&im->h, t, i, a);
	read_seizure(im, row, a);
	read_suspects(im, row, a);
}

/* ---- the rows of a case ---- */

/* A row after the first of its case: the case's cells empty or as there. */
static void check_same_case(const struct ic_case *k, struct ic_row *row, struct arena *a)
{
	const struct ic_row *first = &k->rows[0];
	int i;
	for (i = IC_NAME; i <= IC_DESCRIPTION; i++)
		if (*row->cells[i] && strcmp(row->cells[i], first->cells[i]))
			ic_error(&row->re, i,
				 arena_printf(a, _("与第 %d 行同一案件，但“%s”不同：同一案件的后续行可以不填"),
					      first->line, first->cells[i]));
}

static void case_release(struct ic_case *k)
{
	arena_release(&k->a);
	memset(k, 0, sizeof(*k));
}

static int import_row(struct ic_importer *im, const struct table_row *t, struct buf *err)
{
	struct ic_case *k = &im->cur;
	struct arena scratch = ARENA_INIT;
	const char *number = import_cell(&im->h, t, IC_NUMBER, &scratch);
	int same = k->active && (!*number || !strcmp(number, k->number)), first;
	struct ic_row *row;

	if (!same) {
		/* the case before is complete: checked, and written while writing */
		if (k->active && !k->example && ic_case_done(im, k, err) < 0) {
			arena_release(&scratch);
			return -1;
		}
		case_release(k);
		k->active = 1;
		k->number = arena_strdup(&k->a, number);
		k->example = !strcmp(import_cell(&im->h, t, IC_DESCRIPTION, &scratch),
				     IMPORT_CASE_EXAMPLE);
	}
	arena_release(&scratch); /* number is gone with it */
	if (k->example)
		return 0; /* the template's example and its rows */
	im->rep->rows++;
	row = ARENA_PUSH(&k->a, k->rows, k->nrows, k->arows);
	read_row(im, t, &k->a, row);
	if (same) {
		check_same_case(k, row, &k->a);
		return 0;
	}
	if (*k->number && (first = import_seen_add(&im->numbers, k->number, row->line)) != 0)
		ic_error(&row->re, IC_NUMBER,
			 arena_printf(&k->a, _("与第 %d 行的案件编号相同：同一案件的各行应当连续排列"),
				      first));
	return 0;
}

/* ---- one import ---- */

static int row_of(void *ctx, const struct table_row *row, struct buf *err)
{
	return import_row(ctx, row, err);
}

static int end_of(void *ctx, struct buf *err)
{
	struct ic_importer *im = ctx;
	int rc = im->cur.active && !im->cur.example ? ic_case_done(im, &im->cur, err) : 0;
	case_release(&im->cur);
	return rc;
}

static int finish(void *ctx, struct buf *err)
{
	struct ic_importer *im = ctx;
	struct import_report *rep = im->rep;
	const char *base = strrchr(im->file_name, '/');
	char summary[600];

	base = base ? base + 1 : im->file_name;
	snprintf(summary, sizeof(summary),
		 "导入案件 %s：读取 %" PRId64 " 行，新增案件 %" PRId64 " 起（%" PRId64 "–%" PRId64
		 "），犯罪嫌疑人 %" PRId64 " 名（新建档案 %" PRId64 " 人），缴获 %" PRId64
		 " 宗，已登记跳过 %" PRId64 " 起",
		 base, rep->rows, rep->imported, rep->first_id, rep->last_id, im->counts->suspects,
		 im->counts->new_files, im->counts->seizures, rep->existing);
	if (audit_log(im->db, im->who, "import", "case", "", im->division, summary, NULL, err) < 0)
		return -1;
	return db_commit(im->db, err);
}

/* The policy's case types as a choice list, for import_choice_find. */
static const struct choice *type_choices(struct arena *a, const struct policy *p)
{
	struct choice *c = arena_zalloc(a, sizeof(*c) * (size_t)(p->ncase_types + 1));
	int i;
	for (i = 0; i < p->ncase_types; i++) {
		c[i].key = p->case_types[i].key;
		c[i].label = p->case_types[i].label;
	}
	return c;
}

static int load(struct ic_importer *im, struct buf *err)
{
	struct division d;
	int rc;

	if (control_policy(im->db, &im->pol, err) < 0)
		return -1;
	im->types = type_choices(&im->a, &im->pol);
	im->places = division_names_load(im->db, im->who->prefix, err);
	if (!im->places ||
	    store_unit_list(im->db, im->who->prefix, &im->a, &im->units, &im->nunits, err) < 0)
		return -1;
	rc = store_division_get(im->db, im->division, &im->a, &d, err);
	if (rc < 0)
		return -1;
	im->division_name = rc == 0 ? d.name : "";
	return 0;
}

int import_cases(struct db *db, const struct actor *who, const char *division, struct table *t,
		 const char *file_name, const struct import_mapping *map, int dry_run,
		 struct import_report *rep, struct import_cases_counts *counts, struct buf *err)
{
	struct ic_importer im;
	struct import_pass pass;
	int rc, ret = -1;

	memset(&im, 0, sizeof(im));
	memset(counts, 0, sizeof(*counts));
	im.db = db;
	im.who = who;
	im.division = division;
	im.rep = rep;
	im.counts = counts;
	im.map = map;
	im.file_name = file_name;
	im.today = ymd_today();
	rep->encoding = table_encoding_name(table_encoding(t));
	if (load(&im, err) < 0)
		goto out;
	rc = import_header_read(t, &import_case_set, map, _("“案件编号”“案件名称”“受理日期”"), rep,
				&im.h, err);
	if (rc <= 0) {
		ret = rc < 0 ? -1 : IMPORT_REJECTED;
		goto out;
	}
	if (import_header_missing(&im.h, rep) + im.h.bad) {
		ret = IMPORT_REJECTED;
		goto out;
	}
	pass = (struct import_pass){ db, dry_run, rep, &im, &im.writing, row_of, finish, end_of };
	ret = import_rows(t, &pass, err);
out:
	if (ret != 0) {
		rep->imported = 0;
		rep->first_id = rep->last_id = 0;
		counts->links = 0;
	}
	case_release(&im.cur);
	division_names_free(im.places);
	import_seen_release(&im.numbers);
	import_seen_release(&im.made);
	arena_release(&im.a);
	return ret;
}
