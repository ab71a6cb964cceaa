//! The Export screen's command.
//!
//! A PDF of a long logbook takes a noticeable moment, so the export runs on the blocking
//! pool like every command and reports its stages as `export://progress` events while the
//! command call is still pending; the UI draws them as a progress bar. What is written,
//! and every refusal, is `Journal::export`'s (DESIGN §6).

use journeylog_core::export::{ExportReport, ExportRequest};
use tauri::{AppHandle, Emitter, State};

use crate::commands::{Logbook, Reply, with_journal};

/// Carries an `ExportStage` (`{label, percent}`).
pub const PROGRESS_EVENT: &str = "export://progress";

#[tauri::command]
pub async fn export_logbook(
    app: AppHandle,
    logbook: State<'_, Logbook>,
    request: ExportRequest,
) -> Reply<ExportReport> {
    with_journal(logbook, move |j| {
        // A window that closed mid-export can't hear the stage; the export still finishes.
        j.export(&request, &mut |stage| drop(app.emit(PROGRESS_EVENT, stage)))
    })
    .await
}
