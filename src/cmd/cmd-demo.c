/* cmd-demo.c - jindu demo: a new database holding a realistic demo county. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "domain/demo.h"
#include "domain/role.h"
#include "lib/division.h"
#include "lib/timeutil.h"

/* A whole number in lo..hi; 0 or -1. */
static int parse_number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Columns in a terminal: CJK characters take two. */
static int display_width(const char *s)
{
	int w = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80)
			w++;
		else if (c >= 0xe0)
			w += 2; /* lead byte of a 3- or 4-byte sequence: CJK and wide symbols */
		else if (c >= 0xc0)
			w++;
	}
	return w;
}

static void print_cell(const char *s, int width)
{
	int pad = width - display_width(s);
	fputs(s, stdout);
	while (pad-- > 0)
		putchar(' ');
	putchar(' ');
}

static void print_logins(const struct demo_login *l, int n, const char *password)
{
	int i;

	printf("\n");
	print_cell("login", 18);
	print_cell("role", 16);
	print_cell("jurisdiction", 16);
	print_cell("name", 10);
	printf("password\n");
	for (i = 0; i < n; i++) {
		print_cell(l[i].login, 18);
		print_cell(role_label(role_from_key(l[i].role)), 16);
		print_cell(l[i].division_name, 16);
		print_cell(l[i].name, 10);
		printf("%s\n", password);
	}
}

/* What the run made, counted back from the store. */
static void print_summary(struct db *db, const char *path, const char *key,
			  const struct demo_options *o, int64_t usec)
{
	struct person_filter f;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct division county;
	struct unit *units;
	struct person *none;
	char prefix[13], today[11];
	int64_t persons = 0, cases = 0;
	int nunits = 0, n;

	division_prefix(o->root, prefix);
	memset(&f, 0, sizeof(f));
	f.prefix = prefix;
	f.registered = -1;
	f.include_closed = 1;
	f.limit = 0;
	if (store_person_list(db, &f, &a, &none, &n, &persons, &err) < 0)
		persons = o->persons;
	if (store_unit_list(db, prefix, &a, &units, &nunits, &err) < 0)
		nunits = 0;
	if (store_division_get(db, o->root, &a, &county, &err) != 0)
		county.name = o->root;
	ymd_format(o->today, today);
	printf("created %s (key file %s%s): demo county %s (%s), seed %lu, reference date %s\n",
	       path, key ? key : path, key ? "" : ".key", county.name, o->root, o->seed, today);
	{
		struct case_filter cf;
		struct drug_case *cl;
		memset(&cf, 0, sizeof(cf));
		cf.prefix = prefix;
		if (store_case_list(db, &cf, &a, &cl, &n, &cases, &err) < 0)
			cases = 0;
	}
	printf("%lld persons, %lld drug cases, %d units, %.1f s\n", (long long)persons,
	       (long long)cases, nunits, usec / 1e6);
	arena_release(&a);
	buf_release(&err);
}

/* A failed run leaves no half-built database behind: remove what we made. */
static void remove_created(const char *path, const char *key)
{
	static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
	char other[4096];
	size_t i;

	unlink(path);
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (snprintf(other, sizeof(other), "%s%s", path, suffixes[i]) < (int)sizeof(other))
			unlink(other);
	if (key)
		unlink(key);
	else if (snprintf(other, sizeof(other), "%s.key", path) < (int)sizeof(other))
		unlink(other);
}

int cmd_demo(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *seed = NULL, *password = NULL, *persons = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },         { "key", &key, NULL },
		{ "seed", &seed, NULL },          { "password", &password, NULL },
		{ "persons", &persons, NULL },    { NULL, NULL, NULL },
	};
	const struct cmd *self = cmd_find("demo");
	struct demo_options o;
	struct demo_login *logins = NULL;
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	unsigned long v;
	int64_t t0;
	int i, n = 0, ret = 1;

	demo_options_init(&o);
	i = opt_parse(argc, argv, 1, opts);
	if (i < 0 || i != argc || !db_path)
		return cmd_usage(self);
	if (seed) {
		if (parse_number(seed, 0, 0xffffffffUL, &v) < 0) {
			fprintf(stderr, "jindu: --seed must be a whole number up to 4294967295\n");
			return cmd_usage(self);
		}
		o.seed = v;
	}
	if (persons) {
		if (parse_number(persons, 0, 10000000, &v) < 0) {
			fprintf(stderr, "jindu: --persons must be a whole number up to 10000000\n");
			return cmd_usage(self);
		}
		o.persons = (int)v;
	}
	if (password) {
		if (strlen(password) < 10) {
			fprintf(stderr, "jindu: --password must have at least 10 characters\n");
			return cmd_usage(self);
		}
		o.password = password;
	}
	o.today = ymd_today();

	s = store_open(db_path, key, 1, &err);
	if (!s) {
		cmd_fail("%s", err.buf);
		goto out;
	}
	db = store_get(s);
	t0 = now_usec();
	if (demo_build(db, &o, &a, &logins, &n, &err) < 0) {
		store_put(db);
		store_close(s);
		remove_created(db_path, key);
		cmd_fail("cannot build the demo county: %s", err.buf);
		goto out;
	}
	print_summary(db, db_path, key, &o, now_usec() - t0);
	print_logins(logins, n, o.password);
	store_put(db);
	store_close(s);
	ret = 0;
out:
	arena_release(&a);
	buf_release(&err);
	return ret;
}
