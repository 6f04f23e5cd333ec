/* setup.c - creating a database's divisions, office and first administrator. */
#include "setup.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lib/division.h"
#include "lib/embed.h"
#include "lib/secret.h"

const struct actor setup_cli_actor = { 0, "cli", "", ROLE_ADMIN, "" };

const char *setup_root(struct db *db, struct arena *a)
{
	struct buf err = BUF_INIT;
	const char *root = NULL;
	if (store_meta_get(db, "root_division", a, &root, &err) != 0)
		root = "";
	buf_release(&err);
	return root;
}

int setup_login_valid(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 2 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int setup_user_add(struct db *db, const struct actor *who, struct user *u, const char *password,
		   struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct division d;
	char hash[SECRET_PWHASH_LEN], prefix[13];
	const char *root;
	int ret = -1, rc;
	json_t *changes;

	if (!setup_login_valid(u->login)) {
		buf_setf(err, "login '%s' must be 2-32 letters, digits, '.', '_' or '-'", u->login);
		goto out;
	}
	if (role_from_key(u->role) == ROLE_NONE) {
		buf_setf(err, "unknown role '%s' (admin, police, officer, social_worker, member, "
			      "leader, auditor)", u->role);
		goto out;
	}
	root = setup_root(db, &a);
	division_prefix(root, prefix);
	rc = store_division_get(db, u->division, &a, &d, err);
	if (rc < 0)
		goto out;
	if (rc == STORE_NOTFOUND || !division_in(u->division, prefix)) {
		buf_setf(err, "jurisdiction '%s' is not a division of this database's area '%s'",
			 u->division, root);
		goto out;
	}
	if (who->prefix && !division_in(u->division, who->prefix)) {
		buf_setf(err, "jurisdiction '%s' is outside your own", u->division);
		goto out;
	}
	if (strlen(password) < 10) {
		buf_setf(err, "password must have at least 10 characters");
		goto out;
	}
	if (secret_password_hash(password, hash) != 0) {
		buf_setf(err, "cannot hash password (out of memory)");
		goto out;
	}
	u->password_hash = hash;
	rc = store_user_add(db, u, err);
	if (rc < 0) {
		if (strstr(err->buf, "UNIQUE"))
			buf_setf(err, "login '%s' is already taken", u->login);
		goto out;
	}
	changes = json_pack("{s:[ns],s:[ns],s:[ns]}", "login", u->login, "role", u->role,
			    "division", u->division);
	rc = audit_log(db, who, "create", "user", u->login, u->division, u->name, changes, err);
	json_decref(changes);
	if (rc < 0)
		goto out;
	ret = 0;
out:
	u->password_hash = NULL;
	arena_release(&a);
	return ret;
}

int setup_database(struct db *db, const char *root_code, const char *admin_password,
		   struct buf *err)
{
	const struct embedded *tsv = embed_find("data/divisions.tsv");
	struct arena a = ARENA_INIT;
	struct division d;
	struct unit office;
	struct user admin;
	const char *title;
	int rc;

	if (!tsv) {
		buf_setf(err, "the division table is missing from this build");
		return -1;
	}
	if (!division_valid(root_code) || division_level(root_code) > 3) {
		buf_setf(err, "jurisdiction '%s' must be a 6-digit province, city or county code",
			 root_code);
		return -1;
	}
	if (db_begin(db, err) < 0)
		return -1;
	if (store_division_load(db, (const char *)tsv->start, err) < 0)
		goto fail;
	rc = store_division_get(db, root_code, &a, &d, err);
	if (rc < 0)
		goto fail;
	if (rc == STORE_NOTFOUND) {
		buf_setf(err, "no division with code '%s'", root_code);
		goto fail;
	}
	if (store_meta_set(db, "root_division", root_code, err) < 0)
		goto fail;

	title = arena_printf(&a, "%s禁毒委员会办公室", d.name);
	memset(&office, 0, sizeof(office));
	office.name = title;
	office.kind = "office";
	office.division = root_code;
	office.phone = "";
	if (store_unit_add(db, &office, err) < 0)
		goto fail;
	if (audit_log(db, &setup_cli_actor, "create", "database", root_code, root_code, d.name,
		      NULL, err) < 0)
		goto fail;

	memset(&admin, 0, sizeof(admin));
	admin.login = "admin";
	admin.name = "系统管理员";
	admin.role = "admin";
	admin.division = root_code;
	admin.unit_id = office.id;
	admin.lang = "zh";
	if (setup_user_add(db, &setup_cli_actor, &admin, admin_password, err) < 0)
		goto fail;
	if (db_commit(db, err) < 0)
		goto fail;
	arena_release(&a);
	return 0;
fail:
	db_rollback(db);
	arena_release(&a);
	return -1;
}
