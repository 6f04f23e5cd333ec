-- 0006-measure-records-from.sql - the day jindu's records of a measure begin.
--
-- A measure decided in jindu has its records from the start (0). A measure
-- brought in by an import of the registry was running before: its tests and
-- visits until the import are not here, and are not missed for that. What
-- falls due is reckoned from this day, and so is being out of sight.
ALTER TABLE measure ADD COLUMN records_from INTEGER NOT NULL DEFAULT 0;
