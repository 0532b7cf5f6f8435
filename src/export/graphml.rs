//! GraphML for Gephi, networkx, yEd and igraph: typed `<key>` columns, declared up front.
//!
//! Gephi reads the reserved column names `label`, `color` and `size` for nodes and `label`
//! and `weight` for edges. The edge label travels as a `<data>` column, not as a `label`
//! attribute of `<edge>`: the GraphML schema rejects that attribute and Gephi ignores it.

use std::io::{self, Write};

use super::{Context, EDGE_COLUMNS, NODE_COLUMNS};
use crate::attrs::{Value, ValueType};
use crate::xml::{Xml, value_type_name};

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

pub fn write(ctx: &Context, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(w)?;
    x.start("graphml", &[("xmlns", NAMESPACE)])?;
    let node_columns: Vec<(&str, ValueType)> = NODE_COLUMNS.into_iter().chain(ctx.attribute_columns()).collect();
    // Key ids carry a prefix: Gephi would take a bare id such as "d3" for yEd's label column.
    for (name, t) in &node_columns {
        key(&mut x, "node", name, *t)?;
    }
    for (name, t) in EDGE_COLUMNS {
        key(&mut x, "edge", name, t)?;
    }
    x.start("graph", &[("id", "edge-atlas"), ("edgedefault", "directed")])?;
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        x.start("node", &[("id", &v.id)])?;
        data(&mut x, "node", "label", v.label)?;
        data(&mut x, "node", "kind", v.kind.as_str())?;
        data(&mut x, "node", "color", &v.colour.to_string())?;
        data(&mut x, "node", "size", &v.size.to_string())?;
        for (name, value) in &v.attrs {
            data(&mut x, "node", name, &value.to_string())?;
        }
        x.end("node")?;
    }
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        let (source, target) = (ctx.g.node(s).key.to_string(), ctx.g.node(t).key.to_string());
        x.start("edge", &[("id", &format!("e{i}")), ("source", &source), ("target", &target)])?;
        data(&mut x, "edge", "label", r.as_str())?;
        data(&mut x, "edge", "relation", r.as_str())?;
        data(&mut x, "edge", "weight", &Value::Float(1.0).to_string())?;
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

fn data(x: &mut Xml, class: &str, name: &str, value: &str) -> io::Result<()> {
    x.text_element("data", &[("key", &key_id(class, name))], value)
}
