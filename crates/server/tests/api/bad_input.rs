//! Bad input gets the right status and problem code, never a 500.

use axum::body::Body;
use axum::http::{Method, Request, header};
use journeylog_proto::{MAX_BODY_BYTES, MAX_PUSH_MUTATIONS};
use serde_json::{Value, json};

use crate::common::*;
use crate::on_both_backends;

on_both_backends!(
    malformed_json_is_invalid_body,
    wrong_types_are_invalid_body,
    unknown_fields_are_invalid_body,
    oversized_body_is_413,
    too_many_mutations_is_400,
    non_consecutive_seqs_are_invalid_body,
    wrong_content_type_is_415,
    missing_or_old_protocol_header_is_426,
    seq_gap_is_409_naming_the_expected_seq,
    future_dated_record_is_rejected,
    day_over_24_hours_is_rejected,
    code_outside_the_program_is_rejected,
    payload_that_disagrees_with_its_mutation_is_invalid_record,
    malformed_pull_query_is_invalid_query,
    enrollment_codes_work_once_and_expire,
    unknown_routes_and_methods_are_problems,
);

async fn raw_push(env: &Env, device: &Device, content_type: Option<&str>, body: impl Into<Body>) -> Reply {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/v1/sync/push")
        .header("Journeylog-Protocol", "1")
        .header(header::AUTHORIZATION, format!("Bearer {}", device.token));
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    env.send(request.body(body.into()).unwrap()).await
}

async fn malformed_json_is_invalid_body(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    for body in ["", "{", "not json", "{\"client_id\": }", "[]"] {
        raw_push(env, &a1, Some("application/json"), body).await.assert_problem(400, "invalid_body");
    }
}

async fn wrong_types_are_invalid_body(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let bodies = [
        json!({"client_id": 5, "mutations": []}),
        json!({"client_id": a1.client_id, "mutations": {}}),
        json!({"client_id": a1.client_id, "mutations": [{"seq": "one", "mutation_id": "m", "kind": "ojl_entry.upsert",
            "record_id": "r", "base_version": 0, "payload": {}}]}),
        json!({"client_id": a1.client_id, "mutations": [{"seq": 1, "mutation_id": "m", "kind": "no_such.kind",
            "record_id": "r", "base_version": 0, "payload": {}}]}),
        json!({"client_id": a1.client_id, "mutations": [{"seq": -1, "mutation_id": "m", "kind": "ojl_entry.upsert",
            "record_id": "r", "base_version": 0, "payload": {}}]}),
    ];
    for body in bodies {
        let reply = env.call(Method::POST, "/v1/sync/push", Some(&a1.token), Some(body)).await;
        reply.assert_problem(400, "invalid_body");
    }
}

async fn unknown_fields_are_invalid_body(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let body = json!({"client_id": a1.client_id, "mutations": [], "priority": "high"});
    let reply = env.call(Method::POST, "/v1/sync/push", Some(&a1.token), Some(body)).await;
    reply.assert_problem(400, "invalid_body");
    assert!(reply.body["detail"].as_str().unwrap().contains("priority"), "{}", reply.body);
    let mut m = new_entry(1, "r", &today(), 60);
    m["extra"] = json!(1);
    let body = json!({"client_id": a1.client_id, "mutations": [m]});
    env.call(Method::POST, "/v1/sync/push", Some(&a1.token), Some(body)).await.assert_problem(400, "invalid_body");
    let reply =
        env.call(Method::POST, "/v1/enroll", None, Some(json!({"code": "x", "device_name": "d", "admin": true}))).await;
    reply.assert_problem(400, "invalid_body");
}

async fn oversized_body_is_413(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let note = "x".repeat(MAX_BODY_BYTES);
    let mut payload = ojl("big", &today(), 60, "WP1", 1);
    payload["note"] = Value::String(note);
    let body = json!({"client_id": a1.client_id, "mutations": [mutation(1, "ojl_entry.upsert", "big", 0, payload)]});
    let reply = raw_push(env, &a1, Some("application/json"), body.to_string()).await;
    reply.assert_problem(413, "payload_too_large");
    // Nothing was stored: seq 1 is still the next one.
    let results = env.push_ok(&a1, vec![new_entry(1, "small", &today(), 60)]).await;
    assert_eq!(results[0]["status"], "applied");
}

async fn too_many_mutations_is_400(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let date = days_from_today(-3);
    let mutations: Vec<Value> =
        (1..=MAX_PUSH_MUTATIONS as u64 + 1).map(|seq| new_entry(seq, &format!("r{seq}"), &date, 1)).collect();
    env.push(&a1, mutations).await.assert_problem(400, "too_many_mutations");
}

async fn non_consecutive_seqs_are_invalid_body(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let reply = env.push(&a1, vec![new_entry(1, "a", &today(), 60), new_entry(3, "b", &today(), 60)]).await;
    reply.assert_problem(400, "invalid_body");
    assert!(reply.body["detail"].as_str().unwrap().contains("consecutive"), "{}", reply.body);
    env.push(&a1, vec![new_entry(0, "a", &today(), 60)]).await.assert_problem(400, "invalid_body");
}

async fn wrong_content_type_is_415(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let body = json!({"client_id": a1.client_id, "mutations": []}).to_string();
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        raw_push(env, &a1, content_type, body.clone()).await.assert_problem(415, "unsupported_media_type");
    }
    let reply = raw_push(env, &a1, Some("application/json; charset=utf-8"), body).await;
    reply.assert_ok();
}

async fn missing_or_old_protocol_header_is_426(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    for version in [None, Some("0"), Some("one")] {
        let mut request = Request::get("/v1/sync/pull").header(header::AUTHORIZATION, format!("Bearer {}", a1.token));
        if let Some(version) = version {
            request = request.header("Journeylog-Protocol", version);
        }
        let reply = env.send(request.body(Body::empty()).unwrap()).await;
        reply.assert_problem(426, "upgrade_required");
        assert_eq!(reply.headers["journeylog-protocol"], "1");
    }
    // Health needs no header.
    let reply = env.send(Request::get("/v1/health").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.assert_ok()["status"], "ok");
    assert_eq!(reply.body["protocol"], 1);
}

async fn seq_gap_is_409_naming_the_expected_seq(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    env.push_ok(&a1, vec![new_entry(1, "a", &today(), 60)]).await;
    let reply = env.push(&a1, vec![new_entry(5, "b", &today(), 60)]).await;
    reply.assert_problem(409, "seq_gap");
    assert!(reply.body["detail"].as_str().unwrap().contains("must be 2"), "{}", reply.body);
    assert_eq!(reply.body["expected_seq"], 2, "the seq to resend from, for a machine: {}", reply.body);
}

async fn future_dated_record_is_rejected(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let results = env
        .push_ok(
            &a1,
            vec![new_entry(1, "tomorrow", &days_from_today(1), 60), new_entry(2, "next-week", &days_from_today(7), 60)],
        )
        .await;
    assert_eq!(results[0]["status"], "applied", "a day of slack for time zones: {}", results[0]);
    assert_eq!(results[1]["code"], "future_dated");
    assert!(results[1]["message"].as_str().unwrap().contains("date"), "{}", results[1]);
}

async fn day_over_24_hours_is_rejected(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let day = days_from_today(-1);
    let results = env
        .push_ok(
            &a1,
            vec![
                new_entry(1, "a", &day, 1000),
                new_entry(2, "b", &day, 440),
                new_entry(3, "c", &day, 1),
                // Editing an entry replaces its minutes instead of adding to them.
                mutation(4, "ojl_entry.upsert", "b", 1, ojl("b", &day, 439, "WP1", 2)),
                new_entry(5, "d", &day, 1),
            ],
        )
        .await;
    let statuses: Vec<_> =
        results.iter().map(|r| r["code"].as_str().unwrap_or(r["status"].as_str().unwrap())).collect();
    assert_eq!(statuses, vec!["applied", "applied", "day_limit", "applied", "applied"]);
    // Worded like the app's own check, in hours and minutes.
    assert!(results[2]["message"].as_str().unwrap().contains("would total 24:01"), "{}", results[2]);
}

async fn code_outside_the_program_is_rejected(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let mut coursework = json!({
        "id": "c1", "course": "NOPE-101", "date": today(), "minutes": 60, "paid": false, "status": "draft",
        "note": "", "version": 1, "created_at": "t", "updated_at": "t",
    });
    let results = env
        .push_ok(
            &a1,
            vec![
                mutation(1, "ojl_entry.upsert", "w", 0, ojl("w", &today(), 60, "WP99", 1)),
                mutation(2, "coursework_entry.upsert", "c1", 0, coursework.clone()),
            ],
        )
        .await;
    assert_eq!(results[0]["code"], "unknown_code");
    assert!(results[0]["message"].as_str().unwrap().contains("work_process \"WP99\""), "{}", results[0]);
    assert_eq!(results[1]["code"], "unknown_code");
    let program = journeylog_core::programs::template(PROGRAM).unwrap();
    coursework["course"] = json!(program.courses[0].code);
    let results = env.push_ok(&a1, vec![mutation(3, "coursework_entry.upsert", "c1", 0, coursework)]).await;
    assert_eq!(results[0]["status"], "applied", "{}", results[0]);
}

async fn payload_that_disagrees_with_its_mutation_is_invalid_record(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let mut missing_field = ojl("m", &today(), 60, "WP1", 1);
    missing_field.as_object_mut().unwrap().remove("date");
    let cases = vec![
        (mutation(1, "ojl_entry.upsert", "r1", 0, ojl("other-id", &today(), 60, "WP1", 1)), "record_id"),
        (mutation(2, "ojl_entry.upsert", "r2", 0, ojl("r2", &today(), 60, "WP1", 7)), "version"),
        (mutation(3, "ojl_entry.upsert", "r3", 0, ojl("r3", "2026-02-30", 60, "WP1", 1)), "date"),
        (mutation(4, "ojl_entry.upsert", "r4", 0, ojl("r4", &today(), 0, "WP1", 1)), "minutes"),
        (mutation(5, "ojl_entry.upsert", "m", 0, missing_field), "date"),
        (mutation(6, "ojl_entry.delete", "r6", 0, json!({"id": "r6"})), "version"),
        (mutation(7, "enrollment.upsert", "not-enrollment", 0, json!({})), "apprentice_name"),
    ];
    let (mutations, fields): (Vec<_>, Vec<_>) = cases.into_iter().unzip();
    let results = env.push_ok(&a1, mutations).await;
    for (result, field) in results.iter().zip(fields) {
        assert_eq!(result["code"], "invalid_record", "{result}");
        assert!(result["message"].as_str().unwrap().contains(field), "message names {field}: {result}");
    }
    assert_eq!(env.push(&a1, vec![]).await.assert_ok()["last_seq"], 7);
}

async fn malformed_pull_query_is_invalid_query(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    for query in ["?cursor=garbage", "?cursor=ab.cd", "?cursor=.5", "?limit=0", "?limit=-3", "?limit=many"] {
        env.pull(&a1, query).await.assert_problem(400, "invalid_query");
    }
    let body = env.pull(&a1, "?limit=5000").await.assert_ok().clone();
    assert_eq!(body["has_more"], false, "a limit above the maximum is lowered, not refused");
}

async fn enrollment_codes_work_once_and_expire(env: &Env) {
    let user = env.ids.apprentice1.clone();
    let code = env.blocking(move |db| journeylog_server::admin::enroll_code(db, &user, 7).unwrap().code).await;
    let enroll = |code: String| json!({"code": code, "device_name": "laptop"});
    // Typed sloppily: lower case, spaces instead of dashes.
    let sloppy = code.to_lowercase().replace('-', " ");
    let reply = env.call(Method::POST, "/v1/enroll", None, Some(enroll(sloppy))).await;
    let body = reply.assert_ok();
    assert!(body["token"].as_str().unwrap().starts_with("jl_"));
    assert_eq!(body["role"], "apprentice");
    assert_eq!(body["program_id"], PROGRAM);
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store");
    let again = env.call(Method::POST, "/v1/enroll", None, Some(enroll(code))).await;
    again.assert_problem(400, "enrollment_code_invalid");
    let user = env.ids.apprentice1.clone();
    let expired = env
        .blocking(move |db| journeylog_server::admin::issue_code(db, &user, chrono::Duration::seconds(-1)).unwrap())
        .await;
    let reply = env.call(Method::POST, "/v1/enroll", None, Some(enroll(expired.code))).await;
    reply.assert_problem(400, "enrollment_code_invalid");
    let reply = env.call(Method::POST, "/v1/enroll", None, Some(enroll("AAAA-BBBB-CCCC".into()))).await;
    reply.assert_problem(400, "enrollment_code_invalid");
    let reply = env.call(Method::POST, "/v1/enroll", None, Some(json!({"code": "x", "device_name": " "}))).await;
    reply.assert_problem(400, "invalid_body");
}

async fn unknown_routes_and_methods_are_problems(env: &Env) {
    env.call(Method::GET, "/v1/nothing-here", None, None).await.assert_problem(404, "not_found");
    env.call(Method::DELETE, "/v1/sync/push", None, None).await.assert_problem(405, "method_not_allowed");
}
