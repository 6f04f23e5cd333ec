-- 0003-person-control.sql - measures, tests, contacts, absences, flags, assistance, policy.
--
-- Dates are YYYYMMDD integers (0 = none). Coded values are the keys of the
-- lists in src/domain/*.c and docs/glossary.md.

ALTER TABLE person ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN residence_division TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN addiction_date INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN addiction_doc TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN family TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN risk_level TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN risk_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN risk_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN clean_since INTEGER NOT NULL DEFAULT 0;
CREATE INDEX person_pinyin ON person(name_pinyin);
CREATE INDEX person_initials ON person(name_initials);
CREATE INDEX person_risk ON person(risk_level);

-- 戒毒措施: one row per measure decided for a person. The state machine in
-- src/domain/measure.c decides which changes are allowed.
CREATE TABLE measure (
	id                 INTEGER PRIMARY KEY,
	person_id          INTEGER NOT NULL REFERENCES person(id),
	kind               TEXT NOT NULL CHECK (kind IN ('voluntary','community','compulsory','rehab','facility')),
	status             TEXT NOT NULL CHECK (status IN ('decided','active','suspended','ended')),
	decision_no        TEXT NOT NULL DEFAULT '',
	decision_date      INTEGER NOT NULL,
	authority          TEXT NOT NULL DEFAULT '',
	division           TEXT NOT NULL REFERENCES division(code),
	unit_id            INTEGER REFERENCES unit(id),
	worker_id          INTEGER REFERENCES user(id),
	agreement_date     INTEGER NOT NULL DEFAULT 0,
	report_deadline    INTEGER NOT NULL DEFAULT 0,
	start_date         INTEGER NOT NULL DEFAULT 0,
	planned_end        INTEGER NOT NULL DEFAULT 0,
	actual_end         INTEGER NOT NULL DEFAULT 0,
	end_reason         TEXT NOT NULL DEFAULT '',
	suspended_since    INTEGER NOT NULL DEFAULT 0,
	suspended_days     INTEGER NOT NULL DEFAULT 0,
	extended_days      INTEGER NOT NULL DEFAULT 0,
	previous_id        INTEGER REFERENCES measure(id),
	note               TEXT NOT NULL DEFAULT '',
	created_at         INTEGER NOT NULL,
	updated_at         INTEGER NOT NULL,
	version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX measure_person ON measure(person_id);
CREATE INDEX measure_division ON measure(division, status);
CREATE INDEX measure_worker ON measure(worker_id, status);

-- Every step of a measure's life, for its history and the person's timeline.
CREATE TABLE measure_event (
	id          INTEGER PRIMARY KEY,
	measure_id  INTEGER NOT NULL REFERENCES measure(id),
	kind        TEXT NOT NULL,
	date        INTEGER NOT NULL,
	doc_no      TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX measure_event_measure ON measure_event(measure_id, date);

-- 执行地变更: asked by one township, accepted or refused by another.
CREATE TABLE transfer (
	id            INTEGER PRIMARY KEY,
	measure_id    INTEGER NOT NULL REFERENCES measure(id),
	from_division TEXT NOT NULL,
	to_division   TEXT NOT NULL REFERENCES division(code),
	reason        TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL CHECK (status IN ('requested','accepted','refused')),
	requested_by  INTEGER NOT NULL,
	requested_at  INTEGER NOT NULL,
	decided_by    INTEGER NOT NULL DEFAULT 0,
	decided_at    INTEGER NOT NULL DEFAULT 0,
	decision_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX transfer_to ON transfer(to_division, status);

-- 吸毒检测: urine, hair, saliva or blood tests; refusals and evasions too.
CREATE TABLE drug_test (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	measure_id  INTEGER REFERENCES measure(id),
	date        INTEGER NOT NULL,
	method      TEXT NOT NULL CHECK (method IN ('urine','hair','saliva','blood')),
	result      TEXT NOT NULL CHECK (result IN ('negative','positive','refused','evaded')),
	substances  TEXT NOT NULL DEFAULT '',
	tester      TEXT NOT NULL DEFAULT '',
	sample_no   TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX drug_test_person ON drug_test(person_id, date);

-- 走访、谈话、报告: home visits, help-and-education talks, the person's reports.
CREATE TABLE contact (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	measure_id  INTEGER REFERENCES measure(id),
	kind        TEXT NOT NULL CHECK (kind IN ('visit','talk','report')),
	date        INTEGER NOT NULL,
	outcome     TEXT NOT NULL CHECK (outcome IN ('met','not_found','unreachable')),
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX contact_person ON contact(person_id, date);

-- 离开县域: for 严重违反协议 (≥3 times or >30 days without permission).
CREATE TABLE absence (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	measure_id  INTEGER REFERENCES measure(id),
	start_date  INTEGER NOT NULL,
	end_date    INTEGER NOT NULL DEFAULT 0,
	permitted   INTEGER NOT NULL DEFAULT 0,
	destination TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX absence_person ON absence(person_id, start_date);

-- 脱管失控 and its recovery; 复吸.
CREATE TABLE control_flag (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER NOT NULL REFERENCES person(id),
	kind          TEXT NOT NULL CHECK (kind IN ('lost','relapse','violation')),
	date          INTEGER NOT NULL,
	reason        TEXT NOT NULL DEFAULT '',
	evidence      TEXT NOT NULL DEFAULT '',
	resolved_date INTEGER NOT NULL DEFAULT 0,
	resolution    TEXT NOT NULL DEFAULT '',
	user_id       INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX control_flag_person ON control_flag(person_id, kind);
CREATE INDEX control_flag_open ON control_flag(kind, resolved_date);

-- 帮扶: employment, training, counselling, methadone, medical, subsistence aid.
CREATE TABLE assistance (
	id          INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	kind        TEXT NOT NULL CHECK (kind IN ('employment','training','counselling','methadone','medical','subsistence')),
	start_date  INTEGER NOT NULL,
	end_date    INTEGER NOT NULL DEFAULT 0,
	provider    TEXT NOT NULL DEFAULT '',
	detail      TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX assistance_person ON assistance(person_id, start_date);

-- Versioned policy (obligation schedule, risk model, lost-control rule, relapse
-- proposals) as JSON; the newest version is in force. Version 0 is the
-- built-in default of src/domain/policy.c and is not stored.
CREATE TABLE policy (
	version     INTEGER PRIMARY KEY,
	body        TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
