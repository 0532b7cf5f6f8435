//! The optional upper panels of the hardware figures, from curated tables: the computation
//! models took (model_compute.csv, TFLOPs on a log axis) above the TOPS panel, and the memory
//! models need on named chips and devices (model_memory.csv, GB) above the memory panel.
//! Each point is a triangle, as the list draws them; one label per name, at its highest point.

use petgraph::graph::NodeIndex;

use super::frame::{Frame, Label, LegendEntry, Marker, text_colour};
use super::metric::Metric;
use crate::graph::KnowledgeGraph;
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
pub fn points(g: &KnowledgeGraph, metric: Metric, line_of: impl Fn(NodeIndex) -> Option<(String, Rgb)>) -> Vec<Point> {
    let palette = Palette::new(g);
    let org_colour = |organisation: Option<NodeIndex>, entry: &Option<Key>| {
        let org = organisation.or_else(|| entry.as_ref().and_then(|k| g.find(k)).and_then(|n| home_org(g, n)));
        org.map(|o| (g.node(o).name.clone(), palette.org(g.node(o).index), Some(g.node(o).index)))
    };
    let org_node =
        |id: &Option<crate::model::Id>| id.as_ref().and_then(|o| g.find(&Key::new(EntryKind::Organisation, o.clone())));
    let d = &g.data;
    match metric {
        Metric::Tops => {
            let mut pts: Vec<Point> = d
                .model_compute
                .iter()
                .map(|p| {
                    let (legend, colour, organisation) =
                        org_colour(org_node(&p.organisation), &p.entry).unwrap_or_else(other);
                    Point {
                        name: crate::latex::to_unicode(&p.name).into_owned(),
                        month: p.released.month_index(),
                        value: p.tflops.value,
                        shown: Some(p.tflops.raw.clone()),
                        colour,
                        legend,
                        organisation,
                    }
                })
                .collect();
            let family = |p: &crate::model::ModelCompute| {
                let entry = p.entry.as_ref().and_then(|k| g.find(k))?;
                g.out(entry, RelationKind::MemberOf).first().copied()
            };
            let families: Vec<Option<NodeIndex>> = d.model_compute.iter().map(family).collect();
            split_by_family(g, &mut pts, &families);
            pts
        }
        Metric::Memory => d
            .model_memory
            .iter()
            .map(|p| {
                let platform = p.platform.as_ref().and_then(|k| g.find(k));
                let chip = platform.and_then(|n| match g.node(n).key.kind {
                    EntryKind::Chip => Some(n),
                    // A device takes the line of the first chip shipped in it.
                    _ => g.inc(n, RelationKind::ShipsIn).into_iter().find(|c| line_of(*c).is_some()),
                });
                let line = chip.and_then(|c| line_of(c).map(|l| (l, home_org(g, c).map(|o| g.node(o).index))));
                let (legend, colour, organisation) = match line {
                    Some(((name, colour), vendor)) => (format!("on {name}"), colour, vendor),
                    None => org_colour(org_node(&p.organisation), &p.entry).unwrap_or_else(other),
                };
                Point {
                    name: crate::latex::to_unicode(&p.name).into_owned(),
                    month: p.released.month_index(),
                    value: p.memory.value,
                    shown: None,
                    colour,
                    legend,
                    organisation,
                }
            })
            .collect(),
    }
}

/// Where one organisation's points belong to two or more model families (Meta's OPT and
/// LLaMA), the first family keeps the organisation's colour and each other family takes a
/// colour of its own, far from every colour of the panel; the legend names the families: under
/// one colour, two series read as one. `families[i]` is point i's family.
fn split_by_family(g: &KnowledgeGraph, points: &mut [Point], families: &[Option<NodeIndex>]) {
    let mut taken: Vec<Rgb> = Vec::new();
    for p in points.iter() {
        if !taken.contains(&p.colour) {
            taken.push(p.colour);
        }
    }
    let mut orgs: Vec<usize> = Vec::new();
    for o in points.iter().filter_map(|p| p.organisation) {
        if !orgs.contains(&o) {
            orgs.push(o);
        }
    }
    for org in orgs {
        let mut series: Vec<NodeIndex> = Vec::new();
        for (p, f) in points.iter().zip(families) {
            if let Some(f) = f.filter(|f| p.organisation == Some(org) && !series.contains(f)) {
                series.push(f);
            }
        }
        if series.len() < 2 {
            continue;
        }
        let base = points.iter().find(|p| p.organisation == Some(org)).map_or(NO_COLOUR, |p| p.colour);
        for (k, f) in series.iter().enumerate() {
            let colour = if k == 0 { base } else { crate::palette::farthest(&taken) };
            taken.push(colour);
            for (p, _) in
                points.iter_mut().zip(families).filter(|(p, pf)| p.organisation == Some(org) && **pf == Some(*f))
            {
                p.colour = colour;
                p.legend = g.node(*f).name.clone();
            }
        }
    }
}

/// The legend entry and colour of points nothing else colours.
fn other() -> (String, Rgb, Option<usize>) {
    ("other".to_string(), NO_COLOUR, None)
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
                logo: None,
                names: None,
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
    let legend = f.legend(&legend, Marker::Triangle, &dots, &[]);
    let missing = f.labels(&labels, &dots, &[legend], &[]);
    Drawn { unlabelled: missing.into_iter().map(|i| points[heads[i]].name.clone()).collect() }
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
        // No platform: the organisation's colour.
        assert_eq!(find("GPT-2").legend, "OpenAI");
        let compute = points(&g, Metric::Tops, |_| None);
        let gpt3 = compute.iter().find(|p| p.name == "GPT-3").unwrap();
        assert_eq!((gpt3.legend.as_str(), gpt3.shown.as_deref()), ("OpenAI", Some("3.1e11")));
    }

    #[test]
    fn an_organisations_two_families_are_two_series_told_apart() {
        let g = shipped();
        let compute = points(&g, Metric::Tops, |_| None);
        let find = |name: &str| compute.iter().find(|p| p.name == name).unwrap();
        // Meta's OPT and LLaMA families: the first in the table keeps Meta's colour.
        let meta = g.find(&Key::new(EntryKind::Organisation, "meta".parse().unwrap())).unwrap();
        let meta = Palette::new(&g).org(g.node(meta).index);
        assert_eq!((find("OPT").legend.as_str(), find("OPT").colour), ("OPT", meta));
        assert_eq!(find("Llama-2").legend, "LLaMA Series");
        assert_eq!(find("Llama-4").colour, find("Llama").colour);
        // One family per organisation (OpenAI's GPT3, Alibaba's Qwen): the organisation's name.
        assert_eq!((find("GPT-3").legend.as_str(), find("Qwen3").legend.as_str()), ("OpenAI", "Alibaba"));
        let mut legend: Vec<(&str, Rgb)> = compute.iter().map(|p| (p.legend.as_str(), p.colour)).collect();
        legend.sort_by_key(|l| l.0);
        legend.dedup();
        assert_eq!(legend.len(), 6, "{legend:?}");
        for (i, a) in legend.iter().enumerate() {
            for b in &legend[i + 1..] {
                let d = crate::palette::delta_e(a.1, b.1);
                assert!(d >= crate::palette::MIN_DELTA_E, "{a:?} and {b:?}: ΔE {d}");
            }
        }
    }
}
