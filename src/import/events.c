/* events.c - reading partner feed events line by line: blocks, CSV fields, JSON objects. */
#include "import/events.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"

#define BLOCK (1 << 20)       /* bytes read at a time */
#define MAX_LINE (64 * 1024)  /* a longer line is rejected */

enum field { F_EVENT_ID, F_ID_NUMBER, F_NAME, F_TIME, F_PLACE, F_DIVISION, F_DETAILS, F_COUNT };

static const char *const field_keys[F_COUNT] = { "event_id", "id_number", "name", "time",
						 "place", "division", "details" };
static const char *const field_zh[F_COUNT] = { "事件编号", "身份证号", "姓名", "时间", "地点",
					       "区划代码", "详情" };

struct events {
	int fd;                      /* -1 for memory */
	enum events_format fmt;
	const char *mem;             /* memory input */
	size_t mem_len, mem_pos;
	char *buf;                   /* block buffer: [start, end) not yet consumed */
	size_t start, end, cap;
	int eof;
	int line;                    /* lines handed out so far */
	int header_done;
	int col_of[F_COUNT];         /* CSV: the column of each field, or -1 */
	struct buf out;              /* the fields of the current line, NUL-separated */
	const char *values[F_COUNT];
	crypto_generichash_state digest;
};

static struct events *alloc_reader(enum events_format fmt)
{
	struct events *r = xcalloc(1, sizeof(*r));
	int i;
	r->fd = -1;
	r->fmt = fmt;
	r->cap = BLOCK + MAX_LINE;
	r->buf = xmalloc(r->cap);
	buf_init(&r->out, MAX_LINE * 2);
	for (i = 0; i < F_COUNT; i++)
		r->col_of[i] = -1;
	crypto_generichash_init(&r->digest, NULL, 0, 32);
	return r;
}

static int format_of(const char *path, enum events_format *fmt)
{
	size_t n = strlen(path);
	if (n > 4 && !strcasecmp(path + n - 4, ".csv"))
		*fmt = EVENTS_CSV;
	else if ((n > 6 && !strcasecmp(path + n - 6, ".jsonl")) ||
		 (n > 5 && !strcasecmp(path + n - 5, ".json")))
		*fmt = EVENTS_JSONL;
	else
		return -1;
	return 0;
}

struct events *events_open(const char *path, struct buf *err)
{
	enum events_format fmt;
	struct events *r;
	int fd;

	if (format_of(path, &fmt) < 0) {
		buf_setf(err, _("不支持的文件类型：%s（应为 .csv 或 .jsonl）"), path);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		buf_setf(err, _("无法打开 %s：%s"), path, strerror(errno));
		return NULL;
	}
	r = alloc_reader(fmt);
	r->fd = fd;
	return r;
}

struct events *events_open_mem(const void *data, size_t len, enum events_format fmt,
			       struct buf *err)
{
	struct events *r = alloc_reader(fmt);
	(void)err;
	r->mem = data;
	r->mem_len = len;
	return r;
}

void events_close(struct events *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	free(r->buf);
	buf_release(&r->out);
	free(r);
}

void events_digest(struct events *r, char out[65])
{
	unsigned char h[32];
	crypto_generichash_final(&r->digest, h, sizeof(h));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Moves what is left to the front and reads more: 0, or -1 with err. */
static int fill(struct events *r, struct buf *err)
{
	size_t left = r->end - r->start, got;

	memmove(r->buf, r->buf + r->start, left);
	r->start = 0;
	r->end = left;
	if (r->fd < 0) {
		got = r->mem_len - r->mem_pos;
		if (got > r->cap - r->end)
			got = r->cap - r->end;
		memcpy(r->buf + r->end, r->mem + r->mem_pos, got);
		r->mem_pos += got;
	} else {
		ssize_t n;
		do
			n = read(r->fd, r->buf + r->end, r->cap - r->end);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			buf_setf(err, _("读取失败：%s"), strerror(errno));
			return -1;
		}
		got = (size_t)n;
	}
	crypto_generichash_update(&r->digest, (const unsigned char *)r->buf + r->end, got);
	r->end += got;
	if (!got)
		r->eof = 1;
	return 0;
}

/*
 * The next line without its end (\n or \r\n): 1 with *line and *len, 0 at
 * the end, -1 (err). A line longer than MAX_LINE comes back with *len =
 * (size_t)-1 after being skipped.
 */
static int next_line(struct events *r, const char **line, size_t *len, struct buf *err)
{
	int skipping = 0;
	for (;;) {
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl || (r->eof && r->end > r->start)) {
			size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
			*line = r->buf + r->start;
			r->start += n + (nl ? 1 : 0);
			if (n && (*line)[n - 1] == '\r')
				n--;
			*len = skipping || n > MAX_LINE ? (size_t)-1 : n;
			r->line++;
			return 1;
		}
		if (r->eof)
			return 0;
		if (r->end - r->start >= MAX_LINE) {
			/* too long: drop what we have and look for its end */
			r->start = r->end;
			skipping = 1;
		}
		if (fill(r, err) < 0)
			return -1;
	}
}

static int valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p;
		size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
			   : (c & 0xF8) == 0xF0 ? 3 : 9;
		if (k == 9 || (k == 1 && c < 0xC2) || (size_t)(e - p) <= k)
			return k == 0 ? 1 : 0;
		for (p++; k; k--, p++)
			if ((*p & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

/* Splits a CSV line into cells, each NUL-terminated in r->out: the number
 * of cells, or -1 for a quote left open. */
static int csv_cells(struct events *r, const char *s, size_t n, size_t *starts, int max)
{
	size_t i = 0;
	int nc = 0;

	buf_reset(&r->out);
	for (;;) {
		if (nc < max)
			starts[nc] = r->out.len;
		nc++;
		if (i < n && s[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					return -1;
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						buf_addch(&r->out, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				buf_addch(&r->out, s[i]);
			}
			if (i < n && s[i] != ',')
				return -1;
		} else {
			size_t j = i;
			while (j < n && s[j] != ',')
				j++;
			buf_add(&r->out, s + i, j - i);
			i = j;
		}
		buf_addch(&r->out, '\0');
		if (i >= n)
			break;
		i++; /* the comma */
	}
	return nc;
}

static int field_of(const char *name)
{
	int k;
	while (*name == ' ')
		name++;
	if (!strncmp(name, "\xef\xbb\xbf", 3)) /* a byte order mark */
		name += 3;
	for (k = 0; k < F_COUNT; k++)
		if (!strcasecmp(name, field_keys[k]) || !strcmp(name, field_zh[k]))
			return k;
	return -1;
}

static const char *csv_header(struct events *r, const char *s, size_t n)
{
	size_t starts[64];
	int nc = csv_cells(r, s, n, starts, 64), i;
	if (nc < 0)
		return _("表头的引号不配对");
	for (i = 0; i < nc && i < 64; i++) {
		int k = field_of(r->out.buf + starts[i]);
		if (k >= 0 && r->col_of[k] < 0)
			r->col_of[k] = i;
	}
	for (i = 0; i < F_COUNT; i++)
		if (r->col_of[i] < 0 && (i == F_EVENT_ID || i == F_ID_NUMBER || i == F_TIME))
			return _("表头缺少必需的列：event_id（事件编号）、id_number（身份证号）和 time（时间）");
	return NULL;
}

static const char *csv_event(struct events *r, const char *s, size_t n)
{
	size_t starts[64];
	int nc = csv_cells(r, s, n, starts, 64), k;
	if (nc < 0)
		return _("引号不配对");
	for (k = 0; k < F_COUNT; k++)
		r->values[k] = r->col_of[k] >= 0 && r->col_of[k] < nc && r->col_of[k] < 64
				       ? r->out.buf + starts[r->col_of[k]] : "";
	return NULL;
}

static const char *json_event(struct events *r, const char *s, size_t n)
{
	json_error_t je;
	json_t *doc = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je), *v;
	size_t at[F_COUNT];
	int k;

	if (!json_is_object(doc)) {
		json_decref(doc);
		return _("不是有效的 JSON 对象");
	}
	buf_reset(&r->out);
	for (k = 0; k < F_COUNT; k++) {
		v = json_object_get(doc, field_keys[k]);
		at[k] = r->out.len;
		if (json_is_string(v)) {
			buf_add(&r->out, json_string_value(v), json_string_length(v));
		} else if (json_is_integer(v) && k != F_ID_NUMBER) {
			buf_addf(&r->out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		} else if (v && !json_is_null(v) && k == F_DETAILS) {
			char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
			if (t)
				buf_adds(&r->out, t);
			free(t);
		} else if (v && !json_is_null(v)) {
			json_decref(doc);
			return k == F_ID_NUMBER ? _("id_number 应为字符串") : _("字段类型不对");
		}
		buf_addch(&r->out, '\0');
	}
	json_decref(doc);
	for (k = 0; k < F_COUNT; k++)
		r->values[k] = r->out.buf + at[k];
	return NULL;
}

int events_next(struct events *r, struct event_line *ev, const char **why, struct buf *err)
{
	const char *line;
	size_t len;
	int rc;

	for (;;) {
		rc = next_line(r, &line, &len, err);
		if (rc <= 0)
			return rc;
		memset(ev, 0, sizeof(*ev));
		ev->line = r->line;
		if (len == (size_t)-1) {
			*why = _("行过长");
			return EVENTS_BAD;
		}
		if (!len || (len == 3 && !memcmp(line, "\xef\xbb\xbf", 3)))
			continue; /* blank lines are not events */
		if (!valid_utf8(line, len)) {
			*why = _("不是有效的 UTF-8 文本");
			return EVENTS_BAD;
		}
		if (r->fmt == EVENTS_CSV && !r->header_done) {
			r->header_done = 1;
			*why = csv_header(r, line, len);
			if (*why) {
				buf_setf(err, _("第 %d 行（表头）：%s"), ev->line, *why);
				return -1;
			}
			continue;
		}
		*why = r->fmt == EVENTS_CSV ? csv_event(r, line, len) : json_event(r, line, len);
		if (*why)
			return EVENTS_BAD;
		ev->event_id = r->values[F_EVENT_ID];
		ev->id_number = r->values[F_ID_NUMBER];
		ev->name = r->values[F_NAME];
		ev->time = r->values[F_TIME];
		ev->place = r->values[F_PLACE];
		ev->division = r->values[F_DIVISION];
		ev->details = r->values[F_DETAILS];
		return 1;
	}
}
