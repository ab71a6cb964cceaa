//! The `journeylog` binary. All wiring lives in the library so it stays testable.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    journeylog_app::run();
}
