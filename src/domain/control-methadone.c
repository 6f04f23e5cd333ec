/* control-methadone.c - recording a month of methadone maintenance: rules, write, audit. */
#include <inttypes.h>
#include <string.h>

#include "domain/control-internal.h"
#include "lib/i18n.h"

int control_methadone_record(struct db *db, const struct actor *who, const struct person *pe,
			     struct methadone_month *m, const struct methadone_month *old,
			     struct buf *err)
{
	struct arena a = ARENA_INIT;
	char month[8], dose[16], before[16];
	json_t *ch;
	int rc;

	m->person_id = pe->id;
	if (store_methadone_put(db, m, err) < 0) {
		arena_release(&a);
		return -1;
	}
	methadone_month_format(m->month, month);
	methadone_dose_format(m->dose_tenths, dose);
	if (old) {
		ch = json_object();
		audit_diff_str(ch, "clinic", old->clinic, m->clinic);
		audit_diff_int(ch, "days_due", old->days_due, m->days_due);
		audit_diff_int(ch, "days_taken", old->days_taken, m->days_taken);
		methadone_dose_format(old->dose_tenths, before);
		audit_diff_str(ch, "dose_mg", before, dose);
		audit_diff_str(ch, "source", old->source, m->source);
	} else {
		ch = json_pack("{s:[ns],s:[ns],s:[nI],s:[nI],s:[ns],s:[ns]}", "month", month, "clinic",
			       m->clinic, "days_due", (json_int_t)m->days_due, "days_taken",
			       (json_int_t)m->days_taken, "dose_mg", dose, "source", m->source);
	}
	/* stored as a record: the summary stays in Chinese */
	rc = audit_log(db, who, old ? "update" : "create", "methadone_month",
		       arena_printf(&a, "%" PRId64, m->id), pe->division,
		       arena_printf(&a, "%s %s 美沙酮服药", pe->name, month), ch, err);
	json_decref(ch);
	arena_release(&a);
	return rc;
}

/* Every reason of the rules, joined with "；". */
static int refused(const struct methadone_error *errs, int n, struct buf *err)
{
	int i;
	buf_reset(err);
	for (i = 0; i < n; i++)
		buf_addf(err, "%s%s", i ? "；" : "", errs[i].message);
	return CONTROL_REFUSED;
}

int control_methadone_put(struct db *db, const struct actor *who, struct methadone_month *m,
			  enum methadone_result *result, struct buf *err)
{
	struct methadone_error errs[METHADONE_MAX_ERRORS];
	struct methadone_month old;
	struct assistance *as;
	struct control_op o;
	int nas, n, rc;

	*result = METHADONE_UNCHANGED;
	rc = control_op_begin(&o, db, who, m->person_id, err);
	if (rc != 0)
		return rc;
	if (store_assistances(db, m->person_id, &o.a, &as, &nas, err) < 0) {
		rc = -1;
		goto done;
	}
	if (!m->clinic || !*m->clinic) {
		const struct assistance *e = methadone_month_valid(m->month)
						     ? methadone_enrolment(as, nas, m->month) : NULL;
		m->clinic = e ? e->provider : "";
	}
	n = methadone_check(m, as, nas, o.today, errs);
	if (n) {
		rc = refused(errs, n, err);
		goto done;
	}
	rc = store_methadone_get(db, m->person_id, m->month, &o.a, &old, err);
	if (rc < 0)
		goto done;
	if (rc == 0 && methadone_same(&old, m)) {
		rc = 0; /* entered again as it was: nothing to write */
		goto done;
	}
	*result = rc == 0 ? METHADONE_UPDATED : METHADONE_ADDED;
	rc = control_methadone_record(db, who, &o.pe, m, rc == 0 ? &old : NULL, err);
	if (rc != 0)
		*result = METHADONE_UNCHANGED;
done:
	return control_op_end(&o, rc, err);
}
