/* throttle.h - per-address limit on sign-in attempts, kept in memory. */
#ifndef JINDU_THROTTLE_H
#define JINDU_THROTTLE_H

#include <stdint.h>

/* Counts an attempt from ip at time now; returns 1 when it is allowed,
 * 0 when the address has made more than `limit` attempts in `window`
 * seconds. The per-account lock-out is separate (domain/auth.c). */
int throttle_allow(const char *ip, int64_t now, int limit, int window);

#endif
