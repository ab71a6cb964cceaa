//! The `journeylog` binary. All wiring lives in the library so it stays testable.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    prefer_software_compositing();
    journeylog_app::run();
}

/// Journeylog's pages are forms, tables and small SVG charts: nothing that gains from
/// WebKitGTK's accelerated compositing, which on machines without a usable GPU (VMs,
/// remote desktops, Xvfb) renders through software GL and made the first paint about
/// 3x slower and cost about 120 MB more memory (docs/benchmarks.md). So compositing is
/// off unless the user has chosen otherwise by setting the variable themselves
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns it back on).
fn prefer_software_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        // SAFETY: this runs first in `main`, before the app or any library has started
        // a thread, so nothing can be reading the environment concurrently.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(VAR, "1");
        }
    }
}
