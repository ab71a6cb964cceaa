//! What front ends send in: raw text as the person typed it.
//!
//! Parsing happens in the core, not in each front end, so the desktop app and the CLI
//! refuse the same inputs with the same messages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ProgramChoice {
    /// A bundled template by id.
    Template { id: String },
    /// A program file (TOML or JSON) on disk.
    File { path: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileInput {
    pub apprentice_name: String,
    pub program: ProgramChoice,
    /// `YYYY-MM-DD`
    pub start_date: String,
    /// Hours as typed; empty means none.
    #[serde(default)]
    pub prior_ojl_hours: String,
    #[serde(default)]
    pub prior_rti_hours: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OjlInput {
    /// `YYYY-MM-DD`
    pub date: String,
    /// `7.5`, `7:30` or `7h30m`
    pub hours: String,
    pub work_process: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub supervisor: String,
    #[serde(default)]
    pub prior_credit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CourseworkInput {
    pub course: String,
    pub date: String,
    pub hours: String,
    pub paid: bool,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificationInput {
    /// Code of the program's required certification this satisfies; empty for none.
    #[serde(default)]
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub credential_id: String,
    pub earned_on: String,
    /// Empty when it does not expire. When empty and the program gives a validity,
    /// the expiry is computed from it.
    #[serde(default)]
    pub expires_on: String,
    /// A file to copy into the data folder as evidence.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub evidence_path: Option<String>,
}

/// A date range for listings; empty strings mean open-ended.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DateRange {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}
