//! xAPI statements posted by the real `jlog export --format xapi --lrs` to an LRS
//! stand-in on loopback that enforces the statement rules (tests/src/lrs.rs).
//!
//! The point is idempotency: an LRS keeps every statement forever, so a second
//! export of the same logbook must store nothing new and trip no conflict, and a
//! corrected entry must arrive as one new statement plus one voiding statement.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::collections::BTreeSet;

use journeylog_core::model::{LogItem, OjlInput};
use journeylog_tests::jlog;
use journeylog_tests::lrs::{LrsStandIn, check_statement};
use journeylog_tests::signed_logbook::{World, signed_logbook};
use serde_json::Value;

const USER: &str = "journeylog-export";
const PASSWORD: &str = "lrs-secret-4417";

fn post(world: &World, lrs: &LrsStandIn, password: &str) -> jlog::Run {
    let db = world.apprentice.db();
    let endpoint = lrs.endpoint();
    jlog::run(Some(&db), &["export", "--format", "xapi", "--lrs", &endpoint, "--user", USER, "--password", password])
}

#[test]
fn a_re_export_stores_nothing_new_and_a_correction_voids_what_it_replaces() {
    let world = signed_logbook();
    let lrs = LrsStandIn::start(USER, PASSWORD);

    let first = post(&world, &lrs, PASSWORD);
    assert_eq!(first.code, Some(0), "{}", first.text());
    let log = lrs.log();
    assert!(log.refusals.is_empty(), "the LRS refused: {:?}", log.refusals);
    let stored = lrs.stored();
    // Six submitted entries, one certification, and the three sign-offs (the
    // approval, the return, the milestone); the draft is not sent.
    assert_eq!(stored.len(), 10, "{:#?}", stored.keys());
    let items = world.apprentice.journal().list(Default::default()).unwrap();
    for item in &items {
        let (id, submitted) = match item {
            LogItem::Ojl(e) => (&e.id, e.status == journeylog_core::model::EntryStatus::Submitted),
            LogItem::Coursework(c) => (&c.id, c.status == journeylog_core::model::EntryStatus::Submitted),
        };
        assert_eq!(stored.contains_key(id), submitted, "statement id = record id, submitted entries only: {id}");
    }
    let verbs: BTreeSet<&str> = stored.values().map(|s| s["verb"]["id"].as_str().unwrap()).collect();
    for verb in [
        "http://adlnet.gov/expapi/verbs/completed",
        "http://adlnet.gov/expapi/verbs/attended",
        "http://id.tincanapi.com/verb/earned",
        "http://activitystrea.ms/schema/1.0/approve",
        "https://journeylog.invalid/xapi/verbs/returned",
    ] {
        assert!(verbs.contains(verb), "no statement with verb {verb}: {verbs:?}");
    }

    // The same export again: every statement is recognised, none is stored twice.
    let second = post(&world, &lrs, PASSWORD);
    assert_eq!(second.code, Some(0), "{}", second.text());
    let again = lrs.log();
    assert!(again.refusals.is_empty(), "the LRS refused: {:?}", again.refusals);
    assert_eq!(lrs.stored(), stored, "a re-export changes nothing in the LRS");
    assert_eq!(again.repeats, stored.len(), "each statement was sent again under its own id and recognised");

    // The file export carries exactly the statements posted, each valid on its own.
    let out = world.dir().join("statements.json");
    let file = jlog::run(Some(&world.apprentice.db()), &["export", "--format", "xapi", "--out", out.to_str().unwrap()]);
    assert_eq!(file.code, Some(0), "{}", file.text());
    let written: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    for s in &written {
        check_statement(s).unwrap();
    }
    let written_ids: BTreeSet<&str> = written.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(written_ids, stored.keys().map(String::as_str).collect());

    // Correct an approved entry: the new content gets a new statement and the old
    // one is voided; a further export adds nothing.
    let approved = items
        .iter()
        .find_map(|i| match i {
            LogItem::Ojl(e) if e.minutes == 480 => Some(e.clone()),
            _ => None,
        })
        .unwrap();
    world
        .apprentice
        .journal()
        .amend_ojl(
            &approved.id,
            OjlInput {
                date: approved.date.to_string(),
                hours: "8:30".into(),
                work_process: approved.work_process.clone(),
                note: "stayed for the press changeover".into(),
                site: approved.site.clone(),
                supervisor: approved.supervisor.clone(),
                prior_credit: false,
            },
        )
        .unwrap();
    let third = post(&world, &lrs, PASSWORD);
    assert_eq!(third.code, Some(0), "{}", third.text());
    let after = lrs.stored();
    assert!(lrs.log().refusals.is_empty(), "{:?}", lrs.log().refusals);
    let added: Vec<&Value> = after.iter().filter(|(id, _)| !stored.contains_key(*id)).map(|(_, s)| s).collect();
    assert_eq!(added.len(), 2, "the corrected entry and the voiding of its first statement: {added:#?}");
    let void = added.iter().find(|s| s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided").unwrap();
    assert_eq!(void["object"]["objectType"], "StatementRef");
    assert_eq!(void["object"]["id"], approved.id.as_str(), "the voided statement is the first content's");
    let corrected = added.iter().find(|s| s["verb"]["id"] != "http://adlnet.gov/expapi/verbs/voided").unwrap();
    assert_eq!(corrected["result"]["duration"], "PT8H30M");
    let fourth = post(&world, &lrs, PASSWORD);
    assert_eq!(fourth.code, Some(0), "{}", fourth.text());
    assert_eq!(lrs.stored(), after, "the corrected state, exported again, adds nothing");
}

#[test]
fn the_lrs_refusing_the_password_is_a_clear_error_that_does_not_echo_it() {
    let world = signed_logbook();
    let lrs = LrsStandIn::start(USER, PASSWORD);
    let run = post(&world, &lrs, "wrong-password-991");
    assert_ne!(run.code, Some(0), "{}", run.text());
    assert!(run.stderr.contains("refused the user name or password"), "{}", run.text());
    assert!(!run.text().contains("wrong-password-991"), "{}", run.text());
    assert!(lrs.stored().is_empty());
}
