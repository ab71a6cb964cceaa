//! Sync benchmarks against a real `journeylog-server` (release build) on loopback,
//! SQLite backend, as DESIGN §7 budgets them:
//!
//! - first sync of 20,000 records: pushing them from the laptop that logged them, and
//!   pulling them onto a fresh second device (< 3 s each);
//! - incremental sync of one entry: log one, then one full round (push + pull) (< 50 ms).
//!
//! Run with `make bench` (it builds the release server first). Prints a Markdown table
//! and writes it to bench-results/sync.md.

use std::time::{Duration, Instant};

use journeylog_core::demo::DemoSize;
use journeylog_tests::device::Device;
use journeylog_tests::server::ServerProcess;

const RECORDS: u32 = 20_000;
const INCREMENTAL_RUNS: usize = 50;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes --bench; nothing else is accepted.
    let dir = tempfile::tempdir().expect("temp dir");
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();

    let laptop = Device::new();
    let summary = laptop.journal().seed_demo(DemoSize::Entries(RECORDS), 7).expect("seed the laptop");
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    let pending = laptop.journal().sync_status().expect("status").pending;

    let started = Instant::now();
    let pushed = laptop.syncer().sync().expect("first sync from the laptop");
    let first_push = started.elapsed();
    assert_eq!(pushed.applied, pending, "every record applied: {pushed:?}");

    let spare = Device::new();
    let code = server.admin(&["enroll-code", "--user", &fixture.apprentice1_id]);
    spare.connect(&server.base_url(), code["code"].as_str().expect("code"));
    let started = Instant::now();
    let pulled = spare.syncer().sync().expect("first sync onto the spare device");
    let first_pull = started.elapsed();
    assert_eq!(spare.fingerprint().len(), laptop.fingerprint().len(), "the spare holds every record");

    let mut incremental = Vec::with_capacity(INCREMENTAL_RUNS);
    let today = chrono::Local::now().date_naive();
    for i in 0..INCREMENTAL_RUNS {
        let day = today - chrono::Duration::days(400 + i as i64);
        let mut journal = laptop.journal();
        let mut syncer = laptop.syncer();
        journal
            .log_ojl(journeylog_core::model::OjlInput {
                date: day.to_string(),
                hours: "0:30".into(),
                work_process: "WP1".into(),
                note: "benchmark".into(),
                site: String::new(),
                supervisor: String::new(),
                prior_credit: true,
            })
            .expect("log one entry");
        let started = Instant::now();
        let report = syncer.sync().expect("incremental sync");
        incremental.push(started.elapsed());
        assert_eq!(report.applied, 1, "{report:?}");
    }
    incremental.sort();
    let median = incremental[INCREMENTAL_RUNS / 2];
    let p95 = incremental[INCREMENTAL_RUNS * 95 / 100];

    let table = format!(
        "| what | figure | budget |\n|---|---|---|\n\
         | first sync, push of {pending} records ({} OJL, {} coursework, {} certifications + enrollment) | {:.0} ms | < 3,000 ms |\n\
         | first sync, pull of {} changes onto a fresh device | {:.0} ms | < 3,000 ms |\n\
         | incremental sync of one entry (log, then push + pull), median of {INCREMENTAL_RUNS} | {:.1} ms (p95 {:.1} ms) | < 50 ms |\n",
        summary.ojl_entries,
        summary.coursework_entries,
        summary.certifications,
        ms(first_push),
        pulled.pulled,
        ms(first_pull),
        ms(median),
        ms(p95),
    );
    println!("{table}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench-results");
    std::fs::create_dir_all(&out).expect("bench-results folder");
    std::fs::write(out.join("sync.md"), &table).expect("write bench-results/sync.md");
}
