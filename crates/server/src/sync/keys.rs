//! The mentor key registry: `POST /v1/keys`, `GET /v1/keys`, and what the admin CLI
//! does to it.
//!
//! Keys are records (`mentor_key`) in the employer's change stream, so the
//! apprentices of a mentor pull that mentor's keys, revocations included, and can
//! verify sign-offs offline with what they hold.

use journeylog_core::signoff;
use journeylog_proto::{AssignmentRecord, KeysResponse, MentorKeyRecord, RecordKind, RegisterKeyRequest, Role};

use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts::{self, ChangeCounter, User};
use crate::store::records::{self, NewVersion, RecordKey};
use crate::store::signoffs;
use crate::time;
use journeylog_proto::{canonical_json, sha256_hex};

/// Registers the caller's new public key after checking the device holds it.
/// Registering the same key again returns it unchanged.
pub fn register(tx: &mut dyn Tx, caller: &Caller, request: &RegisterKeyRequest) -> Result<MentorKeyRecord> {
    if caller.role != Role::Mentor {
        return Err(ServerError::Forbidden(format!(
            "a {} can't register a signing key; only mentors sign off records",
            caller.role.as_str()
        )));
    }
    let key = signoff::verify_key_proof(&request.public_key, &request.proof, &caller.user_id).map_err(|e| {
        ServerError::bad_request(journeylog_proto::codes::INVALID_BODY, format!("public_key or proof: {e}"))
    })?;
    let key_id = signoff::key_id(&key);
    let mut counter = accounts::lock_employer(tx, &caller.employer_id)?;
    if let Some(existing) = signoffs::key(tx, &caller.employer_id, &key_id)? {
        if existing.mentor_id != caller.user_id {
            return Err(ServerError::Forbidden("this key is registered to another mentor".into()));
        }
        return Ok(existing);
    }
    let mentor = accounts::user(tx, &caller.user_id)?.ok_or_else(|| ServerError::corrupt("caller without a user"))?;
    let record = MentorKeyRecord {
        key_id,
        mentor_id: mentor.id,
        mentor_name: mentor.name,
        public_key: request.public_key.clone(),
        valid_from: time::now(),
        revoked_at: None,
    };
    put(tx, &mut counter, &caller.employer_id, &record, 1, Some(&caller.client_id))?;
    counter.save(tx)?;
    Ok(record)
}

/// The keys the caller may see: an apprentice's mentors', a mentor's own, or all of
/// the employer's for an admin.
pub fn list(tx: &mut dyn Tx, caller: &Caller) -> Result<KeysResponse> {
    let rows = match caller.role {
        Role::Apprentice => tx.query(
            "SELECT payload FROM record WHERE employer_id = $1 AND kind = 'mentor_key' AND owner_id IN \
             (SELECT mentor_id FROM mentor_assignment WHERE apprentice_id = $2) ORDER BY record_id",
            crate::params![&caller.employer_id, &caller.user_id],
        )?,
        // Their own keys and their co-mentors' (mentors of the same apprentices), so
        // they can verify each other's sign-offs.
        Role::Mentor => tx.query(
            "SELECT payload FROM record WHERE employer_id = $1 AND kind = 'mentor_key' AND (owner_id = $2 OR \
             owner_id IN (SELECT b.mentor_id FROM mentor_assignment a JOIN mentor_assignment b \
             ON b.apprentice_id = a.apprentice_id WHERE a.mentor_id = $2)) ORDER BY record_id",
            crate::params![&caller.employer_id, &caller.user_id],
        )?,
        Role::Admin => tx.query(
            "SELECT payload FROM record WHERE employer_id = $1 AND kind = 'mentor_key' ORDER BY record_id",
            crate::params![&caller.employer_id],
        )?,
    };
    let keys = rows
        .iter()
        .map(|r| serde_json::from_str(&r.text(0)?).map_err(|e| ServerError::corrupt(format!("stored key: {e}"))))
        .collect::<Result<Vec<_>>>()?;
    Ok(KeysResponse { keys })
}

/// Marks a key revoked from now on. Sign-offs it made before stay valid; any made
/// with it afterwards are refused everywhere.
pub fn revoke(tx: &mut dyn Tx, key_id: &str) -> Result<Option<MentorKeyRecord>> {
    let row = tx.query_opt(
        "SELECT employer_id, version FROM record WHERE kind = 'mentor_key' AND scope = '' AND record_id = $1",
        crate::params![key_id],
    )?;
    let Some(row) = row else { return Ok(None) };
    let (employer_id, version): (String, u32) = (row.text(0)?, row.count(1)?);
    let mut counter = accounts::lock_employer(tx, &employer_id)?;
    let mut record = signoffs::key(tx, &employer_id, key_id)?.ok_or_else(|| ServerError::corrupt("key vanished"))?;
    if record.revoked_at.is_none() {
        record.revoked_at = Some(time::now());
        put(tx, &mut counter, &employer_id, &record, version + 1, None)?;
        counter.save(tx)?;
    }
    Ok(Some(record))
}

/// Writes the assignment record both sides pull, and hands the keys of the
/// apprentice's mentors fresh change seqs, so a reader whose cursor is past them
/// (the apprentice, a newly assigned co-mentor) still receives them.
pub fn publish_assignment(
    tx: &mut dyn Tx,
    counter: &mut ChangeCounter,
    mentor: &User,
    apprentice: &User,
) -> Result<()> {
    let record = AssignmentRecord {
        mentor_id: mentor.id.clone(),
        mentor_name: mentor.name.clone(),
        apprentice_id: apprentice.id.clone(),
        apprentice_name: apprentice.name.clone(),
        assigned_at: time::now(),
    };
    let payload = canonical_json(&serde_json::to_value(&record).map_err(|e| ServerError::corrupt(e.to_string()))?);
    let key = RecordKey::new(&mentor.employer_id, RecordKind::Assignment, &apprentice.id, &mentor.id);
    let version = records::find(tx, key)?.map_or(1, |r| r.version + 1);
    records::put(
        tx,
        counter,
        &NewVersion {
            key,
            owner_id: Some(&apprentice.id),
            version,
            deleted: false,
            payload: &payload,
            content_hash: &sha256_hex(payload.as_bytes()),
            origin_client_id: None,
            entry_date: None,
            minutes: None,
            now: &record.assigned_at,
        },
    )?;
    // Every key of every mentor of this apprentice: the apprentice and the new mentor
    // may both be past their seqs.
    let keys = tx.query(
        "SELECT record_id FROM record WHERE employer_id = $1 AND kind = 'mentor_key' AND owner_id IN \
         (SELECT mentor_id FROM mentor_assignment WHERE apprentice_id = $2)",
        crate::params![&mentor.employer_id, &apprentice.id],
    )?;
    for row in &keys {
        let seq = accounts::to_i64(counter.take())?;
        tx.execute(
            "UPDATE record SET change_seq = $3 WHERE employer_id = $1 AND kind = 'mentor_key' AND record_id = $2",
            crate::params![&mentor.employer_id, row.text(0)?, seq],
        )?;
    }
    Ok(())
}

fn put(
    tx: &mut dyn Tx,
    counter: &mut ChangeCounter,
    employer_id: &str,
    record: &MentorKeyRecord,
    version: u32,
    origin: Option<&str>,
) -> Result<()> {
    let payload = canonical_json(&serde_json::to_value(record).map_err(|e| ServerError::corrupt(e.to_string()))?);
    let now = time::now();
    records::put(
        tx,
        counter,
        &NewVersion {
            key: RecordKey::new(employer_id, RecordKind::MentorKey, &record.mentor_id, &record.key_id),
            owner_id: Some(&record.mentor_id),
            version,
            deleted: false,
            payload: &payload,
            content_hash: &sha256_hex(payload.as_bytes()),
            origin_client_id: origin,
            entry_date: None,
            minutes: None,
            now: &now,
        },
    )?;
    Ok(())
}
