//! The Journeylog employer API reference server ("journeylog-sync v1", DESIGN §4).
//!
//! An employer runs this to receive every apprentice's records and to hand out program
//! standards. The design choices that shape the code:
//!
//! - **One protocol implementation, two databases.** The sync rules live once, in
//!   [`sync`], written against the tiny [`db::Tx`] interface with one SQL text per query.
//!   SQLite serves a single machine with no setup; PostgreSQL serves deployments with
//!   several stateless server processes.
//! - **Blocking database work off the async runtime.** Every transaction runs in
//!   `spawn_blocking`, so a slow disk never stalls the accept loop.
//! - **Ordering comes from the server.** Each applied write takes the next value of a
//!   per-employer counter inside its own transaction; pull cursors are that counter.
//! - **Secrets are stored hashed.** Device tokens and enrollment codes are kept only as
//!   SHA-256 digests and never reach a log line.

pub mod admin;
pub mod auth;
pub mod cli;
pub mod db;
pub mod error;
pub mod http;
pub mod serve;
pub mod store;
pub mod sync;
pub mod time;

pub use error::{Result, ServerError};
