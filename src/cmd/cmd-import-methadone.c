/* cmd-import-methadone.c - jindu import methadone FILE: the clinics' monthly dosing sheets. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "import/import-methadone.h"
#include "lib/division.h"

static void print_report(const char *file, const struct import_report *rep,
			 const struct import_methadone_counts *c)
{
	cmd_print_import_issues(file, rep, "个月的记录将被更新");
	printf("共 %lld 行：新增 %lld 个月，更新 %lld 个月，与已有记录相同 %lld 个月，有错误 %lld 行\n",
	       (long long)rep->rows, (long long)c->added, (long long)c->updated,
	       (long long)c->unchanged, (long long)rep->rejected);
}

static int run(const char *file, const char *db_path, const char *key, int dry_run)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct import_report rep;
	struct import_methadone_counts counts;
	struct actor who = setup_cli_actor;
	struct table *t;
	struct store *s;
	struct db *db;
	char prefix[13];
	int rc, ret = 1;

	import_report_init(&rep);
	memset(&counts, 0, sizeof(counts));
	t = table_open(file, &err);
	if (!t) {
		ret = cmd_fail("%s", err.buf);
		goto out;
	}
	s = cmd_open_store(db_path, key);
	if (!s)
		goto out;
	db = store_get(s);
	/* The command line acts as the administrator of the whole area. */
	division_prefix(setup_root(db, &a), prefix);
	who.prefix = prefix;
	rc = import_methadone(db, &who, t, file, dry_run, &rep, &counts, &err);
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
		printf("试运行：检查通过，可新增 %lld 个月、更新 %lld 个月；没有写入数据库\n",
		       (long long)counts.added, (long long)counts.updated);
	else
		printf("已导入：新增 %lld 个月，更新 %lld 个月\n", (long long)counts.added,
		       (long long)counts.updated);
	ret = 0;
out:
	table_close(t);
	import_report_release(&rep);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

int cmd_import_methadone(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *file = NULL;
	int dry_run = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },
		{ "key", &key, NULL },
		{ "dry-run", NULL, &dry_run },
		{ NULL, NULL, NULL },
	};

	/* Options before and after the one file name. */
	if (opt_parse_arg(argc, argv, 2, opts, &file) < 0 || !file || !db_path)
		return cmd_usage(cmd_find("import"));
	return run(file, db_path, key, dry_run);
}
