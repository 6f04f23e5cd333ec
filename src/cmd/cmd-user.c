/* cmd-user.c - jindu user add|passwd|disable|enable|list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "domain/setup.h"
#include "lib/secret.h"

static int user_list(struct db *db, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct user *list;
	int n, i;

	if (store_user_list(db, "", &a, &list, &n, err) < 0) {
		arena_release(&a);
		return cmd_fail("%s", err->buf);
	}
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s%s\n", list[i].login, list[i].role, list[i].division,
		       list[i].division_name, list[i].disabled ? "\t(disabled)" : "");
	arena_release(&a);
	return 0;
}

static int user_change(struct db *db, const char *what, const char *login, const char *password,
		       struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct user u;
	char hash[SECRET_PWHASH_LEN], generated[20];
	int rc, ret = 1;

	if (db_begin(db, err) < 0)
		goto fail;
	rc = store_user_by_login(db, login, &a, &u, err);
	if (rc == STORE_NOTFOUND)
		buf_setf(err, "no user '%s'", login);
	if (rc != 0)
		goto fail;
	if (!strcmp(what, "passwd")) {
		if (!password) {
			secret_random_password(generated);
			password = generated;
		}
		if (strlen(password) < 10) {
			buf_setf(err, "password must have at least 10 characters");
			goto fail;
		}
		if (secret_password_hash(password, hash) != 0) {
			buf_setf(err, "cannot hash password");
			goto fail;
		}
		if (store_user_set_password(db, u.id, hash, err) < 0 ||
		    store_session_delete_user(db, u.id, err) < 0 ||
		    audit_log(db, &setup_cli_actor, "password", "user", u.login, u.division,
			      "命令行重置密码", NULL, err) < 0)
			goto fail;
	} else {
		int disable = !strcmp(what, "disable");
		json_t *ch = json_object();
		audit_diff_int(ch, "disabled", u.disabled, disable);
		rc = store_user_set_disabled(db, u.id, disable, err);
		if (rc == 0 && disable)
			rc = store_session_delete_user(db, u.id, err);
		if (rc == 0)
			rc = audit_log(db, &setup_cli_actor, "update", "user", u.login, u.division,
				       disable ? "停用" : "启用", ch, err);
		json_decref(ch);
		if (rc < 0)
			goto fail;
	}
	if (db_commit(db, err) < 0)
		goto fail;
	if (!strcmp(what, "passwd"))
		printf("password for %s: %s\n", login, password);
	ret = 0;
	goto out;
fail:
	db_rollback(db);
	cmd_fail("%s", err->buf);
out:
	arena_release(&a);
	return ret;
}

int cmd_user(int argc, char **argv)
{
	const char *db_path = NULL, *key = NULL, *login = NULL, *name = NULL, *role = NULL;
	const char *jur = NULL, *unit = NULL, *password = NULL, *phone = NULL;
	const struct opt opts[] = {
		{ "db", &db_path, NULL },     { "key", &key, NULL },
		{ "login", &login, NULL },    { "name", &name, NULL },
		{ "role", &role, NULL },      { "jurisdiction", &jur, NULL },
		{ "unit", &unit, NULL },      { "password", &password, NULL },
		{ "phone", &phone, NULL },    { NULL, NULL, NULL },
	};
	const struct cmd *self = cmd_find("user");
	struct buf err = BUF_INIT;
	struct store *s;
	struct db *db;
	const char *what;
	int i, ret;

	if (argc < 2)
		return cmd_usage(self);
	what = argv[1];
	i = opt_parse(argc, argv, 2, opts);
	if (i < 0 || i != argc || !db_path)
		return cmd_usage(self);
	if (!strcmp(what, "list")) {
		/* no further options needed */
	} else if (!strcmp(what, "add")) {
		if (!login || !role || !jur)
			return cmd_usage(self);
	} else if (!strcmp(what, "passwd") || !strcmp(what, "disable") || !strcmp(what, "enable")) {
		if (!login)
			return cmd_usage(self);
	} else {
		return cmd_usage(self);
	}

	s = cmd_open_store(db_path, key);
	if (!s)
		return 1;
	db = store_get(s);
	if (!strcmp(what, "list")) {
		ret = user_list(db, &err);
	} else if (!strcmp(what, "add")) {
		struct user u;
		char generated[20];
		memset(&u, 0, sizeof(u));
		u.login = login;
		u.name = name ? name : login;
		u.role = role;
		u.division = jur;
		u.unit_id = unit ? atoll(unit) : 0;
		u.phone = phone ? phone : "";
		u.lang = "zh";
		if (!password) {
			secret_random_password(generated);
			password = generated;
		}
		ret = 1;
		if (db_begin(db, &err) == 0 && setup_user_add(db, &setup_cli_actor, &u, password,
							     &err) == 0 &&
		    db_commit(db, &err) == 0) {
			printf("created user %s\npassword: %s\n", login, password);
			ret = 0;
		} else {
			db_rollback(db);
			cmd_fail("%s", err.buf);
		}
	} else {
		ret = user_change(db, what, login, password, &err);
	}
	store_put(db);
	store_close(s);
	buf_release(&err);
	return ret;
}
