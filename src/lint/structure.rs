//! Structure (EA6xx): heading levels that do not match the section numbering ("### V.F." among
//! "## V.A."), and the two copies of a section (the same top-level number in two files) drifting
//! apart: headings renamed, rows and items changed or present in one copy only.

use std::collections::BTreeMap;

use super::rule::{Family, Fixes, Spec};
use super::{Fix, List, Rule, Sink, Source, Span};
use crate::diag::Severity;
use crate::import::extract::{lead_text, section_number};
use crate::import::markdown::{Block, Doc, Inline, plain};
use crate::model::name_key;

pub const HEADING_LEVEL: Rule = Rule::new(&Spec {
    code: "EA601",
    name: "heading-level",
    severity: Severity::Warning,
    fixes: Fixes::Safe,
    what: "a heading level that does not match its section number (`### V.F.` among `## V.A.`)",
    why: "the table of contents and the importer's section tree nest the section under the wrong parent; the fix changes only the `#`s.",
    example: "## V.E. Hardware\n### V.F. Cloud-Edge Collaboration\n  fix: ##",
});

pub const SECTION_COPIES_DRIFT: Rule = Rule::new(&Spec {
    code: "EA602",
    name: "section-copies-drift",
    severity: Severity::Warning,
    fixes: Fixes::Unsafe,
    what: "the two copies of a section (the same number in two files) drifting apart",
    why: "a reader of one file sees other content than a reader of the other. A renamed heading gets the first copy's text as its fix (unsafe: the newer copy may be the right one); the `#`s stay.",
    example: "## III.A. Typical Examples of Model Families   (docs/III-models.md)\n## III.A. Typical Model Families               (docs/III-basic.md)\n  fix: III.A. Typical Model Families",
});

pub(super) const FAMILY: Family = Family { name: "structure", rules: &[HEADING_LEVEL, SECTION_COPIES_DRIFT] };

pub fn check(list: &List, sink: &mut Sink) {
    for (doc, src) in list.docs.iter().zip(&list.sources) {
        levels(doc, src, sink);
    }
    copies(list, sink);
}

fn depth(number: &str) -> usize {
    number.matches('.').count()
}

fn levels(doc: &Doc, src: &Source, sink: &mut Sink) {
    // The first numbered heading sets the level of depth 0 for the file.
    let mut base: Option<i32> = None;
    for b in &doc.blocks {
        let Block::Heading { line, level, text } = b else { continue };
        let (Some(number), _) = section_number(text) else { continue };
        let d = depth(&number) as i32;
        let base = *base.get_or_insert(i32::from(*level) - d);
        let expected = base + d;
        if expected != i32::from(*level) && (1..=6).contains(&expected) {
            let at = Span { line: *line, column: 1, width: usize::from(*level) };
            let msg = format!(
                "heading {text:?} is level {level}, but section {number} sits at level {expected} in this file"
            );
            let fix = Fix::new(HEADING_LEVEL, "#".repeat(usize::from(*level)), "#".repeat(expected as usize));
            sink.push(HEADING_LEVEL, src, at, msg, Some(fix));
        }
    }
}

/// What a section holds, keyed so the two copies can be matched: numbered headings by number,
/// table rows by table and name, list items by title.
#[derive(Default)]
struct Content<'a> {
    headings: BTreeMap<String, (usize, &'a str)>,
    entries: BTreeMap<String, (usize, String, Vec<Vec<Inline>>)>,
}

/// Top-level numbered sections of a file ("III" → its blocks).
fn sections(doc: &Doc) -> BTreeMap<String, Content<'_>> {
    let mut out: BTreeMap<String, Content> = BTreeMap::new();
    let mut current: Option<(String, u8)> = None;
    for b in &doc.blocks {
        if let Block::Heading { level, text, .. } = b {
            let (number, _) = section_number(text);
            if let Some(n) = number.as_ref().filter(|n| depth(n) == 0) {
                current = Some((n.clone(), *level));
            } else if current.as_ref().is_some_and(|(_, l)| level <= l) {
                current = None;
            }
        }
        let Some((key, _)) = &current else { continue };
        let c = out.entry(key.clone()).or_default();
        match b {
            Block::Heading { line, text, .. } => {
                if let (Some(n), _) = section_number(text) {
                    c.headings.insert(n, (*line, text.as_str()));
                }
            }
            Block::Table { header, rows, .. } => {
                let head: Vec<String> = header.iter().map(|h| plain(&h.inlines).trim().to_lowercase()).collect();
                for row in rows {
                    let Some(first) = row.first() else { continue };
                    let name = plain(&first.inlines).trim().to_string();
                    let key = format!("{}|{}", head.join("|"), name_key(&name));
                    let cells = row.iter().map(|c| c.inlines.clone()).collect();
                    c.entries.entry(key).or_insert((first.line, name, cells));
                }
            }
            Block::Item { line, inlines } => {
                // Navigation (links within the list) is the anchors rule's business.
                let external = inlines.iter().any(|i| match i {
                    Inline::Link { href, .. } => href.contains("://"),
                    Inline::Badge { .. } => true,
                    _ => false,
                });
                if external {
                    let name = lead_text(inlines);
                    c.entries.entry(format!("item|{}", name_key(&name))).or_insert((
                        *line,
                        name,
                        vec![inlines.clone()],
                    ));
                }
            }
            Block::Paragraph { .. } => {}
        }
    }
    out
}

fn copies(list: &List, sink: &mut Sink) {
    let all: Vec<BTreeMap<String, Content>> = list.docs.iter().map(sections).collect();
    for (i, secs) in all.iter().enumerate() {
        for (number, copy) in secs {
            // The first file holding the section (in reading order) is the one compared against.
            let Some(j) = (0..i).find(|&j| all[j].contains_key(number)) else { continue };
            let (first, fsrc, src) = (&all[j][number], &list.sources[j], &list.sources[i]);
            compare(number, first, fsrc, copy, src, sink);
        }
    }
}

fn compare(number: &str, first: &Content, fsrc: &Source, copy: &Content, src: &Source, sink: &mut Sink) {
    for (n, (line, text)) in &copy.headings {
        let at = Span { line: *line, column: 1, width: src.line(*line).chars().count() };
        match first.headings.get(n) {
            Some((fl, ft)) if ft != text => {
                let msg =
                    format!("heading {text:?} reads {ft:?} in the other copy of section {number} ({}:{fl})", fsrc.path);
                // The heading's text, after its `#`s.
                let (at, fix) = match src.find(*line, 1, text) {
                    Some(t) => (t, Some(Fix::new(SECTION_COPIES_DRIFT, *text, *ft))),
                    None => (at, None),
                };
                sink.push(SECTION_COPIES_DRIFT, src, at, msg, fix);
            }
            Some(_) => {}
            None => {
                let msg =
                    format!("heading {text:?} is missing from the other copy of section {number} ({})", fsrc.path);
                sink.push(SECTION_COPIES_DRIFT, src, at, msg, None);
            }
        }
    }
    for (n, (line, text)) in &first.headings {
        if !copy.headings.contains_key(n) {
            let at = Span { line: *line, column: 1, width: fsrc.line(*line).chars().count() };
            let msg = format!("heading {text:?} is missing from the other copy of section {number} ({})", src.path);
            sink.push(SECTION_COPIES_DRIFT, fsrc, at, msg, None);
        }
    }
    for (key, (line, name, cells)) in &copy.entries {
        let at = src.locate(*line, 1, name);
        match first.entries.get(key) {
            Some((fl, _, fcells)) if fcells != cells => {
                let which: Vec<String> = (0..cells.len().max(fcells.len()))
                    .filter(|&k| cells.get(k) != fcells.get(k))
                    .map(|k| (k + 1).to_string())
                    .collect();
                let what = if key.starts_with("item|") { "item" } else { "row" };
                let msg = format!(
                    "{what} {name:?} differs from the other copy of section {number} ({}:{fl}){}",
                    fsrc.path,
                    if what == "row" { format!(" in cell {}", which.join(", ")) } else { String::new() }
                );
                sink.push(SECTION_COPIES_DRIFT, src, at, msg, None);
            }
            Some(_) => {}
            None => {
                let msg = format!("{name:?} is missing from the other copy of section {number} ({})", fsrc.path);
                sink.push(SECTION_COPIES_DRIFT, src, at, msg, None);
            }
        }
    }
    for (key, (line, name, _)) in &first.entries {
        if !copy.entries.contains_key(key) {
            let at = fsrc.locate(*line, 1, name);
            let msg = format!("{name:?} is missing from the other copy of section {number} ({})", src.path);
            sink.push(SECTION_COPIES_DRIFT, fsrc, at, msg, None);
        }
    }
}
