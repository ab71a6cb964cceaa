//! The first page: who, in which program, sponsored by whom, over which dates, and
//! where they stand, so a reader who turns no further still has the answer.

use super::super::format::{date, hm, hours, percent, thousands, timestamp};
use super::super::layout::{Align, BOTTOM, Flow, Ink, LEFT, Op, RIGHT, Style, WIDTH, ink, style};
use super::{facts, sponsor};
use crate::export::{PdfSections, Snapshot};
use crate::model::Approach;

/// Where the contents list goes, filled in once the sections have been laid out.
#[derive(Debug, Clone, Copy)]
pub(in super::super) struct Contents {
    page: usize,
    y: f32,
}

const CONTENTS_LINE: f32 = 14.0;

pub(in super::super) fn cover(
    flow: &mut Flow<'_>,
    snapshot: &Snapshot,
    sections: &PdfSections,
    bundle_hash: &str,
) -> Contents {
    let program = &snapshot.profile.program;
    let enrollment = &snapshot.profile.enrollment;
    let p = &snapshot.progress;
    let kicker = Style { ink: ink::ACCENT, size: 8.5, ..style::LABEL };
    flow.text(kicker, LEFT, flow.y + 8.0, "APPRENTICESHIP PROGRESS SUMMARY");
    flow.gap(40.0);
    flow.text(style::TITLE, LEFT, flow.y, &enrollment.apprentice_name);
    flow.gap(12.0);
    flow.paragraph(Style { size: 13.0, ..style::BODY }, LEFT, WIDTH, &program.title);
    let approach = match program.approach {
        Approach::TimeBased => "Time-based",
        Approach::CompetencyBased => "Competency-based",
        Approach::Hybrid => "Hybrid",
    };
    let line = format!("{} \u{b7} program {}, revision {}", program.occupation, program.id, program.revision);
    flow.paragraph(style::NOTE, LEFT, WIDTH, &line);
    flow.gap(10.0);
    flow.rule(ink::RULE, 0.5);
    flow.gap(10.0);

    facts(
        flow,
        3,
        &[
            ("Sponsor", sponsor(snapshot).unwrap_or_else(|| "Not recorded".into())),
            ("Enrollment start", date(enrollment.start_date)),
            ("Entries in this summary", format!("{} to {}", date(snapshot.from), date(snapshot.to))),
            ("Approach", format!("{approach} ({} OJL hours)", thousands(u64::from(program.term_hours)))),
            ("Progress as of", date(p.as_of)),
            ("Generated", timestamp(&snapshot.generated_at)),
        ],
    );
    flow.gap(4.0);
    overall(flow, snapshot);
    glance(flow, snapshot);
    standing(flow, snapshot);

    flow.subsection("Contents", 40.0);
    let lines = [sections.work_processes, sections.rti, sections.certifications, sections.signoffs, sections.signoffs]
        .iter()
        .filter(|on| **on)
        .count()
        + usize::from(sections.appendix);
    let contents = Contents { page: flow.page(), y: flow.y };
    flow.gap(lines as f32 * CONTENTS_LINE + 8.0);
    verification_note(flow, bundle_hash);
    if let Some(notice) = program.notice.as_deref().filter(|n| !n.trim().is_empty()) {
        notice_box(flow, notice);
    }
    contents
}

/// The overall share of the term, as a figure and a bar.
fn overall(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let o = &snapshot.progress.overall;
    let pending = o.ojl_minutes.saturating_sub(o.approved_minutes);
    flow.subsection("Overall progress", 70.0);
    let top = flow.y;
    let big = Style { size: 30.0, ..style::H1 };
    let w = flow.text(big, LEFT, top + 28.0, &percent(o.percent));
    let x = LEFT + w + 14.0;
    let headline = format!("{} of {} of on-the-job learning logged", hm(o.ojl_minutes), hours(o.term_minutes / 60));
    flow.text(style::BODY_BOLD, x, top + 13.0, &headline);
    let detail = format!(
        "{} approved or credited ({}) \u{b7} {} logged, not yet approved",
        hm(o.approved_minutes),
        percent(o.approved_percent),
        hm(pending)
    );
    flow.text(style::NOTE, x, top + 27.0, &detail);
    let y = top + 40.0;
    let scale = WIDTH / o.term_minutes.max(1) as f32;
    let approved_w = (o.approved_minutes as f32 * scale).min(WIDTH);
    let pending_w = (pending as f32 * scale).min(WIDTH - approved_w);
    flow.fill(LEFT, y, WIDTH, 12.0, ink::BAND);
    flow.fill(LEFT, y, approved_w, 12.0, ink::ACCENT);
    flow.hatch(LEFT + approved_w, y, pending_w, 12.0, ink::ACCENT);
    let legend = "Solid: approved by a mentor or prior credit. Hatched: logged, not yet approved. \
                  Pale: still to do.";
    flow.text(Style { size: 7.5, ..style::NOTE }, LEFT, y + 22.0, legend);
    flow.y = y + 32.0;
}

/// Four key figures in boxes.
fn glance(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let p = &snapshot.progress;
    let per_week = p.pace.ojl_minutes_per_week.round().max(0.0) as u32;
    let boxes = [
        ("OJL logged", hm(p.ojl.total_minutes), format!("of {} in the term", hours(p.overall.term_minutes / 60))),
        ("Approved", hm(p.overall.approved_minutes), format!("{} of the term", percent(p.overall.approved_percent))),
        (
            "Related instruction",
            hm(p.rti.total_minutes),
            format!("of {} of courses", hours(p.rti.program_minutes / 60)),
        ),
        (
            "Pace, last 8 weeks",
            format!("{} a week", hm(per_week)),
            format!("{} in 8 weeks", hm(p.pace.ojl_minutes_last_8_weeks)),
        ),
    ];
    flow.need(56.0);
    let top = flow.y + 4.0;
    let gap = 8.0;
    let w = (WIDTH - gap * 3.0) / 4.0;
    for (i, (label, value, sub)) in boxes.iter().enumerate() {
        let x = LEFT + i as f32 * (w + gap);
        flow.fill(x, top, w, 48.0, ink::STRIPE);
        flow.line(x, top, x + w, top, 1.2, ink::ACCENT);
        flow.text(style::LABEL, x + 8.0, top + 13.0, &label.to_uppercase());
        flow.text(Style { size: 15.0, ..style::BODY_BOLD }, x + 8.0, top + 30.0, value);
        flow.text_in(Style { size: 7.5, ..style::NOTE }, x + 8.0, top + 42.0, w - 12.0, Align::Left, sub);
    }
    flow.y = top + 60.0;
}

/// Wage steps, probation and the projected end of the term.
fn standing(flow: &mut Flow<'_>, snapshot: &Snapshot) {
    let p = &snapshot.progress;
    let current = p.wage.current.as_ref().map_or_else(
        || "None reached yet".to_owned(),
        |s| format!("{}: {}% of the journeyworker rate", s.label, s.percent),
    );
    let next = match &p.wage.next {
        None => "None: the top step is reached".to_owned(),
        Some(s) => {
            let mut text = format!("{} ({}%), {}", s.label, s.percent, s.trigger);
            if let Some(m) = p.wage.minutes_needed {
                text.push_str(&format!("; {} to go", hm(m)));
            }
            if let Some(d) = p.wage.projected_date {
                text.push_str(&format!("; projected {}", date(d)));
            }
            text
        }
    };
    let probation = match (p.probation.completed, p.probation.ends_on) {
        (true, Some(d)) => format!("Completed {} ({})", date(d), p.probation.description),
        (true, None) => format!("Completed ({})", p.probation.description),
        (false, Some(d)) => format!("Projected to end {} ({})", date(d), p.probation.description),
        (false, None) => format!("{}; no recent hours to project from", p.probation.description),
    };
    let completion = p
        .projected_completion
        .map_or_else(|| "No recent hours to project from".to_owned(), |d| format!("Projected {}", date(d)));
    facts(
        flow,
        2,
        &[
            ("Current wage step", current),
            ("Next wage step", next),
            ("Probation", probation),
            ("Completion of the term", completion),
        ],
    );
}

fn verification_note(flow: &mut Flow<'_>, bundle_hash: &str) {
    let mut text = "About the signatures: each approval in this summary is a mentor's Ed25519 signature over \
                    the exact entries it covers. Every signature was checked against the employer's registry \
                    of mentor keys when this summary was generated; an entry edited after its sign-off is \
                    flagged and not counted as approved."
        .to_owned();
    if !bundle_hash.trim().is_empty() {
        text.push_str(
            " The signed JSON bundle whose SHA-256 is printed at the foot of every page holds the same \
             records, signatures and keys, so anyone can check them again offline with `jlog verify`.",
        );
    }
    flow.paragraph(style::NOTE, LEFT, WIDTH, &text);
    flow.gap(8.0);
}

/// The program's own caveat (a template's hours are illustrative), boxed at the foot.
fn notice_box(flow: &mut Flow<'_>, notice: &str) {
    let s = Style { size: 8.0, ..style::NOTE };
    let lines = flow.fonts.face(s.weight).wrap(notice, s.size, WIDTH - 20.0);
    let height = 16.0 + lines.len() as f32 * 11.0;
    flow.need(height);
    let top = flow.y.max(BOTTOM - height);
    flow.fill(LEFT, top, WIDTH, height, ink::STRIPE);
    flow.line(LEFT, top, LEFT, top + height, 2.0, ink::RULE);
    for (i, line) in lines.iter().enumerate() {
        let st = if i == 0 { Style { ink: ink::TEXT, ..s } } else { s };
        flow.text(st, LEFT + 10.0, top + 14.0 + i as f32 * 11.0, line);
    }
    flow.y = top + height;
}

/// Writes the contents list reserved on the cover: each section and its page.
pub(in super::super) fn contents(flow: &mut Flow<'_>, at: Contents) {
    let leader = Ink(0xb0, 0xb5, 0xba);
    let marks = flow.marks().to_vec();
    for (i, mark) in marks.iter().enumerate() {
        let baseline = at.y + 9.0 + i as f32 * CONTENTS_LINE;
        let title = flow.shape(style::BODY, &mark.title);
        let title_w = title.width(style::BODY.size);
        flow.push_on(at.page, Flow::text_op(style::BODY, LEFT, baseline, title));
        let page = flow.shape(style::BODY, &(mark.page + 1).to_string());
        let page_w = page.width(style::BODY.size);
        flow.push_on(at.page, Flow::text_op(style::BODY, RIGHT - page_w, baseline, page));
        flow.push_on(
            at.page,
            Op::Line {
                x1: LEFT + title_w + 6.0,
                y1: baseline,
                x2: RIGHT - page_w - 6.0,
                y2: baseline,
                width: 0.6,
                ink: leader,
                dashed: true,
            },
        );
    }
}
