//! Series on the emergence timeline: releases of one family (`member_of`, from data) out within
//! a month of each other, whose names begin with the same words, are named once ("MiniCPM") and
//! each release by the rest of its name ("V2.0", "V3.0") beside its own dot, as the list's
//! figure draws them. Releases of a family that share no first word stay named in full.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::latex::to_unicode;
use crate::model::{RelationKind, YearMonth};

/// Releases of a series at most this many months after the one before stay in the series.
const MONTHS_APART: i64 = 1;

/// Releases drawn under one name.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub family: NodeIndex,
    /// The words every member's name begins with.
    pub name: String,
    /// Each member (an index into the releases) with the rest of its name: empty for the
    /// release whose name is the series' name alone.
    pub members: Vec<(usize, String)>,
}

/// The series among the releases (each a model and its release month), in family order.
pub fn find(g: &KnowledgeGraph, rels: &[(NodeIndex, YearMonth)]) -> Vec<Series> {
    let mut families: BTreeMap<NodeIndex, Vec<usize>> = BTreeMap::new();
    for (i, r) in rels.iter().enumerate() {
        if let Some(&f) = g.out(r.0, RelationKind::MemberOf).first() {
            families.entry(f).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (family, mut members) in families {
        members.sort_by_key(|&i| (rels[i].1.month_index(), g.node(rels[i].0).name.clone()));
        let mut run: Vec<usize> = Vec::new();
        for i in members {
            let month = |k: usize| rels[k].1.month_index();
            if run.last().is_some_and(|&last| month(i) - month(last) > MONTHS_APART) {
                out.extend(shared_name(g, rels, family, &run));
                run.clear();
            }
            run.push(i);
        }
        out.extend(shared_name(g, rels, family, &run));
    }
    out
}

/// The run as a series, when its names share their first words and at most one name is
/// those words alone.
fn shared_name(
    g: &KnowledgeGraph,
    rels: &[(NodeIndex, YearMonth)],
    family: NodeIndex,
    run: &[usize],
) -> Option<Series> {
    if run.len() < 2 {
        return None;
    }
    let names: Vec<String> = run.iter().map(|&i| to_unicode(&g.node(rels[i].0).name).into_owned()).collect();
    let words: Vec<Vec<&str>> = names.iter().map(|n| n.split_whitespace().collect()).collect();
    let shared =
        (0..).take_while(|&k| words.iter().all(|w| w.get(k).is_some_and(|x| Some(x) == words[0].get(k)))).count();
    let rests: Vec<String> = words.iter().map(|w| w[shared..].join(" ")).collect();
    if shared == 0 || rests.iter().filter(|r| r.is_empty()).count() > 1 {
        return None;
    }
    Some(Series { family, name: words[0][..shared].join(" "), members: run.iter().copied().zip(rests).collect() })
}
