//! The canonical form of a record, which content hashes (and, with sign-offs,
//! signatures) are computed over.
//!
//! Both sides must produce the same bytes for the same record, whatever order its
//! fields were serialised in, so the form is RFC 8785 (JCS), from a maintained
//! implementation rather than a hand-written one. Records hold only strings,
//! integers, booleans and nulls (durations are whole minutes), which JCS renders
//! unambiguously.
//!
//! The library is general and slow: it re-parses every object key to sort it, and
//! buffers every property on its own (about 57,000 instructions for one OJL entry,
//! the largest single cost of a server push, and most of a bundle hash). For the values
//! records actually hold, serde_json's own compact output already *is* the JCS text,
//! byte for byte, so that is used when [`serde_json_writes_jcs`] can prove it, and the
//! library otherwise. A test compares both on many random values.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The largest integer JCS writes exactly: numbers are IEEE doubles there (2^53).
const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// The RFC 8785 canonical JSON text of `value`.
pub fn canonical_json(value: &Value) -> String {
    if serde_json_writes_jcs(value) {
        // Writing a `Value` to a string can't fail.
        if let Ok(text) = serde_json::to_string(value) {
            return text;
        }
    }
    // Serialising a `Value` can't fail: its keys are strings and it holds no
    // non-finite numbers (serde_json refuses to build those).
    serde_json_canonicalizer::to_string(value).unwrap_or_else(|_| value.to_string())
}

/// The same text for any serialisable value, a typed record say. It goes through a
/// `Value`, so the fast path above can see the keys and numbers; for a record that is
/// still far cheaper than the library working on the typed value.
pub fn canonical_json_of<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_value(value).map(|v| canonical_json(&v))
}

/// Writes the RFC 8785 text of `value` to `out` (a hasher, say) with the library,
/// without a `String` between: meant for small values such as one string or number.
pub fn write_canonical_json<T: Serialize + ?Sized, W: std::io::Write>(
    out: &mut W,
    value: &T,
) -> serde_json::Result<()> {
    serde_json_canonicalizer::to_writer(&value, out)
}

/// Does `serde_json::to_string(value)` give exactly the JCS text? It does when:
/// - every object's keys come out sorted by UTF-16 code units. serde_json writes them
///   in its map's order (sorted by UTF-8 bytes, unless some crate turned on its
///   `preserve_order` feature, so that order is checked here, not assumed); UTF-8 byte
///   order and UTF-16 order agree unless a key holds a character from U+E000 up;
/// - every number is an integer JCS can hold exactly (|n| <= 2^53), which both write
///   as plain decimal digits;
/// - strings need nothing more: both escape `"`, `\` and the control characters the
///   same way (`\b \t \n \f \r`, else `\u00xx` in lower case) and nothing else.
fn serde_json_writes_jcs(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => true,
        Value::Number(n) => {
            n.as_u64().is_some_and(|u| u <= MAX_EXACT_INTEGER)
                || n.as_i64().is_some_and(|i| i.unsigned_abs() <= MAX_EXACT_INTEGER)
        }
        Value::Array(items) => items.iter().all(serde_json_writes_jcs),
        Value::Object(map) => {
            let mut previous: Option<&str> = None;
            map.iter().all(|(key, item)| {
                let in_order = previous.is_none_or(|p| p < key.as_str());
                previous = Some(key);
                in_order && key.chars().all(|c| c < '\u{E000}') && serde_json_writes_jcs(item)
            })
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The content hash of a record: SHA-256 of its canonical JSON.
pub fn content_hash(value: &Value) -> String {
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

    /// The library's answer, for comparison.
    fn library(value: &Value) -> String {
        serde_json_canonicalizer::to_string(value).unwrap()
    }

    #[test]
    fn the_fast_path_agrees_with_the_library_on_the_edges() {
        let cases = [
            json!({"b": 1, "a": {"d": [1, -2, 9_007_199_254_740_992_u64], "c": null}}),
            json!({"ctl": "\u{0}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}\"\\/", "ü": "日本", "e": ""}),
            json!({"\u{e000}": 1, "\u{1f600}": 2, "\u{ffff}": 3, "z": 4}),
            json!({"big": 9_007_199_254_740_993_u64, "neg": -9_007_199_254_740_993_i64, "max": u64::MAX}),
            json!({"f": 1.5, "g": 1e21, "h": 0.000001, "i": -0.0, "j": 100.0}),
            json!([[], {}, [{}], "x", true, false, null, 0, -0]),
        ];
        for case in cases {
            assert_eq!(canonical_json(&case), library(&case), "{case}");
        }
        // The fast path is taken for what records hold, and not beyond 2^53.
        assert!(serde_json_writes_jcs(&json!({"minutes": 450, "note": "é", "ok": true, "n": null})));
        assert!(!serde_json_writes_jcs(&json!({"n": 9_007_199_254_740_993_u64})));
        assert!(!serde_json_writes_jcs(&json!({"f": 1.5})));
        assert!(!serde_json_writes_jcs(&json!({"\u{1f600}": 1})));
    }

    /// A random value of up to `depth` levels, drawn to hit escapes, non-ASCII keys
    /// (including past U+E000), large and fractional numbers.
    fn random_text(rng: &mut impl rand::Rng) -> String {
        const CHARS: &[char] = &[
            'a',
            'B',
            'z',
            '0',
            ' ',
            '"',
            '\\',
            '/',
            '\n',
            '\u{1}',
            '\u{7f}',
            'é',
            'ß',
            '中',
            '\u{e000}',
            '\u{fffd}',
            '\u{1f600}',
            '\u{10ffff}',
        ];
        let len = rng.random_range(0..6);
        (0..len).map(|_| CHARS[rng.random_range(0..CHARS.len())]).collect()
    }

    fn random_value(rng: &mut impl rand::Rng, depth: u32) -> Value {
        let pick = if depth == 0 { rng.random_range(0..5) } else { rng.random_range(0..7) };
        match pick {
            0 => Value::Null,
            1 => Value::Bool(rng.random()),
            2 => Value::String(random_text(rng)),
            3 => json!(rng.random_range(-(1_i64 << 54)..(1_i64 << 54))),
            4 => match rng.random_range(0..3) {
                0 => json!(rng.random::<u64>()),
                1 => json!(rng.random_range(-1e6..1e6_f64)),
                _ => json!(rng.random_range(-1000..1000)),
            },
            5 => Value::Array((0..rng.random_range(0..4)).map(|_| random_value(rng, depth - 1)).collect()),
            _ => Value::Object(
                (0..rng.random_range(0..5)).map(|_| (random_text(rng), random_value(rng, depth - 1))).collect(),
            ),
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_library_on_random_values() {
        use rand::SeedableRng as _;
        let mut rng = rand::rngs::StdRng::seed_from_u64(8785);
        let mut fast = 0;
        for _ in 0..20_000 {
            let value = random_value(&mut rng, 3);
            fast += usize::from(serde_json_writes_jcs(&value));
            assert_eq!(canonical_json(&value), library(&value), "{value}");
        }
        // Both paths were exercised.
        assert!(fast > 5_000 && fast < 19_000, "{fast} of 20,000 took the fast path");
    }

    #[derive(serde::Serialize)]
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
    fn a_typed_value_canonicalises_as_the_library_writes_it() {
        let entry = Entry {
            version: 3,
            id: "0190-a",
            note: "Ñandú \"quoted\" \\ tab\t, ctrl\u{1f}, astral \u{1F600}",
            amends: None,
            grade: None,
            tags: vec!["b", "a"],
        };
        let expected = serde_json_canonicalizer::to_string(&entry).unwrap();
        assert_eq!(canonical_json_of(&entry).unwrap(), expected);
        assert!(expected.starts_with(r#"{"amends":null,"id":"0190-a","note":"#), "{expected}");
        for scalar in [json!("a \"b\" \u{1}\u{1F600}"), json!(450), json!(true), json!(null)] {
            let mut written = Vec::new();
            write_canonical_json(&mut written, &scalar).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), library(&scalar), "{scalar}");
        }
    }

    #[test]
    fn sha256_of_the_empty_string() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
