/* dispatch.h - the request pipeline: assets, routing, sign-in, permission, CSRF, errors. */
#ifndef JINDU_DISPATCH_H
#define JINDU_DISPATCH_H

#include <stdint.h>

#include "web/req.h"

/* Runs one collected request to a complete response. started: now_usec()
 * when the request arrived, for the latency metric. */
void dispatch(struct req *r, struct resp *w, int64_t started);

#endif
