-- Journeylog logbook schema, version 1.
-- Append-only: never edit a migration that has shipped; add a new file instead.

-- The one enrollment of this logbook (a logbook belongs to one apprentice).
CREATE TABLE enrollment (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    apprentice_name    TEXT    NOT NULL CHECK (length(apprentice_name) > 0),
    program_id         TEXT    NOT NULL REFERENCES program(id),
    start_date         TEXT    NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    prior_ojl_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (prior_ojl_minutes >= 0),
    prior_rti_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (prior_rti_minutes >= 0),
    created_at         TEXT    NOT NULL
) STRICT;

-- Program standards, stored whole as JSON: a standard is a document that is replaced,
-- not edited field by field, and its shape is owned by the Rust model.
CREATE TABLE program (
    id          TEXT    PRIMARY KEY,
    revision    INTEGER NOT NULL,
    body        TEXT    NOT NULL CHECK (json_valid(body)),
    source      TEXT    NOT NULL CHECK (source IN ('template', 'file', 'server')),
    updated_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE ojl_entry (
    id            TEXT    PRIMARY KEY,
    date          TEXT    NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    work_process  TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    site          TEXT    NOT NULL DEFAULT '',
    supervisor    TEXT    NOT NULL DEFAULT '',
    prior_credit  INTEGER NOT NULL DEFAULT 0 CHECK (prior_credit IN (0, 1)),
    status        TEXT    NOT NULL CHECK (status IN ('draft', 'submitted')),
    version       INTEGER NOT NULL CHECK (version >= 1),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    -- Tombstone: set instead of deleting, so the deletion can sync.
    deleted_at    TEXT
) STRICT;

-- Progress sums minutes per work process and status; this partial covering index
-- lets SQLite answer that from the index alone.
CREATE INDEX ojl_entry_progress ON ojl_entry (work_process, status, minutes) WHERE deleted_at IS NULL;
CREATE INDEX ojl_entry_by_date ON ojl_entry (date, minutes) WHERE deleted_at IS NULL;

CREATE TABLE coursework_entry (
    id          TEXT    PRIMARY KEY,
    course      TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    paid        INTEGER NOT NULL CHECK (paid IN (0, 1)),
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'submitted')),
    grade       TEXT,
    note        TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL CHECK (version >= 1),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX coursework_entry_by_date ON coursework_entry (date, minutes) WHERE deleted_at IS NULL;
CREATE INDEX coursework_entry_by_course ON coursework_entry (course, paid, minutes) WHERE deleted_at IS NULL;

CREATE TABLE certification (
    id              TEXT    PRIMARY KEY,
    code            TEXT,
    title           TEXT    NOT NULL CHECK (length(title) > 0),
    issuer          TEXT    NOT NULL DEFAULT '',
    credential_id   TEXT    NOT NULL DEFAULT '',
    earned_on       TEXT    NOT NULL,
    expires_on      TEXT,
    evidence_sha256 TEXT,
    evidence_name   TEXT,
    evidence_size   INTEGER,
    version         INTEGER NOT NULL CHECK (version >= 1),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    deleted_at      TEXT
) STRICT;

-- The sync outbox (DESIGN §4). Written in the same transaction as the change it
-- describes, so a change is never committed without the means to send it.
CREATE TABLE outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id   TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    base_version  INTEGER NOT NULL,
    payload       TEXT    NOT NULL CHECK (json_valid(payload)),
    created_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE settings (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    body  TEXT    NOT NULL CHECK (json_valid(body))
) STRICT;
