//! Sign-offs through the API: key registration, verification of every kind of
//! forgery or replay with its own code, and the lock on signed versions.

use axum::http::Method;
use journeylog_core::signoff::{self, Subject};
use journeylog_proto::{Decision, SignoffRecord, SignoffStatement, content_hash};
use journeylog_server::admin;
use serde_json::{Value, json};

use crate::common::*;
use crate::on_both_backends;

on_both_backends!(
    keys_are_registered_with_proof_and_listed_to_assigned_apprentices,
    an_approval_is_stored_pulled_and_locks_the_signed_version,
    forgeries_and_replays_are_refused_each_with_its_own_code,
    keys_revoked_or_unregistered_and_unassigned_mentors_are_refused,
    a_revocation_lifts_the_lock,
);

/// A mentor device with a registered key.
struct Mentor {
    device: Device,
    key: signoff::SigningKey,
    key_id: String,
    user_id: String,
}

async fn register(env: &Env, user_id: &str) -> Mentor {
    let device = env.enroll(user_id).await;
    let key = signoff::generate_key();
    let body = json!({
        "public_key": hex_of(key.verifying_key().as_bytes()),
        "proof": signoff::key_proof(&key, user_id),
    });
    let reply = env.call(Method::POST, "/v1/keys", Some(&device.token), Some(body)).await;
    let key_id = reply.assert_ok()["key_id"].as_str().unwrap().to_owned();
    Mentor { device, key, key_id, user_id: user_id.to_owned() }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The apprentice's entry as the server holds it, pinned for signing.
fn pin(change: &Value) -> journeylog_proto::SignedRecord {
    journeylog_proto::SignedRecord {
        id: change["record_id"].as_str().unwrap().to_owned(),
        version: change["version"].as_u64().unwrap() as u32,
        content_hash: content_hash(&change["payload"]),
    }
}

fn statement(
    mentor: &Mentor,
    apprentice: &str,
    subject: String,
    records: Vec<journeylog_proto::SignedRecord>,
) -> SignoffStatement {
    SignoffStatement {
        signoff_id: format!("so-{}", records.len() + subject.len()),
        apprentice_id: apprentice.to_owned(),
        program_id: PROGRAM.to_owned(),
        subject,
        decision: Decision::Approved,
        comment: String::new(),
        signed_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        mentor_id: mentor.user_id.clone(),
        key_id: mentor.key_id.clone(),
        records,
    }
}

fn week() -> String {
    let today = chrono::Utc::now().date_naive();
    Subject::period(today - chrono::Duration::days(6), today)
}

async fn push_signoff(env: &Env, mentor: &Mentor, seq: u64, record: &SignoffRecord) -> Value {
    let payload = serde_json::to_value(record).unwrap();
    let id = record.statement.signoff_id.clone();
    env.push_ok(&mentor.device, vec![mutation(seq, "signoff.create", &id, 0, payload)]).await.remove(0)
}

/// Apprentice 1 logs two entries; returns them as the server holds them.
async fn two_entries(env: &Env) -> (Device, Vec<Value>) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    env.push_ok(&a1, vec![new_entry(1, "entry-1", &today(), 240), new_entry(2, "entry-2", &today(), 180)]).await;
    let (changes, _) = env.pull_all(&a1).await;
    let entries = changes.into_iter().filter(|c| c["kind"] == "ojl_entry").collect();
    (a1, entries)
}

async fn keys_are_registered_with_proof_and_listed_to_assigned_apprentices(env: &Env) {
    let mentor_device = env.enroll(&env.ids.mentor).await;
    let key = signoff::generate_key();
    let public = hex_of(key.verifying_key().as_bytes());
    let wrong_proof = json!({"public_key": public, "proof": signoff::key_proof(&key, "someone-else")});
    env.call(Method::POST, "/v1/keys", Some(&mentor_device.token), Some(wrong_proof))
        .await
        .assert_problem(400, "invalid_body");

    let a1 = env.enroll(&env.ids.apprentice1).await;
    let own = json!({"public_key": public, "proof": signoff::key_proof(&key, &env.ids.apprentice1)});
    env.call(Method::POST, "/v1/keys", Some(&a1.token), Some(own)).await.assert_problem(403, "forbidden");

    let good = json!({"public_key": public, "proof": signoff::key_proof(&key, &env.ids.mentor)});
    let first = env.call(Method::POST, "/v1/keys", Some(&mentor_device.token), Some(good.clone())).await;
    let again = env.call(Method::POST, "/v1/keys", Some(&mentor_device.token), Some(good)).await;
    assert_eq!(first.assert_ok(), again.assert_ok(), "registering twice is idempotent");
    assert_eq!(first.body["key_id"], signoff::key_id(&key.verifying_key()));

    let listed = env.call(Method::GET, "/v1/keys", Some(&a1.token), None).await;
    assert_eq!(listed.assert_ok()["keys"][0]["public_key"], public);
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let hidden = env.call(Method::GET, "/v1/keys", Some(&a2.token), None).await;
    assert_eq!(hidden.assert_ok()["keys"], json!([]), "an unassigned apprentice does not see the key");
    let (changes, _) = env.pull_all(&a1).await;
    assert_eq!(record_ids(&changes, Some("mentor_key")), vec![first.body["key_id"].as_str().unwrap().to_owned()]);
    assert_eq!(record_ids(&changes, Some("assignment")), vec![env.ids.mentor.clone()]);
}

async fn an_approval_is_stored_pulled_and_locks_the_signed_version(env: &Env) {
    let (a1, entries) = two_entries(env).await;
    let mentor = register(env, &env.ids.mentor).await;
    let records = entries.iter().map(pin).collect();
    let signed = signoff::sign(statement(&mentor, &env.ids.apprentice1, week(), records), &mentor.key).unwrap();
    let result = push_signoff(env, &mentor, 1, &signed).await;
    assert_eq!(result["status"], "applied", "{result}");

    let (changes, _) = env.pull_all(&a1).await;
    let pulled = changes.iter().find(|c| c["kind"] == "signoff").unwrap();
    let back: SignoffRecord = serde_json::from_value(pulled["payload"].clone()).unwrap();
    assert_eq!(back, signed, "the apprentice pulls the sign-off byte for byte");

    let edit = mutation(3, "ojl_entry.upsert", "entry-1", 1, ojl("entry-1", &today(), 300, "WP1", 2));
    let delete = mutation(4, "ojl_entry.delete", "entry-2", 1, tombstone("entry-2", 2));
    let mut amendment = ojl("entry-1", &today(), 210, "WP1", 2);
    amendment["amends_version"] = json!(1);
    let amend = mutation(5, "ojl_entry.upsert", "entry-1", 1, amendment);
    let results = env.push_ok(&a1, vec![edit, delete, amend]).await;
    assert_eq!(results[0]["code"], "signed_off", "{}", results[0]);
    assert!(results[0]["message"].as_str().unwrap().contains("amendment"));
    assert_eq!(results[1]["code"], "signed_off", "{}", results[1]);
    assert_eq!(results[2]["status"], "applied", "an amendment goes through: {}", results[2]);
}

async fn forgeries_and_replays_are_refused_each_with_its_own_code(env: &Env) {
    let (_a1, entries) = two_entries(env).await;
    let mentor = register(env, &env.ids.mentor).await;
    let records: Vec<_> = entries.iter().map(pin).collect();
    let good = signoff::sign(statement(&mentor, &env.ids.apprentice1, week(), records.clone()), &mentor.key).unwrap();

    let forger = signoff::generate_key();
    let forged = signoff::sign(good.statement.clone(), &forger).unwrap();

    let mut changed = good.clone();
    changed.statement.comment.push('!');

    let mut reordered = good.clone();
    reordered.statement.records.reverse();

    let mut other_apprentice = good.clone();
    other_apprentice.apprentice_id.clone_from(&env.ids.apprentice2);

    let milestone = statement(&mentor, &env.ids.apprentice1, Subject::milestone("M1"), records.clone());
    let mut other_milestone = signoff::sign(milestone, &mentor.key).unwrap();
    other_milestone.subject = Subject::milestone("M2");

    let mut stale = records.clone();
    stale[0].content_hash = content_hash(&json!({"not": "the entry"}));
    let mismatch = signoff::sign(statement(&mentor, &env.ids.apprentice1, week(), stale), &mentor.key).unwrap();

    let cases = [
        (forged, "signoff_forged_key"),
        (changed, "signoff_bad_signature"),
        (reordered, "signoff_records_unordered"),
        (other_apprentice, "signoff_wrong_apprentice"),
        (other_milestone, "signoff_wrong_subject"),
        (mismatch, "signoff_record_mismatch"),
    ];
    for (seq, (mut record, code)) in (1..).zip(cases) {
        record.statement.signoff_id = format!("bad-{seq}");
        if code != "signoff_bad_signature" && code != "signoff_forged_key" && code != "signoff_records_unordered" {
            // Re-sign the id change so only the intended fault remains.
            let (apprentice, subject) = (record.apprentice_id.clone(), record.subject.clone());
            record = signoff::sign(record.statement, &mentor.key).unwrap();
            (record.apprentice_id, record.subject) = (apprentice, subject);
        }
        let result = push_signoff(env, &mentor, seq, &record).await;
        assert_eq!(result["status"], "rejected", "{code}: {result}");
        assert_eq!(result["code"], code, "{result}");
    }
}

async fn keys_revoked_or_unregistered_and_unassigned_mentors_are_refused(env: &Env) {
    let (_a1, entries) = two_entries(env).await;
    let mentor = register(env, &env.ids.mentor).await;
    let records: Vec<_> = entries.iter().map(pin).collect();

    let unregistered = signoff::generate_key();
    let mut stmt = statement(&mentor, &env.ids.apprentice1, week(), records.clone());
    stmt.key_id = signoff::key_id(&unregistered.verifying_key());
    let unknown = signoff::sign(stmt, &unregistered).unwrap();
    assert_eq!(push_signoff(env, &mentor, 1, &unknown).await["code"], "signoff_unknown_key");

    let mut not_assigned = statement(&mentor, &env.ids.apprentice2, week(), Vec::new());
    not_assigned.signoff_id = "for-a2".into();
    let not_assigned = signoff::sign(not_assigned, &mentor.key).unwrap();
    assert_eq!(push_signoff(env, &mentor, 2, &not_assigned).await["code"], "signoff_not_assigned");

    let key_id = mentor.key_id.clone();
    let revoked = env.blocking(move |db| admin::revoke_key(db, &key_id).unwrap()).await;
    assert!(!revoked.revoked_at.is_empty());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut late = statement(&mentor, &env.ids.apprentice1, week(), records);
    late.signoff_id = "after-revocation".into();
    let late = signoff::sign(late, &mentor.key).unwrap();
    assert_eq!(push_signoff(env, &mentor, 3, &late).await["code"], "signoff_key_revoked");
}

async fn a_revocation_lifts_the_lock(env: &Env) {
    let (a1, entries) = two_entries(env).await;
    let mentor = register(env, &env.ids.mentor).await;
    let signed =
        signoff::sign(statement(&mentor, &env.ids.apprentice1, week(), entries.iter().map(pin).collect()), &mentor.key)
            .unwrap();
    assert_eq!(push_signoff(env, &mentor, 1, &signed).await["status"], "applied");

    // A revocation naming a sign-off that does not exist is refused.
    let mut bogus = statement(&mentor, &env.ids.apprentice1, Subject::revocation("no-such-signoff"), Vec::new());
    bogus.decision = Decision::Revoked;
    bogus.signoff_id = "revoke-nothing".into();
    bogus.comment = "mistake".into();
    let bogus = signoff::sign(bogus, &mentor.key).unwrap();
    assert_eq!(push_signoff(env, &mentor, 2, &bogus).await["code"], "signoff_record_mismatch");

    let mut revocation =
        statement(&mentor, &env.ids.apprentice1, Subject::revocation(&signed.statement.signoff_id), Vec::new());
    revocation.decision = Decision::Revoked;
    revocation.signoff_id = "revoke-1".into();
    revocation.comment = "approved the wrong week".into();
    let revocation = signoff::sign(revocation, &mentor.key).unwrap();
    assert_eq!(push_signoff(env, &mentor, 3, &revocation).await["status"], "applied");

    let edit = mutation(3, "ojl_entry.upsert", "entry-1", 1, ojl("entry-1", &today(), 300, "WP1", 2));
    let results = env.push_ok(&a1, vec![edit]).await;
    assert_eq!(results[0]["status"], "applied", "no longer locked: {}", results[0]);
}
