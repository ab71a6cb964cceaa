//! Shared fixtures for the integration tests: a real SQLite logbook in a temporary
//! folder, driven through the public [`Journal`] API with a fixed clock.
//!
//! Each test file includes this module and uses only part of it.
#![allow(dead_code)]

pub mod signing;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use journeylog_core::model::{
    CertificationInput, CourseworkInput, DateRange, LogItem, OjlInput, ProfileInput, ProgramChoice,
};
use journeylog_core::{Clock, CoreError, Journal};
use tempfile::TempDir;

/// "Today" in most tests: a Monday.
pub const TODAY: &str = "2026-03-02";

/// A small hybrid program whose numbers are easy to check by hand.
///
/// Term 100 h; work process A is 20-30 h, B is 80 h with no maximum; one 10 h course;
/// SAFE expires after 12 months, FIRST never; probation ends at 40 OJL hours.
pub const SMALL_HYBRID: &str = r#"
id = "test-hybrid"
title = "Test hybrid program"
occupation = "Test technician"
approach = "hybrid"
term_hours = 100
notice = "Illustrative test program"
rti_hours_per_year = 144

[[work_processes]]
code = "A"
title = "Alpha"
min_hours = 20
max_hours = 30
competencies = [{ code = "A.1", title = "First competency" }]

[[work_processes]]
code = "B"
title = "Beta"
min_hours = 80

[[courses]]
code = "C1"
title = "Course one"
hours = 10

[[certifications]]
code = "SAFE"
title = "Safety card"
issuer = "Safety board"
validity_months = 12

[[certifications]]
code = "FIRST"
title = "First aid"

[[milestones]]
code = "M1"
title = "Alpha done"
criteria = [
  { kind = "work_process_hours", code = "A", hours = 20 },
  { kind = "course_completed", code = "C1" },
]

[[milestones]]
code = "M2"
title = "Safe to work"
criteria = [{ kind = "certification", code = "SAFE" }]

[[milestones]]
code = "M3"
title = "Halfway"
criteria = [{ kind = "ojl_hours", hours = 50 }]

[[wage_steps]]
label = "Start"
percent = 60
trigger = { kind = "start" }

[[wage_steps]]
label = "50 hours"
percent = 70
trigger = { kind = "ojl_hours", hours = 50 }

[[wage_steps]]
label = "Alpha done"
percent = 80
trigger = { kind = "milestone", code = "M1" }

[probation]
kind = "hours"
hours = 40
"#;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid test date")
}

/// A logbook in its own temporary folder. The folder lives as long as the value.
#[derive(Debug)]
pub struct Log {
    pub dir: TempDir,
    pub journal: Journal,
}

impl Log {
    /// An empty logbook (no profile yet) whose today is `today`.
    pub fn empty(today: &str) -> Log {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = open_at(dir.path(), today);
        Log { dir, journal }
    }

    /// A logbook enrolled in a bundled template.
    pub fn template(id: &str, start: &str, today: &str) -> Log {
        Log::template_with_prior(id, start, today, "", "")
    }

    pub fn template_with_prior(id: &str, start: &str, today: &str, prior_ojl: &str, prior_rti: &str) -> Log {
        let mut log = Log::empty(today);
        log.journal
            .create_profile(profile_input(ProgramChoice::Template { id: id.into() }, start, prior_ojl, prior_rti))
            .expect("profile on a template");
        log
    }

    /// A logbook enrolled in a program file with `text` (TOML).
    pub fn program(text: &str, start: &str, today: &str) -> Log {
        Log::program_with_prior(text, start, today, "", "")
    }

    pub fn program_with_prior(text: &str, start: &str, today: &str, prior_ojl: &str, prior_rti: &str) -> Log {
        let mut log = Log::empty(today);
        let path = log.write_file("program.toml", text);
        log.journal
            .create_profile(profile_input(ProgramChoice::File { path: path_str(&path) }, start, prior_ojl, prior_rti))
            .expect("profile on a program file");
        log
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("journeylog.db")
    }

    /// Writes a file in the logbook's folder and returns its path.
    pub fn write_file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write test file");
        path
    }

    /// Drops the journal and opens the same file again, with the same clock.
    pub fn reopen(self, today: &str) -> Log {
        let Log { dir, journal } = self;
        drop(journal);
        let journal = open_at(dir.path(), today);
        Log { dir, journal }
    }

    /// A second, raw connection to the database file.
    pub fn raw(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db_path()).expect("raw connection")
    }

    pub fn outbox_len(&self) -> usize {
        self.journal.store().outbox().expect("outbox").len()
    }

    pub fn ojl_count(&self) -> i64 {
        self.journal.store().ojl_count().expect("ojl count")
    }

    /// Every live entry of either kind.
    pub fn all_items(&mut self) -> Vec<LogItem> {
        self.journal.list(DateRange::default()).expect("list")
    }

    /// Live coursework entries.
    pub fn coursework_count(&mut self) -> usize {
        self.journal.coursework(DateRange::default()).expect("coursework").len()
    }

    /// Logs an OJL entry that must succeed and returns its id.
    pub fn log(&mut self, date: &str, hours: &str, process: &str) -> String {
        self.journal
            .log_ojl(ojl(date, hours, process))
            .unwrap_or_else(|e| panic!("log {date} {hours} {process}: {e}"))
            .record
            .id
    }

    /// Logs coursework that must succeed and returns its id.
    pub fn course(&mut self, code: &str, date: &str, hours: &str, paid: bool) -> String {
        self.journal
            .log_coursework(coursework(code, date, hours, paid))
            .unwrap_or_else(|e| panic!("coursework {code} {date} {hours}: {e}"))
            .record
            .id
    }
}

pub fn open_at(dir: &Path, today: &str) -> Journal {
    Journal::open(&dir.join("journeylog.db")).expect("open logbook").with_clock(Clock::Fixed(d(today)))
}

pub fn path_str(path: &Path) -> String {
    path.to_str().expect("utf-8 temp path").to_owned()
}

pub fn profile_input(program: ProgramChoice, start: &str, prior_ojl: &str, prior_rti: &str) -> ProfileInput {
    ProfileInput {
        apprentice_name: "Ada Apprentice".into(),
        program,
        start_date: start.into(),
        prior_ojl_hours: prior_ojl.into(),
        prior_rti_hours: prior_rti.into(),
    }
}

pub fn ojl(date: &str, hours: &str, process: &str) -> OjlInput {
    OjlInput {
        date: date.into(),
        hours: hours.into(),
        work_process: process.into(),
        note: "test note".into(),
        site: "Plant 1".into(),
        supervisor: "Sam".into(),
        prior_credit: false,
    }
}

/// An OJL input flagged as prior credit.
pub fn prior_ojl(date: &str, hours: &str, process: &str) -> OjlInput {
    OjlInput { prior_credit: true, ..ojl(date, hours, process) }
}

pub fn coursework(code: &str, date: &str, hours: &str, paid: bool) -> CourseworkInput {
    CourseworkInput { course: code.into(), date: date.into(), hours: hours.into(), paid, ..Default::default() }
}

pub fn cert(code: &str, title: &str, earned_on: &str, expires_on: &str) -> CertificationInput {
    CertificationInput {
        code: code.into(),
        title: title.into(),
        issuer: "Issuer".into(),
        credential_id: "ID-1".into(),
        earned_on: earned_on.into(),
        expires_on: expires_on.into(),
        evidence_path: None,
    }
}

/// Asserts a validation error on `field` whose message contains every part of `parts`.
pub fn assert_invalid<T: std::fmt::Debug>(result: Result<T, CoreError>, field: &str, parts: &[&str]) -> String {
    let err = result.expect_err("the input should have been refused");
    assert_eq!(err.code(), "invalid_input", "{err}");
    assert_eq!(err.field(), Some(field), "{err}");
    let message = err.to_string();
    for part in parts {
        assert!(message.contains(part), "message {message:?} should contain {part:?}");
    }
    let payload = err.to_payload();
    assert_eq!(payload.code, "invalid_input");
    assert_eq!(payload.field.as_deref(), Some(field));
    assert_eq!(payload.message, message);
    message
}
