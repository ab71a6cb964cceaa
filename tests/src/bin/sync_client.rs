//! Runs one sync round on a logbook, like `jlog sync`, for tests that kill a client
//! mid-round. Usage: `sync_client DB_PATH`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(db) = std::env::args_os().nth(1) else {
        eprintln!("usage: sync_client DB_PATH");
        return ExitCode::from(2);
    };
    let outcome = journeylog_core::sync::Syncer::open(std::path::Path::new(&db)).and_then(|mut s| s.sync());
    match outcome {
        Ok(report) => {
            println!("{report:?}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sync failed: {e}");
            ExitCode::FAILURE
        }
    }
}
