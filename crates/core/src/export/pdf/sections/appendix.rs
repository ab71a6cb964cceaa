//! Every entry in the chosen range, week by week (Monday first, as the log screen
//! shows them), so any figure in the summary can be traced to the days behind it.

use super::super::format::{count, date, day, hm};
use super::super::layout::Flow;
use super::super::tables::{Cell, Column, Table};
use super::note;
use crate::export::{ExportEntry, Snapshot};
use crate::journal::week_start;
use crate::model::{LogItem, ReviewState};

/// The note is what the apprentice wrote, so it wraps rather than being cut short.
const COLUMNS: [Column; 6] = [
    Column::left("Date", 76.0),
    Column::left("Kind", 28.0),
    Column::left("Process / course", 70.0),
    Column::right("Hours", 38.0),
    Column::left("Status", 112.0),
    Column::wrapped("Note", 0.0),
];

/// How often the appendix reports progress, in entries.
const REPORT_EVERY: usize = 500;

pub(in super::super) fn appendix(flow: &mut Flow<'_>, snapshot: &Snapshot, report: &mut dyn FnMut(usize, usize)) {
    let entries = &snapshot.entries;
    let title = format!("Appendix: every entry, {} to {}", date(snapshot.from), date(snapshot.to));
    flow.section(&title, 80.0);
    if entries.is_empty() {
        note(flow, "There are no entries in this range.");
        return;
    }
    let ojl = entries.iter().filter(|e| matches!(e.item, LogItem::Ojl(_))).count();
    let minutes: u32 = entries.iter().map(|e| minutes_of(&e.item)).sum();
    let weeks = weeks(entries);
    note(
        flow,
        &format!(
            "{} ({} OJL, {} related instruction) in {}, {} in all. Each week's heading gives its totals; \
             hours are H:MM.",
            count(entries.len(), "entry", "entries"),
            ojl,
            entries.len() - ojl,
            count(weeks.len(), "week", "weeks"),
            hm(minutes)
        ),
    );
    let mut table = Table::start(flow, "Appendix", &COLUMNS);
    let mut done = 0;
    for week in weeks {
        let (mut ojl_min, mut rti_min) = (0, 0);
        for e in week {
            match &e.item {
                LogItem::Ojl(o) => ojl_min += o.minutes,
                LogItem::Coursework(c) => rti_min += c.minutes,
            }
        }
        let start = week_start(week[0].item.date());
        let heading = format!("Week of {}", date(start));
        let totals = format!(
            "OJL {} \u{b7} RTI {} \u{b7} week {} \u{b7} {}",
            hm(ojl_min),
            hm(rti_min),
            hm(ojl_min + rti_min),
            count(week.len(), "entry", "entries")
        );
        table.group(flow, &heading, &totals);
        for e in week {
            table.row(flow, &row(e));
            done += 1;
            if done % REPORT_EVERY == 0 {
                report(done, entries.len());
            }
        }
    }
    table.finish(flow);
    report(entries.len(), entries.len());
}

/// The entries split into runs of the same week (they arrive oldest first).
fn weeks(entries: &[ExportEntry]) -> Vec<&[ExportEntry]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        let boundary =
            i == entries.len() || week_start(entries[i].item.date()) != week_start(entries[start].item.date());
        if boundary {
            out.push(&entries[start..i]);
            start = i;
        }
    }
    out
}

fn minutes_of(item: &LogItem) -> u32 {
    match item {
        LogItem::Ojl(e) => e.minutes,
        LogItem::Coursework(c) => c.minutes,
    }
}

fn row(e: &ExportEntry) -> [Cell; 6] {
    let (kind, code, minutes, note) = match &e.item {
        LogItem::Ojl(o) => {
            let mut parts = Vec::new();
            if o.prior_credit {
                parts.push("Prior credit".to_owned());
            }
            if let Some(v) = o.amends_version {
                parts.push(format!("Amends version {v}"));
            }
            parts.push(o.note.trim().to_owned());
            ("OJL", o.work_process.as_str(), o.minutes, parts)
        }
        LogItem::Coursework(c) => {
            let mut parts = Vec::new();
            if !c.paid {
                parts.push("Unpaid".to_owned());
            }
            if let Some(g) = c.grade.as_deref().filter(|g| !g.trim().is_empty()) {
                parts.push(format!("Grade {}", g.trim()));
            }
            if let Some(v) = c.amends_version {
                parts.push(format!("Amends version {v}"));
            }
            parts.push(c.note.trim().to_owned());
            ("RTI", c.course.as_str(), c.minutes, parts)
        }
    };
    let note: Vec<String> = note.into_iter().filter(|p| !p.is_empty()).collect();
    let by = e.review.decision.as_ref().map(|d| d.mentor_name.as_str()).unwrap_or("");
    let status = match e.review.state {
        ReviewState::Draft => Cell::muted("Draft"),
        ReviewState::Submitted => Cell::new("Submitted"),
        ReviewState::Approved => Cell::new(format!("Approved, {by}")),
        ReviewState::Returned => Cell::new(format!("Returned, {by}")),
        ReviewState::ChangedAfterSignoff => Cell::alert("Changed after sign-off"),
    };
    [
        Cell::new(day(e.item.date())),
        Cell::new(kind),
        Cell::new(code),
        Cell::new(hm(minutes)),
        status,
        Cell::muted(note.join(" \u{b7} ")),
    ]
}
