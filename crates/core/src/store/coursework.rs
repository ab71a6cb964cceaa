//! Coursework (related instruction) rows.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::error::{CoreError, Result};
use crate::model::{CourseworkEntry, EntryStatus};

use super::now_timestamp;
use super::ojl::bad_enum;
use super::outbox::{self, Mutation, append};

const COLUMNS: &str =
    "id, course, date, minutes, paid, status, grade, note, version, created_at, updated_at, amends_version";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CourseworkEntry> {
    let status: String = r.get(5)?;
    Ok(CourseworkEntry {
        id: r.get(0)?,
        course: r.get(1)?,
        date: r.get(2)?,
        minutes: r.get(3)?,
        paid: r.get(4)?,
        status: EntryStatus::parse(&status).ok_or_else(|| bad_enum(5, &status))?,
        grade: r.get(6)?,
        note: r.get(7)?,
        version: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        amends_version: r.get(11)?,
    })
}

pub(crate) fn get(tx: &Transaction<'_>, id: &str) -> Result<CourseworkEntry> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM coursework_entry WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound { what: "coursework entry", id: id.to_owned() })
}

pub(crate) fn insert(tx: &Transaction<'_>, c: &CourseworkEntry) -> Result<()> {
    insert_row(tx, c)?;
    append(tx, &Mutation { kind: "coursework_entry.upsert", record_id: &c.id, base_version: 0, payload: c })
}

/// Inserts the row alone, with no outbox row: for changes that came from the server.
pub(crate) fn insert_row(tx: &Transaction<'_>, c: &CourseworkEntry) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO coursework_entry ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        params![
            c.id,
            c.course,
            c.date,
            c.minutes,
            c.paid,
            c.status.as_str(),
            c.grade,
            c.note,
            c.version,
            c.created_at,
            c.updated_at,
            c.amends_version
        ],
    )?;
    Ok(())
}

pub(crate) fn update(tx: &Transaction<'_>, c: &CourseworkEntry) -> Result<()> {
    let changed = tx.execute(
        "UPDATE coursework_entry SET course = ?2, date = ?3, minutes = ?4, paid = ?5, status = ?6,
                grade = ?7, note = ?8, version = ?9, updated_at = ?10, amends_version = ?11
         WHERE id = ?1 AND version = ?9 - 1 AND deleted_at IS NULL",
        params![
            c.id,
            c.course,
            c.date,
            c.minutes,
            c.paid,
            c.status.as_str(),
            c.grade,
            c.note,
            c.version,
            c.updated_at,
            c.amends_version
        ],
    )?;
    if changed != 1 {
        return Err(CoreError::Internal(format!("coursework entry {} changed underneath this update", c.id)));
    }
    append(tx, &Mutation { kind: "coursework_entry.upsert", record_id: &c.id, base_version: c.version - 1, payload: c })
}

pub(crate) fn tombstone(tx: &Transaction<'_>, c: &CourseworkEntry) -> Result<()> {
    outbox::tombstone(tx, "coursework_entry", &c.id, c.version)
}

pub(crate) fn list(tx: &Transaction<'_>, from: NaiveDate, to: NaiveDate) -> Result<Vec<CourseworkEntry>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM coursework_entry WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2
         ORDER BY date, created_at"
    ))?;
    let rows = stmt.query_map(params![from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn recent(tx: &Transaction<'_>, limit: u32) -> Result<Vec<CourseworkEntry>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM coursework_entry WHERE deleted_at IS NULL
         ORDER BY date DESC, created_at DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn submit_range(tx: &Transaction<'_>, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    let drafts: Vec<CourseworkEntry> =
        list(tx, from, to)?.into_iter().filter(|c| c.status == EntryStatus::Draft).collect();
    let now = now_timestamp();
    for draft in &drafts {
        let next = CourseworkEntry {
            status: EntryStatus::Submitted,
            version: draft.version + 1,
            updated_at: now.clone(),
            ..draft.clone()
        };
        update(tx, &next)?;
    }
    Ok(drafts.len() as u32)
}
