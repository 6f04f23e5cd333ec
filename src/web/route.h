/* route.h - the one route table: method, path, handler, module and access, flags. */
#ifndef JINDU_ROUTE_H
#define JINDU_ROUTE_H

#include "domain/role.h"
#include "web/req.h"

/* A handler fills the response and returns the HTTP status. */
typedef int (*handler_fn)(struct req *r, struct resp *w);

enum route_flags {
	RF_PUBLIC = 1 << 0,  /* no sign-in needed (login page, health, assets) */
	RF_NO_CSRF = 1 << 1, /* state-changing but not from a session (login form has its own) */
	RF_PRE_MFA = 1 << 2, /* allowed while the second factor is still pending */
};

struct route {
	const char *method;
	const char *pattern; /* "/persons/{id}": {name} matches one path segment */
	handler_fn fn;
	enum module module;  /* MOD_NONE: any signed-in user */
	enum access access;
	int flags;
};

extern const struct route routes[];
extern const int nroutes;

/* Finds the route for method and path and fills r->path_params. Sets
 * *method_mismatch when the path exists with another method. */
const struct route *route_match(struct req *r, const char *method, const char *path,
				int *method_mismatch);
/* Index of a route in the table, for metrics. */
int route_index(const struct route *rt);

#endif
