//! RGB colours: curated organisation colours and the palettes of figures and exports.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// What a colour cell must look like.
pub const COLOUR_EXPECTED: &str = "expected a colour #rrggbb, e.g. #7b5fc9";

/// An opaque colour; written as lowercase `#rrggbb` (no alpha: Gephi and GEXF readers reject it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Relative luminance in 0..=1 (sRGB weights), to pick dark or light text on a fill.
    pub fn luminance(self) -> f64 {
        (0.2126 * f64::from(self.0) + 0.7152 * f64::from(self.1) + 0.0722 * f64::from(self.2)) / 255.0
    }

    /// Lowercase `#rrggbb`, as text without going through `fmt` (exports write a million).
    pub fn hex(self) -> [u8; 7] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [b'#'; 7];
        for (i, c) in [self.0, self.1, self.2].into_iter().enumerate() {
            out[1 + 2 * i] = DIGITS[usize::from(c >> 4)];
            out[2 + 2 * i] = DIGITS[usize::from(c & 15)];
        }
        out
    }
}

impl FromStr for Rgb {
    type Err = String;

    fn from_str(s: &str) -> Result<Rgb, String> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let hex = hex.ok_or_else(|| COLOUR_EXPECTED.to_string())?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| COLOUR_EXPECTED.to_string());
        Ok(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.hex()).expect("hex digits are ASCII"))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_lowercase() {
        let c: Rgb = "#7B68EE".parse().unwrap();
        assert_eq!(c, Rgb(0x7b, 0x68, 0xee));
        assert_eq!(c.to_string(), "#7b68ee");
        for bad in ["7b68ee", "#7b68e", "#7b68eeff", "#7b68eg", "#ééé"] {
            assert_eq!(bad.parse::<Rgb>(), Err(COLOUR_EXPECTED.to_string()), "{bad}");
        }
    }
}
