/* demo-history.c - a demo person's control history: planned from the record, then written. */
#include "demo-plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/control.h"
#include "domain/person.h"
#include "domain/setup.h"

/*
 * A history is planned backwards from the person's record. The control
 * status says what must be under way on the reference date (community
 * treatment or rehabilitation, compulsory treatment, a suspension, an open
 * 脱管失控 flag, a clean clock run out); the years between the first finding
 * and that measure are filled with what the law lets come before it
 * (禁毒法 Arts 33, 38, 47, 48): community treatment first; compulsory
 * treatment after a relapse, a refusal or a serious violation, or at once
 * for the severely addicted; rehabilitation after compulsory treatment.
 * Every step goes through measure_check_new and measure_apply, so the demo
 * holds only what a user could have entered. Tests, visits and talks follow
 * the obligation schedule of each measure in the last five years, at the
 * risk level control_refresh will derive from the same records.
 * Probabilities are per mille.
 */

#define STREAM (UINT64_C(1) << 62) /* histories draw from streams of their own */

void demo_problem(struct demo_plan *pl, const char *what, const char *why)
{
	pl->refused++;
	if (!pl->problem[0])
		snprintf(pl->problem, sizeof(pl->problem), "person born %d, %s: %s",
			 pl->p->birth_date, what, why);
}

const char *demo_doc_no(struct demo_plan *pl, enum doc kind, int date)
{
	static const char *const words[] = { "（禁）决字", "（强戒）决字", "（康）决字", "（禁）认字",
					     "（禁）解字", "（强戒）提解字", "（强戒）延字" };
	struct demo_history *h = pl->h;
	int y = date / 10000, k = y - h->doc_base;

	k = k < 0 ? 0 : k >= DEMO_DOC_YEARS ? DEMO_DOC_YEARS - 1 : k;
	return arena_printf(pl->a, "%s公%s〔%d〕%d号", h->short_name, words[kind], y,
			    ++h->doc_seq[k][kind]);
}

/* ---- the plan ---- */

static const struct demo_staff *staff_of(const struct demo_history *h, const char *division,
					 const char **town, const char **police)
{
	static const struct demo_staff none;
	const struct demo_area *home = &h->c->home;
	int i;

	for (i = 0; i < home->ntowns; i++)
		if (!strncmp(division, home->towns[i].code, strlen(home->towns[i].code))) {
			*town = home->towns[i].name;
			*police = home->towns[i].police;
			return &h->staff[i];
		}
	*town = home->name;
	*police = h->c->drug_squad;
	return &none;
}

/* The plan's fixed facts: dates, staff and what the record says of the person. */
static void plan_init(struct demo_plan *pl, struct demo_history *h, long i, struct person *p,
		      struct arena *a)
{
	const char *police;

	pl->h = h;
	pl->p = p;
	pl->a = a;
	demo_rng_seed(&pl->r, h->seed, STREAM + (uint64_t)i);
	pl->today = h->c->today;
	pl->until = p->closed_date ? p->closed_date : pl->today;
	pl->window = ymd_add_months(pl->today, -60);
	pl->found = p->first_found_date;
	pl->staff = staff_of(h, p->division, &pl->town, &police);
	if (pl->staff->n >= 2)
		pl->tester = arena_printf(a, "%s、%s", pl->staff->names[0], pl->staff->names[1]);
	else if (pl->staff->n)
		pl->tester = arena_printf(a, "%s、%s民警", pl->staff->names[0], police);
	else
		pl->tester = arena_printf(a, "%s民警", police);
	pl->severe = !strcmp(p->addiction, "severe");
	pl->heroin = strstr(p->drug_types, "heroin") || strstr(p->drug_types, "opium");
	pl->pregnant = strstr(p->special_status, "pregnant") != NULL;
	pl->want = p->control_status;
	pl->cur = -1;
}

struct demo_plan *demo_history_plan(struct demo_history *h, long i, struct person *p,
				    struct arena *a)
{
	struct demo_plan *pl = arena_zalloc(a, sizeof(*pl));
	size_t k;

	plan_init(pl, h, i, p, a);
	if (pl->found >= pl->window) {
		demo_add_test(pl, -1, pl->found, "urine", "positive");
		pl->t[0].tester = p->first_found_unit;
		pl->t[0].note = "查获时现场检测";
	}
	if (!strcmp(p->addiction, "use")) {
		demo_plan_user(pl);
	} else {
		/* 吸毒成瘾认定: within 24 hours of the test (DOMAIN.md §2) */
		p->addiction_date = earlier(plus(pl->found, rnd(pl, 2)), pl->until);
		p->addiction_doc = demo_doc_no(pl, DOC_ADDICTION, p->addiction_date);
		demo_plan_addicted(pl);
	}
	demo_records(pl);
	demo_methadone(pl);
	for (k = 0; k < pl->nt; k++)
		if (pl->t[k].date > pl->until || pl->t[k].date < p->birth_date)
			demo_problem(pl, "test", "outside the person's life");
	p->control_status = pl->want;
	return pl;
}

/* ---- writing ---- */

static long *status_slot(struct demo_stats *s, const char *status)
{
	static long none;
	int i;
	for (i = 0; i < 4; i++)
		if (!strcmp(measure_statuses[i].key, status))
			return &s->measure_status[i];
	return &none;
}

/* The measures in order, each pointing to the one before; ids[i + 1] gets
 * the id of measure i (ids[0] = 0 for records of no measure). */
static int write_measures(struct db *db, struct demo_plan *pl, int64_t pid, int64_t *ids,
			  struct buf *err)
{
	struct demo_stats *s = &pl->h->stats;
	int i, j, kind;

	ids[0] = 0;
	for (i = 0; i < pl->nm; i++) {
		struct measure m = pl->ms[i].m;
		m.id = 0;
		m.person_id = pid;
		m.previous_id = ids[i];
		if (store_measure_add(db, &m, err) < 0)
			return -1;
		ids[i + 1] = m.id;
		for (j = 0; j < pl->ms[i].nev; j++) {
			struct measure_event e = pl->ms[i].ev[j];
			e.measure_id = m.id;
			if (store_measure_event_add(db, &e, err) < 0)
				return -1;
		}
		s->measures++;
		s->events += pl->ms[i].nev;
		kind = measure_kind_from_key(m.kind);
		if (kind >= 0)
			s->measure_kind[kind]++;
		(*status_slot(s, m.status))++;
	}
	return 0;
}

/* Tests first, so that a relapse flag can name its test: tid[k] gets the
 * id of test k. */
static int write_tests(struct db *db, struct demo_plan *pl, int64_t pid, const int64_t *ids,
		       int64_t *tid, struct buf *err)
{
	size_t k;

	for (k = 0; k < pl->nt; k++) {
		struct drug_test t = pl->t[k];
		t.person_id = pid;
		t.measure_id = ids[t.measure_id];
		if (store_test_add(db, &t, err) < 0)
			return -1;
		tid[k] = t.id;
	}
	return 0;
}

/* What the person's township knows, for a 协查 to another. */
static const char *const assist_reasons[][2] = {
	{ "家属称其外出打工，可能在", "一带" },
	{ "有人在", "集镇见过本人，电话已停机" },
	{ "最后一次出现在", "的亲戚家，之后联系不上" },
};
static const char *const assist_answers[] = {
	"已在务工地见到本人，告知其尽快回户籍地报到",
	"经走访亲属和村干部，未发现本人踪迹",
	"已见到本人，其称近期回家，已通报户籍地",
};

/* An open 脱管失控 flag: half the time its township has asked another
 * (协查), and most of those have been answered. */
static int write_assist(struct db *db, struct demo_plan *pl, int64_t pid,
			const struct control_flag *f, const char *division, struct buf *err)
{
	const struct demo_area *home = &pl->h->c->home;
	const struct demo_town *to;
	struct assist_request q;
	int k, t;

	if (home->ntowns < 2 || !chance(pl, 500))
		return 0;
	do
		t = rnd(pl, home->ntowns);
	while (!strncmp(home->towns[t].code, division, 9));
	to = &home->towns[t];
	k = rnd(pl, 3);
	memset(&q, 0, sizeof(q));
	q.person_id = pid;
	q.flag_id = f->id;
	q.from_division = arena_strndup(pl->a, division, 9);
	q.to_division = to->code;
	q.reason = arena_printf(pl->a, "%s%s%s", assist_reasons[k][0], to->name,
				assist_reasons[k][1]);
	q.requested_by = f->user_id;
	if (store_assist_add(db, &q, err) < 0)
		return -1;
	if (chance(pl, 700))
		return store_assist_answer(db, q.id, k != 1, assist_answers[k], pl->h->police_user,
					   err) < 0 ? -1 : 0;
	return 0;
}

static int write_flags(struct db *db, struct demo_plan *pl, int64_t pid, const char *division,
		       const int64_t *tid, struct buf *err)
{
	size_t k;

	for (k = 0; k < pl->nf; k++) {
		struct control_flag f = pl->f[k].f;
		f.person_id = pid;
		if (pl->f[k].test)
			f.evidence = arena_printf(pl->a, "drug_test %" PRId64, tid[pl->f[k].test - 1]);
		if (store_flag_add(db, &f, err) < 0 ||
		    (f.resolved_date && store_flag_resolve(db, f.id, f.resolved_date, f.resolution,
							   err) < 0))
			return -1;
		if (!f.resolved_date && !strcmp(f.kind, "lost") &&
		    write_assist(db, pl, pid, &f, division, err) < 0)
			return -1;
	}
	return 0;
}

static int write_records(struct db *db, struct demo_plan *pl, int64_t pid, const char *division,
			 const int64_t *ids, struct buf *err)
{
	struct demo_stats *s = &pl->h->stats;
	int64_t *tid = arena_alloc(pl->a, sizeof(*tid) * (pl->nt + 1));
	size_t k;

	if (write_tests(db, pl, pid, ids, tid, err) < 0)
		return -1;
	for (k = 0; k < pl->nc; k++) {
		struct contact c = pl->c[k];
		c.person_id = pid;
		c.measure_id = ids[c.measure_id];
		if (store_contact_add(db, &c, err) < 0)
			return -1;
	}
	for (k = 0; k < pl->nab; k++) {
		struct absence ab = pl->ab[k];
		ab.person_id = pid;
		ab.measure_id = ids[ab.measure_id];
		if (store_absence_add(db, &ab, err) < 0)
			return -1;
	}
	if (write_flags(db, pl, pid, division, tid, err) < 0)
		return -1;
	for (k = 0; k < pl->nas; k++) {
		struct assistance as = pl->as[k];
		as.person_id = pid;
		if (store_assistance_add(db, &as, err) < 0)
			return -1;
	}
	for (k = 0; k < pl->nmm; k++) {
		struct methadone_month m = pl->mm[k];
		m.person_id = pid;
		if (store_methadone_put(db, &m, err) < 0)
			return -1;
	}
	s->tests += (long)pl->nt;
	s->contacts += (long)pl->nc;
	s->absences += (long)pl->nab;
	s->flags += (long)pl->nf;
	s->assistance += (long)pl->nas;
	s->methadone_months += (long)pl->nmm;
	return 0;
}

int demo_history_write(struct db *db, struct demo_history *h, struct demo_plan *pl,
		       const struct person *p, struct buf *err)
{
	struct demo_stats *s = &h->stats;
	int64_t ids[MAX_MEASURES + 1];
	struct person back;
	int i;

	if (write_measures(db, pl, p->id, ids, err) < 0 ||
	    write_records(db, pl, p->id, p->division, ids, err) < 0 ||
	    control_refresh(db, &setup_cli_actor, p->id, &h->policy, pl->today, err) < 0 ||
	    store_person_get(db, p->id, pl->a, &back, err) != 0)
		return -1;
	for (i = 0; person_control_statuses[i].key && i < 8; i++)
		if (!strcmp(person_control_statuses[i].key, back.control_status))
			s->person_status[i]++;
	s->refused += pl->refused;
	if (pl->refused && !s->first_problem[0])
		snprintf(s->first_problem, sizeof(s->first_problem), "%s", pl->problem);
	/* The schedule followed the planned risk level: it must be the one
	 * control_refresh found, as must the status. */
	if (strcmp(back.control_status, pl->want) || strcmp(back.risk_level, pl->risk)) {
		s->mismatched++;
		if (!s->first_problem[0])
			snprintf(s->first_problem, sizeof(s->first_problem),
				 "person %" PRId64 " is '%s' at risk '%s', planned '%s' at '%s'",
				 p->id, back.control_status, back.risk_level, pl->want, pl->risk);
	}
	return 0;
}
