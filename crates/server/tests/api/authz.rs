//! The authorization matrix: who can read and write whose records.

use axum::http::{Method, header};
use journeylog_server::admin;
use serde_json::json;

use crate::common::*;
use crate::on_both_backends;

on_both_backends!(
    apprentice_cannot_pull_another_apprentices_records,
    apprentice_cannot_overwrite_or_delete_another_apprentices_record,
    mentor_sees_only_assigned_apprentices,
    mentor_cannot_write_apprentice_records,
    admin_sees_the_whole_employer_and_nothing_else,
    another_employer_is_invisible,
    missing_or_bad_tokens_are_401,
    revoked_device_is_401,
    push_for_another_device_is_403,
    newly_assigned_mentor_receives_earlier_records,
);

async fn apprentice_cannot_pull_another_apprentices_records(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let results = env.push_ok(&a1, vec![new_entry(1, "a1-entry", &today(), 60)]).await;
    assert_eq!(results[0]["status"], "applied");
    let (changes, _) = env.pull_all(&a2).await;
    assert_eq!(record_ids(&changes, None), vec![PROGRAM.to_owned()], "a2 sees only its program");
    let (changes, _) = env.pull_all(&a1).await;
    assert_eq!(record_ids(&changes, Some("ojl_entry")), vec!["a1-entry".to_owned()]);
}

async fn apprentice_cannot_overwrite_or_delete_another_apprentices_record(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a2 = env.enroll(&env.ids.apprentice2).await;
    env.push_ok(&a1, vec![new_entry(1, "shared-id", &today(), 60)]).await;
    let results = env
        .push_ok(
            &a2,
            vec![
                mutation(1, "ojl_entry.upsert", "shared-id", 1, ojl("shared-id", &today(), 600, "WP1", 2)),
                mutation(2, "ojl_entry.upsert", "shared-id", 0, ojl("shared-id", &today(), 600, "WP1", 1)),
                mutation(3, "ojl_entry.delete", "shared-id", 1, tombstone("shared-id", 2)),
            ],
        )
        .await;
    for r in &results {
        assert_eq!(r["status"], "rejected", "{r}");
        assert_eq!(r["code"], "not_owner", "{r}");
        assert!(r.get("current").is_none(), "no peeking at the other record: {r}");
    }
    let (changes, _) = env.pull_all(&a1).await;
    let entry = changes.iter().find(|c| c["record_id"] == "shared-id").unwrap();
    assert_eq!(entry["version"], 1);
    assert_eq!(entry["payload"]["minutes"], 60);
}

async fn mentor_sees_only_assigned_apprentices(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let mentor = env.enroll(&env.ids.mentor).await;
    env.push_ok(&a1, vec![new_entry(1, "from-a1", &today(), 60)]).await;
    env.push_ok(&a2, vec![new_entry(1, "from-a2", &today(), 60)]).await;
    let (changes, _) = env.pull_all(&mentor).await;
    let mut ids: Vec<String> =
        changes.iter().filter(|c| c["kind"] != "assignment").map(|c| c["record_id"].as_str().unwrap().into()).collect();
    ids.sort();
    // The assignment record (keyed by the mentor's id) comes with the apprentice.
    assert_eq!(ids, vec!["from-a1".to_owned(), PROGRAM.to_owned()]);
    assert_eq!(record_ids(&changes, Some("assignment")), vec![env.ids.mentor.clone()]);
}

async fn mentor_cannot_write_apprentice_records(env: &Env) {
    let mentor = env.enroll(&env.ids.mentor).await;
    let results = env.push_ok(&mentor, vec![new_entry(1, "by-mentor", &today(), 60)]).await;
    assert_eq!(results[0]["code"], "not_owner");
    assert!(results[0]["message"].as_str().unwrap().contains("mentor"), "{}", results[0]);
}

async fn admin_sees_the_whole_employer_and_nothing_else(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let other = env.enroll(&env.ids.other_apprentice).await;
    let admin_device = env.enroll(&env.ids.admin).await;
    env.push_ok(&a1, vec![new_entry(1, "e1", &today(), 60)]).await;
    env.push_ok(&a2, vec![new_entry(1, "e2", &today(), 60)]).await;
    env.push_ok(&other, vec![new_entry(1, "e3", &today(), 60)]).await;
    let (changes, _) = env.pull_all(&admin_device).await;
    let mut ids = record_ids(&changes, None);
    ids.sort();
    let mut expected = vec!["e1".to_owned(), "e2".to_owned(), PROGRAM.to_owned(), env.ids.mentor.clone()];
    expected.sort();
    assert_eq!(ids, expected, "entries, the program and the mentor's assignment");
}

async fn another_employer_is_invisible(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let other = env.enroll(&env.ids.other_apprentice).await;
    env.push_ok(&a1, vec![new_entry(1, "same-id", &today(), 60)]).await;
    // The same record id in another employer is another record: no not_owner, no conflict.
    let results = env.push_ok(&other, vec![new_entry(1, "same-id", &today(), 90)]).await;
    assert_eq!(results[0]["status"], "applied", "{}", results[0]);
    let (changes, _) = env.pull_all(&a1).await;
    let mine = changes.iter().find(|c| c["record_id"] == "same-id").unwrap();
    assert_eq!(mine["payload"]["minutes"], 60);
    assert_eq!(mine["origin_client_id"], a1.client_id.as_str());
    let (changes, _) = env.pull_all(&other).await;
    let theirs: Vec<_> = changes.iter().filter(|c| c["kind"] == "ojl_entry").collect();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["payload"]["minutes"], 90);
}

async fn missing_or_bad_tokens_are_401(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let body = json!({"client_id": a1.client_id, "mutations": []});
    for token in [None, Some("jl_not-a-real-token"), Some("something-else"), Some("")] {
        let reply = env.call(Method::POST, "/v1/sync/push", token, Some(body.clone())).await;
        reply.assert_problem(401, "unauthorized");
        assert!(reply.headers[header::WWW_AUTHENTICATE].to_str().unwrap().starts_with("Bearer"));
        env.call(Method::GET, "/v1/sync/pull", token, None).await.assert_problem(401, "unauthorized");
    }
    // A scheme other than Bearer.
    let request = axum::http::Request::get("/v1/sync/pull")
        .header("Journeylog-Protocol", "1")
        .header(header::AUTHORIZATION, format!("Basic {}", a1.token))
        .body(axum::body::Body::empty())
        .unwrap();
    env.send(request).await.assert_problem(401, "unauthorized");
}

async fn revoked_device_is_401(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    env.pull(&a1, "").await.assert_ok();
    let client_id = a1.client_id.clone();
    env.blocking(move |db| admin::revoke_device(db, &client_id).unwrap()).await;
    env.pull(&a1, "").await.assert_problem(401, "unauthorized");
    env.push(&a1, vec![new_entry(1, "x", &today(), 60)]).await.assert_problem(401, "unauthorized");
    // The user enrolls again with a new code and gets a new device.
    let again = env.enroll(&env.ids.apprentice1).await;
    assert_ne!(again.client_id, a1.client_id);
    env.pull(&again, "").await.assert_ok();
}

async fn push_for_another_device_is_403(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a1_other_laptop = env.enroll(&env.ids.apprentice1).await;
    let body = json!({"client_id": a1_other_laptop.client_id, "mutations": [new_entry(1, "x", &today(), 60)]});
    env.call(Method::POST, "/v1/sync/push", Some(&a1.token), Some(body)).await.assert_problem(403, "forbidden");
}

async fn newly_assigned_mentor_receives_earlier_records(env: &Env) {
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let mentor = env.enroll(&env.ids.mentor).await;
    env.push_ok(&a2, vec![new_entry(1, "early", &today(), 60)]).await;
    let (_, cursor) = env.pull_all(&mentor).await;
    let (mentor_id, apprentice_id) = (env.ids.mentor.clone(), env.ids.apprentice2.clone());
    env.blocking(move |db| admin::assign_mentor(db, &mentor_id, &apprentice_id).unwrap()).await;
    let body = env.pull(&mentor, &format!("?cursor={cursor}")).await.assert_ok().clone();
    let ids = record_ids(body["changes"].as_array().unwrap(), None);
    assert!(ids.contains(&"early".to_owned()), "{ids:?}");
}
