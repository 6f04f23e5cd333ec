/* setup.h - a new database: divisions, the root jurisdiction, its office and first admin. */
#ifndef JINDU_SETUP_H
#define JINDU_SETUP_H

#include "domain/audit.h"
#include "store/store.h"

/*
 * In one transaction: loads every embedded division, records root_code
 * (a county, or a city/province for larger offices) as the jurisdiction
 * this database serves, creates its 禁毒办 unit and the user `admin`
 * (role 禁毒办管理员) with admin_password. Returns 0 or -1 with err.
 */
int setup_database(struct db *db, const char *root_code, const char *admin_password,
		   struct buf *err);

/* The root jurisdiction code recorded by setup ("" when missing). */
const char *setup_root(struct db *db, struct arena *a);

/* 1 when login is 2-32 letters, digits, '.', '_' or '-'. */
int setup_login_valid(const char *login);

/* Creates a user after checking login, role and jurisdiction (inside root),
 * and audits it as `who`. Call inside a write transaction. */
int setup_user_add(struct db *db, const struct actor *who, struct user *u, const char *password,
		   struct buf *err);

/* The command line's actor: user_id 0, login "cli". */
extern const struct actor setup_cli_actor;

#endif
