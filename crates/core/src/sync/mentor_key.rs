//! A mentor device's signing key: made on first mentor login, kept like the token
//! (keychain, or a 0600 file where none runs), and registered with the employer.
//!
//! The private half never leaves the device and never enters the logbook database:
//! whoever can read the database (the apprentice, a backup, a support ticket) must
//! not be able to sign.

use std::path::Path;

use ed25519_dalek::SigningKey;
use journeylog_proto::{MentorKeyRecord, RegisterKeyRequest};

use super::http::HttpClient;
use super::vault::{DeviceToken, TokenVault};
use crate::error::{CoreError, Result};
use crate::signoff;

/// Makes a key pair, keeps the private half in the vault and registers the public
/// half. A key already in the vault is registered again instead (idempotent).
pub(crate) fn make_and_register(
    data_dir: &Path,
    client: &HttpClient,
    token: &DeviceToken,
    client_id: &str,
    user_id: &str,
) -> Result<MentorKeyRecord> {
    let vault = TokenVault::for_signing_key(data_dir);
    let key = match load(data_dir, client_id) {
        Ok(key) => key,
        Err(_) => {
            let key = signoff::generate_key();
            vault.store(client_id, &DeviceToken::new(hex::encode(key.to_bytes())))?;
            key
        }
    };
    let request = RegisterKeyRequest {
        public_key: hex::encode(key.verifying_key().as_bytes()),
        proof: signoff::key_proof(&key, user_id),
    };
    client.register_key(token, &request).map_err(super::to_core_error)
}

/// This device's signing key.
pub(crate) fn load(data_dir: &Path, client_id: &str) -> Result<SigningKey> {
    let (secret, _) = TokenVault::for_signing_key(data_dir).load(client_id).map_err(|_| missing())?;
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(secret.secret(), &mut bytes).map_err(|_| missing())?;
    Ok(SigningKey::from_bytes(&bytes))
}

fn missing() -> CoreError {
    CoreError::invalid(
        "signing_key",
        "this device has no mentor signing key (or it is unreadable); disconnect and connect again with a new \
         mentor enrollment code to make and register one",
    )
}
