//! `show`: one entry, its attributes, and its relations grouped by kind, as plain text or
//! JSON.

use std::fmt::Write;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::attrs::attributes;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};
use crate::query::related::{self, Related};

/// The related entries `show` ends with: five, two hops away (its relations list the rest).
const RELATED: usize = 5;

/// The entry's neighbours grouped under a title ("covers", "implemented_by", "frameworks
/// supporting its family"), in relation order, outgoing first.
fn groups(g: &KnowledgeGraph, n: NodeIndex) -> Vec<(&'static str, Vec<NodeIndex>)> {
    let mut out = Vec::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        let all = g.neighbours(n, dir);
        for r in RelationKind::ALL {
            let nodes: Vec<NodeIndex> = all.iter().filter(|(k, _)| *k == r).map(|(_, m)| *m).collect();
            if !nodes.is_empty() {
                out.push((if dir == Direction::Outgoing { r.as_str() } else { r.inverse_label() }, nodes));
            }
        }
    }
    if g.node(n).key.kind == EntryKind::Model {
        let via: Vec<NodeIndex> =
            g.out(n, RelationKind::MemberOf).into_iter().flat_map(|f| g.inc(f, RelationKind::Supports)).collect();
        if !via.is_empty() {
            out.push(("frameworks supporting its family", via));
        }
    }
    out
}

fn related(g: &KnowledgeGraph, n: NodeIndex) -> Vec<Related> {
    // What the relations above do not already say: entries two hops away.
    crate::query::related::beyond_direct(g, &crate::query::Undirected::new(g), n, &[], RELATED)
}

/// Renders `n` for the terminal. Pure: returns the text.
pub fn render(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let node = g.node(n);
    let mut s = String::new();
    let _ = writeln!(s, "{}  [{}]", node.name, node.key);
    for (name, value) in attributes(&g.data, node) {
        let _ = writeln!(s, "  {name:<13} {value}");
    }
    let label = |m: NodeIndex| format!("{} [{}]", g.node(m).name, g.node(m).key);
    for (title, nodes) in groups(g, n) {
        let _ = writeln!(s, "{title}:");
        for m in nodes {
            let _ = writeln!(s, "  - {}", label(m));
        }
    }
    let related = related(g, n);
    if !related.is_empty() {
        let _ = writeln!(s, "related (edge-atlas related for more):");
        for r in &related {
            let _ = writeln!(s, "  - {}: {}", label(r.node), related::reason(g, r, 2));
        }
    }
    s
}

/// The same as JSON: `id`, `kind`, `name`, `attributes`, `relations` (title -> entries as
/// `{id, name}`) and `related` (`{id, name, score, reason}`).
pub fn json(g: &KnowledgeGraph, n: NodeIndex) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let node = g.node(n);
    let entry = |m: NodeIndex| json!({"id": g.node(m).key.to_string(), "name": g.node(m).name});
    let attrs: Map<String, Value> = attributes(&g.data, node)
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default()))
        .collect();
    let relations: Map<String, Value> = groups(g, n)
        .into_iter()
        .map(|(title, nodes)| (title.to_string(), nodes.into_iter().map(entry).collect()))
        .collect();
    let related: Vec<Value> = related(g, n)
        .iter()
        .map(|r| {
            let mut e = entry(r.node);
            e["score"] = json!(r.score);
            e["reason"] = json!(related::reason(g, r, usize::MAX));
            e
        })
        .collect();
    json!({
        "id": node.key.to_string(),
        "kind": node.key.kind.as_str(),
        "name": node.name,
        "attributes": attrs,
        "relations": relations,
        "related": related,
    })
}
