//! Running the real `jlog` binary against a device's database, as a person would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `target/<profile>/jlog`.
pub fn jlog_binary() -> PathBuf {
    crate::sibling_binary("jlog", "journeylog-cli")
}

/// What a `jlog` run printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Both streams, for assertion messages.
    pub fn text(&self) -> String {
        format!("exit {:?}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// Runs `jlog --db <db> <args>` (with `db` `None`, no logbook is named at all).
pub fn run(db: Option<&Path>, args: &[&str]) -> Run {
    let mut command = Command::new(jlog_binary());
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let out = command.args(args).stdin(Stdio::null()).output().expect("run jlog");
    Run::from(out)
}
