/* idcard-test.c - GB 11643 numbers: check character, dates at their edges, upgrade, mask, age. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/idcard.h"

#include <string.h>

#define TODAY 20260115

static void test_check_char(void **state)
{
	static const struct {
		const char *first17;
		char want;
	} cases[] = {
		{ "11010519491231002", 'X' }, /* GB 11643 examples */
		{ "44052418800101001", '4' },
		{ "36082519900101123", '2' },
		{ "36082520240229002", 'X' },
		{ "36082519900101001", '0' }, /* S = 1 */
		{ "36082519900101006", '1' }, /* S = 0 */
		{ "81000019900101001", '9' },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(idcard_check_char(cases[i].first17), cases[i].want);
}

static void test_valid(void **state)
{
	static const struct {
		const char *in;
		int today;
		const char *number;
		int y, m, d, male, upgraded;
	} cases[] = {
		{ "11010519491231002X", TODAY, "11010519491231002X", 1949, 12, 31, 0, 0 },
		{ "11010519491231002x", TODAY, "11010519491231002X", 1949, 12, 31, 0, 0 },
		{ "  11010519491231002X\t\r", TODAY, "11010519491231002X", 1949, 12, 31, 0, 0 },
		{ "360825199001011232", TODAY, "360825199001011232", 1990, 1, 1, 1, 0 },
		/* leap days: 2024 and 2000 (divisible by 400) */
		{ "36082520240229002X", TODAY, "36082520240229002X", 2024, 2, 29, 0, 0 },
		{ "360825200002290013", TODAY, "360825200002290013", 2000, 2, 29, 1, 0 },
		/* the first day accepted, and the standard's own 1880 example */
		{ "360825185001010013", TODAY, "360825185001010013", 1850, 1, 1, 1, 0 },
		{ "440524188001010014", TODAY, "440524188001010014", 1880, 1, 1, 1, 0 },
		{ "36082519000101001X", TODAY, "36082519000101001X", 1900, 1, 1, 1, 0 },
		/* born today is fine; 0 skips the "after today" test */
		{ "360825202601150011", TODAY, "360825202601150011", 2026, 1, 15, 1, 0 },
		{ "360825202601160017", 0, "360825202601160017", 2026, 1, 16, 1, 0 },
		/* residence permits and the foreigners' card */
		{ "810000199001010019", TODAY, "810000199001010019", 1990, 1, 1, 1, 0 },
		{ "910000199001010012", TODAY, "910000199001010012", 1990, 1, 1, 1, 0 },
		{ "710000199001010015", TODAY, "710000199001010015", 1990, 1, 1, 1, 0 },
		/* 15-digit legacy numbers: "19" inserted, check character computed */
		{ "110105491231002", TODAY, "11010519491231002X", 1949, 12, 31, 0, 1 },
		{ " 360825900101123 ", TODAY, "360825199001011232", 1990, 1, 1, 1, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct idcard id;
		struct buf err = BUF_INIT;
		int rc = idcard_parse(cases[i].in, cases[i].today, &id, &err);
		if (rc != 0)
			fail_msg("'%s' refused: %s", cases[i].in, err.buf);
		assert_string_equal(id.number, cases[i].number);
		assert_int_equal(strlen(id.number), 18);
		assert_memory_equal(id.region, cases[i].number, 6);
		assert_int_equal(strlen(id.region), 6);
		assert_int_equal(id.year, cases[i].y);
		assert_int_equal(id.month, cases[i].m);
		assert_int_equal(id.day, cases[i].d);
		assert_int_equal(id.male, cases[i].male);
		assert_int_equal(id.upgraded, cases[i].upgraded);
		assert_string_equal(err.buf, "");
		buf_release(&err);
	}
}

static void test_invalid(void **state)
{
	static const struct {
		const char *in;
		int today;
		const char *msg; /* part of the message that says what is wrong */
	} cases[] = {
		/* wrong check character: the message names the right one */
		{ "110105194912310021", TODAY, "末位应为“X”" },
		{ "11010519491231002Y", TODAY, "末位为数字或X" },
		{ "440524199001010015", TODAY, "校验位错误" },
		{ "36082519900101123X", TODAY, "末位应为“2”" },
		/* length */
		{ "", TODAY, "现为0位" },
		{ "   ", TODAY, "现为0位" },
		{ "1101051949123100", TODAY, "现为16位" },
		{ "11010519491231002", TODAY, "现为17位" },
		{ "11010519491231002X1", TODAY, "现为19位" },
		{ "1101051949123", TODAY, "现为13位" },
		/* characters that are not digits */
		{ "1101051949123100AX", TODAY, "前17位须为数字" },
		{ "X1010519491231002X", TODAY, "前17位须为数字" },
		{ "11010519491231002 ", TODAY, "现为17位" },
		{ "110105 9491231002X", TODAY, "前17位须为数字" },
		{ "11010549123100X", TODAY, "15位身份证号只能由数字组成" },
		{ "11010549123100x", TODAY, "15位身份证号只能由数字组成" },
		/* province */
		{ "000825199001010019", TODAY, "“00”不是有效的省级" },
		{ "990825199001010018", TODAY, "“99”不是有效的省级" },
		{ "100825199001010012", TODAY, "“10”不是有效的省级" },
		{ "000825900101001", TODAY, "“00”不是有效的省级" },
		/* dates that do not exist */
		{ "360825199902300015", TODAY, "“19990230”不是有效日期" },
		{ "360825202302290014", TODAY, "“20230229”不是有效日期" },
		{ "360825190002290017", TODAY, "“19000229”不是有效日期" },
		{ "360825202413010011", TODAY, "“20241301”不是有效日期" },
		{ "360825202401000019", TODAY, "“20240100”不是有效日期" },
		{ "360825202404310012", TODAY, "“20240431”不是有效日期" },
		{ "36082500000101001X", TODAY, "“00000101”不是有效日期" },
		{ "110105490230002", TODAY, "“19490230”不是有效日期" },
		/* before 1850 */
		{ "360825184912310012", TODAY, "“18491231”不是有效日期" },
		/* born after today */
		{ "360825202601160017", TODAY, "“20260116”晚于今天" },
		{ "360825202402290011", 20240228, "“20240229”晚于今天" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct idcard id;
		struct buf err = BUF_INIT;
		int rc = idcard_parse(cases[i].in, cases[i].today, &id, &err);
		if (rc != -1)
			fail_msg("'%s' accepted as %s", cases[i].in, id.number);
		if (!strstr(err.buf, cases[i].msg))
			fail_msg("'%s': message '%s' lacks '%s'", cases[i].in, err.buf,
				 cases[i].msg);
		/* Nothing half-parsed is left behind. */
		assert_string_equal(id.number, "");
		buf_release(&err);
	}
}

static void test_sex_parity(void **state)
{
	static const struct {
		const char *in;
		int male;
	} cases[] = {
		{ "360825199001010010", 1 }, /* 17th digit 1 */
		{ "360825199001010029", 0 }, /* 2 */
		{ "360825199001010037", 1 }, /* 3 */
		{ "360825199001010045", 0 }, /* 4 */
		{ "11010519491231002X", 0 },
		{ "360825200002290013", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct idcard id;
		struct buf err = BUF_INIT;
		assert_int_equal(idcard_parse(cases[i].in, TODAY, &id, &err), 0);
		assert_int_equal(id.male, cases[i].male);
		buf_release(&err);
	}
}

static void test_mask(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "11010519491231002X", "1101**********002X" },
		{ "360825199001011232", "3608**********1232" },
		{ "123456789", "1234*6789" },
		{ "12345678", "12345678" },
		{ "123", "123" },
		{ "", "" },
		/* anything longer is cut to 18 before masking */
		{ "3608251990010112329999", "3608**********1232" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[19];
		memset(out, '#', sizeof(out));
		idcard_mask(cases[i].in, out);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_age(void **state)
{
	static const struct {
		const char *number;
		int at, want;
	} cases[] = {
		{ "11010519491231002X", 20241230, 74 }, /* the day before the birthday */
		{ "11010519491231002X", 20241231, 75 }, /* the birthday itself */
		{ "11010519491231002X", 20250101, 75 },
		{ "11010519491231002X", 19491231, 0 },
		{ "360825199001011232", 20151231, 25 },
		{ "360825199001011232", 20160101, 26 },
		/* born on a leap day: one year older on 1 March in common years */
		{ "360825200002290013", 20230228, 22 },
		{ "360825200002290013", 20230301, 23 },
		{ "360825200002290013", 20240228, 23 },
		{ "360825200002290013", 20240229, 24 },
		/* the 16th birthday (card validity changes there) */
		{ "36082520240229002X", 20400228, 15 },
		{ "36082520240229002X", 20400229, 16 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct idcard id;
		struct buf err = BUF_INIT;
		assert_int_equal(idcard_parse(cases[i].number, 0, &id, &err), 0);
		if (idcard_age(&id, cases[i].at) != cases[i].want)
			fail_msg("%s at %d: age %d, want %d", cases[i].number, cases[i].at,
				 idcard_age(&id, cases[i].at), cases[i].want);
		buf_release(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_char),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_sex_parity),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
