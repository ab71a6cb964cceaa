//! Read-only views: the Monday-to-Sunday week with its totals, listings by date range,
//! and recent entries newest first.

mod common;

use chrono::{Datelike, Weekday};
use common::{Log, TODAY, assert_invalid, d};
use journeylog_core::model::{DateRange, LogItem};

fn range(from: &str, to: &str) -> DateRange {
    DateRange { from: from.into(), to: to.into() }
}

fn dates(items: &[LogItem]) -> Vec<String> {
    items.iter().map(|i| i.date().to_string()).collect()
}

/// A logbook with entries around the week of Monday 2026-02-23.
fn sample() -> Log {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-02-22", "5", "WP1"); // Sunday of the week before
    log.log("2026-02-23", "8", "WP1"); // Monday
    log.course("RI-1", "2026-02-23", "1", false);
    log.log("2026-02-25", "7:30", "WP2"); // Wednesday
    log.log("2026-02-25", "0:45", "WP3");
    log.log("2026-03-01", "2", "WP1"); // Sunday
    log.log("2026-03-02", "4", "WP1"); // the next Monday
    log
}

#[test]
fn the_week_runs_monday_to_sunday_with_daily_and_weekly_totals() {
    let mut log = sample();
    // Any day of the week gives the same week.
    for anchor in ["2026-02-23", "2026-02-25", "2026-03-01"] {
        let week = log.journal.week(anchor).expect("week");
        assert_eq!((week.start, week.end), (d("2026-02-23"), d("2026-03-01")), "{anchor}");
        assert_eq!(week.days.len(), 7);
        let weekdays: Vec<Weekday> = week.days.iter().map(|day| day.date.weekday()).collect();
        assert_eq!(
            weekdays,
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
        );
        let totals: Vec<u32> = week.days.iter().map(|day| day.total_minutes).collect();
        assert_eq!(totals, [480 + 60, 0, 450 + 45, 0, 0, 0, 120]);
        assert_eq!((week.days[0].ojl.len(), week.days[0].coursework.len()), (1, 1));
        assert_eq!(week.days[2].ojl.len(), 2);
        assert_eq!(week.ojl_minutes, 480 + 450 + 45 + 120);
        assert_eq!(week.rti_minutes, 60);
        assert_eq!(week.total_minutes, 480 + 450 + 45 + 120 + 60);
    }
}

#[test]
fn an_empty_date_means_this_week_and_a_bad_one_is_refused() {
    let mut log = sample();
    let week = log.journal.week("").expect("this week");
    assert_eq!((week.start, week.end), (d("2026-03-02"), d("2026-03-08")));
    assert_eq!(week.days[0].total_minutes, 240);
    assert_eq!(week.total_minutes, 240);
    assert_invalid(log.journal.week("2026-02-30"), "date", &["is not a calendar date"]);
    // A week with nothing in it is seven empty days.
    let empty = log.journal.week("2025-12-31").expect("an empty week");
    assert_eq!(empty.start, d("2025-12-29"));
    assert!(empty.days.iter().all(|day| day.total_minutes == 0 && day.ojl.is_empty()));
    assert_eq!(empty.total_minutes, 0);
}

#[test]
fn listing_a_range_is_inclusive_and_oldest_first() {
    let mut log = sample();
    let all = log.journal.list(DateRange::default()).expect("all");
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].date() <= w[1].date()));
    let week = log.journal.list(range("2026-02-23", "2026-03-01")).expect("the week");
    assert_eq!(dates(&week), ["2026-02-23", "2026-02-23", "2026-02-25", "2026-02-25", "2026-03-01"]);
    assert_eq!(week.iter().filter(|i| matches!(i, LogItem::Coursework(_))).count(), 1);
    let from = log.journal.list(range("2026-03-01", "")).expect("open end");
    assert_eq!(dates(&from), ["2026-03-01", "2026-03-02"]);
    let to = log.journal.list(range("", "2026-02-22")).expect("open start");
    assert_eq!(dates(&to), ["2026-02-22"]);
    let one_day = log.journal.list(range("2026-02-25", "2026-02-25")).expect("one day");
    assert_eq!(one_day.len(), 2);
    assert!(log.journal.list(range("2026-02-26", "2026-02-28")).expect("nothing").is_empty());

    let message = assert_invalid(log.journal.list(range("2026-03-02", "2026-03-01")), "to", &[]);
    assert_eq!(message, "to 2026-03-01 is before from 2026-03-02");
    assert_invalid(log.journal.list(range("03/01/2026", "")), "from", &["is not a calendar date"]);
    assert_invalid(log.journal.list(range("", "2026-02-31")), "to", &["is not a calendar date"]);

    let classes = log.journal.coursework(range("2026-02-01", "2026-02-28")).expect("coursework");
    assert_eq!(classes.len(), 1);
    assert_eq!(classes[0].minutes, 60);
    assert!(!classes[0].paid);
}

#[test]
fn recent_entries_come_newest_first_up_to_the_limit() {
    let mut log = sample();
    let recent = log.journal.recent(4).expect("recent");
    assert_eq!(dates(&recent), ["2026-03-02", "2026-03-01", "2026-02-25", "2026-02-25"]);
    let all = log.journal.recent(50).expect("recent");
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].date() >= w[1].date()));
    assert_eq!(all.last().map(LogItem::date), Some(d("2026-02-22")));
    // Zero still shows one entry.
    assert_eq!(log.journal.recent(0).expect("recent").len(), 1);
    // An entry logged later for an older day does not jump the queue.
    log.log("2026-01-05", "1", "WP1");
    assert_eq!(log.journal.recent(1).expect("recent")[0].date(), d("2026-03-02"));
}
