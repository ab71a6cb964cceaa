//! Journeylog's core: the apprentice's logbook with no UI, no HTTP and no Tauri.
//!
//! Every rule lives here so the desktop app, the CLI and the tests share one
//! behaviour. Front ends call [`Journal`], a facade with one method per user action;
//! each action is one SQLite transaction that also writes its sync outbox row.

pub mod demo;
pub mod duration;
pub mod error;
pub mod export;
pub mod journal;
pub mod model;
pub mod programs;
pub mod progress;
pub mod settings;
pub mod signoff;
pub mod store;
pub mod sync;
pub mod validate;

pub use error::{CoreError, ErrorPayload, Result};
pub use journal::{Clock, Journal};
