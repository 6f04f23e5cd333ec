/* page-person-watch.c - 动态管控 on a person's page: watched or not and why, and where they were seen. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/feed.h"
#include "web/html.h"
#include "web/persons.h"
#include "web/server.h"

#define TRAJECTORY_ROWS 20

void person_watch_panel(struct req *r, struct buf *b, const struct person *p)
{
	static const char *const cols[] = { N_("时间"), N_("来源"), N_("地点"), N_("区划"),
					    N_("详情"), NULL };
	struct watch_entry w;
	struct feed_event *ev;
	struct buf err = BUF_INIT;
	int watched, n = 0, i;

	watched = store_watched(req_db(r), p->id, &r->arena, &w, &err);
	if (watched < 0 || store_feed_events_of(req_db(r), p->id, TRAJECTORY_ROWS, &r->arena, &ev,
						&n, &err) < 0) {
		fprintf(stderr, "jindu: watch panel: %s\n", err.buf);
		buf_release(&err);
		return;
	}
	buf_release(&err);
	html_raw_trusted(b, "<section class=\"panel\" id=\"watch\"><h2>");
	html_text(b, _("动态管控"));
	html_raw_trusted(b, "</h2><p>");
	if (watched == 0) {
		html_raw_trusted(b, "<span class=\"tag ok\">");
		html_text(b, _("在监控名单中"));
		html_raw_trusted(b, "</span> ");
		html_textf(b, _("依据：%s。住宿、上网、寄递、购票等登记命中本人时，将向本辖区发出预警。"),
			   _(feed_watch_reason(&w, &r->arena)));
	} else {
		html_raw_trusted(b, "<span class=\"tag\">");
		html_text(b, _("不在监控名单中"));
		html_raw_trusted(b, "</span> ");
		html_text(b, _("没有正在执行的戒毒措施，也没有未处理的脱管失控标记：依法不监控其行踪，"
			       "合作单位报送的本人记录不予保存。"));
	}
	html_raw_trusted(b, "</p>");
	if (n) {
		html_raw_trusted(b, "<h3>");
		html_text(b, _("轨迹"));
		html_raw_trusted(b, "</h3><table class=\"grid compact\" id=\"trajectory\"><thead><tr>");
		for (i = 0; cols[i]; i++) {
			html_raw_trusted(b, "<th>");
			html_text(b, _(cols[i]));
			html_raw_trusted(b, "</th>");
		}
		html_raw_trusted(b, "</tr></thead><tbody>");
		for (i = 0; i < n; i++) {
			html_raw_trusted(b, "<tr><td>");
			html_time(b, ev[i].time);
			html_raw_trusted(b, "</td><td>");
			html_text(b, ev[i].source_label);
			html_raw_trusted(b, "</td><td>");
			html_text(b, ev[i].place);
			html_raw_trusted(b, "</td><td class=\"mono\">");
			html_text(b, ev[i].division);
			html_raw_trusted(b, "</td><td>");
			html_text(b, ev[i].details);
			html_raw_trusted(b, "</td></tr>");
		}
		html_raw_trusted(b, "</tbody></table>");
	}
	html_raw_trusted(b, "</section>");
}
