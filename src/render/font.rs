//! The embedded font (DejaVu Sans from the `dejavu` crate) and exact text metrics from ab_glyph,
//! so figures render the same on machines without any system font.

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, Glyph, OutlinedGlyph, PxScale, ScaleFont as _, point};

/// The family name SVG viewers are asked for; `textLength` pins the width whatever they pick.
pub const SVG_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Regular or bold face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        // The bytes are the crate's own DejaVu fonts, known to parse.
        regular: FontRef::try_from_slice(dejavu::sans::regular()).expect("DejaVu Sans parses"),
        bold: FontRef::try_from_slice(dejavu::sans::bold()).expect("DejaVu Sans Bold parses"),
    })
}

fn face(w: Weight) -> &'static FontRef<'static> {
    match w {
        Weight::Regular => &faces().regular,
        Weight::Bold => &faces().bold,
    }
}

/// A text box's measures in pixels at a given size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Advance width, kerning included.
    pub width: f64,
    /// From the top of the box to the baseline.
    pub ascent: f64,
    /// Ascent plus descent: the box height.
    pub height: f64,
}

/// Measures one line of text.
pub fn measure(text: &str, size: f64, w: Weight) -> Metrics {
    let f = face(w).as_scaled(PxScale::from(size as f32));
    let mut width = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            width += f.kern(p, id);
        }
        width += f.h_advance(id);
        prev = Some(id);
    }
    let (ascent, descent) = (f.ascent(), f.descent());
    Metrics { width: f64::from(width), ascent: f64::from(ascent), height: f64::from(ascent - descent) }
}

/// The CSS `font-size` (em size) that draws text as tall as ab_glyph's pixel scale `size`,
/// which spans the font's ascender to descender rather than its em square.
pub fn em_size(size: f64, w: Weight) -> f64 {
    let f = face(w);
    let em = f.units_per_em().unwrap_or(2048.0);
    size * f64::from(em) / f64::from(f.height_unscaled())
}

/// The outlines of a line of text whose baseline starts at (x, y), for rasterising.
pub fn outline(text: &str, size: f64, w: Weight, x: f64, y: f64) -> Vec<OutlinedGlyph> {
    let font = face(w);
    let f = font.as_scaled(PxScale::from(size as f32));
    let mut caret = x as f32;
    let mut prev = None;
    let mut out = Vec::new();
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            caret += f.kern(p, id);
        }
        let glyph: Glyph = id.with_scale_and_position(f.scale(), point(caret, y as f32));
        caret += f.h_advance(id);
        prev = Some(id);
        if let Some(g) = font.outline_glyph(glyph) {
            out.push(g);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider() {
        let a = measure("Qwen", 20.0, Weight::Regular);
        let b = measure("Qwen2.5", 20.0, Weight::Regular);
        assert!(b.width > a.width && a.width > 30.0);
        assert!(measure("Qwen2.5", 20.0, Weight::Bold).width > b.width);
        // DejaVu's ascender-to-descender height is 2384/2048 em.
        assert!((em_size(20.0, Weight::Regular) - 20.0 * 2048.0 / 2384.0).abs() < 0.01);
        // ab_glyph's pixel scale is the height from descender to ascender.
        assert!((a.height - 20.0).abs() < 0.01 && a.ascent > 14.0 && a.ascent < 20.0, "{a:?}");
    }
}
