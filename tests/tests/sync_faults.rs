//! Sync under faults: two devices of one apprentice sync through a fault-injecting
//! proxy to a real server, over seeded schedules of drops, duplicates, delays, error
//! statuses, truncated answers and server kill -9s.
//!
//! After each schedule the faults stop, and within 3 rounds both devices and the server
//! must hold exactly the same records (content hashes equal), with nothing lost (every
//! change a device acknowledged is there) and nothing duplicated.
//!
//! `JOURNEYLOG_FAULT_SEEDS=5000` runs more schedules (CI runs 200);
//! `JOURNEYLOG_FAULT_SEED=N` replays one.

#![allow(clippy::unwrap_used)] // Test helpers panic on failure by design.

use std::collections::BTreeMap;

use chrono::{Duration, Local};
use journeylog_core::model::OjlInput;
use journeylog_tests::device::{Device, server_fingerprint};
use journeylog_tests::fault_proxy::FaultProxy;
use journeylog_tests::server::{Database, ServerProcess};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CI_SEEDS: u64 = 200;
const ROUNDS_WITH_FAULTS: usize = 4;
const ROUNDS_TO_CONVERGE: usize = 3;

fn days_ago(n: i64) -> String {
    (Local::now().date_naive() - Duration::days(n)).to_string()
}

/// What each device believes it holds: id -> Some(minutes), or None once deleted.
type Expected = BTreeMap<String, Option<u32>>;

struct Run<'a> {
    server: &'a mut ServerProcess,
    employer_id: String,
    program_id: String,
}

impl Run<'_> {
    /// Runs one schedule; returns how many faults it injected.
    fn seed(&mut self, seed: u64) -> Result<u64, String> {
        let mut rng = StdRng::seed_from_u64(seed);
        let name = format!("Apprentice {seed}");
        let user = self.server.admin(&[
            "add-user",
            "--employer",
            &self.employer_id,
            "--name",
            &name,
            "--role",
            "apprentice",
            "--program",
            &self.program_id,
        ]);
        let user_id = user["user_id"].as_str().ok_or("no user_id")?.to_owned();
        let code =
            |s: &ServerProcess| s.admin(&["enroll-code", "--user", &user_id])["code"].as_str().map(str::to_owned);
        let proxy = FaultProxy::start(&self.server.base_url(), seed, 0.35);
        let (a, b) = (Device::new(), Device::new());
        a.create_profile(&name, &days_ago(200));
        a.connect(&proxy.url(), &code(self.server).ok_or("no code")?);
        b.connect(&proxy.url(), &code(self.server).ok_or("no code")?);
        let mut expected: [Expected; 2] = [Expected::new(), Expected::new()];

        proxy.set_faults(true);
        for round in 0..ROUNDS_WITH_FAULTS {
            for (i, device) in [&a, &b].into_iter().enumerate() {
                change_something(device, &mut expected[i], &mut rng)?;
                // Failures are expected here; what matters is what survives them.
                let _ = device.syncer().sync();
            }
            if rng.random_bool(0.15) {
                self.server.kill_9();
                self.server.restart();
                proxy.set_upstream(&self.server.base_url());
            }
            let _ = round;
        }
        let (_, injected) = proxy.counts();

        proxy.set_faults(false);
        let mut converged_after = None;
        for round in 1..=ROUNDS_TO_CONVERGE {
            a.syncer().sync().map_err(|e| format!("round {round} after faults, device A: {e}"))?;
            b.syncer().sync().map_err(|e| format!("round {round} after faults, device B: {e}"))?;
            let pending = |d: &Device| d.journal().sync_status().map(|s| s.pending).unwrap_or(u32::MAX);
            if a.fingerprint() == b.fingerprint() && pending(&a) == 0 && pending(&b) == 0 {
                converged_after = Some(round);
                break;
            }
        }
        converged_after.ok_or(format!("no convergence within {ROUNDS_TO_CONVERGE} rounds"))?;

        let everything: Expected = expected.iter().flatten().map(|(k, v)| (k.clone(), *v)).collect();
        let live: BTreeMap<&String, u32> = everything.iter().filter_map(|(k, v)| v.map(|m| (k, m))).collect();
        let held = a.fingerprint();
        if held.len() != live.len() {
            return Err(format!("devices hold {} records, {} were acknowledged live", held.len(), live.len()));
        }
        let mut journal = a.journal();
        for (id, minutes) in &live {
            let found = journal
                .list(journeylog_core::model::DateRange { from: String::new(), to: String::new() })
                .map_err(|e| e.to_string())?
                .into_iter()
                .find_map(|item| match item {
                    journeylog_core::model::LogItem::Ojl(e) if &&e.id == id => Some(e.minutes),
                    _ => None,
                });
            if found != Some(*minutes) {
                return Err(format!("entry {id}: acknowledged with {minutes} min, found {found:?}"));
            }
        }
        if let Database::Sqlite(path) = self.server.database() {
            let on_server = server_fingerprint(path, &user_id);
            if on_server != held {
                return Err(format!("the server holds {} records that differ from the devices'", on_server.len()));
            }
        }
        for device in [&a, &b] {
            let status = device.journal().sync_status().map_err(|e| e.to_string())?;
            if status.attention != 0 || status.conflicts != 0 {
                return Err(format!("unexpected refusals or conflicts: {status:?}"));
            }
        }
        Ok(injected)
    }
}

/// Logs one or two entries, and sometimes edits or deletes one logged earlier.
fn change_something(device: &Device, expected: &mut Expected, rng: &mut StdRng) -> Result<(), String> {
    if device.journal().profile().map_err(|e| e.to_string())?.is_none() {
        return Ok(()); // The spare device has not pulled the enrollment yet.
    }
    for _ in 0..rng.random_range(1..=2) {
        let minutes = 15 * rng.random_range(2..=8);
        let hours = format!("{}:{:02}", minutes / 60, minutes % 60);
        let process = format!("WP{}", rng.random_range(1..=5));
        let id = device.log(&days_ago(rng.random_range(1..=60)), &hours, &process).map_err(|e| e.to_string())?;
        expected.insert(id, Some(minutes));
    }
    let live: Vec<String> = expected.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| k.clone()).collect();
    if live.len() > 2 && rng.random_bool(0.4) {
        let id = &live[rng.random_range(0..live.len())];
        let mut journal = device.journal();
        if rng.random_bool(0.5) {
            journal.delete_ojl(id).map_err(|e| e.to_string())?;
            expected.insert(id.clone(), None);
        } else {
            let minutes = 15 * rng.random_range(2..=8);
            let old = journal.ojl_entry(id).map_err(|e| e.to_string())?;
            journal
                .update_ojl(
                    id,
                    OjlInput {
                        date: old.date.to_string(),
                        hours: format!("{}:{:02}", minutes / 60, minutes % 60),
                        work_process: old.work_process,
                        note: "edited".into(),
                        site: old.site,
                        supervisor: old.supervisor,
                        prior_credit: old.prior_credit,
                    },
                )
                .map_err(|e| e.to_string())?;
            expected.insert(id.clone(), Some(minutes));
        }
    }
    Ok(())
}

/// Schedules run on this many threads, each with its own server, proxy and devices.
const WORKERS: usize = 4;

#[test]
fn every_change_survives_seeded_fault_schedules() {
    let seeds: Vec<u64> = match std::env::var("JOURNEYLOG_FAULT_SEED") {
        Ok(one) => vec![one.parse().expect("JOURNEYLOG_FAULT_SEED is a number")],
        Err(_) => {
            let n = std::env::var("JOURNEYLOG_FAULT_SEEDS").ok().and_then(|n| n.parse().ok()).unwrap_or(CI_SEEDS);
            (1..=n).collect()
        }
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let injected = std::sync::atomic::AtomicU64::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(seeds.len()) {
            scope.spawn(|| {
                let dir = tempfile::tempdir().unwrap();
                let mut server = ServerProcess::start_sqlite(dir.path());
                let fixture = server.fixture();
                let mut run =
                    Run { server: &mut server, employer_id: fixture.employer_id, program_id: fixture.program_id };
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(&seed) = seeds.get(i) else { break };
                    match run.seed(seed) {
                        Ok(faults) => {
                            injected.fetch_add(faults, std::sync::atomic::Ordering::SeqCst);
                        }
                        Err(message) => failures.lock().unwrap().push((seed, message)),
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    if let Some((seed, message)) = failures.first() {
        panic!(
            "{} of {} fault schedules failed; first, seed {seed}: {message}\n\
             replay it with: JOURNEYLOG_FAULT_SEED={seed} cargo test -p journeylog-tests --test sync_faults",
            failures.len(),
            seeds.len()
        );
    }
    let injected = injected.into_inner();
    assert!(injected > seeds.len() as u64, "the schedules injected faults ({injected})");
    println!("{} schedules passed, {injected} faults injected", seeds.len());
}
