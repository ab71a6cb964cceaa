//! The commands the UI calls, one per `Journal` method.
//!
//! Each command deserializes its arguments, calls exactly one core method on a
//! blocking thread (the database is never touched on the UI thread or an async
//! worker), and maps the error to the `{code, message, field}` payload the UI
//! branches on. Nothing here decides anything.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use journeylog_core::model::{
    AppInfo, Certification, CertificationInput, CourseworkEntry, CourseworkInput, DateRange, LogItem, OjlEntry,
    OjlInput, Profile, ProfileInput, ProgramChoice, Saved, TemplateInfo, WeekLog,
};
use journeylog_core::progress::Progress;
use journeylog_core::settings::Settings;
use journeylog_core::{ErrorPayload, Journal, programs};
use tauri::State;

pub(crate) type Reply<T> = Result<T, ErrorPayload>;

/// The open logbook, or why it could not be opened (e.g. a newer schema), which every
/// command then reports instead of crashing the window.
#[derive(Debug, Clone)]
pub struct Logbook(Arc<Mutex<Result<Journal, ErrorPayload>>>);

impl Logbook {
    pub fn open(db_path: &std::path::Path) -> Logbook {
        let opened = Journal::open(db_path).map_err(|e| e.to_payload());
        Logbook(Arc::new(Mutex::new(opened)))
    }
}

/// Runs `action` against the journal on the blocking pool.
pub(crate) async fn with_journal<T, F>(logbook: State<'_, Logbook>, action: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Journal) -> journeylog_core::Result<T> + Send + 'static,
{
    let shared = Arc::clone(&logbook.0);
    tauri::async_runtime::spawn_blocking(move || {
        // A panic while holding the lock cannot leave SQLite half-written (the
        // transaction rolls back), so a poisoned lock is safe to keep using.
        let mut guard = shared.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &mut *guard {
            Ok(journal) => action(journal).map_err(|e| e.to_payload()),
            Err(open_error) => Err(open_error.clone()),
        }
    })
    .await
    .map_err(join_error)?
}

/// A blocking task that panicked or was cancelled, as the UI's error payload.
pub(crate) fn join_error(e: tauri::Error) -> ErrorPayload {
    ErrorPayload { code: "internal".into(), message: format!("command failed: {e}"), field: None }
}

#[tauri::command]
pub async fn app_info(logbook: State<'_, Logbook>) -> Reply<AppInfo> {
    with_journal(logbook, |j| Ok(j.app_info(env!("CARGO_PKG_VERSION")))).await
}

#[tauri::command]
pub async fn list_templates() -> Reply<Vec<TemplateInfo>> {
    Ok(programs::templates())
}

#[tauri::command]
pub async fn get_profile(logbook: State<'_, Logbook>) -> Reply<Option<Profile>> {
    with_journal(logbook, |j| j.profile()).await
}

#[tauri::command]
pub async fn create_profile(logbook: State<'_, Logbook>, input: ProfileInput) -> Reply<Profile> {
    with_journal(logbook, move |j| j.create_profile(input)).await
}

#[tauri::command]
pub async fn import_program(logbook: State<'_, Logbook>, path: String) -> Reply<Profile> {
    with_journal(logbook, move |j| j.replace_program(ProgramChoice::File { path })).await
}

#[tauri::command]
pub async fn export_program(logbook: State<'_, Logbook>, path: String) -> Reply<()> {
    with_journal(logbook, move |j| j.export_program(&PathBuf::from(path))).await
}

#[tauri::command]
pub async fn get_progress(logbook: State<'_, Logbook>) -> Reply<Progress> {
    with_journal(logbook, |j| j.progress()).await
}

#[tauri::command]
pub async fn get_week(logbook: State<'_, Logbook>, date: String) -> Reply<WeekLog> {
    with_journal(logbook, move |j| j.week(&date)).await
}

#[tauri::command]
pub async fn list_entries(logbook: State<'_, Logbook>, range: DateRange) -> Reply<Vec<LogItem>> {
    with_journal(logbook, move |j| j.list(range)).await
}

#[tauri::command]
pub async fn recent_entries(logbook: State<'_, Logbook>, limit: u32) -> Reply<Vec<LogItem>> {
    with_journal(logbook, move |j| j.recent(limit)).await
}

#[tauri::command]
pub async fn log_ojl(logbook: State<'_, Logbook>, input: OjlInput) -> Reply<Saved<OjlEntry>> {
    with_journal(logbook, move |j| j.log_ojl(input)).await
}

#[tauri::command]
pub async fn update_ojl(logbook: State<'_, Logbook>, id: String, input: OjlInput) -> Reply<Saved<OjlEntry>> {
    with_journal(logbook, move |j| j.update_ojl(&id, input)).await
}

#[tauri::command]
pub async fn delete_ojl(logbook: State<'_, Logbook>, id: String) -> Reply<()> {
    with_journal(logbook, move |j| j.delete_ojl(&id)).await
}

#[tauri::command]
pub async fn log_coursework(logbook: State<'_, Logbook>, input: CourseworkInput) -> Reply<Saved<CourseworkEntry>> {
    with_journal(logbook, move |j| j.log_coursework(input)).await
}

#[tauri::command]
pub async fn update_coursework(
    logbook: State<'_, Logbook>,
    id: String,
    input: CourseworkInput,
) -> Reply<Saved<CourseworkEntry>> {
    with_journal(logbook, move |j| j.update_coursework(&id, input)).await
}

#[tauri::command]
pub async fn delete_coursework(logbook: State<'_, Logbook>, id: String) -> Reply<()> {
    with_journal(logbook, move |j| j.delete_coursework(&id)).await
}

#[tauri::command]
pub async fn list_coursework(logbook: State<'_, Logbook>, range: DateRange) -> Reply<Vec<CourseworkEntry>> {
    with_journal(logbook, move |j| j.coursework(range)).await
}

#[tauri::command]
pub async fn add_certification(logbook: State<'_, Logbook>, input: CertificationInput) -> Reply<Saved<Certification>> {
    with_journal(logbook, move |j| j.add_certification(input)).await
}

#[tauri::command]
pub async fn update_certification(
    logbook: State<'_, Logbook>,
    id: String,
    input: CertificationInput,
) -> Reply<Saved<Certification>> {
    with_journal(logbook, move |j| j.update_certification(&id, input)).await
}

#[tauri::command]
pub async fn delete_certification(logbook: State<'_, Logbook>, id: String) -> Reply<()> {
    with_journal(logbook, move |j| j.delete_certification(&id)).await
}

#[tauri::command]
pub async fn list_certifications(logbook: State<'_, Logbook>) -> Reply<Vec<Certification>> {
    with_journal(logbook, |j| j.certifications()).await
}

#[tauri::command]
pub async fn submit_entries(logbook: State<'_, Logbook>, range: DateRange) -> Reply<u32> {
    with_journal(logbook, move |j| j.submit(range)).await
}

#[tauri::command]
pub async fn get_settings(logbook: State<'_, Logbook>) -> Reply<Settings> {
    with_journal(logbook, |j| j.settings()).await
}

#[tauri::command]
pub async fn save_settings(logbook: State<'_, Logbook>, settings: Settings) -> Reply<Settings> {
    with_journal(logbook, move |j| j.save_settings(settings)).await
}
