//! Load generator for `journeylog-server` (DESIGN §7 budgets): push ingest in
//! mutations per second, and many devices syncing at once with their latencies.
//!
//! It sets up an employer with N enrolled apprentices, starts the real server binary
//! on loopback (next to this example: build it first), and drives it over HTTP/1.1
//! with keep-alive, as devices would. Every loop is bounded by counts; nothing runs
//! open-ended.
//!
//! ```text
//! cargo build --release -p journeylog-server --bins --examples
//! target/release/examples/loadgen ingest            # 40 batches of 500 on SQLite
//! target/release/examples/loadgen devices           # 500 devices, 3 rounds each
//! target/release/examples/loadgen --postgres ingest # the same on PostgreSQL
//! ```

#![allow(clippy::unwrap_used, reason = "a benchmark tool: a panic is the report")]

mod cpu;

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::{Parser, Subcommand};
use http_body_util::{BodyExt as _, Full};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use journeylog_proto::Role;
use journeylog_server::admin;
use journeylog_server::db::{Db, DbTarget, PoolOptions};
use journeylog_tests::server::{Database, ServerProcess, server_binary};
use serde_json::{Value, json};

#[derive(Debug, Parser)]
struct Args {
    /// Run against PostgreSQL (JOURNEYLOG_TEST_PG_URL, or a private cluster).
    #[arg(long, global = true)]
    postgres: bool,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Debug, Subcommand)]
enum Scenario {
    /// Devices push full batches one after another; reports mutations per second.
    Ingest {
        #[arg(long, default_value_t = 40)]
        batches: u32,
        #[arg(long, default_value_t = 500)]
        batch_size: u32,
        /// Devices pushing concurrently (each its own apprentice).
        #[arg(long, default_value_t = 1)]
        devices: u32,
    },
    /// Every device pushes a small batch, then pulls, all at once; reports latencies.
    Devices {
        #[arg(long, default_value_t = 500)]
        devices: u32,
        #[arg(long, default_value_t = 3)]
        rounds: u32,
        #[arg(long, default_value_t = 5)]
        batch_size: u32,
    },
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

struct Device {
    token: String,
    client_id: String,
    next_seq: u64,
    next_day: i64,
    cursor: Option<String>,
}

fn main() {
    let args = Args::parse();
    let apprentices = match args.scenario {
        Scenario::Ingest { devices, .. } | Scenario::Devices { devices, .. } => devices,
    };
    // Setup uses the synchronous database API, so it runs before the async runtime.
    let dir = tempfile::tempdir().unwrap();
    let pg = args.postgres.then(journeylog_tests::pg::fresh_database);
    let database = match &pg {
        Some(pg) => Database::Postgres(pg.url().to_owned()),
        None => Database::Sqlite(dir.path().join("loadgen.sqlite3")),
    };
    let codes = setup(&database, dir.path(), apprentices);
    let server = ServerProcess::start(server_binary(), database.clone());
    let backend = if args.postgres { "PostgreSQL" } else { "SQLite" };
    println!("server {} on {backend}, {apprentices} apprentices", server.base_url());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client: HttpClient =
            Client::builder(TokioExecutor::new()).pool_max_idle_per_host(2048).build(HttpConnector::new());
        let base = Arc::new(server.base_url());
        let devices = enroll_all(&client, &base, codes).await;
        let server_pid = server.pid().map(|p| p.to_string()).unwrap_or_default();
        let (server_before, self_before) = (cpu::CpuSample::of(&server_pid), cpu::CpuSample::of("self"));
        let rounds = match args.scenario {
            Scenario::Ingest { batches, batch_size, .. } => {
                ingest(&client, &base, devices, batches, batch_size).await;
                batches
            }
            Scenario::Devices { rounds, batch_size, .. } => {
                sync_at_once(&client, &base, devices, rounds, batch_size).await;
                rounds
            }
        };
        let server_cpu = cpu::CpuSample::of(&server_pid).since(&server_before);
        cpu::report(&server_cpu, &cpu::CpuSample::of("self").since(&self_before), rounds);
    });
    let mut server = server;
    server.stop();
    drop(pg);
}

/// An employer, the mra-phase-1 program, `n` apprentices and a code for each.
fn setup(database: &Database, dir: &std::path::Path, n: u32) -> Vec<String> {
    let target = match database {
        Database::Sqlite(path) => DbTarget::Sqlite(path.clone()),
        Database::Postgres(url) => DbTarget::Postgres(url.clone()),
    };
    let db = Db::open(&target, PoolOptions::default()).unwrap();
    let file = dir.join("program.toml");
    let program = journeylog_core::programs::template("mra-phase-1").unwrap();
    journeylog_core::programs::write_program_file(&program, &file).unwrap();
    let employer = admin::create_employer(&db, "Load Test Inc").unwrap().employer_id;
    admin::import_program(&db, &employer, &file).unwrap();
    (0..n)
        .map(|i| {
            let user =
                admin::add_user(&db, &employer, &format!("Apprentice {i}"), Role::Apprentice, Some("mra-phase-1"))
                    .unwrap()
                    .user_id;
            admin::enroll_code(&db, &user, 1).unwrap().code
        })
        .collect()
}

async fn call(client: &HttpClient, method: Method, url: String, token: Option<&str>, body: Option<Value>) -> Value {
    let mut request = Request::builder().method(method).uri(url).header("Journeylog-Protocol", "1");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(json) => {
            request = request.header("Content-Type", "application/json");
            Full::new(Bytes::from(json.to_string()))
        }
        None => Full::new(Bytes::new()),
    };
    let response = client.request(request.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status, StatusCode::OK, "{value}");
    value
}

async fn enroll_all(client: &HttpClient, base: &Arc<String>, codes: Vec<String>) -> Vec<Device> {
    let mut tasks = Vec::new();
    for code in codes {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let body = json!({"code": code, "device_name": "loadgen"});
            let r = call(&client, Method::POST, format!("{base}/v1/enroll"), None, Some(body)).await;
            Device {
                token: r["token"].as_str().unwrap().to_owned(),
                client_id: r["client_id"].as_str().unwrap().to_owned(),
                next_seq: 1,
                next_day: 1,
                cursor: None,
            }
        }));
    }
    let mut devices = Vec::new();
    for task in tasks {
        devices.push(task.await.unwrap());
    }
    devices
}

/// The device's next `n` mutations: new 1-minute OJL entries on earlier and earlier
/// days (never near the 24-hour limit), each a fresh record.
fn next_batch(device: &mut Device, n: u32) -> Value {
    let today = chrono::Utc::now().date_naive();
    let mutations: Vec<Value> = (0..n)
        .map(|_| {
            let seq = device.next_seq;
            device.next_seq += 1;
            let date = (today - chrono::Duration::days(device.next_day % 3000)).format("%Y-%m-%d").to_string();
            device.next_day += 1;
            let id = uuid::Uuid::now_v7().to_string();
            json!({
                "seq": seq, "mutation_id": uuid::Uuid::now_v7().to_string(), "kind": "ojl_entry.upsert",
                "record_id": id, "base_version": 0,
                "payload": {
                    "id": id, "date": date, "minutes": 1, "work_process": "WP1", "note": "loadgen", "site": "",
                    "supervisor": "", "prior_credit": false, "status": "draft", "version": 1,
                    "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                },
            })
        })
        .collect();
    json!({"client_id": device.client_id, "mutations": mutations})
}

async fn ingest(client: &HttpClient, base: &Arc<String>, devices: Vec<Device>, batches: u32, batch_size: u32) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    let per_device = batches.div_ceil(devices.len() as u32);
    for mut device in devices {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for _ in 0..per_device {
                let body = next_batch(&mut device, batch_size);
                let t = Instant::now();
                let r =
                    call(&client, Method::POST, format!("{base}/v1/sync/push"), Some(&device.token), Some(body)).await;
                latencies.push(t.elapsed());
                assert!(r["results"].as_array().unwrap().iter().all(|m| m["status"] == "applied"), "{r}");
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    let elapsed = started.elapsed();
    let mutations = latencies.len() as f64 * f64::from(batch_size);
    println!(
        "ingest: {} pushes of {batch_size} = {mutations} mutations in {:.2} s: {:.0} mutations/s",
        latencies.len(),
        elapsed.as_secs_f64(),
        mutations / elapsed.as_secs_f64()
    );
    report("push (one batch)", &mut latencies);
}

async fn sync_at_once(client: &HttpClient, base: &Arc<String>, devices: Vec<Device>, rounds: u32, batch_size: u32) {
    let n = devices.len();
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for mut device in devices {
        let (client, base, barrier) = (client.clone(), base.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            let (mut pushes, mut pulls, mut syncs) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..rounds {
                // Every device starts each round at the same moment.
                barrier.wait().await;
                let t0 = Instant::now();
                let body = next_batch(&mut device, batch_size);
                call(&client, Method::POST, format!("{base}/v1/sync/push"), Some(&device.token), Some(body)).await;
                let t1 = Instant::now();
                loop {
                    let query = device.cursor.as_ref().map(|c| format!("?cursor={c}")).unwrap_or_default();
                    let url = format!("{base}/v1/sync/pull{query}");
                    let page = call(&client, Method::GET, url, Some(&device.token), None).await;
                    device.cursor = Some(page["cursor"].as_str().unwrap().to_owned());
                    if page["has_more"] != true {
                        break;
                    }
                }
                let t2 = Instant::now();
                pushes.push(t1 - t0);
                pulls.push(t2 - t1);
                syncs.push(t2 - t0);
            }
            (pushes, pulls, syncs)
        }));
    }
    let (mut pushes, mut pulls, mut syncs) = (Vec::new(), Vec::new(), Vec::new());
    for task in tasks {
        let (a, b, c) = task.await.unwrap();
        pushes.extend(a);
        pulls.extend(b);
        syncs.extend(c);
    }
    println!(
        "devices: {n} devices x {rounds} rounds (push {batch_size} mutations, then pull) in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    report("push", &mut pushes);
    report("pull", &mut pulls);
    report("sync (push + pull)", &mut syncs);
}

/// Nearest-rank percentiles.
fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let pick = |p: f64| {
        let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
        samples[rank.clamp(1, samples.len()) - 1].as_secs_f64() * 1000.0
    };
    println!(
        "  {what:<20} n={:<5} p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        samples.len(),
        pick(50.0),
        pick(99.0),
        pick(100.0)
    );
}
