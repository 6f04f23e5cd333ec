/* import-cases-internal.h - what the files of the case import share: a case's rows as read, and the importer. */
#ifndef JINDU_IMPORT_CASES_INTERNAL_H
#define JINDU_IMPORT_CASES_INTERNAL_H

#include "domain/case.h"
#include "import/division-names.h"
#include "import/import-cases.h"
#include "import/import-common.h"
#include "lib/idcard.h"

/*
 * import-cases.c reads each row into a struct ic_row (cells that cannot be
 * read are errors of the row), gathers the rows of one case, and when the
 * next case begins hands them to import-case-check.c, which checks the case
 * by the rules of the pages and, when writing, writes it.
 * Only src/import/import-case*.c include this header.
 */

/* One row's errors by column (IC_NCOLUMNS: the row as a whole). */
#define IC_MAX_ERRORS 24
struct ic_errors {
	struct {
		int col;
		const char *message;
	} e[IC_MAX_ERRORS];
	int n;
};

/* A suspect as a row names them. */
struct ic_suspect {
	const char *id_number;  /* as cleaned, not yet checked */
	const char *name;       /* "" when not given */
	const char *role;       /* a key of case_suspect_roles; NULL: as the case has it */
};

struct ic_row {
	int line;
	const char *cells[IC_NCOLUMNS]; /* trimmed, "" for a column the file lacks */
	struct ic_errors re;
	/* the seizure (has_seizure), its date 0 until the case gives one */
	int has_seizure;
	const char *drug;       /* a key of the catalogue */
	int64_t weight_ug;
	int packets, purity, seized;
	/* the suspects, and what holds for each of them */
	struct ic_suspect *suspects;
	int nsuspects;
	const char *home;       /* a division code, "" */
	int caught, detention, arrest, bail;
};

struct ic_case {
	struct arena a;         /* the rows and all they hold, until the case is done */
	int active;
	int example;            /* the template's example: left out */
	const char *number;
	struct ic_row *rows;
	size_t nrows, arows;
};

struct ic_importer {
	struct db *db;
	const struct actor *who;
	const char *division;          /* where a case without one goes */
	const char *division_name;
	struct import_report *rep;
	struct import_cases_counts *counts;
	const struct import_mapping *map;
	const char *file_name;
	struct import_header h;
	struct policy pol;
	const struct choice *types;    /* the policy's case types as choices */
	struct division_names *places; /* townships and villages of who's area */
	struct unit *units;            /* units of who's area */
	int nunits;
	struct arena a;                /* types and units */
	int today;
	int writing;                   /* in the transaction, nothing rejected so far */
	struct import_seen numbers;    /* case numbers, where each case began */
	struct import_seen made;       /* ID numbers of persons a case of the file makes */
	struct ic_case cur;
};

/* An error of the row in col, unless col has one already. */
void ic_error(struct ic_errors *re, int col, const char *message);
int ic_has_error(const struct ic_errors *re, int col);
/* A date cell: YYYYMMDD, 0 when empty; -1 with an error in re. */
int ic_date(struct ic_row *row, int col, struct arena *a);

/* import-case-check.c: checks the case of k (its first row holds the
 * case) into its rows' errors, then reports them, counts it and, while
 * writing, writes it. 0 or -1 (err). */
int ic_case_done(struct ic_importer *im, struct ic_case *k, struct buf *err);

#endif
