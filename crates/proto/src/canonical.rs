//! The canonical form of a record, which content hashes (and, with sign-offs,
//! signatures) are computed over.
//!
//! Both sides must produce the same bytes for the same record, whatever order its
//! fields were serialised in, so the form is RFC 8785 (JCS), from a maintained
//! implementation rather than a hand-written one. Records hold only strings,
//! integers, booleans and nulls (durations are whole minutes), which JCS renders
//! unambiguously.

use sha2::{Digest, Sha256};

/// The RFC 8785 canonical JSON text of `value`.
pub fn canonical_json(value: &serde_json::Value) -> String {
    // Serialising a `Value` can't fail: its keys are strings and it holds no
    // non-finite numbers (serde_json refuses to build those).
    serde_json_canonicalizer::to_string(value).unwrap_or_else(|_| value.to_string())
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The content hash of a record: SHA-256 of its canonical JSON.
pub fn content_hash(value: &serde_json::Value) -> String {
    sha256_hex(canonical_json(value).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_order_does_not_change_the_hash() {
        let a = json!({"id": "x", "minutes": 450, "note": "é", "nested": {"b": 1, "a": [true, null]}});
        let b: serde_json::Value =
            serde_json::from_str(r#"{"nested":{"a":[true,null],"b":1},"note":"é","minutes":450,"id":"x"}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"id":"x","minutes":450,"nested":{"a":[true,null],"b":1},"note":"é"}"#);
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&json!({"id": "x", "minutes": 451})));
    }

    #[test]
    fn sha256_of_the_empty_string() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
