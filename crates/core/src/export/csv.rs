//! The CSV export: one row per entry for a spreadsheet, and a second file with the
//! standing of each work process.
//!
//! Spreadsheets are where these files end up, so the choices follow what Excel and
//! LibreOffice open without an import dialog going wrong: RFC 4180 quoting with CRLF
//! line ends, UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the
//! local code page and mangles names such as "Núñez"), ISO dates, and hours as plain
//! decimals with a dot. Free text typed by the apprentice or a mentor can't become a
//! formula: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading apostrophe (docs/csv.md).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ExportEntry, Snapshot};
use crate::error::{CoreError, Result};
use crate::model::{LogItem, ProgramStandard, ReviewState};

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) const ENTRY_HEADER: [&str; 22] = [
    "id",
    "kind",
    "date",
    "hours",
    "minutes",
    "code",
    "title",
    "note",
    "site",
    "supervisor",
    "prior_credit",
    "paid",
    "grade",
    "status",
    "review",
    "signature",
    "signed_by",
    "signed_at",
    "mentor_comment",
    "version",
    "amends_version",
    "signoff_id",
];

pub(crate) const SUMMARY_HEADER: [&str; 9] = [
    "code",
    "title",
    "min_hours",
    "max_hours",
    "logged_hours",
    "approved_hours",
    "pending_hours",
    "percent",
    "hours_in_export",
];

/// The summary's file name beside `out`: `entries.csv` -> `entries-summary.csv`.
pub fn summary_path(out: &Path) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "entries".into());
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "csv".into());
    out.with_file_name(format!("{stem}-summary.{ext}"))
}

/// Writes the entries to `out` and the summary beside it; returns both paths.
pub(crate) fn write(snapshot: &Snapshot, out: &Path) -> Result<Vec<PathBuf>> {
    let summary = summary_path(out);
    write_atomically(out, |w| write_entries(snapshot, w))?;
    write_atomically(&summary, |w| write_summary(snapshot, w))?;
    Ok(vec![out.to_path_buf(), summary])
}

/// Saves one CSV file, BOM first (so spreadsheet programs read it as UTF-8).
fn write_atomically(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    super::file::save(path, |w| {
        w.write_all(BOM).map_err(super::file::write_error(path))?;
        body(w)
    })
}

fn writer(w: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(w)
}

fn csv_err(e: ::csv::Error) -> CoreError {
    CoreError::io("writing the CSV", std::io::Error::other(e))
}

fn write_entries(snapshot: &Snapshot, w: &mut dyn Write) -> Result<()> {
    let mut csv = writer(w);
    csv.write_record(ENTRY_HEADER).map_err(csv_err)?;
    for entry in &snapshot.entries {
        csv.write_record(entry_row(entry, &snapshot.profile.program)).map_err(csv_err)?;
    }
    csv.flush().map_err(|e| CoreError::io("writing the CSV", e))
}

/// The cells of one entry, in [`ENTRY_HEADER`] order.
pub(crate) fn entry_row(entry: &ExportEntry, program: &ProgramStandard) -> Vec<String> {
    let review = &entry.review;
    let decision = review.decision.as_ref();
    let (signature, signed_by, signed_at, comment, signoff_id) = match (review.state, decision) {
        (ReviewState::ChangedAfterSignoff, Some(d)) => (
            "changed after sign-off",
            d.mentor_name.as_str(),
            d.signed_at.as_str(),
            d.comment.as_str(),
            d.signoff_id.as_str(),
        ),
        (_, Some(d)) => {
            ("verified", d.mentor_name.as_str(), d.signed_at.as_str(), d.comment.as_str(), d.signoff_id.as_str())
        }
        (_, None) => ("", "", "", "", ""),
    };
    let review_state = match review.state {
        ReviewState::Submitted => "pending",
        other => other.as_str(),
    };
    let common = |id: &str, kind: &str, minutes: u32, code: &str, title: &str| {
        vec![
            id.to_owned(),
            kind.to_owned(),
            entry.item.date().format("%Y-%m-%d").to_string(),
            hours(minutes),
            minutes.to_string(),
            text(code),
            text(title),
        ]
    };
    let mut row = match &entry.item {
        LogItem::Ojl(e) => {
            let title = program.work_process(&e.work_process).map_or("", |w| w.title.as_str());
            let mut row = common(&e.id, "ojl", e.minutes, &e.work_process, title);
            row.extend([
                text(&e.note),
                text(&e.site),
                text(&e.supervisor),
                yes_no(e.prior_credit),
                String::new(),
                String::new(),
                e.status.as_str().to_owned(),
            ]);
            row
        }
        LogItem::Coursework(c) => {
            let title = program.course(&c.course).map_or("", |k| k.title.as_str());
            let mut row = common(&c.id, "coursework", c.minutes, &c.course, title);
            row.extend([
                text(&c.note),
                String::new(),
                String::new(),
                String::new(),
                (if c.paid { "paid" } else { "unpaid" }).to_owned(),
                text(c.grade.as_deref().unwrap_or("")),
                c.status.as_str().to_owned(),
            ]);
            row
        }
    };
    let (version, amends) = match &entry.item {
        LogItem::Ojl(e) => (e.version, e.amends_version),
        LogItem::Coursework(c) => (c.version, c.amends_version),
    };
    row.extend([
        review_state.to_owned(),
        signature.to_owned(),
        text(signed_by),
        signed_at.to_owned(),
        text(comment),
        version.to_string(),
        amends.map(|v| v.to_string()).unwrap_or_default(),
        signoff_id.to_owned(),
    ]);
    row
}

fn write_summary(snapshot: &Snapshot, w: &mut dyn Write) -> Result<()> {
    let mut in_export: HashMap<&str, u32> = HashMap::new();
    for entry in &snapshot.entries {
        if let LogItem::Ojl(e) = &entry.item {
            *in_export.entry(e.work_process.as_str()).or_default() += e.minutes;
        }
    }
    let mut csv = writer(w);
    csv.write_record(SUMMARY_HEADER).map_err(csv_err)?;
    for wp in &snapshot.progress.ojl.work_processes {
        let pending = wp.minutes.saturating_sub(wp.approved_minutes);
        csv.write_record([
            text(&wp.code),
            text(&wp.title),
            wp.min_hours.to_string(),
            wp.max_hours.map(|h| h.to_string()).unwrap_or_default(),
            hours(wp.minutes),
            hours(wp.approved_minutes),
            hours(pending),
            format!("{:.1}", wp.percent),
            hours(in_export.get(wp.code.as_str()).copied().unwrap_or(0)),
        ])
        .map_err(csv_err)?;
    }
    csv.flush().map_err(|e| CoreError::io("writing the CSV", e))
}

/// Whole minutes as decimal hours with two places: 450 -> "7.50", 20 -> "0.33".
pub fn hours(minutes: u32) -> String {
    let hundredths = (u64::from(minutes) * 100 + 30) / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn yes_no(b: bool) -> String {
    (if b { "yes" } else { "no" }).to_owned()
}

/// Free text made safe for a spreadsheet cell: a leading character a spreadsheet
/// would read as the start of a formula gets an apostrophe before it.
pub fn text(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_to_the_nearest_hundredth() {
        assert_eq!(hours(450), "7.50");
        assert_eq!(hours(20), "0.33");
        assert_eq!(hours(40), "0.67");
        assert_eq!(hours(0), "0.00");
        assert_eq!(hours(1440), "24.00");
    }

    #[test]
    fn formula_starts_get_an_apostrophe_and_plain_text_does_not() {
        for risky in ["=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(risky), format!("'{risky}"));
        }
        for plain in ["Wired panel 3", "", "a=b", "'quoted"] {
            assert_eq!(text(plain), plain);
        }
    }

    #[test]
    fn the_summary_sits_beside_the_entries() {
        assert_eq!(summary_path(Path::new("/tmp/x/entries.csv")), Path::new("/tmp/x/entries-summary.csv"));
        assert_eq!(summary_path(Path::new("log")), Path::new("log-summary.csv"));
    }
}
