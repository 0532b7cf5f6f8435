//! The optional upper panels of the hardware figures, from curated tables: the computation
//! models took (model_compute.csv, TFLOPs on a log axis) above the TOPS panel, and the memory
//! models need on named chips and devices (model_memory.csv, GB) above the memory panel.
//! Each point is a triangle, as the list draws them; one label per name, at its highest point.

use petgraph::graph::NodeIndex;

use super::frame::{Frame, Label, LegendEntry, Marker, text_colour};
use super::metric::Metric;
use crate::graph::KnowledgeGraph;
use crate::latex;
use crate::model::{EntryKind, Key, RelationKind, Rgb};
use crate::palette::{Palette, home_org};
use crate::render::axis::{Scale, ValueAxis, decade_ticks, linear_ticks};
use crate::render::labels::Circle;
use crate::render::{Rect, Weight};

/// Points without a platform, organisation or entry: a neutral grey.
const NO_COLOUR: Rgb = Rgb(0x99, 0x99, 0x99);
/// The upper panel's share of the plot's height.
const SHARE: f64 = 0.36;

/// One triangle of an upper panel.
#[derive(Debug, Clone)]
pub struct Point {
    pub name: String,
    /// The `kind:id` of its entry, empty without one: the SVG groups its label under it.
    pub entry: String,
    /// Months since year 0, as the chip panel counts them.
    pub month: i64,
    pub value: f64,
    /// The value as the table writes it ("3.1e11"), shown beside the compute panel's labels.
    pub shown: Option<String>,
    pub colour: Rgb,
    /// What the legend calls its colour: an organisation, or "on Snapdragon".
    pub legend: String,
    /// The row of the organisation whose colour it takes (for a hardware line, its vendor's).
    pub organisation: Option<usize>,
}

/// The upper panel's points for `metric`'s figure; `line_of` gives a chip's hardware line
/// (name and colour) as the lower panel draws it.
///
/// A point is drawn in its platform's line colour ("on Snapdragon", model_memory.csv) or else
/// as one of a model series: the family its entry is a member of (or is), or, for an entry of
/// no family or no entry, the point's own name. A series takes its organisation's colour, or
/// the nearest variant of it that keeps apart from every colour the panel already draws.
pub fn points(g: &KnowledgeGraph, metric: Metric, line_of: impl Fn(NodeIndex) -> Option<(String, Rgb)>) -> Vec<Point> {
    let d = &g.data;
    let rows: Vec<Row> = match metric {
        Metric::Tops => d
            .model_compute
            .iter()
            .map(|p| Row {
                value: p.tflops.value,
                shown: Some(p.tflops.raw.clone()),
                ..Row::of(&p.name, &p.entry, &p.organisation, p.released)
            })
            .collect(),
        Metric::Memory => d
            .model_memory
            .iter()
            .map(|p| Row {
                value: p.memory.value,
                platform: p.platform.as_ref(),
                ..Row::of(&p.name, &p.entry, &p.organisation, p.released)
            })
            .collect(),
    };
    let palette = Palette::new(g);
    let mut pts: Vec<Point> = Vec::new();
    // Each series' base colour, in order of first appearance, coloured after the platforms.
    let mut series: Vec<(String, Rgb)> = Vec::new();
    for r in &rows {
        let entry = r.entry.as_ref().and_then(|k| g.find(k));
        let platform = r.platform.and_then(|k| g.find(k));
        let chip = platform.and_then(|n| match g.node(n).key.kind {
            EntryKind::Chip => Some(n),
            // A device takes the line of the first chip shipped in it.
            _ => g.inc(n, RelationKind::ShipsIn).into_iter().find(|c| line_of(*c).is_some()),
        });
        let org = r
            .organisation
            .as_ref()
            .and_then(|o| g.find(&Key::new(EntryKind::Organisation, o.clone())))
            .or_else(|| entry.and_then(|n| home_org(g, n)));
        let (legend, colour, organisation) = match chip.and_then(|c| line_of(c).map(|l| (l, c))) {
            Some(((line, colour), c)) => (format!("on {line}"), colour, home_org(g, c).map(|o| g.node(o).index)),
            None => {
                let family = entry.and_then(|n| match g.node(n).key.kind {
                    EntryKind::Family => Some(n),
                    _ => g.out(n, RelationKind::MemberOf).first().copied(),
                });
                let legend = family.map_or_else(|| latex::to_unicode(r.name).into_owned(), |f| g.node(f).name.clone());
                let base = org.map_or(NO_COLOUR, |o| palette.org(g.node(o).index));
                if !series.iter().any(|(s, _)| *s == legend) {
                    series.push((legend.clone(), base));
                }
                (legend, base, org.map(|o| g.node(o).index))
            }
        };
        pts.push(Point {
            name: latex::to_unicode(r.name).into_owned(),
            entry: r.entry.as_ref().map(Key::to_string).unwrap_or_default(),
            month: r.released.month_index(),
            value: r.value,
            shown: r.shown.clone(),
            colour,
            legend,
            organisation,
        });
    }
    let mut taken: Vec<Rgb> = Vec::new();
    for p in pts.iter().filter(|p| !series.iter().any(|(s, _)| *s == p.legend)) {
        if !taken.contains(&p.colour) {
            taken.push(p.colour);
        }
    }
    for (name, base) in series {
        let colour = crate::palette::distinct(base, &taken);
        taken.push(colour);
        pts.iter_mut().filter(|p| p.legend == name).for_each(|p| p.colour = colour);
    }
    pts
}

/// A row of either table, as the panel reads it.
struct Row<'a> {
    name: &'a str,
    entry: &'a Option<Key>,
    organisation: &'a Option<crate::model::Id>,
    released: crate::model::YearMonth,
    value: f64,
    shown: Option<String>,
    platform: Option<&'a Key>,
}

impl<'a> Row<'a> {
    /// The columns both tables have; no value, platform or value text yet.
    fn of(
        name: &'a str,
        entry: &'a Option<Key>,
        organisation: &'a Option<crate::model::Id>,
        released: crate::model::YearMonth,
    ) -> Row<'a> {
        Row { name, entry, organisation, released, value: f64::NAN, shown: None, platform: None }
    }
}

/// Splits the plot into the upper panel and the lower one, with room between them for the
/// lower panel's axis title.
pub fn split(plot: Rect, text: f64) -> (Rect, Rect) {
    let gap = text * 2.6;
    let upper = (plot.y1 - plot.y0 - gap) * SHARE;
    (Rect { y1: plot.y0 + upper, ..plot }, Rect { y0: plot.y0 + upper + gap, ..plot })
}

/// What an upper panel left out.
pub struct Drawn {
    /// Names whose label found no room.
    pub unlabelled: Vec<String>,
    /// The legend's entries: series and platforms with their colours.
    pub legend: Vec<(String, Rgb)>,
}

/// Draws `points` in the frame's plot (the upper panel's rectangle), on the shared time
/// scale `x` with tick marks at `xticks`.
pub fn draw(f: &mut Frame, points: &[Point], x: &Scale, xticks: &[f64], metric: Metric) -> Drawn {
    let plot = f.plot;
    let values = points.iter().map(|p| p.value).filter(|v| v.is_finite() && *v > 0.0);
    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (axis, ticks, title) = match metric {
        Metric::Tops => {
            // Whole decades around the data: the list's axis runs from 10⁸ up.
            // Room above the top decade for its tick label under the title.
            let (lo, hi) = (10f64.powf(lo.log10().floor()), 10f64.powf(hi.log10().ceil()) * 2.0);
            (ValueAxis::Log { lo, hi }, decade_ticks(lo, hi, 6), "Model computation (TFLOPs)")
        }
        Metric::Memory => {
            let hi = hi * 1.15;
            (ValueAxis::Linear { hi }, linear_ticks(hi, 4), "Runtime memory of models (GB)")
        }
    };
    let y = |v: f64| axis.map(v, plot.y1, plot.y0);
    let ticks: Vec<(f64, String)> = ticks.into_iter().map(|(v, l)| (y(v), l)).collect();
    f.y_grid(&ticks);
    f.y_title(title);
    f.x_marks(xticks);
    let r = f.text * 0.42;
    let mut dots = Vec::new();
    for p in points {
        let centre = (x.map(p.month as f64), y(p.value));
        f.scene.items.push(Marker::Triangle.item(centre, r, p.colour));
        dots.push(Circle { centre, radius: r });
    }
    // One label per name, at its highest point (the first of equals, in table order).
    let mut heads: Vec<usize> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match heads.iter_mut().find(|h| points[**h].name == p.name) {
            Some(h) if points[*h].value < p.value => *h = i,
            Some(_) => {}
            None => heads.push(i),
        }
    }
    let labels: Vec<Label> = heads
        .iter()
        .map(|&i| {
            let p = &points[i];
            let text = match &p.shown {
                Some(v) => format!("{} {v}", p.name),
                None => p.name.clone(),
            };
            Label {
                text,
                colour: text_colour(p.colour),
                weight: Weight::Regular,
                dot: dots[i],
                also: Vec::new(),
                more: Vec::new(),
                logo: None,
                names: Some(p.entry.clone()),
            }
        })
        .collect();
    let mut legend: Vec<LegendEntry> = Vec::new();
    for p in points {
        if !legend.iter().any(|l| l.name == p.legend) {
            legend.push(LegendEntry { name: p.legend.clone(), colour: p.colour, logo: None });
        }
    }
    legend.sort_by(|a, b| a.name.cmp(&b.name));
    let entries = legend.iter().map(|l| (l.name.clone(), l.colour)).collect();
    let legend = f.legend(&legend, Marker::Triangle, &dots, &[]);
    let missing = f.labels(&labels, &dots, &[legend], &[]);
    Drawn { unlabelled: missing.into_iter().map(|i| points[heads[i]].name.clone()).collect(), legend: entries }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::labels::Rect as Box;
    use crate::render::{Item, measure};
    use crate::timeline::chips::{Options, draw};
    use crate::timeline::tests::{assert_no_overlap, shipped};

    /// Leaders are this grey; every other solid line is a series line, a range bar or an axis.
    const LEADER: Rgb = Rgb(0x99, 0x99, 0x99);

    #[test]
    fn both_panels_keep_the_placement_rules() {
        let g = shipped();
        for metric in [Metric::Tops, Metric::Memory] {
            let fig = draw(&g, &Options::new(metric));
            let panel = fig.panel.as_ref().expect("the shipped data has both tables");
            assert!(panel.points > 20, "{metric:?}: {} points", panel.points);
            assert_no_overlap(&fig.scene);
            let legends: Vec<Box> = fig
                .scene
                .items
                .iter()
                .filter_map(|i| if let Item::Rect { rect, .. } = i { Some(*rect) } else { None })
                .collect();
            assert_eq!(legends.len(), 2, "{metric:?}: a legend per panel");
            let lines: Vec<((f64, f64), (f64, f64))> = fig
                .scene
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Line { from, to, colour, dash: None, .. } if *colour != LEADER => Some((*from, *to)),
                    _ => None,
                })
                .collect();
            for item in &fig.scene.items {
                let Item::Text { pos, text, size, weight, .. } = item else { continue };
                let m = measure(text, *size, *weight);
                let r = Box::new(pos.0, pos.1, m.width, m.height);
                if legends.iter().any(|l| l.overlaps(&r)) {
                    continue;
                }
                for (a, b) in &lines {
                    assert!(!r.hits_segment(*a, *b), "{metric:?}: a line {a:?}-{b:?} crosses {text:?}");
                }
            }
        }
    }

    #[test]
    fn without_rows_the_figure_is_the_hardware_panel_alone() {
        let mut g = shipped();
        let with = draw(&g, &Options::new(Metric::Memory));
        g.data.model_memory.clear();
        let without = draw(&g, &Options::new(Metric::Memory));
        assert!(without.panel.is_none());
        assert_eq!(without.scene.height, crate::timeline::HEIGHT);
        assert_eq!(with.scene.height, (f64::from(crate::timeline::HEIGHT) * super::super::chips::PANEL_GROWTH) as u32);
        // The chips are drawn the same either way.
        assert_eq!(with.chips, without.chips);
    }

    #[test]
    fn points_take_their_platforms_line_colour_or_their_organisations() {
        let g = shipped();
        let lines = super::super::chips::line_colours(&g);
        let line = |name: &str| lines.iter().find(|(l, _)| l == name).map(|(_, c)| *c).unwrap();
        let pts = points(&g, Metric::Memory, |n| {
            let c = &g.data.chips[g.node(n).index];
            Some((c.line.clone(), line(&c.line)))
        });
        let find = |name: &str| pts.iter().find(|p| p.name == name).unwrap();
        // A chip, and a device through the chip shipped in it.
        assert_eq!((find("Llama-3").legend.as_str(), find("Llama-3").colour), ("on Snapdragon", line("Snapdragon")));
        assert_eq!(find("MiLM").legend, "on Snapdragon");
        assert_eq!(find("OpenELM").legend, "on Apple M");
        // No platform: its series, in its organisation's colour (OpenAI's green is far from
        // every platform's).
        let openai = g.find(&Key::new(EntryKind::Organisation, "openai".parse().unwrap())).unwrap();
        let openai = Palette::new(&g).org(g.node(openai).index);
        assert_eq!((find("GPT-2").legend.as_str(), find("GPT-2").colour), ("GPT3", openai));
        let compute = points(&g, Metric::Tops, |_| None);
        let gpt3 = compute.iter().find(|p| p.name == "GPT-3").unwrap();
        assert_eq!((gpt3.legend.as_str(), gpt3.shown.as_deref()), ("GPT3", Some("3.1e11")));
    }

    #[test]
    fn an_organisations_two_families_are_two_series_told_apart() {
        let g = shipped();
        let compute = points(&g, Metric::Tops, |_| None);
        let find = |name: &str| compute.iter().find(|p| p.name == name).unwrap();
        // Meta's OPT and LLaMA families: two series, each in colours of its own.
        assert_eq!((find("OPT").legend.as_str(), find("Llama-2").legend.as_str()), ("OPT", "LLaMA Series"));
        assert_eq!(find("Llama-4").colour, find("Llama").colour);
        assert_ne!(find("OPT").colour, find("Llama").colour);
        // A release of a family data/ has no row for (GPT-2, `family:gpt3`) joins its series; a
        // point of no family is a series of its own name.
        assert_eq!((find("GPT-2").legend.as_str(), find("GPT-3").legend.as_str()), ("GPT3", "GPT3"));
        assert_eq!((find("BERT").legend.as_str(), find("Qwen3").legend.as_str()), ("BERT", "Qwen Series"));
        let mut legend: Vec<(&str, Rgb)> = compute.iter().map(|p| (p.legend.as_str(), p.colour)).collect();
        legend.sort_by_key(|l| l.0);
        legend.dedup();
        assert_eq!(legend.len(), 6, "{legend:?}");
        for (i, a) in legend.iter().enumerate() {
            for b in &legend[i + 1..] {
                let d = crate::palette::delta_e(a.1, b.1);
                assert!(d >= crate::palette::MIN_SERIES_DELTA_E, "{a:?} and {b:?}: ΔE {d}");
            }
        }
    }
}
