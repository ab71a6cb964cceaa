//! The signed bundle, end to end: a real server issues the employer's key statement,
//! a real mentor's laptop signs, the apprentice exports with the real `jlog`, and the
//! real `jlog verify` checks the file with no logbook and no network.
//!
//! The tamper test changes one value at a time in every record, sign-off and key,
//! then recomputes `bundle_hash` the way docs/bundle.md tells an independent
//! verifier to (so the forgery is not caught by that hash alone), and requires
//! `jlog verify` to fail and to name the part that was changed.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::path::Path;

use journeylog_tests::jlog;
use journeylog_tests::signed_logbook::{World, signed_logbook};
use serde_json::Value;

fn export_bundle(world: &World) -> std::path::PathBuf {
    let out = world.dir().join("ada.journeylog.json");
    let run = jlog::run(Some(&world.apprentice.db()), &["export", "--format", "json", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{}", run.text());
    out
}

fn verify(file: &Path, fingerprint: Option<&str>) -> jlog::Run {
    let mut args = vec!["verify", file.to_str().unwrap()];
    if let Some(fp) = fingerprint {
        args.extend(["--employer-key", fp]);
    }
    jlog::run(None, &args)
}

/// The hash docs/bundle.md defines, computed here independently of the core.
fn recompute_bundle_hash(bundle: &mut Value) {
    let mut body = bundle.clone();
    let object = body.as_object_mut().unwrap();
    object.remove("bundle_hash");
    object.remove("generated_at");
    let hash = journeylog_proto::sha256_hex(journeylog_proto::canonical_json(&body).as_bytes());
    bundle["bundle_hash"] = Value::String(hash);
}

#[test]
fn an_untouched_bundle_verifies_offline_and_says_what_is_signed_and_by_whom() {
    let world = signed_logbook();
    let file = export_bundle(&world);
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(bundle["records"].as_array().unwrap().len(), 7, "six submitted entries and the draft");
    assert!(bundle["employer_statement"]["statement"]["mentor_keys"].as_array().is_some_and(|k| !k.is_empty()));

    let run = verify(&file, Some(&world.fingerprint));
    assert_eq!(run.code, Some(0), "{}", run.text());
    assert_eq!(world.approved_wp1, 480 + 450 + 360, "the app itself counts the three approved WP1 days");
    let wp1 = run.stdout.lines().find(|l| l.trim_start().starts_with("WP1 ")).unwrap();
    assert!(wp1.contains("21:30 signed of    21:30 logged") && wp1.contains("signed by Morgan Mentor"), "{wp1}");
    let wp2 = run.stdout.lines().find(|l| l.trim_start().starts_with("WP2 ")).unwrap();
    assert!(wp2.contains("0:00 signed of     4:00 logged") && !wp2.contains("signed by"), "returned: {wp2}");
    let wp3 = run.stdout.lines().find(|l| l.trim_start().starts_with("WP3 ")).unwrap();
    assert!(wp3.contains("0:00 signed of     5:00 logged"), "unsigned: {wp3}");
    assert!(
        run.stdout.contains("Related instruction: 3:00 signed of 3:00 logged  signed by Morgan Mentor"),
        "{}",
        run.text()
    );
    assert!(run.stdout.contains("M1  by Morgan Mentor"), "{}", run.text());
    assert!(run.stdout.contains("the key you gave"), "{}", run.text());

    // Without the fingerprint it still verifies, and says the employer is not pinned.
    let unpinned = verify(&file, None);
    assert_eq!(unpinned.code, Some(0), "{}", unpinned.text());
    assert!(
        unpinned.stdout.contains("Not pinned") && unpinned.stdout.contains(&world.fingerprint),
        "{}",
        unpinned.text()
    );

    // Someone else's employer key is refused.
    let other = verify(&file, Some("0000 1111 2222 3333 4444 5555 6666 7777"));
    assert_eq!(other.code, Some(1), "{}", other.text());
    assert!(other.stdout.contains("employer statement: the statement is signed by key"), "{}", other.text());

    // --json carries the same answer for machines.
    let json = jlog::run(None, &["verify", file.to_str().unwrap(), "--json"]);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    let wp1 = report["processes"].as_array().unwrap().iter().find(|p| p["code"] == "WP1").unwrap();
    assert_eq!(wp1["signed_minutes"], 1290);
    assert_eq!(report["failures"], Value::Array(vec![]));
}

/// Every leaf under `path` in `value`, as JSON pointers.
fn leaves(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, format!("{path}/{k}"), out)),
        Value::Array(list) => list.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{path}/{i}"), out)),
        Value::Null => {}
        _ => out.push(path),
    }
}

/// Changes one byte of the leaf: a digit or hex digit to its neighbour, the last
/// letter of a text to another letter, a boolean to its opposite.
fn change_one_byte(leaf: &mut Value) {
    *leaf = match leaf {
        Value::Bool(b) => Value::Bool(!*b),
        Value::Number(n) => Value::from(n.as_u64().unwrap() ^ 1),
        // An empty text gains its one byte.
        Value::String(s) if s.is_empty() => Value::String("a".into()),
        Value::String(s) => {
            let mut bytes = s.clone().into_bytes();
            let last = bytes.len() - 1;
            bytes[last] = match bytes[last] {
                b'0'..=b'8' | b'a'..=b'e' | b'A'..=b'Y' => bytes[last] + 1,
                b'9' => b'0',
                _ => b'a',
            };
            Value::String(String::from_utf8(bytes).unwrap())
        }
        other => panic!("not a leaf: {other}"),
    };
}

#[test]
fn changing_one_byte_of_any_record_signoff_or_key_fails_and_names_it() {
    let world = signed_logbook();
    let file = export_bundle(&world);
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut targets = Vec::new();
    for (part, path) in
        [("record", "/records"), ("sign-off", "/signoffs"), ("mentor key", "/employer_statement/statement/mentor_keys")]
    {
        let mut found = Vec::new();
        leaves(original.pointer(path).unwrap(), path.to_owned(), &mut found);
        assert!(found.len() >= 5, "{path} has values to change");
        targets.extend(found.into_iter().map(|p| (part, p)));
    }
    let tampered_file = world.dir().join("tampered.json");
    let mut checked = 0;
    for (part, pointer) in &targets {
        let mut bundle = original.clone();
        change_one_byte(bundle.pointer_mut(pointer).unwrap());
        recompute_bundle_hash(&mut bundle);
        std::fs::write(&tampered_file, serde_json::to_vec_pretty(&bundle).unwrap()).unwrap();
        let run = verify(&tampered_file, Some(&world.fingerprint));
        assert_eq!(run.code, Some(1), "changing {pointer} must fail verification\n{}", run.text());
        // The culprit, as the tampered file names it: a record or sign-off by its id,
        // a key by its key id. A changed key entry breaks the employer's signature too.
        let index: usize = pointer.split('/').nth(if *part == "mentor key" { 4 } else { 2 }).unwrap().parse().unwrap();
        let named = match *part {
            "record" => format!("record {}", bundle["records"][index]["id"].as_str().unwrap()),
            "sign-off" => {
                format!("sign-off {}", bundle["signoffs"][index]["statement"]["signoff_id"].as_str().unwrap())
            }
            _ => {
                let key = &bundle["employer_statement"]["statement"]["mentor_keys"][index];
                if ["/key_id", "/public_key", "/valid_from"].iter().any(|f| pointer.ends_with(f)) {
                    format!("mentor key {}", key["key_id"].as_str().unwrap())
                } else {
                    // Who the key belongs to is the employer's word: its signature breaks.
                    "employer statement: the employer's signature does not match".to_owned()
                }
            }
        };
        let failures = run.stdout.split("NOT VERIFIED").nth(1).unwrap_or_default();
        assert!(failures.contains(&named), "changing {pointer}: the report must name {named}\n{}", run.text());
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} changes tried");

    // A forger who also recomputes the record's content_hash is caught by the
    // mentor's signature: the record was changed after sign-off.
    let mut bundle = original.clone();
    let signed = bundle["records"].as_array().unwrap().iter().position(|r| r["content"]["minutes"] == 480).unwrap();
    bundle["records"][signed]["content"]["minutes"] = Value::from(540);
    let content_hash = journeylog_proto::content_hash(&bundle["records"][signed]["content"]);
    bundle["records"][signed]["content_hash"] = Value::String(content_hash);
    recompute_bundle_hash(&mut bundle);
    std::fs::write(&tampered_file, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let run = verify(&tampered_file, Some(&world.fingerprint));
    assert_eq!(run.code, Some(1), "{}", run.text());
    let id = bundle["records"][signed]["id"].as_str().unwrap();
    assert!(run.stdout.contains(&format!("record {id}: it was changed after sign-off")), "{}", run.text());

    // Changing anything without recomputing bundle_hash is caught by that hash.
    let mut bundle = original.clone();
    bundle["range"]["from"] = Value::String("2020-01-01".into());
    std::fs::write(&tampered_file, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let run = verify(&tampered_file, Some(&world.fingerprint));
    assert_eq!(run.code, Some(1), "{}", run.text());
    assert!(run.stdout.contains("bundle: bundle_hash is"), "{}", run.text());

    // And the untouched file still verifies.
    assert_eq!(verify(&file, Some(&world.fingerprint)).code, Some(0));
}

#[test]
fn a_file_that_is_not_a_bundle_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.json");
    std::fs::write(&file, "{\"format\": \"something-else\"}").unwrap();
    let run = verify(&file, None);
    assert_eq!(run.code, Some(3), "{}", run.text());
    assert!(run.stderr.contains("not a Journeylog bundle"), "{}", run.text());
    std::fs::write(&file, "{\"format\": \"journeylog-bundle\", \"version\": 1, ").unwrap();
    let run = verify(&file, None);
    assert_eq!(run.code, Some(3), "{}", run.text());
    assert!(run.stderr.contains("not JSON"), "{}", run.text());
}
