//! The bar chart of hours per work process. Approved hours are solid and pending
//! hours hatched, and the standard's minimum is a solid tick (the hybrid maximum a
//! dashed one), so the chart needs no colour to be read from a photocopy.

use super::format::{hm, hours, thousands};
use super::layout::{Align, BOTTOM, Flow, LEFT, RIGHT, Style, TOP, WIDTH, ink, style};

#[derive(Debug, Clone)]
pub(super) struct Bar {
    pub code: String,
    pub title: String,
    pub approved_minutes: u32,
    pub pending_minutes: u32,
    pub min_hours: u32,
    pub max_hours: Option<u32>,
}

const ROW_H: f32 = 31.0;
const BAR_H: f32 = 9.0;
/// Room right of the bars for the approved and pending figures.
const FIGURES_W: f32 = 138.0;
const AXIS_H: f32 = 12.0;

const SMALL: Style = Style { size: 7.5, ..style::CELL_MUTED };

/// A round step for the axis that gives at most six ticks.
fn axis_step(max_hours: f32) -> u32 {
    let candidates = [10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000];
    candidates.into_iter().find(|&s| max_hours / s as f32 <= 6.0).unwrap_or(100_000)
}

pub(super) fn bars(flow: &mut Flow<'_>, bars: &[Bar]) {
    if bars.is_empty() {
        return;
    }
    let max_minutes = bars
        .iter()
        .map(|b| {
            let standard = b.max_hours.unwrap_or(0).max(b.min_hours) * 60;
            standard.max(b.approved_minutes + b.pending_minutes)
        })
        .max()
        .unwrap_or(60)
        .max(60) as f32;
    let track = WIDTH - FIGURES_W;
    let scale = track / max_minutes;
    let step = axis_step(max_minutes / 60.0);
    let ticks: Vec<u32> = (0..).map(|i| i * step).take_while(|&h| (h * 60) as f32 <= max_minutes).collect();
    flow.need((20.0 + bars.len() as f32 * ROW_H + AXIS_H).min(BOTTOM - TOP));
    legend(flow);
    // As many rows as fit on each page, each chunk with its own axis.
    let mut rest = bars;
    while !rest.is_empty() {
        flow.need(ROW_H + AXIS_H);
        let fit = (((BOTTOM - flow.y - AXIS_H) / ROW_H).floor() as usize).clamp(1, rest.len());
        let (chunk, tail) = rest.split_at(fit);
        for bar in chunk {
            row(flow, bar, &ticks, scale);
        }
        axis(flow, &ticks, scale);
        rest = tail;
    }
    flow.gap(8.0);
}

fn legend(flow: &mut Flow<'_>) {
    let y = flow.y;
    let mut x = LEFT;
    flow.fill(x, y + 1.0, 12.0, 7.0, ink::ACCENT);
    x += 16.0;
    x += flow.text(SMALL, x, y + 7.5, "Approved (verified sign-off)") + 14.0;
    flow.hatch(x, y + 1.0, 12.0, 7.0, ink::ACCENT);
    x += 16.0;
    x += flow.text(SMALL, x, y + 7.5, "Logged, not yet approved") + 14.0;
    flow.line(x + 4.0, y - 0.5, x + 4.0, y + 9.5, 1.4, ink::TEXT);
    x += 10.0;
    x += flow.text(SMALL, x, y + 7.5, "Standard minimum") + 14.0;
    flow.dashed(x + 4.0, y - 0.5, x + 4.0, y + 9.5, 1.0, ink::TEXT);
    x += 10.0;
    flow.text(SMALL, x, y + 7.5, "Maximum (hybrid)");
    flow.y = y + 20.0;
}

fn row(flow: &mut Flow<'_>, bar: &Bar, ticks: &[u32], scale: f32) {
    let top = flow.y;
    let logged = bar.approved_minutes + bar.pending_minutes;
    let standard = match bar.max_hours {
        Some(max) => format!("{}\u{2013}{}", thousands(u64::from(bar.min_hours)), hours(max)),
        None => hours(bar.min_hours),
    };
    let summary = format!("{} logged of {standard}", hm(logged));
    let summary_w = flow.width(style::CELL, &summary);
    flow.text_right(style::CELL, RIGHT, top + 9.0, &summary);
    let code_w = flow.text(style::CELL_BOLD, LEFT, top + 9.0, &bar.code) + 5.0;
    let title_room = WIDTH - code_w - summary_w - 12.0;
    flow.text_in(style::CELL, LEFT + code_w, top + 9.0, title_room, Align::Left, &bar.title);

    let y = top + 14.0;
    let approved_w = bar.approved_minutes as f32 * scale;
    let pending_w = bar.pending_minutes as f32 * scale;
    let min_x = LEFT + (bar.min_hours * 60) as f32 * scale;
    // The stretch still to go up to the minimum, as a pale band, over faint guides
    // at the axis's hour marks.
    for &h in ticks.iter().skip(1) {
        let x = LEFT + (h * 60) as f32 * scale;
        flow.line(x, y - 1.5, x, y + BAR_H + 1.5, 0.3, ink::HAIRLINE);
    }
    flow.fill(LEFT, y, (min_x - LEFT).max(0.0), BAR_H, ink::BAND);
    if approved_w > 0.0 {
        flow.fill(LEFT, y, approved_w, BAR_H, ink::ACCENT);
    }
    flow.hatch(LEFT + approved_w, y, pending_w, BAR_H, ink::ACCENT);
    if bar.min_hours > 0 {
        flow.line(min_x, y - 2.5, min_x, y + BAR_H + 2.5, 1.4, ink::TEXT);
    }
    if let Some(max) = bar.max_hours {
        let max_x = LEFT + (max * 60) as f32 * scale;
        flow.dashed(max_x, y - 2.5, max_x, y + BAR_H + 2.5, 1.0, ink::TEXT);
    }
    let figures = format!("{} approved \u{b7} {} pending", hm(bar.approved_minutes), hm(bar.pending_minutes));
    flow.text_right(SMALL, RIGHT, y + 7.0, &figures);
    flow.y = top + ROW_H;
}

/// Hour marks under the bars.
fn axis(flow: &mut Flow<'_>, ticks: &[u32], scale: f32) {
    let y = flow.y;
    for &h in ticks {
        let x = LEFT + (h * 60) as f32 * scale;
        let label = if h == 0 { "0".to_owned() } else { hours(h) };
        let w = flow.width(SMALL, &label);
        flow.text(SMALL, (x - w / 2.0).max(LEFT), y + 6.0, &label);
    }
    flow.y = y + AXIS_H;
}
