//! The sync protocol: exactly-once push, rejections, conflicts, paging, epochs.

use journeylog_server::admin;
use serde_json::{Value, json};

use crate::common::*;
use crate::on_both_backends;

on_both_backends!(
    retried_push_returns_duplicates_and_stores_nothing_twice,
    rejection_is_stored_and_advances_the_seq,
    version_conflict_carries_the_current_record,
    a_record_the_server_never_saw_is_created_at_the_devices_version,
    pull_pages_follow_the_cursor,
    new_epoch_requires_resync,
    cursor_ahead_of_the_server_requires_resync,
    programs_reach_enrolled_apprentices,
    deletes_leave_tombstones_and_free_the_day,
    each_apprentice_has_one_enrollment_record,
    reused_seq_with_another_mutation_is_refused,
);

async fn retried_push_returns_duplicates_and_stores_nothing_twice(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let day = days_from_today(-2);
    let batch = vec![
        new_entry(1, "a", &day, 60),
        new_entry(2, "b", &day, 60),
        mutation(3, "ojl_entry.upsert", "a", 1, ojl("a", &day, 90, "WP2", 2)),
    ];
    let first = env.push_ok(&a1, batch.clone()).await;
    let versions: Vec<_> = first.iter().map(|r| (r["status"].clone(), r["version"].clone())).collect();
    assert_eq!(
        versions,
        vec![(json!("applied"), json!(1)), (json!("applied"), json!(1)), (json!("applied"), json!(2))]
    );
    let (before, cursor_before) = env.pull_all(&a1).await;

    // The response was lost; the client sends the same batch again, then part of it.
    let again = env.push_ok(&a1, batch.clone()).await;
    let versions: Vec<_> = again.iter().map(|r| (r["status"].clone(), r["version"].clone())).collect();
    assert_eq!(
        versions,
        vec![(json!("duplicate"), json!(1)), (json!("duplicate"), json!(1)), (json!("duplicate"), json!(2))]
    );
    assert_eq!(again[2]["mutation_id"], first[2]["mutation_id"]);
    // A retry that overlaps settled and new seqs.
    let overlap = env.push_ok(&a1, vec![batch[2].clone(), new_entry(4, "c", &day, 60)]).await;
    assert_eq!(overlap[0]["status"], "duplicate");
    assert_eq!(overlap[1]["status"], "applied");

    let (after, _) = env.pull_all(&a1).await;
    assert_eq!(after.len(), before.len() + 1, "the retries stored nothing");
    let body = env.pull(&a1, &format!("?cursor={cursor_before}")).await.assert_ok().clone();
    assert_eq!(record_ids(body["changes"].as_array().unwrap(), None), vec!["c".to_owned()]);
}

async fn rejection_is_stored_and_advances_the_seq(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let batch = vec![
        new_entry(1, "ok1", &today(), 60),
        new_entry(2, "future", &days_from_today(30), 60),
        new_entry(3, "ok2", &today(), 60),
    ];
    let reply = env.push(&a1, batch.clone()).await;
    let body = reply.assert_ok().clone();
    assert_eq!(body["last_seq"], 3);
    let statuses: Vec<_> = body["results"].as_array().unwrap().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, vec![json!("applied"), json!("rejected"), json!("applied")]);
    // The same rejection comes back on a retry, and the next push continues at 4.
    let again = env.push_ok(&a1, vec![batch[1].clone()]).await;
    assert_eq!(again[0]["status"], "rejected");
    assert_eq!(again[0]["code"], "future_dated");
    assert_eq!(again[0]["message"], body["results"][1]["message"]);
    let next = env.push_ok(&a1, vec![new_entry(4, "ok3", &today(), 60)]).await;
    assert_eq!(next[0]["status"], "applied");
    let (changes, _) = env.pull_all(&a1).await;
    assert!(!record_ids(&changes, None).contains(&"future".to_owned()));
}

async fn version_conflict_carries_the_current_record(env: &Env) {
    // One apprentice, two laptops, both editing the same entry.
    let laptop = env.enroll(&env.ids.apprentice1).await;
    let desktop = env.enroll(&env.ids.apprentice1).await;
    let day = days_from_today(-1);
    env.push_ok(&laptop, vec![new_entry(1, "e", &day, 60)]).await;
    env.push_ok(&laptop, vec![mutation(2, "ojl_entry.upsert", "e", 1, ojl("e", &day, 120, "WP1", 2))]).await;
    let stale = mutation(1, "ojl_entry.upsert", "e", 1, ojl("e", &day, 30, "WP3", 2));
    let results = env.push_ok(&desktop, vec![stale.clone()]).await;
    assert_eq!(results[0]["code"], "version_conflict", "{}", results[0]);
    let current = &results[0]["current"];
    assert_eq!(current["version"], 2);
    assert_eq!(current["payload"]["minutes"], 120);
    assert_eq!(current["origin_client_id"], laptop.client_id.as_str());
    // The retry of the rejected seq carries the current record too.
    let retried = env.push_ok(&desktop, vec![stale]).await;
    assert_eq!(retried[0]["code"], "version_conflict");
    assert_eq!(retried[0]["current"]["version"], 2);
}

async fn a_record_the_server_never_saw_is_created_at_the_devices_version(env: &Env) {
    // Refused at version 1 (dated in the future), then fixed on the device as version 2.
    let laptop = env.enroll(&env.ids.apprentice1).await;
    let refused = env.push_ok(&laptop, vec![new_entry(1, "late", &days_from_today(30), 60)]).await;
    assert_eq!(refused[0]["code"], "future_dated");
    let fixed = mutation(2, "ojl_entry.upsert", "late", 1, ojl("late", &days_from_today(-1), 60, "WP1", 2));
    let applied = env.push_ok(&laptop, vec![fixed]).await;
    assert_eq!(applied[0]["status"], "applied", "{}", applied[0]);
    assert_eq!(applied[0]["version"], 2);
    // Once the server holds it, the usual rule applies again.
    let stale = mutation(3, "ojl_entry.upsert", "late", 1, ojl("late", &days_from_today(-1), 90, "WP1", 2));
    assert_eq!(env.push_ok(&laptop, vec![stale]).await[0]["code"], "version_conflict");
}

async fn pull_pages_follow_the_cursor(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let mutations: Vec<Value> =
        (1..=25u64).map(|seq| new_entry(seq, &format!("r{seq:02}"), &days_from_today(-(seq as i64)), 60)).collect();
    env.push_ok(&a1, mutations).await;
    let mut seen = Vec::new();
    let mut query = "?limit=10".to_owned();
    let mut pages = 0;
    loop {
        let body = env.pull(&a1, &query).await.assert_ok().clone();
        pages += 1;
        let changes = body["changes"].as_array().unwrap();
        assert!(changes.len() <= 10);
        seen.extend(record_ids(changes, None));
        let cursor = body["cursor"].as_str().unwrap();
        if !body["has_more"].as_bool().unwrap() {
            // Pulling from the last cursor gives nothing new.
            let tail = env.pull(&a1, &format!("?cursor={cursor}")).await.assert_ok().clone();
            assert_eq!(tail["changes"], json!([]));
            assert_eq!(tail["has_more"], false);
            assert_eq!(tail["cursor"], cursor);
            break;
        }
        query = format!("?limit=10&cursor={cursor}");
    }
    assert_eq!(pages, 3);
    let mut expected: Vec<String> = (1..=25).map(|i| format!("r{i:02}")).collect();
    expected.insert(0, PROGRAM.to_owned());
    expected.insert(1, env.ids.mentor.clone()); // the assignment record
    assert_eq!(seen, expected, "every change once, in change order");
}

async fn new_epoch_requires_resync(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    env.push_ok(&a1, vec![new_entry(1, "a", &today(), 60)]).await;
    let (first, cursor) = env.pull_all(&a1).await;
    let employer = env.ids.employer.clone();
    env.blocking(move |db| admin::new_epoch(db, &employer).unwrap()).await;
    env.pull(&a1, &format!("?cursor={cursor}")).await.assert_problem(409, "resync_required");
    let (again, new_cursor) = env.pull_all(&a1).await;
    assert_eq!(again, first, "a pull from the start returns everything again");
    assert_ne!(new_cursor, cursor);
    // Pushes are unaffected by the epoch.
    assert_eq!(env.push_ok(&a1, vec![new_entry(2, "b", &today(), 60)]).await[0]["status"], "applied");
}

async fn cursor_ahead_of_the_server_requires_resync(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let (_, cursor) = env.pull_all(&a1).await;
    let (epoch, _) = cursor.split_once('.').unwrap();
    env.pull(&a1, &format!("?cursor={epoch}.999999")).await.assert_problem(409, "resync_required");
}

async fn programs_reach_enrolled_apprentices(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let (changes, cursor) = env.pull_all(&a1).await;
    let program = changes.iter().find(|c| c["kind"] == "program").unwrap();
    assert_eq!(program["record_id"], PROGRAM);
    assert_eq!(program["version"], 1);
    assert_eq!(program["payload"]["id"], PROGRAM);
    assert!(program["payload"]["work_processes"].as_array().unwrap().len() > 1);
    assert_eq!(program["origin_client_id"], Value::Null);

    // A new revision reaches the device on its next pull.
    let mut standard = journeylog_core::programs::template(PROGRAM).unwrap();
    standard.revision = 2;
    standard.title.push_str(" (2027)");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.json");
    journeylog_core::programs::write_program_file(&standard, &file).unwrap();
    let import = |file: std::path::PathBuf| {
        let employer = env.ids.employer.clone();
        env.blocking(move |db| admin::import_program(db, &employer, &file))
    };
    let report = import(file.clone()).await.unwrap();
    assert_eq!((report.status.as_str(), report.version), ("updated", 2));
    let body = env.pull(&a1, &format!("?cursor={cursor}")).await.assert_ok().clone();
    assert_eq!(body["changes"][0]["version"], 2);
    assert_eq!(body["changes"][0]["payload"]["revision"], 2);
    // Same content again: nothing to do. Other content under the same revision: refused.
    assert_eq!(import(file.clone()).await.unwrap().status, "unchanged");
    standard.title.push('!');
    journeylog_core::programs::write_program_file(&standard, &file).unwrap();
    let err = import(file.clone()).await.unwrap_err();
    assert!(err.to_string().contains("revision"), "{err}");
}

async fn deletes_leave_tombstones_and_free_the_day(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let day = days_from_today(-1);
    let results = env
        .push_ok(
            &a1,
            vec![
                new_entry(1, "long", &day, 1440),
                mutation(2, "ojl_entry.delete", "long", 1, tombstone("long", 2)),
                new_entry(3, "after", &day, 600),
                mutation(4, "ojl_entry.upsert", "long", 1, ojl("long", &day, 60, "WP1", 2)),
            ],
        )
        .await;
    assert_eq!(results[1]["status"], "applied");
    assert_eq!(results[1]["version"], 2);
    assert_eq!(results[2]["status"], "applied", "the deleted entry's minutes no longer count");
    assert_eq!(results[3]["code"], "version_conflict", "an edit made before the delete conflicts");
    assert_eq!(results[3]["current"]["deleted"], true);
    let (changes, _) = env.pull_all(&a1).await;
    let long = changes.iter().find(|c| c["record_id"] == "long").unwrap();
    assert_eq!(long["deleted"], true);
    assert_eq!(long["version"], 2);
    assert_eq!(long["payload"]["id"], "long");
}

async fn each_apprentice_has_one_enrollment_record(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    let a2 = env.enroll(&env.ids.apprentice2).await;
    let enrollment = |name: &str, program: &str, version: u32| {
        json!({
            "apprentice_name": name, "program_id": program, "start_date": "2026-01-05",
            "prior_ojl_minutes": 0, "prior_rti_minutes": 0, "version": version, "created_at": "2026-01-05T08:00:00Z",
        })
    };
    let r1 =
        env.push_ok(&a1, vec![mutation(1, "enrollment.upsert", "enrollment", 0, enrollment("Ada", PROGRAM, 1))]).await;
    let r2 =
        env.push_ok(&a2, vec![mutation(1, "enrollment.upsert", "enrollment", 0, enrollment("Ben", PROGRAM, 1))]).await;
    assert_eq!((r1[0]["status"].as_str(), r2[0]["status"].as_str()), (Some("applied"), Some("applied")), "{r1:?}");
    let wrong =
        env.push_ok(&a1, vec![mutation(2, "enrollment.upsert", "enrollment", 1, enrollment("Ada", "uxdr", 2))]).await;
    assert_eq!(wrong[0]["code"], "invalid_record");
    assert!(wrong[0]["message"].as_str().unwrap().contains("program_id"), "{}", wrong[0]);
    let (changes, _) = env.pull_all(&a1).await;
    let mine: Vec<_> = changes.iter().filter(|c| c["kind"] == "enrollment").collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["payload"]["apprentice_name"], "Ada");
}

async fn reused_seq_with_another_mutation_is_refused(env: &Env) {
    let a1 = env.enroll(&env.ids.apprentice1).await;
    env.push_ok(&a1, vec![new_entry(1, "a", &today(), 60)]).await;
    let mut other = new_entry(1, "b", &today(), 60);
    other["mutation_id"] = json!("a-different-mutation");
    env.push(&a1, vec![other]).await.assert_problem(400, "invalid_body");
}
