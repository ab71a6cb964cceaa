//! What the front ends show about sync: the header status, a round's report, the
//! conflicts waiting for a choice and the changes the server refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The one word the header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncPhase {
    /// Never connected to an employer: the logbook is local only.
    NotConnected,
    /// Everything local is on the server, as of `last_synced_at`.
    Synced,
    /// Changes are waiting to be sent.
    Pending,
    /// The last round could not reach the server.
    Offline,
    /// The last round reached the server and failed; `last_error` says why.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub phase: SyncPhase,
    #[ts(optional = nullable)]
    pub server_url: Option<String>,
    #[ts(optional = nullable)]
    pub employer_name: Option<String>,
    #[ts(optional = nullable)]
    pub user_name: Option<String>,
    /// `apprentice`, `mentor` or `admin`: a mentor's device shows the review screens.
    #[ts(optional = nullable)]
    pub role: Option<String>,
    /// Local changes not yet accepted by the server.
    pub pending: u32,
    /// Records changed on two devices, waiting for the apprentice to pick a version.
    pub conflicts: u32,
    /// Changes the server refused, waiting to be read.
    pub attention: u32,
    #[ts(optional = nullable)]
    pub last_synced_at: Option<String>,
    #[ts(optional = nullable)]
    pub last_error: Option<String>,
    /// When the background loop will try again after failures.
    #[ts(optional = nullable)]
    pub next_attempt_at: Option<String>,
}

/// What one sync round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncReport {
    /// Changes sent, and what the server made of them.
    pub pushed: u32,
    pub applied: u32,
    /// Of those pushed, changes the server had acknowledged before and lost (it was
    /// restored from a backup), sent again from this device's copies.
    #[serde(default)]
    pub resent: u32,
    pub duplicates: u32,
    pub rejected: u32,
    pub conflicts: u32,
    /// Changes received from the server, and how many of them changed this logbook.
    pub pulled: u32,
    pub updated: u32,
    /// The server was restored, so the whole log was pulled again.
    pub resynced: bool,
    /// Sign-offs received, and those of them that failed verification here (kept,
    /// listed in progress, and never counted).
    #[serde(default)]
    pub signoffs: u32,
    #[serde(default)]
    pub signoffs_invalid: u32,
}

/// A record changed on this device and on another one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncConflict {
    /// `ojl_entry`, `coursework_entry`, `certification` or `enrollment`.
    pub kind: String,
    pub record_id: String,
    pub mine_version: u32,
    pub mine: serde_json::Value,
    pub mine_deleted: bool,
    pub theirs_version: u32,
    pub theirs: serde_json::Value,
    pub theirs_deleted: bool,
    pub detected_at: String,
}

/// Which version of a conflicting record to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConflictChoice {
    /// Keep this device's version and send it as the newest.
    Mine,
    /// Take the other device's version, as the server has it.
    Theirs,
}

/// A change the server refused for good, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttentionItem {
    pub mutation_id: String,
    /// e.g. `ojl_entry.upsert`.
    pub kind: String,
    pub record_id: String,
    pub payload: serde_json::Value,
    /// The server's stable code, e.g. `day_limit`.
    pub code: String,
    pub message: String,
    pub rejected_at: String,
}
