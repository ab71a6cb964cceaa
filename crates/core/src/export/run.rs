//! [`Journal::export`]: one door for every format, so the app and the CLI make the
//! same files from the same request.

use std::path::PathBuf;

use super::{ExportFormat, ExportReport, ExportRequest, ExportStage};
use crate::error::{CoreError, Result};
use crate::journal::Journal;

impl Journal {
    /// Writes the export `request` asks for, reporting its stages to `progress`.
    pub fn export(&mut self, request: &ExportRequest, progress: &mut dyn FnMut(ExportStage)) -> Result<ExportReport> {
        let out = PathBuf::from(request.out_path.trim());
        if out.as_os_str().is_empty() {
            return Err(CoreError::invalid("out_path", "choose a file to export to"));
        }
        progress(ExportStage { label: "Reading the logbook".into(), percent: 0 });
        let snapshot = self.export_snapshot(request.range.clone())?;
        // Every format quotes the hash of the bundle these records make, so any
        // export can be matched to its proof.
        let bundle = super::bundle::build(self, &snapshot)?;
        let bundle_hash = bundle.bundle_hash.clone();
        // Each format helper writes its files and returns their paths, the main one first.
        let files: Vec<PathBuf> = match request.format {
            ExportFormat::Pdf => super::pdf::write(&snapshot, &request.sections, &bundle_hash, &out, progress)?,
            ExportFormat::Csv => super::csv::write(&snapshot, &out)?,
            ExportFormat::Json => super::bundle::write(&bundle, &out)?,
            ExportFormat::Xapi => super::xapi::write(self, &snapshot, &request.range, &out)?,
        };
        let bytes = files.first().and_then(|f| std::fs::metadata(f).ok()).map_or(0, |m| m.len());
        progress(ExportStage { label: "Done".into(), percent: 100 });
        Ok(ExportReport {
            format: request.format,
            files: files.iter().map(|f| f.display().to_string()).collect(),
            bytes,
            entries: u32::try_from(snapshot.entries.len()).unwrap_or(u32::MAX),
            bundle_hash,
        })
    }
}
