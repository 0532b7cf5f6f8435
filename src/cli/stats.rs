//! `edge-atlas stats`: node and edge counts, as text or JSON for scripts.

use std::collections::BTreeMap;

use edge_atlas::graph::KnowledgeGraph;

use super::args::StatsArgs;
use super::progress::Progress;
use super::{Failure, load};

pub fn run(a: StatsArgs) -> Result<(), Failure> {
    let g = load(&a.data.data, &mut Progress::new())?;
    if a.json {
        let kinds: BTreeMap<&str, usize> = g.counts_by_kind().into_iter().map(|(k, n)| (k.as_str(), n)).collect();
        let relations: BTreeMap<&str, usize> =
            g.counts_by_relation().into_iter().map(|(r, n)| (r.as_str(), n)).collect();
        let stats = serde_json::json!({
            "nodes": g.node_count(),
            "edges": g.edge_count(),
            "kinds": kinds,
            "relations": relations,
        });
        edge_atlas::term::machine(&format!("{stats}\n"));
    } else {
        say!("{} entries, {} relations", g.node_count(), g.edge_count());
        print_counts(&g);
    }
    Ok(())
}

/// Counts by kind, then by relation, one per line.
pub fn print_counts(g: &KnowledgeGraph) {
    for (kind, n) in g.counts_by_kind() {
        say!("  {:<14} {n:>6}", kind.as_str());
    }
    say!("relations:");
    for (rel, n) in g.counts_by_relation() {
        say!("  {:<14} {n:>6}", rel.as_str());
    }
}
