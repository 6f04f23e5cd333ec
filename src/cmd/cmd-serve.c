/* cmd-serve.c - jindu serve: the web interface and the JSON API. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "domain/control.h"
#include "domain/feed.h"
#include "domain/setup.h"
#include "lib/timeutil.h"
#include "lib/i18n.h"
#include "web/metrics.h"
#include "web/route.h"
#include "web/server.h"
#include "web/upload.h"

#define UPLOAD_SWEEP_SECONDS 60

/* What follows from time passing alone (a report deadline missed, the clean
 * period complete, what falls due today) is written by this thread once a
 * day: at start unless that day's run is done already, then when the day
 * changes (everything is reckoned by the day). Every minute it also
 * removes uploads left unused too long and escalates the alerts past a
 * deadline. */
struct sweeper {
	struct store *store;
	struct uploads *uploads;
	atomic_int stop;
	pthread_t thread;
};

static void *sweep(void *p)
{
	struct sweeper *sw = p;
	struct db *db = store_get(sw->store);
	int day = control_refreshed_day(db), waited = 0;

	store_put(db);
	while (!atomic_load(&sw->stop)) {
		if (ymd_today() != day) {
			struct buf err = BUF_INIT;
			int n = 0;
			day = ymd_today();
			db = store_get(sw->store);
			if (control_refresh_all(db, day, &n, &err) < 0)
				fprintf(stderr, "jindu: refresh: %s\n", err.buf);
			store_put(db);
			buf_release(&err);
		}
		if (waited++ % UPLOAD_SWEEP_SECONDS == 0) {
			struct buf err = BUF_INIT;
			int n = 0;
			uploads_sweep(sw->uploads);
			feed_watchlist_expire(now_unix());
			/* alerts past a deadline go up to the unit head */
			db = store_get(sw->store);
			if (alert_escalate(db, now_unix(), &n, &err) < 0)
				fprintf(stderr, "jindu: escalate: %s\n", err.buf);
			store_put(db);
			buf_release(&err);
		}
		sleep(1);
	}
	return NULL;
}

int cmd_serve(int argc, char **argv)
{
	struct sweeper sw;
	sigset_t set;
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
	app.uploads = uploads_open(db_path, UPLOAD_TTL, &err);
	if (!app.uploads) {
		store_close(app.store);
		arena_release(&a);
		ret = cmd_fail("%s", err.buf);
		buf_release(&err);
		return ret;
	}
	app.english_ok = i18n_init() == 0;
	if (!app.english_ok)
		fprintf(stderr, "jindu: English is unavailable (locale en_US.UTF-8 missing); "
				"pages stay in Chinese\n");
	metrics_init(nroutes);
	so.listen = listen;
	so.threads = atoi(threads);
	/* Only the server's sigwait may take SIGINT/SIGTERM, in every thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sw.store = app.store;
	sw.uploads = app.uploads;
	atomic_init(&sw.stop, 0);
	pthread_create(&sw.thread, NULL, sweep, &sw);
	if (server_run(&app, &so, &err) < 0)
		ret = cmd_fail("%s", err.buf);
	atomic_store(&sw.stop, 1);
	pthread_join(sw.thread, NULL);
	uploads_close(app.uploads);
	i18n_cleanup();
	store_close(app.store);
	arena_release(&a);
	buf_release(&err);
	return ret;
}
