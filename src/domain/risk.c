/* risk.c - risk grading: the policy's factors applied to one person, with the breakdown. */
#include "risk.h"

#include <jansson.h>
#include <string.h>

#include "lib/i18n.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

const struct choice risk_levels[] = {
	{ "high", N_("高风险") },
	{ "medium", N_("中风险") },
	{ "low", N_("低风险") },
	{ NULL, NULL }
};

/* Counted factors (relapses, refusals) stop adding after this many. */
#define RISK_COUNT_CAP 3

static int in_set(const char *set, const char *key)
{
	size_t len = strlen(key);
	const char *s = set;
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		if (n == len && !strncmp(s, key, len))
			return 1;
		s = comma ? comma + 1 : NULL;
	}
	return 0;
}

static int any_in_set(const char *set, const char *const *keys)
{
	for (; *keys; keys++)
		if (in_set(set, *keys))
			return 1;
	return 0;
}

static int eq(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static const char *const opiates[] = { "heroin", "opium", NULL };
static const char *const synthetics[] = { "meth", "magu", "ketamine", "mdma", "methcathinone",
	"nps", NULL };

static int cap(int n)
{
	return n < 0 ? 0 : n > RISK_COUNT_CAP ? RISK_COUNT_CAP : n;
}

/* Whole years of age on today, from YYYYMMDD numbers: someone born on
 * 29 February has a birthday on 1 March in common years. */
static int age_on(int birth, int today)
{
	return (today - birth) / 10000;
}

static int clean_years_reached(const struct risk_input *in, int years)
{
	return in->clean_since && in->today >= ymd_add_months(in->clean_since, 12 * years);
}

/* How many times factor key applies to the input (0: not at all). */
static int factor_count(const char *key, const struct risk_input *in)
{
	static const struct person none;
	const struct person *pe = in->person ? in->person : &none;

	if (!strcmp(key, "heroin"))
		return any_in_set(pe->drug_types, opiates);
	if (!strcmp(key, "synthetic"))
		return any_in_set(pe->drug_types, synthetics);
	if (!strcmp(key, "addicted"))
		return eq(pe->addiction, "addicted");
	if (!strcmp(key, "severe"))
		return eq(pe->addiction, "severe");
	if (!strcmp(key, "relapse"))
		return cap(in->relapses);
	if (!strcmp(key, "refusal"))
		return cap(in->refusals_last_year);
	if (!strcmp(key, "lost_before"))
		return in->lost_before != 0;
	if (!strcmp(key, "mental") || !strcmp(key, "hiv") || !strcmp(key, "illness"))
		return in_set(pe->special_status, key);
	if (!strcmp(key, "unemployed"))
		return blank(pe->employment) || eq(pe->employment, "无业") ||
		       eq(pe->employment, "待业") || eq(pe->employment, "失业");
	if (!strcmp(key, "no_family"))
		return blank(pe->family);
	if (!strcmp(key, "young"))
		return pe->birth_date && age_on(pe->birth_date, in->today) < 25;
	if (!strcmp(key, "clean_1y"))
		return clean_years_reached(in, 1);
	if (!strcmp(key, "clean_2y"))
		return clean_years_reached(in, 2);
	return 0;
}

/*
 * 吸毒成瘾 and 吸毒成瘾严重 are one addiction level, so at most one of
 * "addicted" and "severe" applies. Being clean two years scores both
 * clean_1y and clean_2y. A factor worth 0 points is switched off and not
 * listed.
 */
void risk_assess(const struct risk_input *in, const struct policy *p, struct risk_result *out)
{
	int i, n;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < p->nfactors && i < POLICY_MAX_FACTORS; i++) {
		const struct risk_factor *f = &p->factors[i];
		if (!f->points || !(n = factor_count(f->key, in)))
			continue;
		out->parts[out->nparts].key = f->key;
		out->parts[out->nparts].label = f->label;
		out->parts[out->nparts].points = n * f->points;
		out->score += n * f->points;
		out->nparts++;
	}
	if (out->score >= p->high_from)
		out->level = "high";
	else if (out->score >= p->medium_from)
		out->level = "medium";
	else
		out->level = "low";
}

char *risk_detail_json(const struct risk_result *r)
{
	json_t *a = json_array();
	char *s;
	int i;

	for (i = 0; i < r->nparts; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "key", json_string(r->parts[i].key));
		json_object_set_new(o, "label", json_string(r->parts[i].label));
		json_object_set_new(o, "points", json_integer(r->parts[i].points));
		json_array_append_new(a, o);
	}
	s = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(a);
	return s ? s : xstrdup("[]");
}
