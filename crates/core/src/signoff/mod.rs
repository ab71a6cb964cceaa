//! Mentor sign-offs (DESIGN §5): the one definition of how a sign-off is made and
//! what makes it valid, shared by the desktop client and the employer server.
//!
//! A sign-off must stay trustworthy on a laptop its apprentice fully controls, so
//! nothing here trusts the database it was read from: a signature covers the exact
//! versions and content hashes of the records it approves, keys come from the
//! employer's registry, and every check has its own stable code so a rejection says
//! precisely what was wrong. The byte format is specified in docs/signatures.md.

mod employer;
pub mod ledger;
mod subject;
mod verify;

#[cfg(test)]
mod tests;

use ed25519_dalek::{Signer, VerifyingKey};
use journeylog_proto::{KEY_PROOF_CONTEXT, SIGNOFF_CONTEXT, SignedRecord, SignoffRecord, SignoffStatement};

pub use ed25519_dalek::SigningKey;
pub(crate) use employer::check_mentor_key;
pub use employer::{
    EMPLOYER_STATEMENT_BAD_SIGNATURE, EMPLOYER_STATEMENT_MALFORMED, fingerprint, key_statement_message,
    sign_key_statement, verify_key_statement,
};
pub use subject::Subject;
pub use verify::{FiledUnder, KeyEntry, Trust, verify, verify_key_proof};

use crate::error::{CoreError, Result};

/// The bytes a mentor signs: the context line, then the statement's RFC 8785 JSON.
pub fn signed_message(statement: &SignoffStatement) -> Result<Vec<u8>> {
    let value = serde_json::to_value(statement)
        .map_err(|e| CoreError::Internal(format!("a sign-off statement did not serialise: {e}")))?;
    let mut message = SIGNOFF_CONTEXT.to_vec();
    message.extend_from_slice(journeylog_proto::canonical_json(&value).as_bytes());
    Ok(message)
}

/// The key id of a public key: the first 32 hex digits of its SHA-256. Stable, and
/// derivable by anyone holding the key.
pub fn key_id(public_key: &VerifyingKey) -> String {
    let mut id = journeylog_proto::sha256_hex(public_key.as_bytes());
    id.truncate(32);
    id
}

/// Signs `statement` (its records are sorted first) and files it under the
/// statement's own apprentice and subject.
pub fn sign(mut statement: SignoffStatement, key: &SigningKey) -> Result<SignoffRecord> {
    statement.records.sort();
    statement.records.dedup_by(|a, b| a.id == b.id);
    Subject::parse(&statement.subject)?;
    let signature = key.sign(&signed_message(&statement)?);
    Ok(SignoffRecord {
        apprentice_id: statement.apprentice_id.clone(),
        subject: statement.subject.clone(),
        public_key: hex::encode(key.verifying_key().as_bytes()),
        signature: hex::encode(signature.to_bytes()),
        statement,
    })
}

/// The proof a device sends with the key it registers: a signature, by that key,
/// over the context line, the public key's hex and the mentor's user id.
pub fn key_proof(key: &SigningKey, user_id: &str) -> String {
    hex::encode(key.sign(&key_proof_message(&hex::encode(key.verifying_key().as_bytes()), user_id)).to_bytes())
}

pub(crate) fn key_proof_message(public_key_hex: &str, user_id: &str) -> Vec<u8> {
    let mut message = KEY_PROOF_CONTEXT.to_vec();
    message.extend_from_slice(public_key_hex.as_bytes());
    message.push(b'\n');
    message.extend_from_slice(user_id.as_bytes());
    message
}

/// A fresh key pair from the operating system's random source.
pub fn generate_key() -> SigningKey {
    let mut secret = [0u8; 32];
    rand::fill(&mut secret);
    SigningKey::from_bytes(&secret)
}

/// The record reference a statement pins: id, version and content hash.
pub fn signed_record(id: &str, version: u32, content: &serde_json::Value) -> SignedRecord {
    SignedRecord { id: id.to_owned(), version, content_hash: journeylog_proto::content_hash(content) }
}
