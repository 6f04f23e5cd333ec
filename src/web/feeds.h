/* feeds.h - what the partner source pages and the source API share. */
#ifndef JINDU_WEB_FEEDS_H
#define JINDU_WEB_FEEDS_H

#include <jansson.h>

#include "store/store.h"

/* A source as the API shows it: name, kind, label, owner unit, disabled,
 * created_at and its batches' totals. Never its token. New reference. */
json_t *feeds_source_json(const struct feed_source_row *s);

#endif
