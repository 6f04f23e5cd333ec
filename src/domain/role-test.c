/* role-test.c - the permission matrix, cell by cell, and deny by default. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/role.h"

#include <string.h>

#define N ACC_NONE
#define R ACC_READ
#define W ACC_WRITE
/*
 * The matrix as the office signed it off, written out again here so that a
 * change in role.c has to be made twice, on purpose.
 */
static const enum access want[ROLE_COUNT][MOD_COUNT] = {
	/*                     HOME PERSON ORG USERS AUDIT FEED CASE STATS */
	[ROLE_ADMIN] =         { R,  W,     W,  W,    N,    W,   R,   R },
	[ROLE_POLICE] =        { R,  W,     R,  N,    N,    R,   W,   R },
	[ROLE_OFFICER] =       { R,  W,     R,  N,    N,    N,   N,   R },
	[ROLE_SOCIAL_WORKER] = { R,  W,     R,  N,    N,    N,   N,   R },
	[ROLE_MEMBER] =        { R,  N,     R,  N,    N,    N,   N,   N },
	[ROLE_LEADER] =        { R,  N,     R,  N,    N,    N,   R,   R },
	[ROLE_AUDITOR] =       { R,  N,     R,  N,    R,    N,   N,   N },
};
#undef N
#undef R
#undef W

static void test_matrix(void **state)
{
	int r, m;

	for (r = 0; r < ROLE_COUNT; r++) {
		for (m = 0; m < MOD_COUNT; m++) {
			enum access got = role_access((enum role)r, (enum module)m);
			if (got != want[r][m])
				fail_msg("%s on %s: %d, want %d", role_key((enum role)r),
					 module_key((enum module)m), got, want[r][m]);
			/* role_can agrees: write implies read; nothing implies write */
			assert_int_equal(role_can((enum role)r, (enum module)m, ACC_READ),
					 want[r][m] >= ACC_READ);
			assert_int_equal(role_can((enum role)r, (enum module)m, ACC_WRITE),
					 want[r][m] == ACC_WRITE);
			/* asking for nothing is never a grant */
			assert_int_equal(role_can((enum role)r, (enum module)m, ACC_NONE), 0);
		}
	}
}

static void test_deny_by_default(void **state)
{
	static const int bad_roles[] = { ROLE_NONE, ROLE_COUNT, ROLE_COUNT + 1, -2, 1000 };
	static const int bad_modules[] = { MOD_NONE, MOD_COUNT, MOD_COUNT + 1, -2, 1000 };
	size_t i;
	int m, r;

	for (i = 0; i < sizeof(bad_roles) / sizeof(bad_roles[0]); i++) {
		for (m = MOD_NONE; m <= MOD_COUNT; m++) {
			assert_int_equal(role_access((enum role)bad_roles[i], (enum module)m), ACC_NONE);
			assert_int_equal(role_can((enum role)bad_roles[i], (enum module)m, ACC_READ), 0);
		}
		assert_string_equal(role_key((enum role)bad_roles[i]), "");
		assert_string_equal(role_label((enum role)bad_roles[i]), "");
	}
	for (i = 0; i < sizeof(bad_modules) / sizeof(bad_modules[0]); i++) {
		for (r = ROLE_NONE; r <= ROLE_COUNT; r++) {
			assert_int_equal(role_access((enum role)r, (enum module)bad_modules[i]), ACC_NONE);
			assert_int_equal(role_can((enum role)r, (enum module)bad_modules[i], ACC_READ),
					 0);
		}
		assert_string_equal(module_key((enum module)bad_modules[i]), "");
		assert_string_equal(module_label((enum module)bad_modules[i]), "");
	}
}

/* The rules the matrix exists for, stated one by one. */
static void test_separation_of_duties(void **state)
{
	/* The auditor reads the audit log but no personal file, and writes nothing. */
	assert_true(role_can(ROLE_AUDITOR, MOD_AUDIT, ACC_READ));
	assert_false(role_can(ROLE_AUDITOR, MOD_AUDIT, ACC_WRITE));
	assert_false(role_can(ROLE_AUDITOR, MOD_PERSON, ACC_READ));
	assert_false(role_can(ROLE_AUDITOR, MOD_USERS, ACC_READ));
	/* The administrator manages users but cannot read the audit log. */
	assert_true(role_can(ROLE_ADMIN, MOD_USERS, ACC_WRITE));
	assert_false(role_can(ROLE_ADMIN, MOD_AUDIT, ACC_READ));
	/* Leaders and member units see aggregates only. */
	assert_false(role_can(ROLE_LEADER, MOD_PERSON, ACC_READ));
	assert_false(role_can(ROLE_MEMBER, MOD_PERSON, ACC_READ));
	assert_true(role_can(ROLE_LEADER, MOD_HOME, ACC_READ));
	/* Drug cases: the police keep them; the office and leaders read them;
	 * township staff, member units and the auditor do not see them. */
	assert_true(role_can(ROLE_POLICE, MOD_CASE, ACC_WRITE));
	assert_true(role_can(ROLE_LEADER, MOD_CASE, ACC_READ));
	assert_false(role_can(ROLE_LEADER, MOD_CASE, ACC_WRITE));
	assert_false(role_can(ROLE_ADMIN, MOD_CASE, ACC_WRITE));
	assert_false(role_can(ROLE_OFFICER, MOD_CASE, ACC_READ));
	assert_false(role_can(ROLE_SOCIAL_WORKER, MOD_CASE, ACC_READ));
	assert_false(role_can(ROLE_MEMBER, MOD_CASE, ACC_READ));
	assert_false(role_can(ROLE_AUDITOR, MOD_CASE, ACC_READ));
	/* Only the auditor reads the audit log; only the admin manages users. */
	{
		int r;
		for (r = 0; r < ROLE_COUNT; r++) {
			assert_int_equal(role_can((enum role)r, MOD_AUDIT, ACC_READ),
					 r == ROLE_AUDITOR);
			assert_int_equal(role_can((enum role)r, MOD_USERS, ACC_READ),
					 r == ROLE_ADMIN);
		}
	}
}

static void test_keys_round_trip(void **state)
{
	static const char *const keys[ROLE_COUNT] = {
		[ROLE_ADMIN] = "admin",     [ROLE_POLICE] = "police", [ROLE_OFFICER] = "officer",
		[ROLE_SOCIAL_WORKER] = "social_worker", [ROLE_MEMBER] = "member",
		[ROLE_LEADER] = "leader",   [ROLE_AUDITOR] = "auditor",
	};
	int r;

	for (r = 0; r < ROLE_COUNT; r++) {
		assert_string_equal(role_key((enum role)r), keys[r]);
		assert_int_equal(role_from_key(keys[r]), r);
		assert_int_equal(role_from_key(role_key((enum role)r)), r);
		assert_true(strlen(role_label((enum role)r)) > 0);
	}
	assert_int_equal(role_from_key(NULL), ROLE_NONE);
	assert_int_equal(role_from_key(""), ROLE_NONE);
	assert_int_equal(role_from_key("Admin"), ROLE_NONE);
	assert_int_equal(role_from_key("admin "), ROLE_NONE);
	assert_int_equal(role_from_key("adm"), ROLE_NONE);
	assert_int_equal(role_from_key("root"), ROLE_NONE);
}

static void test_module_keys(void **state)
{
	static const char *const keys[MOD_COUNT] = {
		[MOD_HOME] = "home", [MOD_PERSON] = "person", [MOD_ORG] = "org",
		[MOD_USERS] = "users", [MOD_AUDIT] = "audit", [MOD_FEED] = "feed",
		[MOD_CASE] = "case",
		[MOD_STATS] = "stats",
	};
	int m, n;

	for (m = 0; m < MOD_COUNT; m++) {
		assert_string_equal(module_key((enum module)m), keys[m]);
		assert_true(strlen(module_label((enum module)m)) > 0);
		for (n = 0; n < m; n++)
			assert_string_not_equal(module_label((enum module)m),
						module_label((enum module)n));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_deny_by_default),
		cmocka_unit_test(test_separation_of_duties),
		cmocka_unit_test(test_keys_round_trip),
		cmocka_unit_test(test_module_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
