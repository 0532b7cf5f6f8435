//! Fixes: a finding's fix replaces exactly the text of its span (`old`, checked against the file
//! as written) with `new`. `--fix` applies them pass by pass to the files as read (never the
//! normalised text): overlapping fixes of one pass are applied once when identical and otherwise
//! left to the next pass, which lints the result again; it stops when no fix is left.

use std::collections::{BTreeMap, BTreeSet};

use super::{Applicability, Finding, Rule, lint_files};

/// What a finding's fix does: the text of the finding's span, as the list writes it, and its
/// replacement. Never wider than the error (the date inside a badge, the anchor after `#`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fix {
    pub old: String,
    pub new: String,
    pub applicability: Applicability,
}

impl Fix {
    /// A fix of `rule`, as safe as the rule's fixes are (`Fixes::Either` rules say with
    /// [`Fix::with`]).
    pub fn new(rule: Rule, old: impl Into<String>, new: impl Into<String>) -> Fix {
        let applicability =
            if rule.spec().fixes == super::Fixes::Safe { Applicability::Safe } else { Applicability::Unsafe };
        Fix { old: old.into(), new: new.into(), applicability }
    }

    pub fn with(mut self, applicability: Applicability) -> Fix {
        self.applicability = applicability;
        self
    }
}

/// At most this many passes: each lints the result of the last (ruff stops at 100; the list
/// reaches its fixpoint in two).
const MAX_PASSES: usize = 10;

/// One fix as applied: in which pass, where in the text that pass started from, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub pass: usize,
    pub rule: Rule,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub old: String,
    pub new: String,
}

/// What `--fix` made of the list.
#[derive(Debug, Default)]
pub struct Fixed {
    /// Every file as read, and as fixed (equal when nothing changed).
    pub files: Vec<(String, String, String)>,
    pub applied: Vec<Applied>,
    /// Passes that applied something.
    pub passes: usize,
    /// The findings of the fixed list.
    pub remaining: Vec<Finding>,
}

impl Fixed {
    /// Applied fixes by rule.
    pub fn counts(&self) -> BTreeMap<Rule, usize> {
        let mut by: BTreeMap<Rule, usize> = BTreeMap::new();
        self.applied.iter().for_each(|a| *by.entry(a.rule).or_default() += 1);
        by
    }

    /// The files `--fix` changes, as (path, fixed text).
    pub fn changed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().filter(|(_, a, b)| a != b).map(|(p, _, b)| (p.as_str(), b.as_str()))
    }

    /// The changes as a unified diff (`a/PATH`, `b/PATH`, three lines of context), file by file.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (path, before, after) in self.files.iter().filter(|(_, a, b)| a != b) {
            let d = similar::TextDiff::from_lines(before, after);
            let (a, b) = (format!("a/{path}"), format!("b/{path}"));
            out.push_str(&d.unified_diff().context_radius(3).header(&a, &b).to_string());
        }
        out
    }
}

/// Whether `--fix` (with `--unsafe-fixes` when `unsafe_too`) applies this finding's fix.
pub fn applies(f: &Finding, unsafe_too: bool) -> bool {
    f.fix.as_ref().is_some_and(|x| unsafe_too || x.applicability == Applicability::Safe)
}

/// Fixes the list's files (path relative to the list, text as read) pass by pass; `frozen`
/// files are linted but never changed (their text is not their bytes: read lossily).
pub fn fix_files(
    texts: Vec<(String, String)>,
    files: &BTreeSet<String>,
    frozen: &BTreeSet<String>,
    unsafe_too: bool,
) -> Fixed {
    let mut current: Vec<(String, String)> = texts.clone();
    let mut fixed = Fixed::default();
    for pass in 1..=MAX_PASSES {
        let findings = lint_files(current.clone(), files.clone());
        let mut any = false;
        for (path, text) in current.iter_mut().filter(|(p, _)| !frozen.contains(p)) {
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.file == *path && applies(f, unsafe_too)).collect();
            let (new, applied) = apply(text, &mine);
            any |= !applied.is_empty();
            fixed.applied.extend(applied.into_iter().map(|f| Applied {
                pass,
                rule: f.rule,
                file: f.file.clone(),
                line: f.line,
                column: f.column,
                old: f.fix.as_ref().map_or(String::new(), |x| x.old.clone()),
                new: f.fix.as_ref().map_or(String::new(), |x| x.new.clone()),
            }));
            *text = new;
        }
        if !any {
            fixed.remaining = findings;
            break;
        }
        fixed.passes = pass;
    }
    if fixed.passes == MAX_PASSES {
        fixed.remaining = lint_files(current.clone(), files.clone());
    }
    fixed.files = texts.into_iter().zip(current).map(|((p, a), (_, b))| (p, a, b)).collect();
    fixed
}

/// Byte offset of (line, column in characters) in `text` as read: lines end at `\n`, and a
/// byte-order mark (which the normalised text the columns count in lacks) is skipped.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let body = text.strip_prefix('\u{feff}').map_or(0, |_| '\u{feff}'.len_utf8());
    let start = body + text[body..].split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum::<usize>();
    let rest = text.get(start..)?;
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let at = rest.char_indices().map(|(i, _)| i).chain(std::iter::once(rest.len())).nth(column.checked_sub(1)?)?;
    Some(start + at)
}

/// `text` with the fixes of `findings` applied, and the findings whose fix went in. A fix whose
/// `old` text is not at its place (the file as read differs from the normalised text there) is
/// skipped; of overlapping fixes the first is applied, an identical one counted with it, the
/// others left for the next pass.
pub fn apply<'a>(text: &str, findings: &[&'a Finding]) -> (String, Vec<&'a Finding>) {
    let mut edits: Vec<(usize, usize, &'a Finding)> = findings
        .iter()
        .filter_map(|f| {
            let fix = f.fix.as_ref()?;
            let start = offset(text, f.line, f.column)?;
            let end = start + fix.old.len();
            (text.get(start..end) == Some(fix.old.as_str()) && fix.old != fix.new).then_some((start, end, *f))
        })
        .collect();
    edits.sort_by_key(|&(s, e, f)| (s, e, f.rule));
    let mut out = String::with_capacity(text.len());
    let mut applied: Vec<&'a Finding> = Vec::new();
    let (mut at, mut last): (usize, Option<(usize, usize, &str)>) = (0, None);
    for (start, end, f) in edits {
        let new = f.fix.as_ref().map_or("", |x| x.new.as_str());
        match last {
            Some((s, e, n)) if (s, e, n) == (start, end, new) => applied.push(f),
            Some((_, e, _)) if start < e => {}
            _ => {
                out.push_str(&text[at..start]);
                out.push_str(new);
                at = end;
                last = Some((start, end, new));
                applied.push(f);
            }
        }
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::super::{cells::MIXED_UNITS, dates::MIXED_DATE_NOTATION};
    use super::*;

    fn finding(line: usize, column: usize, old: &str, new: &str) -> Finding {
        let rule = if old.ends_with('G') { MIXED_UNITS } else { MIXED_DATE_NOTATION };
        Finding {
            file: "a.md".into(),
            line,
            column,
            width: old.chars().count(),
            rule,
            message: String::new(),
            fix: Some(Fix::new(rule, old, new)),
            source_line: String::new(),
        }
    }

    #[test]
    fn offsets_count_characters_and_skip_a_byte_order_mark() {
        let text = "\u{feff}ab\r\nçd 8G\n";
        assert_eq!(offset(text, 1, 1), Some(3));
        assert_eq!(&text[offset(text, 2, 4).unwrap()..], "8G\n");
        assert_eq!(offset(text, 2, 7), None);
    }

    #[test]
    fn fixes_touch_their_span_only_and_overlaps_wait_for_the_next_pass() {
        let text = "| x | 19.12 | 8G |\r\n| y | 19.12 | 8G |\n";
        let (a, b, c) =
            (finding(1, 7, "19.12", "2019.12"), finding(1, 15, "8G", "8GB"), finding(2, 7, "19.12", "2019.12"));
        let (fixed, applied) = apply(text, &[&a, &b, &c]);
        assert_eq!(fixed, "| x | 2019.12 | 8GB |\r\n| y | 2019.12 | 8G |\n");
        assert_eq!(applied.len(), 3);
        let same = finding(1, 7, "19.12", "2019.12");
        let overlapping = finding(1, 9, ".12", ".11");
        let (fixed, applied) = apply(text, &[&a, &same, &overlapping]);
        assert!(fixed.starts_with("| x | 2019.12 | 8G |\r\n"), "{fixed}");
        assert_eq!(applied.len(), 2, "the identical fix counts, the overlapping one waits");
        let stale = finding(2, 7, "20.01", "2020.01");
        assert_eq!(apply(text, &[&stale]).0, text, "a fix whose text is not at its place is skipped");
    }
}
