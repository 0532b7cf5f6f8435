//! The one URL type: every link the tool accepts, from the list or from data/, is parsed here.
//!
//! Links end up in DOT `URL` attributes, SVG hrefs, HTML pages, Markdown and BibTeX, so the rule
//! is an allow-list rather than a full WHATWG parser (which accepts, then percent-encodes, the
//! characters that break those languages): `http` or `https`, a host, and a path, query and
//! fragment made of RFC 3986 characters or non-ASCII letters (IRIs such as `.../PanGu-α`), with
//! no quote, space, `<`, `>`, `\`, `^`, backquote, `{`, `|`, `}`, control or invisible
//! formatting character, and `%` only before two hex digits.

use std::fmt;

use crate::term::is_invisible;

/// What a URL must look like, for messages.
pub const URL_EXPECTED: &str =
    "expected an http(s) URL without spaces, quotes, <, >, \\, ^, `, {, |, } or control characters";

/// Longest URL accepted: browsers and servers commonly stop at 2,048.
pub const MAX_URL_LEN: usize = 2048;

/// A validated http or https URL, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Url(String);

impl Url {
    /// Parses `s`; the error says what is wrong, briefly.
    pub fn parse(s: &str) -> Result<Url, String> {
        let rest = strip_scheme(s).ok_or_else(|| format!("not an http or https URL; {URL_EXPECTED}"))?;
        if s.len() > MAX_URL_LEN {
            return Err(format!("longer than {MAX_URL_LEN} bytes"));
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.is_empty() {
            return Err("has no host".to_string());
        }
        if authority.contains('@') {
            // https://github.com@evil.example/ shows one host and goes to another.
            return Err("has user information before the host (an @ in the host part)".to_string());
        }
        if let Some(c) = authority.chars().find(|&c| !(c.is_alphanumeric() || "-.:[]_".contains(c))) {
            return Err(format!("has {} in its host; {URL_EXPECTED}", describe(c)));
        }
        let bytes = rest.as_bytes();
        for (i, c) in rest.char_indices() {
            let ok = match c {
                '%' => bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
                c if c.is_ascii() => c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&()*+,;=".contains(c),
                c => !c.is_whitespace() && !c.is_control() && !is_invisible(c),
            };
            if !ok {
                let what = if c == '%' { "a % not followed by two hex digits".to_string() } else { describe(c) };
                return Err(format!("has {what}; {URL_EXPECTED}"));
            }
        }
        Ok(Url(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The part after `http://` or `https://` (scheme in any case), if `s` starts so.
fn strip_scheme(s: &str) -> Option<&str> {
    let (scheme, rest) = s.split_once("://")?;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(rest)
}

fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '"' | '\'' => "a quote".to_string(),
        c if c.is_control() || c.is_whitespace() || is_invisible(c) => format!("the character U+{:04X}", c as u32),
        c => format!("{c:?}"),
    }
}

impl std::ops::Deref for Url {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Url {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Url {
    type Err = String;
    fn from_str(s: &str) -> Result<Url, String> {
        Url::parse(s)
    }
}

impl serde::Serialize for Url {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_links_parse() {
        for ok in [
            "https://arxiv.org/abs/2406.06282",
            "https://github.com/huawei-noah/Pretrained-Language-Model/tree/master/PanGu-α",
            "http://example.com:8080/a?b=c&d=%20e#f",
            "HTTPS://huggingface.co/Qwen",
            "https://[::1]/x",
            "https://www.qualcomm.com/products/mobile/snapdragon/smartphones/snapdragon-8-series-mobile-platforms/snapdragon-8-gen-3-mobile-platform",
        ] {
            assert_eq!(Url::parse(ok).map(|u| u.to_string()), Ok(ok.to_string()));
        }
    }

    #[test]
    fn hostile_links_are_refused_with_the_reason() {
        let cases = [
            ("javascript:alert(1)", "not an http or https URL; expected an http(s) URL"),
            ("data:text/html,<script>", "not an http or https URL"),
            ("https://x/\" onmouseover=\"alert(1)", "has a quote; expected"),
            ("https://x/a b", "has a space; expected"),
            ("https://x/<script>", "has '<'; expected"),
            ("https://x/\u{1b}]0;title\u{7}", "has the character U+001B; expected"),
            ("https://x/\u{202e}gpj.exe", "has the character U+202E; expected"),
            ("https://x/%zz", "has a % not followed by two hex digits"),
            ("https://github.com@evil.example/", "has user information before the host"),
            ("https:///path", "has no host"),
            ("https://ex{ample}.com/", "has '{' in its host"),
            ("//example.com", "not an http or https URL"),
        ];
        for (bad, why) in cases {
            let e = Url::parse(bad).unwrap_err();
            assert!(e.starts_with(why), "{bad:?}: {e}");
        }
        assert_eq!(
            Url::parse(&format!("https://x/{}", "a".repeat(MAX_URL_LEN))).unwrap_err(),
            "longer than 2048 bytes"
        );
    }
}
