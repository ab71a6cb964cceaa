//! Start-up benchmark hook (DESIGN §7: cold start to dashboard painted).
//!
//! When `JOURNEYLOG_BENCH_PAINT_FILE` is set, the UI calls `bench_painted(label)` after its
//! first painted frame and this appends `label <ms since process start>` to that file. The
//! shell and the page may add other lines (`setup`, `page:...`) that show where the time went.
//! "Process start" is the kernel's start time of this process (/proc/self/stat), so time
//! spent loading shared libraries before `main` counts too; both /proc clocks tick in
//! 10 ms steps, which bounds the error of that pre-main part.
//!
//! bench/hello-tauri compiles this same file (via `#[path]`), so the app and its
//! hello-world baseline are measured by identical code.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Environment variable naming the file that paint timings are appended to.
pub const PAINT_FILE_ENV: &str = "JOURNEYLOG_BENCH_PAINT_FILE";

/// Kernel clock ticks per second as /proc reports them (USER_HZ, 100 on Linux).
const USER_HZ: f64 = 100.0;

/// A clock read as early as possible at start-up, kept in managed state.
#[derive(Debug)]
pub struct BenchClock {
    origin: Instant,
    age_at_origin: Duration,
    paint_file: Option<PathBuf>,
}

impl BenchClock {
    /// Reads the clock now, and the process's age from /proc (zero where unknown).
    pub fn start() -> Self {
        let origin = Instant::now();
        Self {
            origin,
            age_at_origin: process_age().unwrap_or_default(),
            paint_file: std::env::var_os(PAINT_FILE_ENV).filter(|p| !p.is_empty()).map(PathBuf::from),
        }
    }

    /// Time since the process started.
    pub fn since_process_start(&self) -> Duration {
        self.age_at_origin + self.origin.elapsed()
    }

    /// Appends `label <ms since process start>` to the paint file, if there is one.
    pub fn mark(&self, label: &str) -> Result<(), String> {
        let Some(path) = &self.paint_file else {
            return Ok(());
        };
        let ms = self.since_process_start().as_secs_f64() * 1000.0;
        let label: String = label.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        // One write of the whole line, so lines from concurrent calls never interleave.
        let line = format!("{label} {ms:.1}\n");
        file.write_all(line.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// How long ago the kernel started this process, from /proc (Linux only).
fn process_age() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Field 2 (comm) may hold spaces; fields after it start at field 3, so
    // field 22 (starttime, in ticks since boot) is index 19.
    let after_comm = stat.rsplit_once(')')?.1;
    let start_ticks: u64 = after_comm.split_whitespace().nth(19)?.parse().ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let up_secs: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    let age = up_secs - start_ticks as f64 / USER_HZ;
    Some(Duration::from_secs_f64(age.max(0.0)))
}

/// Records that the page labelled `label` has painted. Does nothing unless
/// `JOURNEYLOG_BENCH_PAINT_FILE` is set.
#[tauri::command]
pub async fn bench_painted(label: String, clock: tauri::State<'_, BenchClock>) -> Result<(), String> {
    clock.mark(&label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_age_is_known_and_small_on_linux() {
        if cfg!(target_os = "linux") {
            let age = process_age().expect("readable /proc");
            assert!(age < Duration::from_secs(3600), "age {age:?}");
        }
    }
}
