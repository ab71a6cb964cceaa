-- The employer's signed statement of the mentor keys and assignments that vouch for
-- an apprentice's sign-offs (docs/bundle.md). The latest one received is kept per
-- apprentice and copied into every signed bundle, so a bundle can be checked
-- without the server. Like the sign-offs beside it, a row here proves nothing by
-- being here: its signature is checked whenever it is used.
CREATE TABLE key_statement (
    apprentice_id TEXT PRIMARY KEY,
    employer_id   TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    body          TEXT NOT NULL CHECK (json_valid(body)),
    received_at   TEXT NOT NULL
) STRICT;
