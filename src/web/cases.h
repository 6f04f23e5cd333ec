/* cases.h - what the case pages (page-cases.c, page-case.c, page-case-post.c) and the case API share. */
#ifndef JINDU_WEB_CASES_H
#define JINDU_WEB_CASES_H

#include "domain/case.h"
#include "web/req.h"

/* Reads status, type, year, unit, flag (one key or several, comma-
 * separated), division and q from the query string into f, scoped to the
 * user's area, and describes them in what for the audit log. Returns -1
 * for an invalid value or an area outside the user's own. */
int cases_filter_from_query(struct req *r, const struct policy *p, struct case_filter *f,
			    struct buf *what);

/* The case's fields from a form or the JSON fields of an API request
 * (dispatch.c makes both form parameters): number, name, type, source,
 * division, unit_id, officers, place, occurred_date, accepted_date,
 * description, and the flags early, target, online, small_packets (1, or
 * checked boxes named "flags"). A date that cannot be read is -1. */
void cases_input(struct req *r, struct drug_case *c);

/* The policy's case types and drugs as choice lists (arena), for forms. */
const struct choice *cases_type_choices(struct req *r, const struct policy *p);
const struct choice *cases_drug_choices(struct req *r, const struct policy *p);

/* The case page (page-case.c): renders case id (the view is audited) with
 * a notice on top (error: shown as an error, answered 422). */
int cases_render_page(struct req *r, struct resp *w, int64_t id, const char *notice, int error);

/* 涉案记录 on a person's page (page-case.c): the cases of the user's area
 * in which the person is a suspect, for those who may read cases; nothing
 * when there are none. -1 on a store error. */
int cases_person_panel(struct req *r, struct buf *b, int64_t person_id);

/* The case form (page-cases.c), new (id 0) or an edit, with errors. */
int cases_render_form(struct req *r, struct resp *w, int64_t id, int64_t version,
		      const struct drug_case *c, const struct field_error *errs, int nerr);

/* A case as JSON (api-cases.c); with its file when f is not NULL. */
json_t *cases_json(struct req *r, const struct policy *p, const struct drug_case *c,
		   const struct case_file *f);

/*
 * Whether r's user is shown the suspects' personal data: those who may
 * read person files. Others (leaders) see a suspect as the network pages
 * show a person (张某): no ID number, no link to the file, not whether
 * they are a registered drug user — and their view is no view of a file.
 */
int cases_persons_clear(struct req *r);
/* The suspect's name as r's user may see it (r's arena). */
const char *cases_suspect_name(struct req *r, const struct case_suspect *s);

/* The id in the path parameter name, or 0. */
int64_t cases_path_id(struct req *r, const char *name);
/* "YYYY-MM-DD" of a form field: the date, 0 when empty, -1 when unreadable. */
int cases_form_date(struct req *r, const char *name);

#endif
