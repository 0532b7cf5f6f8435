//! An organisation's logo: a PNG from data/logos/, checked and decoded once, kept both as the
//! file's bytes (the SVG embeds them) and as RGBA pixels (the PNG renderer composites them).

use std::sync::Arc;

/// The largest logo file read, in bytes.
pub const MAX_LOGO_BYTES: u64 = 256 * 1024;
/// The largest width or height of a logo, in pixels: it is drawn about 26 px tall.
pub const MAX_LOGO_SIDE: u32 = 512;
/// The widest a logo may be for its height (and the tallest for its width).
pub const MAX_LOGO_ASPECT: u32 = 4;
/// What a logo file must be, for messages.
pub const LOGO_EXPECTED: &str =
    "a PNG image of at most 512 × 512 pixels, no more than 4 times as wide as tall or as tall as wide";

/// A decoded logo. Clones share the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// The PNG file as read.
    pub png: Arc<[u8]>,
    pub width: u32,
    pub height: u32,
    /// Straight (not premultiplied) RGBA, 8 bits per channel, rows from the top.
    pub rgba: Arc<[u8]>,
}

/// Why bytes are not a usable logo.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LogoError {
    #[error("not a PNG image this tool can read ({0})")]
    NotPng(String),
    #[error("{width} × {height} pixels; expected {LOGO_EXPECTED}")]
    BadSize { width: u32, height: u32 },
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
        let square_enough = |a: u32, b: u32| u64::from(a) <= u64::from(b) * u64::from(MAX_LOGO_ASPECT);
        if width == 0
            || height == 0
            || width > MAX_LOGO_SIDE
            || height > MAX_LOGO_SIDE
            || !square_enough(width, height)
            || !square_enough(height, width)
        {
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
        Ok(Logo { png: bytes.into(), width, height, rgba: rgba.into() })
    }

    /// Width over height.
    pub fn aspect(&self) -> f64 {
        f64::from(self.width) / f64::from(self.height)
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
        assert_eq!((logo.width, logo.height, logo.aspect()), (8, 4, 2.0));
        let px = |x: u32, y: u32| &logo.rgba[((y * 8 + x) * 4) as usize..][..4];
        assert_eq!(px(1, 1), [255, 0, 0, 255]);
        assert_eq!(px(6, 2), [0, 0, 255, 255]);
        assert_eq!(px(0, 0)[3], 0, "the border is transparent");
        assert_eq!(&*logo.png, &bytes[..]);
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
        assert_eq!(&*Logo::decode(&grey).unwrap().rgba, &[0x80, 0x80, 0x80, 255, 255, 255, 255, 255]);
        let mut indexed = Vec::new();
        {
            let mut e = png::Encoder::new(&mut indexed, 2, 1);
            e.set_color(png::ColorType::Indexed);
            e.set_depth(png::BitDepth::Eight);
            e.set_palette(vec![10, 20, 30, 40, 50, 60]);
            e.set_trns(vec![255, 0]);
            e.write_header().unwrap().write_image_data(&[0, 1]).unwrap();
        }
        assert_eq!(&*Logo::decode(&indexed).unwrap().rgba, &[10, 20, 30, 255, 40, 50, 60, 0]);
    }
}
