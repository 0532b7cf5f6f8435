//! Shortest paths between two entries, following relations in either direction.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::Undirected;
use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

/// One hop: from the previous node along `relation` (read in `dir` from that node) to `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    pub relation: RelationKind,
    pub dir: Direction,
    pub to: NodeIndex,
}

/// A shortest path from `a` to `b` of at most `max_hops` hops, or `None`. Neighbours are
/// visited in `kind:id` order, so the same graph always gives the same path.
pub fn shortest(g: &KnowledgeGraph, u: &Undirected, a: NodeIndex, b: NodeIndex, max_hops: usize) -> Option<Vec<Hop>> {
    let mut prev: Vec<Option<(NodeIndex, Hop)>> = vec![None; g.node_count()];
    let mut seen = vec![false; g.node_count()];
    seen[a.index()] = true;
    let mut queue = VecDeque::from([(a, 0)]);
    while let Some((n, d)) = queue.pop_front() {
        if n == b {
            let mut hops = Vec::new();
            let mut at = b;
            while let Some((p, hop)) = prev[at.index()] {
                hops.push(hop);
                at = p;
            }
            hops.reverse();
            return Some(hops);
        }
        if d == max_hops {
            continue;
        }
        for &(m, relation, dir) in u.neighbours(n) {
            if !seen[m.index()] {
                seen[m.index()] = true;
                prev[m.index()] = Some((n, Hop { relation, dir, to: m }));
                queue.push_back((m, d + 1));
            }
        }
    }
    None
}
