//! A simulated laptop for sync tests: a real logbook file in its own folder, driven
//! through the same `Journal` and `Syncer` the app and the CLI use.

use std::collections::BTreeMap;
use std::path::PathBuf;

use journeylog_core::model::{DateRange, LogItem, OjlInput, ProfileInput, ProgramChoice};
use journeylog_core::sync::Syncer;
use journeylog_core::{CoreError, Journal};
use journeylog_proto::content_hash;
use serde_json::Value;
use tempfile::TempDir;

/// The fingerprint of one live record: its version and the SHA-256 of its canonical JSON.
pub type Fingerprint = BTreeMap<(String, String), (u32, String)>;

#[derive(Debug)]
pub struct Device {
    dir: TempDir,
}

impl Default for Device {
    fn default() -> Self {
        Device::new()
    }
}

impl Device {
    pub fn new() -> Device {
        Device { dir: tempfile::tempdir().expect("device folder") }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("journeylog.sqlite3")
    }

    pub fn folder(&self) -> PathBuf {
        self.dir.path().to_owned()
    }

    pub fn journal(&self) -> Journal {
        Journal::open(&self.db()).expect("open the device's logbook")
    }

    pub fn syncer(&self) -> Syncer {
        Syncer::open(&self.db()).expect("open the device's logbook for sync")
    }

    /// Creates the apprentice's profile on the bundled MRA phase 1 template.
    pub fn create_profile(&self, name: &str, start: &str) {
        self.journal()
            .create_profile(ProfileInput {
                apprentice_name: name.into(),
                program: ProgramChoice::Template { id: "mra-phase-1".into() },
                start_date: start.into(),
                prior_ojl_hours: String::new(),
                prior_rti_hours: String::new(),
            })
            .expect("create the profile");
    }

    /// Logs OJL hours; returns the new entry's id.
    pub fn log(&self, date: &str, hours: &str, process: &str) -> Result<String, CoreError> {
        let saved = self.journal().log_ojl(OjlInput {
            date: date.into(),
            hours: hours.into(),
            work_process: process.into(),
            note: format!("{hours} h on {process}"),
            site: String::new(),
            supervisor: String::new(),
            prior_credit: false,
        })?;
        Ok(saved.record.id)
    }

    /// Changes an OJL entry's hours (and its note, to say so), keeping the rest.
    pub fn edit_hours(&self, id: &str, hours: &str) {
        let mut journal = self.journal();
        let old = journal.ojl_entry(id).expect("the entry to edit");
        journal
            .update_ojl(
                id,
                OjlInput {
                    date: old.date.to_string(),
                    hours: hours.into(),
                    work_process: old.work_process,
                    note: format!("edited to {hours}"),
                    site: old.site,
                    supervisor: old.supervisor,
                    prior_credit: old.prior_credit,
                },
            )
            .expect("edit the entry");
    }

    pub fn connect(&self, server_url: &str, code: &str) {
        self.syncer().connect(server_url, code, "test device").expect("connect");
    }

    /// A new, empty device of `user_id`, connected to `server` with a code minted for
    /// it by the admin command; not synced yet.
    pub fn enrolled(server: &crate::server::ServerProcess, user_id: &str) -> Device {
        let code = server.admin(&["enroll-code", "--user", user_id]);
        let device = Device::new();
        device.connect(&server.base_url(), code["code"].as_str().expect("the admin command prints a code"));
        device
    }

    /// Every live OJL entry, coursework entry and certification, fingerprinted.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut journal = self.journal();
        let mut out = Fingerprint::new();
        let all = DateRange { from: String::new(), to: String::new() };
        for item in journal.list(all).unwrap_or_default() {
            let (kind, value) = match &item {
                LogItem::Ojl(e) => ("ojl_entry", serde_json::to_value(e)),
                LogItem::Coursework(c) => ("coursework_entry", serde_json::to_value(c)),
            };
            insert(&mut out, kind, &value.expect("record as JSON"));
        }
        for cert in journal.certifications().expect("certifications") {
            insert(&mut out, "certification", &serde_json::to_value(&cert).expect("certification as JSON"));
        }
        out
    }
}

fn insert(out: &mut Fingerprint, kind: &str, record: &Value) {
    let id = record["id"].as_str().expect("record id").to_owned();
    let version = record["version"].as_u64().expect("record version") as u32;
    out.insert((kind.to_owned(), id), (version, content_hash(record)));
}

/// The live apprentice records in a journeylog-server SQLite database, fingerprinted
/// the same way, straight from the server's file.
pub fn server_fingerprint(server_db: &std::path::Path, owner_id: &str) -> Fingerprint {
    let conn = rusqlite::Connection::open(server_db).expect("open the server's database");
    let mut stmt = conn
        .prepare(
            "SELECT kind, payload FROM record
             WHERE owner_id = ?1 AND deleted = 0 AND kind IN ('ojl_entry', 'coursework_entry', 'certification')",
        )
        .expect("query the server's records");
    let rows = stmt
        .query_map([owner_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("read the server's records");
    let mut out = Fingerprint::new();
    for row in rows {
        let (kind, payload) = row.expect("server record");
        insert(&mut out, &kind, &serde_json::from_str(&payload).expect("server payload is JSON"));
    }
    out
}
