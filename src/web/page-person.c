/* page-person.c - one person's file: view (audited), new and edit forms. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/measure.h"
#include "domain/person.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "web/cases.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/network.h"
#include "web/persons.h"
#include "web/server.h"

int64_t persons_path_id(struct req *r)
{
	const char *s = req_path_param(r, "id");
	char *end;
	long long id;
	if (!s || !*s)
		return 0;
	id = strtoll(s, &end, 10);
	return *end || id <= 0 ? 0 : id;
}

void persons_input_from_form(struct req *r, struct person_input *in)
{
	memset(in, 0, sizeof(*in));
	in->id_number = req_form(r, "id_number");
	in->name = req_form(r, "name");
	in->alias = req_form(r, "alias");
	in->ethnicity = req_form(r, "ethnicity");
	in->phone = req_form(r, "phone");
	in->household_division = req_form(r, "household_division");
	in->household_address = req_form(r, "household_address");
	in->residence_address = req_form(r, "residence_address");
	in->division = req_form(r, "division");
	in->registered = req_form(r, "registered");
	in->control_status = req_form(r, "control_status");
	in->addiction = req_form(r, "addiction");
	in->drug_types = req_form_joined(r, "drug_types");
	in->first_found_date = req_form(r, "first_found_date");
	in->first_found_unit = req_form(r, "first_found_unit");
	in->employment = req_form(r, "employment");
	in->special_status = req_form_joined(r, "special_status");
	in->note = req_form(r, "note");
	in->residence_division = req_form(r, "residence_division");
	in->addiction_date = req_form(r, "addiction_date");
	in->addiction_doc = req_form(r, "addiction_doc");
	in->family = req_form(r, "family");
	in->confirm_similar = req_form(r, "confirm_similar");
}

static void row(struct buf *b, const char *label, const char *value)
{
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, label);
	html_raw_trusted(b, "</dt><dd>");
	html_text(b, value && *value ? value : "—");
	html_raw_trusted(b, "</dd></div>");
}

const char *persons_labels(struct req *r, const struct choice *list, const char *keys)
{
	struct buf out = BUF_INIT;
	const char *p = keys, *res;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		char *key = arena_strndup(&r->arena, p, comma ? (size_t)(comma - p) : strlen(p));
		if (out.len)
			buf_adds(&out, _("、"));
		buf_adds(&out, _(choice_label(list, key)));
		p = comma ? comma + 1 : NULL;
	}
	res = arena_strdup(&r->arena, out.buf);
	buf_release(&out);
	return res;
}

static const char *date_str(struct req *r, int ymd)
{
	char *s = arena_alloc(&r->arena, 11);
	ymd_format(ymd, s);
	return s;
}

/* Notices after a recorded change (?done=KEY): fixed texts, never from the URL. */
static const struct choice done_notices[] = {
	{ "measure", N_("已决定戒毒措施") },   { "change", N_("已办理") },
	{ "test", N_("已记录检测") },          { "relapse", N_("已记录检测：结果阳性，已登记复吸，请按建议处理") },
	{ "contact", N_("已记录走访") },       { "absence", N_("已记录离开县域") },
	{ "assistance", N_("已记录帮扶") },    { "lost", N_("已标记脱管失控") },
	{ "resolved", N_("已处理") },          { "closed", N_("已撤档") },
	{ "transfer", N_("已申请变更执行地，待对方乡镇接收") },
	{ "transfer_in", N_("已接收：该人员的措施和档案已转入本辖区") },
	{ "photo", N_("已更新照片") },
	{ "assist", N_("已发起协查，待对方乡镇回复") },
	{ "methadone_added", N_("已记录该月美沙酮服药情况") },
	{ "methadone_updated", N_("已更新该月美沙酮服药情况") },
	{ "methadone_unchanged", N_("该月服药情况与已有记录相同，未作修改") },
	{ NULL, NULL }
};

/* The photo, if any (its own request, audited as a view), and for those
 * who may write a form to upload, replace or remove it. */
static void photo_block(struct req *r, struct buf *b, const struct person *p)
{
	struct buf err = BUF_INIT;
	int64_t updated = 0;
	int has = store_photo_updated(req_db(r), p->id, &updated, &err) == 0;

	buf_release(&err);
	if (!has && (!role_can(r->role, MOD_PERSON, ACC_WRITE) || p->closed_date))
		return;
	html_raw_trusted(b, "<div class=\"photo\">");
	if (has) {
		html_raw_trusted(b, "<img src=\"");
		html_attr(b, arena_printf(&r->arena, "/persons/%" PRId64 "/photo?v=%" PRId64, p->id,
					  updated));
		html_raw_trusted(b, "\" alt=\"");
		html_attr(b, _("照片"));
		html_raw_trusted(b, "\">");
	}
	if (role_can(r->role, MOD_PERSON, ACC_WRITE) && !p->closed_date) {
		struct form f = { r, b, NULL, 0, "photo" };
		const char *action = arena_printf(&r->arena, "/persons/%" PRId64 "/photo", p->id);
		html_raw_trusted(b, "<details class=\"act\"><summary>");
		html_text(b, has ? _("更换照片") : _("上传照片"));
		html_raw_trusted(b, "</summary>");
		form_begin_upload(&f, action, "photo");
		form_file(&f, "photo", N_("照片"), ".jpg,.jpeg,.png,image/jpeg,image/png", 1,
			  N_("JPEG 或 PNG，不超过 2 MB；加密保存"));
		form_end(&f, N_("上传"), NULL);
		if (has) {
			struct form g = { r, b, NULL, 0, "photo-remove" };
			form_begin(&g, action, "photo-remove");
			html_raw_trusted(b, "<input type=\"hidden\" name=\"remove\" value=\"1\">");
			form_end(&g, N_("删除照片"), NULL);
		}
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "</div>");
}

int page_person(struct req *r, struct resp *w)
{
	const struct choice *done = choice_find(done_notices, req_query(r, "done"));
	return persons_render_page(r, w, persons_path_id(r), done ? _(done->label) : NULL, 0);
}

int persons_render_page(struct req *r, struct resp *w, int64_t id, const char *notice, int error)
{
	struct buf *b = &w->body, err = BUF_INIT;
	struct person p;
	int rc, reveal = req_int(r, "reveal", 0, 0, 1) == 1;
	struct crumb crumbs[2] = { { N_("人员管控"), "/persons" }, { NULL, NULL } };
	char *path = NULL;

	rc = id ? person_open(req_db(r), &r->actor, id, &r->arena, &p, &err) : STORE_NOTFOUND;
	if (rc == 0 && reveal) {
		char idbuf[32];
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
		rc = audit_log_tx(req_db(r), &r->actor, "reveal", "person", idbuf, p.division,
				  "显示完整身份证号", NULL, &err);
	}
	if (rc == 0 && *p.household_division)
		store_division_path(req_db(r), p.household_division, &r->arena, &path, &err);
	if (rc < 0) {
		fprintf(stderr, "jindu: person: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);

	crumbs[1].label = p.name;
	layout_begin(r, w, p.name, MOD_PERSON, crumbs, 2);
	html_raw_trusted(b, "<div class=\"toolbar\">");
	html_rawf_trusted(b, "<span class=\"status s-%s\">",
			  choice_valid(person_control_statuses, p.control_status) ? p.control_status
										  : "other");
	html_text(b, _(choice_label(person_control_statuses, p.control_status)));
	html_raw_trusted(b, "</span>");
	if (p.closed_date) {
		html_raw_trusted(b, " <span class=\"tag\">");
		html_textf(b, _("已撤档：%s"), _(choice_label(person_close_reasons, p.closed_reason)));
		html_raw_trusted(b, "</span>");
	}
	if (role_can(r->role, MOD_PERSON, ACC_WRITE) && !p.closed_date) {
		struct form f = { r, b, NULL, 0, "close" };
		char today[11];
		html_raw_trusted(b, " <a class=\"button\" href=\"");
		html_attr(b, arena_printf(&r->arena, "/persons/%" PRId64 "/edit", id));
		html_raw_trusted(b, "\">");
		html_text(b, _("编辑档案"));
		html_raw_trusted(b, "</a><details class=\"act\"><summary>");
		html_text(b, _("撤档"));
		html_raw_trusted(b, "</summary>");
		form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/close", id), "close");
		html_raw_trusted(b, "<div class=\"cols\">");
		form_select(&f, "reason", N_("撤档原因"), NULL, person_close_reasons, NULL, 1);
		ymd_format(ymd_today(), today);
		form_input(&f, "date", N_("撤档日期"), today, "date", 1, NULL);
		html_raw_trusted(b, "</div>");
		form_end(&f, N_("撤档"), NULL);
		html_raw_trusted(b, "</details>");
	}
	html_raw_trusted(b, "</div>");
	if (notice) {
		html_raw_trusted(b, error ? "<div class=\"notice error\" role=\"alert\">"
					  : "<div class=\"notice\">");
		html_text(b, notice);
		html_raw_trusted(b, "</div>");
	}
	if (req_query(r, "existing")) {
		html_raw_trusted(b, "<div class=\"notice\">");
		html_text(b, _("该身份证号已有档案，已为您打开现有档案。"));
		html_raw_trusted(b, "</div>");
	}
	html_raw_trusted(b, "<section class=\"panel\"><h2>");
	html_text(b, _("身份信息"));
	html_raw_trusted(b, "</h2>");
	photo_block(r, b, &p);
	html_raw_trusted(b, "<dl class=\"kvs\">");
	row(b, _("姓名"), p.name);
	row(b, _("别名/绰号"), p.alias);
	html_raw_trusted(b, "<div class=\"kv\"><dt>");
	html_text(b, _("身份证号"));
	html_raw_trusted(b, "</dt><dd class=\"mono\">");
	html_text(b, reveal ? p.id_number : p.id_masked);
	if (!reveal) {
		html_raw_trusted(b, " <a class=\"small\" href=\"");
		html_attr(b, arena_printf(&r->arena, "/persons/%" PRId64 "?reveal=1", id));
		html_raw_trusted(b, "\">");
		html_text(b, _("显示完整号码（将记录审计）"));
		html_raw_trusted(b, "</a>");
	}
	html_raw_trusted(b, "</dd></div>");
	row(b, _("性别"), !strcmp(p.sex, "M") ? _("男") : _("女"));
	row(b, _("出生日期"), date_str(r, p.birth_date));
	row(b, _("民族"), *p.ethnicity ? _(p.ethnicity) : "");
	row(b, _("联系电话"), p.phone);
	row(b, _("户籍地"), path ? path : p.household_division);
	row(b, _("户籍地址"), p.household_address);
	row(b, _("现居住地址"), p.residence_address);
	row(b, _("管控责任地"), p.division_name);
	row(b, _("就业情况"), p.employment);
	row(b, _("家庭成员及联系方式"), p.family);
	html_raw_trusted(b, "</dl></section><section class=\"panel\"><h2>");
	html_text(b, _("涉毒情况"));
	html_raw_trusted(b, "</h2><dl class=\"kvs\">");
	row(b, _("在册情况"), p.registered ? _("在册") : _("隐性（不在册）"));
	row(b, _("成瘾认定"), *p.addiction_doc || p.addiction_date
		? arena_printf(&r->arena, "%s（%s %s）",
			       _(choice_label(person_addiction_levels, p.addiction)),
			       date_str(r, p.addiction_date), p.addiction_doc)
		: _(choice_label(person_addiction_levels, p.addiction)));
	row(b, _("滥用毒品种类"), persons_labels(r, person_drug_types, p.drug_types));
	row(b, _("初次发现日期"), date_str(r, p.first_found_date));
	row(b, _("初次发现单位"), p.first_found_unit);
	row(b, _("特殊人员类别"), persons_labels(r, person_special_statuses, p.special_status));
	row(b, _("备注"), p.note);
	network_person_row(r, b, &p);
	html_raw_trusted(b, "</dl></section>");
	if (person_control_sections(r, b, &p) < 0 || cases_person_panel(r, b, p.id) < 0) {
		buf_reset(b);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	html_raw_trusted(b, "<p class=\"small muted\">");
	{
		char created[20], updated[20];
		unix_format(p.created_at, created);
		unix_format(p.updated_at, updated);
		html_textf(b, _("建档 %s，最后修改 %s，版本 %lld。本次查阅已记入审计日志。"), created,
			   updated, (long long)p.version);
	}
	html_raw_trusted(b, "</p>");
	layout_end(r, w);
	return error ? 422 : 200;
}

/* The form for a new file (id 0) or an edit, showing in's values as typed. */
static int person_form(struct req *r, struct resp *w, int64_t id, int64_t version,
		       const char *title, const struct person_input *in,
		       const struct field_error *errs, int nerr)
{
	/* With measures on file the status follows from the records. */
	struct measure *ms;
	int nm = 0, derived_status;
	struct form f = { r, &w->body, errs, nerr };
	struct division *divs;
	struct buf err = BUF_INIT;
	int ndivs;
	struct crumb crumbs[2] = { { N_("人员管控"), "/persons" }, { title, NULL } };

	if ((id && store_measure_list(req_db(r), id, &r->arena, &ms, &nm, &err) < 0) ||
	    store_division_list(req_db(r), r->user.division_prefix, 4, 5, &r->arena, &divs, &ndivs,
				&err) < 0) {
		fprintf(stderr, "jindu: person form: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	derived_status = nm > 0;
	layout_begin(r, w, title, MOD_PERSON, crumbs, 2);
	form_begin(&f, id ? arena_printf(&r->arena, "/persons/%" PRId64, id) : "/persons",
		   "person-form");
	form_error_summary(&f);
	if (id)
		form_hidden(&f, "version", arena_printf(&r->arena, "%" PRId64, version));
	html_raw_trusted(f.b, "<div class=\"cols\">");
	if (!id)
		form_input(&f, "id_number", N_("身份证号"), in->id_number, "text", 1,
			   N_("18位；旧版15位号码将自动升位。性别和出生日期由号码得出"));
	form_input(&f, "name", N_("姓名"), in->name, "text", 1, NULL);
	form_input(&f, "alias", N_("别名/绰号"), in->alias, "text", 0, NULL);
	form_select(&f, "ethnicity", N_("民族"), in->ethnicity, person_ethnicities, "", 0);
	form_input(&f, "phone", N_("联系电话"), in->phone, "tel", 0, NULL);
	form_select_division(&f, "division", N_("管控责任地"), in->division, divs, ndivs, 1);
	form_input(&f, "household_division", N_("户籍地区划代码"), in->household_division, "text",
		   0, N_("6位县级代码，或9/12位乡镇、村代码"));
	form_input(&f, "household_address", N_("户籍地址"), in->household_address, "text", 0, NULL);
	form_input(&f, "residence_address", N_("现居住地址"), in->residence_address, "text", 0,
		   NULL);
	if (derived_status)
		form_hidden(&f, "control_status", in->control_status);
	else
		form_select(&f, "control_status", N_("管控状态"), in->control_status,
			    person_control_statuses, NULL, 1);
	form_select(&f, "addiction", N_("成瘾认定"), in->addiction, person_addiction_levels, NULL,
		    1);
	form_input(&f, "addiction_date", N_("认定日期"), in->addiction_date, "date", 0, NULL);
	form_input(&f, "addiction_doc", N_("认定文书编号"), in->addiction_doc, "text", 0, NULL);
	{
		static const struct choice registered[] = { { "1", N_("在册") },
							    { "0", N_("隐性（不在册）") },
							    { NULL, NULL } };
		form_select(&f, "registered", N_("在册情况"), in->registered, registered, NULL, 1);
	}
	form_input(&f, "first_found_date", N_("初次发现日期"), in->first_found_date, "date", 1,
		   NULL);
	form_input(&f, "first_found_unit", N_("初次发现单位"), in->first_found_unit, "text", 0,
		   NULL);
	form_input(&f, "employment", N_("就业情况"), in->employment, "text", 0, NULL);
	html_raw_trusted(f.b, "</div>");
	form_checks(&f, "drug_types", N_("滥用毒品种类"), in->drug_types, person_drug_types);
	form_checks(&f, "special_status", N_("特殊人员类别"), in->special_status,
		    person_special_statuses);
	if (form_field_error(&f, "confirm_similar")) {
		static const struct choice confirm[] = { { "1", N_("确认不是同一人") },
							  { NULL, NULL } };
		form_checks(&f, "confirm_similar", N_("可能重复"), in->confirm_similar, confirm);
	}
	form_textarea(&f, "family", N_("家庭成员及联系方式"), in->family);
	form_textarea(&f, "note", N_("备注"), in->note);
	form_end(&f, N_("保存"), id ? arena_printf(&r->arena, "/persons/%" PRId64, id) : "/persons");
	layout_end(r, w);
	return nerr ? 422 : 200;
}

int page_person_new(struct req *r, struct resp *w)
{
	struct person_input in;
	memset(&in, 0, sizeof(in));
	in.control_status = "in_control";
	in.addiction = "use";
	in.registered = "1";
	return person_form(r, w, 0, 0, _("新建吸毒人员档案"), &in, NULL, 0);
}

int page_person_create(struct req *r, struct resp *w)
{
	struct person_input in;
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct buf err = BUF_INIT;
	int nerr = 0, rc;
	int64_t existing = 0;

	persons_input_from_form(r, &in);
	rc = person_create(req_db(r), &r->actor, &in, &r->arena, &p, errs, &nerr, &existing, &err);
	if (rc < 0) {
		fprintf(stderr, "jindu: person create: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc == PERSON_CONFLICT && existing) {
		/* Registering someone already on file opens the existing file. */
		return resp_redirect(r, w, arena_printf(&r->arena, "/persons/%" PRId64 "?existing=1",
							existing));
	}
	if (rc != 0)
		return person_form(r, w, 0, 0, _("新建吸毒人员档案"), &in, errs, nerr);
	return resp_redirect(r, w, arena_printf(&r->arena, "/persons/%" PRId64, p.id));
}

static void input_from_person(struct req *r, const struct person *p, struct person_input *in)
{
	char *d = arena_alloc(&r->arena, 11);
	ymd_format(p->first_found_date, d);
	memset(in, 0, sizeof(*in));
	in->name = p->name;
	in->alias = p->alias;
	in->ethnicity = p->ethnicity;
	in->phone = p->phone;
	in->household_division = p->household_division;
	in->household_address = p->household_address;
	in->residence_address = p->residence_address;
	in->division = p->division;
	in->registered = p->registered ? "1" : "0";
	in->control_status = p->control_status;
	in->addiction = p->addiction;
	in->drug_types = p->drug_types;
	in->first_found_date = d;
	in->first_found_unit = p->first_found_unit;
	in->employment = p->employment;
	in->special_status = p->special_status;
	in->note = p->note;
	in->residence_division = p->residence_division;
	in->addiction_date = arena_strdup(&r->arena, "");
	if (p->addiction_date) {
		char *ad = arena_alloc(&r->arena, 11);
		ymd_format(p->addiction_date, ad);
		in->addiction_date = ad;
	}
	in->addiction_doc = p->addiction_doc;
	in->family = p->family;
}

int page_person_edit(struct req *r, struct resp *w)
{
	struct person p;
	struct person_input in;
	struct buf err = BUF_INIT;
	int64_t id = persons_path_id(r);
	int rc = id ? store_person_get(req_db(r), id, &r->arena, &p, &err) : STORE_NOTFOUND;

	if (rc < 0) {
		fprintf(stderr, "jindu: person edit: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc || !division_in(p.division, r->user.division_prefix))
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	input_from_person(r, &p, &in);
	return person_form(r, w, id, p.version, arena_printf(&r->arena, _("编辑档案：%s"), p.name),
			   &in, NULL, 0);
}

int page_person_update(struct req *r, struct resp *w)
{
	struct person_input in;
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct buf err = BUF_INIT;
	int64_t id = persons_path_id(r);
	int64_t version = req_int(r, "version", 0, 0, INT64_MAX);
	int nerr = 0, rc;

	if (!id)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	persons_input_from_form(r, &in);
	rc = person_update(req_db(r), &r->actor, id, version, &in, &r->arena, &p, errs, &nerr, &err);
	if (rc < 0) {
		fprintf(stderr, "jindu: person update: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	if (rc == STORE_NOTFOUND)
		return resp_error(w, 404, "not_found", N_("找不到该人员档案，或不在您的辖区内"), NULL);
	if (rc == PERSON_CONFLICT)
		return resp_error(w, 409, "conflict",
				  N_("该档案已被他人修改，请重新打开后再编辑"), NULL);
	if (rc == PERSON_INVALID)
		return person_form(r, w, id, version, arena_printf(&r->arena, _("编辑档案：%s"),
								   in.name ? in.name : ""),
				   &in, errs, nerr);
	return resp_redirect(r, w, arena_printf(&r->arena, "/persons/%" PRId64, id));
}
