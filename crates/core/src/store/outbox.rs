//! The sync outbox: one row per local change, in commit order.

use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::error::{CoreError, Result};

use super::{new_id, now_timestamp};

/// A change to hand to the sync engine.
#[derive(Debug)]
pub struct Mutation<'a, T: Serialize> {
    /// `<record kind>.<upsert|delete>`, e.g. `ojl_entry.upsert`.
    pub kind: &'a str,
    pub record_id: &'a str,
    /// The version the change was made on; 0 for a new record.
    pub base_version: u32,
    /// The record as it is after the change.
    pub payload: &'a T,
}

/// An outbox row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub seq: i64,
    pub mutation_id: String,
    pub kind: String,
    pub record_id: String,
    pub base_version: u32,
    pub payload: String,
}

pub(crate) fn append<T: Serialize>(tx: &Transaction<'_>, m: &Mutation<'_, T>) -> Result<()> {
    let payload = serde_json::to_string(m.payload)
        .map_err(|e| CoreError::Internal(format!("serialising outbox payload: {e}")))?;
    tx.execute(
        "INSERT INTO outbox (mutation_id, kind, record_id, base_version, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new_id(), m.kind, m.record_id, m.base_version, payload, now_timestamp()],
    )?;
    Ok(())
}

/// Deletes a record the only way the logbook deletes: a tombstone (`deleted_at`) and a
/// version bump, plus the `<table>.delete` outbox row, so the deletion can sync.
/// `table` is one of the record tables, never user input.
pub(crate) fn tombstone(tx: &Transaction<'_>, table: &str, id: &str, version: u32) -> Result<()> {
    let now = now_timestamp();
    tx.execute(
        &format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2, version = version + 1 WHERE id = ?1"),
        params![id, now],
    )?;
    let payload = serde_json::json!({ "id": id, "version": version + 1, "deleted_at": now });
    let kind = format!("{table}.delete");
    append(tx, &Mutation { kind: &kind, record_id: id, base_version: version, payload: &payload })
}

/// The columns [`from_row`] reads, in its order.
pub(crate) const COLUMNS: &str = "seq, mutation_id, kind, record_id, base_version, payload";

pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        seq: r.get(0)?,
        mutation_id: r.get(1)?,
        kind: r.get(2)?,
        record_id: r.get(3)?,
        base_version: r.get(4)?,
        payload: r.get(5)?,
    })
}

impl super::Store {
    /// Pending outbox rows, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY seq"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
