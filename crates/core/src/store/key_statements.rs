//! The employer's key statements, one per apprentice: the latest received.
//!
//! Stored and fetched only; `signoff::verify_key_statement` judges them.

use journeylog_proto::SignedKeyStatement;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{CoreError, Result};

use super::now_timestamp;

/// Keeps `signed` as the apprentice's statement unless the one here was issued later.
pub(crate) fn put(tx: &Transaction<'_>, signed: &SignedKeyStatement) -> Result<()> {
    let s = &signed.statement;
    let body = serde_json::to_string(signed)
        .map_err(|e| CoreError::Internal(format!("a key statement did not serialise: {e}")))?;
    tx.execute(
        "INSERT INTO key_statement (apprentice_id, employer_id, issued_at, body, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (apprentice_id) DO UPDATE SET employer_id = excluded.employer_id,
           issued_at = excluded.issued_at, body = excluded.body, received_at = excluded.received_at
         WHERE excluded.issued_at >= key_statement.issued_at",
        params![s.apprentice_id, s.employer_id, s.issued_at, body, now_timestamp()],
    )?;
    Ok(())
}

/// The apprentice's statement, if one was received.
pub(crate) fn get(tx: &Transaction<'_>, apprentice_id: &str) -> Result<Option<SignedKeyStatement>> {
    let body: Option<String> = tx
        .query_row("SELECT body FROM key_statement WHERE apprentice_id = ?1", [apprentice_id], |r| r.get(0))
        .optional()?;
    body.map(|b| {
        serde_json::from_str(&b).map_err(|e| CoreError::Internal(format!("a stored key statement does not parse: {e}")))
    })
    .transpose()
}
