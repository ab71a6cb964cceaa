//! Making and hashing the server's secrets: device tokens and enrollment codes.
//!
//! Both come from the thread-local CSPRNG. Enrollment codes are typed by people, so
//! they use Crockford's base32 (no I, L, O or U) in groups of four, and reading one
//! back forgives case, spaces, dashes and the look-alike letters.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use journeylog_proto::sha256_hex;

pub const TOKEN_PREFIX: &str = "jl_";

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 12 symbols of 5 bits: 60 bits, against an online guesser limited by expiry and
/// single use.
const CODE_SYMBOLS: usize = 12;

/// A new device token: `jl_` and 32 random bytes in base64url.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A new enrollment code such as `7KQ3-M9XD-2HWR`.
pub fn new_enrollment_code() -> String {
    let mut rng = rand::rng();
    let mut out = String::with_capacity(CODE_SYMBOLS + CODE_SYMBOLS / 4);
    for i in 0..CODE_SYMBOLS {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let symbol = CROCKFORD[(rng.next_u32() % 32) as usize];
        out.push(char::from(symbol));
    }
    out
}

/// The form of a typed code that is hashed: upper case, separators dropped,
/// look-alikes mapped to the digits they stand for.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// What the database keeps instead of a token or code.
pub fn hash_secret(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// A new random epoch for pull cursors (no dots, so cursors split cleanly).
pub fn new_epoch() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new id for a server-made row (UUIDv7: time-ordered, so indexes stay compact).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_the_prefix_and_32_bytes_of_entropy() {
        let t = new_token();
        assert!(t.starts_with("jl_"));
        assert_eq!(URL_SAFE_NO_PAD.decode(&t[3..]).unwrap().len(), 32);
        assert_ne!(t, new_token());
    }

    #[test]
    fn typed_codes_normalize_to_the_issued_form() {
        let code = new_enrollment_code();
        assert_eq!(code.len(), 14);
        assert_eq!(normalize_code(&code.to_lowercase()), code.replace('-', ""));
        assert_eq!(normalize_code(" ab0o-1il "), "AB00111");
    }
}
