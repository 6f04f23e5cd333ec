-- 0014-network.sql - 打团伙、摧网络: entities (persons, phones, vehicles, ...) and dated, typed links between them.
--
-- An entity is one thing a network is made of, known by its kind and its
-- value as matched (`norm`: a phone number's digits, a plate in upper case,
-- an address without spaces), so the same phone recorded by two cases is
-- one node. A person is known by their ID number, never stored here in
-- clear: `norm` is its keyed hash, the same as person.id_hash, so the file
-- of a registered person is found by it (person_id), and a file made later
-- is found too; `id_masked` is what lists show.
--
-- Who sees what: a link belongs to the division where it was recorded; a
-- user sees the links of their area and the entities those links touch, and
-- the entities recorded in their area. An entity belongs to the division
-- where it was first recorded.
CREATE TABLE net_entity (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('person', 'phone', 'vehicle', 'address',
	                                          'bank_account', 'online_account')),
	value       TEXT NOT NULL,                -- as shown: 13979651207, 赣D12345, a person's name
	norm        TEXT NOT NULL,                -- as matched
	person_id   INTEGER REFERENCES person(id),
	id_masked   TEXT NOT NULL DEFAULT '',     -- persons: 3608**********1234
	division    TEXT NOT NULL REFERENCES division(code),
	note        TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	UNIQUE (kind, norm)
) STRICT;
CREATE INDEX net_entity_division ON net_entity(division);
CREATE INDEX net_entity_person ON net_entity(person_id);

-- A spreadsheet of links imported at once: the source of its links.
CREATE TABLE net_batch (
	id          INTEGER PRIMARY KEY,
	file        TEXT NOT NULL,
	rows_read   INTEGER NOT NULL,
	links       INTEGER NOT NULL,
	entities    INTEGER NOT NULL,             -- entities it created
	division    TEXT NOT NULL,                -- the importer's area
	user_id     INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;

-- A link from one entity to another: what (通话, 转账, 同住 ...), when (a
-- day, a range, or 0 when not known), and from where: entered by hand, a
-- case record, or an import batch. case_id names a row of the cases table
-- (drug_case), kept without a foreign key so either can be loaded first;
-- case_no is the case number as the source wrote it.
CREATE TABLE net_link (
	id          INTEGER PRIMARY KEY,
	from_id     INTEGER NOT NULL REFERENCES net_entity(id),
	to_id       INTEGER NOT NULL REFERENCES net_entity(id),
	kind        TEXT NOT NULL CHECK (kind IN ('call', 'transfer', 'cohabit', 'same_vehicle',
	                                          'parcel', 'same_case', 'together', 'holds',
	                                          'lives')),
	date_from   INTEGER NOT NULL DEFAULT 0,   -- YYYYMMDD, 0: not known
	date_to     INTEGER NOT NULL DEFAULT 0,   -- the last day; = date_from for one day
	source      TEXT NOT NULL CHECK (source IN ('entered', 'case', 'import')),
	batch_id    INTEGER REFERENCES net_batch(id),
	case_id     INTEGER,
	case_no     TEXT NOT NULL DEFAULT '',
	division    TEXT NOT NULL REFERENCES division(code),
	note        TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	CHECK (from_id <> to_id),
	CHECK (date_to = 0 OR date_to >= date_from)
) STRICT;
CREATE INDEX net_link_from ON net_link(from_id, to_id, kind);
CREATE INDEX net_link_to ON net_link(to_id);
CREATE INDEX net_link_division ON net_link(division);
CREATE INDEX net_link_case ON net_link(case_id);
CREATE INDEX net_link_batch ON net_link(batch_id);
