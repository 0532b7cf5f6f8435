//! The list's Markdown as blocks the importer understands: headings, table cells, list items
//! and paragraphs, with inline links and badges decoded, each with its line and column.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use quick_xml::events::{BytesStart, Event as XmlEvent};

use super::badge::Badge;
use crate::diag::{Diagnostic, Diagnostics};

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        strong: bool,
    },
    /// A link with text and no badge: `[llama.cpp](url)` or `<a href=url>text</a>`.
    Link {
        href: String,
        text: String,
    },
    /// A shields.io badge, with the link around it if any.
    Badge {
        badge: Badge,
        href: Option<String>,
    },
    /// `<br>` inside a table cell.
    Break,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub line: usize,
    pub column: usize,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading { line: usize, level: u8, text: String },
    Table { line: usize, header: Vec<Cell>, rows: Vec<Vec<Cell>> },
    Item { line: usize, inlines: Vec<Inline> },
    Paragraph { line: usize, inlines: Vec<Inline> },
}

#[cfg(test)]
impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Table { line, .. }
            | Block::Item { line, .. }
            | Block::Paragraph { line, .. } => *line,
        }
    }
}

/// A parsed Markdown file.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: String,
    pub blocks: Vec<Block>,
    /// HTML blocks other than comments (centred figures, "back to contents" links), with the
    /// line they start on: the importer skips them, lint checks their links.
    pub html: Vec<(usize, String)>,
}

/// The `href` of every `<a>` tag in some HTML.
pub fn html_links(html: &str) -> Vec<String> {
    html.match_indices('<')
        .filter_map(|(at, _)| {
            let end = html[at..].find('>')? + at + 1;
            match parse_tag(&html[at..end])? {
                HtmlTag::Open(name, attrs) | HtmlTag::Empty(name, attrs) if name == "a" => {
                    attrs.into_iter().find(|(k, _)| k == "href").map(|(_, v)| v)
                }
                _ => None,
            }
        })
        .collect()
}

/// Plain text of inlines: text and link texts, breaks as newlines, badges left out.
pub fn plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } | Inline::Link { text, .. } => s.push_str(text),
            Inline::Break => s.push('\n'),
            Inline::Badge { .. } => s.push(' '),
        }
    }
    s
}

struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based line and character column of a byte offset.
    fn at(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&s| s <= offset);
        let start = self.0[line - 1];
        let col = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

#[derive(Default)]
struct Inlines {
    out: Vec<Inline>,
    links: Vec<(String, String, bool)>,
    strong: usize,
    image: usize,
}

impl Inlines {
    fn text(&mut self, t: &str) {
        if self.image > 0 {
            return;
        }
        if let Some((_, buf, _)) = self.links.last_mut() {
            buf.push_str(t);
            return;
        }
        let strong = self.strong > 0;
        match self.out.last_mut() {
            Some(Inline::Text { text, strong: s }) if *s == strong => text.push_str(t),
            _ => self.out.push(Inline::Text { text: t.to_string(), strong }),
        }
    }

    fn image(&mut self, src: &str) {
        if let Some(badge) = Badge::parse(src) {
            let href = self.links.last_mut().map(|(h, _, had)| {
                *had = true;
                h.clone()
            });
            self.out.push(Inline::Badge { badge, href });
        }
    }

    fn open_link(&mut self, href: &str) {
        self.links.push((href.to_string(), String::new(), false));
    }

    fn close_link(&mut self) {
        if let Some((href, text, had_badge)) = self.links.pop() {
            let text = text.trim().to_string();
            if !had_badge && !text.is_empty() {
                match self.links.last_mut() {
                    Some((_, buf, _)) => buf.push_str(&text),
                    None => self.out.push(Inline::Link { href, text }),
                }
            }
        }
    }

    fn html(&mut self, html: &str) {
        match parse_tag(html) {
            Some(HtmlTag::Open(name, attrs)) | Some(HtmlTag::Empty(name, attrs)) => match name.as_str() {
                "a" => self.open_link(&attr(&attrs, "href")),
                "img" => self.image(&attr(&attrs, "src")),
                "br" => self.out.push(Inline::Break),
                _ => {}
            },
            Some(HtmlTag::Close(name)) if name == "a" => self.close_link(),
            _ => {}
        }
    }

    fn take(&mut self) -> Vec<Inline> {
        while !self.links.is_empty() {
            self.close_link();
        }
        std::mem::take(&mut self.out)
    }
}

enum HtmlTag {
    Open(String, Vec<(String, String)>),
    Empty(String, Vec<(String, String)>),
    Close(String),
}

fn attr(attrs: &[(String, String)], name: &str) -> String {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// One inline HTML tag, read with quick-xml in its lenient HTML mode; comments give `None`.
fn parse_tag(html: &str) -> Option<HtmlTag> {
    let mut reader = quick_xml::Reader::from_str(html.trim());
    let cfg = reader.config_mut();
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    let attrs = |e: &BytesStart| -> Vec<(String, String)> {
        e.html_attributes()
            .flatten()
            .map(|a| {
                let key = a.key.as_ref().to_ascii_lowercase();
                let raw = a.value.to_string();
                (key, raw.replace("&amp;", "&"))
            })
            .collect()
    };
    let name = |n: &str| n.to_ascii_lowercase();
    match reader.read_event().ok()? {
        XmlEvent::Start(e) => Some(HtmlTag::Open(name(e.name().as_ref()), attrs(&e))),
        XmlEvent::Empty(e) => Some(HtmlTag::Empty(name(e.name().as_ref()), attrs(&e))),
        XmlEvent::End(e) => Some(HtmlTag::Close(name(e.name().as_ref()))),
        _ => None,
    }
}

/// Parses one Markdown file. HTML blocks (comments, centred figures, navigation) are skipped;
/// a comment that never closes is reported, since it hides the rest of the file.
pub fn parse(path: &str, text: &str, diags: &mut Diagnostics) -> Doc {
    let lines = Lines::new(text);
    let mut blocks = Vec::new();
    let mut inl = Inlines::default();
    let mut html_block: Option<(usize, String)> = None;
    let mut heading: Option<(usize, u8)> = None;
    let mut table: Option<(usize, Vec<Cell>, Vec<Vec<Cell>>)> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<(usize, usize)> = None;
    let mut items: Vec<usize> = Vec::new();
    let mut paragraph: Option<usize> = None;
    let mut html_blocks = Vec::new();

    let flush_item = |inl: &mut Inlines, items: &[usize], blocks: &mut Vec<Block>| {
        if let Some(&line) = items.last() {
            let inlines = inl.take();
            if !inlines.is_empty() {
                blocks.push(Block::Item { line, inlines });
            }
        }
    };

    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        let (line, column) = lines.at(text, range.start);
        if let Some((_, html)) = &mut html_block {
            match event {
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some((start, html)) = html_block.take() {
                        if !html.trim_start().starts_with("<!--") {
                            html_blocks.push((start, html));
                        } else if !html.contains("-->") {
                            let msg = "HTML comment is never closed: everything after it is hidden";
                            diags.push(Diagnostic::warning(path, start, 1, msg));
                        }
                    }
                }
                Event::Html(h) | Event::Text(h) => html.push_str(&h),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some((line, String::new())),
            Event::Start(Tag::Heading { level, .. }) => {
                inl.take();
                heading = Some((line, level as u8));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((line, level)) = heading.take() {
                    let text = plain(&inl.take()).trim().to_string();
                    blocks.push(Block::Heading { line, level, text });
                }
            }
            Event::Start(Tag::Table(_)) => table = Some((line, Vec::new(), Vec::new())),
            Event::End(TagEnd::Table) => {
                if let Some((line, header, rows)) = table.take() {
                    blocks.push(Block::Table { line, header, rows });
                }
            }
            Event::Start(Tag::TableCell) => {
                inl.take();
                cell = Some((line, column));
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((line, column)) = cell.take() {
                    row.push(Cell { line, column, inlines: inl.take() });
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.1 = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut table {
                    t.2.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::Item) => {
                flush_item(&mut inl, &items, &mut blocks);
                items.push(line);
            }
            Event::End(TagEnd::Item) => {
                flush_item(&mut inl, &items, &mut blocks);
                items.pop();
            }
            Event::Start(Tag::List(_)) => flush_item(&mut inl, &items, &mut blocks),
            Event::Start(Tag::Paragraph) if items.is_empty() && table.is_none() => paragraph = Some(line),
            Event::End(TagEnd::Paragraph) => {
                if let Some(line) = paragraph.take() {
                    let inlines = inl.take();
                    if !inlines.is_empty() {
                        blocks.push(Block::Paragraph { line, inlines });
                    }
                } else if !items.is_empty() {
                    inl.text(" ");
                }
            }
            Event::Start(Tag::Strong) => inl.strong += 1,
            Event::End(TagEnd::Strong) => inl.strong = inl.strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => inl.open_link(&dest_url),
            Event::End(TagEnd::Link) => inl.close_link(),
            Event::Start(Tag::Image { dest_url, .. }) => {
                inl.image(&dest_url);
                inl.image += 1;
            }
            Event::End(TagEnd::Image) => inl.image = inl.image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => inl.text(&t),
            Event::InlineHtml(h) | Event::Html(h) => inl.html(&h),
            Event::SoftBreak => inl.text(" "),
            Event::HardBreak => inl.out.push(Inline::Break),
            _ => {}
        }
    }
    Doc { path: path.to_string(), blocks, html: html_blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Doc, Diagnostics) {
        let mut d = Diagnostics::default();
        (parse("t.md", text, &mut d), d)
    }

    const BADGE: &str = r#"<a href="https://arxiv.org/abs/1" target="_blank"> <img src="https://img.shields.io/badge/arxiv-24.06-b31b1b" alt="badge"/></a>"#;

    #[test]
    fn table_cells_keep_breaks_links_and_badges() {
        let text = format!(
            "# T\n\n| Framework | Backend | Links |\n|-|-|-|\n| [ollama](https://o)<br>(based on [llama.cpp](https://l)) | CUDA,<br>Metal | {BADGE} |\n"
        );
        let (d, diags) = doc(&text);
        assert!(diags.is_empty());
        let Block::Table { header, rows, line } = &d.blocks[1] else { panic!("{:?}", d.blocks) };
        assert_eq!((*line, header.len(), rows.len()), (3, 3, 1));
        let c = &rows[0][0];
        assert_eq!((c.line, c.column), (5, 2));
        assert_eq!(c.inlines[0], Inline::Link { href: "https://o".into(), text: "ollama".into() });
        assert_eq!(c.inlines[1], Inline::Break);
        assert_eq!(plain(&rows[0][1].inlines), "CUDA,\nMetal");
        let Inline::Badge { badge, href } = &rows[0][2].inlines[0] else { panic!() };
        assert_eq!((badge.message.as_str(), href.as_deref()), ("24.06", Some("https://arxiv.org/abs/1")));
    }

    #[test]
    fn comments_are_skipped_inline_and_as_blocks() {
        let text = format!(
            "## A\n\n<!-- - Hidden paper {BADGE}\n\n- also hidden -->\n\n- Shown: a title {BADGE} <!-- ### B -->\n\n**Bold group**\n"
        );
        let (d, diags) = doc(&text);
        assert!(diags.is_empty());
        assert_eq!(d.blocks.len(), 3, "{:?}", d.blocks);
        let Block::Item { line, inlines } = &d.blocks[1] else { panic!() };
        assert_eq!(*line, 7);
        assert_eq!(plain(inlines).trim(), "Shown: a title");
        let Block::Paragraph { inlines, .. } = &d.blocks[2] else { panic!() };
        assert_eq!(inlines, &[Inline::Text { text: "Bold group".into(), strong: true }]);
    }

    #[test]
    fn html_blocks_are_kept_aside_with_their_links() {
        let (d, _) = doc(
            "# A\n\n<p align=\"left\">\n<a href=\"#contents\">Back</a> <a name=\"x\">\n</p>\n\n<!-- <a href=\"#no\"> -->\n",
        );
        assert_eq!(d.html.len(), 1);
        assert_eq!(d.html[0].0, 3);
        assert_eq!(html_links(&d.html[0].1), ["#contents"]);
    }

    #[test]
    fn unclosed_comment_is_reported() {
        let (d, diags) = doc("# A\n\n<!-- never closed\n\n- item\n");
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(
            diags.to_string(),
            "t.md:3:1: warning: HTML comment is never closed: everything after it is hidden\n"
        );
    }

    #[test]
    fn nested_list_items_are_separate_blocks() {
        let (d, _) = doc("- [I. A](#a)\n    - [I.A. B](#b)\n- [II. C](x.md)\n");
        let lines: Vec<usize> = d.blocks.iter().map(Block::line).collect();
        assert_eq!(lines, [1, 2, 3]);
    }
}
