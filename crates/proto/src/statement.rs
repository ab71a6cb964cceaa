//! The employer's statement of the mentor keys (and assignments) that vouch for one
//! apprentice's sign-offs.
//!
//! A sign-off is only as good as the registry that says whose key signed it. On the
//! employer's server that registry is trusted because the server is; in a bundle
//! carried to a new employer it is trusted because the old employer signed it with
//! its own key, whose fingerprint it publishes. `docs/bundle.md` gives the exact
//! bytes; signing and verifying live in `journeylog_core::signoff`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{AssignmentRecord, MentorKeyRecord};

/// The domain-separation prefix of an employer's key statement signature.
pub const KEY_STATEMENT_CONTEXT: &[u8] = b"journeylog-key-statement-v1\n";

/// What the employer signs: which mentor keys it registered, which mentors it
/// assigned to this apprentice, and its own public key. Strings and integers only,
/// except `revoked_at`, which is `null` for a key still in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyStatement {
    pub employer_id: String,
    pub employer_name: String,
    /// The key id of `employer_public_key` (first 32 hex digits of its SHA-256).
    pub employer_key_id: String,
    /// Lower-case hex of the employer's 32-byte Ed25519 public key.
    pub employer_public_key: String,
    /// The apprentice this statement is about.
    pub apprentice_id: String,
    pub apprentice_name: String,
    /// The keys of every mentor assigned to the apprentice, revoked ones included,
    /// sorted by `key_id`.
    pub mentor_keys: Vec<MentorKeyRecord>,
    /// The apprentice's mentor assignments, sorted by `mentor_id`.
    pub assignments: Vec<AssignmentRecord>,
    /// RFC 3339, UTC, whole seconds.
    pub issued_at: String,
}

/// `GET /v1/keys/statement`: the statement and the employer's signature over
/// [`KEY_STATEMENT_CONTEXT`] followed by the statement's RFC 8785 canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignedKeyStatement {
    pub statement: KeyStatement,
    /// Lower-case hex of the 64-byte Ed25519 signature.
    pub signature: String,
}
