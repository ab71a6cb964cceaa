//! WebKitGTK settings for the main window, applied once at start-up.
//!
//! Journeylog's pages are forms, tables and small SVG charts: nothing that gains from
//! WebKitGTK's accelerated compositing. Where there is no usable GPU (virtual machines,
//! remote desktops, Xvfb) WebKit composites through software GL, which made the first
//! painted dashboard several times slower and cost about 120 MB more memory
//! (docs/benchmarks.md, "Desktop app"). So the webview's hardware-acceleration policy is
//! set to Never, unless the user set `WEBKIT_DISABLE_COMPOSITING_MODE` themselves: WebKit
//! then follows the variable (`0` keeps compositing on, anything else turns it off).
//!
//! Note for WebDriver clients: without compositing, WebKitWebDriver's Take Screenshot
//! waits for the page's next painted frame, so on an idle page it never returns. The
//! real-window tests make the page paint while they take one (tests/e2e/lib/ui.mjs).

/// The environment variable through which the user keeps control of compositing.
pub const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns accelerated compositing off in the window's webview unless the user chose
/// otherwise. The setting is applied on the main thread, before the page's first frame
/// when called from the app's setup.
#[cfg(target_os = "linux")]
pub fn prefer_software_rendering<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    if std::env::var_os(COMPOSITING_ENV).is_some() {
        return;
    }
    let result = window.with_webview(|platform| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&platform.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(err) = result {
        // Not fatal: the app works with compositing on, only slower to start.
        eprintln!("journeylog: cannot set the webview's hardware-acceleration policy: {err}");
    }
}

/// Elsewhere than Linux the platform's default rendering is kept.
#[cfg(not(target_os = "linux"))]
pub fn prefer_software_rendering<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) {}
