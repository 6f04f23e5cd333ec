/* feed.c - 动态管控预警: the watchlist in memory, checking events, one batch in one transaction. */
#include "domain/feed.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/control.h"
#include "domain/measure.h"
#include "domain/policy.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

/* ---- the watchlist ---- */

const char *feed_watch_reason(const struct watch_entry *w, struct arena *a)
{
	const char *kind = *w->measure_kind ? choice_label(measure_kinds, w->measure_kind) : "";
	if (*kind && w->lost)
		return arena_printf(a, "%s执行中；脱管失控", kind);
	if (*kind)
		return arena_printf(a, "%s执行中", kind);
	return "脱管失控";
}

struct watchlist {
	struct arena a;
	struct watch_entry *e;
	int n;
	int *slot;        /* index + 1 into e, 0 empty */
	size_t mask;
};

/* FNV-1a over at most max bytes of s (an ID number: 18; an event id: all). */
static uint64_t str_hash(const char *s, size_t max)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < max && s[i]; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

static uint64_t id_hash(const char *s)
{
	return str_hash(s, 18);
}

struct watchlist *feed_watchlist_load(struct db *db, struct buf *err)
{
	struct watchlist *wl = xcalloc(1, sizeof(*wl));
	size_t size = 16;
	int i;

	wl->a = (struct arena)ARENA_INIT;
	if (store_watchlist(db, &wl->a, &wl->e, &wl->n, err) < 0) {
		feed_watchlist_free(wl);
		return NULL;
	}
	while (size < (size_t)wl->n * 2)
		size <<= 1;
	wl->slot = xcalloc(size, sizeof(*wl->slot));
	wl->mask = size - 1;
	for (i = 0; i < wl->n; i++) {
		size_t h = id_hash(wl->e[i].id_number) & wl->mask;
		while (wl->slot[h])
			h = (h + 1) & wl->mask;
		wl->slot[h] = i + 1;
	}
	return wl;
}

const struct watch_entry *feed_watchlist_find(const struct watchlist *wl, const char *id18)
{
	size_t h = id_hash(id18) & wl->mask;
	for (; wl->slot[h]; h = (h + 1) & wl->mask) {
		const struct watch_entry *e = &wl->e[wl->slot[h] - 1];
		if (!memcmp(e->id_number, id18, 18))
			return e;
	}
	return NULL;
}

int feed_watchlist_size(const struct watchlist *wl)
{
	return wl->n;
}

const struct watch_entry *feed_watchlist_at(const struct watchlist *wl, int i)
{
	return i >= 0 && i < wl->n ? &wl->e[i] : NULL;
}

void feed_watchlist_free(struct watchlist *wl)
{
	if (!wl)
		return;
	/* the opened ID numbers leave no copy behind */
	for (int i = 0; wl->e && i < wl->n; i++)
		explicit_bzero(wl->e[i].id_number, sizeof(wl->e[i].id_number));
	free(wl->slot);
	arena_release(&wl->a);
	free(wl);
}

/* ---- times ---- */

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int64_t feed_parse_time(const char *s)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 8 * 3600, oh, om;
	int64_t days;

	if (strlen(s) < 16 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
		return -1;
	s += 16;
	if (*s == ':') {
		if (digits(s + 1, 2, &sec))
			return -1;
		s += 3;
		if (*s == '.') /* fractions of a second */
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
	}
	if (*s == 'Z') {
		off = 0;
		s++;
	} else if (*s == '+' || *s == '-') {
		if (digits(s + 1, 2, &oh) || s[3] != ':' || digits(s + 4, 2, &om) || oh > 14 ||
		    om > 59)
			return -1;
		off = (oh * 3600 + om * 60) * (*s == '-' ? -1 : 1);
		s += 6;
	}
	if (*s || !date_valid(y, mo, d) || y < 1990 || h > 23 || mi > 59 || sec > 60)
		return -1;
	days = ymd_diff_days(y * 10000 + mo * 100 + d, 19700101);
	return days * 86400 + h * 3600 + mi * 60 + sec - off;
}

/* ---- ingesting a batch ---- */

void feed_report_release(struct feed_report *rep)
{
	arena_release(&rep->a);
	rep->rejects = NULL;
	rep->nrejects = 0;
}

/* An event of a watched person, kept until the batch is written. */
struct hit {
	const struct watch_entry *w;
	const char *event_id, *place, *division, *details;
	int64_t time;
};

/* The event ids of this batch's hits, to know one delivered twice. */
struct seen_ids {
	const char **slot;
	size_t mask, n;
};

static int seen_add(struct seen_ids *s, const char *id)
{
	size_t h, i;
	if ((s->n + 1) * 2 > s->mask + 1) {
		struct seen_ids bigger = { NULL, s->mask ? s->mask * 2 + 1 : 63, 0 };
		bigger.slot = xcalloc(bigger.mask + 1, sizeof(*bigger.slot));
		for (i = 0; s->slot && i <= s->mask; i++)
			if (s->slot[i])
				seen_add(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	for (h = str_hash(id, (size_t)-1) & s->mask; s->slot[h]; h = (h + 1) & s->mask)
		if (!strcmp(s->slot[h], id))
			return 0;
	s->slot[h] = id;
	s->n++;
	return 1;
}

static void reject(struct feed_report *rep, int fd, int line, const char *why)
{
	rep->rejected++;
	if (rep->nrejects < FEED_MAX_REJECTS) {
		size_t nr = (size_t)rep->nrejects;
		struct feed_reject *r = ARENA_PUSH(&rep->a, rep->rejects, nr, rep->arejects);
		r->line = line;
		r->why = why;
		rep->nrejects = (int)nr;
	}
	if (fd >= 0)
		dprintf(fd, "%d\t%s\n", line, why);
}

/* Checks one event; NULL when good (id->number normalised), else why not. */
static const char *check_event(const struct event_line *ev, int today, int64_t now,
			       struct idcard *id, int64_t *t)
{
	struct buf e = BUF_INIT;
	size_t dl = strlen(ev->division);

	if (!*ev->event_id)
		return _("缺少事件编号（event_id）");
	if (strlen(ev->event_id) > 100)
		return _("事件编号过长");
	if (!*ev->id_number)
		return _("缺少身份证号（id_number）");
	if (idcard_parse(ev->id_number, today, id, &e) < 0) {
		buf_release(&e);
		return _("身份证号无效（长度、出生日期或校验位不对）");
	}
	buf_release(&e);
	if (!*ev->time)
		return _("缺少时间（time）");
	*t = feed_parse_time(ev->time);
	if (*t < 0)
		return _("时间无法识别，应为 2026-11-23 10:15:00 或 2026-11-23T10:15:00+08:00");
	if (*t > now + 86400) /* a clock a little ahead is tolerated */
		return _("时间晚于当前时间");
	if (dl && ((dl != 6 && dl != 9 && dl != 12) || strspn(ev->division, "0123456789") != dl))
		return _("区划代码应为 6、9 或 12 位数字");
	return NULL;
}

/*
 * A hit in another township of this system than the person's: that
 * township is asked to check (协查), the alert named; the person's own area
 * has the alert. Places outside the system's divisions ask nobody.
 */
static int assist_elsewhere(struct db *db, const struct feed_source *src, const struct hit *h,
			    const struct alert *al, struct arena *a, struct buf *err)
{
	struct assist_request q;
	struct division d;
	char home[10], there[10], when[20];
	int rc;

	if (strlen(h->division) < 9 || strlen(h->w->division) < 9)
		return 0;
	snprintf(home, sizeof(home), "%.9s", h->w->division);
	snprintf(there, sizeof(there), "%.9s", h->division);
	if (!strcmp(home, there))
		return 0;
	rc = store_division_get(db, there, a, &d, err);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	unix_format(h->time, when);
	memset(&q, 0, sizeof(q));
	q.person_id = h->w->person_id;
	q.alert_id = al->id;
	q.from_division = arena_strdup(a, home);
	q.to_division = d.code;
	/* stored as a record: in Chinese */
	q.reason = arena_printf(a, "动态管控预警：%s 于 %s 出现在%s（%s），请协助核查",
				*src->label ? src->label : src->name, when, h->place, d.name);
	return store_assist_add(db, &q, err);
}

static int write_batch(struct db *db, const struct actor *who, const struct feed_source *src,
		       const char *name, struct hit *hits, size_t nhits, struct feed_report *rep,
		       int64_t started, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct policy pol;
	struct feed_batch b;
	size_t i;
	int64_t now = now_unix();
	int rc;
	char id[24];

	if (control_policy(db, &pol, err) < 0 || db_begin(db, err) < 0)
		return -1;
	rc = store_batch_find(db, src->id, rep->digest, &a, &b, err);
	if (rc == 0) {
		/* delivered before: the counts it had, nothing done */
		db_rollback(db);
		rep->already = 1;
		rep->read = b.read;
		rep->matched = b.matched;
		rep->unmatched = b.unmatched;
		rep->duplicates = b.duplicates;
		rep->rejected = b.rejected;
		rep->alerts = b.alerts;
		arena_release(&a);
		return 0;
	}
	if (rc < 0)
		goto fail;
	memset(&b, 0, sizeof(b));
	b.source_id = src->id;
	b.digest = rep->digest;
	b.name = name;
	b.user_id = who->user_id;
	b.started_at = started;
	b.finished_at = now;
	if (store_batch_add(db, &b, err) != 0)
		goto fail;
	for (i = 0; i < nhits; i++) {
		struct feed_event e = { 0, src->id, b.id, hits[i].w->person_id, hits[i].event_id,
					hits[i].time, hits[i].place, hits[i].division,
					hits[i].details };
		struct alert al;
		int high = hits[i].w->lost || !strcmp(hits[i].w->risk_level, "high");
		rc = store_feed_event_add(db, &e, err);
		if (rc == STORE_CONFLICT) {
			/* the source sent it in an earlier batch */
			rep->matched--;
			rep->duplicates++;
			continue;
		}
		if (rc < 0)
			goto fail;
		memset(&al, 0, sizeof(al));
		al.event_id = e.id;
		al.person_id = e.person_id;
		al.division = hits[i].w->division;
		al.worker_id = hits[i].w->worker_id;
		al.priority = high ? 1 : 2;
		al.reason = feed_watch_reason(hits[i].w, &a);
		al.created_at = now;
		al.sign_due = now + 3600LL * (high ? pol.alert_sign_hours_high : pol.alert_sign_hours);
		al.feedback_due = now + 3600LL * (high ? pol.alert_feedback_hours_high
						      : pol.alert_feedback_hours);
		if (store_alert_add(db, &al, err) < 0 ||
		    assist_elsewhere(db, src, &hits[i], &al, &a, err) < 0)
			goto fail;
		rep->alerts++;
	}
	b.read = rep->read;
	b.matched = rep->matched;
	b.unmatched = rep->unmatched;
	b.duplicates = rep->duplicates;
	b.rejected = rep->rejected;
	b.alerts = rep->alerts;
	snprintf(id, sizeof(id), "%" PRId64, b.id);
	if (store_batch_counts(db, &b, err) < 0 ||
	    audit_log(db, who, "ingest", "feed_batch", id, who->prefix,
		      arena_printf(&a, "%s：读取 %" PRId64 " 条，命中 %" PRId64 "，未命中 %" PRId64
				   "，重复 %" PRId64 "，拒收 %" PRId64 "，预警 %" PRId64, src->name,
				   rep->read, rep->matched, rep->unmatched, rep->duplicates,
				   rep->rejected, rep->alerts),
		      NULL, err) < 0 ||
	    db_commit(db, err) < 0)
		goto fail;
	arena_release(&a);
	return 0;
fail:
	db_rollback(db);
	arena_release(&a);
	return -1;
}

int feed_ingest(struct db *db, const struct actor *who, const struct feed_source *src,
		struct events *r, const char *name, int rejects_fd, struct feed_report *rep,
		struct buf *err)
{
	struct watchlist *wl;
	struct arena a = ARENA_INIT;
	struct seen_ids seen = { NULL, 0, 0 };
	struct hit *hits = NULL;
	size_t nhits = 0, ahits = 0;
	struct event_line ev;
	const char *why;
	int today = ymd_today(), rc, ret = -1;
	int64_t started = now_unix();

	memset(rep, 0, sizeof(*rep));
	rep->a = (struct arena)ARENA_INIT;
	wl = feed_watchlist_load(db, err);
	if (!wl)
		return -1;
	while ((rc = events_next(r, &ev, &why, err)) > 0) {
		struct idcard id;
		const struct watch_entry *w;
		const char *eid;
		int64_t t = 0;
		struct hit *h;

		rep->read++;
		if (rc == EVENTS_BAD || (why = check_event(&ev, today, started, &id, &t))) {
			reject(rep, rejects_fd, ev.line, why);
			continue;
		}
		w = feed_watchlist_find(wl, id.number);
		if (!w) {
			rep->unmatched++; /* nobody watched: counted, and forgotten */
			continue;
		}
		eid = arena_strdup(&a, ev.event_id);
		if (!seen_add(&seen, eid)) {
			rep->duplicates++; /* twice in this batch */
			continue;
		}
		rep->matched++;
		h = ARENA_PUSH(&a, hits, nhits, ahits);
		h->w = w;
		h->event_id = eid;
		h->place = arena_strdup(&a, ev.place);
		h->division = arena_strdup(&a, ev.division);
		h->details = arena_strdup(&a, ev.details);
		h->time = t;
	}
	if (rc < 0) {
		ret = FEED_INVALID; /* not events, or unreadable: nothing written */
		goto out;
	}
	events_digest(r, rep->digest);
	ret = write_batch(db, who, src, name, hits, nhits, rep, started, err);
out:
	free(seen.slot);
	arena_release(&a);
	feed_watchlist_free(wl);
	return ret;
}

/* ---- alerts ---- */

const struct choice alert_statuses[] = {
	{ "new", N_("待签收") }, { "signed", N_("已签收") }, { "handled", N_("已反馈") },
	{ "closed", N_("已办结") }, { NULL, NULL }
};

const struct choice alert_feedbacks[] = {
	{ "verified", N_("已见到本人核实") },
	{ "tested", N_("已检测") },
	{ "not_person", N_("非本人（证件被冒用等）") },
	{ "other", N_("其他") },
	{ NULL, NULL }
};

int alert_overdue(const struct alert *al, int64_t now)
{
	return (!strcmp(al->status, "new") && al->sign_due < now) ||
	       ((!strcmp(al->status, "new") || !strcmp(al->status, "signed")) &&
		al->feedback_due < now);
}

static int invalid(struct buf *err, const char *msg)
{
	buf_setf(err, "%s", msg);
	return FEED_INVALID;
}

int alert_step(struct db *db, const struct actor *who, int64_t id, const char *action,
	       const char *feedback, const char *note, struct buf *err)
{
	static const struct {
		const char *action, *from, *to, *summary;
	} steps[] = {
		{ "sign", "new", "signed", "签收预警" },
		{ "handle", "signed", "handled", "反馈预警处置情况" },
		{ "close", "handled", "closed", "办结预警" },
	};
	struct arena a = ARENA_INIT;
	struct alert_row r;
	char idbuf[24];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (action && !strcmp(action, steps[i].action))
			break;
	if (i == sizeof(steps) / sizeof(steps[0]))
		return invalid(err, _("请选择办理事项：签收、反馈或办结"));
	if (!strcmp(action, "handle")) {
		if (!feedback || !choice_valid(alert_feedbacks, feedback))
			return invalid(err, _("请选择处置结果"));
		if ((!strcmp(feedback, "other") || !strcmp(feedback, "tested")) && (!note || !*note))
			return invalid(err, _("请写明处置情况（检测的结果，或其他情况）"));
	}
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_alert_get(db, id, &a, &r, err);
	if (rc == 0 && !division_in(r.al.division, who->prefix)) {
		db_rollback(db);
		rc = audit_log_tx(db, who, "denied", "alert", idbuf, r.al.division, "不在本人辖区",
				  NULL, err) < 0 ? -1 : STORE_NOTFOUND;
		arena_release(&a);
		return rc;
	}
	if (rc == 0 && strcmp(r.al.status, steps[i].from)) {
		buf_setf(err, _("该预警当前为“%s”，不能%s"),
			 _(choice_label(alert_statuses, r.al.status)),
			 !strcmp(action, "sign") ? _("签收") : !strcmp(action, "handle") ? _("反馈")
											   : _("办结"));
		rc = FEED_INVALID;
	}
	if (rc == 0)
		rc = store_alert_step(db, id, steps[i].from, steps[i].to, who->user_id, now_unix(),
				      feedback, note, err);
	if (rc == 0) {
		json_t *ch = json_pack("{s:[ss]}", "status", steps[i].from, steps[i].to);
		if (feedback)
			json_object_set_new(ch, "feedback", json_pack("[ss]", "", feedback));
		rc = audit_log(db, who, "update", "alert", idbuf, r.al.division,
			       arena_printf(&a, "%s：%s", r.person_name, steps[i].summary), ch, err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	arena_release(&a);
	return rc;
}

int alert_escalate(struct db *db, int64_t now, int *count, struct buf *err)
{
	struct arena a = ARENA_INIT;
	int64_t *ids;
	int n = 0, rc;

	*count = 0;
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_alert_escalate(db, now, &a, &ids, &n, err);
	if (rc == 0 && n)
		rc = audit_log(db, &setup_cli_actor, "escalate", "alert", "", setup_cli_actor.prefix,
			       arena_printf(&a, "%d 条预警逾期未签收或未反馈，已上报", n), NULL, err);
	if (rc == 0 && (rc = db_commit(db, err)) == 0)
		*count = n;
	if (rc != 0)
		db_rollback(db);
	arena_release(&a);
	return rc;
}
