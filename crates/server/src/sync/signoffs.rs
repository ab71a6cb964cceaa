//! `signoff.create` mutations and the lock they put on signed versions.
//!
//! The server verifies a sign-off with the same code as the desktop client
//! (`journeylog_core::signoff::verify`), against its own key registry and
//! assignments, and then checks what only it can see: that every signed record is
//! on the server at exactly the signed version and content. Only then is the
//! sign-off stored and, for an approval, the versions locked.

use journeylog_core::CoreError;
use journeylog_core::signoff::{self, FiledUnder, KeyEntry, Subject, Trust};
use journeylog_proto::{Decision, Mutation, RecordKind, Role, SignoffRecord, SignoffStatement, canonical_json, codes};

use super::rules::Rejection;
use crate::auth::Caller;
use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts::{self, ChangeCounter};
use crate::store::records::{self, NewVersion, RecordKey};
use crate::store::signoffs;
use journeylog_proto::sha256_hex;
use serde::Deserialize;

/// Applies one sign-off; the outer `Result` is a server failure, the inner the verdict.
pub fn apply(
    tx: &mut dyn Tx,
    caller: &Caller,
    m: &Mutation,
    counter: &mut ChangeCounter,
    now: &str,
) -> Result<Result<u32, Rejection>> {
    let record: SignoffRecord = match SignoffRecord::deserialize(&m.payload) {
        Ok(record) => record,
        Err(e) => return Ok(Err(Rejection::new(codes::SIGNOFF_MALFORMED, format!("payload is not a sign-off: {e}")))),
    };
    if let Err(rejection) = check(tx, caller, m, &record)? {
        return Ok(Err(rejection));
    }
    let s = &record.statement;
    let canonical = canonical_json(&m.payload);
    let key = RecordKey::new(&caller.employer_id, RecordKind::Signoff, &s.apprentice_id, &s.signoff_id);
    records::put(
        tx,
        counter,
        &NewVersion {
            key,
            owner_id: Some(&s.apprentice_id),
            version: 1,
            deleted: false,
            payload: &canonical,
            content_hash: &sha256_hex(canonical.as_bytes()),
            origin_client_id: Some(&caller.client_id),
            entry_date: None,
            minutes: None,
            now,
        },
    )?;
    match (s.decision, Subject::parse(&s.subject)) {
        (Decision::Approved, _) => {
            signoffs::lock(tx, &caller.employer_id, &s.apprentice_id, &s.signoff_id, &s.records)?
        }
        (Decision::Revoked, Ok(Subject::Signoff { id })) => signoffs::unlock(tx, &caller.employer_id, &id)?,
        _ => {}
    }
    Ok(Ok(1))
}

fn reject(code: &'static str, message: impl Into<String>) -> Result<Result<(), Rejection>> {
    Ok(Err(Rejection::new(code, message)))
}

fn check(tx: &mut dyn Tx, caller: &Caller, m: &Mutation, record: &SignoffRecord) -> Result<Result<(), Rejection>> {
    let s = &record.statement;
    if caller.role != Role::Mentor {
        return reject(
            codes::NOT_OWNER,
            format!("a {} can't sign off records; only a mentor can", caller.role.as_str()),
        );
    }
    if s.mentor_id != caller.user_id {
        return reject(codes::NOT_OWNER, "a sign-off names the mentor who signs it; this one names someone else");
    }
    if m.record_id != s.signoff_id || m.base_version != 0 {
        return reject(
            codes::INVALID_RECORD,
            "a sign-off is created once: record_id must be its signoff_id and base_version 0",
        );
    }
    if s.decision == Decision::Returned && s.comment.trim().is_empty() {
        return reject(codes::INVALID_RECORD, "comment must say why records are returned");
    }
    let Some(apprentice) = accounts::user(tx, &record.apprentice_id)?
        .filter(|u| u.employer_id == caller.employer_id && u.role == Role::Apprentice)
    else {
        return reject(codes::SIGNOFF_WRONG_APPRENTICE, format!("there is no apprentice {}", record.apprentice_id));
    };
    let mut trust = Trust::default();
    if let Some(key) = signoffs::key(tx, &caller.employer_id, &s.key_id)? {
        trust.keys.insert(
            key.key_id.clone(),
            KeyEntry { mentor_id: key.mentor_id, public_key: key.public_key, revoked_at: key.revoked_at },
        );
    }
    if signoffs::is_assigned(tx, &s.mentor_id, &s.apprentice_id)? {
        trust.assignments.insert((s.mentor_id.clone(), s.apprentice_id.clone()));
    }
    let here = FiledUnder { apprentice_id: &record.apprentice_id, subject: None };
    match signoff::verify(record, here, &trust) {
        Ok(()) => {}
        Err(CoreError::InvalidSignoff { code, message }) => return reject(code, message),
        Err(other) => return Err(ServerError::corrupt(format!("verifying a sign-off: {other}"))),
    }
    if apprentice.program_id.as_deref().is_some_and(|p| p != s.program_id) {
        return reject(
            codes::SIGNOFF_WRONG_SUBJECT,
            format!("program_id \"{}\" is not the apprentice's program", s.program_id),
        );
    }
    if let Err(rejection) = check_records(tx, caller, s)? {
        return Ok(Err(rejection));
    }
    Ok(Ok(()))
}

/// Every signed record must be here at the signed version and content, and a
/// revocation must name a sign-off of this apprentice made by this mentor.
fn check_records(tx: &mut dyn Tx, caller: &Caller, s: &SignoffStatement) -> Result<Result<(), Rejection>> {
    for r in &s.records {
        let held = signoffs::signable(tx, &caller.employer_id, &s.apprentice_id, &r.id)?;
        let problem = match held {
            None => Some("is not on the server (sync the apprentice's device first)".to_owned()),
            Some((_, _, true)) => Some("was deleted".to_owned()),
            Some((version, _, _)) if version != r.version => {
                Some(format!("is at version {version} on the server, not the signed version {}", r.version))
            }
            Some((_, hash, _)) if hash != r.content_hash => {
                Some("has other content on the server than the content signed".to_owned())
            }
            Some(_) => None,
        };
        if let Some(problem) = problem {
            return reject(codes::SIGNOFF_RECORD_MISMATCH, format!("record {} {problem}", r.id));
        }
    }
    if let Ok(Subject::Signoff { id }) = Subject::parse(&s.subject) {
        let target = signoffs::signoff_payload(tx, &caller.employer_id, &s.apprentice_id, &id)?;
        let made_by_signer = target
            .as_deref()
            .and_then(|p| serde_json::from_str::<SignoffRecord>(p).ok())
            .is_some_and(|t| t.statement.mentor_id == s.mentor_id);
        if !made_by_signer {
            return reject(
                codes::SIGNOFF_RECORD_MISMATCH,
                format!("there is no sign-off {id} by this mentor for this apprentice to revoke"),
            );
        }
    }
    Ok(Ok(()))
}

/// The lock on signed versions: an edit or delete of a signed version is refused,
/// except an amendment, which names the version it corrects.
pub fn check_unlocked(
    tx: &mut dyn Tx,
    caller: &Caller,
    record_id: &str,
    current_version: u32,
    deleting: bool,
    amends_version: Option<u32>,
) -> Result<Result<(), Rejection>> {
    if current_version == 0
        || !signoffs::is_signed(tx, &caller.employer_id, &caller.user_id, record_id, current_version)?
    {
        return Ok(Ok(()));
    }
    if !deleting && amends_version == Some(current_version) {
        return Ok(Ok(()));
    }
    let what = if deleting { "deleted" } else { "edited" };
    reject(
        codes::SIGNED_OFF,
        format!(
            "record {record_id} version {current_version} is signed off by a mentor and can't be {what}; send a \
             correction as an amendment (amends_version {current_version}), which needs a fresh approval"
        ),
    )
}
