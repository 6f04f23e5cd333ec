/* cmd-token.c - jindu token create: an API token for Authorization: Bearer. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/setup.h"

int cmd_token(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *login = NULL, *label = "";
	const struct opt opts[] = {
		{ "db", &db_path, NULL }, { "key", &key, NULL },     { "user", &login, NULL },
		{ "label", &label, NULL }, { NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT, token = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct store *s;
	struct db *db;
	struct user u;
	int i, rc, ret = 1;

	if (argc < 2 || strcmp(argv[1], "create"))
		return cmd_usage(cmd_find("token"));
	i = opt_parse(argc, argv, 2, opts);
	if (i < 0 || i != argc || !db_path || !login)
		return cmd_usage(cmd_find("token"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	rc = store_user_by_login(db, login, &a, &u, &err);
	if (rc == STORE_NOTFOUND)
		buf_setf(&err, "no user '%s'", login);
	if (rc != 0)
		goto fail;
	if (u.disabled) {
		buf_setf(&err, "user '%s' is disabled", login);
		goto fail;
	}
	if (auth_token_issue(db, &setup_cli_actor, &u, label, &token, &err) < 0)
		goto fail;
	printf("%s\n", token.buf);
	ret = 0;
	goto out;
fail:
	cmd_fail("%s", err.buf);
out:
	store_put(db);
	store_close(s);
	arena_release(&a);
	buf_release(&token);
	buf_release(&err);
	return ret;
}
