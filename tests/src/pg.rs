//! PostgreSQL for tests: every test gets a fresh, empty database.
//!
//! With `JOURNEYLOG_TEST_PG_URL` set (a URL of a server where the user may create
//! databases, e.g. from `scripts/pg-test.sh start`), databases are made there. Without
//! it, the first test of a process starts a private cluster on a free loopback port
//! in a temporary directory (as the `postgres` user when running as root, since
//! PostgreSQL refuses to run as root) and the last test to finish stops and removes
//! it. If PostgreSQL can't be started the test fails with the reason: server tests
//! are never silently skipped.

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, Weak};

/// Where a running PostgreSQL accepts a test user who may create databases.
pub const PG_URL_ENV: &str = "JOURNEYLOG_TEST_PG_URL";
/// Directory of `initdb` and `pg_ctl`; found under /usr/lib/postgresql when unset.
pub const PG_BIN_ENV: &str = "JOURNEYLOG_PG_BIN";

/// A database that exists for as long as this value does.
#[derive(Debug)]
pub struct TestDatabase {
    url: String,
    admin_url: String,
    name: String,
    // Keeps the private cluster running while the database is in use.
    _cluster: Option<Arc<Cluster>>,
}

impl TestDatabase {
    /// The URL to hand to the code under test.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin_url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name));
        }
    }
}

/// A new empty database, on `JOURNEYLOG_TEST_PG_URL` or on a private cluster.
pub fn fresh_database() -> TestDatabase {
    let (admin_url, cluster) = match std::env::var(PG_URL_ENV) {
        Ok(url) if !url.trim().is_empty() => (url.trim().to_owned(), None),
        _ => {
            let cluster = shared_cluster();
            (cluster.url("postgres"), Some(cluster))
        }
    };
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let name = format!("jl_test_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut client = postgres::Client::connect(&admin_url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test PostgreSQL at {}: {e}", redact(&admin_url)));
    client
        .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        .unwrap_or_else(|e| panic!("cannot create a test database on {}: {e}", redact(&admin_url)));
    TestDatabase { url: with_database(&admin_url, &name), admin_url, name, _cluster: cluster }
}

/// One private cluster per test process, shared by the tests that overlap in time.
fn shared_cluster() -> Arc<Cluster> {
    static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(cluster) = shared.upgrade() {
        return cluster;
    }
    let cluster = Arc::new(Cluster::start().unwrap_or_else(|e| panic!("{e}")));
    *shared = Arc::downgrade(&cluster);
    cluster
}

/// A private PostgreSQL cluster, stopped and deleted on drop.
#[derive(Debug)]
pub struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
    bin: PathBuf,
    as_postgres: bool,
}

impl Cluster {
    /// initdb + pg_ctl start on a free loopback port, trust auth, fsync off (test
    /// data needs no durability, and the tests run much faster without it).
    pub fn start() -> Result<Cluster, String> {
        let bin = pg_bin_dir()?;
        let as_postgres = running_as_root();
        let dir = tempfile::Builder::new().prefix("journeylog-pg-").tempdir().map_err(|e| format!("temp dir: {e}"))?;
        if as_postgres {
            chown_to_postgres(dir.path())?;
        }
        let mut initdb = command(&bin, "initdb", as_postgres);
        initdb.arg("-D").arg(dir.path().join("data")).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ]);
        run(initdb, "initdb")?;
        // Another process may take the free port before PostgreSQL binds it: retry.
        let mut last_error = String::new();
        for _ in 0..3 {
            let port = free_port()?;
            match pg_ctl_start(&bin, dir.path(), port, as_postgres) {
                Ok(()) => return Ok(Cluster { dir, port, bin, as_postgres }),
                Err(e) => last_error = e,
            }
        }
        Err(format!("PostgreSQL did not start: {last_error}"))
    }

    /// The URL of `database` on this cluster, as the `postgres` superuser.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut stop = command(&self.bin, "pg_ctl", self.as_postgres);
        stop.arg("-D").arg(self.dir.path().join("data")).args(["-m", "immediate", "-w", "stop"]);
        let _ = run(stop, "pg_ctl stop");
    }
}

fn pg_ctl_start(bin: &Path, dir: &Path, port: u16, as_postgres: bool) -> Result<(), String> {
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=300",
        dir.display()
    );
    let mut start = command(bin, "pg_ctl", as_postgres);
    start.arg("-D").arg(dir.join("data")).arg("-l").arg(dir.join("log"));
    start.args(["-w", "-t", "60", "-o", &options, "start"]);
    run(start, "pg_ctl start").map_err(|e| {
        let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
        format!("{e}\n--- postgres log ---\n{log}")
    })
}

fn pg_bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var(PG_BIN_ENV) {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    found.retain(|dir| dir.join("initdb").exists());
    found.sort();
    found.pop().ok_or_else(|| {
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install it with \
         `apt-get install postgresql`, or set JOURNEYLOG_TEST_PG_URL to a server where tests may create databases"
            .to_owned()
    })
}

/// The uid this process runs as, without libc: the owner of /proc/self.
fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn chown_to_postgres(dir: &Path) -> Result<(), String> {
    let id = |flag: &str| -> Result<u32, String> {
        let out = Command::new("id").args([flag, "postgres"]).output().map_err(|e| format!("running id: {e}"))?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .map_err(|_| "there is no `postgres` user to run PostgreSQL as (we run as root)".to_owned())
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?)).map_err(|e| format!("chown {}: {e}", dir.display()))
}

fn command(bin: &Path, tool: &str, as_postgres: bool) -> Command {
    let program = bin.join(tool);
    let mut cmd = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    // The postmaster inherits these: never the test harness's pipes.
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

fn run(mut cmd: Command, what: &str) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{what}: cannot run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("finding a free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| format!("finding a free port: {e}"))
}

/// `admin_url` with its database name replaced by `database`.
fn with_database(admin_url: &str, database: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin_url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{database}{query}")
}

/// The URL without a password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_swapped_into_urls() {
        assert_eq!(with_database("postgres://u@h:5/postgres", "x"), "postgres://u@h:5/x");
        assert_eq!(with_database("postgres://u@h:5", "x"), "postgres://u@h:5/x");
        assert_eq!(with_database("postgres://u:p@h/db?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u@h/db");
    }
}
