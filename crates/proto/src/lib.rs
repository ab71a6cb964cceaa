//! The wire format of "journeylog-sync v1" (DESIGN §4), in one place.
//!
//! The desktop client and the employer server both compile against these types, so
//! a change to the protocol is a change to this crate and shows up on both sides at
//! once. The crate holds data and constants only: no I/O, no storage, no HTTP stack.
//!
//! Request bodies refuse unknown fields: a client that sends a field the server does
//! not know is talking a different protocol, and silently dropping data is the one
//! thing a logbook must never do. Response bodies accept unknown fields, so an older
//! client keeps working against a newer server within the same protocol version.

mod records;

pub use records::{CertificationRecord, CourseworkRecord, EnrollmentRecord, EvidenceRecord, OjlRecord, Tombstone};

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Every request carries this header with [`PROTOCOL_VERSION`]; an older value gets 426.
pub const PROTOCOL_HEADER: &str = "Journeylog-Protocol";
pub const PROTOCOL_VERSION: u32 = 1;

/// At most this many mutations in one push.
pub const MAX_PUSH_MUTATIONS: usize = 500;
/// At most this many bytes in one request body; more gets 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Pull page size when the client does not ask, and the most it may ask for.
pub const DEFAULT_PULL_LIMIT: u32 = 500;
pub const MAX_PULL_LIMIT: u32 = 1000;

/// Media type of every error body (RFC 9457).
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Who a user is within an employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Mentor,
    Apprentice,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Mentor => "mentor",
            Role::Apprentice => "apprentice",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "mentor" => Some(Role::Mentor),
            "apprentice" => Some(Role::Apprentice),
            _ => None,
        }
    }
}

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    /// `"ok"` when the database answers.
    pub status: String,
    pub protocol: u32,
    pub server_version: String,
}

/// `POST /v1/enroll`: trades a one-time enrollment code for a device token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    pub code: String,
    /// Shown to the employer's admin, e.g. "Dana's laptop".
    pub device_name: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EnrollResponse {
    /// Bearer token for every later request. Shown once; the server keeps only its hash.
    pub token: String,
    /// This device's id: the `client_id` of its pushes.
    pub client_id: String,
    pub employer_id: String,
    pub employer_name: String,
    pub user_id: String,
    pub user_name: String,
    pub role: Role,
    /// The program the apprentice is enrolled in, when the employer set one.
    pub program_id: Option<String>,
}

// Hand-written so the token can never reach a log line through `{:?}`.
impl std::fmt::Debug for EnrollResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollResponse")
            .field("token", &"<redacted>")
            .field("client_id", &self.client_id)
            .field("employer_id", &self.employer_id)
            .field("employer_name", &self.employer_name)
            .field("user_id", &self.user_id)
            .field("user_name", &self.user_name)
            .field("role", &self.role)
            .field("program_id", &self.program_id)
            .finish()
    }
}

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
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Enrollment => "enrollment",
            RecordKind::OjlEntry => "ojl_entry",
            RecordKind::CourseworkEntry => "coursework_entry",
            RecordKind::Certification => "certification",
            RecordKind::Program => "program",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        [
            RecordKind::Enrollment,
            RecordKind::OjlEntry,
            RecordKind::CourseworkEntry,
            RecordKind::Certification,
            RecordKind::Program,
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
}

impl MutationKind {
    pub const ALL: [MutationKind; 7] = [
        MutationKind::EnrollmentUpsert,
        MutationKind::OjlEntryUpsert,
        MutationKind::OjlEntryDelete,
        MutationKind::CourseworkEntryUpsert,
        MutationKind::CourseworkEntryDelete,
        MutationKind::CertificationUpsert,
        MutationKind::CertificationDelete,
    ];

    pub fn record_kind(self) -> RecordKind {
        match self {
            MutationKind::EnrollmentUpsert => RecordKind::Enrollment,
            MutationKind::OjlEntryUpsert | MutationKind::OjlEntryDelete => RecordKind::OjlEntry,
            MutationKind::CourseworkEntryUpsert | MutationKind::CourseworkEntryDelete => RecordKind::CourseworkEntry,
            MutationKind::CertificationUpsert | MutationKind::CertificationDelete => RecordKind::Certification,
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
        }
    }

    pub fn parse(s: &str) -> Option<MutationKind> {
        MutationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One local change, as the client's outbox recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// Per-client, starting at 1 and increasing by exactly 1.
    pub seq: u64,
    /// A UUID the client made for this change.
    pub mutation_id: String,
    pub kind: MutationKind,
    pub record_id: String,
    /// The record version this change was made on; 0 creates the record.
    pub base_version: u32,
    /// The whole record after the change ([`OjlRecord`] and friends), or a
    /// [`Tombstone`] for a delete.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
}

/// `POST /v1/sync/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub client_id: String,
    /// In seq order, at most [`MAX_PUSH_MUTATIONS`].
    pub mutations: Vec<Mutation>,
}

/// The server's answer to one mutation. A retried seq gets back the answer it got
/// the first time (`applied` turns into `duplicate`), so retries are safe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MutationOutcome {
    /// Stored; the record is now at `version`.
    Applied { version: u32 },
    /// This seq was applied before; the record reached `version` then.
    Duplicate { version: u32 },
    /// Refused for good (a broken rule, a version conflict). The seq still advances;
    /// the client keeps the change and shows it to the user.
    Rejected {
        code: String,
        message: String,
        /// On `version_conflict`: the server's current record, so the client can show
        /// both versions side by side.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        current: Option<Change>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MutationResult {
    pub seq: u64,
    pub mutation_id: String,
    #[serde(flatten)]
    pub outcome: MutationOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PushResponse {
    /// One per mutation sent, in the same order.
    pub results: Vec<MutationResult>,
    /// The highest seq the server has settled for this client.
    pub last_seq: u64,
}

/// One record as the server holds it, in a pull page or a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Change {
    pub kind: RecordKind,
    pub record_id: String,
    pub version: u32,
    pub deleted: bool,
    /// The record's body; a [`Tombstone`] when `deleted`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
    /// The device that wrote this version, if a device did (programs come from the
    /// employer). A client skips its own writes.
    pub origin_client_id: Option<String>,
}

/// `GET /v1/sync/pull?cursor=..&limit=..`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// Opaque; send it back to get the next page. Store it with the page's changes.
    pub cursor: String,
    pub has_more: bool,
}

/// An `application/problem+json` body (RFC 9457) with a stable machine `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    /// Stable across releases; clients branch on it. See [`codes`].
    pub code: String,
    /// For a person: what was wrong and what to do.
    pub detail: String,
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            type_uri: format!("https://journeylog.invalid/problems/{code}"),
            title: title.to_owned(),
            status,
            code: code.to_owned(),
            detail: detail.into(),
        }
    }
}

/// The stable `code` values of problems and of rejected mutations.
pub mod codes {
    // Request-level problems (HTTP status in brackets).
    /// [400] The body is not JSON, has the wrong types, or has unknown fields.
    pub const INVALID_BODY: &str = "invalid_body";
    /// [400] A query parameter is malformed (e.g. the pull cursor).
    pub const INVALID_QUERY: &str = "invalid_query";
    /// [400] More than [`crate::MAX_PUSH_MUTATIONS`] in one push.
    pub const TOO_MANY_MUTATIONS: &str = "too_many_mutations";
    /// [401] No token, an unknown token or a revoked one.
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// [403] Authenticated, but not allowed to do this.
    pub const FORBIDDEN: &str = "forbidden";
    /// [404]
    pub const NOT_FOUND: &str = "not_found";
    /// [405] The route exists, but not with this method.
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// [409] The first mutation's seq is past the next expected one.
    pub const SEQ_GAP: &str = "seq_gap";
    /// [409] The server was restored or reset: pull again from the start.
    pub const RESYNC_REQUIRED: &str = "resync_required";
    /// [400] The enrollment code is unknown, used or expired.
    pub const ENROLLMENT_CODE_INVALID: &str = "enrollment_code_invalid";
    /// [413]
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    /// [415]
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// [426] The `Journeylog-Protocol` header is missing or too old.
    pub const UPGRADE_REQUIRED: &str = "upgrade_required";
    /// [429]
    pub const RATE_LIMITED: &str = "rate_limited";
    /// [500] Never carries internal detail.
    pub const INTERNAL: &str = "internal";
    /// [503]
    pub const UNAVAILABLE: &str = "unavailable";

    // Per-mutation rejections (inside a 200 push response).
    /// `base_version` is not the server's current version of the record.
    pub const VERSION_CONFLICT: &str = "version_conflict";
    /// The payload is not a valid record of its kind, or disagrees with the mutation.
    pub const INVALID_RECORD: &str = "invalid_record";
    /// The record is dated more than a day ahead of the server's clock.
    pub const FUTURE_DATED: &str = "future_dated";
    /// The day would hold more than 24:00 across OJL and coursework.
    pub const DAY_LIMIT: &str = "day_limit";
    /// The work process or course is not in the apprentice's program.
    pub const UNKNOWN_CODE: &str = "unknown_code";
    /// The record belongs to someone else, or the caller's role can't write it.
    pub const NOT_OWNER: &str = "not_owner";
    /// The record (at this version) carries a mentor's sign-off and can't change.
    pub const SIGNED_OFF: &str = "signed_off";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutation_kinds_round_trip_through_their_wire_names() {
        for kind in MutationKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(MutationKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.as_str().split('.').next(), Some(kind.record_kind().as_str()));
        }
    }

    #[test]
    fn outcomes_are_tagged_by_status() {
        let r = MutationResult {
            seq: 3,
            mutation_id: "m".into(),
            outcome: MutationOutcome::Rejected {
                code: codes::DAY_LIMIT.into(),
                message: "too long".into(),
                current: None,
            },
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["status"], "rejected");
        assert_eq!(json["code"], "day_limit");
        let back: MutationResult = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn push_requests_refuse_unknown_fields() {
        let err = serde_json::from_str::<PushRequest>(r#"{"client_id":"c","mutations":[],"extra":1}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn enroll_response_debug_hides_the_token() {
        let r = EnrollResponse {
            token: "jl_secret_token_bytes".into(),
            client_id: "c".into(),
            employer_id: "e".into(),
            employer_name: "Acme".into(),
            user_id: "u".into(),
            user_name: "Dana".into(),
            role: Role::Apprentice,
            program_id: None,
        };
        let shown = format!("{r:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }
}
