-- 0009-methadone.sql - 美沙酮维持治疗服药依从性: one row per person and month.
--
-- A person on methadone maintenance (an `assistance` record of kind
-- 'methadone': the clinic and the enrolment date) has, month by month, the
-- days they should have dosed and the days they did, and the average daily
-- dose, entered by hand or imported from the clinic's monthly spreadsheet.
-- The rules (enrolled by the month's end, not a future month, days within
-- the month) are in src/domain/methadone.c; entering a month again replaces
-- it. month is YYYYMM; the dose is kept in tenths of a milligram.
CREATE TABLE methadone_month (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	month       INTEGER NOT NULL CHECK (month % 100 BETWEEN 1 AND 12),
	clinic      TEXT NOT NULL DEFAULT '',
	days_due    INTEGER NOT NULL CHECK (days_due BETWEEN 1 AND 31),
	days_taken  INTEGER NOT NULL CHECK (days_taken BETWEEN 0 AND days_due),
	dose_tenths INTEGER NOT NULL CHECK (dose_tenths BETWEEN 0 AND 10000),
	source      TEXT NOT NULL CHECK (source IN ('entered','imported')),
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	UNIQUE (person_id, month)
) STRICT;
-- Counts for bulletins go by month range first.
CREATE INDEX methadone_month_month ON methadone_month(month, person_id);
