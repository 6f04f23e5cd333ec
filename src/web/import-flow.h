/* import-flow.h - the steps of a spreadsheet import in the browser and its API, the same for every kind of file. */
#ifndef JINDU_WEB_IMPORT_FLOW_H
#define JINDU_WEB_IMPORT_FLOW_H

#include "import/import-persons.h"
#include "web/layout.h"
#include "web/req.h"

/*
 * An import is described once (struct import_flow) and its handlers pass
 * the description to the functions below. The steps, each a request that
 * finds the uploaded file by its id:
 *   GET  BASE                 the upload form
 *   POST BASE                 keeps the file, 303 to its columns
 *   GET  BASE/{upload}        the columns: header row, a select each, preview
 *   POST BASE/{upload}/check  a dry run with the chosen columns: the report
 *   POST BASE/{upload}        the import itself (checked again), the result
 * The chosen columns travel in the forms and links (header=N, colN=field),
 * so no step keeps state but the file. The API takes the file as the body
 * (?name=, ?dry_run=1, ?header=N, ?map=HEADER=COLUMN;...) and answers the
 * report as JSON: 201 when something was imported, 200 for a clean check
 * or nothing new, 422 (code "rejected") when rows or the header are wrong.
 *
 * To add an import: its importer in src/import/, a struct import_flow and
 * the six handlers in a page-*-import.c, six lines in route.c.
 */

/* A count of what an import of one kind does besides the report's (the
 * entities of links, the suspects of cases): shown after "valid", and in
 * the API's answer under id. */
struct import_flow_count {
	const char *id;
	const char *label;  /* Chinese source text */
	int64_t value;
};
#define IMPORT_FLOW_MAX_COUNTS 6

struct import_flow_result {
	struct import_report rep;
	struct import_flow_count counts[IMPORT_FLOW_MAX_COUNTS];
	int ncounts;
	json_t *json;       /* more fields for the API's answer, or NULL (owned) */
};

struct import_flow {
	const char *base;             /* "/cases/import" */
	const char *api;              /* "/api/v1/cases/import" (for the log) */
	enum module module;
	const struct crumb *crumbs;   /* two: the module's page, this import's form (base) */
	const char *title;            /* the form's title, a Chinese source text */
	const char *intro;            /* what the form says first */
	const char *hint;             /* a second paragraph, or NULL */
	int list_columns;             /* the form lists the columns recognised */
	const char *template_url;     /* a template to download, or NULL */
	const char *file_hint;        /* under the file field */
	const struct import_columns *cols;
	const char *valid_label;      /* the counts' labels: valid, existing */
	const char *existing_label;
	const char *none_text;        /* a clean check with nothing new */
	const char *done_url, *done_label;
	/* Runs the import of t (the file name to record: name) with mapping m
	 * (NULL: none) as r's user, into res (whose report is initialised);
	 * returns as the importers do: 0, IMPORT_REJECTED or -1 (err). */
	int (*run)(struct req *r, struct table *t, const char *name, const struct import_mapping *m,
		   int dry_run, struct import_flow_result *res, struct buf *err);
	/* The notices after an import and after a clean check with something
	 * to import, in r's arena and the user's language. */
	const char *(*done_text)(struct req *r, const struct import_flow_result *res);
	const char *(*valid_text)(struct req *r, const struct import_flow_result *res);
};

int import_flow_form(const struct import_flow *f, struct req *r, struct resp *w);
int import_flow_upload(const struct import_flow *f, struct req *r, struct resp *w);
int import_flow_columns(const struct import_flow *f, struct req *r, struct resp *w);
int import_flow_check(const struct import_flow *f, struct req *r, struct resp *w);
int import_flow_commit(const struct import_flow *f, struct req *r, struct resp *w);
int import_flow_api(const struct import_flow *f, struct req *r, struct resp *w);

#endif
