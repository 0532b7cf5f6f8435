//! Papers (EA4xx): the same paper twice in one section, and copies of a paper (under several
//! sections or files) that disagree, saying which copy import takes venue and date from.

use std::collections::HashMap;

use super::rule::{Family, Fixes, Spec};
use super::{List, Rule, Sink};
use crate::diag::Severity;
use crate::import::badge::BadgeType;
use crate::import::copy_for_venue;
use crate::import::extract::RawPaper;
use crate::import::markdown::{Block, Inline};
use crate::model::name_key;

pub const DUPLICATE_IN_SECTION: Rule = Rule::new(&Spec {
    code: "EA401",
    name: "duplicate-in-section",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "the same paper twice in one section",
    why: "the reader sees it twice and import keeps one copy; which copy to delete is a person's call.",
    example: "- PIM-AI: A Novel Architecture ... <badges>\n- PIM-AI: A Novel Architecture ... <badges>   <- same section",
});

pub const COPIES_DISAGREE: Rule = Rule::new(&Spec {
    code: "EA402",
    name: "copies-disagree",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "copies of a paper that disagree, saying which copy import takes title, venue and date from",
    why: "the list contradicts itself about a paper's venue or date; import has to pick one copy.",
    example: "- AttAcc ... arXiv-24.05 (section V.B)\n- AttAcc ... ASPLOS-24 (section VI.C)",
});

pub const NO_PAPER_BADGE: Rule = Rule::new(&Spec {
    code: "EA403",
    name: "no-paper-badge",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "a paper item with no paper badge (`Publisher-YY.MM`, red)",
    why: "the paper badge is where the list says where and when a paper appeared; without one import gives the paper no venue and no date, so it is on no timeline.",
    example: "- RTP-LLM: Alibaba's high-performance LLM inference engine ... <a href=\"https://github.com/alibaba/rtp-llm\"><img src=\"https://img.shields.io/badge/git-rtp_llm-6BACF8\" alt=\"badge\" /></a>",
});

pub const COPIES_DIFFER_IN_TAGS: Rule = Rule::new(&Spec {
    code: "EA404",
    name: "copies-differ-in-tags",
    severity: Severity::Warning,
    fixes: Fixes::None,
    what: "two items of one paper that are the same but for their tags (`on PIMs`, `on CPUs`)",
    why: "the second item only adds or drops a tag; one item with all its tags says the same once, and which section keeps it is a person's call.",
    example: "- PIM-AI: A Novel Architecture ... <arXiv badge> <HBM-PIM badge>\n- PIM-AI: A Novel Architecture ... <arXiv badge> <HBM-PIM badge> <on_PIMs tag>",
});

pub(super) const FAMILY: Family =
    Family { name: "papers", rules: &[DUPLICATE_IN_SECTION, COPIES_DISAGREE, NO_PAPER_BADGE, COPIES_DIFFER_IN_TAGS] };

pub fn check(list: &List, sink: &mut Sink) {
    let papers = &list.extracted.papers;
    let mut copies: HashMap<String, Vec<&RawPaper>> = HashMap::new();
    for p in papers {
        copies.entry(name_key(&p.title)).or_default().push(p);
    }
    for p in papers {
        no_badge(list, p, sink);
        let all = &copies[&name_key(&p.title)];
        if let Some(q) = all.iter().take_while(|q| !std::ptr::eq(**q, p)).find(|q| only_tags_differ(q, p))
            && let Some(src) = list.source(&p.src.file)
        {
            let tags = |p: &RawPaper| format!("[{}]", p.tags.join(", "));
            let msg = format!(
                "paper {:?} repeats the item at {} but for its tags ({} here, {} there): one item with its tags says it once",
                p.title,
                q.src,
                tags(p),
                tags(q)
            );
            sink.push(COPIES_DIFFER_IN_TAGS, src, src.locate(p.src.line, 1, &p.title), msg, None);
        }
        let first = all[0];
        if std::ptr::eq(first, p) {
            continue;
        }
        let Some(src) = list.source(&p.src.file) else { continue };
        let at = src.locate(p.src.line, 1, &p.title);
        let earlier = all.iter().take_while(|q| !std::ptr::eq(**q, p)).find(|q| q.technique == p.technique);
        if let Some(q) = earlier {
            let section = &list.extracted.techniques[p.technique].name;
            let msg =
                format!("paper {:?} is listed twice in section {section:?} (also at line {})", p.title, q.src.line);
            sink.push(DUPLICATE_IN_SECTION, src, at, msg, None);
            continue;
        }
        let mut diffs = Vec::new();
        if first.title != p.title {
            diffs.push(format!("title {:?}", first.title));
        }
        let show = |v: &Option<String>| v.as_deref().unwrap_or("none").to_string();
        if first.venue != p.venue {
            diffs.push(format!("venue {:?} vs {:?}", show(&p.venue), show(&first.venue)));
        }
        if first.published != p.published {
            let d = |p: &RawPaper| p.published.map_or("none".to_string(), |d| d.to_string());
            diffs.push(format!("date {} vs {}", d(p), d(first)));
        }
        if diffs.is_empty() {
            continue;
        }
        let kept = all[copy_for_venue(all)];
        let keeps = if std::ptr::eq(kept, first) && first.venue == p.venue && first.published == p.published {
            format!("import keeps the title of {}", first.src)
        } else {
            format!("import keeps the title of {} and the venue and date of {}", first.src, kept.src)
        };
        let msg =
            format!("paper {:?} disagrees with its copy at {} ({}); {keeps}", p.title, first.src, diffs.join(", "));
        sink.push(COPIES_DISAGREE, src, at, msg, None);
    }
}

/// Two items of one paper equal in everything the importer reads but their tags.
fn only_tags_differ(a: &RawPaper, b: &RawPaper) -> bool {
    a.tags != b.tags
        && (&a.title, &a.short_name, &a.venue, &a.published, a.survey, &a.links)
            == (&b.title, &b.short_name, &b.venue, &b.published, b.survey, &b.links)
}

/// EA403: a paper item without a paper badge.
fn no_badge(list: &List, p: &RawPaper, sink: &mut Sink) {
    let Some((doc, src)) = list.docs.iter().zip(&list.sources).find(|(_, s)| s.path == p.src.file) else { return };
    let item = doc.blocks.iter().find_map(|b| match b {
        Block::Item { line, inlines } if *line == p.src.line => Some(inlines),
        _ => None,
    });
    let badged = |inlines: &Vec<Inline>| {
        inlines.iter().any(|i| matches!(i, Inline::Badge { badge, .. } if badge.kind() == Some(BadgeType::Paper)))
    };
    if item.is_some_and(|i| !badged(i)) {
        // A survey linked through its Survey badge alone still lacks where and when.
        let what = if p.survey { "survey" } else { "paper" };
        let msg =
            format!("{what} {:?} has no paper badge (Publisher-YY.MM): import gives it no venue and no date", p.title);
        sink.push(NO_PAPER_BADGE, src, src.locate(p.src.line, 1, &p.title), msg, None);
    }
}
