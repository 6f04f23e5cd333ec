/* cmd-backup.c - jindu backup: a consistent copy while the server keeps running. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "store/store.h"

int cmd_backup(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *to = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL }, { "key", &key, NULL }, { "to", &to, NULL },
		{ NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct store *s;
	int i, ret = 0;

	i = opt_parse(argc, argv, 1, opts);
	if (i < 0 || i != argc || !db_path || !to)
		return cmd_usage(cmd_find("backup"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	if (store_backup(s, to, &err) < 0)
		ret = cmd_fail("%s", err.buf);
	else
		printf("backed up %s to %s (the key file is not included: keep it separately)\n",
		       db_path, to);
	store_close(s);
	buf_release(&err);
	return ret;
}
