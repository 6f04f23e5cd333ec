-- 0008-assist.sql - 协查: one area asks another to find or check a person.
--
-- A 脱管失控 flag opens one (or more): the person's area asks the area where
-- the person is believed to be. The asked area sees the request on its
-- worklist with what is known, not the person's file, and answers; the
-- answer comes back to the person's page and the asking area's worklist.
CREATE TABLE assist_request (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER NOT NULL REFERENCES person(id),
	flag_id       INTEGER REFERENCES control_flag(id),
	from_division TEXT NOT NULL,             -- the asking area (the person's division then)
	to_division   TEXT NOT NULL REFERENCES division(code),
	reason        TEXT NOT NULL,             -- what is known: where last seen, phones, vehicles
	status        TEXT NOT NULL CHECK (status IN ('requested', 'answered')),
	found         INTEGER NOT NULL DEFAULT 0, -- the answer: the person was found
	answer        TEXT NOT NULL DEFAULT '',
	requested_by  INTEGER NOT NULL,
	requested_at  INTEGER NOT NULL,
	answered_by   INTEGER NOT NULL DEFAULT 0,
	answered_at   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX assist_to ON assist_request(to_division, status);
CREATE INDEX assist_from ON assist_request(from_division, status);
CREATE INDEX assist_person ON assist_request(person_id);
