//! The apprentice's side of review: each entry's state, milestone requests, and
//! the approved totals progress shows beside the logged ones.
//!
//! Every answer here comes from a ledger rebuilt from the stored sign-off bodies
//! (see `signoff::ledger`), so editing the database can only ever take approval
//! away, never grant it.

use std::collections::HashMap;

use rusqlite::Transaction;

use crate::error::{CoreError, Result};
use crate::model::{
    CourseworkEntry, DateRange, MilestoneRequest, OjlEntry, ProgramStandard, RecordReview, ReviewState,
};
use crate::signoff::ledger::{self, InvalidSignoff, Ledger};
use crate::store::{self, signoffs, sync_state};

use super::Journal;

/// The apprentice id this logbook syncs as, when it is an apprentice's.
pub(crate) fn apprentice_id(tx: &Transaction<'_>) -> Result<Option<String>> {
    Ok(sync_state::state(tx)?.filter(|s| s.role == "apprentice").map(|s| s.user_id))
}

fn ledger_for(tx: &Transaction<'_>, record_id: &str) -> Result<Ledger> {
    match apprentice_id(tx)? {
        Some(me) => ledger::build_for_record(tx, &me, record_id),
        None => Ok(Ledger::default()),
    }
}

pub(crate) fn of_ojl(tx: &Transaction<'_>, e: &OjlEntry) -> Result<RecordReview> {
    Ok(ledger_for(tx, &e.id)?.review(&e.id, e.version, e.status, e.amends_version, e))
}

pub(crate) fn of_coursework(tx: &Transaction<'_>, c: &CourseworkEntry) -> Result<RecordReview> {
    Ok(ledger_for(tx, &c.id)?.review(&c.id, c.version, c.status, c.amends_version, c))
}

/// Minutes by review state, for progress.
#[derive(Debug, Clone, Default)]
pub(crate) struct Approvals {
    /// Approved OJL minutes per work process.
    pub ojl_by_process: HashMap<String, u32>,
    pub rti_minutes: u32,
    /// Entries whose content no longer matches what was signed.
    pub changed: Vec<RecordReview>,
    pub invalid: Vec<InvalidSignoff>,
    pub ledger: Ledger,
}

/// Approved minutes and flagged entries, from a full ledger: only entries some
/// approval names are read and hashed.
pub(crate) fn approvals(tx: &Transaction<'_>) -> Result<Approvals> {
    let Some(me) = apprentice_id(tx)? else { return Ok(Approvals::default()) };
    let ledger = ledger::build(tx, &me)?;
    let mut out = Approvals { invalid: ledger.invalid.clone(), ..Approvals::default() };
    // One pass over the live log (two indexed scans) beats a lookup per approved id;
    // only entries an approval names are hashed.
    let approved: std::collections::HashSet<&str> = ledger.approved_record_ids().collect();
    // Dates are compared as ISO text; these bounds sort around every stored date.
    let first = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
    for e in store::ojl::list(tx, first, last)?.iter().filter(|e| approved.contains(e.id.as_str())) {
        let review = ledger.review(&e.id, e.version, e.status, e.amends_version, e);
        match review.state {
            ReviewState::Approved => *out.ojl_by_process.entry(e.work_process.clone()).or_default() += e.minutes,
            ReviewState::ChangedAfterSignoff => out.changed.push(review),
            _ => {}
        }
    }
    for c in store::coursework::list(tx, first, last)?.iter().filter(|c| approved.contains(c.id.as_str())) {
        let review = ledger.review(&c.id, c.version, c.status, c.amends_version, c);
        match review.state {
            ReviewState::Approved => out.rti_minutes += c.minutes,
            ReviewState::ChangedAfterSignoff => out.changed.push(review),
            _ => {}
        }
    }
    drop(approved);
    out.ledger = ledger;
    Ok(out)
}

/// The milestones the apprentice asked to have signed off.
pub(crate) fn requested_milestones(tx: &Transaction<'_>) -> Result<std::collections::HashSet<String>> {
    Ok(signoffs::milestone_requests(tx)?.into_iter().map(|(code, _, _)| code).collect())
}

impl Journal {
    /// The review state of every entry dated in `range`.
    pub fn reviews(&mut self, range: DateRange) -> Result<Vec<RecordReview>> {
        let (from, to) = self.resolve_range(&range)?;
        // The same verified ledger progress uses, rebuilt only when the database changed:
        // the Log screen asks for every week it shows.
        let approvals = self.cached_approvals()?;
        let ledger = &approvals.ledger;
        self.store.read(|tx| {
            let mut out: Vec<RecordReview> = store::ojl::list(tx, from, to)?
                .iter()
                .map(|e| ledger.review(&e.id, e.version, e.status, e.amends_version, e))
                .collect();
            out.extend(
                store::coursework::list(tx, from, to)?
                    .iter()
                    .map(|c| ledger.review(&c.id, c.version, c.status, c.amends_version, c)),
            );
            Ok(out)
        })
    }

    /// Asks the mentor to sign off a milestone whose criteria are all met.
    pub fn request_milestone_signoff(&mut self, code: &str, note: &str) -> Result<MilestoneRequest> {
        let progress = self.progress()?;
        let milestone = progress.milestones.iter().find(|m| m.code == code).ok_or_else(|| {
            let known: Vec<&str> = progress.milestones.iter().map(|m| m.code.as_str()).collect();
            CoreError::invalid(
                "milestone",
                format!("milestone \"{code}\" is not in your program; it has {}", known.join(", ")),
            )
        })?;
        if let Some(unmet) = milestone.criteria.iter().find(|c| !c.met) {
            return Err(CoreError::invalid(
                "milestone",
                format!("milestone {code} can't be requested yet: \"{}\" is not met", unmet.label),
            ));
        }
        let note = crate::validate::limit_text("note", note, 2000)?;
        self.store.write(|tx| signoffs::request_milestone(tx, code, &note))?;
        let requests = self.milestone_requests()?;
        requests.into_iter().find(|r| r.code == code).ok_or_else(|| CoreError::Internal("request vanished".into()))
    }

    /// The milestone sign-offs asked for, with the verified sign-off once given.
    pub fn milestone_requests(&mut self) -> Result<Vec<MilestoneRequest>> {
        let (_, program) = self.context()?;
        let approvals = self.cached_approvals()?;
        let ledger = &approvals.ledger;
        self.store.read(|tx| {
            Ok(signoffs::milestone_requests(tx)?
                .into_iter()
                .map(|(code, note, requested_at)| MilestoneRequest {
                    title: milestone_title(&program, &code),
                    signed: ledger.milestones.get(&code).filter(|d| d.approved).cloned(),
                    code,
                    note,
                    requested_at,
                })
                .collect())
        })
    }
}

pub(crate) fn milestone_title(program: &ProgramStandard, code: &str) -> String {
    program.milestones.iter().find(|m| m.code == code).map_or_else(|| code.to_owned(), |m| m.title.clone())
}
