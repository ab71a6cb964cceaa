-- Mentor sign-offs (DESIGN §5).
--
-- Nothing in these tables is trusted because it is here: the apprentice controls
-- this file. A sign-off counts only after its signature verifies against the
-- employer's key registry, every time progress is computed; the plain columns
-- beside each body are indexes for finding candidates, never the evidence.

-- A correction of a signed-off version names the version it corrects.
ALTER TABLE ojl_entry ADD COLUMN amends_version INTEGER;
ALTER TABLE coursework_entry ADD COLUMN amends_version INTEGER;

-- Sign-offs about this logbook's apprentice (or, on a mentor's device, about the
-- mentor's apprentices). `body` is the SignoffRecord exactly as signed and synced.
CREATE TABLE signoff (
    id            TEXT PRIMARY KEY,
    apprentice_id TEXT NOT NULL,
    subject       TEXT NOT NULL,
    decision      TEXT NOT NULL,
    mentor_id     TEXT NOT NULL,
    signed_at     TEXT NOT NULL,
    body          TEXT NOT NULL CHECK (json_valid(body)),
    received_at   TEXT NOT NULL
) STRICT;
CREATE INDEX signoff_by_subject ON signoff (apprentice_id, subject);

-- Which records each sign-off names, to find the sign-offs of a record quickly.
CREATE TABLE signoff_record (
    signoff_id TEXT    NOT NULL REFERENCES signoff (id),
    record_id  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (signoff_id, record_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX signoff_record_by_record ON signoff_record (record_id, version);

-- The employer's registry of mentor keys and its mentor assignments, as pulled.
CREATE TABLE mentor_key (
    key_id    TEXT    PRIMARY KEY,
    mentor_id TEXT    NOT NULL,
    version   INTEGER NOT NULL,
    body      TEXT    NOT NULL CHECK (json_valid(body))
) STRICT;

CREATE TABLE assignment (
    apprentice_id TEXT    NOT NULL,
    mentor_id     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    body          TEXT    NOT NULL CHECK (json_valid(body)),
    PRIMARY KEY (apprentice_id, mentor_id)
) STRICT;

-- The apprentice's requests for milestone sign-offs; they sync like entries.
CREATE TABLE milestone_request (
    milestone    TEXT    PRIMARY KEY,
    note         TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL CHECK (version >= 1),
    requested_at TEXT    NOT NULL
) STRICT;

-- On a mentor's device: the assigned apprentices' records, as pulled, for review.
CREATE TABLE review_record (
    apprentice_id TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    deleted       INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    payload       TEXT    NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (apprentice_id, kind, record_id)
) STRICT;
