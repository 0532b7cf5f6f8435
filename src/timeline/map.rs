//! The map of the field: the whole graph drawn from its layout (`layout::Map`), nodes sized by
//! relations and coloured as asked (`palette::ColourBy`: by default by community, each of the
//! biggest communities named in the legend after its most related entry), the biggest hubs
//! labelled without overlap. [`colours`] and [`legend`] serve the explorer's map view too.

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::model::{EntryKind, Rgb};
use crate::palette::{self, ColourBy, Palette};
use crate::render::labels::Circle;
use crate::render::{Rect, Scene, Weight, measure};

use super::frame::{Frame, Label, LegendEntry, Marker, text_colour};

/// The map's size: the figures' width, a little taller than wide.
pub const WIDTH: u32 = super::WIDTH;
pub const HEIGHT: u32 = 1250;
/// How many of the most related entries are offered a label: the dense core has no room for
/// all of them, and those that find none go unlabelled (the map is read by its shape).
pub const LABELS: usize = 40;
/// The most organisations the legend names.
const LEGEND_ORGANISATIONS: usize = 12;

const EDGE: Rgb = Rgb(0xc8, 0xc8, 0xc8);

/// The drawn map and what it could not label.
pub struct Figure {
    pub scene: Scene,
    /// Labels asked for, and the entries of those that found no room, by node index.
    pub labelled: usize,
    pub unlabelled: Vec<usize>,
}

/// Each node's colour on the map, coloured `by`.
pub fn colours(g: &KnowledgeGraph, map: &Map, by: ColourBy) -> Vec<Rgb> {
    let palette = Palette::new(g);
    g.nodes()
        .map(|n| {
            let org_row = palette::home_org(g, n).map(|o| g.node(o).index);
            palette.colour(by, g.node(n).key.kind, org_row, Some(map.community[n.index()]))
        })
        .collect()
}

/// What the colours of a map coloured `by` stand for, at most twelve: the kinds present; the
/// organisations with the most entries in their colour; or the biggest communities, each named
/// after its most related entry.
pub fn legend(g: &KnowledgeGraph, map: &Map, by: ColourBy) -> Vec<(String, Rgb)> {
    let name = |i: usize| crate::latex::to_unicode(&g.node(NodeIndex::new(i)).name).into_owned();
    // The node with the most relations among those `of` picks (the first of equals).
    let top = |of: &dyn Fn(usize) -> bool| {
        (0..g.node_count()).filter(|&i| of(i)).max_by_key(|&i| (g.degree(NodeIndex::new(i)), std::cmp::Reverse(i)))
    };
    match by {
        ColourBy::Community => (0..palette::COLOURED_COMMUNITIES.min(map.communities) as u32)
            .filter_map(|c| Some((name(top(&|i| map.community[i] == c)?), palette::community_colour(c))))
            .collect(),
        ColourBy::Kind => EntryKind::ALL
            .iter()
            .filter(|&&k| g.nodes().any(|n| g.node(n).key.kind == k))
            .map(|&k| (k.as_str().to_string(), palette::kind_category_colour(k)))
            .collect(),
        ColourBy::Organisation => {
            let palette = Palette::new(g);
            let mut entries = vec![0usize; g.node_count()];
            g.nodes().filter_map(|n| palette::home_org(g, n)).for_each(|o| entries[o.index()] += 1);
            let mut orgs: Vec<usize> = (0..g.node_count()).filter(|&i| entries[i] > 0).collect();
            // The most entries first; ties in node order.
            orgs.sort_by_key(|&i| std::cmp::Reverse(entries[i]));
            orgs.truncate(LEGEND_ORGANISATIONS);
            orgs.into_iter().map(|i| (name(i), palette.org(g.node(NodeIndex::new(i)).index))).collect()
        }
    }
}

pub fn draw(g: &KnowledgeGraph, map: &Map, by: ColourBy, width: u32, height: u32) -> Figure {
    let mut f = Frame::new(width, height, None);
    let degree: Vec<usize> = g.nodes().map(|n| g.degree(n)).collect();
    let entries: Vec<LegendEntry> =
        legend(g, map, by).into_iter().map(|(name, colour)| LegendEntry { name, colour, logo: None }).collect();
    // The nodes right of the legend's strip, inset by a node's largest radius, the positions
    // scaled alike on both axes: the legend covers no node.
    let legend_width =
        entries.iter().map(|e| measure(&e.name, f.text, Weight::Regular).width).fold(0.0, f64::max) + f.text * 3.8;
    let r_max = f.text * 0.9;
    let p = Rect { x1: f.plot.x1 - legend_width, ..f.plot };
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for q in &map.positions {
        for d in 0..2 {
            (lo[d], hi[d]) = (lo[d].min(q[d]), hi[d].max(q[d]));
        }
    }
    let span = |d: usize| (hi[d] - lo[d]).max(1e-9);
    let scale = ((p.x1 - p.x0 - 2.0 * r_max) / span(0)).min((p.y1 - p.y0 - 2.0 * r_max) / span(1));
    let scale = if scale.is_finite() { scale } else { 1.0 };
    let (ox, oy) =
        ((p.x0 + p.x1) / 2.0 - (lo[0] + hi[0]) / 2.0 * scale, (p.y0 + p.y1) / 2.0 + (lo[1] + hi[1]) / 2.0 * scale);
    // y grows downwards on the canvas and upwards on the map.
    let at = |i: usize| {
        let q = map.positions[i];
        (ox + q[0] * scale, oy - q[1] * scale)
    };
    for (a, _, b) in g.edges() {
        f.line(at(a.index()), at(b.index()), EDGE, 0.8, None);
    }
    let radius = |d: usize| (f.text * 0.13 * (1.0 + d as f64).sqrt()).min(r_max);
    let dots: Vec<Circle> =
        g.nodes().map(|n| Circle { centre: at(n.index()), radius: radius(degree[n.index()]) }).collect();
    let colour = colours(g, map, by);
    for n in g.nodes() {
        f.scene.items.push(Marker::Dot.item(dots[n.index()].centre, dots[n.index()].radius, colour[n.index()]));
    }
    let legend = f.legend(&entries, Marker::Dot, &dots, &[]);
    // The most related first (ties in node order), so they get the best places.
    let mut hubs: Vec<usize> = (0..g.node_count()).filter(|&i| degree[i] > 0).collect();
    hubs.sort_by_key(|&i| std::cmp::Reverse(degree[i]));
    hubs.truncate(LABELS);
    let labels: Vec<Label> = hubs
        .iter()
        .map(|&i| {
            let n = NodeIndex::new(i);
            Label {
                text: crate::latex::to_unicode(&g.node(n).name).into_owned(),
                colour: text_colour(colour[i]),
                weight: if degree[i] >= degree[hubs[0]] / 2 { Weight::Bold } else { Weight::Regular },
                dot: dots[i],
                also: Vec::new(),
                more: Vec::new(),
                logo: None,
                names: Some(g.node(n).key.to_string()),
            }
        })
        .collect();
    let missing = f.labels(&labels, &dots, &[legend], &[]);
    Figure { scene: f.into_scene(), labelled: labels.len(), unlabelled: missing.into_iter().map(|k| hubs[k]).collect() }
}

/// The map of the field in [`super::FIGURES`], drawn when there is a layout.
pub const FIGURE: super::Spec = super::Spec { file: "graph-map", list_file: None, draw: drawn };

fn drawn(g: &KnowledgeGraph, settings: &super::Settings, _file: &str) -> Option<super::Drawn> {
    let (map, by) = settings.map?;
    let fig = draw(g, map, by, WIDTH, HEIGHT);
    let named = fig.labelled - fig.unlabelled.len();
    let what = format!("{} entries, {} communities, {named} hubs named", g.node_count(), map.communities);
    Some(super::Drawn { scene: fig.scene, what, warnings: Vec::new(), organisations: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Item;
    use crate::timeline::tests::{assert_no_overlap, shipped};

    #[test]
    fn the_shipped_map_draws_every_node_and_labels_its_hubs_without_overlap() {
        let g = shipped();
        let map = Map::of(&g, &[], &crate::layout::Settings::default());
        let fig = draw(&g, &map, ColourBy::MAPS, WIDTH, HEIGHT);
        let dots = fig.scene.items.iter().filter(|i| matches!(i, Item::Circle { .. })).count();
        // Every node, and one marker per named community in the legend.
        assert_eq!(dots, g.node_count() + palette::COLOURED_COMMUNITIES);
        assert_eq!(fig.labelled, LABELS);
        // The dense core has no room for every hub: 25 of the 40 biggest at least are named.
        assert!(LABELS - fig.unlabelled.len() >= 25, "{} of {LABELS} hubs unlabelled", fig.unlabelled.len());
        assert_no_overlap(&fig.scene);
        let again = draw(&g, &map, ColourBy::MAPS, WIDTH, HEIGHT);
        assert_eq!(
            fig.scene.render(crate::render::ImageFormat::Svg),
            again.scene.render(crate::render::ImageFormat::Svg)
        );
    }
}
