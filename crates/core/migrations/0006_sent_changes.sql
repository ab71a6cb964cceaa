-- Changes the server has acknowledged, kept for a while after they leave the outbox.
-- If the employer restores its server from a backup, it forgets the changes it
-- acknowledged after that backup and answers the next push with 409 seq_gap, naming
-- the seq it expects. The device then puts its own copies of those changes back in
-- the outbox, under their old seqs and mutation ids, and sends them again: the
-- server's copy of the log is rebuilt from the laptop's. Rows are pruned after
-- 90 days (crates/core/src/store/sent.rs), the window a backup is expected to cover.
CREATE TABLE sent_changes (
    seq           INTEGER PRIMARY KEY,            -- the outbox seq it had
    wire_seq      INTEGER NOT NULL UNIQUE,        -- the seq the server acknowledged
    mutation_id   TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    record_id     TEXT    NOT NULL,
    base_version  INTEGER NOT NULL,
    payload       TEXT    NOT NULL CHECK (json_valid(payload)),
    created_at    TEXT    NOT NULL,
    settled_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX sent_changes_settled_at ON sent_changes (settled_at);
