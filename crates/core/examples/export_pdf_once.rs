//! The PDF benchmark's workload, once, for a profiler (docs/benchmarks.md, PDF summary).
//!
//! `seed DB` makes the benchmark's logbook (20,000 OJL entries, the same seeder and
//! fixed date as `benches/export_pdf.rs`) in a file; `export DB OUT [N]` exports its
//! PDF N times (default 1) and prints how long each stage took, as `Journal::export`
//! reports its stages. Seeding once keeps the seeding out of the profile:
//!
//! ```sh
//! cargo build --release -p journeylog-core --example export_pdf_once
//! target/release/examples/export_pdf_once seed /tmp/pdf20k.sqlite3
//! valgrind --tool=callgrind target/release/examples/export_pdf_once export /tmp/pdf20k.sqlite3 /tmp/out.pdf
//! ```

#[path = "../benches/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use journeylog_core::export::{ExportFormat, ExportRequest, PdfSections};
use journeylog_core::model::DateRange;
use journeylog_core::{Clock, Journal};

const ENTRIES: u32 = 20_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["seed", db] => seed(Path::new(db)),
        ["export", db, out] => export(Path::new(db), out, 1),
        ["export", db, out, n] => match n.parse() {
            Ok(n) => export(Path::new(db), out, n),
            Err(_) => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: export_pdf_once seed DB | export_pdf_once export DB OUT.pdf [TIMES]");
    ExitCode::from(2)
}

fn seed(db: &Path) -> ExitCode {
    let (dir, journal) = common::seeded(ENTRIES);
    drop(journal);
    let seeded = dir.path().join("journeylog.db");
    // The seeded file is closed (its WAL checkpointed), so the one file is the logbook.
    if let Err(e) = std::fs::copy(&seeded, db) {
        eprintln!("copy {} to {}: {e}", seeded.display(), db.display());
        return ExitCode::from(1);
    }
    println!("seeded {} OJL entries into {}", ENTRIES, db.display());
    ExitCode::SUCCESS
}

fn export(db: &Path, out: &str, times: u32) -> ExitCode {
    let mut journal = match Journal::open(db) {
        Ok(j) => j.with_clock(Clock::Fixed(common::today())),
        Err(e) => {
            eprintln!("open {}: {e}", db.display());
            return ExitCode::from(1);
        }
    };
    let request = ExportRequest {
        format: ExportFormat::Pdf,
        range: DateRange::default(),
        out_path: out.to_owned(),
        sections: PdfSections::default(),
    };
    for _ in 0..times {
        let started = Instant::now();
        let mut last = (started, String::from("start"));
        let mut stages: Vec<(String, f64)> = Vec::new();
        let mut progress = |stage: journeylog_core::export::ExportStage| {
            // The appendix reports every 500 entries; one line for all of it.
            let label = if stage.label.starts_with("Writing the appendix") {
                "Writing the appendix".into()
            } else {
                stage.label
            };
            if label != last.1 {
                let now = Instant::now();
                let (began, previous) = std::mem::replace(&mut last, (now, label));
                stages.push((previous, (now - began).as_secs_f64() * 1000.0));
            }
        };
        let report = match journal.export(&request, &mut progress) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("export: {e}");
                return ExitCode::from(1);
            }
        };
        let total = started.elapsed().as_secs_f64() * 1000.0;
        let line: Vec<String> = stages.iter().map(|(label, ms)| format!("{label} {ms:.0} ms")).collect();
        println!("{} entries, {} bytes, {total:.0} ms: {}", report.entries, report.bytes, line.join(" | "));
    }
    ExitCode::SUCCESS
}
