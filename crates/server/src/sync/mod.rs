//! The sync protocol itself: push (apply client mutations) and pull (hand out changes).
//!
//! Written once against [`crate::db::Tx`], so SQLite and PostgreSQL run the same rules.

mod cursor;
pub mod keys;
pub mod pull;
pub mod push;
mod rules;
mod signoffs;
pub mod statement;

pub use cursor::Cursor;
