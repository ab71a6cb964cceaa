//! The store's promises: WAL on the file, one outbox row per user action in the same
//! transaction, tombstones for deletes, and a version that grows by one per change.

mod common;

use common::{Log, TODAY, cert, coursework, ojl};
use journeylog_core::model::{DateRange, EntryStatus};
use journeylog_core::store::{OutboxRow, Store};
use rusqlite::OptionalExtension;

fn last_row(log: &Log) -> OutboxRow {
    log.journal.store().outbox().expect("outbox").pop().expect("an outbox row")
}

/// The action wrote exactly one outbox row, and it is `(kind, record_id, base_version)`.
fn assert_one_row(log: &Log, before: usize, kind: &str, record_id: &str, base_version: u32) -> serde_json::Value {
    let rows = log.journal.store().outbox().expect("outbox");
    assert_eq!(rows.len(), before + 1, "one outbox row per action: {rows:#?}");
    let row = rows.last().expect("a row");
    assert_eq!((row.kind.as_str(), row.record_id.as_str(), row.base_version), (kind, record_id, base_version));
    assert!(rows.windows(2).all(|w| w[0].seq < w[1].seq), "seq increases");
    serde_json::from_str(&row.payload).expect("the payload is JSON")
}

fn raw_row(log: &Log, table: &str, id: &str) -> Option<(i64, Option<String>)> {
    log.raw()
        .query_row(&format!("SELECT version, deleted_at FROM {table} WHERE id = ?1"), [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .expect("raw query")
}

#[test]
fn the_database_file_is_in_wal_mode() {
    let log = Log::template("dol-time-based", "2026-01-05", TODAY);
    // journal_mode=WAL is stored in the file, so a second connection sees it.
    let mode: String = log.raw().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal_mode");
    assert_eq!(mode.to_ascii_lowercase(), "wal");
    assert_eq!(log.journal.store().integrity_check().expect("integrity_check"), "ok");
    assert_eq!(log.journal.store().path(), log.db_path());
}

#[test]
fn the_store_connection_runs_with_synchronous_full_and_foreign_keys() {
    let log = Log::template("dol-time-based", "2026-01-05", TODAY);
    // synchronous is per connection: read it on a Store opened the way Journal opens one.
    let mut store = Store::open(&log.db_path()).expect("store");
    let (synchronous, foreign_keys, busy_timeout, mode) = store
        .read(|tx| {
            let get = |pragma: &str| tx.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, i64>(0));
            let mode: String = tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            Ok((get("synchronous")?, get("foreign_keys")?, get("busy_timeout")?, mode))
        })
        .expect("pragmas");
    assert_eq!(synchronous, 2, "synchronous=FULL is 2");
    assert_eq!(foreign_keys, 1);
    assert!(busy_timeout > 0, "a busy timeout is set");
    assert_eq!(mode.to_ascii_lowercase(), "wal");
}

#[test]
fn every_user_action_writes_exactly_one_outbox_row() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let n = log.outbox_len();

    let entry = log.journal.log_ojl(ojl("2026-03-02", "8", "WP1")).expect("log").record;
    let payload = assert_one_row(&log, n, "ojl_entry.upsert", &entry.id, 0);
    assert_eq!(payload["version"], 1);
    assert_eq!(payload["minutes"], 480);
    assert_eq!(payload["status"], "draft");

    let n = log.outbox_len();
    let updated = log.journal.update_ojl(&entry.id, ojl("2026-03-02", "7:30", "WP2")).expect("update").record;
    let payload = assert_one_row(&log, n, "ojl_entry.upsert", &entry.id, 1);
    assert_eq!((updated.version, payload["version"].as_u64()), (2, Some(2)));
    assert_eq!((payload["minutes"].as_u64(), payload["work_process"].as_str()), (Some(450), Some("WP2")));

    let n = log.outbox_len();
    let class = log.journal.log_coursework(coursework("RI-1", "2026-03-02", "3", false)).expect("course").record;
    let payload = assert_one_row(&log, n, "coursework_entry.upsert", &class.id, 0);
    assert_eq!(payload["paid"], false);

    let n = log.outbox_len();
    log.journal.update_coursework(&class.id, coursework("RI-2", "2026-03-02", "2", true)).expect("update course");
    let payload = assert_one_row(&log, n, "coursework_entry.upsert", &class.id, 1);
    assert_eq!((payload["course"].as_str(), payload["version"].as_u64()), (Some("RI-2"), Some(2)));

    let n = log.outbox_len();
    let card = log.journal.add_certification(cert("CPR", "First Aid / CPR", "2026-01-10", "")).expect("cert").record;
    let payload = assert_one_row(&log, n, "certification.upsert", &card.id, 0);
    assert_eq!(payload["expires_on"], "2028-01-10");

    let n = log.outbox_len();
    log.journal.update_certification(&card.id, cert("CPR", "CPR renewed", "2026-01-11", "")).expect("update cert");
    let payload = assert_one_row(&log, n, "certification.upsert", &card.id, 1);
    assert_eq!(payload["title"], "CPR renewed");

    let n = log.outbox_len();
    log.journal.delete_ojl(&entry.id).expect("delete entry");
    let payload = assert_one_row(&log, n, "ojl_entry.delete", &entry.id, 2);
    assert_eq!(payload["version"], 3);
    assert!(payload["deleted_at"].is_string());

    let n = log.outbox_len();
    log.journal.delete_coursework(&class.id).expect("delete course");
    assert_one_row(&log, n, "coursework_entry.delete", &class.id, 2);

    let n = log.outbox_len();
    log.journal.delete_certification(&card.id).expect("delete cert");
    assert_one_row(&log, n, "certification.delete", &card.id, 2);

    // Mutation ids are unique.
    let rows = log.journal.store().outbox().expect("outbox");
    let mut ids: Vec<&str> = rows.iter().map(|r| r.mutation_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows.len());
}

#[test]
fn submit_writes_one_row_per_changed_entry() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let inside =
        [log.log("2026-02-23", "8", "WP1"), log.log("2026-02-24", "8", "WP2"), log.log("2026-03-01", "2", "WP1")];
    let class = log.course("RI-1", "2026-02-25", "3", true);
    let outside = log.log("2026-03-02", "8", "WP1");
    let n = log.outbox_len();

    let changed = log.journal.submit(DateRange { from: "2026-02-23".into(), to: "2026-03-01".into() }).expect("submit");
    assert_eq!(changed, 4);
    let rows = log.journal.store().outbox().expect("outbox");
    assert_eq!(rows.len(), n + 4);
    let mut submitted: Vec<&str> = rows[n..].iter().map(|r| r.record_id.as_str()).collect();
    submitted.sort_unstable();
    let mut expected: Vec<&str> = inside.iter().map(String::as_str).chain([class.as_str()]).collect();
    expected.sort_unstable();
    assert_eq!(submitted, expected);
    for row in &rows[n..] {
        assert!(row.kind.ends_with(".upsert"), "{}", row.kind);
        assert_eq!(row.base_version, 1);
        let payload: serde_json::Value = serde_json::from_str(&row.payload).expect("json");
        assert_eq!((payload["status"].as_str(), payload["version"].as_u64()), (Some("submitted"), Some(2)));
    }
    // The entry outside the range is untouched.
    assert_eq!(raw_row(&log, "ojl_entry", &outside), Some((1, None)));
    let week = log.journal.week("2026-03-02").expect("week");
    assert_eq!(week.days[0].ojl[0].status, EntryStatus::Draft);

    // Nothing left to submit: no change, no row.
    let n = log.outbox_len();
    let again = log.journal.submit(DateRange { from: "2026-02-23".into(), to: "2026-03-01".into() }).expect("again");
    assert_eq!(again, 0);
    assert_eq!(log.outbox_len(), n);
}

#[test]
fn deletes_are_tombstones() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let keep = log.log("2026-03-02", "6", "WP1");
    let gone = log.log("2026-03-02", "18", "WP2");
    let class = log.course("RI-1", "2026-02-27", "3", true);
    let card = log.journal.add_certification(cert("OSHA10", "OSHA 10", "2026-01-20", "")).expect("cert").record;

    log.journal.delete_ojl(&gone).expect("delete entry");
    log.journal.delete_coursework(&class).expect("delete coursework");
    log.journal.delete_certification(&card.id).expect("delete cert");

    // The rows are still in their tables, marked deleted, one version on.
    for (table, id) in [("ojl_entry", &gone), ("coursework_entry", &class), ("certification", &card.id)] {
        let (version, deleted_at) = raw_row(&log, table, id).expect("tombstone row kept");
        assert_eq!(version, 2, "{table}");
        assert!(deleted_at.is_some(), "{table} deleted_at");
    }
    assert_eq!(raw_row(&log, "ojl_entry", &keep), Some((1, None)));

    // Gone from listings, totals and views.
    let items = log.all_items();
    assert_eq!(items.len(), 1);
    assert_eq!(log.ojl_count(), 1);
    assert!(log.journal.certifications().expect("certs").is_empty());
    assert!(log.journal.recent(10).expect("recent").iter().all(|i| i.date() == common::d("2026-03-02")));
    let week = log.journal.week("2026-03-02").expect("week");
    assert_eq!((week.ojl_minutes, week.rti_minutes), (360, 0));
    let progress = log.journal.progress().expect("progress");
    assert_eq!(progress.ojl.total_minutes, 360);
    assert_eq!(progress.rti.total_minutes, 0);
    assert!(progress.ojl.work_processes.iter().find(|w| w.code == "WP2").is_some_and(|w| w.minutes == 0));

    // The deleted hours no longer fill the day.
    log.log("2026-03-02", "18", "WP3");

    // A deleted record can't be deleted or edited again, and the attempt writes nothing.
    let n = log.outbox_len();
    assert_eq!(log.journal.delete_ojl(&gone).expect_err("deleted twice").code(), "not_found");
    assert_eq!(log.journal.update_ojl(&gone, ojl("2026-03-01", "1", "WP1")).expect_err("edit").code(), "not_found");
    assert_eq!(log.journal.delete_coursework(&class).expect_err("deleted twice").code(), "not_found");
    assert_eq!(log.journal.delete_certification(&card.id).expect_err("deleted twice").code(), "not_found");
    assert_eq!(log.outbox_len(), n);
    assert_eq!(raw_row(&log, "ojl_entry", &gone).map(|r| r.0), Some(2));
}

#[test]
fn a_refused_action_writes_no_outbox_row() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-03-02", "20", "WP1");
    let n = log.outbox_len();
    // Refused inside the write transaction (the day total needs stored state).
    assert!(log.journal.log_ojl(ojl("2026-03-02", "5", "WP1")).is_err());
    assert!(log.journal.log_coursework(coursework("RI-1", "2026-03-02", "5", true)).is_err());
    // Refused before it (parsing), and on a record that does not exist.
    assert!(log.journal.log_ojl(ojl("2026-03-02", "7:75", "WP1")).is_err());
    assert!(log.journal.update_ojl("no-such-id", ojl("2026-03-01", "1", "WP1")).is_err());
    assert!(log.journal.update_coursework("no-such-id", coursework("RI-1", "2026-03-01", "1", true)).is_err());
    assert!(log.journal.update_certification("no-such-id", cert("", "Card", "2026-01-01", "")).is_err());
    assert!(log.journal.submit(DateRange { from: "2026-03-02".into(), to: "2026-03-01".into() }).is_err());
    assert_eq!(log.outbox_len(), n);
    assert_eq!(log.ojl_count(), 1);
}

#[test]
fn the_change_and_its_outbox_row_commit_together() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-03-02", "1", "WP1");
    // Make every outbox insert fail: the entry's insert must roll back with it.
    log.raw()
        .execute_batch(
            "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END;",
        )
        .expect("trigger");
    let err = log.journal.log_ojl(ojl("2026-03-01", "8", "WP1")).expect_err("the outbox write fails");
    assert_eq!(err.code(), "storage", "{err}");
    assert_eq!(log.ojl_count(), 1);
    let id = log.all_items()[0].clone();
    let journeylog_core::model::LogItem::Ojl(first) = id else { panic!("an OJL entry") };
    assert!(log.journal.update_ojl(&first.id, ojl("2026-03-02", "2", "WP1")).is_err());
    assert!(log.journal.delete_ojl(&first.id).is_err());
    assert_eq!(raw_row(&log, "ojl_entry", &first.id), Some((1, None)));
    log.raw().execute_batch("DROP TRIGGER outbox_down;").expect("drop trigger");
    log.log("2026-03-01", "8", "WP1");
    assert_eq!(log.ojl_count(), 2);
}

#[test]
fn versions_grow_by_one_per_change() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let id = log.log("2026-03-02", "1", "WP1");
    for (i, hours) in ["2", "3", "4"].into_iter().enumerate() {
        let saved = log.journal.update_ojl(&id, ojl("2026-03-02", hours, "WP1")).expect("update");
        assert_eq!(saved.record.version, i as u32 + 2);
        assert_eq!(last_row(&log).base_version, i as u32 + 1);
    }
    assert_eq!(raw_row(&log, "ojl_entry", &id), Some((4, None)));
    log.journal.submit(DateRange::default()).expect("submit");
    assert_eq!(raw_row(&log, "ojl_entry", &id), Some((5, None)));
    assert_eq!(last_row(&log).base_version, 4);
}

#[test]
fn submitted_entries_can_no_longer_be_edited_or_deleted() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let id = log.log("2026-02-23", "8", "WP1");
    let class = log.course("RI-1", "2026-02-24", "3", true);
    log.journal.submit(DateRange::default()).expect("submit");
    let n = log.outbox_len();
    let err = log.journal.update_ojl(&id, ojl("2026-02-23", "9", "WP1")).expect_err("edit a submitted entry");
    assert_eq!(err.code(), "locked", "{err}");
    assert!(err.to_string().contains("submitted and can no longer be changed"), "{err}");
    assert_eq!(log.journal.delete_ojl(&id).expect_err("delete submitted").code(), "locked");
    let edit = coursework("RI-1", "2026-02-24", "4", true);
    assert_eq!(log.journal.update_coursework(&class, edit).expect_err("edit submitted").code(), "locked");
    assert_eq!(log.journal.delete_coursework(&class).expect_err("delete submitted").code(), "locked");
    assert_eq!(log.outbox_len(), n);
    assert_eq!(raw_row(&log, "ojl_entry", &id), Some((2, None)));
}

#[test]
fn replacing_the_program_writes_one_outbox_row() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let n = log.outbox_len();
    let choice = journeylog_core::model::ProgramChoice::Template { id: "uxdr".into() };
    log.journal.replace_program(choice).expect("replace");
    // The enrollment was created at version 1; the change is version 2, made on 1.
    let payload = assert_one_row(&log, n, "enrollment.upsert", "enrollment", 1);
    assert_eq!(payload["program_id"], "uxdr");
    assert_eq!(payload["version"], 2);
}
