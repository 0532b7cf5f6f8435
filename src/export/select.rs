//! Subgraph selection for exports: by kind, by neighbourhood of an entry, by date.

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;

use crate::attrs;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind, YearMonth};

/// Filters that narrow the exported graph; they combine as an intersection.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep only these kinds (all when empty).
    pub kinds: Vec<EntryKind>,
    /// Keep only entries within `depth` relations of this one, in either direction.
    pub around: Option<(NodeIndex, usize)>,
    /// Drop dated entries (models, chips, papers, families) from before this month; keep an
    /// undated entry only if it is related to a dated one that stays.
    pub since: Option<YearMonth>,
}

/// The nodes and edges to write, both in graph order.
#[derive(Debug, Clone)]
pub struct Subgraph {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<(NodeIndex, RelationKind, NodeIndex)>,
}

impl Subgraph {
    /// The whole graph.
    pub fn all(g: &KnowledgeGraph) -> Subgraph {
        Subgraph { nodes: g.nodes().collect(), edges: g.edges().collect() }
    }

    /// The nodes that pass every filter and the edges between them.
    pub fn select(g: &KnowledgeGraph, sel: &Selection) -> Subgraph {
        let mut keep = vec![true; g.node_count()];
        if !sel.kinds.is_empty() {
            for n in g.nodes() {
                keep[n.index()] &= sel.kinds.contains(&g.node(n).key.kind);
            }
        }
        if let Some((centre, depth)) = sel.around {
            let near = within(g, centre, depth);
            keep.iter_mut().zip(near).for_each(|(k, n)| *k &= n);
        }
        if let Some(since) = sel.since {
            let start = since.first_day();
            let dates: Vec<_> = g.nodes().map(|n| attrs::date(&g.data, g.node(n)).map(|d| d.first_day())).collect();
            let recent: Vec<bool> =
                g.nodes().map(|n| keep[n.index()] && dates[n.index()].is_some_and(|d| d >= start)).collect();
            for n in g.nodes() {
                keep[n.index()] &= match dates[n.index()] {
                    Some(_) => recent[n.index()],
                    None => g.adjacent(n).any(|(_, m)| recent[m.index()]),
                };
            }
        }
        let nodes = g.nodes().filter(|n| keep[n.index()]).collect();
        let edges = g.edges().filter(|(s, _, t)| keep[s.index()] && keep[t.index()]).collect();
        Subgraph { nodes, edges }
    }
}

/// Which nodes lie within `depth` hops of `centre`, ignoring edge direction.
fn within(g: &KnowledgeGraph, centre: NodeIndex, depth: usize) -> Vec<bool> {
    let mut seen = vec![false; g.node_count()];
    seen[centre.index()] = true;
    let mut queue = VecDeque::from([(centre, 0)]);
    while let Some((n, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for (_, m) in g.adjacent(n) {
            if !seen[m.index()] {
                seen[m.index()] = true;
                queue.push_back((m, d + 1));
            }
        }
    }
    seen
}
