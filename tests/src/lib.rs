//! Support for the system tests in `tests/`: real processes, real databases.

pub mod pg;
pub mod server;
