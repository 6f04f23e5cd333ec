/* alerts.h - what the alert pages, the alerts API and the statistics share. */
#ifndef JINDU_WEB_ALERTS_H
#define JINDU_WEB_ALERTS_H

#include "store/store.h"
#include "web/req.h"

/*
 * Reads the list's filter from the query string into f, at now: status,
 * priority, overdue=1, division (a township or village inside the user's
 * area: never a wider one), source (a partner source's name; its record
 * in *src, zeroed when none is named), from and to (days in China time,
 * both included), late=1, signed_on_time=1, answered_on_time=1. Returns
 * 0; -1 for a value that is not one, or an area outside the user's own;
 * -2 when the store fails (logged).
 */
int alerts_filter_from_query(struct req *r, struct alert_filter *f, struct feed_source *src);

/* The statistics' period from the query (from, to: YYYY-MM-DD), the
 * current month in China by default: 0, or -1 for a date that is not one
 * or from after to. */
int alerts_period_from_query(struct req *r, int64_t now, int *from, int *to);

/* "2026-11-01" for a YYYYMMDD, in r's arena. */
const char *alerts_day(struct req *r, int ymd);

/* A 协查 request as JSON, with its answer (api-control.c): for the
 * requests of a person, of an area and of an alert alike. */
json_t *api_assist_json(const struct assist_request *q);

#endif
