//! Links and badges (EA1xx): anchors that match no heading (GitHub's heading slugs), links to
//! files that do not exist, placeholder links, and badges that are empty or link nowhere.

use std::collections::BTreeSet;

use super::{List, Rule, Sink, Source, Span};
use crate::import::badge::{BadgeType, percent_decode};
use crate::import::markdown::{Block, Inline, html_links};

/// GitHub's anchor for a heading (github-slugger): lowercased, everything but letters, digits,
/// `-`, `_` and spaces removed, each space a `-`.
pub fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of one file's headings; a repeated slug gets `-1`, `-2`, ... as on GitHub.
fn anchors(blocks: &[Block]) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Heading { text, .. } = b {
            let base = slug(text);
            let mut s = base.clone();
            let mut n = 1;
            while seen.contains(&s) {
                s = format!("{base}-{n}");
                n += 1;
            }
            seen.insert(s.clone());
            out.push(s);
        }
    }
    out
}

/// `dir/../x.md` → `x.md`; `None` when it leaves the list.
fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The closest candidate, when close enough to be a useful suggestion. Anchors that start
/// with the same section number ("va1-...") are compared first.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let number = |s: &str| s.split('-').next().filter(|t| t.chars().any(|c| c.is_ascii_digit())).map(str::to_string);
    let wanted_number = number(wanted);
    candidates
        .map(|c| {
            let contains = !wanted.is_empty() && (c.ends_with(wanted) || wanted.ends_with(c.as_str()));
            let score = if contains { 1.0 } else { strsim::normalized_levenshtein(wanted, c) };
            let same_number = wanted_number.is_some() && number(c) == wanted_number;
            (same_number, score, c)
        })
        .filter(|(same, s, _)| *s >= if *same { 0.3 } else { 0.75 })
        .max_by(|a, b| {
            (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap_or(std::cmp::Ordering::Equal).then_with(|| b.2.cmp(a.2))
        })
        .map(|(_, _, c)| c)
}

fn link_span(src: &Source, line: usize, column: usize, href: &str) -> Span {
    for (needle, shift) in [(format!("\"{href}\""), 1), (format!("({href})"), 1)] {
        if let Some(mut s) = src.find(line, column, &needle) {
            s.column += shift;
            s.width = href.chars().count().max(1);
            return s;
        }
    }
    src.locate(line, column, href)
}

/// A link as written: in which file, from where to look for it, its text and target.
struct Link<'a> {
    src: &'a Source,
    line: usize,
    column: usize,
    text: &'a str,
    href: &'a str,
}

/// Every link of the list (Markdown, inline HTML and HTML blocks); badges are checked on the way.
fn links<'a>(list: &'a List, html: &'a [Vec<(usize, Vec<String>)>], sink: &mut Sink) -> Vec<Link<'a>> {
    let mut out = Vec::new();
    for (src, line, column, inlines) in list.inlines() {
        for inline in inlines {
            match inline {
                Inline::Link { href, text } => out.push(Link { src, line, column, text, href }),
                Inline::Badge { badge, href } => {
                    let linked = matches!(
                        badge.kind(),
                        Some(BadgeType::Paper | BadgeType::Code | BadgeType::Official | BadgeType::HuggingFace)
                    );
                    let at = || src.locate_badge(line, column, badge);
                    if badge.message.trim().is_empty() {
                        sink.push(Rule::EmptyBadge, src, at(), "badge has no text".into(), None);
                    } else if linked && href.is_none() {
                        let msg = format!("badge {:?} links nowhere: its colour says it is a link", badge.message);
                        sink.push(Rule::EmptyBadge, src, at(), msg, None);
                    }
                    if let Some(href) = href {
                        out.push(Link { src, line, column, text: "", href });
                    }
                }
                _ => {}
            }
        }
    }
    for (src, blocks) in list.sources.iter().zip(html) {
        for (line, hrefs) in blocks {
            out.extend(hrefs.iter().map(|href| Link { src, line: *line, column: 1, text: "", href }));
        }
    }
    out
}

pub fn check(list: &List, sink: &mut Sink) {
    let anchors: Vec<Vec<String>> = list.docs.iter().map(|d| anchors(&d.blocks)).collect();
    let html: Vec<Vec<(usize, Vec<String>)>> =
        list.docs.iter().map(|d| d.html.iter().map(|(l, h)| (*l, html_links(h))).collect()).collect();
    let md_index = |path: &str| list.sources.iter().position(|s| s.path == path);
    for Link { src, line, column, text, href } in links(list, &html, sink) {
        let href = href.trim();
        let at = link_span(src, line, column, href);
        if href.is_empty() || href == "#" {
            let msg = format!("link {href:?} is a placeholder: it goes nowhere");
            sink.push(Rule::PlaceholderLink, src, at, msg, None);
            continue;
        }
        let lower = href.to_ascii_lowercase();
        if lower.contains("://") || lower.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (href, None),
        };
        let target = if path.is_empty() { Some(src.path.clone()) } else { join(&src.path, &percent_decode(path)) };
        let Some(target) = target.filter(|t| md_index(t).is_some() || list.files.contains(t)) else {
            let known: Vec<String> = list.sources.iter().map(|s| s.path.clone()).collect();
            let wanted = join(&src.path, path).unwrap_or_default();
            let fix = closest(&wanted, known.iter()).map(|k| relative(&src.path, k));
            let msg = format!("link to {path:?}: no such file in the list");
            sink.push(Rule::MissingFile, src, at, msg, fix);
            continue;
        };
        let (Some(fragment), Some(i)) = (fragment, md_index(&target)) else {
            continue;
        };
        let fragment = percent_decode(fragment).to_lowercase();
        if !anchors[i].contains(&fragment) {
            // The link's own text, slugged, is the likeliest intended heading.
            let by_text = Some(slug(text.trim())).filter(|s| anchors[i].contains(s));
            let fix = by_text.as_ref().or_else(|| closest(&fragment, anchors[i].iter())).map(|a| format!("{path}#{a}"));
            let msg = format!("link to {href:?}: {target} has no heading with the anchor #{fragment}");
            sink.push(Rule::BrokenAnchor, src, at, msg, fix);
        }
    }
}

/// `to` as a link from the file `from` (both relative to the list).
fn relative(from: &str, to: &str) -> String {
    let mut dir: Vec<&str> = from.split('/').collect();
    dir.pop();
    let mut to: Vec<&str> = to.split('/').collect();
    let common = dir.iter().zip(&to).take_while(|(a, b)| a == b).count().min(to.len() - 1);
    to.drain(..common);
    format!("{}{}", "../".repeat(dir.len() - common), to.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("I.A.1. Open Source Frameworks"), "ia1-open-source-frameworks");
        assert_eq!(slug("VI.A. ASIC & FPGA"), "via-asic--fpga");
        assert_eq!(slug("📢 News"), "-news");
        assert_eq!(slug("Fast Links 🚀"), "fast-links-");
        assert_eq!(slug("Model_Size (B)"), "model_size-b");
    }

    #[test]
    fn repeated_headings_get_numbered_anchors_and_paths_resolve() {
        let h = |t: &str| Block::Heading { line: 1, level: 2, text: t.into() };
        assert_eq!(anchors(&[h("A"), h("A"), h("A")]), ["a", "a-1", "a-2"]);
        assert_eq!(join("docs/x.md", "../README.md").as_deref(), Some("README.md"));
        assert_eq!(join("docs/x.md", "y.md").as_deref(), Some("docs/y.md"));
        assert_eq!(join("x.md", "../../y.md"), None);
        assert_eq!(relative("docs/x.md", "docs/y.md"), "y.md");
        assert_eq!(relative("docs/x.md", "README.md"), "../README.md");
        assert_eq!(relative("README.md", "docs/y.md"), "docs/y.md");
    }
}
