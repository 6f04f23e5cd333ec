/* persons.h - what the person pages and the person API share. */
#ifndef JINDU_WEB_PERSONS_H
#define JINDU_WEB_PERSONS_H

#include "domain/person.h"
#include "domain/policy.h"
#include "web/req.h"

/* Reads q, division, status, addiction, found_year, registered, closed,
 * sort, dir from the query string into f (scoped to the user's area) and
 * describes them in what for the audit log (ID numbers masked). Returns -1
 * for an invalid value or an area outside the user's own. */
int persons_filter_from_query(struct req *r, struct person_filter *f, struct buf *what);

/* Fills a person_input from form fields or a JSON object. */
void persons_input_from_form(struct req *r, struct person_input *in);
int persons_input_from_json(struct req *r, json_t *obj, struct person_input *in);

/* Renders person id's page (the view is audited) with an optional notice
 * on top (error: shown as an error and answered 422). */
int persons_render_page(struct req *r, struct resp *w, int64_t id, const char *notice, int error);
/* The control sections of the page (page-person-control.c); -1 on error. */
int person_control_sections(struct req *r, struct buf *b, const struct person *p);

/* 美沙酮维持治疗 (page-person-methadone.c): the months of dosing, poor ones
 * marked, and the form to enter one; nothing when the person has neither
 * an enrolment nor a month. as and mm are newest first. */
void person_methadone_panel(struct req *r, struct buf *b, const struct person *p,
			    const struct assistance *as, int nas, const struct methadone_month *mm,
			    int nmm, const struct policy *pol, int can_write);

/* 动态管控 (page-person-watch.c): whether and why the person is watched,
 * and the places partner feeds saw them, newest first. */
void person_watch_panel(struct req *r, struct buf *b, const struct person *p);

/* Comma-separated keys of a choice list as translated labels joined with 、. */
const char *persons_labels(struct req *r, const struct choice *list, const char *keys);

/* The file's id from the path, or 0. */
int64_t persons_path_id(struct req *r);

#endif
