/* indicator.c - the indicator catalogue, and counting it for an area: per township, three periods, one query per count and period. */
#include "domain/indicator.h"

#include <stdlib.h>
#include <string.h>

#include "domain/control.h"
#include "domain/feed.h"
#include "domain/kept.h"
#include "domain/measure.h"
#include "domain/person.h"
#include "domain/rate.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/*
 * The catalogue. To add an indicator:
 *   1. a count: give the store a count (enum store_count in store.h and
 *      its three queries in src/store/sqlite-indicator.c: per township,
 *      counted, listed), or name the counts it sums (plus, minus);
 *      a rate: name its numerator and denominator, both counts here;
 *   2. write its entry below, in the section it belongs to, with the rule
 *      in `definition` and the columns its list shows;
 *   3. write the rule in docs/indicators.md, in Chinese and English;
 *   4. test it in tests/http/indicators.test.js against records the test
 *      made itself, its list's length against its figure;
 *   5. give its new messages their English in po/en.po.
 * Indicators of other modules (drug cases) name their module: reading
 * their records takes read access to it.
 */
#define DAY(f, label) { f, FMT_DAY, label }
#define TIME(f, label) { f, FMT_TIME, label }
#define TEXT(label) { IF_DETAIL, FMT_TEXT, label }
#define CODE(label) { IF_DETAIL, FMT_CODE, label }
#define NUMBER(label) { IF_NUMBER, FMT_COUNT, label }

#define S_PERSONS N_("吸毒人员")
#define S_MEASURES N_("戒毒措施")
#define S_TESTS N_("检测")
#define S_HELP N_("帮扶救助")
#define S_ALERTS N_("动态管控预警")

#define COUNT_AT_END(key, name, unit, section, sc) \
	key, name, unit, section, IND_COUNT, IND_AT_END, sc
#define COUNT_DURING(key, name, unit, section, sc) \
	key, name, unit, section, IND_COUNT, IND_DURING, sc
#define RATE(key, name, section, time, num, den)                                          \
	key, name, "%", section, IND_RATE, time, SC_COUNT, { NULL, NULL }, NULL, num, den, \
		MOD_PERSON, LINK_PERSON, NULL, { { 0, 0, NULL } }, CODES_NONE

/* The list of a measure count: decided, reported, its status now. */
#define MEASURE_LIST                                                                       \
	MOD_PERSON, LINK_PERSON, N_("执行地"),                                             \
	{ DAY(IF_DATE1, N_("决定日期")), DAY(IF_DATE2, N_("报到（开始执行）日期")),        \
	  CODE(N_("措施状态（现在）")) }, CODES_MEASURE_STATUS
#define EXECUTING_LIST                                                                     \
	MOD_PERSON, LINK_PERSON, N_("执行地"),                                             \
	{ DAY(IF_DATE1, N_("报到日期")), DAY(IF_DATE2, N_("决定日期")),                    \
	  CODE(N_("措施状态（现在）")) }, CODES_MEASURE_STATUS
#define REPORT_LIST                                                                        \
	MOD_PERSON, LINK_PERSON, N_("执行地"),                                             \
	{ DAY(IF_DATE1, N_("报到期限")), DAY(IF_DATE2, N_("报到日期")),                    \
	  CODE(N_("措施状态（现在）")) }, CODES_MEASURE_STATUS
#define TEST_LIST                                                                          \
	MOD_PERSON, LINK_PERSON, N_("执行地"),                                             \
	{ { IF_NUMBER, FMT_DAY, N_("周期开始") }, DAY(IF_DATE1, N_("应检测日期")),         \
	  DAY(IF_DATE2, N_("检测日期")), CODE(N_("措施")) }, CODES_MEASURE_KIND
#define ALERT_LIST(label2)                                                                 \
	MOD_PERSON, LINK_ALERT, N_("所属辖区"),                                            \
	{ TIME(IF_DATE1, N_("生成时间")), TIME(IF_DATE2, label2), CODE(N_("状态（现在）")) }, \
	CODES_ALERT_STATUS
#define PERSON_LIST(codes, label)                                                          \
	MOD_PERSON, LINK_PERSON, N_("管控责任地"),                                         \
	{ DAY(IF_DATE1, N_("初次发现日期")), DAY(IF_DATE2, N_("撤档日期")), CODE(label) }, codes

const struct indicator indicators[] = {
	/* ---- 吸毒人员: by the file's area ---- */
	{ COUNT_AT_END("registered", N_("在册吸毒人员"), N_("人"), S_PERSONS, SC_REGISTERED),
	  { NULL, NULL }, NULL, NULL, NULL, PERSON_LIST(CODES_CONTROL_STATUS, N_("管控状态（现在）")),
	  N_("期末在册的吸毒人员：档案标为在册（非隐性），初次发现日期不晚于期末，期末尚未撤档。") },
	{ COUNT_DURING("new_found", N_("新发现吸毒人员"), N_("人"), S_PERSONS, SC_NEW_FOUND),
	  { NULL, NULL }, NULL, NULL, NULL, PERSON_LIST(CODES_ADDICTION, N_("成瘾认定")),
	  N_("在册人员中初次发现日期在本期内的，此后是否撤档不论。") },
	{ COUNT_AT_END("in_control", N_("在控人员"), N_("人"), S_PERSONS, SC_IN_CONTROL),
	  { "registered", NULL }, "lost", NULL, NULL,
	  PERSON_LIST(CODES_CONTROL_STATUS, N_("管控状态（现在）")),
	  N_("期末在册人员中期末没有未解除的脱管失控标记的，即在册吸毒人员减脱管失控人员。") },
	{ COUNT_AT_END("lost", N_("脱管失控人员"), N_("人"), S_PERSONS, SC_LOST),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { DAY(IF_DATE1, N_("失控日期")), TEXT(N_("原因")) }, CODES_NONE,
	  N_("期末在册人员中，期末有脱管失控标记未解除的（标记日期不晚于期末，期末尚未解除），"
	     "每人计一次。") },
	{ RATE("in_control_rate", N_("在控率"), S_PERSONS, IND_AT_END, "in_control", "registered"),
	  N_("在控人员除以在册吸毒人员。") },
	{ COUNT_AT_END("clean3y", N_("戒断三年未复吸人员"), N_("人"), S_PERSONS, SC_CLEAN3Y),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { DAY(IF_DATE1, N_("戒断起算日")), DAY(IF_DATE2, N_("戒断期满日")),
	    CODE(N_("管控状态（现在）")) }, CODES_CONTROL_STATUS,
	  N_("期末在册人员中，戒断期满日（戒断起算日加政策规定的年数，默认三年）不晚于期末的。"
	     "戒断起算日按现有记录计算：期末之后复吸或重新决定措施的人员，"
	     "起算日已重新计算，不计入此前各期。") },
	{ COUNT_DURING("relapses", N_("复吸"), N_("人次"), S_PERSONS, SC_RELAPSES),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { DAY(IF_DATE1, N_("复吸日期")), TEXT(N_("情况")), DAY(IF_DATE2, N_("处理日期")) },
	  CODES_NONE,
	  N_("本期内登记的复吸（检测阳性时记录），按人次计，不论档案是否在册。") },

	/* ---- 戒毒措施: by the place of execution ---- */
	{ COUNT_AT_END("measure_community", N_("社区戒毒人员"), N_("人"), S_MEASURES,
		       SC_MEASURE_COMMUNITY),
	  { NULL, NULL }, NULL, NULL, NULL, MEASURE_LIST,
	  N_("期末未结束的社区戒毒决定：决定日期不晚于期末，期末尚未结束（含待报到、中止执行）。"
	     "按执行地统计。") },
	{ COUNT_AT_END("community_executing", N_("社区戒毒执行中"), N_("人"), S_MEASURES,
		       SC_COMMUNITY_EXECUTING),
	  { NULL, NULL }, NULL, NULL, NULL, EXECUTING_LIST,
	  N_("其中期末已报到（开始执行）、尚未结束的（含中止执行）。") },
	{ RATE("community_execution_rate", N_("社区戒毒执行率"), S_MEASURES, IND_AT_END,
	       "community_executing", "measure_community"),
	  N_("社区戒毒执行中除以社区戒毒人员：已决定的社区戒毒中实际报到执行的比例。") },
	{ COUNT_DURING("community_report_due", N_("社区戒毒应报到"), N_("人"), S_MEASURES,
		       SC_COMMUNITY_REPORT_DUE),
	  { NULL, NULL }, NULL, NULL, NULL, REPORT_LIST,
	  N_("报到期限在本期内的社区戒毒决定；未报到而在期限届满前已结束的不计（与工作清单的报到事项相同）。") },
	{ COUNT_DURING("community_reported", N_("社区戒毒按期报到"), N_("人"), S_MEASURES,
		       SC_COMMUNITY_REPORTED),
	  { NULL, NULL }, NULL, NULL, NULL, REPORT_LIST,
	  N_("其中在报到期限内（含期限当日）报到的。") },
	{ RATE("community_report_rate", N_("社区戒毒报到率"), S_MEASURES, IND_DURING,
	       "community_reported", "community_report_due"),
	  N_("社区戒毒按期报到除以社区戒毒应报到。") },
	{ COUNT_AT_END("measure_rehab", N_("社区康复人员"), N_("人"), S_MEASURES, SC_MEASURE_REHAB),
	  { NULL, NULL }, NULL, NULL, NULL, MEASURE_LIST,
	  N_("期末未结束的社区康复决定：决定日期不晚于期末，期末尚未结束（含待报到、中止执行）。"
	     "按执行地统计。") },
	{ COUNT_AT_END("rehab_executing", N_("社区康复执行中"), N_("人"), S_MEASURES,
		       SC_REHAB_EXECUTING),
	  { NULL, NULL }, NULL, NULL, NULL, EXECUTING_LIST,
	  N_("其中期末已报到（开始执行）、尚未结束的（含中止执行）。") },
	{ RATE("rehab_execution_rate", N_("社区康复执行率"), S_MEASURES, IND_AT_END,
	       "rehab_executing", "measure_rehab"),
	  N_("社区康复执行中除以社区康复人员。") },
	{ COUNT_DURING("rehab_report_due", N_("社区康复应报到"), N_("人"), S_MEASURES,
		       SC_REHAB_REPORT_DUE),
	  { NULL, NULL }, NULL, NULL, NULL, REPORT_LIST,
	  N_("报到期限在本期内的社区康复决定；未报到而在期限届满前已结束的不计。") },
	{ COUNT_DURING("rehab_reported", N_("社区康复按期报到"), N_("人"), S_MEASURES,
		       SC_REHAB_REPORTED),
	  { NULL, NULL }, NULL, NULL, NULL, REPORT_LIST,
	  N_("其中在报到期限内（含期限当日）报到的。") },
	{ RATE("rehab_report_rate", N_("社区康复报到率"), S_MEASURES, IND_DURING, "rehab_reported",
	       "rehab_report_due"),
	  N_("社区康复按期报到除以社区康复应报到。") },
	{ COUNT_AT_END("measure_compulsory", N_("强制隔离戒毒人员"), N_("人"), S_MEASURES,
		       SC_MEASURE_COMPULSORY),
	  { NULL, NULL }, NULL, NULL, NULL, MEASURE_LIST,
	  N_("期末未结束的强制隔离戒毒决定（决定日期不晚于期末，期末尚未解除）。按执行地统计。") },
	{ COUNT_AT_END("measure_voluntary", N_("自愿戒毒人员"), N_("人"), S_MEASURES,
		       SC_MEASURE_VOLUNTARY),
	  { NULL, NULL }, NULL, NULL, NULL, MEASURE_LIST,
	  N_("期末未结束的自愿戒毒（决定日期不晚于期末，期末尚未结束）。按执行地统计。") },
	{ COUNT_AT_END("measure_facility", N_("戒毒康复场所人员"), N_("人"), S_MEASURES,
		       SC_MEASURE_FACILITY),
	  { NULL, NULL }, NULL, NULL, NULL, MEASURE_LIST,
	  N_("期末仍在戒毒康复场所的（决定日期不晚于期末，期末尚未结束）。按执行地统计。") },

	/* ---- 检测: the test periods of measures, by the place of execution ---- */
	{ COUNT_DURING("tests_due", N_("应检测"), N_("次"), S_TESTS, SC_TESTS_DUE),
	  { NULL, NULL }, NULL, NULL, NULL, TEST_LIST,
	  N_("各项措施按检测周期（措施种类、执行年度、风险等级和政策规定，同工作清单）"
	     "应完成日期在本期内的检测次数；本期尚未结束的，只计至今已开始的周期。") },
	{ COUNT_DURING("tests_done", N_("按期检测"), N_("次"), S_TESTS, SC_TESTS_DONE),
	  { NULL, NULL }, NULL, NULL, NULL, TEST_LIST,
	  N_("其中周期内有检测记录（阴性或阳性；拒绝、逃避检测不算）的。") },
	{ RATE("tests_rate", N_("按期检测率"), S_TESTS, IND_DURING, "tests_done", "tests_due"),
	  N_("按期检测除以应检测。") },

	/* ---- 帮扶救助 ---- */
	{ COUNT_AT_END("cr_executing", N_("社戒社康执行中"), N_("人"), S_HELP, SC_CR_EXECUTING),
	  { "community_executing", "rehab_executing" }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON,
	  N_("执行地"),
	  { DAY(IF_DATE1, N_("报到日期")), DAY(IF_DATE2, N_("决定日期")), CODE(N_("措施")) },
	  CODES_MEASURE_KIND,
	  N_("期末社区戒毒、社区康复已报到、尚未结束的，即两项执行中之和。按执行地统计。") },
	{ COUNT_AT_END("employed", N_("其中就业安置"), N_("人"), S_HELP, SC_EMPLOYED),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("执行地"),
	  { DAY(IF_DATE1, N_("就业安置开始日期")), DAY(IF_DATE2, N_("报到日期")), CODE(N_("措施")) },
	  CODES_MEASURE_KIND,
	  N_("社戒社康执行中的人员中，期末有就业安置记录的（开始日期不晚于期末，"
	     "结束日期不早于期末或尚未结束）。") },
	{ RATE("employment_rate", N_("就业安置率"), S_HELP, IND_AT_END, "employed", "cr_executing"),
	  N_("其中就业安置除以社戒社康执行中。") },
	{ COUNT_DURING("employment_new", N_("新增就业安置"), N_("件"), S_HELP, SC_EMPLOYMENT_NEW),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { DAY(IF_DATE1, N_("开始日期")), DAY(IF_DATE2, N_("结束日期")), TEXT(N_("安置单位")) },
	  CODES_NONE, N_("开始日期在本期内的就业安置记录，按件计。按人员管控责任地统计。") },
	{ COUNT_DURING("help_new", N_("新增帮扶救助"), N_("件"), S_HELP, SC_HELP_NEW),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { DAY(IF_DATE1, N_("开始日期")), DAY(IF_DATE2, N_("结束日期")), CODE(N_("帮扶类别")) },
	  CODES_HELP_KIND,
	  N_("开始日期在本期内的技能培训、心理辅导、医疗救助和生活救助记录，按件计。") },
	{ COUNT_DURING("methadone", N_("美沙酮维持治疗人员"), N_("人"), S_HELP, SC_METHADONE),
	  { NULL, NULL }, NULL, NULL, NULL, MOD_PERSON, LINK_PERSON, N_("管控责任地"),
	  { NUMBER(N_("本期服药月数")), TEXT(N_("门诊")) }, CODES_NONE,
	  N_("本期各月中至少有一个月服药记录的人员。") },

	/* ---- 动态管控预警: by the alert's area, in China time ---- */
	{ COUNT_DURING("alerts", N_("预警"), N_("件"), S_ALERTS, SC_ALERTS),
	  { NULL, NULL }, NULL, NULL, NULL, ALERT_LIST(N_("签收时间")),
	  N_("本期内（北京时间）生成的动态管控预警，按预警所属辖区统计。") },
	{ COUNT_DURING("alerts_signed", N_("按时签收"), N_("件"), S_ALERTS, SC_ALERTS_SIGNED),
	  { NULL, NULL }, NULL, NULL, NULL, ALERT_LIST(N_("签收时间")),
	  N_("其中在签收期限内签收的（与预警统计相同）。") },
	{ RATE("alerts_signed_rate", N_("按时签收率"), S_ALERTS, IND_DURING, "alerts_signed",
	       "alerts"),
	  N_("按时签收除以预警数。") },
	{ COUNT_DURING("alerts_answered", N_("按时反馈"), N_("件"), S_ALERTS, SC_ALERTS_ANSWERED),
	  { NULL, NULL }, NULL, NULL, NULL, ALERT_LIST(N_("反馈时间")),
	  N_("其中在反馈期限内反馈的（与预警统计相同）。") },
	{ RATE("alerts_answered_rate", N_("按时反馈率"), S_ALERTS, IND_DURING, "alerts_answered",
	       "alerts"),
	  N_("按时反馈除以预警数。") },
};
const int nindicators = (int)(sizeof(indicators) / sizeof(indicators[0]));

int indicator_index(const char *key)
{
	int i;
	for (i = 0; key && i < nindicators; i++)
		if (!strcmp(indicators[i].key, key))
			return i;
	return -1;
}

const struct indicator *indicator_find(const char *key)
{
	int i = indicator_index(key);
	return i < 0 ? NULL : &indicators[i];
}

const struct choice *indicator_codes(const struct indicator *ind)
{
	switch (ind->codes) {
	case CODES_CONTROL_STATUS:
		return person_control_statuses;
	case CODES_ADDICTION:
		return person_addiction_levels;
	case CODES_MEASURE_STATUS:
		return measure_statuses;
	case CODES_MEASURE_KIND:
		return measure_kinds;
	case CODES_HELP_KIND:
		return control_assistance_kinds;
	case CODES_ALERT_STATUS:
		return alert_statuses;
	default:
		return NULL;
	}
}

void indicator_bounds(const struct period *p, struct count_period *out)
{
	out->from = period_first_day(p);
	out->to = period_last_day(p);
	period_day_bounds(out->from, out->to, &out->start, &out->end);
}

/* ---- counting ---- */

static size_t value_slot(const struct indicator_table *t, int i, int town, int k)
{
	return ((size_t)i * (size_t)(t->ntowns + 1) + (size_t)town) * INDICATOR_PERIODS + (size_t)k;
}

const struct indicator_value *indicator_value(const struct indicator_table *t, int i, int town,
					      int k)
{
	return &t->values[value_slot(t, i, town, k)];
}

static struct indicator_value *value_at(struct indicator_table *t, int i, int town, int k)
{
	return &t->values[value_slot(t, i, town, k)];
}

/* What one grouped query gave: its rows by township key. */
struct result {
	struct town_count *rows;
	int n;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct town *)a)->key, ((const struct town *)b)->key);
}

static int town_index(const struct indicator_table *t, const char *key)
{
	struct town probe = { key, NULL }, *hit;
	hit = bsearch(&probe, t->towns, (size_t)t->ntowns, sizeof(probe), by_key);
	return hit ? (int)(hit - t->towns) : -1;
}

/* A figure under a key no township of the area has (a division missing
 * from the table of divisions) gets a row of its own, so that the
 * townships add up to the area. */
static void add_unknown_towns(struct indicator_table *t, const struct result *res, int nres,
			      struct arena *a)
{
	struct town *extra = NULL, *all;
	size_t nextra = 0, alloc = 0, i;
	int r, j;

	for (r = 0; r < nres; r++)
		for (j = 0; j < res[r].n; j++) {
			const char *key = res[r].rows[j].key;
			struct town *x;
			if (town_index(t, key) >= 0)
				continue;
			for (i = 0; i < nextra && strcmp(extra[i].key, key); i++)
				;
			if (i < nextra)
				continue;
			x = ARENA_PUSH(a, extra, nextra, alloc);
			x->key = key;
			x->label = key;
		}
	if (!nextra)
		return;
	all = arena_alloc(a, sizeof(*all) * ((size_t)t->ntowns + nextra));
	memcpy(all, t->towns, sizeof(*all) * (size_t)t->ntowns);
	memcpy(all + t->ntowns, extra, sizeof(*all) * nextra);
	t->ntowns += (int)nextra;
	t->towns = all;
	qsort(t->towns, (size_t)t->ntowns, sizeof(*t->towns), by_key);
}

static int64_t term(const struct indicator_table *t, const char *key, int town, int k)
{
	int i = key ? indicator_index(key) : -1;
	return i < 0 ? 0 : indicator_value(t, i, town, k)->n;
}

/* Sums and rates, from the counts the store gave: sums first, since a
 * rate may divide by one. */
static void derive(struct indicator_table *t)
{
	int i, town, k, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nindicators; i++) {
			const struct indicator *ind = &indicators[i];
			int sum = ind->kind == IND_COUNT && ind->plus[0];
			if ((pass == 0 && !sum) || (pass == 1 && ind->kind != IND_RATE))
				continue;
			for (town = 0; town <= t->ntowns; town++)
				for (k = 0; k < INDICATOR_PERIODS; k++) {
					struct indicator_value *v = value_at(t, i, town, k);
					if (sum) {
						v->n = term(t, ind->plus[0], town, k) +
						       term(t, ind->plus[1], town, k) -
						       term(t, ind->minus, town, k);
					} else {
						v->n = term(t, ind->num, town, k);
						v->d = term(t, ind->den, town, k);
						v->tenths = rate_tenths(v->n, v->d);
					}
				}
		}
}

static int prepare(struct db *db, const char *prefix, int today, struct buf *err)
{
	struct policy pol;
	if (control_policy(db, &pol, err) < 0)
		return -1;
	return kept_prepare(db, prefix, &pol, today, NULL, err);
}

/* The counts the store groups itself, for the three periods. */
static int query_counts(struct db *db, struct indicator_table *t, struct result *res,
			struct arena *a, struct buf *err)
{
	int i, k;
	for (i = 0; i < nindicators; i++) {
		const struct indicator *ind = &indicators[i];
		for (k = 0; k < INDICATOR_PERIODS; k++) {
			struct result *r = &res[i * INDICATOR_PERIODS + k];
			struct count_period cp;
			r->n = 0;
			if (ind->kind != IND_COUNT || ind->plus[0])
				continue;
			indicator_bounds(&t->periods[k], &cp);
			if (store_count_by_town(db, ind->count, t->prefix, &cp, a, &r->rows, &r->n,
						err) < 0)
				return -1;
		}
	}
	return 0;
}

int indicator_table_load(struct db *db, const char *prefix, const struct period *p, int today,
			 struct arena *a, struct indicator_table *out, struct buf *err)
{
	struct result *res;
	int64_t t0 = now_usec();
	int i, j, k, nres = nindicators * INDICATOR_PERIODS;

	memset(out, 0, sizeof(*out));
	out->prefix = prefix;
	out->periods[PERIOD_THIS] = *p;
	out->periods[PERIOD_BEFORE] = period_previous(p);
	out->periods[PERIOD_YEAR_BEFORE] = period_year_before(p);
	res = arena_zalloc(a, sizeof(*res) * (size_t)nres);
	if (prepare(db, prefix, today, err) < 0 ||
	    towns_of_area(db, prefix, a, &out->towns, &out->ntowns, err) < 0 ||
	    query_counts(db, out, res, a, err) < 0)
		return -1;
	add_unknown_towns(out, res, nres, a);
	out->values = arena_zalloc(a, sizeof(*out->values) * (size_t)nindicators *
					      (size_t)(out->ntowns + 1) * INDICATOR_PERIODS);
	for (i = 0; i < nindicators; i++)
		for (k = 0; k < INDICATOR_PERIODS; k++) {
			const struct result *r = &res[i * INDICATOR_PERIODS + k];
			for (j = 0; j < r->n; j++) {
				int town = town_index(out, r->rows[j].key);
				value_at(out, i, town, k)->n += r->rows[j].n;
				value_at(out, i, out->ntowns, k)->n += r->rows[j].n;
			}
		}
	derive(out);
	out->usec = now_usec() - t0;
	return 0;
}

int indicator_records(struct db *db, const struct indicator *ind, const char *prefix,
		      const struct period *p, int today, int offset, int limit, struct arena *a,
		      struct count_record **out, int *n, int64_t *total, struct buf *err)
{
	struct count_period cp;

	if (ind->kind != IND_COUNT) {
		buf_setf(err, "indicator '%s' is a rate: its counts have the records", ind->key);
		return -1;
	}
	if (prepare(db, prefix, today, err) < 0)
		return -1;
	indicator_bounds(p, &cp);
	return store_count_records(db, ind->count, prefix, &cp, offset, limit, a, out, n, total,
				   err);
}
