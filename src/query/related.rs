//! Related entries, ranked by the Adamic-Adar index on the undirected graph:
//!
//!   score(x, y) = Σ over shared neighbours z of x and y of 1 / ln(degree(z))
//!
//! where degree counts distinct neighbours. A shared neighbour counts for more the fewer
//! entries it touches: a leaf technique with a handful of papers says more than a broad
//! section, a niche framework more than llama.cpp. Ties go to the entry whose `kind:id`
//! sorts first. Scores are compared at 1e-9, so networkx's `adamic_adar_index` on the
//! exported graph gives the same order (the conformance test checks it).

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::{Undirected, words};
use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};

/// A neighbour both entries share: (the neighbour, how the query entry links to it, how
/// the related entry links to it).
pub type Shared = (NodeIndex, (RelationKind, Direction), (RelationKind, Direction));

/// One related entry, its score and what it shares with the query entry.
#[derive(Debug, Clone)]
pub struct Related {
    pub node: NodeIndex,
    pub score: f64,
    /// Shared neighbours, most specific first.
    pub shared: Vec<Shared>,
    /// Months between the two entries' dates, when both have one.
    pub months_apart: Option<i64>,
}

/// Neighbours with more distinct neighbours than this are hubs: they are not expanded
/// entry by entry (a hub's 100,000 papers all get the same small weight from it).
const HUB_DEGREE: usize = 1024;

/// A candidate's order: higher score first (compared at 1e-9), then lower `kind:id` rank.
type Order = (std::cmp::Reverse<i64>, u32);

fn order(score: f64, rank: u32) -> Order {
    (std::cmp::Reverse((score * 1e9).round() as i64), rank)
}

/// Scores the entries that share at least one neighbour with `n`, best first; `kinds`
/// keeps only those kinds (all when empty); at most `top`.
///
/// Exact, without walking every hub's neighbours: light neighbours (up to `HUB_DEGREE`)
/// are expanded; their candidates get the hubs' weights by binary search or from the
/// hub's list, whichever is shorter; entries reached
/// only through hubs are visited in `kind:id` order, merged across the hubs, and the walk
/// stops once no later entry can enter the top (their score is at most the hubs' total).
pub fn related(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, kinds: &[EntryKind], top: usize) -> Vec<Related> {
    if top == 0 {
        return Vec::new();
    }
    let weight = |z: NodeIndex| {
        let deg = u.degree(z);
        (deg >= 2).then(|| 1.0 / (deg as f64).ln())
    };
    let wanted = |m: NodeIndex| m != n && (kinds.is_empty() || kinds.contains(&g.node(m).key.kind));
    let (hubs, light): (Vec<_>, Vec<_>) = u.neighbours(n).iter().partition(|(z, _, _)| u.degree(*z) > HUB_DEGREE);
    // A hub has over `HUB_DEGREE` neighbours, so it always has a weight.
    let hubs: Vec<(NodeIndex, f64)> = hubs.iter().filter_map(|(z, _, _)| weight(*z).map(|w| (*z, w))).collect();

    // Candidates through light neighbours, then what the hubs add to each. Scores sit in a
    // dense array (zeroed lazily by the allocator): a query on a hub touches most entries.
    let mut score = vec![0.0f64; g.node_count()];
    let mut touched: Vec<NodeIndex> = Vec::new();
    for &(z, _, _) in &light {
        if let Some(w) = weight(z) {
            for &(y, _, _) in u.neighbours(z).iter().filter(|(y, _, _)| *y != n) {
                if score[y.index()] == 0.0 {
                    touched.push(y);
                }
                score[y.index()] += w;
            }
        }
    }
    for &(z, w) in &hubs {
        // From whichever side is shorter: the hub's list, or a lookup per candidate.
        if u.degree(z) < touched.len() {
            for &(y, _, _) in u.neighbours(z) {
                if score[y.index()] > 0.0 {
                    score[y.index()] += w;
                }
            }
        } else {
            touched.iter().filter(|&&y| u.link(y, z).is_some()).for_each(|y| score[y.index()] += w);
        }
    }
    // The top by score first (ties at the cut kept), so ranks are looked up for a few only.
    let rounded = |y: NodeIndex| order(score[y.index()], 0).0;
    let mut by_score: Vec<NodeIndex> = touched.into_iter().filter(|&y| wanted(y)).collect();
    if by_score.len() > top {
        by_score.select_nth_unstable_by_key(top - 1, |&y| rounded(y));
        let cut = rounded(by_score[top - 1]);
        by_score.retain(|&y| rounded(y) <= cut);
    }
    let mut best: Vec<(Order, NodeIndex, f64)> =
        by_score.into_iter().map(|y| (order(score[y.index()], u.rank(y)), y, score[y.index()])).collect();
    best.sort_unstable_by_key(|(o, _, _)| *o);
    best.truncate(top);

    // Entries reached only through hubs, in rank order across the hubs' neighbour lists.
    let hub_total: f64 = hubs.iter().map(|(_, w)| w).sum();
    let ceiling = order(hub_total, 0).0;
    let lists: Vec<(&[super::Link], f64)> = hubs.iter().map(|&(z, w)| (u.neighbours(z), w)).collect();
    let mut at = vec![0usize; lists.len()];
    loop {
        let next = lists.iter().zip(&at).filter_map(|((l, _), &i)| l.get(i)).map(|(y, _, _)| u.rank(*y)).min();
        let Some(rank) = next else { break };
        if best.len() == top {
            let worst = best[top - 1].0;
            // Every later entry scores at most `hub_total` and has a higher rank.
            if worst.0 < ceiling || (worst.0 == ceiling && worst.1 < rank) {
                break;
            }
        }
        let mut s = 0.0;
        let mut y = None;
        for ((l, w), i) in lists.iter().zip(at.iter_mut()) {
            if let Some(&(m, _, _)) = l.get(*i).filter(|(m, _, _)| u.rank(*m) == rank) {
                s += w;
                y = Some(m);
                *i += 1;
            }
        }
        let Some(y) = y else { break };
        if score[y.index()] > 0.0 || !wanted(y) {
            continue;
        }
        let o = order(s, rank);
        let slot = best.partition_point(|(b, _, _)| *b < o);
        if slot < top {
            best.insert(slot, (o, y, s));
            best.truncate(top);
        }
    }

    let date = |m: NodeIndex| attrs::date(&g.data, g.node(m)).map(|d| d.month_index());
    best.into_iter()
        .map(|(_, m, score)| {
            let mut shared = shared_neighbours(u, n, m);
            shared.sort_by_key(|(z, _, _)| (u.degree(*z), *z));
            let months_apart = date(n).zip(date(m)).map(|(a, b)| (a - b).abs());
            Related { node: m, score, shared, months_apart }
        })
        .collect()
}

/// Neighbours of both `a` and `b` that count for the score (two or more neighbours), found
/// by binary search from the smaller neighbour list into the larger.
fn shared_neighbours(u: &Undirected, a: NodeIndex, b: NodeIndex) -> Vec<Shared> {
    let small_first = u.degree(a) <= u.degree(b);
    let (x, y) = if small_first { (a, b) } else { (b, a) };
    u.neighbours(x)
        .iter()
        .filter(|(z, _, _)| u.degree(*z) >= 2)
        .filter_map(|&(z, r, d)| {
            let &(_, r2, d2) = u.link(y, z)?;
            Some(if small_first { (z, (r, d), (r2, d2)) } else { (z, (r2, d2), (r, d)) })
        })
        .collect()
}

/// Why an entry is related, in words: "both cover KV Cache Offloading; both implement
/// PowerInfer; 3 months apart". At most `max` shared neighbours are spelled out.
pub fn reason(g: &KnowledgeGraph, r: &Related, max: usize) -> String {
    let mut parts: Vec<String> = r
        .shared
        .iter()
        .take(max)
        .map(|(z, mine, theirs)| {
            let name = &g.node(*z).name;
            if mine == theirs {
                format!("both {} {name}", words::plural(mine.0, mine.1))
            } else {
                format!("{} / {} {name}", words::verb(mine.0, mine.1), words::verb(theirs.0, theirs.1))
            }
        })
        .collect();
    if r.shared.len() > max {
        parts.push(format!("{} more in common", r.shared.len() - max));
    }
    match r.months_apart {
        Some(0) => parts.push("same month".to_string()),
        Some(1) => parts.push("1 month apart".to_string()),
        Some(m) => parts.push(format!("{m} months apart")),
        None => {}
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry at distance two scored by brute force: the definition, hubs and all.
    fn brute_force(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, top: usize) -> Vec<(NodeIndex, f64)> {
        let mut score = vec![0.0; g.node_count()];
        for &(z, _, _) in u.neighbours(n).iter().filter(|(z, _, _)| u.degree(*z) >= 2) {
            for &(y, _, _) in u.neighbours(z) {
                score[y.index()] += 1.0 / (u.degree(z) as f64).ln();
            }
        }
        let mut all: Vec<(NodeIndex, f64)> =
            g.nodes().filter(|&y| y != n && score[y.index()] > 0.0).map(|y| (y, score[y.index()])).collect();
        all.sort_by_key(|&(y, s)| order(s, u.rank(y)));
        all.truncate(top);
        all
    }

    #[test]
    fn hub_aware_ranking_equals_brute_force_on_a_graph_with_hubs() {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::generate(dir.path(), 20_000, 7).unwrap();
        let g = KnowledgeGraph::build(crate::data::load(dir.path()).unwrap());
        let u = Undirected::new(&g);
        let hubs = g.nodes().filter(|&z| u.degree(z) > HUB_DEGREE).count();
        assert!(hubs >= 3, "the synthetic graph must have hubs, found {hubs}");
        let is_hub = |z: NodeIndex| u.degree(z) > HUB_DEGREE;
        // Entries linked to hubs only are ranked by the merge walk alone.
        let hubs_only = g.nodes().filter(|&n| u.degree(n) > 1 && u.neighbours(n).iter().all(|(z, _, _)| is_hub(*z)));
        let queries: Vec<NodeIndex> =
            g.nodes().step_by(97).chain(g.nodes().filter(|&z| is_hub(z))).chain(hubs_only.take(20)).collect();
        for n in queries {
            for top in [1, 10, 300] {
                let fast: Vec<(NodeIndex, i64)> =
                    related(&g, &u, n, &[], top).iter().map(|r| (r.node, order(r.score, 0).0.0)).collect();
                let slow: Vec<(NodeIndex, i64)> =
                    brute_force(&g, &u, n, top).into_iter().map(|(y, s)| (y, order(s, 0).0.0)).collect();
                assert_eq!(fast, slow, "related to {} (top {top})", g.node(n).key);
            }
        }
    }
}
