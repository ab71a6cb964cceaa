//! DESIGN §7: recording one entry, from the call to the durable commit, p99 < 5 ms.
//!
//! Times `Journal::log_ojl` on a real file in a temporary folder, opened as shipped
//! (WAL, synchronous=FULL, so each call ends with an fsync), on a logbook that
//! already holds 20,000 OJL entries. Each call logs 30 minutes on the next date of a
//! cycle through the seeded range, so the 24-hour rule never trips and the entry goes
//! through every check a real one does.
//!
//! Criterion reports the mean and median; the budget is a p99, so the benchmark first
//! records 2,000 single calls and prints their percentiles.

mod common;

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use journeylog_core::Journal;

const SEEDED_ENTRIES: u32 = 20_000;
const SAMPLED_CALLS: usize = 2_000;

/// Dates from today back to the first seeded day, then round again.
struct DateCycle {
    first: NaiveDate,
    next: NaiveDate,
}

impl DateCycle {
    fn next(&mut self) -> NaiveDate {
        let date = self.next;
        self.next = if date <= self.first { common::today() } else { date - Days::new(1) };
        date
    }
}

fn record(journal: &mut Journal, dates: &mut DateCycle, process: &str) {
    let saved = journal.log_ojl(common::input(dates.next(), "0:30", process)).expect("log_ojl");
    std::hint::black_box(saved);
}

fn record_entry(c: &mut Criterion) {
    let (_dir, mut journal) = common::seeded(SEEDED_ENTRIES);
    let profile = journal.profile().expect("profile").expect("seeded profile");
    let process = profile.program.work_processes[0].code.clone();
    let mut dates = DateCycle { first: profile.enrollment.start_date, next: common::today() };
    println!(
        "record_entry: logbook of {} OJL entries, {} to {}",
        journal.store().ojl_count().expect("count"),
        profile.enrollment.start_date,
        common::today()
    );

    let mut samples: Vec<Duration> = Vec::with_capacity(SAMPLED_CALLS);
    for _ in 0..SAMPLED_CALLS {
        let started = Instant::now();
        record(&mut journal, &mut dates, &process);
        samples.push(started.elapsed());
    }
    common::print_percentiles("record_entry (single calls)", &mut samples);

    c.bench_function("record_entry", |b| b.iter(|| record(&mut journal, &mut dates, &process)));
    assert_eq!(journal.store().integrity_check().expect("integrity_check"), "ok");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = record_entry
}
criterion_main!(benches);
