/* import-common.c - headers compared loosely, cells cleaned, lines added to an import's report. */
#include "import/import-common.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

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
	static const char *const units[] = { "（mg）", "（毫克）", "（天）", "（日）", NULL };
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
	if (rc < 0)
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
