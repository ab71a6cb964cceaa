//! The sync commands: the network ones go to the sync thread, the local ones
//! (conflicts, refused changes) straight to the logbook like every other command.

use journeylog_core::sync::{AttentionItem, ConflictChoice, SyncConflict, SyncReport, SyncStatus};
use tauri::State;

use crate::commands::{Logbook, Reply, with_journal};
use crate::sync_worker::SyncWorker;

/// Runs a request to the sync thread on the blocking pool, so no async worker waits on it.
async fn with_worker<T, F>(worker: State<'_, SyncWorker>, action: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&SyncWorker) -> Reply<T> + Send + 'static,
{
    let worker = worker.inner().clone();
    tauri::async_runtime::spawn_blocking(move || action(&worker)).await.map_err(crate::commands::join_error)?
}

#[tauri::command]
pub async fn sync_status(logbook: State<'_, Logbook>) -> Reply<SyncStatus> {
    with_journal(logbook, |j| j.sync_status()).await
}

#[tauri::command]
pub async fn sync_connect(
    worker: State<'_, SyncWorker>,
    server_url: String,
    code: String,
    device_name: String,
) -> Reply<SyncStatus> {
    with_worker(worker, move |w| w.connect(server_url, code, device_name)).await
}

#[tauri::command]
pub async fn sync_now(worker: State<'_, SyncWorker>) -> Reply<SyncReport> {
    with_worker(worker, |w| w.sync_now()).await
}

#[tauri::command]
pub async fn sync_disconnect(worker: State<'_, SyncWorker>) -> Reply<()> {
    with_worker(worker, |w| w.disconnect()).await
}

#[tauri::command]
pub async fn sync_conflicts(logbook: State<'_, Logbook>) -> Reply<Vec<SyncConflict>> {
    with_journal(logbook, |j| j.sync_conflicts()).await
}

#[tauri::command]
pub async fn sync_resolve_conflict(
    logbook: State<'_, Logbook>,
    kind: String,
    record_id: String,
    choice: ConflictChoice,
) -> Reply<()> {
    with_journal(logbook, move |j| j.resolve_conflict(&kind, &record_id, choice)).await
}

#[tauri::command]
pub async fn sync_attention(logbook: State<'_, Logbook>) -> Reply<Vec<AttentionItem>> {
    with_journal(logbook, |j| j.sync_attention()).await
}

#[tauri::command]
pub async fn sync_dismiss_attention(logbook: State<'_, Logbook>, mutation_id: String) -> Reply<()> {
    with_journal(logbook, move |j| j.dismiss_attention(&mutation_id)).await
}
