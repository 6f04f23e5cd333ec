/* route.c - the route table and path matching.
 *
 * To add a page or resource: write its handler in page-*.c or api-*.c,
 * declare it in handlers.h, add one line here with its module and the
 * access it needs (deny by default: every line names one), add it to
 * the route × role test in tests/http/, and document it in docs/api.md
 * if it is under /api/v1.
 */
#include "web/route.h"

#include <string.h>

#include "web/handlers.h"

#define R ACC_READ
#define W ACC_WRITE
const struct route routes[] = {
	/* method  pattern                    handler              module      access flags */
	{ "GET", "/login", page_login_form, MOD_NONE, R, RF_PUBLIC },
	{ "POST", "/login", page_login_submit, MOD_NONE, W, RF_PUBLIC | RF_NO_CSRF },
	{ "GET", "/login/totp", page_totp_form, MOD_NONE, R, RF_PRE_MFA },
	{ "POST", "/login/totp", page_totp_submit, MOD_NONE, W, RF_PRE_MFA },
	{ "POST", "/logout", page_logout, MOD_NONE, W, RF_PRE_MFA },
	{ "GET", "/healthz", page_healthz, MOD_NONE, R, RF_PUBLIC },
	{ "GET", "/metrics", page_metrics, MOD_NONE, R, RF_PUBLIC },

	{ "GET", "/", page_home, MOD_HOME, R, 0 },
	{ "GET", "/persons", page_persons, MOD_PERSON, R, 0 },
	{ "GET", "/persons.xlsx", page_persons_export, MOD_PERSON, R, 0 },
	{ "GET", "/persons/import", page_import_form, MOD_PERSON, W, 0 },
	{ "POST", "/persons/import", page_import_upload, MOD_PERSON, W, 0 },
	{ "GET", "/persons/import/template.xlsx", page_import_template, MOD_PERSON, W, 0 },
	{ "GET", "/persons/import/{upload}", page_import_columns, MOD_PERSON, W, 0 },
	{ "POST", "/persons/import/{upload}/check", page_import_check, MOD_PERSON, W, 0 },
	{ "POST", "/persons/import/{upload}", page_import_commit, MOD_PERSON, W, 0 },
	{ "GET", "/persons/new", page_person_new, MOD_PERSON, W, 0 },
	{ "POST", "/persons", page_person_create, MOD_PERSON, W, 0 },
	{ "GET", "/persons/{id}", page_person, MOD_PERSON, R, 0 },
	{ "GET", "/persons/{id}/edit", page_person_edit, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}", page_person_update, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/measures", page_measure_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/tests", page_test_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/contacts", page_contact_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/absences", page_absence_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/assistance", page_assistance_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/methadone", page_methadone_put, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/lost", page_lost_create, MOD_PERSON, W, 0 },
	{ "POST", "/persons/{id}/close", page_person_close, MOD_PERSON, W, 0 },
	{ "GET", "/persons/{id}/photo", page_person_photo, MOD_PERSON, R, 0 },
	{ "POST", "/persons/{id}/photo", page_person_photo_post, MOD_PERSON, W, 0 },
	{ "POST", "/measures/{id}", page_measure_change, MOD_PERSON, W, 0 },
	{ "POST", "/flags/{id}", page_flag_resolve, MOD_PERSON, W, 0 },
	{ "POST", "/flags/{id}/decide", page_relapse_decide, MOD_PERSON, W, 0 },
	{ "POST", "/flags/{id}/assist", page_assist_request, MOD_PERSON, W, 0 },
	{ "POST", "/assist/{id}", page_assist_answer, MOD_PERSON, W, 0 },
	{ "POST", "/measures/{id}/transfer", page_transfer_request, MOD_PERSON, W, 0 },
	{ "POST", "/transfers/{id}", page_transfer_decide, MOD_PERSON, W, 0 },
	{ "GET", "/work", page_work, MOD_PERSON, R, 0 },
	{ "GET", "/alerts", page_alerts, MOD_PERSON, R, 0 },
	/* figures only: every role, for its own area */
	{ "GET", "/alerts/stats", page_alert_stats, MOD_HOME, R, 0 },
	{ "GET", "/alerts/{id}", page_alert, MOD_PERSON, R, 0 },
	{ "POST", "/alerts/{id}", page_alert_post, MOD_PERSON, W, 0 },
	/* partner sources: anyone of the module reads; the handlers let only
	 * the office at the root change them */
	{ "GET", "/feeds", page_feeds, MOD_FEED, R, 0 },
	{ "POST", "/feeds", page_feed_create, MOD_FEED, W, 0 },
	{ "GET", "/feeds/{name}", page_feed, MOD_FEED, R, 0 },
	{ "POST", "/feeds/{name}", page_feed_post, MOD_FEED, W, 0 },
	/* 毒品案件: a case belongs to its division; the handlers keep each user
	 * to the cases of their area */
	{ "GET", "/cases", page_cases, MOD_CASE, R, 0 },
	{ "GET", "/cases.xlsx", page_cases_export, MOD_CASE, R, 0 },
	{ "GET", "/cases/new", page_case_new, MOD_CASE, W, 0 },
	{ "GET", "/cases/import", page_case_import_form, MOD_CASE, W, 0 },
	{ "POST", "/cases/import", page_case_import_upload, MOD_CASE, W, 0 },
	{ "GET", "/cases/import/template.xlsx", page_case_import_template, MOD_CASE, W, 0 },
	{ "GET", "/cases/import/{upload}", page_case_import_columns, MOD_CASE, W, 0 },
	{ "POST", "/cases/import/{upload}/check", page_case_import_check, MOD_CASE, W, 0 },
	{ "POST", "/cases/import/{upload}", page_case_import_commit, MOD_CASE, W, 0 },
	{ "POST", "/cases", page_case_create, MOD_CASE, W, 0 },
	{ "GET", "/cases/{id}", page_case, MOD_CASE, R, 0 },
	{ "GET", "/cases/{id}/edit", page_case_edit, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}", page_case_update, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/steps", page_case_step, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/seizures", page_case_seizure, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/destructions", page_case_destruction, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/suspects", page_case_suspect, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/suspects/{sid}/measures", page_case_measure, MOD_CASE, W, 0 },
	{ "POST", "/cases/{id}/assets", page_case_asset, MOD_CASE, W, 0 },
	/* networks (打团伙、摧网络): literal paths before /network/{id} */
	{ "GET", "/network", page_network, MOD_CASE, R, 0 },
	{ "GET", "/network/path", page_network_path, MOD_CASE, R, 0 },
	{ "GET", "/network/import", page_network_import_form, MOD_CASE, W, 0 },
	{ "POST", "/network/import", page_network_import_upload, MOD_CASE, W, 0 },
	{ "GET", "/network/import/{upload}", page_network_import_columns, MOD_CASE, W, 0 },
	{ "POST", "/network/import/{upload}/check", page_network_import_check, MOD_CASE, W, 0 },
	{ "POST", "/network/import/{upload}", page_network_import_commit, MOD_CASE, W, 0 },
	{ "POST", "/network/entities", page_network_entity_create, MOD_CASE, W, 0 },
	{ "POST", "/network/links", page_network_link_create, MOD_CASE, W, 0 },
	{ "GET", "/network/{id}", page_network_entity, MOD_CASE, R, 0 },
	/* figures for the roles that read them; a number's records for those
	 * who may read the records' module too (the handlers check) */
	{ "GET", "/indicators", page_indicators, MOD_STATS, R, 0 },
	{ "GET", "/indicators/{key}/records", page_indicator_records, MOD_STATS, R, 0 },
	{ "GET", "/policy", page_policy, MOD_PERSON, R, 0 },
	{ "POST", "/policy", page_policy_save, MOD_ORG, W, 0 },
	{ "GET", "/org", page_org, MOD_ORG, R, 0 },
	{ "POST", "/org/units", page_unit_create, MOD_ORG, W, 0 },
	{ "GET", "/users", page_users, MOD_USERS, W, 0 },
	{ "GET", "/users/new", page_user_new, MOD_USERS, W, 0 },
	{ "POST", "/users", page_user_create, MOD_USERS, W, 0 },
	{ "GET", "/users/{id}", page_user, MOD_USERS, W, 0 },
	{ "POST", "/users/{id}", page_user_update, MOD_USERS, W, 0 },
	{ "POST", "/users/{id}/tokens/{token}", page_user_token_revoke, MOD_USERS, W, 0 },
	{ "GET", "/audit", page_audit, MOD_AUDIT, R, 0 },
	{ "GET", "/account", page_account, MOD_NONE, R, 0 },
	{ "POST", "/account/lang", page_account_lang, MOD_NONE, W, 0 },
	{ "POST", "/account/password", page_account_password, MOD_NONE, W, 0 },
	{ "POST", "/account/totp", page_account_totp, MOD_NONE, W, 0 },
	{ "POST", "/account/tokens", page_account_token_create, MOD_NONE, W, 0 },
	{ "POST", "/account/tokens/{id}", page_account_token_revoke, MOD_NONE, W, 0 },

	{ "GET", "/api/v1/me", api_me, MOD_NONE, R, 0 },
	{ "GET", "/api/v1/persons", api_persons, MOD_PERSON, R, 0 },
	{ "POST", "/api/v1/persons", api_person_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/import", api_persons_import, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/persons/{id}", api_person, MOD_PERSON, R, 0 },
	{ "PATCH", "/api/v1/persons/{id}", api_person_update, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/persons/{id}/photo", page_person_photo, MOD_PERSON, R, 0 },
	{ "PUT", "/api/v1/persons/{id}/photo", api_person_photo_put, MOD_PERSON, W, 0 },
	{ "DELETE", "/api/v1/persons/{id}/photo", api_person_photo_delete, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/stats/persons", api_person_stats, MOD_HOME, R, 0 },
	{ "GET", "/api/v1/persons/{id}/control", api_person_control, MOD_PERSON, R, 0 },
	{ "POST", "/api/v1/persons/{id}/measures", page_measure_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/tests", page_test_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/contacts", page_contact_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/absences", page_absence_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/assistance", page_assistance_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/methadone", page_methadone_put, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/lost", page_lost_create, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/persons/{id}/close", page_person_close, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/measures/{id}", page_measure_change, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/flags/{id}", page_flag_resolve, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/flags/{id}/decide", page_relapse_decide, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/flags/{id}/assist", page_assist_request, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/assist", api_assist, MOD_PERSON, R, 0 },
	{ "GET", "/api/v1/alerts", api_alerts, MOD_PERSON, R, 0 },
	{ "GET", "/api/v1/alerts/stats", api_alert_stats, MOD_HOME, R, 0 },
	{ "GET", "/api/v1/alerts/{id}", api_alert, MOD_PERSON, R, 0 },
	{ "POST", "/api/v1/alerts/{id}", page_alert_post, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/feeds", api_feeds, MOD_FEED, R, 0 },
	{ "POST", "/api/v1/feeds", page_feed_create, MOD_FEED, W, 0 },
	{ "GET", "/api/v1/feeds/{name}", api_feed, MOD_FEED, R, 0 },
	{ "POST", "/api/v1/feeds/{name}", page_feed_post, MOD_FEED, W, 0 },
	/* a partner's own token, checked by the handler */
	{ "POST", "/api/v1/feeds/{source}/events", api_feed_events, MOD_NONE, W,
	  RF_PUBLIC | RF_NO_CSRF },
	{ "POST", "/api/v1/assist/{id}", page_assist_answer, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/measures/{id}/transfer", page_transfer_request, MOD_PERSON, W, 0 },
	{ "POST", "/api/v1/transfers/{id}", page_transfer_decide, MOD_PERSON, W, 0 },
	{ "GET", "/api/v1/work", api_work, MOD_PERSON, R, 0 },
	{ "GET", "/api/v1/cases", api_cases, MOD_CASE, R, 0 },
	{ "POST", "/api/v1/cases", page_case_create, MOD_CASE, W, 0 },
	{ "GET", "/api/v1/cases.xlsx", page_cases_export, MOD_CASE, R, 0 },
	{ "POST", "/api/v1/cases/import", api_cases_import, MOD_CASE, W, 0 },
	{ "GET", "/api/v1/cases/{id}", api_case, MOD_CASE, R, 0 },
	{ "PATCH", "/api/v1/cases/{id}", api_case_update, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/steps", page_case_step, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/seizures", page_case_seizure, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/destructions", page_case_destruction, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/suspects", page_case_suspect, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/suspects/{sid}/measures", page_case_measure, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/cases/{id}/assets", page_case_asset, MOD_CASE, W, 0 },
	{ "GET", "/api/v1/network/groups", api_network_groups, MOD_CASE, R, 0 },
	{ "GET", "/api/v1/network/entities", api_network_entities, MOD_CASE, R, 0 },
	{ "POST", "/api/v1/network/entities", page_network_entity_create, MOD_CASE, W, 0 },
	{ "GET", "/api/v1/network/entities/{id}", api_network_entity, MOD_CASE, R, 0 },
	{ "GET", "/api/v1/network/entities/{id}/graph", api_network_graph, MOD_CASE, R, 0 },
	{ "POST", "/api/v1/network/links", page_network_link_create, MOD_CASE, W, 0 },
	{ "POST", "/api/v1/network/import", api_network_import, MOD_CASE, W, 0 },
	{ "GET", "/api/v1/network/path", api_network_path, MOD_CASE, R, 0 },
	{ "GET", "/api/v1/indicators", api_indicators, MOD_STATS, R, 0 },
	{ "GET", "/api/v1/indicators/{key}/records", api_indicator_records, MOD_STATS, R, 0 },
	{ "GET", "/api/v1/policy", api_policy, MOD_PERSON, R, 0 },
	{ "GET", "/api/v1/divisions/{code}", api_divisions, MOD_ORG, R, 0 },
	{ "GET", "/api/v1/units", api_units, MOD_ORG, R, 0 },
	{ "GET", "/api/v1/users", api_users, MOD_USERS, W, 0 },
	{ "GET", "/api/v1/audit", api_audit, MOD_AUDIT, R, 0 },
};
#undef R
#undef W
const int nroutes = (int)(sizeof(routes) / sizeof(routes[0]));

int route_index(const struct route *rt)
{
	return (int)(rt - routes);
}

/* Matches one pattern against path; on success records {name} segments. */
static int match(struct req *r, const char *pat, const char *path)
{
	size_t mark = r->npath;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *pend = strchr(pat, '}');
			const char *seg_end = strchr(path, '/');
			size_t seg_len = seg_end ? (size_t)(seg_end - path) : strlen(path);
			char name[32];
			size_t nlen = (size_t)(pend - pat - 1);
			if (!seg_len || nlen >= sizeof(name))
				goto fail;
			memcpy(name, pat + 1, nlen);
			name[nlen] = '\0';
			req_add_param(r, &r->path_params, &r->npath, &r->apath, name, path, seg_len);
			pat = pend + 1;
			path += seg_len;
			continue;
		}
		if (*pat != *path)
			goto fail;
		pat++;
		path++;
	}
	if (!*pat && !*path)
		return 1;
fail:
	r->npath = mark;
	return 0;
}

const struct route *route_match(struct req *r, const char *method, const char *path,
				int *method_mismatch)
{
	int i;
	const char *m = !strcmp(method, "HEAD") ? "GET" : method;
	*method_mismatch = 0;
	/* Literal segments win over {params}: /persons/new before /persons/{id},
	 * which the table order guarantees. */
	for (i = 0; i < nroutes; i++) {
		if (!match(r, routes[i].pattern, path))
			continue;
		if (!strcmp(routes[i].method, m))
			return &routes[i];
		*method_mismatch = 1;
		r->npath = 0;
	}
	return NULL;
}
