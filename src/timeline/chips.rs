//! The chip timelines: a chip figure over release month, one line per product line (the
//! chip table's `line` column), each chip a labelled dot. Two metrics: peak TOPS (a range
//! such as "20/40" is a bar from the low to the high figure) and memory (each memory option
//! a dot on a bar from the smallest to the largest). Where a line's chips come in several
//! variants, the band between its low and high figures is shaded, as the list draws it.

use petgraph::graph::NodeIndex;

use super::frame::{Frame, Label, LegendEntry, Marker, text_colour};
pub use super::metric::Metric;
use super::panels;
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Rgb};
use crate::palette::{Palette, home_org, kind_colour};
use crate::render::axis::{AxisKind, Scale, ValueAxis, month_ticks};
use crate::render::labels::{Circle, Segment};
use crate::render::{Item, Scene, Weight};

/// Metric, canvas size, title and y axis of a chip timeline.
#[derive(Debug, Clone)]
pub struct Options {
    pub metric: Metric,
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
    /// Force a linear, log or broken y axis; `Auto`: [`ValueAxis::choose`] decides.
    pub axis: AxisKind,
    /// Vendors' logos in the legend (data/logos.csv).
    pub logos: bool,
}

impl Options {
    pub fn new(metric: Metric) -> Options {
        Options { metric, width: super::WIDTH, height: super::HEIGHT, title: None, axis: AxisKind::Auto, logos: true }
    }
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub scene: Scene,
    /// Chips drawn, with their line.
    pub chips: Vec<(NodeIndex, String)>,
    /// Chips whose label found no room.
    pub unlabelled: Vec<NodeIndex>,
    /// Chips without a value of the metric or a release month.
    pub undrawable: Vec<NodeIndex>,
    /// The y axis the figure was drawn with.
    pub axis: ValueAxis,
    /// The upper panel, when its table has rows.
    pub panel: Option<Panel>,
    /// The chip panel's legend: each line and its colour.
    pub legend: Vec<(String, Rgb)>,
}

/// What the upper panel drew.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Triangles drawn.
    pub points: usize,
    /// Names whose label found no room.
    pub unlabelled: Vec<String>,
    /// Rows of the organisations whose colours it drew.
    pub organisations: Vec<usize>,
    /// Its legend: each series (or platform) and its colour.
    pub legend: Vec<(String, Rgb)>,
}

impl Figure {
    /// Rows of the organisations whose colours each panel draws (the chips' vendors', then the
    /// upper panel's, each panel with its own legend), for the colour-distance check.
    pub fn organisations(&self, g: &KnowledgeGraph) -> Vec<Vec<usize>> {
        let chips = super::organisations_drawn(g, self.chips.iter().map(|(n, _)| *n));
        std::iter::once(chips).chain(self.panel.iter().map(|p| p.organisations.clone())).collect()
    }
}

struct Chip {
    node: NodeIndex,
    month: i64,
    /// Ascending, at least one.
    values: Vec<f64>,
}

impl Chip {
    fn low(&self) -> f64 {
        self.values[0]
    }

    fn high(&self) -> f64 {
        self.values[self.values.len() - 1]
    }
}

/// A product line: its name, colour and chips by release month.
struct Line {
    name: String,
    colour: Rgb,
    chips: Vec<Chip>,
}

/// How much taller a figure with an upper panel is than `Options::height`.
pub const PANEL_GROWTH: f64 = 1.6;

/// The TOPS timeline in [`super::FIGURES`].
pub const TOPS: super::Spec = super::Spec {
    file: "hardware-timeline-tops",
    list_file: Some("hardware_timeline_tops"),
    draw: |g, settings, file| Some(drawn(g, &settings.chips, file)),
};

/// The memory timeline in [`super::FIGURES`]: the TOPS figure's size and logos, its own axis.
pub const MEMORY: super::Spec = super::Spec {
    file: "hardware-timeline-memory",
    list_file: Some("hardware_timeline_memory"),
    draw: |g, settings, file| {
        let o = Options { metric: Metric::Memory, axis: AxisKind::Auto, ..settings.chips.clone() };
        Some(drawn(g, &o, file))
    },
};

fn drawn(g: &KnowledgeGraph, o: &Options, file: &str) -> super::Drawn {
    let fig = draw(g, o);
    let mut warnings = Vec::new();
    super::report(g, &fig.unlabelled, &super::unlabelled(file), "", &mut warnings);
    let missing = match o.metric {
        Metric::Tops => "TOPS",
        Metric::Memory => "memory",
    };
    let lead = format!("note: {file}: not drawn (no {missing} or no release month):");
    super::report(g, &fig.undrawable, &lead, "", &mut warnings);
    let mut what = format!("{} chips", fig.chips.len());
    if let Some(p) = &fig.panel {
        for name in &p.unlabelled {
            warnings.push(format!("{} {name} (upper panel)", super::unlabelled(file)));
        }
        what.push_str(&format!(", {} model points", p.points));
    }
    let organisations = fig.organisations(g);
    super::Drawn { scene: fig.scene, what, warnings, organisations }
}

pub fn draw(g: &KnowledgeGraph, o: &Options) -> Figure {
    let (lines, undrawable) = lines(g, o.metric);
    let line_of =
        |n: NodeIndex| lines.iter().find(|l| l.chips.iter().any(|c| c.node == n)).map(|l| (l.name.clone(), l.colour));
    let upper = panels::points(g, o.metric, line_of);
    let height = if upper.is_empty() { o.height } else { (f64::from(o.height) * PANEL_GROWTH).round() as u32 };
    let mut f = Frame::legible(o.width, height, o.title.as_deref());
    let series: Vec<Vec<f64>> = lines.iter().map(|l| l.chips.iter().flat_map(|c| c.values.clone()).collect()).collect();
    let axis = ValueAxis::choose(&series, o.axis);
    let empty = |f: Frame, undrawable| Figure {
        scene: f.into_scene(),
        chips: Vec::new(),
        unlabelled: Vec::new(),
        undrawable,
        axis,
        panel: None,
        legend: Vec::new(),
    };
    if lines.is_empty() && upper.is_empty() {
        return empty(f, undrawable);
    }
    // One time axis for both panels.
    let months = lines.iter().flat_map(|l| l.chips.iter().map(|c| c.month)).chain(upper.iter().map(|p| p.month));
    let (m_lo, m_hi) = (months.clone().min().unwrap_or(0) - 3, months.max().unwrap_or(0) + 3);
    let x = Scale { lo: m_lo as f64, hi: m_hi as f64, from: f.plot.x0, to: f.plot.x1 };
    let xticks: Vec<(f64, String)> =
        month_ticks(m_lo, m_hi, 10).into_iter().map(|(m, l)| (x.map(m as f64), l)).collect();
    let panel = if upper.is_empty() {
        None
    } else {
        let (top, bottom) = panels::split(f.plot, f.text);
        f.plot = top;
        let marks: Vec<f64> = xticks.iter().map(|(x, _)| *x).collect();
        let drawn = panels::draw(&mut f, &upper, &x, &marks, o.metric);
        f.plot = bottom;
        let mut organisations: Vec<usize> = upper.iter().filter_map(|p| p.organisation).collect();
        organisations.sort_unstable();
        organisations.dedup();
        Some(Panel { points: upper.len(), unlabelled: drawn.unlabelled, organisations, legend: drawn.legend })
    };
    if lines.is_empty() {
        f.x_axis(&xticks);
        return Figure { panel, ..empty(f, undrawable) };
    }
    let plot = f.plot;
    let y = |v: f64| axis.map(v, plot.y1, plot.y0);
    let (yticks, gap) = axis.ticks(plot.y1, plot.y0);
    f.y_grid(&yticks);
    if let Some(gap) = gap {
        f.axis_break(gap);
    }
    f.y_title(o.metric.axis_title());
    f.x_axis(&xticks);

    let r = 7.0 * f64::from(o.width) / f64::from(super::WIDTH);
    // Bands first, under every line and dot.
    for l in &lines {
        if l.chips.iter().any(|c| c.low() < c.high()) {
            let upper = l.chips.iter().map(|c| (x.map(c.month as f64), y(c.high())));
            let lower = l.chips.iter().rev().map(|c| (x.map(c.month as f64), y(c.low())));
            f.scene.items.push(Item::Polygon { points: upper.chain(lower).collect(), fill: l.colour, opacity: 0.13 });
        }
    }
    let mut dots = Vec::new();
    let mut heads: Vec<Head> = Vec::new();
    let mut drawn = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        for w in l.chips.windows(2) {
            let at = |c: &Chip, v: f64| (x.map(c.month as f64), y(v));
            let high = (at(&w[0], w[0].high()), at(&w[1], w[1].high()));
            f.line(high.0, high.1, l.colour, 2.0, None);
            segments.push(high);
            if w.iter().any(|c| c.low() < c.high()) {
                let low = (at(&w[0], w[0].low()), at(&w[1], w[1].low()));
                f.line(low.0, low.1, l.colour, 1.0, None);
                segments.push(low);
            }
        }
        for (k, c) in l.chips.iter().enumerate() {
            let cx = x.map(c.month as f64);
            f.scene.items.push(Item::Group { class: "chip", names: g.node(c.node).key.to_string() });
            if c.low() < c.high() {
                f.line((cx, y(c.low())), (cx, y(c.high())), l.colour, 4.0, None);
                segments.push(((cx, y(c.low())), (cx, y(c.high()))));
            }
            let mut lower = Vec::new();
            for &v in &c.values[..c.values.len() - 1] {
                let dot = Circle { centre: (cx, y(v)), radius: r * 0.7 };
                f.scene.items.push(Item::Circle {
                    centre: dot.centre,
                    radius: dot.radius,
                    colour: l.colour,
                    hollow: false,
                });
                lower.push(dot);
            }
            let dot = Circle { centre: (cx, y(c.high())), radius: r };
            f.scene.items.push(Item::Circle { centre: dot.centre, radius: r, colour: l.colour, hollow: false });
            f.scene.items.push(Item::End);
            dots.push(dot);
            // Its other options, highest first: the label may name the chip by any of them.
            lower.reverse();
            dots.extend(lower.iter().copied());
            heads.push(Head { node: c.node, line: li, last: k + 1 == l.chips.len(), dot, also: lower });
            drawn.push((c.node, l.name.clone()));
        }
    }
    let groups = coincide(&heads);
    let labels: Vec<Label> = groups.iter().map(|members| group_label(g, &lines, &heads, members)).collect();
    let entries: Vec<LegendEntry> = lines
        .iter()
        .map(|l| LegendEntry {
            name: l.name.clone(),
            colour: l.colour,
            logo: l.chips.first().and_then(|c| home_org(g, c.node)).and_then(|v| super::logo(g, v, o.logos)),
        })
        .collect();
    let legend = f.legend(&entries, Marker::Dot, &dots, &segments);
    let missing = f.labels(&labels, &dots, &[legend], &segments);
    let unlabelled = missing.into_iter().flat_map(|i| groups[i].iter().map(|&h| heads[h].node)).collect();
    let legend = lines.iter().map(|l| (l.name.clone(), l.colour)).collect();
    Figure { scene: f.into_scene(), chips: drawn, unlabelled, undrawable, axis, panel, legend }
}

/// A chip's labelled dot (its highest value) and the dots of its other values.
struct Head {
    node: NodeIndex,
    /// Its line's index in the figure's lines.
    line: usize,
    /// The newest chip of its line.
    last: bool,
    dot: Circle,
    also: Vec<Circle>,
}

/// The chips whose labelled dots coincide (centres closer than a dot's radius: one blob on
/// the figure), grouped to share one label; each group's heads in figure order. Groups that
/// hold a line's newest chip come first, so the ends of the lines are labelled before the
/// points inside them.
fn coincide(heads: &[Head]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let near = |g: &&mut Vec<usize>| {
            let d = heads[g[0]].dot;
            (d.centre.0 - h.dot.centre.0).hypot(d.centre.1 - h.dot.centre.1) < d.radius.min(h.dot.radius)
        };
        match groups.iter_mut().find(near) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups.sort_by_key(|g| !g.iter().any(|&h| heads[h].last));
    groups
}

/// The label of a group of chips: each chip's short name in its line's colour, as a chip
/// alone is labelled, the chips that coincide one under another ("Ultra 9 285H", "RTX 5090",
/// "AI 7 350"). It may go by any of their dots.
fn group_label(g: &KnowledgeGraph, lines: &[Line], heads: &[Head], members: &[usize]) -> Label {
    let mut texts: Vec<(String, Rgb)> = members
        .iter()
        .map(|&m| {
            let (h, line) = (&heads[m], &lines[heads[m].line]);
            (short_name(g, h.node, &line.name), text_colour(line.colour))
        })
        .collect();
    // A group has at least one chip.
    let (text, colour) = texts.remove(0);
    let also = members[1..].iter().map(|&m| heads[m].dot).chain(members.iter().flat_map(|&m| heads[m].also.clone()));
    Label {
        text,
        colour,
        weight: Weight::Regular,
        dot: heads[members[0]].dot,
        also: also.collect(),
        more: texts,
        logo: None,
        names: Some(members.iter().map(|&m| g.node(heads[m].node).key.to_string()).collect::<Vec<_>>().join(" ")),
    }
}

/// Each product line with a TOPS figure, and its colour, as the figure draws them (sorted by
/// name): the explorer's TOPS chart uses them.
pub fn line_colours(g: &KnowledgeGraph) -> Vec<(String, Rgb)> {
    lines(g, Metric::Tops).0.into_iter().map(|l| (l.name, l.colour)).collect()
}

/// The chips with the metric and a release month, by line (sorted by name), and the rest.
/// Every chip the figure of `metric` plots, with its line's name and its values (ascending).
pub fn plotted(g: &KnowledgeGraph, metric: Metric) -> Vec<(NodeIndex, String, Vec<f64>)> {
    let (lines, _) = lines(g, metric);
    lines.into_iter().flat_map(|l| l.chips.into_iter().map(move |c| (c.node, l.name.clone(), c.values))).collect()
}

fn lines(g: &KnowledgeGraph, metric: Metric) -> (Vec<Line>, Vec<NodeIndex>) {
    let palette = Palette::new(g);
    let mut lines: Vec<Line> = Vec::new();
    let mut undrawable = Vec::new();
    for n in g.nodes().filter(|n| g.node(*n).key.kind == EntryKind::Chip) {
        let c = &g.data.chips[g.node(n).index];
        let values = metric.values(c);
        let Some(released) = c.released.filter(|d| d.month.is_some() && !values.is_empty()) else {
            undrawable.push(n);
            continue;
        };
        let name = if c.line.is_empty() { c.name.clone() } else { c.line.clone() };
        let chip = Chip { node: n, month: released.month_index(), values };
        match lines.iter_mut().find(|l| l.name == name) {
            Some(l) => l.chips.push(chip),
            None => {
                let base = home_org(g, n).map_or(kind_colour(EntryKind::Chip), |o| palette.org(g.node(o).index));
                lines.push(Line { name, colour: base, chips: vec![chip] });
            }
        }
    }
    lines.sort_by(|a, b| a.name.cmp(&b.name));
    for l in &mut lines {
        l.chips.sort_by_key(|c| c.month);
    }
    // Every vendor's first line keeps the brand colour where it can; the vendor's other lines,
    // and lines too close to one already coloured, take a variant far enough from the rest.
    let vendor = |l: &Line| home_org(g, l.chips[0].node);
    // Among those, lines of more chips choose first.
    let mut order: Vec<(bool, std::cmp::Reverse<usize>, usize)> = (0..lines.len())
        .map(|i| {
            let sibling = lines[..i].iter().any(|o| vendor(o) == vendor(&lines[i]));
            (sibling, std::cmp::Reverse(lines[i].chips.len()), i)
        })
        .collect();
    order.sort();
    let mut taken = Vec::new();
    for (_, _, i) in order {
        lines[i].colour = crate::palette::distinct(lines[i].colour, &taken);
        taken.push(lines[i].colour);
    }
    (lines, undrawable)
}

/// Whether `word` names the chip's vendor ("AMD", "MTK" for MediaTek, "Qualcomm").
fn is_vendor(g: &KnowledgeGraph, n: NodeIndex, word: &str) -> bool {
    let vendor = home_org(g, n).map(|o| g.node(o).name.to_ascii_lowercase()).unwrap_or_default();
    !vendor.is_empty() && vendor.starts_with(&word.to_ascii_lowercase())
}

/// The chip's name as the list labels it, without what the legend already says: the line's
/// words ("Snapdragon 8Gen3" → "8Gen3", "MTK Dimensity 9400" → "9400", "Raspberry Pi AI
/// HAT+" → "AI HAT+"), a one-letter last word of the line kept ("A17 Pro", "X Elite"), or
/// else the vendor's name ("AMD Ryzen7 8845H" → "Ryzen7 8845H"). A rest that would start with
/// a bare number keeps the word before it ("Ultra 9 285H").
fn short_name(g: &KnowledgeGraph, n: NodeIndex, line: &str) -> String {
    let name = crate::latex::to_unicode(&g.node(n).name).into_owned();
    let words: Vec<&str> = name.split(' ').collect();
    let mut line_words: Vec<&str> = line.split(' ').collect();
    if line_words.len() > 1 && line_words.last().is_some_and(|w| w.chars().count() == 1) {
        line_words.pop();
    }
    // Skip a vendor word, then the line's words in order.
    let mut i = usize::from(words.len() > 1 && is_vendor(g, n, words[0]));
    // A vendor abbreviation before the line ("MTK Dimensity").
    if i + 2 < words.len() && words[i + 1].eq_ignore_ascii_case(line_words[0]) {
        i += 1;
    }
    let start = i;
    for lw in &line_words {
        if i + 1 < words.len() && words[i].eq_ignore_ascii_case(lw) {
            i += 1;
        }
    }
    if i > start && words[i].chars().all(|c| c.is_ascii_digit()) && words.len() - i > 1 {
        i -= 1;
    }
    words[i..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::tests::{assert_no_overlap, shipped};

    #[test]
    fn every_chip_is_drawn_on_its_line_and_labelled_without_overlap() {
        let g = shipped();
        let fig = draw(&g, &Options::new(Metric::Tops));
        // The 34 chips of chips.csv and the 4 GeForce cards of extra_chips.csv.
        assert_eq!(fig.chips.len(), 38);
        assert!(matches!(fig.axis, ValueAxis::Broken { .. }), "Jetson AGX Orin dominates: {:?}", fig.axis);
        assert!(fig.unlabelled.is_empty() && fig.undrawable.is_empty(), "{:?}", fig.unlabelled);
        let lines: std::collections::BTreeSet<&str> = fig.chips.iter().map(|(_, l)| l.as_str()).collect();
        for l in ["Snapdragon", "Dimensity", "Apple A", "Apple M", "Jetson", "GeForce", "Ryzen", "Core Ultra"] {
            assert!(lines.contains(l), "no {l} line");
        }
        assert_no_overlap(&fig.scene);
        let texts: Vec<&str> = fig
            .scene
            .items
            .iter()
            .filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None })
            .collect();
        for short in
            ["8Gen3", "A17 Pro", "9400", "AI HAT+", "X Elite", "Ultra 9 285H", "Ryzen7 8845H", "AGX Orin", "RTX 4090"]
        {
            assert!(texts.contains(&short), "{short}: {texts:?}");
        }
    }

    /// The smallest CIEDE2000 difference between two entries of a legend, and the pair.
    fn closest(legend: &[(String, Rgb)]) -> (f32, String) {
        let mut best = (f32::INFINITY, String::new());
        for (i, (a, x)) in legend.iter().enumerate() {
            for (b, y) in &legend[i + 1..] {
                let d = crate::palette::delta_e(*x, *y);
                if d < best.0 {
                    best = (d, format!("{a} {x} / {b} {y}"));
                }
            }
        }
        best
    }

    #[test]
    fn series_sharing_a_panel_are_told_apart_and_named_by_model_series() {
        let g = shipped();
        for metric in [Metric::Tops, Metric::Memory] {
            let fig = draw(&g, &Options::new(metric));
            let upper = &fig.panel.as_ref().unwrap().legend;
            for legend in [&fig.legend, upper] {
                let (d, pair) = closest(legend);
                assert!(d >= crate::palette::MIN_SERIES_DELTA_E, "{metric:?}: {pair}: ΔE {d:.1}");
            }
            // Series from families (GPT-1 and GPT-2 as rows of the GPT3 family), or a point's
            // own name where it has none; platforms as "on" a line.
            let names: Vec<&str> = upper.iter().map(|(n, _)| n.as_str()).collect();
            let expected: &[&str] = match metric {
                Metric::Tops => &["BERT", "GLM", "GPT3", "LLaMA Series", "OPT", "Qwen Series"],
                Metric::Memory => &["BERT", "GLM", "GPT3", "on Apple A", "on Apple M", "on Dimensity", "on Snapdragon"],
            };
            assert_eq!(names, expected);
        }
    }
}
