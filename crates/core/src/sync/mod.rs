//! The client side of journeylog-sync v1 (DESIGN §4).
//!
//! The logbook is the source of truth for the apprentice's own records; the server
//! is where they meet the employer and the apprentice's other devices. So a round is
//! *push, then pull*: local changes go first, in outbox order, and only once the
//! server has settled them does the device take in what others wrote.
//!
//! Nothing here deletes data on a failure. The outbox row of a change is removed
//! only in the transaction that records the server's answer to it; a refused
//! change moves to the "needs attention" list; a change that collides with another
//! device's becomes a conflict that keeps both versions. A round that dies halfway
//! (network, crash, kill -9) leaves the outbox and the pull cursor consistent, and
//! the next round resumes: the server answers retried seqs from its stored results.
//!
//! [`Syncer`] owns its own database connection so that a slow network round never
//! holds up the UI's reads and writes, which go through [`crate::Journal`].

mod backoff;
mod http;
mod local;
pub(crate) mod mentor_key;
mod model;
mod pull;
mod push;
mod statement;
mod vault;

pub use http::ServerUrl;
pub(crate) use http::os_tls;
pub use model::{AttentionItem, ConflictChoice, SyncConflict, SyncPhase, SyncReport, SyncStatus};
pub use vault::{DeviceToken, TOKEN_STORE_ENV, TokenStore, TokenVault};

pub(crate) use local::{attention, conflicts, dismiss_attention, resolve_conflict, status};

use std::path::Path;

use journeylog_proto::{EnrollRequest, codes};

use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::store::sync_state::{self, SyncState};
use http::{HttpClient, HttpError};

/// Runs sync rounds for one logbook.
#[derive(Debug)]
pub struct Syncer {
    store: Store,
    vault: TokenVault,
    data_dir: std::path::PathBuf,
}

impl Syncer {
    /// Opens the logbook at `db_path` for syncing, beside any other open handle.
    pub fn open(db_path: &Path) -> Result<Syncer> {
        let store = Store::open(db_path)?;
        let data_dir = db_path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Syncer { store, vault: TokenVault::for_data_dir(&data_dir), data_dir })
    }

    pub fn status(&mut self) -> Result<SyncStatus> {
        self.store.read(status)
    }

    /// Enrolls this device with an employer server using a one-time code, and keeps
    /// the token it gets in the keychain (never in the database). Does not sync:
    /// call [`Syncer::sync`] next.
    pub fn connect(&mut self, server_url: &str, code: &str, device_name: &str) -> Result<SyncStatus> {
        let server = ServerUrl::parse(server_url).map_err(|message| CoreError::invalid("server_url", message))?;
        let code = code.trim();
        if code.is_empty() {
            return Err(CoreError::invalid("code", "the enrollment code is empty: ask your employer's admin for one"));
        }
        if let Some(existing) = self.store.read(sync_state::state)? {
            return Err(CoreError::invalid(
                "server_url",
                format!("this logbook is already connected to {}", existing.server_url),
            ));
        }
        let client = HttpClient::new(server.clone());
        let request = EnrollRequest { code: code.to_owned(), device_name: device_name.trim().to_owned() };
        let enrolled = client.enroll(&request).map_err(|e| match e {
            HttpError::Problem(p) if p.code == codes::ENROLLMENT_CODE_INVALID => CoreError::invalid("code", p.detail),
            other => to_core_error(other),
        })?;
        self.vault.store(&enrolled.client_id, &DeviceToken::new(enrolled.token.clone()))?;
        self.store.write(|tx| {
            let state = SyncState {
                server_url: server.as_str().to_owned(),
                client_id: enrolled.client_id.clone(),
                employer_id: enrolled.employer_id.clone(),
                employer_name: enrolled.employer_name.clone(),
                user_id: enrolled.user_id.clone(),
                user_name: enrolled.user_name.clone(),
                role: enrolled.role.as_str().to_owned(),
                seq_offset: sync_state::seq_offset_for_new_connection(tx)?,
                cursor: None,
                connected_at: crate::store::now_timestamp(),
                last_synced_at: None,
                last_error_code: None,
                last_error: None,
                failures: 0,
                next_attempt_at: None,
            };
            crate::store::sent::forget_all(tx)?;
            sync_state::insert_state(tx, &state)
        })?;
        if enrolled.role == journeylog_proto::Role::Mentor {
            let token = DeviceToken::new(enrolled.token.clone());
            let key =
                mentor_key::make_and_register(&self.data_dir, &client, &token, &enrolled.client_id, &enrolled.user_id)?;
            // Known at once, so this device's own sign-offs verify before its first pull.
            self.store.write(|tx| crate::store::signoffs::put_key(tx, &key, 1))?;
        }
        self.status()
    }

    /// Whether the background loop should run a round now: connected, and not
    /// inside the backoff window after failures.
    pub fn is_due(&mut self) -> Result<bool> {
        let Some(state) = self.store.read(sync_state::state)? else { return Ok(false) };
        Ok(backoff::is_due(state.next_attempt_at.as_deref()))
    }

    /// One round: push every pending change, then pull everything new.
    ///
    /// A failure is recorded (for the header and the backoff) and returned; the
    /// changes stay in the outbox for the next round.
    pub fn sync(&mut self) -> Result<SyncReport> {
        let state = self.store.read(sync_state::state)?.ok_or(CoreError::NotConnected)?;
        let server = ServerUrl::parse(&state.server_url).map_err(|m| CoreError::invalid("server_url", m))?;
        let client = HttpClient::new(server);
        let (token, _) = self.vault.load(&state.client_id)?;
        let mut report = SyncReport::default();
        let outcome = push::push_all(&mut self.store, &client, &token, &state, &mut report)
            .and_then(|()| pull::pull_all(&mut self.store, &client, &token, &state, &mut report))
            .and_then(|()| statement::refresh(&mut self.store, &client, &token, &state));
        match outcome {
            Ok(()) => {
                self.store.write(sync_state::record_success)?;
                Ok(report)
            }
            Err(error) => {
                let message = error.to_string();
                self.store.write(|tx| {
                    let failures_so_far = sync_state::state(tx)?.map_or(0, |s| s.failures);
                    let next = backoff::next_attempt(failures_so_far + 1);
                    sync_state::record_failure(tx, error.code(), &message, &next).map(|_| ())
                })?;
                Err(error)
            }
        }
    }

    /// Forgets the server and this device's token; the log itself stays.
    pub fn disconnect(&mut self) -> Result<()> {
        let Some(state) = self.store.read(sync_state::state)? else { return Ok(()) };
        self.vault.forget(&state.client_id)?;
        TokenVault::for_signing_key(&self.data_dir).forget(&state.client_id)?;
        self.store.write(|tx| {
            tx.execute("DELETE FROM sync_state WHERE id = 1", [])?;
            crate::store::sent::forget_all(tx)?;
            Ok(())
        })
    }
}

fn to_core_error(error: HttpError) -> CoreError {
    match error {
        HttpError::Offline(reason) => CoreError::Offline { reason },
        HttpError::Problem(p) => CoreError::Server { code: p.code, message: p.detail },
        HttpError::Protocol(message) => CoreError::Server { code: "protocol".into(), message },
        HttpError::Untrusted(reason) => CoreError::invalid(
            "server",
            format!(
                "the server's certificate is not trusted by this computer ({reason}); if your employer uses its own \
                 certificate authority, it must be added to the system's trusted certificates"
            ),
        ),
    }
}

#[cfg(test)]
mod tests;
