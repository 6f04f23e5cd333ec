/* xlsx-persons.c - the persons list as .xlsx (masked ID numbers) and the import template. */
#include "report/xlsx-persons.h"

#include <string.h>

#include "domain/person.h"
#include "import/import-persons.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* ---- the list ---- */

static const struct {
	const char *header;
	double width;
} list_columns[] = {
	{ N_("姓名"), 10 },         { N_("性别"), 6 },          { N_("出生日期"), 12 },
	{ N_("身份证号"), 21 },     { N_("管控责任地"), 24 },   { N_("在册情况"), 9 },
	{ N_("管控状态"), 12 },     { N_("成瘾认定"), 13 },     { N_("滥用毒品种类"), 24 },
	{ N_("初次发现日期"), 13 }, { N_("初次发现单位"), 22 }, { N_("联系电话"), 15 },
	{ N_("现居住地址"), 36 },
};
#define NLIST ((int)(sizeof(list_columns) / sizeof(list_columns[0])))

struct xlsx *xlsx_persons_begin(const char *path, struct buf *err)
{
	struct xlsx_column cols[NLIST];
	struct xlsx *x = xlsx_new(path, err);
	int i;

	if (!x)
		return NULL;
	for (i = 0; i < NLIST; i++) {
		cols[i].header = _(list_columns[i].header);
		cols[i].width = list_columns[i].width;
		cols[i].required = 0;
		cols[i].text = 0;
	}
	xlsx_sheet(x, _("吸毒人员档案"), cols, NLIST, 1);
	return x;
}

/* Labels of comma-separated keys, joined by the language's list separator. */
static void labels(struct buf *out, const struct choice *list, const char *keys)
{
	const char *p = keys;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char key[64];
		if (len < sizeof(key)) {
			memcpy(key, p, len);
			key[len] = '\0';
			if (out->len)
				buf_adds(out, _("、"));
			buf_adds(out, _(choice_label(list, key)));
		}
		p = comma ? comma + 1 : NULL;
	}
}

void xlsx_persons_row(struct xlsx *x, const struct person *p, const char *place)
{
	struct buf drugs = BUF_INIT;
	char birth[11] = "", found[11] = "";
	const char *id = p->id_masked && *p->id_masked ? p->id_masked : "";

	if (p->birth_date)
		ymd_format(p->birth_date, birth);
	if (p->first_found_date)
		ymd_format(p->first_found_date, found);
	labels(&drugs, person_drug_types, p->drug_types);
	xlsx_cell(x, 0, p->name);
	xlsx_cell(x, 1, p->sex && !strcmp(p->sex, "M") ? _("男") : _("女"));
	xlsx_cell(x, 2, birth);
	xlsx_cell(x, 3, id); /* masked: an export never carries a full ID number */
	xlsx_cell(x, 4, place ? place : p->division_name);
	xlsx_cell(x, 5, p->registered ? _("在册") : _("隐性"));
	xlsx_cell(x, 6, _(choice_label(person_control_statuses, p->control_status)));
	xlsx_cell(x, 7, _(choice_label(person_addiction_levels, p->addiction)));
	xlsx_cell(x, 8, drugs.buf);
	xlsx_cell(x, 9, found);
	xlsx_cell(x, 10, p->first_found_unit);
	xlsx_cell(x, 11, p->phone);
	xlsx_cell(x, 12, p->residence_address);
	xlsx_row_end(x);
	buf_release(&drugs);
}

/* ---- the import template ---- */

static void choice_list(struct buf *out, const struct choice *list)
{
	for (; list->key; list++) {
		if (out->len)
			buf_adds(out, "、");
		buf_adds(out, list->label);
	}
}

/* What may be written in column c, for the instructions sheet. */
static void allowed(struct buf *out, const struct import_column *c, const char *const *towns,
		    int ntowns)
{
	int i;
	if (c->choices) {
		choice_list(out, c->choices);
	} else if (c->kind == IMPORT_REGISTERED) {
		buf_adds(out, "在册、隐性");
	} else if (c->kind == IMPORT_DIVISION && ntowns) {
		for (i = 0; i < ntowns; i++) {
			if (i)
				buf_adds(out, "、");
			buf_adds(out, towns[i]);
		}
		buf_adds(out, "，及其下属村（社区）");
	}
}

int xlsx_persons_template(const char *path, const char *const *towns, int ntowns,
			  struct buf *err)
{
	static const struct xlsx_column help_cols[] = {
		{ "列名", 16, 0, 0 }, { "是否必填", 9, 0, 0 }, { "填写要求", 0, 0, 0 },
		{ "可填写的值", 0, 0, 0 }, { "也可使用的列名", 0, 0, 0 },
	};
	struct xlsx_column cols[32];
	const char *example[32], *s;
	struct buf b = BUF_INIT;
	struct xlsx *x = xlsx_new(path, err);
	int i, n = import_person_ncolumns < 32 ? import_person_ncolumns : 32;

	if (!x)
		return -1;
	for (i = 0; i < n; i++) {
		const struct import_column *c = &import_person_columns[i];
		cols[i].header = c->header;
		cols[i].width = c->kind == IMPORT_ID ? 21 : strlen(c->header) > 12 ? 14 : 12;
		if (!strcmp(c->field, "note") || (c->kind == IMPORT_TEXT && strstr(c->header, "址")))
			cols[i].width = 28;
		cols[i].required = c->required;
		/* typed in as text, IDs and phone numbers keep every digit */
		cols[i].text = c->kind == IMPORT_ID || c->kind == IMPORT_CODE ||
			       c->kind == IMPORT_DATE || !strcmp(c->field, "phone");
		example[i] = c->kind == IMPORT_DIVISION && ntowns ? towns[0] : c->example;
	}
	xlsx_sheet(x, "吸毒人员", cols, n, 0);
	xlsx_row(x, example, n);

	xlsx_sheet(x, "填写说明", help_cols, 5, 0);
	xlsx_wrap_column(x, 2, 48);
	xlsx_wrap_column(x, 3, 48);
	xlsx_wrap_column(x, 4, 30);
	for (i = 0; i < n; i++) {
		const struct import_column *c = &import_person_columns[i];
		buf_reset(&b);
		allowed(&b, c, towns, ntowns);
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
	xlsx_cell(x, 2, "第一张表的第 1 行是列名，从第 2 行起每行一人。红色列名为必填列；"
			"列的顺序可以调整，不认识的列会被忽略。第 2 行是示例，导入时自动跳过，"
			"也可以删除。已有档案的身份证号会跳过，不会重复建档。"
			"任何一行有错误时不导入任何数据，请按报告改正后重新导入。");
	xlsx_row_end(x);
	buf_release(&b);
	return xlsx_close(x, err);
}
