//! Shared set-up of the core benchmarks: a real logbook file in a temporary folder,
//! opened as shipped (WAL, synchronous=FULL), seeded by the demo seeder.
#![allow(dead_code)]

use std::time::Duration;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use journeylog_core::demo::DemoSize;
use journeylog_core::model::OjlInput;
use journeylog_core::{Clock, Journal};
use tempfile::TempDir;

/// The benchmarks' fixed "today", so every run seeds the same history.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// A logbook holding exactly `entries` live OJL entries.
///
/// Seeds with `seed_demo(DemoSize::Entries(entries), 1)`. If the seeder stops short
/// of `entries` (it can: the day span it picks is too short for `n`), the rest are
/// logged through `Journal::log_ojl` as 8-hour entries on the empty weekend days of
/// the seeded range, so the size is what the benchmark says and every rule still holds.
pub fn seeded(entries: u32) -> (TempDir, Journal) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut journal = Journal::open(&dir.path().join("journeylog.db")).expect("open").with_clock(Clock::Fixed(today()));
    let summary = journal.seed_demo(DemoSize::Entries(entries), 1).expect("seed_demo");
    let mut count = journal.store().ojl_count().expect("count");
    if count < i64::from(entries) {
        let missing = i64::from(entries) - count;
        eprintln!("seed_demo made {count} OJL entries of {entries}; logging the other {missing} on weekend days");
        let code = journal.program().expect("program").work_processes[0].code.clone();
        let mut day = summary.first_date;
        while count < i64::from(entries) {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                journal.log_ojl(input(day, "8", &code)).expect("top-up entry");
                count += 1;
            }
            day = day + Days::new(1);
            assert!(day <= today(), "not enough weekend days to top up");
        }
    }
    assert_eq!(journal.store().ojl_count().expect("count"), i64::from(entries));
    (dir, journal)
}

pub fn input(date: NaiveDate, hours: &str, process: &str) -> OjlInput {
    OjlInput {
        date: date.to_string(),
        hours: hours.into(),
        work_process: process.into(),
        note: "Benchmark entry".into(),
        site: "Plant 1".into(),
        supervisor: "Sam".into(),
        prior_credit: false,
    }
}

/// Nearest-rank percentiles of a sample, printed as one line.
pub fn print_percentiles(what: &str, samples: &mut [Duration]) {
    samples.sort_unstable();
    let rank = |p: f64| {
        let i = ((p / 100.0) * samples.len() as f64).ceil() as usize;
        samples[i.clamp(1, samples.len()) - 1]
    };
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{what}: n={} mean={:.3} ms p50={:.3} ms p95={:.3} ms p99={:.3} ms max={:.3} ms",
        samples.len(),
        ms(mean),
        ms(rank(50.0)),
        ms(rank(95.0)),
        ms(rank(99.0)),
        ms(samples[samples.len() - 1]),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
