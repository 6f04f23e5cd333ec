-- 0004-person-search.sql - indexes that answer the search box without reading every file.
--
-- person_key holds, per person, the strings a search may begin with, each
-- behind a one-letter kind:
--   n  every suffix of the name and of the alias (so part of a name is a
--      prefix of one of them: "诗琪" finds 彭诗琪 through "n诗琪")
--   p  the full pinyin and the initials ("pengshiqi", "psq")
--   t  the last four characters of the ID number (as the masked form keeps them)
--   h  every suffix of five or more digits of the phone number's digits
--   a  every two consecutive characters of either address (longer pieces
--      of an address are found through person_address below)
-- A search is then a few range scans of this table's primary key. The rows
-- are written by the store whenever a person is added or changed
-- (src/store/sqlite-person.c), and for the files already here right after
-- this migration, in the same transaction.
CREATE TABLE person_key (
	key       TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES person(id),
	PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_key_person ON person_key(person_id);

-- Addresses are searched by any three or more consecutive characters:
-- SQLite's FTS5 with its trigram tokenizer over the person table's two
-- address columns, kept up to date by triggers.
CREATE VIRTUAL TABLE person_address USING fts5(
	residence_address, household_address,
	content = 'person', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER person_address_insert AFTER INSERT ON person BEGIN
	INSERT INTO person_address(rowid, residence_address, household_address)
	VALUES (new.id, new.residence_address, new.household_address);
END;
CREATE TRIGGER person_address_update
AFTER UPDATE OF residence_address, household_address ON person BEGIN
	INSERT INTO person_address(person_address, rowid, residence_address, household_address)
	VALUES ('delete', old.id, old.residence_address, old.household_address);
	INSERT INTO person_address(rowid, residence_address, household_address)
	VALUES (new.id, new.residence_address, new.household_address);
END;
CREATE TRIGGER person_address_delete AFTER DELETE ON person BEGIN
	INSERT INTO person_address(person_address, rowid, residence_address, household_address)
	VALUES ('delete', old.id, old.residence_address, old.household_address);
	DELETE FROM person_key WHERE person_id = old.id;
END;
INSERT INTO person_address(person_address) VALUES ('rebuild');

-- The list without a search: counting the files of an area under the
-- filters of the list page reads this index alone, never the files.
DROP INDEX person_division;
DROP INDEX person_pinyin;
DROP INDEX person_initials;
CREATE INDEX person_browse ON person(division, closed_date, control_status, addiction,
	registered, first_found_date, risk_level, drug_types, special_status);
-- and the list's other orders, so a page of a large area is found by
-- walking an index instead of sorting the area
CREATE INDEX person_birth ON person(birth_date);
CREATE INDEX person_updated ON person(updated_at);
CREATE INDEX person_status ON person(control_status);
