-- 0013-cases.sql - 毒品案件: cases and their steps, seizures, destructions, suspects, assets.
--
-- Dates are YYYYMMDD integers (0 = none). Coded values are the keys of the
-- lists in src/domain/case.c; case types and drugs are keys of the policy's
-- "cases" section (src/domain/policy-case.c), so an office can add to them.

-- A case belongs to its division: users see the cases of their subtree.
-- status is the step it is at (src/domain/case.c has the pipeline);
-- status_date the day of that step. Flags: 检察机关提前介入 (early),
-- 目标案件 (target), 网络涉毒 (online), 零包 (small_packets).
CREATE TABLE drug_case (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	type          TEXT NOT NULL,
	source        TEXT NOT NULL,
	status        TEXT NOT NULL CHECK (status IN ('accepted','filed','investigating','solved',
	                                               'referred','prosecuted','judged','withdrawn')),
	division      TEXT NOT NULL REFERENCES division(code),
	unit_id       INTEGER REFERENCES unit(id),
	officers      TEXT NOT NULL DEFAULT '',
	place         TEXT NOT NULL DEFAULT '',
	occurred_date INTEGER NOT NULL DEFAULT 0,
	accepted_date INTEGER NOT NULL,
	status_date   INTEGER NOT NULL,
	description   TEXT NOT NULL DEFAULT '',
	early         INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0,1)),
	target        INTEGER NOT NULL DEFAULT 0 CHECK (target IN (0,1)),
	online        INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0,1)),
	small_packets INTEGER NOT NULL DEFAULT 0 CHECK (small_packets IN (0,1)),
	created_by    INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX drug_case_division ON drug_case(division, accepted_date);
CREATE INDEX drug_case_accepted ON drug_case(accepted_date);

-- Every step of the pipeline with its date, the first (受理) included; a
-- case sent back for 补充侦查 has more than one 侦查.
CREATE TABLE case_step (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES drug_case(id),
	status     TEXT NOT NULL,
	date       INTEGER NOT NULL,
	doc_no     TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	user_id    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_step_case ON case_step(case_id, date);

-- 公开销毁: a destruction of seized drugs, in the area of the division.
CREATE TABLE destruction (
	id         INTEGER PRIMARY KEY,
	division   TEXT NOT NULL REFERENCES division(code),
	date       INTEGER NOT NULL,
	place      TEXT NOT NULL,
	witnesses  TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	user_id    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
) STRICT;

-- 缴获毒品. weight_ug: micrograms, exact (a gram drug is entered to 0.01 g,
-- a milligram drug such as 二氢埃托啡 to 0.01 mg); purity in tenths of a
-- percent, -1 when not known; packets: 零包 counted.
CREATE TABLE seizure (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES drug_case(id),
	drug           TEXT NOT NULL,
	weight_ug      INTEGER NOT NULL CHECK (weight_ug > 0),
	purity         INTEGER NOT NULL DEFAULT -1 CHECK (purity BETWEEN -1 AND 1000),
	packets        INTEGER NOT NULL DEFAULT 0 CHECK (packets >= 0),
	place          TEXT NOT NULL DEFAULT '',
	date           INTEGER NOT NULL,
	note           TEXT NOT NULL DEFAULT '',
	destruction_id INTEGER REFERENCES destruction(id),
	user_id        INTEGER NOT NULL DEFAULT 0,
	created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX seizure_case ON seizure(case_id);
CREATE INDEX seizure_drug ON seizure(drug, date);
CREATE INDEX seizure_destruction ON seizure(destruction_id);

-- 犯罪嫌疑人: a person file (registered drug user or not, person.registered)
-- in a case. home_division: household township (户籍地); caught_division:
-- where caught; outflow = 1 for 外流贩毒 (caught outside the county of the
-- case, household inside it), kept for the statistics by home township.
CREATE TABLE case_suspect (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES drug_case(id),
	person_id       INTEGER NOT NULL REFERENCES person(id),
	role            TEXT NOT NULL,
	caught_date     INTEGER NOT NULL DEFAULT 0,
	caught_place    TEXT NOT NULL DEFAULT '',
	caught_division TEXT NOT NULL DEFAULT '',
	home_division   TEXT NOT NULL DEFAULT '',
	outflow         INTEGER NOT NULL DEFAULT 0 CHECK (outflow IN (0,1)),
	note            TEXT NOT NULL DEFAULT '',
	user_id         INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL,
	UNIQUE (case_id, person_id)
) STRICT;
CREATE INDEX case_suspect_person ON case_suspect(person_id);
CREATE INDEX case_suspect_home ON case_suspect(home_division) WHERE outflow = 1;

-- 强制措施 and the outcome: 刑事拘留, 逮捕, 取保候审, 监视居住, 起诉, 判决
-- (with the sentence), one of each kind per suspect.
CREATE TABLE suspect_measure (
	id         INTEGER PRIMARY KEY,
	suspect_id INTEGER NOT NULL REFERENCES case_suspect(id),
	kind       TEXT NOT NULL CHECK (kind IN ('detention','arrest','bail','surveillance',
	                                         'prosecution','judgment')),
	date       INTEGER NOT NULL,
	doc_no     TEXT NOT NULL DEFAULT '',
	sentence   TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	user_id    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	UNIQUE (suspect_id, kind)
) STRICT;

-- 毒资 (drug money) and 涉毒资产 (assets), amounts in fen.
CREATE TABLE case_asset (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES drug_case(id),
	category    TEXT NOT NULL CHECK (category IN ('drug_money','asset')),
	kind        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
	date        INTEGER NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX case_asset_case ON case_asset(case_id);
