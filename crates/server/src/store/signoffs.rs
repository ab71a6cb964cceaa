//! The SQL behind sign-offs: the registry lookups a verifier needs and the index of
//! locked (record, version) pairs.

use journeylog_proto::{MentorKeyRecord, RecordKind, SignedRecord};

use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::params;

/// Is this version of the owner's record locked by an approval?
pub fn is_signed(tx: &mut dyn Tx, employer_id: &str, owner_id: &str, record_id: &str, version: u32) -> Result<bool> {
    let row = tx.query_opt(
        "SELECT 1 FROM signed_version WHERE employer_id = $1 AND owner_id = $2 AND record_id = $3 AND version = $4 \
         LIMIT 1",
        params![employer_id, owner_id, record_id, version],
    )?;
    Ok(row.is_some())
}

/// Locks the records an approval covers.
pub fn lock(
    tx: &mut dyn Tx,
    employer_id: &str,
    owner_id: &str,
    signoff_id: &str,
    records: &[SignedRecord],
) -> Result<()> {
    for r in records {
        tx.execute(
            "INSERT INTO signed_version (employer_id, owner_id, record_id, version, signoff_id) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            params![employer_id, owner_id, r.id.as_str(), r.version, signoff_id],
        )?;
    }
    Ok(())
}

/// Lifts the locks of a revoked approval.
pub fn unlock(tx: &mut dyn Tx, employer_id: &str, signoff_id: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM signed_version WHERE employer_id = $1 AND signoff_id = $2",
        params![employer_id, signoff_id],
    )?;
    Ok(())
}

/// A registered key of the employer, revoked or not.
pub fn key(tx: &mut dyn Tx, employer_id: &str, key_id: &str) -> Result<Option<MentorKeyRecord>> {
    let row = tx.query_opt(
        "SELECT payload FROM record WHERE employer_id = $1 AND kind = $2 AND scope = '' AND record_id = $3",
        params![employer_id, RecordKind::MentorKey.as_str(), key_id],
    )?;
    row.map(|r| {
        serde_json::from_str(&r.text(0)?)
            .map_err(|e| ServerError::corrupt(format!("stored key {key_id} does not parse: {e}")))
    })
    .transpose()
}

pub fn is_assigned(tx: &mut dyn Tx, mentor_id: &str, apprentice_id: &str) -> Result<bool> {
    let row = tx.query_opt(
        "SELECT 1 FROM mentor_assignment WHERE mentor_id = $1 AND apprentice_id = $2",
        params![mentor_id, apprentice_id],
    )?;
    Ok(row.is_some())
}

/// What the server holds of a record a sign-off names: `(version, content hash,
/// deleted)`, looked up among the kinds a mentor signs.
pub fn signable(
    tx: &mut dyn Tx,
    employer_id: &str,
    owner_id: &str,
    record_id: &str,
) -> Result<Option<(u32, String, bool)>> {
    let row = tx.query_opt(
        "SELECT version, content_hash, deleted FROM record WHERE employer_id = $1 AND scope = '' \
         AND kind IN ('ojl_entry', 'coursework_entry', 'certification') AND record_id = $2 AND owner_id = $3",
        params![employer_id, record_id, owner_id],
    )?;
    row.map(|r| Ok((r.count(0)?, r.text(1)?, r.bool(2)?))).transpose()
}

/// The stored payload of an apprentice's sign-off, if there is one with this id.
pub fn signoff_payload(tx: &mut dyn Tx, employer_id: &str, owner_id: &str, signoff_id: &str) -> Result<Option<String>> {
    let row = tx.query_opt(
        "SELECT payload FROM record WHERE employer_id = $1 AND kind = $2 AND scope = '' AND record_id = $3 \
         AND owner_id = $4",
        params![employer_id, RecordKind::Signoff.as_str(), signoff_id, owner_id],
    )?;
    row.map(|r| r.text(0)).transpose()
}
