//! Links and badges (EA1xx): anchors that match no heading (GitHub's heading slugs), links to
//! files that do not exist, placeholder links, and badges that are empty or link nowhere.

use std::collections::BTreeSet;

use super::rule::{Family, Fixes, Spec};
use super::{Applicability, Fix, List, Rule, Sink, Source, Span};
use crate::diag::Severity;
use crate::import::badge::{Badge, BadgeType, percent_decode};
use crate::import::markdown::{Block, Inline, html_links};

pub const BROKEN_ANCHOR: Rule = Rule::new(&Spec {
    code: "EA101",
    name: "broken-anchor",
    severity: Severity::Error,
    fixes: Fixes::Either,
    what: "a link to `#anchor` that no heading of the target file has (GitHub's heading slugs; the fix is the link text's slug or the closest anchor)",
    why: "GitHub scrolls nowhere for an unknown anchor: the reader lands at the top of the file. The fix is safe when the link's own text names a heading of the file, unsafe when it is the closest anchor by spelling.",
    example: "- [III.A. Typical Model Families](III-basic.md#iiia-typical-examples-of-edge-llms)\n  fix: #iiia-typical-model-families   (only the anchor after `#` changes)",
});

pub const MISSING_FILE: Rule = Rule::new(&Spec {
    code: "EA102",
    name: "missing-file",
    severity: Severity::Error,
    fixes: Fixes::Unsafe,
    what: "a link to a file that is not in the list",
    why: "the link is a 404 on GitHub. The fix points it at the list's file of the closest name (a guess: review it); the `#anchor` is kept.",
    example: "[I.A. End-to-End Frameworks](I-frameworks-and-benchmarks.md#ia-end-to-end-frameworks)\n  fix: %28archive%29I-frameworks-and-benchmarks.md   (the anchor stays)",
});

pub const PLACEHOLDER_LINK: Rule = Rule::new(&Spec {
    code: "EA103",
    name: "placeholder-link",
    severity: Severity::Error,
    fixes: Fixes::None,
    what: "a placeholder link (`href=\"#\"`, empty)",
    why: "a link that goes nowhere looks like a source to the reader and gives the importer no URL.",
    example: "<a href=\"#\"><img src=\"https://img.shields.io/badge/code-github-white\" alt=\"badge\"/></a>",
});

pub const EMPTY_BADGE: Rule = Rule::new(&Spec {
    code: "EA104",
    name: "empty-badge",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "a badge with no text, or a link-coloured badge (paper, code, site, HF) without a link",
    why: "the badge colour tells the reader and the importer that it links to a paper, code or site; without a link or text it says nothing.",
    example: "<img src=\"https://img.shields.io/badge/arXiv-24.06-b31b1b\" alt=\"badge\"/>   <- no <a href> around it",
});

pub const ANONYMOUS_CODE_BADGE: Rule = Rule::new(&Spec {
    code: "EA105",
    name: "anonymous-code-badge",
    severity: Severity::Warning,
    fixes: Fixes::Safe,
    what: "a code badge that names neither the repository nor its owner (it reads only `github`)",
    why: "every other code badge says whose code it links (`git-rtp_llm`); one that reads only \"github\" tells the reader nothing until clicked. The fix writes the repository's name from the link, as the Tags Convention's `git-NAME`.",
    example: "<a href=\"https://github.com/hatsu3/Sanger\"><img src=\"https://img.shields.io/badge/github-6BACF8\" alt=\"badge\"/></a>\n  fix: git-Sanger   (only the badge's text changes)",
});

pub(super) const FAMILY: Family = Family {
    name: "links",
    rules: &[BROKEN_ANCHOR, MISSING_FILE, PLACEHOLDER_LINK, EMPTY_BADGE, ANONYMOUS_CODE_BADGE],
};

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
                        sink.push(EMPTY_BADGE, src, at(), "badge has no text".into(), None);
                    } else if linked && href.is_none() {
                        let msg = format!("badge {:?} links nowhere: its colour says it is a link", badge.message);
                        sink.push(EMPTY_BADGE, src, at(), msg, None);
                    }
                    if let Some(href) = href {
                        anonymous_code(src, at(), badge, href, sink);
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
            sink.push(PLACEHOLDER_LINK, src, at, msg, None);
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
            // The path alone: the anchor after `#` is kept.
            let at = Span { width: path.chars().count().max(1), ..at };
            let fix = closest(&wanted, known.iter())
                .map(|k| Fix::new(MISSING_FILE, path, link_path(&relative(&src.path, k))));
            let msg = format!("link to {path:?}: no such file in the list");
            sink.push(MISSING_FILE, src, at, msg, fix);
            continue;
        };
        let (Some(fragment), Some(i)) = (fragment, md_index(&target)) else {
            continue;
        };
        let written = fragment;
        let fragment = percent_decode(fragment).to_lowercase();
        if !anchors[i].contains(&fragment) {
            // The anchor alone, after the `#`.
            let at = Span { column: at.column + path.chars().count() + 1, width: written.chars().count().max(1), ..at };
            // The link's own text, slugged, is the likeliest intended heading (safe); the
            // closest anchor by spelling is a guess.
            let by_text = Some(slug(text.trim())).filter(|s| anchors[i].contains(s));
            let fix = match by_text {
                Some(a) => Some(Fix::new(BROKEN_ANCHOR, written, a).with(Applicability::Safe)),
                None => closest(&fragment, anchors[i].iter()).map(|a| Fix::new(BROKEN_ANCHOR, written, a.as_str())),
            };
            let msg = format!("link to {href:?}: {target} has no heading with the anchor #{fragment}");
            sink.push(BROKEN_ANCHOR, src, at, msg, fix);
        }
    }
}

/// Words a code badge may say that name no repository.
const GENERIC: [&str; 7] = ["github", "git", "gitlab", "code", "repo", "repository", "source"];

/// EA105: a code badge linking a repository (`https://github.com/OWNER/REPO`) whose text is only
/// generic words. A badge naming anything else (the model, the organisation) is left alone.
fn anonymous_code(src: &Source, at: Span, badge: &Badge, href: &str, sink: &mut Sink) {
    if badge.kind() != Some(BadgeType::Code) {
        return;
    }
    let path =
        ["https://github.com/", "https://gitlab.com/", "http://github.com/"].iter().find_map(|p| href.strip_prefix(p));
    let mut parts = path.unwrap_or("").split(['/', '?', '#']).filter(|p| !p.is_empty());
    let (Some(owner), Some(repo)) = (parts.next(), parts.next()) else { return };
    let text = format!("{} {}", badge.label.as_deref().unwrap_or(""), badge.message);
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if !words.iter().all(|w| GENERIC.contains(&w.as_str())) {
        return;
    }
    let escaped = repo.replace('-', "--").replace('_', "__");
    let new = if badge.label.is_some() { escaped } else { format!("git-{escaped}") };
    let (at, fix) = match src.locate_message(at, badge) {
        Some(m) => (m, Some(Fix::new(ANONYMOUS_CODE_BADGE, badge.message.as_str(), new))),
        None => (at, None),
    };
    let msg = format!(
        "code badge reads only {:?}: it names neither the repository {repo:?} nor its owner {owner:?}",
        text.trim()
    );
    sink.push(ANONYMOUS_CODE_BADGE, src, at, msg, fix);
}

/// A path as a link target: the characters that would end or break a Markdown link or an
/// HTML attribute percent-encoded (the list has `(archive)I-frameworks-and-benchmarks.md`).
fn link_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
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
