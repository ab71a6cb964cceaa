//! Progress totals, computed by hand from the entries each test logs: OJL per work
//! process (draft and submitted apart), prior credit, RTI and its pace, milestones.

mod common;

use common::{Log, SMALL_HYBRID, TODAY, cert};
use journeylog_core::model::DateRange;
use journeylog_core::progress::{MilestoneState, Progress, WorkProcessProgress};

fn wp<'a>(p: &'a Progress, code: &str) -> &'a WorkProcessProgress {
    p.ojl.work_processes.iter().find(|w| w.code == code).expect("work process in progress")
}

fn milestone(p: &Progress, code: &str) -> MilestoneState {
    p.milestones.iter().find(|m| m.code == code).expect("milestone").state
}

#[test]
fn ojl_minutes_per_work_process_with_draft_and_submitted_apart() {
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "2:30", "1");
    log.log("2026-01-05", "5", "A");
    log.log("2026-01-06", "3:15", "A");
    log.log("2026-01-07", "8", "B");
    log.log("2026-02-02", "4", "B");
    let changed =
        log.journal.submit(DateRange { from: "2026-01-01".into(), to: "2026-01-31".into() }).expect("submit January");
    assert_eq!(changed, 3);
    log.log("2026-02-03", "1:45", "A");

    let p = log.journal.progress().expect("progress");
    assert_eq!(p.program_id, "test-hybrid");
    assert_eq!(p.as_of, common::d(TODAY));
    // A: submitted 5:00 + 3:15 = 495, draft 105. B: submitted 480, draft 240.
    let a = wp(&p, "A");
    assert_eq!((a.submitted_minutes, a.draft_minutes, a.minutes), (495, 105, 600));
    assert_eq!((a.min_hours, a.max_hours), (20, Some(30)));
    assert!((a.percent - 50.0).abs() < 1e-9, "{}", a.percent);
    assert!(!a.over_max);
    let b = wp(&p, "B");
    assert_eq!((b.submitted_minutes, b.draft_minutes, b.minutes), (480, 240, 720));
    assert_eq!((b.min_hours, b.max_hours), (80, None));
    assert!((b.percent - 15.0).abs() < 1e-9, "{}", b.percent);
    // Totals: prior 150 + draft 345 + submitted 975.
    assert_eq!(p.ojl.prior_minutes, 150);
    assert_eq!((p.ojl.draft_minutes, p.ojl.submitted_minutes), (345, 975));
    assert_eq!(p.ojl.total_minutes, 1470);
    assert_eq!((p.overall.ojl_minutes, p.overall.term_minutes), (1470, 6000));
    assert!((p.overall.percent - 24.5).abs() < 1e-9, "{}", p.overall.percent);
    assert_eq!(p.ojl.work_processes.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(), ["A", "B"]);
}

#[test]
fn prior_credit_counts_in_the_totals() {
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "10", "2:30");
    let p = log.journal.progress().expect("progress");
    assert_eq!((p.ojl.total_minutes, p.ojl.prior_minutes), (600, 600));
    assert_eq!((p.rti.total_minutes, p.rti.prior_minutes), (150, 150));
    assert!((p.overall.percent - 10.0).abs() < 1e-9);
    // A logged prior-credit entry dated before the start counts like any other.
    log.journal.log_ojl(common::prior_ojl("2025-11-03", "6", "B")).expect("prior credit entry");
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.ojl.total_minutes, 960);
    assert_eq!(wp(&p, "B").minutes, 360);
}

#[test]
fn overall_percent_is_capped_at_100() {
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2026-01-05", TODAY, "90", "");
    log.log("2026-02-02", "20", "B");
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.overall.ojl_minutes, 110 * 60);
    assert!((p.overall.percent - 100.0).abs() < 1e-9);
    assert!((wp(&p, "B").percent - 25.0).abs() < 1e-9);
}

#[test]
fn rti_totals_unpaid_minutes_and_the_144_hour_pace() {
    // 2025-09-01 to 2026-03-02 is 182 days: 182 * 144 h * 60 / 365 = 4308.16 -> 4308 min.
    let mut log = Log::program_with_prior(SMALL_HYBRID, "2025-09-01", TODAY, "", "1");
    log.course("C1", "2025-10-07", "3", true);
    log.course("C1", "2025-10-14", "2:30", false);
    log.course("C1", "2025-10-21", "1", false);
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.rti.total_minutes, 60 + 180 + 150 + 60);
    assert_eq!(p.rti.prior_minutes, 60);
    assert_eq!(p.rti.unpaid_minutes, 210);
    assert_eq!(p.rti.program_minutes, 600);
    assert_eq!(p.rti.pace_hours_per_year, 144);
    assert_eq!(p.rti.pace_expected_minutes, 4308);
    let c1 = &p.rti.courses[0];
    assert_eq!((c1.code.as_str(), c1.hours, c1.minutes, c1.completed), ("C1", 10, 390, false));
    // RTI is logged apart from OJL.
    assert_eq!(p.ojl.total_minutes, 0);

    log.course("C1", "2025-10-28", "3:30", true);
    let p = log.journal.progress().expect("progress");
    assert_eq!((p.rti.courses[0].minutes, p.rti.courses[0].completed), (600, true));
    assert_eq!(p.rti.unpaid_minutes, 210);
}

#[test]
fn rti_pace_is_a_full_year_after_365_days_and_zero_on_day_one() {
    let mut log = Log::program(SMALL_HYBRID, "2025-03-02", TODAY);
    assert_eq!(log.journal.progress().expect("progress").rti.pace_expected_minutes, 144 * 60);
    let mut log = Log::program(SMALL_HYBRID, TODAY, TODAY);
    assert_eq!(log.journal.progress().expect("progress").rti.pace_expected_minutes, 0);
    // A start ahead of today expects nothing yet.
    let mut log = Log::program(SMALL_HYBRID, "2026-04-01", TODAY);
    assert_eq!(log.journal.progress().expect("progress").rti.pace_expected_minutes, 0);
}

#[test]
fn milestone_states_follow_their_criteria() {
    let mut log = Log::program(SMALL_HYBRID, "2025-06-02", TODAY);
    let p = log.journal.progress().expect("progress");
    for code in ["M1", "M2", "M3"] {
        assert_eq!(milestone(&p, code), MilestoneState::NotStarted, "{code}");
    }

    // M1: A 20 h and course C1. M3: 50 OJL hours.
    log.log("2026-02-02", "10", "A");
    let p = log.journal.progress().expect("progress");
    assert_eq!(milestone(&p, "M1"), MilestoneState::InProgress);
    assert_eq!(milestone(&p, "M3"), MilestoneState::InProgress);
    let m1 = p.milestones.iter().find(|m| m.code == "M1").expect("M1");
    assert_eq!(m1.criteria.len(), 2);
    assert_eq!((m1.criteria[0].current, m1.criteria[0].target, m1.criteria[0].met), (600, 1200, false));
    assert_eq!((m1.criteria[1].current, m1.criteria[1].target, m1.criteria[1].met), (0, 600, false));

    log.log("2026-02-03", "10", "A");
    log.course("C1", "2026-02-04", "9:59", true);
    let p = log.journal.progress().expect("progress");
    assert_eq!(milestone(&p, "M1"), MilestoneState::InProgress, "one minute of C1 short");
    log.course("C1", "2026-02-05", "0:01", true);
    let p = log.journal.progress().expect("progress");
    assert_eq!(milestone(&p, "M1"), MilestoneState::CriteriaMet);
    let m1 = p.milestones.iter().find(|m| m.code == "M1").expect("M1");
    assert!(m1.criteria.iter().all(|c| c.met && c.current == c.target));

    // M2 needs a current SAFE certification: an expired one does not count.
    log.journal.add_certification(cert("SAFE", "Safety card", "2024-01-10", "")).expect("expired card");
    assert_eq!(milestone(&log.journal.progress().expect("progress"), "M2"), MilestoneState::NotStarted);
    log.journal.add_certification(cert("SAFE", "Safety card", "2026-01-10", "")).expect("current card");
    assert_eq!(milestone(&log.journal.progress().expect("progress"), "M2"), MilestoneState::CriteriaMet);

    // M3: 20 h of OJL so far (C1 is RTI); 29:59 more is a minute short of 50 h.
    log.log("2026-02-06", "24", "B");
    log.log("2026-02-07", "5:59", "B");
    assert_eq!(milestone(&log.journal.progress().expect("progress"), "M3"), MilestoneState::InProgress);
    log.log("2026-02-08", "0:01", "B");
    let p = log.journal.progress().expect("progress");
    assert_eq!(milestone(&p, "M3"), MilestoneState::CriteriaMet);
    let m3 = p.milestones.iter().find(|m| m.code == "M3").expect("M3");
    assert_eq!((m3.criteria[0].current, m3.criteria[0].target), (3000, 3000));
}

#[test]
fn hours_logged_under_a_process_the_program_dropped_still_count() {
    let mut log = Log::template("dol-time-based", "2026-01-05", TODAY);
    log.log("2026-02-02", "8", "WP7");
    log.log("2026-02-03", "4", "WP1");
    let path = log.write_file("new.toml", SMALL_HYBRID);
    let choice = journeylog_core::model::ProgramChoice::File { path: common::path_str(&path) };
    log.journal.replace_program(choice).expect("replace program");
    let p = log.journal.progress().expect("progress");
    assert_eq!(p.program_id, "test-hybrid");
    assert_eq!(p.ojl.total_minutes, 720);
    assert_eq!(p.ojl.draft_minutes, 720);
    assert!(p.ojl.work_processes.iter().all(|w| w.minutes == 0));
}
