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

use super::{edge_label, undirected};
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

/// Scores the entries that share at least one neighbour with `n`, best first; `kinds`
/// keeps only those kinds (all when empty); at most `top`.
pub fn related(g: &KnowledgeGraph, n: NodeIndex, kinds: &[EntryKind], top: usize) -> Vec<Related> {
    let adj = undirected(g);
    let mut score = vec![0.0f64; g.node_count()];
    let mut shared: Vec<Vec<Shared>> = vec![Vec::new(); g.node_count()];
    for &(z, r, d) in &adj[n.index()] {
        let deg = adj[z.index()].len();
        if deg < 2 {
            continue;
        }
        let w = 1.0 / (deg as f64).ln();
        for &(y, ry, dy) in &adj[z.index()] {
            if y == n {
                continue;
            }
            score[y.index()] += w;
            // Seen from z; flip to how y links to z.
            shared[y.index()].push((z, (r, d), (ry, dy.opposite())));
        }
    }
    let date = |m: NodeIndex| attrs::date(&g.data, g.node(m)).map(|d| d.month_index());
    let mut out: Vec<Related> = g
        .nodes()
        .filter(|m| score[m.index()] > 0.0 && (kinds.is_empty() || kinds.contains(&g.node(*m).key.kind)))
        .map(|m| {
            let mut s = std::mem::take(&mut shared[m.index()]);
            s.sort_by_key(|(z, _, _)| (adj[z.index()].len(), *z));
            let months_apart = date(n).zip(date(m)).map(|(a, b)| (a - b).abs());
            Related { node: m, score: score[m.index()], shared: s, months_apart }
        })
        .collect();
    out.sort_by_cached_key(|r| (std::cmp::Reverse((r.score * 1e9).round() as i64), g.node(r.node).key.to_string()));
    out.truncate(top);
    out
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
                format!("both {} {name}", edge_label(mine.0, mine.1))
            } else {
                format!("{} / {} {name}", edge_label(mine.0, mine.1), edge_label(theirs.0, theirs.1))
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
