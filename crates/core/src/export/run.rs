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
        progress(ExportStage { label: "Hashing the records".into(), percent: 3 });
        // Every format quotes the hash of the bundle these records make, so any export
        // can be matched to its proof; only the JSON format needs the bundle itself.
        // Each format helper writes its files and returns their paths, the main one first.
        let (files, bundle_hash): (Vec<PathBuf>, String) = match request.format {
            ExportFormat::Json => {
                let bundle = super::bundle::build(self, &snapshot)?;
                (super::bundle::write(&bundle, &out)?, bundle.bundle_hash)
            }
            ExportFormat::Pdf => {
                let hash = super::bundle::hash_of(self, &snapshot)?;
                (super::pdf::write(&snapshot, &request.sections, &hash, &out, progress)?, hash)
            }
            ExportFormat::Csv => {
                let hash = super::bundle::hash_of(self, &snapshot)?;
                (super::csv::write(&snapshot, &out)?, hash)
            }
            ExportFormat::Xapi => {
                let hash = super::bundle::hash_of(self, &snapshot)?;
                (super::xapi::write(self, &snapshot, &request.range, &out)?, hash)
            }
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
