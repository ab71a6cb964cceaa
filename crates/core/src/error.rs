//! One error type for the whole core.
//!
//! Every front end (the desktop shell, the CLI, later the sync engine) shows these
//! errors to a person, so each variant carries a message that names the field and the
//! rule that was broken, and a stable `code` that front ends can branch on without
//! parsing prose.

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the logbook core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input broke a rule. `field` names the input field (as the UI knows it).
    #[error("{message}")]
    Invalid { field: String, message: String },

    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },

    #[error("no profile yet: create one with a program and a start date first")]
    NoProfile,

    #[error("a profile already exists in this logbook")]
    ProfileExists,

    #[error("{what} is {state} and can no longer be changed")]
    Locked { what: String, state: String },

    #[error(
        "this logbook was written by a newer Journeylog (schema version {found}); this version \
         understands up to version {supported}. Update Journeylog to open it; the file was not changed"
    )]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("program file {source_name}: {message}")]
    ProgramFile { source_name: String, message: String },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("database migration failed: {0}")]
    Migration(String),

    /// Sync was asked for on a logbook that has no employer server.
    #[error("this logbook is not connected to an employer server: connect it in Settings or with `jlog connect`")]
    NotConnected,

    /// Nothing reached the server, or its answer never arrived. Nothing is lost.
    #[error("can't reach the employer server ({reason}); your changes are kept and will sync when it is reachable")]
    Offline { reason: String },

    /// The server answered with an error it explained (`code` is the server's).
    #[error("the employer server refused: {message} ({code})")]
    Server { code: String, message: String },

    /// The record at this version carries a mentor's approval; it changes only by
    /// an amendment, which needs a fresh approval.
    #[error(
        "{what} was signed off by your mentor and is locked; correct it with an amendment, which your mentor approves again"
    )]
    SignedOff { what: String },

    /// A sign-off failed verification; `code` is one of the `signoff_*` wire codes.
    #[error("{message}")]
    InvalidSignoff { code: &'static str, message: String },

    /// A mentor-only action on a logbook that is not a mentor's.
    #[error("{action} is for mentors: connect this device with a mentor enrollment code first")]
    NotMentor { action: String },

    /// A Learning Record Store could not be reached or refused an xAPI export.
    #[error("{message}")]
    Lrs { message: String },

    /// A bug, not a user error: an invariant the core relies on did not hold.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    /// Shorthand for a validation failure on one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: field.into(), message: message.into() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        CoreError::Io { context: context.into(), source }
    }

    /// The stable code front ends branch on. Never change an existing code.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { .. } => "invalid_input",
            CoreError::NotFound { .. } => "not_found",
            CoreError::NoProfile => "no_profile",
            CoreError::ProfileExists => "profile_exists",
            CoreError::Locked { .. } => "locked",
            CoreError::SchemaTooNew { .. } => "schema_too_new",
            CoreError::ProgramFile { .. } => "program_file",
            CoreError::Io { .. } => "io",
            CoreError::Storage(_) => "storage",
            CoreError::Migration(_) => "migration",
            CoreError::NotConnected => "not_connected",
            CoreError::Offline { .. } => "offline",
            CoreError::Server { .. } => "server",
            CoreError::SignedOff { .. } => "signed_off",
            CoreError::InvalidSignoff { code, .. } => code,
            CoreError::NotMentor { .. } => "not_mentor",
            CoreError::Lrs { .. } => "lrs",
            CoreError::Internal(_) => "internal",
        }
    }

    /// The input field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The serialisable form sent to the UI.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload { code: self.code().to_owned(), message: self.to_string(), field: self.field().map(str::to_owned) }
    }
}

impl From<rusqlite_migration::Error> for CoreError {
    fn from(err: rusqlite_migration::Error) -> Self {
        CoreError::Migration(err.to_string())
    }
}

/// What the UI receives when a command fails: `{code, message, field}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    #[ts(optional = nullable)]
    pub field: Option<String>,
}
