/* demo-test.c - the demo county: valid, consistent files, every role, same seed same data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/person.h"
#include "domain/role.h"
#include "lib/division.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

#define TODAY "2026-11-23"
#define PERSONS 200
#define FIRST 20

static char dir[64];

/* A new database dir/name built with the demo; the store stays open. */
static struct store *build(const char *name, unsigned long seed, int persons)
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
	*state = build("main.db", 7, PERSONS);
	return 0;
}

static int group_teardown(void **state)
{
	store_close(*state);
	remove_db("main.db");
	remove_db("same.db");
	remove_db("other.db");
	rmdir(dir);
	return 0;
}

/* Every person in the county subtree, opened (ID numbers in clear). */
static struct person *all_persons(struct db *db, struct arena *a, int *n)
{
	struct person_filter f;
	struct buf err = BUF_INIT;
	struct person *list, *full;
	int64_t total;
	int i;

	memset(&f, 0, sizeof(f));
	f.prefix = "360825";
	f.registered = -1;
	f.include_closed = 1;
	f.limit = 0;
	assert_int_equal(store_person_list(db, &f, a, &list, n, &total, &err), 0);
	assert_int_equal(total, PERSONS);
	f.limit = PERSONS + 10;
	assert_int_equal(store_person_list(db, &f, a, &list, n, &total, &err), 0);
	assert_int_equal(*n, PERSONS);
	full = arena_zalloc(a, sizeof(*full) * (size_t)*n);
	for (i = 0; i < *n; i++)
		assert_int_equal(store_person_get(db, list[i].id, a, &full[i], &err), 0);
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
	assert_int_equal(audit_verify(db, &rep, &err), 0);
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

/* The first persons' names and ID numbers, "name id|name id|...". */
static void first_persons(struct store *s, struct buf *out)
{
	struct db *db = store_get(s);
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	int64_t id;

	for (id = 1; id <= FIRST; id++) {
		struct person p;
		assert_int_equal(store_person_get(db, id, &a, &p, &err), 0);
		buf_addf(out, "%s %s %d|", p.name, p.id_number, p.first_found_date);
	}
	arena_release(&a);
	buf_release(&err);
	store_put(db);
}

static void test_deterministic(void **state)
{
	struct buf main_ = BUF_INIT, same = BUF_INIT, other = BUF_INIT;
	struct store *s;

	first_persons(*state, &main_);
	/* Same seed, fewer persons: person i depends only on the seed and i. */
	s = build("same.db", 7, 50);
	first_persons(s, &same);
	store_close(s);
	s = build("other.db", 8, 50);
	first_persons(s, &other);
	store_close(s);
	assert_string_equal(main_.buf, same.buf);
	assert_string_not_equal(main_.buf, other.buf);
	buf_release(&main_);
	buf_release(&same);
	buf_release(&other);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_persons_valid),
		cmocka_unit_test(test_users_and_units),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_not_a_county),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
