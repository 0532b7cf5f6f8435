//! Colours shared by every figure and export: one per organisation, one per entry kind.
//!
//! An organisation's colour is its curated `colour` cell; organisations without one take
//! colours from a fixed palette in id order, so the same data always gives the same colours.

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Id, Key, Rgb};

/// Colours for organisations without a curated one: Tableau 10, then darker companions.
const ORG_PALETTE: [Rgb; 20] = [
    Rgb(0x1f, 0x77, 0xb4),
    Rgb(0xff, 0x7f, 0x0e),
    Rgb(0x2c, 0xa0, 0x2c),
    Rgb(0xd6, 0x27, 0x28),
    Rgb(0x94, 0x67, 0xbd),
    Rgb(0x8c, 0x56, 0x4b),
    Rgb(0xe3, 0x77, 0xc2),
    Rgb(0x7f, 0x7f, 0x7f),
    Rgb(0xbc, 0xbd, 0x22),
    Rgb(0x17, 0xbe, 0xcf),
    Rgb(0x39, 0x3b, 0x79),
    Rgb(0x63, 0x79, 0x39),
    Rgb(0x8c, 0x6d, 0x31),
    Rgb(0x84, 0x3c, 0x39),
    Rgb(0x7b, 0x41, 0x73),
    Rgb(0x31, 0x82, 0xbd),
    Rgb(0xe6, 0x55, 0x0d),
    Rgb(0x31, 0xa3, 0x54),
    Rgb(0x75, 0x6b, 0xb1),
    Rgb(0x63, 0x63, 0x63),
];

/// The colour of entries that belong to no organisation, by kind.
pub fn kind_colour(kind: EntryKind) -> Rgb {
    match kind {
        EntryKind::Organisation | EntryKind::Family | EntryKind::Model | EntryKind::Framework => Rgb(0x9a, 0xa5, 0xb1),
        EntryKind::Backend => Rgb(0x8f, 0xbc, 0xbb),
        EntryKind::Chip => Rgb(0x5e, 0x81, 0xac),
        EntryKind::Device => Rgb(0xa3, 0xbe, 0x8c),
        EntryKind::Paper => Rgb(0xc8, 0xcd, 0xd6),
        EntryKind::Technique => Rgb(0xd0, 0x87, 0x70),
        EntryKind::Product => Rgb(0xb4, 0x8e, 0xad),
        EntryKind::Benchmark => Rgb(0xeb, 0xcb, 0x8b),
        EntryKind::Format => Rgb(0x88, 0xc0, 0xd0),
    }
}

/// Organisation colours, by organisation row.
#[derive(Debug, Clone)]
pub struct Palette {
    orgs: Vec<Rgb>,
}

impl Palette {
    pub fn new(g: &KnowledgeGraph) -> Palette {
        let mut next = ORG_PALETTE.iter().cycle();
        // Rows are sorted by id, so uncurated organisations take palette colours in id order.
        let orgs = g.data.organisations.iter().map(|o| o.colour.unwrap_or_else(|| *next.next().unwrap())).collect();
        Palette { orgs }
    }

    /// The colour of the organisation in row `index`.
    pub fn org(&self, index: usize) -> Rgb {
        self.orgs[index]
    }

    /// The node's organisation colour when it belongs to one, else its kind's colour.
    pub fn node(&self, g: &KnowledgeGraph, n: NodeIndex) -> Rgb {
        match home_org(g, n) {
            Some(o) => self.org(g.node(o).index),
            None => kind_colour(g.node(n).key.kind),
        }
    }
}

/// The organisation an entry is drawn with: itself, its first organisation, or a chip's vendor.
pub fn home_org(g: &KnowledgeGraph, n: NodeIndex) -> Option<NodeIndex> {
    let node = g.node(n);
    let d = &g.data;
    let i = node.index;
    let first = |orgs: &[Id]| orgs.first().cloned();
    let org = match node.key.kind {
        EntryKind::Organisation => return Some(n),
        EntryKind::Family => first(&d.families[i].organisations),
        EntryKind::Model => first(&d.models[i].organisations),
        EntryKind::Framework => first(&d.frameworks[i].organisations),
        EntryKind::Format => first(&d.formats[i].organisations),
        EntryKind::Chip => d.chips[i].vendor.clone(),
        _ => None,
    }?;
    g.find(&Key { kind: EntryKind::Organisation, id: org })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_colours_are_distinct() {
        for (i, a) in ORG_PALETTE.iter().enumerate() {
            assert!(!ORG_PALETTE[i + 1..].contains(a), "{a} repeats");
        }
    }
}
