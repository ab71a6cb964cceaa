//! Brotli-compresses the PDF export's fonts into OUT_DIR.
//!
//! The two Liberation Sans faces are 0.8 MB of TrueType that the desktop binary and
//! `jlog` carry for the PDF summary; compressed they are 0.38 MB. The export inflates
//! them once per process (`export/pdf/fonts.rs`), with the brotli decoder Tauri already
//! links for the UI's assets. The bytes it gets back are the asset files unchanged.

use std::path::PathBuf;

const FONTS: [&str; 2] = ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"];

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| panic!("cargo sets OUT_DIR")));
    for name in FONTS {
        let path = format!("assets/fonts/{name}");
        println!("cargo::rerun-if-changed={path}");
        let ttf = std::fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        // Quality 9 takes well under a second in an unoptimized build script; 10 and 11
        // save another 7 % but take about 9 s per face there.
        let params =
            brotli::enc::BrotliEncoderParams { quality: 9, lgwin: 22, size_hint: ttf.len(), ..Default::default() };
        let mut packed = Vec::with_capacity(ttf.len() / 2);
        brotli::BrotliCompress(&mut ttf.as_slice(), &mut packed, &params)
            .unwrap_or_else(|e| panic!("compress {path}: {e}"));
        let target = out_dir.join(format!("{name}.br"));
        std::fs::write(&target, packed).unwrap_or_else(|e| panic!("write {}: {e}", target.display()));
    }
}
