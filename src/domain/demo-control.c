/* demo-control.c - a demo person's control history: measures, tests, visits, flags and help. */
#include "demo.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "domain/setup.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

/*
 * A history is planned backwards from the person's record. The control
 * status says what must be under way on the reference date (community
 * treatment or rehabilitation, compulsory treatment, a suspension, an open
 * 脱管失控 flag, a clean clock run out); the years between the first finding
 * and that measure are filled with what the law lets come before it
 * (禁毒法 Arts 33, 38, 47, 48): community treatment first; compulsory
 * treatment after a relapse, a refusal or a serious violation, or at once
 * for the severely addicted; rehabilitation after compulsory treatment.
 * Every step goes through measure_check_new and measure_apply, so the demo
 * holds only what a user could have entered. Tests, visits and talks follow
 * the obligation schedule of each measure in the last five years, at the
 * risk level control_refresh will derive from the same records.
 * Probabilities are per mille.
 */

#define MAX_MEASURES 12
#define MAX_EVENTS 8
#define MAX_PERIODS 480
#define MAX_REFUSALS 2
#define STREAM (UINT64_C(1) << 62) /* histories draw from streams of their own */

/* Spans in days, with room for a late report and a short detention. */
#define C_FULL 1160  /* community treatment, decision to end */
#define C_OPEN 1050  /* found less long ago: the first community measure still runs */
#define K_MAX 915    /* compulsory treatment with the longest extension */
#define KR_FULL 2070 /* compulsory treatment, then rehabilitation */

enum doc { DOC_COMMUNITY, DOC_COMPULSORY, DOC_REHAB, DOC_ADDICTION, DOC_RELEASE, DOC_EARLY,
	   DOC_EXTEND };

/* A planned measure: its state on the reference date and the steps there. */
struct hm {
	struct measure m;          /* m.id: index + 1 until written */
	struct measure_event ev[MAX_EVENTS];
	int nev;
	int idle_from, idle_to;    /* a detention inside the measure: no records then */
	int quiet_from;            /* 脱管: no one has met the person since */
	int routine;               /* tests and contacts follow its obligations */
};

struct hflag {
	struct control_flag f;
	size_t test;               /* index + 1 of the positive test behind a relapse */
};

struct demo_plan {
	struct demo_history *h;
	struct person *p;
	struct arena *a;
	struct demo_rng r;
	const struct demo_staff *staff;
	const char *tester, *town;
	int today, until, window, found;
	int severe, heroin, pregnant;
	int report_by;             /* latest report of the measure under way (0: none) */
	const char *want;          /* the control status the history leads to */
	struct hm ms[MAX_MEASURES];
	int nm, cur;               /* cur: index of the measure under way, or -1 */
	/* Records; measure_id holds the measure's index + 1 until written. */
	struct drug_test *t;
	struct contact *c;
	struct absence *ab;
	struct hflag *f;
	struct assistance *as;
	size_t nt, at, nc, ac, nab, aab, nf, af, nas, aas;
	int refusal[MAX_REFUSALS], nrefusals;
	int miss_kinds;            /* obligation kinds (bits) left undone lately */
	int miss_periods;          /* ... for this many periods before the current one */
	int miss_from[OB_KINDS];
	int sloppy;                /* share of periods missed long ago */
	const char *risk;
	int refused;
	char problem[200];
};

/* ---- small helpers ---- */

static int rnd(struct demo_plan *pl, int n)
{
	return n > 0 ? demo_rng_below(&pl->r, n) : 0;
}

static int chance(struct demo_plan *pl, int permille)
{
	return demo_rng_chance(&pl->r, permille);
}

static int plus(int day, int n)
{
	return ymd_add_days(day, n);
}

static int span(int from, int to)
{
	return ymd_diff_days(to, from);
}

static int later(int a, int b)
{
	return a > b ? a : b;
}

static int earlier(int a, int b)
{
	return a < b ? a : b;
}

/* A day in lo..hi, or lo when the range is empty. */
static int day_in(struct demo_plan *pl, int lo, int hi)
{
	return hi <= lo ? lo : plus(lo, rnd(pl, span(lo, hi) + 1));
}

/* A day in lo..hi, more often towards hi: work gets done before it falls
 * due (half of it in the last quarter of the period). */
static int late_day(struct demo_plan *pl, int lo, int hi)
{
	long long n = span(lo, hi), x = rnd(pl, 1000);
	return n <= 0 ? lo : plus(lo, (int)(n - n * x * x / 1000000));
}

static const char *pick(struct demo_plan *pl, const char *const *list, int n)
{
	return list[rnd(pl, n)];
}

#define PICK(pl, list) pick((pl), (list), (int)(sizeof(list) / sizeof((list)[0])))

static void problem(struct demo_plan *pl, const char *what, const char *why)
{
	pl->refused++;
	if (!pl->problem[0])
		snprintf(pl->problem, sizeof(pl->problem), "person born %d, %s: %s",
			 pl->p->birth_date, what, why);
}

/* "永公（禁）决字〔2024〕123号": numbered per year and kind of document. */
static const char *doc_no(struct demo_plan *pl, enum doc kind, int date)
{
	static const char *const words[] = { "（禁）决字", "（强戒）决字", "（康）决字", "（禁）认字",
					     "（禁）解字", "（强戒）提解字", "（强戒）延字" };
	struct demo_history *h = pl->h;
	int y = date / 10000, k = y - h->doc_base;

	k = k < 0 ? 0 : k >= DEMO_DOC_YEARS ? DEMO_DOC_YEARS - 1 : k;
	return arena_printf(pl->a, "%s公%s〔%d〕%d号", h->short_name, words[kind], y,
			    ++h->doc_seq[k][kind]);
}

static int64_t worker(const struct demo_plan *pl, int mi)
{
	return mi >= 0 ? pl->ms[mi].m.worker_id : 0;
}

/* Who raises a flag: the township's officer, else the county's police. */
static int64_t flagger(const struct demo_plan *pl)
{
	return pl->staff->n ? pl->staff->users[0] : pl->h->police_user;
}

/* ---- records ---- */

static size_t add_test(struct demo_plan *pl, int mi, int day, const char *method,
		       const char *result)
{
	struct drug_test *t = ARENA_PUSH(pl->a, pl->t, pl->nt, pl->at);
	int taken = !strcmp(result, "negative") || !strcmp(result, "positive");

	memset(t, 0, sizeof(*t));
	t->measure_id = mi + 1;
	t->date = day;
	t->method = method;
	t->result = result;
	t->substances = !strcmp(result, "positive") ? pl->p->drug_types : "";
	t->tester = pl->tester;
	t->sample_no = taken ? arena_printf(pl->a, "%d%03d", day, 1 + rnd(pl, 999)) : "";
	t->note = "";
	t->user_id = worker(pl, mi);
	return pl->nt;
}

static void add_contact(struct demo_plan *pl, int mi, const char *kind, int day,
			const char *outcome)
{
	static const char *const visits[] = { "入户走访，本人在家", "走访家属，了解近况",
					      "本人在家，情况稳定", "", "" };
	static const char *const absent[] = { "入户走访，本人不在家", "家属称外出未归", "" };
	static const char *const talks[] = { "帮教谈话", "谈话教育，了解思想动态",
					     "告知协议约定的义务", "" };
	static const char *const reports[] = { "到工作站定期报告", "定期报告近况", "" };
	struct contact *c = ARENA_PUSH(pl->a, pl->c, pl->nc, pl->ac);
	int met = !strcmp(outcome, "met");

	memset(c, 0, sizeof(*c));
	c->measure_id = mi + 1;
	c->kind = kind;
	c->date = day;
	c->outcome = outcome;
	if (!strcmp(outcome, "unreachable"))
		c->note = "电话无法接通";
	else if (!strcmp(kind, "visit"))
		c->note = met ? PICK(pl, visits) : PICK(pl, absent);
	else if (!strcmp(kind, "talk"))
		c->note = PICK(pl, talks);
	else
		c->note = PICK(pl, reports);
	c->user_id = worker(pl, mi);
}

static struct absence *add_absence(struct demo_plan *pl, int mi, int from, int to, int permitted)
{
	static const char *const places[] = { "吉安市", "南昌市", "广东省东莞市", "浙江省义乌市",
					      "福建省晋江市", "吉水县", "新干县", "广东省深圳市" };
	static const char *const leave[] = { "请假探亲，已书面报告", "外出务工，已书面报告",
					     "陪同家属就医，已书面报告" };
	struct absence *ab = ARENA_PUSH(pl->a, pl->ab, pl->nab, pl->aab);

	memset(ab, 0, sizeof(*ab));
	ab->measure_id = mi + 1;
	ab->start_date = from;
	ab->end_date = to;
	ab->permitted = permitted;
	ab->destination = PICK(pl, places);
	ab->note = permitted ? PICK(pl, leave) : "未经批准离开县域，返回后查实";
	ab->user_id = worker(pl, mi);
	return ab;
}

static struct hflag *add_flag(struct demo_plan *pl, const char *kind, int day, const char *reason)
{
	struct hflag *f = ARENA_PUSH(pl->a, pl->f, pl->nf, pl->af);

	memset(f, 0, sizeof(*f));
	f->f.kind = kind;
	f->f.date = day;
	f->f.reason = reason;
	f->f.evidence = "";
	f->f.resolution = "";
	f->f.user_id = flagger(pl);
	return f;
}

static struct assistance *add_help(struct demo_plan *pl, int mi, const char *kind, int from,
				   int to, const char *provider, const char *detail)
{
	struct assistance *as = ARENA_PUSH(pl->a, pl->as, pl->nas, pl->aas);

	memset(as, 0, sizeof(*as));
	as->kind = kind;
	as->start_date = from;
	as->end_date = to;
	as->provider = provider;
	as->detail = detail;
	as->user_id = worker(pl, mi);
	return as;
}

/* 复吸 on day: the positive test and the flag proposing the next measure,
 * worded as control_test_add words it. */
static struct hflag *relapse(struct demo_plan *pl, int mi, int day)
{
	struct hflag *f;
	size_t test = add_test(pl, mi, day, "urine", "positive");
	char d[11];

	ymd_format(day, d);
	f = add_flag(pl, "relapse", day,
		     arena_printf(pl->a, "%s 检测阳性，建议：%s", d,
				  choice_label(measure_kinds, pl->h->policy.relapse_proposal)));
	f->test = test;
	return f;
}

/* ---- measures, through the rules of measure.c ---- */

static void event(struct demo_plan *pl, struct hm *hm, const char *kind, int date,
		  const char *doc, const char *note, int64_t user)
{
	struct measure_event *e;

	if (hm->nev == MAX_EVENTS) {
		problem(pl, kind, "too many events");
		return;
	}
	e = &hm->ev[hm->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->date = date;
	e->doc_no = doc ? doc : "";
	e->note = note ? note : "";
	e->user_id = user;
}

/* The measure of kind decided on day d (planned_end: voluntary only), after
 * measure_check_new; flags waiting for a decision are resolved by it. */
static struct hm *decide(struct demo_plan *pl, enum measure_kind kind, int d, int planned_end)
{
	struct demo_history *h = pl->h;
	struct measure others[MAX_MEASURES], *m;
	struct buf err = BUF_INIT;
	struct hm *hm;
	size_t k;
	int i;

	if (pl->nm == MAX_MEASURES) {
		problem(pl, "decide", "too many measures");
		return NULL;
	}
	hm = &pl->ms[pl->nm];
	memset(hm, 0, sizeof(*hm));
	m = &hm->m;
	m->id = pl->nm + 1;
	m->kind = measure_kinds[kind].key;
	m->decision_date = d;
	m->decision_no = "";
	m->authority = h->authority;
	m->division = pl->p->division;
	m->end_reason = "";
	m->note = "";
	if (kind == MK_COMMUNITY || kind == MK_REHAB) {
		m->decision_no = doc_no(pl, kind == MK_COMMUNITY ? DOC_COMMUNITY : DOC_REHAB, d);
		m->unit_id = pl->staff->unit;
		m->worker_id = pl->staff->n ? pl->staff->users[rnd(pl, pl->staff->n)] : 0;
	} else if (kind == MK_COMPULSORY) {
		m->decision_no = doc_no(pl, DOC_COMPULSORY, d);
	} else {
		m->authority = arena_printf(pl->a, "%s美沙酮维持治疗门诊", h->c->home.name);
		m->agreement_date = d;
		m->planned_end = planned_end;
		m->note = "自愿戒毒协议";
	}
	for (i = 0; i < pl->nm; i++)
		others[i] = pl->ms[i].m;
	if (measure_check_new(m, pl->p, others, pl->nm, &h->policy, pl->today, &err) < 0) {
		problem(pl, "decide", err.buf);
		buf_release(&err);
		return NULL;
	}
	buf_release(&err);
	pl->nm++;
	for (k = 0; k < pl->nf; k++) {
		struct control_flag *f = &pl->f[k].f;
		if (!f->resolved_date && strcmp(f->kind, "lost") && f->date <= d) {
			f->resolved_date = d;
			f->resolution = arena_printf(pl->a, "已决定%s", measure_kinds[kind].label);
		}
	}
	event(pl, hm, "decide", d, m->decision_no, "", kind == MK_VOLUNTARY ? 0 : h->police_user);
	return hm;
}

static int change(struct demo_plan *pl, struct hm *hm, enum measure_action act, int date,
		  int days, const char *reason, const char *doc)
{
	struct measure_change c;
	struct buf err = BUF_INIT;
	int police;

	if (!hm)
		return -1;
	memset(&c, 0, sizeof(c));
	c.action = act;
	c.date = date;
	c.days = days;
	c.reason = reason;
	c.doc_no = doc;
	if (measure_apply(&hm->m, &c, &pl->h->policy, pl->today, &err) < 0) {
		problem(pl, measure_actions[act].key, err.buf);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	police = !strcmp(hm->m.kind, "compulsory") || act == MA_END;
	event(pl, hm, measure_actions[act].key, date, doc, reason,
	      police || !hm->m.worker_id ? pl->h->police_user : hm->m.worker_id);
	return 0;
}

/* Most report within days, a few after the deadline (条例 Art 14). */
static int report_day(struct demo_plan *pl, int d, int latest)
{
	int x = rnd(pl, 1000), r;

	if (x < 40)
		r = plus(d, pl->h->policy.report_days + 1 + rnd(pl, 25));
	else if (x < 350)
		r = plus(d, rnd(pl, 3));
	else
		r = plus(d, 1 + rnd(pl, 14));
	return earlier(r, latest);
}

/* 报到 on day r, also kept as the first meeting (the lost-contact rule
 * counts from the last meeting, which for someone back from compulsory
 * treatment would otherwise be years ago). */
static void reported(struct demo_plan *pl, struct hm *hm, int r)
{
	if (change(pl, hm, MA_REPORT, r, 0, NULL, NULL) == 0 && r >= pl->window) {
		add_contact(pl, (int)(hm - pl->ms), "report", r, "met");
		pl->c[pl->nc - 1].note = "报到，签订协议";
	}
}

static int report(struct demo_plan *pl, struct hm *hm, int latest)
{
	if (!hm)
		return 0;
	hm->routine = 1;
	if (latest < hm->m.decision_date)
		return 0;
	reported(pl, hm, report_day(pl, hm->m.decision_date, latest));
	return hm->m.start_date;
}

/* A detention of a few days (拘留) inside lo..hi: suspended, then resumed. */
static void detention(struct demo_plan *pl, struct hm *hm, int lo, int hi)
{
	int s, e;

	if (!hm || span(lo, hi) < 40)
		return;
	s = day_in(pl, lo, plus(hi, -20));
	e = plus(s, 5 + rnd(pl, 11));
	if (change(pl, hm, MA_SUSPEND, s, 0, NULL, NULL) == 0 &&
	    change(pl, hm, MA_RESUME, e, 0, NULL, NULL) == 0) {
		hm->idle_from = s;
		hm->idle_to = e;
	}
}

/* Ends a community or rehabilitation measure when its term is over (a
 * detention may come first when the longer term still ends by `by`). */
static int complete(struct demo_plan *pl, struct hm *hm, int by)
{
	const struct policy *pol = &pl->h->policy;
	int end;

	if (!hm || !hm->m.start_date)
		return pl->found;
	end = measure_term_end(&hm->m, pol, pl->today);
	if (chance(pl, 60) && plus(end, 16) <= by) {
		detention(pl, hm, plus(hm->m.start_date, 60), plus(hm->m.start_date, 900));
		end = measure_term_end(&hm->m, pol, pl->today);
	}
	change(pl, hm, MA_END, end, 0, "completed", doc_no(pl, DOC_RELEASE, end));
	return end;
}

/* 社区戒毒 decided on d, reported by report_by, completed: returns its end. */
static int community_done(struct demo_plan *pl, int d, int report_by, int by)
{
	struct hm *hm = decide(pl, MK_COMMUNITY, d, 0);

	report(pl, hm, earlier(plus(d, 40), report_by));
	return complete(pl, hm, by);
}

static const char *const lost_reasons[] = {
	"多次走访未见本人，电话无法接通，去向不明",
	"外出务工后失去联系，家属称不知去向",
	"连续未按期接受检测和走访，经查找下落不明",
	"更换手机号码后失联，原住址无人居住",
};

/* 严重违反协议 (条例 Art 20) between r and s: three departures without leave
 * or three refused tests; the flag carries what obligation_violation finds. */
static void violation(struct demo_plan *pl, int mi, int r, int s)
{
	struct buf evidence = BUF_INIT;
	struct hflag *f;
	int seg = span(r, s) / 3, by_absence = chance(pl, 600), k;

	for (k = 0; k < 3; k++) {
		int lo = plus(r, 5 + k * seg), day = day_in(pl, lo, plus(lo, seg - 20));
		if (by_absence)
			add_absence(pl, mi, day, plus(day, 2 + rnd(pl, 5)), 0);
		else
			add_test(pl, mi, day, "urine", k == 1 ? "evaded" : "refused");
	}
	if (!obligation_violation(&pl->ms[mi].m, pl->t, (int)pl->nt, pl->ab, (int)pl->nab,
				  &pl->h->policy, s, &evidence))
		problem(pl, "violation", "not a serious violation");
	f = add_flag(pl, "violation", s,
		     arena_printf(pl->a, "严重违反%s协议", measure_kinds[MK_COMMUNITY].label));
	f->f.evidence = arena_strdup(pl->a, evidence.buf);
	buf_release(&evidence);
}

/* 社区戒毒 decided on d that ends on s in what leads to compulsory treatment
 * (禁毒法 Art 38): refusal to report, a serious violation, or drug use. */
static void community_broken(struct demo_plan *pl, int d, int s)
{
	int x = rnd(pl, 1000), mi = pl->nm, r;
	struct hm *hm = decide(pl, MK_COMMUNITY, d, 0);

	if (!hm)
		return;
	if (x < 120 && span(d, s) >= pl->h->policy.report_days + 10) {
		/* never reported: sought, flagged, found and sent on (条例 Art 14) */
		int deadline = hm->m.report_deadline;
		hm->routine = 1;
		if (span(deadline, s) > 5) {
			struct hflag *f = add_flag(pl, "lost", day_in(pl, plus(deadline, 1),
								 plus(s, -3)),
						   PICK(pl, lost_reasons));
			f->f.resolved_date = s;
			f->f.resolution = "已查获，逾期未报到，依法决定强制隔离戒毒";
		}
		change(pl, hm, MA_END, s, 0, "refused", NULL);
		return;
	}
	r = report(pl, hm, plus(s, -3));
	if (x < 300 && span(r, s) >= 120) {
		violation(pl, mi, r, s);
		change(pl, hm, MA_END, s, 0, "violation", NULL);
		return;
	}
	relapse(pl, mi, day_in(pl, later(plus(r, 1), plus(s, -10)), plus(s, -1)));
	change(pl, hm, MA_END, s, 0, "relapse", NULL);
}

struct kplan {
	int early; /* days to an early release (条例 Art 33), 0: the full term */
	int ext;   /* days of extension */
};

static void kplan_pick(struct demo_plan *pl, struct kplan *kp)
{
	int x = rnd(pl, 1000);
	kp->early = x < 200 ? pl->h->policy.early_release_min_days + rnd(pl, 200) : 0;
	kp->ext = x >= 200 && x < 280 ? 60 + rnd(pl, 121) : 0;
}

/* 强制隔离戒毒 decided on d, extended as kp says; released when release is
 * set, early or at the end of the term. */
static struct hm *compulsory(struct demo_plan *pl, int d, const struct kplan *kp, int release)
{
	struct hm *hm = decide(pl, MK_COMPULSORY, d, 0);
	int hi = earlier(plus(d, 700), pl->until);

	if (!hm)
		return NULL;
	if (kp->ext && hi >= plus(d, 400)) {
		int day = day_in(pl, plus(d, 400), hi);
		change(pl, hm, MA_EXTEND, day, kp->ext, NULL, doc_no(pl, DOC_EXTEND, day));
	}
	if (!release)
		return hm;
	if (kp->early)
		change(pl, hm, MA_EARLY_RELEASE, plus(d, kp->early), 0, NULL,
		       doc_no(pl, DOC_EARLY, plus(d, kp->early)));
	else
		change(pl, hm, MA_END, measure_term_end(&hm->m, &pl->h->policy, pl->today), 0,
		       "completed", NULL);
	return hm;
}

/* Compulsory treatment from d, then rehabilitation reported by report_by
 * and completed: returns the end. */
static int kr_cycle(struct demo_plan *pl, int d, int report_by, int by)
{
	struct kplan kp;
	struct hm *k, *r;

	kplan_pick(pl, &kp);
	k = compulsory(pl, d, &kp, 1);
	if (!k)
		return d;
	r = decide(pl, MK_REHAB, k->m.actual_end, 0);
	report(pl, r, earlier(plus(k->m.actual_end, 40), report_by));
	return complete(pl, r, by);
}

/* 自愿戒毒 with methadone maintenance from d until planned (0: still). */
static struct hm *voluntary(struct demo_plan *pl, int d, int planned)
{
	int mi = pl->nm;
	struct hm *hm = decide(pl, MK_VOLUNTARY, d, planned);

	if (!hm)
		return NULL;
	hm->routine = 1;
	add_help(pl, mi, "methadone", d, 0, hm->m.authority,
		 arena_printf(pl->a, "美沙酮维持治疗，日均剂量 %d 毫升", 30 + 5 * rnd(pl, 11)));
	return hm;
}

static int voluntary_done(struct demo_plan *pl, int d)
{
	int planned = ymd_add_months(d, 12 * (1 + rnd(pl, 2))), end = planned;
	struct hm *hm = voluntary(pl, d, planned);

	if (!hm)
		return d;
	if (chance(pl, 200)) {
		end = day_in(pl, plus(d, 90), plus(planned, -30));
		change(pl, hm, MA_END, end, 0, "voluntary_end", NULL);
	} else {
		change(pl, hm, MA_END, end, 0, "completed", NULL);
	}
	pl->as[pl->nas - 1].end_date = end;
	return end;
}

static void after(struct demo_plan *pl, int e, int s, int trigger);

/*
 * What happened between first found (from) and day s, when the measure
 * that leads to the reference date is decided: earlier treatment completed,
 * then a relapse (trigger), or a community measure broken on s.
 */
static void fill(struct demo_plan *pl, int from, int s, int trigger)
{
	int gap = span(from, s), d = plus(from, 1 + rnd(pl, 6)), e;

	if (gap < 20)
		return;
	if (!pl->pregnant && gap >= KR_FULL + 100 && chance(pl, pl->severe ? 600 : 250))
		e = kr_cycle(pl, d, pl->today, plus(s, -60));
	else if (gap >= C_FULL + 60)
		e = pl->heroin && chance(pl, 120) ? voluntary_done(pl, d)
						  : community_done(pl, d, pl->today, plus(s, -60));
	else {
		if (trigger)
			community_broken(pl, d, s);
		return;
	}
	after(pl, e, s, trigger);
}

/* Clean from day e, back on day s: sometimes a whole relapse cycle between. */
static void after(struct demo_plan *pl, int e, int s, int trigger)
{
	if (!pl->pregnant && span(e, s) >= KR_FULL + 240 && chance(pl, 400)) {
		int x = day_in(pl, plus(e, 90), plus(s, -(KR_FULL + 140)));
		relapse(pl, -1, x);
		after(pl, kr_cycle(pl, plus(x, 1 + rnd(pl, 6)), pl->today, plus(s, -60)), s, trigger);
		return;
	}
	if (trigger)
		relapse(pl, -1, day_in(pl, later(plus(e, 1), plus(s, -8)), plus(s, -1)));
}

/* ---- the measure under way on day D ---- */

/* First-time community treatment; for a pregnant woman found long ago (no
 * compulsory treatment, 禁毒法 Art 39), community treatment again. */
static struct hm *open_community(struct demo_plan *pl, int D)
{
	int d, latest = earlier(pl->report_by, D);
	struct hm *hm;

	if (span(pl->found, D) < C_OPEN) {
		d = earlier(plus(pl->found, 1 + rnd(pl, 7)), D);
	} else {
		d = day_in(pl, plus(D, -(C_OPEN - 40)), plus(D, -20));
		fill(pl, pl->found, d, 1);
	}
	hm = decide(pl, MK_COMMUNITY, d, 0);
	if (!hm)
		return NULL;
	hm->routine = 1;
	/* decided lately: some have not reported yet */
	if (latest == D && span(d, D) <= pl->h->policy.report_days && chance(pl, 500))
		return hm;
	report(pl, hm, latest);
	return hm;
}

static struct hm *open_compulsory(struct demo_plan *pl, int D)
{
	int lo = later(pl->found, plus(D, -700)), dk;
	struct kplan kp = { 0, 0 };

	/* Only the severely addicted go straight to compulsory treatment. */
	if (!pl->severe)
		lo = later(lo, plus(pl->found, 30));
	if (lo > D)
		return NULL;
	dk = day_in(pl, lo, D);
	if (span(pl->found, dk) < 20)
		dk = earlier(plus(pl->found, rnd(pl, 8)), D);
	else
		fill(pl, pl->found, dk, 1);
	if (span(dk, D) > 420 && chance(pl, 100))
		kp.ext = 60 + rnd(pl, 121);
	return compulsory(pl, dk, &kp, 0);
}

static struct hm *open_rehab(struct demo_plan *pl, int D)
{
	struct kplan kp;
	struct hm *k, *hm;
	int ro = 1 + rnd(pl, 12), klen, lo, hi, dk;

	kplan_pick(pl, &kp);
	klen = kp.early ? kp.early : 731 + kp.ext;
	lo = later(plus(D, -1080), plus(pl->found, klen + ro + (pl->severe ? 0 : 30)));
	hi = plus(earlier(D, pl->report_by), -3);
	if (lo > hi)
		return NULL;
	dk = plus(day_in(pl, lo, hi), -(klen + ro));
	if (span(pl->found, dk) >= 20)
		fill(pl, pl->found, dk, 1);
	k = compulsory(pl, dk, &kp, 1);
	if (!k)
		return NULL;
	hm = decide(pl, MK_REHAB, k->m.actual_end, 0);
	if (hm && plus(k->m.actual_end, ro) <= D)
		reported(pl, hm, plus(k->m.actual_end, ro));
	if (hm)
		hm->routine = 1;
	return hm;
}

static struct hm *open_voluntary(struct demo_plan *pl, int D)
{
	int d, planned;

	if (span(pl->found, D) < C_FULL + 100) {
		d = earlier(plus(pl->found, 1 + rnd(pl, 7)), D);
	} else {
		d = day_in(pl, later(plus(pl->found, C_FULL + 60), plus(D, -1000)), plus(D, -15));
		fill(pl, pl->found, d, 0);
	}
	planned = ymd_add_months(d, 12 * (1 + rnd(pl, 3)));
	while (planned <= plus(D, 30))
		planned = ymd_add_months(planned, 12);
	return voluntary(pl, d, planned);
}

/* A measure under way on D: community treatment for those found lately,
 * rehabilitation after compulsory treatment for relapsers, methadone for
 * some heroin users, compulsory treatment where allowed. */
static struct hm *open_any(struct demo_plan *pl, int D, int allow_k, int allow_v)
{
	int age = span(pl->found, D);
	struct hm *hm = NULL;

	if (pl->pregnant)
		return open_community(pl, D);
	if (allow_v && pl->heroin && chance(pl, age < C_OPEN ? 120 : 200))
		return open_voluntary(pl, D);
	if (allow_k && chance(pl, pl->severe ? 350 : 120))
		hm = open_compulsory(pl, D);
	else if (age >= C_OPEN)
		hm = open_rehab(pl, D);
	return hm ? hm : open_community(pl, D);
}

/* ---- what the status asks for ---- */

/* All measures over and the clean clock (DOMAIN.md §3) run out by today. */
static int clean(struct demo_plan *pl)
{
	int limit = ymd_add_months(pl->today, -12 * pl->h->policy.clean_years);
	int slack = span(pl->found, limit), d, e, x;

	if (slack < 0)
		return -1;
	d = plus(pl->found, earlier(1 + rnd(pl, 7), slack));
	if (!pl->pregnant && slack >= C_FULL + K_MAX + 150 && chance(pl, 300)) {
		e = community_done(pl, d, limit, plus(limit, -(K_MAX + 100)));
		x = day_in(pl, plus(e, 60), plus(limit, -(K_MAX + 30)));
		relapse(pl, -1, x);
		kr_cycle(pl, plus(x, 1 + rnd(pl, 6)), limit, pl->today);
	} else if (!pl->pregnant && pl->severe && slack >= K_MAX + 20 && chance(pl, 500)) {
		kr_cycle(pl, d, limit, pl->today);
	} else {
		community_done(pl, d, limit, pl->today);
	}
	return 0;
}

static void detained(struct demo_plan *pl)
{
	int T = pl->today, s;
	struct hm *hm;

	pl->report_by = plus(T, -6);
	hm = open_any(pl, T, 0, 0);
	if (!hm || !hm->m.start_date) {
		problem(pl, "detained", "no measure to suspend");
		return;
	}
	s = chance(pl, 700) ? plus(T, -(1 + rnd(pl, 14))) : plus(T, -(15 + rnd(pl, 76)));
	change(pl, hm, MA_SUSPEND, later(s, plus(hm->m.start_date, 3)), 0, NULL, NULL);
}

static void imprisoned(struct demo_plan *pl)
{
	int T = pl->today, age = span(pl->found, T), D, s;
	struct hm *hm;

	D = age < 30 ? T : plus(T, -rnd(pl, earlier(age - 30, 1200)));
	pl->report_by = D;
	hm = open_any(pl, D, 1, 1);
	if (!hm)
		return;
	s = hm->m.start_date;
	if (s && !strcmp(hm->m.status, "active") && span(s, D) >= 25 &&
	    strcmp(hm->m.kind, "compulsory") && strcmp(hm->m.kind, "voluntary"))
		change(pl, hm, MA_SUSPEND, day_in(pl, later(plus(s, 5), plus(D, -150)), plus(D, -10)),
		       0, NULL, NULL);
	change(pl, hm, MA_END, D, 0, "imprisoned", NULL);
}


/* 脱管失控: never reported, or gone from some day; an open flag raised by the
 * township (control_refresh withdraws only flags it raised itself). */
static void lost(struct demo_plan *pl)
{
	int T = pl->today, age = span(pl->found, T), q, k, n;
	struct hm *hm;
	char d[11];

	if (age < C_OPEN && age >= 25 && chance(pl, 250)) {
		pl->report_by = 0;
		hm = open_community(pl, T);
		if (!hm)
			return;
		ymd_format(hm->m.report_deadline, d);
		add_flag(pl, "lost",
			 day_in(pl, plus(hm->m.report_deadline, 1),
				earlier(plus(hm->m.report_deadline, 30), T)),
			 arena_printf(pl->a, "报到期限 %s 已过，仍未报到，经查找下落不明", d));
		return;
	}
	hm = open_any(pl, T, 0, 0);
	if (!hm)
		return;
	q = hm->m.start_date ? hm->m.start_date : hm->m.decision_date;
	q = earlier(day_in(pl, later(plus(q, 20), plus(T, -420)), plus(T, -45)), T);
	hm->quiet_from = q;
	k = day_in(pl, earlier(plus(q, 30), T), earlier(plus(q, 75), T));
	add_flag(pl, "lost", k, PICK(pl, lost_reasons));
	for (n = 1 + rnd(pl, 3); n > 0; n--)
		add_contact(pl, (int)(hm - pl->ms), n == 1 ? "talk" : "visit", day_in(pl, q, T),
			    n == 1 ? "unreachable" : "not_found");
}

static void plan_addicted(struct demo_plan *pl)
{
	const char *st = pl->p->control_status;
	int T = pl->today;
	struct hm *hm;

	pl->report_by = T;
	if (!strcmp(st, "clean3y")) {
		if (clean(pl) < 0) {
			pl->want = "in_control";
			open_any(pl, T, 0, 1);
		}
	} else if (!strcmp(st, "dead")) {
		pl->report_by = pl->until;
		hm = open_any(pl, pl->until, 1, 1);
		change(pl, hm, MA_END, pl->until, 0, "death", NULL);
	} else if (!strcmp(st, "imprisoned")) {
		imprisoned(pl);
	} else if (!strcmp(st, "compulsory")) {
		if (!open_compulsory(pl, T)) {
			pl->want = "in_control";
			open_community(pl, T);
		}
	} else if (!strcmp(st, "detained")) {
		/* found in the last weeks: held before any measure is decided */
		if (span(pl->found, T) >= 25)
			detained(pl);
	} else if (!strcmp(st, "lost")) {
		lost(pl);
	} else if (strcmp(st, "abroad")) {
		open_any(pl, T, 0, 1);
	}
}

/* Drug use without addiction (吸毒): punished and tested, no measure. */
static void plan_user(struct demo_plan *pl)
{
	const char *st = pl->p->control_status;
	int T = pl->today, three = ymd_add_months(T, -36), lo, n;
	struct hflag *f;

	lo = later(plus(pl->found, 30), pl->window);
	for (n = rnd(pl, 3); n > 0 && lo < pl->until; n--)
		add_test(pl, -1, day_in(pl, lo, pl->until), "urine", "negative");
	if (!strcmp(st, "in_control") && pl->found < three) {
		/* still under control: caught again in the last three years */
		f = relapse(pl, -1, day_in(pl, later(plus(pl->found, 60), plus(three, 30)), plus(T, -5)));
		f->f.resolved_date = earlier(plus(f->f.date, 1 + rnd(pl, 10)), T);
		f->f.resolution = "经认定未成瘾，已依法给予治安管理处罚";
	} else if (!strcmp(st, "lost")) {
		add_flag(pl, "lost", day_in(pl, earlier(plus(pl->found, 30), T), T),
			 PICK(pl, lost_reasons));
	}
}

/* ---- routine records along the obligations ---- */

/* The risk level control_refresh will find, from the same facts. */
static void assess(struct demo_plan *pl)
{
	struct measure ms[MAX_MEASURES];
	struct risk_input in;
	struct risk_result rr;
	struct control_flag *flags;
	int last_relapse = 0, i;
	size_t k;

	flags = xcalloc(pl->nf + 1, sizeof(*flags));
	for (k = 0; k < pl->nf; k++)
		flags[k] = pl->f[k].f;
	control_risk_input(pl->p, flags, (int)pl->nf, pl->t, (int)pl->nt, pl->today, &in,
			   &last_relapse);
	free(flags);
	for (i = 0; i < pl->nm; i++)
		ms[i] = pl->ms[i].m;
	in.clean_since = measure_clean_since(pl->p, ms, pl->nm, last_relapse, &pl->h->policy, NULL);
	risk_assess(&in, &pl->h->policy, &rr);
	pl->risk = rr.level;
}

/* The last day records of measure mi may fall on. */
static int last_day(const struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	int last = pl->until;

	if (hm->m.actual_end)
		last = earlier(last, hm->m.actual_end);
	if (hm->m.suspended_since)
		last = earlier(last, plus(hm->m.suspended_since, -1));
	if (hm->quiet_from)
		last = earlier(last, plus(hm->quiet_from, -1));
	return last;
}

/* 1 when the person is neither held nor away on day. */
static int is_free(const struct demo_plan *pl, int mi, int day)
{
	const struct hm *hm = &pl->ms[mi];
	size_t k;

	if (hm->idle_from && day >= hm->idle_from && day < hm->idle_to)
		return 0;
	for (k = 0; k < pl->nab; k++)
		if (day >= pl->ab[k].start_date && day <= pl->ab[k].end_date)
			return 0;
	return 1;
}

/* day when the person is there, else the nearest such day after it up to
 * hi, else before it down to lo; 0 when there is none. */
static int free_day(const struct demo_plan *pl, int mi, int day, int lo, int hi)
{
	int d;

	for (d = day; d <= hi; d = plus(d, 1))
		if (is_free(pl, mi, d))
			return d;
	for (d = plus(earlier(day, plus(hi, 1)), -1); d >= lo; d = plus(d, -1))
		if (is_free(pl, mi, d))
			return d;
	return 0;
}

/* The measure under way, when it has routine obligations and is running. */
static int running(const struct demo_plan *pl)
{
	const struct hm *hm = pl->cur >= 0 ? &pl->ms[pl->cur] : NULL;
	return hm && hm->routine && !strcmp(hm->m.status, "active") && !hm->quiet_from;
}

/* About one in ten running measures has let something slip lately (the
 * worklist's overdue rows); a few others have refused a test this year. */
static void plan_slips(struct demo_plan *pl)
{
	int T = pl->today, start, k;

	pl->sloppy = rnd(pl, 40);
	if (!running(pl) || strcmp(pl->want, "in_control"))
		return;
	start = pl->ms[pl->cur].m.start_date;
	if (span(start, T) < 100)
		return;
	if (chance(pl, 90)) {
		pl->miss_kinds = 1 << (OB_TEST + rnd(pl, 3));
		if (chance(pl, 350))
			pl->miss_kinds |= 1 << (OB_TEST + rnd(pl, 3));
		pl->miss_periods = 1 + chance(pl, 300);
		return;
	}
	if (!chance(pl, 90) || strcmp(pl->ms[pl->cur].m.kind, "voluntary") == 0)
		return;
	pl->nrefusals = 1 + chance(pl, 200);
	for (k = 0; k < pl->nrefusals; k++) {
		pl->refusal[k] = day_in(pl, later(plus(start, 10), plus(T, -360)), plus(T, -5));
		add_test(pl, pl->cur, pl->refusal[k], "urine", chance(pl, 700) ? "refused" : "evaded");
	}
}

/* For the measure under way: where the recent slip begins, per kind. */
static void slip_from(struct demo_plan *pl, const struct obligation *ob, int n)
{
	int k, i, seen;

	for (k = OB_TEST; k < OB_KINDS; k++) {
		pl->miss_from[k] = 0;
		if (!(pl->miss_kinds & (1 << k)))
			continue;
		for (i = n - 1, seen = 0; i >= 0; i--) {
			if (ob[i].kind != (enum obligation_kind)k)
				continue;
			if (seen++ == pl->miss_periods) {
				pl->miss_from[k] = ob[i].period_start;
				break;
			}
		}
	}
}

static void emit(struct demo_plan *pl, int mi, int k, int day, int hi)
{
	if (k == OB_TEST) {
		int hair = measure_year(&pl->ms[mi].m, day) > 1 && chance(pl, 150);
		add_test(pl, mi, day, hair ? "hair" : "urine", "negative");
		return;
	}
	if (k == OB_VISIT && chance(pl, 60)) {
		/* not at home: found a few days later */
		int again = free_day(pl, mi, plus(day, 1 + rnd(pl, 3)), plus(day, 1), hi);
		if (again) {
			add_contact(pl, mi, "visit", day, "not_found");
			day = again;
		}
	}
	add_contact(pl, mi, k == OB_VISIT ? "visit" : "talk", day, "met");
}

/* A refused test planned in from..to, or 0. */
static int refusal_in(const struct demo_plan *pl, int mi, int from, int to)
{
	int k;
	for (k = 0; mi == pl->cur && k < pl->nrefusals; k++)
		if (pl->refusal[k] >= from && pl->refusal[k] <= to)
			return pl->refusal[k];
	return 0;
}

/* One period of one obligation: done on some day in it, mostly. */
static void period(struct demo_plan *pl, int mi, const struct obligation *ob, int last,
		   int *missed)
{
	const struct hm *hm = &pl->ms[mi];
	int T = pl->today, k = ob->kind, now = mi == pl->cur && ob->due >= T;
	int lo = later(ob->period_start, pl->window), hi = earlier(ob->due, last), day, refused;

	if (hm->quiet_from && ob->period_start >= hm->quiet_from) {
		if (k == OB_VISIT && ob->period_start <= pl->until && chance(pl, 400))
			add_contact(pl, mi, "visit", day_in(pl, ob->period_start,
							    earlier(ob->due, pl->until)),
				    "not_found");
		return;
	}
	if (ob->due < pl->window || lo > hi)
		return;
	refused = k == OB_TEST ? refusal_in(pl, mi, ob->period_start, ob->due) : 0;
	if (refused) {
		/* tested again a few days later, or left undone */
		day = chance(pl, 700) ? free_day(pl, mi, plus(refused, 1 + rnd(pl, 5)),
						 plus(refused, 1), hi)
				      : 0;
		if (day)
			emit(pl, mi, k, day, hi);
		*missed = !day;
		return;
	}
	if ((mi == pl->cur && pl->miss_from[k] && ob->period_start >= pl->miss_from[k]) ||
	    (!*missed && ob->due < plus(T, -400) && chance(pl, pl->sloppy))) {
		if (k == OB_VISIT && chance(pl, 300))
			add_contact(pl, mi, "visit", day_in(pl, lo, hi), "not_found");
		*missed = 1;
		return;
	}
	day = now ? late_day(pl, ob->period_start, ob->due) : late_day(pl, lo, hi);
	if (day > last)
		return; /* not done yet: due */
	day = free_day(pl, mi, day, lo, hi);
	*missed = !day;
	if (day)
		emit(pl, mi, k, day, hi);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* 定期报告: between the scheduled meetings the person reports in, so no one
 * goes two months unseen (the lost-contact rule) when intervals are long. */
static void reports(struct demo_plan *pl, int mi, int last)
{
	int *days = arena_alloc(pl->a, sizeof(int) * (pl->nt + pl->nc + 2));
	int n = 0, i, prev, x, m = mi + 1;
	size_t k;

	for (k = 0; k < pl->nt; k++)
		if (pl->t[k].measure_id == m && (!strcmp(pl->t[k].result, "negative") ||
						  !strcmp(pl->t[k].result, "positive")))
			days[n++] = pl->t[k].date;
	for (k = 0; k < pl->nc; k++)
		if (pl->c[k].measure_id == m && !strcmp(pl->c[k].outcome, "met"))
			days[n++] = pl->c[k].date;
	days[n++] = plus(last, 1);
	qsort(days, (size_t)n, sizeof(int), cmp_int);
	prev = later(pl->ms[mi].m.start_date, pl->window);
	for (i = 0; i < n; i++) {
		while (span(prev, days[i]) > 45) {
			x = free_day(pl, mi, plus(prev, 20 + rnd(pl, 20)), plus(prev, 1), last);
			if (!x || x >= days[i])
				break;
			add_contact(pl, mi, "report", x, "met");
			prev = x;
		}
		prev = later(prev, days[i]);
	}
}

static void routine(struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	struct obligation *ob;
	int missed[OB_KINDS] = { 0 }, last = last_day(pl, mi), n, i;

	if (!hm->routine || !hm->m.start_date || last < pl->window)
		return;
	ob = arena_alloc(pl->a, sizeof(*ob) * MAX_PERIODS);
	n = obligation_schedule(&hm->m, &pl->h->policy, pl->risk, NULL, 0, pl->today, ob,
				MAX_PERIODS, NULL);
	if (n > MAX_PERIODS)
		n = MAX_PERIODS;
	if (mi == pl->cur)
		slip_from(pl, ob, n);
	for (i = 0; i < n; i++)
		if (ob[i].kind != OB_REPORT)
			period(pl, mi, &ob[i], last, &missed[ob[i].kind]);
	if (strcmp(hm->m.kind, "voluntary"))
		reports(pl, mi, last);
}

/* 1 when from..to meets a detention or another absence of the person. */
static int overlaps(const struct demo_plan *pl, int mi, int from, int to)
{
	const struct hm *hm = &pl->ms[mi];
	size_t k;

	if (hm->idle_from && from < hm->idle_to && to >= hm->idle_from)
		return 1;
	for (k = 0; k < pl->nab; k++)
		if (from <= pl->ab[k].end_date && to >= pl->ab[k].start_date)
			return 1;
	return 0;
}

/* Leave to go away for some days (a written report first, 条例 Art 19), and
 * now and then a departure without: never enough for a serious violation. */
static void absences(struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	int lo, hi, n, k, from, len, permitted;

	if (!hm->routine || !hm->m.start_date || !strcmp(hm->m.kind, "voluntary"))
		return;
	lo = later(plus(hm->m.start_date, 10), pl->window);
	hi = plus(last_day(pl, mi), -20);
	if (span(lo, hi) < 60)
		return;
	n = chance(pl, 150) ? 1 + rnd(pl, 2) : 0;
	permitted = n;
	n += chance(pl, 40);
	for (k = 0; k < n; k++) {
		len = k < permitted ? 3 + rnd(pl, 13) : 2 + rnd(pl, 5);
		from = day_in(pl, lo, plus(hi, -len));
		if (!overlaps(pl, mi, from, plus(from, len)))
			add_absence(pl, mi, from, plus(from, len), k < permitted);
	}
}

/* 帮扶 for about three in ten of those treated in the community. */
static void help(struct demo_plan *pl)
{
	static const char *const employers[] = { "阳光工程就业安置基地", "绿源农业专业合作社",
						 "鑫盛竹木制品厂", "城南物流有限公司",
						 "丰源蔬菜种植基地" };
	static const char *const trades[] = { "电工", "家政服务", "挖掘机操作", "电子商务", "烹饪",
					      "汽车维修" };
	const char *county = pl->h->c->home.name;
	int mi, n, from, to, last, x;

	for (mi = pl->nm - 1; mi >= 0; mi--)
		if (pl->ms[mi].routine && pl->ms[mi].m.start_date &&
		    strcmp(pl->ms[mi].m.kind, "voluntary") && last_day(pl, mi) > pl->window)
			break;
	if (mi < 0)
		return;
	last = earlier(last_day(pl, mi), pl->today);
	if (pl->heroin && !strcmp(pl->ms[mi].m.kind, "rehab") && chance(pl, 150))
		add_help(pl, mi, "methadone", pl->ms[mi].m.start_date, 0,
			 arena_printf(pl->a, "%s美沙酮维持治疗门诊", county),
			 arena_printf(pl->a, "美沙酮维持治疗，日均剂量 %d 毫升", 30 + 5 * rnd(pl, 11)));
	if (!chance(pl, 300))
		return;
	for (n = 1 + chance(pl, 300); n > 0; n--) {
		from = day_in(pl, later(pl->ms[mi].m.start_date, pl->window), last);
		x = rnd(pl, 1000);
		if (x < 350) {
			to = chance(pl, 500) ? 0 : earlier(plus(from, 90 + rnd(pl, 400)), pl->today);
			if (to && to <= from)
				to = 0;
			add_help(pl, mi, "employment", from, to,
				 arena_printf(pl->a, "%s%s", rnd(pl, 3) ? county : pl->town,
					      PICK(pl, employers)),
				 arena_printf(pl->a, "安置就业，月工资 %d 元", 2200 + 100 * rnd(pl, 21)));
		} else if (x < 550) {
			add_help(pl, mi, "training", from, earlier(plus(from, 10 + rnd(pl, 50)), pl->today),
				 arena_printf(pl->a, "%s人力资源和社会保障局", county),
				 arena_printf(pl->a, "%s技能培训", PICK(pl, trades)));
		} else if (x < 750) {
			add_help(pl, mi, "counselling", from,
				 earlier(plus(from, 30 + rnd(pl, 150)), pl->today),
				 arena_printf(pl->a, "%s人民医院心理门诊", county),
				 arena_printf(pl->a, "心理咨询 %d 次", 3 + rnd(pl, 8)));
		} else if (x < 900) {
			add_help(pl, mi, "subsistence", from, 0, arena_printf(pl->a, "%s民政局", county),
				 chance(pl, 600) ? "纳入最低生活保障"
						 : arena_printf(pl->a, "临时救助 %d 元",
								500 + 100 * rnd(pl, 16)));
		} else {
			add_help(pl, mi, "medical", from, earlier(plus(from, 5 + rnd(pl, 25)), pl->today),
				 arena_printf(pl->a, "%s人民医院", county),
				 strstr(pl->p->special_status, "hiv") ? "医疗救助绿色通道：抗病毒治疗"
								       : "医疗救助绿色通道：住院治疗");
		}
	}
}

/* Whether control_refresh would find the person 脱管失控 by the policy's
 * rule, for the measure under way, at either risk level it may use (it
 * schedules with the level stored before it reassesses). Fills *sum. */
static int rule_says_lost(struct demo_plan *pl, struct obligation *ob, int *n,
			  struct obligation_summary *sum, int *last_seen)
{
	const struct hm *hm = &pl->ms[pl->cur];
	struct activity *acts = arena_alloc(pl->a, sizeof(*acts) * (pl->nt + pl->nc + 1));
	struct buf reason = BUF_INIT;
	const char *levels[2] = { "", pl->risk };
	int nacts = 0, lost = 0, i;
	size_t k;

	*last_seen = 0;
	for (k = 0; k < pl->nt; k++)
		nacts += obligation_activity_from_test(&pl->t[k], &acts[nacts]);
	for (k = 0; k < pl->nc; k++)
		nacts += obligation_activity_from_contact(&pl->c[k], &acts[nacts]);
	for (i = 0; i < nacts; i++)
		*last_seen = later(*last_seen, acts[i].date);
	for (i = 1; i >= 0 && !lost; i--) {
		*n = obligation_schedule(&hm->m, &pl->h->policy, levels[i], acts, nacts, pl->today,
					 ob, MAX_PERIODS, sum);
		lost = obligation_lost(&hm->m, sum, *last_seen, &pl->h->policy, pl->today, &reason);
	}
	buf_release(&reason);
	if (*n > MAX_PERIODS)
		*n = MAX_PERIODS;
	return lost;
}

/* Someone meant to be in control must not meet the rule: where missed
 * periods line up into a run, the first of them gets done after all, and
 * someone unseen for too long reports in. */
static void keep_in_control(struct demo_plan *pl)
{
	const struct policy *pol = &pl->h->policy;
	struct obligation *ob = arena_alloc(pl->a, sizeof(*ob) * MAX_PERIODS);
	struct obligation_summary sum;
	int tries, n, i, k, seen, last, day, run[OB_KINDS], first[OB_KINDS];

	if (pl->cur < 0 || !strcmp(pl->want, "lost") || pl->ms[pl->cur].quiet_from)
		return;
	last = last_day(pl, pl->cur);
	for (tries = 0; tries < 12 && rule_says_lost(pl, ob, &n, &sum, &seen); tries++) {
		if (pol->lost_unreachable_days && span(seen, pl->today) >= pol->lost_unreachable_days) {
			day = free_day(pl, pl->cur, plus(pl->today, -rnd(pl, 10)), plus(pl->today, -20),
				       last);
			if (day)
				add_contact(pl, pl->cur, "report", day, "met");
		}
		memset(run, 0, sizeof(run));
		for (i = 0; i < n; i++) {
			k = ob[i].kind;
			if (k == OB_REPORT)
				continue;
			if (ob[i].state != OB_MISSED) {
				run[k] = 0;
				continue;
			}
			if (!run[k]++)
				first[k] = i;
			if (run[k] >= pol->lost_missed_in_row) {
				const struct obligation *o = &ob[first[k]];
				day = free_day(pl, pl->cur, o->period_start, o->period_start,
					       earlier(o->due, last));
				if (day)
					emit(pl, pl->cur, k, day, earlier(o->due, last));
				break;
			}
		}
	}
	if (tries == 12)
		problem(pl, "in control", "the lost-contact rule still holds");
}

static void records(struct demo_plan *pl)
{
	int mi;

	pl->cur = -1;
	for (mi = pl->nm - 1; mi >= 0 && pl->cur < 0; mi--)
		if (strcmp(pl->ms[mi].m.status, "ended"))
			pl->cur = mi;
	plan_slips(pl);
	assess(pl);
	for (mi = 0; mi < pl->nm; mi++)
		absences(pl, mi);
	for (mi = 0; mi < pl->nm; mi++)
		routine(pl, mi);
	keep_in_control(pl);
	help(pl);
}

/* ---- the person ---- */

static const struct demo_staff *staff_of(const struct demo_history *h, const char *division,
					 const char **town, const char **police)
{
	static const struct demo_staff none;
	const struct demo_area *home = &h->c->home;
	int i;

	for (i = 0; i < home->ntowns; i++)
		if (!strncmp(division, home->towns[i].code, strlen(home->towns[i].code))) {
			*town = home->towns[i].name;
			*police = home->towns[i].police;
			return &h->staff[i];
		}
	*town = home->name;
	*police = h->c->drug_squad;
	return &none;
}

struct demo_plan *demo_history_plan(struct demo_history *h, long i, struct person *p,
				    struct arena *a)
{
	struct demo_plan *pl = arena_zalloc(a, sizeof(*pl));
	const char *police;
	size_t k;

	pl->h = h;
	pl->p = p;
	pl->a = a;
	demo_rng_seed(&pl->r, h->seed, STREAM + (uint64_t)i);
	pl->today = h->c->today;
	pl->until = p->closed_date ? p->closed_date : pl->today;
	pl->window = ymd_add_months(pl->today, -60);
	pl->found = p->first_found_date;
	pl->staff = staff_of(h, p->division, &pl->town, &police);
	if (pl->staff->n >= 2)
		pl->tester = arena_printf(a, "%s、%s", pl->staff->names[0], pl->staff->names[1]);
	else if (pl->staff->n)
		pl->tester = arena_printf(a, "%s、%s民警", pl->staff->names[0], police);
	else
		pl->tester = arena_printf(a, "%s民警", police);
	pl->severe = !strcmp(p->addiction, "severe");
	pl->heroin = strstr(p->drug_types, "heroin") || strstr(p->drug_types, "opium");
	pl->pregnant = strstr(p->special_status, "pregnant") != NULL;
	pl->want = p->control_status;
	pl->cur = -1;

	if (pl->found >= pl->window) {
		add_test(pl, -1, pl->found, "urine", "positive");
		pl->t[0].tester = p->first_found_unit;
		pl->t[0].note = "查获时现场检测";
	}
	if (!strcmp(p->addiction, "use")) {
		plan_user(pl);
	} else {
		/* 吸毒成瘾认定: within 24 hours of the test (DOMAIN.md §2) */
		p->addiction_date = earlier(plus(pl->found, rnd(pl, 2)), pl->until);
		p->addiction_doc = doc_no(pl, DOC_ADDICTION, p->addiction_date);
		plan_addicted(pl);
	}
	records(pl);
	for (k = 0; k < pl->nt; k++)
		if (pl->t[k].date > pl->until || pl->t[k].date < p->birth_date)
			problem(pl, "test", "outside the person's life");
	p->control_status = pl->want;
	return pl;
}

/* ---- writing ---- */

static long *status_slot(struct demo_stats *s, const char *status)
{
	static long none;
	int i;
	for (i = 0; i < 4; i++)
		if (!strcmp(measure_statuses[i].key, status))
			return &s->measure_status[i];
	return &none;
}

static int write_measures(struct db *db, struct demo_plan *pl, int64_t pid, int64_t *ids,
			  struct buf *err)
{
	struct demo_stats *s = &pl->h->stats;
	int i, j, kind;

	ids[0] = 0;
	for (i = 0; i < pl->nm; i++) {
		struct measure m = pl->ms[i].m;
		m.id = 0;
		m.person_id = pid;
		m.previous_id = ids[i];
		if (store_measure_add(db, &m, err) < 0)
			return -1;
		ids[i + 1] = m.id;
		for (j = 0; j < pl->ms[i].nev; j++) {
			struct measure_event e = pl->ms[i].ev[j];
			e.measure_id = m.id;
			if (store_measure_event_add(db, &e, err) < 0)
				return -1;
		}
		s->measures++;
		s->events += pl->ms[i].nev;
		kind = measure_kind_from_key(m.kind);
		if (kind >= 0)
			s->measure_kind[kind]++;
		(*status_slot(s, m.status))++;
	}
	return 0;
}

static int write_records(struct db *db, struct demo_plan *pl, int64_t pid, const int64_t *ids,
			 struct buf *err)
{
	struct demo_stats *s = &pl->h->stats;
	int64_t *tid = arena_alloc(pl->a, sizeof(*tid) * (pl->nt + 1));
	size_t k;

	for (k = 0; k < pl->nt; k++) {
		struct drug_test t = pl->t[k];
		t.person_id = pid;
		t.measure_id = ids[t.measure_id];
		if (store_test_add(db, &t, err) < 0)
			return -1;
		tid[k] = t.id;
	}
	for (k = 0; k < pl->nc; k++) {
		struct contact c = pl->c[k];
		c.person_id = pid;
		c.measure_id = ids[c.measure_id];
		if (store_contact_add(db, &c, err) < 0)
			return -1;
	}
	for (k = 0; k < pl->nab; k++) {
		struct absence ab = pl->ab[k];
		ab.person_id = pid;
		ab.measure_id = ids[ab.measure_id];
		if (store_absence_add(db, &ab, err) < 0)
			return -1;
	}
	for (k = 0; k < pl->nf; k++) {
		struct control_flag f = pl->f[k].f;
		f.person_id = pid;
		if (pl->f[k].test)
			f.evidence = arena_printf(pl->a, "drug_test %" PRId64, tid[pl->f[k].test - 1]);
		if (store_flag_add(db, &f, err) < 0 ||
		    (f.resolved_date && store_flag_resolve(db, f.id, f.resolved_date, f.resolution,
							   err) < 0))
			return -1;
	}
	for (k = 0; k < pl->nas; k++) {
		struct assistance as = pl->as[k];
		as.person_id = pid;
		if (store_assistance_add(db, &as, err) < 0)
			return -1;
	}
	s->tests += (long)pl->nt;
	s->contacts += (long)pl->nc;
	s->absences += (long)pl->nab;
	s->flags += (long)pl->nf;
	s->assistance += (long)pl->nas;
	return 0;
}

int demo_history_write(struct db *db, struct demo_history *h, struct demo_plan *pl,
		       const struct person *p, struct buf *err)
{
	struct demo_stats *s = &h->stats;
	int64_t ids[MAX_MEASURES + 1];
	struct person back;
	int i;

	if (write_measures(db, pl, p->id, ids, err) < 0 || write_records(db, pl, p->id, ids, err) < 0 ||
	    control_refresh(db, &setup_cli_actor, p->id, &h->policy, pl->today, err) < 0 ||
	    store_person_get(db, p->id, pl->a, &back, err) != 0)
		return -1;
	for (i = 0; person_control_statuses[i].key && i < 8; i++)
		if (!strcmp(person_control_statuses[i].key, back.control_status))
			s->person_status[i]++;
	s->refused += pl->refused;
	if (pl->refused && !s->first_problem[0])
		snprintf(s->first_problem, sizeof(s->first_problem), "%s", pl->problem);
	/* The schedule followed the planned risk level: it must be the one
	 * control_refresh found, as must the status. */
	if (strcmp(back.control_status, pl->want) || strcmp(back.risk_level, pl->risk)) {
		s->mismatched++;
		if (!s->first_problem[0])
			snprintf(s->first_problem, sizeof(s->first_problem),
				 "person %" PRId64 " is '%s' at risk '%s', planned '%s' at '%s'",
				 p->id, back.control_status, back.risk_level, pl->want, pl->risk);
	}
	return 0;
}
