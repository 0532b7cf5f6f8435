//! Stable identifiers: slug ids, `kind:id` keys, and the normalised keys used to match names.

use std::fmt;
use std::str::FromStr;

use smol_str::SmolStr;

use super::kind::EntryKind;

/// A slug id: lowercase ASCII letters, digits and single inner dashes ("qwen2-5").
/// Stored inline up to 23 bytes (most ids), so a million relations cost no id allocations.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(SmolStr);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id derived from a display name ("Qwen2.5" -> "qwen2-5", "PanGu-α" -> "pangu-a").
    pub fn from_name(name: &str) -> Id {
        let mut slug = String::with_capacity(name.len());
        for c in deunicode::deunicode(&expand_latex(name)).chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if c == '+' {
                // "FlashDecoding++" and "AI HAT+" keep their plus signs distinguishable.
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
                slug.push_str("plus-");
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        Id(SmolStr::new(if slug.is_empty() { "x" } else { slug }))
    }

    /// An id with a numeric suffix, used to keep ids unique within a kind.
    pub fn with_suffix(&self, suffix: &str) -> Id {
        Id::from_name(&format!("{}-{}", self.0, suffix))
    }
}

impl FromStr for Id {
    type Err = String;
    fn from_str(s: &str) -> Result<Id, String> {
        let ok = !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            // Byte pairs, not `contains("--")`: its searcher calls memcmp at every dash, and
            // relations.csv parses millions of ids.
            && !s.bytes().zip(s.bytes().skip(1)).any(|(a, b)| a == b'-' && b == b'-');
        if ok {
            Ok(Id(SmolStr::new(s)))
        } else {
            Err("expected a slug of lowercase letters, digits and single dashes, e.g. qwen2-5".to_string())
        }
    }
}

/// Maps keyed by `Id` can be searched with a `&str`; hashing and order agree with `str`'s.
impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A globally unique reference to an entry: `kind:id`, e.g. `model:qwen2-5`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub kind: EntryKind,
    pub id: Id,
}

impl Key {
    pub fn new(kind: EntryKind, id: Id) -> Key {
        Key { kind, id }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

impl FromStr for Key {
    type Err = String;
    fn from_str(s: &str) -> Result<Key, String> {
        const EXPECTED: &str = "expected a reference kind:id, e.g. model:qwen2-5";
        let (kind, id) = s.split_once(':').ok_or_else(|| EXPECTED.to_string())?;
        let kind = kind.parse::<EntryKind>().map_err(|e| format!("{EXPECTED}; {e}"))?;
        let id = id.parse::<Id>().map_err(|e| format!("{EXPECTED}; {e}"))?;
        Ok(Key { kind, id })
    }
}

/// The key two spellings of one name share: case, spaces and punctuation do not count,
/// so "Qwen2.5", "qwen 2.5" and "qwen2-5" all give "qwen25". Letters outside ASCII stay.
pub fn name_key(name: &str) -> String {
    let name = expand_latex(name);
    let fold = |chars: &mut dyn Iterator<Item = char>| -> String {
        chars.filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    // In NFC, so "é" typed as e + U+0301 matches "é"; the spelling shown stays the list's.
    if name.is_ascii() {
        fold(&mut name.chars())
    } else {
        fold(&mut unicode_normalization::UnicodeNormalization::nfc(name.as_ref()))
    }
}

/// Inline LaTeX as the list writes it ("PanGu-$\alpha$") as Unicode (`crate::latex`), for ids
/// and name keys; names without a `$\` command are returned as they are.
pub fn expand_latex(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("$\\") {
        return std::borrow::Cow::Borrowed(s);
    }
    crate::latex::to_unicode(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_readable() {
        let cases = [
            ("Qwen2.5", "qwen2-5"),
            ("PanGu-α", "pangu-a"),
            ("PanGu-$\\alpha$", "pangu-a"),
            ("Shanghai AI Laboratory", "shanghai-ai-laboratory"),
            ("FlashDecoding++", "flashdecoding-plus-plus"),
            ("  --  ", "x"),
            ("Cap'n'Proto", "cap-n-proto"),
            ("A+B", "a-plus-b"),
            ("模型", "mo-xing"),
        ];
        for (name, slug) in cases {
            assert_eq!(Id::from_name(name).as_str(), slug, "{name}");
            assert!(slug.parse::<Id>().is_ok(), "{slug} must be a valid id");
        }
    }

    #[test]
    fn ids_reject_what_slugs_never_contain() {
        for bad in ["", "Qwen", "a--b", "-a", "a-", "a b", "a:b"] {
            assert!(bad.parse::<Id>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn keys_parse_and_print() {
        let k: Key = "model:qwen2-5".parse().unwrap();
        assert_eq!(k.kind, EntryKind::Model);
        assert_eq!(k.to_string(), "model:qwen2-5");
        assert!("qwen2-5".parse::<Key>().unwrap_err().contains("kind:id"));
        assert!("robot:x".parse::<Key>().unwrap_err().contains("expected one of organisation"));
    }

    #[test]
    fn name_keys_ignore_case_space_and_punctuation() {
        assert_eq!(name_key("Qwen2.5"), "qwen25");
        assert_eq!(name_key("qwen 2.5"), "qwen25");
        assert_eq!(name_key("qwen2-5"), "qwen25");
        assert_eq!(name_key("PanGu-$\\alpha$"), name_key("PanGu-α"));
        assert_eq!(name_key("Ke\u{301}ras"), name_key("Kéras"), "NFC: a combining accent is the same letter");
        assert_eq!(name_key("Snapdragon 8 Gen3"), name_key("Snapdragon 8Gen3"));
    }

    proptest::proptest! {
        /// Whatever a list calls an entry, its slug is a valid id, and ids and keys print
        /// and parse back unchanged.
        #[test]
        fn any_name_slugs_to_an_id_that_round_trips(name in "\\PC{0,40}") {
            let id = Id::from_name(&name);
            proptest::prop_assert_eq!(id.as_str().parse::<Id>(), Ok(id.clone()));
            let key = Key::new(EntryKind::Paper, id);
            proptest::prop_assert_eq!(key.to_string().parse::<Key>(), Ok(key));
        }
    }
}
