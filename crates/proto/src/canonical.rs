//! The canonical form of a record, which content hashes (and, with sign-offs,
//! signatures) are computed over.
//!
//! Both sides must produce the same bytes for the same record, whatever order its
//! fields were serialised in, so the form is RFC 8785 (JCS), from a maintained
//! implementation rather than a hand-written one. Records hold only strings,
//! integers, booleans and nulls (durations are whole minutes), which JCS renders
//! unambiguously.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The RFC 8785 canonical JSON text of `value`.
pub fn canonical_json(value: &serde_json::Value) -> String {
    // Serialising a `Value` can't fail: its keys are strings and it holds no
    // non-finite numbers (serde_json refuses to build those).
    serde_json_canonicalizer::to_string(value).unwrap_or_else(|_| value.to_string())
}

/// The same text as `canonical_json(&serde_json::to_value(value)?)`, made straight from a
/// typed value: large exports hash many records, and the detour through a `Value`
/// (an allocation per field, then a copy) cost more than the canonical form itself.
pub fn canonical_json_of<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json_canonicalizer::to_string(&value)
}

/// Writes the RFC 8785 text of `value` to `out` (a hasher, say), without a `String` between.
pub fn write_canonical_json<T: Serialize + ?Sized, W: std::io::Write>(
    out: &mut W,
    value: &T,
) -> serde_json::Result<()> {
    serde_json_canonicalizer::to_writer(&value, out)
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

    #[derive(Serialize)]
    struct Entry {
        version: u32,
        id: &'static str,
        note: &'static str,
        amends: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        grade: Option<&'static str>,
        tags: Vec<&'static str>,
    }

    #[test]
    fn a_typed_value_canonicalises_as_its_json_value_does() {
        let entry = Entry {
            version: 3,
            id: "0190-a",
            note: "Ñandú \"quoted\" \\ tab\t, ctrl\u{1f}, astral \u{1F600}",
            amends: None,
            grade: None,
            tags: vec!["b", "a"],
        };
        let via_value = canonical_json(&serde_json::to_value(&entry).unwrap());
        assert_eq!(canonical_json_of(&entry).unwrap(), via_value);
        let mut written = Vec::new();
        write_canonical_json(&mut written, &entry).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), via_value);
        assert!(via_value.starts_with(r#"{"amends":null,"id":"0190-a","note":"#), "{via_value}");
    }

    #[test]
    fn sha256_of_the_empty_string() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
