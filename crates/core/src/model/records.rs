//! What the apprentice records: the enrollment, OJL hours, coursework and certifications.
//!
//! Every record has a client-made UUIDv7 id and a version that grows with each change,
//! because the sync protocol (DESIGN §4) and sign-offs (§5) identify a record by
//! `(id, version)`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ProgramStandard;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Enrollment {
    pub apprentice_name: String,
    pub program_id: String,
    pub start_date: NaiveDate,
    /// Credit for earlier experience, entered at enrollment.
    pub prior_ojl_minutes: u32,
    pub prior_rti_minutes: u32,
    /// Grows by one with each change, so sync can tell which copy is newer.
    pub version: u32,
    pub created_at: String,
}

/// The apprentice's profile: who, in which program, and where the data lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Profile {
    pub enrollment: Enrollment,
    pub program: ProgramStandard,
    pub data_dir: String,
}

/// Where a record stands in the sign-off flow. Approval states arrive with mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryStatus {
    Draft,
    Submitted,
}

impl EntryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Draft => "draft",
            EntryStatus::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(EntryStatus::Draft),
            "submitted" => Some(EntryStatus::Submitted),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OjlEntry {
    pub id: String,
    pub date: NaiveDate,
    pub minutes: u32,
    pub work_process: String,
    pub note: String,
    pub site: String,
    pub supervisor: String,
    /// Earlier experience credited at enrollment; may be dated before the start date.
    pub prior_credit: bool,
    pub status: EntryStatus,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// On a correction of a signed-off entry: the signed version it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub amends_version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CourseworkEntry {
    pub id: String,
    pub course: String,
    pub date: NaiveDate,
    pub minutes: u32,
    /// Related instruction may be unpaid, so it is logged apart from OJL.
    pub paid: bool,
    pub status: EntryStatus,
    #[ts(optional = nullable)]
    pub grade: Option<String>,
    pub note: String,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// On a correction of a signed-off entry: the signed version it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub amends_version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Certification {
    pub id: String,
    /// The program's required certification this satisfies, if any.
    #[ts(optional = nullable)]
    pub code: Option<String>,
    pub title: String,
    pub issuer: String,
    pub credential_id: String,
    pub earned_on: NaiveDate,
    #[ts(optional = nullable)]
    pub expires_on: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub evidence: Option<Evidence>,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// A file kept in the data folder under its SHA-256, so it can't silently change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evidence {
    pub sha256: String,
    pub file_name: String,
    pub size_bytes: u32,
}

/// A non-fatal note about a saved record, e.g. hours past a hybrid range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldWarning {
    pub field: String,
    pub message: String,
}

/// A saved record and any warnings its save raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Saved<T> {
    pub record: T,
    pub warnings: Vec<FieldWarning>,
}

/// One day of the week view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayLog {
    pub date: NaiveDate,
    pub ojl: Vec<OjlEntry>,
    pub coursework: Vec<CourseworkEntry>,
    pub total_minutes: u32,
}

/// A Monday-to-Sunday week of entries with its totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WeekLog {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: Vec<DayLog>,
    pub ojl_minutes: u32,
    pub rti_minutes: u32,
    pub total_minutes: u32,
}

/// An entry of either kind, for the "recent entries" list and `jlog list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum LogItem {
    Ojl(OjlEntry),
    Coursework(CourseworkEntry),
}

impl LogItem {
    pub fn date(&self) -> NaiveDate {
        match self {
            LogItem::Ojl(e) => e.date,
            LogItem::Coursework(c) => c.date,
        }
    }
}

/// Where this logbook lives and which build is reading it, for the Settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    pub schema_version: u32,
}
