//! Queries on the knowledge graph: related entries ranked with reasons, shortest paths, and
//! BibTeX for papers. Each returns data; the CLI formats it.

pub mod bibtex;
pub mod list;
pub mod path;
pub mod related;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;
use crate::show::inverse_label;

/// How an edge reads from the node at hand: its own name outgoing, the inverse incoming.
pub fn edge_label(r: RelationKind, dir: Direction) -> &'static str {
    match dir {
        Direction::Outgoing => r.as_str(),
        Direction::Incoming => inverse_label(r),
    }
}

/// The undirected, simple view of the graph: each node's distinct neighbours, sorted, with
/// the first edge (in edge order) that joins them, as seen from the node.
pub fn undirected(g: &KnowledgeGraph) -> Vec<Vec<(NodeIndex, RelationKind, Direction)>> {
    let mut adj: Vec<Vec<(NodeIndex, RelationKind, Direction)>> = vec![Vec::new(); g.node_count()];
    for (s, r, t) in g.edges() {
        if s == t {
            continue;
        }
        adj[s.index()].push((t, r, Direction::Outgoing));
        adj[t.index()].push((s, r, Direction::Incoming));
    }
    for a in &mut adj {
        // Stable sort keeps the first edge per neighbour first; dedup keeps it.
        a.sort_by_key(|(m, _, _)| *m);
        a.dedup_by_key(|(m, _, _)| *m);
    }
    adj
}
