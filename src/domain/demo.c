/* demo.c - jindu demo: the county's units, one user per role, its person files and histories, networks. */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/control.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"
#include "lib/xalloc.h"

void demo_options_init(struct demo_options *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->password = DEMO_PASSWORD;
	o->persons = 1500;
	o->root = "360825";
}

/* s without a leading pre ("永丰县工业园区" -> "工业园区"), unless that leaves nothing. */
static const char *after_prefix(const char *s, const char *pre)
{
	size_t n = strlen(pre);
	return n && !strncmp(s, pre, n) && s[n] ? s + n : s;
}

/* ---- reading the county and the other ID regions from the store ---- */

static int load_town(struct db *db, const struct division *d, const struct demo_area *area,
		     struct arena *a, struct demo_town *t, struct buf *err)
{
	struct division *kids;
	int n, i;

	t->code = d->code;
	t->name = d->name;
	t->address = arena_printf(a, "%s%s", area->path, after_prefix(d->name, area->name));
	t->police = arena_printf(a, "%s派出所", demo_town_short(d->name, area->name, a));
	if (store_division_children(db, d->code, a, &kids, &n, err) < 0)
		return -1;
	t->villages = arena_zalloc(a, sizeof(*t->villages) * (size_t)(n ? n : 1));
	t->nvillages = 0;
	for (i = 0; i < n; i++) {
		struct demo_village *v = &t->villages[t->nvillages];
		if (kids[i].level != 5)
			continue;
		v->code = kids[i].code;
		v->place = demo_village_place(kids[i].name, d->name, &v->rural, a);
		t->nvillages++;
	}
	return 0;
}

/* A county with its towns and villages: 0, STORE_NOTFOUND when code is not
 * a county in the table, or -1 with err. */
static int load_area(struct db *db, const char *code, int home, struct arena *a,
		     struct demo_area *area, struct buf *err)
{
	struct division d, *towns;
	char *path;
	int n, i, rc;

	memset(area, 0, sizeof(*area));
	rc = store_division_get(db, code, a, &d, err);
	if (rc != 0)
		return rc;
	/* A few cities without counties (东莞, 中山, 儋州) are their own parent
	 * in the table: not a county we can walk up from. */
	if (d.level != 3 || !strcmp(d.code, d.parent))
		return STORE_NOTFOUND;
	rc = store_division_path(db, code, a, &path, err);
	if (rc != 0)
		return rc;
	area->code = d.code;
	area->name = d.name;
	area->path = path;
	if (store_division_children(db, code, a, &towns, &n, err) < 0)
		return -1;
	area->towns = arena_zalloc(a, sizeof(*area->towns) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++) {
		struct demo_town *t = &area->towns[i];
		if (load_town(db, &towns[i], area, a, t, err) < 0)
			return -1;
		/* The table has villages for the home county only: elsewhere
		 * addresses stop at the town, and no one's household is in a
		 * development zone or a state farm (town codes 400 and up). */
		t->weight = home ? demo_town_weight(t->code, i, t->nvillages)
				 : atoi(t->code + 6) < 400;
		area->total_weight += t->weight;
	}
	area->ntowns = n;
	return 0;
}

static int load_county(struct db *db, const char *root, struct arena *a, struct demo_county *c,
		       struct buf *err)
{
	int n = 0, i, rc;

	rc = load_area(db, root, 1, a, &c->home, err);
	if (rc < 0)
		return -1;
	if (rc == STORE_NOTFOUND || c->home.total_weight <= 0) {
		buf_setf(err, "the demo needs a county with townships and villages; '%s' is not "
			      "one", root);
		return -1;
	}
	while (demo_regions[n].code)
		n++;
	c->others = arena_zalloc(a, sizeof(*c->others) * (size_t)n);
	for (i = 0; i < n; i++) {
		struct demo_area *o = &c->others[c->nothers];
		if (!strcmp(demo_regions[i].code, root))
			continue;
		rc = load_area(db, demo_regions[i].code, 0, a, o, err);
		if (rc < 0)
			return -1;
		if (rc == STORE_NOTFOUND)
			continue; /* a region missing from the table: no ID numbers from there */
		o->weight = demo_regions[i].weight;
		o->permille_minority = demo_regions[i].permille_minority;
		o->minority = demo_regions[i].minority;
		c->others_weight += o->weight;
		c->nothers++;
	}
	c->drug_squad = arena_printf(a, "%s公安局禁毒大队", c->home.name);
	return 0;
}

/* ---- units ---- */

struct demo_units {
	int64_t office, squad, edu, health;
	int64_t *government, *police, *station; /* per town; station 0 when none */
};

static int unit_add(struct db *db, const char *name, const char *kind, const char *division,
		    const char *phone, int64_t *id, struct buf *err)
{
	struct unit u;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.kind = kind;
	u.division = division;
	u.phone = phone;
	if (store_unit_add(db, &u, err) < 0)
		return -1;
	if (id)
		*id = u.id;
	return 0;
}

/* The towns' government: 人民政府 for 镇 and 乡, 管理委员会 for a development
 * zone, and state farms and forest farms are their own authority. */
static const char *government_name(const char *town, struct arena *a)
{
	size_t n = strlen(town);
	if (n > 3 && (!strcmp(town + n - 3, "镇") || !strcmp(town + n - 3, "乡")))
		return arena_printf(a, "%s人民政府", town);
	if (strstr(town, "园区") || strstr(town, "开发区"))
		return arena_printf(a, "%s管理委员会", town);
	return town;
}

/* 1 when town i is in the bigger half of the county by weight. */
static int has_station(const struct demo_area *h, int i)
{
	int j, rank = 0;
	for (j = 0; j < h->ntowns; j++)
		if (h->towns[j].weight > h->towns[i].weight ||
		    (h->towns[j].weight == h->towns[i].weight && j < i))
			rank++;
	return h->towns[i].weight > 0 && rank < (h->ntowns + 1) / 2;
}

static const char *landline(struct demo_rng *r, const char *root, struct arena *a)
{
	if (strncmp(root, "3608", 4)) /* the area code is only known for 吉安 */
		return "";
	return arena_printf(a, "0796-%d%06d", 2 + demo_rng_below(r, 7), demo_rng_below(r, 1000000));
}

static int add_units(struct db *db, const struct demo_county *c, unsigned long seed,
		     struct arena *a, struct demo_units *u, int *count, struct buf *err)
{
	/* Member departments of the county's 禁毒委员会: before + county + after. */
	static const struct {
		const char *before, *after;
		int which; /* 1 education, 2 health */
	} members[] = {
		{ "", "教育局", 1 }, { "", "卫生健康委员会", 2 }, { "", "市场监督管理局", 0 },
		{ "", "交通运输局", 0 }, { "", "邮政管理局", 0 },
		{ "", "文化广电新闻出版旅游局", 0 }, { "", "民政局", 0 },
		{ "", "人力资源和社会保障局", 0 }, { "", "司法局", 0 }, { "共青团", "委员会", 0 },
	};
	const struct demo_area *h = &c->home;
	const char *root = h->code, *county = h->name;
	struct demo_rng r;
	struct unit *list;
	int64_t id;
	int i, n;

	demo_rng_seed(&r, seed, UINT64_MAX);
	memset(u, 0, sizeof(*u));
	if (store_unit_list(db, root, a, &list, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(list[i].kind, "office"))
			u->office = list[i].id;
	*count = n;
	if (unit_add(db, c->drug_squad, "police", root, landline(&r, root, a), &u->squad, err) < 0)
		return -1;
	for (i = 0; i < (int)(sizeof(members) / sizeof(members[0])); i++) {
		const char *name = arena_printf(a, "%s%s%s", members[i].before, county,
						members[i].after);
		if (unit_add(db, name, "member", root, landline(&r, root, a), &id, err) < 0)
			return -1;
		if (members[i].which == 1)
			u->edu = id;
		else if (members[i].which == 2)
			u->health = id;
	}
	if (unit_add(db, arena_printf(a, "%s戒毒康复场所", county), "facility", root,
		     landline(&r, root, a), NULL, err) < 0)
		return -1;
	*count += 2 + (int)(sizeof(members) / sizeof(members[0]));

	u->government = arena_zalloc(a, sizeof(int64_t) * (size_t)h->ntowns);
	u->police = arena_zalloc(a, sizeof(int64_t) * (size_t)h->ntowns);
	u->station = arena_zalloc(a, sizeof(int64_t) * (size_t)h->ntowns);
	for (i = 0; i < h->ntowns; i++) {
		const struct demo_town *t = &h->towns[i];
		if (unit_add(db, t->police, "police", t->code, landline(&r, root, a),
			     &u->police[i], err) < 0 ||
		    unit_add(db, government_name(t->name, a), "township", t->code,
			     landline(&r, root, a), &u->government[i], err) < 0)
			return -1;
		*count += 2;
		if (!has_station(h, i))
			continue;
		if (unit_add(db, arena_printf(a, "%s社区戒毒（康复）工作站", t->name), "station",
			     t->code, landline(&r, root, a), &u->station[i], err) < 0)
			return -1;
		(*count)++;
	}
	return 0;
}

/* ---- users ---- */

enum demo_unit { U_OFFICE, U_SQUAD, U_EDU, U_HEALTH, U_GOVERNMENT, U_POLICE, U_STATION };

/* One account per role; town is an index into the county's towns, or -1
 * for the county itself. */
static const struct {
	const char *login, *role, *name, *phone;
	int town;
	enum demo_unit unit;
} demo_users[] = {
	{ "police", "police", "刘建华", "13907960118", -1, U_SQUAD },
	{ "officer", "officer", "曾晓燕", "13979651207", 0, U_GOVERNMENT },
	{ "officer", "officer", "罗志强", "15970683312", 1, U_GOVERNMENT },
	{ "officer", "officer", "郭文斌", "18879600426", 6, U_GOVERNMENT },
	{ "worker", "social_worker", "李婷", "18296115530", 0, U_STATION },
	{ "worker", "social_worker", "陈思雨", "15179621845", 6, U_STATION },
	{ "police", "police", "王伟", "13607961029", 0, U_POLICE },
	{ "member.edu", "member", "周敏", "13879601552", -1, U_EDU },
	{ "member.health", "member", "黄丽萍", "13970682071", -1, U_HEALTH },
	{ "leader", "leader", "张国庆", "13907961001", -1, U_OFFICE },
	{ "auditor", "auditor", "吴芳", "15807963360", -1, U_OFFICE },
};

/* Logins name the town in pinyin where we know it, else by its code. */
static const char *town_login(const char *base, const struct demo_town *t, struct arena *a)
{
	static const char *const pinyin[][2] = {
		{ "360825100", "enjiang" }, { "360825101", "kengtian" }, { "360825106", "shima" },
	};
	size_t i;
	for (i = 0; i < sizeof(pinyin) / sizeof(pinyin[0]); i++)
		if (!strcmp(t->code, pinyin[i][0]))
			return arena_printf(a, "%s.%s", base, pinyin[i][1]);
	return arena_printf(a, "%s.t%s", base, t->code + strlen(t->code) - 3);
}

static int64_t user_unit(const struct demo_units *u, enum demo_unit which, int town)
{
	switch (which) {
	case U_OFFICE:
		return u->office;
	case U_SQUAD:
		return u->squad;
	case U_EDU:
		return u->edu;
	case U_HEALTH:
		return u->health;
	case U_GOVERNMENT:
		return u->government[town];
	case U_POLICE:
		return u->police[town];
	case U_STATION:
		return u->station[town] ? u->station[town] : u->government[town];
	}
	return 0;
}

/* The township staff who get measures to follow, and the county police. */
static void note_staff(struct demo_history *h, const struct user *u, int town)
{
	struct demo_staff *st;

	if (town < 0) {
		if (!strcmp(u->role, "police"))
			h->police_user = u->id;
		return;
	}
	st = &h->staff[town];
	if ((!strcmp(u->role, "officer") || !strcmp(u->role, "social_worker")) && st->n < 2) {
		st->users[st->n] = u->id;
		st->names[st->n++] = u->name;
	}
}

static int add_users(struct db *db, const struct demo_county *c, const struct demo_units *units,
		     const char *password, struct demo_history *hist, struct arena *a,
		     struct demo_login **out, int *nout, struct buf *err)
{
	const struct demo_area *h = &c->home;
	int n = (int)(sizeof(demo_users) / sizeof(demo_users[0])), i, j, nl = 0;
	struct demo_login *l = arena_zalloc(a, sizeof(*l) * (size_t)(n + 1));

	l[nl].login = "admin";
	l[nl].role = "admin";
	l[nl].division_name = h->name;
	l[nl++].name = "系统管理员";
	for (i = 0; i < n; i++) {
		int town = demo_users[i].town < 0 ? -1 : demo_users[i].town % h->ntowns;
		const struct demo_town *t = town < 0 ? NULL : &h->towns[town];
		struct user u;

		memset(&u, 0, sizeof(u));
		u.login = t ? town_login(demo_users[i].login, t, a) : demo_users[i].login;
		for (j = 0; j < nl && strcmp(l[j].login, u.login); j++)
			;
		if (j < nl) /* a small county: two accounts would share a town */
			continue;
		u.name = demo_users[i].name;
		u.role = demo_users[i].role;
		u.division = t ? t->code : h->code;
		u.unit_id = user_unit(units, demo_users[i].unit, town);
		u.phone = demo_users[i].phone;
		u.lang = "zh";
		if (setup_user_add(db, &setup_cli_actor, &u, password, err) < 0)
			return -1;
		note_staff(hist, &u, town);
		l[nl].login = u.login;
		l[nl].role = u.role;
		l[nl].division_name = t ? t->name : h->name;
		l[nl++].name = u.name;
	}
	*out = l;
	*nout = nl;
	return 0;
}

/* ---- persons ---- */

/* ID numbers already used, as region * 10^11 + birth date * 10^3 + sequence
 * (never 0): open addressing, 8 bytes a person. */
struct idset {
	uint64_t *slot;
	size_t mask;
};

static void idset_init(struct idset *s, int persons)
{
	size_t cap = 1024;
	while (cap < (size_t)persons * 2)
		cap *= 2;
	s->slot = xcalloc(cap, sizeof(*s->slot));
	s->mask = cap - 1;
}

/* 1 when key was added, 0 when it was there already. */
static int idset_add(struct idset *s, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & s->mask;
	while (s->slot[i]) {
		if (s->slot[i] == key)
			return 0;
		i = (i + 1) & s->mask;
	}
	s->slot[i] = key;
	return 1;
}

static uint64_t id_key(const struct demo_id *id)
{
	return ((uint64_t)strtoul(id->region, NULL, 10) * 100000000u + (uint64_t)id->birth) *
		       1000u + (uint64_t)id->seq;
}

static int add_person(struct db *db, const struct demo_county *c, const struct demo_options *o,
		      long i, struct idset *ids, struct demo_history *h, struct arena *a,
		      struct buf *err)
{
	struct person p;
	struct demo_id id;
	struct demo_plan *plan;
	char number[19], masked[19];
	int tries;

	demo_person_make(c, o->seed, i, a, &p, &id);
	for (tries = 0; !idset_add(ids, id_key(&id)); tries++) {
		if (tries == 500) {
			buf_setf(err, "no free ID number for region '%s' born %d", id.region,
				 id.birth);
			return -1;
		}
		id.seq = demo_id_next_seq(id.seq);
	}
	demo_id_format(&id, number);
	idcard_mask(number, masked);
	p.id_number = number;
	p.id_masked = masked;
	plan = demo_history_plan(h, i, &p, a);
	if (store_person_add(db, &p, err) < 0)
		return -1;
	return demo_history_write(db, h, plan, &p, err);
}

/* Inside the open transaction; commits every DEMO_BATCH persons so a
 * province-sized run keeps the write-ahead log small. The strings and
 * histories of a few hundred persons at a time live in a scratch arena. */
static int add_persons(struct db *db, const struct demo_county *c, const struct demo_options *o,
		       struct demo_history *h, struct buf *err)
{
	struct arena scratch = ARENA_INIT;
	struct idset ids;
	long i;
	int ret = -1;

	idset_init(&ids, o->persons);
	for (i = 0; i < o->persons; i++) {
		if (add_person(db, c, o, i, &ids, h, &scratch, err) < 0)
			goto out;
		if ((i + 1) % 200 == 0)
			arena_release(&scratch);
		if ((i + 1) % DEMO_BATCH == 0 && i + 1 < o->persons &&
		    (db_commit(db, err) < 0 || db_begin(db, err) < 0))
			goto out;
	}
	ret = 0;
out:
	arena_release(&scratch);
	free(ids.slot);
	return ret;
}

/* Drug cases: one for every twenty persons, at least two at each step of
 * the pipeline, at most 400. */
static int add_cases(struct db *db, const struct demo_county *c, const struct demo_options *o,
		     const struct demo_units *u, struct demo_history *h, struct arena *a,
		     struct buf *err)
{
	struct demo_case_setting set;

	memset(&set, 0, sizeof(set));
	set.seed = o->seed;
	set.cases = o->persons / 20;
	set.cases = set.cases < 16 ? 16 : set.cases > 400 ? 400 : set.cases;
	set.squad = u->squad;
	set.police = u->police;
	set.user = h->police_user;
	return demo_cases(db, c, &set, &h->stats, a, err);
}

/* The histories' setting: staff per town, the police's name for documents. */
static int history_init(struct db *db, struct demo_history *h, const struct demo_county *c,
			const struct demo_units *u, unsigned long seed, struct arena *a,
			struct buf *err)
{
	const char *name = c->home.name;
	size_t n = 1;
	int i;

	memset(h, 0, sizeof(*h));
	if (control_policy(db, &h->policy, err) < 0)
		return -1;
	h->c = c;
	h->seed = seed;
	h->staff = arena_zalloc(a, sizeof(*h->staff) * (size_t)(c->home.ntowns ? c->home.ntowns : 1));
	for (i = 0; i < c->home.ntowns; i++)
		h->staff[i].unit = u->station[i] ? u->station[i] : u->government[i];
	h->authority = arena_printf(a, "%s公安局", name);
	/* the first character, UTF-8: "永丰县" -> "永" */
	while (name[n] && ((unsigned char)name[n] & 0xc0) == 0x80)
		n++;
	h->short_name = arena_strndup(a, name, n);
	h->doc_base = c->today / 10000 - (DEMO_DOC_YEARS - 2);
	return 0;
}

/* One import entry per kind of record the histories wrote. */
static int audit_histories(struct db *db, const struct demo_stats *s, const char *root,
			   struct arena *a, struct buf *err)
{
	const struct {
		const char *entity, *what;
		long n;
	} kinds[] = {
		{ "measure", arena_printf(a, "项戒毒措施（%ld 条执行记录）", s->events), s->measures },
		{ "drug_test", "条检测记录", s->tests },
		{ "contact", "条走访、谈话和报告记录", s->contacts },
		{ "absence", "条离开县域记录", s->absences },
		{ "control_flag", "条复吸、失控和违反协议标记", s->flags },
		{ "assistance", "条帮扶记录", s->assistance },
		{ "methadone_month", "个月的美沙酮服药记录", s->methadone_months },
		{ "case", arena_printf(a, "起毒品案件（缴获 %ld 宗，公开销毁 %ld 次，毒资和涉毒资产 %ld 项）",
				       s->seizures, s->destructions, s->assets), s->cases },
		{ "case_suspect", arena_printf(a, "名犯罪嫌疑人（其中新建人员档案 %ld 人）",
					       s->suspect_files), s->suspects },
		{ "net_link", "条同案关系（同一案件的犯罪嫌疑人之间）", s->case_links },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].n &&
		    audit_log(db, &setup_cli_actor, "import", kinds[i].entity, "", root,
			      arena_printf(a, "演示数据：%ld %s", kinds[i].n, kinds[i].what), NULL,
			      err) < 0)
			return -1;
	return 0;
}

int demo_build(struct db *db, const struct demo_options *o, struct arena *a,
	       struct demo_login **logins, int *nlogins, struct buf *err)
{
	struct demo_options opt = *o;
	struct demo_county c;
	struct demo_units units;
	struct demo_history *h = arena_zalloc(a, sizeof(*h));
	const char *summary;
	int nunits;

	if (opt.persons < 0) {
		buf_setf(err, "the number of persons must not be negative");
		return -1;
	}
	if (!opt.root)
		opt.root = "360825";
	if (!opt.password)
		opt.password = DEMO_PASSWORD;
	if (division_level(opt.root) != 3) {
		buf_setf(err, "the demo needs a county code such as '360825', not '%s'", opt.root);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.today = opt.today ? opt.today : ymd_today();
	if (setup_database(db, opt.root, opt.password, err) < 0 ||
	    load_county(db, opt.root, a, &c, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	if (add_units(db, &c, opt.seed, a, &units, &nunits, err) < 0)
		goto fail;
	summary = arena_printf(a, "演示数据：%d 个单位", nunits);
	if (audit_log(db, &setup_cli_actor, "import", "unit", "", opt.root, summary, NULL,
		      err) < 0 ||
	    history_init(db, h, &c, &units, opt.seed, a, err) < 0 ||
	    add_users(db, &c, &units, opt.password, h, a, logins, nlogins, err) < 0 ||
	    add_persons(db, &c, &opt, h, err) < 0 || add_cases(db, &c, &opt, &units, h, a, err) < 0)
		goto fail;
	summary = arena_printf(a, "演示数据：%d 名人员", opt.persons);
	if (audit_log(db, &setup_cli_actor, "import", "person", "", opt.root, summary, NULL,
		      err) < 0 ||
	    audit_histories(db, &h->stats, opt.root, a, err) < 0 || db_commit(db, err) < 0)
		goto fail;
	if (demo_network(db, &c, opt.seed, opt.persons, h->police_user, a, err) < 0 ||
	    demo_feeds(db, &c, opt.seed, a, err) < 0)
		return -1;
	if (opt.stats)
		*opt.stats = h->stats;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
