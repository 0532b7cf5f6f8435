//! Names (EA2xx): one organisation spelt several ways ("meta"/"Meta", "Shanghai AI Lab"/"Shanghai
//! AI Laboratory", "UW-Madison"/"University of Wisconsin-Madison"), a name one or two letters from a
//! name used elsewhere ("MinCPM"/"MiniCPM"), and LaTeX or HTML entities in names.

use std::collections::BTreeMap;

use super::rule::{Family, Fixes, Spec};
use super::{Applicability, Fix, List, Rule, Sink, Source, Span, header_names};
use crate::diag::Severity;
use crate::import::extract::items;
use crate::import::markdown::{Block, Cell, plain};
use crate::model::name_key;

pub const ORGANISATION_SPELLINGS: Rule = Rule::new(&Spec {
    code: "EA201",
    name: "organisation-spellings",
    severity: Severity::Warning,
    fixes: Fixes::Either,
    what: "one organisation spelt several ways (`meta`/`Meta`, `Shanghai AI Lab`/`Shanghai AI Laboratory`, `UW-Madison`/`University of Wisconsin-Madison`)",
    why: "each spelling becomes its own organisation unless data/ curates an alias, and the figures colour them apart. The fix is safe when the spellings differ only in case or punctuation, unsafe for an abbreviation.",
    example: "| Llama3 | meta | ...   (Meta elsewhere)\n  fix: Meta",
});

pub const NEAR_DUPLICATE_NAME: Rule = Rule::new(&Spec {
    code: "EA202",
    name: "near-duplicate-name",
    severity: Severity::Warning,
    fixes: Fixes::Unsafe,
    what: "a name one or two letters from a name used in more places (`MinCPM` vs `MiniCPM`)",
    why: "a typo in a name splits one model family in two in the knowledge base and the figures. The fix takes the spelling used in more places (a guess: review it).",
    example: "| MinCPM V2.0 | OpenBMB | ...   (MiniCPM in 3 files)\n  fix: MiniCPM   (only the misspelt word changes)",
});

pub const MARKUP_IN_NAME: Rule = Rule::new(&Spec {
    code: "EA203",
    name: "markup-in-name",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "LaTeX or an HTML entity in a name or title (`PanGu-$\\alpha$`)",
    why: "GitHub shows the markup raw in tables and titles; every tool reading the list has to decode it.",
    example: "| PanGu-$\\alpha$ | Huawei | ...   <- write PanGu-α",
});

pub const MARK_FOR_ORGANISATION: Rule = Rule::new(&Spec {
    code: "EA204",
    name: "mark-for-organisation",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "an organisation cell holding a mark (`✔️`, `✗`, `?`, `-`) instead of a name",
    why: "import ignores the cell, so the release takes its family's organisations instead (Llama3-Chat gets `meta` from the LLaMA Series row); a mark there usually means the row's cells slid one column left, and only a person knows the name.",
    example: "| Model | Organization | Size | Edge | Date |\nLlama3-Chat |✔️| 3B、7B、8B | Snapdragon 8 Gen3/8 Elite | 2024.04",
});

pub(super) const FAMILY: Family = Family {
    name: "names",
    rules: &[ORGANISATION_SPELLINGS, NEAR_DUPLICATE_NAME, MARKUP_IN_NAME, MARK_FOR_ORGANISATION],
};

/// One written name and where it is.
struct Use<'a> {
    src: &'a Source,
    at: Span,
    text: String,
}

/// Values that stand in an organisation column without naming one (import warns about them).
const NOT_A_NAME: [&str; 5] = ["✔️", "✔", "✗", "?", "-"];

fn cell_items<'a>(src: &'a Source, cell: &Cell, seps: &[char]) -> Vec<Use<'a>> {
    let mut column = cell.column;
    items(&plain(&cell.inlines), seps)
        .into_iter()
        .filter(|t| !NOT_A_NAME.contains(&t.as_str()))
        .map(|text| {
            let at = src.locate(cell.line, column, &text);
            column = at.column + at.width;
            Use { src, at, text }
        })
        .collect()
}

/// Every table cell under a header named one of `headers`, split into items.
fn column_items<'a>(list: &'a List, headers: &[&str], seps: &[char]) -> Vec<Use<'a>> {
    let mut out = Vec::new();
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { header, rows, .. } = b else { continue };
            let names = header_names(header);
            for (i, _) in names.iter().enumerate().filter(|(_, n)| headers.contains(&n.as_str())) {
                for cell in rows.iter().filter_map(|r| r.get(i)) {
                    out.extend(cell_items(src, cell, seps));
                }
            }
        }
    }
    out
}

/// The names a table row gives in its first column (the text before a badge or line break).
fn row_names(list: &List) -> Vec<Use<'_>> {
    let mut out = Vec::new();
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { rows, .. } = b else { continue };
            for cell in rows.iter().filter_map(|r| r.first()) {
                let text = plain(&cell.inlines);
                let name = text.lines().next().unwrap_or("").trim();
                let name = name.strip_suffix(" Series").unwrap_or(name).to_string();
                if !name.is_empty() {
                    let at = src.locate(cell.line, cell.column, &name);
                    out.push(Use { src, at, text: name });
                }
            }
        }
    }
    out
}

pub fn check(list: &List, sink: &mut Sink) {
    organisations(list, sink);
    marks(list, sink);
    let mut names = row_names(list);
    names.extend(column_items(list, &["model family"], &[',']));
    near_duplicates(&names, sink);
    markup(list, sink);
}

/// EA204: marks where an organisation column wants a name (import warns and ignores them).
fn marks(list: &List, sink: &mut Sink) {
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { header, rows, .. } = b else { continue };
            let names = header_names(header);
            let orgs = names.iter().enumerate().filter(|(_, n)| ["organization", "organisation"].contains(&n.as_str()));
            for (i, _) in orgs {
                for row in rows {
                    let Some(cell) = row.get(i) else { continue };
                    let entry = row.first().map(|c| plain(&c.inlines).trim().to_string()).unwrap_or_default();
                    for mark in items(&plain(&cell.inlines), &[',', '、'])
                        .into_iter()
                        .filter(|t| NOT_A_NAME.contains(&t.as_str()))
                    {
                        let at = src.locate(cell.line, cell.column, &mark);
                        let msg = format!(
                            "organisation cell of {entry:?} holds \"{mark}\", not a name: import ignores it and gives the release its family's organisations (are the row's cells shifted?)"
                        );
                        sink.push(MARK_FOR_ORGANISATION, src, at, msg, None);
                    }
                }
            }
        }
    }
}

/// Whether `short` abbreviates `long`: word by word prefixes ("Shanghai AI Lab"), or initials
/// of the leading words ("UW-Madison" for "University of Wisconsin-Madison").
fn abbreviates(short: &str, long: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (s, l) = (words(short), words(long));
    if s == l || s.is_empty() {
        return false;
    }
    let prefixes = s.len() == l.len() && s.iter().zip(&l).all(|(a, b)| b.starts_with(a.as_str()) && a.len() >= 2);
    let content: Vec<&String> = l.iter().filter(|w| !["of", "and", "the", "for", "de"].contains(&w.as_str())).collect();
    let initials = s.len() < content.len()
        && s.first().is_some_and(|first| {
            let k = first.chars().count();
            k >= 2
                && content.len() >= k
                && content[..k].iter().map(|w| w.chars().next().unwrap_or(' ')).collect::<String>() == *first
                && s[1..].iter().eq(content[k..].iter().copied())
        });
    prefixes || initials
}

fn organisations(list: &List, sink: &mut Sink) {
    let uses = column_items(list, &["organization", "organisation"], &[',', '、']);
    // Spellings in first-seen order, with their uses; spellings of one organisation are grouped.
    let mut spellings: Vec<(String, Vec<&Use>)> = Vec::new();
    for u in &uses {
        match spellings.iter_mut().find(|(s, _)| *s == u.text) {
            Some((_, v)) => v.push(u),
            None => spellings.push((u.text.clone(), vec![u])),
        }
    }
    let n = spellings.len();
    let mut group: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in 0..i {
            let (a, b) = (&spellings[i].0, &spellings[j].0);
            if name_key(a) == name_key(b) || abbreviates(a, b) || abbreviates(b, a) {
                let (gi, gj) = (group[i], group[j]);
                group.iter_mut().filter(|g| **g == gi).for_each(|g| *g = gj);
            }
        }
    }
    for g in 0..n {
        let members: Vec<usize> = (0..n).filter(|&i| group[i] == g).collect();
        if members.len() < 2 {
            continue;
        }
        // The spelling to keep: capitalised before all-lowercase, then the most used, then the first.
        let best = *members
            .iter()
            .max_by_key(|&&i| {
                let s = &spellings[i].0;
                (s.chars().any(char::is_uppercase), spellings[i].1.len(), std::cmp::Reverse(i))
            })
            .expect("two members");
        let (keep, keep_uses) = &spellings[best];
        let first = keep_uses[0];
        for &i in members.iter().filter(|&&i| i != best) {
            for u in &spellings[i].1 {
                let msg = format!(
                    "organisation {:?} is spelt {keep:?} elsewhere ({} use(s), the first at {}:{})",
                    u.text,
                    keep_uses.len(),
                    first.src.path,
                    first.at.line,
                );
                // Case and punctuation only: the same name, safely; an abbreviation is a guess.
                let safety =
                    if name_key(&u.text) == name_key(keep) { Applicability::Safe } else { Applicability::Unsafe };
                let fix = Fix::new(ORGANISATION_SPELLINGS, u.text.as_str(), keep.as_str()).with(safety);
                sink.push(ORGANISATION_SPELLINGS, u.src, u.at, msg, Some(fix));
            }
        }
    }
}

/// The words of a name that can carry a typo: letters only, split at digits and punctuation,
/// at least six letters, since shorter names one letter apart are usually different names
/// ("LLaVA"/"llama") ("MinCPM V2.0" -> "MinCPM"; "Falcon3-Chat" -> "Falcon").
fn words(name: &str) -> Vec<&str> {
    name.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 6).collect()
}

/// Two words that read as one spelt two ways: one or two letter edits apart (one for short
/// words) and neither inside the other ("llama" in "ollama" is another name).
fn near(a: &str, b: &str) -> bool {
    if a == b || a.contains(b) || b.contains(a) {
        return false;
    }
    let d = strsim::levenshtein(a, b);
    let limit = if a.chars().count().min(b.chars().count()) >= 8 { 2 } else { 1 };
    d <= limit
}

fn near_duplicates(names: &[Use], sink: &mut Sink) {
    // word (lowercased) -> (files, uses, the spelling seen most)
    let mut by_word: BTreeMap<String, Vec<(&Use, &str)>> = BTreeMap::new();
    for u in names {
        for w in words(&u.text) {
            by_word.entry(w.to_lowercase()).or_default().push((u, w));
        }
    }
    let weight = |uses: &[(&Use, &str)]| {
        let mut files: Vec<&str> = uses.iter().map(|(u, _)| u.src.path.as_str()).collect();
        files.dedup();
        files.sort();
        files.dedup();
        (files.len(), uses.len())
    };
    let keys: Vec<&String> = by_word.keys().collect();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            if !near(a, b) {
                continue;
            }
            let (ua, ub) = (&by_word[*a], &by_word[*b]);
            // The rarer word (fewer files, then fewer uses) is the suspect.
            let (odd, usual) = if weight(ua) <= weight(ub) { (ua, ub) } else { (ub, ua) };
            let (seen, written) = usual[0];
            let (files, count) = weight(usual);
            for (u, w) in odd {
                let msg = format!(
                    "{:?} is {} from {written:?}, used at {}:{} ({count} times in {files} files); the same name misspelt?",
                    u.text,
                    match strsim::levenshtein(&w.to_lowercase(), &written.to_lowercase()) {
                        1 => "one letter",
                        _ => "two letters",
                    },
                    seen.src.path,
                    seen.at.line,
                );
                // The misspelt word alone.
                let before = u.text.find(w).map_or(0, |i| u.text[..i].chars().count());
                let at = Span { column: u.at.column + before, width: w.chars().count(), ..u.at };
                sink.push(
                    NEAR_DUPLICATE_NAME,
                    u.src,
                    at,
                    msg,
                    Some(Fix::new(NEAR_DUPLICATE_NAME, *w, written.to_string())),
                );
            }
        }
    }
}

/// Inline LaTeX (`$\alpha$`) or an HTML entity (`&amp;`, `&#945;`) in a raw name or title.
fn markup_in(raw: &str) -> Option<&str> {
    if let Some(start) = raw.find('$')
        && let Some(len) = raw[start + 1..].find('$')
        && raw[start + 1..start + 1 + len].contains('\\')
    {
        return Some(&raw[start..start + len + 2]);
    }
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        let tail = &rest[at + 1..];
        let end = tail
            .find(';')
            .filter(|&e| (1..=10).contains(&e) && tail[..e].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'));
        if let Some(e) = end {
            let offset = raw.len() - rest.len() + at;
            return Some(&raw[offset..offset + e + 2]);
        }
        rest = tail;
    }
    None
}

fn markup(list: &List, sink: &mut Sink) {
    let mut check = |src: &Source, line: usize, column: usize, raw: &str, what: &str| {
        if let Some(m) = markup_in(raw) {
            let at = src.locate(line, column, m);
            let kind = if m.starts_with('$') { "LaTeX" } else { "an HTML entity" };
            let msg = format!("{what} {:?} holds {kind} ({m}): write the character itself", raw.trim());
            sink.push(MARKUP_IN_NAME, src, at, msg, None);
        }
    };
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        for b in &doc.blocks {
            let Block::Table { rows, .. } = b else { continue };
            for cell in rows.iter().filter_map(|r| r.first()) {
                let line = src.line(cell.line);
                let start = line.char_indices().nth(cell.column - 1).map_or(line.len(), |(i, _)| i);
                let raw = line[start..].trim_start_matches('|');
                let raw = &raw[..raw.find('|').unwrap_or(raw.len())];
                check(src, cell.line, cell.column, raw, "name");
            }
        }
    }
    for p in &list.extracted.papers {
        let Some(src) = list.source(&p.src.file) else { continue };
        let line = src.line(p.src.line);
        let raw = &line[..line.find('<').unwrap_or(line.len())];
        check(src, p.src.line, 1, raw, "title");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_by_prefix_and_initials() {
        assert!(abbreviates("Shanghai AI Lab", "Shanghai AI Laboratory"));
        assert!(abbreviates("UW-Madison", "University of Wisconsin-Madison"));
        assert!(!abbreviates("Meta", "Microsoft"));
        assert!(!abbreviates("MS", "Microsoft"));
        assert!(!abbreviates("Apple", "Apple"));
    }

    #[test]
    fn near_words_are_typos_not_versions_or_other_names() {
        assert_eq!(words("MinCPM Llama3 V2.5"), ["MinCPM"]);
        assert_eq!(words("Falcon3-Chat"), ["Falcon"]);
        assert!(near("mincpm", "minicpm"));
        assert!(!near("ollama", "ollamas"));
        assert!(!near("gemini", "gemma"));
        assert!(near("transformer", "transformr"));
    }

    #[test]
    fn markup_is_latex_math_or_an_entity() {
        assert_eq!(markup_in(r"PanGu-$\alpha$ "), Some(r"$\alpha$"));
        assert_eq!(markup_in("AT&amp;T"), Some("&amp;"));
        assert_eq!(markup_in("A &#945; B"), Some("&#945;"));
        assert_eq!(markup_in("Q&A costs $5 or $6"), None);
    }
}
