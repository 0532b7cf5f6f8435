//! Papers (EA4xx): the same paper twice in one section, and copies of a paper (under several
//! sections or files) that disagree, saying which copy import takes venue and date from.

use std::collections::HashMap;

use super::rule::{Family, Fixes, Spec};
use super::{List, Rule, Sink};
use crate::diag::Severity;
use crate::import::copy_for_venue;
use crate::import::extract::RawPaper;
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

pub(super) const FAMILY: Family = Family { name: "papers", rules: &[DUPLICATE_IN_SECTION, COPIES_DISAGREE] };

pub fn check(list: &List, sink: &mut Sink) {
    let papers = &list.extracted.papers;
    let mut copies: HashMap<String, Vec<&RawPaper>> = HashMap::new();
    for p in papers {
        copies.entry(name_key(&p.title)).or_default().push(p);
    }
    for p in papers {
        let all = &copies[&name_key(&p.title)];
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
