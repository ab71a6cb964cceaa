-- journeylog-server schema, SQLite flavour. Keep in step with ../postgres/V1__init.sql:
-- a test checks that both define the same tables and columns.
-- Timestamps are RFC 3339 UTC text; booleans are 0/1 integers. mutation_result has
-- small rows and is written by every push: WITHOUT ROWID saves it a B-tree.

CREATE TABLE employer (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    -- Random; part of every pull cursor. A new epoch (after a restore) makes every
    -- client pull again from the start.
    epoch          TEXT NOT NULL,
    -- The last change_seq handed out. Incremented inside each writing transaction.
    change_counter INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE app_user (
    id          TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES employer (id),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'mentor', 'apprentice')),
    program_id  TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX app_user_employer ON app_user (employer_id);

CREATE TABLE mentor_assignment (
    mentor_id     TEXT NOT NULL REFERENCES app_user (id),
    apprentice_id TEXT NOT NULL REFERENCES app_user (id),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (mentor_id, apprentice_id)
) STRICT;

CREATE TABLE enrollment_code (
    code_hash  TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES app_user (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE device (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES app_user (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    last_seq     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at   TEXT
) STRICT;

-- The settled result of every pushed seq, so that a retry gets the same answer.
CREATE TABLE mutation_result (
    device_id   TEXT NOT NULL REFERENCES device (id),
    seq         INTEGER NOT NULL,
    mutation_id TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
    version     INTEGER,
    code        TEXT,
    message     TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE record (
    employer_id      TEXT NOT NULL REFERENCES employer (id),
    kind             TEXT NOT NULL,
    -- The owner for kinds with one record per apprentice (enrollment), '' otherwise,
    -- so that client-made ids stay unique within an employer.
    scope            TEXT NOT NULL,
    record_id        TEXT NOT NULL,
    -- NULL for records the employer owns (programs).
    owner_id         TEXT REFERENCES app_user (id),
    version          INTEGER NOT NULL,
    deleted          INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    payload          TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    change_seq       INTEGER NOT NULL,
    origin_client_id TEXT,
    -- Copied out of OJL and coursework payloads for the 24-hour day check.
    entry_date       TEXT,
    minutes          INTEGER,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (employer_id, kind, scope, record_id)
) STRICT;
CREATE UNIQUE INDEX record_change ON record (employer_id, change_seq);
CREATE INDEX record_owner_change ON record (owner_id, change_seq);
CREATE INDEX record_owner_day ON record (owner_id, entry_date);
