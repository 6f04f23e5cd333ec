/* case-file.c - 毒品案件 as users keep them: each change and view in its transaction, audited. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/case-internal.h"
#include "domain/control.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

const char *case_idstr(char buf[24], int64_t id)
{
	snprintf(buf, 24, "%" PRId64, id);
	return buf;
}

int case_begin(struct db *db, const struct actor *who, int64_t id, struct arena *a,
	       struct drug_case *c, struct buf *err)
{
	char idbuf[24];
	int rc;

	if (db_begin(db, err) < 0)
		return -1;
	rc = store_case_get(db, id, a, c, err);
	if (rc == 0 && !division_in(c->division, who->prefix)) {
		db_rollback(db);
		if (audit_log_tx(db, who, "denied", "case", case_idstr(idbuf, id), c->division,
				 "不在本人辖区", NULL, err) < 0)
			return -1;
		return STORE_NOTFOUND;
	}
	if (rc != 0)
		db_rollback(db);
	return rc;
}

int case_end(struct db *db, int rc, struct buf *err)
{
	if (rc == 0)
		return db_commit(db, err);
	db_rollback(db);
	return rc;
}

int case_refuse(struct buf *err, const char *msg)
{
	buf_setf(err, "%s", msg);
	return CASE_INVALID;
}

int case_audit(struct db *db, const struct actor *who, const char *action,
	       const struct drug_case *c, const char *summary, const json_t *changes,
	       struct buf *err)
{
	char idbuf[24];
	return audit_log(db, who, action, "case", case_idstr(idbuf, c->id), c->division, summary,
			 changes, err);
}

/* ---- the case itself ---- */

static int add_error(struct field_error *errs, int *nerr, const char *field, const char *msg)
{
	if (*nerr < CASE_MAX_ERRORS) {
		errs[*nerr].field = field;
		errs[*nerr].message = msg;
	}
	(*nerr)++;
	return CASE_INVALID;
}

/* The division must be one on file and the unit one in the actor's area:
 * the form offers only those, an API client may send anything. */
static int check_places(struct db *db, const struct actor *who, const struct drug_case *c,
			struct field_error *errs, int *nerr, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct division d;
	struct unit u;
	int rc = 0;

	if (*nerr)
		return 0;
	rc = store_division_get(db, c->division, &a, &d, err);
	if (rc == STORE_NOTFOUND)
		add_error(errs, nerr, "division", N_("没有这个区划，请从列表中选择"));
	if (rc >= 0 && c->unit_id) {
		rc = store_unit_get(db, c->unit_id, &a, &u, err);
		if (rc == STORE_NOTFOUND || (rc == 0 && !division_in(u.division, who->prefix)))
			add_error(errs, nerr, "unit_id", N_("办案单位不在您的辖区内，请从列表中选择"));
	}
	arena_release(&a);
	return rc < 0 ? -1 : 0;
}

static json_t *case_changes(const struct drug_case *b, const struct drug_case *a)
{
	json_t *ch = json_object();
	audit_diff_str(ch, "number", b->number, a->number);
	audit_diff_str(ch, "name", b->name, a->name);
	audit_diff_str(ch, "type", b->type, a->type);
	audit_diff_str(ch, "source", b->source, a->source);
	audit_diff_str(ch, "status", b->status, a->status);
	audit_diff_str(ch, "division", b->division, a->division);
	audit_diff_int(ch, "unit_id", b->unit_id, a->unit_id);
	audit_diff_str(ch, "officers", b->officers, a->officers);
	audit_diff_str(ch, "place", b->place, a->place);
	audit_diff_int(ch, "occurred_date", b->occurred_date, a->occurred_date);
	audit_diff_int(ch, "accepted_date", b->accepted_date, a->accepted_date);
	audit_diff_str(ch, "description", b->description, a->description);
	audit_diff_int(ch, "early", b->early, a->early);
	audit_diff_int(ch, "target", b->target, a->target);
	audit_diff_int(ch, "online", b->online, a->online);
	audit_diff_int(ch, "small_packets", b->small_packets, a->small_packets);
	return ch;
}

static const struct drug_case empty_case = {
	.number = "", .name = "", .type = "", .source = "", .status = "", .division = "",
	.officers = "", .place = "", .description = "",
};

int case_create(struct db *db, const struct actor *who, struct drug_case *c, const char *doc_no,
		struct field_error *errs, int *nerr, struct buf *err)
{
	struct policy pol;
	struct case_step s;
	json_t *ch;
	int rc;

	if (control_policy(db, &pol, err) < 0)
		return -1;
	c->status = "accepted";
	c->status_date = c->accepted_date;
	c->created_by = who->user_id;
	*nerr = case_check(c, 1, &pol, who->prefix, ymd_today(), errs);
	if (check_places(db, who, c, errs, nerr, err) < 0)
		return -1;
	if (*nerr)
		return CASE_INVALID;
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_case_add(db, c, err);
	if (rc == STORE_CONFLICT) {
		db_rollback(db);
		*nerr = 0;
		add_error(errs, nerr, "number", N_("该案件编号已存在"));
		return CASE_CONFLICT;
	}
	memset(&s, 0, sizeof(s));
	s.case_id = c->id;
	s.status = "accepted";
	s.date = c->accepted_date;
	s.doc_no = doc_no;
	s.user_id = who->user_id;
	if (rc < 0 || store_case_step_add(db, &s, err) < 0)
		goto fail;
	ch = case_changes(&empty_case, c);
	rc = case_audit(db, who, "create", c, c->name, ch, err);
	json_decref(ch);
	if (rc < 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

int case_load(struct db *db, const struct actor *who, int64_t id, struct arena *a,
	      struct drug_case *out, struct buf *err)
{
	char idbuf[24];
	int rc = store_case_get(db, id, a, out, err);
	if (rc == 0 && !division_in(out->division, who->prefix)) {
		if (audit_log_tx(db, who, "denied", "case", case_idstr(idbuf, id), out->division,
				 "不在本人辖区", NULL, err) < 0)
			return -1;
		return STORE_NOTFOUND;
	}
	return rc;
}

int case_update(struct db *db, const struct actor *who, int64_t id, int64_t version,
		const struct drug_case *in, struct field_error *errs, int *nerr, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct policy pol;
	struct drug_case before, c;
	int64_t other;
	json_t *ch;
	int rc;

	*nerr = 0;
	if (control_policy(db, &pol, err) < 0)
		return -1;
	rc = case_begin(db, who, id, &a, &before, err);
	if (rc != 0)
		goto out;
	/* the status, its date and the first step are the pipeline's */
	c = *in;
	c.id = id;
	c.version = version;
	c.status = before.status;
	c.status_date = before.status_date;
	c.accepted_date = before.accepted_date;
	c.created_by = before.created_by;
	*nerr = case_check(&c, 0, &pol, who->prefix, ymd_today(), errs);
	if (check_places(db, who, &c, errs, nerr, err) < 0) {
		rc = -1;
		goto done;
	}
	if (*nerr) {
		rc = CASE_INVALID;
		goto done;
	}
	rc = store_case_id_by_number(db, c.number, &other, err);
	if (rc == 0 && other != id) {
		add_error(errs, nerr, "number", N_("该案件编号已存在"));
		rc = CASE_CONFLICT;
		goto done;
	}
	if (rc < 0)
		goto done;
	rc = store_case_update(db, &c, err);
	if (rc == STORE_NOTFOUND) {
		buf_setf(err, "%s", _("该案件已被他人修改，请重新打开后再编辑"));
		rc = CASE_CONFLICT;
		goto done;
	}
	if (rc == 0) {
		ch = case_changes(&before, &c);
		if (json_object_size(ch))
			rc = case_audit(db, who, "update", &c, c.name, ch, err);
		json_decref(ch);
	}
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}

/* ---- the pipeline ---- */

int case_step_add(struct db *db, const struct actor *who, int64_t case_id, enum case_status to,
		  int date, const char *doc_no, const char *note, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct drug_case c;
	struct case_step *steps, s;
	struct case_suspect *sus;
	const char *from;
	char day[11];
	json_t *ch;
	int nsteps, nsus, rc;

	rc = case_begin(db, who, case_id, &a, &c, err);
	if (rc != 0)
		goto out;
	if (store_case_steps(db, case_id, &a, &steps, &nsteps, err) < 0 ||
	    store_suspects(db, case_id, &a, &sus, &nsus, err) < 0) {
		rc = -1;
		goto done;
	}
	if (case_step_check(&c, steps, nsteps, nsus, to, date, ymd_today(), err) < 0) {
		rc = CASE_INVALID;
		goto done;
	}
	if ((doc_no && strlen(doc_no) > 120) || (note && strlen(note) > 2000)) {
		rc = case_refuse(err, _("文书编号或备注过长"));
		goto done;
	}
	memset(&s, 0, sizeof(s));
	s.case_id = case_id;
	s.status = case_statuses[to].key;
	s.date = date;
	s.doc_no = doc_no;
	s.note = note;
	s.user_id = who->user_id;
	from = c.status;
	c.status = s.status;
	c.status_date = date;
	if (store_case_step_add(db, &s, err) < 0 || store_case_update(db, &c, err) != 0) {
		rc = -1;
		goto done;
	}
	ch = json_pack("{s:[ss]}", "status", from, s.status);
	ymd_format(date, day);
	rc = case_audit(db, who, "update", &c,
			arena_printf(&a, "%s %s", case_statuses[to].label, day), ch, err);
	json_decref(ch);
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}

/* ---- seizures and destructions ---- */

int case_seizure_add(struct db *db, const struct actor *who, struct seizure *s, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct policy pol;
	struct drug_case c;
	const struct drug_def *d;
	char w[32];
	json_t *ch;
	int rc;

	if (control_policy(db, &pol, err) < 0)
		return -1;
	rc = case_begin(db, who, s->case_id, &a, &c, err);
	if (rc != 0)
		goto out;
	/* a name or an alias (冰毒) is stored as its drug's key */
	d = drug_find(&pol, s->drug);
	if (d)
		s->drug = d->key;
	if (case_seizure_check(&c, s, &pol, ymd_today(), err) < 0) {
		rc = CASE_INVALID;
		goto done;
	}
	s->user_id = who->user_id;
	if (store_seizure_add(db, s, err) < 0) {
		rc = -1;
		goto done;
	}
	ch = json_pack("{s:s,s:I,s:i,s:i,s:i}", "drug", s->drug, "weight_ug",
		       (json_int_t)s->weight_ug, "purity", s->purity, "packets", s->packets, "date",
		       s->date);
	rc = case_audit(db, who, "update", &c,
			arena_printf(&a, "缴获%s %s %s", d->name,
				     drug_weight_format(s->weight_ug, d->unit, w),
				     drug_unit_label(d->unit)),
			ch, err);
	json_decref(ch);
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}

int case_destroy(struct db *db, const struct actor *who, int64_t case_id, struct destruction *d,
		 const int64_t *ids, int n, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct drug_case c;
	struct seizure *all, *chosen;
	json_t *ch, *list;
	int nall, nchosen = 0, i, j, rc;

	rc = case_begin(db, who, case_id, &a, &c, err);
	if (rc != 0)
		goto out;
	if (store_seizures(db, case_id, &a, &all, &nall, err) < 0) {
		rc = -1;
		goto done;
	}
	chosen = arena_zalloc(&a, sizeof(*chosen) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++) {
		for (j = 0; j < nall && all[j].id != ids[i]; j++)
			;
		if (j == nall) {
			rc = case_refuse(err, _("所选缴获不属于本案"));
			goto done;
		}
		for (j = 0; j < nchosen && chosen[j].id != ids[i]; j++)
			;
		if (j == nchosen)
			for (j = 0; j < nall; j++)
				if (all[j].id == ids[i])
					chosen[nchosen++] = all[j];
	}
	if (case_destruction_check(d, chosen, nchosen, ymd_today(), err) < 0) {
		rc = CASE_INVALID;
		goto done;
	}
	d->division = c.division;
	d->user_id = who->user_id;
	if (store_destruction_add(db, d, err) < 0) {
		rc = -1;
		goto done;
	}
	list = json_array();
	for (i = 0; i < nchosen && rc == 0; i++) {
		rc = store_seizure_destroy(db, chosen[i].id, case_id, d->id, err);
		json_array_append_new(list, json_integer(chosen[i].id));
	}
	if (rc != 0) {
		json_decref(list);
		rc = -1;
		goto done;
	}
	ch = json_pack("{s:i,s:s,s:s,s:o}", "date", d->date, "place", d->place, "witnesses",
		       d->witnesses, "seizures", list);
	rc = case_audit(db, who, "update", &c, arena_printf(&a, "公开销毁 %d 宗缴获", nchosen), ch,
			err);
	json_decref(ch);
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}
int case_asset_add(struct db *db, const struct actor *who, struct case_asset *as,
		   struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct drug_case c;
	char amount[32];
	json_t *ch;
	int rc;

	rc = case_begin(db, who, as->case_id, &a, &c, err);
	if (rc != 0)
		goto out;
	if (case_asset_check(&c, as, ymd_today(), err) < 0) {
		rc = CASE_INVALID;
		goto done;
	}
	as->user_id = who->user_id;
	if (store_asset_add(db, as, err) < 0) {
		rc = -1;
		goto done;
	}
	ch = json_pack("{s:s,s:s,s:I,s:i}", "category", as->category, "kind", as->kind,
		       "amount_fen", (json_int_t)as->amount_fen, "date", as->date);
	rc = case_audit(db, who, "update", &c,
			arena_printf(&a, "查扣%s %s 元",
				     choice_label(case_asset_categories, as->category),
				     case_amount_format(as->amount_fen, amount)),
			ch, err);
	json_decref(ch);
done:
	rc = case_end(db, rc, err);
out:
	arena_release(&a);
	return rc;
}

/* ---- reading ---- */

static int load_file(struct db *db, int64_t id, struct arena *a, struct case_file *f,
		     struct buf *err)
{
	return store_case_steps(db, id, a, &f->steps, &f->nsteps, err) < 0 ||
			       store_seizures(db, id, a, &f->seizures, &f->nseizures, err) < 0 ||
			       store_seizure_totals(db, id, a, &f->totals, &f->ntotals, err) < 0 ||
			       store_case_destructions(db, id, a, &f->destructions,
						       &f->ndestructions, err) < 0 ||
			       store_suspects(db, id, a, &f->suspects, &f->nsuspects, err) < 0 ||
			       store_case_suspect_measures(db, id, a, &f->measures, &f->nmeasures,
							   err) < 0 ||
			       store_assets(db, id, a, &f->assets, &f->nassets, err) < 0
		       ? -1
		       : 0;
}

int case_file_load(struct db *db, int64_t id, struct arena *a, struct case_file *out,
		   struct buf *err)
{
	int rc;
	memset(out, 0, sizeof(*out));
	rc = store_case_get(db, id, a, &out->c, err);
	if (rc != 0)
		return rc;
	return load_file(db, id, a, out, err);
}

int case_open(struct db *db, const struct actor *who, int64_t id, int persons, struct arena *a,
	      struct case_file *out, struct buf *err)
{
	char idbuf[24];
	int i, rc;

	memset(out, 0, sizeof(*out));
	rc = case_begin(db, who, id, a, &out->c, err);
	if (rc != 0)
		return rc;
	if (load_file(db, id, a, out, err) < 0 ||
	    case_audit(db, who, "view", &out->c,
		       persons || !out->nsuspects
			       ? out->c.name
			       : arena_printf(a, "%s（犯罪嫌疑人脱敏显示）", out->c.name),
		       NULL, err) < 0) {
		db_rollback(db);
		return -1;
	}
	/* each suspect's personal data shown is a view of their file */
	for (i = 0; persons && i < out->nsuspects; i++) {
		const struct case_suspect *s = &out->suspects[i];
		if (audit_log(db, who, "view", "person", case_idstr(idbuf, s->person_id),
			      s->person_division,
			      arena_printf(a, "毒品案件 %s 犯罪嫌疑人 %s", out->c.number, s->person_name),
			      NULL, err) < 0) {
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db, err);
}

int case_audit_search(struct db *db, const struct actor *who, const char *what, int64_t results,
		      struct buf *err)
{
	char summary[600];
	snprintf(summary, sizeof(summary), "条件：%s；结果 %" PRId64 " 条", *what ? what : "全部",
		 results);
	return audit_log_tx(db, who, "search", "case", "", who->prefix, summary, NULL, err);
}
