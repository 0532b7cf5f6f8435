//! shields.io static badges: `https://img.shields.io/badge/LABEL-MESSAGE-COLOUR`, and what their
//! colour means under the list's Tags Convention.

/// What a badge says it links to, by its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeType {
    /// Paper (b31b1b): label is the venue, message the date.
    Paper,
    /// Official website (A9EA7A; the export-format table uses D85A45).
    Official,
    /// Code repository (6BACF8).
    Code,
    /// Hugging Face (F8D44E).
    HuggingFace,
    /// The short name of the system a paper presents (7875DF), no link.
    ShortName,
    /// Marks a survey (568A37).
    Survey,
    /// A grey topic tag such as "on PIMs" (ECE8EE).
    Tag,
}

impl BadgeType {
    pub fn from_colour(colour: &str) -> Option<BadgeType> {
        Some(match colour.to_ascii_lowercase().as_str() {
            "b31b1b" => BadgeType::Paper,
            "a9ea7a" | "d85a45" => BadgeType::Official,
            "6bacf8" => BadgeType::Code,
            "f8d44e" => BadgeType::HuggingFace,
            "7875df" => BadgeType::ShortName,
            "568a37" => BadgeType::Survey,
            "ece8ee" => BadgeType::Tag,
            _ => return None,
        })
    }
}

/// A decoded static badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub label: Option<String>,
    pub message: String,
    pub colour: String,
}

const PREFIX: &str = "https://img.shields.io/badge/";

impl Badge {
    /// Decodes a static badge URL; `None` for any other image (dynamic badges, logos).
    /// Escapes: `--` is `-`, `__` is `_`, a lone `_` is a space.
    pub fn parse(src: &str) -> Option<Badge> {
        let content = src.strip_prefix(PREFIX)?;
        let content = content.split(['?', '#']).next()?;
        let content = content.strip_suffix(".svg").unwrap_or(content);
        let mut parts: Vec<String> = vec![String::new()];
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            let part = parts.last_mut()?;
            match (c, chars.peek()) {
                ('-', Some('-')) => {
                    chars.next();
                    part.push('-');
                }
                ('-', _) => parts.push(String::new()),
                ('_', Some('_')) => {
                    chars.next();
                    part.push('_');
                }
                ('_', _) => part.push(' '),
                _ => part.push(c),
            }
        }
        let parts: Vec<String> = parts.iter().map(|p| percent_decode(p)).collect();
        match parts.as_slice() {
            [message, colour] => Some(Badge { label: None, message: message.clone(), colour: colour.clone() }),
            [label, message, colour] => {
                Some(Badge { label: Some(label.clone()), message: message.clone(), colour: colour.clone() })
            }
            _ => None,
        }
    }

    pub fn kind(&self) -> Option<BadgeType> {
        BadgeType::from_colour(&self.colour)
    }
}

/// Decodes %XX escapes (badge texts such as "Samsung%27s"); invalid escapes stay as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn badge(s: &str) -> Badge {
        Badge::parse(&format!("{PREFIX}{s}")).unwrap()
    }

    #[test]
    fn decodes_label_message_colour() {
        let b = badge("arxiv-24.06-b31b1b");
        assert_eq!(
            (b.label.as_deref(), b.message.as_str(), b.kind()),
            (Some("arxiv"), "24.06", Some(BadgeType::Paper))
        );
        assert_eq!(badge("git-SJTU--IPADS-6BACF8").message, "SJTU-IPADS");
        assert_eq!(badge("PowerInfer--2-7875DF").message, "PowerInfer-2");
        assert_eq!(badge("Samsung's_HBM--PIM-7875DF").message, "Samsung's HBM-PIM");
        assert_eq!(badge("IEEE_TMC-24.01-b31b1b").label.as_deref(), Some("IEEE TMC"));
        assert_eq!(badge("hf-phi__3.5-F8D44E").message, "phi_3.5");
        assert_eq!(badge("Survey-568A37").kind(), Some(BadgeType::Survey));
        assert_eq!(badge("on_PIMs-ECE8EE").message, "on PIMs");
        assert_eq!(badge("a%20b-c-ECE8EE").label.as_deref(), Some("a b"));
        assert_eq!(badge("x-y-blue.svg?style=flat").colour, "blue");
    }

    #[test]
    fn other_images_are_not_badges() {
        assert_eq!(Badge::parse("https://awesome.re/badge.svg"), None);
        assert_eq!(Badge::parse("https://img.shields.io/github/last-commit/x/y"), None);
        assert_eq!(Badge::parse(&format!("{PREFIX}a-b-c-d")), None);
        assert_eq!(Badge::parse(PREFIX), None);
        assert_eq!(badge("x-unknown").kind(), None);
    }
}
