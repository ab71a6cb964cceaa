//! Seq gaps against a real `journeylog-server` on loopback: a server restored from a
//! backup gets back, from the laptop, the changes it had acknowledged after that
//! backup; a gap the laptop cannot fill (its kept copies are gone, or the change was
//! dropped before it was ever sent) is numbered over instead of stopping sync for good.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::path::{Path, PathBuf};

use journeylog_core::sync::{ConflictChoice, SyncPhase};
use journeylog_tests::device::{Device, server_fingerprint};
use journeylog_tests::server::{Database, ServerProcess};
use journeylog_tests::signed_logbook::days_ago;

fn server_db(server: &ServerProcess) -> PathBuf {
    let Database::Sqlite(path) = server.database() else { unreachable!("started on SQLite") };
    path.clone()
}

fn sidecars(db: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| PathBuf::from(format!("{}{suffix}", db.display())))
}

/// Stops the server and copies its database, as an operator's backup would.
fn back_up(server: &mut ServerProcess, to: &Path) {
    server.stop();
    let db = server_db(server);
    std::fs::copy(&db, to).unwrap();
    let [wal, _] = sidecars(&db);
    if wal.exists() {
        std::fs::copy(&wal, format!("{}-wal", to.display())).unwrap();
    }
    server.restart();
}

/// Stops the server, puts the backup in place of its database, starts a new epoch
/// for the employer as docs/server.md says, and starts the server again.
fn restore(server: &mut ServerProcess, from: &Path, employer_id: &str) {
    server.stop();
    let db = server_db(server);
    for sidecar in sidecars(&db) {
        let _ = std::fs::remove_file(sidecar);
    }
    std::fs::copy(from, &db).unwrap();
    let backup_wal = PathBuf::from(format!("{}-wal", from.display()));
    if backup_wal.exists() {
        std::fs::copy(&backup_wal, format!("{}-wal", db.display())).unwrap();
    }
    server.admin(&["new-epoch", "--employer", employer_id]);
    server.restart();
}

struct Scene {
    server: ServerProcess,
    laptop: Device,
    apprentice_id: String,
    _dir: tempfile::TempDir,
}

/// A laptop with three synced entries, a server backup taken then, and after it two
/// more entries and a deletion the server acknowledged; then the backup is restored.
fn restored_after_acknowledging() -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(90));
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    let early: Vec<String> = [(9, "7:30", "WP1"), (8, "8", "WP2"), (7, "6", "WP3")]
        .into_iter()
        .map(|(ago, hours, process)| laptop.log(&days_ago(ago), hours, process).unwrap())
        .collect();
    laptop.syncer().sync().unwrap();

    let backup = dir.path().join("backup.sqlite3");
    back_up(&mut server, &backup);
    assert_eq!(server.base_url(), laptop.syncer().status().unwrap().server_url.unwrap(), "same port after restart");

    laptop.log(&days_ago(4), "8", "WP4").unwrap();
    laptop.log(&days_ago(3), "5:15", "WP1").unwrap();
    laptop.journal().delete_ojl(&early[2]).unwrap();
    let acknowledged = laptop.syncer().sync().unwrap();
    assert_eq!(acknowledged.applied, 3, "{acknowledged:?}");
    let db = server_db(&server);
    assert_eq!(server_fingerprint(&db, &fixture.apprentice1_id), laptop.fingerprint());

    restore(&mut server, &backup, &fixture.employer_id);
    assert_ne!(
        server_fingerprint(&db, &fixture.apprentice1_id),
        laptop.fingerprint(),
        "the restored server has forgotten what it acknowledged after the backup"
    );
    Scene { server, laptop, apprentice_id: fixture.apprentice1_id, _dir: dir }
}

#[test]
fn a_server_restored_from_a_backup_gets_back_what_it_had_acknowledged_since() {
    let scene = restored_after_acknowledging();
    let Scene { server, laptop, apprentice_id, .. } = &scene;
    let new_id = laptop.log(&days_ago(1), "3", "WP2").unwrap();

    let report = laptop.syncer().sync().expect("the round after the restore succeeds");
    assert_eq!(report.resent, 3, "two entries and a deletion sent again: {report:?}");
    assert_eq!(report.applied, 4, "the three sent again and the new entry: {report:?}");
    assert_eq!((report.rejected, report.conflicts), (0, 0), "{report:?}");
    assert!(report.resynced, "the new epoch made the laptop pull again: {report:?}");
    let db = server_db(server);
    assert_eq!(server_fingerprint(&db, apprentice_id), laptop.fingerprint(), "the server holds every record again");
    assert!(laptop.fingerprint().contains_key(&("ojl_entry".to_owned(), new_id)));
    assert_eq!(laptop.fingerprint().len(), 5, "3 logged before the backup, 1 deleted, 2 after it and 1 now");

    let again = laptop.syncer().sync().unwrap();
    assert_eq!((again.pushed, again.resent), (0, 0), "{again:?}");
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::Synced);

    // A device enrolled after the restore sees the whole log, deletion included.
    let spare = Device::enrolled(server, apprentice_id);
    spare.syncer().sync().unwrap();
    assert_eq!(spare.fingerprint(), laptop.fingerprint());
}

#[test]
fn a_gap_the_laptop_cannot_fill_is_numbered_over_and_sync_goes_on() {
    let scene = restored_after_acknowledging();
    let Scene { server, laptop, apprentice_id, .. } = &scene;
    // As if the restored backup were older than the laptop keeps sent changes.
    rusqlite::Connection::open(laptop.db()).unwrap().execute("DELETE FROM sent_changes", []).unwrap();
    let on_laptop = laptop.fingerprint();
    let new_id = laptop.log(&days_ago(1), "3", "WP2").unwrap();

    let report = laptop.syncer().sync().expect("sync is not stuck on the gap");
    assert_eq!((report.resent, report.applied), (0, 1), "{report:?}");
    let on_server = server_fingerprint(&server_db(server), apprentice_id);
    assert!(on_server.contains_key(&("ojl_entry".to_owned(), new_id.clone())), "the new entry reached the server");
    for (key, value) in &on_laptop {
        assert_eq!(laptop.fingerprint().get(key), Some(value), "the laptop still has {key:?}");
    }
    assert_eq!(laptop.syncer().sync().unwrap().pushed, 0);
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::Synced);

    // Numbering continues without another gap.
    laptop.log(&days_ago(2), "2", "WP5").unwrap();
    assert_eq!(laptop.syncer().sync().unwrap().applied, 1);
}

#[test]
fn a_queued_change_dropped_while_settling_a_conflict_does_not_stop_sync() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(90));
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    let id = laptop.log(&days_ago(3), "4", "WP1").unwrap();
    laptop.syncer().sync().unwrap();
    let spare = Device::enrolled(&server, &fixture.apprentice1_id);
    spare.syncer().sync().unwrap();

    // The spare's edit wins the race; the laptop's collides and is kept as a conflict.
    spare.edit_hours(&id, "6");
    spare.syncer().sync().unwrap();
    laptop.edit_hours(&id, "5");
    assert_eq!(laptop.syncer().sync().unwrap().conflicts, 1);
    // Before choosing, the laptop edits the entry again and logs another day: the
    // edit waits in the outbox ahead of the new entry.
    laptop.edit_hours(&id, "5:30");
    let later = laptop.log(&days_ago(1), "7", "WP2").unwrap();
    // Taking the spare's version drops the queued edit, leaving a hole in the outbox.
    laptop.journal().resolve_conflict("ojl_entry", &id, ConflictChoice::Theirs).unwrap();

    let report = laptop.syncer().sync().expect("the hole does not stop sync");
    assert_eq!((report.applied, report.resent, report.conflicts), (1, 0, 0), "{report:?}");
    assert_eq!(laptop.journal().ojl_entry(&id).unwrap().minutes, 360, "the spare's 6 h were kept");
    let on_server = server_fingerprint(&server_db(&server), &fixture.apprentice1_id);
    assert_eq!(on_server, laptop.fingerprint(), "the server holds exactly the laptop's records");
    assert!(on_server.contains_key(&("ojl_entry".to_owned(), later)));
    spare.syncer().sync().unwrap();
    assert_eq!(spare.fingerprint(), laptop.fingerprint());
    assert_eq!(laptop.journal().sync_status().unwrap().phase, SyncPhase::Synced);
}
