//! The CSV export read back by Python's `csv` module, as a spreadsheet script would:
//! every entry, with its signature state, survives quoting, commas, quotes and
//! line breaks, and Python writing the rows again gives back the same bytes.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::process::Command;

use journeylog_core::model::{LogItem, OjlInput};
use journeylog_tests::jlog;
use journeylog_tests::signed_logbook::{days_ago, signed_logbook};
use serde_json::Value;

const ROUND_TRIP: &str = r#"
import csv, io, json, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
text = raw[3:].decode('utf-8')
rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
out = io.StringIO(newline='')
csv.writer(out, lineterminator='\r\n').writerows(rows)
print(json.dumps({'rows': rows, 'same_bytes': out.getvalue() == text}))
"#;

fn python_csv(path: &std::path::Path) -> Value {
    let out = Command::new("python3").arg("-c").arg(ROUND_TRIP).arg(path).output().expect("run python3");
    assert!(out.status.success(), "python3: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn entries_and_summary_round_trip_through_pythons_csv_module() {
    let world = signed_logbook();
    let note = "Swapped the \"M3\" bearing, then re-aligned\nsecond line; =not a formula";
    world
        .apprentice
        .journal()
        .log_ojl(OjlInput {
            date: days_ago(3),
            hours: "1:15".into(),
            work_process: "WP5".into(),
            note: note.into(),
            site: "Bay 4, north".into(),
            supervisor: "Núñez".into(),
            prior_credit: false,
        })
        .unwrap();
    let out = world.dir().join("entries.csv");
    let run = jlog::run(Some(&world.apprentice.db()), &["export", "--format", "csv", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.text());

    let parsed = python_csv(&out);
    assert_eq!(parsed["same_bytes"], true, "Python writes the same bytes back");
    let rows: Vec<Vec<String>> = serde_json::from_value(parsed["rows"].clone()).unwrap();
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let items = world.apprentice.journal().list(Default::default()).unwrap();
    assert_eq!(rows.len() - 1, items.len(), "one row per entry");
    for item in &items {
        let (id, minutes, date) = match item {
            LogItem::Ojl(e) => (&e.id, e.minutes, e.date),
            LogItem::Coursework(c) => (&c.id, c.minutes, c.date),
        };
        let row = rows.iter().find(|r| &r[col("id")] == id).unwrap_or_else(|| panic!("no row for {id}"));
        assert_eq!(row[col("minutes")], minutes.to_string());
        assert_eq!(row[col("date")], date.to_string());
    }
    let tricky = rows.iter().find(|r| r[col("site")] == "Bay 4, north").unwrap();
    assert_eq!(tricky[col("note")], note);
    assert_eq!(tricky[col("supervisor")], "Núñez");
    assert_eq!(tricky[col("hours")], "1.25");
    let approved: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("review")] == "approved").collect();
    assert_eq!(approved.len(), 4, "three WP1 days and the coursework session");
    assert!(approved.iter().all(|r| r[col("signed_by")] == "Morgan Mentor" && r[col("signature")] == "verified"));
    let returned = rows.iter().find(|r| r[col("review")] == "returned").unwrap();
    assert_eq!(returned[col("mentor_comment")], "Which press? Add the site");

    let summary = python_csv(&world.dir().join("entries-summary.csv"));
    assert_eq!(summary["same_bytes"], true);
    let rows: Vec<Vec<String>> = serde_json::from_value(summary["rows"].clone()).unwrap();
    let wp1 = rows.iter().find(|r| r[0] == "WP1").unwrap();
    let approved_col = rows[0].iter().position(|h| h == "approved_hours").unwrap();
    assert_eq!(wp1[approved_col], "21.50");
}
