//! Who signed what and when, and whether each signature holds: milestones and wage
//! steps, every mentor sign-off behind the entries in range, and what failed.
//!
//! Only what the verified ledger established is called verified here; sign-offs
//! that failed verification and entries edited after their sign-off are listed
//! apart and flagged, as DESIGN §5 asks.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::super::format::{count, date, hm, span, timestamp};
use super::super::layout::Flow;
use super::super::tables::{Cell, Column, Table};
use super::note;
use crate::export::{ExportEntry, Snapshot};
use crate::model::{Decided, LogItem, ReviewState, WageTrigger};
use crate::progress::MilestoneState;

const MILESTONES: [Column; 6] = [
    Column::left("Code", 40.0),
    Column::wrapped("Milestone", 0.0),
    Column::right("Criteria met", 56.0),
    Column::wrapped("Status", 100.0),
    Column::wrapped("Signed off by", 90.0),
    Column::wrapped("Signed at", 64.0),
];

const WAGES: [Column; 4] = [
    Column::wrapped("Step", 0.0),
    Column::right("Wage", 40.0),
    Column::wrapped("When it applies", 168.0),
    Column::wrapped("Status", 176.0),
];

pub(in super::super) fn milestones(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let p = &snapshot.progress;
    flow.section("Milestones and wage steps", 120.0);
    if p.milestones.is_empty() {
        note(flow, "The program defines no milestones.");
    } else {
        let mut table = Table::start(flow, "Milestones", &MILESTONES);
        for m in &p.milestones {
            let met = m.criteria.iter().filter(|c| c.met).count();
            let status = match m.state {
                MilestoneState::NotStarted => Cell::muted("Not started"),
                MilestoneState::InProgress => Cell::new("In progress"),
                MilestoneState::CriteriaMet => Cell::new("Criteria met, not signed off"),
                MilestoneState::Requested => Cell::new("Sign-off requested"),
                MilestoneState::SignedOff => Cell::bold("Signed off (signature verified)"),
            };
            let (by, at) = signer(m.signed_off.as_ref());
            table.row(
                flow,
                &[
                    Cell::bold(&m.code),
                    Cell::new(&m.title),
                    Cell::new(format!("{met} of {}", m.criteria.len())),
                    status,
                    Cell::new(by),
                    Cell::new(at),
                ],
            );
        }
        table.finish(flow);
    }
    let steps = &snapshot.profile.program.wage_steps;
    if steps.is_empty() {
        return;
    }
    flow.subsection("Wage steps", 60.0);
    let current = p.wage.current.as_ref();
    let mut table = Table::start(flow, "Wage steps", &WAGES);
    for step in steps {
        let when = match &step.trigger {
            WageTrigger::Start => "From the start".to_owned(),
            WageTrigger::OjlHours { hours } => format!("At {} OJL hours", super::format::thousands(u64::from(*hours))),
            WageTrigger::Milestone { code } => match p.milestones.iter().find(|m| &m.code == code) {
                Some(m) => format!("When milestone {code} is met: {}", m.title),
                None => format!("When milestone {code} is met"),
            },
        };
        let is_current = current.is_some_and(|c| c.label == step.label && c.percent == step.percent);
        let is_next = p.wage.next.as_ref().is_some_and(|n| n.label == step.label && n.percent == step.percent);
        let status = if is_current {
            Cell::bold("Current step")
        } else if current.is_some_and(|c| step.percent < c.percent) {
            Cell::new("Reached")
        } else if is_next {
            let mut text = "Next".to_owned();
            if let Some(m) = p.wage.minutes_needed {
                text.push_str(&format!(", {} to go", hm(m)));
            }
            if let Some(d) = p.wage.projected_date {
                text.push_str(&format!(", projected {}", date(d)));
            }
            Cell::new(text)
        } else {
            Cell::muted("Later")
        };
        let status = match (&step.trigger, &status) {
            (WageTrigger::Milestone { code }, _) if is_current || status.text == "Reached" => {
                match p.milestones.iter().find(|m| &m.code == code).and_then(|m| m.signed_off.as_ref()) {
                    Some(d) => Cell { text: format!("{}; {code} signed by {}", status.text, d.mentor_name), ..status },
                    None => status,
                }
            }
            _ => status,
        };
        table.row(flow, &[Cell::new(&step.label), Cell::new(format!("{}%", step.percent)), Cell::new(when), status]);
    }
    table.finish(flow);
}

fn signer(d: Option<&Decided>) -> (String, String) {
    d.map_or_else(|| (String::new(), String::new()), |d| (d.mentor_name.clone(), timestamp(&d.signed_at)))
}

/// "Signed at" wraps to a date and a time, so the rest is sized to take two lines too.
const SIGNOFFS: [Column; 7] = [
    Column::wrapped("Signed by", 80.0),
    Column::wrapped("Signed at", 58.0),
    Column::left("Decision", 48.0),
    Column::wrapped("Covers", 0.0),
    Column::right("Entries", 38.0),
    Column::right("Hours", 40.0),
    Column::wrapped("Verification", 66.0),
];

/// The entries of one sign-off that fall in the export's range.
#[derive(Debug)]
struct Covered<'a> {
    decision: &'a Decided,
    entries: usize,
    minutes: u32,
    changed: usize,
    first: NaiveDate,
    last: NaiveDate,
}

fn minutes_of(item: &LogItem) -> u32 {
    match item {
        LogItem::Ojl(e) => e.minutes,
        LogItem::Coursework(c) => c.minutes,
    }
}

pub(in super::super) fn signoffs(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    flow.section("Sign-offs and verification", 100.0);
    let mut by_signoff: BTreeMap<&str, Covered<'_>> = BTreeMap::new();
    for entry in &snapshot.entries {
        let Some(decision) = entry.review.decision.as_ref() else { continue };
        let date = entry.item.date();
        let c = by_signoff.entry(decision.signoff_id.as_str()).or_insert(Covered {
            decision,
            entries: 0,
            minutes: 0,
            changed: 0,
            first: date,
            last: date,
        });
        c.entries += 1;
        c.minutes += minutes_of(&entry.item);
        c.changed += usize::from(entry.review.state == ReviewState::ChangedAfterSignoff);
        c.first = c.first.min(date);
        c.last = c.last.max(date);
    }
    let mut rows: Vec<(&str, Vec<Cell>)> = by_signoff
        .values()
        .map(|c| {
            let what = if c.decision.approved { "Approved" } else { "Returned" };
            let covers = with_comment(format!("Entries of {}", span(c.first, c.last)), c.decision);
            let status = if c.changed > 0 {
                Cell::alert(format!("Verified; {} changed after sign-off", count(c.changed, "entry", "entries")))
            } else {
                Cell::bold("Verified")
            };
            let cells = vec![
                Cell::new(&c.decision.mentor_name),
                Cell::new(timestamp(&c.decision.signed_at)),
                Cell::new(what),
                Cell::new(covers),
                Cell::new(c.entries.to_string()),
                Cell::new(hm(c.minutes)),
                status,
            ];
            (c.decision.signed_at.as_str(), cells)
        })
        .collect();
    for m in &snapshot.progress.milestones {
        if let Some(d) = &m.signed_off {
            let cells = vec![
                Cell::new(&d.mentor_name),
                Cell::new(timestamp(&d.signed_at)),
                Cell::new(if d.approved { "Approved" } else { "Returned" }),
                Cell::new(with_comment(format!("Milestone {}: {}", m.code, m.title), d)),
                Cell::new(""),
                Cell::new(""),
                Cell::bold("Verified"),
            ];
            rows.push((d.signed_at.as_str(), cells));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(b.0));
    if rows.is_empty() {
        note(flow, "No mentor has signed off entries in this range or any milestone yet.");
    } else {
        note(
            flow,
            "Every mentor signature behind the entries in this summary, oldest first. Verified means the \
             Ed25519 signature checks out against the mentor's registered key, the mentor was assigned to \
             this apprentice, and the signed entries still hash to what was signed.",
        );
        let mut table = Table::start(flow, "Sign-offs", &SIGNOFFS);
        for (_, cells) in &rows {
            table.row(flow, cells);
        }
        table.finish(flow);
    }
    problems(flow, snapshot);
}

/// What a sign-off covers, then the mentor's comment in quotes.
fn with_comment(mut covers: String, decision: &Decided) -> String {
    let comment = decision.comment.trim();
    if !comment.is_empty() {
        covers.push_str(&format!(" \u{2014} \u{201c}{comment}\u{201d}"));
    }
    covers
}

const INVALID: [Column; 3] =
    [Column::left("Sign-off", 120.0), Column::left("Problem", 130.0), Column::wrapped("What failed", 0.0)];

const CHANGED: [Column; 6] = [
    Column::left("Date", 76.0),
    Column::left("Kind", 34.0),
    Column::wrapped("Entry", 0.0),
    Column::right("Hours", 46.0),
    Column::wrapped("Signed by", 92.0),
    Column::left("Signed at", 94.0),
];

/// Sign-offs that failed verification, and records changed after their sign-off.
fn problems(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let problems = &snapshot.progress.signoff_problems;
    flow.subsection("Problems found", 40.0);
    if problems.invalid_signoffs.is_empty() && problems.changed_after_signoff.is_empty() {
        note(flow, "None: every stored sign-off verified, and no signed entry was changed after its sign-off.");
        return;
    }
    if !problems.invalid_signoffs.is_empty() {
        note(flow, "These stored sign-offs failed verification. They count for nothing in this summary.");
        let mut table = Table::start(flow, "Invalid sign-offs", &INVALID);
        for bad in &problems.invalid_signoffs {
            let id = if bad.signoff_id.is_empty() { "(unreadable)".to_owned() } else { bad.signoff_id.clone() };
            table.row(flow, &[Cell::new(id), Cell::alert(format!("INVALID: {}", bad.code)), Cell::new(&bad.message)]);
        }
        table.finish(flow);
    }
    if !problems.changed_after_signoff.is_empty() {
        note(
            flow,
            "These entries were edited after a mentor signed them: their content no longer matches the \
             signature, so they are not counted as approved.",
        );
        let by_id: HashMap<&str, &ExportEntry> =
            snapshot.entries.iter().map(|e| (e.review.record_id.as_str(), e)).collect();
        let mut table = Table::start(flow, "Changed after sign-off", &CHANGED);
        for review in &problems.changed_after_signoff {
            let (by, at) = signer(review.decision.as_ref());
            let cells = match by_id.get(review.record_id.as_str()).map(|e| &e.item) {
                Some(LogItem::Ojl(e)) => [e.date.to_string(), "OJL".into(), e.work_process.clone(), hm(e.minutes)],
                Some(LogItem::Coursework(c)) => [c.date.to_string(), "RTI".into(), c.course.clone(), hm(c.minutes)],
                None => [
                    String::new(),
                    String::new(),
                    format!("Record {} (outside this range)", review.record_id),
                    String::new(),
                ],
            };
            let [date, kind, what, minutes] = cells;
            table.row(
                flow,
                &[
                    Cell::new(date),
                    Cell::new(kind),
                    Cell::alert(what),
                    Cell::new(minutes),
                    Cell::new(by),
                    Cell::new(at),
                ],
            );
        }
        table.finish(flow);
    }
}
