//! SVG rendering: one element per scene item. Text names DejaVu Sans and pins its width with
//! `textLength`, so a viewer that substitutes another font still keeps labels apart.

use std::io;

use super::{Item, Scene, font};
use crate::xml::Xml;

pub fn render(scene: &Scene) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    write(scene, &mut out).expect("writing SVG into memory");
    out
}

/// Two decimals: sub-pixel precision with short, stable text.
fn n(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

fn write(scene: &Scene, out: &mut Vec<u8>) -> io::Result<()> {
    let mut x = Xml::new(out)?;
    let (w, h) = (scene.width.to_string(), scene.height.to_string());
    let view = format!("0 0 {w} {h}");
    x.start("svg", &[("xmlns", "http://www.w3.org/2000/svg"), ("width", &w), ("height", &h), ("viewBox", &view)])?;
    x.empty("rect", &[("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])?;
    for item in &scene.items {
        match item {
            Item::Line { from, to, colour, width, dash } => {
                let c = colour.to_string();
                let mut a = vec![
                    ("x1", n(from.0)),
                    ("y1", n(from.1)),
                    ("x2", n(to.0)),
                    ("y2", n(to.1)),
                    ("stroke", c),
                    ("stroke-width", n(*width)),
                ];
                if let Some((on, off)) = dash {
                    a.push(("stroke-dasharray", format!("{} {}", n(*on), n(*off))));
                }
                x.empty("line", &pairs(&a))?;
            }
            Item::Circle { centre, radius, colour, hollow } => {
                let c = colour.to_string();
                let mut a = vec![("cx", n(centre.0)), ("cy", n(centre.1)), ("r", n(*radius))];
                if *hollow {
                    a.extend([("fill", "#ffffff".to_string()), ("stroke", c), ("stroke-width", "3".to_string())]);
                } else {
                    a.push(("fill", c));
                }
                x.empty("circle", &pairs(&a))?;
            }
            Item::Polygon { points, fill, opacity } => {
                let at: Vec<String> = points.iter().map(|(x, y)| format!("{},{}", n(*x), n(*y))).collect();
                let a = [("points", at.join(" ")), ("fill", fill.to_string()), ("fill-opacity", n(*opacity))];
                x.empty("polygon", &pairs(&a))?;
            }
            Item::Rect { rect, fill, stroke } => {
                let a = [
                    ("x", n(rect.x0)),
                    ("y", n(rect.y0)),
                    ("width", n(rect.x1 - rect.x0)),
                    ("height", n(rect.y1 - rect.y0)),
                    ("fill", fill.to_string()),
                    ("stroke", stroke.to_string()),
                ];
                x.empty("rect", &pairs(&a))?;
            }
            Item::Image { rect, logo } => {
                // The logo as a data: URI, so the SVG stays one file; an SVG logo stays an SVG
                // (and, as an <image>, a document of its own whose ids cannot clash with ours).
                let href = logo.data_uri();
                let a = [
                    ("x", n(rect.x0)),
                    ("y", n(rect.y0)),
                    ("width", n(rect.x1 - rect.x0)),
                    ("height", n(rect.y1 - rect.y0)),
                    ("href", href),
                ];
                x.empty("image", &pairs(&a))?;
            }
            Item::Group { class, names } => x.start("g", &[("class", class), ("data-names", names)])?,
            Item::End => x.end("g")?,
            Item::Text { pos, text, size, weight, colour } => {
                let m = font::measure(text, *size, *weight);
                let mut a = vec![
                    ("x", n(pos.0)),
                    ("y", n(pos.1 + m.ascent)),
                    ("font-family", font::SVG_FAMILY.to_string()),
                    ("font-size", n(font::em_size(*size, *weight))),
                    ("textLength", n(m.width)),
                    ("lengthAdjust", "spacingAndGlyphs".to_string()),
                    ("fill", colour.to_string()),
                ];
                if *weight == font::Weight::Bold {
                    a.push(("font-weight", "bold".to_string()));
                }
                x.text_element("text", &pairs(&a), text)?;
            }
        }
    }
    x.end("svg")?;
    x.finish()
}

fn pairs<'a>(a: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    a.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
