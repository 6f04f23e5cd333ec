/* control.c - person control operations: each checks scope, applies the rules, writes, audits. */
#include "domain/control.h"
#include "domain/control-internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/kept.h"
#include "domain/person.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

const struct actor control_system_actor = { 0, "system", "", ROLE_NONE, "" };

/* How jindu resolves its own 脱管失控 flag when later records clear it. */
static const char auto_withdrawn[] = "补录记录后已不符合脱管失控条件";

int control_policy(struct db *db, struct policy *p, struct buf *err)
{
	struct arena a = ARENA_INIT;
	const char *json;
	int version, rc;

	rc = store_policy_latest(db, &a, &version, &json, err);
	if (rc == STORE_NOTFOUND) {
		policy_defaults(p);
		rc = 0;
	} else if (rc == 0) {
		rc = policy_from_json(json, p, err);
		p->version = version;
	}
	arena_release(&a);
	return rc;
}

int control_policy_save(struct db *db, const struct actor *who, const char *json, const char *note,
			int *version, struct buf *err)
{
	struct policy p, before;
	char *canonical;
	char vbuf[16];
	int rc;

	if (policy_from_json(json, &p, err) < 0)
		return CONTROL_REFUSED;
	canonical = policy_to_json(&p);
	if (db_begin(db, err) < 0) {
		free(canonical);
		return -1;
	}
	rc = control_policy(db, &before, err);
	if (rc == 0)
		rc = store_policy_add(db, canonical, note, who->user_id, version, err);
	/* The days the clean periods are complete follow clean_years: they
	 * are computed again (indicator_prepare), as the test periods are
	 * (the policy's trigger marks them). */
	if (rc == 0 && before.clean_years != p.clean_years)
		rc = store_clean_done_reset(db, err);
	if (rc == 0) {
		snprintf(vbuf, sizeof(vbuf), "%d", *version);
		rc = audit_log(db, who, "update", "policy", vbuf, who->prefix, note ? note : "", NULL,
			       err);
	}
	free(canonical);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Loads the person and checks the actor's area. *outside is set when the
 * person exists but lies outside it. */
static int load_person(struct db *db, const struct actor *who, int64_t id, struct arena *a,
		       struct person *p, int *outside, struct buf *err)
{
	int rc = store_person_get(db, id, a, p, err);
	*outside = 0;
	if (rc != 0)
		return rc;
	if (division_in(p->division, who->prefix))
		return 0;
	*outside = 1;
	return STORE_NOTFOUND;
}

static const char *idstr(struct arena *a, int64_t id)
{
	return arena_printf(a, "%" PRId64, id);
}

/* The newest measure that has not ended, or NULL. */
static const struct measure *current_measure(const struct measure *ms, int n)
{
	int i;
	for (i = 0; i < n; i++) /* newest first */
		if (strcmp(ms[i].status, "ended"))
			return &ms[i];
	return NULL;
}

static int activities_of(struct arena *a, const struct drug_test *t, int nt,
			 const struct contact *c, int nc, struct activity **out, int *last_seen)
{
	struct activity *acts = arena_alloc(a, sizeof(*acts) * (size_t)(nt + nc + 1));
	int i, n = 0;
	*last_seen = 0;
	for (i = 0; i < nt; i++)
		if (obligation_activity_from_test(&t[i], &acts[n])) {
			if (acts[n].date > *last_seen)
				*last_seen = acts[n].date;
			n++;
		}
	for (i = 0; i < nc; i++)
		if (obligation_activity_from_contact(&c[i], &acts[n])) {
			if (acts[n].date > *last_seen)
				*last_seen = acts[n].date;
			n++;
		}
	*out = acts;
	return n;
}

static int refresh(struct db *db, const struct actor *who, int64_t person_id,
		   const struct policy *p, int today, struct buf *err);

void control_risk_input(const struct person *pe, const struct control_flag *flags, int nf,
			const struct drug_test *tests, int nt, int today, struct risk_input *in,
			int *last_relapse)
{
	int i;
	memset(in, 0, sizeof(*in));
	in->person = pe;
	in->today = today;
	*last_relapse = 0;
	for (i = 0; i < nf; i++) {
		if (!strcmp(flags[i].kind, "relapse")) {
			in->relapses++;
			if (flags[i].date > *last_relapse)
				*last_relapse = flags[i].date;
		} else if (!strcmp(flags[i].kind, "lost")) {
			/* lost now or before; but jindu's own flag, withdrawn when
			 * later records showed the person was never lost, is not */
			if (!flags[i].resolved_date || flags[i].user_id ||
			    strcmp(flags[i].resolution, auto_withdrawn))
				in->lost_before = 1;
		}
	}
	for (i = 0; i < nt; i++)
		if ((!strcmp(tests[i].result, "refused") || !strcmp(tests[i].result, "evaded")) &&
		    ymd_diff_days(today, tests[i].date) <= 365)
			in->refusals_last_year++;
}

/* What refresh writes (flag reasons, evidence) is a record: always in
 * Chinese, whatever the language of the user whose action triggered it. */
int control_refresh(struct db *db, const struct actor *who, int64_t person_id,
		    const struct policy *p, int today, struct buf *err)
{
	enum lang saved = i18n_current();
	int rc;
	i18n_use(LANG_ZH);
	rc = refresh(db, who, person_id, p, today, err);
	i18n_use(saved);
	return rc;
}

static int refresh(struct db *db, const struct actor *who, int64_t person_id,
		   const struct policy *p, int today, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person pe;
	struct measure *ms;
	struct drug_test *tests;
	struct contact *contacts;
	struct control_flag *flags;
	struct risk_input in;
	struct risk_result rr;
	const struct measure *cur;
	const struct control_flag *open_lost = NULL;
	const char *status;
	char *detail;
	int nm, nt, nc, nf, i, rc = -1, last_relapse = 0, clean_since, clean_done = 0, is_lost,
	    open_violation = 0;

	if (store_person_get(db, person_id, &a, &pe, err) != 0 ||
	    store_measure_list(db, person_id, &a, &ms, &nm, err) < 0 ||
	    store_tests(db, person_id, &a, &tests, &nt, err) < 0 ||
	    store_contacts(db, person_id, &a, &contacts, &nc, err) < 0 ||
	    store_flags(db, person_id, &a, &flags, &nf, err) < 0)
		goto out;

	control_risk_input(&pe, flags, nf, tests, nt, today, &in, &last_relapse);
	for (i = 0; i < nf; i++) {
		if (!flags[i].resolved_date && !strcmp(flags[i].kind, "lost"))
			open_lost = &flags[i];
		else if (!flags[i].resolved_date && !strcmp(flags[i].kind, "violation"))
			open_violation = 1;
	}
	clean_since = measure_clean_since(&pe, ms, nm, last_relapse, p, &clean_done);
	in.clean_since = clean_since;
	risk_assess(&in, p, &rr);
	detail = risk_detail_json(&rr);
	rc = store_person_set_risk(db, person_id, rr.level, rr.score, detail, err);
	free(detail);
	if (rc < 0 || store_person_set_clean(db, person_id, clean_since, clean_done, err) < 0 ||
	    kept_tests_person(db, person_id, ms, nm, tests, nt, rr.level, p, today, err) < 0) {
		rc = -1;
		goto out;
	}
	rc = 0;

	/* The rest is about people under control: through measures, or
	 * flagged lost without one. Others keep the status entered by hand,
	 * except that a lost flag resolved brings them back under control. */
	if (pe.closed_date)
		goto out;
	if (!nm) {
		const char *status_now = open_lost ? "lost"
					 : !strcmp(pe.control_status, "lost") ? "in_control" : NULL;
		if (status_now && strcmp(status_now, pe.control_status))
			rc = store_person_set_control(db, person_id, status_now, err) < 0 ? -1 : 0;
		goto out;
	}
	cur = current_measure(ms, nm);
	is_lost = open_lost != NULL;
	/* 脱管失控 by the policy's rule: jindu raises the flag itself (user 0)
	 * and withdraws its own flag when records entered later show the rule
	 * no longer holds. Flags raised by a person are resolved by a person. */
	if (cur) {
		struct activity *acts;
		struct obligation_summary sum;
		struct buf reason = BUF_INIT;
		int nacts, last_seen, lost;

		nacts = activities_of(&a, tests, nt, contacts, nc, &acts, &last_seen);
		obligation_schedule(cur, p, rr.level, acts, nacts, today, NULL, 0, &sum);
		lost = obligation_lost(cur, &sum, last_seen, p, today, &reason);
		if (lost && !open_lost) {
			struct control_flag f;
			memset(&f, 0, sizeof(f));
			f.person_id = person_id;
			f.kind = "lost";
			f.date = today;
			f.reason = reason.buf;
			rc = store_flag_add(db, &f, err);
			if (rc == 0)
				rc = audit_log(db, &control_system_actor, "create", "control_flag",
					       idstr(&a, f.id), pe.division, reason.buf, NULL, err);
			is_lost = 1;
		} else if (!lost && open_lost && !open_lost->user_id) {
			rc = store_flag_resolve(db, open_lost->id, today, auto_withdrawn, err);
			if (rc == 0)
				rc = audit_log(db, &control_system_actor, "update", "control_flag",
					       idstr(&a, open_lost->id), pe.division, auto_withdrawn,
					       NULL, err);
			is_lost = 0;
		}
		buf_release(&reason);
		if (rc != 0) {
			rc = -1;
			goto out;
		}
		/* 严重违反协议 (条例 Art 20): flagged once, with its evidence. */
		if (!open_violation && (!strcmp(cur->kind, "community") || !strcmp(cur->kind, "rehab"))) {
			struct absence *abs;
			struct buf evidence = BUF_INIT;
			int nabs;
			if (store_absences(db, person_id, &a, &abs, &nabs, err) < 0) {
				rc = -1;
				goto out;
			}
			if (obligation_violation(cur, tests, nt, abs, nabs, p, today, &evidence)) {
				struct control_flag f;
				memset(&f, 0, sizeof(f));
				f.person_id = person_id;
				f.kind = "violation";
				f.date = today;
				f.reason = N_("严重违反社区戒毒（康复）协议，应报告公安机关");
				f.evidence = evidence.buf;
				rc = store_flag_add(db, &f, err);
				if (rc == 0)
					rc = audit_log(db, &control_system_actor, "create", "control_flag",
						       idstr(&a, f.id), pe.division, f.reason, NULL, err);
			}
			buf_release(&evidence);
			if (rc != 0) {
				rc = -1;
				goto out;
			}
		}
	}
	if (is_lost)
		status = "lost";
	else if (cur && !strcmp(cur->status, "suspended"))
		status = "detained";
	else if (cur && !strcmp(cur->kind, "compulsory"))
		status = "compulsory";
	else if (cur)
		status = "in_control";
	else if (!strcmp(ms[0].end_reason, "imprisoned"))
		status = "imprisoned";
	else if (clean_done && clean_done <= today)
		status = "clean3y";
	else
		status = "in_control";
	/* Abroad and dead are facts refresh cannot know: they stay. */
	if (!strcmp(pe.control_status, "abroad") || !strcmp(pe.control_status, "dead"))
		status = pe.control_status;
	if (strcmp(status, pe.control_status))
		rc = store_person_set_control(db, person_id, status, err) < 0 ? -1 : 0;
out:
	arena_release(&a);
	return rc;
}

/* The transaction every operation runs in (control-internal.h). */
int control_op_begin(struct control_op *o, struct db *db, const struct actor *who,
		     int64_t person_id, struct buf *err)
{
	int rc, outside;
	memset(o, 0, sizeof(*o));
	o->db = db;
	o->who = who;
	o->today = ymd_today();
	if (control_policy(db, &o->pol, err) < 0)
		return -1;
	if (db_begin(db, err) < 0)
		return -1;
	rc = load_person(db, who, person_id, &o->a, &o->pe, &outside, err);
	if (rc != 0) {
		db_rollback(db);
		/* A write reaching outside one's area is audited, as reads are. */
		if (outside && audit_log_tx(db, who, "denied", "person", idstr(&o->a, person_id),
					    o->pe.division, "不在本人辖区", NULL, err) < 0)
			rc = -1;
		arena_release(&o->a);
	}
	return rc;
}

int control_op_end(struct control_op *o, int rc, struct buf *err)
{
	if (rc == 0)
		rc = control_refresh(o->db, o->who, o->pe.id, &o->pol, o->today, err);
	if (rc == 0)
		rc = db_commit(o->db, err);
	else
		db_rollback(o->db);
	arena_release(&o->a);
	return rc;
}

static int refuse(struct buf *err, const char *msg)
{
	buf_setf(err, "%s", msg);
	return CONTROL_REFUSED;
}

static int date_ok(int date, int today, int not_before)
{
	return date > 0 && date <= today && date >= not_before;
}

/* Decides m inside o's transaction. */
static int decide_in(struct control_op *o, struct measure *m, int *warning, struct buf *err)
{
	struct measure *others;
	int nothers, rc;
	json_t *ch;

	*warning = 0;
	if (!division_in(m->division, o->who->prefix))
		return refuse(err, _("执行地不在您的辖区内"));
	if (store_measure_list(o->db, m->person_id, &o->a, &others, &nothers, err) < 0)
		return -1;
	rc = measure_check_new(m, &o->pe, others, nothers, &o->pol, o->today, err);
	if (rc < 0)
		return CONTROL_REFUSED;
	*warning = rc == 1;
	rc = store_measure_add(o->db, m, err);
	if (rc == 0) {
		struct measure_event e = { 0, m->id, "decide", m->decision_date, m->decision_no,
					   "", o->who->user_id, 0 };
		rc = store_measure_event_add(o->db, &e, err);
	}
	if (rc == 0) {
		ch = json_pack("{s:[ns],s:[ns],s:[nI]}", "kind", m->kind, "division", m->division,
			       "decision_date", (json_int_t)m->decision_date);
		rc = audit_log(o->db, o->who, "create", "measure", idstr(&o->a, m->id), m->division,
			       o->pe.name, ch, err);
		json_decref(ch);
	}
	return rc;
}

int control_measure_decide(struct db *db, const struct actor *who, struct measure *m,
			   int *warning, struct buf *err)
{
	struct control_op o;
	int rc = control_op_begin(&o, db, who, m->person_id, err);
	if (rc != 0)
		return rc;
	return control_op_end(&o, decide_in(&o, m, warning, err), err);
}

/* Applies c to m (as stored, read inside o's transaction). */
static int change_in(struct control_op *o, struct measure *m, const struct measure_change *c,
		     struct buf *err)
{
	struct measure before = *m;
	json_t *ch;
	int rc;

	if (measure_apply(m, c, &o->pol, o->today, err) < 0)
		return CONTROL_REFUSED;
	rc = store_measure_update(o->db, m, err);
	if (rc == STORE_NOTFOUND)
		return CONTROL_CONFLICT;
	if (rc == 0) {
		struct measure_event e = { 0, m->id, measure_actions[c->action].key, c->date,
					   c->doc_no, c->reason ? c->reason : "", o->who->user_id, 0 };
		rc = store_measure_event_add(o->db, &e, err);
	}
	if (rc == 0) {
		ch = json_object();
		audit_diff_str(ch, "status", before.status, m->status);
		audit_diff_int(ch, "start_date", before.start_date, m->start_date);
		audit_diff_int(ch, "planned_end", before.planned_end, m->planned_end);
		audit_diff_int(ch, "actual_end", before.actual_end, m->actual_end);
		audit_diff_str(ch, "end_reason", before.end_reason, m->end_reason);
		audit_diff_int(ch, "suspended_days", before.suspended_days, m->suspended_days);
		audit_diff_int(ch, "extended_days", before.extended_days, m->extended_days);
		rc = audit_log(o->db, o->who, "update", "measure", idstr(&o->a, m->id), m->division,
			       measure_actions[c->action].label, ch, err);
		json_decref(ch);
	}
	return rc;
}

int control_measure_change(struct db *db, const struct actor *who, int64_t measure_id,
			   int64_t version, const struct measure_change *c, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct measure m;
	struct control_op o;
	int rc;

	rc = store_measure_get(db, measure_id, &a, &m, err);
	if (rc == 0)
		rc = control_op_begin(&o, db, who, m.person_id, err);
	arena_release(&a);
	if (rc != 0)
		return rc;
	/* Read again inside the transaction: the version the user saw must
	 * still be the stored one. */
	rc = store_measure_get(db, measure_id, &o.a, &m, err);
	if (rc == 0 && m.version != version)
		rc = CONTROL_CONFLICT;
	if (rc == 0)
		rc = change_in(&o, &m, c, err);
	return control_op_end(&o, rc, err);
}

int control_relapse_decide(struct db *db, const struct actor *who, int64_t flag_id,
			   struct measure *m, int *warning, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct control_flag f;
	struct measure *ms;
	const struct measure *cur;
	struct control_op o;
	int n, rc = store_flag_get(db, flag_id, &a, &f, err);
	char d[11];

	*warning = 0;
	if (rc == 0)
		rc = control_op_begin(&o, db, who, f.person_id, err);
	if (rc != 0) {
		arena_release(&a);
		return rc;
	}
	if (strcmp(f.kind, "relapse") || f.resolved_date) {
		rc = refuse(err, _("只有未处理的复吸标记可以按建议决定措施"));
		goto done;
	}
	if (!date_ok(m->decision_date, o.today, f.date)) {
		rc = refuse(err, _("决定日期不能早于复吸日期，也不能晚于今天"));
		goto done;
	}
	m->person_id = o.pe.id;
	m->kind = o.pol.relapse_proposal;
	/* The measure running (if any) ends for the relapse on the day of the
	 * decision; the new one follows it. */
	if (store_measure_list(db, o.pe.id, &o.a, &ms, &n, err) < 0) {
		rc = -1;
		goto done;
	}
	cur = current_measure(ms, n);
	if (cur) {
		struct measure run = *cur;
		struct measure_change c;
		memset(&c, 0, sizeof(c));
		c.action = MA_END;
		c.date = m->decision_date;
		c.reason = "relapse";
		c.doc_no = m->decision_no;
		rc = change_in(&o, &run, &c, err);
		if (rc != 0)
			goto done;
		m->previous_id = run.id;
	}
	rc = decide_in(&o, m, warning, err);
	if (rc != 0)
		goto done;
	/* stored as a record: in Chinese (see control_refresh) */
	ymd_format(m->decision_date, d);
	rc = store_flag_resolve(db, flag_id, m->decision_date,
				arena_printf(&o.a, "%s 已决定%s%s%s", d,
					     choice_label(measure_kinds, m->kind),
					     *m->decision_no ? "，" : "", m->decision_no), err);
	if (rc == STORE_NOTFOUND)
		rc = refuse(err, _("该标记已处理"));
	if (rc == 0)
		rc = audit_log(db, who, "update", "control_flag", idstr(&o.a, flag_id), o.pe.division,
			       "按建议决定措施", NULL, err);
done:
	arena_release(&a);
	return control_op_end(&o, rc, err);
}

static const struct choice test_methods[] = {
	{ "urine", N_("尿检") }, { "hair", N_("毛发检测") }, { "saliva", N_("唾液检测") },
	{ "blood", N_("血液检测") }, { NULL, NULL }
};
static const struct choice test_results[] = {
	{ "negative", N_("阴性") }, { "positive", N_("阳性") }, { "refused", N_("拒绝检测") },
	{ "evaded", N_("逃避检测") }, { NULL, NULL }
};
static const struct choice contact_kinds[] = {
	{ "visit", N_("走访") }, { "talk", N_("帮教谈话") }, { "report", N_("定期报告") },
	{ NULL, NULL }
};
static const struct choice contact_outcomes[] = {
	{ "met", N_("见到本人") }, { "not_found", N_("未见到本人") },
	{ "unreachable", N_("无法联系") }, { NULL, NULL }
};
static const struct choice assistance_kinds[] = {
	{ "employment", N_("就业安置") }, { "training", N_("技能培训") },
	{ "counselling", N_("心理咨询") }, { "methadone", N_("美沙酮维持治疗") },
	{ "medical", N_("医疗救助绿色通道") }, { "subsistence", N_("生活救助") }, { NULL, NULL }
};
const struct choice *const control_test_methods = test_methods;
const struct choice *const control_test_results = test_results;
const struct choice *const control_contact_kinds = contact_kinds;
const struct choice *const control_contact_outcomes = contact_outcomes;
const struct choice *const control_assistance_kinds = assistance_kinds;

/* The open measure a new record belongs to (0: none). */
static int64_t open_measure_id(struct control_op *o, struct buf *err)
{
	struct measure *ms;
	const struct measure *cur;
	int n;
	if (store_measure_list(o->db, o->pe.id, &o->a, &ms, &n, err) < 0)
		return -1;
	cur = current_measure(ms, n);
	return cur ? cur->id : 0;
}

int control_test_add(struct db *db, const struct actor *who, struct drug_test *t, int *relapse,
		     struct buf *err)
{
	struct control_op o;
	json_t *ch;
	int rc;

	*relapse = 0;
	rc = control_op_begin(&o, db, who, t->person_id, err);
	if (rc != 0)
		return rc;
	if (!choice_valid(test_methods, t->method) || !choice_valid(test_results, t->result))
		rc = refuse(err, _("检测方式或结果无效"));
	else if (!date_ok(t->date, o.today, o.pe.birth_date))
		rc = refuse(err, _("检测日期无效：不能晚于今天"));
	else if (t->substances && *t->substances &&
		 !choice_valid_set(person_drug_types, t->substances))
		rc = refuse(err, _("检出物质无效"));
	if (rc != 0)
		goto done;
	t->measure_id = open_measure_id(&o, err);
	if (t->measure_id < 0) {
		rc = -1;
		goto done;
	}
	rc = store_test_add(db, t, err);
	if (rc == 0) {
		ch = json_pack("{s:[nI],s:[ns],s:[ns]}", "date", (json_int_t)t->date, "method",
			       t->method, "result", t->result);
		rc = audit_log(db, who, "create", "drug_test", idstr(&o.a, t->id), o.pe.division,
			       o.pe.name, ch, err);
		json_decref(ch);
	}
	if (rc == 0 && !strcmp(t->result, "positive")) {
		/* 复吸: recorded, with the measure the policy proposes next. */
		struct control_flag f;
		char d[11];
		ymd_format(t->date, d);
		memset(&f, 0, sizeof(f));
		f.person_id = t->person_id;
		f.kind = "relapse";
		f.date = t->date;
		/* stored as a record: in Chinese (see control_refresh) */
		f.reason = arena_printf(&o.a, "%s 检测阳性，建议：%s", d,
					choice_label(measure_kinds, o.pol.relapse_proposal));
		f.evidence = arena_printf(&o.a, "drug_test %" PRId64, t->id);
		f.user_id = who->user_id;
		rc = store_flag_add(db, &f, err);
		if (rc == 0)
			rc = audit_log(db, who, "create", "control_flag", idstr(&o.a, f.id),
				       o.pe.division, f.reason, NULL, err);
		*relapse = rc == 0;
	}
done:
	return control_op_end(&o, rc, err);
}

int control_contact_add(struct db *db, const struct actor *who, struct contact *c,
			struct buf *err)
{
	struct control_op o;
	json_t *ch;
	int rc = control_op_begin(&o, db, who, c->person_id, err);
	if (rc != 0)
		return rc;
	if (!choice_valid(contact_kinds, c->kind) || !choice_valid(contact_outcomes, c->outcome))
		rc = refuse(err, _("走访类别或结果无效"));
	else if (!date_ok(c->date, o.today, o.pe.birth_date))
		rc = refuse(err, _("日期无效：不能晚于今天"));
	if (rc != 0)
		goto done;
	c->measure_id = open_measure_id(&o, err);
	if (c->measure_id < 0) {
		rc = -1;
		goto done;
	}
	rc = store_contact_add(db, c, err);
	if (rc == 0) {
		ch = json_pack("{s:[nI],s:[ns],s:[ns]}", "date", (json_int_t)c->date, "kind", c->kind,
			       "outcome", c->outcome);
		rc = audit_log(db, who, "create", "contact", idstr(&o.a, c->id), o.pe.division,
			       o.pe.name, ch, err);
		json_decref(ch);
	}
done:
	return control_op_end(&o, rc, err);
}

int control_absence_add(struct db *db, const struct actor *who, struct absence *ab,
			struct buf *err)
{
	struct control_op o;
	int rc = control_op_begin(&o, db, who, ab->person_id, err);
	if (rc != 0)
		return rc;
	if (!date_ok(ab->start_date, o.today, o.pe.birth_date) ||
	    (ab->end_date && (ab->end_date < ab->start_date || ab->end_date > o.today)))
		rc = refuse(err, _("离开日期或返回日期无效"));
	if (rc != 0)
		goto done;
	ab->measure_id = open_measure_id(&o, err);
	if (ab->measure_id < 0) {
		rc = -1;
		goto done;
	}
	rc = store_absence_add(db, ab, err);
	if (rc == 0)
		rc = audit_log(db, who, "create", "absence", idstr(&o.a, ab->id), o.pe.division,
			       o.pe.name, NULL, err);
done:
	return control_op_end(&o, rc, err);
}

int control_assistance_add(struct db *db, const struct actor *who, struct assistance *as,
			   struct buf *err)
{
	struct control_op o;
	int rc = control_op_begin(&o, db, who, as->person_id, err);
	if (rc != 0)
		return rc;
	if (!choice_valid(assistance_kinds, as->kind))
		rc = refuse(err, _("帮扶类别无效"));
	else if (!date_ok(as->start_date, o.today, o.pe.birth_date) ||
		 (as->end_date && as->end_date < as->start_date))
		rc = refuse(err, _("开始或结束日期无效"));
	if (rc != 0)
		goto done;
	rc = store_assistance_add(db, as, err);
	if (rc == 0)
		rc = audit_log(db, who, "create", "assistance", idstr(&o.a, as->id),
			       o.pe.division, o.pe.name, NULL, err);
done:
	return control_op_end(&o, rc, err);
}

int control_flag_lost(struct db *db, const struct actor *who, int64_t person_id, int date,
		      const char *reason, struct buf *err)
{
	struct control_flag f, *flags;
	struct control_op o;
	int nf, i, rc = control_op_begin(&o, db, who, person_id, err);
	if (rc != 0)
		return rc;
	if (!date_ok(date, o.today, o.pe.birth_date) || !reason || !*reason) {
		rc = refuse(err, _("请填写失控日期和原因"));
		goto done;
	}
	if (store_flags(db, person_id, &o.a, &flags, &nf, err) < 0) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < nf; i++)
		if (!strcmp(flags[i].kind, "lost") && !flags[i].resolved_date) {
			rc = refuse(err, _("该人员已标记为脱管失控"));
			goto done;
		}
	memset(&f, 0, sizeof(f));
	f.person_id = person_id;
	f.kind = "lost";
	f.date = date;
	f.reason = reason;
	f.user_id = who->user_id;
	rc = store_flag_add(db, &f, err);
	if (rc == 0)
		rc = audit_log(db, who, "create", "control_flag", idstr(&o.a, f.id), o.pe.division,
			       reason, NULL, err);
done:
	return control_op_end(&o, rc, err);
}

int control_flag_resolve(struct db *db, const struct actor *who, int64_t flag_id, int date,
			 const char *resolution, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct control_flag f;
	struct control_op o;
	int rc = store_flag_get(db, flag_id, &a, &f, err), was_lost = 0;

	if (rc == 0) {
		was_lost = !strcmp(f.kind, "lost");
		rc = control_op_begin(&o, db, who, f.person_id, err);
	}
	arena_release(&a);
	if (rc != 0)
		return rc;
	if (!date_ok(date, o.today, 0) || !resolution || !*resolution) {
		rc = refuse(err, _("请填写处理日期和结果"));
		goto done;
	}
	rc = store_flag_resolve(db, flag_id, date, resolution, err);
	if (rc == STORE_NOTFOUND)
		rc = refuse(err, _("该标记已处理"));
	/* Finding a lost person is meeting them: recorded as such, so what
	 * falls due runs on from that day instead of flagging them again. */
	if (rc == 0 && was_lost) {
		struct contact c;
		memset(&c, 0, sizeof(c));
		c.person_id = o.pe.id;
		c.kind = "visit";
		c.date = date;
		c.outcome = "met";
		c.note = resolution;
		c.user_id = who->user_id;
		rc = store_contact_add(db, &c, err);
	}
	if (rc == 0)
		rc = audit_log(db, who, "update", "control_flag", idstr(&o.a, flag_id),
			       o.pe.division, resolution, NULL, err);
done:
	return control_op_end(&o, rc, err);
}

int control_assist_request(struct db *db, const struct actor *who, int64_t flag_id,
			   const char *to_division, const char *reason, int64_t *id,
			   struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct control_flag f;
	struct assist_request q, *all;
	struct division to;
	struct control_op o;
	int n, i, rc = store_flag_get(db, flag_id, &a, &f, err);
	json_t *ch;

	if (rc == 0)
		rc = control_op_begin(&o, db, who, f.person_id, err);
	if (rc != 0) {
		arena_release(&a);
		return rc;
	}
	if (strcmp(f.kind, "lost") || f.resolved_date) {
		rc = refuse(err, _("只有未处理的脱管失控标记可以发起协查"));
		goto done;
	}
	if (!to_division || !division_valid(to_division) || division_level(to_division) < 4 ||
	    store_division_get(db, to_division, &o.a, &to, err) != 0) {
		rc = refuse(err, _("请选择协查的乡镇（街道）"));
		goto done;
	}
	if (division_in(to_division, who->prefix)) {
		rc = refuse(err, _("协查对象应是本辖区以外的乡镇（街道）；本辖区内请直接查找"));
		goto done;
	}
	if (!reason || !*reason) {
		rc = refuse(err, _("请写明协查内容：最后出现的地点、联系方式、交通工具等"));
		goto done;
	}
	if (store_assist_of_person(db, f.person_id, &o.a, &all, &n, err) < 0) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < n; i++)
		if (all[i].flag_id == flag_id && !strcmp(all[i].to_division, to_division) &&
		    !strcmp(all[i].status, "requested")) {
			rc = refuse(err, _("已向该乡镇发起协查，尚未回复"));
			goto done;
		}
	memset(&q, 0, sizeof(q));
	q.person_id = f.person_id;
	q.flag_id = flag_id;
	/* asked by the person's township (a village's first nine digits) */
	q.from_division = strlen(o.pe.division) > 9 ? arena_strndup(&o.a, o.pe.division, 9)
						   : o.pe.division;
	q.to_division = to_division;
	q.reason = reason;
	q.requested_by = who->user_id;
	rc = store_assist_add(db, &q, err);
	if (rc == 0) {
		*id = q.id;
		ch = json_pack("{s:[ns],s:[ns]}", "to_division", to.code, "reason", reason);
		rc = audit_log(db, who, "create", "assist_request", idstr(&o.a, q.id), o.pe.division,
			       arena_printf(&o.a, "%s：向%s发起协查", o.pe.name, to.name), ch, err);
		json_decref(ch);
	}
done:
	arena_release(&a);
	return control_op_end(&o, rc, err);
}

int control_assist_answer(struct db *db, const struct actor *who, int64_t id, int found,
			  const char *answer, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct assist_request q;
	json_t *ch;
	int rc;

	if (db_begin(db, err) < 0)
		return -1;
	rc = store_assist_get(db, id, &a, &q, err);
	/* Answered by the asked area only; anyone else is told it does not exist. */
	if (rc == 0 && !division_in(q.to_division, who->prefix))
		rc = STORE_NOTFOUND;
	if (rc == 0 && strcmp(q.status, "requested"))
		rc = refuse(err, _("该协查已回复"));
	else if (rc == 0 && (!answer || !*answer))
		rc = refuse(err, _("请填写协查结果"));
	/* inside the write transaction: nobody answers it meanwhile */
	if (rc == 0)
		rc = store_assist_answer(db, id, found != 0, answer, who->user_id, err);
	if (rc == 0) {
		ch = json_pack("{s:[ss],s:[ib],s:[ss]}", "status", "requested", "answered", "found", 0,
			       found != 0, "answer", "", answer);
		rc = audit_log(db, who, "update", "assist_request", idstr(&a, id), q.to_division,
			       found ? "协查回复：已找到" : "协查回复：未找到", ch, err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = db_commit(db, err);
	else
		db_rollback(db);
	arena_release(&a);
	return rc;
}

int control_refresh_all(struct db *db, int today, int *count, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct policy pol;
	int64_t *ids;
	int n, i, rc = -1;

	*count = 0;
	if (control_policy(db, &pol, err) < 0 ||
	    store_person_ids_under_control(db, &a, &ids, &n, err) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		/* Short transactions: users' writes wait for one batch at most. */
		if (i % 200 == 0 && db_begin(db, err) < 0)
			goto out;
		if (control_refresh(db, &control_system_actor, ids[i], &pol, today, err) < 0) {
			db_rollback(db);
			goto out;
		}
		if ((i % 200 == 199 || i == n - 1) && db_commit(db, err) < 0)
			goto out;
	}
	/* and the worklists' summaries of the day, so the first worklist of
	 * the morning need not compute them, and what the indicators read */
	if (control_work_prepare(db, "", &pol, today, err) < 0 ||
	    kept_prepare(db, "", &pol, today, NULL, err) < 0)
		goto out;
	{
		char day[16];
		snprintf(day, sizeof(day), "%d", today);
		if (store_meta_set(db, "refreshed", day, err) < 0)
			goto out;
	}
	*count = n;
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int control_refreshed_day(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct buf err = BUF_INIT;
	const char *v = NULL;
	int day = 0;
	if (store_meta_get(db, "refreshed", &a, &v, &err) == 0 && v)
		day = atoi(v);
	arena_release(&a);
	buf_release(&err);
	return day;
}

int control_transfer_request(struct db *db, const struct actor *who, int64_t measure_id,
			     const char *to_division, const char *reason, int64_t *transfer_id,
			     struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct measure m;
	struct division d;
	struct transfer t, *pending;
	struct control_op o;
	int rc = store_measure_get(db, measure_id, &a, &m, err), n, i;

	if (rc == 0)
		rc = control_op_begin(&o, db, who, m.person_id, err);
	if (rc != 0) {
		arena_release(&a);
		return rc;
	}
	if (!strcmp(m.status, "ended")) {
		rc = refuse(err, _("措施已结束，不能变更执行地"));
		goto done;
	}
	if (!to_division || !division_valid(to_division) || division_level(to_division) < 4 ||
	    store_division_get(db, to_division, &o.a, &d, err) != 0) {
		rc = refuse(err, _("请选择新的执行地（乡镇或村）"));
		goto done;
	}
	if (!strncmp(to_division, m.division, 9)) {
		rc = refuse(err, _("新的执行地与现执行地属同一乡镇，直接修改档案即可"));
		goto done;
	}
	if (store_transfer_pending(db, "", 1, &o.a, &pending, &n, err) < 0) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < n; i++)
		if (pending[i].measure_id == measure_id) {
			rc = refuse(err, _("该措施已有待接收的执行地变更申请"));
			goto done;
		}
	memset(&t, 0, sizeof(t));
	t.measure_id = measure_id;
	t.from_division = m.division;
	t.to_division = to_division;
	t.reason = reason;
	t.requested_by = who->user_id;
	rc = store_transfer_add(db, &t, err);
	if (rc == 0) {
		*transfer_id = t.id;
		rc = audit_log(db, who, "create", "transfer", idstr(&o.a, t.id), m.division,
			       arena_printf(&o.a, "%s → %s", m.division_name, d.name), NULL, err);
	}
done:
	arena_release(&a);
	return control_op_end(&o, rc, err);
}

int control_transfer_decide(struct db *db, const struct actor *who, int64_t transfer_id,
			    int accept, const char *note, int64_t *person_id, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct transfer t;
	struct measure m;
	struct person pe;
	json_t *ch;
	int rc;

	*person_id = 0;
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_transfer_get(db, transfer_id, &a, &t, err);
	if (rc == 0 && !division_in(t.to_division, who->prefix))
		rc = STORE_NOTFOUND; /* only the receiving side decides */
	if (rc == 0)
		rc = store_measure_get(db, t.measure_id, &a, &m, err);
	if (rc == 0)
		rc = store_person_get(db, m.person_id, &a, &pe, err);
	if (rc != 0)
		goto fail;
	*person_id = pe.id;
	if (strcmp(t.status, "requested")) {
		buf_setf(err, "%s", _("该申请已处理"));
		rc = CONTROL_REFUSED;
		goto fail;
	}
	rc = store_transfer_decide(db, transfer_id, accept ? "accepted" : "refused", who->user_id,
				   note, err);
	if (rc == 0 && accept) {
		/* The measure and the file move; the term runs on. The new
		 * township names its own responsible worker. */
		ch = json_pack("{s:[ss]}", "division", m.division, t.to_division);
		m.division = t.to_division;
		m.worker_id = 0;
		rc = store_measure_update(db, &m, err);
		if (rc == 0) {
			struct measure_event e = { 0, m.id, "transfer", ymd_today(), "", note ? note : "",
						   who->user_id, 0 };
			rc = store_measure_event_add(db, &e, err);
		}
		if (rc == 0) {
			pe.division = t.to_division;
			rc = store_person_update(db, &pe, err);
		}
		if (rc == 0)
			rc = audit_log(db, who, "update", "person", idstr(&a, pe.id), t.to_division,
				       "执行地变更", ch, err);
		json_decref(ch);
	}
	if (rc == 0)
		rc = audit_log(db, who, "update", "transfer", idstr(&a, transfer_id), t.to_division,
			       accept ? "接收" : "不予接收", NULL, err);
	if (rc != 0) {
		rc = rc == STORE_NOTFOUND ? CONTROL_CONFLICT : -1;
		goto fail;
	}
	arena_release(&a);
	return db_commit(db, err);
fail:
	db_rollback(db);
	arena_release(&a);
	return rc;
}

/* ---- worklists ---- */

static enum obligation_kind kind_of(const char *k)
{
	return !strcmp(k, "test") ? OB_TEST : !strcmp(k, "visit") ? OB_VISIT
	       : !strcmp(k, "talk") ? OB_TALK : OB_REPORT;
}

/* The kept form of a summary, and back. */
static void due_from_summary(const struct open_measure *om, const struct obligation_summary *sum,
			     int today, struct measure_due *d)
{
	int k;
	memset(d, 0, sizeof(*d));
	d->measure_id = om->m.id;
	d->person_id = om->m.person_id;
	d->worker_id = om->m.worker_id;
	d->division = om->m.division;
	d->person_name = om->person_name;
	d->computed = today;
	d->overdue = sum->overdue;
	d->due_soon = sum->due_soon;
	d->missed_total = sum->missed_total;
	d->missed_in_row = sum->missed_in_row;
	for (k = 0; k < OB_KINDS && k < STORE_DUE_KINDS; k++) {
		d->due[k] = sum->next_due[k];
		d->state[k] = sum->state[k];
		if (sum->next_due[k] && (!d->first_due || sum->next_due[k] < d->first_due))
			d->first_due = sum->next_due[k];
	}
}

static void summary_from_due(const struct measure_due *d, struct obligation_summary *sum)
{
	int k;
	memset(sum, 0, sizeof(*sum));
	sum->overdue = d->overdue;
	sum->due_soon = d->due_soon;
	sum->missed_total = d->missed_total;
	sum->missed_in_row = d->missed_in_row;
	for (k = 0; k < OB_KINDS && k < STORE_DUE_KINDS; k++) {
		sum->next_due[k] = d->due[k];
		sum->state[k] = d->state[k];
	}
}

int control_work_prepare(struct db *db, const char *prefix, const struct policy *p, int today,
			 struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct open_measure *oms;
	struct activity_row *rows;
	struct activity *acts;
	int64_t stale;
	int nom, nrows, i, rc = -1;

	/* The common case, nothing to do, without taking the write lock. */
	if (store_measure_stale_count(db, prefix, today, &stale, err) < 0)
		return -1;
	if (!stale)
		return 0;
	/* Read inside the transaction: a record written meanwhile marks its
	 * rows stale again after this one commits, never before. */
	if (db_begin(db, err) < 0)
		return -1;
	if (store_measure_stale(db, prefix, today, &a, &oms, &nom, err) < 0 ||
	    store_activities_stale(db, prefix, today, &a, &rows, &nrows, err) < 0)
		goto out;
	acts = arena_alloc(&a, sizeof(*acts) * (size_t)(nrows + 1));
	for (i = 0; i < nom; i++) {
		/* rows are ordered by person: find this person's run */
		int lo = 0, hi = nrows, k, nacts = 0;
		int64_t pid = oms[i].m.person_id;
		struct obligation_summary sum;
		struct measure_due d;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (rows[mid].person_id < pid)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < nrows && rows[k].person_id == pid; k++) {
			acts[nacts].kind = kind_of(rows[k].kind);
			acts[nacts].date = rows[k].date;
			nacts++;
		}
		obligation_schedule(&oms[i].m, p, oms[i].risk_level, acts, nacts, today, NULL, 0, &sum);
		due_from_summary(&oms[i], &sum, today, &d);
		if (store_measure_due_put(db, &d, err) < 0)
			goto out;
	}
	rc = db_commit(db, err);
out:
	if (rc < 0)
		db_rollback(db);
	arena_release(&a);
	return rc;
}

int control_worklist(struct db *db, const struct worklist_query *q, const struct policy *p,
		     int today, struct arena *a, struct work_item **out, int *n,
		     struct work_counts *counts, struct buf *err)
{
	struct work_row *rows = NULL;
	struct work_item *items;
	int nrows = 0, i;

	if (control_work_prepare(db, q->prefix, p, today, err) < 0 ||
	    store_work_counts(db, q->prefix, q->worker_id, today, counts, err) < 0)
		return -1;
	if (q->limit > 0 && store_work_page(db, q->prefix, q->worker_id, today, q->view, q->offset,
					    q->limit, a, &rows, &nrows, err) < 0)
		return -1;
	items = arena_alloc(a, sizeof(*items) * (size_t)(nrows + 1));
	for (i = 0; i < nrows; i++) {
		items[i].om = rows[i].om;
		summary_from_due(&rows[i].due, &items[i].sum);
	}
	*out = items;
	*n = nrows;
	return 0;
}
