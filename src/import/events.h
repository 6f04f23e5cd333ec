/* events.h - partner feed events (.csv or .jsonl): the input, its digest, readers of its parts. */
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
 * Because a line break always ends an event, the input can be cut at any
 * byte offsets into parts read side by side, each by its own reader with
 * its own block buffer: memory does not grow with the input's size. A line
 * belongs to the part its first byte is in.
 *
 * The digest identifies a batch: SHA-256 over the SHA-256 of each
 * EVENTS_PIECE bytes of the input and its length (eight bytes, little
 * endian), so that the pieces can be hashed side by side too.
 */
enum events_format { EVENTS_CSV, EVENTS_JSONL };

struct event_line {
	int line;   /* 1-based, counted from the first line of the part read */
	const char *event_id, *id_number, *name, *time, *place, *division, *details;
};

struct events;
struct events_part;

/* A regular file, by the name's extension (.csv, .jsonl or .json); NULL
 * with err. */
struct events *events_open(const char *path, struct buf *err);
/* The same from bytes in memory (an HTTP body); data must outlive r. */
struct events *events_open_mem(const void *data, size_t len, enum events_format fmt,
			       struct buf *err);
void events_close(struct events *r);
size_t events_size(const struct events *r);

/* ---- the digest ---- */
#define EVENTS_PIECE ((size_t)4 << 20)
size_t events_pieces(const struct events *r);
/* The hash of piece i (safe to call from several threads at once): 0, or
 * -1 with err when the input cannot be read. */
int events_hash_piece(const struct events *r, size_t i, unsigned char leaf[32], struct buf *err);
/* The digest from every piece's hash, 64 hex characters. */
void events_digest_of(const struct events *r, const unsigned char (*leaves)[32], char out[65]);
/* The same in one go: 0 or -1 (err). */
int events_digest(const struct events *r, char out[65], struct buf *err);

/* ---- reading ---- */

/*
 * Reads the CSV header (the first line that is not blank) and finds where
 * the events begin: 0, or -1 with err ("第 1 行（表头）：…") when the input
 * is not events. Needed once before any part is read.
 */
int events_start(struct events *r, struct buf *err);
/* The lines before the first event (the header and blank lines before it). */
int events_first_line(const struct events *r);

/* A reader of the lines whose first byte is in [from, to) (to may be past
 * the end). Parts of one input may be read by different threads at once. */
struct events_part *events_part(const struct events *r, size_t from, size_t to);
/*
 * The next event of the part: 1 (ev filled; its strings are valid until
 * the next call), 0 at its end, EVENTS_BAD for a line that cannot be read
 * as an event (*why says why, Chinese; ev->line is its line), -1 when
 * reading fails (err).
 */
#define EVENTS_BAD 2
int events_part_next(struct events_part *p, struct event_line *ev, const char **why,
		     struct buf *err);
/* Lines the part has read so far, blank ones included. */
int events_part_lines(const struct events_part *p);
void events_part_free(struct events_part *p);

/* The whole input as one part, in order, lines numbered from the top of
 * the input (events_start is called first when needed). */
int events_next(struct events *r, struct event_line *ev, const char **why, struct buf *err);

#endif
