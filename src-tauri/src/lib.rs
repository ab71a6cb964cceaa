//! The Journeylog desktop shell: plugins, managed state and the command list.
//!
//! The shell holds no logic of its own (DESIGN §3): every rule lives in journeylog-core and
//! the commands only adapt calls. This file wires things together and should stay short.

mod bench;
mod commands;
mod export_commands;
mod paths;
mod review_commands;
mod sync_commands;
mod sync_worker;
mod webview;

pub use bench::{BenchClock, PAINT_FILE_ENV};
pub use paths::{AppPaths, DATA_DIR_ENV, DB_FILE_NAME};

use tauri::Manager;

/// Builds and runs the app; returns when the last window closes.
pub fn run() {
    // Read the clock first, so start-up benchmarks see as much of the start as possible.
    let clock = BenchClock::start();

    let mut builder = tauri::Builder::default();
    // One instance per user profile: a second launch focuses the first. Tests and
    // benchmarks set JOURNEYLOG_DATA_DIR and run isolated instances next to a real one,
    // so they skip this (the plugin's D-Bus name is per app, not per data dir).
    if std::env::var_os(DATA_DIR_ENV).is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }));
    }
    let result = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(clock)
        .setup(|app| {
            // First, so the setting reaches WebKit before the page's first frame.
            if let Some(window) = app.get_webview_window("main") {
                webview::prefer_software_rendering(&window);
            }
            let paths = AppPaths::resolve(app.handle())?;
            app.manage(commands::Logbook::open(&paths.db_path));
            app.manage(sync_worker::SyncWorker::start(app.handle().clone(), paths.db_path.clone()));
            app.manage(paths);
            let _ = app.state::<BenchClock>().mark("setup");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_templates,
            commands::get_profile,
            commands::create_profile,
            commands::import_program,
            commands::export_program,
            commands::get_progress,
            commands::get_week,
            commands::list_entries,
            commands::recent_entries,
            commands::log_ojl,
            commands::update_ojl,
            commands::delete_ojl,
            commands::log_coursework,
            commands::update_coursework,
            commands::delete_coursework,
            commands::list_coursework,
            commands::add_certification,
            commands::update_certification,
            commands::delete_certification,
            commands::list_certifications,
            commands::submit_entries,
            commands::get_settings,
            commands::save_settings,
            sync_commands::sync_status,
            sync_commands::sync_connect,
            sync_commands::sync_now,
            sync_commands::sync_disconnect,
            sync_commands::sync_conflicts,
            sync_commands::sync_resolve_conflict,
            sync_commands::sync_attention,
            sync_commands::sync_dismiss_attention,
            review_commands::get_reviews,
            review_commands::amend_ojl,
            review_commands::amend_coursework,
            review_commands::request_milestone_signoff,
            review_commands::milestone_requests,
            review_commands::mentor_apprentices,
            review_commands::review_queue,
            review_commands::review_decide,
            review_commands::sign_milestone,
            review_commands::sign_competency,
            export_commands::export_logbook,
            bench::bench_painted,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("journeylog: {err}");
        std::process::exit(1);
    }
}

fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
