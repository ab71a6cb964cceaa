//! Rows of sign-offs, the key registry, assignments, milestone requests and (on a
//! mentor's device) the records under review.
//!
//! These functions store and fetch; they judge nothing. Whether a sign-off counts
//! is decided by `crate::signoff::ledger`, which re-verifies the bodies kept here.

use journeylog_proto::{AssignmentRecord, MentorKeyRecord, SignoffRecord};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{CoreError, Result};

use super::now_timestamp;
use super::outbox::{Mutation, append};

fn unreadable(what: &str, e: serde_json::Error) -> CoreError {
    CoreError::Internal(format!("a stored {what} does not parse: {e}"))
}

/// Stores a sign-off (pulled, or made on this device). A sign-off never changes,
/// so one already here is left as it is. Returns whether it was new.
pub(crate) fn put_signoff(tx: &Transaction<'_>, record: &SignoffRecord) -> Result<bool> {
    let s = &record.statement;
    let body = serde_json::to_string(record).map_err(|e| unreadable("sign-off", e))?;
    let added = tx.execute(
        "INSERT INTO signoff (id, apprentice_id, subject, decision, mentor_id, signed_at, body, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
        params![
            s.signoff_id,
            record.apprentice_id,
            record.subject,
            s.decision.as_str(),
            s.mentor_id,
            s.signed_at,
            body,
            now_timestamp()
        ],
    )? == 1;
    if added {
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO signoff_record (signoff_id, record_id, version) VALUES (?1, ?2, ?3)",
        )?;
        for r in &s.records {
            insert.execute(params![s.signoff_id, r.id, r.version])?;
        }
    }
    Ok(added)
}

/// Queues a sign-off made on this (mentor's) device for the server.
pub(crate) fn queue_signoff(tx: &Transaction<'_>, record: &SignoffRecord) -> Result<()> {
    put_signoff(tx, record)?;
    let id = &record.statement.signoff_id;
    append(tx, &Mutation { kind: "signoff.create", record_id: id, base_version: 0, payload: record })
}

pub(crate) fn put_key(tx: &Transaction<'_>, key: &MentorKeyRecord, version: u32) -> Result<()> {
    let body = serde_json::to_string(key).map_err(|e| unreadable("key", e))?;
    tx.execute(
        "INSERT INTO mentor_key (key_id, mentor_id, version, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key_id) DO UPDATE SET mentor_id = excluded.mentor_id, version = excluded.version,
           body = excluded.body WHERE excluded.version > mentor_key.version",
        params![key.key_id, key.mentor_id, version, body],
    )?;
    Ok(())
}

pub(crate) fn keys(tx: &Transaction<'_>) -> Result<Vec<MentorKeyRecord>> {
    let mut stmt = tx.prepare_cached("SELECT body FROM mentor_key ORDER BY key_id")?;
    let bodies = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    bodies.iter().map(|b| serde_json::from_str(b).map_err(|e| unreadable("key", e))).collect()
}

pub(crate) fn put_assignment(tx: &Transaction<'_>, a: &AssignmentRecord, version: u32) -> Result<()> {
    let body = serde_json::to_string(a).map_err(|e| unreadable("assignment", e))?;
    tx.execute(
        "INSERT INTO assignment (apprentice_id, mentor_id, version, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (apprentice_id, mentor_id) DO UPDATE SET version = excluded.version, body = excluded.body
           WHERE excluded.version > assignment.version",
        params![a.apprentice_id, a.mentor_id, version, body],
    )?;
    Ok(())
}

pub(crate) fn assignments(tx: &Transaction<'_>) -> Result<Vec<AssignmentRecord>> {
    let mut stmt = tx.prepare_cached("SELECT body FROM assignment ORDER BY apprentice_id, mentor_id")?;
    let bodies = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    bodies.iter().map(|b| serde_json::from_str(b).map_err(|e| unreadable("assignment", e))).collect()
}

/// Files a record of one of the mentor's apprentices, if it is newer than the copy here.
pub(crate) fn put_review_record(
    tx: &Transaction<'_>,
    apprentice_id: &str,
    kind: &str,
    record_id: &str,
    version: u32,
    deleted: bool,
    payload: &serde_json::Value,
) -> Result<bool> {
    Ok(tx.execute(
        "INSERT INTO review_record (apprentice_id, kind, record_id, version, deleted, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (apprentice_id, kind, record_id) DO UPDATE SET version = excluded.version,
           deleted = excluded.deleted, payload = excluded.payload WHERE excluded.version > review_record.version",
        params![apprentice_id, kind, record_id, version, deleted, payload.to_string()],
    )? == 1)
}

/// The live records of one kind of an apprentice under review, as JSON payloads.
pub(crate) fn review_records(tx: &Transaction<'_>, apprentice_id: &str, kind: &str) -> Result<Vec<serde_json::Value>> {
    let mut stmt = tx.prepare_cached(
        "SELECT payload FROM review_record WHERE apprentice_id = ?1 AND kind = ?2 AND deleted = 0 ORDER BY record_id",
    )?;
    let rows = stmt.query_map(params![apprentice_id, kind], |r| r.get::<_, String>(0))?;
    rows.map(|p| serde_json::from_str(&p?).map_err(|e| unreadable("review record", e))).collect()
}

/// One live record of an apprentice under review.
pub(crate) fn review_payload(
    tx: &Transaction<'_>,
    apprentice_id: &str,
    kind: &str,
    record_id: &str,
) -> Result<Option<serde_json::Value>> {
    let payload: Option<String> = tx
        .query_row(
            "SELECT payload FROM review_record WHERE apprentice_id = ?1 AND kind = ?2 AND record_id = ?3 AND deleted = 0",
            params![apprentice_id, kind, record_id],
            |r| r.get(0),
        )
        .optional()?;
    payload.map(|p| serde_json::from_str(&p).map_err(|e| unreadable("review record", e))).transpose()
}

/// The kind of a live record of an apprentice under review, among those a mentor signs.
pub(crate) fn review_kind_of(tx: &Transaction<'_>, apprentice_id: &str, record_id: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT kind FROM review_record WHERE apprentice_id = ?1 AND record_id = ?2 AND deleted = 0
               AND kind IN ('ojl_entry', 'coursework_entry')",
            params![apprentice_id, record_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The apprentice's milestone requests, as `(milestone, note, requested_at)`.
pub(crate) fn milestone_requests(tx: &Transaction<'_>) -> Result<Vec<(String, String, String)>> {
    let mut stmt =
        tx.prepare_cached("SELECT milestone, note, requested_at FROM milestone_request ORDER BY milestone")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records (or renews) the apprentice's request for a milestone sign-off.
pub(crate) fn request_milestone(tx: &Transaction<'_>, milestone: &str, note: &str) -> Result<()> {
    let version: u32 = tx
        .query_row("SELECT version FROM milestone_request WHERE milestone = ?1", [milestone], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let record = journeylog_proto::MilestoneRequestRecord {
        milestone: milestone.to_owned(),
        note: note.to_owned(),
        version: version + 1,
        requested_at: now_timestamp(),
    };
    tx.execute(
        "INSERT INTO milestone_request (milestone, note, version, requested_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (milestone) DO UPDATE SET note = excluded.note, version = excluded.version,
           requested_at = excluded.requested_at",
        params![record.milestone, record.note, record.version, record.requested_at],
    )?;
    append(
        tx,
        &Mutation { kind: "milestone_request.upsert", record_id: milestone, base_version: version, payload: &record },
    )
}

/// Every stored sign-off filed under `apprentice_id`, in signing order, as stored:
/// the bundle carries them unjudged, and its verifier judges them.
pub(crate) fn signoff_bodies(tx: &Transaction<'_>, apprentice_id: &str) -> Result<Vec<SignoffRecord>> {
    let mut stmt = tx.prepare_cached("SELECT body FROM signoff WHERE apprentice_id = ?1 ORDER BY signed_at, id")?;
    let bodies = stmt.query_map([apprentice_id], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    bodies.iter().map(|b| serde_json::from_str(b).map_err(|e| unreadable("sign-off", e))).collect()
}
