//! Rows the sync engine keeps: the connection, refused changes and conflicts.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::error::{CoreError, Result};
use crate::sync::{AttentionItem, SyncConflict};

use super::{OutboxRow, now_timestamp, outbox};

/// The connection to the employer server, as stored (the token is not here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyncState {
    pub server_url: String,
    pub client_id: String,
    pub employer_id: String,
    pub employer_name: String,
    pub user_id: String,
    pub user_name: String,
    pub role: String,
    pub seq_offset: i64,
    pub cursor: Option<String>,
    pub connected_at: String,
    pub last_synced_at: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error: Option<String>,
    pub failures: u32,
    pub next_attempt_at: Option<String>,
}

pub(crate) fn state(tx: &Transaction<'_>) -> Result<Option<SyncState>> {
    Ok(tx
        .query_row(
            "SELECT server_url, client_id, employer_id, employer_name, user_id, user_name, role, seq_offset,
                    cursor, connected_at, last_synced_at, last_error_code, last_error, failures, next_attempt_at
             FROM sync_state WHERE id = 1",
            [],
            |r| {
                Ok(SyncState {
                    server_url: r.get(0)?,
                    client_id: r.get(1)?,
                    employer_id: r.get(2)?,
                    employer_name: r.get(3)?,
                    user_id: r.get(4)?,
                    user_name: r.get(5)?,
                    role: r.get(6)?,
                    seq_offset: r.get(7)?,
                    cursor: r.get(8)?,
                    connected_at: r.get(9)?,
                    last_synced_at: r.get(10)?,
                    last_error_code: r.get(11)?,
                    last_error: r.get(12)?,
                    failures: r.get(13)?,
                    next_attempt_at: r.get(14)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn insert_state(tx: &Transaction<'_>, s: &SyncState) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_state (id, server_url, client_id, employer_id, employer_name, user_id, user_name, role,
                                 seq_offset, cursor, connected_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            s.server_url,
            s.client_id,
            s.employer_id,
            s.employer_name,
            s.user_id,
            s.user_name,
            s.role,
            s.seq_offset,
            s.cursor,
            s.connected_at
        ],
    )?;
    Ok(())
}

/// The offset that makes the first change sent after connecting wire seq 1: every
/// change still in the outbox is sent, the ones before it never existed for the server.
pub(crate) fn seq_offset_for_new_connection(tx: &Transaction<'_>) -> Result<i64> {
    let first_pending: Option<i64> = tx.query_row("SELECT MIN(seq) FROM outbox", [], |r| r.get(0))?;
    if let Some(first) = first_pending {
        return Ok(first - 1);
    }
    let last_used: Option<i64> =
        tx.query_row("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", [], |r| r.get(0)).optional()?;
    Ok(last_used.unwrap_or(0))
}

pub(crate) fn set_cursor(tx: &Transaction<'_>, cursor: Option<&str>) -> Result<()> {
    tx.execute("UPDATE sync_state SET cursor = ?1 WHERE id = 1", [cursor])?;
    Ok(())
}

pub(crate) fn record_success(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "UPDATE sync_state SET last_synced_at = ?1, last_error_code = NULL, last_error = NULL, failures = 0,
                               next_attempt_at = NULL
         WHERE id = 1",
        [now_timestamp()],
    )?;
    Ok(())
}

/// Records a failed round and returns how many rounds in a row have failed.
pub(crate) fn record_failure(tx: &Transaction<'_>, code: &str, message: &str, next_attempt_at: &str) -> Result<u32> {
    tx.execute(
        "UPDATE sync_state SET last_error_code = ?1, last_error = ?2, failures = failures + 1, next_attempt_at = ?3
         WHERE id = 1",
        params![code, message, next_attempt_at],
    )?;
    Ok(tx.query_row("SELECT failures FROM sync_state WHERE id = 1", [], |r| r.get(0))?)
}

pub(crate) fn pending_count(tx: &Transaction<'_>) -> Result<u32> {
    Ok(tx.query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?)
}

/// The oldest outbox rows, at most `limit` of them and about `max_bytes` of payload,
/// stopping before a hole in the seqs (a queued change the apprentice dropped while
/// settling a conflict): a push carries consecutive seqs, and the server's `seq_gap`
/// answer to the first one after a hole tells the device where to continue.
pub(crate) fn outbox_batch(tx: &Transaction<'_>, limit: usize, max_bytes: usize) -> Result<Vec<OutboxRow>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {} FROM outbox ORDER BY seq LIMIT ?1", outbox::COLUMNS))?;
    let mut rows = stmt.query([limit as i64])?;
    let mut batch = Vec::new();
    let mut bytes = 0;
    while let Some(r) = rows.next()? {
        let row = outbox::from_row(r)?;
        if batch.last().is_some_and(|prev: &OutboxRow| prev.seq + 1 != row.seq) {
            break;
        }
        bytes += row.payload.len() + 200;
        if bytes > max_bytes && !batch.is_empty() {
            break;
        }
        batch.push(row);
    }
    Ok(batch)
}

/// Sets the offset between outbox seqs and the seqs the server sees (wire = local - offset).
pub(crate) fn set_seq_offset(tx: &Transaction<'_>, seq_offset: i64) -> Result<()> {
    tx.execute("UPDATE sync_state SET seq_offset = ?1 WHERE id = 1", [seq_offset])?;
    Ok(())
}

/// Whether a local change to `record_id` is still waiting to be sent.
pub(crate) fn has_pending(tx: &Transaction<'_>, record_id: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT EXISTS (SELECT 1 FROM outbox WHERE record_id = ?1)", [record_id], |r| r.get(0))?)
}

pub(crate) fn add_attention(
    tx: &Transaction<'_>,
    row: &OutboxRow,
    wire_seq: u64,
    code: &str,
    message: &str,
) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO sync_attention
           (mutation_id, seq, kind, record_id, base_version, payload, code, message, rejected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            row.mutation_id,
            wire_seq as i64,
            row.kind,
            row.record_id,
            row.base_version,
            row.payload,
            code,
            message,
            now_timestamp()
        ],
    )?;
    Ok(())
}

pub(crate) fn attention(tx: &Transaction<'_>) -> Result<Vec<AttentionItem>> {
    let mut stmt = tx.prepare(
        "SELECT mutation_id, kind, record_id, payload, code, message, rejected_at FROM sync_attention ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        let payload: String = r.get(3)?;
        Ok(AttentionItem {
            mutation_id: r.get(0)?,
            kind: r.get(1)?,
            record_id: r.get(2)?,
            payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            code: r.get(4)?,
            message: r.get(5)?,
            rejected_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn attention_count(tx: &Transaction<'_>) -> Result<u32> {
    Ok(tx.query_row("SELECT COUNT(*) FROM sync_attention", [], |r| r.get(0))?)
}

pub(crate) fn dismiss_attention(tx: &Transaction<'_>, mutation_id: &str) -> Result<()> {
    if tx.execute("DELETE FROM sync_attention WHERE mutation_id = ?1", [mutation_id])? == 0 {
        return Err(CoreError::NotFound { what: "refused change", id: mutation_id.to_owned() });
    }
    Ok(())
}

pub(crate) fn put_conflict(tx: &Transaction<'_>, c: &SyncConflict) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO sync_conflict
           (kind, record_id, mine_version, mine_payload, mine_deleted, theirs_version, theirs_payload,
            theirs_deleted, detected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.kind,
            c.record_id,
            c.mine_version,
            c.mine.to_string(),
            c.mine_deleted,
            c.theirs_version,
            c.theirs.to_string(),
            c.theirs_deleted,
            c.detected_at
        ],
    )?;
    Ok(())
}

/// Replaces the server's side of an open conflict with a newer copy from a pull.
/// Returns false when there is no open conflict for the record.
pub(crate) fn update_conflict_theirs(
    tx: &Transaction<'_>,
    kind: &str,
    record_id: &str,
    version: u32,
    payload: &serde_json::Value,
    deleted: bool,
) -> Result<bool> {
    Ok(tx.execute(
        "UPDATE sync_conflict SET theirs_version = ?3, theirs_payload = ?4, theirs_deleted = ?5
         WHERE kind = ?1 AND record_id = ?2 AND theirs_version < ?3",
        params![kind, record_id, version, payload.to_string(), deleted],
    )? == 1
        || conflict(tx, kind, record_id)?.is_some())
}

const CONFLICT_COLUMNS: &str = "kind, record_id, mine_version, mine_payload, mine_deleted, theirs_version, \
                                theirs_payload, theirs_deleted, detected_at";

fn conflict_row(r: &Row<'_>) -> rusqlite::Result<SyncConflict> {
    let mine: String = r.get(3)?;
    let theirs: String = r.get(6)?;
    Ok(SyncConflict {
        kind: r.get(0)?,
        record_id: r.get(1)?,
        mine_version: r.get(2)?,
        mine: serde_json::from_str(&mine).unwrap_or(serde_json::Value::Null),
        mine_deleted: r.get(4)?,
        theirs_version: r.get(5)?,
        theirs: serde_json::from_str(&theirs).unwrap_or(serde_json::Value::Null),
        theirs_deleted: r.get(7)?,
        detected_at: r.get(8)?,
    })
}

pub(crate) fn conflict(tx: &Transaction<'_>, kind: &str, record_id: &str) -> Result<Option<SyncConflict>> {
    Ok(tx
        .query_row(
            &format!("SELECT {CONFLICT_COLUMNS} FROM sync_conflict WHERE kind = ?1 AND record_id = ?2"),
            [kind, record_id],
            conflict_row,
        )
        .optional()?)
}

pub(crate) fn conflicts(tx: &Transaction<'_>) -> Result<Vec<SyncConflict>> {
    let mut stmt = tx.prepare(&format!("SELECT {CONFLICT_COLUMNS} FROM sync_conflict ORDER BY detected_at"))?;
    let rows = stmt.query_map([], conflict_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn conflict_count(tx: &Transaction<'_>) -> Result<u32> {
    Ok(tx.query_row("SELECT COUNT(*) FROM sync_conflict", [], |r| r.get(0))?)
}

pub(crate) fn delete_conflict(tx: &Transaction<'_>, kind: &str, record_id: &str) -> Result<()> {
    tx.execute("DELETE FROM sync_conflict WHERE kind = ?1 AND record_id = ?2", [kind, record_id])?;
    Ok(())
}
