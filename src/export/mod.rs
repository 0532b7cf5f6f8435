//! Graph exports: a subgraph written as DOT, GraphML, GEXF or node-link JSON, one file per
//! format, or as a directory of files (`Bundle`: Parquet, Neo4j's import CSV). Every writer
//! streams into `impl Write` in node and edge order, so output is deterministic and memory
//! stays flat however large the graph.

mod dot;
mod format;
mod gexf;
mod graphml;
mod json;
mod neo4j;
mod parquet;
mod select;
mod table;
mod template;

use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::OnceLock;

use petgraph::graph::NodeIndex;

pub use format::{Exporter, Format, Info, With, for_build};
pub use select::{Selection, Subgraph};

use crate::attrs::{self, AttrBuf, Value, ValueType};
use crate::fsx::{OutDir, Staged, WriteError};
use crate::graph::KnowledgeGraph;
use crate::layout::{Map, Point};
use crate::model::{EntryKind, Rgb, Url, YearMonth};
use crate::palette::{self, ColourBy, Palette};

/// Every export format, in the order the command line lists them and `build` reports them.
pub static FORMATS: [Format; 6] = [
    Format(&dot::Dot),
    Format(&graphml::Graphml),
    Format(&gexf::Gexf),
    Format(&json::Json),
    Format(&parquet::Parquet),
    Format(&neo4j::Neo4j),
];

/// How the DOT export groups nodes into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Cluster {
    /// One cluster per entry kind.
    #[default]
    Kind,
    /// One cluster per organisation, with what it released or made.
    Org,
}

/// Settings that only some formats use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub cluster: Cluster,
}

/// Writes `sub` of `g` in the one-file `format` to `w`, with the positions and communities of
/// `map` (a map of the whole of `g`) when given, nodes coloured `by`.
pub fn write(
    format: Format,
    g: &KnowledgeGraph,
    sub: &Subgraph,
    map: Option<&Map>,
    by: ColourBy,
    opts: Options,
    w: &mut (dyn Write + Send),
) -> io::Result<()> {
    format.write(&Prepared::new(g, sub).with_map(map).with_colours(by), opts, 0, w)
}

/// The graph being written, with what every format derives from it: made once, and shared
/// by the exports of one run (`build` writes them on several threads).
pub struct Prepared<'g> {
    g: &'g KnowledgeGraph,
    sub: &'g Subgraph,
    palette: Palette,
    /// `kind:id` of each selected node, one after another: node `n`'s is
    /// `ids[id_at[n]..id_at[n + 1]]` (empty for nodes left out), written at every edge.
    ids: String,
    id_at: Vec<usize>,
    /// Every id is written unchanged by every format's escaping ([`template::plain`]), so
    /// edges are written from templates.
    plain_ids: bool,
    /// The organisation each node is drawn with (`palette::home_org`).
    home: Vec<Option<NodeIndex>>,
    /// Relations at each node, both directions.
    degree: Vec<u32>,
    /// Per-kind attribute columns, found on first use.
    columns: OnceLock<Vec<(&'static str, ValueType)>>,
    /// Positions and communities, written where each format has a place for them.
    map: Option<&'g Map>,
    /// What the nodes' colours say.
    colour_by: ColourBy,
}

/// What every format writes for one node, besides its attributes ([`Prepared::attributes`]).
struct NodeView<'g> {
    /// `kind:id`, unique and stable: the node id in every format.
    id: &'g str,
    label: &'g str,
    kind: EntryKind,
    colour: Rgb,
    /// Grows with the number of relations, for Gephi's and Graphviz's node size.
    size: f64,
    date: Option<YearMonth>,
    url: Option<&'g Url>,
    /// On the map, rounded as written (see [`POSITION`]).
    position: Option<Point>,
}

/// The attributes a map adds to every node, after its own: `x` and `y` (the names Gephi,
/// graphology and sigma.js read as a position), then `community`. Formats with a position of
/// their own (GEXF's `viz:position`) leave `x` and `y` out of their attributes.
pub const POSITION: [&str; 2] = ["x", "y"];
const COMMUNITY: &str = "community";

/// Attribute columns every node has, ahead of the per-kind attributes.
const NODE_COLUMNS: [(&str, ValueType); 4] =
    [("label", ValueType::Text), ("kind", ValueType::Text), ("color", ValueType::Text), ("size", ValueType::Float)];

/// Attribute columns of every edge.
const EDGE_COLUMNS: [(&str, ValueType); 3] =
    [("label", ValueType::Text), ("relation", ValueType::Text), ("weight", ValueType::Float)];

impl<'g> Prepared<'g> {
    pub fn new(g: &'g KnowledgeGraph, sub: &'g Subgraph) -> Prepared<'g> {
        let mut ids = String::new();
        let mut id_at = vec![0; g.node_count() + 1];
        let mut home = vec![None; g.node_count()];
        // The palette on another core meanwhile: it needs none of the rest.
        let (palette, degree) = crate::par::join(
            || Palette::new(g),
            || {
                let mut selected = sub.nodes.iter().peekable();
                for n in g.nodes() {
                    if selected.next_if_eq(&&n).is_some() {
                        write!(ids, "{}", g.node(n).key).expect("writing to a String cannot fail");
                        home[n.index()] = palette::home_org(g, n);
                    }
                    id_at[n.index() + 1] = ids.len();
                }
                // One pass in edge order: walking each node's edge list is a cache miss per edge.
                let mut degree = vec![0u32; g.node_count()];
                for (s, _, t) in g.edges() {
                    degree[s.index()] += 1;
                    degree[t.index()] += 1;
                }
                degree
            },
        );
        let plain_ids = template::plain(&ids);
        Prepared {
            g,
            sub,
            palette,
            ids,
            id_at,
            plain_ids,
            home,
            degree,
            columns: OnceLock::new(),
            map: None,
            colour_by: ColourBy::EXPORTS,
        }
    }

    /// The same, written with the positions and communities of `map` (of the whole graph).
    pub fn with_map(self, map: Option<&'g Map>) -> Prepared<'g> {
        Prepared { map, ..self }
    }

    /// The same, nodes coloured `by` (communities: the map's, when there is one).
    pub fn with_colours(self, colour_by: ColourBy) -> Prepared<'g> {
        Prepared { colour_by, ..self }
    }

    /// Writes `format` into `dir` at `name`, staged: nothing is in place until committed
    /// (`OutDir::commit`), with whatever else was staged in `dir`. A directory format's
    /// files go into the subdirectory `name`, or into `dir` itself when `name` is empty.
    pub fn stage(&self, format: Format, opts: Options, dir: &OutDir, name: &str) -> Result<Vec<Staged>, WriteError> {
        if !format.is_directory() {
            return Ok(vec![dir.stage(name, |w| format.write(self, opts, 0, w))?]);
        }
        let files = format.files().iter().enumerate();
        files
            .map(|(part, file)| {
                let path = if name.is_empty() { file.to_string() } else { format!("{name}/{file}") };
                dir.stage(&path, |w| format.write(self, opts, part, w))
            })
            .collect()
    }

    fn node(&self, n: NodeIndex) -> NodeView<'_> {
        let g = self.g;
        let node = g.node(n);
        let org_row = self.home[n.index()].map(|o| g.node(o).index);
        let community = self.map.map(|m| m.community[n.index()]);
        let colour = self.palette.colour(self.colour_by, node.key.kind, org_row, community);
        NodeView {
            id: self.id(n),
            label: &node.name,
            kind: node.key.kind,
            colour,
            size: node_size(self.degree[n.index()]),
            date: attrs::date(&g.data, node),
            url: attrs::url(&g.data, node),
            position: self.map.map(|m| m.written(n.index())),
        }
    }

    fn id(&self, n: NodeIndex) -> &str {
        &self.ids[self.id_at[n.index()]..self.id_at[n.index() + 1]]
    }

    /// The entry's organisation (the one it is coloured by), then its own attributes, into
    /// `a` (cleared first).
    fn attributes(&self, n: NodeIndex, a: &mut AttrBuf) {
        let g = self.g;
        a.clear();
        if let Some(o) = self.home[n.index()].filter(|o| *o != n) {
            a.text("organisation", &g.node(o).name);
        }
        a.fill(&g.data, g.node(n));
        if let Some(m) = self.map {
            let p = m.written(n.index());
            a.float(POSITION[0], p[0]);
            a.float(POSITION[1], p[1]);
            a.int(COMMUNITY, i64::from(m.community[n.index()]));
        }
    }

    /// Per-kind attribute columns of the selected nodes with their types, in order of first
    /// appearance (node order is kind by kind, so the order is fixed for a given set of kinds).
    fn attribute_columns(&self) -> &[(&'static str, ValueType)] {
        self.columns.get_or_init(|| {
            // Which attributes a node has depends on which of its values are empty, so every
            // node is asked: a first pass, because XML formats declare columns before the nodes.
            // The other export thread waits for it, so two halves on two cores; the second
            // half's columns go after the first's, as a single pass would find them.
            let nodes = &self.sub.nodes;
            let (first, second) = nodes.split_at(if nodes.len() >= 20_000 { nodes.len() / 2 } else { nodes.len() });
            let (rest, mut cols) =
                crate::par::join(|| self.columns_of(second, Vec::new()), || self.columns_of(first, Vec::new()));
            for (name, t) in rest {
                add_column(&mut cols, name, t);
            }
            cols
        })
    }

    /// `cols` with the attribute columns of `nodes` that it lacks, in order of first appearance.
    fn columns_of(
        &self,
        nodes: &[NodeIndex],
        mut cols: Vec<(&'static str, ValueType)>,
    ) -> Vec<(&'static str, ValueType)> {
        let mut a = AttrBuf::default();
        for &n in nodes {
            self.attributes(n, &mut a);
            for (name, v) in a.iter() {
                add_column(&mut cols, name, v.value_type());
            }
        }
        cols
    }
}

/// Adds a column unless `cols` has one of that name (names are `&'static str`s from
/// `AttrBuf`: the same address is the same name, tried first).
fn add_column(cols: &mut Vec<(&'static str, ValueType)>, name: &'static str, t: ValueType) {
    let same = |(c, _): &(&str, ValueType)| std::ptr::eq(c.as_ptr(), name.as_ptr()) && c.len() == name.len();
    if !cols.iter().any(same) && !cols.iter().any(|(c, _)| *c == name) {
        cols.push((name, t));
    }
}

/// `v` as text in `buf`, which hot loops reuse so that writing a value allocates nothing.
fn text(buf: &mut String, v: impl std::fmt::Display) -> &str {
    buf.clear();
    write!(buf, "{v}").expect("writing to a String cannot fail");
    buf
}

/// An attribute value as text: text values as they are, others written into `buf`.
fn value_text<'a>(buf: &'a mut String, v: &Value<&'a str>) -> &'a str {
    match v {
        Value::Text(t) => t,
        other => text(buf, other),
    }
}

/// `x` as `Display` writes it, in `buf`: without `fmt` when it is a whole number of tenths (as
/// node sizes are), from the integer of tenths.
fn tenths(buf: &mut String, x: f64) -> &str {
    let k = (x * 10.0).round();
    if !(0.0..1e15).contains(&k) || k / 10.0 != x {
        return text(buf, x);
    }
    let k = k as u64;
    buf.clear();
    buf.push_str(itoa::Buffer::new().format(k / 10));
    if !k.is_multiple_of(10) {
        buf.push('.');
        buf.push(char::from(b'0' + (k % 10) as u8));
    }
    buf
}

/// A coordinate to two decimals, as `layout` writes it: short text, and the same on every
/// machine.
fn node_size(degree: u32) -> f64 {
    // One decimal keeps the text stable and short.
    ((10.0 + 6.0 * (1.0 + f64::from(degree)).ln()) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(format: Format, g: &KnowledgeGraph) -> Vec<u8> {
        let mut out = Vec::new();
        write(format, g, &Subgraph::all(g), None, ColourBy::EXPORTS, Options::default(), &mut out).unwrap();
        out
    }

    /// `--colour-by`: the node colours of every format say the kind, the community or the
    /// organisation, as the palette gives them.
    #[test]
    fn nodes_are_coloured_by_what_is_asked() {
        let g = crate::timeline::tests::shipped();
        let map = Map::of(&g, &[], &crate::layout::Settings { iterations: 10, ..Default::default() });
        let colours = |by| -> Vec<String> {
            let mut out = Vec::new();
            let json = Format::named("json").unwrap();
            write(json, &g, &Subgraph::all(&g), Some(&map), by, Options::default(), &mut out).unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            v["nodes"].as_array().unwrap().iter().map(|n| n["color"].as_str().unwrap().to_string()).collect()
        };
        let (kind, community, org) =
            (colours(ColourBy::Kind), colours(ColourBy::Community), colours(ColourBy::Organisation));
        let palette = Palette::new(&g);
        for n in g.nodes() {
            let i = n.index();
            assert_eq!(kind[i], palette::kind_category_colour(g.node(n).key.kind).to_string());
            assert_eq!(community[i], palette::community_colour(map.community[i]).to_string());
            assert_eq!(org[i], palette.node(&g, n).to_string());
        }
        assert!(kind.iter().collect::<std::collections::BTreeSet<_>>().len() == EntryKind::ALL.len());
    }

    #[test]
    fn tenths_are_written_as_display_writes_them() {
        let mut buf = String::new();
        for k in (0..200_000u64).chain([999_999_999, 123_456_789_012]) {
            let x = k as f64 / 10.0;
            assert_eq!(tenths(&mut buf, x), x.to_string());
        }
        for x in [0.05, 1.25, -3.0, 1e300, f64::NAN, node_size(0), node_size(180_000)] {
            assert_eq!(tenths(&mut buf, x), x.to_string());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

        /// Synthetic graphs of random size and seed (hostile names included): every format
        /// gives the same bytes twice, and the JSON export read back is the same graph.
        #[test]
        fn exports_are_deterministic_and_json_reads_back(entries in 20usize..400, seed in 0u64..1_000_000) {
            let dir = tempfile::tempdir().unwrap();
            crate::synth::generate(dir.path(), entries, seed).unwrap();
            let g = KnowledgeGraph::build(crate::data::load(dir.path()).unwrap());
            for format in Format::one_file() {
                proptest::prop_assert!(bytes(format, &g) == bytes(format, &g), "{} differs between runs", format.name());
            }
            let json = Format::named("json").unwrap();
            let json: serde_json::Value = serde_json::from_slice(&bytes(json, &g)).unwrap();
            let nodes: Vec<&str> = json["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
            let keys: Vec<String> = g.nodes().map(|n| g.node(n).key.to_string()).collect();
            proptest::prop_assert_eq!(nodes, keys.iter().map(String::as_str).collect::<Vec<_>>());
            let edges: Vec<(String, String, String)> = json["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| ["source", "target", "relation"].map(|k| e[k].as_str().unwrap().to_string()).into())
                .collect();
            let expected: Vec<(String, String, String)> = g
                .edges()
                .map(|(s, r, t)| (g.node(s).key.to_string(), g.node(t).key.to_string(), r.as_str().to_string()))
                .collect();
            proptest::prop_assert_eq!(edges, expected);
        }
    }
}
