/* indicators.h - what the indicator pages and the indicators API share. */
#ifndef JINDU_WEB_INDICATORS_H
#define JINDU_WEB_INDICATORS_H

#include "domain/indicator.h"
#include "web/req.h"

/* The period and area a request asks for. */
struct indicator_query {
	struct period period;   /* ?period=2026Q3; this quarter (China time) by default */
	const char *prefix;     /* the area counted: the user's, or ?division= inside it */
	const char *division;   /* the code of ?division=, or NULL for the user's area */
	const char *area_name;  /* the area's name */
};

/*
 * Reads ?period= and ?division= (a division inside the user's area, never
 * a wider one). 0; 400 with the response made for a period or a division
 * that is not one, or an area outside the user's; 500 when the store
 * fails.
 */
int indicators_query(struct req *r, struct resp *w, struct indicator_query *q);

/* Whether the user may open the records behind the indicator. */
int indicators_can_open(const struct req *r, const struct indicator *ind);

/* The records' page of a count in period p, for a township key (NULL:
 * the query's area), in r's arena. */
const char *indicators_records_href(struct req *r, const struct indicator *ind,
				    const struct period *p, const char *division);

/* The change of a figure from before to now, as text: a percentage of a
 * count ("+37.9%"), percentage points of a rate ("+0.3"), "—" when there
 * is none. *points is set for a rate's change. In r's arena. */
const char *indicators_change(struct req *r, const struct indicator *ind,
			      const struct indicator_value *before,
			      const struct indicator_value *now, int *points);

/*
 * The indicator of the path {key} (a count the user may open the records
 * of), the query, and one page of its records in *rows (*total: all of
 * them, the figure), the opening audited as a search of persons. 0, or
 * the status with the response made (404 for no such count, 403 for a
 * role that may not read its records, 400, 500).
 */
int indicators_records(struct req *r, struct resp *w, const struct indicator **ind,
		       struct indicator_query *q, int offset, int limit,
		       struct count_record **rows, int *n, int64_t *total);

#endif
