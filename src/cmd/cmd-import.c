/* cmd-import.c - jindu import persons FILE (.csv or .xlsx), and the template to fill in;
 * `import methadone` is in cmd-import-methadone.c, `import links` in cmd-import-links.c,
 * `import cases` in cmd-import-cases.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "import/division-names.h"
#include "import/import-persons.h"
#include "lib/division.h"
#include "lib/timeutil.h"
#include "report/xlsx-persons.h"

static void print_report(const char *file, const struct import_report *rep)
{
	cmd_print_import_issues(file, rep, "行已存在，跳过");
	printf("共 %lld 行：有效 %lld 行，已存在 %lld 行，有错误 %lld 行\n", (long long)rep->rows,
	       (long long)rep->valid, (long long)rep->existing, (long long)rep->rejected);
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

static int write_template(const char *path, const char *db_path, const char *key)
{
	struct buf err = BUF_INIT;
	struct store *s = NULL;
	struct division_names *dn = NULL;
	const char *const *towns = NULL;
	int ntowns = 0, ret = 1;

	if (db_path) {
		struct arena a = ARENA_INIT;
		struct db *db;
		char prefix[13];
		s = cmd_open_store(db_path, key);
		if (!s)
			return 1;
		db = store_get(s);
		division_prefix(setup_root(db, &a), prefix);
		dn = division_names_load(db, prefix, &err);
		store_put(db);
		arena_release(&a);
		if (!dn) {
			cmd_fail("%s", err.buf);
			goto out;
		}
		ntowns = division_names_townships(dn, &towns);
	}
	if (xlsx_persons_template(path, towns, ntowns, &err) < 0) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	printf("wrote the import template %s\n", path);
	ret = 0;
out:
	division_names_free(dn);
	if (s)
		store_close(s);
	buf_release(&err);
	return ret;
}

static int run_import(const char *file, const char *db_path, const char *key,
		      const char *map_spec, int dry_run)
{
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct import_report rep;
	struct actor who = setup_cli_actor;
	struct import_mapping map;
	struct table *t = NULL;
	struct store *s;
	struct db *db;
	char prefix[13];
	int rc, ret = 1;

	import_report_init(&rep);
	if (import_mapping_parse(map_spec, &a, &map, &err) < 0) {
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
	/* The command line acts as the administrator of the whole area. */
	division_prefix(setup_root(db, &a), prefix);
	who.prefix = prefix;
	rc = import_persons_mapped(db, &who, t, file, map.nentries ? &map : NULL, dry_run, &rep,
				   &err);
	store_put(db);
	store_close(s);
	if (rc < 0) {
		cmd_fail("%s: %s", file, err.buf);
		goto out;
	}
	print_report(file, &rep);
	if (rc == IMPORT_REJECTED) {
		if (rep.rejected)
			cmd_fail("%lld 行有错误，没有导入任何数据：请改正后重新导入",
				 (long long)rep.rejected);
		else
			cmd_fail("表头有错误，没有导入任何数据");
		goto out;
	}
	if (dry_run)
		printf("试运行：检查通过，可导入 %lld 人；没有写入数据库\n", (long long)rep.valid);
	else
		printf("已导入 %lld 人\n", (long long)rep.imported);
	ret = 0;
out:
	table_close(t);
	import_report_release(&rep);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

int cmd_import(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *tmpl = NULL, *file = NULL, *map = NULL;
	int dry_run = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },   { "key", &key, NULL },
		{ "template", &tmpl, NULL }, { "dry-run", NULL, &dry_run },
		{ "map", &map, NULL },      { NULL, NULL, NULL },
	};
	const struct cmd *self = cmd_find("import");

	if (argc >= 2 && !strcmp(argv[1], "methadone"))
		return cmd_import_methadone(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "links"))
		return cmd_import_links(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "cases"))
		return cmd_import_cases(argc, argv);
	if (argc < 2 || strcmp(argv[1], "persons"))
		return cmd_usage(self);
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
	return run_import(file, db_path, key, map, dry_run);
}
