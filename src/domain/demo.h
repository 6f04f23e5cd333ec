/* demo.h - a realistic, deterministic demo county: units, users, person files and their histories. */
#ifndef JINDU_DEMO_H
#define JINDU_DEMO_H

#include <stdint.h>

#include "domain/policy.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "store/store.h"

/* What the histories wrote, counted as they are written. */
struct demo_stats {
	long measures, events, tests, contacts, absences, flags, assistance, methadone_months;
	long measure_kind[5];   /* by enum measure_kind */
	long measure_status[4]; /* decided, active, suspended, ended */
	long person_status[8];  /* in the order of person_control_statuses */
	/* Both 0 unless the demo has a bug: steps the measure rules refused,
	 * and persons whose status as derived by control_refresh differs from
	 * the one their history was made for (the first such message kept). */
	long refused, mismatched;
	char first_problem[256];
	/* 毒品案件 (demo-cases.c) */
	long cases, case_status[8];   /* by enum case_status */
	long case_grade[4];           /* 未定级, 一般, 重大, 特大 */
	long seizures, destructions, destroyed, assets;
	long suspects, suspect_files; /* suspect_files: person files made for suspects */
	long registered_suspects, outflow_suspects;
	long case_links;              /* 同案 links between co-suspects */
};

/*
 * Everything the demo writes follows from these options: the same options
 * on the same reference date give byte-identical names, ID numbers and
 * dates. Person number i depends only on the seed and i (apart from the
 * rare sequence-number bump that keeps ID numbers unique), so a bigger
 * --persons run starts with the same people as a smaller one.
 */
struct demo_options {
	unsigned long seed;   /* default 1 */
	const char *password; /* password of every demo user; default "jindu-demo-2026" */
	int persons;          /* default 1500 */
	const char *root;     /* county code, default "360825" (江西省吉安市永丰县) */
	int today;            /* reference date YYYYMMDD; 0: ymd_today() (JINDU_TODAY) */
	struct demo_stats *stats; /* when set, filled with what the histories wrote */
};

#define DEMO_PASSWORD "jindu-demo-2026"

/* Sets the defaults above. */
void demo_options_init(struct demo_options *o);

/* One demo account, for printing: role is the key (role_from_key). */
struct demo_login {
	const char *login, *role, *division_name, *name;
};

/*
 * Builds the demo county into an empty, migrated database: calls
 * setup_database itself (its own transaction; admin gets the demo
 * password), then adds the county's units, one user per role and
 * o->persons person files, each with five years of control history
 * (measures, tests, contacts, absences, flags, assistance, a year of
 * methadone months for those enrolled; see
 * demo-history.c) from which control_refresh derives risk, clean clock and
 * control status. Audited as the command line: one "import" entry per kind
 * of record. Up to DEMO_BATCH persons all of that is one transaction;
 * larger runs commit every DEMO_BATCH persons, so on failure the caller
 * should discard the database. Memory stays flat however many persons are
 * asked for (8 bytes a person to keep ID numbers unique). Fills *logins
 * (allocated in a, admin first) with the demo users. Returns 0, or -1 with
 * err.
 */
#define DEMO_BATCH 10000
int demo_build(struct db *db, const struct demo_options *o, struct arena *a,
	       struct demo_login **logins, int *nlogins, struct buf *err);

/* ---- internals shared by demo.c, demo-person.c and demo-names.c ---- */

/* xoshiro256** seeded through splitmix64: the same numbers on every platform. */
struct demo_rng {
	uint64_t s[4];
};
/* Independent streams: person i uses stream i, the units another one. */
void demo_rng_seed(struct demo_rng *r, unsigned long seed, uint64_t stream);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in 0..n-1 (n > 0). */
int demo_rng_below(struct demo_rng *r, int n);
/* 1 with probability permille / 1000. */
int demo_rng_chance(struct demo_rng *r, int permille);

/* A full name for a person of that sex and birth year (arena a). */
const char *demo_name(struct demo_rng *r, int male, int birth_year, struct arena *a);
/* A plausible 11-digit mobile number (arena a). */
const char *demo_phone(struct demo_rng *r, struct arena *a);
/* A nickname (绰号), sometimes from the given name (arena a). */
const char *demo_alias(struct demo_rng *r, const char *name, struct arena *a);
/* A family contact of the person of that name, sex, birth year and age:
 * "母亲 刘桂英 13979651207" (arena a). */
const char *demo_family(struct demo_rng *r, const char *name, int male, int birth_year, int age,
			struct arena *a);

/* A village or community, with the short form used in addresses. */
struct demo_village {
	const char *code;  /* 12 digits */
	const char *place; /* "石桥村", "八一社区", "" for statistical placeholders */
	int rural;         /* 1: addresses end in 组, 0: in 号 */
};
struct demo_town {
	const char *code, *name;
	const char *address;  /* path for addresses: "江西省吉安市永丰县恩江镇" */
	const char *police;   /* its 派出所: "恩江派出所" */
	struct demo_village *villages;
	int nvillages;
	int weight;           /* share of the county's persons */
};
/* A county: the demo's own, or one that other persons' ID numbers come from. */
struct demo_area {
	const char *code, *name, *path;
	struct demo_town *towns;
	int ntowns;
	int total_weight;      /* sum of the towns' weights */
	int weight;            /* share among the non-local areas */
	int permille_minority; /* persons of the area's main minority */
	const char *minority;
};
/* Everything person generation needs, read from the store once. */
struct demo_county {
	struct demo_area home;
	struct demo_area *others; /* where non-local ID numbers come from */
	int nothers;
	int others_weight;
	const char *drug_squad; /* 县公安局禁毒大队 */
	int today;              /* reference date */
};

/* "石桥村委会" -> "石桥村", "八一居委会" -> "八一社区"; strips the town's name. */
const char *demo_village_place(const char *name, const char *town, int *rural,
			       struct arena *a);
/* "恩江镇" -> "恩江", "龙冈畲族乡" -> "龙冈", "永丰县工业园区" -> "工业园区". */
const char *demo_town_short(const char *name, const char *county, struct arena *a);
/* The share of persons for the town at index i of n with that many villages. */
int demo_town_weight(const char *code, int index, int nvillages);

/* Non-local ID regions: codes and weights, ending with a NULL code. */
struct demo_region {
	const char *code;
	int weight;
	int permille_minority;
	const char *minority;
};
extern const struct demo_region demo_regions[];

/* The parts of a generated ID number, so the caller can keep them unique. */
struct demo_id {
	const char *region; /* 6 digits */
	int birth;          /* YYYYMMDD */
	int seq;            /* 0..999, odd for men */
};
/* Writes the 18-character number with its check character. */
void demo_id_format(const struct demo_id *id, char out[19]);
/* Sequence numbers for one (region, birth date) with the same sex, in the
 * order tried after seq is taken: seq+2, seq+4, ... wrapping within 0..999. */
int demo_id_next_seq(int seq);

/* Person number i: every field except id_number and id_masked, which the
 * caller formats from *id once the number is known to be unique. Strings
 * live in a. */
void demo_person_make(const struct demo_county *c, unsigned long seed, long i, struct arena *a,
		      struct person *p, struct demo_id *id);

/* ---- histories (demo-history.c; what its files share is in demo-plan.h) ---- */

/* Who does the township's work: its officer and social worker (when the
 * demo has them there) and the unit running community treatment. */
struct demo_staff {
	int64_t unit;         /* station, else the township government */
	int64_t users[2];
	const char *names[2];
	int n;
};

/* Decision numbers run per year and kind of document, in the order the
 * persons are made, so a smaller run numbers its persons the same way. */
#define DEMO_DOC_YEARS 16
#define DEMO_DOC_KINDS 8

struct demo_history {
	const struct demo_county *c;
	struct policy policy;       /* policy_defaults: a new database has no other */
	unsigned long seed;
	int64_t police_user;        /* 禁毒大队: decisions, flags where no township staff */
	struct demo_staff *staff;   /* per town of c->home */
	const char *authority;      /* "永丰县公安局" */
	const char *short_name;     /* "永", as in 永公（禁）决字 */
	int doc_base;               /* the year of doc_seq[0] */
	int doc_seq[DEMO_DOC_YEARS][DEMO_DOC_KINDS];
	struct demo_stats stats;
};

struct demo_plan;

/*
 * 毒品案件 (demo-cases.c): `cases` cases accepted over the three years
 * before the reference date, the first eight at each step of the pipeline
 * today (受理 ... 判决, 撤案), the others as far as their dates got; their
 * seizures spread over the grades (零包 to 特大), suspects linked to the
 * county's registered drug users now and then and otherwise new files
 * (some caught elsewhere: 外流贩毒), coercive measures and judgments,
 * assets, and the yearly public destruction on 26 June. Every record is
 * checked by the rules of case.h first (a refusal is counted in
 * stats->refused). Inside the open transaction; no audit entries.
 */
struct demo_case_setting {
	unsigned long seed;
	int cases;
	int64_t squad;          /* 禁毒大队: county-level cases */
	const int64_t *police;  /* per town of c->home: its 派出所 */
	int64_t user;           /* who recorded them */
};
int demo_cases(struct db *db, const struct demo_county *c, const struct demo_case_setting *set,
	       struct demo_stats *stats, struct arena *a, struct buf *err);
/* Networks (demo-network.c): a trafficking ring of eight, two pairs and a
 * street seller with his buyers, linked to registered users' files among
 * the first `persons` ids where it makes sense; recorded by the county's
 * police (police_user). One transaction, one audit entry. */
int demo_network(struct db *db, const struct demo_county *c, unsigned long seed, int persons,
		 int64_t police_user, struct arena *a, struct buf *err);

/* Partner feeds (demo-feeds.c): three sources, a month of events for some
 * of the watched persons (some seen in another township) and for people not
 * watched, ingested as partners would send them; alerts then in every
 * state. Runs its own transactions. */
int demo_feeds(struct db *db, const struct demo_county *c, unsigned long seed, struct arena *a,
	       struct buf *err);

/*
 * Plans the history of person number i (already made by demo_person_make)
 * in a, and makes the person's derived fields agree with it: addiction date
 * and document, and the control status when the history cannot lead to the
 * one drawn (e.g. compulsory treatment for someone found yesterday). Call
 * before the person is stored. Depends only on h's seed, i, the person and
 * the decision numbers handed out before.
 */
struct demo_plan *demo_history_plan(struct demo_history *h, long i, struct person *p,
				    struct arena *a);

/*
 * Writes the planned records of person p (p->id set) and calls
 * control_refresh, then counts what it wrote into h->stats, noting a person
 * whose derived status differs from the plan. Inside the open transaction;
 * no audit entries (demo_build logs one per kind). Returns 0 or -1 with err.
 */
int demo_history_write(struct db *db, struct demo_history *h, struct demo_plan *pl,
		       const struct person *p, struct buf *err);

#endif
