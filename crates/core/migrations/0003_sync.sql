-- Sync with the employer (DESIGN §4).
--
-- The device token is deliberately absent: it lives in the OS keychain (or a 0600
-- file beside the database), never in this file, its WAL or a backup of it.

-- The connection to one employer server. One row once connected.
CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    server_url      TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    employer_id     TEXT    NOT NULL,
    employer_name   TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    user_name       TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    -- Wire seq = outbox.seq - seq_offset, so the first change this device sends after
    -- connecting is seq 1 even when the outbox has been counting since install.
    seq_offset      INTEGER NOT NULL CHECK (seq_offset >= 0),
    -- Opaque pull cursor, stored in the same transaction as the page it ends.
    cursor          TEXT,
    connected_at    TEXT    NOT NULL,
    last_synced_at  TEXT,
    -- The last round's failure, if it failed: shown in the header.
    last_error_code TEXT,
    last_error      TEXT,
    -- Backoff: consecutive failed rounds and when the background loop may try again.
    failures        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT
) STRICT;

-- Changes the server refused for good. Kept, with the server's message, until the
-- apprentice dismisses or fixes them: a rejected hour is never dropped silently.
CREATE TABLE sync_attention (
    mutation_id  TEXT    PRIMARY KEY,
    seq          INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    record_id    TEXT    NOT NULL,
    base_version INTEGER NOT NULL,
    payload      TEXT    NOT NULL CHECK (json_valid(payload)),
    code         TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    rejected_at  TEXT    NOT NULL
) STRICT;

-- The same record changed on two devices. Both versions are kept until the
-- apprentice picks one; nothing is overwritten in the meantime.
CREATE TABLE sync_conflict (
    kind            TEXT    NOT NULL,
    record_id       TEXT    NOT NULL,
    mine_version    INTEGER NOT NULL,
    mine_payload    TEXT    NOT NULL CHECK (json_valid(mine_payload)),
    mine_deleted    INTEGER NOT NULL CHECK (mine_deleted IN (0, 1)),
    theirs_version  INTEGER NOT NULL,
    theirs_payload  TEXT    NOT NULL CHECK (json_valid(theirs_payload)),
    theirs_deleted  INTEGER NOT NULL CHECK (theirs_deleted IN (0, 1)),
    detected_at     TEXT    NOT NULL,
    PRIMARY KEY (kind, record_id)
) STRICT;

-- The enrollment syncs like any record, so it carries a version too.
ALTER TABLE enrollment ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
