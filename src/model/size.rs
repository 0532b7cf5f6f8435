//! Parameter sizes as the list writes them ("1.8B", "270M", "nano(1.8B、3.25B)", "pro").

use std::fmt;

use crate::diag::quoted;

/// One released size: a parameter count, a named variant, or both ("Scout(17B)").
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSize {
    pub variant: Option<String>,
    pub params: Option<u64>,
}

/// A size cell: the text as written and what it means.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sizes {
    pub raw: String,
    pub items: Vec<ParamSize>,
}

pub const SIZE_EXPECTED: &str = "expected sizes such as 1.8B, 270M or nano(1.8B、3.25B), separated by 、 , or ;";

impl Sizes {
    pub fn parse(raw: &str) -> Result<Sizes, String> {
        Self::parse_items(raw).map_err(|e| format!("{e}; {SIZE_EXPECTED}"))
    }

    fn parse_items(raw: &str) -> Result<Sizes, String> {
        let mut items = Vec::new();
        for item in split_top_level(raw)? {
            match item.split_once('(') {
                Some((variant, rest)) => {
                    let inner =
                        rest.strip_suffix(')').ok_or_else(|| format!("unbalanced parentheses in {}", quoted(item)))?;
                    let variant = check_variant(variant.trim())?;
                    for n in split_top_level(inner)? {
                        items.push(ParamSize { variant: Some(variant.clone()), params: Some(parse_count(n)?) });
                    }
                }
                None if item.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-') => {
                    items.push(ParamSize { variant: None, params: Some(parse_count(item)?) });
                }
                None => items.push(ParamSize { variant: Some(check_variant(item)?), params: None }),
            }
        }
        Ok(Sizes { raw: raw.to_string(), items })
    }

    /// Parameter counts in the order written.
    pub fn counts(&self) -> impl Iterator<Item = u64> + '_ {
        self.items.iter().filter_map(|s| s.params)
    }
}

fn split_top_level(s: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!("unbalanced parentheses in {}", quoted(s)));
                }
            }
            '、' | ',' | ';' | '，' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(format!("unbalanced parentheses in {}", quoted(s)));
    }
    out.push(s[start..].trim());
    Ok(out.into_iter().filter(|p| !p.is_empty()).collect())
}

fn check_variant(v: &str) -> Result<String, String> {
    let ok = !v.is_empty()
        && v.starts_with(char::is_alphabetic)
        && v.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_'));
    if ok { Ok(v.to_string()) } else { Err(format!("{} is neither a size nor a variant name", quoted(v))) }
}

/// Parses "1.8B" into 1_800_000_000. Units: K, M, B (billion), T; case-insensitive.
pub fn parse_count(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let unit_at = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, unit) = s.split_at(unit_at);
    let scale: f64 = match unit.to_ascii_uppercase().as_str() {
        "K" => 1e3,
        "M" => 1e6,
        "B" => 1e9,
        "T" => 1e12,
        _ => return Err(format!("{} has no unit K, M, B or T", quoted(s))),
    };
    let value: f64 = num
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v > 0.0 && num.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| format!("{} is not a positive number with a unit", quoted(s)))?;
    let count = (value * scale).round();
    if count > 1e15 {
        return Err(format!("{} is beyond 1000T parameters", quoted(s)));
    }
    Ok(count as u64)
}

/// Formats a parameter count the way the list does: 1_800_000_000 -> "1.8B".
pub fn format_count(n: u64) -> String {
    let (scale, unit) = match n {
        n if n >= 1_000_000_000_000 => (1e12, "T"),
        n if n >= 1_000_000_000 => (1e9, "B"),
        n if n >= 1_000_000 => (1e6, "M"),
        n if n >= 1_000 => (1e3, "K"),
        _ => (1.0, ""),
    };
    let v = format!("{:.3}", n as f64 / scale);
    let v = v.trim_end_matches('0').trim_end_matches('.');
    format!("{v}{unit}")
}

impl fmt::Display for ParamSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.variant, self.params) {
            (Some(v), Some(n)) => write!(f, "{v}({})", format_count(n)),
            (Some(v), None) => f.write_str(v),
            (None, Some(n)) => f.write_str(&format_count(n)),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<u64> {
        Sizes::parse(s).unwrap().counts().collect()
    }

    #[test]
    fn parses_the_lists_size_cells() {
        assert_eq!(counts("1.8B"), [1_800_000_000]);
        assert_eq!(counts("270M"), [270_000_000]);
        assert_eq!(counts("0.5B、1.5B、3B"), [500_000_000, 1_500_000_000, 3_000_000_000]);
        assert_eq!(counts("0.5B, 1B, 1.5B, 2B").len(), 4);
        let gemini = Sizes::parse("nano(1.8B、3.25B)、pro、ultra").unwrap();
        assert_eq!(gemini.items.len(), 4);
        assert_eq!(gemini.items[1], ParamSize { variant: Some("nano".into()), params: Some(3_250_000_000) });
        assert_eq!(gemini.items[2], ParamSize { variant: Some("pro".into()), params: None });
        let llama4 = Sizes::parse("Scout(17B)、Maverick(17B)、Behemoth(288B)").unwrap();
        assert_eq!(llama4.items[2].to_string(), "Behemoth(288B)");
        assert_eq!(Sizes::parse("").unwrap().items, []);
    }

    #[test]
    fn rejects_what_is_not_a_size() {
        for bad in ["7X", "-1B", "1..5B", "nano(1.8B", "1.8B)", "0B", "7 B B", "3B(", "()"] {
            assert!(Sizes::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn formats_counts_like_the_list() {
        for (n, s) in [
            (1_800_000_000, "1.8B"),
            (270_000_000, "270M"),
            (3_250_000_000, "3.25B"),
            (7_000, "7K"),
            (1_000_000_000_000, "1T"),
        ] {
            assert_eq!(format_count(n), s);
            assert_eq!(parse_count(s), Ok(n));
        }
    }
}
