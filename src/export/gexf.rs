//! GEXF 1.3, Gephi's own format: typed attributes, `viz` colour and size, and time.
//!
//! The graph is dynamic with `timeformat="date"`: a dated entry exists from its release or
//! publication month on (a closed interval with no end), an edge from when both its ends
//! exist, so Gephi's timeline replays how the field emerged. Colours are written as r/g/b,
//! never `hex` (networkx's reader fails on it) and never with alpha.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::{Context, NODE_COLUMNS, text};
use crate::attrs::{self, ValueType};
use crate::xml::{Xml, value_type_name};

const NAMESPACE: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";

pub fn write(ctx: &Context, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(w)?;
    x.start("gexf", &[("xmlns", NAMESPACE), ("xmlns:viz", VIZ), ("version", "1.3")])?;
    x.start("meta", &[])?;
    x.text_element("creator", &[], concat!("edge-atlas ", env!("CARGO_PKG_VERSION")))?;
    x.text_element("description", &[], "Awesome-Edge-LLMs knowledge graph")?;
    x.end("meta")?;
    x.start("graph", &[("defaultedgetype", "directed"), ("mode", "dynamic"), ("timeformat", "date")])?;

    // `label` and `color` are GEXF's own node fields and `size` is viz:size, so only the
    // remaining columns are declared.
    let columns: Vec<(&str, ValueType)> =
        NODE_COLUMNS.into_iter().filter(|(n, _)| *n == "kind").chain(ctx.attribute_columns()).collect();
    x.start("attributes", &[("class", "node"), ("mode", "static")])?;
    for (name, t) in &columns {
        x.empty("attribute", &[("id", name), ("title", name), ("type", value_type_name(*t))])?;
    }
    x.end("attributes")?;
    x.start("attributes", &[("class", "edge"), ("mode", "static")])?;
    x.empty("attribute", &[("id", "relation"), ("title", "relation"), ("type", "string")])?;
    x.end("attributes")?;

    // Each node's first day, once: edges start when both their ends exist.
    let mut start = vec![None; ctx.g.node_count()];
    for &n in &ctx.sub.nodes {
        start[n.index()] = attrs::date(&ctx.g.data, ctx.g.node(n)).map(|d| start_date(d.first_day()));
    }
    let mut buf = String::new();
    x.start("nodes", &[("count", itoa::Buffer::new().format(ctx.sub.nodes.len()))])?;
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        let a = [("id", v.id), ("label", v.label)];
        match &start[n.index()] {
            Some(s) => x.start("node", &[a[0], a[1], ("start", s)])?,
            None => x.start("node", &a)?,
        }
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "kind"), ("value", v.kind.as_str())])?;
        for (name, value) in &v.attrs {
            x.empty("attvalue", &[("for", name), ("value", text(&mut buf, value))])?;
        }
        x.end("attvalues")?;
        let (mut r, mut g, mut b) = (itoa::Buffer::new(), itoa::Buffer::new(), itoa::Buffer::new());
        x.empty("viz:color", &[("r", r.format(v.colour.0)), ("g", g.format(v.colour.1)), ("b", b.format(v.colour.2))])?;
        x.empty("viz:size", &[("value", text(&mut buf, v.size))])?;
        x.end("node")?;
    }
    x.end("nodes")?;

    x.start("edges", &[("count", itoa::Buffer::new().format(ctx.sub.edges.len()))])?;
    let mut id = itoa::Buffer::new();
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        let a = [
            ("id", id.format(i)),
            ("source", ctx.id(s)),
            ("target", ctx.id(t)),
            ("label", r.as_str()),
            ("kind", r.as_str()),
        ];
        // An edge can only exist once both its ends do (ISO dates sort as dates; an
        // undated end puts no bound).
        match start[s.index()].as_ref().max(start[t.index()].as_ref()) {
            Some(day) => x.start("edge", &[a[0], a[1], a[2], a[3], a[4], ("start", day)])?,
            None => x.start("edge", &a)?,
        }
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "relation"), ("value", r.as_str())])?;
        x.end("attvalues")?;
        x.end("edge")?;
    }
    x.end("edges")?;
    x.end("graph")?;
    x.end("gexf")?;
    x.finish()
}

fn start_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
