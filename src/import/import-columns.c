/* import-columns.c - columns named by hand (HEADER=COLUMN), and a file's first rows to choose them by; for any set of columns. */
#include "import/import-persons.h"

#include <ctype.h>
#include <string.h>

#include "lib/i18n.h"

/* A person column by its field name, header or synonym; -1 when none. */
static int person_column_named(const char *name)
{
	int i;
	for (i = 0; i < import_person_ncolumns; i++)
		if (!strcmp(name, import_person_columns[i].field))
			return i;
	return import_person_column(name);
}

static int person_count(void)
{
	return import_person_ncolumns;
}

static void person_describe(int i, struct import_column_desc *out)
{
	out->header = import_person_columns[i].header;
	out->synonyms = import_person_columns[i].synonyms;
	out->field = import_person_columns[i].field;
	out->required = import_person_columns[i].required;
}

const struct import_columns import_person_set = { person_count, import_person_column,
						  person_column_named, person_describe };

static char *trimmed(struct arena *a, const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return arena_strndup(a, s, len);
}

int import_mapping_parse(const char *spec, struct arena *a, struct import_mapping *m,
			 struct buf *err)
{
	return import_mapping_parse_for(&import_person_set, spec, a, m, err);
}

int import_mapping_parse_for(const struct import_columns *cols, const char *spec,
			     struct arena *a, struct import_mapping *m, struct buf *err)
{
	struct import_map_entry *list = NULL;
	size_t n = 0, alloc = 0;
	const char *p = spec;

	memset(m, 0, sizeof(*m));
	while (p && *p) {
		size_t len = strcspn(p, ";\n");
		const char *semi = strstr(p, "；"); /* a full-width semicolon too */
		char *part, *eq, *name;
		struct import_map_entry *e;

		if (semi && (size_t)(semi - p) < len)
			len = (size_t)(semi - p);
		part = trimmed(a, p, len);
		p += len;
		p += !*p ? 0 : !strncmp(p, "；", 3) ? 3 : 1;
		if (!*part)
			continue;
		eq = strrchr(part, '=');
		if (!eq || eq == part) {
			buf_setf(err, _("“%s”应写成“表头=列名”"), part);
			return -1;
		}
		*eq = '\0';
		name = trimmed(a, eq + 1, strlen(eq + 1));
		e = ARENA_PUSH(a, list, n, alloc);
		e->cell = -1;
		e->header = trimmed(a, part, strlen(part));
		if (!strcmp(name, "-") || !strcmp(name, "不导入")) {
			e->column = -1;
		} else if ((e->column = cols->of_name(name)) < 0) {
			buf_setf(err, _("“%s”不是可导入的列"), name);
			return -1;
		}
	}
	m->entries = list;
	m->nentries = (int)n;
	return 0;
}

/* A copy on one line, without control characters (cells are shown back). */
static const char *one_line(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *p;
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* How many cells name known columns: a header names at least two. */
static int known_cells(const struct import_columns *cols, const char *const *cells, int n)
{
	int i, found = 0;
	for (i = 0; i < n; i++)
		found += cols->of_header(cells[i]) >= 0;
	return found;
}

struct saved_row {
	int line, ncells;
	const char **cells;
};

static void save_row(struct arena *a, const struct table_row *row, struct saved_row *out)
{
	int i;
	out->line = row->line;
	out->ncells = row->ncells;
	out->cells = arena_alloc(a, sizeof(*out->cells) * (size_t)(row->ncells ? row->ncells : 1));
	for (i = 0; i < row->ncells; i++)
		out->cells[i] = one_line(a, row->cells[i]);
}

/* Reads rows until the header and max_rows after it are saved; *head is
 * the header's index in the saved rows (-1: none). Returns 0 or -1. */
static int preview_read(const struct import_columns *cols, struct table *t, int header_line,
			int max_rows, struct arena *a, struct saved_row **rows, size_t *n, int *head,
			struct buf *err)
{
	struct table_row row;
	size_t alloc = 0;
	int rc;

	*head = -1;
	while (*head < 0 || (int)(*n - (size_t)*head - 1) < max_rows) {
		rc = table_next(t, &row, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		if (header_line && *head < 0 && row.line != header_line) {
			if (row.line > header_line)
				break; /* the row asked for is empty */
			continue;
		}
		save_row(a, &row, ARENA_PUSH(a, *rows, *n, alloc));
		if (*head >= 0)
			continue;
		if (header_line || known_cells(cols, row.cells, row.ncells) >= 2)
			*head = (int)*n - 1;
		else if (*n == 10)
			*head = 0; /* nothing recognised: the first row, as the user may map it */
	}
	if (*head < 0 && !header_line && *n)
		*head = 0;
	return 0;
}

int import_preview(struct table *t, int header_line, int max_rows, struct import_preview *pv,
		   struct buf *err)
{
	return import_preview_for(&import_person_set, t, header_line, max_rows, pv, err);
}

int import_preview_for(const struct import_columns *cols, struct table *t, int header_line,
		       int max_rows, struct import_preview *pv, struct buf *err)
{
	struct saved_row *rows = NULL;
	size_t n = 0;
	unsigned char *used;
	int head, i, r, k;

	memset(pv, 0, sizeof(*pv));
	pv->encoding = table_encoding_name(table_encoding(t));
	if (preview_read(cols, t, header_line, max_rows, &pv->a, &rows, &n, &head, err) < 0)
		return -1;
	if (head < 0)
		return 0;
	pv->header_line = rows[head].line;
	pv->found = known_cells(cols, rows[head].cells, rows[head].ncells) >= 2;
	pv->nrows = (int)n - head - 1 < max_rows ? (int)n - head - 1 : max_rows;
	pv->ncols = rows[head].ncells;
	for (r = 1; r <= pv->nrows; r++)
		if (rows[head + r].ncells > pv->ncols)
			pv->ncols = rows[head + r].ncells;
	pv->headers = arena_zalloc(&pv->a, sizeof(*pv->headers) * (size_t)(pv->ncols + 1));
	pv->guess = arena_zalloc(&pv->a, sizeof(*pv->guess) * (size_t)(pv->ncols + 1));
	used = arena_zalloc(&pv->a, (size_t)cols->count() + 1);
	for (i = 0; i < pv->ncols; i++) {
		pv->headers[i] = i < rows[head].ncells ? rows[head].cells[i] : "";
		k = cols->of_header(pv->headers[i]);
		pv->guess[i] = k >= 0 && !used[k] ? k : -1;
		if (k >= 0)
			used[k] = 1;
	}
	pv->lines = arena_zalloc(&pv->a, sizeof(*pv->lines) * (size_t)(pv->nrows + 1));
	pv->rows = arena_zalloc(&pv->a, sizeof(*pv->rows) * (size_t)(pv->nrows + 1));
	for (r = 0; r < pv->nrows; r++) {
		const struct saved_row *sr = &rows[head + 1 + r];
		pv->lines[r] = sr->line;
		pv->rows[r] = arena_zalloc(&pv->a, sizeof(**pv->rows) * (size_t)(pv->ncols + 1));
		for (i = 0; i < pv->ncols; i++)
			pv->rows[r][i] = i < sr->ncells ? sr->cells[i] : "";
	}
	return 0;
}

void import_preview_release(struct import_preview *pv)
{
	arena_release(&pv->a);
	memset(pv, 0, sizeof(*pv));
}
