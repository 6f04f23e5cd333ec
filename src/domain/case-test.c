/* case-test.c - the case pipeline at every edge, and the checks of seizures, suspects, measures, assets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/case.h"

#include <stdio.h>
#include <string.h>

#define TODAY 20261123

static struct policy pol;

static int setup(void **state)
{
	policy_defaults(&pol);
	return 0;
}

/* A case at status st whose steps so far are the pipeline's up to it, one
 * a month from January 2026 (a withdrawn one was withdrawn after 立案). */
struct fixture {
	struct drug_case c;
	struct case_step steps[12];
	int n;
};

static void at(struct fixture *f, enum case_status st)
{
	static const enum case_status path[] = { CS_ACCEPTED, CS_FILED, CS_INVESTIGATING, CS_SOLVED,
						 CS_REFERRED, CS_PROSECUTED, CS_JUDGED };
	int i;

	memset(f, 0, sizeof(*f));
	f->c.id = 1;
	f->c.number = "A3608250000002026010001";
	f->c.accepted_date = 20260105;
	for (i = 0; i < 7; i++) {
		f->steps[f->n].status = case_statuses[path[i]].key;
		f->steps[f->n].date = 20260105 + i * 100;
		f->n++;
		if (path[i] == st)
			break;
		if (st == CS_WITHDRAWN && path[i] == CS_FILED) {
			f->steps[f->n].status = "withdrawn";
			f->steps[f->n].date = 20260301;
			f->n++;
			break;
		}
	}
	f->c.status = f->steps[f->n - 1].status;
	f->c.status_date = f->steps[f->n - 1].date;
}

static int step(struct fixture *f, enum case_status to, int date, int suspects, struct buf *err)
{
	buf_reset(err);
	return case_step_check(&f->c, f->steps, f->n, suspects, to, date, TODAY, err);
}

/* Every pair (from, to): allowed exactly where the law allows. */
static void test_transitions(void **state)
{
	/* rows: from; columns: to, in enum order */
	static const int allowed[CS_COUNT][CS_COUNT] = {
		/*                 acc fil inv sol ref pro jud wdr */
		[CS_ACCEPTED] =    { 0,  1,  0,  0,  0,  0,  0,  1 },
		[CS_FILED] =       { 0,  0,  1,  1,  0,  0,  0,  1 },
		[CS_INVESTIGATING] = { 0, 0, 0,  1,  0,  0,  0,  1 },
		[CS_SOLVED] =      { 0,  0,  0,  0,  1,  0,  0,  1 },
		[CS_REFERRED] =    { 0,  0,  1,  0,  0,  1,  0,  0 },
		[CS_PROSECUTED] =  { 0,  0,  0,  0,  0,  0,  1,  0 },
		[CS_JUDGED] =      { 0,  0,  0,  0,  0,  0,  0,  0 },
		[CS_WITHDRAWN] =   { 0,  0,  0,  0,  0,  0,  0,  0 },
	};
	struct buf err = BUF_INIT;
	struct fixture f;
	int from, to;

	for (from = 0; from < CS_COUNT; from++) {
		for (to = 0; to < CS_COUNT; to++) {
			int rc;
			at(&f, (enum case_status)from);
			assert_string_equal(f.c.status, case_statuses[from].key);
			rc = step(&f, (enum case_status)to, 20261001, 1, &err);
			if ((rc == 0) != allowed[from][to])
				fail_msg("%s -> %s: %s (%s)", case_statuses[from].key,
					 case_statuses[to].key, rc ? "refused" : "allowed", err.buf);
			if (rc && !err.len)
				fail_msg("%s -> %s refused without a reason", case_statuses[from].key,
					 case_statuses[to].key);
		}
	}
	buf_release(&err);
}

/* The reasons say what is missing or why not. */
static void test_refusal_reasons(void **state)
{
	static const struct {
		enum case_status from, to;
		int suspects;
		const char *reason;
	} rows[] = {
		{ CS_ACCEPTED, CS_SOLVED, 1, "案件尚未立案，不能破案" },
		{ CS_ACCEPTED, CS_INVESTIGATING, 1, "案件尚未立案，不能侦查" },
		{ CS_FILED, CS_REFERRED, 1, "案件尚未破案，不能移送起诉" },
		{ CS_SOLVED, CS_PROSECUTED, 1, "案件尚未移送起诉，不能起诉" },
		{ CS_REFERRED, CS_JUDGED, 1, "案件尚未起诉，不能判决" },
		{ CS_REFERRED, CS_WITHDRAWN, 1, "不能撤案：移送起诉后由检察机关决定" },
		{ CS_PROSECUTED, CS_WITHDRAWN, 1, "案件已起诉，不能撤案" },
		{ CS_JUDGED, CS_WITHDRAWN, 1, "案件已判决，不能再办理" },
		{ CS_WITHDRAWN, CS_FILED, 1, "案件已撤案，不能再办理" },
		{ CS_SOLVED, CS_INVESTIGATING, 1, "案件已破案，不能退回侦查" },
		{ CS_FILED, CS_FILED, 1, "案件已处于立案阶段" },
		/* no suspect, no 破案 nor 移送起诉 */
		{ CS_INVESTIGATING, CS_SOLVED, 0, "请先录入犯罪嫌疑人" },
		{ CS_FILED, CS_SOLVED, 0, "请先录入犯罪嫌疑人" },
		{ CS_SOLVED, CS_REFERRED, 0, "请先录入犯罪嫌疑人" },
	};
	struct buf err = BUF_INIT;
	struct fixture f;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		at(&f, rows[i].from);
		if (step(&f, rows[i].to, 20261001, rows[i].suspects, &err) != -1)
			fail_msg("row %zu allowed", i);
		if (!strstr(err.buf, rows[i].reason))
			fail_msg("row %zu: \"%s\" does not say \"%s\"", i, err.buf, rows[i].reason);
	}
	/* withdrawing needs no suspect */
	at(&f, CS_ACCEPTED);
	assert_int_equal(step(&f, CS_WITHDRAWN, 20260105, 0, &err), 0);
	buf_release(&err);
}

/* Dates: on the day of the step before is fine, a day earlier is not;
 * today is fine, tomorrow is not. */
static void test_dates(void **state)
{
	struct buf err = BUF_INIT;
	struct fixture f;

	at(&f, CS_INVESTIGATING); /* 侦查 on 2026-03-05 */
	assert_int_equal(f.c.status_date, 20260305);
	assert_int_equal(step(&f, CS_SOLVED, 20260305, 1, &err), 0);
	assert_int_equal(step(&f, CS_SOLVED, 20260304, 1, &err), -1);
	assert_non_null(strstr(err.buf, "早于上一步（侦查 2026-03-05）"));
	assert_int_equal(step(&f, CS_SOLVED, TODAY, 1, &err), 0);
	assert_int_equal(step(&f, CS_SOLVED, 20261124, 1, &err), -1);
	assert_non_null(strstr(err.buf, "晚于今天"));
	assert_int_equal(step(&f, CS_SOLVED, 20260230, 1, &err), -1);
	assert_non_null(strstr(err.buf, "有效的日期"));
	assert_int_equal(step(&f, CS_SOLVED, 0, 1, &err), -1);
	/* a leap day in 2028 is a date, in 2026 it is not */
	assert_int_equal(step(&f, CS_SOLVED, 20260229, 1, &err), -1);
	/* a withdrawal is dated like any step */
	assert_int_equal(step(&f, CS_WITHDRAWN, 20260304, 1, &err), -1);
	assert_int_equal(step(&f, CS_WITHDRAWN, 20260305, 1, &err), 0);
	buf_release(&err);
}

/* 退回补充侦查: twice, not a third time; each return counts once. */
static void test_returns(void **state)
{
	struct buf err = BUF_INIT;
	struct fixture f;
	int k;

	at(&f, CS_REFERRED);
	assert_int_equal(case_returns(f.steps, f.n), 0);
	for (k = 1; k <= 2; k++) {
		assert_int_equal(step(&f, CS_INVESTIGATING, 20260600 + k * 10, 1, &err), 0);
		f.steps[f.n].status = "investigating";
		f.steps[f.n++].date = 20260600 + k * 10;
		f.steps[f.n].status = "solved";
		f.steps[f.n++].date = 20260601 + k * 10;
		f.steps[f.n].status = "referred";
		f.steps[f.n++].date = 20260602 + k * 10;
		f.c.status = "referred";
		assert_int_equal(case_returns(f.steps, f.n), k);
	}
	assert_int_equal(step(&f, CS_INVESTIGATING, 20260701, 1, &err), -1);
	assert_non_null(strstr(err.buf, "退回补充侦查以二次为限"));
	/* prosecution is still open */
	assert_int_equal(step(&f, CS_PROSECUTED, 20260701, 1, &err), 0);
	buf_release(&err);
}

static struct drug_case base_case(void)
{
	struct drug_case c;
	memset(&c, 0, sizeof(c));
	c.number = "A3608250000002026010001";
	c.name = "王某某贩卖毒品案";
	c.type = "trafficking";
	c.source = "report";
	c.status = "filed";
	c.division = "360825100";
	c.accepted_date = 20260105;
	c.occurred_date = 20260104;
	c.officers = "刘建华、王伟";
	c.place = "恩江镇某小区";
	c.description = "";
	return c;
}

static int has_error(const struct field_error *e, int n, const char *field)
{
	int i;
	for (i = 0; i < n && i < CASE_MAX_ERRORS; i++)
		if (!strcmp(e[i].field, field))
			return 1;
	return 0;
}

static void test_case_fields(void **state)
{
	struct field_error e[CASE_MAX_ERRORS];
	struct drug_case c = base_case();
	int n;

	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 0);
	/* a county-level case, a village-level one */
	c.division = "360825";
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 0);
	c.division = "360825100201";
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 0);
	/* outside a township user's area, above the county, malformed */
	assert_int_equal(case_check(&c, 1, &pol, "360825101", TODAY, e), 1);
	assert_true(has_error(e, 1, "division"));
	c.division = "360800";
	assert_int_equal(case_check(&c, 1, &pol, "36", TODAY, e), 1);
	c.division = "36082";
	assert_int_equal(case_check(&c, 1, &pol, "", TODAY, e), 1);
	c = base_case();

	c.type = "bribery";
	c.source = "rumour";
	c.number = "";
	c.name = "";
	n = case_check(&c, 1, &pol, "360825", TODAY, e);
	assert_int_equal(n, 4);
	assert_true(has_error(e, n, "type"));
	assert_true(has_error(e, n, "source"));
	assert_true(has_error(e, n, "number"));
	assert_true(has_error(e, n, "name"));
	c = base_case();
	c.number = "A\n1";
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);

	/* dates: accepted today is fine, tomorrow not; occurred after accepted not */
	c = base_case();
	c.accepted_date = TODAY;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 0);
	c.accepted_date = 20261124;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "accepted_date"));
	/* an edit does not check the accepted date: it is the first step's */
	assert_int_equal(case_check(&c, 0, &pol, "360825", TODAY, e), 0);
	c = base_case();
	c.occurred_date = 20260106;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "occurred_date"));
	c.occurred_date = 0;
	c.accepted_date = 0;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "accepted_date"));
	/* a date that could not be read (-1) is not one */
	c.accepted_date = -1;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "accepted_date"));
	assert_string_equal(e[0].message, "日期格式应为 2024-01-31");
	c.accepted_date = 20260105;
	c.occurred_date = -1;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "occurred_date"));
	c = base_case();
	c.small_packets = 2;
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	assert_true(has_error(e, 1, "flags"));
	/* a type the office added is a type */
	c = base_case();
	c.type = "custom";
	assert_int_equal(case_check(&c, 1, &pol, "360825", TODAY, e), 1);
	{
		struct policy p = pol;
		snprintf(p.case_types[p.ncase_types].key, sizeof(p.case_types[0].key), "custom");
		snprintf(p.case_types[p.ncase_types++].label, sizeof(p.case_types[0].label), "自定");
		assert_int_equal(case_check(&c, 1, &p, "360825", TODAY, e), 0);
		assert_string_equal(case_type_label(&p, "custom"), "自定");
	}
	assert_string_equal(case_type_label(&pol, "trafficking"), "贩卖毒品");
	assert_string_equal(case_type_label(&pol, "gone"), "gone");
}

static void test_seizures(void **state)
{
	struct buf err = BUF_INIT;
	struct drug_case c = base_case();
	struct seizure s;

	memset(&s, 0, sizeof(s));
	s.drug = "meth";
	s.weight_ug = 10000;
	s.purity = -1;
	s.packets = 1;
	s.date = 20260104; /* the day it happened */
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), 0);
	s.date = 20260103;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "缴获日期 2026-01-03 早于 2026-01-04"));
	s.date = TODAY + 1;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	s.date = TODAY;
	s.purity = 1000;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), 0);
	s.purity = 1001;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	s.purity = 0;
	s.drug = "冰毒"; /* a name, not a key: the caller looks it up first */
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	s.drug = "meth";
	s.packets = -1;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	s.packets = 0;
	s.weight_ug = 0;
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	s.weight_ug = 1;
	c.status = "judged";
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "案件已判决"));
	c.status = "withdrawn";
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), -1);
	c.status = "referred";
	assert_int_equal(case_seizure_check(&c, &s, &pol, TODAY, &err), 0);
	buf_release(&err);
}

static void test_destruction(void **state)
{
	struct buf err = BUF_INIT;
	struct destruction d;
	struct seizure s[2];

	memset(&d, 0, sizeof(d));
	memset(s, 0, sizeof(s));
	d.date = 20260626;
	d.place = "永丰县垃圾焚烧发电厂";
	d.witnesses = "县检察院、县禁毒办、群众代表";
	s[0].date = 20260301;
	s[1].date = 20260626;
	assert_int_equal(case_destruction_check(&d, s, 2, TODAY, &err), 0);
	assert_int_equal(case_destruction_check(&d, s, 0, TODAY, &err), -1);
	s[1].date = 20260627; /* seized after the day */
	assert_int_equal(case_destruction_check(&d, s, 2, TODAY, &err), -1);
	s[1].date = 20260626;
	s[1].destruction_id = 9;
	assert_int_equal(case_destruction_check(&d, s, 2, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "已经销毁"));
	s[1].destruction_id = 0;
	d.witnesses = "";
	assert_int_equal(case_destruction_check(&d, s, 2, TODAY, &err), -1);
	d.witnesses = "群众代表";
	d.date = TODAY + 1;
	assert_int_equal(case_destruction_check(&d, s, 2, TODAY, &err), -1);
	buf_release(&err);
}

static struct suspect_measure sm(const char *kind, int date, const char *sentence)
{
	struct suspect_measure m;
	memset(&m, 0, sizeof(m));
	m.kind = kind;
	m.date = date;
	m.sentence = sentence;
	return m;
}

static void test_measures(void **state)
{
	struct buf err = BUF_INIT;
	struct drug_case c = base_case();
	struct suspect_measure have[6] = { { 0 } }, m;
	int n = 0;

	m = sm("detention", 20260105, NULL); /* the day it was accepted */
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), 0);
	have[n++] = m;
	m = sm("detention", 20260106, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "已有刑事拘留记录"));
	m = sm("arrest", 20260104, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	m = sm("arrest", 20260211, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), 0);
	have[n++] = m;
	m = sm("bail", TODAY + 1, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	m = sm("exile", 20260211, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	/* 起诉 waits for the case to be sent to the procuratorate */
	m = sm("prosecution", 20260601, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "尚未移送起诉"));
	c.status = "referred";
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), 0);
	/* 判决 needs the suspect's 起诉, a date not before it, and a sentence */
	m = sm("judgment", 20260901, "有期徒刑七年");
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "请先录入该犯罪嫌疑人的起诉"));
	have[n++] = sm("prosecution", 20260601, NULL);
	m = sm("judgment", 20260531, "有期徒刑七年");
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	m = sm("judgment", 20260601, "");
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "判决结果"));
	m = sm("judgment", 20260601, "有期徒刑七年，并处罚金人民币一万元");
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), 0);
	have[n++] = m;
	/* nothing after the judgment */
	m = sm("bail", 20260701, NULL);
	assert_int_equal(case_measure_check(&c, have, n, &m, TODAY, &err), -1);
	assert_non_null(strstr(err.buf, "已判决"));
	buf_release(&err);
}

static void test_suspects(void **state)
{
	struct buf err = BUF_INIT;
	struct case_suspect s;

	memset(&s, 0, sizeof(s));
	s.role = "principal";
	s.caught_date = 20260104;
	s.caught_division = "440306";
	s.home_division = "360825106";
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), 0);
	s.caught_date = TODAY + 1;
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), -1);
	s.caught_date = 19891231;
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), -1);
	s.caught_date = 0; /* not known */
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), 0);
	s.role = "boss";
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), -1);
	s.role = "accomplice";
	s.caught_division = "4403";
	assert_int_equal(case_suspect_check(&s, 19900101, TODAY, &err), -1);

	/* 外流贩毒: household in the county of the case, caught outside it */
	assert_true(case_outflow("360825100", "360825106", "440306"));
	assert_true(case_outflow("360825", "360825106201", "440306001"));
	assert_false(case_outflow("360825100", "360825106", "360825101"));
	assert_false(case_outflow("360825100", "360824100", "440306"));
	assert_false(case_outflow("360825100", "", "440306"));
	assert_false(case_outflow("360825100", "360825106", ""));
	assert_false(case_outflow("36", "360825106", "440306"));
	buf_release(&err);
}

static void test_assets_and_amounts(void **state)
{
	static const struct {
		const char *text;
		long long fen; /* -1 refused */
		const char *shown;
	} amounts[] = {
		{ "1234.56", 123456, "1,234.56" },
		{ "0.5", 50, "0.50" },
		{ "100", 10000, "100.00" },
		{ "1000000", 100000000, "1,000,000.00" },
		{ " 12 ", 1200, "12.00" },
		{ "12.345", -1, NULL },
		{ "-3", -1, NULL },
		{ "1,000", -1, NULL },
		{ "", -1, NULL },
		{ "12.", -1, NULL },
		{ "99999999999999", -1, NULL },
	};
	struct buf err = BUF_INIT;
	struct drug_case c = base_case();
	struct case_asset as;
	size_t i;
	int t;

	for (i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
		int64_t fen = 7;
		char out[32];
		int rc = case_amount_parse(amounts[i].text, &fen);
		if (amounts[i].fen < 0 ? rc != -1 : rc != 0 || fen != amounts[i].fen)
			fail_msg("'%s': rc %d, %lld", amounts[i].text, rc, (long long)fen);
		if (amounts[i].shown)
			assert_string_equal(case_amount_format(fen, out), amounts[i].shown);
	}
	assert_int_equal(case_purity_parse("35.5", &t), 0);
	assert_int_equal(t, 355);
	assert_int_equal(case_purity_parse("100%", &t), 0);
	assert_int_equal(t, 1000);
	assert_int_equal(case_purity_parse("", &t), 0);
	assert_int_equal(t, -1);
	assert_int_equal(case_purity_parse(NULL, &t), 0);
	assert_int_equal(t, -1);
	assert_int_equal(case_purity_parse("100.1", &t), -1);
	assert_int_equal(case_purity_parse("35.55", &t), -1);
	assert_int_equal(case_purity_parse("abc", &t), -1);

	memset(&as, 0, sizeof(as));
	as.category = "drug_money";
	as.kind = "cash";
	as.amount_fen = 1200000;
	as.date = 20260104;
	assert_int_equal(case_asset_check(&c, &as, TODAY, &err), 0);
	as.date = 20260103;
	assert_int_equal(case_asset_check(&c, &as, TODAY, &err), -1);
	as.date = 20260104;
	as.category = "loot";
	assert_int_equal(case_asset_check(&c, &as, TODAY, &err), -1);
	as.category = "asset";
	as.kind = "vehicle";
	as.amount_fen = 0;
	assert_int_equal(case_asset_check(&c, &as, TODAY, &err), -1);
	as.amount_fen = 8500000;
	assert_int_equal(case_asset_check(&c, &as, TODAY, &err), 0);
	buf_release(&err);
}

static void test_choices(void **state)
{
	assert_int_equal(case_status_from_key("accepted"), CS_ACCEPTED);
	assert_int_equal(case_status_from_key("judged"), CS_JUDGED);
	assert_int_equal(case_status_from_key("withdrawn"), CS_WITHDRAWN);
	assert_int_equal(case_status_from_key("closed"), -1);
	assert_int_equal(case_status_from_key(NULL), -1);
	assert_string_equal(choice_label(case_statuses, "referred"), "移送起诉");
	assert_string_equal(choice_label(case_sources, "checkpoint"), "查缉站/卡点");
	assert_string_equal(choice_label(case_flags, "early"), "检察机关提前介入");
	assert_string_equal(choice_label(case_measure_kinds, "bail"), "取保候审");
	assert_string_equal(choice_label(case_asset_categories, "drug_money"), "毒资");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_refusal_reasons),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_returns),
		cmocka_unit_test(test_case_fields),
		cmocka_unit_test(test_seizures),
		cmocka_unit_test(test_destruction),
		cmocka_unit_test(test_measures),
		cmocka_unit_test(test_suspects),
		cmocka_unit_test(test_assets_and_amounts),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
