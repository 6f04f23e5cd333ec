/* server.h - the HTTP server: libmicrohttpd glue, the app's shared state. */
#ifndef JINDU_SERVER_H
#define JINDU_SERVER_H

#include "domain/auth.h"
#include "store/store.h"

/* What every request can reach: the store and the server's settings. */
struct app {
	struct store *store;
	struct auth_policy policy;
	const char *root;        /* root jurisdiction code of this database */
	const char *root_name;
	int secure_cookies;      /* add Secure to cookies (behind TLS) */
	int quiet;               /* no access log */
	int english_ok;          /* the English locale is available */
	struct uploads *uploads; /* files between the steps of an import (upload.h) */
};

struct server_options {
	const char *listen;      /* "127.0.0.1:8080" */
	int threads;
};

/* Serves until SIGINT or SIGTERM, then finishes in-flight requests and
 * returns 0; -1 with err when the server cannot start. */
int server_run(struct app *app, const struct server_options *o, struct buf *err);

#endif
