//! The xAPI 2.0 (IEEE 9274.1.1) export: the logbook as statements for a Learning
//! Record Store, written to a JSON array or posted to an LRS.
//!
//! An LRS is an append-only log with no way to edit a statement, while a logbook
//! entry can still change until a mentor approves it. So only what can no longer
//! change silently is sent: submitted entries (a draft may still be edited, so it is
//! left out), certifications, and verified sign-offs. Ids come from the records
//! ([`ids`]), so a second export sends nothing new; when a record's content moves on
//! (fixed after a return, amended, a certification edited), the new content gets a
//! new id and the old statement is voided, which is xAPI's one way to take back a
//! statement. The vocabulary is documented in docs/xapi.md.

mod ids;
mod lrs;
mod statements;

pub use lrs::{LrsReport, LrsTarget};

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use journeylog_proto::SignoffRecord;
use serde_json::Value;

use super::Snapshot;
use crate::error::Result;
use crate::journal::Journal;
use crate::model::{DateRange, Decided, EntryStatus, LogItem, ReviewState};
use crate::signoff::ledger::Ledger;
use crate::store::sync_state;
use statements::{Parts, agent};

/// Writes the statements of `snapshot` to `out` as one JSON array.
pub(crate) fn write(journal: &mut Journal, snapshot: &Snapshot, range: &DateRange, out: &Path) -> Result<Vec<PathBuf>> {
    let statements = build(journal, snapshot, range)?;
    super::file::save_json(out, &statements)?;
    Ok(vec![out.to_path_buf()])
}

/// Every statement of the export, in the order they are sent: entries oldest first,
/// certifications, sign-offs by signing time, then the voiding statements.
pub(crate) fn build(journal: &mut Journal, snapshot: &Snapshot, range: &DateRange) -> Result<Vec<Value>> {
    let state = journal.store.read(sync_state::state)?.filter(|s| s.role == "apprentice");
    let approvals = journal.cached_approvals()?;
    let ledger = &approvals.ledger;
    let enrollment = &snapshot.profile.enrollment;
    let (home_page, account) = match &state {
        Some(s) => (s.server_url.clone(), s.user_id.clone()),
        // A logbook that never connected has no account; a derived one stays the same
        // for this enrollment (connecting later changes the actor: docs/xapi.md).
        None => (
            format!("{}/logbooks", ids::NS),
            ids::derived(&format!(
                "logbook:{}:{}:{}",
                enrollment.created_at, enrollment.apprentice_name, enrollment.program_id
            )),
        ),
    };
    let parts = Parts {
        program: &snapshot.profile.program,
        apprentice: agent(&enrollment.apprentice_name, &home_page, &account),
        apprentice_account: account.clone(),
        registration: ids::derived(&format!(
            "registration:{home_page}:{account}:{}:{}",
            enrollment.program_id, enrollment.start_date
        )),
        home_page,
    };
    let explicit = !range.from.trim().is_empty() || !range.to.trim().is_empty();
    let in_range = |date: chrono::NaiveDate| !explicit || (snapshot.from <= date && date <= snapshot.to);

    let mut out = Vec::new();
    let mut voids = Vec::new();
    // Sign-offs by id, ordered by when they were signed.
    let mut signoffs: BTreeMap<String, Decided> = BTreeMap::new();
    for entry in &snapshot.entries {
        let (id, version, status, amends) = match &entry.item {
            LogItem::Ojl(e) => (&e.id, e.version, e.status, e.amends_version),
            LogItem::Coursework(c) => (&c.id, c.version, c.status, c.amends_version),
        };
        for v in 1..=version {
            if let Some(d) = ledger.decision(id, v) {
                signoffs.insert(d.signoff_id.clone(), d.clone());
            }
        }
        let starts = content_starts(ledger, id, version, amends);
        let (current, earlier) = starts.split_last().unwrap_or((&1, &[]));
        voids.extend(earlier.iter().map(|s| ids::record_statement(id, *s)));
        // A draft may still change, and a record whose content no longer matches its
        // sign-off is not what was signed: neither is sent.
        if status == EntryStatus::Draft || entry.review.state == ReviewState::ChangedAfterSignoff {
            continue;
        }
        let statement_id = ids::record_statement(id, *current);
        out.push(match &entry.item {
            LogItem::Ojl(e) => parts.ojl(e, &statement_id),
            LogItem::Coursework(c) => parts.coursework(c, &statement_id),
        });
    }
    for cert in snapshot.certifications.iter().filter(|c| in_range(c.earned_on)) {
        // Every edit of a certification changes its content.
        voids.extend((1..cert.version).map(|v| ids::record_statement(&cert.id, v)));
        out.push(parts.certification(cert, &ids::record_statement(&cert.id, cert.version)));
    }
    for d in ledger.milestones.values().chain(ledger.competencies.values()) {
        let day = chrono::DateTime::parse_from_rfc3339(&d.signed_at).map(|t| t.date_naive());
        if day.is_ok_and(in_range) {
            signoffs.insert(d.signoff_id.clone(), d.clone());
        }
    }
    let mut signed: Vec<(String, Value)> = Vec::new();
    for (signoff_id, decided) in &signoffs {
        let Some(record) = signoff_body(journal, signoff_id)? else { continue };
        if let Some(statement) = parts.signoff(&record.statement, decided) {
            signed.push((decided.signed_at.clone(), statement));
        }
    }
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(signed.into_iter().map(|(_, s)| s));
    out.extend(voids.iter().map(|target| parts.void(target)));
    let mut seen = HashSet::new();
    out.retain(|s| seen.insert(s["id"].as_str().unwrap_or_default().to_owned()));
    Ok(out)
}

/// The versions at which a record's content may have started anew: its first
/// version, and the one after each version a mentor decided on (approved, then
/// amended; or returned, then fixed). Sorted, the current content's start last.
fn content_starts(ledger: &Ledger, id: &str, version: u32, amends: Option<u32>) -> Vec<u32> {
    let mut starts = vec![1];
    for v in 1..version {
        if ledger.decision(id, v).is_some() || amends == Some(v) {
            starts.push(v + 1);
        }
    }
    starts
}

/// The stored body of a sign-off the ledger verified.
fn signoff_body(journal: &mut Journal, signoff_id: &str) -> Result<Option<SignoffRecord>> {
    let body: Option<String> = journal.store.read(|tx| {
        use rusqlite::OptionalExtension as _;
        Ok(tx.query_row("SELECT body FROM signoff WHERE id = ?1", [signoff_id], |r| r.get(0)).optional()?)
    })?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}
