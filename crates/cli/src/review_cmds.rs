//! `jlog review ...`: a mentor's review from a terminal.
//!
//! Decisions are signed on this device and wait in the outbox; `jlog sync` sends
//! them. Each command prints what it signed, so a mentor can see at a glance that
//! a week of someone's work was approved and by which signature.

use journeylog_core::model::{LogItem, ReviewDecision, ReviewPeriod, SignoffMade};
use journeylog_core::{CoreError, Journal};

use crate::args::ReviewCommand;
use crate::render;

pub fn run(journal: &mut Journal, command: ReviewCommand) -> Result<(), CoreError> {
    match command {
        ReviewCommand::List { apprentice, json } => {
            let queue = journal.review_queue(apprentice.as_deref())?;
            if json { render::json(&queue)? } else { print_queue(&queue) }
        }
        ReviewCommand::Apprentices { json } => {
            let apprentices = journal.mentor_apprentices()?;
            if json {
                return render::json(&apprentices);
            }
            if apprentices.is_empty() {
                println!("No apprentices are assigned to you yet (or this device has not synced).");
            }
            for a in &apprentices {
                println!(
                    "{}  ({})\n  {}: {} logged, {} approved of {} h; {} entries ({}) waiting for you",
                    a.name,
                    a.apprentice_id,
                    a.program_title,
                    render::hm(a.logged_ojl_minutes),
                    render::hm(a.approved_ojl_minutes),
                    a.term_minutes / 60,
                    a.pending_entries,
                    render::hm(a.pending_minutes)
                );
                for r in &a.milestone_requests {
                    let state = if r.signed.is_some() { "signed off" } else { "sign-off requested" };
                    println!("  milestone {} {}: {state}", r.code, r.title);
                }
            }
        }
        ReviewCommand::Approve { ids, apprentice, comment } => {
            let made = decide(journal, ids, apprentice, true, comment)?;
            print_made(&made);
        }
        ReviewCommand::Return { ids, apprentice, comment } => {
            let made = decide(journal, ids, apprentice, false, comment)?;
            print_made(&made);
        }
        ReviewCommand::Revoke { signoff_id, comment } => {
            print_made(&journal.revoke_signoff(&signoff_id, &comment)?);
        }
        ReviewCommand::SignMilestone { apprentice, milestone, comment } => {
            print_made(&journal.sign_milestone(&apprentice, &milestone, &comment)?);
        }
        ReviewCommand::SignCompetency { apprentice, work_process, competency, comment } => {
            print_made(&journal.sign_competency(&apprentice, &work_process, &competency, &comment)?);
        }
    }
    Ok(())
}

/// Resolves `all` and the apprentice (from the entries, when not given), then signs.
fn decide(
    journal: &mut Journal,
    ids: Vec<String>,
    apprentice: Option<String>,
    approve: bool,
    comment: String,
) -> Result<SignoffMade, CoreError> {
    let queue = journal.review_queue(apprentice.as_deref())?;
    let record_ids: Vec<String> = if ids == ["all"] {
        if apprentice.is_none() {
            return Err(CoreError::invalid(
                "apprentice",
                "`all` needs --apprentice, so one signature covers one person",
            ));
        }
        queue.iter().flat_map(|p| p.items.iter().map(|i| i.review.record_id.clone())).collect()
    } else {
        ids
    };
    let owner = apprentice.or_else(|| {
        queue
            .iter()
            .find(|p| p.items.iter().any(|i| record_ids.contains(&i.review.record_id)))
            .map(|p| p.apprentice_id.clone())
    });
    let apprentice_id = owner.ok_or_else(|| CoreError::NotFound {
        what: "entry waiting for review",
        id: record_ids.first().cloned().unwrap_or_default(),
    })?;
    journal.review_decide(ReviewDecision { apprentice_id, record_ids, approve, comment })
}

fn print_made(made: &SignoffMade) {
    println!(
        "Signed {} ({}, {} records) for apprentice {}: sign-off {}. Run `jlog sync` to send it.",
        made.decision, made.subject, made.records, made.apprentice_id, made.signoff_id
    );
}

fn print_queue(queue: &[ReviewPeriod]) {
    if queue.is_empty() {
        println!("Nothing waits for your review.");
    }
    for p in queue {
        println!(
            "{}: week of {} to {}, {} entries (OJL {}, coursework {})",
            p.apprentice_name,
            p.from,
            p.to,
            p.pending,
            render::hm(p.ojl_minutes),
            render::hm(p.rti_minutes)
        );
        for wp in &p.by_process {
            println!(
                "  {:<6} {:<44} {:>7} this week, {:>8} approved of {} h",
                wp.code,
                wp.title,
                render::hm(wp.minutes),
                render::hm(wp.approved_minutes_to_date),
                wp.min_hours
            );
        }
        for i in &p.items {
            let what = match &i.item {
                LogItem::Ojl(e) => format!("{} {} {}", e.date, e.work_process, render::hm(e.minutes)),
                LogItem::Coursework(c) => format!("{} course {} {}", c.date, c.course, render::hm(c.minutes)),
            };
            let amend = i.review.amends_version.map_or(String::new(), |v| format!("  (amends version {v})"));
            println!("    {}  {what}{amend}", i.review.record_id);
        }
    }
}
