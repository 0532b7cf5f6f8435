//! Plausible values: a parameter count, a TOPS figure or a date outside these ranges is a
//! typing mistake (a missing unit, a stray digit), not a fact, and an error naming the range.

use chrono::Datelike;

use crate::model::{Raw, Sizes, Tops, YearMonth, format_count};

/// Parameters of one model: from 1M (the smallest edge LMs are tens of millions) to 10T.
pub const PARAMS: std::ops::RangeInclusive<u64> = 1_000_000..=10_000_000_000_000;
/// TOPS of one chip.
pub const TOPS: std::ops::RangeInclusive<f64> = 0.01..=10_000.0;
/// Computation of one model, in TFLOPs: from a tiny model's forward pass to 10,000 times
/// today's largest training runs (about 5e13 TFLOPs).
pub const TFLOPS: std::ops::RangeInclusive<f64> = 1e-6..=1e18;
/// Memory one model needs at run time, in GB: from 10 MB to 100 TB.
pub const MODEL_MEMORY_GB: std::ops::RangeInclusive<f64> = 0.01..=102_400.0;
/// The first year a date may name; the last is next year.
pub const FIRST_YEAR: i32 = 1950;

pub fn sizes(s: Sizes) -> Result<Sizes, String> {
    let bad = s.counts().find(|n| !PARAMS.contains(n));
    match bad {
        Some(n) => Err(format!(
            "{} parameters is outside the plausible {}..{}",
            format_count(n),
            format_count(*PARAMS.start()),
            format_count(*PARAMS.end())
        )),
        None => Ok(s),
    }
}

pub fn tops(t: Raw<Tops>) -> Result<Raw<Tops>, String> {
    let Tops { low, high } = t.value;
    if TOPS.contains(&low) && TOPS.contains(&high) {
        Ok(t)
    } else {
        Err(format!("outside the plausible {}..{} TOPS", TOPS.start(), TOPS.end()))
    }
}

pub fn tflops(v: Raw<f64>) -> Result<Raw<f64>, String> {
    if TFLOPS.contains(&v.value) {
        Ok(v)
    } else {
        Err(format!("outside the plausible {:e}..{:e} TFLOPs", TFLOPS.start(), TFLOPS.end()))
    }
}

pub fn model_memory(v: Raw<f64>) -> Result<Raw<f64>, String> {
    if MODEL_MEMORY_GB.contains(&v.value) {
        Ok(v)
    } else {
        Err(format!("outside the plausible 10MB..100TB ({}..{} GB)", MODEL_MEMORY_GB.start(), MODEL_MEMORY_GB.end()))
    }
}

pub fn month(m: YearMonth) -> Result<YearMonth, String> {
    let last = this_year() + 1;
    if (FIRST_YEAR..=last).contains(&m.year) {
        Ok(m)
    } else {
        Err(format!("outside the plausible {FIRST_YEAR}..{last} (up to next year)"))
    }
}

fn this_year() -> i32 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(now as i64, 0).map_or(2026, |t| t.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_named() {
        let s = |raw| sizes(Sizes::parse(raw).unwrap());
        assert!(s("0.5B、7B").is_ok());
        assert_eq!(s("0.0001K").unwrap_err(), "0 parameters is outside the plausible 1M..10T");
        assert_eq!(s("20T").unwrap_err(), "20T parameters is outside the plausible 1M..10T");
        let t = |raw: &str| tops(Raw { raw: raw.into(), value: Tops::parse(raw).unwrap() });
        assert!(t("20/40").is_ok());
        assert_eq!(t("1e300").unwrap_err(), "outside the plausible 0.01..10000 TOPS");
        assert_eq!(t("0.001/40").unwrap_err(), "outside the plausible 0.01..10000 TOPS");
        assert!(month("2024-06".parse().unwrap()).is_ok());
        assert!(month("1949-12".parse().unwrap()).unwrap_err().starts_with("outside the plausible 1950.."));
        assert!(month(YearMonth { year: this_year() + 2, month: None }).is_err());
    }
}
