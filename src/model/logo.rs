//! An organisation's logo: a PNG or an SVG named in data/logos.csv, checked and decoded once.
//! A PNG is kept as the file's bytes (the SVG figures embed them) and its RGBA pixels (the PNG
//! renderer composites them); an SVG as usvg wrote it back after parsing (its colour applied,
//! nothing external, no script), which the SVG figures embed and resvg rasterises for the PNG.

use std::sync::Arc;

use super::Rgb;

/// The largest logo file read, in bytes.
pub const MAX_LOGO_BYTES: u64 = 256 * 1024;
/// The largest width or height of a PNG logo, in pixels: it is drawn about 26 px tall.
pub const MAX_LOGO_SIDE: u32 = 512;
/// The widest a logo may be for its height (and the tallest for its width).
pub const MAX_LOGO_ASPECT: u32 = 4;
/// What a logo file must be, for messages.
pub const LOGO_EXPECTED: &str =
    "an SVG image, or a PNG image of at most 512 × 512 pixels, no more than 4 times as wide as tall or as tall as wide";

/// A decoded logo. Clones share the bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Logo {
    Png {
        /// The PNG file as read.
        png: Arc<[u8]>,
        width: u32,
        height: u32,
        /// Straight (not premultiplied) RGBA, 8 bits per channel, rows from the top.
        rgba: Arc<[u8]>,
    },
    Svg {
        /// The SVG as usvg wrote it back: paths and gradients only, colour applied.
        svg: Arc<str>,
        /// Its size in user units.
        width: f64,
        height: f64,
    },
}

/// Why bytes are not a usable logo.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LogoError {
    #[error("not a PNG image this tool can read ({0})")]
    NotPng(String),
    #[error("not an SVG image this tool can read ({0})")]
    NotSvg(String),
    #[error("{width} × {height} pixels; expected {LOGO_EXPECTED}")]
    BadSize { width: u32, height: u32 },
}

/// Whether a logo of `width` × `height` is within [`MAX_LOGO_ASPECT`]:1 both ways.
fn square_enough(width: f64, height: f64) -> bool {
    let max = f64::from(MAX_LOGO_ASPECT);
    width > 0.0 && height > 0.0 && width <= height * max && height <= width * max
}

impl Logo {
    /// Checks and decodes PNG bytes: any colour type and bit depth, the first frame of an
    /// animation, at most [`MAX_LOGO_SIDE`] pixels a side and [`MAX_LOGO_ASPECT`]:1.
    pub fn decode(bytes: &[u8]) -> Result<Logo, LogoError> {
        let bad = |e: png::DecodingError| LogoError::NotPng(crate::diag::cut(&e.to_string(), 80).into_owned());
        // The allocation limit stops a small file that claims huge dimensions before it allocates.
        let limits = png::Limits { bytes: (MAX_LOGO_SIDE * MAX_LOGO_SIDE * 8) as usize };
        let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
        decoder.set_transformations(png::Transformations::normalize_to_color8() | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().map_err(bad)?;
        let (width, height) = reader.info().size();
        if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE || !square_enough(f64::from(width), f64::from(height)) {
            return Err(LogoError::BadSize { width, height });
        }
        let size = reader.output_buffer_size().ok_or(LogoError::BadSize { width, height })?;
        let mut buf = vec![0; size];
        let frame = reader.next_frame(&mut buf).map_err(bad)?;
        buf.truncate(frame.buffer_size());
        let rgba: Vec<u8> = match frame.color_type {
            png::ColorType::Rgba => buf,
            png::ColorType::GrayscaleAlpha => buf.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
            // EXPAND and ALPHA give one of the two above for every PNG colour type.
            other => return Err(LogoError::NotPng(format!("unexpected colour type {other:?} after decoding"))),
        };
        if rgba.len() != (width * height * 4) as usize {
            return Err(LogoError::NotPng("truncated image data".into()));
        }
        Ok(Logo::Png { png: bytes.into(), width, height, rgba: rgba.into() })
    }

    /// Parses SVG bytes with usvg and writes them back: what is kept is what resvg draws
    /// (no script, no text, no external or embedded image: nothing is fetched or read). A
    /// monochrome icon (simple-icons draws in the default black, lobehub's in `currentColor`)
    /// takes `colour`; icons with colours of their own keep them.
    pub fn decode_svg(bytes: &[u8], colour: Option<Rgb>) -> Result<Logo, LogoError> {
        let bad = |e: String| LogoError::NotSvg(crate::diag::cut(&e, 80).into_owned());
        let text = std::str::from_utf8(bytes).map_err(|e| bad(e.to_string()))?;
        let none =
            usvg::ImageHrefResolver { resolve_data: Box::new(|_, _, _| None), resolve_string: Box::new(|_, _| None) };
        let opt = usvg::Options {
            image_href_resolver: none,
            style_sheet: colour.map(|c| format!("svg {{ fill: {c}; color: {c} }}")),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(text, &opt).map_err(|e| bad(e.to_string()))?;
        let size = tree.size();
        let (width, height) = (f64::from(size.width()), f64::from(size.height()));
        if !square_enough(width, height) {
            return Err(LogoError::BadSize { width: width.round() as u32, height: height.round() as u32 });
        }
        if !tree.root().has_children() {
            return Err(bad("it draws nothing".into()));
        }
        let write = usvg::WriteOptions { indent: usvg::Indent::None, ..usvg::WriteOptions::default() };
        Ok(Logo::Svg { svg: tree.to_string(&write).into(), width, height })
    }

    /// Width over height.
    pub fn aspect(&self) -> f64 {
        match self {
            Logo::Png { width, height, .. } => f64::from(*width) / f64::from(*height),
            Logo::Svg { width, height, .. } => width / height,
        }
    }

    /// The logo as a `data:` URI, for an SVG figure's `<image>`.
    pub fn data_uri(&self) -> String {
        use base64::Engine as _;
        let (mime, bytes) = match self {
            Logo::Png { png, .. } => ("image/png", &png[..]),
            Logo::Svg { svg, .. } => ("image/svg+xml", svg.as_bytes()),
        };
        format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
    }
}

/// A PNG of `width` × `height` pixels: the left half `left`, the right half `right`, both
/// opaque, over a transparent one-pixel border. Tests and examples draw with it (no real
/// company's logo is shipped).
pub fn two_colour_png(width: u32, height: u32, left: [u8; 3], right: [u8; 3]) -> Vec<u8> {
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let border = x == 0 || y == 0 || x + 1 == width || y + 1 == height;
            let [r, g, b] = if x < width / 2 { left } else { right };
            rgba.extend([r, g, b, if border { 0 } else { 255 }]);
        }
    }
    let mut out = Vec::new();
    {
        let mut e = png::Encoder::new(&mut out, width, height);
        e.set_color(png::ColorType::Rgba);
        e.set_depth(png::BitDepth::Eight);
        // Encoding into a Vec cannot fail for a buffer of the declared size.
        let mut w = e.write_header().expect("PNG header");
        w.write_image_data(&rgba).expect("PNG data");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_logo_decodes_to_its_pixels() {
        let bytes = two_colour_png(8, 4, [255, 0, 0], [0, 0, 255]);
        let logo = Logo::decode(&bytes).unwrap();
        assert_eq!(logo.aspect(), 2.0);
        let Logo::Png { png, width: 8, height: 4, rgba } = &logo else { panic!("{logo:?}") };
        let px = |x: u32, y: u32| &rgba[((y * 8 + x) * 4) as usize..][..4];
        assert_eq!(px(1, 1), [255, 0, 0, 255]);
        assert_eq!(px(6, 2), [0, 0, 255, 255]);
        assert_eq!(px(0, 0)[3], 0, "the border is transparent");
        assert_eq!(&png[..], &bytes[..]);
    }

    #[test]
    fn bad_bytes_and_bad_sizes_are_refused() {
        assert!(matches!(Logo::decode(b"GIF89a...."), Err(LogoError::NotPng(_))));
        assert!(matches!(Logo::decode(b""), Err(LogoError::NotPng(_))));
        let truncated = two_colour_png(16, 16, [0; 3], [9; 3]);
        assert!(matches!(Logo::decode(&truncated[..truncated.len() - 20]), Err(LogoError::NotPng(_))));
        for (w, h) in [(513, 10), (10, 513), (41, 10), (10, 41)] {
            let bytes = two_colour_png(w, h, [0; 3], [9; 3]);
            assert_eq!(Logo::decode(&bytes), Err(LogoError::BadSize { width: w, height: h }));
        }
        assert!(Logo::decode(&two_colour_png(40, 10, [0; 3], [9; 3])).is_ok());
        // A header claiming 100,000 × 100,000 pixels is refused before anything is allocated.
        let mut huge = two_colour_png(4, 4, [0; 3], [9; 3]);
        huge[16..24].copy_from_slice(&[0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0]);
        assert!(Logo::decode(&huge).is_err());
    }

    #[test]
    fn greyscale_and_palette_pngs_decode_to_rgba() {
        let mut grey = Vec::new();
        {
            let mut e = png::Encoder::new(&mut grey, 2, 1);
            e.set_color(png::ColorType::Grayscale);
            e.set_depth(png::BitDepth::Sixteen);
            e.write_header().unwrap().write_image_data(&[0x80, 0, 0xff, 0xff]).unwrap();
        }
        let rgba = |l: Logo| if let Logo::Png { rgba, .. } = l { rgba.to_vec() } else { panic!("{l:?}") };
        assert_eq!(rgba(Logo::decode(&grey).unwrap()), [0x80, 0x80, 0x80, 255, 255, 255, 255, 255]);
        let mut indexed = Vec::new();
        {
            let mut e = png::Encoder::new(&mut indexed, 2, 1);
            e.set_color(png::ColorType::Indexed);
            e.set_depth(png::BitDepth::Eight);
            e.set_palette(vec![10, 20, 30, 40, 50, 60]);
            e.set_trns(vec![255, 0]);
            e.write_header().unwrap().write_image_data(&[0, 1]).unwrap();
        }
        assert_eq!(rgba(Logo::decode(&indexed).unwrap()), [10, 20, 30, 255, 40, 50, 60, 0]);
    }

    const ICON: &str = r##"<svg viewBox="0 0 24 12" xmlns="http://www.w3.org/2000/svg"><title>T</title><path d="M0 0h12v12H0z"/><path fill="#00ff00" d="M12 0h12v12H12z"/></svg>"##;

    #[test]
    fn an_svg_takes_its_colour_where_it_has_none_of_its_own() {
        let Logo::Svg { svg, width, height } = Logo::decode_svg(ICON.as_bytes(), Some(Rgb(0xed, 0x1c, 0x24))).unwrap()
        else {
            panic!()
        };
        assert_eq!((width, height), (24.0, 12.0));
        assert!(svg.contains("#ed1c24") && svg.contains("#00ff00"), "{svg}");
        // lobehub's monochrome icons draw in currentColor.
        let current = ICON.replace("<path d", "<path fill=\"currentColor\" d");
        let Logo::Svg { svg, .. } = Logo::decode_svg(current.as_bytes(), Some(Rgb(1, 2, 3))).unwrap() else { panic!() };
        assert!(svg.contains("#010203"), "{svg}");
        let Logo::Svg { svg, .. } = Logo::decode_svg(ICON.as_bytes(), None).unwrap() else { panic!() };
        assert!(svg.contains("#000000"), "black by default: {svg}");
    }

    #[test]
    fn svg_logos_lose_scripts_and_never_reach_outside() {
        let hostile = r##"<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><script>alert(1)</script><image href="/etc/hostname" width="5" height="5"/><image xlink:href="https://example.com/x.png" width="5" height="5"/><path d="M0 0h10v10H0z" onclick="alert(2)"/></svg>"##;
        let Logo::Svg { svg, .. } = Logo::decode_svg(hostile.as_bytes(), None).unwrap() else { panic!() };
        for gone in ["script", "alert", "image", "href", "example.com"] {
            assert!(!svg.contains(gone), "{gone} in {svg}");
        }
        for bad in [
            "<svg",
            "not xml",
            "<svg viewBox=\"0 0 50 10\" xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0h5v5z\"/></svg>",
        ] {
            assert!(Logo::decode_svg(bad.as_bytes(), None).is_err(), "{bad}");
        }
        assert!(Logo::decode_svg(&[0xff, 0xfe], None).is_err());
    }
}
