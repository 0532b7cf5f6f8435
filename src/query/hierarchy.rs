//! Classes and sections: what a name includes when a person asks about it. A technique
//! section includes its subsections; a class of hardware includes its kinds and parts
//! (curated `is_a` and `part_of` rows of extra_relations.csv: Apple Silicon → Apple A16,
//! ANE NPU); a device includes the chips that ship in it; a release means its family too,
//! since frameworks support families.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap;

use crate::graph::KnowledgeGraph;
use crate::model::RelationKind;

/// Relations whose source the target includes (read backwards from the class).
const INCLUDED_BY: [RelationKind; 4] =
    [RelationKind::SubtopicOf, RelationKind::IsA, RelationKind::PartOf, RelationKind::ShipsIn];

/// Everything `asked` includes, transitively, each mapped to the asked entry it came from
/// (the first, in `asked` order). The asked entries map to themselves.
pub fn closure(g: &KnowledgeGraph, asked: &[NodeIndex]) -> FxHashMap<NodeIndex, NodeIndex> {
    let mut from: FxHashMap<NodeIndex, NodeIndex> = FxHashMap::default();
    for &a in asked {
        if from.contains_key(&a) {
            continue;
        }
        from.insert(a, a);
        // A release means its family as well.
        for f in g.out(a, RelationKind::MemberOf) {
            from.entry(f).or_insert(a);
        }
        let mut stack = vec![a];
        while let Some(n) = stack.pop() {
            for (r, m) in g.neighbours(n, Direction::Incoming) {
                if INCLUDED_BY.contains(&r) && !from.contains_key(&m) {
                    from.insert(m, a);
                    stack.push(m);
                }
            }
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_includes_its_subsections_and_a_class_its_kinds() {
        let g = KnowledgeGraph::build(crate::data::load(std::path::Path::new("data")).unwrap());
        let named = |k: &str| g.find(&k.parse().unwrap()).unwrap();
        let section = named("technique:v-c-3-storage-hierarchy-and-offloading");
        let c = closure(&g, &[section]);
        assert_eq!(c.get(&named("technique:v-c-3-kv-cache-offloading")), Some(&section));
        let iphone = named("device:iphone");
        let c = closure(&g, &[iphone]);
        // iPhone14 Pro is an iPhone, and the Apple A16 ships in it.
        assert!(c.contains_key(&named("device:iphone14-pro")) && c.contains_key(&named("chip:apple-a16")));
        assert!(!c.contains_key(&named("chip:apple-m1")));
    }
}
