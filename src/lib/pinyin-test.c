/* pinyin-test.c - names to pinyin: surnames, mixed scripts, bad UTF-8, queries, threads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/pinyin.h"

#include <pthread.h>
#include <string.h>

static void test_names(void **state)
{
	static const struct {
		const char *name, *full, *initials;
	} cases[] = {
		{ "张三", "zhangsan", "zs" },
		{ "曾晓燕", "zengxiaoyan", "zxy" },     /* surname reading: not ceng */
		{ "曾小燕", "zengxiaoyan", "zxy" },
		{ "单田芳", "shantianfang", "stf" },    /* not dan */
		{ "解缙", "xiejin", "xj" },
		{ "朴树", "piaoshu", "ps" },
		{ "区小龙", "ouxiaolong", "oxl" },
		{ "长孙", "changsun", "cs" },
		{ "小曾", "xiaoceng", "xc" },           /* only the first character */
		{ "陈长林", "chenchanglin", "ccl" },     /* the reading in names, not zhang */
		{ "吕", "lv", "l" },                    /* ü written v */
		{ "女", "nv", "n" },
		{ "欧阳娜娜", "ouyangnana", "oynn" },
		{ "买买提·艾力", "maimaitiaili", "mmtal" }, /* the middle dot is dropped */
		{ "买买提 · 艾力", "maimaitiaili", "mmtal" },
		{ "王 五", "wangwu", "ww" },
		{ "李Tom", "litom", "lt" },             /* ASCII kept, lower-cased */
		{ "Tom Lee", "tomlee", "tl" },
		{ "王2号", "wang2hao", "w2h" },
		{ "𠀀", "he", "h" },                     /* outside the BMP (Ext. B) */
		{ "张𠮷三", "zhangsan", "zs" },          /* no reading: contributes nothing */
		{ "张\xe9\xbf\xbe三", "zhangsan", "zs" }, /* U+9FFE, no reading */
		{ "김철수", "", "" },                    /* Hangul: not in the table */
		{ "张-三!", "zhangsan", "zs" },
		{ "", "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf full = BUF_INIT, ini = BUF_INIT;
		assert_int_equal(pinyin_of_name(cases[i].name, &full, &ini), 0);
		assert_string_equal(full.buf, cases[i].full);
		assert_string_equal(ini.buf, cases[i].initials);
		buf_release(&full);
		buf_release(&ini);
	}
}

/* Invalid UTF-8: -1, the bad bytes skipped, never a read past the end. */
static void test_invalid_utf8(void **state)
{
	static const struct {
		const char *name, *full, *initials;
	} cases[] = {
		{ "\xff张三", "zhangsan", "zs" },
		{ "张\xe4\xb8", "zhang", "z" },          /* truncated at the end */
		{ "张\xe4\xb8三", "zhangsan", "zs" },    /* truncated in the middle */
		{ "\xc0\xafzs", "zs", "z" },             /* overlong "/" */
		{ "\xed\xa0\x80王", "wang", "w" },       /* a surrogate */
		{ "\xf4\x90\x80\x80王", "wang", "w" },   /* past U+10FFFF */
		{ "\x80\x80\x80", "", "" },              /* stray continuation bytes */
		{ "\xf0\x9f", "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf full = BUF_INIT, ini = BUF_INIT;
		assert_int_equal(pinyin_of_name(cases[i].name, &full, &ini), -1);
		assert_string_equal(full.buf, cases[i].full);
		assert_string_equal(ini.buf, cases[i].initials);
		buf_release(&full);
		buf_release(&ini);
	}
}

static void test_buffers(void **state)
{
	struct buf full = BUF_INIT, small = BUF_INIT_MAX(4);

	/* Either buffer may be NULL. */
	assert_int_equal(pinyin_of_name("张三", &full, NULL), 0);
	assert_string_equal(full.buf, "zhangsan");
	assert_int_equal(pinyin_of_name("张三", NULL, NULL), 0);
	/* Appends, like every buf_add. */
	assert_int_equal(pinyin_of_name("李", &full, NULL), 0);
	assert_string_equal(full.buf, "zhangsanli");
	/* Past the cap: -1, and the buffer keeps what fitted. */
	assert_int_equal(pinyin_of_name("张三", &small, NULL), -1);
	assert_true(buf_err(&small));
	assert_true(small.len <= 4);
	buf_release(&full);
	buf_release(&small);
}

static void test_arena(void **state)
{
	struct arena a = ARENA_INIT;
	const char *full = NULL, *ini = NULL;

	assert_int_equal(pinyin_of_name_arena(&a, "单田芳", &full, &ini), 0);
	assert_string_equal(full, "shantianfang");
	assert_string_equal(ini, "stf");
	assert_int_equal(pinyin_of_name_arena(&a, "\xff", &full, &ini), -1);
	assert_string_equal(full, "");
	assert_string_equal(ini, "");
	arena_release(&a);
}

static void test_is_query(void **state)
{
	static const struct {
		const char *q;
		int want;
	} cases[] = {
		{ "zs", 1 }, { "ZS", 1 }, { "zhangsan", 1 }, { "ZhangSan", 1 },
		{ "z", 0 }, { "", 0 }, { "zhang san", 0 }, { "z*", 0 }, { "*", 0 },
		{ "%", 0 }, { "z?", 0 }, { "[a-z]", 0 }, { "张三", 0 }, { "zs1", 0 },
		{ "1234", 0 }, { "zh\xc3\xa0ng", 0 },
	};
	size_t i;

	assert_int_equal(pinyin_is_query(NULL), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(pinyin_is_query(cases[i].q), cases[i].want);
}

static void test_table(void **state)
{
	/* Unihan 15 has about 41,000 ideographs with a kMandarin reading. */
	assert_true(pinyin_table_size() > 40000);
}

/* First use from many threads at once: one load, the same answers. */
static void *convert_many(void *arg)
{
	int i, *ok = arg;

	*ok = 1;
	for (i = 0; i < 2000; i++) {
		struct buf full = BUF_INIT, ini = BUF_INIT;
		if (pinyin_of_name("曾晓燕", &full, &ini) < 0 || strcmp(full.buf, "zengxiaoyan") ||
		    strcmp(ini.buf, "zxy"))
			*ok = 0;
		buf_release(&full);
		buf_release(&ini);
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t th[8];
	int ok[8], i;

	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&th[i], NULL, convert_many, &ok[i]), 0);
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(ok[i], 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first, so that the threads race on the first load */
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_buffers),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_is_query),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
