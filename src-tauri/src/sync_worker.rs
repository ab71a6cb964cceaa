//! The background sync thread.
//!
//! Sync talks to the network, which can take seconds or hang until a timeout, so it
//! runs on one dedicated thread with its own database connection ([`Syncer`]); the
//! UI's commands keep using the logbook meanwhile. One thread also means rounds never
//! overlap. The thread wakes on a timer (to pick up other devices' changes and to
//! send what the apprentice logged) and on requests from commands ("Sync now",
//! connect, disconnect), and tells the UI what happened through events.
//!
//! Scheduling is the only thing decided here; what a round does is the core's.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use journeylog_core::ErrorPayload;
use journeylog_core::sync::{SyncPhase, SyncReport, SyncStatus, Syncer};
use tauri::{AppHandle, Emitter};

/// How often the thread looks for work when nothing asks it to.
const TICK: Duration = Duration::from_secs(5);
/// With nothing to send, pull at least this often for other devices' changes.
const PULL_EVERY: Duration = Duration::from_secs(60);

pub const STATUS_EVENT: &str = "sync://status";
pub const CHANGED_EVENT: &str = "sync://changed";

type Reply<T> = Sender<Result<T, ErrorPayload>>;

enum Request {
    Connect { server_url: String, code: String, device_name: String, reply: Reply<SyncStatus> },
    SyncNow { reply: Reply<SyncReport> },
    Disconnect { reply: Reply<()> },
}

/// The handle commands use to reach the sync thread.
#[derive(Debug, Clone)]
pub struct SyncWorker {
    requests: Sender<Request>,
}

impl SyncWorker {
    /// Starts the thread for the logbook at `db_path`.
    pub fn start(app: AppHandle, db_path: PathBuf) -> SyncWorker {
        let (requests, inbox) = mpsc::channel();
        let spawned =
            std::thread::Builder::new().name("journeylog-sync".into()).spawn(move || run(app, db_path, inbox));
        if let Err(e) = spawned {
            eprintln!("journeylog: could not start the sync thread: {e}");
        }
        SyncWorker { requests }
    }

    pub fn connect(&self, server_url: String, code: String, device_name: String) -> Result<SyncStatus, ErrorPayload> {
        self.ask(|reply| Request::Connect { server_url, code, device_name, reply })
    }

    pub fn sync_now(&self) -> Result<SyncReport, ErrorPayload> {
        self.ask(|reply| Request::SyncNow { reply })
    }

    pub fn disconnect(&self) -> Result<(), ErrorPayload> {
        self.ask(|reply| Request::Disconnect { reply })
    }

    /// Sends a request and blocks (on a blocking-pool thread) for its answer.
    fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, ErrorPayload> {
        let (reply, answer) = mpsc::channel();
        self.requests.send(make(reply)).map_err(|_| stopped())?;
        answer.recv().map_err(|_| stopped())?
    }
}

fn stopped() -> ErrorPayload {
    ErrorPayload {
        code: "internal".into(),
        message: "the sync thread has stopped; restart Journeylog".into(),
        field: None,
    }
}

fn run(app: AppHandle, db_path: PathBuf, inbox: Receiver<Request>) {
    let mut syncer = match Syncer::open(&db_path) {
        Ok(s) => s,
        // The logbook could not be opened (the commands report why); answer every
        // request with that error rather than leave the UI waiting.
        Err(e) => return refuse_all(&inbox, e.to_payload()),
    };
    let mut last_round: Option<Instant> = None;
    loop {
        match inbox.recv_timeout(TICK) {
            Ok(Request::Connect { server_url, code, device_name, reply }) => {
                let connected = syncer.connect(&server_url, &code, &device_name).map_err(|e| e.to_payload());
                let ok = connected.is_ok();
                let _ = reply.send(connected);
                emit_status(&app, &mut syncer);
                if ok {
                    // The outcome reaches the UI through the status event.
                    let _ = round(&app, &mut syncer, &mut last_round);
                }
            }
            Ok(Request::SyncNow { reply }) => {
                let _ = reply.send(round(&app, &mut syncer, &mut last_round));
            }
            Ok(Request::Disconnect { reply }) => {
                let _ = reply.send(syncer.disconnect().map_err(|e| e.to_payload()));
                emit_status(&app, &mut syncer);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if should_run(&mut syncer, last_round) {
            let _ = round(&app, &mut syncer, &mut last_round);
        }
    }
}

/// Runs a round when connected, outside the backoff window, and there is
/// something to send (a local write is sent within one tick) or it is time to look
/// for other devices' changes.
fn should_run(syncer: &mut Syncer, last_round: Option<Instant>) -> bool {
    let Ok(status) = syncer.status() else { return false };
    if status.phase == SyncPhase::NotConnected || !syncer.is_due().unwrap_or(false) {
        return false;
    }
    let pull_due = last_round.is_none_or(|at| at.elapsed() >= PULL_EVERY);
    status.pending > 0 || pull_due
}

fn round(app: &AppHandle, syncer: &mut Syncer, last_round: &mut Option<Instant>) -> Result<SyncReport, ErrorPayload> {
    *last_round = Some(Instant::now());
    let result = syncer.sync().map_err(|e| e.to_payload());
    if let Ok(report) = &result
        && report.updated > 0
    {
        let _ = app.emit(CHANGED_EVENT, report);
    }
    emit_status(app, syncer);
    result
}

fn emit_status(app: &AppHandle, syncer: &mut Syncer) {
    if let Ok(status) = syncer.status() {
        let _ = app.emit(STATUS_EVENT, status);
    }
}

fn refuse_all(inbox: &Receiver<Request>, error: ErrorPayload) {
    for request in inbox {
        match request {
            Request::Connect { reply, .. } => drop(reply.send(Err(error.clone()))),
            Request::SyncNow { reply } => drop(reply.send(Err(error.clone()))),
            Request::Disconnect { reply } => drop(reply.send(Err(error.clone()))),
        }
    }
}
