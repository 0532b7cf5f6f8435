//! Node-link JSON as networkx reads it (`networkx.node_link_graph(data, edges="edges")`):
//! a directed multigraph whose edge keys are the relation kinds. One node or edge per line.

use std::io::{self, Write};

use serde::Serialize;

use super::template::{HOLES, PerRelation, Template};
use super::{Exporter, Info, Options, Prepared};
use crate::attrs::AttrBuf;
use crate::fsx::Blocks;
use crate::model::RelationKind;

/// networkx's node-link JSON.
pub struct Json;

const INFO: Info = Info { name: "json", about: "networkx node-link JSON", files: &[], cost: 2 };

impl Exporter for Json {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn write(&self, p: &Prepared, _: Options, _part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, w)
    }
}

fn write(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Blocks::new(w);
    out.buf.extend_from_slice(
        b"{\"directed\": true, \"multigraph\": true, \"graph\": {\"name\": \"edge-atlas\"},\n\"nodes\": [",
    );
    let mut a = AttrBuf::default();
    for (i, &n) in ctx.sub.nodes.iter().enumerate() {
        let b = &mut out.buf;
        b.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        // A node's fields in export order: id, the common columns, then its attributes.
        let v = ctx.node(n);
        ctx.attributes(n, &mut a);
        b.extend_from_slice(b"{\"id\":");
        string(b, v.id);
        b.extend_from_slice(b",\"label\":");
        string(b, v.label);
        b.extend_from_slice(b",\"kind\":");
        string(b, v.kind.as_str());
        b.extend_from_slice(b",\"color\":\"");
        b.extend_from_slice(&v.colour.hex());
        b.extend_from_slice(b"\",\"size\":");
        value(b, &v.size);
        for (name, x) in a.iter() {
            b.push(b',');
            string(b, name);
            b.push(b':');
            value(b, &x);
        }
        b.push(b'}');
        out.flush_full()?;
    }
    out.buf.extend_from_slice(b"\n],\n\"edges\": [");
    let edge = |b: &mut Vec<u8>, s: &str, t: &str, r: RelationKind| {
        b.extend_from_slice(b"{\"source\":");
        string(b, s);
        b.extend_from_slice(b",\"target\":");
        string(b, t);
        b.extend_from_slice(b",\"key\":");
        string(b, r.as_str());
        b.extend_from_slice(b",\"relation\":");
        string(b, r.as_str());
        b.push(b'}');
    };
    let templates = ctx.plain_ids.then(|| {
        PerRelation::new(|r| {
            let mut b = Vec::new();
            edge(&mut b, HOLES[0], HOLES[1], r);
            Template::new(&b, 2)
        })
    });
    for (i, &(s, r, t)) in ctx.sub.edges.iter().enumerate() {
        let b = &mut out.buf;
        b.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        let (s, t) = (ctx.id(s), ctx.id(t));
        match &templates {
            Some(templates) => templates[r].fill(b, &[s.as_bytes(), t.as_bytes()]),
            None => edge(b, s, t, r),
        }
        out.flush_full()?;
    }
    out.buf.extend_from_slice(b"\n]}\n");
    out.finish()
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn string(b: &mut Vec<u8>, s: &str) {
    value(b, s);
}

/// Appends `v` as serde_json writes it (compact).
fn value(b: &mut Vec<u8>, v: &(impl Serialize + ?Sized)) {
    serde_json::to_writer(b, v).expect("JSON of strings and numbers into a Vec cannot fail");
}
