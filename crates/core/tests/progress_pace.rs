//! Pace and dates: the wage step and its projected date at the pace of the last 8
//! weeks, projected completion, probation, and the 26-week chart. Every expected date
//! is worked out by hand in the comments.

mod common;

use chrono::{Datelike, Days, Weekday};
use common::{Log, SMALL_HYBRID, TODAY, d};

/// Logs 8 h on every weekday from `from` to `to` inclusive; returns how many days.
fn weekdays_of_8_hours(log: &mut Log, from: &str, to: &str, process: &str) -> u32 {
    let mut count = 0;
    for day in d(from).iter_days().take_while(|day| *day <= d(to)) {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            log.log(&day.to_string(), "8", process);
            count += 1;
        }
    }
    count
}

#[test]
fn the_next_wage_step_is_projected_at_the_pace_of_the_last_8_weeks() {
    // dol-time-based: wage steps 60% at start, 70% at 500 h, ...; probation 500 h.
    let mut log = Log::template_with_prior("dol-time-based", "2025-11-03", TODAY, "10", "");
    // Just outside the window (today - 56 days): counts in totals, not in the pace.
    log.log("2026-01-05", "8", "WP1");
    // The window is the 56 days 2026-01-06 ..= 2026-03-02: 8 weeks, 40 weekdays, 40 h a week.
    assert_eq!(weekdays_of_8_hours(&mut log, "2026-01-06", TODAY, "WP3"), 40);

    let p = log.journal.progress().expect("progress");
    assert_eq!(p.pace.ojl_minutes_last_8_weeks, 40 * 480);
    assert!((p.pace.ojl_minutes_per_week - 2400.0).abs() < 1e-9, "{}", p.pace.ojl_minutes_per_week);
    // Total: prior 600 + 480 + 19,200 = 20,280 min (338 h).
    assert_eq!(p.ojl.total_minutes, 20_280);

    let current = p.wage.current.as_ref().expect("a current step");
    assert_eq!((current.percent, current.label.as_str()), (60, "Start (0-500 OJL hours)"));
    let next = p.wage.next.as_ref().expect("a next step");
    assert_eq!(next.percent, 70);
    assert!(next.trigger.contains("500 OJL hours"), "{}", next.trigger);
    // 500 h = 30,000 min; 30,000 - 20,280 = 9,720 min still needed.
    assert_eq!(p.wage.minutes_needed, Some(9_720));
    // At 2,400 min a week: 9,720 * 7 / 2,400 = 28.35 -> 29 days after 2026-03-02.
    assert_eq!(p.wage.projected_date, Some(d("2026-03-31")));

    // Probation (500 h) ends with the same hours: projected, not completed.
    assert!(!p.probation.completed);
    assert_eq!(p.probation.ends_on, Some(d("2026-03-31")));
    assert!(p.probation.description.contains("500"), "{}", p.probation.description);

    // Completion: 120,000 - 20,280 = 99,720 min; * 7 / 2,400 = 290.85 -> 291 days -> 2026-12-18.
    assert_eq!(p.projected_completion, Some(d("2026-12-18")));
}

#[test]
fn a_recent_start_measures_the_pace_since_the_start() {
    // Started on Monday 2026-02-23: 8 days to today, 6 weekdays of 8 h = 2,880 min.
    // Pace = 2,880 * 7 / 8 = 2,520 min a week.
    let mut log = Log::template("dol-time-based", "2026-02-23", TODAY);
    assert_eq!(weekdays_of_8_hours(&mut log, "2026-02-23", TODAY, "WP1"), 6);
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.pace.ojl_minutes_last_8_weeks, 2_880);
    assert!((p.pace.ojl_minutes_per_week - 2_520.0).abs() < 1e-9, "{}", p.pace.ojl_minutes_per_week);
    // 30,000 - 2,880 = 27,120 min at 360 min a day: 75.33 -> 76 days -> 2026-05-17.
    assert_eq!(p.wage.minutes_needed, Some(27_120));
    assert_eq!(p.wage.projected_date, Some(d("2026-05-17")));
}

#[test]
fn without_any_pace_nothing_is_projected() {
    let mut log = Log::template("dol-time-based", "2025-11-03", TODAY);
    // An entry older than 8 weeks gives totals but no pace.
    log.log("2025-12-01", "8", "WP1");
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.pace.ojl_minutes_last_8_weeks, 0);
    assert_eq!(p.wage.minutes_needed, Some(30_000 - 480));
    assert_eq!(p.wage.projected_date, None);
    assert_eq!(p.projected_completion, None);
    assert_eq!(p.probation.ends_on, None);
    assert!(!p.probation.completed);
}

#[test]
fn reaching_the_term_dates_completion_and_probation_on_the_day_it_happened() {
    // SMALL_HYBRID: term 100 h, probation 40 h, wage 60% / 70% at 50 h / 80% at milestone M1.
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "10", "");
    log.log("2026-02-02", "24", "B"); // 34 h
    log.log("2026-02-03", "4", "B"); // 38 h
    log.log("2026-02-04", "24", "B"); // 62 h: probation (40 h) ends here
    log.log("2026-02-05", "20", "B"); // 82 h
    log.log("2026-02-06", "18", "B"); // 100 h: the term is reached here
    log.log("2026-02-09", "1", "B"); // 101 h
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.ojl.total_minutes, 101 * 60);
    assert!(p.probation.completed);
    assert_eq!(p.probation.ends_on, Some(d("2026-02-04")));
    assert_eq!(p.projected_completion, Some(d("2026-02-06")));

    // 50 h reached: 70%. The next step waits on milestone M1 (A 20 h and course C1),
    // which has no OJL-hours criterion, so there is nothing to count down or project.
    assert_eq!(p.wage.current.as_ref().map(|s| s.percent), Some(70));
    let next = p.wage.next.as_ref().expect("next step");
    assert_eq!(next.percent, 80);
    assert!(next.trigger.contains("Alpha done"), "{}", next.trigger);
    assert_eq!(p.wage.minutes_needed, None);
    assert_eq!(p.wage.projected_date, None);
}

#[test]
fn prior_credit_past_the_probation_ends_it_on_the_start_date() {
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "45", "");
    let p = log.journal.progress().expect("progress");
    assert!(p.probation.completed);
    assert_eq!(p.probation.ends_on, Some(d("2026-01-05")));
}

#[test]
fn the_last_wage_step_has_no_next_one() {
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "60", "");
    log.log("2026-02-02", "20", "A");
    log.course("C1", "2026-02-03", "10", true);
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.wage.current.as_ref().map(|s| s.percent), Some(80));
    assert_eq!(p.wage.next, None);
    assert_eq!(p.wage.minutes_needed, None);
    assert_eq!(p.wage.projected_date, None);
}

#[test]
fn probation_in_months_ends_that_many_months_after_the_start() {
    // mra-phase-2: 6 months.
    let mut log = Log::template("mra-phase-2", "2025-08-15", TODAY);
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.probation.ends_on, Some(d("2026-02-15")));
    assert!(p.probation.completed);
    let mut log = Log::template("mra-phase-2", "2025-10-01", TODAY);
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.probation.ends_on, Some(d("2026-04-01")));
    assert!(!p.probation.completed);
    assert!(p.probation.description.contains("6 months"), "{}", p.probation.description);
}

#[test]
fn the_weekly_chart_holds_26_monday_weeks_ending_this_week() {
    let mut log = Log::template("dol-time-based", "2025-09-01", TODAY);
    log.log("2026-03-02", "2", "WP1"); // this week (Monday)
    log.log("2026-03-01", "3", "WP1"); // Sunday of last week
    log.course("RI-1", "2026-03-01", "1", true);
    log.log("2026-02-23", "1:30", "WP2"); // Monday of last week
    log.log("2025-09-08", "4", "WP1"); // the first week of the chart
    log.log("2025-09-07", "5", "WP1"); // the day before: outside the chart

    let p = log.journal.progress().expect("progress");
    assert_eq!(p.weekly.len(), 26);
    // 2026-03-02 - 25 weeks = 2025-09-08.
    assert_eq!(p.weekly[0].week_start, d("2025-09-08"));
    assert_eq!(p.weekly[25].week_start, d("2026-03-02"));
    for (i, w) in p.weekly.iter().enumerate() {
        assert_eq!(w.week_start.weekday(), Weekday::Mon);
        assert_eq!(w.week_start, d("2025-09-08") + Days::new(7 * i as u64));
    }
    assert_eq!((p.weekly[25].ojl_minutes, p.weekly[25].rti_minutes), (120, 0));
    assert_eq!((p.weekly[24].ojl_minutes, p.weekly[24].rti_minutes), (270, 60));
    assert_eq!((p.weekly[0].ojl_minutes, p.weekly[0].rti_minutes), (240, 0));
    let rest: u32 = p.weekly[1..24].iter().map(|w| w.ojl_minutes + w.rti_minutes).sum();
    assert_eq!(rest, 0);
    // The entry outside the chart still counts in the totals.
    assert_eq!(p.ojl.total_minutes, 120 + 180 + 90 + 240 + 300);
}

#[test]
fn the_chart_on_a_sunday_ends_with_the_week_that_began_on_monday() {
    let mut log = Log::template("dol-time-based", "2025-09-01", "2026-03-08");
    log.log("2026-03-08", "2", "WP1");
    log.log("2026-03-02", "3", "WP1");
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.weekly[25].week_start, d("2026-03-02"));
    assert_eq!(p.weekly[25].ojl_minutes, 300);
}
