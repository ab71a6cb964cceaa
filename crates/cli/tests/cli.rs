//! `jlog` as a script would use it: a real binary, a real database file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Logbook {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Logbook {
    fn new() -> Logbook {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("log.sqlite3");
        Logbook { _dir: dir, db }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_jlog"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("JOURNEYLOG_DB")
            .output()
            .expect("run jlog")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "jlog {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "jlog {args:?} should fail with exit 1");
        assert!(out.stdout.is_empty(), "errors go to stderr only");
        String::from_utf8(out.stderr).expect("utf-8")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    fn init(&self) {
        self.ok(&[
            "init",
            "--name",
            "Ana Diaz",
            "--program",
            "mra-phase-1",
            "--start",
            "2026-01-05",
            "--prior-ojl-hours",
            "40",
        ]);
    }
}

fn ojl_minutes(list: &Value) -> Vec<u64> {
    list.as_array()
        .expect("array")
        .iter()
        .filter(|i| i["kind"] == "ojl")
        .map(|i| i["minutes"].as_u64().expect("minutes"))
        .collect()
}

#[test]
fn hours_accept_decimal_clock_and_unit_forms() {
    let log = Logbook::new();
    log.init();
    log.ok(&["log", "--date", "2026-03-02", "--hours", "7.5", "--process", "WP3"]);
    log.ok(&["log", "--date", "2026-03-03", "--hours", "7:30", "--process", "WP3"]);
    log.ok(&["log", "--date", "2026-03-04", "--hours", "7h30m", "--process", "WP3", "--note", "PLC fault"]);
    let list = log.json(&["list", "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    assert_eq!(ojl_minutes(&list), vec![450, 450, 450]);
    assert_eq!(list[2]["note"], "PLC fault");
}

#[test]
fn bad_input_is_refused_on_stderr_with_the_rule_and_nothing_is_stored() {
    let log = Logbook::new();
    log.init();
    log.ok(&["log", "--date", "2026-03-02", "--hours", "18", "--process", "WP1"]);
    let err = log.fails(&["log", "--date", "2026-03-02", "--hours", "8", "--process", "WP1"]);
    assert!(err.contains("hours on 2026-03-02 would total 26:00; a day holds at most 24:00"), "{err}");
    let err = log.fails(&["log", "--date", "2026-03-03", "--hours", "7:75", "--process", "WP1"]);
    assert!(err.contains("hours \"7:75\" has more than 59 minutes"), "{err}");
    let err = log.fails(&["log", "--date", "2026-03-03", "--hours", "NaN", "--process", "WP1"]);
    assert!(err.contains("is not a number of hours"), "{err}");
    let err = log.fails(&["log", "--date", "2026-03-03", "--hours", "8", "--process", "WP42"]);
    assert!(err.contains("work process \"WP42\" is not in the program"), "{err}");
    let err = log.fails(&["log", "--date", "2025-12-31", "--hours", "8", "--process", "WP1"]);
    assert!(err.contains("before the enrollment start date 2026-01-05"), "{err}");
    let err = log.fails(&["log", "--date", "2999-01-01", "--hours", "8", "--process", "WP1"]);
    assert!(err.contains("is in the future"), "{err}");
    let err = log.fails(&["course", "--course", "NOPE", "--date", "2026-03-03", "--hours", "3"]);
    assert!(err.contains("course \"NOPE\" is not in the program"), "{err}");
    let list = log.json(&["list", "--json"]);
    assert_eq!(ojl_minutes(&list), vec![18 * 60], "only the valid entry is stored");
}

#[test]
fn progress_json_holds_the_documented_fields() {
    let log = Logbook::new();
    log.init();
    log.ok(&["log", "--date", "2026-03-02", "--hours", "8", "--process", "WP3"]);
    log.ok(&["log", "--date", "2026-03-03", "--hours", "6", "--process", "WP2"]);
    log.ok(&["course", "--course", "SAFE", "--date", "2026-03-04", "--hours", "3", "--unpaid"]);
    let p = log.json(&["progress", "--json"]);
    assert_eq!(p["ojl"]["total_minutes"], 40 * 60 + 14 * 60, "prior credit plus logged");
    assert_eq!(p["ojl"]["prior_minutes"], 40 * 60);
    assert_eq!(p["rti"]["total_minutes"], 180);
    assert_eq!(p["rti"]["unpaid_minutes"], 180);
    let wps = p["ojl"]["work_processes"].as_array().expect("work processes");
    assert_eq!(wps.len(), 8);
    let wp3 = wps.iter().find(|w| w["code"] == "WP3").expect("WP3");
    assert_eq!(wp3["minutes"], 480);
    assert_eq!(wp3["min_hours"], 400);
    assert!(wp3.get("title").is_some() && wp3.get("max_hours").is_some());
    for key in ["current", "next", "minutes_needed", "projected_date"] {
        assert!(p["wage"].get(key).is_some(), "wage.{key}");
    }
    assert_eq!(p["wage"]["current"]["percent"], 85);
    let certs = p["certifications"].as_array().expect("certifications");
    assert!(certs.iter().all(|c| c["state"] == "missing"), "nothing recorded yet");
}

#[test]
fn certification_evidence_is_kept_under_its_hash() {
    let log = Logbook::new();
    log.init();
    let evidence = log.db.parent().expect("dir").join("osha card.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 pretend card").expect("write evidence");
    let out = log.ok(&[
        "cert",
        "add",
        "--title",
        "OSHA 10",
        "--earned-on",
        "2026-02-01",
        "--evidence",
        evidence.to_str().expect("path"),
    ]);
    let listed = log.json(&["cert", "list", "--json"]);
    let sha = listed[0]["evidence"]["sha256"].as_str().expect("sha256").to_owned();
    assert_eq!(sha.len(), 64);
    assert!(out.contains(&sha));
    let kept = log.db.parent().expect("dir").join("evidence").join(&sha);
    assert_eq!(std::fs::read(kept).expect("kept copy"), b"%PDF-1.4 pretend card");
}

#[test]
fn demo_seeds_six_months_that_obey_the_rules() {
    let log = Logbook::new();
    let out = log.ok(&["demo", "--months", "6"]);
    assert!(out.starts_with("Seeded "), "{out}");
    let list = log.json(&["list", "--json"]);
    let items = list.as_array().expect("array");
    assert!(items.len() > 100, "six months of shifts, got {}", items.len());
    let mut per_day = std::collections::HashMap::<String, u64>::new();
    for item in items {
        *per_day.entry(item["date"].as_str().expect("date").to_owned()).or_default() +=
            item["minutes"].as_u64().expect("minutes");
    }
    assert!(per_day.values().all(|m| *m <= 24 * 60));
    let progress = log.json(&["progress", "--json"]);
    assert!(progress["pace"]["ojl_minutes_per_week"].as_f64().expect("pace") > 30.0 * 60.0);
}

#[test]
fn programs_lists_the_templates_and_program_files_round_trip() {
    let log = Logbook::new();
    let out = log.ok(&["programs"]);
    for id in ["mra-phase-1", "mra-phase-2", "atap-cloud-support", "uxdr", "dol-time-based"] {
        assert!(out.contains(id), "{id} missing from {out}");
    }
    log.init();
    let file: PathBuf = log.db.parent().expect("dir").join("program.toml");
    log.ok(&["program", "export", file.to_str().expect("path")]);
    let text = std::fs::read_to_string(&file).expect("exported");
    let edited = text.replace("id = \"mra-phase-1\"", "id = \"mra-phase-1-acme\"");
    std::fs::write(&file, edited).expect("edit");
    let out = log.ok(&["program", "import", file.to_str().expect("path")]);
    assert!(out.contains("mra-phase-1-acme"), "{out}");
    assert_eq!(log.json(&["progress", "--json"])["program_id"], "mra-phase-1-acme");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let log = Logbook::new();
    log.init();
    set_user_version(&log.db, 999);
    let before = std::fs::read(&log.db).expect("read db");
    let out = log.run(&["progress"]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("written by a newer Journeylog (schema version 999)"), "{err}");
    assert_eq!(std::fs::read(&log.db).expect("read db"), before);
}

fn set_user_version(db: &Path, version: i64) {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.pragma_update(None, "user_version", version).expect("set user_version");
}
