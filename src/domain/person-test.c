/* person-test.c - validation of person files: each bad field named, dates at their edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/person.h"

#include <stdio.h>
#include <string.h>

#define TODAY 20260115
#define SCOPE "360825"

/* A complete, valid new file; each test changes one thing. */
static struct person_input valid_input(void)
{
	struct person_input in;
	memset(&in, 0, sizeof(in));
	in.id_number = "360825199001011232";
	in.name = "张三";
	in.alias = "三儿";
	in.ethnicity = "汉族";
	in.phone = "138-0000 0000";
	in.household_division = "360825100";
	in.household_address = "恩江镇某村";
	in.residence_address = "恩江镇某街";
	in.division = "360825100201";
	in.registered = "1";
	in.control_status = "in_control";
	in.addiction = "addicted";
	in.drug_types = "heroin,meth";
	in.first_found_date = "2015-06-01";
	in.first_found_unit = "县公安局禁毒大队";
	in.employment = "无业";
	in.special_status = "";
	in.note = "";
	return in;
}

static void set_field(struct person_input *in, size_t off, const char *value)
{
	memcpy((char *)in + off, &value, sizeof(value));
}

static const char *errors_text(const struct field_error *errs, int n, char *out, size_t size)
{
	int i;
	size_t used = 0;
	out[0] = '\0';
	for (i = 0; i < n && i < PERSON_MAX_ERRORS && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "[%s: %s]", errs[i].field,
					 errs[i].message);
	return out;
}

static void test_valid(void **state)
{
	struct person_input in = valid_input();
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct person p;
	char text[2000];
	int n;

	memset(&p, 0, sizeof(p));
	n = person_check(&in, 1, SCOPE, TODAY, &a, &p, errs);
	if (n != 0)
		fail_msg("valid input refused: %s", errors_text(errs, n, text, sizeof(text)));
	/* identity comes from the ID number */
	assert_string_equal(p.id_number, "360825199001011232");
	assert_string_equal(p.id_masked, "3608**********1232");
	assert_string_equal(p.sex, "M");
	assert_int_equal(p.birth_date, 19900101);
	assert_string_equal(p.name, "张三");
	assert_string_equal(p.division, "360825100201");
	assert_int_equal(p.registered, 1);
	assert_string_equal(p.control_status, "in_control");
	assert_string_equal(p.addiction, "addicted");
	assert_string_equal(p.drug_types, "heroin,meth");
	assert_int_equal(p.first_found_date, 20150601);
	arena_release(&a);
}

static void test_normalising(void **state)
{
	struct person_input in = valid_input();
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct person p;

	/* female, legacy 15-digit number, lower-case x, spaces, defaults */
	in.id_number = " 11010519491231002x ";
	in.name = "  李四\t";
	in.division = " 360825100 ";
	in.registered = "0";
	in.control_status = "";
	in.addiction = NULL;
	in.drug_types = "";
	in.ethnicity = "";
	in.phone = "";
	in.first_found_date = "20000101";
	memset(&p, 0, sizeof(p));
	assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 0);
	assert_string_equal(p.id_number, "11010519491231002X");
	assert_string_equal(p.sex, "F");
	assert_int_equal(p.birth_date, 19491231);
	assert_string_equal(p.name, "李四");
	assert_string_equal(p.division, "360825100");
	assert_int_equal(p.registered, 0);
	assert_string_equal(p.control_status, "in_control");
	assert_string_equal(p.addiction, "use");
	assert_int_equal(p.first_found_date, 20000101);

	in.id_number = "360825900101123"; /* 15 digits: upgraded */
	memset(&p, 0, sizeof(p));
	assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 0);
	assert_string_equal(p.id_number, "360825199001011232");
	assert_string_equal(p.sex, "M");
	arena_release(&a);
}

static char long_text[4100];

static void test_each_bad_field(void **state)
{
#define F(x) offsetof(struct person_input, x)
	const char *end = long_text + sizeof(long_text) - 1; /* strings of any length up to 4099 */
	const struct {
		size_t off;
		const char *value;
		const char *field;
		const char *msg;
	} cases[] = {
		{ F(id_number), "", "id_number", "请填写身份证号" },
		{ F(id_number), "  ", "id_number", "请填写身份证号" },
		{ F(id_number), "360825199001011233", "id_number", "末位应为“2”" },
		{ F(id_number), "36082519900101123", "id_number", "现为17位" },
		{ F(id_number), "360825202601160017", "id_number", "晚于今天" },
		{ F(name), "", "name", "请填写姓名" },
		{ F(name), " \t ", "name", "请填写姓名" },
		{ F(name), NULL, "name", "请填写姓名" },
		{ F(name), end - 61, "name", "姓名过长" }, /* 60 bytes + 1 */
		{ F(alias), end - 121, "alias", "别名过长" },
		{ F(ethnicity), "火星族", "ethnicity", "民族" },
		{ F(phone), "138abc", "phone", "电话号码" },
		{ F(phone), "138 0000 0000 0000 000", "phone", "电话号码" }, /* 22 characters */
		{ F(household_division), "36082", "household_division", "6、9或12位" },
		{ F(residence_address), end - 301, "residence_address", "地址过长" },
		{ F(household_address), end - 301, "residence_address", "地址过长" },
		{ F(division), "", "division", "请选择管控责任地" },
		{ F(division), "360825", "division", "应为乡镇" },       /* county */
		{ F(division), "360800", "division", "应为乡镇" },       /* city */
		{ F(division), "36082510", "division", "应为乡镇" },     /* not a code */
		{ F(division), "360826100", "division", "不在您的辖区内" }, /* next county */
		{ F(division), "360826100201", "division", "不在您的辖区内" },
		{ F(division), "440305001", "division", "不在您的辖区内" },
		{ F(control_status), "escaped", "control_status", "管控状态无效" },
		{ F(addiction), "heavy", "addiction", "成瘾认定无效" },
		{ F(drug_types), "heroin,coffee", "drug_types", "滥用毒品种类无效" },
		{ F(drug_types), "coffee", "drug_types", "滥用毒品种类无效" },
		{ F(drug_types), "heroin,,meth", "drug_types", "滥用毒品种类无效" },
		{ F(drug_types), ",heroin", "drug_types", "滥用毒品种类无效" },
		{ F(drug_types), "Heroin", "drug_types", "滥用毒品种类无效" },
		{ F(drug_types), "heroin, meth", "drug_types", "滥用毒品种类无效" },
		{ F(first_found_date), "", "first_found_date", "请填写初次发现日期" },
		{ F(first_found_date), "2024/01/31", "first_found_date", "日期格式" },
		{ F(first_found_date), "2023-02-29", "first_found_date", "日期格式" },
		{ F(first_found_date), "2024-1-31", "first_found_date", "日期格式" },
		{ F(first_found_date), "2026-01-16", "first_found_date", "不能晚于今天" },
		{ F(first_found_date), "1989-12-31", "first_found_date", "早于出生日期" },
		{ F(special_status), "hiv,vip", "special_status", "特殊人员类别无效" },
		{ F(note), end - 4001, "note", "备注过长" },
	};
#undef F
	size_t i;

	memset(long_text, 'a', sizeof(long_text) - 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct person_input in = valid_input();
		struct field_error errs[PERSON_MAX_ERRORS];
		struct arena a = ARENA_INIT;
		struct person p;
		char text[2000];
		int n;

		set_field(&in, cases[i].off, cases[i].value);
		memset(&p, 0, sizeof(p));
		n = person_check(&in, 1, SCOPE, TODAY, &a, &p, errs);
		if (n != 1 || strcmp(errs[0].field, cases[i].field) ||
		    !strstr(errs[0].message, cases[i].msg))
			fail_msg("case %zu (%s): got %d error(s) %s, want one on '%s' with '%s'", i,
				 cases[i].field, n, errors_text(errs, n, text, sizeof(text)),
				 cases[i].field, cases[i].msg);
		arena_release(&a);
	}
}

/* Lengths exactly at each limit pass; one byte more fails. */
static void test_length_limits(void **state)
{
	static const struct {
		size_t off, limit;
		const char *field;
	} cases[] = {
		{ offsetof(struct person_input, name), 60, "name" },
		{ offsetof(struct person_input, alias), 120, "alias" },
		{ offsetof(struct person_input, household_address), 300, "residence_address" },
		{ offsetof(struct person_input, residence_address), 300, "residence_address" },
		{ offsetof(struct person_input, note), 4000, "note" },
	};
	size_t i;

	memset(long_text, 'b', sizeof(long_text) - 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct person_input in = valid_input();
		struct field_error errs[PERSON_MAX_ERRORS];
		struct arena a = ARENA_INIT;
		struct person p;
		const char *end = long_text + sizeof(long_text) - 1;

		memset(&p, 0, sizeof(p));
		set_field(&in, cases[i].off, end - cases[i].limit);
		assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 0);
		set_field(&in, cases[i].off, end - cases[i].limit - 1);
		assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 1);
		assert_string_equal(errs[0].field, cases[i].field);
		arena_release(&a);
	}
}

static void test_phone_limit(void **state)
{
	struct person_input in = valid_input();
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct person p;

	memset(&p, 0, sizeof(p));
	in.phone = "+86 138-0000-0000 12"; /* 20 characters */
	assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 0);
	in.phone = "+86 138-0000-0000 123";
	assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 1);
	assert_string_equal(errs[0].field, "phone");
	arena_release(&a);
}

static void test_date_edges(void **state)
{
	static const struct {
		const char *date;
		int today;
		int want; /* the date stored, 0 when refused */
	} cases[] = {
		{ "2026-01-15", TODAY, 20260115 },    /* today itself */
		{ "2026-01-16", TODAY, 0 },
		{ "1990-01-01", TODAY, 19900101 },    /* the day of birth */
		{ "1989-12-31", TODAY, 0 },
		{ "2024-02-29", 20240229, 20240229 }, /* a leap day that is today */
		{ "2024-02-29", 20240228, 0 },
		{ "20240229", 20240301, 20240229 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct person_input in = valid_input();
		struct field_error errs[PERSON_MAX_ERRORS];
		struct arena a = ARENA_INIT;
		struct person p;
		int n;

		memset(&p, 0, sizeof(p));
		in.first_found_date = cases[i].date;
		n = person_check(&in, 1, SCOPE, cases[i].today, &a, &p, errs);
		if (n != !cases[i].want)
			fail_msg("%s with today %d: %d error(s)", cases[i].date, cases[i].today, n);
		assert_int_equal(p.first_found_date, cases[i].want);
		if (!cases[i].want)
			assert_string_equal(errs[0].field, "first_found_date");
		arena_release(&a);
	}
}

static void test_scope(void **state)
{
	static const struct {
		const char *scope, *division;
		int ok;
	} cases[] = {
		{ "", "440305001", 1 },          /* "" sees everything */
		{ "36", "360825100", 1 },        /* a province-level office */
		{ "3608", "360826100", 1 },      /* a city-level office */
		{ "360825100", "360825100201", 1 }, /* a township officer */
		{ "360825100", "360825101201", 0 },
		{ "360825100201", "360825100201", 1 },
		{ "360825100201", "360825100202", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct person_input in = valid_input();
		struct field_error errs[PERSON_MAX_ERRORS];
		struct arena a = ARENA_INIT;
		struct person p;
		int n;

		memset(&p, 0, sizeof(p));
		in.division = cases[i].division;
		n = person_check(&in, 1, cases[i].scope, TODAY, &a, &p, errs);
		if (n != !cases[i].ok)
			fail_msg("%s in scope '%s': %d error(s)", cases[i].division, cases[i].scope, n);
		arena_release(&a);
	}
}

static void test_many_errors(void **state)
{
	struct person_input in;
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct person p;

	/* everything missing: ID, name, division, first-found date */
	memset(&in, 0, sizeof(in));
	memset(&p, 0, sizeof(p));
	assert_int_equal(person_check(&in, 1, SCOPE, TODAY, &a, &p, errs), 4);
	assert_string_equal(errs[0].field, "id_number");
	assert_string_equal(errs[1].field, "name");
	assert_string_equal(errs[2].field, "division");
	assert_string_equal(errs[3].field, "first_found_date");
	arena_release(&a);
}

static void test_editing_ignores_id(void **state)
{
	struct person_input in = valid_input();
	struct field_error errs[PERSON_MAX_ERRORS];
	struct arena a = ARENA_INIT;
	struct person p;

	memset(&p, 0, sizeof(p));
	p.id = 7;
	p.id_number = "11010519491231002X";
	p.id_masked = "1101**********002X";
	p.sex = "F";
	p.birth_date = 19491231;
	in.id_number = "not an ID number";
	in.name = "王五";
	assert_int_equal(person_check(&in, 0, SCOPE, TODAY, &a, &p, errs), 0);
	assert_string_equal(p.id_number, "11010519491231002X");
	assert_string_equal(p.id_masked, "1101**********002X");
	assert_string_equal(p.sex, "F");
	assert_int_equal(p.birth_date, 19491231);
	assert_int_equal(p.id, 7);
	assert_string_equal(p.name, "王五");

	in.id_number = NULL;
	assert_int_equal(person_check(&in, 0, SCOPE, TODAY, &a, &p, errs), 0);

	/* the kept birth date still bounds the first-found date */
	in.first_found_date = "1949-12-30";
	assert_int_equal(person_check(&in, 0, SCOPE, TODAY, &a, &p, errs), 1);
	assert_string_equal(errs[0].field, "first_found_date");
	in.first_found_date = "1949-12-31";
	assert_int_equal(person_check(&in, 0, SCOPE, TODAY, &a, &p, errs), 0);
	arena_release(&a);
}

static void test_choice_lists(void **state)
{
	const struct choice *lists[] = { person_control_statuses, person_addiction_levels,
					 person_drug_types, person_special_statuses,
					 person_close_reasons, person_ethnicities };
	size_t i;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const struct choice *c, *d;
		assert_non_null(lists[i][0].key);
		for (c = lists[i]; c->key; c++) {
			assert_true(strlen(c->label) > 0);
			assert_ptr_equal(choice_find(lists[i], c->key), c);
			for (d = lists[i]; d != c; d++)
				assert_string_not_equal(c->key, d->key);
		}
	}
	assert_string_equal(choice_label(person_drug_types, "heroin"), "海洛因");
	assert_string_equal(choice_label(person_drug_types, "unknown"), "unknown");
	assert_string_equal(choice_label(person_drug_types, NULL), "");
	assert_int_equal(choice_valid_set(person_drug_types, ""), 1);
	assert_int_equal(choice_valid_set(person_drug_types, NULL), 1);
	assert_int_equal(choice_valid_set(person_drug_types, "heroin,meth,nps"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_normalising),
		cmocka_unit_test(test_each_bad_field),
		cmocka_unit_test(test_length_limits),
		cmocka_unit_test(test_phone_limit),
		cmocka_unit_test(test_date_edges),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_editing_ignores_id),
		cmocka_unit_test(test_choice_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
