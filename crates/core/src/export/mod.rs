//! Progress summaries that leave the app: a PDF for people, CSV for spreadsheets, a
//! signed JSON bundle that verifies offline, and xAPI statements for a Learning
//! Record Store (DESIGN §6).
//!
//! Every format is written from one [`Snapshot`], read in a single pass over the
//! logbook, so a PDF and the bundle made in the same export describe exactly the
//! same records and the PDF can quote the bundle's hash.

pub mod bundle;
pub mod csv;
mod file;
pub(crate) mod pdf;
mod request;
mod run;
mod snapshot;
pub mod xapi;

pub use request::{ExportFormat, ExportReport, ExportRequest, ExportStage, PdfSections};
pub use snapshot::{ExportEntry, Snapshot};
