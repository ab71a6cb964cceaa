//! Record rows: the latest version of every synced record, tombstones included.

use journeylog_proto::{Change, RecordKind};

use super::accounts::{ChangeCounter, to_i64};
use crate::db::{Row, Tx};
use crate::error::{Result, ServerError};
use crate::params;

/// A record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    pub kind: RecordKind,
    pub record_id: String,
    pub owner_id: Option<String>,
    pub version: u32,
    pub deleted: bool,
    /// Canonical JSON.
    pub payload: String,
    pub change_seq: u64,
    pub origin_client_id: Option<String>,
}

impl StoredRecord {
    pub fn to_change(&self) -> Result<Change> {
        let payload = serde_json::from_str(&self.payload)
            .map_err(|e| ServerError::corrupt(format!("stored payload of {} is not JSON: {e}", self.record_id)))?;
        Ok(Change {
            kind: self.kind,
            record_id: self.record_id.clone(),
            version: self.version,
            deleted: self.deleted,
            payload,
            origin_client_id: self.origin_client_id.clone(),
            owner_id: self.owner_id.clone(),
        })
    }
}

/// The columns [`from_row`] reads, in its order.
pub(super) const COLUMNS: &str = "kind, record_id, owner_id, version, deleted, payload, change_seq, origin_client_id";

pub(super) fn from_row(r: &Row) -> Result<StoredRecord> {
    let kind = r.text(0)?;
    Ok(StoredRecord {
        kind: RecordKind::parse(&kind).ok_or_else(|| ServerError::corrupt(format!("unknown record kind {kind:?}")))?,
        record_id: r.text(1)?,
        owner_id: r.opt_text(2)?,
        version: r.count(3)?,
        deleted: r.bool(4)?,
        payload: r.text(5)?,
        change_seq: r.count(6)?,
        origin_client_id: r.opt_text(7)?,
    })
}

/// Where a record lives: kinds with one record per apprentice are keyed by owner too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordKey<'a> {
    pub employer_id: &'a str,
    pub kind: RecordKind,
    /// The owner for kinds whose ids are only unique per apprentice (the enrollment,
    /// milestone requests by milestone code, assignments by mentor id), `""` otherwise.
    pub scope: &'a str,
    pub record_id: &'a str,
}

impl<'a> RecordKey<'a> {
    pub fn new(employer_id: &'a str, kind: RecordKind, owner_id: &'a str, record_id: &'a str) -> RecordKey<'a> {
        let per_owner = matches!(kind, RecordKind::Enrollment | RecordKind::MilestoneRequest | RecordKind::Assignment);
        let scope = if per_owner { owner_id } else { "" };
        RecordKey { employer_id, kind, scope, record_id }
    }
}

pub fn find(tx: &mut dyn Tx, key: RecordKey<'_>) -> Result<Option<StoredRecord>> {
    let sql =
        format!("SELECT {COLUMNS} FROM record WHERE employer_id = $1 AND kind = $2 AND scope = $3 AND record_id = $4");
    let row = tx.query_opt(&sql, params![key.employer_id, key.kind.as_str(), key.scope, key.record_id])?;
    row.as_ref().map(from_row).transpose()
}

/// A new version of a record, ready to store.
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    pub key: RecordKey<'a>,
    pub owner_id: Option<&'a str>,
    pub version: u32,
    pub deleted: bool,
    pub payload: &'a str,
    pub content_hash: &'a str,
    pub origin_client_id: Option<&'a str>,
    /// For OJL and coursework: the day the minutes count against.
    pub entry_date: Option<&'a str>,
    pub minutes: Option<u32>,
    pub now: &'a str,
}

/// Stores `new` under the employer's next change seq and returns that seq, replacing
/// the record's earlier version if there is one.
pub fn put(tx: &mut dyn Tx, counter: &mut ChangeCounter, new: &NewVersion<'_>) -> Result<u64> {
    write(tx, counter, new, UPSERT)
}

/// [`put`] for a record the caller has just found absent in this transaction: a plain
/// INSERT. An upsert may update a row, so SQLite runs it in a statement transaction
/// (with the foreign keys checked at its end), copying every page it touches into a
/// statement journal first; a single-row INSERT checks its foreign keys up front and
/// needs none. New entries are most of what devices push.
pub fn insert_new(tx: &mut dyn Tx, counter: &mut ChangeCounter, new: &NewVersion<'_>) -> Result<u64> {
    write(tx, counter, new, INSERT)
}

/// The INSERT both statements share (a macro, so that `concat!` can extend it).
macro_rules! insert_record {
    () => {
        "INSERT INTO record (employer_id, kind, scope, record_id, owner_id, version, deleted, payload, \
         content_hash, change_seq, origin_client_id, entry_date, minutes, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    };
}
const INSERT: &str = insert_record!();
const UPSERT: &str = concat!(
    insert_record!(),
    " ON CONFLICT (employer_id, kind, scope, record_id) DO UPDATE SET owner_id = excluded.owner_id, \
     version = excluded.version, deleted = excluded.deleted, payload = excluded.payload, \
     content_hash = excluded.content_hash, change_seq = excluded.change_seq, \
     origin_client_id = excluded.origin_client_id, entry_date = excluded.entry_date, \
     minutes = excluded.minutes, updated_at = excluded.updated_at"
);

fn write(tx: &mut dyn Tx, counter: &mut ChangeCounter, new: &NewVersion<'_>, sql: &str) -> Result<u64> {
    let change_seq = counter.take();
    tx.execute(
        sql,
        params![
            new.key.employer_id,
            new.key.kind.as_str(),
            new.key.scope,
            new.key.record_id,
            new.owner_id,
            new.version,
            new.deleted,
            new.payload,
            new.content_hash,
            to_i64(change_seq)?,
            new.origin_client_id,
            new.entry_date,
            new.minutes,
            new.now,
        ],
    )?;
    Ok(change_seq)
}

/// Minutes of OJL and coursework the owner has on `date`, leaving out one record
/// (the one being replaced).
pub fn day_minutes(
    tx: &mut dyn Tx,
    employer_id: &str,
    owner_id: &str,
    date: &str,
    except: RecordKey<'_>,
) -> Result<u64> {
    let row = tx.query_one(
        "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) FROM record \
         WHERE employer_id = $1 AND owner_id = $2 AND entry_date = $3 AND deleted = $4 \
         AND NOT (kind = $5 AND record_id = $6)",
        params![employer_id, owner_id, date, false, except.kind.as_str(), except.record_id],
    )?;
    row.count(0)
}

/// Gives the apprentice's records (and their program) fresh change seqs, so that a
/// reader who just gained sight of them (a newly assigned mentor) receives them even
/// though its cursor is already past their old seqs. Returns how many were moved.
pub fn restamp_apprentice(
    tx: &mut dyn Tx,
    counter: &mut ChangeCounter,
    employer_id: &str,
    apprentice_id: &str,
    program_id: Option<&str>,
) -> Result<usize> {
    let rows = tx.query(
        "SELECT kind, scope, record_id FROM record WHERE employer_id = $1 \
         AND (owner_id = $2 OR (kind = 'program' AND record_id = $3)) ORDER BY change_seq",
        params![employer_id, apprentice_id, program_id],
    )?;
    for row in &rows {
        let seq = to_i64(counter.take())?;
        tx.execute(
            "UPDATE record SET change_seq = $5 WHERE employer_id = $1 AND kind = $2 AND scope = $3 AND record_id = $4",
            params![employer_id, row.text(0)?, row.text(1)?, row.text(2)?, seq],
        )?;
    }
    Ok(rows.len())
}
