/* person.h - the person file (吸毒人员档案): coded values and validation of input. */
#ifndef JINDU_PERSON_H
#define JINDU_PERSON_H

#include "domain/choice.h"
#include "store/store.h"

extern const struct choice person_control_statuses[]; /* 在控, 脱管失控, ... */
extern const struct choice person_addiction_levels[]; /* 吸毒, 吸毒成瘾, 吸毒成瘾严重 */
extern const struct choice person_drug_types[];       /* 海洛因, 甲基苯丙胺, ... */
extern const struct choice person_special_statuses[]; /* 艾滋病, 怀孕哺乳, ... */
extern const struct choice person_close_reasons[];    /* 死亡, 出国(境), 戒断三年 */
extern const struct choice person_ethnicities[];

/* Field names a form or an API request can set on a person. */
struct person_input {
	const char *id_number, *name, *alias, *ethnicity, *phone;
	const char *household_division, *household_address, *residence_address;
	const char *division, *registered, *control_status, *addiction, *drug_types;
	const char *first_found_date, *first_found_unit, *employment, *special_status, *note;
	const char *residence_division, *addiction_date, *addiction_doc, *family;
	const char *confirm_similar;  /* "1": a person of the same name and birth date is another */
};

/* One error per field, for display next to it; field is the input name. */
struct field_error {
	const char *field;
	const char *message; /* Chinese; translated at display */
};
#define PERSON_MAX_ERRORS 20

/*
 * Checks input and fills p (strings point into input or into arena a).
 * creating: the ID number is required and parsed (sex and birth date come
 * from it); when editing it is ignored and p's identity is kept.
 * scope_prefix: the division must lie in it. Returns the number of errors
 * written to errs (0 when p is ready to store).
 */
int person_check(const struct person_input *in, int creating, const char *scope_prefix,
		 int today, struct arena *a, struct person *p, struct field_error *errs);

/*
 * Operations on person files as a user performs them: each checks the
 * actor's jurisdiction, writes the change and its audit entry in one
 * transaction, and returns 0, STORE_NOTFOUND (no such file in the actor's
 * scope: the same answer whether it exists elsewhere or not), PERSON_INVALID
 * (errs/nerr say which fields), PERSON_CONFLICT (edited meanwhile, or the ID
 * number is already registered: *existing_id names that file when it is in
 * the actor's area, 0 when elsewhere) or -1 (err).
 */
#define PERSON_INVALID 2
#define PERSON_CONFLICT 3

struct actor;
int person_create(struct db *db, const struct actor *who, const struct person_input *in,
		  struct arena *a, struct person *out, struct field_error *errs, int *nerr,
		  int64_t *existing_id, struct buf *err);
int person_update(struct db *db, const struct actor *who, int64_t id, int64_t version,
		  const struct person_input *in, struct arena *a, struct person *out,
		  struct field_error *errs, int *nerr, struct buf *err);
/* Closes a file (撤档) on date with a reason of person_close_reasons:
 * "dead" also ends the measures still running (reason death); "abroad"
 * and "clean3y" are refused while a measure is running. The file stays,
 * read-only, with its history. PERSON_INVALID with the reason in err. */
int person_close(struct db *db, const struct actor *who, int64_t id, const char *reason, int date,
		 struct buf *err);

/*
 * A person's photo (optional): JPEG or PNG, at most PERSON_PHOTO_MAX bytes,
 * known by its first bytes whatever it is called. Setting or removing it is
 * a change of the file (audited, in the actor's area); opening it is a view
 * of the file (audited as one). PERSON_INVALID with the reason in err for
 * anything but a photo.
 */
#define PERSON_PHOTO_MAX (2 * 1024 * 1024)
const char *person_photo_type(const void *data, size_t len);
int person_photo_set(struct db *db, const struct actor *who, int64_t id, const void *data,
		     size_t len, struct buf *err);
int person_photo_remove(struct db *db, const struct actor *who, int64_t id, struct buf *err);
int person_photo_open(struct db *db, const struct actor *who, int64_t id, struct buf *out,
		      const char **mime, struct buf *err);

/* Opens a file for reading and audits the view ("view"). */
int person_open(struct db *db, const struct actor *who, int64_t id, struct arena *a,
		struct person *out, struct buf *err);
/* Audits a list or search request; what describes the filters (no clear ID numbers). */
int person_audit_search(struct db *db, const struct actor *who, const char *what,
			int64_t results, struct buf *err);

#endif
