//! Review and sign-off, as the apprentice and the mentor see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LogItem;
pub use crate::signoff::ledger::{Decided, InvalidSignoff};

/// Where one record stands with the mentor. `Approved` and `Returned` come from a
/// verified sign-off on the record's current version; `ChangedAfterSignoff` means
/// the record at the signed version no longer has the signed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewState {
    Draft,
    Submitted,
    Approved,
    Returned,
    ChangedAfterSignoff,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "submitted",
            ReviewState::Approved => "approved",
            ReviewState::Returned => "returned",
            ReviewState::ChangedAfterSignoff => "changed after sign-off",
        }
    }
}

/// The review state of one OJL or coursework entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecordReview {
    pub record_id: String,
    pub state: ReviewState,
    /// The mentor's decision behind `Approved`, `Returned` or `ChangedAfterSignoff`.
    #[ts(optional = nullable)]
    pub decision: Option<Decided>,
    /// Set on an amendment: the signed version it corrects.
    #[ts(optional = nullable)]
    pub amends_version: Option<u32>,
}

/// An entry in a mentor's review, with its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewItem {
    pub item: LogItem,
    pub review: RecordReview,
}

/// Totals of one work process in a period under review, against the standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProcessInPeriod {
    pub code: String,
    pub title: String,
    pub minutes: u32,
    /// All approved OJL in this process so far, and the standard's minimum.
    pub approved_minutes_to_date: u32,
    pub min_hours: u32,
}

/// One apprentice's week of entries waiting for (or given) a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewPeriod {
    pub apprentice_id: String,
    pub apprentice_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: Vec<ReviewItem>,
    pub ojl_minutes: u32,
    pub rti_minutes: u32,
    pub by_process: Vec<ProcessInPeriod>,
    /// Entries still waiting for a decision.
    pub pending: u32,
}

/// A milestone an apprentice asked to have signed off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MilestoneRequest {
    pub code: String,
    pub title: String,
    pub note: String,
    pub requested_at: String,
    /// The verified sign-off, once there is one.
    #[ts(optional = nullable)]
    pub signed: Option<Decided>,
}

/// A mentor's view of one assigned apprentice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApprenticeOverview {
    pub apprentice_id: String,
    pub name: String,
    pub program_id: String,
    pub program_title: String,
    pub term_minutes: u32,
    pub logged_ojl_minutes: u32,
    pub approved_ojl_minutes: u32,
    pub pending_entries: u32,
    pub pending_minutes: u32,
    pub milestone_requests: Vec<MilestoneRequest>,
    /// `"WP/COMPETENCY"` codes signed off so far.
    pub competencies_signed: Vec<String>,
}

/// A mentor's decision on some entries, as the command sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct ReviewDecision {
    pub apprentice_id: String,
    pub record_ids: Vec<String>,
    pub approve: bool,
    #[serde(default)]
    pub comment: String,
}

/// What a sign-off just made covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignoffMade {
    pub signoff_id: String,
    pub apprentice_id: String,
    pub subject: String,
    pub decision: String,
    pub records: u32,
}
