/* case-suspect.c - a case's suspects, found by ID number and linked to their person file, and their coercive measures. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/case-internal.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/idcard.h"
#include "lib/pinyin.h"
#include "lib/timeutil.h"

/* Where a new suspect's file is kept: their home township or village when
 * it is a division of the case's county, else the case's own division. */
static const char *suspect_division(struct db *db, const struct drug_case *c, const char *home,
				    struct arena *a, struct buf *err, int *failed)
{
	struct division d;
	int rc;

	*failed = 0;
	if (!home || division_level(home) < 4 || strncmp(home, c->division, 6))
		return c->division;
	rc = store_division_get(db, home, a, &d, err);
	if (rc < 0)
		*failed = 1;
	return rc == 0 ? home : c->division;
}

/* A division code given for a suspect must name one on file. */
static int division_known(struct db *db, const char *code, struct arena *a, struct buf *err)
{
	struct division d;
	if (!code || !*code)
		return 0;
	return store_division_get(db, code, a, &d, err);
}

/* The person of the ID number in *id, made when there is none: 0, or
 * CASE_INVALID / -1 with err. */
static int suspect_person(struct db *db, const struct actor *who, const struct drug_case *c,
			  const struct idcard *id, const struct suspect_input *in, const char *home,
			  struct arena *a, struct person *pe, int *created, struct buf *err)
{
	char hash[65], masked[19], idbuf[24];
	int64_t pid;
	const char *name = in->name ? in->name : "";
	int rc, failed;
	json_t *ch;

	*created = 0;
	store_id_hash(db_store(db), id->number, hash);
	rc = store_person_id_by_hash(db, hash, &pid, err);
	if (rc == 0)
		return store_person_get(db, pid, a, pe, err) == 0 ? 0 : -1;
	if (rc < 0)
		return -1;
	while (*name == ' ')
		name++;
	if (!*name)
		return case_refuse(err, _("该身份证号尚无人员档案，请填写犯罪嫌疑人姓名"));
	if (strlen(name) > 60 || (in->phone && strlen(in->phone) > 20))
		return case_refuse(err, _("姓名或电话过长"));
	memset(pe, 0, sizeof(*pe));
	idcard_mask(id->number, masked);
	pe->id_number = arena_strdup(a, id->number);
	pe->id_hash = arena_strdup(a, hash);
	pe->id_masked = arena_strdup(a, masked);
	pe->name = arena_strdup(a, name);
	pinyin_of_name_arena(a, pe->name, &pe->name_pinyin, &pe->name_initials);
	pe->sex = id->male ? "M" : "F";
	pe->birth_date = id->year * 10000 + id->month * 100 + id->day;
	pe->phone = in->phone ? in->phone : "";
	pe->household_division = home && *home ? home : arena_strdup(a, id->region);
	pe->division = suspect_division(db, c, home, a, err, &failed);
	if (failed)
		return -1;
	/* not a registered drug user: no addiction determined, no first-found */
	pe->registered = 0;
	pe->control_status = "in_control";
	pe->addiction = "";
	pe->ethnicity = pe->alias = pe->household_address = pe->residence_address = "";
	pe->drug_types = pe->first_found_unit = pe->employment = pe->special_status = "";
	pe->residence_division = pe->addiction_doc = pe->family = "";
	pe->closed_reason = "";
	pe->note = arena_printf(a, "毒品案件 %s 犯罪嫌疑人", c->number);
	if (store_person_add(db, pe, err) < 0)
		return -1;
	*created = 1;
	ch = json_pack("{s:[ss],s:[ss],s:[ss],s:[ii]}", "id_number", "", pe->id_masked, "name", "",
		       pe->name, "division", "", pe->division, "registered", 1, 0);
	rc = audit_log(db, who, "create", "person", case_idstr(idbuf, pe->id), pe->division, pe->name, ch,
		       err);
	json_decref(ch);
	return rc < 0 ? -1 : 0;
}

int case_suspect_record(struct db *db, const struct actor *who, const struct drug_case *c,
			struct case_suspect *s, const struct suspect_input *in, struct arena *a,
			int *created, int *registered, struct buf *err)
{
	struct person pe;
	struct idcard id;
	json_t *ch;
	int rc, today = ymd_today();

	*created = *registered = 0;
	if (case_closed(c)) {
		buf_setf(err, _("案件已%s，不能再添加犯罪嫌疑人"),
			 _(choice_label(case_statuses, c->status)));
		return CASE_INVALID;
	}
	if (!in->id_number || !*in->id_number)
		return case_refuse(err, _("请填写犯罪嫌疑人的身份证号"));
	if (idcard_parse(in->id_number, today, &id, err) < 0)
		return CASE_INVALID;
	if (case_suspect_check(s, id.year * 10000 + id.month * 100 + id.day, today, err) < 0)
		return CASE_INVALID;
	rc = division_known(db, s->caught_division, a, err);
	if (rc == 0)
		rc = division_known(db, s->home_division, a, err);
	if (rc == STORE_NOTFOUND)
		return case_refuse(err, _("抓获地或户籍地的区划代码不存在"));
	if (rc < 0)
		return -1;
	rc = suspect_person(db, who, c, &id, in, s->home_division, a, &pe, created, err);
	if (rc != 0)
		return rc;
	/* a person on file brings their household township */
	if ((!s->home_division || !*s->home_division) && division_level(pe.household_division) >= 4)
		s->home_division = pe.household_division;
	s->person_id = pe.id;
	s->outflow = case_outflow(c->division, s->home_division, s->caught_division);
	s->user_id = who->user_id;
	rc = store_suspect_add(db, s, err);
	if (rc == STORE_CONFLICT) {
		buf_setf(err, "%s", _("该人员已是本案犯罪嫌疑人"));
		return CASE_CONFLICT;
	}
	if (rc < 0)
		return -1;
	*registered = pe.registered;
	ch = json_pack("{s:I,s:s,s:s,s:s,s:i}", "person_id", (json_int_t)pe.id, "role", s->role,
		       "home_division", s->home_division ? s->home_division : "", "caught_division",
		       s->caught_division ? s->caught_division : "", "outflow", s->outflow);
	rc = case_audit(db, who, "update", c,
			arena_printf(a, "添加犯罪嫌疑人 %s（%s）", pe.name,
				     pe.registered ? "已登记吸毒人员" : *created ? "新建档案" : "已有档案"),
			ch, err);
	json_decref(ch);
	if (rc < 0)
		return -1;
	/* the suspect in the networks, linked 同案 to the others */
	return case_network_suspect(db, who, c, &pe, 1, NULL, err) < 0 ? -1 : 0;
}

int case_suspect_add(struct db *db, const struct actor *who, struct case_suspect *s,
		     const struct suspect_input *in, int *created, int *registered,
		     struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct drug_case c;
	int rc;

	*created = *registered = 0;
	rc = case_begin(db, who, s->case_id, &a, &c, err);
	if (rc == 0)
		rc = case_end(db, case_suspect_record(db, who, &c, s, in, &a, created, registered, err),
			      err);
	arena_release(&a);
	return rc;
}

int case_measure_add(struct db *db, const struct actor *who, int64_t case_id,
		     struct suspect_measure *m, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct drug_case c;
	struct case_suspect s;
	struct suspect_measure *have;
	char day[11];
	json_t *ch;
	int n, rc;

	rc = case_begin(db, who, case_id, &a, &c, err);
	if (rc != 0)
		goto out;
	rc = store_suspect_get(db, m->suspect_id, &a, &s, err);
	if (rc == 0 && s.case_id != case_id)
		rc = STORE_NOTFOUND;
	if (rc != 0)
		goto done;
	if (store_suspect_measures(db, s.id, &a, &have, &n, err) < 0) {
		rc = -1;
		goto done;
	}
	if (case_measure_check(&c, have, n, m, ymd_today(), err) < 0) {
		rc = CASE_INVALID;
		goto done;
	}
	m->user_id = who->user_id;
	rc = store_suspect_measure_add(db, m, err);
	if (rc == STORE_CONFLICT) {
		rc = case_refuse(err, _("该犯罪嫌疑人已有该项记录"));
		goto done;
	}
	if (rc < 0)
		goto done;
	ch = json_pack("{s:I,s:s,s:i,s:s,s:s}", "suspect_id", (json_int_t)s.id, "kind", m->kind,
		       "date", m->date, "doc_no", m->doc_no ? m->doc_no : "", "sentence",
		       m->sentence ? m->sentence : "");
	ymd_format(m->date, day);
	rc = case_audit(db, who, "update", &c,
			arena_printf(&a, "%s %s %s", s.person_name,
				     choice_label(case_measure_kinds, m->kind), day),
			ch, err);
	json_decref(ch);
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}
