//! The parts of the summary, in reading order. Each writes onto the flow from the
//! snapshot alone; `PdfSections` decides which are called (the cover always is).

mod appendix;
mod cover;
mod ojl;
mod rti;
mod signoffs;

pub(super) use appendix::appendix;
pub(super) use cover::{contents, cover};
pub(super) use ojl::work_processes;
pub(super) use rti::{certifications, rti};
pub(super) use signoffs::{milestones, signoffs};

use super::format;
use super::layout::{Flow, LEFT, Style, WIDTH, style};
use super::render::Furniture;
use crate::export::Snapshot;

/// Who sponsors the apprenticeship: the program's own word, else the employer server's name.
pub(super) fn sponsor(snapshot: &Snapshot) -> Option<String> {
    snapshot
        .profile
        .program
        .sponsor
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| snapshot.employer_name.clone().filter(|s| !s.trim().is_empty()))
}

pub(super) fn furniture(snapshot: &Snapshot, bundle_hash: &str) -> Furniture {
    let name = &snapshot.profile.enrollment.apprentice_name;
    Furniture {
        title: format!("Apprenticeship progress summary: {name}"),
        running_left: format!("Progress summary \u{b7} {name}"),
        running_right: snapshot.profile.program.title.clone(),
        generated: format!(
            "Generated {} by Journeylog {} \u{b7} entries {} to {}",
            format::timestamp(&snapshot.generated_at),
            env!("CARGO_PKG_VERSION"),
            snapshot.from,
            snapshot.to
        ),
        bundle_hash: bundle_hash.trim().to_owned(),
        author: name.clone(),
    }
}

/// A muted line of explanation under a heading.
fn note(flow: &mut Flow<'_>, text: &str) {
    flow.paragraph(style::NOTE, LEFT, WIDTH, text);
    flow.gap(6.0);
}

/// Pairs of label and value in `columns` columns, each label small above its value.
fn facts(flow: &mut Flow<'_>, columns: usize, pairs: &[(&str, String)]) {
    let col_w = WIDTH / columns as f32;
    for row in pairs.chunks(columns) {
        let value_style: Style = style::BODY;
        let leading = value_style.size * 1.3;
        let lines: Vec<Vec<String>> = row
            .iter()
            .map(|(_, v)| flow.fonts.face(value_style.weight).wrap(v, value_style.size, col_w - 14.0))
            .collect();
        let height = 12.0 + lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 8.0;
        flow.need(height);
        let top = flow.y;
        for (i, ((label, _), value_lines)) in row.iter().zip(&lines).enumerate() {
            let x = LEFT + i as f32 * col_w;
            flow.text(style::LABEL, x, top + 7.0, &label.to_uppercase());
            for (j, line) in value_lines.iter().enumerate() {
                flow.text(value_style, x, top + 19.0 + j as f32 * leading, line);
            }
        }
        flow.y = top + height;
    }
}
