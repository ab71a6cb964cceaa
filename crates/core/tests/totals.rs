//! The running OJL totals kept by triggers (migration 0002) always equal a full
//! recount of the log, whatever mix of inserts, edits, deletes and submits made it.

mod common;

use std::collections::BTreeMap;

use common::Log;
use journeylog_core::model::{DateRange, OjlInput};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

type Totals = BTreeMap<(String, String), i64>;

fn triggered(log: &Log) -> Totals {
    let conn = log.raw();
    let mut stmt =
        conn.prepare("SELECT work_process, status, minutes FROM ojl_total WHERE minutes != 0").expect("prepare");
    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .expect("query")
        .map(|row| row.expect("row"))
        .collect()
}

fn recounted(log: &Log) -> Totals {
    let conn = log.raw();
    let mut stmt = conn
        .prepare(
            "SELECT work_process, status, SUM(minutes) FROM ojl_entry
             WHERE deleted_at IS NULL GROUP BY work_process, status",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .expect("query")
        .map(|row| row.expect("row"))
        .collect()
}

#[test]
fn triggered_totals_match_a_recount_after_random_changes() {
    let mut log = Log::template("mra-phase-1", "2026-01-05", "2026-03-02");
    let mut rng = StdRng::seed_from_u64(42);
    let mut ids: Vec<String> = Vec::new();
    for step in 0..400 {
        let day = format!("2026-02-{:02}", rng.random_range(1..=28));
        let wp = format!("WP{}", rng.random_range(1..=8));
        match rng.random_range(0..10) {
            0..=5 => {
                let hours = format!("{}:{:02}", rng.random_range(0..3), rng.random_range(1..60));
                if let Ok(saved) =
                    log.journal.log_ojl(OjlInput { date: day, hours, work_process: wp, ..OjlInput::default() })
                {
                    ids.push(saved.record.id);
                }
            }
            6 | 7 if !ids.is_empty() => {
                let id = ids[rng.random_range(0..ids.len())].clone();
                // Submitted entries refuse edits; that refusal must leave totals alone too.
                let _ = log.journal.update_ojl(
                    &id,
                    OjlInput { date: day, hours: "1:15".into(), work_process: wp, ..OjlInput::default() },
                );
            }
            8 if !ids.is_empty() => {
                let id = ids.swap_remove(rng.random_range(0..ids.len()));
                let _ = log.journal.delete_ojl(&id);
            }
            _ => {
                let from = format!("2026-02-{:02}", rng.random_range(1..=14));
                log.journal.submit(DateRange { from, to: "2026-02-14".into() }).unwrap();
            }
        }
        assert_eq!(triggered(&log), recounted(&log), "after step {step}");
    }
    assert!(!recounted(&log).is_empty());
}

#[test]
fn upgrading_a_version_1_logbook_backfills_the_totals() {
    let mut log = Log::template("mra-phase-1", "2026-01-05", "2026-03-02");
    log.log("2026-02-02", "8", "WP3");
    log.log("2026-02-03", "6", "WP3");
    log.log("2026-02-03", "2", "WP1");
    let expected = recounted(&log);
    // Roll the file back to schema 1 as an older Journeylog left it (undoing 0002-0006).
    let conn = log.raw();
    conn.execute_batch(
        "DROP TRIGGER ojl_total_insert; DROP TRIGGER ojl_total_update_remove;
         DROP TRIGGER ojl_total_update_add; DROP TRIGGER ojl_total_delete;
         DROP TABLE ojl_total;
         DROP TABLE sync_state; DROP TABLE sync_attention; DROP TABLE sync_conflict;
         ALTER TABLE enrollment DROP COLUMN version;
         DROP TABLE signoff_record; DROP TABLE signoff; DROP TABLE mentor_key; DROP TABLE assignment;
         DROP TABLE milestone_request; DROP TABLE review_record; DROP TABLE key_statement; DROP TABLE sent_changes;
         ALTER TABLE ojl_entry DROP COLUMN amends_version; ALTER TABLE coursework_entry DROP COLUMN amends_version;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let log = log.reopen("2026-03-02");
    assert_eq!(triggered(&log), expected);
    assert_eq!(expected.get(&("WP3".to_owned(), "draft".to_owned())), Some(&(14 * 60)));
}
