/* demo-records.c - a demo plan's tests, contacts, absences, flags, assistance and methadone months. */
#include "demo-plan.h"

#include <string.h>

#include "domain/methadone.h"

static int64_t worker(const struct demo_plan *pl, int mi)
{
	return mi >= 0 ? pl->ms[mi].m.worker_id : 0;
}

/* Who raises a flag: the township's officer, else the county's police. */
static int64_t flagger(const struct demo_plan *pl)
{
	return pl->staff->n ? pl->staff->users[0] : pl->h->police_user;
}

/* ---- one record at a time ---- */

size_t demo_add_test(struct demo_plan *pl, int mi, int day, const char *method,
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

void demo_add_contact(struct demo_plan *pl, int mi, const char *kind, int day,
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

struct absence *demo_add_absence(struct demo_plan *pl, int mi, int from, int to, int permitted)
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

struct hflag *demo_add_flag(struct demo_plan *pl, const char *kind, int day, const char *reason)
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

struct assistance *demo_add_help(struct demo_plan *pl, int mi, const char *kind, int from,
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

/* Worded as control_test_add words it. */
struct hflag *demo_relapse(struct demo_plan *pl, int mi, int day)
{
	struct hflag *f;
	size_t test = demo_add_test(pl, mi, day, "urine", "positive");
	char d[11];

	ymd_format(day, d);
	f = demo_add_flag(pl, "relapse", day,
			  arena_printf(pl->a, "%s 检测阳性，建议：%s", d,
				       choice_label(measure_kinds,
						    pl->h->policy.relapse_proposal)));
	f->test = test;
	return f;
}

const char *demo_lost_reason(struct demo_plan *pl)
{
	static const char *const reasons[] = {
		"多次走访未见本人，电话无法接通，去向不明",
		"外出务工后失去联系，家属称不知去向",
		"连续未按期接受检测和走访，经查找下落不明",
		"更换手机号码后失联，原住址无人居住",
	};
	return PICK(pl, reasons);
}

/* ---- absences ---- */

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
void demo_absences(struct demo_plan *pl, int mi)
{
	const struct hm *hm = &pl->ms[mi];
	int lo, hi, n, k, from, len, permitted;

	if (!hm->routine || !hm->m.start_date || !strcmp(hm->m.kind, "voluntary"))
		return;
	lo = later(plus(hm->m.start_date, 10), pl->window);
	hi = plus(demo_last_day(pl, mi), -20);
	if (span(lo, hi) < 60)
		return;
	n = chance(pl, 150) ? 1 + rnd(pl, 2) : 0;
	permitted = n;
	n += chance(pl, 40);
	for (k = 0; k < n; k++) {
		len = k < permitted ? 3 + rnd(pl, 13) : 2 + rnd(pl, 5);
		from = day_in(pl, lo, plus(hi, -len));
		if (!overlaps(pl, mi, from, plus(from, len)))
			demo_add_absence(pl, mi, from, plus(from, len), k < permitted);
	}
}

/* ---- assistance ---- */

/* One kind of help along measure mi, begun by last: a job, training,
 * counselling, subsistence or medical aid. */
static void help_one(struct demo_plan *pl, int mi, int last)
{
	static const char *const employers[] = { "阳光工程就业安置基地", "绿源农业专业合作社",
						 "鑫盛竹木制品厂", "城南物流有限公司",
						 "丰源蔬菜种植基地" };
	static const char *const trades[] = { "电工", "家政服务", "挖掘机操作", "电子商务", "烹饪",
					      "汽车维修" };
	const char *county = pl->h->c->home.name;
	int from = day_in(pl, later(pl->ms[mi].m.start_date, pl->window), last), to;
	int x = rnd(pl, 1000);

	if (x < 350) {
		to = chance(pl, 500) ? 0 : earlier(plus(from, 90 + rnd(pl, 400)), pl->today);
		if (to && to <= from)
			to = 0;
		demo_add_help(pl, mi, "employment", from, to,
			      arena_printf(pl->a, "%s%s", rnd(pl, 3) ? county : pl->town,
					   PICK(pl, employers)),
			      arena_printf(pl->a, "安置就业，月工资 %d 元", 2200 + 100 * rnd(pl, 21)));
	} else if (x < 550) {
		demo_add_help(pl, mi, "training", from,
			      earlier(plus(from, 10 + rnd(pl, 50)), pl->today),
			      arena_printf(pl->a, "%s人力资源和社会保障局", county),
			      arena_printf(pl->a, "%s技能培训", PICK(pl, trades)));
	} else if (x < 750) {
		demo_add_help(pl, mi, "counselling", from,
			      earlier(plus(from, 30 + rnd(pl, 150)), pl->today),
			      arena_printf(pl->a, "%s人民医院心理门诊", county),
			      arena_printf(pl->a, "心理咨询 %d 次", 3 + rnd(pl, 8)));
	} else if (x < 900) {
		demo_add_help(pl, mi, "subsistence", from, 0, arena_printf(pl->a, "%s民政局", county),
			      chance(pl, 600) ? "纳入最低生活保障"
					      : arena_printf(pl->a, "临时救助 %d 元",
							     500 + 100 * rnd(pl, 16)));
	} else {
		demo_add_help(pl, mi, "medical", from,
			      earlier(plus(from, 5 + rnd(pl, 25)), pl->today),
			      arena_printf(pl->a, "%s人民医院", county),
			      strstr(pl->p->special_status, "hiv") ? "医疗救助绿色通道：抗病毒治疗"
								    : "医疗救助绿色通道：住院治疗");
	}
}

/* 帮扶 for about three in ten of those treated in the community. */
void demo_help(struct demo_plan *pl)
{
	const char *county = pl->h->c->home.name;
	int mi, n, last;

	for (mi = pl->nm - 1; mi >= 0; mi--)
		if (pl->ms[mi].routine && pl->ms[mi].m.start_date &&
		    strcmp(pl->ms[mi].m.kind, "voluntary") && demo_last_day(pl, mi) > pl->window)
			break;
	if (mi < 0)
		return;
	last = earlier(demo_last_day(pl, mi), pl->today);
	if (pl->heroin && !strcmp(pl->ms[mi].m.kind, "rehab") && chance(pl, 150))
		demo_add_help(pl, mi, "methadone", pl->ms[mi].m.start_date, 0,
			      arena_printf(pl->a, "%s美沙酮维持治疗门诊", county),
			      arena_printf(pl->a, "美沙酮维持治疗，日均剂量 %d 毫升",
					   30 + 5 * rnd(pl, 11)));
	if (!chance(pl, 300))
		return;
	for (n = 1 + chance(pl, 300); n > 0; n--)
		help_one(pl, mi, last);
}

/* ---- methadone maintenance, month by month ---- */

/* The last day of enrolment as: its end, the day before a later compulsory
 * measure took the person off the clinic, the file's end or today. */
static int enrolled_until(const struct demo_plan *pl, const struct assistance *as)
{
	int last = as->end_date ? as->end_date : pl->until;
	int i;

	for (i = 0; i < pl->nm; i++)
		if (!strcmp(pl->ms[i].m.kind, "compulsory") &&
		    pl->ms[i].m.decision_date > as->start_date)
			last = earlier(last, plus(pl->ms[i].m.decision_date, -1));
	return earlier(last, pl->today);
}

/* One month: the days the clinic expected (from the enrolment day in its
 * first month) and the days taken as the person's habit has it. */
static void methadone_month(struct demo_plan *pl, const struct assistance *as, int month,
			    int habit, int dose)
{
	struct methadone_month *m = ARENA_PUSH(pl->a, pl->mm, pl->nmm, pl->amm);
	int due = methadone_days_in_month(month), missed;

	if (as->start_date > methadone_month_first(month))
		due = span(as->start_date, methadone_month_last(month)) + 1;
	/* habit: 0 keeps nearly every day, 1 misses a few, 2 misses many */
	missed = habit == 0 ? rnd(pl, 3) : habit == 1 ? 2 + rnd(pl, 6) : due / 4 + rnd(pl, due / 2 + 1);
	if (habit < 2 && chance(pl, 80))
		missed = due / 4 + rnd(pl, due / 3 + 1); /* a bad month now and then */
	memset(m, 0, sizeof(*m));
	m->month = month;
	m->clinic = as->provider;
	m->days_due = due;
	m->days_taken = missed >= due ? 0 : due - missed;
	m->dose_tenths = m->days_taken ? dose + rnd(pl, 61) - 30 : 0;
	m->source = "imported";
}

void demo_methadone(struct demo_plan *pl)
{
	int first = ymd_add_months(pl->today, -12) / 100, this_month = pl->today / 100;
	size_t k, n = pl->nas;

	for (k = 0; k < n; k++) {
		const struct assistance *as = &pl->as[k];
		int month, last, habit, dose, x;

		if (strcmp(as->kind, "methadone"))
			continue;
		last = enrolled_until(pl, as) / 100;
		if (last >= this_month)
			last = ymd_add_months(pl->today, -1) / 100; /* this month is not over */
		x = rnd(pl, 100);
		habit = x < 65 ? 0 : x < 88 ? 1 : 2;
		dose = 300 + 10 * rnd(pl, 51); /* 30-80 mg a day */
		for (month = later(first, as->start_date / 100); month <= last;
		     month = ymd_add_months(month * 100 + 1, 1) / 100)
			methadone_month(pl, as, month, habit, dose);
	}
}
