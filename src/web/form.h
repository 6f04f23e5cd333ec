/* form.h - HTML forms: fields with their labels, kept values and errors beside them. */
#ifndef JINDU_FORM_H
#define JINDU_FORM_H

#include "domain/choice.h"
#include "domain/person.h"
#include "web/req.h"

/* A form being written: the request (for the CSRF token) and the errors
 * of the last submission, shown next to their fields. */
struct form {
	struct req *r;
	struct buf *b;
	const struct field_error *errs;
	int nerr;
	const char *scope;  /* several forms on a page: field ids become f-SCOPE-NAME */
};

/* <form method="post" action="..."> plus the hidden CSRF field. */
void form_begin(struct form *f, const char *action, const char *id);
/* The same for a form that uploads files (enctype multipart/form-data). */
void form_begin_upload(struct form *f, const char *action, const char *id);
/* A summary at the top when there are errors. */
void form_error_summary(struct form *f);
/* type: "text", "date", "password", "tel", "number"... value is kept as typed. */
void form_input(struct form *f, const char *name, const char *label, const char *value,
		const char *type, int required, const char *hint);
/* A file chooser; accept lists what it offers (".xlsx,.csv"). */
void form_file(struct form *f, const char *name, const char *label, const char *accept,
	       int required, const char *hint);
void form_textarea(struct form *f, const char *name, const char *label, const char *value);
/* A drop-down; empty_label non-NULL adds a first empty option. */
void form_select(struct form *f, const char *name, const char *label, const char *value,
		 const struct choice *choices, const char *empty_label, int required);
/* Check boxes for a set, values comma-separated. */
void form_checks(struct form *f, const char *name, const char *label, const char *values,
		 const struct choice *choices);
/* A drop-down of divisions (townships as groups, villages inside). */
void form_select_division(struct form *f, const char *name, const char *label, const char *value,
			  const struct division *divs, int n, int required);
/* A drop-down of units (names as they are), "—" (0) first for none. */
void form_select_unit(struct form *f, const char *name, const char *label,
		      const struct unit *units, int n, int64_t value, const char *hint);
void form_hidden(struct form *f, const char *name, const char *value);
/* Just the <option> elements of a choice list, selected marked, labels
 * translated: for the compact selects of filter bars. */
void form_options(struct buf *b, const struct choice *choices, const char *selected);
void form_end(struct form *f, const char *submit_label, const char *cancel_href);

/* The error message for a field, or NULL. */
const char *form_field_error(const struct form *f, const char *name);

#endif
