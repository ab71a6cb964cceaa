//! The employer's signing key, one per employer.
//!
//! The secret half is kept in this database (hex), beside the data it vouches for:
//! the server must sign without a person present, and the database is already what
//! an operator protects. docs/server.md says so; a deployment that wants the key in
//! an HSM replaces this module.

use journeylog_core::signoff::{self, SigningKey};

use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::params;

/// The employer's key, if it has one yet.
pub fn get(tx: &mut dyn Tx, employer_id: &str) -> Result<Option<SigningKey>> {
    let row = tx.query_opt("SELECT secret_key FROM employer_key WHERE employer_id = $1", params![employer_id])?;
    row.map(|r| {
        let mut secret = [0u8; 32];
        hex::decode_to_slice(r.text(0)?, &mut secret).map_err(|_| {
            ServerError::corrupt(format!("the signing key of employer {employer_id} is not 32 hex bytes"))
        })?;
        Ok(SigningKey::from_bytes(&secret))
    })
    .transpose()
}

/// The employer's key, made now if it has none (employers created before keys were).
pub fn ensure(tx: &mut dyn Tx, employer_id: &str, now: &str) -> Result<SigningKey> {
    if let Some(key) = get(tx, employer_id)? {
        return Ok(key);
    }
    let key = signoff::generate_key();
    tx.execute(
        "INSERT INTO employer_key (employer_id, key_id, public_key, secret_key, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (employer_id) DO NOTHING",
        params![
            employer_id,
            signoff::key_id(&key.verifying_key()),
            hex::encode(key.verifying_key().as_bytes()),
            hex::encode(key.to_bytes()),
            now
        ],
    )?;
    // Another writer may have won the race; its key is the one that counts.
    get(tx, employer_id)?.ok_or_else(|| ServerError::corrupt("an employer key vanished as it was made"))
}
