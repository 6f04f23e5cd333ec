/* cmd-serve.c - jindu serve: the web interface and the JSON API. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "lib/i18n.h"
#include "web/metrics.h"
#include "web/route.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *listen = "127.0.0.1:8080", *threads = "8";
	int quiet = 0, secure = 0;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },      { "key", &key, NULL },
		{ "listen", &listen, NULL },   { "threads", &threads, NULL },
		{ "quiet", NULL, &quiet },     { "secure-cookies", NULL, &secure },
		{ NULL, NULL, NULL },
	};
	struct server_options so;
	struct app app;
	struct buf err = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct division root;
	struct db *db;
	int i, ret = 0;

	i = opt_parse(argc, argv, 1, opts);
	if (i < 0 || i != argc || !db_path || atoi(threads) < 1 || atoi(threads) > 64)
		return cmd_usage(cmd_find("serve"));
	app.store = cmd_open_store(db_path, key);
	if (!app.store)
		return 1;
	app.policy = auth_default_policy;
	app.secure_cookies = secure;
	app.quiet = quiet;
	db = store_get(app.store);
	app.root = setup_root(db, &a);
	if (!*app.root || store_division_get(db, app.root, &a, &root, &err) != 0) {
		store_put(db);
		store_close(app.store);
		arena_release(&a);
		buf_release(&err);
		return cmd_fail("database '%s' has no jurisdiction: was it made by 'jindu init'?",
				db_path);
	}
	store_put(db);
	app.root_name = root.name;
	app.english_ok = i18n_init() == 0;
	if (!app.english_ok)
		fprintf(stderr, "jindu: English is unavailable (locale en_US.UTF-8 missing); "
				"pages stay in Chinese\n");
	metrics_init(nroutes);
	so.listen = listen;
	so.threads = atoi(threads);
	if (server_run(&app, &so, &err) < 0)
		ret = cmd_fail("%s", err.buf);
	i18n_cleanup();
	store_close(app.store);
	arena_release(&a);
	buf_release(&err);
	return ret;
}
