/* cmd-audit.c - jindu audit verify: recompute the audit log's hash chain. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/audit.h"

int cmd_audit(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL }, { "key", &key, NULL }, { NULL, NULL, NULL },
	};
	struct buf err = BUF_INIT;
	struct audit_report rep;
	struct store *s;
	struct db *db;
	int i, rc, ret;

	if (argc < 2 || strcmp(argv[1], "verify"))
		return cmd_usage(cmd_find("audit"));
	i = opt_parse(argc, argv, 2, opts);
	if (i < 0 || i != argc || !db_path)
		return cmd_usage(cmd_find("audit"));
	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	rc = audit_verify(db, &rep, &err);
	if (rc < 0) {
		ret = cmd_fail("%s", err.buf);
	} else if (rc > 0) {
		ret = cmd_fail("audit log broken at entry %" PRId64 ": %s (%" PRId64
			       " entries before it are intact)", rep.bad_id, rep.reason, rep.checked);
	} else {
		printf("audit log intact: %" PRId64 " entries, head %s\n", rep.checked,
		       rep.head[0] ? rep.head : "(empty)");
		ret = 0;
	}
	store_put(db);
	store_close(s);
	buf_release(&err);
	return ret;
}
