-- 0007-person-photo.sql - a person's photo (optional), sealed at rest like the ID number.
CREATE TABLE person_photo (
	person_id  INTEGER PRIMARY KEY REFERENCES person(id),
	mime       TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
	sealed     BLOB NOT NULL,   -- the image, encrypted with the store's key (secret_seal)
	bytes      INTEGER NOT NULL,
	user_id    INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL
) STRICT;
