//! `lint`: checks the list's Markdown as written, for what only a reader of its data can see
//! (links and anchors, spellings, dates, papers, cells, structure); one file per rule family.
//! The Markdown is read by the importer's own parser and extractor, never parsed twice.

mod cells;
mod dates;
mod fix;
mod links;
mod names;
mod papers;
mod reading;
mod report;
mod rule;
mod structure;

pub use fix::{Applied, Fix, Fixed, applies};
pub use report::{Format, render, summary};
pub use rule::{Applicability, Family, Fixes, Rule, Spec, explain, table};

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Diagnostics, Severity};
use crate::import::badge::Badge;
use crate::import::extract::{self, Extracted};
use crate::import::markdown::{self, Block, Doc, Inline};
use crate::import::{ImportError, read_list};

/// Every family's rules, in id order: `Rule::all`, `--explain` and the README's table read this.
const FAMILIES: &[Family] =
    &[reading::FAMILY, links::FAMILY, names::FAMILY, dates::FAMILY, papers::FAMILY, cells::FAMILY, structure::FAMILY];

/// One problem in the list: where, which rule, what, and the replacement text when there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Relative to the list's directory, with `/` separators.
    pub file: String,
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// How many characters the finding covers (at least 1).
    pub width: usize,
    pub rule: Rule,
    pub message: String,
    /// Replaces the finding's span (`old` is its text as written).
    pub fix: Option<Fix>,
    /// The source line, for showing the finding in context.
    pub source_line: String,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The source line with the fix applied (what a suggestion shows).
    pub fn fixed_line(&self) -> Option<String> {
        let fix = self.fix.as_ref()?;
        let (before, rest): (String, String) = {
            let mut chars = self.source_line.chars();
            let before = chars.by_ref().take(self.column.saturating_sub(1)).collect();
            (before, chars.collect())
        };
        let after: String = rest.chars().skip(self.width).collect();
        Some(format!("{before}{}{after}", fix.new))
    }
}

/// A place in a source file: line, column and width in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

/// One Markdown file of the list, with its lines for locating findings.
pub(crate) struct Source {
    pub path: String,
    text: String,
    starts: Vec<usize>,
}

impl Source {
    fn new(path: String, text: String) -> Source {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Source { path, text, starts }
    }

    /// Line `n` (1-based) without its line ending; empty past the end.
    pub fn line(&self, n: usize) -> &str {
        let Some(&start) = self.starts.get(n.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The first `needle` at or after (`line`, `column`), looking at most 40 lines down.
    pub fn find(&self, line: usize, column: usize, needle: &str) -> Option<Span> {
        if needle.is_empty() {
            return None;
        }
        for n in line..(line + 40).min(self.lines() + 1) {
            let text = self.line(n);
            let skip = if n == line { column.saturating_sub(1) } else { 0 };
            let from = text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i);
            if let Some(at) = text[from..].find(needle) {
                let column = text[..from + at].chars().count() + 1;
                return Some(Span { line: n, column, width: needle.chars().count() });
            }
        }
        None
    }

    /// Where `needle` is, else the start of the block.
    pub fn locate(&self, line: usize, column: usize, needle: &str) -> Span {
        self.find(line, column, needle).unwrap_or(Span { line, column: column.max(1), width: 1 })
    }

    /// A shields.io badge equal to `badge`, as written, at or after (`line`, `column`): the span of
    /// its `label-message-colour` part.
    pub fn locate_badge(&self, line: usize, column: usize, badge: &Badge) -> Span {
        const PREFIX: &str = "https://img.shields.io/badge/";
        let mut at = (line, column);
        while let Some(s) = self.find(at.0, at.1, PREFIX) {
            let text = self.line(s.line);
            let start = text.char_indices().nth(s.column - 1).map_or(text.len(), |(i, _)| i);
            let url = &text[start..];
            let end = url.find(['"', '\'', ')', ' ', '>']).unwrap_or(url.len());
            if Badge::parse(&url[..end]).as_ref() == Some(badge) {
                let width = url[PREFIX.len()..end].chars().count();
                return Span { line: s.line, column: s.column + PREFIX.len(), width: width.max(1) };
            }
            at = (s.line, s.column + 1);
        }
        Span { line, column: column.max(1), width: 1 }
    }

    /// Where a badge's message is written inside its `label-message-colour` span (`at`, from
    /// [`Source::locate_badge`]), when written as it reads (no escapes).
    pub fn locate_message(&self, at: Span, badge: &Badge) -> Option<Span> {
        let segment: String = self.line(at.line).chars().skip(at.column - 1).take(at.width).collect();
        let before = match &badge.label {
            Some(_) => segment.find(&format!("-{}-", badge.message))? + 1,
            None => segment.starts_with(&format!("{}-", badge.message)).then_some(0)?,
        };
        let column = at.column + segment[..before].chars().count();
        Some(Span { line: at.line, column, width: badge.message.chars().count() })
    }
}

/// The list as read once: its sources, the importer's blocks and records, and the other files
/// in its directory (for links to them).
pub(crate) struct List {
    pub sources: Vec<Source>,
    pub docs: Vec<Doc>,
    pub extracted: Extracted,
    pub files: BTreeSet<String>,
}

impl List {
    pub fn source(&self, path: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.path == path)
    }

    /// Every piece of inline content with the line and column its block starts at.
    pub fn inlines(&self) -> impl Iterator<Item = (&Source, usize, usize, &[Inline])> {
        self.docs.iter().zip(&self.sources).flat_map(|(doc, src)| {
            doc.blocks.iter().flat_map(move |b| -> Vec<(&Source, usize, usize, &[Inline])> {
                match b {
                    Block::Item { line, inlines } | Block::Paragraph { line, inlines } => {
                        vec![(src, *line, 1, inlines.as_slice())]
                    }
                    Block::Table { header, rows, .. } => header
                        .iter()
                        .chain(rows.iter().flatten())
                        .map(|c| (src, c.line, c.column, c.inlines.as_slice()))
                        .collect(),
                    Block::Heading { .. } => vec![],
                }
            })
        })
    }
}

/// Collects findings for one rule family.
pub(crate) struct Sink(Vec<Finding>);

impl Sink {
    /// A finding; its fix is kept only when `old` is the text of the span, so that a fix never
    /// replaces text it did not mean (a span that fell back to the start of a block).
    pub fn push(&mut self, rule: Rule, src: &Source, at: Span, message: String, fix: Option<Fix>) {
        let Span { line, column, width } = at;
        let source_line = src.line(line).to_string();
        let spanned: String = source_line.chars().skip(column.saturating_sub(1)).take(width).collect();
        let fix = fix.filter(|f| f.old == spanned && f.old.chars().count() == width && f.old != f.new);
        let file = src.path.clone();
        self.0.push(Finding { file, line, column, width: width.max(1), rule, message, fix, source_line });
    }
}

/// Lints the list's Markdown files, given as (path relative to the list, text); `files` are the
/// other paths in the list's directory, for links to them. Pure: tests and embedders call it.
pub fn lint_files(texts: Vec<(String, String)>, files: BTreeSet<String>) -> Vec<Finding> {
    let mut diags = Diagnostics::default();
    // Read as the importer reads them; what that changed is one finding per file.
    let (texts, changes): (Vec<_>, Vec<_>) = texts
        .into_iter()
        .map(|(path, text)| {
            let (text, changes) = crate::normalise::text(&text);
            ((path, text), changes)
        })
        .unzip();
    let docs: Vec<Doc> = texts.iter().map(|(path, text)| markdown::parse(path, text, &mut diags)).collect();
    let extracted = extract::extract(&docs, &mut diags);
    let sources: Vec<Source> = texts.into_iter().map(|(p, t)| Source::new(p, t)).collect();
    let list = List { sources, docs, extracted, files };
    let mut sink = Sink(Vec::new());
    reading::check(&list, &changes, &diags, &mut sink);
    links::check(&list, &mut sink);
    names::check(&list, &mut sink);
    dates::check(&list, &mut sink);
    papers::check(&list, &mut sink);
    cells::check(&list, &mut sink);
    structure::check(&list, &mut sink);
    let mut out = sink.0;
    out.retain(|f| !list.source(&f.file).is_some_and(|s| suppressed(s, f)));
    out.sort();
    out.dedup();
    out
}

/// Lints the list checked out at `dir`. Files the importer would refuse come back as diagnostics.
pub fn lint_dir(dir: &Path) -> Result<(Vec<Finding>, Diagnostics), ImportError> {
    let (texts, files, diags) = read_dir(dir)?;
    Ok((lint_files(texts, files), diags))
}

/// Fixes the list checked out at `dir` in memory (`Fixed::changed` is what to write): every
/// safe fix, and the unsafe ones with `unsafe_too`. Files the importer read with a warning
/// (not UTF-8, skipped) are never changed.
pub fn fix_dir(dir: &Path, unsafe_too: bool) -> Result<(Fixed, Diagnostics), ImportError> {
    let (texts, files, diags) = read_dir(dir)?;
    let frozen = diags.iter().map(|d| d.file.clone()).collect::<BTreeSet<String>>();
    let frozen: BTreeSet<String> =
        texts.iter().filter(|(p, _)| frozen.iter().any(|f| f.ends_with(p.as_str()))).map(|(p, _)| p.clone()).collect();
    Ok((fix::fix_files(texts, &files, &frozen, unsafe_too), diags))
}

/// The list's Markdown files (path relative to `dir`, text as read), the other paths in its
/// directory, and what reading them warned about.
type Read = (Vec<(String, String)>, BTreeSet<String>, Diagnostics);

fn read_dir(dir: &Path) -> Result<Read, ImportError> {
    let mut diags = Diagnostics::default();
    let texts = read_list(dir, &mut diags)?;
    let rel = |p: &Path| {
        let r = p.strip_prefix(dir).unwrap_or(p);
        r.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    };
    let texts = texts.into_iter().map(|(p, t)| (rel(&p), t)).collect();
    let mut files = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    // A list's checkout holds a few hundred files; the cap keeps a wrong LIST_DIR cheap.
    while let Some(d) = stack.pop().filter(|_| files.len() < 100_000) {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            files.insert(rel(&p));
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            }
        }
    }
    Ok((texts, files, diags))
}

/// Whether a `<!-- edge-atlas-lint disable RULE... -->` before the finding, not re-enabled by a
/// later `enable`, switches its rule off (no rule named: all rules), as remark-message-control does.
fn suppressed(src: &Source, f: &Finding) -> bool {
    let mut all = false;
    let mut listed: BTreeSet<Rule> = BTreeSet::new();
    for n in 1..=f.line.min(src.lines()) {
        let line = src.line(n);
        let mut rest = line;
        while let Some(at) = rest.find("<!--") {
            let body = &rest[at + 4..];
            let end = body.find("-->").unwrap_or(body.len());
            let mut words = body[..end].split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
            rest = &body[end..];
            if words.next() != Some("edge-atlas-lint") {
                continue;
            }
            let disable = match words.next() {
                Some("disable") => true,
                Some("enable") => false,
                _ => continue,
            };
            let rules: Vec<Rule> = words.filter_map(Rule::from_code).collect();
            if rules.is_empty() {
                all = disable;
                listed.clear();
            } else {
                // Under a blanket disable the listed rules are exceptions that are back on.
                for r in rules {
                    if disable != all {
                        listed.insert(r);
                    } else {
                        listed.remove(&r);
                    }
                }
            }
        }
    }
    all != listed.contains(&f.rule)
}

/// Header cell texts of a table, lowercased, to find columns by name.
pub(crate) fn header_names(header: &[markdown::Cell]) -> Vec<String> {
    header.iter().map(|c| markdown::plain(&c.inlines).trim().to_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<String> {
        lint_files(vec![("README.md".into(), text.into())], BTreeSet::new())
            .iter()
            .map(|f| format!("{}:{}:{} {}", f.file, f.line, f.column, f.rule.code()))
            .collect()
    }

    #[test]
    fn comments_switch_rules_off_and_on() {
        let text = "# A\n\n- [x](#nope)\n<!-- edge-atlas-lint disable EA101 -->\n- [y](#nope)\n<!-- edge-atlas-lint enable EA101 -->\n- [z](#nope)\n<!-- edge-atlas-lint disable -->\n- [w](#nope)\n";
        assert_eq!(lint(text), ["README.md:3:8 EA101", "README.md:7:8 EA101"]);
    }

    #[test]
    fn locate_finds_text_and_badges_on_later_lines() {
        let s = Source::new("a.md".into(), "ab\ncd <img src=\"https://img.shields.io/badge/x-24.01-b31b1b\"/>".into());
        assert_eq!(s.locate(1, 1, "d"), Span { line: 2, column: 2, width: 1 });
        let b = Badge::parse("https://img.shields.io/badge/x-24.01-b31b1b").unwrap();
        assert_eq!(s.locate_badge(1, 1, &b), Span { line: 2, column: 43, width: 14 });
    }
}
