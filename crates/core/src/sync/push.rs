//! Push: send the outbox in seq order and record the server's answer to each change.
//!
//! An outbox row leaves the outbox only in the transaction that records what the
//! server said about it. If the answer never arrives (a dropped connection, a
//! crash, a kill -9), the row is still there and goes again with the same seq; the
//! server recognises the seq and answers `duplicate` instead of storing it twice.
//!
//! A settled row is kept for a while in `sent_changes`: if the employer restores
//! its server from a backup, the server forgets what it acknowledged since, and the
//! device sends its own copies again (see [`close_gap`]).

use journeylog_proto::{
    MAX_BODY_BYTES, MAX_PUSH_MUTATIONS, Mutation, MutationKind, MutationOutcome, PushRequest, PushResponse, codes,
};

use crate::error::{CoreError, Result};
use crate::store::sync_state::{self, SyncState};
use crate::store::{OutboxRow, Store, now_timestamp, sent};

use super::http::{HttpClient, HttpError};
use super::model::{SyncConflict, SyncReport};
use super::vault::DeviceToken;

/// Room left in a request body for everything but the payloads.
const ENVELOPE_BYTES: usize = 64 * 1024;
/// A round stops after this many batches so a device that writes faster than it can
/// send still finishes the round (and pulls); the rest goes in the next round.
const MAX_BATCHES_PER_ROUND: usize = 200;
/// A round closes at most this many seq gaps; more means something else is wrong,
/// and the round fails with the server's answer.
const MAX_GAPS_PER_ROUND: usize = 8;

pub(super) fn push_all(
    store: &mut Store,
    client: &HttpClient,
    token: &DeviceToken,
    state: &SyncState,
    report: &mut SyncReport,
) -> Result<()> {
    let sender = Sender { client, token, client_id: &state.client_id };
    let mut seq_offset = state.seq_offset;
    let mut gaps_closed = 0;
    for _ in 0..MAX_BATCHES_PER_ROUND {
        let batch =
            store.read(|tx| sync_state::outbox_batch(tx, MAX_PUSH_MUTATIONS, MAX_BODY_BYTES - ENVELOPE_BYTES))?;
        let Some(first_local) = batch.first().map(|row| row.seq) else { return Ok(()) };
        let wired =
            batch.into_iter().map(|row| Ok((wire_seq(row.seq, seq_offset)?, row))).collect::<Result<Vec<_>>>()?;
        let response = match sender.push(&wired)? {
            Ok(response) => response,
            Err(HttpError::Problem(p)) if p.code == codes::SEQ_GAP && gaps_closed < MAX_GAPS_PER_ROUND => {
                let expected = match p.expected_seq {
                    Some(expected) if expected < wired[0].0 => expected,
                    _ => return Err(super::to_core_error(HttpError::Problem(p))),
                };
                gaps_closed += 1;
                seq_offset = close_gap(store, &sender, expected, first_local, seq_offset, report)?;
                continue;
            }
            Err(e) => return Err(super::to_core_error(e)),
        };
        let settled = store.write(|tx| {
            sent::prune(tx)?;
            settle(tx, &wired, &response.results, Settled::FromOutbox, report)
        })?;
        report.pushed += settled;
        if (settled as usize) < wired.len() {
            // The server answered only part of the batch; the rest goes next round.
            return Ok(());
        }
    }
    Ok(())
}

/// The server expects `expected`, but this device's next change (outbox seq
/// `first_local`) goes out later: the server has lost the seqs between. Either it was
/// restored from a backup and forgot changes it had acknowledged, which this device
/// still keeps and sends again; or the changes were never sent (the apprentice dropped
/// them while settling a conflict). Whatever cannot be sent again is numbered over:
/// the outbox continues from the first seq the server has not seen. Returns the
/// offset to number the outbox with from now on.
fn close_gap(
    store: &mut Store,
    sender: &Sender<'_>,
    expected: u64,
    first_local: i64,
    seq_offset: i64,
    report: &mut SyncReport,
) -> Result<i64> {
    let first_wire = wire_seq(first_local, seq_offset)?;
    let mut next = expected;
    while next < first_wire {
        let run = store
            .read(|tx| sent::run_from(tx, next, first_wire - 1, MAX_PUSH_MUTATIONS, MAX_BODY_BYTES - ENVELOPE_BYTES))?;
        if run.is_empty() {
            break;
        }
        let response = sender.push(&run)?.map_err(super::to_core_error)?;
        let settled = store.write(|tx| settle(tx, &run, &response.results, Settled::Resent, report))?;
        report.pushed += settled;
        report.resent += settled;
        if (settled as usize) < run.len() {
            return Err(CoreError::Server {
                code: "protocol".into(),
                message: "the server answered part of the changes sent again; the next round continues".into(),
            });
        }
        next += settled as u64;
    }
    if next == first_wire {
        return Ok(seq_offset);
    }
    let renumbered = first_local - next as i64;
    store.write(|tx| {
        sent::forget_from(tx, next)?;
        sync_state::set_seq_offset(tx, renumbered)
    })?;
    Ok(renumbered)
}

/// This device's side of a push: where to, and as whom.
struct Sender<'a> {
    client: &'a HttpClient,
    token: &'a DeviceToken,
    client_id: &'a str,
}

impl Sender<'_> {
    /// Sends `rows` under their wire seqs. The outer error is this device's (a row it
    /// can't read); the inner one is the network's or the server's answer.
    fn push(&self, rows: &[(u64, OutboxRow)]) -> Result<std::result::Result<PushResponse, HttpError>> {
        let mutations = rows.iter().map(|(seq, row)| to_wire(row, *seq)).collect::<Result<Vec<_>>>()?;
        Ok(self.client.push(self.token, &PushRequest { client_id: self.client_id.to_owned(), mutations }))
    }
}

fn to_wire(row: &OutboxRow, seq: u64) -> Result<Mutation> {
    let kind = MutationKind::parse(&row.kind)
        .ok_or_else(|| CoreError::Internal(format!("outbox row {} has an unknown kind {:?}", row.seq, row.kind)))?;
    let payload = serde_json::from_str(&row.payload)
        .map_err(|e| CoreError::Internal(format!("outbox row {} has an unreadable payload: {e}", row.seq)))?;
    Ok(Mutation {
        seq,
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

/// Where the settled rows came from.
#[derive(Clone, Copy)]
enum Settled {
    /// The outbox: they move to the kept changes.
    FromOutbox,
    /// The kept changes, sent again to a restored server: they stay kept.
    Resent,
}

/// Records the server's answers in one transaction; returns how many rows settled.
fn settle(
    tx: &rusqlite::Transaction<'_>,
    rows: &[(u64, OutboxRow)],
    results: &[journeylog_proto::MutationResult],
    from: Settled,
    report: &mut SyncReport,
) -> Result<u32> {
    let mut settled = 0;
    for &(seq, ref row) in rows {
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
        match from {
            Settled::FromOutbox => sent::keep(tx, row.seq, seq)?,
            Settled::Resent => sent::touch(tx, row.seq)?,
        }
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
