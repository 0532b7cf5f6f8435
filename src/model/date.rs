//! Release and publication dates: a year and, usually, a month (the list never gives days).

use std::fmt;

use crate::diag::quoted;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A month ("2024-06") or, where only the year is known, a year ("2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: Option<u32>,
}

pub const DATE_EXPECTED: &str = "expected a date YYYY-MM (e.g. 2024-06) or a year YYYY";
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl YearMonth {
    pub fn new(year: i32, month: Option<u32>) -> Result<YearMonth, String> {
        if !YEARS.contains(&year) {
            return Err(format!("year {year} is outside {}..{}", YEARS.start(), YEARS.end()));
        }
        if let Some(m) = month {
            NaiveDate::from_ymd_opt(year, m, 1)
                .ok_or_else(|| format!("month {m} does not exist (expected 01 to 12)"))?;
        }
        Ok(YearMonth { year, month })
    }

    /// The first day of the period, for plotting and comparisons.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), 1).unwrap_or(NaiveDate::MIN)
    }

    /// Months since year 0, so dates can be subtracted ("3 months apart").
    pub fn month_index(self) -> i64 {
        let d = self.first_day();
        i64::from(d.year()) * 12 + i64::from(d.month0())
    }

    /// The index of the period's last month: a year alone ends in December, so "until 2024"
    /// includes all of 2024.
    pub fn last_month_index(self) -> i64 {
        self.month_index() + if self.month.is_none() { 11 } else { 0 }
    }

    /// Reads the list's own spellings: "2024.06", "24.06" (two-digit years are 20xx),
    /// "2024", and the canonical "2024-06".
    pub fn parse_list(s: &str) -> Result<YearMonth, String> {
        let s = s.trim();
        let (y, m) = match s.split_once(['.', '-', '/']) {
            Some((y, m)) => (y, Some(m)),
            None => (s, None),
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(y) || !m.is_none_or(digits) || !(y.len() == 2 || y.len() == 4) {
            return Err(format!("expected a date like 2024.06, 24.06 or 2024, found {}", quoted(s)));
        }
        let year: i32 = y.parse().map_err(|_| format!("{} has no year", quoted(s)))?;
        let year = if y.len() == 2 { 2000 + year } else { year };
        let month = m.map(|m| m.parse::<u32>()).transpose().map_err(|_| format!("{} has no month", quoted(s)))?;
        YearMonth::new(year, month)
    }
}

impl FromStr for YearMonth {
    type Err = String;
    /// The canonical form in data/: "YYYY-MM" or "YYYY", nothing else.
    fn from_str(s: &str) -> Result<YearMonth, String> {
        let bytes = s.as_bytes();
        let shape_ok = match bytes.len() {
            4 => bytes.iter().all(u8::is_ascii_digit),
            7 => bytes[4] == b'-' && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit()),
            _ => false,
        };
        if !shape_ok {
            return Err(DATE_EXPECTED.to_string());
        }
        let year = s[..4].parse().map_err(|_| DATE_EXPECTED.to_string())?;
        let month = if s.len() == 7 { Some(s[5..].parse().map_err(|_| DATE_EXPECTED.to_string())?) } else { None };
        YearMonth::new(year, month)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(m) => write!(f, "{:04}-{:02}", self.year, m),
            None => write!(f, "{:04}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_lists_date_spellings() {
        let jun24 = YearMonth { year: 2024, month: Some(6) };
        assert_eq!(YearMonth::parse_list("2024.06"), Ok(jun24));
        assert_eq!(YearMonth::parse_list("24.06"), Ok(jun24));
        assert_eq!(YearMonth::parse_list("2024-06"), Ok(jun24));
        assert_eq!(YearMonth::parse_list("2024"), Ok(YearMonth { year: 2024, month: None }));
        assert_eq!(YearMonth::parse_list("19.12").unwrap().to_string(), "2019-12");
        for bad in ["tech_blog", "2024.13", "24.00", "W", "", "2024.", "12345"] {
            assert!(YearMonth::parse_list(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn canonical_form_is_strict_and_round_trips() {
        for s in ["2024-06", "2024", "1999-12"] {
            assert_eq!(s.parse::<YearMonth>().unwrap().to_string(), s);
        }
        assert_eq!("2024.06".parse::<YearMonth>().unwrap_err(), DATE_EXPECTED);
        assert_eq!("2024-13".parse::<YearMonth>().unwrap_err(), "month 13 does not exist (expected 01 to 12)");
        assert_eq!("0024-01".parse::<YearMonth>().unwrap_err(), "year 24 is outside 1900..2200");
    }

    #[test]
    fn months_subtract() {
        let a: YearMonth = "2024-06".parse().unwrap();
        let b: YearMonth = "2023-12".parse().unwrap();
        assert_eq!(a.month_index() - b.month_index(), 6);
    }

    proptest::proptest! {
        #[test]
        fn every_month_formats_and_parses_back(year in 1900i32..2200, month in proptest::option::of(1u32..=12)) {
            let d = YearMonth { year, month };
            proptest::prop_assert_eq!(d.to_string().parse::<YearMonth>(), Ok(d));
            proptest::prop_assert_eq!(YearMonth::parse_list(&d.to_string()), Ok(d));
        }

        #[test]
        fn any_text_parses_or_is_refused_and_what_parses_round_trips(s in "\\PC{0,12}") {
            if let Ok(d) = s.parse::<YearMonth>() {
                proptest::prop_assert_eq!(d.to_string(), s.as_str());
            }
            if let Ok(d) = YearMonth::parse_list(&s) {
                proptest::prop_assert_eq!(d.to_string().parse::<YearMonth>(), Ok(d));
            }
        }
    }
}
