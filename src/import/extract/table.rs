//! The rows of one of the list's tables, each read by column name.

use super::*;
use crate::import::columns::{Header, TableKind, recognise};
use crate::import::markdown::Cell;
use crate::model::{LinkType, Links};

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
pub(super) fn table(w: &mut Walker, line: usize, header: &[Cell], rows: &[Vec<Cell>]) {
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
