//! The figures drawn from data: the emergence timeline of model releases, the chip TOPS and
//! memory timelines and the map of the field. Each builds a [`Scene`] in pixels; rendering is
//! separate. [`FIGURES`] lists them: `build`, `timeline` and `diff` take them from there.

/// The reference figure's size; sizes of dots and text scale from it.
pub const WIDTH: u32 = 2100;
pub const HEIGHT: u32 = 920;

pub mod chips;
pub mod emergence;
mod frame;
pub mod map;
mod metric;
pub mod panels;
pub mod series;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::layout::Map;
use crate::palette::ColourBy;
use crate::render::Scene;

/// Every figure, in the order `build` writes them. A new figure is a file here with its
/// [`Spec`], and a line in this list.
pub const FIGURES: [Spec; 4] = [emergence::FIGURE, chips::TOPS, chips::MEMORY, map::FIGURE];

/// A figure of the registry: its file names and how it is drawn.
pub struct Spec {
    /// Our file name in output/, without extension.
    pub file: &'static str,
    /// The list's file name under images/ (`timeline --list-names`); none: not one of the
    /// list's figures.
    pub list_file: Option<&'static str>,
    /// Draws it with `settings`, its warnings naming it as `file`; none when the settings
    /// leave it out (the map without a layout).
    pub draw: fn(g: &KnowledgeGraph, settings: &Settings, file: &str) -> Option<Drawn>,
}

/// What the figures are drawn with: `build`'s or `timeline`'s options.
pub struct Settings<'a> {
    pub emergence: emergence::Options,
    /// The TOPS figure's; the memory figure takes its size and logos.
    pub chips: chips::Options,
    /// The layout and what colours say, for the map; none: no map.
    pub map: Option<(&'a Map, ColourBy)>,
}

/// A figure drawn: its scene and what `build` says of it.
pub struct Drawn {
    pub scene: Scene,
    /// What the line announcing it counts ("120 dots, 95 releases").
    pub what: String,
    /// What it had to leave out, each line naming the figure by its file.
    pub warnings: Vec<String>,
    /// The organisations (rows of organisations.csv) each of its panels colours: the sets
    /// [`crate::palette::close_curated`] checks.
    pub organisations: Vec<Vec<usize>>,
}

/// How many entries a warning names one by one; the rest are counted.
const LISTED: usize = 10;

/// Adds `lead` and each entry to `out`, the first `LISTED` by name and the rest as a count,
/// so that a figure of a big dataset does not bury the terminal.
fn report(g: &KnowledgeGraph, nodes: &[NodeIndex], lead: &str, hint: &str, out: &mut Vec<String>) {
    for &n in nodes.iter().take(LISTED) {
        out.push(format!("{lead} {} [{}]{hint}", g.node(n).name, g.node(n).key));
    }
    if nodes.len() > LISTED {
        out.push(format!("{lead} {} more entries", nodes.len() - LISTED));
    }
}

/// The start of the warning that `file` has no room for a label.
fn unlabelled(file: &str) -> String {
    format!("warning: {file}: no room for the label of")
}

/// The organisations (rows of organisations.csv) whose colours a figure drawing `nodes` shows,
/// sorted: the sets [`crate::palette::close_curated`] checks.
pub fn organisations_drawn(g: &KnowledgeGraph, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<usize> {
    let mut rows: Vec<usize> =
        nodes.into_iter().filter_map(|n| crate::palette::home_org(g, n)).map(|o| g.node(o).index).collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// The logo data/logos.csv gives organisation `org`, when `on`.
pub(crate) fn logo(g: &KnowledgeGraph, org: NodeIndex, on: bool) -> Option<crate::model::Logo> {
    g.data.logos.get(&g.node(org).key.id).filter(|_| on).cloned()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{chips, emergence};
    use crate::graph::KnowledgeGraph;
    use crate::render::axis::AxisKind;
    use crate::render::labels::{Circle, Rect};
    use crate::render::{Item, Scene, measure};
    use proptest::prelude::Just;

    /// The shipped data/.
    pub fn shipped() -> KnowledgeGraph {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        KnowledgeGraph::build(crate::data::load(&dir).expect("shipped data is valid"))
    }

    /// Asserts that no two texts or logos of the scene overlap and that none covers a dot.
    pub fn assert_no_overlap(scene: &Scene) {
        let texts: Vec<(Rect, &str)> = scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { pos, text, size, weight, .. } => {
                    let m = measure(text, *size, *weight);
                    Some((Rect::new(pos.0, pos.1, m.width, m.height), text.as_str()))
                }
                Item::Image { rect, .. } => Some((*rect, "a logo")),
                _ => None,
            })
            .collect();
        for (i, (a, ta)) in texts.iter().enumerate() {
            for (b, tb) in &texts[i + 1..] {
                assert!(!a.overlaps(b), "{ta:?} overlaps {tb:?}");
            }
            for item in &scene.items {
                if let Item::Circle { centre, radius, .. } = item {
                    let dot = Circle { centre: *centre, radius: *radius };
                    assert!(!a.hits_circle(&dot), "{ta:?} covers the dot at {centre:?}");
                }
            }
        }
        assert!(texts.len() > 10);
    }

    /// The organisations each shipped figure draws, as [`crate::palette::close_curated`] takes them.
    pub fn shipped_figure_organisations(g: &KnowledgeGraph) -> Vec<Vec<usize>> {
        let releases = emergence::draw(g, &emergence::Options::default()).points.into_iter().map(|p| p.model);
        let mut sets = vec![super::organisations_drawn(g, releases)];
        for metric in [chips::Metric::Tops, chips::Metric::Memory] {
            let fig = chips::draw(g, &chips::Options::new(metric));
            sets.extend(fig.organisations(g));
        }
        sets
    }

    #[test]
    fn shipped_colours_tell_apart_every_two_organisations_of_a_figure() {
        let g = shipped();
        let sets = shipped_figure_organisations(&g);
        assert!(sets.iter().all(|s| s.len() >= 5), "{sets:?}");
        let orgs = &g.data.organisations;
        let close: Vec<String> = crate::palette::close_curated(&g, &sets)
            .into_iter()
            .map(|(i, j, d)| {
                format!(
                    "{} {} / {} {}: ΔE {d:.1}",
                    orgs[i].name,
                    orgs[i].colour.unwrap(),
                    orgs[j].name,
                    orgs[j].colour.unwrap()
                )
            })
            .collect();
        assert!(close.is_empty(), "{close:#?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10))]

        /// The figure pipeline on extreme values: sizes from 0 to u64::MAX, months across the
        /// whole accepted range, TOPS from 1e-300 to 1e300, memory to a petabyte, many sizes per
        /// release and every release in one month. Drawing and rendering never panic, and the
        /// labels placed keep the rules.
        #[test]
        fn extreme_values_never_panic_the_figures(
            sizes in proptest::collection::vec(proptest::prop_oneof![Just(0u64), Just(u64::MAX), 1u64..u64::MAX, 1u64..100_000_000_000], 1..60),
            years in proptest::collection::vec(1900i32..=2200, 1..8),
            one_month in proptest::bool::ANY,
            tops in proptest::collection::vec(proptest::prop_oneof![Just(1e-300f64), Just(1e300f64), 1e-3f64..1e6], 2..8),
            memory in proptest::collection::vec(1u32..=(1 << 20), 1..6),
            width in 400u32..1200,
        ) {
            use crate::model::{ParamSize, Raw, Sizes, Tops, YearMonth};
            let mut g = shipped();
            let month = |i: usize| YearMonth { year: years[i % years.len()], month: Some(if one_month { 6 } else { (i % 12) as u32 + 1 }) };
            for (i, m) in g.data.models.iter_mut().enumerate() {
                let items: Vec<ParamSize> = sizes.iter().skip(i % sizes.len()).take(1 + i % 40)
                    .map(|&p| ParamSize { variant: None, params: Some(p) }).collect();
                m.sizes = Sizes { raw: String::new(), items };
                m.released = Some(month(i));
            }
            for (i, c) in g.data.chips.iter_mut().enumerate() {
                let (a, b) = (tops[i % tops.len()], tops[(i + 1) % tops.len()]);
                c.tops = Some(Raw { raw: String::new(), value: Tops { low: a.min(b), high: a.max(b) } });
                c.memory = Some(Raw { raw: String::new(), value: memory.iter().cycle().skip(i).take(1 + i % 3).copied().collect() });
                c.released = Some(month(i));
            }
            let all = emergence::Options { all: true, since: None, max_params: u64::MAX, width, ..emergence::Options::default() };
            let mut scenes = vec![emergence::draw(&g, &all).scene];
            for metric in [chips::Metric::Tops, chips::Metric::Memory] {
                for axis in [AxisKind::Auto, AxisKind::Log, AxisKind::Broken] {
                    scenes.push(chips::draw(&g, &chips::Options { axis, width, ..chips::Options::new(metric) }).scene);
                }
            }
            // The PNG of one scene (rasterising is slow in debug builds), the SVG of every one.
            proptest::prop_assert!(!scenes[0].render(crate::render::ImageFormat::Png).is_empty());
            for scene in &scenes {
                proptest::prop_assert!(!scene.render(crate::render::ImageFormat::Svg).is_empty());
            }
        }
    }
}
