-- 0002-totp-replay.sql - remember the last TOTP time step used, so a code works once.
ALTER TABLE user ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
