//! The sync views and answers the UI needs while rounds run elsewhere ([`crate::sync::Syncer`]).

use crate::error::Result;
use crate::sync::{self, AttentionItem, ConflictChoice, SyncConflict, SyncStatus};

use super::Journal;

impl Journal {
    /// The header's sync line: connected or not, pending changes, the last error.
    pub fn sync_status(&mut self) -> Result<SyncStatus> {
        self.store.read(sync::status)
    }

    /// Records changed here and on another device, waiting for a choice.
    pub fn sync_conflicts(&mut self) -> Result<Vec<SyncConflict>> {
        self.store.read(sync::conflicts)
    }

    /// Keeps this device's version (`Mine`) or the server's (`Theirs`) of a record.
    pub fn resolve_conflict(&mut self, kind: &str, record_id: &str, choice: ConflictChoice) -> Result<()> {
        self.store.write(|tx| sync::resolve_conflict(tx, kind, record_id, choice))
    }

    /// Changes the server refused, with its reasons.
    pub fn sync_attention(&mut self) -> Result<Vec<AttentionItem>> {
        self.store.read(sync::attention)
    }

    /// Marks a refused change as read. The record itself stays in the logbook.
    pub fn dismiss_attention(&mut self, mutation_id: &str) -> Result<()> {
        self.store.write(|tx| sync::dismiss_attention(tx, mutation_id))
    }
}
