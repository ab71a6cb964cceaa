//! A writer that acknowledges each entry on stdout the moment `log_ojl` returns.
//!
//! The crash test kills this process with SIGKILL right after reading an
//! acknowledgement, then checks that every acknowledged entry survived. It logs
//! 5-minute entries on past days so the 24-hour rule never trips.

use std::io::Write;

use journeylog_core::model::{OjlInput, ProfileInput, ProgramChoice};
use journeylog_core::{Clock, Journal};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = std::env::args().nth(1).ok_or("usage: ack_writer DB")?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?;
    let mut journal = Journal::open(std::path::Path::new(&db))?.with_clock(Clock::Fixed(today));
    journal.create_profile(ProfileInput {
        apprentice_name: "Crash Test".into(),
        program: ProgramChoice::Template { id: "mra-phase-1".into() },
        start_date: "2026-01-01".into(),
        prior_ojl_hours: String::new(),
        prior_rti_hours: String::new(),
    })?;
    let stdout = std::io::stdout();
    for i in 0u32.. {
        let date = today - chrono::Days::new(u64::from(i % 170));
        let saved = journal.log_ojl(OjlInput {
            date: date.to_string(),
            hours: "0:05".into(),
            work_process: "WP1".into(),
            ..OjlInput::default()
        })?;
        let mut out = stdout.lock();
        writeln!(out, "ack {}", saved.record.id)?;
        out.flush()?;
    }
    Ok(())
}
