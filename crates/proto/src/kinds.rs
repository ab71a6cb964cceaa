//! What can sync: the record kinds and the mutations on them, with their wire names.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The kinds of record that sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The apprentice's enrollment (name, start date, prior credit). Its record id is
    /// always `"enrollment"`: one per apprentice.
    Enrollment,
    OjlEntry,
    CourseworkEntry,
    Certification,
    /// A program standard, written by the employer and pulled by its apprentices.
    Program,
    /// A mentor's signed decision on some of an apprentice's records.
    Signoff,
    /// A mentor's registered public key, written by the server.
    MentorKey,
    /// A mentor-to-apprentice assignment, written by the server.
    Assignment,
    /// An apprentice's request for a milestone sign-off.
    MilestoneRequest,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Enrollment => "enrollment",
            RecordKind::OjlEntry => "ojl_entry",
            RecordKind::CourseworkEntry => "coursework_entry",
            RecordKind::Certification => "certification",
            RecordKind::Program => "program",
            RecordKind::Signoff => "signoff",
            RecordKind::MentorKey => "mentor_key",
            RecordKind::Assignment => "assignment",
            RecordKind::MilestoneRequest => "milestone_request",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        [
            RecordKind::Enrollment,
            RecordKind::OjlEntry,
            RecordKind::CourseworkEntry,
            RecordKind::Certification,
            RecordKind::Program,
            RecordKind::Signoff,
            RecordKind::MentorKey,
            RecordKind::Assignment,
            RecordKind::MilestoneRequest,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What a mutation does, as `<record kind>.<upsert|delete>` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum MutationKind {
    #[serde(rename = "enrollment.upsert")]
    EnrollmentUpsert,
    #[serde(rename = "ojl_entry.upsert")]
    OjlEntryUpsert,
    #[serde(rename = "ojl_entry.delete")]
    OjlEntryDelete,
    #[serde(rename = "coursework_entry.upsert")]
    CourseworkEntryUpsert,
    #[serde(rename = "coursework_entry.delete")]
    CourseworkEntryDelete,
    #[serde(rename = "certification.upsert")]
    CertificationUpsert,
    #[serde(rename = "certification.delete")]
    CertificationDelete,
    /// Sign-offs are never edited: a change of mind is a new, revoking sign-off.
    #[serde(rename = "signoff.create")]
    SignoffCreate,
    #[serde(rename = "milestone_request.upsert")]
    MilestoneRequestUpsert,
}

impl MutationKind {
    pub const ALL: [MutationKind; 9] = [
        MutationKind::EnrollmentUpsert,
        MutationKind::OjlEntryUpsert,
        MutationKind::OjlEntryDelete,
        MutationKind::CourseworkEntryUpsert,
        MutationKind::CourseworkEntryDelete,
        MutationKind::CertificationUpsert,
        MutationKind::CertificationDelete,
        MutationKind::SignoffCreate,
        MutationKind::MilestoneRequestUpsert,
    ];

    pub fn record_kind(self) -> RecordKind {
        match self {
            MutationKind::EnrollmentUpsert => RecordKind::Enrollment,
            MutationKind::OjlEntryUpsert | MutationKind::OjlEntryDelete => RecordKind::OjlEntry,
            MutationKind::CourseworkEntryUpsert | MutationKind::CourseworkEntryDelete => RecordKind::CourseworkEntry,
            MutationKind::CertificationUpsert | MutationKind::CertificationDelete => RecordKind::Certification,
            MutationKind::SignoffCreate => RecordKind::Signoff,
            MutationKind::MilestoneRequestUpsert => RecordKind::MilestoneRequest,
        }
    }

    pub fn is_delete(self) -> bool {
        matches!(
            self,
            MutationKind::OjlEntryDelete | MutationKind::CourseworkEntryDelete | MutationKind::CertificationDelete
        )
    }

    /// The wire name, e.g. `"ojl_entry.upsert"` (the same string the client's outbox keeps).
    pub fn as_str(self) -> &'static str {
        match self {
            MutationKind::EnrollmentUpsert => "enrollment.upsert",
            MutationKind::OjlEntryUpsert => "ojl_entry.upsert",
            MutationKind::OjlEntryDelete => "ojl_entry.delete",
            MutationKind::CourseworkEntryUpsert => "coursework_entry.upsert",
            MutationKind::CourseworkEntryDelete => "coursework_entry.delete",
            MutationKind::CertificationUpsert => "certification.upsert",
            MutationKind::CertificationDelete => "certification.delete",
            MutationKind::SignoffCreate => "signoff.create",
            MutationKind::MilestoneRequestUpsert => "milestone_request.upsert",
        }
    }

    pub fn parse(s: &str) -> Option<MutationKind> {
        MutationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
