//! The page flow: a cursor that moves down US Letter pages and breaks to a new page
//! when the next block does not fit, recording what to draw as a display list.
//!
//! Drawing is deferred (see `render.rs`) because the footer says "Page 3 of 12" and
//! the cover lists where each section starts: neither is known until everything
//! has been laid out.

use std::rc::Rc;

use super::fonts::{Fonts, Shaped, Weight};

pub(super) const PAGE_W: f32 = 612.0;
pub(super) const PAGE_H: f32 = 792.0;
pub(super) const LEFT: f32 = 54.0;
pub(super) const RIGHT: f32 = PAGE_W - 54.0;
pub(super) const WIDTH: f32 = RIGHT - LEFT;
/// Content starts below the running header and ends above the footer.
pub(super) const TOP: f32 = 76.0;
pub(super) const BOTTOM: f32 = PAGE_H - 70.0;
/// The cover has no running header.
pub(super) const COVER_TOP: f32 = 60.0;

/// A colour as red, green, blue. The palette is mostly greys and one dark blue that
/// prints as a dark grey, so the document reads the same in black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ink(pub u8, pub u8, pub u8);

pub(super) mod ink {
    use super::Ink;
    pub const TEXT: Ink = Ink(0x1b, 0x1f, 0x24);
    pub const MUTED: Ink = Ink(0x5a, 0x61, 0x6b);
    pub const ACCENT: Ink = Ink(0x1d, 0x3b, 0x5c);
    pub const RULE: Ink = Ink(0xa6, 0xac, 0xb3);
    pub const HAIRLINE: Ink = Ink(0xd4, 0xd8, 0xdc);
    pub const BAND: Ink = Ink(0xe9, 0xec, 0xef);
    pub const STRIPE: Ink = Ink(0xf5, 0xf6, 0xf7);
    pub const WHITE: Ink = Ink(0xff, 0xff, 0xff);
    pub const ALERT: Ink = Ink(0x8a, 0x1c, 0x1c);
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    pub weight: Weight,
    pub size: f32,
    pub ink: Ink,
}

pub(super) mod style {
    use super::super::fonts::Weight::{Bold, Regular};
    use super::{Style, ink};
    pub const TITLE: Style = Style { weight: Bold, size: 26.0, ink: ink::TEXT };
    pub const H1: Style = Style { weight: Bold, size: 15.0, ink: ink::ACCENT };
    pub const H2: Style = Style { weight: Bold, size: 10.5, ink: ink::TEXT };
    pub const BODY: Style = Style { weight: Regular, size: 9.5, ink: ink::TEXT };
    pub const BODY_BOLD: Style = Style { weight: Bold, size: 9.5, ink: ink::TEXT };
    pub const NOTE: Style = Style { weight: Regular, size: 8.5, ink: ink::MUTED };
    pub const CELL: Style = Style { weight: Regular, size: 8.5, ink: ink::TEXT };
    pub const CELL_BOLD: Style = Style { weight: Bold, size: 8.5, ink: ink::TEXT };
    pub const CELL_MUTED: Style = Style { weight: Regular, size: 8.5, ink: ink::MUTED };
    pub const HEAD: Style = Style { weight: Bold, size: 7.5, ink: ink::MUTED };
    pub const LABEL: Style = Style { weight: Bold, size: 7.5, ink: ink::MUTED };
    pub const FOOT: Style = Style { weight: Regular, size: 7.0, ink: ink::MUTED };
}

/// One thing to draw. Coordinates are points from the top-left corner; text sits on
/// its baseline.
#[derive(Debug)]
pub(super) enum Op {
    Text {
        x: f32,
        y: f32,
        weight: Weight,
        size: f32,
        ink: Ink,
        shaped: Rc<Shaped>,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        ink: Ink,
        dashed: bool,
    },
    /// An outlined box filled with diagonal hatching: "pending" in the charts.
    Hatch {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
}

/// A section start, for the PDF outline and the cover's contents.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

#[derive(Debug)]
pub(super) struct Flow<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The cursor: where the next block starts, from the top of the page.
    pub y: f32,
    marks: Vec<Mark>,
}

impl<'f> Flow<'f> {
    /// A flow on its first page (the cover).
    pub fn new(fonts: &'f Fonts) -> Flow<'f> {
        Flow { fonts, pages: vec![Vec::new()], y: COVER_TOP, marks: Vec::new() }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Index of the page being written.
    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    /// Breaks to a new page unless `height` more points fit; says whether it broke.
    pub fn need(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
            true
        } else {
            false
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Adds `op` to an earlier page (the cover's contents, filled in at the end).
    pub fn push_on(&mut self, page: usize, op: Op) {
        if let Some(p) = self.pages.get_mut(page) {
            p.push(op);
        }
    }

    pub fn shape(&self, style: Style, text: &str) -> Rc<Shaped> {
        self.fonts.face(style.weight).shape(text)
    }

    pub fn width(&self, style: Style, text: &str) -> f32 {
        self.fonts.face(style.weight).width(text, style.size)
    }

    pub fn text_op(style: Style, x: f32, y: f32, shaped: Rc<Shaped>) -> Op {
        Op::Text { x, y, weight: style.weight, size: style.size, ink: style.ink, shaped }
    }

    /// Draws `text` with its left edge at `x`; returns its width.
    pub fn text(&mut self, style: Style, x: f32, baseline: f32, text: &str) -> f32 {
        let shaped = self.shape(style, text);
        let width = shaped.width(style.size);
        self.push(Self::text_op(style, x, baseline, shaped));
        width
    }

    /// Draws `text` cut to `max_width`, aligned in the box `x..x + max_width`.
    pub fn text_in(&mut self, style: Style, x: f32, baseline: f32, max_width: f32, align: Align, text: &str) {
        if text.is_empty() {
            return;
        }
        let shaped = self.fonts.face(style.weight).fit(text, style.size, max_width);
        let x = match align {
            Align::Left => x,
            Align::Right => x + max_width - shaped.width(style.size),
        };
        self.push(Self::text_op(style, x, baseline, shaped));
    }

    /// Draws `text` with its right edge at `right`.
    pub fn text_right(&mut self, style: Style, right: f32, baseline: f32, text: &str) {
        let shaped = self.shape(style, text);
        let x = right - shaped.width(style.size);
        self.push(Self::text_op(style, x, baseline, shaped));
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, ink: Ink) {
        self.push(Op::Fill { x, y, w, h, ink });
    }

    pub fn hatch(&mut self, x: f32, y: f32, w: f32, h: f32, ink: Ink) {
        if w > 0.2 {
            self.push(Op::Hatch { x, y, w, h, ink });
        }
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, ink: Ink) {
        self.push(Op::Line { x1, y1, x2, y2, width, ink, dashed: false });
    }

    pub fn dashed(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, ink: Ink) {
        self.push(Op::Line { x1, y1, x2, y2, width, ink, dashed: true });
    }

    /// A horizontal rule across the text block at the cursor.
    pub fn rule(&mut self, ink: Ink, width: f32) {
        let y = self.y;
        self.line(LEFT, y, RIGHT, y, width, ink);
    }

    /// A section heading, started on a fresh page when less than `keep` points
    /// would follow it on this one; recorded for the outline and the contents.
    pub fn section(&mut self, title: &str, keep: f32) {
        self.need(40.0 + keep);
        if self.y > TOP {
            self.gap(14.0);
        }
        let baseline = self.y + style::H1.size;
        self.text(style::H1, LEFT, baseline, title);
        self.marks.push(Mark { title: title.to_owned(), page: self.page(), y: self.y });
        self.y = baseline + 7.0;
        self.line(LEFT, self.y, RIGHT, self.y, 1.2, ink::ACCENT);
        self.gap(12.0);
    }

    /// A smaller heading inside a section, kept with `keep` points of what follows.
    pub fn subsection(&mut self, title: &str, keep: f32) {
        self.need(24.0 + keep);
        self.gap(6.0);
        let baseline = self.y + style::H2.size;
        self.text(style::H2, LEFT, baseline, title);
        self.y = baseline + 7.0;
    }

    /// Wrapped text across `width` points from `x`, moving the cursor below it.
    pub fn paragraph(&mut self, style: Style, x: f32, width: f32, text: &str) {
        let leading = style.size * 1.38;
        for line in self.fonts.face(style.weight).wrap(text, style.size, width) {
            self.need(leading);
            let baseline = self.y + style.size;
            self.text(style, x, baseline, &line);
            self.y += leading;
        }
    }

    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    pub fn finish(self) -> (Vec<Vec<Op>>, Vec<Mark>) {
        (self.pages, self.marks)
    }
}
