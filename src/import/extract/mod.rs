//! From Markdown blocks to raw records: which table or list is which, found by table headers
//! and section headings (never by file names), with every cell's text and badges decoded.
//! `records.rs` the raw records, `badges.rs` what a cell's or an item's badges say,
//! `table.rs` the rows of the list's tables; this file walks the documents and their sections.

mod badges;
mod records;
mod table;

use std::collections::HashSet;

use super::markdown::{Block, Doc, Inline, plain};
use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::model::{Id, name_key};
pub use badges::badge_facts;
use badges::checked_url;
pub use records::*;
use table::table;

/// Splits a heading into its section number and name: "V.A.1. Quantization" -> ("V.A.1", "Quantization").
pub fn section_number(heading: &str) -> (Option<String>, &str) {
    let heading = heading.trim();
    let end = heading.find(char::is_whitespace).unwrap_or(heading.len());
    let token = heading[..end].trim_end_matches('.');
    let mut parts = token.split('.');
    let roman = parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| matches!(c, 'I' | 'V' | 'X')));
    let rest_ok = parts.all(|p| {
        !p.is_empty()
            && (p.chars().all(|c| c.is_ascii_digit()) || (p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase())))
    });
    if roman && rest_ok && end < heading.len() {
        (Some(token.to_string()), heading[end..].trim())
    } else {
        (None, heading)
    }
}

fn parent_number(number: &str) -> Option<&str> {
    number.rsplit_once('.').map(|(p, _)| p)
}

/// Text before the first badge, trimmed: a list item's title or a cell's name.
pub(crate) fn lead_text(inlines: &[Inline]) -> String {
    let end = inlines.iter().position(|i| matches!(i, Inline::Badge { .. })).unwrap_or(inlines.len());
    plain(&inlines[..end]).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a cell into items on line breaks and the given separators.
pub fn items(text: &str, seps: &[char]) -> Vec<String> {
    text.split(|c| c == '\n' || seps.contains(&c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

#[derive(Debug, Clone)]
struct Section {
    /// Heading level times two; a bold paragraph sits one below its heading.
    level: u32,
    name: String,
    number: Option<String>,
    technique: Option<usize>,
}

struct Walker<'a> {
    out: &'a mut Extracted,
    diags: &'a mut Diagnostics,
    file: String,
    stack: Vec<Section>,
    technique_ids: Vec<Id>,
}

impl Walker<'_> {
    fn src(&self, line: usize) -> Src {
        Src { file: self.file.clone(), line }
    }

    fn warn(&mut self, line: usize, msg: String) {
        self.diags.push(Diagnostic::warning(&self.file, line, 0, msg));
    }

    fn push_section(&mut self, level: u32, name: &str, number: Option<String>) {
        let parent_num = number.as_deref().and_then(parent_number).map(str::to_string);
        match parent_num.as_deref().filter(|p| self.stack.iter().any(|s| s.number.as_deref() == Some(*p))) {
            Some(p) => {
                while self.stack.last().is_some_and(|s| s.number.as_deref() != Some(p)) {
                    self.stack.pop();
                }
            }
            None => {
                while self.stack.last().is_some_and(|s| s.level >= level) {
                    self.stack.pop();
                }
            }
        }
        self.stack.push(Section { level, name: name.to_string(), number, technique: None });
    }

    /// The innermost section's technique, creating it and its ancestors on first use.
    fn technique(&mut self, depth: usize) -> Option<usize> {
        let s = self.stack.get(depth)?.clone();
        if s.technique.is_some() {
            return s.technique;
        }
        let parent = if depth == 0 { None } else { self.technique(depth - 1) };
        let numbered = self.stack[..=depth].iter().rev().find_map(|s| s.number.clone());
        let id = match (&s.number, numbered) {
            (Some(n), _) => Id::from_name(&format!("{n} {}", s.name)),
            (None, Some(n)) => Id::from_name(&format!("{n} {}", s.name)),
            (None, None) => Id::from_name(&s.name),
        };
        let index = match self.technique_ids.iter().position(|t| *t == id) {
            Some(i) => i,
            None => {
                self.technique_ids.push(id.clone());
                self.out.techniques.push(RawTechnique { id, name: s.name.clone(), number: s.number.clone(), parent });
                self.out.techniques.len() - 1
            }
        };
        self.stack[depth].technique = Some(index);
        Some(index)
    }

    fn category(&self) -> String {
        self.stack.last().map(|s| s.name.clone()).unwrap_or_default()
    }
}

/// Walks every document in reading order and collects raw records.
pub fn extract(docs: &[Doc], diags: &mut Diagnostics) -> Extracted {
    let mut out = Extracted::default();
    let mut technique_ids = Vec::new();
    // Each section number of the paper tree, with the first heading's name and place.
    let mut numbered: std::collections::HashMap<String, (String, Src)> = std::collections::HashMap::new();
    for doc in docs {
        let in_paper_tree = paper_tree_blocks(doc);
        let mut w = Walker { out: &mut out, diags, file: doc.path.clone(), stack: Vec::new(), technique_ids };
        for (i, block) in doc.blocks.iter().enumerate() {
            let papers = in_paper_tree[i];
            match block {
                Block::Heading { level, text, line } => {
                    let (number, name) = section_number(text);
                    w.push_section(u32::from(*level) * 2, name, number.clone());
                    if papers && let Some(n) = &number {
                        w.technique(w.stack.len() - 1);
                        let at = w.src(*line);
                        match numbered.get(n) {
                            Some((other, first)) if name_key(other) != name_key(name) => w.warn(
                                *line,
                                format!(
                                    "section number {n} is used twice: {} here, {} at {first}; both are kept, renumber one",
                                    quoted(name),
                                    quoted(other)
                                ),
                            ),
                            Some(_) => {}
                            None => {
                                numbered.insert(n.clone(), (name.to_string(), at));
                            }
                        }
                    }
                }
                Block::Paragraph { inlines, .. } if papers && is_bold_title(inlines) => {
                    let level = w.stack.iter().rev().find(|s| s.level % 2 == 0).map_or(1, |s| s.level + 1);
                    w.push_section(level, plain(inlines).trim(), None);
                }
                Block::Paragraph { .. } => {}
                Block::Table { line, header, rows } => table(&mut w, *line, header, rows),
                Block::Item { line, inlines } => item(&mut w, *line, inlines, papers),
            }
        }
        technique_ids = w.technique_ids;
    }
    out
}

fn is_bold_title(inlines: &[Inline]) -> bool {
    inlines.iter().all(|i| {
        matches!(i, Inline::Text { strong: true, .. })
            || matches!(i, Inline::Text { text, .. } if text.trim().is_empty())
    }) && inlines.iter().any(|i| matches!(i, Inline::Text { strong: true, .. }))
}

/// Marks the blocks of paper-list sections: top-level numbered sections ("V. Frameworks")
/// that hold no table. Tables mark the catalogue sections (frameworks, models, chips).
fn paper_tree_blocks(doc: &Doc) -> Vec<bool> {
    let mut top_of: Vec<Option<usize>> = Vec::with_capacity(doc.blocks.len());
    let mut with_tables: HashSet<usize> = HashSet::new();
    let mut top: Option<(u8, usize)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Block::Heading { level, text, .. } = b {
            let (number, _) = section_number(text);
            if number.as_deref().is_some_and(|n| !n.contains('.')) {
                top = Some((*level, i));
            } else if top.is_some_and(|(l, _)| *level <= l) {
                top = None;
            }
        }
        if matches!(b, Block::Table { .. })
            && let Some((_, t)) = top
        {
            with_tables.insert(t);
        }
        top_of.push(top.map(|(_, t)| t));
    }
    top_of.into_iter().map(|t| t.is_some_and(|t| !with_tables.contains(&t))).collect()
}

fn is_navigation(inlines: &[Inline]) -> bool {
    let internal = |h: &str| h.starts_with('#') || h.contains(".md");
    inlines.iter().all(|i| match i {
        Inline::Link { href, .. } => internal(href),
        Inline::Text { text, .. } => text.trim().is_empty(),
        _ => false,
    })
}

fn item(w: &mut Walker, line: usize, inlines: &[Inline], papers: bool) {
    if is_navigation(inlines) {
        return;
    }
    let src = w.src(line);
    let title = lead_text(inlines);
    let has_badge = inlines.iter().any(|i| matches!(i, Inline::Badge { .. }));
    if title.is_empty() || !has_badge {
        w.warn(line, format!("list item {:?} has no title or no badge; skipped", plain(inlines).trim()));
        return;
    }
    let facts = badge_facts(inlines, &src, w.diags);
    if papers {
        let Some(technique) = w.technique(w.stack.len().saturating_sub(1)) else {
            w.warn(line, format!("paper {title:?} is outside any section; skipped"));
            return;
        };
        w.out.papers.push(RawPaper {
            src,
            title,
            short_name: facts.short_name,
            venue: facts.venue,
            published: facts.published,
            survey: facts.survey,
            tags: facts.tags,
            links: facts.links,
            technique,
        });
    } else if w.stack.iter().any(|s| s.name.to_lowercase().contains("benchmark")) {
        let category = w.category();
        w.out.benchmarks.push(RawBenchmark { name: title, category, links: facts.links });
    } else {
        w.warn(line, format!("list item {title:?} is in no paper or benchmark section; skipped"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers() {
        assert_eq!(section_number("V.A.1. Quantization"), (Some("V.A.1".into()), "Quantization"));
        assert_eq!(
            section_number("V.F.1 Separate Model Deployment"),
            (Some("V.F.1".into()), "Separate Model Deployment")
        );
        assert_eq!(section_number("VI.A. ASIC & FPGA"), (Some("VI.A".into()), "ASIC & FPGA"));
        assert_eq!(section_number("IV. Algorithms"), (Some("IV".into()), "Algorithms"));
        assert_eq!(section_number("Intelligent Assistant"), (None, "Intelligent Assistant"));
        assert_eq!(section_number("I.B. Performance Benchmarks "), (Some("I.B".into()), "Performance Benchmarks"));
        assert_eq!(section_number("2023"), (None, "2023"));
        assert_eq!(section_number("V."), (None, "V."));
    }
}
