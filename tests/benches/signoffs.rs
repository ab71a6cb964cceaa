//! What sign-offs cost, with a real server on loopback and two real logbooks: a
//! laptop with 20,000 OJL entries (and the demo's coursework), every submitted week of
//! it approved by a mentor, one signature per week.
//!
//! - the mentor's "approve this week" (sign and queue; one call of `review_decide`);
//! - the apprentice's progress right after opening the logbook (every sign-off
//!   verified, every approved entry hashed) and then again (reused until the database
//!   changes). The dashboard budget of DESIGN §7 (< 10 ms) applies to the second.
//!
//! Run with `make bench`. Prints a Markdown table and writes bench-results/signoffs.md.

use std::time::{Duration, Instant};

use journeylog_core::demo::DemoSize;
use journeylog_core::model::ReviewDecision;
use journeylog_tests::device::Device;
use journeylog_tests::server::ServerProcess;

const RECORDS: u32 = 20_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.journal().seed_demo(DemoSize::Entries(RECORDS), 7).expect("seed the laptop");
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    laptop.syncer().sync().expect("laptop pushes its log");

    let mentor = Device::new();
    mentor.connect(&server.base_url(), &fixture.mentor_code);
    mentor.syncer().sync().expect("mentor pulls the log");
    let mut journal = mentor.journal();
    let weeks = journal.review_queue(None).expect("queue");
    let mut approve = Vec::with_capacity(weeks.len());
    let mut signed_records = 0;
    for week in &weeks {
        let ids: Vec<String> = week.items.iter().map(|i| i.review.record_id.clone()).collect();
        signed_records += ids.len();
        let started = Instant::now();
        journal
            .review_decide(ReviewDecision {
                apprentice_id: week.apprentice_id.clone(),
                record_ids: ids,
                approve: true,
                comment: String::new(),
            })
            .expect("approve a week");
        approve.push(started.elapsed());
    }
    mentor.syncer().sync().expect("mentor sends the sign-offs");
    let received = laptop.syncer().sync().expect("laptop pulls the sign-offs");
    assert_eq!(received.signoffs as usize, weeks.len(), "{received:?}");
    assert_eq!(received.signoffs_invalid, 0, "{received:?}");

    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut approved_minutes = 0;
    for _ in 0..5 {
        let mut app = laptop.journal();
        let started = Instant::now();
        let progress = app.progress().expect("progress");
        cold.push(started.elapsed());
        approved_minutes = progress.ojl.approved_minutes;
        for _ in 0..40 {
            let started = Instant::now();
            app.progress().expect("progress");
            warm.push(started.elapsed());
        }
    }
    assert!(approved_minutes > 0, "the approvals count");
    approve.sort();
    cold.sort();
    warm.sort();
    let table = format!(
        "| what | median | p95 | budget |\n|---|---|---|---|\n\
         | mentor approves one week ({} weeks, {signed_records} records in all) | {:.1} ms | {:.1} ms | (interactive) |\n\
         | apprentice progress on opening, {} sign-offs verified, {signed_records} entries hashed | {:.1} ms | {:.1} ms | (start-up) |\n\
         | apprentice progress again (dashboard refresh) | {:.2} ms | {:.2} ms | < 10 ms |\n",
        weeks.len(),
        ms(percentile(&approve, 50)),
        ms(percentile(&approve, 95)),
        weeks.len(),
        ms(percentile(&cold, 50)),
        ms(percentile(&cold, 95)),
        ms(percentile(&warm, 50)),
        ms(percentile(&warm, 95)),
    );
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench-results");
    std::fs::create_dir_all(&out).expect("bench-results");
    std::fs::write(out.join("signoffs.md"), table).expect("write the table");
}
