//! GraphML for Gephi, networkx, yEd and igraph: typed `<key>` columns, declared up front.
//!
//! Gephi reads the reserved column names `label`, `color` and `size` for nodes and `label`
//! and `weight` for edges. The edge label travels as a `<data>` column, not as a `label`
//! attribute of `<edge>`: the GraphML schema rejects that attribute and Gephi ignores it.

use std::io::{self, Write};

use super::template::{HOLES, PerRelation, Template};
use super::{EDGE_COLUMNS, Exporter, Info, NODE_COLUMNS, Options, Prepared, tenths, value_text};
use crate::attrs::{AttrBuf, Value, ValueType};
use crate::model::RelationKind;
use crate::xml::{Tags, Xml, escape_value, value_type_name};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// GraphML.
pub struct Graphml;

const INFO: Info =
    Info { name: "graphml", about: "GraphML with typed keys (Gephi, networkx, yEd)", files: &[], cost: 3 };

impl Exporter for Graphml {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn write(&self, p: &Prepared, _: Options, _part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, w)
    }
}

fn write(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(w)?;
    x.start("graphml", &[("xmlns", NAMESPACE)])?;
    let node_columns: Vec<(&str, ValueType)> =
        NODE_COLUMNS.into_iter().chain(ctx.attribute_columns().iter().copied()).collect();
    // Key ids carry a prefix: Gephi would take a bare id such as "d3" for yEd's label column.
    for (name, t) in &node_columns {
        key(&mut x, "node", name, *t)?;
    }
    for (name, t) in EDGE_COLUMNS {
        key(&mut x, "edge", name, t)?;
    }
    x.start("graph", &[("id", "edge-atlas"), ("edgedefault", "directed")])?;
    // Each column's start tag, made once: only values are escaped per node.
    let node_tags = Tags::new(node_columns.iter().map(|(name, _)| *name), |name| data_tag(&key_id("node", name)));
    let none = data_tag("");
    let node_tag = |name: &str| node_tags.get(name).unwrap_or(&none);
    let mut buf = String::new();
    let mut a = AttrBuf::default();
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        ctx.attributes(n, &mut a);
        x.start("node", &[("id", v.id)])?;
        x.tagged_text(node_tag("label"), v.label, END)?;
        x.tagged_text(node_tag("kind"), v.kind.as_str(), END)?;
        let colour = v.colour.hex();
        x.tagged_text(node_tag("color"), std::str::from_utf8(&colour).unwrap_or_default(), END)?;
        x.tagged_text(node_tag("size"), tenths(&mut buf, v.size), END)?;
        for (name, value) in a.iter() {
            x.tagged_text(node_tag(name), value_text(&mut buf, &value), END)?;
        }
        x.end("node")?;
    }
    let tags = EDGE_COLUMNS.map(|(name, _)| data_tag(&key_id("edge", name)));
    let one = Value::<&str>::Float(1.0).to_string();
    let edge = |x: &mut Xml, id: &str, s: &str, t: &str, r: RelationKind| -> io::Result<()> {
        x.start("edge", &[("id", id), ("source", s), ("target", t)])?;
        for (tag, value) in tags.iter().zip([r.as_str(), r.as_str(), one.as_str()]) {
            x.tagged_text(tag, value, END)?;
        }
        x.end("edge")
    };
    let [hole_id, hole_s, hole_t, _] = HOLES;
    let templates = ctx.plain_ids.then(|| {
        PerRelation::new(|r| Template::new(&x.render(|f| edge(f, &format!("e{hole_id}"), hole_s, hole_t, r)), 3))
    });
    let mut id = itoa::Buffer::new();
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        let (s, t) = (ctx.id(s), ctx.id(t));
        match &templates {
            Some(templates) => {
                x.raw(|b| templates[r].fill(b, &[id.format(i).as_bytes(), s.as_bytes(), t.as_bytes()]))?
            }
            None => edge(&mut x, &format!("e{i}"), s, t, r)?,
        }
    }
    x.end("graph")?;
    x.end("graphml")?;
    x.finish()
}

/// The end tag of a value.
const END: &[u8] = b"</data>";

/// The start tag of a value of the column `key`.
fn data_tag(key: &str) -> Vec<u8> {
    format!("<data key=\"{}\">", escape_value(key)).into_bytes()
}

fn key_id(class: &str, name: &str) -> String {
    format!("{}_{name}", &class[..1])
}

fn key(x: &mut Xml, class: &str, name: &str, t: ValueType) -> io::Result<()> {
    let t = value_type_name(t);
    x.empty("key", &[("id", &key_id(class, name)), ("for", class), ("attr.name", name), ("attr.type", t)])
}
