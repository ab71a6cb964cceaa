//! Tables that run across pages: rows are written one at a time, and a row that
//! does not fit starts a new page with the header row (and the open group's
//! heading) repeated, so every page of a long log can be read on its own.

use super::layout::{Align, Flow, LEFT, Style, WIDTH, ink, style};

const ROW_H: f32 = 14.0;
const LINE_H: f32 = 10.5;
const HEAD_H: f32 = 17.0;
const PAD: f32 = 4.0;
/// From a row's top to its first baseline, for 8.5 pt text in a 14 pt row.
const BASELINE: f32 = 9.6;

#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub title: &'static str,
    /// Points; the last column takes what is left when this is 0.
    pub width: f32,
    pub align: Align,
    /// Wrap long text onto more lines instead of cutting it.
    pub wrap: bool,
}

impl Column {
    pub const fn left(title: &'static str, width: f32) -> Column {
        Column { title, width, align: Align::Left, wrap: false }
    }

    pub const fn right(title: &'static str, width: f32) -> Column {
        Column { title, width, align: Align::Right, wrap: false }
    }

    pub const fn wrapped(title: &'static str, width: f32) -> Column {
        Column { title, width, align: Align::Left, wrap: true }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: style::CELL }
    }

    pub fn bold(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: style::CELL_BOLD }
    }

    pub fn muted(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: style::CELL_MUTED }
    }

    pub fn alert(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: Style { ink: ink::ALERT, ..style::CELL_BOLD } }
    }
}

#[derive(Debug)]
pub(super) struct Table<'c> {
    columns: &'c [Column],
    /// Left edge and width of each column.
    spans: Vec<(f32, f32)>,
    caption: String,
    group: Option<(String, String)>,
    striped: bool,
}

impl<'c> Table<'c> {
    /// Starts a table at the cursor (on a new page unless the header and two rows
    /// fit). `caption` names it on the pages it continues onto.
    pub fn start(flow: &mut Flow<'_>, caption: &str, columns: &'c [Column]) -> Table<'c> {
        let fixed: f32 = columns.iter().map(|c| c.width).sum();
        let mut x = LEFT;
        let spans = columns
            .iter()
            .map(|c| {
                let w = if c.width > 0.0 { c.width } else { (WIDTH - fixed).max(20.0) };
                let span = (x, w);
                x += w;
                span
            })
            .collect();
        let table = Table { columns, spans, caption: caption.to_owned(), group: None, striped: false };
        flow.need(HEAD_H + 2.0 * ROW_H);
        table.header(flow);
        table
    }

    fn header(&self, flow: &mut Flow<'_>) {
        let top = flow.y;
        for (col, &(x, w)) in self.columns.iter().zip(&self.spans) {
            flow.text_in(style::HEAD, x + PAD, top + 11.0, w - 2.0 * PAD, col.align, col.title);
        }
        flow.y = top + HEAD_H;
        flow.line(LEFT, flow.y, LEFT + WIDTH, flow.y, 0.8, ink::ACCENT);
    }

    /// Makes room for `height`; on a new page, repeats the caption, the header and
    /// the open group's heading.
    fn room(&mut self, flow: &mut Flow<'_>, height: f32) {
        if flow.need(height) {
            if !self.caption.is_empty() {
                let caption = format!("{} (continued)", self.caption);
                flow.text(style::NOTE, LEFT, flow.y + 8.0, &caption);
                flow.gap(14.0);
            }
            self.header(flow);
            if let Some((left, right)) = self.group.clone() {
                self.group_row(flow, &format!("{left} (continued)"), &right);
            }
        }
    }

    fn lines(&self, flow: &Flow<'_>, cells: &[Cell]) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(self.columns.iter().zip(&self.spans))
            .map(|(cell, (col, &(_, w)))| {
                if col.wrap {
                    flow.fonts.face(cell.style.weight).wrap(&cell.text, cell.style.size, w - 2.0 * PAD)
                } else {
                    vec![cell.text.clone()]
                }
            })
            .collect()
    }

    fn draw_cells(&self, flow: &mut Flow<'_>, top: f32, cells: &[Cell], lines: &[Vec<String>]) {
        for ((cell, cell_lines), (col, &(x, w))) in cells.iter().zip(lines).zip(self.columns.iter().zip(&self.spans)) {
            for (i, line) in cell_lines.iter().enumerate() {
                let baseline = top + BASELINE + i as f32 * LINE_H;
                flow.text_in(cell.style, x + PAD, baseline, w - 2.0 * PAD, col.align, line);
            }
        }
    }

    /// One row; cells beyond the columns are ignored, missing ones are blank.
    pub fn row(&mut self, flow: &mut Flow<'_>, cells: &[Cell]) {
        let lines = self.lines(flow, cells);
        let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = ROW_H + (count - 1) as f32 * LINE_H;
        self.room(flow, height);
        let top = flow.y;
        if self.striped {
            flow.fill(LEFT, top, WIDTH, height, ink::STRIPE);
        }
        self.striped = !self.striped;
        self.draw_cells(flow, top, cells, &lines);
        flow.y = top + height;
    }

    /// A group heading across the table (a week in the appendix), kept with the
    /// row after it and repeated when the group runs onto another page.
    pub fn group(&mut self, flow: &mut Flow<'_>, left: &str, right: &str) {
        self.group = None;
        self.room(flow, ROW_H + 2.0 + 2.0 * ROW_H);
        self.group_row(flow, left, right);
        self.group = Some((left.to_owned(), right.to_owned()));
    }

    fn group_row(&mut self, flow: &mut Flow<'_>, left: &str, right: &str) {
        let top = flow.y + 2.0;
        flow.fill(LEFT, top, WIDTH, ROW_H, ink::BAND);
        flow.text_in(style::CELL_BOLD, LEFT + PAD, top + BASELINE, WIDTH * 0.6, Align::Left, left);
        let right_box = WIDTH * 0.4 - 2.0 * PAD;
        flow.text_in(style::CELL, LEFT + WIDTH * 0.6 + PAD, top + BASELINE, right_box, Align::Right, right);
        flow.y = top + ROW_H;
        self.striped = false;
    }

    /// A closing row in bold under a rule.
    pub fn total(&mut self, flow: &mut Flow<'_>, cells: &[Cell]) {
        self.group = None;
        self.room(flow, ROW_H + 2.0);
        flow.line(LEFT, flow.y, LEFT + WIDTH, flow.y, 0.8, ink::TEXT);
        let lines = self.lines(flow, cells);
        let top = flow.y + 1.0;
        self.draw_cells(flow, top, cells, &lines);
        flow.y = top + ROW_H;
    }

    pub fn finish(self, flow: &mut Flow<'_>) {
        flow.line(LEFT, flow.y, LEFT + WIDTH, flow.y, 0.5, ink::RULE);
        flow.gap(10.0);
    }
}
