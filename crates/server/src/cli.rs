//! The command line: `serve` and `admin`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use journeylog_proto::Role;

use crate::db::DbTarget;

/// Environment variable read when neither --db nor --database-url is given; keeps a
/// password out of the process list.
pub const DATABASE_URL_ENV: &str = "JOURNEYLOG_DATABASE_URL";
pub const DEFAULT_SQLITE_PATH: &str = "journeylog-server.sqlite3";

#[derive(Debug, Parser)]
#[command(name = "journeylog-server", version, about = "The Journeylog employer API server (journeylog-sync v1)")]
pub struct Cli {
    /// Log lines as JSON objects instead of text (logs go to stderr; filter with RUST_LOG).
    #[arg(long, global = true)]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API until SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// Set up employers, users, programs and devices.
    Admin(AdminArgs),
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// SQLite database file (created if missing). The default when no PostgreSQL URL is given.
    #[arg(long, value_name = "PATH", conflicts_with = "database_url")]
    pub db: Option<PathBuf>,

    /// PostgreSQL URL, e.g. postgres://journeylog@db.internal/journeylog. Also read from
    /// JOURNEYLOG_DATABASE_URL.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

impl DbArgs {
    pub fn target(&self) -> DbTarget {
        if let Some(url) = &self.database_url {
            return DbTarget::Postgres(url.clone());
        }
        if let Some(path) = &self.db {
            return DbTarget::Sqlite(path.clone());
        }
        match std::env::var(DATABASE_URL_ENV) {
            Ok(url) if !url.is_empty() => DbTarget::Postgres(url),
            _ => DbTarget::Sqlite(PathBuf::from(DEFAULT_SQLITE_PATH)),
        }
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,

    /// Address to listen on. Plain HTTP: put a TLS proxy in front (docs/server.md).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database connections in the pool (PostgreSQL; SQLite uses up to 8 readers and one writer).
    #[arg(long, default_value_t = 16)]
    pub max_connections: u32,
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub db: DbArgs,

    /// Print one JSON object instead of sentences, for scripts.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an employer (program sponsor).
    CreateEmployer {
        #[arg(long)]
        name: String,
    },
    /// Add an admin, mentor or apprentice to an employer.
    AddUser {
        #[arg(long, value_name = "EMPLOYER_ID")]
        employer: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The program an apprentice is enrolled in (import it first).
        #[arg(long, value_name = "PROGRAM_ID")]
        program: Option<String>,
    },
    /// Let a mentor see an apprentice's records.
    AssignMentor {
        #[arg(long, value_name = "USER_ID")]
        mentor: String,
        #[arg(long, value_name = "USER_ID")]
        apprentice: String,
    },
    /// Import or update a program standard (TOML or JSON, the format of docs/programs.md).
    ImportProgram {
        #[arg(long, value_name = "EMPLOYER_ID")]
        employer: String,
        #[arg(long, value_name = "PATH")]
        file: PathBuf,
    },
    /// Issue a one-time enrollment code for a user's device.
    EnrollCode {
        #[arg(long, value_name = "USER_ID")]
        user: String,
        #[arg(long, default_value_t = 7, value_name = "DAYS")]
        expires_in_days: u32,
    },
    /// Revoke a device: its token stops working at once.
    RevokeDevice {
        #[arg(long, value_name = "ID")]
        client_id: String,
    },
    /// Revoke a mentor's signing key (a lost or stolen laptop): sign-offs it made
    /// before now stay valid; any made with it later are refused.
    RevokeKey {
        #[arg(long, value_name = "KEY_ID")]
        key_id: String,
    },
    /// Show the employer's signing key and its fingerprint, to publish: readers of
    /// an apprentice's bundle compare it with what `jlog verify` prints.
    EmployerKey {
        #[arg(long, value_name = "EMPLOYER_ID")]
        employer: String,
    },
    /// Start a new epoch after restoring a backup: every client pulls again from the start.
    NewEpoch {
        #[arg(long, value_name = "EMPLOYER_ID")]
        employer: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Admin,
    Mentor,
    Apprentice,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Mentor => Role::Mentor,
            RoleArg::Apprentice => Role::Apprentice,
        }
    }
}
