//! Graph exports: a subgraph written as DOT, GraphML, GEXF or node-link JSON, one file per
//! format, or as a directory of files (`Bundle`: Parquet, Neo4j's import CSV). Every writer
//! streams into `impl Write` in node and edge order, so output is deterministic and memory
//! stays flat however large the graph.

pub mod dot;
mod gexf;
mod graphml;
mod json;
mod neo4j;
mod parquet;
mod select;
mod table;

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

pub use select::{Selection, Subgraph};

use crate::attrs::{self, Value, ValueType};
use crate::fsx::{OutDir, Staged, WriteError};
use crate::graph::KnowledgeGraph;
use crate::model::{EntryKind, Rgb, Url, YearMonth};
use crate::palette::{self, Palette};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Dot,
    Graphml,
    Gexf,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Dot, Format::Graphml, Format::Gexf, Format::Json];

    /// The file extension, which is also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Json => "json",
        }
    }
}

/// A format written as a set of files in a directory, all put in place together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bundle {
    /// `nodes.parquet` and `edges.parquet`.
    Parquet,
    /// Neo4j's admin-import CSV set, with a README holding the import command.
    Neo4j,
}

impl Bundle {
    pub const ALL: [Bundle; 2] = [Bundle::Parquet, Bundle::Neo4j];

    /// The format's name on the command line and the suffix of its directory in `build`.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Parquet => "parquet",
            Bundle::Neo4j => "neo4j",
        }
    }

    /// The files of the set, in the order `write_part` numbers them.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Bundle::Parquet => &parquet::FILES,
            Bundle::Neo4j => &neo4j::FILES,
        }
    }
}

/// Writes every file of `bundle` for `sub` of `g` into `dir`, staged: none is in place
/// until they are committed together (`OutDir::commit`).
pub fn stage_bundle(
    bundle: Bundle,
    g: &KnowledgeGraph,
    sub: &Subgraph,
    dir: &OutDir,
) -> Result<Vec<Staged>, WriteError> {
    let ctx = Context::new(g, sub);
    let files = bundle.files().iter().enumerate();
    files
        .map(|(part, name)| {
            dir.stage(name, |w| match bundle {
                Bundle::Parquet => parquet::write(&ctx, part, w),
                Bundle::Neo4j => neo4j::write(&ctx, part, w),
            })
        })
        .collect()
}

/// How the DOT export groups nodes into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cluster {
    /// One cluster per entry kind.
    #[default]
    Kind,
    /// One cluster per organisation, holding what it made; other entries stay outside.
    Org,
}

/// Settings that only some formats use.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub cluster: Cluster,
}

/// Writes `sub` of `g` in `format` to `w`.
pub fn write(format: Format, g: &KnowledgeGraph, sub: &Subgraph, opts: Options, w: &mut dyn Write) -> io::Result<()> {
    let ctx = Context::new(g, sub);
    match format {
        Format::Dot => dot::write(&ctx, opts.cluster, w),
        Format::Graphml => graphml::write(&ctx, w),
        Format::Gexf => gexf::write(&ctx, w),
        Format::Json => json::write(&ctx, w),
    }
}

/// The graph being written, with what every format derives from it.
struct Context<'g> {
    g: &'g KnowledgeGraph,
    sub: &'g Subgraph,
    palette: Palette,
    /// `kind:id` of each selected node, by node index: made once, written at every edge.
    ids: Vec<String>,
}

/// What every format writes for one node.
struct NodeView<'g> {
    /// `kind:id`, unique and stable: the node id in every format.
    id: &'g str,
    label: &'g str,
    kind: EntryKind,
    colour: Rgb,
    /// Grows with the number of relations, for Gephi's and Graphviz's node size.
    size: f64,
    date: Option<YearMonth>,
    url: Option<Url>,
    attrs: Vec<(&'static str, Value)>,
}

/// Attribute columns every node has, ahead of the per-kind attributes.
const NODE_COLUMNS: [(&str, ValueType); 4] =
    [("label", ValueType::Text), ("kind", ValueType::Text), ("color", ValueType::Text), ("size", ValueType::Float)];

/// Attribute columns of every edge.
const EDGE_COLUMNS: [(&str, ValueType); 3] =
    [("label", ValueType::Text), ("relation", ValueType::Text), ("weight", ValueType::Float)];

impl<'g> Context<'g> {
    fn new(g: &'g KnowledgeGraph, sub: &'g Subgraph) -> Context<'g> {
        let mut ids = vec![String::new(); g.node_count()];
        for &n in &sub.nodes {
            ids[n.index()] = g.node(n).key.to_string();
        }
        Context { g, sub, palette: Palette::new(g), ids }
    }

    fn node(&self, n: NodeIndex) -> NodeView<'_> {
        let g = self.g;
        let node = g.node(n);
        NodeView {
            id: self.id(n),
            label: &node.name,
            kind: node.key.kind,
            colour: self.palette.node(g, n),
            size: node_size(g.degree(n)),
            date: attrs::date(&g.data, node),
            url: attrs::url(&g.data, node),
            attrs: self.attributes(n),
        }
    }

    fn id(&self, n: NodeIndex) -> &str {
        &self.ids[n.index()]
    }

    /// The entry's organisation (the one it is coloured by), then its own attributes.
    fn attributes(&self, n: NodeIndex) -> Vec<(&'static str, Value)> {
        let g = self.g;
        let mut a = Vec::new();
        if let Some(o) = palette::home_org(g, n).filter(|o| *o != n) {
            a.push(("organisation", Value::Text(g.node(o).name.clone())));
        }
        a.extend(attrs::attributes(&g.data, g.node(n)));
        a
    }

    /// Per-kind attribute columns of the selected nodes with their types, in order of first
    /// appearance (node order is kind by kind, so the order is fixed for a given set of kinds).
    fn attribute_columns(&self) -> Vec<(&'static str, ValueType)> {
        let mut cols: Vec<(&'static str, ValueType)> = Vec::new();
        // Which attributes a node has depends on which of its values are empty, so every
        // node is asked: a first pass, because XML formats declare columns before the nodes.
        for &n in &self.sub.nodes {
            for (name, v) in self.attributes(n) {
                if !cols.iter().any(|(c, _)| *c == name) {
                    cols.push((name, v.value_type()));
                }
            }
        }
        cols
    }
}

/// `v` as text in `buf`, which hot loops reuse so that writing a value allocates nothing.
fn text(buf: &mut String, v: impl std::fmt::Display) -> &str {
    use std::fmt::Write as _;
    buf.clear();
    write!(buf, "{v}").expect("writing to a String cannot fail");
    buf
}

fn node_size(degree: usize) -> f64 {
    // One decimal keeps the text stable and short.
    ((10.0 + 6.0 * (1.0 + degree as f64).ln()) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(format: Format, g: &KnowledgeGraph) -> Vec<u8> {
        let mut out = Vec::new();
        write(format, g, &Subgraph::all(g), Options::default(), &mut out).unwrap();
        out
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
            for format in Format::ALL {
                proptest::prop_assert!(bytes(format, &g) == bytes(format, &g), "{} differs between runs", format.extension());
            }
            let json: serde_json::Value = serde_json::from_slice(&bytes(Format::Json, &g)).unwrap();
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
