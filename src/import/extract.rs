//! From Markdown blocks to raw records: which table or list is which, found by table headers
//! and section headings (never by file names), with every cell's text and badges decoded.

use std::collections::HashSet;
use std::fmt;

use super::badge::{Badge, BadgeType};
use super::columns::{Header, TableKind, recognise};
use super::markdown::{Block, Cell, Doc, Inline, plain};
use crate::diag::{Diagnostic, Diagnostics, quoted};
use crate::model::{Id, LinkType, Links, Url, YearMonth, name_key};

/// Where a record came from in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Src {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What a framework row says it runs on: a processor class with an optional vendor item
/// ("NPU: Ascend"), or a named chip or device ("Snapdragon 8 Gen3", "Dimensity series").
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Class { class: String, item: Option<String> },
    Named(String),
}

#[derive(Debug, Clone)]
pub struct RawFramework {
    pub src: Src,
    pub name: String,
    pub open_source: bool,
    pub vendor_sdk: bool,
    pub based_on: Vec<String>,
    pub backends: Vec<String>,
    pub targets: Vec<Target>,
    pub families: Vec<String>,
    pub sizes: String,
    pub orgs: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawFamily {
    pub name: String,
    pub orgs: Vec<String>,
    pub published: Option<YearMonth>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawRelease {
    pub src: Src,
    pub name: String,
    pub orgs: String,
    pub sizes: String,
    pub edge: String,
    pub date: String,
}

#[derive(Debug, Clone)]
pub struct RawMultimodal {
    pub src: Src,
    pub name: String,
    pub modalities: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawProduct {
    pub src: Src,
    pub name: String,
    pub category: String,
    /// The scenario text, only searched for device names (its prose is not stored).
    pub text: String,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawChip {
    pub src: Src,
    pub name: String,
    pub tops: String,
    pub year: String,
    pub devices: String,
    pub memory: String,
}

#[derive(Debug, Clone)]
pub struct RawFormat {
    pub src: Src,
    pub name: String,
    pub properties: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone)]
pub struct RawBenchmark {
    pub name: String,
    pub category: String,
    pub links: Links,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawPaper {
    pub src: Src,
    pub title: String,
    pub short_name: Option<String>,
    pub venue: Option<String>,
    pub published: Option<YearMonth>,
    pub survey: bool,
    pub tags: Vec<String>,
    pub links: Links,
    /// Index into `Extracted::techniques` of the section listing it.
    pub technique: usize,
}

#[derive(Debug, Clone)]
pub struct RawTechnique {
    pub id: Id,
    pub name: String,
    pub number: Option<String>,
    pub parent: Option<usize>,
}

/// Everything the list says, in reading order, before de-duplication.
#[derive(Debug, Default)]
pub struct Extracted {
    pub frameworks: Vec<RawFramework>,
    pub families: Vec<RawFamily>,
    pub releases: Vec<RawRelease>,
    pub multimodal: Vec<RawMultimodal>,
    pub products: Vec<RawProduct>,
    pub chips: Vec<RawChip>,
    pub formats: Vec<RawFormat>,
    pub benchmarks: Vec<RawBenchmark>,
    pub papers: Vec<RawPaper>,
    pub techniques: Vec<RawTechnique>,
}

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

/// The badges of some inlines as typed links and highlights.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BadgeFacts {
    pub links: Links,
    pub short_name: Option<String>,
    pub venue: Option<String>,
    pub published: Option<YearMonth>,
    pub survey: bool,
    pub tags: Vec<String>,
}

/// A link of the list as a [`Url`]; anything else is a located warning and no link, but for
/// placeholders (`#`, empty), which are no link and which `lint` reports.
fn checked_url(href: &str, src: &Src, column: usize, diags: &mut Diagnostics) -> Option<Url> {
    let href = href.trim();
    if matches!(href, "" | "#") {
        return None;
    }
    Url::parse(href)
        .map_err(|e| {
            let msg = format!("link {}: {e}; left out", quoted(href));
            diags.push(Diagnostic::warning(&src.file, src.line, column, msg));
        })
        .ok()
}

pub fn badge_facts(inlines: &[Inline], src: &Src, diags: &mut Diagnostics) -> BadgeFacts {
    let mut f = BadgeFacts::default();
    for i in inlines {
        let Inline::Badge { badge, href } = i else {
            continue;
        };
        let href = href.as_deref().and_then(|h| checked_url(h, src, 0, diags));
        let href = href.as_ref();
        match badge.kind() {
            Some(BadgeType::Paper) => {
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
                paper_badge(badge, &mut f);
            }
            // The list's older Tags Convention gave short names this colour: the text decides.
            Some(BadgeType::Survey) if !badge.message.to_lowercase().contains("survey") => {
                let title = lead_text(inlines);
                if !name_key(&title).contains(&name_key(&badge.message)) {
                    let msg = format!(
                        "badge {:?} has the survey colour 568A37 but does not say survey, and the title does not \
                         contain it; read as the short name (short names are 7875DF now)",
                        badge.message
                    );
                    diags.push(Diagnostic::warning(&src.file, src.line, 0, msg));
                }
                f.short_name.get_or_insert_with(|| badge.message.clone());
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
            }
            Some(BadgeType::Survey) => {
                f.survey = true;
                if let Some(h) = href {
                    f.links.add(LinkType::Paper, h);
                }
            }
            Some(BadgeType::Code) => href.into_iter().for_each(|h| f.links.add(LinkType::Code, h)),
            Some(BadgeType::Official) => href.into_iter().for_each(|h| f.links.add(LinkType::Official, h)),
            Some(BadgeType::HuggingFace) => href.into_iter().for_each(|h| f.links.add(LinkType::HuggingFace, h)),
            Some(BadgeType::ShortName) => f.short_name = Some(badge.message.clone()),
            Some(BadgeType::Tag) => f.tags.push(badge.message.clone()),
            None => {
                let msg = format!(
                    "badge colour {:?} is not in the Tags Convention; badge {:?} ignored",
                    badge.colour, badge.message
                );
                diags.push(Diagnostic::warning(&src.file, src.line, 0, msg));
            }
        }
    }
    f
}

fn paper_badge(b: &Badge, f: &mut BadgeFacts) {
    if f.venue.is_some() {
        return;
    }
    match (&b.label, YearMonth::parse_list(&b.message)) {
        (Some(label), Ok(date)) => {
            f.venue = Some(label.clone());
            f.published = Some(date);
        }
        (Some(label), Err(_)) => f.venue = Some(format!("{label} {}", b.message)),
        (None, Ok(date)) => f.published = Some(date),
        (None, Err(_)) => f.venue = Some(b.message.clone()),
    }
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

fn name_and_url(cell: &Cell) -> (String, Option<String>) {
    let link = cell.inlines.iter().find_map(|i| match i {
        Inline::Link { href, text } => Some((text.clone(), href.clone())),
        _ => None,
    });
    match link {
        Some((text, href)) if cell.inlines.first().is_some_and(|i| matches!(i, Inline::Link { .. })) => {
            (text, Some(href))
        }
        _ => (lead_text(&cell.inlines).lines().next().unwrap_or("").trim().to_string(), None),
    }
}

/// The rows of one of the list's tables, each read by column name.
fn table(w: &mut Walker, line: usize, header: &[Cell], rows: &[Vec<Cell>]) {
    let Some(kind) = recognise(header, &w.file, line, w.diags) else { return };
    let header = Header(header);
    let name_column = header.index(kind.columns()[0]).unwrap_or(0);
    for row in rows {
        let Some(first) = row.get(name_column) else { continue };
        let src = w.src(first.line);
        let cell = |name: &str| header.index(name).and_then(|i| row.get(i));
        let text = |name: &str| cell(name).map(|c| plain(&c.inlines).trim().to_string()).unwrap_or_default();
        let facts =
            |w: &mut Walker, name: &str| cell(name).map(|c| badge_facts(&c.inlines, &src, w.diags)).unwrap_or_default();
        let (name, href) = name_and_url(first);
        let url = href.and_then(|h| checked_url(&h, &src, first.column, w.diags));
        if name.is_empty() {
            w.warn(first.line, format!("row has no name in its {:?} column; skipped", kind.columns()[0]));
            continue;
        }
        match kind {
            TableKind::Frameworks => {
                let mut links = Links::default();
                if let Some(u) = &url {
                    links.add(if u.contains("github.com") { LinkType::Code } else { LinkType::Official }, u);
                }
                let based_on = first
                    .inlines
                    .iter()
                    .skip(1)
                    .filter_map(|i| match i {
                        Inline::Link { text, .. } => Some(text.clone()),
                        _ => None,
                    })
                    .collect();
                let targets = text("device support")
                    .lines()
                    .flat_map(|l| match l.split_once(':') {
                        Some((class, rest)) => items(rest, &[','])
                            .into_iter()
                            .map(|i| Target::Class { class: class.trim().to_string(), item: Some(i) })
                            .collect::<Vec<_>>(),
                        None => items(l, &[',']).into_iter().map(|c| Target::Class { class: c, item: None }).collect(),
                    })
                    .collect();
                w.out.frameworks.push(RawFramework {
                    src,
                    name,
                    open_source: true,
                    vendor_sdk: false,
                    based_on,
                    backends: items(&text("backend"), &[',']),
                    targets,
                    families: items(&text("model family"), &[',']),
                    sizes: text("model size"),
                    orgs: items(&text("organization"), &[',']),
                    links,
                });
            }
            TableKind::VendorSdks => {
                let mut links = facts(w, "links").links;
                if let Some(u) = &url {
                    links.add(if u.contains("github.com") { LinkType::Code } else { LinkType::Official }, u);
                }
                let features = text("core features");
                let field = |key: &str| {
                    features
                        .lines()
                        .find_map(|l| l.trim().strip_prefix(key).map(|r| r.trim_start_matches(':').trim().to_string()))
                        .unwrap_or_default()
                };
                w.out.frameworks.push(RawFramework {
                    src,
                    name,
                    open_source: false,
                    vendor_sdk: true,
                    based_on: vec![],
                    backends: items(&field("Backend"), &[',']),
                    targets: items(&field("Device"), &[',']).into_iter().map(Target::Named).collect(),
                    families: vec![],
                    sizes: String::new(),
                    orgs: items(&text("organization"), &[',']),
                    links,
                });
            }
            TableKind::Formats => {
                let props = kind.columns()[1..].iter().map(|&c| text(c)).collect();
                let links = badge_facts(&first.inlines, &src, w.diags).links;
                w.out.formats.push(RawFormat { src, name, properties: props, links });
            }
            TableKind::Products => {
                let category = w.category();
                let links = facts(w, "links").links;
                w.out.products.push(RawProduct {
                    src,
                    name,
                    category,
                    text: text("typical application scenarios"),
                    links,
                });
            }
            TableKind::Chips => w.out.chips.push(RawChip {
                src,
                name,
                tops: text("tops"),
                year: text("year"),
                devices: text("smartphone"),
                memory: text("memory"),
            }),
            TableKind::Releases => w.out.releases.push(RawRelease {
                src,
                name,
                orgs: text("organization"),
                sizes: text("size"),
                edge: text("edge"),
                date: text("release date"),
            }),
            TableKind::Multimodal => {
                let links = facts(w, "links").links;
                w.out.multimodal.push(RawMultimodal {
                    src,
                    name,
                    modalities: items(&text("capability"), &[',']),
                    links,
                });
            }
            TableKind::Families => {
                let f = facts(w, "links");
                w.out.families.push(RawFamily {
                    name,
                    orgs: items(&text("organization"), &[',', '、']),
                    published: f.published,
                    links: f.links,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_coloured_badges_are_read_by_their_text() {
        let facts = |title: &str, badge: &str| {
            let b = Badge::parse(&format!("https://img.shields.io/badge/{badge}")).unwrap();
            let inlines = [Inline::Text { text: title.into(), strong: false }, Inline::Badge { badge: b, href: None }];
            let mut d = Diagnostics::default();
            let f = badge_facts(&inlines, &Src { file: "f.md".into(), line: 3 }, &mut d);
            (f.survey, f.short_name, d.to_string())
        };
        assert_eq!(facts("A Survey of X", "Survey-568A37"), (true, None, String::new()));
        assert_eq!(
            facts("PowerInfer-2: Fast Inference", "PowerInfer--2-568A37"),
            (false, Some("PowerInfer-2".into()), String::new())
        );
        let (survey, short, warning) = facts("PIM-AI: A Novel Architecture", "HBM--PIM-568A37");
        assert_eq!((survey, short.as_deref()), (false, Some("HBM-PIM")));
        assert!(warning.starts_with("f.md:3: warning: badge \"HBM-PIM\" has the survey colour 568A37"), "{warning}");
    }

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
