/* policy.c - the policy's defaults, and the policy as JSON for the settings page (cases: policy-case.c). */
#include "policy.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "domain/measure.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

/*
 * The risk factors a policy may score (risk.c knows how to test each) with
 * their default points. DOMAIN.md §3: the national scheme (禁毒办通〔2016〕37号)
 * puts mental abnormality among the high-risk criteria on its own, so
 * "mental" alone reaches high_from; severe illness or disability is high
 * risk when it prevents detention, so "illness" alone makes medium. The rest
 * follow the Zhejiang factor list (drug type, addiction, behaviour, time
 * clean, family, employment) with weights chosen so that one strong factor
 * plus one weak one reaches medium and an addicted relapser reaches high.
 */
static const struct {
	const char *key;
	const char *label;
	int points;
} default_factors[] = {
	{ "heroin", N_("海洛因等阿片类"), 10 },
	{ "synthetic", N_("合成毒品"), 5 },
	{ "addicted", N_("吸毒成瘾"), 10 },
	{ "severe", N_("吸毒成瘾严重"), 20 },
	{ "relapse", N_("复吸（每次）"), 15 },
	{ "refusal", N_("拒绝或逃避检测（每次）"), 10 },
	{ "lost_before", N_("曾脱管失控"), 15 },
	{ "mental", N_("精神障碍"), 50 },
	{ "hiv", N_("艾滋病病毒感染者"), 10 },
	{ "illness", N_("严重疾病或残疾"), 25 },
	{ "unemployed", N_("无业"), 5 },
	{ "no_family", N_("无家庭支持"), 5 },
	{ "young", N_("未满25周岁"), 5 },
	{ "clean_1y", N_("戒断满一年"), -10 },
	{ "clean_2y", N_("戒断满两年"), -10 },
};

/* NULL-terminated, so they also serve as lists of known keys. */
static const char *const level_keys[POLICY_LEVELS + 1] = { "low", "medium", "high", NULL };
static const char *const year_keys[POLICY_YEARS + 1] = { "year1", "year2", "year3", NULL };

/* The upper bound of any day count: ten years. */
#define MAX_DAYS 3650

static void set_rule(struct obligation_rule *r, int test, int visit, int talk)
{
	r->test_days = test;
	r->visit_days = visit;
	r->talk_days = talk;
}

/*
 * Obligation schedule: no national rule (DOMAIN.md §3); the default follows
 * the Xianyou example for 社区戒毒/社区康复 (monthly in year 1, every two
 * months in year 2, every three months in year 3) for tests, visits and
 * talks alike. High risk halves every interval; medium and low keep it.
 * 强制隔离戒毒 has none (the person is in a facility); 自愿戒毒 and 戒毒康复场所
 * have a test every 90 days and no visits or talks.
 */
static void default_rules(struct policy *p)
{
	int y, l;
	for (y = 0; y < POLICY_YEARS; y++) {
		for (l = 0; l < POLICY_LEVELS; l++) {
			int d = 30 * (y + 1);
			if (l == 2)
				d /= 2;
			set_rule(&p->rules[MK_COMMUNITY][y][l], d, d, d);
			set_rule(&p->rules[MK_REHAB][y][l], d, d, d);
			set_rule(&p->rules[MK_COMPULSORY][y][l], 0, 0, 0);
			set_rule(&p->rules[MK_VOLUNTARY][y][l], 90, 0, 0);
			set_rule(&p->rules[MK_FACILITY][y][l], 90, 0, 0);
		}
	}
}

void policy_defaults(struct policy *p)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->version = 0;
	p->community_years = 3;          /* 禁毒法 Art 33 */
	p->compulsory_years = 2;         /* 禁毒法 Art 47 */
	p->rehab_years = 3;              /* 禁毒法 Art 48: up to 3 years */
	p->report_days = 15;             /* 条例 Arts 14, 38 */
	p->early_release_min_days = 365; /* 条例 Art 33 */
	p->extension_max_days = 365;     /* 禁毒法 Art 47 */
	p->clean_years = 3;              /* 戒断三年未复吸 */
	default_rules(p);
	p->due_soon_days = 7;
	p->violation_refusals = 3;       /* 条例 Art 20 */
	p->violation_absences = 3;
	p->violation_absence_days = 30;
	p->lost_report_grace_days = 0;
	p->lost_missed_in_row = 3;
	/* longer than the longest default interval (90 days in year 3), so a
	 * person who keeps every appointment is never taken for lost */
	p->lost_unreachable_days = 120;
	snprintf(p->relapse_proposal, sizeof(p->relapse_proposal), "%s", "compulsory");
	for (i = 0; i < ARRAY_SIZE(default_factors); i++) {
		struct risk_factor *f = &p->factors[i];
		snprintf(f->key, sizeof(f->key), "%s", default_factors[i].key);
		snprintf(f->label, sizeof(f->label), "%s", default_factors[i].label);
		f->points = default_factors[i].points;
	}
	p->nfactors = (int)ARRAY_SIZE(default_factors);
	p->high_from = 50;
	p->medium_from = 25;
	/* no national figure (DOMAIN.md is silent); 80% is the local default */
	p->methadone_min_percent = 80;
	p->alert_sign_hours_high = 2;
	p->alert_feedback_hours_high = 24;
	p->alert_sign_hours = 2;
	p->alert_feedback_hours = 24;
	policy_case_defaults(p);
}

const struct obligation_rule *policy_rule(const struct policy *p, int kind, int year,
					  const char *risk_level)
{
	static const struct obligation_rule none;
	int level = 1;

	if (kind < 0 || kind >= POLICY_KINDS)
		return &none;
	if (year < 1)
		year = 1;
	if (year > POLICY_YEARS)
		year = POLICY_YEARS;
	if (risk_level && !strcmp(risk_level, "low"))
		level = 0;
	else if (risk_level && !strcmp(risk_level, "high"))
		level = 2;
	return &p->rules[kind][year - 1][level];
}

/* ---- writing ---- */

static json_t *rule_json(const struct obligation_rule *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "test_days", json_integer(r->test_days));
	json_object_set_new(o, "visit_days", json_integer(r->visit_days));
	json_object_set_new(o, "talk_days", json_integer(r->talk_days));
	return o;
}

static json_t *obligations_json(const struct policy *p)
{
	json_t *all = json_object();
	int k, y, l;
	for (k = 0; k < POLICY_KINDS; k++) {
		json_t *kind = json_object();
		for (y = 0; y < POLICY_YEARS; y++) {
			json_t *year = json_object();
			for (l = 0; l < POLICY_LEVELS; l++)
				json_object_set_new(year, level_keys[l],
						    rule_json(&p->rules[k][y][l]));
			json_object_set_new(kind, year_keys[y], year);
		}
		json_object_set_new(all, measure_kinds[k].key, kind);
	}
	return all;
}

static json_t *risk_json(const struct policy *p)
{
	json_t *risk = json_object(), *factors = json_array();
	int i;
	for (i = 0; i < p->nfactors; i++) {
		json_t *f = json_object();
		json_object_set_new(f, "key", json_string(p->factors[i].key));
		json_object_set_new(f, "label", json_string(p->factors[i].label));
		json_object_set_new(f, "points", json_integer(p->factors[i].points));
		json_array_append_new(factors, f);
	}
	json_object_set_new(risk, "factors", factors);
	json_object_set_new(risk, "high_from", json_integer(p->high_from));
	json_object_set_new(risk, "medium_from", json_integer(p->medium_from));
	return risk;
}

char *policy_to_json(const struct policy *p)
{
	json_t *root = json_object(), *o;
	char *s;

	json_object_set_new(root, "version", json_integer(p->version));
	o = json_object();
	json_object_set_new(o, "community_years", json_integer(p->community_years));
	json_object_set_new(o, "compulsory_years", json_integer(p->compulsory_years));
	json_object_set_new(o, "rehab_years", json_integer(p->rehab_years));
	json_object_set_new(o, "report_days", json_integer(p->report_days));
	json_object_set_new(o, "early_release_min_days", json_integer(p->early_release_min_days));
	json_object_set_new(o, "extension_max_days", json_integer(p->extension_max_days));
	json_object_set_new(o, "clean_years", json_integer(p->clean_years));
	json_object_set_new(root, "terms", o);
	json_object_set_new(root, "obligations", obligations_json(p));
	json_object_set_new(root, "due_soon_days", json_integer(p->due_soon_days));
	o = json_object();
	json_object_set_new(o, "refusals", json_integer(p->violation_refusals));
	json_object_set_new(o, "absences", json_integer(p->violation_absences));
	json_object_set_new(o, "absence_days", json_integer(p->violation_absence_days));
	json_object_set_new(root, "violation", o);
	o = json_object();
	json_object_set_new(o, "report_grace_days", json_integer(p->lost_report_grace_days));
	json_object_set_new(o, "missed_in_row", json_integer(p->lost_missed_in_row));
	json_object_set_new(o, "unreachable_days", json_integer(p->lost_unreachable_days));
	json_object_set_new(root, "lost", o);
	json_object_set_new(root, "relapse_proposal", json_string(p->relapse_proposal));
	json_object_set_new(root, "risk", risk_json(p));
	o = json_object();
	json_object_set_new(o, "adherence_min_percent", json_integer(p->methadone_min_percent));
	json_object_set_new(root, "methadone", o);
	o = json_object();
	json_object_set_new(o, "sign_hours_high", json_integer(p->alert_sign_hours_high));
	json_object_set_new(o, "feedback_hours_high", json_integer(p->alert_feedback_hours_high));
	json_object_set_new(o, "sign_hours", json_integer(p->alert_sign_hours));
	json_object_set_new(o, "feedback_hours", json_integer(p->alert_feedback_hours));
	json_object_set_new(root, "alerts", o);
	json_object_set_new(root, "cases", policy_case_to_json(p));
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(root);
	if (!s)
		s = xstrdup("{}");
	return s;
}

/* ---- reading ---- */

/* One integer setting: where it lives, its JSON name and its bounds. */
struct int_key {
	const char *name;
	size_t offset;
	int lo, hi;
};

#define KEY(name, field, lo, hi) { name, offsetof(struct policy, field), lo, hi }

static const struct int_key term_keys[] = {
	KEY("community_years", community_years, 1, 10),
	KEY("compulsory_years", compulsory_years, 1, 10),
	KEY("rehab_years", rehab_years, 1, 10),
	KEY("report_days", report_days, 1, 365),
	KEY("early_release_min_days", early_release_min_days, 0, MAX_DAYS),
	KEY("extension_max_days", extension_max_days, 0, MAX_DAYS),
	KEY("clean_years", clean_years, 1, 10),
	{ NULL, 0, 0, 0 }
};

static const struct int_key violation_keys[] = {
	KEY("refusals", violation_refusals, 1, 100),
	KEY("absences", violation_absences, 1, 100),
	KEY("absence_days", violation_absence_days, 1, MAX_DAYS),
	{ NULL, 0, 0, 0 }
};

/* 0 switches a lost-contact rule off (the grace: no grace). */
static const struct int_key lost_keys[] = {
	KEY("report_grace_days", lost_report_grace_days, 0, MAX_DAYS),
	KEY("missed_in_row", lost_missed_in_row, 0, 100),
	KEY("unreachable_days", lost_unreachable_days, 0, MAX_DAYS),
	{ NULL, 0, 0, 0 }
};

static const struct int_key methadone_keys[] = {
	KEY("adherence_min_percent", methadone_min_percent, 0, 100),
	{ NULL, 0, 0, 0 }
};

static const struct int_key alert_keys[] = {
	KEY("sign_hours_high", alert_sign_hours_high, 1, 720),
	KEY("feedback_hours_high", alert_feedback_hours_high, 1, 2160),
	KEY("sign_hours", alert_sign_hours, 1, 720),
	KEY("feedback_hours", alert_feedback_hours, 1, 2160),
	{ NULL, 0, 0, 0 }
};

static const char *const rule_keys[] = { "test_days", "visit_days", "talk_days", NULL };

static int in_list(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (!strcmp(*list, key))
			return 1;
	return 0;
}

/* Refuses keys the policy does not know, so a misspelt one does not
 * silently leave the default in force. */
static int check_keys(json_t *obj, const char *const *known, const char *path, struct buf *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (!in_list(known, key)) {
			buf_setf(err, _("未知的策略设置“%s%s%s”"), path, *path ? "." : "", key);
			return -1;
		}
	}
	return 0;
}

static int get_int(json_t *obj, const char *key, const char *path, int lo, int hi, int *out,
		   struct buf *err)
{
	json_t *v = json_object_get(obj, key);
	json_int_t n;

	if (!v)
		return 0;
	if (!json_is_integer(v)) {
		buf_setf(err, _("策略设置“%s.%s”应为整数"), path, key);
		return -1;
	}
	n = json_integer_value(v);
	if (n < lo || n > hi) {
		buf_setf(err, _("策略设置“%s.%s”应在 %d 到 %d 之间"), path, key, lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* The section called name as an object, NULL when absent; -1 when it is
 * not an object. */
static int get_section(json_t *root, const char *name, json_t **out, struct buf *err)
{
	*out = json_object_get(root, name);
	if (*out && !json_is_object(*out)) {
		buf_setf(err, _("策略设置“%s”应为对象"), name);
		return -1;
	}
	return 0;
}

static int read_ints(json_t *root, const char *section, const struct int_key *keys,
		     struct policy *p, struct buf *err)
{
	const char *names[16];
	json_t *obj;
	int i;

	if (get_section(root, section, &obj, err) < 0)
		return -1;
	if (!obj)
		return 0;
	for (i = 0; keys[i].name; i++)
		names[i] = keys[i].name;
	names[i] = NULL;
	if (check_keys(obj, names, section, err) < 0)
		return -1;
	for (i = 0; keys[i].name; i++)
		if (get_int(obj, keys[i].name, section, keys[i].lo, keys[i].hi,
			    (int *)((char *)p + keys[i].offset), err) < 0)
			return -1;
	return 0;
}

static int read_rule(json_t *obj, const char *path, struct obligation_rule *r, struct buf *err)
{
	if (!json_is_object(obj)) {
		buf_setf(err, _("策略设置“%s”应为对象"), path);
		return -1;
	}
	if (check_keys(obj, rule_keys, path, err) < 0 ||
	    get_int(obj, "test_days", path, 0, MAX_DAYS, &r->test_days, err) < 0 ||
	    get_int(obj, "visit_days", path, 0, MAX_DAYS, &r->visit_days, err) < 0 ||
	    get_int(obj, "talk_days", path, 0, MAX_DAYS, &r->talk_days, err) < 0)
		return -1;
	return 0;
}

/* obligations.KIND.yearN.LEVEL.{test,visit,talk}_days; each level may be
 * given alone. */
static int read_kind(json_t *kind, int k, struct policy *p, struct buf *err)
{
	char path[96];
	int y, l;

	snprintf(path, sizeof(path), "obligations.%s", measure_kinds[k].key);
	if (!json_is_object(kind)) {
		buf_setf(err, _("策略设置“%s”应为对象"), path);
		return -1;
	}
	if (check_keys(kind, year_keys, path, err) < 0)
		return -1;
	for (y = 0; y < POLICY_YEARS; y++) {
		json_t *year = json_object_get(kind, year_keys[y]);
		if (!year)
			continue;
		snprintf(path, sizeof(path), "obligations.%s.%s", measure_kinds[k].key,
			 year_keys[y]);
		if (!json_is_object(year)) {
			buf_setf(err, _("策略设置“%s”应为对象"), path);
			return -1;
		}
		if (check_keys(year, level_keys, path, err) < 0)
			return -1;
		for (l = 0; l < POLICY_LEVELS; l++) {
			json_t *rule = json_object_get(year, level_keys[l]);
			char rpath[128];
			if (!rule)
				continue;
			snprintf(rpath, sizeof(rpath), "%s.%s", path, level_keys[l]);
			if (read_rule(rule, rpath, &p->rules[k][y][l], err) < 0)
				return -1;
		}
	}
	return 0;
}

static int read_obligations(json_t *root, struct policy *p, struct buf *err)
{
	json_t *obj;
	int k;

	if (get_section(root, "obligations", &obj, err) < 0)
		return -1;
	if (!obj)
		return 0;
	{
		const char *kinds[POLICY_KINDS + 1];
		for (k = 0; k < POLICY_KINDS; k++)
			kinds[k] = measure_kinds[k].key;
		kinds[k] = NULL;
		if (check_keys(obj, kinds, "obligations", err) < 0)
			return -1;
	}
	for (k = 0; k < POLICY_KINDS; k++) {
		json_t *kind = json_object_get(obj, measure_kinds[k].key);
		if (kind && read_kind(kind, k, p, err) < 0)
			return -1;
	}
	return 0;
}

static int known_factor(const char *key)
{
	size_t i;
	for (i = 0; i < ARRAY_SIZE(default_factors); i++)
		if (!strcmp(default_factors[i].key, key))
			return (int)i;
	return -1;
}

static const char *const factor_keys[] = { "key", "label", "points", NULL };

/* One entry of risk.factors: key required, label and points default to
 * the built-in ones. */
static int read_factor(json_t *f, int i, struct risk_factor *out, struct buf *err)
{
	char path[48];
	const char *key, *label;
	json_t *v;
	int d;

	snprintf(path, sizeof(path), "risk.factors[%d]", i);
	if (!json_is_object(f)) {
		buf_setf(err, _("策略设置“%s”应为对象"), path);
		return -1;
	}
	if (check_keys(f, factor_keys, path, err) < 0)
		return -1;
	key = json_string_value(json_object_get(f, "key"));
	if (!key || (d = known_factor(key)) < 0) {
		buf_setf(err, _("策略设置“%s.key”不是已知的风险因素"), path);
		return -1;
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->key, sizeof(out->key), "%s", key);
	snprintf(out->label, sizeof(out->label), "%s", default_factors[d].label);
	out->points = default_factors[d].points;
	v = json_object_get(f, "label");
	if (v) {
		label = json_string_value(v);
		if (!label || !*label || strlen(label) >= sizeof(out->label)) {
			buf_setf(err, _("策略设置“%s.label”应为不超过21个汉字的名称"), path);
			return -1;
		}
		snprintf(out->label, sizeof(out->label), "%s", label);
	}
	return get_int(f, "points", path, -100, 100, &out->points, err);
}

static const char *const risk_keys[] = { "factors", "high_from", "medium_from", NULL };

/* A factors array replaces the whole list, so a factor can be dropped. */
static int read_risk(json_t *root, struct policy *p, struct buf *err)
{
	json_t *obj, *factors, *f;
	size_t i, j;

	if (get_section(root, "risk", &obj, err) < 0)
		return -1;
	if (!obj)
		return 0;
	if (check_keys(obj, risk_keys, "risk", err) < 0)
		return -1;
	factors = json_object_get(obj, "factors");
	if (factors) {
		if (!json_is_array(factors) || json_array_size(factors) > POLICY_MAX_FACTORS) {
			buf_setf(err, _("策略设置“risk.factors”应为最多 %d 项的列表"),
				 POLICY_MAX_FACTORS);
			return -1;
		}
		json_array_foreach(factors, i, f) {
			if (read_factor(f, (int)i, &p->factors[i], err) < 0)
				return -1;
			for (j = 0; j < i; j++) {
				if (!strcmp(p->factors[j].key, p->factors[i].key)) {
					buf_setf(err, _("策略设置“risk.factors[%d].key”重复"),
						 (int)i);
					return -1;
				}
			}
		}
		p->nfactors = (int)json_array_size(factors);
		memset(&p->factors[p->nfactors], 0,
		       sizeof(p->factors[0]) * (size_t)(POLICY_MAX_FACTORS - p->nfactors));
	}
	if (get_int(obj, "high_from", "risk", -1000, 1000, &p->high_from, err) < 0 ||
	    get_int(obj, "medium_from", "risk", -1000, 1000, &p->medium_from, err) < 0)
		return -1;
	if (p->high_from <= p->medium_from) {
		buf_setf(err, _("策略设置“risk.high_from”应大于“risk.medium_from”"));
		return -1;
	}
	return 0;
}

static const char *const top_keys[] = { "version", "terms", "obligations", "due_soon_days",
	"violation", "lost", "relapse_proposal", "risk", "methadone", "alerts", "cases", NULL };

static int read_top(json_t *root, struct policy *p, struct buf *err)
{
	json_t *v;
	const char *s;

	if (check_keys(root, top_keys, "", err) < 0)
		return -1;
	v = json_object_get(root, "version");
	if (v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 1000000000) {
			buf_setf(err, _("策略设置“%s”应为非负整数"), "version");
			return -1;
		}
		p->version = (int)json_integer_value(v);
	}
	v = json_object_get(root, "due_soon_days");
	if (v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 365) {
			buf_setf(err, _("策略设置“%s”应在 %d 到 %d 之间"), "due_soon_days", 0, 365);
			return -1;
		}
		p->due_soon_days = (int)json_integer_value(v);
	}
	v = json_object_get(root, "relapse_proposal");
	if (v) {
		s = json_string_value(v);
		if (!s || measure_kind_from_key(s) < 0) {
			buf_setf(err, _("策略设置“relapse_proposal”应为一种戒毒措施"));
			return -1;
		}
		snprintf(p->relapse_proposal, sizeof(p->relapse_proposal), "%s", s);
	}
	return 0;
}

int policy_from_json(const char *json, struct policy *p, struct buf *err)
{
	struct policy q;
	json_error_t jerr;
	json_t *root;
	int ret = -1;

	policy_defaults(&q);
	root = json_loads(json ? json : "", 0, &jerr);
	if (!root) {
		buf_setf(err, _("策略不是有效的 JSON（第 %d 行第 %d 列）"), jerr.line, jerr.column);
		return -1;
	}
	if (!json_is_object(root)) {
		buf_setf(err, _("策略应为 JSON 对象"));
		goto out;
	}
	if (read_top(root, &q, err) < 0 || read_ints(root, "terms", term_keys, &q, err) < 0 ||
	    read_obligations(root, &q, err) < 0 ||
	    read_ints(root, "violation", violation_keys, &q, err) < 0 ||
	    read_ints(root, "lost", lost_keys, &q, err) < 0 || read_risk(root, &q, err) < 0 ||
	    read_ints(root, "methadone", methadone_keys, &q, err) < 0 ||
	    read_ints(root, "alerts", alert_keys, &q, err) < 0 ||
	    policy_case_from_json(json_object_get(root, "cases"), &q, err) < 0)
		goto out;
	*p = q;
	ret = 0;
out:
	json_decref(root);
	return ret;
}
