//! The published test vectors, and one test per way a sign-off can be wrong.

use ed25519_dalek::{Signer, SigningKey};
use journeylog_proto::{Decision, SignedRecord, SignoffRecord, SignoffStatement, canonical_json, codes};
use serde_json::json;

use super::*;
use crate::CoreError;

fn bytes(hex_str: &str) -> Vec<u8> {
    hex::decode(hex_str).expect("test vector hex")
}

/// RFC 8032 §7.1, TESTS 1-3: secret key, public key, message, signature.
const RFC8032: [(&str, &str, &str, &str); 3] = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
];

#[test]
fn rfc8032_test_vectors_sign_and_verify() {
    for (secret, public, message, signature) in RFC8032 {
        let secret: [u8; 32] = bytes(secret).try_into().expect("32 bytes");
        let key = SigningKey::from_bytes(&secret);
        assert_eq!(hex::encode(key.verifying_key().as_bytes()), public);
        let sig = key.sign(&bytes(message));
        assert_eq!(hex::encode(sig.to_bytes()), signature);
        key.verifying_key().verify_strict(&bytes(message), &sig).expect("the vector verifies");
        let mut wrong = bytes(message);
        wrong.push(0);
        assert!(key.verifying_key().verify_strict(&wrong, &sig).is_err());
    }
}

/// RFC 8785 §3.2.2 (values) and §3.2.3 (property sorting by UTF-16 code units).
#[test]
fn rfc8785_canonicalization_examples() {
    let input: serde_json::Value = serde_json::from_str(
        r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#,
    )
    .expect("RFC example parses");
    assert_eq!(
        canonical_json(&input),
        r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    );
    let sorting: serde_json::Value = serde_json::from_str(
        r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#,
    )
    .expect("RFC example parses");
    let out = canonical_json(&sorting);
    let order: Vec<usize> = ["Carriage Return", "\"One\"", "Control", "Diaeresis", "Euro Sign", "Grinning", "Dagesh"]
        .iter()
        .map(|label| out.find(label).expect("every property is kept"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
}

struct Fixture {
    key: SigningKey,
    trust: Trust,
    record: SignoffRecord,
}

fn statement(key: &SigningKey) -> SignoffStatement {
    SignoffStatement {
        signoff_id: "0192-signoff".into(),
        apprentice_id: "apprentice-1".into(),
        program_id: "mra-phase-1".into(),
        subject: Subject::period(
            chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 8).expect("date"),
        ),
        decision: Decision::Approved,
        comment: "Good week.".into(),
        signed_at: "2026-03-09T16:00:00Z".into(),
        mentor_id: "mentor-1".into(),
        key_id: key_id(&key.verifying_key()),
        records: vec![
            signed_record("entry-b", 2, &json!({"id": "entry-b", "minutes": 480})),
            signed_record("entry-a", 1, &json!({"id": "entry-a", "minutes": 450})),
        ],
    }
}

fn fixture() -> Fixture {
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let mut trust = Trust::default();
    trust.keys.insert(
        key_id(&key.verifying_key()),
        KeyEntry {
            mentor_id: "mentor-1".into(),
            public_key: hex::encode(key.verifying_key().as_bytes()),
            revoked_at: None,
        },
    );
    trust.assignments.insert(("mentor-1".into(), "apprentice-1".into()));
    let record = sign(statement(&key), &key).expect("signs");
    Fixture { key, trust, record }
}

const HERE: FiledUnder<'static> = FiledUnder { apprentice_id: "apprentice-1", subject: None };

fn code_of(result: crate::Result<()>) -> &'static str {
    match result {
        Err(CoreError::InvalidSignoff { code, .. }) => code,
        other => panic!("expected an invalid sign-off, got {other:?}"),
    }
}

#[test]
fn a_fresh_signoff_verifies_and_its_records_are_sorted() {
    let f = fixture();
    verify(&f.record, HERE, &f.trust).expect("valid");
    let ids: Vec<&str> = f.record.statement.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["entry-a", "entry-b"]);
    let message = signed_message(&f.record.statement).expect("message");
    assert!(message.starts_with(b"journeylog-signoff-v1\n{\"apprentice_id\":\"apprentice-1\",\"comment\""));
}

/// Changes one byte and keeps the field well-formed: the last digit goes up by one
/// (so dates and times still parse), or a letter is added where there is no digit.
fn change_one_byte(s: &mut String) {
    match s.rfind(|c: char| c.is_ascii_digit()) {
        Some(at) => {
            let digit = s.as_bytes()[at] - b'0';
            s.replace_range(at..=at, &((digit + 1) % 10).to_string());
        }
        None => s.push('x'),
    }
}

#[test]
fn one_byte_changed_in_any_signed_field_breaks_the_signature() {
    let f = fixture();
    let signed = serde_json::to_value(&f.record.statement).expect("json");
    let fields: Vec<String> = signed.as_object().expect("object").keys().cloned().collect();
    assert_eq!(fields.len(), 10, "every statement field is covered: {fields:?}");
    for field in fields {
        let mut value = signed.clone();
        match &mut value[&field] {
            serde_json::Value::String(s) if field == "decision" => *s = "returned".into(),
            serde_json::Value::String(s) => change_one_byte(s),
            serde_json::Value::Array(records) => {
                records[0]["version"] = json!(3);
            }
            other => panic!("unexpected field {field}: {other}"),
        }
        let mut tampered = f.record.clone();
        tampered.statement = serde_json::from_value(value).expect("still a statement");
        // The envelope follows the statement, as a careful forger would make it.
        tampered.apprentice_id.clone_from(&tampered.statement.apprentice_id);
        tampered.subject.clone_from(&tampered.statement.subject);
        let found = FiledUnder { apprentice_id: &tampered.apprentice_id, subject: None };
        let want = if field == "key_id" { codes::SIGNOFF_UNKNOWN_KEY } else { codes::SIGNOFF_BAD_SIGNATURE };
        assert_eq!(code_of(verify(&tampered, found, &f.trust)), want, "field {field}");
    }
    let mut flipped = f.record.clone();
    flipped.signature.replace_range(0..2, if flipped.signature.starts_with("00") { "01" } else { "00" });
    assert_eq!(code_of(verify(&flipped, HERE, &f.trust)), codes::SIGNOFF_BAD_SIGNATURE);
}

#[test]
fn a_forged_key_is_refused() {
    let f = fixture();
    let forger = SigningKey::from_bytes(&[9u8; 32]);
    // Signed by the forger under the real mentor's key id, carrying the forger's key.
    let mut forged = sign(f.record.statement.clone(), &forger).expect("signs");
    assert_eq!(code_of(verify(&forged, HERE, &f.trust)), codes::SIGNOFF_FORGED_KEY);
    // The same forgery carrying the registered public key fails the signature.
    forged.public_key.clone_from(&f.record.public_key);
    assert_eq!(code_of(verify(&forged, HERE, &f.trust)), codes::SIGNOFF_BAD_SIGNATURE);
}

#[test]
fn reordered_records_are_refused() {
    let f = fixture();
    let mut reordered = f.record.clone();
    reordered.statement.records.reverse();
    assert_eq!(code_of(verify(&reordered, HERE, &f.trust)), codes::SIGNOFF_RECORDS_UNORDERED);
}

#[test]
fn a_replay_against_another_apprentice_or_subject_is_refused() {
    let f = fixture();
    let elsewhere = FiledUnder { apprentice_id: "apprentice-2", subject: None };
    assert_eq!(code_of(verify(&f.record, elsewhere, &f.trust)), codes::SIGNOFF_WRONG_APPRENTICE);
    let mut refiled = f.record.clone();
    refiled.apprentice_id = "apprentice-2".into();
    assert_eq!(code_of(verify(&refiled, HERE, &f.trust)), codes::SIGNOFF_WRONG_APPRENTICE);

    let mut milestone = statement(&f.key);
    milestone.subject = Subject::milestone("M1");
    let milestone = sign(milestone, &f.key).expect("signs");
    let as_m2 = FiledUnder { apprentice_id: "apprentice-1", subject: Some("milestone:M2") };
    assert_eq!(code_of(verify(&milestone, as_m2, &f.trust)), codes::SIGNOFF_WRONG_SUBJECT);
    let mut refiled = milestone.clone();
    refiled.subject = "milestone:M2".into();
    assert_eq!(code_of(verify(&refiled, HERE, &f.trust)), codes::SIGNOFF_WRONG_SUBJECT);
    let as_m1 = FiledUnder { apprentice_id: "apprentice-1", subject: Some("milestone:M1") };
    verify(&milestone, as_m1, &f.trust).expect("filed where it was signed");
}

#[test]
fn unknown_revoked_and_foreign_keys_are_refused() {
    let f = fixture();
    let id = f.record.statement.key_id.clone();

    let mut empty = f.trust.clone();
    empty.keys.clear();
    assert_eq!(code_of(verify(&f.record, HERE, &empty)), codes::SIGNOFF_UNKNOWN_KEY);

    let mut revoked = f.trust.clone();
    revoked.keys.get_mut(&id).expect("key").revoked_at = Some("2026-03-09T15:59:59Z".into());
    assert_eq!(code_of(verify(&f.record, HERE, &revoked)), codes::SIGNOFF_KEY_REVOKED);
    // Revoked after it signed: the sign-off made before the revocation stands.
    revoked.keys.get_mut(&id).expect("key").revoked_at = Some("2026-03-10T00:00:00Z".into());
    verify(&f.record, HERE, &revoked).expect("signed before the revocation");

    let mut other_mentor = f.trust.clone();
    other_mentor.keys.get_mut(&id).expect("key").mentor_id = "mentor-2".into();
    assert_eq!(code_of(verify(&f.record, HERE, &other_mentor)), codes::SIGNOFF_KEY_NOT_MENTORS);
}

#[test]
fn a_mentor_not_assigned_to_the_apprentice_is_refused() {
    let f = fixture();
    let mut unassigned = f.trust.clone();
    unassigned.assignments.clear();
    unassigned.assignments.insert(("mentor-1".into(), "apprentice-2".into()));
    assert_eq!(code_of(verify(&f.record, HERE, &unassigned)), codes::SIGNOFF_NOT_ASSIGNED);
}

#[test]
fn malformed_fields_are_named() {
    let f = fixture();
    let mut short = f.record.clone();
    short.signature.truncate(10);
    let err = verify(&short, HERE, &f.trust).expect_err("short signature");
    assert_eq!(err.code(), codes::SIGNOFF_MALFORMED);
    assert!(err.to_string().contains("signature must be 128 lower-case hex digits"), "{err}");

    let mut upper = f.record.clone();
    upper.public_key = upper.public_key.to_uppercase();
    assert_eq!(code_of(verify(&upper, HERE, &f.trust)), codes::SIGNOFF_MALFORMED);

    let mut subject = f.record.clone();
    subject.statement.subject = "week:12".into();
    assert_eq!(code_of(verify(&subject, HERE, &f.trust)), codes::SIGNOFF_MALFORMED);

    let mut revocation = f.record.clone();
    revocation.statement.decision = Decision::Revoked;
    assert_eq!(code_of(verify(&revocation, HERE, &f.trust)), codes::SIGNOFF_MALFORMED);

    let mut hash = f.record.clone();
    hash.statement.records[0] = SignedRecord { content_hash: "abc".into(), ..hash.statement.records[0].clone() };
    assert_eq!(code_of(verify(&hash, HERE, &f.trust)), codes::SIGNOFF_MALFORMED);
}

#[test]
fn key_proofs_bind_the_key_to_the_user() {
    let key = generate_key();
    let public = hex::encode(key.verifying_key().as_bytes());
    let proof = key_proof(&key, "mentor-1");
    verify_key_proof(&public, &proof, "mentor-1").expect("proof verifies");
    assert_eq!(
        verify_key_proof(&public, &proof, "mentor-2").expect_err("other user").code(),
        codes::SIGNOFF_BAD_SIGNATURE
    );
    assert_ne!(hex::encode(generate_key().to_bytes()), hex::encode(key.to_bytes()), "keys are random");
}

/// The worked example of docs/signatures.md, signed with the RFC 8032 TEST 1 key:
/// if the format changes, this fails until the document is updated with it.
#[test]
fn the_documented_example_verifies_byte_for_byte() {
    let secret: [u8; 32] = bytes(RFC8032[0].0).try_into().expect("32 bytes");
    let key = SigningKey::from_bytes(&secret);
    let entry = json!({
        "id": "0190f1c2-7a00-7000-8000-000000000001", "date": "2026-03-02", "minutes": 480,
        "work_process": "WP1", "note": "PLC wiring", "site": "", "supervisor": "", "prior_credit": false,
        "status": "submitted", "version": 2, "created_at": "2026-03-02T21:04:11.120Z",
        "updated_at": "2026-03-06T16:30:00.000Z"
    });
    let statement = SignoffStatement {
        signoff_id: "0190f1c2-7a00-7000-8000-0000000000aa".into(),
        apprentice_id: "0190f1c2-7a00-7000-8000-0000000000a1".into(),
        program_id: "mra-phase-1".into(),
        subject: "period:2026-03-02/2026-03-08".into(),
        decision: Decision::Approved,
        comment: "Good week.".into(),
        signed_at: "2026-03-09T16:00:00Z".into(),
        mentor_id: "0190f1c2-7a00-7000-8000-0000000000b1".into(),
        key_id: key_id(&key.verifying_key()),
        records: vec![signed_record("0190f1c2-7a00-7000-8000-000000000001", 2, &entry)],
    };
    let record = sign(statement, &key).expect("signs");
    let message = String::from_utf8(signed_message(&record.statement).expect("message")).expect("utf-8");
    let doc = include_str!("../../../../docs/signatures.md");
    assert!(doc.contains(&record.statement.key_id), "key id {}", record.statement.key_id);
    assert!(
        doc.contains(&record.statement.records[0].content_hash),
        "hash {}",
        record.statement.records[0].content_hash
    );
    assert!(doc.contains(message.trim_start_matches("journeylog-signoff-v1\n")), "message {message}");
    assert!(doc.contains(&record.signature), "signature {}", record.signature);
}
