/* metrics.c - counters per route and status, latency and database-time histograms. */
#include "web/metrics.h"

#include <pthread.h>
#include <stdlib.h>

#include "lib/xalloc.h"
#include "web/route.h"

static const double bounds[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 };
#define NB (sizeof(bounds) / sizeof(bounds[0]))
#define NSTATUS 600

struct slot {
	uint64_t status[NSTATUS];
	uint64_t bucket[NB + 1];
	uint64_t count;
	double sum, db_sum;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static int nslots;

void metrics_init(int n)
{
	nslots = n + 2;
	slots = xcalloc((size_t)nslots, sizeof(*slots));
}

static struct slot *slot_for(int route)
{
	if (route >= 0 && route < nslots - 2)
		return &slots[route];
	return &slots[nslots + (route == METRICS_STATIC ? -1 : -2)];
}

static const char *slot_name(int i)
{
	if (i < nslots - 2)
		return routes[i].pattern;
	return i == nslots - 1 ? "static" : "unmatched";
}

void metrics_observe(int route, int status, int64_t usec, int64_t db_usec)
{
	struct slot *s;
	double secs = (double)usec / 1e6;
	size_t b;

	if (!slots)
		return;
	for (b = 0; b < NB && secs > bounds[b]; b++)
		;
	pthread_mutex_lock(&mu);
	s = slot_for(route);
	if (status > 0 && status < NSTATUS)
		s->status[status]++;
	s->bucket[b]++;
	s->count++;
	s->sum += secs;
	s->db_sum += (double)db_usec / 1e6;
	pthread_mutex_unlock(&mu);
}

void metrics_render(struct buf *out)
{
	int i, st;
	size_t b;

	if (!slots)
		return;
	pthread_mutex_lock(&mu);
	buf_adds(out, "# HELP jindu_http_requests_total HTTP requests by route and status.\n"
		      "# TYPE jindu_http_requests_total counter\n");
	for (i = 0; i < nslots; i++)
		for (st = 0; st < NSTATUS; st++)
			if (slots[i].status[st])
				buf_addf(out,
					 "jindu_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
					 slot_name(i), st, (unsigned long long)slots[i].status[st]);
	buf_adds(out, "# HELP jindu_http_request_duration_seconds Time to answer, by route.\n"
		      "# TYPE jindu_http_request_duration_seconds histogram\n");
	for (i = 0; i < nslots; i++) {
		uint64_t cum = 0;
		if (!slots[i].count)
			continue;
		for (b = 0; b < NB; b++) {
			cum += slots[i].bucket[b];
			buf_addf(out,
				 "jindu_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
				 slot_name(i), bounds[b], (unsigned long long)cum);
		}
		buf_addf(out,
			 "jindu_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
			 "jindu_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
			 "jindu_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
			 slot_name(i), (unsigned long long)slots[i].count, slot_name(i), slots[i].sum,
			 slot_name(i), (unsigned long long)slots[i].count);
	}
	buf_adds(out, "# HELP jindu_db_seconds_total Time spent in the database, by route.\n"
		      "# TYPE jindu_db_seconds_total counter\n");
	for (i = 0; i < nslots; i++)
		if (slots[i].count)
			buf_addf(out, "jindu_db_seconds_total{route=\"%s\"} %.6f\n", slot_name(i),
				 slots[i].db_sum);
	pthread_mutex_unlock(&mu);
}
