//! Relations added and removed, between entries matched by `kind:id`, in words
//! (`PowerInfer-2 now covers Double Buffering`).

use std::collections::BTreeMap;

use petgraph::Direction;
use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::{Key, RelationKind};
use crate::query::words;

use super::Named;
use super::pairs::Pairs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub change: Kind,
    pub source: Named,
    pub relation: RelationKind,
    pub target: Named,
}

impl Change {
    /// The change in words, with `name` showing each entry's name (escaped for the output).
    pub fn words(&self, name: impl Fn(&str) -> String) -> String {
        let verb = words::verb(self.relation, Direction::Outgoing);
        let now = if self.change == Kind::Added { "now" } else { "no longer" };
        let (s, t) = (&self.source, &self.target);
        format!("{} {} {now} {verb} {} {}", s.kind, name(&s.name), t.kind, name(&t.name))
    }
}

/// Every relation by its ends' keys, as BASE knows them (`key`).
fn edges(g: &KnowledgeGraph, key: impl Fn(&Key) -> Key) -> BTreeMap<(Key, RelationKind, Key), (Named, Named)> {
    g.edges()
        .map(|(s, r, t)| ((key(&g.node(s).key), r, key(&g.node(t).key)), (Named::of(g, s), Named::of(g, t))))
        .collect()
}

/// Relations of HEAD not in BASE (added) and of BASE not in HEAD (removed), sorted by source;
/// an entry of `pairs` is the same at both ends.
pub fn compare(base: &KnowledgeGraph, head: &KnowledgeGraph, pairs: &Pairs) -> Vec<Change> {
    let (old, new) = (edges(base, Key::clone), edges(head, |k| pairs.base_key(k)));
    let only = |a: &BTreeMap<_, (Named, Named)>, b: &BTreeMap<_, _>, change: Kind| {
        a.iter()
            .filter(|(k, _)| !b.contains_key(*k))
            .map(|((_, relation, _), (s, t))| Change {
                change,
                source: s.clone(),
                relation: *relation,
                target: t.clone(),
            })
            .collect::<Vec<_>>()
    };
    let mut out = only(&new, &old, Kind::Added);
    out.extend(only(&old, &new, Kind::Removed));
    out.sort_by(|a, b| (&a.source, a.relation, &a.target, a.change).cmp(&(&b.source, b.relation, &b.target, b.change)));
    out
}
