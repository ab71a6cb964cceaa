//! The logbook's data, as the apprentice and the program sponsor understand it.
//!
//! These types cross every boundary (SQLite rows, program files, the UI through
//! generated TypeScript, the CLI's JSON), so they stay plain data with no behaviour
//! beyond small lookups.

mod inputs;
mod program;
mod records;
mod review;

pub use inputs::*;
pub use program::*;
pub use records::*;
pub use review::*;
