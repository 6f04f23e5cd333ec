/* demo-cases.c - the demo county's drug cases: three years of them at every step, graded, with suspects and assets. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/case.h"
#include "domain/demo.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/pinyin.h"
#include "lib/timeutil.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Everything one case's generation needs and keeps. */
struct gen {
	struct db *db;
	const struct demo_county *c;
	const struct demo_case_setting *set;
	struct policy pol;
	struct demo_rng r;
	struct arena *a;
	struct demo_stats *st;
	const struct person *users; /* registered drug users of the county */
	int nusers;
	int seq[8];                 /* case numbers per year, from today's year - 7 */
	struct actor who;           /* the county's police user, for the networks */
	struct buf *err;
};

/* A case's steps as days after its acceptance, -1 for steps it never has. */
enum { P_ACC, P_FIL, P_INV, P_SOL, P_REF, P_INV2, P_SOL2, P_REF2, P_PRO, P_JUD, P_WDR, P_N };
static const enum case_status plan_status[P_N] = {
	CS_ACCEPTED, CS_FILED, CS_INVESTIGATING, CS_SOLVED, CS_REFERRED, CS_INVESTIGATING,
	CS_SOLVED, CS_REFERRED, CS_PROSECUTED, CS_JUDGED, CS_WITHDRAWN,
};

/* The kinds of case and how often each comes (per mille), with how many
 * suspects, which drugs and how much. */
enum size { SZ_NONE, SZ_PACKET, SZ_SMALL, SZ_MEDIUM, SZ_LARGE, SZ_EXTRA };
static const struct {
	const char *type;
	const char *crime; /* as a case's name says it: 王某贩卖毒品案 */
	int w;
	int suspects;      /* at most; at least one */
	int sizes[6];      /* per mille by enum size */
} kinds[] = {
	{ "trafficking", "贩卖毒品", 450, 3, { 0, 420, 160, 250, 130, 40 } },
	{ "transporting", "运输毒品", 100, 2, { 0, 0, 100, 350, 400, 150 } },
	{ "possession", "非法持有毒品", 130, 1, { 0, 0, 0, 800, 200, 0 } },
	{ "sheltering", "容留他人吸毒", 150, 2, { 450, 550, 0, 0, 0, 0 } },
	{ "online", "非法利用信息网络", 60, 2, { 0, 500, 300, 200, 0, 0 } },
	{ "manufacturing", "制造毒品", 20, 4, { 0, 0, 0, 0, 500, 500 } },
	{ "cultivation", "非法种植毒品原植物", 60, 1, { 1000, 0, 0, 0, 0, 0 } },
	{ "precursors", "非法买卖制毒物品", 30, 2, { 1000, 0, 0, 0, 0, 0 } },
};

static const struct {
	const char *drug;
	int w;
	int scale;         /* weights times this (ketamine's thresholds are ten times meth's) */
	int purity_lo, purity_hi;
} drugs[] = {
	{ "meth", 560, 1, 150, 950 }, { "heroin", 140, 1, 300, 800 },
	{ "ketamine", 140, 10, 400, 900 }, { "mdma", 50, 2, 100, 400 },
	{ "cannabis_resin", 10, 200, 0, 0 }, { "methcathinone", 50, 4, 200, 700 },
	{ "etomidate", 30, 1, 0, 0 }, { "synthetic_cannabinoids", 20, 1, 0, 0 },
};

/* Where people from the county are caught trafficking elsewhere (外流贩毒). */
static const struct {
	const char *code, *place;
} outflows[] = {
	{ "440306", "广东省深圳市宝安区" }, { "441900", "广东省东莞市" },
	{ "440111", "广东省广州市白云区" }, { "330782", "浙江省义乌市" },
	{ "350582", "福建省晋江市" },       { "310117", "上海市松江区" },
};

static const char *const spots[] = { "出租屋", "宾馆客房", "KTV包厢", "停车场", "网吧",
				     "农贸市场附近", "菜市场旁巷口", "家中" };
static const char *const checkpoints[] = { "G45大广高速永丰收费站", "永丰公安检查站",
					   "S223省道卡点" };

static int rnd(struct gen *g, int n)
{
	return n > 0 ? demo_rng_below(&g->r, n) : 0;
}

static int chance(struct gen *g, int permille)
{
	return demo_rng_chance(&g->r, permille);
}

static int between(struct gen *g, int lo, int hi)
{
	return hi <= lo ? lo : lo + rnd(g, hi - lo + 1);
}

static void problem(struct gen *g, const char *what, const char *why)
{
	g->st->refused++;
	if (!g->st->first_problem[0])
		snprintf(g->st->first_problem, sizeof(g->st->first_problem), "case: %s: %s", what,
			 why);
}

static const struct demo_town *pick_town(struct gen *g)
{
	const struct demo_area *h = &g->c->home;
	int x = rnd(g, h->total_weight), i;
	for (i = 0; i < h->ntowns - 1 && x >= h->towns[i].weight; i++)
		x -= h->towns[i].weight;
	return &h->towns[i];
}

/* ---- the pipeline's dates ---- */

/* Days after acceptance of each step; the kind of case decides whether it
 * is caught in the act (solved when filed) and whether it is withdrawn. */
static void plan_steps(struct gen *g, int in_act, int withdraw, int off[P_N])
{
	int i;
	for (i = 0; i < P_N; i++)
		off[i] = -1;
	off[P_ACC] = 0;
	off[P_FIL] = rnd(g, 3);
	if (withdraw < 0 ? chance(g, 50) : withdraw) {
		/* withdrawn: the facts did not make a crime after all */
		off[P_INV] = off[P_FIL] + rnd(g, 4);
		off[P_WDR] = off[P_INV] + between(g, 10, 60);
		return;
	}
	if (in_act) {
		off[P_SOL] = off[P_FIL];
	} else {
		off[P_INV] = off[P_FIL] + rnd(g, 4);
		off[P_SOL] = off[P_INV] + between(g, 7, 90);
	}
	off[P_REF] = off[P_SOL] + between(g, 40, 90);
	if (chance(g, 80)) {
		/* sent back once for supplementary investigation */
		off[P_INV2] = off[P_REF] + between(g, 10, 30);
		off[P_SOL2] = off[P_INV2] + between(g, 10, 30);
		off[P_REF2] = off[P_SOL2] + between(g, 1, 5);
	}
	off[P_PRO] = (off[P_REF2] >= 0 ? off[P_REF2] : off[P_REF]) + between(g, 20, 45);
	off[P_JUD] = off[P_PRO] + between(g, 30, 120);
}

/* For a case that must be at `want` today: the steps after it (in_act
 * ones fall on the day of 立案) move to later days, so that a day exists
 * when it is at `want` and not beyond. */
static void spread(int off[P_N], enum case_status want)
{
	int at, j, m, delta;

	for (at = 0; at < P_N && (off[at] < 0 || plan_status[at] != want); at++)
		;
	if (at == P_N)
		return;
	for (j = at + 1; j < P_N; j++) {
		if (off[j] < 0 || off[j] > off[at])
			continue;
		delta = off[at] + 1 - off[j];
		for (m = j; m < P_N; m++)
			if (off[m] >= 0)
				off[m] += delta;
	}
}

/* The last step reached: for a case meant to be at `want` now, the day it
 * was accepted so that it is (or 0 when the plan never reaches it). */
static int accepted_for(struct gen *g, const int off[P_N], enum case_status want, int today)
{
	int i, at = -1, next = -1;
	for (i = 0; i < P_N; i++) {
		if (off[i] < 0)
			continue;
		if (at >= 0 && next < 0 && off[i] > off[at])
			next = i;
		if (plan_status[i] == want && at < 0)
			at = i, next = -1;
	}
	if (at < 0)
		return 0;
	if (next < 0) /* nothing after it: any time in the last year */
		return ymd_add_days(today, -off[at] - between(g, 0, 300));
	return ymd_add_days(today, -off[at] - rnd(g, off[next] - off[at]));
}

/* ---- seizures ---- */

static int pick_drug(struct gen *g, const char *type)
{
	int x, i;
	if (!strcmp(type, "online") && chance(g, 400))
		return chance(g, 500) ? 6 : 7; /* etomidate, synthetic cannabinoids */
	x = rnd(g, 1000);
	for (i = 0; i < COUNT(drugs) - 2; i++) {
		if (x < drugs[i].w)
			return i;
		x -= drugs[i].w;
	}
	return 0;
}

/* Grams (in hundredths) for a seizure of that size. */
static int64_t size_cg(struct gen *g, enum size sz, int scale)
{
	int64_t cg;
	switch (sz) {
	case SZ_PACKET:
		cg = between(g, 10, 300);
		break;
	case SZ_SMALL:
		cg = between(g, 300, 999);
		break;
	case SZ_MEDIUM:
		cg = between(g, 1000, 4999);
		break;
	case SZ_LARGE:
		cg = between(g, 5000, 99999);
		break;
	case SZ_EXTRA:
		cg = (int64_t)between(g, 1000, 6000) * 100;
		break;
	default:
		cg = 0;
	}
	return cg * scale;
}

static enum size pick_size(struct gen *g, int k)
{
	int x = rnd(g, 1000), s;
	for (s = 0; s < 5 && x >= kinds[k].sizes[s]; s++)
		x -= kinds[k].sizes[s];
	return (enum size)s;
}

/* The seizures of a case: one, now and then two of the same drug (the
 * packets on the person and those at home) or a second drug. */
static int add_seizures(struct gen *g, struct drug_case *dc, int k, enum size sz,
			const char *where)
{
	int n = sz == SZ_NONE ? 0 : 1 + chance(g, 250) + chance(g, 60), i, d = pick_drug(g, dc->type);

	for (i = 0; i < n; i++) {
		struct seizure s;
		struct buf why = BUF_INIT;
		if (i && chance(g, 400))
			d = pick_drug(g, dc->type);
		memset(&s, 0, sizeof(s));
		s.case_id = dc->id;
		s.drug = drugs[d].drug;
		s.weight_ug = size_cg(g, i ? (sz > SZ_PACKET ? sz - 1 : sz) : sz, drugs[d].scale) *
			      10000;
		s.packets = sz == SZ_PACKET ? between(g, 2, 40) : 0;
		s.purity = drugs[d].purity_hi && chance(g, 450)
				   ? between(g, drugs[d].purity_lo, drugs[d].purity_hi)
				   : -1;
		s.place = where;
		s.date = dc->occurred_date ? dc->occurred_date : dc->accepted_date;
		s.user_id = dc->created_by;
		if (case_seizure_check(dc, &s, &g->pol, g->c->today, &why) < 0)
			problem(g, "seizure", why.buf);
		buf_release(&why);
		if (store_seizure_add(g->db, &s, g->err) < 0)
			return -1;
		g->st->seizures++;
	}
	(void)k;
	return 0;
}

/* ---- suspects ---- */

/* A new person file for a suspect who is not on file: local or from
 * another region, born so as to be an adult on the day. */
static int new_suspect(struct gen *g, const struct drug_case *dc, int local, int day,
		       struct person *p)
{
	const struct demo_area *from = local || !g->c->nothers
					       ? &g->c->home
					       : &g->c->others[rnd(g, g->c->nothers)];
	const struct demo_town *t = local ? pick_town(g) : NULL;
	struct demo_id id;
	char number[19], masked[19], hash[65];
	int64_t other;
	int male = chance(g, 880), tries, rc;

	memset(p, 0, sizeof(*p));
	id.region = from->code;
	id.birth = ymd_add_days(day, -between(g, 18 * 366, 55 * 365));
	id.seq = rnd(g, 500) * 2 + male;
	for (tries = 0;; tries++) {
		demo_id_format(&id, number);
		store_id_hash(db_store(g->db), number, hash);
		rc = store_person_id_by_hash(g->db, hash, &other, g->err);
		if (rc < 0)
			return -1;
		if (rc == STORE_NOTFOUND)
			break;
		if (tries == 500) {
			buf_setf(g->err, "no free ID number for a suspect born %d", id.birth);
			return -1;
		}
		id.seq = demo_id_next_seq(id.seq);
	}
	idcard_mask(number, masked);
	p->id_number = arena_strdup(g->a, number);
	p->id_masked = arena_strdup(g->a, masked);
	p->sex = male ? "M" : "F";
	p->birth_date = id.birth;
	p->name = demo_name(&g->r, male, id.birth / 10000, g->a);
	pinyin_of_name_arena(g->a, p->name, &p->name_pinyin, &p->name_initials);
	p->phone = chance(g, 800) ? demo_phone(&g->r, g->a) : "";
	if (t && t->nvillages) {
		const struct demo_village *v = &t->villages[rnd(g, t->nvillages)];
		p->household_division = v->code;
		p->division = v->code;
	} else {
		p->household_division = from->code;
		p->division = dc->division;
	}
	p->registered = 0;
	p->control_status = "in_control";
	p->addiction = "";
	p->alias = p->ethnicity = p->household_address = p->residence_address = "";
	p->drug_types = p->first_found_unit = p->employment = p->special_status = "";
	p->residence_division = p->addiction_doc = p->family = p->closed_reason = "";
	p->note = arena_printf(g->a, "毒品案件 %s 犯罪嫌疑人", dc->number);
	if (store_person_add(g->db, p, g->err) < 0)
		return -1;
	g->st->suspect_files++;
	return 0;
}

/* The sentence a court gives for the class of the case and the suspect's role. */
static const char *sentence(struct gen *g, int legal, const char *type, const char *role)
{
	static const char *const by_class[][3] = {
		{ "有期徒刑八个月，并处罚金人民币三千元", "有期徒刑一年，并处罚金人民币五千元",
		  "有期徒刑一年六个月，并处罚金人民币一万元" },
		{ "有期徒刑七年，并处罚金人民币二万元", "有期徒刑八年，并处罚金人民币三万元",
		  "有期徒刑九年，并处罚金人民币五万元" },
		{ "有期徒刑十五年，并处没收个人财产人民币五万元", "无期徒刑，剥夺政治权利终身，并处没收个人全部财产",
		  "有期徒刑十五年，并处没收个人财产人民币十万元" },
	};
	int c = legal > DRUG_BELOW ? legal : 0;
	if (!strcmp(type, "sheltering"))
		return "有期徒刑十个月，并处罚金人民币二千元";
	if (!strcmp(type, "cultivation"))
		return "拘役五个月，并处罚金人民币一千元";
	if (strcmp(role, "principal") && strcmp(role, "sole") && c > 0)
		c--;
	return by_class[c][rnd(g, 3)];
}

static void measure(struct gen *g, struct drug_case *dc, struct suspect_measure *have, int *n,
		    int64_t sid, const char *kind, int date, const char *sent)
{
	struct suspect_measure m;
	struct buf why = BUF_INIT;

	if (date > g->c->today)
		return;
	memset(&m, 0, sizeof(m));
	m.suspect_id = sid;
	m.kind = kind;
	m.date = date;
	m.sentence = sent ? sent : "";
	m.doc_no = "";
	m.user_id = dc->created_by;
	if (case_measure_check(dc, have, *n, &m, g->c->today, &why) < 0)
		problem(g, kind, why.buf);
	else if (store_suspect_measure_add(g->db, &m, g->err) != 0)
		problem(g, kind, "not stored");
	else
		have[(*n)++] = m;
	buf_release(&why);
}

struct case_days {
	int solved, prosecuted, judged; /* 0: not (yet) */
};

/* The coercive measures and outcome of one suspect, as far as the case got. */
static void suspect_measures(struct gen *g, struct drug_case *dc, const struct case_suspect *s,
			     const struct case_days *cd, int legal)
{
	struct suspect_measure have[6];
	int n = 0, day = s->caught_date;

	measure(g, dc, have, &n, s->id, "detention", day, NULL);
	if (cd->solved) {
		if (chance(g, 800) || legal >= DRUG_LARGE)
			measure(g, dc, have, &n, s->id, "arrest", ymd_add_days(day, between(g, 20, 37)),
				NULL);
		else
			measure(g, dc, have, &n, s->id, "bail", ymd_add_days(day, between(g, 7, 30)),
				NULL);
	}
	if (cd->prosecuted)
		measure(g, dc, have, &n, s->id, "prosecution", cd->prosecuted, NULL);
	if (cd->judged)
		measure(g, dc, have, &n, s->id, "judgment", cd->judged,
			sentence(g, legal, dc->type, s->role));
}

/* The suspects of a case: registered drug users of the county now and
 * then (they buy to sell: 以贩养吸), else new files, mostly local. */
static int add_suspects(struct gen *g, struct drug_case *dc, int k, int outflow,
			const struct case_days *cd, int legal)
{
	int n = between(g, 1, kinds[k].suspects), i, j;
	int64_t taken[8];
	int o = outflow ? rnd(g, COUNT(outflows)) : 0;

	for (i = 0; i < n; i++) {
		struct case_suspect s;
		struct person p;
		struct buf why = BUF_INIT;
		int reg = g->nusers && chance(g, !strcmp(dc->type, "sheltering") ? 600 : 350);
		int rc, links;

		memset(&s, 0, sizeof(s));
		if (reg) {
			p = g->users[rnd(g, g->nusers)];
			for (j = 0; j < i; j++)
				if (taken[j] == p.id)
					reg = 0;
		}
		if (!reg && new_suspect(g, dc, outflow || chance(g, 880), dc->accepted_date, &p) < 0)
			return -1;
		taken[i] = p.id;
		s.case_id = dc->id;
		s.person_id = p.id;
		s.role = n == 1 ? "sole" : i == 0 ? "principal" : chance(g, 100) ? "coerced" : "accomplice";
		s.caught_date = dc->accepted_date;
		s.home_division = division_level(p.household_division) >= 4 ? p.household_division : "";
		s.caught_division = outflow ? outflows[o].code : dc->division;
		s.caught_place = outflow ? outflows[o].place : dc->place;
		s.outflow = case_outflow(dc->division, s.home_division, s.caught_division);
		s.note = "";
		s.user_id = dc->created_by;
		if (case_suspect_check(&s, p.birth_date, g->c->today, &why) < 0)
			problem(g, "suspect", why.buf);
		buf_release(&why);
		rc = store_suspect_add(g->db, &s, g->err);
		if (rc < 0)
			return -1;
		if (rc == STORE_CONFLICT) {
			problem(g, "suspect", "the same person twice");
			continue;
		}
		/* co-suspects are linked 同案 in the networks, as users' cases are */
		if (case_network_suspect(g->db, &g->who, dc, &p, 0, &links, g->err) < 0)
			return -1;
		g->st->case_links += links;
		g->st->suspects++;
		g->st->outflow_suspects += s.outflow;
		g->st->registered_suspects += p.registered;
		suspect_measures(g, dc, &s, cd, legal);
	}
	return n;
}

/* ---- assets ---- */

static int add_asset(struct gen *g, const struct drug_case *dc, const char *category,
		     const char *kind, const char *what, int64_t yuan)
{
	struct case_asset as;
	struct buf why = BUF_INIT;

	memset(&as, 0, sizeof(as));
	as.case_id = dc->id;
	as.category = category;
	as.kind = kind;
	as.description = what;
	as.amount_fen = yuan * 100 + (chance(g, 300) ? rnd(g, 100) : 0);
	as.date = dc->accepted_date;
	as.note = "";
	as.user_id = dc->created_by;
	if (case_asset_check(dc, &as, g->c->today, &why) < 0)
		problem(g, "asset", why.buf);
	buf_release(&why);
	if (store_asset_add(g->db, &as, g->err) < 0)
		return -1;
	g->st->assets++;
	return 0;
}

static int add_assets(struct gen *g, const struct drug_case *dc, enum size sz)
{
	static const char letters[] = "ABCDEFGHJK";
	if (sz >= SZ_PACKET && chance(g, sz >= SZ_MEDIUM ? 650 : 300) &&
	    add_asset(g, dc, "drug_money", "cash", "现金",
		      sz >= SZ_LARGE ? between(g, 20000, 300000) : between(g, 200, 20000)) < 0)
		return -1;
	if (sz >= SZ_MEDIUM && chance(g, 200) &&
	    add_asset(g, dc, "drug_money", "online_funds", "微信、支付宝账户资金",
		      between(g, 3000, 80000)) < 0)
		return -1;
	if (sz >= SZ_MEDIUM && chance(g, 220) &&
	    add_asset(g, dc, "asset", "vehicle",
		      arena_printf(g->a, "小型轿车 赣D·%c%04d", letters[rnd(g, 10)], rnd(g, 10000)),
		      between(g, 20000, 180000)) < 0)
		return -1;
	if (sz >= SZ_LARGE && chance(g, 300) &&
	    add_asset(g, dc, "drug_money", "deposit", "银行存款（冻结）",
		      between(g, 50000, 600000)) < 0)
		return -1;
	if (sz >= SZ_EXTRA && chance(g, 400) &&
	    add_asset(g, dc, "asset", "property", "商品房一套（查封）", between(g, 300000, 900000)) < 0)
		return -1;
	return 0;
}

/* ---- one case ---- */

static int pick_kind(struct gen *g)
{
	int x = rnd(g, 1000), k;
	for (k = 0; k < COUNT(kinds) - 1 && x >= kinds[k].w; k++)
		x -= kinds[k].w;
	return k;
}

static const char *pick_source(struct gen *g, const char *type, enum size sz)
{
	static const char *const sources[] = { "report", "report", "intelligence", "intelligence",
					       "patrol", "assist", "checkpoint", "logistics" };
	if (!strcmp(type, "online"))
		return "online";
	if (!strcmp(type, "transporting"))
		return chance(g, 600) ? "checkpoint" : "logistics";
	if (sz >= SZ_LARGE && chance(g, 400))
		return "intelligence";
	return sources[rnd(g, COUNT(sources))];
}

/* "2026年3月5日，根据群众举报，民警在恩江镇某出租屋内抓获犯罪嫌疑人王某某…" */
static const char *describe(struct gen *g, const struct drug_case *dc, const char *who,
			    const char *what)
{
	static const struct {
		const char *source, *how;
	} hows[] = {
		{ "report", "根据群众举报" },   { "checkpoint", "在公路查缉中" },
		{ "logistics", "在寄递物流检查中" }, { "online", "在网上巡查中发现线索后" },
		{ "assist", "根据外地公安机关协查通报" }, { "intelligence", "经情报研判" },
		{ "patrol", "在日常巡查中" },
	};
	const char *how = "经侦查";
	int i, d = dc->occurred_date ? dc->occurred_date : dc->accepted_date;
	for (i = 0; i < COUNT(hows); i++)
		if (!strcmp(hows[i].source, dc->source))
			how = hows[i].how;
	return arena_printf(g->a, "%d年%d月%d日，%s，民警在%s抓获犯罪嫌疑人%s%s。", d / 10000,
			    d / 100 % 100, d % 100, how, dc->place, who, what);
}

/* "王某某": how a name appears in a summary of the facts. */
static const char *masked_name(struct gen *g, const char *name)
{
	size_t n = 3; /* one CJK character */
	if (strlen(name) > 9 && !strncmp(name, "欧阳", 6))
		n = 6;
	return arena_printf(g->a, "%.*s某某", (int)n, name);
}

/* The steps of a case up to today, each checked by the pipeline's rules. */
static int write_steps(struct gen *g, struct drug_case *dc, const int off[P_N], int nsuspects,
		       struct case_days *cd)
{
	struct case_step steps[P_N];
	int i, n = 0;

	memset(cd, 0, sizeof(*cd));
	for (i = 0; i < P_N; i++) {
		struct case_step *s = &steps[n];
		struct buf why = BUF_INIT;
		int day;
		if (off[i] < 0 || (day = ymd_add_days(dc->accepted_date, off[i])) > g->c->today)
			continue;
		if (n && case_step_check(dc, steps, n, nsuspects, plan_status[i], day, g->c->today,
					 &why) < 0)
			problem(g, case_statuses[plan_status[i]].key, why.buf);
		buf_release(&why);
		memset(s, 0, sizeof(*s));
		s->case_id = dc->id;
		s->status = case_statuses[plan_status[i]].key;
		s->date = day;
		s->doc_no = "";
		s->note = i == P_INV2 ? "检察院退回补充侦查" : "";
		s->user_id = dc->created_by;
		if (store_case_step_add(g->db, s, g->err) < 0)
			return -1;
		dc->status = s->status;
		dc->status_date = day;
		if (plan_status[i] == CS_SOLVED)
			cd->solved = day;
		if (plan_status[i] == CS_PROSECUTED)
			cd->prosecuted = day;
		if (plan_status[i] == CS_JUDGED)
			cd->judged = day;
		n++;
	}
	return 0;
}

/* Case i; forced >= 0 makes it end at that step today (so every step has
 * a case however few are made). Its id and judgment day go to *id, *judged. */
static int make_case(struct gen *g, int i, int forced, const struct demo_case_setting *set,
		     int64_t *id, int *judged)
{
	const struct demo_area *h = &g->c->home;
	const struct demo_town *t;
	struct drug_case dc;
	struct case_days cd;
	struct seizure_total *tot;
	struct case_grading gr;
	int off[P_N], k, nt, n, county, outflow, in_act, year;
	enum size sz;

	demo_rng_seed(&g->r, g->set->seed, (UINT64_C(0xCA5E) << 40) + (uint64_t)i);
	t = pick_town(g);
	k = pick_kind(g);
	sz = pick_size(g, k);
	outflow = (!strcmp(kinds[k].type, "trafficking") || !strcmp(kinds[k].type, "transporting")) &&
		  sz >= SZ_SMALL && chance(g, 180);
	/* after one case at each step, one of each grade, a 零包 case and an
	 * outflow one, however small the demo */
	if (i >= CS_COUNT && i < CS_COUNT + 4) {
		static const enum size sizes[] = { SZ_EXTRA, SZ_LARGE, SZ_PACKET, SZ_SMALL };
		k = i == CS_COUNT + 1 ? 1 : 0; /* transporting, else trafficking */
		sz = sizes[i - CS_COUNT];
		outflow = i == CS_COUNT + 3;
	}
	county = outflow || sz >= SZ_LARGE || !strcmp(kinds[k].type, "manufacturing") ||
		 chance(g, 150);
	in_act = sz <= SZ_SMALL || chance(g, 300);
	plan_steps(g, forced == CS_INVESTIGATING ? 0 : in_act,
		   forced < 0 ? -1 : forced == CS_WITHDRAWN, off);
	memset(&dc, 0, sizeof(dc));
	if (forced >= 0) {
		spread(off, (enum case_status)forced);
		dc.accepted_date = accepted_for(g, off, (enum case_status)forced, g->c->today);
	}
	if (!dc.accepted_date)
		dc.accepted_date = ymd_add_days(g->c->today, -rnd(g, 3 * 365));
	dc.occurred_date = ymd_add_days(dc.accepted_date, -rnd(g, 2));
	year = dc.accepted_date / 10000 - (g->c->today / 10000 - 7);
	year = year < 0 ? 0 : year > 7 ? 7 : year;
	dc.number = arena_printf(g->a, "A%s050000%06d%04d", h->code, dc.accepted_date / 100,
				 ++g->seq[year]);
	dc.type = kinds[k].type;
	dc.source = outflow ? "assist" : pick_source(g, dc.type, sz);
	dc.status = "accepted";
	dc.status_date = dc.accepted_date;
	dc.division = county ? h->code : t->code;
	dc.unit_id = county ? set->squad : set->police[t - h->towns];
	dc.officers = arena_printf(g->a, "%s、%s", demo_name(&g->r, 1, 1985, g->a),
				   demo_name(&g->r, chance(g, 800), 1990, g->a));
	if (outflow)
		dc.place = "外地";
	else if (!strcmp(dc.source, "checkpoint"))
		dc.place = checkpoints[rnd(g, COUNT(checkpoints))];
	else if (!strcmp(dc.source, "logistics"))
		dc.place = arena_printf(g->a, "%s某快递网点", t->name);
	else
		dc.place = arena_printf(g->a, "%s某%s", t->name, spots[rnd(g, COUNT(spots))]);
	dc.name = "";
	dc.description = "";
	dc.online = !strcmp(dc.type, "online") || !strcmp(dc.source, "online");
	dc.small_packets = sz == SZ_PACKET;
	dc.created_by = set->user;
	if (store_case_add(g->db, &dc, g->err) != 0) {
		if (!g->err->len)
			buf_setf(g->err, "case number %s taken twice", dc.number);
		return -1;
	}
	if (add_seizures(g, &dc, k, sz, dc.place) < 0 ||
	    store_seizure_totals(g->db, dc.id, g->a, &tot, &nt, g->err) < 0)
		return -1;
	drug_grade_case(&g->pol, tot, nt, &gr);
	/* the steps' rules want a suspect by 破案: the suspects come first */
	if (write_steps(g, &dc, off, 1, &cd) < 0)
		return -1;
	n = add_suspects(g, &dc, k, outflow, &cd, gr.legal);
	if (n < 0 || add_assets(g, &dc, sz) < 0)
		return -1;
	{
		struct case_suspect *sus;
		int ns;
		const char *what = "";
		char w[32];
		if (store_suspects(g->db, dc.id, g->a, &sus, &ns, g->err) < 0)
			return -1;
		if (nt) {
			const struct drug_def *d = drug_by_key(&g->pol, tot[0].drug);
			what = arena_printf(g->a, "，当场查获%s%s%s", d ? d->name : tot[0].drug,
					    drug_weight_format(tot[0].weight_ug, d ? d->unit : 0, w),
					    d && d->unit == DRUG_UNIT_MG ? "毫克" : "克");
		}
		dc.name = arena_printf(g->a, "%s%s%s案", ns ? sus[0].person_name : "",
				       ns > 1 ? "等人" : "", kinds[k].crime);
		if (outflow)
			dc.place = ns ? sus[0].caught_place : "外地";
		dc.description = describe(g, &dc, ns ? masked_name(g, sus[0].person_name) : "",
					  what);
	}
	dc.target = sz >= SZ_LARGE && chance(g, 500);
	dc.early = gr.legal >= DRUG_LARGE && cd.solved && chance(g, 600);
	if (store_case_update(g->db, &dc, g->err) != 0) {
		if (!g->err->len)
			buf_setf(g->err, "case %s changed while being made", dc.number);
		return -1;
	}
	g->st->cases++;
	g->st->case_status[case_status_from_key(dc.status)]++;
	g->st->case_grade[gr.police + 1]++;
	*id = dc.id;
	*judged = cd.judged;
	return 0;
}

/* 公开销毁 on 26 June (国际禁毒日) each year: the drugs of the cases judged
 * by then. */
static int destroy_yearly(struct gen *g, const int64_t *ids, const int *judged, int n)
{
	int y, i, j;

	for (y = g->c->today / 10000 - 4; y <= g->c->today / 10000; y++) {
		struct destruction d;
		int day = y * 10000 + 626, any = 0;
		if (day > g->c->today)
			break;
		memset(&d, 0, sizeof(d));
		d.division = g->c->home.code;
		d.date = day;
		d.place = arena_printf(g->a, "%s生活垃圾焚烧发电厂", g->c->home.name);
		d.witnesses = "县人民检察院、县禁毒委员会成员单位、新闻媒体和群众代表";
		d.note = "“6·26”国际禁毒日集中公开销毁";
		d.user_id = g->set->user;
		for (i = 0; i < n; i++) {
			struct seizure *s;
			int ns;
			if (!judged[i] || judged[i] > day)
				continue;
			if (store_seizures(g->db, ids[i], g->a, &s, &ns, g->err) < 0)
				return -1;
			for (j = 0; j < ns; j++) {
				if (s[j].destruction_id || s[j].date > day)
					continue;
				if (!any && store_destruction_add(g->db, &d, g->err) < 0)
					return -1;
				any = 1;
				if (store_seizure_destroy(g->db, s[j].id, ids[i], d.id, g->err) != 0) {
					problem(g, "destruction", "seizure not destroyed");
					continue;
				}
				g->st->destroyed++;
			}
		}
		g->st->destructions += any;
	}
	return 0;
}

int demo_cases(struct db *db, const struct demo_county *c, const struct demo_case_setting *set,
	       struct demo_stats *st, struct arena *a, struct buf *err)
{
	struct person_filter f;
	struct person *users;
	struct gen g;
	int64_t total, *ids;
	int *judged, n, i;
	char prefix[13];

	memset(&g, 0, sizeof(g));
	g.db = db;
	g.c = c;
	g.set = set;
	g.a = a;
	g.st = st;
	g.err = err;
	policy_defaults(&g.pol);
	g.who = setup_cli_actor;
	g.who.user_id = set->user;
	/* registered drug users of the county, the same ones on every run */
	division_prefix(c->home.code, prefix);
	memset(&f, 0, sizeof(f));
	f.prefix = prefix;
	f.registered = 1;
	f.sort = PERSON_SORT_NAME;
	f.limit = 3000;
	if (store_person_list(db, &f, a, &users, &g.nusers, &total, err) < 0)
		return -1;
	g.users = users;
	n = set->cases;
	ids = arena_zalloc(a, sizeof(*ids) * (size_t)(n ? n : 1));
	judged = arena_zalloc(a, sizeof(*judged) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++)
		if (make_case(&g, i, i < CS_COUNT ? i : -1, set, &ids[i], &judged[i]) < 0)
			return -1;
	return destroy_yearly(&g, ids, judged, n);
}
