/* form.c - form fields with labels, kept values and their errors. */
#include "web/form.h"

#include <inttypes.h>
#include <string.h>

#include "lib/i18n.h"
#include "web/html.h"

const char *form_field_error(const struct form *f, const char *name)
{
	int i;
	for (i = 0; i < f->nerr && i < PERSON_MAX_ERRORS; i++)
		if (!strcmp(f->errs[i].field, name))
			return f->errs[i].message;
	return NULL;
}

static void form_open(struct form *f, const char *action, const char *id, int upload)
{
	html_raw_trusted(f->b, "<form method=\"post\" class=\"form\" action=\"");
	html_attr(f->b, action);
	html_raw_trusted(f->b, "\"");
	if (upload)
		html_raw_trusted(f->b, " enctype=\"multipart/form-data\"");
	if (id) {
		html_raw_trusted(f->b, " id=\"");
		html_attr(f->b, id);
		html_raw_trusted(f->b, "\"");
	}
	html_raw_trusted(f->b, " novalidate>");
	form_hidden(f, "_csrf", f->r->csrf ? f->r->csrf : "");
}

void form_begin(struct form *f, const char *action, const char *id)
{
	form_open(f, action, id, 0);
}

void form_begin_upload(struct form *f, const char *action, const char *id)
{
	form_open(f, action, id, 1);
}

void form_error_summary(struct form *f)
{
	if (!f->nerr)
		return;
	html_raw_trusted(f->b, "<div class=\"notice error\" role=\"alert\">");
	html_textf(f->b, _("有 %d 处需要修改，请查看标红的字段"), f->nerr);
	html_raw_trusted(f->b, "</div>");
}

/* The id of a field's element ("f-name", or "f-scope-name"), kind 'f' for
 * the input and 'e' for its error message. */
static void field_id(struct form *f, char kind, const char *name)
{
	buf_addch(f->b, kind);
	buf_addch(f->b, '-');
	if (f->scope) {
		html_attr(f->b, f->scope);
		buf_addch(f->b, '-');
	}
	html_attr(f->b, name);
}

static void field_open(struct form *f, const char *name, const char *label, int required)
{
	const char *err = form_field_error(f, name);
	html_raw_trusted(f->b, err ? "<div class=\"field has-error\">" : "<div class=\"field\">");
	html_raw_trusted(f->b, "<label for=\"");
	field_id(f, 'f', name);
	html_raw_trusted(f->b, "\">");
	html_text(f->b, _(label));
	if (required)
		html_raw_trusted(f->b, "<span class=\"req\">*</span>");
	html_raw_trusted(f->b, "</label>");
}

static void field_close(struct form *f, const char *name, const char *hint)
{
	const char *err = form_field_error(f, name);
	if (err) {
		html_raw_trusted(f->b, "<p class=\"field-error\" id=\"");
		field_id(f, 'e', name);
		html_raw_trusted(f->b, "\">");
		html_text(f->b, _(err));
		html_raw_trusted(f->b, "</p>");
	} else if (hint) {
		html_raw_trusted(f->b, "<p class=\"hint\">");
		html_text(f->b, _(hint));
		html_raw_trusted(f->b, "</p>");
	}
	html_raw_trusted(f->b, "</div>");
}

static void id_name(struct form *f, const char *name)
{
	html_raw_trusted(f->b, " id=\"");
	field_id(f, 'f', name);
	html_raw_trusted(f->b, "\" name=\"");
	html_attr(f->b, name);
	html_raw_trusted(f->b, "\"");
	if (form_field_error(f, name)) {
		html_raw_trusted(f->b, " aria-invalid=\"true\" aria-describedby=\"");
		field_id(f, 'e', name);
		html_raw_trusted(f->b, "\"");
	}
}

/* What browsers and password managers should offer for a field. */
static const char *autocomplete_for(const char *name, const char *type)
{
	if (!strcmp(name, "login"))
		return "username";
	if (!strcmp(type, "password"))
		return !strcmp(name, "current") || !strcmp(name, "password") ? "current-password"
									    : "new-password";
	if (!strcmp(name, "code"))
		return "one-time-code";
	return NULL;
}

void form_input(struct form *f, const char *name, const char *label, const char *value,
		const char *type, int required, const char *hint)
{
	const char *ac = autocomplete_for(name, type);
	field_open(f, name, label, required);
	html_raw_trusted(f->b, "<input type=\"");
	html_attr(f->b, type);
	html_raw_trusted(f->b, "\"");
	if (ac)
		html_rawf_trusted(f->b, " autocomplete=\"%s\"", ac);
	id_name(f, name);
	html_raw_trusted(f->b, " value=\"");
	if (strcmp(type, "password"))
		html_attr(f->b, value ? value : "");
	html_raw_trusted(f->b, required ? "\" required>" : "\">");
	field_close(f, name, hint);
}

void form_file(struct form *f, const char *name, const char *label, const char *accept,
	       int required, const char *hint)
{
	field_open(f, name, label, required);
	html_raw_trusted(f->b, "<input type=\"file\"");
	id_name(f, name);
	html_raw_trusted(f->b, " accept=\"");
	html_attr(f->b, accept);
	html_raw_trusted(f->b, required ? "\" required>" : "\">");
	field_close(f, name, hint);
}

void form_textarea(struct form *f, const char *name, const char *label, const char *value)
{
	field_open(f, name, label, 0);
	html_raw_trusted(f->b, "<textarea rows=\"3\"");
	id_name(f, name);
	html_raw_trusted(f->b, ">");
	html_text(f->b, value ? value : "");
	html_raw_trusted(f->b, "</textarea>");
	field_close(f, name, NULL);
}

void form_select(struct form *f, const char *name, const char *label, const char *value,
		 const struct choice *choices, const char *empty_label, int required)
{
	field_open(f, name, label, required);
	html_raw_trusted(f->b, "<select");
	id_name(f, name);
	html_raw_trusted(f->b, ">");
	if (empty_label) {
		html_raw_trusted(f->b, "<option value=\"\">");
		html_text(f->b, _(empty_label));
		html_raw_trusted(f->b, "</option>");
	}
	form_options(f->b, choices, value);
	html_raw_trusted(f->b, "</select>");
	field_close(f, name, NULL);
}

void form_select_division(struct form *f, const char *name, const char *label, const char *value,
			  const struct division *divs, int n, int required)
{
	int i, open_group = 0;
	field_open(f, name, label, required);
	html_raw_trusted(f->b, "<select");
	id_name(f, name);
	html_raw_trusted(f->b, "><option value=\"\"></option>");
	for (i = 0; i < n; i++) {
		if (divs[i].level <= 4 && open_group) {
			html_raw_trusted(f->b, "</optgroup>");
			open_group = 0;
		}
		if (divs[i].level == 4 && i + 1 < n && divs[i + 1].level == 5) {
			html_raw_trusted(f->b, "<optgroup label=\"");
			html_attr(f->b, divs[i].name);
			html_raw_trusted(f->b, "\">");
			open_group = 1;
		}
		html_raw_trusted(f->b, "<option value=\"");
		html_attr(f->b, divs[i].code);
		html_raw_trusted(f->b, value && !strcmp(value, divs[i].code) ? "\" selected>" : "\">");
		if (divs[i].level == 4 && open_group)
			html_text(f->b, _("（乡镇本级）"));
		html_text(f->b, divs[i].name);
		html_raw_trusted(f->b, "</option>");
	}
	if (open_group)
		html_raw_trusted(f->b, "</optgroup>");
	html_raw_trusted(f->b, "</select>");
	field_close(f, name, NULL);
}

void form_select_unit(struct form *f, const char *name, const char *label,
		      const struct unit *units, int n, int64_t value, const char *hint)
{
	int i;
	field_open(f, name, label, 0);
	html_raw_trusted(f->b, "<select");
	id_name(f, name);
	html_raw_trusted(f->b, "><option value=\"0\">—</option>");
	for (i = 0; i < n; i++) {
		html_rawf_trusted(f->b, "<option value=\"%" PRId64 "\"%s>", units[i].id,
				  units[i].id == value ? " selected" : "");
		html_text(f->b, units[i].name);
		html_raw_trusted(f->b, "</option>");
	}
	html_raw_trusted(f->b, "</select>");
	field_close(f, name, hint);
}

static int in_set(const char *set, const char *key)
{
	size_t n = strlen(key);
	const char *p = set;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, key, n))
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

void form_checks(struct form *f, const char *name, const char *label, const char *values,
		 const struct choice *choices)
{
	const struct choice *c;
	const char *err = form_field_error(f, name);
	html_raw_trusted(f->b, err ? "<fieldset class=\"field checks has-error\"><legend>"
				   : "<fieldset class=\"field checks\"><legend>");
	html_text(f->b, _(label));
	html_raw_trusted(f->b, "</legend>");
	for (c = choices; c->key; c++) {
		html_raw_trusted(f->b, "<label class=\"check\"><input type=\"checkbox\" name=\"");
		html_attr(f->b, name);
		html_raw_trusted(f->b, "\" value=\"");
		html_attr(f->b, c->key);
		html_raw_trusted(f->b, in_set(values, c->key) ? "\" checked> " : "\"> ");
		html_text(f->b, _(c->label));
		html_raw_trusted(f->b, "</label>");
	}
	if (err) {
		html_raw_trusted(f->b, "<p class=\"field-error\">");
		html_text(f->b, _(err));
		html_raw_trusted(f->b, "</p>");
	}
	html_raw_trusted(f->b, "</fieldset>");
}

void form_options(struct buf *b, const struct choice *choices, const char *selected)
{
	const struct choice *c;
	for (c = choices; c->key; c++) {
		html_raw_trusted(b, "<option value=\"");
		html_attr(b, c->key);
		html_raw_trusted(b, selected && !strcmp(selected, c->key) ? "\" selected>" : "\">");
		html_text(b, _(c->label));
		html_raw_trusted(b, "</option>");
	}
}

void form_hidden(struct form *f, const char *name, const char *value)
{
	html_raw_trusted(f->b, "<input type=\"hidden\" name=\"");
	html_attr(f->b, name);
	html_raw_trusted(f->b, "\" value=\"");
	html_attr(f->b, value);
	html_raw_trusted(f->b, "\">");
}

void form_end(struct form *f, const char *submit_label, const char *cancel_href)
{
	html_raw_trusted(f->b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
	html_text(f->b, _(submit_label));
	html_raw_trusted(f->b, "</button>");
	if (cancel_href) {
		html_raw_trusted(f->b, " <a class=\"button\" href=\"");
		html_attr(f->b, cancel_href);
		html_raw_trusted(f->b, "\">");
		html_text(f->b, _("取消"));
		html_raw_trusted(f->b, "</a>");
	}
	html_raw_trusted(f->b, "</div></form>");
}
