//! GraphML for Gephi, networkx, yEd and igraph: typed `<key>` columns, declared up front.
//!
//! Gephi reads the reserved column names `label`, `color` and `size` for nodes and `label`
//! and `weight` for edges. The edge label travels as a `<data>` column, not as a `label`
//! attribute of `<edge>`: the GraphML schema rejects that attribute and Gephi ignores it.

use std::io::{self, Write};

use super::{EDGE_COLUMNS, NODE_COLUMNS, Prepared, text, value_text};
use crate::attrs::{AttrBuf, Value, ValueType};
use crate::xml::{Xml, value_type_name};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

pub fn write(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
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
    let node_keys: Vec<String> = node_columns.iter().map(|(name, _)| key_id("node", name)).collect();
    let node_key = |name: &str| node_columns.iter().position(|(c, _)| *c == name).map_or("", |i| &node_keys[i]);
    let mut buf = String::new();
    let mut a = AttrBuf::default();
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        ctx.attributes(n, &mut a);
        x.start("node", &[("id", v.id)])?;
        x.text_element("data", &[("key", node_key("label"))], v.label)?;
        x.text_element("data", &[("key", node_key("kind"))], v.kind.as_str())?;
        let colour = v.colour.hex();
        x.text_element("data", &[("key", node_key("color"))], std::str::from_utf8(&colour).unwrap_or_default())?;
        x.text_element("data", &[("key", node_key("size"))], text(&mut buf, v.size))?;
        for (name, value) in a.iter() {
            x.text_element("data", &[("key", node_key(name))], value_text(&mut buf, &value))?;
        }
        x.end("node")?;
    }
    let [label, relation, weight] = EDGE_COLUMNS.map(|(name, _)| key_id("edge", name));
    let one = Value::<&str>::Float(1.0).to_string();
    let mut id = String::from("e");
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        id.truncate(1);
        id.push_str(itoa::Buffer::new().format(i));
        x.start("edge", &[("id", &id), ("source", ctx.id(s)), ("target", ctx.id(t))])?;
        x.text_element("data", &[("key", &label)], r.as_str())?;
        x.text_element("data", &[("key", &relation)], r.as_str())?;
        x.text_element("data", &[("key", &weight)], &one)?;
        x.end("edge")?;
    }
    x.end("graph")?;
    x.end("graphml")?;
    x.finish()
}

fn key_id(class: &str, name: &str) -> String {
    format!("{}_{name}", &class[..1])
}

fn key(x: &mut Xml, class: &str, name: &str, t: ValueType) -> io::Result<()> {
    let t = value_type_name(t);
    x.empty("key", &[("id", &key_id(class, name)), ("for", class), ("attr.name", name), ("attr.type", t)])
}
