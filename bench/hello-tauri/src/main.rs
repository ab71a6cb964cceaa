//! A hello-world Tauri 2 app with the same window, plugins-free, and the same
//! `bench_painted` hook as Journeylog: the baseline for DESIGN §7's start-up and memory
//! budgets, built and measured in the same run by scripts/bench-app.sh.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../../../src-tauri/src/bench.rs"]
mod bench;

fn main() {
    let clock = bench::BenchClock::start();
    let result = tauri::Builder::default()
        .manage(clock)
        .invoke_handler(tauri::generate_handler![bench::bench_painted])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("hello-tauri: {err}");
        std::process::exit(1);
    }
}
