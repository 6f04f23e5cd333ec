-- 0001-foundation.sql - divisions, units, users, sessions, tokens, audit log, person files.
--
-- Dates are YYYYMMDD integers, times are Unix seconds. Division codes are
-- GB/T 2260 (6 digits) and NBS 统计用区划代码 (9 digits township, 12 village);
-- `prefix` holds the significant digits so that a subtree is `LIKE prefix||'%'`.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE division (
	code   TEXT PRIMARY KEY,
	name   TEXT NOT NULL,
	parent TEXT,
	level  INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
	prefix TEXT NOT NULL
) STRICT;
CREATE INDEX division_parent ON division(parent);
CREATE INDEX division_prefix ON division(prefix);

CREATE TABLE unit (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('office','police','station','township','member','facility','other')),
	division   TEXT NOT NULL REFERENCES division(code),
	phone      TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX unit_division ON unit(division);

CREATE TABLE user (
	id             INTEGER PRIMARY KEY,
	login          TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name           TEXT NOT NULL,
	role           TEXT NOT NULL,
	division       TEXT NOT NULL REFERENCES division(code),
	unit_id        INTEGER REFERENCES unit(id),
	phone          TEXT NOT NULL DEFAULT '',
	password_hash  TEXT NOT NULL,
	lang           TEXT NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh','en')),
	totp_secret    TEXT NOT NULL DEFAULT '',
	totp_enabled   INTEGER NOT NULL DEFAULT 0,
	disabled       INTEGER NOT NULL DEFAULT 0,
	failed_logins  INTEGER NOT NULL DEFAULT 0,
	locked_until   INTEGER NOT NULL DEFAULT 0,
	created_at     INTEGER NOT NULL,
	last_login_at  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES user(id),
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	ip         TEXT NOT NULL DEFAULT '',
	mfa_done   INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE api_token (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES user(id),
	token_hash   TEXT NOT NULL UNIQUE,
	label        TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	last_used_at INTEGER NOT NULL DEFAULT 0,
	revoked      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Append-only, hash-chained: hash = keyed BLAKE2b over prev_hash and the
-- entry's fields (see src/domain/audit.c). Triggers refuse edits through SQL;
-- `jindu audit verify` catches edits made behind SQLite's back.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	ts        INTEGER NOT NULL,
	user_id   INTEGER NOT NULL DEFAULT 0,
	login     TEXT NOT NULL DEFAULT '',
	ip        TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL DEFAULT '',
	division  TEXT NOT NULL DEFAULT '',
	summary   TEXT NOT NULL DEFAULT '',
	changes   TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_user ON audit(user_id, ts);
CREATE INDEX audit_ts ON audit(ts);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END;

-- 吸毒人员档案. The ID number is stored sealed (id_enc) with a keyed hash for
-- exact search (id_hash) and a masked form for lists; never in clear.
CREATE TABLE person (
	id                 INTEGER PRIMARY KEY,
	id_enc             BLOB NOT NULL,
	id_hash            TEXT NOT NULL UNIQUE,
	id_masked          TEXT NOT NULL,
	name               TEXT NOT NULL,
	alias              TEXT NOT NULL DEFAULT '',
	sex                TEXT NOT NULL CHECK (sex IN ('M','F')),
	birth_date         INTEGER NOT NULL,
	ethnicity          TEXT NOT NULL DEFAULT '',
	phone              TEXT NOT NULL DEFAULT '',
	household_division TEXT NOT NULL DEFAULT '',
	household_address  TEXT NOT NULL DEFAULT '',
	residence_address  TEXT NOT NULL DEFAULT '',
	division           TEXT NOT NULL REFERENCES division(code),
	registered         INTEGER NOT NULL DEFAULT 1,
	control_status     TEXT NOT NULL DEFAULT 'in_control',
	addiction          TEXT NOT NULL DEFAULT 'use',
	drug_types         TEXT NOT NULL DEFAULT '',
	first_found_date   INTEGER NOT NULL DEFAULT 0,
	first_found_unit   TEXT NOT NULL DEFAULT '',
	employment         TEXT NOT NULL DEFAULT '',
	special_status     TEXT NOT NULL DEFAULT '',
	note               TEXT NOT NULL DEFAULT '',
	closed_reason      TEXT NOT NULL DEFAULT '',
	closed_date        INTEGER NOT NULL DEFAULT 0,
	created_at         INTEGER NOT NULL,
	updated_at         INTEGER NOT NULL,
	version            INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX person_division ON person(division);
CREATE INDEX person_name ON person(name);
CREATE INDEX person_found ON person(first_found_date);
