/* demo-names.c - the demo's random numbers, Chinese names, nicknames, family and phone numbers. */
#include "demo.h"

#include <string.h>

/* ---- xoshiro256** (Blackman and Vigna), seeded by splitmix64 ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void demo_rng_seed(struct demo_rng *r, unsigned long seed, uint64_t stream)
{
	uint64_t x = (uint64_t)seed * 0xd1b54a32d192ed03ULL ^ (stream + 1) * 0x9e3779b97f4a7c15ULL;
	int i;
	/* Mix once more so neighbouring streams start far apart. */
	x = splitmix64(&x);
	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

int demo_rng_below(struct demo_rng *r, int n)
{
	/* The top 32 bits times n: no modulo bias worth mentioning for small n. */
	return (int)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int demo_rng_chance(struct demo_rng *r, int permille)
{
	return demo_rng_below(r, 1000) < permille;
}

/* ---- names ---- */

/* Surnames weighted towards central Jiangxi (many 刘, 陈, 罗, 曾, 肖; 欧阳
 * is common in 永丰, the home of 欧阳修); weights per ten thousand. */
static const struct {
	const char *s;
	int w;
} surnames[] = {
	{ "刘", 700 }, { "陈", 650 }, { "李", 600 }, { "王", 550 }, { "张", 450 },
	{ "黄", 420 }, { "罗", 380 }, { "胡", 350 }, { "曾", 330 }, { "肖", 300 },
	{ "吴", 280 }, { "杨", 250 }, { "周", 240 }, { "邓", 230 }, { "郭", 220 },
	{ "彭", 210 }, { "谢", 200 }, { "徐", 190 }, { "朱", 180 }, { "赵", 150 },
	{ "何", 150 }, { "钟", 140 }, { "聂", 140 }, { "欧阳", 120 }, { "邹", 120 },
	{ "廖", 120 }, { "熊", 120 }, { "袁", 110 }, { "孙", 100 }, { "马", 90 },
	{ "高", 90 }, { "林", 90 }, { "余", 90 }, { "郑", 80 }, { "梁", 80 },
	{ "唐", 80 }, { "宋", 70 }, { "许", 70 }, { "叶", 70 }, { "程", 70 },
	{ "冯", 60 }, { "曹", 60 }, { "潘", 60 }, { "蒋", 60 }, { "蔡", 60 },
	{ "魏", 60 }, { "汪", 60 }, { "付", 60 }, { "邱", 60 }, { "江", 60 },
	{ "万", 60 }, { "韩", 50 }, { "杜", 50 }, { "苏", 50 }, { "丁", 50 },
	{ "姚", 50 }, { "卢", 50 }, { "谭", 50 }, { "夏", 50 }, { "方", 50 },
	{ "龚", 50 }, { "田", 40 }, { "董", 40 }, { "吕", 40 }, { "任", 40 },
	{ "沈", 40 }, { "石", 40 }, { "范", 40 }, { "尹", 40 }, { "雷", 40 },
	{ "陶", 40 }, { "黎", 40 }, { "贺", 40 }, { "毛", 40 }, { "严", 40 },
	{ "戴", 40 }, { "汤", 40 }, { "易", 40 }, { "于", 30 }, { "姜", 30 },
	{ "陆", 30 }, { "金", 30 }, { "秦", 30 }, { "段", 30 }, { "龙", 30 },
	{ "邵", 30 }, { "左", 30 }, { "甘", 30 }, { "温", 30 }, { "崔", 20 },
	{ "贾", 20 }, { "韦", 20 }, { "白", 20 }, { "孟", 20 }, { "薛", 20 },
	{ "侯", 20 }, { "史", 20 }, { "顾", 20 }, { "钱", 20 }, { "向", 20 },
	{ "兰", 20 }, { "闫", 10 }, { "郝", 10 }, { "覃", 10 }, { "武", 10 },
	{ "莫", 10 }, { "孔", 10 },
};

/*
 * Given-name characters, three UTF-8 bytes each: an older generation
 * (born before 1980) and a younger one; first and second characters of
 * two-character names, and single-character names.
 */
static const char male_old1[] = "建国志明华文春金水平德荣新发海林军红小根福长永保东清庆光有";
static const char male_old2[] = "华明平军生林强忠民国荣福根兵胜良发辉峰文武勇斌成才贵祥";
static const char male_new1[] = "子浩俊宇文家志嘉晨思天鑫博一泽永明伟佳振新建晓";
static const char male_new2[] = "杰涛鹏宇浩轩超龙飞磊辉翔豪阳凯鑫斌帆宁锋波亮刚";
static const char male_one[] = "伟强军勇斌磊涛杰鹏超波刚辉平峰亮俊健斌";
static const char female_old1[] = "秀桂美玉春金小冬丽海红凤淑";
static const char female_old2[] = "英兰珍梅芳华娥凤莲琴霞花红娟萍";
static const char female_new1[] = "思雨欣佳梦婷晓紫诗子雅慧静";
static const char female_new2[] = "婷雪怡琪涵悦颖洁璐琳倩莹丹静";
static const char female_one[] = "芳敏静丽娟燕婷霞琳倩颖";

#define CJK 3 /* bytes per character in these pools */

static const char *pick_char(struct demo_rng *r, const char *pool)
{
	return pool + CJK * demo_rng_below(r, (int)(strlen(pool) / CJK));
}

static const char *pick_surname(struct demo_rng *r)
{
	size_t i;
	int x, total = 0;

	for (i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++)
		total += surnames[i].w;
	x = demo_rng_below(r, total);
	for (i = 0; i < sizeof(surnames) / sizeof(surnames[0]) - 1; i++) {
		if (x < surnames[i].w)
			break;
		x -= surnames[i].w;
	}
	return surnames[i].s;
}

/* A given name of one or two characters for that sex and generation. */
static const char *given_name(struct demo_rng *r, int male, int young, struct arena *a)
{
	const char *c1, *c2;

	if (demo_rng_chance(r, young ? 250 : 300)) {
		c1 = pick_char(r, male ? male_one : female_one);
		return arena_printf(a, "%.3s", c1);
	}
	if (male) {
		c1 = pick_char(r, young ? male_new1 : male_old1);
		c2 = pick_char(r, young ? male_new2 : male_old2);
	} else {
		c1 = pick_char(r, young ? female_new1 : female_old1);
		c2 = pick_char(r, young ? female_new2 : female_old2);
	}
	if (!memcmp(c1, c2, CJK)) /* 华华 happens, but rarely: choose again */
		c2 = pick_char(r, male ? male_one : female_one);
	return arena_printf(a, "%.3s%.3s", c1, c2);
}

const char *demo_name(struct demo_rng *r, int male, int birth_year, struct arena *a)
{
	const char *sur = pick_surname(r);
	return arena_printf(a, "%s%s", sur, given_name(r, male, birth_year >= 1980, a));
}

/* The surname name starts with, the longest that fits ("欧阳" before "欧"). */
static const char *surname_of(const char *name)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++)
		if (!strncmp(name, surnames[i].s, strlen(surnames[i].s)) &&
		    (!best || strlen(surnames[i].s) > strlen(best)))
			best = surnames[i].s;
	return best ? best : "";
}

/*
 * Who is written down as family contact changes with age: parents for the
 * young, a spouse or a parent in mid-life, a spouse or grown children
 * later. Fathers, brothers and a man's children share his surname.
 */
const char *demo_family(struct demo_rng *r, const char *name, int male, int birth_year, int age,
			struct arena *a)
{
	static const struct {
		const char *rel;
		int male, years, same_name; /* years: birth year relative to the person */
	} rels[] = {
		{ "母亲", 0, -26, 0 }, { "父亲", 1, -28, 1 }, { "哥哥", 1, -3, 1 },
		{ "姐姐", 0, -3, 1 },  { "妻子", 0, 2, 0 },   { "丈夫", 1, -2, 0 },
		{ "儿子", 1, 26, 1 },  { "女儿", 0, 27, 1 },
	};
	int x = demo_rng_below(r, 1000), k;
	const char *sur, *phone;

	if (age < 30)
		k = x < 500 ? 0 : x < 850 ? 1 : x < 930 ? 2 : 3;
	else if (age < 50)
		k = x < 500 ? (male ? 4 : 5) : x < 800 ? 0 : x < 900 ? 1 : x < 950 ? 2 : 3;
	else
		k = x < 500 ? (male ? 4 : 5) : x < 800 ? 6 : 7;
	sur = rels[k].same_name && (male || k < 4) ? surname_of(name) : pick_surname(r);
	if (!*sur)
		sur = pick_surname(r);
	name = arena_printf(a, "%s%s", sur,
			    given_name(r, rels[k].male, birth_year + rels[k].years >= 1980, a));
	phone = demo_rng_chance(r, 900) ? demo_phone(r, a) : NULL;
	return phone ? arena_printf(a, "%s %s %s", rels[k].rel, name, phone)
		     : arena_printf(a, "%s %s", rels[k].rel, name);
}

const char *demo_alias(struct demo_rng *r, const char *name, struct arena *a)
{
	static const char *const fixed[] = { "老三", "小胖", "猴子", "阿毛", "黑皮", "老四",
					     "细伢子", "光头" };
	size_t len = strlen(name);

	if (len >= 2 * CJK && demo_rng_chance(r, 600))
		return arena_printf(a, "阿%s", name + len - CJK);
	return fixed[demo_rng_below(r, (int)(sizeof(fixed) / sizeof(fixed[0])))];
}

const char *demo_phone(struct demo_rng *r, struct arena *a)
{
	static const int prefixes[] = { 130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151,
					152, 155, 157, 158, 159, 176, 177, 180, 181, 182, 183,
					186, 187, 188, 189, 191, 198, 199 };
	int pre = prefixes[demo_rng_below(r, (int)(sizeof(prefixes) / sizeof(prefixes[0])))];
	int hi = demo_rng_below(r, 10000), lo = demo_rng_below(r, 10000);
	return arena_printf(a, "%d%04d%04d", pre, hi, lo);
}
