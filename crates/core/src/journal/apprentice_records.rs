//! One apprentice's records as a mentor's device holds them (pulled into
//! `review_record`), judged against the sign-offs stored for that apprentice.
//!
//! Kept apart from the mentor's actions so that loading (the whole log, for the
//! queue) and judging (only chosen entries, for a decision) stay visibly different
//! costs.

use std::collections::BTreeMap;

use journeylog_proto::AssignmentRecord;
use rusqlite::Transaction;

use crate::error::{CoreError, Result};
use crate::model::{CourseworkEntry, LogItem, OjlEntry, ProgramStandard, ReviewItem, ReviewState};
use crate::signoff::ledger::{self, Ledger};
use crate::store::{self, signoffs};

/// One apprentice's records as the mentor's device holds them, with their ledger.
pub(super) struct Apprentice {
    pub assignment: AssignmentRecord,
    pub program: ProgramStandard,
    pub ojl: Vec<OjlEntry>,
    pub coursework: Vec<CourseworkEntry>,
    pub requests: Vec<serde_json::Value>,
    pub ledger: Ledger,
}

impl Apprentice {
    pub fn load(tx: &Transaction<'_>, assignment: AssignmentRecord) -> Result<Apprentice> {
        let id = &assignment.apprentice_id;
        let parse = |kind: &str| -> Result<Vec<serde_json::Value>> { signoffs::review_records(tx, id, kind) };
        let program = program_of(tx, id)?;
        let unreadable = |e: serde_json::Error| CoreError::Internal(format!("a pulled record does not parse: {e}"));
        let ojl = parse("ojl_entry")?
            .into_iter()
            .map(serde_json::from_value)
            .collect::<Result<_, _>>()
            .map_err(unreadable)?;
        let coursework = parse("coursework_entry")?
            .into_iter()
            .map(serde_json::from_value)
            .collect::<Result<_, _>>()
            .map_err(unreadable)?;
        let requests = parse("milestone_request")?;
        let ledger = ledger::build(tx, id)?;
        Ok(Apprentice { assignment, program, ojl, coursework, requests, ledger })
    }

    /// The apprentice with no records loaded, and just the chosen ones judged (each
    /// against the sign-offs that name it).
    pub fn load_selected(
        tx: &Transaction<'_>,
        assignment: AssignmentRecord,
        ids: &[String],
    ) -> Result<(Apprentice, Vec<ReviewItem>)> {
        let id = assignment.apprentice_id.clone();
        let program = program_of(tx, &id)?;
        let unreadable = |e: serde_json::Error| CoreError::Internal(format!("a pulled record does not parse: {e}"));
        let mut items = Vec::new();
        for record_id in ids {
            let Some(kind) = signoffs::review_kind_of(tx, &id, record_id)? else { continue };
            let Some(payload) = signoffs::review_payload(tx, &id, &kind, record_id)? else { continue };
            let ledger = ledger::build_for_record(tx, &id, record_id)?;
            let item = if kind == "ojl_entry" {
                let e: OjlEntry = serde_json::from_value(payload).map_err(unreadable)?;
                let review = ledger.review(&e.id, e.version, e.status, e.amends_version, &e);
                ReviewItem { item: LogItem::Ojl(e), review }
            } else {
                let c: CourseworkEntry = serde_json::from_value(payload).map_err(unreadable)?;
                let review = ledger.review(&c.id, c.version, c.status, c.amends_version, &c);
                ReviewItem { item: LogItem::Coursework(c), review }
            };
            items.push(item);
        }
        let empty = Apprentice {
            assignment,
            program,
            ojl: Vec::new(),
            coursework: Vec::new(),
            requests: Vec::new(),
            ledger: Ledger::default(),
        };
        Ok((empty, items))
    }

    pub fn items(&self) -> impl Iterator<Item = ReviewItem> + '_ {
        let ojl = self.ojl.iter().map(|e| ReviewItem {
            review: self.ledger.review(&e.id, e.version, e.status, e.amends_version, e),
            item: LogItem::Ojl(e.clone()),
        });
        let coursework = self.coursework.iter().map(|c| ReviewItem {
            review: self.ledger.review(&c.id, c.version, c.status, c.amends_version, c),
            item: LogItem::Coursework(c.clone()),
        });
        ojl.chain(coursework)
    }

    pub fn approved_by_process(&self) -> BTreeMap<&str, u32> {
        let mut out = BTreeMap::new();
        for e in &self.ojl {
            if self.ledger.review(&e.id, e.version, e.status, e.amends_version, e).state == ReviewState::Approved {
                *out.entry(e.work_process.as_str()).or_default() += e.minutes;
            }
        }
        out
    }
}

/// The program the apprentice's enrollment names (pulled, or the bundled template).
fn program_of(tx: &Transaction<'_>, apprentice_id: &str) -> Result<ProgramStandard> {
    let program_id = signoffs::review_records(tx, apprentice_id, "enrollment")?
        .first()
        .and_then(|e| e["program_id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    store::profile::program(tx, &program_id).or_else(|_| crate::programs::template(&program_id))
}

pub(super) fn minutes(item: &LogItem) -> (u32, bool) {
    match item {
        LogItem::Ojl(e) => (e.minutes, true),
        LogItem::Coursework(c) => (c.minutes, false),
    }
}
