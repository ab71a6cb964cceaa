//! DESIGN §7: the dashboard's progress with 100,000 entries, < 10 ms.
//!
//! Times `Journal::progress()` (every total, milestone, wage projection, certification
//! state and the 26-week chart) on a real file holding 100,000 OJL entries seeded by
//! the demo seeder. Besides Criterion's mean and median, it prints the percentiles of
//! 200 single calls.

mod common;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

const SEEDED_ENTRIES: u32 = 100_000;
const SAMPLED_CALLS: usize = 200;

fn progress_100k(c: &mut Criterion) {
    let (_dir, mut journal) = common::seeded(SEEDED_ENTRIES);
    let first = journal.progress().expect("progress");
    println!(
        "progress_100k: logbook of {} OJL entries, {} OJL minutes, {} work processes",
        journal.store().ojl_count().expect("count"),
        first.ojl.total_minutes,
        first.ojl.work_processes.len()
    );

    let mut samples: Vec<Duration> = Vec::with_capacity(SAMPLED_CALLS);
    for _ in 0..SAMPLED_CALLS {
        let started = Instant::now();
        std::hint::black_box(journal.progress().expect("progress"));
        samples.push(started.elapsed());
    }
    common::print_percentiles("progress_100k (single calls)", &mut samples);

    c.bench_function("progress_100k", |b| b.iter(|| std::hint::black_box(journal.progress().expect("progress"))));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = progress_100k
}
criterion_main!(benches);
