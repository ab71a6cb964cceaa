//! Support for the system tests in `tests/`: real processes, real databases, simulated
//! devices and a fault-injecting proxy between a real client and a real server.

pub mod device;
pub mod fault_proxy;
pub mod jlog;
pub mod lrs;
pub mod pg;
pub mod server;
pub mod signed_logbook;

use std::path::{Path, PathBuf};

/// A workspace binary built beside the running test executable, in
/// `target/<profile>/` (`cargo nextest run --workspace` and `cargo test --workspace`
/// build every binary of the workspace first).
pub fn sibling_binary(name: &str, package: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current test executable");
    // target/<profile>/deps/<test> -> target/<profile>/<name>
    let profile_dir = exe.parent().and_then(Path::parent).expect("test executable under target/<profile>/deps");
    let binary = profile_dir.join(name);
    assert!(
        binary.exists(),
        "{} does not exist: build it first with `cargo build -p {package}` (same profile as the tests)",
        binary.display()
    );
    binary
}
