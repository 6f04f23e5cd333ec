/* main.c - jindu: dispatch the first argument through the command table. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

const struct cmd commands[] = {
	{ "init", cmd_init, "init --db FILE [--key FILE] [--jurisdiction CODE]",
	  "Create a new database and its key file, and print the generated admin password." },
	{ "demo", cmd_demo, "demo --db FILE [--seed N] [--password PW] [--persons N]",
	  "Create a database holding a realistic demo county (deterministic from --seed)." },
	{ "serve", cmd_serve, "serve --db FILE [--listen ADDR:PORT] [--key FILE] [--threads N]",
	  "Serve the web interface and the JSON API (default 127.0.0.1:8080)." },
	{ "user", cmd_user,
	  "user add|passwd|disable|enable|list --db FILE [--login L] [--name N] [--role R]\n"
	  "           [--jurisdiction CODE] [--unit ID] [--password PW]",
	  "Manage users. 'list' prints login, role, jurisdiction code and name, tab separated." },
	{ "token", cmd_token, "token create --db FILE --user LOGIN [--label TEXT]",
	  "Create an API token for 'Authorization: Bearer TOKEN' and print it once." },
	{ "backup", cmd_backup, "backup --db FILE --to FILE",
	  "Copy the database consistently, also while the server runs (SQLite online backup)." },
	{ "audit", cmd_audit, "audit verify --db FILE",
	  "Check the audit log's hash chain; exit 1 naming the first entry changed or removed." },
	{ "import", cmd_import,
	  "import persons FILE --db DB [--key FILE] [--dry-run] [--map 'HEADER=COLUMN;...']\n"
	  "           import persons --template FILE.xlsx [--db DB]\n"
	  "           import methadone FILE --db DB [--key FILE] [--dry-run]\n"
	  "           import links FILE --db DB [--key FILE] [--dry-run] [--map 'HEADER=COLUMN;...']\n"
	  "           import cases FILE --db DB [--key FILE] [--dry-run] [--map 'HEADER=COLUMN;...']\n"
	  "           import cases --template FILE.xlsx [--db DB]",
	  "Import persons, methadone clinics' monthly dosing, the links of a network (calls, "
	  "transfers, parcels ...) or a case ledger (cases with their seizures and suspects) "
	  "from .xlsx or .csv; all rows or none." },
	{ "feed", cmd_feed,
	  "feed source add NAME --db DB --kind KIND [--label TEXT]\n"
	  "           feed source list --db DB\n"
	  "           feed source disable|enable|rotate NAME --db DB\n"
	  "           feed watchlist --db DB [--reveal]\n"
	  "           feed ingest FILE --db DB --source NAME [--rejects FILE]",
	  "Partner feeds: add a source (prints its API token, shown once), disable or enable it "
	  "(a disabled source's token is refused), rotate its token (prints the new one; the old "
	  "one stops working at once), list the lawful watchlist, ingest a .csv or .jsonl file "
	  "of events." },
	{ "indicators", cmd_indicators,
	  "indicators --db FILE [--period 2026Q3] [--jurisdiction CODE] [--towns] [--repeat N]\n"
	  "           [--check]",
	  "Print every indicator of the area for the period (default: this quarter), the one "
	  "before and the same one a year before, tab separated (--towns: and the period's figure "
	  "per township); on stderr, how long counting took (--repeat: best and mean of N runs). "
	  "--check counts every figure's list too and fails when one differs from its figure." },
	{ "refresh", cmd_refresh, "refresh --db FILE",
	  "Recompute what time alone changes: missed report-ins, 脱管失控, risk, the clean clock." },
	{ "version", cmd_version, "version", "Print the version." },
	{ "help", cmd_help, "help [COMMAND]", "Show the commands, or one command's usage." },
	{ NULL, NULL, NULL, NULL }
};

/* The command list: on stdout when asked for, on stderr after a usage error. */
static void print_commands(FILE *out)
{
	const struct cmd *c;
	fprintf(out, "jindu - 禁毒工作信息系统 (anti-drug work information system)\n\n"
		     "usage: jindu COMMAND [OPTIONS]\n\ncommands:\n");
	for (c = commands; c->name; c++)
		fprintf(out, "  %-8s %s\n", c->name, c->help);
	fprintf(out, "\nRun 'jindu help COMMAND' for a command's options.\n");
}

int cmd_help(int argc, char **argv)
{
	const struct cmd *c;
	if (argc > 2)
		return cmd_usage(cmd_find("help"));
	if (argc == 2) {
		c = cmd_find(argv[1]);
		if (!c) {
			fprintf(stderr, "jindu: no command '%s'\n", argv[1]);
			return 2;
		}
		printf("usage: jindu %s\n\n%s\n", c->usage, c->help);
		return 0;
	}
	print_commands(stdout);
	return 0;
}

int cmd_version(int argc, char **argv)
{
	if (argc != 1)
		return cmd_usage(cmd_find("version"));
	printf("jindu %s (%s)\n", JINDU_VERSION, JINDU_REV);
	return 0;
}

int main(int argc, char **argv)
{
	const struct cmd *c;
	if (argc < 2) {
		print_commands(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv);
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv);
	c = cmd_find(argv[1]);
	if (!c) {
		fprintf(stderr, "jindu: no command '%s'; run 'jindu help'\n", argv[1]);
		return 2;
	}
	return c->fn(argc - 1, argv + 1);
}
