//! The knowledge graph: every entry a node, every relation a typed edge, over petgraph.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashSet;

use crate::data::resolve::{NameIndex, ResolveError};
use crate::data::{Dataset, Loaded};
use crate::model::{EntryKind, Id, Key, RelationKind};

/// A node: which entry it is and where its record lives in the dataset.
#[derive(Debug, Clone)]
pub struct Node {
    pub key: Key,
    pub name: String,
    /// Row of the record in its kind's table.
    pub index: usize,
}

/// The graph every later capability works on. Node order is table order, kind by kind;
/// edge order is the reference columns, then relations.csv, extra_relations.csv and
/// device_chips.csv, each in file order.
pub struct KnowledgeGraph {
    pub data: Dataset,
    graph: DiGraph<Node, RelationKind>,
    /// Node numbers are the index's entry numbers.
    names: NameIndex,
}

impl KnowledgeGraph {
    /// Builds the graph from what `data::load` validated; relations whose ends are missing
    /// are skipped (validation reported them).
    pub fn build(loaded: Loaded) -> KnowledgeGraph {
        let Loaded { data, names, ends: (relation_ends, extra_ends), relation_kinds, .. } = loaded;
        let nodes = EntryKind::ALL.into_iter().map(|k| data.count_of(k)).sum();
        let mut graph = DiGraph::with_capacity(nodes, relation_ends.len());
        for e in data.entries() {
            graph.add_node(Node { key: e.key(), name: e.name.to_string(), index: e.index });
        }
        let node = NodeIndex::new;
        // Duplicates can only come from two sources at once: validation rejects them within
        // relations.csv, so only edges the reference columns also make are looked up there.
        let mut column_edges: FxHashSet<(NodeIndex, RelationKind, NodeIndex)> = FxHashSet::default();
        let mut column_kinds = [false; RelationKind::ALL.len()];
        data.column_relations(|sk, s: &Id, relation, tk, t: &Id| {
            let number = |k: EntryKind, id: &Id| names.number_of(k, id.as_str()).map(node);
            if let (Some(s), Some(t)) = (number(sk, s), number(tk, t))
                && column_edges.insert((s, relation, t))
            {
                column_kinds[relation as usize] = true;
                graph.add_edge(s, t, relation);
            }
        });
        for (relation, ends) in relation_kinds.into_iter().zip(relation_ends) {
            let Some([s, t]) = ends.map(|e| e.map(|i| node(i as usize))) else { continue };
            if !(column_kinds[relation as usize] && column_edges.contains(&(s, relation, t))) {
                graph.add_edge(s, t, relation);
            }
        }
        // The curated rows are few: each is checked against the edges already there.
        let device_chips = data.device_chips.iter().filter_map(|dc| {
            let device = names.resolve(&data, &dc.device, &[EntryKind::Device]).ok()?;
            let chip = names.resolve(&data, &dc.chip, &[EntryKind::Chip]).ok()?;
            Some((names.number(&chip)?, RelationKind::ShipsIn, names.number(&device)?))
        });
        let extra = data
            .extra_relations
            .iter()
            .zip(extra_ends)
            .filter_map(|(r, e)| e.map(|[s, t]| (s as usize, r.relation, t as usize)));
        for (s, relation, t) in extra.chain(device_chips) {
            let (s, t) = (node(s), node(t));
            if !graph.edges_connecting(s, t).any(|e| *e.weight() == relation) {
                graph.add_edge(s, t, relation);
            }
        }
        KnowledgeGraph { data, graph, names }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node(&self, n: NodeIndex) -> &Node {
        &self.graph[n]
    }

    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    pub fn find(&self, key: &Key) -> Option<NodeIndex> {
        self.names.number(key).map(NodeIndex::new)
    }

    /// Resolves a name, id or `kind:id` to a node; see `NameIndex::resolve_ranked`.
    pub fn resolve(&self, name: &str, kinds: &[EntryKind]) -> Result<NodeIndex, ResolveError> {
        self.lookup(name, kinds).map(|(n, _)| n)
    }

    /// Resolves a name to a node, preferring the entry with the most relations when it names
    /// one thing in several kinds, and returns the other entries it matched.
    pub fn lookup(&self, name: &str, kinds: &[EntryKind]) -> Result<(NodeIndex, Vec<NodeIndex>), ResolveError> {
        let (key, also) = self.names.resolve_ranked(&self.data, name, kinds, |i| self.degree(NodeIndex::new(i)))?;
        Ok((self.node_of(&key), also.iter().map(|(k, _)| self.node_of(k)).collect()))
    }

    /// Every entry a name could mean (see `NameIndex::resolve_all`), in node order.
    pub fn resolve_all(&self, name: &str, kinds: &[EntryKind]) -> Result<Vec<NodeIndex>, ResolveError> {
        let mut v: Vec<NodeIndex> =
            self.names.resolve_all(&self.data, name, kinds)?.iter().map(|k| self.node_of(k)).collect();
        v.sort();
        Ok(v)
    }

    /// The node of a key the name index produced (so it exists).
    fn node_of(&self, key: &Key) -> NodeIndex {
        self.find(key).expect("the name index only returns keys of this graph")
    }

    /// Every edge as (source, relation, target), in edge order.
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, RelationKind, NodeIndex)> + '_ {
        self.graph.edge_references().map(|e| (e.source(), *e.weight(), e.target()))
    }

    /// Neighbours along edges leaving `n` (outgoing) or arriving at it (incoming), in edge order.
    pub fn neighbours(&self, n: NodeIndex, dir: Direction) -> Vec<(RelationKind, NodeIndex)> {
        let mut v: Vec<(EdgeIndex, RelationKind, NodeIndex)> = self
            .graph
            .edges_directed(n, dir)
            .map(|e| (e.id(), *e.weight(), if dir == Direction::Outgoing { e.target() } else { e.source() }))
            .collect();
        v.sort_by_key(|(e, _, _)| *e);
        v.into_iter().map(|(_, r, m)| (r, m)).collect()
    }

    /// Number of edges at `n`, both directions.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.edges_directed(n, Direction::Outgoing).count()
            + self.graph.edges_directed(n, Direction::Incoming).count()
    }

    /// Neighbours along edges in either direction: outgoing first, then incoming.
    pub fn adjacent(&self, n: NodeIndex) -> impl Iterator<Item = (RelationKind, NodeIndex)> + '_ {
        [Direction::Outgoing, Direction::Incoming].into_iter().flat_map(move |d| self.neighbours(n, d))
    }

    /// Targets of `n`'s outgoing `relation` edges.
    pub fn out(&self, n: NodeIndex, relation: RelationKind) -> Vec<NodeIndex> {
        self.neighbours(n, Direction::Outgoing).into_iter().filter(|(r, _)| *r == relation).map(|(_, m)| m).collect()
    }

    /// Sources of `n`'s incoming `relation` edges.
    pub fn inc(&self, n: NodeIndex, relation: RelationKind) -> Vec<NodeIndex> {
        self.neighbours(n, Direction::Incoming).into_iter().filter(|(r, _)| *r == relation).map(|(_, m)| m).collect()
    }

    pub fn counts_by_kind(&self) -> BTreeMap<EntryKind, usize> {
        let mut m: BTreeMap<EntryKind, usize> = EntryKind::ALL.iter().map(|k| (*k, 0)).collect();
        for n in self.graph.node_weights() {
            *m.entry(n.key.kind).or_default() += 1;
        }
        m
    }

    pub fn counts_by_relation(&self) -> BTreeMap<RelationKind, usize> {
        let mut m: BTreeMap<RelationKind, usize> = RelationKind::ALL.iter().map(|k| (*k, 0)).collect();
        for r in self.graph.edge_weights() {
            *m.entry(*r).or_default() += 1;
        }
        m
    }
}
