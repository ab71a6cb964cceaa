//! A logbook with every kind of review on it, synced through a real server: the
//! fixture of the export tests, which must see approvals, a return, an unsigned
//! entry, a coursework approval and a milestone to show that each is carried right.

#![allow(clippy::unwrap_used)] // A fixture: it panics on failure by design.

use chrono::{Duration, Local};
use journeylog_core::model::{CertificationInput, CourseworkInput, DateRange, LogItem, ReviewDecision};

use crate::device::Device;
use crate::server::ServerProcess;

pub fn days_ago(n: i64) -> String {
    (Local::now().date_naive() - Duration::days(n)).to_string()
}

fn minutes_of(item: &LogItem) -> u32 {
    match item {
        LogItem::Ojl(e) => e.minutes,
        LogItem::Coursework(c) => c.minutes,
    }
}

#[allow(missing_debug_implementations)] // Holds processes and folders; nothing to print.
pub struct World {
    dir: tempfile::TempDir,
    _server: ServerProcess,
    pub apprentice: Device,
    /// The employer's published fingerprint, as `journeylog-server admin employer-key` prints it.
    pub fingerprint: String,
    /// Minutes approved per work process, from the apprentice's own progress.
    pub approved_wp1: u32,
}

/// Three WP1 days and one coursework session approved, one WP2 day returned, one
/// WP3 day left unsigned, a WP4 draft, an OSHA 10 card, milestone M1 signed; the apprentice syncs it all back.
pub fn signed_logbook() -> World {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let apprentice = Device::new();
    apprentice.create_profile("Ada Apprentice", &days_ago(60));
    for (ago, hours, process) in [(9, "8", "WP1"), (8, "7:30", "WP1"), (7, "6", "WP1"), (6, "4", "WP2")] {
        apprentice.log(&days_ago(ago), hours, process).unwrap();
    }
    apprentice
        .journal()
        .log_coursework(CourseworkInput {
            course: "SAFE".into(),
            date: days_ago(7),
            hours: "3".into(),
            paid: true,
            grade: "A".into(),
            note: "OSHA 10 day 1".into(),
        })
        .unwrap();
    apprentice
        .journal()
        .add_certification(CertificationInput {
            code: "OSHA10".into(),
            title: "OSHA 10-Hour General Industry card".into(),
            issuer: "OSHA Training Institute".into(),
            credential_id: "36-004512".into(),
            earned_on: days_ago(20),
            expires_on: String::new(),
            evidence_path: None,
        })
        .unwrap();
    apprentice.connect(&server.base_url(), &fixture.apprentice1_code);
    apprentice.journal().submit(DateRange { from: days_ago(9), to: days_ago(6) }).unwrap();
    apprentice.log(&days_ago(2), "5", "WP3").unwrap();
    apprentice.journal().submit(DateRange { from: days_ago(2), to: days_ago(2) }).unwrap();
    // Still a draft at export time: it may change, so xAPI leaves it out.
    apprentice.log(&days_ago(1), "2", "WP4").unwrap();
    apprentice.syncer().sync().unwrap();

    let mentor = Device::new();
    mentor.connect(&server.base_url(), &fixture.mentor_code);
    mentor.syncer().sync().unwrap();
    let queue = mentor.journal().review_queue(None).unwrap();
    let items: Vec<_> = queue.iter().flat_map(|p| p.items.iter()).collect();
    let id_of = |date: &str, minutes: u32| {
        items
            .iter()
            .find(|i| i.item.date().to_string() == date && minutes_of(&i.item) == minutes)
            .unwrap()
            .review
            .record_id
            .clone()
    };
    let approved =
        vec![id_of(&days_ago(9), 480), id_of(&days_ago(8), 450), id_of(&days_ago(7), 360), id_of(&days_ago(7), 180)];
    let decide = |ids: Vec<String>, approve: bool, comment: &str| {
        let decision = ReviewDecision {
            apprentice_id: fixture.apprentice1_id.clone(),
            record_ids: ids,
            approve,
            comment: comment.into(),
        };
        mentor.journal().review_decide(decision).unwrap();
    };
    decide(approved, true, "Good week");
    decide(vec![id_of(&days_ago(6), 240)], false, "Which press? Add the site");
    mentor.journal().sign_milestone(&fixture.apprentice1_id, "M1", "Probation passed").unwrap();
    mentor.syncer().sync().unwrap();
    apprentice.syncer().sync().unwrap();

    let published = server.admin(&["employer-key", "--employer", &fixture.employer_id]);
    let fingerprint = published["fingerprint"].as_str().unwrap().to_owned();
    let progress = apprentice.journal().progress().unwrap();
    let approved_wp1 = progress.ojl.work_processes.iter().find(|w| w.code == "WP1").unwrap().approved_minutes;
    World { dir, _server: server, apprentice, fingerprint, approved_wp1 }
}

impl World {
    /// A folder that lives as long as the world, for exported files.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}
