//! The demo seeder: a plausible, reproducible history that obeys the logbook's rules.

mod common;

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use common::{Log, TODAY, d};
use journeylog_core::demo::DemoSize;
use journeylog_core::journal::week_start;
use journeylog_core::model::{EntryStatus, LogItem};

/// (date, minutes, code) of every entry, oldest first.
fn fingerprint(log: &mut Log) -> Vec<(NaiveDate, u32, String)> {
    log.all_items()
        .into_iter()
        .map(|item| match item {
            LogItem::Ojl(e) => (e.date, e.minutes, e.work_process),
            LogItem::Coursework(c) => (c.date, c.minutes, c.course),
        })
        .collect()
}

#[test]
fn six_months_of_demo_history_obey_every_rule() {
    let mut log = Log::empty(TODAY);
    let summary = log.journal.seed_demo(DemoSize::Months(6), 7).expect("seed");
    let today = d(TODAY);
    let start = today.checked_sub_months(Months::new(6)).expect("six months back");

    let profile = log.journal.profile().expect("profile").expect("the seeder creates a profile");
    assert_eq!(profile.enrollment.start_date, start);
    assert_eq!(summary.first_date, start);
    let program = profile.program;

    let items = log.all_items();
    let ojl: Vec<_> = items.iter().filter_map(|i| if let LogItem::Ojl(e) = i { Some(e) } else { None }).collect();
    let classes: Vec<_> =
        items.iter().filter_map(|i| if let LogItem::Coursework(c) = i { Some(c) } else { None }).collect();
    assert_eq!(ojl.len(), summary.ojl_entries as usize);
    assert_eq!(classes.len(), summary.coursework_entries as usize);
    assert_eq!(log.ojl_count(), i64::from(summary.ojl_entries));
    // About 26 weeks of 5 working days: well over 100 shifts.
    assert!(summary.ojl_entries > 100, "{summary:?}");
    assert!(summary.coursework_entries > 0, "{summary:?}");

    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for item in &items {
        let (date, minutes) = match item {
            LogItem::Ojl(e) => (e.date, e.minutes),
            LogItem::Coursework(c) => (c.date, c.minutes),
        };
        assert!(date <= today, "future entry on {date}");
        assert!(date >= start, "entry on {date} before the start {start}");
        assert!(minutes > 0);
        *per_day.entry(date).or_default() += minutes;
    }
    assert!(per_day.values().all(|&m| m <= 24 * 60), "a day over 24 h");
    for e in &ojl {
        assert!(program.work_process(&e.work_process).is_some(), "{}", e.work_process);
        assert!(!matches!(e.date.weekday(), Weekday::Sat | Weekday::Sun), "weekend shift {}", e.date);
        // Older weeks are submitted, the current week is still draft.
        let expected = if e.date < week_start(today) { EntryStatus::Submitted } else { EntryStatus::Draft };
        assert_eq!(e.status, expected, "{}", e.date);
    }
    assert!(classes.iter().all(|c| program.course(&c.course).is_some()));

    let certs = log.journal.certifications().expect("certs");
    assert_eq!(certs.len(), summary.certifications as usize);
    assert!(certs.iter().all(|c| c.earned_on <= today && c.earned_on >= start));
    assert!(certs.iter().all(|c| c.expires_on.is_none_or(|x| x > c.earned_on)));

    // The dashboard has something to show, and the store is sound.
    let p = log.journal.progress().expect("progress");
    assert!(p.pace.ojl_minutes_per_week > 0.0);
    assert!(p.wage.current.is_some());
    assert_eq!(p.ojl.total_minutes, p.ojl.prior_minutes + ojl.iter().map(|e| e.minutes).sum::<u32>());
    assert_eq!(log.journal.store().integrity_check().expect("integrity"), "ok");
}

#[test]
fn the_same_seed_gives_the_same_history() {
    let mut a = Log::empty(TODAY);
    let mut b = Log::empty(TODAY);
    let mut c = Log::empty(TODAY);
    let sa = a.journal.seed_demo(DemoSize::Months(6), 42).expect("seed a");
    let sb = b.journal.seed_demo(DemoSize::Months(6), 42).expect("seed b");
    let sc = c.journal.seed_demo(DemoSize::Months(6), 43).expect("seed c");
    assert_eq!(sa, sb);
    assert_eq!(fingerprint(&mut a), fingerprint(&mut b));
    assert_ne!(fingerprint(&mut a), fingerprint(&mut c), "another seed, another history");
    let _ = sc;
}

#[test]
fn the_demo_keeps_an_existing_profile() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    let summary = log.journal.seed_demo(DemoSize::Months(6), 1).expect("seed");
    let profile = log.journal.profile().expect("profile").expect("profile");
    assert_eq!(profile.program.id, "dol-time-based");
    assert_eq!(summary.first_date, d("2026-01-05"), "no entry before the existing start date");
    assert!(log.all_items().iter().all(|i| i.date() >= d("2026-01-05")));
}

#[test]
fn entries_mode_gives_exactly_that_many_ojl_entries() {
    for n in [1, 37, 500] {
        let mut log = Log::empty(TODAY);
        let summary = log.journal.seed_demo(DemoSize::Entries(n), 3).expect("seed");
        assert_eq!(summary.ojl_entries, n, "summary for {n}");
        assert_eq!(log.ojl_count(), i64::from(n), "stored for {n}");
    }
}

#[test]
fn seeding_an_existing_history_again_never_overfills_a_day() {
    for seed in 0..8 {
        let mut log = Log::empty(TODAY);
        log.journal.seed_demo(DemoSize::Months(6), seed).expect("first seed");
        log.journal.seed_demo(DemoSize::Months(6), seed + 100).expect("second seed");
        assert_no_day_over_24_hours(&mut log);
    }
}

fn assert_no_day_over_24_hours(log: &mut Log) {
    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for item in log.all_items() {
        let (date, minutes) = match &item {
            LogItem::Ojl(e) => (e.date, e.minutes),
            LogItem::Coursework(c) => (c.date, c.minutes),
        };
        *per_day.entry(date).or_default() += minutes;
    }
    let over: Vec<_> = per_day.iter().filter(|(_, m)| **m > 24 * 60).collect();
    assert!(over.is_empty(), "days over 24 h: {over:?}");
}
