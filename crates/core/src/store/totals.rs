//! Aggregate reads for progress. Each is one indexed query, so progress stays fast
//! however long the log grows (DESIGN §7: 100,000 entries in under 10 ms).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use crate::error::Result;
use crate::model::EntryStatus;

/// Minutes per work process, split by status.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ProcessTotals {
    pub draft: u32,
    pub submitted: u32,
}

/// Minutes per day, for pace, projections and the weekly chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyMinutes {
    pub date: NaiveDate,
    pub minutes: u32,
}

pub(crate) fn ojl_by_process(tx: &Transaction<'_>) -> Result<HashMap<String, ProcessTotals>> {
    // Kept by triggers (migration 0002), so this reads a few rows, not the log.
    let mut stmt = tx.prepare_cached("SELECT work_process, status, minutes FROM ojl_total WHERE minutes > 0")?;
    let mut rows = stmt.query([])?;
    let mut totals: HashMap<String, ProcessTotals> = HashMap::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let status: String = r.get(1)?;
        let minutes: u32 = r.get(2)?;
        let slot = totals.entry(code).or_default();
        match EntryStatus::parse(&status) {
            Some(EntryStatus::Submitted) => slot.submitted += minutes,
            _ => slot.draft += minutes,
        }
    }
    Ok(totals)
}

/// Minutes logged in one work process.
pub(crate) fn ojl_for_process(tx: &Transaction<'_>, code: &str) -> Result<u32> {
    Ok(tx.query_row(
        "SELECT COALESCE(SUM(minutes), 0) FROM ojl_entry WHERE deleted_at IS NULL AND work_process = ?1",
        [code],
        |r| r.get(0),
    )?)
}

/// (course code, paid) → minutes.
pub(crate) fn rti_by_course(tx: &Transaction<'_>) -> Result<Vec<(String, bool, u32)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT course, paid, SUM(minutes) FROM coursework_entry
         WHERE deleted_at IS NULL GROUP BY course, paid",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// OJL minutes per day from `from` on, oldest first.
pub(crate) fn ojl_daily_since(tx: &Transaction<'_>, from: NaiveDate) -> Result<Vec<DailyMinutes>> {
    daily(tx, "ojl_entry", from)
}

/// RTI minutes per day from `from` on, oldest first.
pub(crate) fn rti_daily_since(tx: &Transaction<'_>, from: NaiveDate) -> Result<Vec<DailyMinutes>> {
    daily(tx, "coursework_entry", from)
}

fn daily(tx: &Transaction<'_>, table: &str, from: NaiveDate) -> Result<Vec<DailyMinutes>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT date, SUM(minutes) FROM {table} WHERE deleted_at IS NULL AND date >= ?1
         GROUP BY date ORDER BY date"
    ))?;
    let rows = stmt.query_map(params![from], |r| Ok(DailyMinutes { date: r.get(0)?, minutes: r.get(1)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The first date on which cumulative OJL minutes (starting from `already`) reach
/// `target`, scanning days in order and stopping as soon as it is found.
pub(crate) fn ojl_date_reaching(tx: &Transaction<'_>, already: u32, target: u32) -> Result<Option<NaiveDate>> {
    if already >= target {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT date, SUM(minutes) FROM ojl_entry WHERE deleted_at IS NULL GROUP BY date ORDER BY date",
    )?;
    let mut rows = stmt.query([])?;
    let mut sum = already;
    while let Some(r) = rows.next()? {
        sum += r.get::<_, u32>(1)?;
        if sum >= target {
            return Ok(Some(r.get(0)?));
        }
    }
    Ok(None)
}
