/* api-misc.c - /api/v1/me, divisions, units, users and audit as JSON. */
#include <stdio.h>
#include <string.h>

#include "lib/division.h"
#include "web/handlers.h"
#include "web/server.h"

static int internal(struct resp *w, const char *where, struct buf *err)
{
	fprintf(stderr, "jindu: %s: %s\n", where, err->buf);
	buf_release(err);
	return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
}

int api_me(struct req *r, struct resp *w)
{
	json_t *mods = json_object();
	int m;
	for (m = 0; m < MOD_COUNT; m++) {
		enum access a = role_access(r->role, (enum module)m);
		if (a != ACC_NONE)
			json_object_set_new(mods, module_key((enum module)m),
					    json_string(a == ACC_WRITE ? "write" : "read"));
	}
	return resp_json(w, 200,
			 json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:o}", "id",
				   (json_int_t)r->user.id, "login", r->user.login, "name", r->user.name,
				   "role", r->user.role, "division", r->user.division,
				   "division_name", r->user.division_name, "lang", r->user.lang,
				   "totp_enabled", r->user.totp_enabled, "modules", mods));
}

int api_divisions(struct req *r, struct resp *w)
{
	const char *code = req_path_param(r, "code");
	struct buf err = BUF_INIT;
	struct division d, *kids;
	char prefix[13];
	json_t *items;
	int n, i, rc;

	if (!division_valid(code))
		return resp_error(w, 404, "not_found", N_("找不到该区划"), NULL);
	division_prefix(code, prefix);
	if (!division_in(prefix, r->user.division_prefix))
		return resp_error(w, 404, "not_found", N_("找不到该区划，或不在您的辖区内"), NULL);
	rc = store_division_get(req_db(r), code, &r->arena, &d, &err);
	if (rc == 0)
		rc = store_division_children(req_db(r), code, &r->arena, &kids, &n, &err);
	if (rc < 0)
		return internal(w, "api divisions", &err);
	buf_release(&err);
	if (rc)
		return resp_error(w, 404, "not_found", N_("找不到该区划"), NULL);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:i,s:I}", "code", kids[i].code,
						       "name", kids[i].name, "level", kids[i].level,
						       "children", (json_int_t)kids[i].children));
	return resp_json(w, 200, json_pack("{s:s,s:s,s:i,s:s,s:o}", "code", d.code, "name", d.name,
					   "level", d.level, "parent", d.parent, "children", items));
}

int api_units(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct unit *units;
	json_t *items;
	int n, i;
	if (store_unit_list(req_db(r), r->user.division_prefix, &r->arena, &units, &n, &err) < 0)
		return internal(w, "api units", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "id",
						       (json_int_t)units[i].id, "name", units[i].name,
						       "kind", units[i].kind, "division",
						       units[i].division, "division_name",
						       units[i].division_name, "users",
						       (json_int_t)units[i].users));
	return resp_json(w, 200, json_pack("{s:o}", "items", items));
}

int api_users(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct user *list;
	json_t *items;
	int n, i;
	if (store_user_list(req_db(r), r->user.division_prefix, &r->arena, &list, &n, &err) < 0)
		return internal(w, "api users", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:b}", "id",
						       (json_int_t)list[i].id, "login", list[i].login,
						       "name", list[i].name, "role", list[i].role,
						       "division", list[i].division, "division_name",
						       list[i].division_name, "disabled",
						       list[i].disabled, "totp_enabled",
						       list[i].totp_enabled));
	return resp_json(w, 200, json_pack("{s:o}", "items", items));
}

int api_audit(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct audit_filter f;
	struct audit_entry *list;
	json_t *items;
	int n, i;
	int64_t total;

	memset(&f, 0, sizeof(f));
	f.login = req_query(r, "login");
	f.action = req_query(r, "action");
	f.entity = req_query(r, "entity");
	f.entity_id = req_query(r, "entity_id");
	f.from_ts = req_int(r, "from_ts", 0, 0, INT64_MAX);
	f.to_ts = req_int(r, "to_ts", 0, 0, INT64_MAX);
	f.limit = (int)req_int(r, "limit", 100, 1, 1000);
	f.offset = (int)req_int(r, "offset", 0, 0, 1000000000);
	if (store_audit_list(req_db(r), &f, &r->arena, &list, &n, &total, &err) < 0)
		return internal(w, "api audit", &err);
	buf_release(&err);
	items = json_array();
	for (i = 0; i < n; i++) {
		json_t *ch = NULL;
		json_error_t je;
		if (*list[i].changes)
			ch = json_loads(list[i].changes, 0, &je);
		json_array_append_new(items,
				      json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s}", "id",
						(json_int_t)list[i].id, "ts", (json_int_t)list[i].ts,
						"login", list[i].login, "ip", list[i].ip, "action",
						list[i].action, "entity", list[i].entity, "entity_id",
						list[i].entity_id, "division", list[i].division,
						"summary", list[i].summary, "changes",
						ch ? ch : json_null(), "hash", list[i].hash));
	}
	return resp_json(w, 200, json_pack("{s:I,s:o}", "total", (json_int_t)total, "items", items));
}
