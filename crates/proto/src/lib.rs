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

mod canonical;
mod kinds;
mod problem;
mod records;
mod signoff;
mod statement;

pub use canonical::{canonical_json, canonical_json_of, content_hash, sha256_hex, write_canonical_json};
pub use kinds::{MutationKind, RecordKind};
pub use problem::{Problem, codes};

pub use records::{CertificationRecord, CourseworkRecord, EnrollmentRecord, EvidenceRecord, OjlRecord, Tombstone};
pub use signoff::{
    AssignmentRecord, Decision, KEY_PROOF_CONTEXT, KeysResponse, MentorKeyRecord, MilestoneRequestRecord,
    RegisterKeyRequest, SIGNOFF_CONTEXT, SignedRecord, SignoffRecord, SignoffStatement,
};
pub use statement::{KEY_STATEMENT_CONTEXT, KeyStatement, SignedKeyStatement};

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
    /// The apprentice whose logbook the record belongs to (for sign-offs and
    /// assignments too), or the mentor of a key; none for programs. A mentor's device
    /// files what it pulls under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
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
