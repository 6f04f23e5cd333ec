-- 0015-indicators.sql - what the indicators (src/domain/indicator.c) read: indexes, a monthly tally of the large figures, the test obligations kept.
--
-- Every indicator is counted from the records. Those that count what
-- happened in a period (found, relapsed, reported, helped, alerted) read
-- the records through the indexes below. Those that count what stands at
-- a period's end over the whole registry (registered, under a measure,
-- lost, clean for three years) would read every file for every period;
-- instead each file, measure, flag and help is turned into spans (the
-- days it counts in a figure) by the views below, and a tally keeps, per
-- figure, month and division, how many spans begin in the month less how
-- many end in it. Triggers keep the tally in step with the records, so a
-- figure at the end of month M is a sum over a few rows: the spans not
-- ended (month 0) less what begins or ends after M. Periods always end on
-- a month's last day (src/domain/period.h), which makes months enough.
-- The lists behind the figures read the records themselves, so a tally
-- that drifted would show as a list whose length is not its figure.

-- ---- indexes of the flows ----
-- 新发现: persons by the day first found
DROP INDEX person_found;
CREATE INDEX person_found ON person(first_found_date, registered, division);
-- 复吸 by day; a person's flags with their days for the spans of 脱管失控
CREATE INDEX control_flag_dated ON control_flag(kind, date, person_id);
DROP INDEX control_flag_person;
CREATE INDEX control_flag_person ON control_flag(person_id, kind, date, resolved_date);
-- 报到: measures by their report deadline; measures in effect by decision,
-- in execution by the report
CREATE INDEX measure_report ON measure(kind, report_deadline, start_date, status, actual_end,
	division);
CREATE INDEX measure_decided ON measure(kind, decision_date, status, actual_end, start_date,
	division);
CREATE INDEX measure_started ON measure(kind, start_date, status, actual_end, division);
-- 帮扶 by kind and day; a person's of one kind (the spans of 就业安置)
CREATE INDEX assistance_kind ON assistance(kind, start_date, end_date, person_id);
CREATE INDEX assistance_person_kind ON assistance(person_id, kind, start_date, end_date);
-- a record's person's area, read from this small index rather than the
-- files themselves (the flows above join every record to its person)
CREATE INDEX person_area ON person(id, division);

-- ---- 戒断三年未复吸 ----
-- The day the three clean years are complete, kept with the day they
-- began (clean_since) by control_refresh: measure_clean_since's done_on,
-- with the policy's clean_years. 0 while clean_since is 0; a file whose
-- clean_since is set and clean_done not yet is computed by
-- indicator_prepare (the partial index finds them).
ALTER TABLE person ADD COLUMN clean_done INTEGER NOT NULL DEFAULT 0;
CREATE INDEX person_clean_pending ON person(id) WHERE clean_since > 0 AND clean_done = 0;
CREATE INDEX person_clean ON person(clean_done, registered, division, first_found_date,
	closed_date);

-- ---- spans ----
-- A span counts in the figure `series` in the division from the day
-- `since` up to the day before `until` (0: not ended). Dates are
-- YYYYMMDD; a span whose until is not after its since is left out.
--
-- Of a file (its division): 在册 from the day first found until closed;
-- 戒断三年未复吸 from the day the clean period is complete; 脱管失控 from a
-- lost flag's day until resolved, within the registered span (a flag
-- raised while an earlier one was still open counts from that one's
-- resolution, so a person is counted once).
CREATE VIEW indicator_span_person AS
SELECT id AS person_id, 'registered' AS series, division, first_found_date AS since,
	closed_date AS until
FROM person
WHERE registered = 1 AND first_found_date > 0
  AND (closed_date = 0 OR closed_date > first_found_date)
UNION ALL
SELECT id, 'clean3y', division, max(first_found_date, clean_done), closed_date
FROM person
WHERE registered = 1 AND first_found_date > 0 AND clean_done > 0
  AND (closed_date = 0 OR closed_date > max(first_found_date, clean_done))
UNION ALL
SELECT person_id, 'lost', division, since, until FROM (
	SELECT f.person_id, p.division,
		max(f.date, p.first_found_date, coalesce((
			SELECT max(CASE g.resolved_date WHEN 0 THEN 99999999 ELSE g.resolved_date END)
			FROM control_flag g
			WHERE g.person_id = f.person_id AND g.kind = 'lost'
			  AND (g.date < f.date OR (g.date = f.date AND g.id < f.id))), 0)) AS since,
		CASE WHEN f.resolved_date = 0 THEN p.closed_date
		     WHEN p.closed_date = 0 THEN f.resolved_date
		     ELSE min(f.resolved_date, p.closed_date) END AS until
	FROM control_flag f JOIN person p ON p.id = f.person_id
	WHERE f.kind = 'lost' AND p.registered = 1 AND p.first_found_date > 0)
WHERE since < 99999999 AND (until = 0 OR until > since);

-- A help record with the day after its last (0: still running).
CREATE VIEW indicator_help AS
SELECT id, person_id, kind, start_date,
	CASE WHEN end_date = 0 THEN 0
	     ELSE CAST(strftime('%Y%m%d', printf('%04d-%02d-%02d', end_date / 10000,
		end_date / 100 % 100, end_date % 100), '+1 day') AS INTEGER) END AS until
FROM assistance;

-- Of a measure (its place of execution): in effect (measure_KIND) from
-- the decision until ended; 社区戒毒/社区康复 in execution (KIND_executing)
-- from the report until ended; in execution with an employment record
-- running (employed), per measure (a person's employment records are
-- taken together, so overlapping ones count once).
CREATE VIEW indicator_span_measure AS
SELECT person_id, 'measure_' || kind AS series, division, decision_date AS since,
	CASE status WHEN 'ended' THEN actual_end ELSE 0 END AS until
FROM measure
WHERE status <> 'ended' OR actual_end > decision_date
UNION ALL
SELECT person_id, kind || '_executing', division, start_date,
	CASE status WHEN 'ended' THEN actual_end ELSE 0 END
FROM measure
WHERE kind IN ('community', 'rehab') AND start_date > 0
  AND (status <> 'ended' OR actual_end > start_date)
UNION ALL
SELECT person_id, 'employed', division, since, until FROM (
	SELECT m.person_id, m.division, max(a.since, m.start_date) AS since,
		CASE WHEN a.until = 0 THEN mu WHEN mu = 0 THEN a.until ELSE min(a.until, mu) END AS until
	FROM (SELECT h.person_id, h.until, max(h.start_date, coalesce((
			SELECT max(CASE g.until WHEN 0 THEN 99999999 ELSE g.until END)
			FROM indicator_help g
			WHERE g.person_id = h.person_id AND g.kind = 'employment'
			  AND (g.start_date < h.start_date OR (g.start_date = h.start_date AND g.id < h.id))),
			0)) AS since
	      FROM indicator_help h WHERE h.kind = 'employment') a
	JOIN (SELECT person_id, division, start_date,
		CASE status WHEN 'ended' THEN actual_end ELSE 0 END AS mu
	      FROM measure
	      WHERE kind IN ('community', 'rehab') AND start_date > 0
	        AND (status <> 'ended' OR actual_end > start_date)) m ON m.person_id = a.person_id
	WHERE a.since < 99999999)
WHERE until = 0 OR until > since;

-- ---- events ----
-- What happened on a day and counts in the period the day falls in:
-- of a file (its division), 新发现 on the day first found, each 复吸, each
-- help record begun (就业安置; 帮扶救助: training, counselling, medical,
-- subsistence aid); of a measure (its place of execution), the report
-- deadline of community treatment or rehabilitation (KIND_report_due),
-- unless it ended unreported by then (nothing was due, as in
-- obligation.c), and a report on or before it (KIND_reported).
CREATE VIEW indicator_event_person AS
SELECT id AS person_id, 'new_found' AS series, division, first_found_date AS day
FROM person WHERE registered = 1 AND first_found_date > 0
UNION ALL
SELECT f.person_id, 'relapses', p.division, f.date
FROM control_flag f JOIN person p ON p.id = f.person_id WHERE f.kind = 'relapse'
UNION ALL
SELECT a.person_id, CASE a.kind WHEN 'employment' THEN 'employment_new' ELSE 'help_new' END,
	p.division, a.start_date
FROM assistance a JOIN person p ON p.id = a.person_id
WHERE a.kind IN ('employment', 'training', 'counselling', 'medical', 'subsistence');

CREATE VIEW indicator_event_measure AS
SELECT person_id, kind || '_report_due' AS series, division, report_deadline AS day
FROM measure
WHERE kind IN ('community', 'rehab') AND report_deadline > 0
  AND NOT (start_date = 0 AND status = 'ended' AND actual_end <= report_deadline)
UNION ALL
SELECT person_id, kind || '_reported', division, report_deadline
FROM measure
WHERE kind IN ('community', 'rehab') AND report_deadline > 0
  AND start_date BETWEEN 1 AND report_deadline;

-- What a span adds to the tally: +1 in the month it begins (edge 0), -1
-- in the month it ends (edge 1), +1 in month 0 while not ended (edge 2);
-- an event +1 in its month. (Each span is read once, for its edges.)
CREATE VIEW indicator_delta_person AS
SELECT s.person_id, s.series, s.division,
	CASE e.edge WHEN 0 THEN s.since / 100 WHEN 1 THEN s.until / 100 ELSE 0 END AS month,
	CASE e.edge WHEN 1 THEN -1 ELSE 1 END AS n
FROM indicator_span_person s
CROSS JOIN (SELECT 0 AS edge UNION ALL SELECT 1 UNION ALL SELECT 2) e
WHERE e.edge = 0 OR (e.edge = 1 AND s.until > 0) OR (e.edge = 2 AND s.until = 0)
UNION ALL SELECT person_id, series, division, day / 100, 1 FROM indicator_event_person;
CREATE VIEW indicator_delta_measure AS
SELECT s.person_id, s.series, s.division,
	CASE e.edge WHEN 0 THEN s.since / 100 WHEN 1 THEN s.until / 100 ELSE 0 END AS month,
	CASE e.edge WHEN 1 THEN -1 ELSE 1 END AS n
FROM indicator_span_measure s
CROSS JOIN (SELECT 0 AS edge UNION ALL SELECT 1 UNION ALL SELECT 2) e
WHERE e.edge = 0 OR (e.edge = 1 AND s.until > 0) OR (e.edge = 2 AND s.until = 0)
UNION ALL SELECT person_id, series, division, day / 100, 1 FROM indicator_event_measure;

-- ---- the tally ----
-- Stock figures (the spans): n is what begins less what ends in the month
-- (YYYYMM); month 0 holds the spans not ended. A figure at the end of
-- month M is n(0) less the n of every month after M. Events (and the
-- tests due and done, below) have a row per month and no month 0: a
-- period's figure is the sum of its months.
CREATE TABLE indicator_tally (
	series   TEXT NOT NULL,
	month    INTEGER NOT NULL,
	division TEXT NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (series, month, division)
) WITHOUT ROWID;

INSERT INTO indicator_tally(series, month, division, n)
SELECT series, month, division, sum(n) FROM indicator_delta_person GROUP BY 1, 2, 3;
INSERT INTO indicator_tally(series, month, division, n)
SELECT series, month, division, sum(n) FROM indicator_delta_measure GROUP BY 1, 2, 3;

-- Whenever a record a person's spans and events are made of changes,
-- that person's are taken out of the tally before and put back after. A
-- file, its flags and help records make indicator_delta_person; its
-- measures and employment records indicator_delta_measure.
CREATE TRIGGER indicator_person_insert AFTER INSERT ON person BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = new.id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_person_before_update
BEFORE UPDATE OF registered, division, first_found_date, closed_date, clean_done ON person
WHEN (old.registered, old.division, old.first_found_date, old.closed_date, old.clean_done)
  IS NOT (new.registered, new.division, new.first_found_date, new.closed_date, new.clean_done)
BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = old.id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_person_after_update
AFTER UPDATE OF registered, division, first_found_date, closed_date, clean_done ON person
WHEN (old.registered, old.division, old.first_found_date, old.closed_date, old.clean_done)
  IS NOT (new.registered, new.division, new.first_found_date, new.closed_date, new.clean_done)
BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = new.id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_person_delete BEFORE DELETE ON person BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = old.id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER indicator_flag_before_insert BEFORE INSERT ON control_flag
WHEN new.kind IN ('lost', 'relapse') BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_flag_after_insert AFTER INSERT ON control_flag
WHEN new.kind IN ('lost', 'relapse') BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_flag_before_update BEFORE UPDATE ON control_flag
WHEN (old.kind IN ('lost', 'relapse') OR new.kind IN ('lost', 'relapse'))
  AND (old.person_id, old.kind, old.date, old.resolved_date)
  IS NOT (new.person_id, new.kind, new.date, new.resolved_date) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_flag_after_update AFTER UPDATE ON control_flag
WHEN (old.kind IN ('lost', 'relapse') OR new.kind IN ('lost', 'relapse'))
  AND (old.person_id, old.kind, old.date, old.resolved_date)
  IS NOT (new.person_id, new.kind, new.date, new.resolved_date) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_flag_before_delete BEFORE DELETE ON control_flag
WHEN old.kind IN ('lost', 'relapse') BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_flag_after_delete AFTER DELETE ON control_flag
WHEN old.kind IN ('lost', 'relapse') BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER indicator_measure_before_insert BEFORE INSERT ON measure BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_measure_after_insert AFTER INSERT ON measure BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_measure_before_update BEFORE UPDATE ON measure
WHEN (old.person_id, old.kind, old.status, old.division, old.decision_date, old.start_date,
      old.actual_end, old.report_deadline)
  IS NOT (new.person_id, new.kind, new.status, new.division, new.decision_date, new.start_date,
      new.actual_end, new.report_deadline) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_measure_after_update AFTER UPDATE ON measure
WHEN (old.person_id, old.kind, old.status, old.division, old.decision_date, old.start_date,
      old.actual_end, old.report_deadline)
  IS NOT (new.person_id, new.kind, new.status, new.division, new.decision_date, new.start_date,
      new.actual_end, new.report_deadline) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_measure_before_delete BEFORE DELETE ON measure BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_measure_after_delete AFTER DELETE ON measure BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER indicator_help_before_insert BEFORE INSERT ON assistance
WHEN new.kind <> 'methadone' BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_help_after_insert AFTER INSERT ON assistance
WHEN new.kind <> 'methadone' BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id = new.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_help_before_update BEFORE UPDATE ON assistance
WHEN (old.kind <> 'methadone' OR new.kind <> 'methadone')
  AND (old.person_id, old.kind, old.start_date, old.end_date)
  IS NOT (new.person_id, new.kind, new.start_date, new.end_date) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_help_after_update AFTER UPDATE ON assistance
WHEN (old.kind <> 'methadone' OR new.kind <> 'methadone')
  AND (old.person_id, old.kind, old.start_date, old.end_date)
  IS NOT (new.person_id, new.kind, new.start_date, new.end_date) BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id IN (old.person_id, new.person_id) GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_help_before_delete BEFORE DELETE ON assistance
WHEN old.kind <> 'methadone' BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_person
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, -sum(n) FROM indicator_delta_measure
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER indicator_help_after_delete AFTER DELETE ON assistance
WHEN old.kind <> 'methadone' BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_person
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT series, month, division, sum(n) FROM indicator_delta_measure
	WHERE person_id = old.person_id GROUP BY 1, 2, 3
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;

-- ---- the test obligations kept ----
-- What falls due under a measure is computed by obligation_schedule
-- (src/domain/obligation.c) from the measure, the person's risk level,
-- tests and the policy; its test periods are kept here (one row each:
-- the day it began, the day it fell due, the first counted test in it)
-- so that the tests due and done in a period are a sum over the tally.
-- test_kept says until which day a measure's rows hold: 0 when something
-- they are computed from changed (the triggers below), the day before
-- the next period begins for a measure running; indicator_prepare
-- computes again the rows of measures whose day has passed, and
-- control_refresh those of the person it refreshes.
CREATE TABLE test_period (
	measure_id   INTEGER NOT NULL,
	period_start INTEGER NOT NULL,
	due          INTEGER NOT NULL,
	done_date    INTEGER NOT NULL DEFAULT 0,
	person_id    INTEGER NOT NULL,
	division     TEXT NOT NULL,   -- the measure's place of execution
	PRIMARY KEY (measure_id, period_start)
) WITHOUT ROWID;
CREATE INDEX test_period_due ON test_period(due, division, done_date);

CREATE TABLE test_kept (
	measure_id  INTEGER PRIMARY KEY,
	person_id   INTEGER NOT NULL,
	valid_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX test_kept_stale ON test_kept(valid_until, person_id);
CREATE INDEX test_kept_person ON test_kept(person_id);
INSERT INTO test_kept(measure_id, person_id, valid_until) SELECT id, person_id, 0 FROM measure;

CREATE TRIGGER test_period_insert AFTER INSERT ON test_period BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT * FROM (SELECT 'tests_due', new.due / 100, new.division, 1
		UNION ALL SELECT 'tests_done', new.due / 100, new.division, 1 WHERE new.done_date > 0)
	WHERE true
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER test_period_delete AFTER DELETE ON test_period BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT * FROM (SELECT 'tests_due', old.due / 100, old.division, -1
		UNION ALL SELECT 'tests_done', old.due / 100, old.division, -1 WHERE old.done_date > 0)
	WHERE true
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER test_period_update AFTER UPDATE ON test_period BEGIN
	INSERT INTO indicator_tally(series, month, division, n)
	SELECT * FROM (SELECT 'tests_due', old.due / 100, old.division, -1
		UNION ALL SELECT 'tests_done', old.due / 100, old.division, -1 WHERE old.done_date > 0
		UNION ALL SELECT 'tests_due', new.due / 100, new.division, 1
		UNION ALL SELECT 'tests_done', new.due / 100, new.division, 1 WHERE new.done_date > 0)
	WHERE true
	ON CONFLICT (series, month, division) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER test_kept_measure_insert AFTER INSERT ON measure BEGIN
	INSERT OR REPLACE INTO test_kept(measure_id, person_id, valid_until)
	VALUES (new.id, new.person_id, 0);
END;
CREATE TRIGGER test_kept_measure_update AFTER UPDATE ON measure
WHEN (old.person_id, old.kind, old.status, old.decision_date, old.report_deadline,
      old.start_date, old.planned_end, old.actual_end, old.suspended_since, old.suspended_days,
      old.extended_days, old.records_from)
  IS NOT (new.person_id, new.kind, new.status, new.decision_date, new.report_deadline,
      new.start_date, new.planned_end, new.actual_end, new.suspended_since, new.suspended_days,
      new.extended_days, new.records_from) BEGIN
	UPDATE test_kept SET valid_until = 0, person_id = new.person_id WHERE measure_id = new.id;
END;
CREATE TRIGGER test_kept_measure_division AFTER UPDATE OF division ON measure
WHEN old.division IS NOT new.division BEGIN
	UPDATE test_period SET division = new.division WHERE measure_id = new.id;
END;
CREATE TRIGGER test_kept_measure_delete BEFORE DELETE ON measure BEGIN
	DELETE FROM test_period WHERE measure_id = old.id;
	DELETE FROM test_kept WHERE measure_id = old.id;
END;
CREATE TRIGGER test_kept_test_insert AFTER INSERT ON drug_test BEGIN
	UPDATE test_kept SET valid_until = 0 WHERE person_id = new.person_id AND valid_until <> 0;
END;
CREATE TRIGGER test_kept_test_update AFTER UPDATE ON drug_test BEGIN
	UPDATE test_kept SET valid_until = 0
	WHERE person_id IN (old.person_id, new.person_id) AND valid_until <> 0;
END;
CREATE TRIGGER test_kept_test_delete AFTER DELETE ON drug_test BEGIN
	UPDATE test_kept SET valid_until = 0 WHERE person_id = old.person_id AND valid_until <> 0;
END;
CREATE TRIGGER test_kept_risk AFTER UPDATE OF risk_level ON person
WHEN old.risk_level IS NOT new.risk_level BEGIN
	UPDATE test_kept SET valid_until = 0 WHERE person_id = new.id AND valid_until <> 0;
END;
CREATE TRIGGER test_kept_policy AFTER INSERT ON policy BEGIN
	UPDATE test_kept SET valid_until = 0 WHERE valid_until <> 0;
END;
