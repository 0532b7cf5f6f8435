//! The removal guard: import stops before writing anything when the list suddenly holds much
//! less than data/ does. A real edit of the list removes a handful of rows; a parse failure
//! (an unreadable section, a missing or renamed file, a reworded heading) removes a whole
//! section or table. So a table or a section of the paper tree that loses all its rows, more
//! than [`MAX_ROWS`], or more than [`MAX_PERCENT`] % of them (at least three) stops the import,
//! naming what would go and the likely cause; `--accept-removals` lets it go ahead.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use super::TableChange;
use super::extract::section_number;
use super::markdown::{Block, Doc, Inline};
use crate::data::Dataset;
use crate::diag::{Diagnostics, quoted};
use crate::model::{Key, RelationKind, name_key};

/// More rows than this gone from one table or section at once stop the import.
pub const MAX_ROWS: usize = 10;
/// A larger share than this (in %) gone from one table or section stops it too...
pub const MAX_PERCENT: usize = 20;
/// ...when more rows than this go: two of five backends is an edit.
const SHARE_FROM: usize = 2;

/// Whether losing `gone` of `before` rows is more than an edit of the list does.
pub fn too_many(before: usize, gone: usize) -> bool {
    before > 0
        && gone > 0
        && (gone == before || gone > MAX_ROWS || (gone > SHARE_FROM && gone * 100 > before * MAX_PERCENT))
}

/// Why an import stopped: what would go, and what in the list probably caused it.
#[derive(Debug)]
pub struct Stop {
    /// One line per table or section losing too much.
    pub losses: Vec<String>,
    /// Likely causes, located in the list.
    pub causes: Vec<String>,
    /// What the import would have done to each table (the removed ids included).
    pub tables: Vec<TableChange>,
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "import stopped before writing anything: it would remove more than an edit of the list does \
             (a table or section losing all its rows, more than {MAX_ROWS}, or more than {MAX_PERCENT} %)"
        )?;
        for l in &self.losses {
            writeln!(f, "  {l}")?;
        }
        match self.causes.as_slice() {
            [] => writeln!(f, "likely cause: none found in the list's structure; compare it with the last import")?,
            causes => {
                writeln!(f, "likely cause:")?;
                for c in causes {
                    writeln!(f, "  {c}")?;
                }
            }
        }
        write!(f, "fix the list, or look with --dry-run and remove them on purpose with --accept-removals")
    }
}

/// Compares what data/ held (`prev`) with what the list yields (`fresh`, and after merging,
/// `tables`); `None` when every loss is within the guard's limits.
pub fn check(
    tables: &[TableChange],
    prev: &Dataset,
    fresh: &Dataset,
    docs: &[Doc],
    warnings: &Diagnostics,
) -> Option<Stop> {
    let mut losses = Vec::new();
    for t in tables {
        let before = t.rows - t.added.len() + t.removed.len();
        if too_many(before, t.removed.len()) {
            losses.push(format!("{}: {} of {before} rows would go", t.file, t.removed.len()));
        }
    }
    let mut causes = Vec::new();
    for s in &prev.techniques {
        let key = Key { kind: crate::model::EntryKind::Technique, id: s.id.clone() };
        let covering = |d: &Dataset| -> BTreeSet<String> {
            d.relations
                .iter()
                .filter(|r| r.relation == RelationKind::Covers && r.target == key)
                .map(|r| r.source.to_string())
                .collect()
        };
        let before = covering(prev);
        let gone = before.difference(&covering(fresh)).count();
        if too_many(before.len(), gone) {
            let number = s.number.as_deref().map(|n| format!("{n} ")).unwrap_or_default();
            let left = before.len() - gone;
            losses.push(format!(
                "section {number}{} held {} papers; {gone} would go, {left} left",
                quoted(&s.name),
                before.len()
            ));
            causes.extend(section_cause(s.number.as_deref(), &s.name, docs, warnings));
        }
    }
    if losses.is_empty() {
        return None;
    }
    if causes.iter().any(|c| c.ends_with(MISSING)) {
        // Sections found nowhere were most likely in the missing file: said once, by the file.
        causes.retain(|c| !c.ends_with(NOWHERE));
    }
    if causes.is_empty() {
        causes = missing_files(docs);
    }
    if causes.is_empty() {
        causes.extend(busiest_warnings(warnings));
    }
    let mut seen = BTreeSet::new();
    causes.retain(|c| seen.insert(c.clone()));
    Some(Stop { losses, causes, tables: tables.to_vec() })
}

/// A place where a section starts: a heading, or a bold title line inside a section.
struct Mark<'d> {
    doc: &'d Doc,
    /// Index of its block in the document.
    block: usize,
    line: usize,
    number: Option<String>,
    name: String,
}

/// Every heading and bold title of the list, in reading order.
fn marks(docs: &[Doc]) -> Vec<Mark<'_>> {
    let mut out = Vec::new();
    for doc in docs {
        for (block, b) in doc.blocks.iter().enumerate() {
            match b {
                Block::Heading { line, text, .. } => {
                    let (number, name) = section_number(text);
                    out.push(Mark { doc, block, line: *line, number, name: name.to_string() });
                }
                Block::Paragraph { line, inlines }
                    if inlines.iter().any(|i| matches!(i, Inline::Text { strong: true, .. })) =>
                {
                    let name = super::markdown::plain(inlines).trim().to_string();
                    out.push(Mark { doc, block, line: *line, number: None, name });
                }
                _ => {}
            }
        }
    }
    out
}

/// What became of a section (by `number`, else by `name`) in the list: reworded, numbered
/// twice, unreadable items, or no heading at all (and a file that the list's links still name).
fn section_cause(number: Option<&str>, name: &str, docs: &[Doc], warnings: &Diagnostics) -> Vec<String> {
    let all = marks(docs);
    let here: Vec<&Mark> = all
        .iter()
        .filter(|m| match number {
            Some(n) => m.number.as_deref() == Some(n),
            None => m.number.is_none() && name_key(&m.name) == name_key(name),
        })
        .collect();
    let what = match number {
        Some(n) => format!("section {n}"),
        None => format!("section {}", quoted(name)),
    };
    let mut out = Vec::new();
    match here.as_slice() {
        [] => {
            let links = links(docs);
            let linked = number.and_then(|n| links.iter().find(|l| l.text.trim_start().starts_with(&format!("{n}."))));
            out.push(match linked {
                Some(l) if !l.exists => {
                    // Said once for the file, at the list's first link to it.
                    missing(links.iter().find(|f| f.target == l.target).unwrap_or(l))
                }
                Some(l) => format!(
                    "no heading for {what} in the list, though {}:{} links to it in {}: reworded or removed?",
                    l.file, l.line, l.target
                ),
                None => format!("no heading for {what} in the list{NOWHERE}"),
            });
        }
        [m] if name_key(&m.name) != name_key(name) => {
            out.push(format!(
                "{}:{}: the heading of {what} now reads {}, was {}",
                m.doc.path,
                m.line,
                quoted(&m.name),
                quoted(name)
            ));
        }
        [m] => {
            let end_block = all
                .iter()
                .find(|n| std::ptr::eq(n.doc, m.doc) && n.block > m.block)
                .map_or(m.doc.blocks.len(), |n| n.block);
            let end_line =
                all.iter().find(|n| std::ptr::eq(n.doc, m.doc) && n.line > m.line).map_or(usize::MAX, |n| n.line);
            let file = &m.doc.path;
            let inside: Vec<_> =
                warnings.iter().filter(|w| w.file == *file && w.line > m.line && w.line < end_line).collect();
            let unbadged = m.doc.blocks[m.block..end_block]
                .iter()
                .filter(|b| matches!(b, Block::Item { inlines, .. } if !inlines.iter().any(|i| matches!(i, Inline::Badge { .. }))))
                .count();
            out.push(match inside.first() {
                Some(w) => format!(
                    "{file}:{}: {what} is there, but the importer could not read {} of its lines (first {}:{}: {})",
                    m.line,
                    inside.len(),
                    w.file,
                    w.line,
                    w.message
                ),
                None if unbadged > 0 => format!(
                    "{file}:{}: {what} is there, but {unbadged} of its items have no badge the importer reads (an img.shields.io badge with a paper's colour)",
                    m.line
                ),
                None => format!("{file}:{}: {what} is there, but its items are gone or moved", m.line),
            });
        }
        many => {
            let places: Vec<String> = many.iter().map(|m| format!("{}:{}", m.doc.path, m.line)).collect();
            out.push(format!("two sections are {what} ({}): one of them is read as the other", places.join(", ")));
        }
    }
    out
}

/// How a cause ends when a section is found nowhere in the list, the file holding it unknown.
const NOWHERE: &str = ": its file renamed, moved or deleted?";
/// How a cause naming a missing file ends.
const MISSING: &str = "links to it (renamed, moved or deleted?)";

/// The file each of the list's own links to a Markdown file names, and whether it exists.
struct Link {
    file: String,
    line: usize,
    text: String,
    target: String,
    exists: bool,
}

fn links(docs: &[Doc]) -> Vec<Link> {
    let mut out = Vec::new();
    for d in docs {
        let folder = Path::new(&d.path).parent().unwrap_or(Path::new(""));
        for b in &d.blocks {
            let (Block::Item { line, inlines } | Block::Paragraph { line, inlines }) = b else { continue };
            for i in inlines {
                let Inline::Link { href, text } = i else { continue };
                let file = href.split('#').next().unwrap_or("");
                if !file.ends_with(".md") || file.contains("://") {
                    continue;
                }
                let path = folder.join(file);
                out.push(Link {
                    file: d.path.clone(),
                    line: *line,
                    text: text.clone(),
                    target: path.display().to_string(),
                    exists: path.is_file(),
                });
            }
        }
    }
    out
}

/// Markdown files the list links to and does not have: a renamed or removed file.
fn missing_files(docs: &[Doc]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    links(docs).iter().filter(|l| !l.exists && seen.insert(l.target.clone())).map(missing).collect()
}

fn missing(l: &Link) -> String {
    format!("{} is missing: {}:{} {MISSING}", l.target, l.file, l.line)
}

/// The files with most importer warnings, where unread rows usually are.
fn busiest_warnings(warnings: &Diagnostics) -> Vec<String> {
    let mut by_file: Vec<(String, usize, String)> = Vec::new();
    for w in warnings.iter() {
        match by_file.iter_mut().find(|(f, _, _)| *f == w.file) {
            Some(e) => e.1 += 1,
            None => by_file.push((w.file.clone(), 1, format!("{}:{}: {}", w.file, w.line, w.message))),
        }
    }
    by_file.sort_by_key(|e| std::cmp::Reverse(e.1));
    by_file
        .into_iter()
        .take(3)
        .map(|(file, n, first)| format!("{file}: {n} lines the importer could not read (first {first})"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_lets_edits_through_and_stops_sections_and_tables() {
        assert!(!too_many(162, 3), "a few papers removed is an edit");
        assert!(!too_many(5, 2), "two of five backends");
        assert!(too_many(162, 11), "more than ten rows");
        assert!(too_many(12, 3), "a quarter of a table");
        assert!(too_many(1, 1), "a table that held rows yields none");
        assert!(!too_many(0, 0));
    }
}
