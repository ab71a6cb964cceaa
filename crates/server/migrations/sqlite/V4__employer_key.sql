-- The employer's signing key (docs/bundle.md): it signs the statement of mentor keys
-- and assignments that lets an apprentice's bundle be checked without this server.
-- The secret half is the employer's seal: whoever reads this column can issue key
-- statements in the employer's name, so the database and its backups must be
-- protected like the employer's other credentials (docs/server.md).
CREATE TABLE employer_key (
    employer_id TEXT PRIMARY KEY REFERENCES employer (id),
    key_id      TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    secret_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
