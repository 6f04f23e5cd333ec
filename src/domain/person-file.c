/* person-file.c - creating, editing and opening person files, each audited in its transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/measure.h"
#include "domain/person.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

static json_t *person_changes(const struct person *b, const struct person *a)
{
	json_t *ch = json_object();
	audit_diff_str(ch, "name", b->name, a->name);
	audit_diff_str(ch, "alias", b->alias, a->alias);
	audit_diff_str(ch, "ethnicity", b->ethnicity, a->ethnicity);
	audit_diff_str(ch, "phone", b->phone, a->phone);
	audit_diff_str(ch, "household_division", b->household_division, a->household_division);
	audit_diff_str(ch, "household_address", b->household_address, a->household_address);
	audit_diff_str(ch, "residence_address", b->residence_address, a->residence_address);
	audit_diff_str(ch, "division", b->division, a->division);
	audit_diff_int(ch, "registered", b->registered, a->registered);
	audit_diff_str(ch, "control_status", b->control_status, a->control_status);
	audit_diff_str(ch, "addiction", b->addiction, a->addiction);
	audit_diff_str(ch, "drug_types", b->drug_types, a->drug_types);
	audit_diff_int(ch, "first_found_date", b->first_found_date, a->first_found_date);
	audit_diff_str(ch, "first_found_unit", b->first_found_unit, a->first_found_unit);
	audit_diff_str(ch, "employment", b->employment, a->employment);
	audit_diff_str(ch, "special_status", b->special_status, a->special_status);
	audit_diff_str(ch, "note", b->note, a->note);
	audit_diff_str(ch, "residence_division", b->residence_division, a->residence_division);
	audit_diff_int(ch, "addiction_date", b->addiction_date, a->addiction_date);
	audit_diff_str(ch, "addiction_doc", b->addiction_doc, a->addiction_doc);
	audit_diff_str(ch, "family", b->family, a->family);
	return ch;
}

static const struct person empty_person = {
	.name = "", .alias = "", .ethnicity = "", .phone = "", .household_division = "",
	.household_address = "", .residence_address = "", .division = "", .control_status = "",
	.addiction = "", .drug_types = "", .first_found_unit = "", .employment = "",
	.special_status = "", .note = "", .residence_division = "", .addiction_doc = "",
	.family = "",
};

/* A well-formed division code may still name no division: the form offers
 * only real ones, an API client may send anything (the store would refuse
 * it with a foreign key error). Adds a field error unless division has one. */
static int person_check_division(struct db *db, const struct person *p, struct arena *a,
				 struct field_error *errs, int *nerr, struct buf *err)
{
	struct division d;
	int i, rc;

	for (i = 0; i < *nerr && i < PERSON_MAX_ERRORS; i++)
		if (!strcmp(errs[i].field, "division"))
			return 0;
	rc = store_division_get(db, p->division, a, &d, err);
	if (rc == STORE_NOTFOUND) {
		if (*nerr < PERSON_MAX_ERRORS) {
			errs[*nerr].field = "division";
			errs[*nerr].message = N_("没有这个管控责任地，请从列表中选择");
		}
		(*nerr)++;
		return 0;
	}
	return rc < 0 ? -1 : 0;
}

int person_create(struct db *db, const struct actor *who, const struct person_input *in,
		  struct arena *a, struct person *out, struct field_error *errs, int *nerr,
		  int64_t *existing_id, struct buf *err)
{
	char hash[65], idbuf[32];
	json_t *ch;
	int rc;

	memset(out, 0, sizeof(*out));
	*nerr = person_check(in, 1, who->prefix, ymd_today(), a, out, errs);
	if (person_check_division(db, out, a, errs, nerr, err) < 0)
		return -1;
	if (*nerr)
		return PERSON_INVALID;
	if (db_begin(db, err) < 0)
		return -1;
	store_id_hash(db_store(db), out->id_number, hash);
	rc = store_person_id_by_hash(db, hash, existing_id, err);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		struct person other;
		rc = store_person_get(db, *existing_id, a, &other, err);
		db_rollback(db);
		if (rc < 0)
			return -1;
		errs[0].field = "id_number";
		errs[0].message = N_("该身份证号已有档案");
		/* Whether someone outside the user's area is on file is not theirs
		 * to know beyond "not here": no link, no id. */
		if (!division_in(other.division, who->prefix)) {
			errs[0].message = N_("该身份证号已在其他辖区建档，请联系县（市、区）禁毒办");
			*existing_id = 0;
		}
		*nerr = 1;
		return PERSON_CONFLICT;
	}
	/* The same person may be on file under another (mistyped, or old)
	 * ID number: a file of the same name and birth date is a warning the
	 * user must confirm away. */
	if (!in->confirm_similar || strcmp(in->confirm_similar, "1")) {
		int64_t similar;
		rc = store_person_similar(db, out->name, out->birth_date, &similar, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			db_rollback(db);
			errs[0].field = "confirm_similar";
			errs[0].message = N_("已有同名且出生日期相同的档案，可能是同一人；如确认不是，请勾选“确认不是同一人”后再保存");
			*nerr = 1;
			return PERSON_INVALID;
		}
	}
	if (store_person_add(db, out, err) < 0)
		goto fail;
	ch = person_changes(&empty_person, out);
	json_object_set_new(ch, "id_number", json_pack("[ss]", "", out->id_masked));
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, out->id);
	rc = audit_log(db, who, "create", "person", idbuf, out->division, out->name, ch, err);
	json_decref(ch);
	if (rc < 0)
		goto fail;
	return db_commit(db, err);
fail:
	db_rollback(db);
	return -1;
}

int person_update(struct db *db, const struct actor *who, int64_t id, int64_t version,
		  const struct person_input *in, struct arena *a, struct person *out,
		  struct field_error *errs, int *nerr, struct buf *err)
{
	struct person before;
	char idbuf[32];
	json_t *ch;
	int rc;

	if (db_begin(db, err) < 0)
		return -1;
	rc = store_person_get(db, id, a, &before, err);
	if (rc != 0)
		goto done;
	if (!division_in(before.division, who->prefix)) {
		rc = STORE_NOTFOUND;
		goto done;
	}
	*out = before;
	*nerr = person_check(in, 0, who->prefix, ymd_today(), a, out, errs);
	if (person_check_division(db, out, a, errs, nerr, err) < 0) {
		rc = -1;
		goto done;
	}
	if (*nerr) {
		rc = PERSON_INVALID;
		goto done;
	}
	/* Under measures the control status follows from the records
	 * (control_refresh): the form cannot set it. */
	{
		struct measure *ms;
		int nm;
		if (store_measure_list(db, id, a, &ms, &nm, err) < 0) {
			rc = -1;
			goto done;
		}
		if (nm)
			out->control_status = before.control_status;
	}
	out->version = version;
	rc = store_person_update(db, out, err);
	if (rc == STORE_NOTFOUND) {
		rc = PERSON_CONFLICT;
		goto done;
	}
	if (rc < 0)
		goto done;
	ch = person_changes(&before, out);
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	rc = json_object_size(ch) ? audit_log(db, who, "update", "person", idbuf, out->division,
					      out->name, ch, err)
				  : 0;
	json_decref(ch);
	if (rc < 0)
		goto done;
	return db_commit(db, err);
done:
	db_rollback(db);
	return rc;
}

int person_open(struct db *db, const struct actor *who, int64_t id, struct arena *a,
		struct person *out, struct buf *err)
{
	char idbuf[32];
	int rc = store_person_get(db, id, a, out, err);
	if (rc != 0)
		return rc;
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	if (!division_in(out->division, who->prefix)) {
		/* Someone reaching outside their area is worth knowing about; they
		 * are told the same as for a file that does not exist. */
		if (audit_log_tx(db, who, "denied", "person", idbuf, out->division,
				 "不在本人辖区", NULL, err) < 0)
			return -1;
		return STORE_NOTFOUND;
	}
	return audit_log_tx(db, who, "view", "person", idbuf, out->division, out->name, NULL, err);
}

const char *person_photo_type(const void *data, size_t len)
{
	static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF };
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	if (len > sizeof(jpeg) && !memcmp(data, jpeg, sizeof(jpeg)))
		return "image/jpeg";
	if (len > sizeof(png) && !memcmp(data, png, sizeof(png)))
		return "image/png";
	return NULL;
}

/* Loads person id inside a write transaction when it is in who's area:
 * 0, or STORE_NOTFOUND (rolled back, the attempt audited) or -1. */
static int begin_change(struct db *db, const struct actor *who, int64_t id, struct arena *a,
			struct person *p, struct buf *err)
{
	char idbuf[32];
	int rc;
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_person_get(db, id, a, p, err);
	if (rc == 0 && !division_in(p->division, who->prefix)) {
		db_rollback(db);
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
		if (audit_log_tx(db, who, "denied", "person", idbuf, p->division, "不在本人辖区",
				 NULL, err) < 0)
			return -1;
		return STORE_NOTFOUND;
	}
	if (rc != 0)
		db_rollback(db);
	return rc;
}

int person_photo_set(struct db *db, const struct actor *who, int64_t id, const void *data,
		     size_t len, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person p;
	const char *mime = data ? person_photo_type(data, len) : NULL;
	char idbuf[32];
	int rc;

	/* the area first: outside it, the file does not exist, photo or not */
	rc = begin_change(db, who, id, &a, &p, err);
	if (rc == 0 && (!mime || len > PERSON_PHOTO_MAX)) {
		db_rollback(db);
		buf_setf(err, "%s", !len ? _("请选择照片文件") : !mime ? _("照片应为 JPEG 或 PNG 图片")
						   : _("照片不能超过 2 MB"));
		rc = PERSON_INVALID;
	} else if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
		if (store_photo_put(db, id, mime, data, len, who->user_id, err) < 0 ||
		    audit_log(db, who, "update", "person", idbuf, p.division, "照片", NULL, err) < 0) {
			db_rollback(db);
			rc = -1;
		} else {
			rc = db_commit(db, err);
		}
	}
	arena_release(&a);
	return rc;
}

int person_photo_remove(struct db *db, const struct actor *who, int64_t id, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person p;
	char idbuf[32];
	int rc = begin_change(db, who, id, &a, &p, err);

	if (rc == 0) {
		snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
		rc = store_photo_delete(db, id, err);
		if (rc == STORE_NOTFOUND) {
			/* no photo: nothing to remove, nothing to audit */
			db_rollback(db);
			arena_release(&a);
			return 0;
		}
		if (rc == 0)
			rc = audit_log(db, who, "update", "person", idbuf, p.division, "删除照片", NULL,
				       err);
		if (rc == 0)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	arena_release(&a);
	return rc;
}

int person_photo_open(struct db *db, const struct actor *who, int64_t id, struct buf *out,
		      const char **mime, struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person p;
	char idbuf[32];
	int rc = store_person_get(db, id, &a, &p, err);

	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	if (rc == 0 && !division_in(p.division, who->prefix)) {
		rc = audit_log_tx(db, who, "denied", "person", idbuf, p.division, "不在本人辖区", NULL,
				  err) < 0 ? -1 : STORE_NOTFOUND;
	} else if (rc == 0) {
		rc = store_photo_get(db, id, out, mime, err);
		if (rc == 0 && audit_log_tx(db, who, "view", "person", idbuf, p.division, "照片", NULL,
					   err) < 0)
			rc = -1;
	}
	arena_release(&a);
	return rc;
}

int person_audit_search(struct db *db, const struct actor *who, const char *what,
			int64_t results, struct buf *err)
{
	char summary[600];
	snprintf(summary, sizeof(summary), "条件：%s；结果 %" PRId64 " 条", *what ? what : "全部", results);
	return audit_log_tx(db, who, "search", "person", "", who->prefix, summary, NULL, err);
}

int person_close(struct db *db, const struct actor *who, int64_t id, const char *reason, int date,
		 struct buf *err)
{
	struct arena a = ARENA_INIT;
	struct person p;
	struct measure *ms;
	char idbuf[32];
	json_t *ch;
	int n, i, rc;

	if (!choice_valid(person_close_reasons, reason)) {
		buf_setf(err, "%s", _("请选择撤档原因"));
		return PERSON_INVALID;
	}
	if (db_begin(db, err) < 0)
		return -1;
	rc = store_person_get(db, id, &a, &p, err);
	if (rc == 0 && !division_in(p.division, who->prefix))
		rc = STORE_NOTFOUND;
	if (rc != 0)
		goto done;
	if (p.closed_date) {
		buf_setf(err, "%s", _("该档案已撤档"));
		rc = PERSON_INVALID;
		goto done;
	}
	if (date <= 0 || date > ymd_today() || date < p.birth_date) {
		buf_setf(err, "%s", _("撤档日期无效：不能晚于今天"));
		rc = PERSON_INVALID;
		goto done;
	}
	if (store_measure_list(db, id, &a, &ms, &n, err) < 0) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (!strcmp(ms[i].status, "ended"))
			continue;
		if (strcmp(reason, "dead")) {
			buf_setf(err, "%s", _("该人员仍有执行中的戒毒措施，请先结束措施再撤档"));
			rc = PERSON_INVALID;
			goto done;
		}
		/* death ends whatever was running, on the day */
		ms[i].status = "ended";
		ms[i].actual_end = date;
		ms[i].end_reason = "death";
		ms[i].suspended_since = 0;
		if (store_measure_update(db, &ms[i], err) != 0) {
			rc = -1;
			goto done;
		}
	}
	p.closed_reason = reason;
	p.closed_date = date;
	p.control_status = reason; /* dead, abroad and clean3y are statuses too */
	rc = store_person_update(db, &p, err);
	if (rc != 0) {
		rc = rc == STORE_NOTFOUND ? -1 : rc;
		goto done;
	}
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	ch = json_pack("{s:[ss],s:[iI]}", "closed_reason", "", reason, "closed_date", 0,
		       (json_int_t)date);
	rc = audit_log(db, who, "close", "person", idbuf, p.division, p.name, ch, err);
	json_decref(ch);
	if (rc == 0) {
		arena_release(&a);
		return db_commit(db, err);
	}
done:
	db_rollback(db);
	arena_release(&a);
	return rc;
}
