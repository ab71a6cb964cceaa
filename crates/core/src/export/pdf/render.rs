//! Turns the laid-out pages into a PDF with krilla: the display list, then the
//! running header and the footer, which can only be drawn once the page count is
//! known. Krilla subsets and embeds the fonts and writes the outline and metadata.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use super::fonts::{Fonts, Weight};
use super::layout::{Align, Flow, Ink, LEFT, Mark, Op, PAGE_H, PAGE_W, RIGHT, Style, WIDTH, ink, style};
use crate::error::{CoreError, Result};

/// What every page's header and footer say.
#[derive(Debug, Clone)]
pub(super) struct Furniture {
    pub title: String,
    pub running_left: String,
    pub running_right: String,
    pub generated: String,
    pub bundle_hash: String,
    pub author: String,
}

pub(super) fn render(fonts: &Fonts, pages: Vec<Vec<Op>>, marks: &[Mark], furniture: &Furniture) -> Result<Vec<u8>> {
    let settings = SerializeSettings { xmp_metadata: true, ..SerializeSettings::default() };
    let mut document = Document::new_with(settings);
    let count = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| internal("page size"))?;
        let mut page = document.start_page_with(size);
        let mut surface = page.surface();
        let mut pen = Pen::default();
        for op in ops {
            pen.draw(&mut surface, fonts, op);
        }
        for op in page_chrome(fonts, index, count, furniture) {
            pen.draw(&mut surface, fonts, &op);
        }
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    for mark in marks {
        let dest = krilla::destination::XyzDestination::new(mark.page, Point::from_xy(LEFT, (mark.y - 6.0).max(0.0)));
        outline.push_child(OutlineNode::new(mark.title.clone(), dest));
    }
    document.set_outline(outline);
    let metadata = krilla::metadata::Metadata::new()
        .title(furniture.title.clone())
        .authors(vec![furniture.author.clone()])
        .creator(format!("Journeylog {}", env!("CARGO_PKG_VERSION")))
        .language("en-US".into());
    document.set_metadata(metadata);
    document.finish().map_err(|e| internal(&format!("{e:?}")))
}

fn internal(what: &str) -> CoreError {
    CoreError::Internal(format!("PDF writer: {what}"))
}

/// The header (not on the cover) and footer of page `index` of `count`.
fn page_chrome(fonts: &Fonts, index: usize, count: usize, f: &Furniture) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut text = |s: Style, x: f32, y: f32, align: Align, max: f32, t: &str| {
        let shaped = fonts.face(s.weight).fit(t, s.size, max);
        let x = if align == Align::Right { x - shaped.width(s.size) } else { x };
        ops.push(Flow::text_op(s, x, y, shaped));
    };
    if index > 0 {
        text(style::FOOT, LEFT, 42.0, Align::Left, WIDTH * 0.55, &f.running_left);
        text(style::FOOT, RIGHT, 42.0, Align::Right, WIDTH * 0.43, &f.running_right);
    }
    let page = format!("Page {} of {count}", index + 1);
    let bold_foot = Style { weight: Weight::Bold, ..style::FOOT };
    text(bold_foot, RIGHT, PAGE_H - 44.0, Align::Right, 90.0, &page);
    text(style::FOOT, LEFT, PAGE_H - 44.0, Align::Left, WIDTH - 100.0, &f.generated);
    if !f.bundle_hash.is_empty() {
        text(style::FOOT, LEFT, PAGE_H - 34.0, Align::Left, WIDTH, &format!("Bundle SHA-256: {}", f.bundle_hash));
    }
    if index > 0 {
        ops.push(Op::Line { x1: LEFT, y1: 49.0, x2: RIGHT, y2: 49.0, width: 0.5, ink: ink::RULE, dashed: false });
    }
    ops.push(Op::Line {
        x1: LEFT,
        y1: PAGE_H - 56.0,
        x2: RIGHT,
        y2: PAGE_H - 56.0,
        width: 0.5,
        ink: ink::RULE,
        dashed: false,
    });
    ops
}

fn paint(ink: Ink) -> krilla::paint::Paint {
    rgb::Color::new(ink.0, ink.1, ink.2).into()
}

fn fill(ink: Ink) -> Fill {
    Fill { paint: paint(ink), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

fn stroke(ink: Ink, width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: paint(ink),
        width,
        line_cap: LineCap::Butt,
        dash: dashed.then(|| StrokeDash { array: vec![2.0, 1.5], offset: 0.0 }),
        ..Stroke::default()
    }
}

/// Draws ops, setting fill and stroke only when they change.
#[derive(Debug, Default)]
struct Pen {
    fill: Option<Ink>,
}

impl Pen {
    fn set_fill(&mut self, surface: &mut Surface<'_>, ink: Ink) {
        if self.fill != Some(ink) {
            surface.set_fill(Some(fill(ink)));
            self.fill = Some(ink);
        }
    }

    fn draw(&mut self, surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
        match op {
            Op::Text { x, y, weight, size, ink, shaped } => {
                self.set_fill(surface, *ink);
                let font = fonts.face(*weight).pdf().clone();
                surface.draw_glyphs(Point::from_xy(*x, *y), &shaped.glyphs, font, &shaped.text, *size, false);
            }
            Op::Fill { x, y, w, h, ink } => {
                if let Some(path) = rect_path(*x, *y, *w, *h) {
                    self.set_fill(surface, *ink);
                    surface.draw_path(&path);
                }
            }
            Op::Line { x1, y1, x2, y2, width, ink, dashed } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
                if let Some(path) = pb.finish() {
                    self.stroked(surface, &path, stroke(*ink, *width, *dashed));
                }
            }
            Op::Hatch { x, y, w, h, ink } => self.hatch(surface, *x, *y, *w, *h, *ink),
        }
    }

    fn stroked(&mut self, surface: &mut Surface<'_>, path: &krilla::geom::Path, stroke: Stroke) {
        surface.set_fill(None);
        self.fill = None;
        surface.set_stroke(Some(stroke));
        surface.draw_path(path);
        surface.set_stroke(None);
    }

    /// Diagonal lines 2.4 pt apart inside an outlined box.
    fn hatch(&mut self, surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, ink: Ink) {
        let Some(clip) = rect_path(x, y, w, h) else { return };
        self.set_fill(surface, ink::WHITE);
        surface.draw_path(&clip);
        surface.push_clip_path(&clip, &FillRule::NonZero);
        let mut pb = PathBuilder::new();
        let step = 2.4;
        let mut offset = -h;
        while offset < w {
            pb.move_to(x + offset, y + h);
            pb.line_to(x + offset + h, y);
            offset += step;
        }
        if let Some(lines) = pb.finish() {
            self.stroked(surface, &lines, stroke(ink, 0.7, false));
        }
        surface.pop();
        self.stroked(surface, &clip, stroke(ink, 0.7, false));
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    pb.finish()
}
