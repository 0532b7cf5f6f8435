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
/// The most colours a legend names (the grey of the smaller communities besides).
const LEGEND: usize = 12;
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

/// What the colours of a map coloured `by` stand for, at most [`LEGEND`] lines: the kinds
/// present; the biggest communities, each named after its most related entry, and grey for the
/// rest; or the colours that cover the most entries (an organisation's, or a kind's for
/// entries of none), each at least ΔE 15 from those above it.
pub fn legend(g: &KnowledgeGraph, map: &Map, by: ColourBy) -> Vec<(String, Rgb)> {
    match by {
        ColourBy::Community => {
            let coloured = palette::COLOURED_COMMUNITIES.min(map.communities);
            // The node with the most relations in each community (the first of equals).
            let mut top: Vec<Option<usize>> = vec![None; coloured];
            for i in 0..g.node_count() {
                let c = map.community[i] as usize;
                let d = g.degree(NodeIndex::new(i));
                if c < coloured && top[c].is_none_or(|t| d > g.degree(NodeIndex::new(t))) {
                    top[c] = Some(i);
                }
            }
            let tops: Vec<usize> = top.into_iter().flatten().collect();
            let mut out: Vec<(String, Rgb)> = names(g, &tops)
                .into_iter()
                .zip(&tops)
                .map(|(name, &i)| (name, palette::community_colour(map.community[i])))
                .collect();
            let rest = map.communities - coloured;
            if rest > 0 {
                let s = if rest == 1 { "y" } else { "ies" };
                out.push((format!("{rest} smaller communit{s}"), palette::OTHER));
            }
            out
        }
        ColourBy::Kind => EntryKind::ALL
            .iter()
            .filter(|&&k| g.nodes().any(|n| g.node(n).key.kind == k))
            .map(|&k| (k.as_str().to_string(), palette::kind_category_colour(k)))
            .collect(),
        ColourBy::Organisation => {
            let palette = Palette::new(g);
            // Each colour drawn: the entries it covers, and what it stands for.
            let mut drawn: Vec<(usize, Rgb, Vec<EntryKind>, Option<usize>)> = Vec::new();
            for n in g.nodes() {
                let kind = g.node(n).key.kind;
                let org = palette::home_org(g, n);
                let colour = palette.colour(by, kind, org.map(|o| g.node(o).index), None);
                let at = match drawn.iter().position(|d| d.1 == colour && d.3 == org.map(|o| o.index())) {
                    Some(at) => at,
                    None => {
                        drawn.push((0, colour, Vec::new(), org.map(|o| o.index())));
                        drawn.len() - 1
                    }
                };
                drawn[at].0 += 1;
                if !drawn[at].2.contains(&kind) {
                    drawn[at].2.push(kind);
                }
            }
            // The most entries first; ties in the order first drawn.
            drawn.sort_by_key(|d| std::cmp::Reverse(d.0));
            let mut out: Vec<(String, Rgb)> = Vec::new();
            for (_, colour, kinds, org) in drawn {
                if out.len() == LEGEND || out.iter().any(|(_, c)| palette::delta_e(*c, colour) < palette::MIN_DELTA_E) {
                    continue;
                }
                let name = match org {
                    Some(o) => crate::latex::to_unicode(&g.node(NodeIndex::new(o)).name).into_owned(),
                    None => {
                        let mut kinds = kinds;
                        kinds.sort();
                        // Kinds that have organisations elsewhere on the map are in this
                        // colour for want of one.
                        let elsewhere =
                            g.nodes().any(|n| kinds.contains(&g.node(n).key.kind) && palette::home_org(g, n).is_some());
                        let without = if elsewhere { " without organisation" } else { "" };
                        let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                        format!("{}{without}", kinds.join(", "))
                    }
                };
                out.push((name, colour));
            }
            out
        }
    }
}

/// The names of `nodes` as a legend or labels show them: where two are the same, each told
/// apart by its section number (a technique) or its kind.
fn names(g: &KnowledgeGraph, nodes: &[usize]) -> Vec<String> {
    let plain: Vec<String> =
        nodes.iter().map(|&i| crate::latex::to_unicode(&g.node(NodeIndex::new(i)).name).into_owned()).collect();
    plain
        .iter()
        .zip(nodes)
        .map(|(name, &i)| {
            if plain.iter().filter(|p| *p == name).count() < 2 {
                return name.clone();
            }
            let node = g.node(NodeIndex::new(i));
            let number = match node.key.kind {
                EntryKind::Technique => g.data.techniques[node.index].number.clone(),
                _ => None,
            };
            format!("{name} ({})", number.unwrap_or_else(|| node.key.kind.as_str().to_string()))
        })
        .collect()
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
        .zip(names(g, &hubs))
        .map(|(&i, text)| {
            let n = NodeIndex::new(i);
            Label {
                text,
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
        // Every node, one marker per named community in the legend and one for the rest.
        assert_eq!(dots, g.node_count() + palette::COLOURED_COMMUNITIES + 1);
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

    #[test]
    fn each_legend_says_what_most_colours_stand_for_in_colours_told_apart_and_covers_no_node() {
        let g = shipped();
        let map = Map::of(&g, &[], &crate::layout::Settings::default());
        for by in [ColourBy::Kind, ColourBy::Community, ColourBy::Organisation] {
            let entries = legend(&g, &map, by);
            assert!((2..=LEGEND + 1).contains(&entries.len()), "{by:?}: {entries:?}");
            for (i, (a, x)) in entries.iter().enumerate() {
                for (b, y) in &entries[i + 1..] {
                    assert_ne!(a, b, "{by:?}: two entries of one name");
                    assert!(palette::delta_e(*x, *y) >= palette::MIN_DELTA_E, "{by:?}: {a} and {b} look alike");
                }
            }
            // What the legend names covers most of the map (by organisation it once named twelve
            // organisations, a fifth of the entries, and not the kinds' colours of the rest).
            let colours = colours(&g, &map, by);
            let covered = colours.iter().filter(|c| entries.iter().any(|(_, e)| e == *c)).count();
            assert!(covered * 10 >= g.node_count() * 7, "{by:?}: {covered} of {} entries", g.node_count());
            let fig = draw(&g, &map, by, WIDTH, HEIGHT);
            let frame = fig.scene.items.iter().find_map(|i| match i {
                Item::Rect { rect, .. } => Some(*rect),
                _ => None,
            });
            let frame = frame.expect("a legend");
            let dots = fig.scene.items.iter().filter_map(|i| match i {
                Item::Circle { centre, radius, .. } => Some(Circle { centre: *centre, radius: *radius }),
                _ => None,
            });
            let under: Vec<Circle> = dots.take(g.node_count()).filter(|d| frame.hits_circle(d)).collect();
            assert_eq!(under, Vec::new(), "{by:?}: nodes under the legend");
        }
        // The two sections called Quantization are told apart.
        let names: Vec<String> = legend(&g, &map, ColourBy::Community).into_iter().map(|e| e.0).collect();
        assert!(names.contains(&"Quantization (V.A.1)".to_string()), "{names:?}");
        assert_eq!(names.last().map(String::as_str), Some("37 smaller communities"));
    }
}
