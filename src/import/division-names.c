/* division-names.c - name and code lookup of townships and villages for imports and exports. */
#include "import/division-names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

struct entry {
	const char *code, *name, *label;
	int level;
};

/* Open addressing from a string to an entry index; AMBIGUOUS when two
 * different entries claimed the key. */
#define AMBIGUOUS (-1)
struct slot {
	const char *key;
	int idx;
};
struct map {
	struct slot *slots;
	size_t cap, n;
};

struct division_names {
	struct arena a;
	struct entry *e;
	size_t n;
	struct map codes, exact, loose1, loose2;
	const char *strip[4]; /* names above the area, outermost first */
	int nstrip;
	const char **towns;
	int ntowns;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct slot *find(const struct map *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void map_grow(struct map *m)
{
	struct map bigger = { NULL, m->cap ? m->cap * 2 : 256, 0 };
	size_t i;
	bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(&bigger, m->slots[i].key) = m->slots[i];
	bigger.n = m->n;
	free(m->slots);
	*m = bigger;
}

static void map_put(struct division_names *dn, struct map *m, const char *key, int idx)
{
	struct slot *s;
	if (!key || !*key)
		return;
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	s = find(m, key);
	if (!s->key) {
		s->key = arena_strdup(&dn->a, key);
		s->idx = idx;
		m->n++;
	} else if (s->idx != idx) {
		s->idx = AMBIGUOUS;
	}
}

static const struct slot *map_get(const struct map *m, const char *key)
{
	const struct slot *s;
	if (!m->cap || !key || !*key)
		return NULL;
	s = find(m, key);
	return s->key ? s : NULL;
}

static int ends_with(const char *s, const char *suffix, size_t *at)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n <= k || strcmp(s + n - k, suffix))
		return 0;
	*at = n - k;
	return 1;
}

/*
 * Looser forms of a name. canonical: the village committee's suffix in
 * one spelling (大山村委会, 大山村民委员会 -> 大山村; 八一居委会, 八一社区居委会
 * -> 八一社区), so 村 and 社区 still tell two places apart. bare: without
 * any suffix (大山, 八一; 恩江 for 恩江镇). NULL when nothing changes.
 */
static const char *canonical(struct arena *a, const char *name)
{
	static const struct {
		const char *suffix, *to;
	} forms[] = {
		{ "村民委员会", "村" },     { "村委会", "村" },       { "社区居民委员会", "社区" },
		{ "社区居委会", "社区" },   { "居民委员会", "社区" }, { "居委会", "社区" },
	};
	size_t i, at;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (ends_with(name, forms[i].suffix, &at))
			return arena_printf(a, "%.*s%s", (int)at, name, forms[i].to);
	return NULL;
}

static const char *bare(struct arena *a, const char *name, int town)
{
	static const char *const village[] = { "社区居民委员会", "社区居委会", "村民委员会",
					       "居民委员会", "村委会", "居委会", "委员会", "社区",
					       "村", NULL };
	static const char *const township[] = { "街道办事处", "办事处", "街道", "镇", "乡", NULL };
	const char *const *sfx;
	size_t at;
	for (sfx = town ? township : village; *sfx; sfx++)
		if (ends_with(name, *sfx, &at))
			return arena_strndup(a, name, at);
	return NULL;
}

static const char *cat(struct arena *a, const char *x, const char *y)
{
	return x && y ? arena_printf(a, "%s%s", x, y) : NULL;
}

/* Every way of writing entry i: exact names, canonical suffixes, bare
 * names; alone, after its township's name, and after the county's name
 * when the area spans several counties (county NULL otherwise). */
static void add_keys(struct division_names *dn, int i, const struct entry *town,
		     const char *county)
{
	const struct entry *e = &dn->e[i];
	struct arena *a = &dn->a;
	struct map *maps[3] = { &dn->exact, &dn->loose1, &dn->loose2 };
	const char *en[3], *tn[3] = { NULL, NULL, NULL };
	int j, k, c;

	en[0] = e->name;
	en[1] = e->level == 5 ? canonical(a, e->name) : NULL;
	en[2] = bare(a, e->name, e->level == 4);
	if (town) {
		tn[0] = town->name;
		tn[2] = bare(a, town->name, 1);
	}
	for (c = 0; c < (county ? 2 : 1); c++) {
		const char *pre = c ? county : "";
		for (j = 0; j < 3; j++) {
			map_put(dn, maps[j], cat(a, pre, en[j]), i);
			for (k = 0; town && k < 3; k++)
				map_put(dn, maps[j > k ? j : k], cat(a, pre, cat(a, tn[k], en[j])), i);
		}
	}
}

/* The code whose significant prefix is prefix: 36 -> 360000, 3608 -> 360800. */
static void code_of_prefix(const char *prefix, char out[13])
{
	size_t n = strlen(prefix);
	memcpy(out, prefix, n);
	while (n < 6)
		out[n++] = '0';
	out[n] = '\0';
}

/* Names of the province, city and county at or above the area, which a
 * clerk may write in front of a township's name. */
static int load_above(struct division_names *dn, struct db *db, const char *prefix,
		      struct buf *err)
{
	char code[13];
	struct division d;
	const char *names[6];
	int n = 0, rc, i;

	if (!*prefix)
		return 0;
	code_of_prefix(prefix, code);
	rc = store_division_get(db, code, &dn->a, &d, err);
	while (rc == 0 && n < 6) {
		if (d.level <= 3 && strcmp(d.name, "市辖区") && strcmp(d.name, "县"))
			names[n++] = d.name;
		if (!d.parent || !*d.parent || !strcmp(d.parent, d.code))
			break;
		rc = store_division_get(db, d.parent, &dn->a, &d, err);
	}
	if (rc < 0)
		return -1;
	for (i = n - 1; i >= 0 && dn->nstrip < 4; i--)
		dn->strip[dn->nstrip++] = names[i];
	return 0;
}

struct division_names *division_names_load(struct db *db, const char *prefix, struct buf *err)
{
	struct division_names *dn = xcalloc(1, sizeof(*dn));
	struct division *list;
	size_t ntowns = 0, atowns = 0;
	int n, i, multi_county = strlen(prefix) < 6;
	const struct slot *s;

	if (store_division_list(db, prefix, 3, 5, &dn->a, &list, &n, err) < 0 ||
	    load_above(dn, db, prefix, err) < 0) {
		division_names_free(dn);
		return NULL;
	}
	dn->e = arena_zalloc(&dn->a, sizeof(*dn->e) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++) {
		struct entry *e = &dn->e[dn->n];
		e->code = list[i].code;
		e->name = list[i].name;
		e->label = e->name;
		e->level = list[i].level;
		map_put(dn, &dn->codes, e->code, (int)dn->n++);
	}
	for (i = 0; i < (int)dn->n; i++) {
		struct entry *e = &dn->e[i];
		const struct entry *town = NULL;
		const char *county = NULL;
		char c6[7];
		if (e->level < 4)
			continue;
		if (e->level == 5) {
			char c9[10];
			memcpy(c9, e->code, 9);
			c9[9] = '\0';
			s = map_get(&dn->codes, c9);
			town = s && s->idx >= 0 ? &dn->e[s->idx] : NULL;
			if (town)
				e->label = arena_printf(&dn->a, "%s%s", town->name, e->name);
		} else {
			*ARENA_PUSH(&dn->a, dn->towns, ntowns, atowns) = e->name;
		}
		memcpy(c6, e->code, 6);
		c6[6] = '\0';
		s = multi_county ? map_get(&dn->codes, c6) : NULL;
		county = s && s->idx >= 0 ? dn->e[s->idx].name : NULL;
		add_keys(dn, i, town, county);
	}
	dn->ntowns = (int)ntowns;
	return dn;
}

void division_names_free(struct division_names *dn)
{
	if (!dn)
		return;
	free(dn->codes.slots);
	free(dn->exact.slots);
	free(dn->loose1.slots);
	free(dn->loose2.slots);
	arena_release(&dn->a);
	free(dn);
}

/* Leaves out spaces (also U+3000) and the separators people put between
 * a township and a village. */
static void squeeze(const char *in, char *out, size_t size)
{
	static const char *const drop[] = { "\xe3\x80\x80", "\xef\xbc\x8f", "\xef\xbc\x8d",
					    "\xc2\xb7", "\xe2\x80\x94", NULL }; /* 　／－·— */
	size_t n = 0;
	while (*in && n + 1 < size) {
		const char *const *d;
		size_t k = 0;
		if (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n' || *in == '/' ||
		    *in == '-' || *in == '_' || *in == '|') {
			in++;
			continue;
		}
		for (d = drop; *d; d++)
			if (!strncmp(in, *d, strlen(*d)))
				k = strlen(*d);
		if (k) {
			in += k;
			continue;
		}
		out[n++] = *in++;
	}
	out[n] = '\0';
}

static enum division_match answer(const struct division_names *dn, const struct slot *s,
				  const char **code)
{
	if (s->idx == AMBIGUOUS)
		return DIVISION_AMBIGUOUS;
	*code = dn->e[s->idx].code;
	return dn->e[s->idx].level >= 4 ? DIVISION_FOUND : DIVISION_UNKNOWN;
}

enum division_match division_names_resolve(const struct division_names *dn, const char *text,
					   const char **code)
{
	char s[512], tmp[512];
	const char *p = s, *loose;
	const struct slot *hit;
	struct arena a = ARENA_INIT;
	enum division_match m = DIVISION_UNKNOWN;
	int i;

	*code = NULL;
	squeeze(text, s, sizeof(s));
	for (i = 0; i < dn->nstrip; i++)
		if (!strncmp(p, dn->strip[i], strlen(dn->strip[i])))
			p += strlen(dn->strip[i]);
	if (!*p)
		return DIVISION_UNKNOWN;
	if (strspn(p, "0123456789") == strlen(p)) {
		snprintf(tmp, sizeof(tmp), "%s", p);
		if (strlen(tmp) == 12 && !strcmp(tmp + 9, "000"))
			tmp[9] = '\0'; /* a township written as 12 digits */
		hit = map_get(&dn->codes, tmp);
		return hit ? answer(dn, hit, code) : DIVISION_UNKNOWN;
	}
	hit = map_get(&dn->exact, p);
	if (!hit)
		hit = map_get(&dn->loose1, (loose = canonical(&a, p)) ? loose : p);
	if (!hit)
		hit = map_get(&dn->loose2, p);
	if (!hit && (loose = bare(&a, p, 0)))
		hit = map_get(&dn->loose2, loose);
	if (!hit && (loose = bare(&a, p, 1)))
		hit = map_get(&dn->loose2, loose);
	if (hit)
		m = answer(dn, hit, code);
	arena_release(&a);
	return m;
}

const char *division_names_label(const struct division_names *dn, const char *code)
{
	const struct slot *s = map_get(&dn->codes, code);
	return s && s->idx >= 0 ? dn->e[s->idx].label : NULL;
}

int division_names_townships(const struct division_names *dn, const char *const **names)
{
	*names = dn->towns;
	return dn->ntowns;
}
