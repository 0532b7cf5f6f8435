//! `show`: one entry, its attributes, and its relations grouped by kind, as plain text.

use std::fmt::Write;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::attrs::attributes;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, RelationKind};

/// How a relation reads from its target's side ("Qwen2.5 member_of Qwen" -> "members").
pub fn inverse_label(r: RelationKind) -> &'static str {
    match r {
        RelationKind::ReleasedBy => "releases",
        RelationKind::MemberOf => "members",
        RelationKind::SuccessorOf => "succeeded_by",
        RelationKind::Supports => "supported_by",
        RelationKind::UsesBackend => "used_by",
        RelationKind::Targets => "targeted_by",
        RelationKind::RunsOn => "runs",
        RelationKind::MadeBy => "makes",
        RelationKind::ShipsIn => "has_chip",
        RelationKind::Covers => "covered_by",
        RelationKind::SubtopicOf => "subtopics",
        RelationKind::Implements => "implemented_by",
        RelationKind::BuiltOn => "base_of",
        RelationKind::PoweredBy => "powers",
        RelationKind::IsA => "kinds",
        RelationKind::PartOf => "parts",
    }
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
    for dir in [Direction::Outgoing, Direction::Incoming] {
        let all = g.neighbours(n, dir);
        for r in RelationKind::ALL {
            let names: Vec<String> = all.iter().filter(|(k, _)| *k == r).map(|(_, m)| label(*m)).collect();
            if names.is_empty() {
                continue;
            }
            let title = if dir == Direction::Outgoing { r.as_str() } else { inverse_label(r) };
            let _ = writeln!(s, "{title}:");
            for name in names {
                let _ = writeln!(s, "  - {name}");
            }
        }
    }
    if node.key.kind == EntryKind::Model {
        let via: Vec<String> = g
            .out(n, RelationKind::MemberOf)
            .into_iter()
            .flat_map(|f| g.inc(f, RelationKind::Supports))
            .map(label)
            .collect();
        if !via.is_empty() {
            let _ = writeln!(s, "frameworks supporting its family:");
            for name in via {
                let _ = writeln!(s, "  - {name}");
            }
        }
    }
    // What the relations above do not already say: entries two hops away.
    let related = crate::query::answer::beyond_direct(g, &crate::query::Undirected::new(g), n, &[], 5);
    if !related.is_empty() {
        let _ = writeln!(s, "related (edge-atlas related for more):");
        for r in &related {
            let _ = writeln!(s, "  - {}: {}", label(r.node), crate::query::related::reason(g, r, 2));
        }
    }
    s
}
