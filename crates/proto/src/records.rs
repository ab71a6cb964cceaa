//! The record bodies that travel in mutation payloads and pull changes.
//!
//! They mirror the client's model field for field, with dates as `YYYY-MM-DD`
//! strings and durations as whole minutes (never floats, so sign-off hashes are
//! stable). Unknown fields are refused so that a drift between the client's model
//! and this crate fails loudly in tests instead of dropping data in production.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrollmentRecord {
    pub apprentice_name: String,
    pub program_id: String,
    pub start_date: String,
    pub prior_ojl_minutes: u32,
    pub prior_rti_minutes: u32,
    /// Grows by one with each change, like every other record's.
    pub version: u32,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OjlRecord {
    pub id: String,
    pub date: String,
    pub minutes: u32,
    pub work_process: String,
    pub note: String,
    pub site: String,
    pub supervisor: String,
    pub prior_credit: bool,
    pub status: String,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// Set on a correction of a signed-off record: the version it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends_version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CourseworkRecord {
    pub id: String,
    pub course: String,
    pub date: String,
    pub minutes: u32,
    pub paid: bool,
    pub status: String,
    #[serde(default)]
    pub grade: Option<String>,
    pub note: String,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// Set on a correction of a signed-off record: the version it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends_version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertificationRecord {
    pub id: String,
    #[serde(default)]
    pub code: Option<String>,
    pub title: String,
    pub issuer: String,
    pub credential_id: String,
    pub earned_on: String,
    #[serde(default)]
    pub expires_on: Option<String>,
    #[serde(default)]
    pub evidence: Option<EvidenceRecord>,
    pub version: u32,
    pub created_at: String,
    pub updated_at: String,
}

/// Evidence is described, not carried: the file stays on the apprentice's device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EvidenceRecord {
    pub sha256: String,
    pub file_name: String,
    pub size_bytes: u32,
}

/// The payload of a `*.delete` mutation and of a deleted change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    pub id: String,
    pub version: u32,
    pub deleted_at: String,
}
