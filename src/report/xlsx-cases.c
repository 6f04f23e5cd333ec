/* xlsx-cases.c - the case list as .xlsx (seizures by drug, suspects masked) and the case import template. */
#include "report/xlsx-cases.h"

#include <stdlib.h>
#include <string.h>

#include "domain/network.h"
#include "import/import-cases.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

struct xlsx_cases {
	struct xlsx *x;
	const struct policy *pol;
	const char *const *drugs;
	int ndrugs;
	int clear;
};

enum { SHEET_CASES, SHEET_SEIZURES, SHEET_SUSPECTS };

/* The steps with a column of their own, after 受理. */
static const enum case_status step_cols[] = { CS_FILED, CS_SOLVED, CS_REFERRED, CS_PROSECUTED,
					      CS_JUDGED, CS_WITHDRAWN };
#define NSTEPS ((int)(sizeof(step_cols) / sizeof(step_cols[0])))

static const struct {
	const char *header;
	double width;
} case_cols[] = {
	{ N_("案件编号"), 24 },  { N_("案件名称"), 30 },     { N_("案件类别"), 14 },
	{ N_("线索来源"), 12 },  { N_("办理阶段"), 10 },     { N_("受理日期"), 12 },
	{ N_("立案日期"), 12 },  { N_("破案日期"), 12 },     { N_("移送起诉日期"), 13 },
	{ N_("起诉日期"), 12 },  { N_("判决日期"), 12 },     { N_("撤案日期"), 12 },
	{ N_("所属辖区"), 22 },  { N_("办案单位"), 24 },     { N_("办案民警"), 16 },
	{ N_("案发地点"), 24 },  { N_("案件标记"), 20 },     { N_("数量认定"), 13 },
	{ N_("案件等级"), 10 },
};
#define NCASE ((int)(sizeof(case_cols) / sizeof(case_cols[0])))
/* after the drugs' columns */
static const struct {
	const char *header;
	double width;
} tail_cols[] = {
	{ N_("零包包数"), 10 },        { N_("犯罪嫌疑人（人）"), 10 }, { N_("犯罪嫌疑人"), 40 },
	{ N_("毒资（元）"), 14 },      { N_("涉毒资产（元）"), 14 },
};
#define NTAIL ((int)(sizeof(tail_cols) / sizeof(tail_cols[0])))

static const char *const seizure_heads[] = {
	N_("案件编号"), N_("案件名称"), N_("毒品种类"), N_("合计重量"), N_("单位"),
	N_("零包包数"), N_("缴获次数"), N_("数量认定"), N_("按该毒品的案件等级"),
};
static const double seizure_widths[] = { 24, 30, 20, 12, 6, 10, 10, 13, 12 };

/* The suspects' sheet; the two columns marked clear only for those who may
 * read person files. */
static const struct {
	const char *header;
	double width;
	int clear;
} suspect_cols[] = {
	{ N_("案件编号"), 24, 0 },     { N_("案件名称"), 30, 0 },   { N_("姓名"), 10, 0 },
	{ N_("身份证号"), 21, 1 },     { N_("已登记吸毒人员"), 12, 1 }, { N_("作用"), 10, 0 },
	{ N_("户籍地"), 20, 0 },       { N_("抓获日期"), 12, 0 },   { N_("抓获地点"), 22, 0 },
	{ N_("外流贩毒"), 10, 0 },     { N_("刑事拘留"), 12, 0 },   { N_("逮捕"), 12, 0 },
	{ N_("取保候审"), 12, 0 },     { N_("监视居住"), 12, 0 },   { N_("起诉"), 12, 0 },
	{ N_("判决"), 12, 0 },         { N_("刑期"), 30, 0 },
};
#define NSUSPECT ((int)(sizeof(suspect_cols) / sizeof(suspect_cols[0])))
#define FIRST_MEASURE 10 /* 刑事拘留: the measures in case_measure_kinds order */

static double in_unit(int64_t ug, int unit)
{
	return unit == DRUG_UNIT_MG ? (double)ug / 1000.0 : (double)ug / 1000000.0;
}

static const char *drug_name(const struct policy *pol, const char *key)
{
	const struct drug_def *d = drug_by_key(pol, key);
	return d ? _(d->name) : key;
}

struct xlsx_cases *xlsx_cases_begin(const char *path, const struct policy *pol,
				    const char *const *drugs, int ndrugs, int clear,
				    struct buf *err)
{
	struct xlsx_column *cols;
	struct xlsx_cases *xc;
	struct xlsx *x = xlsx_new(path, err);
	struct buf head = BUF_INIT;
	int i, n = 0;

	if (!x)
		return NULL;
	xc = xcalloc(1, sizeof(*xc));
	xc->x = x;
	xc->pol = pol;
	xc->drugs = drugs;
	xc->ndrugs = ndrugs;
	xc->clear = clear;
	cols = xcalloc((size_t)(NCASE + ndrugs + NTAIL + NSUSPECT + 1), sizeof(*cols));
	for (i = 0; i < NCASE; i++, n++) {
		cols[n].header = _(case_cols[i].header);
		cols[n].width = case_cols[i].width;
	}
	/* headers live until the sheet is written: one buffer, NUL-separated */
	for (i = 0; i < ndrugs; i++) {
		const struct drug_def *d = drug_by_key(pol, drugs[i]);
		buf_addf(&head, "%s（%s）", drug_name(pol, drugs[i]),
			 _(drug_unit_label(d ? d->unit : DRUG_UNIT_G)));
		buf_addch(&head, '\0');
	}
	{
		const char *h = head.buf;
		for (i = 0; i < ndrugs; i++, n++) {
			cols[n].header = h;
			cols[n].width = 12;
			h += strlen(h) + 1;
		}
	}
	for (i = 0; i < NTAIL; i++, n++) {
		cols[n].header = _(tail_cols[i].header);
		cols[n].width = tail_cols[i].width;
	}
	xlsx_sheet(x, _("毒品案件"), cols, n, 1);
	buf_release(&head);

	for (i = 0; i < (int)(sizeof(seizure_heads) / sizeof(seizure_heads[0])); i++) {
		cols[i].header = _(seizure_heads[i]);
		cols[i].width = seizure_widths[i];
	}
	xlsx_sheet(x, _("缴获毒品"), cols, i, 1);
	for (i = n = 0; i < NSUSPECT; i++) {
		if (suspect_cols[i].clear && !clear)
			continue;
		cols[n].header = _(suspect_cols[i].header);
		cols[n++].width = suspect_cols[i].width;
	}
	xlsx_sheet(x, _("犯罪嫌疑人"), cols, n, 1);
	free(cols);
	return xc;
}

/* The first day the case reached status, or 0. */
static int step_date(const struct case_file *f, enum case_status status)
{
	int i;
	for (i = 0; i < f->nsteps; i++)
		if (case_status_from_key(f->steps[i].status) == (int)status)
			return f->steps[i].date;
	return 0;
}

static void date_cell(struct xlsx *x, int col, int ymd)
{
	char d[11];
	if (ymd <= 0)
		return;
	ymd_format(ymd, d);
	xlsx_cell(x, col, d);
}

static void flags_text(const struct drug_case *c, struct buf *out)
{
	const int on[] = { c->early, c->target, c->online, c->small_packets };
	int i;
	for (i = 0; case_flags[i].key; i++)
		if (on[i]) {
			if (out->len)
				buf_adds(out, _("、"));
			buf_adds(out, _(case_flags[i].label));
		}
}

static const char *suspect_name(const struct xlsx_cases *xc, const struct case_suspect *s,
				char masked[NET_VALUE_MAX])
{
	if (xc->clear)
		return s->person_name;
	net_value_mask(NET_PERSON, s->person_name, masked, NET_VALUE_MAX);
	return masked;
}

static void case_row(struct xlsx_cases *xc, const struct case_file *f, const char *place,
		     const struct case_grading *g)
{
	const struct drug_case *c = &f->c;
	struct xlsx *x = xc->x;
	struct buf b = BUF_INIT;
	char masked[NET_VALUE_MAX];
	int64_t packets = 0, money = 0, assets = 0;
	int i, k, col;

	xlsx_select(x, SHEET_CASES);
	xlsx_cell(x, 0, c->number);
	xlsx_cell(x, 1, c->name);
	xlsx_cell(x, 2, _(case_type_label(xc->pol, c->type)));
	xlsx_cell(x, 3, _(choice_label(case_sources, c->source)));
	xlsx_cell(x, 4, _(choice_label(case_statuses, c->status)));
	date_cell(x, 5, c->accepted_date);
	for (i = 0; i < NSTEPS; i++)
		date_cell(x, 6 + i, step_date(f, step_cols[i]));
	xlsx_cell(x, 12, place && *place ? place : c->division_name);
	xlsx_cell(x, 13, c->unit_name);
	xlsx_cell(x, 14, c->officers);
	xlsx_cell(x, 15, c->place);
	flags_text(c, &b);
	xlsx_cell(x, 16, b.buf);
	xlsx_cell(x, 17, _(drug_class_label(g->legal)));
	xlsx_cell(x, 18, _(case_grade_label(g->police)));
	for (k = 0; k < xc->ndrugs; k++)
		for (i = 0; i < f->ntotals; i++)
			if (!strcmp(f->totals[i].drug, xc->drugs[k])) {
				const struct drug_def *d = drug_by_key(xc->pol, xc->drugs[k]);
				xlsx_number(x, NCASE + k,
					    in_unit(f->totals[i].weight_ug, d ? d->unit : DRUG_UNIT_G),
					    2);
			}
	for (i = 0; i < f->ntotals; i++)
		packets += f->totals[i].packets;
	for (i = 0; i < f->nassets; i++)
		*(strcmp(f->assets[i].category, "asset") ? &money : &assets) += f->assets[i].amount_fen;
	col = NCASE + xc->ndrugs;
	if (packets)
		xlsx_number(x, col, (double)packets, 0);
	xlsx_number(x, col + 1, (double)f->nsuspects, 0);
	buf_reset(&b);
	for (i = 0; i < f->nsuspects; i++) {
		const struct case_suspect *s = &f->suspects[i];
		if (i)
			buf_adds(&b, _("、"));
		buf_adds(&b, suspect_name(xc, s, masked));
		if (xc->clear)
			buf_addf(&b, "（%s）", s->person_id_masked);
	}
	xlsx_cell(x, col + 2, b.buf);
	if (money)
		xlsx_number(x, col + 3, (double)money / 100.0, 2);
	if (assets)
		xlsx_number(x, col + 4, (double)assets / 100.0, 2);
	xlsx_row_end(x);
	buf_release(&b);
}

static void seizure_rows(struct xlsx_cases *xc, const struct case_file *f)
{
	struct xlsx *x = xc->x;
	int i;

	xlsx_select(x, SHEET_SEIZURES);
	for (i = 0; i < f->ntotals; i++) {
		const struct seizure_total *t = &f->totals[i];
		const struct drug_def *d = drug_by_key(xc->pol, t->drug);
		int unit = d ? d->unit : DRUG_UNIT_G;
		xlsx_cell(x, 0, f->c.number);
		xlsx_cell(x, 1, f->c.name);
		xlsx_cell(x, 2, drug_name(xc->pol, t->drug));
		xlsx_number(x, 3, in_unit(t->weight_ug, unit), 2);
		xlsx_cell(x, 4, _(drug_unit_label(unit)));
		xlsx_number(x, 5, (double)t->packets, 0);
		xlsx_number(x, 6, (double)t->seizures, 0);
		xlsx_cell(x, 7, _(drug_class_label(drug_class_of(d, t->weight_ug))));
		xlsx_cell(x, 8, _(case_grade_label(drug_grade_of(d, t->weight_ug))));
		xlsx_row_end(x);
	}
}

static void suspect_rows(struct xlsx_cases *xc, const struct case_file *f)
{
	struct xlsx *x = xc->x;
	char masked[NET_VALUE_MAX];
	int i, j, k, col;

	xlsx_select(x, SHEET_SUSPECTS);
	for (i = 0; i < f->nsuspects; i++) {
		const struct case_suspect *s = &f->suspects[i];
		const char *sentence = "";
		xlsx_cell(x, 0, f->c.number);
		xlsx_cell(x, 1, f->c.name);
		xlsx_cell(x, 2, suspect_name(xc, s, masked));
		col = 3;
		if (xc->clear) {
			xlsx_cell(x, col++, s->person_id_masked);
			xlsx_cell(x, col++, s->person_registered ? _("是") : _("否"));
		}
		xlsx_cell(x, col++, _(choice_label(case_suspect_roles, s->role)));
		xlsx_cell(x, col++, *s->home_name ? s->home_name : s->home_division);
		date_cell(x, col++, s->caught_date);
		xlsx_cell(x, col++, *s->caught_place ? s->caught_place
						      : *s->caught_name ? s->caught_name
									: s->caught_division);
		xlsx_cell(x, col++, s->outflow ? _("是") : "");
		for (k = 0; case_measure_kinds[k].key; k++) {
			for (j = 0; j < f->nmeasures; j++) {
				const struct suspect_measure *m = &f->measures[j];
				if (m->suspect_id != s->id || strcmp(m->kind, case_measure_kinds[k].key))
					continue;
				date_cell(x, col, m->date);
				if (*m->sentence)
					sentence = m->sentence;
			}
			col++;
		}
		xlsx_cell(x, col, sentence);
		xlsx_row_end(x);
	}
}

void xlsx_cases_row(struct xlsx_cases *xc, const struct case_file *f, const char *place)
{
	struct case_grading g;
	drug_grade_case(xc->pol, f->totals, f->ntotals, &g);
	case_row(xc, f, place, &g);
	seizure_rows(xc, f);
	suspect_rows(xc, f);
}

int xlsx_cases_close(struct xlsx_cases *xc, struct buf *err)
{
	int rc;
	xlsx_select(xc->x, SHEET_CASES);
	rc = xlsx_close(xc->x, err);
	free(xc);
	return rc;
}

/* ---- the import template ---- */

static void list_of(struct buf *out, const struct choice *list)
{
	for (; list->key; list++) {
		if (out->len)
			buf_adds(out, "、");
		buf_adds(out, list->label);
	}
}

/* What may be written in column col, for the instructions sheet. */
static void allowed(struct buf *out, int col, const struct policy *pol, const char *const *towns,
		    int ntowns)
{
	int i;
	switch (col) {
	case IC_TYPE:
		for (i = 0; i < pol->ncase_types; i++) {
			if (i)
				buf_adds(out, "、");
			buf_adds(out, pol->case_types[i].label);
		}
		break;
	case IC_SOURCE:
		list_of(out, case_sources);
		break;
	case IC_FLAGS:
		list_of(out, case_flags);
		break;
	case IC_ROLE:
		list_of(out, case_suspect_roles);
		break;
	case IC_DIVISION:
	case IC_HOME:
		for (i = 0; i < ntowns; i++) {
			if (i)
				buf_adds(out, "、");
			buf_adds(out, towns[i]);
		}
		if (ntowns)
			buf_adds(out, "，及其下属村（社区）");
		break;
	case IC_DRUG:
		for (i = 0; i < pol->ndrugs; i++) {
			const struct drug_def *d = &pol->drugs[i];
			const char *a;
			if (i)
				buf_adds(out, "、");
			buf_adds(out, d->name);
			if (!*d->aliases && d->unit != DRUG_UNIT_MG)
				continue;
			buf_adds(out, "（");
			for (a = d->aliases; *a; a++) {
				if (*a == ',')
					buf_adds(out, "、");
				else
					buf_addch(out, *a);
			}
			if (d->unit == DRUG_UNIT_MG)
				buf_adds(out, *d->aliases ? "；单位毫克" : "单位毫克");
			buf_adds(out, "）");
		}
		break;
	default:
		break;
	}
}

int xlsx_cases_template(const char *path, const struct policy *pol, const char *const *towns,
			int ntowns, struct buf *err)
{
	static const struct xlsx_column help_cols[] = {
		{ "列名", 18, 0, 0 }, { "是否必填", 9, 0, 0 }, { "填写要求", 0, 0, 0 },
		{ "可填写的值", 0, 0, 0 }, { "也可使用的列名", 0, 0, 0 },
	};
	struct xlsx_column cols[IC_NCOLUMNS];
	const char *row1[IC_NCOLUMNS], *row2[IC_NCOLUMNS], *s;
	struct buf b = BUF_INIT;
	struct xlsx *x = xlsx_new(path, err);
	int i;

	if (!x)
		return -1;
	for (i = 0; i < IC_NCOLUMNS; i++) {
		const struct import_case_header *c = &import_case_columns[i];
		cols[i].header = c->header;
		cols[i].width = i == IC_SUSPECT_ID ? 40 : i == IC_NAME || i == IC_DESCRIPTION ? 28
							: i == IC_NUMBER ? 24 : 13;
		cols[i].required = c->required;
		/* typed in as text: numbers, codes and dates keep every digit */
		cols[i].text = i == IC_NUMBER || i == IC_SUSPECT_ID || i == IC_HOME ||
			       i == IC_CAUGHT_DIVISION || (i >= IC_OCCURRED && i <= IC_WITHDRAWN) ||
			       i == IC_SEIZED || i == IC_CAUGHT || i >= IC_DETENTION;
		row1[i] = i == IC_DIVISION && ntowns ? towns[0] : c->example;
		row2[i] = c->example2;
	}
	xlsx_sheet(x, "毒品案件", cols, IC_NCOLUMNS, 0);
	xlsx_row(x, row1, IC_NCOLUMNS);
	xlsx_row(x, row2, IC_NCOLUMNS);

	xlsx_sheet(x, "填写说明", help_cols, 5, 0);
	xlsx_wrap_column(x, 2, 48);
	xlsx_wrap_column(x, 3, 60);
	xlsx_wrap_column(x, 4, 30);
	for (i = 0; i < IC_NCOLUMNS; i++) {
		const struct import_case_header *c = &import_case_columns[i];
		buf_reset(&b);
		allowed(&b, i, pol, towns, ntowns);
		xlsx_cell(x, 0, c->header);
		xlsx_cell(x, 1, c->required ? "必填" : "");
		xlsx_cell(x, 2, c->format);
		xlsx_cell(x, 3, b.buf);
		buf_reset(&b);
		for (s = c->synonyms; *s; s++) {
			if (*s == '|')
				buf_adds(&b, "、");
			else
				buf_addch(&b, *s);
		}
		xlsx_cell(x, 4, b.buf);
		xlsx_row_end(x);
	}
	xlsx_row_end(x);
	xlsx_cell(x, 0, "说明");
	xlsx_cell(x, 2,
		  "第一张表的第 1 行是列名，从第 2 行起填写案件。一起案件可以只占一行：多名犯罪嫌疑人的"
		  "身份证号、姓名和作用分别填在同一格内，用顿号“、”隔开，顺序一致；"
		  "缴获多种毒品、犯罪嫌疑人情况不同时，可占连续的几行：第一行填写案件的情况，"
		  "后面几行的案件各列可以不填（像 Excel 的合并单元格那样）或与第一行相同，"
		  "每行填写一种缴获毒品和（或）几名犯罪嫌疑人。");
	xlsx_row_end(x);
	xlsx_cell(x, 2,
		  "红色列名为必填列；列的顺序可以调整，不认识的列会被忽略。第 2、3 行是一起示例案件，"
		  "导入时自动跳过，也可以删除。已登记的案件编号跳过，不会重复导入；已有档案的犯罪嫌疑人"
		  "自动关联其档案（含已登记吸毒人员），没有档案的新建档案（不在册）；"
		  "同一案件的犯罪嫌疑人自动登记为同案关系。任何一行有错误时不导入任何数据，"
		  "请按检查报告改正后重新导入。");
	xlsx_row_end(x);
	buf_release(&b);
	return xlsx_close(x, err);
}
