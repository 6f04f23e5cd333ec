-- 0010-feeds.sql - 动态管控预警: partner feeds, their batches, the events that hit a watched person, alerts.
--
-- Data minimisation: an event that matches nobody on the watchlist is
-- counted and forgotten; only the events of watched persons are kept
-- (their trajectory), each once per source and event id.

-- A partner source (hotel check-ins, internet cafés, parcels, tickets,
-- finance), with its owner unit and its own API token (only a keyed hash).
CREATE TABLE feed_source (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,          -- in URLs and commands: hotel-yf
	kind        TEXT NOT NULL CHECK (kind IN ('hotel', 'netcafe', 'logistics', 'transport',
	                                            'finance', 'other')),
	label       TEXT NOT NULL DEFAULT '',
	unit_id     INTEGER REFERENCES unit(id),
	token_hash  TEXT NOT NULL UNIQUE,
	disabled    INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL
) STRICT;

-- A file or request, known by its digest: a batch delivered again is
-- recognised as a whole. Its row and everything it found are written in
-- one transaction, so a batch is there whole or not at all.
CREATE TABLE feed_batch (
	id          INTEGER PRIMARY KEY,
	source_id   INTEGER NOT NULL REFERENCES feed_source(id),
	digest      TEXT NOT NULL,
	name        TEXT NOT NULL DEFAULT '',
	lines_read  INTEGER NOT NULL,
	matched     INTEGER NOT NULL,
	unmatched   INTEGER NOT NULL,
	duplicates  INTEGER NOT NULL,
	rejected    INTEGER NOT NULL,
	alerts      INTEGER NOT NULL,
	user_id     INTEGER NOT NULL DEFAULT 0,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER NOT NULL,
	UNIQUE (source_id, digest)
) STRICT;

-- The events of watched persons: where and when they were seen.
CREATE TABLE feed_event (
	id          INTEGER PRIMARY KEY,
	source_id   INTEGER NOT NULL REFERENCES feed_source(id),
	event_id    TEXT NOT NULL,
	batch_id    INTEGER NOT NULL REFERENCES feed_batch(id),
	person_id   INTEGER NOT NULL REFERENCES person(id),
	time        INTEGER NOT NULL,               -- unix seconds
	place       TEXT NOT NULL DEFAULT '',
	division    TEXT NOT NULL DEFAULT '',
	details     TEXT NOT NULL DEFAULT '',
	UNIQUE (source_id, event_id)
) STRICT;
CREATE INDEX feed_event_person ON feed_event(person_id, time);

-- One alert per kept event, routed to the person's area and worker:
-- new -> signed (签收) -> handled (反馈) -> closed, each step with who and when.
CREATE TABLE alert (
	id            INTEGER PRIMARY KEY,
	event_id      INTEGER NOT NULL UNIQUE REFERENCES feed_event(id),
	person_id     INTEGER NOT NULL REFERENCES person(id),
	division      TEXT NOT NULL,                -- the person's area, where it is handled
	worker_id     INTEGER NOT NULL DEFAULT 0,
	priority      INTEGER NOT NULL CHECK (priority IN (1, 2)), -- 1 high (脱管失控, high risk)
	reason        TEXT NOT NULL DEFAULT '',     -- why the person is watched
	status        TEXT NOT NULL CHECK (status IN ('new', 'signed', 'handled', 'closed')),
	sign_due      INTEGER NOT NULL,
	feedback_due  INTEGER NOT NULL,
	signed_by     INTEGER NOT NULL DEFAULT 0, signed_at   INTEGER NOT NULL DEFAULT 0,
	handled_by    INTEGER NOT NULL DEFAULT 0, handled_at  INTEGER NOT NULL DEFAULT 0,
	feedback      TEXT NOT NULL DEFAULT '',     -- verified, tested, not_the_person, other
	feedback_note TEXT NOT NULL DEFAULT '',
	closed_by     INTEGER NOT NULL DEFAULT 0, closed_at   INTEGER NOT NULL DEFAULT 0,
	escalated_at  INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX alert_area ON alert(division, status);
CREATE INDEX alert_person ON alert(person_id);

-- A hit outside the person's home township asks the township where it
-- happened to check (协查), naming the alert.
ALTER TABLE assist_request ADD COLUMN alert_id INTEGER REFERENCES alert(id);
