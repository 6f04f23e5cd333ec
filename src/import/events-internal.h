/* events-internal.h - what events.c shows its tests: reading one JSON line both ways. */
#ifndef JINDU_EVENTS_INTERNAL_H
#define JINDU_EVENTS_INTERNAL_H

#include <stddef.h>

#include "lib/buf.h"

/*
 * The seven fields of one JSON line (event_id, id_number, name, time,
 * place, division, details), NUL-separated in out with at[k] where each
 * begins: NULL, or why the line is refused. With fast, a flat object of
 * those keys is read directly and everything else by jansson; without, all
 * by jansson. Both must give the same answer for every line.
 */
const char *events_json_values(const char *s, size_t n, int fast, struct buf *out,
			       size_t at[7]);

#endif
