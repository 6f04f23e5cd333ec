/* cmd-import-cases.c - jindu import cases FILE: a drug squad's case ledger (cases, seizures, suspects), and its template. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "domain/control.h"
#include "domain/setup.h"
#include "import/division-names.h"
#include "import/import-cases.h"
#include "lib/division.h"
#include "report/xlsx-cases.h"

static void print_report(const char *file, const struct import_report *rep,
			 const struct import_cases_counts *c)
{
	cmd_print_import_issues(file, rep, "起已登记的案件被跳过");
	printf("共 %lld 行：可导入 %lld 起案件（犯罪嫌疑人 %lld 名，其中新建档案 %lld 人、"
	       "已登记吸毒人员 %lld 人；缴获 %lld 宗），已登记 %lld 起，有错误 %lld 行\n",
	       (long long)rep->rows, (long long)rep->valid, (long long)c->suspects,
	       (long long)c->new_files, (long long)c->registered, (long long)c->seizures,
	       (long long)rep->existing, (long long)rep->rejected);
}

/* The store, its root and the root's prefix (the command line acts for the
 * office of the whole area). */
static struct store *open_area(const char *db_path, const char *key, struct arena *a,
			       const char **root, char prefix[13])
{
	struct store *s = cmd_open_store(db_path, key);
	struct db *db;
	if (!s)
		return NULL;
	db = store_get(s);
	*root = setup_root(db, a);
	division_prefix(*root, prefix);
	store_put(db);
	return s;
}

static int write_template(const char *path, const char *db_path, const char *key)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct store *s = NULL;
	struct division_names *dn = NULL;
	struct policy pol;
	const char *const *towns = NULL, *root;
	char prefix[13];
	int ntowns = 0, ret = 1;

	policy_defaults(&pol);
	if (db_path) {
		struct db *db;
		s = open_area(db_path, key, &a, &root, prefix);
		if (!s)
			goto out;
		db = store_get(s);
		/* the office's own catalogue and case types */
		dn = control_policy(db, &pol, &err) < 0 ? NULL : division_names_load(db, prefix, &err);
		store_put(db);
		if (!dn) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		ntowns = division_names_townships(dn, &towns);
	}
	if (xlsx_cases_template(path, &pol, towns, ntowns, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("wrote the case import template %s\n", path);
	ret = 0;
out:
	division_names_free(dn);
	if (s)
		store_close(s);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

static int run(const char *file, const char *db_path, const char *key, const char *map_spec,
	       int dry_run)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct import_report rep;
	struct import_cases_counts counts;
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
	if (import_mapping_parse_for(&import_case_set, map_spec, &a, &map, &err) < 0) {
		ret = cmd_fail("--map: %s", err.buf);
		goto out;
	}
	t = table_open(file, &err);
	if (!t) {
		ret = cmd_fail("%s", err.buf);
		goto out;
	}
	s = open_area(db_path, key, &a, &root, prefix);
	if (!s)
		goto out;
	db = store_get(s);
	who.prefix = prefix;
	rc = import_cases(db, &who, root, t, file, map.nentries ? &map : NULL, dry_run, &rep,
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
		printf("试运行：检查通过，可导入 %lld 起案件；没有写入数据库\n", (long long)rep.valid);
	else
		printf("已导入 %lld 起案件（犯罪嫌疑人 %lld 名，同案关系 %lld 条）\n",
		       (long long)rep.imported, (long long)counts.suspects, (long long)counts.links);
	ret = 0;
out:
	table_close(t);
	import_report_release(&rep);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

int cmd_import_cases(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *file = NULL, *map = NULL, *tmpl = NULL;
	int dry_run = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },      { "key", &key, NULL },
		{ "dry-run", NULL, &dry_run }, { "map", &map, NULL },
		{ "template", &tmpl, NULL },   { NULL, NULL, NULL },
	};
	const struct cmd *self = cmd_find("import");

	/* Options before and after the one file name. */
	if (opt_parse_arg(argc, argv, 2, opts, &file) < 0)
		return cmd_usage(self);
	if (tmpl) {
		if (file || dry_run || map || !has_ext(tmpl, ".xlsx"))
			return cmd_usage(self);
		return write_template(tmpl, db_path, key);
	}
	if (!file || !db_path)
		return cmd_usage(self);
	return run(file, db_path, key, map, dry_run);
}
