//! The progress summary as a PDF, for the people who check an apprenticeship: the
//! sponsor, the registration agency, the next employer (DESIGN §6).
//!
//! Everything is drawn from one [`Snapshot`], so the figures agree with the
//! dashboard and with the signed bundle whose hash the footer quotes. The layout is
//! written by hand on krilla (see docs/pdf.md for why and for the page design):
//! sections lay out onto a display list (`layout`), long tables break across pages
//! with their headers repeated (`tables`), and `render` draws the pages once their
//! count is known.

mod chart;
mod fonts;
mod format;
mod layout;
mod render;
mod sections;
mod tables;

use std::path::{Path, PathBuf};

use super::{ExportStage, PdfSections, Snapshot};
use crate::error::Result;
use layout::Flow;

/// Writes the summary of `snapshot` to `out` (atomically: a failed export leaves
/// no file behind, and an earlier file at `out` stays until the new one is whole).
pub(crate) fn write(
    snapshot: &Snapshot,
    sections: &PdfSections,
    bundle_hash: &str,
    out: &Path,
    progress: &mut dyn FnMut(ExportStage),
) -> Result<Vec<PathBuf>> {
    let bytes = build(snapshot, sections, bundle_hash, progress)?;
    stage(progress, "Saving the PDF", 97);
    super::file::save_bytes(out, &bytes)?;
    Ok(vec![out.to_path_buf()])
}

/// The PDF's bytes.
fn build(
    snapshot: &Snapshot,
    sections: &PdfSections,
    bundle_hash: &str,
    progress: &mut dyn FnMut(ExportStage),
) -> Result<Vec<u8>> {
    let fonts = fonts::Fonts::load()?;
    let mut flow = Flow::new(&fonts);
    stage(progress, "Laying out the summary", 5);
    let contents = sections::cover(&mut flow, snapshot, sections, bundle_hash);
    if sections.work_processes {
        sections::work_processes(&mut flow, snapshot);
    }
    if sections.rti {
        sections::rti(&mut flow, snapshot);
    }
    if sections.certifications {
        sections::certifications(&mut flow, snapshot);
    }
    if sections.signoffs {
        stage(progress, "Listing the sign-offs", 12);
        sections::milestones(&mut flow, snapshot);
        sections::signoffs(&mut flow, snapshot);
    }
    if sections.appendix {
        sections::appendix(&mut flow, snapshot, &mut |done, total| {
            let percent = 15 + (done * 75 / total.max(1)) as u32;
            stage(progress, &format!("Writing the appendix ({done} of {total} entries)"), percent);
        });
    }
    sections::contents(&mut flow, contents);
    stage(progress, "Embedding fonts and writing pages", 92);
    let furniture = sections::furniture(snapshot, bundle_hash);
    let (pages, marks) = flow.finish();
    render::render(&fonts, pages, &marks, &furniture)
}

fn stage(progress: &mut dyn FnMut(ExportStage), label: &str, percent: u32) {
    progress(ExportStage { label: label.to_owned(), percent });
}
