//! First-run setup: the profile's rules, and what a valid profile stores.

mod common;

use common::{Log, TODAY, assert_invalid, d, profile_input};
use journeylog_core::model::{ProfileInput, ProgramChoice};
use journeylog_core::settings::{HoursDisplay, Settings, Theme};

fn template(id: &str) -> ProgramChoice {
    ProgramChoice::Template { id: id.into() }
}

/// Checks a refused profile left the logbook empty.
fn nothing_stored(log: &mut Log) {
    assert!(log.journal.profile().expect("profile").is_none());
    assert_eq!(log.outbox_len(), 0);
}

#[test]
fn the_apprentice_name_is_required() {
    let mut log = Log::empty(TODAY);
    for name in ["", "   "] {
        let input =
            ProfileInput { apprentice_name: name.into(), ..profile_input(template("uxdr"), "2026-01-05", "", "") };
        let message = assert_invalid(log.journal.create_profile(input), "apprentice_name", &[]);
        assert_eq!(message, "apprentice name is required");
        nothing_stored(&mut log);
    }
    let long = "x".repeat(121);
    let input = ProfileInput { apprentice_name: long, ..profile_input(template("uxdr"), "2026-01-05", "", "") };
    assert_invalid(
        log.journal.create_profile(input),
        "apprentice_name",
        &["apprentice name is 121 characters long; at most 120 are allowed"],
    );
    nothing_stored(&mut log);
}

#[test]
fn the_start_date_must_be_a_calendar_date_and_not_far_ahead() {
    let mut log = Log::empty(TODAY);
    for bad in ["2026-02-30", "03/02/2026", "soon"] {
        let message =
            assert_invalid(log.journal.create_profile(profile_input(template("uxdr"), bad, "", "")), "start_date", &[]);
        assert_eq!(message, format!("start_date \"{bad}\" is not a calendar date; use the form YYYY-MM-DD"));
        nothing_stored(&mut log);
    }
    assert_invalid(
        log.journal.create_profile(profile_input(template("uxdr"), "", "", "")),
        "start_date",
        &["start_date is required"],
    );
    let message = assert_invalid(
        log.journal.create_profile(profile_input(template("uxdr"), "2027-03-04", "", "")),
        "start_date",
        &[],
    );
    assert_eq!(message, "start date 2027-03-04 is more than a year ahead; check the year");
    nothing_stored(&mut log);
    // A start a few weeks ahead (enrolling before day one) is accepted.
    let profile =
        log.journal.create_profile(profile_input(template("uxdr"), "2026-04-06", "", "")).expect("start ahead");
    assert_eq!(profile.enrollment.start_date, d("2026-04-06"));
}

#[test]
fn an_unknown_template_is_refused_with_the_list_of_templates() {
    let mut log = Log::empty(TODAY);
    let message = assert_invalid(
        log.journal.create_profile(profile_input(template("nope"), "2026-01-05", "", "")),
        "program",
        &[],
    );
    assert_eq!(
        message,
        "there is no template \"nope\"; the templates are mra-phase-1, mra-phase-2, atap-cloud-support, uxdr, \
         dol-time-based"
    );
    nothing_stored(&mut log);
}

#[test]
fn malformed_prior_credit_is_refused() {
    let mut log = Log::empty(TODAY);
    let cases: &[(&str, &str, &str, &str)] = &[
        ("7:75", "", "prior_ojl_hours", "prior_ojl_hours \"7:75\" has more than 59 minutes"),
        ("-40", "", "prior_ojl_hours", "prior_ojl_hours \"-40\" is negative"),
        ("NaN", "", "prior_ojl_hours", "prior_ojl_hours \"NaN\" is not a number of hours"),
        ("", "abc", "prior_rti_hours", "prior_rti_hours \"abc\" is not a number of hours"),
        ("", "1e3", "prior_rti_hours", "prior_rti_hours \"1e3\" is not a number of hours"),
    ];
    for (ojl, rti, field, expected) in cases {
        let input = profile_input(template("dol-time-based"), "2026-01-05", ojl, rti);
        let message = assert_invalid(log.journal.create_profile(input), field, &[]);
        assert!(message.starts_with(expected), "{message}");
        nothing_stored(&mut log);
    }
    // More prior OJL credit than the whole term is refused.
    let input = profile_input(template("dol-time-based"), "2026-01-05", "2001", "");
    let message = assert_invalid(log.journal.create_profile(input), "prior_ojl_hours", &[]);
    assert_eq!(message, "prior OJL credit of 2001:00 is more than the program's whole term of 2000:00");
    nothing_stored(&mut log);
}

#[test]
fn a_valid_profile_is_stored_once_with_its_program_and_prior_credit() {
    let mut log = Log::empty(TODAY);
    let input = profile_input(template("dol-time-based"), "2026-01-05", "120.5", "10:15");
    let profile = log.journal.create_profile(input.clone()).expect("profile");
    assert_eq!(profile.enrollment.apprentice_name, "Ada Apprentice");
    assert_eq!(profile.enrollment.program_id, "dol-time-based");
    assert_eq!(profile.enrollment.prior_ojl_minutes, 120 * 60 + 30);
    assert_eq!(profile.enrollment.prior_rti_minutes, 10 * 60 + 15);
    assert_eq!(profile.program.id, "dol-time-based");
    assert_eq!(profile.data_dir, log.dir.path().display().to_string());

    let outbox = log.journal.store().outbox().expect("outbox");
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].kind, "enrollment.upsert");
    assert_eq!(outbox[0].base_version, 0);

    let err = log.journal.create_profile(input).expect_err("a second profile");
    assert_eq!(err.code(), "profile_exists");
    assert_eq!(log.outbox_len(), 1);

    // It is all still there after a reopen.
    let mut log = log.reopen(TODAY);
    let again = log.journal.profile().expect("profile").expect("stored profile");
    assert_eq!(again.enrollment, profile.enrollment);
    assert_eq!(again.program, profile.program);
    assert_eq!(log.journal.program().expect("program").id, "dol-time-based");
}

#[test]
fn settings_round_trip_and_check_the_default_work_process() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    assert_eq!(log.journal.settings().expect("settings"), Settings::default());
    let wanted =
        Settings { theme: Theme::Dark, hours_display: HoursDisplay::Decimal, default_work_process: " WP3 ".into() };
    let saved = log.journal.save_settings(wanted).expect("save settings");
    assert_eq!(saved.default_work_process, "WP3");
    let bad = Settings { default_work_process: "WP42".into(), ..Settings::default() };
    assert_invalid(log.journal.save_settings(bad), "default_work_process", &["\"WP42\" is not in the program"]);
    let mut log = log.reopen(TODAY);
    assert_eq!(log.journal.settings().expect("settings"), saved);
}
