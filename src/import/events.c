/* events.c - partner feed events: the input, its digest in pieces, parts read line by line. */
#include "import/events.h"
#include "import/events-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"

#define BLOCK (1 << 20)       /* bytes read at a time */
#define MAX_LINE (64 * 1024)  /* a longer line is rejected */
#define MAX_COLS 64

enum field { F_EVENT_ID, F_ID_NUMBER, F_NAME, F_TIME, F_PLACE, F_DIVISION, F_DETAILS, F_COUNT };

static const char *const field_keys[F_COUNT] = { "event_id", "id_number", "name", "time",
						 "place", "division", "details" };
static const char *const field_zh[F_COUNT] = { "事件编号", "身份证号", "姓名", "时间", "地点",
					       "区划代码", "详情" };

struct events {
	int fd;                      /* -1 for memory */
	const char *mem;
	size_t size;
	enum events_format fmt;
	int started;
	size_t body;                 /* offset of the first line after the header */
	int body_line;               /* lines before it */
	int col_of[F_COUNT];         /* CSV: the column of each field, or -1 */
	struct events_part *all;     /* for events_next */
	int all_lines;
};

struct events_part {
	const struct events *in;
	size_t pos;                  /* next byte of the input to read */
	size_t to;                   /* a line beginning at or after this is the next part's */
	char *buf;                   /* [start, end) read and not yet consumed */
	size_t start, end, cap;
	int eof;
	int skip;                    /* the first line is still to be found */
	int lines;
	size_t line_at;              /* the input offset of the line last read */
	struct buf out;              /* JSON: the fields of the current line, NUL-separated */
	const char *values[F_COUNT];
};

static struct events *alloc_input(enum events_format fmt)
{
	struct events *r = xcalloc(1, sizeof(*r));
	int i;
	r->fd = -1;
	r->fmt = fmt;
	for (i = 0; i < F_COUNT; i++)
		r->col_of[i] = -1;
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
	struct stat st;
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
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		buf_setf(err, _("%s 不是普通文件"), path);
		close(fd);
		return NULL;
	}
	r = alloc_input(fmt);
	r->fd = fd;
	r->size = (size_t)st.st_size; /* the batch is what the file holds now */
	return r;
}

struct events *events_open_mem(const void *data, size_t len, enum events_format fmt,
			       struct buf *err)
{
	struct events *r = alloc_input(fmt);
	(void)err;
	r->mem = data;
	r->size = len;
	return r;
}

void events_close(struct events *r)
{
	if (!r)
		return;
	events_part_free(r->all);
	if (r->fd >= 0)
		close(r->fd);
	free(r);
}

size_t events_size(const struct events *r)
{
	return r->size;
}

/* Up to n bytes of the input at off: how many (0 at the end), or -1 (err). */
static ssize_t read_at(const struct events *r, size_t off, char *dst, size_t n, struct buf *err)
{
	ssize_t got;
	if (off >= r->size)
		return 0;
	if (n > r->size - off)
		n = r->size - off;
	if (r->fd < 0) {
		memcpy(dst, r->mem + off, n);
		return (ssize_t)n;
	}
	do
		got = pread(r->fd, dst, n, (off_t)off);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		buf_setf(err, _("读取失败：%s"), strerror(errno));
	return got;
}

/* ---- the digest ---- */

size_t events_pieces(const struct events *r)
{
	return r->size ? (r->size + EVENTS_PIECE - 1) / EVENTS_PIECE : 1;
}

/* SHA-256 through OpenSSL, which uses the CPU's SHA instructions where
 * there are any: about twice as fast as BLAKE2b here, and the digest is
 * what every byte of a batch goes through. */
static EVP_MD_CTX *sha256_begin(void)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (!c || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
		abort(); /* out of memory, or a libcrypto without SHA-256 */
	return c;
}

static void sha256_end(EVP_MD_CTX *c, unsigned char out[32])
{
	unsigned int n = 32;
	EVP_DigestFinal_ex(c, out, &n);
	EVP_MD_CTX_free(c);
}

int events_hash_piece(const struct events *r, size_t i, unsigned char leaf[32], struct buf *err)
{
	EVP_MD_CTX *c = sha256_begin();
	size_t off = i * EVENTS_PIECE, end = off + EVENTS_PIECE;
	char *tmp = NULL;
	int rc = 0;

	if (end > r->size)
		end = r->size;
	if (r->fd < 0) {
		if (off < end)
			EVP_DigestUpdate(c, r->mem + off, end - off);
	} else {
		tmp = xmalloc(BLOCK);
		while (off < end) {
			ssize_t got = read_at(r, off, tmp, end - off < BLOCK ? end - off : BLOCK, err);
			if (got <= 0) {
				if (got == 0)
					buf_setf(err, "%s", _("文件在读取时变短了"));
				rc = -1;
				break;
			}
			EVP_DigestUpdate(c, tmp, (size_t)got);
			off += (size_t)got;
		}
		free(tmp);
	}
	sha256_end(c, leaf);
	return rc;
}

void events_digest_of(const struct events *r, const unsigned char (*leaves)[32], char out[65])
{
	EVP_MD_CTX *c = sha256_begin();
	unsigned char h[32], len[8];
	uint64_t size = r->size;
	int i;

	EVP_DigestUpdate(c, leaves[0], 32 * events_pieces(r));
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(size >> (8 * i));
	EVP_DigestUpdate(c, len, sizeof(len));
	sha256_end(c, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int events_digest(const struct events *r, char out[65], struct buf *err)
{
	size_t n = events_pieces(r), i;
	unsigned char(*leaves)[32] = xcalloc(n, sizeof(*leaves));
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = events_hash_piece(r, i, leaves[i], err);
	if (rc == 0)
		events_digest_of(r, (const unsigned char(*)[32])leaves, out);
	free(leaves);
	return rc;
}

/* ---- parts and their lines ---- */

/* Moves what is left to the front and reads more: 0, or -1 with err. */
static int fill(struct events_part *p, struct buf *err)
{
	size_t left = p->end - p->start;
	ssize_t got;

	memmove(p->buf, p->buf + p->start, left);
	p->start = 0;
	p->end = left;
	/* one byte stays free: a cell's terminating NUL may go where the
	 * last line's end would be */
	got = read_at(p->in, p->pos, p->buf + p->end, p->cap - 1 - p->end, err);
	if (got < 0)
		return -1;
	p->pos += (size_t)got;
	p->end += (size_t)got;
	if (!got)
		p->eof = 1;
	return 0;
}

/* The input offset of the first byte not yet consumed. */
static size_t offset_of(const struct events_part *p)
{
	return p->pos - (p->end - p->start);
}

struct events_part *events_part(const struct events *r, size_t from, size_t to)
{
	struct events_part *p = xcalloc(1, sizeof(*p));
	p->in = r;
	p->to = to;
	p->cap = BLOCK + MAX_LINE + 1;
	p->buf = xmalloc(p->cap);
	/* from inside the body: the part begins after the line break at or
	 * after from - 1 (a line that began before from is the last part's) */
	p->skip = from > r->body;
	p->pos = p->skip ? from - 1 : r->body;
	return p;
}

void events_part_free(struct events_part *p)
{
	if (!p)
		return;
	free(p->buf);
	buf_release(&p->out);
	free(p);
}

int events_part_lines(const struct events_part *p)
{
	return p->lines;
}

/* Skips to the first line of the part (once): 0 or -1 (err). */
static int skip_to_part(struct events_part *p, struct buf *err)
{
	if (!p->skip)
		return 0;
	p->skip = 0;
	for (;;) {
		char *nl;
		if (fill(p, err) < 0)
			return -1;
		nl = memchr(p->buf + p->start, '\n', p->end - p->start);
		if (nl) {
			p->start = (size_t)(nl - p->buf) + 1;
			return 0;
		}
		p->start = p->end;
		if (p->eof)
			return 0;
	}
}

/*
 * The next line of the part without its end (\n or \r\n): 1 with *line
 * and *len, 0 at the end, -1 (err). A line longer than MAX_LINE comes back
 * with *len = (size_t)-1 after being skipped. The byte after the line may
 * be overwritten.
 */
static int next_line(struct events_part *p, char **line, size_t *len, struct buf *err)
{
	int skipping = 0;

	if (skip_to_part(p, err) < 0)
		return -1;
	p->line_at = offset_of(p);
	if (p->line_at >= p->to)
		return 0;
	for (;;) {
		char *nl = memchr(p->buf + p->start, '\n', p->end - p->start);
		if (nl || (p->eof && p->end > p->start)) {
			size_t n = nl ? (size_t)(nl - (p->buf + p->start)) : p->end - p->start;
			*line = p->buf + p->start;
			p->start += n + (nl ? 1 : 0);
			if (n && (*line)[n - 1] == '\r')
				n--;
			*len = skipping || n > MAX_LINE ? (size_t)-1 : n;
			p->lines++;
			return 1;
		}
		if (p->eof)
			return 0;
		if (p->end - p->start >= MAX_LINE) {
			/* too long: drop what we have and look for its end */
			p->start = p->end;
			skipping = 1;
		}
		if (fill(p, err) < 0)
			return -1;
	}
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when it is
 * not a well-formed one (overlong forms and surrogates included). */
static inline size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if ((c & 0xF0) == 0xE0) /* most of Chinese text: three bytes */
		return n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
				       (c != 0xE0 || s[1] >= 0xA0) && (c != 0xED || s[1] < 0xA0)
			       ? 3 : 0;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80 ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return 4;
}

/* Whether any of the eight bytes at p is a comma or not ASCII. */
static inline int comma_or_high(const unsigned char *p)
{
	uint64_t v, x;
	memcpy(&v, p, 8);
	x = v ^ 0x2C2C2C2C2C2C2C2CULL; /* a comma becomes a zero byte */
	return (((x - 0x0101010101010101ULL) & ~x) | v) & 0x8080808080808080ULL ? 1 : 0;
}

static int valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		size_t k = utf8_seq(p, (size_t)(e - p));
		if (!k)
			return 0;
		p += k;
	}
	return 1;
}

/*
 * Splits a CSV line in place: each cell's end becomes a NUL (s[n] too) and
 * quoted cells are unquoted where they are; the UTF-8 is checked on the
 * way. The number of cells, CSV_QUOTE for a quote left open or text after
 * a closing quote, CSV_UTF8 for bytes that are not UTF-8.
 */
#define CSV_QUOTE (-1)
#define CSV_UTF8 (-2)
static int csv_split(char *s, size_t n, char **cell, int max)
{
	unsigned char *p = (unsigned char *)s, *e = p + n, *w = p;
	int nc = 0;

	for (;;) {
		if (nc < max)
			cell[nc] = (char *)w;
		nc++;
		if (p < e && *p == '"') {
			for (p++;;) {
				size_t k;
				if (p >= e)
					return CSV_QUOTE;
				if (*p == '"') {
					if (p + 1 < e && p[1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				k = utf8_seq(p, (size_t)(e - p));
				if (!k)
					return CSV_UTF8;
				memmove(w, p, k);
				w += k;
				p += k;
			}
			if (p < e && *p != ',')
				return CSV_QUOTE;
		} else {
			unsigned char *c = p;
			for (;;) {
				size_t k;
				while (e - p >= 8 && !comma_or_high(p))
					p += 8; /* plain ASCII */
				if (p >= e || *p == ',')
					break;
				k = utf8_seq(p, (size_t)(e - p));
				if (!k)
					return CSV_UTF8;
				p += k;
			}
			if (w != c)
				memmove(w, c, (size_t)(p - c));
			w += p - c;
		}
		*w++ = '\0';
		if (p >= e)
			break;
		p++; /* the comma */
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

static const char *csv_header(struct events *r, char *s, size_t n)
{
	char *cell[MAX_COLS];
	int nc = csv_split(s, n, cell, MAX_COLS), i;
	if (nc == CSV_UTF8)
		return _("不是有效的 UTF-8 文本");
	if (nc < 0)
		return _("表头的引号不配对");
	for (i = 0; i < nc && i < MAX_COLS; i++) {
		int k = field_of(cell[i]);
		if (k >= 0 && r->col_of[k] < 0)
			r->col_of[k] = i;
	}
	for (i = 0; i < F_COUNT; i++)
		if (r->col_of[i] < 0 && (i == F_EVENT_ID || i == F_ID_NUMBER || i == F_TIME))
			return _("表头缺少必需的列：event_id（事件编号）、id_number（身份证号）和 time（时间）");
	return NULL;
}

int events_start(struct events *r, struct buf *err)
{
	struct events_part *p;
	char *line;
	size_t len;
	int rc;

	if (r->started)
		return 0;
	r->started = 1;
	if (r->fmt != EVENTS_CSV)
		return 0;
	p = events_part(r, 0, (size_t)-1);
	while ((rc = next_line(p, &line, &len, err)) > 0) {
		const char *why;
		if (len == (size_t)-1) {
			buf_setf(err, _("第 %d 行（表头）：%s"), p->lines, _("行过长"));
			rc = -1;
			break;
		}
		if (!len || (len == 3 && !memcmp(line, "\xef\xbb\xbf", 3)))
			continue; /* blank lines before it */
		why = csv_header(r, line, len);
		if (why) {
			buf_setf(err, _("第 %d 行（表头）：%s"), p->lines, why);
			rc = -1;
		}
		break;
	}
	if (rc == 0)
		buf_setf(err, "%s", _("文件是空的：没有表头"));
	r->body = offset_of(p);
	r->body_line = p->lines;
	events_part_free(p);
	return rc > 0 ? 0 : -1;
}

int events_first_line(const struct events *r)
{
	return r->body_line;
}

static const char *csv_event(struct events_part *p, char *s, size_t n)
{
	const struct events *r = p->in;
	char *cell[MAX_COLS];
	int nc = csv_split(s, n, cell, MAX_COLS), k;
	if (nc == CSV_UTF8)
		return _("不是有效的 UTF-8 文本");
	if (nc < 0)
		return _("引号不配对");
	for (k = 0; k < F_COUNT; k++)
		p->values[k] = r->col_of[k] >= 0 && r->col_of[k] < nc && r->col_of[k] < MAX_COLS
				       ? cell[r->col_of[k]] : "";
	return NULL;
}

/* The fields of a JSON line through jansson: NULL with the values in out
 * (NUL-separated, at[k] where each begins), or why the line is refused. */
static const char *json_slow(const char *s, size_t n, struct buf *out, size_t at[F_COUNT])
{
	json_error_t je;
	json_t *doc = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je), *v;
	int k;

	if (!json_is_object(doc)) {
		json_decref(doc);
		return _("不是有效的 JSON 对象");
	}
	buf_reset(out);
	for (k = 0; k < F_COUNT; k++) {
		v = json_object_get(doc, field_keys[k]);
		at[k] = out->len;
		if (json_is_string(v)) {
			buf_add(out, json_string_value(v), json_string_length(v));
		} else if (json_is_integer(v) && k != F_ID_NUMBER) {
			buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		} else if (v && !json_is_null(v) && k == F_DETAILS) {
			char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
			if (t)
				buf_adds(out, t);
			free(t);
		} else if (v && !json_is_null(v)) {
			json_decref(doc);
			return k == F_ID_NUMBER ? _("id_number 应为字符串") : _("字段类型不对");
		}
		buf_addch(out, '\0');
	}
	json_decref(doc);
	return NULL;
}

#define JSON_WS(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n')

static int hex4(const unsigned char *p, const unsigned char *e, unsigned *v)
{
	int i;
	*v = 0;
	if (e - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		unsigned c = p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v |= (c | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return 0;
}

/* A JSON string at *pp (after its opening quote), unescaped into out:
 * 0, or -1 for anything the fast reader leaves to jansson (a bad escape,
 * \u0000, a lone surrogate, a control character, no closing quote). */
static int json_unescape(const unsigned char **pp, const unsigned char *e, struct buf *out)
{
	const unsigned char *p = *pp;
	for (;;) {
		const unsigned char *run = p;
		while (p < e && *p != '"' && *p != '\\' && *p >= 0x20)
			p++;
		buf_add(out, (const char *)run, (size_t)(p - run));
		if (p >= e || *p < 0x20)
			return -1;
		if (*p == '"') {
			*pp = p + 1;
			return 0;
		}
		if (++p >= e)
			return -1;
		switch (*p++) {
		case '"': buf_addch(out, '"'); break;
		case '\\': buf_addch(out, '\\'); break;
		case '/': buf_addch(out, '/'); break;
		case 'b': buf_addch(out, '\b'); break;
		case 'f': buf_addch(out, '\f'); break;
		case 'n': buf_addch(out, '\n'); break;
		case 'r': buf_addch(out, '\r'); break;
		case 't': buf_addch(out, '\t'); break;
		case 'u': {
			unsigned c, lo;
			char u8[4];
			if (hex4(p, e, &c) < 0 || c == 0)
				return -1;
			p += 4;
			if (c >= 0xDC00 && c <= 0xDFFF)
				return -1;
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (e - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, e, &lo) < 0 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return -1;
				p += 6;
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (c < 0x80) {
				buf_addch(out, (char)c);
			} else if (c < 0x800) {
				u8[0] = (char)(0xC0 | c >> 6);
				u8[1] = (char)(0x80 | (c & 0x3F));
				buf_add(out, u8, 2);
			} else if (c < 0x10000) {
				u8[0] = (char)(0xE0 | c >> 12);
				u8[1] = (char)(0x80 | (c >> 6 & 0x3F));
				u8[2] = (char)(0x80 | (c & 0x3F));
				buf_add(out, u8, 3);
			} else {
				u8[0] = (char)(0xF0 | c >> 18);
				u8[1] = (char)(0x80 | (c >> 12 & 0x3F));
				u8[2] = (char)(0x80 | (c >> 6 & 0x3F));
				u8[3] = (char)(0x80 | (c & 0x3F));
				buf_add(out, u8, 4);
			}
			break;
		}
		default:
			return -1;
		}
	}
}

/*
 * The fields of a JSON line read directly, for the lines partners send:
 * one flat object whose keys are among the fields, each at most once, its
 * values strings, whole numbers written plainly or null. 0 with the values
 * as json_slow gives them; -1 for any other line, which jansson decides.
 */
static int json_fast(const char *s, size_t n, struct buf *out, size_t at[F_COUNT])
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	size_t start[F_COUNT];
	int seen = 0, k;

	buf_reset(out);
	while (p < e && JSON_WS(*p))
		p++;
	if (p >= e || *p++ != '{')
		return -1;
	while (p < e && JSON_WS(*p))
		p++;
	if (p < e && *p == '}') {
		p++;
	} else {
		for (;;) {
			const unsigned char *key;
			size_t kn;
			if (p >= e || *p++ != '"')
				return -1;
			for (key = p; p < e && *p != '"' && *p != '\\' && *p >= 0x20; p++)
				;
			if (p >= e || *p != '"')
				return -1; /* an escape in a key: jansson's */
			kn = (size_t)(p++ - key);
			for (k = 0; k < F_COUNT; k++)
				if (strlen(field_keys[k]) == kn && !memcmp(key, field_keys[k], kn))
					break;
			if (k == F_COUNT || seen & (1 << k))
				return -1; /* another key, or one twice */
			seen |= 1 << k;
			while (p < e && JSON_WS(*p))
				p++;
			if (p >= e || *p++ != ':')
				return -1;
			while (p < e && JSON_WS(*p))
				p++;
			if (p >= e)
				return -1;
			start[k] = out->len;
			if (*p == '"') {
				p++;
				if (json_unescape(&p, e, out) < 0)
					return -1;
			} else if (*p >= '0' && *p <= '9' && k != F_ID_NUMBER) {
				const unsigned char *d = p;
				while (p < e && *p >= '0' && *p <= '9')
					p++;
				/* as jansson prints it: no leading zero, no fraction,
				 * no exponent, within 64 bits */
				if ((*d == '0' && p - d > 1) || p - d > 18 ||
				    (p < e && (*p == '.' || *p == 'e' || *p == 'E')))
					return -1;
				buf_add(out, (const char *)d, (size_t)(p - d));
			} else if (e - p >= 4 && !memcmp(p, "null", 4)) {
				p += 4;
			} else {
				return -1;
			}
			buf_addch(out, '\0');
			while (p < e && JSON_WS(*p))
				p++;
			if (p < e && *p == ',') {
				p++;
				while (p < e && JSON_WS(*p))
					p++;
				continue;
			}
			if (p < e && *p == '}') {
				p++;
				break;
			}
			return -1;
		}
	}
	while (p < e && JSON_WS(*p))
		p++;
	if (p != e)
		return -1;
	/* the fields not given: empty, after the others */
	for (k = 0; k < F_COUNT; k++)
		if (!(seen & (1 << k))) {
			start[k] = out->len;
			buf_addch(out, '\0');
		}
	for (k = 0; k < F_COUNT; k++)
		at[k] = start[k];
	return 0;
}

const char *events_json_values(const char *s, size_t n, int fast, struct buf *out,
			       size_t at[7])
{
	if (fast && json_fast(s, n, out, at) == 0)
		return NULL;
	return json_slow(s, n, out, at);
}

static const char *json_event(struct events_part *p, const char *s, size_t n)
{
	size_t at[F_COUNT];
	const char *why;
	int k;

	if (!valid_utf8(s, n))
		return _("不是有效的 UTF-8 文本");
	why = events_json_values(s, n, 1, &p->out, at);
	if (why)
		return why;
	for (k = 0; k < F_COUNT; k++)
		p->values[k] = p->out.buf + at[k];
	return NULL;
}

int events_part_next(struct events_part *p, struct event_line *ev, const char **why,
		     struct buf *err)
{
	char *line;
	size_t len;
	int rc;

	for (;;) {
		rc = next_line(p, &line, &len, err);
		if (rc <= 0)
			return rc;
		memset(ev, 0, sizeof(*ev));
		ev->line = p->lines;
		if (len == (size_t)-1) {
			*why = _("行过长");
			return EVENTS_BAD;
		}
		if (!len || (len == 3 && !memcmp(line, "\xef\xbb\xbf", 3)))
			continue; /* blank lines are not events */
		if (p->in->fmt == EVENTS_JSONL && !p->line_at && len >= 3 &&
		    !memcmp(line, "\xef\xbb\xbf", 3)) {
			line += 3; /* a byte order mark before the first object */
			len -= 3;
		}
		*why = p->in->fmt == EVENTS_CSV ? csv_event(p, line, len) : json_event(p, line, len);
		if (*why)
			return EVENTS_BAD;
		ev->event_id = p->values[F_EVENT_ID];
		ev->id_number = p->values[F_ID_NUMBER];
		ev->name = p->values[F_NAME];
		ev->time = p->values[F_TIME];
		ev->place = p->values[F_PLACE];
		ev->division = p->values[F_DIVISION];
		ev->details = p->values[F_DETAILS];
		return 1;
	}
}

int events_next(struct events *r, struct event_line *ev, const char **why, struct buf *err)
{
	int rc;
	if (!r->all) {
		if (events_start(r, err) < 0)
			return -1;
		r->all = events_part(r, 0, (size_t)-1);
	}
	rc = events_part_next(r->all, ev, why, err);
	ev->line += r->body_line;
	return rc;
}
