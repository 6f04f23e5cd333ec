/* import-links-test.c - a network's links from a spreadsheet on a real database: headers, guesses, the row report, all or nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "import/import-links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/network.h"
#include "domain/setup.h"

struct fixture {
	char dir[256];
	struct store *s;
	struct db *db;
	struct actor who;
	int files;
};
static struct fixture fx;

/* 360825199001011232 is on file in 恩江镇; 360825198502031237 is not. */
#define ON_FILE "360825199001011232"
#define NOT_ON_FILE "360825198502031237"

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct person_input in = { 0 };
	struct person p;
	struct field_error errs[PERSON_MAX_ERRORS];
	char path[300];
	int64_t existing;
	int nerr;

	snprintf(fx.dir, sizeof(fx.dir), "%s/jindu-links-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(path, sizeof(path), "%s/jindu.db", fx.dir);
	fx.s = store_open(path, NULL, 1, &err);
	if (!fx.s)
		goto fail;
	fx.db = store_get(fx.s);
	if (setup_database(fx.db, "360825", "Correct-horse-42", &err) < 0)
		goto fail;
	fx.who = setup_cli_actor;
	fx.who.prefix = "360825";
	in.id_number = ON_FILE;
	in.name = "黄建国";
	in.division = "360825100";
	in.first_found_date = "2020-05-06";
	in.confirm_similar = "1";
	if (person_create(fx.db, &fx.who, &in, &a, &p, errs, &nerr, &existing, &err) != 0) {
		buf_addf(&err, " (%d field errors: %s)", nerr, nerr ? errs[0].message : "");
		goto fail;
	}
	arena_release(&a);
	buf_release(&err);
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.buf);
	arena_release(&a);
	buf_release(&err);
	return -1;
}

static int teardown(void **state)
{
	char cmd[300];
	store_put(fx.db);
	store_close(fx.s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to a new .csv file of the fixture and opens it. */
static struct table *csv(const char *text)
{
	char path[300];
	struct buf err = BUF_INIT;
	struct table *t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/links-%d.csv", fx.dir, ++fx.files);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	t = table_open(path, &err);
	if (!t)
		fail_msg("%s", err.buf);
	buf_release(&err);
	return t;
}

struct result {
	int rc;
	struct import_report rep;
	struct import_links_counts counts;
};

static void run(const char *text, const char *map_spec, int dry_run, struct result *res)
{
	struct arena a = ARENA_INIT;
	struct import_mapping map;
	struct buf err = BUF_INIT;
	struct table *t = csv(text);

	import_report_init(&res->rep);
	if (import_mapping_parse_for(&import_link_set, map_spec, &a, &map, &err) < 0)
		fail_msg("map: %s", err.buf);
	res->rc = import_links(fx.db, &fx.who, "360825", t, "links.csv",
			       map.nentries ? &map : NULL, dry_run, &res->rep, &res->counts, &err);
	if (res->rc < 0)
		fail_msg("import: %s", err.buf);
	table_close(t);
	arena_release(&a);
	buf_release(&err);
}

static void done(struct result *res)
{
	import_report_release(&res->rep);
}

/* The report's lines as "LINE|COLUMN|MESSAGE", one per line. */
static const char *issues(struct result *res)
{
	struct buf b = BUF_INIT;
	const char *out;
	size_t i;
	for (i = 0; i < res->rep.nissues; i++)
		buf_addf(&b, "%d|%s|%s\n", res->rep.issues[i].line, res->rep.issues[i].column,
			 res->rep.issues[i].message);
	out = arena_strdup(&res->rep.a, b.buf);
	buf_release(&b);
	return out;
}

static int64_t count(const char *what)
{
	struct arena a = ARENA_INIT;
	struct net_entity *nodes;
	struct net_edge *edges;
	struct buf err = BUF_INIT;
	int nn, ne;
	if (store_net_graph(fx.db, "", &a, &nodes, &nn, &edges, &ne, &err) < 0)
		fail_msg("%s", err.buf);
	arena_release(&a);
	buf_release(&err);
	return !strcmp(what, "links") ? ne : nn;
}

static void test_bad_row_writes_nothing(void **state)
{
	struct result res;
	int64_t links = count("links"), entities = count("entities");
	(void)state;
	/* row 3: a call between a phone and a bank card; row 4: no such month */
	run("起点,关系类别,终点,日期,备注\n"
	    "13979651207,通话,13812345678,2025-03-01,\n"
	    "13979651207,通话,6222021503001234567,2025-03-02,\n"
	    "13979651207,通话,13812345678,2025-13-01,凌晨\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "3|关系类别|“通话”只能连接人员和电话号码\n"
			    "4|日期|无法识别的日期“2025-13-01”，请写成 2024-03-01\n");
	assert_int_equal(res.rep.rows, 3);
	assert_int_equal(res.rep.valid, 1);
	assert_int_equal(res.rep.rejected, 2);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(res.counts.batch_id, 0);
	assert_int_equal(count("links"), links);
	assert_int_equal(count("entities"), entities);
	done(&res);
}

static void test_import_and_again(void **state)
{
	static const char text[] =
		"主叫号码,被叫号码,关系,通话时间,案号\n"
		"139 7965 1207,13812345678,通话,2025-03-01 21:15:00,YF2025-7\n"
		"13979651207,13812345678,通话,2025-03-01,YF2025-7\n" /* the same link */
		"+86 138 1234 5678,赣D12345,同车,,\n";              /* a call with a plate */
	struct result res;
	int64_t links = count("links"), entities = count("entities");
	(void)state;

	/* a plate cannot take part in a call: the whole file is refused */
	run(text, NULL, 0, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "3||与第 2 行是同一关系，跳过\n"
			    "4|关系|“同车”只能连接人员和车辆\n");
	done(&res);

	/* without it: a dry run first, which writes nothing */
	run("主叫号码,被叫号码,关系,通话时间,案号\n"
	    "139 7965 1207,13812345678,通话,2025-03-01 21:15:00,YF2025-7\n"
	    "13979651207,13812345678,通话,2025-03-01,YF2025-7\n"
	    "13812345678,13700000001,通话,2025-03-02至2025-03-09,YF2025-7\n",
	    NULL, 1, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.valid, 2);
	assert_int_equal(res.rep.existing, 1);
	assert_int_equal(res.counts.entities, 3);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(count("links"), links);
	assert_int_equal(count("entities"), entities);
	done(&res);

	run("主叫号码,被叫号码,关系,通话时间,案号\n"
	    "139 7965 1207,13812345678,通话,2025-03-01 21:15:00,YF2025-7\n"
	    "13979651207,13812345678,通话,2025-03-01,YF2025-7\n"
	    "13812345678,13700000001,通话,2025-03-02至2025-03-09,YF2025-7\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.imported, 2);
	assert_int_equal(res.counts.entities, 3);
	assert_true(res.counts.batch_id > 0);
	assert_int_equal(count("links"), links + 2);
	assert_int_equal(count("entities"), entities + 3);
	{
		struct arena a = ARENA_INIT;
		struct net_link l;
		struct buf err = BUF_INIT;
		assert_int_equal(store_net_link_get(fx.db, res.rep.last_id, &a, &l, &err), 0);
		assert_int_equal(l.date_from, 20250302);
		assert_int_equal(l.date_to, 20250309);
		assert_string_equal(l.source, "import");
		assert_int_equal(l.batch_id, res.counts.batch_id);
		assert_string_equal(l.case_no, "YF2025-7");
		assert_string_equal(l.division, "360825");
		arena_release(&a);
		buf_release(&err);
	}
	done(&res);

	/* again: every link is on record, nothing is added */
	run("主叫号码,被叫号码,关系,通话时间,案号\n"
	    "13979651207,13812345678,通话,2025-03-01,YF2025-7\n"
	    "13812345678,13700000001,通话,2025-03-02~2025-03-09,YF2025-7\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, 0);
	assert_int_equal(res.rep.existing, 2);
	assert_int_equal(res.rep.imported, 0);
	assert_int_equal(count("links"), links + 2);
	done(&res);
}

static void test_persons(void **state)
{
	struct result res;
	struct net_entity e;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	char hash[65];
	(void)state;

	/* a person on file needs no name; one not on file does, and without a
	 * name column the row says which end */
	run("起点,终点,关系类别\n" ON_FILE ",13979651207,持有\n" NOT_ON_FILE ",13812345678,使用\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res), "3||起点：请填写该人员的姓名\n");
	done(&res);

	run("起点,起点姓名,终点,关系类别\n" ON_FILE ",,13979651207,持有\n" NOT_ON_FILE
	    ",刘某某,13812345678,使用\n" NOT_ON_FILE ",,永丰县恩江镇某街3号,居住\n",
	    "终点=to_value", 0, &res);
	/* the address of row 4 cannot be guessed without a kind */
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "4|终点|无法判断“永丰县恩江镇某街3号”是什么：请在表中加一列“终点类别”\n");
	done(&res);

	run("起点,起点姓名,终点类别,终点,关系类别\n" ON_FILE ",,手机,13979651207,持有\n" NOT_ON_FILE
	    ",刘某某,电话,13812345678,使用\n" NOT_ON_FILE ",,地址,永丰县恩江镇某街3号,居住\n",
	    NULL, 0, &res);
	assert_int_equal(res.rc, 0);
	assert_string_equal(issues(&res), "");
	assert_int_equal(res.rep.imported, 3);
	done(&res);
	/* the file's person: found by the keyed hash, named from the file */
	store_id_hash(db_store(fx.db), ON_FILE, hash);
	assert_int_equal(store_net_entity_find(fx.db, "person", hash, &a, &e, &err), 0);
	assert_string_equal(e.value, "黄建国");
	assert_true(e.person_id > 0);
	assert_string_equal(e.id_masked, "3608**********1232");
	store_id_hash(db_store(fx.db), NOT_ON_FILE, hash);
	assert_int_equal(store_net_entity_find(fx.db, "person", hash, &a, &e, &err), 0);
	assert_string_equal(e.value, "刘某某");
	assert_int_equal(e.person_id, 0);
	/* no ID number in clear anywhere in the entity */
	assert_null(strstr(e.norm, "19850203"));
	arena_release(&a);
	buf_release(&err);
}

static void test_header(void **state)
{
	struct result res;
	(void)state;
	run("号码A,号码B\n1,2\n", NULL, 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res),
			    "0||找不到表头：前 10 行中没有“起点”“终点”“关系类别”等列名\n");
	done(&res);
	/* a mapping names the columns; the missing kind is reported */
	run("号码A,号码B\n13979651207,13812345678\n", "号码A=from_value;号码B=终点", 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res), "1||缺少必填的列“关系类别”（也可写作：关系、关系类型、关系种类）\n");
	done(&res);
	/* two cells named as one column */
	run("起点,终点,关系类别,号码\n1,2,通话,3\n", "号码=起点", 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(issues(&res), "1||“起点”列和“号码”列都对应“起点”，请只保留其中一列\n");
	done(&res);
	/* an unknown kind of link and of entity, and an empty end */
	run("起点类别,起点,关系类别,终点\n飞机,B-1234,通话,13979651207\n手机,13979651207,认识,\n",
	    NULL, 1, &res);
	assert_int_equal(res.rc, IMPORT_REJECTED);
	assert_string_equal(
		issues(&res),
		"2|起点类别|无法识别的类别“飞机”，可写：人员、电话、车辆、地址、银行卡、网络账号\n"
		"3|关系类别|无法识别的关系类别“认识”，可写：通话、转账、同住、同车、寄递、同案、共同出现、持有使用、居住\n"
		"3|终点|请填写终点\n");
	done(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_row_writes_nothing),
		cmocka_unit_test(test_import_and_again),
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_header),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
