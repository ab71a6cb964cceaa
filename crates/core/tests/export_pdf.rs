//! The PDF progress summary, read back with poppler and checked with qpdf: a real
//! logbook with real Ed25519 sign-offs stored the way sync stores them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::signing::{Mentor, connect, sign, sign_with, store_signoff};
use common::{Log, SMALL_HYBRID, TODAY, cert, coursework, d};
use journeylog_core::demo::DemoSize;
use journeylog_core::export::{ExportFormat, ExportReport, ExportRequest, PdfSections};
use journeylog_core::journal::week_start;
use journeylog_core::model::{DateRange, EntryStatus, LogItem};
use journeylog_core::signoff::{self, Subject};

fn export(log: &mut Log, sections: PdfSections, name: &str) -> (PathBuf, ExportReport) {
    let out = log.dir.path().join(name);
    let request = ExportRequest {
        format: ExportFormat::Pdf,
        range: DateRange::default(),
        out_path: out.display().to_string(),
        sections,
    };
    let mut stages = Vec::new();
    let report = log.journal.export(&request, &mut |s| stages.push(s)).expect("export the PDF");
    assert!(stages.windows(2).all(|w| w[0].percent <= w[1].percent), "stages only move forward: {stages:?}");
    assert_eq!(stages.last().map(|s| s.percent), Some(100));
    assert_eq!(report.files, vec![out.display().to_string()]);
    (out, report)
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("run {name}: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The text of the PDF, one string per page, with runs of spaces made one.
fn pages(pdf: &Path, layout: bool) -> Vec<String> {
    let path = pdf.to_str().expect("path");
    let args = if layout { vec!["-layout", path, "-"] } else { vec![path, "-"] };
    let text = tool("pdftotext", &args);
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n"))
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// H:MM with thousands separated, as docs/pdf.md specifies the summary prints hours.
fn hm(minutes: u32) -> String {
    let h = (minutes / 60).to_string();
    let mut grouped = String::new();
    for (i, c) in h.chars().enumerate() {
        if i > 0 && (h.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}:{:02}", minutes % 60)
}

fn qpdf_check(pdf: &Path) {
    let out = tool("qpdf", &["--check", pdf.to_str().expect("path")]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

/// A small hybrid log with two mentors' sign-offs, one entry edited after its
/// sign-off, and one sign-off made with a key nobody registered.
fn signed_log() -> (Log, Vec<String>) {
    let mut log = Log::program(SMALL_HYBRID, "2026-01-05", TODAY);
    let mut week1 = vec![log.log("2026-01-05", "8", "A"), log.log("2026-01-06", "7:30", "B")];
    week1.push(log.journal.log_coursework(coursework("C1", "2026-01-07", "3", false)).expect("class").record.id);
    let week2 = vec![log.log("2026-01-12", "6:15", "A"), log.log("2026-01-13", "8", "B")];
    let tampered = log.log("2026-01-14", "4", "B");
    let forged = log.log("2026-01-15", "5", "B");
    log.log("2026-02-24", "2:45", "A");
    log.journal.add_certification(cert("SAFE", "Safety card", "2026-01-08", "2027-01-08")).expect("cert");
    log.journal.submit(DateRange { from: "2026-01-05".into(), to: "2026-01-31".into() }).expect("submit");
    let morgan = Mentor::new("mentor-morgan", "Morgan Mentor");
    let riley = Mentor::new("mentor-riley", "Riley Reviewer");
    connect(&log, &[&morgan, &riley]);
    sign(&mut log, &morgan, &week1, "2026-01-10T16:00:00Z");
    let mut w2 = week2.clone();
    w2.push(tampered.clone());
    sign(&mut log, &riley, &w2, "2026-01-17T15:30:00Z");
    let stranger = signoff::generate_key();
    sign_with(&mut log, &riley, &stranger, std::slice::from_ref(&forged), "2026-01-18T09:00:00Z");
    let key = morgan.key.clone();
    store_signoff(&mut log, &morgan, &key, Subject::milestone("M2"), Vec::new(), "2026-01-20T10:00:00Z");
    // The apprentice edits a signed entry behind the app's back.
    let edited = log.raw().execute("UPDATE ojl_entry SET note = 'edited later' WHERE id = ?1", [&tampered]);
    assert_eq!(edited.expect("edit"), 1);
    (log, vec![tampered, forged])
}

#[test]
fn the_summary_shows_the_apprentice_every_work_process_and_every_signer() {
    let (mut log, _) = signed_log();
    let progress = log.journal.progress().expect("progress");
    assert!(progress.ojl.approved_minutes > 0, "the sign-offs verify");
    assert_eq!(progress.signoff_problems.changed_after_signoff.len(), 1);
    assert_eq!(progress.signoff_problems.invalid_signoffs.len(), 1);
    let (pdf, report) = export(&mut log, PdfSections::default(), "summary.pdf");
    qpdf_check(&pdf);
    let text = pages(&pdf, false).join("\n");
    for needle in ["Ada Apprentice", "Test hybrid program", "Acme Robotics", "Morgan Mentor", "Riley Reviewer"] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    assert!(text.contains("Verified"), "verified sign-offs are marked");
    let m2 = progress.milestones.iter().find(|m| m.code == "M2").expect("M2");
    assert_eq!(m2.signed_off.as_ref().map(|d| d.mentor_name.as_str()), Some("Morgan Mentor"));
    // Table cells wrap, so these read across line ends.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Signed off (signature verified)"), "the milestone's sign-off is shown:\n{text}");
    assert!(flat.contains("Milestone M2: Safe to work"), "and listed with the sign-offs");
    assert!(text.contains("Changed after sign-off"), "the edited entry is flagged");
    let courses = progress.rti.courses.len();
    assert!(flat.contains(&format!("Total ({courses} courses)")), "the course table is totalled:\n{text}");
    let invalid = &progress.signoff_problems.invalid_signoffs[0];
    assert!(text.contains(&format!("INVALID: {}", invalid.code)), "the forged sign-off is flagged");

    // Each process's label line in the chart carries its logged total, and the
    // line under it the approved and pending parts.
    let layout = pages(&pdf, true).join("\n");
    let lines: Vec<&str> = layout.lines().collect();
    for wp in &progress.ojl.work_processes {
        let label = format!("{} {}", wp.code, wp.title);
        let at = lines
            .iter()
            .position(|l| l.starts_with(&label) && l.contains(" logged of "))
            .unwrap_or_else(|| panic!("no chart line for {label} in\n{layout}"));
        assert!(lines[at].contains(&format!("{} logged of", hm(wp.minutes))), "{}", lines[at]);
        let figures =
            format!("{} approved · {} pending", hm(wp.approved_minutes), hm(wp.minutes - wp.approved_minutes));
        assert!(lines[at + 1].contains(&figures), "{figures:?} not in {:?}", lines[at + 1]);
    }
    assert!(progress.ojl.work_processes.iter().any(|w| w.approved_minutes > 0 && w.approved_minutes < w.minutes));

    // Every page has its number and, when there is a bundle, its hash.
    let pages = pages(&pdf, false);
    assert!(pages.len() >= 3, "cover, sections, appendix");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", i + 1, pages.len())), "page {i}:\n{page}");
        assert_eq!(
            page.contains("Bundle SHA-256"),
            !report.bundle_hash.is_empty(),
            "the hash line follows the bundle on page {i}"
        );
        if !report.bundle_hash.is_empty() {
            assert!(page.contains(&report.bundle_hash));
        }
    }
    let fonts = tool("pdffonts", &[pdf.to_str().expect("path")]);
    let embedded: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(embedded.len() >= 2, "{fonts}");
    assert!(embedded.iter().all(|l| l.contains("LiberationSans") && l.contains(" yes yes ")), "{fonts}");
}

/// Longer than the appendix's note column: it must wrap, not be cut.
const LONG_NOTE: &str = "Rebuilt the line 4 conveyor gearbox with the night shift, replaced both bearings, \
                         realigned the coupling and logged the vibration readings";

#[test]
fn the_appendix_lists_each_entry_by_week_with_its_state() {
    let (mut log, _) = signed_log();
    let mut long = common::ojl("2026-02-25", "3", "A");
    long.note = LONG_NOTE.into();
    log.journal.log_ojl(long).expect("an entry with a long note");
    let (pdf, report) = export(&mut log, PdfSections::default(), "summary.pdf");
    assert_eq!(report.entries, 9);
    let text = pages(&pdf, true).join("\n");
    for week in ["2026-01-05", "2026-01-12", "2026-02-23"] {
        let heading = format!("Week of {}", d(week).format("%b %-d, %Y"));
        assert!(text.contains(&heading), "{heading} missing");
    }
    let row = text.lines().find(|l| l.starts_with("Tue 2026-01-06")).expect("the row of Jan 6");
    assert!(row.contains("OJL B 7:30 Approved, Morgan Mentor"), "{row}");
    let class = text.lines().find(|l| l.starts_with("Wed 2026-01-07")).expect("the class");
    assert!(class.contains("RTI C1 3:00") && class.contains("Unpaid"), "{class}");
    let edited = text.lines().find(|l| l.starts_with("Wed 2026-01-14")).expect("the edited entry");
    assert!(edited.contains("Changed after sign-off"), "{edited}");
    let forged = text.lines().find(|l| l.starts_with("Thu 2026-01-15")).expect("the forged one");
    assert!(forged.contains("Submitted"), "a forged approval approves nothing: {forged}");
    let draft = text.lines().find(|l| l.starts_with("Tue 2026-02-24")).expect("the draft");
    assert!(draft.contains("Draft"), "{draft}");
    // The long note is there whole, over more than one line, with no ellipsis.
    let at = text.lines().position(|l| l.starts_with("Wed 2026-02-25")).expect("the long note's row");
    let rows: Vec<&str> = text.lines().skip(at).take(4).collect();
    let shown = rows.iter().flat_map(|l| l.split(' ')).collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = LONG_NOTE.split(' ').collect();
    assert!(words.iter().all(|w| shown.contains(w)), "every word of the note in {rows:#?}");
    assert!(rows[0].contains(words[0]) && !rows[0].contains(words[words.len() - 1]), "it wraps: {rows:#?}");
    assert!(!rows.iter().any(|l| l.contains('\u{2026}')), "nothing is cut: {rows:#?}");
}

const HEADINGS: [&str; 5] = [
    "On-the-job learning",
    "Related technical instruction",
    "Certifications",
    "Sign-offs and verification",
    "Appendix: every entry",
];

#[test]
fn each_section_switch_removes_its_section() {
    let (mut log, _) = signed_log();
    let none =
        PdfSections { work_processes: false, rti: false, certifications: false, signoffs: false, appendix: false };
    let (pdf, _) = export(&mut log, none, "cover.pdf");
    let cover = pages(&pdf, false);
    assert_eq!(cover.len(), 1, "the cover alone");
    assert!(cover[0].contains("Ada Apprentice"));
    for h in HEADINGS {
        assert!(!cover[0].contains(h), "{h} should be gone");
    }
    let all = pages(&export(&mut log, PdfSections::default(), "all.pdf").0, false).join("\n");
    for (i, heading) in HEADINGS.iter().enumerate() {
        assert!(all.contains(heading), "{heading} is there by default");
        let mut only = none;
        match i {
            0 => only.work_processes = true,
            1 => only.rti = true,
            2 => only.certifications = true,
            3 => only.signoffs = true,
            _ => only.appendix = true,
        }
        let text = pages(&export(&mut log, only, "one.pdf").0, false).join("\n");
        for (j, other) in HEADINGS.iter().enumerate() {
            assert_eq!(text.contains(other), i == j, "with only {heading:?} on, {other:?}");
        }
    }
    assert!(all.contains("Morgan Mentor"));
}

#[test]
fn a_failed_export_leaves_nothing_behind_and_a_new_one_replaces_the_old() {
    let (mut log, _) = signed_log();
    let missing = log.dir.path().join("no such folder").join("summary.pdf");
    let request = ExportRequest {
        format: ExportFormat::Pdf,
        range: DateRange::default(),
        out_path: missing.display().to_string(),
        sections: PdfSections::default(),
    };
    assert!(log.journal.export(&request, &mut |_| {}).is_err());
    assert!(!missing.exists());
    let out = log.write_file("summary.pdf", "an older file");
    export(&mut log, PdfSections::default(), "summary.pdf");
    assert!(std::fs::read(&out).expect("read").starts_with(b"%PDF-"));
    let leftovers: Vec<_> = std::fs::read_dir(log.dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("journeylog-export"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn twenty_thousand_entries_make_a_whole_appendix() {
    let mut log = Log::empty(TODAY);
    log.journal.seed_demo(DemoSize::Entries(20_000), 7).expect("seed");
    let items = log.all_items();
    assert!(items.len() > 20_000, "OJL entries plus classes");
    let (pdf, report) = export(&mut log, PdfSections::default(), "big.pdf");
    assert_eq!(report.entries as usize, items.len());
    qpdf_check(&pdf);
    let pages = pages(&pdf, true);
    let text = pages.join("\n");
    let first = items.iter().map(LogItem::date).min().expect("first");
    let last = items.iter().map(LogItem::date).max().expect("last");
    for day in [first, last] {
        let shown = day.format("%a %Y-%m-%d").to_string();
        assert!(text.lines().any(|l| l.starts_with(&shown)), "{shown} missing");
    }
    let mut weeks: Vec<_> = items.iter().map(|i| week_start(i.date())).collect();
    weeks.dedup();
    weeks.sort();
    weeks.dedup();
    let headings = text.lines().filter(|l| l.starts_with("Week of ")).count();
    assert!(headings >= weeks.len(), "{headings} week headings for {} weeks", weeks.len());
    // A page is 792 pt and no row is shorter than 10 pt.
    let bound = (items.len() + weeks.len()) / 79;
    assert!(pages.len() > bound, "{} pages for {} rows", pages.len(), items.len() + weeks.len());
}

#[test]
fn a_demo_history_with_approved_weeks_reads_as_a_document() {
    let mut log = Log::empty(TODAY);
    log.journal.seed_demo(DemoSize::Months(6), 3).expect("seed");
    let mentor = Mentor::new("mentor-sam", "Sam Okafor");
    connect(&log, &[&mentor]);
    // One signature per submitted week, except the last three weeks.
    let cutoff = week_start(d(TODAY)) - chrono::Days::new(21);
    let mut by_week: std::collections::BTreeMap<_, Vec<String>> = Default::default();
    for item in log.all_items() {
        let (id, status) = match &item {
            LogItem::Ojl(e) => (e.id.clone(), e.status),
            LogItem::Coursework(c) => (c.id.clone(), c.status),
        };
        if status == EntryStatus::Submitted && week_start(item.date()) < cutoff {
            by_week.entry(week_start(item.date())).or_default().push(id);
        }
    }
    assert!(by_week.len() > 10);
    for (week, ids) in &by_week {
        let signed_at = format!("{}T17:00:00Z", *week + chrono::Days::new(4));
        sign(&mut log, &mentor, ids, &signed_at);
    }
    let (pdf, _) = export(&mut log, PdfSections::default(), "demo.pdf");
    qpdf_check(&pdf);
    let text = pages(&pdf, false).join("\n");
    assert!(text.contains("Jordan Reyes") && text.contains("Sam Okafor") && text.contains("Verified"));
    if let Some(dir) = std::env::var_os("JOURNEYLOG_PDF_KEEP") {
        std::fs::copy(&pdf, Path::new(&dir).join("demo-summary.pdf")).expect("keep the demo PDF");
    }
}
