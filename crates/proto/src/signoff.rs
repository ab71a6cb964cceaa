//! Sign-offs on the wire (DESIGN §5): what a mentor signs, and the records that
//! carry mentor keys, assignments and milestone requests to the devices that need
//! them.
//!
//! Only data lives here. Signing and verifying are in `journeylog_core::signoff`,
//! which both the desktop client and the server call, so there is exactly one
//! definition of "a valid sign-off". `docs/signatures.md` describes the format for
//! anyone writing an independent verifier.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The domain-separation prefix of every signed message.
pub const SIGNOFF_CONTEXT: &[u8] = b"journeylog-signoff-v1\n";

/// The prefix a mentor's device signs to prove it holds the key it registers.
pub const KEY_PROOF_CONTEXT: &[u8] = b"journeylog-key-v1\n";

/// What the mentor decided. Each is a signed statement; none can be undone except
/// by a later signed `revoked` statement naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The records, at these versions and contents, are signed off. They lock.
    Approved,
    /// Sent back with a comment; the apprentice may edit and submit again.
    Returned,
    /// Withdraws an earlier sign-off; the subject is `signoff:<id>`.
    Revoked,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Returned => "returned",
            Decision::Revoked => "revoked",
        }
    }
}

/// One record a sign-off covers, pinned by version and content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignedRecord {
    pub id: String,
    pub version: u32,
    /// Lower-case hex SHA-256 of the record's RFC 8785 canonical JSON.
    pub content_hash: String,
}

/// The statement whose canonical JSON is signed. Integers and strings only, so its
/// canonical form is unambiguous in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignoffStatement {
    pub signoff_id: String,
    pub apprentice_id: String,
    pub program_id: String,
    /// `period:YYYY-MM-DD/YYYY-MM-DD`, `milestone:<code>`,
    /// `competency:<work process>/<competency>` or `signoff:<revoked id>`.
    pub subject: String,
    pub decision: Decision,
    pub comment: String,
    /// RFC 3339, UTC, whole seconds.
    pub signed_at: String,
    pub mentor_id: String,
    pub key_id: String,
    /// Sorted by id, no id twice.
    pub records: Vec<SignedRecord>,
}

/// A sign-off as stored and synced: the statement, the public key it claims, and the
/// signature. `apprentice_id` and `subject` are repeated outside the statement as the
/// envelope the record is filed under; a verifier checks that they agree with the
/// signed copy, so a sign-off can't be refiled under another apprentice or milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignoffRecord {
    pub apprentice_id: String,
    pub subject: String,
    pub statement: SignoffStatement,
    /// Lower-case hex of the 32-byte Ed25519 public key the signer used.
    pub public_key: String,
    /// Lower-case hex of the 64-byte Ed25519 signature over
    /// [`SIGNOFF_CONTEXT`] followed by the statement's canonical JSON.
    pub signature: String,
}

/// A mentor's registered public key (`GET /v1/keys`, and pulled as a change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MentorKeyRecord {
    pub key_id: String,
    pub mentor_id: String,
    pub mentor_name: String,
    /// Lower-case hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    pub valid_from: String,
    #[serde(default)]
    pub revoked_at: Option<String>,
}

/// `GET /v1/keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct KeysResponse {
    pub keys: Vec<MentorKeyRecord>,
}

/// `POST /v1/keys`: a mentor's device registers the key it just made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterKeyRequest {
    pub public_key: String,
    /// Hex signature over [`KEY_PROOF_CONTEXT`] + public key hex + `"\n"` + user id:
    /// proof that the device holds the private half.
    pub proof: String,
}

/// Which mentor signs for which apprentice; pulled by both, so each side can check
/// a sign-off's mentor offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentRecord {
    pub mentor_id: String,
    pub mentor_name: String,
    pub apprentice_id: String,
    pub apprentice_name: String,
    pub assigned_at: String,
}

/// An apprentice asks for a milestone to be signed off. Its record id is the
/// milestone code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneRequestRecord {
    pub milestone: String,
    pub note: String,
    pub version: u32,
    pub requested_at: String,
}
