//! The employer's key statement: signed with the employer's own key, about the
//! calling apprentice only, always describing the registry as it stands now, and
//! made lazily for an employer from before signing keys existed.

use axum::http::Method;
use journeylog_core::signoff;
use journeylog_proto::SignedKeyStatement;
use journeylog_server::admin;
use serde_json::{Value, json};

use crate::common::*;
use crate::on_both_backends;

on_both_backends!(
    an_apprentice_gets_a_statement_signed_by_its_employer_listing_its_mentors_keys,
    the_statement_follows_revocations_and_new_assignments,
    only_apprentices_are_issued_statements,
    an_employer_from_before_signing_keys_gets_one_on_first_use,
);

async fn statement_of(env: &Env, device: &Device) -> SignedKeyStatement {
    let reply = env.call(Method::GET, "/v1/keys/statement", Some(&device.token), None).await;
    serde_json::from_value(reply.assert_ok().clone()).unwrap()
}

/// Registers a fresh key for `mentor`; returns its key id.
async fn register_key(env: &Env, mentor: &str) -> String {
    let device = env.enroll(mentor).await;
    let key = signoff::generate_key();
    let body = json!({
        "public_key": hex::encode(key.verifying_key().as_bytes()),
        "proof": signoff::key_proof(&key, mentor),
    });
    let reply = env.call(Method::POST, "/v1/keys", Some(&device.token), Some(body)).await;
    reply.assert_ok()["key_id"].as_str().unwrap().to_owned()
}

async fn an_apprentice_gets_a_statement_signed_by_its_employer_listing_its_mentors_keys(env: &Env) {
    let key_id = register_key(env, &env.ids.mentor).await;
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let signed = statement_of(env, &a1).await;
    let key = signoff::verify_key_statement(&signed).expect("the statement verifies");
    let s = &signed.statement;
    let employer = env.ids.employer.clone();
    let published = env.blocking(move |db| admin::employer_key(db, &employer).unwrap()).await;
    assert_eq!(hex::encode(key.as_bytes()), published.public_key, "signed with the key the admin publishes");
    assert_eq!(signoff::fingerprint(&key), published.fingerprint);
    assert_eq!((s.employer_id.as_str(), s.employer_name.as_str()), (env.ids.employer.as_str(), "Acme Robotics"));
    assert_eq!(
        (s.apprentice_id.as_str(), s.apprentice_name.as_str()),
        (env.ids.apprentice1.as_str(), "Ada Apprentice")
    );
    assert_eq!(s.mentor_keys.len(), 1);
    assert_eq!(s.mentor_keys[0].key_id, key_id);
    assert_eq!(s.mentor_keys[0].mentor_id, env.ids.mentor);
    assert_eq!(s.mentor_keys[0].revoked_at, None);
    assert_eq!(s.assignments.len(), 1);
    assert_eq!(s.assignments[0].mentor_id, env.ids.mentor);

    // What the device pulled and what the employer signs agree.
    let (changes, _) = env.pull_all(&a1).await;
    let pulled: Vec<Value> =
        changes.iter().filter(|c| c["kind"] == "mentor_key").map(|c| c["payload"].clone()).collect();
    assert_eq!(pulled, vec![serde_json::to_value(&s.mentor_keys[0]).unwrap()]);

    // The unassigned apprentice's statement vouches for no one.
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let other = statement_of(env, &a2).await;
    signoff::verify_key_statement(&other).unwrap();
    assert_eq!(other.statement.apprentice_id, env.ids.apprentice2);
    assert!(other.statement.mentor_keys.is_empty() && other.statement.assignments.is_empty(), "{other:?}");
    assert_eq!(other.statement.employer_public_key, s.employer_public_key, "one key per employer");

    // Another employer signs with another key.
    let elsewhere = env.enroll(&env.ids.other_apprentice).await;
    let foreign = statement_of(env, &elsewhere).await;
    assert_ne!(foreign.statement.employer_public_key, s.employer_public_key);
}

async fn the_statement_follows_revocations_and_new_assignments(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    assert!(statement_of(env, &a1).await.statement.mentor_keys.is_empty(), "no key registered yet");
    let key_id = register_key(env, &env.ids.mentor).await;
    let id = key_id.clone();
    env.blocking(move |db| admin::revoke_key(db, &id).unwrap()).await;
    let revoked = statement_of(env, &a1).await;
    signoff::verify_key_statement(&revoked).unwrap();
    assert_eq!(revoked.statement.mentor_keys[0].key_id, key_id);
    assert!(revoked.statement.mentor_keys[0].revoked_at.is_some(), "{revoked:?}");

    let employer = env.ids.employer.clone();
    let second = env
        .blocking(move |db| {
            admin::add_user(db, &employer, "Sam Second", journeylog_proto::Role::Mentor, None).unwrap().user_id
        })
        .await;
    let (mentor, apprentice) = (second.clone(), env.ids.apprentice1.clone());
    env.blocking(move |db| admin::assign_mentor(db, &mentor, &apprentice).unwrap()).await;
    let second_key = register_key(env, &second).await;
    let now = statement_of(env, &a1).await;
    signoff::verify_key_statement(&now).unwrap();
    let mentors: Vec<&str> = now.statement.assignments.iter().map(|a| a.mentor_id.as_str()).collect();
    let mut expected = vec![env.ids.mentor.as_str(), second.as_str()];
    expected.sort();
    assert_eq!(mentors, expected, "sorted by mentor id");
    let mut keys = vec![key_id, second_key];
    keys.sort();
    assert_eq!(now.statement.mentor_keys.iter().map(|k| k.key_id.clone()).collect::<Vec<_>>(), keys);
}

async fn only_apprentices_are_issued_statements(env: &Env) {
    for user in [&env.ids.mentor, &env.ids.admin] {
        let device = env.enroll(user).await;
        env.call(Method::GET, "/v1/keys/statement", Some(&device.token), None).await.assert_problem(403, "forbidden");
    }
    env.call(Method::GET, "/v1/keys/statement", None, None).await.assert_problem(401, "unauthorized");
}

async fn an_employer_from_before_signing_keys_gets_one_on_first_use(env: &Env) {
    let employer = env.ids.employer.clone();
    env.blocking(move |db| {
        db.write(|tx| {
            tx.execute("DELETE FROM employer_key WHERE employer_id = $1", journeylog_server::params![&employer])
        })
        .unwrap()
    })
    .await;
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let first = statement_of(env, &a1).await;
    signoff::verify_key_statement(&first).unwrap();
    let again = statement_of(env, &a1).await;
    assert_eq!(first.statement.employer_public_key, again.statement.employer_public_key, "made once, then kept");
    let employer = env.ids.employer.clone();
    let published = env.blocking(move |db| admin::employer_key(db, &employer).unwrap()).await;
    assert_eq!(published.public_key, first.statement.employer_public_key);
}
