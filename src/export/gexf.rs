//! GEXF 1.3, Gephi's own format: typed attributes, `viz` colour and size, and time.
//!
//! The graph is dynamic with `timeformat="date"`: a dated entry exists from its release or
//! publication month on (a closed interval with no end), an edge from when both its ends
//! exist, so Gephi's timeline replays how the field emerged. Colours are written as r/g/b,
//! never `hex` (networkx's reader fails on it) and never with alpha.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::template::{HOLES, PerRelation, Template};
use super::{Exporter, Info, NODE_COLUMNS, Options, POSITION, Prepared, tenths, value_text};
use crate::attrs::{self, AttrBuf, Value, ValueType};
use crate::model::RelationKind;
use crate::xml::{Tags, Xml, escape_value, value_type_name};

const NAMESPACE: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";

/// GEXF 1.3.
pub struct Gexf;

const INFO: Info =
    Info { name: "gexf", about: "GEXF 1.3 with colours, sizes and time (Gephi's timeline)", files: &[], cost: 4 };

impl Exporter for Gexf {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn write(&self, p: &Prepared, _: Options, _part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, w)
    }
}

fn write(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    let mut x = Xml::new(w)?;
    x.start("gexf", &[("xmlns", NAMESPACE), ("xmlns:viz", VIZ), ("version", "1.3")])?;
    x.start("meta", &[])?;
    x.text_element("creator", &[], concat!("edge-atlas ", env!("CARGO_PKG_VERSION")))?;
    x.text_element("description", &[], "Awesome-Edge-LLMs knowledge graph")?;
    x.end("meta")?;
    x.start("graph", &[("defaultedgetype", "directed"), ("mode", "dynamic"), ("timeformat", "date")])?;

    // `label` and `color` are GEXF's own node fields, `size` is viz:size and a position
    // viz:position, so only the remaining columns are declared.
    let own = |name: &str| POSITION.contains(&name);
    let columns: Vec<(&str, ValueType)> = NODE_COLUMNS
        .into_iter()
        .filter(|(n, _)| *n == "kind")
        .chain(ctx.attribute_columns().iter().copied().filter(|(n, _)| !own(n)))
        .collect();
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
        start[n.index()] = attrs::date(&ctx.g.data, ctx.g.node(n)).map(|d| d.first_day());
    }
    // `<attvalue for="name" value="`, made once per column.
    let attvalue = Tags::new(columns.iter().map(|(name, _)| *name), |name| {
        format!("<attvalue for=\"{}\" value=\"", escape_value(name)).into_bytes()
    });
    let mut buf = String::new();
    let mut a = AttrBuf::default();
    let mut digits = [0; 10];
    x.start("nodes", &[("count", itoa::Buffer::new().format(ctx.sub.nodes.len()))])?;
    for &n in &ctx.sub.nodes {
        let v = ctx.node(n);
        ctx.attributes(n, &mut a);
        let head = [("id", v.id), ("label", v.label)];
        match start[n.index()] {
            Some(s) => x.start("node", &[head[0], head[1], ("start", &day(s, &mut digits))])?,
            None => x.start("node", &head)?,
        }
        x.start("attvalues", &[])?;
        for (name, value) in
            std::iter::once(("kind", Value::Text(v.kind.as_str()))).chain(a.iter()).filter(|(n, _)| !own(n))
        {
            let value = value_text(&mut buf, &value);
            match attvalue.get(name) {
                Some(tag) => x.tagged_text(tag, value, EMPTY_END)?,
                None => x.empty("attvalue", &[("for", name), ("value", value)])?,
            }
        }
        x.end("attvalues")?;
        let (mut r, mut g, mut b) = (itoa::Buffer::new(), itoa::Buffer::new(), itoa::Buffer::new());
        x.empty("viz:color", &[("r", r.format(v.colour.0)), ("g", g.format(v.colour.1)), ("b", b.format(v.colour.2))])?;
        if let Some([px, py]) = v.position {
            x.empty("viz:position", &[("x", &px.to_string()), ("y", &py.to_string())])?;
        }
        x.tagged_text(b"<viz:size value=\"", tenths(&mut buf, v.size), EMPTY_END)?;
        x.end("node")?;
    }
    x.end("nodes")?;

    x.start("edges", &[("count", itoa::Buffer::new().format(ctx.sub.edges.len()))])?;
    let edge = |x: &mut Xml, id: &str, s: &str, t: &str, r: RelationKind, start: Option<&str>| -> io::Result<()> {
        let e = [("id", id), ("source", s), ("target", t), ("label", r.as_str()), ("kind", r.as_str())];
        match start {
            Some(d) => x.start("edge", &[e[0], e[1], e[2], e[3], e[4], ("start", d)])?,
            None => x.start("edge", &e)?,
        }
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "relation"), ("value", r.as_str())])?;
        x.end("attvalues")?;
        x.end("edge")
    };
    // Per relation kind, an edge without a start and one with.
    let [hole_id, hole_s, hole_t, hole_start] = HOLES;
    let templates = ctx.plain_ids.then(|| {
        PerRelation::new(|r| {
            [None, Some(hole_start)].map(|d| {
                Template::new(&x.render(|f| edge(f, hole_id, hole_s, hole_t, r, d)), 3 + usize::from(d.is_some()))
            })
        })
    });
    let mut id = itoa::Buffer::new();
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        // An edge can only exist once both its ends do (an undated end puts no bound).
        let from = start[s.index()].max(start[t.index()]).map(|d| day(d, &mut digits));
        let (s, t, i) = (ctx.id(s), ctx.id(t), id.format(i));
        match (&templates, &from) {
            (Some(templates), Some(d)) => {
                x.raw(|b| templates[r][1].fill(b, &[i.as_bytes(), s.as_bytes(), t.as_bytes(), d.as_bytes()]))?
            }
            (Some(templates), None) => {
                x.raw(|b| templates[r][0].fill(b, &[i.as_bytes(), s.as_bytes(), t.as_bytes()]))?
            }
            (None, _) => edge(&mut x, i, s, t, r, from.as_deref())?,
        }
    }
    x.end("edges")?;
    x.end("graph")?;
    x.end("gexf")?;
    x.finish()
}

/// The end of an empty element whose last attribute's value was just written.
const EMPTY_END: &[u8] = b"\"/>";

/// `d` as GEXF's `date` time format has it, `YYYY-MM-DD` (chrono's `%Y-%m-%d`), in `buf`:
/// without `fmt`, as it is written for millions of edges.
fn day(d: NaiveDate, buf: &mut [u8; 10]) -> Cow<'_, str> {
    if !(0..=9999).contains(&d.year()) {
        // chrono writes a sign and more digits; validated data never gets here.
        return Cow::Owned(d.format("%Y-%m-%d").to_string());
    }
    let digits = |b: &mut [u8], mut n: u32| {
        for c in b.iter_mut().rev() {
            *c = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut buf[0..4], d.year().unsigned_abs());
    buf[4] = b'-';
    digits(&mut buf[5..7], d.month());
    buf[7] = b'-';
    digits(&mut buf[8..10], d.day());
    Cow::Borrowed(std::str::from_utf8(buf).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_written_as_chrono_writes_them() {
        for (y, m, d) in
            [(2024, 6, 1), (1950, 12, 31), (999, 1, 9), (0, 2, 3), (9999, 12, 31), (10000, 1, 1), (-5, 3, 4)]
        {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::day(date, &mut [0; 10]), date.format("%Y-%m-%d").to_string());
        }
    }
}
