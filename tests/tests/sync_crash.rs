//! The client dies at the worst moment: the server has committed a push, and the
//! client is killed (SIGKILL) before it records the answer. Nothing may be lost or
//! stored twice: the next round sends the same seqs and the server says `duplicate`.
//! Also: the device token never lands in the logbook, its WAL or the server's logs.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Local;
use journeylog_core::sync::TokenVault;
use journeylog_tests::device::{Device, server_fingerprint};
use journeylog_tests::fault_proxy::FaultProxy;
use journeylog_tests::server::{Database, ServerProcess};

fn days_ago(n: i64) -> String {
    (Local::now().date_naive() - chrono::Duration::days(n)).to_string()
}

#[test]
fn a_client_killed_between_the_servers_commit_and_its_own_lands_each_change_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let proxy = FaultProxy::start(&server.base_url(), 7, 0.0);
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(90));
    for day in 1..=12 {
        laptop.log(&days_ago(day), "7:30", "WP2").unwrap();
    }
    laptop.connect(&proxy.url(), &fixture.apprentice1_code);
    let pending = laptop.journal().sync_status().unwrap().pending;
    assert_eq!(pending, 13);

    proxy.hold_next_push();
    let mut client = Command::new(env!("CARGO_BIN_EXE_sync_client"))
        .arg(laptop.db())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the sync client");
    let deadline = Instant::now() + Duration::from_secs(20);
    while proxy.held() == 0 {
        assert!(Instant::now() < deadline, "the push never reached the server");
        std::thread::sleep(Duration::from_millis(5));
    }
    client.kill().expect("SIGKILL the client");
    client.wait().unwrap();

    // The server committed everything; the client never heard.
    assert_eq!(laptop.journal().sync_status().unwrap().pending, 13, "the outbox is intact");
    let report = laptop.syncer().sync().expect("the next round");
    assert_eq!(report.duplicates, 13, "{report:?}");
    assert_eq!(report.applied, 0, "{report:?}");
    assert_eq!(laptop.journal().sync_status().unwrap().pending, 0);
    let Database::Sqlite(path) = server.database() else { unreachable!() };
    let on_server = server_fingerprint(path, &fixture.apprentice1_id);
    assert_eq!(on_server.len(), 12, "0 duplicate rows");
    assert_eq!(on_server, laptop.fingerprint(), "content hashes equal on both sides");
}

#[test]
fn the_token_appears_nowhere_but_its_store() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start_sqlite(dir.path());
    let fixture = server.fixture();
    let laptop = Device::new();
    laptop.create_profile("Ada Apprentice", &days_ago(30));
    laptop.log(&days_ago(1), "8", "WP1").unwrap();
    // Held open so the WAL is not checkpointed away before it is scanned.
    let _open = laptop.journal();
    laptop.connect(&server.base_url(), &fixture.apprentice1_code);
    laptop.syncer().sync().expect("sync");

    let client_id: String = rusqlite::Connection::open(laptop.db())
        .unwrap()
        .query_row("SELECT client_id FROM sync_state", [], |r| r.get(0))
        .unwrap();
    let (token, _) = TokenVault::for_data_dir(&laptop.folder()).load(&client_id).expect("the token is stored");
    let bearer = token.bearer();
    let secret = bearer.strip_prefix("Bearer ").expect("bearer form");
    assert!(secret.len() >= 32, "a real token: {} chars", secret.len());
    assert!(!format!("{token:?}").contains(secret), "Debug redacts the token");

    let mut scanned = 0;
    for entry in std::fs::read_dir(laptop.folder()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("journeylog.sqlite3") {
            let bytes = std::fs::read(&path).unwrap();
            assert!(!contains(&bytes, secret.as_bytes()), "the token is in {name}");
            scanned += 1;
        }
    }
    assert!(scanned >= 2, "the database and its WAL were scanned ({scanned} files)");
    assert!(!server.logs().contains(secret), "the token is in the server's logs");
    assert!(!server.logs().contains(&fixture.apprentice1_code), "the enrollment code is in the server's logs");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
