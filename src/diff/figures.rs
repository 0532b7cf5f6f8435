//! What a change does to the figures, as data: releases on the emergence timeline and chips on
//! the TOPS and memory figures that appear, move (another month, size or value) or disappear.
//! The figures are selected as `build` draws them (the default options).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::{Key, format_count};
use crate::timeline::{chips, emergence};

use super::Named;
use super::pairs::Pairs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Figure {
    Emergence,
    Tops,
    Memory,
}

impl Figure {
    pub const ALL: [Figure; 3] = [Figure::Emergence, Figure::Tops, Figure::Memory];

    pub fn title(self) -> &'static str {
        match self {
            Figure::Emergence => "emergence timeline",
            Figure::Tops => "chip TOPS",
            Figure::Memory => "chip memory",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Motion {
    Appeared,
    Moved,
    Disappeared,
}

/// One entry's change on one figure; `before` and `after` say where it is plotted.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub figure: Figure,
    pub change: Motion,
    pub entry: Named,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Where each entry is plotted on `figure`, in words ("2024-09 at 0.5B, 1.5B").
pub fn placements(g: &KnowledgeGraph, figure: Figure) -> BTreeMap<Key, (Named, String)> {
    let mut out = BTreeMap::new();
    match figure {
        Figure::Emergence => {
            for r in emergence::releases(g, &emergence::Options::default()).0 {
                let sizes: Vec<String> = r.sizes.iter().map(|s| format_count(*s)).collect();
                let at = format!("{} at {}", r.released, sizes.join(", "));
                out.insert(g.node(r.node).key.clone(), (Named::of(g, r.node), at));
            }
        }
        Figure::Tops | Figure::Memory => {
            let (metric, unit) =
                if figure == Figure::Tops { (chips::Metric::Tops, "TOPS") } else { (chips::Metric::Memory, "GB") };
            for (n, line, values) in chips::plotted(g, metric) {
                let released = g.data.chips[g.node(n).index].released.map(|d| d.to_string()).unwrap_or_default();
                let values: Vec<String> = values.iter().map(|v| format!("{v}")).collect();
                let at = format!("{released} at {} {unit} ({line} line)", values.join("-"));
                out.insert(g.node(n).key.clone(), (Named::of(g, n), at));
            }
        }
    }
    out
}

/// Every figure's changes, figure by figure, entries in `kind:id` order (HEAD's entries of
/// `pairs` under BASE's keys).
pub fn compare(base: &KnowledgeGraph, head: &KnowledgeGraph, pairs: &Pairs) -> Vec<Change> {
    let mut out = Vec::new();
    for figure in Figure::ALL {
        let old = placements(base, figure);
        let new: BTreeMap<Key, _> =
            placements(head, figure).into_iter().map(|(k, v)| (pairs.base_key(&k), v)).collect();
        for (key, (named, at)) in &new {
            match old.get(key) {
                None => out.push(Change {
                    figure,
                    change: Motion::Appeared,
                    entry: named.clone(),
                    before: None,
                    after: Some(at.clone()),
                }),
                Some((_, was)) if was != at => out.push(Change {
                    figure,
                    change: Motion::Moved,
                    entry: named.clone(),
                    before: Some(was.clone()),
                    after: Some(at.clone()),
                }),
                Some(_) => {}
            }
        }
        for (key, (named, was)) in &old {
            if !new.contains_key(key) {
                let gone = Change {
                    figure,
                    change: Motion::Disappeared,
                    entry: named.clone(),
                    before: Some(was.clone()),
                    after: None,
                };
                out.push(gone);
            }
        }
    }
    out.sort_by(|a, b| (a.figure, &a.entry, a.change).cmp(&(b.figure, &b.entry, b.change)));
    out
}
