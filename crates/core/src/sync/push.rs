//! Push: send the outbox in seq order and record the server's answer to each change.
//!
//! An outbox row leaves the outbox only in the transaction that records what the
//! server said about it. If the answer never arrives (a dropped connection, a
//! crash, a kill -9), the row is still there and goes again with the same seq; the
//! server recognises the seq and answers `duplicate` instead of storing it twice.

use journeylog_proto::{
    MAX_BODY_BYTES, MAX_PUSH_MUTATIONS, Mutation, MutationKind, MutationOutcome, PushRequest, codes,
};

use crate::error::{CoreError, Result};
use crate::store::sync_state::{self, SyncState};
use crate::store::{OutboxRow, Store, now_timestamp};

use super::http::HttpClient;
use super::model::{SyncConflict, SyncReport};
use super::vault::DeviceToken;

/// Room left in a request body for everything but the payloads.
const ENVELOPE_BYTES: usize = 64 * 1024;
/// A round stops after this many batches so a device that writes faster than it can
/// send still finishes the round (and pulls); the rest goes in the next round.
const MAX_BATCHES_PER_ROUND: usize = 200;

pub(super) fn push_all(
    store: &mut Store,
    client: &HttpClient,
    token: &DeviceToken,
    state: &SyncState,
    report: &mut SyncReport,
) -> Result<()> {
    for _ in 0..MAX_BATCHES_PER_ROUND {
        let batch =
            store.read(|tx| sync_state::outbox_batch(tx, MAX_PUSH_MUTATIONS, MAX_BODY_BYTES - ENVELOPE_BYTES))?;
        if batch.is_empty() {
            return Ok(());
        }
        let mutations = batch.iter().map(|row| to_wire(row, state.seq_offset)).collect::<Result<Vec<_>>>()?;
        let request = PushRequest { client_id: state.client_id.clone(), mutations };
        let response = client.push(token, &request).map_err(super::to_core_error)?;
        let settled = store.write(|tx| settle(tx, &batch, state.seq_offset, &response.results, report))?;
        report.pushed += settled;
        if (settled as usize) < batch.len() {
            // The server answered only part of the batch; the rest goes next round.
            return Ok(());
        }
    }
    Ok(())
}

fn to_wire(row: &OutboxRow, seq_offset: i64) -> Result<Mutation> {
    let kind = MutationKind::parse(&row.kind)
        .ok_or_else(|| CoreError::Internal(format!("outbox row {} has an unknown kind {:?}", row.seq, row.kind)))?;
    let payload = serde_json::from_str(&row.payload)
        .map_err(|e| CoreError::Internal(format!("outbox row {} has an unreadable payload: {e}", row.seq)))?;
    Ok(Mutation {
        seq: wire_seq(row.seq, seq_offset)?,
        mutation_id: row.mutation_id.clone(),
        kind,
        record_id: row.record_id.clone(),
        base_version: row.base_version,
        payload,
    })
}

fn wire_seq(local_seq: i64, seq_offset: i64) -> Result<u64> {
    u64::try_from(local_seq - seq_offset)
        .ok()
        .filter(|&s| s > 0)
        .ok_or_else(|| CoreError::Internal(format!("outbox seq {local_seq} is before this connection ({seq_offset})")))
}

/// Records the server's answers in one transaction; returns how many rows settled.
fn settle(
    tx: &rusqlite::Transaction<'_>,
    batch: &[OutboxRow],
    seq_offset: i64,
    results: &[journeylog_proto::MutationResult],
    report: &mut SyncReport,
) -> Result<u32> {
    let mut settled = 0;
    for row in batch {
        let seq = wire_seq(row.seq, seq_offset)?;
        let Some(result) = results.iter().find(|r| r.seq == seq) else { continue };
        if result.mutation_id != row.mutation_id {
            return Err(CoreError::Server {
                code: "protocol".into(),
                message: format!(
                    "the server answered seq {seq} for change {} but this device sent {}; sync stopped so nothing \
                     is lost",
                    result.mutation_id, row.mutation_id
                ),
            });
        }
        match &result.outcome {
            MutationOutcome::Applied { .. } => report.applied += 1,
            MutationOutcome::Duplicate { .. } => report.duplicates += 1,
            MutationOutcome::Rejected { code, current, .. } if code == codes::VERSION_CONFLICT => {
                report.conflicts += 1;
                record_conflict(tx, row, current.as_ref())?;
            }
            MutationOutcome::Rejected { code, message, .. } => {
                report.rejected += 1;
                sync_state::add_attention(tx, row, seq, code, message)?;
            }
        }
        sync_state::remove_outbox(tx, row.seq)?;
        settled += 1;
    }
    Ok(settled)
}

/// Keeps both sides of a collision: this device's change and the server's record.
fn record_conflict(
    tx: &rusqlite::Transaction<'_>,
    row: &OutboxRow,
    current: Option<&journeylog_proto::Change>,
) -> Result<()> {
    let kind = row.kind.split('.').next().unwrap_or(&row.kind).to_owned();
    let mine: serde_json::Value = serde_json::from_str(&row.payload).unwrap_or(serde_json::Value::Null);
    let mine_version = mine.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0) as u32;
    let (theirs, theirs_version, theirs_deleted) = match current {
        Some(c) => (c.payload.clone(), c.version, c.deleted),
        // The server has no copy at all: the other side is "nothing".
        None => (serde_json::Value::Null, 0, true),
    };
    sync_state::put_conflict(
        tx,
        &SyncConflict {
            kind,
            record_id: row.record_id.clone(),
            mine_version,
            mine,
            mine_deleted: row.kind.ends_with(".delete"),
            theirs_version,
            theirs,
            theirs_deleted,
            detected_at: now_timestamp(),
        },
    )
}
