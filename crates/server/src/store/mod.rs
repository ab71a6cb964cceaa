//! The SQL of the server, one function per statement, shared by both backends.
//!
//! Callers hold an open [`Tx`](crate::db::Tx); these functions never begin or commit.
//! Every statement that touches apprentice data takes the employer id, so scoping by
//! employer is not something a caller can forget.

pub mod accounts;
pub mod employer_keys;
pub mod programs;
pub mod records;
pub mod results;
pub mod signoffs;
pub mod visible;
