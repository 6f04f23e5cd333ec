/* metrics.h - request counters and latency histograms for /metrics (Prometheus text). */
#ifndef JINDU_METRICS_H
#define JINDU_METRICS_H

#include <stdint.h>

#include "lib/buf.h"

/* Slot for a route index 0..nroutes-1; these two for the rest. */
#define METRICS_UNMATCHED (-1)
#define METRICS_STATIC (-2)

void metrics_init(int nroutes);
void metrics_observe(int route, int status, int64_t usec, int64_t db_usec);
/* Appends the Prometheus exposition text. */
void metrics_render(struct buf *out);

#endif
