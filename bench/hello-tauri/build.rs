//! Generates the Tauri context at compile time.
fn main() {
    tauri_build::build();
}
