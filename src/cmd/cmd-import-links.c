/* cmd-import-links.c - jindu import links FILE: a network's links from a spreadsheet (call records, transfers, parcels). */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "import/import-links.h"
#include "lib/division.h"

static void print_report(const char *file, const struct import_report *rep,
			 const struct import_links_counts *c)
{
	cmd_print_import_issues(file, rep, "条已登记的关系被跳过");
	printf("共 %lld 行：可导入 %lld 条关系（新增实体 %lld 个），已登记 %lld 条，有错误 %lld 行\n",
	       (long long)rep->rows, (long long)rep->valid, (long long)c->entities,
	       (long long)rep->existing, (long long)rep->rejected);
}

static int run(const char *file, const char *db_path, const char *key, const char *map_spec,
	       int dry_run)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct import_report rep;
	struct import_links_counts counts;
	struct import_mapping map;
	struct actor who = setup_cli_actor;
	struct table *t = NULL;
	struct store *s;
	struct db *db;
	const char *root;
	char prefix[13];
	int rc, ret = 1;

	import_report_init(&rep);
	memset(&counts, 0, sizeof(counts));
	if (import_mapping_parse_for(&import_link_set, map_spec, &a, &map, &err) < 0) {
		ret = cmd_fail("--map: %s", err.buf);
		goto out;
	}
	t = table_open(file, &err);
	if (!t) {
		ret = cmd_fail("%s", err.buf);
		goto out;
	}
	s = cmd_open_store(db_path, key);
	if (!s)
		goto out;
	db = store_get(s);
	/* The command line acts for the office of the whole area: the links
	 * are recorded there. */
	root = setup_root(db, &a);
	division_prefix(root, prefix);
	who.prefix = prefix;
	rc = import_links(db, &who, root, t, file, map.nentries ? &map : NULL, dry_run, &rep,
			  &counts, &err);
	store_put(db);
	store_close(s);
	if (rc < 0) {
		cmd_fail("%s: %s", file, err.buf);
		goto out;
	}
	print_report(file, &rep, &counts);
	if (rc == IMPORT_REJECTED) {
		if (rep.rejected)
			cmd_fail("%lld 行有错误，没有导入任何数据：请改正后重新导入",
				 (long long)rep.rejected);
		else
			cmd_fail("表头有错误，没有导入任何数据");
		goto out;
	}
	if (dry_run)
		printf("试运行：检查通过，可导入 %lld 条关系；没有写入数据库\n", (long long)rep.valid);
	else
		printf("已导入 %lld 条关系（批次 %lld），新增实体 %lld 个\n", (long long)rep.imported,
		       (long long)counts.batch_id, (long long)counts.entities);
	ret = 0;
out:
	table_close(t);
	import_report_release(&rep);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

int cmd_import_links(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *file = NULL, *map = NULL;
	int dry_run = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },      { "key", &key, NULL },
		{ "dry-run", NULL, &dry_run }, { "map", &map, NULL },
		{ NULL, NULL, NULL },
	};

	/* Options before and after the one file name. */
	if (opt_parse_arg(argc, argv, 2, opts, &file) < 0 || !file || !db_path)
		return cmd_usage(cmd_find("import"));
	return run(file, db_path, key, map, dry_run);
}
