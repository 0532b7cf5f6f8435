//! Name handling for the importer: registries that unify spellings, device-name expansion
//! ("VIVO X100/X200"), and family prefixes ("Qwen2.5" belongs to "Qwen").

use std::collections::HashMap;

use crate::model::{Id, name_key};

/// Entries of one kind known so far, found by any of their spellings.
#[derive(Debug, Default)]
pub struct Registry {
    pub ids: Vec<Id>,
    pub names: Vec<String>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<Id, usize>,
}

impl Registry {
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&name_key(name)).copied()
    }

    pub fn find_id(&self, id: &Id) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Registers another spelling for entry `i` (first registration of a spelling wins).
    pub fn spell(&mut self, name: &str, i: usize) {
        let k = name_key(name);
        if !k.is_empty() {
            self.by_key.entry(k).or_insert(i);
        }
    }

    /// The entry with `id`, created with `name` when new. Returns (index, created).
    pub fn add(&mut self, id: Id, name: &str) -> (usize, bool) {
        if let Some(&i) = self.by_id.get(&id) {
            self.spell(name, i);
            return (i, false);
        }
        let i = self.ids.len();
        self.by_id.insert(id.clone(), i);
        self.ids.push(id);
        self.names.push(name.to_string());
        self.spell(name, i);
        (i, true)
    }
}

/// Expands the list's slash shorthand for device names, each part read against the one
/// before it: "VIVO X100/X200" -> VIVO X100, VIVO X200; "Pixel 8 Pro/9" -> Pixel 8 Pro,
/// Pixel 9; "xiaomi 14/Pro" -> xiaomi 14, xiaomi 14 Pro; "Snapdragon 8 Gen2/3/Elite" ->
/// Snapdragon 8 Gen2, Snapdragon 8 Gen3, Snapdragon 8 Elite.
pub fn expand_slashes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split('/').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(prev) = out.last() else {
            out.push(part.to_string());
            continue;
        };
        let prev: Vec<&str> = prev.split_whitespace().collect();
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let starts_digit = part.starts_with(|c: char| c.is_ascii_digit());
        let has_digit = |t: &str| t.chars().any(|c| c.is_ascii_digit());
        let expanded = if tokens.len() >= 2 && !starts_digit {
            part.to_string()
        } else if tokens.len() >= 2 {
            let cut = prev.iter().position(|t| t.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(prev.len());
            join(&prev[..cut], part)
        } else if part.chars().all(|c| c.is_ascii_digit()) {
            match prev.iter().rposition(|t| has_digit(t)) {
                Some(k) if prev[k].chars().all(|c| c.is_ascii_digit()) => join(&prev[..k], part),
                Some(k) => {
                    let stem = prev[k].trim_end_matches(|c: char| c.is_ascii_digit());
                    join(&prev[..k], &format!("{stem}{part}"))
                }
                None => join(&prev, part),
            }
        } else if prev.last().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit())) {
            join(&prev, part)
        } else {
            join(&prev[..prev.len() - 1], part)
        };
        out.push(expanded);
    }
    out
}

fn join(head: &[&str], tail: &str) -> String {
    if head.is_empty() { tail.to_string() } else { format!("{} {tail}", head.join(" ")) }
}

/// Char offsets where a name can be cut into a family prefix: before a non-alphanumeric,
/// between a letter and a digit, or between a lower- and an uppercase letter. Longest first.
pub fn prefix_cuts(name: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut cuts: Vec<usize> = chars
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0].1, w[1].1);
            !b.is_alphanumeric() || (a.is_alphabetic() && b.is_ascii_digit()) || (a.is_lowercase() && b.is_uppercase())
        })
        .map(|w| w[1].0)
        .collect();
    cuts.reverse();
    cuts
}

/// A family name for a release no family claims: its name without the version ("Gemma1" -> "Gemma").
pub fn strip_version(name: &str) -> &str {
    let s = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let s = s.trim_end_matches([' ', '-', '_']);
    let s = s.strip_suffix(" v").or_else(|| s.strip_suffix(" V")).unwrap_or(s);
    if s.is_empty() { name } else { s }
}

/// The model line a release belongs to: its name without versions and sizes, so releases of
/// one line share it ("Qwen1.5", "Qwen2.5" -> "qwen"; "Mistral 8x7B" -> "mistral") and other
/// lines of the same family do not ("Llama3-Chat" -> "llama chat", "Yi VL" -> "yi vl").
pub fn model_line(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter_map(|t| {
            if !t.chars().any(|c| c.is_ascii_digit()) {
                return Some(t.to_lowercase());
            }
            // "Llama3" keeps its word, "V2", "7B" and "8x7B" are versions and sizes.
            let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
            (word.chars().count() >= 2).then(|| word.to_lowercase())
        })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_shorthand_expands_against_the_previous_name() {
        assert_eq!(expand_slashes("VIVO X100/X200"), ["VIVO X100", "VIVO X200"]);
        assert_eq!(expand_slashes("Pixel 8 Pro/9"), ["Pixel 8 Pro", "Pixel 9"]);
        assert_eq!(expand_slashes("xiaomi 14/Pro"), ["xiaomi 14", "xiaomi 14 Pro"]);
        assert_eq!(expand_slashes("Snapdragon 8 Gen3/8 Elite"), ["Snapdragon 8 Gen3", "Snapdragon 8 Elite"]);
        assert_eq!(
            expand_slashes("Snapdragon 8 Gen2/3/Elite"),
            ["Snapdragon 8 Gen2", "Snapdragon 8 Gen3", "Snapdragon 8 Elite"]
        );
        assert_eq!(expand_slashes("iPhone13/iPhone13 Pro"), ["iPhone13", "iPhone13 Pro"]);
        assert_eq!(expand_slashes("Intel processors/graphics"), ["Intel processors", "Intel graphics"]);
        assert_eq!(expand_slashes("MacBook Pro M2 Max"), ["MacBook Pro M2 Max"]);
    }

    #[test]
    fn family_prefix_cuts_and_versions() {
        let cut = |n: &str| prefix_cuts(n).into_iter().map(|i| n[..i].to_string()).collect::<Vec<_>>();
        assert_eq!(cut("Llama3-Chat"), ["Llama3", "Llama"]);
        assert_eq!(cut("MinCPM V2.0"), ["MinCPM V2", "MinCPM V", "MinCPM", "Min"]);
        assert_eq!(strip_version("Gemma1"), "Gemma");
        assert_eq!(strip_version("Octopus v2"), "Octopus");
        assert_eq!(strip_version("MAP Neo"), "MAP Neo");
        assert_eq!(strip_version("42"), "42");
    }

    #[test]
    fn model_lines_drop_versions_and_sizes_only() {
        let line = |n: &str| model_line(n);
        assert_eq!(line("Qwen1.5"), line("Qwen2.5"));
        assert_eq!(line("Mistral 7B"), line("Mistral 8x7B"));
        assert_eq!(line("Octopus v2"), line("Octopus v3"));
        assert_eq!(line("Yi"), line("Yi 1.5"));
        assert_ne!(line("Yi 1.5"), line("Yi VL"));
        assert_ne!(line("LLaMA3"), line("Llama3-Chat"));
        assert_ne!(line("OpenELM"), line("MM1"));
        assert_eq!(line("MM1"), "mm");
    }

    #[test]
    fn registry_unifies_spellings() {
        let mut r = Registry::default();
        let (i, created) = r.add(Id::from_name("Meta"), "Meta");
        assert!(created);
        assert_eq!(r.find("meta"), Some(i));
        r.spell("Facebook", i);
        assert_eq!(r.find("facebook"), Some(i));
        assert_eq!(r.add(Id::from_name("meta"), "meta"), (i, false));
    }
}
