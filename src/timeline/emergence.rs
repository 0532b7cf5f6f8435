//! The emergence timeline: one dot per released size, release month on x, parameters on a log
//! y, coloured by organisation, one label per release.
//!
//! By default it shows what the list's hand-drawn figure shows: releases from 2023 on that
//! run on edge devices (Edge ✔ or named devices) with sizes up to 35B. Releases whose Edge
//! cell is "?" are shown as rings, not dots: the list does not know, so neither does the
//! figure. `all` adds releases marked ✗.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use super::frame::{Frame, Label, text_colour};
use super::series;
use crate::graph::KnowledgeGraph;
use crate::latex::to_unicode;
use crate::model::{Edge, EntryKind, RelationKind, YearMonth};
use crate::palette::{Palette, home_org};
use crate::render::axis::{Scale, SizeAxis, month_ticks};
use crate::render::labels::Circle;
use crate::render::{Item, Scene, Weight};

/// Which releases to draw and how big.
#[derive(Debug, Clone)]
pub struct Options {
    pub since: Option<YearMonth>,
    pub until: Option<YearMonth>,
    /// Sizes above this many parameters are left out.
    pub max_params: u64,
    /// Only releases of these organisations (all when empty).
    pub orgs: Vec<NodeIndex>,
    /// Only releases of these families (all when empty).
    pub families: Vec<NodeIndex>,
    /// Include releases not marked as running on edge devices.
    pub all: bool,
    /// Releases whose labels are placed first, so they are kept.
    pub always_label: Vec<NodeIndex>,
    /// Sizes under this many parameters are squeezed into a band at the bottom, below a break
    /// in the y axis, so that the height goes to the sizes most releases are labelled at. `None`:
    /// one log scale.
    pub squeeze_below: Option<u64>,
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
    /// Organisations' logos beside their names (data/logos.csv).
    pub logos: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            since: Some(YearMonth { year: 2023, month: Some(1) }),
            until: None,
            max_params: 35_000_000_000,
            orgs: Vec::new(),
            families: Vec::new(),
            all: false,
            always_label: Vec::new(),
            // The list's figure: ticks at 3B, 7B, 14B and 30B, what is under 3B at the bottom.
            squeeze_below: Some(3_000_000_000),
            width: super::WIDTH,
            height: super::HEIGHT,
            title: None,
            logos: true,
        }
    }
}

/// One plotted dot.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub model: NodeIndex,
    pub released: YearMonth,
    pub params: u64,
    /// Pixel position of the dot's centre.
    pub x: f64,
    pub y: f64,
}

/// The figure, what it plots, and what it had to leave out.
#[derive(Debug, Clone)]
pub struct Figure {
    pub scene: Scene,
    pub points: Vec<Point>,
    /// Releases whose label found no room.
    pub unlabelled: Vec<NodeIndex>,
    /// Releases that pass the filters but have no release month or no size to plot.
    pub undrawable: Vec<NodeIndex>,
}

/// A release the options select, with its plottable sizes in ascending order.
pub struct Release {
    pub node: NodeIndex,
    pub released: YearMonth,
    pub sizes: Vec<u64>,
}

impl Release {
    fn largest(&self) -> u64 {
        self.sizes.last().copied().unwrap_or(1)
    }
}

/// The releases the options select, in table order, and those selected but not drawable.
/// The explorer page plots the same selection.
pub fn releases(g: &KnowledgeGraph, o: &Options) -> (Vec<Release>, Vec<NodeIndex>) {
    let month = |d: YearMonth| d.month_index();
    let mut out = Vec::new();
    let mut undrawable = Vec::new();
    for n in g.nodes().filter(|n| g.node(*n).key.kind == EntryKind::Model) {
        let m = &g.data.models[g.node(n).index];
        let edge_ok = o.all || matches!(m.edge, Some(Edge::Yes | Edge::Devices | Edge::Unknown));
        let org_ok = o.orgs.is_empty() || g.out(n, RelationKind::ReleasedBy).iter().any(|x| o.orgs.contains(x));
        let family_ok =
            o.families.is_empty() || g.out(n, RelationKind::MemberOf).iter().any(|x| o.families.contains(x));
        if !(edge_ok && org_ok && family_ok) {
            continue;
        }
        let Some(released) = m.released.filter(|d| d.month.is_some()) else {
            undrawable.push(n);
            continue;
        };
        if o.since.is_some_and(|s| month(released) < month(s))
            || o.until.is_some_and(|u| month(released) > u.last_month_index())
        {
            continue;
        }
        // A size that rounds to zero parameters ("0.0001K") has no place on a log axis.
        let mut sizes: Vec<u64> = m.sizes.counts().filter(|p| *p > 0 && *p <= o.max_params).collect();
        sizes.sort_unstable();
        sizes.dedup();
        if sizes.is_empty() {
            undrawable.push(n);
            continue;
        }
        out.push(Release { node: n, released, sizes });
    }
    (out, undrawable)
}

/// The emergence timeline in [`super::FIGURES`].
pub const FIGURE: super::Spec =
    super::Spec { file: "timeline-emergence-llms", list_file: Some("timeline-emergence-llms"), draw: drawn };

fn drawn(g: &KnowledgeGraph, settings: &super::Settings, file: &str) -> Option<super::Drawn> {
    let fig = draw(g, &settings.emergence);
    let mut warnings = Vec::new();
    super::report(g, &fig.unlabelled, &super::unlabelled(file), "; try --height or --always-label", &mut warnings);
    let lead = format!("note: {file}: not drawn (no release month or no size within range):");
    super::report(g, &fig.undrawable, &lead, "", &mut warnings);
    if fig.points.is_empty() {
        warnings.push(format!("warning: {file}: no release to draw; the filters (--since, --until, --org, --family, --max-params) leave none"));
    }
    let releases: Vec<NodeIndex> = fig.points.iter().map(|p| p.model).collect();
    let what = format!("{} dots, {} releases", fig.points.len(), releases.iter().collect::<BTreeSet<_>>().len());
    let organisations = vec![super::organisations_drawn(g, releases)];
    Some(super::Drawn { scene: fig.scene, what, warnings, organisations })
}

pub fn draw(g: &KnowledgeGraph, o: &Options) -> Figure {
    let palette = Palette::new(g);
    let (rels, undrawable) = releases(g, o);
    let mut f = Frame::legible(o.width, o.height, o.title.as_deref());
    let plot = f.plot;
    let scale_px = f64::from(o.width) / f64::from(super::WIDTH);
    if rels.is_empty() {
        return Figure { scene: f.into_scene(), points: Vec::new(), unlabelled: Vec::new(), undrawable };
    }

    let months = rels.iter().map(|r| r.released.month_index());
    // Padded to whole half-years, at least a month on each side: a release added inside
    // the span or a month after the last keeps the scale, and so most labels keep their place.
    let (first, last) = (months.clone().min().unwrap_or(0), months.max().unwrap_or(0));
    let (m_lo, m_hi) = ((first - 1).div_euclid(6) * 6, (last + 2 + 5).div_euclid(6) * 6);
    let params = rels.iter().flat_map(|r| r.sizes.iter().copied());
    let (p_lo, p_hi) = (params.clone().min().unwrap_or(1) as f64, params.max().unwrap_or(1) as f64);
    let pad = plot.x1 - plot.x0;
    let x = Scale { lo: m_lo as f64, hi: m_hi as f64, from: plot.x0 + pad * 0.01, to: plot.x1 - pad * 0.01 };
    // Headroom above the largest dot leaves space for its label.
    let knee = o.squeeze_below.map(|k| k as f64);
    let y = SizeAxis::new(p_lo * 0.6, p_hi * 1.3, knee, plot.y1, plot.y0);
    f.y_grid(&y.ticks(f.text * 1.2));
    if let Some(at) = y.break_at() {
        f.axis_break(at);
    }
    // Leaders no longer than a month of axis: a label stays beside what it names.
    f.max_leader = (x.map(1.0) - x.map(0.0)) * 1.2;
    let xticks: Vec<(f64, String)> =
        month_ticks(m_lo, m_hi, 8).into_iter().map(|(m, l)| (x.map(m as f64), l)).collect();
    f.x_axis(&xticks);

    let radius = |p: u64| dot_radius(p) * scale_px;
    let mut points = Vec::new();
    let mut dots = Vec::new();
    for rel in &rels {
        let colour = palette.node(g, rel.node);
        let hollow = g.data.models[g.node(rel.node).index].edge == Some(Edge::Unknown);
        f.scene.items.push(Item::Group { class: "release", names: g.node(rel.node).key.to_string() });
        for &p in &rel.sizes {
            let (px, py) = (x.map(rel.released.month_index() as f64), y.map(p as f64));
            let r = radius(p);
            f.scene.items.push(Item::Circle { centre: (px, py), radius: r, colour, hollow });
            dots.push(Circle { centre: (px, py), radius: r });
            points.push(Point { model: rel.node, released: rel.released, params: p, x: px, y: py });
        }
        f.scene.items.push(Item::End);
    }

    let specs = label_specs(g, &rels, o);
    let requests: Vec<Label> = specs
        .iter()
        .map(|s| {
            // Each named release's dots, largest first: the label may go by any of them.
            let mut anchors = s.anchors.iter().flat_map(|&i| {
                let (rel, cx) = (&rels[i], x.map(rels[i].released.month_index() as f64));
                rel.sizes.iter().rev().map(move |&p| Circle { centre: (cx, y.map(p as f64)), radius: radius(p) })
            });
            let dot = anchors.next().unwrap_or(Circle { centre: (f64::NAN, f64::NAN), radius: 0.0 });
            Label {
                text: s.text.clone(),
                colour: text_colour(palette.node(g, rels[s.anchors[0]].node)),
                weight: Weight::Regular,
                dot,
                also: anchors.collect(),
                more: Vec::new(),
                // The label that names the organisation carries its logo, as in the list's figure.
                logo: s.org.and_then(|n| super::logo(g, n, o.logos)),
                names: Some(s.names.iter().map(|&n| g.node(n).key.to_string()).collect::<Vec<_>>().join(" ")),
            }
        })
        .collect();
    let missing = f.labels(&requests, &dots, &[], &[]);
    let unlabelled = missing.into_iter().map(|k| specs[k].reported).collect();
    Figure { scene: f.into_scene(), points, unlabelled, undrawable }
}

/// A dot's radius in pixels at the figure's full width: it grows with the log of the size.
pub fn dot_radius(params: u64) -> f64 {
    5.0 + 2.2 * (params as f64 / 1e8).log10().max(0.0)
}

/// A label to draw: its text, the releases by whose dots it may go (the first is its own),
/// the organisation it names, the entries it names (for the SVG), and what a warning names
/// when it finds no room.
struct Spec {
    text: String,
    anchors: Vec<usize>,
    org: Option<NodeIndex>,
    names: Vec<NodeIndex>,
    reported: NodeIndex,
}

/// The labels, in placement order: one per release, except that a series (see [`series`]) is
/// named once, with the rest of each member's name beside its dot. The first release of each
/// organisation names the organisation ("Qwen (Alibaba)"; a series' name does when a member
/// is that release). Releases asked for come first, then the rest from the largest down,
/// since big releases sit alone at the top.
fn label_specs(g: &KnowledgeGraph, rels: &[Release], o: &Options) -> Vec<Spec> {
    let mut by_date: Vec<usize> = (0..rels.len()).collect();
    by_date.sort_by_key(|&i| (rels[i].released.month_index(), g.node(rels[i].node).name.clone()));
    let mut seen_orgs = Vec::new();
    let mut named = vec![None; rels.len()];
    for &i in &by_date {
        if let Some(org) = home_org(g, rels[i].node)
            && !seen_orgs.contains(&org)
        {
            seen_orgs.push(org);
            named[i] = Some(org);
        }
    }
    let with_org = |text: &str, org: Option<NodeIndex>| match org {
        Some(org) => format!("{text} ({})", to_unicode(&g.node(org).name)),
        None => text.to_string(),
    };
    let mut specs = Vec::new();
    let months: Vec<(NodeIndex, YearMonth)> = rels.iter().map(|r| (r.node, r.released)).collect();
    for s in series::find(g, &months) {
        let org = s.members.iter().find_map(|&(i, _)| named[i]);
        // The release named by the series' name alone is its own anchor, else the first.
        let base = s.members.iter().find(|(_, rest)| rest.is_empty()).map(|&(i, _)| i);
        let mut anchors: Vec<usize> = base.into_iter().collect();
        anchors.extend(s.members.iter().map(|&(i, _)| i).filter(|&i| Some(i) != base));
        let names = base.map(|i| rels[i].node).into_iter().collect();
        specs.push(Spec { text: with_org(&s.name, org), anchors, org, names, reported: s.family });
        for (i, rest) in s.members.into_iter().filter(|(_, rest)| !rest.is_empty()) {
            let node = rels[i].node;
            specs.push(Spec { text: rest, anchors: vec![i], org: None, names: vec![node], reported: node });
        }
    }
    let mut in_series = vec![false; rels.len()];
    for &i in specs.iter().flat_map(|s| &s.anchors) {
        in_series[i] = true;
    }
    for (i, rel) in rels.iter().enumerate().filter(|(i, _)| !in_series[*i]) {
        let text = with_org(&to_unicode(&g.node(rel.node).name), named[i]);
        specs.push(Spec { text, anchors: vec![i], org: named[i], names: vec![rel.node], reported: rel.node });
    }
    specs.sort_by_key(|s| {
        let asked = s.anchors.iter().any(|&i| o.always_label.contains(&rels[i].node));
        let largest = s.anchors.iter().map(|&i| rels[i].largest()).max().unwrap_or(0);
        (!asked, std::cmp::Reverse(largest), rels[s.anchors[0]].released.month_index())
    });
    specs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Key;
    use crate::render::{Item, Rect};
    use crate::timeline::tests::{assert_no_overlap, shipped};

    #[test]
    fn shipped_data_gives_the_reference_releases_and_positions() {
        let g = shipped();
        let fig = draw(&g, &Options::default());
        assert_eq!(fig.points.len(), 116);
        // Every release labelled, logos and all, at 26 px text with leaders crossing no dot,
        // label or leader.
        assert!(fig.unlabelled.is_empty(), "{:?}", fig.unlabelled);
        let model = |id: &str| g.find(&Key::new(EntryKind::Model, id.parse().unwrap())).unwrap();
        // Every family of the list's hand-drawn figure, and nothing marked ✗ or too old.
        for id in [
            "qwen2-5",
            "qwen3",
            "yi",
            "yi-vl",
            "yi-1-5",
            "chatglm4",
            "milm2",
            "gemma3",
            "phi-4",
            "falcon-3",
            "internlm3",
            "baichuan2",
            "gemma1",
            "mpt",
            "falcon",
            "andesgpt",
            "mistral-7b",
            "bluelm",
            "openelm",
            "smollm",
            "octopus-v2",
            "map-neo",
            "gemini",
            "phi-1",
            "phi-1-5",
            "phi-2",
            "chatglm",
            "chatglm2",
            "chatglm3",
            "dclm",
            "bluelm-v-3b",
            "internlm2-5",
            "qwen2",
            "llama3-chat",
            "mincpm",
        ] {
            assert!(fig.points.iter().any(|p| p.model == model(id)), "{id} is missing");
        }
        for id in ["llama2", "mistral-8x7b", "pangu-a", "deepseek-v3"] {
            assert!(!fig.points.iter().any(|p| p.model == model(id)), "{id} should not be drawn");
        }
        // The Qwen2.5 7B dot: at 2024-12 and 7e9, where the 2024.12 tick and the 7B grid line are.
        let p = fig.points.iter().find(|p| p.model == model("qwen2-5") && p.params == 7_000_000_000).unwrap();
        assert_eq!(p.released.to_string(), "2024-12");
        let text_centre = |t: &str| {
            fig.scene.items.iter().find_map(|i| match i {
                Item::Text { pos, text, size, weight, .. } if text == t => {
                    let m = crate::render::measure(text, *size, *weight);
                    Some((pos.0 + m.width / 2.0, pos.1 + m.height / 2.0))
                }
                _ => None,
            })
        };
        assert!((text_centre("2024.12").unwrap().0 - p.x).abs() < 0.01);
        assert!((text_centre("7B").unwrap().1 - p.y).abs() < 0.01);
        assert_eq!(fig.points.iter().filter(|q| q.model == model("qwen2-5")).count(), 6, "72B is over 35B");
    }

    #[test]
    fn labels_on_the_shipped_figure_never_overlap_or_cover_dots() {
        let g = shipped();
        assert_no_overlap(&draw(&g, &Options::default()).scene);
        let all = Options { all: true, since: None, max_params: u64::MAX, ..Options::default() };
        let fig = draw(&g, &all);
        assert_no_overlap(&fig.scene);
        assert!(fig.points.len() > 150);
    }

    #[test]
    fn filters_narrow_the_releases() {
        let g = shipped();
        let alibaba = g.resolve("Alibaba", &[EntryKind::Organisation]).unwrap();
        let fig = draw(&g, &Options { orgs: vec![alibaba], ..Options::default() });
        let releases: std::collections::BTreeSet<_> = fig.points.iter().map(|p| g.node(p.model).name.clone()).collect();
        assert_eq!(releases.into_iter().collect::<Vec<_>>(), ["Qwen", "Qwen1.5", "Qwen2", "Qwen2.5", "Qwen3"]);
        let since = Options { since: "2024-06".parse().ok(), until: "2024".parse().ok(), ..Options::default() };
        let fig = draw(&g, &since);
        assert!(fig.points.iter().all(|p| p.released.to_string().as_str() >= "2024-06" && p.released.year == 2024));
        let old = draw(&g, &Options { since: "2021-01".parse().ok(), ..Options::default() });
        let texts: Vec<&str> = old
            .scene
            .items
            .iter()
            .filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None })
            .collect();
        assert!(texts.contains(&"PanGu-α (Huawei)"), "the LaTeX name reads as Unicode: {texts:?}");
        let small = draw(&g, &Options { max_params: 1_000_000_000, ..Options::default() });
        assert!(small.points.iter().all(|p| p.params <= 1_000_000_000));
    }

    #[test]
    fn a_crowded_canvas_reports_labels_instead_of_overlapping_them() {
        let g = shipped();
        let fig = draw(&g, &Options { width: 320, height: 200, ..Options::default() });
        assert!(!fig.unlabelled.is_empty());
        assert_no_overlap(&fig.scene);
        // Asking for a label that was left out places it first: it gets the room.
        let rescued = fig.unlabelled.iter().find(|&&n| {
            let o = Options { width: 320, height: 200, always_label: vec![n], ..Options::default() };
            !draw(&g, &o).unlabelled.contains(&n)
        });
        assert!(rescued.is_some(), "no left-out label is placed when asked for");
    }

    #[test]
    fn sizes_that_round_to_zero_parameters_are_not_drawn() {
        // "0.0001K" is 0.1 parameters: it once put NaN into label placement, and f64::clamp panicked.
        let mut g = shipped();
        let model = |g: &KnowledgeGraph, id: &str| g.find(&Key::new(EntryKind::Model, id.parse().unwrap())).unwrap();
        let (qwen25, qwen3) = (model(&g, "qwen2-5"), model(&g, "qwen3"));
        let (i, j) = (g.node(qwen25).index, g.node(qwen3).index);
        g.data.models[i].sizes = crate::model::Sizes::parse("0.0001K、0.5B").unwrap();
        g.data.models[j].sizes = crate::model::Sizes::parse("0.0001K").unwrap();
        let fig = draw(&g, &Options::default());
        let sizes: Vec<u64> = fig.points.iter().filter(|p| p.model == qwen25).map(|p| p.params).collect();
        assert_eq!(sizes, [500_000_000]);
        assert!(fig.undrawable.contains(&qwen3) && !fig.points.iter().any(|p| p.model == qwen3));
        assert_no_overlap(&fig.scene);
    }

    #[test]
    fn adding_releases_moves_only_labels_near_them() {
        // Three new releases: inside the span, in the crowded 2024-06 column, and a month
        // after the newest (2025-04); at least 90% of the other labels keep their exact place.
        let dir = tempfile::tempdir().unwrap();
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for e in std::fs::read_dir(&data).unwrap() {
            let e = e.unwrap();
            match e.file_type().unwrap().is_dir() {
                // data/logos/, the files logos.csv names.
                true => std::os::unix::fs::symlink(e.path(), dir.path().join(e.file_name())).unwrap(),
                false => drop(std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap()),
            }
        }
        // Keyed by the release's name: "Gemini (Google)" becomes "Gemini" when an earlier
        // Google release takes the organisation's name, which is not a move.
        let labels = |g: &KnowledgeGraph| -> std::collections::BTreeMap<String, (f64, f64)> {
            draw(g, &Options::default())
                .scene
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text { pos, text, .. } => Some((text.split(" (").next().unwrap_or(text).to_string(), *pos)),
                    _ => None,
                })
                .collect()
        };
        let before = labels(&shipped());
        let mut models = std::fs::read_to_string(dir.path().join("models.csv")).unwrap();
        for (id, month) in [("newinside", "2023-09"), ("newcrowded", "2024-06"), ("newlast", "2025-05")] {
            models.push_str(&format!("{id},{id},,google,2B,yes,{month},,,,,\n"));
        }
        std::fs::write(dir.path().join("models.csv"), models).unwrap();
        let g = KnowledgeGraph::build(crate::data::load(dir.path()).unwrap());
        let after = labels(&g);
        let kept = before.iter().filter(|(t, p)| after.get(*t) == Some(p)).count();
        assert!(kept * 100 >= before.len() * 90, "only {kept} of {} labels kept their place", before.len());
    }

    #[test]
    fn a_logo_is_drawn_before_the_label_that_names_its_organisation() {
        let mut g = shipped();
        let bytes = crate::model::two_colour_png(24, 16, [220, 20, 20], [20, 20, 220]);
        let logo = crate::model::Logo::decode(&bytes).unwrap();
        // This logo alone, in place of the shipped ones.
        g.data.logos.clear();
        g.data.logos.insert("alibaba".parse().unwrap(), logo.clone());
        let fig = draw(&g, &Options::default());
        assert_no_overlap(&fig.scene);
        let images: Vec<&Rect> = fig
            .scene
            .items
            .iter()
            .filter_map(|i| if let Item::Image { rect, logo: l } = i { (*l == logo).then_some(rect) } else { None })
            .collect();
        assert_eq!(images.len(), 1, "one logo, on the label that names Alibaba");
        let (pos, size) = fig
            .scene
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text { pos, text, size, .. } if text == "Qwen (Alibaba)" => Some((*pos, *size)),
                _ => None,
            })
            .unwrap();
        let r = images[0];
        // Right before the text, 0.85 text heights tall and centred on it, 3:2 like the file.
        assert!((pos.0 - r.x1 - size * 0.2).abs() < 1e-9, "{r:?} {pos:?}");
        // (The text box is the font's ascent plus descent: the size, up to f32 rounding.)
        assert!((r.y1 - r.y0 - size * 0.85).abs() < 1e-9 && ((r.y0 + r.y1) / 2.0 - (pos.1 + size / 2.0)).abs() < 0.01);
        assert!(((r.x1 - r.x0) / (r.y1 - r.y0) - 1.5).abs() < 1e-9);
        // The PNG shows the logo's two colours where the scene put it.
        let png = fig.scene.render(crate::render::ImageFormat::Png);
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let at = |x: f64, y: f64| {
            let i = ((y as usize) * info.width as usize + x as usize) * 3;
            [buf[i], buf[i + 1], buf[i + 2]]
        };
        let (w, mid) = (r.x1 - r.x0, (r.y0 + r.y1) / 2.0);
        let (left, right) = (at(r.x0 + w * 0.25, mid), at(r.x0 + w * 0.75, mid));
        assert!(left[0] > 180 && left[2] < 80, "{left:?}");
        assert!(right[2] > 180 && right[0] < 80, "{right:?}");
        // The SVG embeds the file's own bytes.
        use base64::Engine as _;
        let svg = String::from_utf8(fig.scene.render(crate::render::ImageFormat::Svg)).unwrap();
        let href = svg.split("href=\"data:image/png;base64,").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(base64::engine::general_purpose::STANDARD.decode(href).unwrap(), bytes);
        assert_eq!(svg.matches("<image ").count(), 1);
    }

    #[test]
    fn same_data_same_bytes() {
        let g = shipped();
        let a = draw(&g, &Options::default()).scene;
        let b = draw(&g, &Options::default()).scene;
        for f in crate::render::ImageFormat::ALL {
            assert!(a.render(f) == b.render(f));
        }
    }

    #[test]
    fn shipped_series_come_from_families_and_months() {
        let g = shipped();
        let (rels, _) = releases(&g, &Options::default());
        let months: Vec<(NodeIndex, YearMonth)> = rels.iter().map(|r| (r.node, r.released)).collect();
        let found: Vec<(String, Vec<String>)> = series::find(&g, &months)
            .into_iter()
            .map(|s| (s.name, s.members.into_iter().map(|(_, rest)| rest).collect()))
            .collect();
        // MiniCPM (2024-02, "MinCPM" in the list, corrected) is two months before V2.0 and
        // V3.0 (2024-04): named on its own.
        // Qwen2 and Qwen2.5 share a family but no first word; Yi and Yi VL are two months apart.
        assert_eq!(
            found,
            [
                ("MiniCPM".to_string(), vec!["V2.0".to_string(), "V3.0".to_string(), "Llama3 V2.5".to_string()]),
                ("Octopus".to_string(), vec!["v2".to_string(), "v3".to_string()]),
            ]
        );
    }
}
