//! Pull: take in what the server has that this device doesn't, page by page.
//!
//! Each page is applied in one transaction together with the cursor that ends it,
//! so an interrupted first sync of years of records resumes at the page where it
//! stopped, and a page is never applied twice or half.

use journeylog_proto::{Change, DEFAULT_PULL_LIMIT, MilestoneRequestRecord, RecordKind, Tombstone, codes};
use rusqlite::Transaction;

use crate::error::{CoreError, Result};
use crate::model::Enrollment;
use crate::store::sync_state::{self, SyncState};
use crate::store::{Store, profile, remote, signoffs};

use super::http::{HttpClient, HttpError};
use super::model::SyncReport;
use super::vault::DeviceToken;

pub(super) fn pull_all(
    store: &mut Store,
    client: &HttpClient,
    token: &DeviceToken,
    state: &SyncState,
    report: &mut SyncReport,
) -> Result<()> {
    let mut cursor = store.read(sync_state::state)?.and_then(|s| s.cursor);
    let mut received: Vec<String> = Vec::new();
    loop {
        let page = match client.pull(token, cursor.as_deref(), DEFAULT_PULL_LIMIT) {
            Ok(page) => page,
            // The server was restored from a backup: its history no longer matches
            // our cursor. Start over from zero; the outbox is untouched.
            Err(HttpError::Problem(p)) if p.code == codes::RESYNC_REQUIRED && !report.resynced => {
                report.resynced = true;
                store.write(|tx| sync_state::set_cursor(tx, None))?;
                cursor = None;
                continue;
            }
            Err(other) => return Err(super::to_core_error(other)),
        };
        store.write(|tx| {
            for change in &page.changes {
                report.pulled += 1;
                if apply(tx, change, &Me::of(state))? {
                    report.updated += 1;
                }
                if change.kind == RecordKind::Signoff {
                    received.push(change.record_id.clone());
                }
            }
            sync_state::set_cursor(tx, Some(&page.cursor))
        })?;
        cursor = Some(page.cursor);
        if !page.has_more {
            report.signoffs = received.len() as u32;
            report.signoffs_invalid = store.read(|tx| count_invalid(tx, &received))?;
            return Ok(());
        }
    }
}

/// Verifies what was pulled, now that every key and assignment of the round is here:
/// how many of the received sign-offs fail (each apprentice's ledger is checked).
fn count_invalid(tx: &Transaction<'_>, received: &[String]) -> Result<u32> {
    if received.is_empty() {
        return Ok(0);
    }
    let mut apprentices: Vec<String> = signoffs::assignments(tx)?.into_iter().map(|a| a.apprentice_id).collect();
    apprentices.sort();
    apprentices.dedup();
    let mut invalid = 0;
    for apprentice in apprentices {
        let ledger = crate::signoff::ledger::build(tx, &apprentice)?;
        invalid += ledger.invalid.iter().filter(|i| received.contains(&i.signoff_id)).count() as u32;
    }
    Ok(invalid)
}

/// Who is pulling: this device, and whether it reviews others' records (a mentor's
/// or admin's device files them apart instead of in its own logbook tables).
pub(super) struct Me<'a> {
    pub client_id: &'a str,
    pub reviewing: bool,
}

impl<'a> Me<'a> {
    pub(super) fn of(state: &'a SyncState) -> Me<'a> {
        Me { client_id: &state.client_id, reviewing: state.role != "apprentice" }
    }
}

fn parse<T: serde::de::DeserializeOwned>(change: &Change) -> Result<T> {
    serde_json::from_value(change.payload.clone()).map_err(|e| {
        CoreError::Internal(format!("the server sent an unreadable {} {}: {e}", change.kind.as_str(), change.record_id))
    })
}

/// Applies one change; returns whether the logbook changed.
pub(super) fn apply(tx: &Transaction<'_>, change: &Change, me: &Me<'_>) -> Result<bool> {
    match change.kind {
        RecordKind::Program => {
            remote::put_program(tx, &change.payload)?;
            Ok(true)
        }
        // Sign-offs, keys and assignments are the same on every device.
        RecordKind::Signoff => signoffs::put_signoff(tx, &parse(change)?),
        RecordKind::MentorKey => signoffs::put_key(tx, &parse(change)?, change.version).map(|()| true),
        RecordKind::Assignment => signoffs::put_assignment(tx, &parse(change)?, change.version).map(|()| true),
        kind if me.reviewing => {
            let owner = change.owner_id.as_deref().unwrap_or_default();
            let (id, version) = (&change.record_id, change.version);
            signoffs::put_review_record(tx, owner, kind.as_str(), id, version, change.deleted, &change.payload)
        }
        RecordKind::Enrollment => apply_enrollment(tx, change),
        RecordKind::MilestoneRequest => apply_milestone_request(tx, change),
        kind => {
            let table = remote::table(kind).ok_or_else(|| CoreError::Internal(format!("{kind:?} has no table")))?;
            apply_record(tx, table, change, me.client_id)
        }
    }
}

/// A request made on the apprentice's other device.
fn apply_milestone_request(tx: &Transaction<'_>, change: &Change) -> Result<bool> {
    let request: MilestoneRequestRecord = parse(change)?;
    if sync_state::has_pending(tx, &change.record_id)? {
        return Ok(false);
    }
    Ok(tx.execute(
        "INSERT INTO milestone_request (milestone, note, version, requested_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (milestone) DO UPDATE SET note = excluded.note, version = excluded.version,
           requested_at = excluded.requested_at WHERE excluded.version > milestone_request.version",
        rusqlite::params![request.milestone, request.note, request.version, request.requested_at],
    )? == 1)
}

fn apply_record(tx: &Transaction<'_>, table: &str, change: &Change, my_client_id: &str) -> Result<bool> {
    // An open conflict keeps both sides until the apprentice chooses; a newer
    // server copy only refreshes "theirs".
    if sync_state::update_conflict_theirs(
        tx,
        table,
        &change.record_id,
        change.version,
        &change.payload,
        change.deleted,
    )? {
        return Ok(false);
    }
    let local = remote::local_version(tx, table, &change.record_id)?;
    if change.version <= local {
        // Already here: our own write coming back, or a page seen before.
        return Ok(false);
    }
    if sync_state::has_pending(tx, &change.record_id)? {
        // A local edit is on its way; the server will report the collision on the
        // next push and both versions will be kept then.
        return Ok(false);
    }
    if change.origin_client_id.as_deref() == Some(my_client_id) && local > 0 {
        return Ok(false);
    }
    if change.deleted {
        let tombstone: Tombstone = serde_json::from_value(change.payload.clone())
            .map_err(|e| CoreError::Internal(format!("the server sent an unreadable deletion: {e}")))?;
        if local > 0 {
            remote::put_tombstone(tx, table, &change.record_id, change.version, &tombstone.deleted_at)?;
        }
        return Ok(local > 0);
    }
    remote::put_record(tx, table, &change.payload)?;
    Ok(true)
}

fn apply_enrollment(tx: &Transaction<'_>, change: &Change) -> Result<bool> {
    if sync_state::update_conflict_theirs(tx, "enrollment", "enrollment", change.version, &change.payload, false)? {
        return Ok(false);
    }
    let local = profile::enrollment(tx)?.map_or(0, |e| e.version);
    if change.version <= local || sync_state::has_pending(tx, "enrollment")? {
        return Ok(false);
    }
    let enrollment: Enrollment = serde_json::from_value(change.payload.clone())
        .map_err(|e| CoreError::Internal(format!("the server sent an unreadable enrollment: {e}")))?;
    remote::put_enrollment(tx, &enrollment)?;
    Ok(true)
}
