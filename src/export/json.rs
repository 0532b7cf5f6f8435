//! Node-link JSON as networkx reads it (`networkx.node_link_graph(data, edges="edges")`):
//! a directed multigraph whose edge keys are the relation kinds. One node or edge per line.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Context, NodeView};

pub fn write(ctx: &Context, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"{\"directed\": true, \"multigraph\": true, \"graph\": {\"name\": \"edge-atlas\"},\n\"nodes\": [")?;
    for (i, &n) in ctx.sub.nodes.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &JsonNode(&ctx.node(n)))?;
    }
    w.write_all(b"\n],\n\"edges\": [")?;
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let edge = [("source", ctx.id(s)), ("target", ctx.id(t)), ("key", r.as_str()), ("relation", r.as_str())];
        serde_json::to_writer(&mut *w, &Ordered(&edge))?;
    }
    w.write_all(b"\n]}\n")
}

/// A node's fields in export order: id, the common columns, then its attributes.
struct JsonNode<'a, 'g>(&'a NodeView<'g>);

impl Serialize for JsonNode<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", v.id)?;
        m.serialize_entry("label", v.label)?;
        m.serialize_entry("kind", v.kind.as_str())?;
        m.serialize_entry("color", &v.colour)?;
        m.serialize_entry("size", &v.size)?;
        for (name, value) in &v.attrs {
            m.serialize_entry(name, value)?;
        }
        m.end()
    }
}

/// String pairs as a JSON object in the given order.
struct Ordered<'a>(&'a [(&'a str, &'a str)]);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
