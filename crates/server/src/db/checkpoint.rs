//! WAL checkpoints on their own thread, not inside the writer's commits.
//!
//! In WAL mode a commit appends pages to the `-wal` file; a checkpoint copies them back
//! into the database file and syncs it, so the WAL can start over. SQLite does that
//! automatically inside the commit that crosses 1,000 pages: on the one writer thread,
//! while every push queued behind it waits for the copy and the extra fsync. Here the
//! writer connection never checkpoints; each commit nudges this thread instead, which
//! runs PASSIVE checkpoints on its own connection (they take no lock a writer or reader
//! waits for). Nudges coalesce, and a pause after each checkpoint bounds how often the
//! database file is synced when commits are frequent.
//!
//! Durability does not move: a commit is durable once the WAL is synced
//! (`synchronous=FULL`), which the writer still does before anyone is answered; a
//! checkpoint only moves already durable pages.

use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::Duration;

use rusqlite::Connection;

use crate::error::{Result, ServerError};

/// The shortest time between two checkpoints: commits in between share one.
const PAUSE: Duration = Duration::from_millis(50);

/// Asks the checkpoint thread for a checkpoint; cheap to clone. The thread stops when
/// the last handle is dropped.
#[derive(Debug, Clone)]
pub struct Checkpointer {
    nudges: SyncSender<()>,
}

impl Checkpointer {
    /// Starts the thread on `conn`, a connection of its own to the database.
    pub fn start(conn: Connection) -> Result<Checkpointer> {
        let (nudges, queue) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || run(&conn, &queue))
            .map_err(|e| ServerError::io("starting the SQLite checkpoint thread", e))?;
        Ok(Checkpointer { nudges })
    }

    /// Something was committed: checkpoint soon. Never waits.
    pub fn nudge(&self) {
        // Full means a checkpoint is already due; it will include this commit.
        let _ = self.nudges.try_send(());
    }
}

/// Stops the writer connection from checkpointing in its commits.
pub fn leave_to_checkpointer(writer: &Connection) -> Result<()> {
    writer.pragma_update(None, "wal_autocheckpoint", 0)?;
    Ok(())
}

fn run(conn: &Connection, queue: &Receiver<()>) {
    while queue.recv().is_ok() {
        if let Err(e) = checkpoint(conn) {
            // The WAL grows until the next checkpoint succeeds; nothing is lost.
            tracing::warn!(error = %e, "SQLite WAL checkpoint failed; retrying after the next commit");
        }
        std::thread::sleep(PAUSE);
    }
}

/// One PASSIVE checkpoint: copies what no reader still needs, never waits for a lock.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

/// The checkpoint thread's connection.
pub fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    super::sqlite::configure(&conn)?;
    Ok(conn)
}
