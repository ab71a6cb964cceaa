//! The employer's seal on its key registry: a signed statement of the mentor keys
//! and assignments that vouch for one apprentice's sign-offs.
//!
//! Inside the employer's system the registry is trusted because the server is. A
//! bundle leaves that system, so the registry travels with the employer's own
//! signature, and a reader anchors trust in one thing the employer can publish: its
//! key's fingerprint. The statement is checked for shape as strictly as a sign-off,
//! so a damaged statement is named as damaged rather than as forged.

use chrono::DateTime;
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use journeylog_proto::{KEY_STATEMENT_CONTEXT, KeyStatement, MentorKeyRecord, SignedKeyStatement};

use super::{SigningKey, key_id};
use crate::error::{CoreError, Result};

/// The statement does not have the shape the format requires.
pub const EMPLOYER_STATEMENT_MALFORMED: &str = "employer_statement_malformed";
/// The employer's signature does not verify over the statement.
pub const EMPLOYER_STATEMENT_BAD_SIGNATURE: &str = "employer_statement_bad_signature";

fn malformed(message: impl Into<String>) -> CoreError {
    CoreError::InvalidSignoff { code: EMPLOYER_STATEMENT_MALFORMED, message: message.into() }
}

/// The bytes the employer signs: the context line, then the RFC 8785 JSON.
pub fn key_statement_message(statement: &KeyStatement) -> Result<Vec<u8>> {
    let value = serde_json::to_value(statement)
        .map_err(|e| CoreError::Internal(format!("a key statement did not serialise: {e}")))?;
    let mut message = KEY_STATEMENT_CONTEXT.to_vec();
    message.extend_from_slice(journeylog_proto::canonical_json(&value).as_bytes());
    Ok(message)
}

/// Signs `statement` with the employer's key: fills in the employer's public key and
/// key id, and sorts the keys and assignments as the format requires.
pub fn sign_key_statement(mut statement: KeyStatement, key: &SigningKey) -> Result<SignedKeyStatement> {
    statement.employer_public_key = hex::encode(key.verifying_key().as_bytes());
    statement.employer_key_id = key_id(&key.verifying_key());
    statement.mentor_keys.sort_by(|a, b| a.key_id.cmp(&b.key_id));
    statement.assignments.sort_by(|a, b| a.mentor_id.cmp(&b.mentor_id));
    let signature = key.sign(&key_statement_message(&statement)?);
    Ok(SignedKeyStatement { statement, signature: hex::encode(signature.to_bytes()) })
}

/// Checks the statement's shape and the employer's signature over it; returns the
/// employer's key. Whether that key is the employer's *real* key is for the reader
/// to decide by its fingerprint.
pub fn verify_key_statement(signed: &SignedKeyStatement) -> Result<VerifyingKey> {
    let s = &signed.statement;
    let public = lower_hex::<32>("employer_public_key", &s.employer_public_key)?;
    let signature = Signature::from_bytes(&lower_hex::<64>("signature", &signed.signature)?);
    let key =
        VerifyingKey::from_bytes(&public).map_err(|_| malformed("employer_public_key is not a valid Ed25519 point"))?;
    if s.employer_key_id != key_id(&key) {
        return Err(malformed("employer_key_id is not the key id of employer_public_key"));
    }
    timestamp("issued_at", &s.issued_at)?;
    for k in &s.mentor_keys {
        check_mentor_key(k)?;
    }
    if s.mentor_keys.windows(2).any(|w| w[0].key_id >= w[1].key_id) {
        return Err(malformed("mentor_keys are not in order of key_id (or one appears twice)"));
    }
    if s.assignments.windows(2).any(|w| w[0].mentor_id >= w[1].mentor_id) {
        return Err(malformed("assignments are not in order of mentor_id (or one appears twice)"));
    }
    if let Some(other) = s.assignments.iter().find(|a| a.apprentice_id != s.apprentice_id) {
        return Err(malformed(format!(
            "an assignment names apprentice {}, not {}",
            other.apprentice_id, s.apprentice_id
        )));
    }
    key.verify_strict(&key_statement_message(s)?, &signature).map_err(|_| CoreError::InvalidSignoff {
        code: EMPLOYER_STATEMENT_BAD_SIGNATURE,
        message: format!(
            "the employer's signature does not match its key statement about apprentice {}: something signed was changed",
            s.apprentice_id
        ),
    })?;
    Ok(key)
}

/// Checks one mentor key of a statement on its own: a valid point whose key id is
/// derived from it, and RFC 3339 times. The bundle verifier runs it per key to name
/// a damaged key before the statement it breaks.
pub(crate) fn check_mentor_key(k: &MentorKeyRecord) -> Result<()> {
    let bytes = lower_hex::<32>(&format!("the public key of mentor key {}", k.key_id), &k.public_key)?;
    let mentor_key = VerifyingKey::from_bytes(&bytes)
        .map_err(|_| malformed(format!("mentor key {} is not a valid Ed25519 point", k.key_id)))?;
    if k.key_id != key_id(&mentor_key) {
        return Err(malformed(format!("mentor key {} is not the key id of its public key", k.key_id)));
    }
    timestamp("valid_from", &k.valid_from)?;
    if let Some(revoked) = &k.revoked_at {
        timestamp("revoked_at", revoked)?;
    }
    Ok(())
}

/// How a person reads a key to compare it with the one its owner publishes: its key
/// id in groups of four, e.g. `21fe 31df a154 a261 6262 bf85 4046 fd22`.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let id = key_id(key);
    id.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

fn timestamp(field: &str, raw: &str) -> Result<()> {
    DateTime::parse_from_rfc3339(raw)
        .map(|_| ())
        .map_err(|_| malformed(format!("{field} \"{raw}\" is not an RFC 3339 time")))
}

fn lower_hex<const N: usize>(field: &str, raw: &str) -> Result<[u8; N]> {
    let mut out = [0u8; N];
    let lower = raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lower || hex::decode_to_slice(raw, &mut out).is_err() {
        return Err(malformed(format!("{field} must be {} lower-case hex digits", N * 2)));
    }
    Ok(out)
}
