//! Who is calling: device tokens, enrollment codes and the [`Caller`] they resolve to.
//!
//! A device token is the only credential a client holds. The server keeps SHA-256 of
//! it, never the token, so a copy of the database can't be used to impersonate a
//! device. Resolving a token always yields the device's user *and employer*: every
//! query after that is scoped by them.

mod enroll;
pub mod secrets;

pub use enroll::enroll;

use journeylog_proto::Role;

use crate::db::Tx;
use crate::error::{Result, ServerError};
use crate::store::accounts;

/// The authenticated device behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The device id, which is the `client_id` of its pushes.
    pub client_id: String,
    pub user_id: String,
    pub employer_id: String,
    pub role: Role,
    /// For an apprentice: the program the employer enrolled them in.
    pub program_id: Option<String>,
}

/// Tokens are `jl_` plus 43 base64url characters; anything far off that is refused
/// without a database lookup.
const MAX_TOKEN_LEN: usize = 128;

/// Resolves a bearer token to its caller, or explains (without echoing the token)
/// why it is refused.
pub fn authenticate(tx: &mut dyn Tx, token: &str) -> Result<Caller> {
    if !token.starts_with(secrets::TOKEN_PREFIX) || token.len() > MAX_TOKEN_LEN {
        return Err(unknown_token());
    }
    let found = accounts::device_by_token_hash(tx, &secrets::hash_secret(token))?;
    match found {
        None => Err(unknown_token()),
        Some((_, true)) => Err(ServerError::Unauthorized(
            "this device was revoked by the employer's admin; enroll it again with a new enrollment code".into(),
        )),
        Some((caller, false)) => Ok(caller),
    }
}

fn unknown_token() -> ServerError {
    ServerError::Unauthorized("the bearer token is not a valid device token; enroll this device again".into())
}
