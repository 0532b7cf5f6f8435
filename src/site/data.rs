//! The page's data: every entry with its attributes, links, search keys and related entries,
//! every relation, and the emergence timeline's dots, as the JSON the page's script reads.
//!
//! Everything the page shows is computed here, by the library's own functions: colours from
//! `palette`, name keys from `model::name_key` (the CLI's matching rules), related entries and
//! their reasons from `query::related`, the timeline's selection and dot sizes from
//! `timeline::emergence`, its size ticks from `render::axis`.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::attrs::{self, Value};
use crate::graph::KnowledgeGraph;
use crate::latex::to_unicode;
use crate::layout::Map;
use crate::model::{EntryKind, LinkType, RelationKind, format_count, name_key};
use crate::palette::{ColourBy, Palette, home_org};
use crate::query::Undirected;
use crate::query::related::{reason, related};
use crate::render::axis::param_ticks;
use crate::timeline::{chips, emergence, map as graph_map};

/// Related entries listed on each card.
pub const RELATED: usize = 10;
/// Shared neighbours spelled out in each related entry's reason.
const REASON_PARTS: usize = 2;

/// The whole document.
#[derive(Serialize)]
pub struct SiteData<'a> {
    /// Entry kind names, indexed by `Entry::k`.
    kinds: Vec<&'static str>,
    /// Each relation kind as [outgoing label, incoming label], indexed by the edges' middle number.
    relations: Vec<[&'static str; 2]>,
    /// Link type names, indexed by `Entry::u`'s first number.
    links: Vec<&'static str>,
    nodes: Vec<Entry<'a>>,
    /// The parts of the related entries' reasons ("both covers Quantization", "3 months
    /// apart"), each once: a reason is the parts its numbers name, joined by "; ".
    reasons: Vec<String>,
    /// Every edge as three numbers: source node, relation, target node; in graph order.
    edges: Vec<u32>,
    timeline: Timeline,
    /// The chip TOPS figure's product lines and their colours: [name, "#rrggbb"].
    chip_lines: Vec<(String, String)>,
    /// The map view's legend: what its colours stand for, [name, "#rrggbb"]; absent when the
    /// graph was not laid out (and then no entry has a place on the map).
    #[serde(skip_serializing_if = "Option::is_none")]
    map: Option<MapLegend>,
}

/// The map view's colouring: what the colours say (`kind`, `community`, `organisation`) and
/// the legend.
#[derive(Serialize)]
struct MapLegend {
    colour_by: &'static str,
    legend: Vec<(String, String)>,
}

/// One entry. Short field names: the page of 10,000 entries must stay small.
#[derive(Serialize)]
struct Entry<'a> {
    /// Kind, an index into `kinds`.
    k: u8,
    id: &'a str,
    /// Name, with its LaTeX as Unicode, as the figures write it ("PanGu-α").
    n: std::borrow::Cow<'a, str>,
    /// Colour, as every figure draws the entry.
    c: String,
    /// Attributes, in `attrs::attributes` order, without the link columns.
    a: Attributes,
    /// Links: (link type, URL), http and https only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    u: Vec<(u8, String)>,
    /// Search keys (`name_key` of the name, the other names and the curated aliases).
    s: Vec<String>,
    /// Related entries: (node, score, reason as numbers of `reasons`), best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    r: Vec<(u32, f64, Vec<u32>)>,
    /// On the map: the position as the exports write it, the community, and the colour the
    /// map view draws it in (`--colour-by`). All absent without a map.
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    m: Option<String>,
}

/// Attributes as a JSON object that keeps their order.
struct Attributes(Vec<(&'static str, Value)>);

impl Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The interactive emergence timeline: the figure's selection, plus the releases it leaves out
/// for not being edge-ready (the page's toggle).
#[derive(Serialize)]
struct Timeline {
    /// The month index (year × 12 + month − 1) the figure starts at: the page's first view.
    since: Option<i64>,
    dots: Vec<Dot>,
    /// The figure's size ticks: (parameters, label).
    ticks: Vec<(f64, String)>,
}

/// A release on the timeline: (release node, month index, sizes in parameters, dot radius of
/// each size at the figure's full width, home organisation node or -1, each size as the CLI
/// writes it).
type Dot = (u32, i64, Vec<u64>, Vec<f64>, i64, Vec<String>);

/// The link types' names in the page, by `LinkType::ALL` order.
fn link_name(t: LinkType) -> &'static str {
    match t {
        LinkType::Paper => "paper",
        LinkType::Code => "code",
        LinkType::Official => "official",
        LinkType::HuggingFace => "Hugging Face",
    }
}

/// Builds the page's data for the whole graph, with its map coloured `by` when there is one.
pub fn collect<'a>(g: &'a KnowledgeGraph, map: Option<&Map>, by: ColourBy) -> SiteData<'a> {
    let palette = Palette::new(g);
    let undirected = Undirected::new(g);
    let d = &g.data;
    // The name's key first, then the other names' and aliases' keys, sorted.
    let mut primary = Vec::with_capacity(g.node_count());
    let mut keys: Vec<BTreeSet<String>> = vec![BTreeSet::new(); g.node_count()];
    for (i, e) in d.entries().enumerate() {
        primary.push(name_key(e.name));
        keys[i].extend(e.other_names().into_iter().map(name_key));
    }
    for a in &d.aliases {
        if let Some(n) = g.find(&a.target) {
            keys[n.index()].insert(name_key(&a.alias));
        }
    }
    let keys = primary.into_iter().zip(keys).map(|(first, mut rest)| {
        rest.remove(&first);
        std::iter::once(first).chain(rest).filter(|k| !k.is_empty()).collect::<Vec<String>>()
    });
    let mut reasons = Interner::default();
    let link_columns: Vec<&str> = LinkType::ALL.iter().map(|t| t.column()).collect();
    let map_colours = map.map(|m| graph_map::colours(g, m, by));
    let nodes = g
        .nodes()
        .zip(keys)
        .map(|(n, keys)| {
            let node = g.node(n);
            let mut a = attrs::attributes(d, node);
            a.retain(|(name, _)| !link_columns.contains(name));
            let links = attrs::links(d, node).unwrap_or_default();
            let u = LinkType::ALL
                .iter()
                .enumerate()
                .flat_map(|(t, &lt)| links.get(lt).iter().map(move |url| (t as u8, url)))
                // Every link is a model::Url: http(s), nothing that could leave an href.
                .map(|(t, url)| (t, url.to_string()))
                .collect();
            let r = related(g, &undirected, n, &[], RELATED)
                .iter()
                .map(|rel| {
                    let parts = reason(g, rel, REASON_PARTS).split("; ").map(|p| reasons.number(p)).collect();
                    (rel.node.index() as u32, (rel.score * 1000.0).round() / 1000.0, parts)
                })
                .collect();
            let at = map.map(|m| m.written(n.index()));
            Entry {
                x: at.map(|p| p[0]),
                y: at.map(|p| p[1]),
                community: map.map(|m| m.community[n.index()]),
                m: map_colours.as_ref().map(|c| c[n.index()].to_string()),
                k: node.key.kind as u8,
                id: node.key.id.as_str(),
                n: to_unicode(&node.name),
                c: palette.node(g, n).to_string(),
                a: Attributes(a),
                u,
                s: keys,
                r,
            }
        })
        .collect();
    let edges = g.edges().flat_map(|(s, r, t)| [s.index() as u32, r as u32, t.index() as u32]).collect();
    SiteData {
        kinds: EntryKind::ALL.iter().map(|k| k.as_str()).collect(),
        relations: RelationKind::ALL.iter().map(|&r| [r.as_str(), r.inverse_label()]).collect(),
        links: LinkType::ALL.iter().map(|&t| link_name(t)).collect(),
        nodes,
        reasons: reasons.strings,
        edges,
        timeline: timeline(g),
        chip_lines: chips::line_colours(g).into_iter().map(|(name, c)| (name, c.to_string())).collect(),
        map: map.map(|m| MapLegend {
            colour_by: by.name(),
            legend: graph_map::legend(g, m, by).into_iter().map(|(name, c)| (name, c.to_string())).collect(),
        }),
    }
}

/// Strings numbered in the order they first come.
#[derive(Default)]
struct Interner {
    strings: Vec<String>,
    numbers: FxHashMap<String, u32>,
}

impl Interner {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.numbers.insert(s.to_string(), n);
        n
    }
}

fn timeline(g: &KnowledgeGraph) -> Timeline {
    let figure = emergence::Options::default();
    // Every release the figure could show at its size limit, edge-ready or not, from any date:
    // the page starts at the figure's first month and its toggles add the rest.
    let o = emergence::Options { since: None, all: true, ..figure.clone() };
    let (releases, _) = emergence::releases(g, &o);
    let dots = releases
        .iter()
        .map(|r| {
            let radii = r.sizes.iter().map(|&p| (emergence::dot_radius(p) * 100.0).round() / 100.0).collect();
            let org = home_org(g, r.node).map_or(-1, |o| o.index() as i64);
            let labels = r.sizes.iter().map(|&p| format_count(p)).collect();
            (r.node.index() as u32, r.released.month_index(), r.sizes.clone(), radii, org, labels)
        })
        .collect();
    let sizes = releases.iter().flat_map(|r| r.sizes.iter().copied());
    let (lo, hi) = (sizes.clone().min().unwrap_or(1) as f64, sizes.max().unwrap_or(1) as f64);
    Timeline { since: figure.since.map(|s| s.month_index()), dots, ticks: param_ticks(lo * 0.6, hi * 1.6) }
}
