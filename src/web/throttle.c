/* throttle.c - fixed-size table of recent sign-in attempts per client address. */
#include "web/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define SLOTS 1024

struct slot {
	char ip[46];
	int64_t window_start;
	int count;
};

static struct slot slots[SLOTS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int throttle_allow(const char *ip, int64_t now, int limit, int window)
{
	struct slot *s;
	int ok;

	pthread_mutex_lock(&mu);
	s = &slots[hash(ip) % SLOTS];
	/* A different address in the slot, or an old window: start afresh. An
	 * attacker cycling addresses to evict others only resets counters, it
	 * never locks anyone out. */
	if (strcmp(s->ip, ip) || now - s->window_start >= window) {
		snprintf(s->ip, sizeof(s->ip), "%s", ip);
		s->window_start = now;
		s->count = 0;
	}
	s->count++;
	ok = s->count <= limit;
	pthread_mutex_unlock(&mu);
	return ok;
}
