//! On-the-job learning per work process against the standard: a table for the
//! exact figures and a chart for the shape of them.

use super::super::chart::{self, Bar};
use super::super::format::{date, hm, percent, thousands};
use super::super::layout::Flow;
use super::super::tables::{Cell, Column, Table};
use super::note;
use crate::export::Snapshot;

const COLUMNS: [Column; 7] = [
    Column::left("Code", 40.0),
    Column::wrapped("Work process", 0.0),
    Column::right("Approved", 56.0),
    Column::right("Pending", 52.0),
    Column::right("Logged", 56.0),
    Column::right("Standard (h)", 64.0),
    Column::right("Of minimum", 58.0),
];

pub(in super::super) fn work_processes(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let p = &snapshot.progress;
    let ojl = &p.ojl;
    flow.section("On-the-job learning", 160.0);
    note(
        flow,
        "Hours logged in each work process against the minimum of the standard (and its maximum, in a \
         hybrid program). Approved hours carry a verified mentor sign-off; pending hours are logged but \
         not approved yet. Totals cover the whole log, not only the dates of the appendix.",
    );
    let mut table = Table::start(flow, "On-the-job learning by work process", &COLUMNS);
    for wp in &ojl.work_processes {
        let standard = match wp.max_hours {
            Some(max) => format!("{}\u{2013}{}", thousands(u64::from(wp.min_hours)), thousands(u64::from(max))),
            None => thousands(u64::from(wp.min_hours)),
        };
        let share = if wp.over_max { format!("{} over max", percent(wp.percent)) } else { percent(wp.percent) };
        table.row(
            flow,
            &[
                Cell::bold(&wp.code),
                Cell::new(&wp.title),
                Cell::new(hm(wp.approved_minutes)),
                Cell::new(hm(wp.minutes.saturating_sub(wp.approved_minutes))),
                Cell::new(hm(wp.minutes)),
                Cell::new(standard),
                if wp.over_max { Cell::alert(share) } else { Cell::new(share) },
            ],
        );
    }
    let logged: u32 = ojl.work_processes.iter().map(|w| w.minutes).sum();
    let approved: u32 = ojl.work_processes.iter().map(|w| w.approved_minutes).sum();
    let min_total: u32 = ojl.work_processes.iter().map(|w| w.min_hours).sum();
    if ojl.prior_minutes > 0 {
        table.row(
            flow,
            &[
                Cell::muted(""),
                Cell::muted("Prior credit (counts toward the term, not toward a work process)"),
                Cell::muted(hm(ojl.prior_minutes)),
                Cell::muted("0:00"),
                Cell::muted(hm(ojl.prior_minutes)),
                Cell::muted(""),
                Cell::muted(""),
            ],
        );
    }
    table.total(
        flow,
        &[
            Cell::bold(""),
            Cell::bold(format!("Total (term {} h)", thousands(u64::from(p.overall.term_minutes / 60)))),
            Cell::bold(hm(approved + ojl.prior_minutes)),
            Cell::bold(hm(logged.saturating_sub(approved))),
            Cell::bold(hm(ojl.total_minutes)),
            Cell::bold(thousands(u64::from(min_total))),
            Cell::bold(""),
        ],
    );
    table.finish(flow);
    let per_week = p.pace.ojl_minutes_per_week.round().max(0.0) as u32;
    let mut pace = format!(
        "Pace: {} a week over the last 8 weeks ({} in all).",
        hm(per_week),
        hm(p.pace.ojl_minutes_last_8_weeks)
    );
    match p.projected_completion {
        Some(d) => pace.push_str(&format!(" At this pace the term is complete around {}.", date(d))),
        None => pace.push_str(" There are no recent hours to project a completion date from."),
    }
    note(flow, &pace);

    flow.subsection("Hours by work process", 120.0);
    let bars: Vec<Bar> = ojl
        .work_processes
        .iter()
        .map(|wp| Bar {
            code: wp.code.clone(),
            title: wp.title.clone(),
            approved_minutes: wp.approved_minutes,
            pending_minutes: wp.minutes.saturating_sub(wp.approved_minutes),
            min_hours: wp.min_hours,
            max_hours: wp.max_hours,
        })
        .collect();
    chart::bars(flow, &bars);
}
