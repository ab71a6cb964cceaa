//! The schema's history: migrations validate, a newer database is refused untouched,
//! and reopening keeps every record.

mod common;

use std::path::Path;

use common::{Log, TODAY, cert, open_at};
use journeylog_core::Journal;
use journeylog_core::model::DateRange;
use journeylog_core::store::{SCHEMA_VERSION, migrations};

#[test]
fn the_migrations_validate() {
    migrations().validate().expect("the embedded migrations apply cleanly to an empty database");
}

#[test]
fn a_new_logbook_is_at_the_current_schema_version() {
    let log = Log::empty(TODAY);
    let version: i64 = log.raw().query_row("PRAGMA user_version", [], |r| r.get(0)).expect("user_version");
    assert_eq!(version, SCHEMA_VERSION);
    let tables: Vec<String> = log
        .raw()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for table in ["certification", "coursework_entry", "enrollment", "ojl_entry", "outbox", "program", "settings"] {
        assert!(tables.iter().any(|t| t == table), "table {table} missing from {tables:?}");
    }
}

/// Snapshot of every file in `dir`: names and bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| {
            let path = e.expect("dir entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read file"))
        })
        .collect();
    files.sort();
    files
}

fn assert_refused_untouched(dir: &Path, found: i64) {
    let before = snapshot(dir);
    let err = Journal::open(&dir.join("journeylog.db")).expect_err("a newer schema must be refused");
    assert_eq!(err.code(), "schema_too_new", "{err}");
    let message = err.to_string();
    assert!(message.contains(&format!("schema version {found}")), "{message}");
    assert!(message.contains("Update Journeylog"), "{message}");
    assert!(message.contains("the file was not changed"), "{message}");
    let after = snapshot(dir);
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&after), names(&before), "files appeared or vanished");
    for ((name, a), (_, b)) in after.iter().zip(&before) {
        assert!(a == b, "{name} changed on a refused open");
    }
}

#[test]
fn a_logbook_from_a_newer_journeylog_is_refused_and_left_byte_for_byte_unchanged() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-03-02", "8", "WP1");
    let dir = log.dir;
    drop(log.journal);
    let newer = SCHEMA_VERSION + 1;
    {
        let conn = rusqlite::Connection::open(dir.path().join("journeylog.db")).expect("raw");
        conn.execute_batch(&format!("PRAGMA user_version = {newer};")).expect("bump version");
    }
    assert_refused_untouched(dir.path(), newer);
    // Still refused the second time, and still holding its data for the newer app.
    assert_refused_untouched(dir.path(), newer);
    let conn = rusqlite::Connection::open(dir.path().join("journeylog.db")).expect("raw");
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM ojl_entry", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 1);
}

#[test]
fn a_newer_database_in_rollback_journal_mode_is_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let newer = SCHEMA_VERSION + 5;
    {
        let conn = rusqlite::Connection::open(dir.path().join("journeylog.db")).expect("raw");
        conn.execute_batch(&format!(
            "CREATE TABLE future_thing (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO future_thing (body) VALUES ('from the future');
             PRAGMA user_version = {newer};"
        ))
        .expect("a newer database");
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
        assert_eq!(mode, "delete");
    }
    assert_refused_untouched(dir.path(), newer);
}

#[test]
fn reopening_a_logbook_keeps_every_record() {
    let mut log = Log::template_with_prior("dol-time-based", "2026-01-05", TODAY, "12", "3");
    let a = log.log("2026-02-02", "8", "WP1");
    log.log("2026-02-03", "7:30", "WP2");
    log.course("RI-1", "2026-02-04", "3", false);
    log.journal.add_certification(cert("OSHA10", "OSHA 10", "2026-01-20", "")).expect("cert");
    log.journal.update_ojl(&a, common::ojl("2026-02-02", "9", "WP1")).expect("update");
    log.journal.submit(DateRange { from: String::new(), to: "2026-02-02".into() }).expect("submit");

    let items = log.all_items();
    let certs = log.journal.certifications().expect("certs");
    let progress = log.journal.progress().expect("progress");
    let outbox = log.journal.store().outbox().expect("outbox");
    let profile = log.journal.profile().expect("profile");

    let dir = log.dir;
    drop(log.journal);
    let mut journal = open_at(dir.path(), TODAY);
    assert_eq!(journal.list(DateRange::default()).expect("list"), items);
    assert_eq!(journal.certifications().expect("certs"), certs);
    assert_eq!(journal.progress().expect("progress"), progress);
    assert_eq!(journal.store().outbox().expect("outbox"), outbox);
    assert_eq!(journal.profile().expect("profile"), profile);
    assert_eq!(journal.store().integrity_check().expect("integrity"), "ok");
    assert_eq!(progress.ojl.total_minutes, 12 * 60 + 9 * 60 + 450);
    let conn = rusqlite::Connection::open(dir.path().join("journeylog.db")).expect("raw");
    let stored: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("user_version");
    assert_eq!(stored, SCHEMA_VERSION);
}
