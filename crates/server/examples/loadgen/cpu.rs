//! CPU time spent by the server and by this load generator, read from `/proc`.
//!
//! Latency on two shared cores tells how long the burst took on *this* machine, under
//! whatever else ran; CPU seconds per round tell what the server costs, and they move
//! much less with load. So each scenario prints both, with the server split by thread
//! (the SQLite writer is the one that serializes an employer's pushes).

use std::collections::BTreeMap;
use std::time::Duration;

/// Clock ticks per second of `/proc/*/stat` (USER_HZ): 100 on every Linux we run on.
const TICKS_PER_SECOND: f64 = 100.0;

/// CPU time by thread name (`comm`) of one process, plus its total.
#[derive(Debug, Clone, Default)]
pub struct CpuSample {
    by_thread: BTreeMap<String, u64>,
}

impl CpuSample {
    /// The threads of process `pid` (`"self"` for this one).
    pub fn of(pid: &str) -> CpuSample {
        let mut by_thread = BTreeMap::new();
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return CpuSample::default() };
        for task in tasks.flatten() {
            let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
            if let Some((name, ticks)) = parse_stat(&stat) {
                *by_thread.entry(group(&name)).or_insert(0) += ticks;
            }
        }
        CpuSample { by_thread }
    }

    /// What was spent between `earlier` and `self`, by thread group. Threads that ended
    /// in between are not counted (the server's threads live as long as it does).
    pub fn since(&self, earlier: &CpuSample) -> BTreeMap<String, Duration> {
        self.by_thread
            .iter()
            .map(|(name, ticks)| {
                let before = earlier.by_thread.get(name).copied().unwrap_or(0);
                (name.clone(), ticks_to_duration(ticks.saturating_sub(before)))
            })
            .collect()
    }
}

/// `(comm, utime + stime)` of one `/proc/PID/task/TID/stat` line. The name is in
/// parentheses and may itself contain spaces or parentheses, so fields are counted
/// from the last `)`.
fn parse_stat(stat: &str) -> Option<(String, u64)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?.to_owned();
    let fields: Vec<&str> = stat.get(close + 1..)?.split_whitespace().collect();
    // After the name: state is field 3 of the man page, utime 14 and stime 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((name, utime + stime))
}

/// Thread names with a number in them (tokio-runtime-w, r2d2-worker-3) grouped.
fn group(name: &str) -> String {
    name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-').to_owned()
}

fn ticks_to_duration(ticks: u64) -> Duration {
    Duration::from_secs_f64(ticks as f64 / TICKS_PER_SECOND)
}

/// Prints CPU seconds per round: the server's total and its busiest thread groups,
/// then this generator's own.
pub fn report(server: &BTreeMap<String, Duration>, generator: &BTreeMap<String, Duration>, rounds: u32) {
    let per_round = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(rounds.max(1));
    let total = |m: &BTreeMap<String, Duration>| m.values().copied().sum::<Duration>();
    let mut parts: Vec<(&String, &Duration)> = server.iter().filter(|(_, d)| !d.is_zero()).collect();
    parts.sort_by(|a, b| b.1.cmp(a.1));
    let split: Vec<String> = parts.iter().map(|(name, d)| format!("{name} {:.0}", per_round(**d))).collect();
    println!("  cpu per round (ms)   server {:.0} [{}]", per_round(total(server)), split.join(", "));
    println!("                       load generator {:.0}", per_round(total(generator)));
}
