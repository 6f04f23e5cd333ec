/* page-person-methadone.c - 美沙酮维持治疗 on a person's page: the months of dosing, the form for one. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "lib/timeutil.h"
#include "web/form.h"
#include "web/html.h"
#include "web/persons.h"
#include "web/server.h"

/* Months shown; older ones stay in the API and the audit log. */
#define SHOWN 36

static void cell(struct buf *b, const char *cls, const char *text)
{
	if (cls)
		html_rawf_trusted(b, "<td class=\"%s\">", cls);
	else
		html_raw_trusted(b, "<td>");
	html_text(b, text && *text ? text : "—");
	html_raw_trusted(b, "</td>");
}

static void month_row(struct buf *b, const struct methadone_month *m, const struct policy *pol)
{
	char month[8], rate[16], dose[16], n[12];
	int poor = methadone_poor(m->days_taken, m->days_due, pol->methadone_min_percent);

	methadone_month_format(m->month, month);
	methadone_rate_format(methadone_adherence(m->days_taken, m->days_due), rate);
	methadone_dose_format(m->dose_tenths, dose);
	html_raw_trusted(b, poor ? "<tr class=\"late\">" : "<tr>");
	cell(b, NULL, month);
	cell(b, NULL, m->clinic);
	snprintf(n, sizeof(n), "%d", m->days_due);
	cell(b, "n", n);
	snprintf(n, sizeof(n), "%d", m->days_taken);
	cell(b, "n", n);
	html_raw_trusted(b, "<td class=\"n\">");
	html_text(b, rate);
	if (poor) {
		html_raw_trusted(b, " <span class=\"poor\">");
		html_text(b, _("依从性差"));
		html_raw_trusted(b, "</span>");
	}
	html_raw_trusted(b, "</td>");
	cell(b, "n", dose);
	html_raw_trusted(b, "</tr>");
}

/* Entering a month: last month by default, the clinic of the enrolment. */
static void month_form(struct req *r, struct buf *b, const struct person *p,
		       const struct assistance *enrolment)
{
	struct form f = { r, b, NULL, 0, "methadone-form" };
	int last = ymd_add_months(ymd_today(), -1) / 100;
	char month[8], days[4];

	methadone_month_format(last, month);
	snprintf(days, sizeof(days), "%d", methadone_days_in_month(last));
	html_raw_trusted(b, "<details class=\"act\"><summary>");
	html_text(b, _("录入月度服药情况"));
	html_raw_trusted(b, "</summary>");
	form_begin(&f, arena_printf(&r->arena, "/persons/%" PRId64 "/methadone", p->id),
		   "methadone-form");
	html_raw_trusted(b, "<div class=\"cols\">");
	form_input(&f, "month", N_("月份"), month, "month", 1, N_("如 2026-05；已录入的月份将被替换"));
	form_input(&f, "clinic", N_("门诊"), enrolment ? enrolment->provider : "", "text", 1, NULL);
	form_input(&f, "days_due", N_("应服药天数"), days, "number", 1, NULL);
	form_input(&f, "days_taken", N_("实际服药天数"), "", "number", 1, NULL);
	form_input(&f, "dose", N_("平均剂量（毫克）"), "", "text", 0, N_("如 55.5；未服药可不填"));
	html_raw_trusted(b, "</div>");
	form_end(&f, N_("保存"), NULL);
	html_raw_trusted(b, "</details>");
}

void person_methadone_panel(struct req *r, struct buf *b, const struct person *p,
			    const struct assistance *as, int nas, const struct methadone_month *mm,
			    int nmm, const struct policy *pol, int can_write)
{
	static const char *const cols[] = { N_("月份"), N_("门诊"), N_("应服天数"), N_("实服天数"),
					    N_("依从率"), N_("平均剂量（毫克）"), NULL };
	const struct assistance *enrolment = NULL;
	const char *const *c;
	int i;

	for (i = 0; i < nas; i++) /* newest first */
		if (!strcmp(as[i].kind, "methadone")) {
			enrolment = &as[i];
			break;
		}
	if (!enrolment && !nmm)
		return;
	html_raw_trusted(b, "<section class=\"panel\" id=\"methadone\"><h2>");
	html_text(b, _("美沙酮维持治疗服药情况"));
	html_raw_trusted(b, "</h2><p class=\"muted\">");
	if (enrolment) {
		char d[11];
		ymd_format(enrolment->start_date, d);
		html_textf(b, _("门诊：%s，入组日期：%s。"),
			   *enrolment->provider ? enrolment->provider : "—", d);
	}
	if (pol->methadone_min_percent)
		html_textf(b, _("依从率（实服天数 ÷ 应服天数）低于 %d%% 的月份为依从性差。"),
			   pol->methadone_min_percent);
	html_raw_trusted(b, "</p><table class=\"grid compact\"><thead><tr>");
	for (c = cols; *c; c++) {
		/* the days, the rate and the dose are numbers, right-aligned */
		html_raw_trusted(b, c - cols >= 2 ? "<th class=\"n\">" : "<th>");
		html_text(b, _(*c));
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	for (i = 0; i < nmm && i < SHOWN; i++)
		month_row(b, &mm[i], pol);
	if (!nmm) {
		html_raw_trusted(b, "<tr><td colspan=\"6\" class=\"empty\">");
		html_text(b, _("尚无服药记录：可逐月录入，或由门诊的月报表导入"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table>");
	if (can_write && enrolment)
		month_form(r, b, p, enrolment);
	html_raw_trusted(b, "</section>");
}
