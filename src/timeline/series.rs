//! Series on the emergence timeline: releases of one family (`member_of`, from data) out within
//! a month of each other, whose names begin with the same words, are named once ("MinCPM") and
//! each release by the rest of its name ("V2.0", "V3.0") beside its own dot, as the list's
//! figure draws them. Releases of a family that share no first word stay named in full.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::emergence::Release;
use crate::graph::KnowledgeGraph;
use crate::latex::to_unicode;
use crate::model::RelationKind;

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

/// The series among `rels`, in family order.
pub fn find(g: &KnowledgeGraph, rels: &[Release]) -> Vec<Series> {
    let mut families: BTreeMap<NodeIndex, Vec<usize>> = BTreeMap::new();
    for (i, r) in rels.iter().enumerate() {
        if let Some(&f) = g.out(r.node, RelationKind::MemberOf).first() {
            families.entry(f).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (family, mut members) in families {
        members.sort_by_key(|&i| (rels[i].released.month_index(), g.node(rels[i].node).name.clone()));
        let mut run: Vec<usize> = Vec::new();
        for i in members {
            let month = |k: usize| rels[k].released.month_index();
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
fn shared_name(g: &KnowledgeGraph, rels: &[Release], family: NodeIndex, run: &[usize]) -> Option<Series> {
    if run.len() < 2 {
        return None;
    }
    let names: Vec<String> = run.iter().map(|&i| to_unicode(&g.node(rels[i].node).name).into_owned()).collect();
    let words: Vec<Vec<&str>> = names.iter().map(|n| n.split_whitespace().collect()).collect();
    let shared =
        (0..).take_while(|&k| words.iter().all(|w| w.get(k).is_some_and(|x| Some(x) == words[0].get(k)))).count();
    let rests: Vec<String> = words.iter().map(|w| w[shared..].join(" ")).collect();
    if shared == 0 || rests.iter().filter(|r| r.is_empty()).count() > 1 {
        return None;
    }
    Some(Series { family, name: words[0][..shared].join(" "), members: run.iter().copied().zip(rests).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::emergence::{Options, releases};
    use crate::timeline::tests::shipped;

    #[test]
    fn shipped_series_come_from_families_and_months() {
        let g = shipped();
        let (rels, _) = releases(&g, &Options::default());
        let found: Vec<(String, Vec<String>)> = find(&g, &rels)
            .into_iter()
            .map(|s| (s.name, s.members.into_iter().map(|(_, rest)| rest).collect()))
            .collect();
        // MinCPM (2024-02) is two months before V2.0 and V3.0 (2024-04): named on its own.
        // Qwen2 and Qwen2.5 share a family but no first word; Yi and Yi VL are two months apart.
        assert_eq!(
            found,
            [
                ("MinCPM".to_string(), vec!["V2.0".to_string(), "V3.0".to_string(), "Llama3 V2.5".to_string()]),
                ("Octopus".to_string(), vec!["v2".to_string(), "v3".to_string()]),
            ]
        );
    }
}
