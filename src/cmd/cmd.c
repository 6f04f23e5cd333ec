/* cmd.c - what every command shares: lookup, usage, failure lines, options, opening a store. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "import/import-persons.h"
#include "store/store.h"

const struct cmd *cmd_find(const char *name)
{
	const struct cmd *c;
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int cmd_usage(const struct cmd *c)
{
	fprintf(stderr, "usage: jindu %s\n", c->usage);
	return 2;
}

int cmd_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("jindu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int opt_parse(int argc, char **argv, int first, const struct opt *opts)
{
	int i;
	for (i = first; i < argc; i++) {
		const char *arg = argv[i], *eq;
		const struct opt *o;
		size_t len;

		if (strncmp(arg, "--", 2) != 0)
			return i;
		if (!strcmp(arg, "--"))
			return i + 1;
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		for (o = opts; o->name; o++)
			if (strlen(o->name) == len && !strncmp(o->name, arg, len))
				break;
		if (!o->name) {
			fprintf(stderr, "jindu: unknown option '--%.*s'\n", (int)len, arg);
			return -1;
		}
		if (o->flag) {
			if (eq) {
				fprintf(stderr, "jindu: option '--%s' takes no value\n", o->name);
				return -1;
			}
			*o->flag = 1;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			fprintf(stderr, "jindu: option '--%s' needs a value\n", o->name);
			return -1;
		}
	}
	return i;
}

struct store *cmd_open_store(const char *path, const char *key_path)
{
	struct buf err = BUF_INIT;
	struct store *s = store_open(path, key_path, 0, &err);
	if (!s)
		cmd_fail("%s", err.buf);
	buf_release(&err);
	return s;
}


int opt_parse_arg(int argc, char **argv, int first, const struct opt *opts, const char **arg)
{
	int i = opt_parse(argc, argv, first, opts);
	*arg = NULL;
	if (i >= 0 && i < argc) {
		*arg = argv[i];
		i = opt_parse(argc, argv, i + 1, opts);
	}
	return i < 0 || i != argc ? -1 : 0;
}

/* Lines about rows that are not errors shown before they are only counted. */
#define SHOW_SKIPPED 20

void cmd_print_import_issues(const char *file, const struct import_report *rep,
			     const char *more)
{
	struct buf line = BUF_INIT;
	size_t i, skipped = 0;

	printf("读取 %s（%s", file, rep->encoding);
	if (rep->header_line)
		printf("，表头在第 %d 行", rep->header_line);
	printf("）\n");
	if (rep->nignored) {
		printf("忽略的列：");
		for (i = 0; i < rep->nignored; i++)
			printf("%s%s", i ? "、" : "", rep->ignored[i]);
		printf("\n");
	}
	for (i = 0; i < rep->nissues; i++) {
		const struct import_issue *is = &rep->issues[i];
		if (is->skipped && ++skipped > SHOW_SKIPPED)
			continue;
		buf_reset(&line);
		import_issue_format(is, &line);
		printf("%s\n", line.buf);
	}
	if (skipped > SHOW_SKIPPED)
		printf("……另有 %zu %s\n", skipped - SHOW_SKIPPED, more);
	if (rep->issues_dropped)
		printf("……另有 %lld 处问题未列出\n", (long long)rep->issues_dropped);
	buf_release(&line);
}
