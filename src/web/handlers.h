/* handlers.h - every page (page-*.c) and API resource (api-*.c) handler, for the route table. */
#ifndef JINDU_HANDLERS_H
#define JINDU_HANDLERS_H

#include "web/req.h"

/* page-login.c */
int page_login_form(struct req *r, struct resp *w);
int page_login_submit(struct req *r, struct resp *w);
int page_totp_form(struct req *r, struct resp *w);
int page_totp_submit(struct req *r, struct resp *w);
int page_logout(struct req *r, struct resp *w);
/* page-home.c */
int page_home(struct req *r, struct resp *w);
/* page-persons.c */
int page_persons(struct req *r, struct resp *w);
int page_person(struct req *r, struct resp *w);
int page_person_new(struct req *r, struct resp *w);
int page_person_create(struct req *r, struct resp *w);
int page_person_edit(struct req *r, struct resp *w);
int page_person_update(struct req *r, struct resp *w);
/* page-export.c */
int page_persons_export(struct req *r, struct resp *w);
/* page-import.c */
int page_import_form(struct req *r, struct resp *w);
int page_import_upload(struct req *r, struct resp *w);
int page_import_template(struct req *r, struct resp *w);
int page_import_columns(struct req *r, struct resp *w);
int page_import_check(struct req *r, struct resp *w);
int page_import_commit(struct req *r, struct resp *w);
/* page-control.c */
int page_measure_create(struct req *r, struct resp *w);
int page_measure_change(struct req *r, struct resp *w);
int page_test_create(struct req *r, struct resp *w);
int page_contact_create(struct req *r, struct resp *w);
int page_absence_create(struct req *r, struct resp *w);
int page_assistance_create(struct req *r, struct resp *w);
int page_methadone_put(struct req *r, struct resp *w);
int page_lost_create(struct req *r, struct resp *w);
int page_flag_resolve(struct req *r, struct resp *w);
int page_relapse_decide(struct req *r, struct resp *w);
int page_assist_request(struct req *r, struct resp *w);
int page_assist_answer(struct req *r, struct resp *w);
int api_assist(struct req *r, struct resp *w);
int api_feed_events(struct req *r, struct resp *w);
/* page-alerts.c, api-alerts.c, page-alert-stats.c */
int page_alerts(struct req *r, struct resp *w);
int page_alert(struct req *r, struct resp *w);
int page_alert_post(struct req *r, struct resp *w);
int api_alerts(struct req *r, struct resp *w);
int api_alert(struct req *r, struct resp *w);
int page_alert_stats(struct req *r, struct resp *w);
int api_alert_stats(struct req *r, struct resp *w);
int page_person_photo(struct req *r, struct resp *w);
int page_person_photo_post(struct req *r, struct resp *w);
int api_person_photo_put(struct req *r, struct resp *w);
int api_person_photo_delete(struct req *r, struct resp *w);
int page_person_close(struct req *r, struct resp *w);
int page_transfer_request(struct req *r, struct resp *w);
int page_transfer_decide(struct req *r, struct resp *w);
/* page-feeds.c (the POSTs answer JSON under /api), api-feeds.c */
int page_feeds(struct req *r, struct resp *w);
int page_feed(struct req *r, struct resp *w);
int page_feed_create(struct req *r, struct resp *w);
int page_feed_post(struct req *r, struct resp *w);
int api_feeds(struct req *r, struct resp *w);
int api_feed(struct req *r, struct resp *w);
/* page-cases.c, page-case.c, page-case-post.c (the POSTs answer JSON under
 * /api), api-cases.c */
int page_cases(struct req *r, struct resp *w);
int page_case_new(struct req *r, struct resp *w);
int page_case_create(struct req *r, struct resp *w);
int page_case(struct req *r, struct resp *w);
int page_case_edit(struct req *r, struct resp *w);
int page_case_update(struct req *r, struct resp *w);
int page_case_step(struct req *r, struct resp *w);
int page_case_seizure(struct req *r, struct resp *w);
int page_case_destruction(struct req *r, struct resp *w);
int page_case_suspect(struct req *r, struct resp *w);
int page_case_measure(struct req *r, struct resp *w);
int page_case_asset(struct req *r, struct resp *w);
int api_cases(struct req *r, struct resp *w);
int api_case(struct req *r, struct resp *w);
int api_case_update(struct req *r, struct resp *w);
/* page-case-export.c: the list as a workbook (also under /api/v1) */
int page_cases_export(struct req *r, struct resp *w);
/* page-case-import.c: the case import's steps, its API and template */
int page_case_import_form(struct req *r, struct resp *w);
int page_case_import_upload(struct req *r, struct resp *w);
int page_case_import_template(struct req *r, struct resp *w);
int page_case_import_columns(struct req *r, struct resp *w);
int page_case_import_check(struct req *r, struct resp *w);
int page_case_import_commit(struct req *r, struct resp *w);
int api_cases_import(struct req *r, struct resp *w);
/* page-network.c, page-network-entity.c (the POSTs answer JSON under /api), api-network.c */
int page_network(struct req *r, struct resp *w);
int page_network_entity(struct req *r, struct resp *w);
int page_network_path(struct req *r, struct resp *w);
int page_network_entity_create(struct req *r, struct resp *w);
int page_network_link_create(struct req *r, struct resp *w);
int api_network_groups(struct req *r, struct resp *w);
int api_network_entities(struct req *r, struct resp *w);
int api_network_entity(struct req *r, struct resp *w);
int api_network_graph(struct req *r, struct resp *w);
int api_network_path(struct req *r, struct resp *w);
/* page-network-import.c */
int page_network_import_form(struct req *r, struct resp *w);
int page_network_import_upload(struct req *r, struct resp *w);
int page_network_import_columns(struct req *r, struct resp *w);
int page_network_import_check(struct req *r, struct resp *w);
int page_network_import_commit(struct req *r, struct resp *w);
int api_network_import(struct req *r, struct resp *w);
/* page-indicators.c, api-indicators.c */
int page_indicators(struct req *r, struct resp *w);
int page_indicator_records(struct req *r, struct resp *w);
int api_indicators(struct req *r, struct resp *w);
int api_indicator_records(struct req *r, struct resp *w);
/* page-work.c, page-policy.c */
int page_work(struct req *r, struct resp *w);
int page_policy(struct req *r, struct resp *w);
int page_policy_save(struct req *r, struct resp *w);
/* page-org.c */
int page_org(struct req *r, struct resp *w);
int page_unit_create(struct req *r, struct resp *w);
/* page-users.c */
int page_users(struct req *r, struct resp *w);
int page_user_new(struct req *r, struct resp *w);
int page_user_create(struct req *r, struct resp *w);
int page_user(struct req *r, struct resp *w);
int page_user_update(struct req *r, struct resp *w);
int page_user_token_revoke(struct req *r, struct resp *w);
/* page-audit.c */
int page_audit(struct req *r, struct resp *w);
/* page-account.c */
int page_account(struct req *r, struct resp *w);
int page_account_lang(struct req *r, struct resp *w);
int page_account_password(struct req *r, struct resp *w);
int page_account_totp(struct req *r, struct resp *w);
int page_account_token_create(struct req *r, struct resp *w);
int page_account_token_revoke(struct req *r, struct resp *w);
/* page-system.c */
int page_healthz(struct req *r, struct resp *w);
int page_metrics(struct req *r, struct resp *w);

/* api-me.c, api-persons.c, api-org.c, api-users.c, api-audit.c */
int api_me(struct req *r, struct resp *w);
int api_persons(struct req *r, struct resp *w);
int api_person(struct req *r, struct resp *w);
int api_person_create(struct req *r, struct resp *w);
int api_person_update(struct req *r, struct resp *w);
int api_person_stats(struct req *r, struct resp *w);
int api_divisions(struct req *r, struct resp *w);
int api_units(struct req *r, struct resp *w);
int api_users(struct req *r, struct resp *w);
int api_audit(struct req *r, struct resp *w);
/* api-import.c */
int api_persons_import(struct req *r, struct resp *w);
/* api-control.c (the POSTs share page-control.c's handlers, which answer JSON under /api) */
int api_person_control(struct req *r, struct resp *w);
int api_work(struct req *r, struct resp *w);
int api_policy(struct req *r, struct resp *w);

#endif
