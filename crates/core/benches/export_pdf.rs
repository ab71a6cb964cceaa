//! DESIGN §7: the PDF summary of 20,000 entries, < 2 s.
//!
//! Times `Journal::export` with the PDF format and every section on, on a real file
//! holding 20,000 OJL entries (plus the demo's coursework) seeded by the demo seeder:
//! the snapshot read, the layout of every page, font subsetting, compression and the
//! atomic save. Reading the snapshot alone is timed too, to show where the time goes.

mod common;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use journeylog_core::export::{ExportFormat, ExportRequest, PdfSections};
use journeylog_core::model::DateRange;

const SEEDED_ENTRIES: u32 = 20_000;
const SAMPLED_CALLS: usize = 10;

fn export_pdf_20k(c: &mut Criterion) {
    let (dir, mut journal) = common::seeded(SEEDED_ENTRIES);
    let out = dir.path().join("summary.pdf");
    let request = ExportRequest {
        format: ExportFormat::Pdf,
        range: DateRange::default(),
        out_path: out.display().to_string(),
        sections: PdfSections::default(),
    };
    let report = journal.export(&request, &mut |_| {}).expect("export");
    println!(
        "export_pdf_20k: {} entries in the appendix, {} bytes written to {}",
        report.entries,
        report.bytes,
        out.display()
    );

    let mut samples: Vec<Duration> = Vec::with_capacity(SAMPLED_CALLS);
    for _ in 0..SAMPLED_CALLS {
        let started = Instant::now();
        std::hint::black_box(journal.export(&request, &mut |_| {}).expect("export"));
        samples.push(started.elapsed());
    }
    common::print_percentiles("export_pdf_20k (single exports)", &mut samples);
    let mut reads: Vec<Duration> = Vec::with_capacity(SAMPLED_CALLS);
    for _ in 0..SAMPLED_CALLS {
        let started = Instant::now();
        std::hint::black_box(journal.export_snapshot(DateRange::default()).expect("snapshot"));
        reads.push(started.elapsed());
    }
    common::print_percentiles("export_snapshot_20k (reading alone)", &mut reads);

    c.bench_function("export_pdf_20k", |b| {
        b.iter(|| std::hint::black_box(journal.export(&request, &mut |_| {}).expect("export")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    targets = export_pdf_20k
}
criterion_main!(benches);
