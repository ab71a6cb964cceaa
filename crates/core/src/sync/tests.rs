//! The engine's local rules against a real SQLite file: how pulled changes land,
//! and how conflicts resolve. The network half is tested against a real server in
//! the `tests` crate.

use chrono::NaiveDate;
use journeylog_proto::{Change, RecordKind};
use serde_json::json;

use crate::model::{OjlInput, ProfileInput, ProgramChoice};
use crate::store::sync_state;
use crate::sync::{ConflictChoice, SyncConflict};
use crate::{Clock, Journal};

fn journal(dir: &tempfile::TempDir) -> Journal {
    let mut j = Journal::open(&dir.path().join("log.sqlite3"))
        .unwrap()
        .with_clock(Clock::Fixed(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
    j.create_profile(ProfileInput {
        apprentice_name: "Dana".into(),
        program: ProgramChoice::Template { id: "mra-phase-1".into() },
        start_date: "2026-01-05".into(),
        prior_ojl_hours: String::new(),
        prior_rti_hours: String::new(),
    })
    .unwrap();
    j
}

fn ojl(date: &str, hours: &str) -> OjlInput {
    OjlInput {
        date: date.into(),
        hours: hours.into(),
        work_process: "WP1".into(),
        note: String::new(),
        site: String::new(),
        supervisor: String::new(),
        prior_credit: false,
    }
}

fn remote_entry(id: &str, version: u32, minutes: u32) -> Change {
    Change {
        kind: RecordKind::OjlEntry,
        record_id: id.into(),
        version,
        deleted: false,
        payload: json!({
            "id": id, "date": "2026-02-27", "minutes": minutes, "work_process": "WP2", "note": "from the other laptop",
            "site": "", "supervisor": "", "prior_credit": false, "status": "draft", "version": version,
            "created_at": "2026-02-27T10:00:00.000Z", "updated_at": "2026-02-27T10:00:00.000Z"
        }),
        origin_client_id: Some("other-device".into()),
        owner_id: None,
    }
}

fn apply(j: &mut Journal, change: &Change) -> bool {
    j.store
        .write(|tx| super::pull::apply(tx, change, &super::pull::Me { client_id: "this-device", reviewing: false }))
        .unwrap()
}

fn minutes_of(j: &mut Journal, id: &str) -> Option<i64> {
    j.store
        .read(|tx| {
            Ok(tx
                .query_row("SELECT minutes FROM ojl_entry WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
                .ok())
        })
        .unwrap()
}

#[test]
fn a_pulled_record_lands_once_and_only_newer_versions_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let outbox_before = j.store.outbox().unwrap().len();
    assert!(apply(&mut j, &remote_entry("r1", 1, 60)));
    assert_eq!(minutes_of(&mut j, "r1"), Some(60));
    assert!(!apply(&mut j, &remote_entry("r1", 1, 60)), "the same version again changes nothing");
    assert!(apply(&mut j, &remote_entry("r1", 2, 90)));
    assert!(!apply(&mut j, &remote_entry("r1", 1, 60)), "an older version never rolls the record back");
    assert_eq!(minutes_of(&mut j, "r1"), Some(90));
    assert_eq!(j.store.outbox().unwrap().len(), outbox_before, "pulled records are not sent back");
    assert_eq!(j.progress().unwrap().ojl.total_minutes, 90, "totals follow pulled records");
}

#[test]
fn a_pulled_deletion_tombstones_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    apply(&mut j, &remote_entry("r1", 1, 60));
    let mut deletion = remote_entry("r1", 2, 60);
    deletion.deleted = true;
    deletion.payload = json!({"id": "r1", "version": 2, "deleted_at": "2026-02-28T09:00:00.000Z"});
    assert!(apply(&mut j, &deletion));
    assert_eq!(minutes_of(&mut j, "r1"), None);
    assert_eq!(j.progress().unwrap().ojl.total_minutes, 0);
}

#[test]
fn a_pulled_copy_never_overwrites_a_local_edit_waiting_to_be_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let saved = j.log_ojl(ojl("2026-02-27", "2")).unwrap().record;
    let mut theirs = remote_entry(&saved.id, 2, 300);
    theirs.payload["id"] = json!(saved.id);
    assert!(!apply(&mut j, &theirs));
    assert_eq!(minutes_of(&mut j, &saved.id), Some(120));
}

fn open_conflict(j: &mut Journal) -> (String, SyncConflict) {
    let mine = j.log_ojl(ojl("2026-02-27", "2")).unwrap().record;
    let mut theirs = remote_entry(&mine.id, 1, 300).payload;
    theirs["id"] = json!(mine.id);
    let conflict = SyncConflict {
        kind: "ojl_entry".into(),
        record_id: mine.id.clone(),
        mine_version: 1,
        mine: serde_json::to_value(&mine).unwrap(),
        mine_deleted: false,
        theirs_version: 1,
        theirs,
        theirs_deleted: false,
        detected_at: "2026-03-02T10:00:00.000Z".into(),
    };
    j.store
        .write(|tx| {
            tx.execute("DELETE FROM outbox", [])?;
            sync_state::put_conflict(tx, &conflict)
        })
        .unwrap();
    (mine.id, conflict)
}

#[test]
fn keeping_mine_makes_it_the_newest_version_and_queues_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let (id, _) = open_conflict(&mut j);
    j.resolve_conflict("ojl_entry", &id, ConflictChoice::Mine).unwrap();
    assert!(j.sync_conflicts().unwrap().is_empty());
    assert_eq!(minutes_of(&mut j, &id), Some(120));
    let outbox = j.store.outbox().unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].base_version, 1, "made on the server's version");
    let payload: serde_json::Value = serde_json::from_str(&outbox[0].payload).unwrap();
    assert_eq!(payload["version"], 2);
    assert_eq!(payload["minutes"], 120);
}

#[test]
fn taking_theirs_replaces_the_local_copy_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let (id, _) = open_conflict(&mut j);
    j.resolve_conflict("ojl_entry", &id, ConflictChoice::Theirs).unwrap();
    assert_eq!(minutes_of(&mut j, &id), Some(300));
    assert!(j.store.outbox().unwrap().is_empty());
    assert_eq!(j.sync_status().unwrap().conflicts, 0);
}

#[test]
fn while_a_conflict_is_open_newer_server_copies_only_refresh_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    let (id, _) = open_conflict(&mut j);
    let mut newer = remote_entry(&id, 2, 200);
    newer.payload["id"] = json!(id);
    assert!(!apply(&mut j, &newer));
    assert_eq!(minutes_of(&mut j, &id), Some(120), "the local copy waits for the apprentice's choice");
    let open = j.sync_conflicts().unwrap();
    assert_eq!(open[0].theirs_version, 2);
    assert_eq!(open[0].theirs["minutes"], 200);
}

#[test]
fn status_before_connecting_is_local_only_with_the_pending_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut j = journal(&dir);
    j.log_ojl(ojl("2026-02-27", "2")).unwrap();
    let status = j.sync_status().unwrap();
    assert_eq!(status.phase, crate::sync::SyncPhase::NotConnected);
    assert_eq!(status.pending, 2, "the enrollment and the entry wait for a server");
}
