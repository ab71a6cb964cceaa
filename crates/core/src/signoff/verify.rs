//! Verifying a sign-off: every check, in a fixed order, each with its own code.
//!
//! The order is chosen so the code names the real fault: shape first, then the key
//! registry, then the signature over the exact bytes, and only for an authentic
//! statement the questions of where it is filed and whether its signer may sign.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, VerifyingKey};
use journeylog_proto::codes;
use journeylog_proto::{Decision, SignoffRecord};

use super::{Subject, key_proof_message, signed_message};
use crate::error::{CoreError, Result};

/// A registered key, as the employer's registry lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub mentor_id: String,
    /// Lower-case hex, 32 bytes.
    pub public_key: String,
    pub revoked_at: Option<String>,
}

/// What a verifier trusts: the employer's key registry and its mentor assignments.
/// The client fills it from what it pulled, the server from its tables.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    pub keys: HashMap<String, KeyEntry>,
    /// `(mentor_id, apprentice_id)` pairs.
    pub assignments: HashSet<(String, String)>,
}

/// Where the verifier found the sign-off: whose logbook and, when it is looking one
/// up for a milestone or period, which subject.
#[derive(Debug, Clone, Copy)]
pub struct FiledUnder<'a> {
    pub apprentice_id: &'a str,
    pub subject: Option<&'a str>,
}

fn invalid(code: &'static str, message: impl Into<String>) -> CoreError {
    CoreError::InvalidSignoff { code, message: message.into() }
}

fn timestamp(field: &str, raw: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| invalid(codes::SIGNOFF_MALFORMED, format!("{field} \"{raw}\" is not an RFC 3339 time")))
}

fn hex_bytes<const N: usize>(field: &str, raw: &str) -> Result<[u8; N]> {
    let mut out = [0u8; N];
    let lower = raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lower || hex::decode_to_slice(raw, &mut out).is_err() {
        return Err(invalid(codes::SIGNOFF_MALFORMED, format!("{field} must be {} lower-case hex digits", N * 2)));
    }
    Ok(out)
}

/// Checks `record` against `trust`, as found under `found`.
pub fn verify(record: &SignoffRecord, found: FiledUnder<'_>, trust: &Trust) -> Result<()> {
    let s = &record.statement;
    // 1. Shape.
    let subject = Subject::parse(&s.subject)?;
    if matches!(subject, Subject::Signoff { .. }) != (s.decision == Decision::Revoked) {
        return Err(invalid(codes::SIGNOFF_MALFORMED, "a revocation, and only a revocation, has subject signoff:<id>"));
    }
    let signed_at = timestamp("signed_at", &s.signed_at)?;
    let public_key = hex_bytes::<32>("public_key", &record.public_key)?;
    let signature = Signature::from_bytes(&hex_bytes::<64>("signature", &record.signature)?);
    for r in &s.records {
        hex_bytes::<32>(&format!("content_hash of record {}", r.id), &r.content_hash)?;
    }
    if s.records.windows(2).any(|w| w[0].id >= w[1].id) {
        return Err(invalid(
            codes::SIGNOFF_RECORDS_UNORDERED,
            "the signed records are not in order of id (or one appears twice); a signer always sorts them",
        ));
    }
    // 2. The registry.
    let key = trust.keys.get(&s.key_id).ok_or_else(|| {
        invalid(codes::SIGNOFF_UNKNOWN_KEY, format!("key {} is not in the employer's key registry", s.key_id))
    })?;
    if key.public_key != record.public_key {
        return Err(invalid(
            codes::SIGNOFF_FORGED_KEY,
            format!("the public key carried is not the one registered as key {}", s.key_id),
        ));
    }
    // 3. The signature, strictly (no malleable or small-order encodings).
    let verifying = VerifyingKey::from_bytes(&public_key)
        .map_err(|_| invalid(codes::SIGNOFF_MALFORMED, "public_key is not a valid Ed25519 point"))?;
    verifying.verify_strict(&signed_message(s)?, &signature).map_err(|_| {
        invalid(
            codes::SIGNOFF_BAD_SIGNATURE,
            format!(
                "the signature of sign-off {} does not match its content: something signed was changed",
                s.signoff_id
            ),
        )
    })?;
    // 4. Where it is filed.
    if record.apprentice_id != s.apprentice_id || found.apprentice_id != s.apprentice_id {
        return Err(invalid(
            codes::SIGNOFF_WRONG_APPRENTICE,
            format!("sign-off {} was signed for another apprentice", s.signoff_id),
        ));
    }
    if record.subject != s.subject || found.subject.is_some_and(|want| want != s.subject) {
        return Err(invalid(
            codes::SIGNOFF_WRONG_SUBJECT,
            format!("sign-off {} was signed for {}, not for what it is filed under", s.signoff_id, s.subject),
        ));
    }
    // 5. Whether the signer may sign.
    if key.mentor_id != s.mentor_id {
        return Err(invalid(
            codes::SIGNOFF_KEY_NOT_MENTORS,
            format!("key {} belongs to another mentor than {}", s.key_id, s.mentor_id),
        ));
    }
    if let Some(revoked) = &key.revoked_at
        && timestamp("revoked_at", revoked)? <= signed_at
    {
        return Err(invalid(
            codes::SIGNOFF_KEY_REVOKED,
            format!("key {} was revoked at {revoked}, before this sign-off was made", s.key_id),
        ));
    }
    if !trust.assignments.contains(&(s.mentor_id.clone(), s.apprentice_id.clone())) {
        return Err(invalid(
            codes::SIGNOFF_NOT_ASSIGNED,
            format!("mentor {} is not assigned to apprentice {}", s.mentor_id, s.apprentice_id),
        ));
    }
    Ok(())
}

/// Checks a key registration's proof of possession; returns the key.
pub fn verify_key_proof(public_key_hex: &str, proof_hex: &str, user_id: &str) -> Result<VerifyingKey> {
    let key = VerifyingKey::from_bytes(&hex_bytes::<32>("public_key", public_key_hex)?)
        .map_err(|_| invalid(codes::SIGNOFF_MALFORMED, "public_key is not a valid Ed25519 point"))?;
    let proof = Signature::from_bytes(&hex_bytes::<64>("proof", proof_hex)?);
    key.verify_strict(&key_proof_message(public_key_hex, user_id), &proof).map_err(|_| {
        invalid(codes::SIGNOFF_BAD_SIGNATURE, "the proof does not verify: the device does not hold this key")
    })?;
    Ok(key)
}
