//! OJL entry rows.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::error::{CoreError, Result};
use crate::model::{EntryStatus, OjlEntry};

use super::outbox::{self, Mutation, append};
use super::{Store, now_timestamp};

const COLUMNS: &str = "id, date, minutes, work_process, note, site, supervisor, prior_credit, \
                       status, version, created_at, updated_at, amends_version";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<OjlEntry> {
    let status: String = r.get(8)?;
    Ok(OjlEntry {
        id: r.get(0)?,
        date: r.get(1)?,
        minutes: r.get(2)?,
        work_process: r.get(3)?,
        note: r.get(4)?,
        site: r.get(5)?,
        supervisor: r.get(6)?,
        prior_credit: r.get(7)?,
        status: EntryStatus::parse(&status).ok_or_else(|| bad_enum(8, &status))?,
        version: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        amends_version: r.get(12)?,
    })
}

pub(crate) fn bad_enum(col: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown status {value:?}").into(),
    )
}

pub(crate) fn get(tx: &Transaction<'_>, id: &str) -> Result<OjlEntry> {
    tx.query_row(&format!("SELECT {COLUMNS} FROM ojl_entry WHERE id = ?1 AND deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::NotFound { what: "OJL entry", id: id.to_owned() })
}

pub(crate) fn insert(tx: &Transaction<'_>, e: &OjlEntry) -> Result<()> {
    insert_row(tx, e)?;
    append(tx, &Mutation { kind: "ojl_entry.upsert", record_id: &e.id, base_version: 0, payload: e })
}

/// Inserts the row alone, with no outbox row: for changes that came from the server.
pub(crate) fn insert_row(tx: &Transaction<'_>, e: &OjlEntry) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO ojl_entry ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            e.id,
            e.date,
            e.minutes,
            e.work_process,
            e.note,
            e.site,
            e.supervisor,
            e.prior_credit,
            e.status.as_str(),
            e.version,
            e.created_at,
            e.updated_at,
            e.amends_version
        ],
    )?;
    Ok(())
}

/// Replaces the row with `e`, whose version must be one past the stored one.
pub(crate) fn update(tx: &Transaction<'_>, e: &OjlEntry) -> Result<()> {
    let changed = tx.execute(
        "UPDATE ojl_entry SET date = ?2, minutes = ?3, work_process = ?4, note = ?5, site = ?6,
                supervisor = ?7, prior_credit = ?8, status = ?9, version = ?10, updated_at = ?11,
                amends_version = ?12
         WHERE id = ?1 AND version = ?10 - 1 AND deleted_at IS NULL",
        params![
            e.id,
            e.date,
            e.minutes,
            e.work_process,
            e.note,
            e.site,
            e.supervisor,
            e.prior_credit,
            e.status.as_str(),
            e.version,
            e.updated_at,
            e.amends_version
        ],
    )?;
    if changed != 1 {
        return Err(CoreError::Internal(format!("OJL entry {} changed underneath this update", e.id)));
    }
    append(tx, &Mutation { kind: "ojl_entry.upsert", record_id: &e.id, base_version: e.version - 1, payload: e })
}

pub(crate) fn tombstone(tx: &Transaction<'_>, e: &OjlEntry) -> Result<()> {
    outbox::tombstone(tx, "ojl_entry", &e.id, e.version)
}

/// Minutes already logged on `date` across OJL and coursework, leaving out one record
/// (the one being edited) so an edit is checked against the rest of the day.
pub(crate) fn day_minutes(tx: &Transaction<'_>, date: NaiveDate, except_id: &str) -> Result<u32> {
    Ok(tx.query_row(
        "SELECT
           (SELECT COALESCE(SUM(minutes), 0) FROM ojl_entry
             WHERE date = ?1 AND deleted_at IS NULL AND id != ?2)
         + (SELECT COALESCE(SUM(minutes), 0) FROM coursework_entry
             WHERE date = ?1 AND deleted_at IS NULL AND id != ?2)",
        params![date, except_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn list(tx: &Transaction<'_>, from: NaiveDate, to: NaiveDate) -> Result<Vec<OjlEntry>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ojl_entry WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2
         ORDER BY date, created_at"
    ))?;
    let rows = stmt.query_map(params![from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn recent(tx: &Transaction<'_>, limit: u32) -> Result<Vec<OjlEntry>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ojl_entry WHERE deleted_at IS NULL
         ORDER BY date DESC, created_at DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks the drafts in a date range submitted; returns the entries changed.
pub(crate) fn submit_range(tx: &Transaction<'_>, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    let drafts: Vec<OjlEntry> = list(tx, from, to)?.into_iter().filter(|e| e.status == EntryStatus::Draft).collect();
    let now = now_timestamp();
    for draft in &drafts {
        let next = OjlEntry {
            status: EntryStatus::Submitted,
            version: draft.version + 1,
            updated_at: now.clone(),
            ..draft.clone()
        };
        update(tx, &next)?;
    }
    Ok(drafts.len() as u32)
}

impl Store {
    /// Number of live OJL entries, for diagnostics and benchmarks.
    pub fn ojl_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM ojl_entry WHERE deleted_at IS NULL", [], |r| r.get(0))?)
    }
}
