/* demo-test.c - the demo county: valid files and histories, every role, same seed same data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/audit.h"
#include "domain/case.h"
#include "domain/control.h"
#include "domain/demo.h"
#include "domain/network.h"
#include "domain/person.h"
#include "domain/role.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

#define TODAY "2026-11-23"
#define PERSONS 200
#define FIRST 20

static char dir[64];
static struct demo_stats main_stats;

/* A new database dir/name built with the demo; the store stays open. */
static struct store *build(const char *name, unsigned long seed, int persons,
			   struct demo_stats *stats)
{
	struct demo_options o;
	struct demo_login *logins;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	char path[128];
	int n, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	s = store_open(path, NULL, 1, &err);
	if (!s)
		fail_msg("store_open: %s", err.buf);
	demo_options_init(&o);
	o.seed = seed;
	o.persons = persons;
	o.stats = stats;
	db = store_get(s);
	rc = demo_build(db, &o, &a, &logins, &n, &err);
	if (rc < 0)
		fail_msg("demo_build: %s", err.buf);
	assert_int_equal(n, 12);
	assert_string_equal(logins[0].login, "admin");
	store_put(db);
	arena_release(&a);
	buf_release(&err);
	return s;
}

static void remove_db(const char *name)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", ".key" };
	char path[160];
	size_t i;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s%s", dir, name, suffixes[i]);
		unlink(path);
	}
}

static int group_setup(void **state)
{
	strcpy(dir, "/tmp/jindu-demo-test-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	setenv("JINDU_TODAY", TODAY, 1);
	*state = build("main.db", 7, PERSONS, &main_stats);
	return 0;
}

static int group_teardown(void **state)
{
	store_close(*state);
	remove_db("main.db");
	remove_db("same.db");
	remove_db("other.db");
	remove_db("again.db");
	rmdir(dir);
	return 0;
}

/* Every drug user's file in the county subtree, opened (ID numbers in
 * clear); the files made for the cases' suspects (no addiction determined)
 * are left out, after checking there are as many as the demo says. */
static struct person *all_persons(struct db *db, struct arena *a, int *n)
{
	struct person_filter f;
	struct buf err = BUF_INIT;
	struct person *list, *full;
	int64_t total;
	int i, all, suspects = 0;

	memset(&f, 0, sizeof(f));
	f.prefix = "360825";
	f.registered = -1;
	f.include_closed = 1;
	f.limit = 0;
	assert_int_equal(store_person_list(db, &f, a, &list, &all, &total, &err), 0);
	assert_int_equal(total, PERSONS + main_stats.suspect_files);
	f.limit = (int)total + 10;
	assert_int_equal(store_person_list(db, &f, a, &list, &all, &total, &err), 0);
	assert_int_equal(all, total);
	full = arena_zalloc(a, sizeof(*full) * (size_t)all);
	for (i = *n = 0; i < all; i++) {
		assert_int_equal(store_person_get(db, list[i].id, a, &full[*n], &err), 0);
		if (!*full[*n].addiction) {
			assert_int_equal(full[*n].registered, 0);
			assert_true(full[*n].id > PERSONS);
			suspects++;
			continue;
		}
		(*n)++;
	}
	assert_int_equal(*n, PERSONS);
	assert_int_equal(suspects, main_stats.suspect_files);
	buf_release(&err);
	return full;
}

static void test_persons_valid(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct person *p;
	int today, three_years, n, i, clean = 0, men = 0, local = 0, dead = 0;

	assert_int_equal(ymd_parse(TODAY, &today), 0);
	three_years = ymd_add_months(today, -36);
	p = all_persons(db, &a, &n);
	for (i = 0; i < n; i++) {
		struct idcard id;
		struct division d;
		int birth, age;

		if (idcard_parse(p[i].id_number, today, &id, &err) < 0)
			fail_msg("person %d: '%s': %s", i, p[i].id_number, err.buf);
		assert_false(id.upgraded);
		assert_string_equal(p[i].sex, id.male ? "M" : "F");
		birth = id.year * 10000 + id.month * 100 + id.day;
		assert_int_equal(p[i].birth_date, birth);
		assert_true(birth >= 19600101 && birth <= 20061231);
		age = (p[i].first_found_date - birth) / 10000;
		assert_true(age >= 18 && age <= 60);
		assert_true(p[i].first_found_date <= today);
		assert_true(p[i].first_found_date > ymd_add_months(today, -12 * 12));

		assert_int_equal(division_level(p[i].division), 5);
		assert_true(division_in(p[i].division, "360825"));
		assert_int_equal(store_division_get(db, p[i].division, &a, &d, &err), 0);
		assert_int_equal(d.level, 5);

		assert_true(choice_valid(person_control_statuses, p[i].control_status));
		assert_true(choice_valid(person_addiction_levels, p[i].addiction));
		assert_true(*p[i].drug_types);
		assert_true(choice_valid_set(person_drug_types, p[i].drug_types));
		assert_true(choice_valid_set(person_special_statuses, p[i].special_status));
		assert_true(choice_valid(person_ethnicities, p[i].ethnicity));
		assert_true(*p[i].name && *p[i].household_address && *p[i].first_found_unit);
		if (!strcmp(p[i].control_status, "clean3y")) {
			assert_true(p[i].first_found_date < three_years);
			clean++;
		}
		if (!strcmp(p[i].control_status, "compulsory"))
			assert_string_not_equal(p[i].addiction, "use");
		if (!strcmp(p[i].control_status, "dead")) {
			assert_string_equal(p[i].closed_reason, "dead");
			assert_true(p[i].closed_date >= p[i].first_found_date);
			assert_true(p[i].closed_date <= today);
			dead++;
		} else {
			assert_int_equal(p[i].closed_date, 0);
		}
		if (*p[i].phone)
			assert_int_equal(strlen(p[i].phone), 11);
		men += id.male;
		local += !strncmp(id.region, "360825", 6);
	}
	/* Rough shares (85% men, 88% local): wide bounds, the seed is fixed. */
	assert_true(men > n * 75 / 100 && men < n * 95 / 100);
	assert_true(local > n * 78 / 100 && local < n * 96 / 100);
	assert_true(clean > 0);
	(void)dead;
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

static void test_users_and_units(void **state)
{
	static const char *const kinds[] = { "office", "police", "station", "township", "member",
					     "facility" };
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct user *users;
	struct unit *units;
	int n, i, r;
	size_t k;

	assert_int_equal(store_user_list(db, "", &a, &users, &n, &err), 0);
	assert_int_equal(n, 12);
	for (r = 0; r < ROLE_COUNT; r++) {
		for (i = 0; i < n && strcmp(users[i].role, role_key((enum role)r)); i++)
			;
		if (i == n)
			fail_msg("no demo user with role '%s'", role_key((enum role)r));
	}
	assert_int_equal(store_user_by_login(db, "officer.enjiang", &a, &users[0], &err), 0);
	assert_string_equal(users[0].division, "360825100");
	assert_int_equal(store_user_by_login(db, "police.enjiang", &a, &users[0], &err), 0);
	assert_string_equal(users[0].unit_name, "恩江派出所");

	assert_int_equal(store_unit_list(db, "360825", &a, &units, &n, &err), 0);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (i = 0; i < n && strcmp(units[i].kind, kinds[k]); i++)
			;
		if (i == n)
			fail_msg("no demo unit of kind '%s'", kinds[k]);
	}
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

static void test_audit(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct audit_filter f;
	struct audit_entry *e;
	struct audit_report rep;
	int64_t total;
	int n;

	memset(&f, 0, sizeof(f));
	f.action = "import";
	f.entity = "person";
	f.limit = 10;
	assert_int_equal(store_audit_list(db, &f, &a, &e, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].summary, "演示数据：200 名人员");
	assert_string_equal(e[0].login, "cli");
	/* one entry per kind of record, not one per record */
	f.entity = "drug_test";
	assert_int_equal(store_audit_list(db, &f, &a, &e, &n, &total, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].summary,
			    arena_printf(&a, "演示数据：%ld 条检测记录", main_stats.tests));
	f.entity = NULL;
	f.action = NULL;
	f.limit = 1;
	assert_int_equal(store_audit_list(db, &f, &a, &e, &n, &total, &err), 0);
	assert_true(total < 100);
	assert_int_equal(audit_verify(db, &rep, &err), 0);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* Townships where the demo has an officer or a social worker. */
static int staffed(const char *division)
{
	return !strncmp(division, "360825100", 9) || !strncmp(division, "360825101", 9) ||
	       !strncmp(division, "360825106", 9);
}

/* One measure: coded values, dates in order and within the person's life,
 * the township's worker on community treatment and rehabilitation. */
static void check_measure(const struct person *p, const struct measure *m, int today)
{
	int end = p->closed_date ? p->closed_date : today;

	assert_true(choice_valid(measure_kinds, m->kind));
	assert_true(choice_valid(measure_statuses, m->status));
	assert_string_equal(m->division, p->division);
	assert_true(m->decision_date >= p->first_found_date && m->decision_date <= end);
	assert_true(*m->authority);
	if (m->start_date)
		assert_true(m->start_date >= m->decision_date && m->start_date <= end);
	if (!strcmp(m->status, "ended")) {
		assert_true(choice_valid(measure_end_reasons, m->end_reason));
		assert_true(m->actual_end >= (m->start_date ? m->start_date : m->decision_date));
		assert_true(m->actual_end <= end);
	} else {
		assert_string_equal(m->end_reason, "");
		assert_int_equal(m->actual_end, 0);
		assert_int_equal(p->closed_date, 0);
	}
	if (!strcmp(m->status, "suspended"))
		assert_true(m->suspended_since > m->start_date && m->suspended_since <= today);
	if (!strcmp(m->status, "decided"))
		assert_int_equal(m->start_date, 0);
	if (!strcmp(m->kind, "community") || !strcmp(m->kind, "rehab")) {
		assert_true(*m->decision_no);
		assert_int_equal(m->report_deadline, ymd_add_days(m->decision_date, 15));
		assert_true(staffed(m->division) ? m->worker_id != 0 : m->worker_id == 0);
	}
	if (!strcmp(m->kind, "compulsory"))
		assert_true(m->start_date == m->decision_date);
}

/* What the control status says must be in the records. */
static void check_status(const struct person *p, const struct measure *m, int nm,
			 const struct control_flag *f, int nf, const struct policy *pol, int today)
{
	const char *st = p->control_status;
	int open = 0, lost = 0, compulsory = 0, suspended = 0, last_relapse = 0, since, done, i;

	for (i = 0; i < nm; i++) {
		open += strcmp(m[i].status, "ended") != 0;
		compulsory += !strcmp(m[i].kind, "compulsory") && !strcmp(m[i].status, "active");
		suspended += !strcmp(m[i].status, "suspended");
	}
	for (i = 0; i < nf; i++) {
		if (!strcmp(f[i].kind, "relapse") && f[i].date > last_relapse)
			last_relapse = f[i].date;
		lost += !strcmp(f[i].kind, "lost") && !f[i].resolved_date;
	}
	since = measure_clean_since(p, m, nm, last_relapse, pol, &done);
	assert_int_equal(p->clean_since, since);
	assert_true(choice_valid(risk_levels, p->risk_level));
	if (!strcmp(st, "compulsory"))
		assert_int_equal(compulsory, 1);
	if (!strcmp(st, "clean3y")) {
		assert_int_equal(open, 0);
		assert_true(since && since <= ymd_add_months(today, -36) && done <= today);
	}
	if (!strcmp(st, "lost"))
		assert_int_equal(lost, 1);
	if (!strcmp(st, "detained") && nm)
		assert_int_equal(suspended, 1);
	if (!strcmp(st, "imprisoned") && nm)
		assert_string_equal(m[0].end_reason, "imprisoned");
	if (!strcmp(st, "dead") && nm) {
		assert_int_equal(open, 0);
		assert_string_equal(m[0].end_reason, "death");
		assert_int_equal(m[0].actual_end, p->closed_date);
	}
	if (strcmp(st, "lost"))
		assert_int_equal(lost, 0);
	assert_true(open <= 1);
}

static void test_histories(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct policy pol;
	struct person *p;
	int today, n, i, j, with_measures = 0, relapses = 0, months = 0, poor = 0, enrolled = 0;

	if (main_stats.refused || main_stats.mismatched)
		fail_msg("%ld refused, %ld mismatched: %s", main_stats.refused,
			 main_stats.mismatched, main_stats.first_problem);
	assert_int_equal(ymd_parse(TODAY, &today), 0);
	policy_defaults(&pol);
	p = all_persons(db, &a, &n);
	for (i = 0; i < n; i++) {
		struct measure *m;
		struct drug_test *t;
		struct contact *c;
		struct control_flag *f;
		int nm, nt, nc, nf, end = p[i].closed_date ? p[i].closed_date : today;

		assert_int_equal(store_measure_list(db, p[i].id, &a, &m, &nm, &err), 0);
		assert_int_equal(store_tests(db, p[i].id, &a, &t, &nt, &err), 0);
		assert_int_equal(store_contacts(db, p[i].id, &a, &c, &nc, &err), 0);
		assert_int_equal(store_flags(db, p[i].id, &a, &f, &nf, &err), 0);
		for (j = 0; j < nm; j++)
			check_measure(&p[i], &m[j], today);
		for (j = 0; j < nt; j++) {
			assert_true(t[j].date >= p[i].birth_date && t[j].date <= end);
			assert_true(choice_valid(control_test_results, t[j].result));
		}
		for (j = 0; j < nc; j++)
			assert_true(c[j].date >= p[i].birth_date && c[j].date <= end);
		for (j = 0; j < nf; j++) {
			assert_true(f[j].date <= today && *f[j].reason);
			if (!strcmp(f[j].kind, "relapse")) {
				assert_non_null(strstr(f[j].reason, " 检测阳性，建议："));
				assert_true(!strncmp(f[j].evidence, "drug_test ", 10));
				relapses++;
			}
		}
		if (strcmp(p[i].addiction, "use"))
			assert_true(p[i].addiction_date >= p[i].first_found_date && *p[i].addiction_doc);
		check_status(&p[i], m, nm, f, nf, &pol, today);
		with_measures += nm > 0;
		{
			/* methadone months: each one as the rules accept it */
			struct methadone_error errs[METHADONE_MAX_ERRORS];
			struct methadone_month *mm;
			struct assistance *as;
			int nmm, nas;
			assert_int_equal(store_assistances(db, p[i].id, &a, &as, &nas, &err), 0);
			assert_int_equal(store_methadone_list(db, p[i].id, &a, &mm, &nmm, &err), 0);
			for (j = 0; j < nmm; j++) {
				if (methadone_check(&mm[j], as, nas, today, errs))
					fail_msg("person %lld, %d: %s", (long long)p[i].id,
						 mm[j].month, errs[0].message);
				assert_true(mm[j].month < today / 100);
				poor += methadone_poor(mm[j].days_taken, mm[j].days_due,
						       pol.methadone_min_percent);
			}
			months += nmm;
			for (j = 0; j < nas; j++)
				if (!strcmp(as[j].kind, "methadone")) {
					enrolled++;
					break;
				}
		}
	}
	assert_true(with_measures > n / 3);
	/* a few enrolled with about a year of months, some of them poor */
	assert_true(enrolled >= 3);
	assert_true(months >= 3 * enrolled);
	assert_true(poor > 0 && poor < months / 2);
	assert_int_equal(months, main_stats.methadone_months);
	assert_true(relapses > 0);
	assert_true(main_stats.tests > 10 * with_measures && main_stats.contacts > main_stats.tests);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* The derived facts are what control_refresh makes of the records: doing
 * it again changes nothing and raises no flag. */
static void test_refresh_stable(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct policy pol;
	struct person before, after;
	struct control_flag *f;
	int64_t id;
	int today, n1, n2;

	assert_int_equal(ymd_parse(TODAY, &today), 0);
	policy_defaults(&pol);
	assert_int_equal(db_begin(db, &err), 0);
	for (id = 1; id <= PERSONS; id++) {
		assert_int_equal(store_person_get(db, id, &a, &before, &err), 0);
		assert_int_equal(store_flags(db, id, &a, &f, &n1, &err), 0);
		assert_int_equal(control_refresh(db, &control_system_actor, id, &pol, today, &err), 0);
		assert_int_equal(store_person_get(db, id, &a, &after, &err), 0);
		assert_int_equal(store_flags(db, id, &a, &f, &n2, &err), 0);
		assert_string_equal(before.control_status, after.control_status);
		assert_string_equal(before.risk_level, after.risk_level);
		assert_int_equal(before.risk_score, after.risk_score);
		assert_int_equal(before.clean_since, after.clean_since);
		assert_int_equal(n1, n2);
	}
	db_rollback(db);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* On the reference date the county's worklist has work in it. */
static void test_worklist(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct policy pol;
	struct work_item *w;
	struct work_counts c;
	struct worklist_query q = { "360825", 0, WORK_ALL, 0, 1000000 };
	int today, n, i, overdue = 0, soon = 0, staffed_rows = 0;

	assert_int_equal(ymd_parse(TODAY, &today), 0);
	policy_defaults(&pol);
	assert_int_equal(control_worklist(db, &q, &pol, today, &a, &w, &n, &c, &err), 0);
	assert_int_equal(n, c.all);
	for (i = 0; i < n; i++) {
		overdue += w[i].sum.overdue > 0;
		soon += w[i].sum.due_soon > 0;
		staffed_rows += staffed(w[i].om.m.division);
	}
	assert_true(n > PERSONS / 5);
	assert_true(overdue > 0 && overdue < n / 3);
	assert_true(soon > 0);
	assert_true(staffed_rows > 10);
	assert_int_equal(c.overdue, overdue);
	/* most overdue first */
	for (i = 1; i < n; i++)
		assert_true(w[i - 1].sum.overdue >= w[i].sum.overdue);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* Everything recorded about person id, as one line (record ids and
 * creation times left out). */
static void history_of(struct db *db, int64_t id, struct arena *a, struct buf *out)
{
	struct buf err = BUF_INIT;
	struct measure *m;
	struct measure_event *e;
	struct drug_test *t;
	struct contact *c;
	struct absence *ab;
	struct control_flag *f;
	struct assistance *as;
	struct methadone_month *mm;
	int n, i;

	assert_int_equal(store_measure_list(db, id, a, &m, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " M%s,%s,%s,%d,%d,%d,%d,%s,%d", m[i].kind, m[i].status,
			 m[i].decision_no, m[i].decision_date, m[i].start_date, m[i].planned_end,
			 m[i].actual_end, m[i].end_reason, m[i].suspended_days);
	assert_int_equal(store_measure_events(db, id, a, &e, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " E%s,%d,%s", e[i].kind, e[i].date, e[i].doc_no);
	assert_int_equal(store_tests(db, id, a, &t, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " T%d,%s,%s,%s", t[i].date, t[i].method, t[i].result, t[i].sample_no);
	assert_int_equal(store_contacts(db, id, a, &c, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " C%d,%s,%s", c[i].date, c[i].kind, c[i].outcome);
	assert_int_equal(store_absences(db, id, a, &ab, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " A%d,%d,%d", ab[i].start_date, ab[i].end_date, ab[i].permitted);
	assert_int_equal(store_flags(db, id, a, &f, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " F%s,%d,%s,%d", f[i].kind, f[i].date, f[i].reason, f[i].resolved_date);
	assert_int_equal(store_assistances(db, id, a, &as, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " H%s,%d,%d,%s", as[i].kind, as[i].start_date, as[i].end_date,
			 as[i].provider);
	assert_int_equal(store_methadone_list(db, id, a, &mm, &n, &err), 0);
	for (i = 0; i < n; i++)
		buf_addf(out, " D%d,%s,%d,%d,%d", mm[i].month, mm[i].clinic, mm[i].days_due,
			 mm[i].days_taken, mm[i].dose_tenths);
	buf_release(&err);
}

/* The first persons' names, ID numbers and histories, "name id ...|...". */
static void first_persons(struct store *s, struct buf *out)
{
	struct db *db = store_get(s);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	int64_t id;

	for (id = 1; id <= FIRST; id++) {
		struct person p;
		assert_int_equal(store_person_get(db, id, &a, &p, &err), 0);
		buf_addf(out, "%s %s %d %s %s %d %s %d", p.name, p.id_number, p.first_found_date,
			 p.control_status, p.risk_level, p.clean_since, p.addiction_doc,
			 p.addiction_date);
		history_of(db, id, &a, out);
		buf_addch(out, '|');
	}
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* The networks as text: every entity and link, without the times they were written. */
static void networks(struct store *s, struct buf *out)
{
	struct db *db = store_get(s);
	struct actor who = { 0, "cli", "", ROLE_ADMIN, "360825" };
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct net_area area;
	int i;

	assert_int_equal(network_area(db, &who, &a, &area, &err), 0);
	for (i = 0; i < area.nnodes; i++)
		buf_addf(out, "%s %s %s %" PRId64 " %s\n", area.nodes[i].kind, area.nodes[i].value,
			 area.nodes[i].id_masked, area.nodes[i].person_id, area.nodes[i].division);
	for (i = 0; i < area.nedges; i++) {
		struct net_link l;
		assert_int_equal(store_net_link_get(db, area.edges[i].id, &a, &l, &err), 0);
		buf_addf(out, "%" PRId64 " %s %" PRId64 " %d %d %s %s %s\n", l.from_id, l.kind, l.to_id,
			 l.date_from, l.date_to, l.case_no, l.division, l.note);
	}
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

static void test_networks(void **state)
{
	struct db *db = store_get(*state);
	struct actor who = { 0, "cli", "", ROLE_ADMIN, "360825" };
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct net_area area;
	struct net_group *gs;
	int n, i, files = 0, rings = 0, cases = 0, networks = 0;

	assert_int_equal(network_area(db, &who, &a, &area, &err), 0);
	net_groups(&area.g, 2, &a, &gs, &n);
	/* the ring, the online buyer, the street seller's, the pair; and the
	 * co-suspects of the cases with more than one, linked 同案 */
	for (i = 0; i < n; i++) {
		int k, ring = 0;
		for (k = 0; k < gs[i].ncase_nos; k++)
			ring += strstr(gs[i].case_nos[k], "永公（禁）立字") != NULL;
		if (ring && gs[i].npersons >= 8)
			rings++;
		networks += ring || !gs[i].ncase_ids;
		for (k = 0; k < gs[i].ncase_ids; k++) {
			/* every suspect of a case named is in the group */
			struct case_suspect *sus;
			int ns, j, m, in;
			assert_int_equal(store_suspects(db, gs[i].case_ids[k], &a, &sus, &ns, &err), 0);
			assert_true(ns >= 2);
			for (j = 0; j < ns; j++) {
				for (m = 0, in = 0; m < gs[i].npersons; m++)
					in += area.nodes[gs[i].persons[m]].person_id == sus[j].person_id;
				assert_int_equal(in, 1);
			}
			cases++;
		}
	}
	assert_int_equal(rings, 1);
	assert_true(networks >= 3 && networks <= 4);
	assert_true(cases >= 5);
	/* registered users are linked by their open files in the county */
	for (i = 0; i < area.nnodes; i++) {
		const struct net_entity *e = &area.nodes[i];
		struct person p;
		if (strcmp(e->kind, "person"))
			continue;
		assert_int_equal(strlen(e->id_masked), 18);
		if (!e->person_id)
			continue;
		files++;
		assert_int_equal(store_person_get(db, e->person_id, &a, &p, &err), 0);
		assert_string_equal(p.name, e->value);
		assert_int_equal(p.closed_date, 0);
		assert_true(division_in(p.division, "360825"));
	}
	assert_true(files >= 6);
	/* every link as the rules allow, dated no later than the reference day */
	for (i = 0; i < area.nedges; i++) {
		struct net_link l;
		const struct net_entity *x = &area.nodes[area.g.from[i]], *y = &area.nodes[area.g.to[i]];
		assert_int_equal(store_net_link_get(db, area.edges[i].id, &a, &l, &err), 0);
		assert_null(net_link_check(l.kind, (enum net_kind)net_kind_of(x->kind),
					   (enum net_kind)net_kind_of(y->kind)));
		assert_true(l.date_to <= 20261123 && l.date_to >= l.date_from);
	}
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

static void test_deterministic(void **state)
{
	struct buf main_ = BUF_INIT, same = BUF_INIT, other = BUF_INIT;
	struct buf nsame = BUF_INIT, nagain = BUF_INIT, nother = BUF_INIT;
	struct store *s;

	first_persons(*state, &main_);
	/* Same seed, fewer persons: person i depends only on the seed and i. */
	s = build("same.db", 7, 50, NULL);
	first_persons(s, &same);
	networks(s, &nsame);
	store_close(s);
	s = build("other.db", 8, 50, NULL);
	first_persons(s, &other);
	networks(s, &nother);
	store_close(s);
	/* the networks too, for the same options */
	s = build("again.db", 7, 50, NULL);
	networks(s, &nagain);
	store_close(s);
	assert_string_equal(main_.buf, same.buf);
	assert_string_not_equal(main_.buf, other.buf);
	assert_string_equal(nsame.buf, nagain.buf);
	assert_string_not_equal(nsame.buf, nother.buf);
	buf_release(&main_);
	buf_release(&same);
	buf_release(&other);
	buf_release(&nsame);
	buf_release(&nagain);
	buf_release(&nother);
}

static void test_not_a_county(void **state)
{
	struct demo_options o;
	struct demo_login *logins;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	char path[128];
	int n;

	(void)state;
	snprintf(path, sizeof(path), "%s/city.db", dir);
	s = store_open(path, NULL, 1, &err);
	assert_non_null(s);
	demo_options_init(&o);
	o.root = "360800";
	db = store_get(s);
	assert_int_equal(demo_build(db, &o, &a, &logins, &n, &err), -1);
	assert_non_null(strstr(err.buf, "'360800'"));
	store_put(db);
	store_close(s);
	arena_release(&a);
	buf_release(&err);
	remove_db("city.db");
}

/* Address and name pieces the persons are built from. */
static void test_places(void **state)
{
	struct arena a = ARENA_INIT;
	struct demo_id id = { "360825", 19900307, 123 };
	char number[19];
	struct idcard parsed;
	struct buf err = BUF_INIT;
	int rural;

	(void)state;
	assert_string_equal(demo_village_place("石桥村委会", "恩江镇", &rural, &a), "石桥村");
	assert_int_equal(rural, 1);
	assert_string_equal(demo_village_place("八一居委会", "恩江镇", &rural, &a), "八一社区");
	assert_int_equal(rural, 0);
	assert_string_equal(demo_village_place("花园社区居民委员会", "恩江镇", &rural, &a),
			    "花园社区");
	assert_string_equal(demo_village_place("官山林场生活区", "官山林场", &rural, &a),
			    "生活区");
	assert_string_equal(demo_village_place("永丰县工业园区虚拟社区", "永丰县工业园区", &rural,
						&a), "");
	assert_string_equal(demo_village_place("居委会", "古县镇", &rural, &a), "");
	assert_string_equal(demo_village_place("罗家村民委员会", "古县镇", &rural, &a), "罗家村");
	assert_int_equal(rural, 1);
	assert_string_equal(demo_town_short("恩江镇", "永丰县", &a), "恩江");
	assert_string_equal(demo_town_short("龙冈畲族乡", "永丰县", &a), "龙冈");
	assert_string_equal(demo_town_short("永丰县工业园区", "永丰县", &a), "工业园区");
	assert_string_equal(demo_town_short("罗铺垦殖场", "永丰县", &a), "罗铺");

	demo_id_format(&id, number);
	assert_int_equal(idcard_parse(number, 20261123, &parsed, &err), 0);
	assert_true(parsed.male);
	assert_int_equal(demo_id_next_seq(999), 1);
	assert_int_equal(demo_id_next_seq(998), 0);
	arena_release(&a);
	buf_release(&err);
}

/* One case: its steps replayed through the pipeline's rules lead to its
 * status; its suspects' measures pass the rules in order. */
static void check_case(struct db *db, const struct drug_case *c, struct arena *a, int today)
{
	struct buf err = BUF_INIT;
	struct case_step *steps;
	struct case_suspect *sus;
	struct suspect_measure *ms;
	struct drug_case replay = *c;
	int n, ns, nm, i, j;

	assert_true(division_in(c->division, "360825"));
	assert_true(c->accepted_date <= today && c->accepted_date > ymd_add_months(today, -48));
	assert_true(*c->name && *c->description && *c->officers && c->unit_id);
	assert_int_equal(store_case_steps(db, c->id, a, &steps, &n, &err), 0);
	assert_int_equal(store_suspects(db, c->id, a, &sus, &ns, &err), 0);
	assert_true(n >= 1 && ns >= 1);
	assert_string_equal(steps[0].status, "accepted");
	assert_int_equal(steps[0].date, c->accepted_date);
	replay.status = "accepted";
	replay.status_date = c->accepted_date;
	for (i = 1; i < n; i++) {
		if (case_step_check(&replay, steps, i, ns, (enum case_status)case_status_from_key(
						steps[i].status), steps[i].date, today, &err) < 0)
			fail_msg("%s step %d (%s): %s", c->number, i, steps[i].status, err.buf);
		replay.status = steps[i].status;
		replay.status_date = steps[i].date;
	}
	assert_string_equal(replay.status, c->status);
	assert_int_equal(replay.status_date, c->status_date);
	for (i = 0; i < ns; i++) {
		assert_true(choice_valid(case_suspect_roles, sus[i].role));
		assert_int_equal(sus[i].outflow,
				 case_outflow(c->division, sus[i].home_division, sus[i].caught_division));
		assert_int_equal(store_suspect_measures(db, sus[i].id, a, &ms, &nm, &err), 0);
		assert_true(nm >= 1);
		assert_string_equal(ms[0].kind, "detention");
		for (j = 0; j < nm; j++)
			if (case_measure_check(c, ms, j, &ms[j], today, &err) < 0)
				fail_msg("%s suspect %d %s: %s", c->number, i, ms[j].kind, err.buf);
		if (!strcmp(c->status, "judged"))
			assert_string_equal(ms[nm - 1].kind, "judgment");
	}
	buf_release(&err);
}

/* The cases: one at least at every step, every grade, suspects linked to
 * registered users and new, some caught elsewhere, assets, destructions. */
static void test_cases(void **state)
{
	struct db *db = store_get(*state);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct case_filter f;
	struct drug_case *list;
	struct policy pol;
	int64_t total;
	int today, n, i, k, small = 0, destroyed = 0;
	long grades[4] = { 0, 0, 0, 0 };

	assert_int_equal(ymd_parse(TODAY, &today), 0);
	policy_defaults(&pol);
	if (main_stats.refused)
		fail_msg("%ld refused: %s", main_stats.refused, main_stats.first_problem);
	assert_int_equal(main_stats.cases, 16);
	memset(&f, 0, sizeof(f));
	f.prefix = "360825";
	f.limit = 1000;
	assert_int_equal(store_case_list(db, &f, &a, &list, &n, &total, &err), 0);
	assert_int_equal(n, 16);
	for (k = 0; k < CS_COUNT; k++)
		if (!main_stats.case_status[k])
			fail_msg("no demo case at %s", case_statuses[k].key);
	for (i = 0; i < n; i++) {
		struct seizure_total *t;
		struct seizure *s;
		struct case_grading g;
		int nt, nsz, j;
		check_case(db, &list[i], &a, today);
		assert_int_equal(store_seizure_totals(db, list[i].id, &a, &t, &nt, &err), 0);
		drug_grade_case(&pol, t, nt, &g);
		grades[g.police + 1]++;
		small += list[i].small_packets;
		assert_int_equal(store_seizures(db, list[i].id, &a, &s, &nsz, &err), 0);
		for (j = 0; j < nsz; j++)
			destroyed += s[j].destruction_id != 0;
		for (j = 0; j < i; j++)
			assert_string_not_equal(list[i].number, list[j].number);
	}
	assert_memory_equal(grades, main_stats.case_grade, sizeof(grades));
	assert_true(grades[GRADE_ORDINARY + 1] > 0);
	assert_true(grades[GRADE_MAJOR + 1] > 0);
	assert_true(grades[GRADE_EXTRA + 1] > 0);
	assert_true(small > 0);
	assert_true(main_stats.registered_suspects > 0);
	assert_true(main_stats.suspect_files > 0);
	assert_true(main_stats.outflow_suspects > 0);
	assert_true(main_stats.assets > 0);
	assert_true(main_stats.destructions > 0);
	assert_int_equal(destroyed, main_stats.destroyed);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_persons_valid),
		cmocka_unit_test(test_users_and_units),
		cmocka_unit_test(test_histories),
		cmocka_unit_test(test_refresh_stable),
		cmocka_unit_test(test_worklist),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_networks),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_not_a_county),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
