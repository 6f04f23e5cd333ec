/* policy-case.c - the policy's "cases" section: the drug catalogue, its thresholds, the case types. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/policy.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

#define G 1000000LL /* micrograms in a gram */
#define MG 1000LL   /* ... in a milligram */
#define KG (1000 * G)

/*
 * The catalogue as shipped. 数量大 and 数量较大 are those of 法释〔2016〕8号
 * Arts 1-2 (heroin, methamphetamine and opium from 刑法 Art 347 itself).
 * Methamphetamine tablets (麻古) are methamphetamine. Etomidate and the
 * synthetic cannabinoids are controlled (2023, 2021) but have no quantity
 * in the interpretation: listed without thresholds, like any new
 * psychoactive substance an office adds.
 *
 * 特大 and 重大 are local (no national standard, DOMAIN.md §4): by default a
 * case is 重大 from the 数量大 quantity and 特大 from twenty times it (1 kg of
 * heroin or methamphetamine: the "千克以上" cases of the 毒情报告). Offices
 * replace them with their province's figures.
 */
static const struct {
	const char *key, *name, *aliases;
	int unit;
	long long large, relatively_large;
} default_drugs[] = {
	{ "heroin", N_("海洛因"), "白粉,4号", DRUG_UNIT_G, 50 * G, 10 * G },
	{ "meth", N_("甲基苯丙胺"), "冰毒,麻古,甲基苯丙胺片剂", DRUG_UNIT_G, 50 * G, 10 * G },
	{ "opium", N_("鸦片"), "大烟", DRUG_UNIT_G, 1000 * G, 200 * G },
	{ "cocaine", N_("可卡因"), "", DRUG_UNIT_G, 50 * G, 10 * G },
	{ "mdma", N_("3,4-亚甲二氧基甲基苯丙胺（MDMA）"), "摇头丸,MDMA", DRUG_UNIT_G, 100 * G,
	  20 * G },
	{ "amphetamines", N_("其他苯丙胺类毒品"), "苯丙胺,MDA", DRUG_UNIT_G, 100 * G, 20 * G },
	{ "morphine", N_("吗啡"), "", DRUG_UNIT_G, 100 * G, 20 * G },
	{ "fentanyl", N_("芬太尼"), "", DRUG_UNIT_G, 125 * G, 25 * G },
	{ "methcathinone", N_("甲卡西酮"), "浴盐,丧尸药", DRUG_UNIT_G, 200 * G, 40 * G },
	{ "dihydroetorphine", N_("二氢埃托啡"), "", DRUG_UNIT_MG, 10 * MG, 2 * MG },
	{ "pethidine", N_("哌替啶"), "度冷丁", DRUG_UNIT_G, 250 * G, 50 * G },
	{ "ketamine", N_("氯胺酮"), "K粉", DRUG_UNIT_G, 500 * G, 100 * G },
	{ "methadone", N_("美沙酮"), "", DRUG_UNIT_G, 1 * KG, 200 * G },
	{ "tramadol", N_("曲马多"), "", DRUG_UNIT_G, 2 * KG, 400 * G },
	{ "ghb", N_("γ-羟丁酸"), "GHB,G水", DRUG_UNIT_G, 2 * KG, 400 * G },
	{ "cannabis_oil", N_("大麻油"), "", DRUG_UNIT_G, 5 * KG, 1 * KG },
	{ "cannabis_resin", N_("大麻脂"), "", DRUG_UNIT_G, 10 * KG, 2 * KG },
	{ "cannabis", N_("大麻叶及大麻烟"), "大麻,大麻烟", DRUG_UNIT_G, 150 * KG, 30 * KG },
	{ "codeine", N_("可待因"), "", DRUG_UNIT_G, 5 * KG, 1 * KG },
	{ "buprenorphine", N_("丁丙诺啡"), "", DRUG_UNIT_G, 5 * KG, 1 * KG },
	{ "triazolam", N_("三唑仑"), "", DRUG_UNIT_G, 50 * KG, 10 * KG },
	{ "methaqualone", N_("安眠酮"), "甲喹酮", DRUG_UNIT_G, 50 * KG, 10 * KG },
	{ "alprazolam", N_("阿普唑仑"), "", DRUG_UNIT_G, 100 * KG, 20 * KG },
	{ "khat", N_("恰特草"), "", DRUG_UNIT_G, 100 * KG, 20 * KG },
	{ "caffeine", N_("咖啡因"), "", DRUG_UNIT_G, 200 * KG, 40 * KG },
	{ "poppy_husk", N_("罂粟壳"), "", DRUG_UNIT_G, 200 * KG, 40 * KG },
	{ "barbital", N_("巴比妥"), "", DRUG_UNIT_G, 250 * KG, 50 * KG },
	{ "phenobarbital", N_("苯巴比妥"), "", DRUG_UNIT_G, 250 * KG, 50 * KG },
	{ "annaka", N_("安钠咖"), "", DRUG_UNIT_G, 250 * KG, 50 * KG },
	{ "nimetazepam", N_("尼美西泮"), "", DRUG_UNIT_G, 250 * KG, 50 * KG },
	{ "chlordiazepoxide", N_("氯氮卓"), "", DRUG_UNIT_G, 500 * KG, 100 * KG },
	{ "estazolam", N_("艾司唑仑"), "", DRUG_UNIT_G, 500 * KG, 100 * KG },
	{ "diazepam", N_("地西泮"), "安定", DRUG_UNIT_G, 500 * KG, 100 * KG },
	{ "bromazepam", N_("溴西泮"), "", DRUG_UNIT_G, 500 * KG, 100 * KG },
	{ "etomidate", N_("依托咪酯"), "", DRUG_UNIT_G, 0, 0 },
	{ "synthetic_cannabinoids", N_("合成大麻素类物质"), "", DRUG_UNIT_G, 0, 0 },
};

/* 案件类别: the crimes of 刑法 Arts 347-355 and the online ones, in the order
 * of the statistics tables. */
static const struct {
	const char *key, *label;
} default_types[] = {
	{ "smuggling", N_("走私毒品") },
	{ "trafficking", N_("贩卖毒品") },
	{ "transporting", N_("运输毒品") },
	{ "manufacturing", N_("制造毒品") },
	{ "possession", N_("非法持有毒品") },
	{ "harbouring", N_("包庇毒品犯罪分子，窝藏、转移、隐瞒毒品、毒赃") },
	{ "precursors", N_("非法生产、买卖、运输制毒物品，走私制毒物品") },
	{ "cultivation", N_("非法种植毒品原植物") },
	{ "seedlings", N_("非法买卖、运输、携带、持有毒品原植物种子、幼苗") },
	{ "inducing", N_("引诱、教唆、欺骗他人吸毒") },
	{ "forcing", N_("强迫他人吸毒") },
	{ "sheltering", N_("容留他人吸毒") },
	{ "supplying", N_("非法提供麻醉药品、精神药品") },
	{ "online", N_("网络涉毒（非法利用信息网络）") },
};

void policy_case_defaults(struct policy *p)
{
	size_t i;

	p->drug_combine = DRUG_COMBINE_HIGHEST;
	for (i = 0; i < ARRAY_SIZE(default_types); i++) {
		snprintf(p->case_types[i].key, sizeof(p->case_types[i].key), "%s", default_types[i].key);
		snprintf(p->case_types[i].label, sizeof(p->case_types[i].label), "%s",
			 default_types[i].label);
	}
	p->ncase_types = (int)ARRAY_SIZE(default_types);
	for (i = 0; i < ARRAY_SIZE(default_drugs); i++) {
		struct drug_def *d = &p->drugs[i];
		memset(d, 0, sizeof(*d));
		snprintf(d->key, sizeof(d->key), "%s", default_drugs[i].key);
		snprintf(d->name, sizeof(d->name), "%s", default_drugs[i].name);
		snprintf(d->aliases, sizeof(d->aliases), "%s", default_drugs[i].aliases);
		d->unit = default_drugs[i].unit;
		d->large_ug = default_drugs[i].large;
		d->relatively_large_ug = default_drugs[i].relatively_large;
		d->major_ug = d->large_ug;
		d->extra_ug = 20 * d->large_ug;
	}
	p->ndrugs = (int)ARRAY_SIZE(default_drugs);
}

/* ---- writing ---- */

static const char *const combine_keys[] = { "highest", "shares", NULL };

/* A threshold in the drug's unit: an integer when whole, else a number with
 * its two decimals. */
static json_t *amount_json(int64_t ug, int unit)
{
	int64_t per = unit == DRUG_UNIT_MG ? MG : G;
	if (ug % per == 0)
		return json_integer(ug / per);
	return json_real((double)ug / (double)per);
}

static json_t *aliases_json(const char *s)
{
	json_t *list = json_array();
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n)
			json_array_append_new(list, json_stringn(s, n));
		s += n + (comma ? 1 : 0);
	}
	return list;
}

json_t *policy_case_to_json(const struct policy *p)
{
	json_t *o = json_object(), *types = json_array(), *drugs = json_array();
	int i;

	json_object_set_new(o, "combine", json_string(combine_keys[p->drug_combine ? 1 : 0]));
	for (i = 0; i < p->ncase_types; i++)
		json_array_append_new(types, json_pack("{s:s,s:s}", "key", p->case_types[i].key,
						       "label", p->case_types[i].label));
	json_object_set_new(o, "types", types);
	for (i = 0; i < p->ndrugs; i++) {
		const struct drug_def *d = &p->drugs[i];
		json_t *e = json_object();
		json_object_set_new(e, "key", json_string(d->key));
		json_object_set_new(e, "name", json_string(d->name));
		json_object_set_new(e, "aliases", aliases_json(d->aliases));
		json_object_set_new(e, "unit", json_string(d->unit == DRUG_UNIT_MG ? "mg" : "g"));
		json_object_set_new(e, "large", amount_json(d->large_ug, d->unit));
		json_object_set_new(e, "relatively_large", amount_json(d->relatively_large_ug, d->unit));
		json_object_set_new(e, "extra", amount_json(d->extra_ug, d->unit));
		json_object_set_new(e, "major", amount_json(d->major_ug, d->unit));
		json_array_append_new(drugs, e);
	}
	json_object_set_new(o, "drugs", drugs);
	return o;
}

/* ---- reading ---- */

static int in_list(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (!strcmp(*list, key))
			return 1;
	return 0;
}

static int check_keys(json_t *obj, const char *const *known, const char *path, struct buf *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (!in_list(known, key)) {
			buf_setf(err, _("未知的策略设置“%s.%s”"), path, key);
			return -1;
		}
	}
	return 0;
}

/* Keys are stored with records: lower-case letters, digits and _. */
static int key_ok(const char *s, size_t max)
{
	size_t n = strlen(s), i;
	if (!n || n >= max)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* A string field that must be there, not empty and fit in max bytes. */
static int get_text(json_t *obj, const char *field, const char *path, char *out, size_t max,
		    struct buf *err)
{
	const char *s = json_string_value(json_object_get(obj, field));
	if (!s || !*s || strlen(s) >= max) {
		buf_setf(err, _("策略设置“%s.%s”应为不超过 %d 字节的非空文字"), path, field,
			 (int)max - 1);
		return -1;
	}
	snprintf(out, max, "%s", s);
	return 0;
}

/* The most a threshold may be: ten tonnes. */
#define MAX_UG (10000 * KG)

/* An amount in the drug's unit (a number, at most two decimals, not
 * negative; 0 or absent: none) into micrograms. */
static int get_amount(json_t *obj, const char *field, const char *path, int unit, int64_t *out,
		      struct buf *err)
{
	json_t *v = json_object_get(obj, field);
	double x, hundredths;
	int64_t per = unit == DRUG_UNIT_MG ? MG : G;

	*out = 0;
	if (!v)
		return 0;
	if (!json_is_number(v) || (x = json_number_value(v)) < 0 ||
	    x * (double)per > (double)MAX_UG) {
		buf_setf(err, _("策略设置“%s.%s”应为不小于 0 的数量"), path, field);
		return -1;
	}
	hundredths = x * 100.0;
	if (fabs(hundredths - nearbyint(hundredths)) > 1e-6) {
		buf_setf(err, _("策略设置“%s.%s”最多保留两位小数"), path, field);
		return -1;
	}
	*out = (int64_t)llrint(hundredths) * (per / 100);
	return 0;
}

static const char *const type_keys[] = { "key", "label", NULL };
static const char *const drug_keys[] = { "key", "name", "aliases", "unit", "large",
	"relatively_large", "extra", "major", NULL };

static int read_types(json_t *list, struct policy *p, struct buf *err)
{
	struct case_type types[POLICY_MAX_CASE_TYPES];
	size_t i, j;
	json_t *t;

	if (!json_is_array(list) || !json_array_size(list) ||
	    json_array_size(list) > POLICY_MAX_CASE_TYPES) {
		buf_setf(err, _("策略设置“cases.types”应为 1 到 %d 项的列表"), POLICY_MAX_CASE_TYPES);
		return -1;
	}
	memset(types, 0, sizeof(types));
	json_array_foreach(list, i, t) {
		char path[48];
		snprintf(path, sizeof(path), "cases.types[%d]", (int)i);
		if (!json_is_object(t)) {
			buf_setf(err, _("策略设置“%s”应为对象"), path);
			return -1;
		}
		if (check_keys(t, type_keys, path, err) < 0 ||
		    get_text(t, "key", path, types[i].key, sizeof(types[i].key),
			     err) < 0 ||
		    get_text(t, "label", path, types[i].label,
			     sizeof(types[i].label), err) < 0)
			return -1;
		if (!key_ok(types[i].key, sizeof(types[i].key))) {
			buf_setf(err, _("策略设置“%s.key”只能由小写字母、数字和下划线组成"), path);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(types[j].key, types[i].key)) {
				buf_setf(err, _("策略设置“%s.key”重复"), path);
				return -1;
			}
	}
	memcpy(p->case_types, types, sizeof(p->case_types));
	p->ncase_types = (int)json_array_size(list);
	return 0;
}

static int read_aliases(json_t *v, const char *path, struct drug_def *d, struct buf *err)
{
	struct buf all = BUF_INIT;
	size_t i;
	json_t *x;
	int ret = -1;

	d->aliases[0] = '\0';
	if (!v)
		return 0;
	if (!json_is_array(v))
		goto bad;
	json_array_foreach(v, i, x) {
		const char *s = json_string_value(x);
		if (!s || !*s || strchr(s, ','))
			goto bad;
		if (all.len)
			buf_addch(&all, ',');
		buf_adds(&all, s);
	}
	if (all.len >= sizeof(d->aliases))
		goto bad;
	snprintf(d->aliases, sizeof(d->aliases), "%s", all.buf);
	ret = 0;
bad:
	if (ret < 0)
		buf_setf(err, _("策略设置“%s.aliases”应为不含逗号的名称列表（共不超过 %d 字节）"), path,
			 (int)sizeof(d->aliases) - 1);
	buf_release(&all);
	return ret;
}

static int read_drug(json_t *e, const char *path, struct drug_def *d, struct buf *err)
{
	const char *unit;

	memset(d, 0, sizeof(*d));
	if (!json_is_object(e)) {
		buf_setf(err, _("策略设置“%s”应为对象"), path);
		return -1;
	}
	if (check_keys(e, drug_keys, path, err) < 0 ||
	    get_text(e, "key", path, d->key, sizeof(d->key), err) < 0 ||
	    get_text(e, "name", path, d->name, sizeof(d->name), err) < 0 ||
	    read_aliases(json_object_get(e, "aliases"), path, d, err) < 0)
		return -1;
	if (!key_ok(d->key, sizeof(d->key))) {
		buf_setf(err, _("策略设置“%s.key”只能由小写字母、数字和下划线组成"), path);
		return -1;
	}
	unit = json_string_value(json_object_get(e, "unit"));
	if (json_object_get(e, "unit") && (!unit || (strcmp(unit, "g") && strcmp(unit, "mg")))) {
		buf_setf(err, _("策略设置“%s.unit”应为 g 或 mg"), path);
		return -1;
	}
	d->unit = unit && !strcmp(unit, "mg") ? DRUG_UNIT_MG : DRUG_UNIT_G;
	if (get_amount(e, "large", path, d->unit, &d->large_ug, err) < 0 ||
	    get_amount(e, "relatively_large", path, d->unit, &d->relatively_large_ug, err) < 0 ||
	    get_amount(e, "extra", path, d->unit, &d->extra_ug, err) < 0 ||
	    get_amount(e, "major", path, d->unit, &d->major_ug, err) < 0)
		return -1;
	if (d->large_ug && d->relatively_large_ug > d->large_ug) {
		buf_setf(err, _("策略设置“%s”：数量较大的标准不能高于数量大的标准"), path);
		return -1;
	}
	if (d->extra_ug && d->major_ug > d->extra_ug) {
		buf_setf(err, _("策略设置“%s”：重大案件的标准不能高于特大案件的标准"), path);
		return -1;
	}
	return 0;
}

/* 1 when name is drug d's name or one of its aliases. */
static int drug_named(const struct drug_def *d, const char *name, size_t len)
{
	const char *s = d->aliases;
	if (strlen(d->name) == len && !strncmp(d->name, name, len))
		return 1;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == len && !strncmp(s, name, len))
			return 1;
		s += n + (comma ? 1 : 0);
	}
	return 0;
}

/* 1 when a name or alias of a also names b. */
static int names_overlap(const struct drug_def *a, const struct drug_def *b)
{
	const char *s = a->aliases;
	if (drug_named(b, a->name, strlen(a->name)))
		return 1;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (drug_named(b, s, n))
			return 1;
		s += n + (comma ? 1 : 0);
	}
	return 0;
}

/* A key, name or alias names one drug only, or 冰毒 would be ambiguous. */
static int names_unique(const struct drug_def *d, int n, struct buf *err)
{
	int i, j;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (!strcmp(d[i].key, d[j].key)) {
				buf_setf(err, _("策略设置“cases.drugs[%d].key”重复"), i);
				return -1;
			}
			if (names_overlap(&d[i], &d[j])) {
				buf_setf(err, _("策略设置“cases.drugs[%d]”的名称或别名与第 %d 项重复"),
					 i, j);
				return -1;
			}
		}
	}
	return 0;
}

static int read_drugs(json_t *list, struct policy *p, struct buf *err)
{
	struct drug_def *d;
	size_t i;
	json_t *e;
	int ret = -1;

	if (!json_is_array(list) || !json_array_size(list) ||
	    json_array_size(list) > POLICY_MAX_DRUGS) {
		buf_setf(err, _("策略设置“cases.drugs”应为 1 到 %d 项的列表"), POLICY_MAX_DRUGS);
		return -1;
	}
	d = xcalloc(POLICY_MAX_DRUGS, sizeof(*d));
	json_array_foreach(list, i, e) {
		char path[48];
		snprintf(path, sizeof(path), "cases.drugs[%d]", (int)i);
		if (read_drug(e, path, &d[i], err) < 0)
			goto out;
	}
	if (names_unique(d, (int)json_array_size(list), err) < 0)
		goto out;
	memcpy(p->drugs, d, sizeof(p->drugs));
	p->ndrugs = (int)json_array_size(list);
	ret = 0;
out:
	free(d);
	return ret;
}

static const char *const section_keys[] = { "combine", "types", "drugs", NULL };

int policy_case_from_json(json_t *o, struct policy *p, struct buf *err)
{
	json_t *v;

	if (!o)
		return 0;
	if (!json_is_object(o)) {
		buf_setf(err, _("策略设置“%s”应为对象"), "cases");
		return -1;
	}
	if (check_keys(o, section_keys, "cases", err) < 0)
		return -1;
	v = json_object_get(o, "combine");
	if (v) {
		const char *s = json_string_value(v);
		if (!s || !in_list(combine_keys, s)) {
			buf_setf(err, _("策略设置“cases.combine”应为 highest 或 shares"));
			return -1;
		}
		p->drug_combine = !strcmp(s, "shares") ? DRUG_COMBINE_SHARES : DRUG_COMBINE_HIGHEST;
	}
	if ((v = json_object_get(o, "types")) && read_types(v, p, err) < 0)
		return -1;
	if ((v = json_object_get(o, "drugs")) && read_drugs(v, p, err) < 0)
		return -1;
	return 0;
}
