//! API tests: the real router driven in-process (`tower::ServiceExt::oneshot`), each
//! test run on SQLite and on PostgreSQL; plus a few that run the real binary.
//!
//! The test bodies are `async fn`s run by a macro (see `common::on_both_backends`),
//! so clippy does not see them as tests; in test code a panic is the failure report.
#![allow(clippy::unwrap_used, reason = "test code")]

mod common;

mod authz;
mod bad_input;
mod process;
mod protocol;
mod schema;
mod signoffs;
mod statement;
