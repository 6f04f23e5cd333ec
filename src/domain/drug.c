/* drug.c - finding drugs by name or alias, exact weights, and grading a case by its drugs. */
#include "drug.h"

#include <stdio.h>
#include <string.h>

#include "lib/i18n.h"

const struct choice drug_class_labels[] = {
	{ "none", N_("无定量标准") },
	{ "below", N_("未达数量较大") },
	{ "relatively_large", N_("数量较大") },
	{ "large", N_("数量大") },
	{ NULL, NULL }
};

const struct choice case_grade_labels[] = {
	{ "none", N_("未定级") },
	{ "ordinary", N_("一般") },
	{ "major", N_("重大") },
	{ "extra", N_("特大") },
	{ NULL, NULL }
};

const char *drug_class_label(int c)
{
	return c >= DRUG_NO_STANDARD && c <= DRUG_LARGE ? drug_class_labels[c + 1].label : "";
}

const char *case_grade_label(int g)
{
	return g >= GRADE_NONE && g <= GRADE_EXTRA ? case_grade_labels[g + 1].label : "";
}

/* 1 when the comma-separated list holds exactly s (length n). */
static int in_aliases(const char *list, const char *s, size_t n)
{
	while (*list) {
		const char *comma = strchr(list, ',');
		size_t len = comma ? (size_t)(comma - list) : strlen(list);
		if (len == n && !strncmp(list, s, n))
			return 1;
		list += len + (comma ? 1 : 0);
	}
	return 0;
}

const struct drug_def *drug_by_key(const struct policy *p, const char *key)
{
	int i;
	for (i = 0; key && i < p->ndrugs; i++)
		if (!strcmp(p->drugs[i].key, key))
			return &p->drugs[i];
	return NULL;
}

const struct drug_def *drug_find(const struct policy *p, const char *s)
{
	size_t n;
	int i;

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return NULL;
	for (i = 0; i < p->ndrugs; i++) {
		const struct drug_def *d = &p->drugs[i];
		if ((strlen(d->key) == n && !strncmp(d->key, s, n)) ||
		    (strlen(d->name) == n && !strncmp(d->name, s, n)) || in_aliases(d->aliases, s, n))
			return d;
	}
	return NULL;
}

const char *drug_unit_label(int unit)
{
	return unit == DRUG_UNIT_MG ? N_("毫克") : N_("克");
}

static int64_t per_unit(int unit)
{
	return unit == DRUG_UNIT_MG ? 1000 : 1000000;
}

/* Ten tonnes: no seizure weighs more. */
#define MAX_UG (10000LL * 1000 * 1000000)

int drug_weight_parse(const char *s, int unit, int64_t *ug, struct buf *err)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = 0;

	*ug = 0;
	if (!s)
		s = "";
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > MAX_UG)
			goto too_much;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 2) {
				buf_setf(err, _("重量最多保留两位小数（精确到 0.01 %s）"),
					 _(drug_unit_label(unit)));
				return -1;
			}
			frac = frac * 10 + (*s - '0');
		}
		if (!decimals)
			digits = 0; /* "12." is not a number */
	}
	while (*s == ' ')
		s++;
	if (!digits || *s) {
		buf_setf(err, _("请按%s填写重量，如 12.34"), _(drug_unit_label(unit)));
		return -1;
	}
	if (decimals == 1)
		frac *= 10;
	if (whole > MAX_UG / per_unit(unit))
		goto too_much;
	*ug = whole * per_unit(unit) + frac * (per_unit(unit) / 100);
	if (*ug <= 0) {
		buf_setf(err, _("重量应大于 0"));
		return -1;
	}
	if (*ug > MAX_UG)
		goto too_much;
	return 0;
too_much:
	buf_setf(err, _("重量超过 10 吨，请核对"));
	return -1;
}

const char *drug_weight_format(int64_t ug, int unit, char out[32])
{
	int64_t hundredths = ug / (per_unit(unit) / 100);
	snprintf(out, 32, "%s%lld.%02lld", hundredths < 0 ? "-" : "",
		 (long long)((hundredths < 0 ? -hundredths : hundredths) / 100),
		 (long long)((hundredths < 0 ? -hundredths : hundredths) % 100));
	return out;
}

int drug_class_of(const struct drug_def *d, int64_t ug)
{
	if (!d || (!d->large_ug && !d->relatively_large_ug))
		return DRUG_NO_STANDARD;
	if (d->large_ug && ug >= d->large_ug)
		return DRUG_LARGE;
	if (d->relatively_large_ug && ug >= d->relatively_large_ug)
		return DRUG_RELATIVELY_LARGE;
	return DRUG_BELOW;
}

int drug_grade_of(const struct drug_def *d, int64_t ug)
{
	if (!d)
		return GRADE_NONE;
	if (d->extra_ug && ug >= d->extra_ug)
		return GRADE_EXTRA;
	if (d->major_ug && ug >= d->major_ug)
		return GRADE_MAJOR;
	return GRADE_ORDINARY;
}

/*
 * An exact sum of fractions weight / threshold, kept reduced: thresholds
 * share most of their factors (they are whole grams or milligrams), so the
 * denominator stays the least common multiple of a few of them.
 */
struct share {
	unsigned __int128 num, den;
	int any;      /* a drug with this threshold was added */
};

static unsigned __int128 gcd128(unsigned __int128 a, unsigned __int128 b)
{
	while (b) {
		unsigned __int128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void share_add(struct share *s, int64_t ug, int64_t threshold)
{
	unsigned __int128 g;

	if (threshold <= 0)
		return;
	if (!s->any) {
		s->num = 0;
		s->den = 1;
	}
	s->any = 1;
	/* a + b/t = (a*t + b*den) / (den*t), with den and t first divided by
	 * their common factor so the denominator is their multiple only */
	g = gcd128(s->den, (unsigned __int128)threshold);
	s->num = s->num * ((unsigned __int128)threshold / g) + (unsigned __int128)ug * (s->den / g);
	s->den = s->den / g * (unsigned __int128)threshold;
	g = gcd128(s->num, s->den);
	if (g > 1) {
		s->num /= g;
		s->den /= g;
	}
}

/* Whether the shares add up to a whole threshold. */
static int share_met(const struct share *s)
{
	return s->any && s->num >= s->den;
}

static void grade_by_shares(const struct policy *p, const struct seizure_total *t, int n,
			    struct case_grading *out)
{
	struct share large = { 0, 1, 0 }, rel = { 0, 1, 0 }, extra = { 0, 1, 0 },
		     major = { 0, 1, 0 };
	int i, graded = 0;

	for (i = 0; i < n; i++) {
		const struct drug_def *d = drug_by_key(p, t[i].drug);
		if (!d)
			continue;
		graded = 1;
		share_add(&large, t[i].weight_ug, d->large_ug);
		share_add(&rel, t[i].weight_ug, d->relatively_large_ug);
		share_add(&extra, t[i].weight_ug, d->extra_ug);
		share_add(&major, t[i].weight_ug, d->major_ug);
	}
	out->legal = share_met(&large) ? DRUG_LARGE
		     : share_met(&rel) ? DRUG_RELATIVELY_LARGE
		     : large.any || rel.any ? DRUG_BELOW
					    : DRUG_NO_STANDARD;
	out->police = !graded ? GRADE_NONE
		      : share_met(&extra) ? GRADE_EXTRA
		      : share_met(&major) ? GRADE_MAJOR
					  : GRADE_ORDINARY;
}

void drug_grade_case(const struct policy *p, const struct seizure_total *t, int n,
		     struct case_grading *out)
{
	int i;

	out->legal = DRUG_NO_STANDARD;
	out->police = GRADE_NONE;
	if (p->drug_combine == DRUG_COMBINE_SHARES) {
		grade_by_shares(p, t, n, out);
		return;
	}
	for (i = 0; i < n; i++) {
		const struct drug_def *d = drug_by_key(p, t[i].drug);
		int c = drug_class_of(d, t[i].weight_ug), g = drug_grade_of(d, t[i].weight_ug);
		if (c > out->legal)
			out->legal = c;
		if (g > out->police)
			out->police = g;
	}
}
