//! Hours past a hybrid work process's maximum: a warning on the saved entry, never an
//! error, and the hours still count.

mod common;

use common::{Log, SMALL_HYBRID, TODAY, ojl};
use journeylog_core::model::Approach;
use journeylog_core::programs;

#[test]
fn over_the_maximum_is_a_warning_and_the_entry_is_stored() {
    let mut log = Log::program(SMALL_HYBRID, "2026-01-05", TODAY);
    // A is 20-30 h. Up to the maximum: no warning.
    let first = log.journal.log_ojl(ojl("2026-02-02", "20", "A")).expect("20 h");
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let at_max = log.journal.log_ojl(ojl("2026-02-03", "10", "A")).expect("30 h, the maximum");
    assert!(at_max.warnings.is_empty(), "exactly the maximum is not over it: {:?}", at_max.warnings);

    let outbox = log.outbox_len();
    let over = log.journal.log_ojl(ojl("2026-02-04", "0:30", "A")).expect("over the maximum is still saved");
    assert_eq!(over.warnings.len(), 1, "{:?}", over.warnings);
    let warning = &over.warnings[0];
    assert_eq!(warning.field, "hours");
    assert!(
        warning.message.starts_with("A Alpha now has 30:30 logged, past its range maximum of 30:00"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("the hours still count"), "{}", warning.message);
    // Stored, with its outbox row, and counted.
    assert_eq!(log.ojl_count(), 3);
    assert_eq!(log.outbox_len(), outbox + 1);
    let progress = log.journal.progress().expect("progress");
    let a = progress.ojl.work_processes.iter().find(|w| w.code == "A").expect("A");
    assert_eq!(a.minutes, 30 * 60 + 30);
    assert_eq!(a.max_hours, Some(30));
    assert!(a.over_max);
    assert_eq!(progress.ojl.total_minutes, 30 * 60 + 30);

    // B has no maximum: never a warning.
    let b = log.journal.log_ojl(ojl("2026-02-05", "24", "B")).expect("B");
    assert!(b.warnings.is_empty());

    // An edit that brings A back within range clears the warning; one that pushes it
    // over again raises it.
    let back = log.journal.update_ojl(&over.record.id, ojl("2026-02-04", "0:00:00", "A"));
    assert!(back.is_err(), "malformed hours on an edit are refused");
    let moved = log.journal.update_ojl(&over.record.id, ojl("2026-02-04", "0:30", "B")).expect("move to B");
    assert!(moved.warnings.is_empty(), "{:?}", moved.warnings);
    let again = log.journal.update_ojl(&over.record.id, ojl("2026-02-04", "2", "A")).expect("back to A");
    assert_eq!(again.warnings.len(), 1);
    assert!(again.warnings[0].message.contains("now has 32:00 logged"), "{}", again.warnings[0].message);
}

#[test]
fn a_maximum_outside_a_hybrid_program_raises_no_warning() {
    let time_based = SMALL_HYBRID.replace("approach = \"hybrid\"", "approach = \"time_based\"");
    let mut log = Log::program(&time_based, "2026-01-05", TODAY);
    log.log("2026-02-02", "24", "A");
    let saved = log.journal.log_ojl(ojl("2026-02-03", "24", "A")).expect("48 h in a 30 h maximum");
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
}

#[test]
fn the_bundled_hybrid_template_warns_past_a_range() {
    let program = programs::template("mra-phase-2").expect("mra-phase-2");
    assert_eq!(program.approach, Approach::Hybrid);
    assert!(program.work_processes.iter().all(|w| w.max_hours.is_some_and(|max| max >= w.min_hours)));
    let wp1 = program.work_process("WP1").expect("WP1");
    assert_eq!(wp1.max_hours, Some(250));

    let mut log = Log::template("mra-phase-2", "2026-01-05", TODAY);
    // Ten full days: 240 h, under the 250 h maximum.
    for day in 2..=11 {
        let saved = log.journal.log_ojl(ojl(&format!("2026-02-{day:02}"), "24:00", "WP1")).expect("a full day");
        assert!(saved.warnings.is_empty(), "day {day}: {:?}", saved.warnings);
    }
    let over = log.journal.log_ojl(ojl("2026-02-12", "24:00", "WP1")).expect("264 h is saved");
    assert_eq!(over.warnings.len(), 1);
    let message = &over.warnings[0].message;
    assert!(message.starts_with("WP1 Electrical safety"), "{message}");
    assert!(message.contains("now has 264:00 logged, past its range maximum of 250:00"), "{message}");
    assert_eq!(log.ojl_count(), 11);
}
