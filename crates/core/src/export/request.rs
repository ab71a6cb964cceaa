//! What a front end asks an export for, and what it gets back. The desktop app and
//! `jlog export` build the same [`ExportRequest`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::DateRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    /// The progress summary for people (DESIGN §6).
    Pdf,
    /// One row per entry, plus a summary per work process.
    Csv,
    /// The signed portable bundle that `jlog verify` checks offline.
    Json,
    /// xAPI 2.0 statements, as a JSON array (and optionally posted to an LRS).
    Xapi,
}

/// Which parts of the PDF to include; all of them by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PdfSections {
    pub work_processes: bool,
    pub rti: bool,
    pub certifications: bool,
    pub signoffs: bool,
    pub appendix: bool,
}

impl Default for PdfSections {
    fn default() -> Self {
        PdfSections { work_processes: true, rti: true, certifications: true, signoffs: true, appendix: true }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub format: ExportFormat,
    /// Entries dated in this range; empty ends are open.
    #[serde(default)]
    pub range: DateRange,
    /// The file to write. Formats that write more than one file derive the other
    /// names from this one (see [`ExportReport::files`]).
    pub out_path: String,
    /// PDF only.
    #[serde(default)]
    pub sections: PdfSections,
}

/// Where an export is, for a progress bar on long exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportStage {
    /// A short label such as "Reading the logbook" or "Writing the appendix".
    pub label: String,
    /// 0 to 100.
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub format: ExportFormat,
    /// Every file written, the main one first.
    pub files: Vec<String>,
    /// Size of the main file.
    pub bytes: u64,
    /// OJL and coursework entries included.
    pub entries: u32,
    /// The SHA-256 (hex) of the signed bundle these records make, printed on the PDF
    /// so a PDF can be matched to its proof.
    pub bundle_hash: String,
}
