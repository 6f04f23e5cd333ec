/* cmd.h - the command table: one cmd-*.c file per subcommand. */
#ifndef JINDU_CMD_H
#define JINDU_CMD_H

/*
 * To add a command: write src/cmd/cmd-NAME.c with `int cmd_NAME(int argc,
 * char **argv)`, declare it here, add it to the table in src/main.c with its
 * usage line and help text, test it in tests/http/ or tests/cli/, and
 * mention it in README.md.
 *
 * Commands print and choose exit codes; nothing below them does.
 * Exit codes: 0 success, 1 runtime failure (one clear line on stderr),
 * 2 wrong arguments (usage on stderr).
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

/* The table, ending with a zero entry; and lookup by name. */
extern const struct cmd commands[];
const struct cmd *cmd_find(const char *name);

/* Prints "usage: jindu <usage>" for cmd on stderr and returns 2. */
int cmd_usage(const struct cmd *c);
/* Prints "jindu: <msg>" on stderr and returns 1. */
int cmd_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Option parsing shared by commands: long options only ("--db FILE" or
 * "--db=FILE"). Declare a table of struct opt ending with {NULL}; flags
 * take no value. Returns the index of the first non-option argument, or -1
 * after printing what was wrong.
 */
struct opt {
	const char *name;
	const char **value; /* for options with a value */
	int *flag;          /* for flags */
};
int opt_parse(int argc, char **argv, int first, const struct opt *opts);
/* Options, at most one plain argument (*arg, NULL when none), options
 * again: 0, or -1 for anything else (a second argument, a bad option). */
int opt_parse_arg(int argc, char **argv, int first, const struct opt *opts, const char **arg);

/* The report of a spreadsheet import, but for its totals line: the file
 * and its header, ignored columns, the issues; lines of rows that are not
 * errors (skipped ones) shown up to a count, then only counted with
 * "……另有 N <more>". */
struct import_report;
void cmd_print_import_issues(const char *file, const struct import_report *rep,
			     const char *more);

/* Opens an existing database (key file: key_path or DB.key); prints the
 * failure and returns NULL. */
struct store;
struct store *cmd_open_store(const char *path, const char *key_path);

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_refresh(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_feed(int argc, char **argv);
/* `import methadone`, `import links` and `import cases`, reached through
 * cmd_import (argv[1]). */
int cmd_import_methadone(int argc, char **argv);
int cmd_import_links(int argc, char **argv);
int cmd_import_cases(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
