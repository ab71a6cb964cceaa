//! The two faces the summary is set in, and the shaping that both measures and
//! places text.
//!
//! The fonts travel inside the binary so a PDF looks the same on every machine and
//! every viewer (krilla embeds only the glyphs used). They travel brotli-compressed
//! (build.rs), which keeps 0.45 MB out of the binary, and are inflated once per
//! process on the first export. Text is shaped once with
//! rustybuzz, the shaper krilla itself uses, so the width a column is aligned or
//! truncated by is the width that is drawn. Short strings (dates, hours, states,
//! codes) repeat thousands of times in the appendix, so their shapes are kept.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, ShapePlan, UnicodeBuffer, script};

use crate::error::{CoreError, Result};

/// A face's TrueType file as built into the binary (compressed by build.rs), and the
/// file itself once inflated.
struct Packed {
    name: &'static str,
    brotli: &'static [u8],
    ttf: OnceLock<Option<Box<[u8]>>>,
}

impl Packed {
    /// The TrueType bytes, inflated on first use; `None` if the built-in data is damaged.
    fn ttf(&'static self) -> Option<&'static [u8]> {
        self.ttf
            .get_or_init(|| {
                let mut ttf = Vec::with_capacity(self.brotli.len() * 5 / 2);
                brotli::BrotliDecompress(&mut &self.brotli[..], &mut ttf).ok()?;
                Some(ttf.into_boxed_slice())
            })
            .as_deref()
    }
}

static REGULAR: Packed = Packed {
    name: "Liberation Sans",
    brotli: include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Regular.ttf.br")),
    ttf: OnceLock::new(),
};
static BOLD: Packed = Packed {
    name: "Liberation Sans Bold",
    brotli: include_bytes!(concat!(env!("OUT_DIR"), "/LiberationSans-Bold.ttf.br")),
    ttf: OnceLock::new(),
};

/// Strings up to this many bytes are cached once shaped (and once cut to a width).
const CACHE_MAX_LEN: usize = 96;
/// Beyond this many cached strings a face stops caching: a log of unique notes
/// would only fill memory.
const CACHE_MAX_ENTRIES: usize = 20_000;
const ELLIPSIS: &str = "\u{2026}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// A shaped run of text: its glyphs (advances in em) and the text they map back to,
/// which krilla writes as the PDF's ToUnicode map so the text can be copied and searched.
#[derive(Debug)]
pub(super) struct Shaped {
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
    /// Sum of the advances, in em.
    pub advance: f32,
}

impl Shaped {
    pub fn width(&self, size: f32) -> f32 {
        self.advance * size
    }
}

pub(super) struct Face {
    pdf: Font,
    shaper: rustybuzz::Face<'static>,
    plan: ShapePlan,
    upem: f32,
    cache: RefCell<HashMap<String, Rc<Shaped>>>,
    /// `fit` results by text, size and width (as bits).
    fitted: RefCell<HashMap<(String, u32, u32), Rc<Shaped>>>,
    buffer: RefCell<Option<UnicodeBuffer>>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("upem", &self.upem).finish_non_exhaustive()
    }
}

impl Face {
    fn load(packed: &'static Packed) -> Result<Face> {
        let broken = || CoreError::Internal(format!("the embedded font {} does not load", packed.name));
        let data = packed.ttf().ok_or_else(broken)?;
        let pdf = Font::new(data.into(), 0).ok_or_else(broken)?;
        let shaper = rustybuzz::Face::from_slice(data, 0).ok_or_else(broken)?;
        let plan = ShapePlan::new(&shaper, Direction::LeftToRight, Some(script::LATIN), None, &[]);
        let upem = shaper.units_per_em() as f32;
        Ok(Face {
            pdf,
            shaper,
            plan,
            upem,
            cache: RefCell::default(),
            fitted: RefCell::default(),
            buffer: RefCell::default(),
        })
    }

    pub fn pdf(&self) -> &Font {
        &self.pdf
    }

    /// The shaped form of `text`, from the cache when it is short.
    pub fn shape(&self, text: &str) -> Rc<Shaped> {
        if text.len() > CACHE_MAX_LEN {
            return Rc::new(self.shape_uncached(text));
        }
        if let Some(hit) = self.cache.borrow().get(text) {
            return Rc::clone(hit);
        }
        let shaped = Rc::new(self.shape_uncached(text));
        let mut cache = self.cache.borrow_mut();
        if cache.len() < CACHE_MAX_ENTRIES {
            cache.insert(text.to_owned(), Rc::clone(&shaped));
        }
        shaped
    }

    fn shape_uncached(&self, text: &str) -> Shaped {
        let mut buffer = self.buffer.borrow_mut().take().unwrap_or_default();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(script::LATIN);
        let output = rustybuzz::shape_with_plan(&self.shaper, &self.plan, buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut advance = 0.0;
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A cluster ends where the next glyph's begins (left to right only).
            let end = infos[i + 1..].iter().map(|n| n.cluster as usize).find(|&c| c != start).unwrap_or(text.len());
            let x_advance = pos.x_advance as f32 / self.upem;
            advance += x_advance;
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                x_advance,
                pos.x_offset as f32 / self.upem,
                pos.y_offset as f32 / self.upem,
                pos.y_advance as f32 / self.upem,
                start..end,
                None,
            ));
        }
        *self.buffer.borrow_mut() = Some(output.clear());
        Shaped { text: text.to_owned(), glyphs, advance }
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).width(size)
    }

    /// `text` shaped to fit `max_width`, cut at a character and ended with an
    /// ellipsis when it is too long.
    pub fn fit(&self, text: &str, size: f32, max_width: f32) -> Rc<Shaped> {
        let full = self.shape(text);
        if full.width(size) <= max_width {
            return full;
        }
        let key = (text.to_owned(), size.to_bits(), max_width.to_bits());
        if let Some(hit) = self.fitted.borrow().get(&key) {
            return Rc::clone(hit);
        }
        let cut = self.cut(text, &full, size, max_width);
        let mut fitted = self.fitted.borrow_mut();
        if text.len() <= CACHE_MAX_LEN && fitted.len() < CACHE_MAX_ENTRIES {
            fitted.insert(key, Rc::clone(&cut));
        }
        cut
    }

    fn cut(&self, text: &str, full: &Shaped, size: f32, max_width: f32) -> Rc<Shaped> {
        let room = max_width - self.width(ELLIPSIS, size);
        let mut used = 0.0;
        let mut cut = 0;
        for glyph in &full.glyphs {
            used += glyph.x_advance * size;
            if used > room {
                break;
            }
            cut = glyph.text_range.end;
        }
        let kept = text.get(..cut).unwrap_or("").trim_end();
        self.shape(&format!("{kept}{ELLIPSIS}"))
    }

    /// Greedy line breaking at spaces; a word longer than a line is cut to fit.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let space = self.width(" ", size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut width = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(word, size);
            if !line.is_empty() && width + space + w > max_width {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            if !line.is_empty() {
                line.push(' ');
                width += space;
            }
            if w > max_width {
                line.push_str(&self.fit(word, size, max_width).text);
                width = max_width;
            } else {
                line.push_str(word);
                width += w;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[derive(Debug)]
pub(super) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        Ok(Fonts { regular: Face::load(&REGULAR)?, bold: Face::load(&BOLD)? })
    }

    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BOLD, REGULAR};

    #[test]
    fn the_inflated_fonts_are_the_asset_files_unchanged() {
        let regular: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
        let bold: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");
        assert_eq!(REGULAR.ttf(), Some(regular));
        assert_eq!(BOLD.ttf(), Some(bold));
        assert!(REGULAR.brotli.len() < regular.len() / 2, "the built-in data is compressed");
    }
}
