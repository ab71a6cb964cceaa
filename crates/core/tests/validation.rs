//! Every rule on OJL and coursework entries: the bad input is refused with a message
//! that names the field and the rule, and nothing is stored.

mod common;

use common::{Log, TODAY, assert_invalid, coursework, ojl, prior_ojl};

/// Runs `attempt` and checks it stored nothing: no entry, no outbox row.
fn refused_and_nothing_stored(log: &mut Log, attempt: impl FnOnce(&mut Log)) {
    let entries = log.all_items().len();
    let outbox = log.outbox_len();
    attempt(log);
    assert_eq!(log.all_items().len(), entries, "an entry was stored");
    assert_eq!(log.outbox_len(), outbox, "an outbox row was written");
}

#[test]
fn zero_minutes_are_refused() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    for zero in ["0", "0:00", "0h", "0.0", "0m"] {
        refused_and_nothing_stored(&mut log, |log| {
            let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", zero, "WP1")), "hours", &[]);
            assert_eq!(message, "hours must be more than zero");
            let message =
                assert_invalid(log.journal.log_coursework(coursework("RI-1", "2026-03-02", zero, true)), "hours", &[]);
            assert_eq!(message, "hours must be more than zero");
        });
    }
    // The smallest positive duration is accepted.
    let saved = log.journal.log_ojl(ojl("2026-03-02", "0:01", "WP1")).expect("one minute");
    assert_eq!(saved.record.minutes, 1);
}

#[test]
fn a_day_holds_at_most_24_hours_across_ojl_and_coursework() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-03-02", "10", "WP1");
    log.log("2026-03-02", "8", "WP2");
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(
            log.journal.log_coursework(coursework("RI-1", "2026-03-02", "8", false)),
            "hours",
            &["18:00", "already logged"],
        );
        assert!(message.starts_with("hours on 2026-03-02 would total 26:00; a day holds at most 24:00"), "{message}");
    });
    // Coursework first, then OJL: the same rule from the other side.
    log.course("RI-1", "2026-03-01", "8", false);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-01", "18", "WP1")), "hours", &[]);
        assert!(message.starts_with("hours on 2026-03-01 would total 26:00; a day holds at most 24:00"), "{message}");
    });
    // Exactly 24:00 is a full day, not an overfull one; one more minute is refused.
    log.course("RI-2", "2026-03-02", "6", true);
    let filled = log.journal.week("2026-03-02").expect("week").days[0].total_minutes;
    assert_eq!(filled, 24 * 60);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", "0:01", "WP3")), "hours", &[]);
        assert!(message.starts_with("hours on 2026-03-02 would total 24:01; a day holds at most 24:00"), "{message}");
    });
    // Other days are not affected.
    log.log("2026-02-27", "24", "WP3");
}

#[test]
fn a_single_entry_can_fill_but_not_overfill_a_day() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", "24:30", "WP1")), "hours", &[]);
        assert!(message.starts_with("hours on 2026-03-02 would total 24:30"), "{message}");
    });
    log.log("2026-03-02", "24:00", "WP1");
}

#[test]
fn an_edit_is_checked_against_the_rest_of_the_day() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let a = log.log("2026-03-02", "10", "WP1");
    log.log("2026-03-02", "10", "WP2");
    // Saving an entry unchanged does not count it twice.
    let same = log.journal.update_ojl(&a, ojl("2026-03-02", "10", "WP1")).expect("unchanged edit");
    assert_eq!(same.record.version, 2);
    // Growing it to fill the day is fine: 14 + 10 = 24.
    let grown = log.journal.update_ojl(&a, ojl("2026-03-02", "14", "WP1")).expect("edit to a full day");
    assert_eq!(grown.record.minutes, 14 * 60);
    let outbox = log.outbox_len();
    let message = assert_invalid(
        log.journal.update_ojl(&a, ojl("2026-03-02", "14:01", "WP1")),
        "hours",
        &["10:00", "already logged"],
    );
    assert!(message.starts_with("hours on 2026-03-02 would total 24:01; a day holds at most 24:00"), "{message}");
    assert_eq!(log.outbox_len(), outbox);
    // The refused edit left the stored entry as it was.
    let week = log.journal.week("2026-03-02").expect("week");
    let stored = week.days[0].ojl.iter().find(|e| e.id == a).expect("entry still there");
    assert_eq!((stored.minutes, stored.version), (14 * 60, 3));
    // Moving an entry onto a full day is checked against that day.
    log.log("2026-02-27", "20", "WP3");
    assert_invalid(log.journal.update_ojl(&a, ojl("2026-02-27", "5", "WP1")), "hours", &["would total 25:00"]);
    log.journal.update_ojl(&a, ojl("2026-02-27", "4", "WP1")).expect("fits on the other day");
}

#[test]
fn a_coursework_edit_is_checked_against_the_rest_of_the_day() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let c = log.course("RI-1", "2026-03-02", "4", true);
    log.log("2026-03-02", "16", "WP1");
    log.journal.update_coursework(&c, coursework("RI-1", "2026-03-02", "8", true)).expect("16 + 8");
    let outbox = log.outbox_len();
    let message =
        assert_invalid(log.journal.update_coursework(&c, coursework("RI-1", "2026-03-02", "8:30", true)), "hours", &[]);
    assert!(message.starts_with("hours on 2026-03-02 would total 24:30; a day holds at most 24:00"), "{message}");
    assert_eq!(log.outbox_len(), outbox);
    let stored = log.journal.coursework(Default::default()).expect("coursework");
    assert_eq!(stored[0].minutes, 8 * 60);
}

#[test]
fn future_dates_are_refused() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-03", "8", "WP1")), "date", &[]);
        assert_eq!(message, "date 2026-03-03 is in the future; entries can be logged up to today (2026-03-02)");
        assert_invalid(
            log.journal.log_coursework(coursework("RI-1", "2027-01-01", "3", true)),
            "date",
            &["2027-01-01 is in the future"],
        );
    });
    // An existing entry cannot be moved into the future either.
    let id = log.log("2026-03-02", "8", "WP1");
    assert_invalid(log.journal.update_ojl(&id, ojl("2026-03-05", "8", "WP1")), "date", &["is in the future"]);
}

#[test]
fn dates_before_enrollment_are_refused_unless_prior_credit() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-01-04", "8", "WP1")), "date", &[]);
        assert_eq!(
            message,
            "date 2026-01-04 is before the enrollment start date 2026-01-05; only prior credit can be dated earlier"
        );
        assert_invalid(
            log.journal.log_coursework(coursework("RI-1", "2025-12-01", "3", true)),
            "date",
            &["before the enrollment start date 2026-01-05"],
        );
    });
    // The start date itself is fine.
    log.log("2026-01-05", "8", "WP1");
    // Prior credit may be dated before the start.
    let prior = log.journal.log_ojl(prior_ojl("2025-06-10", "8", "WP2")).expect("prior credit before the start");
    assert!(prior.record.prior_credit);
    assert_eq!(prior.record.date, common::d("2025-06-10"));
    // Prior credit is still bound by the future rule.
    assert_invalid(log.journal.log_ojl(prior_ojl("2026-03-03", "8", "WP2")), "date", &["is in the future"]);
    // Editing an entry to before the start without the prior-credit flag is refused.
    let id = log.log("2026-02-02", "8", "WP1");
    assert_invalid(log.journal.update_ojl(&id, ojl("2025-12-31", "8", "WP1")), "date", &["before the enrollment"]);
}

#[test]
fn the_work_process_and_course_must_exist_in_the_program() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", "8", "WP99")), "work_process", &[]);
        assert_eq!(
            message,
            "work process \"WP99\" is not in the program dol-time-based; choose one of WP1, WP2, WP3, WP4, WP5, WP6, WP7"
        );
        let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", "8", " ")), "work_process", &[]);
        assert_eq!(message, "work process is required; pick one from the program");
        let message =
            assert_invalid(log.journal.log_coursework(coursework("RI-9", "2026-03-02", "3", true)), "course", &[]);
        assert_eq!(
            message,
            "course \"RI-9\" is not in the program dol-time-based; choose one of RI-1, RI-2, RI-3, RI-4, RI-5, RI-6"
        );
        let message =
            assert_invalid(log.journal.log_coursework(coursework("", "2026-03-02", "3", true)), "course", &[]);
        assert_eq!(message, "course is required; pick one from the program");
        // Codes are exact: no case folding.
        assert_invalid(log.journal.log_ojl(ojl("2026-03-02", "8", "wp1")), "work_process", &["\"wp1\""]);
    });
}

#[test]
fn malformed_dates_are_refused_and_never_stored() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    for bad in ["2026-02-30", "03/02/2026", "2026-3-2", "2026-13-01", "yesterday", "2026-03-02T08:00"] {
        refused_and_nothing_stored(&mut log, |log| {
            let message = assert_invalid(log.journal.log_ojl(ojl(bad, "8", "WP1")), "date", &[]);
            assert_eq!(message, format!("date \"{bad}\" is not a calendar date; use the form YYYY-MM-DD"));
            assert_invalid(
                log.journal.log_coursework(coursework("RI-1", bad, "2", true)),
                "date",
                &["is not a calendar date", "YYYY-MM-DD"],
            );
        });
    }
    refused_and_nothing_stored(&mut log, |log| {
        let message = assert_invalid(log.journal.log_ojl(ojl("", "8", "WP1")), "date", &[]);
        assert_eq!(message, "date is required; use the form YYYY-MM-DD");
    });
}

#[test]
fn malformed_hours_are_refused_and_never_stored() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let cases: &[(&str, &str)] = &[
        ("7:75", "hours \"7:75\" has more than 59 minutes; write hours as 7.5, 7:30 or 7h30m"),
        ("-3", "hours \"-3\" is negative; write hours as 7.5, 7:30 or 7h30m"),
        ("-0:30", "hours \"-0:30\" is negative"),
        ("NaN", "hours \"NaN\" is not a number of hours; write hours as 7.5, 7:30 or 7h30m"),
        ("nan", "hours \"nan\" is not a number of hours"),
        ("inf", "hours \"inf\" is not a number of hours"),
        ("1e3", "hours \"1e3\" is not a number of hours"),
        ("7.5.1", "hours \"7.5.1\" is not a number of hours"),
        ("7:5", "hours \"7:5\" needs two digits of minutes"),
        ("7h75m", "hours \"7h75m\" is not a duration"),
        ("", "hours is required; write hours as 7.5, 7:30 or 7h30m"),
        ("   ", "hours is required"),
    ];
    for (bad, expected) in cases {
        refused_and_nothing_stored(&mut log, |log| {
            let message = assert_invalid(log.journal.log_ojl(ojl("2026-03-02", bad, "WP1")), "hours", &[]);
            assert!(message.starts_with(expected), "{bad}: {message}");
            let message =
                assert_invalid(log.journal.log_coursework(coursework("RI-1", "2026-03-02", bad, true)), "hours", &[]);
            assert!(message.starts_with(expected), "{bad}: {message}");
        });
    }
    // A malformed edit leaves the stored entry untouched.
    let id = log.log("2026-03-02", "7:30", "WP1");
    assert_invalid(log.journal.update_ojl(&id, ojl("2026-03-02", "7:75", "WP1")), "hours", &["more than 59 minutes"]);
    let stored = &log.journal.week("2026-03-02").expect("week").days[0].ojl[0];
    assert_eq!((stored.minutes, stored.version), (450, 1));
}

#[test]
fn the_three_common_hour_shapes_store_the_same_minutes() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    for (i, shape) in ["7.5", "7:30", "7h30m", "7,5", "7h 30m"].into_iter().enumerate() {
        let date = format!("2026-02-{:02}", i + 2);
        let saved = log.journal.log_ojl(ojl(&date, shape, "WP1")).expect(shape);
        assert_eq!(saved.record.minutes, 450, "{shape}");
    }
}

#[test]
fn actions_before_a_profile_exists_say_so() {
    let mut log = Log::empty(TODAY);
    let err = log.journal.log_ojl(ojl("2026-03-02", "8", "WP1")).expect_err("no profile");
    assert_eq!(err.code(), "no_profile");
    assert_eq!(err.field(), None);
    let err = log.journal.progress().expect_err("no profile");
    assert_eq!(err.code(), "no_profile");
    assert_eq!(log.outbox_len(), 0);
}
