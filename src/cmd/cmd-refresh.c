/* cmd-refresh.c - jindu refresh: bring derived facts up to date (for cron; the server does it too). */
#include <stdio.h>

#include "cmd/cmd.h"
#include "domain/control.h"
#include "lib/timeutil.h"

int cmd_refresh(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL }, { "key", &key, NULL }, { NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	int i, n = 0, ret = 0;

	i = opt_parse(argc, argv, 1, opts);
	if (i < 0 || i != argc || !db_path)
		return cmd_usage(cmd_find("refresh"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	if (control_refresh_all(db, ymd_today(), &n, &err) < 0)
		ret = cmd_fail("%s", err.buf);
	else
		printf("refreshed %d persons under control\n", n);
	store_put(db);
	store_close(s);
	buf_release(&err);
	return ret;
}
