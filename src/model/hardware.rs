//! Chip figures as the list writes them: TOPS ("45", "20/40") and memory options ("8GB/12GB").

use std::fmt;

/// Peak TOPS; a chip sold in several configurations has a range ("20/40").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tops {
    pub low: f64,
    pub high: f64,
}

pub const TOPS_EXPECTED: &str = "expected a number of TOPS such as 45 or 15.6, or configurations such as 20/40";
pub const MEMORY_EXPECTED: &str = "expected memory options such as 8GB/12GB or 8G/12G";

impl Tops {
    pub fn parse(s: &str) -> Result<Tops, String> {
        let values = s
            .split('/')
            .map(|v| v.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x > 0.0))
            .collect::<Option<Vec<f64>>>()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| TOPS_EXPECTED.to_string())?;
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(0.0, f64::max);
        Ok(Tops { low, high })
    }

    pub fn is_range(&self) -> bool {
        self.low != self.high
    }
}

/// In the list's own notation ("20/40"), so that what is written parses back.
impl fmt::Display for Tops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_range() { write!(f, "{}/{}", self.low, self.high) } else { write!(f, "{}", self.low) }
    }
}

/// Memory configurations in GB, in the order written.
pub fn parse_memory(s: &str) -> Result<Vec<u32>, String> {
    s.split('/')
        .map(|v| {
            let v = v.trim();
            let num = v.strip_suffix("GB").or_else(|| v.strip_suffix('G')).unwrap_or("");
            num.parse::<u32>().ok().filter(|g| *g > 0 && *g <= 1 << 20)
        })
        .collect::<Option<Vec<u32>>>()
        .ok_or_else(|| MEMORY_EXPECTED.to_string())
}

pub const GIGABYTES_EXPECTED: &str = "expected an amount of memory with its unit, such as 17.5GB, 512MB or 1TB";
pub const TFLOPS_EXPECTED: &str = "expected a positive number of TFLOPs such as 3.1e11 or 840";

/// An amount of memory in GB: a number with a unit MB, GB or TB (G and T too), binary
/// multiples as memory is sold (1024MB is 1GB).
pub fn parse_gigabytes(s: &str) -> Result<f64, String> {
    let s = s.trim();
    let unit_at = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, unit) = s.split_at(unit_at);
    let scale = match unit.to_ascii_uppercase().as_str() {
        "MB" | "M" => 1.0 / 1024.0,
        "GB" | "G" => 1.0,
        "TB" | "T" => 1024.0,
        _ => return Err(GIGABYTES_EXPECTED.to_string()),
    };
    let plain = !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.');
    let value: Option<f64> = num.parse().ok().filter(|v: &f64| plain && v.is_finite() && *v > 0.0);
    value.map(|v| v * scale).ok_or_else(|| GIGABYTES_EXPECTED.to_string())
}

/// A positive, finite number of TFLOPs ("3.1e11", "840").
pub fn parse_tflops(s: &str) -> Result<f64, String> {
    let value: Option<f64> = s.trim().parse().ok();
    value.filter(|v| v.is_finite() && *v > 0.0).ok_or_else(|| TFLOPS_EXPECTED.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tops_single_and_ranges() {
        assert_eq!(Tops::parse("45"), Ok(Tops { low: 45.0, high: 45.0 }));
        assert_eq!(Tops::parse("15.6").unwrap().to_string(), "15.6");
        let orin = Tops::parse("70/100").unwrap();
        assert!(orin.is_range());
        assert_eq!(orin.to_string(), "70/100");
        // Configurations are a range: their order and repeats do not survive, the ends do.
        assert_eq!(Tops::parse("9/01").unwrap().to_string(), "1/9");
        for bad in ["", "x", "20/", "-3", "NaN", "inf"] {
            assert_eq!(Tops::parse(bad).unwrap_err(), TOPS_EXPECTED, "{bad:?}");
        }
    }

    #[test]
    fn memory_options() {
        assert_eq!(parse_memory("8G/12G"), Ok(vec![8, 12]));
        assert_eq!(parse_memory("8GB/12GB/16GB"), Ok(vec![8, 12, 16]));
        assert_eq!(parse_memory("32GB"), Ok(vec![32]));
        assert!(parse_memory("8 TB").is_err());
        assert!(parse_memory("").is_err());
    }

    #[test]
    fn gigabytes_and_tflops() {
        assert_eq!(parse_gigabytes("17.5GB"), Ok(17.5));
        assert_eq!(parse_gigabytes("512MB"), Ok(0.5));
        assert_eq!(parse_gigabytes("1TB"), Ok(1024.0));
        assert_eq!(parse_gigabytes("8G"), Ok(8.0));
        for bad in ["", "17.5", "GB", "-1GB", "1e3GB", "0GB", "8 PB", "NaNGB"] {
            assert_eq!(parse_gigabytes(bad).unwrap_err(), GIGABYTES_EXPECTED, "{bad:?}");
        }
        assert_eq!(parse_tflops("3.1e11"), Ok(3.1e11));
        assert_eq!(parse_tflops("840"), Ok(840.0));
        for bad in ["", "x", "-3", "0", "inf", "NaN", "1e400"] {
            assert_eq!(parse_tflops(bad).unwrap_err(), TFLOPS_EXPECTED, "{bad:?}");
        }
    }
}
