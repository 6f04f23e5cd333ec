/* control-methadone-test.c - months of methadone on a real database: add, replace, refuse, audit, counts for bulletins. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/control.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/person.h"
#include "domain/setup.h"
#include "lib/idcard.h"

#define TODAY "2026-06-15"
#define EJ "360825100" /* 恩江镇 */
#define KT "360825101" /* 坑田镇 */

static char dir[64];
static struct store *store;
static struct db *db;
static struct actor who;
static int64_t A, B, C, D;

static int64_t add_person(const char *name, const char *division, int n)
{
	struct person_input in;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct person p;
	char id[19];
	int64_t existing;
	int nerr;

	snprintf(id, sizeof(id), "36082519800101%03d", 100 + 2 * n);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	memset(&in, 0, sizeof(in));
	in.id_number = id;
	in.name = name;
	in.division = division;
	in.first_found_date = "2020-01-01";
	in.control_status = "in_control";
	in.addiction = "use";
	in.registered = "1";
	if (person_create(db, &who, &in, &a, &p, errs, &nerr, &existing, &err) != 0)
		fail_msg("person %s: %s %s", name, err.buf, nerr ? errs[0].message : "");
	arena_release(&a);
	buf_release(&err);
	return p.id;
}

static void enrol(int64_t pid, int start, int end, const char *clinic)
{
	struct buf err = BUF_INIT;
	struct assistance as;
	memset(&as, 0, sizeof(as));
	as.person_id = pid;
	as.kind = "methadone";
	as.start_date = start;
	as.end_date = end;
	as.provider = clinic;
	if (control_assistance_add(db, &who, &as, &err) != 0)
		fail_msg("enrolment: %s", err.buf);
	buf_release(&err);
}

/* Records a month; returns what control_methadone_put returned, the
 * result and the reason in *why (static, for the test's messages). */
static int put(const struct actor *by, int64_t pid, int month, const char *clinic, int due,
	       int taken, int dose, enum methadone_result *res, const char **why)
{
	static char reason[512];
	struct buf err = BUF_INIT;
	struct methadone_month m;
	int rc;

	memset(&m, 0, sizeof(m));
	m.person_id = pid;
	m.month = month;
	m.clinic = clinic;
	m.days_due = due;
	m.days_taken = taken;
	m.dose_tenths = dose;
	m.source = "entered";
	rc = control_methadone_put(db, by, &m, res, &err);
	snprintf(reason, sizeof(reason), "%s", err.buf);
	if (why)
		*why = reason;
	buf_release(&err);
	return rc;
}

static void put_ok(int64_t pid, int month, int due, int taken, int dose,
		   enum methadone_result want)
{
	enum methadone_result res;
	const char *why;
	int rc = put(&who, pid, month, "", due, taken, dose, &res, &why);
	if (rc != 0 || res != want)
		fail_msg("%d: rc %d, result %d (want %d): %s", month, rc, res, want, why);
}

static int setup(void **state)
{
	struct buf err = BUF_INIT;
	char path[128];

	setenv("JINDU_TODAY", TODAY, 1);
	strcpy(dir, "/tmp/jindu-methadone-XXXXXX");
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

	A = add_person("欧阳甲", EJ, 1);
	B = add_person("欧阳乙", EJ, 2);
	C = add_person("司马丙", KT, 3);
	D = add_person("欧阳丁", EJ, 4);
	enrol(A, 20251110, 0, "县美沙酮门诊");
	enrol(B, 20260201, 20260430, "县美沙酮门诊");
	enrol(C, 20250101, 0, "坑田延伸点");
	enrol(D, 20250601, 0, "县美沙酮门诊");
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

static void test_put(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct methadone_month *mm;
	struct audit_filter f;
	struct audit_entry *e;
	int64_t total;
	int n;

	put_ok(A, 202605, 31, 26, 555, METHADONE_ADDED);
	/* the clinic came from the enrolment */
	assert_int_equal(store_methadone_list(db, A, &a, &mm, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(mm[0].clinic, "县美沙酮门诊");
	assert_string_equal(mm[0].source, "entered");
	/* the same again: nothing written */
	put_ok(A, 202605, 31, 26, 555, METHADONE_UNCHANGED);
	/* corrected: replaced */
	put_ok(A, 202605, 31, 27, 555, METHADONE_UPDATED);
	assert_int_equal(store_methadone_list(db, A, &a, &mm, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(mm[0].days_taken, 27);

	memset(&f, 0, sizeof(f));
	f.entity = "methadone_month";
	f.limit = 10;
	assert_int_equal(store_audit_list(db, &f, &a, &e, &n, &total, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].action, "update");
	assert_string_equal(e[0].summary, "欧阳甲 2026-05 美沙酮服药");
	assert_string_equal(e[0].changes, "{\"days_taken\":[26,27]}");
	assert_string_equal(e[1].action, "create");
	assert_non_null(strstr(e[1].changes, "\"dose_mg\":[null,\"55.5\"]"));
	arena_release(&a);
	buf_release(&err);
}

static void test_refused(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct methadone_month *mm;
	struct actor kt = who;
	enum methadone_result res;
	const char *why;
	int n;

	assert_int_equal(put(&who, A, 202510, "", 31, 20, 500, &res, &why), CONTROL_REFUSED);
	assert_non_null(strstr(why, "早于美沙酮维持治疗入组日期 2025-11-10"));
	assert_int_equal(put(&who, A, 202607, "", 31, 20, 500, &res, &why), CONTROL_REFUSED);
	assert_non_null(strstr(why, "月份不能晚于本月"));
	assert_int_equal(put(&who, B, 202605, "", 31, 20, 500, &res, &why), CONTROL_REFUSED);
	assert_non_null(strstr(why, "已于 2026-04-30 结束"));
	/* every reason, joined */
	assert_int_equal(put(&who, A, 202602, "", 29, 30, 0, &res, &why), CONTROL_REFUSED);
	assert_string_equal(why, "应服药天数应在 1 到 28 之间（2026-02 有 28 天）；"
				 "实际服药天数应在 0 到应服药天数（29）之间；"
				 "有服药天数时，请填写平均剂量");
	/* another township's officer: no such person */
	kt.prefix = KT;
	assert_int_equal(put(&kt, A, 202604, "", 30, 20, 500, &res, &why), STORE_NOTFOUND);
	assert_int_equal(res, METHADONE_UNCHANGED);
	/* nothing of it written */
	assert_int_equal(store_methadone_list(db, A, &a, &mm, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_methadone_list(db, B, &a, &mm, &n, &err), 0);
	assert_int_equal(n, 0);
	/* this month, part of it: accepted */
	put_ok(A, 202606, 15, 15, 600, METHADONE_ADDED);
	arena_release(&a);
	buf_release(&err);
}

static void counts(const char *prefix, int from, int to, int64_t enrolled, int64_t recorded,
		   int64_t months, int64_t due, int64_t taken)
{
	struct buf err = BUF_INIT;
	struct methadone_counts c;

	memset(&c, 0x5a, sizeof(c));
	assert_int_equal(store_methadone_counts(db, prefix, from, to, &c, &err), 0);
	if (c.enrolled != enrolled || c.recorded != recorded || c.months != months ||
	    c.days_due != due || c.days_taken != taken)
		fail_msg("%s %d-%d: %lld %lld %lld %lld/%lld, want %lld %lld %lld %lld/%lld", prefix,
			 from, to, (long long)c.enrolled, (long long)c.recorded,
			 (long long)c.months, (long long)c.days_taken, (long long)c.days_due,
			 (long long)enrolled, (long long)recorded, (long long)months,
			 (long long)taken, (long long)due);
	buf_release(&err);
}

static void test_counts(void **state)
{
	struct buf err = BUF_INIT;

	/* A: 2026-05 (27/31) and 2026-06 (15/15) from the tests above */
	put_ok(A, 202601, 31, 31, 500, METHADONE_ADDED);
	put_ok(B, 202603, 31, 20, 450, METHADONE_ADDED);
	put_ok(C, 202602, 28, 14, 700, METHADONE_ADDED);
	put_ok(D, 202602, 28, 28, 600, METHADONE_ADDED);
	put_ok(C, 202512, 31, 31, 700, METHADONE_ADDED);
	/* D died on 2026-03-01: the file is closed */
	assert_int_equal(person_close(db, &who, D, "dead", 20260301, &err), 0);

	/* the county, the first half of 2026: A, B, C, D enrolled and recorded */
	counts("360825", 202601, 202606, 4, 4, 6, 31 + 31 + 15 + 31 + 28 + 28,
	       31 + 27 + 15 + 20 + 14 + 28);
	/* one township */
	counts(EJ, 202601, 202606, 3, 3, 5, 31 + 31 + 15 + 31 + 28, 31 + 27 + 15 + 20 + 28);
	counts(KT, 202601, 202606, 1, 1, 1, 28, 14);
	/* one month, at the range's edges */
	counts("360825", 202602, 202602, 4, 2, 2, 56, 42);
	counts("360825", 202512, 202512, 3, 1, 1, 31, 31); /* B was not yet enrolled */
	/* from April: D's file was closed before, B's enrolment ended in it */
	counts("360825", 202604, 202606, 3, 1, 2, 46, 42);
	/* from May: B's enrolment is over */
	counts("360825", 202605, 202606, 2, 1, 2, 46, 42);
	/* a township without any */
	counts("360825102", 202601, 202606, 0, 0, 0, 0, 0);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
