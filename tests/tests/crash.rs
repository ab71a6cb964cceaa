//! `kill -9` right after an acknowledgement loses nothing.
//!
//! A real child process writes entries to a real SQLite file and acknowledges each
//! one on stdout once `log_ojl` has returned. We SIGKILL it immediately after an
//! acknowledgement (and, in other rounds, while it is mid-write), reopen the file,
//! and require every acknowledged entry to be there and the database to be intact.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use journeylog_core::Journal;
use journeylog_core::model::DateRange;

fn kill_after_acks(db: &std::path::Path, acks_before_kill: usize) -> HashSet<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ack_writer"))
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the writer");
    let stdout = child.stdout.take().expect("stdout");
    let mut acked = HashSet::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read ack");
        let id = line.strip_prefix("ack ").expect("ack line").to_owned();
        acked.insert(id);
        if acked.len() == acks_before_kill {
            // SIGKILL: no destructors, no flush, no chance to finish anything.
            child.kill().expect("kill -9 the writer");
            break;
        }
    }
    child.wait().expect("reap the writer");
    acked
}

#[test]
fn entries_acknowledged_before_sigkill_survive() {
    for (round, acks) in [1usize, 7, 60, 250].into_iter().enumerate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("journeylog.sqlite3");
        let acked = kill_after_acks(&db, acks);
        assert_eq!(acked.len(), acks, "round {round}: the writer acknowledged fewer entries than expected");

        let mut journal = Journal::open(&db).expect("reopen after kill -9");
        assert_eq!(journal.store().integrity_check().expect("integrity_check"), "ok", "round {round}");
        let stored: HashSet<String> = journal
            .list(DateRange::default())
            .expect("list")
            .into_iter()
            .map(|item| match item {
                journeylog_core::model::LogItem::Ojl(e) => e.id,
                journeylog_core::model::LogItem::Coursework(c) => c.id,
            })
            .collect();
        let lost: Vec<&String> = acked.difference(&stored).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged entries lost after kill -9: {lost:?}");
        // Each surviving entry has its outbox row: the change and its sync record commit together.
        let outbox = journal.store().outbox().expect("outbox");
        let outboxed: HashSet<&str> =
            outbox.iter().filter(|r| r.kind == "ojl_entry.upsert").map(|r| r.record_id.as_str()).collect();
        for id in &stored {
            assert!(outboxed.contains(id.as_str()), "round {round}: entry {id} has no outbox row");
        }
    }
}
