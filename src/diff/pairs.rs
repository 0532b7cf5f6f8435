//! Renames import's rules cannot see: a row with no facts but its name (an organisation, a
//! backend) gets a new id when its name changes, since nothing else tells it apart. Between
//! BASE and HEAD it still can be: an entry gone and a new entry without facts of the same kind,
//! with the same relations (other ends matched through the pairs found before, kinds in
//! reference order), and no other candidate either way, are one entry renamed (the gone one
//! may have had curated facts, such as an organisation's colour, which the new id lacks).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Key, RelationKind};

/// The rule's words in reports.
pub const RULE: &str = "same relations, new name";

/// HEAD's keys of renamed entries mapped to BASE's.
#[derive(Debug, Default)]
pub struct Pairs(HashMap<Key, Key>);

impl Pairs {
    /// `k` of HEAD as BASE knows it.
    pub fn base_key(&self, k: &Key) -> Key {
        self.0.get(k).cloned().unwrap_or_else(|| k.clone())
    }

    /// An id of `kind` in HEAD as BASE knows it.
    pub fn base_id(&self, kind: EntryKind, id: &str) -> String {
        let base = self.0.iter().find(|(h, _)| h.kind == kind && h.id.as_str() == id);
        base.map_or_else(|| id.to_string(), |(_, b)| b.id.to_string())
    }

    /// Every id of HEAD that names a renamed entry (of any kind) as BASE's, in a cell that
    /// holds ids separated by `;`.
    pub fn cell(&self, cell: &str) -> String {
        if self.0.is_empty() {
            return cell.to_string();
        }
        let ids: HashMap<&str, &str> = self.0.iter().map(|(h, b)| (h.id.as_str(), b.id.as_str())).collect();
        cell.split(';').map(|t| ids.get(t).copied().unwrap_or(t)).collect::<Vec<_>>().join(";")
    }

    /// Whether BASE's `kind:id` was paired with an entry of HEAD.
    pub fn is_base(&self, kind: EntryKind, id: &str) -> bool {
        self.0.values().any(|b| b.kind == kind && b.id.as_str() == id)
    }
}

type Signature = BTreeSet<(RelationKind, bool, Key)>;

fn signature(g: &KnowledgeGraph, n: NodeIndex, to_base: &dyn Fn(&Key) -> Key) -> Signature {
    let mut out = Signature::new();
    for (dir, outgoing) in [(Direction::Outgoing, true), (Direction::Incoming, false)] {
        for (r, m) in g.neighbours(n, dir) {
            out.insert((r, outgoing, to_base(&g.node(m).key)));
        }
    }
    out
}

/// Finds the pairs; `factless(n)` says whether an entry of HEAD has no facts but its name.
pub fn find(base: &KnowledgeGraph, head: &KnowledgeGraph, factless: &dyn Fn(NodeIndex) -> bool) -> Pairs {
    let mut pairs = Pairs::default();
    for kind in EntryKind::ALL {
        let only = |a: &KnowledgeGraph, b: &KnowledgeGraph| {
            a.nodes().filter(|&n| a.node(n).key.kind == kind && b.find(&a.node(n).key).is_none()).collect::<Vec<_>>()
        };
        let gone = only(base, head);
        let new: Vec<NodeIndex> = only(head, base).into_iter().filter(|&n| factless(n)).collect();
        if gone.is_empty() || new.is_empty() {
            continue;
        }
        let mut by_signature: BTreeMap<Signature, (Vec<Key>, Vec<Key>)> = BTreeMap::new();
        for n in gone {
            let s = signature(base, n, &|k| k.clone());
            by_signature.entry(s).or_default().0.push(base.node(n).key.clone());
        }
        for n in new {
            let s = signature(head, n, &|k| pairs.base_key(k));
            by_signature.entry(s).or_default().1.push(head.node(n).key.clone());
        }
        for (s, (old, new)) in by_signature {
            if let ([old], [new]) = (old.as_slice(), new.as_slice())
                && !s.is_empty()
            {
                pairs.0.insert(new.clone(), old.clone());
            }
        }
    }
    pairs
}
