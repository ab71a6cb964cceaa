//! Related technical instruction against the program and its yearly pace, and the
//! certifications with their expiry: the two things a sponsor checks off a list.

use super::super::format::{date, hm, hours};
use super::super::layout::Flow;
use super::super::tables::{Cell, Column, Table};
use super::{facts, note};
use crate::export::Snapshot;
use crate::progress::CertificationState;

const COURSES: [Column; 5] = [
    Column::left("Code", 58.0),
    Column::wrapped("Course", 0.0),
    Column::right("Course hours", 66.0),
    Column::right("Logged", 60.0),
    Column::left("Status", 84.0),
];

pub(in super::super) fn rti(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let r = &snapshot.progress.rti;
    flow.section("Related technical instruction", 140.0);
    let expected = r.pace_expected_minutes;
    let standing = if r.total_minutes >= expected {
        format!("On pace: {} ahead of the guideline", hm(r.total_minutes - expected))
    } else {
        format!("Behind the guideline by {}", hm(expected - r.total_minutes))
    };
    facts(
        flow,
        3,
        &[
            ("Logged", format!("{} of {}", hm(r.total_minutes), hours(r.program_minutes / 60))),
            ("Approved", hm(r.approved_minutes)),
            ("Prior credit", hm(r.prior_minutes)),
            ("Unpaid", hm(r.unpaid_minutes)),
            (
                "Pace guideline",
                format!(
                    "{} a year; {} expected by {}",
                    hours(r.pace_hours_per_year),
                    hm(expected),
                    date(snapshot.progress.as_of)
                ),
            ),
            ("Standing", standing),
        ],
    );
    if r.courses.is_empty() {
        note(flow, "The program lists no courses.");
        return;
    }
    let mut table = Table::start(flow, "Courses", &COURSES);
    for c in &r.courses {
        let status = if c.completed {
            "Completed"
        } else if c.minutes > 0 {
            "In progress"
        } else {
            "Not started"
        };
        table.row(
            flow,
            &[
                Cell::bold(&c.code),
                Cell::new(&c.title),
                Cell::new(hours(c.hours)),
                Cell::new(hm(c.minutes)),
                if c.completed { Cell::bold(status) } else { Cell::new(status) },
            ],
        );
    }
    // Closed like the work process table: credit apart, then the totals.
    if r.prior_minutes > 0 {
        table.row(
            flow,
            &[
                Cell::muted(""),
                Cell::muted("Prior credit (counts toward the hours, not toward a course)"),
                Cell::muted(""),
                Cell::muted(hm(r.prior_minutes)),
                Cell::muted(""),
            ],
        );
    }
    let completed = r.courses.iter().filter(|c| c.completed).count();
    table.total(
        flow,
        &[
            Cell::bold(""),
            Cell::bold(format!("Total ({} courses)", r.courses.len())),
            Cell::bold(hours(r.courses.iter().map(|c| c.hours).sum())),
            Cell::bold(hm(r.total_minutes)),
            Cell::bold(format!("{completed} of {} done", r.courses.len())),
        ],
    );
    table.finish(flow);
}

const CERTS: [Column; 6] = [
    Column::wrapped("Certification", 0.0),
    Column::wrapped("Issuer", 100.0),
    Column::left("Credential", 82.0),
    Column::left("Earned", 56.0),
    Column::left("Expires", 56.0),
    Column::left("Status", 86.0),
];

pub(in super::super) fn certifications(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    flow.section("Certifications", 80.0);
    let statuses = &snapshot.progress.certifications;
    if statuses.is_empty() {
        note(flow, "No certifications are recorded and the program requires none.");
        return;
    }
    note(flow, "Required certifications of the program, and any others recorded. Expiring means within 60 days.");
    let mut table = Table::start(flow, "Certifications", &CERTS);
    for s in statuses {
        let record = s.id.as_ref().and_then(|id| snapshot.certifications.iter().find(|c| &c.id == id));
        let title = match &s.code {
            Some(code) => format!("{} ({code})", s.title),
            None => s.title.clone(),
        };
        let status = match (s.state, s.days_left) {
            (CertificationState::Valid, _) => Cell::new("Valid"),
            (CertificationState::Expiring, Some(d)) => Cell::bold(format!("Expires in {d} days")),
            (CertificationState::Expiring, None) => Cell::bold("Expiring"),
            (CertificationState::Expired, Some(d)) => Cell::alert(format!("Expired {} days ago", -d)),
            (CertificationState::Expired, None) => Cell::alert("Expired"),
            (CertificationState::Missing, _) => Cell::alert("Missing (required)"),
        };
        let expires = s
            .expires_on
            .map_or_else(|| if record.is_some() { "No expiry".into() } else { String::new() }, |d| d.to_string());
        table.row(
            flow,
            &[
                Cell::new(title),
                Cell::new(record.map(|r| r.issuer.clone()).unwrap_or_default()),
                Cell::new(record.map(|r| r.credential_id.clone()).unwrap_or_default()),
                Cell::new(record.map(|r| r.earned_on.to_string()).unwrap_or_default()),
                Cell::new(expires),
                status,
            ],
        );
    }
    table.finish(flow);
}
