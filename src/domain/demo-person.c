/* demo-person.c - one demo person file with a consistent history, from the seed alone. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/idcard.h"
#include "lib/pinyin.h"
#include "lib/timeutil.h"

/*
 * The shape of the demo follows the national picture (DOMAIN.md section 8)
 * scaled to a county: new users declining about 10% a year, heroin in the
 * older cohort and synthetic drugs in the younger, most files opened in
 * the last five years. Every probability below is in per mille.
 */

/* Where non-local ID numbers were issued: the neighbouring counties of 吉安,
 * the province's cities, and the places people come back from. */
const struct demo_region demo_regions[] = {
	{ "360821", 15, 0, NULL },     /* 吉安县 */
	{ "360822", 15, 0, NULL },     /* 吉水县 */
	{ "360824", 10, 0, NULL },     /* 新干县 */
	{ "360802", 8, 0, NULL },      /* 吉安市吉州区 */
	{ "360823", 6, 0, NULL },      /* 峡江县 */
	{ "360826", 6, 0, NULL },      /* 泰和县 */
	{ "360103", 5, 0, NULL },      /* 南昌市西湖区 */
	{ "360981", 5, 0, NULL },      /* 丰城市 */
	{ "361002", 5, 0, NULL },      /* 抚州市临川区 */
	{ "440106", 3, 0, NULL },      /* 广州市天河区 */
	{ "440111", 3, 0, NULL },      /* 广州市白云区 */
	{ "350102", 2, 0, NULL },      /* 福州市鼓楼区 */
	{ "350583", 3, 0, NULL },      /* 南安市 */
	{ "430602", 2, 0, NULL },      /* 岳阳市岳阳楼区 */
	{ "430621", 3, 0, NULL },      /* 岳阳县 */
	{ "513401", 3, 300, "彝族" },  /* 西昌市 */
	{ "513424", 2, 250, "彝族" },  /* 德昌县 */
	{ NULL, 0, 0, NULL }
};

/* Persons first found k years before the reference date (k = 0..11): new
 * cases falling 10% a year lately; older files fewer, as many of those
 * people have since left the registry. */
static const int year_weights[] = { 1000, 1100, 1210, 1331, 1464, 1250,
				    1000, 780, 600, 450, 330, 240 };

/* Where people from the county go to work (外出务工), with the police there. */
static const struct {
	const char *place, *police;
} outflows[] = {
	{ "广东省东莞市长安镇", "东莞市公安局长安分局" },
	{ "广东省东莞市虎门镇", "东莞市公安局虎门分局" },
	{ "广东省深圳市宝安区", "深圳市公安局宝安分局" },
	{ "广东省广州市白云区", "广州市公安局白云区分局" },
	{ "浙江省义乌市", "义乌市公安局" },
	{ "浙江省温州市瓯海区", "温州市公安局瓯海区分局" },
	{ "福建省晋江市", "晋江市公安局" },
	{ "福建省厦门市湖里区", "厦门市公安局湖里分局" },
	{ "上海市松江区", "上海市公安局松江分局" },
	{ "江西省南昌市青山湖区", "南昌市公安局青山湖分局" },
};

static const char *const streets[] = { "人民路", "建设路", "解放路", "沿江路", "城南大道",
				       "新华路", "胜利路", "文化路" };

struct weighted {
	const char *key;
	int w; /* per mille; a table sums to 1000 */
};

static const struct weighted synth_young[] = {
	{ "meth", 420 }, { "magu", 130 }, { "ketamine", 160 }, { "meth,magu", 80 },
	{ "meth,ketamine", 80 }, { "mdma", 50 }, { "cannabis", 40 }, { "methcathinone", 20 },
	{ "nps", 20 }, { NULL, 0 }
};
static const struct weighted synth_old[] = {
	{ "meth", 620 }, { "magu", 150 }, { "ketamine", 60 }, { "meth,magu", 120 },
	{ "meth,ketamine", 30 }, { "opium", 10 }, { "cannabis", 10 }, { NULL, 0 }
};
static const struct weighted employments[] = {
	{ "无业", 300 }, { "务农", 200 }, { "务工", 150 }, { "个体经营", 120 },
	{ "服务业", 80 }, { "司机", 60 }, { "建筑工人", 40 }, { "娱乐场所从业人员", 30 },
	{ "其他", 20 }, { NULL, 0 }
};

static const char *const notes[] = { "家属配合帮教", "与父母同住", "家庭困难，已纳入低保",
				     "有固定工作", "已婚，育有一子", "离异，独居",
				     "社区民警定期走访" };

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *pick_weighted(struct demo_rng *r, const struct weighted *t)
{
	int x = demo_rng_below(r, 1000);
	for (; t[1].key; t++) {
		if (x < t->w)
			break;
		x -= t->w;
	}
	return t->key;
}

static int has_prefix(const char *s, const char *pre)
{
	return !strncmp(s, pre, strlen(pre));
}

/* Length of s without the suffix suf, or 0 when s does not end in it or is
 * nothing but it. */
static size_t strip_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n > m && !strcmp(s + n - m, suf) ? n - m : 0;
}

const char *demo_village_place(const char *name, const char *town, int *rural,
			       struct arena *a)
{
	static const struct {
		const char *suffix, *replace;
	} rules[] = {
		{ "村民委员会", "村" }, { "村委会", "村" }, { "社区居民委员会", "社区" },
		{ "社区居委会", "社区" }, { "居民委员会", "社区" }, { "居委会", "社区" },
	};
	const char *s = name, *out = NULL;
	int i;

	if (*town && has_prefix(s, town) && s[strlen(town)])
		s += strlen(town);
	*rural = 0;
	if (strstr(s, "虚拟")) /* statistical placeholders are not addresses */
		return "";
	for (i = 0; i < COUNT(rules) && !out; i++) {
		size_t n = strip_suffix(s, rules[i].suffix);
		if (n)
			out = arena_printf(a, "%.*s%s", (int)n, s, rules[i].replace);
		else if (!strcmp(s, rules[i].suffix))
			return ""; /* the town's own 居委会: an address in the town */
	}
	if (!out)
		out = arena_strdup(a, s);
	*rural = strip_suffix(out, "村") > 0;
	return out;
}

const char *demo_town_short(const char *name, const char *county, struct arena *a)
{
	static const char *const suffixes[] = { "畲族乡", "瑶族乡", "苗族乡", "回族乡",
						"土家族乡", "彝族乡", "壮族乡", "满族乡",
						"蒙古族乡", "侗族乡", "藏族乡", "街道办事处",
						"街道", "镇", "乡", "垦殖场", "林场" };
	const char *s = name;
	int i;

	if (*county && has_prefix(s, county) && s[strlen(county)])
		s += strlen(county);
	for (i = 0; i < COUNT(suffixes); i++) {
		size_t n = strip_suffix(s, suffixes[i]);
		if (n)
			return arena_strndup(a, s, n);
	}
	return arena_strdup(a, s);
}

int demo_town_weight(const char *code, int index, int nvillages)
{
	/* Village counts stand in for population: the county seat (the first
	 * town) is far bigger, and development zones, state farms and forest
	 * farms (township codes 400 and up) have few residents. */
	if (nvillages <= 0)
		return 0;
	if (index == 0)
		return nvillages * 10;
	if (strlen(code) >= 9 && atoi(code + 6) >= 400)
		return nvillages;
	return nvillages * 4;
}

void demo_id_format(const struct demo_id *id, char out[19])
{
	snprintf(out, 19, "%.6s%08d%03d", id->region, id->birth, id->seq);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

int demo_id_next_seq(int seq)
{
	return (seq + 2) % 1000; /* 1000 is even, so the sex digit keeps its parity */
}

static const struct demo_town *pick_town(struct demo_rng *r, const struct demo_area *area)
{
	int x, i;
	if (area->total_weight <= 0)
		return NULL;
	x = demo_rng_below(r, area->total_weight);
	for (i = 0; i < area->ntowns - 1; i++) {
		if (x < area->towns[i].weight)
			break;
		x -= area->towns[i].weight;
	}
	return &area->towns[i];
}

static const struct demo_area *pick_other(struct demo_rng *r, const struct demo_county *c)
{
	int x, i;
	if (c->others_weight <= 0)
		return NULL;
	x = demo_rng_below(r, c->others_weight);
	for (i = 0; i < c->nothers - 1; i++) {
		if (x < c->others[i].weight)
			break;
		x -= c->others[i].weight;
	}
	return &c->others[i];
}

static int pick_found(struct demo_rng *r, int today)
{
	int total = 0, x, k;
	for (k = 0; k < COUNT(year_weights); k++)
		total += year_weights[k];
	x = demo_rng_below(r, total);
	for (k = 0; k < COUNT(year_weights) - 1; k++) {
		if (x < year_weights[k])
			break;
		x -= year_weights[k];
	}
	return ymd_add_days(today, -(k * 365 + demo_rng_below(r, 365)));
}

/* A birth date making the person 18-60 when first found, born 1960-2006. */
static int pick_birth(struct demo_rng *r, int found)
{
	static const int bands[][3] = { /* per mille, youngest, oldest */
		{ 280, 18, 25 }, { 340, 26, 35 }, { 240, 36, 45 }, { 140, 46, 60 } };
	int x = demo_rng_below(r, 1000), b, age, birth, lo, hi, span;

	for (b = 0; b < 3 && x >= bands[b][0]; b++)
		x -= bands[b][0];
	age = bands[b][1] + demo_rng_below(r, bands[b][2] - bands[b][1] + 1);
	birth = ymd_add_days(ymd_add_months(found, -12 * age), -demo_rng_below(r, 365));
	hi = ymd_add_months(found, -12 * 18);
	if (hi > 20061231)
		hi = 20061231;
	lo = ymd_add_days(ymd_add_months(found, -12 * 61), 1);
	if (lo < 19600101)
		lo = 19600101;
	span = ymd_diff_days(hi, lo) + 1;
	if (span > 365)
		span = 365;
	if (birth > hi)
		birth = ymd_add_days(hi, -demo_rng_below(r, span));
	else if (birth < lo)
		birth = ymd_add_days(lo, demo_rng_below(r, span));
	return birth;
}

static const char *pick_drugs(struct demo_rng *r, int byear, int recent, int *heroin)
{
	int p = byear < 1970 ? 750 : byear < 1980 ? 550 : byear < 1990 ? 200 : 50;
	if (recent)
		p = p * 6 / 10;
	*heroin = demo_rng_chance(r, p);
	if (*heroin) {
		if (byear < 1970 && demo_rng_chance(r, 50))
			return "heroin,opium";
		return demo_rng_chance(r, 250) ? "heroin,meth" : "heroin";
	}
	return pick_weighted(r, byear >= 1990 ? synth_young : synth_old);
}

static const char *pick_addiction(struct demo_rng *r, int heroin, int byear)
{
	int x = demo_rng_below(r, 1000);
	int use = heroin ? (byear < 1970 ? 100 : 150) : 380;
	int severe = heroin ? (byear < 1970 ? 400 : 330) : 100;
	if (x < use)
		return "use";
	return x < 1000 - severe ? "addicted" : "severe";
}

/* Special categories in the order of person_special_statuses. */
static const char *pick_special(struct demo_rng *r, int heroin, int male, int age,
				int byear, const char *drugs, struct arena *a)
{
	const char *keys[4];
	int n = 0;

	if (demo_rng_chance(r, heroin ? 50 : 8))
		keys[n++] = "hiv";
	if (!male && age >= 18 && age <= 40 && demo_rng_chance(r, 60))
		keys[n++] = "pregnant";
	if (demo_rng_chance(r, byear < 1970 ? 60 : 25))
		keys[n++] = "illness";
	if (demo_rng_chance(r, strstr(drugs, "meth") ? 15 : 6))
		keys[n++] = "mental";
	switch (n) {
	case 0:
		return "";
	case 1:
		return keys[0];
	case 2:
		return arena_printf(a, "%s,%s", keys[0], keys[1]);
	default:
		return arena_printf(a, "%s,%s,%s", keys[0], keys[1], keys[2]);
	}
}

/* The control status, consistent with the dates and the person's state. */
static void pick_status(struct demo_rng *r, const struct demo_county *c, struct person *p,
			int heroin, int outflow, int pregnant)
{
	int today = c->today, days = ymd_diff_days(today, p->first_found_date);

	p->control_status = "in_control";
	p->closed_reason = "";
	p->closed_date = 0;
	if (pregnant) /* 禁毒法 Art 39: not sent to compulsory treatment; stays in control */
		return;
	if (demo_rng_chance(r, heroin ? 25 : 5)) {
		p->control_status = "dead";
		p->closed_reason = "dead";
		p->closed_date = days > 30 ? ymd_add_days(p->first_found_date,
							   30 + demo_rng_below(r, days - 30))
					   : today;
	} else if (demo_rng_chance(r, 30)) {
		p->control_status = "imprisoned";
	} else if (demo_rng_chance(r, 20)) {
		p->control_status = "detained";
	} else if (demo_rng_chance(r, outflow ? 70 : 22)) {
		p->control_status = "lost";
	} else if (demo_rng_chance(r, 3)) {
		p->control_status = "abroad";
	} else if (p->first_found_date < ymd_add_months(today, -36)) {
		/* Most people found years ago have stayed clean for three years
		 * (the national registry holds several times more of them than
		 * current users); the addicted relapse more often. */
		int clean = !strcmp(p->addiction, "use") ? 750
			    : !strcmp(p->addiction, "severe") ? 300 : 450;
		if (demo_rng_chance(r, clean))
			p->control_status = "clean3y";
	} else if (p->first_found_date > ymd_add_months(today, -24) &&
		   strcmp(p->addiction, "use") && demo_rng_chance(r, 130)) {
		p->control_status = "compulsory";
	}
}

static const char *ethnicity(struct demo_rng *r, const struct demo_town *t,
			     const struct demo_area *from)
{
	static const char *const minorities[] = { "畲族", "瑶族", "苗族", "回族", "土家族",
						  "彝族", "壮族", "满族", "侗族" };
	int i;

	if (from && from->minority && demo_rng_chance(r, from->permille_minority))
		return from->minority;
	for (i = 0; i < COUNT(minorities); i++)
		if (strstr(t->name, minorities[i]) && demo_rng_chance(r, 300))
			return minorities[i];
	return demo_rng_chance(r, 3) ? "畲族" : "汉族";
}

/* "江西省吉安市永丰县恩江镇石桥村3组" or "...八一社区12号". */
static const char *address(struct demo_rng *r, const struct demo_town *t,
			   const struct demo_village *v, struct arena *a)
{
	if (!v || !*v->place)
		return arena_printf(a, "%s%s%d号", t->address,
				    streets[demo_rng_below(r, COUNT(streets))],
				    1 + demo_rng_below(r, 200));
	if (v->rural)
		return arena_printf(a, "%s%s%d组", t->address, v->place, 1 + demo_rng_below(r, 12));
	return arena_printf(a, "%s%s%d号", t->address, v->place, 1 + demo_rng_below(r, 200));
}

/* Household outside the county: a village of another county's town. */
static void household_elsewhere(struct demo_rng *r, const struct demo_area *from,
				struct person *p, struct demo_id *id, struct arena *a)
{
	const struct demo_town *t = pick_town(r, from);
	const struct demo_village *v;

	id->region = from->code;
	if (!t) {
		p->household_division = from->code;
		p->household_address = from->path;
		return;
	}
	if (!t->nvillages) {
		p->household_division = t->code;
		p->household_address = address(r, t, NULL, a);
		return;
	}
	v = &t->villages[demo_rng_below(r, t->nvillages)];
	p->household_division = v->code;
	p->household_address = address(r, t, v, a);
}

void demo_person_make(const struct demo_county *c, unsigned long seed, long i, struct arena *a,
		      struct person *p, struct demo_id *id)
{
	const struct demo_town *t, *seat = &c->home.towns[0];
	const struct demo_village *v;
	const struct demo_area *from = NULL;
	struct demo_rng r;
	int male, byear, age, heroin, outflow = 0, x, recent;

	demo_rng_seed(&r, seed, (uint64_t)i);
	memset(p, 0, sizeof(*p));
	t = pick_town(&r, &c->home);
	v = &t->villages[demo_rng_below(&r, t->nvillages)];
	p->division = v->code;
	p->division_name = v->place;

	male = demo_rng_chance(&r, 850);
	p->sex = male ? "M" : "F";
	p->first_found_date = pick_found(&r, c->today);
	p->birth_date = pick_birth(&r, p->first_found_date);
	byear = p->birth_date / 10000;
	age = (c->today - p->birth_date) / 10000;
	recent = p->first_found_date > ymd_add_months(c->today, -60);
	id->birth = p->birth_date;
	id->seq = demo_rng_below(&r, 500) * 2 + male;

	/* Household and residence: 户籍地 decides who is responsible. */
	if (demo_rng_chance(&r, 880) || !(from = pick_other(&r, c))) {
		id->region = c->home.code;
		p->household_division = v->code;
		p->household_address = address(&r, t, v, a);
		x = demo_rng_below(&r, 1000);
		if (x < 700 || (x < 820 && t == seat)) {
			p->residence_address = p->household_address;
		} else if (x < 820) {
			p->residence_address = address(&r, seat, NULL, a);
		} else {
			outflow = 1 + demo_rng_below(&r, COUNT(outflows));
			p->residence_address =
				arena_printf(a, "%s%s%d号", outflows[outflow - 1].place,
					     streets[demo_rng_below(&r, COUNT(streets))],
					     1 + demo_rng_below(&r, 300));
		}
	} else {
		household_elsewhere(&r, from, p, id, a);
		p->residence_address = address(&r, t, v, a);
	}

	p->drug_types = pick_drugs(&r, byear, recent, &heroin);
	p->addiction = pick_addiction(&r, heroin, byear);
	p->special_status = pick_special(&r, heroin, male, age, byear, p->drug_types, a);
	pick_status(&r, c, p, heroin, outflow, strstr(p->special_status, "pregnant") != NULL);

	p->name = demo_name(&r, male, byear, a);
	pinyin_of_name_arena(a, p->name, &p->name_pinyin, &p->name_initials);
	p->alias = demo_rng_chance(&r, 60) ? demo_alias(&r, p->name, a) : "";
	p->phone = demo_rng_chance(&r, 940) ? demo_phone(&r, a) : "";
	p->ethnicity = ethnicity(&r, t, from);
	p->registered = !demo_rng_chance(&r, 50);
	p->employment = outflow ? "外出务工" : pick_weighted(&r, employments);
	if (outflow && demo_rng_chance(&r, 400))
		p->first_found_unit = outflows[outflow - 1].police;
	else if (demo_rng_chance(&r, 100))
		p->first_found_unit = c->drug_squad;
	else
		p->first_found_unit = t->police;
	p->note = demo_rng_chance(&r, 100) ? notes[demo_rng_below(&r, COUNT(notes))] : "";
	/* Drawn last, so the fields above stay those of earlier demos. */
	p->family = demo_rng_chance(&r, 850) ? demo_family(&r, p->name, male, byear, age, a) : "";
}
