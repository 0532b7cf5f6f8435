//! Paths between two entries, following relations in either direction. The cheapest path
//! wins, where passing through an entry costs its number of neighbours: a chain of specific
//! entries beats a shortcut through a hub (CUDA, llama.cpp), which is a last resort.
//! Alternatives are the next cheapest loopless paths (Yen's algorithm).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Undirected;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};

/// One hop: from the previous node along `relation` (read in `dir` from that node) to `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    pub relation: RelationKind,
    pub dir: Direction,
    pub to: NodeIndex,
}

/// What a path must satisfy.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// At most this many hops.
    pub max_hops: usize,
    /// Pass through an entry of this kind (the ends do not count).
    pub via: Option<EntryKind>,
    /// Never pass through these entries.
    pub avoid: Vec<NodeIndex>,
}

/// A path and its cost: one per hop plus the number of neighbours of each entry passed through.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub hops: Vec<Hop>,
    pub cost: u64,
}

/// The cheapest path from `a` to `b` (see the module doc), or `None`. Ties go to fewer
/// hops, then to the entries whose `kind:id` sorts first, so the answer is deterministic.
pub fn cheapest(g: &KnowledgeGraph, u: &Undirected, a: NodeIndex, b: NodeIndex, o: &Options) -> Option<Path> {
    alternatives(g, u, a, b, o, 1).into_iter().next()
}

/// Up to `k` loopless paths from `a` to `b`, cheapest first.
pub fn alternatives(
    g: &KnowledgeGraph,
    u: &Undirected,
    a: NodeIndex,
    b: NodeIndex,
    o: &Options,
    k: usize,
) -> Vec<Path> {
    let wants = |n: NodeIndex| o.via.is_some_and(|kind| g.node(n).key.kind == kind);
    let banned: FxHashSet<NodeIndex> = o.avoid.iter().copied().filter(|&n| n != a && n != b).collect();
    let search = |from: NodeIndex,
                  hops: usize,
                  seen_via: bool,
                  nodes: &FxHashSet<NodeIndex>,
                  edges: &FxHashSet<(NodeIndex, NodeIndex)>| {
        let s = Search { u, goal: b, max_hops: hops, via: o.via.is_some(), wants: &wants, nodes, edges };
        s.run(from, seen_via)
    };
    let Some(first) = search(a, o.max_hops, false, &banned, &FxHashSet::default()) else {
        return Vec::new();
    };
    let mut found: Vec<Vec<NodeIndex>> = vec![first];
    let mut candidates: Vec<(u64, usize, Vec<u32>, Vec<NodeIndex>)> = Vec::new();
    while found.len() < k {
        let last = found.last().expect("one path at least").clone();
        for i in 0..last.len() - 1 {
            let root = &last[..=i];
            let mut edges = FxHashSet::default();
            for p in found.iter().filter(|p| p.len() > i + 1 && &p[..=i] == root) {
                edges.insert((p[i], p[i + 1]));
            }
            let mut nodes = banned.clone();
            nodes.extend(&root[..i]);
            // Only entries passed through count for `via`, not the ends.
            let seen_via = root[1..].iter().any(|&n| wants(n));
            if let Some(spur) = search(root[i], o.max_hops - i, seen_via, &nodes, &edges) {
                let full: Vec<NodeIndex> = root[..i].iter().copied().chain(spur).collect();
                if !found.contains(&full) && !candidates.iter().any(|c| c.3 == full) {
                    candidates.push((cost(u, &full), full.len(), full.iter().map(|&n| u.rank(n)).collect(), full));
                }
            }
        }
        let Some(best) = candidates
            .iter()
            .enumerate()
            .min_by(|x, y| (x.1.0, x.1.1, &x.1.2).cmp(&(y.1.0, y.1.1, &y.1.2)))
            .map(|(i, _)| i)
        else {
            break;
        };
        found.push(candidates.swap_remove(best).3);
    }
    found.iter().map(|nodes| Path { hops: hops(u, nodes), cost: cost(u, nodes) }).collect()
}

/// One per hop, plus the neighbours of every entry passed through.
fn cost(u: &Undirected, nodes: &[NodeIndex]) -> u64 {
    let inner = nodes.len().saturating_sub(2);
    (nodes.len() - 1) as u64 + nodes.iter().skip(1).take(inner).map(|&n| u.degree(n) as u64).sum::<u64>()
}

fn hops(u: &Undirected, nodes: &[NodeIndex]) -> Vec<Hop> {
    nodes
        .windows(2)
        .map(|w| {
            let &(to, relation, dir) = u.link(w[0], w[1]).expect("paths follow links");
            Hop { relation, dir, to }
        })
        .collect()
}

/// One cheapest-path search (Dijkstra over entry, hops taken, and whether the `via` kind
/// was passed), avoiding some entries and some first steps.
struct Search<'a, F: Fn(NodeIndex) -> bool> {
    u: &'a Undirected,
    goal: NodeIndex,
    max_hops: usize,
    via: bool,
    wants: &'a F,
    nodes: &'a FxHashSet<NodeIndex>,
    edges: &'a FxHashSet<(NodeIndex, NodeIndex)>,
}

type State = (NodeIndex, usize, bool);

impl<F: Fn(NodeIndex) -> bool> Search<'_, F> {
    fn run(&self, start: NodeIndex, seen_via: bool) -> Option<Vec<NodeIndex>> {
        let u = self.u;
        let mut best: FxHashMap<State, u64> = FxHashMap::default();
        let mut prev: FxHashMap<State, State> = FxHashMap::default();
        let mut heap = BinaryHeap::new();
        let s0 = (start, 0, seen_via || !self.via);
        best.insert(s0, 0);
        heap.push(Reverse((0u64, 0usize, u.rank(start), s0)));
        while let Some(Reverse((c, h, _, state))) = heap.pop() {
            if best.get(&state).is_some_and(|&b| b < c) {
                continue;
            }
            let (n, _, ok) = state;
            if n == self.goal {
                if !ok {
                    continue;
                }
                let mut path = vec![n];
                let mut at = state;
                while let Some(&p) = prev.get(&at) {
                    path.push(p.0);
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            if h == self.max_hops {
                continue;
            }
            // Leaving an entry other than the start costs its neighbours.
            let through = if n == start { 0 } else { u.degree(n) as u64 };
            for &(m, _, _) in u.neighbours(n) {
                if self.nodes.contains(&m) || (n == start && self.edges.contains(&(n, m))) || m == start {
                    continue;
                }
                let next = (m, h + 1, ok || (m != self.goal && (self.wants)(m)));
                let nc = c + through + 1;
                if best.get(&next).is_none_or(|&b| nc < b) {
                    best.insert(next, nc);
                    prev.insert(next, state);
                    heap.push(Reverse((nc, h + 1, u.rank(m), next)));
                }
            }
        }
        None
    }
}
