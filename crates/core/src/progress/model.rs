//! The progress report: where the apprentice stands against the standard.
//!
//! This is the dashboard's single source of truth and the CLI's `progress --json`
//! (documented in docs/progress-json.md), so field names are part of a public format.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub as_of: NaiveDate,
    pub program_id: String,
    pub program_title: String,
    /// OJL minutes (prior credit included) against the term.
    pub overall: OverallProgress,
    pub ojl: OjlProgress,
    pub rti: RtiProgress,
    pub certifications: Vec<CertificationStatus>,
    pub milestones: Vec<MilestoneProgress>,
    pub wage: WageProgress,
    pub pace: Pace,
    pub probation: ProbationStatus,
    #[ts(optional = nullable)]
    pub projected_completion: Option<NaiveDate>,
    /// OJL and RTI per week, oldest first, for the weekly chart.
    pub weekly: Vec<WeekTotal>,
    /// Records whose content no longer matches their sign-off, and sign-offs that
    /// failed verification: both are left out of every approved total.
    pub signoff_problems: SignoffProblems,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignoffProblems {
    pub changed_after_signoff: Vec<crate::model::RecordReview>,
    pub invalid_signoffs: Vec<crate::model::InvalidSignoff>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OverallProgress {
    pub ojl_minutes: u32,
    pub term_minutes: u32,
    /// 0-100, one decimal of precision is meaningful.
    pub percent: f64,
    /// Mentor-approved OJL minutes plus prior credit, and their share of the term.
    pub approved_minutes: u32,
    pub approved_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OjlProgress {
    /// Everything counted: logged (draft and submitted) plus prior credit.
    pub total_minutes: u32,
    pub prior_minutes: u32,
    pub draft_minutes: u32,
    pub submitted_minutes: u32,
    /// Logged minutes a mentor approved (verified), and those not approved yet.
    pub approved_minutes: u32,
    pub pending_minutes: u32,
    pub work_processes: Vec<WorkProcessProgress>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WorkProcessProgress {
    pub code: String,
    pub title: String,
    /// Draft plus submitted.
    pub minutes: u32,
    pub draft_minutes: u32,
    pub submitted_minutes: u32,
    /// Of `minutes`, those a mentor approved (verified).
    pub approved_minutes: u32,
    pub min_hours: u32,
    #[ts(optional = nullable)]
    pub max_hours: Option<u32>,
    /// Share of `min_hours` reached, 0-100 (capped).
    pub percent: f64,
    /// Past the hybrid maximum: still counted, but worth a word with the mentor.
    pub over_max: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RtiProgress {
    /// Logged plus prior credit.
    pub total_minutes: u32,
    pub prior_minutes: u32,
    pub unpaid_minutes: u32,
    /// Logged minutes a mentor approved (verified).
    pub approved_minutes: u32,
    /// The program's course hours, in minutes.
    pub program_minutes: u32,
    pub pace_hours_per_year: u32,
    /// What the pace guideline expects by `as_of`, counted from the start date.
    pub pace_expected_minutes: u32,
    pub courses: Vec<CourseProgress>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CourseProgress {
    pub code: String,
    pub title: String,
    pub hours: u32,
    pub minutes: u32,
    pub completed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CertificationState {
    Valid,
    /// Expires within 60 days.
    Expiring,
    Expired,
    /// Required by the program and not yet recorded.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CertificationStatus {
    /// The record's id; `None` for a missing required certification.
    #[ts(optional = nullable)]
    pub id: Option<String>,
    #[ts(optional = nullable)]
    pub code: Option<String>,
    pub title: String,
    pub state: CertificationState,
    #[ts(optional = nullable)]
    pub expires_on: Option<NaiveDate>,
    /// Days until expiry (negative once expired).
    #[ts(optional = nullable)]
    pub days_left: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MilestoneState {
    NotStarted,
    InProgress,
    /// Every criterion holds; the apprentice may ask for a sign-off.
    CriteriaMet,
    /// The apprentice asked the mentor to sign it off.
    Requested,
    /// A mentor's verified sign-off.
    SignedOff,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MilestoneProgress {
    pub code: String,
    pub title: String,
    pub state: MilestoneState,
    pub criteria: Vec<CriterionProgress>,
    #[ts(optional = nullable)]
    pub signed_off: Option<crate::model::Decided>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CriterionProgress {
    pub label: String,
    pub met: bool,
    /// Progress toward the target in the criterion's own unit (minutes or 0/1).
    pub current: u32,
    pub target: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WageStepStatus {
    pub label: String,
    pub percent: u32,
    /// "at start", "at 1,000 OJL hours", "when milestone M1 is met".
    pub trigger: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WageProgress {
    #[ts(optional = nullable)]
    pub current: Option<WageStepStatus>,
    #[ts(optional = nullable)]
    pub next: Option<WageStepStatus>,
    /// OJL minutes still needed for an hours-triggered next step.
    #[ts(optional = nullable)]
    pub minutes_needed: Option<u32>,
    /// When the next step comes at the pace of the last 8 weeks.
    #[ts(optional = nullable)]
    pub projected_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Pace {
    /// OJL minutes logged in the 8 weeks ending `as_of`.
    pub ojl_minutes_last_8_weeks: u32,
    pub ojl_minutes_per_week: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProbationStatus {
    pub description: String,
    /// When it ended or is projected to end; `None` when there is no pace yet.
    #[ts(optional = nullable)]
    pub ends_on: Option<NaiveDate>,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WeekTotal {
    /// The Monday of the week.
    pub week_start: NaiveDate,
    pub ojl_minutes: u32,
    pub rti_minutes: u32,
}
