-- Mentor sign-offs (DESIGN §5). Sign-offs, mentor keys, assignments and milestone
-- requests are rows of `record` like everything else that syncs; this table only
-- indexes which (record, version) pairs an approval currently locks, so the push
-- path can refuse an edit of a signed version with one lookup.
CREATE TABLE signed_version (
    employer_id TEXT    NOT NULL REFERENCES employer (id),
    owner_id    TEXT    NOT NULL REFERENCES app_user (id),
    record_id   TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    signoff_id  TEXT    NOT NULL,
    PRIMARY KEY (employer_id, owner_id, record_id, version, signoff_id)
);
CREATE INDEX signed_version_signoff ON signed_version (employer_id, signoff_id);
