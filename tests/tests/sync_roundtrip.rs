//! Round trip through a real `journeylog-server` process on loopback, on SQLite and on
//! a real PostgreSQL: enroll, log offline, sync, check the server holds exactly the
//! records, and have a second device of the same apprentice pull them.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use chrono::{Duration, Local};
use journeylog_core::sync::SyncPhase;
use journeylog_tests::device::{Device, server_fingerprint};
use journeylog_tests::pg;
use journeylog_tests::server::{Database, ServerProcess};

fn days_ago(n: i64) -> String {
    (Local::now().date_naive() - Duration::days(n)).to_string()
}

/// The scenario both backends run; returns the first device for backend-specific checks.
fn round_trip(server: &ServerProcess) -> (Device, String) {
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(120));
    // Logged offline, before the laptop ever met the server.
    let mut ids = Vec::new();
    for (ago, hours, process) in [(9, "7:30", "WP1"), (8, "8", "WP2"), (7, "6.5", "WP3"), (2, "4h15m", "WP1")] {
        ids.push(laptop.log(&days_ago(ago), hours, process).expect("log offline"));
    }
    laptop.journal().delete_ojl(&ids[3]).expect("delete a draft");
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::NotConnected);

    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    let report = laptop.syncer().sync().expect("first sync");
    // The enrollment, four entries and one deletion.
    assert_eq!(report.pushed, 6, "{report:?}");
    assert_eq!(report.applied, 6, "{report:?}");
    assert_eq!((report.rejected, report.conflicts, report.duplicates), (0, 0, 0), "{report:?}");
    let status = laptop.journal().sync_status().unwrap();
    assert_eq!(status.phase, SyncPhase::Synced);
    assert_eq!(status.pending, 0);

    // A second device of the same apprentice starts empty and pulls everything.
    let spare = Device::enrolled(server, &fixture.apprentice1_id);
    let pulled = spare.syncer().sync().expect("spare device sync");
    assert_eq!(pulled.pushed, 0);
    assert!(pulled.updated >= 5, "program, enrollment and entries arrive: {pulled:?}");
    assert_eq!(spare.fingerprint(), laptop.fingerprint(), "both devices hold the same records");
    assert_eq!(spare.fingerprint().len(), 3, "the deleted entry stays deleted");
    let profile = spare.journal().profile().unwrap().expect("the enrollment arrived with the records");
    assert_eq!(profile.enrollment.apprentice_name, "Ada Apprentice");
    assert_eq!(
        spare.journal().progress().unwrap().ojl.total_minutes,
        laptop.journal().progress().unwrap().ojl.total_minutes
    );

    // The spare device logs an hour; the laptop receives it on its next round.
    let new_id = spare.log(&days_ago(1), "1", "WP4").expect("log on the spare");
    spare.syncer().sync().expect("spare pushes");
    let back = laptop.syncer().sync().expect("laptop pulls");
    assert_eq!(back.updated, 1, "{back:?}");
    assert!(laptop.fingerprint().contains_key(&("ojl_entry".to_owned(), new_id)));
    assert_eq!(spare.fingerprint(), laptop.fingerprint());

    // The employer publishes a new revision of the program; both devices take it in.
    let mut program = journeylog_core::programs::template("mra-phase-1").unwrap();
    program.revision += 1;
    program.title = format!("{} (2027 revision)", program.title);
    let file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    journeylog_core::programs::write_program_file(&program, file.path()).unwrap();
    let file_arg = file.path().display().to_string();
    server.admin(&["import-program", "--employer", &fixture.employer_id, "--file", &file_arg]);
    for device in [&laptop, &spare] {
        device.syncer().sync().expect("pull the new revision");
        let profile = device.journal().profile().unwrap().expect("profile");
        assert_eq!(profile.program.revision, program.revision);
        assert_eq!(profile.program.title, program.title);
    }
    (laptop, fixture.apprentice1_id)
}

#[test]
fn round_trip_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let (laptop, owner) = round_trip(&server);
    let Database::Sqlite(path) = server.database() else { unreachable!("started on SQLite") };
    assert_eq!(server_fingerprint(path, &owner), laptop.fingerprint(), "the server holds exactly the records");
}

#[test]
fn round_trip_on_postgres() {
    let database = pg::fresh_database();
    let server = ServerProcess::start_postgres(database.url());
    round_trip(&server);
}

#[test]
fn an_unreachable_server_leaves_everything_pending_and_says_offline() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(60));
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    server.kill_9();
    laptop.log(&days_ago(1), "8", "WP1").unwrap();
    let error = laptop.syncer().sync().expect_err("the server is down");
    assert_eq!(error.code(), "offline", "{error}");
    let status = laptop.journal().sync_status().unwrap();
    assert_eq!(status.phase, SyncPhase::Offline);
    assert_eq!(status.pending, 2, "the enrollment and the entry wait");
    assert!(status.next_attempt_at.is_some(), "a retry is scheduled with backoff");
    assert!(!laptop.syncer().is_due().unwrap(), "no retry storm: the next attempt waits");

    server.restart();
    if server.base_url() != laptop.syncer().status().unwrap().server_url.unwrap_or_default() {
        // The port was taken meanwhile; nothing to test about reconnecting here.
        return;
    }
    let report = laptop.syncer().sync().expect("sync after the server is back");
    assert_eq!(report.applied, 2);
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::Synced);
}

#[test]
fn plain_http_to_another_machine_is_refused_before_anything_is_sent() {
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(60));
    let error = laptop.syncer().connect("http://192.0.2.10:8080", "JL-ANY", "laptop").unwrap_err();
    assert_eq!(error.field(), Some("server_url"));
    assert!(error.to_string().contains("only https"), "{error}");
}

#[test]
fn a_wrong_enrollment_code_names_the_code_field() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    server.fixture();
    let laptop = Device::new();
    let error = laptop.syncer().connect(&server.base_url(), "not-a-code", "laptop").unwrap_err();
    assert_eq!(error.field(), Some("code"), "{error}");
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::NotConnected);
}

/// Two connected devices of one apprentice, both in step with the server.
fn two_devices(server: &ServerProcess) -> (Device, Device) {
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(90));
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    laptop.syncer().sync().expect("laptop sync");
    let spare = Device::enrolled(server, &fixture.apprentice1_id);
    spare.syncer().sync().expect("spare sync");
    (laptop, spare)
}

#[test]
fn an_edit_on_two_devices_is_kept_as_a_conflict_until_the_apprentice_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let (laptop, spare) = two_devices(&server);
    let id = laptop.log(&days_ago(3), "4", "WP1").unwrap();
    laptop.syncer().sync().unwrap();
    spare.syncer().sync().unwrap();

    // Both edit the same entry while apart; the laptop syncs first.
    laptop.edit_hours(&id, "5");
    spare.edit_hours(&id, "6");
    laptop.syncer().sync().unwrap();
    let report = spare.syncer().sync().unwrap();
    assert_eq!(report.conflicts, 1, "{report:?}");

    // Nothing was overwritten: the spare still shows its own 6 h, and both versions are kept.
    let mut journal = spare.journal();
    assert_eq!(journal.ojl_entry(&id).unwrap().minutes, 360);
    let conflicts = journal.sync_conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].mine["minutes"].as_u64(), conflicts[0].theirs["minutes"].as_u64()),
        (Some(360), Some(300))
    );
    assert_eq!(journal.sync_status().unwrap().conflicts, 1);

    // The apprentice keeps the spare's version; it becomes the newest everywhere.
    journal.resolve_conflict("ojl_entry", &id, journeylog_core::sync::ConflictChoice::Mine).unwrap();
    drop(journal);
    spare.syncer().sync().unwrap();
    laptop.syncer().sync().unwrap();
    assert_eq!(laptop.journal().ojl_entry(&id).unwrap().minutes, 360);
    assert_eq!(laptop.fingerprint(), spare.fingerprint());
    assert_eq!(spare.journal().sync_status().unwrap().conflicts, 0);
}

#[test]
fn a_change_the_server_refuses_is_listed_with_its_message_and_the_entry_stays() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let (laptop, spare) = two_devices(&server);
    // Offline from each other, each logs 14 h on the same day: fine on each device,
    // 28 h on the server.
    let day = days_ago(2);
    laptop.log(&day, "14", "WP2").unwrap();
    let refused = spare.log(&day, "14", "WP3").unwrap();
    laptop.syncer().sync().unwrap();
    let report = spare.syncer().sync().unwrap();
    assert_eq!(report.rejected, 1, "{report:?}");

    let mut journal = spare.journal();
    let attention = journal.sync_attention().unwrap();
    assert_eq!(attention.len(), 1);
    assert_eq!(attention[0].code, "day_limit");
    assert_eq!(attention[0].record_id, refused);
    assert!(attention[0].message.contains("24:00"), "the server's message names the rule: {}", attention[0].message);
    assert!(journal.ojl_entry(&refused).is_ok(), "the refused entry is still in the logbook");
    assert_eq!(journal.sync_status().unwrap().attention, 1);
    journal.dismiss_attention(&attention[0].mutation_id).unwrap();
    assert_eq!(journal.sync_status().unwrap().attention, 0);
    assert!(journal.ojl_entry(&refused).is_ok(), "dismissing keeps the entry");
}
