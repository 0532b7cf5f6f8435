//! The chip timeline: peak TOPS over release month, one line per product line (the chip
//! table's `line` column), each chip a labelled dot; a range such as "20/40" is a bar from
//! the low to the high figure.

use petgraph::graph::NodeIndex;

use super::frame::{Frame, Label, text_colour};
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Rgb};
use crate::palette::{Palette, home_org, kind_colour};
use crate::render::axis::{Scale, linear_ticks, month_ticks};
use crate::render::labels::Circle;
use crate::render::{Item, Rect, Scene, Weight, measure};

/// Canvas size and title of the chip timeline.
#[derive(Debug, Clone)]
pub struct Options {
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options { width: super::WIDTH, height: super::HEIGHT, title: None }
    }
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub scene: Scene,
    /// Chips drawn, with their line.
    pub chips: Vec<(NodeIndex, String)>,
    /// Chips whose label found no room.
    pub unlabelled: Vec<NodeIndex>,
    /// Chips without TOPS or release month.
    pub undrawable: Vec<NodeIndex>,
}

struct Chip {
    node: NodeIndex,
    month: i64,
    low: f64,
    high: f64,
}

pub fn draw(g: &KnowledgeGraph, o: &Options) -> Figure {
    let palette = Palette::new(g);
    // Lines in order of first appearance in the (id-sorted) table.
    let mut lines: Vec<(String, Rgb, Vec<Chip>)> = Vec::new();
    let mut undrawable = Vec::new();
    for n in g.nodes().filter(|n| g.node(*n).key.kind == EntryKind::Chip) {
        let c = &g.data.chips[g.node(n).index];
        let (Some(tops), Some(released)) = (&c.tops, c.released.filter(|d| d.month.is_some())) else {
            undrawable.push(n);
            continue;
        };
        let line = if c.line.is_empty() { c.name.clone() } else { c.line.clone() };
        let chip = Chip { node: n, month: released.month_index(), low: tops.value.low, high: tops.value.high };
        match lines.iter_mut().find(|(l, _, _)| *l == line) {
            Some((_, _, v)) => v.push(chip),
            None => {
                let base = home_org(g, n).map_or(kind_colour(EntryKind::Chip), |o| palette.org(g.node(o).index));
                // A second line of the same vendor is drawn darker, a third lighter.
                let sibling = lines
                    .iter()
                    .filter(|(_, _, v)| v.first().map(|c| home_org(g, c.node)) == Some(home_org(g, n)))
                    .count();
                lines.push((line, shade(base, sibling), vec![chip]));
            }
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, _, chips) in &mut lines {
        chips.sort_by_key(|c| c.month);
    }

    let mut f = Frame::new(o.width, o.height, o.title.as_deref());
    let all: Vec<&Chip> = lines.iter().flat_map(|(_, _, v)| v).collect();
    if all.is_empty() {
        return Figure { scene: f.into_scene(), chips: Vec::new(), unlabelled: Vec::new(), undrawable };
    }
    let plot = f.plot;
    let m_lo = all.iter().map(|c| c.month).min().unwrap_or(0) - 3;
    let m_hi = all.iter().map(|c| c.month).max().unwrap_or(0) + 3;
    let top = all.iter().map(|c| c.high).fold(0.0, f64::max) * 1.12;
    let x = Scale { lo: m_lo as f64, hi: m_hi as f64, from: plot.x0, to: plot.x1 };
    let y = Scale { lo: 0.0, hi: top, from: plot.y1, to: plot.y0 };
    let yticks: Vec<(f64, String)> = linear_ticks(top, 8).into_iter().map(|(v, l)| (y.map(v), l)).collect();
    f.y_grid(&yticks);
    f.y_title("TOPS");
    let xticks: Vec<(f64, String)> =
        month_ticks(m_lo, m_hi, 10).into_iter().map(|(m, l)| (x.map(m as f64), l)).collect();
    f.x_axis(&xticks);

    let r = 7.0 * f64::from(o.width) / f64::from(super::WIDTH);
    let mut dots = Vec::new();
    let mut labels = Vec::new();
    let mut drawn = Vec::new();
    let mut segments = Vec::new();
    for (line, colour, chips) in &lines {
        for w in chips.windows(2) {
            let s = ((x.map(w[0].month as f64), y.map(w[0].high)), (x.map(w[1].month as f64), y.map(w[1].high)));
            f.line(s.0, s.1, *colour, 2.0, None);
            segments.push(s);
        }
        for c in chips {
            let (cx, cy) = (x.map(c.month as f64), y.map(c.high));
            if c.low < c.high {
                f.line((cx, y.map(c.low)), (cx, cy), *colour, 4.0, None);
                f.scene.items.push(Item::Circle {
                    centre: (cx, y.map(c.low)),
                    radius: r * 0.6,
                    colour: *colour,
                    hollow: false,
                });
                dots.push(Circle { centre: (cx, y.map(c.low)), radius: r * 0.6 });
            }
            f.scene.items.push(Item::Circle { centre: (cx, cy), radius: r, colour: *colour, hollow: false });
            let dot = Circle { centre: (cx, cy), radius: r };
            dots.push(dot);
            labels.push(Label {
                text: short_name(g, c.node),
                colour: text_colour(*colour),
                weight: Weight::Regular,
                dot,
            });
            drawn.push((c.node, line.clone()));
        }
    }
    let legend = legend(&mut f, &lines);
    let missing = f.labels(&labels, &dots, &[legend], &segments);
    let unlabelled = missing.into_iter().map(|i| drawn[i].0).collect();
    Figure { scene: f.into_scene(), chips: drawn, unlabelled, undrawable }
}

/// The legend in the plot's top left corner: a dot and the name of each line.
fn legend(f: &mut Frame, lines: &[(String, Rgb, Vec<Chip>)]) -> Rect {
    let t = f.text;
    let row = t * 1.35;
    let width = lines.iter().map(|(l, _, _)| measure(l, t, Weight::Regular).width).fold(0.0, f64::max) + t * 2.6;
    let rect = Rect::new(f.plot.x0 + t * 0.6, f.plot.y0 + t * 0.3, width, row * lines.len() as f64 + t * 0.6);
    f.scene.items.push(Item::Rect { rect, fill: Rgb(0xff, 0xff, 0xff), stroke: Rgb(0xcc, 0xcc, 0xcc) });
    for (i, (line, colour, _)) in lines.iter().enumerate() {
        let top = rect.y0 + t * 0.3 + row * i as f64;
        let m = measure(line, t, Weight::Regular);
        f.scene.items.push(Item::Circle {
            centre: (rect.x0 + t * 0.9, top + m.height / 2.0),
            radius: t * 0.35,
            colour: *colour,
            hollow: false,
        });
        f.text_at((rect.x0 + t * 1.7, top), line, Weight::Regular, Rgb(0x22, 0x22, 0x22));
    }
    rect
}

/// The chip's name without its vendor's name in front ("Snapdragon 8Gen3", "A17 Pro").
fn short_name(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let name = &crate::latex::to_unicode(&g.node(n).name).into_owned();
    let Some(vendor) = home_org(g, n) else { return name.clone() };
    let vendor = &g.node(vendor).name;
    match name.split_once(' ') {
        Some((first, rest))
            if first.eq_ignore_ascii_case(vendor)
                || vendor.to_ascii_lowercase().starts_with(&first.to_ascii_lowercase()) =>
        {
            rest.to_string()
        }
        _ => name.clone(),
    }
}

/// The vendor's colour for its first line, darker for the second, lighter for the third.
fn shade(c: Rgb, sibling: usize) -> Rgb {
    let k = [1.0, 0.62, 1.35, 0.45][sibling % 4];
    let f = |v: u8| (f64::from(v) * k).round().min(255.0) as u8;
    Rgb(f(c.0), f(c.1), f(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::tests::{assert_no_overlap, shipped};

    #[test]
    fn every_chip_is_drawn_on_its_line_and_labelled_without_overlap() {
        let g = shipped();
        let fig = draw(&g, &Options::default());
        assert_eq!(fig.chips.len(), 34);
        assert!(fig.unlabelled.is_empty() && fig.undrawable.is_empty());
        let lines: std::collections::BTreeSet<&str> = fig.chips.iter().map(|(_, l)| l.as_str()).collect();
        for l in ["Snapdragon", "Dimensity", "Apple A", "Apple M", "Jetson", "Ryzen", "Core Ultra"] {
            assert!(lines.contains(l), "no {l} line");
        }
        assert_no_overlap(&fig.scene);
        let texts: Vec<&str> = fig
            .scene
            .items
            .iter()
            .filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None })
            .collect();
        assert!(texts.contains(&"Snapdragon 8Gen3") && texts.contains(&"A17 Pro"), "{texts:?}");
    }
}
