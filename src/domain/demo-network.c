/* demo-network.c - the demo county's networks: a trafficking ring, two pairs and a street seller with their buyers. */
#include <inttypes.h>
#include <string.h>

#include "domain/demo.h"
#include "domain/network.h"
#include "domain/setup.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

/*
 * Four networks, as the county's police would have recorded them from
 * their cases, dated back from the reference date:
 *
 *   a ring of eight (贩毒团伙): a supplier in 东莞 sends parcels to the
 *     organiser's address and is paid by bank transfer; the organiser
 *     and his partner (a registered drug user) live together, a driver
 *     moves the drugs in the organiser's car, four street sellers (two of
 *     them registered users) call the organiser and pay his partner by
 *     WeChat; five of them were caught together (同案);
 *   two registered users living together and calling each other;
 *   a registered user buying online: parcels from a seller's phone, paid
 *     from account to account;
 *   a street seller (零包) and two registered users who call him.
 *
 * Registered users are persons on file in the county with their file
 * open, taken in id order from a point the seed chooses; with no files
 * (a demo of no persons) the networks hold persons not on file only.
 */

#define STREAM 0x6e6574776f726bULL /* "network" */

struct demo_net {
	struct db *db;
	struct arena *a;
	struct demo_rng r;
	struct actor who;       /* the county's office, as the command line */
	const struct demo_county *c;
	int today;
	int64_t created_by;     /* the county's police user (0: none) */
	int64_t next_file;      /* the next person id to try as a registered user */
	int64_t files;          /* persons on file: ids 1..files */
	const char *division;   /* where the current case's links are recorded */
	const char *case_no;    /* "" for links not from a case */
	long links, entities;
};

static int rnd(struct demo_net *d, int n)
{
	return n > 0 ? demo_rng_below(&d->r, n) : 0;
}

static int day_back(struct demo_net *d, int from_days, int to_days)
{
	return ymd_add_days(d->today, -(from_days + rnd(d, to_days - from_days + 1)));
}

/* Adds e when it is new, counting it. */
static int keep(struct demo_net *d, struct net_entity *e, struct buf *err)
{
	int added = !e->id;
	if (network_end_add(d->db, &d->who, e, d->division, 0, err) < 0)
		return -1;
	d->entities += added;
	return 0;
}

/* An entity of kind with value (found or added). */
static int thing(struct demo_net *d, const char *kind, const char *value, struct net_entity *out,
		 struct buf *err)
{
	struct net_entity_input in = { 0, 0, kind, value, "", "" };
	struct field_error errs[NET_MAX_ERRORS];
	int nerr = 0;

	if (network_end_find(d->db, &d->who, &in, "", d->a, out, errs, &nerr, err) < 0)
		return -1;
	if (nerr) {
		buf_setf(err, "demo network: %s '%s': %s", kind, value, errs[0].message);
		return -1;
	}
	return keep(d, out, err);
}

/* The next registered user with an open file, or 0 when there is none. */
static int64_t next_file(struct demo_net *d, struct buf *err)
{
	struct person p;
	int64_t tries;

	for (tries = 0; tries < d->files; tries++) {
		int64_t id = d->next_file;
		int rc;
		d->next_file = d->next_file % d->files + 1;
		rc = store_person_get(d->db, id, d->a, &p, err);
		if (rc < 0)
			return -1;
		if (rc == 0 && !p.closed_date && division_in(p.division, d->who.prefix))
			return id;
	}
	return 0;
}

/* A person: a registered user's file when on_file and there is one, else
 * someone not on file, born in region around byear. */
static int person(struct demo_net *d, int on_file, int male, int byear, const char *region,
		  struct net_entity *out, struct buf *err)
{
	struct net_entity_input in = { 0, 0, "person", NULL, NULL, "" };
	struct field_error errs[NET_MAX_ERRORS];
	struct demo_id id;
	char number[19], hash[65];
	int64_t file = on_file ? next_file(d, err) : 0, other;
	int nerr = 0, rc, tries;

	if (file < 0)
		return -1;
	if (file) {
		in.person_id = file;
	} else {
		id.region = region;
		id.birth = (byear + rnd(d, 3)) * 10000 + (1 + rnd(d, 12)) * 100 + 1 + rnd(d, 28);
		id.seq = 900 + rnd(d, 49) * 2 + (male ? 1 : 0);
		/* someone on file already is not this stranger */
		for (tries = 0;; tries++) {
			demo_id_format(&id, number);
			store_id_hash(db_store(d->db), number, hash);
			rc = store_person_id_by_hash(d->db, hash, &other, err);
			if (rc < 0)
				return -1;
			if (rc == STORE_NOTFOUND || tries == 50)
				break;
			id.seq = demo_id_next_seq(id.seq);
		}
		in.value = arena_strdup(d->a, number);
		in.name = demo_name(&d->r, male, byear, d->a);
	}
	if (network_end_find(d->db, &d->who, &in, "", d->a, out, errs, &nerr, err) < 0)
		return -1;
	if (nerr) {
		buf_setf(err, "demo network: person: %s", errs[0].message);
		return -1;
	}
	return keep(d, out, err);
}

/* A link of kind from one to the other, on a day or over a range. */
static int tie(struct demo_net *d, const struct net_entity *from, const struct net_entity *to,
	       const char *kind, int date_from, int date_to, const char *note, struct buf *err)
{
	struct net_link l;
	const char *why = net_link_check(kind, (enum net_kind)net_kind_of(from->kind),
					 (enum net_kind)net_kind_of(to->kind));
	if (why) {
		buf_setf(err, "demo network: %s from %s to %s: %s", kind, from->kind, to->kind, why);
		return -1;
	}
	memset(&l, 0, sizeof(l));
	l.from_id = from->id;
	l.to_id = to->id;
	l.kind = kind;
	l.date_from = date_from;
	l.date_to = date_to ? date_to : date_from;
	l.case_no = d->case_no;
	l.source = *d->case_no ? "case" : "entered";
	l.division = d->division;
	l.note = note ? note : "";
	l.created_by = d->created_by;
	if (store_net_link_add(d->db, &l, err) < 0)
		return -1;
	d->links++;
	return 0;
}

/* A bank card number of the big banks' ranges (19 digits). */
static const char *card(struct demo_net *d)
{
	static const char *const bins[] = { "621700", "622202", "622848", "621661", "622588" };
	return arena_printf(d->a, "%s%06d%07d", bins[rnd(d, 5)], rnd(d, 1000000), rnd(d, 10000000));
}

static const char *wechat(struct demo_net *d)
{
	static const char letters[] = "abcdefghjkmnpqrstuvwxyz23456789";
	char id[11];
	int i;
	for (i = 0; i < 10; i++)
		id[i] = letters[rnd(d, (int)sizeof(letters) - 1)];
	id[10] = '\0';
	return arena_printf(d->a, "wxid_%s", id);
}

/* An address in a town of the county: "江西省吉安市永丰县恩江镇永丰大道 128 号". */
static const char *address(struct demo_net *d, const struct demo_town *t)
{
	static const char *const streets[] = { "永丰大道", "恩江路", "沿江路", "建设路", "城南大道" };
	return arena_printf(d->a, "%s%s%d号", t->address, streets[rnd(d, 5)], 1 + rnd(d, 260));
}

/* The town a person's file is in, or the first one. */
static const struct demo_town *town_of(struct demo_net *d, const char *division)
{
	int i;
	for (i = 0; division && i < d->c->home.ntowns; i++)
		if (!strncmp(d->c->home.towns[i].code, division, 9))
			return &d->c->home.towns[i];
	return &d->c->home.towns[0];
}

/* ---- the ring ---- */

enum { SUPPLIER, BOSS, PARTNER, DRIVER, SELLERS, NRING = SELLERS + 4 };

static int ring(struct demo_net *d, struct buf *err)
{
	struct net_entity p[NRING], phone[NRING], car, home, bank_boss, bank_supplier, wx_partner,
		wx_seller;
	int start = day_back(d, 240, 270), caught = day_back(d, 60, 90), i, k;

	d->division = d->c->home.code;
	d->case_no = arena_printf(d->a, "永公（禁）立字〔%d〕%03d号", caught / 10000, 11 + rnd(d, 40));
	if (person(d, 0, 1, 1981, "441900", &p[SUPPLIER], err) < 0 ||
	    person(d, 0, 1, 1986, d->c->home.code, &p[BOSS], err) < 0 ||
	    person(d, 1, 0, 1990, d->c->home.code, &p[PARTNER], err) < 0 ||
	    person(d, 0, 1, 1993, "360824", &p[DRIVER], err) < 0)
		return -1;
	for (i = SELLERS; i < NRING; i++)
		if (person(d, i < SELLERS + 2, 1, 1988 + 2 * (i - SELLERS), d->c->home.code, &p[i],
			   err) < 0)
			return -1;
	for (i = 0; i < NRING; i++)
		if (thing(d, "phone", demo_phone(&d->r, d->a), &phone[i], err) < 0 ||
		    tie(d, &p[i], &phone[i], "holds", 0, 0, NULL, err) < 0)
			return -1;
	/* they live in the partner's township */
	if (thing(d, "vehicle", arena_printf(d->a, "赣D%c%04d", "ABCDEFGHJK"[rnd(d, 10)],
					     rnd(d, 10000)), &car, err) < 0 ||
	    thing(d, "address", address(d, town_of(d, p[PARTNER].person_division)), &home, err) < 0 ||
	    thing(d, "bank_account", card(d), &bank_boss, err) < 0 ||
	    thing(d, "bank_account", card(d), &bank_supplier, err) < 0 ||
	    thing(d, "online_account", wechat(d), &wx_partner, err) < 0 ||
	    thing(d, "online_account", wechat(d), &wx_seller, err) < 0)
		return -1;
	/* who holds what, who lives where */
	if (tie(d, &p[BOSS], &car, "holds", 0, 0, "登记车主为其亲属", err) < 0 ||
	    tie(d, &p[BOSS], &bank_boss, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &p[SUPPLIER], &bank_supplier, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &p[PARTNER], &wx_partner, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &p[SELLERS + 3], &wx_seller, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &p[BOSS], &home, "lives", start, 0, NULL, err) < 0 ||
	    tie(d, &p[PARTNER], &home, "lives", start, 0, NULL, err) < 0 ||
	    tie(d, &p[BOSS], &p[PARTNER], "cohabit", start, caught, NULL, err) < 0 ||
	    tie(d, &p[DRIVER], &car, "same_vehicle", start, caught, "多次驾驶该车往返吉安", err) < 0 ||
	    tie(d, &p[BOSS], &p[DRIVER], "together", day_back(d, 100, 140), 0, "同住吉安某宾馆",
		err) < 0)
		return -1;
	/* a parcel every few weeks, paid for by transfer a day or two before */
	for (k = 0; k < 4; k++) {
		int day = ymd_add_days(start, 20 + k * 40 + rnd(d, 10));
		if (tie(d, &bank_boss, &bank_supplier, "transfer", ymd_add_days(day, -2), 0,
			arena_printf(d->a, "转账 %d 元", (3 + rnd(d, 6)) * 5000), err) < 0 ||
		    tie(d, &phone[SUPPLIER], &home, "parcel", day, 0, "寄件品名：茶叶", err) < 0)
			return -1;
	}
	/* calls over the months, sellers paying the partner */
	if (tie(d, &phone[BOSS], &phone[SUPPLIER], "call", start, caught, "通话 46 次", err) < 0 ||
	    tie(d, &phone[BOSS], &phone[DRIVER], "call", start, caught, "通话 120 余次", err) < 0 ||
	    tie(d, &phone[PARTNER], &phone[BOSS], "call", start, caught, NULL, err) < 0)
		return -1;
	for (i = SELLERS; i < NRING; i++)
		if (tie(d, &phone[i], &phone[BOSS], "call", day_back(d, 150, 200), caught,
			arena_printf(d->a, "通话 %d 次", 8 + rnd(d, 30)), err) < 0 ||
		    (i % 2 && tie(d, &phone[i], &phone[PARTNER], "call", day_back(d, 120, 150),
				  caught, NULL, err) < 0))
			return -1;
	if (tie(d, &wx_seller, &wx_partner, "transfer", day_back(d, 90, 110), 0, "微信转账 1200 元",
		err) < 0)
		return -1;
	/* caught together: the organiser, his partner, the driver, two sellers */
	{
		static const int caught_ones[] = { PARTNER, DRIVER, SELLERS, SELLERS + 1 };
		for (k = 0; k < 4; k++)
			if (tie(d, &p[BOSS], &p[caught_ones[k]], "same_case", caught, 0, NULL, err) < 0)
				return -1;
	}
	return 0;
}

/* ---- the small ones ---- */

/* Two registered users of one township living together. */
static int pair(struct demo_net *d, struct buf *err)
{
	struct net_entity a, b, pa, pb;
	int since = day_back(d, 300, 500);

	d->case_no = "";
	d->division = d->c->home.code;
	if (person(d, 1, 1, 1984, d->c->home.code, &a, err) < 0)
		return -1;
	/* recorded by the township of the first one's file */
	d->division = town_of(d, a.person_division)->code;
	if (person(d, 1, 0, 1987, d->c->home.code, &b, err) < 0 ||
	    thing(d, "phone", demo_phone(&d->r, d->a), &pa, err) < 0 ||
	    thing(d, "phone", demo_phone(&d->r, d->a), &pb, err) < 0 ||
	    tie(d, &a, &b, "cohabit", since, 0, "走访发现二人同居", err) < 0 ||
	    tie(d, &a, &pa, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &b, &pb, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &pa, &pb, "call", day_back(d, 30, 90), day_back(d, 1, 20), NULL, err) < 0)
		return -1;
	return 0;
}

/* A registered user buying online: parcels from the seller's phone, paid
 * from one WeChat account to the other. */
static int online(struct demo_net *d, struct buf *err)
{
	struct net_entity buyer, phone, seller_phone, wx_buyer, wx_seller, home;
	int day = day_back(d, 40, 80);

	d->division = d->c->home.code;
	d->case_no = arena_printf(d->a, "永公（禁）立字〔%d〕%03d号", day / 10000, 51 + rnd(d, 40));
	if (person(d, 1, 1, 1995, d->c->home.code, &buyer, err) < 0 ||
	    thing(d, "phone", demo_phone(&d->r, d->a), &phone, err) < 0 ||
	    thing(d, "phone", arena_printf(d->a, "1%d%08d", 70 + rnd(d, 2), rnd(d, 100000000)),
		  &seller_phone, err) < 0 ||
	    thing(d, "online_account", wechat(d), &wx_buyer, err) < 0 ||
	    thing(d, "online_account", wechat(d), &wx_seller, err) < 0 ||
	    thing(d, "address", address(d, town_of(d, buyer.person_division)), &home, err) < 0 ||
	    tie(d, &buyer, &phone, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &buyer, &wx_buyer, "holds", 0, 0, NULL, err) < 0 ||
	    tie(d, &buyer, &home, "lives", 0, 0, NULL, err) < 0 ||
	    tie(d, &wx_buyer, &wx_seller, "transfer", ymd_add_days(day, -3), 0, "微信转账 800 元",
		err) < 0 ||
	    tie(d, &seller_phone, &phone, "parcel", day, 0, "寄递渠道查获：邮包内夹藏冰毒 3.2 克",
		err) < 0)
		return -1;
	return 0;
}

/* A street seller (零包) and two registered users who call him. */
static int street(struct demo_net *d, struct buf *err)
{
	struct net_entity seller, phone, buyer[2], bphone[2];
	int i, day = day_back(d, 20, 50);

	d->division = d->c->home.towns[d->c->home.ntowns > 1 ? 1 : 0].code;
	d->case_no = arena_printf(d->a, "永公（禁）立字〔%d〕%03d号", day / 10000, 91 + rnd(d, 40));
	if (person(d, 0, 1, 1979, d->c->home.code, &seller, err) < 0 ||
	    thing(d, "phone", demo_phone(&d->r, d->a), &phone, err) < 0 ||
	    tie(d, &seller, &phone, "holds", 0, 0, NULL, err) < 0)
		return -1;
	for (i = 0; i < 2; i++)
		if (person(d, 1, 1, 1983 + 5 * i, d->c->home.code, &buyer[i], err) < 0 ||
		    thing(d, "phone", demo_phone(&d->r, d->a), &bphone[i], err) < 0 ||
		    tie(d, &buyer[i], &bphone[i], "holds", 0, 0, NULL, err) < 0 ||
		    tie(d, &bphone[i], &phone, "call", ymd_add_days(day, -30), day,
			arena_printf(d->a, "通话 %d 次", 3 + rnd(d, 9)), err) < 0 ||
		    tie(d, &seller, &buyer[i], "same_case", day, 0, "零包贩卖", err) < 0)
			return -1;
	return 0;
}

int demo_network(struct db *db, const struct demo_county *c, unsigned long seed, int persons,
		 int64_t police_user, struct arena *a, struct buf *err)
{
	struct demo_net d;
	char prefix[13];

	if (!c->home.ntowns)
		return 0;
	memset(&d, 0, sizeof(d));
	d.db = db;
	d.a = a;
	d.c = c;
	d.today = c->today;
	d.created_by = police_user;
	d.files = persons;
	demo_rng_seed(&d.r, seed, STREAM);
	d.next_file = persons ? 1 + rnd(&d, persons) : 0;
	d.who = setup_cli_actor;
	division_prefix(c->home.code, prefix);
	d.who.prefix = prefix;
	if (db_begin(db, err) < 0)
		return -1;
	if (ring(&d, err) < 0 || pair(&d, err) < 0 || online(&d, err) < 0 || street(&d, err) < 0 ||
	    audit_log(db, &setup_cli_actor, "import", "net_link", "", c->home.code,
		      arena_printf(a, "演示数据：%ld 条关系，%ld 个实体", d.links, d.entities), NULL,
		      err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}
