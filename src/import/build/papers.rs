//! Papers: ids, the copy rule (which copy of a paper gives venue and date), preprint dates
//! from arXiv ids, and the techniques and frameworks papers relate to.

use std::collections::BTreeSet;

use super::{Builder, key, merge_links};
use crate::import::extract::{Extracted, RawPaper, Src};
use crate::import::names::Registry;
use crate::model::*;

fn normal_url(u: &str) -> String {
    u.trim_end_matches('/').trim_end_matches(".git").to_lowercase()
}

/// Labels of a kind of paper, not names of one ("Poster: PipeLLM: ...", a short-name badge
/// saying "Survey"): never an id.
const GENERIC_NAMES: [&str; 12] = [
    "poster",
    "demo",
    "invited paper",
    "short paper",
    "extended abstract",
    "position paper",
    "work in progress",
    "wip",
    "keynote",
    "tutorial",
    "survey",
    "review",
];

fn generic(name: &str) -> bool {
    GENERIC_NAMES.contains(&name.trim().to_lowercase().as_str())
}

/// A paper's possible ids, best first: its short name unless generic, the part of its title
/// before ":" when short (after generic labels such as "Poster:"), the title's first six words.
fn paper_ids(p: &RawPaper) -> Vec<Id> {
    let mut title = p.title.as_str();
    while let Some((_, rest)) = title.split_once(':').filter(|(h, _)| generic(h)) {
        title = rest.trim();
    }
    let head =
        title.split_once(':').map(|(h, _)| h.trim()).filter(|h| !h.is_empty() && h.split_whitespace().count() <= 4);
    let mut out: Vec<Id> = p.short_name.as_deref().filter(|s| !generic(s)).map(Id::from_name).into_iter().collect();
    out.extend(head.map(Id::from_name));
    out.push(Id::from_name(&title.split_whitespace().take(6).collect::<Vec<_>>().join(" ")));
    out.dedup();
    out
}

/// Venues that review what they publish (conferences and journals, as the list labels them);
/// a publisher alone (ACM, IEEE) says less, and arXiv, blogs and white papers are not reviewed.
const PEER_REVIEWED: [&str; 52] = [
    "AAAI", "ACL", "ASPDAC", "ASPLOS", "ATC", "CVPR", "DAC", "DATE", "ECCV", "EMNLP", "EUROSYS", "FPGA", "HPCA",
    "ICCAD", "ICCD", "ICCV", "ICLR", "ICML", "IEEETMC", "ISCA", "ISCAS", "ISPASS", "ISSCC", "JSSC", "KDD", "MICRO",
    "MLSYS", "MOBICOM", "MOBISYS", "NAACL", "NATURE", "NEURIPS", "NSDI", "OSDI", "SC", "SENSYS", "SIGCOMM", "SOSP",
    "TACO", "TC", "TCAD", "TCSI", "TMC", "TODAES", "TPDS", "TRETS", "TVLSI", "VLDB", "VLSI", "WWW", "ICS", "PACT",
];

/// How much a copy's badge says about where the paper appeared: 2 a peer-reviewed venue, 1 a
/// publisher or another label, 0 an arXiv preprint, a blog, a white paper or no badge.
fn venue_rank(p: &RawPaper) -> u8 {
    let Some(venue) = &p.venue else { return 0 };
    let key: String = venue.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    let preprint = key == "ARXIV" || ["BLOG", "WHITEPAPER"].iter().any(|w| key.ends_with(w));
    if preprint {
        0
    } else if PEER_REVIEWED.contains(&key.as_str()) {
        2
    } else {
        1
    }
}

/// Of several copies of one paper, the one import takes venue and date from: the best venue
/// (a conference copy beats an arXiv preprint), the first listed on a tie.
pub(crate) fn copy_for_venue(copies: &[&RawPaper]) -> usize {
    let best = copies.iter().map(|p| venue_rank(p)).max().unwrap_or(0);
    copies.iter().position(|p| venue_rank(p) == best).unwrap_or(0)
}

/// The year and month of an arXiv identifier in a link (`arxiv.org/abs/2502.16963v2`).
pub(crate) fn arxiv_month(url: &str) -> Option<YearMonth> {
    let lower = url.to_ascii_lowercase();
    let at = lower.find("arxiv.org/")?;
    let rest = &lower[at + "arxiv.org/".len()..];
    let id = ["abs/", "pdf/", "html/"].iter().find_map(|p| rest.strip_prefix(p))?;
    let (yymm, num) = id.split_once('.')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if yymm.len() != 4 || !digits(yymm) || num.len() < 4 || !digits(&num[..4]) {
        return None;
    }
    let (yy, mm) = yymm.split_at(2);
    YearMonth::new(2000 + yy.parse::<i32>().ok()?, Some(mm.parse().ok()?)).ok()
}

/// A preprint copy's date, corrected from its arXiv id when the badge contradicts it.
fn preprint_date(b: &mut Builder, p: &RawPaper) -> Option<YearMonth> {
    let id = p.links.paper.iter().find_map(|u| arxiv_month(u));
    match (venue_rank(p), id, p.published) {
        (0, Some(id), Some(d)) if d != id => {
            let msg = format!("paper {:?}: badge date {d} contradicts its arXiv id; {id} taken from the id", p.title);
            b.warn(&p.src, msg);
            Some(id)
        }
        _ => p.published,
    }
}

pub(super) fn papers(b: &mut Builder, ex: &Extracted) -> Vec<Paper> {
    let mut reg = Registry::default();
    let mut rows: Vec<(Paper, Src)> = Vec::new();
    let mut covers: Vec<BTreeSet<usize>> = Vec::new();
    let mut copies: Vec<Vec<&RawPaper>> = Vec::new();
    for p in &ex.papers {
        if let Some(i) = reg.find(&p.title) {
            copies[i].push(p);
            let (row, _) = &mut rows[i];
            let mut links = row.links();
            merge_links(&mut links, &p.links);
            row.set_links(links);
            row.survey |= p.survey;
            if row.short_name.is_none() {
                row.short_name = p.short_name.clone();
            }
            for t in &p.tags {
                if !row.tags.contains(t) {
                    row.tags.push(t.clone());
                }
            }
            covers[i].insert(p.technique);
            continue;
        }
        // A short name another paper already has gives way to the title.
        let ids = paper_ids(p);
        let id = match ids.iter().find(|id| reg.find_id(id).is_none()) {
            Some(id) => id.clone(),
            None => {
                let year = p.published.map(|d| d.year.to_string()).unwrap_or_default();
                let mut id = ids[0].with_suffix(&year);
                let mut n = 2;
                while reg.find_id(&id).is_some() {
                    id = ids[0].with_suffix(&n.to_string());
                    n += 1;
                }
                id
            }
        };
        reg.add(id.clone(), &p.title);
        let mut row = Paper {
            title: p.title.clone(),
            short_name: p.short_name.clone(),
            venue: p.venue.clone(),
            published: p.published,
            survey: p.survey,
            tags: p.tags.clone(),
            ..Paper::with_id(id)
        };
        row.set_links(p.links.clone());
        rows.push((row, p.src.clone()));
        covers.push(BTreeSet::from([p.technique]));
        copies.push(vec![p]);
    }
    for (i, all) in copies.iter().enumerate() {
        let kept = all[copy_for_venue(all)];
        let published = preprint_date(b, kept);
        let first = all[0];
        for p in &all[1..] {
            let mut diffs = Vec::new();
            if first.title != p.title {
                diffs.push(format!("title {:?}", p.title));
            }
            if p.venue != first.venue {
                let show = |v: &Option<String>| v.clone().unwrap_or_default();
                diffs.push(format!("venue {:?} vs {:?}", show(&p.venue), show(&first.venue)));
            }
            if p.published != first.published {
                let show = |d: Option<YearMonth>| d.map(|d| d.to_string()).unwrap_or_default();
                diffs.push(format!("date {} vs {}", show(p.published), show(first.published)));
            }
            if !diffs.is_empty() {
                let msg = format!(
                    "paper {:?} disagrees with {} ({}); title from {}, venue and date from {}",
                    first.title,
                    first.src,
                    diffs.join(", "),
                    first.src,
                    kept.src
                );
                b.warn(&p.src, msg);
            }
        }
        let row = &mut rows[i].0;
        row.venue = kept.venue.clone();
        row.published = published;
    }
    let framework_urls: Vec<(String, Id)> = b
        .framework_rows
        .iter()
        .flat_map(|(f, _)| f.links().iter().map(|(_, u)| (normal_url(u), f.id.clone())).collect::<Vec<_>>())
        .collect();
    for (i, (row, _)) in rows.iter().enumerate() {
        let me = key(EntryKind::Paper, &row.id);
        for t in &covers[i] {
            b.relate(me.clone(), RelationKind::Covers, key(EntryKind::Technique, &ex.techniques[*t].id));
        }
        let by_name = row.short_name.as_deref().and_then(|s| b.frameworks.find(s)).map(|j| b.frameworks.ids[j].clone());
        let by_url = || {
            row.code_url
                .iter()
                .find_map(|u| framework_urls.iter().find(|(f, _)| *f == normal_url(u)).map(|(_, id)| id.clone()))
        };
        if let Some(fw) = by_name.or_else(by_url) {
            b.relate(me, RelationKind::Implements, key(EntryKind::Framework, &fw));
        }
    }
    rows.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(venue: Option<&str>, line: usize) -> RawPaper {
        RawPaper {
            src: Src { file: "f.md".into(), line },
            title: "T".into(),
            short_name: None,
            venue: venue.map(str::to_string),
            published: None,
            survey: false,
            tags: vec![],
            links: Links::default(),
            technique: 0,
        }
    }

    #[test]
    fn the_conference_copy_gives_venue_and_date_whichever_comes_first() {
        let (arxiv, acm, asplos) = (copy(Some("arxiv"), 1), copy(Some("ACM"), 2), copy(Some("ASPLOS"), 3));
        assert_eq!(copy_for_venue(&[&arxiv, &asplos]), 1);
        assert_eq!(copy_for_venue(&[&asplos, &arxiv]), 0);
        assert_eq!(copy_for_venue(&[&acm, &asplos]), 1);
        assert_eq!(copy_for_venue(&[&arxiv, &acm]), 1);
        let (blog, none) = (copy(Some("Samsung tech blog"), 4), copy(None, 5));
        assert_eq!(copy_for_venue(&[&blog, &none]), 0, "a tie keeps the first");
        assert_eq!(copy_for_venue(&[&copy(Some("ASP.DAC"), 6), &arxiv]), 0);
    }

    #[test]
    fn paper_ids_skip_generic_labels_and_taken_short_names() {
        let mut p = copy(None, 1);
        p.title = "Poster: PipeLLM: Pipeline LLM Inference on Heterogeneous Devices".into();
        assert_eq!(paper_ids(&p)[0].as_str(), "pipellm");
        p.short_name = Some("Poster".into());
        assert_eq!(paper_ids(&p)[0].as_str(), "pipellm");
        p.short_name = Some("PIM".into());
        let ids = paper_ids(&p);
        assert_eq!((ids[0].as_str(), ids[1].as_str()), ("pim", "pipellm"), "the title when the short name is taken");
    }

    #[test]
    fn arxiv_ids_give_their_month() {
        let m = |u: &str| arxiv_month(u).map(|d| d.to_string());
        assert_eq!(m("https://arxiv.org/abs/2502.16963").as_deref(), Some("2025-02"));
        assert_eq!(m("https://arxiv.org/html/2407.05858v1").as_deref(), Some("2024-07"));
        assert_eq!(m("https://arxiv.org/pdf/2404.14219").as_deref(), Some("2024-04"));
        assert_eq!(m("https://arxiv.org/abs/cs/0112017"), None);
        assert_eq!(m("https://dl.acm.org/doi/10.1145/3620665.3640422"), None);
    }
}
