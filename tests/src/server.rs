//! The real `journeylog-server` binary as a child process, for system tests.
//!
//! Tests talk to it over loopback HTTP exactly as a device would, and can kill it
//! (SIGKILL), stop it (SIGTERM) and start it again on the same database. Its stderr
//! (the logs) goes to a file that [`ServerProcess::logs`] reads back.

use std::io::{BufRead as _, BufReader, Read as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Overrides where the binary is looked for.
pub const SERVER_BIN_ENV: &str = "JOURNEYLOG_SERVER_BIN";

const START_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(15);

/// The database a server process uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    fn args(&self) -> Vec<String> {
        match self {
            Database::Sqlite(path) => vec!["--db".into(), path.display().to_string()],
            Database::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }
}

/// A running server; killed when dropped.
#[derive(Debug)]
pub struct ServerProcess {
    binary: PathBuf,
    database: Database,
    child: Option<Child>,
    addr: SocketAddr,
    log_dir: tempfile::TempDir,
    starts: u32,
}

impl ServerProcess {
    /// A server on a SQLite file `journeylog-server.sqlite3` in `dir`.
    pub fn start_sqlite(dir: &Path) -> ServerProcess {
        ServerProcess::start(server_binary(), Database::Sqlite(dir.join("journeylog-server.sqlite3")))
    }

    /// A server on the PostgreSQL database at `url` (see [`crate::pg::fresh_database`]).
    pub fn start_postgres(url: &str) -> ServerProcess {
        ServerProcess::start(server_binary(), Database::Postgres(url.to_owned()))
    }

    /// A server from an explicit binary (e.g. `env!("CARGO_BIN_EXE_journeylog-server")`).
    pub fn start(binary: PathBuf, database: Database) -> ServerProcess {
        let log_dir = tempfile::Builder::new().prefix("journeylog-server-logs-").tempdir().expect("temp dir for logs");
        let mut server = ServerProcess {
            binary,
            database,
            child: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log_dir,
            starts: 0,
        };
        server
            .launch(SocketAddr::from(([127, 0, 0, 1], 0)))
            .unwrap_or_else(|e| panic!("journeylog-server did not start: {e}"));
        server
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn database(&self) -> &Database {
        &self.database
    }

    /// The running process's id (for benchmarks that read its CPU time from `/proc`).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Everything the server processes have logged so far (stderr of every start).
    pub fn logs(&self) -> String {
        let mut all = String::new();
        for i in 0..self.starts {
            all.push_str(&std::fs::read_to_string(self.log_path(i)).unwrap_or_default());
        }
        all
    }

    /// SIGKILL: no shutdown, no flush; what was acknowledged must still be there.
    pub fn kill_9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM and wait: in-flight requests finish first. Panics if the server does not
    /// exit within 15 s or exits with a failure.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let deadline = Instant::now() + STOP_TIMEOUT;
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    assert!(status.success(), "journeylog-server exited with {status} on SIGTERM:\n{}", self.logs());
                    return;
                }
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("journeylog-server did not stop within {STOP_TIMEOUT:?} of SIGTERM");
                }
            }
        }
    }

    /// Starts again on the same database: on the same port when it is free, else a new
    /// one ([`ServerProcess::base_url`] tells). Stops (SIGTERM) a running server first.
    pub fn restart(&mut self) {
        self.stop();
        let same_port = self.addr;
        if self.launch(same_port).is_err() {
            self.launch(SocketAddr::from(([127, 0, 0, 1], 0)))
                .unwrap_or_else(|e| panic!("journeylog-server did not restart: {e}"));
        }
    }

    /// Runs `journeylog-server admin --json ARGS` on this server's database and returns
    /// its JSON report. Panics with the message when the command fails.
    pub fn admin(&self, args: &[&str]) -> Value {
        self.try_admin(args).unwrap_or_else(|e| panic!("admin {args:?} failed: {e}"))
    }

    /// Like [`ServerProcess::admin`], but a failure comes back as its message.
    pub fn try_admin(&self, args: &[&str]) -> Result<Value, String> {
        admin(&self.binary, &self.database, args)
    }

    /// An employer with a program, a mentor, two apprentices and their codes.
    pub fn fixture(&self) -> Fixture {
        Fixture::create(|args| self.admin(args))
    }

    fn log_path(&self, start: u32) -> PathBuf {
        self.log_dir.path().join(format!("stderr-{start}.log"))
    }

    fn launch(&mut self, listen: SocketAddr) -> Result<(), String> {
        assert!(
            self.binary.exists(),
            "{} does not exist: build it first with `cargo build -p journeylog-server`",
            self.binary.display()
        );
        let log = std::fs::File::create(self.log_path(self.starts)).map_err(|e| format!("log file: {e}"))?;
        self.starts += 1;
        let mut child = Command::new(&self.binary)
            .arg("serve")
            .args(self.database.args())
            .args(["--listen", &listen.to_string()])
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.binary.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining so the server never writes into a closed pipe.
            let _ = reader.read_to_end(&mut Vec::new());
        });
        let line = rx.recv_timeout(START_TIMEOUT).unwrap_or_default();
        let addr = line.trim().strip_prefix("listening on http://").and_then(|a| a.parse().ok());
        match addr {
            Some(addr) => {
                self.addr = addr;
                self.child = Some(child);
                Ok(())
            }
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!("no \"listening on\" line (got {line:?}); logs:\n{}", self.logs()))
            }
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill_9();
    }
}

/// Runs the admin CLI with `--json` against `database`.
pub fn admin(binary: &Path, database: &Database, args: &[&str]) -> Result<Value, String> {
    let out = Command::new(binary)
        .arg("admin")
        .args(database.args())
        .arg("--json")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("admin printed no JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// The binary next to the running test executable: `target/<profile>/journeylog-server`.
pub fn server_binary() -> PathBuf {
    if let Ok(path) = std::env::var(SERVER_BIN_ENV) {
        return PathBuf::from(path);
    }
    crate::sibling_binary("journeylog-server", "journeylog-server")
}

/// What [`ServerProcess::fixture`] made: ids and one-time enrollment codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    pub employer_id: String,
    pub program_id: String,
    pub mentor_id: String,
    /// Assigned to the mentor.
    pub apprentice1_id: String,
    /// Not assigned to anyone.
    pub apprentice2_id: String,
    pub mentor_code: String,
    pub apprentice1_code: String,
    pub apprentice2_code: String,
}

impl Fixture {
    /// Builds the fixture through `admin` (anything that runs an admin command and
    /// returns its JSON report).
    pub fn create(admin: impl Fn(&[&str]) -> Value) -> Fixture {
        let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_else(|| panic!("no {key} in {v}")).to_owned();
        let program = journeylog_core::programs::template("mra-phase-1").expect("bundled template mra-phase-1");
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("mra-phase-1.toml");
        journeylog_core::programs::write_program_file(&program, &file).expect("writing the program file");
        let employer_id = text(&admin(&["create-employer", "--name", "Acme Robotics"]), "employer_id");
        let file_arg = file.display().to_string();
        let program_id =
            text(&admin(&["import-program", "--employer", &employer_id, "--file", &file_arg]), "program_id");
        let user = |name: &str, role: &str| {
            let mut args = vec!["add-user", "--employer", &employer_id, "--name", name, "--role", role];
            if role == "apprentice" {
                args.extend(["--program", &program_id]);
            }
            text(&admin(&args), "user_id")
        };
        let mentor_id = user("Morgan Mentor", "mentor");
        let apprentice1_id = user("Ada Apprentice", "apprentice");
        let apprentice2_id = user("Ben Apprentice", "apprentice");
        admin(&["assign-mentor", "--mentor", &mentor_id, "--apprentice", &apprentice1_id]);
        let code = |user: &str| text(&admin(&["enroll-code", "--user", user]), "code");
        Fixture {
            mentor_code: code(&mentor_id),
            apprentice1_code: code(&apprentice1_id),
            apprentice2_code: code(&apprentice2_id),
            employer_id,
            program_id,
            mentor_id,
            apprentice1_id,
            apprentice2_id,
        }
    }
}
