//! `related` as people read it: the entries linked directly first (marked direct), then the
//! two-hop Adamic-Adar ranking of `related::related` for the rest. The ranking itself is
//! untouched; this layer only orders and explains.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::related::{self, Related};
use super::{Undirected, words};
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};

/// One entry of the answer.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Linked to the query entry by this relation, read from the query entry.
    Direct { node: NodeIndex, relation: RelationKind, dir: Direction },
    /// Two hops away (and not linked directly), ranked.
    Ranked(Related),
}

impl Answer {
    pub fn node(&self) -> NodeIndex {
        match self {
            Answer::Direct { node, .. } => *node,
            Answer::Ranked(r) => r.node,
        }
    }

    pub fn score(&self) -> Option<f64> {
        match self {
            Answer::Direct { .. } => None,
            Answer::Ranked(r) => Some(r.score),
        }
    }

    /// "direct: implements", or the ranking's reason with at most `max` shared neighbours.
    pub fn reason(&self, g: &KnowledgeGraph, max: usize) -> String {
        match self {
            Answer::Direct { relation, dir, .. } => format!("direct: {}", words::verb(*relation, *dir)),
            Answer::Ranked(r) => related::reason(g, r, max),
        }
    }
}

/// At most `top` entries linked to `n` directly (of `kinds`, all when empty), the most
/// specific first (fewest neighbours, then `kind:id`), then the `top` best of the ranking
/// among the entries not linked directly.
pub fn answer(g: &KnowledgeGraph, u: &Undirected, n: NodeIndex, kinds: &[EntryKind], top: usize) -> Vec<Answer> {
    let wanted = |m: NodeIndex| kinds.is_empty() || kinds.contains(&g.node(m).key.kind);
    let mut direct: Vec<&super::Link> = u.neighbours(n).iter().filter(|(m, _, _)| *m != n && wanted(*m)).collect();
    // Only the first `top` are sorted: a hub has 100,000 neighbours.
    let most_specific = |(m, _, _): &&super::Link| (u.degree(*m), u.rank(*m));
    if direct.len() > top && top > 0 {
        direct.select_nth_unstable_by_key(top - 1, most_specific);
    }
    direct.truncate(top);
    direct.sort_by_key(most_specific);
    let mut out: Vec<Answer> =
        direct.into_iter().map(|&(node, relation, dir)| Answer::Direct { node, relation, dir }).collect();
    out.extend(related::beyond_direct(g, u, n, kinds, top).into_iter().map(Answer::Ranked));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_links_come_first_and_never_again_in_the_ranking() {
        let g = KnowledgeGraph::build(crate::data::load(std::path::Path::new("data")).unwrap());
        let u = Undirected::new(&g);
        let n = g.find(&"paper:powerinfer-2".parse().unwrap()).unwrap();
        let a = answer(&g, &u, n, &[], 10);
        let direct = a.iter().take_while(|x| matches!(x, Answer::Direct { .. })).count();
        assert_eq!(direct, u.degree(n), "every neighbour of PowerInfer-2 first");
        let powerinfer = g.find(&"framework:powerinfer".parse().unwrap()).unwrap();
        assert!(a[..direct].iter().any(|x| x.node() == powerinfer));
        assert!(a[direct..].iter().all(|x| u.link(n, x.node()).is_none()));
        assert_eq!(a.len() - direct, 10);
    }
}
