//! The schema's history, embedded in the binary.
//!
//! Migrations are append-only SQL files in `crates/core/migrations/`, applied in one
//! transaction at open. The schema version is SQLite's `user_version`, which lets us
//! recognise a database from a newer Journeylog and refuse it before touching it.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{CoreError, Result};

const STEPS: &[&str] = &[
    include_str!("../../migrations/0001_logbook.sql"),
    include_str!("../../migrations/0002_ojl_totals.sql"),
    include_str!("../../migrations/0003_sync.sql"),
    include_str!("../../migrations/0004_signoffs.sql"),
    include_str!("../../migrations/0005_key_statement.sql"),
    include_str!("../../migrations/0006_sent_changes.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// All migrations, in order. Public so tests can validate them.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

pub(super) fn refuse_newer(conn: &Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    Ok(())
}

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    refuse_newer(conn)?;
    migrations().to_latest(conn)?;
    Ok(())
}
