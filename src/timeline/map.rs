//! The map of the field: the whole graph drawn from its layout (`layout::Map`), nodes sized by
//! relations and coloured as asked (`palette::ColourBy`: by default by community, each of the
//! biggest communities named in the legend after its most related entry), the biggest hubs
//! labelled without overlap. [`colours`] and [`legend`] serve the explorer's map view too.

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::model::{EntryKind, Rgb};
use crate::palette::{self, ColourBy, Palette};
use crate::render::labels::{Circle, Segment};
use crate::render::{Rect, Scene, Weight};

use super::frame::{Frame, Label, LegendEntry, Marker, text_colour};

/// The map's size: the figures' width, a little taller than wide.
pub const WIDTH: u32 = super::WIDTH;
pub const HEIGHT: u32 = 1250;
/// How many of the most related entries are offered a label: the dense core has no room for
/// all of them, and those that find none go unlabelled (the map is read by its shape).
pub const LABELS: usize = 40;
/// The most organisations the legend names.
const LEGEND_ORGANISATIONS: usize = 12;
/// How finely `fit` shrinks the map until the legend finds a clear place.
const FIT_STEPS: usize = 40;

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

/// Where the layout's coordinates go on the canvas: the same scale on both axes (y up on the
/// map, down on the canvas).
#[derive(Debug, Clone, Copy)]
struct Fit {
    scale: f64,
    origin: (f64, f64),
}

impl Fit {
    /// The layout's bounding box scaled by `shrink` of the most that fits `area`, inset by a
    /// node's largest radius, and put at `align` (0: left or top, 1: right or bottom) of the room
    /// left over.
    fn new(positions: &[[f64; 2]], area: Rect, inset: f64, shrink: f64, align: (f64, f64)) -> Fit {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for q in positions {
            for d in 0..2 {
                (lo[d], hi[d]) = (lo[d].min(q[d]), hi[d].max(q[d]));
            }
        }
        let span = |d: usize| (hi[d] - lo[d]).max(1e-9);
        let (w, h) = (area.x1 - area.x0 - 2.0 * inset, area.y1 - area.y0 - 2.0 * inset);
        let scale = (w / span(0)).min(h / span(1)) * shrink;
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        let x = area.x0 + inset + (w - span(0) * scale).max(0.0) * align.0;
        let y = area.y0 + inset + (h - span(1) * scale).max(0.0) * align.1;
        let lo = if lo[0].is_finite() { lo } else { [0.0; 2] };
        Fit { scale, origin: (x - lo[0] * scale, y + hi[1].max(lo[1]) * scale) }
    }

    fn at(&self, q: [f64; 2]) -> (f64, f64) {
        (self.origin.0 + q[0] * self.scale, self.origin.1 - q[1] * self.scale)
    }
}

/// The largest fit that leaves the legend a corner of the plot clear of every node and
/// relation: the whole plot when a corner is clear, else smaller and pushed to another side,
/// down to the fit beside a strip of the legend's own on the right, where it always fits. The
/// room left is the labels'.
fn fit(g: &KnowledgeGraph, map: &Map, f: &Frame, entries: &[LegendEntry], radius: &dyn Fn(usize) -> f64) -> Fit {
    let (width, height, inset, p) = (f.scene.width, f.scene.height, f.text * 0.9, f.plot);
    if entries.is_empty() {
        return Fit::new(&map.positions, p, inset, 1.0, (0.5, 0.5));
    }
    // The legend's size, from the frame that draws it.
    let size = Frame::new(width, height, None).legend(entries, Marker::Dot, &[], &[]);
    let strip = Rect { x1: p.x1 - (size.x1 - size.x0) - f.text * 1.2, ..p };
    let fallback = Fit::new(&map.positions, strip, inset, 1.0, (0.5, 0.5));
    // Centred, then in each corner, leaving the opposite one free.
    const ALIGNS: [(f64, f64); 5] = [(0.5, 0.5), (0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)];
    for step in 0..FIT_STEPS {
        let shrink = 1.0 - step as f64 / FIT_STEPS as f64;
        for align in ALIGNS {
            let fit = Fit::new(&map.positions, p, inset, shrink, align);
            if fit.scale <= fallback.scale {
                return fallback;
            }
            let dots: Vec<Circle> = g
                .nodes()
                .map(|n| Circle { centre: fit.at(map.positions[n.index()]), radius: radius(n.index()) })
                .collect();
            let edges: Vec<Segment> = g
                .edges()
                .map(|(a, _, b)| (fit.at(map.positions[a.index()]), fit.at(map.positions[b.index()])))
                .collect();
            // Where the frame would put the legend: a corner first when one is as clear as any.
            let rect = Frame::new(width, height, None).legend(entries, Marker::Dot, &dots, &edges);
            let clear = !dots.iter().any(|d| rect.hits_circle(d)) && !edges.iter().any(|e| rect.hits_segment(e.0, e.1));
            let corner = (rect.x0 - p.x0 < f.text || p.x1 - rect.x1 < f.text)
                && (rect.y0 - p.y0 < f.text || p.y1 - rect.y1 < f.text);
            if clear && corner {
                return fit;
            }
        }
    }
    fallback
}

pub fn draw(g: &KnowledgeGraph, map: &Map, by: ColourBy, width: u32, height: u32) -> Figure {
    let mut f = Frame::new(width, height, None);
    let degree: Vec<usize> = g.nodes().map(|n| g.degree(n)).collect();
    let entries: Vec<LegendEntry> =
        legend(g, map, by).into_iter().map(|(name, colour)| LegendEntry { name, colour, logo: None }).collect();
    let r_max = f.text * 0.9;
    let text = f.text;
    let radius = |d: usize| (text * 0.13 * (1.0 + d as f64).sqrt()).min(r_max);
    let fit = fit(g, map, &f, &entries, &|i| radius(degree[i]));
    let at = |i: usize| fit.at(map.positions[i]);
    let edges: Vec<Segment> = g.edges().map(|(a, _, b)| (at(a.index()), at(b.index()))).collect();
    for &(a, b) in &edges {
        f.line(a, b, EDGE, 0.8, None);
    }
    let dots: Vec<Circle> =
        g.nodes().map(|n| Circle { centre: at(n.index()), radius: radius(degree[n.index()]) }).collect();
    let colour = colours(g, map, by);
    for n in g.nodes() {
        f.scene.items.push(Marker::Dot.item(dots[n.index()].centre, dots[n.index()].radius, colour[n.index()]));
    }
    let legend = f.legend(&entries, Marker::Dot, &dots, &edges);
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
    // A leader out of the dense core has to pass dots; it may pass those smaller than every
    // hub named, never a hub.
    f.crossable = hubs.last().map_or(0.0, |&i| radius(degree[i]) * (1.0 - 1e-9));
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
        // The dense core has room for nearly every hub: 38 of the 40 biggest, the ten biggest
        // (llama.cpp first) among them.
        assert!(LABELS - fig.unlabelled.len() >= 38, "{} of {LABELS} hubs unlabelled", fig.unlabelled.len());
        let mut hubs: Vec<NodeIndex> = g.nodes().collect();
        hubs.sort_by_key(|&n| std::cmp::Reverse(g.degree(n)));
        assert_eq!(g.node(hubs[0]).key.to_string(), "framework:llama-cpp");
        let unnamed: Vec<usize> = hubs[..10].iter().map(|n| n.index()).filter(|i| fig.unlabelled.contains(i)).collect();
        assert_eq!(unnamed, Vec::<usize>::new(), "of the ten biggest hubs, unnamed");
        assert_no_overlap(&fig.scene);
        let again = draw(&g, &map, ColourBy::MAPS, WIDTH, HEIGHT);
        assert_eq!(
            fig.scene.render(crate::render::ImageFormat::Svg),
            again.scene.render(crate::render::ImageFormat::Svg)
        );
    }
}
