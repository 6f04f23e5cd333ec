/* import-case-check.c - one case of a ledger checked by the rules of the pages (case, pipeline, seizures, suspects, measures), reported, and written. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "import/import-cases-internal.h"
#include "lib/division.h"
#include "lib/i18n.h"
#include "lib/timeutil.h"

/* A case as checked: the case itself, its steps, and per suspect what it
 * needs to be written. */
struct plan {
	struct drug_case c;        /* with the status its last step gives it */
	struct drug_case open;     /* as it stands while suspects and seizures are added */
	struct case_step steps[CS_COUNT];
	int nsteps;
	int nsuspects;
};

/* The steps a ledger has a column for, in the pipeline's order. */
static const struct {
	int col;
	enum case_status status;
} step_columns[] = {
	{ IC_FILED, CS_FILED },         { IC_SOLVED, CS_SOLVED },
	{ IC_REFERRED, CS_REFERRED },   { IC_PROSECUTED, CS_PROSECUTED },
	{ IC_JUDGED, CS_JUDGED },       { IC_WITHDRAWN, CS_WITHDRAWN },
};
#define NSTEP_COLUMNS ((int)(sizeof(step_columns) / sizeof(step_columns[0])))

/* ---- the case's own cells (its first row) ---- */

static const char *type_of(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const char *s = row->cells[IC_TYPE];
	const struct choice *c;
	size_t n = strlen(s);

	if (!*s)
		return "";
	c = import_choice_find(im->types, s);
	/* "贩卖毒品案": the crime's name with 案 */
	if (!c && n > 3 && !strcmp(s + n - 3, "案"))
		c = import_choice_find(im->types, arena_strndup(a, s, n - 3));
	if (c)
		return c->key;
	ic_error(&row->re, IC_TYPE,
		 arena_printf(a, _("“%s”不是有效的案件类别：请填写案件类别的名称，如“贩卖毒品”（见导入模板的填写说明）"),
			      s));
	return "";
}

static const char *source_of(struct ic_row *row, struct arena *a)
{
	const char *s = row->cells[IC_SOURCE];
	const struct choice *c;
	if (!*s)
		return "other";
	c = import_choice_find(case_sources, s);
	if (c)
		return c->key;
	ic_error(&row->re, IC_SOURCE, arena_printf(a, _("“%s”不是有效的线索来源，可填：%s"), s,
						  import_choice_labels(a, case_sources)));
	return "";
}

static const char *division_of(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const char *s = row->cells[IC_DIVISION], *code;

	if (!*s || !strcmp(s, im->division_name) || !strcmp(s, im->division))
		return im->division;
	switch (division_names_resolve(im->places, s, &code)) {
	case DIVISION_FOUND:
		return code;
	case DIVISION_AMBIGUOUS:
		ic_error(&row->re, IC_DIVISION,
			 arena_printf(a, _("“%s”有多个同名的地方，请在前面写上所属乡镇，或填写区划代码"), s));
		return "";
	case DIVISION_UNKNOWN:
		break;
	}
	/* a code: case_check says what is wrong with it */
	if (strspn(s, "0123456789") == strlen(s))
		return s;
	ic_error(&row->re, IC_DIVISION,
		 arena_printf(a, _("本辖区没有名为“%s”的乡镇（街道）或村（社区）"), s));
	return "";
}

static int64_t unit_of(struct ic_importer *im, struct ic_row *row, struct arena *a)
{
	const char *s = row->cells[IC_UNIT];
	int i;
	if (!*s)
		return 0;
	for (i = 0; i < im->nunits; i++)
		if (!strcmp(im->units[i].name, s))
			return im->units[i].id;
	ic_error(&row->re, IC_UNIT,
		 arena_printf(a, _("本辖区没有名为“%s”的单位：请填写系统中登记的单位名称"), s));
	return 0;
}

static void flags_of(struct ic_row *row, struct drug_case *c, struct arena *a)
{
	const char *p = row->cells[IC_FLAGS];
	while (*p) {
		size_t len = strcspn(p, ",;/ "), k;
		static const char *const seps[] = { "、", "，", "；", NULL };
		const struct choice *f;
		const char *item;
		for (k = 0; seps[k]; k++) {
			const char *hit = strstr(p, seps[k]);
			if (hit && (size_t)(hit - p) < len)
				len = (size_t)(hit - p);
		}
		item = import_trim(a, arena_strndup(a, p, len));
		p += len;
		p += !*p ? 0 : (unsigned char)*p < 0x80 ? 1 : 3;
		if (!*item)
			continue;
		f = import_choice_find(case_flags, item);
		if (!f) {
			ic_error(&row->re, IC_FLAGS,
				 arena_printf(a, _("“%s”不是有效的案件标记，可填：%s"), item,
					      import_choice_labels(a, case_flags)));
			continue;
		}
		if (!strcmp(f->key, "early"))
			c->early = 1;
		else if (!strcmp(f->key, "target"))
			c->target = 1;
		else if (!strcmp(f->key, "online"))
			c->online = 1;
		else
			c->small_packets = 1;
	}
}

/* The column a field of case_check belongs to. */
static int field_column(const char *field)
{
	static const struct {
		const char *field;
		int col;
	} fields[] = {
		{ "number", IC_NUMBER },           { "name", IC_NAME },
		{ "type", IC_TYPE },               { "source", IC_SOURCE },
		{ "division", IC_DIVISION },       { "unit_id", IC_UNIT },
		{ "accepted_date", IC_ACCEPTED },  { "occurred_date", IC_OCCURRED },
		{ "flags", IC_FLAGS },             { "officers", IC_OFFICERS },
		{ "description", IC_DESCRIPTION },
	};
	size_t i;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(fields[i].field, field))
			return fields[i].col;
	return IC_NCOLUMNS;
}

/* The case of the first row, checked by case_check. */
static void check_case(struct ic_importer *im, struct ic_row *row, struct arena *a,
		       struct drug_case *c)
{
	struct field_error errs[CASE_MAX_ERRORS];
	int n, i;

	memset(c, 0, sizeof(*c));
	c->number = row->cells[IC_NUMBER];
	c->name = row->cells[IC_NAME];
	c->type = type_of(im, row, a);
	c->source = source_of(row, a);
	c->division = division_of(im, row, a);
	c->unit_id = unit_of(im, row, a);
	c->officers = row->cells[IC_OFFICERS];
	c->place = row->cells[IC_PLACE];
	c->occurred_date = ic_date(row, IC_OCCURRED, a);
	c->accepted_date = ic_date(row, IC_ACCEPTED, a);
	c->description = row->cells[IC_DESCRIPTION];
	flags_of(row, c, a);
	c->status = "accepted";
	c->status_date = c->accepted_date;
	c->created_by = im->who->user_id;
	n = case_check(c, 1, &im->pol, im->who->prefix, im->today, errs);
	for (i = 0; i < n && i < CASE_MAX_ERRORS; i++)
		ic_error(&row->re, field_column(errs[i].field), _(errs[i].message));
}

/* The steps of the first row, in the pipeline's order, each by
 * case_step_check on the case as the steps before left it. */
static void check_steps(struct ic_row *row, int nsuspects, int today, struct arena *a,
			struct plan *p)
{
	struct buf why = BUF_INIT;
	int i, date;

	p->nsteps = 0;
	memset(p->steps, 0, sizeof(p->steps));
	p->steps[0].status = "accepted";
	p->steps[0].date = p->c.accepted_date;
	p->nsteps = 1;
	for (i = 0; i < NSTEP_COLUMNS; i++) {
		int col = step_columns[i].col;
		date = ic_date(row, col, a);
		if (date < 0)
			break;
		if (!date)
			continue;
		if (ic_has_error(&row->re, IC_ACCEPTED))
			break;
		buf_reset(&why);
		if (case_step_check(&p->c, p->steps, p->nsteps, nsuspects, step_columns[i].status, date,
				    today, &why) < 0) {
			ic_error(&row->re, col, arena_strdup(a, why.buf));
			break;
		}
		p->steps[p->nsteps].status = case_statuses[step_columns[i].status].key;
		p->steps[p->nsteps].date = date;
		p->nsteps++;
		p->c.status = case_statuses[step_columns[i].status].key;
		p->c.status_date = date;
	}
	buf_release(&why);
}

/* ---- seizures ---- */

static void check_seizure(struct ic_importer *im, struct plan *p, struct ic_row *row,
			  struct arena *a)
{
	struct buf why = BUF_INIT;
	struct seizure s;

	if (!row->has_seizure || !row->drug || !row->weight_ug || row->seized < 0 ||
	    (!row->seized && p->c.accepted_date <= 0))
		return;
	if (!row->seized)
		row->seized = p->c.occurred_date > 0 ? p->c.occurred_date : p->c.accepted_date;
	memset(&s, 0, sizeof(s));
	s.drug = row->drug;
	s.weight_ug = row->weight_ug;
	s.purity = row->purity;
	s.packets = row->packets;
	s.place = row->cells[IC_SEIZED_PLACE];
	s.date = row->seized;
	if (case_seizure_check(&p->open, &s, &im->pol, im->today, &why) < 0)
		ic_error(&row->re, *row->cells[IC_SEIZED] ? IC_SEIZED : IC_SEIZED_PLACE,
			 arena_strdup(a, why.buf));
	buf_release(&why);
}

/* ---- suspects ---- */

/* The column case_suspect_check refuses: the fields added one at a time,
 * in the ledger's order, until it says no. */
static int suspect_blame(const struct case_suspect *s, int birth, int today)
{
	static const int cols[] = { IC_ROLE, IC_CAUGHT, IC_HOME, IC_CAUGHT_DIVISION,
				    IC_CAUGHT_PLACE };
	struct case_suspect t;
	struct buf why = BUF_INIT;
	int i, rc = 0;

	memset(&t, 0, sizeof(t));
	t.role = "other";
	for (i = 0; i < (int)(sizeof(cols) / sizeof(cols[0])); i++) {
		if (cols[i] == IC_ROLE)
			t.role = s->role;
		else if (cols[i] == IC_CAUGHT)
			t.caught_date = s->caught_date;
		else if (cols[i] == IC_HOME)
			t.home_division = s->home_division;
		else if (cols[i] == IC_CAUGHT_DIVISION)
			t.caught_division = s->caught_division;
		else
			t.caught_place = s->caught_place;
		buf_reset(&why);
		rc = case_suspect_check(&t, birth, today, &why);
		if (rc < 0)
			break;
	}
	buf_release(&why);
	return rc < 0 ? cols[i] : IC_SUSPECT_ID;
}

/* A division code a suspect's cell gives must name a division on file. */
static int known(struct ic_importer *im, struct ic_row *row, int col, const char *code,
		 struct arena *a, struct buf *err)
{
	struct division d;
	int rc;
	if (!*code || ic_has_error(&row->re, col))
		return 0;
	rc = store_division_get(im->db, code, a, &d, err);
	if (rc == STORE_NOTFOUND)
		ic_error(&row->re, col, arena_printf(a, _("没有代码为“%s”的区划"), code));
	return rc < 0 ? -1 : 0;
}

/* The measures a row gives its suspects, each by case_measure_check
 * after those before it. */
static void check_measures(struct ic_importer *im, struct plan *p, struct ic_row *row,
			   struct arena *a)
{
	const struct {
		int col;
		const char *kind;
		int date;
	} ms[] = {
		{ IC_DETENTION, "detention", row->detention },
		{ IC_ARREST, "arrest", row->arrest },
		{ IC_BAIL, "bail", row->bail },
	};
	struct suspect_measure have[3], m;
	struct buf why = BUF_INIT;
	int i, n = 0;

	for (i = 0; i < 3; i++) {
		if (ms[i].date <= 0)
			continue;
		memset(&m, 0, sizeof(m));
		m.kind = ms[i].kind;
		m.date = ms[i].date;
		buf_reset(&why);
		if (case_measure_check(&p->open, have, n, &m, im->today, &why) < 0) {
			ic_error(&row->re, ms[i].col, arena_strdup(a, why.buf));
			continue;
		}
		have[n++] = m;
	}
	buf_release(&why);
}

/* One suspect of a row: the ID number, a file or a name, the row's facts
 * by case_suspect_check. *made: a file will be made for them. */
static int check_suspect(struct ic_importer *im, struct plan *p, struct ic_row *row,
			 struct ic_suspect *x, struct import_seen *in_case, struct arena *a,
			 int *made, int *registered, struct buf *err)
{
	struct buf why = BUF_INIT;
	struct idcard card;
	struct case_suspect s;
	struct person file;
	char hash[65];
	int64_t pid;
	int rc, first, birth;

	*made = *registered = 0;
	if (!*x->id_number || idcard_parse(x->id_number, im->today, &card, &why) < 0) {
		if (why.len)
			ic_error(&row->re, IC_SUSPECT_ID, arena_strdup(a, why.buf));
		buf_release(&why);
		return 0;
	}
	buf_release(&why);
	first = import_seen_add(in_case, card.number, row->line);
	if (first) {
		ic_error(&row->re, IC_SUSPECT_ID,
			 arena_printf(a, first == row->line
						 ? _("同一犯罪嫌疑人在本行填写了两次")
						 : _("与第 %d 行是同一犯罪嫌疑人"),
				      first));
		return 0;
	}
	x->id_number = arena_strdup(a, card.number);
	birth = card.year * 10000 + card.month * 100 + card.day;
	store_id_hash(db_store(im->db), card.number, hash);
	rc = store_person_id_by_hash(im->db, hash, &pid, err);
	if (rc == 0)
		rc = store_person_get(im->db, pid, a, &file, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		*registered = file.registered;
	} else if (!import_seen_line(&im->made, card.number)) {
		if (!*x->name)
			ic_error(&row->re,
				 import_position(&im->h, IC_SUSPECT_NAME) < TABLE_MAX_COLS
					 ? IC_SUSPECT_NAME
					 : IC_SUSPECT_ID,
				 arena_printf(a, _("身份证号 %s 尚无人员档案，请填写犯罪嫌疑人姓名"),
					      x->id_number));
		else if (strlen(x->name) > 60)
			ic_error(&row->re, IC_SUSPECT_NAME, _("姓名过长"));
		*made = 1;
	}
	memset(&s, 0, sizeof(s));
	s.role = x->role ? x->role : p->nsuspects == 1 ? "sole" : "other";
	s.caught_date = row->caught > 0 ? row->caught : 0;
	s.caught_place = row->cells[IC_CAUGHT_PLACE];
	s.caught_division = ic_has_error(&row->re, IC_CAUGHT_DIVISION) ? ""
									 : row->cells[IC_CAUGHT_DIVISION];
	s.home_division = row->home;
	if (case_suspect_check(&s, birth, im->today, &why) < 0)
		ic_error(&row->re, suspect_blame(&s, birth, im->today), arena_strdup(a, why.buf));
	buf_release(&why);
	if (known(im, row, IC_HOME, s.home_division, a, err) < 0 ||
	    known(im, row, IC_CAUGHT_DIVISION, s.caught_division, a, err) < 0)
		return -1;
	check_measures(im, p, row, a);
	return 0;
}

/* ---- reporting ---- */

static const char *header_of(const struct ic_importer *im, int col)
{
	return import_position(&im->h, col) < TABLE_MAX_COLS ? im->h.header_of[col] : "";
}

/* The row's errors, left to right in the file. Returns how many. */
static int report_row(struct ic_importer *im, const struct ic_row *row)
{
	int done[IC_MAX_ERRORS] = { 0 }, i, k, best;

	for (k = 0; k < row->re.n; k++) {
		best = -1;
		for (i = 0; i < row->re.n; i++)
			if (!done[i] && (best < 0 || import_position(&im->h, row->re.e[i].col) <
							     import_position(&im->h, row->re.e[best].col)))
				best = i;
		done[best] = 1;
		import_report_add(im->rep, row->line, header_of(im, row->re.e[best].col),
				  row->re.e[best].message, 0);
	}
	return row->re.n;
}

/* ---- writing ---- */

static int write_case(struct ic_importer *im, struct ic_case *k, struct plan *p,
		      struct buf *err)
{
	struct ic_row *first = &k->rows[0];
	size_t r;
	int i, j, rc, nsus = 0, nseized = 0;
	char id[24];

	if (store_case_add(im->db, &p->c, err) != 0) {
		if (!err->len)
			buf_setf(err, "case number '%s' taken twice", p->c.number);
		return -1;
	}
	for (i = 0; i < p->nsteps; i++) {
		p->steps[i].case_id = p->c.id;
		p->steps[i].doc_no = "";
		p->steps[i].note = i ? "" : "导入";
		p->steps[i].user_id = im->who->user_id;
		if (store_case_step_add(im->db, &p->steps[i], err) < 0)
			return -1;
	}
	p->open.id = p->c.id;
	for (r = 0; r < k->nrows; r++) {
		struct ic_row *row = &k->rows[r];
		for (j = 0; j < row->nsuspects; j++) {
			const struct ic_suspect *x = &row->suspects[j];
			struct suspect_input in = { x->id_number, x->name, "" };
			struct case_suspect s;
			int made, registered;
			const struct {
				const char *kind;
				int date;
			} ms[] = { { "detention", row->detention }, { "arrest", row->arrest },
				   { "bail", row->bail } };
			memset(&s, 0, sizeof(s));
			s.case_id = p->c.id;
			s.role = x->role ? x->role : p->nsuspects == 1 ? "sole" : "other";
			s.caught_date = row->caught;
			s.caught_place = row->cells[IC_CAUGHT_PLACE];
			s.caught_division = row->cells[IC_CAUGHT_DIVISION];
			s.home_division = row->home;
			s.note = "";
			rc = case_suspect_record(im->db, im->who, &p->open, &s, &in, &k->a, &made,
						 &registered, err);
			if (rc < 0)
				return -1;
			if (rc) {
				/* what the checks above let pass and the rule did not */
				ic_error(&row->re, IC_SUSPECT_ID, arena_strdup(&k->a, err->buf));
				buf_reset(err);
				return 1;
			}
			for (i = 0; i < 3; i++) {
				struct suspect_measure m;
				if (ms[i].date <= 0)
					continue;
				memset(&m, 0, sizeof(m));
				m.suspect_id = s.id;
				m.kind = ms[i].kind;
				m.date = ms[i].date;
				m.doc_no = m.sentence = m.note = "";
				m.user_id = im->who->user_id;
				if (store_suspect_measure_add(im->db, &m, err) != 0)
					return -1;
			}
			nsus++;
		}
		if (row->has_seizure) {
			struct seizure s;
			memset(&s, 0, sizeof(s));
			s.case_id = p->c.id;
			s.drug = row->drug;
			s.weight_ug = row->weight_ug;
			s.purity = row->purity;
			s.packets = row->packets;
			s.place = row->cells[IC_SEIZED_PLACE];
			s.date = row->seized;
			s.note = "";
			s.user_id = im->who->user_id;
			if (store_seizure_add(im->db, &s, err) < 0)
				return -1;
			nseized++;
		}
	}
	snprintf(id, sizeof(id), "%" PRId64, p->c.id);
	if (audit_log(im->db, im->who, "create", "case", id, p->c.division,
		      arena_printf(&k->a, "导入：%s（%s 第 %d 行；犯罪嫌疑人 %d 名，缴获 %d 宗）",
				   p->c.name, im->file_name, first->line, nsus, nseized),
		      NULL, err) < 0)
		return -1;
	im->counts->links += (int64_t)nsus * (nsus - 1) / 2;
	if (!im->rep->first_id)
		im->rep->first_id = p->c.id;
	im->rep->last_id = p->c.id;
	im->rep->imported++;
	return 0;
}

/* ---- one case ---- */

int ic_case_done(struct ic_importer *im, struct ic_case *k, struct buf *err)
{
	struct ic_row *first = &k->rows[0];
	struct import_seen in_case;
	struct plan p;
	int64_t other;
	size_t r;
	int j, rc, bad = 0, made, registered, nmade = 0, nreg = 0, nseized = 0, ret = -1;

	memset(&in_case, 0, sizeof(in_case));
	memset(&p, 0, sizeof(p));
	check_case(im, first, &k->a, &p.c);
	if (*p.c.number && !ic_has_error(&first->re, IC_NUMBER)) {
		rc = store_case_id_by_number(im->db, p.c.number, &other, err);
		if (rc < 0)
			goto out;
		if (rc == 0) {
			/* on record: left alone, whatever else its rows say */
			im->rep->existing++;
			import_report_add(im->rep, first->line, header_of(im, IC_NUMBER),
					  arena_printf(&k->a, _("案件编号 %s 已登记，跳过"), p.c.number),
					  1);
			ret = 0;
			goto out;
		}
	}
	p.open = p.c;
	for (r = 0; r < k->nrows; r++)
		p.nsuspects += k->rows[r].nsuspects;
	for (r = 0; r < k->nrows; r++) {
		struct ic_row *row = &k->rows[r];
		for (j = 0; j < row->nsuspects; j++) {
			if (check_suspect(im, &p, row, &row->suspects[j], &in_case, &k->a, &made,
					  &registered, err) < 0)
				goto out;
			nmade += made;
			nreg += registered;
		}
		check_seizure(im, &p, row, &k->a);
		nseized += row->has_seizure;
	}
	check_steps(first, p.nsuspects, im->today, &k->a, &p);
	for (r = 0; r < k->nrows; r++)
		if (report_row(im, &k->rows[r])) {
			im->rep->rejected++;
			bad = 1;
		}
	if (bad) {
		im->writing = 0;
		ret = 0;
		goto out;
	}
	im->rep->valid++;
	im->counts->suspects += p.nsuspects;
	im->counts->new_files += nmade;
	im->counts->registered += nreg;
	im->counts->seizures += nseized;
	/* the files this case makes are on record for the cases after it */
	for (r = 0; r < k->nrows; r++)
		for (j = 0; j < k->rows[r].nsuspects; j++)
			import_seen_add(&im->made, k->rows[r].suspects[j].id_number, k->rows[r].line);
	ret = 0;
	if (im->writing) {
		rc = write_case(im, k, &p, err);
		if (rc == 1) {
			/* refused while writing: reported on its row, nothing kept */
			for (r = 0; r < k->nrows; r++)
				if (report_row(im, &k->rows[r]))
					im->rep->rejected++;
			im->rep->valid--;
			im->writing = 0;
		}
		ret = rc < 0 ? -1 : 0;
	}
out:
	import_seen_release(&in_case);
	return ret;
}
