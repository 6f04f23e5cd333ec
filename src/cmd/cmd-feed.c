/* cmd-feed.c - jindu feed: partner sources (add, list, disable, enable, rotate), the watchlist, ingesting a file of events. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "domain/feed.h"
#include "domain/setup.h"
#include "lib/idcard.h"

/* Rejected lines shown before they are only counted. */
#define SHOW_REJECTS 20

static int source_add(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *kind = NULL, *label = "", *name;
	const struct opt opts[] = {
		{ "db", &db_path, NULL }, { "key", &key, NULL }, { "kind", &kind, NULL },
		{ "label", &label, NULL }, { NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT, token = BUF_INIT;
	struct feed_source src;
	struct store *s;
	struct db *db;
	int rc;

	if (opt_parse_arg(argc, argv, 3, opts, &name) < 0 || !name || !db_path || !kind)
		return cmd_usage(cmd_find("feed"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	memset(&src, 0, sizeof(src));
	src.name = name;
	src.kind = kind;
	src.label = label;
	rc = feed_source_add(db, &setup_cli_actor, &src, &token, &err);
	if (rc == 0)
		printf("%s\n", token.buf);
	else
		cmd_fail("%s", err.buf);
	store_put(db);
	store_close(s);
	buf_release(&token);
	buf_release(&err);
	return rc == 0 ? 0 : 1;
}

static int source_list(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *extra;
	const struct opt opts[] = { { "db", &db_path, NULL }, { "key", &key, NULL },
				    { NULL, NULL, NULL } };
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct feed_source *list;
	struct store *s;
	struct db *db;
	int n, i, ret = 0;

	if (opt_parse_arg(argc, argv, 3, opts, &extra) < 0 || extra || !db_path)
		return cmd_usage(cmd_find("feed"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	if (store_source_list(db, &a, &list, &n, &err) < 0) {
		cmd_fail("%s", err.buf);
		ret = 1;
	}
	for (i = 0; !ret && i < n; i++)
		printf("%s\t%s\t%s%s\n", list[i].name, list[i].kind, list[i].label,
		       list[i].disabled ? "\t(disabled)" : "");
	store_put(db);
	store_close(s);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

/* feed source disable|enable|rotate NAME: rotate prints the new token. */
static int source_change(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *name, *action = argv[2];
	const struct opt opts[] = { { "db", &db_path, NULL }, { "key", &key, NULL },
				    { NULL, NULL, NULL } };
	struct buf err = BUF_INIT, token = BUF_INIT;
	struct store *s;
	struct db *db;
	int rc;

	if (opt_parse_arg(argc, argv, 3, opts, &name) < 0 || !name || !db_path)
		return cmd_usage(cmd_find("feed"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	if (!strcmp(action, "rotate"))
		rc = feed_source_rotate(db, &setup_cli_actor, name, &token, &err);
	else
		rc = feed_source_set_disabled(db, &setup_cli_actor, name, !strcmp(action, "disable"),
					      &err);
	if (rc != 0)
		cmd_fail("%s", err.buf);
	else if (token.len)
		printf("%s\n", token.buf);
	else
		printf(!strcmp(action, "disable") ? "来源 %s 已停用，其令牌不再被接受\n"
						   : "来源 %s 已启用\n", name);
	store_put(db);
	store_close(s);
	buf_release(&token);
	buf_release(&err);
	return rc == 0 ? 0 : 1;
}

/* One line per watched person: ID number (masked unless reveal), person
 * id, why. Revealing is audited. */
static int watchlist(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *extra;
	int reveal = 0, i, ret = 1;
	const struct opt opts[] = { { "db", &db_path, NULL }, { "key", &key, NULL },
				    { "reveal", NULL, &reveal }, { NULL, NULL, NULL } };
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct watchlist *wl;
	struct store *s;
	struct db *db;

	if (opt_parse_arg(argc, argv, 2, opts, &extra) < 0 || extra || !db_path)
		return cmd_usage(cmd_find("feed"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	wl = feed_watchlist_load(db, &err);
	if (wl && reveal &&
	    audit_log_tx(db, &setup_cli_actor, "reveal", "watchlist", "", setup_cli_actor.prefix,
			 "导出监控名单（完整身份证号）", NULL, &err) < 0) {
		feed_watchlist_free(wl);
		wl = NULL;
	}
	if (!wl) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	for (i = 0; i < feed_watchlist_size(wl); i++) {
		const struct watch_entry *w = feed_watchlist_at(wl, i);
		char masked[19];
		idcard_mask(w->id_number, masked);
		printf("%s\t%" PRId64 "\t%s\n", reveal ? w->id_number : masked, w->person_id,
		       feed_watch_reason(w, &a));
	}
	feed_watchlist_free(wl);
	ret = 0;
out:
	store_put(db);
	store_close(s);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

static int ingest(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *source = NULL, *rejects = NULL, *file;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },     { "key", &key, NULL },
		{ "source", &source, NULL },  { "rejects", &rejects, NULL },
		{ NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct feed_report rep;
	struct feed_source src;
	struct events *r = NULL;
	struct store *s;
	struct db *db;
	int fd = -1, rc, i, ret = 1;

	if (opt_parse_arg(argc, argv, 2, opts, &file) < 0 || !file || !db_path || !source)
		return cmd_usage(cmd_find("feed"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	memset(&rep, 0, sizeof(rep));
	rc = store_source_by_name(db, source, &a, &src, &err);
	if (rc == STORE_NOTFOUND)
		buf_setf(&err, "no source '%s' (jindu feed source add %s --kind ... first)", source,
			 source);
	if (rc != 0 || !(r = events_open(file, &err)))
		goto fail;
	if (src.disabled) {
		buf_setf(&err, "source '%s' is disabled", source);
		goto fail;
	}
	if (rejects) {
		fd = open(rejects, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0) {
			buf_setf(&err, "cannot write %s", rejects);
			goto fail;
		}
	}
	rc = feed_ingest(db, &setup_cli_actor, &src, r, file, fd, &rep, &err);
	feed_watchlist_expire(INT64_MAX); /* the opened ID numbers go now */
	if (rc != 0)
		goto fail;
	if (rep.already)
		printf("这批数据已于此前导入（摘要 %.16s…），未重复处理\n", rep.digest);
	for (i = 0; i < rep.nrejects && i < SHOW_REJECTS; i++)
		printf("第 %d 行：%s\n", rep.rejects[i].line, rep.rejects[i].why);
	if (rep.rejected > SHOW_REJECTS)
		printf("……共拒收 %" PRId64 " 行%s\n", rep.rejected,
		       rejects ? "，详见拒收文件" : "");
	if (!rep.already)
		printf("用时：摘要 %.2f 秒，读取、比对与写入 %.2f 秒（%d 个线程读取），提交 %.2f 秒\n",
		       rep.usec_digest / 1e6, rep.usec_read / 1e6, rep.threads, rep.usec_write / 1e6);
	else
		printf("用时：摘要 %.2f 秒\n", rep.usec_digest / 1e6);
	printf("读取 %" PRId64 " 条：命中 %" PRId64 "，未命中 %" PRId64 "，重复 %" PRId64
	       "，拒收 %" PRId64 "；新预警 %" PRId64 "\n",
	       rep.read, rep.matched, rep.unmatched, rep.duplicates, rep.rejected, rep.alerts);
	printf("read %" PRId64 " matched %" PRId64 " unmatched %" PRId64 " duplicates %" PRId64
	       " rejected %" PRId64 " alerts %" PRId64 "\n",
	       rep.read, rep.matched, rep.unmatched, rep.duplicates, rep.rejected, rep.alerts);
	ret = 0;
	goto out;
fail:
	cmd_fail("%s", err.buf);
out:
	if (fd >= 0)
		close(fd);
	events_close(r);
	feed_report_release(&rep);
	store_put(db);
	store_close(s);
	arena_release(&a);
	buf_release(&err);
	return ret;
}

int cmd_feed(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "source") && !strcmp(argv[2], "add"))
		return source_add(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "source") && !strcmp(argv[2], "list"))
		return source_list(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "source") &&
	    (!strcmp(argv[2], "disable") || !strcmp(argv[2], "enable") || !strcmp(argv[2], "rotate")))
		return source_change(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "watchlist"))
		return watchlist(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "ingest"))
		return ingest(argc, argv);
	return cmd_usage(cmd_find("feed"));
}
