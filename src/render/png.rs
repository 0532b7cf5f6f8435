//! PNG rendering: plotters rasterises the shapes into an RGB buffer, ab_glyph the text (with
//! side bearings and kerning, which plotters' own text path drops), the png crate encodes.

use plotters::backend::{BitMapBackend, DrawingBackend};
use plotters::style::{Color, RGBAColor, ShapeStyle};

use resize::px::RGBA;

use super::{Item, Rect, Scene, font};
use crate::model::{Logo, Rgb};

pub fn render(scene: &Scene) -> Vec<u8> {
    let (w, h) = (scene.width, scene.height);
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let mut b = BitMapBackend::with_buffer(&mut buf, (w, h));
        for item in &scene.items {
            draw(&mut b, item);
        }
        // Drawing into a buffer cannot fail: there is no file behind it.
        b.present().expect("drawing into memory");
    }
    encode(&buf, w, h)
}

fn rgba(c: Rgb, alpha: f64) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, alpha)
}

fn pen(colour: Rgb, width: u32) -> ShapeStyle {
    ShapeStyle { color: rgba(colour, 1.0), filled: false, stroke_width: width }
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

fn draw(b: &mut BitMapBackend, item: &Item) {
    // Errors of an in-memory backend only come from coordinates off the canvas, which
    // plotters clips; there is nothing to report.
    let _ = match item {
        Item::Line { from, to, colour, width, dash } => {
            let style = pen(*colour, width.round().max(1.0) as u32);
            match dash {
                None => b.draw_line(px(*from), px(*to), &style),
                Some((on, off)) => {
                    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
                    let len = dx.hypot(dy);
                    let mut t = 0.0;
                    while t < len {
                        let e = (t + on).min(len);
                        let at = |s: f64| (from.0 + dx * s / len, from.1 + dy * s / len);
                        let _ = b.draw_line(px(at(t)), px(at(e)), &style);
                        t += on + off;
                    }
                    Ok(())
                }
            }
        }
        Item::Circle { centre, radius, colour, hollow } => {
            let r = radius.round().max(1.0) as u32;
            if *hollow {
                let _ = b.draw_circle(px(*centre), r, &pen(Rgb(255, 255, 255), 1), true);
                b.draw_circle(px(*centre), r, &pen(*colour, 3), false)
            } else {
                b.draw_circle(px(*centre), r, &pen(*colour, 1), true)
            }
        }
        Item::Polygon { points, fill, opacity } => {
            let style = ShapeStyle { color: rgba(*fill, *opacity), filled: true, stroke_width: 0 };
            b.fill_polygon(points.iter().map(|p| px(*p)).collect::<Vec<_>>(), &style)
        }
        Item::Rect { rect, fill, stroke } => {
            let (a, z) = (px((rect.x0, rect.y0)), px((rect.x1, rect.y1)));
            let _ = b.draw_rect(a, z, &pen(*fill, 1), true);
            b.draw_rect(a, z, &pen(*stroke, 1), false)
        }
        Item::Image { rect, logo } => {
            composite(b, rect, logo);
            Ok(())
        }
        Item::Group { .. } | Item::End => Ok(()),
        Item::Text { pos, text, size, weight, colour } => {
            let m = font::measure(text, *size, *weight);
            for g in font::outline(text, *size, *weight, pos.0, pos.1 + m.ascent) {
                let bounds = g.px_bounds();
                g.draw(|x, y, coverage| {
                    let p = (bounds.min.x as i32 + x as i32, bounds.min.y as i32 + y as i32);
                    let colour = rgba(*colour, f64::from(coverage.min(1.0))).to_backend_color();
                    let _ = b.draw_pixel(p, colour);
                });
            }
            Ok(())
        }
    };
}

/// Draws the logo at the rectangle's whole pixels and blends it over what is drawn.
fn composite(b: &mut BitMapBackend, rect: &Rect, logo: &Logo) {
    let (w, h) = b.get_size();
    let side = |lo: f64, hi: f64, max: u32| (hi - lo).round().clamp(1.0, f64::from(max)) as usize;
    let (tw, th) = (side(rect.x0, rect.x1, w), side(rect.y0, rect.y1, h));
    if !(rect.x0.is_finite() && rect.y0.is_finite()) {
        return;
    }
    let Some(pixels) = scaled(logo, tw, th) else { return };
    let (x0, y0) = px((rect.x0, rect.y0));
    for (i, p) in pixels.iter().enumerate().filter(|(_, p)| p.a > 0) {
        let at = (x0 + (i % tw) as i32, y0 + (i / tw) as i32);
        let _ = b.draw_pixel(at, RGBAColor(p.r, p.g, p.b, f64::from(p.a) / 255.0).to_backend_color());
    }
}

/// The logo's straight RGBA pixels at `tw` × `th`: a PNG scaled with Lanczos 3 (alpha
/// premultiplied while filtering so transparent pixels do not darken edges), an SVG rasterised
/// at that size by resvg. `None` only for sizes no decoded logo has.
fn scaled(logo: &Logo, tw: usize, th: usize) -> Option<Vec<RGBA<u8>>> {
    match logo {
        Logo::Png { width, height, rgba, .. } => {
            let src: Vec<RGBA<u8>> = rgba.chunks_exact(4).map(|p| RGBA::new(p[0], p[1], p[2], p[3])).collect();
            let mut dst = vec![RGBA::new(0, 0, 0, 0); tw * th];
            let (lw, lh) = (*width as usize, *height as usize);
            let mut resizer = resize::new(lw, lh, tw, th, resize::Pixel::RGBA8P, resize::Type::Lanczos3).ok()?;
            resizer.resize(&src, &mut dst).ok()?;
            Some(dst)
        }
        Logo::Svg { svg, width, height } => {
            use resvg::tiny_skia;
            // The text usvg wrote when the logo was read parses again.
            let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).ok()?;
            let mut pixmap = tiny_skia::Pixmap::new(tw as u32, th as u32)?;
            let scale = tiny_skia::Transform::from_scale((tw as f64 / width) as f32, (th as f64 / height) as f32);
            resvg::render(&tree, scale, &mut pixmap.as_mut());
            Some(
                pixmap
                    .pixels()
                    .iter()
                    .map(|p| {
                        let c = p.demultiply();
                        RGBA::new(c.red(), c.green(), c.blue(), c.alpha())
                    })
                    .collect(),
            )
        }
    }
}

fn encode(rgb: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(png::ColorType::Rgb);
        e.set_depth(png::BitDepth::Eight);
        // Encoding into a Vec cannot fail for a buffer of the declared size.
        let mut writer = e.write_header().expect("PNG header");
        writer.write_image_data(rgb).expect("PNG data");
    }
    out
}
