//! The one error type of the server crate.
//!
//! Variants fall in two groups. Request problems (bad input, auth, protocol state) carry
//! a message meant for the person or program on the other end and map to a 4xx
//! `application/problem+json` answer. Internal failures (database, pool, I/O) are
//! logged in full on the server and answered with a bare 500 or 503, so nothing about
//! the deployment leaks to a client.

/// Everything that can go wrong in the server and its admin CLI.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    // Request problems: the client can fix these.
    /// 400 with a stable `code` (see `journeylog_proto::codes`).
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("the first new seq must be {expected}, but the push starts at {got}")]
    SeqGap { expected: u64, got: u64 },
    #[error("{0}")]
    ResyncRequired(String),
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    UpgradeRequired(String),

    // Admin CLI input problems.
    /// An admin command got input it can't act on; the message says what to change.
    #[error("{0}")]
    Invalid(String),

    // Internal failures: logged, never shown to a client.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    /// No database connection came free in time: the server is overloaded or the
    /// database is down. Answered with 503 so that clients back off and retry.
    #[error("no database connection available: {0}")]
    Pool(String),
    #[error("database migration failed: {0}")]
    Migration(#[from] refinery::Error),
    /// The database holds something this server would never have written.
    #[error("unexpected data in the database: {0}")]
    Corrupt(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// The group commit this request's transaction was part of failed.
    #[error("commit failed: {0}")]
    Commit(String),
    /// A background task panicked or was cancelled.
    #[error("background task failed: {0}")]
    Task(String),
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

impl From<r2d2::Error> for ServerError {
    fn from(e: r2d2::Error) -> ServerError {
        ServerError::Pool(e.to_string())
    }
}

impl ServerError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> ServerError {
        ServerError::BadRequest { code, detail: detail.into() }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> ServerError {
        ServerError::Io { context: context.into(), source }
    }

    pub fn corrupt(what: impl Into<String>) -> ServerError {
        ServerError::Corrupt(what.into())
    }

    /// True for failures of the server itself rather than of the request.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            ServerError::Sqlite(_)
                | ServerError::Postgres(_)
                | ServerError::Pool(_)
                | ServerError::Migration(_)
                | ServerError::Corrupt(_)
                | ServerError::Io { .. }
                | ServerError::Commit(_)
                | ServerError::Task(_)
        )
    }
}
