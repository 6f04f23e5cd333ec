/* page-case.c - one case's page: its steps, seizures and grading, destructions, suspects, assets, and the forms to add each. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/cases.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/server.h"

/* What the page needs besides the case file. */
struct page {
	struct req *r;
	struct buf *b;
	const struct case_file *f;
	const struct policy *pol;
	int write;           /* may record: W on the module, and the case not closed */
	int write_any;       /* W on the module: destructions, measures, assets still open */
	const char *base;    /* "/cases/ID" */
};

static void cell(struct buf *b, const char *s)
{
	html_raw_trusted(b, "<td>");
	html_text(b, s && *s ? s : "—");
	html_raw_trusted(b, "</td>");
}

static void date_cell(struct buf *b, int ymd)
{
	html_raw_trusted(b, "<td>");
	html_date(b, ymd);
	html_raw_trusted(b, "</td>");
}

static void heads(struct buf *b, const char *id, const char *const *labels)
{
	html_rawf_trusted(b, "<table class=\"grid compact\" id=\"%s\"><thead><tr>", id);
	for (; *labels; labels++) {
		html_raw_trusted(b, "<th>");
		html_text(b, _(*labels));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
}

static void empty_row(struct buf *b, int cols, const char *msg)
{
	html_rawf_trusted(b, "<tr><td colspan=\"%d\" class=\"empty\">", cols);
	html_text(b, _(msg));
	html_raw_trusted(b, "</td></tr>");
}

static void kv(struct buf *b, const char *label, const char *value)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, label);
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, value && *value ? value : "—");
	html_raw_trusted(b, "</dd></div>");
}

static const char *day(struct req *r, int ymd)
{
	char *s = arena_alloc(&r->arena, 11);
	ymd_format(ymd, s);
	return ymd ? s : "";
}

static const char *today_str(struct req *r)
{
	return day(r, ymd_today());
}

/* One of the page's forms, folded away under a button. */
static void act_begin(struct page *pg, struct form *f, const char *summary, const char *action,
		      const char *id)
{
	html_raw_trusted(pg->b, "<details class=\"act\"><summary>");
	html_text(pg->b, _(summary));
	html_raw_trusted(pg->b, "</summary>");
	f->r = pg->r;
	f->b = pg->b;
	f->errs = NULL;
	f->nerr = 0;
	f->scope = id;
	form_begin(f, arena_printf(&pg->r->arena, "%s%s", pg->base, action), id);
}

static void act_end(struct page *pg, struct form *f, const char *submit)
{
	form_end(f, submit, NULL);
	html_raw_trusted(pg->b, "</details>");
}

/* ---- the case and its steps ---- */

static void toolbar(struct page *pg)
{
	const struct drug_case *c = &pg->f->c;
	struct buf *b = pg->b;
	const int on[] = { c->early, c->target, c->online, c->small_packets };
	unsigned next = case_next_steps(c->status);
	struct choice steps[CS_COUNT + 1];
	struct form f;
	int i, n = 0;

	html_raw_trusted(b, "<div class=\"toolbar\">");
	html_rawf_trusted(b, "<span class=\"status cs-%s\" id=\"case-status\">",
			  case_status_from_key(c->status) >= 0 ? c->status : "other");
	html_text(b, _(choice_label(case_statuses, c->status)));
	html_raw_trusted(b, "</span>");
	for (i = 0; case_flags[i].key; i++) {
		if (!on[i])
			continue;
		html_rawf_trusted(b, " <span class=\"tag flag-%s\">", case_flags[i].key);
		html_text(b, _(case_flags[i].label));
		html_raw_trusted(b, "</span>");
	}
	if (pg->write_any) {
		html_raw_trusted(b, " <a class=\"button\" href=\"");
		html_attr(b, arena_printf(&pg->r->arena, "%s/edit", pg->base));
		html_raw_trusted(b, "\">");
		html_text(b, _("编辑案件"));
		html_raw_trusted(b, "</a>");
	}
	for (i = 0; i < CS_COUNT; i++)
		if (next & (1u << i)) {
			steps[n].key = case_statuses[i].key;
			/* back from 移送起诉 to 侦查 is the procuratorate's return */
			steps[n++].label = i == CS_INVESTIGATING &&
							   case_status_from_key(c->status) == CS_REFERRED
						   ? N_("退回补充侦查")
						   : case_statuses[i].label;
		}
	steps[n].key = steps[n].label = NULL;
	if (pg->write_any && n) {
		act_begin(pg, &f, N_("办理下一环节"), "/steps", "step");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_select(&f, "status", N_("办理环节"), NULL, steps, NULL, 1);
		form_input(&f, "date", N_("日期"), today_str(pg->r), "date", 1, NULL);
		form_input(&f, "doc_no", N_("文书编号"), "", "text", 0, NULL);
		form_input(&f, "note", N_("备注"), "", "text", 0, NULL);
		html_raw_trusted(b, "</div>");
		act_end(pg, &f, N_("办理"));
	}
	html_raw_trusted(b, "</div>");
}

static void details_panel(struct page *pg)
{
	const struct drug_case *c = &pg->f->c;
	struct req *r = pg->r;
	struct buf *b = pg->b;

	html_raw_trusted(b, "<section class=\"panel\" id=\"details\"><h2>");
	html_text(b, _("基本情况"));
	html_raw_trusted(b, "</h2><dl class=\"kvs\">");
	kv(b, _("案件编号"), c->number);
	kv(b, _("案件名称"), c->name);
	kv(b, _("案件类别"), _(case_type_label(pg->pol, c->type)));
	kv(b, _("线索来源"), _(choice_label(case_sources, c->source)));
	kv(b, _("所属辖区"), c->division_name);
	kv(b, _("办案单位"), c->unit_name);
	kv(b, _("办案民警"), c->officers);
	kv(b, _("案发地点"), c->place);
	kv(b, _("案发日期"), day(r, c->occurred_date));
	kv(b, _("受理日期"), day(r, c->accepted_date));
	kv(b, _("简要案情"), c->description);
	html_raw_trusted(b, "</dl></section>");
}

static void steps_panel(struct page *pg)
{
	static const char *const cols[] = { N_("办理环节"), N_("日期"), N_("文书编号"), N_("备注"),
					    N_("录入人"), NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	int i;

	html_raw_trusted(b, "<section class=\"panel\" id=\"steps\"><h2>");
	html_text(b, _("办理过程"));
	html_raw_trusted(b, "</h2>");
	heads(b, "step-list", cols);
	for (i = 0; i < f->nsteps; i++) {
		const struct case_step *s = &f->steps[i];
		int back = i > 0 && !strcmp(s->status, "investigating") &&
			   !strcmp(f->steps[i - 1].status, "referred");
		html_raw_trusted(b, "<tr>");
		cell(b, back ? _("退回补充侦查") : _(choice_label(case_statuses, s->status)));
		date_cell(b, s->date);
		cell(b, s->doc_no);
		cell(b, s->note);
		cell(b, s->user_name);
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></section>");
}

/* ---- seizures, grading, destructions ---- */

static const char *weight(struct req *r, const struct policy *pol, const char *drug, int64_t ug)
{
	const struct drug_def *d = drug_by_key(pol, drug);
	char w[32];
	int unit = d ? d->unit : DRUG_UNIT_G;
	return arena_printf(&r->arena, "%s %s", drug_weight_format(ug, unit, w),
			    _(drug_unit_label(unit)));
}

static const char *drug_name(const struct policy *pol, const char *key)
{
	const struct drug_def *d = drug_by_key(pol, key);
	return d ? _(d->name) : key;
}

static void grade_spans(struct buf *b, int legal, int police)
{
	html_rawf_trusted(b, "<span class=\"grade g-%s\">", case_grade_labels[police + 1].key);
	html_text(b, _(case_grade_label(police)));
	html_rawf_trusted(b, "</span> <span class=\"qclass q-%s\">", drug_class_labels[legal + 1].key);
	html_text(b, _(drug_class_label(legal)));
	html_raw_trusted(b, "</span>");
}

static void totals_table(struct page *pg)
{
	static const char *const cols[] = { N_("毒品种类"), N_("合计重量"), N_("零包包数"),
					    N_("缴获次数"), N_("数量认定"), N_("案件等级"), NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	struct case_grading g;
	int i;

	drug_grade_case(pg->pol, f->totals, f->ntotals, &g);
	html_raw_trusted(b, "<p id=\"case-grade\">");
	html_text(b, _("案件等级："));
	grade_spans(b, g.legal, g.police);
	html_raw_trusted(b, " <span class=\"small muted\">");
	html_text(b, pg->pol->drug_combine == DRUG_COMBINE_SHARES
			     ? _("（不同毒品按各自标准的比例累加）")
			     : _("（不同毒品的重量不累加，按其中最高的一种认定）"));
	html_raw_trusted(b, "</span></p>");
	html_raw_trusted(b, "<h3>");
	html_text(b, _("按毒品种类合计"));
	html_raw_trusted(b, "</h3>");
	heads(b, "seizure-totals", cols);
	for (i = 0; i < f->ntotals; i++) {
		const struct seizure_total *t = &f->totals[i];
		const struct drug_def *d = drug_by_key(pg->pol, t->drug);
		int c = drug_class_of(d, t->weight_ug), gr = drug_grade_of(d, t->weight_ug);
		html_raw_trusted(b, "<tr>");
		cell(b, drug_name(pg->pol, t->drug));
		html_raw_trusted(b, "<td class=\"n\">");
		html_text(b, weight(pg->r, pg->pol, t->drug, t->weight_ug));
		html_raw_trusted(b, "</td><td class=\"n\">");
		html_count(b, t->packets);
		html_raw_trusted(b, "</td><td class=\"n\">");
		html_count(b, t->seizures);
		html_rawf_trusted(b, "</td><td><span class=\"qclass q-%s\">",
				  drug_class_labels[c + 1].key);
		html_text(b, _(drug_class_label(c)));
		html_rawf_trusted(b, "</span></td><td><span class=\"grade g-%s\">",
				  case_grade_labels[gr + 1].key);
		html_text(b, _(case_grade_label(gr)));
		html_raw_trusted(b, "</span></td></tr>");
	}
	if (!f->ntotals)
		empty_row(b, 6, N_("尚未录入缴获毒品"));
	html_raw_trusted(b, "</tbody></table>");
}

static void seizure_rows(struct page *pg)
{
	static const char *const cols[] = { N_("毒品种类"), N_("重量"), N_("含量"), N_("零包包数"),
					    N_("缴获地点"), N_("缴获日期"), N_("销毁"), NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	int i;

	html_raw_trusted(b, "<h3>");
	html_text(b, _("缴获明细"));
	html_raw_trusted(b, "</h3>");
	heads(b, "seizure-list", cols);
	for (i = 0; i < f->nseizures; i++) {
		const struct seizure *s = &f->seizures[i];
		html_raw_trusted(b, "<tr>");
		cell(b, drug_name(pg->pol, s->drug));
		html_raw_trusted(b, "<td class=\"n\">");
		html_text(b, weight(pg->r, pg->pol, s->drug, s->weight_ug));
		html_raw_trusted(b, "</td>");
		cell(b, s->purity < 0 ? "" : arena_printf(&pg->r->arena, "%d.%d%%", s->purity / 10,
							  s->purity % 10));
		html_raw_trusted(b, "<td class=\"n\">");
		html_count(b, s->packets);
		html_raw_trusted(b, "</td>");
		cell(b, s->place);
		date_cell(b, s->date);
		cell(b, s->destruction_id ? _("已销毁") : _("未销毁"));
		html_raw_trusted(b, "</tr>");
	}
	if (!f->nseizures)
		empty_row(b, 7, N_("尚未录入缴获毒品"));
	html_raw_trusted(b, "</tbody></table>");
}

static void seizure_form(struct page *pg)
{
	struct form f;
	act_begin(pg, &f, N_("录入缴获毒品"), "/seizures", "seizure");
	html_raw_trusted(pg->b, "<div class=\"cols\">");
	form_select(&f, "drug", N_("毒品种类"), NULL, cases_drug_choices(pg->r, pg->pol), "", 1);
	form_input(&f, "weight", N_("重量"), "", "text", 1,
		   N_("按目录中的单位（克；二氢埃托啡为毫克），精确到 0.01"));
	form_input(&f, "purity", N_("含量（%）"), "", "text", 0, N_("未鉴定可不填"));
	form_input(&f, "packets", N_("零包包数"), "0", "number", 0, NULL);
	form_input(&f, "place", N_("缴获地点"), "", "text", 0, NULL);
	form_input(&f, "date", N_("缴获日期"), today_str(pg->r), "date", 1, NULL);
	form_input(&f, "note", N_("备注"), "", "text", 0, NULL);
	html_raw_trusted(pg->b, "</div>");
	act_end(pg, &f, N_("保存"));
}

static void destruction_section(struct page *pg)
{
	static const char *const cols[] = { N_("销毁日期"), N_("销毁地点"), N_("见证人"), N_("备注"),
					    NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	struct form fm;
	int i, open = 0;

	html_raw_trusted(b, "<h3>");
	html_text(b, _("公开销毁"));
	html_raw_trusted(b, "</h3>");
	heads(b, "destruction-list", cols);
	for (i = 0; i < f->ndestructions; i++) {
		const struct destruction *d = &f->destructions[i];
		html_raw_trusted(b, "<tr>");
		date_cell(b, d->date);
		cell(b, d->place);
		cell(b, d->witnesses);
		cell(b, d->note);
		html_raw_trusted(b, "</tr>");
	}
	if (!f->ndestructions)
		empty_row(b, 4, N_("尚无销毁记录"));
	html_raw_trusted(b, "</tbody></table>");
	for (i = 0; i < f->nseizures; i++)
		open += !f->seizures[i].destruction_id;
	if (!pg->write_any || !open)
		return;
	act_begin(pg, &fm, N_("登记公开销毁"), "/destructions", "destruction");
	html_raw_trusted(b, "<fieldset class=\"field checks\"><legend>");
	html_text(b, _("销毁的缴获毒品"));
	html_raw_trusted(b, "</legend>");
	for (i = 0; i < f->nseizures; i++) {
		const struct seizure *s = &f->seizures[i];
		if (s->destruction_id)
			continue;
		html_rawf_trusted(b, "<label class=\"check\"><input type=\"checkbox\" name=\"seizure\" "
				     "value=\"%" PRId64 "\" checked> ", s->id);
		html_textf(b, "%s %s（%s）", drug_name(pg->pol, s->drug),
			   weight(pg->r, pg->pol, s->drug, s->weight_ug), day(pg->r, s->date));
		html_raw_trusted(b, "</label>");
	}
	html_raw_trusted(b, "</fieldset><div class=\"cols\">");
	form_input(&fm, "date", N_("销毁日期"), today_str(pg->r), "date", 1, NULL);
	form_input(&fm, "place", N_("销毁地点"), "", "text", 1, NULL);
	form_input(&fm, "witnesses", N_("见证人"), "", "text", 1,
		   N_("如 县检察院、县禁毒办、群众代表"));
	form_input(&fm, "note", N_("备注"), "", "text", 0, NULL);
	html_raw_trusted(b, "</div>");
	act_end(pg, &fm, N_("保存"));
}

static void seizures_panel(struct page *pg)
{
	html_raw_trusted(pg->b, "<section class=\"panel\" id=\"seizures\"><h2>");
	html_text(pg->b, _("缴获毒品"));
	html_raw_trusted(pg->b, "</h2>");
	totals_table(pg);
	seizure_rows(pg);
	if (pg->write)
		seizure_form(pg);
	destruction_section(pg);
	html_raw_trusted(pg->b, "</section>");
}

/* ---- suspects ---- */

static void measure_form(struct page *pg, const struct case_suspect *s)
{
	struct form f;
	const char *id = arena_printf(&pg->r->arena, "measure-%" PRId64, s->id);
	act_begin(pg, &f, N_("录入强制措施或诉讼结果"),
		  arena_printf(&pg->r->arena, "/suspects/%" PRId64 "/measures", s->id), id);
	html_raw_trusted(pg->b, "<div class=\"cols\">");
	form_select(&f, "kind", N_("事项"), NULL, case_measure_kinds, NULL, 1);
	form_input(&f, "date", N_("日期"), today_str(pg->r), "date", 1, NULL);
	form_input(&f, "doc_no", N_("文书编号"), "", "text", 0, NULL);
	form_input(&f, "sentence", N_("判决结果（刑期）"), "", "text", 0,
		   N_("判决时填写，如 有期徒刑七年，并处罚金人民币一万元"));
	html_raw_trusted(pg->b, "</div>");
	act_end(pg, &f, N_("保存"));
}

static void suspect_measures(struct page *pg, const struct case_suspect *s)
{
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	int i, any = 0;

	html_raw_trusted(b, "<ul class=\"measures\">");
	for (i = 0; i < f->nmeasures; i++) {
		const struct suspect_measure *m = &f->measures[i];
		if (m->suspect_id != s->id)
			continue;
		any = 1;
		html_raw_trusted(b, "<li>");
		html_text(b, _(choice_label(case_measure_kinds, m->kind)));
		html_raw_trusted(b, " ");
		html_date(b, m->date);
		if (*m->doc_no || *m->sentence) {
			html_raw_trusted(b, " <span class=\"muted\">");
			html_text(b, *m->sentence ? m->sentence : m->doc_no);
			html_raw_trusted(b, "</span>");
		}
		html_raw_trusted(b, "</li>");
	}
	if (!any) {
		html_raw_trusted(b, "<li class=\"muted\">");
		html_text(b, _("尚无强制措施"));
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul>");
}

static void suspect_name(struct page *pg, const struct case_suspect *s)
{
	struct req *r = pg->r;
	struct buf *b = pg->b;

	if (!cases_persons_clear(r)) {
		/* masked: the name's first character, nothing that finds the file */
		html_raw_trusted(b, "<span class=\"masked\">");
		html_text(b, cases_suspect_name(r, s));
		html_raw_trusted(b, "</span>");
		if (s->outflow) {
			html_raw_trusted(b, " <span class=\"tag outflow\">");
			html_text(b, _("外流贩毒"));
			html_raw_trusted(b, "</span>");
		}
		return;
	}
	/* the person's file opens for those who may read files of that area */
	if (division_in(s->person_division, r->user.division_prefix))
		html_link(b, arena_printf(&r->arena, "/persons/%" PRId64, s->person_id),
			  s->person_name);
	else
		html_text(b, s->person_name);
	if (s->person_registered) {
		html_raw_trusted(b, " <span class=\"tag registered\">");
		html_text(b, _("已登记吸毒人员"));
		html_raw_trusted(b, "</span>");
	}
	if (s->outflow) {
		html_raw_trusted(b, " <span class=\"tag outflow\">");
		html_text(b, _("外流贩毒"));
		html_raw_trusted(b, "</span>");
	}
	html_raw_trusted(b, "<br><span class=\"mono small\">");
	html_text(b, s->person_id_masked);
	html_raw_trusted(b, "</span>");
}

static const char *place_of(struct req *r, const char *name, const char *code)
{
	if (name && *name)
		return name;
	return code && *code ? arena_strdup(&r->arena, code) : "";
}

static void suspect_form(struct page *pg)
{
	struct form f;
	act_begin(pg, &f, N_("添加犯罪嫌疑人"), "/suspects", "suspect");
	html_raw_trusted(pg->b, "<div class=\"cols\">");
	form_input(&f, "id_number", N_("身份证号"), "", "text", 1,
		   N_("已有档案（含已登记吸毒人员）的自动关联，不重复建档"));
	form_input(&f, "name", N_("姓名"), "", "text", 0, N_("尚无档案时必填"));
	form_select(&f, "role", N_("作用"), NULL, case_suspect_roles, NULL, 1);
	form_input(&f, "home_division", N_("户籍地区划代码"), "", "text", 0,
		   N_("9位乡镇代码；已有档案的取档案中的户籍地"));
	form_input(&f, "caught_date", N_("抓获日期"), today_str(pg->r), "date", 0, NULL);
	form_input(&f, "caught_place", N_("抓获地点"), "", "text", 0, NULL);
	form_input(&f, "caught_division", N_("抓获地区划代码"), "", "text", 0,
		   N_("在外地抓获的填写当地代码，用于统计外流贩毒"));
	form_input(&f, "phone", N_("联系电话"), "", "tel", 0, NULL);
	form_input(&f, "note", N_("备注"), "", "text", 0, NULL);
	html_raw_trusted(pg->b, "</div>");
	act_end(pg, &f, N_("添加"));
}

/* A link to the network of the case's suspects (the group they are in,
 * linked 同案), drawn from the first suspect seen from the user's area. */
static int network_link(struct page *pg)
{
	const struct case_file *f = pg->f;
	struct req *r = pg->r;
	struct buf err = BUF_INIT;
	struct net_entity e;
	int i, rc = STORE_NOTFOUND, seen = 0;

	for (i = 0; i < f->nsuspects && !seen; i++) {
		rc = store_net_entity_of_person(req_db(r), f->suspects[i].person_id, &r->arena, &e,
						&err);
		if (rc == 0)
			rc = store_net_entity_seen(req_db(r), e.id, r->user.division_prefix, &seen,
						   &err);
		if (rc < 0) {
			fprintf(stderr, "jindu: case network: %s\n", err.buf);
			buf_release(&err);
			return -1;
		}
	}
	buf_release(&err);
	if (!seen)
		return 0;
	html_raw_trusted(pg->b, "<p><a class=\"button\" id=\"case-network\" href=\"");
	html_attr(pg->b, arena_printf(&r->arena, "/network/%" PRId64, e.id));
	html_raw_trusted(pg->b, "\">");
	html_text(pg->b, f->nsuspects > 1 ? _("查看本案犯罪嫌疑人的关系网络") : _("查看关系网络"));
	html_raw_trusted(pg->b, "</a></p>");
	return 0;
}

static int suspects_panel(struct page *pg)
{
	static const char *const cols[] = { N_("姓名 / 身份证号"), N_("作用"), N_("户籍地"),
					    N_("抓获"), N_("强制措施及诉讼"), NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	int i;

	html_raw_trusted(b, "<section class=\"panel\" id=\"suspects\"><h2>");
	html_text(b, _("犯罪嫌疑人"));
	html_raw_trusted(b, "</h2>");
	heads(b, "suspect-list", cols);
	for (i = 0; i < f->nsuspects; i++) {
		const struct case_suspect *s = &f->suspects[i];
		html_rawf_trusted(b, "<tr id=\"suspect-%" PRId64 "\"><td>", s->id);
		suspect_name(pg, s);
		html_raw_trusted(b, "</td>");
		cell(b, _(choice_label(case_suspect_roles, s->role)));
		cell(b, place_of(pg->r, s->home_name, s->home_division));
		html_raw_trusted(b, "<td>");
		html_date(b, s->caught_date);
		html_raw_trusted(b, " ");
		html_text(b, *s->caught_place ? s->caught_place
					      : place_of(pg->r, s->caught_name, s->caught_division));
		html_raw_trusted(b, "</td><td>");
		suspect_measures(pg, s);
		if (pg->write_any)
			measure_form(pg, s);
		html_raw_trusted(b, "</td></tr>");
	}
	if (!f->nsuspects)
		empty_row(b, 5, N_("尚未录入犯罪嫌疑人"));
	html_raw_trusted(b, "</tbody></table>");
	if (network_link(pg) < 0)
		return -1;
	if (pg->write)
		suspect_form(pg);
	html_raw_trusted(b, "</section>");
	return 0;
}

/* ---- assets ---- */

static void assets_panel(struct page *pg)
{
	static const char *const cols[] = { N_("类别"), N_("种类"), N_("说明"), N_("金额（元）"),
					    N_("查扣日期"), NULL };
	const struct case_file *f = pg->f;
	struct buf *b = pg->b;
	int64_t sum[2] = { 0, 0 };
	char amount[32];
	struct form fm;
	int i;

	html_raw_trusted(b, "<section class=\"panel\" id=\"assets\"><h2>");
	html_text(b, _("毒资和涉毒资产"));
	html_raw_trusted(b, "</h2>");
	heads(b, "asset-list", cols);
	for (i = 0; i < f->nassets; i++) {
		const struct case_asset *x = &f->assets[i];
		sum[!strcmp(x->category, "asset")] += x->amount_fen;
		html_raw_trusted(b, "<tr>");
		cell(b, _(choice_label(case_asset_categories, x->category)));
		cell(b, _(choice_label(case_asset_kinds, x->kind)));
		cell(b, x->description);
		html_raw_trusted(b, "<td class=\"n\">");
		html_text(b, case_amount_format(x->amount_fen, amount));
		html_raw_trusted(b, "</td>");
		date_cell(b, x->date);
		html_raw_trusted(b, "</tr>");
	}
	if (!f->nassets)
		empty_row(b, 5, N_("尚无查扣的毒资或涉毒资产"));
	html_raw_trusted(b, "</tbody>");
	if (f->nassets) {
		html_raw_trusted(b, "<tfoot><tr><th colspan=\"3\">");
		html_text(b, _("合计"));
		html_raw_trusted(b, "</th><td class=\"n\" colspan=\"2\" id=\"asset-totals\">");
		html_textf(b, _("毒资 %s 元"), case_amount_format(sum[0], amount));
		html_raw_trusted(b, "<br>");
		html_textf(b, _("涉毒资产 %s 元"), case_amount_format(sum[1], amount));
		html_raw_trusted(b, "</td></tr></tfoot>");
	}
	html_raw_trusted(b, "</table>");
	if (pg->write_any) {
		act_begin(pg, &fm, N_("录入毒资或涉毒资产"), "/assets", "asset");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_select(&fm, "category", N_("类别"), NULL, case_asset_categories, NULL, 1);
		form_select(&fm, "kind", N_("种类"), NULL, case_asset_kinds, NULL, 1);
		form_input(&fm, "amount", N_("金额（元）"), "", "text", 1, N_("精确到分，如 12000.50"));
		form_input(&fm, "date", N_("查扣日期"), today_str(pg->r), "date", 1, NULL);
		form_input(&fm, "description", N_("说明"), "", "text", 0,
			   N_("如 现金、车牌号、房产地址"));
		html_raw_trusted(b, "</div>");
		act_end(pg, &fm, N_("保存"));
	}
	html_raw_trusted(b, "</section>");
}

int cases_person_panel(struct req *r, struct buf *b, int64_t person_id)
{
	static const char *const cols[] = { N_("案件编号"), N_("案件名称"), N_("作用"),
					    N_("受理日期"), N_("办理阶段"), NULL };
	struct buf err = BUF_INIT;
	struct person_case *list;
	int n, i;

	if (!role_can(r->role, MOD_CASE, ACC_READ))
		return 0;
	if (store_person_cases(req_db(r), person_id, r->user.division_prefix, &r->arena, &list, &n,
			       &err) < 0) {
		fprintf(stderr, "jindu: person cases: %s\n", err.buf);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	if (!n)
		return 0;
	html_raw_trusted(b, "<section class=\"panel\" id=\"cases\"><h2>");
	html_text(b, _("涉案记录"));
	html_raw_trusted(b, "</h2>");
	heads(b, "person-cases", cols);
	for (i = 0; i < n; i++) {
		html_raw_trusted(b, "<tr><td class=\"mono\">");
		html_link(b, arena_printf(&r->arena, "/cases/%" PRId64, list[i].case_id),
			  list[i].number);
		html_raw_trusted(b, "</td>");
		cell(b, list[i].name);
		cell(b, _(choice_label(case_suspect_roles, list[i].role)));
		date_cell(b, list[i].accepted_date);
		html_raw_trusted(b, "<td>");
		html_rawf_trusted(b, "<span class=\"status cs-%s\">",
				  case_status_from_key(list[i].status) >= 0 ? list[i].status : "other");
		html_text(b, _(choice_label(case_statuses, list[i].status)));
		html_raw_trusted(b, "</span></td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></section>");
	return 0;
}

/* Notices after a recorded change (?done=KEY): fixed texts, never from the URL. */
static const struct choice done_notices[] = {
	{ "step", N_("已办理") },
	{ "seizure", N_("已录入缴获毒品") },
	{ "destruction", N_("已登记公开销毁") },
	{ "suspect", N_("已添加犯罪嫌疑人") },
	{ "suspect_new", N_("已添加犯罪嫌疑人：该身份证号尚无档案，已新建人员档案（不在册）") },
	{ "suspect_registered", N_("已添加犯罪嫌疑人：该人员是已登记吸毒人员，已关联其档案") },
	{ "measure", N_("已录入强制措施") },
	{ "asset", N_("已录入毒资或涉毒资产") },
	{ "saved", N_("已保存") },
	{ NULL, NULL }
};

int page_case(struct req *r, struct resp *w)
{
	const struct choice *done = choice_find(done_notices, req_query(r, "done"));
	return cases_render_page(r, w, cases_path_id(r, "id"), done ? _(done->label) : NULL, 0);
}

int cases_render_page(struct req *r, struct resp *w, int64_t id, const char *notice, int error)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct case_file f;
	struct policy pol;
	struct page pg;
	struct crumb crumbs[2] = { { N_("毒品案件"), "/cases" }, { NULL, NULL } };
	int rc;

	rc = control_policy(req_db(r), &pol, &err);
	if (rc == 0)
		rc = id ? case_open(req_db(r), &r->actor, id, cases_persons_clear(r), &r->arena, &f,
				    &err)
			: STORE_NOTFOUND;
	if (rc < 0) {
		fprintf(stderr, "jindu: case: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该案件，或不在您的辖区内"), NULL);
	memset(&pg, 0, sizeof(pg));
	pg.r = r;
	pg.b = b;
	pg.f = &f;
	pg.pol = &pol;
	pg.write_any = role_can(r->role, MOD_CASE, ACC_WRITE);
	pg.write = pg.write_any && !case_closed(&f.c);
	pg.base = arena_printf(&r->arena, "/cases/%" PRId64, id);
	crumbs[1].label = f.c.name;
	layout_begin(r, w, f.c.name, MOD_CASE, crumbs, 2);
	if (notice) {
		html_raw_trusted(b, error ? "<div class=\"notice error\" role=\"alert\">"
					  : "<div class=\"notice\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	if (!cases_persons_clear(r) && f.nsuspects) {
		html_raw_trusted(b, "<div class=\"notice\" id=\"suspects-masked\">");
		html_text(b, _("您的角色不能查阅人员档案：犯罪嫌疑人的姓名已作脱敏显示，不显示身份证号。"));
		html_raw_trusted(b, "</div>");
	}
	toolbar(&pg);
	html_raw_trusted(b, "<div class=\"panels\">");
	details_panel(&pg);
	steps_panel(&pg);
	html_raw_trusted(b, "</div>");
	seizures_panel(&pg);
	if (suspects_panel(&pg) < 0) {
		buf_reset(b);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	assets_panel(&pg);
	html_raw_trusted(b, "<p class=\"small muted\">");
	html_text(b, cases_persons_clear(r) ? _("本次查阅（含犯罪嫌疑人信息）已记入审计日志。")
					    : _("本次查阅已记入审计日志。"));
	html_raw_trusted(b, "</p>");
	layout_end(r, w);
	return error ? 422 : 200;
}
