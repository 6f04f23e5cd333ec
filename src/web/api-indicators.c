/* api-indicators.c - 指标统计 as JSON: every indicator of the area per township for three periods; the records behind one. */
#include <stdio.h>
#include <string.h>

#include "domain/rate.h"
#include "lib/timeutil.h"
#include "web/handlers.h"
#include "web/indicators.h"
#include "web/server.h"

static json_t *day_json(int64_t ymd)
{
	char s[11];
	if (ymd <= 0)
		return json_null();
	ymd_format((int)ymd, s);
	return json_string(s);
}

static json_t *period_json(const struct period *p)
{
	char key[PERIOD_KEY_LEN], label[PERIOD_LABEL_LEN];
	return json_pack("{s:s,s:s,s:o,s:o}", "key", period_key(p, key), "label",
			 period_label(p, label), "from", day_json(period_first_day(p)), "to",
			 day_json(period_last_day(p)));
}

/* A figure: a count as an integer, a rate as a percentage with one
 * decimal (null when its denominator is 0). */
static json_t *value_json(const struct indicator *ind, const struct indicator_value *v)
{
	if (ind->kind == IND_COUNT)
		return json_integer(v->n);
	return v->tenths < 0 ? json_null() : json_real(v->tenths / 10.0);
}

/* A change: of a count in percent, of a rate in percentage points, one
 * decimal; null when there is none (from 0, or a rate without one). */
static json_t *change_json(const struct indicator *ind, const struct indicator_value *before,
			   const struct indicator_value *now)
{
	int t;
	if (ind->kind == IND_COUNT)
		return change_tenths(before->n, now->n, &t) < 0 ? json_null() : json_real(t / 10.0);
	if (before->tenths < 0 || now->tenths < 0)
		return json_null();
	return json_real((now->tenths - before->tenths) / 10.0);
}

static json_t *figures_json(const struct indicator_table *t, int i, int town)
{
	const struct indicator *ind = &indicators[i];
	const struct indicator_value *now = indicator_value(t, i, town, PERIOD_THIS);
	const struct indicator_value *before = indicator_value(t, i, town, PERIOD_BEFORE);
	const struct indicator_value *year = indicator_value(t, i, town, PERIOD_YEAR_BEFORE);
	json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:o}", "value", value_json(ind, now), "previous",
			      value_json(ind, before), "year_before", value_json(ind, year),
			      "change", change_json(ind, before, now), "change_year_before",
			      change_json(ind, year, now));
	if (ind->kind == IND_RATE)
		json_object_set_new(o, "parts",
				    json_pack("{s:[I,I],s:[I,I],s:[I,I]}", "value", (json_int_t)now->n,
					      (json_int_t)now->d, "previous", (json_int_t)before->n,
					      (json_int_t)before->d, "year_before",
					      (json_int_t)year->n, (json_int_t)year->d));
	return o;
}

static json_t *indicator_json(const struct indicator_table *t, int i)
{
	const struct indicator *ind = &indicators[i];
	json_t *o, *towns = json_array();
	int town;

	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "key", ind->key, "name", _(ind->name),
		      "unit", _(ind->unit), "section", _(ind->section), "kind",
		      ind->kind == IND_COUNT ? "count" : "rate", "counted",
		      ind->time == IND_AT_END ? "at_end" : "during", "definition",
		      _(ind->definition));
	if (ind->kind == IND_RATE) {
		json_object_set_new(o, "numerator", json_string(ind->num));
		json_object_set_new(o, "denominator", json_string(ind->den));
	}
	json_object_set_new(o, "total", figures_json(t, i, t->ntowns));
	for (town = 0; town < t->ntowns; town++) {
		json_t *f = figures_json(t, i, town);
		json_object_set_new(f, "division", json_string(t->towns[town].key));
		json_array_append_new(towns, f);
	}
	json_object_set_new(o, "divisions", towns);
	return o;
}

/* GET /api/v1/indicators?period=&division= */
int api_indicators(struct req *r, struct resp *w)
{
	struct buf err = BUF_INIT;
	struct indicator_query q;
	struct indicator_table t;
	json_t *towns, *list;
	int rc, i;

	if ((rc = indicators_query(r, w, &q)))
		return rc;
	if (indicator_table_load(req_db(r), q.prefix, &q.period, ymd_today(), &r->arena, &t,
				 &err) < 0) {
		fprintf(stderr, "jindu: api indicators: %s\n", err.buf);
		buf_release(&err);
		return resp_error(w, 500, "internal", N_("系统错误，请稍后重试"), NULL);
	}
	buf_release(&err);
	towns = json_array();
	for (i = 0; i < t.ntowns; i++)
		json_array_append_new(towns, json_pack("{s:s,s:s}", "division", t.towns[i].key,
						       "name", t.towns[i].label));
	list = json_array();
	for (i = 0; i < nindicators; i++)
		json_array_append_new(list, indicator_json(&t, i));
	return resp_json(w, 200,
			 json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:f}", "area",
				   q.division ? q.division : r->user.division, "area_name", q.area_name,
				   "period", period_json(&t.periods[PERIOD_THIS]), "previous",
				   period_json(&t.periods[PERIOD_BEFORE]), "year_before",
				   period_json(&t.periods[PERIOD_YEAR_BEFORE]), "divisions", towns,
				   "indicators", list, "elapsed_ms", (double)t.usec / 1000.0));
}

static json_t *field_json(const struct indicator_column *col, const struct count_record *rec)
{
	int64_t v = col->field == IF_DATE1 ? rec->date1 : col->field == IF_DATE2 ? rec->date2
		    : rec->number;
	switch (col->format) {
	case FMT_DAY:
		return day_json(v);
	case FMT_TIME:
	case FMT_COUNT:
		return json_integer(v);
	default:
		return json_string(rec->detail);
	}
}

static const char *const field_names[] = { "", "date1", "date2", "detail", "number" };
static const char *const format_names[] = { "day", "time", "text", "code", "count" };

/* GET /api/v1/indicators/{key}/records?period=&division=&offset=&limit= */
int api_indicator_records(struct req *r, struct resp *w)
{
	const struct indicator *ind;
	struct indicator_query q;
	struct count_record *rows;
	int offset = (int)req_int(r, "offset", 0, 0, 100000000);
	int limit = (int)req_int(r, "limit", 50, 1, 500), n, i, c, rc;
	int64_t total;
	json_t *items, *cols;

	rc = indicators_records(r, w, &ind, &q, offset, limit, &rows, &n, &total);
	if (rc)
		return rc;
	cols = json_array();
	for (c = 0; c < INDICATOR_COLUMNS && ind->columns[c].field != IF_NONE; c++)
		json_array_append_new(cols, json_pack("{s:s,s:s,s:s}", "field",
						      field_names[ind->columns[c].field], "format",
						      format_names[ind->columns[c].format], "label",
						      _(ind->columns[c].label)));
	items = json_array();
	for (i = 0; i < n; i++) {
		const struct count_record *rec = &rows[i];
		json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)rec->id,
				      "person_id", (json_int_t)rec->person_id, "name", rec->name,
				      "id_masked", rec->id_masked, "division", rec->division,
				      "division_name", rec->division_name);
		for (c = 0; c < INDICATOR_COLUMNS && ind->columns[c].field != IF_NONE; c++)
			json_object_set_new(o, field_names[ind->columns[c].field],
					    field_json(&ind->columns[c], rec));
		json_array_append_new(items, o);
	}
	return resp_json(w, 200,
			 json_pack("{s:s,s:o,s:s,s:I,s:o,s:o}", "indicator", ind->key, "period",
				   period_json(&q.period), "area",
				   q.division ? q.division : r->user.division, "total",
				   (json_int_t)total, "columns", cols, "items", items));
}
