//! SQLite persistence for one apprentice's logbook.
//!
//! Durability is the product's first promise ("never lose an hour"), so the
//! connection runs in WAL mode with `synchronous=FULL`: once a write returns, it has
//! been fsynced and survives a crash or a `kill -9`. Each user action runs in one
//! transaction ([`Store::write`]) that also appends its sync outbox row, so there is
//! never a change without the record of it to send.

pub(crate) mod certifications;
pub(crate) mod coursework;
pub(crate) mod key_statements;
mod migrations;
pub(crate) mod ojl;
pub(crate) mod outbox;
pub(crate) mod profile;
pub(crate) mod remote;
pub(crate) mod sent;
pub(crate) mod signoffs;
pub(crate) mod sync_state;
pub(crate) mod totals;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{CoreError, Result};

pub use migrations::{SCHEMA_VERSION, migrations};
pub use outbox::{Mutation, OutboxRow};
pub use totals::{DailyMinutes, ProcessTotals};

/// An open logbook database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the logbook at `path` and brings its schema up to date.
    ///
    /// A database written by a newer Journeylog is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| CoreError::io(format!("creating {}", parent.display()), e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Refuse a newer schema before anything (even the journal mode) is changed.
        migrations::refuse_newer(&conn)?;
        configure(&conn)?;
        migrations::apply(&mut conn)?;
        Ok(Store { conn, path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `action` as one immediate transaction and commits it durably.
    ///
    /// IMMEDIATE takes the write lock up front, so two processes sharing the file
    /// (the app and the CLI) queue on the busy timeout instead of failing mid-action.
    pub fn write<T>(&mut self, action: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = action(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `query` in a read transaction, so multi-statement reads see one snapshot.
    pub fn read<T>(&mut self, query: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = query(&tx)?;
        tx.finish()?;
        Ok(value)
    }

    /// Changes whenever the database may have changed: a commit by another connection
    /// (SQLite's `data_version`) or any row this connection wrote. Lets expensive
    /// derived views (the verified sign-off ledger) be reused until then.
    pub(crate) fn change_stamp(&self) -> Result<(i64, u64)> {
        let data_version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((data_version, self.conn.total_changes()))
    }

    /// `PRAGMA integrity_check`, for tests and the CLI's diagnostics.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode returns a row, so it is read rather than executed.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(CoreError::Migration(format!("could not switch the journal to WAL (got {mode})")));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

/// The current time as stored in `created_at`/`updated_at`: RFC 3339, UTC, milliseconds.
pub(crate) fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A fresh record id. UUIDv7 sorts by creation time, which keeps inserts local in the
/// primary-key B-tree and gives the sync protocol client-made, collision-free ids.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
