/* import-common.c - headers compared loosely, cells cleaned, lines added to an import's report. */
#include "import/import-common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/i18n.h"
#include "lib/xalloc.h"

#define FULLWIDTH_SPACE "\xe3\x80\x80" /* U+3000 */

/* Drops suffix from the end of s when it is there; 1 when it was. */
static int drop_suffix(char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n > k && !strcmp(s + n - k, suffix)) {
		s[n - k] = '\0';
		return 1;
	}
	return 0;
}

void import_header_key(const char *in, char *out, size_t size)
{
	static const char *const marks[] = { "（必填）", "（必填项）", "*", "＊", NULL };
	static const char *const units[] = { "（mg）", "（毫克）", "（天）", "（日）", "（克）",
					     "（g）", "（%）", "（％）", NULL };
	size_t n = 0, i;

	if (!size)
		return;
	while (*in && n + 4 < size) {
		if (isspace((unsigned char)*in)) {
			in++;
		} else if (!strncmp(in, FULLWIDTH_SPACE, 3)) {
			in += 3;
		} else if (*in == '(' || *in == ')') {
			memcpy(out + n, *in == '(' ? "（" : "）", 3);
			n += 3;
			in++;
		} else {
			unsigned char c = (unsigned char)*in++;
			out[n++] = (char)(c < 0x80 ? tolower(c) : c);
		}
	}
	out[n] = '\0';
	if (out[0] == '*')
		memmove(out, out + 1, n);
	else if (!strncmp(out, "＊", 3))
		memmove(out, out + 3, n - 2);
	for (i = 0; marks[i]; i++)
		drop_suffix(out, marks[i]);
	for (i = 0; units[i]; i++)
		if (drop_suffix(out, units[i]))
			break;
}

int import_header_is(const char *header, const char *name, const char *synonyms)
{
	char key[256], other[256], one[128];
	const char *p = synonyms ? synonyms : "";

	import_header_key(header, key, sizeof(key));
	if (!*key)
		return 0;
	import_header_key(name, other, sizeof(other));
	if (!strcmp(key, other))
		return 1;
	while (*p) {
		size_t len = strcspn(p, "|");
		snprintf(one, sizeof(one), "%.*s", (int)len, p);
		import_header_key(one, other, sizeof(other));
		if (*other && !strcmp(key, other))
			return 1;
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

const char *import_trim(struct arena *a, const char *s)
{
	size_t len;
	for (;;) {
		if (isspace((unsigned char)*s))
			s++;
		else if (!strncmp(s, FULLWIDTH_SPACE, 3))
			s += 3;
		else
			break;
	}
	len = strlen(s);
	for (;;) {
		if (len && isspace((unsigned char)s[len - 1]))
			len--;
		else if (len >= 3 && !strncmp(s + len - 3, FULLWIDTH_SPACE, 3))
			len -= 3;
		else
			break;
	}
	return arena_strndup(a, s, len);
}

const char *import_clean_id(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *w = out;
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\'')
		s++;
	else if (*s == '=' && s[1] == '"')
		s += 2;
	for (; *s; s++)
		if (!isspace((unsigned char)*s) && *s != '"')
			*w++ = *s;
	*w = '\0';
	n = strlen(out);
	/* 3.60825E+17: the digits past the fifteenth are gone */
	if (n && (strchr(out, 'E') || strchr(out, 'e')) && strchr(out, '+') &&
	    strspn(out, "0123456789.Ee+") == n)
		return "";
	return out;
}

/* A copy on one line, without control characters (messages quote cells,
 * which could hold terminal escapes). */
static const char *flat(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s ? s : ""), *p;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

void import_report_add(struct import_report *rep, int line, const char *column,
		       const char *message, int skipped)
{
	struct import_issue *is;
	if (rep->nissues >= IMPORT_MAX_ISSUES) {
		rep->issues_dropped++;
		return;
	}
	is = ARENA_PUSH(&rep->a, rep->issues, rep->nissues, rep->aissues);
	is->line = line;
	is->column = flat(&rep->a, column);
	is->message = flat(&rep->a, message);
	is->skipped = skipped;
}

int import_rows(struct table *t, const struct import_pass *p, struct buf *err)
{
	struct table_row row;
	int rc, in_tx = 0, ret = -1;

	if (!p->dry_run) {
		if (db_begin(p->db, err) < 0)
			return -1;
		in_tx = *p->writing = 1;
	}
	while ((rc = table_next(t, &row, err)) > 0)
		if (p->row(p->ctx, &row, err) < 0)
			goto out;
	if (rc < 0 || (p->end && p->end(p->ctx, err) < 0))
		goto out;
	if (p->rep->rejected) {
		p->rep->imported = 0;
		ret = IMPORT_REJECTED;
		goto out;
	}
	if (in_tx) {
		if (p->finish(p->ctx, err) < 0)
			goto out;
		in_tx = 0;
	}
	ret = 0;
out:
	if (in_tx)
		db_rollback(p->db);
	return ret;
}

/* ---- choices ---- */

/* a and the first blen bytes of b compared as headers are. */
static int same_text(const char *a, const char *b, size_t blen)
{
	char ka[256], kb[256], tmp[256];
	snprintf(tmp, sizeof(tmp), "%.*s", (int)blen, b);
	import_header_key(a, ka, sizeof(ka));
	import_header_key(tmp, kb, sizeof(kb));
	return *ka && !strcmp(ka, kb);
}

const struct choice *import_choice_find(const struct choice *list, const char *text)
{
	const struct choice *c;
	for (c = list; c->key; c++)
		if (!strcasecmp(c->key, text) || same_text(text, c->label, strlen(c->label)))
			return c;
	for (c = list; c->key; c++) {
		const char *open = strstr(c->label, "（"), *close;
		if (!open)
			continue;
		close = strstr(open, "）");
		if (same_text(text, c->label, (size_t)(open - c->label)))
			return c;
		/* the bracketed part: at least two characters ("境" alone is not a name) */
		if (close && close - open - 3 >= 4 &&
		    same_text(text, open + 3, (size_t)(close - open - 3)))
			return c;
	}
	return NULL;
}

const char *import_choice_labels(struct arena *a, const struct choice *list)
{
	struct buf b = BUF_INIT;
	const char *out;
	for (; list->key; list++) {
		if (b.len)
			buf_adds(&b, "、");
		buf_adds(&b, list->label);
	}
	out = arena_strdup(a, b.buf);
	buf_release(&b);
	return out;
}

/* ---- the header ---- */

/* The column cell i of a header row holds (text written there): the
 * mapping's choice when it names the cell, else the one recognised. */
static int cell_column(const struct import_columns *cols, const struct import_mapping *m, int i,
		       const char *text, int *explicit)
{
	char key[256], want[256];
	int e;

	*explicit = 1;
	for (e = 0; m && e < m->nentries; e++)
		if (m->entries[e].cell == i)
			return m->entries[e].column;
	import_header_key(text, key, sizeof(key));
	for (e = 0; m && *key && e < m->nentries; e++) {
		if (m->entries[e].cell >= 0)
			continue;
		import_header_key(m->entries[e].header, want, sizeof(want));
		if (!strcmp(key, want))
			return m->entries[e].column;
	}
	*explicit = 0;
	return cols->of_header(text);
}

static int count_known(const struct import_columns *cols, const struct import_mapping *m,
		       const struct table_row *row)
{
	int i, found = 0, explicit;
	for (i = 0; i < row->ncells; i++)
		if (*row->cells[i] && cell_column(cols, m, i, row->cells[i], &explicit) >= 0)
			found++;
	return found;
}

static void map_header(const struct import_mapping *m, const struct table_row *row,
		       struct import_report *rep, struct import_header *h)
{
	struct import_column_desc d;
	int i, k, n = row->ncells, explicit, e;
	char letter[4];

	for (e = 0; m && e < m->nentries; e++)
		if (m->entries[e].cell >= n && m->entries[e].cell < TABLE_MAX_COLS)
			n = m->entries[e].cell + 1;
	for (i = 0; i < n; i++) {
		const char *text = i < row->ncells ? import_trim(&rep->a, row->cells[i]) : "";
		text = flat(&rep->a, text);
		k = cell_column(h->cols, m, i, text, &explicit);
		table_column_name(i, letter);
		if (k >= 0 && h->cell_of[k] < 0) {
			h->cell_of[k] = i;
			h->header_of[k] = *text ? text : arena_strdup(&rep->a, letter);
			h->explicit_of[k] = (unsigned char)explicit;
		} else if (k >= 0 && (explicit || h->explicit_of[k])) {
			h->cols->describe(k, &d);
			import_report_add(rep, rep->header_line, "",
					  arena_printf(&rep->a, _("“%s”列和“%s”列都对应“%s”，请只保留其中一列"),
						       h->header_of[k], *text ? text : letter,
						       _(d.header)),
					  0);
			h->bad = 1;
		} else if (*text) {
			*ARENA_PUSH(&rep->a, rep->ignored, rep->nignored, rep->aignored) =
				k >= 0 ? arena_printf(&rep->a, _("%s（重复）"), text) : text;
		}
	}
}

int import_header_read(struct table *t, const struct import_columns *cols,
		       const struct import_mapping *map, const char *missing,
		       struct import_report *rep, struct import_header *h, struct buf *err)
{
	struct table_row row;
	int tries, rc, i, n = cols->count(), want = map ? map->header_line : 0;

	memset(h, 0, sizeof(*h));
	h->cols = cols;
	h->cell_of = arena_alloc(&rep->a, sizeof(*h->cell_of) * (size_t)n);
	h->header_of = arena_zalloc(&rep->a, sizeof(*h->header_of) * (size_t)n);
	h->explicit_of = arena_zalloc(&rep->a, (size_t)n);
	for (i = 0; i < n; i++)
		h->cell_of[i] = -1;
	for (tries = 0; want || tries < 10; tries++) {
		rc = table_next(t, &row, err);
		if (rc < 0)
			return -1;
		if (rc == 0 || (want && row.line > want))
			break;
		if (want ? row.line == want : count_known(cols, map, &row) >= 2) {
			rep->header_line = row.line;
			map_header(map, &row, rep, h);
			return 1;
		}
	}
	if (want)
		import_report_add(rep, 0, "",
				  arena_printf(&rep->a, _("第 %d 行没有内容，不能作为表头"), want), 0);
	else
		import_report_add(rep, 0, "",
				  arena_printf(&rep->a, _("找不到表头：前 10 行中没有%s等列名"), missing),
				  0);
	return 0;
}

int import_header_missing(const struct import_header *h, struct import_report *rep)
{
	struct import_column_desc d;
	struct buf others = BUF_INIT;
	const char *p;
	int i, n = h->cols->count(), missing = 0;

	for (i = 0; i < n; i++) {
		h->cols->describe(i, &d);
		if (!d.required || h->cell_of[i] >= 0)
			continue;
		buf_reset(&others);
		for (p = d.synonyms ? d.synonyms : ""; *p; p++) {
			if (*p == '|')
				buf_adds(&others, "、");
			else
				buf_addch(&others, *p);
		}
		import_report_add(rep, rep->header_line, "",
				  others.len ? arena_printf(&rep->a, _("缺少必填的列“%s”（也可写作：%s）"),
							    _(d.header), others.buf)
					     : arena_printf(&rep->a, _("缺少必填的列“%s”"), _(d.header)),
				  0);
		missing++;
	}
	buf_release(&others);
	return missing;
}

const char *import_cell(const struct import_header *h, const struct table_row *row, int col,
			struct arena *a)
{
	int i = h->cell_of[col];
	return import_trim(a, i >= 0 && i < row->ncells ? row->cells[i] : "");
}

int import_position(const struct import_header *h, int col)
{
	return col >= 0 && col < h->cols->count() && h->cell_of[col] >= 0 ? h->cell_of[col]
									     : TABLE_MAX_COLS;
}

/* ---- strings seen earlier ---- */

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

static struct import_seen_slot *seen_find(const struct import_seen *s, uint64_t h,
					  const char *key)
{
	size_t i = (size_t)(h >> 7) & (s->cap - 1);
	while (s->slots[i].key && (s->slots[i].hash != h || strcmp(s->slots[i].key, key)))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

int import_seen_add(struct import_seen *s, const char *key, int line)
{
	struct import_seen_slot *slot;
	uint64_t h = fnv(key);
	if ((s->n + 1) * 2 > s->cap) {
		struct import_seen_slot *old = s->slots;
		size_t oldcap = s->cap, i;
		s->cap = s->cap ? s->cap * 2 : 256;
		s->slots = xcalloc(s->cap, sizeof(*s->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i].key)
				*seen_find(s, old[i].hash, old[i].key) = old[i];
		free(old);
	}
	slot = seen_find(s, h, key);
	if (slot->key)
		return slot->line;
	slot->hash = h;
	slot->key = arena_strdup(&s->a, key);
	slot->line = line;
	s->n++;
	return 0;
}

int import_seen_line(const struct import_seen *s, const char *key)
{
	const struct import_seen_slot *slot;
	if (!s->cap)
		return 0;
	slot = seen_find(s, fnv(key), key);
	return slot->key ? slot->line : 0;
}

void import_seen_release(struct import_seen *s)
{
	free(s->slots);
	arena_release(&s->a);
	memset(s, 0, sizeof(*s));
}
