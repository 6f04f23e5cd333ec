-- 0005-worklist.sql - the worklist's summary of each open measure, kept ready.
--
-- What falls due under a measure is computed from the measure, its
-- person's risk level, tests and contacts, the policy and the day
-- (src/domain/obligation.c). The worklist of a township would compute it
-- for every open measure of the area on every request; instead each open
-- measure's summary is kept here with the day it holds for (computed).
-- Triggers mark a row to be computed again (computed = 0) whenever
-- something it depends on really changes (an update that writes the same
-- values leaves it); a row of another day is just as stale.
-- The worklist computes the stale rows of its area first
-- (control_worklist), and the server's sweep computes all of them after
-- midnight.
CREATE TABLE measure_due (
	measure_id    INTEGER PRIMARY KEY REFERENCES measure(id),
	person_id     INTEGER NOT NULL REFERENCES person(id),
	division      TEXT NOT NULL,
	worker_id     INTEGER NOT NULL DEFAULT 0,
	person_name   TEXT NOT NULL DEFAULT '',
	computed      INTEGER NOT NULL DEFAULT 0,  -- YYYYMMDD the row holds for; 0: stale
	first_due     INTEGER NOT NULL DEFAULT 0,  -- nearest due day of any obligation (0: none)
	overdue       INTEGER NOT NULL DEFAULT 0,  -- obligations overdue
	due_soon      INTEGER NOT NULL DEFAULT 0,  -- obligations due within due_soon_days
	missed_total  INTEGER NOT NULL DEFAULT 0,
	missed_in_row INTEGER NOT NULL DEFAULT 0,
	report_due    INTEGER NOT NULL DEFAULT 0, report_state INTEGER NOT NULL DEFAULT 0,
	test_due      INTEGER NOT NULL DEFAULT 0, test_state   INTEGER NOT NULL DEFAULT 0,
	visit_due     INTEGER NOT NULL DEFAULT 0, visit_state  INTEGER NOT NULL DEFAULT 0,
	talk_due      INTEGER NOT NULL DEFAULT 0, talk_state   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX measure_due_area ON measure_due(division, computed, worker_id, overdue, due_soon);
CREATE INDEX measure_due_person ON measure_due(person_id);

-- Every open measure has its row, from the moment it is decided (stale
-- until computed), with the measure's division and worker kept in step:
-- what is stale in an area is then found from this table alone.
INSERT INTO measure_due(measure_id, person_id, division, worker_id)
SELECT id, person_id, division, coalesce(worker_id, 0) FROM measure WHERE status <> 'ended';

CREATE TRIGGER measure_due_measure_insert AFTER INSERT ON measure BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id = new.person_id;
	INSERT OR REPLACE INTO measure_due(measure_id, person_id, division, worker_id)
	SELECT new.id, new.person_id, new.division, coalesce(new.worker_id, 0)
	WHERE new.status <> 'ended';
END;
CREATE TRIGGER measure_due_measure_update AFTER UPDATE ON measure
WHEN (old.kind, old.status, old.division, old.worker_id, old.decision_date, old.agreement_date,
      old.report_deadline, old.start_date, old.planned_end, old.actual_end,
      old.suspended_since, old.suspended_days, old.extended_days)
  IS NOT (new.kind, new.status, new.division, new.worker_id, new.decision_date,
      new.agreement_date, new.report_deadline, new.start_date, new.planned_end,
      new.actual_end, new.suspended_since, new.suspended_days, new.extended_days) BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id = new.person_id;
	UPDATE measure_due SET division = new.division, worker_id = coalesce(new.worker_id, 0)
	WHERE measure_id = new.id;
	INSERT OR IGNORE INTO measure_due(measure_id, person_id, division, worker_id)
	SELECT new.id, new.person_id, new.division, coalesce(new.worker_id, 0)
	WHERE new.status <> 'ended';
	DELETE FROM measure_due WHERE measure_id = new.id AND new.status = 'ended';
END;

-- What the summaries are computed from.
CREATE TRIGGER measure_due_test_insert AFTER INSERT ON drug_test BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id = new.person_id;
END;
CREATE TRIGGER measure_due_test_update AFTER UPDATE ON drug_test BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id IN (old.person_id, new.person_id);
END;
CREATE TRIGGER measure_due_contact_insert AFTER INSERT ON contact BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id = new.person_id;
END;
CREATE TRIGGER measure_due_contact_update AFTER UPDATE ON contact BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id IN (old.person_id, new.person_id);
END;
CREATE TRIGGER measure_due_person_update AFTER UPDATE OF name, risk_level, closed_date ON person
WHEN (old.name, old.risk_level, old.closed_date) IS NOT (new.name, new.risk_level, new.closed_date)
BEGIN
	UPDATE measure_due SET computed = 0 WHERE person_id = new.id;
END;
CREATE TRIGGER measure_due_policy AFTER INSERT ON policy BEGIN
	UPDATE measure_due SET computed = 0;
END;
