/* indicator-test.c - the catalogue holds together; test periods kept as obligation_schedule says; clean days follow the policy. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/indicator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/kept.h"
#include "domain/person.h"
#include "domain/setup.h"
#include "lib/idcard.h"
#include "lib/timeutil.h"

#define TODAY "2026-06-15"
#define EJ "360825100" /* 恩江镇 */

static char dir[64];
static struct store *store;
static struct db *db;
static struct actor who;

/* ---- the catalogue ---- */

static const struct indicator *count_of(const char *key)
{
	const struct indicator *c = indicator_find(key);
	if (!c || c->kind != IND_COUNT)
		fail_msg("'%s' names no count", key ? key : "(null)");
	return c;
}

static void test_catalogue(void **state)
{
	int i, j, sections = 0;
	(void)state;
	assert_true(nindicators > 30);
	for (i = 0; i < nindicators; i++) {
		const struct indicator *ind = &indicators[i];
		assert_int_equal(indicator_index(ind->key), i);
		for (j = 0; j < i; j++)
			if (!strcmp(indicators[j].key, ind->key) || !strcmp(indicators[j].name, ind->name))
				fail_msg("'%s' twice", ind->key);
		assert_true(*ind->name && *ind->unit && *ind->section && strlen(ind->definition) > 10);
		/* a section is one run of the table */
		if (!i || strcmp(indicators[i - 1].section, ind->section)) {
			sections++;
			for (j = 0; j < i; j++)
				if (!strcmp(indicators[j].section, ind->section))
					fail_msg("section of '%s' broken up", ind->key);
		}
		if (ind->kind == IND_RATE) {
			assert_string_equal(ind->unit, "%");
			count_of(ind->num);
			count_of(ind->den);
			assert_int_equal(ind->count, SC_COUNT);
			continue;
		}
		assert_true(ind->count >= 0 && ind->count < SC_COUNT);
		for (j = 0; j < 2; j++)
			if (ind->plus[j] && count_of(ind->plus[j])->plus[0])
				fail_msg("'%s' sums a sum", ind->key);
		if (ind->minus)
			count_of(ind->minus);
		assert_true(*ind->division_label && ind->columns[0].field != IF_NONE);
		for (j = 0; j < INDICATOR_COLUMNS; j++)
			if (ind->columns[j].format == FMT_CODE && ind->columns[j].field != IF_NONE)
				assert_non_null(indicator_codes(ind));
		/* two counts are one store count only when one is the sum */
		for (j = 0; j < i; j++)
			if (indicators[j].kind == IND_COUNT && indicators[j].count == ind->count)
				fail_msg("'%s' and '%s' count the same", indicators[j].key, ind->key);
	}
	assert_int_equal(sections, 5);
	assert_null(indicator_find("nothing"));
	assert_null(indicator_find(NULL));
}

/* ---- a database ---- */

static int64_t add_person(const char *name, const char *found, int n)
{
	struct person_input in;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct person p;
	char id[19];
	int64_t existing;
	int nerr;

	snprintf(id, sizeof(id), "36082519700101%03d", 100 + 2 * n);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	memset(&in, 0, sizeof(in));
	in.id_number = id;
	in.name = name;
	in.division = EJ;
	in.first_found_date = found;
	in.control_status = "in_control";
	in.addiction = "use";
	in.registered = "1";
	if (person_create(db, &who, &in, &a, &p, errs, &nerr, &existing, &err) != 0)
		fail_msg("person %s: %s %s", name, err.buf, nerr ? errs[0].message : "");
	arena_release(&a);
	buf_release(&err);
	return p.id;
}

static int setup(void **state)
{
	struct buf err = BUF_INIT;
	char path[128];

	setenv("JINDU_TODAY", TODAY, 1);
	strcpy(dir, "/tmp/jindu-indicator-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/jindu.db", dir);
	store = store_open(path, NULL, 1, &err);
	if (!store)
		return -1;
	db = store_get(store);
	if (setup_database(db, "360825", "Correct-horse-42", &err) < 0) {
		fprintf(stderr, "%s\n", err.buf);
		return -1;
	}
	who = setup_cli_actor;
	who.prefix = "360825";
	buf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	store_put(db);
	store_close(store);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The county's figure of count key over the days from..to. */
static int64_t figure(const char *key, int from, int to)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct town_count *rows;
	struct count_period p;
	int64_t sum = 0;
	int n, i;

	p.from = from;
	p.to = to;
	p.start = p.end = 0;
	if (store_count_by_town(db, indicator_find(key)->count, "360825", &p, &a, &rows, &n, &err) < 0)
		fail_msg("%s: %s", key, err.buf);
	for (i = 0; i < n; i++)
		sum += rows[i].n;
	arena_release(&a);
	buf_release(&err);
	return sum;
}

/* The kept periods of the measure as "start-due-done" lines. */
static const char *kept(int64_t mid)
{
	static char out[1024];
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct test_period *t;
	size_t len = 0;
	int n, i;

	out[0] = '\0';
	if (store_test_periods(db, mid, &a, &t, &n, &err) < 0)
		fail_msg("%s", err.buf);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%d-%d-%d", i ? " " : "",
					t[i].period_start % 10000, t[i].due % 10000, t[i].done_date % 10000);
	arena_release(&a);
	buf_release(&err);
	return out;
}

static void change(int64_t mid, enum measure_action action, int date, const char *reason)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct measure cur;
	struct measure_change c;

	memset(&c, 0, sizeof(c));
	c.action = action;
	c.date = date;
	c.reason = reason;
	if (store_measure_get(db, mid, &a, &cur, &err) != 0 ||
	    control_measure_change(db, &who, mid, cur.version, &c, &err) != 0)
		fail_msg("change %d: %s", (int)action, err.buf);
	arena_release(&a);
	buf_release(&err);
}

static void add_test(int64_t pid, int date, const char *result)
{
	struct buf err = BUF_INIT;
	struct drug_test t;
	int relapse;
	memset(&t, 0, sizeof(t));
	t.person_id = pid;
	t.date = date;
	t.method = "urine";
	t.result = result;
	if (control_test_add(db, &who, &t, &relapse, &err) != 0)
		fail_msg("test: %s", err.buf);
	buf_release(&err);
}

static void prepare(int today)
{
	struct buf err = BUF_INIT;
	struct policy pol;
	if (control_policy(db, &pol, &err) < 0 || kept_prepare(db, "", &pol, today, NULL, &err) < 0)
		fail_msg("prepare: %s", err.buf);
	buf_release(&err);
}

/*
 * A community measure reported on 10 January: every 30 days a test is due
 * (low risk, first year), from the report up to the period of today
 * (15 June). What obligation_schedule says is kept, row for row, and
 * follows the records: a test done, the next period begun, the end.
 */
static void test_kept_periods(void **state)
{
	struct buf err = BUF_INIT;
	struct measure m;
	int64_t pid = add_person("欧阳周期", "2025-12-01", 1), mid;
	(void)state;

	memset(&m, 0, sizeof(m));
	m.person_id = pid;
	m.kind = "community";
	m.decision_date = 20260105;
	m.division = EJ;
	{
		int warning;
		if (control_measure_decide(db, &who, &m, &warning, &err) != 0)
			fail_msg("decide: %s", err.buf);
	}
	mid = m.id;
	assert_string_equal(kept(mid), ""); /* decided: nothing falls due before the report */
	change(mid, MA_REPORT, 20260110, NULL);
	assert_string_equal(kept(mid),
			    "110-208-0 209-310-0 311-409-0 410-509-0 510-608-0 609-708-0");
	assert_int_equal(figure("tests_due", 20260101, 20260331), 2);
	assert_int_equal(figure("tests_done", 20260101, 20260331), 0);

	/* a test in the second period, a refusal in the third: one done */
	add_test(pid, 20260301, "negative");
	add_test(pid, 20260320, "refused");
	assert_string_equal(kept(mid),
			    "110-208-0 209-310-301 311-409-0 410-509-0 510-608-0 609-708-0");
	assert_int_equal(figure("tests_done", 20260101, 20260331), 1);
	assert_int_equal(figure("tests_due", 20260401, 20260630), 3);

	/* the kept rows hold until the current period's end; the day after,
	 * the next period begins */
	prepare(20260708);
	assert_string_equal(kept(mid),
			    "110-208-0 209-310-301 311-409-0 410-509-0 510-608-0 609-708-0");
	prepare(20260709);
	assert_string_equal(kept(mid), "110-208-0 209-310-301 311-409-0 410-509-0 510-608-0 "
				       "609-708-0 709-807-0");
	assert_int_equal(figure("tests_due", 20260701, 20260930), 2);

	/* ended on 20 April: the period open then lapses, nothing after */
	change(mid, MA_END, 20260420, "relapse");
	assert_string_equal(kept(mid), "110-208-0 209-310-301 311-409-0");
	assert_int_equal(figure("tests_due", 20260401, 20260630), 1);
	assert_int_equal(figure("tests_due", 20260701, 20260930), 0);
	buf_release(&err);
}

/* A file without measures, worked on (so its clean clock is computed):
 * three clean years from the day found; five when the policy says five. */
static void test_clean_days(void **state)
{
	struct buf err = BUF_INIT;
	struct contact c;
	struct policy pol;
	char *json;
	int version;
	int64_t pid = add_person("欧阳戒断", "2020-02-29", 2);
	(void)state;

	memset(&c, 0, sizeof(c));
	c.person_id = pid;
	c.kind = "visit";
	c.date = 20210105;
	c.outcome = "met";
	if (control_contact_add(db, &who, &c, &err) != 0)
		fail_msg("visit: %s", err.buf);
	/* from 29 February: complete on 28 February three years on, so at
	 * the end of that month (figures are counted at a month's end), not
	 * only of March */
	assert_int_equal(figure("clean3y", 20230101, 20230131), 0);
	assert_int_equal(figure("clean3y", 20230201, 20230228), 1);

	if (control_policy(db, &pol, &err) < 0)
		fail_msg("%s", err.buf);
	pol.clean_years = 5;
	json = policy_to_json(&pol);
	if (control_policy_save(db, &who, json, "五年", &version, &err) != 0)
		fail_msg("policy: %s", err.buf);
	free(json);
	prepare(20260615);
	assert_int_equal(figure("clean3y", 20230201, 20230228), 0);
	assert_int_equal(figure("clean3y", 20250201, 20250228), 1);
	/* and back */
	pol.clean_years = 3;
	json = policy_to_json(&pol);
	if (control_policy_save(db, &who, json, "三年", &version, &err) != 0)
		fail_msg("policy: %s", err.buf);
	free(json);
	prepare(20260615);
	assert_int_equal(figure("clean3y", 20230201, 20230228), 1);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_kept_periods),
		cmocka_unit_test(test_clean_days),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
