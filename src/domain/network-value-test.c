/* network-value-test.c - values as matched, kinds from clerks' words, which links join what, masks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/network.h"

#include <string.h>

static void test_norm(void **state)
{
	static const struct {
		enum net_kind kind;
		const char *in, *out; /* out NULL: refused */
	} rows[] = {
		{ NET_PHONE, "13979651207", "13979651207" },
		{ NET_PHONE, "139 7965 1207", "13979651207" },
		{ NET_PHONE, "139-7965-1207", "13979651207" },
		{ NET_PHONE, "+86 139 7965 1207", "13979651207" },
		{ NET_PHONE, "008613979651207", "13979651207" },
		{ NET_PHONE, "8613979651207", "13979651207" },
		{ NET_PHONE, "(0796)2512345", "07962512345" },
		{ NET_PHONE, "８６１３９７９６５１２０７", "13979651207" }, /* full-width */
		{ NET_PHONE, "86 0796 2512345", "8607962512345" },       /* not a mobile: kept */
		{ NET_PHONE, "12345", "12345" },                         /* the shortest */
		{ NET_PHONE, "1234", NULL },
		{ NET_PHONE, "123456789012345678901", NULL },            /* 21 digits */
		{ NET_PHONE, "139x7965", NULL },
		{ NET_PHONE, "", NULL },
		{ NET_VEHICLE, "赣D12345", "赣D12345" },
		{ NET_VEHICLE, "赣d·12345", "赣D12345" },
		{ NET_VEHICLE, "赣 D-123 45", "赣D12345" },
		{ NET_VEHICLE, "赣ＤＦ１２３４５", "赣DF12345" },          /* new-energy, full-width */
		{ NET_VEHICLE, "赣D1234学", "赣D1234学" },
		{ NET_VEHICLE, "赣D12345学", NULL },
		{ NET_VEHICLE, "赣D1234", NULL },                         /* too short */
		{ NET_VEHICLE, "赣D1234567", NULL },                      /* too long */
		{ NET_VEHICLE, "D12345", NULL },                          /* no province */
		{ NET_VEHICLE, "赣112345", NULL },                        /* no letter */
		{ NET_VEHICLE, "赣D12345号", NULL },
		{ NET_ADDRESS, " 永丰县 恩江镇 某街 3号 ", "永丰县恩江镇某街3号" },
		{ NET_ADDRESS, "永丰县恩江镇某街３号", "永丰县恩江镇某街3号" },
		{ NET_ADDRESS, "村", NULL },
		{ NET_ADDRESS, "  ", NULL },
		{ NET_BANK, "6222 0215 0300 1234 567", "6222021503001234567" },
		{ NET_BANK, "62220215", "62220215" },
		{ NET_BANK, "6222021", NULL },
		{ NET_BANK, "6222-0215-0300-1234-5678-9012-3456-78", "622202150300123456789012345678" },
		{ NET_BANK, "6222-0215-0300-1234-5678-9012-3456-789", NULL },
		{ NET_BANK, "6222 O215 0300", NULL },                      /* a letter O */
		{ NET_ONLINE, "微信 WXID_Abc123", "微信wxid_abc123" },
		{ NET_ONLINE, "QQ：12345", "qq:12345" },
		{ NET_ONLINE, "a", NULL },
		{ NET_PERSON, "360825199001011232", NULL },                /* by ID number, not here */
	};
	char out[NET_VALUE_MAX];
	const char *why;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = net_value_norm(rows[i].kind, rows[i].in, out, sizeof(out), &why);
		if (rows[i].out && rc != 0)
			fail_msg("%s \"%s\": refused (%s)", net_entity_kinds[rows[i].kind].key,
				 rows[i].in, why);
		if (!rows[i].out && rc == 0)
			fail_msg("%s \"%s\": accepted as \"%s\"", net_entity_kinds[rows[i].kind].key,
				 rows[i].in, out);
		if (rows[i].out)
			assert_string_equal(out, rows[i].out);
		else
			assert_true(why && *why);
	}
	/* a value longer than the buffer is refused, never cut */
	{
		char big[600];
		memset(big, '1', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(net_value_norm(NET_ADDRESS, big, out, sizeof(out), &why), -1);
		assert_int_equal(net_value_norm(NET_ADDRESS, "永丰县恩江镇", out, 8, &why), -1);
	}
}

static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(net_kind_of("phone"), NET_PHONE);
	assert_int_equal(net_kind_of("电话号码"), NET_PHONE);
	assert_int_equal(net_kind_of("手机号"), NET_PHONE);
	assert_int_equal(net_kind_of("车牌"), NET_VEHICLE);
	assert_int_equal(net_kind_of("银行卡"), NET_BANK);
	assert_int_equal(net_kind_of("QQ"), NET_ONLINE);
	assert_int_equal(net_kind_of("qq"), NET_ONLINE);
	assert_int_equal(net_kind_of("人员"), NET_PERSON);
	assert_int_equal(net_kind_of("身份证号"), NET_PERSON);
	assert_int_equal(net_kind_of(""), -1);
	assert_int_equal(net_kind_of(NULL), -1);
	assert_int_equal(net_kind_of("飞机"), -1);
	assert_string_equal(net_link_kind_of("通话"), "call");
	assert_string_equal(net_link_kind_of("call"), "call");
	assert_string_equal(net_link_kind_of("快递"), "parcel");
	assert_string_equal(net_link_kind_of("持有使用"), "holds");
	assert_string_equal(net_link_kind_of("使用"), "holds");
	assert_null(net_link_kind_of("认识"));
	assert_null(net_link_kind_of(""));
	/* every kind's key and label name it */
	{
		int i;
		for (i = 0; i < NET_KINDS; i++) {
			assert_int_equal(net_kind_of(net_entity_kinds[i].key), i);
			assert_int_equal(net_kind_of(net_entity_kinds[i].label), i);
		}
		for (i = 0; net_link_kinds[i].key; i++)
			assert_string_equal(net_link_kind_of(net_link_kinds[i].label),
					    net_link_kinds[i].key);
	}
}

static void test_guess(void **state)
{
	static const struct {
		const char *value;
		int kind;
	} rows[] = {
		{ "360825199001011232", NET_PERSON },
		{ "360825199001011233", NET_PERSON },  /* mistyped: checked as one */
		{ "622202199913451234", NET_BANK },    /* 18 digits without a date inside */
		{ "赣D12345", NET_VEHICLE },
		{ "13979651207", NET_PHONE },
		{ "139 7965 1207", NET_PHONE },
		{ "+86 139 7965 1207", NET_PHONE },
		{ "0796-2512345", NET_PHONE },
		{ "07962512345", NET_PHONE },
		{ "23979651207", -1 },                 /* eleven digits, not a mobile */
		{ "6222021503001234", NET_BANK },      /* 16 digits */
		{ "6222 0215 0300 1234 567", NET_BANK },
		{ "62220215030012345678", -1 },        /* 20 */
		{ "永丰县恩江镇某街3号", -1 },
		{ "wxid_abc", -1 },
		{ "", -1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (net_kind_guess(rows[i].value) != rows[i].kind)
			fail_msg("\"%s\": %d, want %d", rows[i].value, net_kind_guess(rows[i].value),
				 rows[i].kind);
}

static void test_link_rules(void **state)
{
	static const struct {
		const char *kind;
		enum net_kind a, b;
		int ok;
	} rows[] = {
		{ "call", NET_PHONE, NET_PHONE, 1 },
		{ "call", NET_PERSON, NET_PHONE, 1 },
		{ "call", NET_PHONE, NET_BANK, 0 },
		{ "transfer", NET_BANK, NET_BANK, 1 },
		{ "transfer", NET_ONLINE, NET_PERSON, 1 },
		{ "transfer", NET_PHONE, NET_BANK, 0 },
		{ "cohabit", NET_PERSON, NET_PERSON, 1 },
		{ "cohabit", NET_PERSON, NET_ADDRESS, 0 },
		{ "same_vehicle", NET_PERSON, NET_VEHICLE, 1 },
		{ "parcel", NET_ADDRESS, NET_PHONE, 1 },
		{ "parcel", NET_VEHICLE, NET_PHONE, 0 },
		{ "same_case", NET_PERSON, NET_PERSON, 1 },
		{ "same_case", NET_PERSON, NET_PHONE, 0 },
		{ "together", NET_VEHICLE, NET_PERSON, 1 },
		/* one end a person, the other what they hold: either way round */
		{ "holds", NET_PERSON, NET_PHONE, 1 },
		{ "holds", NET_BANK, NET_PERSON, 1 },
		{ "holds", NET_PERSON, NET_PERSON, 0 },
		{ "holds", NET_PHONE, NET_PHONE, 0 },
		{ "holds", NET_PERSON, NET_ADDRESS, 0 },
		{ "lives", NET_ADDRESS, NET_PERSON, 1 },
		{ "lives", NET_PERSON, NET_PHONE, 0 },
		{ "lives", NET_ADDRESS, NET_ADDRESS, 0 },
		{ "knows", NET_PERSON, NET_PERSON, 0 },
		{ "call", (enum net_kind)-1, NET_PHONE, 0 },
		{ "call", NET_PHONE, NET_KINDS, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *why = net_link_check(rows[i].kind, rows[i].a, rows[i].b);
		if (rows[i].ok != !why)
			fail_msg("%s between %d and %d: %s", rows[i].kind, rows[i].a, rows[i].b,
				 why ? why : "allowed");
	}
	assert_non_null(net_link_check(NULL, NET_PERSON, NET_PERSON));
}

static void test_mask(void **state)
{
	static const struct {
		enum net_kind kind;
		const char *in, *out;
	} rows[] = {
		{ NET_PERSON, "张三", "张某" },
		{ NET_PERSON, "欧阳娜娜", "欧某" },
		{ NET_PHONE, "13979651207", "139****1207" },
		{ NET_PHONE, "12345", "1***5" },
		{ NET_BANK, "6222021503001234567", "6222***********4567" },
		{ NET_VEHICLE, "赣D12345", "赣D*****" },
		{ NET_ADDRESS, "永丰县恩江镇某街3号", "永丰县恩江镇……" },
		{ NET_ONLINE, "wxid_abc", "wx***" },
		{ NET_PHONE, "", "" },
	};
	char out[NET_VALUE_MAX];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		net_value_mask(rows[i].kind, rows[i].in, out, sizeof(out));
		assert_string_equal(out, rows[i].out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_link_rules),
		cmocka_unit_test(test_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
