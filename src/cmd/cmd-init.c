/* cmd-init.c - jindu init: a new database, its key file and the first administrator. */
#include <stdio.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "lib/secret.h"

/* A database that setup could not finish is removed with its key file, so
 * that running init again with the mistake corrected just works. */
static void remove_unfinished(const char *db_path, const char *key)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if ((size_t)snprintf(path, sizeof(path), "%s%s", db_path, suffixes[i]) < sizeof(path))
			unlink(path);
	if (key)
		unlink(key);
	else if ((size_t)snprintf(path, sizeof(path), "%s.key", db_path) < sizeof(path))
		unlink(path);
}

int cmd_init(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *root = "360825", *password = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },
		{ "key", &key, NULL },
		{ "jurisdiction", &root, NULL },
		{ "password", &password, NULL },
		{ NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	char generated[20];
	int i, ret = 1;

	i = opt_parse(argc, argv, 1, opts);
	if (i < 0 || i != argc || !db_path)
		return cmd_usage(cmd_find("init"));
	s = store_open(db_path, key, 1, &err);
	if (!s) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	if (!password) {
		secret_random_password(generated);
		password = generated;
	}
	db = store_get(s);
	if (setup_database(db, root, password, &err) < 0) {
		store_put(db);
		store_close(s);
		remove_unfinished(db_path, key);
		cmd_fail("%s", err.buf);
		goto out;
	}
	store_put(db);
	store_close(s);
	printf("created %s (key file %s%s)\n", db_path, key ? key : db_path, key ? "" : ".key");
	printf("login: admin\npassword: %s\n", password);
	printf("Keep the key file safe and separate from backups of the database: without it the "
	       "ID numbers cannot be read.\n");
	ret = 0;
out:
	buf_release(&err);
	return ret;
}
