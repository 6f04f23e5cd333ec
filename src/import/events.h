/* events.h - partner feed events (.csv or .jsonl), read a line at a time with flat memory. */
#ifndef JINDU_EVENTS_H
#define JINDU_EVENTS_H

#include <stddef.h>

#include "lib/buf.h"

/*
 * A feed delivers one event per line: a source event id, the ID number,
 * name, time, place (address and division code) and details.
 *
 *  - .csv: a header line naming the columns (event_id, id_number, name,
 *    time, place, division, details, or 事件编号, 身份证号, 姓名, 时间,
 *    地点, 区划代码, 详情), then RFC 4180 lines ("" for a quote; a quoted
 *    line break is not allowed: one event, one line).
 *  - .jsonl: one JSON object per line with those keys; details may be a
 *    string or any JSON value (kept as its text).
 *
 * The file is read in blocks: memory does not grow with its size. Every
 * byte goes into a BLAKE2b digest, so a batch delivered again is known.
 */
enum events_format { EVENTS_CSV, EVENTS_JSONL };

struct event_line {
	int line;   /* 1-based line of the file */
	const char *event_id, *id_number, *name, *time, *place, *division, *details;
};

struct events;

/* By the name's extension (.csv, .jsonl or .json); NULL with err. */
struct events *events_open(const char *path, struct buf *err);
/* The same from bytes in memory (an HTTP body); data must outlive r. */
struct events *events_open_mem(const void *data, size_t len, enum events_format fmt,
			       struct buf *err);

/*
 * The next event: 1 (ev filled; strings valid until the next call), 0 at
 * the end, 2 for a line that cannot be read as an event (*why says why,
 * Chinese; ev->line is its line), -1 when reading fails (err).
 */
#define EVENTS_BAD 2
int events_next(struct events *r, struct event_line *ev, const char **why, struct buf *err);

/* After the end: the digest of every byte, 64 hex characters. */
void events_digest(struct events *r, char out[65]);
void events_close(struct events *r);

#endif
