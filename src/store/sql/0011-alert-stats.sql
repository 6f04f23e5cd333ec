-- 0011-alert-stats.sql - 预警统计 and the 协查 of an alert.
--
-- The statistics count the alerts created in a period (a month by
-- default), and an alert's page lists the 协查 it asked for; the list of
-- alerts counts them too.
CREATE INDEX alert_created ON alert(created_at);
CREATE INDEX assist_alert ON assist_request(alert_id);
