//! GEXF 1.3, Gephi's own format: typed attributes, `viz` colour and size, and time.
//!
//! The graph is dynamic with `timeformat="date"`: a dated entry exists from its release or
//! publication month on (a closed interval with no end), an edge from when both its ends
//! exist, so Gephi's timeline replays how the field emerged. Colours are written as r/g/b,
//! never `hex` (networkx's reader fails on it) and never with alpha.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::{Context, NODE_COLUMNS};
use crate::attrs::{self, ValueType};
use crate::model::YearMonth;
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

    x.start("nodes", &[("count", &ctx.sub.nodes.len().to_string())])?;
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        let start = v.date.map(|d| start_date(d.first_day()));
        let mut a = vec![("id", v.id.as_str()), ("label", v.label)];
        if let Some(s) = &start {
            a.push(("start", s));
        }
        x.start("node", &a)?;
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "kind"), ("value", v.kind.as_str())])?;
        for (name, value) in &v.attrs {
            x.empty("attvalue", &[("for", name), ("value", &value.to_string())])?;
        }
        x.end("attvalues")?;
        let c = v.colour;
        x.empty("viz:color", &[("r", &c.0.to_string()), ("g", &c.1.to_string()), ("b", &c.2.to_string())])?;
        x.empty("viz:size", &[("value", &v.size.to_string())])?;
        x.end("node")?;
    }
    x.end("nodes")?;

    x.start("edges", &[("count", &ctx.sub.edges.len().to_string())])?;
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        let g = ctx.g;
        let (source, target) = (g.node(s).key.to_string(), g.node(t).key.to_string());
        let id = i.to_string();
        let mut a = vec![("id", id.as_str()), ("source", &source), ("target", &target)];
        a.extend([("label", r.as_str()), ("kind", r.as_str())]);
        // An edge can only exist once both its ends do.
        let day = |n| attrs::date(&g.data, g.node(n)).map(YearMonth::first_day);
        let start = day(s).max(day(t)).map(start_date);
        if let Some(s) = &start {
            a.push(("start", s));
        }
        x.start("edge", &a)?;
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
