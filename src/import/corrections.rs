//! Curated corrections (data/corrections.csv): the list writes X, the name is Y. Import writes
//! Y into every name that has X as whole words, keeps the list's spelling as an alias (so
//! lookups by it still work), and says when a correction matches nothing any more, as when the
//! list fixed the typo itself.

use crate::data::Dataset;
use crate::diag::{Diagnostic, Diagnostics, Severity, quoted};
use crate::model::*;

/// One name a correction changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrected {
    pub key: Key,
    /// As the list writes it.
    pub old: String,
    pub new: String,
    /// The row of corrections.csv that applied (its line in the file).
    pub line: usize,
    /// Whether this run added the list's spelling to the aliases.
    pub new_alias: bool,
}

/// `text` with every whole-word `from` replaced by `to` (a word: not preceded or followed by a
/// letter or digit), or `None` when it has none.
pub(crate) fn replace_words(text: &str, from: &str, to: &str) -> Option<String> {
    if from.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::new();
    let mut rest = 0;
    let mut any = false;
    for (at, _) in text.match_indices(from) {
        let end = at + from.len();
        if at < rest || word(text[..at].chars().next_back()) || word(text[end..].chars().next()) {
            continue;
        }
        out.push_str(&text[rest..at]);
        out.push_str(to);
        rest = end;
        any = true;
    }
    any.then(|| out + &text[rest..])
}

/// Calls `f` with the key and a mutable name of every entry: its name, and a paper's title and
/// short name.
fn each_name(d: &mut Dataset, mut f: impl FnMut(Key, &mut String)) {
    macro_rules! names {
        ($($table:ident: $kind:ident),*) => {$(
            for e in &mut d.$table {
                f(Key::new(EntryKind::$kind, e.id.clone()), &mut e.name);
            }
        )*};
    }
    names!(organisations: Organisation, families: Family, models: Model, frameworks: Framework,
        backends: Backend, chips: Chip, devices: Device, techniques: Technique, products: Product,
        benchmarks: Benchmark, formats: Format);
    for p in &mut d.papers {
        let key = Key::new(EntryKind::Paper, p.id.clone());
        f(key.clone(), &mut p.title);
        if let Some(short) = &mut p.short_name {
            f(key, short);
        }
    }
}

/// Applies `corrections` (at `lines` of `file`) to the names of `fresh`, in table order, and
/// adds each name's old spelling to `fresh.aliases` unless the entry has an alias spelt the
/// same way (as names are matched). A correction whose words no name has is a warning: no longer
/// needed when the list writes the corrected words, else matching nothing.
pub fn apply(
    fresh: &mut Dataset,
    corrections: &[Correction],
    lines: &[usize],
    file: &str,
) -> (Vec<Corrected>, Diagnostics) {
    let mut out = Vec::new();
    let mut used = vec![false; corrections.len()];
    let mut writes_name = vec![false; corrections.len()];
    each_name(fresh, |key, name| {
        for (i, c) in corrections.iter().enumerate() {
            writes_name[i] |= replace_words(name, &c.name, &c.name).is_some();
            let Some(new) = replace_words(name, &c.written, &c.name) else { continue };
            used[i] = true;
            let old = std::mem::replace(name, new.clone());
            out.push(Corrected { key: key.clone(), old, new, line: lines[i], new_alias: false });
        }
    });
    // A name two corrections changed is one rename: the list's spelling to the last one's.
    let mut merged: Vec<Corrected> = Vec::new();
    for c in out {
        match merged.last_mut().filter(|m| m.key == c.key && m.new == c.old) {
            Some(m) => m.new = c.new,
            None => merged.push(c),
        }
    }
    for c in &mut merged {
        let known = fresh.aliases.iter().any(|a| a.target == c.key && name_key(&a.alias) == name_key(&c.old));
        if !known && name_key(&c.old) != name_key(&c.new) {
            fresh.aliases.push(Alias { alias: c.old.clone(), target: c.key.clone() });
            c.new_alias = true;
        }
    }
    let mut warnings = Diagnostics::default();
    for (i, c) in corrections.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let why = if writes_name[i] {
            format!(
                "the list now writes {} and no longer {}: no longer needed, remove it",
                quoted(&c.name),
                quoted(&c.written)
            )
        } else {
            format!("no name in the list has {} (nor {}): it corrects nothing", quoted(&c.written), quoted(&c.name))
        };
        let d = Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, lines[i], 1, why) };
        warnings.push(d);
    }
    (merged, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(replace_words("MinCPM V2.0", "MinCPM", "MiniCPM").as_deref(), Some("MiniCPM V2.0"));
        assert_eq!(replace_words("MinCPM-V and MinCPM", "MinCPM", "MiniCPM").as_deref(), Some("MiniCPM-V and MiniCPM"));
        assert_eq!(replace_words("XMinCPM", "MinCPM", "MiniCPM"), None);
        assert_eq!(replace_words("MinCPMs", "MinCPM", "MiniCPM"), None);
        assert_eq!(replace_words("Mistral 7B", "Mistral 7B", "Mistral-7B").as_deref(), Some("Mistral-7B"));
        assert_eq!(replace_words("é MinCPM", "MinCPM", "MiniCPM").as_deref(), Some("é MiniCPM"));
        assert_eq!(replace_words("anything", "", "x"), None);
    }

    fn model(id: &str, name: &str) -> Model {
        Model::named(id.parse().unwrap(), name.into())
    }

    fn fix(written: &str, name: &str) -> Correction {
        Correction { written: written.into(), name: name.into(), source: "test".into() }
    }

    #[test]
    fn names_are_corrected_the_old_spelling_kept_as_alias_and_stale_rows_reported() {
        let mut d = Dataset {
            models: vec![model("mincpm", "MinCPM"), model("mincpm-v2", "MinCPM V2"), model("qwen", "Qwen")],
            aliases: vec![Alias {
                alias: "mincpm v2".into(),
                target: Key::new(EntryKind::Model, "mincpm-v2".parse().unwrap()),
            }],
            ..Dataset::default()
        };
        let rows =
            [fix("MinCPM", "MiniCPM"), fix("Gemma1", "Gemma"), fix("Tinyllama", "TinyLlama"), fix("Qwen", "Qwen1")];
        let (done, warnings) = apply(&mut d, &rows, &[2, 3, 4, 5], "corrections.csv");
        let names: Vec<&str> = d.models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["MiniCPM", "MiniCPM V2", "Qwen1"]);
        let summary: Vec<(String, String, usize, bool)> =
            done.into_iter().map(|c| (c.old, c.new, c.line, c.new_alias)).collect();
        assert_eq!(
            summary,
            [
                ("MinCPM".into(), "MiniCPM".into(), 2, true),
                ("MinCPM V2".into(), "MiniCPM V2".into(), 2, false),
                ("Qwen".into(), "Qwen1".into(), 5, true),
            ]
        );
        let aliases: Vec<String> = d.aliases.iter().map(|a| format!("{} {}", a.alias, a.target)).collect();
        assert_eq!(aliases, ["mincpm v2 model:mincpm-v2", "MinCPM model:mincpm", "Qwen model:qwen"]);
        let text = warnings.to_string();
        assert_eq!(warnings.iter().count(), 2, "{text}");
        assert!(text.contains("corrections.csv:3:1: warning: no name in the list has \"Gemma1\""), "{text}");
        assert!(text.contains("corrections.csv:4:1: warning: no name in the list has \"Tinyllama\""), "{text}");
        // The list fixed it: the correction is reported as no longer needed.
        let mut d = Dataset { models: vec![model("minicpm", "MiniCPM")], ..Dataset::default() };
        let (done, warnings) = apply(&mut d, &rows[..1], &[2], "corrections.csv");
        assert!(done.is_empty() && d.aliases.is_empty());
        let text = warnings.to_string();
        assert!(text.contains("corrections.csv:2:1: warning: the list now writes \"MiniCPM\" and no longer \"MinCPM\": no longer needed"), "{text}");
    }
}
