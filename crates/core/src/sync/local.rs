//! The parts of sync that need no network: the status line, the conflict and
//! "needs attention" lists, and the apprentice's answers to them. The UI reaches
//! these through [`crate::Journal`] while a round may be running on another thread.

use rusqlite::Transaction;

use crate::error::{CoreError, Result};
use crate::store::outbox::{self, Mutation};
use crate::store::sync_state;
use crate::store::{now_timestamp, profile, remote};

use super::model::{AttentionItem, ConflictChoice, SyncConflict, SyncPhase, SyncStatus};

pub(crate) fn status(tx: &Transaction<'_>) -> Result<SyncStatus> {
    let pending = sync_state::pending_count(tx)?;
    let conflicts = sync_state::conflict_count(tx)?;
    let attention = sync_state::attention_count(tx)?;
    let Some(state) = sync_state::state(tx)? else {
        return Ok(SyncStatus {
            phase: SyncPhase::NotConnected,
            server_url: None,
            employer_name: None,
            user_name: None,
            role: None,
            pending,
            conflicts,
            attention,
            last_synced_at: None,
            last_error: None,
            next_attempt_at: None,
        });
    };
    let phase = match state.last_error_code.as_deref() {
        Some("offline") => SyncPhase::Offline,
        Some(_) => SyncPhase::Error,
        None if pending > 0 => SyncPhase::Pending,
        None => SyncPhase::Synced,
    };
    Ok(SyncStatus {
        phase,
        server_url: Some(state.server_url),
        employer_name: Some(state.employer_name),
        user_name: Some(state.user_name),
        role: Some(state.role),
        pending,
        conflicts,
        attention,
        last_synced_at: state.last_synced_at,
        last_error: state.last_error,
        next_attempt_at: state.next_attempt_at,
    })
}

pub(crate) fn conflicts(tx: &Transaction<'_>) -> Result<Vec<SyncConflict>> {
    sync_state::conflicts(tx)
}

pub(crate) fn attention(tx: &Transaction<'_>) -> Result<Vec<AttentionItem>> {
    sync_state::attention(tx)
}

pub(crate) fn dismiss_attention(tx: &Transaction<'_>, mutation_id: &str) -> Result<()> {
    sync_state::dismiss_attention(tx, mutation_id)
}

/// Settles a conflict the way the apprentice chose, in one transaction.
///
/// *Theirs*: the server's copy replaces the local one, and any local change still
/// queued for that record is dropped (the apprentice chose to drop it).
/// *Mine*: the local copy becomes the newest version, one past the server's, and is
/// queued to be sent, so the other device receives it on its next pull.
pub(crate) fn resolve_conflict(
    tx: &Transaction<'_>,
    kind: &str,
    record_id: &str,
    choice: ConflictChoice,
) -> Result<()> {
    let conflict = sync_state::conflict(tx, kind, record_id)?
        .ok_or_else(|| CoreError::NotFound { what: "conflict", id: format!("{kind} {record_id}") })?;
    tx.execute("DELETE FROM outbox WHERE record_id = ?1", [record_id])?;
    match choice {
        ConflictChoice::Theirs => take_theirs(tx, &conflict)?,
        ConflictChoice::Mine => keep_mine(tx, &conflict)?,
    }
    sync_state::delete_conflict(tx, kind, record_id)
}

fn take_theirs(tx: &Transaction<'_>, c: &SyncConflict) -> Result<()> {
    if c.kind == "enrollment" {
        let enrollment = serde_json::from_value(c.theirs.clone())
            .map_err(|e| CoreError::Internal(format!("stored conflict is unreadable: {e}")))?;
        return remote::put_enrollment(tx, &enrollment);
    }
    let table = record_table(&c.kind)?;
    if c.theirs_deleted {
        let deleted_at = c.theirs.get("deleted_at").and_then(|v| v.as_str()).map(str::to_owned);
        let deleted_at = deleted_at.unwrap_or_else(now_timestamp);
        remote::put_tombstone(tx, table, &c.record_id, c.theirs_version.max(1), &deleted_at)
    } else {
        remote::put_record(tx, table, &c.theirs)
    }
}

fn keep_mine(tx: &Transaction<'_>, c: &SyncConflict) -> Result<()> {
    let version = c.theirs_version + 1;
    let now = now_timestamp();
    if c.kind == "enrollment" {
        let mut enrollment = profile::enrollment(tx)?.ok_or(CoreError::NoProfile)?;
        enrollment.version = version;
        remote::put_enrollment(tx, &enrollment)?;
        let base_version = c.theirs_version;
        return outbox::append(
            tx,
            &Mutation { kind: "enrollment.upsert", record_id: "enrollment", base_version, payload: &enrollment },
        );
    }
    let table = record_table(&c.kind)?;
    if c.mine_deleted {
        if remote::local_version(tx, table, &c.record_id)? == 0 {
            return Ok(());
        }
        remote::put_tombstone(tx, table, &c.record_id, version, &now)?;
        let payload = serde_json::json!({ "id": c.record_id, "version": version, "deleted_at": now });
        let kind = format!("{table}.delete");
        return outbox::append(
            tx,
            &Mutation { kind: &kind, record_id: &c.record_id, base_version: c.theirs_version, payload: &payload },
        );
    }
    let mut mine = current_row(tx, table, &c.record_id)?.unwrap_or_else(|| c.mine.clone());
    mine["version"] = version.into();
    mine["updated_at"] = now.into();
    remote::put_record(tx, table, &mine)?;
    let kind = format!("{table}.upsert");
    outbox::append(
        tx,
        &Mutation { kind: &kind, record_id: &c.record_id, base_version: c.theirs_version, payload: &mine },
    )
}

/// The local record as the apprentice sees it now (edits after the conflict count).
fn current_row(tx: &Transaction<'_>, table: &str, id: &str) -> Result<Option<serde_json::Value>> {
    use crate::store::{certifications, coursework, ojl};
    let value = match table {
        "ojl_entry" => ojl::get(tx, id).ok().map(serde_json::to_value),
        "coursework_entry" => coursework::get(tx, id).ok().map(serde_json::to_value),
        "certification" => certifications::get(tx, id).ok().map(serde_json::to_value),
        _ => None,
    };
    value.transpose().map_err(|e| CoreError::Internal(e.to_string()))
}

fn record_table(kind: &str) -> Result<&'static str> {
    journeylog_proto::RecordKind::parse(kind)
        .and_then(remote::table)
        .ok_or_else(|| CoreError::Internal(format!("conflict on unknown record kind {kind:?}")))
}
