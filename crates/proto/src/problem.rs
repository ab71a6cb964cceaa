//! Errors on the wire: problem+json bodies and the stable codes clients branch on.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
    /// With `seq_gap` only: the seq the server expects next from this device. A
    /// device whose seqs ran past it (the server was restored from a backup) sends
    /// its acknowledged changes again from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_seq: Option<u64>,
}

impl Problem {
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            type_uri: format!("https://journeylog.invalid/problems/{code}"),
            title: title.to_owned(),
            status,
            code: code.to_owned(),
            detail: detail.into(),
            expected_seq: None,
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

    // Why a sign-off is not valid: the same codes from the server (rejecting a push)
    // and the client (verifying what it pulled or loaded). See docs/signatures.md.
    /// A field is missing, not hex of the right length, or not in its format.
    pub const SIGNOFF_MALFORMED: &str = "signoff_malformed";
    /// The signature does not verify: some signed byte changed.
    pub const SIGNOFF_BAD_SIGNATURE: &str = "signoff_bad_signature";
    /// The public key carried is not the one registered under the key id.
    pub const SIGNOFF_FORGED_KEY: &str = "signoff_forged_key";
    /// The records are not sorted by id (or one appears twice).
    pub const SIGNOFF_RECORDS_UNORDERED: &str = "signoff_records_unordered";
    /// Filed under an apprentice other than the one it was signed for.
    pub const SIGNOFF_WRONG_APPRENTICE: &str = "signoff_wrong_apprentice";
    /// Filed under a period or milestone other than the one it was signed for.
    pub const SIGNOFF_WRONG_SUBJECT: &str = "signoff_wrong_subject";
    /// No key with this id is registered.
    pub const SIGNOFF_UNKNOWN_KEY: &str = "signoff_unknown_key";
    /// The key was revoked before the sign-off was made.
    pub const SIGNOFF_KEY_REVOKED: &str = "signoff_key_revoked";
    /// The key is registered to a different mentor than the one who signs.
    pub const SIGNOFF_KEY_NOT_MENTORS: &str = "signoff_key_not_mentors";
    /// The mentor is not assigned to the apprentice.
    pub const SIGNOFF_NOT_ASSIGNED: &str = "signoff_not_assigned";
    /// A signed record is missing, or at another version or content than signed.
    pub const SIGNOFF_RECORD_MISMATCH: &str = "signoff_record_mismatch";
}
