//! The sign-off flow through a real server with two real logbooks: the apprentice's
//! laptop and the mentor's laptop. Submit, approve, lock, amend, approve again; then
//! tamper with the apprentice's database and watch the approval fall away.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use chrono::{Duration, Local};
use journeylog_core::CoreError;
use journeylog_core::model::{DateRange, OjlInput, ReviewDecision, ReviewState};
use journeylog_core::progress::MilestoneState;
use journeylog_tests::device::Device;
use journeylog_tests::server::ServerProcess;

fn days_ago(n: i64) -> String {
    (Local::now().date_naive() - Duration::days(n)).to_string()
}

fn input(date: &str, hours: &str) -> OjlInput {
    OjlInput {
        date: date.into(),
        hours: hours.into(),
        work_process: "WP1".into(),
        note: "corrected".into(),
        site: String::new(),
        supervisor: String::new(),
        prior_credit: false,
    }
}

struct World {
    _dir: tempfile::TempDir,
    _server: ServerProcess,
    apprentice: Device,
    mentor: Device,
    apprentice_id: String,
    entries: Vec<String>,
}

/// The apprentice logs three days and submits them; both sides sync.
fn submitted_week() -> World {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let apprentice = Device::new();
    apprentice.create_profile("Ada Apprentice", &days_ago(60));
    let entries: Vec<String> = [(6, "8"), (5, "7:30"), (4, "6")]
        .iter()
        .map(|(ago, h)| apprentice.log(&days_ago(*ago), h, "WP1").unwrap())
        .collect();
    apprentice.connect(&server.base_url(), &fixture.apprentice1_code);
    let submitted = apprentice.journal().submit(DateRange { from: days_ago(6), to: days_ago(0) }).unwrap();
    assert_eq!(submitted, 3);
    apprentice.syncer().sync().unwrap();

    let mentor = Device::new();
    mentor.connect(&server.base_url(), &fixture.mentor_code);
    mentor.syncer().sync().unwrap();
    World { _dir: dir, _server: server, apprentice, mentor, apprentice_id: fixture.apprentice1_id, entries }
}

fn approve_all(world: &World) -> u32 {
    let queue = world.mentor.journal().review_queue(None).unwrap();
    let ids: Vec<String> = queue.iter().flat_map(|p| p.items.iter().map(|i| i.review.record_id.clone())).collect();
    let made = world
        .mentor
        .journal()
        .review_decide(ReviewDecision {
            apprentice_id: world.apprentice_id.clone(),
            record_ids: ids.clone(),
            approve: true,
            comment: "Good week".into(),
        })
        .unwrap();
    assert_eq!(made.records as usize, ids.len());
    ids.len() as u32
}

#[test]
fn submit_approve_lock_amend_and_approve_again() {
    let world = submitted_week();
    let apprentices = world.mentor.journal().mentor_apprentices().unwrap();
    assert_eq!(apprentices.len(), 1);
    assert_eq!(apprentices[0].name, "Ada Apprentice");
    assert_eq!(apprentices[0].pending_entries, 3);
    assert_eq!(apprentices[0].pending_minutes, (8 * 60) + 450 + 360);

    // The mentor reviews offline: the decision waits in the outbox.
    assert_eq!(approve_all(&world), 3);
    assert_eq!(world.mentor.journal().sync_status().unwrap().pending, 1);
    let pushed = world.mentor.syncer().sync().unwrap();
    assert_eq!((pushed.applied, pushed.rejected), (1, 0), "{pushed:?}");

    let received = world.apprentice.syncer().sync().unwrap();
    assert_eq!((received.signoffs, received.signoffs_invalid), (1, 0), "verified on arrival: {received:?}");
    let progress = world.apprentice.journal().progress().unwrap();
    assert_eq!(progress.ojl.approved_minutes, (8 * 60) + 450 + 360);
    assert_eq!(progress.ojl.pending_minutes, 0);
    let reviews = world.apprentice.journal().reviews(DateRange { from: days_ago(6), to: days_ago(0) }).unwrap();
    assert!(reviews.iter().all(|r| r.state == ReviewState::Approved), "{reviews:?}");
    assert_eq!(reviews[0].decision.as_ref().unwrap().mentor_name, "Morgan Mentor");

    // Approved entries are locked; a correction is an amendment.
    let first = &world.entries[0];
    let err = world.apprentice.journal().update_ojl(first, input(&days_ago(6), "7")).unwrap_err();
    assert!(matches!(err, CoreError::SignedOff { .. }), "{err:?}");
    assert_eq!(err.code(), "signed_off");
    let err = world.apprentice.journal().delete_ojl(first).unwrap_err();
    assert_eq!(err.code(), "signed_off");
    let amended = world.apprentice.journal().amend_ojl(first, input(&days_ago(6), "7")).unwrap();
    assert_eq!(amended.record.amends_version, Some(2));
    let progress = world.apprentice.journal().progress().unwrap();
    assert_eq!(progress.ojl.approved_minutes, 450 + 360, "the amendment waits for a fresh approval");
    assert_eq!(progress.ojl.pending_minutes, 7 * 60);
    let sent = world.apprentice.syncer().sync().unwrap();
    assert_eq!((sent.applied, sent.rejected), (1, 0), "the server takes the amendment: {sent:?}");

    world.mentor.syncer().sync().unwrap();
    let queue = world.mentor.journal().review_queue(None).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].items.len(), 1);
    assert_eq!(queue[0].items[0].review.amends_version, Some(2));
    assert_eq!(approve_all(&world), 1);
    world.mentor.syncer().sync().unwrap();
    world.apprentice.syncer().sync().unwrap();
    let progress = world.apprentice.journal().progress().unwrap();
    assert_eq!(progress.ojl.approved_minutes, (7 * 60) + 450 + 360);
    assert!(progress.signoff_problems.changed_after_signoff.is_empty());
    assert!(progress.signoff_problems.invalid_signoffs.is_empty(), "{:?}", progress.signoff_problems);
}

#[test]
fn returned_entries_are_edited_and_submitted_again() {
    let world = submitted_week();
    let target = world.entries[1].clone();
    world
        .mentor
        .journal()
        .review_decide(ReviewDecision {
            apprentice_id: world.apprentice_id.clone(),
            record_ids: vec![target.clone()],
            approve: false,
            comment: String::new(),
        })
        .map(|_| ())
        .expect_err("a return needs a comment");
    world
        .mentor
        .journal()
        .review_decide(ReviewDecision {
            apprentice_id: world.apprentice_id.clone(),
            record_ids: vec![target.clone()],
            approve: false,
            comment: "That was a half day".into(),
        })
        .unwrap();
    world.mentor.syncer().sync().unwrap();
    world.apprentice.syncer().sync().unwrap();
    let reviews = world.apprentice.journal().reviews(DateRange { from: days_ago(6), to: days_ago(0) }).unwrap();
    let returned = reviews.iter().find(|r| r.record_id == target).unwrap();
    assert_eq!(returned.state, ReviewState::Returned);
    assert_eq!(returned.decision.as_ref().unwrap().comment, "That was a half day");

    let edited = world.apprentice.journal().update_ojl(&target, input(&days_ago(5), "4")).unwrap();
    assert_eq!(edited.record.minutes, 240);
    world.apprentice.journal().submit(DateRange { from: days_ago(6), to: days_ago(0) }).unwrap();
    world.apprentice.syncer().sync().unwrap();
    world.mentor.syncer().sync().unwrap();
    let queue = world.mentor.journal().review_queue(None).unwrap();
    let waiting: Vec<_> = queue.iter().flat_map(|p| &p.items).collect();
    assert_eq!(waiting.len(), 3, "the two untouched and the corrected entry wait for review");
    assert!(waiting.iter().any(|i| i.review.record_id == target && i.review.state == ReviewState::Submitted));
}

#[test]
fn a_sql_edit_of_a_signed_entry_is_flagged_and_its_push_refused() {
    let world = submitted_week();
    approve_all(&world);
    world.mentor.syncer().sync().unwrap();
    world.apprentice.syncer().sync().unwrap();

    // The app keeps one open logbook, with its verified approvals cached: an edit by
    // another process must still be seen on the next load.
    let mut app = world.apprentice.journal();
    assert_eq!(app.progress().unwrap().ojl.approved_minutes, (8 * 60) + 450 + 360);
    let db = rusqlite::Connection::open(world.apprentice.db()).unwrap();
    db.execute("UPDATE ojl_entry SET minutes = 720 WHERE id = ?1", [&world.entries[2]]).unwrap();
    let progress = app.progress().unwrap();
    let changed = &progress.signoff_problems.changed_after_signoff;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].record_id, world.entries[2]);
    assert_eq!(changed[0].state, ReviewState::ChangedAfterSignoff);
    assert_eq!(progress.ojl.approved_minutes, (8 * 60) + 450, "the tampered entry is out of the approved total");

    // Forging the sync too: a hand-made outbox row for the edited version.
    let payload: String = db
        .query_row(
            "SELECT json_object('id', id, 'date', date, 'minutes', minutes, 'work_process', work_process, 'note', note,
                    'site', site, 'supervisor', supervisor, 'prior_credit', json(CASE prior_credit WHEN 1 THEN 'true' ELSE 'false' END),
                    'status', status, 'version', version + 1, 'created_at', created_at, 'updated_at', updated_at)
             FROM ojl_entry WHERE id = ?1",
            [&world.entries[2]],
            |r| r.get(0),
        )
        .unwrap();
    db.execute(
        "INSERT INTO outbox (mutation_id, kind, record_id, base_version, payload, created_at)
         SELECT 'forged', 'ojl_entry.upsert', id, version, ?2, updated_at FROM ojl_entry WHERE id = ?1",
        rusqlite::params![&world.entries[2], payload],
    )
    .unwrap();
    let report = world.apprentice.syncer().sync().unwrap();
    assert_eq!(report.rejected, 1, "{report:?}");
    let attention = world.apprentice.journal().sync_attention().unwrap();
    assert_eq!(attention[0].code, "signed_off", "{attention:?}");

    // Editing a sign-off row's filing (here: its subject) voids it on the next load.
    db.execute("UPDATE signoff SET subject = 'milestone:M1'", []).unwrap();
    let progress = world.apprentice.journal().progress().unwrap();
    assert_eq!(progress.ojl.approved_minutes, 0);
    assert_eq!(progress.signoff_problems.invalid_signoffs[0].code, "signoff_wrong_subject");
    assert!(progress.milestones.iter().all(|m| m.state != MilestoneState::SignedOff));
}

#[test]
fn a_revoked_approval_no_longer_counts_nor_locks() {
    let world = submitted_week();
    let queue = world.mentor.journal().review_queue(None).unwrap();
    // The three days can fall in two review weeks (periods), depending on today.
    let ids: Vec<String> = queue.iter().flat_map(|p| p.items.iter()).map(|i| i.review.record_id.clone()).collect();
    let made = world
        .mentor
        .journal()
        .review_decide(ReviewDecision {
            apprentice_id: world.apprentice_id.clone(),
            record_ids: ids,
            approve: true,
            comment: String::new(),
        })
        .unwrap();
    world.mentor.syncer().sync().unwrap();
    world.apprentice.syncer().sync().unwrap();
    assert_eq!(world.apprentice.journal().progress().unwrap().ojl.approved_minutes, (8 * 60) + 450 + 360);

    let err = world.mentor.journal().revoke_signoff(&made.signoff_id, "").unwrap_err();
    assert_eq!(err.field(), Some("comment"));
    let revoked = world.mentor.journal().revoke_signoff(&made.signoff_id, "Wrong week approved").unwrap();
    assert_eq!(revoked.subject, format!("signoff:{}", made.signoff_id));
    let sent = world.mentor.syncer().sync().unwrap();
    assert_eq!((sent.applied, sent.rejected), (1, 0), "the server verifies and takes the revocation: {sent:?}");
    world.apprentice.syncer().sync().unwrap();
    let progress = world.apprentice.journal().progress().unwrap();
    assert_eq!(progress.ojl.approved_minutes, 0, "the revoked approval counts for nothing");
    let reviews = world.apprentice.journal().reviews(DateRange { from: days_ago(6), to: days_ago(0) }).unwrap();
    assert!(reviews.iter().all(|r| r.state == ReviewState::Submitted), "{reviews:?}");
    // Back to waiting for the mentor: still not editable, but no longer "signed off".
    assert_eq!(
        world.apprentice.journal().update_ojl(&world.entries[0], input(&days_ago(6), "7")).unwrap_err().code(),
        "locked"
    );
}
