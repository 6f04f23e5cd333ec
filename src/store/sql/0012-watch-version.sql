-- 0012-watch-version.sql - a number that moves whenever the watchlist may change.
--
-- The watchlist (a running measure or an open 脱管失控 flag, in a file not
-- closed, dead, abroad or three years clean) is loaded into memory to match
-- partner events against; a server keeps it loaded between batches while
-- this number stays the same. It starts at a random value, so that two
-- databases never share one, and every change to what the watchlist is made
-- of moves it: measures, flags, and the person columns it reads.
INSERT OR REPLACE INTO meta(key, value) VALUES ('watch_version', CAST(abs(random() / 4) AS TEXT));

CREATE TRIGGER watch_version_measure_insert AFTER INSERT ON measure BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_measure_update AFTER UPDATE ON measure
WHEN (old.person_id, old.kind, old.status, old.worker_id, old.decision_date)
  IS NOT (new.person_id, new.kind, new.status, new.worker_id, new.decision_date) BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_measure_delete AFTER DELETE ON measure BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_flag_insert AFTER INSERT ON control_flag BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_flag_update AFTER UPDATE ON control_flag
WHEN (old.person_id, old.kind, old.resolved_date) IS NOT (new.person_id, new.kind, new.resolved_date)
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_flag_delete AFTER DELETE ON control_flag BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_person_update AFTER UPDATE ON person
WHEN (old.id_enc, old.name, old.division, old.risk_level, old.closed_date, old.control_status)
  IS NOT (new.id_enc, new.name, new.division, new.risk_level, new.closed_date, new.control_status)
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
CREATE TRIGGER watch_version_person_delete AFTER DELETE ON person BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'watch_version';
END;
